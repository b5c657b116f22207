package runtime

import (
	"context"
	"errors"
	goruntime "runtime"
	"strings"
	"testing"
	"time"
)

func TestRunHook(t *testing.T) {
	for _, tt := range []struct {
		name   string
		within time.Duration
		fn     func(context.Context) (int, error)
		want   int
		err    string // the run's recorded error, "" for ok
	}{
		{"answers", time.Second, func(context.Context) (int, error) { return 7, nil }, 7, ""},
		{"fails", time.Second, func(context.Context) (int, error) { return 7, errors.New("no such booking") }, 0, "no such booking"},
		{"fails without text", time.Second, func(context.Context) (int, error) { return 0, errors.New("") }, 0, "failed (an error without text)"},
		{"panics", time.Second, func(context.Context) (int, error) { panic("boom") }, 0, "panic: boom"},
		{"panics with an error", time.Second, func(context.Context) (int, error) { panic(errors.New("bad")) }, 0, "panic: bad"},
		{"panics with nil", time.Second, func(context.Context) (int, error) { panic(nil) }, 0, "panic: panic called with nil argument"},
		{"exits its goroutine", time.Second, func(context.Context) (int, error) { goruntime.Goexit(); return 1, nil }, 0, "the hook's goroutine exited without an answer"},
		{"nil function", time.Second, nil, 0, "panic: runtime error: invalid memory address or nil pointer dereference"},
		{"just in time", 20 * time.Millisecond, func(ctx context.Context) (int, error) { <-ctx.Done(); time.Sleep(5 * time.Millisecond); return 1, nil }, 1, ""},
		{"late", 20 * time.Millisecond, func(ctx context.Context) (int, error) { <-ctx.Done(); time.Sleep(5 * HookGrace); return 1, nil }, 0, "no answer within 20ms"},
		{"fails at its deadline", 20 * time.Millisecond, func(ctx context.Context) (int, error) { <-ctx.Done(); return 0, errors.New("driver: timeout") }, 0, "no answer within 20ms"},
	} {
		tn := NewTurn(context.Background(), nil, "", "")
		got, ok := RunHook(tn, "lookup", tt.within, tt.fn)
		if got != tt.want || ok != (tt.err == "") {
			t.Errorf("%s: RunHook = %d, %v", tt.name, got, ok)
		}
		if len(tn.hooks) != 1 || tn.hooks[0].name != "lookup" || !strings.HasPrefix(tn.hooks[0].err, tt.err) {
			t.Errorf("%s: recorded %+v, want error %q", tt.name, tn.hooks, tt.err)
		}
		// The log's time of a hook cut at its deadline is never under the
		// deadline (tests match it against the deadline).
		if strings.HasPrefix(tt.err, "no answer within") && tn.hooks[0].took < tt.within {
			t.Errorf("%s: took %v, under its deadline %v", tt.name, tn.hooks[0].took, tt.within)
		}
	}
}

func TestRunHookDeadline(t *testing.T) {
	for _, tt := range []struct{ within, want time.Duration }{
		{0, DefaultHookTimeout}, {-time.Second, DefaultHookTimeout}, {time.Second, time.Second}, {time.Hour, MaxHookTimeout},
	} {
		var left time.Duration
		RunHook(NewTurn(context.Background(), nil, "", ""), "h", tt.within, func(ctx context.Context) (struct{}, error) {
			deadline, _ := ctx.Deadline()
			left = time.Until(deadline)
			return struct{}{}, nil
		})
		if left > tt.want || left < tt.want-time.Second/2 {
			t.Errorf("within %v: %v left, want about %v", tt.within, left, tt.want)
		}
	}
}

func TestRunHookRequestEnded(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tn := NewTurn(ctx, nil, "", "")
	_, ok := RunHook(tn, "h", time.Second, func(ctx context.Context) (int, error) {
		cancel()
		select {} // never answers
	})
	if want := "no answer before the request ended (context canceled)"; ok || tn.hooks[0].err != want {
		t.Errorf("RunHook = %v, recorded %q, want %q", ok, tn.hooks[0].err, want)
	}
	var zero Turn // a nil Ctx is context.Background()
	if n, ok := RunHook(&zero, "h", time.Second, func(context.Context) (int, error) { return 3, nil }); n != 3 || !ok {
		t.Errorf("RunHook on the zero Turn = %d, %v", n, ok)
	}
}

func TestRunHookLeavesNoGoroutine(t *testing.T) {
	before := goruntime.NumGoroutine()
	ended := make(chan struct{})
	tn := NewTurn(context.Background(), nil, "", "")
	start := time.Now()
	_, ok := RunHook(tn, "slow", 10*time.Millisecond, func(context.Context) (string, error) {
		defer close(ended)
		time.Sleep(100 * time.Millisecond) // ignores its context
		return "late", nil
	})
	if took := time.Since(start); ok || took > 80*time.Millisecond {
		t.Fatalf("RunHook = %v after %v, want a failure at the deadline", ok, took)
	}
	<-ended
	for range 100 {
		if goruntime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines after the late hook returned, %d before", goruntime.NumGoroutine(), before)
}

func TestHookOutcomes(t *testing.T) {
	tn := NewTurn(context.Background(), nil, "", "")
	RunHook(tn, "lookup", time.Second, func(context.Context) (int, error) { return 1, nil })
	tn.Outcome("lookup", "found")
	RunHook(tn, "charge", time.Second, func(context.Context) (int, error) { return 1, nil })
	tn.HookFailed("charge", errors.New(`amount: "x" is not a number`))
	RunHook(tn, "lookup", time.Second, func(context.Context) (int, error) { return 1, nil })
	tn.Outcome("lookup", "gone") // the second run's
	RunHook(tn, "fails", time.Second, func(context.Context) (int, error) { return 0, errors.New("down") })
	tn.Outcome("fails", "ignored") // a failed run keeps no outcome
	tn.HookFailed("never-run", nil)
	for i := range tn.hooks {
		tn.hooks[i].took = time.Millisecond
	}
	want := `{"msg":"webhook","hooks":{"lookup":{"outcome":"found","ms":1},` +
		`"charge":{"outcome":"","ms":1,"error":"amount: \"x\" is not a number"},"lookup#2":{"outcome":"gone","ms":1},` +
		`"fails":{"outcome":"","ms":1,"error":"down"},"never-run":{"outcome":"","ms":1,"error":"refused"}}}`
	if got := logged(tn.LogAttrs()); got != want {
		t.Errorf("logged\n%s\nwant\n%s", got, want)
	}
}

func TestHookTimeMeasured(t *testing.T) {
	tn := NewTurn(context.Background(), nil, "", "")
	RunHook(tn, "h", time.Second, func(context.Context) (int, error) { time.Sleep(20 * time.Millisecond); return 0, nil })
	if took := tn.hooks[0].took; took < 20*time.Millisecond || took > time.Second {
		t.Errorf("recorded %v for a 20ms hook", took)
	}
}

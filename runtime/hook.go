package runtime

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Hooks run while a webhook waits for its answer, which 8x8 waits for only
// so long. ivrgen checks a hook's "within" against DefaultHookTimeout and
// MaxHookTimeout, and the sum of the hooks run one after another in one
// answer against MaxHookChain.
const (
	DefaultHookTimeout = 3 * time.Second // a hook's deadline when its within is not set
	MaxHookTimeout     = 5 * time.Second // the longest within of one hook
	MaxHookChain       = 8 * time.Second // the longest sum of the withins of hooks run in one answer
)

// hookResult is what a hook's function returned.
type hookResult[R any] struct {
	res R
	err error
}

// HookGrace is how long after its deadline a hook's answer is still taken:
// one that was on its way as the deadline passed (a booking committed at
// the last moment) is heard, not dropped.
const HookGrace = 50 * time.Millisecond

// RunHook calls fn with a context that ends after within (derived from
// t.Ctx), and records the run for the log. within of 0 or less is
// DefaultHookTimeout, and over MaxHookTimeout is MaxHookTimeout. ok is false,
// and the record says why, when fn returns an error, panics, or has not
// returned HookGrace after the deadline; fn is then left to finish on its
// own, its result dropped. Once the deadline has passed, a failure is
// recorded as the deadline, whatever fn said of it.
func RunHook[R any](t *Turn, hook string, within time.Duration, fn func(context.Context) (R, error)) (res R, ok bool) {
	within = hookWithin(within)
	parent := t.Ctx
	if parent == nil {
		parent = context.Background()
	}
	start := time.Now() // before the deadline is set, so a late hook's time is never under within
	ctx, cancel := context.WithTimeout(parent, within)
	defer cancel()
	done := make(chan hookResult[R], 1) // buffered: a late fn does not block
	go callHook(ctx, fn, done)
	var r hookResult[R]
	answered := true
	select {
	case r = <-done:
	case <-ctx.Done():
		grace := time.NewTimer(HookGrace)
		select {
		case r = <-done: // it answered as the deadline passed
		case <-grace.C:
			answered = false
		}
		grace.Stop()
	}
	if !answered || (r.err != nil && ctx.Err() != nil) {
		r = hookResult[R]{err: hookLate(parent, within)}
	}
	t.hooks = append(t.hooks, hookRun{name: hook, took: time.Since(start)})
	if r.err != nil {
		t.hooks[len(t.hooks)-1].err = errorText(r.err)
		return res, false
	}
	return r.res, true
}

// hookWithin bounds a hook's deadline.
func hookWithin(d time.Duration) time.Duration {
	switch {
	case d <= 0:
		return DefaultHookTimeout
	case d > MaxHookTimeout:
		return MaxHookTimeout
	}
	return d
}

// callHook calls fn and sends what it returned, or why it did not return, on
// done.
func callHook[R any](ctx context.Context, fn func(context.Context) (R, error), done chan<- hookResult[R]) {
	returned := false
	defer func() {
		if p := recover(); p != nil {
			done <- hookResult[R]{err: fmt.Errorf("panic: %v", p)}
		} else if !returned {
			done <- hookResult[R]{err: errors.New("the hook's goroutine exited without an answer")}
		}
	}()
	res, err := fn(ctx)
	returned = true
	done <- hookResult[R]{res, err}
}

// hookLate says why a hook's context ended before it answered.
func hookLate(parent context.Context, within time.Duration) error {
	if err := parent.Err(); err != nil {
		return fmt.Errorf("no answer before the request ended (%v)", err)
	}
	return fmt.Errorf("no answer within %s", within)
}

// errorText is err's text, never "" (which the log reads as success).
func errorText(err error) string {
	if msg := err.Error(); msg != "" {
		return msg
	}
	return "failed (an error without text)"
}

// Outcome records the outcome a hook answered (call after a successful
// RunHook).
func (t *Turn) Outcome(hook, outcome string) {
	if r := t.lastRun(hook); r.err == "" {
		r.outcome = outcome
	}
}

// HookFailed records why an answer of a hook was refused after RunHook
// returned ok (a value of the wrong kind, no outcome): the flow takes the
// error branch.
func (t *Turn) HookFailed(hook string, err error) {
	r := t.lastRun(hook)
	r.outcome = ""
	r.err = "refused"
	if err != nil {
		r.err = errorText(err)
	}
}

// lastRun is the hook's last run in the turn; one that RunHook did not
// record is added, taking no time.
func (t *Turn) lastRun(hook string) *hookRun {
	for i := len(t.hooks) - 1; i >= 0; i-- {
		if t.hooks[i].name == hook {
			return &t.hooks[i]
		}
	}
	t.hooks = append(t.hooks, hookRun{name: hook})
	return &t.hooks[len(t.hooks)-1]
}

package runtime_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ivrgen/ivrgen/internal/testflow"
	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

// hooks answers testflow's hook book by the party size: 13 panics, 14
// takes longer than its 1s, 15 answers the zero result, 16 a reference
// that is not 6 digits; any other is booked.
type hooks struct{}

func (hooks) Book(ctx context.Context, in testflow.BookInput) (testflow.BookResult, error) {
	switch in.Party {
	case 13:
		panic("the booking system fell over")
	case 14:
		time.Sleep(1500 * time.Millisecond) // ignores its context, as careless code does
	case 15:
		return testflow.BookResult{}, nil
	case 16:
		return testflow.BookBooked("12"), nil
	}
	return testflow.BookBooked("123456"), nil
}

// TestGoHookFailures: a Go hook that panics, misses its deadline, answers
// nothing or a value of the wrong kind takes its error branch; the caller
// hears it, the server goes on, and the log line says why, at WARN.
func TestGoHookFailures(t *testing.T) {
	f, err := testflow.New(testflow.Numbers{}, hooks{})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	h := ivrruntime.NewHandler(f, ivrruntime.Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil)), Auth: "x"})
	for _, tt := range []struct {
		party, say, level, hookError string
	}{
		{"4", "Booked: 1 2 3 4 5 6.", "INFO", ""},
		{"13", "We could not book.", "WARN", "panic: the booking system fell over"},
		{"14", "We could not book.", "WARN", "no answer within 1s"},
		{"15", "We could not book.", "WARN", "no outcome: the hook answered the zero BookResult"},
		{"16", "We could not book.", "WARN", `ref: "12" is not 6 digits`},
		{"5", "Booked: 1 2 3 4 5 6.", "INFO", ""}, // and the server goes on
	} {
		logs.Reset()
		id := "party"
		for _, digits := range []string{tt.party, "1"} { // the party, then today
			id = answer(t, h, id, digits).ClientActionID
		}
		got := answer(t, h, id, "1") // book it
		if got.Status != http.StatusOK || len(got.Callflow) != 2 || got.Callflow[0].Params.Text != tt.say || got.Callflow[1].Action != "hangup" {
			t.Errorf("party %s: %d %+v, want 200 saying %q, then hangup", tt.party, got.Status, got.Callflow, tt.say)
		}
		lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
		var last struct {
			Level string
			Hooks map[string]struct{ Outcome, Error string }
		}
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
			t.Fatal(err)
		}
		if last.Level != tt.level || last.Hooks["book"].Error != tt.hookError {
			t.Errorf("party %s: logged %s with hook %+v, want %s and error %q", tt.party, last.Level, last.Hooks["book"], tt.level, tt.hookError)
		}
	}
}

type answered struct {
	Status         int
	ClientActionID string `json:"clientActionId"`
	Callflow       []struct {
		Action string
		Params struct{ Text string }
	}
}

func answer(t *testing.T, h http.Handler, id, digits string) answered {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(callAction(id, digits)))
	req.Header.Set("Authorization", "x")
	h.ServeHTTP(rec, req)
	a := answered{Status: rec.Code}
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatalf("%s %s: %v\n%s", id, digits, err, rec.Body)
	}
	return a
}

// TestLogSaysTheHandler: the log line of digits that matched nothing says
// whether the invalid-key or the silence handler answered.
func TestLogSaysTheHandler(t *testing.T) {
	f, err := testflow.New(testflow.Numbers{}, hooks{})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	h := ivrruntime.NewHandler(f, ivrruntime.Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil)), Auth: "x"})
	for digits, want := range map[string]string{"25": "invalid", "*": "invalid", "": "silence", "#": "invalid", "4": ""} {
		logs.Reset()
		answer(t, h, "party", digits)
		var line struct{ Handler string }
		if err := json.Unmarshal(logs.Bytes(), &line); err != nil || line.Handler != want {
			t.Errorf("party %q: logged handler %q (%v), want %q", digits, line.Handler, err, want)
		}
	}
}

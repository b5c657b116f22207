package clinic

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/ivrgen/ivrgen/internal/callflowcheck"
	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

func newFlow(t *testing.T) *Flow {
	t.Helper()
	f, err := New(Numbers{
		VirtualNumber: ivrruntime.MustNumber("+15550100000"),
		Desk:          ivrruntime.MustNumber("+15550100001"),
		Nurse:         ivrruntime.MustNumber("+15550100002"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// startAt is what a new call hears at instant now: the first say, if any,
// and the prompt it is left at. The clock is the turn's, fixed here.
func startAt(t *testing.T, f *Flow, now string) (said, prompt string) {
	t.Helper()
	at, err := time.Parse(time.RFC3339, now)
	if err != nil {
		t.Fatal(err)
	}
	turn := ivrruntime.NewTurn(context.Background(), nil, "", "")
	turn.SetClock(func() time.Time { return at })
	body := f.Start(turn).Body()
	if err := callflowcheck.CheckReply(body); err != nil {
		t.Errorf("8x8 would refuse %s: %v", body, err)
	}
	var r struct {
		Callflow []struct {
			Action string
			Params struct{ Text, PromptMessage string }
		}
	}
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	for _, a := range r.Callflow {
		said += a.Params.Text
		prompt += a.Params.PromptMessage
	}
	return said, prompt
}

const (
	languages  = "For English press 1. Para español oprima 2."
	afterHours = "The clinic is closed. Our hours are 8 to 6 on weekdays and 9 to 12 on Saturdays. For the nurse line press 3."
)

// TestOpeningHours: the calendar read in New York time, whatever the
// server's zone, across the change to daylight time and on the holidays.
func TestOpeningHours(t *testing.T) {
	f := newFlow(t)
	for _, tt := range []struct {
		now, said, prompt string
	}{
		{"2026-12-05T08:59:00-05:00", "", afterHours}, // Saturday, before 09:00
		{"2026-12-05T09:00:00-05:00", "", languages},
		{"2026-12-05T11:59:00-05:00", "", languages},
		{"2026-12-05T12:00:00-05:00", "", afterHours},
		{"2026-12-06T10:00:00-05:00", "", afterHours}, // Sunday
		{"2026-03-06T12:59:00Z", "", afterHours},      // 07:59 EST
		{"2026-03-06T13:00:00Z", "", languages},       // 08:00 EST
		{"2026-03-09T11:59:00Z", "", afterHours},      // 07:59 EDT
		{"2026-03-09T12:00:00Z", "", languages},       // 08:00 EDT
		{"2026-11-02T12:59:00Z", "", afterHours},      // back to EST: 07:59
		{"2026-11-02T13:00:00Z", "", languages},
		{"2026-12-25T10:00:00-05:00", "The clinic is closed for Christmas.", afterHours},
		{"2026-12-31T10:00:00-05:00", "", afterHours},
		{"2027-01-01T10:00:00-05:00", "", afterHours},
		{"2027-01-04T10:00:00-05:00", "", languages},
		{"2026-12-07T15:00:00Z", "", languages}, // in UTC, 10:00 in New York
	} {
		said, prompt := startAt(t, f, tt.now)
		if said != tt.said || prompt != tt.prompt {
			t.Errorf("%s: says %q, prompts %q; want %q, %q", tt.now, said, prompt, tt.said, tt.prompt)
		}
	}
}

package runtime

import (
	"testing"
	"time"
)

func TestFixedClock(t *testing.T) {
	for _, value := range []string{"2026-12-25T08:59:00+08:00", "2026-12-25T00:59:00Z", "2026-12-25T00:59:00.000Z"} {
		clock, err := FixedClock(value)
		if err != nil {
			t.Errorf("FixedClock(%q): %v", value, err)
			continue
		}
		want := time.Date(2026, time.December, 25, 0, 59, 0, 0, time.UTC)
		if a, b := clock(), clock(); !a.Equal(want) || !b.Equal(want) {
			t.Errorf("FixedClock(%q) says %v then %v, want %v", value, a, b, want)
		}
	}
	// The clock keeps the value's offset, so that a log of it reads as the value does.
	if clock, _ := FixedClock("2026-12-25T08:59:00+08:00"); clock().Format(time.RFC3339) != "2026-12-25T08:59:00+08:00" {
		t.Errorf("clock says %s", clock().Format(time.RFC3339))
	}
}

func TestFixedClockErrors(t *testing.T) {
	for _, value := range []string{"", "tomorrow", "2026-12-25", "2026-12-25 08:59:00", "2026-12-25T08:59:00", "2026-02-30T08:59:00Z"} {
		clock, err := FixedClock(value)
		want := `"` + value + `" is not an RFC 3339 time (such as 2026-12-25T08:59:00+08:00, or 2026-12-25T00:59:00Z in UTC)`
		if err == nil || err.Error() != want || clock != nil {
			t.Errorf("FixedClock(%q) = %v; want the error %s", value, err, want)
		}
	}
}

// TestFixedClockOpensACalendar: a fixed clock is what a test of opening
// hours gives the turn.
func TestFixedClockOpensACalendar(t *testing.T) {
	c := MustCalendar("office", "Asia/Singapore", weekdays(Span{hm(9, 0), hm(18, 0)}), nil)
	for value, want := range map[string]bool{"2026-12-25T08:59:00+08:00": false, "2026-12-25T09:00:00+08:00": true} {
		clock, err := FixedClock(value)
		if err != nil {
			t.Fatal(err)
		}
		var turn Turn
		turn.SetClock(clock)
		if open, _ := c.At(turn.Now()); open != want {
			t.Errorf("%s: open %v, want %v", value, open, want)
		}
	}
}

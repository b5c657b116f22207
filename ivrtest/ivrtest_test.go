package ivrtest_test

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ivrgen/ivrgen/examples/clinic"
	"github.com/ivrgen/ivrgen/examples/restaurant"
	"github.com/ivrgen/ivrgen/ivrtest"
	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

func newRestaurant(t *testing.T) *restaurant.Flow {
	f, err := restaurant.New(restaurant.Numbers{VirtualNumber: ivrruntime.MustNumber("+6531591234"), Staff: ivrruntime.MustNumber("+6562345678")})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRestaurant(t *testing.T) {
	cov := ivrtest.NewCoverage(t, "../examples/restaurant/restaurant.ivr")
	f := newRestaurant(t)
	ivrtest.Dial(t, f, cov).Hears("Welcome to ABC Restaurant").In("main").
		Press("2").Hears("next available representative").In("connect").
		Press("1").TransferredTo("+6562345678")
	ivrtest.Dial(t, f, cov).Press("3").Hears("between 9AM and 9PM").HungUp()
	ivrtest.Dial(t, f, cov).Press("1").In("reservations").Press("3").In("main").Silence().Hears("Invalid input").HungUp()
	ivrtest.Dial(t, f, cov).Press("1").Press("1#").In("book_table").Press("9").HungUp()

	want := []string{
		"menu reservations, key 2", "menu reservations, an invalid key", "menu reservations, no input",
		"menu connect, key 2", "menu connect, an invalid key", "menu connect, no input",
		"menu book_table, key 1", "menu book_table, key 2", "menu book_table, no input",
		"menu reschedule_table, key 1", "menu reschedule_table, key 2", "menu reschedule_table, an invalid key", "menu reschedule_table, no input",
		"menu main, an invalid key",
	}
	got := cov.Missed()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("missed\n\t%q\nwant\n\t%q", got, want)
	}
	report := cov.Report()
	if !strings.HasPrefix(report, "restaurant.ivr: calls took 8 of 22 keys, values, handlers, hook outcomes and hours branches (36%)\n") ||
		!strings.Contains(report, "restaurant.ivr:35:5: menu reservations, key 2: never taken\n") {
		t.Errorf("report:\n%s", report)
	}
	if !strings.Contains(report, "restaurant.ivr:39:6: menu connect, no input: never taken\n") {
		t.Errorf("a handler's line is not at its menu:\n%s", report)
	}
}

// recorder is a testing.TB that keeps its failures.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

// Each check fails, saying what the caller got, when the call does not do
// what it says.
func TestChecksFail(t *testing.T) {
	r := &recorder{TB: t}
	call := ivrtest.Dial(r, newRestaurant(t), nil)
	call.Hears("Goodbye").In("connect").HungUp().TransferredTo("+1")
	want := []string{`does not hear "Goodbye"`, "is not in connect", "does not hang up", "is not transferred to +1"}
	if len(r.failures) != len(want) {
		t.Fatalf("failures %q, want %d", r.failures, len(want))
	}
	for i, w := range want {
		if !strings.Contains(r.failures[i], w) || !strings.Contains(r.failures[i], "the caller waits in main") {
			t.Errorf("failure %d: %q, want it saying %q and where the caller is", i, r.failures[i], w)
		}
	}
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
	runtime.Goexit()
}

// Keys no keypad sends, or more than the menu takes, stop the test.
func TestPressOnlyWhatAKeypadSends(t *testing.T) {
	for _, keys := range []string{"12", "x", "1a"} {
		r := &recorder{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			ivrtest.Dial(r, newRestaurant(t), nil).Press(keys)
		}()
		<-done
		if len(r.failures) != 1 || !strings.Contains(r.failures[0], "8x8 cannot send") || !strings.Contains(r.failures[0], "at most 1 key of") {
			t.Errorf("Press(%q): failures %q", keys, r.failures)
		}
	}
}

// At fixes the clock of the call: the clinic is open at 10:00 on a Monday
// in New York, and closed for Christmas.
func TestAt(t *testing.T) {
	f, err := clinic.New(clinic.Numbers{VirtualNumber: ivrruntime.MustNumber("+6531591234"), Desk: ivrruntime.MustNumber("+6562345678"), Nurse: ivrruntime.MustNumber("+6562345679")})
	if err != nil {
		t.Fatal(err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	cov := ivrtest.NewCoverage(t, "../examples/clinic/clinic.ivr")
	call := ivrtest.Dial(t, f, cov, ivrtest.At(time.Date(2026, 12, 7, 10, 0, 0, 0, ny))).In("language")
	if missed := cov.Missed(); !slices.Contains(missed, "hours reception, closed") || slices.Contains(missed, "hours reception, open") {
		t.Errorf("after an open call, missed %q", missed)
	}
	call.Press("1").In("main")
	for range 31 { // turns 30: * (repeat) until the cap
		if call.Last().Menu == "" {
			break
		}
		call.Press("*")
	}
	call.Hears("This call has gone on too long").HungUp()
	ivrtest.Dial(t, f, cov, ivrtest.At(time.Date(2026, 12, 25, 10, 0, 0, 0, ny))).Hears("closed for Christmas").In("after_hours")
	for _, item := range []string{"hours reception, closed", "on turns"} {
		if slices.Contains(cov.Missed(), item) {
			t.Errorf("%s not taken", item)
		}
	}
}

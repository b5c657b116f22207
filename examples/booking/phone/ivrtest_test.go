package phone

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/ivrgen/ivrgen/ivrtest"
	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

// stubHooks answers the flow's hooks as a test says, without a database.
type stubHooks struct {
	book func(BookInput) (BookResult, error)
	find func(FindInput) (FindResult, error)
}

func (s stubHooks) Book(_ context.Context, in BookInput) (BookResult, error) { return s.book(in) }
func (s stubHooks) Find(_ context.Context, in FindInput) (FindResult, error) { return s.find(in) }

func stubbed(t *testing.T, hooks stubHooks) *Flow {
	f, err := New(Numbers{VirtualNumber: ivrruntime.MustNumber("+6531591234"), Staff: ivrruntime.MustNumber("+6562345678")}, hooks)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The line through ivrtest, its hooks stubbed, and what of it the calls
// took: `go test -run TestWithIvrtest -v` prints the coverage report.
func TestWithIvrtest(t *testing.T) {
	cov := ivrtest.NewCoverage(t, "booking.ivr")
	booked := func(in BookInput) (BookResult, error) {
		if in.Party != 4 || in.Day != DayToday {
			t.Errorf("book called with party %d, day %v", in.Party, in.Day)
		}
		return BookBooked("042917"), nil
	}
	t.Run("book a table", func(t *testing.T) {
		call := ivrtest.Dial(t, stubbed(t, stubHooks{book: booked}), cov)
		call.Hears("Welcome to Luigi's").In("main").
			Press("1").Hears("For how many people?").In("party").
			Press("25#").Hears("Please enter a number from 1 to 20.", "For how many people?").In("party").
			Press("4#").Hears("A table for 4.").In("party/confirm").
			Press("1").In("day").
			Press("1").Hears("Your table for 4 is booked for today.", "Your booking reference is 0 4 2 9 1 7.").HungUp()
	})
	t.Run("a full day, then the database down", func(t *testing.T) {
		full := true
		call := ivrtest.Dial(t, stubbed(t, stubHooks{book: func(BookInput) (BookResult, error) {
			if full {
				full = false
				return BookFull(), nil
			}
			return BookResult{}, errors.New("database down")
		}}), cov)
		call.Press("1").Press("4#").Press("1").
			Press("2").Hears("Sorry, we are fully booked tomorrow.").In("day").
			Press("1").Hears("we cannot take bookings just now").TransferredTo("+6562345678")
	})
	t.Run("hear a booking", func(t *testing.T) {
		call := ivrtest.Dial(t, stubbed(t, stubHooks{find: func(in FindInput) (FindResult, error) {
			if in.Reference == "042917" {
				return FindFound(4, "Saturday 5 December"), nil
			}
			return FindUnknown(), nil
		}}), cov)
		call.Press("2").In("reference").
			Press("12").Hears("A booking reference has six digits.").In("reference").
			Press("111111").Hears("We have no booking with the reference 1 1 1 1 1 1.").In("main").
			Press("2").Press("042917").Hears("Booking 0 4 2 9 1 7 is a table for 4 on Saturday 5 December.").HungUp()
	})
	t.Run("staff, and silence", func(t *testing.T) {
		ivrtest.Dial(t, stubbed(t, stubHooks{}), cov).Press("0").TransferredTo("+6562345678")
		ivrtest.Dial(t, stubbed(t, stubHooks{}), cov).Silence().Hears("We did not hear anything. Goodbye.").HungUp()
	})
	t.Log("\n" + cov.Report())
	// What no call above takes: every key of main is pressed, every ask
	// gets a good value, and each hook outcome is met.
	want := []string{
		"menu main, an invalid key",
		"ask party, no input",
		"the read-back of ask party, key 2", "the read-back of ask party, an invalid key", "the read-back of ask party, no input",
		"ask day, an invalid key", "ask day, no input",
		"ask reference, no input",
		"hook find, outcome error",
	}
	if got := cov.Missed(); !slices.Equal(got, want) {
		t.Errorf("missed\n\t%q\nwant\n\t%q", got, want)
	}
}

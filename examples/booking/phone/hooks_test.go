package phone

import (
	"context"
	"testing"
	"time"

	ivrruntime "github.com/ivrgen/ivrgen/runtime"

	"example.com/booking/bookings"
	"example.com/booking/internal/testdb"
)

// "Today" is the restaurant's: at 00:30 in Rome, still Saturday in UTC, a
// table for today is for Sunday.
func TestTodayIsInTheRestaurantsZone(t *testing.T) {
	t.Parallel()
	store, err := bookings.Open(context.Background(), testdb.SQLite(t), bookings.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	utc := time.Date(2026, time.March, 14, 23, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		zone *time.Location
		day  Day
		want bookings.Date
	}{
		{rome, DayToday, bookings.Date{Year: 2026, Month: time.March, Day: 15}},
		{rome, DayTomorrow, bookings.Date{Year: 2026, Month: time.March, Day: 16}},
		{nil, DayToday, bookings.Date{Year: 2026, Month: time.March, Day: 14}}, // UTC
		{mustZone("America/New_York"), DayTomorrow, bookings.Date{Year: 2026, Month: time.March, Day: 15}},
	} {
		h := &StoreHooks{Store: store, Zone: tc.zone, Now: func() time.Time { return utc }}
		r, err := h.Book(context.Background(), BookInput{Call: ivrruntime.Call{Caller: "+6590001111"}, Party: 2, Day: tc.day})
		if err != nil || r.Outcome() != "booked" {
			t.Fatalf("Book in %v, %s = %+v, %v", tc.zone, tc.day, r, err)
		}
		b, err := store.Find(context.Background(), r.ref)
		if err != nil || b.Date != tc.want {
			t.Errorf("%s in %v at %v: booked %+v (%v), want the date %v", tc.day, tc.zone, utc, b, err, tc.want)
		}
	}
}

func TestUnknownDayIsAnError(t *testing.T) {
	t.Parallel()
	store, err := bookings.Open(context.Background(), testdb.SQLite(t), bookings.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	h := &StoreHooks{Store: store}
	if r, err := h.Book(context.Background(), BookInput{Party: 2, Day: "yesterday"}); err == nil {
		t.Errorf("Book(yesterday) = %+v, want an error", r)
	}
}

func TestSpokenDate(t *testing.T) {
	t.Parallel()
	for d, want := range map[bookings.Date]string{
		{Year: 2026, Month: time.March, Day: 14}:    "Saturday 14 March",
		{Year: 2026, Month: time.December, Day: 1}:  "Tuesday 1 December",
		{Year: 2028, Month: time.February, Day: 29}: "Tuesday 29 February",
	} {
		if got := SpokenDate(d); got != want {
			t.Errorf("SpokenDate(%v) = %q, want %q", d, got, want)
		}
	}
}

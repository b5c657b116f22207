package phone

import (
	"context"
	"errors"
	"fmt"
	"time"

	"example.com/booking/bookings"
)

// StoreHooks answers the flow's hooks from the restaurant's database: book
// takes a table for today or tomorrow, find reads a booking back.
type StoreHooks struct {
	Store *bookings.Store
	// Zone is the restaurant's time zone, where "today" is (nil: UTC).
	Zone *time.Location
	// Now is the clock (nil: time.Now); tests fix it.
	Now func() time.Time
}

var _ Hooks = (*StoreHooks)(nil)

// Book takes a table for in.Party on the day the caller chose. in.Key makes
// it idempotent: 8x8 sending the webhook again gets the same booking.
func (h *StoreHooks) Book(ctx context.Context, in BookInput) (BookResult, error) {
	date, err := h.date(in.Day)
	if err != nil {
		return BookResult{}, err
	}
	b, err := h.Store.Book(ctx, bookings.Request{Key: in.Key, Date: date, Party: in.Party, Caller: in.Call.Caller})
	switch {
	case errors.Is(err, bookings.ErrFull):
		return BookFull(), nil
	case err != nil:
		return BookResult{}, err
	}
	return BookBooked(b.Ref), nil
}

// Find reads back the booking with the caller's reference.
func (h *StoreHooks) Find(ctx context.Context, in FindInput) (FindResult, error) {
	b, err := h.Store.Find(ctx, in.Reference)
	switch {
	case errors.Is(err, bookings.ErrNotFound):
		return FindUnknown(), nil
	case err != nil:
		return FindResult{}, err
	}
	return FindFound(b.Party, SpokenDate(b.Date)), nil
}

// date is the day the caller means by day, in the restaurant's time zone.
func (h *StoreHooks) date(day Day) (bookings.Date, error) {
	now := time.Now
	if h.Now != nil {
		now = h.Now
	}
	zone := h.Zone
	if zone == nil {
		zone = time.UTC
	}
	today := bookings.DateOf(now().In(zone))
	switch day {
	case DayToday:
		return today, nil
	case DayTomorrow:
		return today.AddDays(1), nil
	}
	return bookings.Date{}, fmt.Errorf("no day %q", day)
}

// SpokenDate is a date as the caller hears it: "Saturday 14 March".
func SpokenDate(d bookings.Date) string {
	return fmt.Sprintf("%s %d %s", d.Weekday(), d.Day, d.Month)
}

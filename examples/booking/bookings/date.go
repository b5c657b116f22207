package bookings

import (
	"fmt"
	"time"
)

// Date is a day of the calendar, in the restaurant's time zone: what a
// booking is for.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a date written YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// String writes d as YYYY-MM-DD, as the database holds it.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// AddDays is the date n days after d (before, for n < 0).
func (d Date) AddDays(n int) Date {
	return DateOf(d.noon().AddDate(0, 0, n))
}

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.noon().Weekday() }

// valid reports whether d is a day of the calendar (not 30 February).
func (d Date) valid() bool { return DateOf(d.noon()) == d && d.Year >= 1 && d.Year <= 9999 }

func (d Date) noon() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

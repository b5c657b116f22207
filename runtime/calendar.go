package runtime

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Span is a time of day when the calendar is open: minutes after midnight,
// From < To <= 1440 (24:00). It includes its From minute and excludes its
// To minute, so that 09:00-12:00 and 12:00-17:00 meet without overlapping.
type Span struct{ From, To int }

// Date is a civil date, no time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Closure is a dated closure (a holiday): the calendar is closed from From
// to To inclusive, whatever the week says.
type Closure struct {
	From, To Date
	Message  int // the index of its message among the generated flow's texts; -1 when it has none
}

// Calendar is named opening hours in an IANA time zone. NewCalendar builds
// one; it is never changed after, so calls may share it.
type Calendar struct {
	name   string
	loc    *time.Location
	week   [7][]Span  // each day's spans, sorted by From
	closed []dayRange // closures[i] as day numbers, in the caller's order
}

// dayRange is a closure's dates as dayKey numbers, which compare as the
// dates do, so that At tests a date without building a time.Time.
type dayRange struct{ from, to int }

// dayKey numbers a valid date so that a later date has a larger number.
func dayKey(year int, month time.Month, day int) int {
	return year*10000 + int(month)*100 + day
}

// NewCalendar checks and builds a calendar. week[d] are the open spans of
// weekday d (time.Sunday = 0), in any order; they must not overlap; a day
// with none is closed. It returns an error naming what is wrong (unknown
// zone, a span out of range or overlapping, a closure whose To is before
// From, an invalid date such as 2026-02-30); it names every fault, not only
// the first, so that one run shows all there is to fix.
func NewCalendar(name, zone string, week [7][]Span, closures []Closure) (*Calendar, error) {
	var errs []error
	fault := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("calendar %q: "+format, append([]any{name}, args...)...))
	}
	c := &Calendar{name: name}
	// LoadLocation reads "" as UTC and "Local" as the server's own zone:
	// neither is a zone the flow's author chose, so both are refused.
	if zone == "" || zone == "Local" {
		fault("time zone %q is not an IANA zone name such as Asia/Singapore", zone)
	} else if loc, err := time.LoadLocation(zone); err != nil {
		fault("time zone %q: %v", zone, err)
	} else {
		c.loc = loc
	}
	for d, spans := range week {
		day := time.Weekday(d)
		sorted := slices.Clone(spans) // the caller's slice stays the caller's
		slices.SortFunc(sorted, func(a, b Span) int {
			if a.From != b.From {
				return a.From - b.From
			}
			return a.To - b.To // so that an error names the spans in one order
		})
		// last is the valid span so far that ends latest: one that starts
		// before it ends overlaps it, even when spans in between do not.
		last := -1
		for i, s := range sorted {
			switch {
			case s.From < 0:
				fault("%s %s: starts before 00:00", day, spanText(s))
			case s.To > 24*60:
				fault("%s %s: ends after 24:00", day, spanText(s))
			case s.From >= s.To:
				fault("%s %s: From is not before To", day, spanText(s))
			default:
				if last >= 0 && sorted[last].To > s.From {
					fault("%s %s and %s overlap", day, spanText(sorted[last]), spanText(s))
				}
				if last < 0 || s.To > sorted[last].To {
					last = i
				}
			}
		}
		c.week[d] = sorted
	}
	c.closed = make([]dayRange, len(closures))
	for i, cl := range closures {
		ok := true
		for _, d := range []Date{cl.From, cl.To} {
			if !validDate(d) {
				fault("closure %d: %s is not a date", i, dateText(d))
				ok = false
			}
		}
		from, to := dayKey(cl.From.Year, cl.From.Month, cl.From.Day), dayKey(cl.To.Year, cl.To.Month, cl.To.Day)
		if ok && to < from {
			fault("closure %d: To %s is before From %s", i, dateText(cl.To), dateText(cl.From))
		}
		if cl.Message < -1 {
			fault("closure %d: message index %d (-1 means none)", i, cl.Message)
		}
		c.closed[i] = dayRange{from, to}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// MustCalendar is NewCalendar for generated code, whose calendars ivrgen
// checked: it panics on an error.
func MustCalendar(name, zone string, week [7][]Span, closures []Closure) *Calendar {
	c, err := NewCalendar(name, zone, week, closures)
	if err != nil {
		panic(err)
	}
	return c
}

// Name returns the calendar's name.
func (c *Calendar) Name() string { return c.name }

// At reports whether the calendar is open at instant now, read in the
// calendar's zone, and, when a dated closure closed it, that closure's index
// in closures (else -1); of closures that overlap, the first one given wins.
// A span includes its From minute and excludes its To minute: 09:00-17:00 is
// open at 09:00 and at 16:59, closed at 17:00. A dated closure wins over the
// week. On a night the clocks change, the calendar follows the wall clock:
// an hour the clocks skip is never open, and one they repeat is open twice.
func (c *Calendar) At(now time.Time) (open bool, closure int) {
	// In only swaps the location: At allocates nothing.
	t := now.In(c.loc)
	year, month, day := t.Date()
	today := dayKey(year, month, day)
	for i, r := range c.closed {
		if r.from <= today && today <= r.to {
			return false, i
		}
	}
	hour, minute, _ := t.Clock()
	m := hour*60 + minute
	for _, s := range c.week[t.Weekday()] {
		if s.From <= m && m < s.To {
			return true, -1
		}
	}
	return false, -1
}

// validDate reports whether d is a day of the calendar: not 30 February,
// nor month 13.
func validDate(d Date) bool {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	y, m, day := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Date()
	return y == d.Year && m == d.Month && day == d.Day
}

// dateText writes d as YYYY-MM-DD, for errors.
func dateText(d Date) string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// spanText writes s as HH:MM-HH:MM, for errors.
func spanText(s Span) string { return clockText(s.From) + "-" + clockText(s.To) }

// clockText writes minutes after midnight as HH:MM; a value out of range
// shows as it is, such as -00:05 or 25:00, so that the error names it.
func clockText(m int) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%02d:%02d", sign, m/60, m%60)
}

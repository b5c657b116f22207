package runtime

import (
	"strings"
	"testing"
	"time"

	// The tests load zones on machines without /usr/share/zoneinfo too;
	// the runtime itself leaves the 450 KB database to generated code.
	_ "time/tzdata"
)

// hm is h:m as minutes after midnight.
func hm(h, m int) int { return h*60 + m }

// weekdays opens Monday to Friday with spans.
func weekdays(spans ...Span) (w [7][]Span) {
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = spans
	}
	return w
}

// everyDay opens all seven days with spans.
func everyDay(spans ...Span) (w [7][]Span) {
	for d := range w {
		w[d] = spans
	}
	return w
}

func mustParse(t testing.TB, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func TestCalendarAt(t *testing.T) {
	office := MustCalendar("office", "Asia/Singapore", weekdays(Span{hm(9, 0), hm(18, 0)}), nil)
	var split [7][]Span
	split[time.Monday] = []Span{{hm(13, 0), hm(17, 0)}, {hm(9, 0), hm(12, 0)}} // out of order on purpose
	lunch := MustCalendar("lunch", "Asia/Singapore", split, nil)
	allDay := MustCalendar("all day", "Asia/Singapore", everyDay(Span{0, 24 * 60}), nil)
	holidays := MustCalendar("holidays", "Asia/Singapore", everyDay(Span{hm(9, 0), hm(18, 0)}), []Closure{
		{From: Date{2026, time.December, 25}, To: Date{2026, time.December, 25}, Message: 3},
		{From: Date{2026, time.December, 31}, To: Date{2027, time.January, 1}, Message: -1},
	})
	newYork := MustCalendar("new york", "America/New_York", everyDay(Span{hm(9, 0), hm(17, 0)}), nil)
	var night [7][]Span
	night[time.Sunday] = []Span{{hm(1, 0), hm(3, 0)}}
	nightNY := MustCalendar("night", "America/New_York", night, nil)
	var early [7][]Span
	early[time.Sunday] = []Span{{hm(1, 0), hm(2, 0)}}
	earlyNY := MustCalendar("early", "America/New_York", early, nil)

	for _, tt := range []struct {
		cal     *Calendar
		at      string
		open    bool
		closure int
	}{
		// 2026-03-02 is a Monday, 2026-03-07 a Saturday.
		{office, "2026-03-02T08:59:00+08:00", false, -1},
		{office, "2026-03-02T09:00:00+08:00", true, -1},
		{office, "2026-03-02T17:59:59+08:00", true, -1},
		{office, "2026-03-02T18:00:00+08:00", false, -1},
		{office, "2026-03-02T01:00:00Z", true, -1}, // 09:00 in Singapore
		{office, "2026-03-07T10:00:00+08:00", false, -1},
		{office, "2026-03-06T23:59:00-08:00", false, -1}, // Saturday 15:59 in Singapore

		{lunch, "2026-03-02T11:59:00+08:00", true, -1},
		{lunch, "2026-03-02T12:00:00+08:00", false, -1},
		{lunch, "2026-03-02T12:30:00+08:00", false, -1},
		{lunch, "2026-03-02T13:00:00+08:00", true, -1},
		{lunch, "2026-03-02T16:59:00+08:00", true, -1},
		{lunch, "2026-03-02T17:00:00+08:00", false, -1},

		{allDay, "2026-03-02T00:00:00+08:00", true, -1},
		{allDay, "2026-03-02T23:59:59+08:00", true, -1},

		// 2026-12-25 is a Friday; the week alone would open it.
		{holidays, "2026-12-24T10:00:00+08:00", true, -1},
		{holidays, "2026-12-25T00:00:00+08:00", false, 0},
		{holidays, "2026-12-25T10:00:00+08:00", false, 0},
		{holidays, "2026-12-25T23:59:00+08:00", false, 0},
		{holidays, "2026-12-26T10:00:00+08:00", true, -1},
		{holidays, "2026-12-30T10:00:00+08:00", true, -1},
		{holidays, "2026-12-31T10:00:00+08:00", false, 1},
		{holidays, "2027-01-01T10:00:00+08:00", false, 1},
		{holidays, "2027-01-02T10:00:00+08:00", true, -1},
		{holidays, "2026-12-25T02:00:00Z", false, 0}, // 10:00 in Singapore
		{holidays, "2026-12-24T16:00:00Z", false, 0}, // midnight in Singapore, still the 24th in UTC

		// The clocks go forward on 2026-03-08 at 02:00 EST.
		{newYork, "2026-03-07T13:59:00Z", false, -1}, // 08:59 EST
		{newYork, "2026-03-07T14:00:00Z", true, -1},  // 09:00 EST
		{newYork, "2026-03-07T21:59:00Z", true, -1},  // 16:59 EST
		{newYork, "2026-03-07T22:00:00Z", false, -1}, // 17:00 EST
		{newYork, "2026-03-08T12:59:00Z", false, -1}, // 08:59 EDT
		{newYork, "2026-03-08T13:00:00Z", true, -1},  // 09:00 EDT
		{newYork, "2026-03-08T20:59:00Z", true, -1},  // 16:59 EDT
		{newYork, "2026-03-08T21:00:00Z", false, -1}, // 17:00 EDT
		// They go back on 2026-11-01 at 02:00 EDT.
		{newYork, "2026-10-31T12:59:00Z", false, -1}, // 08:59 EDT
		{newYork, "2026-10-31T13:00:00Z", true, -1},  // 09:00 EDT
		{newYork, "2026-11-01T13:59:00Z", false, -1}, // 08:59 EST
		{newYork, "2026-11-01T14:00:00Z", true, -1},  // 09:00 EST
		{newYork, "2026-11-01T21:59:00Z", true, -1},  // 16:59 EST
		{newYork, "2026-11-01T22:00:00Z", false, -1}, // 17:00 EST

		// 01:00-03:00 on the night 02:00-03:00 does not exist.
		{nightNY, "2026-03-08T05:59:00Z", false, -1}, // 00:59 EST
		{nightNY, "2026-03-08T06:00:00Z", true, -1},  // 01:00 EST
		{nightNY, "2026-03-08T06:30:00Z", true, -1},  // 01:30 EST
		{nightNY, "2026-03-08T06:59:00Z", true, -1},  // 01:59 EST
		{nightNY, "2026-03-08T07:00:00Z", false, -1}, // 03:00 EDT
		// 01:00-02:00 on the night it happens twice: open both times.
		{earlyNY, "2026-11-01T05:30:00Z", true, -1},  // 01:30 EDT
		{earlyNY, "2026-11-01T06:30:00Z", true, -1},  // 01:30 EST
		{earlyNY, "2026-11-01T07:00:00Z", false, -1}, // 02:00 EST
	} {
		open, closure := tt.cal.At(mustParse(t, tt.at))
		if open != tt.open || closure != tt.closure {
			t.Errorf("%s at %s: At = %v, %d; want %v, %d", tt.cal.Name(), tt.at, open, closure, tt.open, tt.closure)
		}
	}
}

// TestCalendarClosureMessage: the index At returns finds the closure, and
// with it the message to say.
func TestCalendarClosureMessage(t *testing.T) {
	closures := []Closure{
		{From: Date{2026, time.December, 24}, To: Date{2026, time.December, 24}, Message: -1},
		{From: Date{2026, time.December, 25}, To: Date{2026, time.December, 25}, Message: 3},
		{From: Date{2026, time.December, 20}, To: Date{2026, time.December, 31}, Message: 7}, // overlaps both
	}
	c := MustCalendar("holidays", "Asia/Singapore", everyDay(Span{0, 24 * 60}), closures)
	for _, tt := range []struct {
		at      string
		closure int
		message int
	}{
		{"2026-12-24T10:00:00+08:00", 0, -1},
		{"2026-12-25T10:00:00+08:00", 1, 3},
		{"2026-12-26T10:00:00+08:00", 2, 7},
	} {
		open, i := c.At(mustParse(t, tt.at))
		if open || i != tt.closure || closures[i].Message != tt.message {
			t.Errorf("at %s: At = %v, %d; want false, %d (message %d)", tt.at, open, i, tt.closure, tt.message)
		}
	}
}

// TestCalendarOwnsItsSpans: changing the slices given after NewCalendar
// changes nothing.
func TestCalendarOwnsItsSpans(t *testing.T) {
	spans := []Span{{hm(9, 0), hm(17, 0)}}
	c := MustCalendar("office", "Asia/Singapore", weekdays(spans...), nil)
	spans[0] = Span{hm(20, 0), hm(21, 0)}
	if open, _ := c.At(mustParse(t, "2026-03-02T10:00:00+08:00")); !open {
		t.Error("closed at 10:00 after the caller reused its slice")
	}
	if c.Name() != "office" {
		t.Errorf("Name = %q", c.Name())
	}
}

func TestNewCalendarErrors(t *testing.T) {
	day := func(spans ...Span) (w [7][]Span) {
		w[time.Tuesday] = spans
		return w
	}
	christmas := Date{2026, time.December, 25}
	for _, tt := range []struct {
		zone     string
		week     [7][]Span
		closures []Closure
		want     string
	}{
		{"Mars/Olympus", day(), nil, `calendar "c": time zone "Mars/Olympus": unknown time zone Mars/Olympus`},
		{"", day(), nil, `calendar "c": time zone "" is not an IANA zone name such as Asia/Singapore`},
		{"Local", day(), nil, `calendar "c": time zone "Local" is not an IANA zone name`},
		{"UTC", day(Span{hm(9, 0), hm(9, 0)}), nil, `calendar "c": Tuesday 09:00-09:00: From is not before To`},
		{"UTC", day(Span{hm(17, 0), hm(9, 0)}), nil, `calendar "c": Tuesday 17:00-09:00: From is not before To`},
		{"UTC", day(Span{hm(22, 0), hm(24, 30)}), nil, `calendar "c": Tuesday 22:00-24:30: ends after 24:00`},
		{"UTC", day(Span{-5, hm(9, 0)}), nil, `calendar "c": Tuesday -00:05-09:00: starts before 00:00`},
		{"UTC", day(Span{hm(13, 0), hm(17, 0)}, Span{hm(9, 0), hm(13, 30)}), nil, `calendar "c": Tuesday 09:00-13:30 and 13:00-17:00 overlap`},
		{"UTC", day(Span{hm(9, 0), hm(17, 0)}, Span{hm(9, 0), hm(10, 0)}), nil, `calendar "c": Tuesday 09:00-10:00 and 09:00-17:00 overlap`},
		{"UTC", day(Span{hm(9, 0), hm(17, 0)}, Span{hm(10, 0), hm(11, 0)}, Span{hm(12, 0), hm(13, 0)}), nil, `calendar "c": Tuesday 09:00-17:00 and 12:00-13:00 overlap`},
		{"UTC", day(), []Closure{{From: christmas, To: Date{2026, time.December, 24}, Message: -1}},
			`calendar "c": closure 0: To 2026-12-24 is before From 2026-12-25`},
		{"UTC", day(), []Closure{{From: christmas, To: christmas, Message: -1}, {From: Date{2026, time.February, 30}, To: Date{2026, time.March, 2}, Message: -1}},
			`calendar "c": closure 1: 2026-02-30 is not a date`},
		{"UTC", day(), []Closure{{From: christmas, To: Date{2026, 13, 1}, Message: -1}}, `calendar "c": closure 0: 2026-13-01 is not a date`},
		{"UTC", day(), []Closure{{From: Date{2026, time.January, 0}, To: christmas, Message: -1}}, `calendar "c": closure 0: 2026-01-00 is not a date`},
		{"UTC", day(), []Closure{{From: christmas, To: christmas, Message: -2}}, `calendar "c": closure 0: message index -2 (-1 means none)`},
	} {
		c, err := NewCalendar("c", tt.zone, tt.week, tt.closures)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewCalendar(%q, %v, %v) = %v, %v; want an error with %q", tt.zone, tt.week, tt.closures, c, err, tt.want)
		}
		if c != nil {
			t.Errorf("NewCalendar(%q, %v, %v) returned a calendar with its error", tt.zone, tt.week, tt.closures)
		}
	}
}

// TestNewCalendarNamesEveryFault: one error lists all that is wrong.
func TestNewCalendarNamesEveryFault(t *testing.T) {
	var w [7][]Span
	w[time.Monday] = []Span{{hm(9, 0), hm(8, 0)}}
	w[time.Friday] = []Span{{0, 24*60 + 1}}
	_, err := NewCalendar("office", "Mars/Olympus", w, []Closure{{From: Date{2026, time.February, 29}, To: Date{2026, time.March, 1}, Message: -1}})
	if err == nil {
		t.Fatal("no error")
	}
	want := `calendar "office": time zone "Mars/Olympus": unknown time zone Mars/Olympus
calendar "office": Monday 09:00-08:00: From is not before To
calendar "office": Friday 00:00-24:01: ends after 24:00
calendar "office": closure 0: 2026-02-29 is not a date`
	if err.Error() != want {
		t.Errorf("error:\n%s\nwant:\n%s", err, want)
	}
}

func TestNewCalendarAccepts(t *testing.T) {
	var w [7][]Span
	w[time.Monday] = []Span{{hm(12, 0), hm(17, 0)}, {hm(9, 0), hm(12, 0)}} // they meet at 12:00
	w[time.Sunday] = []Span{{0, 24 * 60}}
	closures := []Closure{
		{From: Date{2028, time.February, 29}, To: Date{2028, time.February, 29}, Message: 0}, // a leap day
		{From: Date{2026, time.December, 31}, To: Date{2027, time.January, 1}, Message: -1},
	}
	c, err := NewCalendar("office", "Asia/Singapore", w, closures)
	if err != nil {
		t.Fatal(err)
	}
	if open, _ := c.At(mustParse(t, "2026-03-02T12:00:00+08:00")); !open {
		t.Error("closed at 12:00, where two spans meet")
	}
	if open, i := c.At(mustParse(t, "2028-02-29T10:00:00+08:00")); open || i != 0 {
		t.Errorf("2028-02-29: At = %v, %d; want false, 0", open, i)
	}
}

func TestMustCalendarPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(error).Error(), "Mars/Olympus") {
			t.Errorf("recovered %v", r)
		}
	}()
	MustCalendar("c", "Mars/Olympus", [7][]Span{}, nil)
}

// TestCalendarAtAllocates nothing: it runs on every call that reaches an
// hours branch.
func TestCalendarAtAllocates(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	c := MustCalendar("office", "America/New_York", weekdays(Span{hm(9, 0), hm(12, 0)}, Span{hm(13, 0), hm(17, 0)}),
		[]Closure{{From: Date{2026, time.December, 25}, To: Date{2026, time.December, 25}, Message: 3}})
	now := mustParse(t, "2026-03-02T15:30:00Z")
	if allocs := testing.AllocsPerRun(100, func() { c.At(now) }); allocs != 0 {
		t.Errorf("At allocates %v times a call", allocs)
	}
}

func BenchmarkCalendarAt(b *testing.B) {
	c := MustCalendar("office", "America/New_York", weekdays(Span{hm(9, 0), hm(12, 0)}, Span{hm(13, 0), hm(17, 0)}), []Closure{
		{From: Date{2026, time.January, 1}, To: Date{2026, time.January, 1}, Message: 0},
		{From: Date{2026, time.July, 3}, To: Date{2026, time.July, 3}, Message: 1},
		{From: Date{2026, time.December, 24}, To: Date{2026, time.December, 26}, Message: 2},
	})
	now := mustParse(b, "2026-03-02T15:30:00Z")
	b.ReportAllocs()
	for b.Loop() {
		c.At(now)
	}
}

package dsl

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zones are checked the same on every machine
	"unicode"
)

// Opening hours: calendar NAME "ZONE" { ... } declares them, hours NAME
// CALENDAR { open -> ...; closed -> ... } is a place that branches on them.

var weekdays = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// declareCalendar checks a calendar: its zone, its week, its closures.
func (c *checker) declareCalendar(d *CalDecl, at Pos) {
	goName, ok := c.declare(d.Name, "calendar")
	if !ok {
		return
	}
	cal := &Calendar{Name: d.Name.Name, GoName: goName, Pos: posOf(d.Name.Pos)}
	written := map[time.Weekday]Pos{}
	var zoneAt *Pos
	for _, it := range d.Items {
		if it.Zone != nil {
			p := posOf(it.Pos)
			if zoneAt != nil {
				c.errorf(p, "calendar %s already has its zone at line %d", cal.Name, zoneAt.Line)
				continue
			}
			zoneAt = &p
			c.zone(cal, it.Zone)
			continue
		}
		if it.Closed != nil {
			if cl := c.closure(it.Closed); cl != nil {
				cal.Closures = append(cal.Closures, cl)
			}
			continue
		}
		c.weekHours(cal, it, written)
	}
	if zoneAt == nil && !c.q.menu(at).all {
		c.errorf(cal.Pos, "calendar %s has no zone: add zone \"Area/City\", the IANA time zone its hours are in (such as \"Europe/London\")", cal.Name)
	}
	c.calendars[cal.Name] = cal
	c.flow.Calendars = append(c.flow.Calendars, cal)
}

// zone checks a calendar's time zone against the zone database built into
// ivrgen, the same as the servers'.
func (c *checker) zone(cal *Calendar, s *Str) {
	zone, ok := c.str(s)
	if !ok {
		return
	}
	if _, err := time.LoadLocation(zone); err != nil || zone == "" || zone == "Local" {
		if near := nearZone(zone); near != "" {
			c.errorf(s.posOf(), "unknown time zone %q (did you mean %q?)", zone, near)
			return
		}
		c.errorf(s.posOf(), "unknown time zone %q: use an IANA name such as \"Europe/London\" or \"Asia/Singapore\"", zone)
		return
	}
	cal.Zone = zone
}

// nearZone is the zone a misspelt name probably means, written as IANA
// writes it: America/New_York for America/NewYork, america/new york or
// AMERICA/NEW_YORK; "" when none is found.
func nearZone(zone string) string {
	parts := strings.Split(strings.ReplaceAll(strings.TrimSpace(zone), " ", "_"), "/")
	for i, p := range parts {
		var b strings.Builder
		for j, r := range p {
			if j > 0 && unicode.IsUpper(r) && unicode.IsLower(rune(p[j-1])) {
				b.WriteByte('_') // NewYork: New_York
			}
			b.WriteRune(r)
		}
		words := strings.Split(b.String(), "_")
		for k, w := range words {
			if len(w) > 0 {
				words[k] = strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
			}
		}
		parts[i] = strings.Join(words, "_")
	}
	near := strings.Join(parts, "/")
	if _, err := time.LoadLocation(near); err != nil || near == zone || !strings.Contains(near, "/") {
		return ""
	}
	return near
}

// weekHours reads DAYS SPAN, SPAN...: mon-fri 09:00-17:00.
func (c *checker) weekHours(cal *Calendar, it *CalItem, written map[time.Weekday]Pos) {
	days, ok := c.days(it.Days)
	if !ok {
		return
	}
	var spans []Span
	for _, cl := range it.Spans {
		if s, ok := c.span(cl); ok {
			spans = append(spans, s)
		}
	}
	for i, a := range spans {
		for _, b := range spans[i+1:] {
			if a.From < b.To && b.From < a.To {
				c.errorf(posOf(it.Pos), "the hours %s overlap: write each time once", clockSpans(spans))
				return
			}
		}
	}
	for _, d := range days {
		if first, dup := written[d]; dup {
			c.errorf(posOf(it.Days.Pos), "%s already has its hours at line %d: give a day's hours on one line, as in mon 09:00-12:00, 13:00-17:00", shortDay(d), first.Line)
			continue
		}
		written[d] = posOf(it.Pos)
		cal.Week[d] = spans
	}
}

// days reads mon, mon-fri or daily.
func (c *checker) days(n *Name) ([]time.Weekday, bool) {
	p := posOf(n.Pos)
	if n.Name == "daily" {
		return []time.Weekday{0, 1, 2, 3, 4, 5, 6}, true
	}
	from, to, isRange := strings.Cut(n.Name, "-")
	a, okA := weekdays[from]
	b, okB := weekdays[to]
	if !okA || isRange && !okB || strings.Contains(to, "-") {
		c.errorf(p, "%s is not a day: write mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri, or daily", n.Name)
		return nil, false
	}
	if !isRange {
		return []time.Weekday{a}, true
	}
	var out []time.Weekday
	for d := a; ; d = (d + 1) % 7 {
		out = append(out, d)
		if d == b {
			return out, true
		}
	}
}

// span reads HH:MM-HH:MM.
func (c *checker) span(cl *Clock) (Span, bool) {
	p := posOf(cl.Pos)
	from, to, _ := strings.Cut(cl.Span, "-")
	a, okA := minutes(from)
	b, okB := minutes(to)
	switch {
	case !okA || !okB:
		c.errorf(p, "%s is not a time of day: write HH:MM-HH:MM, from 00:00 to 24:00", cl.Span)
	case a >= b:
		c.errorf(p, "%s ends before it begins: a span ends on its day (to 24:00); split one that runs past midnight", cl.Span)
	default:
		return Span{From: a, To: b}, true
	}
	return Span{}, false
}

// minutes reads HH:MM as minutes after midnight, 24:00 included.
func minutes(hhmm string) (int, bool) {
	h, m, ok := strings.Cut(hhmm, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || mm > 59 || hh > 24 || hh == 24 && mm != 0 {
		return 0, false
	}
	return hh*60 + mm, true
}

// closure reads closed DATE[..DATE] ["MESSAGE"].
func (c *checker) closure(d *Closed) *Closure {
	p := posOf(d.Pos)
	from, to, isRange := strings.Cut(d.Dates, "..")
	if !isRange {
		to = from
	}
	a, errA := time.Parse(time.DateOnly, from)
	b, errB := time.Parse(time.DateOnly, to)
	switch {
	case errA != nil && strings.Contains(errA.Error(), "out of range"):
		c.errorf(p, "%s", noSuchDate(from))
		return nil
	case errB != nil && strings.Contains(errB.Error(), "out of range"):
		c.errorf(p, "%s", noSuchDate(to))
		return nil
	case errA != nil || errB != nil: // not reached: the lexer takes only NNNN-NN-NN, which fails only out of range
		c.errorf(p, "%s is not a date: write YYYY-MM-DD, or a range YYYY-MM-DD..YYYY-MM-DD", d.Dates)
		return nil
	case b.Before(a):
		c.errorf(p, "%s ends before it begins", d.Dates)
		return nil
	}
	cl := &Closure{From: from, To: to, Pos: p}
	if d.Message != nil {
		cl.Message, _ = c.textLit(d.Message, "closure message")
		if len(cl.Message.Vars()) > 0 {
			c.errorf(posOf(d.Message.Pos), "a closure message speaks no variable: it is said before any menu")
		}
		ctx := voiceCtx{profile: c.global.voice, speed: pick(defaultSpeed, c.global.speed), unknown: unknown("voice", c.global)}
		cl.Voice = c.resolveVoice(ctx, nil, nil, posOf(d.Message.Pos))
	}
	return cl
}

// noSuchDate says why date, written YYYY-MM-DD, is no day of the
// calendar: its month, its day 00, or a day past the end of its month.
func noSuchDate(date string) string {
	switch month, day := date[5:7], date[8:10]; {
	case month < "01" || month > "12":
		return fmt.Sprintf("there is no month %s: months are 01 to 12", month)
	case day == "00":
		return fmt.Sprintf("there is no %s: the days of a month start at 01", date)
	}
	return fmt.Sprintf("there is no %s: that month has fewer days", date)
}

// hoursBody checks an hours branch: its calendar and both ways.
func (c *checker) hoursBody(h *Hours, d *HoursDecl, at Pos, file voiceCtx) {
	h.Calendar = c.calendars[d.Calendar.Name]
	if h.Calendar == nil && !c.q.name(d.Calendar.Name) {
		c.errorf(posOf(d.Calendar.Pos), "unknown calendar %s%s", d.Calendar.Name, suggest(d.Calendar.Name, keysOf(c.calendars)))
	}
	for _, it := range d.Items {
		o := c.target(it.Target, file)
		switch {
		case it.When == "open" && h.Open != nil:
			c.errorf(posOf(it.Pos), "hours %s already says open at line %d", h.Name, h.Open.Pos.Line)
		case it.When == "open":
			h.Open = o
		case h.Closed != nil:
			c.errorf(posOf(it.Pos), "hours %s already says closed at line %d", h.Name, h.Closed.Pos.Line)
		default:
			h.Closed = o
		}
	}
	quiet := c.q.menu(at).all
	for _, w := range []struct {
		name string
		o    **Outcome
	}{{"open", &h.Open}, {"closed", &h.Closed}} {
		if *w.o == nil {
			if !quiet {
				c.errorf(h.Pos, "hours %s has no %s: add %s -> NAME, where the caller goes when the calendar is %s", h.Name, w.name, w.name, w.name)
			}
			*w.o = &Outcome{Pos: h.Pos, End: &Hangup{Pos: h.Pos}} // stands in, for the checks that follow
		}
	}
}

func (c *checker) declareHours(d *HoursDecl) *Hours {
	goName, ok := c.declare(d.Name, "hours")
	if !ok {
		return nil
	}
	h := &Hours{Name: d.Name.Name, GoName: goName, Pos: posOf(d.Name.Pos)}
	c.hours[h.Name] = h
	c.flow.Hours = append(c.flow.Hours, h)
	return h
}

func shortDay(d time.Weekday) string { return strings.ToLower(d.String()[:3]) }

func clockSpans(spans []Span) string {
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = fmt.Sprintf("%02d:%02d-%02d:%02d", s.From/60, s.From%60, s.To/60, s.To%60)
	}
	return strings.Join(parts, ", ")
}

package codegen

import (
	"fmt"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/ivrgen/ivrgen/dsl"
)

// calendars writes each calendar's dated closures and the Flow fields that
// hold the calendars and their messages.
func (g *gen) calendars() {
	if len(g.flow.Calendars) == 0 {
		return
	}
	g.f.Anon("time/tzdata") // the zones, built in: a bare container knows them too
	for _, c := range g.flow.Calendars {
		doc(g.f, "%s are the dated closures of calendar %s (%s); Message is the index of\n"+
			"what the caller hears in Flow.%s, -1 for nothing.", closuresVar(c), c.Name, where(c.Pos), closedField(c))
		g.f.Var().Id(closuresVar(c)).Op("=").Index().Qual(rt, "Closure").ValuesFunc(func(v *jen.Group) {
			msg := 0
			for _, cl := range c.Closures {
				index := -1
				if !cl.Message.IsZero() {
					index, msg = msg, msg+1
				}
				v.Line().Comment(where(cl.Pos)).Line().Add(keyed([]field{{"From", date(cl.From)}, {"To", date(cl.To)}, {"Message", jen.Lit(index)}}, false))
			}
			if len(c.Closures) > 0 {
				v.Line()
			}
		})
	}
}

// calendarFields are the Flow fields of the calendars.
func (g *gen) calendarFields(s *jen.Group) {
	for _, c := range g.flow.Calendars {
		s.Commentf("%s is calendar %s (%s), in %s.", calendarField(c), c.Name, where(c.Pos), c.Zone)
		s.Id(calendarField(c)).Op("*").Qual(rt, "Calendar")
		if messages(c) > 0 {
			s.Commentf("%s are the messages of its closures.", closedField(c))
			s.Id(closedField(c)).Index(jen.Lit(messages(c))).Qual(rt, "Template")
		}
	}
}

// newCalendars builds the calendars in New.
func (g *gen) newCalendars(b *jen.Group) {
	for _, c := range g.flow.Calendars {
		b.Id("f").Dot(calendarField(c)).Op("=").Qual(rt, "MustCalendar").Call(
			jen.Lit(c.Name), jen.Lit(c.Zone), week(c), jen.Id(closuresVar(c)))
	}
}

// newClosures builds the closures' messages in the language being written.
func (g *gen) newClosures(b *jen.Group) {
	for _, c := range g.flow.Calendars {
		i := 0
		for _, cl := range c.Closures {
			if cl.Message.IsZero() {
				continue
			}
			say := &dsl.Say{Pos: cl.Pos, Text: cl.Message, Voice: cl.Voice}
			b.Id("f").Dot(closedField(c)).Index(jen.Lit(i)).Op("=").Qual(rt, "NewTemplate").Call(g.stepExpr(say))
			i++
		}
	}
}

// week is a calendar's [7][]ivrruntime.Span, Sunday first.
func week(c *dsl.Calendar) jen.Code {
	return jen.Index(jen.Lit(7)).Index().Qual(rt, "Span").ValuesFunc(func(v *jen.Group) {
		for d, spans := range c.Week {
			if len(spans) == 0 {
				continue
			}
			v.Line().Add(weekday(d)).Op(":").ValuesFunc(func(s *jen.Group) {
				for _, sp := range spans {
					s.Add(keyed([]field{{"From", jen.Lit(sp.From)}, {"To", jen.Lit(sp.To)}}, false))
				}
			})
		}
		v.Line()
	})
}

func weekday(d int) jen.Code {
	return jen.Qual("time", time.Weekday(d).String())
}

// date writes a YYYY-MM-DD as an ivrruntime.Date.
func date(ymd string) jen.Code {
	var y, m, d int
	fmt.Sscanf(ymd, "%d-%d-%d", &y, &m, &d)
	return jen.Qual(rt, "Date").Add(keyed([]field{{"Year", jen.Lit(y)}, {"Month", jen.Qual("time", monthName(m))}, {"Day", jen.Lit(d)}}, false))
}

func monthName(m int) string {
	return [...]string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}[m-1]
}

func messages(c *dsl.Calendar) int {
	n := 0
	for _, cl := range c.Closures {
		if !cl.Message.IsZero() {
			n++
		}
	}
	return n
}

func closuresVar(c *dsl.Calendar) string { return "closures" + c.GoName }
func closedField(c *dsl.Calendar) string { return "closed" + c.GoName }

// hoursMethods writes the method of each hours branch: open or closed by
// its calendar at the turn's time, a closure's message first.
func (g *gen) hoursMethods() {
	for _, h := range g.flow.Hours {
		c := h.Calendar
		doc(g.f, "%s takes hours %s (%s): open or closed by calendar %s at the time of the call.", hoursName(h), h.Name, where(h.Pos), c.Name)
		g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id(hoursName(h)).Params(turnParams()...).Qual(rt, "Reply").BlockFunc(func(b *jen.Group) {
			b.List(jen.Id("open"), jen.Id("closure")).Op(":=").Id("f").Dot(calendarField(c)).Dot("At").Call(jen.Id("t").Dot("Now").Call())
			b.Id("t").Dot("Hours").Call(jen.Lit(h.Name), jen.Id("open")).Comment("for the log line")
			b.If(jen.Id("open")).Block(jen.Return(g.continueWith(h.Open)))
			if messages(c) > 0 {
				msg := jen.Id(closuresVar(c)).Index(jen.Id("closure")).Dot("Message")
				b.If(jen.Id("closure").Op(">=").Lit(0).Op("&&").Add(msg).Op(">=").Lit(0)).Block(
					jen.Id("b").Dot("Add").Call(jen.Id("f").Dot(closedField(c)).Index(msg.Clone())),
				)
			} else {
				b.Id("_").Op("=").Id("closure").Comment("calendar " + c.Name + " has no closure messages")
			}
			b.Return(g.continueWith(h.Closed))
		})
	}
}

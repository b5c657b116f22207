package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/ivrgen/ivrgen/dsl"
)

// collect gives a Flow field to every outcome that needs its own reply: all
// but a bare goto, which is the target menu's entry reply. Handlers shared by
// several menus get one field.
func (g *gen) collect() {
	add := func(o *dsl.Outcome, name, doc string) {
		if _, done := g.fields[o]; done || bareGoto(o) != nil {
			return
		}
		g.fields[o] = name
		g.docs[o] = doc
		g.order = append(g.order, o)
	}
	for _, m := range g.flow.Menus {
		for _, b := range m.Keys {
			add(b.Then, keyField(m, b.Key), fmt.Sprintf("menu %s, key %s (%s)", m.Name, b.Key, where(b.Pos)))
		}
		add(m.Invalid, handlerField(m.Invalid), describeHandler(m.Invalid))
		add(m.Silence, handlerField(m.Silence), describeHandler(m.Silence))
	}
}

// bareGoto returns the menu an outcome goes to when it does nothing else.
func bareGoto(o *dsl.Outcome) *dsl.Menu {
	if gt, ok := o.End.(*dsl.Goto); ok && len(o.Steps) == 0 {
		return gt.Menu
	}
	return nil
}

// replyExpr is how a handler returns an outcome's reply.
func (g *gen) replyExpr(o *dsl.Outcome) *jen.Statement {
	if m := bareGoto(o); m != nil {
		return jen.Id("f").Dot("enter").Index(jen.Id(menuConst(m)))
	}
	return jen.Id("f").Dot(g.fields[o])
}

// flowType writes the Flow struct and New, which marshals every reply.
func (g *gen) flowType() {
	g.collect()
	doc(g.f, "Flow answers the %s flow's CALL_ACTION webhooks. Every callflow it answers\n"+
		"with was marshalled once, by New.", g.flow.Name)
	g.f.Type().Id("Flow").StructFunc(func(s *jen.Group) {
		s.Comment("enter puts the caller in each menu.")
		s.Id("enter").Index(jen.Len(jen.Id("menuNames"))).Qual(rt, "Reply")
		for _, o := range g.order {
			s.Comment(g.docs[o])
			s.Id(g.fields[o]).Qual(rt, "Reply")
		}
	})
	g.f.Var().Id("_").Qual(rt, "Flow").Op("=").Parens(jen.Op("*").Id("Flow")).Parens(jen.Nil())

	g.f.Comment("New builds the flow's replies with these numbers, each marshalled once.")
	g.f.Func().Id("New").Params(jen.Id("n").Id("Numbers")).Params(jen.Op("*").Id("Flow"), jen.Error()).BlockFunc(func(b *jen.Group) {
		g.checkNumbers(b)
		b.Id("f").Op(":=").Op("&").Id("Flow").Values()
		b.For(jen.Id("m").Op(":=").Range().Id("menuNames")).Block(
			jen.Id("f").Dot("enter").Index(jen.Id("m")).Op("=").Qual(rt, "NewReply").Call(
				jen.Id("menuNames").Index(jen.Id("m")), jen.Id("captures").Index(jen.Id("m"))),
		)
		for _, o := range g.order {
			b.Comment(g.docs[o])
			b.Id("f").Dot(g.fields[o]).Op("=").Add(g.newReply(o))
		}
		b.Return(jen.Id("f"), jen.Nil())
	})
}

// checkNumbers makes New refuse a zero Number for any number it dials.
func (g *gen) checkNumbers(b *jen.Group) {
	if len(g.vars) == 0 {
		return
	}
	b.Var().Id("unset").Index().String()
	for _, v := range g.vars {
		b.If(jen.Id("n").Dot(v.field).Dot("IsZero").Call()).Block(
			jen.Id("unset").Op("=").Append(jen.Id("unset"), jen.Lit(v.field)))
	}
	b.If(jen.Len(jen.Id("unset")).Op(">").Lit(0)).Block(
		jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(
			jen.Lit(g.flow.Name+": numbers not set: %s"),
			jen.Qual("strings", "Join").Call(jen.Id("unset"), jen.Lit(", ")))))
}

// newReply builds an outcome's callflow: its steps, then its end.
func (g *gen) newReply(o *dsl.Outcome) *jen.Statement {
	id, end := endExpr(o.End)
	args := append([]jen.Code{id}, stepExprs(o.Steps)...)
	args = append(args, end)
	return jen.Qual(rt, "NewReply").CallFunc(func(c *jen.Group) {
		for _, a := range args {
			c.Line().Add(a)
		}
		c.Line()
	})
}

// endExpr returns the clientActionId and the last action of an end.
func endExpr(e dsl.End) (id, action jen.Code) {
	switch e := e.(type) {
	case *dsl.Goto:
		return jen.Id(menuConst(e.Menu)).Dot("String").Call(), jen.Id("captures").Index(jen.Id(menuConst(e.Menu)))
	case *dsl.Transfer:
		return jen.Qual(rt, "TransferPrefix").Op("+").Lit(e.Number.Name), jen.Qual(rt, "MakeCall").Add(keyed([]field{
			{"Source", jen.Id("n").Dot("VirtualNumber")},
			{"Destination", numberExpr(e.Number)},
		}, false))
	}
	return jen.Lit(""), jen.Qual(rt, "Hangup").Values()
}

func stepExprs(steps []dsl.Step) []jen.Code {
	out := make([]jen.Code, len(steps))
	for i, s := range steps {
		out[i] = stepExpr(s)
	}
	return out
}

func stepExpr(s dsl.Step) jen.Code {
	switch s := s.(type) {
	case *dsl.Say:
		fs := []field{{"Text", jen.Lit(s.Text)}, {"VoiceProfile", jen.Lit(s.Voice.Profile)}, {"Speed", jen.Lit(s.Voice.Speed)}}
		if s.Repeat != 0 {
			fs = append(fs, field{"Repetition", jen.Lit(s.Repeat)})
		}
		return jen.Qual(rt, "Say").Add(keyed(fs, false))
	case *dsl.Play:
		fs := []field{{"FileURL", jen.Lit(s.URL)}}
		if s.Repeat != 0 {
			fs = append(fs, field{"Repetition", jen.Lit(s.Repeat)})
		}
		return jen.Qual(rt, "PlayFile").Add(keyed(fs, false))
	}
	panic(fmt.Sprintf("ivrgen bug: unknown step %T", s))
}

// describeHandler says in a comment where a handler comes from.
func describeHandler(o *dsl.Outcome) string {
	if o.Menu == nil {
		return fmt.Sprintf("on %s (%s), for menus without their own", o.Handler, where(o.Pos))
	}
	return fmt.Sprintf("menu %s, on %s (%s)", o.Menu.Name, o.Handler, where(o.Pos))
}

func handlerField(o *dsl.Outcome) string {
	if o.Menu == nil {
		return o.Handler
	}
	return lowerFirst(o.Menu.GoName) + "_" + o.Handler
}

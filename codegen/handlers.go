package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/ivrgen/ivrgen/dsl"
)

// handlers writes one method per menu and the ivrruntime.Flow methods that
// dispatch to them.
func (g *gen) handlers() {
	for _, m := range g.flow.Menus {
		g.handler(m)
	}
	start := jen.Id(menuConst(g.flow.Start))

	g.f.Comment("answers are the menus' handlers, in Menu order.")
	g.f.Var().Id("answers").Op("=").Index(jen.Op("...")).Func().Params(jen.Op("*").Id("Flow"), jen.String()).
		Qual(rt, "Reply").ValuesFunc(func(v *jen.Group) {
		for _, m := range g.flow.Menus {
			v.Line().Id(menuConst(m)).Op(":").Parens(jen.Op("*").Id("Flow")).Dot(handlerName(m))
		}
		v.Line()
	})

	doc(g.f, "Name returns the flow's name, ivr %s in %s.", g.flow.Name, g.source())
	g.f.Func().Params(jen.Op("*").Id("Flow")).Id("Name").Params().String().Block(jen.Return(jen.Lit(g.flow.Name)))

	doc(g.f, "Start returns the reply that puts a new caller in the start menu, %s.", g.flow.Start.Name)
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id("Start").Params().Qual(rt, "Reply").Block(
		jen.Return(jen.Id("f").Dot("enter").Index(start.Clone())))

	g.f.Comment("Enter returns the reply that puts the caller in menu m.")
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id("Enter").Params(jen.Id("m").Id("Menu")).Qual(rt, "Reply").Block(
		jen.Return(jen.Id("f").Dot("enter").Index(jen.Id("m"))))

	g.f.Comment("AnswerMenu returns the reply to digits captured in menu m; \"\" is no input.")
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id("AnswerMenu").Params(jen.Id("m").Id("Menu"), jen.Id("digits").String()).
		Qual(rt, "Reply").Block(jen.Return(jen.Id("answers").Index(jen.Id("m")).Call(jen.Id("f"), jen.Id("digits"))))

	doc(g.f, "Answer returns the reply to digits captured in the menu whose clientActionId\nis menu; \"\" is the start menu. ok is false when no menu has that id.")
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id("Answer").Params(jen.Id("menu"), jen.Id("digits").String()).
		Params(jen.Qual(rt, "Reply"), jen.Bool()).Block(
		jen.Id("m").Op(":=").Add(start.Clone()),
		jen.If(jen.Id("menu").Op("!=").Lit("")).Block(
			jen.Var().Id("ok").Bool(),
			jen.If(jen.List(jen.Id("m"), jen.Id("ok")).Op("=").Id("ParseMenu").Call(jen.Id("menu")), jen.Op("!").Id("ok")).Block(
				jen.Return(jen.Qual(rt, "Reply").Values(), jen.False())),
		),
		jen.Return(jen.Id("f").Dot("AnswerMenu").Call(jen.Id("m"), jen.Id("digits")), jen.True()),
	)

	g.f.Comment("StartCapture is the start menu's capture, for outbound calls.")
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id("StartCapture").Params().Qual(rt, "SayAndCapture").Block(
		jen.Return(jen.Id("captures").Index(start.Clone())))
}

// handler writes the method answering one menu: a switch on the keys, then
// the menu's answer to no input and to any other key.
func (g *gen) handler(m *dsl.Menu) {
	doc(g.f, "%s answers menu %s (%s).", handlerName(m), m.Name, where(m.Pos))
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id(handlerName(m)).Params(jen.Id("digits").String()).
		Qual(rt, "Reply").BlockFunc(func(b *jen.Group) {
		if m.Capture.CompleteOnHash {
			b.Id("digits").Op("=").Qual("strings", "TrimSuffix").Call(jen.Id("digits"), jen.Lit("#")).
				Comment("# ends the input here; it is not a key")
		}
		silenceOwn := m.Silence != m.Invalid
		if len(m.Keys) > 0 || silenceOwn {
			b.Switch(jen.Id("digits")).BlockFunc(func(s *jen.Group) {
				for _, k := range m.Keys {
					s.Case(jen.Lit(k.Key)).Comment(where(k.Pos)).Line().Return(g.replyExpr(k.Then))
				}
				if silenceOwn {
					s.Case(jen.Lit("")).Comment(fmt.Sprintf("no input (%s)", where(m.Silence.Pos))).
						Line().Return(g.replyExpr(m.Silence))
				}
			})
		}
		doc := "any other key"
		if !silenceOwn {
			doc += ", and no input"
		}
		b.Comment(fmt.Sprintf("%s (%s)", doc, where(m.Invalid.Pos)))
		b.Return(g.replyExpr(m.Invalid))
	})
}

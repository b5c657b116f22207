package codegen

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ivrgen/ivrgen/dsl"
)

// variables writes the vars struct, which holds what a call has given so
// far, and a type for each choice.
func (g *gen) variables() {
	doc(g.f, "vars are the values a call has given so far: the variables of %s. The\n"+
		"clientActionId of each menu carries those set on every way into it.", g.source())
	g.f.Type().Id("vars").StructFunc(func(s *jen.Group) {
		for _, v := range g.flow.Vars {
			s.Commentf("%s is %s.", varField(v), describeVar(v))
			s.Id(varField(v)).Add(varType(v))
		}
	})
	for _, v := range g.flow.Vars {
		if v.Kind.Type == dsl.ChoiceKind {
			g.choice(v)
		}
	}
}

// describeVar says what a variable holds and where it is set: "ask party
// (booking.ivr:19): a number from 1 to 20".
func describeVar(v *dsl.Var) string {
	return fmt.Sprintf("%s (%s): %s", v.From, where(v.Pos), kindText(v))
}

// kindText says what a variable holds: "a number from 1 to 20".
func kindText(v *dsl.Var) string {
	what := v.Kind.Words()
	if v.Kind.Type == dsl.ChoiceKind { // its Go constants, not its names
		consts := make([]string, len(v.Kind.Choices))
		for i, ch := range v.Kind.Choices {
			consts[i] = choiceConst(v, ch)
		}
		what = "one of " + strings.Join(consts, ", ")
	}
	if v.Secret {
		what += ", secret (never logged)"
	}
	return what
}

// varType is the Go type of a variable.
func varType(v *dsl.Var) *jen.Statement {
	switch v.Kind.Type {
	case dsl.NumberKind:
		return jen.Int()
	case dsl.ChoiceKind:
		return jen.Id(choiceType(v))
	}
	return jen.String()
}

// choice writes the type of a choice variable, its constants, and how a
// say speaks each.
func (g *gen) choice(v *dsl.Var) {
	t := choiceType(v)
	g.f.Commentf("%s is a value of %s (%s).", t, v.From, where(v.Pos))
	g.f.Type().Id(t).String()
	g.f.Comment("The values of " + t + ", with the keys that give them.")
	g.f.Const().DefsFunc(func(d *jen.Group) {
		for _, ch := range v.Kind.Choices {
			d.Id(choiceConst(v, ch)).Id(t).Op("=").Lit(ch.Name).Comment(fmt.Sprintf("key %s (%s)", ch.Key, where(ch.Pos)))
		}
	})
	g.f.Commentf("spoken is how a say speaks the value.")
	g.f.Func().Params(jen.Id("c").Id(t)).Id("spoken").Params().String().Block(
		jen.Switch(jen.Id("c")).BlockFunc(func(s *jen.Group) {
			for _, ch := range v.Kind.Choices {
				s.Case(jen.Id(choiceConst(v, ch))).Block(jen.Return(jen.Lit(ch.Spoken)))
			}
		}),
		jen.Return(jen.String().Call(jen.Id("c"))),
	)
	g.f.Commentf("read reads a value of %s named name from st.", t)
	g.f.Func().Params(jen.Id("c").Op("*").Id(t)).Id("read").Params(jen.Id("st").Op("*").Qual(rt, "State"), jen.Id("name").String()).Bool().Block(
		jen.Var().Id("s").String(),
		jen.Id("ok").Op(":=").Id("st").Dot("Choice").CallFunc(func(a *jen.Group) {
			a.Id("name")
			a.Op("&").Id("s")
			for _, ch := range v.Kind.Choices {
				a.Id(choiceConst(v, ch)).Dot("String").Call()
			}
		}),
		jen.Op("*").Id("c").Op("=").Id(t).Call(jen.Id("s")),
		jen.Return(jen.Id("ok")),
	)
	g.f.Commentf("String returns the value's name in %s.", g.source())
	g.f.Func().Params(jen.Id("c").Id(t)).Id("String").Params().String().Block(jen.Return(jen.String().Call(jen.Id("c"))))
}

// vexpr is variable v in the vars at v.
func vexpr(v *dsl.Var) *jen.Statement { return jen.Id("v").Dot(varField(v)) }

// textExpr is the string a text speaks, its variables read from v: in a
// flow of several languages, a call of the text's helper, which picks the
// caller's.
func (g *gen) textExpr(t dsl.Text) *jen.Statement {
	if len(g.flow.Langs) < 2 {
		return oneText(t)
	}
	return jen.Id("f").Dot(g.textName(t)).Call(jen.Id("v"))
}

// oneText is the string a text in one language speaks.
func oneText(t dsl.Text) *jen.Statement {
	var parts []jen.Code
	for _, p := range t.Parts {
		if p.Var == nil {
			parts = append(parts, jen.Lit(p.Lit))
			continue
		}
		parts = append(parts, spoken(p))
	}
	e := jen.Add(parts[0])
	for _, p := range parts[1:] {
		e = e.Op("+").Add(p)
	}
	return e
}

// spoken is how a say speaks one variable.
func spoken(p dsl.TextPart) *jen.Statement {
	x := vexpr(p.Var)
	switch k := p.Var.Kind.Type; {
	case k == dsl.NumberKind && p.Form == dsl.AsDigits:
		return jen.Qual(rt, "SpellNumber").Call(x)
	case k == dsl.NumberKind:
		return jen.Qual("strconv", "Itoa").Call(x)
	case k == dsl.DigitsKind && p.Form == dsl.AsNumber:
		return jen.Qual(rt, "DigitsAsNumber").Call(x)
	case k == dsl.DigitsKind:
		return jen.Qual(rt, "SpellDigits").Call(x)
	case k == dsl.ChoiceKind:
		return x.Dot("spoken").Call()
	}
	return x
}

// logged is a variable's value as the log shows it.
func logged(v *dsl.Var) *jen.Statement {
	switch v.Kind.Type {
	case dsl.NumberKind:
		return jen.Qual("strconv", "Itoa").Call(vexpr(v))
	case dsl.ChoiceKind:
		return jen.String().Call(vexpr(v))
	}
	return vexpr(v)
}

// logVar records v for the log line, masked when it is secret.
func logVar(v *dsl.Var) *jen.Statement {
	if v.Secret {
		return jen.Id("t").Dot("SecretVar").Call(jen.Lit(v.Name))
	}
	return jen.Id("t").Dot("Var").Call(jen.Lit(v.Name), logged(v))
}

// state writes how each menu's clientActionId is written and read: enter
// methods for the menus whose entry varies, and vars.load.
func (g *gen) state() {
	for _, m := range g.flow.Menus {
		if !staticMenu(m) {
			g.enter(m)
		}
	}
	if !g.stateful() {
		return
	}
	doc(g.f, "load reads from st the values menu m needs, checking each against its kind,\n"+
		"and records them for the log. It reports false (st.Err says why) when one is\n"+
		"missing or does not fit: a clientActionId altered, or from a flow that changed.")
	g.f.Func().Params(jen.Id("v").Op("*").Id("vars")).Id("load").Params(
		jen.Id("t").Op("*").Qual(rt, "Turn"), jen.Id("m").Id("Menu"), jen.Id("st").Op("*").Qual(rt, "State"),
	).Bool().BlockFunc(func(b *jen.Group) {
		b.Switch(jen.Id("m")).BlockFunc(func(s *jen.Group) {
			for _, m := range g.flow.Menus {
				if len(m.Needs) == 0 {
					continue
				}
				s.Case(jen.Id(menuConst(m))).BlockFunc(func(c *jen.Group) {
					var reads []jen.Code
					for _, v := range m.Needs {
						reads = append(reads, readVar(v))
					}
					cond := jen.Op("!").Add(reads[0])
					if len(reads) > 1 {
						all := jen.Add(reads[0])
						for _, r := range reads[1:] {
							all = all.Op("&&").Add(r)
						}
						cond = jen.Op("!").Parens(all)
					}
					c.If(cond).Block(jen.Return(jen.False()))
					for _, v := range m.Needs {
						c.Add(logVar(v))
					}
				})
			}
		})
		b.Return(jen.True())
	})
}

// stateful reports whether any menu's clientActionId carries values.
func (g *gen) stateful() bool {
	for _, m := range g.flow.Menus {
		if len(m.Needs) > 0 {
			return true
		}
	}
	return false
}

// readVar reads v from st into vars, checking its kind.
func readVar(v *dsl.Var) *jen.Statement {
	k, name, dst := v.Kind, jen.Lit(v.Name), jen.Op("&").Add(vexpr(v))
	switch k.Type {
	case dsl.NumberKind:
		return jen.Id("st").Dot("Int").Call(name, dst, jen.Lit(k.Min), jen.Lit(k.Max))
	case dsl.DigitsKind:
		return jen.Id("st").Dot("Digits").Call(name, dst, jen.Lit(k.Min), jen.Lit(k.Max))
	case dsl.TextKind:
		return jen.Id("st").Dot("Text").Call(name, dst, jen.Lit(k.Min), jen.Lit(k.Max))
	}
	return vexpr(v).Dot("read").Call(jen.Id("st"), name)
}

// writeVar writes v into the state writer s.
func writeVar(v *dsl.Var) *jen.Statement {
	if v.Kind.Type == dsl.NumberKind {
		return jen.Id("s").Dot("Int").Call(jen.Lit(v.Name), vexpr(v))
	}
	if v.Kind.Type == dsl.ChoiceKind {
		return jen.Id("s").Dot("String").Call(jen.Lit(v.Name), jen.String().Call(vexpr(v)))
	}
	return jen.Id("s").Dot("String").Call(jen.Lit(v.Name), vexpr(v))
}

// enter writes the method that puts the caller in a menu whose entry
// varies: its texts speak variables, or its clientActionId carries values.
func (g *gen) enter(m *dsl.Menu) {
	what := "its texts speak variables"
	if texts := dynamicTexts(m); len(texts) == 1 && !m.Reprompt.IsZero() && isStatic(m.Prompt) && isStatic(m.Reprompt) {
		what = "it says its prompt, or its reprompt when the caller is reprompted"
	}
	if len(m.Needs) > 0 {
		names := make([]string, len(m.Needs))
		for i, v := range m.Needs {
			names[i] = v.Name
		}
		what = "its clientActionId carries " + strings.Join(names, ", ")
	}
	doc(g.f, "%s puts the caller in %s (%s): %s.", enterName(m), m.What(), where(m.Pos), what)
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id(enterName(m)).Params(turnParams()...).Qual(rt, "Reply").BlockFunc(func(b *jen.Group) {
		texts := dynamicTexts(m)
		args := []jen.Code{jen.Id("f").Dot("capture").Index(jen.Id(menuConst(m)))}
		for i, t := range texts {
			if i == 0 && !m.Reprompt.IsZero() {
				args = append(args, g.promptArg(b, m))
				continue
			}
			args = append(args, g.textExpr(t))
		}
		b.Id("b").Dot("Add").Call(args...)
		if len(m.Needs) == 0 {
			b.Return(jen.Id("b").Dot("Done").Call(jen.Id(menuConst(m)).Dot("String").Call()))
			return
		}
		b.Id("s").Op(":=").Id("t").Dot("Codec").Call().Dot("Writer").Call(jen.Id(menuConst(m)).Dot("String").Call())
		for _, v := range m.Needs {
			b.Add(writeVar(v))
		}
		b.Return(jen.Id("b").Dot("DoneState").Call(jen.Id("s")))
	})
}

// isStatic reports whether t speaks no variable.
func isStatic(t dsl.Text) bool {
	_, ok := t.Static()
	return ok
}

// turnParams are the parameters of the methods that build a reply per
// request: the turn, the values so far, and the reply built so far.
func turnParams() []jen.Code {
	return []jen.Code{
		jen.Id("t").Op("*").Qual(rt, "Turn"),
		jen.Id("v").Op("*").Id("vars"),
		jen.Id("b").Op("*").Qual(rt, "ReplyBuilder"),
	}
}

// textName is the helper that speaks t in the caller's language, in a flow
// of several: text1, text2... in the order they are first used.
func (g *gen) textName(t dsl.Text) string {
	key := &t.Parts[0]
	if name, ok := g.texts[key]; ok {
		return name
	}
	name := fmt.Sprintf("text%d", len(g.textOrder)+1)
	g.texts[key] = name
	g.textOrder = append(g.textOrder, t)
	return name
}

// textMethods writes the helpers textName names.
func (g *gen) textMethods() {
	for _, t := range g.textOrder {
		name := g.texts[&t.Parts[0]]
		doc(g.f, "%s is %q in the caller's language.", name, t.Source())
		g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id(name).Params(jen.Id("v").Op("*").Id("vars")).String().BlockFunc(func(b *jen.Group) {
			b.Switch(jen.Id("f").Dot("lang")).BlockFunc(func(s *jen.Group) {
				for i, l := range g.flow.Langs[1:] {
					s.Case(jen.Lit(i + 1)).Comment(l.Name).Line().Return(oneText(t.In(i + 1)))
				}
			})
			b.Return(oneText(t.In(0)))
		})
	}
}

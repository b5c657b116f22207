package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/ivrgen/ivrgen/dsl"
)

// menus writes the Menu type, its constants, names and captures.
func (g *gen) menus() {
	src := g.source()
	doc(g.f, "Menu is a menu of the %s flow: a menu, an ask, or an ask's read-back. Its\n"+
		"String, its name in %s, is where the clientActionId that 8x8 echoes\n"+
		"puts the caller, so calls in flight survive a redeploy.", g.flow.Name, src)
	g.f.Type().Id("Menu").Int()

	g.f.Comment("The menus, in source order.")
	g.f.Const().DefsFunc(func(d *jen.Group) {
		for i, m := range g.flow.Menus {
			doc := fmt.Sprintf("%s is %s (%s)", menuConst(m), m.What(), where(m.Pos))
			if m == g.flow.Start {
				doc += ", the start menu"
			}
			d.Comment(doc + ".")
			if i == 0 {
				d.Id(menuConst(m)).Id("Menu").Op("=").Iota()
			} else {
				d.Id(menuConst(m))
			}
		}
	})

	g.f.Comment("menuNames are the menus' names, their places in a clientActionId.")
	g.f.Var().Id("menuNames").Op("=").Index(jen.Op("...")).String().ValuesFunc(func(v *jen.Group) {
		for _, m := range g.flow.Menus {
			v.Line().Id(menuConst(m)).Op(":").Lit(m.Name)
		}
		v.Line()
	})

	g.f.Comment("String returns the menu's name, its place in a clientActionId.")
	g.f.Func().Params(jen.Id("m").Id("Menu")).Id("String").Params().String().Block(
		jen.If(jen.Id("m").Op("<").Lit(0).Op("||").Int().Call(jen.Id("m")).Op(">=").Len(jen.Id("menuNames"))).Block(
			jen.Return(jen.Lit("Menu(").Op("+").Qual("strconv", "Itoa").Call(jen.Int().Call(jen.Id("m"))).Op("+").Lit(")")),
		),
		jen.Return(jen.Id("menuNames").Index(jen.Id("m"))),
	)

	g.f.Comment("ParseMenu returns the menu named name.")
	g.f.Func().Id("ParseMenu").Params(jen.Id("name").String()).Params(jen.Id("Menu"), jen.Bool()).Block(
		jen.Switch(jen.Id("name")).BlockFunc(func(s *jen.Group) {
			for _, m := range g.flow.Menus {
				s.Case(jen.Lit(m.Name)).Block(jen.Return(jen.Id(menuConst(m)), jen.True()))
			}
		}),
		jen.Return(jen.Lit(0), jen.False()),
	)
	g.captures()
}

// captures writes each menu's sayAndCapture, known at generation time but
// for the texts that speak variables (ivrruntime.Hole).
func (g *gen) captures() {
	doc(g.f, "captures are the menus' sayAndCapture actions, with every setting resolved.\n"+
		"A text that speaks a variable is an ivrruntime.Hole, filled per call.")
	for i := range max(len(g.flow.Langs), 1) {
		g.lang = i
		if i > 0 {
			g.f.Commentf("%s are the captures in %s.", g.capturesVar(), g.flow.Langs[i].Name)
		}
		g.f.Var().Id(g.capturesVar()).Op("=").Index(jen.Len(jen.Id("menuNames"))).Qual(rt, "SayAndCapture").ValuesFunc(func(v *jen.Group) {
			for _, m := range g.flow.Menus {
				v.Line().Comment(where(m.Pos)).Line().Id(menuConst(m)).Op(":").Add(g.captureDict(m))
			}
			v.Line()
		})
	}
	g.lang = 0
}

// capturesVar is the variable holding the captures in the language being
// written: captures, capturesEs.
func (g *gen) capturesVar() string {
	if g.lang == 0 {
		return "captures"
	}
	return "captures" + dsl.GoName(g.flow.Langs[g.lang].Name)
}

// voice is the voice profile of a text in the language being written.
func (g *gen) voice(v dsl.Voice) string {
	if len(g.flow.Langs) > 0 {
		return g.flow.Langs[g.lang].Voice
	}
	return v.Profile
}

func (g *gen) captureDict(m *dsl.Menu) *jen.Statement {
	c := m.Capture
	prompt := g.textLit(m.Prompt)
	if !m.Reprompt.IsZero() {
		prompt = jen.Qual(rt, "Hole") // the prompt, or the reprompt
	}
	fs := []field{
		{"PromptMessage", prompt},
		{"VoiceProfile", jen.Lit(g.voice(m.Voice))},
		{"Speed", jen.Lit(m.Voice.Speed)},
		{"MinDigits", jen.Lit(c.MinDigits)},
		{"MaxDigits", jen.Lit(c.MaxDigits)},
		{"DigitTimeout", jen.Lit(int(c.DigitTimeout.Milliseconds()))},
		{"OverallTimeout", jen.Lit(int(c.Timeout.Milliseconds()))},
		{"CompleteOnHash", jen.Lit(c.CompleteOnHash)},
		{"NoOfTries", jen.Lit(c.Tries)},
	}
	if !c.Success.IsZero() {
		fs = append(fs, field{"SuccessMessage", g.textLit(c.Success)})
	}
	if !c.Failure.IsZero() {
		fs = append(fs, field{"FailureMessage", g.textLit(c.Failure)})
	}
	return keyed(fs, true)
}

// textLit is a text as a literal in the language being written, or
// ivrruntime.Hole when it speaks a variable in any.
func (g *gen) textLit(t dsl.Text) jen.Code {
	if _, ok := t.Static(); ok {
		s, _ := t.In(g.lang).Static()
		return jen.Lit(s)
	}
	return jen.Qual(rt, "Hole")
}

// dynamicTexts are the texts of a menu's capture that speak variables, in
// the order their holes are marshalled.
func dynamicTexts(m *dsl.Menu) []dsl.Text {
	var out []dsl.Text
	for i, t := range []dsl.Text{m.Prompt, m.Capture.Success, m.Capture.Failure} {
		if _, ok := t.Static(); !ok || i == 0 && !m.Reprompt.IsZero() {
			out = append(out, t)
		}
	}
	return out
}

// staticMenu reports whether the reply that puts the caller in m is the
// same for every call: its clientActionId carries no values and its texts
// speak none.
func staticMenu(m *dsl.Menu) bool { return len(m.Needs) == 0 && len(dynamicTexts(m)) == 0 }

// promptArg is the prompt a menu's entry fills its hole with: the reprompt
// when the caller is reprompted and the menu has one.
func (g *gen) promptArg(b *jen.Group, m *dsl.Menu) jen.Code {
	if m.Reprompt.IsZero() {
		return g.textExpr(m.Prompt)
	}
	b.Id("prompt").Op(":=").Add(g.textExpr(m.Prompt))
	b.If(jen.Id("t").Dot("Reprompting").Call()).Block(jen.Id("prompt").Op("=").Add(g.textExpr(m.Reprompt)))
	return jen.Id("prompt")
}

// field is one field of a composite literal.
type field struct {
	name  string
	value jen.Code
}

// keyed writes {Name: value, ...} in the given order, one field a line when
// multiline is set (jen.Dict would sort the fields by name).
func keyed(fs []field, multiline bool) *jen.Statement {
	return jen.ValuesFunc(func(v *jen.Group) {
		for _, f := range fs {
			if multiline {
				v.Line().Id(f.name).Op(":").Add(f.value)
			} else {
				v.Id(f.name).Op(":").Add(f.value)
			}
		}
		if multiline {
			v.Line()
		}
	})
}

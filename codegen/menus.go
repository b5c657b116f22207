package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/ivrgen/ivrgen/dsl"
)

// menus writes the Menu type, its constants, names and captures.
func (g *gen) menus() {
	src := g.source()
	doc(g.f, "Menu is a menu of the %s flow. Its String, the menu's name in %s, is the\n"+
		"clientActionId that 8x8 echoes back, so calls in flight survive a redeploy.", g.flow.Name, src)
	g.f.Type().Id("Menu").Int()

	g.f.Comment("The menus, in source order.")
	g.f.Const().DefsFunc(func(d *jen.Group) {
		for i, m := range g.flow.Menus {
			doc := fmt.Sprintf("%s is menu %s (%s)", menuConst(m), m.Name, where(m.Pos))
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

	g.f.Comment("menuNames are the menus' names, which are their clientActionIds.")
	g.f.Var().Id("menuNames").Op("=").Index(jen.Op("...")).String().ValuesFunc(func(v *jen.Group) {
		for _, m := range g.flow.Menus {
			v.Line().Id(menuConst(m)).Op(":").Lit(m.Name)
		}
		v.Line()
	})

	g.f.Comment("String returns the menu's name, its clientActionId.")
	g.f.Func().Params(jen.Id("m").Id("Menu")).Id("String").Params().String().Block(
		jen.If(jen.Id("m").Op("<").Lit(0).Op("||").Int().Call(jen.Id("m")).Op(">=").Len(jen.Id("menuNames"))).Block(
			jen.Return(jen.Lit("Menu(").Op("+").Qual("strconv", "Itoa").Call(jen.Int().Call(jen.Id("m"))).Op("+").Lit(")")),
		),
		jen.Return(jen.Id("menuNames").Index(jen.Id("m"))),
	)

	g.f.Comment("ParseMenu returns the menu whose clientActionId is id.")
	g.f.Func().Id("ParseMenu").Params(jen.Id("id").String()).Params(jen.Id("Menu"), jen.Bool()).Block(
		jen.Switch(jen.Id("id")).BlockFunc(func(s *jen.Group) {
			for _, m := range g.flow.Menus {
				s.Case(jen.Lit(m.Name)).Block(jen.Return(jen.Id(menuConst(m)), jen.True()))
			}
		}),
		jen.Return(jen.Lit(0), jen.False()),
	)
	g.captures()
}

// captures writes each menu's sayAndCapture, known at generation time.
func (g *gen) captures() {
	g.f.Comment("captures are the menus' sayAndCapture actions, with every setting resolved.")
	g.f.Var().Id("captures").Op("=").Index(jen.Op("...")).Qual(rt, "SayAndCapture").ValuesFunc(func(v *jen.Group) {
		for _, m := range g.flow.Menus {
			v.Line().Comment(where(m.Pos)).Line().Id(menuConst(m)).Op(":").Add(captureDict(m))
		}
		v.Line()
	})
}

func captureDict(m *dsl.Menu) *jen.Statement {
	c := m.Capture
	fs := []field{
		{"PromptMessage", jen.Lit(m.Prompt)},
		{"VoiceProfile", jen.Lit(m.Voice.Profile)},
		{"Speed", jen.Lit(m.Voice.Speed)},
		{"MinDigits", jen.Lit(c.MinDigits)},
		{"MaxDigits", jen.Lit(c.MaxDigits)},
		{"DigitTimeout", jen.Lit(int(c.DigitTimeout.Milliseconds()))},
		{"OverallTimeout", jen.Lit(int(c.Timeout.Milliseconds()))},
		{"CompleteOnHash", jen.Lit(c.CompleteOnHash)},
		{"NoOfTries", jen.Lit(c.Tries)},
	}
	if c.Success != "" {
		fs = append(fs, field{"SuccessMessage", jen.Lit(c.Success)})
	}
	if c.Failure != "" {
		fs = append(fs, field{"FailureMessage", jen.Lit(c.Failure)})
	}
	return keyed(fs, true)
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

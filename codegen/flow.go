package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/ivrgen/ivrgen/dsl"
)

// numbers writes the Numbers struct, NumbersFromEnv and the literal numbers.
func (g *gen) numbers() {
	transfers := g.flow.Transfers()
	g.f.Comment("Numbers are the phone numbers the flow reads from the environment.")
	g.f.Type().Id("Numbers").StructFunc(func(s *jen.Group) {
		if transfers {
			s.Comment("VirtualNumber is the caller id of every transfer: IVR_VIRTUAL_NUMBER.")
			s.Id("VirtualNumber").Qual(rt, "Number")
		}
		for _, n := range g.envNumbers() {
			s.Commentf("%s is number %s (%s): %s.", n.GoName, n.Name, where(n.Pos), n.Env)
			s.Id(n.GoName).Qual(rt, "Number")
		}
	})

	doc(g.f, "NumbersFromEnv reads the flow's numbers through getenv. Its error names every\nvariable that is missing or not an E.164 number.")
	g.f.Func().Id("NumbersFromEnv").Params(jen.Id("getenv").Func().Params(jen.String()).String()).
		Params(jen.Id("Numbers"), jen.Error()).BlockFunc(func(b *jen.Group) {
		vars := g.envVars()
		if len(vars) == 0 {
			b.Return(jen.Id("Numbers").Values(), jen.Nil())
			return
		}
		b.Var().Id("n").Id("Numbers")
		b.Var().Id("errs").Index().Error()
		b.Id("read").Op(":=").Func().Params(jen.Id("dst").Op("*").Qual(rt, "Number"), jen.Id("name").String()).Block(
			jen.Var().Id("err").Error(),
			jen.List(jen.Op("*").Id("dst"), jen.Id("err")).Op("=").Qual(rt, "EnvNumber").Call(jen.Id("getenv"), jen.Id("name")),
			jen.Id("errs").Op("=").Append(jen.Id("errs"), jen.Id("err")),
		)
		for _, v := range vars {
			b.Id("read").Call(jen.Op("&").Id("n").Dot(v.field), jen.Lit(v.name))
		}
		b.Return(jen.Id("n"), jen.Qual("errors", "Join").Call(jen.Id("errs").Op("...")))
	})

	for _, n := range g.flow.Numbers {
		if n.Literal != "" {
			doc(g.f, "%s is number %s (%s).", literalVar(n), n.Name, where(n.Pos))
			g.f.Var().Id(literalVar(n)).Op("=").Qual(rt, "MustNumber").Call(jen.Lit(n.Literal))
		}
	}
}

type envVar struct{ field, name, doc string }

// envVars are the variables the flow reads, in Numbers field order.
func (g *gen) envVars() []envVar {
	var vs []envVar
	if g.flow.Transfers() {
		vs = append(vs, envVar{"VirtualNumber", "IVR_VIRTUAL_NUMBER", "caller id (E.164) of every transfer"})
	}
	for _, n := range g.envNumbers() {
		vs = append(vs, envVar{n.GoName, n.Env, fmt.Sprintf("number %s (%s), E.164", n.Name, where(n.Pos))})
	}
	return vs
}

func (g *gen) envNumbers() []*dsl.Number {
	var ns []*dsl.Number
	for _, n := range g.flow.Numbers {
		if n.Env != "" {
			ns = append(ns, n)
		}
	}
	return ns
}

func literalVar(n *dsl.Number) string { return "number" + n.GoName }

// numberExpr is how New refers to a number.
func numberExpr(n *dsl.Number) *jen.Statement {
	if n.Literal != "" {
		return jen.Id(literalVar(n))
	}
	return jen.Id("n").Dot(n.GoName)
}

// app writes App, which the server binary's main hands to ivrruntime.Main.
func (g *gen) app() {
	g.f.Comment("App describes the flow to ivrruntime.Main, the server binary's command line.")
	g.f.Var().Id("App").Op("=").Qual(rt, "App").Add(keyed([]field{
		{"Name", jen.Lit(g.flow.Name)},
		{"Source", jen.Lit(g.source())},
		{"Env", jen.Index().Qual(rt, "EnvVar").ValuesFunc(func(v *jen.Group) {
			for _, e := range g.envVars() {
				v.Line().Add(keyed([]field{{"Name", jen.Lit(e.name)}, {"Doc", jen.Lit(e.doc)}}, false))
			}
			v.Line()
		})},
		{"Load", jen.Func().Params(jen.Id("getenv").Func().Params(jen.String()).String()).
			Params(jen.Qual(rt, "Flow"), jen.Error()).Block(
			jen.List(jen.Id("n"), jen.Err()).Op(":=").Id("NumbersFromEnv").Call(jen.Id("getenv")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.List(jen.Id("f"), jen.Err()).Op(":=").Id("New").Call(jen.Id("n")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("f"), jen.Nil()),
		)},
	}, true))
}

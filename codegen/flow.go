package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/ivrgen/ivrgen/dsl"
)

// numbers writes the Numbers struct, NumbersFromEnv and the literal numbers.
func (g *gen) numbers() {
	g.f.Comment("Numbers are the phone numbers the flow reads from the environment.")
	g.f.Type().Id("Numbers").StructFunc(func(s *jen.Group) {
		for _, v := range g.vars {
			s.Commentf("%s is %s: %s.", v.field, v.doc, v.name)
			s.Id(v.field).Qual(rt, "Number")
		}
	})

	doc(g.f, "NumbersFromEnv reads the flow's numbers through getenv. Its error names every\nvariable that is missing or not an E.164 number.")
	g.f.Func().Id("NumbersFromEnv").Params(jen.Id("getenv").Func().Params(jen.String()).String()).
		Params(jen.Id("Numbers"), jen.Error()).BlockFunc(func(b *jen.Group) {
		if len(g.vars) == 0 {
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
		for _, v := range g.vars {
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

// envVars are the variables a flow reads, in Numbers field order: the
// caller id when it transfers, then its numbers read from the environment.
func envVars(flow *dsl.Flow) []envVar {
	var vs []envVar
	if flow.Transfers() {
		vs = append(vs, envVar{"VirtualNumber", "IVR_VIRTUAL_NUMBER", "the caller id (E.164) of every transfer"})
	}
	for _, n := range flow.Numbers {
		if n.Env != "" {
			vs = append(vs, envVar{n.GoName, n.Env, fmt.Sprintf("number %s (%s), E.164", n.Name, where(n.Pos))})
		}
	}
	return vs
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
			for _, e := range g.vars {
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

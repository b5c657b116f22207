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
		for _, v := range g.env {
			s.Commentf("%s is %s: %s.", v.field, v.doc, v.name)
			s.Id(v.field).Qual(rt, "Number")
		}
	})

	doc(g.f, "NumbersFromEnv reads the flow's numbers through getenv. Its error names every\nvariable that is missing or not an E.164 number.")
	g.f.Func().Id("NumbersFromEnv").Params(jen.Id("getenv").Func().Params(jen.String()).String()).
		Params(jen.Id("Numbers"), jen.Error()).BlockFunc(func(b *jen.Group) {
		if len(g.env) == 0 {
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
		for _, v := range g.env {
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

// envVars are the variables a flow's numbers are read from, in Numbers
// field order: the caller id when it transfers, then its numbers read
// from the environment.
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

// transferField is the Flow field holding the makeCall to number n, for
// replies built per request.
func transferField(n *dsl.Number) string { return "transfer" + n.GoName }

func makeCall(n *dsl.Number) *jen.Statement {
	return jen.Qual(rt, "MakeCall").Add(keyed([]field{
		{"Source", jen.Id("n").Dot("VirtualNumber")},
		{"Destination", numberExpr(n)},
	}, false))
}

// flowType writes the Flow struct and New, which builds every reply that is
// the same for every call, and the pieces of those built per call.
func (g *gen) flowType() {
	doc(g.f, "Flow answers the %s flow's CALL_ACTION webhooks. A reply that is the same for\n"+
		"every call was marshalled once, by New; the others are put together from pieces\n"+
		"New marshalled.", g.flow.Name)
	g.f.Type().Id("Flow").StructFunc(func(s *jen.Group) {
		s.Comment("enter puts the caller in each menu whose entry is the same for every call.")
		s.Id("enter").Index(jen.Len(jen.Id("menuNames"))).Qual(rt, "Reply")
		if g.uses.capture {
			s.Comment("capture is each menu's sayAndCapture, for replies built per call.")
			s.Id("capture").Index(jen.Len(jen.Id("menuNames"))).Qual(rt, "Template")
		}
		if len(g.flow.Hooks) > 0 {
			s.Id("hooks").Id("Hooks")
		}
		g.calendarFields(s)
		if len(g.flow.Langs) > 1 {
			s.Comment("lang is the language of this Flow's texts, an index into langs: the flow in\neach language.")
			s.Id("lang").Int()
			s.Id("langs").Index().Op("*").Id("Flow")
		}
		for _, n := range g.uses.transfers {
			s.Commentf("%s is the makeCall to number %s, for replies built per call.", transferField(n), n.Name)
			s.Id(transferField(n)).Qual(rt, "Template")
		}
		if g.uses.hangup {
			s.Id("hangup").Qual(rt, "Template")
		}
		for _, o := range g.order {
			s.Comment(g.docs[o])
			if g.method[o] {
				for i := range o.Steps {
					s.Id(stepField(g.names[o], i)).Qual(rt, "Template")
				}
				continue
			}
			s.Id(g.names[o]).Qual(rt, "Reply")
		}
	})
	g.f.Var().Id("_").Qual(rt, "Flow").Op("=").Parens(jen.Op("*").Id("Flow")).Parens(jen.Nil())
	doc(g.f, "MaxTurns is the most answers a call gets (turns in %s): the next CALL_ACTION\n"+
		"takes on turns, which ends the call.", g.source())
	g.f.Const().Id("MaxTurns").Op("=").Lit(g.flow.MaxTurns)
	g.newFunc()
}

// stepField is the Flow field of the i-th step of outcome name, built per
// call.
func stepField(name string, i int) string { return fmt.Sprintf("%s_%d", name, i+1) }

func (g *gen) newFunc() {
	params := []jen.Code{jen.Id("n").Id("Numbers")}
	what := "these numbers"
	if len(g.flow.Hooks) > 0 {
		params = append(params, jen.Id("hooks").Id("Hooks"))
		what += " and hooks"
	}
	g.f.Commentf("New builds the flow with %s: every reply that can be, marshalled once.", what)
	g.f.Func().Id("New").Params(params...).Params(jen.Op("*").Id("Flow"), jen.Error()).BlockFunc(func(b *jen.Group) {
		g.checkNumbers(b)
		fields := []field{}
		if len(g.flow.Hooks) > 0 {
			b.If(jen.Id("hooks").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(g.flow.Name+": New needs the Hooks"))))
			fields = append(fields, field{"hooks", jen.Id("hooks")})
		}
		for _, n := range g.uses.transfers {
			fields = append(fields, field{transferField(n), jen.Qual(rt, "NewTemplate").Call(makeCall(n))})
		}
		if g.uses.hangup {
			fields = append(fields, field{"hangup", jen.Qual(rt, "NewTemplate").Call(jen.Qual(rt, "Hangup").Values())})
		}
		b.Id("f").Op(":=").Op("&").Id("Flow").Add(keyed(fields, true))
		g.newCalendars(b)
		if len(g.flow.Langs) < 2 {
			g.build(b)
			b.Return(jen.Id("f"), jen.Nil())
			return
		}
		b.Comment("one Flow per language, each with its own texts; a call moves between them")
		b.Id("langs").Op(":=").Make(jen.Index().Op("*").Id("Flow"), jen.Lit(len(g.flow.Langs)))
		b.For(jen.Id("i").Op(":=").Range().Id("langs")).Block(
			jen.Id("l").Op(":=").Op("*").Id("f"),
			jen.List(jen.Id("l").Dot("lang"), jen.Id("l").Dot("langs")).Op("=").List(jen.Id("i"), jen.Id("langs")),
			jen.Id("langs").Index(jen.Id("i")).Op("=").Op("&").Id("l"),
		)
		for i, l := range g.flow.Langs {
			b.Id("langs").Index(jen.Lit(i)).Dot(buildName(l)).Call(jen.Id("n"))
		}
		b.Return(jen.Id("langs").Index(jen.Lit(0)), jen.Nil())
	})
	g.builders()
	g.staticEntry()
}

// buildName is the method that builds a language's replies: buildEn.
func buildName(l *dsl.Lang) string { return "build" + dsl.GoName(l.Name) }

// builders writes, in a flow of several languages, the method of each that
// builds its replies and pieces.
func (g *gen) builders() {
	if len(g.flow.Langs) < 2 {
		return
	}
	for i, l := range g.flow.Langs {
		g.lang = i
		doc(g.f, "%s builds the replies in %s, spoken by %s.", buildName(l), l.Name, l.Voice)
		g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id(buildName(l)).Params(jen.Id("n").Id("Numbers")).BlockFunc(g.build)
	}
	g.lang = 0
}

// build writes what New builds in the language being written: the menus'
// captures and entries, the replies built once, the pieces of the others.
func (g *gen) build(b *jen.Group) {
	captures := jen.Id(g.capturesVar())
	b.For(jen.Id("m").Op(":=").Range().Id("menuNames")).BlockFunc(func(l *jen.Group) {
		if g.uses.capture {
			l.Id("f").Dot("capture").Index(jen.Id("m")).Op("=").Qual(rt, "NewTemplate").Call(captures.Clone().Index(jen.Id("m")))
		}
		if !g.allMenusStatic() {
			l.If(jen.Op("!").Id("staticEntry").Index(jen.Id("m"))).Block(jen.Continue())
		}
		l.Id("f").Dot("enter").Index(jen.Id("m")).Op("=").Qual(rt, "NewReply").Call(
			jen.Id("menuNames").Index(jen.Id("m")), captures.Clone().Index(jen.Id("m")))
	})
	for _, o := range g.order {
		b.Comment(g.docs[o])
		if g.method[o] {
			for i, s := range o.Steps {
				if _, ok := s.(*dsl.SetLang); ok {
					continue
				}
				b.Id("f").Dot(stepField(g.names[o], i)).Op("=").Qual(rt, "NewTemplate").Call(g.stepExpr(s))
			}
			continue
		}
		b.Id("f").Dot(g.names[o]).Op("=").Add(g.newReply(o))
	}
	g.newClosures(b)
}

// staticEntry writes which menus' entry New builds once.
func (g *gen) staticEntry() {
	if !g.allMenusStatic() {
		g.f.Comment("staticEntry says which menus' entry is the same for every call: New builds it once.")
		g.f.Var().Id("staticEntry").Op("=").Index(jen.Op("...")).Bool().ValuesFunc(func(v *jen.Group) {
			for _, m := range g.flow.Menus {
				v.Line().Id(menuConst(m)).Op(":").Lit(staticMenu(m))
			}
			v.Line()
		})
	}
}

func (g *gen) allMenusStatic() bool {
	for _, m := range g.flow.Menus {
		if !staticMenu(m) {
			return false
		}
	}
	return true
}

// checkNumbers makes New refuse a zero Number for any number it dials.
func (g *gen) checkNumbers(b *jen.Group) {
	if len(g.env) == 0 {
		return
	}
	b.Var().Id("unset").Index().String()
	for _, v := range g.env {
		b.If(jen.Id("n").Dot(v.field).Dot("IsZero").Call()).Block(
			jen.Id("unset").Op("=").Append(jen.Id("unset"), jen.Lit(v.field)))
	}
	b.If(jen.Len(jen.Id("unset")).Op(">").Lit(0)).Block(
		jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(
			jen.Lit(g.flow.Name+": numbers not set: %s"),
			jen.Qual("strings", "Join").Call(jen.Id("unset"), jen.Lit(", ")))))
}

// app writes App, which the server binary's main hands to ivrruntime.Main.
func (g *gen) app() {
	env := jen.Index().Qual(rt, "EnvVar").ValuesFunc(func(v *jen.Group) {
		for _, e := range g.env {
			v.Line().Add(keyed([]field{{"Name", jen.Lit(e.name)}, {"Doc", jen.Lit(e.doc)}}, false))
		}
		for _, h := range g.flow.Hooks {
			v.Line().Add(keyed([]field{{"Name", jen.Lit(h.URLEnv)}, {"Doc", jen.Lit(fmt.Sprintf("the URL hook %s (%s) POSTs to, http(s)", h.Name, where(h.Pos)))}}, false))
			if h.AuthEnv != "" {
				v.Line().Add(keyed([]field{{"Name", jen.Lit(h.AuthEnv)}, {"Doc", jen.Lit(fmt.Sprintf("the Authorization header of hook %s", h.Name))}}, false))
			}
		}
		v.Line()
	})
	load := []jen.Code{
		jen.List(jen.Id("n"), jen.Err()).Op(":=").Id("NumbersFromEnv").Call(jen.Id("getenv")),
	}
	newArgs := []jen.Code{jen.Id("n")}
	if len(g.flow.Hooks) > 0 {
		load = append(load,
			jen.List(jen.Id("h"), jen.Id("herr")).Op(":=").Id("NewHTTPHooks").Call(jen.Id("getenv")),
			jen.If(jen.Err().Op("=").Qual("errors", "Join").Call(jen.Err(), jen.Id("herr")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		)
		newArgs = append(newArgs, jen.Id("h"))
	} else {
		load = append(load, jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())))
	}
	load = append(load,
		jen.List(jen.Id("f"), jen.Err()).Op(":=").Id("New").Call(newArgs...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("f"), jen.Nil()),
	)
	fs := []field{
		{"Name", jen.Lit(g.flow.Name)},
		{"Source", jen.Lit(g.source())},
		{"Env", env},
	}
	fs = append(fs, field{"Load", jen.Func().Params(jen.Id("getenv").Func().Params(jen.String()).String()).
		Params(jen.Qual(rt, "Flow"), jen.Error()).Block(load...)})
	g.f.Comment("App describes the flow to ivrruntime.Main, the server binary's command line.")
	g.f.Var().Id("App").Op("=").Qual(rt, "App").Add(keyed(fs, true))
}

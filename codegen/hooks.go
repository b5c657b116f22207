package codegen

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ivrgen/ivrgen/dsl"
)

// hookTypes writes the Hooks interface and, for each hook, its input, its
// result and a constructor for each outcome: the contract the business's
// Go code is held to.
func (g *gen) hookTypes() {
	if len(g.flow.Hooks) == 0 {
		return
	}
	doc(g.f, "Hooks is the business logic of the %s flow (%s): one method per hook. A\n"+
		"method gets a context that ends at the hook's deadline, and answers with one of\n"+
		"the hook's outcomes, or an error; an error, a panic, the zero result and a\n"+
		"missed deadline all take the hook's error branch, and the call goes on.", g.flow.Name, g.source())
	g.f.Type().Id("Hooks").InterfaceFunc(func(i *jen.Group) {
		for _, h := range g.flow.Hooks {
			i.Comment(fmt.Sprintf("%s is hook %s (%s), with %s to answer: %s.", h.GoName, h.Name, where(h.Pos), h.Within, outcomeList(h)))
			i.Id(h.GoName).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("in").Id(inputType(h))).
				Params(jen.Id(resultType(h)), jen.Error())
		}
	})
	for _, h := range g.flow.Hooks {
		g.hookInput(h)
		g.hookResult(h)
	}
}

// outcomeList names a hook's outcome constructors: "BookBooked or BookFull".
func outcomeList(h *dsl.Hook) string {
	names := make([]string, len(h.Outcomes))
	for i, o := range h.Outcomes {
		names[i] = outcomeFunc(h, o)
	}
	switch len(names) {
	case 0:
		return "it has no outcome but its error branch"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func (g *gen) hookInput(h *dsl.Hook) {
	g.f.Commentf("%s is what hook %s (%s) is called with.", inputType(h), h.Name, where(h.Pos))
	g.f.Type().Id(inputType(h)).StructFunc(func(s *jen.Group) {
		s.Comment("Call is the call the hook runs in.")
		s.Id("Call").Qual(rt, "Call")
		s.Comment("Key is the same when 8x8 sends the webhook again: a hook that changes")
		s.Comment("something can use it to do so once.")
		s.Id("Key").String()
		for _, v := range h.Inputs {
			s.Comment(v.GoName + " is " + describeVar(v) + ".")
			s.Id(v.GoName).Add(varType(v))
		}
	})
}

// resultValues are the values a hook's outcomes give, each once.
func resultValues(h *dsl.Hook) []*dsl.Var {
	var out []*dsl.Var
	seen := map[*dsl.Var]bool{}
	for _, o := range h.Outcomes {
		for _, v := range o.Values {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// resultField is the field of value v in a hook's result: off "outcome".
func resultField(v *dsl.Var) string { return varField(v, "outcome") }

func (g *gen) hookResult(h *dsl.Hook) {
	t := resultType(h)
	doc(g.f, "%s is an answer of hook %s: make one with %s. The zero\n"+
		"%s answers nothing, and takes the error branch.", t, h.Name, outcomeList(h), t)
	g.f.Type().Id(t).StructFunc(func(s *jen.Group) {
		s.Id("outcome").String()
		for _, v := range resultValues(h) {
			s.Id(resultField(v)).Add(varType(v))
		}
	})
	g.f.Commentf("Outcome is the name of the outcome r answers, \"\" for the zero %s.", t)
	g.f.Func().Params(jen.Id("r").Id(t)).Id("Outcome").Params().String().Block(jen.Return(jen.Id("r").Dot("outcome")))
	for _, v := range resultValues(h) {
		g.f.Commentf("%s is value %s of the outcomes that give it, the zero value for the others.", v.GoName, v.Name)
		g.f.Func().Params(jen.Id("r").Id(t)).Id(v.GoName).Params().Add(varType(v)).Block(jen.Return(jen.Id("r").Dot(resultField(v))))
	}
	for _, o := range h.Outcomes {
		var params []jen.Code
		fs := []field{{"outcome", jen.Lit(o.Name)}}
		var gives []string
		for _, v := range o.Values {
			params = append(params, jen.Id(varField(v)).Add(varType(v)))
			fs = append(fs, field{resultField(v), jen.Id(varField(v))})
			gives = append(gives, varField(v)+" is "+kindText(v))
		}
		line := fmt.Sprintf("%s answers outcome %s of hook %s (%s)", outcomeFunc(h, o), o.Name, h.Name, where(o.Pos))
		if len(gives) > 0 {
			line += ": " + strings.Join(gives, "; ")
		}
		g.f.Comment(line + ".")
		g.f.Func().Id(outcomeFunc(h, o)).Params(params...).Id(t).Block(jen.Return(jen.Id(t).Add(keyed(fs, false))))
	}
}

// hookRunners writes, for each hook, the method that runs it and goes on
// by its outcome.
func (g *gen) hookRunners() {
	for _, h := range g.flow.Hooks {
		g.hookRunner(h)
	}
}

func (g *gen) hookRunner(h *dsl.Hook) {
	doc(g.f, "%s runs hook %s (%s) and goes on by its outcome; any failure takes the\n"+
		"error branch (%s).", runName(h), h.Name, where(h.Pos), where(h.Error.Pos))
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id(runName(h)).Params(turnParams()...).Qual(rt, "Reply").BlockFunc(func(b *jen.Group) {
		b.Id("in").Op(":=").Id(inputType(h)).Add(keyed(inputFields(h), false))
		b.List(jen.Id("r"), jen.Id("ok")).Op(":=").Qual(rt, "RunHook").Call(
			jen.Id("t"), jen.Lit(h.Name), durationLit(h.Within),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context")).Params(jen.Id(resultType(h)), jen.Error()).Block(
				jen.Return(jen.Id("f").Dot("hooks").Dot(h.GoName).Call(jen.Id("ctx"), jen.Id("in"))),
			),
		)
		b.Switch().BlockFunc(func(s *jen.Group) {
			s.Case(jen.Op("!").Id("ok"))
			for _, o := range h.Outcomes {
				s.Case(jen.Id("r").Dot("outcome").Op("==").Lit(o.Name)).BlockFunc(func(c *jen.Group) {
					for _, v := range o.Values {
						c.If(jen.Err().Op(":=").Add(checkValue(v, jen.Id("r").Dot(resultField(v)))), jen.Err().Op("!=").Nil()).Block(
							jen.Id("t").Dot("HookFailed").Call(jen.Lit(h.Name), jen.Err()),
							jen.Return(g.continueWith(h.Error)),
						)
					}
					c.Id("t").Dot("Outcome").Call(jen.Lit(h.Name), jen.Lit(o.Name))
					for _, v := range o.Values {
						c.Add(vexpr(v)).Op("=").Id("r").Dot(resultField(v))
						c.Add(logVar(v))
					}
					c.Return(g.continueWith(o.Then))
				})
			}
			s.Default().Block(jen.Id("t").Dot("HookFailed").Call(jen.Lit(h.Name),
				jen.Qual("errors", "New").Call(jen.Lit("no outcome: the hook answered the zero "+resultType(h)))))
		})
		b.Return(g.continueWith(h.Error))
	})
}

func inputFields(h *dsl.Hook) []field {
	fs := []field{
		{"Call", jen.Id("t").Dot("Call")},
		{"Key", jen.Id("t").Dot("HookKey").Call(jen.Lit(h.Name))},
	}
	for _, v := range h.Inputs {
		fs = append(fs, field{v.GoName, vexpr(v)})
	}
	return fs
}

// checkValue checks a value a hook gave against its kind: an error, or nil.
func checkValue(v *dsl.Var, x jen.Code) *jen.Statement {
	k, name := v.Kind, jen.Lit(v.Name)
	switch k.Type {
	case dsl.NumberKind:
		return jen.Qual(rt, "CheckNumber").Call(name, x, jen.Lit(k.Min), jen.Lit(k.Max))
	case dsl.DigitsKind:
		return jen.Qual(rt, "CheckDigits").Call(name, x, jen.Lit(k.Min), jen.Lit(k.Max))
	case dsl.TextKind:
		return jen.Qual(rt, "CheckText").Call(name, x, jen.Lit(k.Min), jen.Lit(k.Max))
	}
	return jen.Qual(rt, "CheckChoice").CallFunc(func(a *jen.Group) {
		a.Add(name)
		a.String().Call(x)
		for _, ch := range k.Choices {
			a.Id(choiceConst(v, ch)).Dot("String").Call()
		}
	})
}

// httpHooks writes HTTPHooks, the hooks of a server built with ivrgen
// build: each an HTTP POST to a URL from the environment.
func (g *gen) httpHooks() {
	if len(g.flow.Hooks) == 0 {
		return
	}
	doc(g.f, "HTTPHooks calls the flow's hooks over HTTP, as a server built with ivrgen build\n"+
		"does: each hook POSTs its call and inputs as JSON to the URL in its environment\n"+
		"variable, and checks the outcome and values of the answer (see ivrruntime.HTTPHook).")
	g.f.Type().Id("HTTPHooks").StructFunc(func(s *jen.Group) {
		for _, h := range g.flow.Hooks {
			s.Id(lowerFirst(h.GoName)).Qual(rt, "HTTPHook")
		}
	})
	g.f.Var().Id("_").Id("Hooks").Op("=").Parens(jen.Op("*").Id("HTTPHooks")).Parens(jen.Nil())
	doc(g.f, "NewHTTPHooks reads the hooks' URLs (and Authorization headers) through getenv.\n"+
		"Its error names every variable that is missing or not an http(s) URL.")
	g.f.Func().Id("NewHTTPHooks").Params(jen.Id("getenv").Func().Params(jen.String()).String()).
		Params(jen.Op("*").Id("HTTPHooks"), jen.Error()).BlockFunc(func(b *jen.Group) {
		b.Var().Id("errs").Index().Error()
		getter := jen.Func().Params(jen.Func().Params(jen.String()).String(), jen.String()).Params(jen.String(), jen.Error())
		b.Id("read").Op(":=").Func().Params(jen.Id("dst").Op("*").String(), jen.Id("env").Add(getter), jen.Id("name").String()).Block(
			jen.Var().Id("err").Error(),
			jen.List(jen.Op("*").Id("dst"), jen.Err()).Op("=").Id("env").Call(jen.Id("getenv"), jen.Id("name")),
			jen.Id("errs").Op("=").Append(jen.Id("errs"), jen.Err()),
		)
		b.Id("h").Op(":=").Op("&").Id("HTTPHooks").ValuesFunc(func(v *jen.Group) {
			for _, h := range g.flow.Hooks {
				v.Line().Id(lowerFirst(h.GoName)).Op(":").Qual(rt, "HTTPHook").Values(jen.Id("Name").Op(":").Lit(h.Name))
			}
			v.Line()
		})
		for _, h := range g.flow.Hooks {
			b.Id("read").Call(jen.Op("&").Id("h").Dot(lowerFirst(h.GoName)).Dot("URL"), jen.Qual(rt, "EnvURL"), jen.Lit(h.URLEnv))
			if h.AuthEnv != "" {
				b.Id("read").Call(jen.Op("&").Id("h").Dot(lowerFirst(h.GoName)).Dot("Auth"), jen.Qual(rt, "EnvSecret"), jen.Lit(h.AuthEnv))
			}
		}
		b.Return(jen.Id("h"), jen.Qual("errors", "Join").Call(jen.Id("errs").Op("...")))
	})
	for _, h := range g.flow.Hooks {
		g.httpHook(h)
	}
}

func (g *gen) httpHook(h *dsl.Hook) {
	t := resultType(h)
	zero := jen.Id(t).Values()
	g.f.Commentf("%s calls hook %s over HTTP.", h.GoName, h.Name)
	g.f.Func().Params(jen.Id("h").Op("*").Id("HTTPHooks")).Id(h.GoName).Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("in").Id(inputType(h)),
	).Params(jen.Id(t), jen.Error()).BlockFunc(func(b *jen.Group) {
		inputs := jen.Qual(rt, "Inputs").Call()
		for _, v := range h.Inputs {
			x := jen.Id("in").Dot(v.GoName)
			switch v.Kind.Type {
			case dsl.NumberKind:
				inputs = inputs.Dot("Int").Call(jen.Lit(v.Name), x)
			case dsl.ChoiceKind:
				inputs = inputs.Dot("String").Call(jen.Lit(v.Name), jen.String().Call(x))
			default:
				inputs = inputs.Dot("String").Call(jen.Lit(v.Name), x)
			}
		}
		b.List(jen.Id("a"), jen.Err()).Op(":=").Id("h").Dot(lowerFirst(h.GoName)).Dot("Call").Call(
			jen.Id("ctx"), jen.Id("in").Dot("Call"), jen.Id("in").Dot("Key"), inputs)
		b.If(jen.Err().Op("!=").Nil()).Block(jen.Return(zero.Clone(), jen.Err()))
		b.Switch(jen.Id("a").Dot("Outcome")).BlockFunc(func(s *jen.Group) {
			for _, o := range h.Outcomes {
				s.Case(jen.Lit(o.Name)).BlockFunc(func(c *jen.Group) {
					var args []jen.Code
					for _, v := range o.Values {
						c.List(jen.Id(varField(v)), jen.Err()).Op(":=").Add(answerValue(v))
						c.If(jen.Err().Op("!=").Nil()).Block(jen.Return(zero.Clone(), jen.Err()))
						arg := jen.Id(varField(v))
						if v.Kind.Type == dsl.ChoiceKind {
							arg = jen.Id(choiceType(v)).Call(arg)
						}
						args = append(args, arg)
					}
					c.Return(jen.Id(outcomeFunc(h, o)).Call(args...), jen.Nil())
				})
			}
		})
		b.Return(zero.Clone(), jen.Id("a").Dot("UnknownOutcome").Call())
	})
}

// answerValue reads value v from a hook's answer a, checking its kind.
func answerValue(v *dsl.Var) *jen.Statement {
	k, name := v.Kind, jen.Lit(v.Name)
	switch k.Type {
	case dsl.NumberKind:
		return jen.Id("a").Dot("Int").Call(name, jen.Lit(k.Min), jen.Lit(k.Max))
	case dsl.DigitsKind:
		return jen.Id("a").Dot("Digits").Call(name, jen.Lit(k.Min), jen.Lit(k.Max))
	case dsl.TextKind:
		return jen.Id("a").Dot("Text").Call(name, jen.Lit(k.Min), jen.Lit(k.Max))
	}
	return jen.Id("a").Dot("Choice").CallFunc(func(a *jen.Group) {
		a.Add(name)
		for _, ch := range k.Choices {
			a.Id(choiceConst(v, ch)).Dot("String").Call()
		}
	})
}

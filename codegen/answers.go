package codegen

import (
	"fmt"
	"path"
	"strconv"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/ivrgen/ivrgen/dsl"
)

// uses says which shared pieces the replies built per call need, so that
// nothing unused is written.
type uses struct {
	capture   bool          // Flow.capture: a menu entered per call
	enterAt   bool          // Flow.enterAt: a static menu entered after steps built per call
	hangup    bool          // Flow.hangup
	transfers []*dsl.Number // Flow.transferX, in first-use order
	moves     bool          // Flow.enterMenu, for repeat, reprompt and back
}

// collect names every outcome that needs a reply of its own (all but a
// bare goto), decides which are built per call (a method) and which once
// (a Flow field), and notes what those built per call need.
func (g *gen) collect() {
	g.method = map[*dsl.Outcome]bool{}
	add := func(o *dsl.Outcome, name, doc string, perCall bool) {
		if _, done := g.names[o]; done || o == nil || bareGoto(o) != nil {
			return
		}
		g.names[o], g.docs[o] = name, doc
		g.order = append(g.order, o)
		g.method[o] = perCall || !g.static(o)
	}
	for _, m := range g.flow.Menus {
		if a := m.Ask; a != nil { // before the keys of a choice, which all lead to it
			add(a.Next, lowerFirst(m.GoName)+"_then", fmt.Sprintf("%s, with a good value (%s)", m.What(), where(a.Next.Pos)), false)
		}
		for _, b := range m.Keys {
			add(b.Then, keyField(m, b.Key), fmt.Sprintf("%s, key %s (%s)", m.What(), b.Key, where(b.Pos)), false)
		}
		for _, o := range append(append(m.InvalidN, m.SilenceN...), m.Invalid, m.Silence) {
			add(o, handlerField(o), describeHandler(o), false)
		}
	}
	add(g.flow.OnTurns, handlerField(g.flow.OnTurns), describeHandler(g.flow.OnTurns), false)
	for _, h := range g.flow.Hours { // like a hook's, its branches go on from the reply built so far
		add(h.Open, lowerFirst(h.GoName)+"_open", fmt.Sprintf("hours %s, open (%s)", h.Name, where(h.Open.Pos)), true)
		add(h.Closed, lowerFirst(h.GoName)+"_closed", fmt.Sprintf("hours %s, closed (%s)", h.Name, where(h.Closed.Pos)), true)
	}
	for _, h := range g.flow.Hooks { // a hook's branches go on from the reply built so far
		for _, o := range h.Outcomes {
			add(o.Then, lowerFirst(h.GoName)+"_"+lowerFirst(o.GoName), fmt.Sprintf("hook %s, outcome %s (%s)", h.Name, o.Name, where(o.Pos)), true)
		}
		add(h.Error, lowerFirst(h.GoName)+"_error", fmt.Sprintf("hook %s, its error branch (%s)", h.Name, where(h.Error.Pos)), true)
	}
	g.noteUses()
}

// noteUses records what the replies built per call need.
func (g *gen) noteUses() {
	seen := map[*dsl.Number]bool{}
	for _, m := range g.flow.Menus {
		g.uses.capture = g.uses.capture || !staticMenu(m)
	}
	note := func(o *dsl.Outcome) {
		switch e := o.End.(type) {
		case *dsl.Hangup:
			g.uses.hangup = true
		case *dsl.Transfer:
			if !seen[e.Number] {
				seen[e.Number] = true
				g.uses.transfers = append(g.uses.transfers, e.Number)
			}
		case *dsl.Goto:
			if m, ok := e.To.(*dsl.Menu); ok && staticMenu(m) {
				g.uses.enterAt, g.uses.capture = true, true
			}
		case *dsl.Move:
			g.uses.enterAt, g.uses.capture = true, true
			if e.Kind == dsl.Top {
				g.noteStart()
			} else {
				g.uses.moves = true
			}
		}
	}
	for _, o := range g.order {
		if g.method[o] {
			note(o)
		}
	}
	for _, h := range g.flow.Hooks { // bare gotos from a hook go on from the reply built so far
		for _, o := range h.Branches() {
			if bareGoto(o) != nil {
				note(o)
			}
		}
	}
	for _, h := range g.flow.Hours {
		for _, o := range []*dsl.Outcome{h.Open, h.Closed} {
			if bareGoto(o) != nil {
				note(o)
			}
		}
	}
	if _, ok := g.flow.Start.(*dsl.Hours); ok {
		g.noteStart()
	}
}

// noteStart records what going to the start per call needs.
func (g *gen) noteStart() {
	if m, ok := g.flow.Start.(*dsl.Menu); ok && staticMenu(m) {
		g.uses.enterAt, g.uses.capture = true, true
	}
}

// static reports whether an outcome's reply is the same for every call.
func (g *gen) static(o *dsl.Outcome) bool {
	for _, s := range o.Steps {
		switch s := s.(type) {
		case *dsl.Say:
			if _, ok := s.Text.Static(); !ok {
				return false
			}
		case *dsl.SetLang:
			return false
		}
	}
	switch e := o.End.(type) {
	case *dsl.Goto:
		m, ok := e.To.(*dsl.Menu)
		return ok && staticMenu(m)
	case nil, *dsl.Move:
		return false
	}
	return true
}

// bareGoto returns where an outcome goes when it does nothing else.
func bareGoto(o *dsl.Outcome) dsl.Place {
	if gt, ok := o.End.(*dsl.Goto); ok && len(o.Steps) == 0 {
		return gt.To
	}
	return nil
}

// reply is how a menu's answer returns an outcome's reply.
func (g *gen) reply(o *dsl.Outcome) *jen.Statement {
	switch p := bareGoto(o).(type) {
	case *dsl.Menu:
		if staticMenu(p) {
			return jen.Id("f").Dot("enter").Index(jen.Id(menuConst(p)))
		}
		return jen.Id("f").Dot(enterName(p)).Call(jen.Id("t"), jen.Id("v"), jen.Id("t").Dot("Reply").Call())
	case *dsl.Hook:
		return jen.Id("f").Dot(runName(p)).Call(jen.Id("t"), jen.Id("v"), jen.Id("t").Dot("Reply").Call())
	case *dsl.Hours:
		return jen.Id("f").Dot(hoursName(p)).Call(jen.Id("t"), jen.Id("v"), jen.Id("t").Dot("Reply").Call())
	}
	if g.method[o] {
		return jen.Id("f").Dot(g.names[o]).Call(jen.Id("t"), jen.Id("v"), jen.Id("t").Dot("Reply").Call())
	}
	return jen.Id("f").Dot(g.names[o])
}

// continueWith is how a reply built so far in b goes on with outcome o.
func (g *gen) continueWith(o *dsl.Outcome) *jen.Statement {
	if p := bareGoto(o); p != nil {
		return g.goTo(p)
	}
	return jen.Id("f").Dot(g.names[o]).Call(jen.Id("t"), jen.Id("v"), jen.Id("b"))
}

// goTo is how a reply built so far in b ends by going to p.
func (g *gen) goTo(p dsl.Place) *jen.Statement {
	switch p := p.(type) {
	case *dsl.Hook:
		return jen.Id("f").Dot(runName(p)).Call(jen.Id("t"), jen.Id("v"), jen.Id("b"))
	case *dsl.Hours:
		return jen.Id("f").Dot(hoursName(p)).Call(jen.Id("t"), jen.Id("v"), jen.Id("b"))
	case *dsl.Menu:
		if staticMenu(p) {
			return jen.Id("f").Dot("enterAt").Call(jen.Id(menuConst(p)), jen.Id("b"))
		}
		return jen.Id("f").Dot(enterName(p)).Call(jen.Id("t"), jen.Id("v"), jen.Id("b"))
	}
	panic(fmt.Sprintf("ivrgen bug: goto %T", p))
}

// answers writes one method per menu, answering the digits captured there.
func (g *gen) answers() {
	for _, m := range g.flow.Menus {
		g.answer(m)
	}
	g.f.Comment("answers are the menus' answers, in Menu order.")
	g.f.Var().Id("answers").Op("=").Index(jen.Op("...")).Func().Params(jen.Op("*").Id("Flow"), jen.Op("*").Qual(rt, "Turn"), jen.Op("*").Id("vars")).
		Qual(rt, "Reply").ValuesFunc(func(v *jen.Group) {
		for _, m := range g.flow.Menus {
			v.Line().Id(menuConst(m)).Op(":").Parens(jen.Op("*").Id("Flow")).Dot(answerName(m))
		}
		v.Line()
	})
	g.secretTable()
}

// answer writes the method answering one menu: its keys, or the value of
// an ask, then no input and any other key, each by the slip in a row it is
// where numbered handlers are written.
func (g *gen) answer(m *dsl.Menu) {
	doc(g.f, "%s answers %s (%s).", answerName(m), m.What(), where(m.Pos))
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id(answerName(m)).Params(
		jen.Id("t").Op("*").Qual(rt, "Turn"), jen.Id("v").Op("*").Id("vars"),
	).Qual(rt, "Reply").BlockFunc(func(b *jen.Group) {
		a := m.Ask
		digits := jen.Id("t").Dot("Digits")
		if m.Capture.CompleteOnHash {
			b.Id("digits").Op(":=").Qual(rt, "TrimHash").Call(digits).Comment("# ends the input here; it is not a key")
		} else {
			b.Id("digits").Op(":=").Add(digits)
		}
		silenceOwn := m.SilenceApart()
		if a != nil && a.Var.Kind.Type != dsl.ChoiceKind {
			if silenceOwn {
				b.If(jen.Id("digits").Op("==").Lit("")).BlockFunc(func(c *jen.Group) {
					c.Id("t").Dot("NoMatch").Call()
					g.slips(c, m.SilenceN, m.Silence, "no input")
				})
			}
			g.takeValue(b, m)
		} else if len(m.Keys) > 0 || silenceOwn {
			b.Switch(jen.Id("digits")).BlockFunc(func(s *jen.Group) {
				for _, k := range m.Keys {
					c := s.Case(jen.Lit(k.Key)).Comment(keyWhere(k))
					if k.Choice != nil {
						c.Line().Add(vexpr(a.Var)).Op("=").Id(choiceConst(a.Var, k.Choice))
						c.Line().Add(logVar(a.Var))
					}
					c.Line().Return(g.reply(k.Then))
				}
				if silenceOwn {
					s.Case(jen.Lit("")).BlockFunc(func(c *jen.Group) {
						c.Id("t").Dot("NoMatch").Call()
						g.slips(c, m.SilenceN, m.Silence, "no input")
					})
				}
			})
		}
		doc := "any other key"
		if a != nil && a.Var.Kind.Type != dsl.ChoiceKind {
			doc = "digits that are not " + a.Var.Kind.Words()
		}
		if !silenceOwn {
			doc += ", and no input"
		}
		b.Id("t").Dot("NoMatch").Call()
		g.slips(b, m.InvalidN, m.Invalid, doc)
	})
}

// keyWhere says where a key is written, and that it is global.
func keyWhere(k *dsl.Branch) string {
	if k.Global {
		return "global (" + where(k.Pos) + ")"
	}
	return where(k.Pos)
}

// slips writes the answer to a slip: by its number in a row where
// numbered handlers answer it, else rest.
func (g *gen) slips(b *jen.Group, byN []*dsl.Outcome, rest *dsl.Outcome, what string) {
	if len(byN) > 0 {
		b.Switch(jen.Id("t").Dot("Slips").Call()).BlockFunc(func(s *jen.Group) {
			for i, o := range byN {
				if o == rest {
					continue
				}
				s.Case(jen.Lit(i + 1)).Comment(fmt.Sprintf("%s, slip %d in a row (%s)", what, i+1, where(o.Pos))).
					Line().Return(g.reply(o))
			}
		})
	}
	b.Comment(fmt.Sprintf("%s (%s)", what, where(rest.Pos)))
	b.Return(g.reply(rest))
}

// takeValue writes how an ask of a number or a digit string takes its
// value: when the digits fit, set the variable and go on.
func (g *gen) takeValue(b *jen.Group, m *dsl.Menu) {
	v, k := m.Ask.Var, m.Ask.Var.Kind
	if k.Type == dsl.NumberKind {
		b.If(
			jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").Qual(rt, "WholeNumber").Call(jen.Id("digits"), jen.Lit(k.Min), jen.Lit(k.Max)),
			jen.Id("ok"),
		).BlockFunc(func(c *jen.Group) {
			c.Add(vexpr(v)).Op("=").Id("n")
			c.Add(logVar(v))
			c.Return(g.reply(m.Ask.Next))
		})
		return
	}
	b.If(jen.Qual(rt, "CheckDigits").Call(jen.Lit(v.Name), jen.Id("digits"), jen.Lit(k.Min), jen.Lit(k.Max)).Op("==").Nil()).BlockFunc(func(c *jen.Group) {
		c.Add(vexpr(v)).Op("=").Id("digits")
		c.Add(logVar(v))
		c.Return(g.reply(m.Ask.Next))
	})
}

// outcomeMethods writes the method of each outcome built per call: its
// steps, then its end, after what b holds.
func (g *gen) outcomeMethods() {
	if g.uses.enterAt {
		doc(g.f, "enterAt puts the caller in menu m, whose entry is the same for every call, after\nwhat b holds.")
		g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id("enterAt").Params(jen.Id("m").Id("Menu"), jen.Id("b").Op("*").Qual(rt, "ReplyBuilder")).
			Qual(rt, "Reply").Block(
			jen.Id("b").Dot("Add").Call(jen.Id("f").Dot("capture").Index(jen.Id("m"))),
			jen.Return(jen.Id("b").Dot("Done").Call(jen.Id("menuNames").Index(jen.Id("m")))),
		)
	}
	for _, o := range g.order {
		if !g.method[o] {
			continue
		}
		name := g.names[o]
		g.f.Commentf("%s answers %s.", name, g.docs[o])
		g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id(name).Params(turnParams()...).Qual(rt, "Reply").BlockFunc(func(b *jen.Group) {
			for i, s := range o.Steps {
				if l, ok := s.(*dsl.SetLang); ok {
					b.Id("t").Dot("SetLang").Call(jen.Lit(l.Lang))
					b.Id("f").Op("=").Id("f").Dot("langs").Index(jen.Lit(l.Lang)).Comment("in " + g.flow.Langs[l.Lang].Name + " from here on")
					continue
				}
				b.Id("b").Dot("Add").CallFunc(func(a *jen.Group) {
					a.Id("f").Dot(stepField(name, i))
					if say, ok := s.(*dsl.Say); ok {
						if _, static := say.Text.Static(); !static {
							a.Add(g.textExpr(say.Text))
						}
					}
				})
			}
			g.end(b, o.End)
		})
	}
}

// end writes how a reply built per call ends.
func (g *gen) end(b *jen.Group, e dsl.End) {
	switch e := e.(type) {
	case *dsl.Goto:
		b.Return(g.goTo(e.To))
	case *dsl.Transfer:
		b.Id("b").Dot("Add").Call(jen.Id("f").Dot(transferField(e.Number)))
		b.Return(jen.Id("b").Dot("Done").Call(jen.Qual(rt, "TransferPrefix").Op("+").Lit(e.Number.Name)))
	case *dsl.Move:
		g.move(b, e)
	default:
		b.Id("b").Dot("Add").Call(jen.Id("f").Dot("hangup"))
		b.Return(jen.Id("b").Dot("Done").Call(jen.Lit("")))
	}
}

// move writes a move: the menu the turn answered again, with its short
// prompt for reprompt; the menu the caller came from; the start.
func (g *gen) move(b *jen.Group, mv *dsl.Move) {
	again := func() {
		b.List(jen.Id("m"), jen.Id("_")).Op(":=").Id("ParseMenu").Call(jen.Id("t").Dot("LogPlace").Call()).Comment("the menu the turn answered")
		b.Return(jen.Id("f").Dot("enterMenu").Call(jen.Id("m"), jen.Id("t"), jen.Id("v"), jen.Id("b")))
	}
	switch mv.Kind {
	case dsl.Repeat:
		again()
	case dsl.Reprompt:
		b.Id("t").Dot("Reprompt").Call()
		again()
	case dsl.Back:
		b.If(jen.List(jen.Id("m"), jen.Id("ok")).Op(":=").Id("ParseMenu").Call(jen.Id("t").Dot("Back").Call()), jen.Id("ok")).Block(
			jen.Return(jen.Id("f").Dot("enterMenu").Call(jen.Id("m"), jen.Id("t"), jen.Id("v"), jen.Id("b"))),
		)
		b.Comment("the history is empty: back goes to the start")
		b.Return(g.goTo(g.flow.Start))
	default:
		b.Id("t").Dot("Top").Call()
		b.Return(g.goTo(g.flow.Start))
	}
}

// enterMenu writes the method that puts the caller in any menu, for the
// moves, which know the menu only per call.
func (g *gen) enterMenu() {
	if !g.uses.moves {
		return
	}
	doc(g.f, "enterMenu puts the caller in menu m after what b holds: repeat, reprompt and back\n"+
		"know the menu only per call.")
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id("enterMenu").Params(
		jen.Id("m").Id("Menu"), jen.Id("t").Op("*").Qual(rt, "Turn"), jen.Id("v").Op("*").Id("vars"), jen.Id("b").Op("*").Qual(rt, "ReplyBuilder"),
	).Qual(rt, "Reply").BlockFunc(func(b *jen.Group) {
		var dynamic []*dsl.Menu
		for _, m := range g.flow.Menus {
			if !staticMenu(m) {
				dynamic = append(dynamic, m)
			}
		}
		if len(dynamic) > 0 {
			b.Switch(jen.Id("m")).BlockFunc(func(s *jen.Group) {
				for _, m := range dynamic {
					s.Case(jen.Id(menuConst(m))).Block(jen.Return(jen.Id("f").Dot(enterName(m)).Call(jen.Id("t"), jen.Id("v"), jen.Id("b"))))
				}
			})
		}
		b.Return(jen.Id("f").Dot("enterAt").Call(jen.Id("m"), jen.Id("b")))
	})
}

// flowMethods writes the ivrruntime.Flow methods.
func (g *gen) flowMethods() {
	doc(g.f, "Name returns the flow's name, ivr %s in %s.", g.flow.Name, g.source())
	g.f.Func().Params(jen.Op("*").Id("Flow")).Id("Name").Params().String().Block(jen.Return(jen.Lit(g.flow.Name)))

	doc(g.f, "Start returns the reply that puts a new caller in %s, finished for t.", startWhat(g.flow.Start))
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id("Start").Params(jen.Id("t").Op("*").Qual(rt, "Turn")).Qual(rt, "Reply").BlockFunc(func(b *jen.Group) {
		b.Id("t").Dot("Begin").Call()
		if m, ok := g.flow.Start.(*dsl.Menu); ok && staticMenu(m) {
			b.Return(jen.Id("t").Dot("Finish").Call(jen.Id("f").Dot("enter").Index(jen.Id(menuConst(m)))))
			return
		}
		b.Id("v").Op(":=").New(jen.Id("vars")).Comment("a new call has no values")
		b.Id("b").Op(":=").Id("t").Dot("Reply").Call()
		b.Return(jen.Id("t").Dot("Finish").Call(g.goTo(g.flow.Start)))
	})

	doc(g.f, "Answer answers a CALL_ACTION: the digits captured in the menu that t.ID, the\n"+
		"clientActionId 8x8 echoed, names; \"\" is the start menu of an outbound call. An id\n"+
		"that names no menu (one a redeploy removed), or whose values are altered or no\n"+
		"longer fit, starts the caller over, with a warning in t. A call over its %d turns\n"+
		"takes on turns.", g.flow.MaxTurns)
	g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id("Answer").Params(jen.Id("t").Op("*").Qual(rt, "Turn")).Qual(rt, "Reply").BlockFunc(func(b *jen.Group) {
		b.Var().Id("v").Id("vars")
		first := jen.Id("m").Op(":=").Id(menuConst(g.startMenu()))
		b.Add(first)
		b.If(jen.Id("t").Dot("ID").Op("==").Lit("")).Block(
			jen.Id("t").Dot("Place").Call(jen.Id("m").Dot("String").Call()).Comment("the answer to an outbound call's first capture"),
			jen.Id("t").Dot("Resume").Call(jen.Nil()),
		).Else().BlockFunc(func(c *jen.Group) {
			if g.secrets() {
				c.Id("t").Dot("SecretDigits").Call(jen.True()).Comment("until the menu is known: its digits may be secret")
			}
			c.List(jen.Id("st"), jen.Err()).Op(":=").Id("t").Dot("Codec").Call().Dot("Parse").Call(jen.Id("t").Dot("ID"))
			c.If(jen.Err().Op("!=").Nil()).Block(
				jen.Id("t").Dot("Warn").Call(jen.Lit("clientActionId: %v: the caller starts over"), jen.Err()),
				jen.Return(jen.Id("f").Dot("Start").Call(jen.Id("t"))),
			)
			c.Var().Id("ok").Bool()
			c.If(jen.List(jen.Id("m"), jen.Id("ok")).Op("=").Id("ParseMenu").Call(jen.Id("st").Dot("Place").Call()), jen.Op("!").Id("ok")).Block(
				jen.Id("t").Dot("Warn").Call(jen.Lit("unknown clientActionId %q: the caller starts over"), jen.Id("st").Dot("Place").Call()),
				jen.Return(jen.Id("f").Dot("Start").Call(jen.Id("t"))),
			)
			c.Id("t").Dot("Place").Call(jen.Id("m").Dot("String").Call())
			c.Id("t").Dot("Resume").Call(jen.Id("st"))
			if g.stateful() {
				c.If(jen.Op("!").Id("v").Dot("load").Call(jen.Id("t"), jen.Id("m"), jen.Id("st"))).Block(
					jen.Id("t").Dot("Warn").Call(jen.Lit("clientActionId of %s: %v: the caller starts over"), jen.Id("m"), jen.Id("st").Dot("Err").Call()),
					jen.Return(jen.Id("f").Dot("Start").Call(jen.Id("t"))),
				)
			}
		})
		if g.secrets() {
			b.Id("t").Dot("SecretDigits").Call(jen.Id("secret").Index(jen.Id("m")))
		}
		if n := len(g.flow.Langs); n > 1 {
			b.If(jen.Id("l").Op(":=").Id("t").Dot("Lang").Call(), jen.Id("l").Op(">=").Lit(n)).Block(
				jen.Id("t").Dot("Warn").Call(jen.Lit("clientActionId: language %d: the caller starts over"), jen.Id("l")),
				jen.Return(jen.Id("f").Dot("Start").Call(jen.Id("t"))),
			).Else().Block(
				jen.Id("f").Op("=").Id("f").Dot("langs").Index(jen.Id("l")).Comment("the caller's language"),
			)
		}
		b.If(jen.Id("t").Dot("Turns").Call().Op(">").Id("MaxTurns")).Block(
			jen.Id("t").Dot("OverTurns").Call(),
			jen.Return(jen.Id("t").Dot("Finish").Call(g.reply(g.flow.OnTurns))),
		)
		b.Return(jen.Id("t").Dot("Finish").Call(jen.Id("answers").Index(jen.Id("m")).Call(jen.Id("f"), jen.Id("t"), jen.Op("&").Id("v"))))
	})

	doc(g.f, "Stateful reports whether the flow carries values in its clientActionIds: %v.", g.stateful())
	g.f.Func().Params(jen.Op("*").Id("Flow")).Id("Stateful").Params().Bool().Block(jen.Return(jen.Lit(g.stateful())))

	if m, ok := g.flow.Start.(*dsl.Menu); ok {
		g.f.Comment("StartCapture is the start menu's capture, for outbound calls.")
		g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id("StartCapture").Params().Params(jen.Qual(rt, "SayAndCapture"), jen.Bool()).Block(
			jen.Return(jen.Id("captures").Index(jen.Id(menuConst(m))), jen.True()))
	} else {
		g.f.Comment("StartCapture reports false: the flow starts with an hours branch, which only an\nanswer can take, so it places no outbound calls.")
		g.f.Func().Params(jen.Id("f").Op("*").Id("Flow")).Id("StartCapture").Params().Params(jen.Qual(rt, "SayAndCapture"), jen.Bool()).Block(
			jen.Return(jen.Qual(rt, "SayAndCapture").Values(), jen.False()))
	}
}

// startMenu is the menu an outbound call's first capture belongs to: the
// start menu, else the first menu (a flow that starts with hours places
// no outbound calls, and its answers always carry a clientActionId).
func (g *gen) startMenu() *dsl.Menu {
	if m, ok := g.flow.Start.(*dsl.Menu); ok {
		return m
	}
	return g.flow.Menus[0]
}

// startWhat names where a call starts, for comments.
func startWhat(p dsl.Place) string {
	if h, ok := p.(*dsl.Hours); ok {
		return "the hours branch " + h.Name
	}
	return "the start menu, " + p.PlaceName()
}

// secrets reports whether any ask of the flow is secret.
func (g *gen) secrets() bool {
	for _, v := range g.flow.Vars {
		if v.Secret {
			return true
		}
	}
	return false
}

// secretTable writes which menus capture a secret.
func (g *gen) secretTable() {
	if !g.secrets() {
		return
	}
	g.f.Comment("secret says which menus capture a secret, whose digits are never logged.")
	g.f.Var().Id("secret").Op("=").Index(jen.Len(jen.Id("menuNames"))).Bool().ValuesFunc(func(v *jen.Group) {
		for _, m := range g.flow.Menus {
			if m.Ask != nil && m.Ask.Var.Secret {
				v.Line().Id(menuConst(m)).Op(":").True()
			}
		}
		v.Line()
	})
}

// newReply builds a reply that is the same for every call: its steps,
// then its end.
func (g *gen) newReply(o *dsl.Outcome) *jen.Statement {
	id, end := g.endExpr(o.End)
	args := append([]jen.Code{id}, g.stepExprs(o.Steps)...)
	args = append(args, end)
	return jen.Qual(rt, "NewReply").CallFunc(func(c *jen.Group) {
		for _, a := range args {
			c.Line().Add(a)
		}
		c.Line()
	})
}

// endExpr returns the clientActionId and the last action of an end that
// is the same for every call.
func (g *gen) endExpr(e dsl.End) (id, action jen.Code) {
	switch e := e.(type) {
	case *dsl.Goto:
		m := e.To.(*dsl.Menu)
		return jen.Id(menuConst(m)).Dot("String").Call(), jen.Id(g.capturesVar()).Index(jen.Id(menuConst(m)))
	case *dsl.Transfer:
		return jen.Qual(rt, "TransferPrefix").Op("+").Lit(e.Number.Name), makeCall(e.Number)
	}
	return jen.Lit(""), jen.Qual(rt, "Hangup").Values()
}

func (g *gen) stepExprs(steps []dsl.Step) []jen.Code {
	out := make([]jen.Code, len(steps))
	for i, s := range steps {
		out[i] = g.stepExpr(s)
	}
	return out
}

// stepExpr is a step's action; a say that speaks variables has its text as
// ivrruntime.Hole.
func (g *gen) stepExpr(s dsl.Step) jen.Code {
	switch s := s.(type) {
	case *dsl.Say:
		fs := []field{{"Text", g.textLit(s.Text)}, {"VoiceProfile", jen.Lit(g.voice(s.Voice))}, {"Speed", jen.Lit(s.Voice.Speed)}}
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
	on := o.Handler
	if o.Slip > 0 {
		on += " " + strconv.Itoa(o.Slip)
	}
	switch {
	case o.Handler == "turns" && o.Pos.Line == 0:
		return fmt.Sprintf("a call over its turns: the default goodbye (%s has no on turns)", path.Base(o.Pos.File))
	case o.Handler == "turns":
		return fmt.Sprintf("on turns (%s): a call over its turns", where(o.Pos))
	case o.Menu == nil:
		return fmt.Sprintf("on %s (%s), for menus without their own", on, where(o.Pos))
	}
	return fmt.Sprintf("%s, on %s (%s)", o.Menu.What(), on, where(o.Pos))
}

func handlerField(o *dsl.Outcome) string {
	name := o.Handler
	if o.Slip > 0 {
		name += strconv.Itoa(o.Slip)
	}
	if o.Menu == nil {
		return name
	}
	return lowerFirst(o.Menu.GoName) + "_" + name
}

// durationLit writes a deadline as Go: 3 * time.Second, 1500 * time.Millisecond.
func durationLit(d time.Duration) *jen.Statement {
	if d%time.Second == 0 {
		return jen.Lit(int(d/time.Second)).Op("*").Qual("time", "Second")
	}
	return jen.Lit(int(d/time.Millisecond)).Op("*").Qual("time", "Millisecond")
}

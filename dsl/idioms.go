package dsl

import (
	"fmt"
	"strconv"
	"strings"
)

// The idioms of a phone line that reach across menus: languages, global
// keys, the turn cap, and the moves (repeat, reprompt, back, top).

// maxTurns is the highest turn cap a file may set.
const maxTurns = 999

// globalDecl is a global key as written, and its outcome.
type globalDecl struct {
	key  string
	pos  Pos
	decl *BranchDecl
	then *Outcome
}

// languages declares the file's languages, which every text needs before
// it is read.
func (c *checker) languages(decls []*LangDecl) {
	c.langIndex = map[string]int{}
	for _, d := range decls {
		name, p := d.Name.Name, posOf(d.Name.Pos)
		if i, dup := c.langIndex[name]; dup {
			c.errorf(p, "language %s is already declared at line %d", name, c.flow.Langs[i].Pos.Line)
			continue
		}
		voice, ok := c.voice(d.Voice)
		if !ok {
			continue
		}
		c.langIndex[name] = len(c.flow.Langs)
		c.flow.Langs = append(c.flow.Langs, &Lang{Name: name, Voice: voice, Pos: p})
	}
}

// turns reads turns N, the most answers a call gets.
func (c *checker) turns(ns []*Num) {
	c.flow.MaxTurns = DefaultMaxTurns
	for i, n := range ns {
		if i > 0 {
			c.errorf(n.posOf(), "turns is already set at line %d", ns[0].Pos.Line)
			continue
		}
		if v, ok := c.countWhy(n, "turns", 2, maxTurns, "the turn cap is"); ok {
			c.flow.MaxTurns = v
		}
	}
}

// onTurns checks what a call over its turns hears: it ends the call, and
// speaks no variable, since it can follow any menu.
func (c *checker) onTurns(file voiceCtx, at Pos) {
	o := c.handler["turns"]
	if o == nil {
		if len(c.flow.Langs) > 0 && !c.q.handlers && !c.q.langs && !c.q.edges {
			c.errorf(c.flow.Langs[0].Pos, "a file with languages needs its own on turns { say \"...\" %s \"...\"; hangup }: the goodbye to a call over its turns (%d), which is otherwise in English only", c.langExample(), c.flow.MaxTurns)
		}
		at := Pos{File: at.File} // line 0: written nowhere
		o = &Outcome{Pos: at, Handler: "turns", End: &Hangup{Pos: at}}
		voice := Voice{Speed: file.speed}
		switch start, _ := c.flow.Start.(*Menu); {
		case len(c.flow.Langs) > 0:
			voice.Profile = c.flow.Langs[0].Voice
		case file.profile != nil:
			voice.Profile = *file.profile
		case start != nil:
			voice = start.Voice
		}
		if voice.Profile != "" {
			o.Steps = []Step{&Say{Pos: at, Text: Text{Parts: []TextPart{{Lit: defaultTurnsGoodbye}}}, Voice: voice}}
		}
	}
	switch o.End.(type) {
	case *Goto, *Move:
		c.errorf(o.Pos, "on turns must end the call (hangup or transfer): the call is over its turns (%d)", c.flow.MaxTurns)
	}
	for _, s := range o.Steps {
		if say, ok := s.(*Say); ok && len(say.Text.Vars()) > 0 {
			c.errorf(say.Pos, "on turns speaks no variable: it can follow any menu, where the variable may be unset")
		}
	}
	c.flow.OnTurns = o
}

// defaultTurnsGoodbye is what a call over its turns hears when the file
// says nothing.
const defaultTurnsGoodbye = "Sorry, we cannot go on with this call. Goodbye."

// globals reads the global keys: written once, in every menu that does not
// write the key itself or do without it.
func (c *checker) globals(decls []*BranchDecl, file voiceCtx) {
	for _, d := range decls {
		p := posOf(d.Key.Pos)
		if d.Choice != nil {
			c.errorf(p, "a global key leads on, as in global 0 -> NAME: it gives no value")
			continue
		}
		key := d.Key.Digits
		if d.Key.Quoted != nil {
			var ok bool
			if key, ok = c.str(d.Key.Quoted); !ok {
				continue
			}
		}
		then := c.target(d.Target, file)
		if !keyPattern.MatchString(key) {
			c.errorf(p, "key %q is not something a phone can send: use digits, * and #", key)
			continue
		}
		if g := c.globalKey(key); g != nil {
			c.errorf(p, "global key %s is already given at line %d", key, g.pos.Line)
			continue
		}
		c.globalKeys = append(c.globalKeys, &globalDecl{key: key, pos: p, decl: d, then: then})
	}
}

func (c *checker) globalKey(key string) *globalDecl {
	for _, g := range c.globalKeys {
		if g.key == key {
			return g
		}
	}
	return nil
}

// globalList says which global keys there are, for a no global that names
// another.
func (c *checker) globalList() string {
	if len(c.globalKeys) == 0 {
		return " (the file has none)"
	}
	keys := make([]string, len(c.globalKeys))
	for i, g := range c.globalKeys {
		keys[i] = g.key
	}
	return " (the file's are " + strings.Join(keys, ", ") + ")"
}

// applyGlobals adds the global keys to every menu, choice ask and
// read-back that does not list the key itself or do without it; an ask of
// a number or digits reads every key as its value, so it takes none. A
// global key menus cannot receive is reported at the key, once a reason,
// naming the menus.
func (c *checker) applyGlobals(noGlobal map[*Menu]map[string]bool) {
	var refused []*globalRefusal
	for _, m := range c.flow.Menus {
		if m.Ask != nil && m.Ask.Var != nil && m.Ask.Var.Kind.Type != ChoiceKind {
			continue
		}
		off := noGlobal[m]
		if off[""] {
			continue
		}
		for _, g := range c.globalKeys {
			if off[g.key] || hasKey(m, g.key) {
				continue
			}
			if why := unreceivable(m, g.key); why != "" {
				refused = refuse(refused, g, why, m)
				continue
			}
			m.Keys = append(m.Keys, &Branch{Key: g.key, Pos: g.pos, Then: g.then, Global: true})
		}
	}
	for _, r := range refused {
		c.refuseGlobal(r.g, r.why, r.menus)
	}
}

// globalRefusal is a global key, why menus cannot receive it, and which.
type globalRefusal struct {
	g     *globalDecl
	why   string
	menus []*Menu
}

// refuse adds m to the refusal of g for why, a new one when it is the first.
func refuse(refused []*globalRefusal, g *globalDecl, why string, m *Menu) []*globalRefusal {
	for _, r := range refused {
		if r.g == g && r.why == why {
			r.menus = append(r.menus, m)
			return refused
		}
	}
	return append(refused, &globalRefusal{g, why, []*Menu{m}})
}

func (c *checker) refuseGlobal(g *globalDecl, why string, menus []*Menu) {
	written := keyWritten(g.decl.Key)
	if len(menus) == 1 {
		m := menus[0]
		c.errorf(g.pos, "global key %s cannot be pressed in %s: %s; write no global %s in the %s", g.key, m.What(), why, written, m.noun())
		return
	}
	names := joinNames(menus, ", ", func(m *Menu) string { return m.What() })
	c.errorf(g.pos, "global key %s cannot be pressed in %s: %s; write no global %s in each, or give it another key", g.key, names, why, written)
}

func hasKey(m *Menu, key string) bool {
	for _, b := range m.Keys {
		if b.Key == key {
			return true
		}
	}
	return false
}

// unreceivable says why a menu cannot receive key, "" when it can.
func unreceivable(m *Menu, key string) string {
	cp, n := m.Capture, len(key)
	switch {
	case n < cp.MinDigits || n > cp.MaxDigits:
		return fmt.Sprintf("it has %d %s and the %s captures %s", n, plural(n, "digit"), m.noun(), digitRange(cp))
	case cp.CompleteOnHash && strings.ContainsRune(key, '#'):
		return "# ends the input there (complete-on-hash is yes)"
	}
	return ""
}

// checkMoves reports moves with no menu to move from: repeat, reprompt and
// back in what a hook, an hours branch or on turns leads to, and back in
// the start menu's own keys and handlers, where the caller has come from
// no menu.
func (c *checker) checkMoves(start *Menu) {
	relative := func(o *Outcome) *Move {
		if o == nil {
			return nil
		}
		if mv, ok := o.End.(*Move); ok && mv.Kind != Top {
			return mv
		}
		return nil
	}
	var inNoMenu []Place
	for _, h := range c.flow.Hooks {
		inNoMenu = append(inNoMenu, h)
	}
	for _, h := range c.flow.Hours {
		inNoMenu = append(inNoMenu, h)
	}
	for _, p := range inNoMenu {
		for _, o := range outcomesOf(p) {
			if mv := relative(o); mv != nil {
				c.unresolved = true // where it leads is not known: reachability waits
				c.errorf(mv.Pos, "%s is for a menu's keys and handlers: %s is in no menu; name where the caller goes", mv.Kind, placeWhat(p))
			}
		}
	}
	if start == nil {
		return
	}
	seen := map[*Outcome]bool{}
	var own []*Outcome
	for _, b := range start.Keys {
		if !b.Global && b.Then != nil {
			own = append(own, b.Then)
		}
	}
	for _, o := range start.Outcomes() {
		if o != nil && o.Menu == start {
			own = append(own, o)
		}
	}
	for _, o := range own {
		if o == nil {
			continue
		}
		if mv, ok := o.End.(*Move); ok && mv.Kind == Back && !seen[o] {
			seen[o] = true
			c.errorf(mv.Pos, "back in the start menu %s has nowhere to go: a call begins there; use repeat, or name a menu", start.Name)
		}
	}
}

// sessionSize is the most bytes the session takes in a clientActionId,
// the same for every menu of the flow: the turns, .9.9., the language, and
// the history, MaxHistory of the longest names, each after a ~.
func (c *checker) sessionSize() int {
	longest := 0
	for _, m := range c.flow.Menus {
		longest = max(longest, len(m.Name))
	}
	return len(strconv.Itoa(c.flow.MaxTurns)) + len(".9.9.") + len(strconv.Itoa(max(len(c.flow.Langs)-1, 0))) +
		maxHistory*(1+longest)
}

// maxHistory is the runtime's MaxHistory.
const maxHistory = 8

// langExample is the name of the file's second language, for examples of
// a translation: es; the first when there is one.
func (c *checker) langExample() string {
	if len(c.flow.Langs) > 1 {
		return c.flow.Langs[1].Name
	}
	return c.flow.Langs[0].Name
}

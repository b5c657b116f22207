package dsl

import "strings"

// Compile parses and checks a .ivr file. The Flow is nil when any diagnostic
// is an error; warnings come with a Flow. Diagnostics are sorted.
func Compile(name string, src []byte) (*Flow, Diagnostics) {
	file, diags := Parse(name, src)
	if file == nil {
		return nil, diags
	}
	flow, more := Check(file)
	diags = append(diags, more...).Sorted()
	if diags.HasErrors() {
		return nil, diags
	}
	return flow, diags
}

// Check resolves every name in a parsed file, applies the defaults and
// checks every rule and 8x8 limit, reporting all problems at once.
func Check(f *File) (*Flow, Diagnostics) {
	c := &checker{
		flow:     &Flow{Name: "", File: f.Name},
		global:   newScope(),
		menus:    map[string]*Menu{},
		hooks:    map[string]*Hook{},
		numbers:  map[string]*Number{},
		vars:     map[string]*Var{},
		varUsed:  map[*Var]bool{},
		envs:     map[string]string{},
		badKinds: map[*Var]bool{},
		names:    map[string]Pos{},
		goNames:  map[string]string{},
		handler:  map[string]*Outcome{},
		used:     map[*Number]bool{},
		q:        newQuiet(f.Broken),

		noGlobals: map[*Menu]map[string]bool{},
		calendars: map[string]*Calendar{},
		hours:     map[string]*Hours{},
	}
	for w := range c.q.settings {
		c.global.broken[w] = true
	}
	c.file(f)
	if c.diags.HasErrors() {
		return nil, c.diags.Sorted()
	}
	return c.flow, c.diags.Sorted()
}

type checker struct {
	flow    *Flow
	diags   Diagnostics
	global  *scope              // the file's settings
	menus   map[string]*Menu    // menus and asks, by name
	hooks   map[string]*Hook    // by name
	numbers map[string]*Number  // by name
	vars    map[string]*Var     // by name
	names   map[string]Pos      // every declared menu, ask, hook and number
	goNames map[string]string   // kind+GoName -> the name that took it
	handler map[string]*Outcome // the file's on invalid / on silence
	// fileSlip is the highest N of the file's on invalid N and on silence N
	fileSlip int
	used     map[*Number]bool  // numbers some transfer dials
	varUsed  map[*Var]bool     // variables some text speaks or some hook takes
	envs     map[string]string // environment variables the file names -> what for
	q        *quiet            // what statements left out for syntax errors could upset
	// unresolved is set when a name did not resolve: what reaches what is
	// then not known
	unresolved bool
	// orphan is set while the body of a menu whose first line is broken is
	// checked: only what its statements show on their own is reported
	orphan   bool
	noVoice  []Pos          // the texts with no voice profile from anywhere
	badKinds map[*Var]bool  // variables whose kind was written with a bad value
	reached  map[Place]bool // the places a call can reach from the start menu

	langIndex  map[string]int // the file's languages, by name: index in Flow.Langs
	globalKeys []*globalDecl
	noGlobals  map[*Menu]map[string]bool // what no global each menu writes
	calendars  map[string]*Calendar
	hours      map[string]*Hours
}

// menuDecl pairs a declared menu or ask with its syntax and the position
// of its statement.
type menuDecl struct {
	menu *Menu
	decl *MenuDecl
	at   Pos
}

// calDecl is a calendar's syntax and the position of its statement.
type calDecl struct {
	decl *CalDecl
	at   Pos
}

// hoursDecl pairs a declared hours branch with its syntax.
type hoursDecl struct {
	hours *Hours
	decl  *HoursDecl
	at    Pos
}

// hookDecl pairs a declared hook with its syntax.
type hookDecl struct {
	hook *Hook
	decl *HookDecl
	at   Pos
}

// file checks a whole file: names first (menus, asks, hooks, numbers),
// then variables and their kinds, then everything that speaks or leads
// somewhere, then the flow as a whole.
func (c *checker) file(f *File) {
	var menus, asks []menuDecl
	var hooks []hookDecl
	var handlers []*HandlerDecl
	var settings []*Setting
	var start *Name
	var langs []*LangDecl
	var globals []*BranchDecl
	var turns []*Num
	var cals []calDecl
	var hours []hoursDecl
	for _, d := range f.Decls {
		if d.Lang != nil {
			langs = append(langs, d.Lang)
		}
	}
	c.languages(langs)
	for i, d := range f.Decls {
		switch {
		case d.Lang != nil:
		case d.Global != nil:
			globals = append(globals, d.Global)
		case d.Turns != nil:
			turns = append(turns, d.Turns)
		case d.Cal != nil:
			cals = append(cals, calDecl{d.Cal, posOf(d.Pos)})
		case d.Hours != nil:
			if h := c.declareHours(d.Hours); h != nil {
				hours = append(hours, hoursDecl{h, d.Hours, posOf(d.Pos)})
			}
		case d.Ivr != nil:
			c.ivr(d, i == 0)
		case d.Start != nil:
			if start != nil {
				c.errorf(posOf(d.Pos), "start is already given at line %d", start.Pos.Line)
				continue
			}
			start = d.Start
		case d.Number != nil:
			c.number(d.Number)
		case d.Menu != nil:
			if m := c.declareMenu(d.Menu, "menu"); m != nil {
				menus = append(menus, menuDecl{m, d.Menu, posOf(d.Pos)})
			}
		case d.Ask != nil:
			if m := c.declareMenu(d.Ask, "ask"); m != nil {
				asks = append(asks, menuDecl{m, d.Ask, posOf(d.Pos)})
			}
		case d.Hook != nil:
			if h := c.declareHook(d.Hook); h != nil {
				hooks = append(hooks, hookDecl{h, d.Hook, posOf(d.Pos)})
			}
		case d.Setting != nil:
			settings = append(settings, d.Setting)
		case d.On != nil:
			handlers = append(handlers, d.On)
		}
	}
	for _, a := range asks {
		c.askVar(a.menu, a.decl, c.q.menu(a.at))
	}
	for _, h := range hooks {
		c.hookVars(h.hook, h.decl)
	}
	for _, h := range hooks {
		c.hookKindless(h.decl)
	}
	for _, s := range settings {
		c.set(c.global, s)
	}
	c.turns(turns)
	for _, d := range cals {
		c.declareCalendar(d.decl, d.at)
	}
	start0 := Pos{File: c.flow.File, Line: 1, Col: 1}
	if c.flow.Name == "" && !c.q.file && !c.q.ivr {
		c.errorf(start0, "the file must begin with ivr NAME, the flow's name")
	}
	c.checkTimeouts(c.global, newScope())
	c.flow.Start = c.startMenu(start, start0)
	file := voiceCtx{profile: c.global.voice, speed: pick(defaultSpeed, c.global.speed), unknown: unknown("voice", c.global)}
	for _, h := range handlers {
		if c.onHandler(c.handler, h, file, nil) {
			c.q.handlers = true
		}
	}
	c.fileSlip = lastSlip(c.handler)
	c.globals(globals, file)
	for _, md := range menus {
		c.menuBody(md.menu, md.decl, md.at)
	}
	for _, md := range asks {
		c.askBody(md.menu, md.decl, md.at)
	}
	for _, hd := range hooks {
		c.hookBody(hd.hook, hd.decl, hd.at, file)
	}
	for _, d := range hours {
		c.hoursBody(d.hours, d.decl, d.at, file)
	}
	c.applyGlobals(c.noGlobals)
	startMenu, _ := c.flow.Start.(*Menu)
	c.checkMoves(startMenu)
	c.onTurns(file, start0)
	c.orphans(f.Broken)
	c.missingVoices()
	c.flowChecks()
	c.goIdents()
	c.warnings()
}

func (c *checker) ivr(d *Decl, first bool) {
	if c.flow.Name != "" {
		c.errorf(posOf(d.Pos), "ivr is already given: a file holds one flow")
		return
	}
	if !first {
		c.errorf(posOf(d.Pos), "ivr NAME must come first in the file")
	}
	if c.notKeyword(d.Ivr, "the flow") {
		c.flow.Name = d.Ivr.Name
	}
}

func (c *checker) startMenu(start *Name, at Pos) Place {
	if start == nil {
		if !c.q.file && !c.q.start {
			c.errorf(at, "no start menu: add start NAME, the menu new calls enter")
		}
		return nil
	}
	if h := c.hooks[start.Name]; h != nil {
		c.errorf(posOf(start.Pos), "start %s is a hook: a call starts in a menu, an ask or an hours branch, which a hook can follow", start.Name)
		return nil
	}
	switch p := c.placeRef(start).(type) {
	case *Menu:
		return p
	case *Hours:
		return p
	}
	return nil
}

// notKeyword reports a name that is reserved (see reserved).
func (c *checker) notKeyword(n *Name, what string) bool {
	if reserved[n.Name] {
		c.errorf(posOf(n.Pos), "%s is reserved (-> %s means the action) and cannot name %s", n.Name, n.Name, what)
		return false
	}
	return true
}

// declare records a menu or number name, reporting clashes of names and of
// the Go names generated from them. A Go name clash still declares the name,
// so that references to it resolve and report nothing more.
func (c *checker) declare(n *Name, kind string) (goName string, ok bool) {
	p := posOf(n.Pos)
	if !c.notKeyword(n, article(kind)+" "+kind) {
		return "", false
	}
	if first, dup := c.names[n.Name]; dup {
		c.errorf(p, "%s is already declared at line %d", n.Name, first.Line)
		return "", false
	}
	c.names[n.Name] = p
	goName = GoName(n.Name)
	space := kind
	if kind == "ask" { // asks are Menu constants too
		space = "menu"
	}
	if other, clash := c.goNames[space+goName]; clash {
		c.errorf(p, "%s %s and %s would both be %s in Go: rename one", kind, n.Name, other, goName)
	} else if kind == "number" && goName == "VirtualNumber" {
		c.errorf(p, "number %s would be VirtualNumber in Go, which is the server's caller id: rename it", n.Name)
	}
	c.goNames[space+goName] = n.Name
	return goName, true
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// declareMenu declares a menu or an ask (what says which). Menus and asks
// share their Go names: both are Menu constants.
func (c *checker) declareMenu(d *MenuDecl, what string) *Menu {
	goName, ok := c.declare(d.Name, what)
	if !ok {
		return nil
	}
	m := &Menu{Name: d.Name.Name, GoName: goName, Pos: posOf(d.Name.Pos)}
	if what == "ask" {
		m.Ask = &Ask{}
	}
	c.menus[m.Name] = m
	c.flow.Menus = append(c.flow.Menus, m)
	return m
}

func (c *checker) declareHook(d *HookDecl) *Hook {
	goName, ok := c.declare(d.Name, "hook")
	if !ok {
		return nil
	}
	h := &Hook{Name: d.Name.Name, GoName: goName, Pos: posOf(d.Name.Pos)}
	c.hooks[h.Name] = h
	c.flow.Hooks = append(c.flow.Hooks, h)
	return h
}

func (c *checker) number(d *NumberDecl) {
	goName, ok := c.declare(d.Name, "number")
	if !ok {
		return
	}
	n := &Number{Name: d.Name.Name, GoName: goName, Pos: posOf(d.Name.Pos)}
	if env := d.Value.Env; env != nil {
		n.Env = env.Name
		switch {
		case !envVarPattern.MatchString(n.Env):
			c.errorf(posOf(env.Pos), "%s is not an environment variable name: use upper case, digits and _ (such as IVR_STAFF_NUMBER)", n.Env)
		case reservedEnv[n.Env]:
			c.errorf(posOf(env.Pos), "%s is the server's own variable: give number %s a variable of its own", n.Env, n.Name)
		default:
			c.claimEnv(n.Env, "number "+n.Name, posOf(env.Pos))
		}
	} else if v, ok := c.str(d.Value.Literal); ok {
		n.Literal = v
		if !e164Pattern.MatchString(v) {
			c.errorf(d.Value.Literal.posOf(), "%q is not an E.164 number (%s)", v, e164Hint)
		}
	}
	c.numbers[n.Name] = n
	c.flow.Numbers = append(c.flow.Numbers, n)
}

// orphans checks the bodies of menus whose first line is broken: their
// statements parsed, so what is wrong with them on their own is reported.
func (c *checker) orphans(broken []*Broken) {
	c.orphan = true
	defer func() { c.orphan = false }()
	for _, b := range broken {
		if b.Items == nil {
			continue
		}
		name := b.Name
		if name == "" {
			name = "?"
		}
		m := &Menu{Name: name, Pos: b.Pos}
		c.menuBody(m, &MenuDecl{Items: b.Items}, b.Owner)
	}
}

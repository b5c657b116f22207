package dsl

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
		flow:    &Flow{Name: "", File: f.Name},
		global:  newScope(),
		menus:   map[string]*Menu{},
		numbers: map[string]*Number{},
		names:   map[string]Pos{},
		goNames: map[string]string{},
		handler: map[string]*Outcome{},
		used:    map[*Number]bool{},
		q:       newQuiet(f.Broken),
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
	menus   map[string]*Menu    // by name
	numbers map[string]*Number  // by name
	names   map[string]Pos      // every declared menu and number
	goNames map[string]string   // kind+GoName -> the name that took it
	handler map[string]*Outcome // the file's on invalid / on silence
	used    map[*Number]bool    // numbers some transfer dials
	q       *quiet              // what statements left out for syntax errors could upset
	// unresolved is set when a menu or number name did not resolve: what
	// reaches what is then not known
	unresolved bool
	// orphan is set while the body of a menu whose first line is broken is
	// checked: only what its statements show on their own is reported
	orphan  bool
	noVoice []Pos // the texts with no voice profile from anywhere
}

// menuDecl pairs a declared menu with its syntax and the position of its
// statement.
type menuDecl struct {
	menu *Menu
	decl *MenuDecl
	at   Pos
}

func (c *checker) file(f *File) {
	var menus []menuDecl
	var handlers []*HandlerDecl
	var start *Name
	for i, d := range f.Decls {
		switch {
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
			if m := c.declareMenu(d.Menu); m != nil {
				menus = append(menus, menuDecl{m, d.Menu, posOf(d.Pos)})
			}
		case d.Setting != nil:
			c.set(c.global, d.Setting)
		case d.On != nil:
			handlers = append(handlers, d.On)
		}
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
	for _, md := range menus {
		c.menuBody(md.menu, md.decl, md.at)
	}
	c.orphans(f.Broken)
	c.missingVoices()
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

func (c *checker) startMenu(start *Name, at Pos) *Menu {
	if start == nil {
		if !c.q.file && !c.q.start {
			c.errorf(at, "no start menu: add start NAME, the menu new calls enter")
		}
		return nil
	}
	return c.menuRef(start)
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
	if !c.notKeyword(n, "a "+kind) {
		return "", false
	}
	if first, dup := c.names[n.Name]; dup {
		c.errorf(p, "%s is already declared at line %d", n.Name, first.Line)
		return "", false
	}
	c.names[n.Name] = p
	goName = GoName(n.Name)
	if other, clash := c.goNames[kind+goName]; clash {
		c.errorf(p, "%s %s and %s would both be %s in Go: rename one", kind, n.Name, other, goName)
	} else if kind == "number" && goName == "VirtualNumber" {
		c.errorf(p, "number %s would be VirtualNumber in Go, which is the server's caller id: rename it", n.Name)
	}
	c.goNames[kind+goName] = n.Name
	return goName, true
}

func (c *checker) declareMenu(d *MenuDecl) *Menu {
	goName, ok := c.declare(d.Name, "menu")
	if !ok {
		return nil
	}
	m := &Menu{Name: d.Name.Name, GoName: goName, Pos: posOf(d.Name.Pos)}
	c.menus[m.Name] = m
	c.flow.Menus = append(c.flow.Menus, m)
	return m
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

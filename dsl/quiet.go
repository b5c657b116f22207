package dsl

// quiet says which checks the file's broken statements could upset. A
// check that a broken statement might have satisfied (a menu it may
// declare, a key it may add, the end of a block it may be) says nothing
// until that statement is fixed; every other check still speaks, so that
// one run shows every mistake that is not a knock-on of another.
type quiet struct {
	file       bool // a top-level statement that could be anything
	ivr, start bool
	handlers   bool // the file's on invalid or on silence
	// edges: a key, goto or transfer may be missing, so reachability and
	// the use of numbers are not known
	edges    bool
	anyName  bool            // a menu or number whose name is lost
	anyVar   bool            // a broken ask or outcome may declare any variable
	globals  bool            // a global key is broken: any menu may have any key
	langs    bool            // a top-level statement is broken: the languages are not known
	names    map[string]bool // menus and numbers a broken statement declares
	settings map[string]bool // the file's settings that are broken
	menus    map[Pos]*menuQuiet
	blocks   map[Pos]bool // blocks, by their {, whose end may be missing
}

// menuQuiet is what a menu's broken statements could upset.
type menuQuiet struct {
	all, prompt, handlers bool
	keys                  bool            // a key is broken that could be any key
	maybeKeys             map[string]bool // keys written on broken lines
	settings              map[string]bool
	words                 map[string]bool // then, confirm, secret, number: an ask's statements that are broken
}

func newQuiet(broken []*Broken) *quiet {
	q := &quiet{names: map[string]bool{}, settings: map[string]bool{}, menus: map[Pos]*menuQuiet{}, blocks: map[Pos]bool{}}
	for _, b := range broken {
		switch b.In {
		case topKind:
			q.top(b)
		case menuKind:
			q.inMenu(b)
		case hookKind:
			q.inHook(b)
		case calKind, hoursKind: // a day's hours or a closure; a branch
			q.menu(b.Owner).all, q.edges = true, true
		default:
			q.inBlock(b)
		}
	}
	return q
}

func (q *quiet) top(b *Broken) {
	q.langs = true // it may be a language, which any text may name
	switch w := b.Word; {
	case w == "ivr":
		q.ivr = true
	case w == "start":
		q.start = true
	case w == "on":
		q.handlers, q.edges = true, true
	case w == "ask" || w == "hook":
		q.anyName, q.anyVar, q.edges = b.Name == "" || q.anyName, true, true
		q.names[b.Name] = true
	case w == "language":
		q.file = true // any text may be missing a translation, or have one too many
	case w == "global":
		q.edges, q.globals = true, true
	case w == "calendar":
		q.names[b.Name] = true
		q.anyName = q.anyName || b.Name == ""
	case w == "hours":
		q.names[b.Name] = true
		q.anyName, q.edges = q.anyName || b.Name == "", true
	case w == "turns":
	case w == "menu" || w == "number":
		if b.Name == "" {
			q.anyName = true
		}
		q.names[b.Name] = true
		q.edges = q.edges || w == "menu"
	case settingWords[w]:
		q.settings[w] = true
	default:
		q.file = true
	}
}

func (q *quiet) inMenu(b *Broken) {
	m := q.menu(b.Owner)
	switch w := b.Word; {
	case w == "prompt":
		m.prompt = true
	case w == "key":
		m.maybeKeys[b.Name] = true
		q.edges = true
	case w == "text": // a quoted key, or a prompt that lost its keyword
		m.keys, m.prompt, q.edges = true, true, true
	case w == "on", w == "no": // no global, on misspelt as o, or a yes/no setting that lost its name
		m.handlers, m.keys, q.edges = true, true, true
		m.settings["complete-on-hash"], m.settings["check-prompt"] = true, true
	case settingWords[w]:
		m.settings[w] = true
	case w == "then":
		m.words[w], q.edges = true, true
	case startWords[menuKind][w]:
		m.words[w] = true
	default:
		m.all, q.edges = true, true
	}
}

// inHook: a broken outcome may be any outcome (error among them) and give
// any value.
func (q *quiet) inHook(b *Broken) {
	m := q.menu(b.Owner)
	switch b.Word {
	case "url", "auth":
	case "outcome":
		m.maybeKeys[b.Name] = true
		q.edges, q.anyVar = true, true
	default:
		m.all, q.edges, q.anyVar = true, true, true
	}
}

// inBlock: any broken action may be, or may have swallowed (an
// unterminated string runs to the end of the line), the block's end.
func (q *quiet) inBlock(b *Broken) {
	q.blocks[b.Block] = true
	q.edges = true
}

// menu returns what is broken in the menu whose statement begins at p.
func (q *quiet) menu(p Pos) *menuQuiet {
	m := q.menus[p]
	if m == nil {
		m = &menuQuiet{settings: map[string]bool{}, maybeKeys: map[string]bool{}, words: map[string]bool{}}
		q.menus[p] = m
	}
	return m
}

// name reports whether a broken statement may declare name.
func (q *quiet) name(name string) bool { return q.file || q.anyName || q.names[name] }

// reach reports whether what can reach what is unknown.
func (q *quiet) reach() bool { return q.file || q.start || q.edges }

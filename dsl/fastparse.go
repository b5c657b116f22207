package dsl

import "github.com/alecthomas/participle/v2/lexer"

// The fast path of parsing. The grammar is the struct tags of syntax.go,
// and participle parses every statement that has a syntax error: its
// errors and the recovery around them are participle's. A statement that
// parses is parsed here instead, by hand, into the tree participle would
// build, with the same positions: participle tries the alternatives of
// each disjunction in turn and allocates as it goes, which made parsing
// most of check's time on a large flow. fastparse_test.go holds the two to
// the same tree, on every example and under a fuzzer.
//
// The rules are participle's with a lookahead of 0: a literal ('menu')
// matches a token by its value, a struct's Pos is its first token's, and
// an alternative that has taken a token is committed to, so a failure after
// that fails the statement. Any failure here returns false, and the caller
// asks participle, which reports it.

// fastDecl parses a top-level statement's tokens (a feed, ending with a
// newline) as declParser would, or reports false.
func fastDecl(feed []token) (*Decl, bool) { return parseFast(&fastParser{toks: feed}) }

// fastView is fastDecl of a statement's tokens as they stand in the file,
// with no copy: the feed they make is the same with a newline after them
// (see recovery.view).
func fastView(toks []token) (*Decl, bool) {
	return parseFast(&fastParser{toks: toks, tail: &newlineAfter})
}

// newlineAfter is the newline a view ends with; nothing takes its position.
var newlineAfter = token{Token: lexer.Token{Type: tokNL, Value: "\n"}}

func parseFast(p *fastParser) (*Decl, bool) {
	d := p.decl()
	if d == nil || p.failed {
		return nil, false
	}
	return d, true
}

type fastParser struct {
	toks   []token
	tail   *token // the newline after toks, when they have none
	i      int
	failed bool // a committed alternative did not go on
}

var eofToken = token{Token: lexer.Token{Type: lexer.EOF}}

func (p *fastParser) peek() *token {
	switch {
	case p.i < len(p.toks):
		return &p.toks[p.i]
	case p.i == len(p.toks) && p.tail != nil:
		return p.tail
	}
	return &eofToken
}

func (p *fastParser) pos() lexer.Position { return p.peek().Pos }

// is reports whether the next token is the literal v.
func (p *fastParser) is(v string) bool { return !p.failed && p.peek().Value == v }

// take takes the literal v, reporting whether it was next.
func (p *fastParser) take(v string) bool {
	if p.is(v) {
		p.i++
		return true
	}
	return false
}

// isType reports whether the next token is of type t.
func (p *fastParser) isType(t lexer.TokenType) bool { return !p.failed && p.peek().Type == t }

// fail marks the statement as not for the fast path, and returns nil.
func fail[T any](p *fastParser) *T {
	p.failed = true
	return nil
}

// must takes the literal v after an alternative was committed to.
func (p *fastParser) must(v string) bool {
	if p.take(v) {
		return true
	}
	p.failed = true
	return false
}

// value takes a token of type t and returns its value; ok is false, and the
// statement failed, when the next token is of another type.
func (p *fastParser) value(t lexer.TokenType) (lexer.Position, string, bool) {
	if !p.isType(t) {
		p.failed = true
		return lexer.Position{}, "", false
	}
	tok := p.peek()
	p.i++
	return tok.Pos, tok.Value, true
}

// end checks (?= NL | ';' | '}'): the statement ends here.
func (p *fastParser) end() bool {
	if p.isType(tokNL) || p.is(";") || p.is("}") {
		return true
	}
	p.failed = true
	return false
}

// sep takes a NL or a ';' between a block's statements.
func (p *fastParser) sep() bool {
	if p.isType(tokNL) {
		p.i++
		return true
	}
	return p.take(";")
}

func (p *fastParser) name() *Name {
	pos, v, ok := p.value(tokIdent)
	if !ok {
		return nil
	}
	return &Name{Pos: pos, Name: v}
}

func (p *fastParser) str() *Str {
	pos, v, ok := p.value(tokString)
	if !ok {
		return nil
	}
	return &Str{Pos: pos, Raw: v}
}

func (p *fastParser) num() *Num {
	pos, v, ok := p.value(tokNumber)
	if !ok {
		return nil
	}
	return &Num{Pos: pos, Raw: v}
}

func (p *fastParser) dur() *Dur {
	pos, v, ok := p.value(tokDuration)
	if !ok {
		return nil
	}
	return &Dur{Pos: pos, Raw: v}
}

func (p *fastParser) decl() *Decl {
	d := &Decl{Pos: p.pos()}
	switch {
	case p.take("ivr"):
		d.Ivr = p.name()
	case p.take("start"):
		d.Start = p.name()
	case p.take("number"):
		d.Number = p.numberDecl()
	case p.is("on"):
		d.On = p.handler()
	case p.take("menu"):
		d.Menu = p.menuDecl()
	case p.take("ask"):
		d.Ask = p.menuDecl()
	case p.take("hook"):
		d.Hook = p.hookDecl()
	case p.take("global"):
		d.Global = p.branch()
	case p.take("turns"):
		d.Turns = p.num()
	case p.take("language"):
		d.Lang = p.langDecl()
	case p.take("calendar"):
		d.Cal = p.calDecl()
	case p.take("hours"):
		d.Hours = p.hoursDecl()
	default:
		if d.Setting = p.setting(); d.Setting == nil {
			return fail[Decl](p)
		}
	}
	if p.failed || !p.end() {
		return nil
	}
	return d
}

func (p *fastParser) numberDecl() *NumberDecl {
	d := &NumberDecl{Pos: p.pos(), Name: p.name()}
	if p.failed || !p.must("=") {
		return nil
	}
	v := &NumberValue{Pos: p.pos()}
	if p.take("env") {
		v.Env = p.name()
	} else if p.isType(tokString) {
		v.Literal = p.str()
	} else {
		return fail[NumberDecl](p)
	}
	d.Value = v
	return d
}

// setting parses a Setting, or returns nil, taking nothing, when the next
// token begins none.
func (p *fastParser) setting() *Setting {
	if p.failed || !settingWords[p.peek().Value] {
		return nil
	}
	s := &Setting{Pos: p.pos()}
	switch {
	case p.take("voice"):
		s.Voice = p.str()
	case p.take("speed"):
		s.Speed = p.num()
	case p.take("digits"):
		s.Digits = p.digits()
	case p.take("digit-timeout"):
		s.DigitTimeout = p.dur()
	case p.take("timeout"):
		s.Timeout = p.dur()
	case p.take("tries"):
		s.Tries = p.num()
	case p.take("complete-on-hash"):
		s.CompleteOnHash = p.yesNo()
	case p.take("check-prompt"):
		s.CheckPrompt = p.yesNo()
	case p.take("success"):
		s.Success = p.textLit()
	case p.take("failure"):
		s.Failure = p.textLit()
	default:
		return nil
	}
	return s
}

func (p *fastParser) digits() *Digits {
	d := &Digits{Pos: p.pos(), Min: p.num()}
	if !p.failed && p.take("..") {
		d.Max = p.num()
	}
	return d
}

func (p *fastParser) yesNo() *YesNo {
	y := &YesNo{Pos: p.pos()}
	if !p.is("yes") && !p.is("no") {
		return fail[YesNo](p)
	}
	y.Value = p.peek().Value
	p.i++
	return y
}

func (p *fastParser) handler() *HandlerDecl {
	h := &HandlerDecl{Pos: p.pos()}
	p.take("on")
	h.Event = p.name()
	if p.isType(tokNumber) {
		h.Count = p.num()
	}
	if p.failed {
		return nil
	}
	if h.Block = p.block(); h.Block == nil {
		return fail[HandlerDecl](p)
	}
	return h
}

func (p *fastParser) langDecl() *LangDecl {
	return &LangDecl{Pos: p.pos(), Name: p.name(), Voice: p.str()}
}

func (p *fastParser) calDecl() *CalDecl {
	c := &CalDecl{Pos: p.pos(), Name: p.name()}
	var ok bool
	if c.Items, ok = braced(p, p.calItem); !ok {
		return nil
	}
	c.End = &CalEnd{Brace: "}"}
	return c
}

// calItem parses a CalItem, or returns nil, taking nothing, when the next
// token begins none.
func (p *fastParser) calItem() *CalItem {
	if p.is("}") {
		return nil
	}
	it := &CalItem{Pos: p.pos()}
	switch {
	case p.take("zone"):
		it.Zone = p.str()
	case p.take("closed"):
		c := &Closed{Pos: p.pos()}
		_, c.Dates, _ = p.value(tokDates)
		if p.isType(tokString) {
			c.Message = p.textLit()
		}
		it.Closed = c
	case p.isType(tokIdent):
		it.Days = p.name()
		for first := true; first || p.take(","); first = false {
			pos, span, ok := p.value(tokHours)
			if !ok {
				return nil
			}
			it.Spans = append(it.Spans, &Clock{Pos: pos, Span: span})
		}
	default:
		return nil
	}
	if p.failed || !p.end() {
		return nil
	}
	return it
}

func (p *fastParser) hoursDecl() *HoursDecl {
	h := &HoursDecl{Pos: p.pos(), Name: p.name(), Calendar: p.name()}
	var ok bool
	if h.Items, ok = braced(p, p.hoursItem); !ok {
		return nil
	}
	h.End = &HoursEnd{Brace: "}"}
	return h
}

// hoursItem parses open -> TARGET or closed -> TARGET, or returns nil,
// taking nothing, when the next token begins neither.
func (p *fastParser) hoursItem() *HoursItem {
	if !p.is("open") && !p.is("closed") {
		return nil
	}
	it := &HoursItem{Pos: p.pos(), When: p.peek().Value}
	p.i++
	if !p.must("->") {
		return nil
	}
	if it.Target = p.target(); it.Target == nil || !p.end() {
		return fail[HoursItem](p)
	}
	return it
}

// braced parses '{' ( NL | ';' | ITEM )* '}', the statements by item.
func braced[T any](p *fastParser, item func() *T) ([]*T, bool) {
	if p.failed || !p.must("{") {
		return nil, false
	}
	return items(p, item)
}

// items parses ( NL | ';' | ITEM )* '}', the rest of a { ... } whose
// statements item parses.
func items[T any](p *fastParser, item func() *T) ([]*T, bool) {
	var out []*T
	for !p.failed {
		if p.sep() {
			continue
		}
		it := item()
		if it == nil {
			break
		}
		out = append(out, it)
	}
	return out, p.must("}")
}

func (p *fastParser) menuDecl() *MenuDecl {
	m := &MenuDecl{Pos: p.pos(), Name: p.name()}
	var ok bool
	if m.Items, ok = braced(p, p.menuItem); !ok {
		return nil
	}
	m.End = &MenuEnd{Brace: "}"}
	return m
}

// menuItem parses a MenuItem, or returns nil, taking nothing, when the next
// token begins none.
func (p *fastParser) menuItem() *MenuItem {
	if p.is("}") {
		return nil
	}
	it := &MenuItem{Pos: p.pos()}
	switch {
	case p.take("prompt"):
		it.Prompt = p.textLit()
	case p.take("reprompt"):
		it.Reprompt = p.textLit()
	case p.is("no"):
		it.NoGlobal = p.noGlobal()
	case p.take("confirm"):
		it.Confirm = p.textLit()
	case p.take("then"):
		if p.must("->") {
			it.Then = p.target()
		}
	case p.take("secret"):
		it.Secret = true
	case p.take("number"):
		it.Number = p.digits()
	case p.isType(tokNumber) || p.isType(tokString):
		it.Branch = p.branch()
	case p.is("on"):
		it.On = p.handler()
	default:
		if it.Setting = p.setting(); it.Setting == nil {
			return nil
		}
	}
	if p.failed || !p.end() {
		return nil
	}
	return it
}

func (p *fastParser) noGlobal() *NoGlobal {
	n := &NoGlobal{Pos: p.pos()}
	p.take("no")
	if !p.must("global") {
		return nil
	}
	if p.isType(tokNumber) || p.isType(tokString) {
		for first := true; first || p.take(","); first = false {
			k := p.key()
			if k == nil {
				return fail[NoGlobal](p)
			}
			n.Keys = append(n.Keys, k)
		}
	}
	return n
}

// key parses a Key: a digit run or a quoted key.
func (p *fastParser) key() *Key {
	k := &Key{Pos: p.pos()}
	switch {
	case p.isType(tokNumber):
		_, k.Digits, _ = p.value(tokNumber)
	case p.isType(tokString):
		k.Quoted = p.str()
	default:
		return fail[Key](p)
	}
	return k
}

func (p *fastParser) branch() *BranchDecl {
	b := &BranchDecl{Pos: p.pos(), Key: p.key()}
	switch {
	case p.failed:
		return nil
	case p.take("->"):
		b.Target = p.target()
	case p.take("="):
		c := &ChoiceValue{Pos: p.pos(), Name: p.name()}
		if p.isType(tokString) {
			c.Spoken = p.str()
		}
		b.Choice = c
	default:
		return fail[BranchDecl](p)
	}
	return b
}

func (p *fastParser) hookDecl() *HookDecl {
	h := &HookDecl{Pos: p.pos(), Name: p.name()}
	if p.is("(") {
		h.Inputs = p.inputs()
	}
	if p.take("within") {
		h.Within = p.dur()
	}
	var ok bool
	if h.Items, ok = braced(p, p.hookItem); !ok {
		return nil
	}
	h.End = &HookEnd{Brace: "}"}
	return h
}

func (p *fastParser) inputs() *Inputs {
	in := &Inputs{Pos: p.pos()}
	p.take("(")
	if p.isType(tokIdent) {
		for first := true; first || p.take(","); first = false {
			in.Names = append(in.Names, p.name())
		}
	}
	if p.failed || !p.must(")") {
		return nil
	}
	return in
}

// hookItem parses a HookItem, or returns nil, taking nothing, when the next
// token begins none.
func (p *fastParser) hookItem() *HookItem {
	if p.is("}") {
		return nil
	}
	it := &HookItem{Pos: p.pos()}
	switch {
	case p.take("url"):
		if p.must("env") {
			it.URL = p.name()
		}
	case p.take("auth"):
		if p.must("env") {
			it.Auth = p.name()
		}
	case p.isType(tokIdent):
		it.Outcome = p.outcome()
	default:
		return nil
	}
	if p.failed || !p.end() {
		return nil
	}
	return it
}

func (p *fastParser) outcome() *OutcomeDecl {
	o := &OutcomeDecl{Pos: p.pos(), Name: p.name()}
	if p.take("(") {
		for first := true; first || p.take(","); first = false {
			v := &ValueDecl{Pos: p.pos(), Name: p.name()}
			if p.is("number") || p.is("digits") || p.is("text") {
				v.Kind = &KindDecl{Pos: p.pos(), Type: p.peek().Value}
				p.i++
				v.Kind.Range = p.digits()
			}
			if p.failed {
				return nil
			}
			o.Values = append(o.Values, v)
		}
		if !p.must(")") {
			return nil
		}
	}
	if !p.must("->") {
		return nil
	}
	o.Target = p.target()
	return o
}

// target parses a Target: a block, transfer NAME, hangup, a move or a name.
func (p *fastParser) target() *Target {
	t := &Target{Pos: p.pos()}
	switch {
	case p.is("{"):
		t.Block = p.block()
	case p.take("transfer"):
		t.Transfer = p.name()
	case p.take("hangup"):
		t.Hangup = true
	case p.is("repeat") || p.is("reprompt") || p.is("back") || p.is("top"):
		t.Move = p.peek().Value
		p.i++
	case p.isType(tokIdent):
		t.Menu = p.name()
	default:
		return fail[Target](p)
	}
	if p.failed {
		return nil
	}
	return t
}

// block parses { STMT ... }, or returns nil, taking nothing, when the next
// token is not a {.
func (p *fastParser) block() *Block {
	if !p.is("{") {
		return nil
	}
	b := &Block{Pos: p.pos()}
	p.i++
	var ok bool
	if b.Stmts, ok = items(p, p.stmt); !ok {
		return nil
	}
	b.End = &BlockEnd{Brace: "}"}
	return b
}

// stmt parses a Stmt, or returns nil, taking nothing, when the next token
// begins none.
func (p *fastParser) stmt() *Stmt {
	if p.is("}") {
		return nil
	}
	s := &Stmt{Pos: p.pos()}
	switch {
	case p.take("say"):
		say := &SayStmt{Pos: p.pos(), Text: p.textLit()}
		say.Opts = p.options()
		s.Say = say
	case p.take("play"):
		play := &PlayStmt{Pos: p.pos(), URL: p.str()}
		play.Opts = p.options()
		s.Play = play
	case p.take("goto"):
		s.Goto = p.name()
	case p.take("transfer"):
		s.Transfer = p.name()
	case p.take("hangup"):
		s.Hangup = true
	case p.is("repeat") || p.is("reprompt") || p.is("back") || p.is("top"):
		s.Move = p.peek().Value
		p.i++
	case p.take("language"):
		s.Lang = p.name()
	default:
		return nil
	}
	if p.failed || !p.end() {
		return nil
	}
	return s
}

// options parses the options of say or play.
func (p *fastParser) options() []*Option {
	var opts []*Option
	for !p.failed && optionWords[p.peek().Value] {
		o := &Option{Pos: p.pos()}
		switch {
		case p.take("voice"):
			o.Voice = p.str()
		case p.take("speed"):
			o.Speed = p.num()
		case p.take("repeat"):
			o.Repeat = p.num()
		default:
			return opts
		}
		opts = append(opts, o)
	}
	return opts
}

// textLit parses "TEXT" and its translations, LANG "TEXT".
func (p *fastParser) textLit() *TextLit {
	t := &TextLit{Pos: p.pos(), First: p.str()}
	for !p.failed && p.isType(tokIdent) && !p.is("voice") && !p.is("speed") && !p.is("repeat") {
		tr := &Translation{Pos: p.pos(), Lang: p.name()}
		tr.Text = p.str()
		t.Tr = append(t.Tr, tr)
	}
	if p.failed {
		return nil
	}
	return t
}

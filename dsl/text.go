package dsl

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A text 8x8 speaks may speak variables: {party}, {ref as digits},
// {account as number}. {{ is a literal {.

var placeholder = regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*)\s*(?:\bas\s+([A-Za-z]+)\s*)?$`)

// forms are how a variable may be spoken, by name.
var forms = map[string]Form{"digits": AsDigits, "number": AsNumber}

// text reads a text that 8x8 will speak. Its longest form, every variable
// at its longest, must be 1 to 3000 characters.
func (c *checker) text(s *Str, what string) (Text, bool) {
	raw := s.Raw[1 : len(s.Raw)-1]
	var t Text
	ok := true
	lit := func(seg string) {
		v, err := strconv.Unquote(`"` + seg + `"`)
		if err != nil {
			c.errorf(s.posOf(), "bad escape in string %s: use \\\" \\\\ \\n \\t or \\uXXXX", s.Raw)
			ok = false
			return
		}
		if n := len(t.Parts); n > 0 && t.Parts[n-1].Var == nil {
			t.Parts[n-1].Lit += v
		} else if v != "" {
			t.Parts = append(t.Parts, TextPart{Lit: v})
		}
	}
	start := 0
	for i := 0; i < len(raw); i++ {
		switch {
		case raw[i] == '{' && i+1 < len(raw) && raw[i+1] == '{', raw[i] == '}' && i+1 < len(raw) && raw[i+1] == '}':
			lit(raw[start:i] + raw[i:i+1])
			i++
			start = i + 1
		case raw[i] == '{':
			lit(raw[start:i])
			at := s.posOf()
			at.Col += 1 + utf8.RuneCountInString(raw[:i])
			end := strings.IndexByte(raw[i:], '}')
			if end < 0 {
				c.errorf(at, "{ is not closed: write {NAME} to speak a variable, or {{ for a { of its own")
				return Text{}, false
			}
			part, good := c.placeholder(raw[i+1:i+end], at)
			ok = ok && good
			t.Parts = append(t.Parts, part)
			i += end
			start = i + 1
		}
	}
	lit(raw[start:])
	if !ok || !c.textLength(s, t, what) {
		return Text{}, false
	}
	return t, true
}

// placeholder reads {NAME} or {NAME as FORM}.
func (c *checker) placeholder(inner string, at Pos) (TextPart, bool) {
	m := placeholder.FindStringSubmatch(inner)
	if m == nil {
		c.errorf(at, "{%s} is not a variable: write {NAME} or {NAME as digits} (and {{ for a { of its own)", inner)
		return TextPart{}, false
	}
	v := c.vars[m[1]]
	if v == nil && (c.q.name(m[1]) || c.q.anyVar) {
		return TextPart{}, false // a broken statement may declare it
	}
	if v == nil {
		c.errorf(at, "unknown variable %s%s: a variable is an ask's name or a value of a hook's outcome", m[1], suggest(m[1], keysOf(c.vars)))
		return TextPart{}, false
	}
	part := TextPart{Var: v, Pos: at}
	c.varUsed[v] = true
	if m[2] != "" {
		f, known := forms[m[2]]
		if !known {
			c.errorf(at, "{%s as %s}: a variable is spoken as digits (one by one) or as number", m[1], m[2])
			return part, false
		}
		part.Form = f
	}
	return part, c.speakable(part)
}

// speakable reports a variable that cannot be spoken, or not in its form.
func (c *checker) speakable(p TextPart) bool {
	v := p.Var
	switch {
	case v.Secret:
		c.errorf(p.Pos, "%s is secret: it is never spoken (nor logged); pass it to a hook", v.Name)
		return false
	case c.badKinds[v]:
		return true
	case p.Form == AsNumber && v.Kind.Type != DigitsKind && v.Kind.Type != NumberKind,
		p.Form == AsDigits && v.Kind.Type != DigitsKind && v.Kind.Type != NumberKind:
		c.errorf(p.Pos, "%s is %s: it is spoken as it is; as digits and as number are for numbers and digit strings", v.Name, kindArticle(v.Kind))
		return false
	case p.Form == AsNumber && v.Kind.Type == NumberKind:
		c.errorf(p.Pos, "%s is a number already: write {%s}, or {%s as digits} to read it digit by digit", v.Name, v.Name, v.Name)
		return false
	}
	return true
}

func kindArticle(k Kind) string {
	if k.Type == ChoiceKind {
		return k.String()
	}
	return "a " + strings.SplitN(k.String(), " ", 2)[0]
}

// textLength checks a text against 8x8's limits, at its longest.
func (c *checker) textLength(s *Str, t Text, what string) bool {
	static, isStatic := t.Static()
	n := 0
	for _, p := range t.Parts {
		if p.Var == nil {
			n += utf8.RuneCountInString(p.Lit)
		} else if !c.badKinds[p.Var] {
			n += longest(p)
		}
	}
	switch {
	case isStatic && strings.TrimSpace(static) == "":
		c.errorf(s.posOf(), "%s is empty: 8x8 needs something to say", what)
		return false
	case isStatic && n > maxText:
		c.errorf(s.posOf(), "%s has %d characters: 8x8 takes at most %d", what, n, maxText)
		return false
	case n > maxText:
		c.errorf(s.posOf(), "%s can have %d characters with its variables at their longest: 8x8 takes at most %d", what, n, maxText)
		return false
	}
	return true
}

// longest is the most characters a variable can be spoken as.
func longest(p TextPart) int {
	k := p.Var.Kind
	switch k.Type {
	case NumberKind:
		n := len(strconv.Itoa(k.Max))
		if p.Form == AsDigits {
			return 2*n - 1
		}
		return n
	case DigitsKind:
		if p.Form == AsNumber {
			return k.Max
		}
		return 2*k.Max - 1
	case ChoiceKind:
		n := 0
		for _, ch := range k.Choices {
			n = max(n, utf8.RuneCountInString(ch.Spoken))
		}
		return n
	}
	return k.Max
}

// Source returns the text as written, escapes resolved and each variable
// as {NAME}: what the prompt/key check reads.
func (t Text) Source() string {
	var b strings.Builder
	for _, p := range t.Parts {
		if p.Var == nil {
			b.WriteString(strings.ReplaceAll(p.Lit, "{", "{{"))
			continue
		}
		b.WriteString("{" + p.Var.Name)
		switch p.Form {
		case AsDigits:
			b.WriteString(" as digits")
		case AsNumber:
			b.WriteString(" as number")
		}
		b.WriteString("}")
	}
	return b.String()
}

// textLit reads a text the caller hears in every language the flow
// speaks: the first as written, each other after its language's name. A
// language left out is an error that names it.
func (c *checker) textLit(tl *TextLit, what string) (Text, bool) {
	t, ok := c.text(tl.First, what)
	if c.q.langs { // a broken statement may declare a language: check the texts alone
		for _, tr := range tl.Tr {
			c.text(tr.Text, what)
		}
		return t, ok
	}
	given := map[int]*Translation{}
	for _, tr := range tl.Tr {
		i, known := c.langIndex[tr.Lang.Name]
		p := posOf(tr.Lang.Pos)
		switch {
		case !known && len(c.flow.Langs) == 0:
			c.errorf(p, "%s \"...\": the file declares no languages: add language %s \"VOICE\" at the top, with one for the language of the first text", tr.Lang.Name, tr.Lang.Name)
			ok = false
		case !known:
			c.errorf(p, "unknown language %s%s: the file speaks %s", tr.Lang.Name, suggest(tr.Lang.Name, keysOf(c.langIndex)), c.langNames())
			ok = false
		case i == 0:
			c.errorf(p, "the first text is already in %s, the file's first language: give the others after it", tr.Lang.Name)
			ok = false
		case given[i] != nil:
			c.errorf(p, "this %s is already in %s at column %d", what, tr.Lang.Name, given[i].Pos.Column)
			ok = false
		default:
			given[i] = tr
		}
	}
	if len(c.flow.Langs) < 2 || !ok {
		return t, ok
	}
	t.Tr = make([][]TextPart, len(c.flow.Langs)-1)
	for i, l := range c.flow.Langs[1:] {
		tr := given[i+1]
		if tr == nil {
			c.errorf(tl.First.posOf(), "this %s has no %s text: add %s \"...\" after it", what, l.Name, l.Name)
			ok = false
			continue
		}
		tt, good := c.text(tr.Text, what+" in "+l.Name)
		t.Tr[i], ok = tt.Parts, ok && good
	}
	return t, ok
}

// langNames lists the file's languages: "en, es".
func (c *checker) langNames() string {
	names := make([]string, len(c.flow.Langs))
	for i, l := range c.flow.Langs {
		names[i] = l.Name
	}
	return strings.Join(names, ", ")
}

package dsl

import (
	"fmt"
	"strconv"
	"strings"
)

// Bounds of what a variable can hold.
const (
	maxNumber     = 999_999_999_999_999_999 // 18 digits: an int64 either way
	maxDigitsKind = 64                      // a digit string a hook gives; an ask's is bounded by 8x8's 25
)

// askVar declares the variable of an ask, whose kind its statements give:
// number MIN..MAX, keys KEY = VALUE (a choice), or else its digits
// setting (a digit string). The statements themselves are checked by
// askBody; this reads only what the kind needs, so that every text can
// know every variable.
func (c *checker) askVar(m *Menu, d *MenuDecl, mq *menuQuiet) {
	v := &Var{Name: m.Name, GoName: m.GoName, Pos: m.Pos}
	var number, digits *Digits
	var choices []*BranchDecl
	for _, it := range d.Items {
		switch {
		case it.Number != nil:
			number = firstOf(number, it.Number)
		case it.Setting != nil && it.Setting.Digits != nil:
			digits = firstOf(digits, it.Setting.Digits)
		case it.Branch != nil && it.Branch.Choice != nil:
			choices = append(choices, it.Branch)
		case it.Secret:
			v.Secret = true
		}
	}
	switch {
	case number != nil:
		v.Kind.Type = NumberKind
		c.kindRange(v, number, "number", 0, maxNumber)
		if len(choices) > 0 {
			c.errorf(posOf(choices[0].Pos), "ask %s collects a number (line %d): it cannot also have keys that give values", m.Name, number.Pos.Line)
		}
	case len(choices) > 0:
		v.Kind = Kind{Type: ChoiceKind}
		c.choices(v, choices)
	case digits != nil:
		v.Kind.Type = DigitsKind
		lo, hi, ok := digitsBounds(digits)
		v.Kind.Min, v.Kind.Max = lo, hi
		c.badKinds[v] = !ok // askBody reports the bad value
	case mq.all || mq.words["number"] || len(mq.maybeKeys) > 0 || mq.settings["digits"]:
		c.badKinds[v] = true // a broken statement may say
	default:
		c.errorf(m.Pos, "ask %s does not say what it collects: write number MIN..MAX (a number), digits N or digits MIN..MAX (a digit string), or keys such as 1 = today (a choice)", m.Name)
		c.badKinds[v] = true
	}
	m.Ask.Var = c.declareVar(v, "ask "+m.Name, posOf(d.Name.Pos))
}

// digitsBounds reads a digits setting without reporting: askBody's
// setting check reports a bad one.
func digitsBounds(d *Digits) (lo, hi int, ok bool) {
	lo, err := strconv.Atoi(d.Min.Raw)
	hi = lo
	if err == nil && d.Max != nil {
		hi, err = strconv.Atoi(d.Max.Raw)
	}
	return lo, hi, err == nil && lo >= 1 && lo <= hi && hi <= maxDigits
}

// choices reads the values the keys of an ask give.
func (c *checker) choices(v *Var, keys []*BranchDecl) {
	seen := map[string]Pos{}
	for _, b := range keys {
		ch := b.Choice
		p := posOf(ch.Name.Pos)
		if first, dup := seen[ch.Name.Name]; dup {
			c.errorf(p, "value %s is already given by the key at line %d: each key gives a value of its own", ch.Name.Name, first.Line)
			continue
		}
		seen[ch.Name.Name] = p
		choice := &Choice{Name: ch.Name.Name, GoName: GoName(ch.Name.Name), Pos: p, Spoken: strings.NewReplacer("_", " ", "-", " ").Replace(ch.Name.Name)}
		if ch.Spoken != nil {
			if s, ok := c.str(ch.Spoken); ok && strings.TrimSpace(s) == "" {
				c.errorf(ch.Spoken.posOf(), "the spoken text of %s is empty: 8x8 needs something to say (leave it out to speak %s)", ch.Name.Name, choice.Spoken)
			} else if ok {
				choice.Spoken = s
			}
		}
		key, _ := c.keyText(b.Key)
		choice.Key = key
		v.Kind.Choices = append(v.Kind.Choices, choice)
	}
}

// keyText is a key as written, unquoted.
func (c *checker) keyText(k *Key) (string, bool) {
	if k.Quoted == nil {
		return k.Digits, true
	}
	return c.str(k.Quoted)
}

// hookVars declares the values of a hook's outcomes.
func (c *checker) hookVars(h *Hook, d *HookDecl) {
	for _, it := range d.Items {
		o := it.Outcome
		if o == nil || o.Name.Name == "error" { // error gives no values: hookOutcome says so
			continue
		}
		for _, vd := range o.Values {
			if vd.Kind == nil {
				continue // the kind of a variable declared elsewhere: see hookKindless
			}
			v := &Var{Name: vd.Name.Name, GoName: GoName(vd.Name.Name), Pos: posOf(vd.Name.Pos)}
			k := valueKinds[vd.Kind.Type]
			v.Kind.Type = k.typ
			c.kindRange(v, vd.Kind.Range, vd.Kind.Type, k.min, k.max)
			c.declareVar(v, fmt.Sprintf("hook %s, outcome %s", h.Name, o.Name.Name), v.Pos)
		}
	}
}

// hookKindless checks the values written without a kind, once every
// variable is declared: each must be declared elsewhere.
func (c *checker) hookKindless(d *HookDecl) {
	for _, it := range d.Items {
		if it.Outcome == nil || it.Outcome.Name.Name == "error" {
			continue
		}
		for _, vd := range it.Outcome.Values {
			n := vd.Name.Name
			if vd.Kind != nil || c.vars[n] != nil {
				continue
			}
			if !c.q.name(n) && !c.q.anyVar {
				c.errorf(posOf(vd.Name.Pos), "%s needs a kind: write %s digits 6, %s number 1..100 or %s text 1..40 (the kind may be left out only for a variable declared elsewhere)", n, n, n, n)
			}
			v := &Var{Name: n, GoName: GoName(n), Pos: posOf(vd.Name.Pos)}
			c.badKinds[v] = true // its uses say nothing more
			c.declareVar(v, fmt.Sprintf("hook %s, outcome %s", d.Name.Name, it.Outcome.Name.Name), v.Pos)
		}
	}
}

// valueKinds are the kinds of a hook's values, by name, with their bounds.
var valueKinds = map[string]struct {
	typ      KindType
	min, max int
}{
	"number": {NumberKind, 0, maxNumber},
	"digits": {DigitsKind, 1, maxDigitsKind},
	"text":   {TextKind, 1, maxText},
}

// kindRange reads MIN..MAX (or N) into a kind, each from lo to hi.
func (c *checker) kindRange(v *Var, r *Digits, what string, lo, hi int) {
	min, ok := c.bound(r.Min, what, lo, hi)
	max, okMax := min, ok
	if r.Max != nil {
		max, okMax = c.bound(r.Max, what, lo, hi)
	}
	switch {
	case !ok || !okMax:
		c.badKinds[v] = true
	case min > max:
		c.errorf(posOf(r.Pos), "%s %d..%d: the minimum is above the maximum", what, min, max)
		c.badKinds[v] = true
	}
	v.Kind.Min, v.Kind.Max = min, max
}

// declareVar records a variable, or returns the one of that name already
// declared: a name may be declared again (two outcomes giving the same
// value) only with the same kind.
func (c *checker) declareVar(v *Var, by string, p Pos) *Var {
	first := c.vars[v.Name]
	if first == nil {
		for _, o := range c.flow.Vars {
			if o.GoName == v.GoName {
				c.errorf(p, "variables %s and %s would both be %s in Go: rename one", v.Name, o.Name, v.GoName)
				break
			}
		}
		c.vars[v.Name] = v
		v.From = by
		v.From = by
		c.flow.Vars = append(c.flow.Vars, v)
		return v
	}
	if !c.badKinds[first] && !c.badKinds[v] && !sameKind(first.Kind, v.Kind) {
		c.errorf(p, "%s is already a variable of another kind: %s (%s, line %d), here %s",
			v.Name, first.Kind, first.From, first.Pos.Line, v.Kind)
	}
	if v.Secret {
		first.Secret = true
	}
	return first
}

func sameKind(a, b Kind) bool {
	if a.Type != b.Type || a.Min != b.Min || a.Max != b.Max || len(a.Choices) != len(b.Choices) {
		return false
	}
	for i := range a.Choices {
		if a.Choices[i].Name != b.Choices[i].Name {
			return false
		}
	}
	return true
}

// Words say what values a kind takes, for messages and comments: a number
// from 1 to 20, 6 digits, 4 to 8 digits, a text of 1 to 40 characters, one
// of today, tomorrow.
func (k Kind) Words() string {
	switch k.Type {
	case NumberKind:
		return fmt.Sprintf("a number from %d to %d", k.Min, k.Max)
	case DigitsKind:
		if k.Min == k.Max {
			return fmt.Sprintf("%d digits", k.Min)
		}
		return fmt.Sprintf("%d to %d digits", k.Min, k.Max)
	case TextKind:
		return fmt.Sprintf("a text of %d to %d characters", k.Min, k.Max)
	}
	names := make([]string, len(k.Choices))
	for i, ch := range k.Choices {
		names[i] = ch.Name
	}
	return "one of " + strings.Join(names, ", ")
}

// String says a kind as it is written: number 1..20, digits 6, a choice
// of today, tomorrow.
func (k Kind) String() string {
	bounds := strconv.Itoa(k.Min)
	if k.Max != k.Min {
		bounds += ".." + strconv.Itoa(k.Max)
	}
	switch k.Type {
	case NumberKind:
		return "number " + bounds
	case DigitsKind:
		return "digits " + bounds
	case TextKind:
		return "text " + bounds
	}
	names := make([]string, len(k.Choices))
	for i, ch := range k.Choices {
		names[i] = ch.Name
	}
	return "a choice of " + strings.Join(names, ", ")
}

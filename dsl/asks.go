package dsl

import (
	"slices"
	"strconv"
	"strings"
)

// askBody checks an ask's statements, the statement beginning at at, and
// fills in the Menu and its Ask: the capture its kind needs, its keys when
// it is a choice, where it goes with the value and its read-back.
func (c *checker) askBody(m *Menu, d *MenuDecl, at Pos) {
	cp := c.capturing(m, d, at)
	a, v := m.Ask, m.Ask.Var
	var then *Target
	var confirm *TextLit
	var choices []*BranchDecl
	refused := map[string]bool{}
	for _, it := range d.Items {
		p := posOf(it.Pos)
		switch {
		case it.Branch != nil && it.Branch.Target != nil:
			refused[strings.Trim(keyWritten(it.Branch.Key), `"`)] = true
			c.errorf(p, "the keys of an ask give values: write %s = NAME, and then -> where the caller goes with it (a menu's keys lead on)", keyWritten(it.Branch.Key))
		case it.Branch != nil:
			choices = append(choices, it.Branch)
		case it.Then != nil && then != nil:
			c.errorf(p, "ask %s already says then at line %d", m.Name, then.Pos.Line)
		case it.Then != nil:
			then = it.Then
		case it.Confirm != nil && confirm != nil:
			c.errorf(p, "ask %s already has a confirm at line %d", m.Name, confirm.Pos.Line)
		case it.Confirm != nil:
			confirm = it.Confirm
		}
	}
	c.askCapture(cp, v)
	dropped := map[string]bool{}
	if v.Kind.Type == ChoiceKind {
		dropped = c.choiceKeys(cp, choices)
	}
	for k := range refused {
		dropped[k] = true
	}
	if then == nil {
		if !cp.mq.all && !cp.mq.words["then"] && !c.orphan {
			c.errorf(m.Pos, "ask %s has no then: add then -> NAME, where the caller goes with the value", m.Name)
		}
		c.varUsed[v] = true                                     // where it would be used is not written yet
		a.Then = &Outcome{Pos: m.Pos, End: &Hangup{Pos: m.Pos}} // stands in, for the checks that follow
	} else {
		a.Then = c.target(then, cp.voice)
	}
	a.Next = a.Then
	if confirm != nil {
		a.Confirm = c.confirm(cp, confirm)
	}
	if a.Confirm != nil {
		a.Next = &Outcome{Pos: a.Confirm.Pos, End: &Goto{Pos: a.Confirm.Pos, To: a.Confirm}}
	}
	a.Next.Sets = append(a.Next.Sets, v)
	for _, b := range m.Keys {
		b.Then = a.Next
	}
	c.endCapturing(cp, dropped)
	if cm := a.Confirm; cm != nil {
		// another key at the read-back says it again; silence is the ask's
		cm.Invalid = &Outcome{Pos: cm.Pos, End: &Goto{Pos: cm.Pos, To: cm}, Handler: "invalid", Menu: cm}
		cm.Silence = m.Silence
	}
}

// askCapture sets what an ask's sayAndCapture collects for its kind. A
// number or a digit string takes its digits from the ask alone, never from
// the file: digits 1 at the top of a file is for its menus.
func (c *checker) askCapture(cp *capturing, v *Var) {
	k, capt := v.Kind, &cp.m.Capture
	switch {
	case c.badKinds[v] || cp.unknown(c, "digits"):
	case k.Type == NumberKind && cp.sc.minDigits == nil:
		capt.MinDigits, capt.MaxDigits = 1, len(strconv.Itoa(k.Max))
	case k.Type == NumberKind:
		if need := len(strconv.Itoa(k.Max)); capt.MaxDigits < need || capt.MinDigits > need {
			c.errorf(cp.sc.seen["digits"], "number %s takes up to %d %s, which digits %s does not allow: leave digits out, or write digits 1..%d",
				rangeText(k), need, plural(need, "digit"), digitsText(*capt), need)
		}
	case k.Type == DigitsKind:
		capt.MinDigits, capt.MaxDigits = k.Min, k.Max
	}
}

func rangeText(k Kind) string { return strconv.Itoa(k.Min) + ".." + strconv.Itoa(k.Max) }

func digitsText(c Capture) string {
	if c.MinDigits == c.MaxDigits {
		return strconv.Itoa(c.MinDigits)
	}
	return strconv.Itoa(c.MinDigits) + ".." + strconv.Itoa(c.MaxDigits)
}

// choiceKeys checks the keys of an ask of a choice: each receivable and
// used once. It returns the keys left out for an error.
func (c *checker) choiceKeys(cp *capturing, keys []*BranchDecl) map[string]bool {
	m, v := cp.m, cp.m.Ask.Var
	seen := map[string]Pos{}
	dropped := map[string]bool{}
	for _, b := range keys {
		key, ok := c.key(m, b.Key, cp.unknown(c, "digits"), cp.unknown(c, "complete-on-hash"))
		if !ok {
			dropped[keyWritten(b.Key)] = true
			continue
		}
		p := posOf(b.Key.Pos)
		if first, dup := seen[key]; dup {
			c.errorf(p, "key %s is already used in ask %s at line %d", key, m.Name, first.Line)
			continue
		}
		seen[key] = p
		i := slices.IndexFunc(v.Kind.Choices, func(ch *Choice) bool { return ch.Name == b.Choice.Name.Name })
		if i < 0 { // a second value of the same name, reported by askVar
			continue
		}
		m.Keys = append(m.Keys, &Branch{Key: key, Pos: p, Choice: v.Kind.Choices[i]})
	}
	return dropped
}

// confirm makes an ask's read-back: a menu of its own that speaks text and
// takes 1 (the value is right) or 2 (ask again).
func (c *checker) confirm(cp *capturing, tl *TextLit) *Menu {
	m := cp.m
	s := tl.First
	p := s.posOf()
	cm := &Menu{Name: m.Name + "/confirm", GoName: m.GoName + "Confirm", Pos: p, Voice: m.Voice, Confirms: m}
	if m.Ask.Var.Secret {
		c.errorf(p, "ask %s is secret: its value is never read back (drop the confirm, or secret)", m.Name)
		return nil
	}
	if other, clash := c.goNames["menu"+cm.GoName]; clash {
		c.errorf(p, "the read-back of ask %s and menu %s would both be %s in Go: rename one", m.Name, other, cm.GoName)
	}
	c.goNames["menu"+cm.GoName] = cm.Name
	cm.Capture = m.Capture
	cm.Capture.MinDigits, cm.Capture.MaxDigits, cm.Capture.CompleteOnHash = 1, 1, true
	cm.Capture.Success, cm.Capture.Failure = Text{}, Text{}
	if text, ok := c.textLit(tl, "confirm"); ok {
		cm.Prompt = text
		cm.Voice = c.resolveVoice(cp.voice, nil, nil, p)
		cm.Keys = []*Branch{
			{Key: "1", Pos: p, Then: m.Ask.Then},
			{Key: "2", Pos: p, Then: &Outcome{Pos: p, End: &Goto{Pos: p, To: m}}},
		}
		c.promptKeys(cm, s, cp.sc, nil)
	}
	i := slices.Index(c.flow.Menus, m)
	c.flow.Menus = slices.Insert(c.flow.Menus, i+1, cm)
	return cm
}

package dsl

import (
	"fmt"
	"strings"
)

// menuBody checks a menu's statements, the statement beginning at at, and
// fills in the Menu.
func (c *checker) menuBody(m *Menu, d *MenuDecl, at Pos) {
	sc := newScope()
	mq := c.q.menu(at)
	for w := range settingWords {
		sc.broken[w] = mq.all || mq.settings[w]
	}
	var prompt *Str
	var branches []*BranchDecl
	own := map[string]*Outcome{}
	for _, it := range d.Items {
		switch {
		case it.Prompt != nil:
			if prompt != nil {
				c.errorf(posOf(it.Pos), "menu %s already has a prompt at line %d", m.Name, prompt.Pos.Line)
				continue
			}
			prompt = it.Prompt
		case it.Setting != nil:
			c.set(sc, it.Setting)
		case it.Branch != nil:
			branches = append(branches, it.Branch)
		}
	}
	c.checkTimeouts(sc, c.global)
	m.Capture = capture(sc, c.global)
	voice := voiceCtx{
		profile: firstOf(sc.voice, c.global.voice),
		speed:   pick(defaultSpeed, sc.speed, c.global.speed),
		unknown: unknown("voice", sc, c.global),
	}
	promptOK := false
	if prompt == nil {
		if !mq.all && !mq.prompt && !c.orphan {
			c.errorf(m.Pos, "menu %s has no prompt: add prompt \"...\" for 8x8 to play", m.Name)
		}
	} else if text, ok := c.text(prompt, "prompt"); ok {
		m.Prompt, promptOK = text, true
		m.Voice = c.resolveVoice(voice, nil, nil, prompt.posOf())
	}
	for _, it := range d.Items {
		if it.On != nil && c.onHandler(own, it.On, voice, m) {
			mq.handlers = true
		}
	}
	dropped := c.keys(m, branches, voice, unknown("digits", sc, c.global), unknown("complete-on-hash", sc, c.global))
	if c.orphan {
		return
	}
	c.resolveHandlers(m, own, mq)
	// a key left out for an error, or written on a broken line, is not missing
	for k := range mq.maybeKeys {
		dropped[k] = true
	}
	keysKnown := !mq.all && !mq.keys
	if len(m.Keys) == 0 && len(dropped) == 0 && keysKnown {
		c.warnf(m.Pos, "menu %s has no keys: every input is invalid", m.Name)
	}
	if promptOK && keysKnown {
		c.promptKeys(m, prompt, sc, dropped)
	}
}

// keys checks each key of a menu and the outcome it leads to. It returns
// the keys left out for an error, as written.
func (c *checker) keys(m *Menu, branches []*BranchDecl, voice voiceCtx, digitsUnknown, hashUnknown bool) map[string]bool {
	seen := map[string]Pos{}
	dropped := map[string]bool{}
	for _, b := range branches {
		key, ok := c.key(m, b.Key, digitsUnknown, hashUnknown)
		then := c.target(b.Target, voice)
		if !ok {
			dropped[b.Key.Digits] = true
			if b.Key.Quoted != nil {
				dropped[strings.Trim(b.Key.Quoted.Raw, `"`)] = true
			}
			continue
		}
		p := posOf(b.Key.Pos)
		if first, dup := seen[key]; dup {
			c.errorf(p, "key %s is already used in menu %s at line %d", key, m.Name, first.Line)
			continue
		}
		seen[key] = p
		m.Keys = append(m.Keys, &Branch{Key: key, Pos: p, Then: then})
	}
	return dropped
}

// key returns a key's digits, reporting one the menu cannot receive. When
// the menu's digits or complete-on-hash setting is not known (a bad value,
// a broken statement), the key is not held against it.
func (c *checker) key(m *Menu, k *Key, digitsUnknown, hashUnknown bool) (string, bool) {
	key := k.Digits
	if k.Quoted != nil {
		var ok bool
		if key, ok = c.str(k.Quoted); !ok {
			return "", false
		}
	}
	p, cp := posOf(k.Pos), m.Capture
	switch n := len(key); {
	case !keyPattern.MatchString(key):
		c.errorf(p, "key %q is not something a phone can send: use digits, * and #", key)
	case digitsUnknown || hashUnknown:
		return key, true
	case n < cp.MinDigits || n > cp.MaxDigits:
		c.errorf(p, "key %s has %d %s but menu %s captures %s", key, n, plural(n, "digit"), m.Name, digitRange(cp))
	case cp.CompleteOnHash && strings.ContainsRune(key, '#'):
		c.errorf(p, "menu %s cannot receive %s while complete-on-hash is yes (# ends the input): set complete-on-hash no in the menu", m.Name, key)
	default:
		return key, true
	}
	return "", false
}

func digitRange(cp Capture) string {
	if cp.MinDigits == cp.MaxDigits {
		return fmt.Sprintf("%d %s (set digits to change it)", cp.MinDigits, plural(cp.MinDigits, "digit"))
	}
	return fmt.Sprintf("%d to %d digits", cp.MinDigits, cp.MaxDigits)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// onHandler checks an "on" handler into handlers, by event. A misspelt
// event counts as the one it was meant to be, so that nothing else asks
// for a handler; it reports whether the event could not be told.
func (c *checker) onHandler(handlers map[string]*Outcome, h *HandlerDecl, voice voiceCtx, m *Menu) (unknownEvent bool) {
	event, p := h.Event.Name, posOf(h.Event.Pos)
	o := c.block(h.Block, voice)
	if !handlerEvents[event] {
		e, ok := misspelt(event, handlerEvents)
		if !ok {
			c.errorf(p, "on %s: the events are invalid (a key the menu does not list) and silence (no input)", event)
			return true
		}
		c.errorf(p, "unknown event on %s (did you mean on %s?)", event, e)
		if handlers[e] != nil {
			return false
		}
		event = e
	}
	switch {
	case handlers[event] != nil:
		c.errorf(posOf(h.Pos), "on %s is already given at line %d", event, handlers[event].Pos.Line)
	default:
		o.Handler, o.Menu = event, m
		handlers[event] = o
	}
	return false
}

var handlerEvents = set("invalid", "silence")

// resolveHandlers picks a menu's answers to invalid keys and to silence.
func (c *checker) resolveHandlers(m *Menu, own map[string]*Outcome, mq *menuQuiet) {
	file := c.handler
	m.Invalid = firstOf(own["invalid"], file["invalid"])
	m.Silence = firstOf(own["silence"], own["invalid"], file["silence"], file["invalid"])
	// Silence is nil only when Invalid is: its chain ends in the same handlers
	if m.Invalid == nil && !c.q.file && !c.q.handlers && !mq.all && !mq.handlers {
		c.errorf(m.Pos, "menu %s has no answer for a key it does not list: add on invalid { ... } to the menu or the file", m.Name)
	}
}

func firstOf[T any](vs ...*T) *T {
	for _, v := range vs {
		if v != nil {
			return v
		}
	}
	return nil
}

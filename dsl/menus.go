package dsl

import (
	"fmt"
	"strconv"
	"strings"
)

// capturing is what menus and asks share while they are checked: their
// settings, prompt, voice and handlers.
type capturing struct {
	m        *Menu
	sc       *scope
	mq       *menuQuiet
	voice    voiceCtx
	prompt   *TextLit
	promptOK bool
	noGlobal map[string]bool     // keys of no global; "" for all of them
	own      map[string]*Outcome // the menu's own on handlers
}

// capturing reads the statements a menu and an ask share: settings, the
// prompt and the on handlers. The rest is left to menuBody and askBody.
func (c *checker) capturing(m *Menu, d *MenuDecl, at Pos) *capturing {
	cp := &capturing{m: m, sc: newScope(), mq: c.q.menu(at), own: map[string]*Outcome{}, noGlobal: map[string]bool{}}
	c.noGlobals[m] = cp.noGlobal
	var reprompt *TextLit
	for w := range settingWords {
		if cp.mq.all || cp.mq.settings[w] {
			cp.sc.broken[w] = true
		}
	}
	for _, it := range d.Items {
		switch {
		case it.Prompt != nil && cp.prompt != nil:
			c.errorf(posOf(it.Pos), "%s already has a prompt at line %d", m.What(), cp.prompt.Pos.Line)
		case it.Prompt != nil:
			cp.prompt = it.Prompt
		case it.Reprompt != nil && reprompt != nil:
			c.errorf(posOf(it.Pos), "%s already has a reprompt at line %d", m.What(), reprompt.Pos.Line)
		case it.Reprompt != nil:
			reprompt = it.Reprompt
		case it.NoGlobal != nil:
			c.noGlobal(cp, it.NoGlobal)
		case it.Setting != nil:
			c.set(cp.sc, it.Setting)
		}
	}
	c.checkTimeouts(cp.sc, c.global)
	m.Capture = capture(cp.sc, c.global)
	cp.voice = voiceCtx{
		profile: firstOf(cp.sc.voice, c.global.voice),
		speed:   pick(defaultSpeed, cp.sc.speed, c.global.speed),
		unknown: unknown("voice", cp.sc, c.global),
	}
	if cp.prompt == nil {
		if !cp.mq.all && !cp.mq.prompt && !c.orphan {
			c.errorf(m.Pos, "%s has no prompt: add prompt \"...\" for 8x8 to play", m.What())
		}
	} else if text, ok := c.textLit(cp.prompt, "prompt"); ok {
		m.Prompt, cp.promptOK = text, true
		m.Voice = c.resolveVoice(cp.voice, nil, nil, cp.prompt.First.posOf())
	}
	if reprompt != nil {
		m.Reprompt, _ = c.textLit(reprompt, "reprompt")
	}
	for _, it := range d.Items {
		if it.On != nil && c.onHandler(cp.own, it.On, cp.voice, m) {
			cp.mq.handlers = true
		}
	}
	return cp
}

// unknown reports whether a setting of the menu is not known (see unknown).
func (cp *capturing) unknown(c *checker, name string) bool { return unknown(name, cp.sc, c.global) }

// menuBody checks a menu's statements, the statement beginning at at, and
// fills in the Menu.
func (c *checker) menuBody(m *Menu, d *MenuDecl, at Pos) {
	cp := c.capturing(m, d, at)
	var branches []*BranchDecl
	refused := map[string]bool{}
	for _, it := range d.Items {
		switch {
		case it.Branch != nil && it.Branch.Choice != nil && c.orphan: // it may have been an ask
		case it.Branch != nil && it.Branch.Choice != nil:
			refused[strings.Trim(keyWritten(it.Branch.Key), `"`)] = true
			c.errorf(posOf(it.Pos), "a key that gives a value (%s = %s) belongs in an ask: a menu's key leads on, as in 1 -> NAME", keyWritten(it.Branch.Key), it.Branch.Choice.Name.Name)
		case it.Branch != nil:
			branches = append(branches, it.Branch)
		case !c.orphan:
			c.askOnly(m, it)
		}
	}
	dropped := c.keys(m, branches, cp.voice, cp.unknown(c, "digits"), cp.unknown(c, "complete-on-hash"))
	for k := range refused {
		dropped[k] = true
	}
	c.endCapturing(cp, dropped)
}

// askOnly reports a statement only an ask may hold, in a menu.
func (c *checker) askOnly(m *Menu, it *MenuItem) {
	p := posOf(it.Pos)
	switch {
	case it.Confirm != nil:
		c.errorf(p, "confirm is for an ask, to read its value back: menu %s collects no value", m.Name)
	case it.Then != nil:
		c.errorf(p, "then is for an ask, to say where it goes with its value: in menu %s, each key says where it leads", m.Name)
	case it.Secret:
		c.errorf(p, "secret is for an ask, to keep its value out of the logs: menu %s collects no value", m.Name)
	case it.Number != nil:
		c.errorf(p, "number MIN..MAX is for an ask: write ask %s { ... } to collect a number", m.Name)
	}
}

// endCapturing resolves a menu's handlers and checks its prompt against its
// keys; dropped are the keys left out for an error, as written.
func (c *checker) endCapturing(cp *capturing, dropped map[string]bool) {
	m, mq := cp.m, cp.mq
	if c.orphan {
		return
	}
	c.resolveHandlers(m, cp.own, mq)
	// a key left out for an error, or written on a broken line, is not missing
	for k := range mq.maybeKeys {
		dropped[k] = true
	}
	keysKnown := !mq.all && !mq.keys && !c.q.globals
	for _, g := range c.globalKeys { // they join the menu's keys later
		if !cp.noGlobal[""] && !cp.noGlobal[g.key] {
			dropped[g.key] = true
		}
	}
	if m.Ask == nil && len(m.Keys) == 0 && len(dropped) == 0 && keysKnown {
		c.warnf(m.Pos, "menu %s has no keys: every input is invalid", m.Name)
	}
	if cp.promptOK && keysKnown && (m.Ask == nil || m.Ask.Var.Kind.Type == ChoiceKind) {
		c.promptKeys(m, cp.prompt.First, cp.sc, dropped)
	}
}

// noun is what the menu is: menu or ask.
func (m *Menu) noun() string {
	if m.Ask != nil || m.Confirms != nil {
		return "ask"
	}
	return "menu"
}

func keyWritten(k *Key) string {
	if k.Quoted != nil {
		return k.Quoted.Raw
	}
	return k.Digits
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
			c.errorf(p, "key %s is already used in %s at line %d", key, m.What(), first.Line)
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
		c.errorf(p, "key %s has %d %s but %s captures %s", key, n, plural(n, "digit"), m.What(), digitRange(cp))
	case cp.CompleteOnHash && strings.ContainsRune(key, '#'):
		c.errorf(p, "%s cannot receive %s while complete-on-hash is yes (# ends the input): set complete-on-hash no in the %s", m.What(), key, m.noun())
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
			c.errorf(p, "on %s: the events are invalid (a key the menu does not list), silence (no input) and turns (a call over its turns)", event)
			return true
		}
		c.errorf(p, "unknown event on %s (did you mean on %s?)", event, e)
		if handlers[e] != nil {
			return false
		}
		event = e
	}
	key := event
	if h.Count != nil {
		n, ok := c.countWhy(h.Count, "on "+event, 1, maxSlips, "the slips in a row it can answer are")
		if !ok {
			return false
		}
		if event == "turns" {
			c.errorf(h.Count.posOf(), "on turns takes no number: it answers the call once it is over its turns")
			return false
		}
		key = slipKey(event, n)
		o.Slip = n
	}
	switch {
	case event == "turns" && m != nil:
		c.errorf(p, "on turns is for the file: it answers a call that is over its turns, in whatever menu")
	case handlers[key] != nil:
		c.errorf(posOf(h.Pos), "on %s is already given at line %d", strings.Replace(key, "#", " ", 1), handlers[key].Pos.Line)
	default:
		o.Handler, o.Menu = event, m
		handlers[key] = o
	}
	return false
}

// maxSlips is the highest numbered handler, the runtime's MaxSlips.
const maxSlips = 9

// slipKey is the key of on EVENT N among a menu's or the file's handlers.
// The keys of the handler events are made once: every menu looks up each.
func slipKey(event string, n int) string {
	if keys, ok := slipKeys[event]; ok && n >= 0 && n <= maxSlips {
		return keys[n]
	}
	return event + "#" + strconv.Itoa(n)
}

var slipKeys = func() map[string]*[maxSlips + 1]string {
	m := map[string]*[maxSlips + 1]string{}
	for event := range handlerEvents {
		var keys [maxSlips + 1]string
		for n := range keys {
			keys[n] = event + "#" + strconv.Itoa(n)
		}
		m[event] = &keys
	}
	return m
}()

var handlerEvents = set("invalid", "silence", "turns")

// resolveHandlers picks a menu's answers to invalid keys and to silence,
// for each slip in a row that a numbered handler answers and for the rest:
// the menu's own for that slip, its own for any, the file's for that slip,
// the file's for any; silence with none of its own takes invalid's.
func (c *checker) resolveHandlers(m *Menu, own map[string]*Outcome, mq *menuQuiet) {
	file := c.handler
	pick := func(event string, n int) *Outcome {
		return firstOf(own[slipKey(event, n)], own[event], file[slipKey(event, n)], file[event])
	}
	invalid := func(n int) *Outcome { return pick("invalid", n) }
	silence := func(n int) *Outcome { return firstOf(pick("silence", n), invalid(n)) }
	m.Invalid, m.Silence = invalid(0), silence(0) // slip 0 is never numbered: the rest
	last := max(lastSlip(own), c.fileSlip)
	for n := 1; n <= last; n++ {
		m.InvalidN = append(m.InvalidN, invalid(n))
		m.SilenceN = append(m.SilenceN, silence(n))
	}
	m.InvalidN, m.SilenceN = trimRest(m.InvalidN, m.Invalid), trimRest(m.SilenceN, m.Silence)
	// Silence is nil only when Invalid is: its chain ends in the same handlers
	switch {
	case m.Invalid != nil || c.q.file || c.q.handlers || mq.all || mq.handlers:
	case len(m.InvalidN) > 0:
		first := fmt.Sprintf("first %d invalid keys", len(m.InvalidN))
		if len(m.InvalidN) == 1 {
			first = "first invalid key"
		}
		c.errorf(m.Pos, "%s answers only the %s in a row: add on invalid { ... } (no number) to the %s or the file, for the ones after", m.What(), first, m.noun())
	default:
		c.errorf(m.Pos, "%s has no answer for a key it does not list: add on invalid { ... } to the %s or the file", m.What(), m.noun())
	}
}

// lastSlip is the highest N of the on invalid N and on silence N among
// handlers, 0 when none is numbered.
func lastSlip(handlers map[string]*Outcome) int {
	last := 0
	for n := 1; n <= maxSlips; n++ {
		if handlers[slipKey("invalid", n)] != nil || handlers[slipKey("silence", n)] != nil {
			last = n
		}
	}
	return last
}

// trimRest drops the numbered handlers at the end that are the rest's.
func trimRest(byN []*Outcome, rest *Outcome) []*Outcome {
	for len(byN) > 0 && byN[len(byN)-1] == rest {
		byN = byN[:len(byN)-1]
	}
	if len(byN) == 0 {
		return nil
	}
	return byN
}

func firstOf[T any](vs ...*T) *T {
	for _, v := range vs {
		if v != nil {
			return v
		}
	}
	return nil
}

// noGlobal records the global keys a menu does without.
func (c *checker) noGlobal(cp *capturing, ng *NoGlobal) {
	if len(ng.Keys) == 0 {
		cp.noGlobal[""] = true
	}
	for _, k := range ng.Keys {
		key := k.Digits
		if k.Quoted != nil {
			key, _ = c.str(k.Quoted)
		}
		if c.globalKey(key) == nil && !c.orphan && !c.q.globals && !c.q.file {
			c.errorf(posOf(k.Pos), "no global %s: there is no global key %s%s", keyWritten(k), keyWritten(k), c.globalList())
			continue
		}
		cp.noGlobal[key] = true
	}
}

package dsl

import (
	"fmt"
	"sort"
	"strings"
)

// voiceCtx is the voice a say inherits from its menu or the file.
type voiceCtx struct {
	profile *string
	speed   float64
	unknown bool // the voice it inherits was written with a bad value
}

// resolveVoice applies a say's own voice and speed over the context. A
// missing profile is noted at p, for missingVoices.
func (c *checker) resolveVoice(ctx voiceCtx, profile *string, speed *float64, p Pos) Voice {
	v := Voice{Speed: pick(ctx.speed, speed)}
	if len(c.flow.Langs) > 0 {
		v.Profile = c.flow.Langs[0].Voice // and each language's own in its texts
	} else if pr := firstOf(profile, ctx.profile); pr != nil {
		v.Profile = *pr
	} else if !ctx.unknown {
		c.noVoice = append(c.noVoice, p)
	}
	return v
}

// missingVoices reports the texts that have no voice profile: one error,
// at the first, since the fix for all is usually one file-level voice.
func (c *checker) missingVoices() {
	if c.q.file {
		return
	}
	switch n := len(c.noVoice); {
	case n == 1:
		c.errorf(c.noVoice[0], "no voice profile for this text: add %s at the top of the file", voiceExample)
	case n > 1:
		sort.Slice(c.noVoice, func(i, j int) bool {
			a, b := c.noVoice[i], c.noVoice[j]
			return a.Line < b.Line || (a.Line == b.Line && a.Col < b.Col)
		})
		var lines []string
		seen := map[int]bool{}
		for _, p := range c.noVoice[1:] {
			if !seen[p.Line] {
				seen[p.Line] = true
				lines = append(lines, fmt.Sprint(p.Line))
			}
		}
		where := "line "
		if len(lines) > 1 {
			where = "lines "
		}
		if len(lines) > 5 {
			lines = append(lines[:5], "...")
		}
		c.errorf(c.noVoice[0], "no voice profile for this text and %d more (%s%s): add %s at the top of the file",
			n-1, where, strings.Join(lines, ", "), voiceExample)
	}
}

// target checks what a key leads to.
func (c *checker) target(t *Target, ctx voiceCtx) *Outcome {
	p := posOf(t.Pos)
	switch {
	case t.Block != nil:
		return c.block(t.Block, ctx)
	case t.Transfer != nil:
		return &Outcome{Pos: p, End: c.transfer(t.Transfer)}
	case t.Hangup:
		return &Outcome{Pos: p, End: &Hangup{Pos: p}}
	case t.Move != "":
		return &Outcome{Pos: p, End: &Move{Pos: p, Kind: moveKinds[t.Move]}}
	}
	return &Outcome{Pos: p, End: &Goto{Pos: p, To: c.placeRef(t.Menu)}}
}

// block checks a block: steps, then exactly one end, then nothing.
func (c *checker) block(b *Block, ctx voiceCtx) *Outcome {
	o := &Outcome{Pos: posOf(b.Pos)}
	for _, s := range b.Stmts {
		p := posOf(s.Pos)
		if o.End != nil {
			c.errorf(p, "nothing can follow %s: the caller has left this menu", endName(o.End))
			return o
		}
		switch {
		case s.Say != nil:
			o.Steps = append(o.Steps, c.say(s.Say, ctx))
		case s.Play != nil:
			o.Steps = append(o.Steps, c.play(s.Play))
		case s.Goto != nil:
			o.End = &Goto{Pos: p, To: c.placeRef(s.Goto)}
		case s.Transfer != nil:
			o.End = c.transfer(s.Transfer)
		case s.Hangup:
			o.End = &Hangup{Pos: p}
		case s.Move != "":
			o.End = &Move{Pos: p, Kind: moveKinds[s.Move]}
		case s.Lang != nil:
			if i, ok := c.langIndex[s.Lang.Name]; ok {
				o.Steps = append(o.Steps, &SetLang{Pos: p, Lang: i})
			} else if c.q.langs {
			} else if len(c.flow.Langs) == 0 {
				c.errorf(posOf(s.Lang.Pos), "language %s: the file declares no languages (language NAME \"VOICE\" at the top)", s.Lang.Name)
			} else {
				c.errorf(posOf(s.Lang.Pos), "unknown language %s%s: the file speaks %s", s.Lang.Name, suggest(s.Lang.Name, keysOf(c.langIndex)), c.langNames())
			}
		}
	}
	if o.End == nil && !c.q.blocks[o.Pos] {
		c.errorf(o.Pos, "this block leaves the caller in silence: end it with goto, transfer, hangup, repeat, reprompt, back or top")
	}
	return o
}

func endName(e End) string {
	switch e := e.(type) {
	case *Goto:
		return "goto"
	case *Transfer:
		return "transfer"
	case *Move:
		return e.Kind.String()
	}
	return "hangup"
}

var moveKinds = map[string]MoveKind{"repeat": Repeat, "reprompt": Reprompt, "back": Back, "top": Top}

func (c *checker) say(s *SayStmt, ctx voiceCtx) *Say {
	p := posOf(s.Pos)
	say := &Say{Pos: p}
	say.Text, _ = c.textLit(s.Text, "say")
	var profile *string
	var speed *float64
	seen := map[string]Pos{}
	for _, o := range s.Opts {
		if !c.once(seen, o) {
			continue
		}
		switch {
		case o.Voice != nil && len(c.flow.Langs) > 0:
			c.errorf(posOf(o.Pos), "voice is set by language in a file that declares languages")
		case o.Voice != nil:
			profile = keep(c.voice(o.Voice))
		case o.Speed != nil:
			speed = keep(c.speed(o.Speed))
		case o.Repeat != nil:
			say.Repeat, _ = c.count(o.Repeat, "repeat", 1, maxRepeat)
		}
	}
	say.Voice = c.resolveVoice(ctx, profile, speed, p)
	return say
}

func (c *checker) play(s *PlayStmt) *Play {
	play := &Play{Pos: posOf(s.Pos)}
	play.URL, _ = c.fileURL(s.URL)
	seen := map[string]Pos{}
	for _, o := range s.Opts {
		if !c.once(seen, o) {
			continue
		}
		if o.Repeat == nil {
			c.errorf(posOf(o.Pos), "play takes only repeat: voice and speed are for say")
			continue
		}
		play.Repeat, _ = c.count(o.Repeat, "repeat", 1, maxRepeat)
	}
	return play
}

// once reports an option given twice.
func (c *checker) once(seen map[string]Pos, o *Option) bool {
	name := "repeat"
	if o.Voice != nil {
		name = "voice"
	} else if o.Speed != nil {
		name = "speed"
	}
	if _, dup := seen[name]; dup {
		c.errorf(posOf(o.Pos), "%s is given twice", name)
		return false
	}
	seen[name] = posOf(o.Pos)
	return true
}

func (c *checker) transfer(n *Name) End {
	p := posOf(n.Pos)
	num := c.numbers[n.Name]
	switch {
	case num != nil:
		c.used[num] = true
	case c.menus[n.Name] != nil:
		c.errorf(p, "%s is a menu, not a number: write goto %s (or -> %s)", n.Name, n.Name, n.Name)
	default:
		c.unresolved = true
		if !c.q.name(n.Name) {
			c.errorf(p, "unknown number %s%s", n.Name, suggest(n.Name, append(keysOf(c.numbers), keysOf(c.q.names)...)))
		}
	}
	return &Transfer{Pos: p, Number: num}
}

// placeRef resolves where a goto leads: a menu, an ask or a hook. It
// reports an unknown name, and returns nil for one.
func (c *checker) placeRef(n *Name) Place {
	if m := c.menus[n.Name]; m != nil {
		return m
	}
	if h := c.hooks[n.Name]; h != nil {
		return h
	}
	if h := c.hours[n.Name]; h != nil {
		return h
	}
	p := posOf(n.Pos)
	c.unresolved = true
	what := "menu"
	if len(c.hooks) > 0 || len(c.vars) > 0 {
		what = "menu, ask or hook"
	}
	known := append(append(append(keysOf(c.menus), keysOf(c.hooks)...), keysOf(c.hours)...), keysOf(c.q.names)...)
	switch {
	case c.numbers[n.Name] != nil:
		c.errorf(p, "%s is a number, not a %s: write transfer %s", n.Name, what, n.Name)
	case !c.q.name(n.Name):
		c.errorf(p, "unknown %s %s%s", what, n.Name, suggest(n.Name, known))
	}
	return nil
}

func keysOf[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

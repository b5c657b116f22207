package dsl

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// The checks of the flow as a whole, once every statement is checked:
// which variables are set on every way into each menu and hook (what its
// clientActionId carries), that nothing speaks or passes a variable that
// may be unset, that hooks run one after another end in time, and that
// every state fits in a clientActionId.

// maxStateLen is the longest clientActionId a flow may write; the runtime's
// MaxStateLen (a test keeps the two equal).
const maxStateLen = 1024

// varSet is a set of variables, by their index in Flow.Vars.
type varSet []bool

func (s varSet) with(vs []*Var, index map[*Var]int) varSet {
	out := slices.Clone(s)
	for _, v := range vs {
		out[index[v]] = true
	}
	return out
}

// forMenu drops the secret variables: a menu's clientActionId, which 8x8
// holds and the log shows, never carries one.
func (s varSet) forMenu(vars []*Var) varSet {
	out := slices.Clone(s)
	for i, v := range vars {
		if v.Secret {
			out[i] = false
		}
	}
	return out
}

// meet keeps in s what is in t too, reporting whether s changed.
func (s varSet) meet(t varSet) bool {
	changed := false
	for i := range s {
		if s[i] && !t[i] {
			s[i], changed = false, true
		}
	}
	return changed
}

// flow is the flow as a graph, for the analysis.
type flowGraph struct {
	c     *checker
	index map[*Var]int
	in    map[Place]varSet // set on every way in; missing: not reached
	// reported are the uses reported as maybe unset: a text shared by
	// several menus is reported once
	reported map[Pos]bool
	preds    map[Place][]Place // by cameFrom
}

func (c *checker) flowChecks() {
	if c.flow.Start == nil {
		return
	}
	g := &flowGraph{c: c, index: map[*Var]int{}, in: map[Place]varSet{}, reported: map[Pos]bool{}}
	for i, v := range c.flow.Vars {
		g.index[v] = i
	}
	g.propagate()
	c.reached = map[Place]bool{}
	for p := range g.in {
		c.reached[p] = true
	}
	session := c.sessionSize()
	for _, m := range c.flow.Menus {
		m.Needs = g.needs(m)
		g.checkMenu(m)
		c.stateSize(m, session)
	}
	for _, h := range c.flow.Hooks {
		h.Needs = g.needs(h)
		g.checkHook(h)
	}
	for _, h := range c.flow.Hours {
		if in, ok := g.in[h]; ok {
			g.checkOutcome(h.Open, in, h)
			g.checkOutcome(h.Closed, in, h)
		}
	}
	c.hookChains()
}

// outcomesOf returns a place's outcomes.
func outcomesOf(p Place) []*Outcome {
	switch p := p.(type) {
	case *Menu:
		return p.Outcomes()
	case *Hours:
		return []*Outcome{p.Open, p.Closed}
	}
	return p.(*Hook).Branches()
}

// targets are the places an outcome taken at p can lead to: a goto's,
// the menu again for repeat and reprompt, the start for top, and for back
// every menu that leads to p (or the start, when the history is empty).
func (g *flowGraph) targets(p Place, o *Outcome) []Place {
	switch e := o.End.(type) {
	case *Goto:
		if e.To != nil {
			return []Place{e.To}
		}
	case *Move:
		switch e.Kind {
		case Repeat, Reprompt:
			if _, ok := p.(*Menu); ok {
				return []Place{p}
			}
		case Top:
			return []Place{g.c.flow.Start}
		case Back:
			return append(g.cameFrom(p), g.c.flow.Start)
		}
	}
	return nil
}

// cameFrom returns the menus a caller can be in just before p: those with
// a way to p through hooks and hours branches only.
func (g *flowGraph) cameFrom(p Place) []Place {
	if g.preds == nil {
		g.preds = map[Place][]Place{}
		for _, m := range g.c.flow.Menus {
			seen := map[Place]bool{}
			var walk func(at Place)
			walk = func(at Place) {
				for _, o := range outcomesOf(at) {
					if o == nil {
						continue
					}
					gt, ok := o.End.(*Goto)
					if !ok || gt.To == nil || seen[gt.To] {
						continue
					}
					seen[gt.To] = true
					if next, isMenu := gt.To.(*Menu); isMenu {
						if next != m {
							g.preds[next] = append(g.preds[next], m)
						}
						continue
					}
					walk(gt.To)
				}
			}
			walk(m)
		}
	}
	return g.preds[p]
}

// propagate computes what is set on every way into each place reached
// from the start menu: nothing at the start, then through each outcome
// what it sets, meeting where ways join.
func (g *flowGraph) propagate() {
	start := g.c.flow.Start
	g.in[start] = make(varSet, len(g.c.flow.Vars))
	work := []Place{start}
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		for _, o := range outcomesOf(p) {
			if o == nil {
				continue
			}
			for _, to := range g.targets(p, o) {
				out := g.in[p].with(o.Sets, g.index)
				if _, ok := to.(*Menu); ok {
					out = out.forMenu(g.c.flow.Vars)
				}
				if in, seen := g.in[to]; !seen {
					g.in[to] = out
					work = append(work, to)
				} else if in.meet(out) {
					work = append(work, to)
				}
			}
		}
	}
}

func (g *flowGraph) needs(p Place) []*Var {
	var out []*Var
	for i, set := range g.in[p] {
		if set {
			out = append(out, g.c.flow.Vars[i])
		}
	}
	return out
}

// checkMenu checks the texts of a menu reached from the start, and of its
// outcomes, against what is set there.
func (g *flowGraph) checkMenu(m *Menu) {
	in, ok := g.in[m]
	if !ok {
		return
	}
	for _, t := range []Text{m.Capture.Success, m.Capture.Failure} {
		g.ownValue(m, t)
	}
	for _, t := range []Text{m.Prompt, m.Capture.Success, m.Capture.Failure} {
		g.checkText(t, in, m)
	}
	for _, o := range m.Outcomes() {
		g.checkOutcome(o, in, m)
	}
}

// ownValue reports an ask's success or failure message that speaks the
// ask's own value: 8x8 speaks it as it captures the digits, before the
// flow has seen them.
func (g *flowGraph) ownValue(m *Menu, t Text) {
	if m.Ask == nil {
		return
	}
	for _, p := range t.Parts {
		if p.Var == m.Ask.Var && !g.reported[p.Pos] {
			g.reported[p.Pos] = true
			g.c.errorf(p.Pos, "%s is not known yet when 8x8 speaks the success or failure of ask %s, as it captures the digits: say it after, in then -> { say \"...\"; ... }", p.Var.Name, m.Name)
		}
	}
}

func (g *flowGraph) checkHook(h *Hook) {
	in, ok := g.in[h]
	if !ok {
		return
	}
	for _, v := range h.Inputs {
		switch {
		case in[g.index[v]]:
		case v.Secret:
			g.c.errorf(h.Pos, "hook %s takes %s, which is secret and so is not carried past a menu: some calls reach the hook through a menu after %s", h.Name, v.Name, v.From)
		default:
			g.c.errorf(h.Pos, "hook %s takes %s, which may be unset here: some calls reach the hook without %s setting it", h.Name, v.Name, v.From)
		}
	}
	for _, o := range h.Branches() {
		g.checkOutcome(o, in, h)
	}
}

// givenBy names the outcomes of hook h that give v, for a branch that
// speaks a value another outcome gives.
func givenBy(h *Hook, v *Var) []string {
	var names []string
	for _, o := range h.Outcomes {
		if slices.Contains(o.Values, v) {
			names = append(names, o.Name)
		}
	}
	return names
}

func (g *flowGraph) checkOutcome(o *Outcome, in varSet, at Place) {
	if o == nil {
		return
	}
	set := in.with(o.Sets, g.index)
	for _, s := range o.Steps {
		if say, ok := s.(*Say); ok {
			g.checkText(say.Text, set, at)
		}
	}
}

// checkText reports each variable the text speaks that may be unset.
func (g *flowGraph) checkText(t Text, set varSet, at Place) {
	for _, p := range t.Parts {
		if p.Var == nil || set[g.index[p.Var]] {
			continue
		}
		if g.reported[p.Pos] {
			continue
		}
		g.reported[p.Pos] = true
		if h, ok := at.(*Hook); ok && len(givenBy(h, p.Var)) > 0 {
			g.c.errorf(p.Pos, "%s is not set on this branch of hook %s: only its outcome %s gives it", p.Var.Name, h.Name, strings.Join(givenBy(h, p.Var), ", "))
			continue
		}
		g.c.errorf(p.Pos, "%s may be unset here: some calls reach %s without %s setting it", p.Var.Name, placeWhat(at), p.Var.From)
	}
}

func placeWhat(p Place) string {
	switch p := p.(type) {
	case *Menu:
		return p.What()
	case *Hours:
		return "hours " + p.Name
	}
	return "hook " + p.PlaceName()
}

// stateSize reports a menu whose clientActionId could be too long: its
// name, the session at its largest (the most turns, slips, languages, the
// deepest history of the longest names) and every value it carries at its
// longest.
func (c *checker) stateSize(m *Menu, session int) {
	n := len("2|") + len(m.Name) + len("|") + session + len("|") + len("|") + 16 // 16: the MAC
	for i, v := range m.Needs {
		if i > 0 {
			n++ // &
		}
		n += len(v.Name) + 1 + encodedLen(v.Kind)
	}
	if n > maxStateLen {
		if len(m.Needs) == 0 {
			c.errorf(m.Pos, "%s carries up to %d bytes of state in its clientActionId (%d of them the history of %d menus and the counters): the most is %d; give the menus shorter names",
				m.What(), n, session, maxHistory, maxStateLen)
			return
		}
		c.errorf(m.Pos, "%s carries up to %d bytes of state in its clientActionId (%s, and %d of history and counters): the most is %d; give the texts that travel shorter bounds",
			m.What(), n, varNames(m.Needs), session, maxStateLen)
	}
}

// encodedLen is the most bytes a value of k takes in a clientActionId.
func encodedLen(k Kind) int {
	switch k.Type {
	case NumberKind:
		return len(strconv.Itoa(k.Max))
	case DigitsKind:
		return k.Max
	case ChoiceKind:
		n := 0
		for _, ch := range k.Choices {
			n = max(n, len(ch.Name))
		}
		return n
	}
	return 12 * k.Max // a rune of 4 bytes, each escaped as %XX
}

// joinNames joins what name says of each of xs with sep.
func joinNames[T any](xs []T, sep string, name func(T) string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = name(x)
	}
	return strings.Join(parts, sep)
}

func varNames(vs []*Var) string {
	return joinNames(vs, ", ", func(v *Var) string { return v.Name })
}

// hookChains reports hooks that one answer can run without end (a hook
// that leads back to itself with no menu between), and chains of hooks
// that take longer than 8x8 should wait.
func (c *checker) hookChains() {
	const (
		unvisited = iota
		active
		done
	)
	state := map[*Hook]int{}
	longest := map[*Hook][]*Hook{} // the slowest chain from each hook
	var visit func(h *Hook, path []*Hook)
	visit = func(h *Hook, path []*Hook) {
		state[h] = active
		best := []*Hook{h}
		for _, o := range h.Branches() {
			if o == nil {
				continue
			}
			gt, ok := o.End.(*Goto)
			if !ok {
				continue
			}
			next, ok := gt.To.(*Hook)
			if !ok {
				continue
			}
			switch state[next] {
			case active:
				i := slices.Index(path, next)
				cycle := append(slices.Clone(path[i:]), next)
				if next == h {
					c.errorf(gt.Pos, "hook %s leads back to itself with no menu between: one answer would run it for ever", h.Name)
				} else {
					c.errorf(gt.Pos, "hook %s leads back to hook %s with no menu between (%s): one answer would run them for ever", h.Name, next.Name, chainNames(cycle))
				}
				continue
			case unvisited:
				visit(next, append(path, next))
			}
			if chain := append([]*Hook{h}, longest[next]...); total(chain) > total(best) {
				best = chain
			}
		}
		longest[h] = best
		state[h] = done
	}
	for _, h := range c.flow.Hooks {
		if state[h] == unvisited {
			visit(h, []*Hook{h})
		}
	}
	for _, h := range c.flow.Hooks {
		if chain := longest[h]; len(chain) > 1 && total(chain) > maxChain && c.reached[h] && c.chainHead(h) {
			c.errorf(h.Pos, "hooks %s can run one after another in one answer, for up to %s: keep such a chain within %s, since 8x8 waits on the webhook",
				describeChain(chain), total(chain), maxChain)
		}
	}
}

// chainHead reports whether a menu leads to hook h: a chain is reported
// from where it begins.
func (c *checker) chainHead(h *Hook) bool {
	for _, m := range c.flow.Menus {
		for _, o := range m.Outcomes() {
			if o == nil {
				continue
			}
			if gt, ok := o.End.(*Goto); ok && gt.To == Place(h) {
				return true
			}
		}
	}
	return false
}

func total(chain []*Hook) time.Duration {
	var d time.Duration
	for _, h := range chain {
		d += h.Within
	}
	return d
}

func chainNames(hooks []*Hook) string {
	return joinNames(hooks, " -> ", func(h *Hook) string { return h.Name })
}

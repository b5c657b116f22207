// Package flowgraph is a checked flow as a graph: its places (menus, asks,
// read-backs, hooks, hours branches) and its ends (transfers, hangups) as
// nodes, every way on from a place as an edge. ivrgen graph draws it and
// ivrgen check -stats measures it.
package flowgraph

import (
	"fmt"

	"github.com/ivrgen/ivrgen/dsl"
)

// Kind is what a node is.
type Kind int

const (
	Menu     Kind = iota // a menu: keys
	Ask                  // an ask: digits that become a variable
	ReadBack             // an ask's read-back
	Hook                 // a hook: its outcomes
	Hours                // an hours branch: open or closed
	Transfer             // the end of the call's time in the flow: a transfer to a number
	Hangup               // the end of the call
)

// Node is a place of the flow or one of its ends.
type Node struct {
	ID    string // unique: m0, h0, o0, t0 for menus, hooks, hours, transfers; hangup
	Kind  Kind
	Name  string    // the place's or number's name in the .ivr file; "" for the hangup
	Pos   dsl.Pos   // where it is declared; zero for the hangup
	Place dsl.Place // nil for an end
	Start bool      // the flow's start
	Out   []*Edge   // in source order
}

// Edge is one way on from a place: a key, an ask's value, a handler, a
// hook's outcome, a branch of hours.
type Edge struct {
	From, To *Node
	Label    string // "1", "value", "no input", "invalid 2", "booked", "open"...
	// Keys is how many inputs the caller gives to take it: 1 for a key,
	// an invalid key or an ask's value, 0 for silence and for what the flow
	// decides (a hook, hours).
	Keys int
	// Move is set for an outcome that moves the caller relative to the
	// menu (repeat, reprompt, back, top): To is the menu itself for repeat
	// and reprompt, the start for top, and nil for back, which depends on
	// the call.
	Move *dsl.MoveKind
	Pos  dsl.Pos // the branch, as written
}

// Graph is a flow's nodes: its menus, hooks and hours branches, each kind
// in source order, then its transfers, in the order the numbers are
// declared, and the hangup.
type Graph struct {
	Nodes []*Node
	Start *Node
}

// New builds the graph of a checked flow.
func New(f *dsl.Flow) *Graph {
	g := &Graph{}
	places := map[dsl.Place]*Node{}
	add := func(n *Node) *Node { g.Nodes = append(g.Nodes, n); return n }
	for i, m := range f.Menus {
		kind := Menu
		switch {
		case m.Confirms != nil:
			kind = ReadBack
		case m.Ask != nil:
			kind = Ask
		}
		places[m] = add(&Node{ID: fmt.Sprintf("m%d", i), Kind: kind, Name: m.Name, Pos: m.Pos, Place: m})
	}
	for i, h := range f.Hooks {
		places[h] = add(&Node{ID: fmt.Sprintf("h%d", i), Kind: Hook, Name: h.Name, Pos: h.Pos, Place: h})
	}
	for i, h := range f.Hours {
		places[h] = add(&Node{ID: fmt.Sprintf("o%d", i), Kind: Hours, Name: h.Name, Pos: h.Pos, Place: h})
	}
	g.Start = places[f.Start]
	g.Start.Start = true
	ends := map[*dsl.Number]*Node{}
	var hangup *Node
	end := func(o *dsl.Outcome) (*Node, *dsl.MoveKind) {
		switch e := o.End.(type) {
		case *dsl.Goto:
			return places[e.To], nil
		case *dsl.Transfer:
			if ends[e.Number] == nil {
				ends[e.Number] = &Node{Kind: Transfer, Name: e.Number.Name, Pos: e.Number.Pos} // its ID in order, below
			}
			return ends[e.Number], nil
		case *dsl.Hangup:
			if hangup == nil {
				hangup = &Node{ID: "hangup", Kind: Hangup}
			}
			return hangup, nil
		case *dsl.Move:
			k := e.Kind
			return nil, &k
		}
		panic(fmt.Sprintf("flowgraph: an outcome ends in %T", o.End))
	}
	link := func(from *Node, o *dsl.Outcome, label string, keys int, pos dsl.Pos) {
		to, move := end(o)
		if move != nil {
			switch *move {
			case dsl.Repeat, dsl.Reprompt:
				to = from
			case dsl.Top:
				to = g.Start
			}
		}
		from.Out = append(from.Out, &Edge{From: from, To: to, Label: label, Keys: keys, Move: move, Pos: pos})
	}
	for _, m := range f.Menus {
		n := places[m]
		for _, b := range m.Keys {
			link(n, b.Then, b.Key, 1, b.Pos)
		}
		if a := m.Ask; a != nil && a.Var.Kind.Type != dsl.ChoiceKind {
			link(n, a.Next, "value", 1, a.Next.Pos)
		}
		handlers(m, func(o *dsl.Outcome, label string, keys int) { link(n, o, label, keys, o.Pos) })
	}
	for _, h := range f.Hooks {
		n := places[h]
		for _, o := range h.Outcomes {
			link(n, o.Then, o.Name, 0, o.Pos)
		}
		link(n, h.Error, "error", 0, h.Error.Pos)
	}
	for _, h := range f.Hours {
		n := places[h]
		link(n, h.Open, "open", 0, h.Open.Pos)
		link(n, h.Closed, "closed", 0, h.Closed.Pos)
	}
	for _, num := range f.Numbers { // the transfers in the order the numbers are declared
		if n := ends[num]; n != nil {
			n.ID = fmt.Sprintf("t%d", len(g.Nodes)-len(places))
			add(n)
		}
	}
	if hangup != nil {
		add(hangup)
	}
	return g
}

// handlers calls fn for each of a menu's handlers once: numbered slips
// first, then any slip; silence apart from invalid only where the menu
// answers it apart.
func handlers(m *dsl.Menu, fn func(o *dsl.Outcome, label string, keys int)) {
	apart := m.SilenceApart()
	for i, o := range m.InvalidN {
		if apart {
			fn(o, fmt.Sprintf("invalid %d", i+1), 1)
		} else {
			fn(o, fmt.Sprintf("invalid or no input %d", i+1), 0)
		}
	}
	if apart {
		fn(m.Invalid, "invalid", 1)
		for i, o := range m.SilenceN {
			fn(o, fmt.Sprintf("no input %d", i+1), 0)
		}
		fn(m.Silence, "no input", 0)
		return
	}
	fn(m.Invalid, "invalid or no input", 0)
}

// Reachable returns the nodes a caller can reach from the start, by any
// edge (a back goes only where the caller has been).
func (g *Graph) Reachable() map[*Node]bool {
	seen := map[*Node]bool{g.Start: true}
	queue := []*Node{g.Start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, e := range n.Out {
			if e.To != nil && !seen[e.To] {
				seen[e.To] = true
				queue = append(queue, e.To)
			}
		}
	}
	return seen
}

// Path is the fewest inputs from the start to a node, and the edges taken.
type Path struct {
	Keys  int
	Edges []*Edge
}

// Shortest returns, for each node a caller can reach, a way there from the
// start with the fewest inputs (keys, values): silence and the flow's own
// decisions cost none.
func (g *Graph) Shortest() map[*Node]Path {
	best := map[*Node]Path{g.Start: {}}
	// 0-1 breadth-first: inputs cost 1, silence and the flow's own
	// decisions 0.
	deque := []*Node{g.Start}
	done := map[*Node]bool{}
	for len(deque) > 0 {
		n := deque[0]
		deque = deque[1:]
		if done[n] {
			continue
		}
		done[n] = true
		for _, e := range n.Out {
			if e.To == nil || done[e.To] {
				continue
			}
			p := Path{Keys: best[n].Keys + e.Keys, Edges: append(append([]*Edge(nil), best[n].Edges...), e)}
			if old, ok := best[e.To]; ok && (old.Keys < p.Keys || old.Keys == p.Keys && len(old.Edges) <= len(p.Edges)) {
				continue
			}
			best[e.To] = p
			if e.Keys == 0 {
				deque = append([]*Node{e.To}, deque...)
			} else {
				deque = append(deque, e.To)
			}
		}
	}
	return best
}

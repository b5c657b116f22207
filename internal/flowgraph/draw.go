package flowgraph

import (
	"fmt"
	"strings"

	"github.com/ivrgen/ivrgen/dsl"
)

// Label is how a drawing names a node: its kind and name ("menu main",
// "ask party", "read-back party", "hook book", "hours office", "transfer
// staff", "hangup").
func (n *Node) Label() string {
	switch n.Kind {
	case Menu:
		return "menu " + n.Name
	case Ask:
		return "ask " + n.Name
	case ReadBack:
		if m, ok := n.Place.(*dsl.Menu); ok && m.Confirms != nil {
			return "read-back " + m.Confirms.Name
		}
		return "read-back " + n.Name
	case Hook:
		return "hook " + n.Name
	case Hours:
		return "hours " + n.Name
	case Transfer:
		return "transfer " + n.Name
	case Hangup:
		return "hangup"
	}
	return n.Name
}

// The nodes a drawing adds to the graph's: the entry pointing at the
// start, and where a back goes (the menu the caller came from, known only
// during the call).
const (
	startID = "start"
	backID  = "back"
)

// shape is a drawn node's kind: a Kind, or one of the drawing's own.
type shape int

const (
	shapeStart shape = iota + 100
	shapeBack
)

type drawNode struct {
	id, label   string
	shape       shape // a Kind, shapeStart or shapeBack
	unreachable bool
}

type drawEdge struct {
	from, to    string
	label       string // "" for the entry's edge
	back        bool   // to the back node: drawn dashed
	unreachable bool   // from a place no caller reaches: drawn grey
}

// drawing is a graph as it is drawn: the entry node, the graph's nodes,
// the back node if any edge goes back; one edge for each pair of nodes a
// place's ways join, its label their labels in source order ("1, invalid
// (repeat)").
type drawing struct {
	nodes []drawNode
	edges []drawEdge
	// unreachable names the nodes no caller reaches, for the legend.
	unreachable []string
}

func (g *Graph) drawing() *drawing {
	d := &drawing{}
	reach := g.Reachable()
	d.nodes = append(d.nodes, drawNode{id: startID, label: "start", shape: shapeStart})
	d.edges = append(d.edges, drawEdge{from: startID, to: g.Start.ID})
	backReached, hasBack := false, false
	for _, n := range g.Nodes {
		d.nodes = append(d.nodes, drawNode{id: n.ID, label: n.Label(), shape: shape(n.Kind), unreachable: !reach[n]})
		if !reach[n] {
			d.unreachable = append(d.unreachable, n.Label())
		}
		type pair struct {
			to   string
			back bool
		}
		index := map[pair]int{} // into d.edges
		for _, e := range n.Out {
			label := e.Label
			if e.Move != nil {
				label += " (" + e.Move.String() + ")"
			}
			p := pair{backID, true}
			if e.To != nil {
				p = pair{e.To.ID, false}
			} else {
				hasBack = true
				backReached = backReached || reach[n]
			}
			if i, ok := index[p]; ok {
				d.edges[i].label += ", " + label
				continue
			}
			index[p] = len(d.edges)
			d.edges = append(d.edges, drawEdge{from: n.ID, to: p.to, label: label, back: p.back, unreachable: !reach[n]})
		}
	}
	if hasBack {
		d.nodes = append(d.nodes, drawNode{id: backID, label: "back", shape: shapeBack, unreachable: !backReached})
	}
	return d
}

// mermaidShapes are each node shape's brackets in Mermaid.
var mermaidShapes = map[shape][2]string{
	shapeStart:      {"((", "))"},
	shape(Menu):     {"[", "]"},
	shape(Ask):      {"[/", "/]"},
	shape(ReadBack): {"[/", `\]`},
	shape(Hook):     {"{{", "}}"},
	shape(Hours):    {"{", "}"},
	shape(Transfer): {"([", "])"},
	shape(Hangup):   {"(((", ")))"},
	shapeBack:       {">", "]"},
}

// Mermaid draws the graph of the flow named name as a Mermaid flowchart,
// top down, as GitHub renders it: an entry node "start" points at the
// start; menus are rectangles, asks parallelograms, read-backs trapezoids,
// hooks hexagons, hours branches rhombuses, transfers stadiums and the
// hangup a double circle. A back is a dashed edge to a flag "back" (the
// menu the caller came from); repeat and reprompt loop to the menu itself,
// top goes to the start. What no caller reaches is dashed and grey, and
// named in a comment.
func (g *Graph) Mermaid(name string) string {
	d := g.drawing()
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	fmt.Fprintf(&b, "    %%%% ivr %s\n", mermaidComment(name))
	if len(d.unreachable) > 0 {
		fmt.Fprintf(&b, "    %%%% unreachable from the start (dashed, grey): %s\n", mermaidComment(strings.Join(d.unreachable, ", ")))
	}
	var unreachable []string
	for _, n := range d.nodes {
		s := mermaidShapes[n.shape]
		fmt.Fprintf(&b, "    %s%s\"%s\"%s\n", n.id, s[0], mermaidEscape(n.label), s[1])
		if n.unreachable {
			unreachable = append(unreachable, n.id)
		}
	}
	var grey []string
	for i, e := range d.edges {
		arrow := "-->"
		if e.back {
			arrow = "-.->"
		}
		if e.label == "" {
			fmt.Fprintf(&b, "    %s %s %s\n", e.from, arrow, e.to)
		} else {
			fmt.Fprintf(&b, "    %s %s|\"%s\"| %s\n", e.from, arrow, mermaidEscape(e.label), e.to)
		}
		if e.unreachable {
			grey = append(grey, fmt.Sprint(i))
		}
	}
	if len(unreachable) > 0 {
		b.WriteString("    classDef unreachable fill:#f4f4f4,stroke:#999,stroke-dasharray:5 5,color:#999\n")
		fmt.Fprintf(&b, "    class %s unreachable\n", strings.Join(unreachable, ","))
	}
	if len(grey) > 0 {
		fmt.Fprintf(&b, "    linkStyle %s stroke:#999,stroke-dasharray:5 5\n", strings.Join(grey, ","))
	}
	return b.String()
}

// mermaidEscape makes s the text of a quoted Mermaid label ["..."]: a
// quote is #quot;, and the # that starts Mermaid's entities, < and > (its
// labels are HTML) are entities too; a line break is <br>.
func mermaidEscape(s string) string {
	return strings.NewReplacer("#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", "<br>", "\r", "").Replace(s)
}

// mermaidComment keeps a comment on its line.
func mermaidComment(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
}

// dotShapes are each node shape's attributes in DOT.
var dotShapes = map[shape]string{
	shapeStart:      "shape=circle",
	shape(Menu):     "shape=box",
	shape(Ask):      "shape=parallelogram",
	shape(ReadBack): "shape=trapezium",
	shape(Hook):     "shape=hexagon",
	shape(Hours):    "shape=diamond",
	shape(Transfer): "shape=box, style=rounded",
	shape(Hangup):   "shape=doublecircle",
	shapeBack:       "shape=cds",
}

// DOT draws the graph of the flow named name in Graphviz's DOT, with the
// shapes, edges and marks of Mermaid (a transfer is a rounded box, a
// back's flag a cds); what no caller reaches is dashed and gray, and named
// in a comment.
func (g *Graph) DOT(name string) string {
	d := g.drawing()
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n", dotQuote(name))
	if len(d.unreachable) > 0 {
		fmt.Fprintf(&b, "    // unreachable from the start (dashed, gray): %s\n", dotComment(strings.Join(d.unreachable, ", ")))
	}
	for _, n := range d.nodes {
		attrs := dotShapes[n.shape]
		if n.unreachable {
			if strings.Contains(attrs, "style=rounded") {
				attrs = strings.Replace(attrs, "style=rounded", `style="rounded,dashed"`, 1)
			} else {
				attrs += ", style=dashed"
			}
			attrs += ", color=gray, fontcolor=gray"
		}
		fmt.Fprintf(&b, "    %s [label=%s, %s];\n", n.id, dotQuote(n.label), attrs)
	}
	for _, e := range d.edges {
		var attrs []string
		if e.label != "" {
			attrs = append(attrs, "label="+dotQuote(e.label))
		}
		switch {
		case e.unreachable:
			attrs = append(attrs, "style=dashed", "color=gray", "fontcolor=gray")
		case e.back:
			attrs = append(attrs, "style=dashed")
		}
		if len(attrs) == 0 {
			fmt.Fprintf(&b, "    %s -> %s;\n", e.from, e.to)
		} else {
			fmt.Fprintf(&b, "    %s -> %s [%s];\n", e.from, e.to, strings.Join(attrs, ", "))
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// dotQuote is s as a DOT quoted string: " and \ escaped, a line break \n.
func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "").Replace(s) + `"`
}

// dotComment keeps a // comment on its line.
func dotComment(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
}

package ivrgen

import (
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ivrgen/ivrgen/dsl"
	"github.com/ivrgen/ivrgen/internal/flowgraph"
)

// wordsPerSecond is how fast a voice at speed 1 speaks: 150 words a
// minute, the usual pace of text to speech.
const wordsPerSecond = 2.5

// statsLimits are check -stats' warnings: a prompt longer than Prompt, a
// menu of more options than Options; 0 for none.
type statsLimits struct {
	Prompt  time.Duration
	Options int
}

// check reports every problem in the files; with -stats, what a caller
// meets in each: its menus' prompts and options, and the fewest keys to
// each end.
func (c *command) check(args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	stats := fs.Bool("stats", false, "print each menu's options and prompt time, and the fewest keys from the start to each end")
	var lim statsLimits
	fs.Var((*promptLimit)(&lim.Prompt), "max-prompt", "with -stats, warn of a prompt that takes longer than `DURATION` to say (such as 30s)")
	fs.IntVar(&lim.Options, "max-options", 0, "with -stats, warn of a menu of more than `N` options (such as 9)")
	files, ok := c.flags(fs, args, -1, "check [-stats [-max-prompt DURATION] [-max-options N]] FILE.ivr...")
	if !ok {
		return exitUsage
	}
	if !*stats && (lim.Prompt != 0 || lim.Options != 0) {
		fmt.Fprintln(c.stderr, "ivrgen: -max-prompt and -max-options go with -stats")
		return exitUsage
	}
	status := exitOK
	for i, f := range files {
		flow := c.load(f)
		if flow == nil {
			status = exitUser
			continue
		}
		if *stats {
			if i > 0 {
				fmt.Fprintln(c.stdout)
			}
			writeStats(c.stdout, c.stderr, flow, lim)
		}
	}
	return status
}

// writeStats writes a flow's numbers to w, and the warnings lim asks for to
// warn.
func writeStats(w, warn io.Writer, f *dsl.Flow, lim statsLimits) {
	g := flowgraph.New(f)
	fmt.Fprintf(w, "%s: flow %s, %s\n", f.File, f.Name, counts(g))
	width := len("place")
	for _, m := range f.Menus {
		width = max(width, len(m.What()))
	}
	fmt.Fprintf(w, "  %-*s  options  words  prompt\n", width, "place")
	for _, m := range f.Menus {
		words := promptWords(m.Prompt)
		secs := seconds(words, m.Voice.Speed)
		options := fmt.Sprint(len(m.Keys))
		if m.Ask != nil && m.Ask.Var.Kind.Type != dsl.ChoiceKind {
			options = "value" // digits, not keys
		}
		fmt.Fprintf(w, "  %-*s  %7s  %5d  %5.1fs\n", width, m.What(), options, words, secs)
		if lim.Prompt > 0 && secs > lim.Prompt.Seconds() {
			fmt.Fprintln(warn, dsl.Diagnostic{Pos: m.Pos, Severity: dsl.Warning, Msg: fmt.Sprintf(
				"the prompt of %s takes about %.1fs to say, over -max-prompt %s: callers hang up on long prompts", m.What(), secs, lim.Prompt)})
		}
		if lim.Options > 0 && len(m.Keys) > lim.Options && m.Confirms == nil { // a read-back is not split
			fmt.Fprintln(warn, dsl.Diagnostic{Pos: m.Pos, Severity: dsl.Warning, Msg: fmt.Sprintf(
				"%s has %d options, over -max-options %d: split it into menus", m.What(), len(m.Keys), lim.Options)})
		}
	}
	fmt.Fprintf(w, "fewest keys from the start (%s):\n", g.Start.Name)
	paths := g.Shortest()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	reached := false
	for _, n := range g.Nodes {
		if n.Kind != flowgraph.Transfer && n.Kind != flowgraph.Hangup {
			continue
		}
		p, ok := paths[n]
		if !ok {
			continue
		}
		reached = true
		fmt.Fprintf(tw, "  %s\t%d\t%s\n", endName(n), p.Keys, route(p))
	}
	if !reached {
		fmt.Fprintln(tw, "  no end can be reached")
	}
	tw.Flush()
}

// promptLimit is -max-prompt: a duration with its unit.
type promptLimit time.Duration

func (p *promptLimit) String() string { return time.Duration(*p).String() }
func (p *promptLimit) Set(v string) error {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return fmt.Errorf("%q is not a time to say a prompt in: write it with its unit, such as 30s", v)
	}
	*p = promptLimit(d)
	return nil
}

// counts says how many of each kind of place the graph has.
func counts(g *flowgraph.Graph) string {
	var n [flowgraph.Hangup + 1]int
	for _, node := range g.Nodes {
		n[node.Kind]++
	}
	parts := []string{plural(n[flowgraph.Menu], "menu")}
	for _, k := range []struct {
		kind flowgraph.Kind
		word string
	}{{flowgraph.Ask, "ask"}, {flowgraph.Hook, "hook"}, {flowgraph.Hours, "hours branch"}} {
		if n[k.kind] > 0 {
			parts = append(parts, plural(n[k.kind], k.word))
		}
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	switch {
	case n == 1:
		return "1 " + word
	case strings.HasSuffix(word, "ch"):
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// endName names an end: "to transfer staff", "to a hangup".
func endName(n *flowgraph.Node) string {
	if n.Kind == flowgraph.Transfer {
		return "to transfer " + n.Name
	}
	return "to a hangup"
}

// route says the way of a path: "main 2, connect 1"; waiting for a
// handler that answers silence is "(no input)", a hook's outcome or an
// hours branch "hook book: booked".
func route(p flowgraph.Path) string {
	if len(p.Edges) == 0 {
		return "(the start)"
	}
	steps := make([]string, len(p.Edges))
	for i, e := range p.Edges {
		switch e.From.Kind {
		case flowgraph.Hook:
			steps[i] = "hook " + e.From.Name + ": " + e.Label
		case flowgraph.Hours:
			steps[i] = "hours " + e.From.Name + ": " + e.Label
		default:
			label := e.Label
			if e.Keys == 0 || strings.Trim(label, "0123456789*#") != "" { // not a key: a handler, a value
				label = "(" + label + ")"
			}
			steps[i] = e.From.Name + " " + label
		}
	}
	return strings.Join(steps, ", ")
}

// seconds is how long words take to say at speed.
func seconds(words int, speed float64) float64 {
	if speed <= 0 {
		speed = 1
	}
	return math.Round(float64(words)/(wordsPerSecond*speed)*10) / 10
}

// promptWords counts the words of a text in its first language, a
// variable as many as its longest value takes to say.
func promptWords(t dsl.Text) int {
	n := 0
	for _, p := range t.Parts {
		if p.Var == nil {
			n += len(strings.Fields(p.Lit))
			continue
		}
		n += varWords(p.Var, p.Form)
	}
	return n
}

// varWords is how many words a variable's longest value takes to say.
func varWords(v *dsl.Var, form dsl.Form) int {
	k := v.Kind
	switch {
	case k.Type == dsl.ChoiceKind:
		most := 0
		for _, c := range k.Choices {
			most = max(most, len(strings.Fields(c.Spoken)))
		}
		return most
	case k.Type == dsl.TextKind:
		return (k.Max + 5) / 6 // six letters a word
	case k.Type == dsl.DigitsKind && form != dsl.AsNumber:
		return k.Max // one digit after another
	}
	return 3 // a number said as a number: "four hundred twenty"
}

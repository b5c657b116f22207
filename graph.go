package ivrgen

import (
	"flag"
	"fmt"
	"os/exec"
	"strings"

	"github.com/ivrgen/ivrgen/internal/flowgraph"
)

// graphFormats are graph's -format values.
var graphFormats = []string{"mermaid", "dot", "svg"}

// graph draws a flow on stdout: a Mermaid flowchart (for GitHub), Graphviz
// DOT, or SVG drawn from the DOT by Graphviz's dot.
func (c *command) graph(args []string) int {
	fs := flag.NewFlagSet("graph", flag.ContinueOnError)
	format := fs.String("format", "mermaid", "draw in `FORMAT`: mermaid (a flowchart GitHub renders), dot (Graphviz) or svg (needs Graphviz's dot)")
	files, ok := c.flags(fs, args, 1, "graph [-format mermaid|dot|svg] FILE.ivr")
	if !ok {
		return exitUsage
	}
	switch *format {
	case "mermaid", "dot", "svg":
	default:
		fmt.Fprintf(c.stderr, "ivrgen: unknown -format %q: the formats are %s\n", *format, strings.Join(graphFormats, ", "))
		return exitUsage
	}
	flow := c.load(files[0])
	if flow == nil {
		return exitUser
	}
	g := flowgraph.New(flow)
	switch *format {
	case "mermaid":
		fmt.Fprint(c.stdout, g.Mermaid(flow.Name))
		return exitOK
	case "dot":
		fmt.Fprint(c.stdout, g.DOT(flow.Name))
		return exitOK
	}
	dot, err := exec.LookPath("dot")
	if err != nil {
		fmt.Fprintln(c.stderr, "ivrgen: -format svg needs Graphviz's dot, which is not installed (apt-get install graphviz); -format dot works without it")
		return exitUser
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = strings.NewReader(g.DOT(flow.Name))
	cmd.Stdout, cmd.Stderr = c.stdout, c.stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(c.stderr, "ivrgen: dot -Tsvg: %v\n", err)
		return exitUser
	}
	return exitOK
}

// Package ivrgen is the ivrgen command as a library: Main runs it, and the
// runtime's source travels inside it so that "ivrgen build" works offline.
// The binary is cmd/ivrgen.
package ivrgen

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ivrgen/ivrgen/dsl"
	"github.com/ivrgen/ivrgen/runtime"
)

// Version is ivrgen's release version, written into generated files.
const Version = "0.3.0"

// Exit statuses.
const (
	exitOK    = 0
	exitUser  = 1 // a bad .ivr file, a failed build
	exitUsage = 2 // the command line itself is wrong
)

const usage = `ivrgen compiles .ivr phone menus into 8x8 Voice webhook servers.

Usage:
  ivrgen build [-o OUT] FILE.ivr                  build a standalone server binary
  ivrgen generate [-o DIR] [-pkg NAME] [-check] FILE.ivr
                                                  write the flow's Go package (for go:generate);
                                                  -check: exit 1 with a diff if it is stale
  ivrgen check [-stats [-max-prompt D] [-max-options N]] FILE.ivr...
                                                  report every problem in the files; -stats: each
                                                  menu's options and prompt time, the fewest keys
                                                  from the start to each end
  ivrgen fmt [-w] [-l] [-d] [FILE.ivr...]         lay the files out in ivrgen's one layout
  ivrgen sim [-press KEYS] [-expect TEXT]... [-hook NAME=OUTCOME]... [-json] [-at TIME] FILE.ivr
                                                  a call in the terminal, through the flow's
                                                  own server
  ivrgen graph [-format mermaid|dot|svg] FILE.ivr draw the flow: a Mermaid flowchart (default),
                                                  Graphviz DOT, or SVG (needs Graphviz's dot)
  ivrgen version                                  print ivrgen's version

Flags may come before or after the file. Exit status: 0 ok, 1 a problem in
the input or the build, 2 a usage error.
`

// Main runs ivrgen with args (without the program name) and returns the exit
// status: 0 ok, 1 a user error (a bad .ivr file, a failed build), 2 a usage error.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd := &command{stdin: stdin, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "build":
		return cmd.build(args[1:])
	case "sim":
		return cmd.sim(args[1:])
	case "fmt":
		return cmd.format(args[1:])
	case "generate":
		return cmd.generate(args[1:])
	case "check":
		return cmd.check(args[1:])
	case "graph":
		return cmd.graph(args[1:])
	case "version":
		fmt.Fprintf(stdout, "ivrgen %s (runtime version %d)\n", Version, runtime.Version)
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "ivrgen: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

type command struct {
	stdin          io.Reader // the keyboard, for sim
	stdout, stderr io.Writer
}

// flags parses a command's flags; want is how many arguments it takes (-1:
// one or more, -2: any number). It reports usage errors itself.
func (c *command) flags(fs *flag.FlagSet, args []string, want int, synopsis string) ([]string, bool) {
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "usage: ivrgen %s\n", synopsis)
		fs.PrintDefaults()
	}
	if err := fs.Parse(flagsFirst(fs, args)); err != nil {
		return nil, false
	}
	rest := fs.Args()
	if (want == -1 && len(rest) == 0) || (want >= 0 && len(rest) != want) {
		fs.Usage()
		return nil, false
	}
	return rest, true
}

// flagsFirst moves the flags in args before the other arguments, so that
// "ivrgen build FILE.ivr -o OUT" works as "ivrgen build -o OUT FILE.ivr";
// everything after "--" stays an argument.
func flagsFirst(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(append(flags, "--"), append(rest, args[i+1:]...)...)
		case len(a) < 2 || a[0] != '-':
			rest = append(rest, a)
		default:
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if f := fs.Lookup(name); f != nil && !strings.Contains(name, "=") && !isBoolFlag(f) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	return append(flags, rest...)
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// read reads a file, saying why it cannot: "ivrgen: a.ivr: no such file or
// directory".
func (c *command) read(path string) ([]byte, bool) {
	src, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		fmt.Fprintf(c.stderr, "ivrgen: %s: %v\n", path, err)
		return nil, false
	}
	return src, true
}

// load reads and checks one .ivr file, printing every diagnostic. It
// returns nil when the file has errors (or cannot be read).
func (c *command) load(path string) *dsl.Flow {
	src, ok := c.read(path)
	if !ok {
		return nil
	}
	flow, diags := dsl.Compile(filepath.ToSlash(path), src)
	for _, d := range diags {
		fmt.Fprintln(c.stderr, d)
	}
	if diags.HasErrors() {
		return nil
	}
	return flow
}

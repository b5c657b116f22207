package ivrgen

import (
	"errors"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ivrgen/ivrgen/codegen"
	"github.com/ivrgen/ivrgen/internal/textdiff"
)

// generate writes the flow's Go package: FILE_ivr.go beside FILE.ivr, or in
// -o DIR. Under go generate the package name defaults to $GOPACKAGE. With
// -check it writes nothing: it exits 1, with a diff, when the file on disk
// is not what it would write.
func (c *command) generate(args []string) int {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	dir := fs.String("o", "", "directory to write `DIR`/NAME_ivr.go in (default: beside FILE.ivr)")
	pkg := fs.String("pkg", "", "Go package `NAME` (default: $GOPACKAGE under go generate, else the ivr name)")
	check := fs.Bool("check", false, "write nothing; exit 1 with a diff if the file on disk is stale (default package: the file's own)")
	files, ok := c.flags(fs, args, 1, "generate [-o DIR] [-pkg NAME] [-check] FILE.ivr")
	if !ok {
		return exitUsage
	}
	if *pkg != "" && !token.IsIdentifier(*pkg) {
		fmt.Fprintf(c.stderr, "ivrgen: -pkg %q is not a valid Go package name\n", *pkg)
		return exitUsage
	}
	if *dir == "" {
		*dir = filepath.Dir(files[0])
	}
	out := filepath.Join(*dir, strings.TrimSuffix(filepath.Base(files[0]), ".ivr")+"_ivr.go")
	flow := c.load(files[0])
	if flow == nil {
		return exitUser
	}
	if *pkg == "" {
		*pkg = os.Getenv("GOPACKAGE")
	}
	if *check && *pkg == "" {
		*pkg = packageOf(out) // go generate gave the file its package: CI runs without it
	}
	src, err := codegen.Generate(flow, codegen.Options{Package: *pkg, Version: Version})
	if err != nil {
		fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
		return exitUser
	}
	if *check {
		again := files[0] // the command that writes the file again
		if *pkg != "" && *pkg != codegen.PackageName(flow.Name) {
			again = "-pkg " + *pkg + " " + again // or go generate, which sets it
		}
		return c.checkGenerated(out, again, src)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
		return exitUser
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
		return exitUser
	}
	return exitOK
}

// checkGenerated compares the file at out with src: equal, exit 0 and say
// nothing; else the diff from the file to src on stdout, and exit 1.
func (c *command) checkGenerated(out, source string, src []byte) int {
	old, err := os.ReadFile(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(c.stderr, "ivrgen: %s does not exist: run ivrgen generate %s\n", out, source)
		return exitUser // no diff: it would be the whole file
	case err != nil:
		fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
		return exitUser
	case string(old) == string(src):
		return exitOK
	default:
		fmt.Fprintf(c.stderr, "ivrgen: %s is stale: run ivrgen generate %s\n", out, source)
	}
	fmt.Fprint(c.stdout, textdiff.Unified(out+" (on disk)", out+" (generated)", string(old), string(src)))
	return exitUser
}

// packageOf is the package clause of the Go file at path, "" when there is
// none to read.
func packageOf(path string) string {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly)
	if err != nil {
		return ""
	}
	return f.Name.Name
}

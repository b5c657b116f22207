package ivrgen

import (
	"flag"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/ivrgen/ivrgen/codegen"
)

// generate writes the flow's Go package: FILE_ivr.go beside FILE.ivr, or in
// -o DIR. Under go generate the package name defaults to $GOPACKAGE.
func (c *command) generate(args []string) int {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	dir := fs.String("o", "", "directory to write `DIR`/NAME_ivr.go in (default: beside FILE.ivr)")
	pkg := fs.String("pkg", "", "Go package `NAME` (default: $GOPACKAGE under go generate, else the ivr name)")
	files, ok := c.flags(fs, args, 1, "generate [-o DIR] [-pkg NAME] FILE.ivr")
	if !ok {
		return exitUsage
	}
	if *pkg != "" && !token.IsIdentifier(*pkg) {
		fmt.Fprintf(c.stderr, "ivrgen: -pkg %q is not a valid Go package name\n", *pkg)
		return exitUsage
	}
	flow := c.load(files[0])
	if flow == nil {
		return exitUser
	}
	if *pkg == "" {
		*pkg = os.Getenv("GOPACKAGE")
	}
	src, err := codegen.Generate(flow, codegen.Options{Package: *pkg, Version: Version})
	if err != nil {
		fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
		return exitUser
	}
	if *dir == "" {
		*dir = filepath.Dir(files[0])
	}
	out := filepath.Join(*dir, strings.TrimSuffix(filepath.Base(files[0]), ".ivr")+"_ivr.go")
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

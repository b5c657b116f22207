package ivrgen

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ivrgen/ivrgen/dsl"
	"github.com/ivrgen/ivrgen/internal/textdiff"
)

// format lays .ivr files out as gofmt does Go: to stdout, or with -w in
// place, -l the names of files whose layout differs, -d their diffs. With
// no file it formats stdin to stdout.
func (c *command) format(args []string) int {
	fs := flag.NewFlagSet("fmt", flag.ContinueOnError)
	write := fs.Bool("w", false, "write the result to the file instead of stdout")
	list := fs.Bool("l", false, "list the files whose layout differs from ivrgen fmt's")
	diff := fs.Bool("d", false, "print the diffs of the layout instead of the files")
	files, ok := c.flags(fs, args, -2, "fmt [-w] [-l] [-d] [FILE.ivr...]")
	if !ok {
		return exitUsage
	}
	if len(files) == 0 {
		if *write {
			fmt.Fprintln(c.stderr, "ivrgen: fmt -w needs a file to write")
			return exitUsage
		}
		src, err := io.ReadAll(c.stdin)
		if err != nil {
			fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
			return exitUser
		}
		return c.formatOne("<stdin>", src, false, *list, *diff)
	}
	status := exitOK
	for _, path := range files {
		src, ok := c.read(path)
		if !ok {
			status = exitUser
			continue
		}
		if s := c.formatOne(path, src, *write, *list, *diff); s != exitOK {
			status = s
		}
	}
	return status
}

// formatOne formats one file's source as the flags say.
func (c *command) formatOne(path string, src []byte, write, list, diff bool) int {
	out, diags := dsl.Format(filepath.ToSlash(path), src)
	if diags.HasErrors() {
		for _, d := range diags {
			if d.Severity == dsl.Error {
				fmt.Fprintln(c.stderr, d)
			}
		}
		return exitUser
	}
	changed := string(out) != string(src)
	if list && changed {
		fmt.Fprintln(c.stdout, path)
	}
	if diff && changed {
		fmt.Fprint(c.stdout, textdiff.Unified(path+".orig", path, string(src), string(out)))
	}
	if write && changed {
		info, err := os.Stat(path)
		if err != nil {
			fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
			return exitUser
		}
		if err := os.WriteFile(path, out, info.Mode().Perm()); err != nil {
			fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
			return exitUser
		}
	}
	if !write && !list && !diff {
		c.stdout.Write(out)
	}
	return exitOK
}

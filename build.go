package ivrgen

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/ivrgen/ivrgen/codegen"
	"github.com/ivrgen/ivrgen/dsl"
)

// The module "ivrgen build" assembles in a temporary directory: the server's
// main package, the flow package, and the runtime's source under a replace
// directive, so that only the Go toolchain is needed and nothing is fetched.
const (
	buildModule = "ivrserver"
	buildGoMod  = "module " + buildModule + "\n\ngo 1.25\n\nrequire github.com/ivrgen/ivrgen v0.0.0\n\nreplace github.com/ivrgen/ivrgen => ./ivrgen\n"
	runtimeMod  = "module github.com/ivrgen/ivrgen\n\ngo 1.25\n"
)

// build compiles FILE.ivr into a standalone server binary.
func (c *command) build(args []string) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	out := fs.String("o", "", "write the binary to `OUT` (default: the ivr name, in the current directory)")
	files, ok := c.flags(fs, args, 1, "build [-o OUT] FILE.ivr")
	if !ok {
		return exitUsage
	}
	flow := c.load(files[0])
	if flow == nil {
		return exitUser
	}
	if *out == "" {
		*out = codegen.PackageName(flow.Name)
	}
	if err := buildServer(flow, *out); err != nil {
		fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
		return exitUser
	}
	return exitOK
}

// buildServer writes the server's module to a temporary directory and runs
// go build there.
func buildServer(flow *dsl.Flow, out string) error {
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("ivrgen build needs the Go toolchain (go) on PATH: %v", err)
	}
	dir, err := os.MkdirTemp("", "ivrgen-build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := writeModule(dir, flow); err != nil {
		return err
	}
	cmd := exec.Command(goTool, "build", "-trimpath", "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "CGO_ENABLED=0")
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building the server failed; this is an ivrgen bug, please report it with your .ivr file:\n%s%v", output.String(), err)
	}
	return nil
}

// writeModule lays out the server's module in dir.
func writeModule(dir string, flow *dsl.Flow) error {
	files, err := moduleFiles(flow)
	if err != nil {
		return err
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// moduleFiles are the server module's files, by their slash paths.
func moduleFiles(flow *dsl.Flow) (map[string][]byte, error) {
	pkg := codegen.PackageName(flow.Name)
	flowSrc, err := codegen.Generate(flow, codegen.Options{Version: Version})
	if err != nil {
		return nil, err
	}
	mainSrc, err := codegen.Command(flow, buildModule+"/"+pkg)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"go.mod":                    []byte(buildGoMod),
		"main.go":                   mainSrc,
		pkg + "/" + pkg + "_ivr.go": flowSrc,
		"ivrgen/go.mod":             []byte(runtimeMod),
	}
	rt, err := runtimeSource()
	if err != nil {
		return nil, err
	}
	for name, src := range rt {
		files["ivrgen/runtime/"+name] = src
	}
	return files, nil
}

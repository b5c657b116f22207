package ivrgen_test

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ivrgen/ivrgen"
	"github.com/ivrgen/ivrgen/ivrtest/ivrscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ivrgen": func() { os.Exit(ivrgen.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/*.txtar: each builds real servers with ivrgen
// and drives them the way 8x8 would.
func TestScripts(t *testing.T) {
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			return setupGo(env, root)
		},
		Cmds: ivrscript.Commands(),
	})
}

// setupGo lets scripts run the Go toolchain offline: the build and module
// caches of the machine, no proxy, and IVRGEN_ROOT for replace directives.
// MODULE_PROXY is the machine's proxy, for a script that builds a module
// with dependencies of its own (env GOPROXY=$MODULE_PROXY).
func setupGo(env *testscript.Env, root string) error {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return err
	}
	for _, v := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY"} {
		out, err := exec.Command(goBin, "env", v).Output()
		if err != nil {
			return err
		}
		if v == "GOPROXY" {
			env.Setenv("MODULE_PROXY", strings.TrimSpace(string(out)))
			continue
		}
		env.Setenv(v, strings.TrimSpace(string(out)))
	}
	env.Setenv("PATH", filepath.Dir(goBin)+string(os.PathListSeparator)+env.Getenv("PATH"))
	env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
	env.Setenv("GOFLAGS", "-mod=mod")
	env.Setenv("GOPROXY", "off")
	env.Setenv("GOSUMDB", "off")
	env.Setenv("GOTOOLCHAIN", "local")
	env.Setenv("CGO_ENABLED", "0")
	env.Setenv("IVRGEN_ROOT", root)
	return nil
}

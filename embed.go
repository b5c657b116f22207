package ivrgen

import (
	"embed"
	"io/fs"
	"strings"
)

// runtimeFS holds the runtime package's source, which "ivrgen build" writes
// next to the generated code so that the server builds offline.
//
//go:embed runtime/*.go
var runtimeFS embed.FS

// runtimeSource returns the runtime's Go files by name, tests left out.
func runtimeSource() (map[string][]byte, error) {
	files := map[string][]byte{}
	names, err := fs.Glob(runtimeFS, "runtime/*.go")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := runtimeFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		files[strings.TrimPrefix(name, "runtime/")] = b
	}
	return files, nil
}

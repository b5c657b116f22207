package codegen

import (
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/ivrgen/ivrgen/dsl"
)

// menuConst is the exported constant naming menu m: MenuBookTable.
func menuConst(m *dsl.Menu) string { return "Menu" + m.GoName }

// handlerName is the method that answers menu m: answerBookTable.
func handlerName(m *dsl.Menu) string { return "answer" + m.GoName }

// keyField names the Flow field holding the reply to a key. Keys map to
// names injectively (digits stay, * is Star, # is Hash) and GoNames are
// unique, so field names never collide: main_key1, main_keyStar; handlers
// are main_invalid, main_silence, and invalid, silence for the file's.
func keyField(m *dsl.Menu, key string) string {
	r := strings.NewReplacer("*", "Star", "#", "Hash")
	return lowerFirst(m.GoName) + "_key" + r.Replace(key)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// PackageName turns a flow's name into a Go package name: lower case,
// letters and digits only, never a keyword or empty.
func PackageName(flowName string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(flowName) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if name == "" || unicode.IsDigit(rune(name[0])) || isKeyword(name) {
		name = "ivr" + name
	}
	return name
}

func isKeyword(s string) bool {
	switch s {
	case "break", "case", "chan", "const", "continue", "default", "defer", "else",
		"fallthrough", "for", "func", "go", "goto", "if", "import", "interface",
		"main", "map", "package", "range", "return", "select", "struct", "switch", "type", "var":
		return true
	}
	return false
}

// where points a comment back at the source: restaurant.ivr:14.
func where(p dsl.Pos) string { return path.Base(p.File) + ":" + strconv.Itoa(p.Line) }

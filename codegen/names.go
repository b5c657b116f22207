package codegen

import (
	"go/token"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/ivrgen/ivrgen/dsl"
)

// The names of what the generator writes, from the names in the .ivr file.

// menuConst is the exported constant naming menu m: MenuBookTable.
func menuConst(m *dsl.Menu) string { return "Menu" + m.GoName }

// answerName is the method that answers menu m: answerBookTable.
func answerName(m *dsl.Menu) string { return "answer" + m.GoName }

// enterName is the method that puts the caller in menu m, when m needs
// values in its clientActionId: enterDay.
func enterName(m *dsl.Menu) string { return "enter" + m.GoName }

// runName is the method that runs hook h: runBook.
func runName(h *dsl.Hook) string { return "run" + h.GoName }

// keyField names the reply to a key. Keys map to names injectively (digits
// stay, * is Star, # is Hash) and GoNames are unique, so names never
// collide: main_key1, main_keyStar; handlers are main_invalid,
// main_silence, and invalid, silence for the file's.
func keyField(m *dsl.Menu, key string) string {
	r := strings.NewReplacer("*", "Star", "#", "Hash")
	return lowerFirst(m.GoName) + "_key" + r.Replace(key)
}

// varField is the field of variable v in vars, and of a value in a hook's
// result: its name, lower-cased, kept off Go's keywords and the names in
// taken.
func varField(v *dsl.Var, taken ...string) string {
	name := lowerFirst(v.GoName)
	for token.IsKeyword(name) || contains(taken, name) {
		name += "_"
	}
	return name
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// choiceType is the Go type of a choice variable: Day.
func choiceType(v *dsl.Var) string { return v.GoName }

// choiceConst is the constant of one value: DayToday.
func choiceConst(v *dsl.Var, ch *dsl.Choice) string { return v.GoName + ch.GoName }

// The types and constructors of hook h.
func inputType(h *dsl.Hook) string  { return h.GoName + "Input" }
func resultType(h *dsl.Hook) string { return h.GoName + "Result" }
func outcomeFunc(h *dsl.Hook, o *dsl.HookOutcome) string {
	return h.GoName + o.GoName
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
	if name == "" || unicode.IsDigit(rune(name[0])) || token.IsKeyword(name) || name == "main" {
		name = "ivr" + name
	}
	return name
}

// where points a comment back at the source: restaurant.ivr:14.
func where(p dsl.Pos) string { return path.Base(p.File) + ":" + strconv.Itoa(p.Line) }

// hoursName is the method that takes hours branch h: hoursReception.
func hoursName(h *dsl.Hours) string { return "hours" + h.GoName }

// calendarField is the Flow field of calendar c: calOffice.
func calendarField(c *dsl.Calendar) string { return "cal" + c.GoName }

// Package callflowcheck checks callflow JSON against 8x8's documented rules:
// the Voice API reference and its OpenAPI description. It is written from
// those documents, not from ivrgen's runtime types, so that tests catch a
// runtime or generator that drifts from what 8x8 accepts.
//
// Each check reports every violation it finds, each naming the JSON path of
// the offending value (such as $.callflow[1].params.digitTimeout) and, where
// 8x8 documents one, the status code it would refuse the callflow with.
package callflowcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Problem is one violation of 8x8's rules.
type Problem struct {
	Path    string // JSON path, such as $.callflow[0].params.text
	Message string // what is wrong, such as "is missing"
	Code    int    // 8x8's status code for it (-1009...), or 0 if none is documented
}

func (p Problem) String() string {
	if p.Code != 0 {
		return fmt.Sprintf("%s: %s (%d)", p.Path, p.Message, p.Code)
	}
	return p.Path + ": " + p.Message
}

// Error lists every violation found in one body, in document order.
type Error struct {
	Problems []Problem
}

// Error joins the problems with "; ".
func (e *Error) Error() string {
	s := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		s[i] = p.String()
	}
	return strings.Join(s, "; ")
}

// 8x8's status codes for refused callflows.
const (
	codeInvalidJSON      = -1001
	codeMaxDigitsForMin  = -1003
	codeOverallForDigit  = -1005
	codeTimeoutOrder     = -1006
	codeUnknownAction    = -1007
	codeMaxDigitsForHash = -1008
	codeInvalidEntry     = -1009
	codeTooManyActions   = -1010
	codeHangupMisuse     = -1012
	codeFirstMakeCall    = -1013
	codeInvalidMSISDN    = -1017
)

// Documented limits.
const (
	maxTextRunes   = 3000 // say text, sayAndCapture messages
	maxMakeCalls   = 2    // per callflow
	maxDigitsLimit = 25   // sayAndCapture maxDigits
	minSpeed       = 0.5
	maxSpeed       = 2
	minRepeat      = 1
	maxRepeat      = 3
)

// CheckReply checks the answer to a VCA webhook:
// {"clientActionId"?: string, "callflow": [...]}.
func CheckReply(body []byte) error {
	c := &checker{}
	if top, ok := c.document(body); ok {
		c.unknown("$", top, "clientActionId", "callflow")
		c.optionalString("$.clientActionId", top)
		c.callflow(top["callflow"])
	}
	return c.err()
}

// CheckRequest checks a Callflows API request: {"callflow": [...],
// "validUntil"?: date-time, "clientRequestId"?: string}. Its first action
// must be makeCall, and it takes no clientActionId.
func CheckRequest(body []byte) error {
	c := &checker{}
	if top, ok := c.document(body); ok {
		c.unknown("$", top, "callflow", "validUntil", "clientRequestId")
		c.validUntil(top)
		c.optionalString("$.clientRequestId", top)
		if actions := c.callflow(top["callflow"]); len(actions) > 0 && actions[0] != "makeCall" {
			c.add("$.callflow[0].action", codeFirstMakeCall, "the first action must be makeCall, not %q", actions[0])
		}
	}
	return c.err()
}

type checker struct{ problems []Problem }

func (c *checker) add(path string, code int, format string, args ...any) {
	c.problems = append(c.problems, Problem{path, fmt.Sprintf(format, args...), code})
}

func (c *checker) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	return &Error{c.problems}
}

// document parses the whole body, which must be one JSON object.
func (c *checker) document(body []byte) (map[string]json.RawMessage, bool) {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		c.add("$", codeInvalidJSON, "invalid JSON: %v", err)
		return nil, false
	}
	return c.object("$", body)
}

// object decodes raw, which must be a JSON object.
func (c *checker) object(path string, raw json.RawMessage) (map[string]json.RawMessage, bool) {
	if kind(raw) != "object" {
		c.add(path, codeInvalidEntry, "must be an object, not %s", kind(raw))
		return nil, false
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		c.add(path, codeInvalidEntry, "%v", err)
		return nil, false
	}
	return m, true
}

// kind names the JSON type of raw; "" when raw is absent.
func kind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// unknown reports the fields of m that are not in allowed, sorted.
func (c *checker) unknown(path string, m map[string]json.RawMessage, allowed ...string) {
	var extra []string
	for name := range m {
		if !contains(allowed, name) {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		c.add(path+"."+name, codeInvalidEntry, "unknown field (allowed: %s)", strings.Join(allowed, ", "))
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (c *checker) optionalString(path string, m map[string]json.RawMessage) {
	name := path[strings.LastIndexByte(path, '.')+1:]
	if raw, ok := m[name]; ok && kind(raw) != "string" {
		c.add(path, codeInvalidEntry, "must be a string, not %s", kind(raw))
	}
}

// validUntil checks the optional expiry, a date-time such as
// 2024-07-03T05:59:32.226Z.
func (c *checker) validUntil(m map[string]json.RawMessage) {
	raw, ok := m["validUntil"]
	if !ok {
		return
	}
	var s string
	if kind(raw) != "string" || json.Unmarshal(raw, &s) != nil {
		c.add("$.validUntil", codeInvalidEntry, "must be a string, not %s", kind(raw))
		return
	}
	if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
		c.add("$.validUntil", codeInvalidEntry, "%q is not a date-time like 2024-07-03T05:59:32.226Z", s)
	}
}

// callflow checks the action list and returns the actions' names ("" for
// an action without a valid name).
func (c *checker) callflow(raw json.RawMessage) []string {
	var items []json.RawMessage
	switch kind(raw) {
	case "":
		c.add("$.callflow", codeInvalidEntry, "is missing")
		return nil
	case "array":
		json.Unmarshal(raw, &items)
	default:
		c.add("$.callflow", codeInvalidEntry, "must be an array, not %s", kind(raw))
		return nil
	}
	if len(items) == 0 {
		c.add("$.callflow", codeInvalidEntry, "is empty")
	}
	names := make([]string, len(items))
	for i, item := range items {
		path := fmt.Sprintf("$.callflow[%d]", i)
		if i > 0 && names[i-1] == "hangup" {
			c.add(path, codeHangupMisuse, "nothing may follow hangup")
		}
		names[i] = c.action(path, item)
	}
	c.countMakeCalls(names)
	return names
}

func (c *checker) countMakeCalls(names []string) {
	n := 0
	for _, name := range names {
		if name == "makeCall" {
			n++
		}
	}
	if n > maxMakeCalls {
		c.add("$.callflow", codeTooManyActions, "%d makeCall actions, at most %d", n, maxMakeCalls)
	}
}

// action checks one {"action": NAME, "params": {...}} and returns NAME.
func (c *checker) action(path string, raw json.RawMessage) string {
	m, ok := c.object(path, raw)
	if !ok {
		return ""
	}
	c.unknown(path, m, "action", "params")
	var name string
	if kind(m["action"]) != "string" || json.Unmarshal(m["action"], &name) != nil {
		c.add(path+".action", codeInvalidEntry, "must be a string, not %s", orMissing(kind(m["action"])))
		return ""
	}
	if name == "hangup" {
		if _, ok := m["params"]; ok {
			c.add(path+".params", codeHangupMisuse, "hangup takes no params")
		}
		return name
	}
	spec, ok := specs[name]
	if !ok {
		c.add(path+".action", codeUnknownAction, "%q is not one of makeCall, say, sayAndCapture, playFile, hangup", name)
		return ""
	}
	c.params(path+".params", m["params"], spec)
	return name
}

func orMissing(kind string) string {
	if kind == "" {
		return "missing"
	}
	return kind
}

func (c *checker) params(path string, raw json.RawMessage, spec actionSpec) {
	if kind(raw) == "" {
		c.add(path, codeInvalidEntry, "is missing")
		return
	}
	m, ok := c.object(path, raw)
	if !ok {
		return
	}
	c.unknown(path, m, spec.fields...)
	spec.check(&params{c: c, path: path, m: m, nullable: spec.nullable})
}

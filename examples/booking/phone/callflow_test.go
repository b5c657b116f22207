package phone

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// The answers to 8x8's CALL_ACTION webhooks are checked against the rules
// of 8x8's Voice API reference for callflows, written out here: ivrgen's
// own oracle (internal/callflowcheck) is internal to its module.

// reply is an answer to a CALL_ACTION: {"clientActionId"?, "callflow"}.
type reply struct {
	ClientActionID string   `json:"clientActionId"`
	Callflow       []action `json:"callflow"`
}

// action is one callflow action; Params keeps only what the tests read.
type action struct {
	Action string `json:"action"`
	Params struct {
		Text          string `json:"text"`
		PromptMessage string `json:"promptMessage"`
		Repetition    int    `json:"repetition"`
		Destination   string `json:"destination"`
	} `json:"params"`
}

// checkReply decodes body and reports the first rule it breaks.
func checkReply(body []byte) (reply, error) {
	var top map[string]json.RawMessage
	if err := strictDecode(body, &top); err != nil {
		return reply{}, fmt.Errorf("not a JSON object: %v", err)
	}
	if err := onlyFields(top, "clientActionId", "callflow"); err != nil {
		return reply{}, fmt.Errorf("$: %v", err)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(top["callflow"], &raw); err != nil || len(raw) == 0 {
		return reply{}, fmt.Errorf("$.callflow must be a non-empty array")
	}
	makeCalls := 0
	for i, a := range raw {
		name, err := checkAction(a)
		if err != nil {
			return reply{}, fmt.Errorf("$.callflow[%d]: %v", i, err)
		}
		if name == "hangup" && i != len(raw)-1 {
			return reply{}, fmt.Errorf("$.callflow[%d]: nothing may follow hangup", i+1)
		}
		if name == "makeCall" {
			makeCalls++
		}
	}
	if makeCalls > 2 {
		return reply{}, fmt.Errorf("$.callflow: %d makeCall actions, at most 2", makeCalls)
	}
	var r reply
	return r, json.Unmarshal(body, &r)
}

// checkAction checks one {"action": NAME, "params": {...}} and returns NAME.
func checkAction(raw json.RawMessage) (string, error) {
	var a struct {
		Action string                     `json:"action"`
		Params map[string]json.RawMessage `json:"params"`
	}
	if err := strictDecode(raw, &a); err != nil {
		return "", err
	}
	p := params(a.Params)
	switch a.Action {
	case "hangup":
		if a.Params != nil {
			return "", fmt.Errorf("hangup takes no params")
		}
		return a.Action, nil
	case "say":
		return a.Action, firstError(p.only("text", "voiceProfile", "repetition", "speed"),
			p.text("text", true), p.text("voiceProfile", true), p.intIn("repetition", 1, 3, false), p.speed())
	case "sayAndCapture":
		return a.Action, firstError(
			p.only("promptMessage", "voiceProfile", "speed", "minDigits", "maxDigits", "digitTimeout",
				"overallTimeout", "completeOnHash", "noOfTries", "successMessage", "failureMessage"),
			p.text("promptMessage", true), p.text("voiceProfile", true), p.speed(),
			p.intIn("minDigits", 1, 25, false), p.intIn("maxDigits", 1, 25, false), p.intIn("noOfTries", 1, 1<<30, false),
			p.ordered("minDigits", "maxDigits", true), p.ordered("digitTimeout", "overallTimeout", false),
			p.text("successMessage", false), p.text("failureMessage", false))
	case "makeCall":
		return a.Action, firstError(p.only("source", "destination", "callRecording"), p.e164("source"), p.e164("destination"))
	}
	return "", fmt.Errorf("action %q is not one of say, sayAndCapture, makeCall, playFile, hangup", a.Action)
}

// params are an action's params, undecoded.
type params map[string]json.RawMessage

func (p params) only(names ...string) error { return onlyFields(p, names...) }

// text checks a spoken text, or a voice profile: 1 to 3000 characters.
func (p params) text(name string, required bool) error {
	raw, ok := p[name]
	if !ok || string(raw) == "null" {
		if required {
			return fmt.Errorf("%s is missing", name)
		}
		return nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return fmt.Errorf("%s must be a string", name)
	}
	if n := utf8.RuneCountInString(s); n < 1 || n > 3000 {
		return fmt.Errorf("%s has %d characters, want 1 to 3000", name, n)
	}
	return nil
}

// intIn checks a whole number in lo..hi.
func (p params) intIn(name string, lo, hi int, required bool) error {
	n, ok, err := p.int(name)
	switch {
	case err != nil:
		return err
	case !ok && required:
		return fmt.Errorf("%s is missing", name)
	case ok && (n < lo || n > hi):
		return fmt.Errorf("%s is %d, want %d to %d", name, n, lo, hi)
	}
	return nil
}

// ordered checks p[lo] <= p[hi] (strictly below, unless orEqual); with
// lo, hi is required.
func (p params) ordered(lo, hi string, orEqual bool) error {
	a, hasA, err := p.int(lo)
	if err != nil {
		return err
	}
	b, hasB, err := p.int(hi)
	switch {
	case err != nil:
		return err
	case hasA && !hasB:
		return fmt.Errorf("%s needs %s", lo, hi)
	case hasA && (a > b || a == b && !orEqual):
		return fmt.Errorf("%s %d is not below %s %d", lo, a, hi, b)
	}
	return nil
}

func (p params) int(name string) (int, bool, error) {
	raw, ok := p[name]
	if !ok {
		return 0, false, nil
	}
	var n int
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, false, fmt.Errorf("%s must be a whole number, not %s", name, raw)
	}
	return n, true, nil
}

func (p params) speed() error {
	raw, ok := p["speed"]
	if !ok {
		return nil
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil || f < 0.5 || f > 2 {
		return fmt.Errorf("speed %s is not a number from 0.5 to 2", raw)
	}
	return nil
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

func (p params) e164(name string) error {
	var s string
	if err := json.Unmarshal(p[name], &s); err != nil || !e164.MatchString(s) {
		return fmt.Errorf("%s %s is not an E.164 number", name, p[name])
	}
	return nil
}

// strictDecode decodes exactly one JSON value, refusing unknown fields of
// a struct.
func strictDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("data after the JSON value")
	}
	return nil
}

func onlyFields(m map[string]json.RawMessage, allowed ...string) error {
	for name := range m {
		known := false
		for _, a := range allowed {
			known = known || a == name
		}
		if !known {
			return fmt.Errorf("unknown field %q", name)
		}
	}
	return nil
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// The checker refuses what 8x8 refuses.
func TestCheckReply(t *testing.T) {
	t.Parallel()
	const capture = `{"action":"sayAndCapture","params":{"promptMessage":"Press 1.","voiceProfile":"en-GB-Emma","minDigits":1,"maxDigits":1,"digitTimeout":5000,"overallTimeout":10000,"completeOnHash":true,"noOfTries":2}}`
	good := []string{
		`{"clientActionId":"main","callflow":[` + capture + `]}`,
		`{"callflow":[{"action":"say","params":{"text":"Bye.","voiceProfile":"en-GB-Emma","speed":1,"repetition":2}},{"action":"hangup"}]}`,
		`{"clientActionId":"transfer:staff","callflow":[{"action":"makeCall","params":{"source":"+6531591234","destination":"+6562345678"}}]}`,
	}
	for _, body := range good {
		if _, err := checkReply([]byte(body)); err != nil {
			t.Errorf("checkReply(%s) = %v, want nil", body, err)
		}
	}
	bad := []string{
		`{"callflow":[]}`,
		`{"clientActionId":"main"}`,
		`{"callflow":[` + capture + `],"extra":1}`,
		`{"callflow":[{"action":"hangup"},` + capture + `]}`,
		`{"callflow":[{"action":"hangup","params":{}}]}`,
		`{"callflow":[{"action":"dance","params":{}}]}`,
		`{"callflow":[{"action":"say","params":{"text":"","voiceProfile":"en-GB-Emma"}}]}`,
		`{"callflow":[{"action":"say","params":{"text":"Hi.","voiceProfile":"en-GB-Emma","repetition":4}}]}`,
		`{"callflow":[{"action":"say","params":{"text":"Hi.","voiceProfile":"en-GB-Emma","speed":3}}]}`,
		`{"callflow":[{"action":"say","params":{"text":"Hi."}}]}`,
		`{"callflow":[{"action":"sayAndCapture","params":{"promptMessage":"Hi.","voiceProfile":"v","minDigits":3,"maxDigits":2}}]}`,
		`{"callflow":[{"action":"sayAndCapture","params":{"promptMessage":"Hi.","voiceProfile":"v","minDigits":1,"maxDigits":2,"digitTimeout":5000,"overallTimeout":5000}}]}`,
		`{"callflow":[{"action":"sayAndCapture","params":{"promptMessage":"Hi.","voiceProfile":"v","minDigits":1,"maxDigits":26}}]}`,
		`{"callflow":[{"action":"makeCall","params":{"source":"6531591234","destination":"+6562345678"}}]}`,
		`{"callflow":[{"action":"say","params":{"text":"` + strings.Repeat("a", 3001) + `","voiceProfile":"v"}}]}`,
	}
	for _, body := range bad {
		if _, err := checkReply([]byte(body)); err == nil {
			t.Errorf("checkReply(%.120s) = nil, want an error", body)
		}
	}
}

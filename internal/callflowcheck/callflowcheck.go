// Package callflowcheck checks callflow JSON against 8x8's documented rules
// (the Voice API reference and its OpenAPI file). It is written from those
// documents, not from the runtime's types, so that tests catch a runtime or
// generator that drifts from what 8x8 accepts.
package callflowcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// CheckReply checks the answer to a VCA webhook:
// {"clientActionId"?: string, "callflow": [...]}.
func CheckReply(body []byte) error {
	var r struct {
		ClientActionID *string           `json:"clientActionId"`
		Callflow       []json.RawMessage `json:"callflow"`
	}
	c := &checker{}
	if c.decode("$", body, &r) {
		if r.ClientActionID != nil && *r.ClientActionID == "" {
			c.addf("$.clientActionId: empty")
		}
		c.callflow(r.Callflow)
	}
	return c.err()
}

// CheckRequest checks a Callflows API request: {"callflow": [...],
// "validUntil"?, "clientRequestId"?}, which must begin with makeCall.
func CheckRequest(body []byte) error {
	var r struct {
		Callflow        []json.RawMessage `json:"callflow"`
		ValidUntil      *string           `json:"validUntil"`
		ClientRequestID *string           `json:"clientRequestId"`
	}
	c := &checker{}
	if c.decode("$", body, &r) {
		c.callflow(r.Callflow)
		if len(r.Callflow) > 0 && actionName(r.Callflow[0]) != "makeCall" {
			c.addf("$.callflow[0]: the first action must be makeCall (-1013)")
		}
	}
	return c.err()
}

type checker struct{ problems []string }

func (c *checker) addf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *checker) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	return errors.New(strings.Join(c.problems, "; "))
}

// decode decodes strictly: unknown fields and trailing data are errors.
func (c *checker) decode(path string, data []byte, v any) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		c.addf("%s: %v", path, err)
		return false
	}
	if dec.More() {
		c.addf("%s: data after the JSON value", path)
		return false
	}
	return true
}

func actionName(raw json.RawMessage) string {
	var a struct{ Action string }
	json.Unmarshal(raw, &a)
	return a.Action
}

func (c *checker) callflow(actions []json.RawMessage) {
	if len(actions) == 0 {
		c.addf("$.callflow: missing or empty")
		return
	}
	makeCalls := 0
	for i, raw := range actions {
		path := fmt.Sprintf("$.callflow[%d]", i)
		var a struct {
			Action string          `json:"action"`
			Params json.RawMessage `json:"params"`
		}
		if !c.decode(path, raw, &a) {
			continue
		}
		if i > 0 && actionName(actions[i-1]) == "hangup" {
			c.addf("%s: nothing may follow hangup (-1012)", path)
		}
		switch a.Action {
		case "makeCall":
			makeCalls++
			c.makeCall(path+".params", a.Params)
		case "say":
			c.say(path+".params", a.Params)
		case "sayAndCapture":
			c.sayAndCapture(path+".params", a.Params)
		case "playFile":
			c.playFile(path+".params", a.Params)
		case "hangup":
			if a.Params != nil {
				c.addf("%s: hangup takes no params", path)
			}
		default:
			c.addf("%s.action: %q is not one of makeCall, say, sayAndCapture, playFile, hangup (-1007)", path, a.Action)
		}
	}
	if makeCalls > 2 {
		c.addf("$.callflow: %d makeCall actions, at most 2 (-1010)", makeCalls)
	}
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

func (c *checker) makeCall(path string, raw json.RawMessage) {
	var p struct {
		Source        *string `json:"source"`
		Destination   *string `json:"destination"`
		CallRecording *bool   `json:"callRecording"`
	}
	if !c.params(path, raw, &p) {
		return
	}
	c.e164(path+".source", p.Source)
	c.e164(path+".destination", p.Destination)
}

func (c *checker) e164(path string, v *string) {
	switch {
	case v == nil:
		c.addf("%s: is missing (-1009)", path)
	case !e164.MatchString(*v):
		c.addf("%s: %q is not E.164 (-1017)", path, *v)
	}
}

func (c *checker) say(path string, raw json.RawMessage) {
	var p struct {
		Text         *string  `json:"text"`
		VoiceProfile *string  `json:"voiceProfile"`
		Repetition   *int     `json:"repetition"`
		Speed        *float64 `json:"speed"`
	}
	if !c.params(path, raw, &p) {
		return
	}
	c.text(path+".text", p.Text, true)
	c.required(path+".voiceProfile", p.VoiceProfile)
	c.repetition(path+".repetition", p.Repetition)
	c.speed(path+".speed", p.Speed)
}

func (c *checker) sayAndCapture(path string, raw json.RawMessage) {
	var p struct {
		PromptMessage  *string  `json:"promptMessage"`
		VoiceProfile   *string  `json:"voiceProfile"`
		Speed          *float64 `json:"speed"`
		MinDigits      *int     `json:"minDigits"`
		MaxDigits      *int     `json:"maxDigits"`
		DigitTimeout   *int     `json:"digitTimeout"`
		OverallTimeout *int     `json:"overallTimeout"`
		CompleteOnHash *bool    `json:"completeOnHash"`
		NoOfTries      *int     `json:"noOfTries"`
		SuccessMessage *string  `json:"successMessage"`
		FailureMessage *string  `json:"failureMessage"`
	}
	if !c.params(path, raw, &p) {
		return
	}
	c.text(path+".promptMessage", p.PromptMessage, true)
	c.text(path+".successMessage", p.SuccessMessage, false)
	c.text(path+".failureMessage", p.FailureMessage, false)
	c.required(path+".voiceProfile", p.VoiceProfile)
	c.speed(path+".speed", p.Speed)
	c.digits(path, p.MinDigits, p.MaxDigits, p.CompleteOnHash)
	c.timeouts(path, p.DigitTimeout, p.OverallTimeout)
	if p.NoOfTries != nil && *p.NoOfTries < 1 {
		c.addf("%s.noOfTries: %d, at least 1", path, *p.NoOfTries)
	}
}

func (c *checker) digits(path string, lo, hi *int, hash *bool) {
	switch {
	case lo != nil && hi == nil:
		c.addf("%s.maxDigits: needed with minDigits (-1003)", path)
	case hash != nil && !*hash && hi == nil:
		c.addf("%s.maxDigits: needed when completeOnHash is false (-1008)", path)
	}
	if hi != nil && (*hi < 1 || *hi > 25) {
		c.addf("%s.maxDigits: %d, must be 1 to 25", path, *hi)
	}
	if lo != nil && hi != nil && (*lo < 1 || *lo > *hi) {
		c.addf("%s.minDigits: %d, must be 1 to maxDigits %d", path, *lo, *hi)
	}
}

func (c *checker) timeouts(path string, digit, overall *int) {
	switch {
	case digit != nil && overall == nil:
		c.addf("%s.overallTimeout: needed with digitTimeout (-1005)", path)
	case digit != nil && *digit >= *overall:
		c.addf("%s.overallTimeout: %d must be greater than digitTimeout %d (-1006)", path, *overall, *digit)
	}
	if digit != nil && *digit < 1 {
		c.addf("%s.digitTimeout: %d, at least 1", path, *digit)
	}
	if overall != nil && *overall < 1 {
		c.addf("%s.overallTimeout: %d, at least 1", path, *overall)
	}
}

func (c *checker) playFile(path string, raw json.RawMessage) {
	var p struct {
		FileURL    *string `json:"fileUrl"`
		Repetition *int    `json:"repetition"`
	}
	if !c.params(path, raw, &p) {
		return
	}
	if c.required(path+".fileUrl", p.FileURL) && !strings.HasPrefix(*p.FileURL, "http://") && !strings.HasPrefix(*p.FileURL, "https://") {
		c.addf("%s.fileUrl: %q is not http(s)", path, *p.FileURL)
	}
	c.repetition(path+".repetition", p.Repetition)
}

func (c *checker) params(path string, raw json.RawMessage, v any) bool {
	if raw == nil {
		c.addf("%s: is missing (-1009)", path)
		return false
	}
	return c.decode(path, raw, v)
}

func (c *checker) required(path string, v *string) bool {
	if v == nil || *v == "" {
		c.addf("%s: is missing (-1009)", path)
		return false
	}
	return true
}

func (c *checker) text(path string, v *string, required bool) {
	if v == nil && !required {
		return
	}
	if c.required(path, v) && utf8.RuneCountInString(*v) > 3000 {
		c.addf("%s: %d characters, at most 3000", path, utf8.RuneCountInString(*v))
	}
}

func (c *checker) speed(path string, v *float64) {
	if v != nil && (*v < 0.5 || *v > 2) {
		c.addf("%s: %v, must be 0.5 to 2", path, *v)
	}
}

func (c *checker) repetition(path string, v *int) {
	if v != nil && (*v < 1 || *v > 3) {
		c.addf("%s: %d, must be 1 to 3", path, *v)
	}
}

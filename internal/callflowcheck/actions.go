package callflowcheck

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"unicode/utf8"
)

// actionSpec describes one action's params (hangup takes none).
type actionSpec struct {
	fields   []string // every documented param, in the documentation's order
	nullable bool     // whether optional params may be null (sayAndCapture's are)
	check    func(p *params)
}

var specs = map[string]actionSpec{
	"makeCall":      {[]string{"source", "destination", "callRecording"}, false, checkMakeCall},
	"say":           {[]string{"text", "voiceProfile", "repetition", "speed"}, false, checkSay},
	"sayAndCapture": {sayAndCaptureFields, true, checkSayAndCapture},
	"playFile":      {[]string{"fileUrl", "repetition"}, false, checkPlayFile},
}

var sayAndCaptureFields = []string{
	"promptMessage", "voiceProfile", "speed", "minDigits", "maxDigits", "digitTimeout",
	"overallTimeout", "completeOnHash", "noOfTries", "successMessage", "failureMessage",
}

func checkMakeCall(p *params) {
	p.e164("source")
	p.e164("destination")
	p.boolean("callRecording")
}

func checkSay(p *params) {
	p.text("text", true)
	p.voiceProfile()
	p.intRange("repetition", minRepeat, maxRepeat)
	p.speed()
}

func checkSayAndCapture(p *params) {
	p.text("promptMessage", true)
	p.voiceProfile()
	p.speed()
	p.digits()
	p.timeouts()
	p.intRange("noOfTries", 1, -1)
	p.text("successMessage", false)
	p.text("failureMessage", false)
}

func checkPlayFile(p *params) {
	if s, ok := p.str("fileUrl", true); ok {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p.add("fileUrl", codeInvalidEntry, "%q is not an http(s) URL", s)
		}
	}
	p.intRange("repetition", minRepeat, maxRepeat)
}

// params reads and checks one action's params object.
type params struct {
	c        *checker
	path     string
	m        map[string]json.RawMessage
	nullable bool
}

func (p *params) add(name string, code int, format string, args ...any) {
	p.c.add(p.path+"."+name, code, format, args...)
}

// get returns a param's raw value; ok is false when it is absent (or null
// where params are nullable).
func (p *params) get(name string) (raw json.RawMessage, ok bool) {
	raw, ok = p.m[name]
	if ok && p.nullable && kind(raw) == "null" {
		return nil, false
	}
	return raw, ok
}

func (p *params) has(name string) bool {
	_, ok := p.get(name)
	return ok
}

// typed decodes a present param of JSON type want into v; it reports a
// missing required param or a wrong type.
func (p *params) typed(name, want string, required bool, v any) bool {
	raw, ok := p.get(name)
	switch {
	case !ok:
		if required {
			p.add(name, codeInvalidEntry, "is missing")
		}
		return false
	case kind(raw) != want || json.Unmarshal(raw, v) != nil:
		p.add(name, codeInvalidEntry, "must be a %s, not %s", want, kind(raw))
		return false
	}
	return true
}

func (p *params) str(name string, required bool) (s string, ok bool) {
	ok = p.typed(name, "string", required, &s)
	return s, ok
}

func (p *params) boolean(name string) (b bool, ok bool) {
	ok = p.typed(name, "boolean", false, &b)
	return b, ok
}

func (p *params) number(name string) (f float64, ok bool) {
	ok = p.typed(name, "number", false, &f)
	return f, ok
}

// integer reads a whole number written without fraction or exponent.
func (p *params) integer(name string) (int64, bool) {
	var n json.Number
	if !p.typed(name, "number", false, &n) {
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		p.add(name, codeInvalidEntry, "must be an integer, not %s", n)
		return 0, false
	}
	return i, true
}

// intRange checks an optional integer lies in lo..hi (hi < 0: no maximum).
func (p *params) intRange(name string, lo, hi int64) (int64, bool) {
	n, ok := p.integer(name)
	if !ok {
		return 0, false
	}
	switch {
	case n < lo:
		p.add(name, codeInvalidEntry, "%d is below the minimum %d", n, lo)
	case hi >= 0 && n > hi:
		p.add(name, codeInvalidEntry, "%d is above the maximum %d", n, hi)
	default:
		return n, true
	}
	return n, false
}

// text checks a spoken text: a non-empty string of at most 3000 characters.
func (p *params) text(name string, required bool) {
	s, ok := p.str(name, required)
	switch n := utf8.RuneCountInString(s); {
	case !ok:
	case n == 0:
		p.add(name, codeInvalidEntry, "is empty")
	case n > maxTextRunes:
		p.add(name, codeInvalidEntry, "%d characters, at most %d", n, maxTextRunes)
	}
}

func (p *params) voiceProfile() {
	if s, ok := p.str("voiceProfile", true); ok && s == "" {
		p.add("voiceProfile", codeInvalidEntry, "is empty")
	}
}

func (p *params) speed() {
	if f, ok := p.number("speed"); ok && (f < minSpeed || f > maxSpeed) {
		p.add("speed", codeInvalidEntry, "%v is outside %v to %v", f, minSpeed, maxSpeed)
	}
}

// e164 is + then 2 to 15 digits, the first not 0.
var e164 = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

func (p *params) e164(name string) {
	if s, ok := p.str(name, true); ok && !e164.MatchString(s) {
		p.add(name, codeInvalidMSISDN, "%q is not an E.164 number", s)
	}
}

// digits checks minDigits, maxDigits and completeOnHash together.
func (p *params) digits() {
	lo, hasLo := p.intRange("minDigits", 1, maxDigitsLimit)
	hi, hasHi := p.intRange("maxDigits", 1, maxDigitsLimit)
	hash, hasHash := p.boolean("completeOnHash")
	if p.has("minDigits") && !p.has("maxDigits") {
		p.add("maxDigits", codeMaxDigitsForMin, "is needed with minDigits")
	}
	if hasHash && !hash && !p.has("maxDigits") {
		p.add("maxDigits", codeMaxDigitsForHash, "is needed when completeOnHash is false")
	}
	if hasLo && hasHi && lo > hi {
		p.add("minDigits", codeInvalidEntry, "%d is greater than maxDigits %d", lo, hi)
	}
}

// timeouts checks digitTimeout and overallTimeout (milliseconds) together.
func (p *params) timeouts() {
	digit, hasDigit := p.intRange("digitTimeout", 1, -1)
	overall, hasOverall := p.intRange("overallTimeout", 1, -1)
	if p.has("digitTimeout") && !p.has("overallTimeout") {
		p.add("overallTimeout", codeOverallForDigit, "is needed with digitTimeout")
	}
	if hasDigit && hasOverall && overall <= digit {
		p.add("overallTimeout", codeTimeoutOrder, "%d must be greater than digitTimeout %d", overall, digit)
	}
}

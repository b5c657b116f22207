package dsl

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// 8x8's limits, from its Voice API reference.
const (
	maxText      = 3000 // characters in text, promptMessage, success/failureMessage
	minSpeed     = 0.5
	maxSpeed     = 2.0
	maxRepeat    = 3
	maxDigits    = 25
	e164Hint     = "+ then 2 to 15 digits, e.g. +6512345678"
	voiceExample = `voice "en-US-BenjaminRUS"`
)

var (
	voicePattern  = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]+)+$`)
	e164Pattern   = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)
	envVarPattern = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)
	keyPattern    = regexp.MustCompile(`^[0-9*#]+$`)
)

// reservedEnv are the server's own variables.
var reservedEnv = map[string]bool{
	"IVR_VIRTUAL_NUMBER": true, "IVR_WEBHOOK_AUTH": true, "IVR_API_KEY": true,
	"IVR_SUBACCOUNT_ID": true, "IVR_API_BASE_URL": true, "IVR_STATE_KEY": true,
}

func (s *Str) posOf() Pos { return posOf(s.Pos) }
func (n *Num) posOf() Pos { return posOf(n.Pos) }

// str unquotes a string literal.
func (c *checker) str(s *Str) (string, bool) {
	v, err := strconv.Unquote(s.Raw)
	if err != nil {
		c.errorf(s.posOf(), "bad escape in string %s: use \\\" \\\\ \\n \\t or \\uXXXX", s.Raw)
		return "", false
	}
	return v, true
}

func (c *checker) voice(s *Str) (string, bool) {
	v, ok := c.str(s)
	if ok && !voicePattern.MatchString(v) {
		c.errorf(s.posOf(), "%q is not a voice profile: write one such as %s", v, voiceExample)
		return "", false
	}
	return v, ok
}

func (c *checker) speed(n *Num) (float64, bool) {
	v, err := strconv.ParseFloat(n.Raw, 64)
	if err != nil || v < minSpeed || v > maxSpeed {
		c.errorf(n.posOf(), "speed %s is out of range: 8x8 takes %.1f to %.1f", n.Raw, minSpeed, maxSpeed)
		return 0, false
	}
	return v, true
}

// count parses a whole number from lo to hi (hi 0: no upper bound).
func (c *checker) count(n *Num, what string, lo, hi int) (int, bool) {
	return c.countWhy(n, what, lo, hi, "8x8 takes")
}

// countWhy is count with the reason for the range: "8x8 takes", "ivrgen
// counts".
func (c *checker) countWhy(n *Num, what string, lo, hi int, why string) (int, bool) {
	v, err := strconv.Atoi(n.Raw)
	switch {
	case err != nil && strings.Contains(n.Raw, "."):
		c.errorf(n.posOf(), "%s must be a whole number, not %s", what, n.Raw)
	case err != nil || v < lo || (hi > 0 && v > hi):
		if hi > 0 {
			c.errorf(n.posOf(), "%s %s is out of range: %s %d to %d", what, n.Raw, why, lo, hi)
		} else {
			c.errorf(n.posOf(), "%s %s is out of range: it must be at least %d", what, n.Raw, lo)
		}
	default:
		return v, true
	}
	return 0, false
}

// boundWords say a kind's bounds.
var boundWords = map[string]string{
	"number": "a number here is from %d to %d",
	"digits": "a digit string here has %d to %d digits",
	"text":   "a text here has %d to %d characters",
}

// bound parses a whole number from lo to hi that ivrgen, not 8x8, limits:
// the bounds of a kind.
func (c *checker) bound(n *Num, what string, lo, hi int) (int, bool) {
	v, err := strconv.Atoi(n.Raw)
	switch {
	case err != nil && strings.Contains(n.Raw, "."):
		c.errorf(n.posOf(), "%s must be a whole number, not %s", what, n.Raw)
	case err != nil || v < lo || v > hi:
		c.errorf(n.posOf(), "%s %s is out of range: %s", what, n.Raw, fmt.Sprintf(boundWords[what], lo, hi))
	default:
		return v, true
	}
	return 0, false
}

// duration parses a timeout: a number and a unit (ms, s or m), whole
// milliseconds, at least 1ms.
func (c *checker) duration(d *Dur, what string) (time.Duration, bool) {
	m := durationPattern.FindStringSubmatch(d.Raw)
	if m == nil || !durationUnits[m[2]] {
		c.errorf(posOf(d.Pos), "unknown unit %q in %s %s: write ms, s or m (such as 500ms, 10s or 1.5m)", m[2], what, d.Raw)
		return 0, false
	}
	v, err := time.ParseDuration(d.Raw)
	if err == nil && v >= time.Millisecond && v%time.Millisecond == 0 {
		return v, true
	}
	c.errorf(posOf(d.Pos), "%s %s must be a whole number of milliseconds, at least 1ms (such as 500ms or 10s)", what, d.Raw)
	return 0, false
}

var (
	// durationPattern splits what the lexer took as a duration: a number
	// and the letters after it.
	durationPattern = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)(.*)$`)
	durationUnits   = map[string]bool{"ms": true, "s": true, "m": true}
)

// fileURL checks that play's URL is one 8x8 can fetch.
func (c *checker) fileURL(s *Str) (string, bool) {
	v, ok := c.str(s)
	if !ok {
		return "", false
	}
	u, err := url.Parse(v)
	audio := err == nil && (strings.HasSuffix(strings.ToLower(u.Path), ".mp3") || strings.HasSuffix(strings.ToLower(u.Path), ".wav"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		also := ""
		if !audio {
			also = ", and 8x8 plays only mp3 and wav files"
		}
		c.errorf(s.posOf(), "%q is not an http(s) URL: 8x8 fetches audio files over http or https%s", v, also)
		return "", false
	}
	if !audio {
		c.warnf(s.posOf(), "%q does not end in .mp3 or .wav: 8x8 plays only mp3 and wav files", v)
	}
	return v, true
}

// errorf reports an error that the statement it is about shows on its own:
// a value out of range, a name declared twice.
func (c *checker) errorf(p Pos, format string, args ...any) {
	c.diags = append(c.diags, Diagnostic{Pos: p, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// warnf reports what compiles but is probably not meant.
func (c *checker) warnf(p Pos, format string, args ...any) {
	c.diags = append(c.diags, Diagnostic{Pos: p, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

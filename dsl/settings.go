package dsl

import "time"

// Defaults for settings written nowhere.
const (
	defaultSpeed        = 1.0
	defaultDigits       = 1
	defaultDigitTimeout = 5 * time.Second
	defaultTimeout      = 10 * time.Second
	defaultTries        = 2
)

// scope holds the settings written in one place: the file or a menu. A nil
// field was not written there.
type scope struct {
	voice                 *string
	speed                 *float64
	minDigits, maxDigits  *int
	digitTimeout, timeout *time.Duration
	tries                 *int
	hash                  *bool
	checkPrompt           *bool
	success, failure      *Text
	seen                  map[string]Pos  // setting name -> where it was written
	bad                   map[string]bool // settings written with a value reported as wrong
	broken                map[string]bool // settings in statements left out for syntax errors
}

func newScope() *scope {
	return &scope{seen: map[string]Pos{}, bad: map[string]bool{}, broken: map[string]bool{}}
}

// unknown reports whether setting name resolves, over scopes from the
// innermost, to a value that was reported as wrong, or may be set by a
// statement left out for a syntax error: the checks that depend on it say
// nothing rather than guess.
func unknown(name string, scopes ...*scope) bool {
	for _, sc := range scopes {
		if _, ok := sc.seen[name]; ok {
			return sc.bad[name]
		}
		if sc.broken[name] {
			return true
		}
	}
	return false
}

// set records one setting, reporting a second one of the same name.
func (c *checker) set(sc *scope, s *Setting) {
	name, p := settingName(s), posOf(s.Pos)
	if first, dup := sc.seen[name]; dup {
		c.errorf(p, "%s is already set at line %d", name, first.Line)
		return
	}
	sc.seen[name] = p
	before := len(c.diags)
	defer func() { sc.bad[name] = len(c.diags) > before }()
	switch {
	case s.Voice != nil && len(c.flow.Langs) > 0:
		c.errorf(p, "voice is set by language in a file that declares languages: language %s %s", c.flow.Langs[0].Name, s.Voice.Raw)
	case s.Voice != nil:
		sc.voice = keep(c.voice(s.Voice))
	case s.Speed != nil:
		sc.speed = keep(c.speed(s.Speed))
	case s.Digits != nil:
		c.setDigits(sc, s.Digits)
	case s.DigitTimeout != nil:
		sc.digitTimeout = keep(c.duration(s.DigitTimeout, "digit-timeout"))
	case s.Timeout != nil:
		sc.timeout = keep(c.duration(s.Timeout, "timeout"))
	case s.Tries != nil:
		sc.tries = keep(c.count(s.Tries, "tries", 1, 0))
	case s.CompleteOnHash != nil:
		sc.hash = s.CompleteOnHash.bool()
	case s.CheckPrompt != nil:
		sc.checkPrompt = s.CheckPrompt.bool()
	case s.Success != nil:
		sc.success = keep(c.textLit(s.Success, "success"))
	case s.Failure != nil:
		sc.failure = keep(c.textLit(s.Failure, "failure"))
	}
}

func (c *checker) setDigits(sc *scope, d *Digits) {
	lo, ok := c.count(d.Min, "digits", 1, maxDigits)
	hi, okHi := lo, ok
	if d.Max != nil {
		hi, okHi = c.count(d.Max, "digits", 1, maxDigits)
	}
	if !ok || !okHi {
		return
	}
	if lo > hi {
		c.errorf(posOf(d.Pos), "digits %d..%d: the minimum is above the maximum", lo, hi)
		return
	}
	sc.minDigits, sc.maxDigits = &lo, &hi
}

func settingName(s *Setting) string {
	switch {
	case s.Voice != nil:
		return "voice"
	case s.Speed != nil:
		return "speed"
	case s.Digits != nil:
		return "digits"
	case s.DigitTimeout != nil:
		return "digit-timeout"
	case s.Timeout != nil:
		return "timeout"
	case s.Tries != nil:
		return "tries"
	case s.CompleteOnHash != nil:
		return "complete-on-hash"
	case s.CheckPrompt != nil:
		return "check-prompt"
	case s.Success != nil:
		return "success"
	}
	return "failure"
}

func (yn *YesNo) bool() *bool {
	v := yn.Value == "yes"
	return &v
}

// keep returns a pointer to v when ok: a setting with a bad value counts as
// written (so that it is not reported twice) but resolves to the default.
func keep[T any](v T, ok bool) *T {
	if !ok {
		return nil
	}
	return &v
}

// pick returns the first non-nil value, else def.
func pick[T any](def T, vs ...*T) T {
	for _, v := range vs {
		if v != nil {
			return *v
		}
	}
	return def
}

// capture resolves a menu's capture settings over the file's.
func capture(menu, file *scope) Capture {
	return Capture{
		MinDigits:      pick(defaultDigits, menu.minDigits, file.minDigits),
		MaxDigits:      pick(defaultDigits, menu.maxDigits, file.maxDigits),
		DigitTimeout:   pick(defaultDigitTimeout, menu.digitTimeout, file.digitTimeout),
		Timeout:        pick(defaultTimeout, menu.timeout, file.timeout),
		Tries:          pick(defaultTries, menu.tries, file.tries),
		CompleteOnHash: pick(true, menu.hash, file.hash),
		Success:        pick(Text{}, menu.success, file.success),
		Failure:        pick(Text{}, menu.failure, file.failure),
	}
}

// checkTimeouts reports, where sc writes digit-timeout or timeout, a
// digit-timeout that is not below the timeout it resolves to over parent.
func (c *checker) checkTimeouts(sc, parent *scope) {
	dtAt, dtSet := sc.seen["digit-timeout"]
	tAt, tSet := sc.seen["timeout"]
	if unknown("digit-timeout", sc, parent) || unknown("timeout", sc, parent) {
		return // a bad value, reported already
	}
	at := dtAt
	if !dtSet {
		if !tSet {
			return
		}
		at = tAt
	}
	dt := pick(defaultDigitTimeout, sc.digitTimeout, parent.digitTimeout)
	t := pick(defaultTimeout, sc.timeout, parent.timeout)
	if dt >= t {
		c.errorf(at, "digit-timeout %v%s must be shorter than timeout %v%s (8x8 refuses equal or longer: -1006)",
			dt, defaulted(sc.digitTimeout, parent.digitTimeout), t, defaulted(sc.timeout, parent.timeout))
	}
}

func defaulted[T any](vs ...*T) string {
	for _, v := range vs {
		if v != nil {
			return ""
		}
	}
	return " (the default)"
}

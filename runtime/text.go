package runtime

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxWholeDigits is the most digits WholeNumber reads: 18 always fit an
// int64.
const maxWholeDigits = 18

// SpellDigits returns s with a space between its characters, so that a voice
// reads "4 2 1 5" and not "four thousand...".
func SpellDigits(s string) string {
	if utf8.RuneCountInString(s) < 2 {
		return s
	}
	var b strings.Builder
	b.Grow(2 * len(s))
	for i, r := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// SpellNumber is n in decimal digits spaced out: SpellDigits(strconv.Itoa(n)).
func SpellNumber(n int) string { return SpellDigits(strconv.Itoa(n)) }

// DigitsAsNumber is a digit string read as a number: leading zeros dropped
// ("0042" -> "42", "000" -> "0"). The empty string stays empty.
func DigitsAsNumber(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" && s != "" {
		return "0"
	}
	return t
}

// WholeNumber parses the digits a caller entered as a number from min to
// max: digits 0-9 only, leading zeros allowed ("05" is 5), no more than 18
// digits. ok is false for anything else, "" included.
func WholeNumber(digits string, min, max int) (n int, ok bool) {
	if digits == "" || len(digits) > maxWholeDigits {
		return 0, false
	}
	var v int64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if v < int64(min) || v > int64(max) {
		return 0, false
	}
	return int(v), true
}

// CheckNumber checks a number a hook returned against its declared range.
// The error names the value: `party: 25 is not a number from 1 to 20`.
func CheckNumber(name string, v, min, max int) error {
	if v < min || v > max {
		return fmt.Errorf("%s: %d is not a number from %d to %d", name, v, min, max)
	}
	return nil
}

// CheckDigits checks a digit string a hook returned: 0-9 only, min to max
// digits. The error names the value: `ref: "12" is not 6 digits`.
func CheckDigits(name, v string, min, max int) error {
	if len(v) < min || len(v) > max || !allDigits(v) {
		return fmt.Errorf("%s: %s is not %s", name, quoteValue(v), digitCount(min, max))
	}
	return nil
}

// CheckText checks a text a hook returned: valid UTF-8, min to max runes and
// no control characters. The error names the value and what is wrong:
// `name: text of 45 characters, want 1 to 40`.
func CheckText(name, v string, min, max int) error {
	if !utf8.ValidString(v) {
		return fmt.Errorf("%s: text that is not valid UTF-8", name)
	}
	n, control := 0, false
	for _, r := range v {
		n++
		control = control || unicode.IsControl(r)
	}
	switch {
	case n < min || n > max:
		return fmt.Errorf("%s: text of %d %s, want %s", name, n, nounFor(n, "character"), rangeText(min, max))
	case control:
		return fmt.Errorf("%s: text with a control character", name)
	}
	return nil
}

// allDigits reports whether s holds only 0-9.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// digitCount says how many digits min..max is: "6 digits", "4 to 6 digits".
func digitCount(min, max int) string {
	return rangeText(min, max) + " " + nounFor(max, "digit")
}

// rangeText is "6" when min == max, else "1 to 40".
func rangeText(min, max int) string {
	if min == max {
		return strconv.Itoa(min)
	}
	return strconv.Itoa(min) + " to " + strconv.Itoa(max)
}

// nounFor is word, plural unless n is 1.
func nounFor(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// maxQuoted bounds the bytes of a value an error quotes, so that a hook's
// oversized answer does not flood the log.
const maxQuoted = 40

// quoteValue quotes v for an error, cut as cutValue cuts it.
func quoteValue(v string) string { return strconv.Quote(cutValue(v)) }

// cutValue is v cut to maxQuoted bytes (at a rune boundary) with "..."
// after, or v when short enough.
func cutValue(v string) string {
	if len(v) <= maxQuoted {
		return v
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(v[cut]) {
		cut--
	}
	return v[:cut] + "..."
}

// CheckChoice checks a choice a hook returned: one of choices.
func CheckChoice(name, v string, choices ...string) error {
	for _, c := range choices {
		if v == c {
			return nil
		}
	}
	return fmt.Errorf("%s: %s is not one of %s", name, quoteValue(v), strings.Join(choices, ", "))
}

// TrimHash drops the # that ends a caller's input in a menu that completes
// on hash. A # alone is what the caller pressed, and stays: it is an
// invalid key, not silence.
func TrimHash(digits string) string {
	if len(digits) > 1 {
		return strings.TrimSuffix(digits, "#")
	}
	return digits
}

package runtime

import (
	"encoding/json"
	"fmt"
)

// Number is a phone number in E.164 form (+ and 2 to 15 digits, no leading
// zero). The zero Number is "no number"; ParseNumber makes the others, so a
// Number that is set is always valid.
type Number struct{ e164 string }

// ParseNumber checks that s is an E.164 number such as +6512345678.
func ParseNumber(s string) (Number, error) {
	if len(s) < 3 || len(s) > 16 || s[0] != '+' || s[1] == '0' {
		return Number{}, fmt.Errorf("%q is not an E.164 number (+ then 2 to 15 digits, e.g. +6512345678)", s)
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return Number{}, fmt.Errorf("%q is not an E.164 number (+ then 2 to 15 digits, e.g. +6512345678)", s)
		}
	}
	return Number{s}, nil
}

// MustNumber is ParseNumber for numbers known to be valid, such as those
// ivrgen checked at generation time. It panics on an invalid number.
func MustNumber(s string) Number {
	n, err := ParseNumber(s)
	if err != nil {
		panic(err)
	}
	return n
}

// String returns the number in E.164 form, or "" for the zero Number.
func (n Number) String() string { return n.e164 }

// IsZero reports whether n is the zero Number.
func (n Number) IsZero() bool { return n.e164 == "" }

// MarshalJSON writes the number as a JSON string.
func (n Number) MarshalJSON() ([]byte, error) { return json.Marshal(n.e164) }

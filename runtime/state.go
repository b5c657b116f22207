package runtime

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// MaxStateLen is the longest clientActionId a flow writes or reads: ivrgen
// checks at compile time that every menu's state fits, and a longer id that
// comes back is refused.
const MaxStateLen = 1024

// The version 2 state is 2|PLACE|SESSION|VARS|MAC, MAC being the first
// stateMACLen bytes of HMAC-SHA256(key, "2|PLACE|SESSION|VARS") in unpadded
// base64url; VARS may be empty. Version 1, 1|PLACE|VARS|MAC (no session,
// written before ivrgen 0.3), is still read, as a call's first answer, so
// that calls in flight over the upgrade go on.
const (
	stateVersion   = "2"
	stateMACLen    = 12
	stateMACEncLen = 16 // base64 of 12 bytes, no padding
)

// defaultStateKey is DefaultStateCodec's key. It is public (it is in this
// source file), so it only protects the state against accidents.
const defaultStateKey = "ivrgen state v1: the default key, public and not a secret"

var (
	errStateTooLong   = fmt.Errorf("over %d bytes", MaxStateLen)
	errStateMAC       = errors.New("altered, truncated or signed with another IVR_STATE_KEY (MAC does not match)")
	errStateMalformed = errors.New("malformed")
)

// StateCodec writes and checks the state a clientActionId carries. Its key
// authenticates the state: with a secret key (IVR_STATE_KEY) an id cannot be
// forged; with the default key it still cannot be altered or truncated by
// accident. Every replica of a server, and the next deploy, needs the same
// key for calls in flight to go on. A StateCodec is safe for concurrent use.
type StateCodec struct {
	macs sync.Pool // of *stateMAC
}

// stateMAC is an HMAC with the codec's key and room to compute one MAC
// without allocating.
type stateMAC struct {
	h   hash.Hash
	in  []byte
	sum []byte
}

// NewStateCodec returns a codec with key; an empty key is the default key,
// which is public: it guards against accidents, not against forgery.
func NewStateCodec(key []byte) *StateCodec {
	k := []byte(defaultStateKey)
	if len(key) > 0 {
		k = slices.Clone(key)
	}
	c := &StateCodec{}
	c.macs.New = func() any {
		return &stateMAC{h: hmac.New(sha256.New, k), in: make([]byte, 0, MaxStateLen), sum: make([]byte, 0, sha256.Size)}
	}
	return c
}

// DefaultStateCodec uses the default key, a fixed value public in ivrgen's
// source: its MAC catches an id altered or truncated by accident, not a
// forged one. Set IVR_STATE_KEY for that.
var DefaultStateCodec = NewStateCodec(nil)

// orDefault is c, or DefaultStateCodec when c is nil.
func (c *StateCodec) orDefault() *StateCodec {
	if c == nil {
		return DefaultStateCodec
	}
	return c
}

// appendStateMAC appends to dst the MAC of data under c's key,
// base64-encoded.
func appendStateMAC[T string | []byte](c *StateCodec, dst []byte, data T) []byte {
	m := c.macs.Get().(*stateMAC)
	defer c.macs.Put(m)
	m.h.Reset()
	m.in = append(m.in[:0], data...)
	m.h.Write(m.in)
	m.sum = m.h.Sum(m.sum[:0])
	return base64.RawURLEncoding.AppendEncode(dst, m.sum[:stateMACLen])
}

// macMatches reports, in constant time, whether enc is the MAC of data.
func (c *StateCodec) macMatches(data, enc string) bool {
	if len(enc) != stateMACEncLen {
		return false
	}
	var buf [stateMACEncLen]byte
	return hmac.Equal(appendStateMAC(c, buf[:0], data), []byte(enc))
}

// StateWriter builds one clientActionId: a place and the variables the caller
// carries into it.
type StateWriter struct {
	codec *StateCodec
	place string
	vars  []stateVar
}

// stateVar is one variable of a state, its value unescaped.
type stateVar struct{ name, value string }

// Writer starts the id of the state at place, a menu's name (letters,
// digits, _, - and /, starting with a letter or _).
func (c *StateCodec) Writer(place string) *StateWriter {
	return &StateWriter{codec: c.orDefault(), place: place}
}

// Int carries a number. Writing a name again replaces its value.
func (w *StateWriter) Int(name string, v int) { w.String(name, strconv.Itoa(v)) }

// String carries digits, a choice or a text, escaped as needed. name is
// [A-Za-z_][A-Za-z0-9_-]*, as ivrgen's variable names are. Writing a name
// again replaces its value.
func (w *StateWriter) String(name, v string) {
	for i := range w.vars {
		if w.vars[i].name == name {
			w.vars[i].value = v
			return
		}
	}
	w.vars = append(w.vars, stateVar{name, v})
}

// ID returns a clientActionId at the writer's place with a new call's
// session: what Turn.Finish writes for a reply that carries these values.
// It panics if the place or a name is not one ivrgen writes, which is a bug
// in the generated code.
func (w *StateWriter) ID() string { return w.codec.encode(w.place, Session{}, w.encodeVars()) }

// encodeVars returns the variables as NAME=VALUE&..., in ascending order of
// name, the values escaped.
func (w *StateWriter) encodeVars() string {
	if !validPlace(w.place) {
		panic(fmt.Sprintf("ivrruntime: state place %q is not a menu name", w.place))
	}
	slices.SortFunc(w.vars, func(a, b stateVar) int { return strings.Compare(a.name, b.name) })
	b := make([]byte, 0, 64)
	for i, v := range w.vars {
		if !validVarName(v.name) {
			panic(fmt.Sprintf("ivrruntime: state variable name %q is not a variable name", v.name))
		}
		if i > 0 {
			b = append(b, '&')
		}
		b = appendQueryEscape(append(append(b, v.name...), '='), v.value)
	}
	return string(b)
}

// encode writes the clientActionId 2|PLACE|SESSION|VARS|MAC. It does not
// refuse an id over MaxStateLen (ivrgen checks that none can be; Parse
// refuses it).
func (c *StateCodec) encode(place string, s Session, vars string) string {
	return string(c.appendID(make([]byte, 0, idSize(place, s, vars)), place, s, vars))
}

// appendID appends the clientActionId encode writes to b.
func (c *StateCodec) appendID(b []byte, place string, s Session, vars string) []byte {
	start := len(b)
	b = append(append(append(b, stateVersion+"|"...), place...), '|')
	b = append(append(appendSession(b, s), '|'), vars...)
	return appendStateMAC(c.orDefault(), append(b, '|'), b[start:])
}

// idSize is room enough for the clientActionId encode writes.
func idSize(place string, s Session, vars string) int {
	n := 48 + len(place) + len(vars)
	for _, m := range s.History {
		n += 1 + len(m)
	}
	return n
}

// State is a clientActionId as it came back, checked by Parse. Its getters
// read the variables; the first that fails is kept for Err.
type State struct {
	place string
	sess  Session
	vars  []stateVar // in ascending order of name
	err   error
	// room for the history and the first variables, so that a State is
	// one allocation
	history [MaxHistory]string
	varRoom [4]stateVar
}

// Parse checks id: its size, its version, its MAC, its syntax. On failure it
// returns a nil State and an error saying which in a few words ("over 1024
// bytes", "unknown state version 7", "altered or truncated (MAC does not
// match)", "malformed"); the generated code then starts the caller over with
// that as the warning. A bare place parses to a State with no variables
// and a new call's session.
func (c *StateCodec) Parse(id string) (*State, error) {
	if len(id) > MaxStateLen {
		return nil, errStateTooLong
	}
	first := strings.IndexByte(id, '|')
	if first < 0 {
		if !validPlace(id) {
			return nil, errStateMalformed
		}
		return &State{place: id}, nil
	}
	if err := checkStateVersion(id[:first]); err != nil {
		return nil, err
	}
	last := strings.LastIndexByte(id, '|')
	if last == first {
		return nil, errStateMalformed
	}
	if !c.orDefault().macMatches(id[:last], id[last+1:]) {
		return nil, errStateMAC
	}
	place, rest, _ := strings.Cut(id[first+1:last], "|")
	session, vars, ok := "0.0.0.0", rest, true
	if id[:first] == "1" { // 1|PLACE|VARS, from a server before sessions
		ok = vars != "" && !strings.Contains(vars, "|")
	} else {
		session, vars, ok = strings.Cut(rest, "|")
		ok = ok && !strings.Contains(vars, "|")
	}
	if !ok || !validPlace(place) {
		return nil, errStateMalformed
	}
	s := &State{place: place}
	if s.sess, ok = parseSession(session, &s.history); !ok || vars != "" && !s.parseVars(vars) {
		return nil, errStateMalformed
	}
	return s, nil
}

// checkStateVersion accepts versions 1 and 2 and names any other number.
func checkStateVersion(v string) error {
	switch {
	case v == stateVersion || v == "1":
		return nil
	case v != "" && len(v) <= 4 && allDigits(v):
		return fmt.Errorf("unknown state version %s", v)
	}
	return errStateMalformed
}

// parseVars reads name=value&..., unescaping the values. The names must be
// in the order ID writes them, ascending, which also rules out a name given
// twice.
func (s *State) parseVars(vars string) bool {
	if vars == "" {
		return false
	}
	s.vars = s.varRoom[:0]
	if n := strings.Count(vars, "&") + 1; n > len(s.varRoom) {
		s.vars = make([]stateVar, 0, n)
	}
	for part := range strings.SplitSeq(vars, "&") {
		name, raw, ok := strings.Cut(part, "=")
		if !ok || !validVarName(name) || !validEscaped(raw) {
			return false
		}
		value, err := url.QueryUnescape(raw)
		if err != nil {
			return false
		}
		s.vars = append(s.vars, stateVar{name, value})
	}
	for i := 1; i < len(s.vars); i++ {
		if s.vars[i-1].name >= s.vars[i].name {
			return false
		}
	}
	return true
}

// Place is the menu the state is at.
func (s *State) Place() string { return s.place }

// Err is the first failure of a getter, nil when all succeeded.
func (s *State) Err() error { return s.err }

// fail keeps the first failure and reports false.
func (s *State) fail(format string, args ...any) bool {
	if s.err == nil {
		s.err = fmt.Errorf(format, args...)
	}
	return false
}

// value looks name up, failing with "NAME is missing".
func (s *State) value(name string) (string, bool) {
	i, found := slices.BinarySearchFunc(s.vars, name, func(v stateVar, name string) int { return strings.Compare(v.name, name) })
	if !found {
		return "", s.fail("%s is missing", name)
	}
	return s.vars[i].value, true
}

// The getters' errors do not quote the value, which may be a secret: the
// webhook's log shows such a variable as "****".

// Int reads a number from min to max into dst, in the decimal form Int
// wrote it (no +, no leading zeros). It reports false, keeping the failure
// for Err, when the variable is missing or is not such a number.
func (s *State) Int(name string, dst *int, min, max int) bool {
	v, ok := s.value(name)
	if !ok {
		return false
	}
	n, ok := canonicalInt(v)
	if !ok || n < min || n > max {
		return s.fail("%s: not a number from %d to %d", name, min, max)
	}
	*dst = n
	return true
}

// Digits reads a string of min to max digits 0-9 into dst. It reports false,
// keeping the failure for Err, when the variable is missing or is not such a
// string.
func (s *State) Digits(name string, dst *string, min, max int) bool {
	v, ok := s.value(name)
	if !ok {
		return false
	}
	if len(v) < min || len(v) > max || !allDigits(v) {
		return s.fail("%s: not %s", name, digitCount(min, max))
	}
	*dst = v
	return true
}

// Text reads a text into dst: valid UTF-8, min to max runes, no control
// characters (CheckText). It reports false, keeping the failure for Err,
// when the variable is missing or is not such a text.
func (s *State) Text(name string, dst *string, min, max int) bool {
	v, ok := s.value(name)
	if !ok {
		return false
	}
	if err := CheckText(name, v, min, max); err != nil {
		return s.fail("%v", err)
	}
	*dst = v
	return true
}

// Choice reads one of choices into dst. It reports false, keeping the
// failure for Err, when the variable is missing or is none of them.
func (s *State) Choice(name string, dst *string, choices ...string) bool {
	v, ok := s.value(name)
	if !ok {
		return false
	}
	if !slices.Contains(choices, v) {
		return s.fail("%s: not one of %s", name, strings.Join(choices, ", "))
	}
	*dst = v
	return true
}

// canonicalInt parses v as strconv.Itoa writes numbers: an optional -, then
// digits without a leading zero (but "0").
func canonicalInt(v string) (int, bool) {
	d := strings.TrimPrefix(v, "-")
	if d == "" || !allDigits(d) || (d[0] == '0' && len(v) > 1) {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// validPlace reports whether p is a place: a letter or _, then letters,
// digits, _, - and /.
func validPlace(p string) bool { return validIdent(p, "_-/") }

// validVarName reports whether n is [A-Za-z_][A-Za-z0-9_-]*.
func validVarName(n string) bool { return validIdent(n, "_-") }

// validIdent reports whether s is a letter or _, then letters, digits and
// bytes of extra.
func validIdent(s, extra string) bool {
	if s == "" || !isLetter(s[0]) && s[0] != '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isLetter(c) && !isDigit(c) && strings.IndexByte(extra, c) < 0 {
			return false
		}
	}
	return true
}

// validEscaped reports whether v holds only what url.QueryEscape writes:
// A-Z a-z 0-9 - _ . ~, + for a space and %XX.
func validEscaped(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; !isUnreserved(c) && c != '+' && c != '%' {
			return false
		}
	}
	return true
}

// appendQueryEscape appends url.QueryEscape(s) to dst.
func appendQueryEscape(dst []byte, s string) []byte {
	const upperHex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isUnreserved(c):
			dst = append(dst, c)
		case c == ' ':
			dst = append(dst, '+')
		default:
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return dst
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isUnreserved reports whether url.QueryEscape leaves c as is.
func isUnreserved(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '-' || c == '_' || c == '.' || c == '~'
}

package runtime

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The hot path of a webhook is decoding a CALL_ACTION. encoding/json does
// it through reflection, twice (the envelope, then the payload), and most
// of a request's time went there. fastCallAction decodes the plain shape 8x8
// sends in one pass over the body, and gives up (ok false) on anything it
// does not take exactly as encoding/json would: escapes in strings, keys
// that match a field only by case, a field given twice, a value of another
// type, an odd number, deep nesting, bytes after the object. The caller
// then decodes with encoding/json, which answers those, or refuses them
// with 400. FuzzFastCallAction checks that whatever fastCallAction takes,
// encoding/json takes the same way.
//
// Its strings alias body, which must not change afterwards: the handler
// reads each request's body into a buffer of its own.

// fastEvent holds a decoded event and what its pointers point at, in one
// allocation.
type fastEvent struct {
	ev        CallEvent
	id, dtmf  string
	eventData struct {
		DTMF *string `json:"dtmf"`
	}
	topDTMF string
}

// maxFastDepth bounds the nesting of values fastCallAction skips; deeper
// bodies go to encoding/json.
const maxFastDepth = 32

type fastScanner struct {
	b  []byte
	i  int
	ok bool
}

// fastCallAction decodes body into fe when it is a CALL_ACTION it can take
// exactly as encoding/json takes it, and returns fe's event.
func fastCallAction(body []byte, fe *fastEvent) (*CallEvent, bool) {
	s := &fastScanner{b: body, ok: true}
	*fe = fastEvent{}
	var seen [4]bool // namespace, eventType, description, payload
	var eventType, namespace string
	s.object(func(key []byte) {
		switch string(key) {
		case "namespace":
			namespace = s.onceString(&seen[0])
		case "eventType":
			eventType = s.onceString(&seen[1])
		case "description":
			s.onceString(&seen[2])
		case "payload":
			if seen[3] {
				s.ok = false
			}
			seen[3] = true
			s.payload(fe)
		default:
			s.unknown(key, "namespace", "eventType", "description", "payload", "version")
		}
	})
	s.ws()
	if !s.ok || s.i != len(s.b) || eventType != EventCallAction || !seen[3] || namespace != "" && namespace != "VOICE" {
		return nil, false
	}
	return &fe.ev, true
}

// payloadFields are the payload's keys, by their bit in a seen mask.
var payloadFields = [...]string{"eventId", "callId", "sessionId", "subAccountId", "callStatus", "callDirection", "callType",
	"source", "destination", "timestamp", "clientActionId", "dtmf", "eventData", "callDuration", "sipCode"}

// payloadField is the index of key in payloadFields, -1 if it is none.
func payloadField(key []byte) int {
	switch string(key) { // a switch on strings, faster than a loop over them
	case "eventId":
		return 0
	case "callId":
		return 1
	case "sessionId":
		return 2
	case "subAccountId":
		return 3
	case "callStatus":
		return 4
	case "callDirection":
		return 5
	case "callType":
		return 6
	case "source":
		return 7
	case "destination":
		return 8
	case "timestamp":
		return 9
	case "clientActionId":
		return 10
	case "dtmf":
		return 11
	case "eventData":
		return 12
	case "callDuration":
		return 13
	case "sipCode":
		return 14
	}
	return -1
}

// stringField is where the string field of payload key i goes, nil for
// the others.
func stringField(e *CallEvent, i int) *string {
	switch i {
	case 0:
		return &e.EventID
	case 1:
		return &e.CallID
	case 2:
		return &e.SessionID
	case 3:
		return &e.SubAccountID
	case 4:
		return &e.CallStatus
	case 5:
		return &e.CallDirection
	case 6:
		return &e.CallType
	case 7:
		return &e.Source
	case 8:
		return &e.Destination
	case 9:
		return &e.Timestamp
	}
	return nil
}

// payload decodes the payload object into fe.
func (s *fastScanner) payload(fe *fastEvent) {
	e := &fe.ev
	var seen uint32
	s.object(func(key []byte) {
		i := payloadField(key)
		if i < 0 {
			s.unknown(key, payloadFields[:]...)
			return
		}
		if seen&(1<<i) != 0 {
			s.ok = false
			return
		}
		seen |= 1 << i
		if dst := stringField(e, i); dst != nil {
			if v, isNull := s.stringOrNull(); !isNull {
				*dst = v
			}
			return
		}
		switch payloadFields[i] {
		case "clientActionId":
			if v, isNull := s.stringOrNull(); isNull {
				e.ClientActionID = nil
			} else {
				fe.id, e.ClientActionID = v, &fe.id
			}
		case "dtmf":
			if v, isNull := s.stringOrNull(); isNull {
				e.DTMF = nil
			} else {
				fe.topDTMF, e.DTMF = v, &fe.topDTMF
			}
		case "eventData":
			s.eventData(fe)
		case "callDuration":
			if n, isNull := s.number(); !isNull && s.ok {
				f, err := strconv.ParseFloat(n, 64)
				s.ok = s.ok && err == nil
				e.CallDuration = f
			}
		case "sipCode":
			if n, isNull := s.number(); !isNull && s.ok {
				v, err := strconv.Atoi(n)
				s.ok = s.ok && err == nil
				e.SIPCode = v
			}
		}
	})
}

// eventData decodes {"dtmf": ...} or null.
func (s *fastScanner) eventData(fe *fastEvent) {
	s.ws()
	if s.literal("null") {
		fe.ev.EventData = nil
		return
	}
	fe.ev.EventData = &fe.eventData
	seen := false
	s.object(func(key []byte) {
		if string(key) != "dtmf" {
			s.unknown(key, "dtmf")
			return
		}
		if seen {
			s.ok = false
		}
		seen = true
		if v, isNull := s.stringOrNull(); isNull {
			fe.eventData.DTMF = nil
		} else {
			fe.dtmf, fe.eventData.DTMF = v, &fe.dtmf
		}
	})
}

// unknown skips the value of a key no field has, unless it matches one of
// names by case alone, which encoding/json would take (a key that is not
// ASCII could match by Unicode folding, as "ſource" does source: it gives
// up on those too).
func (s *fastScanner) unknown(key []byte, names ...string) {
	for _, c := range key {
		if c >= utf8.RuneSelf {
			s.ok = false
			return
		}
	}
	for _, n := range names {
		if len(key) == len(n) && strings.EqualFold(str(key), n) { // ASCII folds keep the length
			s.ok = false
			return
		}
	}
	s.skip(0)
}

func (s *fastScanner) ws() {
	if s.i < len(s.b) && s.b[s.i] > ' ' { // the usual: no space at all
		return
	}
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// object reads {"key": value, ...}, calling field for each key with the
// scanner at its value.
func (s *fastScanner) object(field func(key []byte)) {
	s.ws()
	if !s.ok || s.i >= len(s.b) || s.b[s.i] != '{' {
		s.ok = false
		return
	}
	s.i++
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
		return
	}
	for s.ok {
		s.ws()
		key, ok := s.rawString()
		s.ws()
		if !ok || s.i >= len(s.b) || s.b[s.i] != ':' {
			s.ok = false
			return
		}
		s.i++
		field(key)
		s.ws()
		if !s.ok || s.i >= len(s.b) {
			s.ok = false
			return
		}
		switch s.b[s.i] {
		case ',':
			s.i++
		case '}':
			s.i++
			return
		default:
			s.ok = false
		}
	}
}

// rawString reads a string without escapes or control characters, in
// valid UTF-8 (encoding/json would replace invalid bytes), returning its
// bytes.
func (s *fastScanner) rawString() ([]byte, bool) {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, false
	}
	start := s.i + 1
	i := start
	for i+8 <= len(s.b) { // 8 bytes at a time, to the first that is not plain
		if m := special8(binary.LittleEndian.Uint64(s.b[i:])); m != 0 {
			i += bits.TrailingZeros64(m) / 8
			break
		}
		i += 8
	}
	ascii := true
	for ; i < len(s.b); i++ {
		switch c := s.b[i]; {
		case c == '"':
			v := s.b[start:i]
			if !ascii && !utf8.Valid(v) {
				return nil, false
			}
			s.i = i + 1
			return v, true
		case c == '\\' || c < 0x20: // an escape, a control character
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, false
}

// special8 marks, by its high bit, each of the 8 bytes in x (the first in
// the low byte) that is not a plain string byte: under 0x20, from 0x80 up,
// " or \. Bytes above a marked one may be marked wrongly, the lowest marked
// byte never is: it is the first not plain.
func special8(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := x^'"'*ones, x^'\\'*ones
	return ((x-0x20*ones)&^x | (quote-ones)&^quote | (backslash-ones)&^backslash | x) & highs
}

// str is b as a string, aliasing the body.
func str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// stringOrNull reads a string, or null (isNull); anything else gives up.
func (s *fastScanner) stringOrNull() (v string, isNull bool) {
	s.ws()
	if s.literal("null") {
		return "", true
	}
	b, ok := s.rawString()
	if !ok {
		s.ok = false
		return "", false
	}
	return str(b), false
}

// onceString reads a top-level string field, giving up on a second one
// or on null (which encoding/json leaves as it was: fine, but rare).
func (s *fastScanner) onceString(seen *bool) string {
	if *seen {
		s.ok = false
	}
	*seen = true
	s.ws()
	b, ok := s.rawString()
	if !ok {
		s.ok = false
	}
	return str(b)
}

// literal reads word (true, false, null) when it is next.
func (s *fastScanner) literal(word string) bool {
	if !strings.HasPrefix(str(s.b[s.i:]), word) {
		return false
	}
	s.i += len(word)
	return true
}

// number reads a JSON number, or null.
func (s *fastScanner) number() (n string, isNull bool) {
	s.ws()
	if s.literal("null") {
		return "", true
	}
	start := s.i
	if s.i < len(s.b) && s.b[s.i] == '-' {
		s.i++
	}
	digits := func() int {
		j := s.i
		for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
			s.i++
		}
		return s.i - j
	}
	switch n := digits(); {
	case n == 0, n > 1 && s.b[s.i-n] == '0':
		s.ok = false
		return "", false
	}
	if s.i < len(s.b) && s.b[s.i] == '.' {
		s.i++
		if digits() == 0 {
			s.ok = false
		}
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		s.i++
		if s.i < len(s.b) && (s.b[s.i] == '+' || s.b[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			s.ok = false
		}
	}
	return str(s.b[start:s.i]), false
}

// skip reads any value, checking it is JSON.
func (s *fastScanner) skip(depth int) {
	s.ws()
	if !s.ok || s.i >= len(s.b) || depth > maxFastDepth {
		s.ok = false
		return
	}
	switch c := s.b[s.i]; {
	case c == '"':
		if _, ok := s.rawString(); !ok {
			s.ok = false
		}
	case c == '{':
		s.object(func([]byte) { s.skip(depth + 1) })
	case c == '[':
		s.i++
		s.ws()
		if s.i < len(s.b) && s.b[s.i] == ']' {
			s.i++
			return
		}
		for s.ok {
			s.skip(depth + 1)
			s.ws()
			if s.i >= len(s.b) {
				s.ok = false
				return
			}
			if s.b[s.i] == ']' {
				s.i++
				return
			}
			if s.b[s.i] != ',' {
				s.ok = false
				return
			}
			s.i++
		}
	case c == 't':
		s.ok = s.literal("true")
	case c == 'f':
		s.ok = s.literal("false")
	case c == 'n':
		s.ok = s.literal("null")
	default:
		s.number()
	}
}

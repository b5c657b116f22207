package runtime

import (
	"context"
	"encoding/binary"
	"io"
	"log/slog"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"unsafe"
)

// NewLogHandler returns a slog.Handler that writes what
// slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}) writes, byte
// for byte, in about half the time: a webhook's log line is on the path of
// every answer. It writes each line in one Write, without a lock of its
// own, so w must take concurrent writes (a LogWriter does). Records and
// attrs of the kinds the handler's lines hold (strings, numbers, booleans,
// durations, groups of them) are written by it; any other, and WithGroup,
// go to slog's own JSON handler on the same writer.
func NewLogHandler(w io.Writer, level slog.Leveler) slog.Handler {
	if level == nil {
		level = slog.LevelInfo
	}
	return &logHandler{w: w, level: level, slow: slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level})}
}

type logHandler struct {
	w      io.Writer
	level  slog.Leveler
	prefix []byte       // the attrs of WithAttrs, written, each after a ','
	slow   slog.Handler // slog's JSON handler with the same attrs
}

func (h *logHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level.Level() }

func (h *logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	slow := h.slow.WithAttrs(attrs)
	prefix, ok := appendLogAttrs(append([]byte(nil), h.prefix...), attrs)
	if !ok {
		return slow
	}
	return &logHandler{w: h.w, level: h.level, prefix: prefix, slow: slow}
}

func (h *logHandler) WithGroup(name string) slog.Handler { return h.slow.WithGroup(name) }

var logBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

func (h *logHandler) Handle(ctx context.Context, r slog.Record) error {
	if !plainTime(r.Time) {
		return h.slow.Handle(ctx, r)
	}
	bp, b := h.begin(r.Time, r.Level, r.Message)
	plain := true
	r.Attrs(func(a slog.Attr) bool {
		b, plain = appendLogAttr(b, a)
		return plain
	})
	if !plain {
		h.giveBack(bp, b)
		return h.slow.Handle(ctx, r)
	}
	return h.end(bp, b)
}

// handleAttrs writes the line Handle writes for a record of attrs, with no
// record in between: a webhook's line holds a score of attrs, and a record
// copies all but its first five. It reports false, writing nothing, when
// an attr is of a kind only slog's own handler writes.
func (h *logHandler) handleAttrs(t time.Time, level slog.Level, msg string, attrs []slog.Attr) (bool, error) {
	if !plainTime(t) {
		return false, nil
	}
	bp, b := h.begin(t, level, msg)
	b, plain := appendLogAttrs(b, attrs)
	if !plain {
		h.giveBack(bp, b)
		return false, nil
	}
	return true, h.end(bp, b)
}

// plainTime reports whether the handler writes t as slog's does.
func plainTime(t time.Time) bool { return t.IsZero() || t.Year() >= 0 && t.Year() < 10000 }

// begin takes a line's buffer and writes its time, level, message and the
// handler's own attrs.
func (h *logHandler) begin(t time.Time, level slog.Level, msg string) (*[]byte, []byte) {
	bp := logBuffers.Get().(*[]byte)
	b := append((*bp)[:0], '{')
	if !t.IsZero() {
		b = append(appendLogTime(append(b, `"time":"`...), t), `",`...)
	}
	b = appendLogString(append(b, `"level":`...), level.String())
	b = appendLogString(append(b, `,"msg":`...), msg)
	return bp, append(b, h.prefix...)
}

// end writes the line in b and gives its buffer back to bp.
func (h *logHandler) end(bp *[]byte, b []byte) error {
	b = append(b, "}\n"...)
	_, err := h.w.Write(b)
	h.giveBack(bp, b)
	return err
}

// giveBack keeps b's buffer in bp for the next line, unless it is huge.
func (h *logHandler) giveBack(bp *[]byte, b []byte) {
	if cap(b) <= 16<<10 {
		*bp = b
		logBuffers.Put(bp)
	}
}

// appendLogAttrs writes attrs, each after a ',', as slog's JSON handler
// does. It reports false, where it stops, at an attr of a kind only slog's
// handler writes: any, a time, a LogValuer, a float that is not a number.
func appendLogAttrs(b []byte, attrs []slog.Attr) ([]byte, bool) {
	for _, a := range attrs {
		var ok bool
		if b, ok = appendLogAttr(b, a); !ok {
			return b, false
		}
	}
	return b, true
}

// appendLogAttr writes ,"KEY":VALUE. A group is an object, or inline when
// its key is ""; an empty group is left out.
func appendLogAttr(b []byte, a slog.Attr) ([]byte, bool) {
	v := a.Value
	kind := v.Kind()
	switch kind {
	case slog.KindGroup:
		return appendLogGroup(b, a.Key, v.Group())
	case slog.KindFloat64:
		if f := v.Float64(); math.IsNaN(f) || math.IsInf(f, 0) {
			return b, false
		}
	case slog.KindString, slog.KindInt64, slog.KindUint64, slog.KindBool, slog.KindDuration:
	default:
		return b, false
	}
	b = append(appendLogString(append(b, ','), a.Key), ':')
	switch kind {
	case slog.KindString:
		return appendLogString(b, v.String()), true
	case slog.KindInt64:
		return strconv.AppendInt(b, v.Int64(), 10), true
	case slog.KindUint64:
		return strconv.AppendUint(b, v.Uint64(), 10), true
	case slog.KindBool:
		return strconv.AppendBool(b, v.Bool()), true
	case slog.KindDuration:
		return strconv.AppendInt(b, int64(v.Duration()), 10), true
	}
	return appendJSONFloat(b, v.Float64()), true
}

// appendLogGroup writes a group as an object, or inline when key is "";
// an empty group is left out.
func appendLogGroup(b []byte, key string, g []slog.Attr) ([]byte, bool) {
	switch {
	case len(g) == 0:
		return b, true
	case key == "":
		return appendLogAttrs(b, g)
	}
	start := len(b)
	b = append(appendLogString(append(b, ','), key), ":{"...)
	n := len(b)
	b, ok := appendLogAttrs(b, g)
	switch {
	case !ok:
		return b, false
	case len(b) == n: // only empty groups in it
		return b[:start], true
	}
	b = append(b[:n], b[n+1:]...) // the group's first ','
	return append(b, '}'), true
}

// logSecond is the time of the last line, to the second, as RFC3339Nano
// writes it: the date and time, and the zone after the fraction. Lines in
// the same second share it, and write only their nanoseconds.
type logSecond struct {
	unix       int64
	loc        *time.Location
	date, zone string // 2026-12-02T15:51:29 and Z (or +08:00)
}

var lastLogSecond atomic.Pointer[logSecond]

// appendLogTime writes t as t.AppendFormat(b, time.RFC3339Nano) does, for
// a year from 0 to 9999, the date and zone kept from the line before.
func appendLogTime(b []byte, t time.Time) []byte {
	sec := lastLogSecond.Load()
	if sec == nil || sec.unix != t.Unix() || sec.loc != t.Location() {
		whole := string(t.AppendFormat(nil, time.RFC3339Nano))
		zone := strings.TrimLeft(whole[19:], ".0123456789") // the zone, after the fraction
		sec = &logSecond{unix: t.Unix(), loc: t.Location(), date: whole[:19], zone: zone}
		lastLogSecond.Store(sec)
	}
	b = append(b, sec.date...)
	if ns := t.Nanosecond(); ns != 0 {
		var frac [10]byte
		frac[0] = '.'
		for i := 9; i > 0; i-- {
			frac[i] = byte('0' + ns%10)
			ns /= 10
		}
		n := 10
		for frac[n-1] == '0' {
			n--
		}
		b = append(b, frac[:n]...)
	}
	return append(b, sec.zone...)
}

// appendJSONFloat writes f as encoding/json does, which slog's handler
// calls: %f between 1e-6 and 1e21, else %e with a one-digit exponent
// written without its leading zero. A whole number of thousandths (a
// latency in ms, from microseconds) is written without strconv: its
// shortest form is that number of thousandths.
func appendJSONFloat(b []byte, f float64) []byte {
	if k := math.Round(f * 1000); f >= 0 && k < 1e12 && k/1000 == f && !math.Signbit(f) {
		n := int64(k)
		b = strconv.AppendInt(b, n/1000, 10)
		if frac := n % 1000; frac != 0 {
			digits := [4]byte{'.', byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
			end := 4
			for digits[end-1] == '0' {
				end--
			}
			b = append(b, digits[:end]...)
		}
		return b
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b
}

// logSafe are the bytes a log string holds as they are: ASCII from space
// up, but " and \.
var logSafe = func() (safe [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\'
	}
	return safe
}()

// appendLogString writes s quoted as slog's JSON handler does: ", \ and
// control characters escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029
// escaped, nothing else (no HTML escapes).
func appendLogString(b []byte, s string) []byte {
	b = append(b, '"')
	start, i := 0, 0
	for i+8 <= len(s) && special8(binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))) == 0 {
		i += 8
	}
	for i < len(s) {
		c := s[i]
		if logSafe[c] {
			i++
			continue
		}
		var esc string
		size := 1
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c == '\n':
			esc = `\n`
		case c == '\r':
			esc = `\r`
		case c == '\t':
			esc = `\t`
		case c < ' ':
			esc = `\u00` + string("0123456789abcdef"[c>>4]) + string("0123456789abcdef"[c&0xF])
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				esc = `\ufffd`
			case r == '\u2028':
				esc = `\u2028`
			case r == '\u2029':
				esc = `\u2029`
			}
		}
		if esc != "" {
			b = append(append(b, s[start:i]...), esc...)
			start = i + size
		}
		i += size
	}
	return append(append(b, s[start:]...), '"')
}

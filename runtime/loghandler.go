package runtime

import (
	"context"
	"io"
	"log/slog"
	"math"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
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
	if !plainAttrs(attrs) {
		return slow
	}
	prefix := appendLogAttrs(append([]byte(nil), h.prefix...), attrs)
	return &logHandler{w: h.w, level: h.level, prefix: prefix, slow: slow}
}

func (h *logHandler) WithGroup(name string) slog.Handler { return h.slow.WithGroup(name) }

var logBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

func (h *logHandler) Handle(ctx context.Context, r slog.Record) error {
	plain := plainTime(r.Time)
	r.Attrs(func(a slog.Attr) bool {
		plain = plain && plainValue(a.Value)
		return plain
	})
	if !plain {
		return h.slow.Handle(ctx, r)
	}
	bp, b := h.begin(r.Time, r.Level, r.Message)
	r.Attrs(func(a slog.Attr) bool {
		b = appendLogAttr(b, a)
		return true
	})
	return h.end(bp, b)
}

// handleAttrs writes the line Handle writes for a record of attrs, with no
// record in between: a webhook's line holds a score of attrs, and a record
// copies all but its first five. It reports false, writing nothing, when
// an attr is of a kind only slog's own handler writes.
func (h *logHandler) handleAttrs(t time.Time, level slog.Level, msg string, attrs []slog.Attr) (bool, error) {
	if !plainTime(t) || !plainAttrs(attrs) {
		return false, nil
	}
	bp, b := h.begin(t, level, msg)
	return true, h.end(bp, appendLogAttrs(b, attrs))
}

// plainTime reports whether the handler writes t as slog's does.
func plainTime(t time.Time) bool { return t.IsZero() || t.Year() >= 0 && t.Year() < 10000 }

// begin takes a line's buffer and writes its time, level, message and the
// handler's own attrs.
func (h *logHandler) begin(t time.Time, level slog.Level, msg string) (*[]byte, []byte) {
	bp := logBuffers.Get().(*[]byte)
	b := append((*bp)[:0], '{')
	if !t.IsZero() {
		b = append(t.AppendFormat(append(b, `"time":"`...), time.RFC3339Nano), `",`...)
	}
	b = appendLogString(append(b, `"level":`...), level.String())
	b = appendLogString(append(b, `,"msg":`...), msg)
	return bp, append(b, h.prefix...)
}

// end writes the line in b and gives its buffer back to bp.
func (h *logHandler) end(bp *[]byte, b []byte) error {
	b = append(b, "}\n"...)
	_, err := h.w.Write(b)
	if cap(b) <= 16<<10 { // a huge line's buffer is not kept
		*bp = b
		logBuffers.Put(bp)
	}
	return err
}

// plainAttrs reports whether every attr is of a kind the handler writes.
func plainAttrs(attrs []slog.Attr) bool {
	for _, a := range attrs {
		if !plainValue(a.Value) {
			return false
		}
	}
	return true
}

func plainValue(v slog.Value) bool {
	switch v.Kind() {
	case slog.KindString, slog.KindInt64, slog.KindUint64, slog.KindBool, slog.KindDuration:
		return true
	case slog.KindFloat64:
		f := v.Float64()
		return !math.IsNaN(f) && !math.IsInf(f, 0)
	case slog.KindGroup:
		return plainAttrs(v.Group())
	}
	return false // any, time, LogValuer: slog's handler writes them
}

// appendLogAttrs writes attrs, each after a ',', as slog's JSON handler does.
func appendLogAttrs(b []byte, attrs []slog.Attr) []byte {
	for _, a := range attrs {
		b = appendLogAttr(b, a)
	}
	return b
}

// appendLogAttr writes ,"KEY":VALUE. A group is an object, or inline when
// its key is ""; an empty group is left out.
func appendLogAttr(b []byte, a slog.Attr) []byte {
	v := a.Value
	if v.Kind() == slog.KindGroup {
		g := v.Group()
		switch {
		case len(g) == 0:
			return b
		case a.Key == "":
			return appendLogAttrs(b, g)
		}
		start := len(b)
		b = append(appendLogString(append(b, ','), a.Key), ":{"...)
		n := len(b)
		if b = appendLogAttrs(b, g); len(b) == n { // only empty groups in it
			return b[:start]
		}
		b = append(b[:n], b[n+1:]...) // the group's first ','
		return append(b, '}')
	}
	b = append(appendLogString(append(b, ','), a.Key), ':')
	switch v.Kind() {
	case slog.KindString:
		return appendLogString(b, v.String())
	case slog.KindInt64:
		return strconv.AppendInt(b, v.Int64(), 10)
	case slog.KindUint64:
		return strconv.AppendUint(b, v.Uint64(), 10)
	case slog.KindBool:
		return strconv.AppendBool(b, v.Bool())
	case slog.KindDuration:
		return strconv.AppendInt(b, int64(v.Duration()), 10)
	}
	return appendJSONFloat(b, v.Float64())
}

// appendJSONFloat writes f as encoding/json does, which slog's handler
// calls: %f between 1e-6 and 1e21, else %e with a one-digit exponent
// written without its leading zero.
func appendJSONFloat(b []byte, f float64) []byte {
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
	start := 0
	for i := 0; i < len(s); {
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

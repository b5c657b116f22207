package runtime

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"math"
	"strings"
	"testing"
	"time"
)

// logBoth writes one record with attrs through slog's JSON handler and
// through NewLogHandler, both after with, and returns the two lines.
func logBoth(t testing.TB, level slog.Level, msg string, with []slog.Attr, attrs ...slog.Attr) (want, got string) {
	var a, b bytes.Buffer
	lines := func(h slog.Handler, out *bytes.Buffer) string {
		if len(with) > 0 {
			h = h.WithAttrs(with)
		}
		r := slog.NewRecord(time.Date(2026, 12, 2, 7, 9, 59, 123456789, time.FixedZone("SGT", 8*3600)), level, msg, 0)
		r.AddAttrs(attrs...)
		if err := h.Handle(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	return lines(slog.NewJSONHandler(&a, nil), &a), lines(NewLogHandler(&b, nil), &b)
}

// logDirect writes attrs as the webhook's line does, by handleAttrs, and
// reports false when NewLogHandler leaves them to slog's handler.
func logDirect(t testing.TB, level slog.Level, msg string, with []slog.Attr, attrs ...slog.Attr) (string, bool) {
	var out bytes.Buffer
	h := NewLogHandler(&out, nil)
	if len(with) > 0 {
		h = h.WithAttrs(with)
	}
	lh, ok := h.(*logHandler)
	if !ok {
		return "", false
	}
	done, err := lh.handleAttrs(time.Date(2026, 12, 2, 7, 9, 59, 123456789, time.FixedZone("SGT", 8*3600)), level, msg, attrs)
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), done
}

var logStrings = []string{"", "plain", `quo"te`, `back\slash`, "new\nline", "tab\t", "cr\r", "\x00\x01\x1f\x7f",
	"<html>&amp;", "é ü 中文 😀", "bad \xff utf8 \xc3", "\u2028 \u2029", "****"}

var logFloats = []float64{0, 1, -1, 0.001, 1.234, 2004.957, 1e-6, 9.99e-7, 1e-7, 123456789.125, 1e20, 1e21, 1.5e300, -2.5e-10, math.SmallestNonzeroFloat64, math.MaxFloat64}

// NewLogHandler's lines are slog's JSON handler's, byte for byte.
func TestLogHandlerMatchesSlog(t *testing.T) {
	var cases [][]slog.Attr
	for _, s := range logStrings {
		cases = append(cases, []slog.Attr{slog.String(s, s)})
	}
	for _, f := range logFloats {
		cases = append(cases, []slog.Attr{slog.Float64("ms", f), slog.Float64("neg", -f)})
	}
	cases = append(cases,
		[]slog.Attr{slog.Int("i", -42), slog.Uint64("u", math.MaxUint64), slog.Bool("t", true), slog.Bool("f", false), slog.Duration("d", 1500*time.Millisecond)},
		[]slog.Attr{slog.Group("vars", slog.String("party", "4"), slog.String("pin", "****")), slog.Group("hooks", slog.Group("book", slog.String("outcome", "ok"), slog.Float64("ms", 1.5)))},
		[]slog.Attr{slog.Group("empty"), slog.Group("", slog.String("inline", "x")), slog.Group("only-empty", slog.Group("")), slog.String("after", "y")},
		[]slog.Attr{slog.Group("g", slog.Group("", slog.Int("a", 1)), slog.Group("h"), slog.Int("b", 2))},
		// slog's handler writes these: the same line either way
		[]slog.Attr{slog.Any("err", errors.New("boom")), slog.String("s", "x")},
		[]slog.Attr{slog.Time("at", time.Unix(0, 0).UTC()), slog.Any("m", map[string]int{"a": 1})},
		[]slog.Attr{{}, slog.String("after-empty", "x")},
		[]slog.Attr{slog.Float64("nan", math.NaN()), slog.Float64("inf", math.Inf(1))},
		nil,
	)
	withs := [][]slog.Attr{nil, {slog.String("flow", "restaurant")}, {slog.Group("app", slog.String("v", "1"))}, {slog.Any("any", 1)}}
	for _, with := range withs {
		for _, level := range []slog.Level{slog.LevelInfo, slog.LevelWarn, slog.LevelError, slog.LevelInfo + 2} {
			for _, attrs := range cases {
				want, got := logBoth(t, level, "webhook \"quoted\"", with, attrs...)
				if got != want {
					t.Errorf("with %v, %v:\n got %s\nwant %s", with, attrs, got, want)
				}
				if direct, ok := logDirect(t, level, "webhook \"quoted\"", with, attrs...); ok && direct != want {
					t.Errorf("handleAttrs with %v, %v:\n got %s\nwant %s", with, attrs, direct, want)
				} else if !ok && plainAttrs(with) && plainAttrs(attrs) {
					t.Errorf("handleAttrs with %v, %v: declined attrs it writes", with, attrs)
				}
			}
		}
	}
}

func TestLogHandlerLevelAndGroups(t *testing.T) {
	var b bytes.Buffer
	h := NewLogHandler(&b, slog.LevelWarn)
	if h.Enabled(context.Background(), slog.LevelInfo) || !h.Enabled(context.Background(), slog.LevelWarn) {
		t.Error("Enabled does not follow the level")
	}
	slog.New(h).WithGroup("g").Warn("grouped", "k", "v") // slog's own handler writes groups
	if want := `"msg":"grouped","g":{"k":"v"}}`; !strings.HasSuffix(strings.TrimSpace(b.String()), want) {
		t.Errorf("got %s, want it ending %s", b.String(), want)
	}
}

func FuzzLogHandler(f *testing.F) {
	for i, s := range logStrings {
		f.Add(s, logFloats[i%len(logFloats)], int64(i))
	}
	f.Fuzz(func(t *testing.T, s string, x float64, n int64) {
		want, got := logBoth(t, slog.LevelInfo, s, []slog.Attr{slog.String(s, s)},
			slog.String(s, s), slog.Float64("x", x), slog.Int64("n", n), slog.Group(s, slog.String("k", s), slog.Group("", slog.Float64(s, x))))
		if got != want {
			t.Errorf("\n got %s\nwant %s", got, want)
		}
	})
}

func BenchmarkLogLine(b *testing.B) {
	attrs := []slog.Attr{slog.String("event", "CALL_ACTION"),
		slog.String("call", "e1ff6a14-eae8-11f0-baa6-c93abb37794a"), slog.String("session", "e1ff6a15-eae8-11f0-baa6-c147150ab00e"),
		slog.String("menu", "main"), slog.String("digits", "1"), slog.String("next", "reservations"),
		slog.Int("status", 200), slog.Float64("latency_ms", 0.123), slog.String("call_status", "ACTION_COMPLETED")}
	for _, tt := range []struct {
		name string
		h    slog.Handler
	}{{"slog", slog.NewJSONHandler(discard{}, nil)}, {"runtime", NewLogHandler(discard{}, nil)}} {
		b.Run(tt.name, func(b *testing.B) {
			log := slog.New(tt.h).With("flow", "restaurant")
			b.ReportAllocs()
			for b.Loop() {
				log.LogAttrs(context.Background(), slog.LevelInfo, "webhook", attrs...)
			}
		})
	}
	// the webhook's own line: its attrs straight to the handler
	b.Run("webhook", func(b *testing.B) {
		h := NewLogHandler(discard{}, nil).WithAttrs([]slog.Attr{slog.String("flow", "restaurant")}).(*logHandler)
		b.ReportAllocs()
		for b.Loop() {
			h.handleAttrs(time.Now(), slog.LevelInfo, "webhook", attrs)
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

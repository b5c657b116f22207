package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"math/rand/v2"
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

// plainAttrs reports whether every attr is of a kind NewLogHandler writes
// itself: strings, numbers, booleans, durations, groups of them.
func plainAttrs(attrs []slog.Attr) bool {
	for _, a := range attrs {
		switch v := a.Value; v.Kind() {
		case slog.KindString, slog.KindInt64, slog.KindUint64, slog.KindBool, slog.KindDuration:
		case slog.KindFloat64:
			if f := v.Float64(); math.IsNaN(f) || math.IsInf(f, 0) {
				return false
			}
		case slog.KindGroup:
			if !plainAttrs(v.Group()) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

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

// appendLogTime writes what AppendFormat(time.RFC3339Nano) writes, in any
// zone and for any fraction, whether the second before was the same or
// not.
func TestLogTime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	zones := []*time.Location{time.UTC, time.Local, ny, time.FixedZone("SGT", 8*3600), time.FixedZone("", -(3*3600 + 30*60)), time.FixedZone("odd", 5*3600+17)}
	bases := []time.Time{
		time.Date(2026, 12, 2, 15, 51, 29, 0, time.UTC),
		time.Date(2026, 3, 8, 6, 59, 59, 0, time.UTC), // New York's clocks go forward at 07:00 UTC
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Unix(0, 0),
	}
	for _, base := range bases {
		for _, loc := range zones {
			for _, ns := range []int{0, 1, 10, 100000000, 120000000, 123456789, 999999999, 500} {
				for _, step := range []time.Duration{0, time.Second} { // the same second again, and the next
					at := base.Add(step).Add(time.Duration(ns)).In(loc)
					if !plainTime(at) {
						continue
					}
					want := at.AppendFormat(nil, time.RFC3339Nano)
					if got := appendLogTime([]byte("x"), at); string(got) != "x"+string(want) {
						t.Errorf("%v: got %s, want x%s", at, got, want)
					}
				}
			}
		}
	}
}

// appendJSONFloat writes what encoding/json writes: the whole numbers of
// thousandths a latency is, and any other float.
func TestJSONFloat(t *testing.T) {
	check := func(f float64) {
		t.Helper()
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONFloat(nil, f); string(got) != string(want) {
			t.Fatalf("appendJSONFloat(%v) = %s, want %s", f, got, want)
		}
	}
	for k := range 300000 { // every latency to 300 ms
		check(float64(k) / 1000)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		check(float64(r.Int64N(1e12)) / 1000)
		check(float64(r.Int64N(1e15)) / 1000)
		check(r.Float64() * 1000)
		if f := math.Float64frombits(r.Uint64()); !math.IsNaN(f) && !math.IsInf(f, 0) {
			check(f)
		}
	}
	for _, f := range append(logFloats, math.Copysign(0, -1), 999999999.999, 1e9, 0.0005, 0.0015) {
		if !math.IsNaN(f) && !math.IsInf(f, 0) {
			check(f)
			check(-f)
		}
	}
}

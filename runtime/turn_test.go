package runtime

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// logged writes attrs as slog's JSON handler does, without time and level.
func logged(attrs []slog.Attr) string {
	var buf bytes.Buffer
	drop := func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey || a.Key == slog.LevelKey {
			return slog.Attr{}
		}
		return a
	}
	slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: drop})).LogAttrs(context.Background(), slog.LevelInfo, "webhook", attrs...)
	return strings.TrimSpace(buf.String())
}

func TestNewTurn(t *testing.T) {
	var noCtx context.Context // NewTurn takes nil for context.Background()
	tn := NewTurn(noCtx, nil, "main", "12")
	if tn.Ctx == nil || tn.Codec() != DefaultStateCodec || tn.ID != "main" || tn.Digits != "12" {
		t.Errorf("NewTurn = %+v", tn)
	}
	type key struct{}
	ctx := context.WithValue(context.Background(), key{}, 1)
	c := NewStateCodec([]byte("k"))
	if tn := NewTurn(ctx, c, "", ""); tn.Ctx != ctx || tn.Codec() != c {
		t.Errorf("NewTurn did not keep its context and codec")
	}
	tn.SetCodec(c)
	if tn.Codec() != c {
		t.Error("SetCodec did not set the codec")
	}
	tn.SetCodec(nil)
	if tn.Codec() != DefaultStateCodec {
		t.Error("SetCodec(nil) is not the default codec")
	}
	if (&Turn{}).Codec() != DefaultStateCodec {
		t.Error("the zero Turn's codec is not the default")
	}
}

func TestTurnLog(t *testing.T) {
	tn := NewTurn(context.Background(), nil, "1|book|...", "1234")
	tn.Place("book")
	tn.Var("party", "4")
	tn.SecretVar("pin")
	tn.Var("name", "Ada")
	tn.Var("party", "5")  // replaces, keeps its place
	tn.Var("pin", "1234") // a secret stays masked
	tn.Var("card", "4111")
	tn.SecretVar("card") // and becomes masked
	tn.Warn("clientActionId %q: the caller starts over", "x")
	tn.Warn("second")
	tn.SecretDigits(true)
	if tn.LogPlace() != "book" || tn.LogDigits() != "****" {
		t.Errorf("LogPlace, LogDigits = %q, %q", tn.LogPlace(), tn.LogDigits())
	}
	if got, want := tn.Warning(), `clientActionId "x": the caller starts over; second`; got != want {
		t.Errorf("Warning = %q, want %q", got, want)
	}
	tn.hooks = []hookRun{
		{name: "lookup", outcome: "found", took: 1234567 * time.Nanosecond},
		{name: "charge", took: 5 * time.Millisecond, err: "no answer within 3s"},
		{name: "lookup", outcome: "gone", took: 999 * time.Nanosecond},
	}
	want := `{"msg":"webhook","vars":{"party":"5","pin":"****","name":"Ada","card":"****"},` +
		`"hooks":{"lookup":{"outcome":"found","ms":1.234},"charge":{"outcome":"","ms":5,"error":"no answer within 3s"},` +
		`"lookup#2":{"outcome":"gone","ms":0}}}`
	if got := logged(tn.LogAttrs()); got != want {
		t.Errorf("logged\n%s\nwant\n%s", got, want)
	}
}

func TestTurnLogEmpty(t *testing.T) {
	var tn Turn
	if attrs := tn.LogAttrs(); len(attrs) != 0 {
		t.Errorf("LogAttrs of no vars and no hooks = %v", attrs)
	}
	if tn.LogPlace() != "" || tn.LogDigits() != "" || tn.Warning() != "" || tn.HookKey("h") != "" {
		t.Error("the zero Turn logs something")
	}
	tn.SecretDigits(true)
	if tn.LogDigits() != "" {
		t.Errorf("secret digits of nothing = %q, want \"\"", tn.LogDigits())
	}
	tn.Var("a", "1")
	if got := logged(tn.LogAttrs()); got != `{"msg":"webhook","vars":{"a":"1"}}` {
		t.Errorf("vars only: %s", got)
	}
}

func TestHookKey(t *testing.T) {
	tn := NewTurn(context.Background(), nil, "", "")
	if got := tn.HookKey("lookup"); got != "" {
		t.Errorf("HookKey without an eventId = %q", got)
	}
	tn.Call.EventID = "e2078079"
	if got := tn.HookKey("lookup"); got != "e2078079/lookup" {
		t.Errorf("HookKey = %q", got)
	}
}

func TestTurnReplyIsFresh(t *testing.T) {
	tn := &Turn{}
	a, b := tn.Reply(), tn.Reply()
	a.Add(NewTemplate(Hangup{}))
	if got := b.Done("").Body(); string(got) != `{"callflow":null}` {
		t.Errorf("second builder shares the first's actions: %s", got)
	}
}

// The hours branches a turn goes through are in its log attrs, in order, a
// second time as NAME#2.
func TestHoursInLogAttrs(t *testing.T) {
	turn := NewTurn(context.Background(), nil, "", "")
	turn.Hours("reception", true)
	turn.Hours("reception", false)
	turn.Hours("lab", false)
	var hours []string
	for _, a := range turn.LogAttrs() {
		if a.Key == "hours" {
			for _, g := range a.Value.Group() {
				hours = append(hours, g.Key+"="+g.Value.String())
			}
		}
	}
	if got, want := strings.Join(hours, " "), "reception=open reception#2=closed lab=closed"; got != want {
		t.Errorf("hours attrs %q, want %q", got, want)
	}
}

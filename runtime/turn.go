package runtime

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Call is the call a webhook belongs to, as 8x8 describes it: what a hook
// knows of the call it runs in.
type Call struct {
	EventID   string `json:"eventId"` // the event's id: the same when 8x8 sends the webhook again
	CallID    string `json:"callId"`
	SessionID string `json:"sessionId"`
	Caller    string `json:"caller"`    // the person on the line: the source of an inbound call, the destination of an outbound one
	Called    string `json:"called"`    // the business's number: the destination of an inbound call, the source of an outbound one
	Direction string `json:"direction"` // INBOUND or OUTBOUND
}

// secretMask is what the log shows of a secret value.
const secretMask = "****"

// Turn is one CALL_ACTION as a flow answers it: what 8x8 sent, and what the
// flow did with it, for the webhook's log line. A Turn is used by one
// goroutine, the request's.
type Turn struct {
	Ctx    context.Context // the request's context
	Call   Call
	ID     string // the clientActionId 8x8 echoed, "" for none
	Digits string // eventData.dtmf, "" for none
	Status string // callStatus

	codec        *StateCodec
	clock        func() time.Time // nil: time.Now
	place        string
	vars         []turnVar
	secretDigits bool
	hooks        []hookRun
	hours        []hoursRun // the hours branches the turn went through
	warnings     []string
	handler      string // "invalid" or "silence": the menu's digits matched nothing

	sess     Session            // as the clientActionId brought it, Turns counting this answer
	lang     int                // the caller's language from now on
	nav      nav                // a move of the history the answer asked for
	reprompt bool               // the menu entered plays its short prompt
	starting bool               // the reply is a call's start: the caller comes from no menu
	history  [MaxHistory]string // room for the history of the next session
	room     []byte             // where Finish writes answer bodies, each after the last
}

// turnVar is a variable as the log shows it.
type turnVar struct {
	name, value string
	secret      bool
}

// hoursRun is an hours branch a turn went through: open or closed.
type hoursRun struct{ name, branch string }

// Hours records that the turn went through hours branch name, open or
// closed, for the log line.
func (t *Turn) Hours(name string, open bool) {
	branch := "closed"
	if open {
		branch = "open"
	}
	t.hours = append(t.hours, hoursRun{name, branch})
}

// hookRun is one run of a hook, for the log.
type hookRun struct {
	name    string
	outcome string
	took    time.Duration
	err     string // "" when it succeeded
}

// NewTurn returns a turn for a flow's Answer outside the handler (tests,
// simulations): Ctx is context.Background() if ctx is nil, the codec is
// codec (nil: DefaultStateCodec).
func NewTurn(ctx context.Context, codec *StateCodec, id, digits string) *Turn {
	if ctx == nil {
		ctx = context.Background()
	}
	return &Turn{Ctx: ctx, ID: id, Digits: digits, codec: codec.orDefault()}
}

// SetCodec sets the codec that reads and writes the turn's state (nil:
// DefaultStateCodec). The handler sets the server's.
func (t *Turn) SetCodec(c *StateCodec) { t.codec = c.orDefault() }

// SetClock sets what tells the turn the time (nil: time.Now), for tests
// of opening hours.
func (t *Turn) SetClock(clock func() time.Time) { t.clock = clock }

// Now is the time of the turn, for opening hours.
func (t *Turn) Now() time.Time {
	if t.clock != nil {
		return t.clock()
	}
	return time.Now()
}

// Codec is the codec of the turn's state: the generated code parses ID and
// writes the next clientActionId with it.
func (t *Turn) Codec() *StateCodec { return t.codec.orDefault() }

// Place records the menu the turn answers, for the log (menu).
func (t *Turn) Place(name string) { t.place = name }

// Var records a variable's value for the log. Variables keep the order of
// their first Var; a second Var of a name replaces the value, except that a
// secret variable stays masked.
func (t *Turn) Var(name, value string) { t.setVar(name, value, false) }

// SecretVar records a secret variable, which the log shows as "****".
func (t *Turn) SecretVar(name string) { t.setVar(name, secretMask, true) }

func (t *Turn) setVar(name, value string, secret bool) {
	for i := range t.vars {
		if v := &t.vars[i]; v.name == name {
			v.secret = v.secret || secret
			v.value = value
			if v.secret {
				v.value = secretMask
			}
			return
		}
	}
	if secret {
		value = secretMask
	}
	t.vars = append(t.vars, turnVar{name, value, secret})
}

// SecretDigits says whether the digits of this turn are secret (a PIN):
// the log then shows "****" instead.
func (t *Turn) SecretDigits(secret bool) { t.secretDigits = secret }

// NoMatch records that the menu's digits matched none of its keys (or did
// not fit its ask's kind): the log line says which handler answered,
// silence when there were no digits, invalid otherwise.
func (t *Turn) NoMatch() {
	t.handler = "invalid"
	if TrimHash(t.Digits) == "" || t.Digits == "" {
		t.handler = "silence"
	}
}

// OverTurns records that the call is over its turns: the log line says
// handler "turns".
func (t *Turn) OverTurns() { t.handler = "turns" }

// Warn records something odd about a request that was still answered, such
// as "clientActionId ...: the caller starts over".
func (t *Turn) Warn(format string, args ...any) {
	t.warnings = append(t.warnings, fmt.Sprintf(format, args...))
}

// Reply returns a fresh builder for a reply assembled per request.
func (t *Turn) Reply() *ReplyBuilder { return &ReplyBuilder{actions: make([]byte, 0, 1024)} }

// HookKey is the idempotency key of a hook run in this turn:
// EventID/HOOK, or "" when 8x8 sent no eventId. 8x8 sends the same eventId
// when it sends a webhook again, so a hook can use the key to do its work
// once.
func (t *Turn) HookKey(hook string) string {
	if t.Call.EventID == "" {
		return ""
	}
	return t.Call.EventID + "/" + hook
}

// LogPlace is the menu the turn answered, for the handler's log line.
func (t *Turn) LogPlace() string { return t.place }

// LogDigits is the digits, "****" when secret, for the handler's log line.
func (t *Turn) LogDigits() string {
	if t.secretDigits && t.Digits != "" {
		return secretMask
	}
	return t.Digits
}

// Warning is the turn's warnings joined with "; ", "" for none, for the
// handler's log line.
func (t *Turn) Warning() string { return strings.Join(t.warnings, "; ") }

// LogAttrs are the groups "vars" (each variable in order), "hooks" (per
// hook run: outcome, ms and, when it failed, error) and "hours" (each hours
// branch gone through: open or closed), each when not empty, for the
// handler's log line. A hook run again in the turn is logged as NAME#2,
// NAME#3..., and so are hours.
func (t *Turn) LogAttrs() []slog.Attr { return t.appendLogAttrs(nil) }

func (t *Turn) appendLogAttrs(attrs []slog.Attr) []slog.Attr {
	if t.handler != "" {
		attrs = append(attrs, slog.String("handler", t.handler))
	}
	if len(t.vars) > 0 {
		vars := make([]any, len(t.vars))
		for i, v := range t.vars {
			vars[i] = slog.String(v.name, v.value)
		}
		attrs = append(attrs, slog.Group("vars", vars...))
	}
	if len(t.hooks) > 0 {
		attrs = append(attrs, slog.Group("hooks", t.hookAttrs()...))
	}
	if len(t.hours) > 0 {
		runs := make([]any, len(t.hours))
		seen := make(map[string]int, len(t.hours))
		for i, h := range t.hours {
			key := h.name
			if seen[h.name]++; seen[h.name] > 1 {
				key += "#" + strconv.Itoa(seen[h.name])
			}
			runs[i] = slog.String(key, h.branch)
		}
		attrs = append(attrs, slog.Group("hours", runs...))
	}
	return attrs
}

// hookAttrs is one group per hook run.
func (t *Turn) hookAttrs() []any {
	groups := make([]any, len(t.hooks))
	seen := make(map[string]int, len(t.hooks))
	for i, h := range t.hooks {
		key := h.name
		if seen[h.name]++; seen[h.name] > 1 {
			key += "#" + strconv.Itoa(seen[h.name])
		}
		attrs := []any{slog.String("outcome", h.outcome), slog.Float64("ms", float64(h.took.Microseconds())/1000)}
		if h.err != "" {
			attrs = append(attrs, slog.String("error", h.err))
		}
		groups[i] = slog.Group(key, attrs...)
	}
	return groups
}

// hookFailed reports whether a hook of the turn failed: the caller took its
// error branch.
func (t *Turn) hookFailed() bool {
	for _, r := range t.hooks {
		if r.err != "" {
			return true
		}
	}
	return false
}

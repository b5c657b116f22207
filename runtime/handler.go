package runtime

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"time"
)

// DefaultMaxBodyBytes limits a webhook's body; 8x8's events are a few KiB.
const DefaultMaxBodyBytes = 64 << 10

// maxDigits is the most digits a sayAndCapture can collect.
const maxDigits = 25

// Options configure NewHandler.
type Options struct {
	Logger       *slog.Logger // nil: slog.Default()
	Auth         string       // the Authorization header every webhook must carry; "" for none
	MaxBodyBytes int64        // 0: DefaultMaxBodyBytes
	// StateKey authenticates the values a flow carries in its
	// clientActionIds (IVR_STATE_KEY); nil: the default key, which detects
	// an id altered or cut short, but not one forged. Every replica, and
	// the next deploy, needs the same key for calls in flight to go on.
	StateKey []byte
	// Clock tells the time for opening hours; nil: time.Now. Tests fix it
	// (IVR_TEST_NOW in a built server).
	Clock func() time.Time
	// AllowFrom are the addresses webhooks may come from (IVR_ALLOW_FROM);
	// none: any. Others get 403. TrustedProxies are the proxies whose
	// X-Forwarded-For says where a request came from (IVR_TRUSTED_PROXIES).
	AllowFrom, TrustedProxies []netip.Prefix
}

// NewHandler serves a flow: POST /webhooks takes every 8x8 Voice event,
// GET /healthz answers 200 with the flow's Name. Every webhook is logged as
// one line "webhook". Without Options.Auth it logs a warning that webhooks
// are not authenticated, and without Options.StateKey, for a flow that
// carries values, that they are not signed.
func NewHandler(flow Flow, opts Options) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	h := &handler{flow: flow, opts: opts, codec: NewStateCodec(opts.StateKey), sources: sources{opts.AllowFrom, opts.TrustedProxies}}
	if opts.Auth != "" {
		sum := sha256.Sum256([]byte(opts.Auth))
		h.authSum = &sum
	} else {
		opts.Logger.Warn("webhooks are not authenticated: set " + EnvWebhookAuth + " (Options.Auth) to the webhook's httpAuthHeader")
	}
	if len(opts.StateKey) == 0 && flow.Stateful() {
		opts.Logger.Warn("the values in clientActionIds are checked but not signed: set " + EnvStateKey + " (Options.StateKey) to a secret, the same for every replica")
	}
	health, _ := json.Marshal(map[string]string{"status": "ok", "flow": flow.Name()})
	h.health = append(health, '\n')
	return h
}

type handler struct {
	flow    Flow
	opts    Options
	codec   *StateCodec
	authSum *[32]byte // SHA-256 of Options.Auth; nil when webhooks need none
	health  []byte
	sources sources
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/webhooks":
		h.webhook(w, r)
	case "/healthz":
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "use GET")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(h.health)
	default:
		writeError(w, http.StatusNotFound, "not found: webhooks go to POST "+mountPrefix(r)+"/webhooks")
	}
}

// mountPrefix is the path the handler is mounted under (with
// http.StripPrefix), "" at the root.
func mountPrefix(r *http.Request) string {
	u, err := url.ParseRequestURI(r.RequestURI)
	if err != nil || !strings.HasSuffix(u.Path, r.URL.Path) {
		return ""
	}
	return u.Path[:len(u.Path)-len(r.URL.Path)]
}

// outcome is what one webhook request came to, for its log line.
type outcome struct {
	event   string
	call    *CallEvent
	turn    *Turn // what the flow did with a CALL_ACTION
	summary *SessionSummary
	next    string
	status  int
	err     error  // why the request was refused or failed
	warning string // something odd about a request that was answered
}

// requestError is a webhook refused with an HTTP status.
type requestError struct {
	status int
	msg    string
}

func (e *requestError) Error() string { return e.msg }

func reject(status int, format string, args ...any) error {
	return &requestError{status, fmt.Sprintf(format, args...)}
}

// exchange is what one webhook needs: the event as fastCallAction decodes
// it, the turn the flow answers, the outcome and the room for its log
// line's attrs. Exchanges are reused, a request's for the next one, once
// its line is written: nothing the flow is given outlives its answer (a
// hook that runs late keeps only its own inputs).
type exchange struct {
	out   outcome
	event fastEvent
	turn  Turn
	attrs [24]slog.Attr
}

var exchanges = sync.Pool{New: func() any { return new(exchange) }}

// maxRoom is the largest answer body an exchange keeps the room of.
const maxRoom = 8 << 10

// release clears x, keeping the room its answers were written in, and
// gives it back for the next request.
func (x *exchange) release() {
	room := x.turn.room[:0]
	if cap(room) > maxRoom {
		room = nil
	}
	*x = exchange{}
	x.turn.room = room
	exchanges.Put(x)
}

func (h *handler) webhook(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	x := exchanges.Get().(*exchange)
	out := &x.out
	out.status = http.StatusOK
	defer func() {
		if p := recover(); p != nil {
			out.status, out.err = http.StatusInternalServerError, fmt.Errorf("panic: %v", p)
			writeError(w, out.status, "internal error")
		}
		h.log(r.Context(), x, start)
		x.release()
	}()
	if err := h.answer(w, r, x); err != nil {
		out.status, out.err = http.StatusBadRequest, err
		if re, ok := err.(*requestError); ok {
			out.status = re.status
		}
		writeError(w, out.status, err.Error())
	}
}

// answer checks a webhook and answers it by event type. An error means
// nothing was written.
func (h *handler) answer(w http.ResponseWriter, r *http.Request, x *exchange) error {
	body, err := h.read(w, r)
	if err != nil {
		return err
	}
	out := &x.out
	if ev, ok := fastCallAction(body, &x.event); ok { // the usual CALL_ACTION, in one pass
		out.event, out.call = EventCallAction, ev
		h.callAction(w, r, x)
		return nil
	}
	env, err := decodeEnvelope(body)
	if env != nil {
		out.event = env.EventType
	}
	if err != nil {
		return err
	}
	switch env.EventType {
	case EventCallAction:
		if out.call, err = decodePayload[CallEvent](env.Payload); err != nil {
			return err
		}
		h.callAction(w, r, x)
	case EventCallStatus:
		out.call, err = decodePayload[CallEvent](env.Payload)
	case EventSessionSummary:
		out.summary, err = decodePayload[SessionSummary](env.Payload)
	default:
		// A 4xx could make 8x8 send it again, and again: take it, and say so.
		out.warning = fmt.Sprintf("unknown eventType %q: answered 200 and ignored", env.EventType)
	}
	return err
}

// callAction answers x.out.call, a CALL_ACTION.
func (h *handler) callAction(w http.ResponseWriter, r *http.Request, x *exchange) {
	reply := h.next(r.Context(), x)
	x.out.next = reply.Next()
	w.Header()["Content-Type"] = jsonContentType
	w.Write(reply.Body())
}

// jsonContentType is every answer's Content-Type, shared: net/http only
// reads a header's values.
var jsonContentType = []string{"application/json"}

// read checks a webhook's method and Authorization, and reads its body. The
// Content-Type is not checked: 8x8 sends JSON, and a JSON body is what
// matters, so a hand-run curl -d (form-encoded by default) still works.
func (h *handler) read(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if err := h.sources.check(r); err != nil {
		return nil, err
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		return nil, reject(http.StatusMethodNotAllowed, "webhooks are POSTed")
	}
	if h.authSum != nil {
		got := sha256.Sum256([]byte(r.Header.Get("Authorization")))
		if subtle.ConstantTimeCompare(got[:], h.authSum[:]) != 1 {
			return nil, reject(http.StatusUnauthorized, "missing or wrong Authorization header")
		}
	}
	// A buffer of the request's own, never reused nor changed: the strings
	// fastCallAction decodes alias it.
	if n := r.ContentLength; n > h.opts.MaxBodyBytes {
		return nil, reject(http.StatusRequestEntityTooLarge, "body over %d bytes", h.opts.MaxBodyBytes)
	} else if n >= 0 {
		return readSized(r.Body, n)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opts.MaxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, reject(http.StatusRequestEntityTooLarge, "body over %d bytes", tooBig.Limit)
	case err != nil:
		return nil, reject(http.StatusBadRequest, "reading body: %v", err)
	}
	return body, nil
}

// readSized reads a body of n bytes, as its Content-Length says, into one
// buffer of that size (net/http ends the body there).
func readSized(body io.Reader, n int64) ([]byte, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(body, b); err != nil {
		return nil, reject(http.StatusBadRequest, "reading body: %v", err)
	}
	return b, nil
}

// decodeEnvelope decodes exactly one JSON object, a VOICE event of a known
// type with an object payload.
func decodeEnvelope(body []byte) (*Envelope, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, reject(http.StatusBadRequest, "empty body: expected an 8x8 event in JSON")
	}
	env := new(Envelope)
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(env); err != nil {
		return nil, reject(http.StatusBadRequest, "not an 8x8 event: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, reject(http.StatusBadRequest, "not an 8x8 event: data after the JSON object")
	}
	if env.EventType == "" {
		return env, reject(http.StatusBadRequest, "eventType is missing")
	}
	if env.Namespace != "" && env.Namespace != "VOICE" {
		return env, reject(http.StatusBadRequest, "namespace %q is not VOICE", env.Namespace)
	}
	switch env.EventType {
	case EventCallAction, EventCallStatus, EventSessionSummary:
	default:
		return env, nil // answered 200 with a warning: 8x8 may add events to the same URL
	}
	if p := bytes.TrimSpace(env.Payload); len(p) == 0 || p[0] != '{' {
		return env, reject(http.StatusBadRequest, "payload must be a JSON object")
	}
	return env, nil
}

// decodePayload decodes an event's payload. On a wrong field type it still
// returns what it decoded, for the log line.
func decodePayload[T any](payload json.RawMessage) (*T, error) {
	v := new(T)
	err := json.Unmarshal(payload, v)
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return v, reject(http.StatusBadRequest, "payload: %s must be %s, not a JSON %s", typeErr.Field, jsonKind(typeErr.Type.Kind()), typeErr.Value)
	case err != nil:
		return v, reject(http.StatusBadRequest, "payload: %v", err)
	}
	return v, nil
}

// jsonKind names the JSON a Go kind decodes from.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Bool:
		return "true or false"
	}
	return "a number"
}

// next picks the reply to a CALL_ACTION. With no clientActionId, digits (or
// a finished capture) answer the outbound call's first capture, which
// belongs to the start menu; anything else is a new inbound call. The flow
// answers the rest, and starts over a caller whose id it cannot read.
func (h *handler) next(ctx context.Context, x *exchange) Reply {
	ev, t := x.out.call, &x.turn
	*t = Turn{Ctx: ctx, Call: ev.call(), ID: ev.Menu(), Digits: ev.Digits(), Status: ev.CallStatus, codec: h.codec, clock: h.opts.Clock, room: t.room}
	x.out.turn = t
	if !isKeypadInput(t.Digits) {
		t.Warn("digits %q are not keypad input: the menu treats them as an invalid key", t.Digits)
	}
	switch {
	case t.ID == "" && t.Digits == "" && ev.CallStatus != "ACTION_COMPLETED":
		return h.flow.Start(t)
	case IsTransfer(t.ID):
		t.Place(t.ID)
		return hangupReply
	}
	return h.flow.Answer(t)
}

// isKeypadInput reports whether digits could come from a sayAndCapture: at
// most 25 of 0-9 * #.
func isKeypadInput(digits string) bool {
	if len(digits) > maxDigits {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if c := digits[i]; (c < '0' || c > '9') && c != '*' && c != '#' {
			return false
		}
	}
	return true
}

func writeError(w http.ResponseWriter, status int, msg string) {
	body, _ := json.Marshal(map[string]string{"error": msg})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// log writes the one line of a webhook: Info when answered, Warn when
// refused or odd, Error when it failed.
func (h *handler) log(ctx context.Context, x *exchange, start time.Time) {
	end := time.Now() // the line's time, and the end of its latency
	latency := end.Sub(start)
	out := &x.out
	var call, session, menu, digits string
	if ev := out.call; ev != nil {
		call, session, menu, digits = ev.CallID, ev.SessionID, ev.Menu(), ev.Digits()
	}
	if t := out.turn; t != nil {
		menu, digits = t.LogPlace(), t.LogDigits()
		out.warning = t.Warning()
	}
	if s := out.summary; s != nil {
		session = s.SessionID
	}
	attrs := append(x.attrs[:0], slog.String("event", out.event), slog.String("call", call), slog.String("session", session),
		slog.String("menu", menu), slog.String("digits", digits), slog.String("next", out.next),
		slog.Int("status", out.status), slog.Float64("latency_ms", float64(latency.Microseconds())/1000))
	attrs = appendEventAttrs(attrs, out)
	if out.turn != nil {
		attrs = out.turn.appendLogAttrs(attrs)
	}
	level := slog.LevelInfo
	if out.warning != "" {
		attrs = append(attrs, slog.String("warning", out.warning))
		level = slog.LevelWarn
	}
	if out.err != nil {
		attrs = append(attrs, slog.String("error", out.err.Error()))
		level = slog.LevelWarn
	}
	if out.turn != nil && out.turn.hookFailed() {
		level = slog.LevelWarn // the caller took a hook's error branch
	}
	if out.status >= 500 {
		level = slog.LevelError
	}
	// The handler's own Handle, not Logger.LogAttrs: the record needs no
	// caller's pc, which costs a stack walk. NewLogHandler's takes the
	// attrs as they are.
	log := h.opts.Logger
	if !log.Enabled(ctx, level) {
		return
	}
	if lh, ok := log.Handler().(*logHandler); ok {
		if done, _ := lh.handleAttrs(end, level, "webhook", attrs); done {
			return
		}
	}
	r := slog.NewRecord(end, level, "webhook", 0)
	r.AddAttrs(attrs...)
	log.Handler().Handle(ctx, r)
}

// appendEventAttrs appends the log attrs particular to the event's type.
func appendEventAttrs(attrs []slog.Attr, out *outcome) []slog.Attr {
	if s := out.summary; s != nil {
		attrs = append(attrs, slog.String("session_status", s.SessionStatus), slog.String("last_action", s.LastAction),
			slog.Int("call_count", s.CallCount))
		if e := s.ErrorDetails; e != nil {
			attrs = append(attrs, slog.Int("error_code", e.ErrorCode), slog.String("error_msg", e.ErrorMsg))
		}
		return attrs
	}
	if out.call != nil {
		return append(attrs, slog.String("call_status", out.call.CallStatus))
	}
	return attrs
}

package runtime

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// DefaultMaxBodyBytes limits a webhook's body; 8x8's events are a few KiB.
const DefaultMaxBodyBytes = 64 << 10

// Options configure NewHandler.
type Options struct {
	Logger       *slog.Logger // nil: slog.Default()
	Auth         string       // the Authorization header every webhook must carry; "" for none
	MaxBodyBytes int64        // 0: DefaultMaxBodyBytes
	Name         string       // the flow's name, for /healthz
}

// NewHandler serves a flow: POST /webhooks takes every 8x8 Voice event,
// GET /healthz answers 200. Every webhook is logged as one line.
func NewHandler(flow Flow, opts Options) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	h := &handler{flow: flow, opts: opts}
	if opts.Auth != "" {
		sum := sha256.Sum256([]byte(opts.Auth))
		h.authSum = &sum
	}
	health, _ := json.Marshal(map[string]string{"status": "ok", "flow": opts.Name})
	h.health = append(health, '\n')
	return h
}

type handler struct {
	flow    Flow
	opts    Options
	authSum *[32]byte
	health  []byte
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
		writeError(w, http.StatusNotFound, "not found: webhooks go to POST /webhooks")
	}
}

// outcome is what one webhook request came to, for its log line.
type outcome struct {
	event   string
	call    *CallEvent
	summary *SessionSummary
	next    string
	status  int
	err     error
}

func (h *handler) webhook(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	out := outcome{status: http.StatusOK}
	defer func() {
		if p := recover(); p != nil {
			out.status, out.err = http.StatusInternalServerError, fmt.Errorf("panic: %v", p)
			writeError(w, out.status, "internal error")
		}
		h.log(r, out, time.Since(start))
	}()
	body, status, err := h.read(w, r)
	if err != nil {
		out.status, out.err = status, err
		writeError(w, status, err.Error())
		return
	}
	h.dispatch(w, body, &out)
}

// read authenticates a webhook and reads its body.
func (h *handler) read(w http.ResponseWriter, r *http.Request) ([]byte, int, error) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		return nil, http.StatusMethodNotAllowed, errors.New("webhooks are POSTed")
	}
	if h.authSum != nil {
		got := sha256.Sum256([]byte(r.Header.Get("Authorization")))
		if subtle.ConstantTimeCompare(got[:], h.authSum[:]) != 1 {
			return nil, http.StatusUnauthorized, errors.New("missing or wrong Authorization header")
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opts.MaxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("body over %d bytes", tooBig.Limit)
	case err != nil:
		return nil, http.StatusBadRequest, fmt.Errorf("reading body: %v", err)
	}
	return body, http.StatusOK, nil
}

// dispatch decodes the envelope and answers by event type.
func (h *handler) dispatch(w http.ResponseWriter, body []byte, out *outcome) {
	var env Envelope
	if err := decodeStrict(body, &env); err != nil {
		out.status, out.err = http.StatusBadRequest, err
		writeError(w, out.status, err.Error())
		return
	}
	out.event = env.EventType
	var err error
	switch {
	case env.Namespace != "" && env.Namespace != "VOICE":
		err = fmt.Errorf("namespace %q is not VOICE", env.Namespace)
	case !isObject(env.Payload):
		err = errors.New("payload must be a JSON object")
	case env.EventType == EventCallAction:
		err = h.callAction(w, env.Payload, out)
	case env.EventType == EventCallStatus:
		out.call = new(CallEvent)
		err = json.Unmarshal(env.Payload, out.call)
	case env.EventType == EventSessionSummary:
		out.summary = new(SessionSummary)
		err = json.Unmarshal(env.Payload, out.summary)
	case env.EventType == "":
		err = errors.New("eventType is missing")
	default:
		err = fmt.Errorf("unknown eventType %q", env.EventType)
	}
	if err != nil {
		out.status, out.err = http.StatusBadRequest, err
		writeError(w, out.status, err.Error())
	}
}

// callAction answers a CALL_ACTION with the flow's next callflow.
func (h *handler) callAction(w http.ResponseWriter, payload []byte, out *outcome) error {
	ev := new(CallEvent)
	if err := json.Unmarshal(payload, ev); err != nil {
		return fmt.Errorf("payload: %v", err)
	}
	out.call = ev
	reply := h.next(ev, out)
	out.next = reply.Next()
	w.Header().Set("Content-Type", "application/json")
	w.Write(reply.Body())
	return nil
}

// next picks the reply to a CALL_ACTION. With no clientActionId, digits (or
// a finished capture) answer the outbound call's first capture, which
// belongs to the start menu; anything else is a new inbound call.
func (h *handler) next(ev *CallEvent, out *outcome) Reply {
	menu, digits := ev.Menu(), ev.Digits()
	switch {
	case menu == "" && digits == "" && ev.CallStatus != "ACTION_COMPLETED":
		return h.flow.Start()
	case IsTransfer(menu):
		return hangupReply
	}
	reply, ok := h.flow.Answer(menu, digits)
	if !ok {
		out.err = fmt.Errorf("unknown clientActionId %q: the caller starts over", menu)
		return h.flow.Start()
	}
	return reply
}

// decodeStrict decodes one JSON value and nothing after it.
func decodeStrict(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return errors.New("empty body: expected an 8x8 event in JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("not an 8x8 event: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("not an 8x8 event: data after the JSON object")
	}
	return nil
}

func isObject(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && t[0] == '{'
}

func writeError(w http.ResponseWriter, status int, msg string) {
	body, _ := json.Marshal(map[string]string{"error": msg})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// log writes the one line of a webhook.
func (h *handler) log(r *http.Request, out outcome, latency time.Duration) {
	attrs := []slog.Attr{slog.String("event", out.event)}
	if ev := out.call; ev != nil {
		attrs = append(attrs, slog.String("call", ev.CallID), slog.String("session", ev.SessionID),
			slog.String("call_status", ev.CallStatus), slog.String("menu", ev.Menu()), slog.String("digits", ev.Digits()))
	}
	if s := out.summary; s != nil {
		attrs = append(attrs, slog.String("session", s.SessionID), slog.String("session_status", s.SessionStatus),
			slog.String("last_action", s.LastAction), slog.Int("call_count", s.CallCount))
		if e := s.ErrorDetails; e != nil {
			attrs = append(attrs, slog.Int("error_code", e.ErrorCode), slog.String("error_msg", e.ErrorMsg))
		}
	}
	if out.next != "" {
		attrs = append(attrs, slog.String("next", out.next))
	}
	attrs = append(attrs, slog.Int("status", out.status), slog.Float64("latency_ms", float64(latency.Microseconds())/1000))
	level := slog.LevelInfo
	if out.err != nil {
		attrs = append(attrs, slog.String("error", out.err.Error()))
		level = slog.LevelWarn
	}
	if out.status >= 500 {
		level = slog.LevelError
	}
	h.opts.Logger.LogAttrs(r.Context(), level, "webhook", attrs...)
}

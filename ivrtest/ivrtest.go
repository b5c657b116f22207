// Package ivrtest dials a generated flow in a Go test: a call posts
// CALL_ACTIONs through ivrruntime.NewHandler, as 8x8 posts them, presses
// keys, waits in silence, and checks what the caller hears, where they wait,
// and how the call ends. A Coverage, built from the .ivr file, records the
// keys, handlers and hook outcomes the calls took, and reports those no test
// took.
//
//	cov := ivrtest.NewCoverage(t, "booking.ivr")
//	call := ivrtest.Dial(t, flow, cov)
//	call.Hears("Welcome to Luigi's").In("main")
//	call.Press("0").TransferredTo("+6562345678")
//	t.Log(cov.Report())
package ivrtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

// Action is one action of an answer's callflow.
type Action struct {
	Kind        string // say, play, sayAndCapture, makeCall, hangup
	Text        string // what a say or a capture's prompt says
	URL         string // what a play plays
	Destination string // where a makeCall transfers the call
}

// Answer is the flow's answer to one CALL_ACTION.
type Answer struct {
	Actions []Action
	Menu    string // the menu the caller waits in, "" when the call leaves the flow
	JSON    []byte // the body, as 8x8 gets it
	id      string
	keys    int // the most keys the capture takes
}

// Call is one inbound call to a flow.
type Call struct {
	t     testing.TB
	h     http.Handler
	logs  *lockedBuffer
	cov   *Coverage
	last  Answer
	n     int
	ended bool
}

// Option changes how Dial calls.
type Option func(*ivrruntime.Options)

// At fixes the time of the call, for opening hours.
func At(now time.Time) Option {
	return func(o *ivrruntime.Options) { o.Clock = func() time.Time { return now } }
}

// Dial starts an inbound call to flow: the flow answers 8x8's first
// CALL_ACTION. A non-nil cov records what the call takes.
func Dial(t testing.TB, flow ivrruntime.Flow, cov *Coverage, opts ...Option) *Call {
	t.Helper()
	logs := &lockedBuffer{}
	o := ivrruntime.Options{Logger: slog.New(slog.NewJSONHandler(logs, nil)), Auth: "ivrtest"}
	for _, opt := range opts {
		opt(&o)
	}
	h := ivrruntime.NewHandler(flow, o)
	c := &Call{t: t, h: h, logs: logs, cov: cov}
	c.post(nil, "CALL_RECEIVED")
	return c
}

// Press answers the capture the caller waits in with keys ("1", "4#").
func (c *Call) Press(keys string) *Call {
	c.t.Helper()
	return c.send(&keys)
}

// Silence answers it with no key.
func (c *Call) Silence() *Call {
	c.t.Helper()
	return c.send(new(string))
}

func (c *Call) send(digits *string) *Call {
	c.t.Helper()
	if c.ended {
		c.t.Fatalf("ivrtest: the call has ended: %s", c.last.describe())
	}
	if c.last.Menu == "" {
		c.t.Fatalf("ivrtest: the caller waits in no menu: %s", c.last.describe())
	}
	keys := strings.TrimSuffix(*digits, "#") // the # that ends the input
	if strings.Trim(*digits, "0123456789*#") != "" || len(keys) > c.last.keys {
		most := fmt.Sprintf("%d keys", c.last.keys)
		if c.last.keys == 1 {
			most = "1 key"
		}
		c.t.Fatalf("ivrtest: 8x8 cannot send %q from %s, which takes at most %s of 0-9, * and #", *digits, c.last.Menu, most)
	}
	c.post(digits, "ACTION_COMPLETED")
	return c
}

// post sends one CALL_ACTION and reads the answer.
func (c *Call) post(digits *string, status string) {
	c.t.Helper()
	c.n++
	payload := map[string]any{
		"eventId": fmt.Sprintf("ivrtest-%d", c.n), "callId": "ivrtest-call", "sessionId": "ivrtest-session",
		"callStatus": status, "callDirection": "INBOUND", "source": "+15550000999", "destination": "+15550000100",
	}
	if digits != nil {
		payload["clientActionId"] = c.last.id
		payload["eventData"] = map[string]any{"dtmf": *digits}
	}
	body, _ := json.Marshal(map[string]any{"namespace": "VOICE", "eventType": "CALL_ACTION", "payload": payload})
	req := httptest.NewRequest(http.MethodPost, "/webhooks", bytes.NewReader(body))
	req.Header.Set("Authorization", "ivrtest")
	rec := httptest.NewRecorder()
	mark := c.logs.Len()
	c.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		c.t.Fatalf("ivrtest: the flow answered %d: %s", rec.Code, rec.Body)
	}
	c.last = parseAnswer(c.t, rec.Body.Bytes())
	c.ended = c.last.Menu == ""
	if c.cov != nil {
		c.cov.record(c.t, c.logs.From(mark))
	}
}

// parseAnswer reads {"clientActionId": ..., "callflow": [...]}.
func parseAnswer(t testing.TB, body []byte) Answer {
	t.Helper()
	var raw struct {
		ClientActionID string `json:"clientActionId"`
		Callflow       []struct {
			Action string `json:"action"`
			Params struct {
				Text          string `json:"text"`
				PromptMessage string `json:"promptMessage"`
				FileURL       string `json:"fileUrl"`
				Destination   string `json:"destination"`
				MaxDigits     int    `json:"maxDigits"`
			} `json:"params"`
		} `json:"callflow"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatalf("ivrtest: the answer is not a callflow: %v: %s", err, body)
	}
	a := Answer{JSON: body, id: raw.ClientActionID}
	for _, x := range raw.Callflow {
		act := Action{Kind: x.Action, Text: x.Params.Text, URL: x.Params.FileURL, Destination: x.Params.Destination}
		if x.Action == "sayAndCapture" {
			act.Text = x.Params.PromptMessage
			a.Menu, a.keys = placeOf(raw.ClientActionID), x.Params.MaxDigits
		}
		a.Actions = append(a.Actions, act)
	}
	return a
}

// placeOf is the menu a clientActionId puts the caller in: 2|PLACE|...,
// or the id itself.
func placeOf(id string) string {
	if _, rest, ok := strings.Cut(id, "|"); ok {
		id, _, _ = strings.Cut(rest, "|")
	}
	return id
}

// Last is the flow's last answer.
func (c *Call) Last() Answer { return c.last }

// Hears checks that the last answer says each text (a say or a prompt
// that holds it), in order.
func (c *Call) Hears(texts ...string) *Call {
	c.t.Helper()
	i := 0
	for _, a := range c.last.Actions {
		if i < len(texts) && a.Text != "" && strings.Contains(a.Text, texts[i]) {
			i++
		}
	}
	if i < len(texts) {
		c.t.Errorf("ivrtest: the caller does not hear %q: %s", texts[i], c.last.describe())
	}
	return c
}

// In checks that the caller waits in menu (an ask's read-back is
// ASK/confirm).
func (c *Call) In(menu string) *Call {
	c.t.Helper()
	if c.last.Menu != menu {
		c.t.Errorf("ivrtest: the caller is not in %s: %s", menu, c.last.describe())
	}
	return c
}

// TransferredTo checks that the call was transferred to the number (E.164).
func (c *Call) TransferredTo(number string) *Call {
	c.t.Helper()
	if n := len(c.last.Actions); n == 0 || c.last.Actions[n-1].Kind != "makeCall" || c.last.Actions[n-1].Destination != number {
		c.t.Errorf("ivrtest: the call is not transferred to %s: %s", number, c.last.describe())
	}
	return c
}

// HungUp checks that the flow hung up.
func (c *Call) HungUp() *Call {
	c.t.Helper()
	if n := len(c.last.Actions); n == 0 || c.last.Actions[n-1].Kind != "hangup" {
		c.t.Errorf("ivrtest: the flow does not hang up: %s", c.last.describe())
	}
	return c
}

// describe says what an answer does, for messages.
func (a Answer) describe() string {
	var parts []string
	for _, x := range a.Actions {
		switch x.Kind {
		case "say", "sayAndCapture":
			parts = append(parts, fmt.Sprintf("%s %q", x.Kind, x.Text))
		case "play":
			parts = append(parts, "play "+x.URL)
		case "makeCall":
			parts = append(parts, "makeCall "+x.Destination)
		default:
			parts = append(parts, x.Kind)
		}
	}
	where := "the call leaves the flow"
	if a.Menu != "" {
		where = "the caller waits in " + a.Menu
	}
	return strings.Join(parts, ", ") + "; " + where
}

// lockedBuffer is the handler's log, read line by line by the call.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Len()
}

// From is what was written from offset on.
func (l *lockedBuffer) From(offset int) []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]byte(nil), l.b.Bytes()[offset:]...)
}

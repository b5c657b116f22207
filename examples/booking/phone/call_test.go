package phone

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	ivrruntime "github.com/ivrgen/ivrgen/runtime"

	"example.com/booking/bookings"
	"example.com/booking/internal/testdb"
	"example.com/booking/internal/testlog"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// webhookAuth is the Authorization header the test server wants.
const webhookAuth = "Bearer test-webhooks"

// saturdayEvening is the tests' clock: 19:30 in Rome on Saturday 14 March 2026.
var saturdayEvening = time.Date(2026, time.March, 14, 19, 30, 0, 0, rome)

var rome = mustZone("Europe/Rome")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// line is Luigi's phone line under test: the generated flow on a database,
// behind ivrruntime's webhook handler, as the server runs it.
type line struct {
	t     *testing.T
	url   string
	store *bookings.Store
	log   *testlog.Buffer // the handler's JSON log lines
}

// newLine serves the flow on the database at where, with references
// drawn from refs in turn.
func newLine(t *testing.T, where string, tables int, refs ...string) *line {
	t.Helper()
	var next atomic.Int64
	cfg := bookings.Config{TablesPerDay: tables, NewRef: func() string {
		return refs[int(next.Add(1)-1)%len(refs)]
	}}
	store, err := bookings.Open(context.Background(), where, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	hooks := &StoreHooks{Store: store, Zone: rome, Now: func() time.Time { return saturdayEvening }}
	flow, err := New(Numbers{
		VirtualNumber: ivrruntime.MustNumber("+6531591234"),
		Staff:         ivrruntime.MustNumber("+6562345678"),
	}, hooks)
	if err != nil {
		t.Fatal(err)
	}
	log := &testlog.Buffer{}
	h := ivrruntime.NewHandler(flow, ivrruntime.Options{
		Logger:   slog.New(slog.NewJSONHandler(log, nil)),
		Auth:     webhookAuth,
		StateKey: []byte("a test key, the same for every replica"),
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &line{t: t, url: srv.URL + "/webhooks", store: store, log: log}
}

// call is one caller on the line. It keeps what 8x8 keeps: the
// clientActionId of the last answer, echoed with the next digits.
type call struct {
	line   *line
	id     string // call id
	caller string
	next   string // the clientActionId to echo
	events int
	last   []byte // the last webhook sent
}

var calls atomic.Int64

// dial starts an inbound call: 8x8's first CALL_ACTION.
func (l *line) dial() (*call, reply) {
	n := calls.Add(1)
	c := &call{line: l, id: fmt.Sprintf("call-%d", n), caller: fmt.Sprintf("+659000%04d", n)}
	return c, c.send("CALL_RECEIVED", nil)
}

// press answers the last capture with digits, "" for none (dtmf null).
func (c *call) press(digits string) reply {
	c.line.t.Helper()
	var dtmf *string
	if digits != "" {
		dtmf = &digits
	}
	return c.send("ACTION_COMPLETED", dtmf)
}

// send posts a CALL_ACTION shaped as 8x8 sends it, with a new eventId,
// and checks the answer.
func (c *call) send(status string, dtmf *string) reply {
	c.line.t.Helper()
	c.events++
	payload := map[string]any{
		"eventId": fmt.Sprintf("%s-event-%d", c.id, c.events), "callId": c.id, "sessionId": c.id + "-session",
		"subAccountId": "luigis", "callStatus": status, "callDirection": "INBOUND", "callType": "PSTN",
		"source": c.caller, "destination": "+6531591234", "sourceFormat": "MSISDN", "destinationFormat": "MSISDN",
		"callDuration": c.events * 7, "sipCode": 200, "timestamp": "2026-03-14T18:30:00.000Z",
	}
	if status != "CALL_RECEIVED" {
		payload["clientActionId"] = c.next
		payload["eventData"] = map[string]any{"dtmf": dtmf}
	}
	body, err := json.Marshal(map[string]any{"namespace": "VOICE", "eventType": "CALL_ACTION",
		"description": "Action completed on a call", "payload": payload})
	if err != nil {
		c.line.t.Fatal(err)
	}
	c.last = body
	return c.post(body)
}

// resend sends the last webhook again, as 8x8 does when an answer is late.
func (c *call) resend() reply {
	c.line.t.Helper()
	return c.post(c.last)
}

func (c *call) post(body []byte) reply {
	t := c.line.t
	t.Helper()
	status, answer := c.line.post(body, webhookAuth)
	if status != http.StatusOK {
		t.Fatalf("webhook answered %d: %s", status, answer)
	}
	r, err := checkReply(answer)
	if err != nil {
		t.Fatalf("the answer breaks 8x8's callflow rules: %v\n%s", err, answer)
	}
	c.next = r.ClientActionID
	return r
}

// post POSTs a webhook with an Authorization header.
func (l *line) post(body []byte, auth string) (int, []byte) {
	l.t.Helper()
	req, err := http.NewRequest(http.MethodPost, l.url, bytes.NewReader(body))
	if err != nil {
		l.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		l.t.Fatal(err)
	}
	return resp.StatusCode, answer
}

// webhookLogs are the handler's "webhook" log lines so far, decoded.
func (l *line) webhookLogs() []map[string]any {
	var lines []map[string]any
	for _, s := range strings.Split(strings.TrimSpace(l.log.String()), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(s), &m) == nil && m["msg"] == "webhook" {
			lines = append(lines, m)
		}
	}
	return lines
}

// hookLog is the log of hook name's run in a webhook's log line: outcome,
// ms and error; nil if the hook did not run.
func hookLog(line map[string]any, name string) map[string]any {
	hooks, _ := line["hooks"].(map[string]any)
	run, _ := hooks[name].(map[string]any)
	return run
}

// spoken is what the caller hears, action by action: say texts, capture
// prompts (as "capture: ..."), "transfer to NUMBER" and "hangup".
func (r reply) spoken() []string {
	var out []string
	for _, a := range r.Callflow {
		switch a.Action {
		case "say":
			s := a.Params.Text
			if a.Params.Repetition > 1 {
				s += fmt.Sprintf(" (x%d)", a.Params.Repetition)
			}
			out = append(out, s)
		case "sayAndCapture":
			out = append(out, "capture: "+a.Params.PromptMessage)
		case "makeCall":
			out = append(out, "transfer to "+a.Params.Destination)
		default:
			out = append(out, a.Action)
		}
	}
	return out
}

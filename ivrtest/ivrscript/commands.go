// Package ivrscript holds the testscript commands ivrgen's own scripts use
// to drive a server as 8x8 would, for scripts of your own:
//
//	testscript.Run(t, testscript.Params{Dir: "testdata", Cmds: ivrscript.Commands()})
//
// vca posts a CALL_ACTION and checks the answer against 8x8's rules (an
// answer 8x8 would refuse fails the script); post and get send any request;
// freeport and waitserver start a server on a free port; fake8x8 and
// fakehook stand in for the Callflows API and for an HTTP hook, and their
// -requests commands print what they were sent.
package ivrscript

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ivrgen/ivrgen/internal/callflowcheck"
)

// Commands are the commands, by name, for testscript.Params.Cmds.
func Commands() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"freeport":          cmdFreeport,
		"waitserver":        cmdWaitserver,
		"get":               cmdGet,
		"post":              cmdPost,
		"vca":               cmdVCA,
		"fake8x8":           cmdFake8x8,
		"fake8x8-requests":  cmdFake8x8Requests,
		"fakehook":          cmdFakehook,
		"fakehook-requests": cmdFakehookRequests,
	}
}

// freeport NAME: sets NAME to a TCP port free on 127.0.0.1.
func cmdFreeport(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport NAME")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	ts.Setenv(args[0], fmt.Sprint(ln.Addr().(*net.TCPAddr).Port))
	ts.Check(ln.Close())
}

// waitserver URL: waits up to 30s for GET URL to answer 200.
func cmdWaitserver(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitserver URL")
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(args[0])
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			ts.Fatalf("%s did not answer 200 within 30s (last error: %v)", args[0], err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// get URL: prints the status, then the body (JSON indented).
func cmdGet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: get URL")
	}
	resp, err := http.Get(args[0])
	ts.Check(err)
	printResponse(ts, resp, false)
}

// post [-H 'Name: value']... URL FILE: POSTs FILE as JSON; prints the
// status, then the body. A 200 answer to a CALL_ACTION must obey 8x8's
// rules, and sets ID to its clientActionId, for the next vca.
func cmdPost(ts *testscript.TestScript, neg bool, args []string) {
	headers := http.Header{"Content-Type": {"application/json"}}
	for len(args) > 1 && args[0] == "-H" {
		name, value, _ := strings.Cut(args[1], ":")
		headers.Set(strings.TrimSpace(name), strings.TrimSpace(value))
		args = args[2:]
	}
	if neg || len(args) != 2 {
		ts.Fatalf("usage: post [-H 'Name: value']... URL FILE")
	}
	send(ts, args[0], []byte(ts.ReadFile(args[1])), headers)
}

func send(ts *testscript.TestScript, url string, body []byte, headers http.Header) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	ts.Check(err)
	req.Header = headers
	resp, err := http.DefaultClient.Do(req)
	ts.Check(err)
	var ev struct{ EventType string }
	json.Unmarshal(body, &ev)
	printResponse(ts, resp, ev.EventType == "CALL_ACTION")
}

func printResponse(ts *testscript.TestScript, resp *http.Response, callAction bool) {
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	ts.Check(err)
	fmt.Fprintln(ts.Stdout(), resp.StatusCode)
	if callAction && resp.StatusCode == http.StatusOK {
		if err := callflowcheck.CheckReply(body); err != nil {
			ts.Fatalf("the answer breaks 8x8's rules: %v\n%s", err, body)
		}
		var next struct{ ClientActionID string }
		json.Unmarshal(body, &next)
		ts.Setenv("ID", next.ClientActionID) // what 8x8 echoes in the next CALL_ACTION
	}
	ts.Stdout().Write(indent(body))
}

func indent(body []byte) []byte {
	var out bytes.Buffer
	if json.Indent(&out, body, "", "  ") != nil {
		return body
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// vca [-e EVENTID] URL CLIENTACTIONID DIGITS [CALLSTATUS]: POSTs a
// CALL_ACTION shaped as 8x8 sends it. "-" leaves clientActionId out; "-"
// for DIGITS sends "dtmf": null. The call status is ACTION_COMPLETED, or
// CALL_RECEIVED (an inbound call's first event) when both are "-", unless
// CALLSTATUS says. -e gives the event its own id (a hook's idempotency key
// comes from it); the same id is a webhook sent again.
func cmdVCA(ts *testscript.TestScript, neg bool, args []string) {
	eventID := ""
	if len(args) > 1 && args[0] == "-e" {
		eventID, args = args[1], args[2:]
	}
	if neg || len(args) < 3 || len(args) > 4 {
		ts.Fatalf("usage: vca [-e EVENTID] URL CLIENTACTIONID|- DIGITS|- [CALLSTATUS]")
	}
	payload := map[string]any{}
	ts.Check(json.Unmarshal([]byte(vcaPayload), &payload))
	if eventID != "" {
		payload["eventId"] = eventID
	}
	if args[1] != "-" {
		payload["clientActionId"] = args[1]
	}
	if args[2] != "-" {
		payload["eventData"] = map[string]any{"dtmf": args[2]}
	}
	if args[1] == "-" && args[2] == "-" {
		payload["callStatus"] = "CALL_RECEIVED"
	}
	if len(args) == 4 {
		payload["callStatus"] = args[3]
	}
	body, err := json.Marshal(map[string]any{
		"namespace": "VOICE", "eventType": "CALL_ACTION",
		"description": "Action completed on a call", "payload": payload,
	})
	ts.Check(err)
	send(ts, args[0], body, http.Header{"Content-Type": {"application/json"}})
}

// vcaPayload is a CALL_ACTION payload as in 8x8's guide, after a capture.
const vcaPayload = `{
  "eventId": "e2078079-eae8-11f0-ae64-a500004e488e",
  "callId": "e1ff6a14-eae8-11f0-baa6-c93abb37794a",
  "sessionId": "e1ff6a15-eae8-11f0-baa6-c147150ab00e",
  "subAccountId": "8x8_test",
  "callStatus": "ACTION_COMPLETED",
  "callDirection": "INBOUND",
  "callType": "PSTN",
  "source": "+656833033",
  "destination": "+94778066434",
  "sourceFormat": "MSISDN",
  "destinationFormat": "MSISDN",
  "sourceCountryCode": "SG",
  "destinationCountryCode": "LK",
  "callDuration": 12,
  "sipCode": 200,
  "timestamp": "2026-01-06T10:17:31.375Z",
  "eventData": {"dtmf": null}
}`

// fake8x8 is an in-process stand-in for the Callflows API.
type fake8x8 struct {
	mu       sync.Mutex
	requests []string
}

type fakeKey string

// fake8x8 NAME [refuse CODE MESSAGE]: starts a fake Callflows API at $NAME
// that records requests and creates a session, or refuses with CODE.
func cmdFake8x8(ts *testscript.TestScript, neg bool, args []string) {
	if neg || (len(args) != 1 && (len(args) != 4 || args[1] != "refuse")) {
		ts.Fatalf("usage: fake8x8 NAME [refuse CODE MESSAGE]")
	}
	f := &fake8x8{}
	answer := []byte(`{"sessionId":"6e0d1b1c-376b-11ef-a28b-0582ff0039d5","sessionStatus":"CREATED","callFlowRequestId":"6e0c9f2b-376b-11ef-a28b-4dd5d900ecb3","statusCode":1,"statusMessage":"Created"}`)
	status := http.StatusOK
	if len(args) == 4 {
		msg, _ := json.Marshal(args[3])
		answer = []byte(fmt.Sprintf(`{"sessionStatus":"NOT_CREATED","callFlowRequestId":"c6e6dee5-3846-11ef-9e95-b903e2ed7273","statusCode":%s,"statusMessage":%s}`, args[2], msg))
		status = http.StatusBadRequest
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		verdict := "valid"
		if err := callflowcheck.CheckRequest(body); err != nil {
			verdict = "invalid: " + err.Error()
		}
		f.mu.Lock()
		f.requests = append(f.requests, fmt.Sprintf("%s %s\nAuthorization: %s\nContent-Type: %s\n%s%s\n",
			r.Method, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Content-Type"), indent(body), verdict))
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(answer)
	}))
	ts.Defer(srv.Close)
	ts.Setenv(args[0], srv.URL)
	fakes.Store(fakeKey(ts.Name()+"/"+args[0]), f)
}

var fakes sync.Map

// fake8x8-requests NAME: prints what the fake API at $NAME received.
func cmdFake8x8Requests(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: fake8x8-requests NAME")
	}
	v, ok := fakes.Load(fakeKey(ts.Name() + "/" + args[0]))
	if !ok {
		ts.Fatalf("no fake8x8 %s", args[0])
	}
	f := v.(*fake8x8)
	f.mu.Lock()
	defer f.mu.Unlock()
	fmt.Fprint(ts.Stdout(), strings.Join(f.requests, ""))
}

// fakehook is an in-process stand-in for a business's hook over HTTP.
type fakehook struct {
	mu       sync.Mutex
	answers  []hookAnswer
	requests []string
}

// hookAnswer is one scripted answer: a status, a delay, a body.
type hookAnswer struct {
	status int
	delay  time.Duration
	body   string
}

// fakehook NAME FILE: starts a fake hook service at $NAME that answers the
// n-th request with the n-th line of FILE, "STATUS DELAY BODY" (200 0s
// {"outcome":"booked"}), the last line again once they run out; it records
// every request for fakehook-requests.
func cmdFakehook(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: fakehook NAME FILE")
	}
	f := &fakehook{}
	for _, line := range strings.Split(strings.TrimSpace(ts.ReadFile(args[1])), "\n") {
		fields := strings.SplitN(line, " ", 3)
		if len(fields) < 2 {
			ts.Fatalf("fakehook %s: %q is not STATUS DELAY BODY", args[1], line)
		}
		status, err := strconv.Atoi(fields[0])
		ts.Check(err)
		delay, err := time.ParseDuration(fields[1])
		ts.Check(err)
		a := hookAnswer{status: status, delay: delay}
		if len(fields) == 3 {
			a.body = fields[2]
		}
		f.answers = append(f.answers, a)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		a := f.answers[min(len(f.requests), len(f.answers)-1)]
		f.requests = append(f.requests, fmt.Sprintf("%s %s\nAuthorization: %s\nIdempotency-Key: %s\nContent-Type: %s\n%s",
			r.Method, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Idempotency-Key"), r.Header.Get("Content-Type"), indent(body)))
		f.mu.Unlock()
		select {
		case <-time.After(a.delay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}))
	ts.Defer(srv.Close)
	ts.Setenv(args[0], srv.URL)
	fakes.Store(fakeKey(ts.Name()+"/hook/"+args[0]), f)
}

// fakehook-requests NAME: prints what the fake hook at $NAME received.
func cmdFakehookRequests(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: fakehook-requests NAME")
	}
	v, ok := fakes.Load(fakeKey(ts.Name() + "/hook/" + args[0]))
	if !ok {
		ts.Fatalf("no fakehook %s", args[0])
	}
	f := v.(*fakehook)
	f.mu.Lock()
	defer f.mu.Unlock()
	fmt.Fprint(ts.Stdout(), strings.Join(f.requests, ""))
}

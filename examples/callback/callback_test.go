package callback

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/ivrgen/ivrgen/internal/callflowcheck"
	"github.com/ivrgen/ivrgen/internal/flowtest"
	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

const (
	virtualNumber = "+6531591234"
	agentNumber   = "+6562345678"
	customer      = "+6591234567"
)

// The texts of callback.ivr.
const (
	question = "Hello, this is A B C support calling about your recent ticket. If your issue is resolved, press 1. To speak to an agent, press 2."
	thanks   = "Thank you for letting us know. Goodbye."
	hold     = "Please hold while we connect you to an agent."
	sorry    = "Sorry, that is not one of the options."
	goodbye  = "We did not hear a choice. We will try again later. Goodbye."
)

// obj is a JSON object as encoding/json decodes it into an any.
type obj = map[string]any

// The callflows these tests expect, written from callback.ivr and 8x8's
// field names rather than from the runtime's types.

func reply(clientActionID string, actions ...obj) obj {
	flow := make([]any, len(actions))
	for i, a := range actions {
		flow[i] = a
	}
	r := obj{"callflow": flow}
	if clientActionID != "" {
		r["clientActionId"] = clientActionID
	}
	return r
}

// followup is the sayAndCapture of menu followup: the file's voice and
// tries 3, every other setting 8x8's default as ivrgen documents it.
func followup() obj {
	return obj{"action": "sayAndCapture", "params": obj{
		"promptMessage":  question,
		"voiceProfile":   "en-GB-Emma",
		"speed":          1.0,
		"minDigits":      1.0,
		"maxDigits":      1.0,
		"digitTimeout":   5000.0,
		"overallTimeout": 10000.0,
		"completeOnHash": true,
		"noOfTries":      3.0,
	}}
}

func say(text string) obj {
	return obj{"action": "say", "params": obj{"text": text, "voiceProfile": "en-GB-Emma", "speed": 1.0}}
}

func makeCall(source, destination string) obj {
	return obj{"action": "makeCall", "params": obj{"source": source, "destination": destination}}
}

func hangup() obj { return obj{"action": "hangup"} }

// The replies of callback.ivr.
var (
	wantQuestion = reply("followup", followup())
	wantThanks   = reply("", say(thanks), hangup())
	wantTransfer = reply("transfer:agent", say(hold), makeCall(virtualNumber, agentNumber))
	wantSorry    = reply("followup", say(sorry), followup())
	wantGoodbye  = reply("", say(goodbye), hangup())
)

// expectBody checks body against 8x8's rules, then against want, exactly.
func expectBody(t *testing.T, body []byte, want obj) {
	t.Helper()
	if err := callflowcheck.CheckReply(body); err != nil {
		t.Errorf("8x8 would refuse the reply: %v\n%s", err, body)
	}
	var got any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("reply is not JSON: %v\n%s", err, body)
	}
	if m, ok := got.(map[string]any); ok {
		if id, ok := m["clientActionId"].(string); ok {
			m["clientActionId"] = flowtest.PlaceOf(t, id)
		}
	}
	if !reflect.DeepEqual(got, any(want)) {
		wantJSON, _ := json.Marshal(want)
		t.Errorf("reply =\n%s\nwant\n%s", body, wantJSON)
	}
}

func expect(t *testing.T, r ivrruntime.Reply, want obj) {
	t.Helper()
	expectBody(t, r.Body(), want)
}

func newFlow(t *testing.T) *Flow {
	t.Helper()
	f, err := New(Numbers{
		VirtualNumber: ivrruntime.MustNumber(virtualNumber),
		Agent:         ivrruntime.MustNumber(agentNumber),
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestFollowup answers every input the followup menu can get: both keys,
// keys it does not list (which ask again), and silence (which says goodbye
// and ends the call).
func TestFollowup(t *testing.T) {
	f := newFlow(t)
	tests := []struct {
		name, digits string
		want         obj
	}{
		{"resolved", "1", wantThanks},
		{"agent", "2", wantTransfer},
		{"resolved, ended with #", "1#", wantThanks},
		{"agent, ended with #", "2#", wantTransfer},
		{"invalid key", "3", wantSorry},
		{"invalid zero", "0", wantSorry},
		{"invalid star", "*", wantSorry},
		{"silence", "", wantGoodbye},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, warn := answer(f, "followup", tt.digits)
			if warn != "" {
				t.Fatalf(`Answer("followup"): %s`, warn)
			}
			expect(t, r, tt.want)
		})
	}
}

// TestInvalidGoesBackToFollowup follows the invalid key's clientActionId
// back into the menu, as 8x8 would, and presses a good key there.
func TestInvalidGoesBackToFollowup(t *testing.T) {
	f := newFlow(t)
	r, _ := answer(f, "followup", "9")
	sorry := decodeID(t, r)
	m, ok := ParseMenu(flowtest.PlaceOf(t, sorry))
	if !ok || m != MenuFollowup {
		t.Fatalf("the invalid key's clientActionId %q is not menu followup", sorry)
	}
	r, warn := answer(f, sorry, "2")
	if warn != "" {
		t.Fatalf("Answer(%q): %s", sorry, warn)
	}
	expect(t, r, wantTransfer)
}

// answer asks the flow, as the webhook handler does, for the reply to
// digits in the menu the clientActionId id names. warning is what the
// handler would log: "" when the flow knew the menu.
func answer(f *Flow, id, digits string) (r ivrruntime.Reply, warning string) {
	t := ivrruntime.NewTurn(context.Background(), nil, id, digits)
	r = f.Answer(t)
	return r, t.Warning()
}

func decodeID(t *testing.T, r ivrruntime.Reply) string {
	t.Helper()
	var got struct {
		ClientActionID string `json:"clientActionId"`
	}
	if err := json.Unmarshal(r.Body(), &got); err != nil {
		t.Fatalf("reply is not JSON: %v\n%s", err, r.Body())
	}
	return got.ClientActionID
}

func TestStart(t *testing.T) {
	f := newFlow(t)
	expect(t, f.Start(ivrruntime.NewTurn(context.Background(), nil, "", "")), wantQuestion)
	expect(t, f.enter[MenuFollowup], wantQuestion)
	if MenuFollowup.String() != "followup" {
		t.Errorf("MenuFollowup.String() = %q", MenuFollowup.String())
	}
	// An outbound call's capture comes back without a clientActionId: the
	// start menu, followup, answers it.
	for digits, want := range map[string]obj{"1": wantThanks, "2": wantTransfer, "5": wantSorry, "": wantGoodbye} {
		r, warn := answer(f, "", digits)
		if warn != "" {
			t.Fatalf("Answer(\"\", %q): %s", digits, warn)
		}
		expect(t, r, want)
	}
	for _, id := range []string{"main", "transfer:agent"} { // no menu main; a transfer is not a menu
		if r, warn := answer(f, id, "1"); warn == "" || !bytes.Equal(r.Body(), f.Start(ivrruntime.NewTurn(context.Background(), nil, "", "")).Body()) {
			t.Errorf("Answer(%q) = %s with no warning, want the start menu and a warning", id, r.Body())
		}
	}
}

// TestStartCapture checks the capture that follows makeCall on the
// outbound call: the followup question, asked up to three times.
func TestStartCapture(t *testing.T) {
	c, _ := newFlow(t).StartCapture()
	want := ivrruntime.SayAndCapture{
		PromptMessage:  question,
		VoiceProfile:   "en-GB-Emma",
		Speed:          1,
		MinDigits:      1,
		MaxDigits:      1,
		DigitTimeout:   5000,
		OverallTimeout: 10000,
		CompleteOnHash: true,
		NoOfTries:      3,
	}
	if c != want {
		t.Errorf("StartCapture() = %+v\nwant %+v", c, want)
	}
}

// TestCallCommand places the callback as "callback call --to" does: one
// request to the Callflows API, makeCall from the virtual number to the
// customer, then the followup question with noOfTries 3.
func TestCallCommand(t *testing.T) {
	var requests []string
	var body []byte
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests = append(requests, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization"))
		body, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"sessionId":"6e0d1b1c-376b-11ef-a28b-0582ff0039d5","sessionStatus":"CREATED","callFlowRequestId":"6e0c9f2b-376b-11ef-a28b-4dd5d900ecb3","statusCode":1,"statusMessage":"Created"}`)
	}))
	defer api.Close()
	env := map[string]string{
		"IVR_VIRTUAL_NUMBER": virtualNumber,
		"IVR_AGENT_NUMBER":   agentNumber,
		"IVR_API_KEY":        "test-api-key",
		"IVR_SUBACCOUNT_ID":  "abc_support-1",
		"IVR_API_BASE_URL":   api.URL,
	}
	var stdout, stderr bytes.Buffer
	status := ivrruntime.Run(context.Background(), App, []string{"call", "--to", customer},
		func(k string) string { return env[k] }, &stdout, &stderr)
	if status != 0 {
		t.Fatalf("call exited %d: %s", status, stderr.String())
	}
	if got := stdout.String(); got != "6e0d1b1c-376b-11ef-a28b-0582ff0039d5\n" {
		t.Errorf("call printed %q, want the sessionId", got)
	}
	if len(requests) != 1 || requests[0] != "POST /api/v1/subaccounts/abc_support-1/callflows Bearer test-api-key" {
		t.Fatalf("requests = %q, want one POST to the sub-account's callflows", requests)
	}
	if err := callflowcheck.CheckRequest(body); err != nil {
		t.Errorf("8x8 would refuse the request: %v\n%s", err, body)
	}
	var got any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("request is not JSON: %v\n%s", err, body)
	}
	want := obj{"callflow": []any{makeCall(virtualNumber, customer), followup()}}
	if !reflect.DeepEqual(got, any(want)) {
		wantJSON, _ := json.Marshal(want)
		t.Errorf("request =\n%s\nwant\n%s", body, wantJSON)
	}
}

// vca is a CALL_ACTION webhook as 8x8 sends it on the outbound call (an
// inbound one for CALL_RECEIVED); clientActionID is left out when nil, and
// dtmf is null when nil.
func vca(t *testing.T, clientActionID, dtmf *string, callStatus string) string {
	t.Helper()
	direction, source, destination := "OUTBOUND", virtualNumber, customer
	if callStatus == "CALL_RECEIVED" {
		direction, source, destination = "INBOUND", customer, virtualNumber
	}
	payload := obj{
		"eventId":                "e2078079-eae8-11f0-ae64-a500004e488e",
		"callId":                 "e1ff6a14-eae8-11f0-baa6-c93abb37794a",
		"sessionId":              "e1ff6a15-eae8-11f0-baa6-c147150ab00e",
		"subAccountId":           "abc_support-1",
		"callStatus":             callStatus,
		"callDirection":          direction,
		"callType":               "PSTN",
		"source":                 source,
		"destination":            destination,
		"sourceFormat":           "MSISDN",
		"destinationFormat":      "MSISDN",
		"sourceCountryCode":      "SG",
		"destinationCountryCode": "SG",
		"callDuration":           9,
		"sipCode":                200,
		"timestamp":              "2026-01-06T10:17:31.375Z",
		"eventData":              obj{"dtmf": dtmf},
	}
	if clientActionID != nil {
		payload["clientActionId"] = *clientActionID
	}
	body, err := json.Marshal(obj{
		"namespace":   "VOICE",
		"eventType":   "CALL_ACTION",
		"description": "Action completed on a call",
		"payload":     payload,
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

func ptr(s string) *string { return &s }

// TestWebhooks drives the flow through the runtime's webhook handler with
// CALL_ACTION events of the outbound call, as 8x8 sends them.
func TestWebhooks(t *testing.T) {
	h := ivrruntime.NewHandler(newFlow(t), ivrruntime.Options{Logger: slog.New(slog.DiscardHandler)})
	tests := []struct {
		name           string
		clientActionID *string
		dtmf           *string
		callStatus     string
		want           obj
	}{
		// Should the customer call the virtual number back, the first
		// event of that inbound call gets the question.
		{"inbound call", nil, nil, "CALL_RECEIVED", wantQuestion},
		// The capture placed by the call command has no clientActionId.
		{"outbound capture, key 1", nil, ptr("1"), "ACTION_COMPLETED", wantThanks},
		{"outbound capture, key 2", nil, ptr("2"), "ACTION_COMPLETED", wantTransfer},
		{"outbound capture, invalid key", nil, ptr("7"), "ACTION_COMPLETED", wantSorry},
		{"outbound capture, silence", nil, nil, "ACTION_COMPLETED", wantGoodbye},
		// After an invalid key the question comes back as menu followup.
		{"followup, key 2", ptr("followup"), ptr("2"), "ACTION_COMPLETED", wantTransfer},
		{"followup, invalid key", ptr("followup"), ptr("3"), "ACTION_COMPLETED", wantSorry},
		{"followup, silence", ptr("followup"), nil, "ACTION_COMPLETED", wantGoodbye},
		{"followup, dtmf empty", ptr("followup"), ptr(""), "ACTION_COMPLETED", wantGoodbye},
		// The bridged call to the agent has ended.
		{"after the transfer", ptr("transfer:agent"), nil, "ACTION_COMPLETED", reply("", hangup())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(vca(t, tt.clientActionID, tt.dtmf, tt.callStatus)))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			expectBody(t, rec.Body.Bytes(), tt.want)
		})
	}
}

func TestNumbers(t *testing.T) {
	if _, err := New(Numbers{}); err == nil || err.Error() != "callback: numbers not set: VirtualNumber, Agent" {
		t.Errorf("New(Numbers{}) error = %v, want one naming both numbers", err)
	}
	env := map[string]string{"IVR_VIRTUAL_NUMBER": virtualNumber}
	_, err := NumbersFromEnv(func(k string) string { return env[k] })
	if err == nil || err.Error() != "IVR_AGENT_NUMBER is not set" {
		t.Errorf("NumbersFromEnv error = %v, want IVR_AGENT_NUMBER is not set", err)
	}
	env["IVR_AGENT_NUMBER"] = "62345678"
	_, err = NumbersFromEnv(func(k string) string { return env[k] })
	if err == nil || !strings.HasPrefix(err.Error(), "IVR_AGENT_NUMBER: ") || !strings.Contains(err.Error(), "E.164") {
		t.Errorf("NumbersFromEnv error = %v, want IVR_AGENT_NUMBER named as not E.164", err)
	}
	env["IVR_AGENT_NUMBER"] = agentNumber
	n, err := NumbersFromEnv(func(k string) string { return env[k] })
	if err != nil || n.VirtualNumber.String() != virtualNumber || n.Agent.String() != agentNumber {
		t.Errorf("NumbersFromEnv = %+v, %v", n, err)
	}
}

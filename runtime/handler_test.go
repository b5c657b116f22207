package runtime

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fakeFlow has two menus, "start" and "next"; it answers with replies
// that say which menu and digits they were asked for.
type fakeFlow struct{ panicOn string }

var startReply = NewReply("start", SayAndCapture{PromptMessage: "start", VoiceProfile: "en-GB-Emma", Speed: 1, MinDigits: 1, MaxDigits: 1, DigitTimeout: 1, OverallTimeout: 2, NoOfTries: 1})

func (f fakeFlow) Name() string { return "demo" }

func (f fakeFlow) Start(*Turn) Reply { return startReply }

func (f fakeFlow) Answer(t *Turn) Reply {
	if t.Digits == f.panicOn && t.Digits != "" {
		panic("boom")
	}
	switch menu := t.ID; menu {
	case "", "start", "next":
		if menu == "" {
			menu = "start"
		}
		t.Place(menu)
		return NewReply("", Say{Text: menu + ":" + t.Digits, VoiceProfile: "en-GB-Emma", Speed: 1}, Hangup{})
	}
	t.Warn("unknown clientActionId %q: the caller starts over", t.ID)
	return startReply
}

func (f fakeFlow) StartCapture() (SayAndCapture, bool) {
	return SayAndCapture{PromptMessage: "start"}, true
}

func (f fakeFlow) Stateful() bool { return false }

func newTestHandler(t *testing.T, opts Options) (http.Handler, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	opts.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
	h := NewHandler(fakeFlow{panicOn: "666"}, opts)
	logs.Reset() // the warning of a handler without Auth: see TestWarnsWithoutAuth
	return h, &logs
}

// TestWarnsWithoutAuth: a handler that takes any webhook says so once,
// when it is made.
func TestWarnsWithoutAuth(t *testing.T) {
	for auth, want := range map[string]bool{"": true, "s3cret": false} {
		var logs bytes.Buffer
		NewHandler(fakeFlow{}, Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil)), Auth: auth})
		if got := strings.Contains(logs.String(), `"level":"WARN","msg":"webhooks are not authenticated`); got != want {
			t.Errorf("Auth %q: warning logged %v, want %v:\n%s", auth, got, want, &logs)
		}
	}
}

func post(h http.Handler, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func callAction(payload string) string {
	return `{"namespace":"VOICE","eventType":"CALL_ACTION","description":"x","payload":` + payload + `}`
}

func TestCallActionDispatch(t *testing.T) {
	h, _ := newTestHandler(t, Options{})
	tests := []struct{ name, payload, want string }{
		{"inbound call's first event", `{"callId":"c","callStatus":"CALL_RECEIVED"}`, string(startReply.Body())},
		{"first event, dtmf null", `{"callId":"c","callStatus":"CALL_RECEIVED","eventData":{"dtmf":null}}`, string(startReply.Body())},
		{"clientActionId null", `{"callId":"c","clientActionId":null,"callStatus":"CALL_RECEIVED"}`, string(startReply.Body())},
		{"clientActionId empty", `{"callId":"c","clientActionId":"","eventData":{"dtmf":""}}`, string(startReply.Body())},
		{"outbound call's capture", `{"callId":"c","callStatus":"ACTION_COMPLETED","eventData":{"dtmf":"4"}}`, "start:4"},
		{"outbound call's silence", `{"callId":"c","callStatus":"ACTION_COMPLETED","eventData":{"dtmf":null}}`, "start:\""},
		{"menu and digits", `{"callId":"c","clientActionId":"next","eventData":{"dtmf":"12"}}`, "next:12"},
		{"payload-level dtmf", `{"callId":"c","clientActionId":"next","dtmf":"7"}`, "next:7"},
		{"eventData wins", `{"callId":"c","clientActionId":"next","dtmf":"7","eventData":{"dtmf":"8"}}`, "next:8"},
		{"menu, silence", `{"callId":"c","clientActionId":"next","eventData":{"dtmf":null}}`, "next:\""},
		{"unknown menu", `{"callId":"c","clientActionId":"gone","eventData":{"dtmf":"1"}}`, string(startReply.Body())},
		{"after a transfer", `{"callId":"c","clientActionId":"transfer:staff"}`, `{"callflow":[{"action":"hangup"}]}`},
		{"odd digits", `{"callId":"c","clientActionId":"next","eventData":{"dtmf":"1;x"}}`, "next:1;x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := post(h, callAction(tt.payload))
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
				t.Fatalf("status %d, content type %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("body %s, want it to contain %s", rec.Body, tt.want)
			}
		})
	}
}

func TestReplyBodyIsWrittenAsIs(t *testing.T) {
	h, _ := newTestHandler(t, Options{})
	rec := post(h, callAction(`{"callId":"c","callStatus":"CALL_RECEIVED"}`))
	if !bytes.Equal(rec.Body.Bytes(), startReply.Body()) {
		t.Errorf("body %s, want exactly %s", rec.Body, startReply.Body())
	}
}

func TestOtherEvents(t *testing.T) {
	h, logs := newTestHandler(t, Options{})
	for _, body := range []string{
		`{"namespace":"VOICE","eventType":"CALL_STATUS","payload":{"callId":"c","callStatus":"CALL_RECEIVED"}}`,
		`{"namespace":"VOICE","eventType":"SESSION_SUMMARY","version":5,"payload":{"sessionId":"s","sessionStatus":"FAILED","lastAction":"MAKE_CALL","errorDetails":{"errorMsg":"no coverage","errorCode":-2004}}}`,
	} {
		if rec := post(h, body); rec.Code != http.StatusOK || rec.Body.Len() != 0 {
			t.Errorf("%s: status %d body %q, want 200 and no body", body, rec.Code, rec.Body)
		}
	}
	if !strings.Contains(logs.String(), `"session_status":"FAILED","last_action":"MAKE_CALL","call_count":0,"error_code":-2004,"error_msg":"no coverage"`) {
		t.Errorf("session summary not logged:\n%s", logs)
	}
}

func TestMalformedWebhooks(t *testing.T) {
	h, _ := newTestHandler(t, Options{MaxBodyBytes: 1024})
	tests := []struct {
		name, body string
		status     int
		want       string // in the error, when the test says
	}{
		{"empty", "", 400, ""},
		{"not JSON", "hello", 400, ""},
		{"trailing data", callAction(`{}`) + ` {}`, 400, ""},
		{"no eventType", `{"payload":{}}`, 400, ""},
		{"other namespace", `{"namespace":"SMS","eventType":"CALL_ACTION","payload":{}}`, 400, ""},
		{"payload not an object", `{"eventType":"CALL_ACTION","payload":"x"}`, 400, ""},
		{"no payload", `{"eventType":"CALL_ACTION"}`, 400, ""},
		{"dtmf a number", callAction(`{"eventData":{"dtmf":5}}`), 400, "payload: eventData.dtmf must be a string, not a JSON number"},
		{"clientActionId a number", callAction(`{"clientActionId":5}`), 400, "payload: clientActionId must be a string, not a JSON number"},
		{"eventData a string", callAction(`{"eventData":"5"}`), 400, "payload: eventData must be an object, not a JSON string"},
		{"too big", callAction(`{"callId":"` + strings.Repeat("x", 2000) + `"}`), 413, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := post(h, tt.body)
			var e struct{ Error string }
			if rec.Code != tt.status || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Error == "" {
				t.Errorf("status %d body %s, want %d with a JSON error", rec.Code, rec.Body, tt.status)
			}
			if tt.want != "" && e.Error != tt.want {
				t.Errorf("error %q, want %q", e.Error, tt.want)
			}
		})
	}
}

// TestAnyContentType: a JSON body is answered whatever its Content-Type.
func TestAnyContentType(t *testing.T) {
	h, _ := newTestHandler(t, Options{})
	body := callAction(`{"callId":"c"}`)
	for ct, want := range map[string]int{
		"":                                  200,
		"application/json":                  200,
		"Application/JSON; charset=utf-8":   200,
		"text/plain":                        200,
		"application/x-www-form-urlencoded": 200,
	} {
		req := httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Content-Type %q: %d, want %d: %s", ct, rec.Code, want, rec.Body)
		}
	}
}

// TestNotFoundNamesTheMount: under http.StripPrefix, a wrong path is told
// where the webhooks are.
func TestNotFoundNamesTheMount(t *testing.T) {
	h, _ := newTestHandler(t, Options{})
	for _, tt := range []struct {
		handler    http.Handler
		path, want string
	}{
		{h, "/ivr/nope", "not found: webhooks go to POST /webhooks"},
		{http.StripPrefix("/ivr", h), "/ivr/nope", "not found: webhooks go to POST /ivr/webhooks"},
		{http.StripPrefix("/a/b", h), "/a/b/c", "not found: webhooks go to POST /a/b/webhooks"},
	} {
		rec := httptest.NewRecorder()
		tt.handler.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		if rec.Code != 404 || !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("GET %s: %d %s, want 404 saying %q", tt.path, rec.Code, rec.Body, tt.want)
		}
	}
}

func TestRoutesAndMethods(t *testing.T) {
	h, _ := newTestHandler(t, Options{Auth: "secret"})
	for _, tt := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/healthz", 200, ""},
		{"HEAD", "/healthz", 200, ""},
		{"POST", "/healthz", 405, "GET, HEAD"},
		{"GET", "/webhooks", 405, "POST"},
		{"GET", "/", 404, ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
		if rec.Code != tt.status || rec.Header().Get("Allow") != tt.allow {
			t.Errorf("%s %s: %d Allow %q, want %d %q", tt.method, tt.path, rec.Code, rec.Header().Get("Allow"), tt.status, tt.allow)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Body.String() != `{"flow":"demo","status":"ok"}`+"\n" {
		t.Errorf("healthz body %q", rec.Body)
	}
}

func TestAuth(t *testing.T) {
	h, _ := newTestHandler(t, Options{Auth: "s3cret"})
	body := callAction(`{"callId":"c"}`)
	for header, want := range map[string]int{"": 401, "wrong": 401, "s3cret ": 401, "s3cret": 200} {
		if rec := post(h, body, "Authorization", header); rec.Code != want {
			t.Errorf("Authorization %q: %d, want %d", header, rec.Code, want)
		}
	}
}

func TestPanicIsContained(t *testing.T) {
	h, logs := newTestHandler(t, Options{})
	if rec := post(h, callAction(`{"clientActionId":"next","eventData":{"dtmf":"666"}}`)); rec.Code != 500 {
		t.Fatalf("panic: status %d, want 500", rec.Code)
	}
	if rec := post(h, callAction(`{"clientActionId":"next","eventData":{"dtmf":"1"}}`)); rec.Code != 200 {
		t.Fatalf("after a panic: status %d, want 200", rec.Code)
	}
	if !strings.Contains(logs.String(), `"level":"ERROR","msg":"webhook"`) || !strings.Contains(logs.String(), "panic: boom") {
		t.Errorf("panic not logged:\n%s", logs)
	}
}

func TestOneLogLinePerWebhook(t *testing.T) {
	h, logs := newTestHandler(t, Options{})
	post(h, callAction(`{"callId":"c1","sessionId":"s1","clientActionId":"next","eventData":{"dtmf":"3"}}`))
	post(h, "garbage")
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log lines, want 2:\n%s", len(lines), logs)
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]any{"msg": "webhook", "event": "CALL_ACTION", "call": "c1", "session": "s1", "menu": "next", "digits": "3", "next": "hangup", "status": 200.0} {
		if first[k] != v {
			t.Errorf("log %s = %v, want %v", k, first[k], v)
		}
	}
	if latency, ok := first["latency_ms"].(float64); !ok || latency < 0 {
		t.Errorf("latency_ms = %v, want a duration in milliseconds", first["latency_ms"])
	}
	if first["level"] != "INFO" || first["error"] != nil || first["warning"] != nil {
		t.Errorf("answered webhook logged as %v, error %v, warning %v", first["level"], first["error"], first["warning"])
	}
	if !strings.Contains(lines[1], `"level":"WARN"`) || !strings.Contains(lines[1], `"status":400`) {
		t.Errorf("bad request log line: %s", lines[1])
	}
}

// logLine posts body and returns the one log line it caused.
func logLine(t *testing.T, opts Options, body string, header ...string) (int, map[string]any) {
	t.Helper()
	h, logs := newTestHandler(t, opts)
	rec := post(h, body, header...)
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d log lines, want 1:\n%s", len(lines), logs)
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &line); err != nil {
		t.Fatal(err)
	}
	return rec.Code, line
}

func TestLogLines(t *testing.T) {
	tests := []struct {
		name       string
		opts       Options
		body       string
		header     []string
		status     int
		level, key string // key: "error" or "warning", which must mention text
		text       string
	}{
		{"unauthorized", Options{Auth: "x"}, callAction(`{"callId":"c"}`), nil, 401, "WARN", "error", "Authorization"},
		{"wrong type", Options{}, callAction(`{"callId":"c9","eventData":{"dtmf":5}}`), nil, 400, "WARN", "error", "dtmf"},
		{"unknown eventType", Options{}, `{"eventType":"NOT_AN_EVENT","payload":{}}`, nil, 200, "WARN", "warning", `unknown eventType "NOT_AN_EVENT": answered 200 and ignored`},
		{"unknown eventType, any payload", Options{}, `{"namespace":"VOICE","eventType":"CALL_RECORDING","payload":[1,2]}`, nil, 200, "WARN", "warning", `unknown eventType "CALL_RECORDING"`},
		{"unknown menu", Options{}, callAction(`{"clientActionId":"gone","eventData":{"dtmf":"1"}}`), nil, 200, "WARN", "warning", `unknown clientActionId "gone"`},
		{"not keypad input", Options{}, callAction(`{"clientActionId":"next","eventData":{"dtmf":"1a"}}`), nil, 200, "WARN", "warning", `"1a"`},
		{"too many digits", Options{}, callAction(`{"clientActionId":"next","eventData":{"dtmf":"` + strings.Repeat("1", 26) + `"}}`), nil, 200, "WARN", "warning", "keypad"},
		{"panic", Options{}, callAction(`{"clientActionId":"next","eventData":{"dtmf":"666"}}`), nil, 500, "ERROR", "error", "panic: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, line := logLine(t, tt.opts, tt.body, tt.header...)
			if status != tt.status || line["status"] != float64(tt.status) || line["level"] != tt.level || line["msg"] != "webhook" {
				t.Errorf("HTTP %d, logged %v", status, line)
			}
			if text, _ := line[tt.key].(string); !strings.Contains(text, tt.text) {
				t.Errorf("log %s = %q, want it to mention %s", tt.key, text, tt.text)
			}
			for _, k := range []string{"event", "call", "session", "menu", "digits", "next", "latency_ms"} {
				if _, ok := line[k]; !ok {
					t.Errorf("log line lacks %s: %v", k, line)
				}
			}
		})
	}
}

func TestLogNamesTheCallOfARefusedPayload(t *testing.T) {
	_, line := logLine(t, Options{}, callAction(`{"callId":"c9","sessionId":"s9","eventData":{"dtmf":5}}`))
	if line["event"] != "CALL_ACTION" || line["call"] != "c9" || line["session"] != "s9" {
		t.Errorf("logged %v", line)
	}
}

// statefulFlow is fakeFlow with values in its clientActionIds.
type statefulFlow struct{ fakeFlow }

func (statefulFlow) Stateful() bool { return true }

// TestWarnsWithoutStateKey: a handler for a flow that carries values warns,
// once, when nothing signs them.
func TestWarnsWithoutStateKey(t *testing.T) {
	for _, tt := range []struct {
		flow Flow
		key  string
		want bool
	}{
		{statefulFlow{}, "", true}, {statefulFlow{}, "k", false}, {fakeFlow{}, "", false},
	} {
		var logs bytes.Buffer
		NewHandler(tt.flow, Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil)), Auth: "a", StateKey: []byte(tt.key)})
		if got := strings.Contains(logs.String(), "not signed: set IVR_STATE_KEY"); got != tt.want {
			t.Errorf("%T, key %q: warned %v, want %v", tt.flow, tt.key, got, tt.want)
		}
	}
}

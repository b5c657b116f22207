package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

var hookCall = Call{EventID: "e1", CallID: "c1", SessionID: "s1", Caller: "+6531591234", Called: "+6591234567", Direction: "INBOUND"}

// hookServer answers every request with status and body, and keeps the last
// request and its body.
func hookServer(t *testing.T, status int, body string) (*httptest.Server, *http.Request, *string) {
	t.Helper()
	var got http.Request
	var gotBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, gotBody = *r.Clone(context.Background()), string(b)
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &got, &gotBody
}

func TestHTTPHookRequest(t *testing.T) {
	srv, req, body := hookServer(t, 200, `{"outcome":"found","values":{"party":4}}`)
	h := &HTTPHook{Name: "lookup", URL: srv.URL + "/hooks/lookup?v=2", Auth: "Bearer s3cret"}
	in := Inputs().String("ref", "004217").Int("party", 4).String("name", `Zoë <&> "q"`).Int("neg", -2)
	a, err := h.Call(context.Background(), hookCall, "e1/lookup", in)
	if err != nil || a.Outcome != "found" {
		t.Fatalf("Call = %+v, %v", a, err)
	}
	want := `{"hook":"lookup","key":"e1/lookup","call":{"eventId":"e1","callId":"c1","sessionId":"s1","caller":"+6531591234",` +
		`"called":"+6591234567","direction":"INBOUND"},"inputs":{"ref":"004217","party":4,"name":"Zoë \u003c\u0026\u003e \"q\"","neg":-2}}`
	if *body != want {
		t.Errorf("body\n%s\nwant\n%s", *body, want)
	}
	if req.Method != http.MethodPost || req.URL.RequestURI() != "/hooks/lookup?v=2" {
		t.Errorf("request %s %s", req.Method, req.URL.RequestURI())
	}
	for name, want := range map[string]string{"Content-Type": "application/json", "Accept": "application/json",
		"Idempotency-Key": "e1/lookup", "Authorization": "Bearer s3cret"} {
		if got := req.Header.Values(name); len(got) != 1 || got[0] != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
}

func TestHTTPHookRequestWithoutKeyAuthInputs(t *testing.T) {
	srv, req, body := hookServer(t, 201, `{"outcome":"ok"}`)
	h := &HTTPHook{Name: "ping", URL: srv.URL}
	if _, err := h.Call(context.Background(), Call{}, "", nil); err != nil {
		t.Fatal(err)
	}
	want := `{"hook":"ping","key":"","call":{"eventId":"","callId":"","sessionId":"","caller":"","called":"","direction":""},"inputs":{}}`
	if *body != want {
		t.Errorf("body %s, want %s", *body, want)
	}
	for _, name := range []string{"Idempotency-Key", "Authorization"} {
		if _, ok := req.Header[name]; ok {
			t.Errorf("%s sent: %q", name, req.Header.Get(name))
		}
	}
	if _, err := h.Call(context.Background(), Call{}, "", Inputs()); err != nil || !strings.HasSuffix(*body, `"inputs":{}}`) {
		t.Errorf("empty Inputs: %s, %v", *body, err)
	}
}

func TestHTTPHookFailures(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	for _, tt := range []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"server error", 503, `{"outcome":"found"}`, "answered HTTP 503"},
		{"not found", 404, ``, "answered HTTP 404"},
		{"redirect", 302, ``, "answered HTTP 302"},
		{"too big", 200, `{"outcome":"ok","values":{"t":"` + strings.Repeat("x", 64<<10) + `"}}`, "answer over 64 KiB"},
		{"not JSON", 200, `hello`, "answer is not JSON: invalid character 'h' looking for beginning of value"},
		{"empty", 200, ``, "answer is not JSON: unexpected end of JSON input"},
		{"truncated", 200, `{"outcome":"ok"`, "answer is not JSON: unexpected end of JSON input"},
		{"trailing data", 200, `{"outcome":"ok"} x`, "answer is not JSON: invalid character 'x' after top-level value"},
		{"an array", 200, `["ok"]`, "answer is not JSON: want an object, got array"},
		{"outcome a number", 200, `{"outcome":1}`, "answer is not JSON: outcome is not a string"},
		{"values an array", 200, `{"outcome":"ok","values":[1]}`, "answer is not JSON: values is not an object"},
		{"no outcome", 200, `{"values":{"a":1}}`, "answer has no outcome"},
		{"empty outcome", 200, `{"outcome":""}`, "answer has no outcome"},
		{"null", 200, `null`, "answer has no outcome"},
	} {
		srv, _, _ := hookServer(t, tt.status, tt.body)
		if tt.status == 302 {
			srv.Config.Handler = http.RedirectHandler("/elsewhere", http.StatusFound)
		}
		u, _ := url.Parse(srv.URL)
		h := &HTTPHook{Name: "lookup", URL: srv.URL + "/hook?token=SECRET-Q", Auth: "SECRET-A"}
		_, err := h.Call(context.Background(), hookCall, "k", Inputs())
		if want := u.Host + ": " + tt.want; errText(err) != want {
			t.Errorf("%s: error %q, want %q", tt.name, errText(err), want)
		}
	}
	h := &HTTPHook{Name: "lookup", URL: closed.URL + "/hook?token=SECRET-Q", Auth: "SECRET-A"}
	_, err := h.Call(context.Background(), hookCall, "k", nil)
	if u, _ := url.Parse(closed.URL); err == nil || !strings.HasPrefix(err.Error(), u.Host+": ") || !strings.Contains(err.Error(), "refused") {
		t.Errorf("closed server: %v", err)
	}
	if strings.Contains(errText(err), "SECRET") || strings.Contains(errText(err), "/hook") {
		t.Errorf("error quotes the URL's path, query or the Auth value: %v", err)
	}
}

func TestHTTPHookBadURL(t *testing.T) {
	for _, u := range []string{"", "ftp://host/x?token=SECRET", "host:80/x", "http://", "http://[::1/x?token=SECRET", "/relative"} {
		_, err := (&HTTPHook{Name: "lookup", URL: u}).Call(context.Background(), hookCall, "", nil)
		if errText(err) != "hook lookup: its URL is not an http(s) URL" {
			t.Errorf("URL %q: %v", u, err)
		}
	}
}

func TestHTTPHookDeadline(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	u, _ := url.Parse(srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := (&HTTPHook{Name: "slow", URL: srv.URL}).Call(ctx, hookCall, "", nil)
	if took := time.Since(start); took > time.Second {
		t.Errorf("Call took %v past a 100ms deadline", took)
	}
	if want := "no answer from " + u.Host + " within 100ms"; errText(err) != want {
		t.Errorf("error %q, want %q", errText(err), want)
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (&HTTPHook{Name: "slow", URL: srv.URL}).Call(canceled, hookCall, "", nil); errText(err) != u.Host+": call canceled" {
		t.Errorf("canceled: %v", err)
	}
}

// roundTripFunc is an http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestHTTPHookOwnClientAndDefaultDeadline(t *testing.T) {
	var left time.Duration
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		deadline, ok := r.Context().Deadline()
		if !ok {
			return nil, errors.New("no deadline")
		}
		left = time.Until(deadline)
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"outcome":"ok"}`)), Header: http.Header{}}, nil
	})}
	a, err := (&HTTPHook{Name: "h", URL: "https://hooks.example.com/h", Client: client}).Call(context.Background(), hookCall, "", nil)
	if err != nil || a.Outcome != "ok" {
		t.Fatalf("Call = %v, %v", a, err)
	}
	if left > MaxHookTimeout || left < MaxHookTimeout-time.Second {
		t.Errorf("a context without a deadline got %v, want MaxHookTimeout", left)
	}
}

func TestHookAnswerValues(t *testing.T) {
	a, err := parseHookAnswer([]byte(`{"outcome":"found","values":{"party":4,"whole":2.0,"exp":1e1,"frac":2.5,"big":123456789012345678901234,` +
		`"neg":-3,"ref":"004217","refnum":4217,"short":"12","letters":"12ab","name":"Ada","long":"` + strings.Repeat("x", 41) + `",` +
		`"ctl":"a\u0007b","null":null,"yes":true,"obj":{},"arr":[]}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		get  func() (any, error)
		want any
		err  string
	}{
		{"int", func() (any, error) { return a.Int("party", 1, 20) }, 4, ""},
		{"int out of range", func() (any, error) { return a.Int("party", 5, 20) }, 4, "party: 4 is not a number from 5 to 20"},
		{"int 2.0", func() (any, error) { return a.Int("whole", 1, 20) }, 2, ""},
		{"int 1e1", func() (any, error) { return a.Int("exp", 1, 20) }, 10, ""},
		{"int 2.5", func() (any, error) { return a.Int("frac", 1, 20) }, 0, "frac: 2.5 is not a whole number"},
		{"int huge", func() (any, error) { return a.Int("big", 1, 20) }, 0, "big: 123456789012345678901234 is not a number from 1 to 20"},
		{"int negative", func() (any, error) { return a.Int("neg", -5, 0) }, -3, ""},
		{"int from a string", func() (any, error) { return a.Int("ref", 1, 20) }, 0, "ref: want a number, got a string"},
		{"int null", func() (any, error) { return a.Int("null", 1, 20) }, 0, "null: want a number, got null"},
		{"int missing", func() (any, error) { return a.Int("nope", 1, 20) }, 0, "nope: missing"},
		{"digits", func() (any, error) { return a.Digits("ref", 6, 6) }, "004217", ""},
		{"digits from a number", func() (any, error) { return a.Digits("refnum", 4, 6) }, "", "refnum: want a string of digits, got a number"},
		{"digits short", func() (any, error) { return a.Digits("short", 6, 6) }, "12", `short: "12" is not 6 digits`},
		{"digits letters", func() (any, error) { return a.Digits("letters", 1, 6) }, "12ab", `letters: "12ab" is not 1 to 6 digits`},
		{"digits true", func() (any, error) { return a.Digits("yes", 1, 6) }, "", "yes: want a string of digits, got true"},
		{"digits missing", func() (any, error) { return a.Digits("nope", 1, 6) }, "", "nope: missing"},
		{"text", func() (any, error) { return a.Text("name", 1, 40) }, "Ada", ""},
		{"text long", func() (any, error) { return a.Text("long", 1, 40) }, strings.Repeat("x", 41), "long: text of 41 characters, want 1 to 40"},
		{"text control", func() (any, error) { return a.Text("ctl", 1, 40) }, "a\ab", "ctl: text with a control character"},
		{"text object", func() (any, error) { return a.Text("obj", 1, 40) }, "", "obj: want a string, got an object"},
		{"text array", func() (any, error) { return a.Text("arr", 1, 40) }, "", "arr: want a string, got an array"},
	} {
		got, err := tt.get()
		if errText(err) != tt.err || (err == nil && got != tt.want) {
			t.Errorf("%s: %v, %q; want %v, %q", tt.name, got, errText(err), tt.want, tt.err)
		}
	}
	if got := errText(a.UnknownOutcome()); got != `unknown outcome "found"` {
		t.Errorf("UnknownOutcome = %q", got)
	}
	none, _ := parseHookAnswer([]byte(`{"outcome":"x"}`))
	if _, err := none.Int("a", 0, 1); errText(err) != "a: missing" {
		t.Errorf("no values: %v", err)
	}
}

// TestHTTPHookInRunHook is a hook over HTTP as generated code runs it.
func TestHTTPHookInRunHook(t *testing.T) {
	srv, req, _ := hookServer(t, 200, `{"outcome":"booked","values":{"ref":"A1"}}`)
	tn := NewTurn(context.Background(), nil, "", "")
	tn.Call = hookCall
	h := &HTTPHook{Name: "book", URL: srv.URL}
	a, ok := RunHook(tn, h.Name, time.Second, func(ctx context.Context) (*HookAnswer, error) {
		return h.Call(ctx, tn.Call, tn.HookKey(h.Name), Inputs().Int("party", 2))
	})
	if !ok || a.Outcome != "booked" || req.Header.Get("Idempotency-Key") != "e1/book" {
		t.Fatalf("RunHook = %+v, %v; key %q", a, ok, req.Header.Get("Idempotency-Key"))
	}
	if _, err := a.Digits("ref", 1, 6); err != nil {
		tn.HookFailed(h.Name, err)
	}
	tn.hooks[0].took = 0
	if got, want := logged(tn.LogAttrs()), `{"msg":"webhook","hooks":{"book":{"outcome":"","ms":0,"error":"ref: \"A1\" is not 1 to 6 digits"}}}`; got != want {
		t.Errorf("logged %s, want %s", got, want)
	}
}

package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestPlaceCall(t *testing.T) {
	var gotPath, gotAuth, gotBody string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		gotPath, gotAuth, gotBody = r.URL.EscapedPath(), r.Header.Get("Authorization"), string(b)
		io.WriteString(w, `{"sessionId":"sess-1","sessionStatus":"CREATED","callFlowRequestId":"r","statusCode":1,"statusMessage":"Created"}`)
	}))
	defer api.Close()
	c := &Client{BaseURL: api.URL + "/", APIKey: "key", SubAccountID: "acme&co"}
	capture := SayAndCapture{PromptMessage: "Hi", VoiceProfile: "en-GB-Emma", Speed: 1, MinDigits: 1, MaxDigits: 1, DigitTimeout: 1000, OverallTimeout: 2000, CompleteOnHash: true, NoOfTries: 2}
	session, err := c.PlaceCall(context.Background(), MustNumber("+6531591234"), MustNumber("+6591234567"), capture, "req-7")
	if err != nil || session != "sess-1" {
		t.Fatalf("PlaceCall = %q, %v", session, err)
	}
	want := `{"callflow":[{"action":"makeCall","params":{"source":"+6531591234","destination":"+6591234567"}},` +
		`{"action":"sayAndCapture","params":{"promptMessage":"Hi","voiceProfile":"en-GB-Emma","speed":1,"minDigits":1,"maxDigits":1,` +
		`"digitTimeout":1000,"overallTimeout":2000,"completeOnHash":true,"noOfTries":2}}],"clientRequestId":"req-7"}`
	if gotPath != "/api/v1/subaccounts/acme&co/callflows" || gotAuth != "Bearer key" || gotBody != want {
		t.Errorf("sent %s %q\n%s\nwant\n%s", gotPath, gotAuth, gotBody, want)
	}
}

func TestPlaceCallRefused(t *testing.T) {
	for _, tt := range []struct {
		status int
		body   string
		want   string
		code   int
	}{
		{400, `{"sessionStatus":"NOT_CREATED","callFlowRequestId":"r","statusCode":-1002,"statusMessage":"Invalid voice profile"}`, "Invalid voice profile", -1002},
		{401, `{"sessionStatus":"NOT_CREATED","statusCode":401,"statusMessage":"Authentication header not found or token invalid"}`, "Authentication header not found or token invalid", 401},
		{200, `{"sessionStatus":"NOT_CREATED","statusCode":-1013,"statusMessage":"First action should be a MakeCall action"}`, "First action should be a MakeCall action", -1013},
	} {
		api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(tt.status)
			io.WriteString(w, tt.body)
		}))
		c := &Client{BaseURL: api.URL, APIKey: "k", SubAccountID: "sub"}
		_, err := c.PlaceCall(context.Background(), MustNumber("+6531591234"), MustNumber("+6591234567"), SayAndCapture{}, "")
		var refused *APIError
		if !errors.As(err, &refused) || refused.StatusMessage != tt.want || refused.StatusCode != tt.code {
			t.Errorf("HTTP %d: err = %v, want an APIError %d %q", tt.status, err, tt.code, tt.want)
		}
		api.Close()
	}
}

func TestPlaceCallNotJSON(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(502)
		io.WriteString(w, "<html>bad gateway</html>")
	}))
	defer api.Close()
	c := &Client{BaseURL: api.URL, APIKey: "k", SubAccountID: "sub"}
	_, err := c.PlaceCall(context.Background(), MustNumber("+6531591234"), MustNumber("+6591234567"), SayAndCapture{}, "")
	if err == nil || err.Error() != `8x8 answered HTTP 502 with "<html>bad gateway</html>"` {
		t.Errorf("err = %v", err)
	}
}

func TestPlaceCallRequest(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || r.Header.Get("Accept") != "application/json" {
			t.Errorf("%s with Content-Type %q, Accept %q", r.Method, r.Header.Get("Content-Type"), r.Header.Get("Accept"))
		}
		if strings.Contains(string(b), "clientRequestId") || strings.Contains(string(b), "clientActionId") {
			t.Errorf("body %s: no clientRequestId was given, and clientActionId is refused", b)
		}
		io.WriteString(w, `{"sessionId":"sess-2","sessionStatus":"CREATED","statusCode":1,"statusMessage":"Created"}`)
	}))
	defer api.Close()
	c := &Client{BaseURL: api.URL, APIKey: "k", SubAccountID: "sub"}
	if session, err := c.PlaceCall(context.Background(), MustNumber("+6531591234"), MustNumber("+6591234567"), SayAndCapture{}, ""); session != "sess-2" || err != nil {
		t.Errorf("PlaceCall = %q, %v", session, err)
	}
}

func TestParseCallflowResponse(t *testing.T) {
	for _, tt := range []struct {
		status  int
		body    string
		session string
		err     string
	}{
		{201, `{"sessionId":"s","sessionStatus":"CREATED","statusCode":1}`, "s", ""},
		{200, `{"sessionId":"s","statusCode":1}`, "s", ""},
		{200, `{}`, "", "no session created: OK (8x8 status 0, HTTP 200)"},
		{200, `{"sessionId":"s","sessionStatus":"NOT_CREATED","statusCode":-9999,"statusMessage":"Unknown"}`, "", "Unknown (8x8 status -9999, HTTP 200)"},
		{500, `{"sessionId":"s","sessionStatus":"CREATED","statusCode":1}`, "", "HTTP 500"},
		{503, strings.Repeat("x", 300), "", `8x8 answered HTTP 503 with "` + strings.Repeat("x", 200) + `..."`},
	} {
		session, err := parseCallflowResponse(tt.status, []byte(tt.body))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if session != tt.session || !strings.Contains(got, tt.err) || (tt.err == "") != (err == nil) {
			t.Errorf("HTTP %d %s: %q, %v; want %q, %q", tt.status, tt.body, session, err, tt.session, tt.err)
		}
	}
}

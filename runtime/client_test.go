package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
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

package runtime

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

var testApp = App{
	Name: "demo", Source: "demo.ivr",
	Env: []EnvVar{{Name: "IVR_DESK_NUMBER", Doc: "number desk"}, {Name: EnvVirtualNumber, Doc: "caller id"}},
	Load: func(getenv func(string) string) (Flow, error) {
		var errs []error
		for _, v := range []string{"IVR_DESK_NUMBER", EnvVirtualNumber} {
			if _, err := EnvNumber(getenv, v); err != nil {
				errs = append(errs, err)
			}
		}
		return fakeFlow{}, errors.Join(errs...)
	},
}

func run(args []string, env map[string]string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), testApp, args, func(k string) string { return env[k] }, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestRunHelpListsEveryVariable(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"serve", "-h"}} {
		code, out, _ := run(args, nil)
		if code != 0 {
			t.Errorf("%v: exit %d", args, code)
		}
		for _, v := range []string{"IVR_DESK_NUMBER", EnvVirtualNumber, EnvWebhookAuth, EnvAPIKey, EnvSubAccountID, EnvAPIBaseURL} {
			if !strings.Contains(out, v) {
				t.Errorf("%v: help lacks %s", args, v)
			}
		}
		if strings.Count(out, EnvVirtualNumber) != 1 {
			t.Errorf("%v: %s listed twice", args, EnvVirtualNumber)
		}
	}
}

// TestRunHelpAligned: the commands' descriptions start in one column.
func TestRunHelpAligned(t *testing.T) {
	_, out, _ := run([]string{"help"}, nil)
	col := -1
	for _, desc := range []string{"serve POST", "place an outbound", "this text"} {
		for _, line := range strings.Split(out, "\n") {
			if i := strings.Index(line, desc); i >= 0 {
				if col >= 0 && i != col {
					t.Errorf("%q starts at column %d, the one before at %d:\n%s", desc, i, col, out)
				}
				col = i
			}
		}
	}
}

func TestRunUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"dance"}, {"--port", "1"}, {"serve", "--port", "1"}, {"serve", "extra"}, {"call", "--to", "12345"}, {"call"}} {
		if code, _, _ := run(args, nil); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestRunRefusesMissingVariables(t *testing.T) {
	code, _, stderr := run([]string{"serve", "--addr", "127.0.0.1:0"}, map[string]string{"IVR_DESK_NUMBER": "12"})
	if code != 1 || !strings.HasPrefix(stderr, `demo: IVR_DESK_NUMBER: "12" is not an E.164 number`) || !strings.Contains(stderr, "\ndemo: "+EnvVirtualNumber+" is not set") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run([]string{"call", "--to", "+6591234567"}, map[string]string{EnvAPIBaseURL: "ftp://x"})
	for _, v := range []string{EnvAPIKey, EnvSubAccountID, EnvAPIBaseURL, EnvVirtualNumber, "IVR_DESK_NUMBER"} {
		if code != 1 || !strings.Contains(stderr, v) {
			t.Errorf("call: exit %d, stderr lacks %s: %q", code, v, stderr)
		}
	}
	if strings.Count(stderr, EnvVirtualNumber) != 1 {
		t.Errorf("call: %s reported more than once: %q", EnvVirtualNumber, stderr)
	}
}

var goodEnv = map[string]string{"IVR_DESK_NUMBER": "+6561234567", EnvVirtualNumber: "+6531591234", EnvAPIKey: "key", EnvSubAccountID: "acme"}

func TestRunServe(t *testing.T) {
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	exit := make(chan int, 1)
	go func() {
		exit <- Run(ctx, testApp, []string{"--addr", "127.0.0.1:0"}, func(k string) string { return goodEnv[k] }, io.Discard, &stderr)
	}()
	resp, err := http.Get("http://" + listeningAddr(t, &stderr) + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	if code := <-exit; code != 0 {
		t.Errorf("exit %d after a clean shutdown:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), EnvWebhookAuth) {
		t.Errorf("no warning that webhooks are not authenticated:\n%s", stderr.String())
	}
}

// fake8x8 answers every callflow request with status and body, and records
// the request's path.
func fake8x8(t *testing.T, status int, body string) (env map[string]string, path *string) {
	path = new(string)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*path = r.URL.Path
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(api.Close)
	env = map[string]string{EnvAPIBaseURL: api.URL}
	for k, v := range goodEnv {
		env[k] = v
	}
	return env, path
}

func TestRunCall(t *testing.T) {
	env, path := fake8x8(t, 200, `{"sessionId":"sess-9","sessionStatus":"CREATED","statusCode":1,"statusMessage":"Created"}`)
	code, stdout, stderr := run([]string{"call", "--to", "+6591234567", "--request-id", "r1"}, env)
	if code != 0 || stdout != "sess-9\n" || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if *path != "/api/v1/subaccounts/acme/callflows" {
		t.Errorf("called %s", *path)
	}
}

func TestRunCallRefused(t *testing.T) {
	env, _ := fake8x8(t, 400, `{"sessionStatus":"NOT_CREATED","statusCode":-1002,"statusMessage":"Invalid voice profile or language"}`)
	code, stdout, stderr := run([]string{"call", "--to", "+6591234567"}, env)
	if code != 1 || stdout != "" || stderr != "demo: call refused: Invalid voice profile or language (8x8 status -1002)\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestRunServeRefusesABadTestNow(t *testing.T) {
	env := map[string]string{EnvTestNow: "2026-12-25 08:59"}
	for k, v := range goodEnv {
		env[k] = v
	}
	code, stdout, stderr := run([]string{"serve", "--addr", "127.0.0.1:0"}, env)
	want := `demo: IVR_TEST_NOW: "2026-12-25 08:59" is not an RFC 3339 time (such as 2026-12-25T08:59:00+08:00, or 2026-12-25T00:59:00Z in UTC)` + "\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1, stderr %q", code, stdout, stderr, want)
	}
}

// clockFlow says the time of the turn, so that a test sees which clock the
// server gave it.
type clockFlow struct{ fakeFlow }

func (clockFlow) Answer(t *Turn) Reply {
	return NewReply("", Say{Text: "now " + t.Now().Format(time.RFC3339), VoiceProfile: "en-GB-Emma", Speed: 1}, Hangup{})
}

// TestRunServeFixesTheClock: IVR_TEST_NOW reaches the turns, and the log
// warns that the clock is not the real one.
func TestRunServeFixesTheClock(t *testing.T) {
	const now = "2026-12-25T08:59:00+08:00"
	app := testApp
	app.Load = func(getenv func(string) string) (Flow, error) { return clockFlow{}, nil }
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	exit := make(chan int, 1)
	go func() {
		exit <- Run(ctx, app, []string{"--addr", "127.0.0.1:0"}, func(k string) string { return map[string]string{EnvTestNow: now}[k] }, io.Discard, &stderr)
	}()
	resp, err := http.Post("http://"+listeningAddr(t, &stderr)+"/webhooks", "application/json", strings.NewReader(benchEvent))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	cancel()
	if code := <-exit; code != 0 {
		t.Errorf("exit %d:\n%s", code, stderr.String())
	}
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"now `+now+`"`) {
		t.Errorf("webhook: %d %s", resp.StatusCode, body)
	}
	if !strings.Contains(stderr.String(), `"level":"WARN","msg":"the clock is fixed at `+now+` (IVR_TEST_NOW): for tests only"`) {
		t.Errorf("no warning that the clock is fixed:\n%s", stderr.String())
	}
}

// TestRunServeRealClock: without IVR_TEST_NOW nothing warns of a fixed
// clock.
func TestRunServeRealClock(t *testing.T) {
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	exit := make(chan int, 1)
	go func() {
		exit <- Run(ctx, testApp, []string{"--addr", "127.0.0.1:0"}, func(k string) string { return goodEnv[k] }, io.Discard, &stderr)
	}()
	listeningAddr(t, &stderr)
	cancel()
	<-exit
	if strings.Contains(stderr.String(), EnvTestNow) {
		t.Errorf("a real clock logged as fixed:\n%s", stderr.String())
	}
}

func TestRunHelpListsTestNow(t *testing.T) {
	_, out, _ := run([]string{"help"}, nil)
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(strings.TrimSpace(last), EnvTestNow+" ") || !strings.Contains(last, "for tests only") {
		t.Errorf("help does not end with %s for tests:\n%s", EnvTestNow, out)
	}
}

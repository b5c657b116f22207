package runtime_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ivrgen/ivrgen/internal/testflow"
	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

// The drain under load: TestDrainUnderLoad stops a server the way SIGTERM
// does while 32 clients post webhooks to it over keep-alive connections,
// and checks that no request the handler took is lost.

const (
	drainClients   = 32
	drainWitnessAt = 400 // the request that asks the server to stop
	drainSlowEvery = 8   // one request in drainSlowEvery sleeps drainSlow
	drainSlow      = 3 * time.Millisecond
)

// drainHooks books every party at once.
type drainHooks struct{}

func (drainHooks) Book(context.Context, testflow.BookInput) (testflow.BookResult, error) {
	return testflow.BookBooked("654321"), nil
}

// drainWebhook is one request the clients post and the answer it must get,
// byte for byte.
type drainWebhook struct {
	name   string
	body   string
	status int
	answer []byte
}

// drainEvent is a CALL_ACTION as 8x8 sends it; id "" is a call's first
// event, which has no clientActionId and no digits.
func drainEvent(id, digits string) string {
	payload := `"eventId":"e2078079-eae8-11f0-ae64-a500004e488e","callId":"e1ff6a14-eae8-11f0-baa6-c93abb37794a",` +
		`"sessionId":"e1ff6a15-eae8-11f0-baa6-c147150ab00e","subAccountId":"8x8_test",` +
		`"callDirection":"INBOUND","callType":"PSTN","source":"+656833033","destination":"+94778066434",` +
		`"sipCode":200,"timestamp":"2026-01-06T10:17:31.375Z",`
	if id == "" {
		payload += `"callStatus":"CALL_RECEIVED","callDuration":0`
	} else {
		payload += `"callStatus":"ACTION_COMPLETED","callDuration":12,"clientActionId":"` + id + `","eventData":{"dtmf":"` + digits + `"}`
	}
	return `{"namespace":"VOICE","eventType":"CALL_ACTION","description":"Action completed","payload":{` + payload + `}}`
}

// drainWebhooks is a call through testflow, each step answered with the
// clientActionId the step before it got, and the other events of a call:
// its answers are the handler's own, taken before the server starts.
func drainWebhooks(t *testing.T, h http.Handler) []drainWebhook {
	t.Helper()
	ask := func(name, body string, status int, want string) drainWebhook {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(body)))
		if rec.Code != status || !strings.Contains(rec.Body.String(), want) {
			t.Fatalf("%s: %d %s, want %d with %q", name, rec.Code, rec.Body, status, want)
		}
		return drainWebhook{name, body, status, rec.Body.Bytes()}
	}
	id := func(w drainWebhook) string {
		const key = `"clientActionId":"`
		s := string(w.answer)
		i := strings.Index(s, key)
		if i < 0 {
			t.Fatalf("%s: no clientActionId in %s", w.name, s)
		}
		s = s[i+len(key):]
		return s[:strings.IndexByte(s, '"')]
	}
	first := ask("first CALL_ACTION", drainEvent("", ""), 200, "For how many people?")
	party := ask("party 4", drainEvent(id(first), "4"), 200, "For 4 people. Press 1 for today")
	day := ask("today", drainEvent(id(party), "1"), 200, "A table for 4 people today.")
	return []drainWebhook{
		first, party, day,
		ask("book it", drainEvent(id(day), "1"), 200, `"Booked: 6 5 4 3 2 1."`),
		ask("invalid party", drainEvent(id(first), "99"), 200, "Sorry, that is not an option."),
		ask("call status", `{"namespace":"VOICE","eventType":"CALL_STATUS","payload":{"callId":"c","callStatus":"COMPLETED"}}`, 200, ""),
		ask("session summary", `{"namespace":"VOICE","eventType":"SESSION_SUMMARY","version":5,"payload":{"sessionId":"s","sessionStatus":"COMPLETED","lastAction":"HANGUP","callCount":1}}`, 200, ""),
		ask("malformed", `{"namespace":"VOICE","eventType":"CALL_ACTION","payload":{"eventData":{"dtmf":5}}}`, 400, `"error"`),
	}
}

// drainLog keeps the server's log lines, and says when Serve is
// listening, and where, and when it starts to drain.
type drainLog struct {
	mu        sync.Mutex
	lines     []string
	listening chan string
	stopping  chan struct{}
}

func (l *drainLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	line := string(p)
	l.lines = append(l.lines, line)
	switch {
	case strings.Contains(line, `"msg":"listening"`):
		const key = `"addr":"`
		addr := line[strings.Index(line, key)+len(key):]
		l.listening <- addr[:strings.IndexByte(addr, '"')]
	case strings.Contains(line, `"msg":"stopping`):
		close(l.stopping)
	}
	return len(p), nil
}

// drainCounter records every request that reached the handler, by its
// X-Drain-Id, before passing it on. It makes one request in drainSlowEvery
// slow, and holds the drainWitnessAt-th until the server drains.
type drainCounter struct {
	next     http.Handler
	witness  chan struct{} // closed when the witness is in the handler
	stopping chan struct{} // closed when Serve starts to drain

	inFlight atomic.Int64 // requests in the handler
	atStop   int64        // requests in the handler when Serve started to drain

	mu      sync.Mutex
	entered map[string]bool
}

func (c *drainCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	c.entered[r.Header.Get("X-Drain-Id")] = true
	n := len(c.entered)
	c.mu.Unlock()
	c.inFlight.Add(1)
	defer c.inFlight.Add(-1)
	switch {
	case n == drainWitnessAt:
		close(c.witness)
		<-c.stopping
		c.atStop = c.inFlight.Load()
		time.Sleep(drainSlow)
	case n%drainSlowEvery == 0:
		time.Sleep(drainSlow)
	}
	c.next.ServeHTTP(w, r)
}

// countingReader counts the bytes read from a connection since the last
// request was written.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// drainResult is what one client saw.
type drainResult struct {
	answered []string // complete, correct answers, by request id
	lost     []string // requests that met a closed connection, nothing read
	failures []string // anything else
}

// drainClient posts webhooks on one keep-alive connection after another,
// until the server refuses a connection after stopped is set. It speaks
// HTTP/1.1 by hand so that it sees every byte of an answer.
func drainClient(addr string, client int, hooks []drainWebhook, stopped *atomic.Bool) drainResult {
	var res drainResult
	fail := func(format string, args ...any) { res.failures = append(res.failures, fmt.Sprintf(format, args...)) }
	seq := 0
	for {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			// A closed listener refuses a connection, or resets one it
			// had not accepted yet.
			if !stopped.Load() || !errors.Is(err, syscall.ECONNREFUSED) && !errors.Is(err, syscall.ECONNRESET) {
				fail("dial: %v (server stopping: %v)", err, stopped.Load())
			}
			return res
		}
		cr := &countingReader{r: conn}
		br := bufio.NewReader(cr)
		for again := true; again; {
			seq++
			hook := hooks[(client+seq)%len(hooks)]
			id := strconv.Itoa(client) + "-" + strconv.Itoa(seq)
			cr.n = 0
			_, err := fmt.Fprintf(conn, "POST /webhooks HTTP/1.1\r\nHost: ivr\r\nContent-Type: application/json\r\nX-Drain-Id: %s\r\nContent-Length: %d\r\n\r\n%s", id, len(hook.body), hook.body)
			var resp *http.Response
			var body []byte
			if err == nil {
				resp, err = http.ReadResponse(br, nil)
			}
			if err == nil {
				body, err = io.ReadAll(resp.Body)
			}
			switch {
			case err != nil && cr.n == 0 && stopped.Load() && closedConn(err):
				res.lost = append(res.lost, id)
				again = false
			case err != nil:
				fail("%s (%s): %v after %d bytes of answer (server stopping: %v)", id, hook.name, err, cr.n, stopped.Load())
				again = false
			case resp.StatusCode != hook.status || !bytes.Equal(body, hook.answer):
				fail("%s (%s): %d %s, want %d %s", id, hook.name, resp.StatusCode, body, hook.status, hook.answer)
				again = false
			default:
				res.answered = append(res.answered, id)
				again = !resp.Close // the server says Connection: close once it drains
			}
		}
		conn.Close()
	}
}

// closedConn reports whether err is what a connection the server closed
// gives.
func closedConn(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// TestDrainUnderLoad: 32 clients post real webhooks (a call through
// testflow, a call status, a session summary, a malformed event)
// continuously over keep-alive connections, one request in 8 is slow, and
// SIGTERM reaches the server (through SignalContext, as in a built
// server) while one held request and often others are in the handler.
// Every request the handler took gets its full, correct answer; a request
// it did not take meets a closed connection with nothing read; Serve
// returns nil, with one log line per request taken and "stopped" last.
func TestDrainUnderLoad(t *testing.T) {
	f, err := testflow.New(testflow.Numbers{}, drainHooks{})
	if err != nil {
		t.Fatal(err)
	}
	logs := &drainLog{listening: make(chan string, 1), stopping: make(chan struct{})}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	hooks := drainWebhooks(t, ivrruntime.NewHandler(f, ivrruntime.Options{Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))}))
	counter := &drainCounter{
		next:     ivrruntime.NewHandler(f, ivrruntime.Options{Logger: log}),
		witness:  make(chan struct{}),
		stopping: logs.stopping,
		entered:  map[string]bool{},
	}
	logs.mu.Lock()
	logs.lines = nil // NewHandler's warnings
	logs.mu.Unlock()

	ctx, stop := ivrruntime.SignalContext()
	defer stop()
	served := make(chan error, 1)
	go func() { served <- ivrruntime.Serve(ctx, "127.0.0.1:0", counter, log) }()
	addr := <-logs.listening

	var stopped atomic.Bool
	results := make(chan drainResult, drainClients)
	for c := range drainClients {
		go func() { results <- drainClient(addr, c, hooks, &stopped) }()
	}
	<-counter.witness
	stopped.Store(true)
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	answered := map[string]bool{}
	var lost []string
	for range drainClients {
		res := <-results
		for _, f := range res.failures {
			t.Error(f)
		}
		for _, id := range res.answered {
			answered[id] = true
		}
		lost = append(lost, res.lost...)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}

	counter.mu.Lock() // Serve has returned: the handler is done
	defer counter.mu.Unlock()
	logs.mu.Lock()
	defer logs.mu.Unlock()
	for id := range counter.entered {
		if !answered[id] {
			t.Errorf("request %s reached the handler but its client got no complete answer", id)
		}
	}
	for id := range answered {
		if !counter.entered[id] {
			t.Errorf("request %s answered without reaching the handler", id)
		}
	}
	for _, id := range lost {
		if counter.entered[id] {
			t.Errorf("request %s reached the handler, but its client met a closed connection", id)
		}
	}
	if len(counter.entered) < drainWitnessAt {
		t.Errorf("%d requests reached the handler, want at least %d", len(counter.entered), drainWitnessAt)
	}
	webhooks := 0
	for _, line := range logs.lines {
		if strings.Contains(line, `"msg":"webhook"`) {
			webhooks++
		}
	}
	if webhooks != len(counter.entered) {
		t.Errorf("%d webhook log lines for %d requests taken", webhooks, len(counter.entered))
	}
	if n := len(logs.lines); n == 0 || !strings.Contains(logs.lines[n-1], `"msg":"stopped"`) {
		t.Errorf("last log line is not stopped: %q", logs.lines[max(n-3, 0):])
	}
	t.Logf("%d requests answered, %d in the handler at the stop, %d met a closed connection", len(answered), counter.atStop, len(lost))
}

// Command soak posts a million webhooks to a built restaurant server
// (examples/restaurant) and watches its memory: internal/loadtest/soak.sh
// builds the server and runs it end to end. It is not part of go test nor
// of CI: it takes minutes.
//
//	soak -bin PATH [-n 1000000] [-c 32]
//	soak -addr HOST:PORT -pid PID [-n 1000000] [-c 32]
//
// With -bin, soak starts PATH serve --addr 127.0.0.1:0 with its own
// environment (the restaurant needs IVR_VIRTUAL_NUMBER and
// IVR_STAFF_NUMBER), reads the server's log, and stops it with SIGTERM at
// the end; with -addr and -pid it posts to a server already running.
//
// c goroutines post over c keep-alive connections, call after call, the
// way 8x8 drives the restaurant: a call's first CALL_ACTION, then the
// caller's keys, each sent with the clientActionId the answer before gave
// (main 1 reservations 1 book_table 2; main 1 reservations 3 main 2
// connect 2 main 3; main 1 reservations 2 reschedule_table 1; main 2
// connect 1, a transfer, and the CALL_ACTION that ends it), an invalid
// key (main 7), a SESSION_SUMMARY or CALL_STATUS after a call, and, after
// one call in 64, a malformed body.
//
// Every answer is checked: a CALL_ACTION's is 200, JSON, with the actions
// expected and the menu's prompt or the text expected, and byte for byte
// the answer the same step of the same call got the first time (soak makes
// one call of each kind before the goroutines start); a SESSION_SUMMARY's
// or CALL_STATUS's is 200 with no body; a malformed body's is 400 with a
// JSON error. With -bin, the log must hold one "webhook" line per request,
// WARN for the malformed ones only, none at ERROR, and after SIGTERM the
// server must exit 0 with "stopped" its last line.
//
// The server's RSS (VmRSS in /proc/PID/status) is sampled every second and
// at three points: start, after the first 1% of the requests (the
// warm-up); base, after the first 10% (100,000 of a million); end, after
// the last. soak prints the requests, the errors, req/s and RSS at start,
// base, its max and end, and exits 1 if any answer was wrong or missing,
// or if the end RSS is over 30 MB, or over 1.5 times base (memory that
// grows with the requests served).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// The RSS rule.
const (
	maxEndRSS    = 30 << 20 // bytes
	maxRSSGrowth = 1.5      // end / base
)

func main() {
	bin := flag.String("bin", "", "the server binary to start and soak")
	addr := flag.String("addr", "", "the address of a server already running (with -pid)")
	pid := flag.Int("pid", 0, "the pid of the server at -addr, for its RSS")
	n := flag.Int("n", 1_000_000, "webhooks to post")
	c := flag.Int("c", 32, "goroutines, each on its own keep-alive connection")
	flag.Parse()
	if (*bin == "") == (*addr == "") || *addr != "" && *pid <= 0 || *n < 100 || *c < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: soak -bin PATH [-n N] [-c C], or soak -addr HOST:PORT -pid PID [-n N] [-c C]")
		os.Exit(2)
	}
	var srv *server
	if *bin != "" {
		var err error
		if srv, err = start(*bin); err != nil {
			fmt.Fprintln(os.Stderr, "soak:", err)
			os.Exit(1)
		}
		*addr, *pid = srv.addr, srv.cmd.Process.Pid
	}
	if !run(*addr, *pid, *n, *c, srv) {
		os.Exit(1)
	}
}

// run soaks the server at addr and prints the report; it reports whether
// the soak passed.
func run(addr string, pid, n, c int, srv *server) bool {
	if _, err := rss(pid); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		if srv != nil {
			srv.cmd.Process.Kill()
		}
		return false
	}
	s := newSoak(addr, pid, n, c)
	fmt.Printf("soak: %d webhooks to %s (pid %d) from %d goroutines\n", n, addr, pid, c)
	began := time.Now()
	if s.learn() {
		s.soak()
	}
	took := time.Since(began)
	endRSS, _ := rss(pid)
	s.sample(endRSS)
	var logReport string
	if srv != nil {
		logReport = srv.stop(s)
	}

	mb := func(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }
	errs := s.errors.Load()
	fmt.Printf("kinds       %s\n", s.kinds())
	fmt.Printf("requests    %d\n", s.done.Load())
	fmt.Printf("connections %d\n", s.dials.Load())
	fmt.Printf("errors      %d\n", errs)
	fmt.Printf("req/s       %.0f (%s)\n", float64(s.done.Load())/took.Seconds(), took.Round(100*time.Millisecond))
	fmt.Printf("RSS         start %s (after %d), base %s (after %d), max %s, end %s\n",
		mb(s.startRSS), s.startAt, mb(s.baseRSS), s.baseAt, mb(s.maxRSS.Load()), mb(endRSS))
	if logReport != "" {
		fmt.Printf("log         %s\n", logReport)
	}
	var fails []string
	if errs > 0 {
		fails = append(fails, fmt.Sprintf("%d errors", errs))
	}
	if s.done.Load() != int64(n) {
		fails = append(fails, fmt.Sprintf("%d requests made, want %d", s.done.Load(), n))
	}
	if endRSS > maxEndRSS {
		fails = append(fails, fmt.Sprintf("RSS ends at %s, over %s", mb(endRSS), mb(maxEndRSS)))
	}
	if s.baseRSS > 0 && float64(endRSS) > maxRSSGrowth*float64(s.baseRSS) { // 0: a soak cut short
		fails = append(fails, fmt.Sprintf("RSS grew from %s to %s, over %.1fx", mb(s.baseRSS), mb(endRSS), maxRSSGrowth))
	}
	if len(fails) > 0 {
		fmt.Printf("FAIL: %s\n", strings.Join(fails, "; "))
		return false
	}
	fmt.Printf("PASS: no errors; RSS end %s <= %s and <= %.1fx base\n", mb(endRSS), mb(maxEndRSS), maxRSSGrowth)
	return true
}

// A step is one webhook of a call and what must answer it.
type step struct {
	kind    string // for the counts and the errors
	digits  string // a CALL_ACTION's keys; "" for the call's first
	event   string // CALL_STATUS or SESSION_SUMMARY, answered 200 and no body; "" for a CALL_ACTION
	actions string // a CALL_ACTION's answer's actions, space-separated
	text    string // the start of its first action's promptMessage or text
}

const (
	mainPrompt = "Welcome to ABC Restaurant, to book a table press 1"
	resPrompt  = "Press 1 to make a new reservation"
	conPrompt  = "Connecting you to the next available representative"
	invalid    = "Invalid input, please call again."
)

var (
	first = step{kind: "first CALL_ACTION", actions: "sayAndCapture", text: mainPrompt}
	menu  = func(digits, prompt string) step {
		return step{kind: "menu answer", digits: digits, actions: "sayAndCapture", text: prompt}
	}
	end = func(digits, text string) step {
		return step{kind: "menu answer", digits: digits, actions: "say hangup", text: text}
	}
	summary = step{kind: "SESSION_SUMMARY", event: "SESSION_SUMMARY"}
	status  = step{kind: "CALL_STATUS", event: "CALL_STATUS"}
)

// calls are the calls soak makes, in turn.
var calls = [][]step{
	{first, menu("1", resPrompt), menu("1", "Reserving a Table"), end("2", "We have booked your table for tomorrow"), summary},
	{first, menu("1", resPrompt), menu("3", mainPrompt), menu("2", conPrompt), menu("2", mainPrompt), end("3", "Our restaurant hours"), status},
	{first, {kind: "invalid key", digits: "7", actions: "say hangup", text: invalid}, summary},
	{first, menu("1", resPrompt), menu("2", "Rescheduling your reservation"), end("1", "Keeping your current reservation"), status},
	{first, menu("2", conPrompt), {kind: "transfer", digits: "1", actions: "makeCall"}, {kind: "transfer's end", digits: "-", actions: "hangup"}, summary},
}

// malformed are bodies the server must refuse with 400, one after every
// malformedEvery calls.
var malformed = []string{
	``,
	`not JSON`,
	`{"payload":{}}`,
	`{"namespace":"VOICE","eventType":"CALL_ACTION","payload":{"callId":"c","eventData":{"dtmf":5}}}`,
	`{"namespace":"VOICE","eventType":"CALL_ACTION","payload":{"callId":"c"}} {}`,
}

const malformedEvery = 64

// answer is what the first call of a kind got at one step.
type answer struct {
	body []byte
	id   string // its clientActionId
}

type soak struct {
	url    string
	pid    int
	n, c   int
	client *http.Client

	answers [][]answer // by call and step, from learn

	issued, done, dials, errors atomic.Int64
	counts                      sync.Map // kind -> *atomic.Int64
	errMu                       sync.Mutex
	errShown                    int

	maxRSS            atomic.Int64
	startAt, baseAt   int64
	startRSS, baseRSS int64 // set once, by the goroutine whose request reaches startAt, baseAt
	checkpoints       sync.WaitGroup
	malformedSent     atomic.Int64
}

func newSoak(addr string, pid, n, c int) *soak {
	s := &soak{url: "http://" + addr + "/webhooks", pid: pid, n: n, c: c, startAt: int64(n / 100), baseAt: int64(n / 10)}
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	s.client = &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				s.dials.Add(1)
				return dialer.DialContext(ctx, network, addr)
			},
			MaxIdleConns: c, MaxIdleConnsPerHost: c, MaxConnsPerHost: c,
			IdleConnTimeout: time.Minute, DisableCompression: true,
		},
	}
	s.checkpoints.Add(2)
	return s
}

// learn makes one call of each kind, checks every answer, and keeps them
// for the goroutines to compare theirs with; it reports whether all were
// right.
func (s *soak) learn() bool {
	var buf bytes.Buffer
	for i, call := range calls {
		s.answers = append(s.answers, make([]answer, len(call)))
		id := ""
		for j, st := range call {
			s.take() // n >= 100: there is room for these
			body, ok := s.post(&buf, i, j, "learn-"+strconv.Itoa(i), id)
			if !ok {
				return false
			}
			a, err := check(st, body)
			if err != nil {
				s.fail("call %d step %d (%s): %v: %s", i, j, st.kind, err, body)
				return false
			}
			s.answers[i][j] = a
			id = a.id
		}
	}
	return true
}

// soak runs the goroutines until n webhooks are posted, and samples the
// RSS every second meanwhile.
func (s *soak) soak() {
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if r, err := rss(s.pid); err == nil {
					s.sample(r)
				}
			}
		}
	}()
	var wg sync.WaitGroup
	for g := range s.c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.worker(g)
		}()
	}
	wg.Wait()
	close(stop)
	<-sampled
	// A checkpoint not reached (a soak cut short by errors) reads 0.
	if s.done.Load() < s.startAt {
		s.checkpoints.Done()
	}
	if s.done.Load() < s.baseAt {
		s.checkpoints.Done()
	}
	s.checkpoints.Wait()
}

func (s *soak) sample(r int64) {
	for {
		m := s.maxRSS.Load()
		if r <= m || s.maxRSS.CompareAndSwap(m, r) {
			return
		}
	}
}

// take reserves one of the n requests.
func (s *soak) take() bool { return s.issued.Add(1) <= int64(s.n) }

// worker makes calls one after the other, goroutine g's first being of
// kind g, until the requests run out or an answer is wrong.
func (s *soak) worker(g int) {
	var buf bytes.Buffer
	for k := 0; ; k++ {
		i := (g + k) % len(calls)
		call := calls[i]
		callID := fmt.Sprintf("soak-%d-%d", g, k)
		id := ""
		for j, st := range call {
			if !s.take() {
				return
			}
			body, ok := s.post(&buf, i, j, callID, id)
			if !ok {
				return
			}
			if want := s.answers[i][j]; !bytes.Equal(body, want.body) {
				s.fail("%s step %d (%s): answer %s, want %s", callID, j, st.kind, body, want.body)
				return
			}
			id = s.answers[i][j].id
		}
		if k%malformedEvery == malformedEvery-1 {
			if !s.take() {
				return
			}
			if !s.postMalformed(&buf, malformed[(k/malformedEvery)%len(malformed)]) {
				return
			}
		}
	}
}

// post sends step j of call i, for the call callID, with the
// clientActionId id, and returns the answer's body when its status and
// type are right.
func (s *soak) post(buf *bytes.Buffer, i, j int, callID, id string) ([]byte, bool) {
	st := calls[i][j]
	var body string
	switch st.event {
	case "SESSION_SUMMARY":
		body = sessionSummary(callID)
	case "CALL_STATUS":
		body = callStatus(callID)
	default:
		body = callAction(callID, id, st.digits)
	}
	code, ctype, got, err := s.do(buf, body)
	switch {
	case err != nil:
		s.fail("%s step %d (%s): %v", callID, j, st.kind, err)
		return nil, false
	case code != http.StatusOK:
		s.fail("%s step %d (%s): status %d: %s", callID, j, st.kind, code, got)
		return nil, false
	case st.event == "" && ctype != "application/json":
		s.fail("%s step %d (%s): Content-Type %q", callID, j, st.kind, ctype)
		return nil, false
	}
	s.count(st.kind)
	return got, true
}

func (s *soak) postMalformed(buf *bytes.Buffer, body string) bool {
	code, _, got, err := s.do(buf, body)
	var e struct{ Error string }
	switch {
	case err != nil:
		s.fail("malformed %q: %v", body, err)
		return false
	case code != http.StatusBadRequest || json.Unmarshal(got, &e) != nil || e.Error == "":
		s.fail("malformed %q: status %d: %s, want 400 with a JSON error", body, code, got)
		return false
	}
	s.malformedSent.Add(1)
	s.count("malformed")
	return true
}

// do posts one webhook and reads its whole answer into buf; the body it
// returns is buf's until the next call.
func (s *soak) do(buf *bytes.Buffer, body string) (int, string, []byte, error) {
	req, err := http.NewRequest(http.MethodPost, s.url, strings.NewReader(body))
	if err != nil {
		return 0, "", nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	buf.Reset()
	_, err = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	if err != nil {
		return 0, "", nil, fmt.Errorf("reading the answer: %w", err)
	}
	s.finished()
	return resp.StatusCode, resp.Header.Get("Content-Type"), buf.Bytes(), nil
}

// finished counts an answered request, reads the RSS at the checkpoints,
// and says how far the soak is every tenth of the way.
func (s *soak) finished() {
	done := s.done.Add(1)
	if done%int64(max(s.n/10, 1)) == 0 {
		r, _ := rss(s.pid)
		fmt.Fprintf(os.Stderr, "soak: %d requests, RSS %.1f MB\n", done, float64(r)/(1<<20))
	}
	switch done {
	case s.startAt:
		s.startRSS, _ = rss(s.pid)
		s.sample(s.startRSS)
		s.checkpoints.Done()
	case s.baseAt:
		s.baseRSS, _ = rss(s.pid)
		s.sample(s.baseRSS)
		s.checkpoints.Done()
	}
}

func (s *soak) count(kind string) {
	v, _ := s.counts.LoadOrStore(kind, new(atomic.Int64))
	v.(*atomic.Int64).Add(1)
}

func (s *soak) kinds() string {
	var parts []string
	for _, k := range []string{"first CALL_ACTION", "menu answer", "invalid key", "transfer", "transfer's end", "SESSION_SUMMARY", "CALL_STATUS", "malformed"} {
		if v, ok := s.counts.Load(k); ok {
			parts = append(parts, fmt.Sprintf("%s %d", k, v.(*atomic.Int64).Load()))
		}
	}
	return strings.Join(parts, ", ")
}

// fail counts an error and prints the first few.
func (s *soak) fail(format string, args ...any) {
	s.errors.Add(1)
	s.errMu.Lock()
	defer s.errMu.Unlock()
	if s.errShown++; s.errShown <= 10 {
		fmt.Fprintf(os.Stderr, "soak: error: "+format+"\n", args...)
	}
}

// reply is the part of a callflow answer check looks at.
type reply struct {
	ClientActionID string `json:"clientActionId"`
	Callflow       []struct {
		Action string
		Params struct{ PromptMessage, Text string }
	}
}

// check checks the answer to a step, and returns it with its
// clientActionId.
func check(st step, body []byte) (answer, error) {
	a := answer{body: bytes.Clone(body)}
	if st.event != "" {
		if len(body) != 0 {
			return a, errors.New("an answer with a body, want none")
		}
		return a, nil
	}
	var r reply
	if err := json.Unmarshal(body, &r); err != nil {
		return a, fmt.Errorf("not JSON: %v", err)
	}
	var actions []string
	for _, c := range r.Callflow {
		actions = append(actions, c.Action)
	}
	if got := strings.Join(actions, " "); got != st.actions {
		return a, fmt.Errorf("actions %q, want %q", got, st.actions)
	}
	if p := r.Callflow[0].Params; !strings.HasPrefix(p.PromptMessage+p.Text, st.text) {
		return a, fmt.Errorf("says %q, want %q", p.PromptMessage+p.Text, st.text)
	}
	switch actions[0] {
	case "sayAndCapture", "makeCall":
		if r.ClientActionID == "" {
			return a, errors.New("no clientActionId")
		}
	}
	a.id = r.ClientActionID
	return a, nil
}

// The webhooks, as 8x8 sends them.

func callAction(callID, id, digits string) string {
	var b strings.Builder
	b.WriteString(`{"namespace":"VOICE","eventType":"CALL_ACTION","description":"Action completed","payload":{"eventId":"`)
	b.WriteString(callID)
	b.WriteString(`-e","callId":"`)
	b.WriteString(callID)
	b.WriteString(`","sessionId":"`)
	b.WriteString(callID)
	b.WriteString(`-s","subAccountId":"acme","callDirection":"INBOUND","callType":"PSTN","source":"+6591234567","destination":"+6531591234",` +
		`"sourceFormat":"MSISDN","destinationFormat":"MSISDN","sipCode":200,"timestamp":"2026-01-06T10:17:31.375Z",`)
	switch {
	case id == "":
		b.WriteString(`"callStatus":"CALL_RECEIVED","callDuration":0}}`)
	case digits == "-": // no capture: the end of a transfer
		b.WriteString(`"callStatus":"ACTION_COMPLETED","callDuration":42,"clientActionId":"` + id + `","eventData":{"dtmf":null}}}`)
	default:
		b.WriteString(`"callStatus":"ACTION_COMPLETED","callDuration":12,"clientActionId":"` + id + `","eventData":{"dtmf":"` + digits + `"}}}`)
	}
	return b.String()
}

func callStatus(callID string) string {
	return `{"namespace":"VOICE","eventType":"CALL_STATUS","description":"Status update of a call","payload":{"eventId":"` + callID +
		`-e2","callId":"` + callID + `","sessionId":"` + callID + `-s","subAccountId":"acme","callStatus":"COMPLETED",` +
		`"callDirection":"INBOUND","callType":"PSTN","source":"+6591234567","destination":"+6531591234","callDuration":42,` +
		`"sipCode":200,"timestamp":"2026-01-06T10:18:02.375Z"}}`
}

func sessionSummary(callID string) string {
	return `{"namespace":"VOICE","eventType":"SESSION_SUMMARY","description":"Summary of a session","version":5,"payload":{"sessionId":"` +
		callID + `-s","subAccountId":"acme","sessionStatus":"COMPLETED","startTime":"2026-01-06T10:17:19Z","endTime":"2026-01-06T10:18:02Z",` +
		`"lastAction":"HANGUP","callCount":1,"details":{"callA":{"callId":"` + callID + `","callDirection":"INBOUND","callType":"PSTN",` +
		`"source":"+6591234567","destination":"+6531591234","callStatus":"COMPLETED","callDuration":42}}}}`
}

// rss reads a process's resident set size, in bytes.
func rss(pid int) (int64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

// server is a server soak started, and what its log says.
type server struct {
	cmd  *exec.Cmd
	addr string

	logDone               chan struct{}
	webhooks, warns, errs int64
	last                  string // the last line that is not a webhook's
	lastWebhook           bool   // whether the last line is a webhook's
}

// start starts bin serve on a free port, and reads its log.
func start(bin string) (*server, error) {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Stdout = os.Stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	srv := &server{cmd: cmd, logDone: make(chan struct{})}
	listening := make(chan string, 1)
	go srv.read(stderr, listening)
	select {
	case srv.addr = <-listening:
		return srv, nil
	case <-srv.logDone:
		cmd.Wait()
		return nil, fmt.Errorf("%s serve: %s (%v)", bin, srv.last, cmd.ProcessState)
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		return nil, fmt.Errorf("%s serve: not listening after 30s", bin)
	}
}

// read counts the server's log lines.
func (srv *server) read(r io.Reader, listening chan<- string) {
	defer close(srv.logDone)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		srv.lastWebhook = bytes.Contains(line, []byte(`"msg":"webhook"`))
		switch {
		case srv.lastWebhook:
			srv.webhooks++
			switch {
			case bytes.Contains(line, []byte(`"level":"WARN"`)):
				srv.warns++
			case bytes.Contains(line, []byte(`"level":"ERROR"`)):
				srv.errs++
			}
			continue
		case bytes.Contains(line, []byte(`"msg":"listening"`)):
			var l struct{ Addr string }
			if json.Unmarshal(line, &l) == nil && l.Addr != "" {
				listening <- l.Addr
			}
		}
		srv.last = string(line)
	}
}

// stop sends SIGTERM, waits for the server to exit, checks what its log
// says against what s posted, and sums it up.
func (srv *server) stop(s *soak) string {
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		s.fail("SIGTERM: %v", err)
	}
	<-srv.logDone
	err := srv.cmd.Wait()
	if err != nil {
		s.fail("server: %v after SIGTERM", err)
	}
	if srv.lastWebhook || !strings.Contains(srv.last, `"msg":"stopped"`) {
		s.fail("the server's last log line is not stopped (last but webhooks: %s)", srv.last)
	}
	if done := s.done.Load(); srv.webhooks != done {
		s.fail("%d webhook log lines for %d requests answered", srv.webhooks, done)
	}
	if m := s.malformedSent.Load(); srv.warns != m || srv.errs != 0 {
		s.fail("%d webhook lines at WARN and %d at ERROR, want %d (the malformed) and 0", srv.warns, srv.errs, m)
	}
	exit := "exit 0"
	if err != nil {
		exit = err.Error()
	}
	return fmt.Sprintf("%d webhook lines, %d at WARN (the malformed), %d at ERROR; after SIGTERM: %s, \"stopped\" last",
		srv.webhooks, srv.warns, srv.errs, exit)
}

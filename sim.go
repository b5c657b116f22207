package ivrgen

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ivrgen/ivrgen/dsl"
)

// sim runs a call in the terminal against the flow's own server, built as
// ivrgen build builds it and driven over HTTP as 8x8 drives it: what 8x8
// would say and play, the caller's keys from --press or the keyboard, the
// hooks' answers from --hook or asked once at the start.
func (c *command) sim(args []string) int {
	fs := flag.NewFlagSet("sim", flag.ContinueOnError)
	var press onceFlag
	fs.Var(&press, "press", "the caller's `KEYS`, comma-separated (an empty one is silence): run the call without asking")
	var expects, hooks multiFlag
	fs.Var(&expects, "expect", "a `TEXT` the call must say; exit 1 if it never does (may be repeated)")
	fs.Var(&hooks, "hook", "how a hook answers, as `NAME=OUTCOME[,VAR=VALUE...]` (a comma in a value: \\,); repeated, its answers in turn, the last again")
	showJSON := fs.Bool("json", false, "print each callflow 8x8 is given, as JSON")
	at := fs.String("at", "", "the time of the call, for opening hours, as RFC 3339 (default: now)")
	files, ok := c.flags(fs, args, 1, "sim [-press KEYS] [-expect TEXT]... [-hook NAME=OUTCOME]... [-json] [-at TIME] FILE.ivr")
	if !ok {
		return exitUsage
	}
	flow := c.load(files[0])
	if flow == nil {
		return exitUser
	}
	scripted := false // --press given, even empty: no keyboard
	fs.Visit(func(f *flag.Flag) { scripted = scripted || f.Name == "press" })
	if *at != "" {
		if _, err := time.Parse(time.RFC3339, *at); err != nil {
			fmt.Fprintf(c.stderr, "ivrgen: -at %q is not an RFC 3339 time (such as 2026-12-25T08:59:00+08:00)\n", *at)
			return exitUsage
		}
	}
	s := &simCall{c: c, flow: flow, json: *showJSON, answers: map[string][]hookReply{}}
	if err := s.addHooks(hooks); err != nil {
		fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
		return exitUsage
	}
	if scripted {
		if s.keys = strings.Split(press.value, ","); slices.ContainsFunc(s.keys, notKeys) {
			fmt.Fprintf(c.stderr, "ivrgen: -press %s: a caller presses 0-9, * and #, entries split by commas (an empty one is silence)\n", press.value)
			return exitUsage
		}
	} else {
		s.in = bufio.NewReader(c.stdin)
		if f, ok := c.stdin.(*os.File); ok {
			info, err := f.Stat()
			s.prompts = err == nil && info.Mode()&os.ModeCharDevice != 0
		}
		if err := s.askHooks(); err != nil {
			fmt.Fprintf(c.stderr, "\nivrgen: %v\n", err)
			return exitUser
		}
	}
	heard, err := s.run(*at)
	if err != nil {
		fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
		return exitUser
	}
	return s.verdict(heard, expects)
}

// verdict says what the call left undone: inputs not used (a note), hooks
// that had no answer and texts never said (each fails it).
func (s *simCall) verdict(heard string, expects []string) int {
	status := exitOK
	if len(s.keys) > 0 {
		fmt.Fprintf(s.c.stderr, "ivrgen: the call ended with inputs left: %s\n", strings.Join(s.keys, ","))
	}
	for _, name := range s.unanswered {
		fmt.Fprintf(s.c.stderr, "ivrgen: hook %s was called without -hook %s=OUTCOME: the call took its error branch\n", name, name)
		status = exitUser
	}
	for _, e := range expects {
		if !strings.Contains(heard, e) {
			fmt.Fprintf(s.c.stderr, "ivrgen: the call never says %q\n", e)
			status = exitUser
		}
	}
	return status
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, " ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// onceFlag is a string flag given at most once.
type onceFlag struct {
	value string
	set   bool
}

func (f *onceFlag) String() string { return f.value }
func (f *onceFlag) Set(v string) error {
	if f.set {
		return errors.New("given twice: put all the inputs in one, comma-separated")
	}
	f.value, f.set = v, true
	return nil
}

// notKeys reports whether an input holds what no keypad sends.
func notKeys(input string) bool { return strings.Trim(input, "0123456789*#") != "" }

func hookNamed(f *dsl.Flow, name string) *dsl.Hook {
	for _, h := range f.Hooks {
		if h.Name == name {
			return h
		}
	}
	return nil
}

// simCall is one simulated call.
type simCall struct {
	c       *command
	flow    *dsl.Flow
	json    bool
	keys    []string      // the inputs left, when scripted
	in      *bufio.Reader // the keyboard, when not
	mu      sync.Mutex
	answers map[string][]hookReply // by hook, the answers left
	// unanswered are the hooks called without an answer, which failed
	unanswered []string
	prompts    bool            // the keyboard is a terminal: ask with a prompt
	heard      strings.Builder // everything said, for --expect
}

// prompt asks for a line, when the keyboard is a terminal; piped input
// gets no prompts.
func (s *simCall) prompt(text string) {
	if s.prompts {
		fmt.Fprint(s.c.stderr, text)
	}
}

// readLine reads a line of the keyboard; false at its end.
func (s *simCall) readLine() (string, bool) {
	line, err := s.in.ReadString('\n')
	line = strings.TrimSpace(line)
	return line, err == nil || line != ""
}

// run builds and starts the server, and takes the call through it. It
// returns what the call said.
func (s *simCall) run(at string) (string, error) {
	bin, err := simServer(s.flow)
	if err != nil {
		return "", err
	}
	hookURL, stopHooks, err := s.hookServer()
	if err != nil {
		return "", err
	}
	defer stopHooks()
	base, stop, err := startServer(bin, s.env(hookURL, at))
	if err != nil {
		return "", err
	}
	defer stop()
	return s.call(base)
}

// env is the server's environment: a made-up number for each the flow
// reads, the hooks at the simulation's own server.
func (s *simCall) env(hookURL, at string) []string {
	env := append(os.Environ(), "IVR_VIRTUAL_NUMBER=+15550000100")
	for i, n := range s.flow.Numbers {
		if n.Env != "" {
			env = append(env, fmt.Sprintf("%s=+1555000%04d", n.Env, i+1))
		}
	}
	for _, h := range s.flow.Hooks {
		env = append(env, h.URLEnv+"="+hookURL+"/"+h.Name)
		if h.AuthEnv != "" {
			env = append(env, h.AuthEnv+"=sim")
		}
	}
	if at != "" {
		env = append(env, "IVR_TEST_NOW="+at)
	}
	return env
}

// simServer builds the flow's server once for each source, in the user's
// cache, and returns its path.
func simServer(flow *dsl.Flow) (string, error) {
	files, err := moduleFiles(flow)
	if err != nil {
		return "", err
	}
	sum := sha256.New()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Fprintf(sum, "%s %d\n", name, len(files[name]))
		sum.Write(files[name])
	}
	cache, err := os.UserCacheDir()
	if err != nil || os.MkdirAll(filepath.Join(cache, "ivrgen", "sim"), 0o755) != nil {
		cache = os.TempDir() // no cache of the user's: the system's temporary files
	}
	bin := filepath.Join(cache, "ivrgen", "sim", hex.EncodeToString(sum.Sum(nil))[:24])
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		return "", err
	}
	tmp := fmt.Sprintf("%s.%d", bin, os.Getpid())
	if err := buildServer(flow, tmp); err != nil {
		return "", err
	}
	return bin, os.Rename(tmp, bin)
}

// startServer runs the server on a free port of the loopback and returns
// its URL once it listens.
func startServer(bin string, env []string) (string, func(), error) {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = env
	logs, err := cmd.StderrPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() { cmd.Process.Kill(); cmd.Wait() }
	lines := bufio.NewScanner(logs)
	var said []string
	for lines.Scan() {
		var line struct{ Msg, Addr string }
		if json.Unmarshal(lines.Bytes(), &line) == nil && line.Msg == "listening" {
			go io.Copy(io.Discard, logs) // the webhook lines
			return "http://" + line.Addr, stop, nil
		}
		said = append(said, lines.Text())
	}
	stop()
	return "", nil, fmt.Errorf("the flow's server did not start:\n%s", strings.Join(said, "\n"))
}

// simAction is one action of a callflow.
type simAction struct {
	Action string          `json:"action"`
	Params json.RawMessage `json:"params"`
}

// call posts CALL_ACTIONs to the server as 8x8 does, from the inbound
// call's first to its end, and writes what happens.
func (s *simCall) call(base string) (string, error) {
	out := s.c.stdout
	fmt.Fprintf(out, "call    from +15550000999 to %s's number\n", s.flow.Name)
	id, digits := "", ""
	first := true
	for turn := 0; ; turn++ {
		body, err := simPost(base+"/webhooks", id, digits, first)
		if err != nil {
			return "", err
		}
		first = false
		var answer struct {
			ClientActionID string      `json:"clientActionId"`
			Callflow       []simAction `json:"callflow"`
		}
		if err := json.Unmarshal(body, &answer); err != nil {
			return "", fmt.Errorf("the server's answer is not a callflow: %s", body)
		}
		if s.json {
			fmt.Fprintf(out, "json    %s\n", bytes.TrimSpace(body))
		}
		waits := false
		for _, a := range answer.Callflow {
			waits = s.show(a, placeOf(answer.ClientActionID)) || waits
		}
		if !waits {
			return s.heard.String(), nil
		}
		input, ok := s.next()
		if !ok {
			fmt.Fprintln(out, "caller  hangs up")
			return s.heard.String(), nil
		}
		if input == "" {
			fmt.Fprintln(out, "caller  says nothing")
		} else {
			fmt.Fprintf(out, "caller  presses %s\n", input)
		}
		id, digits = answer.ClientActionID, input
	}
}

// placeOf is the menu a clientActionId puts the caller in.
func placeOf(id string) string {
	if _, rest, ok := strings.Cut(id, "|"); ok {
		id, _, _ = strings.Cut(rest, "|")
	}
	return id
}

// times says how many times a say or a play is repeated, when more than
// once.
func times(p map[string]any) string {
	if n, ok := p["repetition"].(float64); ok && n > 1 {
		return fmt.Sprintf(", %g times", n)
	}
	return ""
}

// keysWords says how many keys a capture waits for.
func keysWords(p map[string]any) string {
	lo, hi := fmt.Sprint(p["minDigits"]), fmt.Sprint(p["maxDigits"])
	switch {
	case lo == "1" && hi == "1":
		return "a key"
	case lo == hi:
		return lo + " keys"
	}
	return lo + " to " + hi + " keys"
}

// show writes one action, and reports whether 8x8 waits for keys after it.
func (s *simCall) show(a simAction, place string) bool {
	out := s.c.stdout
	var p map[string]any
	json.Unmarshal(a.Params, &p)
	switch a.Action {
	case "say":
		text, _ := p["text"].(string)
		s.heard.WriteString(text + "\n")
		fmt.Fprintf(out, "8x8     says %q%s\n", text, times(p))
	case "play":
		fmt.Fprintf(out, "8x8     plays %v%s\n", p["fileUrl"], times(p))
	case "sayAndCapture":
		text, _ := p["promptMessage"].(string)
		s.heard.WriteString(text + "\n")
		fmt.Fprintf(out, "8x8     says %q\n        (%s waits for %s)\n", text, place, keysWords(p))
		return true
	case "makeCall":
		fmt.Fprintf(out, "8x8     transfers the call to %s\n", s.numberName(fmt.Sprint(p["destination"])))
	case "hangup":
		fmt.Fprintln(out, "8x8     hangs up")
	default:
		fmt.Fprintf(out, "8x8     %s %s\n", a.Action, a.Params)
	}
	return false
}

// next is the caller's next input: from --press, or the keyboard ("" is
// silence); false when there is none, and the caller hangs up.
func (s *simCall) next() (string, bool) {
	if s.in == nil {
		if len(s.keys) == 0 {
			return "", false
		}
		k := s.keys[0]
		s.keys = s.keys[1:]
		return k, true
	}
	s.prompt("keys (enter alone for silence, q to hang up)> ")
	line, err := s.in.ReadString('\n')
	line = strings.TrimSpace(line)
	if errors.Is(err, io.EOF) && line == "" || line == "q" {
		return "", false
	}
	return line, true
}

// numberName names a number the simulation made up for the flow: "staff
// (+15550000001)".
func (s *simCall) numberName(e164 string) string {
	for i, n := range s.flow.Numbers {
		if n.Env != "" && e164 == fmt.Sprintf("+1555000%04d", i+1) || n.Literal == e164 {
			return n.Name + " (" + e164 + ")"
		}
	}
	return e164
}

// simPost sends a CALL_ACTION shaped as 8x8's: the inbound call's first
// (CALL_RECEIVED), then one after each capture.
func simPost(url, id, digits string, first bool) ([]byte, error) {
	payload := map[string]any{
		"eventId": fmt.Sprintf("sim-%d", time.Now().UnixNano()), "callId": "sim-call", "sessionId": "sim-session",
		"subAccountId": "sim", "callStatus": "ACTION_COMPLETED", "callDirection": "INBOUND", "callType": "PSTN",
		"source": "+15550000999", "destination": "+15550000100", "timestamp": time.Now().UTC().Format(time.RFC3339),
	}
	if first {
		payload["callStatus"] = "CALL_RECEIVED"
	} else {
		payload["clientActionId"] = id
		payload["eventData"] = map[string]any{"dtmf": digits}
	}
	body, _ := json.Marshal(map[string]any{"namespace": "VOICE", "eventType": "CALL_ACTION", "description": "Action completed on a call", "payload": payload})
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("the flow's server: %v", err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the flow's server answered %d: %s", resp.StatusCode, answer)
	}
	return answer, nil
}

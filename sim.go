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
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
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
	press := fs.String("press", "", "the caller's inputs, comma-separated (an empty one is silence): run the call without asking")
	var expects, hooks multiFlag
	fs.Var(&expects, "expect", "a `TEXT` the call must say; exit 1 if it never does (may be repeated)")
	fs.Var(&hooks, "hook", "`NAME=OUTCOME[,VAR=VALUE...]`: how hook NAME answers; repeated, its answers in turn, the last again")
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
	s := &simCall{c: c, flow: flow, json: *showJSON, answers: map[string][]string{}}
	for _, h := range hooks {
		name, answer, _ := strings.Cut(h, "=")
		hook := hookNamed(flow, name)
		if hook == nil {
			fmt.Fprintf(c.stderr, "ivrgen: -hook %s: %s has no hook %q\n", h, flow.File, name)
			return exitUsage
		}
		if outcome, _, _ := strings.Cut(answer, ","); outcome != "error" && !slices.ContainsFunc(hook.Outcomes, func(o *dsl.HookOutcome) bool { return o.Name == outcome }) {
			fmt.Fprintf(c.stderr, "ivrgen: -hook %s: hook %s has no outcome %q (it has %s, and error)\n", h, name, outcome, outcomeNames(hook))
			return exitUsage
		}
		s.answers[name] = append(s.answers[name], answer)
	}
	if scripted {
		s.keys = strings.Split(*press, ",")
	} else {
		s.in = bufio.NewReader(c.stdin)
		s.askHooks()
	}
	heard, err := s.run(*at)
	if err != nil {
		fmt.Fprintf(c.stderr, "ivrgen: %v\n", err)
		return exitUser
	}
	status := exitOK
	for _, e := range expects {
		if !strings.Contains(heard, e) {
			fmt.Fprintf(c.stderr, "ivrgen: the call never says %q\n", e)
			status = exitUser
		}
	}
	return status
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, " ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

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
	answers map[string][]string // by hook, the answers left
	heard   strings.Builder     // everything said, for --expect
}

// askHooks asks, for each hook no --hook answers, how it should answer:
// once, before the call, as a hook waits only seconds for its answer.
func (s *simCall) askHooks() {
	for _, h := range s.flow.Hooks {
		if len(s.answers[h.Name]) > 0 {
			continue
		}
		fmt.Fprintf(s.c.stderr, "hook %s: answer with which outcome? (%s, error) ", h.Name, outcomeNames(h))
		answer := s.readLine()
		for _, o := range h.Outcomes {
			if o.Name != answer {
				continue
			}
			for _, v := range o.Values {
				fmt.Fprintf(s.c.stderr, "  %s, %s: ", v.Name, kindWords(v))
				answer += "," + v.Name + "=" + s.readLine()
			}
		}
		s.answers[h.Name] = []string{answer}
	}
}

func outcomeNames(h *dsl.Hook) string {
	names := []string{}
	for _, o := range h.Outcomes {
		names = append(names, o.Name)
	}
	return strings.Join(names, ", ")
}

func (s *simCall) readLine() string {
	line, _ := s.in.ReadString('\n')
	return strings.TrimSpace(line)
}

// kindWords says what values a variable takes.
func kindWords(v *dsl.Var) string {
	switch k := v.Kind; k.Type {
	case dsl.NumberKind:
		return fmt.Sprintf("a number from %d to %d", k.Min, k.Max)
	case dsl.DigitsKind:
		return fmt.Sprintf("%d to %d digits", k.Min, k.Max)
	case dsl.ChoiceKind:
		var names []string
		for _, ch := range k.Choices {
			names = append(names, ch.Name)
		}
		return "one of " + strings.Join(names, ", ")
	}
	return fmt.Sprintf("a text of %d to %d characters", v.Kind.Min, v.Kind.Max)
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

// hookServer answers the flow's hooks as --hook (or the answers asked)
// say; a hook with none fails.
func (s *simCall) hookServer() (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(s.answerHook)}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

func (s *simCall) answerHook(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	var req struct {
		Inputs map[string]any `json:"inputs"`
	}
	json.NewDecoder(r.Body).Decode(&req)
	s.mu.Lock()
	defer s.mu.Unlock()
	inputs := []string{}
	for _, v := range hookNamed(s.flow, name).Inputs {
		value := fmt.Sprint(req.Inputs[v.Name])
		if v.Secret {
			value = "****" // as the server's log has it
		}
		inputs = append(inputs, v.Name+"="+value)
	}
	answers := s.answers[name]
	if len(answers) == 0 {
		fmt.Fprintf(s.c.stdout, "hook    %s(%s) fails: no -hook %s=OUTCOME\n", name, strings.Join(inputs, ", "), name)
		http.Error(w, "no answer", http.StatusInternalServerError)
		return
	}
	answer := answers[0]
	if len(answers) > 1 {
		s.answers[name] = answers[1:]
	}
	outcome, body := hookAnswer(hookNamed(s.flow, name), answer)
	fmt.Fprintf(s.c.stdout, "hook    %s(%s) answers %s\n", name, strings.Join(inputs, ", "), outcome)
	if outcome == "error" {
		http.Error(w, "error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

// hookAnswer is the JSON answer of OUTCOME[,VAR=VALUE...]: numbers as JSON
// numbers, the rest as strings.
func hookAnswer(h *dsl.Hook, answer string) (string, []byte) {
	parts := strings.Split(answer, ",")
	values := map[string]any{}
	for _, p := range parts[1:] {
		name, value, _ := strings.Cut(p, "=")
		values[name] = value
		for _, o := range h.Outcomes {
			for _, v := range o.Values {
				if n, err := strconv.Atoi(value); v.Name == name && v.Kind.Type == dsl.NumberKind && err == nil {
					values[name] = n
				}
			}
		}
	}
	body, _ := json.Marshal(map[string]any{"outcome": parts[0], "values": values})
	return parts[0], body
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
	fmt.Fprint(s.c.stderr, "keys (enter alone for silence, q to hang up)> ")
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

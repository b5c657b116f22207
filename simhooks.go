package ivrgen

// sim's hooks: how each answers, from --hook or the keyboard, checked
// against the flow, and the in-process server the flow's server calls.

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ivrgen/ivrgen/dsl"
)

// addHooks takes the --hook answers, each NAME=OUTCOME[,VAR=VALUE...].
func (s *simCall) addHooks(hooks []string) error {
	for _, h := range hooks {
		name, answer, _ := strings.Cut(h, "=")
		hook := hookNamed(s.flow, name)
		if hook == nil {
			var names []string
			for _, h := range s.flow.Hooks {
				names = append(names, h.Name)
			}
			return fmt.Errorf("-hook %s: %s has no hook %q%s", h, s.flow.File, name, dsl.Suggest(name, names))
		}
		reply, err := parseHookReply(hook, answer)
		if err != nil {
			return fmt.Errorf("-hook %s: %v", h, err)
		}
		s.answers[name] = append(s.answers[name], reply)
	}
	return nil
}

// hookReply is how a hook answers: an outcome and the values it gives.
type hookReply struct {
	outcome string
	values  map[string]any
}

// parseHookReply reads OUTCOME[,VAR=VALUE...] for hook h (a comma in a
// value written \,): an outcome it has, or error, with every value that
// outcome gives and none other, each of its kind.
func parseHookReply(h *dsl.Hook, text string) (hookReply, error) {
	parts := splitUnescaped(text)
	r := hookReply{outcome: parts[0], values: map[string]any{}}
	if r.outcome == "error" {
		if len(parts) > 1 {
			return r, errors.New("error gives no values")
		}
		return r, nil
	}
	i := slices.IndexFunc(h.Outcomes, func(o *dsl.HookOutcome) bool { return o.Name == r.outcome })
	if i < 0 {
		return r, fmt.Errorf("hook %s has no outcome %q (it has %s, and error)", h.Name, r.outcome, outcomeNames(h))
	}
	o := h.Outcomes[i]
	for _, p := range parts[1:] {
		name, value, _ := strings.Cut(p, "=")
		j := slices.IndexFunc(o.Values, func(v *dsl.Var) bool { return v.Name == name })
		if j < 0 {
			return r, fmt.Errorf("outcome %s gives no value %q (%s)", o.Name, name, valueNames(o))
		}
		v, err := hookValue(o.Values[j], value)
		if err != nil {
			return r, err
		}
		r.values[name] = v
	}
	for _, v := range o.Values {
		if _, ok := r.values[v.Name]; !ok {
			return r, fmt.Errorf("outcome %s needs %s=VALUE, %s", o.Name, v.Name, v.Kind.Words())
		}
	}
	return r, nil
}

// describe is the reply as the transcript shows it: booked(ref=042917).
func (r hookReply) describe(h *dsl.Hook) string {
	var values []string
	for _, o := range h.Outcomes {
		if o.Name == r.outcome {
			for _, v := range o.Values {
				values = append(values, fmt.Sprintf("%s=%v", v.Name, r.values[v.Name]))
			}
		}
	}
	if len(values) == 0 {
		return r.outcome
	}
	return r.outcome + "(" + strings.Join(values, ", ") + ")"
}

// splitUnescaped splits s at each comma not written \,.
func splitUnescaped(s string) []string {
	parts := strings.Split(strings.ReplaceAll(s, `\,`, "\x00"), ",")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(p, "\x00", ",")
	}
	return parts
}

func valueNames(o *dsl.HookOutcome) string {
	if len(o.Values) == 0 {
		return "it gives none"
	}
	names := make([]string, len(o.Values))
	for i, v := range o.Values {
		names[i] = v.Name
	}
	return "it gives " + strings.Join(names, ", ")
}

// hookValue checks a value against its variable's kind, and returns it as
// the hook's JSON has it: a number, or a string.
func hookValue(v *dsl.Var, value string) (any, error) {
	k := v.Kind
	bad := fmt.Errorf("%s=%s: %s is %s", v.Name, value, v.Name, v.Kind.Words())
	switch k.Type {
	case dsl.NumberKind:
		n, err := strconv.Atoi(value)
		if err != nil || n < k.Min || n > k.Max {
			return nil, bad
		}
		return n, nil
	case dsl.DigitsKind:
		if strings.Trim(value, "0123456789") != "" || len(value) < k.Min || len(value) > k.Max {
			return nil, bad
		}
	case dsl.ChoiceKind:
		if !slices.ContainsFunc(k.Choices, func(c *dsl.Choice) bool { return c.Name == value }) {
			return nil, bad
		}
	default:
		if n := utf8.RuneCountInString(value); n < k.Min || n > k.Max {
			return nil, bad
		}
	}
	return value, nil
}

// askHooks asks, for each hook no --hook answers, how it should answer:
// once, before the call, as a hook waits only seconds for its answer.
func (s *simCall) askHooks() error {
	for _, h := range s.flow.Hooks {
		if len(s.answers[h.Name]) > 0 {
			continue
		}
		for {
			s.prompt(fmt.Sprintf("hook %s: answer with which outcome? (%s, error) ", h.Name, outcomeNames(h)))
			answer, ok := s.readLine()
			if !ok {
				return fmt.Errorf("no answer for hook %s: give it with -hook %s=OUTCOME", h.Name, h.Name)
			}
			if i := slices.IndexFunc(h.Outcomes, func(o *dsl.HookOutcome) bool { return o.Name == answer }); i >= 0 {
				for _, v := range h.Outcomes[i].Values {
					s.prompt(fmt.Sprintf("  %s, %s: ", v.Name, v.Kind.Words()))
					value, ok := s.readLine()
					if !ok {
						return fmt.Errorf("no value %s for hook %s", v.Name, h.Name)
					}
					answer += "," + v.Name + "=" + strings.ReplaceAll(value, ",", `\,`)
				}
			}
			reply, err := parseHookReply(h, answer)
			if err == nil {
				s.answers[h.Name] = []hookReply{reply}
				break
			}
			fmt.Fprintf(s.c.stderr, "  %v\n", err)
		}
	}
	return nil
}

func outcomeNames(h *dsl.Hook) string {
	names := []string{}
	for _, o := range h.Outcomes {
		names = append(names, o.Name)
	}
	return strings.Join(names, ", ")
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
		if !slices.Contains(s.unanswered, name) {
			s.unanswered = append(s.unanswered, name)
		}
		http.Error(w, "no answer", http.StatusInternalServerError)
		return
	}
	reply := answers[0]
	if len(answers) > 1 {
		s.answers[name] = answers[1:]
	}
	fmt.Fprintf(s.c.stdout, "hook    %s(%s) answers %s\n", name, strings.Join(inputs, ", "), reply.describe(hookNamed(s.flow, name)))
	if reply.outcome == "error" {
		http.Error(w, "error", http.StatusInternalServerError)
		return
	}
	body, _ := json.Marshal(map[string]any{"outcome": reply.outcome, "values": reply.values})
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

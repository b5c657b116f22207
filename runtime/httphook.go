package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// maxHookAnswer bounds the body of a hook's answer over HTTP.
const maxHookAnswer = 64 << 10

// HTTPHook calls a hook by POSTing JSON to URL.
type HTTPHook struct {
	Name   string       // the hook's name in the .ivr file
	URL    string       // an http or https URL
	Auth   string       // sent as the Authorization header when not ""
	Client *http.Client // nil: a shared client without its own timeout (the context carries the deadline)
}

// hookClient is the shared client of HTTPHooks. It follows no redirect (a
// redirected POST would turn into a GET): a 3xx answer is refused as a
// non-2xx status.
var hookClient = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// HookInputs is the inputs object of a call, in order. A nil *HookInputs is
// no inputs.
type HookInputs struct {
	members []byte // "name":value,... without the braces
}

// Inputs starts an empty inputs object.
func Inputs() *HookInputs { return &HookInputs{} }

// Int adds a number.
func (in *HookInputs) Int(name string, v int) *HookInputs {
	in.members = strconv.AppendInt(in.member(name), int64(v), 10)
	return in
}

// String adds a string: digits, a choice or a text.
func (in *HookInputs) String(name, v string) *HookInputs {
	in.members = appendJSONString(in.member(name), v)
	return in
}

// member appends a member's name and colon.
func (in *HookInputs) member(name string) []byte {
	b := in.members
	if len(b) > 0 {
		b = append(b, ',')
	}
	return append(appendJSONString(b, name), ':')
}

// object is the inputs as a JSON object.
func (in *HookInputs) object() json.RawMessage {
	if in == nil {
		return json.RawMessage("{}")
	}
	return append(append([]byte{'{'}, in.members...), '}')
}

// hookRequest is the body POSTed to a hook.
type hookRequest struct {
	Hook   string          `json:"hook"`
	Key    string          `json:"key"`
	Call   Call            `json:"call"`
	Inputs json.RawMessage `json:"inputs"`
}

// Call POSTs {"hook":NAME,"key":KEY,"call":{...},"inputs":{...}} with
// Content-Type and Accept application/json, Idempotency-Key: key (when not
// "") and Authorization (when set), and reads the answer
// {"outcome":"NAME","values":{...}} ("values" optional). It fails, with an
// error that says which, on the deadline of ctx (MaxHookTimeout when ctx has
// none), a transport error, a non-2xx status, a body over 64 KiB, a body that
// is not that JSON, and a missing or empty outcome. Its errors name the URL's
// host only, never its path, query or the Auth value.
func (h *HTTPHook) Call(ctx context.Context, call Call, key string, in *HookInputs) (*HookAnswer, error) {
	u, err := url.Parse(h.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("hook %s: its URL is not an http(s) URL", h.Name)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, MaxHookTimeout)
		defer cancel()
	}
	start := time.Now()
	raw, err := h.post(ctx, call, key, in)
	if err != nil {
		return nil, hookCallError(ctx, u.Host, start, err)
	}
	a, err := parseHookAnswer(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u.Host, err)
	}
	return a, nil
}

// post sends the request and reads a 2xx answer's body.
func (h *HTTPHook) post(ctx context.Context, call Call, key string, in *HookInputs) ([]byte, error) {
	body := mustMarshal(hookRequest{Hook: h.Name, Key: key, Call: call, Inputs: in.object()})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, bytes.NewReader(body))
	if err != nil {
		return nil, errors.New("cannot make the request")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	if h.Auth != "" {
		req.Header.Set("Authorization", h.Auth)
	}
	client := h.Client
	if client == nil {
		client = hookClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("answered HTTP %d", resp.StatusCode)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxHookAnswer+1))
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	if len(raw) > maxHookAnswer {
		return nil, errors.New("answer over 64 KiB")
	}
	return raw, nil
}

// hookCallError names the host in err, says so when ctx ended first, and
// drops the URL a transport error quotes.
func hookCallError(ctx context.Context, host string, start time.Time, err error) error {
	if deadline, ok := ctx.Deadline(); ok && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no answer from %s within %s", host, deadline.Sub(start).Round(time.Millisecond))
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%s: call canceled", host)
	}
	if ue, ok := err.(*url.Error); ok {
		err = ue.Err
	}
	return fmt.Errorf("%s: %v", host, err)
}

// HookAnswer is a hook's answer over HTTP: its outcome and the values it
// returned, read and checked by the getters.
type HookAnswer struct {
	Outcome string // the outcome's name, never ""
	values  map[string]json.RawMessage
}

// parseHookAnswer reads {"outcome":"NAME","values":{...}}.
func parseHookAnswer(raw []byte) (*HookAnswer, error) {
	var a struct {
		Outcome string                     `json:"outcome"`
		Values  map[string]json.RawMessage `json:"values"`
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, fmt.Errorf("answer is not JSON: %s", answerSyntax(err))
	}
	if a.Outcome == "" {
		return nil, errors.New("answer has no outcome")
	}
	return &HookAnswer{Outcome: a.Outcome, values: a.Values}, nil
}

// answerSyntax says what is wrong with an answer that is JSON of the wrong
// shape, or quotes the JSON error.
func answerSyntax(err error) string {
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) {
		return err.Error()
	}
	switch typeErr.Field {
	case "":
		return "want an object, got " + typeErr.Value
	case "outcome":
		return "outcome is not a string"
	case "values":
		return "values is not an object"
	}
	return typeErr.Field + " has the wrong type"
}

// UnknownOutcome is the error of an outcome the flow does not know:
// `unknown outcome "x"`.
func (a *HookAnswer) UnknownOutcome() error {
	return fmt.Errorf("unknown outcome %s", quoteValue(a.Outcome))
}

// Int reads a value that must be a JSON whole number from min to max (2.0
// is 2).
func (a *HookAnswer) Int(name string, min, max int) (int, error) {
	raw, err := a.value(name, "a number", "a number")
	if err != nil {
		return 0, err
	}
	s := string(raw)
	if n, err := strconv.Atoi(s); err == nil {
		return n, CheckNumber(name, n, min, max)
	}
	f, _ := strconv.ParseFloat(s, 64) // JSON numbers parse; ±Inf when huge
	switch {
	case f != math.Trunc(f):
		return 0, fmt.Errorf("%s: %s is not a whole number", name, cutValue(s))
	case f < float64(min) || f > float64(max):
		return 0, fmt.Errorf("%s: %s is not a number from %d to %d", name, cutValue(s), min, max)
	}
	return int(f), nil
}

// Digits reads a value that must be a JSON string of min to max digits.
func (a *HookAnswer) Digits(name string, min, max int) (string, error) {
	v, err := a.stringValue(name, "a string of digits")
	if err != nil {
		return "", err
	}
	return v, CheckDigits(name, v, min, max)
}

// Text reads a value that must be a JSON string of min to max characters
// without control characters (CheckText).
func (a *HookAnswer) Text(name string, min, max int) (string, error) {
	v, err := a.stringValue(name, "a string")
	if err != nil {
		return "", err
	}
	return v, CheckText(name, v, min, max)
}

// Choice reads a value that must be a JSON string, one of choices.
func (a *HookAnswer) Choice(name string, choices ...string) (string, error) {
	v, err := a.stringValue(name, "a string")
	if err != nil {
		return "", err
	}
	return v, CheckChoice(name, v, choices...)
}

// stringValue reads a JSON string.
func (a *HookAnswer) stringValue(name, want string) (string, error) {
	raw, err := a.value(name, "a string", want)
	if err != nil {
		return "", err
	}
	var v string
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", fmt.Errorf("%s: %v", name, err)
	}
	return v, nil
}

// value is the raw JSON of a value of the JSON kind kind; the error says
// want when it is of another kind.
func (a *HookAnswer) value(name, kind, want string) (json.RawMessage, error) {
	raw, ok := a.values[name]
	if !ok {
		return nil, fmt.Errorf("%s: missing", name)
	}
	if got := rawKind(raw); got != kind {
		return nil, fmt.Errorf("%s: want %s, got %s", name, want, got)
	}
	return raw, nil
}

// rawKind names the kind of a JSON value: "a string", "a number", "an
// object", "an array", or the literal itself (true, false, null).
func rawKind(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f', 'n':
		return string(raw)
	}
	return "a number"
}

package runtime

import (
	"encoding/json"
	"fmt"
	"strings"
)

// TransferPrefix starts the clientActionId of a reply that transfers the
// caller ("transfer:" + the number's name in the .ivr file). Menu names cannot
// contain ':', so such an id never names a menu; a CALL_ACTION that comes back
// with one (the transferred call has ended) is answered with a hangup.
const TransferPrefix = "transfer:"

// Reply is one answer to a CALL_ACTION: the JSON body
// {"clientActionId": ..., "callflow": [...]}. Its callflow is marshalled
// once when the flow is built, or put together per request from pieces
// marshalled then; a reply that leaves the caller in a menu gets its
// clientActionId, which carries the call's session, from Turn.Finish.
type Reply struct {
	next     string
	place    string // the menu the caller will be in; "" when body is final
	vars     string // the values the clientActionId carries, encoded
	callflow []byte // the callflow array, or null
	body     []byte // the whole JSON: nil until Finish for a menu
}

// NewReply marshals a callflow. clientActionID is the menu the caller will be
// in (8x8 echoes it in the next CALL_ACTION; Turn.Finish adds the call's
// session), TransferPrefix+name for a transfer, or "" when the callflow ends
// the call. NewReply panics if the actions cannot be marshalled, which the
// action types rule out.
func NewReply(clientActionID string, actions ...Action) Reply {
	callflow, err := json.Marshal(actions)
	if err != nil {
		panic(fmt.Sprintf("ivrruntime: marshalling a callflow: %v", err))
	}
	next := clientActionID
	if next == "" && len(actions) > 0 {
		next = actions[len(actions)-1].ActionName()
	}
	return newReply(next, clientActionID, "", callflow)
}

// newReply is a reply whose id is place: one Finish completes when place is
// a menu, final at once when it is "" or a transfer.
func newReply(next, place, vars string, callflow []byte) Reply {
	r := Reply{next: next, callflow: callflow}
	if place == "" || IsTransfer(place) {
		r.body = replyBody(place, callflow)
		return r
	}
	r.place, r.vars = place, vars
	return r
}

// replyBody is {"clientActionId":ID,"callflow":CALLFLOW}, the id left out
// when "".
func replyBody(id string, callflow []byte) []byte {
	body := make([]byte, 0, len(callflow)+len(id)+40)
	body = append(body, '{')
	if id != "" {
		body = append(appendJSONString(append(body, `"clientActionId":`...), id), ',')
	}
	body = append(append(body, `"callflow":`...), callflow...)
	return append(body, '}')
}

// Next says what the caller meets after this reply, for logs: a menu's name,
// "transfer:NAME" or "hangup".
func (r Reply) Next() string { return r.next }

// Body returns the marshalled JSON. It is shared: do not modify it. A
// reply for a menu that Turn.Finish has not completed shows the bare menu
// name as its clientActionId.
func (r Reply) Body() []byte {
	if r.body == nil {
		return replyBody(r.place, r.callflow)
	}
	return r.body
}

// hangupReply answers a CALL_ACTION that arrives after a transfer.
var hangupReply = NewReply("", Hangup{})

// IsTransfer reports whether a clientActionId marks a transfer.
func IsTransfer(clientActionID string) bool {
	return strings.HasPrefix(clientActionID, TransferPrefix)
}

// Flow is a compiled IVR: ivrgen generates one per .ivr file. A Reply that
// is the same for every call was built when the flow was; the others are
// put together from pieces marshalled then.
type Flow interface {
	// Name is the flow's name, ivr NAME in the .ivr file.
	Name() string
	// Start returns the reply that puts a new caller in the start menu
	// (or through the hours branch the flow starts with), finished for t.
	Start(t *Turn) Reply
	// Answer returns the reply to the digits captured in the menu that
	// t.ID, the clientActionId 8x8 echoed, names with the values it
	// carries; "" is the start menu (a CALL_ACTION with no clientActionId
	// follows the capture of an outbound call). t.Digits is "" when the
	// caller pressed nothing. An id that names no menu, or carries values
	// that are altered or no longer fit, starts the caller over, with a
	// warning in t. Answer runs the flow's hooks, within their deadlines.
	Answer(t *Turn) Reply
	// StartCapture is the start menu's capture, which follows makeCall when
	// the Callflows API places an outbound call; false when the flow starts
	// with an hours branch, which only an answer can take.
	StartCapture() (SayAndCapture, bool)
	// Stateful reports whether the flow carries values in its
	// clientActionIds, which Options.StateKey signs.
	Stateful() bool
}

// App describes a generated flow to the server binary's command line (Main).
type App struct {
	Name   string   // the flow's name: ivr NAME in the .ivr file
	Source string   // the .ivr file the flow was generated from
	Env    []EnvVar // the variables the flow itself reads, in source order
	// Load reads the flow's variables through getenv and builds the flow. Its
	// error names every variable that is missing or invalid.
	Load func(getenv func(string) string) (Flow, error)
}

// EnvVar documents one environment variable for --help.
type EnvVar struct {
	Name string
	Doc  string
}

package runtime

import "encoding/json"

// Action is one step of an 8x8 callflow. The concrete types are MakeCall,
// Say, SayAndCapture, PlayFile and Hangup; each marshals as
// {"action": NAME, "params": {...}}.
type Action interface {
	// ActionName is the action's name on the wire, such as "sayAndCapture".
	ActionName() string
}

// MakeCall dials Destination with Source as caller id. Sent in answer to a
// CALL_ACTION, it bridges the caller to Destination.
type MakeCall struct {
	Source      Number `json:"source"`
	Destination Number `json:"destination"`
}

// Say speaks Text (at most 3000 characters).
type Say struct {
	Text         string  `json:"text"`
	VoiceProfile string  `json:"voiceProfile"`
	Repetition   int     `json:"repetition,omitempty"` // 1 to 3; 0 leaves 8x8's default (1)
	Speed        float64 `json:"speed"`                // 0.5 to 2
}

// SayAndCapture speaks PromptMessage and captures DTMF digits, which 8x8
// reports in the next CALL_ACTION. Timeouts are in milliseconds.
type SayAndCapture struct {
	PromptMessage  string  `json:"promptMessage"`
	VoiceProfile   string  `json:"voiceProfile"`
	Speed          float64 `json:"speed"`
	MinDigits      int     `json:"minDigits"`
	MaxDigits      int     `json:"maxDigits"`
	DigitTimeout   int     `json:"digitTimeout"`
	OverallTimeout int     `json:"overallTimeout"`
	CompleteOnHash bool    `json:"completeOnHash"`
	NoOfTries      int     `json:"noOfTries"`
	SuccessMessage string  `json:"successMessage,omitempty"`
	FailureMessage string  `json:"failureMessage,omitempty"`
}

// PlayFile plays an mp3 or wav file (under 5 MB) from an http(s) URL.
type PlayFile struct {
	FileURL    string `json:"fileUrl"`
	Repetition int    `json:"repetition,omitempty"` // 1 to 3; 0 leaves 8x8's default (1)
}

// Hangup ends the session, which makes 8x8 send the session summary.
type Hangup struct{}

func (MakeCall) ActionName() string      { return "makeCall" }
func (Say) ActionName() string           { return "say" }
func (SayAndCapture) ActionName() string { return "sayAndCapture" }
func (PlayFile) ActionName() string      { return "playFile" }
func (Hangup) ActionName() string        { return "hangup" }

// marshalAction writes {"action": name, "params": params}. Each action type
// converts itself to a method-less copy first, so this does not recurse.
func marshalAction[P any](name string, params P) ([]byte, error) {
	return json.Marshal(struct {
		Action string `json:"action"`
		Params P      `json:"params"`
	}{name, params})
}

func (a MakeCall) MarshalJSON() ([]byte, error) {
	type params MakeCall
	return marshalAction(a.ActionName(), params(a))
}

func (a Say) MarshalJSON() ([]byte, error) {
	type params Say
	return marshalAction(a.ActionName(), params(a))
}

func (a SayAndCapture) MarshalJSON() ([]byte, error) {
	type params SayAndCapture
	return marshalAction(a.ActionName(), params(a))
}

func (a PlayFile) MarshalJSON() ([]byte, error) {
	type params PlayFile
	return marshalAction(a.ActionName(), params(a))
}

// MarshalJSON writes hangup, which takes no params.
func (Hangup) MarshalJSON() ([]byte, error) { return []byte(`{"action":"hangup"}`), nil }

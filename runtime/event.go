package runtime

import "encoding/json"

// Event types 8x8 sends, in the envelope's eventType.
const (
	EventCallAction     = "CALL_ACTION"
	EventCallStatus     = "CALL_STATUS"
	EventSessionSummary = "SESSION_SUMMARY"
)

// Envelope is the outer form of every 8x8 Voice webhook.
type Envelope struct {
	Namespace   string          `json:"namespace"`
	EventType   string          `json:"eventType"`
	Description string          `json:"description"`
	Version     int             `json:"version,omitempty"`
	Payload     json.RawMessage `json:"payload"`
}

// CallEvent is the payload of CALL_ACTION and CALL_STATUS events.
type CallEvent struct {
	EventID        string  `json:"eventId"`
	CallID         string  `json:"callId"`
	SessionID      string  `json:"sessionId"`
	SubAccountID   string  `json:"subAccountId"`
	CallStatus     string  `json:"callStatus"` // CALL_RECEIVED, ACTION_COMPLETED, ...
	CallDirection  string  `json:"callDirection"`
	CallType       string  `json:"callType"`
	Source         string  `json:"source"`
	Destination    string  `json:"destination"`
	CallDuration   float64 `json:"callDuration"`
	SIPCode        int     `json:"sipCode"`
	Timestamp      string  `json:"timestamp"`
	ClientActionID *string `json:"clientActionId"`
	// EventData.DTMF holds the digits of the last capture; 8x8's field table
	// puts dtmf at payload level, so DTMF is read too.
	EventData *struct {
		DTMF *string `json:"dtmf"`
	} `json:"eventData"`
	DTMF *string `json:"dtmf"`
}

// Digits returns the digits captured, "" when there were none.
func (e *CallEvent) Digits() string {
	if e.EventData != nil && e.EventData.DTMF != nil {
		return *e.EventData.DTMF
	}
	if e.DTMF != nil {
		return *e.DTMF
	}
	return ""
}

// call is what a hook knows of the call: its ids, who called whom.
func (e *CallEvent) call() Call {
	c := Call{EventID: e.EventID, CallID: e.CallID, SessionID: e.SessionID, Caller: e.Source, Called: e.Destination, Direction: e.CallDirection}
	if e.CallDirection == "OUTBOUND" { // the business called the person
		c.Caller, c.Called = e.Destination, e.Source
	}
	return c
}

// Menu returns the clientActionId 8x8 echoed, "" when there was none.
func (e *CallEvent) Menu() string {
	if e.ClientActionID == nil {
		return ""
	}
	return *e.ClientActionID
}

// SessionSummary is the payload of a SESSION_SUMMARY event (VSS).
type SessionSummary struct {
	SessionID     string `json:"sessionId"`
	SubAccountID  string `json:"subAccountId"`
	SessionStatus string `json:"sessionStatus"` // COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELED, ERROR
	StartTime     string `json:"startTime"`
	EndTime       string `json:"endTime"`
	LastAction    string `json:"lastAction"`
	CallCount     int    `json:"callCount"`
	ErrorDetails  *struct {
		ErrorMsg  string `json:"errorMsg"`
		ErrorCode int    `json:"errorCode"`
	} `json:"errorDetails"`
	Details json.RawMessage `json:"details"`
}

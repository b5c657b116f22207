package callflowcheck

import (
	"errors"
	"strings"
	"testing"
)

// guideReply is the Advanced IVR guide's Reservations answer, with the
// guide's equal timeouts (which 8x8 refuses with -1006) corrected.
const guideReply = `{
  "clientActionId": "reservations",
  "callflow": [
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Press 1 to make a new reservation, press 2 to reschedule an existing reservation, press 3 to return to main menu.",
        "voiceProfile": "en-US-BenjaminRUS",
        "speed": 1,
        "minDigits": 1,
        "maxDigits": 1,
        "digitTimeout": 5000,
        "overallTimeout": 10000,
        "completeOnHash": false,
        "noOfTries": 2,
        "successMessage": "Thank you.",
        "failureMessage": "Invalid input, please try again."
      }
    }
  ]
}`

// makeCall is a valid makeCall action.
const makeCall = `{"action":"makeCall","params":{"source":"+6531591234","destination":"+6562345678"}}`

func TestValidReplies(t *testing.T) {
	for _, body := range []string{
		guideReply,
		`{"callflow":[{"action":"say","params":{"text":"Bye.","voiceProfile":"en-GB-Emma","speed":1.5,"repetition":3}},{"action":"hangup"}]}`,
		`{"clientActionId":"transfer:staff","callflow":[` + makeCall + `]}`,
		`{"callflow":[{"action":"makeCall","params":{"source":"+6531591234","destination":"+6562345678","callRecording":true}}]}`,
		`{"callflow":[{"action":"playFile","params":{"fileUrl":"https://example.com/a.mp3","repetition":2}},{"action":"hangup"}]}`,
		`{"callflow":[{"action":"playFile","params":{"fileUrl":"http://example.com/a.wav"}}]}`,
		`{"callflow":[{"action":"say","params":{"text":"` + strings.Repeat("é", 3000) + `","voiceProfile":"v","speed":0.5}}]}`,
		// sayAndCapture's optional params are nullable.
		`{"callflow":[{"action":"sayAndCapture","params":{"promptMessage":"p","voiceProfile":"v","minDigits":null,"digitTimeout":null,"successMessage":null}}]}`,
		`{"callflow":[{"action":"sayAndCapture","params":{"promptMessage":"p","voiceProfile":"v","minDigits":25,"maxDigits":25,"completeOnHash":true,"noOfTries":3}}]}`,
	} {
		if err := CheckReply([]byte(body)); err != nil {
			t.Errorf("CheckReply(%.80s...) = %v, want nil", body, err)
		}
	}
}

func TestValidRequests(t *testing.T) {
	for _, body := range []string{
		`{"callflow":[` + makeCall + `,{"action":"sayAndCapture","params":{"promptMessage":"Hi","voiceProfile":"en-GB-Emma","maxDigits":1}}],"clientRequestId":"r1"}`,
		`{"validUntil":"2024-07-03T05:59:32.226Z","callflow":[` + makeCall + `,{"action":"say","params":{"text":"Hi","voiceProfile":"en-GB-Emma","repetition":1,"speed":1}},{"action":"hangup"}]}`,
		`{"callflow":[` + makeCall + `,` + makeCall + `]}`,
	} {
		if err := CheckRequest([]byte(body)); err != nil {
			t.Errorf("CheckRequest(%.80s...) = %v, want nil", body, err)
		}
	}
}

// sc is a sayAndCapture reply with extra params.
func sc(params string) string {
	return `{"callflow":[{"action":"sayAndCapture","params":{"promptMessage":"p","voiceProfile":"v",` + params + `}}]}`
}

// say is a say reply with extra params.
func say(params string) string {
	return `{"callflow":[{"action":"say","params":{"text":"t","voiceProfile":"v",` + params + `}}]}`
}

// ruleTests break one rule each; want is the problem's "path: message (code)"
// or a prefix of it.
var ruleTests = []struct{ name, body, want string }{
	{"not JSON", `{`, "$: invalid JSON: unexpected end of JSON input (-1001)"},
	{"trailing data", `{"callflow":[{"action":"hangup"}]} {}`, "$: invalid JSON"},
	{"empty body", ``, "$: invalid JSON"},
	{"not an object", `[]`, "$: must be an object, not array (-1009)"},
	{"null", `null`, "$: must be an object, not null"},
	{"unknown top-level field", `{"callflow":[{"action":"hangup"}],"extra":1}`, "$.extra: unknown field"},
	{"missing callflow", `{}`, "$.callflow: is missing (-1009)"},
	{"callflow not an array", `{"callflow":{}}`, "$.callflow: must be an array, not object"},
	{"empty callflow", `{"callflow":[]}`, "$.callflow: is empty (-1009)"},
	{"action not an object", `{"callflow":["hangup"]}`, "$.callflow[0]: must be an object, not string"},
	{"unknown action", `{"callflow":[{"action":"dance"}]}`, `$.callflow[0].action: "dance" is not one of`},
	{"missing action", `{"callflow":[{"params":{}}]}`, "$.callflow[0].action: must be a string, not missing"},
	{"unknown action field", `{"callflow":[{"action":"hangup","when":"now"}]}`, "$.callflow[0].when: unknown field"},
	{"clientActionId not a string", `{"clientActionId":1,"callflow":[{"action":"hangup"}]}`, "$.clientActionId: must be a string, not number"},
	{"missing params", `{"callflow":[{"action":"say"}]}`, "$.callflow[0].params: is missing (-1009)"},
	{"params not an object", `{"callflow":[{"action":"say","params":[]}]}`, "$.callflow[0].params: must be an object, not array"},
	{"unknown param", say(`"volume":11`), "$.callflow[0].params.volume: unknown field"},
	{"hangup with params", `{"callflow":[{"action":"hangup","params":{}}]}`, "$.callflow[0].params: hangup takes no params (-1012)"},
	{"after hangup", `{"callflow":[{"action":"hangup"},{"action":"hangup"}]}`, "$.callflow[1]: nothing may follow hangup (-1012)"},

	{"say without text", `{"callflow":[{"action":"say","params":{"voiceProfile":"v"}}]}`, "$.callflow[0].params.text: is missing (-1009)"},
	{"say without voiceProfile", `{"callflow":[{"action":"say","params":{"text":"t"}}]}`, "$.callflow[0].params.voiceProfile: is missing"},
	{"empty voiceProfile", `{"callflow":[{"action":"say","params":{"text":"t","voiceProfile":""}}]}`, "$.callflow[0].params.voiceProfile: is empty"},
	{"empty text", `{"callflow":[{"action":"say","params":{"text":"","voiceProfile":"v"}}]}`, "$.callflow[0].params.text: is empty"},
	{"null text", `{"callflow":[{"action":"say","params":{"text":null,"voiceProfile":"v"}}]}`, "$.callflow[0].params.text: must be a string, not null"},
	{"text too long", `{"callflow":[{"action":"say","params":{"text":"` + strings.Repeat("é", 3001) + `","voiceProfile":"v"}}]}`, "$.callflow[0].params.text: 3001 characters, at most 3000"},
	{"text a number", `{"callflow":[{"action":"say","params":{"text":1,"voiceProfile":"v"}}]}`, "$.callflow[0].params.text: must be a string, not number"},
	{"speed too low", say(`"speed":0.4`), "$.callflow[0].params.speed: 0.4 is outside 0.5 to 2"},
	{"speed too high", say(`"speed":2.5`), "$.callflow[0].params.speed: 2.5 is outside"},
	{"speed a string", say(`"speed":"1"`), "$.callflow[0].params.speed: must be a number, not string"},
	{"repetition 0", say(`"repetition":0`), "$.callflow[0].params.repetition: 0 is below the minimum 1"},
	{"repetition 4", say(`"repetition":4`), "$.callflow[0].params.repetition: 4 is above the maximum 3"},
	{"repetition fraction", say(`"repetition":1.5`), "$.callflow[0].params.repetition: must be an integer, not 1.5"},

	{"capture without prompt", `{"callflow":[{"action":"sayAndCapture","params":{"voiceProfile":"v"}}]}`, "$.callflow[0].params.promptMessage: is missing"},
	{"capture without voice", `{"callflow":[{"action":"sayAndCapture","params":{"promptMessage":"p"}}]}`, "$.callflow[0].params.voiceProfile: is missing"},
	{"empty prompt", `{"callflow":[{"action":"sayAndCapture","params":{"promptMessage":"","voiceProfile":"v"}}]}`, "$.callflow[0].params.promptMessage: is empty"},
	{"prompt too long", `{"callflow":[{"action":"sayAndCapture","params":{"promptMessage":"` + strings.Repeat("a", 3001) + `","voiceProfile":"v"}}]}`, "$.callflow[0].params.promptMessage: 3001 characters"},
	{"empty successMessage", sc(`"successMessage":""`), "$.callflow[0].params.successMessage: is empty"},
	{"failureMessage too long", sc(`"failureMessage":"` + strings.Repeat("a", 3001) + `"`), "$.callflow[0].params.failureMessage: 3001 characters"},
	{"capture speed", sc(`"speed":3`), "$.callflow[0].params.speed: 3 is outside"},
	{"minDigits alone", sc(`"minDigits":1`), "$.callflow[0].params.maxDigits: is needed with minDigits (-1003)"},
	{"minDigits 0", sc(`"minDigits":0,"maxDigits":1`), "$.callflow[0].params.minDigits: 0 is below the minimum 1"},
	{"maxDigits 0", sc(`"maxDigits":0`), "$.callflow[0].params.maxDigits: 0 is below the minimum 1"},
	{"maxDigits 26", sc(`"minDigits":1,"maxDigits":26`), "$.callflow[0].params.maxDigits: 26 is above the maximum 25"},
	{"min over max", sc(`"minDigits":3,"maxDigits":2`), "$.callflow[0].params.minDigits: 3 is greater than maxDigits 2"},
	{"digits a string", sc(`"maxDigits":"1"`), "$.callflow[0].params.maxDigits: must be a number, not string"},
	{"digits a float", sc(`"maxDigits":1.0`), "$.callflow[0].params.maxDigits: must be an integer, not 1.0"},
	{"digitTimeout alone", sc(`"digitTimeout":5000`), "$.callflow[0].params.overallTimeout: is needed with digitTimeout (-1005)"},
	{"equal timeouts", sc(`"digitTimeout":10000,"overallTimeout":10000`), "$.callflow[0].params.overallTimeout: 10000 must be greater than digitTimeout 10000 (-1006)"},
	{"digitTimeout 0", sc(`"digitTimeout":0,"overallTimeout":10`), "$.callflow[0].params.digitTimeout: 0 is below the minimum 1"},
	{"overallTimeout 0", sc(`"overallTimeout":0`), "$.callflow[0].params.overallTimeout: 0 is below the minimum 1"},
	{"completeOnHash false", sc(`"completeOnHash":false`), "$.callflow[0].params.maxDigits: is needed when completeOnHash is false (-1008)"},
	{"completeOnHash a string", sc(`"completeOnHash":"true"`), "$.callflow[0].params.completeOnHash: must be a boolean, not string"},
	{"noOfTries 0", sc(`"noOfTries":0`), "$.callflow[0].params.noOfTries: 0 is below the minimum 1"},
	{"unknown capture param", sc(`"timeout":1`), "$.callflow[0].params.timeout: unknown field"},

	{"playFile without url", `{"callflow":[{"action":"playFile","params":{}}]}`, "$.callflow[0].params.fileUrl: is missing"},
	{"ftp fileUrl", `{"callflow":[{"action":"playFile","params":{"fileUrl":"ftp://x/a.mp3"}}]}`, `$.callflow[0].params.fileUrl: "ftp://x/a.mp3" is not an http(s) URL`},
	{"relative fileUrl", `{"callflow":[{"action":"playFile","params":{"fileUrl":"/a.mp3"}}]}`, "$.callflow[0].params.fileUrl: \"/a.mp3\" is not"},
	{"playFile repetition", `{"callflow":[{"action":"playFile","params":{"fileUrl":"https://x/a.mp3","repetition":4}}]}`, "$.callflow[0].params.repetition: 4 is above"},

	{"makeCall without destination", `{"callflow":[{"action":"makeCall","params":{"source":"+6531591234"}}]}`, "$.callflow[0].params.destination: is missing"},
	{"makeCall without source", `{"callflow":[{"action":"makeCall","params":{"destination":"+6531591234"}}]}`, "$.callflow[0].params.source: is missing"},
	{"source without +", `{"callflow":[{"action":"makeCall","params":{"source":"6531591234","destination":"+6562345678"}}]}`, `$.callflow[0].params.source: "6531591234" is not an E.164 number (-1017)`},
	{"destination starts with 0", `{"callflow":[{"action":"makeCall","params":{"source":"+6531591234","destination":"+0562345678"}}]}`, "$.callflow[0].params.destination: \"+0562345678\" is not"},
	{"destination 16 digits", `{"callflow":[{"action":"makeCall","params":{"source":"+6531591234","destination":"+1234567890123456"}}]}`, "$.callflow[0].params.destination: \"+1234567890123456\" is not"},
	{"destination 1 digit", `{"callflow":[{"action":"makeCall","params":{"source":"+6531591234","destination":"+1"}}]}`, "$.callflow[0].params.destination: \"+1\" is not"},
	{"destination with spaces", `{"callflow":[{"action":"makeCall","params":{"source":"+6531591234","destination":"+65 6234 5678"}}]}`, "$.callflow[0].params.destination:"},
	{"callRecording a string", `{"callflow":[{"action":"makeCall","params":{"source":"+6531591234","destination":"+6562345678","callRecording":"yes"}}]}`, "$.callflow[0].params.callRecording: must be a boolean"},
	{"three makeCalls", `{"callflow":[` + makeCall + `,` + makeCall + `,` + makeCall + `]}`, "$.callflow: 3 makeCall actions, at most 2 (-1010)"},
}

func TestReplyRules(t *testing.T) {
	for _, tt := range ruleTests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblem(t, CheckReply([]byte(tt.body)), tt.want)
		})
	}
}

func TestRequestRules(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"first action not makeCall", `{"callflow":[{"action":"say","params":{"text":"t","voiceProfile":"v"}}]}`, `$.callflow[0].action: the first action must be makeCall, not "say" (-1013)`},
		{"clientActionId", `{"clientActionId":"x","callflow":[` + makeCall + `]}`, "$.clientActionId: unknown field"},
		{"validUntil not a date", `{"validUntil":"tomorrow","callflow":[` + makeCall + `]}`, `$.validUntil: "tomorrow" is not a date-time`},
		{"validUntil a number", `{"validUntil":1,"callflow":[` + makeCall + `]}`, "$.validUntil: must be a string, not number"},
		{"clientRequestId a number", `{"clientRequestId":1,"callflow":[` + makeCall + `]}`, "$.clientRequestId: must be a string"},
		{"empty callflow", `{"callflow":[]}`, "$.callflow: is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblem(t, CheckRequest([]byte(tt.body)), tt.want)
		})
	}
	// Every reply rule holds for requests too.
	for _, tt := range ruleTests {
		if err := CheckRequest([]byte(tt.body)); err == nil {
			t.Errorf("CheckRequest accepts %s: %s", tt.name, tt.body)
		}
	}
}

// TestAllViolations: one error lists every problem, in document order.
func TestAllViolations(t *testing.T) {
	body := `{"extra":true,"callflow":[
		{"action":"say","params":{"text":"","voiceProfile":"v","speed":"fast"}},
		{"action":"sayAndCapture","params":{"promptMessage":"p","voiceProfile":"v","digitTimeout":5000,"minDigits":2}},
		{"action":"hangup"},
		{"action":"dance"}]}`
	want := []string{
		"$.extra: unknown field (allowed: clientActionId, callflow) (-1009)",
		"$.callflow[0].params.text: is empty (-1009)",
		"$.callflow[0].params.speed: must be a number, not string (-1009)",
		"$.callflow[1].params.maxDigits: is needed with minDigits (-1003)",
		"$.callflow[1].params.overallTimeout: is needed with digitTimeout (-1005)",
		"$.callflow[3]: nothing may follow hangup (-1012)",
		`$.callflow[3].action: "dance" is not one of makeCall, say, sayAndCapture, playFile, hangup (-1007)`,
	}
	err := CheckReply([]byte(body))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("CheckReply = %v, want an *Error", err)
	}
	if got := err.Error(); got != strings.Join(want, "; ") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.ReplaceAll(got, "; ", "\n"), strings.Join(want, "\n"))
	}
}

func assertProblem(t *testing.T, err error, want string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want an *Error with %q", err, want)
	}
	for _, p := range e.Problems {
		if strings.HasPrefix(p.String(), want) {
			return
		}
	}
	t.Errorf("err = %v\nwant a problem starting %q", err, want)
}

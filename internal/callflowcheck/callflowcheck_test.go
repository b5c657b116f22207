package callflowcheck

import (
	"strings"
	"testing"
)

// guideReply is the Advanced IVR guide's Reservations answer, with the
// guide's equal timeouts (refused by 8x8 with -1006) corrected.
const guideReply = `{"clientActionId":"reservations","callflow":[{"action":"sayAndCapture","params":{
"promptMessage":"Press 1 to make a new reservation","voiceProfile":"en-US-BenjaminRUS","speed":1,
"minDigits":1,"maxDigits":1,"digitTimeout":5000,"overallTimeout":10000,"noOfTries":2}}]}`

func TestValid(t *testing.T) {
	for _, body := range []string{
		guideReply,
		`{"callflow":[{"action":"say","params":{"text":"Bye.","voiceProfile":"en-GB-Emma","speed":1.5,"repetition":3}},{"action":"hangup"}]}`,
		`{"clientActionId":"transfer:staff","callflow":[{"action":"makeCall","params":{"source":"+6531591234","destination":"+6562345678"}}]}`,
		`{"callflow":[{"action":"playFile","params":{"fileUrl":"https://x.org/a.mp3","repetition":2}},{"action":"hangup"}]}`,
	} {
		if err := CheckReply([]byte(body)); err != nil {
			t.Errorf("%s: %v", body, err)
		}
	}
	req := `{"callflow":[{"action":"makeCall","params":{"source":"+6531591234","destination":"+6591234567"}},` +
		`{"action":"sayAndCapture","params":{"promptMessage":"Hi","voiceProfile":"en-GB-Emma"}}],"clientRequestId":"r1"}`
	if err := CheckRequest([]byte(req)); err != nil {
		t.Errorf("request: %v", err)
	}
}

// TestRules breaks each rule once; the error must name the rule's path.
func TestRules(t *testing.T) {
	sc := func(params string) string {
		return `{"callflow":[{"action":"sayAndCapture","params":{"promptMessage":"p","voiceProfile":"v",` + params + `}}]}`
	}
	long := strings.Repeat("a", 3001)
	tests := []struct{ name, body, want string }{
		{"not JSON", `{`, "$: unexpected EOF"},
		{"unknown field", `{"callflow":[{"action":"hangup"}],"extra":1}`, `unknown field "extra"`},
		{"empty callflow", `{"callflow":[]}`, "$.callflow: missing or empty"},
		{"unknown action", `{"callflow":[{"action":"dance"}]}`, "(-1007)"},
		{"say without text", `{"callflow":[{"action":"say","params":{"voiceProfile":"v"}}]}`, "$.callflow[0].params.text: is missing"},
		{"text too long", `{"callflow":[{"action":"say","params":{"text":"` + long + `","voiceProfile":"v"}}]}`, "3001 characters, at most 3000"},
		{"speed", `{"callflow":[{"action":"say","params":{"text":"t","voiceProfile":"v","speed":2.5}}]}`, "speed: 2.5, must be 0.5 to 2"},
		{"speed a string", `{"callflow":[{"action":"say","params":{"text":"t","voiceProfile":"v","speed":"1"}}]}`, "cannot unmarshal string"},
		{"repetition", `{"callflow":[{"action":"playFile","params":{"fileUrl":"https://x/a.mp3","repetition":4}}]}`, "repetition: 4, must be 1 to 3"},
		{"fileUrl", `{"callflow":[{"action":"playFile","params":{"fileUrl":"ftp://x/a.mp3"}}]}`, "is not http(s)"},
		{"minDigits alone", sc(`"minDigits":1`), "needed with minDigits (-1003)"},
		{"digitTimeout alone", sc(`"digitTimeout":5`), "needed with digitTimeout (-1005)"},
		{"equal timeouts", sc(`"digitTimeout":10000,"overallTimeout":10000`), "must be greater than digitTimeout 10000 (-1006)"},
		{"completeOnHash false", sc(`"completeOnHash":false`), "needed when completeOnHash is false (-1008)"},
		{"maxDigits", sc(`"minDigits":1,"maxDigits":26`), "maxDigits: 26, must be 1 to 25"},
		{"min over max", sc(`"minDigits":3,"maxDigits":2`), "minDigits: 3, must be 1 to maxDigits 2"},
		{"noOfTries", sc(`"noOfTries":0`), "noOfTries: 0, at least 1"},
		{"not E.164", `{"callflow":[{"action":"makeCall","params":{"source":"6531591234","destination":"+6562345678"}}]}`, "is not E.164 (-1017)"},
		{"three makeCalls", `{"callflow":[` + strings.Repeat(`{"action":"makeCall","params":{"source":"+6531591234","destination":"+6562345678"}},`, 2) +
			`{"action":"makeCall","params":{"source":"+6531591234","destination":"+6562345678"}}]}`, "3 makeCall actions, at most 2 (-1010)"},
		{"after hangup", `{"callflow":[{"action":"hangup"},{"action":"hangup"}]}`, "nothing may follow hangup"},
		{"hangup params", `{"callflow":[{"action":"hangup","params":{}}]}`, "hangup takes no params"},
		{"empty clientActionId", `{"clientActionId":"","callflow":[{"action":"hangup"}]}`, "$.clientActionId: empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckReply([]byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestRequestRules(t *testing.T) {
	for body, want := range map[string]string{
		`{"callflow":[{"action":"say","params":{"text":"t","voiceProfile":"v"}}]}`:                                                "first action must be makeCall (-1013)",
		`{"clientActionId":"x","callflow":[{"action":"makeCall","params":{"source":"+6531591234","destination":"+6562345678"}}]}`: `unknown field "clientActionId"`,
	} {
		if err := CheckRequest([]byte(body)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", body, err, want)
		}
	}
}

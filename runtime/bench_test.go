package runtime

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// benchEvent is a CALL_ACTION as 8x8 sends it after a capture.
const benchEvent = `{"namespace":"VOICE","eventType":"CALL_ACTION","description":"Action completed","payload":{` +
	`"eventId":"e2078079-eae8-11f0-ae64-a500004e488e","callId":"e1ff6a14-eae8-11f0-baa6-c93abb37794a",` +
	`"sessionId":"e1ff6a15-eae8-11f0-baa6-c147150ab00e","subAccountId":"8x8_test","callStatus":"ACTION_COMPLETED",` +
	`"callDirection":"INBOUND","callType":"PSTN","source":"+656833033","destination":"+94778066434",` +
	`"sourceFormat":"MSISDN","destinationFormat":"MSISDN","sourceCountryCode":"SG","destinationCountryCode":"LK",` +
	`"callDuration":12,"sipCode":200,"timestamp":"2026-01-06T10:17:31.375Z","clientActionId":"next","eventData":{"dtmf":"1"}}}`

var benchCapture = SayAndCapture{PromptMessage: "Press 1 to make a new reservation, press 2 to reschedule an existing reservation, press 3 to return to main menu.",
	VoiceProfile: "en-US-BenjaminRUS", Speed: 1, MinDigits: 1, MaxDigits: 1, DigitTimeout: 5000, OverallTimeout: 10000, CompleteOnHash: true, NoOfTries: 2}

// precomputed answers from a reply built once, as generated flows do.
type precomputed struct{ fakeFlow }

var benchReply = NewReply("next", Say{Text: "Our restaurant hours are between 9AM and 9PM every day of the week.", VoiceProfile: "en-US-BenjaminRUS", Speed: 1}, benchCapture)

func (precomputed) Answer(*Turn) Reply { return benchReply }

// perRequest marshals the same callflow on every request: the baseline.
type perRequest struct{ fakeFlow }

func (perRequest) Answer(*Turn) Reply {
	return NewReply("next", Say{Text: "Our restaurant hours are between 9AM and 9PM every day of the week.", VoiceProfile: "en-US-BenjaminRUS", Speed: 1}, benchCapture)
}

func benchmarkHandler(b *testing.B, flow Flow) {
	h := NewHandler(flow, Options{Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(benchEvent))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code, rec.Body)
		}
	}
}

// BenchmarkHandlerCallAction is a CALL_ACTION through the whole handler with
// replies built once, as generated flows build them.
func BenchmarkHandlerCallAction(b *testing.B) { benchmarkHandler(b, precomputed{}) }

// BenchmarkHandlerCallActionMarshalPerRequest is the baseline: the same
// handler, marshalling the callflow on every request.
func BenchmarkHandlerCallActionMarshalPerRequest(b *testing.B) { benchmarkHandler(b, perRequest{}) }

// BenchmarkNewReplyMarshal is the marshalling a precomputed reply saves on
// every CALL_ACTION.
func BenchmarkNewReplyMarshal(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		perRequest{}.Answer(nil)
	}
}

package runtime_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ivrgen/ivrgen/examples/restaurant"
	"github.com/ivrgen/ivrgen/internal/testflow"
	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

// The handler's benchmarks on generated flows: a CALL_ACTION answered with
// a reply built once (the restaurant's hours), and one whose reply speaks
// a variable and whose clientActionId carries it (testflow's day, with
// party in the state). go test -bench 'Handler(Prebuilt|SpeaksVariable)'
// -benchmem runs both, for their ratio.

func callAction(id, digits string) string {
	return `{"namespace":"VOICE","eventType":"CALL_ACTION","description":"Action completed","payload":{` +
		`"eventId":"e2078079-eae8-11f0-ae64-a500004e488e","callId":"e1ff6a14-eae8-11f0-baa6-c93abb37794a",` +
		`"sessionId":"e1ff6a15-eae8-11f0-baa6-c147150ab00e","subAccountId":"8x8_test","callStatus":"ACTION_COMPLETED",` +
		`"callDirection":"INBOUND","callType":"PSTN","source":"+656833033","destination":"+94778066434",` +
		`"callDuration":12,"sipCode":200,"timestamp":"2026-01-06T10:17:31.375Z","clientActionId":"` + id +
		`","eventData":{"dtmf":"` + digits + `"}}}`
}

func benchHandler(b *testing.B, flow ivrruntime.Flow, event string, want string) {
	benchServe(b, flowHandler(flow), event, want)
}

func flowHandler(flow ivrruntime.Flow) http.Handler {
	return ivrruntime.NewHandler(flow, ivrruntime.Options{Logger: slog.New(ivrruntime.NewLogHandler(io.Discard, nil)), Auth: "x"})
}

// BenchmarkFixedAnswer is the baseline of the handler's benchmarks: a
// handler that reads the body and writes one answer it holds, the
// restaurant's own to main, key 1, as the load script's baseline does.
func BenchmarkFixedAnswer(b *testing.B) {
	benchServe(b, fixedAnswer(b), callAction("main", "1"), "Press 1 to make a new reservation")
}

func fixedAnswer(b testing.TB) http.Handler {
	answer := newRestaurant(b).Answer(ivrruntime.NewTurn(context.Background(), nil, "main", "1")).Body()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(answer)
	})
}

func benchServe(b *testing.B, h http.Handler, event string, want string) {
	serve := server(b, h, event, want)
	b.ReportAllocs()
	for b.Loop() {
		serve()
	}
}

// server checks that h answers event with 200 saying want, and returns a
// function that posts event to h again.
func server(b *testing.B, h http.Handler, event string, want string) func() {
	post := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(event))
		req.Header.Set("Authorization", "x")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := post(); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
		b.Fatalf("%d %s, want 200 saying %q", rec.Code, rec.Body, want)
	}
	return func() {
		if rec := post(); rec.Code != http.StatusOK {
			b.Fatal(rec.Code, rec.Body)
		}
	}
}

// BenchmarkVersusFixed posts to a flow's handler and to the fixed-answer
// baseline in turn, in one loop, and reports the handler's time as a
// multiple of the baseline's (x-fixed). On a shared machine both meet the
// same noise, so the ratio holds where the two benchmarks' times do not.
func BenchmarkVersusFixed(b *testing.B) {
	f := newRestaurant(b)
	withVars, id := speaksVariable(b)
	for _, c := range []struct {
		name             string
		flow             ivrruntime.Flow
		id, digits, want string
	}{
		{"prebuilt", f, "main", "3", "Our restaurant hours"},
		{"menu-to-menu", f, "main", "1", "Press 1 to make a new reservation"},
		{"speaks-variable", withVars, id, "1", "A table for 4 people today."},
	} {
		b.Run(c.name, func(b *testing.B) {
			fixed := server(b, fixedAnswer(b), callAction("main", "1"), "Press 1")
			flow := server(b, flowHandler(c.flow), callAction(c.id, c.digits), c.want)
			var tFixed, tFlow time.Duration
			for b.Loop() {
				t0 := time.Now()
				fixed()
				t1 := time.Now()
				flow()
				tFlow += time.Since(t1)
				tFixed += t1.Sub(t0)
			}
			b.ReportMetric(float64(tFlow)/float64(tFixed), "x-fixed")
		})
	}
}

// BenchmarkHandlerPrebuilt: the restaurant's main menu, key 3, a say and a
// hangup marshalled once by New.
func BenchmarkHandlerPrebuilt(b *testing.B) {
	f := newRestaurant(b)
	benchHandler(b, f, callAction("main", "3"), "Our restaurant hours")
}

// BenchmarkHandlerSpeaksVariable: testflow's ask day, key 1, with party in
// the clientActionId: the state is checked, and the say speaks party and
// day.
func BenchmarkHandlerSpeaksVariable(b *testing.B) {
	f, id := speaksVariable(b)
	benchHandler(b, f, callAction(id, "1"), "A table for 4 people today.")
}

// speaksVariable is testflow, and the clientActionId of its ask day with
// party in the state.
func speaksVariable(b testing.TB) (ivrruntime.Flow, string) {
	f, err := testflow.New(testflow.Numbers{}, hooks{})
	if err != nil {
		b.Fatal(err)
	}
	t := ivrruntime.NewTurn(context.Background(), nil, "party", "4")
	var r struct{ ClientActionID string }
	if err := json.Unmarshal(f.Answer(t).Body(), &r); err != nil {
		b.Fatal(err)
	}
	id := r.ClientActionID
	if !strings.HasPrefix(id, "2|day|1.0.0.0~party|party=4|") {
		b.Fatalf("ask party, 4: next %q, want ask day with party in its state", id)
	}
	return f, id
}

// BenchmarkHandlerMenuToMenu: the restaurant's main menu, key 1, a menu
// marshalled once by New whose clientActionId, the call's session, is
// signed per call.
func BenchmarkHandlerMenuToMenu(b *testing.B) {
	f := newRestaurant(b)
	benchHandler(b, f, callAction("main", "1"), "Press 1 to make a new reservation")
}

func newRestaurant(b testing.TB) *restaurant.Flow {
	f, err := restaurant.New(restaurant.Numbers{
		VirtualNumber: ivrruntime.MustNumber("+6531591234"), Staff: ivrruntime.MustNumber("+6562345678"),
	})
	if err != nil {
		b.Fatal(err)
	}
	return f
}

// Decoding a CALL_ACTION and choosing its answer takes at most three
// allocations: the request's exchange (event, turn, log room), the state
// its clientActionId parses to, and the answer's body.
func TestDecideAllocations(t *testing.T) {
	f := newRestaurant(t)
	for _, tt := range []struct{ name, id, digits, want string }{
		{"menu to menu", "main", "1", "Press 1 to make a new reservation"},
		{"prebuilt", "main", "3", "Our restaurant hours"},
		{"invalid key", "main", "9", "Invalid input"},
		{"deep history", deepID(t, f), "2", "Rescheduling your reservation"},
	} {
		body := []byte(callAction(tt.id, tt.digits))
		answer, ok := ivrruntime.DecideCallAction(f, body)
		if !ok || !strings.Contains(string(answer), tt.want) {
			t.Fatalf("%s: answer %s (decoded %v), want it saying %q", tt.name, answer, ok, tt.want)
		}
		if n := testing.AllocsPerRun(200, func() { ivrruntime.DecideCallAction(f, body) }); n > 3 {
			t.Errorf("%s: %v allocations, want at most 3", tt.name, n)
		}
	}
}

// deepID is the clientActionId of the restaurant's reservations menu after
// main, with main in its history.
func deepID(t testing.TB, f *restaurant.Flow) string {
	var r struct{ ClientActionID string }
	if err := json.Unmarshal(f.Answer(ivrruntime.NewTurn(context.Background(), nil, "main", "1")).Body(), &r); err != nil {
		t.Fatal(err)
	}
	return r.ClientActionID
}

// BenchmarkDecideMenuToMenu is BenchmarkHandlerMenuToMenu without the HTTP
// and the log line: decoding and choosing the answer.
func BenchmarkDecideMenuToMenu(b *testing.B) {
	f := newRestaurant(b)
	body := []byte(callAction("main", "1"))
	b.ReportAllocs()
	for b.Loop() {
		ivrruntime.DecideCallAction(f, body)
	}
}

// TestReusedExchanges: a handler reuses each request's room for the next,
// so every answer of one handler, over requests of every kind in turn and
// from several goroutines at once, is the answer a fresh handler gives.
func TestReusedExchanges(t *testing.T) {
	f := newRestaurant(t)
	withVars, varsID := speaksVariable(t)
	cases := []struct {
		flow       ivrruntime.Flow
		id, digits string
	}{
		{f, deepID(t, f), "2"}, {f, "main", "3"}, {f, "main", "1"}, {f, "main", "9"},
		{f, "", ""}, {withVars, varsID, "1"}, {f, "main|tampered", "1"},
	}
	fresh := make([]string, len(cases))
	for i, c := range cases {
		rec := postTo(flowHandler(c.flow), callAction(c.id, c.digits))
		fresh[i] = rec.Body.String()
	}
	handlers := map[ivrruntime.Flow]http.Handler{f: flowHandler(f), withVars: flowHandler(withVars)}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for n := range 200 {
				i := (g + n) % len(cases)
				c := cases[i]
				if got := postTo(handlers[c.flow], callAction(c.id, c.digits)).Body.String(); got != fresh[i] {
					t.Errorf("case %d, request %d:\n got %s\nwant %s", i, n, got, fresh[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

func postTo(h http.Handler, event string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(event))
	req.Header.Set("Authorization", "x")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

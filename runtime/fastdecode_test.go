package runtime

import (
	"encoding/binary"
	"reflect"
	"strings"
	"testing"
)

// fastSeeds are the corpus of FuzzFastCallAction: what 8x8 sends, and each
// way a body could be read otherwise than encoding/json reads it.
var fastSeeds = []string{
	benchEvent,
	`{"namespace":"VOICE","eventType":"CALL_ACTION","payload":{"callId":"c1","sessionId":"s1","callStatus":"CALL_RECEIVED","callDirection":"INBOUND","source":"+6591234567","destination":"+6531591234"}}`,
	`{"eventType":"CALL_ACTION","payload":{"clientActionId":null,"eventData":{"dtmf":null}}}`,
	`{"eventType":"CALL_ACTION","payload":{"clientActionId":"main","eventData":null,"dtmf":"12#"}}`,
	`{"eventType":"CALL_ACTION","payload":{"callDuration":12.5e1,"sipCode":200,"extra":[1,{"a":[true,false,null]},"x"]}}`,
	` {"eventType":"CALL_ACTION","payload":{}} ` + "\n",
	// duplicate keys: encoding/json keeps the last
	`{"eventType":"CALL_ACTION","payload":{"callId":"a","callId":"b"}}`,
	`{"eventType":"CALL_STATUS","eventType":"CALL_ACTION","payload":{}}`,
	// escapes, null where a string belongs, numbers where strings belong
	`{"eventType":"CALL_ACTION","payload":{"callId":"a\u0041\"b","clientActionId":"x\/y"}}`,
	`{"eventType":"CALL_ACTION","payload":{"callId":null,"source":5,"eventData":{"dtmf":5}}}`,
	`{"eventType":"CALL_ACTION","description":null,"payload":{"sipCode":1.5,"callDuration":"7"}}`,
	// keys by case, and by Unicode folding
	`{"EVENTTYPE":"CALL_ACTION","payload":{"CALLID":"c","ſource":"x","eventdata":{"DTMF":"1"}}}`,
	// deep nesting, invalid UTF-8, control characters, trailing data
	`{"eventType":"CALL_ACTION","payload":{"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}}`,
	"{\"eventType\":\"CALL_ACTION\",\"payload\":{\"callId\":\"\xff\xfe\",\"source\":\"caf\xc3\xa9\"}}",
	"{\"eventType\":\"CALL_ACTION\",\"payload\":{\"callId\":\"a\tb\"}}",
	`{"eventType":"CALL_ACTION","payload":{}} {"more":1}`,
	`{"namespace":"SMS","eventType":"CALL_ACTION","payload":{}}`,
	`{"eventType":"CALL_ACTION","payload":[1,2]}`,
	`{"eventType":"CALL_ACTION","payload":{"sipCode":01,"callDuration":-0.0e-0,"n":-}}`,
	`{"eventType":"CALL_ACTION","payload":{"callDuration":1e999}}`,
}

// TestFastCallActionTakes: the plain shape is taken, and each body that
// encoding/json could read otherwise is left to it.
func TestFastCallActionTakes(t *testing.T) {
	for i, body := range fastSeeds {
		_, ok := fastCallAction([]byte(body), new(fastEvent))
		if want := i < 6; ok != want {
			t.Errorf("seed %d: taken %v, want %v: %.80s", i, ok, want, body)
		}
	}
}

// FuzzFastCallAction: whatever fastCallAction takes, encoding/json takes
// as a CALL_ACTION, to the same fields.
func FuzzFastCallAction(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, ok := fastCallAction(body, new(fastEvent))
		if !ok {
			return
		}
		env, err := decodeEnvelope(body)
		if err != nil || env.EventType != EventCallAction {
			t.Fatalf("taken, but encoding/json says %v (%+v): %q", err, env, body)
		}
		want, err := decodePayload[CallEvent](env.Payload)
		if err != nil {
			t.Fatalf("taken, but encoding/json refuses the payload: %v: %q", err, body)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nfast  %+v\njson  %+v", body, got, want)
		}
	})
}

func BenchmarkDecodeCallActionFast(b *testing.B) {
	body := []byte(benchEvent)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := fastCallAction(body, new(fastEvent)); !ok {
			b.Fatal("not taken")
		}
	}
}

func BenchmarkDecodeCallActionEncodingJSON(b *testing.B) {
	body := []byte(benchEvent)
	b.ReportAllocs()
	for b.Loop() {
		env, err := decodeEnvelope(body)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := decodePayload[CallEvent](env.Payload); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPayloadField(t *testing.T) {
	for i, name := range payloadFields {
		if got := payloadField([]byte(name)); got != i {
			t.Errorf("payloadField(%q) = %d, want %d", name, got, i)
		}
	}
	if got := payloadField([]byte("version")); got != -1 {
		t.Errorf("payloadField(version) = %d, want -1", got)
	}
}

// plain8 says 8 bytes are plain only when each is plainStringByte: every
// byte value, at every place, among plain bytes and beside another odd one.
func TestPlain8(t *testing.T) {
	for _, filler := range []byte{'a', ' ', '~', 0x7f} {
		for at := range 8 {
			for c := range 256 {
				for _, other := range []int{-1, (at + 3) % 8} {
					var b [8]byte
					for i := range b {
						b[i] = filler
					}
					b[at] = byte(c)
					want := plainStringByte[c] && plainStringByte[filler]
					if other >= 0 && other != at {
						b[other] = 0x80
						want = false
					}
					if got := plain8(binary.LittleEndian.Uint64(b[:])); got != want {
						t.Fatalf("plain8(%q) = %v, want %v", b, got, want)
					}
				}
			}
		}
	}
}

package runtime

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
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

// special8's lowest marked byte is the first of 8 that is not plain
// (ASCII from space up, but " and \): every byte at every place, alone
// among plain fillers and with another that is not plain before or after
// it.
func TestSpecial8(t *testing.T) {
	plain := func(c byte) bool { return c >= ' ' && c < utf8.RuneSelf && c != '"' && c != '\\' }
	for _, filler := range []byte{'a', ' ', '~', 0x7f, '!', '#', '[', ']'} {
		for at := range 8 {
			for c := range 256 {
				for _, other := range []int{-1, (at + 3) % 8, (at + 5) % 8} {
					for _, o := range []byte{0x80, 0x00, '"', '\\', 0x1f} {
						b := bytes.Repeat([]byte{filler}, 8)
						b[at] = byte(c)
						if other >= 0 {
							b[other] = o
						}
						want := 8 // the first byte not plain, 8 for none
						for i, c := range b {
							if !plain(c) {
								want = i
								break
							}
						}
						got := 8
						if m := special8(binary.LittleEndian.Uint64(b)); m != 0 {
							got = bits.TrailingZeros64(m) / 8
						}
						if got != want {
							t.Fatalf("special8(%q): first marked byte %d, want %d", b, got, want)
						}
						if other < 0 {
							break
						}
					}
				}
			}
		}
	}
}

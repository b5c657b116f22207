package runtime

import (
	"encoding/json"
	"strings"
	"testing"
)

var (
	tplSay     = Say{Text: Hole, VoiceProfile: "en-GB-Emma", Speed: 1}
	tplCapture = SayAndCapture{PromptMessage: Hole, VoiceProfile: "en-GB-Emma", Speed: 1, MinDigits: 1, MaxDigits: 6,
		DigitTimeout: 5000, OverallTimeout: 10000, NoOfTries: 2, SuccessMessage: Hole, FailureMessage: Hole}
)

func TestTemplateMatchesNewReply(t *testing.T) {
	texts := []string{"", "plain", `quote " backslash \ slash /`, "<b>&amp;</b>", "line\nbreak\ttab\r\b\f",
		"\x00\x01\x1f\x7f", "Zoë 日本 😀", "\u2028\u2029", "bad \xff\xfe utf-8 \xe2\x82", "1 2 3 4"}
	say, capture, hangup := NewTemplate(tplSay), NewTemplate(tplCapture), NewTemplate(Hangup{})
	for _, text := range texts {
		for _, id := range []string{"", "main", "1|main|n=1|AAAAAAAAAAAAAAAA", "odd \"<id>\""} {
			b := new(ReplyBuilder)
			b.Add(say, text)
			b.Add(capture, text, "ok "+text, "no "+text)
			b.Add(hangup)
			got := b.Done(id)
			fill := func(a SayAndCapture) SayAndCapture {
				a.PromptMessage, a.SuccessMessage, a.FailureMessage = text, "ok "+text, "no "+text
				return a
			}
			sayText := tplSay
			sayText.Text = text
			want := NewReply(id, sayText, fill(tplCapture), Hangup{})
			if string(got.Body()) != string(want.Body()) || got.Next() != want.Next() {
				t.Errorf("text %q, id %q:\n%s next %q\nwant\n%s next %q", text, id, got.Body(), got.Next(), want.Body(), want.Next())
			}
		}
	}
}

func TestTemplateEdgeReplies(t *testing.T) {
	for _, tt := range []struct {
		name  string
		build func(*ReplyBuilder)
		id    string
		want  Reply
	}{
		{"no actions", func(*ReplyBuilder) {}, "main", NewReply("main")},
		{"no actions, no id", func(*ReplyBuilder) {}, "", NewReply("")},
		{"one hole-free action", func(b *ReplyBuilder) { b.Add(NewTemplate(Hangup{})) }, "", NewReply("", Hangup{})},
		{"next is the last action", func(b *ReplyBuilder) {
			b.Add(NewTemplate(tplSay), "bye")
			b.Add(NewTemplate(PlayFile{FileURL: "https://x/a.mp3?a=1&b=<2>"}))
		}, "", NewReply("", Say{Text: "bye", VoiceProfile: "en-GB-Emma", Speed: 1}, PlayFile{FileURL: "https://x/a.mp3?a=1&b=<2>"})},
		{"a transfer", func(b *ReplyBuilder) {
			b.Add(NewTemplate(MakeCall{Source: MustNumber("+6531591234"), Destination: MustNumber("+6591234567")}))
		}, TransferPrefix + "staff", NewReply(TransferPrefix+"staff", MakeCall{Source: MustNumber("+6531591234"), Destination: MustNumber("+6591234567")})},
	} {
		b := new(ReplyBuilder)
		tt.build(b)
		got := b.Done(tt.id)
		if string(got.Body()) != string(tt.want.Body()) || got.Next() != tt.want.Next() {
			t.Errorf("%s: %s next %q, want %s next %q", tt.name, got.Body(), got.Next(), tt.want.Body(), tt.want.Next())
		}
	}
}

func TestTemplateHoles(t *testing.T) {
	for _, tt := range []struct {
		a    Action
		want int
	}{
		{Hangup{}, 0},
		{tplSay, 1},
		{tplCapture, 3},
		{SayAndCapture{PromptMessage: Hole, VoiceProfile: "v"}, 1},        // empty messages are left out
		{SayAndCapture{PromptMessage: "fixed", FailureMessage: Hole}, 1},  // only the failure message varies
		{Say{Text: "ivrgen-hole", VoiceProfile: "\\u0000ivrgen-hole"}, 0}, // look-alikes are text
	} {
		tpl := NewTemplate(tt.a)
		if tpl.Holes() != tt.want {
			t.Errorf("%#v: %d holes, want %d", tt.a, tpl.Holes(), tt.want)
		}
		b := new(ReplyBuilder)
		b.Add(tpl, make([]string, tt.want)...)
		if !json.Valid(b.Done("x").Body()) {
			t.Errorf("%#v: reply is not JSON: %s", tt.a, b.Done("x").Body())
		}
	}
	if (Template{}).Holes() != 0 {
		t.Error("the zero Template has holes")
	}
}

func TestTemplateFillsInFieldOrder(t *testing.T) {
	b := new(ReplyBuilder)
	b.Add(NewTemplate(tplCapture), "prompt", "success", "failure")
	body := string(b.Done("").Body())
	p, s, f := strings.Index(body, `"promptMessage":"prompt"`), strings.Index(body, `"successMessage":"success"`), strings.Index(body, `"failureMessage":"failure"`)
	if p < 0 || s < 0 || f < 0 || !(p < s && s < f) {
		t.Errorf("texts not in their fields: %s", body)
	}
}

func TestTemplatePanics(t *testing.T) {
	for name, fn := range map[string]func(){
		"too few texts":  func() { new(ReplyBuilder).Add(NewTemplate(tplCapture), "a") },
		"too many texts": func() { new(ReplyBuilder).Add(NewTemplate(tplSay), "a", "b") },
		"zero Template":  func() { new(ReplyBuilder).Add(Template{}) },
		"part of a text": func() { NewTemplate(Say{Text: "Hello " + Hole}) },
	} {
		func() {
			defer func() {
				p := recover()
				if msg, _ := p.(string); !strings.HasPrefix(msg, "ivrruntime: ") {
					t.Errorf("%s: panic %v, want a message from ivrruntime", name, p)
				}
			}()
			fn()
		}()
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b\\c", "<&>", "\u2028", "\xff", "\xed\xa0\x80", "\x00\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

func BenchmarkReplyBuilder(b *testing.B) {
	say, capture := NewTemplate(tplSay), NewTemplate(tplCapture)
	b.ReportAllocs()
	for b.Loop() {
		rb := new(ReplyBuilder)
		rb.Add(say, "You booked a table for 4 on the 12th.")
		rb.Add(capture, "Press 1 to confirm, 2 to change.", "Thank you.", "Sorry, I did not get that.")
		rb.Done("1|book|party=4|AAAAAAAAAAAAAAAA")
	}
}

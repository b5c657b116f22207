package restaurant

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ivrgen/ivrgen/internal/flowtest"
	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

// reply is the part of a callflow answer these tests look at.
type reply struct {
	ClientActionID string `json:"clientActionId"`
	Callflow       []struct {
		Action string `json:"action"`
		Params struct {
			Text          string `json:"text"`
			PromptMessage string `json:"promptMessage"`
			Destination   string `json:"destination"`
			Source        string `json:"source"`
			NoOfTries     int    `json:"noOfTries"`
		} `json:"params"`
	} `json:"callflow"`
}

func decode(t *testing.T, r ivrruntime.Reply) reply {
	t.Helper()
	var got reply
	if err := json.Unmarshal(r.Body(), &got); err != nil {
		t.Fatalf("reply is not JSON: %v\n%s", err, r.Body())
	}
	got.ClientActionID = flowtest.PlaceOf(t, got.ClientActionID)
	return got
}

// answer asks the flow, as the webhook handler does, for the reply to
// digits in the menu the clientActionId id names. warning is what the
// handler would log: "" when the flow knew the menu.
func answer(f *Flow, id, digits string) (r ivrruntime.Reply, warning string) {
	t := ivrruntime.NewTurn(context.Background(), nil, id, digits)
	r = f.Answer(t)
	return r, t.Warning()
}

func newFlow(t *testing.T) *Flow {
	t.Helper()
	f, err := New(Numbers{
		VirtualNumber: ivrruntime.MustNumber("+6531591234"),
		Staff:         ivrruntime.MustNumber("+6562345678"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

const (
	mainPrompt = "Welcome to ABC Restaurant, to book a table press 1, to speak to a representative press 2, to hear our restaurant hours press 3."
	invalid    = "Invalid input, please call again."
)

// TestGuidePaths walks every row of the Advanced IVR guide's tables: each
// menu's keys, an unlisted key and silence.
func TestGuidePaths(t *testing.T) {
	f := newFlow(t)
	tests := []struct {
		menu, digits string
		wantID       string // clientActionId of the answer
		wantActions  []string
		wantText     string // the prompt, the said text, or the transfer destination
	}{
		{"main", "1", "reservations", []string{"sayAndCapture"}, "Press 1 to make a new reservation, press 2 to reschedule an existing reservation, press 3 to return to main menu."},
		{"main", "2", "connect", []string{"sayAndCapture"}, "Connecting you to the next available representative. Press 1 to connect now, press 2 to return to main menu"},
		{"main", "3", "", []string{"say", "hangup"}, "Our restaurant hours are between 9AM and 9PM every day of the week."},
		{"main", "4", "", []string{"say", "hangup"}, invalid},
		{"main", "", "", []string{"say", "hangup"}, invalid},
		{"reservations", "1", "book_table", []string{"sayAndCapture"}, "Reserving a Table, Press 1 to reserve a table for today, Press 2 to reserve a table for tomorrow."},
		{"reservations", "2", "reschedule_table", []string{"sayAndCapture"}, "Rescheduling your reservation, Press 1 to keep your current reservation, press 2 to change your reservation to tomorrow."},
		{"reservations", "3", "main", []string{"sayAndCapture"}, mainPrompt},
		{"reservations", "9", "", []string{"say", "hangup"}, invalid},
		{"reservations", "", "", []string{"say", "hangup"}, invalid},
		{"connect", "1", "transfer:staff", []string{"makeCall"}, "+6562345678"},
		{"connect", "2", "main", []string{"sayAndCapture"}, mainPrompt},
		{"connect", "*", "", []string{"say", "hangup"}, invalid},
		{"connect", "", "", []string{"say", "hangup"}, invalid},
		{"book_table", "1", "", []string{"say", "hangup"}, "We have booked your table for today, thank you."},
		{"book_table", "2", "", []string{"say", "hangup"}, "We have booked your table for tomorrow, thank you."},
		{"book_table", "3", "", []string{"say", "hangup"}, invalid},
		{"book_table", "", "", []string{"say", "hangup"}, invalid},
		{"reschedule_table", "1", "", []string{"say", "hangup"}, "Keeping your current reservation, thank you."},
		{"reschedule_table", "2", "", []string{"say", "hangup"}, "Changing your reservation to tomorrow thank you."},
		{"reschedule_table", "0", "", []string{"say", "hangup"}, invalid},
		{"reschedule_table", "", "", []string{"say", "hangup"}, invalid},
	}
	for _, tt := range tests {
		t.Run(tt.menu+"/"+tt.digits, func(t *testing.T) {
			r, warn := answer(f, tt.menu, tt.digits)
			if warn != "" {
				t.Fatalf("Answer(%q): %s", tt.menu, warn)
			}
			got := decode(t, r)
			if got.ClientActionID != tt.wantID {
				t.Errorf("clientActionId = %q, want %q", got.ClientActionID, tt.wantID)
			}
			var actions []string
			for _, a := range got.Callflow {
				actions = append(actions, a.Action)
			}
			if len(actions) != len(tt.wantActions) {
				t.Fatalf("actions = %v, want %v", actions, tt.wantActions)
			}
			for i := range actions {
				if actions[i] != tt.wantActions[i] {
					t.Fatalf("actions = %v, want %v", actions, tt.wantActions)
				}
			}
			p := got.Callflow[0].Params
			if text := p.Text + p.PromptMessage + p.Destination; text != tt.wantText {
				t.Errorf("text = %q, want %q", text, tt.wantText)
			}
		})
	}
}

func TestStart(t *testing.T) {
	f := newFlow(t)
	got := decode(t, f.Start(ivrruntime.NewTurn(context.Background(), nil, "", "")))
	if got.ClientActionID != "main" || len(got.Callflow) != 1 || got.Callflow[0].Params.PromptMessage != mainPrompt {
		t.Fatalf("Start() = %+v, want the main menu", got)
	}
	if n := got.Callflow[0].Params.NoOfTries; n != 1 {
		t.Errorf("main menu noOfTries = %d, want its own setting 1", n)
	}
	// No clientActionId: the answer to an outbound call's first capture.
	r, warn := answer(f, "", "2")
	if got := decode(t, r); warn != "" || got.ClientActionID != "connect" {
		t.Errorf(`Answer("", "2") = %+v, %q; want the connect menu`, got, warn)
	}
	if r, warn := answer(f, "no_such_menu", "1"); warn == "" || decode(t, r).ClientActionID != "main" {
		t.Error("Answer of an unknown menu gave no warning, or not the start menu")
	}
	if c, _ := f.StartCapture(); c.PromptMessage != mainPrompt || c.DigitTimeout >= c.OverallTimeout {
		t.Errorf("StartCapture() = %+v", c)
	}
}

func TestTransferCallsFromTheVirtualNumber(t *testing.T) {
	r, _ := answer(newFlow(t), "connect", "1")
	got := decode(t, r)
	if src := got.Callflow[0].Params.Source; src != "+6531591234" {
		t.Errorf("makeCall source = %q, want the virtual number", src)
	}
}

func TestNumbers(t *testing.T) {
	if _, err := New(Numbers{}); err == nil {
		t.Error("New accepted unset numbers")
	}
	env := map[string]string{"IVR_VIRTUAL_NUMBER": "+6531591234", "IVR_STAFF_NUMBER": "12345"}
	_, err := NumbersFromEnv(func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "IVR_STAFF_NUMBER") {
		t.Errorf("NumbersFromEnv error = %v, want one naming IVR_STAFF_NUMBER", err)
	}
}

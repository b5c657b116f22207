package dsl

import (
	"strings"
	"testing"
)

// TestMentions checks which keys a prompt is read to name.
func TestMentions(t *testing.T) {
	tests := []struct{ prompt, keys string }{
		{"Press 1 for sales, press 2 for support.", "1 2"},
		{"For sales press 1, support 2, billing 3. For the operator press 0.", "1 2 3 0"},
		{"To hear this again, press the star key, or the pound key to go back.", "* #"},
		{"To hear this again, press star, or hash to go back.", "* #"},
		{"Press one to confirm or two to cancel.", "1 2"},
		{"Dial 101 for reception.", "101"},
		{"Enter your course code, or 0 for the office.", "0"},
		{"Enter your 4 digit code.", ""},
		{"Press 1 for one person. Two people is our limit.", "1"},
		{"We open at 9 and close at 5; press 1 for hours.", "1"},
		{"Press 1 to book for 2 people.", "1 2"}, // a list goes on: written so, it is a mention
		{"Welcome to ABC Restaurant, to book a table press 1, to speak to a representative press 2, to hear our restaurant hours press 3.", "1 2 3"},
		{"Para español, oprima 2.", "2"},                      // Spanish verbs count, for translations
		{"Enter the three digit extension, or press 0.", "0"}, // a count, not a key
	}
	for _, tt := range tests {
		var got []string
		for _, m := range mentions(tt.prompt) {
			got = append(got, m.key)
		}
		if strings.Join(got, " ") != tt.keys {
			t.Errorf("mentions(%q) = %q, want %q", tt.prompt, got, tt.keys)
		}
	}
}

func TestPromptKeys(t *testing.T) {
	expectAllDiags(t, header+"menu main {\n  prompt \"Press 1 or 2.\"\n  1 -> main\n}\n",
		"t.ivr:6:22: warning: the prompt says press 2 but menu main has no key 2 (write check-prompt no in the menu if that is meant)")
	expectAllDiags(t, header+"check-prompt no\nmenu main {\n  prompt \"Press 1 or 2.\"\n  1 -> main\n}\n")
	expectAllDiags(t, header+"menu main {\n  prompt \"Press 1 or 2.\"\n  check-prompt no\n  1 -> main\n}\n")
	expectAllDiags(t, header+"check-prompt no\nmenu main {\n  prompt \"Press 1 or 2.\"\n  check-prompt yes\n  1 -> main\n}\n",
		"t.ivr:7:22: warning: the prompt says press 2 but menu main has no key 2 (write check-prompt no in the menu if that is meant)")
	expectAllDiags(t, header+"menu main {\n  prompt \"Caf\u00e9! Press 2.\"\n  1 -> main\n  2 -> main\n}\n",
		"t.ivr:7:3: warning: key 1 is never mentioned in the prompt of menu main: say it, such as \"press 1 for ...\" (write check-prompt no in the menu if that is meant)")
	expectAllDiags(t, header+"menu main {\n  prompt \"Caf\u00e9! Press 1 or 3.\"\n  1 -> main\n}\n",
		"t.ivr:6:28: warning: the prompt says press 3 but menu main has no key 3 (write check-prompt no in the menu if that is meant)")
}

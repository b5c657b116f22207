package dsl

import (
	"strings"
	"testing"
)

// TestStateSizeHistory: the history a clientActionId carries is of
// MaxHistory menus of the flow's longest name. 110 letters make the
// deepest id 1027 bytes, over the limit; 109 make it 1018.
func TestStateSizeHistory(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{
		{109, ""},
		{110, "t.ivr:5:6: menu " + strings.Repeat("m", 110) + " carries up to 1027 bytes of state in its clientActionId (896 of them the history of 8 menus and the counters): the most is 1024; give the menus shorter names"},
	} {
		name := strings.Repeat("m", tt.n)
		src := "ivr t\nstart " + name + "\nvoice \"en-GB-Emma\"\non invalid { hangup }\nmenu " + name + " {\n prompt \"Press 1.\"\n 1 -> hangup\n}\n"
		_, diags := Compile("t.ivr", []byte(src))
		var got []string
		for _, d := range diags {
			if strings.Contains(d.Msg, "bytes of state") {
				got = append(got, d.String())
			}
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("a menu name of %d letters:\n%s\nwant\n%s", tt.n, strings.Join(got, "\n"), tt.want)
		}
	}
}

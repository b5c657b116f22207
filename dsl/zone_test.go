package dsl

import "testing"

// nearZone finds the IANA name a misspelt zone means, and nothing where
// there is none.
func TestNearZone(t *testing.T) {
	for zone, want := range map[string]string{
		"America/NewYork":  "America/New_York",
		"america/new york": "America/New_York",
		"AMERICA/NEW_YORK": "America/New_York",
		"asia/singapore":   "Asia/Singapore",
		"Europe/London":    "", // already right
		"Mars/Olympus":     "",
		"utc":              "",
		"":                 "",
	} {
		if got := nearZone(zone); got != want {
			t.Errorf("nearZone(%q) = %q, want %q", zone, got, want)
		}
	}
}

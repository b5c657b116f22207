// Package flowtest holds what the examples' Go tests share.
package flowtest

import (
	"testing"

	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

// PlaceOf is the menu a clientActionId puts the caller in: the id itself
// for a transfer, and "" for none. The id's session and values are checked
// by Parse, with the default key.
func PlaceOf(t testing.TB, id string) string {
	t.Helper()
	if id == "" || ivrruntime.IsTransfer(id) {
		return id
	}
	st, err := ivrruntime.DefaultStateCodec.Parse(id)
	if err != nil {
		t.Fatalf("clientActionId %q: %v", id, err)
	}
	return st.Place()
}

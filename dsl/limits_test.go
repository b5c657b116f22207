package dsl

import (
	"testing"

	"github.com/ivrgen/ivrgen/runtime"
)

// TestLimitsMatchTheRuntime: the bounds the checks put on a flow are the
// ones the runtime keeps: the size of a clientActionId, the menus its
// history remembers, the slips it counts.
func TestLimitsMatchTheRuntime(t *testing.T) {
	for _, l := range []struct {
		name         string
		dsl, runtime int
	}{
		{"state length", maxStateLen, runtime.MaxStateLen},
		{"history", maxHistory, runtime.MaxHistory},
		{"slips", maxSlips, runtime.MaxSlips},
	} {
		if l.dsl != l.runtime {
			t.Errorf("%s: the checks allow %d, the runtime %d", l.name, l.dsl, l.runtime)
		}
	}
}

// Package scaleflow writes flows of any size, the same seven lines a menu,
// for measuring how ivrgen check and generate grow with a flow
// (go run ./internal/scaleflow/write N > flow.ivr, and the benchmarks of
// dsl and codegen).
package scaleflow

import (
	"fmt"
	"strings"
)

// Flow is a flow of n menus (n >= 1) in a chain: each menu goes on to the
// next and back to the one before, transfers to the desk, and has a key that
// says goodbye.
func Flow(n int) []byte {
	var b strings.Builder
	b.Grow(300 * n)
	b.WriteString("ivr scale\nstart m0\nvoice \"en-US-ZiraRUS\"\nnumber desk = env IVR_DESK_NUMBER\n")
	b.WriteString("on invalid { say \"Sorry, that is not an option.\"; hangup }\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "menu m%d {\n", i)
		fmt.Fprintf(&b, "    prompt \"Menu %d. Press 1 for the next menu, 2 for the one before, 0 for the desk, 9 to leave.\"\n", i)
		fmt.Fprintf(&b, "    1 -> m%d\n", (i+1)%n)
		fmt.Fprintf(&b, "    2 -> m%d\n", (i+n-1)%n)
		b.WriteString("    0 -> transfer desk\n")
		b.WriteString("    9 -> { say \"Goodbye.\"; hangup }\n")
		b.WriteString("}\n")
	}
	return []byte(b.String())
}

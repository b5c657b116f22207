package codegen

import (
	"fmt"
	"testing"

	"github.com/ivrgen/ivrgen/dsl"
	"github.com/ivrgen/ivrgen/internal/scaleflow"
)

// BenchmarkGenerate is the generator alone (the flow compiled once) on
// flows of 1,000 and 10,000 menus: the ratio of the two says whether
// generating grows linearly.
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		flow, diags := dsl.Compile("scale.ivr", scaleflow.Flow(n))
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		b.Run(fmt.Sprintf("menus=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Generate(flow, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

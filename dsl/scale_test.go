package dsl

import (
	"fmt"
	"testing"

	"github.com/ivrgen/ivrgen/internal/scaleflow"
)

// BenchmarkCompile is ivrgen check of flows of 1,000 and 10,000 menus: the
// ratio of the two says whether checking grows linearly.
func BenchmarkCompile(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		src := scaleflow.Flow(n)
		b.Run(fmt.Sprintf("menus=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				if _, diags := Compile("scale.ivr", src); len(diags) != 0 {
					b.Fatal(diags)
				}
			}
		})
	}
}

// BenchmarkCheck is Check alone, on a flow of 10,000 menus parsed once:
// the share of check's time that is not parsing.
func BenchmarkCheck(b *testing.B) {
	f, diags := Parse("scale.ivr", scaleflow.Flow(10000))
	if len(diags) != 0 {
		b.Fatal(diags)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Check(f); len(diags) != 0 {
			b.Fatal(diags)
		}
	}
}

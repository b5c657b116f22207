// Package benchflow is a small flow with variables, for the runtime's
// handler benchmarks (runtime/bench_test.go); see benchflow.ivr.
package benchflow

//go:generate go run ../../cmd/ivrgen generate benchflow.ivr

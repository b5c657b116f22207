// Package testflow is a small flow with variables and a hook, for the
// runtime's tests and benchmarks (runtime/flows_test.go); see testflow.ivr.
package testflow

//go:generate go run ../../cmd/ivrgen generate testflow.ivr

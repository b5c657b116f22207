// Package clinic is the Harbourside Clinic's bilingual line, generated from
// clinic.ivr: opening hours, a language for the call, global keys, counted
// retries, back and top, and a cap on turns.
package clinic

//go:generate go run ../../cmd/ivrgen generate clinic.ivr

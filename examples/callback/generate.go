// Package callback is generated from callback.ivr by ivrgen; see the .ivr file for the flow.
package callback

//go:generate go run ../../cmd/ivrgen generate callback.ivr

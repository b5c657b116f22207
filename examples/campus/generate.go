// Package campus is generated from campus.ivr by ivrgen; see the .ivr file for the flow.
package campus

//go:generate go run ../../cmd/ivrgen generate campus.ivr

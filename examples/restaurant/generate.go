// Package restaurant is generated from restaurant.ivr by ivrgen; see the .ivr file for the flow.
package restaurant

//go:generate go run ../../cmd/ivrgen generate restaurant.ivr

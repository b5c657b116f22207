// Command write prints a flow of N menus (see package scaleflow):
//
//	go run ./internal/scaleflow/write 10000 > scale.ivr
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/ivrgen/ivrgen/internal/scaleflow"
)

func main() {
	n, err := strconv.Atoi(os.Args[len(os.Args)-1])
	if len(os.Args) != 2 || err != nil || n < 1 {
		fmt.Fprintln(os.Stderr, "usage: write N (a number of menus, 1 or more)")
		os.Exit(2)
	}
	os.Stdout.Write(scaleflow.Flow(n))
}

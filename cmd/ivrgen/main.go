// Command ivrgen compiles .ivr phone menus into 8x8 Voice webhook servers.
package main

import (
	"os"

	"github.com/ivrgen/ivrgen"
)

func main() { os.Exit(ivrgen.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

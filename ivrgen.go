// Package ivrgen is the ivrgen command as a library: Main runs it, and the
// runtime's source travels inside it so that "ivrgen build" works offline.
// The binary is cmd/ivrgen.
package ivrgen

import "io"

// Version is ivrgen's release version, written into generated files.
const Version = "0.1.0"

// Main runs ivrgen with args (without the program name) and returns the exit
// status: 0 ok, 1 a user error (a bad .ivr file, a failed build), 2 a usage error.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return 2 // TODO: being written
}

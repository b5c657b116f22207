// Package dsl is the .ivr language: its grammar (participle), the checks that
// turn a parsed file into a Flow, and the diagnostics they report.
//
// The pipeline is pure: Parse(name, src) gives a *File (the syntax tree);
// Check(file) gives a *Flow, in which every name is resolved, every default
// applied and every 8x8 limit met, or Diagnostics saying why not. Compile does
// both. Nothing here touches the disk.
package dsl

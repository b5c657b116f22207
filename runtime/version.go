package runtime

// Version is the generation of this package's API for generated code.
// ivrgen writes a reference to SupportPackageIsVersionN into every file it
// generates; a file generated for another generation fails to compile, and
// the fix is to regenerate it with a matching ivrgen (or upgrade the
// github.com/ivrgen/ivrgen module).
const Version = 2

// SupportPackageIsVersion2 is referenced by code generated for Version 2,
// whose Flow has a Name method.
const SupportPackageIsVersion2 = true

package runtime

// Version is the generation of this package's API for generated code.
// ivrgen writes a reference to SupportPackageIsVersionN into every file it
// generates; a file generated for another generation fails to compile, and
// the fix is to regenerate it with a matching ivrgen (or upgrade the
// github.com/ivrgen/ivrgen module).
const Version = 4

// SupportPackageIsVersion4 is referenced by code generated for Version 4,
// whose Flow answers a Turn: typed values in the clientActionId, hooks.
const SupportPackageIsVersion4 = true

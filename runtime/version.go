package runtime

// Version is the generation of this package's API for generated code.
// ivrgen writes a reference to SupportPackageIsVersionN into every file it
// generates; a file generated for another generation fails to compile, and
// the fix is to regenerate it with a matching ivrgen (or upgrade the
// github.com/ivrgen/ivrgen module).
const Version = 5

// SupportPackageIsVersion5 is referenced by code generated for Version 5,
// which tells the Turn the hours branches it goes through (Turn.Hours).
const SupportPackageIsVersion5 = true

// SupportPackageIsVersion4 is referenced by code generated for Version 4,
// whose Flow answers a Turn: typed values in the clientActionId, hooks. This
// package still runs it.
const SupportPackageIsVersion4 = true

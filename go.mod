module github.com/ivrgen/ivrgen

go 1.25

require (
	github.com/alecthomas/participle/v2 v2.1.4
	github.com/dave/jennifer v1.7.1
	github.com/rogpeppe/go-internal v1.16.0
	golang.org/x/tools v0.26.0
)

require golang.org/x/sys v0.26.0 // indirect

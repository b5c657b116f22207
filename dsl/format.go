package dsl

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// Format returns src in the one layout ivrgen fmt writes: four spaces of
// indent a brace, one space between tokens (none before , ; ) nor after
// (, none around .. nor between a name and its "("), trailing comments of
// neighbouring lines in one column (one space after the longest line), at
// most one blank line in a row and none just inside a block's braces, and
// a newline at the end. It keeps every token, every comment and the line
// breaks between statements, so the formatted file says the same. A file
// with a syntax error is not formatted: its diagnostics are returned, as
// Parse gives them.
func Format(name string, src []byte) ([]byte, Diagnostics) {
	if _, diags := Parse(name, src); diags.HasErrors() {
		return nil, diags
	}
	var lines []formatLine
	depth, blank := 0, false
	lastOpens := true // the line before opened a block, or there is none
	for _, line := range formatLines(string(src)) {
		if len(line) == 0 {
			blank = true
			continue
		}
		closes := 0
		for closes < len(line) && line[closes].value == "}" {
			closes++
		}
		depth = max(depth-closes, 0)
		l := formatLine{blank: blank && !lastOpens && closes == 0, depth: depth}
		if code := line; code[len(code)-1].typ == tokComment {
			l.comment = code[len(code)-1].value
			line = code[:len(code)-1]
		}
		var b bytes.Buffer
		writeLine(&b, line)
		l.code = b.String()
		lines = append(lines, l)
		blank = false
		for _, t := range line[closes:] {
			switch t.value {
			case "{":
				depth++
			case "}":
				depth = max(depth-1, 0)
			}
		}
		lastOpens = len(line) > 0 && line[len(line)-1].value == "{"
	}
	alignComments(lines)
	var out bytes.Buffer
	for _, l := range lines {
		if l.blank {
			out.WriteByte('\n')
		}
		out.WriteString(strings.Repeat("    ", l.depth))
		out.WriteString(l.code)
		if l.comment != "" {
			if l.code != "" {
				out.WriteString(strings.Repeat(" ", 1+l.pad))
			}
			out.WriteString(strings.TrimRight(l.comment, " \t\r"))
		}
		out.WriteByte('\n')
	}
	return out.Bytes(), nil
}

// formatLine is a line of the formatted file: its code and its trailing
// comment, apart, so that comments can line up.
type formatLine struct {
	blank         bool // a blank line before it
	depth         int
	code, comment string
	pad           int // spaces after the code, before the comment's one
}

// alignComments lines up the trailing comments of neighbouring lines of
// code at the same depth, one space after the longest.
func alignComments(lines []formatLine) {
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && lines[j].code != "" && lines[j].comment != "" && lines[j].depth == lines[i].depth && (j == i || !lines[j].blank) {
			j++
		}
		width := 0
		for _, l := range lines[i:j] {
			width = max(width, utf8.RuneCountInString(l.code))
		}
		for k := i; k < j; k++ {
			lines[k].pad = width - utf8.RuneCountInString(lines[k].code)
		}
		i = max(j, i+1)
	}
}

// formatToken is a token of a line: anything but whitespace and newlines.
type formatToken struct {
	typ   lexer.TokenType
	value string
}

// formatLines cuts src into lines of tokens; a blank line is empty.
func formatLines(src string) [][]formatToken {
	var lines [][]formatToken
	var line []formatToken
	for off := 0; off < len(src); {
		typ, n := nextToken(src[off:])
		value := src[off : off+n]
		off += n
		switch typ {
		case tokNL:
			lines = append(lines, line)
			line = nil
		case tokWhitespace:
		default:
			line = append(line, formatToken{typ, value})
		}
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	return joinBraces(lines)
}

// joinBraces puts a block's { on the line that opens it, as it is written
// in the one layout: a line that begins with { joins the statement before
// it, across blank lines, unless that line ends in a comment.
func joinBraces(lines [][]formatToken) [][]formatToken {
	out := lines[:0]
	for _, line := range lines {
		if len(line) > 0 && line[0].value == "{" {
			prev := len(out) - 1
			for prev >= 0 && len(out[prev]) == 0 {
				prev--
			}
			if prev >= 0 && out[prev][len(out[prev])-1].typ != tokComment && out[prev][len(out[prev])-1].value != "{" {
				out[prev] = append(out[prev], line...)
				out = out[:prev+1]
				continue
			}
		}
		out = append(out, line)
	}
	return out
}

// writeLine writes a line's tokens with one space between them, but where
// none goes.
func writeLine(out *bytes.Buffer, line []formatToken) {
	for i, t := range line {
		if i > 0 && spaceBetween(line[i-1], t) {
			out.WriteByte(' ')
		}
		out.WriteString(strings.TrimRight(t.value, " \t\r"))
	}
}

func spaceBetween(a, b formatToken) bool {
	switch {
	case b.typ == tokComment:
		return true
	case b.value == "," || b.value == ";" || b.value == ")":
		return false
	case a.value == "(", a.typ == tokRange, b.typ == tokRange:
		return false
	case b.value == "(" && a.typ == tokIdent:
		return false
	}
	return true
}

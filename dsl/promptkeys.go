package dsl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The prompt/key check: a prompt that says "press 5" in a menu without a
// key 5 sends callers to the invalid handler, and a key the prompt never
// names is one no caller will find. Both are warnings, silenced for a menu
// (or the file) with check-prompt no.
//
// A key is mentioned when it follows a verb that asks for a key (press,
// dial, enter, push), with an optional "the": "press 1", "press the star
// key". In the rest of the sentence, once a key has been mentioned, a list
// goes on with bare keys: "press 1 for sales, 2 for support, or star to go
// back". And anywhere after such a verb, a key followed by "for" is one:
// "Enter your course code, or 0 for the office". A spelled digit (one) is
// a key only right after the verb or before "for" or "to".

// checkPromptHint ends every prompt/key warning.
const checkPromptHint = "write check-prompt no in the menu if that is meant"

// mention is a key the prompt names, at a byte offset in its text.
type mention struct {
	key    string
	offset int
}

var (
	// the verbs in English, and in Spanish (oprima, marque, pulse,
	// presione) for the translations
	keyVerbs    = set("press", "dial", "enter", "push", "oprima", "marque", "pulse", "presione")
	spokenKeys  = map[string]string{"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "star": "*", "asterisk": "*", "hash": "#", "pound": "#", "asterisco": "*", "numeral": "#"}
	symbolWords = set("*", "#", "star", "asterisk", "hash", "pound", "asterisco", "numeral")
	sentenceEnd = set(".", "!", "?", ";", ":")
)

// word is one word of a prompt: letters, a run of digits, or a punctuation
// mark, lower-cased.
type word struct {
	text   string
	offset int
}

// appendWords appends the words of text to out.
func appendWords(out []word, text string) []word {
	// an ASCII text is lower-cased once, and its words are cut from that
	lower, ascii := text, isASCII(text)
	if ascii {
		lower = strings.ToLower(text)
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch c := runeClass(r); {
		case unicode.IsSpace(r):
			i += n
		case c == 0:
			out = append(out, word{string(r), i})
			i += n
		default:
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if runeClass(r2) != c {
					break
				}
				j += n2
			}
			w := lower[i:j]
			if !ascii {
				w = strings.ToLower(text[i:j])
			}
			out = append(out, word{w, i})
			i = j
		}
	}
	return out
}

// runeClass is 1 for a digit, 2 for what words are made of, 0 for the rest.
func runeClass(r rune) int {
	switch {
	case unicode.IsDigit(r):
		return 1
	case unicode.IsLetter(r) || r == '\'' || r == '-':
		return 2
	}
	return 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// keyOf returns the key a word names: a digit run, * or #, or a spoken
// digit or symbol.
func keyOf(w string) (string, bool) {
	if w == "*" || w == "#" {
		return w, true
	}
	if k, ok := spokenKeys[w]; ok {
		return k, true
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return w, w != ""
}

// mentions returns the keys a prompt names, in order.
func mentions(text string) []mention {
	var room [48]word // most prompts' words: no allocation for them
	ws := appendWords(room[:0], text)
	var kindRoom [len(room)]wordKind
	kinds := kindRoom[:0]
	for _, w := range ws {
		kinds = append(kinds, wordKinds[w.text])
	}
	var out []mention
	verb, listed := false, false // a verb was seen; in this sentence, a key was named
	at := func(i int) (string, wordKind) {
		if i >= 0 && i < len(ws) {
			return ws[i].text, kinds[i]
		}
		return "", 0
	}
	for i, w := range ws {
		if kinds[i]&endsSentence != 0 {
			listed = false
			continue
		}
		key, ok := keyOf(w.text)
		if !ok {
			verb = verb || kinds[i]&asksForKey != 0
			continue
		}
		prev, prevKind := at(i - 1)
		if prev == "the" {
			_, prevKind = at(i - 2)
		}
		next, _ := at(i + 1)
		spelled := kinds[i]&spelledKey != 0
		if next == "digit" || next == "digits" || next == "-digit" {
			continue // a count: "enter the three digit extension"
		}
		switch {
		case prevKind&asksForKey != 0,
			verb && next == "for",
			spelled && listed && next == "to",
			listed && !spelled:
			out = append(out, mention{key, w.offset})
			listed = true
		}
	}
	return out
}

// wordKind is what a word of a prompt is to the check, found in one
// lookup: a verb that asks for a key, the end of a sentence, a key
// spelled out in letters (a spoken digit, not a symbol).
type wordKind uint8

const (
	asksForKey wordKind = 1 << iota
	endsSentence
	spelledKey
)

var wordKinds = func() map[string]wordKind {
	kinds := map[string]wordKind{}
	for w := range keyVerbs {
		kinds[w] |= asksForKey
	}
	for w := range sentenceEnd {
		kinds[w] |= endsSentence
	}
	for w := range spokenKeys {
		if !symbolWords[w] {
			kinds[w] |= spelledKey
		}
	}
	return kinds
}()

// promptKeys warns where the prompt and the keys of menu m disagree. The
// keys in maybe were written but left out for errors: the prompt may name
// them.
func (c *checker) promptKeys(m *Menu, prompt *Str, sc *scope, maybe map[string]bool) {
	on := firstOf(sc.checkPrompt, c.global.checkPrompt)
	text := m.Prompt.Source()
	if text == "" || (on != nil && !*on) || unknown("check-prompt", sc, c.global) {
		return
	}
	has := map[string]bool{}
	for _, b := range m.Keys {
		has[b.Key] = true
	}
	said := map[string]bool{}
	for _, mn := range mentions(text) {
		said[mn.key] = true
		if has[mn.key] || maybe[mn.key] || (mn.key == "#" && m.Capture.CompleteOnHash) {
			continue
		}
		c.warnf(prompt.posAt(text, mn.offset), "the prompt says press %s but %s has no key %s (%s)", mn.key, m.What(), mn.key, checkPromptHint)
	}
	for i := range m.Prompt.Tr { // a key said in any language is said
		for _, mn := range mentions(m.Prompt.In(i + 1).Source()) {
			said[mn.key] = true
		}
	}
	var unsaid []*Branch
	for _, b := range m.Keys {
		if len(b.Key) == 1 && !said[b.Key] {
			unsaid = append(unsaid, b)
		}
	}
	switch {
	case len(unsaid) == 0:
	case len(said) == 0:
		keys := make([]string, len(unsaid))
		for i, b := range unsaid {
			keys[i] = b.Key
		}
		c.warnf(prompt.posOf(), "the prompt of %s names none of its keys %s: say them, such as \"press %s for ...\" (%s)", m.What(), strings.Join(keys, ", "), keys[0], checkPromptHint)
	default:
		for _, b := range unsaid {
			c.warnf(b.Pos, "key %s is never mentioned in the prompt of %s: say it, such as \"press %s for ...\" (%s)", b.Key, m.What(), b.Key, checkPromptHint)
		}
	}
}

// posAt is the position of the byte at offset in the text of s, when the
// text is written without escapes; else the position of s.
func (s *Str) posAt(text string, offset int) Pos {
	p := s.posOf()
	if len(s.Raw) < 2 || s.Raw[1:len(s.Raw)-1] != text {
		return p
	}
	p.Col += 1 + utf8.RuneCountInString(text[:offset])
	return p
}

package dsl

import "sort"

// The words of the language, by what they begin. The parser is the
// authority; these lists let a syntax error say what a misspelled word was
// meant to be (TestKeywordsMatchGrammar keeps them in step).
var (
	settingWords = set("voice", "speed", "digits", "digit-timeout", "timeout", "tries",
		"complete-on-hash", "check-prompt", "success", "failure")
	actionWords = set("say", "play", "goto", "transfer", "hangup", "repeat", "reprompt", "back", "top", "language")
	optionWords = set("voice", "speed", "repeat")
	// startWords begin a statement of each kind. In a hook, any other
	// name begins an outcome.
	startWords = map[kind]map[string]bool{
		topKind:   union(set("ivr", "start", "number", "menu", "ask", "hook", "on", "global", "turns", "language", "calendar", "hours"), settingWords),
		menuKind:  union(set("prompt", "reprompt", "no", "confirm", "then", "secret", "number", "on"), settingWords),
		hookKind:  set("url", "auth"),
		calKind:   set("zone", "closed", "daily", "mon", "tue", "wed", "thu", "fri", "sat", "sun"),
		hoursKind: set("open", "closed"),
		blockKind: actionWords,
	}
	// kindWords name the kind of a hook's value.
	kindWords = set("number", "digits", "text")
	// allWords are every keyword, for a misspelling anywhere.
	allWords = union(startWords[topKind], startWords[menuKind], startWords[hookKind], actionWords, optionWords,
		kindWords, set("env", "yes", "no", "within", "open", "closed", "zone"))
)

func set(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		m[w] = true
	}
	return m
}

func union(sets ...map[string]bool) map[string]bool {
	m := map[string]bool{}
	for _, s := range sets {
		for w := range s {
			m[w] = true
		}
	}
	return m
}

// misspelt returns the keyword among words that word is probably a typo
// of: one edit away, or two for words of 8 letters or more (a swap of two
// neighbouring letters is one edit).
func misspelt(word string, words map[string]bool) (string, bool) {
	keys := make([]string, 0, len(words))
	for w := range words {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	best, bestDist := "", 0
	for _, w := range keys {
		limit := 1
		if len(w) >= 8 {
			limit = 2
		}
		// on a tie, the word that begins as the typo does: rprompt is reprompt
		d := distance(word, w)
		closer := best == "" || d < bestDist || d == bestDist && sameStart(word, w) && !sameStart(word, best)
		if d <= limit && closer {
			best, bestDist = w, d
		}
	}
	return best, best != "" && best != word
}

func sameStart(a, b string) bool { return a != "" && b != "" && a[0] == b[0] }

func misspeltAny(word string, words map[string]bool) bool {
	_, ok := misspelt(word, words)
	return ok
}

// wordClass names what a keyword is, for "unknown setting digit-timeot".
func wordClass(w string) string {
	switch {
	case settingWords[w]:
		return "setting"
	case actionWords[w]:
		return "action"
	}
	return "word"
}

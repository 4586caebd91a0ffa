package search

import (
	"html"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSearchIndexNames checks the tokenizer with names in other scripts and
// with accents, and the order of terms for the browser's binary search.
func TestSearchIndexNames(t *testing.T) {
	got := Terms("Zoë Ångström-O'Neil, 李小龙 and Ñúñez (2024)")
	want := []string{"zoë", "ångström", "o", "neil", "李小龙", "and", "ñúñez", "2024"}
	if !slices.Equal(got, want) {
		t.Errorf("searchTerms = %q, want %q", got, want)
	}
	// U+FF21 sorts before U+1F600 by code point but after it in UTF-16,
	// which is the order of JavaScript's < on strings.
	terms := []string{"\U0001F600", "\uFF21", "b", "a"}
	SortUTF16(terms)
	if want := []string{"a", "b", "\U0001F600", "\uFF21"}; !slices.Equal(terms, want) {
		t.Errorf("sortUTF16 = %q, want %q", terms, want)
	}
}

// plainTextRunes is plainText as it was first written, rune by rune: the
// reference TestPlainText holds the faster one to.
func plainTextRunes(h string, max int) string {
	var b strings.Builder
	inTag := false
	space := false
	for _, r := range h {
		switch {
		case r == '<':
			inTag = true
			space = true
		case r == '>' && inTag:
			inTag = false
		case inTag:
		case r == ' ' || r == '\n' || r == '\t' || r == '\r':
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
		if b.Len() >= max*2 {
			break
		}
	}
	return cutWord(html.UnescapeString(b.String()), max)
}

// TestPlainText compares plainText with the rune-by-rune reference on random
// HTML of tags, entities, white space and words in several scripts, cut at
// many lengths.
func TestPlainText(t *testing.T) {
	pieces := []string{"<p>", "</p>", "<a href=\"x.html\">", "</a>", "<br/>", " ", "\n", "\t", "\r\n", "word", "Zoë", "Ångström", "李小龙", "🙂", "&amp;", "&lt;b&gt;", "&#39;", "a>b", "<", ">", "x"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		h := b.String()
		max := 1 + rng.IntN(40)
		if got, want := PlainText(h, max), plainTextRunes(h, max); got != want {
			t.Fatalf("plainText(%q, %d) = %q, want %q", h, max, got, want)
		}
	}
}

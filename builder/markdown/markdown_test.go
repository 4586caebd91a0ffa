package markdown

import (
	"strconv"
	"strings"
	"testing"
)

// TestHeadingIDs checks the ids of headings: letters of any script kept,
// repeated headings numbered in turn, and an id a heading takes never given
// twice, with thousands of headings of the same text.
func TestHeadingIDs(t *testing.T) {
	var src strings.Builder
	src.WriteString("# Zoë's plan\n\n# Notes\n\n# Notes-1\n\n")
	const n = 20000
	for range n {
		src.WriteString("## Notes\n\n")
	}
	b := &Body{Source: "content/articles/x.md", Src: []byte(src.String()), Line: 1}
	Parse(New(false), b)
	if !b.IDs["zoës-plan"] {
		t.Errorf("no id zoës-plan")
	}
	// "Notes", then "notes-1" from its own heading, then the repeats.
	if len(b.IDs) != n+3 {
		t.Errorf("%d ids, want %d", len(b.IDs), n+3)
	}
	for _, id := range []string{"notes", "notes-1", "notes-2", "notes-" + strconv.Itoa(n+1)} {
		if !b.IDs[id] {
			t.Errorf("no id %s", id)
		}
	}
	if b.IDs["notes-"+strconv.Itoa(n+2)] {
		t.Errorf("an id too many")
	}
}

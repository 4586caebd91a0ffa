package markdown

import (
	"strconv"
	"strings"
	"testing"

	"portal/builder/content"
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

// TestLinkForms checks links to content files written with a query, with
// escapes and with the extension in capitals: each is checked against the
// files, and rewritten to the page when it finds one.
func TestLinkForms(t *testing.T) {
	targets := map[string]Target{
		"content/articles/x.md":    {URL: "articles/x/", IDs: map[string]bool{"y": true}},
		"content/articles/a b.md":  {URL: "articles/a-b/"},
		"content/articles/here.md": {URL: "articles/here/"},
	}
	cases := []struct{ link, href, err string }{
		{"x.md?x=1#y", `href="../../articles/x/?x=1#y"`, ""},
		{"x.md?x=1#z", "", `no heading with id "z"`},
		{"a%20b.md", `href="../../articles/a-b/"`, ""},
		{"x.md%23y", "", `content/articles/x.md#y does not exist`},
		{"./x.MD", "", `content/articles/x.MD does not exist (did you mean "x.md"?)`},
		{"nothere.md?x=1", "", "content/articles/nothere.md does not exist"},
		{"%zz.md", "", `broken link "%zz.md": invalid URL escape`},
		{"?page=2", `href="?page=2"`, ""},
		{"x.md#%79", `href="../../articles/x/#y"`, ""},
		{"#caf%C3%A9", `href="#caf%C3%A9"`, ""},
	}
	md := New(false)
	for _, c := range cases {
		b := &Body{Source: "content/articles/here.md", PageURL: "articles/here/", Src: []byte("[link](" + c.link + ")\n\n## Café\n"), Line: 1}
		Parse(md, b)
		var r content.Report
		RewriteLinks(b, targets, &r)
		html, err := Render(md, b)
		if err != nil {
			t.Fatal(err)
		}
		if c.err == "" {
			if len(r.List) > 0 || !strings.Contains(string(html), c.href) {
				t.Errorf("%s: %s %v, want %s", c.link, html, r.List, c.href)
			}
			continue
		}
		if len(r.List) != 1 || !strings.Contains(r.List[0].Msg, c.err) {
			t.Errorf("%s: %v, want %q", c.link, r.List, c.err)
		}
	}
}

// TestHeadingsAvoidPageIDs gives a body headings named like the elements
// of the page around it: they get other ids, so that the page's labels and
// links still find its own elements.
func TestHeadingsAvoidPageIDs(t *testing.T) {
	b := &Body{Source: "content/competencies/lead/vision.md", Src: []byte("## Levels\n\n## Main\n\n## Notes\n"), Line: 1}
	Parse(New(false), b)
	for _, id := range []string{"levels-1", "main-1", "notes"} {
		if !b.IDs[id] {
			t.Errorf("no id %s in %v", id, b.IDs)
		}
	}
	for _, id := range PageIDs {
		if b.IDs[id] {
			t.Errorf("a heading took the page's id %s", id)
		}
	}
}

package render

import (
	"bytes"
	"encoding/xml"
	"html/template"
	"strings"
	"testing"

	"portal/builder/model"
)

// TestPartialCached checks that partialCached renders a template once per
// render pass and list of keys, and every time when there is no pass.
func TestPartialCached(t *testing.T) {
	set := template.Must(template.New("").Funcs(funcs).Parse(`{{define "title"}}<b>{{.Title}}</b>{{end}}`))
	call := partialCached(set, nil)
	pass := &partialCache{}
	render := func(title string, cache *partialCache, keys ...any) string {
		t.Helper()
		p := &Page{Title: title, partials: cache}
		got, err := call("title", p, keys...)
		if err != nil {
			t.Fatal(err)
		}
		return string(got)
	}
	steps := []struct {
		title string
		cache *partialCache
		keys  []any
		want  string
	}{
		{"A & B", pass, []any{"person", "../../"}, "<b>A &amp; B</b>"},
		{"C", pass, []any{"person", "../../"}, "<b>A &amp; B</b>"}, // same keys: cached
		{"C", pass, []any{"person", "../"}, "<b>C</b>"},
		{"D", pass, []any{"person"}, "<b>D</b>"},
		{"E", pass, []any{"person", ""}, "<b>E</b>"},
		{"F", pass, []any{1}, "<b>F</b>"},
		{"G", pass, []any{"1"}, "<b>G</b>"}, // a string is not the number
		{"H", pass, []any{1}, "<b>F</b>"},
		{"I", &partialCache{}, []any{"person", "../../"}, "<b>I</b>"}, // a new pass
		{"J", nil, []any{"person", "../../"}, "<b>J</b>"},             // no pass
		{"K", nil, []any{"person", "../../"}, "<b>K</b>"},
	}
	for i, s := range steps {
		if got := render(s.title, s.cache, s.keys...); got != s.want {
			t.Errorf("step %d: %s with keys %v = %q, want %q", i, s.title, s.keys, got, s.want)
		}
	}
	if _, err := call("nope", &Page{partials: pass}); err == nil {
		t.Errorf("no error for a template that does not exist")
	}
	// A partial from another layer than the skeleton is never cached.
	uncached := partialCached(set, map[string]bool{"title": true})
	for _, title := range []string{"L", "M"} {
		got, err := uncached("title", &Page{Title: title, partials: pass}, "person", "../../")
		if want := "<b>" + title + "</b>"; err != nil || string(got) != want {
			t.Errorf("uncached partial for %s = %q, %v; want %q", title, got, err, want)
		}
	}
}

// TestXMLPlain checks the sitemap's shortcut against xml.EscapeText.
func TestXMLPlain(t *testing.T) {
	for _, s := range []string{"https://example.org/people/ana/", "/a b/", "a&b", "<", ">", "'", `"`, "\t", "\n", "\r", "\x01", "\x7f", "é", "\xff", "\uFFFD", "\uFFFE", "\uFFFF", "\U0001F642", ""} {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		if got, want := xmlPlain(s), b.String() == s; got != want {
			t.Errorf("xmlPlain(%q) = %v, but EscapeText gives %q", s, got, b.String())
		}
	}
}

// TestEscapeText holds the fragments' escaping to html/template's, for text.
func TestEscapeText(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<p>{{.}}</p><a title="{{.}}">`))
	for _, s := range []string{"plain", "a + b", `"q"`, "it's", "<b>&amp;</b>", "nul\x00", "Zoë + 李", ""} {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		got := "<p>" + escapeText(s) + `</p><a title="` + escapeText(s) + `">`
		if got != want.String() {
			t.Errorf("escapeText(%q) gives %s, html/template %s", s, got, want.String())
		}
	}
}

// TestBadgesOfAnOddScale names each level of a scale that starts at 1 and
// skips levels on its badge.
func TestBadgesOfAnOddScale(t *testing.T) {
	badges := newLevelBadges([]model.Level{{Level: 1, Name: "Starting"}, {Level: 3, Name: "Solid"}, {Level: 5, Name: "Leading"}})
	for level, name := range map[int]string{1: "Starting", 3: "Solid", 5: "Leading"} {
		if got := badges.of(level, true); !strings.Contains(string(got), name) {
			t.Errorf("badge of level %d: %q, want %s", level, got, name)
		}
	}
	if got := badges.of(0, false); strings.Contains(string(got), "Starting") {
		t.Errorf("badge of no level: %q", got)
	}
}

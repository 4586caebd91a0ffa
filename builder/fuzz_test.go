package builder

import (
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"portal/builder/content"
	"portal/builder/markdown"
)

// The fuzz tests run in CI for a short, fixed time each (see .ci/run); run one
// for longer with, for example:
//
//	go test ./builder -run '^$' -fuzz FuzzAssessment -fuzztime 10m

// fuzzSite is a site the assessment fuzzer adds one cycle file to.
func fuzzSite(cycle []byte) fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"site.toml":                     file("title = \"F\"\n[[scale]]\nlevel = 0\nname = \"a\"\n[[scale]]\nlevel = 1\nname = \"b\"\n" + openTail),
		"content/competencies/c/x.md":   file("+++\ntitle = \"X\"\n+++\n"),
		"content/teams/t.toml":          file("name = \"T\"\n"),
		"content/roles/r.md":            file("+++\ntitle = \"R\"\n[targets]\nx = 1\n+++\n"),
		"content/people/p.toml":         file("name = \"P\"\nteam = \"t\"\nrole = \"r\"\n"),
		"content/assessments/fuzz.toml": {Data: cycle},
	}
}

// FuzzAssessment loads a site with an arbitrary assessment file: it never
// panics, every problem is located in a file of the site with a sane line and
// column, and a site without errors has levels only from the scale.
func FuzzAssessment(f *testing.F) {
	for _, s := range []string{
		"date = 2025-01-01\n[ratings.p]\nx = 1\n",
		"date = 2025-01-01\nkind = \"self\"\n[ratings.p]\nx = 3\n",
		"title = \"t\"\ndate = 2025-01-01\n[ratings]\np = { x = 0 }\n",
		"date = 2025-01-01\nratings.p.x = 1\n",
		"date = \"soon\"\n[ratings.q]\ny = -1\n",
		"[ratings.p]\nx = 1.5\n",
		"date = 2025-01-01\n[ratings.p]\n\"x\" = 1\n[ratings.\"p\"]\n",
		"\xff\xfe",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, cycle []byte) {
		fsys := fuzzSite(cycle)
		s, err := Load(fsys, Options{})
		if err != nil {
			lines := strings.Count(string(cycle), "\n") + 1
			for _, d := range err.(content.Diagnostics) {
				if _, ok := fsys[d.Path]; !ok {
					t.Fatalf("diagnostic for a file not in the site: %s", d)
				}
				if d.Path == "content/assessments/fuzz.toml" && (d.Line < 0 || d.Line > lines+1 || d.Col < 0) {
					t.Fatalf("position out of the file (%d lines): %s", lines, d)
				}
				if !utf8.ValidString(d.Msg) && utf8.Valid(cycle) {
					t.Fatalf("message not UTF-8: %q", d.Msg)
				}
			}
			return
		}
		for _, p := range s.People {
			for _, st := range p.Standings {
				if st.HasCurrent && st.Current != 0 && st.Current != 1 {
					t.Fatalf("level %d not on the scale was accepted", st.Current)
				}
			}
		}
	})
}

// FuzzRewriteLinks renders arbitrary markdown with links against a small set
// of content files: it never panics, every link left pointing at a content
// file is rewritten to a relative page URL, and problems are located inside
// the body.
func FuzzRewriteLinks(f *testing.F) {
	for _, s := range []string{
		"[a](other.md)",
		"[a](other.md#part)",
		"[a](#here)\n\n## Here",
		"[a](../people/p.toml) [b](missing.md) [c](https://example.com/x.md)",
		"[![img](x.png)](other.md)",
		"[a](<other.md>)",
		"[](other.md)",
		"[a](draft.md) and [b]: other.md\n\n[b][]",
		"<other.md>",
		"[a](./other.md \"title\")",
		"[a](/abs.md) [b](?q) [c](javascript:alert(1))",
		"[a](other.md?x=1#part) [b](other.md%23part) [c](./other.MD) [d](oth%65r.md) [e](%zz.md)",
		"[a](other.md?#) [b](other.md#?x) [c](..%2Fpeople%2Fp.toml)",
	} {
		f.Add(s)
	}
	md := markdown.New(false)
	targets := map[string]markdown.Target{
		"content/articles/other.md": {URL: "articles/other/", IDs: map[string]bool{"part": true}},
		"content/articles/draft.md": {Draft: true},
		"content/people/p.toml":     {URL: "people/p/"},
	}
	f.Fuzz(func(t *testing.T, src string) {
		b := &markdown.Body{Source: "content/articles/this.md", PageURL: "articles/this/", Src: []byte(src), Line: 5}
		markdown.Parse(md, b)
		var r content.Report
		markdown.RewriteLinks(b, targets, &r)
		if _, err := markdown.Render(md, b); err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(src, "\n") + 1
		for _, d := range r.List {
			if d.Line < 5 || d.Line > 5+lines || d.Col < 1 {
				t.Fatalf("position outside the body: %s", d)
			}
		}
		ast.Walk(b.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if l, ok := n.(*ast.Link); ok && entering {
				d := string(l.Destination)
				file, _, _ := strings.Cut(d, "#")
				// Links from the site root are left as they are, by design.
				if !markdown.IsExternal(d) && file != "" && !strings.HasPrefix(file, "/") && path.Join("content/articles", file) == "content/articles/other.md" {
					t.Fatalf("link to a content file left as %q", d)
				}
			}
			return ast.WalkContinue, nil
		})
	})
}

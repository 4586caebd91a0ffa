package builder

import (
	"fmt"
	"math/rand/v2"
	"path"
	"portal/builder/content"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark/ast"
)

// The fuzz tests run in CI for a short, fixed time each (see .ci/run); run one
// for longer with, for example:
//
//	go test ./builder -run '^$' -fuzz FuzzSplitFrontMatter -fuzztime 10m

// FuzzSplitFrontMatter checks that splitting never panics, that the body is
// a suffix of the input, and that the body's line number counts the lines
// before it.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"x\"\n+++\nbody\n",
		"---\ntitle: x\n---\nbody",
		"+++\r\ntitle = 1\r\n+++\r\n",
		"\xef\xbb\xbf+++\n+++\n",
		"+++\nnever closed",
		"+++",
		"---\n---",
		"no front matter",
		"",
		"+++ \n+++\t\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		format, fm, _, body, bodyLine, err := content.SplitFrontMatter(src)
		if err != nil {
			if format == "" {
				t.Fatalf("error without an opening delimiter: %v", err)
			}
			return
		}
		trimmed := strings.TrimPrefix(string(src), "\xef\xbb\xbf")
		if !strings.HasSuffix(trimmed, string(body)) {
			t.Fatalf("body %q is not the end of the input", body)
		}
		if format == "" {
			if bodyLine != 1 || len(fm) != 0 {
				t.Fatalf("no front matter but line %d, fm %q", bodyLine, fm)
			}
			return
		}
		before := trimmed[:len(trimmed)-len(body)]
		if want := strings.Count(before, "\n") + 1; bodyLine != want && len(body) > 0 {
			t.Fatalf("body line %d, want %d", bodyLine, want)
		}
		if !strings.Contains(trimmed, string(fm)) {
			t.Fatalf("front matter %q not in the input", fm)
		}
	})
}

// fuzzSite is a site the assessment fuzzer adds one cycle file to.
func fuzzSite(cycle []byte) fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"site.toml":                     file("title = \"F\"\n[[scale]]\nlevel = 0\nname = \"a\"\n[[scale]]\nlevel = 1\nname = \"b\"\n"),
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
	} {
		f.Add(s)
	}
	md := newMarkdown(false)
	targets := map[string]linkTarget{
		"content/articles/other.md": {url: "articles/other/", ids: map[string]bool{"part": true}},
		"content/articles/draft.md": {draft: true},
		"content/people/p.toml":     {url: "people/p/"},
	}
	f.Fuzz(func(t *testing.T, src string) {
		b := &body{source: "content/articles/this.md", pageURL: "articles/this/", src: []byte(src), line: 5}
		parseBody(md, b)
		var r content.Report
		rewriteLinks(b, targets, &r)
		if _, err := renderBody(md, b); err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(src, "\n") + 1
		for _, d := range r.List {
			if d.Line < 5 || d.Line > 5+lines || d.Col < 1 {
				t.Fatalf("position outside the body: %s", d)
			}
		}
		ast.Walk(b.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if l, ok := n.(*ast.Link); ok && entering {
				d := string(l.Destination)
				file, _, _ := strings.Cut(d, "#")
				// Links from the site root are left as they are, by design.
				if !isExternal(d) && file != "" && !strings.HasPrefix(file, "/") && path.Join("content/articles", file) == "content/articles/other.md" {
					t.Fatalf("link to a content file left as %q", d)
				}
			}
			return ast.WalkContinue, nil
		})
	})
}

// FuzzSimpleTOML checks the fast decoder against the full one: whenever the
// fast one accepts a document, the full one gives the same values.
func FuzzSimpleTOML(f *testing.F) {
	for _, s := range []string{
		"title = \"2025 H1\"\ndate = 2025-06-30\nkind = \"manager\"\n\n[ratings.ana]\nvision = 2\ncoaching = 3 # up\n",
		"name = \"O'Neil \\\"Q\\\"\"\nteam = \"ops\"\n",
		"a = true\nb = false\nc = -12\nd = +3\n",
		"[a]\nx = 1\n[a.b]\ny = 2\n",
		"[a.b]\ny = 2\n[a]\nx = 1\n",
		"x = 1\nx = 2\n",
		"[t]\n[t]\n",
		"s = \"tab\\there\"\n",
		"n = 007\n",
		"d = 2025-02-30\n",
		"k = \"unterminated\n",
		"\"quoted\" = 1\n",
		"a.b = 1\n",
		"arr = [1, 2]\n",
		"x = 1_000\n",
		"[ratings.ana]\nvision = 2\n[ratings.ben]\nvision = 1\nvision = 3\n",
		"[ratings.ana]\nx = 1\n[ratings.ana]\ny = 2\n",
		"[ratings.ana]\nx = 1\n[ratings.ana.b]\ny = 2\n",
		"[ratings]\nx = 1\n[ratings.ana]\ny = 2\n",
		"[ratings.ana]\ny = 2\n[ratings]\nx = 1\n",
		"ratings = 1\n[ratings.ana]\ny = 2\n",
		"[a.b]\nx = 1\n[a.c]\n[a.d]\ny = 2\nz = \"q\"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// Plain, and with the tables under "ratings" (and under "a", which
		// the seeds use more) as flat tables.
		for _, flat := range []string{"", "ratings", "a"} {
			fast, ok := content.DecodeSimpleTOML([]byte(src), flat)
			if !ok {
				continue
			}
			if flat != "" {
				if parent, isMap := fast[flat].(map[string]any); isMap {
					for k, v := range parent {
						if ft, isFlat := v.(*content.FlatTable); isFlat {
							parent[k] = ft.AsMap()
						}
					}
				}
			}
			var full map[string]any
			if _, err := toml.Decode(src, &full); err != nil {
				t.Fatalf("fast decoder (flat %q) accepted what TOML refuses (%v):\n%s", flat, err, src)
			}
			if !reflect.DeepEqual(fast, full) {
				t.Fatalf("decoders differ (flat %q) on\n%s\nfast: %#v\nfull: %#v", flat, src, fast, full)
			}
		}
	})
}

// TestPatchFlatTable makes random edits to a small cycle file and checks what
// patchFlatTable says of each against decoding both files whole: when it
// names a table, that table is the one in the new file and every other table
// is as it was; when it names none, the two files decode the same.
func TestPatchFlatTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	small := "title = \"H1\"\ndate = 2025-06-30\n\n[ratings.ana]\nvision = 2\ncoaching = 3 # up\n\n[ratings.ben]\nvision = 1\n# no coaching yet\n[ratings.cy]\ncoaching = 4\nvision = 0\n"
	// And one of some 60 KB, so that the comparison goes by whole blocks.
	var large strings.Builder
	large.WriteString(small)
	for i := range 500 {
		fmt.Fprintf(&large, "\n[ratings.p%d]\nvision = %d\ncoaching = %d\nfeedback = %d\n# note %d\ndelegation = 1\n", i, i%5, (i+1)%5, (i+2)%5, i)
	}
	lines := []string{"vision = 1", "coaching = 2", "feedback = 3", "# a comment", "", "[ratings.dee]", "[ratings.ana]", "title = \"H2\"", "vision = \"x\"", "  delegation = 4  ", "[ratings.ana.x]", "bad line", "vision = 1\r"}
	patched := 0
	for i := range 3000 {
		old := small
		if i%2 == 1 {
			old = large.String()
		}
		if rng.IntN(3) == 0 {
			old = strings.ReplaceAll(old, "\n", "\r\n")
		}
		cur := strings.Split(old, "\n")
		for range 1 + rng.IntN(2) {
			i := rng.IntN(len(cur))
			switch rng.IntN(3) {
			case 0:
				cur[i] = lines[rng.IntN(len(lines))]
			case 1:
				cur = slices.Insert(cur, i, lines[rng.IntN(len(lines))])
			case 2:
				cur = slices.Delete(cur, i, i+1)
			}
		}
		curSrc := strings.Join(cur, "\n")
		name, table, ok := content.PatchFlatTable([]byte(old), []byte(curSrc), "ratings")
		if !ok {
			continue
		}
		before, okBefore := content.DecodeSimpleTOML([]byte(old), "ratings")
		after, okAfter := content.DecodeSimpleTOML([]byte(curSrc), "ratings")
		if !okBefore {
			t.Fatalf("the base file does not decode:\n%s", old)
		}
		if !okAfter {
			t.Fatalf("patched %q, but the new file does not decode:\n%s", name, curSrc)
		}
		flatten(before)
		flatten(after)
		if name == "" {
			if !reflect.DeepEqual(before, after) {
				t.Fatalf("no table named, but the files differ:\n%s\n---\n%s", old, curSrc)
			}
			continue
		}
		patched++
		if got, want := table.AsMap(), after["ratings"].(map[string]any)[name]; !reflect.DeepEqual(got, want) {
			t.Fatalf("table %s = %v, want %v, in\n%s", name, got, want, curSrc)
		}
		before["ratings"].(map[string]any)[name] = after["ratings"].(map[string]any)[name]
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("patched %s, but more changed:\n%s\n---\n%s", name, old, curSrc)
		}
	}
	if patched < 300 {
		t.Errorf("only %d of 3000 edits were patched", patched)
	}
	t.Logf("%d of 3000 edits patched", patched)
}

// flatten turns the flat tables of a decoded cycle into maps.
func flatten(m map[string]any) {
	if parent, ok := m["ratings"].(map[string]any); ok {
		for k, v := range parent {
			if ft, ok := v.(*content.FlatTable); ok {
				parent[k] = ft.AsMap()
			}
		}
	}
}

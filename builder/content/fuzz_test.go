package content

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// The fuzz tests run in CI for a short, fixed time each (see .ci/run); run one
// for longer with, for example:
//
//	go test ./builder/content -run '^$' -fuzz FuzzSplitFrontMatter -fuzztime 10m

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
		format, fm, _, body, bodyLine, err := SplitFrontMatter(src)
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
			fast, ok := DecodeSimpleTOML([]byte(src), flat)
			if !ok {
				continue
			}
			if flat != "" {
				if parent, isMap := fast[flat].(map[string]any); isMap {
					for k, v := range parent {
						if ft, isFlat := v.(*FlatTable); isFlat {
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
		name, table, ok := PatchFlatTable([]byte(old), []byte(curSrc), "ratings")
		if !ok {
			continue
		}
		before, okBefore := DecodeSimpleTOML([]byte(old), "ratings")
		after, okAfter := DecodeSimpleTOML([]byte(curSrc), "ratings")
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
			if ft, ok := v.(*FlatTable); ok {
				parent[k] = ft.AsMap()
			}
		}
	}
}

// FuzzYAMLFrontMatter decodes arbitrary YAML front matter: it never panics,
// and a failure is a Diagnostic at a line of the block, or the first.
func FuzzYAMLFrontMatter(f *testing.F) {
	for _, s := range []string{
		"title: x\ncompetencies: [a, b]\n",
		"a: &a [1, 2]\nb: *a\n",
		"a: [[[[[[1]]]]]]\n",
		"a:\n  b:\n    c: {d: e}\n",
		"date: 2025-01-01\nlevel: 3\ndraft: true\n",
		"title: \"a: b\"\n",
		"- a\n- b\n",
		"a: 1\na: 2\n",
		"\tbad: indent\n",
		"? [complex]\n: key\n",
		"a: !!binary aGVsbG8=\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, d := ParseDocument("content/articles/x.md", []byte("---\n"+src+"\n---\nBody.\n"))
		if d != nil {
			// YAML ends lines at "\r" too.
			lines := strings.Count(src, "\n") + strings.Count(src, "\r") + 4
			if d.Line < 1 || d.Line > lines {
				t.Fatalf("error at line %d of a %d-line file: %s", d.Line, lines, d)
			}
			return
		}
		if doc == nil || doc.Meta == nil {
			t.Fatal("no error and no front matter")
		}
	})
}

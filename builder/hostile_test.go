package builder

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// hostile is one careless or hostile change to the golden site, with the
// error it must give: those of the corpus in testdata/hostile, and those
// generated here at their size.
type hostile struct {
	name  string
	files map[string]string
	want  string // in the errors, with its position
}

func hostileCases() []hostile {
	var unknown strings.Builder
	unknown.WriteString("title = \"Everyone\"\ndate = 2026-01-01\nkind = \"peer\"\n")
	for i := range 16000 {
		fmt.Fprintf(&unknown, "[ratings.nobody-%d]\nvision = 1\n", i)
	}

	var scale strings.Builder
	scale.WriteString("title = \"Levels\"\n")
	for i := range 5000 {
		fmt.Fprintf(&scale, "[[scale]]\nlevel = %d\nname = \"L%d\"\n", i, i)
	}

	var headings strings.Builder
	headings.WriteString("+++\ntitle = \"Notes\"\ndate = 2025-01-01\ncompetencies = [\"vision\"]\n+++\n")
	for range 20000 {
		headings.WriteString("## Notes\n\n")
	}
	headings.WriteString("[last](#notes-19999)\n[missing](#notes-20000)\n")

	return []hostile{
		{"toml nested arrays", map[string]string{"content/teams/deep.toml": "name = \"Deep\"\nx = " + strings.Repeat("[", 2_000_000) + "\n"},
			"content/teams/deep.toml:2:105: invalid TOML: arrays and inline tables nested more than 100 deep"},
		{"toml nested inline tables", map[string]string{"content/teams/deep.toml": "name = \"Deep\"\nx = " + strings.Repeat("{a=", 20000) + "1" + strings.Repeat("}", 20000) + "\n"},
			"content/teams/deep.toml:2:305: invalid TOML: arrays and inline tables nested more than 100 deep"},
		{"front matter nested arrays", map[string]string{"content/articles/deep.md": "+++\ntitle = \"Deep\"\nx = " + strings.Repeat("[", 2_000_000) + "\n+++\n"},
			"content/articles/deep.md:3:105: invalid TOML: arrays and inline tables nested more than 100 deep"},
		{"yaml nested lists", map[string]string{"content/articles/deep.md": "---\ntitle: Deep\nx: " + strings.Repeat("[", 2_000_000) + "\n---\n"},
			"content/articles/deep.md:"},
		{"5,000 scale levels", map[string]string{"site.toml": scale.String()},
			"site.toml:306:9: scale level 101 is out of range"},
		{"16,000 unknown people", map[string]string{"content/assessments/everyone.toml": unknown.String()},
			"content/assessments/everyone.toml:32002:1: unknown person \"nobody-15999\""},
		{"20,000 headings of the same text", map[string]string{"content/articles/notes.md": headings.String()},
			"content/articles/notes.md:40007:1: broken link \"#notes-20000\": no heading with id \"notes-20000\" on this page"},
	}
}

// corpusCases are the hostile changes of testdata/hostile: one txtar
// archive each, its "want" the error it must give and its other files laid
// over the golden site.
func corpusCases(t *testing.T) []hostile {
	names, err := filepath.Glob("testdata/hostile/*.txtar")
	if err != nil || len(names) == 0 {
		t.Fatalf("no hostile corpus: %v", err)
	}
	var cases []hostile
	for _, name := range names {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		c := hostile{name: strings.TrimSuffix(filepath.Base(name), ".txtar"), files: map[string]string{}}
		for _, f := range a.Files {
			if f.Name == "want" {
				c.want = strings.TrimSpace(string(f.Data))
			} else {
				c.files[f.Name] = string(f.Data)
			}
		}
		if c.want == "" {
			t.Fatalf("%s: no want", name)
		}
		cases = append(cases, c)
	}
	return cases
}

// TestHostile builds the golden site with each hostile change: each gives
// its error with its position, no panic, in bounded time and memory. The
// bounds are generous (10 s, 500 MB allocated): they catch a blow-up, as
// each case took minutes or gigabytes before it was handled, not noise.
func TestHostile(t *testing.T) {
	for _, c := range append(corpusCases(t), hostileCases()...) {
		t.Run(strings.ReplaceAll(c.name, " ", "-"), func(t *testing.T) {
			fsys := txtarFS(t, "testdata/golden/site.txt")
			for name, data := range c.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, _, err := Build(fsys, Options{})
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			var diags Diagnostics
			if !errors.As(err, &diags) {
				t.Fatalf("Build = %v, want diagnostics", err)
			}
			if !strings.Contains(diags.Error(), c.want) {
				msg := diags.Error()
				if len(msg) > 2000 {
					msg = msg[:2000] + "..."
				}
				t.Errorf("errors:\n%s\nwant one holding %q", msg, c.want)
			}
			if took > 10*time.Second {
				t.Errorf("took %v", took)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 500<<20 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
		})
	}
}

// TestBaseURLRefused loads the golden site with baseURLs that would publish
// a password, break every address added to them or leave the site: each
// is refused with its reason; the good ones load.
func TestBaseURLRefused(t *testing.T) {
	for base, want := range map[string]string{
		"https://example.org/skills/":       "",
		"https://example.org/a%20b/":        "",
		"http://example.org":                "",
		"https://example.org/skills/?x=1":   "must not have a query",
		"https://example.org/skills/?":      "must not have a query",
		"https://example.org/skills/#top":   "must not have a query (?) or a fragment",
		"https://example.org/skills/../x/":  "must not hold . or .. in its path",
		"https://example.org/a b/":          "must not hold spaces",
		"https://user:pass@example.org/":    "must not hold a user name or password",
		"intranet/skills":                   "must be an absolute http or https URL",
		"javascript:alert(1)//example.org/": "must be an absolute http or https URL",
	} {
		_, err := Load(txtarFS(t, "testdata/golden/site.txt"), Options{BaseURL: base})
		switch {
		case want == "" && err != nil:
			t.Errorf("baseURL %q: %v", base, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("baseURL %q: got %v, want %q", base, err, want)
		}
	}
}

// TestStaticReplacesNoPage gives a site static files at the paths of
// files the build makes: each is refused, rather than replacing them.
func TestStaticReplacesNoPage(t *testing.T) {
	for _, name := range []string{"people/ana/index.html", "sitemap.xml", "articles/index.xml", "index.html", "404.html", "search/index.json"} {
		fsys := txtarFS(t, "testdata/golden/site.txt")
		fsys["static/"+name] = &fstest.MapFile{Data: []byte("mine")}
		_, _, err := Build(fsys, Options{})
		if err == nil || !strings.Contains(err.Error(), "static/"+name+": the build makes a file at "+name) {
			t.Errorf("static/%s: got %v", name, err)
		}
	}
	fsys := txtarFS(t, "testdata/golden/site.txt")
	fsys["static/people/nobody/index.html"] = &fstest.MapFile{Data: []byte("mine")}
	if _, out, err := Build(fsys, Options{}); err != nil || string(out.Files["people/nobody/index.html"]) != "mine" {
		t.Errorf("a static page at a free path: %v", err)
	}
}

// TestOddNumbers rates and targets with whole numbers written in another
// base or with underscores: refused, so that a level is written one way.
func TestOddNumbers(t *testing.T) {
	for file, data := range map[string]string{
		"content/assessments/odd.toml":    "title = \"Odd\"\ndate = 2026-02-01\nkind = \"self\"\n[ratings.ana]\nvision = 0x1\n",
		"content/roles/odd.md":            "+++\ntitle = \"Odd\"\n[targets]\nvision = 0b10\n+++\n",
		"content/teams/odd.toml":          "name = \"Odd\"\nsize = 1_000\n",
		"content/assessments/inline.toml": "title = \"Odd\"\ndate = 2026-02-02\nkind = \"peer\"\nratings.ana = { vision = 0x2 }\n",
	} {
		fsys := txtarFS(t, "testdata/golden/site.txt")
		fsys[file] = &fstest.MapFile{Data: []byte(data)}
		_, err := Load(fsys, Options{})
		if err == nil || !strings.Contains(err.Error(), file+":") || !strings.Contains(err.Error(), "write whole numbers in plain digits") {
			t.Errorf("%s: got %v", file, err)
		}
	}
}

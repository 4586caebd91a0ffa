package builder

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// hostile is one careless or hostile change to the golden site, with the
// error it must give. Each is generated here, the large ones at their size.
type hostile struct {
	name  string
	files map[string]string
	want  string // in the errors, with its position
}

func hostileCases() []hostile {
	// Nine levels of aliases, each a list of nine of the one before: 9^9
	// strings once expanded.
	var bomb strings.Builder
	bomb.WriteString("---\ntitle: Bomb\ndate: 2025-01-01\n")
	bomb.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for _, n := range "bcdefghi" {
		name := string(n)
		fmt.Fprintf(&bomb, "%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n", name, name, prev, prev, prev, prev, prev, prev, prev, prev, prev)
		prev = name
	}
	bomb.WriteString("competencies: [*i]\n---\nBody.\n")

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
		{"yaml aliases", map[string]string{"content/articles/bomb.md": bomb.String()},
			"content/articles/bomb.md:5:8: invalid YAML: aliases (*a) are not allowed in front matter"},
		{"toml nested arrays", map[string]string{"content/teams/deep.toml": "name = \"Deep\"\nx = " + strings.Repeat("[", 2_000_000) + "\n"},
			"content/teams/deep.toml:2:105: invalid TOML: arrays and inline tables nested more than 100 deep"},
		{"toml nested inline tables", map[string]string{"content/teams/deep.toml": "name = \"Deep\"\nx = " + strings.Repeat("{a=", 20000) + "1" + strings.Repeat("}", 20000) + "\n"},
			"content/teams/deep.toml:2:305: invalid TOML: arrays and inline tables nested more than 100 deep"},
		{"front matter nested arrays", map[string]string{"content/articles/deep.md": "+++\ntitle = \"Deep\"\nx = " + strings.Repeat("[", 2_000_000) + "\n+++\n"},
			"content/articles/deep.md:3:105: invalid TOML: arrays and inline tables nested more than 100 deep"},
		{"yaml nested lists", map[string]string{"content/articles/deep.md": "---\ntitle: Deep\nx: " + strings.Repeat("[", 2_000_000) + "\n---\n"},
			"content/articles/deep.md:"},
		{"scale level too large", map[string]string{"site.toml": "title = \"x\"\n[[scale]]\nlevel = 0\nname = \"a\"\n[[scale]]\nlevel = 9223372036854775807\nname = \"b\"\n"},
			"site.toml:6:9: scale level 9223372036854775807 is out of range: levels run from -100 to 100"},
		{"scale level too small", map[string]string{"site.toml": "title = \"x\"\n[[scale]]\nlevel = -9223372036854775808\nname = \"a\"\n"},
			"site.toml:3:9: scale level -9223372036854775808 is out of range"},
		{"scale level of five billion", map[string]string{"site.toml": "title = \"x\"\n[[scale]]\nlevel = 5000000000\nname = \"a\"\n"},
			"site.toml:3:9: scale level 5000000000 is out of range"},
		{"5,000 scale levels", map[string]string{"site.toml": scale.String()},
			"site.toml:306:9: scale level 101 is out of range"},
		{"16,000 unknown people", map[string]string{"content/assessments/everyone.toml": unknown.String()},
			"content/assessments/everyone.toml:32002:1: unknown person \"nobody-15999\""},
		{"20,000 headings of the same text", map[string]string{"content/articles/notes.md": headings.String()},
			"content/articles/notes.md:40007:1: broken link \"#notes-20000\": no heading with id \"notes-20000\" on this page"},
		{"a partial calling itself", map[string]string{"layouts/partials/header.html": `{{define "header"}}{{partialCached "header" . .Kind}}{{end}}`},
			"partials nested more than 32 deep; does it call itself?"},
		{"a level key written 01", map[string]string{"content/competencies/lead/odd.md": "+++\ntitle = \"Odd\"\n[levels]\n01 = \"x\"\n+++\n"},
			`content/competencies/lead/odd.md:4:1: levels keys are scale level numbers, not "01"`},
	}
}

// TestHostile builds the golden site with each hostile change: each gives
// its error with its position, no panic, in bounded time and memory. The
// bounds are generous (10 s, 500 MB allocated): they catch a blow-up, as
// each case took minutes or gigabytes before it was handled, not noise.
func TestHostile(t *testing.T) {
	for _, c := range hostileCases() {
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

// TestTimeOfDayIsNoDate gives an article a TOML time of day as its date:
// refused, rather than shown as 1 January 0000.
func TestTimeOfDayIsNoDate(t *testing.T) {
	fsys := txtarFS(t, "testdata/golden/site.txt")
	fsys["content/articles/clock.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Clock\"\ndate = 10:00:00\ncompetencies = [\"vision\"]\n+++\nText.\n")}
	_, err := Load(fsys, Options{})
	if err == nil || !strings.Contains(err.Error(), "content/articles/clock.md:3:8: date must be a date such as 2025-06-30, not a time of day") {
		t.Errorf("got %v", err)
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
		"content/assessments/odd.toml": "title = \"Odd\"\ndate = 2026-02-01\nkind = \"self\"\n[ratings.ana]\nvision = 0x1\n",
		"content/roles/odd.md":         "+++\ntitle = \"Odd\"\n[targets]\nvision = 0b10\n+++\n",
		"content/teams/odd.toml":       "name = \"Odd\"\nsize = 1_000\n",
	} {
		fsys := txtarFS(t, "testdata/golden/site.txt")
		fsys[file] = &fstest.MapFile{Data: []byte(data)}
		_, err := Load(fsys, Options{})
		if err == nil || !strings.Contains(err.Error(), file+":") || !strings.Contains(err.Error(), "write whole numbers in plain digits") {
			t.Errorf("%s: got %v", file, err)
		}
	}
}

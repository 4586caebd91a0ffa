package builder

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"portal/builder/content"
)

// TestListingFollowsFiles checks that a build after files came or went
// lists the content files as a walk of the folders does, and walks them only
// when it must: for a folder that came or went, or a file the listing has
// something to say about.
func TestListingFollowsFiles(t *testing.T) {
	dir, b := builtDemo(t)
	write := func(name, data string) func() {
		return func() { writeTestFile(t, filepath.Join(dir, name), data) }
	}
	remove := func(name string) func() {
		return func() {
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	article := "+++\ntitle = \"Notes on pacing\"\ndate = 2026-03-01\ncompetencies = [\"resilience\"]\n+++\n\nTake breaks before you need them.\n"
	competency := "+++\ntitle = \"Negotiation\"\n\n[levels]\n1 = \"Knows what they want from a deal.\"\n+++\n\nGetting to an agreement both sides keep.\n"
	steps := []struct {
		what    string
		changed []string
		do      func()
		walk    bool
	}{
		{"a person added", []string{"content/people/zara-newcomer.toml"},
			write("content/people/zara-newcomer.toml", "name = \"Zara Newcomer\"\nteam = \"customer-operations\"\nrole = \"team-lead\"\n"), false},
		{"an article added", []string{"content/articles/notes-on-pacing.md"},
			write("content/articles/notes-on-pacing.md", article), false},
		{"a competency in a new category, its file named", []string{"content/competencies/commercial/negotiation.md"},
			write("content/competencies/commercial/negotiation.md", competency), false},
		{"a competency in a new category, its folder named", []string{"content/competencies/deals", "content/competencies/deals/closing.md"},
			write("content/competencies/deals/closing.md", competency), true},
		{"an editor's swap file", []string{"content/people/.zara-newcomer.toml.swp"},
			write("content/people/.zara-newcomer.toml.swp", "x"), false},
		{"a file with a bad name", []string{"content/people/Bad Name.toml"},
			write("content/people/Bad Name.toml", "name = \"Bad\"\n"), true},
		{"the file with a bad name removed", []string{"content/people/Bad Name.toml"},
			remove("content/people/Bad Name.toml"), true},
		{"a stray file", []string{"content/notes.txt"}, write("content/notes.txt", "ideas"), true},
		{"the article removed", []string{"content/articles/notes-on-pacing.md"},
			remove("content/articles/notes-on-pacing.md"), false},
		{"a category folder removed, its files unnamed", []string{"content/competencies/commercial"},
			remove("content/competencies/commercial"), true},
		{"the person removed", []string{"content/people/zara-newcomer.toml"},
			remove("content/people/zara-newcomer.toml"), false},
	}
	for _, st := range steps {
		st.do()
		walks := b.cache.walks
		sameAsFull(t, st.what, b, dir, st.changed)
		if walked := b.cache.walks > walks; walked != st.walk {
			t.Errorf("%s: walked the content folders %v, want %v", st.what, walked, st.walk)
		}
		if !slices.EqualFunc(b.cache.walked, fullListing(t, dir), func(a, b *entry) bool {
			return a.path == b.path && a.kind == b.kind && a.id == b.id && a.category == b.category
		}) {
			t.Errorf("%s: the listing kept differs from a walk's", st.what)
		}
	}
}

func fullListing(t *testing.T, dir string) []*entry {
	t.Helper()
	files, _ := content.Walk(os.DirFS(dir))
	entries := make([]*entry, len(files))
	for i, f := range files {
		entries[i] = &entry{path: f.Path, kind: f.Kind, id: f.ID, category: f.Category}
	}
	return entries
}

// TestWalkOrder checks that walkOrder sorts paths as fs.WalkDir lists them,
// names that sort before and after "/" included.
func TestWalkOrder(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a/x", "a-b/x", "a.b", "a0/x", "a/b/c", "a/b-c", "a/b/d", "_index.md", "b", "a/_index.md", "A/x"} {
		writeTestFile(t, filepath.Join(dir, name), "")
	}
	var want []string
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			want = append(want, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		got := slices.Clone(want)
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		slices.SortFunc(got, walkOrder)
		if !slices.Equal(got, want) {
			t.Fatalf("sorted %v, a walk lists %v", got, want)
		}
	}
}

// TestLinksFollowTargets checks that a body kept from the last build is
// rendered again when what one of its links points at came, went or lost
// the heading it names, as a full build would render it.
func TestLinksFollowTargets(t *testing.T) {
	dir, b := builtDemo(t)
	notes := "content/articles/notes-on-pacing.md"
	target := "content/articles/feedback-that-lands.md"
	saved, err := os.ReadFile(filepath.Join(dir, target))
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		what string
		file string
		do   func()
	}{
		{"an article with links added", notes, func() {
			writeTestFile(t, filepath.Join(dir, notes), "+++\ntitle = \"Notes on pacing\"\ndate = 2026-03-01\ncompetencies = [\"resilience\"]\n+++\n\n"+
				"Agree [how free](delegating-without-dumping.md#agree-the-level-of-freedom) the work is, and [say how it went](feedback-that-lands.md).\n")
		}},
		{"an article it links removed", target, func() { must(t, os.Remove(filepath.Join(dir, target)) == nil) }},
		{"the article back", target, func() { writeTestFile(t, filepath.Join(dir, target), string(saved)) }},
		{"the heading it links renamed", "content/articles/delegating-without-dumping.md", func() {
			must(t, substitute(dir, "content/articles/delegating-without-dumping.md", `## Agree the level of freedom`, "## Agree how much freedom"))
		}},
		{"the heading back", "content/articles/delegating-without-dumping.md", func() {
			must(t, substitute(dir, "content/articles/delegating-without-dumping.md", `## Agree how much freedom`, "## Agree the level of freedom"))
		}},
	}
	for _, st := range steps {
		st.do()
		sameAsFull(t, st.what, b, dir, []string{st.file})
	}
}

// TestThemeEdits edits a site's layouts and static files: the model is kept
// (no load), and every page is what a full build makes, errors included.
func TestThemeEdits(t *testing.T) {
	for _, later := range []bool{false, true} {
		dir := fixtureDir(t)
		b := NewBuilder(os.DirFS(dir), Options{Secret: &testSecret})
		if later {
			b.Now = func(u string) bool { return u == "people/amara-okafor/" }
		}
		if _, _, err := b.Build(nil); err != nil {
			t.Fatal(err)
		}
		layout, err := os.ReadFile("../themes/default/layouts/person.html")
		if err != nil {
			t.Fatal(err)
		}
		person := filepath.Join(dir, "layouts/person.html")
		steps := []struct {
			what string
			file string
			do   func()
			load bool
		}{
			{"a layout overridden", "layouts/person.html", func() {
				writeTestFile(t, person, strings.Replace(string(layout), "<h1>", `<h1 class="mine">`, 1))
			}, false},
			{"the layout broken", "layouts/person.html", func() {
				writeTestFile(t, person, strings.Replace(string(layout), "{{end}}", "", 1))
			}, false},
			{"the layout mended", "layouts/person.html", func() {
				writeTestFile(t, person, strings.Replace(string(layout), "<h1>", `<h1 class="theirs">`, 1))
			}, false},
			{"a static file added", "static/extra.css", func() {
				writeTestFile(t, filepath.Join(dir, "static/extra.css"), "body { margin: 0 }\n")
			}, false},
			{"a layout and a person's file", "", func() {
				writeTestFile(t, person, string(layout))
				must(t, substitute(dir, "content/people/amara-okafor.toml", `title = ".*"`, `title = "Chief of Staff"`))
			}, true},
			{"the layout removed", "layouts/person.html", func() { must(t, os.Remove(person) == nil) }, false},
		}
		for _, st := range steps {
			st.do()
			changed := []string{st.file}
			if st.file == "" {
				changed = []string{"layouts/person.html", "content/people/amara-okafor.toml"}
			}
			walks, inPlace := b.cache.walks, b.inPlace
			sameAsFull(t, st.what, b, dir, changed)
			if loaded := b.inPlace == inPlace; loaded != st.load && b.pending != nil && len(b.pending) == 0 {
				t.Errorf("%s (later %v): loaded the model %v, want %v", st.what, later, loaded, st.load)
			}
			if b.cache.walks != walks {
				t.Errorf("%s: walked the content folders", st.what)
			}
		}
	}
}

// TestSettingsEdits edits site.toml: the content files are not read again,
// people's standings are kept while the scale is as it was, markdown is
// rendered again when the markup setting changes, and every page is what a
// full build makes.
func TestSettingsEdits(t *testing.T) {
	dir, b := builtDemo(t)
	article := "content/articles/delegating-without-dumping.md"
	steps := []struct {
		what string
		do   func()
		kept bool // people's standings taken from the last build
	}{
		{"the title", func() {
			must(t, substitute(dir, "site.toml", `(?m)^title = ".*"`, `title = "Harbourline <Growth>"`))
		}, true},
		{"the base URL", func() {
			must(t, substitute(dir, "site.toml", `(?m)^baseURL = ".*"`, `baseURL = "https://skills.example.org/"`))
		}, true},
		{"the title, and a layout", func() {
			must(t, substitute(dir, "site.toml", `(?m)^title = ".*"`, `title = "Harbourline Growth"`))
			writeTestFile(t, filepath.Join(dir, "layouts/partials/footer.html"), `{{define "footer"}}<footer class="mine">{{.Site.Config.Title}}</footer>{{end}}`)
		}, true},
		{"a level's name", func() {
			must(t, substitute(dir, "site.toml", `name = "Skilled"`, `name = "Proficient"`))
		}, false},
		{"raw HTML in an article, then the markup setting", func() {
			must(t, substitute(dir, article, `(?m)^## `, "<aside class=\"tip\">Raw</aside>\n\n## "))
			must(t, substitute(dir, "site.toml", `\z`, "\n[markup]\nunsafe = true\n"))
		}, true},
		{"the markup setting back", func() {
			must(t, substitute(dir, "site.toml", `unsafe = true`, `unsafe = false`))
		}, true},
		{"a level removed", func() {
			must(t, substitute(dir, "site.toml", `(?s)\[\[scale\]\]\nlevel = 4\n.*?\n\n`, ""))
		}, false},
		{"the level back", func() {
			writeTestFile(t, filepath.Join(dir, "site.toml"), readTestFile(t, "../site.toml"))
		}, false},
	}
	for _, st := range steps {
		st.do()
		walks := b.cache.walks
		changed := []string{"site.toml"}
		if strings.Contains(st.what, "article") {
			changed = append(changed, article)
		}
		if strings.Contains(st.what, "layout") {
			changed = append(changed, "layouts/partials/footer.html")
		}
		sameAsFull(t, st.what, b, dir, changed)
		if b.cache.walks != walks {
			t.Errorf("%s: walked the content folders", st.what)
		}
		if b.pending == nil || len(b.pending) > 0 {
			continue // failed, as a full build does
		}
		kept := int(b.loader.deriver.Kept)
		if want := map[bool]int{true: len(b.site.People)}[st.kept]; kept != want {
			t.Errorf("%s: %d people's standings taken, want %d", st.what, kept, want)
		}
	}
}

func readTestFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

package gen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/builder"
	"portal/gen"

	"portal/internal/sitetest"
)

func small(t *testing.T) gen.Preset {
	t.Helper()
	p, ok := gen.Named("small")
	if !ok {
		t.Fatal(`no preset "small"`)
	}
	return p
}

func generate(t *testing.T, p gen.Preset, seed int64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := gen.Generate(dir, p, seed); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSameSeedSameFiles(t *testing.T) {
	p := small(t)
	a, b := sitetest.ReadTree(t, generate(t, p, 7)), sitetest.ReadTree(t, generate(t, p, 7))
	if len(a) != len(b) {
		t.Fatalf("first run wrote %d files, second %d", len(a), len(b))
	}
	for name, data := range a {
		if other, ok := b[name]; !ok {
			t.Errorf("%s: written only by the first run", name)
		} else if !bytes.Equal(data, other) {
			t.Errorf("%s: differs between runs", name)
		}
	}
}

func TestSeedsDiffer(t *testing.T) {
	p := small(t)
	a, b := sitetest.ReadTree(t, generate(t, p, 1)), sitetest.ReadTree(t, generate(t, p, 2))
	same := 0
	for _, name := range []string{"content/assessments/2025-h1.toml", "content/assessments/2025-h2.toml"} {
		if bytes.Equal(a[name], b[name]) {
			t.Errorf("%s: the same for seeds 1 and 2", name)
		}
	}
	for name, data := range a {
		if strings.HasPrefix(name, "content/articles/") && bytes.Equal(data, b[name]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d articles are the same for seeds 1 and 2", same)
	}
}

func TestSmallLoads(t *testing.T) {
	p := small(t)
	dir := generate(t, p, 1)
	site, err := builder.Load(os.DirFS(dir), builder.Options{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	for _, w := range site.Warnings {
		t.Errorf("warning: %v", w)
	}
	counts := []struct {
		what      string
		got, want int
	}{
		{"people", len(site.People), p.People},
		{"competencies", len(site.Competencies), p.Competencies},
		{"categories", len(site.Categories), p.Categories},
		{"teams", len(site.Teams), p.Teams},
		{"roles", len(site.Roles), p.Roles},
		{"articles", len(site.Articles), p.Articles},
		{"cycles", len(site.Cycles), p.ManagerCycles + p.SelfCycles},
	}
	for _, c := range counts {
		if c.got != c.want {
			t.Errorf("%d %s, want %d", c.got, c.what, c.want)
		}
	}

	managers := 0
	for _, c := range site.Cycles {
		if c.Kind != "manager" {
			continue
		}
		managers++
		rated := c.Ratings()
		if len(rated) != p.People {
			t.Errorf("%s rates %d people, want all %d", c.ID, len(rated), p.People)
		}
		for person, ratings := range rated {
			if n := len(ratings); n < p.RatedMin || n > p.RatedMax {
				t.Errorf("%s rates %s on %d competencies, want %d-%d", c.ID, person, n, p.RatedMin, p.RatedMax)
			}
		}
	}
	if managers != p.ManagerCycles {
		t.Errorf("%d manager cycles, want %d", managers, p.ManagerCycles)
	}
	if last := site.Cycles[len(site.Cycles)-1]; last.Kind != "self" {
		t.Errorf("the last cycle, %s, is a %s cycle; want the self cycle after the manager cycles", last.ID, last.Kind)
	}

	for _, a := range site.Articles {
		if a.Words < p.ArticleWordsMin || a.Words > p.ArticleWordsMax {
			t.Errorf("%s has %d words, want %d-%d", a.Source, a.Words, p.ArticleWordsMin, p.ArticleWordsMax)
		}
	}
	for _, r := range site.Roles {
		if n := len(r.Targets); n < 10 || n > 20 {
			t.Errorf("%s has %d targets, want 10-20", r.Source, n)
		}
	}
	for _, c := range site.Competencies {
		data, err := os.ReadFile(filepath.Join(dir, c.Source))
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := strings.Cut(string(data[3:]), "+++\n")
		if n := len(strings.Fields(body)); n < 150 || n > 300 {
			t.Errorf("%s has %d words, want 150-300", c.Source, n)
		}
	}
}

func TestArticleStructure(t *testing.T) {
	files := sitetest.ReadTree(t, generate(t, small(t), 3))
	checks := []struct {
		what string
		re   *regexp.Regexp
	}{
		{"a ## heading", regexp.MustCompile(`(?m)^## \S`)},
		{"a bullet list", regexp.MustCompile(`(?m)^- \S`)},
		{"a numbered list", regexp.MustCompile(`(?m)^1\. \S`)},
		{"a table", regexp.MustCompile(`(?m)^\| --- \|`)},
		{"a code block", regexp.MustCompile("(?m)^```[a-z]+\n")},
		{"bold text", regexp.MustCompile(`\*\*\S[^*]*\*\*`)},
		{"a link", regexp.MustCompile(`\]\((\.\./competencies/[a-z0-9-]+/)?[a-z0-9-]+\.md\)`)},
	}
	for name, data := range files {
		if !strings.HasPrefix(name, "content/articles/") {
			continue
		}
		for _, c := range checks {
			if !c.re.Match(data) {
				t.Errorf("%s has no %s", name, c.what)
			}
		}
	}
}

func TestGenerateRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := gen.Generate(dir, small(t), 1); err == nil {
		t.Fatal("Generate wrote into a folder that holds other files")
	}
}

func TestNames(t *testing.T) {
	for _, name := range gen.Names() {
		if _, ok := gen.Named(name); !ok {
			t.Errorf("Names lists %q, which Named does not know", name)
		}
	}
}

// TestWideShape checks that the wide preset makes a site shaped like the
// frameworks of organisations with many professions: 70 competencies in 14
// tracks, several tracks naming a competency alike, long names, a scale
// from 0 to 7, a ladder of roles per track, teams of 17 or more that mix
// tracks, people rated in 4 manager reviews, 2 self-assessments and a peer
// review, and a few never assessed.
func TestWideShape(t *testing.T) {
	p, ok := gen.Named("wide")
	if !ok {
		t.Fatal(`no preset "wide"`)
	}
	site, err := builder.Load(os.DirFS(generate(t, p, 1)), builder.Options{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	unassessed := 0
	for _, w := range site.Warnings {
		if strings.HasSuffix(w.Msg, "is not rated in any assessment cycle") {
			unassessed++
		} else {
			t.Errorf("warning: %v", w)
		}
	}
	if want := p.People / p.Unassessed; unassessed != want {
		t.Errorf("%d people never assessed, want %d", unassessed, want)
	}
	if len(site.Competencies) != 70 || len(site.Categories) != 14 {
		t.Errorf("%d competencies in %d categories, want 70 in 14", len(site.Competencies), len(site.Categories))
	}
	titles := map[string]int{}
	longest := 0
	for _, c := range site.Competencies {
		titles[c.Title]++
		longest = max(longest, len(c.Title))
	}
	for _, name := range []string{"Communication", "Impact", "Leadership"} {
		if titles[name] < 5 {
			t.Errorf("%s is the name of %d competencies, want 5 or more", name, titles[name])
		}
	}
	if longest < 50 {
		t.Errorf("the longest competency name has %d characters, want 50 or more", longest)
	}
	if lo, hi := site.Scale[0].Level, site.MaxLevel(); lo != 0 || hi != 7 || len(site.Scale) != 8 {
		t.Errorf("scale %d-%d with %d levels, want 0-7", lo, hi, len(site.Scale))
	}
	tops := 0
	for _, r := range site.Roles {
		if r.Track == "" {
			t.Errorf("%s is on no track", r.ID)
		}
		if r.Next == nil {
			tops++
		} else if r.Next.Track != r.Track {
			t.Errorf("%s leads to %s on another track", r.ID, r.Next.ID)
		}
	}
	if tops != 14 {
		t.Errorf("%d roles at the top of a ladder, want one per track, 14", tops)
	}
	for _, team := range site.Teams {
		tracks := map[string]bool{}
		for _, m := range team.Members {
			tracks[m.Role.Track] = true
		}
		if len(team.Members) < 17 || len(tracks) < 5 {
			t.Errorf("%s has %d members on %d tracks, want 17 or more on 5 or more", team.ID, len(team.Members), len(tracks))
		}
	}
	kinds := map[string]int{}
	for _, c := range site.Cycles {
		kinds[c.Kind]++
	}
	if kinds["manager"] != 4 || kinds["self"] != 2 || kinds["peer"] != 1 {
		t.Errorf("cycles by kind %v, want 4 manager, 2 self, 1 peer", kinds)
	}
	everyKind, peers := 0, 0
	for _, person := range site.People {
		if person.LastManager != nil && person.LastSelf != nil && person.LastPeer != nil {
			everyKind++
		}
		for _, st := range person.Standings {
			if st.Peers > 1 {
				peers++
				break
			}
		}
	}
	if everyKind < p.People/3 || peers < p.People/3 {
		t.Errorf("%d people rated in every kind of cycle and %d by several peers, want a third of %d or more", everyKind, peers, p.People)
	}
}

package builder

import (
	"os"
	"path/filepath"
	"testing"

	"portal/builder/model"
)

// TestPriorStandings checks which people's standings a load takes from the
// last build, and that the site it makes is the one a full build makes.
func TestPriorStandings(t *testing.T) {
	dir, b := builtDemo(t)
	newcomer := "content/people/zara-newcomer.toml"
	everyone := func(s *model.Site) int { return len(s.People) }
	steps := []struct {
		what string
		file string
		do   func()
		kept func(s *model.Site) int // how many people's standings are taken
	}{
		{"a person added", newcomer, func() {
			writeTestFile(t, filepath.Join(dir, newcomer), "name = \"Zara Newcomer\"\nteam = \"customer-operations\"\nrole = \"team-lead\"\n")
		}, func(s *model.Site) int { return len(s.People) - 1 }},
		{"an article redated", "content/articles/feedback-that-lands.md", func() {
			must(t, substitute(dir, "content/articles/feedback-that-lands.md", `date = \S+`, `date = 2026-11-01`))
		}, everyone},
		{"an article teaches more", "content/articles/delegating-without-dumping.md", func() {
			must(t, substitute(dir, "content/articles/delegating-without-dumping.md", `competencies = \[`, `competencies = ["resilience", `))
		}, everyone},
		// Ranks move: the standings are taken in the new order.
		{"a competency reordered", "content/competencies/management/budgeting-and-financial-planning.md", func() {
			must(t, substitute(dir, "content/competencies/management/budgeting-and-financial-planning.md", `order = \d+`, `order = 1`))
		}, everyone},
		// Another framework: nobody's are taken.
		{"a competency added", "content/competencies/management/negotiation.md", func() {
			writeTestFile(t, filepath.Join(dir, "content/competencies/management/negotiation.md"), "+++\ntitle = \"Negotiation\"\n+++\nReaching agreements.\n")
		}, func(*model.Site) int { return 0 }},
		{"the competency removed", "content/competencies/management/negotiation.md", func() {
			must(t, os.Remove(filepath.Join(dir, "content/competencies/management/negotiation.md")) == nil)
		}, func(*model.Site) int { return 0 }},
		// Retitled to sort first, the role goes through a load.
		{"a role's target changed, and its place", "content/roles/team-lead.md", func() {
			must(t, substitute(dir, "content/roles/team-lead.md", `title = ".*"\n`, "title = \"Aardvark Lead\"\n"))
			must(t, substitute(dir, "content/roles/team-lead.md", `(?m)^delegation = \d`, "delegation = 4"))
		}, func(s *model.Site) int { return len(s.People) - len(s.RoleByID["team-lead"].People) }},
		// A cycle checked again is another cycle: nobody's are taken.
		{"a cycle retitled", "content/assessments/2026-h1.toml", func() {
			must(t, substitute(dir, "content/assessments/2026-h1.toml", `title = ".*"`, `title = "First half, 2026"`))
		}, func(*model.Site) int { return 0 }},
		{"a person removed", newcomer, func() {
			os.Remove(filepath.Join(dir, newcomer))
		}, everyone},
	}
	for _, st := range steps {
		st.do()
		inPlace := b.inPlace
		sameAsFull(t, st.what, b, dir, []string{st.file})
		if b.pending == nil || len(b.pending) > 0 {
			t.Fatalf("%s: the build failed", st.what)
		}
		if b.inPlace != inPlace {
			t.Fatalf("%s: applied in place; the test needs a load", st.what)
		}
		kept := int(b.loader.deriver.Kept)
		if want := st.kept(b.site); kept != want {
			t.Errorf("%s: %d people's standings taken from the last build, want %d", st.what, kept, want)
		}
	}
}

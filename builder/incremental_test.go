package builder

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/internal/sitetest"
)

// copyDemo copies the demo portal's site.toml and content into a temp folder.
func copyDemo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	sitetest.Copy(t, "..", dir)
	return dir
}

// edit applies a regexp replacement to a file of the site, failing when it
// matches nothing, so that every edit is real.
func edit(t *testing.T, dir, file, pattern, repl string) {
	t.Helper()
	p := filepath.Join(dir, file)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(pattern)
	if !re.Match(data) {
		t.Fatalf("%s: no match for %q", file, pattern)
	}
	if err := os.WriteFile(p, re.ReplaceAll(data, []byte(repl)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalMatchesFull makes edits of every kind to a copy of the demo
// and, after each, builds incrementally and from scratch: the outputs must
// be byte-identical, and edits of one file must not render every page.
func TestIncrementalMatchesFull(t *testing.T) {
	dir := copyDemo(t)
	fsys := os.DirFS(dir)
	b := NewBuilder(fsys, Options{})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	edits := []struct {
		name    string
		file    string
		pattern string
		repl    string
		partial bool // renders fewer pages than all
	}{
		{"person renamed", "content/people/amara-okafor.toml", `name = "Amara Okafor"`, `name = "Amara Okafor-Ngozi"`, true},
		{"person changes team", "content/people/amara-okafor.toml", `team = "customer-operations"`, `team = "product-engineering"`, true},
		{"person changes role", "content/people/amara-okafor.toml", `role = "team-lead"`, `role = "people-manager"`, true},
		{"rating changed", "content/assessments/2026-h1.toml", `(?s)(\[ratings\.amara-okafor\].*?delegation = )\d`, `${1}4`, true},
		{"self rating changed", "content/assessments/2026-self.toml", `(?m)^(delegation = )\d`, `${1}0`, true},
		{"team renamed", "content/teams/finance-and-planning.toml", `name = ".*"`, `name = "Money & Plans"`, true},
		{"role target changed", "content/roles/team-lead.md", `(?m)^delegation = \d`, `delegation = 4`, true},
		{"role renamed", "content/roles/project-manager.md", `title = ".*"`, `title = "Programme Manager"`, true},
		{"article retitled", "content/articles/delegating-without-dumping.md", `title = ".*"`, `title = "Delegation, done properly"`, true},
		{"article teaches more", "content/articles/delegating-without-dumping.md", `competencies = \[`, `competencies = ["resilience", `, true},
		{"article redated", "content/articles/feedback-that-lands.md", `date = \S+`, `date = 2026-11-01`, true},
		{"article body", "content/articles/handling-conflict-early.md", `\.\s*$`, ". One more closing sentence.\n", true},
		{"article heading", "content/articles/handling-conflict-early.md", `(?m)^## `, `## Early `, false},
		{"home text", "content/_index.md", `(title = "Home"\n\+\+\+\n)`, "${1}New first line.\n\n", true},
		{"competency retitled", "content/competencies/management/delegation.md", `title = ".*"`, `title = "Delegating Well"`, false},
		{"competency reordered", "content/competencies/management/delegation.md", `order = \d+`, `order = 99`, false},
		{"article becomes draft", "content/articles/one-to-ones-that-matter.md", `\+\+\+\n`, "+++\ndraft = true\n", false},
	}
	for _, e := range edits {
		edit(t, dir, e.file, e.pattern, e.repl)
		_, inc, err := b.Build([]string{e.file})
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		_, full, err := Build(fsys, Options{})
		if err != nil {
			t.Fatalf("%s: full build: %v", e.name, err)
		}
		for _, p := range full.Paths() {
			if !bytes.Equal(inc.Files[p], full.Files[p]) {
				t.Errorf("%s: %s is stale:\n%s", e.name, p, firstDiff(string(full.Files[p]), string(inc.Files[p])))
			}
		}
		if len(inc.Files) != len(full.Files) {
			t.Errorf("%s: %d files, full build has %d", e.name, len(inc.Files), len(full.Files))
		}
		if e.partial && inc.Rendered >= inc.Pages {
			t.Errorf("%s: rendered all %d pages", e.name, inc.Pages)
		}
		t.Logf("%-24s rendered %2d of %d pages", e.name, inc.Rendered, inc.Pages)
	}
}

// TestIncrementalAfterError checks that a change made while the site was
// broken is not lost: the next good build renders it.
func TestIncrementalAfterError(t *testing.T) {
	dir := copyDemo(t)
	fsys := os.DirFS(dir)
	b := NewBuilder(fsys, Options{})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	edit(t, dir, "content/people/amara-okafor.toml", `name = "Amara Okafor"`, `name = "Amara Changed"`)
	edit(t, dir, "content/teams/product-engineering.toml", `name = "`, `name = "`+"\n")
	if _, _, err := b.Build([]string{"content/people/amara-okafor.toml", "content/teams/product-engineering.toml"}); err == nil {
		t.Fatal("broken team file built")
	}
	edit(t, dir, "content/teams/product-engineering.toml", `name = "\n`, `name = "`)
	_, out, err := b.Build([]string{"content/teams/product-engineering.toml"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out.Files["people/amara-okafor/index.html"]), "Amara Changed") {
		t.Errorf("the edit made while the site was broken was lost")
	}
}

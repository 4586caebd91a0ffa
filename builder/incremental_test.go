package builder

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"portal/builder/render"
)

// edit applies a regexp replacement to a file of the site, failing when it
// matches nothing, so that every edit is real.
// builtDemo writes the fixture site into a folder and builds it once with a
// new Builder.
func builtDemo(t *testing.T) (string, *Builder) {
	t.Helper()
	dir := fixtureDir(t)
	b := NewBuilder(os.DirFS(dir), Options{Secret: &testSecret})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	return dir, b
}

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

// fixtureEdits are edits of every kind to the fixture site: a file, a
// pattern in it and what replaces it.
var fixtureEdits = []struct {
	name    string
	file    string
	pattern string
	repl    string
	partial bool // renders fewer pages than all
}{
	{"person renamed", "content/people/amara-okafor.toml", `name = "Amara Okafor"`, `name = "Amara Okafor-Ngozi"`, true},
	{"person changes team", "content/people/amara-okafor.toml", `team = "customer-operations"`, `team = "product-engineering"`, true},
	{"person changes role", "content/people/amara-okafor.toml", `role = "team-lead"`, `role = "people-manager"`, true},
	{"person's job title", "content/people/diego-hernandez.toml", `title = ".*"`, `title = "Head of Support"`, true},
	{"person renamed to sort first", "content/people/diego-hernandez.toml", `name = ".*"`, `name = "Aaron Aardvark"`, true},
	{"person changes team and role", "content/people/diego-hernandez.toml", `team = ".*"\nrole = ".*"`, "team = \"finance-and-planning\"\nrole = \"project-manager\"", true},
	{"rating changed", "content/assessments/2026-h1.toml", `(?s)(\[ratings\.amara-okafor\].*?delegation = )\d`, `${1}4`, true},
	{"cycle comment added", "content/assessments/2026-h1.toml", `\z`, "\n# Reviewed by HR.\n", true},
	{"self rating changed", "content/assessments/2026-self.toml", `(?m)^(delegation = )\d`, `${1}0`, true},
	{"rating added", "content/assessments/2026-h1.toml", `(\[ratings\.amara-okafor\]\n)`, "${1}change-leadership = 1\n", true},
	{"rating removed", "content/assessments/2026-h1.toml", `(?m)^resilience = \d\n`, "", true},
	{"cycle retitled", "content/assessments/2026-h1.toml", `title = ".*"`, `title = "First half, 2026"`, true},
	{"team renamed in place", "content/teams/finance-and-planning.toml", `name = "(.*)"`, `name = "$1 Group"`, true},
	{"team renamed", "content/teams/finance-and-planning.toml", `name = ".*"`, `name = "Money & Plans"`, true},
	{"team renamed to sort first", "content/teams/finance-and-planning.toml", `name = ".*"`, `name = "Aardvark Accounts"`, true},
	{"team description", "content/teams/finance-and-planning.toml", `description = ".*"`, `description = "Keeps the books <and> the plans."`, true},
	{"team comment", "content/teams/finance-and-planning.toml", `\z`, "\n# Reorganised in 2026.\n", true},
	{"role target changed", "content/roles/team-lead.md", `(?m)^delegation = \d`, `delegation = 4`, true},
	{"role target added", "content/roles/team-lead.md", `(?m)^(visionary-thinking = 1\n)`, "${1}stakeholder-management = 1\n", true},
	{"role target removed", "content/roles/team-lead.md", `(?m)^giving-feedback = \d\n`, "", true},
	{"role's last target for a competency removed", "content/roles/people-manager.md", `(?m)^giving-feedback = \d\n`, "", true},
	{"role's first target for a competency", "content/roles/team-lead.md", `(?m)^(resilience = \d\n)`, "${1}giving-feedback = 1\n", true},
	{"role comment", "content/roles/team-lead.md", `(\[targets\]\n)`, "${1}# Agreed with HR in 2026.\n", true},
	{"role targets reordered", "content/roles/team-lead.md", `(?m)^(visionary-thinking = \d\n)(stakeholder-management = \d\n)`, "${2}${1}", true},
	{"role summary", "content/roles/team-lead.md", `summary = ".*"`, `summary = "Leads a small team day to day."`, false},
	{"role text", "content/roles/team-lead.md", `\.\s*\z`, ". Revised.\n", true},
	{"role renamed", "content/roles/project-manager.md", `title = ".*"`, `title = "Programme Manager"`, false},
	{"role renamed to sort first", "content/roles/project-manager.md", `title = ".*"`, `title = "Apprentice Manager"`, true},
	{"article retitled", "content/articles/delegating-without-dumping.md", `title = ".*"`, `title = "Delegation, done properly"`, false},
	{"article summary", "content/articles/delegating-without-dumping.md", `summary = ".*"`, `summary = "Hand work over <and> let go."`, false},
	{"article retitled past others", "content/articles/delegating-without-dumping.md", `title = ".*"`, `title = "Zero-fuss delegation"`, true},
	{"article teaches more", "content/articles/delegating-without-dumping.md", `competencies = \[`, `competencies = ["resilience", `, true},
	{"article redated", "content/articles/feedback-that-lands.md", `date = \S+`, `date = 2026-11-01`, true},
	{"article body", "content/articles/handling-conflict-early.md", `\.\s*$`, ". One more closing sentence.\n", true},
	{"article links another", "content/articles/handling-conflict-early.md", `\.\s*$`, ". Read [delegation](delegating-without-dumping.md) next.\n", true},
	{"article heading", "content/articles/handling-conflict-early.md", `(?m)^## `, `## Early `, false},
	{"home text", "content/_index.md", `(title = "Home"\n\+\+\+\n)`, "${1}New first line.\n\n", true},
	{"competency descriptor", "content/competencies/management/delegation.md", `(?m)^3 = "Delegates whole`, `3 = "Hands over whole`, true},
	{"competency descriptors", "content/competencies/management/delegation.md", `(?m)^(2 = ")(.*\n)(3 = ")`, `${1}Now: ${2}${3}Now: `, true},
	{"competency descriptor with markup", "content/competencies/management/delegation.md", `(?m)^4 = "Designs`, `4 = "<b>Designs</b> & `, true},
	{"competency descriptor removed", "content/competencies/management/delegation.md", `(?m)^1 = ".*"\n`, "", false},
	{"competency descriptor back", "content/competencies/management/delegation.md", `(\[levels\]\n)`, "${1}1 = \"Takes delegated work on.\"\n", false},
	{"competency text", "content/competencies/management/delegation.md", `(?m)^(- Taking work back at the first problem)`, "- Checking in every hour.\n${1}", true},
	{"category text", "content/competencies/management/_index.md", `(?m)^(This is the planning)`, "In short: ${1}", true},
	{"competency summary", "content/competencies/management/delegation.md", `summary = ".*"`, `summary = "Handing work over <well>."`, false},
	{"competency retitled", "content/competencies/management/delegation.md", `title = ".*"`, `title = "Delegating Well"`, false},
	{"competency reordered", "content/competencies/management/delegation.md", `order = \d+`, `order = 99`, false},
	{"competency shares an order", "content/competencies/management/delegation.md", `order = \d+`, `order = 3`, false},
	{"competency retitled past another", "content/competencies/management/delegation.md", `title = ".*"`, `title = "Zoning Work"`, false},
	{"competency retitled in its place", "content/competencies/management/delegation.md", `title = ".*"`, `title = "Zoning Tasks"`, false},
	{"article becomes draft", "content/articles/one-to-ones-that-matter.md", `\+\+\+\n`, "+++\ndraft = true\n", false},
	// Links to it from other articles become plain text, and come back.
	{"linked article becomes draft", "content/articles/delegating-without-dumping.md", `\+\+\+\n`, "+++\ndraft = true\n", false},
	{"linked article published", "content/articles/delegating-without-dumping.md", `draft = true\n`, "", false},
	// The levels' colours are made from the scale: a new level recolours
	// every badge.
	{"scale gains a level", "site.toml", `(summary = "Teaches the skill to others.*"\n)`, "${1}\n[[scale]]\nlevel = 5\nname = \"Expert\"\nsummary = \"Known for it.\"\n", false},
	{"role gets a next role", "content/roles/team-lead.md", `(title = ".*"\n)`, "${1}next = \"people-manager\"\ntrack = \"People leadership\"\n", false},
}

// TestIncrementalMatchesFull makes edits of every kind to a copy of the demo
// and, after each, builds incrementally and from scratch: the outputs must
// be byte-identical, and edits of one file must not render every page.
func TestIncrementalMatchesFull(t *testing.T) { incrementalMatchesFull(t, false) }

// TestIncrementalLaterMatchesFull makes the same edits with a Builder that
// renders at once only one page besides the first of each kind, as the
// preview does: the pages it leaves, rendered when read, must be those of a
// full build, also when one edit's pages are left until after the next.
func TestIncrementalLaterMatchesFull(t *testing.T) { incrementalMatchesFull(t, true) }

func incrementalMatchesFull(t *testing.T, later bool) {
	dir := fixtureDir(t)
	fsys := os.DirFS(dir)
	b := NewBuilder(fsys, Options{Secret: &testSecret})
	const open = "people/amara-okafor/"
	if later {
		b.Now = func(u string) bool { return u == open }
	}
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	edits := fixtureEdits
	for i, e := range edits {
		edit(t, dir, e.file, e.pattern, e.repl)
		inPlace := b.inPlace
		_, inc, err := b.Build([]string{e.file})
		// A person's or a team's file, the text alone of a markdown file, a
		// cycle's ratings alone and a role's targets alone (unless a
		// competency gets its first or loses its last) are edited in place;
		// everything else goes through a load.
		want := strings.HasPrefix(e.file, "content/people/") || strings.HasPrefix(e.file, "content/teams/") ||
			slices.Contains([]string{"article body", "home text", "competency text", "category text", "role text", "competency descriptor", "competency descriptors", "competency descriptor with markup", "competency summary", "competency retitled", "competency retitled in its place", "article retitled", "article summary"}, e.name) ||
			strings.HasPrefix(e.file, "content/assessments/") && e.name != "cycle retitled" ||
			strings.HasPrefix(e.file, "content/roles/") && !slices.Contains([]string{"role renamed to sort first", "role's last target for a competency removed", "role's first target for a competency", "role gets a next role"}, e.name)
		if (b.inPlace > inPlace) != want {
			t.Errorf("%s: applied in place %v, want %v", e.name, b.inPlace > inPlace, want)
		}
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		if later {
			// The layouts are as they were: only the open page, when the
			// edit changes it. A new scale makes a new stylesheet of the
			// levels, and the theme is read again: the first page of each
			// kind renders at once, as after any theme change.
			if inc.Rendered > 1 && e.name != "scale gains a level" {
				t.Errorf("%s: rendered %d pages at once", e.name, inc.Rendered)
			}
			if page, ok := inc.Files[render.PageFile(open)]; !ok || !bytes.Contains(page, []byte("<html")) {
				t.Errorf("%s: the open page was not rendered at once", e.name)
			}
			if i%2 == 1 {
				continue // leave this edit's pages to the next
			}
		}
		_, full, err := Build(fsys, Options{Secret: &testSecret})
		if err != nil {
			t.Fatalf("%s: full build: %v", e.name, err)
		}
		for _, p := range full.Paths() {
			if got, _ := inc.File(p); !bytes.Equal(got, full.Files[p]) {
				t.Errorf("%s: %s is stale:\n%s", e.name, p, firstDiff(string(full.Files[p]), string(got)))
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
	dir := fixtureDir(t)
	fsys := os.DirFS(dir)
	b := NewBuilder(fsys, Options{Secret: &testSecret})
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

// TestPeoplePages builds a site of 1,100 people: the people list is split
// into three pages, each person is on exactly one of them in name order,
// every page links the others, and renaming a person (which can move them
// to another page) renders every page of the list as a full build does.
func TestPeoplePages(t *testing.T) {
	dir := fixtureDir(t)
	for i := range 1100 {
		data := fmt.Sprintf("name = \"Person %04d\"\nteam = \"customer-operations\"\nrole = \"team-lead\"\n", i)
		if err := os.WriteFile(filepath.Join(dir, "content/people", fmt.Sprintf("p%04d.toml", i)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := os.DirFS(dir)
	b := NewBuilder(fsys, Options{Secret: &testSecret})
	_, out, err := b.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	lists := []string{"people/index.html", "people/page/2/index.html", "people/page/3/index.html"}
	if _, ok := out.Files["people/page/4/index.html"]; ok {
		t.Error("a fourth page of people for 1,114 people")
	}
	personLink := regexp.MustCompile(`<th scope="row"><a href="(?:\.\./)+people/([^/"]+)/">([^<]+)</a>`)
	seen := map[string]int{}
	last := ""
	for n, list := range lists {
		html, ok := out.Files[list]
		if !ok {
			t.Fatalf("%s not built", list)
		}
		for _, m := range personLink.FindAllStringSubmatch(string(html), -1) {
			seen[m[1]]++
			if m[2] < last {
				t.Errorf("%s: %q after %q", list, m[2], last)
			}
			last = m[2]
		}
		for k, other := range lists {
			link := strings.TrimSuffix(other, "index.html")
			if k != n && !strings.Contains(string(html), `people/`+strings.TrimPrefix(link, "people/")+`"`) {
				t.Errorf("%s does not link %s", list, link)
			}
		}
	}
	if len(seen) != 1114 {
		t.Errorf("%d people listed, want 1114", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s listed %d times", id, n)
		}
	}

	for _, e := range []struct{ what, file, pattern, repl string }{
		{"a rename", "content/people/p0001.toml", `Person 0001`, `Zed Person`},
		{"a new job title on the last page", "content/people/p1050.toml", `role = "team-lead"`, "role = \"team-lead\"\ntitle = \"Night Shift Lead\""},
		{"a role's target raised", "content/roles/team-lead.md", `(?m)^delegation = \d`, `delegation = 3`},
		{"a role's target at the bottom of the scale", "content/roles/team-lead.md", `(?m)^delegation = \d`, `delegation = 0`},
	} {
		edit(t, dir, e.file, e.pattern, e.repl)
		_, inc, err := b.Build([]string{e.file})
		if err != nil {
			t.Fatal(err)
		}
		_, full, err := Build(fsys, Options{Secret: &testSecret})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range full.Paths() {
			if !bytes.Equal(inc.Files[p], full.Files[p]) {
				t.Errorf("%s is stale after %s:\n%s", p, e.what, firstDiff(string(full.Files[p]), string(inc.Files[p])))
			}
		}
	}
}

// TestIncrementalNewPerson adds a person, then removes one that cycles rate:
// the cycles are checked again against the new set of people (from their
// files, since a checked cycle drops its decoded tables), and the output
// matches a full build each time.
func TestIncrementalNewPerson(t *testing.T) {
	dir := fixtureDir(t)
	fsys := os.DirFS(dir)
	b := NewBuilder(fsys, Options{Secret: &testSecret})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	person := filepath.Join(dir, "content/people/new-starter.toml")
	if err := os.WriteFile(person, []byte("name = \"New Starter\"\nteam = \"customer-operations\"\nrole = \"team-lead\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	compare := func(what string, changed string, wantErr bool) {
		t.Helper()
		_, inc, err := b.Build([]string{changed})
		_, full, ferr := Build(fsys, Options{Secret: &testSecret})
		if (err != nil) != wantErr || (ferr != nil) != wantErr {
			t.Fatalf("%s: incremental error %v, full build error %v", what, err, ferr)
		}
		if wantErr {
			if err.Error() != ferr.Error() {
				t.Errorf("%s: incremental errors\n%v\nfull build errors\n%v", what, err, ferr)
			}
			return
		}
		for _, p := range full.Paths() {
			if !bytes.Equal(inc.Files[p], full.Files[p]) {
				t.Errorf("%s: %s is stale:\n%s", what, p, firstDiff(string(full.Files[p]), string(inc.Files[p])))
			}
		}
	}
	compare("person added", "content/people/new-starter.toml", false)
	if err := os.Remove(filepath.Join(dir, "content/people/amara-okafor.toml")); err != nil {
		t.Fatal(err)
	}
	// The cycles still rate her: now an error, found by checking them again.
	compare("rated person removed", "content/people/amara-okafor.toml", true)
}

// TestIncrementalPersonError edits a person's file into an unknown team: the
// edit is not applied in place but loaded whole, and reported as a full build
// reports it; the fix that follows gives the output of a full build.
func TestIncrementalPersonError(t *testing.T) {
	dir := fixtureDir(t)
	fsys := os.DirFS(dir)
	b := NewBuilder(fsys, Options{Secret: &testSecret})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	file := "content/people/amara-okafor.toml"
	edit(t, dir, file, `team = "customer-operations"`, `team = "customer-operatons"`)
	_, _, err := b.Build([]string{file})
	_, _, full := Build(fsys, Options{Secret: &testSecret})
	if err == nil || full == nil || err.Error() != full.Error() {
		t.Fatalf("incremental error %v; full build error %v", err, full)
	}
	edit(t, dir, file, `team = "customer-operatons"`, `team = "product-engineering"`)
	_, inc, err := b.Build([]string{file})
	if err != nil {
		t.Fatal(err)
	}
	_, want, err := Build(fsys, Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range want.Paths() {
		if !bytes.Equal(inc.Files[p], want.Files[p]) {
			t.Errorf("%s is stale:\n%s", p, firstDiff(string(want.Files[p]), string(inc.Files[p])))
		}
	}
}

// TestIncrementalPassingFiles edits a person the way sed -i does, through a
// temporary file renamed over the real one: the temporary file, gone by the
// build, is no change, and the edit is still applied in place. A file that
// was reported and is then removed is a change: its warning goes.
func TestIncrementalPassingFiles(t *testing.T) {
	dir := fixtureDir(t)
	fsys := os.DirFS(dir)
	stray := filepath.Join(dir, "content/notes.txt")
	if err := os.WriteFile(stray, []byte("draft ideas"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(fsys, Options{Secret: &testSecret})
	site, _, err := b.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(site.Warnings) != 1 {
		t.Fatalf("warnings %v, want the one for content/notes.txt", site.Warnings)
	}
	file := "content/people/amara-okafor.toml"
	edit(t, dir, file, `title = ".*"`, `title = "Edited with sed"`)
	inPlace := b.inPlace
	_, inc, err := b.Build([]string{"content/people/sedAb12Cd", file})
	if err != nil {
		t.Fatal(err)
	}
	if b.inPlace != inPlace+1 {
		t.Error("the edit was not applied in place")
	}
	_, full, err := Build(fsys, Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range full.Paths() {
		if !bytes.Equal(inc.Files[p], full.Files[p]) {
			t.Errorf("%s is stale:\n%s", p, firstDiff(string(full.Files[p]), string(inc.Files[p])))
		}
	}
	if err := os.Remove(stray); err != nil {
		t.Fatal(err)
	}
	site, _, err = b.Build([]string{"content/notes.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(site.Warnings) != 0 {
		t.Errorf("warnings %v after removing the file", site.Warnings)
	}
}

// TestCycleEditsBesideDottedKeys edits a cycle that only the full TOML
// decoder reads: a dotted key in a [ratings] section adds to a person's table
// from outside its section. An edit inside that table must not be patched as
// if the table were all in its section: the result must be a full build's,
// the merged rating kept, and a duplicate of it refused.
func TestCycleEditsBesideDottedKeys(t *testing.T) {
	dir := fixtureDir(t)
	f := "content/assessments/2026-h1.toml"
	edit(t, dir, f, `(?m)^delegation = 1\n(performance-monitoring = 2\nprocess-improvement = 1\nclear-communication = 3)`, "$1")
	edit(t, dir, f, `(\n\[ratings\.amara-okafor\])`, "\n[ratings]\namara-okafor.delegation = 3\n$1")
	b := NewBuilder(os.DirFS(dir), Options{Secret: &testSecret})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	edit(t, dir, f, `(\[ratings\.amara-okafor\]\n)visionary-thinking = 1`, "${1}visionary-thinking = 2")
	sameAsFull(t, "edit beside a merged key", b, dir, []string{f})
	edit(t, dir, f, `(\[ratings\.amara-okafor\]\n)visionary-thinking = 2`, "${1}visionary-thinking = 2\ndelegation = 4")
	sameAsFull(t, "duplicate of a merged key", b, dir, []string{f})
}

// TestCycleEditsEmptyTables empties a person's ratings, then removes and
// restores the empty table: the model's ratings must stay a full load's
// (an empty table is a person with no ratings, not no person).
func TestCycleEditsEmptyTables(t *testing.T) {
	dir := fixtureDir(t)
	f := "content/assessments/2026-h1.toml"
	b := NewBuilder(os.DirFS(dir), Options{Secret: &testSecret})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	for _, e := range []struct{ what, pattern, repl string }{
		{"table emptied", `(?s)(\[ratings\.amara-okafor\]\n).*?\n\n`, "${1}\n"},
		{"empty table removed", `\[ratings\.amara-okafor\]\n`, ""},
		{"empty table back", `(\[ratings\.diego-hernandez\])`, "[ratings.amara-okafor]\n\n$1"},
		{"a rating again", `(\[ratings\.amara-okafor\]\n)`, "${1}delegation = 2\n"},
	} {
		edit(t, dir, f, e.pattern, e.repl)
		sameAsFull(t, e.what, b, dir, []string{f})
	}
}

package builder

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"portal/builder/model"
	"portal/builder/seal"
)

// sameAsFull builds incrementally after changed and from scratch: errors,
// warnings and every file must be the same.
func sameAsFull(t *testing.T, what string, b *Builder, dir string, changed []string) {
	t.Helper()
	fsys := os.DirFS(dir)
	site, inc, err := b.Build(changed)
	fsite, full, ferr := Build(fsys, Options{Secret: &testSecret})
	if (err == nil) != (ferr == nil) {
		t.Errorf("%s: incremental error %v; full build error %v", what, err, ferr)
		return
	}
	if err != nil {
		if err.Error() != ferr.Error() {
			t.Errorf("%s: errors differ\n%v\n%v", what, err, ferr)
		}
		return
	}
	if site.Warnings.Error() != fsite.Warnings.Error() {
		t.Errorf("%s: warnings differ\n%v\n%v", what, site.Warnings, fsite.Warnings)
	}
	for i, c := range site.Cycles {
		if i >= len(fsite.Cycles) || !reflect.DeepEqual(c.Ratings(), fsite.Cycles[i].Ratings()) {
			t.Errorf("%s: the ratings of %s differ from a full load's", what, c.Source)
		}
	}
	stale := 0
	for _, p := range full.Paths() {
		got, _ := inc.File(p)
		if !bytes.Equal(got, full.Files[p]) {
			if stale++; stale <= 3 {
				t.Errorf("%s: %s is stale:\n%s", what, p, firstDiff(string(full.Files[p]), string(got)))
			}
		}
	}
	if n, m := len(inc.Paths()), len(full.Paths()); n != m || stale > 3 {
		t.Errorf("%s: %d stale files; %d files, a full build has %d", what, stale, n, m)
	}
}

// TestIncrementalAfterFailedBuilds goes through failed builds, whose reads
// must not leak into the next good one.
func TestIncrementalAfterFailedBuilds(t *testing.T) {
	article := "content/articles/handling-conflict-early.md"
	other := "content/articles/feedback-that-lands.md"
	start := func(t *testing.T) (*Builder, string) {
		dir := fixtureDir(t)
		b := NewBuilder(os.DirFS(dir), Options{Secret: &testSecret})
		if _, _, err := b.Build(nil); err != nil {
			t.Fatal(err)
		}
		return b, dir
	}
	// A failed build read the article's new front matter; a later edit of
	// its text alone must not be applied in place against the old one.
	t.Run("front matter error, then text", func(t *testing.T) {
		b, dir := start(t)
		edit(t, dir, article, `title: "Handling conflict early"`, `title: "Conflict, early"`)
		edit(t, dir, article, `level: 2`, `level: 9`)
		sameAsFull(t, "bad level", b, dir, []string{article})
		edit(t, dir, article, `\.\s*$`, ". One more closing sentence.\n")
		sameAsFull(t, "text edited", b, dir, []string{article})
	})
	t.Run("retitled while a link broke, then mended", func(t *testing.T) {
		b, dir := start(t)
		edit(t, dir, other, `\(handling-conflict-early\.md\)`, `(handling-conflict-early.md#early-warning-signs)`)
		sameAsFull(t, "link to a heading", b, dir, []string{other})
		edit(t, dir, article, `title: "Handling conflict early"`, `title: "Conflict, early"`)
		edit(t, dir, article, `## Early warning signs`, `## Warning signs`)
		sameAsFull(t, "retitled, link broken", b, dir, []string{article})
		edit(t, dir, article, `## Warning signs`, `## Early warning signs`)
		sameAsFull(t, "heading back", b, dir, []string{article})
	})
	// After a failed build of everything, a change of nothing is not a
	// success.
	t.Run("full build failed, then a passing file", func(t *testing.T) {
		b, dir := start(t)
		edit(t, dir, "content/teams/customer-operations.toml", `name = "`, "name = \"\n")
		sameAsFull(t, "broken team", b, dir, nil)
		sameAsFull(t, "passing file", b, dir, []string{"content/people/sedAb12Cd"})
		sameAsFull(t, "no file", b, dir, []string{})
	})
	// A failed build rendered links to a file that did not load; they must
	// not be reused once it loads.
	t.Run("link target failed, then mended", func(t *testing.T) {
		b, dir := start(t)
		home := "content/_index.md"
		edit(t, dir, other, `\s*\z`, "\n\nBack to the [portal](../_index.md).\n")
		sameAsFull(t, "link home", b, dir, []string{other})
		edit(t, dir, home, `title = "Home"`, `title = "Home`)
		edit(t, dir, article, `## Common mistakes`, "## Common mistakes\n\n## Further reading")
		sameAsFull(t, "home broken, heading added", b, dir, []string{home, article})
		edit(t, dir, home, `title = "Home`, `title = "Home"`)
		sameAsFull(t, "home mended", b, dir, []string{home})
	})
}

// TestIncrementalAssetsFollowPages edits the only person with a chart so
// that no page has one: the hashed copies of the chart scripts go too.
func TestIncrementalAssetsFollowPages(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                           {Data: []byte("title = \"T\"\n[[scale]]\nlevel = 0\nname = \"None\"\n[[scale]]\nlevel = 1\nname = \"Some\"\n[[scale]]\nlevel = 2\nname = \"Good\"\n" + openTail)},
		"content/competencies/lead/_index.md": {Data: []byte("+++\ntitle = \"Leading\"\n+++\n")},
		"content/competencies/lead/vision.md": {Data: []byte("+++\ntitle = \"Vision\"\n[levels]\n1 = \"a\"\n2 = \"b\"\n+++\n")},
		"content/roles/lead.md":               {Data: []byte("+++\ntitle = \"Lead\"\n[targets]\nvision = 2\n+++\n")},
		"content/roles/none.md":               {Data: []byte("+++\ntitle = \"None\"\n+++\n")},
		"content/teams/ops.toml":              {Data: []byte("name = \"Ops\"\n")},
		"content/people/ana.toml":             {Data: []byte("name = \"Ana\"\nteam = \"ops\"\nrole = \"lead\"\n")},
		"content/articles/a.md":               {Data: []byte("+++\ntitle = \"A\"\ncompetencies = [\"vision\"]\n+++\nText.\n")},
	}
	b := NewBuilder(fsys, Options{Secret: &testSecret})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	fsys["content/people/ana.toml"] = &fstest.MapFile{Data: []byte("name = \"Ana\"\nteam = \"ops\"\nrole = \"none\"\n")}
	_, inc, err := b.Build([]string{"content/people/ana.toml"})
	if err != nil {
		t.Fatal(err)
	}
	_, full, err := Build(fsys, Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	for p := range inc.Files {
		if _, ok := full.Files[p]; !ok {
			t.Errorf("%s is left over: a full build has no such file", p)
		}
	}
	for p, data := range full.Files {
		if !bytes.Equal(inc.Files[p], data) {
			t.Errorf("%s differs from a full build", p)
		}
	}
}

// TestIncrementalRandom makes random sequences of edits (people, cycles,
// articles, teams, roles; one or two files at a time, some broken, some
// files that came and went) to copies of the demo, and after each compares
// the incremental build with a full one. PORTAL_RANDOM_SEEDS sets how many
// sequences (default 6, of 25 edits each); odd seeds publish the site
// aggregate.
func TestIncrementalRandom(t *testing.T) {
	seeds := 6
	if n, err := strconv.Atoi(os.Getenv("PORTAL_RANDOM_SEEDS")); err == nil {
		seeds = n
	}
	for seed := range seeds {
		rng := rand.New(rand.NewSource(int64(seed)))
		dir := fixtureDir(t)
		if seed%3 == 2 {
			// The site's own layouts, which read the model by other
			// paths than the theme's.
			writeOddLayouts(t, dir)
		}
		// Published open, aggregate (other pages, which show counts) or
		// private (the pages of people and teams sealed, under other
		// names).
		mode := []string{"open", "aggregate", "private"}[seed/2%3]
		if mode != "open" {
			publish(t, dir, mode)
		}
		b := NewBuilder(os.DirFS(dir), Options{Secret: &testSecret})
		b.LazyLists = rng.Intn(2) == 0
		// Half the seeds leave pages for later, as the preview does, and
		// compare only after some steps, so that pages left by one edit
		// are still left at the next.
		later := rand.New(rand.NewSource(int64(seed) + 1000))
		deferring := later.Intn(2) == 0
		if deferring {
			open := contentFiles(dir, "people")[later.Intn(len(contentFiles(dir, "people")))]
			id := strings.TrimSuffix(path.Base(open), ".toml")
			open = "people/" + id + "/"
			if mode == "private" {
				open = model.PrivateURL(seal.NewKeys(testSecret).Path(seal.KindPerson, id))
			}
			b.Now = func(u string) bool { return u == open }
		}
		if _, _, err := b.Build(nil); err != nil {
			t.Fatal(err)
		}
		var log []string
		for step := range 25 {
			n := 1
			if rng.Intn(3) == 0 {
				n = 1 + rng.Intn(2)
			}
			var changed []string
			for range n {
				f, what := randomEdit(rng, dir, rng.Intn(6) == 0)
				changed = append(changed, f)
				log = append(log, fmt.Sprintf("%d: %s %s", step, what, f))
			}
			if deferring && later.Intn(3) == 0 {
				b.Build(changed) // compared with a full build at a later step
				continue
			}
			before := t.Failed()
			sameAsFull(t, fmt.Sprintf("seed %d, step %d", seed, step), b, dir, changed)
			if !before && t.Failed() {
				t.Fatalf("after these edits:\n%s", strings.Join(log, "\n"))
			}
		}
	}
}

// contentFiles lists the files of a content folder, relative to dir.
func contentFiles(dir, sub string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, "content", sub, "*"))
	var out []string
	for _, p := range m {
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
	}
	sort.Strings(out)
	return out
}

// substitute applies a regexp replacement to a file, telling whether it
// matched.
func substitute(dir, file, pattern, repl string) bool {
	p := filepath.Join(dir, file)
	data, _ := os.ReadFile(p)
	re := regexp.MustCompile(pattern)
	if !re.Match(data) {
		return false
	}
	os.WriteFile(p, re.ReplaceAll(data, []byte(repl)), 0o644)
	return true
}

var demoCompetencies = []string{"change-leadership", "coaching-and-mentoring", "influencing-without-authority", "inspiring-others", "visionary-thinking", "budgeting-and-financial-planning", "delegation", "performance-monitoring", "planning-and-prioritisation", "process-improvement", "resource-allocation", "decision-making", "resilience", "self-awareness", "building-trust", "clear-communication", "conflict-resolution", "giving-feedback", "stakeholder-management"}

// randomEdit makes one random edit to the demo copy in dir, of a person, a
// cycle, an article, a team or a role, sometimes a broken one (allowBad), or
// names a file that came and went; it returns the file and what it did.
func randomEdit(rng *rand.Rand, dir string, allowBad bool) (string, string) {
	names := []string{"Amara Okafor", "Zoe Zed", "Aaron A", "Mei Chen", "Bob B"}
	teams := []string{"customer-operations", "finance-and-planning", "product-engineering"}
	roles := []string{"head-of-department", "people-manager", "project-manager", "team-lead"}
	for {
		switch rng.Intn(10) {
		case 0, 1: // person
			ps := contentFiles(dir, "people")
			f := ps[rng.Intn(len(ps))]
			data, _ := os.ReadFile(filepath.Join(dir, f))
			name := regexp.MustCompile(`name = "(.*)"`).FindSubmatch(data)[1]
			team := regexp.MustCompile(`team = "(.*)"`).FindSubmatch(data)[1]
			role := regexp.MustCompile(`role = "(.*)"`).FindSubmatch(data)[1]
			title := ""
			if m := regexp.MustCompile(`title = "(.*)"`).FindSubmatch(data); m != nil {
				title = string(m[1])
			}
			what := ""
			switch rng.Intn(5) {
			case 0:
				name = []byte(names[rng.Intn(len(names))])
				what = "name"
			case 1:
				team = []byte(teams[rng.Intn(len(teams))])
				what = "team"
			case 2:
				role = []byte(roles[rng.Intn(len(roles))])
				what = "role"
			case 3:
				title = fmt.Sprintf("Title %d", rng.Intn(3))
				what = "title"
			case 4:
				if !allowBad {
					continue
				}
				team = []byte("nope")
				what = "bad team"
			}
			s := fmt.Sprintf("name = %q\nteam = %q\nrole = %q\n", name, team, role)
			if title != "" {
				s += fmt.Sprintf("title = %q\n", title)
			}
			os.WriteFile(filepath.Join(dir, f), []byte(s), 0o644)
			return f, "person " + what
		case 2, 3: // cycle rating
			cs := contentFiles(dir, "assessments")
			f := cs[rng.Intn(len(cs))]
			data, _ := os.ReadFile(filepath.Join(dir, f))
			lines := strings.Split(string(data), "\n")
			var idx []int
			for i, l := range lines {
				if regexp.MustCompile(`^[a-z-]+ = \d$`).MatchString(l) {
					idx = append(idx, i)
				}
			}
			i := idx[rng.Intn(len(idx))]
			switch rng.Intn(3) {
			case 0:
				lines[i] = regexp.MustCompile(`\d$`).ReplaceAllString(lines[i], fmt.Sprint(rng.Intn(5)))
			case 1:
				lines[i] = demoCompetencies[rng.Intn(len(demoCompetencies))] + " = " + fmt.Sprint(rng.Intn(5))
			case 2:
				lines = append(lines[:i], lines[i+1:]...)
			}
			s := strings.Join(lines, "\n")
			if rng.Intn(5) == 0 {
				s = regexp.MustCompile(`kind = "\w+"`).ReplaceAllString(s, fmt.Sprintf("kind = %q", []string{"manager", "self", "peer"}[rng.Intn(3)]))
			}
			if rng.Intn(6) == 0 {
				s = regexp.MustCompile(`date = \S+`).ReplaceAllString(s, fmt.Sprintf("date = 202%d-0%d-15", rng.Intn(7), 1+rng.Intn(9)))
			}
			os.WriteFile(filepath.Join(dir, f), []byte(s), 0o644)
			return f, "cycle"
		case 4, 5: // article
			as := contentFiles(dir, "articles")
			f := as[rng.Intn(len(as))]
			sep := `( = |: )`
			ok := false
			what := ""
			switch rng.Intn(8) {
			case 0:
				ok = substitute(dir, f, `(?m)^title`+sep+`"[^"\n]*"`, fmt.Sprintf(`title$1"Article title %d"`, rng.Intn(4)))
				what = "title"
			case 1:
				ok = substitute(dir, f, `(?m)^level`+sep+`\d`, fmt.Sprintf(`level${1}%d`, rng.Intn(5)))
				what = "level"
			case 2:
				ok = substitute(dir, f, `(?m)^date`+sep+`\S+`, fmt.Sprintf(`date${1}202%d-0%d-1%d`, 3+rng.Intn(4), 1+rng.Intn(9), rng.Intn(9)))
				what = "date"
			case 3:
				a, b := demoCompetencies[rng.Intn(len(demoCompetencies))], demoCompetencies[rng.Intn(len(demoCompetencies))]
				ok = substitute(dir, f, `(?m)^competencies`+sep+`\[.*\]`, fmt.Sprintf(`competencies${1}["%s", "%s"]`, a, b))
				what = "competencies"
			case 4:
				ok = substitute(dir, f, `\s*\z`, fmt.Sprintf("\n\nMore words %d here.\n", rng.Intn(100)))
				what = "body"
			case 5:
				other := as[rng.Intn(len(as))]
				ok = substitute(dir, f, `\s*\z`, fmt.Sprintf("\n\nSee [this](%s).\n", filepath.Base(other)))
				what = "link"
			case 6:
				ok = substitute(dir, f, `(?m)^summary`+sep+`"[^"\n]*"`, fmt.Sprintf(`summary$1"Summary %d"`, rng.Intn(4)))
				what = "summary"
			case 7:
				if !allowBad {
					continue
				}
				ok = substitute(dir, f, `(?m)^level`+sep+`\d`, `level${1}9`)
				what = "bad level"
			}
			if ok {
				return f, "article " + what
			}
		case 6: // team
			ts := contentFiles(dir, "teams")
			f := ts[rng.Intn(len(ts))]
			substitute(dir, f, `name = ".*"`, fmt.Sprintf(`name = "Team %d"`, rng.Intn(4)))
			return f, "team"
		case 7: // role
			rs := contentFiles(dir, "roles")
			f := rs[rng.Intn(len(rs))]
			if rng.Intn(2) == 0 {
				substitute(dir, f, `(?m)^title = ".*"`, fmt.Sprintf(`title = "Role %d"`, rng.Intn(4)))
				return f, "role title"
			}
			c := demoCompetencies[rng.Intn(len(demoCompetencies))]
			if rng.Intn(4) == 0 && substitute(dir, f, `(?m)^`+c+` = \d\n`, "") {
				return f, "role target removed"
			}
			if !substitute(dir, f, `(?m)^`+c+` = \d`, fmt.Sprintf("%s = %d", c, rng.Intn(5))) {
				substitute(dir, f, `\[targets\]\n`, fmt.Sprintf("[targets]\n%s = %d\n", c, rng.Intn(5)))
			}
			return f, "role target"
		case 8:
			if rng.Intn(3) == 0 {
				return "content/people/sedXYZ", "passing"
			}
		case 9: // competency: titles that may sort it elsewhere, orders, descriptors
			cs, _ := filepath.Glob(filepath.Join(dir, "content/competencies/management/[a-z]*.md"))
			f, _ := filepath.Rel(dir, cs[rng.Intn(len(cs))])
			f = filepath.ToSlash(f)
			switch rng.Intn(4) {
			case 0:
				substitute(dir, f, `(?m)^title = ".*"`, fmt.Sprintf(`title = "%c Competency"`, 'A'+rng.Intn(26)))
				return f, "competency title"
			case 1:
				substitute(dir, f, `(?m)^order = \d+`, fmt.Sprintf(`order = %d`, rng.Intn(4)))
				return f, "competency order"
			case 2:
				substitute(dir, f, `(?m)^summary = ".*"`, fmt.Sprintf(`summary = "Summary %d"`, rng.Intn(4)))
				return f, "competency summary"
			default:
				substitute(dir, f, `(?m)^(\d) = ".*"`, fmt.Sprintf(`${1} = "Descriptor %d"`, rng.Intn(4)))
				return f, "competency descriptor"
			}
		}
	}
}

// TestPeopleComeAndGo adds, rates, and removes people: the cycles, whose
// check a person added or removed elsewhere does not change, must be
// checked again when they rate someone who comes or goes.
func TestPeopleComeAndGo(t *testing.T) {
	dir, b := builtDemo(t)
	newcomer := "content/people/zara-newcomer.toml"
	cycle := "content/assessments/2026-h1.toml"
	steps := []struct {
		what string
		file string
		do   func()
	}{
		{"a person rated before they have a file", cycle, func() {
			must(t, substitute(dir, cycle, `(\[ratings\.amara-okafor\]\n)`, "[ratings.zara-newcomer]\ndelegation = 2\n\n${1}"))
		}},
		{"their file added", newcomer, func() {
			writeTestFile(t, filepath.Join(dir, newcomer), "name = \"Zara Newcomer\"\nteam = \"customer-operations\"\nrole = \"team-lead\"\n")
		}},
		{"another person added", "content/people/yann-other.toml", func() {
			writeTestFile(t, filepath.Join(dir, "content/people/yann-other.toml"), "name = \"Yann Other\"\nteam = \"customer-operations\"\nrole = \"team-lead\"\n")
		}},
		{"a rated person removed", newcomer, func() {
			os.Remove(filepath.Join(dir, newcomer))
		}},
		{"their ratings removed", cycle, func() {
			must(t, substitute(dir, cycle, `\[ratings\.zara-newcomer\]\ndelegation = 2\n\n`, ""))
		}},
		{"an unrated person removed", "content/people/yann-other.toml", func() {
			os.Remove(filepath.Join(dir, "content/people/yann-other.toml"))
		}},
	}
	for _, s := range steps {
		s.do()
		sameAsFull(t, s.what, b, dir, []string{s.file})
	}
}

func must(t *testing.T, ok bool) {
	t.Helper()
	if !ok {
		t.Fatal("the edit matched nothing")
	}
}

// publish sets [privacy] publish to mode, with a min_group of 3, in the
// site.toml of the site in dir.
func publish(t *testing.T, dir, mode string) {
	t.Helper()
	p := filepath.Join(dir, "site.toml")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	toml := strings.TrimSuffix(string(data), openTail)
	if err := os.WriteFile(p, []byte(toml+"\n[privacy]\npublish = \""+mode+"\"\nmin_group = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

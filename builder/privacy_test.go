package builder

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"portal/builder/model"
	"portal/builder/seal"
)

// openTail ends the site.toml of the test sites: they are published open
// unless a test says otherwise.
const openTail = "\n[privacy]\npublish = \"open\"\n"

// withSettings returns the fixture with text put into site.toml before its
// scale, and the files in extra added. Unless text sets [privacy] publish,
// the site stays published open.
func withSettings(t *testing.T, text string, extra map[string]string) fstest.MapFS {
	fsys := fixtureFS(t)
	toml := strings.TrimSuffix(string(fsys["site.toml"].Data), openTail)
	text = keepOpen(text)
	i := strings.Index(toml, "[[scale]]")
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(toml[:i] + text + "\n" + toml[i:])}
	for name, data := range extra {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// keepOpen adds publish = "open" to settings that do not set publish.
func keepOpen(text string) string {
	switch {
	case strings.Contains(text, "publish"):
		return text
	case strings.Contains(text, "[privacy]"):
		return text + "publish = \"open\"\n"
	}
	return "[privacy]\npublish = \"open\"\n" + text
}

const noindex = `<meta name="robots" content="noindex">`

// TestRobotsByDefault checks that, unless the settings let them in, every
// page asks search engines not to index it and robots.txt turns them away.
func TestRobotsByDefault(t *testing.T) {
	out := build(t, fixtureFS(t), Options{})
	pages := 0
	for name, data := range out.Files {
		if !strings.HasSuffix(name, ".html") || strings.Contains(name, "vendor/") {
			continue
		}
		pages++
		head, _, _ := bytes.Cut(data, []byte("</head>"))
		if !bytes.Contains(head, []byte(noindex)) {
			t.Errorf("%s: no robots noindex in its head", name)
		}
	}
	if pages != out.Pages {
		t.Errorf("checked %d pages of %d", pages, out.Pages)
	}
	if got := string(out.Files["robots.txt"]); got != "User-agent: *\nDisallow: /\n" {
		t.Errorf("robots.txt = %q", got)
	}
}

// TestRobotsIndex checks that [privacy] index = true lets search engines
// in, and points them at the sitemap.
func TestRobotsIndex(t *testing.T) {
	out := build(t, withSettings(t, "[privacy]\nindex = true\n", nil), Options{})
	for name, data := range out.Files {
		if strings.HasSuffix(name, ".html") && bytes.Contains(data, []byte(noindex)) {
			t.Errorf("%s asks not to be indexed", name)
		}
	}
	want := "User-agent: *\nAllow: /\nSitemap: https://intranet.harbourline.example/growth/sitemap.xml\n"
	if got := string(out.Files["robots.txt"]); got != want {
		t.Errorf("robots.txt = %q, want %q", got, want)
	}
}

// TestRobotsOfTheSite checks that a site's own static/robots.txt is
// published as it is.
func TestRobotsOfTheSite(t *testing.T) {
	own := "User-agent: Intranet-Crawler\nAllow: /\n"
	out := build(t, withSettings(t, "", map[string]string{"static/robots.txt": own}), Options{})
	if got := string(out.Files["robots.txt"]); got != own {
		t.Errorf("robots.txt = %q, want the site's own", got)
	}
}

// TestPrivacyKeys checks that a key the [privacy] table does not know is
// reported where it is, with the keys it knows.
func TestPrivacyKeys(t *testing.T) {
	_, _, err := Build(withSettings(t, "[privacy]\nindx = true\n", nil), Options{})
	if err == nil || !strings.Contains(err.Error(), `site.toml:8:1: unknown key "indx" (did you mean "index"?)`) {
		t.Errorf("error = %v", err)
	}
	_, _, err = Build(withSettings(t, "[privacy]\nindex = \"yes\"\n", nil), Options{})
	if err == nil || !strings.Contains(err.Error(), "site.toml:8:9: index must be true or false") {
		t.Errorf("a string for index: error = %v", err)
	}
}

// TestRobotsRebuild turns indexing on and off in site.toml under a Builder:
// each rebuild equals a full build.
func TestRobotsRebuild(t *testing.T) {
	dir := fixtureDir(t)
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"[privacy]\nindex = true\npublish = \"open\"\n", "[privacy]\nindex = false\npublish = \"open\"\n"} {
		p := filepath.Join(dir, "site.toml")
		data, _ := os.ReadFile(p)
		toml := strings.TrimSuffix(string(data), openTail)
		if i := strings.Index(toml, "[privacy]"); i >= 0 {
			toml = toml[:i] + toml[strings.Index(toml, "[[scale]]"):]
		}
		i := strings.Index(toml, "[[scale]]")
		if err := os.WriteFile(p, []byte(toml[:i]+text+"\n"+toml[i:]), 0o644); err != nil {
			t.Fatal(err)
		}
		_, inc, err := b.Build([]string{"site.toml"})
		if err != nil {
			t.Fatal(err)
		}
		matchesFull(t, text, inc, os.DirFS(dir))
	}
}

// aggregate is the fixture published aggregate, with a person whose name
// and id are awkward and hostile, rated in a cycle of their own.
func aggregate(t *testing.T, settings string) fstest.MapFS {
	return publishedAs(t, "aggregate", settings)
}

// publishedAs is the fixture published as mode, with the person of
// aggregate.
func publishedAs(t *testing.T, mode, settings string) fstest.MapFS {
	return withSettings(t, "[privacy]\npublish = \""+mode+"\"\n"+settings, map[string]string{
		"content/people/qz-ines-obrien.toml":  "name = \"Inès \\\"Q\\\" O'Brien <script>alert(1)</script> & Søn\"\nteam = \"customer-operations\"\nrole = \"team-lead\"\ntitle = \"Lead of the <b>night</b> shift\"\n",
		"content/assessments/2026-extra.toml": "title = \"2026 extra review\"\ndate = 2026-07-01\nkind = \"manager\"\n\n[ratings.qz-ines-obrien]\ndelegation = 3\ncoaching-and-mentoring = 2\n",
	})
}

// forms are the ways a name can be written into an output file: as it is,
// escaped for HTML, for JSON and for JavaScript.
func forms(s string) []string {
	j, _ := json.Marshal(s)
	var plain bytes.Buffer
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return []string{s, html.EscapeString(s), template.HTMLEscapeString(s), string(j[1 : len(j)-1]), strings.Trim(strings.TrimSpace(plain.String()), `"`), template.JSEscapeString(s)}
}

// TestPublicNamesNobody builds the fixture published aggregate and
// private and reads every file of the output and every file name: no
// person's name, in any form, and no person's id appears; there is no page
// of a person in the clear, and the site still shows its teams, roles and
// competencies.
func TestPublicNamesNobody(t *testing.T) {
	for _, mode := range []string{"aggregate", "private"} {
		t.Run(mode, func(t *testing.T) { namesNobody(t, mode) })
	}
}

func namesNobody(t *testing.T, mode string) {
	fsys := publishedAs(t, mode, "")
	site, out, err := Build(fsys, Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	if len(site.People) < 10 {
		t.Fatalf("%d people in the fixture", len(site.People))
	}
	for _, p := range site.People {
		needles := append(forms(p.Name), p.ID)
		if p.JobTitle != "" {
			needles = append(needles, forms(p.JobTitle)...)
		}
		for _, name := range out.Paths() {
			data, err := out.Read(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range needles {
				if strings.Contains(name, n) {
					t.Errorf("the file name %s holds %q, of %s", name, n, p.ID)
				}
				if bytes.Contains(data, []byte(n)) {
					i := bytes.Index(data, []byte(n))
					t.Errorf("%s holds %q, of %s: …%s…", name, n, p.ID, data[max(0, i-60):min(len(data), i+len(n)+60)])
				}
			}
		}
	}
	for _, name := range []string{"index.html", "teams/customer-operations/index.html", "roles/team-lead/index.html", "competencies/delegation/index.html", "search/index.json"} {
		if _, ok := out.Files[name]; !ok {
			t.Errorf("%s is missing", name)
		}
	}
	private := 0
	for name := range out.Files {
		if strings.HasPrefix(name, "people/") {
			t.Errorf("%s is published", name)
		}
		if strings.HasPrefix(name, "private/") {
			private++
		}
	}
	if want := map[string]int{"aggregate": 0, "private": len(site.People) + len(site.Teams) + 2}[mode]; private != want {
		t.Errorf("%d private pages, want %d", private, want)
	}
	if team := string(out.Files["teams/customer-operations/index.html"]); !strings.Contains(team, `class="data levels"`) {
		t.Errorf("the team page has no table of levels:\n%s", team)
	}
}

// TestPrivateReaders opens every private page of the fixture, published
// private, with the key of each audience: a person's page opens for the
// person, their team and L&D, and for no other person or team; a team's
// page for the team and L&D; the people list for L&D alone. What opens is
// the page of that person or team, and a team's page links its members'
// pages.
func TestPrivateReaders(t *testing.T) {
	site, out, err := Build(publishedAs(t, "private", ""), Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	keys := seal.NewKeys(testSecret)
	opens := func(u string, a seal.Audience) (string, bool) {
		t.Helper()
		page, ok := out.Files[u+"index.html"]
		if !ok {
			t.Fatalf("no page at %s", u)
		}
		box, _, err := sealedParts(page)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		plain, err := seal.Open(u, box, keys.Key(a))
		return string(plain), err == nil
	}
	for _, p := range site.People {
		u := site.PersonURL(p.ID)
		other := site.Teams[0]
		if p.Team == other {
			other = site.Teams[1]
		}
		for _, c := range []struct {
			a    seal.Audience
			want bool
		}{
			{seal.Person(p.ID), true}, {seal.Team(p.Team.ID), true}, {seal.LnD(), true},
			{seal.Person(site.People[(slices.Index(site.People, p)+1)%len(site.People)].ID), false},
			{seal.Team(other.ID), false}, {seal.Person(p.Team.ID), false}, {seal.Team(p.ID), false},
		} {
			plain, ok := opens(u, c.a)
			if ok != c.want {
				t.Errorf("%s's page opens for %v: %v, want %v", p.ID, c.a, ok, c.want)
			}
			if ok && !strings.Contains(plain, html.EscapeString(p.Name)) && !strings.Contains(plain, template.HTMLEscapeString(p.Name)) {
				t.Errorf("%s's page, opened, does not name them", p.ID)
			}
		}
	}
	other := site.Teams[0]
	for _, team := range site.Teams {
		u := site.TeamMembersURL(team.ID)
		// The page around the sealed content does not tell which team.
		shell := string(out.Files[u+"index.html"])
		if i := strings.Index(shell, `id="sealed-page"`); i >= 0 {
			shell = shell[:i]
		}
		for _, n := range append(forms(team.Name), forms(team.Description)...) {
			if n != "" && strings.Contains(shell, n) {
				t.Errorf("team %s's private page shows %q in the clear", team.ID, n)
			}
		}
		if !strings.Contains(shell, `<body class="kind-private">`) || strings.Contains(shell, "aria-current") {
			t.Errorf("team %s's private page tells its kind", team.ID)
		}
		for _, c := range []struct {
			a    seal.Audience
			want bool
		}{{seal.Team(team.ID), true}, {seal.LnD(), true}, {seal.Person(team.Members[0].ID), false}, {seal.Team(other.ID), other == team}} {
			plain, ok := opens(u, c.a)
			if ok != c.want {
				t.Errorf("team %s's page opens for %v: %v, want %v", team.ID, c.a, ok, c.want)
			}
			if !ok {
				continue
			}
			for _, m := range team.Members {
				if !strings.Contains(plain, `href="../../`+site.PersonURL(m.ID)+`"`) {
					t.Errorf("team %s's page does not link %s's page", team.ID, m.ID)
				}
			}
		}
	}
	for _, c := range []struct {
		a    seal.Audience
		want bool
	}{{seal.LnD(), true}, {seal.Team(other.ID), false}, {seal.Person(site.People[0].ID), false}} {
		if _, ok := opens(site.PeoplePageURL(1), c.a); ok != c.want {
			t.Errorf("the people list opens for %v: %v, want %v", c.a, ok, c.want)
		}
	}
}

// TestPrivateDeterministic builds the fixture published private twice with
// the same secret, and once with another: the same secret gives the same
// bytes; another changes the name and bytes of every private page, and no
// public page.
func TestPrivateDeterministic(t *testing.T) {
	fsys := publishedAs(t, "private", "")
	_, a, err := Build(fsys, Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	_, b, err := Build(fsys, Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(a.Files, b.Files, bytes.Equal) {
		t.Error("two builds with the same secret differ")
	}
	other := testSecret
	other[0] ^= 1
	_, c, err := Build(fsys, Options{Secret: &other})
	if err != nil {
		t.Fatal(err)
	}
	private := 0
	for name, data := range a.Files {
		if strings.HasPrefix(name, "private/") {
			private++
			if _, ok := c.Files[name]; ok {
				t.Errorf("%s is there under another secret", name)
			}
			continue
		}
		if !bytes.Equal(data, c.Files[name]) {
			t.Errorf("%s, a public file, differs under another secret", name)
		}
	}
	privateSealed := func(o *Output) map[string]bool {
		m := map[string]bool{}
		for name, data := range o.Files {
			if strings.HasPrefix(name, "private/") {
				box, _, _ := sealedParts(data)
				m[string(box)] = true
			}
		}
		return m
	}
	pa, pc := privateSealed(a), privateSealed(c)
	for box := range pa {
		if pc[box] {
			t.Error("a sealed page is the same under another secret")
		}
	}
	if private < 10 || len(pa) != private || len(pc) != private {
		t.Errorf("%d private pages, %d and %d different sealed contents", private, len(pa), len(pc))
	}
}

// TestPrivateEditShowsOnlyThem changes one person's rating: of the private
// pages, only theirs, their team's, the people list and L&D's insights
// change.
func TestPrivateEditShowsOnlyThem(t *testing.T) {
	fsys := publishedAs(t, "private", "")
	site, before, err := Build(fsys, Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/assessments/2026-extra.toml"].Data = bytes.Replace(fsys["content/assessments/2026-extra.toml"].Data, []byte("delegation = 3"), []byte("delegation = 1"), 1)
	_, after, err := Build(fsys, Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		site.PersonURL("qz-ines-obrien") + "index.html":           true,
		site.TeamMembersURL("customer-operations") + "index.html": true,
		site.PeoplePageURL(1) + "index.html":                      true,
		site.InsightsURL() + "index.html":                         true,
	}
	for name, data := range after.Files {
		if strings.HasPrefix(name, "private/") && !bytes.Equal(data, before.Files[name]) && !want[name] {
			t.Errorf("%s changed", name)
		}
	}
	for name := range want {
		if bytes.Equal(after.Files[name], before.Files[name]) {
			t.Errorf("%s did not change", name)
		}
	}
}

// TestAggregateMinGroup publishes the fixture aggregate, and private, with
// min_group at 5 and then at 8: on public pages, a team, role or competency page shows a count, average
// or distribution only over that many people or more, says "fewer than"
// otherwise, and both happen.
func TestAggregateMinGroup(t *testing.T) {
	for _, mode := range []string{"aggregate", "private"} {
		t.Run(mode, func(t *testing.T) { minGroup(t, mode) })
	}
}

func minGroup(t *testing.T, mode string) {
	for _, min := range []int{5, 8} {
		site, out, err := Build(publishedAs(t, mode, fmt.Sprintf("min_group = %d\n", min)), Options{Secret: &testSecret})
		if err != nil {
			t.Fatal(err)
		}
		fewer := fmt.Sprintf("ewer than %d", min)
		shown, hidden := 0, 0
		for _, c := range site.Competencies {
			page := string(out.Files[model.CompetencyURL(c.ID)+"index.html"])
			has := strings.Contains(page, "<canvas") || strings.Contains(page, `data-chart=`) || strings.Contains(page, "<th scope=\"col\">People</th>")
			switch {
			case c.Rated == 0:
			case c.Rated < min:
				hidden++
				if has || !strings.Contains(page, fewer) {
					t.Errorf("min_group %d: %s, rated by %d, shows its distribution or does not say %q", min, c.ID, c.Rated, fewer)
				}
			default:
				shown++
				if !has {
					t.Errorf("min_group %d: %s, rated by %d, shows no distribution", min, c.ID, c.Rated)
				}
			}
		}
		for _, team := range site.Teams {
			page := string(out.Files[model.TeamURL(team.ID)+"index.html"])
			table := strings.Contains(page, `class="data levels"`)
			if small := len(team.Members) < min; small == table || small && (!strings.Contains(page, fewer) || strings.Contains(page, "average")) {
				t.Errorf("min_group %d: team %s of %d members: levels shown %v", min, team.ID, len(team.Members), table)
			}
			if len(team.Members) < min {
				hidden++
			} else {
				shown++
				// Within the table, a competency rated by fewer is a row
				// that says so.
				for _, st := range team.Summary {
					if st.Rated > 0 && st.Rated < min && !strings.Contains(page, fmt.Sprintf("fewer than %d rated", min)) {
						t.Errorf("min_group %d: team %s shows %s, rated by %d", min, team.ID, st.Competency.ID, st.Rated)
					}
				}
			}
		}
		for _, r := range site.Roles {
			page := string(out.Files[model.RoleURL(r.ID)+"index.html"])
			if n := len(r.People); n > 0 && n < min && !strings.Contains(page, "F"+fewer) {
				t.Errorf("min_group %d: role %s held by %d does not say so without the number", min, r.ID, n)
			}
		}
		if shown == 0 || hidden == 0 {
			t.Errorf("min_group %d: %d numbers shown, %d hidden; want some of each", min, shown, hidden)
		}
	}
}

// TestPublishSettings checks what [privacy] publish and min_group accept,
// and where each refusal points.
func TestPublishSettings(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"publish = \"agregate\"\n", `site.toml:8:11: publish must be "private", "aggregate" or "open", not "agregate" (did you mean "aggregate"?)`},
		{"publish = \"private\"\n", `site.toml:8:11: publish = "private" needs the site secret`},
		{"publish = 1\n", `site.toml:8:11: publish must be a string`},
		{"min_group = 0\n", `site.toml:8:13: min_group must be from 1 to 1000, not 0`},
		{"min_group = \"5\"\n", `site.toml:8:13: min_group must be a whole number, not a string`},
	} {
		_, _, err := Build(withSettings(t, "[privacy]\n"+c.text, nil), Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error = %v, want %s", c.text, err, c.want)
		}
	}
	site, err := Load(withSettings(t, "[privacy]\npublish = \"open\"\n", nil), Options{})
	if err != nil || site.Config.Privacy.Publish != "open" || site.Config.Privacy.MinGroup != 5 {
		t.Errorf("publish = \"open\": %+v, %v", site.Config.Privacy, err)
	}
	fsys := fixtureFS(t)
	fsys["site.toml"].Data = []byte(strings.TrimSuffix(string(fsys["site.toml"].Data), openTail))
	_, err = Load(fsys, Options{})
	if err == nil || !strings.Contains(err.Error(), "site.toml:1:1: the site is published private, the default, which needs the site secret") {
		t.Errorf("no [privacy] and no secret: error = %v", err)
	}
	site, err = Load(fsys, Options{Secret: &testSecret})
	if err != nil || site.Config.Privacy.Publish != "private" || site.Keys == nil {
		t.Errorf("no [privacy]: %+v, %v", site.Config.Privacy, err)
	}
}

// TestAggregateRebuild edits a site published aggregate under a Builder,
// and switches it to open and back: each rebuild equals a full build.
func TestAggregateRebuild(t *testing.T) {
	dir := t.TempDir()
	for name, f := range aggregate(t, "") {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	edit := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(dir, name)
		data, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(data), old) {
			t.Fatalf("%s: %v, or no %q in it", name, err, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		_, inc, err := b.Build([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		matchesFull(t, name+": "+new, inc, os.DirFS(dir))
	}
	edit("content/assessments/2026-extra.toml", "delegation = 3", "delegation = 4")
	edit("content/people/qz-ines-obrien.toml", `team = "customer-operations"`, `team = "finance-and-planning"`)
	edit("site.toml", `publish = "aggregate"`, `publish = "open"`)
	edit("site.toml", `publish = "open"`, `publish = "aggregate"`)
	edit("site.toml", `publish = "aggregate"`, "publish = \"aggregate\"\nmin_group = 2")
}

// TestAggregateFewPeople publishes a site of fewer people than min_group:
// no page gives their number.
func TestAggregateFewPeople(t *testing.T) {
	site, out, err := Build(aggregate(t, "min_group = 50\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := fmt.Sprintf(">%d</strong> people", len(site.People))
	for _, name := range []string{"index.html", "roles/index.html", "teams/index.html"} {
		page := string(out.Files[name])
		if strings.Contains(page, n) || strings.Contains(page, fmt.Sprintf("· %d people", len(site.People))) || !strings.Contains(page, "fewer than 50 people") {
			t.Errorf("%s gives the number of people, %d, or does not say fewer than 50", name, len(site.People))
		}
	}
}

// TestAggregateLayoutsFindNobody gives a site published aggregate a team
// layout of its own that asks for people every way the views offer: it
// finds none, and a step to the model behind a view is no field at all.
func TestAggregateLayoutsFindNobody(t *testing.T) {
	fsys := aggregate(t, "")
	fsys["layouts/team.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>{{.Team.Name}}</h1>
{{range .Site.People}}{{.Name}} {{end}}{{range .Team.Members}}{{.Name}} {{end}}{{range .Team.Matrix}}row {{end}}
{{range .Site.Roles}}{{range .People}}{{.Name}} {{end}}{{end}}{{range .Site.Teams}}{{range .Members}}{{.Name}} {{end}}{{end}}
{{range .Site.Cycles}}{{range $id, $r := .Ratings}}{{$id}} {{end}}{{range .IDs}}{{.}} {{end}}{{range $id, $r := .ByPerson}}{{$id}} {{end}}{{end}}
{{.MemberItems}}{{.MatrixRows}}{{.PeopleRows}}{{.RolePeopleItems}}{{end}}`)}
	site, out, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["teams/customer-operations/index.html"])
	if !strings.Contains(page, "<h1>Customer Operations</h1>") {
		t.Fatalf("the layout did not render the team:\n%s", page)
	}
	for _, p := range site.People {
		if strings.Contains(page, p.ID) || strings.Contains(page, html.EscapeString(p.Name)) {
			t.Errorf("the team page names %s", p.ID)
		}
	}
	if strings.Contains(page, "row ") {
		t.Error("the team page has rows of a skills matrix")
	}
	for path, field := range map[string]string{".Team.Team.Members": "Team", "(index .Site.Roles 0).Role.People": "Role", "(index .Site.Cycles 0).Cycle.IDs": "Cycle"} {
		fsys["layouts/team.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{` + path + `}}{{end}}`)}
		_, _, err := Build(fsys, Options{})
		if want := "can't evaluate field " + field; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", path, err, want)
		}
	}
}

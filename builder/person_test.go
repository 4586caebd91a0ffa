package builder

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"portal/charts"
)

// viewsSite is a site whose person, Amara, has two manager reviews, a
// self-assessment and a peer review, each rating a different set of
// competencies, and whose other person, Noel, was never assessed. The
// expectations of TestPersonViews are worked out by hand from it.
func viewsSite() fstest.MapFS {
	files := map[string]string{
		"site.toml": `title = "Views"
[[scale]]
level = 0
name = "Not yet"
[[scale]]
level = 1
name = "Developing"
[[scale]]
level = 2
name = "Practising"
[[scale]]
level = 3
name = "Skilled"
[[scale]]
level = 4
name = "Role model"
[privacy]
publish = "open"
`,
		"content/competencies/work/_index.md":      "+++\ntitle = \"Work\"\n+++\n",
		"content/competencies/work/planning.md":    "+++\ntitle = \"Planning\"\norder = 1\n[levels]\n3 = \"Plans a quarter.\"\n+++\n",
		"content/competencies/work/feedback.md":    "+++\ntitle = \"Feedback\"\norder = 2\n+++\n",
		"content/competencies/work/resilience.md":  "+++\ntitle = \"Resilience\"\norder = 3\n+++\n",
		"content/competencies/work/coaching.md":    "+++\ntitle = \"Coaching\"\norder = 4\n+++\n",
		"content/competencies/work/delegation.md":  "+++\ntitle = \"Delegation\"\norder = 5\n+++\n",
		"content/competencies/work/strategy.md":    "+++\ntitle = \"Strategy\"\norder = 6\n[levels]\n2 = \"Links the team's plan to the strategy.\"\n+++\n",
		"content/roles/lead.md":                    "+++\ntitle = \"Lead\"\ntrack = \"Management\"\nnext = \"senior\"\n[targets]\nplanning = 3\nfeedback = 3\nresilience = 2\ncoaching = 2\ndelegation = 1\n+++\n",
		"content/roles/senior.md":                  "+++\ntitle = \"Senior lead\"\ntrack = \"Management\"\n[targets]\nplanning = 4\nfeedback = 3\nresilience = 3\ndelegation = 2\nstrategy = 2\n+++\n",
		"content/roles/analyst.md":                 "+++\ntitle = \"Analyst\"\n[targets]\nplanning = 2\n+++\n",
		"content/teams/ops.toml":                   "name = \"Ops\"\n",
		"content/people/amara.toml":                "name = \"Amara\"\nteam = \"ops\"\nrole = \"lead\"\n",
		"content/people/noel.toml":                 "name = \"Noel\"\nteam = \"ops\"\nrole = \"lead\"\n",
		"content/assessments/2025-h2.toml":         "title = \"2025 H2 review\"\ndate = 2025-12-15\n[ratings.amara]\nplanning = 1\nfeedback = 3\nresilience = 2\n",
		"content/assessments/2026-h1.toml":         "title = \"2026 H1 review\"\ndate = 2026-06-30\n[ratings.amara]\nplanning = 2\nfeedback = 3\n",
		"content/assessments/2026-self.toml":       "title = \"2026 self-assessment\"\ndate = 2026-09-30\nkind = \"self\"\n[ratings.amara]\nplanning = 3\nfeedback = 3\nresilience = 1\ncoaching = 2\n",
		"content/assessments/2026-peer.toml":       "title = \"2026 peer review\"\ndate = 2026-10-15\nkind = \"peer\"\n[ratings.amara]\nplanning = [2, 3, 3]\nfeedback = [4]\n",
		"content/articles/planning-basics.md":      "+++\ntitle = \"Planning basics\"\ndate = 2026-01-01\ncompetencies = [\"planning\"]\nlevel = 2\n+++\nHeld already.\n",
		"content/articles/quarter-plans.md":        "+++\ntitle = \"Quarter plans\"\ndate = 2026-03-01\ncompetencies = [\"planning\"]\nlevel = 3\n+++\nThe next step.\n",
		"content/articles/older-quarter-plans.md":  "+++\ntitle = \"Older quarter plans\"\ndate = 2025-03-01\ncompetencies = [\"planning\"]\nlevel = 3\n+++\nAlso the next step.\n",
		"content/articles/planning-for-the-org.md": "+++\ntitle = \"Planning for the organisation\"\ndate = 2026-05-01\ncompetencies = [\"planning\"]\nlevel = 4\n+++\nBeyond the target.\n",
		"content/articles/thinking-about-plans.md": "+++\ntitle = \"Thinking about plans\"\ndate = 2024-01-01\ncompetencies = [\"planning\"]\n+++\nFor any level.\n",
	}
	return textFS(files)
}

// textFS is a file system of the files by name, each holding its text.
func textFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// rowOf returns the cells of the table row whose header links to the
// competency, as text with tags but without the markup around them.
func rowOf(t *testing.T, page, title string) []string {
	t.Helper()
	re := regexp.MustCompile(`(?s)<tr><th scope="row"><a href="[^"]*">` + regexp.QuoteMeta(title) + `</a></th>(.*?)</tr>`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no row for %s", title)
	}
	var cells []string
	for _, c := range regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`).FindAllStringSubmatch(m[1], -1) {
		cells = append(cells, c[1])
	}
	return cells
}

// TestPersonViews checks each view of a person's levels, where each comes
// from, the change since the cycle before, what is worth talking about, gaps
// apart from what is not rated, and the articles each gap offers.
func TestPersonViews(t *testing.T) {
	s, out, err := Build(viewsSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	amara := s.PersonByID["amara"]
	if amara.LastManager.ID != "2026-h1" || amara.LastSelf.ID != "2026-self" || amara.LastPeer.ID != "2026-peer" {
		t.Errorf("latest cycles: manager %v, self %v, peer %v", amara.LastManager.ID, amara.LastSelf.ID, amara.LastPeer.ID)
	}
	page := string(out.Files["people/amara/index.html"])

	const (
		badge2 = `<span class="lvl lvl-2">2</span> Practising`
		badge3 = `<span class="lvl lvl-3">3</span> Skilled`
		dash   = `<span class="muted">–</span>`
	)
	number := func(n int, name string) string {
		return `<span class="lvl lvl-` + string(rune('0'+n)) + `" title="` + name + `">` + string(rune('0'+n)) + `</span>`
	}
	named := func(n int, name string) string {
		return number(n, name) + `<span class="lvl-name"> ` + name + `</span>`
	}
	p2, s3 := named(2, "Practising"), named(3, "Skilled")
	// Columns: current, self, peers, target, change, gap.
	want := map[string][]string{
		// Raised from 1 to 2 between the manager reviews; the self rating
		// is a level above; three peers gave 2, 3 and 3.
		"Planning": {p2, number(3, "Skilled"), `2.7 <span class="muted">(3)</span>`, s3, `<span class="up">▲ from 1</span>`, `<strong>1</strong>`},
		"Feedback": {s3, number(3, "Skilled"), `4.0 <span class="muted">(1)</span>`, s3, `<span class="muted">same</span>`, `<span class="ok">met</span>`},
		// The latest manager review left it out: the level is the one of
		// December 2025, marked so.
		"Resilience": {p2 + ` <span class="tag" title="2025 H2 review">Dec 2025</span>`, number(1, "Developing"), dash, p2, dash, `<span class="ok">met</span>`},
		// No manager rated it: the self rating stands in, marked.
		"Coaching": {p2 + ` <span class="tag">self</span>`, number(2, "Practising"), dash, p2, dash, `<span class="ok">met</span>`},
		// Targeted, never rated: not a gap.
		"Delegation": {`<span class="muted">not rated</span>`, dash, dash, named(1, "Developing"), dash, `<span class="muted">not rated</span>`},
	}
	for title, cells := range want {
		if got := rowOf(t, page, title); !slices.Equal(got, cells) {
			t.Errorf("%s row:\n got %q\nwant %q", title, got, cells)
		}
	}
	for _, s := range []string{
		`<strong>2026 H1 review</strong>, <time datetime="2026-06-30">30 June 2026</time>`,
		`<strong>2026 self-assessment</strong>, <time datetime="2026-09-30">30 September 2026</time>`,
		`<strong>2026 peer review</strong>, <time datetime="2026-10-15">15 October 2026</time>`,
		`<p class="meta">1 gap, 1 not rated yet.</p>`,
		`<li><a href="../../competencies/delegation/">Delegation</a>: the role expects <span class="lvl lvl-1">1</span> Developing</li>`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("Amara's page lacks %s", s)
		}
	}
	// Worth talking about: planning (self 3, manager 2) and resilience
	// (self 1, manager 2), in framework order; not coaching, whose current
	// level is the self rating itself.
	talk := regexp.MustCompile(`(?s)<ul class="differences">(.*?)</ul>`).FindStringSubmatch(page)
	if talk == nil {
		t.Fatal("no list of what is worth talking about")
	}
	wantTalk := "\n      <li><a href=\"../../competencies/planning/\">Planning</a>: self " + badge3 + ", manager " + badge2 + "</li>" +
		"\n      <li><a href=\"../../competencies/resilience/\">Resilience</a>: self <span class=\"lvl lvl-1\">1</span> Developing, manager " + badge2 + "</li>\n    "
	if talk[1] != wantTalk {
		t.Errorf("worth talking about:\n got %q\nwant %q", talk[1], wantTalk)
	}
	// The planning gap (2 to 3) offers the level-3 articles, newest first,
	// then the one for no level; not the level-2 one (held already) or the
	// level-4 one (beyond the target).
	var offered []string
	for _, a := range amara.Gaps[0].Articles {
		offered = append(offered, a.ID)
	}
	if want := []string{"quarter-plans", "older-quarter-plans", "thinking-about-plans"}; !slices.Equal(offered, want) {
		t.Errorf("articles for the planning gap: %v, want %v", offered, want)
	}

	// Never assessed: no gap, no list of gaps, and the page says so.
	noel := s.PersonByID["noel"]
	if len(noel.Gaps) != 0 || noel.NotRated != 5 || noel.Assessed {
		t.Errorf("Noel: %d gaps, %d not rated, assessed %v; want 0, 5, false", len(noel.Gaps), noel.NotRated, noel.Assessed)
	}
	noelPage := string(out.Files["people/noel/index.html"])
	if !strings.Contains(noelPage, "<strong>Not assessed yet.</strong>") || strings.Contains(noelPage, `id="gaps"`) || strings.Contains(noelPage, "level short") {
		t.Errorf("Noel's page does not read as never assessed:\n%s", noelPage)
	}
}

// TestCareerLadder checks what a site with a career ladder shows: on the
// role page, what changes from one role to the next; on the person page,
// how ready they are for the next role, with articles for what is
// missing; on the roles list, the roles grouped by track, each ladder from
// its foot.
func TestCareerLadder(t *testing.T) {
	s, out, err := Build(viewsSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	lead, senior := s.RoleByID["lead"], s.RoleByID["senior"]
	if lead.Next != senior || len(senior.Previous) != 1 || senior.Previous[0] != lead {
		t.Fatalf("lead's next %v, senior's previous %v", lead.Next, senior.Previous)
	}

	// Planning and resilience need more, coaching is no longer targeted,
	// delegation is raised and strategy is new.
	role := string(out.Files["roles/lead/index.html"])
	table := regexp.MustCompile(`(?s)<h3>From Lead to Senior lead</h3>.*?<tbody>(.*?)</tbody>`).FindStringSubmatch(role)
	if table == nil {
		t.Fatalf("the lead's page has no step to the senior lead:\n%s", role)
	}
	var steps []string
	for _, row := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(table[1], -1) {
		text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(row[1], "")
		steps = append(steps, strings.Join(strings.Fields(html.UnescapeString(text)), " "))
	}
	want := []string{
		"Planning 3 Skilled 4 Role model ▲ raised",
		"Resilience 2 Practising 3 Skilled ▲ raised",
		"Coaching 2 Practising not targeted",
		"Delegation 1 Developing 2 Practising ▲ raised",
		"Strategy not targeted 2 Practising new Links the team's plan to the strategy.",
	}
	if !slices.Equal(steps, want) {
		t.Errorf("steps from lead to senior lead:\n got %q\nwant %q", steps, want)
	}
	if !strings.Contains(role, `On the Management track. Leads to <a href="../../roles/senior/">Senior lead</a>.`) {
		t.Errorf("the lead's page does not name the next role")
	}
	if !strings.Contains(string(out.Files["roles/senior/index.html"]), `Comes after <a href="../../roles/lead/">Lead</a>.`) {
		t.Errorf("the senior lead's page does not name the role before")
	}

	// Amara: feedback meets the senior target; planning (2 of 4) and
	// resilience (2 of 3) do not; delegation and strategy are not rated.
	page := string(out.Files["people/amara/index.html"])
	if !strings.Contains(page, `The next step from Lead is <a href="../../roles/senior/">Senior lead</a>: 1 of its 5 targets met, 2 not rated yet.`) {
		t.Errorf("Amara's readiness for the next role is not stated")
	}
	section := regexp.MustCompile(`(?s)<section aria-labelledby="next-role">(.*?)</section>`).FindStringSubmatch(page)
	if section == nil {
		t.Fatal("no section on the next role")
	}
	var missing []string
	for _, m := range regexp.MustCompile(`<h3><a href="[^"]*">([^<]*)</a> <span class="gap-size">([^<]*)</span></h3>`).FindAllStringSubmatch(section[1], -1) {
		missing = append(missing, m[1]+": "+m[2])
	}
	if want := []string{"Planning: 2 levels", "Resilience: 1 level"}; !slices.Equal(missing, want) {
		t.Errorf("missing for the next role: %q, want %q", missing, want)
	}
	// Planning from 2 to 4: the level-3 articles, then the level-4 one;
	// not the level-2 one, and only three in all.
	var articles []string
	for _, m := range regexp.MustCompile(`<li><a href="../../articles/([^/]*)/">`).FindAllStringSubmatch(section[1], -1) {
		articles = append(articles, m[1])
	}
	if want := []string{"quarter-plans", "older-quarter-plans", "planning-for-the-org"}; !slices.Equal(articles, want) {
		t.Errorf("articles towards the next role: %q, want %q", articles, want)
	}

	// The roles list: the Management track with its ladder from the
	// foot, then the roles on no track.
	roles := string(out.Files["roles/index.html"])
	var order []string
	for _, m := range regexp.MustCompile(`<h2 class="track">([^<]*)</h2>|<h3><a href="[^"]*">([^<]*)</a></h3>`).FindAllStringSubmatch(roles, -1) {
		order = append(order, m[1]+m[2])
	}
	if want := []string{"Management", "Lead", "Senior lead", "Other roles", "Analyst"}; !slices.Equal(order, want) {
		t.Errorf("roles list: %q, want %q", order, want)
	}
}

// TestLevelColours checks the stylesheet of the levels on scales of 2, 5
// and 8 levels: one rule per level, no two alike, each with text at 4.5:1
// or more on its colour; and that pages link it.
func TestLevelColours(t *testing.T) {
	for _, levels := range []int{2, 5, 8} {
		fsys := viewsSite()
		var conf strings.Builder
		conf.WriteString("title = \"Views\"\n[privacy]\npublish = \"open\"\n")
		for l := range levels {
			fmt.Fprintf(&conf, "[[scale]]\nlevel = %d\nname = \"Level %d\"\n", l, l)
		}
		fsys["site.toml"] = &fstest.MapFile{Data: []byte(conf.String())}
		// Levels above the scale's top are brought down to it.
		for name, f := range fsys {
			if strings.HasPrefix(name, "content/") {
				f.Data = regexp.MustCompile(`\b[2-9]\b`).ReplaceAllFunc(f.Data, func(b []byte) []byte {
					return []byte(strconv.Itoa(min(int(b[0]-'0'), levels-1)))
				})
			}
		}
		_, out, err := Build(fsys, Options{})
		if err != nil {
			t.Fatalf("%d levels: %v", levels, err)
		}
		var css string
		for name, data := range out.Files {
			if regexp.MustCompile(`^css/levels\.[0-9a-f]{8}\.css$`).MatchString(name) {
				css = string(data)
				if !strings.Contains(string(out.Files["index.html"]), `href="`+name+`"`) {
					t.Errorf("%d levels: the home page does not link %s", levels, name)
				}
			}
		}
		rules := regexp.MustCompile(`\.lvl-(\d+) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}`).FindAllStringSubmatch(css, -1)
		if len(rules) != levels {
			t.Fatalf("%d levels: %d rules in the stylesheet:\n%s", levels, len(rules), css)
		}
		seen := map[string]bool{}
		for i, r := range rules {
			if r[1] != strconv.Itoa(i) || seen[r[2]] {
				t.Errorf("%d levels: rule %d is %q, for level %s; want level %d in a colour of its own", levels, i, r[0], r[1], i)
			}
			seen[r[2]] = true
			if c := charts.Contrast(r[2], r[3]); c < 4.5 {
				t.Errorf("%d levels: level %s, text %s on %s at %.2f:1", levels, r[1], r[3], r[2], c)
			}
		}
	}
}

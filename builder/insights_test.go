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
	"time"

	"portal/builder/model"
	"portal/builder/seal"
)

// insightsSite is a small organisation whose insights are worked out by
// hand in the tests below. Scale 0-3; Dev targets Plan 2 and Code 3, Lead
// targets Plan 3 and Talk 2.
//
//	        team   role  current levels (cycle)                 own view
//	ann     alpha  dev   plan 2 (m2), code 3 (m2)               plan 3, code 3
//	bob     alpha  dev   plan 2 (m1), code 2 (m2)               plan 2, code 3
//	cat     alpha  lead  plan 3 (m1), talk 2 (m2)               talk 1
//	dan     beta   dev   plan 0 (m1), code 2 (m1)               plan 2, code 2
//	eve     beta   lead  plan 1 (m1); talk not rated            -
//	fay     beta   dev   never assessed                         -
//
// The cycles are m1 (manager, 15 January 2025), s1 (self, 1 March 2026)
// and m2 (manager, 30 June 2026); stale_after is 3 months.
func insightsSite(settings string) fstest.MapFS {
	files := map[string]string{
		"site.toml": `title = "Insights"
` + settings + `
[[scale]]
level = 0
name = "Not yet"
[[scale]]
level = 1
name = "Basic"
[[scale]]
level = 2
name = "Good"
[[scale]]
level = 3
name = "Expert"
`,
		"content/competencies/work/_index.md": "+++\ntitle = \"Work\"\n+++\n",
		"content/competencies/work/plan.md":   "+++\ntitle = \"Plan\"\norder = 1\n+++\n",
		"content/competencies/work/talk.md":   "+++\ntitle = \"Talk\"\norder = 2\n+++\n",
		"content/competencies/work/code.md":   "+++\ntitle = \"Code\"\norder = 3\n+++\n",
		"content/roles/dev.md":                "+++\ntitle = \"Dev\"\n[targets]\nplan = 2\ncode = 3\n+++\n",
		"content/roles/lead.md":               "+++\ntitle = \"Lead\"\n[targets]\nplan = 3\ntalk = 2\n+++\n",
		"content/teams/alpha.toml":            "name = \"Alpha\"\n",
		"content/teams/beta.toml":             "name = \"Beta\"\n",
		"content/people/ann.toml":             "name = \"Ann Ash\"\nteam = \"alpha\"\nrole = \"dev\"\n",
		"content/people/bob.toml":             "name = \"Bob Birch\"\nteam = \"alpha\"\nrole = \"dev\"\n",
		"content/people/cat.toml":             "name = \"Cat Cedar\"\nteam = \"alpha\"\nrole = \"lead\"\n",
		"content/people/dan.toml":             "name = \"Dan Elm\"\nteam = \"beta\"\nrole = \"dev\"\n",
		"content/people/eve.toml":             "name = \"Eve Fir\"\nteam = \"beta\"\nrole = \"lead\"\n",
		"content/people/fay.toml":             "name = \"Fay Gum\"\nteam = \"beta\"\nrole = \"dev\"\n",
		"content/assessments/m1.toml":         "title = \"M1\"\ndate = 2025-01-15\n[ratings.ann]\nplan = 1\ncode = 3\n[ratings.bob]\nplan = 2\ncode = 1\n[ratings.cat]\nplan = 3\ntalk = 1\n[ratings.dan]\nplan = 0\ncode = 2\n[ratings.eve]\nplan = 1\n",
		"content/assessments/s1.toml":         "title = \"S1\"\ndate = 2026-03-01\nkind = \"self\"\n[ratings.ann]\nplan = 3\ncode = 3\n[ratings.bob]\nplan = 2\ncode = 3\n[ratings.dan]\nplan = 2\ncode = 2\n[ratings.cat]\ntalk = 1\n",
		"content/assessments/m2.toml":         "title = \"M2\"\ndate = 2026-06-30\n[ratings.ann]\nplan = 2\ncode = 3\n[ratings.bob]\ncode = 2\n[ratings.cat]\ntalk = 2\n",
		"content/articles/plan-steps.md":      "+++\ntitle = \"Plan steps\"\ndate = 2026-01-01\ncompetencies = [\"plan\"]\nlevel = 2\n+++\nBody.\n",
		"content/articles/talk-well.md":       "+++\ntitle = \"Talk well\"\ndate = 2025-06-01\ncompetencies = [\"talk\"]\nlevel = 2\n+++\nBody.\n",
		"content/articles/code-in-general.md": "+++\ntitle = \"Code in general\"\ndate = 2025-01-01\ncompetencies = [\"code\"]\n+++\nBody.\n",
	}
	return textFS(files)
}

const insightsOpen = "[privacy]\npublish = \"open\"\n[insights]\nstale_after = \"3 months\"\n"

// TestInsightsFigures checks each figure of the insights against the
// fixture, worked out by hand.
func TestInsightsFigures(t *testing.T) {
	s, _, err := Build(insightsSite(insightsOpen), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(cs []*model.Competency) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return strings.Join(out, " ")
	}

	// Plan: 6 targeted, 5 rated, Dan 2 and Eve 2 short. Code: 4 targeted,
	// 3 rated, Bob and Dan 1 short each. Talk: Cat alone rated, at target.
	gaps := model.OrgGaps(s)
	var got []string
	for _, g := range gaps {
		got = append(got, strings.Join([]string{g.Competency.ID, itoa(g.Targeted), itoa(g.Rated), itoa(g.Below), itoa(g.Total)}, " "))
	}
	if want := []string{"plan 6 5 2 4", "code 4 3 2 2", "talk 2 1 0 0"}; !slices.Equal(got, want) {
		t.Errorf("gaps = %q, want %q", got, want)
	}

	// Alpha: Plan met by all three, Talk by Cat alone, Code by Ann alone.
	// Beta: nobody meets any of its three.
	cover := model.TeamCoverage(s)
	a, b := cover[0], cover[1]
	if a.Team.ID != "alpha" || a.Targeted != 3 || a.Assessed != 3 || len(a.Nobody) != 0 || a.Several != 1 || len(a.Alone) != 2 ||
		a.Alone[0].Competency.ID != "talk" || a.Alone[0].Person.ID != "cat" || a.Alone[1].Competency.ID != "code" || a.Alone[1].Person.ID != "ann" {
		t.Errorf("alpha's coverage = %+v", a)
	}
	if b.Team.ID != "beta" || b.Targeted != 3 || b.Assessed != 2 || ids(b.Nobody) != "plan talk code" || len(b.Alone) != 0 || b.Several != 0 {
		t.Errorf("beta's coverage = %+v, nobody %s", b, ids(b.Nobody))
	}

	// Steps: Bob Code 3; Dan Plan 1 and 2, Code 3; Eve Plan 2 and 3.
	got = nil
	for _, n := range model.TrainingNeeds(s) {
		got = append(got, strings.Join([]string{n.Competency.ID, itoa(n.Level), itoa(n.People), itoa(n.Articles), itoa(n.General)}, " "))
	}
	if want := []string{"plan 2 2 1 0", "code 3 2 0 1", "plan 1 1 0 0", "plan 3 1 0 0"}; !slices.Equal(got, want) {
		t.Errorf("needs = %q, want %q", got, want)
	}

	// Plan steps (to 2) serves Dan (0 to 2) and Eve (1 to 3); Code in
	// general serves Bob's and Dan's Code gaps; Talk well serves none.
	got = nil
	for _, u := range model.ArticleUses(s) {
		got = append(got, strings.Join([]string{u.Article.ID, itoa(u.People), itoa(u.Gaps)}, " "))
	}
	if want := []string{"plan-steps 2 2", "code-in-general 2 2"}; !slices.Equal(got, want) {
		t.Errorf("article uses = %q, want %q", got, want)
	}

	// Plan lacks 1 and 3 (Dan needs 1, Eve 3); Code lacks all three (Bob
	// and Dan need 3) but has a general article; Talk lacks 1 and 3.
	got = nil
	for _, u := range model.UncoveredLevels(s) {
		got = append(got, fmt.Sprint(u.Competency.ID, " ", joinInts(u.Levels), " ", u.People, " ", u.None))
	}
	if want := []string{"plan 1,3 2 false", "code 1,2,3 2 false", "talk 1,3 0 false"}; !slices.Equal(got, want) {
		t.Errorf("uncovered = %q, want %q", got, want)
	}

	// 3 months before M2 (30 June 2026) is 30 March 2026: Eve was last
	// rated in M1, Dan in S1 (1 March 2026); Fay never.
	h := model.AssessmentHealth(s, s.Config.StaleAfter)
	var stale, never []string
	for _, p := range h.Stale {
		stale = append(stale, p.ID)
	}
	for _, p := range h.Never {
		never = append(never, p.ID)
	}
	if h.Latest.ID != "m2" || !h.Since.Equal(time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC)) || strings.Join(stale, " ") != "eve dan" || strings.Join(never, " ") != "fay" {
		t.Errorf("health: latest %s, since %s, stale %v, never %v", h.Latest.ID, h.Since, stale, never)
	}
	got = nil
	for _, c := range h.Cycles {
		got = append(got, strings.Join([]string{c.Cycle.ID, itoa(c.People), itoa(c.Rated), itoa(c.Targets)}, " "))
	}
	if want := []string{"m1 5 9 10", "s1 4 7 8", "m2 3 4 6"}; !slices.Equal(got, want) {
		t.Errorf("completion = %q, want %q", got, want)
	}

	// Alpha: Ann plan -1, code 0; Bob plan 0, code -1; Cat talk +1. Beta:
	// Dan plan -2, code 0; Eve rated no own view.
	teams, comps := model.Calibrations(s)
	cal := func(c model.Calibration) string {
		return strings.Join([]string{itoa(c.People), itoa(c.Pairs), itoa(c.Sum), itoa(c.Apart)}, " ")
	}
	differ := func(list []model.Calibration) string {
		var out []string
		for _, c := range list {
			out = append(out, c.Competency.ID+" "+cal(c))
		}
		return strings.Join(out, "; ")
	}
	if got, want := cal(teams[0]), "3 5 -1 3"; got != want {
		t.Errorf("alpha's calibration = %s, want %s", got, want)
	}
	if got, want := differ(teams[0].Differ), "talk 1 1 1 1; plan 2 2 -1 1; code 2 2 -1 1"; got != want {
		t.Errorf("alpha differs in %s, want %s", got, want)
	}
	if got, want := cal(teams[1])+"; "+differ(teams[1].Differ), "1 2 -2 2; plan 1 1 -2 2"; got != want {
		t.Errorf("beta's calibration = %s, want %s", got, want)
	}
	if got, want := differ(comps), "plan 3 3 -3 3; talk 1 1 1 1; code 3 3 -1 1"; got != want {
		t.Errorf("competencies apart = %s, want %s", got, want)
	}
}

func joinInts(list []int) string {
	var out []string
	for _, n := range list {
		out = append(out, strconv.Itoa(n))
	}
	return strings.Join(out, ",")
}

// tableRows returns the rows of the table after heading on a page, each
// as the text of its cells joined by " | ", tags left out.
func tableRows(t *testing.T, page, heading string) []string {
	t.Helper()
	i := strings.Index(page, heading)
	if i < 0 {
		t.Fatalf("no %q on the page", heading)
	}
	rest := page[i:]
	body := rest[strings.Index(rest, "<tbody>")+len("<tbody>"):]
	body = body[:strings.Index(body, "</tbody>")]
	tags := regexp.MustCompile(`<[^>]*>`)
	var rows []string
	for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(body, -1) {
		var cells []string
		for _, c := range regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`).FindAllStringSubmatch(tr[1], -1) {
			cells = append(cells, strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(c[1], ""))), " "))
		}
		rows = append(rows, strings.Join(cells, " | "))
	}
	return rows
}

// TestInsightsPage checks the insights page of the fixture published open:
// every table, the sentences about assessment health, the charts' data, and
// the links to it.
func TestInsightsPage(t *testing.T) {
	_, out, err := Build(insightsSite(insightsOpen), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["insights/index.html"])
	for _, want := range []struct {
		heading string
		rows    []string
	}{
		{`id="gaps"`, []string{"Plan | 6 | 5 | 2 | 4", "Code | 4 | 3 | 2 | 2"}},
		{`id="coverage"`, []string{"Beta | 3 | 3 | 0 | 0 | none", "Alpha | 3 | 0 | 2 | 1 | Talk (Cat Cedar), Code (Ann Ash)"}},
		{`id="needs"`, []string{
			"Plan | 2 Good | 2 | 1 article",
			"Code | 3 Expert | 2 | none for this level; 1 general article",
			"Plan | 1 Basic | 1 | none",
			"Plan | 3 Expert | 1 | none",
		}},
		{"Articles that serve the most gaps", []string{"Plan steps | 2 Good | 2 | 2", "Code in general | any | 2 | 2"}},
		{"Levels no article is written for", []string{"Plan | 1 3 | 2", "Code | 1 2 3 | 2", "Talk | 1 3 | 0"}},
		{"Completion of each cycle", []string{
			"M1 | 15 January 2025 | manager | 5 of 6 (83%) | 9 of 10 (90%)",
			"S1 | 1 March 2026 | self | 4 of 6 (66%) | 7 of 8 (87%)",
			"M2 | 30 June 2026 | manager | 3 of 6 (50%) | 4 of 6 (66%)",
		}},
		{`id="calibration"`, []string{
			"Beta | 1 | −1.0 | 1.0 | Plan (2.0 apart, mean −2.0)",
			"Alpha | 3 | −0.2 | 0.6 | Talk (1.0 apart, mean +1.0), Plan (0.5 apart, mean −0.5), Code (0.5 apart, mean −0.5)",
		}},
		{"Competencies where managers and people differ most", []string{"Plan | 3 | −1.0 | 1.0", "Talk | 1 | +1.0 | 1.0", "Code | 3 | −0.3 | 0.3"}},
	} {
		if got := tableRows(t, page, want.heading); !slices.Equal(got, want.rows) {
			t.Errorf("table after %s:\n got %q\nwant %q", want.heading, got, want.rows)
		}
	}
	for _, s := range []string{
		"Ratings count as out of date when they are older than 3 months before the newest cycle, M2 (30 June 2026). 2 people were last rated before 30 March 2026. 1 person has never been assessed.",
		`<a href="../people/eve/">Eve Fir</a> · Beta · <span class="muted">last rated in M1</span>`,
		`<a href="../people/dan/">Dan Elm</a> · Beta · <span class="muted">last rated in S1</span>`,
		`<a href="../people/fay/">Fay Gum</a> · Beta</li>`,
		"Nobody rated is below target in the other 1 competency that roles target.",
	} {
		if !strings.Contains(page, s) {
			t.Errorf("the insights page lacks %s", s)
		}
	}
	if i, j := strings.Index(page, "Eve Fir"), strings.Index(page, "Dan Elm"); i > j {
		t.Errorf("Dan, rated later, is listed before Eve")
	}

	// The charts hold the tables' figures.
	bars := func(id string) (rows []string, series map[string][]float64) {
		opts := chartOptions(t, page, id)
		for _, r := range first(t, opts, "yAxis")["data"].([]any) {
			rows = append(rows, r.(map[string]any)["value"].(string))
		}
		series = map[string][]float64{}
		for _, s := range opts["series"].([]any) {
			m := s.(map[string]any)
			for _, d := range m["data"].([]any) {
				series[m["name"].(string)] = append(series[m["name"].(string)], d.(map[string]any)["value"].(float64))
			}
		}
		return rows, series
	}
	rows, series := bars("chart-insights-gaps")
	if strings.Join(rows, ",") != "Plan,Code" || !slices.Equal(series["Levels short in all"], []float64{4, 2}) || !slices.Equal(series["People below target"], []float64{2, 2}) {
		t.Errorf("gaps chart: %v %v", rows, series)
	}
	rows, series = bars("chart-insights-coverage")
	if strings.Join(rows, ",") != "Beta,Alpha" || !slices.Equal(series["Nobody at target"], []float64{3, 0}) || !slices.Equal(series["One member at target"], []float64{0, 2}) || !slices.Equal(series["Two or more"], []float64{0, 1}) {
		t.Errorf("coverage chart: %v %v", rows, series)
	}
	rows, series = bars("chart-insights-needs")
	if strings.Join(rows, ",") != "Plan → 2,Code → 3,Plan → 1,Plan → 3" || !slices.Equal(series["An article is written for the step"], []float64{2, 0, 0, 0}) || !slices.Equal(series["No article for the step"], []float64{0, 2, 1, 1}) {
		t.Errorf("needs chart: %v %v", rows, series)
	}
	rows, series = bars("chart-insights-completion")
	if strings.Join(rows, ",") != "M1,S1,M2" || !slices.Equal(series["People rated"], []float64{83, 66, 50}) {
		t.Errorf("completion chart: %v %v", rows, series)
	}
	rows, series = bars("chart-insights-calibration")
	if strings.Join(rows, ",") != "Beta,Alpha" || !slices.Equal(series["Mean difference"], []float64{-1, -0.2}) {
		t.Errorf("calibration chart: %v %v", rows, series)
	}

	home, people := string(out.Files["index.html"]), string(out.Files["people/index.html"])
	if !strings.Contains(home, `<a href="insights/">Insights across the organisation</a>`) || !strings.Contains(home, `<li><a href="insights/">Insights</a></li>`) {
		t.Errorf("the home page does not link the insights")
	}
	if strings.Contains(people, "L&amp;D's copy") {
		t.Errorf("a site published open points at a private copy of the insights")
	}
}

// TestInsightsPrivacy checks that a public insights page names nobody and
// leaves out figures over fewer than min_group people, and that on a site
// published private, L&D's sealed copy names them.
func TestInsightsPrivacy(t *testing.T) {
	names := []string{"Ann Ash", "Bob Birch", "Cat Cedar", "Dan Elm", "Eve Fir", "Fay Gum", "people/ann", "people/eve"}
	check := func(t *testing.T, page string) {
		t.Helper()
		for _, n := range names {
			if strings.Contains(page, n) {
				t.Errorf("the public insights page names %s", n)
			}
		}
		for _, want := range []struct {
			heading string
			rows    []string
		}{
			{`id="gaps"`, []string{"Plan | 6 | 5 | 2 | 4", "Code | 4 | 3 | 2 | 2"}},
			{`id="coverage"`, []string{"Beta | 3 | 3 | 0 | 0 | none", "Alpha | 3 | 0 | 2 | 1 | Talk, Code"}},
			{`id="needs"`, []string{
				"Plan | 2 Good | fewer than 3 people | 1 article",
				"Code | 3 Expert | fewer than 3 people | none for this level; 1 general article",
				"Plan | 1 Basic | fewer than 3 people | none",
				"Plan | 3 Expert | fewer than 3 people | none",
			}},
			{`id="calibration"`, []string{
				"Alpha | 3 | −0.2 | 0.6 | each competency has fewer than 3 people rated both ways",
				"Beta | fewer than 3 people rated both ways",
			}},
			{"Competencies where managers and people differ most", []string{"Plan | 3 | −1.0 | 1.0", "Code | 3 | −0.3 | 0.3"}},
		} {
			if got := tableRows(t, page, want.heading); !slices.Equal(got, want.rows) {
				t.Errorf("table after %s:\n got %q\nwant %q", want.heading, got, want.rows)
			}
		}
		for _, s := range []string{
			"Fewer than 3 people were last rated before 30 March 2026. Fewer than 3 people have never been assessed.",
			"those over fewer than 3 people are left out. Nobody is named.",
		} {
			if !strings.Contains(page, s) {
				t.Errorf("the public insights page lacks %s", s)
			}
		}
		if strings.Contains(page, `data-chart="chart-insights-needs"`) {
			t.Errorf("the needs chart draws counts under min_group")
		}
		// The download holds what the page shows: the small counts left out.
		data := regexp.MustCompile(`(?s)<script type="application/json" id="export-insights">(.*?)</script>`).FindStringSubmatch(page)
		if data == nil || !strings.Contains(data[1], `["Plan",2,"Good","fewer than 3",1,0]`) || !strings.Contains(data[1], `["Plan",6,5,2,4]`) {
			t.Errorf("the insights' download does not hold what the page shows: %v", data)
		}
	}
	const settings = "[insights]\nstale_after = \"3 months\"\n[privacy]\nmin_group = 3\npublish = "
	t.Run("aggregate", func(t *testing.T) {
		_, out, err := Build(insightsSite(settings+`"aggregate"`), Options{})
		if err != nil {
			t.Fatal(err)
		}
		check(t, string(out.Files["insights/index.html"]))
		// A public team page's download holds counts alone.
		team := string(out.Files["teams/alpha/index.html"])
		if !strings.Contains(team, `"name":"Levels in the team"`) || strings.Contains(team, "Ann Ash") || strings.Contains(team, `"matrix"`) {
			t.Errorf("the aggregate team page's download is not its counts alone")
		}
	})
	t.Run("private", func(t *testing.T) {
		s, out, err := Build(insightsSite(settings+`"private"`), Options{Secret: &testSecret})
		if err != nil {
			t.Fatal(err)
		}
		page := string(out.Files["insights/index.html"])
		check(t, page)
		if !strings.Contains(page, "L&amp;D's copy of this page, which names people, opens from the people list with the L&amp;D link.") {
			t.Errorf("the public page does not say where L&D's copy is")
		}
		name := s.InsightsURL() + "index.html"
		sealed := out.Files[name]
		if sealed == nil || strings.Contains(string(sealed), "Eve Fir") {
			t.Fatalf("no sealed copy of the insights at %s, or it is in the clear", name)
		}
		lnd := string(unseal(t, name, sealed, seal.LnD()))
		for _, s := range []string{"Eve Fir", "Fay Gum", "Cat Cedar", "Ann Ash"} {
			if !strings.Contains(lnd, s) {
				t.Errorf("L&D's copy of the insights lacks %s", s)
			}
		}
		if got := tableRows(t, lnd, `id="needs"`); got[0] != "Plan | 2 Good | 2 | 1 article" {
			t.Errorf("L&D's copy leaves out small counts: %q", got[0])
		}
		peopleList := string(unseal(t, s.PeoplePageURL(1)+"index.html", out.Files[s.PeoplePageURL(1)+"index.html"], seal.LnD()))
		if !strings.Contains(peopleList, `L&amp;D's copy of the <a href="../../`+s.InsightsURL()+`">insights</a>`) {
			t.Errorf("the people list does not link L&D's copy of the insights")
		}
	})
}

// TestInsightsSettings checks [insights] stale_after: an unreadable period
// is an error at its value, and the period sets the cut-off.
func TestInsightsSettings(t *testing.T) {
	for _, c := range []struct{ value, msg string }{
		{`"12 parsecs"`, `site.toml:5:15: stale_after: "12 parsecs" is not a period: the unit is days, weeks, months or years, not "parsecs"`},
		{`"twelve months"`, `site.toml:5:15: stale_after: "twelve months" is not a period: "twelve" is not a whole number of 1 or more`},
		{`"12"`, `site.toml:5:15: stale_after: "12" is not a period: write a number and a unit, such as "12 months" or "90 days"`},
	} {
		_, _, err := Build(insightsSite("[privacy]\npublish = \"open\"\n[insights]\nstale_after = "+c.value+"\n"), Options{})
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("stale_after = %s: error %v, want %s", c.value, err, c.msg)
		}
	}
	// With no cycle, the page says so, and its download has empty sheets.
	fsys := insightsSite(insightsOpen)
	for name := range fsys {
		if strings.HasPrefix(name, "content/assessments/") {
			delete(fsys, name)
		}
	}
	_, out, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["insights/index.html"])
	if !strings.Contains(page, "No cycle has been recorded yet. 6 people have never been assessed.") || strings.Contains(page, `"rows":null`) {
		t.Errorf("the insights of a site with no cycle: %v", strings.Contains(page, `"rows":null`))
	}
	s, _, err := Build(insightsSite("[privacy]\npublish = \"open\"\n[insights]\nstale_after = \"2 weeks\"\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := model.AssessmentHealth(s, s.Config.StaleAfter).Since; !got.Equal(time.Date(2026, 6, 16, 0, 0, 0, 0, time.UTC)) || s.Config.StaleAfter.String() != "2 weeks" {
		t.Errorf("2 weeks before 30 June 2026 = %s (%s)", got, s.Config.StaleAfter)
	}
	s, _, err = Build(insightsSite("[privacy]\npublish = \"open\"\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Config.StaleAfter != model.DefaultStaleAfter || s.Config.StaleAfter.String() != "12 months" {
		t.Errorf("stale_after by default = %s", s.Config.StaleAfter)
	}
}

// TestInsightsManyTeams checks that the tables of teams list the 50 first
// in order of risk, and say so, on a site of more teams than that.
func TestInsightsManyTeams(t *testing.T) {
	fsys := insightsSite(insightsOpen)
	ratings := "title = \"M3\"\ndate = 2026-07-01\n"
	for i := range 52 {
		id := fmt.Sprintf("t%02d", i)
		fsys["content/teams/"+id+".toml"] = &fstest.MapFile{Data: []byte("name = \"Team " + id + "\"\n")}
		fsys["content/people/p"+id+".toml"] = &fstest.MapFile{Data: []byte("name = \"P " + id + "\"\nteam = \"" + id + "\"\nrole = \"dev\"\n")}
		// The last team's one member is below both targets: its two
		// competencies rest on nobody, and it comes second, after Beta's
		// three.
		level := 3
		if i == 51 {
			level = 0
		}
		ratings += fmt.Sprintf("[ratings.p%s]\nplan = %d\ncode = %d\n", id, level, level)
	}
	fsys["content/assessments/m3.toml"] = &fstest.MapFile{Data: []byte(ratings)}
	_, out, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["insights/index.html"])
	rows := tableRows(t, page, `id="coverage"`)
	if len(rows) != 50 || !strings.HasPrefix(rows[0], "Beta |") || rows[1] != "Team t51 | 2 | 2 | 0 | 0 | none" || !strings.HasPrefix(rows[2], "Alpha |") {
		t.Errorf("%d coverage rows, the first %q", len(rows), rows[:3])
	}
	if n := len(tableRows(t, page, `id="calibration"`)); n != 50 {
		t.Errorf("%d calibration rows", n)
	}
	if !strings.Contains(page, "The tables list the 50 teams first in order, of 54; each team&#39;s page has its own figures.") {
		t.Errorf("the page does not say the tables list 50 teams of 54")
	}
}

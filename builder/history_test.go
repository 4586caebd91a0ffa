package builder

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"portal/charts"
)

// chartOptions returns the options of the chart with id on a page, decoded.
func chartOptions(t *testing.T, page, id string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" data-chart="` + regexp.QuoteMeta(id) + `">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no chart %s on the page", id)
	}
	var opts map[string]any
	if err := json.Unmarshal([]byte(m[1]), &opts); err != nil {
		t.Fatalf("chart %s: %v", id, err)
	}
	return opts
}

func first(t *testing.T, opts map[string]any, key string) map[string]any {
	t.Helper()
	list, ok := opts[key].([]any)
	if !ok || len(list) == 0 {
		t.Fatalf("no %s in the options", key)
	}
	return list[0].(map[string]any)
}

// TestPersonHistory checks Amara's history in the views site, worked out by
// hand: her timeline is the two manager reviews (the self and peer cycles
// stay out of it); after each she met 2 of Lead's 5 targets (Feedback 3 of
// 3, Resilience 2 of 2, the later review carrying Resilience forward) with
// Coaching and Delegation never rated by a manager; only Planning moved (1
// then 2), so its line alone is drawn at first.
func TestPersonHistory(t *testing.T) {
	_, out, err := Build(viewsSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["people/amara/index.html"])
	number := func(n int, name string) string {
		return `<span class="lvl lvl-` + string(rune('0'+n)) + `" title="` + name + `">` + string(rune('0'+n)) + `</span>`
	}
	dash := `<span class="muted">–</span>`
	history := page[strings.Index(page, `<table class="data history">`):]
	history = history[:strings.Index(history, "</table>")]
	if !strings.Contains(history, `<th scope="col">2025 H2 review<br><span class="muted">Dec 2025</span></th><th scope="col">2026 H1 review<br><span class="muted">Jun 2026</span></th></tr>`) ||
		strings.Contains(history, "self-assessment") || strings.Contains(history, "peer review") {
		t.Errorf("history columns are not the two manager reviews:\n%s", history)
	}
	for _, want := range []struct {
		title string
		cells []string
	}{
		{"Planning", []string{number(1, "Developing"), number(2, "Practising")}},
		{"Feedback", []string{number(3, "Skilled"), number(3, "Skilled")}},
		{"Resilience", []string{number(2, "Practising"), dash}},
	} {
		if got := rowOf(t, history, want.title); strings.Join(got, " | ") != strings.Join(want.cells, " | ") {
			t.Errorf("history of %s = %q, want %q", want.title, got, want.cells)
		}
	}
	if strings.Contains(history, ">Coaching<") {
		t.Errorf("Coaching, rated only in the self-assessment, has a row in the manager history")
	}
	progress := regexp.MustCompile(`<tr><th scope="row">([^<]*)</th><td><time[^>]*>[^<]*</time></td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>`).FindAllStringSubmatch(page, -1)
	var rows []string
	for _, m := range progress {
		rows = append(rows, strings.Join(m[1:], ", "))
	}
	if got, want := strings.Join(rows, "; "), "2025 H2 review, 2 of 5, 2, 40%; 2026 H1 review, 2 of 5, 2, 40%"; got != want {
		t.Errorf("progress rows = %s, want %s", got, want)
	}

	met := chartOptions(t, page, "chart-person-amara-met")
	if got, _ := json.Marshal(first(t, met, "series")["data"]); string(got) != `[{"value":40},{"value":40}]` {
		t.Errorf("targets met chart = %s, want 40 and 40", got)
	}
	lines := chartOptions(t, page, "chart-person-amara-history")
	if got, _ := json.Marshal(first(t, lines, "xAxis")["data"]); string(got) != `["2025 H2 review","2026 H1 review"]` {
		t.Errorf("history chart x axis = %s", got)
	}
	var names []string
	for _, s := range lines["series"].([]any) {
		s := s.(map[string]any)
		b, _ := json.Marshal(s["data"])
		names = append(names, s["name"].(string)+" "+string(b))
	}
	if got, want := strings.Join(names, "; "), `Planning [{"value":1},{"value":2}]; Feedback [{"value":3},{"value":3}]; Resilience [{"value":2},{"value":"-"}]`; got != want {
		t.Errorf("history lines = %s\nwant %s", got, want)
	}
	if got, _ := json.Marshal(lines["legend"].(map[string]any)["selected"]); string(got) != `{"Feedback":false,"Resilience":false}` {
		t.Errorf("lines hidden at first = %s, want Feedback and Resilience (unchanged)", got)
	}
	if !strings.Contains(page, "The chart shows the one competency whose level changed; pick others in its legend.") {
		t.Errorf("the note on what the chart shows is missing")
	}

	// Noel was never assessed: no history, no chart of it.
	noel := string(out.Files["people/noel/index.html"])
	if strings.Contains(noel, `id="history"`) || strings.Contains(noel, "-history") {
		t.Errorf("a person never assessed has a history section")
	}
}

// TestPersonChartKind checks which chart a person and a role get: a radar
// from 5 to 16 competencies, running clockwise in the table's order with
// Current drawn on top; a dot plot, as tall as its rows, with fewer or
// more; and names coloured by category, with a key, once the chart spans
// two categories.
func TestPersonChartKind(t *testing.T) {
	fsys := viewsSite()
	add := func(name, data string) { fsys[name] = &fstest.MapFile{Data: []byte(data)} }
	add("content/people/ines.toml", "name = \"Ines\"\nteam = \"ops\"\nrole = \"analyst\"\n")
	// A role of 20 targets across two categories.
	var targets strings.Builder
	for i := range 14 {
		id := "extra-" + string(rune('a'+i))
		add("content/competencies/lead/"+id+".md", "+++\ntitle = \"Extra "+string(rune('A'+i))+"\"\norder = "+string(rune('0'+i%10))+"\n+++\n")
		targets.WriteString(id + " = 2\n")
	}
	add("content/competencies/lead/_index.md", "+++\ntitle = \"Leading\"\norder = 2\n+++\n")
	add("content/roles/wide.md", "+++\ntitle = \"Wide\"\n[targets]\nplanning = 3\nfeedback = 3\nresilience = 2\ncoaching = 2\ndelegation = 1\nstrategy = 2\n"+targets.String()+"+++\n")
	add("content/people/wen.toml", "name = \"Wen\"\nteam = \"ops\"\nrole = \"wide\"\n")
	_, out, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}

	amara := string(out.Files["people/amara/index.html"])
	radar := chartOptions(t, amara, "chart-person-amara-radar")
	var axes []string
	for _, i := range radar["radar"].(map[string]any)["indicator"].([]any) {
		axes = append(axes, i.(map[string]any)["name"].(string))
	}
	// The table reads Planning, Feedback, Resilience, Coaching, Delegation.
	if got := strings.Join(axes, ", "); got != "Planning, Delegation, Coaching, Resilience, Feedback" {
		t.Errorf("radar axes %s, want Planning then the others in reverse (clockwise as ECharts lays them out)", got)
	}
	series := radar["series"].([]any)
	if last := series[len(series)-1].(map[string]any); last["name"] != "Current" {
		t.Errorf("the series drawn last, on top, is %v, want Current", last["name"])
	}
	if strings.Contains(amara, `Names coloured by category`) {
		t.Errorf("a chart of one category has a key")
	}

	ines := string(out.Files["people/ines/index.html"])
	dots := chartOptions(t, ines, "chart-person-ines-levels")
	if first(t, dots, "series")["type"] != "scatter" || !strings.Contains(ines, `style="height: `+strconv.Itoa(charts.DotPlotHeight(1))+`px"`) {
		t.Errorf("a person with one competency does not get a dot plot of one row")
	}

	wen := string(out.Files["people/wen/index.html"])
	dots = chartOptions(t, wen, "chart-person-wen-levels")
	rows := first(t, dots, "yAxis")["data"].([]any)
	if len(rows) != 20 {
		t.Fatalf("dot plot of %d rows, want 20", len(rows))
	}
	colours := map[string]string{}
	for _, r := range rows {
		r := r.(map[string]any)
		colours[r["value"].(string)] = r["textStyle"].(map[string]any)["color"].(string)
	}
	// Leading (order 2) comes before Work (no order) in the framework.
	if colours["Extra A"] != charts.CategoryColours[0] || colours["Planning"] != charts.CategoryColours[1] {
		t.Errorf("row colours: Extra A %s, Planning %s; want %s for Leading, the first category, and %s for Work", colours["Extra A"], colours["Planning"], charts.CategoryColours[0], charts.CategoryColours[1])
	}
	if !strings.Contains(wen, `<p class="chart-key"><span class="muted">Names coloured by category:</span> <span class="cat-0">Leading</span> <span class="cat-1">Work</span></p>`) {
		t.Errorf("no key of the categories' colours")
	}
	role := string(out.Files["roles/wide/index.html"])
	if first(t, chartOptions(t, role, "chart-role-wide-levels"), "series")["type"] != "scatter" {
		t.Errorf("a role of 20 targets does not get a dot plot")
	}
	// The key's colours are the charts': light, and dark for a dark page,
	// in the stylesheet and in the script that draws the charts.
	var css, js string
	for name, data := range out.Files {
		switch {
		case strings.HasPrefix(name, "css/levels"):
			css = string(data)
		case strings.HasPrefix(name, "js/portal.") && strings.HasSuffix(name, ".js"):
			js = string(data)
		}
	}
	quoted := func(list []string) string { return "['" + strings.Join(list, "', '") + "']" }
	if !strings.Contains(js, "var categoryLight = "+quoted(charts.CategoryColours)) || !strings.Contains(js, "var categoryDark = "+quoted(charts.CategoryColoursDark)) {
		t.Errorf("portal.js does not hold the category colours of package charts")
	}
	for i := range charts.CategoryColours {
		if !strings.Contains(css, ".cat-"+strconv.Itoa(i)+" { color: "+charts.CategoryColours[i]+"; }") || !strings.Contains(css, "  .cat-"+strconv.Itoa(i)+" { color: "+charts.CategoryColoursDark[i]+"; }") {
			t.Errorf("levels stylesheet lacks category %d's colours", i)
		}
	}
}

// TestTeamMatrix checks the skills matrix of the views site's team, worked
// out by hand. Lead targets Planning 3, Feedback 3, Resilience 2, Coaching 2
// and Delegation 1. Amara stands at Planning 2 (below), Feedback 3 (at),
// Resilience 2 (at) and Coaching 2 (at, from her self-assessment, there
// being no manager rating); Noel was never assessed. So one member is at or
// above target in Feedback, Resilience and Coaching (single points of
// failure) and nobody in Planning and Delegation.
func TestTeamMatrix(t *testing.T) {
	_, out, err := Build(viewsSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["teams/ops/index.html"])
	opts := chartOptions(t, page, "chart-team-ops-matrix")
	var cols []string
	for _, x := range first(t, opts, "xAxis")["data"].([]any) {
		cols = append(cols, x.(map[string]any)["value"].(string))
	}
	if got := strings.Join(cols, ", "); got != "Planning, Feedback, Resilience, Coaching, Delegation" {
		t.Errorf("columns %s", got)
	}
	var rows []string
	for _, y := range first(t, opts, "yAxis")["data"].([]any) {
		rows = append(rows, y.(string))
	}
	if got := strings.Join(rows, ", "); got != "Amara, Noel, At or above target" {
		t.Errorf("rows %s", got)
	}
	var cells []string
	for _, d := range first(t, opts, "series")["data"].([]any) {
		b, _ := json.Marshal(d.(map[string]any)["value"])
		cells = append(cells, string(b))
	}
	want := []string{
		// Amara: level, and below (0) or at (1) target.
		`[0,0,0,"2"]`, `[1,0,1,"3"]`, `[2,0,1,"2"]`, `[3,0,1,"2"]`,
		// Coverage: nobody (4) or one person (5) at or above target.
		`[0,2,4,"0"]`, `[1,2,5,"1"]`, `[2,2,5,"1"]`, `[3,2,5,"1"]`, `[4,2,4,"0"]`,
	}
	if got := strings.Join(cells, " "); got != strings.Join(want, " ") {
		t.Errorf("cells\n got %s\nwant %s", got, strings.Join(want, " "))
	}
	if !strings.Contains(page, `style="min-width: `+strconv.Itoa(charts.MatrixWidth(5))+`px; height: `+strconv.Itoa(charts.MatrixHeight(3))+`px"`) {
		t.Errorf("the matrix is not as tall as its rows")
	}
	foot := page[strings.Index(page, "<tfoot>"):strings.Index(page, "</tfoot>")]
	if got := strings.Count(foot, `<span class="flag">nobody</span>`); got != 2 {
		t.Errorf("%d competencies flagged as covered by nobody, want 2 (Planning, Delegation):\n%s", got, foot)
	}
	if got := strings.Count(foot, `<span class="flag">only one</span>`); got != 3 {
		t.Errorf("%d competencies flagged as covered by one person, want 3:\n%s", got, foot)
	}
	if !strings.Contains(page, `<th scope="colgroup" class="band" colspan="5">Work</th>`) {
		t.Errorf("no category band over the columns")
	}
	for i, name := range charts.StatusNames {
		if !strings.Contains(page, `<span class="swatch mx-`+strconv.Itoa(i)+`">`+name+`</span>`) {
			t.Errorf("the key lacks %q", name)
		}
	}
}

// TestTeamSummary checks what the views site's team page says a manager can
// act on, worked out by hand (see TestTeamMatrix for the levels): the one
// gap, Planning, with Amara below (2, target 3) and nobody to help; how many
// meet their own target in each competency; the targets met after each
// manager review (Amara 2 of Lead's 5 each time, Noel none of his 5: 2 of
// 10, 7 not rated, 20%); and, for a team nobody has assessed, a note saying
// so rather than that everyone meets their targets.
func TestTeamSummary(t *testing.T) {
	fsys := viewsSite()
	fsys["content/teams/new.toml"] = &fstest.MapFile{Data: []byte("name = \"New\"\n")}
	fsys["content/people/zed.toml"] = &fstest.MapFile{Data: []byte("name = \"Zed\"\nteam = \"new\"\nrole = \"lead\"\n")}
	_, out, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["teams/ops/index.html"])
	gaps := page[strings.Index(page, `id="gaps"`):]
	gaps = gaps[:strings.Index(gaps, "</section>")]
	for _, want := range []string{
		`<h3><a href="../../competencies/planning/">Planning</a></h3>`,
		`<p>1 member is below target, 1 level short in all.</p>`,
		`<p><span class="muted">Below:</span> <a href="../../people/amara/">Amara</a> (2, target 3)</p>`,
		`<p class="muted">Nobody in the team is at or above their target here to help.</p>`,
		`<a href="../../articles/quarter-plans/">Quarter plans</a>`,
	} {
		if !strings.Contains(gaps, want) {
			t.Errorf("team gaps lack %s:\n%s", want, gaps)
		}
	}
	if strings.Count(gaps, "<li>\n        <h3>") != 1 {
		t.Errorf("want one team gap:\n%s", gaps)
	}
	met := regexp.MustCompile(`<tr><th scope="row"><a href="[^"]*">([^<]*)</a></th>\n<td class="num">([^\n]*)</td>\n<td class="num">([^\n]*)</td></tr>`).FindAllStringSubmatch(page, -1)
	var rows []string
	for _, m := range met {
		rows = append(rows, m[1]+": "+regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m[3], ""))
	}
	if got, want := strings.Join(rows, "; "), "Planning: 0 of 2 nobody; Feedback: 1 of 2 only one; Resilience: 1 of 2 only one; Coaching: 1 of 2 only one; Delegation: 0 of 2 nobody"; got != want {
		t.Errorf("targets met per competency:\n got %s\nwant %s", got, want)
	}
	trend := regexp.MustCompile(`<tr><th scope="row">([^<]*)</th><td><time[^>]*>[^<]*</time></td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>`).FindAllStringSubmatch(page, -1)
	rows = nil
	for _, m := range trend {
		rows = append(rows, strings.Join(m[1:], ", "))
	}
	if got, want := strings.Join(rows, "; "), "2025 H2 review, 2 of 10, 7, 20%; 2026 H1 review, 2 of 10, 7, 20%"; got != want {
		t.Errorf("team trend = %s, want %s", got, want)
	}
	if got, _ := json.Marshal(first(t, chartOptions(t, page, "chart-team-ops-trend"), "series")["data"]); string(got) != `[{"value":20},{"value":20}]` {
		t.Errorf("trend chart = %s", got)
	}

	empty := string(out.Files["teams/new/index.html"])
	if strings.Contains(empty, "meets their role") || !strings.Contains(empty, "Nobody in the team has been assessed yet, so there is no gap to show.") {
		t.Errorf("a team nobody has assessed does not say so")
	}
	if strings.Contains(empty, `id="trend"`) {
		t.Errorf("a team nobody has assessed has a trend")
	}
}

// TestFrameworkTargetsByCategory checks the framework page's role targets:
// a table per category, with only the roles that set a target in it.
func TestFrameworkTargetsByCategory(t *testing.T) {
	fsys := viewsSite()
	add := func(name, data string) { fsys[name] = &fstest.MapFile{Data: []byte(data)} }
	add("content/competencies/lead/_index.md", "+++\ntitle = \"Leading\"\norder = 2\n+++\n")
	add("content/competencies/lead/vision.md", "+++\ntitle = \"Vision\"\n+++\n")
	add("content/roles/director.md", "+++\ntitle = \"Director\"\n[targets]\nvision = 3\nplanning = 4\n+++\n")
	_, out, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["competencies/index.html"])
	tables := regexp.MustCompile(`(?s)<h3 id="targets-([a-z-]+)">[^<]*</h3>.*?<thead>(.*?)</thead>`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, m := range tables {
		var roles []string
		for _, r := range regexp.MustCompile(`<a href="[^"]*">([^<]*)</a>`).FindAllStringSubmatch(m[2], -1) {
			roles = append(roles, r[1])
		}
		got = append(got, m[1]+": "+strings.Join(roles, ", "))
	}
	// Leading comes first (order 2; Work has none).
	if want := "lead: Director; work: Analyst, Director, Lead, Senior lead"; strings.Join(got, "; ") != want {
		t.Errorf("role target tables:\n got %s\nwant %s", strings.Join(got, "; "), want)
	}
}

// TestPeopleFinder checks the competency page's list of who stands at each
// level: on the views site, published open, Amara at 2 in Planning; on the
// demo published aggregate, no name and no list.
func TestPeopleFinder(t *testing.T) {
	_, out, err := Build(viewsSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["competencies/planning/index.html"])
	want := `<ul class="finder">
      <li><span class="lvl lvl-2">2</span> Practising: <a href="../../people/amara/">Amara</a></li>
    </ul>`
	if !strings.Contains(page, want) {
		i := strings.Index(page, `<ul class="finder">`)
		t.Errorf("finder:\n%s\nwant\n%s", page[max(i, 0):min(max(i, 0)+400, len(page))], want)
	}
	if strings.Contains(string(out.Files["competencies/strategy/index.html"]), `id="finder"`) {
		t.Errorf("a competency nobody is rated in has a finder")
	}
	_, out, err = Build(aggregate(t, ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page = string(out.Files["competencies/delegation/index.html"])
	if strings.Contains(page, `id="finder"`) || strings.Contains(page, "/people/") {
		t.Errorf("a competency page published aggregate names people")
	}
}

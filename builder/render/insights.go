package render

import (
	"cmp"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"portal/builder/model"
	"portal/builder/seal"
	"portal/charts"
)

// The insights page answers L&D's questions across the organisation:
// where the biggest gaps are, which skills rest on one person, what
// training would close the most gaps, how current the assessments are,
// and how managers' ratings compare with people's own. Every figure is an
// aggregate; a public page leaves out those over fewer than min_group
// people, and names people only where the site may (published open, or
// on the copy sealed for L&D on a site published private).

// insights is what the insights page shows, worked out once per page.
type insights struct {
	gaps      []model.OrgGap
	coverage  []model.Coverage
	needs     []model.Need
	uses      []model.ArticleUse
	uncovered []model.Uncovered
	health    model.Health
	teams     []model.Calibration // by team
	differ    []model.Calibration // by competency, furthest apart first
}

// How many rows the insights page's charts and longer lists show.
const (
	insightChartRows = 15 // competencies or steps in a chart
	insightTeamRows  = 20 // teams in a chart
	insightTeamTable = 50 // teams in a table; each team's page has its own figures
	insightNeedRows  = 30 // steps in the training needs table
	insightUseRows   = 10 // articles that serve the most gaps
	insightNames     = 50 // people named in a list of who is out of date
	insightAlone     = 5  // single points of failure named in a team's row
	insightDiffer    = 3  // competencies named in a team's calibration
)

// The colours of the insights' bars, from Okabe and Ito's set, which stays
// apart in colour-blind vision, each at 3:1 or more on the light page and
// on the dark (their orange darkened to ochre for the light): vermilion
// for what is short, ochre for what rests on one person, green for what
// is covered, blue for the rest.
const (
	barShort   = "#D55E00"
	barOne     = "#B07A00"
	barSeveral = "#009E73"
)

// insightsData returns the page's insights, working them out on first use.
// Everything in them is read from every person's standings, every team's
// matrix and the articles, so the page records those keys.
func (p *Page) insightsData() *insights {
	if p.Kind != "insights" {
		return nil
	}
	if p.insights != nil {
		return p.insights
	}
	s, r := p.site, p.rec
	for _, part := range []model.Part{model.PConfig, model.PScale, model.PPeople, model.PTeams, model.PRoles, model.PCycles, model.PArticles, model.PCompetencies, model.PCategories} {
		r.add(model.KSite, part, "")
	}
	if r != nil && r.on {
		for _, x := range s.People {
			r.add(model.KPerson, model.POwn, x.ID)
			r.add(model.KPerson, model.PStandings, x.ID)
		}
		for _, t := range s.Teams {
			r.add(model.KTeam, model.POwn, t.ID)
			r.add(model.KTeam, model.PMembers, t.ID)
			r.add(model.KTeam, model.PMatrix, t.ID)
		}
		for _, x := range s.Roles {
			r.add(model.KRole, model.PTargets, x.ID)
		}
		for _, c := range s.Competencies {
			r.add(model.KCompetency, model.POwn, c.ID)
			r.add(model.KCompetency, model.PLinks, c.ID)
		}
		for _, c := range s.Categories {
			r.add(model.KCategory, model.POwn, c.ID)
		}
		for _, a := range s.Articles {
			r.add(model.KArticle, model.POwn, a.ID)
		}
		for _, c := range s.Cycles {
			r.add(model.KCycle, model.POwn, c.ID)
		}
	}
	in := &insights{
		gaps:      model.OrgGaps(s),
		coverage:  model.TeamCoverage(s),
		needs:     model.TrainingNeeds(s),
		uses:      model.ArticleUses(s),
		uncovered: model.UncoveredLevels(s),
		health:    model.AssessmentHealth(s, s.Config.StaleAfter),
	}
	in.teams, in.differ = model.Calibrations(s)
	// Teams in order of risk, as the charts draw them, so that a long
	// table starts with what needs attention. Those the page shows no
	// figure of come last, in the order of teams: placed by their figures,
	// they would tell them.
	shown := func(cv model.Coverage) bool {
		return cv.Targeted > 0 && cv.Assessed > 0 && !p.hidden(len(cv.Team.Members))
	}
	slices.SortStableFunc(in.coverage, func(a, b model.Coverage) int {
		if shown(a) != shown(b) {
			return cmp.Compare(b2i(shown(b)), b2i(shown(a)))
		}
		if !shown(a) {
			return 0
		}
		return cmp.Or(cmp.Compare(len(b.Nobody)+len(b.Alone), len(a.Nobody)+len(a.Alone)), cmp.Compare(len(b.Nobody), len(a.Nobody)))
	})
	calibrated := func(c model.Calibration) bool { return c.Pairs > 0 && !p.hidden(c.People) }
	slices.SortStableFunc(in.teams, func(a, b model.Calibration) int {
		if calibrated(a) != calibrated(b) {
			return cmp.Compare(b2i(calibrated(b)), b2i(calibrated(a)))
		}
		if !calibrated(a) {
			return 0
		}
		return cmp.Compare(math.Abs(b.Mean()), math.Abs(a.Mean()))
	})
	p.insights = in
	return in
}

// hidden tells whether the page leaves out a figure over n people.
func (p *Page) hidden(n int) bool {
	return p.rec.hidesPeople() && p.site.Config.Privacy.Hidden(n)
}

// fewer writes the cell that stands for figures left out: over fewer
// than min_group people, what.
func (p *Page) fewer(b *strings.Builder, span int, what string) {
	b.WriteString(`<td`)
	if span > 1 {
		b.WriteString(` colspan="`)
		b.WriteString(strconv.Itoa(span))
		b.WriteString(`"`)
	}
	b.WriteString(` class="muted">fewer than `)
	b.WriteString(strconv.Itoa(p.site.Config.Privacy.MinGroup))
	b.WriteString(" ")
	b.WriteString(what)
	b.WriteString("</td>")
}

func cell(b *strings.Builder, n int) {
	b.WriteString(`<td class="num">`)
	b.WriteString(strconv.Itoa(n))
	b.WriteString("</td>")
}

// signed writes a mean difference with its sign: +0.4, −0.5, 0.0.
func signed(f float64) string {
	f = math.Round(f*10) / 10
	switch {
	case f > 0:
		return "+" + decimal(f)
	case f < 0:
		return "−" + decimal(-f)
	}
	return "0.0"
}

// addInsightCharts adds the insights page's charts; each has a table of
// the same data.
func (p *Page) addInsightCharts() {
	in := p.insightsData()
	if in == nil {
		return
	}
	// The biggest gaps.
	var gaps []model.OrgGap
	for _, g := range in.gaps {
		if g.Total > 0 && !p.hidden(g.Rated) {
			gaps = append(gaps, g)
		}
	}
	gaps = gaps[:min(len(gaps), insightChartRows)]
	if len(gaps) > 0 {
		axes := make([]charts.Axis, len(gaps))
		for i, g := range gaps {
			axes[i].Name = p.label(g.Competency)
		}
		total, below := make([]float64, len(gaps)), make([]float64, len(gaps))
		for i, g := range gaps {
			total[i], below[i] = float64(g.Total), float64(g.Below)
		}
		title := "Competencies with the largest total shortfall"
		p.chart("gaps", &Chart{
			ID: "chart-insights-gaps", Title: title, Rows: len(gaps), Height: charts.BarsHeight(len(gaps), 2),
			Options: template.JS(charts.Bars(title, axes, "", []charts.BarSeries{
				{Name: "Levels short in all", Colour: barShort, Values: total},
				{Name: "People below target", Colour: charts.Palette[0], Values: below},
			}, false)),
		})
	}
	// Coverage: the teams with the most competencies that rest on one
	// member or on nobody.
	var cover []model.Coverage
	for _, cv := range in.coverage[:min(len(in.coverage), insightTeamRows)] {
		if cv.Targeted > 0 && cv.Assessed > 0 && !p.hidden(len(cv.Team.Members)) {
			cover = append(cover, cv)
		}
	}
	if len(cover) > 0 {
		rows := make([]charts.Axis, len(cover))
		nobody, alone, several := make([]float64, len(cover)), make([]float64, len(cover)), make([]float64, len(cover))
		for i, cv := range cover {
			rows[i].Name = cv.Team.Name
			nobody[i], alone[i], several[i] = float64(len(cv.Nobody)), float64(len(cv.Alone)), float64(cv.Several)
		}
		title := "Teams with the most competencies that rest on one member or on nobody"
		p.chart("coverage", &Chart{
			ID: "chart-insights-coverage", Title: title, Height: charts.BarsHeight(len(cover), 3),
			Options: template.JS(charts.Bars(title, rows, "competencies", []charts.BarSeries{
				{Name: "Nobody at target", Colour: barShort, Values: nobody},
				{Name: "One member at target", Colour: barOne, Values: alone},
				{Name: "Two or more", Colour: barSeveral, Values: several},
			}, true)),
		})
	}
	// Training needs: the steps the most people need.
	var needs []model.Need
	for _, nd := range in.needs {
		if !p.hidden(nd.People) {
			needs = append(needs, nd)
		}
	}
	needs = needs[:min(len(needs), insightChartRows)]
	if len(needs) > 0 {
		axes := make([]charts.Axis, len(needs))
		with, without := make([]float64, len(needs)), make([]float64, len(needs))
		for i, nd := range needs {
			axes[i].Name = p.label(nd.Competency) + " → " + strconv.Itoa(nd.Level)
			if nd.Articles > 0 {
				with[i] = float64(nd.People)
			} else {
				without[i] = float64(nd.People)
			}
		}
		title := "Steps the most people need to take"
		p.chart("needs", &Chart{
			ID: "chart-insights-needs", Title: title, Rows: len(needs), Height: charts.BarsHeight(len(needs), 2),
			Options: template.JS(charts.Bars(title, axes, "people", []charts.BarSeries{
				{Name: "An article is written for the step", Colour: charts.Palette[0], Values: with},
				{Name: "No article for the step", Colour: barShort, Values: without},
			}, true)),
		})
	}
	// Completion of each cycle.
	var done []model.Completion
	for _, c := range in.health.Cycles {
		if !p.hidden(c.People) {
			done = append(done, c)
		}
	}
	if people := len(p.site.People); len(done) > 0 && people > 0 {
		rows := make([]charts.Axis, len(done))
		share := make([]float64, len(done))
		for i, c := range done {
			rows[i].Name = c.Cycle.Title
			share[i] = float64(100 * c.People / people)
		}
		title := "Share of the organisation's people each cycle rated"
		p.chart("completion", &Chart{
			ID: "chart-insights-completion", Title: title, Height: charts.BarsHeight(len(done), 1),
			Options: template.JS(charts.Bars(title, rows, "% of people", []charts.BarSeries{
				{Name: "People rated", Colour: charts.Palette[0], Values: share},
			}, false)),
		})
	}
	// Calibration: the teams whose managers rate furthest from their
	// people's own view, either way.
	var teams []model.Calibration
	for _, c := range in.teams[:min(len(in.teams), insightTeamRows)] {
		if c.Pairs > 0 && !p.hidden(c.People) {
			teams = append(teams, c)
		}
	}
	if len(teams) > 0 {
		rows := make([]charts.Axis, len(teams))
		mean := make([]float64, len(teams))
		for i, c := range teams {
			rows[i].Name = c.Team.Name
			mean[i] = c.Mean()
		}
		title := "Manager's level less the person's own, mean per team"
		p.chart("calibration", &Chart{
			ID: "chart-insights-calibration", Title: title, Height: charts.BarsHeight(len(teams), 1),
			Options: template.JS(charts.Bars(title, rows, "levels", []charts.BarSeries{
				{Name: "Mean difference", Colour: charts.Palette[0], Values: mean},
			}, false)),
		})
	}
}

// InsightGapRows is the body of the table of the organisation's gaps: a
// row per competency some role targets with someone below it, the
// largest total shortfall first.
func (p *Page) InsightGapRows() template.HTML {
	in := p.insightsData()
	if in == nil {
		return ""
	}
	var b strings.Builder
	for _, g := range in.gaps {
		if g.Below == 0 {
			continue
		}
		b.WriteString("\n<tr><th scope=\"row\">")
		p.competencyLink(&b, g.Competency)
		b.WriteString("</th>")
		if p.hidden(g.Rated) {
			p.fewer(&b, 4, "rated")
		} else {
			cell(&b, g.Targeted)
			cell(&b, g.Rated)
			cell(&b, g.Below)
			cell(&b, g.Total)
		}
		b.WriteString("</tr>")
	}
	return template.HTML(b.String())
}

// InsightsView is what the insights page's layout says in words: the
// counts behind its sentences.
type InsightsView struct {
	p  *Page
	in *insights
}

// Insights is the view of the page's insights, or nil on another page.
func (p *Page) Insights() *InsightsView {
	in := p.insightsData()
	if in == nil {
		return nil
	}
	return &InsightsView{p, in}
}

// GapsNote says what the table of gaps leaves out, or "" when nothing.
func (v *InsightsView) GapsNote() string {
	none, rated := 0, 0
	for _, g := range v.in.gaps {
		rated += g.Rated
		if g.Below == 0 {
			none++
		}
	}
	switch {
	case len(v.in.gaps) == 0:
		return "No role sets a target yet, so there is no gap to show."
	case rated == 0:
		return "Nobody with a target has been rated yet, so there is no gap to show."
	case none == len(v.in.gaps):
		return "Nobody rated is below their role's target."
	case none > 0:
		return "Nobody rated is below target in the other " + plural(none, "competency", "competencies") + " that roles target."
	}
	return ""
}

// HasGaps tells whether someone rated is below a target.
func (v *InsightsView) HasGaps() bool {
	return slices.ContainsFunc(v.in.gaps, func(g model.OrgGap) bool { return g.Below > 0 })
}

// CoverageRows is the body of the table of each team's coverage: the
// competencies its roles target, and in how many nobody, one member or
// several stand at or above target; the ones that rest on one member are
// named, with the member where the page may name people.
func (p *Page) CoverageRows() template.HTML {
	in := p.insightsData()
	if in == nil {
		return ""
	}
	var b strings.Builder
	for _, cv := range in.coverage[:min(len(in.coverage), insightTeamTable)] {
		b.WriteString("\n<tr><th scope=\"row\">")
		link(&b, p, p.teamURL(cv.Team.ID), cv.Team.Name)
		b.WriteString("</th>")
		switch {
		case p.hidden(len(cv.Team.Members)):
			p.fewer(&b, 5, "members")
		case cv.Targeted == 0:
			b.WriteString(`<td colspan="5" class="muted">no member's role sets a target</td>`)
		case cv.Assessed == 0:
			b.WriteString(`<td colspan="5" class="muted">nobody assessed yet</td>`)
		default:
			cell(&b, cv.Targeted)
			cell(&b, len(cv.Nobody))
			cell(&b, len(cv.Alone))
			cell(&b, cv.Several)
			b.WriteString(`<td class="text">`)
			for i, a := range cv.Alone[:min(len(cv.Alone), insightAlone)] {
				if i > 0 {
					b.WriteString(", ")
				}
				p.competencyLink(&b, a.Competency)
				if !p.rec.hidesPeople() {
					b.WriteString(" (")
					link(&b, p, p.site.PersonURL(a.Person.ID), a.Person.Name)
					b.WriteString(")")
				}
			}
			if len(cv.Alone) == 0 {
				b.WriteString(`<span class="muted">none</span>`)
			}
			if n := len(cv.Alone) - insightAlone; n > 0 {
				b.WriteString(` <span class="muted">and `)
				b.WriteString(strconv.Itoa(n))
				b.WriteString(" more</span>")
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	return template.HTML(b.String())
}

// NeedRows is the body of the table of training needs: the steps the most
// people need, each with the articles written for it.
func (p *Page) NeedRows() template.HTML {
	in := p.insightsData()
	if in == nil {
		return ""
	}
	var b strings.Builder
	for _, nd := range in.needs[:min(len(in.needs), insightNeedRows)] {
		b.WriteString("\n<tr><th scope=\"row\">")
		p.competencyLink(&b, nd.Competency)
		b.WriteString("</th><td>")
		p.namedNumber(&b, nd.Level)
		b.WriteString("</td>")
		if p.hidden(nd.People) {
			p.fewer(&b, 1, "people")
		} else {
			cell(&b, nd.People)
		}
		b.WriteString(`<td class="text">`)
		switch {
		case nd.Articles > 0:
			b.WriteString(plural(nd.Articles, "article", "articles"))
		case nd.General > 0:
			b.WriteString(`<span class="muted">none for this level; `)
			b.WriteString(plural(nd.General, "general article", "general articles"))
			b.WriteString("</span>")
		default:
			b.WriteString(`<strong>none</strong>`)
		}
		b.WriteString("</td></tr>")
	}
	return template.HTML(b.String())
}

// NeedsNote says how many steps the table of needs lists, of how many.
func (v *InsightsView) NeedsNote() string {
	n := len(v.in.needs)
	switch {
	case n == 0:
		return "Nobody rated is below a target, so no step is needed."
	case n > insightNeedRows:
		return "The " + strconv.Itoa(insightNeedRows) + " steps needed by the most people, of " + strconv.Itoa(n) + "."
	}
	return "Every step someone needs: " + plural(n, "step", "steps") + "."
}

// HasNeeds tells whether anyone rated needs a step.
func (v *InsightsView) HasNeeds() bool { return len(v.in.needs) > 0 }

// ArticleUseRows is the body of the table of the articles that serve the
// most people's gaps.
func (p *Page) ArticleUseRows() template.HTML {
	in := p.insightsData()
	if in == nil {
		return ""
	}
	var b strings.Builder
	for _, u := range in.uses[:min(len(in.uses), insightUseRows)] {
		b.WriteString("\n<tr><th scope=\"row\">")
		link(&b, p, model.ArticleURL(u.Article.ID), u.Article.Title)
		b.WriteString("</th><td>")
		if u.Article.Level != 0 {
			p.namedNumber(&b, u.Article.Level)
		} else {
			b.WriteString(`<span class="muted">any</span>`)
		}
		b.WriteString("</td>")
		if p.hidden(u.People) {
			p.fewer(&b, 2, "people")
		} else {
			cell(&b, u.People)
			cell(&b, u.Gaps)
		}
		b.WriteString("</tr>")
	}
	return template.HTML(b.String())
}

// HasUses tells whether an article serves someone's gap.
func (v *InsightsView) HasUses() bool { return len(v.in.uses) > 0 }

// UncoveredRows is the body of the table of competencies with levels no
// article is written for: those people need first.
func (p *Page) UncoveredRows() template.HTML {
	in := p.insightsData()
	if in == nil {
		return ""
	}
	var b strings.Builder
	for _, u := range in.uncovered {
		b.WriteString("\n<tr><th scope=\"row\">")
		p.competencyLink(&b, u.Competency)
		b.WriteString("</th><td>")
		if u.None {
			b.WriteString(`<strong>no article at all</strong>`)
		} else {
			for i, l := range u.Levels {
				if i > 0 {
					b.WriteString(" ")
				}
				b.WriteString(string(p.badges.number(l)))
			}
		}
		b.WriteString("</td>")
		if p.hidden(u.People) {
			p.fewer(&b, 1, "people")
		} else {
			cell(&b, u.People)
		}
		b.WriteString("</tr>")
	}
	return template.HTML(b.String())
}

// HasUncovered tells whether a competency has a level no article is
// written for.
func (v *InsightsView) HasUncovered() bool { return len(v.in.uncovered) > 0 }

// Health is the view of how current the assessments are.
func (v *InsightsView) Health() model.Health { return v.in.health }

// StaleAfter is [insights] stale_after, as site.toml would say it.
func (v *InsightsView) StaleAfter() string { return v.p.site.Config.StaleAfter.String() }

// StaleNote says how many people were last rated before the cut-off, and
// how many never, or that they are too few to say.
func (v *InsightsView) StaleNote() string {
	h := v.in.health
	p := v.p
	// count says how many people did what: one's verb, and many's.
	count := func(n int, one, many string) string {
		switch {
		case p.hidden(n):
			return "Fewer than " + strconv.Itoa(p.site.Config.Privacy.MinGroup) + " people " + many
		case n == 1:
			return "1 person " + one
		}
		return strconv.Itoa(n) + " people " + many
	}
	var parts []string
	if h.Latest != nil {
		if len(h.Stale) == 0 {
			parts = append(parts, "Everyone assessed was rated on or after "+h.Since.Format("2 January 2006")+".")
		} else {
			since := " last rated before " + h.Since.Format("2 January 2006") + "."
			parts = append(parts, count(len(h.Stale), "was"+since, "were"+since))
		}
	}
	if len(h.Never) > 0 {
		parts = append(parts, count(len(h.Never), "has never been assessed.", "have never been assessed."))
	}
	return strings.Join(parts, " ")
}

// StaleItems lists, where the page may name people, those last rated
// before the cut-off with the cycle that last rated them, longest ago
// first, and then those never assessed; at most insightNames of each.
func (p *Page) StaleItems() template.HTML {
	in := p.insightsData()
	if in == nil || p.rec.hidesPeople() {
		return ""
	}
	var b strings.Builder
	list := func(people []*model.Person, heading string, last bool) {
		if len(people) == 0 {
			return
		}
		b.WriteString("\n<h3>")
		b.WriteString(heading)
		b.WriteString("</h3>\n<ul class=\"people-list\">")
		for _, x := range people[:min(len(people), insightNames)] {
			b.WriteString("\n<li>")
			link(&b, p, p.site.PersonURL(x.ID), x.Name)
			if x.Team != nil {
				b.WriteString(" · ")
				b.WriteString(escapeText(x.Team.Name))
			}
			if last {
				b.WriteString(` · <span class="muted">last rated in `)
				b.WriteString(escapeText(x.LastAssessed.Title))
				b.WriteString("</span>")
			}
			b.WriteString("</li>")
		}
		b.WriteString("\n</ul>")
		if n := len(people) - insightNames; n > 0 {
			b.WriteString("\n<p class=\"muted\">and ")
			b.WriteString(strconv.Itoa(n))
			b.WriteString(" more.</p>")
		}
	}
	list(in.health.Stale, "Out of date", true)
	list(in.health.Never, "Never assessed", false)
	return template.HTML(b.String())
}

// CompletionRows is the body of the table of each cycle's completion: the
// people it rated of those in the portal now, and the share of their
// roles' targets it gave a level.
func (p *Page) CompletionRows() template.HTML {
	in := p.insightsData()
	if in == nil {
		return ""
	}
	people := len(p.site.People)
	var b strings.Builder
	for _, c := range in.health.Cycles {
		b.WriteString("\n")
		cycleCells(&b, c.Cycle)
		b.WriteString("<td>")
		b.WriteString(escapeText(c.Cycle.Kind))
		b.WriteString("</td>")
		if p.hidden(c.People) {
			p.fewer(&b, 2, "people")
		} else {
			b.WriteString(`<td class="num">`)
			b.WriteString(strconv.Itoa(c.People))
			b.WriteString(" of ")
			b.WriteString(strconv.Itoa(people))
			b.WriteString(" (")
			b.WriteString(strconv.Itoa(100 * c.People / max(people, 1)))
			b.WriteString("%)</td><td class=\"num\">")
			if c.Targets > 0 {
				b.WriteString(strconv.Itoa(c.Rated))
				b.WriteString(" of ")
				b.WriteString(strconv.Itoa(c.Targets))
				b.WriteString(" (")
				b.WriteString(strconv.Itoa(100 * c.Rated / c.Targets))
				b.WriteString("%)")
			} else {
				b.WriteString(`<span class="muted">–</span>`)
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	return template.HTML(b.String())
}

// CalibrationRows is the body of the table of each team's calibration:
// the people rated both by their manager and by themselves, the mean
// difference with its sign and without, and the competencies where the
// two are furthest apart.
func (p *Page) CalibrationRows() template.HTML {
	in := p.insightsData()
	if in == nil {
		return ""
	}
	var b strings.Builder
	for _, c := range in.teams[:min(len(in.teams), insightTeamTable)] {
		b.WriteString("\n<tr><th scope=\"row\">")
		link(&b, p, p.teamURL(c.Team.ID), c.Team.Name)
		b.WriteString("</th>")
		switch {
		case c.Pairs == 0:
			b.WriteString(`<td colspan="4" class="muted">nobody rated both by a manager and by themselves</td>`)
		case p.hidden(c.People):
			p.fewer(&b, 4, "people rated both ways")
		default:
			cell(&b, c.People)
			b.WriteString(`<td class="num">`)
			b.WriteString(signed(c.Mean()))
			b.WriteString(`</td><td class="num">`)
			b.WriteString(decimal(c.MeanApart()))
			b.WriteString(`</td><td class="text">`)
			// A public page names only competencies over enough people.
			n := 0
			for _, d := range c.Differ {
				if p.hidden(d.People) {
					continue
				}
				if n++; n > insightDiffer {
					break
				}
				if n > 1 {
					b.WriteString(", ")
				}
				p.competencyLink(&b, d.Competency)
				b.WriteString(` <span class="muted">(`)
				b.WriteString(decimal(d.MeanApart()))
				b.WriteString(" apart, mean ")
				b.WriteString(signed(d.Mean()))
				b.WriteString(")</span>")
			}
			switch {
			case len(c.Differ) == 0:
				b.WriteString(`<span class="muted">they agree everywhere</span>`)
			case n == 0:
				b.WriteString(`<span class="muted">each competency has fewer than `)
				b.WriteString(strconv.Itoa(p.site.Config.Privacy.MinGroup))
				b.WriteString(" people rated both ways</span>")
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	return template.HTML(b.String())
}

// DifferRows is the body of the table of the competencies where managers
// and people differ most across the organisation: at most
// insightChartRows, of those over enough people to show.
func (p *Page) DifferRows() template.HTML {
	in := p.insightsData()
	if in == nil {
		return ""
	}
	var b strings.Builder
	n := 0
	for _, c := range in.differ {
		if c.Apart == 0 || p.hidden(c.People) {
			continue
		}
		if n++; n > insightChartRows {
			break
		}
		b.WriteString("\n<tr><th scope=\"row\">")
		p.competencyLink(&b, c.Competency)
		b.WriteString("</th>")
		cell(&b, c.People)
		b.WriteString(`<td class="num">`)
		b.WriteString(signed(c.Mean()))
		b.WriteString(`</td><td class="num">`)
		b.WriteString(decimal(c.MeanApart()))
		b.WriteString("</td></tr>")
	}
	return template.HTML(b.String())
}

// TeamsNote says, where a table of teams lists some of them, which.
func (v *InsightsView) TeamsNote() string {
	n := len(v.in.coverage)
	if n <= insightTeamTable {
		return ""
	}
	return "The tables list the " + strconv.Itoa(insightTeamTable) + " teams first in order, of " + strconv.Itoa(n) + "; each team's page has its own figures."
}

// Calibrated tells whether anyone was rated both by a manager and by
// themselves.
func (v *InsightsView) Calibrated() bool {
	return slices.ContainsFunc(v.in.teams, func(c model.Calibration) bool { return c.Pairs > 0 })
}

// PrivateInsights is the link from a page sealed for L&D to the copy of
// the insights sealed for them, which names people; "" on any other page.
func (p *Page) PrivateInsights() string {
	if !p.theme.has("insights") || !slices.Contains(p.sealFor, seal.LnD()) {
		return ""
	}
	return p.Rel(p.site.InsightsURL())
}

package render

import (
	"html/template"
	"strconv"
	"strings"

	"portal/builder/model"
)

// Fragments are parts of a page made in Go rather than in a layout: the
// long tables of person, team and people list pages, the gaps of a person
// and of a team, a team's members, a role's people and the list of
// articles. A person page has dozens of standings and a team page hundreds
// of matrix cells, and html/template
// spends about a microsecond and a half on each action, most of the time
// of those pages. The default theme uses them; a theme that wants other
// markup builds its own rows from .Person.Standings, .Team.Matrix,
// .Team.Summary or .People (asLayout in the tests shows how).

// StandingRows is the body of a person's standings table: one <tr> per
// competency with its title; the current level, with the kind of cycle it
// comes from when that is not a manager's, and the month of that cycle
// when it is older than the person's latest of its kind; the self rating
// and the peers' average, marked likewise; the target; the change since
// the cycle before of the same kind; and the gap.
func (p *Page) StandingRows() template.HTML {
	if !p.showsStandings() {
		return ""
	}
	r := p.rec
	person := p.person
	var b strings.Builder
	b.Grow(len(person.Standings) * 420)
	for _, st := range person.Standings {
		r.add(model.KCompetency, model.POwn, st.Competency.ID)
		b.WriteString("\n<tr><th scope=\"row\">")
		p.competencyLink(&b, st.Competency)
		b.WriteString("</th>\n<td>")
		if st.HasCurrent {
			p.namedNumber(&b, st.Current)
			if st.CurrentFrom.Kind != "manager" {
				b.WriteString(` <span class="tag">`)
				b.WriteString(escapeText(st.CurrentFrom.Kind))
				b.WriteString(`</span>`)
			}
			p.olderMark(&b, st.CurrentFrom, person.LastOf(st.CurrentFrom.Kind))
		} else {
			b.WriteString(`<span class="muted">not rated</span>`)
		}
		b.WriteString("</td>\n<td>")
		if st.HasSelf {
			b.WriteString(string(p.badges.number(st.Self)))
			p.olderMark(&b, st.SelfFrom, person.LastSelf)
		} else {
			b.WriteString(`<span class="muted">–</span>`)
		}
		b.WriteString("</td>\n<td>")
		if st.Peers > 0 {
			b.WriteString(decimal(st.Peer()))
			b.WriteString(` <span class="muted">(`)
			b.WriteString(strconv.Itoa(st.Peers))
			b.WriteString(`)</span>`)
			p.olderMark(&b, st.PeerFrom, person.LastPeer)
		} else {
			b.WriteString(`<span class="muted">–</span>`)
		}
		b.WriteString("</td>\n<td>")
		if st.HasTarget {
			p.namedNumber(&b, st.Target)
		} else {
			b.WriteString(`<span class="muted">–</span>`)
		}
		b.WriteString("</td>\n<td>")
		change(&b, st)
		b.WriteString("</td>\n<td class=\"num\">")
		switch {
		case !st.HasTarget:
		case !st.HasCurrent:
			b.WriteString(`<span class="muted">not rated</span>`)
		case st.Short > 0:
			b.WriteString("<strong>")
			b.WriteString(strconv.Itoa(st.Short))
			b.WriteString("</strong>")
		default:
			b.WriteString(`<span class="ok">met</span>`)
		}
		b.WriteString("</td></tr>")
	}
	b.WriteByte('\n')
	return template.HTML(b.String())
}

// competencyLink writes a link to competency c with its title, and its
// category after it where another competency has the same title.
func (p *Page) competencyLink(b *strings.Builder, c *model.Competency) {
	link(b, p, model.CompetencyURL(c.ID), c.Title)
	if c.Shared && c.Category != nil {
		p.rec.add(model.KCategory, model.POwn, c.Category.ID)
		b.WriteString(` <span class="muted">· `)
		b.WriteString(escapeText(c.Category.Title))
		b.WriteString(`</span>`)
	}
}

// namedNumber writes the badge of a level and its name apart, so that a
// narrow screen can leave the name out (the badge's title holds it).
func (p *Page) namedNumber(b *strings.Builder, level int) {
	b.WriteString(string(p.badges.number(level)))
	b.WriteString(`<span class="lvl-name"> `)
	b.WriteString(escapeText(p.site.LevelName(level)))
	b.WriteString(`</span>`)
}

// showsStandings tells whether page p shows its person's standings: a
// person page that is not public (no individual is on a public page). It
// then records that p reads them, and the names of the levels.
func (p *Page) showsStandings() bool {
	if p.rec.hidesPeople() || p.person == nil {
		return false
	}
	p.rec.add(model.KPerson, model.PStandings, p.person.ID)
	p.rec.add(model.KSite, model.PScale, "")
	return true
}

// olderMark writes, after a level from cycle c, the month of c when it is
// not latest, the person's latest cycle of its kind, with its title.
func (p *Page) olderMark(b *strings.Builder, c, latest *model.Cycle) {
	if c == nil || c == latest {
		return
	}
	p.rec.add(model.KCycle, model.POwn, c.ID)
	b.WriteString(` <span class="tag" title="`)
	b.WriteString(escapeText(c.Title))
	b.WriteString(`">`)
	b.WriteString(c.Date.Format("Jan 2006"))
	b.WriteString(`</span>`)
}

// change writes how a standing's current level moved since the cycle
// before of the same kind: an arrow and the level it moved from, "same",
// or a dash with nothing to compare.
func change(b *strings.Builder, st model.Standing) {
	switch d := st.Change(); {
	case !st.HasCurrent || !st.HasPrevious:
		b.WriteString(`<span class="muted">–</span>`)
	case d > 0:
		b.WriteString(`<span class="up">▲ from `)
		b.WriteString(strconv.Itoa(st.Previous))
		b.WriteString(`</span>`)
	case d < 0:
		b.WriteString(`<span class="down">▼ from `)
		b.WriteString(strconv.Itoa(st.Previous))
		b.WriteString(`</span>`)
	default:
		b.WriteString(`<span class="muted">same</span>`)
	}
}

// DifferenceItems is the content of a person's list of what is worth
// talking about: one <li> per competency where their own rating and the
// manager's differ by a level or more, the largest difference first.
func (p *Page) DifferenceItems() template.HTML {
	if !p.showsStandings() {
		return ""
	}
	r := p.rec
	var b strings.Builder
	for _, st := range p.person.Differences() {
		r.add(model.KCompetency, model.POwn, st.Competency.ID)
		b.WriteString("\n      <li>")
		link(&b, p, model.CompetencyURL(st.Competency.ID), st.Competency.Title)
		b.WriteString(": self ")
		b.WriteString(string(p.badges.of(st.Self, true)))
		b.WriteString(", manager ")
		b.WriteString(string(p.badges.of(st.Current, true)))
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

// NotRatedItems is the content of the list of competencies a person's role
// targets that have no current level: one <li> each, with the target.
func (p *Page) NotRatedItems() template.HTML {
	if !p.showsStandings() {
		return ""
	}
	r := p.rec
	var b strings.Builder
	for _, st := range p.person.Standings {
		if st.HasCurrent || !st.HasTarget {
			continue
		}
		r.add(model.KCompetency, model.POwn, st.Competency.ID)
		b.WriteString("\n      <li>")
		link(&b, p, model.CompetencyURL(st.Competency.ID), st.Competency.Title)
		b.WriteString(": the role expects ")
		b.WriteString(string(p.badges.of(st.Target, true)))
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

func decimal(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// GapItems is the content of a person's list of gaps: one <li> per gap,
// largest first, with the competency, the levels now and expected, what the
// expected level looks like, and the articles chosen for it.
func (p *Page) GapItems() template.HTML {
	if !p.showsStandings() {
		return ""
	}
	r := p.rec
	var b strings.Builder
	b.Grow(len(p.person.Gaps) * 700)
	for _, g := range p.person.Gaps {
		r.add(model.KCompetency, model.POwn, g.Competency.ID)
		r.add(model.KCompetency, model.PText, g.Competency.ID)
		b.WriteString("\n      <li>\n        <h3>")
		link(&b, p, model.CompetencyURL(g.Competency.ID), g.Competency.Title)
		b.WriteString(` <span class="gap-size">`)
		b.WriteString(strconv.Itoa(g.Size))
		if g.Size == 1 {
			b.WriteString(" level")
		} else {
			b.WriteString(" levels")
		}
		b.WriteString("</span></h3>\n        <p>")
		b.WriteString("Now ")
		b.WriteString(escapeText(g.CurrentName))
		b.WriteString(" (")
		b.WriteString(strconv.Itoa(g.Current))
		b.WriteString("); the role expects ")
		b.WriteString(escapeText(g.TargetName))
		b.WriteString(" (")
		b.WriteString(strconv.Itoa(g.Target))
		b.WriteString(").</p>\n        ")
		if d := g.Competency.Descriptor(g.Target); d != "" {
			b.WriteString(`<p class="descriptor"><span class="muted">What `)
			b.WriteString(escapeText(g.TargetName))
			b.WriteString(" looks like:</span> ")
			b.WriteString(escapeText(d))
			b.WriteString("</p>")
		}
		b.WriteString("\n        ")
		if len(g.Articles) > 0 {
			b.WriteString("\n        <ul class=\"article-links\">")
			articleItems(&b, p, g.Articles, true)
			b.WriteString("</ul>\n        ")
		} else {
			p.noArticle(&b, g.Competency)
		}
		b.WriteString("\n      </li>")
	}
	return template.HTML(b.String())
}

// MatrixColumns is the head of a team's skills matrix table after its first
// cell: one <th> per competency of .Team.Competencies, linked to its page,
// with its place and the team's shortfall in it, by which the page sorts
// the columns.
func (p *Page) MatrixColumns() template.HTML {
	if p.rec.hidesPeople() {
		return "" // no individual on a public page
	}
	if p.team == nil {
		return ""
	}
	var b strings.Builder
	t := p.team
	p.rec.add(model.KTeam, model.PMatrix, t.ID)
	b.Grow(len(t.Competencies) * 140)
	for j, c := range t.Competencies {
		p.rec.add(model.KCompetency, model.POwn, c.ID)
		b.WriteString(`<th scope="col" data-i="`)
		b.WriteString(strconv.Itoa(j))
		b.WriteString(`" data-short="`)
		b.WriteString(strconv.Itoa(t.Summary[j].Short))
		b.WriteString(`">`)
		p.competencyLink(&b, c)
		b.WriteString(`</th>`)
	}
	return template.HTML(b.String())
}

// TeamGapItems is the content of a team's list of gaps: one <li> per gap,
// largest first, with the competency, how many members are below target and
// by how many levels in all, and the articles chosen for it.
func (p *Page) TeamGapItems() template.HTML {
	if p.team == nil {
		return ""
	}
	var b strings.Builder
	p.rec.add(model.KTeam, model.PMatrix, p.team.ID)
	b.Grow(len(p.team.Gaps) * 600)
	for _, g := range p.team.Gaps {
		p.rec.add(model.KCompetency, model.POwn, g.Competency.ID)
		b.WriteString("\n      <li>\n        <h3>")
		p.competencyLink(&b, g.Competency)
		b.WriteString("</h3>\n        <p>")
		b.WriteString(plural(g.People, "member is", "members are"))
		b.WriteString(" below target, ")
		b.WriteString(plural(g.Total, "level", "levels"))
		b.WriteString(" short in all.</p>\n        ")
		if !p.rec.hidesPeople() {
			p.whoIsBelow(&b, g.Competency)
		}
		if len(g.Articles) > 0 {
			b.WriteString("\n        <p class=\"muted\">To read:</p>\n        <ul class=\"article-links\">")
			articleItems(&b, p, g.Articles, false)
			b.WriteString("</ul>\n        ")
		} else {
			p.noArticle(&b, g.Competency)
		}
		b.WriteString("\n      </li>")
	}
	return template.HTML(b.String())
}

// whoIsBelow writes, for a team's gap in competency c, who is below their
// target (with their level and target) and who could help: the members at
// or above theirs, highest first.
func (p *Page) whoIsBelow(b *strings.Builder, c *model.Competency) {
	for _, m := range p.team.Members {
		p.rec.add(model.KPerson, model.PName, m.ID)
		p.rec.add(model.KPerson, model.PStandings, m.ID)
	}
	below, help := p.team.Split(c)
	b.WriteString(`<p><span class="muted">Below:</span> `)
	p.memberLevels(b, below, true)
	b.WriteString("</p>\n        ")
	if len(help) == 0 {
		b.WriteString(`<p class="muted">Nobody in the team is at or above their target here to help.</p>`)
		b.WriteString("\n        ")
		return
	}
	b.WriteString(`<p><span class="muted">Could help (at or above their target):</span> `)
	p.memberLevels(b, help, false)
	b.WriteString("</p>\n        ")
}

// memberLevels writes members with their level, and their target when
// withTarget, separated by commas: "Ana (1, target 3), Ben (2, target 3)".
func (p *Page) memberLevels(b *strings.Builder, list []model.MemberLevel, withTarget bool) {
	for i, m := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		link(b, p, p.site.PersonURL(m.Person.ID), m.Person.Name)
		b.WriteString(" (")
		b.WriteString(strconv.Itoa(m.Current))
		if withTarget {
			b.WriteString(", target ")
			b.WriteString(strconv.Itoa(m.Target))
		}
		b.WriteString(")")
	}
}

// TeamGapsNote says why a team has no gap to list: nobody assessed, some
// targets not rated yet, or every rated member at target.
func (p *Page) TeamGapsNote() string {
	if p.team == nil {
		return ""
	}
	p.rec.add(model.KTeam, model.PMembers, p.team.ID)
	assessed, notRated := 0, 0
	for _, m := range p.team.Members {
		p.rec.add(model.KPerson, model.PStandings, m.ID)
		if m.Assessed {
			assessed++
		}
		notRated += m.NotRated
	}
	switch {
	case len(p.team.Members) == 0:
		return "The team has no members yet."
	case assessed == 0:
		return "Nobody in the team has been assessed yet, so there is no gap to show."
	case notRated > 0:
		return "No rated member is below their role's target; " + plural(notRated, "target is", "targets are") + " not rated yet."
	}
	return "Everyone in the team meets their role's targets."
}

// MemberItems is the content of a team's list of members: one <li> per
// member, in name order, with their job title and role.
func (p *Page) MemberItems() template.HTML {
	if p.rec.hidesPeople() {
		return "" // no individual on a public page
	}
	if p.team == nil {
		return ""
	}
	var b strings.Builder
	p.rec.add(model.KTeam, model.PMembers, p.team.ID)
	b.Grow(len(p.team.Members) * 200)
	for _, m := range p.team.Members {
		p.recordPerson(m, false)
		b.WriteString("\n      <li>")
		link(&b, p, p.site.PersonURL(m.ID), m.Name)
		if m.JobTitle != "" {
			b.WriteString(" · ")
			b.WriteString(escapeText(m.JobTitle))
		}
		if m.Role != nil {
			b.WriteString(" · ")
			link(&b, p, model.RoleURL(m.Role.ID), m.Role.Title)
		}
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

// MatrixRows is the body of a team's skills matrix table: one <tr> per
// member, with a cell per column of .Team.Competencies.
func (p *Page) MatrixRows() template.HTML {
	if p.rec.hidesPeople() {
		return "" // no individual on a public page
	}
	if p.team == nil {
		return ""
	}
	t := p.team
	var b strings.Builder
	b.Grow(len(t.Members) * (80 + len(t.Competencies)*48))
	p.rec.add(model.KTeam, model.PMembers, t.ID)
	p.rec.add(model.KTeam, model.PMatrix, t.ID)
	p.rec.add(model.KSite, model.PCompetencies, "")
	col := t.Columns(len(p.site.Competencies))
	row := make([]*model.Standing, len(t.Competencies))
	for i, m := range t.Members {
		p.rec.add(model.KPerson, model.PName, m.ID)
		p.rec.add(model.KPerson, model.PStandings, m.ID)
		// The row's place and the member's shortfall in all, by which
		// the page sorts the rows.
		short := 0
		for _, g := range m.Gaps {
			short += g.Size
		}
		b.WriteString("\n<tr data-i=\"")
		b.WriteString(strconv.Itoa(i))
		b.WriteString("\" data-short=\"")
		b.WriteString(strconv.Itoa(short))
		b.WriteString("\"><th scope=\"row\">")
		link(&b, p, p.site.PersonURL(m.ID), m.Name)
		b.WriteString("</th>")
		clear(row)
		for i := range m.Standings {
			row[col[m.Standings[i].Competency.Rank]] = &m.Standings[i]
		}
		// As the cells of .Team.Matrix.
		for _, st := range row {
			b.WriteString("<td>")
			if st != nil && st.HasCurrent {
				b.WriteString(`<span class="lvl lvl-`)
				b.WriteString(strconv.Itoa(st.Current))
				b.WriteString(`">`)
				b.WriteString(strconv.Itoa(st.Current))
				b.WriteString(`</span>`)
				if st.HasTarget && st.Current < st.Target {
					b.WriteString(`<span class="below" title="below target">▾</span>`)
				}
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteByte('\n')
	return template.HTML(b.String())
}

// SummaryRows is the body of a team's table of averages: one <tr> per
// column of the matrix, with the average level and how many were rated,
// the average target, and the difference.
func (p *Page) SummaryRows() template.HTML {
	if p.team == nil {
		return ""
	}
	// A public page shows no average over fewer than min_group people.
	p.rec.add(model.KSite, model.PConfig, "")
	privacy := p.site.Config.Privacy
	hidden := func(n int) bool { return p.rec.hidesPeople() && privacy.Hidden(n) }
	fewer := `<span class="muted">fewer than ` + strconv.Itoa(privacy.MinGroup) + ` rated</span>`
	var b strings.Builder
	p.rec.add(model.KTeam, model.PMatrix, p.team.ID)
	b.Grow(len(p.team.Summary) * 260)
	for _, st := range p.team.Summary {
		p.rec.add(model.KCompetency, model.POwn, st.Competency.ID)
		b.WriteString("\n<tr><th scope=\"row\">")
		p.competencyLink(&b, st.Competency)
		b.WriteString("</th>\n<td class=\"num\">")
		switch {
		case hidden(st.Rated):
			b.WriteString(fewer)
		case st.Rated > 0:
			b.WriteString(decimal(st.Average))
			b.WriteString(` <span class="muted">(`)
			b.WriteString(strconv.Itoa(st.Rated))
			b.WriteString(` rated)</span>`)
		default:
			b.WriteString("–")
		}
		// Roles set different targets: what adds up is how many meet
		// their own.
		b.WriteString("</td>\n<td class=\"num\">")
		switch {
		case st.Targeted == 0:
			b.WriteString(`<span class="muted">no target</span>`)
		case hidden(st.Targeted):
			b.WriteString(`<span class="muted">fewer than ` + strconv.Itoa(privacy.MinGroup) + ` with a target</span>`)
		default:
			b.WriteString(strconv.Itoa(st.Met))
			b.WriteString(" of ")
			b.WriteString(strconv.Itoa(st.Targeted))
			switch st.Met {
			case 0:
				b.WriteString(` <span class="flag">nobody</span>`)
			case 1:
				b.WriteString(` <span class="flag">only one</span>`)
			}
		}
		b.WriteString("</td></tr>")
	}
	b.WriteByte('\n')
	return template.HTML(b.String())
}

// PeopleRows is the body of the table on a page of the people list: one
// <tr> per person on the page, with job title, team, role and gap count.
func (p *Page) PeopleRows() template.HTML {
	if p.rec.hidesPeople() {
		return "" // no individual on a public page
	}
	var b strings.Builder
	b.Grow(len(p.people) * 360)
	for _, person := range p.people {
		p.recordPerson(person, true)
		b.WriteString("\n<tr><th scope=\"row\">")
		link(&b, p, p.site.PersonURL(person.ID), person.Name)
		b.WriteString("</th>\n<td>")
		b.WriteString(escapeText(person.JobTitle))
		b.WriteString("</td>\n<td>")
		if person.Team != nil {
			link(&b, p, p.teamURL(person.Team.ID), person.Team.Name)
		}
		b.WriteString("</td>\n<td>")
		if person.Role != nil {
			link(&b, p, model.RoleURL(person.Role.ID), person.Role.Title)
		}
		b.WriteString("</td>\n<td class=\"num\">")
		if person.Assessed {
			b.WriteString(strconv.Itoa(len(person.Gaps)))
		} else {
			b.WriteString(`<span class="muted">not assessed</span>`)
		}
		b.WriteString("</td></tr>")
	}
	b.WriteByte('\n')
	return template.HTML(b.String())
}

// RolePeopleItems is the content of the list of a role's people: one <li>
// per person, with their team and how many gaps they have.
func (p *Page) RolePeopleItems() template.HTML {
	if p.rec.hidesPeople() {
		return "" // no individual on a public page
	}
	if p.role == nil {
		return ""
	}
	var b strings.Builder
	p.rec.add(model.KRole, model.PRolePeople, p.role.ID)
	b.Grow(len(p.role.People) * 200)
	for _, person := range p.role.People {
		p.rec.add(model.KPerson, model.POwn, person.ID) // the team
		p.rec.add(model.KPerson, model.PStandings, person.ID)
		if person.Team != nil {
			p.rec.add(model.KTeam, model.PName, person.Team.ID)
		}
		b.WriteString("\n      <li>")
		link(&b, p, p.site.PersonURL(person.ID), person.Name)
		if person.Team != nil {
			b.WriteString(" · ")
			link(&b, p, p.teamURL(person.Team.ID), person.Team.Name)
		}
		if n := len(person.Gaps); n > 0 {
			b.WriteString(` · <span class="muted">`)
			b.WriteString(strconv.Itoa(n))
			if n == 1 {
				b.WriteString(" gap</span>")
			} else {
				b.WriteString(" gaps</span>")
			}
		}
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

// ArticleListItems is the content of the list of articles: one <li> per
// article, newest first, with its date, the level it helps to reach, the
// competencies it teaches and its summary.
func (p *Page) ArticleListItems() template.HTML {
	var b strings.Builder
	p.rec.add(model.KSite, model.PArticles, "")
	p.rec.add(model.KSite, model.PScale, "")
	b.Grow(len(p.site.Articles) * 400)
	for _, a := range p.site.Articles {
		p.rec.add(model.KArticle, model.POwn, a.ID)
		b.WriteString("\n    <li>\n      <h2>")
		link(&b, p, model.ArticleURL(a.ID), a.Title)
		b.WriteString("</h2>\n      <p class=\"meta\">")
		if !a.Date.IsZero() {
			b.WriteString(`<time datetime="`)
			b.WriteString(a.Date.Format("2006-01-02"))
			b.WriteString(`">`)
			b.WriteString(a.Date.Format("2 January 2006"))
			b.WriteString("</time> · ")
		}
		if a.Level != 0 {
			b.WriteString("to reach ")
			b.WriteString(escapeText(p.site.LevelName(a.Level)))
			b.WriteString(" · ")
		}
		if a.Draft {
			b.WriteString(`<span class="tag draft">Draft</span> · `)
		}
		for i, c := range a.Competencies {
			if i > 0 {
				b.WriteString(", ")
			}
			p.rec.add(model.KCompetency, model.POwn, c.ID)
			link(&b, p, model.CompetencyURL(c.ID), c.Title)
		}
		b.WriteString("</p>\n      ")
		if a.Summary != "" {
			b.WriteString("<p>")
			b.WriteString(escapeText(a.Summary))
			b.WriteString("</p>")
		}
		b.WriteString("\n    </li>")
	}
	return template.HTML(b.String())
}

// recordPerson records that p shows a person's own fields and the names of
// their team and role, and with standings how many gaps they have.
func (p *Page) recordPerson(person *model.Person, standings bool) {
	r := p.rec
	if r == nil {
		return
	}
	r.add(model.KPerson, model.POwn, person.ID)
	if person.Team != nil {
		r.add(model.KTeam, model.PName, person.Team.ID)
	}
	if person.Role != nil {
		r.add(model.KRole, model.PName, person.Role.ID)
	}
	if standings {
		r.add(model.KPerson, model.PStandings, person.ID)
	}
}

// noArticle stands in a list of gaps for the articles chosen for a gap in
// competency c when none were: c has none, or none for the levels.
func (p *Page) noArticle(b *strings.Builder, c *model.Competency) {
	p.rec.add(model.KCompetency, model.PLinks, c.ID)
	if len(c.Articles) > 0 {
		b.WriteString(`<p class="muted">No article is written for these levels yet.</p>`)
	} else {
		b.WriteString(`<p class="muted">No article teaches this competency yet.</p>`)
	}
}

// articleItems writes one <li> per article, linked, and with levels the
// level each helps to reach.
func articleItems(b *strings.Builder, p *Page, articles []*model.Article, levels bool) {
	for _, a := range articles {
		p.rec.add(model.KArticle, model.POwn, a.ID)
		b.WriteString("<li>")
		link(b, p, model.ArticleURL(a.ID), a.Title)
		if a.Draft {
			b.WriteString(` <span class="tag draft">Draft</span>`)
		}
		if levels && a.Level != 0 {
			p.rec.add(model.KSite, model.PScale, "")
			b.WriteString(` <span class="tag">to reach `)
			b.WriteString(escapeText(p.site.LevelName(a.Level)))
			b.WriteString("</span>")
		}
		b.WriteString("</li>")
	}
}

// escapeText escapes s for HTML text or a quoted attribute as html/template
// escapes a value there, so that fragments give the bytes a layout would:
// template.HTMLEscapeString leaves + alone, html/template writes &#43;.
func escapeText(s string) string {
	if !strings.ContainsAny(s, "\x00\"&'+<>") {
		return s
	}
	return textEscaper.Replace(s)
}

var textEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// link writes a link from page p to url, relative to the site root, with
// text, both escaped.
func link(b *strings.Builder, p *Page, url, text string) {
	b.WriteString(`<a href="`)
	if url == "" {
		b.WriteString(escapeText(p.Rel(url)))
	} else {
		// p.Rel(url) without making the string: escaping goes character
		// by character, so the parts can be escaped on their own.
		b.WriteString(escapeText(p.root))
		b.WriteString(escapeText(url))
	}
	b.WriteString(`">`)
	b.WriteString(escapeText(text))
	b.WriteString(`</a>`)
}

// ProgressRows is the content of the table of a person's progress over
// their timeline: one row per cycle, with the role's targets met, those
// rated, and the share met.
func (p *Page) ProgressRows() template.HTML {
	if !p.showsStandings() {
		return ""
	}
	person := p.person
	if person.Role != nil {
		p.rec.add(model.KRole, model.PTargets, person.Role.ID)
	}
	var b strings.Builder
	for _, pr := range p.personHistory().progress {
		p.rec.add(model.KCycle, model.POwn, pr.Cycle.ID)
		progressRow(&b, pr)
	}
	return template.HTML(b.String())
}

// cycleCells opens a table row of a cycle: its title as the row's header
// and its date.
func cycleCells(b *strings.Builder, c *model.Cycle) {
	b.WriteString("<tr><th scope=\"row\">")
	b.WriteString(escapeText(c.Title))
	b.WriteString(`</th><td><time datetime="`)
	b.WriteString(c.Date.Format("2006-01-02"))
	b.WriteString(`">`)
	b.WriteString(c.Date.Format("2 January 2006"))
	b.WriteString("</time></td>")
}

// progressRow writes a row of a table of progress: the cycle, its date, the
// targets met of all, those not rated yet, and the share met.
func progressRow(b *strings.Builder, pr model.Progress) {
	b.WriteString("\n          ")
	cycleCells(b, pr.Cycle)
	b.WriteString("<td>")
	b.WriteString(strconv.Itoa(pr.Met))
	b.WriteString(" of ")
	b.WriteString(strconv.Itoa(pr.Targets))
	b.WriteString("</td><td>")
	b.WriteString(strconv.Itoa(pr.Targets - pr.Rated))
	b.WriteString("</td><td>")
	b.WriteString(strconv.Itoa(pr.Share()))
	b.WriteString("%</td></tr>")
}

// HistoryTable is a person's levels in each cycle of their timeline: a
// column per cycle, a row per competency the timeline rated, a badge per
// level and a dash where a cycle did not rate it.
func (p *Page) HistoryTable() template.HTML {
	if !p.showsStandings() {
		return ""
	}
	person := p.person
	h := p.personHistory()
	timeline := h.timeline
	var b strings.Builder
	b.Grow(256 + len(person.Standings)*(160+48*len(timeline)))
	b.WriteString(`<table class="data history"><thead><tr><th scope="col">Competency</th>`)
	for _, c := range timeline {
		p.rec.add(model.KCycle, model.POwn, c.ID)
		b.WriteString(`<th scope="col">`)
		b.WriteString(escapeText(c.Title))
		b.WriteString(`<br><span class="muted">`)
		b.WriteString(c.Date.Format("Jan 2006"))
		b.WriteString(`</span></th>`)
	}
	b.WriteString("</tr></thead>\n        <tbody>")
	for i := range person.Standings {
		st := &person.Standings[i]
		levels := h.levels[i]
		if levels == nil {
			continue
		}
		p.rec.add(model.KCompetency, model.POwn, st.Competency.ID)
		b.WriteString("\n          <tr><th scope=\"row\">")
		p.competencyLink(&b, st.Competency)
		b.WriteString("</th>")
		for _, l := range levels {
			b.WriteString("<td>")
			if l == nil {
				b.WriteString(`<span class="muted">–</span>`)
			} else {
				b.WriteString(string(p.badges.number(*l)))
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("\n        </tbody></table>")
	return template.HTML(b.String())
}

// MatrixBands is the first header row of a team's skills matrix: a cell
// per run of columns of one category, spanning them, with its title.
func (p *Page) MatrixBands() template.HTML {
	if p.rec.hidesPeople() || p.team == nil {
		return ""
	}
	p.rec.add(model.KTeam, model.PMatrix, p.team.ID)
	var b strings.Builder
	cols := p.team.Competencies
	for i := 0; i < len(cols); {
		j := i + 1
		for j < len(cols) && cols[j].Category == cols[i].Category {
			j++
		}
		b.WriteString(`<th scope="colgroup" class="band"`)
		if j-i > 1 {
			b.WriteString(` colspan="`)
			b.WriteString(strconv.Itoa(j - i))
			b.WriteString(`"`)
		}
		b.WriteString(`>`)
		if c := cols[i].Category; c != nil {
			p.rec.add(model.KCategory, model.POwn, c.ID)
			b.WriteString(escapeText(c.Title))
		}
		b.WriteString(`</th>`)
		i = j
	}
	return template.HTML(b.String())
}

// MatrixCoverage is the last row of a team's skills matrix: how many
// members are at or above their target in each competency, with 1 marked
// as a single point of failure and 0 as nobody, and a dash where no
// member's role sets a target.
func (p *Page) MatrixCoverage() template.HTML {
	if p.rec.hidesPeople() || p.team == nil {
		return ""
	}
	p.rec.add(model.KTeam, model.PMatrix, p.team.ID)
	var b strings.Builder
	b.WriteString("\n<tr><th scope=\"row\">At or above target</th>")
	for _, ts := range p.team.Summary {
		switch {
		case ts.Targeted == 0:
			b.WriteString(`<td><span class="muted" title="no member's role sets a target">–</span></td>`)
		case ts.Met == 0:
			b.WriteString(`<td><span class="swatch mx-4">0</span> <span class="flag">nobody</span></td>`)
		case ts.Met == 1:
			b.WriteString(`<td><span class="swatch mx-5">1</span> <span class="flag">only one</span></td>`)
		default:
			b.WriteString(`<td>`)
			b.WriteString(strconv.Itoa(ts.Met))
			b.WriteString(`</td>`)
		}
	}
	b.WriteString("</tr>")
	return template.HTML(b.String())
}

// FinderShown is how many people a competency page names at each level;
// the rest are counted.
const FinderShown = 12

// FinderItems is the content of a competency page's list of who stands at
// each level, highest first, so that people can find someone to learn
// from: up to FinderShown names a level, by name, and how many more. Only
// where the page may name people.
func (p *Page) FinderItems() template.HTML {
	c := p.competency
	if p.rec.hidesPeople() || c == nil {
		return ""
	}
	s := p.site
	p.rec.add(model.KSite, model.PPeople, "")
	p.rec.add(model.KSite, model.PScale, "")
	at := make([][]*model.Person, len(s.Scale))
	counts := make([]int, len(s.Scale))
	// The place on the scale of each level, from the lowest.
	lo, hi := s.Scale[0].Level, s.Scale[len(s.Scale)-1].Level
	place := make([]int, hi-lo+1)
	for i := range place {
		place[i] = -1
	}
	for i, l := range s.Scale {
		place[l.Level-lo] = i
	}
	rank := c.Rank
	for _, person := range s.People {
		st := person.StandingAt(rank)
		if st == nil || !st.HasCurrent || st.Current < lo || st.Current > hi {
			continue
		}
		// Who is rated here is read; a level moving between two people
		// leaves the counts as they were.
		p.rec.add(model.KPerson, model.PStandings, person.ID)
		i := place[st.Current-lo]
		if i < 0 {
			continue
		}
		counts[i]++
		if len(at[i]) < FinderShown {
			p.rec.add(model.KPerson, model.PName, person.ID)
			at[i] = append(at[i], person)
		}
	}
	var b strings.Builder
	for i := len(s.Scale) - 1; i >= 0; i-- {
		if counts[i] == 0 {
			continue
		}
		b.WriteString("\n      <li>")
		b.WriteString(string(p.badges.of(s.Scale[i].Level, true)))
		b.WriteString(": ")
		for j, person := range at[i] {
			if j > 0 {
				b.WriteString(", ")
			}
			link(&b, p, s.PersonURL(person.ID), person.Name)
		}
		if more := counts[i] - len(at[i]); more > 0 {
			b.WriteString(" and ")
			b.WriteString(strconv.Itoa(more))
			b.WriteString(" more")
		}
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

package render

import (
	"encoding/json"
	"html/template"
	"strconv"

	"portal/builder/model"
	"portal/charts"
)

// A page offers its tables as spreadsheets made in the browser, from data
// the page holds: a team's skills matrix, the counts of a team's levels on
// a public page, the insights' gaps and training needs. Made in the browser,
// a private page's export leaves the host only as the page does, sealed,
// and a public page's holds only what the page shows. The script
// js/export.js writes CSV and XLSX files from it, with no library.

// HasExport tells whether the page may offer a download, and so loads
// the script that makes it: a team's page and the insights.
func (p *Page) HasExport() bool { return p.Kind == "team" || p.Kind == "insights" }

// Export is a page's data to download, for the "export" partial.
type Export struct {
	ID     string      // of the element holding the data
	Data   template.JS // JSON, <, > and & escaped as the charts' options are
	Sheets []string    // the sheets' names, each a CSV file of its own
}

// exportData is what js/export.js reads: a file name without its extension,
// sheets of a header and rows, and the colours of the scale's levels for
// the cells of sheets of levels.
type exportData struct {
	File    string        `json:"file"`
	Sheets  []exportSheet `json:"sheets"`
	Colours [][2]string   `json:"colours"` // background and text, by level as levels index them
	Levels  []int         `json:"levels"`
	// Matrix, where set, is a skills matrix the script lays out as
	// sheets, before Sheets.
	Matrix *exportMatrix `json:"matrix,omitempty"`
}

type exportSheet struct {
	Name string `json:"name"`
	// Fixed is how many columns on the left name the rows: the sheet
	// freezes them with the header.
	Fixed  int      `json:"fixed"`
	Header []string `json:"header"`
	Rows   [][]any  `json:"rows"` // a string, a number, or null for an empty cell
	// Levels says that the numbers after the fixed columns are levels,
	// coloured as on the pages.
	Levels bool `json:"levels"`
}

func (p *Page) export(id, file string, sheets []exportSheet, matrix *exportMatrix) *Export {
	d := exportData{File: file, Sheets: sheets, Matrix: matrix}
	for i, c := range charts.Ramp(len(p.site.Scale)) {
		d.Colours = append(d.Colours, [2]string{c, charts.TextOn(c)})
		d.Levels = append(d.Levels, p.site.Scale[i].Level)
	}
	p.rec.add(model.KSite, model.PScale, "")
	b, err := json.Marshal(d)
	if err != nil {
		panic("render: the data of an export: " + err.Error()) // plain data
	}
	e := &Export{ID: id, Data: template.JS(b)}
	for _, s := range sheets {
		e.Sheets = append(e.Sheets, s.Name)
	}
	return e
}

// MatrixExport is a team's skills matrix to download, on a page that shows
// its members: the levels, the targets and the shortfalls, a sheet each,
// and all three in a list, a row per member and competency. A large team's
// matrix is sparse, so the page holds the standings alone, and the script
// lays out the sheets.
func (p *Page) MatrixExport() *Export {
	t := p.team
	if t == nil || p.rec.hidesPeople() || len(t.Members) == 0 || len(t.Competencies) == 0 {
		return nil
	}
	p.rec.add(model.KTeam, model.PMembers, t.ID)
	p.rec.add(model.KTeam, model.PMatrix, t.ID)
	m := &exportMatrix{Header: []string{"Member", "Role"}, Sheets: matrixSheets}
	for _, c := range t.Competencies {
		p.rec.add(model.KCompetency, model.POwn, c.ID)
		m.Columns = append(m.Columns, p.label(c))
	}
	col := t.Columns(len(p.site.Competencies))
	for i, mb := range t.Members {
		p.rec.add(model.KPerson, model.POwn, mb.ID)
		p.rec.add(model.KPerson, model.PStandings, mb.ID)
		role := ""
		if mb.Role != nil {
			p.rec.add(model.KRole, model.PName, mb.Role.ID)
			role = mb.Role.Title
		}
		m.Rows = append(m.Rows, [2]string{mb.Name, role})
		for _, st := range mb.Standings {
			level, target, short := -1, -1, -1
			if st.HasCurrent {
				level = st.Current
			}
			if st.HasTarget {
				target = st.Target
			}
			if st.HasCurrent && st.HasTarget {
				short = st.Short
			}
			m.Cells = append(m.Cells, i, col[st.Competency.Rank], level, target, short)
		}
	}
	e := p.export("export-team-"+t.ID, t.ID+"-skills-matrix", nil, m)
	e.Sheets = matrixSheets
	return e
}

// matrixSheets are the sheets of a skills matrix's export.
var matrixSheets = []string{"Levels", "Targets", "Shortfall", "List"}

// exportMatrix is a skills matrix as js/export.js lays it out: the names
// and roles of its rows, its columns, and for each standing its row, its
// column, its level, target and shortfall, -1 for none, five numbers each.
type exportMatrix struct {
	Header  []string    `json:"header"` // of the columns naming the rows
	Rows    [][2]string `json:"rows"`
	Columns []string    `json:"columns"`
	Cells   []int       `json:"cells"`
	Sheets  []string    `json:"sheets"`
}

// LevelsExport is, on a public team page, the counts of its members at
// each level of each competency, as the page shows them.
func (p *Page) LevelsExport() *Export {
	t := p.team
	if t == nil || !p.rec.hidesPeople() || p.hidden(len(t.Members)) {
		return nil
	}
	v := p.rec.team(t)
	header := []string{"Competency"}
	for _, l := range p.site.Scale {
		header = append(header, strconv.Itoa(l.Level)+" "+l.Name)
	}
	sheet := exportSheet{Name: "Levels in the team", Fixed: 1, Header: header}
	for _, lv := range v.Levels() {
		r := []any{p.label(lv.Competency.Competency)}
		for _, n := range lv.Counts {
			if p.hidden(lv.Rated) {
				r = append(r, "fewer than "+strconv.Itoa(p.site.Config.Privacy.MinGroup)+" rated")
				break
			}
			r = append(r, n)
		}
		sheet.Rows = append(sheet.Rows, r)
	}
	if len(sheet.Rows) == 0 {
		return nil
	}
	return p.export("export-team-"+t.ID, t.ID+"-levels", []exportSheet{sheet}, nil)
}

// InsightsExport is the insights' gaps and training needs, as the page
// shows them: on a public page, with figures over fewer than min_group
// people left out.
func (p *Page) InsightsExport() *Export {
	in := p.insightsData()
	if in == nil {
		return nil
	}
	fewer := "fewer than " + strconv.Itoa(p.site.Config.Privacy.MinGroup)
	gaps := exportSheet{Name: "Gaps", Fixed: 1, Header: []string{"Competency", "People with a target", "Rated", "Below target", "Levels short in all"}, Rows: [][]any{}}
	for _, g := range in.gaps {
		if g.Below == 0 {
			continue
		}
		r := []any{p.label(g.Competency)}
		if p.hidden(g.Rated) {
			r = append(r, fewer+" rated")
		} else {
			r = append(r, g.Targeted, g.Rated, g.Below, g.Total)
		}
		gaps.Rows = append(gaps.Rows, r)
	}
	needs := exportSheet{Name: "Training needs", Fixed: 1, Header: []string{"Competency", "Level to reach", "Level name", "People who need it", "Articles for the level", "General articles"}, Rows: [][]any{}}
	for _, nd := range in.needs {
		var people any = nd.People
		if p.hidden(nd.People) {
			people = fewer
		}
		needs.Rows = append(needs.Rows, []any{p.label(nd.Competency), nd.Level, p.site.LevelName(nd.Level), people, nd.Articles, nd.General})
	}
	return p.export("export-insights", "insights", []exportSheet{gaps, needs}, nil)
}

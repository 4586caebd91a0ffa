package exchange

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"portal/builder/content"
	"portal/builder/model"
	"portal/charts"
)

// Table is a spreadsheet to write: a header row and rows of cells, each a
// level or text. Levels are written as numbers, coloured by level in a
// workbook as on the site's pages.
type Table struct {
	Sheet  string
	Header []string
	Rows   [][]Value
	Scale  []model.Level // the colours of levels, in a workbook
}

// Value is a cell of a Table: a level when IsLevel, else text.
type Value struct {
	Text    string
	Level   int
	IsLevel bool
}

func text(s string) Value { return Value{Text: s} }
func level(n int) Value   { return Value{Level: n, IsLevel: true} }
func (v Value) String() string {
	if v.IsLevel {
		return strconv.Itoa(v.Level)
	}
	return v.Text
}

// The columns of the long shape, as Ratings writes them and Import reads
// them.
var longHeader = []string{"cycle", "cycle title", "date", "kind", "person", "person name", "competency", "competency title", "level", "level name"}

// Ratings is every rating of every cycle in the long shape: a row per
// rating (per peer in a peer cycle), cycles oldest first, people by id,
// competencies in the framework's order.
func Ratings(s *model.Site) *Table {
	t := &Table{Sheet: "Ratings", Header: longHeader, Scale: s.Scale}
	for _, mc := range s.Cycles {
		c := FromModel(s, mc)
		for _, pid := range content.SortedKeys(c.People) {
			p := s.PersonByID[pid]
			ratings := slices.Clone(c.People[pid])
			slices.SortStableFunc(ratings, func(a, b Rating) int { return cmp.Compare(a.Competency.Rank, b.Competency.Rank) })
			for _, r := range ratings {
				for _, l := range r.Levels {
					t.Rows = append(t.Rows, []Value{
						text(c.ID), text(c.Title), text(c.Date.Format("2006-01-02")), text(c.Kind),
						text(pid), text(p.Name), text(r.Competency.ID), text(r.Competency.Label()),
						level(l), text(s.LevelName(l)),
					})
				}
			}
		}
	}
	return t
}

// Matrix is the organisation's current levels in the wide shape: a row
// per person by name, with their id, name, team and role, and a column per
// competency of the framework, headed by its title (with its category
// where titles repeat); a cell is empty where the person has no level.
func Matrix(s *model.Site) *Table {
	t := &Table{Sheet: "Matrix", Header: []string{"person", "name", "team", "role"}, Scale: s.Scale}
	for _, c := range s.Competencies {
		t.Header = append(t.Header, c.Label())
	}
	for _, p := range s.People {
		row := []Value{text(p.ID), text(p.Name), {}, {}}
		if p.Team != nil {
			row[2] = text(p.Team.ID)
		}
		if p.Role != nil {
			row[3] = text(p.Role.ID)
		}
		cells := make([]Value, len(s.Competencies))
		for _, st := range p.Standings {
			if st.HasCurrent {
				cells[st.Competency.Rank] = level(st.Current)
			}
		}
		t.Rows = append(t.Rows, append(row, cells...))
	}
	return t
}

// Write writes t to w as the file name says: CSV for .csv (UTF-8, with
// commas), a workbook for .xlsx.
func (t *Table) Write(w io.Writer, name string) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return t.WriteCSV(w)
	case ".xlsx":
		return t.WriteXLSX(w)
	}
	return fmt.Errorf("%s: write a .csv or .xlsx file", name)
}

// WriteCSV writes t as CSV.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	record := make([]string, len(t.Header))
	for _, row := range t.Rows {
		record = record[:len(row)]
		for i, v := range row {
			record[i] = v.String()
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// MaxRows is how many rows a worksheet holds, its header included.
const MaxRows = 1 << 20

// WriteXLSX writes t as a workbook of one sheet: the header bold and
// frozen, levels as numbers in their level's colour.
func (t *Table) WriteXLSX(w io.Writer) error {
	if len(t.Rows)+1 > MaxRows {
		return fmt.Errorf("%d rows do not fit in a worksheet (at most %d): write a .csv file", len(t.Rows)+1, MaxRows)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", t.Sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	levelStyle := map[int]int{}
	for i, c := range charts.Ramp(len(t.Scale)) {
		id, err := f.NewStyle(&excelize.Style{
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[1:]}},
			Font:      &excelize.Font{Color: charts.TextOn(c)[1:]},
			Alignment: &excelize.Alignment{Horizontal: "center"},
		})
		if err != nil {
			return err
		}
		levelStyle[t.Scale[i].Level] = id
	}
	sw, err := f.NewStreamWriter(t.Sheet)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	cells := make([]any, 0, len(t.Header))
	for r, row := range t.Rows {
		cells = cells[:0]
		for _, v := range row {
			switch {
			case v.IsLevel:
				cells = append(cells, excelize.Cell{StyleID: levelStyle[v.Level], Value: v.Level})
			case v.Text == "":
				cells = append(cells, nil)
			default:
				cells = append(cells, v.Text)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// Package exchange moves ratings between a portal and the spreadsheets
// teams keep: it reads a skills matrix or a list of ratings from CSV or
// XLSX into cycle files (Import), and writes every cycle's ratings, or the
// organisation's current levels, as a spreadsheet (Ratings, Matrix).
package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Grid is a sheet of a spreadsheet as text: its rows of cells, top to
// bottom, each as the cell shows it (a formula's cached value).
type Grid struct {
	File  string // the file's name, as the reader gave it
	Sheet string // the sheet's name, "" for a CSV file
	Rows  [][]string
	// Lines are the line of each row in a CSV file, where a quoted field
	// of several lines or a blank line makes them differ from the rows.
	Lines []int
}

// line is the line of row r of a CSV file, counting from 1.
func (g *Grid) line(r int) int {
	if r < len(g.Lines) {
		return g.Lines[r]
	}
	return r + 1
}

// Cell is the text of the cell at row r and column c, counting from 0, or
// "" beyond the rows or for a column of -1 (one the sheet does not have).
func (g *Grid) Cell(r, c int) string {
	if r >= 0 && c >= 0 && r < len(g.Rows) && c < len(g.Rows[r]) {
		return g.Rows[r][c]
	}
	return ""
}

// Ref names the cell at row r and column c, counting from 0, as a person
// finds it: "matrix.xlsx:Sheet1!D7" in a workbook, "ratings.csv:12:3"
// (line and field) in a CSV file.
func (g *Grid) Ref(r, c int) string {
	if g.Sheet == "" {
		return fmt.Sprintf("%s:%d:%d", g.File, g.line(r), c+1)
	}
	name, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return g.File + ":" + g.Sheet + "!" + name
}

// RowRef names row r, counting from 0.
func (g *Grid) RowRef(r int) string {
	if g.Sheet == "" {
		return fmt.Sprintf("%s:%d", g.File, g.line(r))
	}
	return fmt.Sprintf("%s:%s!%d", g.File, g.Sheet, r+1)
}

// Read reads the sheet of a spreadsheet file: a .csv, or a .xlsx whose
// sheet is named by sheet ("" for the first).
func Read(path, sheet string) (*Grid, error) {
	name := filepath.Base(path)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		if sheet != "" {
			return nil, fmt.Errorf("%s: --sheet is for a workbook (.xlsx); a CSV file has one sheet", name)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return ReadCSV(name, data)
	case ".xlsx", ".xlsm":
		f, err := excelize.OpenFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: not a workbook excelize can read: %v", name, err)
		}
		defer f.Close()
		return readWorkbook(name, f, sheet)
	}
	return nil, fmt.Errorf("%s: a spreadsheet must be a .csv or .xlsx file", name)
}

// ReadCSV reads CSV data as spreadsheet programs write it: with or without
// a byte order mark, its fields separated by commas, semicolons (as many
// European locales write them) or tabs, whichever the first line uses.
func ReadCSV(name string, data []byte) (*Grid, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not UTF-8 text; save the sheet as \"CSV UTF-8\"", name)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	g := &Grid{File: name}
	for {
		record, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
			}
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		line, _ := r.FieldPos(0)
		g.Rows = append(g.Rows, record)
		g.Lines = append(g.Lines, line)
	}
	return g, nil
}

// separator is the field separator of CSV data: the one of comma,
// semicolon and tab that its first line, outside quotes, holds most of.
func separator(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(line) {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// readWorkbook reads a sheet of a workbook. A merged cell's value fills
// every cell it spans, as a person reads it: a header merged over two rows
// names its column in both.
func readWorkbook(name string, f *excelize.File, sheet string) (*Grid, error) {
	sheets := f.GetSheetList()
	if sheet == "" {
		if len(sheets) == 0 {
			return nil, fmt.Errorf("%s: the workbook has no sheet", name)
		}
		sheet = sheets[0]
	} else if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return nil, fmt.Errorf("%s: no sheet %q; it has %s", name, sheet, quoteAll(sheets))
	}
	// Raw values: a date cell reads as its serial number, whatever its
	// format shows, and a number as it is stored.
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("%s:%s: %v", name, sheet, err)
	}
	merged, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s:%s: %v", name, sheet, err)
	}
	g := &Grid{File: name, Sheet: sheet, Rows: rows}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		for r := r1 - 1; r < r2; r++ {
			for c := c1 - 1; c < c2; c++ {
				g.set(r, c, m.GetCellValue())
			}
		}
	}
	return g, nil
}

// set puts v in the cell at row r and column c, growing the grid to it.
func (g *Grid) set(r, c int, v string) {
	for len(g.Rows) <= r {
		g.Rows = append(g.Rows, nil)
	}
	for len(g.Rows[r]) <= c {
		g.Rows[r] = append(g.Rows[r], "")
	}
	g.Rows[r][c] = v
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

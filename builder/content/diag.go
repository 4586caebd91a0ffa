package content

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Severity tells an error, which stops a build, from a warning, which does not.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem found in a site, located in the file that has it.
// Path is relative to the site folder; Line and Col start at 1 and are 0 when
// the input has no position for the problem (a missing file, say).
type Diagnostic struct {
	Path     string
	Line     int
	Col      int
	Msg      string
	Severity Severity
}

// String formats the diagnostic as path:line:col: message, the form editors
// and terminals turn into links.
func (d Diagnostic) String() string {
	var b strings.Builder
	if strings.ContainsFunc(d.Path, unicode.IsControl) {
		// A file name with control characters would reach the terminal
		// raw: it is shown quoted, with them escaped.
		b.WriteString(strconv.Quote(d.Path))
	} else {
		b.WriteString(d.Path)
	}
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", d.Line, max(d.Col, 1))
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// Diagnostics is every problem found in a site. It is an error when it holds
// at least one Diagnostic of severity Error.
type Diagnostics []Diagnostic

func (ds Diagnostics) Error() string {
	lines := make([]string, 0, len(ds))
	for _, d := range ds {
		if d.Severity == Error {
			lines = append(lines, d.String())
		}
	}
	return strings.Join(lines, "\n")
}

// Errors returns only the diagnostics of severity Error.
func (ds Diagnostics) Errors() Diagnostics {
	return slices.DeleteFunc(slices.Clone(ds), func(d Diagnostic) bool { return d.Severity != Error })
}

// Warnings returns only the diagnostics of severity Warning.
func (ds Diagnostics) Warnings() Diagnostics {
	return slices.DeleteFunc(slices.Clone(ds), func(d Diagnostic) bool { return d.Severity != Warning })
}

// Sort orders diagnostics by file, line, column and message, so that a run
// prints them in the same order every time.
func (ds Diagnostics) Sort() {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			strings.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			strings.Compare(a.Msg, b.Msg),
		)
	})
}

// Pos is a position in a file, 1-based.
type Pos struct{ Line, Col int }

// report collects diagnostics; it is not safe for concurrent use.
type Report struct{ List Diagnostics }

func (r *Report) Errorf(path string, p Pos, format string, args ...any) {
	r.List = append(r.List, Diagnostic{Path: path, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)})
}

func (r *Report) Warnf(path string, p Pos, format string, args ...any) {
	r.List = append(r.List, Diagnostic{Path: path, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...), Severity: Warning})
}

// suggest returns " (did you mean "x"?)" when one known id is within two edits
// of id, and "" otherwise. Ties go to the first in sorted order so the message
// is stable.
func Suggest(id string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		d := editDistance(id, k, 3)
		if d < 3 && (best == "" || d < bestDist || (d == bestDist && k < best)) {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// SuggestID is Suggest for an unknown id of a thing, such as a team: with no
// close match among a few known ones (up to 8), it names them all, one and
// many being what they are ("team", "teams"); with none known, it says so.
func SuggestID(id string, known []string, one, many string) string {
	if s := Suggest(id, known); s != "" {
		return s
	}
	switch {
	case len(known) == 0:
		return "; there are no " + many + " yet"
	case len(known) == 1:
		return fmt.Sprintf("; the only %s is %q", one, known[0])
	case len(known) <= 8:
		quoted := make([]string, len(known))
		for i, k := range known {
			quoted[i] = strconv.Quote(k)
		}
		return fmt.Sprintf("; the %s are %s and %s", many, strings.Join(quoted[:len(quoted)-1], ", "), quoted[len(quoted)-1])
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, giving up with
// limit once it is certain to be at least limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit)
}

// Cause strips the operation and path from a file error: the message names
// the file already.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

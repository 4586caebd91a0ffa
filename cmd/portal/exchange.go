package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"portal/builder"
	"portal/builder/seal"
	"portal/exchange"
)

// loadForExchange loads the site in dir, as check does (any secret will
// do, since nothing is sealed), and reports its errors; warnings are for
// portal check.
func loadForExchange(stderr io.Writer, dir string) (*builder.Site, error) {
	throwaway := seal.NewSecret()
	site, err := builder.Load(builder.DirFS(dir), builder.Options{Drafts: true, Secret: &throwaway})
	var diags builder.Diagnostics
	if errors.As(err, &diags) {
		err = report(stderr, nil, diags.Errors())
	}
	if err != nil {
		return nil, err
	}
	return site, nil
}

func runImport(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("import", stderr)
	src := fs.String("s", ".", "the site folder `DIR`, holding site.toml and content/")
	var o exchange.Options
	sheet := fs.String("sheet", "", "the `NAME` of the sheet of a workbook to read (default: the first)")
	fs.StringVar(&o.PersonColumn, "person-column", "", "the `HEADER` of the column that names people, where none is headed person, id or name")
	fs.StringVar(&o.Cycle, "cycle", "", "the `ID` of the cycle the ratings fill, where the sheet has no cycle column")
	fs.StringVar(&o.Title, "title", "", "the new cycle's `TITLE` (default: its id)")
	fs.StringVar(&o.Date, "date", "", "the new cycle's `DATE`, YYYY-MM-DD")
	fs.StringVar(&o.Kind, "kind", "", "the new cycle's kind, `manager|self|peer` (default manager)")
	fs.BoolVar(&o.Create, "create", false, "add the people and teams the sheet names that the site lacks")
	fs.BoolVar(&o.Force, "force", false, "change existing cycle files: replace the ratings the sheet gives, keeping every other")
	dry := fs.Bool("dry-run", false, "print what would be written, and write nothing")
	fs.Usage = usage(fs, "import")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"give one spreadsheet: portal import FILE"}
	}
	site, err := loadForExchange(stderr, *src)
	if err != nil {
		return err
	}
	g, err := exchange.Read(pos[0], *sheet)
	if err != nil {
		return err
	}
	plan, err := exchange.Import(site, g, o)
	var problems exchange.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Fprintln(stderr, p)
		}
		fmt.Fprintf(stderr, "%d %s; nothing written\n", len(problems), plural(len(problems), "problem", "problems"))
		return errReported
	}
	if err != nil {
		return err
	}
	for _, n := range plan.Notes {
		fmt.Fprintln(stdout, n)
	}
	if *dry {
		fmt.Fprintf(stdout, "A %s sheet: %d %s of %d %s. Would write:\n", plan.Shape, plan.Ratings, plural(plan.Ratings, "rating", "ratings"), plan.People, plural(plan.People, "person", "people"))
		for _, f := range plan.Files {
			fmt.Fprintf(stdout, "  %s (%s)\n", f.Path, what(f))
		}
		return nil
	}
	changes, err := writePlan(*src, plan)
	if err != nil {
		return err
	}
	// What was written must load: if it does not, it is taken back.
	if _, err := loadForExchange(stderr, *src); err != nil {
		if uerr := undo(changes); uerr != nil {
			return fmt.Errorf("the imported files do not load, and taking them back failed: %v", uerr)
		}
		fmt.Fprintln(stderr, "the imported files do not load: taken back, nothing written")
		return errReported
	}
	fmt.Fprintf(stdout, "Imported %d %s of %d %s from a %s sheet:\n", plan.Ratings, plural(plan.Ratings, "rating", "ratings"), plan.People, plural(plan.People, "person", "people"), plan.Shape)
	for _, f := range plan.Files {
		fmt.Fprintf(stdout, "  %s (%s)\n", f.Path, what(f))
	}
	return nil
}

func what(f exchange.File) string {
	if f.Replaces {
		return "replaced"
	}
	return "new"
}

// change is a file an import writes: what was there before (nil where
// nothing was) and its mode, to put back.
type change struct {
	path string
	old  []byte
	mode os.FileMode
}

// writePlan writes the plan's files into the site, after reading every
// file it replaces and checking that none it adds is there already. Each
// is written whole or not at all; a failure puts back those written.
func writePlan(dir string, plan *exchange.Plan) ([]change, error) {
	changes := make([]change, len(plan.Files))
	for i, f := range plan.Files {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		changes[i] = change{path: path, mode: 0o644}
		info, err := os.Lstat(path)
		switch {
		case err == nil && !f.Replaces:
			return nil, fmt.Errorf("%s is there already, and the site did not load it; move it away first", f.Path)
		case f.Replaces:
			if err != nil {
				return nil, err
			}
			if changes[i].old, err = os.ReadFile(path); err != nil {
				return nil, err
			}
			changes[i].mode = info.Mode().Perm()
		}
	}
	for i, f := range plan.Files {
		if err := writeFileAtomic(changes[i].path, f.Data, changes[i].mode); err != nil {
			if uerr := undo(changes[:i]); uerr != nil {
				return nil, fmt.Errorf("%v; and putting back the files written before failed: %v", err, uerr)
			}
			return nil, err
		}
	}
	return changes, nil
}

// undo puts back what writePlan changed.
func undo(changes []change) error {
	var errs []error
	for _, c := range changes {
		if c.old != nil {
			errs = append(errs, writeFileAtomic(c.path, c.old, c.mode))
		} else if err := os.Remove(c.path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// writeFileAtomic writes data to path by way of a file beside it, so that
// path holds the old bytes or the new, never part of them, with mode.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

func runExport(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("export", stderr)
	src := fs.String("s", ".", "the site folder `DIR`, holding site.toml and content/")
	out := fs.String("o", "", "the `FILE` to write: .csv or .xlsx (default: CSV on standard output)")
	fs.Usage = usage(fs, "export")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "ratings" && pos[0] != "matrix") {
		return usageError{"say what to export: ratings (every cycle, a row per rating) or matrix (current levels, a row per person)"}
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if *out != "" && ext != ".csv" && ext != ".xlsx" {
		return usageError{fmt.Sprintf("-o %s: write a .csv or .xlsx file", *out)}
	}
	// Individuals' ratings must not be published with the site.
	for _, dir := range []string{filepath.Join(*src, "public"), filepath.Join(*src, "static")} {
		if within(*out, dir) {
			return fmt.Errorf("-o %s is inside %s, which is published: the file names people with their ratings; write it elsewhere", *out, dir)
		}
	}
	site, err := loadForExchange(stderr, *src)
	if err != nil {
		return err
	}
	t := exchange.Ratings(site)
	if pos[0] == "matrix" {
		t = exchange.Matrix(site)
	}
	if *out == "" {
		return t.WriteCSV(stdout)
	}
	var buf bytes.Buffer
	if err := t.Write(&buf, *out); err != nil {
		return err
	}
	// Readable by its owner alone: it holds personal data.
	if err := writeFileAtomic(*out, buf.Bytes(), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s: %d %s\n", *out, len(t.Rows), plural(len(t.Rows), "row", "rows"))
	return nil
}

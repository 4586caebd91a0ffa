package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"portal/gen"
)

func runGen(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("gen", stderr)
	preset := fs.String("preset", "small", "the `NAME` of the size of the site: "+strings.Join(gen.Names(), ", "))
	seed := fs.Int64("seed", 1, "the `N` that seeds the random choices; the same N writes the same files")
	out := fs.String("o", "", "the output `DIR`, new or empty (default: ./PRESET-site)")
	publish := fs.String("publish", "open", "the site's [privacy] publish `MODE`: private, aggregate or open")
	fs.Usage = usage(fs, "gen")
	if err := parse(fs, args); err != nil {
		return err
	}
	p, ok := gen.Named(*preset)
	if !ok {
		return usageError{fmt.Sprintf("unknown preset %q: use %s", *preset, strings.Join(gen.Names(), ", "))}
	}
	switch *publish {
	case "private", "aggregate", "open":
		p.Publish = *publish
	default:
		return usageError{fmt.Sprintf("-publish %q: use private, aggregate or open", *publish)}
	}
	if *out == "" {
		*out = filepath.Join(".", *preset+"-site")
	}
	start := time.Now()
	if err := gen.Generate(*out, p, *seed); err != nil {
		return err
	}
	elapsed := time.Since(start)
	files, size, err := siteSize(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Generated %d people, %d teams, %d roles, %d competencies, %d articles, %d cycles: %d files, %s in %d ms into %s\n",
		p.People, p.Teams, p.Roles, p.Competencies, p.Articles, p.ManagerCycles+p.SelfCycles,
		files, megabytes(size), elapsed.Milliseconds(), *out)
	return nil
}

// siteSize counts the files below dir and their bytes.
func siteSize(dir string) (files int, size int64, err error) {
	err = filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	return files, size, err
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

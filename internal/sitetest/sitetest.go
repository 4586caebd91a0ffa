// Package sitetest reads and copies site folders for the tests of the
// portal's packages.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// ReadTree returns every file below dir by its slash path relative to dir.
func ReadTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Copy copies what a site is made of (site.toml, content/, layouts/ and
// static/, where they exist) from src into dst.
func Copy(t testing.TB, src, dst string) {
	t.Helper()
	for _, top := range []string{"site.toml", "content", "layouts", "static"} {
		root := filepath.Join(src, top)
		if _, err := os.Stat(root); err != nil {
			continue
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out := filepath.Join(dst, rel)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return err
			}
			return os.WriteFile(out, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

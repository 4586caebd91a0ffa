package builder

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"portal/builder/content"
)

// fixtureArchive is the txtar archive of the test site that most tests build and
// edit: a frozen copy of the demo, so that the demo itself can change
// freely. The tests of the demo as it is (it loads without a warning, builds
// the same bytes twice, its links resolve) read the repository's root.
const fixtureArchive = "testdata/sites/harbourline.txtar"

// fixtureFS is the fixture site in memory.
func fixtureFS(t testing.TB) fstest.MapFS {
	t.Helper()
	return txtarFS(t, fixtureArchive)
}

// fixtureDir writes the fixture site into a new folder and returns it.
func fixtureDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	writeArchive(t, fixtureArchive, dir)
	return dir
}

// writeArchive writes the files of a txtar archive into dir.
func writeArchive(t testing.TB, archive, dir string) {
	t.Helper()
	for name, f := range txtarFS(t, archive) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// buildWithin builds the site folder dir, failing the test when the build
// does not return within 30 s: it checks that a build does not hang.
func buildWithin(t *testing.T, dir string) (*Output, error) {
	t.Helper()
	type result struct {
		out *Output
		err error
	}
	done := make(chan result, 1)
	go func() {
		_, out, err := Build(content.DirFS(dir), Options{})
		done <- result{out, err}
	}()
	select {
	case r := <-done:
		return r.out, r.err
	case <-time.After(30 * time.Second):
		t.Fatal("the build did not return within 30 s")
	}
	return nil, nil
}

// matchesFull builds the site in fsys from scratch and fails the test for
// each file of that build that inc, an incremental build's output after
// the change what, does not have with the same bytes.
func matchesFull(t *testing.T, what string, inc *Output, fsys fs.FS) {
	t.Helper()
	_, full, err := Build(fsys, Options{})
	if err != nil {
		t.Fatalf("%s: full build: %v", what, err)
	}
	for _, p := range full.Paths() {
		if got, _ := inc.File(p); !bytes.Equal(got, full.Files[p]) {
			t.Errorf("%s: %s is stale:\n%s", what, p, firstDiff(string(full.Files[p]), string(got)))
		}
	}
}

package builder

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// fixtureArchive is the txtar archive of the test site that most tests build and
// edit: a frozen copy of the demo, so that the demo itself can change
// freely. The tests of the demo as it is (it loads without a warning, builds
// the same bytes twice, its links resolve) read the repository's root.
const fixtureArchive = "testdata/sites/harbourline.txtar"

// fixtureFS is the fixtureArchive site in memory.
func fixtureFS(t testing.TB) fstest.MapFS {
	t.Helper()
	return txtarFS(t, fixtureArchive)
}

// fixtureDir writes the fixtureArchive site into a new folder and returns it.
func fixtureDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range fixtureFS(t) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

package builder

import (
	"bytes"
	"errors"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"portal/builder/content"
	"portal/builder/seal"
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
	_, full, err := Build(fsys, Options{Secret: &testSecret})
	if err != nil {
		t.Fatalf("%s: full build: %v", what, err)
	}
	for _, p := range full.Paths() {
		if got, _ := inc.File(p); !bytes.Equal(got, full.Files[p]) {
			t.Errorf("%s: %s is stale:\n%s", what, p, firstDiff(string(full.Files[p]), string(got)))
		}
	}
}

// testSecret is the site secret of the tests that build sites published
// private.
var testSecret = seal.Secret{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}

// publishedOpen is fsys with its site.toml published open, for tests of
// what the pages of individuals show.
func publishedOpen(t testing.TB, fsys fs.FS) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(m["site.toml"].Data), "[privacy]") {
		t.Fatal("publishedOpen: site.toml has a [privacy] table already")
	}
	m["site.toml"].Data = append(m["site.toml"].Data, openTail...)
	return m
}

// unseal returns the private page name, with the content its script puts in
// place when the reader of audience a opens it: the content decrypted in
// place of the note and the sealed data, and its title. It fails the test
// when the page does not open for a.
func unseal(t testing.TB, name string, page []byte, a seal.Audience) []byte {
	t.Helper()
	box, title, err := sealedParts(page)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	u := strings.TrimSuffix(name, "index.html")
	plain, err := seal.Open(u, box, seal.NewKeys(testSecret).Key(a))
	if err != nil {
		t.Fatalf("%s does not open for %v: %v", name, a, err)
	}
	var content struct{ Title, Main string }
	title2, main, ok := strings.Cut(string(plain), "\x00")
	if !ok {
		t.Fatalf("%s: no NUL between the title and the content", name)
	}
	content.Title, content.Main = title2, main
	s := string(page)
	start := strings.Index(s, `<div class="wrap sealed" id="sealed-note"`)
	end := strings.Index(s, "</main>")
	s = s[:start] + content.Main + s[end:]
	return []byte(strings.Replace(s, "<title>"+title+"</title>", "<title>"+html.EscapeString(content.Title)+"</title>", 1))
}

// sealedParts returns the sealed data of a private page and the title its
// shell shows.
func sealedParts(page []byte) (box []byte, title string, err error) {
	s := string(page)
	_, rest, ok := strings.Cut(s, `<script type="application/json" id="sealed-page"`)
	if !ok {
		return nil, "", errors.New("no sealed content")
	}
	_, rest, _ = strings.Cut(rest, ">")
	data, _, _ := strings.Cut(rest, "</script>")
	_, t, _ := strings.Cut(s, "<title>")
	title, _, _ = strings.Cut(t, "</title>")
	return []byte(data), title, nil
}

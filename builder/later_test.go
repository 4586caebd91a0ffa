package builder

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// laterBuilder is a Builder of a copy of the demo that renders at once only
// the page at open, besides the first of each kind.
func laterBuilder(t *testing.T, open string) (*Builder, string) {
	t.Helper()
	dir := fixtureDir(t)
	b := NewBuilder(os.DirFS(dir), Options{Secret: &testSecret})
	b.Now = func(u string) bool { return u == open }
	return b, dir
}

// TestLaterPages checks what a build that leaves pages for later gives:
// the open page and one page of each kind at once, every other page when
// read, with the static files it links, and the same bytes as a full build.
func TestLaterPages(t *testing.T) {
	b, dir := laterBuilder(t, "teams/finance-and-planning/")
	_, out, err := b.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	_, full, err := Build(os.DirFS(dir), Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	if out.Rendered > 15 || out.Left() != out.Pages-out.Rendered {
		t.Errorf("rendered %d of %d pages at once, left %d", out.Rendered, out.Pages, out.Left())
	}
	if _, ok := out.Files["teams/finance-and-planning/index.html"]; !ok {
		t.Error("the open page was left for later")
	}
	person := "people/tomasz-kowalski/index.html"
	if _, ok := out.Files[person]; ok {
		t.Fatalf("%s was rendered at once", person)
	}
	if !out.Has(person) || out.Has("people/nobody/index.html") {
		t.Error("Has does not tell pages left for later from missing ones")
	}
	if _, err := out.Read("people/nobody/index.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing page: %v", err)
	}
	page, err := out.Read(person)
	if err != nil || !bytes.Equal(page, full.Files[person]) {
		t.Fatalf("%s read as %d bytes (%v), a full build has %d", person, len(page), err, len(full.Files[person]))
	}
	// A person page links the charts' script by its hashed name: it is
	// served once a page that links it is.
	for name, hashed := range b.theme.Fingerprints() {
		if strings.HasPrefix(name, "vendor/echarts/") && strings.HasSuffix(name, ".js") {
			if _, ok := out.File(hashed); !ok {
				t.Errorf("%s, linked by %s, is missing", hashed, person)
			}
		}
	}
	left := out.Left()
	if err := out.Finish(); err != nil {
		t.Fatal(err)
	}
	if out.Left() != 0 || left == 0 {
		t.Errorf("%d pages left before Finish, %d after", left, out.Left())
	}
	if got, want := out.Paths(), full.Paths(); !equalStrings(got, want) {
		t.Errorf("%d files, a full build has %d", len(got), len(want))
	}
	for _, p := range full.Paths() {
		if !bytes.Equal(out.Files[p], full.Files[p]) {
			t.Errorf("%s differs from a full build's", p)
		}
	}
}

func equalStrings(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

// TestLaterAfterAnotherBuild reads a page left by a build after another
// build has changed what it shows: the page is that of the site now.
func TestLaterAfterAnotherBuild(t *testing.T) {
	b, dir := laterBuilder(t, "")
	_, first, err := b.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	person := "people/tomasz-kowalski/index.html"
	if _, ok := first.Files[person]; ok {
		t.Fatalf("%s was rendered at once", person)
	}
	edit(t, dir, "content/people/tomasz-kowalski.toml", `title = ".*"`, `title = "Chief Listener"`)
	if _, _, err := b.Build([]string{"content/people/tomasz-kowalski.toml"}); err != nil {
		t.Fatal(err)
	}
	page, err := first.Read(person)
	if err != nil || !bytes.Contains(page, []byte("Chief Listener")) {
		t.Errorf("a page left by the first build shows the site as it was (%v)", err)
	}
	// The first output is no longer the last: Finish leaves its pages to
	// the new one.
	if err := first.Finish(); err != nil || first.Left() == 0 {
		t.Errorf("Finish of an old output: %v, %d left", err, first.Left())
	}
}

// TestLaterErrors breaks the person layout for one person only: the build,
// which renders the first person's page at once, succeeds; reading the
// broken page, and Finish, report the error as a full build does.
func TestLaterErrors(t *testing.T) {
	b, dir := laterBuilder(t, "")
	layout, err := os.ReadFile("../themes/default/layouts/person.html")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(layout), `{{$p := .Person}}`, `{{$p := .Person}}{{if eq $p.ID "tomasz-kowalski"}}{{index .Site.People 100000}}{{end}}`, 1)
	writeTestFile(t, filepath.Join(dir, "layouts/person.html"), broken)
	_, out, err := b.Build(nil)
	if err != nil {
		t.Fatalf("the build failed: %v", err)
	}
	_, _, fullErr := Build(os.DirFS(dir), Options{Secret: &testSecret})
	if fullErr == nil {
		t.Fatal("a full build succeeded")
	}
	_, err = out.Read("people/tomasz-kowalski/index.html")
	if err == nil || err.Error() != fullErr.Error() {
		t.Errorf("reading the broken page: %v\nwant: %v", err, fullErr)
	}
	if _, err := out.Read("people/amara-okafor/index.html"); err != nil {
		t.Errorf("another person's page: %v", err)
	}
	if err := out.Finish(); err == nil || err.Error() != fullErr.Error() {
		t.Errorf("Finish: %v\nwant: %v", err, fullErr)
	}
}

func writeTestFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLaterConcurrent reads pages and finishes outputs while edits are
// built, as the preview does; run with -race. After the last edit, every
// page must be a full build's.
func TestLaterConcurrent(t *testing.T) {
	b, dir := laterBuilder(t, "people/amara-okafor/")
	_, out, err := b.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	var cur atomic.Pointer[Output]
	cur.Store(out)
	var paths []string // those of the first build that every build has
	for _, p := range out.Paths() {
		if !strings.HasPrefix(p, "search/") {
			paths = append(paths, p)
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for r := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := r; ; i += 7 {
				select {
				case <-stop:
					return
				default:
				}
				if r == 0 {
					cur.Load().Finish()
					continue
				}
				if _, err := cur.Load().Read(paths[i%len(paths)]); err != nil {
					t.Errorf("%s: %v", paths[i%len(paths)], err)
					return
				}
			}
		}()
	}
	for i := range 12 {
		file := "content/people/diego-hernandez.toml"
		edit(t, dir, file, `title = ".*"`, fmt.Sprintf(`title = "Title %d"`, i))
		if i%3 == 2 {
			file = "content/competencies/management/delegation.md"
			edit(t, dir, file, `title = ".*"`, fmt.Sprintf(`title = "Delegation %d"`, i))
		}
		_, out, err := b.Build([]string{file, "content/people/diego-hernandez.toml"})
		if err != nil {
			t.Fatal(err)
		}
		cur.Store(out)
	}
	close(stop)
	wg.Wait()
	_, full, err := Build(os.DirFS(dir), Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	last := cur.Load()
	if err := last.Finish(); err != nil {
		t.Fatal(err)
	}
	for _, p := range full.Paths() {
		if !bytes.Equal(last.Files[p], full.Files[p]) {
			t.Errorf("%s differs from a full build's", p)
		}
	}
}

// TestLaterBrokenLayout breaks the person layout for every person after a
// first build: the next build renders the first person's page at once, and
// fails as a full build does, though no person's page is open.
func TestLaterBrokenLayout(t *testing.T) {
	b, dir := laterBuilder(t, "")
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	layout, err := os.ReadFile("../themes/default/layouts/person.html")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(layout), `{{$p := .Person}}`, `{{$p := .Person}}{{index .Site.People 100000}}`, 1)
	writeTestFile(t, filepath.Join(dir, "layouts/person.html"), broken)
	_, _, err = b.Build([]string{"layouts/person.html"})
	if err == nil || !strings.Contains(err.Error(), "layouts/person.html:") || !strings.Contains(err.Error(), "rendering people/") {
		t.Errorf("a layout broken for every person: %v", err)
	}
}

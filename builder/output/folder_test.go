package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestCheckDestination refuses every output folder a build must not replace,
// and accepts the usual ones.
func TestCheckDestination(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	os.WriteFile(filepath.Join(site, "site.toml"), []byte("title = \"x\"\n"), 0o644)
	other := filepath.Join(root, "other-site")
	os.MkdirAll(filepath.Join(other, "content"), 0o755)
	config := filepath.Join(root, "config-only")
	os.MkdirAll(config, 0o755)
	os.WriteFile(filepath.Join(config, "site.toml"), []byte("x"), 0o644)
	notes := filepath.Join(root, "notes")
	os.MkdirAll(notes, 0o755)
	os.WriteFile(filepath.Join(notes, "todo.txt"), []byte("keep me"), 0o644)
	made := filepath.Join(root, "made")
	os.MkdirAll(made, 0o755)
	os.WriteFile(filepath.Join(made, MarkerFile), nil, 0o644)
	os.WriteFile(filepath.Join(made, "index.html"), nil, 0o644)
	empty := filepath.Join(root, "empty")
	os.MkdirAll(empty, 0o755)
	home, _ := os.UserHomeDir()
	file := filepath.Join(root, "notes.txt")
	os.WriteFile(file, []byte("keep me"), 0o644)
	link := filepath.Join(root, "link")
	os.Symlink(made, link)
	dangling := filepath.Join(root, "dangling")
	os.Symlink(filepath.Join(root, "nowhere"), dangling)

	refused := []struct{ dest, why string }{
		{site, "site folder itself"},
		{site + "/.", "site folder itself"},
		{root, "holds the site folder"},
		{filepath.Dir(root), "holds the site folder"},
		{"/", "root of the file system"},
		{home, "home folder"},
		{other, "holds content"},
		{config, "holds site.toml"},
		{filepath.Join(site, "site.toml"), "is a file, not a folder"},
		{file, "is a file, not a folder"},
		{link, "symbolic link; name the folder it points to, " + made},
		{dangling, "symbolic link; name a folder"},
		{notes, "not empty and was not made by portal build"},
	}
	for _, c := range refused {
		err := CheckDestination(site, c.dest, false)
		if err == nil || !strings.Contains(err.Error(), c.why) {
			t.Errorf("CheckDestination(%s) = %v, want a refusal: %s", c.dest, err, c.why)
		}
	}
	// --force overrides only the non-empty folder, not the dangerous ones.
	if err := CheckDestination(site, notes, true); err != nil {
		t.Errorf("--force on a non-empty folder: %v", err)
	}
	for _, c := range refused[:len(refused)-1] {
		if err := CheckDestination(site, c.dest, true); err == nil {
			t.Errorf("--force allowed %s", c.dest)
		}
	}
	// The refused files and links are untouched.
	if data, err := os.ReadFile(file); err != nil || string(data) != "keep me" {
		t.Errorf("%s after the checks: %q, %v", file, data, err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s is no longer a link: %v", link, err)
	}
	for _, dest := range []string{filepath.Join(site, "public"), made, empty, filepath.Join(root, "new")} {
		if err := CheckDestination(site, dest, false); err != nil {
			t.Errorf("CheckDestination(%s) = %v, want it accepted", dest, err)
		}
	}
}

// site is an output: file contents by path.
type site map[string]string

// siteOf is the output of the build named id.
func siteOf(id string) site {
	s := site{}
	for _, p := range []string{"index.html", "people/index.html", "people/ana/index.html", "css/site.css"} {
		s[p] = id + " " + p
	}
	return s
}

// write writes s through a new Folder into dest and commits it.
func write(dest string, s site) error {
	w, err := NewFolder(dest)
	if err != nil {
		return err
	}
	defer w.Abort()
	for p, data := range s {
		if err := w.Write(p, []byte(data), true); err != nil {
			return err
		}
	}
	return w.Commit()
}

// readSite reads the output in dest, without its marker; nil when dest is
// missing.
func readSite(t *testing.T, dest string) site {
	t.Helper()
	if _, err := os.Lstat(dest); err != nil {
		return nil
	}
	s := site{}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dest, p)
		if rel != MarkerFile {
			s[filepath.ToSlash(rel)] = string(data)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// wantSite fails t unless dest holds exactly want, marked as portal's.
func wantSite(t *testing.T, dest string, want site, when string) {
	t.Helper()
	got := readSite(t, dest)
	if got == nil {
		t.Fatalf("%s: %s is missing", when, dest)
	}
	if !maps.Equal(got, want) {
		t.Fatalf("%s: %s holds\n%v\nwant\n%v", when, dest, got, want)
	}
	if !isMarked(dest) {
		t.Fatalf("%s: %s has no %s", when, dest, MarkerFile)
	}
}

// wantBeside fails t unless the folder holding dest holds names and
// nothing else.
func wantBeside(t *testing.T, dest string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Errorf("beside the output: %q, want %q", got, names)
	}
}

// TestConcurrentBuildsIntoOneDest runs eight builders, each building three
// times into the same folder at once: every build succeeds, no two write at
// the same time, and the output is one build's, whole, with nothing left
// beside it.
func TestConcurrentBuildsIntoOneDest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	const builders, builds = 8, 3
	var writing atomic.Int32
	var wg sync.WaitGroup
	errs := make([]error, builders*builds)
	ids := map[string]bool{}
	for g := range builders {
		for i := range builds {
			ids[fmt.Sprintf("build-%d-%d", g, i)] = true
		}
		wg.Go(func() {
			for i := range builds {
				id := fmt.Sprintf("build-%d-%d", g, i)
				errs[g*builds+i] = func() error {
					w, err := NewFolder(dest)
					if err != nil {
						return err
					}
					defer w.Abort()
					if n := writing.Add(1); n > 1 {
						return fmt.Errorf("%d builds writing at once", n)
					}
					for p, data := range siteOf(id) {
						if err := w.Write(p, []byte(data), true); err != nil {
							return err
						}
					}
					writing.Add(-1)
					return w.Commit()
				}()
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("build %d of %d: %v", i, len(errs), err)
		}
	}
	got := readSite(t, dest)
	id, _, _ := strings.Cut(got["index.html"], " ")
	if !ids[id] {
		t.Fatalf("index.html is %q, from no build", got["index.html"])
	}
	wantSite(t, dest, siteOf(id), "after the builds")
	wantBeside(t, dest, "public")
}

// TestOtherFoldersBesideDestSurvive builds next to folders named like a
// build's new folder that are not a dead build's: a user's backup, a copy of
// the output (marked) under a name a build does not give, and one a build
// could have named but that holds files and no marker. Each keeps every
// file.
func TestOtherFoldersBesideDestSurvive(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := write(dest, siteOf("old")); err != nil {
		t.Fatal(err)
	}
	keep := map[string]string{
		".public.new-mybackup/notes.txt":          "mine",
		".public.new-mycopy/" + MarkerFile:        "copied",
		".public.new-mycopy/index.html":           "copied",
		".public.new-12345/notes.txt":             "mine too",
		".public.new-12345.old.bak/" + MarkerFile: "mine",
		".other.new-123/" + MarkerFile:            "another output's",
	}
	for p, data := range keep {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := write(dest, siteOf("new")); err != nil {
		t.Fatal(err)
	}
	wantSite(t, dest, siteOf("new"), "after the build")
	for p, data := range keep {
		if got, err := os.ReadFile(filepath.Join(dir, p)); err != nil || string(got) != data {
			t.Errorf("%s after the build: %q, %v; want %q", p, got, err, data)
		}
	}
}

// TestTwoRenamesRestoreDest takes the two renames of the swap, where the
// system cannot exchange, and makes the second fail: the previous output
// is back in place, whole.
func TestTwoRenamesRestoreDest(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := write(dest, siteOf("old")); err != nil {
		t.Fatal(err)
	}
	exchange = func(a, b string) error { return errNoExchange }
	defer func() { exchange = renameExchange }()
	var aside bool
	step = func(name string) {
		if name != "aside" {
			return
		}
		aside = true
		// Take the new folder away, so that renaming it fails.
		news, _ := filepath.Glob(filepath.Join(dir, ".public.new-*[0-9]"))
		for _, n := range news {
			os.Rename(n, n+".gone")
		}
	}
	defer func() { step = func(string) {} }()
	err := write(dest, siteOf("new"))
	if !aside {
		t.Fatal("the swap did not move the output aside")
	}
	if err == nil {
		t.Fatal("Commit succeeded without its new folder")
	}
	wantSite(t, dest, siteOf("old"), "after the failed swap")
}

// TestStop stops the output into a folder before its swap, during it, and
// after it, and checks what Stop says against what dest holds.
func TestStop(t *testing.T) {
	dir := t.TempDir()

	before := filepath.Join(dir, "before")
	if err := write(before, siteOf("old")); err != nil {
		t.Fatal(err)
	}
	w, err := NewFolder(before)
	if err != nil {
		t.Fatal(err)
	}
	w.Write("index.html", []byte("new"), true)
	if s := Stop(before); s.Swapped || len(s.Leftovers) > 0 {
		t.Errorf("Stop before the swap = %+v, want nothing swapped", s)
	}
	if err := w.Commit(); !errors.Is(err, ErrStopped) || w.Swapped() {
		t.Errorf("Commit after Stop = %v, swapped %v; want ErrStopped", err, w.Swapped())
	}
	wantSite(t, before, siteOf("old"), "stopped before the swap")
	wantBeside(t, before, "before")
	if _, err := NewFolder(before); !errors.Is(err, ErrStopped) {
		t.Errorf("NewFolder after Stop = %v, want ErrStopped", err)
	}

	after := filepath.Join(dir, "after")
	if err := write(after, siteOf("old")); err != nil {
		t.Fatal(err)
	}
	if err := write(after, siteOf("new")); err != nil {
		t.Fatal(err)
	}
	if s := Stop(after); !s.Swapped || len(s.Leftovers) > 0 {
		t.Errorf("Stop after the swap = %+v, want swapped and nothing left", s)
	}
	wantSite(t, after, siteOf("new"), "stopped after the swap")

	during := filepath.Join(dir, "during")
	if err := write(during, siteOf("old")); err != nil {
		t.Fatal(err)
	}
	var s Stopped
	step = func(name string) {
		if name == "swapped" {
			s = Stop(during)
		}
	}
	defer func() { step = func(string) {} }()
	if err := write(during, siteOf("new")); err != nil {
		t.Fatal(err)
	}
	if !s.Swapped || len(s.Leftovers) != 1 || !isLeftoverName(filepath.Base(s.Leftovers[0]), "during") {
		t.Errorf("Stop between the swap and removing the previous output = %+v, want swapped and one leftover", s)
	}
	wantSite(t, during, siteOf("new"), "stopped during the swap")
	if s := Stop(during); len(s.Leftovers) > 0 {
		t.Errorf("Stop after the previous output was removed = %+v, want nothing left", s)
	}
}

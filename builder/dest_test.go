package builder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestBadFiles loads sites with files that are not what they claim to be:
// each gives a clear error, or is handled, and none panics or hangs.
func TestBadFiles(t *testing.T) {
	base := func() fstest.MapFS {
		fsys := txtarFS(t, "testdata/golden/site.txt")
		return fsys
	}
	big := make([]byte, 50<<20)
	for i := range big {
		big[i] = "abc \n"[i%5]
	}
	cases := []struct {
		name, file string
		data       []byte
		want       string // "" when the site must load
	}{
		{"binary junk", "content/people/junk.toml", []byte{0x00, 0x01, 0xff, 0xfe, 0x80, 0x81}, "content/people/junk.toml:1:3: not valid UTF-8"},
		{"invalid UTF-8 in markdown", "content/articles/bad.md", []byte("+++\ntitle = \"x\"\n+++\nfine\nbad \xc3\x28 byte\n"), "content/articles/bad.md:5:5: not valid UTF-8"},
		{"BOM in TOML", "content/teams/bom.toml", []byte("\xef\xbb\xbfname = \"Bom\"\n"), ""},
		{"BOM in markdown", "content/roles/bom.md", []byte("\xef\xbb\xbf+++\ntitle = \"Bom\"\n+++\nBody.\n"), ""},
		{"CRLF", "content/roles/crlf.md", []byte("+++\r\ntitle = \"Crlf\"\r\n[targets]\r\nvision = 1\r\n+++\r\nBody.\r\n"), ""},
		{"empty TOML", "content/teams/empty.toml", nil, "content/teams/empty.toml:1:1: missing required key \"name\""},
		{"empty markdown", "content/articles/empty.md", nil, "content/articles/empty.md:1:1: missing required key \"title\""},
		{"50 MB markdown", "content/articles/huge.md", big, "content/articles/huge.md: larger than"},
		{"50 MB TOML", "content/teams/huge.toml", big, "content/teams/huge.toml:1:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := base()
			fsys[c.file] = &fstest.MapFile{Data: c.data}
			done := make(chan struct{})
			var err error
			go func() {
				defer close(done)
				_, err = Load(fsys, Options{})
			}()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("Load did not return within 30 s")
			}
			if c.want == "" {
				if err != nil {
					t.Errorf("want the site to load, got:\n%v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v\nwant an error containing %q", err, c.want)
			}
		})
	}
}

// TestSymlinkLoop puts a symlink loop in content/: a clear error, no hang.
func TestSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, "testdata/golden/site.txt", dir)
	if err := os.Symlink("loop.toml", filepath.Join(dir, "content/people/loop.toml")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(".", filepath.Join(dir, "content/people/self")); err != nil {
		t.Fatal(err)
	}
	_, err := Load(os.DirFS(dir), Options{})
	if err == nil || !strings.Contains(err.Error(), "content/people/loop.toml: a link in a loop of links") {
		t.Errorf("got %v, want a read error for the loop", err)
	}
}

// TestWriteKeepsFile writes a site with its destination a file or a link:
// even without the command's checks, the writer refuses, and the file or
// link stays as it was, with no folder left beside it.
func TestWriteKeepsFile(t *testing.T) {
	fsys := txtarFS(t, "testdata/golden/site.txt")
	site, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	file := filepath.Join(root, "site.toml")
	os.WriteFile(file, []byte("title = \"keep\"\n"), 0o644)
	link := filepath.Join(root, "public")
	os.Mkdir(filepath.Join(root, "real"), 0o755)
	os.Symlink("real", link)
	for _, dest := range []string{file, link} {
		if _, _, err := WriteSite(fsys, site, dest, nil); err == nil {
			t.Errorf("WriteSite(%s) succeeded", dest)
		}
	}
	if data, err := os.ReadFile(file); err != nil || string(data) != "title = \"keep\"\n" {
		t.Errorf("%s after the build: %q, %v", file, data, err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s is no longer a link", link)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 3 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left beside the destination: %v", names)
	}
}

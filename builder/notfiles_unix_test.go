//go:build unix

package builder

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestNotFiles builds a site folder holding files that are not plain files
// of the site: each is refused with its path, and none hangs the build or
// is read. A link within the folder it is in is followed.
func TestNotFiles(t *testing.T) {
	cases := []struct {
		name string
		make func(dir string) error
		want string // "" when the site must build
	}{
		{"a named pipe", func(dir string) error {
			return syscall.Mkfifo(filepath.Join(dir, "content/people/pipe.toml"), 0o644)
		}, "content/people/pipe.toml: not a regular file"},
		{"a link to /dev/zero", func(dir string) error {
			return os.Symlink("/dev/zero", filepath.Join(dir, "content/people/zero.toml"))
		}, "content/people/zero.toml: a link to /dev/zero, outside the site folder"},
		{"a link to a file outside the site", func(dir string) error {
			return os.Symlink("../../../outside.toml", filepath.Join(dir, "content/teams/out.toml"))
		}, "content/teams/out.toml: a link to ../../../outside.toml, outside the site folder"},
		{"a link out of content/ into the site", func(dir string) error {
			return os.Symlink("../../site.toml", filepath.Join(dir, "content/teams/conf.toml"))
		}, "content/teams/conf.toml: a link to site.toml, outside content/"},
		{"a link within content/", func(dir string) error {
			return os.Symlink("ops.toml", filepath.Join(dir, "content/teams/ops-again.toml"))
		}, ""},
		{"a static file linking outside", func(dir string) error {
			os.MkdirAll(filepath.Join(dir, "static"), 0o755)
			return os.Symlink("/etc/hostname", filepath.Join(dir, "static/host.txt"))
		}, "host.txt: a link to /etc/hostname, outside the site folder"},
		{"a named pipe among layouts", func(dir string) error {
			os.MkdirAll(filepath.Join(dir, "layouts/partials"), 0o755)
			return syscall.Mkfifo(filepath.Join(dir, "layouts/partials/pipe.html"), 0o644)
		}, "partials/pipe.html: not a regular file"},
		{"a static file linking within static/", func(dir string) error {
			os.MkdirAll(filepath.Join(dir, "static"), 0o755)
			os.WriteFile(filepath.Join(dir, "static/a.txt"), []byte("a"), 0o644)
			return os.Symlink("a.txt", filepath.Join(dir, "static/b.txt"))
		}, ""},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "-"), func(t *testing.T) {
			root := t.TempDir()
			os.WriteFile(filepath.Join(root, "outside.toml"), []byte("name = \"Outside\"\n"), 0o644)
			dir := filepath.Join(root, "a", "site")
			writeArchive(t, "testdata/golden/site.txt", dir)
			if err := c.make(dir); err != nil {
				t.Skip("cannot make it here:", err)
			}
			_, err := buildWithin(t, dir)
			if c.want == "" {
				if err != nil {
					t.Errorf("want the site to build, got:\n%v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v\nwant an error containing %q", err, c.want)
			}
		})
	}
}

// TestLinkedFolders gives a site links that lead elsewhere through a
// folder: a linked static/ or content/ folder, and a link whose path goes
// through a linked folder and back with "..". Each is refused; none is
// read.
func TestLinkedFolders(t *testing.T) {
	cases := []struct {
		name string
		make func(dir, secret string) error
		want string
	}{
		{"static/ a link", func(dir, secret string) error {
			return os.Symlink(secret, filepath.Join(dir, "static"))
		}, "static is a link to a folder"},
		{"content/ a link", func(dir, secret string) error {
			os.Rename(filepath.Join(dir, "content"), filepath.Join(dir, "real"))
			return os.Symlink("real", filepath.Join(dir, "content"))
		}, "content: a link to a folder"},
		{"through a linked folder and back", func(dir, secret string) error {
			os.MkdirAll(filepath.Join(dir, "static/.d"), 0o755)
			os.WriteFile(filepath.Join(dir, "static/.d/passwd"), []byte("decoy"), 0o644)
			if err := os.Symlink(filepath.Join(secret, "sub"), filepath.Join(dir, "static/.d/s")); err != nil {
				return err
			}
			return os.Symlink(".d/s/../passwd", filepath.Join(dir, "static/leak.txt"))
		}, "through the linked folder .d/s"},
		{"a named pipe as a layout", func(dir, secret string) error {
			os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
			return syscall.Mkfifo(filepath.Join(dir, "layouts/baseof.html"), 0o644)
		}, "baseof.html: not a regular file"},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "-"), func(t *testing.T) {
			root := t.TempDir()
			secret := filepath.Join(root, "secret")
			os.MkdirAll(filepath.Join(secret, "sub"), 0o755)
			os.WriteFile(filepath.Join(secret, "passwd"), []byte("secret"), 0o644)
			dir := filepath.Join(root, "site")
			writeArchive(t, "testdata/golden/site.txt", dir)
			if err := c.make(dir, secret); err != nil {
				t.Skip("cannot make it here:", err)
			}
			out, err := buildWithin(t, dir)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v\nwant an error containing %q", err, c.want)
			}
			if out != nil {
				for name, data := range out.Files {
					if string(data) == "secret" {
						t.Errorf("%s holds the secret", name)
					}
				}
			}
		})
	}
}

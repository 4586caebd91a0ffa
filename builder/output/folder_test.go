package output

import (
	"os"
	"path/filepath"
	"strings"
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

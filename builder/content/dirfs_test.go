package content

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestDirFS checks that DirFS reads what os.DirFS reads, fails where it
// fails, and passes the fs.FS conformance test.
func TestDirFS(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"empty.toml":        {},
		"a.md":              []byte("+++\ntitle = \"A\"\n+++\nBody.\n"),
		"sub/exactly-511":   bytes.Repeat([]byte("x"), 511),
		"sub/exactly-512":   bytes.Repeat([]byte("y"), 512),
		"sub/deep/big.toml": bytes.Repeat([]byte("key = \"value\"\n"), 5_000),
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, std := DirFS(dir), os.DirFS(dir)
	for name, want := range files {
		got, err := fs.ReadFile(fsys, name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("ReadFile(%s) = %d bytes, %v; want %d bytes", name, len(got), err, len(want))
		}
	}
	for _, name := range []string{"missing.toml", "sub", "sub/missing/x.md", "../escape", "/abs", "a.md/x"} {
		_, err := fs.ReadFile(fsys, name)
		_, stdErr := fs.ReadFile(std, name)
		if err == nil || stdErr == nil {
			t.Errorf("ReadFile(%s): err %v, os.DirFS's %v; want both to fail", name, err, stdErr)
			continue
		}
		for _, target := range []error{fs.ErrNotExist, fs.ErrInvalid, fs.ErrPermission} {
			if errors.Is(err, target) != errors.Is(stdErr, target) {
				t.Errorf("ReadFile(%s) = %v, os.DirFS's %v: they differ on %v", name, err, stdErr, target)
			}
		}
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path != name {
			t.Errorf("ReadFile(%s) error names %q, want the path as asked: %v", name, pe.Path, err)
		}
	}
	if err := fstest.TestFS(fsys, "a.md", "sub/exactly-512", "sub/deep/big.toml"); err != nil {
		t.Error(err)
	}
}

// TestWriteNewFile checks that output files get their bytes and mode, and
// that writing a file again replaces it whole.
func TestWriteNewFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "index.html")
	long := bytes.Repeat([]byte("<p>page</p>\n"), 50_000)
	for _, data := range [][]byte{long, []byte("short"), {}} {
		if err := WriteNewFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("after writing %d bytes, the file has %d (%v)", len(data), len(got), err)
		}
	}
	std := filepath.Join(dir, "std.html")
	if err := os.WriteFile(std, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(name)
	stdInfo, stdErr := os.Stat(std)
	if err != nil || stdErr != nil {
		t.Fatal(err, stdErr)
	}
	if info.Mode() != stdInfo.Mode() {
		t.Errorf("mode %v, want %v as os.WriteFile makes it", info.Mode(), stdInfo.Mode())
	}
	if err := WriteNewFile(filepath.Join(dir, "no", "such", "folder"), []byte("x"), 0o644); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("write into a missing folder: %v, want not exist", err)
	}
}

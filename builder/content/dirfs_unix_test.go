//go:build unix

package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadFileRefuses reads what is not a plain file of a sensible size:
// a named pipe (which would wait for a writer for ever), a device, and a
// file above MaxFileSize (sparse, so the test writes nothing), each refused
// without reading it.
func TestReadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, MaxFileSize+1); err != nil {
		t.Skip("no sparse files here:", err)
	}
	fsys := DirFS(dir)
	if _, err := fs.ReadFile(fsys, "big.toml"); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a file of %d bytes: %v", MaxFileSize+1, err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.toml"), 0o644); err == nil {
		if _, err := fs.ReadFile(fsys, "pipe.toml"); !errors.Is(err, ErrNotRegular) {
			t.Errorf("a named pipe: %v", err)
		}
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.toml")); err == nil {
		if _, err := fs.ReadFile(fsys, "zero.toml"); !errors.Is(err, ErrNotRegular) {
			t.Errorf("a device: %v", err)
		}
	}
}

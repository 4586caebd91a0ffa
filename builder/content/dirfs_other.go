//go:build !unix

package content

import (
	"io/fs"
	"os"
	"path/filepath"
)

// localPath reports whether a valid fs path stays inside the folder, as
// os.DirFS checks on systems with other separators and reserved names.
func localPath(name string) bool { return filepath.IsLocal(filepath.FromSlash(name)) }

func readFile(name string) ([]byte, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	if info.Size() > MaxFileSize {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrTooLarge}
	}
	return os.ReadFile(name)
}

func WriteNewFile(name string, data []byte, perm os.FileMode) error {
	return os.WriteFile(name, data, perm)
}

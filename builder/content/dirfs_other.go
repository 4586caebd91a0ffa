//go:build !unix

package content

import (
	"os"
	"path/filepath"
)

// localPath reports whether a valid fs path stays inside the folder, as
// os.DirFS checks on systems with other separators and reserved names.
func localPath(name string) bool { return filepath.IsLocal(filepath.FromSlash(name)) }

func readFile(name string) ([]byte, error) { return os.ReadFile(name) }

func WriteNewFile(name string, data []byte, perm os.FileMode) error {
	return os.WriteFile(name, data, perm)
}

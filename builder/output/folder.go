// Package output writes a built site into its folder: into a new folder
// beside the destination, swapped in whole when every file is written, so
// that a failed or killed build leaves the previous output as it was. It
// refuses destinations that a build must not replace.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"portal/builder/content"
)

// WriteFile writes one output file; tests replace it to make a write fail.
var WriteFile = content.WriteNewFile

// Folder writes an output into a new folder beside its destination, and
// swaps it in whole when every file is written.
type Folder struct {
	dest, tmp string
	made      sync.Map // folders made, by output path
	files     atomic.Int64
}

// Files is the number of files written.
func (w *Folder) Files() int { return int(w.files.Load()) }

// WriteError is a failure to write the output, as opposed to one in
// rendering it.
type WriteError struct{ err error }

func (e *WriteError) Error() string { return e.err.Error() }
func (e *WriteError) Unwrap() error { return e.err }

// NewFolder starts the output of a build into dest: it refuses a dest that
// is a file or a link, removes what killed builds left beside it, and makes
// the new folder.
func NewFolder(dest string) (*Folder, error) {
	dest = filepath.Clean(dest)
	if err := checkDestKind(dest); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	// Leftovers of a build that was killed go first.
	if stale, err := filepath.Glob(filepath.Join(parent, "."+base+".new-*")); err == nil {
		for _, s := range stale {
			os.RemoveAll(s)
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return nil, err
	}
	return &Folder{dest: dest, tmp: tmp}, nil
}

// Write writes one file, making its folder first if need be. It is safe
// to call from several goroutines.
func (w *Folder) Write(name string, data []byte, _ bool) error {
	if err := w.mkdir(path.Dir(name)); err != nil {
		return &WriteError{err}
	}
	if err := WriteFile(filepath.Join(w.tmp, filepath.FromSlash(name)), data, 0o644); err != nil {
		return &WriteError{err}
	}
	w.files.Add(1)
	return nil
}

// mkdir makes an output folder and those above it that are not made yet.
// Each is one mkdir call: os.MkdirAll would first stat the folder and its
// parent, which on a large site is a third of the time spent making them.
// Two goroutines may make the same folder at once; the second finds it
// there.
func (w *Folder) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	if _, ok := w.made.Load(dir); ok {
		return nil
	}
	if err := w.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	err := os.Mkdir(filepath.Join(w.tmp, filepath.FromSlash(dir)), 0o755)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.made.Store(dir, true)
	return nil
}

// Commit marks the new folder as portal's and swaps it in.
func (w *Folder) Commit() error {
	if err := os.WriteFile(filepath.Join(w.tmp, MarkerFile), []byte("This folder is written by portal build; it replaces it whole on every build.\n"), 0o644); err != nil {
		return err
	}
	if err := os.Chmod(w.tmp, 0o755); err != nil {
		return err
	}
	if err := checkDestKind(w.dest); err != nil {
		return err
	}
	// Swap: the old output moves aside, the new one takes its name, the old
	// one goes. Between the two renames dest is missing for an instant, but
	// never half-written.
	old := ""
	if _, err := os.Lstat(w.dest); err == nil {
		old = w.tmp + ".old"
		if err := os.Rename(w.dest, old); err != nil {
			return err
		}
	}
	if err := os.Rename(w.tmp, w.dest); err != nil {
		if old != "" {
			os.Rename(old, w.dest)
		}
		return err
	}
	w.tmp = ""
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort removes the new folder unless it was swapped in.
func (w *Folder) Abort() {
	if w.tmp != "" {
		os.RemoveAll(w.tmp)
	}
}

// markerFile marks a folder as portal's
const MarkerFile = ".portal-build"

// checkDestKind refuses a destination that exists and is not a plain folder:
// a build swaps a new folder in under its name, which would delete a file in
// its place, and would replace a symbolic link by a folder while the folder
// it points to kept the old site.
func checkDestKind(dest string) error {
	fi, err := os.Lstat(dest)
	switch {
	case err != nil:
		return nil
	case fi.Mode()&fs.ModeSymlink != 0:
		target, _ := filepath.EvalSymlinks(dest)
		if target == "" {
			return fmt.Errorf("refusing to build into %s: it is a symbolic link; name a folder instead", dest)
		}
		return fmt.Errorf("refusing to build into %s: it is a symbolic link; name the folder it points to, %s, instead", dest, target)
	case !fi.IsDir():
		return fmt.Errorf("refusing to build into %s: it is a file, not a folder; a build would replace it", dest)
	}
	return nil
}

// CheckDestination refuses an output folder that a build must not replace:
// a file or a symbolic link, the site itself or a folder above it, the root or the home folder, a folder
// holding a site's content, or a non-empty folder portal did not make (unless
// force). A build replaces its output folder whole, so this is what stands
// between a mistyped -d and lost work.
func CheckDestination(site, dest string, force bool) error {
	absSite, err := filepath.Abs(site)
	if err != nil {
		return err
	}
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if err := checkDestKind(dest); err != nil {
		return err
	}
	home, _ := os.UserHomeDir()
	rel, relErr := filepath.Rel(absDest, absSite)
	switch {
	case absDest == filepath.Dir(absDest):
		return fmt.Errorf("refusing to build into %s: it is the root of the file system", dest)
	case home != "" && absDest == filepath.Clean(home):
		return fmt.Errorf("refusing to build into %s: it is your home folder", dest)
	case absDest == absSite:
		return fmt.Errorf("refusing to build into %s: it is the site folder itself; use a folder such as public/", dest)
	case relErr == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)):
		return fmt.Errorf("refusing to build into %s: it holds the site folder %s", dest, site)
	}
	for _, name := range []string{"content", content.ConfigFile} {
		if _, err := os.Stat(filepath.Join(absDest, name)); err == nil {
			return fmt.Errorf("refusing to build into %s: it holds %s, so it looks like a site, not an output folder", dest, name)
		}
	}
	entries, err := os.ReadDir(absDest)
	if err != nil || len(entries) == 0 || force {
		return nil
	}
	if _, err := os.Stat(filepath.Join(absDest, MarkerFile)); err != nil {
		return fmt.Errorf("refusing to build into %s: the folder is not empty and was not made by portal build; empty it, pick another folder or pass --force", dest)
	}
	return nil
}

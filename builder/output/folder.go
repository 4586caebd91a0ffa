// Package output writes a built site into its folder: into a new folder
// beside the destination, swapped in whole when every file is written, so
// that a failed or killed build leaves the previous output as it was. It
// refuses destinations that a build must not replace.
//
// # One build at a time
//
// A build holds its destination from NewFolder until Commit or Abort, by
// the lock file .<base>.lock beside it (public/ has .public.lock), locked
// with flock(2). A second build into the same folder, in this process or
// another, waits without a word until the first is done, then writes its
// own output: two builds in a row both succeed, and the output is the later
// one's, whole. The build that holds the lock removes the file when it lets
// go; one left by a killed build is harmless, since the kernel dropped its
// lock, and the next build takes it over. On systems without flock
// (Windows), only the builds of one process wait for each other.
//
// # Leftovers
//
// The new folder, .<base>.new-<number>, holds the marker file .portal-build
// from the moment it is made, as every output folder does. A build killed
// before its swap leaves it behind. Once a build holds the lock no live
// build owns such a folder, so it removes the folders beside dest that are
// named as a build names them and carry the marker, and the empty ones so
// named; it touches nothing else, such as a .public.new-mybackup/ of the
// user's. It removes a folder's marker last, so that a build killed while
// removing one leaves it marked for the next. Without flock, leftovers stay
// where they are: no build can tell that their owner is gone.
//
// # The swap
//
// On Linux, Commit exchanges the new folder and dest in one renameat2(2)
// call with RENAME_EXCHANGE, so that the old or the new site is in place at
// every moment, even when the build is killed; the old one, now under the
// new folder's name, goes next. Elsewhere, and on file systems that cannot
// exchange, it renames dest aside and the new folder into its place: a build
// killed between the two renames leaves no dest until the next build.
//
// # Interrupts
//
// A command that the user interrupts calls Stop before it exits: no build of
// the process swaps its folder in after that, and Stop says whether one did
// before, so that the command can say which site dest holds.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
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
	lock      *lock      // nil once Commit or Abort let go of dest
	st        *destState // what this process did to dest
	made      sync.Map   // folders made, by output path
	files     atomic.Int64
	swapped   atomic.Bool
}

// Files is the number of files written.
func (w *Folder) Files() int { return int(w.files.Load()) }

// Swapped reports whether Commit has put the new folder in place of dest:
// from then on dest holds the new build, whatever happens to the process.
func (w *Folder) Swapped() bool { return w.swapped.Load() }

// WriteError is a failure to write the output, as opposed to one in
// rendering it.
type WriteError struct{ err error }

func (e *WriteError) Error() string { return e.err.Error() }
func (e *WriteError) Unwrap() error { return e.err }

// ErrStopped is the error of NewFolder and Commit after Stop.
var ErrStopped = errors.New("the build was stopped before its output was swapped in")

// NewFolder starts the output of a build into dest: it refuses a dest that
// is a file or a link, waits until no other build writes dest and holds it,
// removes what killed builds left beside it, and makes the new folder,
// marked as portal's. Commit or Abort lets go of dest.
func NewFolder(dest string) (*Folder, error) {
	dest = filepath.Clean(dest)
	if err := checkDestKind(dest); err != nil {
		return nil, err
	}
	st := stateOf(dest)
	if err := st.start(); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	l, err := lockFile(filepath.Join(parent, "."+base+".lock"))
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", dest, err)
	}
	if st.isStopped() {
		l.unlock()
		return nil, ErrStopped
	}
	if lockAcrossProcesses {
		removeLeftovers(parent, base)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		l.unlock()
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, MarkerFile), marker, 0o644); err != nil {
		os.Remove(tmp)
		l.unlock()
		return nil, err
	}
	return &Folder{dest: dest, tmp: tmp, lock: l, st: st}, nil
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

// Commit swaps the new folder in place of dest, removes the previous
// output and lets go of dest. When it fails before the swap, dest is as it
// was and the new folder is gone; Swapped tells the two failures apart.
func (w *Folder) Commit() error {
	if w.lock == nil {
		return errors.New("output: Commit after Commit or Abort")
	}
	if err := w.commit(); err != nil {
		w.Abort()
		return err
	}
	step("swapped")
	old := w.tmp
	w.tmp = ""
	var err error
	if old != "" {
		if err = removeTree(old); err != nil {
			err = fmt.Errorf("removing the previous output: %w", err)
		}
		w.st.removed(old)
	}
	w.unlock()
	return err
}

// commit swaps the new folder in unless Stop came first. After a swap,
// w.tmp is where the previous output went, "" if there was none.
func (w *Folder) commit() error {
	if err := os.Chmod(w.tmp, 0o755); err != nil {
		return err
	}
	if err := checkDestKind(w.dest); err != nil {
		return err
	}
	w.st.mu.Lock()
	defer w.st.mu.Unlock()
	if w.st.stopped {
		return ErrStopped
	}
	markPrevious(w.dest)
	old, err := swapIn(w.tmp, w.dest)
	if err != nil {
		return err
	}
	w.swapped.Store(true)
	w.st.swapped = true
	if old != "" {
		w.st.leftovers[old] = true
	}
	w.tmp = old
	return nil
}

// Abort removes the new folder unless it was swapped in, and lets go of
// dest. It does nothing after Commit.
func (w *Folder) Abort() {
	if w.lock == nil {
		return
	}
	if w.tmp != "" && !w.swapped.Load() {
		removeTree(w.tmp)
		w.tmp = ""
	}
	w.unlock()
}

func (w *Folder) unlock() {
	w.lock.unlock()
	w.lock = nil
}

// exchange swaps two paths in one step, or fails with errNoExchange; tests
// replace it to take the two renames.
var exchange = renameExchange

// errNoExchange is exchange's error where the system or the file system
// cannot exchange two paths.
var errNoExchange = errors.New("cannot exchange paths here")

// step is called between the steps of Commit's swap: "aside" when dest is
// moved aside (the two renames only; Stop waits until the second is done,
// so step must not call it then), and "swapped" when the new output is in
// place and the previous one not yet removed. Tests replace it to look at
// dest, or to kill the process, between steps.
var step = func(name string) {}

// swapIn puts the folder tmp in place of dest and returns where the
// previous dest went, "" if there was none.
func swapIn(tmp, dest string) (string, error) {
	err := exchange(tmp, dest)
	switch {
	case err == nil:
		return tmp, nil
	case errors.Is(err, fs.ErrNotExist):
		// No output yet. (Or no tmp, and the rename fails too.)
		return "", os.Rename(tmp, dest)
	case !errors.Is(err, errNoExchange):
		return "", err
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(tmp, dest)
	}
	old := tmp + ".old"
	if err := os.Rename(dest, old); err != nil {
		return "", err
	}
	step("aside")
	if err := os.Rename(tmp, dest); err != nil {
		if rerr := os.Rename(old, dest); rerr != nil {
			return "", fmt.Errorf("%w; the previous output is in %s", err, old)
		}
		return "", err
	}
	return old, nil
}

// marker is what MarkerFile says to someone who opens it.
var marker = []byte("This folder is written by portal build; it replaces it whole on every build.\n")

// markPrevious marks the output about to be replaced as portal's, if it is
// not yet (an empty folder, or one replaced with --force), so that a build
// killed while removing it leaves it for the next build to remove.
func markPrevious(dest string) {
	if isMarked(dest) {
		return
	}
	if fi, err := os.Lstat(dest); err == nil && fi.IsDir() {
		os.WriteFile(filepath.Join(dest, MarkerFile), marker, 0o644)
	}
}

// isMarked reports whether dir holds the marker file.
func isMarked(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, MarkerFile))
	return err == nil && fi.Mode().IsRegular()
}

// isLeftoverName reports whether name is one a build gives a folder beside
// the output base: .<base>.new-<number>, and .<base>.new-<number>.old for
// the previous output moved aside.
func isLeftoverName(name, base string) bool {
	n, ok := strings.CutPrefix(name, "."+base+".new-")
	if !ok {
		return false
	}
	n = strings.TrimSuffix(n, ".old")
	return n != "" && strings.Trim(n, "0123456789") == ""
}

// removeLeftovers removes what killed builds left beside the output base in
// parent: folders named as a build names them and marked, and empty ones so
// named. The caller holds the lock, so no live build owns them.
func removeLeftovers(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !isLeftoverName(e.Name(), base) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if isMarked(dir) {
			removeTree(dir)
		} else {
			os.Remove(dir) // only if empty
		}
	}
}

// removeTree removes a folder a build made, its marker last: a build killed
// while removing it leaves it marked, for the next build to remove.
func removeTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if e.Name() != MarkerFile {
			errs = append(errs, os.RemoveAll(filepath.Join(dir, e.Name())))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, MarkerFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Remove(dir)
}

// destState is what the builds of this process did to one destination.
type destState struct {
	mu        sync.Mutex
	stopped   bool            // no build swaps its folder in any more
	swapped   bool            // the build started last swapped its folder in
	leftovers map[string]bool // previous outputs moved aside, not yet removed
}

// dests holds a *destState by absolute destination.
var dests sync.Map

func stateOf(dest string) *destState {
	if abs, err := filepath.Abs(dest); err == nil {
		dest = abs
	}
	st, _ := dests.LoadOrStore(dest, &destState{leftovers: map[string]bool{}})
	return st.(*destState)
}

// start records a new build into dest, which has swapped nothing in yet.
func (st *destState) start() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.stopped {
		return ErrStopped
	}
	st.swapped = false
	return nil
}

func (st *destState) isStopped() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.stopped
}

func (st *destState) removed(old string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(st.leftovers, old)
}

// Stopped is what dest holds once Stop returns.
type Stopped struct {
	// Swapped is whether the build into dest that this process started
	// last swapped its new folder in: dest holds the new build. Otherwise
	// dest is as it was before that build.
	Swapped bool
	// Leftovers are the previous outputs that a swap moved aside and that
	// were not removed yet. The next build removes what is left of them.
	Leftovers []string
}

// Stop stops the builds of this process that write into dest, for a
// command that the user interrupts and that exits next: from its return
// none of them swaps its folder in, and Commit and NewFolder for dest fail
// with ErrStopped. A swap under way finishes first. Stop reports which
// site dest holds.
func Stop(dest string) Stopped {
	st := stateOf(filepath.Clean(dest))
	st.mu.Lock()
	defer st.mu.Unlock()
	st.stopped = true
	s := Stopped{Swapped: st.swapped}
	for old := range st.leftovers {
		s.Leftovers = append(s.Leftovers, old)
	}
	slices.Sort(s.Leftovers)
	return s
}

// MarkerFile marks a folder as portal's: an output folder, and a new
// folder while a build writes it.
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

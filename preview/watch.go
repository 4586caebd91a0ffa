package preview

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"portal/builder/content"
)

// Debounce is how long the files must stay quiet before a rebuild: an editor's
// save (temp file, rename, backup removal) and a burst from a checkout become
// one rebuild. An editor's save sends its events within a millisecond or
// two; every edit waits this long before its rebuild starts. A file whose
// size is not the one of its last event is still being written (a large
// file written in one call sends its event when the call ends): the
// rebuild waits another Debounce.
var Debounce = 20 * time.Millisecond

// watched are the folders of a site whose files the build reads, besides
// site.toml at its root.
var watched = []string{"content", "layouts", "static", "themes"}

// relevant reports whether a path in the site is one the build reads.
func (s *Server) relevant(p string) bool {
	rel, err := filepath.Rel(s.dir, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, part := range strings.Split(rel, "/") {
		if content.Ignored(part) {
			return false
		}
	}
	if rel == "site.toml" {
		return true
	}
	top, _, _ := strings.Cut(rel, "/")
	for _, w := range watched {
		if top == w {
			return true
		}
	}
	return false
}

// Watch rebuilds the site whenever its files change, until ctx is done. With
// poll above zero it scans the files every poll instead of asking the system
// for events, for file systems that send none (network and some container
// mounts).
func (s *Server) Watch(ctx context.Context, poll time.Duration) error {
	rebuild := make(chan struct{}, 1)
	var mu sync.Mutex
	changed := map[string]bool{}
	everything := false
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-rebuild:
				mu.Lock()
				var list []string
				if !everything {
					list = make([]string, 0, len(changed))
					for p := range changed {
						list = append(list, p)
					}
				}
				changed, everything = map[string]bool{}, false
				mu.Unlock()
				s.Rebuild(list)
			}
		}
	}()
	// request queues a rebuild for the files in paths, or for everything
	// when paths is nil.
	request := func(paths []string) {
		mu.Lock()
		if paths == nil {
			everything = true
		}
		for _, p := range paths {
			changed[p] = true
		}
		mu.Unlock()
		select {
		case rebuild <- struct{}{}:
		default: // a rebuild is already queued; it will see this change too
		}
	}
	var err error
	if poll > 0 {
		err = s.poll(ctx, poll, request)
	} else {
		err = s.notifyLoop(ctx, request)
	}
	<-done
	return err
}

func (s *Server) notifyLoop(ctx context.Context, request func([]string)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Add(s.dir); err != nil {
		return err
	}
	for _, top := range watched {
		s.addTree(w, filepath.Join(s.dir, top))
	}
	close(s.ready)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	// The changes of one burst; nil after a change whose files are not
	// known, such as a removed folder or lost events.
	burst := []string{}
	// The size of each file of the burst at its last event, -1 when gone: a
	// large file written in one call sends its event when the call ends,
	// and may still be growing when the quiet time is up.
	sizes := map[string]int64{}
	// The files of the site that could not be read at their last change of
	// mode.
	unreadable := map[string]bool{}
	note := func(p string, size int64) {
		sizes[p] = size
		if burst != nil {
			burst = append(burst, s.rel(p))
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if !s.relevant(ev.Name) {
				continue
			}
			// A change of mode alone is no change, unless the file can no
			// longer be read, or can again: the build reports it, or
			// recovers.
			if ev.Op == fsnotify.Chmod {
				if readable(ev.Name) != unreadable[ev.Name] {
					continue
				}
				unreadable[ev.Name] = !unreadable[ev.Name]
			}
			switch info, err := os.Stat(ev.Name); {
			case err == nil && info.IsDir():
				if ev.Has(fsnotify.Create) {
					// Files made in it before the watch starts send no
					// events: list them.
					for _, f := range s.addTree(w, ev.Name) {
						note(f, sizeOf(f))
					}
				}
			case err != nil && s.dirs[ev.Name]:
				burst = nil // a folder went: which files it held is not known
			case err != nil:
				note(ev.Name, -1)
			default:
				if ev.Op != fsnotify.Chmod {
					// Made or written unreadable: a later change of mode
					// that makes it readable is a change.
					unreadable[ev.Name] = !readable(ev.Name)
				}
				note(ev.Name, info.Size())
			}
			timer.Reset(Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: the rebuild reads everything again, and
				// folders made meanwhile are watched.
				for _, top := range watched {
					s.addTree(w, filepath.Join(s.dir, top))
				}
				burst = nil
				timer.Reset(Debounce)
			}
		case <-timer.C:
			if growing(sizes) {
				timer.Reset(Debounce)
				continue
			}
			request(burst)
			burst, sizes = []string{}, map[string]int64{}
		}
	}
}

// readable reports whether the file at p can be opened for reading; a
// file that is not there counts as readable, as it is no change of mode.
func readable(p string) bool {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return !errors.Is(err, fs.ErrPermission)
	}
	f.Close()
	return true
}

// sizeOf returns the size of the file at p, or -1.
func sizeOf(p string) int64 {
	info, err := os.Stat(p)
	if err != nil {
		return -1
	}
	return info.Size()
}

// growing reports whether a file changed size since the size noted for it,
// and notes the new size.
func growing(sizes map[string]int64) bool {
	changed := false
	for p, size := range sizes {
		if now := sizeOf(p); now != size {
			sizes[p], changed = now, true
		}
	}
	return changed
}

// addTree watches dir and every folder below it, and returns the files in
// them.
func (s *Server) addTree(w *fsnotify.Watcher, dir string) (files []string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != dir && content.Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			files = append(files, p)
			return nil
		}
		if w.Add(p) == nil {
			s.dirs[p] = true
		}
		return nil
	})
	return files
}

// rel is the path of a file relative to the site, with slashes.
func (s *Server) rel(p string) string {
	r, err := filepath.Rel(s.dir, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// poll scans the site's files every interval and asks for a rebuild when any
// was added, removed or changed in size or time.
func (s *Server) poll(ctx context.Context, interval time.Duration, request func([]string)) error {
	last := s.snapshot()
	close(s.ready)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			now := s.snapshot()
			if diff := s.diff(last, now); len(diff) > 0 {
				last = now
				request(diff)
			}
		}
	}
}

type stamp struct {
	size int64
	mod  time.Time
}

func (s *Server) snapshot() map[string]stamp {
	snap := map[string]stamp{}
	add := func(p string, info fs.FileInfo) {
		snap[p] = stamp{info.Size(), info.ModTime()}
	}
	if info, err := os.Stat(filepath.Join(s.dir, "site.toml")); err == nil {
		add(filepath.Join(s.dir, "site.toml"), info)
	}
	for _, top := range watched {
		filepath.WalkDir(filepath.Join(s.dir, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if content.Ignored(d.Name()) && p != filepath.Join(s.dir, top) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if info, err := d.Info(); err == nil && !d.IsDir() {
				add(p, info)
			}
			return nil
		})
	}
	return snap
}

// diff lists the files added, removed or changed between two snapshots.
func (s *Server) diff(a, b map[string]stamp) []string {
	var changed []string
	for p, st := range a {
		if nst, ok := b[p]; !ok || nst != st {
			changed = append(changed, s.rel(p))
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			changed = append(changed, s.rel(p))
		}
	}
	return changed
}

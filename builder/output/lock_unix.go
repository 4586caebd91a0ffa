//go:build unix

package output

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// lockAcrossProcesses is whether the lock keeps builds in different
// processes apart, so that a build holding it knows every leftover dead.
const lockAcrossProcesses = true

// lock is a build's hold on its destination: a lock file, locked.
type lock struct {
	path string
	f    *os.File
}

// lockFile waits until no other build, in any process, holds path, and
// holds it.
func lockFile(path string) (*lock, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW, 0o644)
		if err != nil {
			return nil, err
		}
		if err := flock(f); err != nil {
			f.Close()
			return nil, err
		}
		// The build that held the lock removed the file before letting go:
		// the file this one locked may no longer be the one at path.
		locked, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, err
		}
		now, err := os.Lstat(path)
		if err == nil && os.SameFile(locked, now) {
			return &lock{path: path, f: f}, nil
		}
		f.Close()
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
}

// flock waits for an exclusive lock on f.
func flock(f *os.File) error {
	conn, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var lockErr error
	err = conn.Control(func(fd uintptr) {
		for {
			lockErr = unix.Flock(int(fd), unix.LOCK_EX)
			if lockErr != unix.EINTR {
				return
			}
		}
	})
	if err != nil {
		return err
	}
	if lockErr != nil {
		return &fs.PathError{Op: "flock", Path: f.Name(), Err: lockErr}
	}
	return nil
}

// unlock removes the lock file while it still holds it, then lets go: a
// build waiting on the removed file finds it gone and locks a new one.
func (l *lock) unlock() {
	os.Remove(l.path)
	l.f.Close()
}

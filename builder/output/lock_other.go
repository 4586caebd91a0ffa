//go:build !unix

package output

import "sync"

// lockAcrossProcesses is whether the lock keeps builds in different
// processes apart. Here it keeps apart only those of this process, so a
// build cannot tell a leftover's owner dead, and leaves it.
const lockAcrossProcesses = false

// lock is a build's hold on its destination within this process.
type lock struct{ mu *sync.Mutex }

// locks holds a *sync.Mutex by lock file path.
var locks sync.Map

// lockFile waits until no other build of this process holds path, and
// holds it. It makes no file.
func lockFile(path string) (*lock, error) {
	mu, _ := locks.LoadOrStore(path, new(sync.Mutex))
	mu.(*sync.Mutex).Lock()
	return &lock{mu: mu.(*sync.Mutex)}, nil
}

func (l *lock) unlock() { l.mu.Unlock() }

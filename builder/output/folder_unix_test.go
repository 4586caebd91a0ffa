//go:build unix

package output

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// TestDeadBuildLeftoversRemoved builds beside what dead builds left: new
// folders, marked, one of them with files in it, an empty one, an output
// moved aside and marked, and the lock file. The build removes them all.
func TestDeadBuildLeftoversRemoved(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := write(dest, siteOf("old")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		".public.new-4242/" + MarkerFile,
		".public.new-4242/people/ana/index.html",
		".public.new-17/" + MarkerFile,
		".public.new-99.old/" + MarkerFile,
		".public.new-99.old/index.html",
		".public.lock",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(dir, ".public.new-18"), 0o700)
	if err := write(dest, siteOf("new")); err != nil {
		t.Fatal(err)
	}
	wantSite(t, dest, siteOf("new"), "after the build")
	wantBeside(t, dest, "public")
}

// TestKilledBuildLeftoverRemoved kills a build while it writes, in a
// process of its own: the output is as it was, and the next build removes
// the folder the killed one left.
func TestKilledBuildLeftoverRemoved(t *testing.T) {
	if dest := childDest(); dest != "" {
		w, err := NewFolder(dest)
		if err != nil {
			t.Fatal(err)
		}
		w.Write("index.html", []byte("killed"), true)
		killSelf()
	}
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := write(dest, siteOf("old")); err != nil {
		t.Fatal(err)
	}
	runKilled(t, dest)
	wantSite(t, dest, siteOf("old"), "after the kill")
	left, _ := filepath.Glob(filepath.Join(dir, ".public.new-*"))
	if len(left) != 1 || !isMarked(left[0]) {
		t.Fatalf("the killed build left %q, want one marked folder", left)
	}
	if err := write(dest, siteOf("new")); err != nil {
		t.Fatal(err)
	}
	wantSite(t, dest, siteOf("new"), "after the next build")
	wantBeside(t, dest, "public")
}

// runKilled runs the test t again in a child process, with OUTPUT_TEST_DEST
// set to dest, and returns once the child has killed itself.
func runKilled(t *testing.T, dest string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$")
	cmd.Env = append(os.Environ(), "OUTPUT_TEST_DEST="+dest)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the child was to kill itself; it ended with %v:\n%s", err, out)
	}
}

// childDest is the dest that runKilled gives the child process, "" in the
// test itself.
func childDest() string { return os.Getenv("OUTPUT_TEST_DEST") }

// killSelf kills the process as `kill -9` would: no deferred call runs.
func killSelf() {
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {}
}

package builder

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"portal/builder/content"
	"portal/builder/output"
	"portal/internal/sitetest"
)

// TestFailedWriteKeepsOutput makes a write fail half-way through a build,
// written from memory and streamed, and finds the previous output
// byte-identical, with nothing left beside it.
func TestFailedWriteKeepsOutput(t *testing.T) {
	for _, streamed := range []bool{false, true} {
		t.Run(map[bool]string{false: "memory", true: "streamed"}[streamed], func(t *testing.T) {
			dir := t.TempDir()
			dest := filepath.Join(dir, "public")
			first := build(t, txtarFS(t, "testdata/golden/site.txt"), Options{})
			if err := first.Write(dest); err != nil {
				t.Fatal(err)
			}
			before := sitetest.ReadTree(t, dest)

			fsys := txtarFS(t, "testdata/golden/site.txt")
			fsys["content/people/ana.toml"].Data = []byte("name = \"Ana Changed\"\nteam = \"ops\"\nrole = \"lead\"\n")
			second := build(t, fsys, Options{})
			var n atomic.Int32
			output.WriteFile = func(name string, data []byte, perm os.FileMode) error {
				if n.Add(1) == int32(len(second.Files)/2) {
					return errors.New("disk full")
				}
				return os.WriteFile(name, data, perm)
			}
			defer func() { output.WriteFile = content.WriteNewFile }()
			var err error
			if streamed {
				site, lerr := Load(fsys, Options{})
				if lerr != nil {
					t.Fatal(lerr)
				}
				_, _, err = WriteSite(fsys, site, dest, nil)
			} else {
				err = second.Write(dest)
			}
			if err == nil || !strings.Contains(err.Error(), "disk full") {
				t.Fatalf("writing = %v, want the injected failure", err)
			}
			after := sitetest.ReadTree(t, dest)
			if len(after) != len(before) {
				t.Fatalf("%d files before, %d after", len(before), len(after))
			}
			for p, data := range before {
				if !bytes.Equal(after[p], data) {
					t.Errorf("%s changed by a failed build", p)
				}
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("left beside the output: %v", entries)
			}
		})
	}
}

// TestKilledBuildKeepsOutput kills `portal build` while it writes a large
// site and finds the previous output byte-identical; the next build cleans
// up what the killed one left.
func TestKilledBuildKeepsOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	// The site is published private: the command takes the secret from
	// the environment, as under CI.
	t.Setenv("PORTAL_SECRET", testSecret.String())
	dir := t.TempDir()
	bin := filepath.Join(dir, "portal")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/portal").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := filepath.Join(dir, "site")
	writeBigSite(t, site, 3000)
	dest := filepath.Join(dir, "public")
	if out, err := exec.Command(bin, "build", "-s", site, "-d", dest).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	before := sitetest.ReadTree(t, dest)

	// Change every person, then kill the build at several points.
	writeBigSite(t, site, 3000, "Renamed ")
	for _, delay := range []time.Duration{20 * time.Millisecond, 80 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond} {
		cmd := exec.Command(bin, "build", "-s", site, "-d", dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		after := sitetest.ReadTree(t, dest)
		if err == nil {
			// The build finished before the kill: the output is the new
			// one, whole. Nothing more to learn from later delays.
			if !strings.Contains(string(after["people/p0/index.html"]), "Renamed ") {
				t.Fatalf("finished build did not write the new output")
			}
			t.Logf("build finished within %v", delay)
			return
		}
		for p, data := range before {
			if !bytes.Equal(after[p], data) {
				t.Fatalf("killed after %v: %s changed", delay, p)
			}
		}
		if len(after) != len(before) {
			t.Fatalf("killed after %v: %d files, want %d", delay, len(after), len(before))
		}
	}
	// Ctrl-C stops a build at once and keeps the output too.
	cmd := exec.Command(bin, "build", "-s", site, "-d", dest)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	cmd.Process.Signal(os.Interrupt)
	stopped := make(chan error, 1)
	go func() { stopped <- cmd.Wait() }()
	select {
	case err := <-stopped:
		if err == nil {
			t.Logf("build finished before the interrupt")
		}
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		t.Fatal("build still running 5 s after Ctrl-C")
	}
	after := sitetest.ReadTree(t, dest)
	for p, data := range before {
		if !bytes.Equal(after[p], data) && !strings.Contains(string(after["people/p0/index.html"]), "Renamed ") {
			t.Fatalf("interrupted: %s changed", p)
		}
	}
	if out, err := exec.Command(bin, "build", "-s", site, "-d", dest).CombinedOutput(); err != nil {
		t.Fatalf("build after kills: %v\n%s", err, out)
	}
	if stale, _ := filepath.Glob(filepath.Join(dir, ".public.new-*")); len(stale) > 0 {
		t.Errorf("left over from killed builds: %v", stale)
	}
}

// writeBigSite writes a site with n people, enough to take a moment to build.
func writeBigSite(t *testing.T, dir string, n int, prefix ...string) {
	t.Helper()
	name := strings.Join(prefix, "")
	write := func(p, s string) {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title = \"Big\"\n[[scale]]\nlevel = 0\nname = \"a\"\n[[scale]]\nlevel = 1\nname = \"b\"\n[[scale]]\nlevel = 2\nname = \"c\"\n")
	comps := []string{"one", "two", "three", "four", "five"}
	for _, c := range comps {
		write("content/competencies/core/"+c+".md", "+++\ntitle = \""+c+"\"\n+++\n")
	}
	write("content/roles/r.md", "+++\ntitle = \"R\"\n[targets]\none = 2\ntwo = 1\nthree = 2\nfour = 1\n+++\n")
	write("content/teams/t.toml", "name = \"T\"\n")
	var cycle strings.Builder
	cycle.WriteString("date = 2025-01-01\n")
	for i := range n {
		id := "p" + itoa(i)
		write("content/people/"+id+".toml", "name = \""+name+"Person "+itoa(i)+"\"\nteam = \"t\"\nrole = \"r\"\n")
		cycle.WriteString("[ratings." + id + "]\none = " + itoa(i%3) + "\ntwo = 1\n")
	}
	write("content/assessments/c.toml", cycle.String())
}

func itoa(i int) string { return strconv.Itoa(i) }

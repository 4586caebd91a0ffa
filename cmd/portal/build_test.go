package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/builder/output"
)

// TestInterruptedSaysWhichSite stops builds as Ctrl-C does, before their
// swap and after it, and checks that the message names the site that the
// output folder holds.
func TestInterruptedSaysWhichSite(t *testing.T) {
	dir := t.TempDir()
	build := func(dest, index string, commit bool) *output.Folder {
		t.Helper()
		w, err := output.NewFolder(dest)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write("index.html", []byte(index), true); err != nil {
			t.Fatal(err)
		}
		if commit {
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		return w
	}
	index := func(dest string) string {
		data, _ := os.ReadFile(filepath.Join(dest, "index.html"))
		return string(data)
	}

	before := filepath.Join(dir, "before")
	build(before, "old", true)
	w := build(before, "new", false)
	msg := interrupted(before, output.Stop(before))
	if want := "portal build: interrupted; " + before + " is as it was\n"; msg != want {
		t.Errorf("interrupted before the swap:\n%s\nwant\n%s", msg, want)
	}
	if err := w.Commit(); err == nil {
		t.Error("a build stopped before its swap swapped its output in")
	}
	if got := index(before); got != "old" {
		t.Errorf("%s holds %q after the stop, want the old build", before, got)
	}

	after := filepath.Join(dir, "after")
	build(after, "old", true)
	build(after, "new", true)
	msg = interrupted(after, output.Stop(after))
	if want := "portal build: interrupted after the new site was in place; " + after + " holds the new build\n"; msg != want {
		t.Errorf("interrupted after the swap:\n%s\nwant\n%s", msg, want)
	}
	if got := index(after); got != "new" {
		t.Errorf("%s holds %q after the stop, want the new build", after, got)
	}

	left := filepath.Join(dir, ".public.new-42")
	msg = interrupted("public", output.Stopped{Swapped: true, Leftovers: []string{left}})
	if !strings.Contains(msg, "public holds the new build\n") || !strings.Contains(msg, "the previous build was being removed from "+left+"; the next build removes what is left\n") {
		t.Errorf("interrupted while removing the previous build:\n%s\nwant it named", msg)
	}
}

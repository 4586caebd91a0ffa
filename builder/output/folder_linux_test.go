package output

import (
	"path/filepath"
	"testing"
)

// TestCommitExchanges checks the swap on Linux: in one step the new output
// takes dest's place and the previous one the new folder's, and then the
// previous one goes.
func TestCommitExchanges(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	old := siteOf("old")
	old["old-only/index.html"] = "a page the new build has not"
	if err := write(dest, old); err != nil {
		t.Fatal(err)
	}
	var steps []string
	step = func(name string) {
		steps = append(steps, name)
		wantSite(t, dest, siteOf("new"), "right after the swap")
		news, _ := filepath.Glob(filepath.Join(dir, ".public.new-*"))
		if len(news) != 1 {
			t.Fatalf("beside the output right after the swap: %q, want the new folder", news)
		}
		wantSite(t, news[0], old, "the new folder right after the swap")
	}
	defer func() { step = func(string) {} }()
	if err := write(dest, siteOf("new")); err != nil {
		t.Fatal(err)
	}
	if len(steps) != 1 || steps[0] != "swapped" {
		t.Fatalf("the swap took the steps %q, want one exchange", steps)
	}
	wantSite(t, dest, siteOf("new"), "after the build")
	wantBeside(t, dest, "public")
}

// TestKilledDuringSwapKeepsDest kills a build, in a process of its own, at
// the first step of its swap: dest holds one output, whole, and the next
// build removes what the killed one left.
func TestKilledDuringSwapKeepsDest(t *testing.T) {
	if dest := childDest(); dest != "" {
		step = func(string) { killSelf() }
		write(dest, siteOf("new"))
		t.Fatal("the swap took no step")
	}
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := write(dest, siteOf("old")); err != nil {
		t.Fatal(err)
	}
	runKilled(t, dest)
	wantSite(t, dest, siteOf("new"), "after the kill")
	left, _ := filepath.Glob(filepath.Join(dir, ".public.new-*"))
	if len(left) != 1 || !isMarked(left[0]) {
		t.Fatalf("the killed build left %q, want the previous output, marked", left)
	}
	wantSite(t, left[0], siteOf("old"), "the previous output after the kill")
	if err := write(dest, siteOf("next")); err != nil {
		t.Fatal(err)
	}
	wantSite(t, dest, siteOf("next"), "after the next build")
	wantBeside(t, dest, "public")
}

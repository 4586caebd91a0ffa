package preview

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"portal/internal/sitetest"
)

// BenchmarkEditToReload times, on a copy of the site in PORTAL_BENCH_SITE
// (default: the demo at the repository root), one-file edits from the write
// to the reload event a browser receives. By default each sets the job
// title of the first person to a new value; PORTAL_BENCH_FILE names another
// file to edit (relative to the site): an article gets a sentence more, a
// competency a new text for its first level; any other file has its first
// whole number (in a cycle a rating, in a role a target) set to 0 or 1 in
// turn, or else is renamed (a team), or else gets a comment. It reports the
// median, and the heap in use after all the edits.
//
//	go test ./preview -run '^$' -bench EditToReload -benchtime 200x
//	PORTAL_BENCH_SITE=DIR PORTAL_BENCH_FILE=content/assessments/x.toml go test ...
func BenchmarkEditToReload(b *testing.B) {
	src := os.Getenv("PORTAL_BENCH_SITE")
	if src == "" {
		src = ".."
	}
	dir := b.TempDir()
	sitetest.Copy(b, src, dir)
	s := start(b, dir, 0)
	people, _ := filepath.Glob(filepath.Join(dir, "content/people/*.toml"))
	slices.Sort(people)
	target := people[0]
	other := os.Getenv("PORTAL_BENCH_FILE")
	if other != "" {
		target = filepath.Join(dir, filepath.FromSlash(other))
	}
	original, err := os.ReadFile(target)
	if err != nil {
		b.Fatal(err)
	}
	v := 1
	var times []time.Duration
	b.ResetTimer()
	for i := range b.N {
		// A visible change, as an author makes: the job title, which
		// shows on the person's, team's and role's pages, the people list
		// and in the search index.
		edited := regexp.MustCompile(`(?m)^title = ".*"`).ReplaceAll(original, []byte(fmt.Sprintf(`title = "Edited title %d"`, i)))
		if bytes.Equal(edited, original) {
			edited = append(slices.Clone(original), fmt.Sprintf("title = \"Edited title %d\"\n", i)...)
		}
		switch {
		case other != "" && strings.HasPrefix(other, "content/competencies/"):
			// The text of the first level's descriptor.
			loc := regexp.MustCompile(`(?m)^\d+ = "`).FindIndex(original)
			if loc == nil {
				b.Fatalf("%s has no level descriptor", other)
			}
			edited = slices.Concat(original[:loc[1]], []byte(fmt.Sprintf("(edit %d) ", i)), original[loc[1]:])
		case other != "" && strings.HasPrefix(other, "content/articles/"):
			edited = append(slices.Clone(original), fmt.Sprintf("\nOne more sentence, number %d.\n", i)...)
		case other != "":
			// A rating (the first whole number in the file) set to 0 or 1
			// in turn, or else a new name (a team's), or else a comment.
			first := regexp.MustCompile(`(?m)^([a-z0-9-]+ = )\d+$`)
			name := regexp.MustCompile(`(?m)^name = "(.*)"`)
			if loc := first.FindSubmatchIndex(original); loc != nil {
				edited = slices.Concat(original[:loc[3]], []byte(fmt.Sprint(i%2)), original[loc[1]:])
			} else if loc := name.FindSubmatchIndex(original); loc != nil {
				edited = slices.Concat(original[:loc[3]], []byte(fmt.Sprintf(" (edit %d)", i)), original[loc[3]:])
			} else {
				edited = append(slices.Clone(original), fmt.Sprintf("\n# edit %d\n", i)...)
			}
		}
		t0 := time.Now()
		if err := os.WriteFile(target, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		v = s.reloaded(b, v)
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "ms-p90")
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "MiB-heap")
}

package preview

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path"
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
// turn, or else is renamed (a team), or else gets a comment. A browser is on
// the page of the thing edited (the home page for a cycle or another file;
// PORTAL_BENCH_PAGE names another page): the build renders it before the
// reload event. It reports the median and the 90th percentile from the
// write to the reload event (ms-median, ms-p90), the median from the write
// to that page fetched again (ms-page), and the heap in use after all the
// edits. With PORTAL_BENCH_EDIT=title, each edit retitles the file's thing
// instead (its first title line gets a number); with PORTAL_BENCH_EDIT=add,
// a copy of the file is added beside it, and removed at the next edit;
// with PORTAL_BENCH_EDIT=date, an article gets another day of the month;
// with PORTAL_BENCH_EDIT=order, a competency another order in its category.
// Before each edit, the pages the last one left to
// render in the background are done, as they are when edits come seconds
// apart; PORTAL_BENCH_NOWAIT=1 makes the edits back to back.
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
	page := cmp.Or(os.Getenv("PORTAL_BENCH_PAGE"), pageOf(other))
	if other == "" {
		page = pageOf(filepath.ToSlash(strings.TrimPrefix(target, dir+string(filepath.Separator))))
	}
	s.states = s.subscribe(b, page)
	v := s.reloaded(b, 0)
	var times, pages []time.Duration
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
		case os.Getenv("PORTAL_BENCH_EDIT") == "date":
			// Another day of the month each time: the article moves in
			// every list of articles.
			date := regexp.MustCompile(`(?m)^(date(?: =|:) \d{4}-\d{2}-)\d{2}`)
			if date.Find(original) == nil {
				b.Fatalf("%s has no date", target)
			}
			edited = date.ReplaceAll(original, []byte(fmt.Sprintf("${1}%02d", 1+i%28)))
		case os.Getenv("PORTAL_BENCH_EDIT") == "order":
			// Another place in its category each time: every competency
			// after it moves in the framework.
			order := regexp.MustCompile(`(?m)^(order = )\d+`)
			if order.Find(original) == nil {
				b.Fatalf("%s has no order", target)
			}
			edited = order.ReplaceAll(original, []byte(fmt.Sprintf("${1}%d", 1+i%9)))
		case os.Getenv("PORTAL_BENCH_EDIT") == "title":
			loc := regexp.MustCompile(`(?m)^title(?: =|:) ".*?()"`).FindSubmatchIndex(original)
			if loc == nil {
				b.Fatalf("%s has no title", target)
			}
			edited = slices.Concat(original[:loc[2]], []byte(fmt.Sprintf(" %d", i)), original[loc[2]:])
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
		// Edits come seconds apart: the pages the last left to render in
		// the background are done.
		if os.Getenv("PORTAL_BENCH_NOWAIT") == "" {
			s.settle(b)
		}
		t0 := time.Now()
		var err error
		if os.Getenv("PORTAL_BENCH_EDIT") == "add" {
			// A copy of the file added beside it, then removed.
			copied := strings.TrimSuffix(target, filepath.Ext(target)) + "-copy" + filepath.Ext(target)
			if i%2 == 0 {
				err = os.WriteFile(copied, original, 0o644)
			} else {
				err = os.Remove(copied)
			}
		} else {
			err = os.WriteFile(target, edited, 0o644)
		}
		if err != nil {
			b.Fatal(err)
		}
		v = s.reloaded(b, v)
		times = append(times, time.Since(t0))
		if status, _ := s.get(b, page); status != 200 {
			b.Fatalf("%s: status %d", page, status)
		}
		pages = append(pages, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(times)
	slices.Sort(pages)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "ms-p90")
	b.ReportMetric(float64(pages[len(pages)/2].Microseconds())/1000, "ms-page")
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "MiB-heap")
}

// pageOf is the URL of the page that shows what the file at p (relative to
// the site) describes, or the home page's.
func pageOf(p string) string {
	name := strings.TrimSuffix(path.Base(p), path.Ext(p))
	for folder, section := range map[string]string{"content/people/": "people/", "content/teams/": "teams/", "content/roles/": "roles/", "content/articles/": "articles/", "content/competencies/": "competencies/"} {
		if strings.HasPrefix(p, folder) && name != "_index" {
			return section + name + "/"
		}
	}
	return ""
}

// settle waits until the last build's pages are all rendered, and the
// server is done with the work it does in the background after.
func (s *site) settle(b *testing.B) {
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(5 * time.Millisecond) {
		s.srv.mu.RLock()
		left := s.srv.out.Left()
		s.srv.mu.RUnlock()
		if left == 0 && s.srv.behind.Load() == 0 {
			return
		}
		if time.Now().After(deadline) {
			b.Fatalf("%d pages still to render after a minute", left)
		}
	}
}

package preview

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"portal/builder"
)

// site is a running preview of a temporary copy of testdata/site.txt.
type site struct {
	dir    string
	srv    *Server
	http   *httptest.Server
	states chan State
	ctx    context.Context
	log    *syncBuffer // what the server logs
}

// syncBuffer is a bytes.Buffer that a server may write to while a test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func startSite(t testing.TB, poll time.Duration) *site {
	t.Helper()
	dir := t.TempDir()
	a, err := txtar.ParseFile("testdata/site.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		writeFile(t, filepath.Join(dir, f.Name), string(f.Data))
	}
	return start(t, dir, poll)
}

func start(t testing.TB, dir string, poll time.Duration) *site {
	t.Helper()
	log := &syncBuffer{}
	s := &site{dir: dir, srv: New(dir, builder.Options{}, log), log: log}
	if st := s.srv.State(); len(st.Errors) > 0 {
		t.Fatalf("first build failed: %v", st.Errors)
	}
	s.http = httptest.NewServer(s.srv)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.srv.Watch(ctx, poll); close(done) }()
	t.Cleanup(func() { cancel(); s.http.CloseClientConnections(); s.http.Close(); <-done })
	<-s.srv.Ready()
	s.ctx = ctx
	s.states = s.subscribe(t, "")
	if first := s.next(t); first.Version != 1 {
		t.Fatalf("first event: %+v", first)
	}
	return s
}

// subscribe reads the events stream as a browser would, one showing page
// (a URL in the site) when it is not "".
func (s *site) subscribe(t testing.TB, page string) chan State {
	t.Helper()
	u := s.http.URL + s.srv.Base() + "__portal/events"
	if page != "" {
		u += "?page=" + url.QueryEscape(s.srv.Base()+page)
	}
	req, _ := http.NewRequestWithContext(s.ctx, "GET", u, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type %q", ct)
	}
	states := make(chan State, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st State
				json.Unmarshal([]byte(data), &st)
				states <- st
			}
		}
	}()
	return states
}

func (s *site) next(t testing.TB) State {
	t.Helper()
	select {
	case st := <-s.states:
		return st
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
	}
	return State{}
}

// reloaded waits for the event that tells pages to reload: a version newer
// than the last one seen, with no errors.
func (s *site) reloaded(t testing.TB, after int) int {
	t.Helper()
	for {
		st := s.next(t)
		if len(st.Errors) > 0 {
			t.Fatalf("build failed: %v", st.Errors)
		}
		if st.Version > after {
			return st.Version
		}
	}
}

func (s *site) get(t testing.TB, page string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.http.URL + s.srv.Base() + page)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func writeFile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// save writes the file at name in one step, as editors that save through a
// temporary file do: the data goes to a hidden file, which is then renamed
// over name, so that no build can read the file half-written. Folders of
// name that do not exist yet come the same way, renamed into place with the
// file in them. os.WriteFile, by contrast, empties the file and then writes
// it: a build that falls between the two, as it can on a busy machine,
// reads it empty.
func save(t testing.TB, name, data string) {
	t.Helper()
	// top is name, or its highest folder that does not exist yet.
	top := name
	for {
		if _, err := os.Stat(filepath.Dir(top)); err == nil {
			break
		}
		top = filepath.Dir(top)
	}
	stage, err := os.MkdirTemp(filepath.Dir(top), ".save")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(stage)
	rel, err := filepath.Rel(filepath.Dir(top), name)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(stage, rel), data)
	if err := os.Rename(filepath.Join(stage, filepath.Base(top)), top); err != nil {
		t.Fatal(err)
	}
}

// served waits, through the reload events after version after, until
// shown, which looks at the pages served, finds the edit there, and returns
// the version of that event. An edit saved in one step may still take more
// than one build (a rename is two events, the files of a new folder may be
// seen one by one), so the pages of older versions are waited through; but
// no build may fail.
func (s *site) served(t testing.TB, after int, shown func() bool) int {
	t.Helper()
	return s.waitServed(t, after, false, shown)
}

// servedHalfDone is served for an edit made in steps that leave a file
// half-written: written in place (emptied, then written), or renamed away
// and written anew. On a busy machine the steps can be more than Debounce
// apart, and a build can read the file half-written and fail: that is what
// was on disk. Such failures are let through, as long as the edit is then
// served whole, with no errors.
func (s *site) servedHalfDone(t testing.TB, after int, shown func() bool) int {
	t.Helper()
	return s.waitServed(t, after, true, shown)
}

func (s *site) waitServed(t testing.TB, after int, halfDone bool, shown func() bool) int {
	t.Helper()
	for {
		st := s.next(t)
		switch {
		case len(st.Errors) > 0 && !halfDone:
			t.Fatalf("build failed: %v", st.Errors)
		case len(st.Errors) == 0 && st.Version > after && shown():
			return st.Version
		}
	}
}

const person = "name = %q\nteam = \"ops\"\nrole = \"lead\"\n"

// TestEdits makes the edits authors and their editors make, and sees each
// reach the browser: a reload event, then the new page.
func TestEdits(t *testing.T) {
	s := startSite(t, 0)
	ana := filepath.Join(s.dir, "content/people/ana.toml")
	// shows is whether the page at p is served and shows want; gone,
	// whether p serves the 404 page.
	shows := func(p, want string) func() bool {
		return func() bool {
			status, body := s.get(t, p)
			return status == 200 && strings.Contains(body, want)
		}
	}
	gone := func(p string) func() bool {
		return func() bool {
			status, body := s.get(t, p)
			return status == 404 && strings.Contains(body, "Page not found")
		}
	}
	v := 1

	// A plain write, which empties the file and then writes it.
	writeFile(t, ana, fmt.Sprintf(person, "Ana Written"))
	v = s.servedHalfDone(t, v, shows("people/ana/", "Ana Written"))

	// An atomic save: a temp file renamed over the original.
	tmp := filepath.Join(s.dir, "content/people/.ana.toml.tmp123")
	writeFile(t, tmp, fmt.Sprintf(person, "Ana Renamed"))
	if err := os.Rename(tmp, ana); err != nil {
		t.Fatal(err)
	}
	v = s.served(t, v, shows("people/ana/", "Ana Renamed"))

	// vim's backup dance: rename the original away, write a new one, remove
	// the backup.
	if err := os.Rename(ana, ana+"~"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, ana, fmt.Sprintf(person, "Ana Vim"))
	os.Remove(ana + "~")
	v = s.servedHalfDone(t, v, shows("people/ana/", "Ana Vim"))

	// A delete: the page goes, and its URL serves the 404 page.
	if err := os.Remove(filepath.Join(s.dir, "content/articles/plan.md")); err != nil {
		t.Fatal(err)
	}
	v = s.served(t, v, gone("articles/plan/"))

	// A rename: the old URL goes, the new one comes.
	if err := os.Rename(filepath.Join(s.dir, "content/articles/ask.md"), filepath.Join(s.dir, "content/articles/asking.md")); err != nil {
		t.Fatal(err)
	}
	v = s.served(t, v, func() bool { return gone("articles/ask/")() && shows("articles/asking/", "Asking good questions")() })

	// A new folder: it comes with the file saved first in it, which sends
	// no event of its own and is found when the folder is (the group is
	// named by its _index.md); then a second file.
	craft := filepath.Join(s.dir, "content/competencies/craft")
	save(t, filepath.Join(craft, "_index.md"), "+++\ntitle = \"Craftsmanship\"\n+++\n")
	save(t, filepath.Join(craft, "testing.md"), "+++\ntitle = \"Testing Things\"\n+++\nBody.\n")
	v = s.served(t, v, func() bool {
		return shows("competencies/testing/", "Testing Things")() && shows("competencies/", "Craftsmanship")()
	})
	// A file added later to that folder is seen too: the folder is watched.
	save(t, filepath.Join(craft, "review.md"), "+++\ntitle = \"Reviewing Work\"\n+++\n")
	v = s.served(t, v, shows("competencies/review/", "Reviewing Work"))

	// The whole folder removed: its pages go.
	if err := os.RemoveAll(craft); err != nil {
		t.Fatal(err)
	}
	s.served(t, v, func() bool { return gone("competencies/review/")() && gone("competencies/testing/")() })
}

// TestIgnoredFiles checks that editor temp files cause no rebuild.
func TestIgnoredFiles(t *testing.T) {
	s := startSite(t, 0)
	for _, name := range []string{".ana.toml.swp", "ana.toml~", "4913", ".#ana.toml", "#ana.toml#"} {
		writeFile(t, filepath.Join(s.dir, "content/people", name), "junk")
	}
	writeFile(t, filepath.Join(s.dir, "public/index.html"), "output, not input")
	time.Sleep(4 * Debounce)
	if n := s.srv.Builds(); n != 1 {
		t.Errorf("%d builds after writing only ignored files, want 1", n)
	}
}

// TestBurst writes a file 200 times in about 100 ms, as a program that
// writes it over and over does: the rebuilds are few, far fewer than the
// writes, and the last write is what is served, with no errors.
//
// A rebuild starts only after Debounce without events, and the next one
// needs a new event: there cannot be more rebuilds than spans of Debounce
// in the time since the first write. On an idle machine the burst makes one
// or two; on a busy one, the writer or the watcher is now and then held up
// for more than Debounce, the watcher rightly takes the burst to be over,
// and there are a few more.
func TestBurst(t *testing.T) {
	s := startSite(t, 0)
	before := s.srv.Builds()
	article := filepath.Join(s.dir, "content/articles/ask.md")
	const writes = 200
	start := time.Now()
	for i := range writes {
		writeFile(t, article, fmt.Sprintf("+++\ntitle = \"Version %d\"\ncompetencies = [\"coaching\"]\n+++\n## Questions\n", i))
		time.Sleep(500 * time.Microsecond)
	}
	t.Logf("%d writes in %v", writes, time.Since(start).Round(time.Millisecond))
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := s.get(t, "articles/ask/")
		if strings.Contains(body, fmt.Sprintf("Version %d", writes-1)) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the last write was never served")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if st := s.srv.State(); len(st.Errors) > 0 {
		t.Errorf("the last write is served, with errors: %v", st.Errors)
	}
	time.Sleep(4 * Debounce)
	n := s.srv.Builds() - before
	elapsed := time.Since(start)
	most := int64(elapsed / Debounce)
	t.Logf("%d rebuilds; at most %d in %v", n, most, elapsed.Round(time.Millisecond))
	if n < 1 || n > most {
		t.Errorf("%d rebuilds for a burst of %d writes, want at least 1 and at most %d, one per Debounce (%v) in the %v since the first", n, writes, most, Debounce, elapsed.Round(time.Millisecond))
	}
}

// TestErrorsKeepLastGoodPage breaks a file: the errors are sent, the last
// good page stays served; fixing the file clears the errors and reloads.
func TestErrorsKeepLastGoodPage(t *testing.T) {
	s := startSite(t, 0)
	ana := filepath.Join(s.dir, "content/people/ana.toml")
	save(t, ana, "name = \"Ana\nteam = \"ops\"\n")
	st := s.next(t)
	if st.Version != 1 || len(st.Errors) != 1 || !strings.HasPrefix(st.Errors[0], "content/people/ana.toml:1:") {
		t.Fatalf("after a broken edit: %+v", st)
	}
	if status, body := s.get(t, "people/ana/"); status != 200 || !strings.Contains(body, "Ana Lima") {
		t.Errorf("last good page not served: %d", status)
	}
	save(t, ana, fmt.Sprintf(person, "Ana Fixed"))
	st = s.next(t)
	if st.Version != 2 || len(st.Errors) != 0 {
		t.Fatalf("after the fix: %+v", st)
	}
	if _, body := s.get(t, "people/ana/"); !strings.Contains(body, "Ana Fixed") {
		t.Errorf("fixed page not served")
	}
}

// TestPoll sees an edit through polling alone.
func TestPoll(t *testing.T) {
	s := startSite(t, 30*time.Millisecond)
	save(t, filepath.Join(s.dir, "content/people/ana.toml"), fmt.Sprintf(person, "Ana Polled"))
	s.reloaded(t, 1)
	if _, body := s.get(t, "people/ana/"); !strings.Contains(body, "Ana Polled") {
		t.Errorf("polled edit not served")
	}
}

// TestServing checks the bytes: pages are those of the build plus the reload
// script, the site sits under its baseURL's path, and nothing outside the
// output can be reached.
func TestServing(t *testing.T) {
	s := startSite(t, 0)
	_, out, err := builder.Build(os.DirFS(s.dir), builder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.srv.Base() != "/skills/" {
		t.Fatalf("base %q, want the path of baseURL", s.srv.Base())
	}
	status, body := s.get(t, "people/ana/")
	want := string(out.Files["people/ana/index.html"])
	script := `<script src="/skills/__portal/reload.js" data-version="1" data-base="/skills/"></script>`
	if status != 200 || strings.Replace(body, script, "", 1) != want {
		t.Errorf("served page is not the built page plus the reload script")
	}
	for _, p := range []string{"../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e/site.toml", "../site.toml"} {
		if status, body := s.get(t, p); status != 404 || strings.Contains(body, "title =") {
			t.Errorf("GET %s: %d", p, status)
		}
	}
	resp, err := http.Get(s.http.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/skills/" {
		t.Errorf("/ led to %s, want /skills/", resp.Request.URL.Path)
	}
}

// TestListsAfterEdits renames a person, adds one and retitles an article:
// the search index, the sitemap and the feed, which the preview makes when
// first asked for, are those of a full build.
func TestListsAfterEdits(t *testing.T) {
	s := startSite(t, 0)
	v := 0
	for _, e := range []struct{ file, data string }{
		{"content/people/ana.toml", fmt.Sprintf(person, "Ana Searchable")},
		{"content/people/cleo.toml", fmt.Sprintf(person, "Cleo Newcomer")},
		{"content/articles/ask.md", "+++\ntitle = \"Asking better questions\"\ndate = 2025-02-01\ncompetencies = [\"coaching\", \"feedback\"]\n+++\n## Questions\n\nAsk open ones.\n"},
	} {
		save(t, filepath.Join(s.dir, e.file), e.data)
		v = s.reloaded(t, v)
	}
	_, out, err := builder.Build(os.DirFS(s.dir), builder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range out.Paths() {
		if !strings.HasPrefix(p, "search/") && p != "sitemap.xml" && p != "articles/index.xml" {
			continue
		}
		n++
		if status, body := s.get(t, p); status != 200 || body != string(out.Files[p]) {
			t.Errorf("GET %s: %d, and not the file of a full build:\n%s", p, status, body)
		}
	}
	if n < 5 {
		t.Errorf("the full build has %d search files, sitemap and feed", n)
	}
	for file, want := range map[string]string{"search/index.json": `"searchable"`, "sitemap.xml": "people/cleo/", "articles/index.xml": "Asking better questions"} {
		if !strings.Contains(string(out.Files[file]), want) {
			t.Errorf("%s has no %s", file, want)
		}
	}
}

// built returns the figures of the last "Built" line of the server's log:
// pages rendered before the build was published, and pages left to render.
func (s *site) built(t *testing.T) (rendered, left int) {
	t.Helper()
	m := regexp.MustCompile(`Built \d+ pages \((\d+) rendered(?:, (\d+) more in the background)?\)`).FindAllStringSubmatch(s.log.String(), -1)
	if m == nil {
		t.Fatalf("no build logged:\n%s", s.log)
	}
	last := m[len(m)-1]
	rendered, _ = strconv.Atoi(last[1])
	left, _ = strconv.Atoi(last[2])
	return rendered, left
}

// TestOpenPagesFirst retitles a competency, which shows on every page: the
// build renders the pages open in a browser, and one of each kind, before
// it tells them to reload; the others are rendered after, and show the new
// title all the same.
func TestOpenPagesFirst(t *testing.T) {
	s := startSite(t, 0)
	vision := filepath.Join(s.dir, "content/competencies/lead/vision.md")
	retitle := func(title string) {
		t.Helper()
		data, err := os.ReadFile(vision)
		if err != nil {
			t.Fatal(err)
		}
		edited := regexp.MustCompile(`(?m)^title = ".*"`).ReplaceAll(data, []byte(`title = "`+title+`"`))
		save(t, vision, string(edited))
	}
	retitle("Seeing Ahead")
	v := s.reloaded(t, 1)
	rendered, left := s.built(t)
	if left == 0 {
		t.Fatalf("every page rendered before the reload (%d)", rendered)
	}

	// A second browser, on Ben's page: it is rendered at once too. Ana's,
	// the first person's, is rendered at once anyway.
	s.subscribe(t, "people/ben/")
	retitle("Looking Ahead")
	s.reloaded(t, v)
	if r, l := s.built(t); r != rendered+1 || l != left-1 {
		t.Errorf("with Ben's page open, %d pages rendered and %d left; without, %d and %d", r, l, rendered, left)
	}
	for _, page := range []string{"people/ben/", "people/ana/", "competencies/", "competencies/coaching/", "roles/lead/"} {
		if status, body := s.get(t, page); status != 200 || !strings.Contains(body, "Looking Ahead") || strings.Contains(body, "Seeing Ahead") {
			t.Errorf("%s: status %d, without the new title", page, status)
		}
	}
}

// TestErrorsOfPagesRenderedLater breaks the person layout for Ben alone. The
// build renders Ana's page, the first person's, at once, and is published;
// Ben's, rendered after, fails: its errors reach the browser, and his page
// shows them. Fixing the layout clears them.
func TestErrorsOfPagesRenderedLater(t *testing.T) {
	s := startSite(t, 0)
	layout, err := os.ReadFile("../themes/default/layouts/person.html")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(layout), `{{$p := .Person}}`, `{{$p := .Person}}{{if eq $p.ID "ben"}}{{index .Site.People 99}}{{end}}`, 1)
	override := filepath.Join(s.dir, "layouts/person.html")
	save(t, override, broken)
	// The build is published and the browser told to reload; then Ben's
	// page fails in the background, and the browser is told its errors. A
	// browser that reads the events late gets both in one.
	st := s.next(t)
	if len(st.Errors) == 0 {
		if st.Version != 2 {
			t.Fatalf("after the edit: %+v", st)
		}
		st = s.next(t)
	}
	v := st.Version
	if v != 2 || len(st.Errors) != 1 || !strings.Contains(st.Errors[0], "rendering people/ben/index.html") || !strings.Contains(st.Errors[0], "out of range") {
		t.Fatalf("after the page that fails was rendered: %+v", st)
	}
	if status, body := s.get(t, "people/ben/"); status != 500 || !strings.Contains(body, "layouts/person.html:") {
		t.Errorf("Ben's page: status %d:\n%s", status, body)
	}
	if status, _ := s.get(t, "people/ana/"); status != 200 {
		t.Errorf("Ana's page: status %d", status)
	}
	save(t, override, string(layout))
	// The errors may be told twice, when they come while the browser is
	// told of the build.
	for st.Version == v {
		st = s.next(t)
	}
	if st.Version != v+1 || len(st.Errors) != 0 {
		t.Fatalf("after the fix: %+v", st)
	}
	if status, _ := s.get(t, "people/ben/"); status != 200 {
		t.Errorf("Ben's page after the fix: status %d", status)
	}
}

// TestGrowing checks the test the watcher makes before a rebuild: a file
// whose size is not the one of its last event is still being written (a
// large file written in one call sends its event when the call ends), and
// the rebuild waits.
func TestGrowing(t *testing.T) {
	dir := t.TempDir()
	cycle := filepath.Join(dir, "cycle.toml")
	writeFile(t, cycle, "[ratings.ana]\n")
	sizes := map[string]int64{cycle: sizeOf(cycle), filepath.Join(dir, "gone.toml"): -1}
	if growing(sizes) {
		t.Fatal("growing with every size as noted")
	}
	writeFile(t, cycle, "[ratings.ana]\nvision = 2\n")
	if !growing(sizes) {
		t.Fatal("a file that grew since its event is not growing")
	}
	if growing(sizes) {
		t.Error("still growing once its new size is noted")
	}
	writeFile(t, filepath.Join(dir, "gone.toml"), "x")
	if !growing(sizes) {
		t.Error("a file made since it was noted gone is not growing")
	}
}

// TestUnreadable makes a content file unreadable while the preview runs:
// the browser is told, and making it readable again recovers. The change
// of mode is the only event.
func TestUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file whatever its mode: nothing to notice")
	}
	s := startSite(t, 0)
	ana := filepath.Join(s.dir, "content/people/ana.toml")
	if err := os.Chmod(ana, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(ana, 0o644)
	st := s.next(t)
	if len(st.Errors) != 1 || !strings.HasPrefix(st.Errors[0], "content/people/ana.toml: cannot read") {
		t.Fatalf("after chmod 0: %+v", st)
	}
	if err := os.Chmod(ana, 0o644); err != nil {
		t.Fatal(err)
	}
	st = s.next(t)
	if len(st.Errors) != 0 {
		t.Fatalf("after chmod 644: %+v", st)
	}
}

// TestNeverBuilt serves a folder whose site has never built: the page says
// what stops it, escaped, and the log does not speak of a last good build.
func TestNeverBuilt(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/people/x.toml"), `name = "<b>X</b>"`)
	log := &syncBuffer{}
	srv := New(dir, builder.Options{}, log)
	if st := srv.State(); len(st.Errors) == 0 {
		t.Fatal("a folder with no site.toml built")
	}
	h := httptest.NewServer(srv)
	defer h.Close()
	resp, err := http.Get(h.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status %d", resp.StatusCode)
	}
	for _, want := range []string{"The site does not build yet", "site.toml: not found", "__portal/reload.js"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(log.String(), "last good build") || !strings.Contains(log.String(), "has not built yet") {
		t.Errorf("log:\n%s", log)
	}

	// What an error quotes from a file is escaped.
	writeFile(t, filepath.Join(dir, "site.toml"), "title = \"T\"\n[[scale]]\nlevel = 0\nname = \"None\"\n[privacy]\npublish = \"open\"\n")
	writeFile(t, filepath.Join(dir, "content/people/x.toml"), "name = \"X\"\nteam = \"<i>t</i>\"\nrole = \"r\"\n")
	h2 := httptest.NewServer(New(dir, builder.Options{}, io.Discard))
	defer h2.Close()
	resp, err = http.Get(h2.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "unknown team &#34;&lt;i&gt;t&lt;/i&gt;&#34;") || strings.Contains(string(body), "<i>t</i>") {
		t.Errorf("the error is not escaped:\n%s", body)
	}
}

package preview

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rogpeppe/go-internal/txtar"

	"portal/builder"
	"portal/internal/browsertest"
)

// TestMain shares one Chromium among the package's browser tests.
func TestMain(m *testing.M) { browsertest.Main(m) }

// TestBrowserReload opens a page in headless Chromium, edits its source file,
// and sees the page reload with the new text, with no action in the browser.
// A broken edit shows the errors over the page; the fix reloads it.
func TestBrowserReload(t *testing.T) {
	b := browsertest.New(t)
	s := startSite(t, 0)
	url := s.http.URL + s.srv.Base() + "people/ana/"
	b.Open(t, url, true)
	ctx := b.Context()
	ana := filepath.Join(s.dir, "content/people/ana.toml")
	// The page tells the server it is open, so that builds render it
	// before they tell it to reload.
	for deadline := time.Now().Add(10 * time.Second); !s.srv.isOpen("people/ana/"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the server does not know that people/ana/ is open (evidence: %s)", b.Evidence(t))
		}
	}

	// waitFor evaluates js until it is true; a reload in between makes an
	// evaluation fail, which is expected, so it tries again.
	waitFor := func(what, js string) {
		t.Helper()
		var last error
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
			if err == nil && ok {
				return
			}
			last = err
		}
		t.Fatalf("%s: not within 10 s (last error %v; evidence: %s)", what, last, b.Evidence(t))
	}
	// The page is marked so a reload, which makes a new document, can be told
	// from an update in place.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`window.portalMarker = 1`)); err != nil {
		t.Fatal(err)
	}
	save(t, ana, fmt.Sprintf(person, "Ana Reloaded"))
	waitFor("page reloaded with the new name", `document.querySelector('h1').textContent === 'Ana Reloaded' && window.portalMarker === undefined`)

	save(t, ana, "name = \"Ana\nteam = \"ops\"\n")
	waitFor("error overlay", `(() => { const o = document.getElementById('portal-errors'); return !!o && o.textContent.includes('content/people/ana.toml:1:'); })()`)
	if h1, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('h1').textContent`)); err != nil || h1 != "Ana Reloaded" {
		t.Errorf("under the overlay: %q, %v; want the last good page", h1, err)
	}

	save(t, ana, fmt.Sprintf(person, "Ana Fixed"))
	waitFor("overlay cleared and page reloaded", `!document.getElementById('portal-errors') && document.querySelector('h1').textContent === 'Ana Fixed'`)
	b.Check(t, s.http.URL)
	if !strings.HasPrefix(url, s.http.URL) {
		t.Fatal(url)
	}
}

// TestBrowserNeverBuilt opens a site that has never built: the page lists
// the errors with no overlay claiming a last good build, follows a save
// that changes them, and becomes the site once a save fixes them.
func TestBrowserNeverBuilt(t *testing.T) {
	b := browsertest.New(t)
	dir := t.TempDir()
	a, err := txtar.ParseFile("testdata/site.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		writeFile(t, filepath.Join(dir, f.Name), string(f.Data))
	}
	ana := filepath.Join(dir, "content/people/ana.toml")
	writeFile(t, ana, "name = \"Ana\"\nteam = \"zzz\"\nrole = \"lead\"\n")
	srv := New(dir, builder.Options{}, io.Discard)
	h := httptest.NewServer(srv)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Watch(ctx, 0); close(done) }()
	t.Cleanup(func() { cancel(); h.CloseClientConnections(); h.Close(); <-done })
	<-srv.Ready()

	// The base path is known only once the site builds: the root leads
	// there then.
	b.Open(t, h.URL+"/", false)
	bctx := b.Context()
	waitFor := func(what, js string) {
		t.Helper()
		var last error
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			ok, err := chromedp.Run(bctx, chromedp.Evaluate[bool](js))
			if err == nil && ok {
				return
			}
			last = err
		}
		t.Fatalf("%s: not within 10 s (last error %v; evidence: %s)", what, last, b.Evidence(t))
	}
	waitFor("the errors listed", `document.querySelector('#portal-not-built').textContent.includes('unknown team "zzz"')`)
	time.Sleep(300 * time.Millisecond) // the events stream has answered
	if over, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`!!document.getElementById('portal-errors')`)); err != nil || over {
		t.Errorf("an overlay over the page of a site that never built (%v)", err)
	}
	save(t, ana, "name = \"Ana\"\nteam = \"qqq\"\nrole = \"lead\"\n")
	waitFor("the new errors listed", `(() => { const l = document.querySelector('#portal-not-built'); return !!l && l.textContent.includes('unknown team "qqq"'); })()`)
	save(t, ana, fmt.Sprintf(person, "Ana Built"))
	waitFor("the site", `document.body.classList.contains('kind-home')`)
	// No b.Check: the browser logs the 503 of each page served before the
	// first build, as it should.
}

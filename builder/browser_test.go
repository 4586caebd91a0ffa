package builder

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"portal/internal/browsertest"
)

// serveOutput serves a built site on loopback as a static host would.
func serveOutput(t *testing.T, out *Output) *httptest.Server {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, data := range out.Files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	srv := httptest.NewServer(http.FileServerFS(fsys))
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowserDemo opens a person, a team, a role and a competency page of the
// built demo in headless Chromium: no console error, no request leaves the
// site, and every chart has drawn.
func TestBrowserDemo(t *testing.T) {
	b := browsertest.New(t)
	srv := serveOutput(t, build(t, os.DirFS(".."), Options{}))
	for _, p := range []string{"people/amara-okafor/", "teams/customer-operations/", "roles/team-lead/", "competencies/delegation/", "", "competencies/", "articles/delegating-without-dumping/"} {
		charts := strings.Count(p, "/") == 2 && !strings.HasPrefix(p, "articles/")
		b.Open(t, srv.URL+"/"+p, charts)
	}
	b.Check(t, srv.URL)
}

// TestBrowserNoInjection opens the pages of the injection site: the payloads
// in names and titles must not open a dialog or run any script.
func TestBrowserNoInjection(t *testing.T) {
	b := browsertest.New(t)
	srv := serveOutput(t, build(t, xssSite(), Options{}))
	for _, p := range []string{"people/p/", "teams/t/", "roles/r/", "competencies/a/", "articles/x/", "", "competencies/", "people/"} {
		charts := p == "people/p/" || p == "teams/t/" || p == "roles/r/" || p == "competencies/a/"
		b.Open(t, srv.URL+"/"+p, charts)
	}
	b.Check(t, srv.URL)
}

// TestBrowserSearch types queries into the search box of the demo, as a
// reader would, and sees the expected page among the results: by prefix,
// with a typo, and by a person's name.
func TestBrowserSearch(t *testing.T) {
	b := browsertest.New(t)
	srv := serveOutput(t, build(t, os.DirFS(".."), Options{}))
	b.Open(t, srv.URL+"/roles/", false)
	if _, err := chromedp.Run(b.Context(), chromedp.Poll[bool](`!document.querySelector('form.search').hidden`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("search box never shown: %v", err)
	}
	for _, c := range []struct{ query, want string }{
		{"delegat", "competencies/delegation/"},
		{"delgation", "competencies/delegation/"},
		{"amara", "people/amara-okafor/"},
		{"budget review", "articles/running-your-first-budget-review/"},
	} {
		if _, err := chromedp.Run(b.Context(), chromedp.Evaluate[any](`document.getElementById('search-q').value = ''`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(b.Context(), chromedp.SendKeys("#search-q", c.query)); err != nil {
			t.Fatal(err)
		}
		found := `(() => Array.from(document.querySelectorAll('#search-results a')).some(a => a.getAttribute('href') === '../` + c.want + `'))()`
		if _, err := chromedp.Run(b.Context(), chromedp.Poll[bool](found, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("search %q: no result linking %s (evidence: %s)", c.query, c.want, b.Evidence(t))
		}
	}
	b.Check(t, srv.URL)
}

// TestBrowserAccessibility runs axe-core on every kind of page of the demo
// and finds no serious or critical violation.
func TestBrowserAccessibility(t *testing.T) {
	b := browsertest.New(t)
	srv := serveOutput(t, build(t, os.DirFS(".."), Options{}))
	for _, p := range []string{"", "competencies/", "competencies/delegation/", "roles/", "roles/team-lead/", "teams/", "teams/customer-operations/", "people/", "people/amara-okafor/", "articles/", "articles/delegating-without-dumping/", "404.html"} {
		charts := p == "competencies/delegation/" || p == "roles/team-lead/" || p == "teams/customer-operations/" || p == "people/amara-okafor/"
		b.Open(t, srv.URL+"/"+p, charts)
		for _, v := range b.Axe(t) {
			var where []string
			for i, n := range v.Nodes {
				if i == 3 {
					where = append(where, fmt.Sprintf("and %d more", len(v.Nodes)-3))
					break
				}
				where = append(where, n.HTML)
			}
			t.Errorf("/%s: %s (%s): %s\n\t%s", p, v.ID, v.Impact, v.Help, strings.Join(where, "\n\t"))
		}
	}
}

// TestBrowserNarrow opens every kind of page of the demo 375 px wide, as on a
// phone: the page itself never scrolls sideways (wide tables and the heatmap
// scroll inside their own boxes).
func TestBrowserNarrow(t *testing.T) {
	b := browsertest.New(t)
	srv := serveOutput(t, build(t, os.DirFS(".."), Options{}))
	if err := chromedp.Do(b.Context(), chromedp.EmulateViewport(375, 800)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"", "competencies/", "competencies/delegation/", "roles/", "roles/team-lead/", "teams/", "teams/customer-operations/", "people/", "people/amara-okafor/", "articles/", "articles/mapping-your-stakeholders/"} {
		charts := p == "competencies/delegation/" || p == "roles/team-lead/" || p == "teams/customer-operations/" || p == "people/amara-okafor/"
		b.Open(t, srv.URL+"/"+p, charts)
		width, err := chromedp.Run(b.Context(), chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if width > 375 {
			t.Errorf("/%s is %d px wide at a 375 px viewport (evidence: %s)", p, width, b.Evidence(t))
		}
	}
	b.Check(t, srv.URL)
}

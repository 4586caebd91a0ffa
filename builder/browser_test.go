package builder

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
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

// TestBrowserPrint prints a person page to PDF, as a manager would print a
// development plan: A4, a few pages, and the radar on the first page. The
// first check lays the page out for print at A4's printable width.
func TestBrowserPrint(t *testing.T) {
	b := browsertest.New(t)
	srv := serveOutput(t, build(t, os.DirFS(".."), Options{}))
	b.Open(t, srv.URL+"/people/amara-okafor/", true)
	ctx := b.Context()
	// A4 less the stylesheet's margins: 186 x 269 mm, in CSS pixels.
	const width, height = 703, 1017 // 186 x 269 mm at 96 px an inch
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	bottom, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => {
		window.dispatchEvent(new Event('beforeprint'));
		const r = document.querySelector('.chart').getBoundingClientRect();
		return r.bottom + window.scrollY;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if bottom > float64(height) {
		t.Errorf("the radar ends %.0f px down the printed page, below the first page's %d px", bottom, height)
	}
	nav, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector('.site-header nav')).display === 'none'`))
	if err != nil || !nav {
		t.Errorf("the navigation is printed")
	}
	pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: ptr(true), PrintBackground: ptr(true)})
	if err != nil {
		t.Fatal(err)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf.Data, -1))
	dir, _ := os.MkdirTemp("", "portal-print-")
	file := filepath.Join(dir, "amara-okafor.pdf")
	os.WriteFile(file, pdf.Data, 0o644)
	if pages < 1 || pages > 4 {
		t.Errorf("the plan prints on %d pages, want 1 to 4 (%s)", pages, file)
	}
	t.Logf("printed %d pages: %s", pages, file)
}

func ptr[T any](v T) *T { return &v }

// TestBrowserScreenshots takes a screenshot of every kind of page of the demo
// at desktop and phone widths, into $PORTAL_ARTEFACTS or a temporary folder
// it names, for people to look at. It fails only when a page does not draw.
func TestBrowserScreenshots(t *testing.T) {
	b := browsertest.New(t)
	srv := serveOutput(t, build(t, os.DirFS(".."), Options{}))
	dir := os.Getenv("PORTAL_ARTEFACTS")
	if dir == "" {
		dir, _ = os.MkdirTemp("", "portal-screenshots-")
	}
	os.MkdirAll(dir, 0o755)
	pages := map[string]string{"home": "", "framework": "competencies/", "competency": "competencies/delegation/", "role": "roles/team-lead/", "team": "teams/customer-operations/", "people": "people/", "person": "people/amara-okafor/", "article": "articles/delegating-without-dumping/", "404": "404.html"}
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 900}, {"phone", 375, 800}} {
		if err := chromedp.Do(b.Context(), chromedp.EmulateViewport(size.width, size.height)); err != nil {
			t.Fatal(err)
		}
		for _, kind := range sortedKeys(pages) {
			p := pages[kind]
			charts := kind == "competency" || kind == "role" || kind == "team" || kind == "person"
			b.Open(t, srv.URL+"/"+p, charts)
			shot, err := chromedp.Run(b.Context(), chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, kind+"-"+size.name+".png"), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("screenshots in %s", dir)
}

package builder

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"portal/builder/content"
	"portal/builder/model"
	"portal/builder/seal"
	"portal/builder/search"
	"portal/gen"
	"portal/internal/browsertest"
)

// TestMain shares one Chromium among the package's browser tests.
func TestMain(m *testing.M) { browsertest.Main(m) }

// serveOutput serves a built site on loopback as a static host would.
func serveOutput(t testing.TB, out *Output) *httptest.Server {
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
	srv := serveOutput(t, build(t, fixtureFS(t), Options{}))
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
	srv := serveOutput(t, build(t, fixtureFS(t), Options{}))
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

// TestBrowserSearchShards searches a generated site of 200 people and 100
// articles whose index is split into many small shards: the first result of
// a name is that person, accents and other scripts are found, a query
// fetches only the shards it needs, and a title made of markup is shown as
// text.
func TestBrowserSearchShards(t *testing.T) {
	defer func(n int) { search.ShardBytes = n }(search.ShardBytes)
	search.ShardBytes = 4 << 10
	dir := t.TempDir()
	preset, _ := gen.Named("small")
	if err := gen.Generate(dir, preset, 1); err != nil {
		t.Fatal(err)
	}
	team, role := "", ""
	if err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case team == "" && strings.Contains(p, "/teams/"):
			team = strings.TrimSuffix(d.Name(), ".toml")
		case role == "" && strings.Contains(p, "/roles/"):
			role = strings.TrimSuffix(d.Name(), ".md")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	people := map[string]string{
		"zoe.toml": "Zoë Ångström-Lindqvist",
		"li.toml":  "李小龙",
		"xss.toml": "<img src=x onerror=alert(1)>Quentin",
	}
	for file, name := range people {
		data := fmt.Sprintf("name = %q\nteam = %q\nrole = %q\n", name, team, role)
		if err := os.WriteFile(filepath.Join(dir, "content/people", file), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := build(t, os.DirFS(dir), Options{})
	var m search.Manifest
	if err := json.Unmarshal(out.Files["search/index.json"], &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Files) < 20 {
		t.Fatalf("the index has %d shards; the test needs many", len(m.Files))
	}

	b := browsertest.New(t)
	srv := serveOutput(t, out)
	b.Open(t, srv.URL+"/people/", false)
	if _, err := chromedp.Run(b.Context(), chromedp.Poll[bool](`!document.querySelector('form.search').hidden`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("search box never shown: %v", err)
	}
	for _, c := range []struct{ query, want, title string }{
		{"ångström", "people/zoe/", "Zoë Ångström-Lindqvist"},
		{"zoe angstrom", "people/zoe/", "Zoë Ångström-Lindqvist"},
		{"李小龙", "people/li/", "李小龙"},
		{"quentin", "people/xss/", "<img src=x onerror=alert(1)>Quentin"},
		{"abena aziz", "people/abena-aziz/", "Abena Aziz"},
	} {
		if _, err := chromedp.Run(b.Context(), chromedp.Evaluate[any](`document.getElementById('search-q').value = ''`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(b.Context(), chromedp.SendKeys("#search-q", c.query)); err != nil {
			t.Fatal(err)
		}
		first := `(() => { const a = document.querySelector('#search-results a'); return !!a && a.getAttribute('href') === '../` + c.want + `' && a.querySelector('.title').textContent === ` + strconv.Quote(c.title) + `; })()`
		if _, err := chromedp.Run(b.Context(), chromedp.Poll[bool](first, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("search %q: the first result is not %s titled %q (evidence: %s)", c.query, c.want, c.title, b.Evidence(t))
		}
	}
	fetched, err := chromedp.Run(b.Context(), chromedp.Evaluate[int](`performance.getEntriesByType('resource').filter(e => /\/search\/t-/.test(e.name)).length`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("5 queries fetched %d of %d shards", fetched, len(m.Files))
	if fetched == 0 || fetched > len(m.Files)/2 {
		t.Errorf("5 queries fetched %d of %d shards; want some, and at most half", fetched, len(m.Files))
	}
	if n, err := chromedp.Run(b.Context(), chromedp.Evaluate[int](`document.querySelectorAll('#search-results img').length`)); err != nil || n != 0 {
		t.Errorf("search results hold %d img elements (%v): a title was read as HTML", n, err)
	}
	b.Check(t, srv.URL)
}

// TestBrowserAccessibility runs axe-core on every kind of page of the demo,
// in the light and in the dark colour scheme, and finds no serious or
// critical violation (colour contrast included).
func TestBrowserAccessibility(t *testing.T) {
	b := browsertest.New(t)
	srv := serveOutput(t, build(t, fixtureFS(t), Options{}))
	for _, scheme := range []string{"light", "dark"} {
		b.Set(t, browsertest.ColourScheme(scheme))
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
				t.Errorf("/%s, %s: %s (%s): %s\n\t%s", p, scheme, v.ID, v.Impact, v.Help, strings.Join(where, "\n\t"))
			}
		}
	}
}

// TestBrowserChartText opens the pages with charts in the light and the
// dark colour scheme: the page follows the scheme, and every label a chart
// draws (axis names, legends, a heatmap's cells) reaches the AA contrast
// ratio of 4.5 against what it is drawn on, the page or a cell (see
// chartMeasure). axe-core does not check text in SVG. Labels with an
// outline (a bar's) are left out.
func TestBrowserChartText(t *testing.T) {
	b := browsertest.New(t)
	srv := serveOutput(t, build(t, fixtureFS(t), Options{}))
	const background = `(() => {
		const v = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).slice(0, 3).map(n => { n /= 255; return n <= 0.03928 ? n / 12.92 : Math.pow((n + 0.055) / 1.055, 2.4); });
		return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
	})()`
	for _, scheme := range []string{"light", "dark"} {
		b.Set(t, browsertest.ColourScheme(scheme))
		for _, p := range []string{"people/amara-okafor/", "teams/customer-operations/", "roles/team-lead/", "competencies/delegation/"} {
			b.Open(t, srv.URL+"/"+p, true)
			got, err := chromedp.Run(b.Context(), chromedp.Evaluate[struct {
				Labels int
				Low    []string
			}](chartMeasure))
			if err != nil {
				t.Fatal(err)
			}
			bg, err := chromedp.Run(b.Context(), chromedp.Evaluate[float64](background))
			if err != nil {
				t.Fatal(err)
			}
			if dark := bg < 0.1; dark != (scheme == "dark") {
				t.Errorf("/%s in the %s scheme: page background luminance %.2f", p, scheme, bg)
			}
			if got.Labels == 0 {
				t.Errorf("/%s in the %s scheme: no chart label found", p, scheme)
			}
			if len(got.Low) > 0 {
				t.Errorf("/%s in the %s scheme: %d chart labels below 4.5:1, such as %s (evidence: %s)", p, scheme, len(got.Low), got.Low[0], b.Evidence(t))
			}
		}
	}
}

// TestBrowserNarrow opens every kind of page of the demo 375 px wide, as on a
// phone: the page itself never scrolls sideways (wide tables and the heatmap
// scroll inside their own boxes).
func TestBrowserNarrow(t *testing.T) {
	b := browsertest.New(t)
	srv := serveOutput(t, build(t, fixtureFS(t), Options{}))
	b.Set(t, browsertest.Viewport(375, 800))
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
	srv := serveOutput(t, build(t, fixtureFS(t), Options{}))
	b.Open(t, srv.URL+"/people/amara-okafor/", true)
	ctx := b.Context()
	// A4 less the stylesheet's margins: 186 x 269 mm, in CSS pixels.
	const width, height = 703, 1017 // 186 x 269 mm at 96 px an inch
	b.Set(t, browsertest.Viewport(width, height))
	b.Set(t, browsertest.Print())
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
// and of the wide preset, at desktop and phone widths, in light and dark, into $PORTAL_ARTEFACTS or a temporary folder
// it names, for people to look at. It fails only when a page does not draw.
func TestBrowserScreenshots(t *testing.T) {
	b := browsertest.New(t)
	open := serveOutput(t, build(t, fixtureFS(t), Options{}))
	public := serveOutput(t, build(t, aggregate(t, ""), Options{}))
	wide := serveOutput(t, build(t, os.DirFS(wideSite(t)), Options{}))
	dir := os.Getenv("PORTAL_ARTEFACTS")
	if dir == "" {
		dir, _ = os.MkdirTemp("", "portal-screenshots-")
	}
	os.MkdirAll(dir, 0o755)
	sites := []struct {
		prefix string
		srv    *httptest.Server
		pages  map[string]string
	}{
		{"", open, map[string]string{"home": "", "framework": "competencies/", "competency": "competencies/delegation/", "role": "roles/team-lead/", "team": "teams/customer-operations/", "people": "people/", "person": "people/amara-okafor/", "article": "articles/delegating-without-dumping/", "404": "404.html",
			"insights": "insights/", "category": "categories/management/", "roles": "roles/"}},
		// Published aggregate: the pages that show numbers instead of people.
		{"aggregate-", public, map[string]string{"home": "", "competency": "competencies/delegation/", "role": "roles/team-lead/", "teams": "teams/", "team": "teams/customer-operations/", "insights": "insights/"}},
		// The wide preset, shaped like a real framework, with people measured
		// against 3, 13, 20 and 70 competencies (see wideSite).
		{"wide-", wide, map[string]string{"person-3": "people/size-3/", "person-13": "people/size-13/", "person-20": "people/size-20/", "person-70": "people/size-70/",
			"person": "people/chloe-torres/", "role-70": "roles/size-70/", "roles": "roles/", "home": "", "framework": "competencies/",
			"competency": "competencies/account-planning-and-long-term-relationship-development/", "teams": "teams/", "team": "teams/beacon-billing/",
			"people": "people/", "article": "articles/a-practical-guide-to-commercial-partnering/", "insights": "insights/", "category": "categories/engineering/"}},
	}
	for _, size := range []struct {
		name          string
		width, height int64
		scheme        string
	}{{"desktop", 1280, 900, "light"}, {"phone", 375, 800, "light"}, {"desktop-dark", 1280, 900, "dark"}, {"phone-dark", 375, 800, "dark"}} {
		b.Set(t, browsertest.Viewport(size.width, size.height))
		b.Set(t, browsertest.ColourScheme(size.scheme))
		for _, site := range sites {
			for _, kind := range content.SortedKeys(site.pages) {
				p := site.pages[kind]
				charts := kind == "competency" || strings.HasPrefix(kind, "role-") || kind == "role" || kind == "team" && site.prefix != "aggregate-" || strings.HasPrefix(kind, "person")
				b.Open(t, site.srv.URL+"/"+p, charts)
				shot, err := chromedp.Run(b.Context(), chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, site.prefix+kind+"-"+size.name+".png"), shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	t.Logf("screenshots in %s", dir)
}

// BenchmarkBrowserSearch times, in Chromium, a query on a freshly opened page
// of the site in PORTAL_BENCH_SITE (default: the demo) from the keystroke to
// the results shown, counting the manifest's load. Queries cycle through the
// commonest term, a rare one, a person's name and a typo. It reports the
// bytes of the index each query fetched (before compression).
//
//	PORTAL_BENCH_SITE=/tmp/large go test ./builder -run '^$' -bench BrowserSearch -benchtime 20x
func BenchmarkBrowserSearch(b *testing.B) {
	src := os.Getenv("PORTAL_BENCH_SITE")
	if src == "" {
		src = ".."
	}
	_, out, err := Build(os.DirFS(src), Options{Secret: &testSecret})
	if err != nil {
		b.Fatal(err)
	}
	var m search.Manifest
	if err := json.Unmarshal(out.Files["search/index.json"], &m); err != nil {
		b.Fatal(err)
	}
	common, rare := 0, 0
	for i, df := range m.DF {
		if df > m.DF[common] {
			common = i
		}
		if len(m.Terms[i]) > 6 && (m.DF[rare] > df || len(m.Terms[rare]) <= 6) {
			rare = i
		}
	}
	r := readSearch(b, out)
	name := ""
	for i := 0; name == "" && i < m.Docs; i++ {
		if kind, title, _ := r.doc(i); kind == "Person" {
			name = title
		}
	}
	typo := m.Terms[rare][:2] + m.Terms[rare][3:]
	queries := []string{m.Terms[common], m.Terms[rare], typo}
	if name != "" { // a site published private or aggregate lists no person
		queries = append(queries, name)
	}
	b.Logf("queries %q over %d documents, %d terms, %d shards", queries, m.Docs, len(m.Terms), len(m.Files))

	br := browsertest.New(b)
	srv := serveOutput(b, out)
	var total, bytes float64
	b.ResetTimer()
	for i := range b.N {
		br.Open(b, srv.URL+"/", false)
		js := `new Promise(done => {
			const input = document.getElementById('search-q');
			const list = document.getElementById('search-results');
			const t0 = performance.now();
			new MutationObserver((_, o) => { if (list.querySelector('a, .empty')) { o.disconnect(); done(performance.now() - t0); } }).observe(list, {childList: true});
			input.focus();
			input.value = ` + strconv.Quote(queries[i%len(queries)]) + `;
			input.dispatchEvent(new Event('input'));
		})`
		ms, err := chromedp.Run(br.Context(), chromedp.Evaluate[float64](js, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		n, err := chromedp.Run(br.Context(), chromedp.Evaluate[float64](`performance.getEntriesByType('resource').filter(e => e.name.includes('/search/')).reduce((n, e) => n + e.decodedBodySize, 0)`))
		if err != nil {
			b.Fatal(err)
		}
		total += ms
		bytes += n
	}
	b.ReportMetric(total/float64(b.N), "ms/query")
	b.ReportMetric(bytes/float64(b.N)/1024, "KB/query")
}

// BenchmarkBrowserPersonPage opens person pages of the site in
// PORTAL_BENCH_SITE (default: the demo), each from the home page, and
// reports the time from asking for the page until its charts have drawn.
// On a site published private the page is opened with the person's link,
// and the time includes decrypting it.
//
//	PORTAL_BENCH_SITE=/tmp/large go test ./builder -run '^$' -bench BrowserPersonPage -benchtime 20x
func BenchmarkBrowserPersonPage(b *testing.B) {
	src := os.Getenv("PORTAL_BENCH_SITE")
	if src == "" {
		src = ".."
	}
	site, out, err := Build(os.DirFS(src), Options{Secret: &testSecret})
	if err != nil {
		b.Fatal(err)
	}
	br := browsertest.New(b)
	srv := serveOutput(b, out)
	keys := seal.NewKeys(testSecret)
	var total time.Duration
	b.ResetTimer()
	for i := range b.N {
		p := site.People[(i*7919)%len(site.People)]
		u := srv.URL + "/" + site.PersonURL(p.ID)
		if site.Keys != nil {
			u += "#k=" + keys.Fragment(seal.Person(p.ID))
		}
		br.Open(b, srv.URL+"/", false)
		start := time.Now()
		br.Open(b, u, true)
		total += time.Since(start)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/page")
}

// TestBrowserPeoplePager opens the pages of a people list split in three (the
// demo and 1,100 more people): axe-core finds nothing serious in either
// colour scheme, the pager marks the page shown and links the others by their
// first and last names, its next link points at the next page, and nothing
// scrolls sideways at 375 px.
func TestBrowserPeoplePager(t *testing.T) {
	dir := fixtureDir(t)
	for i := range 1100 {
		data := fmt.Sprintf("name = \"Person %04d\"\nteam = \"customer-operations\"\nrole = \"team-lead\"\n", i)
		if err := os.WriteFile(filepath.Join(dir, "content/people", fmt.Sprintf("p%04d.toml", i)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := browsertest.New(t)
	srv := serveOutput(t, build(t, os.DirFS(dir), Options{}))
	for _, scheme := range []string{"light", "dark"} {
		b.Set(t, browsertest.ColourScheme(scheme))
		for _, p := range []string{"people/", "people/page/2/", "people/page/3/"} {
			b.Open(t, srv.URL+"/"+p, false)
			for _, v := range b.Axe(t) {
				t.Errorf("/%s, %s: %s (%s): %s", p, scheme, v.ID, v.Impact, v.Help)
			}
		}
	}
	b.Open(t, srv.URL+"/people/page/2/", false)
	current, err := chromedp.Run(b.Context(), chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.pager-list [aria-current="page"]')).map(e => e.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	// Each pager (above and below the table) marks page 2 by its first and
	// last person.
	if len(current) != 2 || !strings.Contains(current[0], "Person 0") || !strings.Contains(current[0], " – ") {
		t.Errorf("pages marked current: %q, want page 2, twice, named by its first and last person", current)
	}
	next, err := chromedp.Run(b.Context(), chromedp.Evaluate[string](`document.querySelector('.pager-list a[rel="next"]').href`))
	if err != nil || next != srv.URL+"/people/page/3/" {
		t.Errorf("the next link of page 2 is %q (%v), want /people/page/3/", next, err)
	}
	b.Set(t, browsertest.Viewport(375, 800))
	for _, p := range []string{"people/", "people/page/2/"} {
		b.Open(t, srv.URL+"/"+p, false)
		width, err := chromedp.Run(b.Context(), chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if width > 375 {
			t.Errorf("/%s is %d px wide at a 375 px viewport (evidence: %s)", p, width, b.Evidence(t))
		}
	}
}

// TestBrowserPrivate opens the private pages of the fixture, published
// private and served under a sub-path, with the links portal links hands
// out: a person's link opens their page and its radar draws; a team's link
// opens the team's page, whose member links open the members' pages; the
// L&D link opens the people list, and its key any person's page. Another
// person's key, and no key, show a message. No console error.
func TestBrowserPrivate(t *testing.T) {
	b := browsertest.New(t)
	site, out, err := Build(publishedAs(t, "private", ""), Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for p, data := range out.Files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	srv := httptest.NewServer(http.StripPrefix("/sub", http.FileServerFS(fsys)))
	t.Cleanup(srv.Close)
	root := srv.URL + "/sub/"
	keys := seal.NewKeys(testSecret)
	link := func(u string, a seal.Audience) string { return root + u + "#k=" + keys.Fragment(a) }
	// opened waits for the page's script to put the content in place or
	// say why not, and returns the page's heading.
	opened := func(u string) string {
		t.Helper()
		_, err := chromedp.Run(b.Context(), chromedp.Poll[bool](`!document.getElementById('sealed-note') || document.querySelector('.sealed-failed') !== null`, chromedp.WithPollingTimeout(20*time.Second)))
		var h1 string
		if err == nil {
			h1, err = chromedp.Run(b.Context(), chromedp.Evaluate[string](`document.querySelector('main h1').textContent`))
		}
		if err != nil {
			t.Errorf("%s: %v (evidence: %s)", u, err, b.Evidence(t))
		}
		return h1
	}
	// Each page is opened from the home page: a link that differs from the
	// last only after # would not load the page again.
	visit := func(u string, charts bool) string {
		t.Helper()
		b.Open(t, root, false)
		b.Open(t, u, charts)
		return opened(u)
	}
	ana := site.PersonByID["qz-ines-obrien"]
	if h1 := visit(link(site.PersonURL(ana.ID), seal.Person(ana.ID)), true); h1 != ana.Name {
		t.Errorf("the person's link opens a page headed %q, want %q", h1, ana.Name)
	}
	title, _ := chromedp.Run(b.Context(), chromedp.Evaluate[string](`document.title`))
	if !strings.HasPrefix(title, ana.Name) {
		t.Errorf("the person's page is titled %q", title)
	}
	// A link within the page keeps the key in the address.
	if kept, err := chromedp.Run(b.Context(), chromedp.Evaluate[bool](`document.querySelector('a.skip').click(), location.hash.startsWith('#k=')`)); err != nil || !kept {
		t.Errorf("the skip link drops the key from the address: %v", err)
	}
	// The page's file by its name opens too.
	if h1 := visit(root+site.PersonURL(ana.ID)+"index.html#k="+keys.Fragment(seal.Person(ana.ID)), true); h1 != ana.Name {
		t.Errorf("index.html of the person's page opens a page headed %q", h1)
	}

	team := ana.Team
	if h1 := visit(link(site.TeamMembersURL(team.ID), seal.Team(team.ID)), true); h1 != team.Name {
		t.Errorf("the team's link opens a page headed %q", h1)
	}
	member, err := chromedp.Run(b.Context(), chromedp.Evaluate[string](`Array.from(document.querySelectorAll('main a')).map(a => a.href).find(h => h.includes('/private/') && h.includes('#k=')) || ''`))
	if err != nil || member == "" {
		t.Fatalf("the team's page links no member's page with its key: %q, %v", member, err)
	}
	if h1 := visit(member, true); !slices.ContainsFunc(team.Members, func(p *model.Person) bool { return p.Name == h1 }) {
		t.Errorf("a member's link from the team's page opens a page headed %q", h1)
	}

	if h1 := visit(link(site.PeoplePageURL(1), seal.LnD()), false); h1 != "People" {
		t.Errorf("the L&D link opens a page headed %q", h1)
	}
	other := site.People[0]
	if h1 := visit(link(site.PersonURL(other.ID), seal.LnD()), true); h1 != other.Name {
		t.Errorf("the L&D key opens %s's page headed %q", other.ID, h1)
	}

	// In the dark scheme, and printed, it opens and draws as any page.
	for _, set := range []browsertest.Setting{browsertest.ColourScheme("dark"), browsertest.Print()} {
		b.Set(t, set)
		if h1 := visit(link(site.PersonURL(ana.ID), seal.Person(ana.ID)), true); h1 != ana.Name {
			t.Errorf("the person's page opens headed %q with %v", h1, set)
		}
	}
	b.Set(t, browsertest.ColourScheme("light"))
	for _, c := range []struct{ url, want string }{
		{link(site.PersonURL(ana.ID), seal.Person(other.ID)), "This link does not open this page"},
		{root + site.PersonURL(ana.ID), "This page is private"},
		{root + site.PersonURL(ana.ID) + "#k=AAAA", "This page is private"},
	} {
		if h1 := visit(c.url, false); h1 != c.want {
			t.Errorf("%s: heading %q, want %q", c.url, h1, c.want)
		}
	}
	b.Check(t, srv.URL)
}

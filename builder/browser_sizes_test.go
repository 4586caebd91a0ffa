package builder

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"portal/gen"
	"portal/internal/browsertest"
)

// chartSizes are the numbers of competencies the sized people of wideSite
// are measured against: a radar's lower bound and below, its middle, and
// dot plots of a large framework and of the whole of one.
var chartSizes = []int{3, 13, 20, 70}

// wideSite writes the wide preset, shaped like a real framework (70
// competencies in 14 tracks sharing names, a 0-7 scale), into a folder and
// adds, for each of chartSizes, a role with that many targets spread over
// the framework and a person in it rated in each, all in the first team,
// which more members with long names make 40 people by 70 competencies,
// and returns the folder.
func wideSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	preset, _ := gen.Named("wide")
	if err := gen.Generate(dir, preset, 1); err != nil {
		t.Fatal(err)
	}
	s, _, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, "content", name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var ratings strings.Builder
	ratings.WriteString("title = \"Sizes review\"\ndate = 2027-01-15\nkind = \"manager\"\n")
	for _, n := range chartSizes {
		var targets strings.Builder
		fmt.Fprintf(&ratings, "\n[ratings.size-%d]\n", n)
		for i := range n {
			c := s.Competencies[i*len(s.Competencies)/n]
			fmt.Fprintf(&targets, "%s = %d\n", c.ID, 1+i%7)
			fmt.Fprintf(&ratings, "%s = %d\n", c.ID, (i*3)%8)
		}
		write(fmt.Sprintf("roles/size-%d.md", n), fmt.Sprintf("+++\ntitle = \"Size %d\"\n[targets]\n%s+++\n", n, targets.String()))
		write(fmt.Sprintf("people/size-%d.toml", n), fmt.Sprintf("name = \"Size %d person\"\nteam = %q\nrole = \"size-%d\"\n", n, s.Teams[0].ID, n))
	}
	// More members, with long names, make the first team 40 people by 70
	// competencies.
	for i := range 40 - 4 - len(s.Teams[0].Members) {
		role := s.Roles[i%len(s.Roles)]
		id := fmt.Sprintf("extra-%02d", i)
		write("people/"+id+".toml", fmt.Sprintf("name = \"Maximiliana Featherstonehaugh-Okonkwo %02d\"\nteam = %q\nrole = %q\n", i, s.Teams[0].ID, role.ID))
		fmt.Fprintf(&ratings, "\n[ratings.%s]\n", id)
		for k, tg := range role.Targets {
			fmt.Fprintf(&ratings, "%s = %d\n", tg.Competency.ID, (tg.Level+k+i)%8)
		}
	}
	write("assessments/zz-sizes.toml", ratings.String())
	return dir
}

// chartMeasure measures, on the page open, the labels of every chart (how
// many, pairs that overlap, those below 4.5:1 against the page or the shape
// they are drawn on) and the
// level badges (how many, those below 4.5:1 or without a colour of their
// own), and the page's width.
const chartMeasure = `(() => {
	const lum = c => {
		const v = c.match(/[\d.]+/g).slice(0, 3).map(n => { n /= 255; return n <= 0.03928 ? n / 12.92 : Math.pow((n + 0.055) / 1.055, 2.4); });
		return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
	};
	const ratio = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
	const bg = lum(getComputedStyle(document.body).backgroundColor);
	// bothShown tells whether two labels are both drawn at a point of the
	// page: a legend that scrolls clips the names it does not show, which
	// keep their boxes. The point is hit-tested with the top label and
	// then without it.
	const bothShown = (a, b) => {
		const owner = el => el && (el === a || a.contains(el) ? a : el === b || b.contains(el) ? b : null);
		a.scrollIntoView({block: 'center', inline: 'center'});
		const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
		const x = (Math.max(ra.left, rb.left) + Math.min(ra.right, rb.right)) / 2;
		const y = (Math.max(ra.top, rb.top) + Math.min(ra.bottom, rb.bottom)) / 2;
		const top = owner(document.elementFromPoint(x, y));
		if (!top) return false;
		const old = top.style.pointerEvents;
		top.style.pointerEvents = 'none';
		const under = owner(document.elementFromPoint(x, y));
		top.style.pointerEvents = old;
		return under !== null && under !== top;
	};
	const out = {overlaps: [], low: [], badges: [], labels: 0, count: 0, width: document.documentElement.scrollWidth};
	for (const chart of document.querySelectorAll('.chart')) {
		const texts = Array.from(chart.querySelectorAll('svg text')).filter(t => t.textContent.trim() !== '' && getComputedStyle(t).stroke === 'none');
		out.labels += texts.length;
		const boxes = texts.map(t => [t.textContent, t.getBoundingClientRect()]).filter(x => x[1].width > 0);
		for (let i = 0; i < boxes.length; i++) {
			for (let j = i + 1; j < boxes.length; j++) {
				const a = boxes[i][1], b = boxes[j][1];
				if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1 &&
					bothShown(texts[i], texts[j])) {
					out.overlaps.push(chart.id + ': "' + boxes[i][0] + '" and "' + boxes[j][0] + '"');
				}
			}
		}
		for (const t of texts) {
			let r = ratio(lum(getComputedStyle(t).fill), bg);
			if (r < 4.5) {
				// A label drawn on a shape (a heatmap's cell) is read
				// against the shape.
				t.scrollIntoView({block: 'center', inline: 'center'});
				const box = t.getBoundingClientRect();
				const under = document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)
					.find(el => el !== t && el.closest('svg') && (el.tagName === 'path' || el.tagName === 'rect') && /^rgb\(/.test(getComputedStyle(el).fill));
				if (under) r = ratio(lum(getComputedStyle(t).fill), lum(getComputedStyle(under).fill));
			}
			if (r < 4.5) out.low.push(chart.id + ': "' + t.textContent + '" ' + r.toFixed(2));
		}
	}
	const page = getComputedStyle(document.body).backgroundColor;
	for (const el of document.querySelectorAll('.lvl')) {
		const s = getComputedStyle(el);
		const r = ratio(lum(s.color), lum(s.backgroundColor));
		if (r < 4.5) out.badges.push(el.className + ' ' + r.toFixed(2));
		if (s.backgroundColor === page || s.backgroundColor === 'rgba(0, 0, 0, 0)') out.badges.push(el.className + ' has the page background');
	}
	out.count = document.querySelectorAll('.lvl').length;
	return out;
})()`

// TestBrowserChartSizes opens, on the wide preset, the pages of people
// measured against 3, 13, 20 and 70 competencies, a role of 70 targets and
// a generated person, and on the demo a person and a role, at 1280 and 375
// px, light and dark: every chart draws;
// no two of a chart's labels overlap; chart labels and level badges read at
// 4.5:1 or more, each badge on a colour of its own; the page does not scroll sideways; axe-core finds nothing.
func TestBrowserChartSizes(t *testing.T) {
	b := browsertest.New(t)
	dir := wideSite(t)
	out := build(t, os.DirFS(dir), Options{})
	srv := serveOutput(t, out)
	demo := serveOutput(t, build(t, fixtureFS(t), Options{}))
	pages := []string{srv.URL + "/roles/size-70/"}
	for _, n := range chartSizes {
		pages = append(pages, fmt.Sprintf("%s/people/size-%d/", srv.URL, n))
	}
	// The generated person with the most competencies (the first by name
	// of those), with three kinds of cycle behind them: the most crowded
	// radar of the site.
	most, busiest := 0, ""
	for _, name := range slices.Sorted(maps.Keys(out.Files)) {
		if strings.HasPrefix(name, "people/") && strings.Count(name, "/") == 2 && !strings.Contains(name, "size-") {
			if n := strings.Count(string(out.Files[name]), `<tr><th scope="row">`); n > most {
				most, busiest = n, strings.TrimSuffix(name, "index.html")
			}
		}
	}
	pages = append(pages, srv.URL+"/"+busiest, srv.URL+"/insights/")
	demoPages := []string{demo.URL + "/people/amara-okafor/", demo.URL + "/roles/team-lead/", demo.URL + "/insights/"}

	check := func(b *browsertest.Browser, pages []string) {
		for _, size := range []struct {
			width, height int64
			scheme        string
		}{{1280, 900, "light"}, {1280, 900, "dark"}, {375, 800, "light"}, {375, 800, "dark"}} {
			b.Set(t, browsertest.Viewport(size.width, size.height))
			b.Set(t, browsertest.ColourScheme(size.scheme))
			for _, p := range pages {
				where := fmt.Sprintf("%s at %d px, %s", p, size.width, size.scheme)
				b.Open(t, p, true)
				got, err := chromedp.Run(b.Context(), chromedp.Evaluate[struct {
					Overlaps, Low, Badges []string
					Labels, Count, Width  int
				}](chartMeasure))
				if err != nil {
					t.Fatal(err)
				}
				if got.Labels == 0 {
					t.Errorf("%s: no chart label drawn", where)
				}
				for _, o := range got.Overlaps {
					t.Errorf("%s: labels overlap: %s", where, o)
				}
				for _, l := range got.Low {
					t.Errorf("%s: chart label below 4.5:1 against the page: %s", where, l)
				}
				if got.Count == 0 {
					t.Errorf("%s: no level badge", where)
				}
				for _, l := range got.Badges {
					t.Errorf("%s: level badge below 4.5:1: %s", where, l)
				}
				if got.Width > int(size.width) {
					t.Errorf("%s: the page is %d px wide", where, got.Width)
				}
				if size.width == 1280 {
					for _, v := range b.Axe(t) {
						t.Errorf("%s: %s (%s): %s", where, v.ID, v.Impact, v.Help)
					}
				}
			}
		}
	}
	check(b, pages)
	b.Check(t, srv.URL)
	d := browsertest.New(t)
	check(d, demoPages)
	d.Check(t, demo.URL)
}

// TestBrowserWide opens every kind of page of the wide preset, as
// TestBrowserAccessibility, TestBrowserChartText and TestBrowserNarrow do the
// demo's: in light and dark, axe-core finds nothing and chart labels and
// level badges read at 4.5:1 or more; 375 px wide, the page does not scroll
// sideways; every chart draws.
func TestBrowserWide(t *testing.T) {
	b := browsertest.New(t)
	out := build(t, os.DirFS(wideSite(t)), Options{})
	srv := serveOutput(t, out)
	pages := []string{"", "competencies/", "roles/", "teams/", "people/", "articles/", "insights/"}
	charts := map[string]bool{"insights/": true}
	// The first page of each kind by name.
	for _, kind := range []string{"competencies", "categories", "roles", "teams", "people", "articles"} {
		for _, name := range slices.Sorted(maps.Keys(out.Files)) {
			if strings.HasPrefix(name, kind+"/") && strings.Count(name, "/") == 2 && strings.HasSuffix(name, "/index.html") && !strings.Contains(name, "/page/") {
				p := strings.TrimSuffix(name, "index.html")
				pages = append(pages, p)
				charts[p] = kind != "articles" && kind != "categories"
				break
			}
		}
	}
	for _, size := range []struct {
		width, height int64
		scheme        string
	}{{1280, 900, "light"}, {1280, 900, "dark"}, {375, 800, "light"}} {
		b.Set(t, browsertest.Viewport(size.width, size.height))
		b.Set(t, browsertest.ColourScheme(size.scheme))
		for _, p := range pages {
			where := fmt.Sprintf("/%s at %d px, %s", p, size.width, size.scheme)
			b.Open(t, srv.URL+"/"+p, charts[p])
			got, err := chromedp.Run(b.Context(), chromedp.Evaluate[struct{ Low, Badges []string }](chartMeasure))
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range append(got.Low, got.Badges...) {
				t.Errorf("%s: below 4.5:1: %s", where, l)
			}
			if size.width == 375 {
				width, err := chromedp.Run(b.Context(), chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
				if err != nil {
					t.Fatal(err)
				}
				if width > 375 {
					t.Errorf("%s: the page is %d px wide", where, width)
				}
				continue
			}
			for _, v := range b.Axe(t) {
				var nodes []string
				for i, n := range v.Nodes {
					if i == 2 {
						break
					}
					nodes = append(nodes, n.HTML)
				}
				t.Errorf("%s: %s (%s): %s\n\t%s", where, v.ID, v.Impact, v.Help, strings.Join(nodes, "\n\t"))
			}
		}
	}
	b.Check(t, srv.URL)
}

// TestBrowserTeamMatrix opens the skills matrix of a team of the demo and of
// the wide preset (27 members, 70 columns) at 1280 and 375 px, light and
// dark: every member's name is a label of the chart, drawn inside it; no two
// labels overlap; the page does not scroll sideways (the matrix scrolls in
// its own box); labels read at 4.5:1 or more.
func TestBrowserTeamMatrix(t *testing.T) {
	wide := serveOutput(t, build(t, os.DirFS(wideSite(t)), Options{}))
	demo := serveOutput(t, build(t, fixtureFS(t), Options{}))
	const names = `(() => {
		const chart = document.querySelector('.chart');
		const box = chart.getBoundingClientRect();
		const labels = new Map(Array.from(chart.querySelectorAll('svg text')).map(t => [t.textContent, t.getBoundingClientRect()]));
		const missing = [];
		for (const a of document.querySelectorAll('table.matrix tbody th a')) {
			const r = labels.get(a.textContent);
			if (!r || r.width === 0 || r.top < box.top || r.bottom > box.bottom || r.left < box.left - 1) missing.push(a.textContent);
		}
		return {members: document.querySelectorAll('table.matrix tbody tr').length, missing: missing};
	})()`
	for _, site := range []struct {
		srv  string
		page string
	}{{demo.URL, "/teams/customer-operations/"}, {wide.URL, "/teams/beacon-billing/"}} {
		b := browsertest.New(t)
		for _, size := range []struct {
			width, height int64
			scheme        string
		}{{1280, 900, "light"}, {1280, 900, "dark"}, {375, 800, "light"}, {375, 800, "dark"}} {
			b.Set(t, browsertest.Viewport(size.width, size.height))
			b.Set(t, browsertest.ColourScheme(size.scheme))
			where := fmt.Sprintf("%s at %d px, %s", site.page, size.width, size.scheme)
			b.Open(t, site.srv+site.page, true)
			got, err := chromedp.Run(b.Context(), chromedp.Evaluate[struct {
				Overlaps, Low []string
				Width         int
			}](chartMeasure))
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range got.Overlaps {
				t.Errorf("%s: labels overlap: %s", where, o)
			}
			for _, l := range got.Low {
				t.Errorf("%s: chart label below 4.5:1: %s", where, l)
			}
			if got.Width > int(size.width) {
				t.Errorf("%s: the page is %d px wide", where, got.Width)
			}
			members, err := chromedp.Run(b.Context(), chromedp.Evaluate[struct {
				Members int
				Missing []string
			}](names))
			if err != nil {
				t.Fatal(err)
			}
			if members.Members < 2 {
				t.Errorf("%s: %d members in the table", where, members.Members)
			}
			for _, m := range members.Missing {
				t.Errorf("%s: %s is not a visible label of the matrix", where, m)
			}
			if size.width == 1280 && size.scheme == "light" {
				sortMatrix(t, b, where)
			}
		}
		b.Check(t, site.srv)
	}
}

// sortMatrix puts the members of the open team page in order of shortfall
// and back by name, as the page came: the table's rows and the chart's rows
// follow, in the same order, with the coverage row last.
func sortMatrix(t *testing.T, b *browsertest.Browser, where string) {
	t.Helper()
	const order = `((sort) => {
		document.querySelector('[data-sort-for] button[data-sort="' + sort + '"]').click();
		const rows = Array.from(document.querySelectorAll('table.matrix tbody tr'));
		const chart = echarts.getInstanceByDom(document.querySelector('.chart'));
		return {
			table: rows.map(r => r.querySelector('th a').textContent),
			short: rows.map(r => +r.getAttribute('data-short')),
			chart: chart.getOption().yAxis[0].data,
		};
	})`
	first, err := chromedp.Run(b.Context(), chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('table.matrix tbody tr th a')).map(a => a.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	for _, sort := range []string{"short", "name"} {
		got, err := chromedp.Run(b.Context(), chromedp.Evaluate[struct {
			Table []string
			Short []int
			Chart []string
		}](order+"('"+sort+"')"))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Chart) != len(got.Table)+1 || strings.Join(got.Chart[:len(got.Table)], "|") != strings.Join(got.Table, "|") || got.Chart[len(got.Table)] != "At or above target" {
			t.Errorf("%s, by %s: the chart's rows %q do not follow the table's %q", where, sort, got.Chart, got.Table)
		}
		switch sort {
		case "short":
			if !slices.IsSortedFunc(got.Short, func(a, b int) int { return b - a }) || got.Short[0] == 0 {
				t.Errorf("%s: by shortfall, the rows' shortfalls are %v", where, got.Short)
			}
		case "name":
			if strings.Join(got.Table, "|") != strings.Join(first, "|") {
				t.Errorf("%s: by name again, the rows are %v, want %v as the page came", where, got.Table, first)
			}
		}
		if sort == "short" {
			sortColumns(t, b, where)
		}
	}
}

// sortColumns puts the columns of the open team page in order of the
// team's shortfall and back as in the framework: the table's header, its
// cells and the chart's columns and cells move together, the members stay
// in their order, and the category bands show only in the framework's
// order.
func sortColumns(t *testing.T, b *browsertest.Browser, where string) {
	t.Helper()
	const order = `((sort) => {
		const names = () => echarts.getInstanceByDom(document.querySelector('.chart')).getOption().xAxis[0].data.map(d => d.value);
		const before = names();
		document.querySelector('[data-sort-columns] button[data-sort="' + sort + '"]').click();
		const option = echarts.getInstanceByDom(document.querySelector('.chart')).getOption();
		const ths = Array.from(document.querySelectorAll('table.matrix thead tr:last-child th[data-i]'));
		const first = document.querySelector('table.matrix tbody tr');
		const firstName = first.querySelector('th a').textContent;
		const y = option.yAxis[0].data.indexOf(firstName);
		const chartCells = [];
		for (const d of option.series[0].data) {
			if (d.value[1] === y) chartCells[d.value[0]] = String(d.value[3]);
		}
		return {
			before: before,
			after: names(),
			places: ths.map(th => +th.getAttribute('data-i')),
			short: ths.map(th => +th.getAttribute('data-short')),
			tableCells: Array.from(first.querySelectorAll('td')).map(td => td.querySelector('.lvl') ? td.querySelector('.lvl').textContent : ''),
			chartCells: Array.from({length: ths.length}, (_, k) => chartCells[k] || ''),
			rows: Array.from(document.querySelectorAll('table.matrix tbody tr th a')).map(a => a.textContent).join('|'),
			chartRows: option.yAxis[0].data.slice(0, -1).join('|'),
			bands: !document.querySelector('table.matrix thead tr').hidden,
		};
	})`
	type columns struct {
		Before, After          []string
		Places, Short          []int
		TableCells, ChartCells []string
		Rows, ChartRows        string
		Bands                  bool
	}
	var framework []string
	for _, sort := range []string{"short", "framework"} {
		got, err := chromedp.Run(b.Context(), chromedp.Evaluate[columns](order+"('"+sort+"')"))
		if err != nil {
			t.Fatal(err)
		}
		if framework == nil {
			framework = got.Before
		}
		for k, i := range got.Places {
			if k >= len(got.After) || i >= len(framework) || got.After[k] != framework[i] {
				t.Errorf("%s, columns by %s: the chart's column %d is %q, the table's is column %d of the framework's order", where, sort, k, got.After[k], i)
				break
			}
		}
		if !slices.Equal(got.TableCells, got.ChartCells) {
			t.Errorf("%s, columns by %s: the first member's cells are %q in the table and %q in the chart", where, sort, got.TableCells, got.ChartCells)
		}
		if got.Rows != got.ChartRows {
			t.Errorf("%s, columns by %s: the members' order changed: %s, chart %s", where, sort, got.Rows, got.ChartRows)
		}
		switch sort {
		case "short":
			if !slices.IsSortedFunc(got.Short, func(a, b int) int { return b - a }) || got.Short[0] == 0 || got.Bands {
				t.Errorf("%s: by the team's shortfall, the columns' shortfalls are %v, bands shown %v", where, got.Short, got.Bands)
			}
		case "framework":
			if !slices.IsSorted(got.Places) || !got.Bands {
				t.Errorf("%s: in the framework's order again, the columns are %v, bands shown %v", where, got.Places, got.Bands)
			}
		}
	}
}

package render

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"

	"portal/builder/content"
	"portal/builder/model"
	"portal/builder/seal"
	"portal/charts"
)

// Page is what a layout renders: one output HTML file and the part of the site
// it shows. Layouts reach the site through .Site and link with .Rel and .Asset
// so that every URL is relative to the page.
type Page struct {
	site        *model.Site
	Kind        string // home, framework, competency, roles, role, teams, team, people, person, articles, article, 404
	Title       string
	Description string
	URL         string // relative to the site root: "" for home, "people/ana/"
	Permalink   string // absolute, from baseURL; "" when the site has none

	category   *model.Category
	competency *model.Competency
	role       *model.Role
	team       *model.Team
	person     *model.Person
	article    *model.Article

	Charts map[string]*Chart

	// The people list is split into pages of PeoplePerPage: people/,
	// people/page/2/ and so on. people is this page's share, in name order.
	people []*model.Person
	Pager  *Pager

	// sealFor, on a site published private, are who may read the page:
	// the page is sealed for them (see private.go). nil on a public page.
	sealFor []seal.Audience
	// clear says to write a page sealed for someone in the clear, marked
	// as private: the preview shows it so to the author.
	clear bool

	// rec collects the keys of the model the page reads, when the build
	// keeps them (see views.go).
	rec      *recorder
	root     string // prefix from this page back to the site root
	theme    *Theme
	badges   *levelBadges
	history  *history          // of a person page, once worked out
	trend    *[]model.Progress // of a team page, once worked out
	insights *insights         // of the insights page, once worked out
	used     []string          // the static files it links with .Asset
	partials *partialCache     // of the render pass; nil renders every call
	// partialDepth counts the calls of partialCached under way.
	partialDepth int
}

// Chart is one chart on a page: its element id and its ECharts options.
type Chart struct {
	ID    string
	Title string
	// Options is JSON in which <, > and & are escaped, as package charts
	// writes it: it can be written into a <script type="application/json">
	// element as it is, with no second encoding.
	Options template.JS
	// MinWidth, when set, is the width in pixels below which the chart
	// scrolls inside its box instead of squeezing its cells.
	MinWidth int
	// Height, when set, is the chart's height in pixels, which grows with
	// its rows.
	Height int
	// Key names the categories whose colours the chart's labels are drawn
	// in, when there are several.
	Key []KeyItem
	// Note says what the chart shows at first, where that is not all.
	Note string
	// Rows are how many rows it draws, where it draws some of its table's.
	Rows int
	// Statuses, on a skills matrix, asks for the key of its cells' colours.
	Statuses bool
	// Narrow, when set, are the options of the same data as a chart that
	// reads on a phone, where a radar's names have no room, drawn
	// NarrowHeight pixels tall.
	Narrow       template.JS
	NarrowHeight int
}

// KeyItem is one category in a chart's key, and the class of its colour.
type KeyItem struct {
	Name, Class string
}

// Rel returns the link from this page to u, a URL relative to the site root
// such as "people/ana/" or "css/portal.css".
func (p *Page) Rel(u string) string {
	if u == "" {
		if p.root == "" {
			return "./"
		}
		return p.root
	}
	return p.root + u
}

// Asset returns the link to a static file under a name that holds a hash
// of its content ("css/portal.5f7ea9a0.css"), which the build writes beside
// the plain one: browsers and hosts can cache it for ever and still see a
// change at once, since a change makes a new name.
func (p *Page) Asset(name string) (string, error) {
	fp, ok := p.theme.assets[name]
	if !ok {
		return "", fmt.Errorf("asset %q: no such file in static/", name)
	}
	if !slices.Contains(p.used, name) {
		p.used = append(p.used, name)
	}
	return p.Rel(fp), nil
}

// Badge is the HTML of a level of the scale: its number in a coloured box,
// then its name.
func (p *Page) Badge(level int) template.HTML {
	p.rec.add(model.KSite, model.PScale, "")
	return p.badges.of(level, true)
}

// Number is the HTML of a level of the scale without its name: its number
// in a coloured box, the name in its title.
func (p *Page) Number(level int) template.HTML {
	p.rec.add(model.KSite, model.PScale, "")
	return p.badges.number(level)
}

// CellBadge is the HTML of a level in a cell of a skills matrix: its number
// in a coloured box, marked when it is below the member's target.
func (p *Page) CellBadge(c CellView) template.HTML {
	if !c.Rated {
		return ""
	}
	return cellHTML(c.Current, c.Below)
}

// levelBadges are the badges of a scale's levels, by level less lo. A page
// shows dozens of them, made once per site rather than in a template.
type levelBadges struct {
	lo      int
	html    []template.HTML // number and name
	numbers []template.HTML // number alone
}

func newLevelBadges(scale []model.Level) *levelBadges {
	if len(scale) == 0 {
		return &levelBadges{}
	}
	lo, hi := scale[0].Level, scale[0].Level
	for _, lv := range scale {
		lo, hi = min(lo, lv.Level), max(hi, lv.Level)
	}
	b := &levelBadges{lo: lo, html: make([]template.HTML, hi-lo+1), numbers: make([]template.HTML, hi-lo+1)}
	for _, lv := range scale {
		number := fmt.Sprintf(`<span class="lvl lvl-%d" title="%s">%d</span>`, lv.Level, escapeText(lv.Name), lv.Level)
		b.numbers[lv.Level-lo] = template.HTML(number)
		b.html[lv.Level-lo] = template.HTML(fmt.Sprintf(`<span class="lvl lvl-%d">%d</span> %s`, lv.Level, lv.Level, escapeText(lv.Name)))
	}
	return b
}

// number is the badge of level without its name, or "" when the level is
// not on the scale.
func (b *levelBadges) number(level int) template.HTML {
	if b == nil || level < b.lo || level-b.lo >= len(b.numbers) {
		return ""
	}
	return b.numbers[level-b.lo]
}

// of is the badge of level, or "" when ok is false or the level is not on
// the scale.
func (b *levelBadges) of(level int, ok bool) template.HTML {
	if !ok || b == nil || level < b.lo || level-b.lo >= len(b.html) {
		return ""
	}
	return b.html[level-b.lo]
}

// Chart returns the named chart of the page, or nil when the page has none.
func (p *Page) Chart(name string) *Chart { return p.Charts[name] }

var funcs = template.FuncMap{
	"add":     func(a, b int) int { return a + b },
	"sub":     func(a, b int) int { return a - b },
	"decimal": decimal,
	"diff":    func(a, b float64) float64 { return a - b },
	"date":    func(t time.Time) string { return t.Format("2 January 2006") },
	"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
	// readingTime is the minutes an article takes at 200 words a minute.
	"readingTime": func(words int) int { return max(1, (words+100)/200) },
	"plural":      plural,
	// list makes a list of its arguments, to pass several to a template.
	"list": func(v ...any) []any { return v },
	// partialCached is bound to each layout's own templates; see
	// partialCached.
	"partialCached": func(string, *Page, ...any) (template.HTML, error) {
		return "", errors.New("partialCached is not bound to the layouts")
	},
}

// plural is n and the noun for n: "1 person", "3 people".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// partialCache holds what partialCached rendered in one render pass, by
// template name and keys.
type partialCache struct {
	mu   sync.Mutex
	done map[string]cachedPartial
}

type cachedPartial struct {
	html   template.HTML
	assets []string    // the static files it linked, added to each page using it
	keys   []model.Key // the keys it read, added likewise
}

// partialCached returns the function partialCached of the layouts of t:
//
//	{{partialCached "header" . .Kind (.Rel "")}}
//
// renders the template "header" with the page as data, like {{template
// "header" .}}, but only once per render pass for each distinct list of
// keys: later calls with the same keys get the same HTML. The keys must
// name everything the template's output depends on besides the site and
// whether the page is public; .Rel "" stands for the page's depth, on which
// its links depend. It is meant for
// the parts every page repeats, such as the header and footer: a large site
// has tens of thousands of pages, and these parts were a quarter of the
// time of a person page. The output is HTML for a text context. A partial
// that comes from another layer than baseof.html (a site's own header under
// its theme's skeleton) is rendered on every call: the keys were chosen for
// the partial the skeleton came with.
func partialCached(t *template.Template, uncached map[string]bool) func(name string, p *Page, keys ...any) (template.HTML, error) {
	return func(name string, p *Page, keys ...any) (template.HTML, error) {
		c := p.partials
		if uncached[name] {
			c = nil
		}
		var key string
		if c != nil {
			// A page that may show individuals has its own: what a public
			// page shows of the same partial leaves them out.
			key = partialKey(name, !p.rec.hidesPeople(), keys)
			c.mu.Lock()
			hit, ok := c.done[key]
			c.mu.Unlock()
			if ok {
				for _, a := range hit.assets {
					if !slices.Contains(p.used, a) {
						p.used = append(p.used, a)
					}
				}
				if p.rec != nil && p.rec.on {
					p.rec.keys = append(p.rec.keys, hit.keys...)
				}
				return hit.html, nil
			}
		}
		// Each call is an execution of its own, which html/template's
		// limit on nested templates does not see: a partial that calls
		// itself would run out of stack.
		if p.partialDepth >= maxPartialDepth {
			return "", fmt.Errorf("partialCached %q: partials nested more than %d deep; does it call itself?", name, maxPartialDepth)
		}
		p.partialDepth++
		defer func() { p.partialDepth-- }()
		before, recorded := len(p.used), 0
		if p.rec != nil && p.rec.on {
			recorded = len(p.rec.keys)
		}
		var buf strings.Builder
		if err := t.ExecuteTemplate(&buf, name, p); err != nil {
			return "", err
		}
		out := cachedPartial{html: template.HTML(buf.String()), assets: slices.Clone(p.used[before:])}
		if p.rec != nil && p.rec.on {
			out.keys = slices.Clone(p.rec.keys[recorded:])
		}
		if c != nil {
			c.mu.Lock()
			if c.done == nil {
				c.done = map[string]cachedPartial{}
			}
			c.done[key] = out
			c.mu.Unlock()
		}
		return out.html, nil
	}
}

// maxPartialDepth is how deep calls of partialCached may nest.
const maxPartialDepth = 32

// partialKey is the key of a cached partial: its name, whether the page may
// show individuals, and keys, each with its type, so that "1" and 1 differ.
func partialKey(name string, people bool, keys []any) string {
	b := make([]byte, 0, 64)
	b = append(b, name...)
	if people {
		b = append(b, "\x00people"...)
	}
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			b = append(b, "\x00s\x00"...)
			b = append(b, k...)
		case bool:
			b = append(b, "\x00b\x00"...)
			b = strconv.AppendBool(b, k)
		case int:
			b = append(b, "\x00i\x00"...)
			b = strconv.AppendInt(b, int64(k), 10)
		default:
			b = fmt.Appendf(b, "\x00%T\x00%v", k, k)
		}
	}
	return string(b)
}

// layoutNames are the page layouts, one per kind of page.
var layoutNames = []string{"home", "framework", "competency", "roles", "role", "teams", "team", "people", "person", "articles", "article", "404"}

// optionalLayouts are the layouts of kinds of page a theme may leave out:
// those added after themes were written to the others. A site whose theme
// has no such layout has no such page, and builds as it did.
var optionalLayouts = []string{"category", "insights"}

// templates parses baseof.html and partials/*.html with each page layout.
func parseTemplates(ls layers, origin []string) (map[string]*template.Template, content.Diagnostics) {
	var r content.Report
	layouts := ls.sub("layouts")
	src := func(name string) string {
		for i, l := range ls {
			if _, err := fs.Stat(l, "layouts/"+name); err == nil {
				return origin[i] + "layouts/" + name
			}
		}
		return "layouts/" + name
	}
	readInto := func(t *template.Template, name string) *template.Template {
		data, err := fs.ReadFile(layouts, name)
		if err != nil {
			r.Errorf(src(name), content.Pos{}, "missing layout: %v", err)
			return nil
		}
		nt, err := t.New(name).Parse(string(data))
		if err != nil {
			d := templateError(err, src)
			r.List = append(r.List, d)
			return nil
		}
		return nt
	}
	base := template.New("").Funcs(funcs)
	if readInto(base, "baseof.html") == nil {
		return nil, r.List
	}
	files, err := layouts.files()
	if err != nil {
		r.Errorf("layouts", content.Pos{}, "%v", err)
	}
	// A partial from another layer than baseof.html is not cached: a site
	// that overrides the header of a theme whose skeleton caches it may
	// show something of the page there, which the theme's keys do not name.
	layer := func(name string) int {
		for i, l := range ls {
			if _, err := fs.Stat(l, "layouts/"+name); err == nil {
				return i
			}
		}
		return -1
	}
	uncached := map[string]bool{}
	for _, f := range files {
		if strings.HasPrefix(f, "partials/") && strings.HasSuffix(f, ".html") {
			if readInto(base, f) == nil {
				continue
			}
			other := layer(f) != layer("baseof.html")
			uncached[f] = other
			data, _ := fs.ReadFile(layouts, f)
			if defined, err := template.New(f).Funcs(funcs).Parse(string(data)); err == nil {
				for _, t := range defined.Templates() {
					uncached[t.Name()] = other
				}
			}
		}
	}
	out := map[string]*template.Template{}
	names := slices.Clone(layoutNames)
	for _, name := range optionalLayouts {
		if layer(name+".html") >= 0 {
			names = append(names, name)
		}
	}
	for _, name := range names {
		t, err := base.Clone()
		if err != nil {
			r.Errorf(src(name+".html"), content.Pos{}, "%v", err)
			continue
		}
		if readInto(t, name+".html") != nil {
			out[name] = t.Funcs(template.FuncMap{"partialCached": partialCached(t, uncached)})
		}
	}
	return out, r.List
}

var templateErrorPattern = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// templateError turns an html/template error into a Diagnostic at the layout
// file and line it names.
func templateError(err error, src func(string) string) content.Diagnostic {
	// A template that failed inside partialCached is the one to show, not
	// the layout that called it.
	for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
		if _, ok := e.(texttemplate.ExecError); ok {
			err = e
		}
	}
	msg := err.Error()
	m := templateErrorPattern.FindStringSubmatch(msg)
	if m == nil {
		return content.Diagnostic{Path: "layouts", Msg: msg}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return content.Diagnostic{Path: src(m[1]), Line: line, Col: max(col, 1), Msg: m[4]}
}

// fingerprint names each static file by a hash of its content, before its
// last extension: css/portal.css becomes css/portal.5f7ea9a0.css.
func fingerprint(static map[string][]byte) map[string]string {
	assets := make(map[string]string, len(static))
	for f, data := range static {
		sum := sha256.Sum256(data)
		h := hex.EncodeToString(sum[:4])
		dir, base := path.Split(f)
		if i := strings.LastIndexByte(base, '.'); i > 0 {
			assets[f] = dir + base[:i] + "." + h + base[i:]
		} else {
			assets[f] = f + "." + h
		}
	}
	return assets
}

// pages lists every HTML page of the site with its data.
func pagesOf(s *model.Site, th *Theme) []*Page {
	// One array for all of them: a large site has tens of thousands, and
	// the preview makes them after every edit.
	n := 7 + len(s.Categories) + len(s.Competencies) + len(s.Roles) + len(s.Teams) + len(s.People)/PeoplePerPage + 1 + len(s.People) + len(s.Articles)
	all := make([]Page, 0, n)
	ps := make([]*Page, 0, n)
	badges := newLevelBadges(s.Scale)
	add := func(kind, title, u string, set func(p *Page)) {
		if len(all) == cap(all) {
			all = make([]Page, 0, 16)
		}
		all = append(all, Page{site: s, Kind: kind, Title: title, URL: u, theme: th, badges: badges})
		p := &all[len(all)-1]
		if set != nil {
			set(p)
		}
		p.fill()
		ps = append(ps, p)
	}
	add("home", "", model.HomeURL, nil)
	add("framework", "Competency framework", model.FrameworkURL, nil)
	if th.has("category") {
		for _, c := range s.Categories {
			add("category", "", model.CategoryPageURL(c.ID), func(p *Page) { p.category = c })
		}
	}
	for _, c := range s.Competencies {
		add("competency", "", model.CompetencyURL(c.ID), func(p *Page) { p.competency = c })
	}
	add("roles", "Roles", model.RolesURL, nil)
	for _, r := range s.Roles {
		add("role", "", model.RoleURL(r.ID), func(p *Page) { p.role = r })
	}
	add("teams", "Teams", model.TeamsURL, nil)
	for _, t := range s.Teams {
		add("team", "", model.TeamURL(t.ID), func(p *Page) { p.team = t })
	}
	// A site published private has the pages that show individuals under
	// opaque names, sealed for who may read them; a site published
	// aggregate has none. What their public pages show of people is in
	// the pages of teams, roles and competencies, as counts.
	private := s.Config.Privacy.Private()
	if private {
		for _, t := range s.Teams {
			add("team", "", s.TeamMembersURL(t.ID), func(p *Page) {
				p.team, p.sealFor = t, []seal.Audience{seal.Team(t.ID), seal.LnD()}
			})
		}
	}
	people, listed := s.People, !s.Config.Privacy.Public() || private
	if !listed {
		people = nil
	}
	for i, n := 0, 1; listed && (i == 0 || i < len(people)); i, n = i+PeoplePerPage, n+1 {
		people := people[i:min(i+PeoplePerPage, len(people))]
		title := "People"
		if n > 1 {
			title = fmt.Sprintf("People, page %d", n)
		}
		add("people", title, s.PeoplePageURL(n), func(p *Page) {
			p.people = people
			if private {
				p.sealFor = []seal.Audience{seal.LnD()}
			}
		})
	}
	for _, person := range people {
		add("person", "", s.PersonURL(person.ID), func(p *Page) { p.person = person })
	}
	if th.has("insights") {
		add("insights", "Insights", model.InsightsURL, nil)
		if private {
			add("insights", "Insights", s.InsightsURL(), func(p *Page) { p.sealFor = []seal.Audience{seal.LnD()} })
		}
	}
	add("articles", "Learning articles", model.ArticlesURL, nil)
	for _, a := range s.Articles {
		add("article", "", model.ArticleURL(a.ID), func(p *Page) { p.article = a })
	}
	add("404", "Page not found", model.NotFoundURL, nil)
	pagePeople(s, ps)
	roots := []string{"", "../", "../../", "../../../"}
	for _, p := range ps {
		if depth := strings.Count(p.URL, "/"); depth < len(roots) {
			p.root = roots[depth]
		} else {
			p.root = strings.Repeat("../", depth)
		}
		p.Permalink = permalink(s, p.URL)
		if p.Kind == "404" {
			p.root, p.Permalink = basePath(s), ""
		}
	}
	return ps
}

// fill sets the title and description of a page that shows one thing of the
// model (or the home page) from it.
func (p *Page) fill() {
	switch {
	case p.Kind == "home":
		p.Title, p.Description = p.site.Config.Title, p.site.Config.Description
	case p.category != nil:
		p.Title, p.Description = p.category.Title, p.category.Summary
	case p.competency != nil:
		p.Title, p.Description = p.competency.Title, p.competency.Summary
	case p.role != nil:
		p.Title, p.Description = p.role.Title, p.role.Summary
	case p.team != nil:
		p.Title, p.Description = p.team.Name, p.team.Description
		if p.sealFor != nil {
			p.Description = "" // its page's head is published as it is
		}
	case p.person != nil:
		p.Title = p.person.Name
		if p.site.Config.Privacy.Private() {
			// Who reads it follows the person's team, which an edit in
			// place may change.
			p.sealFor = personAudiences(p.person)
		}
	case p.article != nil:
		p.Title, p.Description = p.article.Title, p.article.Summary
	}
}

// permalink is the absolute URL of a page, or its path from the host root
// when the site has no baseURL.
func permalink(s *model.Site, u string) string {
	if s.Config.BaseURL == "" {
		return "/" + u
	}
	return s.Config.BaseURL + u
}

// basePath is the path part of baseURL ("/" without one). The 404 page is
// served at any depth, so it links from the site root rather than relatively.
func basePath(s *model.Site) string {
	if s.Config.BaseURL == "" {
		return "/"
	}
	i := strings.Index(s.Config.BaseURL, "://")
	rest := s.Config.BaseURL[i+3:]
	if j := strings.Index(rest, "/"); j >= 0 {
		return rest[j:]
	}
	return "/"
}

// addCharts builds the options of a page's charts.
func (p *Page) addCharts() {
	s := p.site
	r := p.rec
	scale := charts.Scale{Min: s.Scale[0].Level, Max: s.MaxLevel()}
	for _, l := range s.Scale {
		scale.Names = append(scale.Names, l.Name)
	}
	var id, title string
	var options string
	switch p.Kind {
	case "person":
		person := p.person
		r.add(model.KPerson, model.PStandings, person.ID)
		if person.Role != nil {
			r.add(model.KRole, model.PTargets, person.Role.ID)
		}
		n := len(person.Standings)
		if n == 0 {
			return
		}
		// Every competency with a target or a level, in the table's order.
		rows := inOrder(n)
		radar := radarFits(n)
		if !radar {
			// A dot plot lists the largest gaps first, then the others in
			// the table's order.
			slices.SortStableFunc(rows, func(a, b int) int {
				return cmp.Compare(person.Standings[b].Short, person.Standings[a].Short)
			})
		}
		axes := make([]charts.Axis, n)
		current, target, previous := make([]*int, n), make([]*int, n), make([]*int, n)
		hasPrevious := false
		key := p.keyFor(n, func(i int) *model.Competency { return person.Standings[rows[i]].Competency }, axes)
		for i, k := range rows {
			// The levels are pointed at where they are, rather than copied.
			st := &person.Standings[k]
			current[i] = levelAt(&st.Current, st.HasCurrent)
			target[i] = levelAt(&st.Target, st.HasTarget)
			previous[i] = levelAt(&st.Previous, st.HasPrevious)
			hasPrevious = hasPrevious || st.HasPrevious
		}
		series := []charts.Series{{Name: "Current", Values: current}, {Name: "Role target", Values: target, Dashed: true, Tick: true}}
		if hasPrevious {
			series = append(series, charts.Series{Name: "Previous", Values: previous, Dashed: true})
		}
		chart := &Chart{Key: key}
		if radar {
			chart.ID, chart.Title = "chart-person-"+person.ID+"-radar", person.Name+": current levels against role targets"
			chart.Options = template.JS(charts.Radar(chart.Title, axes, scale, series))
			// Largest gap first, as a dot plot lists them.
			order := inOrder(n)
			slices.SortStableFunc(order, func(a, b int) int {
				return cmp.Compare(person.Standings[rows[b]].Short, person.Standings[rows[a]].Short)
			})
			chart.Narrow, chart.NarrowHeight = narrowDots(person.Name+": current levels against role targets, largest gaps first", order, axes, series, scale)
		} else {
			chart.ID, chart.Title = "chart-person-"+person.ID+"-levels", person.Name+": current levels against role targets, largest gaps first"
			chart.Options = template.JS(charts.DotPlot(chart.Title, axes, scale, series))
			chart.Height = charts.DotPlotHeight(n)
		}
		r.add(model.KSite, model.PScale, "")
		p.Charts = map[string]*Chart{"main": chart}
		p.addHistory(scale)
		return
	case "role":
		r.add(model.KRole, model.PTargets, p.role.ID)
		n := len(p.role.Targets)
		if n == 0 {
			return
		}
		axes := make([]charts.Axis, n)
		target := make([]*int, n)
		key := p.keyFor(n, func(i int) *model.Competency { return p.role.Targets[i].Competency }, axes)
		for i := range p.role.Targets {
			target[i] = &p.role.Targets[i].Level
		}
		series := []charts.Series{{Name: "Target", Values: target}}
		chart := &Chart{Key: key}
		if radarFits(n) {
			chart.ID, chart.Title = "chart-role-"+p.role.ID+"-radar", p.role.Title+": target levels"
			chart.Options = template.JS(charts.Radar(chart.Title, axes, scale, series))
			chart.Narrow, chart.NarrowHeight = narrowDots(chart.Title, inOrder(n), axes, series, scale)
		} else {
			chart.ID, chart.Title = "chart-role-"+p.role.ID+"-levels", p.role.Title+": target levels"
			chart.Options = template.JS(charts.DotPlot(chart.Title, axes, scale, series))
			chart.Height = charts.DotPlotHeight(n)
		}
		r.add(model.KSite, model.PScale, "")
		p.Charts = map[string]*Chart{"main": chart}
		return
	case "team":
		t := p.team
		r.add(model.KTeam, model.PMembers, t.ID)
		r.add(model.KTeam, model.PMatrix, t.ID)
		p.addTeamTrend()
		if len(t.Members) == 0 || len(t.Competencies) == 0 || r.hidesPeople() {
			return // a public page shows the team's levels as counts only
		}
		r.add(model.KSite, model.PCompetencies, "")
		n := len(t.Competencies)
		columns := make([]charts.Axis, n)
		key := p.keyFor(n, func(j int) *model.Competency { return t.Competencies[j] }, columns)
		col := t.Columns(len(s.Competencies))
		rows := make([]string, 0, len(t.Members)+1)
		cells := make([][]charts.Cell, len(t.Members)+1)
		for i, m := range t.Members {
			r.add(model.KPerson, model.PName, m.ID)
			r.add(model.KPerson, model.PStandings, m.ID)
			rows = append(rows, m.Name)
			cells[i] = make([]charts.Cell, n)
			for _, st := range m.Standings {
				if !st.HasCurrent {
					continue
				}
				c := &cells[i][col[st.Competency.Rank]]
				c.Text = strconv.Itoa(st.Current)
				switch {
				case !st.HasTarget:
					c.Status = charts.NoTarget
				case st.Current < st.Target:
					c.Status = charts.Below
				case st.Current == st.Target:
					c.Status = charts.AtTarget
				default:
					c.Status = charts.Above
				}
			}
		}
		rows = append(rows, "At or above target")
		cover := make([]charts.Cell, n)
		for j, ts := range t.Summary {
			if ts.Targeted == 0 {
				continue
			}
			cover[j] = charts.Cell{Text: strconv.Itoa(ts.Met), Status: charts.Several}
			switch ts.Met {
			case 0:
				cover[j].Status = charts.Nobody
			case 1:
				cover[j].Status = charts.OnlyOne
			}
		}
		cells[len(t.Members)] = cover
		title := t.Name + ": skills matrix"
		chart := &Chart{
			ID: "chart-team-" + t.ID + "-matrix", Title: title, Key: key, Statuses: true,
			Options:  template.JS(charts.Matrix(title, rows, columns, cells)),
			MinWidth: charts.MatrixWidth(n), Height: charts.MatrixHeight(len(rows)),
		}
		r.add(model.KSite, model.PScale, "")
		p.chart("main", chart)
		return
	case "insights":
		p.addInsightCharts()
		return
	case "competency":
		c := p.competency
		r.add(model.KCompetency, model.PStats, c.ID)
		r.add(model.KSite, model.PConfig, "")
		if c.Rated == 0 || r.hidesPeople() && s.Config.Privacy.Hidden(c.Rated) {
			return
		}
		id, title = "competency-"+c.ID+"-levels", c.Title+": people at each level"
		options = charts.Distribution(title, scale.Names, c.Distribution)
	default:
		return
	}
	r.add(model.KSite, model.PScale, "")
	chart := &Chart{ID: "chart-" + id, Title: title, Options: template.JS(options)}
	p.Charts = map[string]*Chart{"main": chart}
	return
}

// chart adds a chart to the page under name.
func (p *Page) chart(name string, c *Chart) {
	if p.Charts == nil {
		p.Charts = map[string]*Chart{}
	}
	p.Charts[name] = c
}

// teamTrend is the team's progress over the manager reviews that rated its
// members, or nil where the page may not show it (a public page of a team
// smaller than min_group) or there are fewer than two reviews or no target.
func (p *Page) teamTrend() []model.Progress {
	if p.trend == nil {
		trend := p.workOutTrend()
		p.trend = &trend
	}
	return *p.trend
}

// workOutTrend works out teamTrend.
func (p *Page) workOutTrend() []model.Progress {
	t := p.team
	p.rec.add(model.KTeam, model.PMembers, t.ID)
	p.rec.add(model.KSite, model.PConfig, "")
	if p.rec.hidesPeople() && p.site.Config.Privacy.Hidden(len(t.Members)) {
		return nil
	}
	for _, m := range t.Members {
		p.rec.add(model.KPerson, model.PStandings, m.ID)
		p.rec.add(model.KPerson, model.POwn, m.ID) // the role
		if m.Role != nil {
			p.rec.add(model.KRole, model.PTargets, m.Role.ID)
		}
	}
	timeline := model.TeamTimeline(t)
	if len(timeline) < 2 {
		return nil
	}
	progress := model.TeamProgress(t, timeline)
	if progress[len(progress)-1].Targets == 0 {
		return nil
	}
	for _, pr := range progress {
		p.rec.add(model.KCycle, model.POwn, pr.Cycle.ID)
	}
	return progress
}

// addTeamTrend adds the chart of the share of the team's targets met after
// each manager review.
func (p *Page) addTeamTrend() {
	progress := p.teamTrend()
	if progress == nil {
		return
	}
	xs := make([]string, len(progress))
	share := make([]int, len(progress))
	values := make([]*int, len(progress))
	for i, pr := range progress {
		xs[i] = pr.Cycle.Title
		share[i] = pr.Share()
		values[i] = &share[i]
	}
	title := p.team.Name + ": share of the members' targets met"
	p.chart("trend", &Chart{
		ID: "chart-team-" + p.team.ID + "-trend", Title: title, Height: 260,
		Options: template.JS(charts.Lines(title, xs, charts.Range{Name: "% of targets", Min: 0, Max: 100}, charts.Palette,
			[]charts.Series{{Name: "Targets met", Values: values}})),
	})
}

// TeamTrendRows is the content of the table of the team's progress: a row
// per manager review with the targets met, those not rated yet and the
// share met.
func (p *Page) TeamTrendRows() template.HTML {
	if p.team == nil {
		return ""
	}
	var b strings.Builder
	for _, pr := range p.teamTrend() {
		progressRow(&b, pr)
	}
	return template.HTML(b.String())
}

// LineColours are the colours of the lines of a person's levels over time:
// Okabe and Ito's, which stay apart in colour-blind vision, with grey for
// their black so that a line shows on a dark page too, and wine for their
// yellow, which does not show on a light one.
var LineColours = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#882255", "#999999"}

// shownLines is how many competencies a chart of levels over time draws at
// first; the legend picks the others.
const shownLines = 8

// history is a person's levels over their timeline, worked out once for
// the charts and the table of a page.
type history struct {
	timeline []*model.Cycle
	// levels[i] are the levels of the person's i-th standing in each
	// cycle of the timeline (nil where none), or nil when the timeline
	// rated it in none.
	levels  [][]*int
	changed []bool
	// progress is the person's progress over the timeline, nil without a
	// role or targets.
	progress []model.Progress
}

// personHistory returns the history of the page's person.
func (p *Page) personHistory() *history {
	if p.history != nil {
		return p.history
	}
	person := p.person
	h := &history{timeline: person.Timeline()}
	n, m := len(person.Standings), len(h.timeline)
	h.levels, h.changed = make([][]*int, n), make([]bool, n)
	cells := make([]*int, n*m)
	for i := range person.Standings {
		st := &person.Standings[i]
		if len(st.History) == 0 {
			continue
		}
		row := cells[i*m : (i+1)*m : (i+1)*m]
		st.LevelsInto(h.timeline, row)
		var first *int
		for _, l := range row {
			switch {
			case l == nil:
			case first == nil:
				first = l
			case *l != *first:
				h.changed[i] = true
			}
		}
		if first != nil {
			h.levels[i] = row
		}
	}
	h.progress = person.ProgressOver(h.timeline)
	p.history = h
	return h
}

// addHistory adds the charts of a person's levels over the cycles of their
// timeline, when there are two or more: the share of the role's targets
// met after each, and each competency's level.
func (p *Page) addHistory(scale charts.Scale) {
	person := p.person
	h := p.personHistory()
	timeline := h.timeline
	if len(timeline) < 2 {
		return
	}
	xs := make([]string, len(timeline))
	for i, c := range timeline {
		p.rec.add(model.KCycle, model.POwn, c.ID)
		xs[i] = c.Title
	}
	if progress := h.progress; progress != nil {
		share := make([]int, len(progress))
		values := make([]*int, len(progress))
		for i, pr := range progress {
			share[i] = pr.Share()
			values[i] = &share[i]
		}
		title := person.Name + ": share of the role's targets met"
		p.Charts["met"] = &Chart{
			ID: "chart-person-" + person.ID + "-met", Title: title, Height: 260,
			Options: template.JS(charts.Lines(title, xs, charts.Range{Name: "% of targets", Min: 0, Max: 100}, charts.Palette,
				[]charts.Series{{Name: "Targets met", Values: values}})),
		}
	}
	var series []charts.Series
	changed, shown := 0, 0
	for i := range person.Standings {
		levels := h.levels[i]
		if levels == nil {
			continue
		}
		s := charts.Series{Name: p.label(person.Standings[i].Competency), Values: levels, Hidden: true}
		if h.changed[i] {
			changed++
			if shown < shownLines {
				s.Hidden = false
				shown++
			}
		}
		series = append(series, s)
	}
	if len(series) == 0 {
		return
	}
	// The lines drawn come first, in the legend and in the palette.
	slices.SortStableFunc(series, func(a, b charts.Series) int {
		return cmp.Compare(b2i(a.Hidden), b2i(b.Hidden))
	})
	var note string
	switch {
	case changed == 0:
		// Nothing moved: the first few, in the table's order.
		shown = min(5, len(series))
		for i := range series[:shown] { // all hidden, still in the table's order
			series[i].Hidden = false
		}
		note = "No level has changed over these cycles."
		if shown < len(series) {
			note += " The chart shows the first " + plural(shown, "competency", "competencies") + "; pick others in its legend."
		}
	case changed == len(series) && shown == changed:
		note = "Every competency here changed level over these cycles."
	case changed == 1:
		note = "The chart shows the one competency whose level changed; pick others in its legend."
	case shown == changed:
		note = "The chart shows the " + strconv.Itoa(changed) + " competencies whose level changed; pick others in its legend."
	default:
		note = "The chart shows the first " + strconv.Itoa(shown) + " of the " + strconv.Itoa(changed) + " competencies whose level changed; pick others in its legend."
	}
	title := person.Name + ": levels in each cycle"
	p.Charts["history"] = &Chart{
		ID: "chart-person-" + person.ID + "-history", Title: title, Height: 360, Note: note,
		Options: template.JS(charts.Lines(title, xs, charts.Range{Name: "level", Min: scale.Min, Max: scale.Max}, LineColours, series)),
	}
}

// narrowDots is a radar as the dot plot a phone shows instead, titled
// title: its rows are the radar's axes in the order order gives.
func narrowDots(title string, order []int, axes []charts.Axis, series []charts.Series, scale charts.Scale) (template.JS, int) {
	sortedAxes := make([]charts.Axis, len(order))
	for i, k := range order {
		sortedAxes[i] = axes[k]
	}
	sorted := make([]charts.Series, len(series))
	for j, s := range series {
		sorted[j] = s
		sorted[j].Values = make([]*int, len(order))
		for i, k := range order {
			sorted[j].Values[i] = s.Values[k]
		}
	}
	return template.JS(charts.DotPlot(title, sortedAxes, scale, sorted)), charts.DotPlotHeight(len(order))
}

// inOrder is 0 to n-1.
func inOrder(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// StatusKey is the key of the colours of a skills matrix's cells, with the
// class of each.
func (c *Chart) StatusKey() []KeyItem {
	out := make([]KeyItem, len(charts.StatusNames))
	for i, name := range charts.StatusNames {
		out[i] = KeyItem{Name: name, Class: "mx-" + strconv.Itoa(i)}
	}
	return out
}

// radarFits tells whether n competencies make a readable radar: with fewer
// than 5 it is a bare shape, with more than 16 its labels collide. Other
// sizes get a dot plot.
func radarFits(n int) bool { return n >= 5 && n <= 16 }

// keyFor fills in the n axes of a chart, at(i) being the competency of the
// i-th, labelled as the chart shows it and, where they belong to more than
// one category, coloured by category. It returns the key of those colours,
// in order of first appearance.
func (p *Page) keyFor(n int, at func(int) *model.Competency, axes []charts.Axis) []KeyItem {
	var first *model.Category
	several := false
	for i := range n {
		c := at(i)
		p.rec.add(model.KCompetency, model.POwn, c.ID)
		axes[i].Name = p.label(c)
		if i == 0 {
			first = c.Category
		} else if c.Category != first {
			several = true
		}
	}
	if !several {
		return nil
	}
	p.rec.add(model.KSite, model.PCategories, "")
	// Colours go to categories in the order they first appear, so that up
	// to eight categories on one chart each have their own.
	var key []KeyItem
	var seen []*model.Category
	for i := range n {
		c := at(i).Category
		if c == nil {
			continue
		}
		k := slices.Index(seen, c)
		if k < 0 {
			k = len(seen)
			p.rec.add(model.KCategory, model.POwn, c.ID)
			seen = append(seen, c)
			key = append(key, KeyItem{Name: c.Title, Class: "cat-" + strconv.Itoa(k%len(charts.CategoryColours))})
		}
		axes[i].Colour = charts.CategoryColours[k%len(charts.CategoryColours)]
	}
	return key
}

// label is a competency's title as a chart shows it, with its category's
// where another competency has the same title.
func (p *Page) label(c *model.Competency) string {
	if c.Shared && c.Category != nil {
		p.rec.add(model.KCategory, model.POwn, c.Category.ID)
	}
	return c.Label()
}

func levelAt(n *int, ok bool) *int {
	if !ok {
		return nil
	}
	return n
}

// renderPage executes a page's layout into buf.
func renderPage(t *template.Template, p *Page, buf *bytes.Buffer) error {
	return t.ExecuteTemplate(buf, "baseof.html", p)
}

// PageFile is the file a page URL is written to.
func PageFile(u string) string {
	if u == "" || strings.HasSuffix(u, "/") {
		return u + "index.html"
	}
	return u
}

// Link returns the link from this page to the page of a competency, role,
// team, person, article or category.
func (p *Page) Link(v any) (string, error) {
	switch x := unview(v).(type) {
	case *model.Competency:
		return p.Rel(model.CompetencyURL(x.ID)), nil
	case *model.Category:
		if p.theme.has("category") {
			return p.Rel(model.CategoryPageURL(x.ID)), nil
		}
		return p.Rel(model.CategoryURL(x.ID)), nil
	case *model.Role:
		return p.Rel(model.RoleURL(x.ID)), nil
	case *model.Team:
		return p.Rel(p.teamURL(x.ID)), nil
	case *model.Person:
		return p.Rel(p.site.PersonURL(x.ID)), nil
	case *model.Article:
		return p.Rel(model.ArticleURL(x.ID)), nil
	}
	return "", fmt.Errorf("Link: no page for %T", v)
}

// PeoplePerPage is how many people a page of the people list shows: a
// company of 10,000 gets 20 pages of about 200 KB rather than one of 4 MB.
const PeoplePerPage = 500

// Pager links the pages of the people list.
type Pager struct {
	Number int // of this page, from 1
	Pages  []PagerLink
	Prev   *PagerLink // nil on the first page
	Next   *PagerLink // nil on the last page
}

// PagerLink is one page of the people list, with the first and last names
// on it.
type PagerLink struct {
	Number      int
	URL         string // relative to the site root
	First, Last string
}

// pagePeople gives the pages of the people list their pager.
func pagePeople(s *model.Site, ps []*Page) {
	var list []*Page
	for _, p := range ps {
		if p.Kind == "people" {
			list = append(list, p)
		}
	}
	links := make([]PagerLink, len(list))
	for i, p := range list {
		links[i] = PagerLink{Number: i + 1, URL: p.URL}
		if len(p.people) > 0 {
			links[i].First, links[i].Last = p.people[0].Name, p.people[len(p.people)-1].Name
		}
	}
	for i, p := range list {
		p.Pager = &Pager{Number: i + 1, Pages: links}
		if i > 0 {
			p.Pager.Prev = &links[i-1]
		}
		if i+1 < len(links) {
			p.Pager.Next = &links[i+1]
		}
	}
}

var cells sync.Map // cellKey -> template.HTML

type cellKey struct {
	level int
	below bool
}

// cellHTML is the content of a skills-matrix cell; a large organisation has
// hundreds of thousands of cells and a handful of different ones.
func cellHTML(level int, below bool) template.HTML {
	key := cellKey{level, below}
	if h, ok := cells.Load(key); ok {
		return h.(template.HTML)
	}
	h := template.HTML(fmt.Sprintf(`<span class="lvl lvl-%d">%d</span>`, level, level))
	if below {
		h += `<span class="below" title="below target">▾</span>`
	}
	cells.Store(key, h)
	return h
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

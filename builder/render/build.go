package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"portal/builder/content"
	"portal/builder/markdown"
	"portal/builder/model"
	"portal/builder/output"
	"portal/builder/search"
	"portal/charts"
	"portal/internal/par"
	"portal/themes"
)

// Output is a built site in memory: every file by its path in the output.
type Output struct {
	Files    map[string][]byte
	Pages    int // HTML pages among the files
	Rendered int // pages rendered by this build; the others were kept from the last

	// assets are the static files each page links with .Asset, by the
	// page's path.
	assets map[string][]string

	// index is the search index. An output of a build with LazyLists
	// leaves it out of Files and makes it when it is first asked for, and
	// so the sitemap and the feed, which are in lists then.
	index *searchIndex
	lazy  bool
	lists map[string]*listFile

	// later, when set, renders the pages the build left to render when
	// they are asked for; Files has the others.
	later *later

	// pages are the pages it was made from, and names their files: an
	// edit in place that keeps every page where it was uses them again.
	pages []*Page
	names []string
}

// searchIndex is the search index of some documents, made once.
type searchIndex struct {
	docs  []search.Doc
	once  sync.Once
	files map[string][]byte

	urlOnce sync.Once
	urls    map[string]int // the place of each document, by URL
}

// byURL returns the place of each document by its URL.
func (x *searchIndex) byURL() map[string]int {
	x.urlOnce.Do(func() {
		x.urls = make(map[string]int, len(x.docs))
		for i, d := range x.docs {
			x.urls[d.URL] = i
		}
	})
	return x.urls
}

func (x *searchIndex) get() map[string][]byte {
	x.once.Do(func() { x.files = search.Files(x.docs) })
	return x.files
}

// listFile is a file of the output made from a list of pages (the sitemap,
// the feed) when it is first asked for.
type listFile struct {
	once sync.Once
	make func() []byte
	data []byte
}

func (f *listFile) get() []byte {
	f.once.Do(func() { f.data = f.make() })
	return f.data
}

// lazyFile reports whether name is made when first asked for, and returns
// it then.
func (o *Output) lazyFile(name string) (data []byte, ok, lazy bool) {
	if !o.lazy {
		return nil, false, false
	}
	if strings.HasPrefix(name, "search/") {
		data, ok = o.index.get()[name]
		return data, ok, true
	}
	if f := o.lists[name]; f != nil {
		return f.get(), true, true
	}
	return nil, false, false
}

// file returns the file at path name among those made. A lazily made search
// index is made on the first request for one of its files, and a lazily
// made sitemap or feed on the first request for it.
func (o *Output) file(name string) ([]byte, bool) {
	if data, ok, lazy := o.lazyFile(name); lazy {
		return data, ok
	}
	data, ok := o.Files[name]
	return data, ok
}

// all returns every file of the output, search index included. Pages left
// for later are rendered first; it fails if one does not render.
func (o *Output) all() (map[string][]byte, error) {
	if err := o.Finish(); err != nil {
		return nil, err
	}
	if o.Left() > 0 {
		return nil, errors.New("pages left to render by a build that is no longer the last")
	}
	if !o.lazy {
		return o.Files, nil
	}
	files := maps.Clone(o.Files)
	maps.Copy(files, o.index.get())
	for name, f := range o.lists {
		files[name] = f.get()
	}
	return files, nil
}

// Paths returns the output's file paths, sorted, pages left for later
// included.
func (o *Output) Paths() []string {
	var paths []string
	add := func(files map[string][]byte) {
		for p := range files {
			if !o.lazy || !strings.HasPrefix(p, "search/") {
				paths = append(paths, p)
			}
		}
	}
	if l := o.later; l != nil {
		l.mu.Lock()
		add(o.Files)
		for p := range l.stale {
			paths = append(paths, p)
		}
		l.mu.Unlock()
	} else {
		add(o.Files)
	}
	if o.lazy {
		for p := range o.index.get() {
			paths = append(paths, p)
		}
		for p := range o.lists {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	return paths
}

// Theme is a site's parsed layouts and its static files.
type Theme struct {
	tmpls  map[string]*template.Template
	static map[string][]byte
	assets map[string]string // static file -> its fingerprinted name
}

// has tells whether the theme has a layout for the kind of page.
func (th *Theme) has(kind string) bool { return th != nil && th.tmpls[kind] != nil }

func LoadTheme(fsys fs.FS, s *model.Site) (*Theme, error) {
	ls, origin, err := siteLayers(fsys, s.Config.Theme, themes.Default, search.Static)
	if err != nil {
		return nil, content.Diagnostics{{Path: content.ConfigFile, Msg: err.Error()}}
	}
	tmpls, diags := parseTemplates(ls, origin)
	if len(diags) > 0 {
		diags.Sort()
		return nil, diags
	}
	static := ls.sub("static")
	files, err := static.files()
	if err != nil {
		return nil, fmt.Errorf("reading static files: %w", err)
	}
	th := &Theme{tmpls: tmpls, static: make(map[string][]byte, len(files))}
	for _, f := range files {
		data, err := fs.ReadFile(static, f)
		if err != nil {
			return nil, fmt.Errorf("reading static files: %w", err)
		}
		th.static[f] = data
	}
	if _, own := th.static[LevelsCSS]; !own {
		th.static[LevelsCSS] = levelsCSS(s.Scale)
	}
	th.assets = fingerprint(th.static)
	return th, nil
}

// LevelsCSS is the stylesheet of the level colours, which the build makes
// from the scale unless the theme has its own.
const LevelsCSS = "css/levels.css"

// levelsCSS gives each level of the scale, as .lvl-N, one colour of a ramp
// as long as the scale, with black or white text, whichever reads better
// on it; each category colour of the charts' labels, as .cat-N, in light
// and dark; and each status colour of a skills matrix's cells, as .mx-N.
func levelsCSS(scale []model.Level) []byte {
	var b bytes.Buffer
	b.WriteString("/* The colours of the levels of the scale in site.toml, lowest first: made by the build. */\n")
	for i, c := range charts.Ramp(len(scale)) {
		fmt.Fprintf(&b, ".lvl-%d { background: %s; color: %s; }\n", scale[i].Level, c, charts.TextOn(c))
	}
	b.WriteString("/* The colours of categories in a chart's key, as its labels are drawn. */\n")
	for i, c := range charts.CategoryColours {
		fmt.Fprintf(&b, ".cat-%d { color: %s; }\n", i, c)
	}
	// Paper stays light: the dark colours are for screens alone.
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	for i, c := range charts.CategoryColoursDark {
		fmt.Fprintf(&b, "  .cat-%d { color: %s; }\n", i, c)
	}
	b.WriteString("}\n/* The colours of a skills matrix's cells, by where a level stands against its target. */\n")
	for i, c := range charts.StatusColours {
		fmt.Fprintf(&b, ".mx-%d { background: %s; color: %s; }\n", i, c, charts.CellText)
	}
	return b.Bytes()
}

// Opts say what a build may keep from the last one.
type Opts struct {
	// Prev is the output of an earlier build of the site, or nil.
	Prev *Output
	// Deps, when set, record the keys of the model each output reads, and
	// with Prev and Dirty say which outputs to make again: those Dirty
	// names, and those whose keys are not known. The others keep their
	// bytes from Prev. A nil Dirty makes every output again.
	Deps  *Deps
	Dirty map[string]bool
	// LazyLists leaves the search index, the sitemap and the feed to be
	// made when asked for.
	LazyLists bool
	// Now, when set, picks the pages to render at once (see
	// builder.Builder.Now); the others are left for later, to be rendered
	// when asked for from the model of Latest, while this build's output
	// is Latest.Out.
	Now    func(url string) bool
	Latest *Latest
	// NewLayouts says that the layouts changed since Prev (or that there is
	// none): with Now, the first page of each kind is rendered at once too.
	NewLayouts bool
	// SamePages says that the site has the pages of Prev, in the same
	// order, for the same things of the model: Prev's pages are used again,
	// and those rendered again are filled from the model first. An edit in
	// place that changes no list can tell; making the list of a large
	// site's pages after each edit costs more than rendering a few.
	SamePages bool
	// Clear writes the private pages of a site published private in the
	// clear, marked as private, rather than sealed: the preview shows them
	// so to the author.
	Clear bool
	// Progress, when set, is told the number of pages done of the total
	// after each; it is called from many goroutines at once.
	Progress func(done, total int)
	// kept says that the pages kept from Prev are already where emit
	// puts them.
	kept bool
}

// keeps tells whether the output name may keep its bytes from prev.
func (o *Opts) keeps(name string) bool {
	return o.Prev != nil && o.Dirty != nil && o.Deps != nil && !o.Dirty[name] && o.Deps.has(name)
}

// Site renders the pages of s into memory, keeping from prev what
// opts allow.
func Site(s *model.Site, th *Theme, opts Opts) (*Output, error) {
	var mu sync.Mutex
	var files map[string][]byte
	if opts.Prev != nil && opts.Dirty != nil {
		// Start from the last output, less its lists and the hashed copies
		// of assets, which this build writes again as it needs them: the
		// pages kept need not be copied one by one. Pages that are no more
		// are removed after.
		files = maps.Clone(opts.Prev.Files)
		for name := range files {
			if strings.HasPrefix(name, "search/") || name == "sitemap.xml" || name == "articles/index.xml" {
				delete(files, name)
			}
		}
		for _, hashed := range th.assets {
			delete(files, hashed)
		}
		opts.kept = true
	} else {
		files = make(map[string][]byte, len(s.People)+len(s.Articles)+len(th.static)+512)
	}
	out, err := SiteTo(s, th, opts, func(name string, data []byte, keep bool) error {
		if !keep {
			data = bytes.Clone(data)
		}
		mu.Lock()
		files[name] = data
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	if out.later != nil {
		// Pages left for later may still have their bytes from prev.
		for name := range out.later.stale {
			delete(files, name)
		}
	}
	if opts.kept && !slices.Equal(out.names, opts.Prev.names) {
		now := make(map[string]bool, len(out.names))
		for _, name := range out.names {
			now[name] = true
		}
		for _, name := range opts.Prev.names {
			if !now[name] {
				delete(files, name)
			}
		}
	}
	out.Files = files
	return out, nil
}

// Emit takes a file of the output as it is made. When keep is false,
// data is only valid during the call.
type Emit func(name string, data []byte, keep bool) error

// SiteTo renders the pages of s and hands each file of the output to
// emit, from several goroutines at once. The Output it returns has no
// Files. With lazyLists, the search index, the sitemap and the feed are not
// emitted: the Output makes each when it is first asked for.
func SiteTo(s *model.Site, th *Theme, opts Opts, emit Emit) (*Output, error) {
	prev, lazy := opts.Prev, opts.LazyLists
	var pages []*Page
	var names []string // the file of each page
	if opts.SamePages && prev != nil && prev.pages != nil {
		pages, names = prev.pages, prev.names
	} else {
		pages = pagesOf(s, th)
		names = make([]string, len(pages))
		for i, p := range pages {
			names[i] = PageFile(p.URL)
		}
	}
	// recorded are the keys each output made read, by name: they replace
	// those it read before once the build has succeeded.
	recorded := map[string][]model.Key{}
	// keep tells whether page i keeps its bytes from prev: it read no key
	// that changed, its keys are known, and prev has it.
	var known []bool
	if prev != nil && opts.Dirty != nil && opts.Deps != nil {
		known = opts.Deps.known(names)
	}
	keep := func(i int) bool {
		if known == nil || !known[i] || opts.Dirty[names[i]] {
			return false
		}
		_, ok := prev.Files[names[i]]
		return ok
	}
	// The search index is kept from prev when no document read a key that
	// changed, or when its documents came out the same (an assessment, say,
	// changes none); otherwise it is made beside the pages, or, with
	// lazyLists, when first asked for.
	index := searchIndexOf(s, &opts, recorded)
	made := make(chan struct{})
	if lazy {
		close(made)
	} else {
		go func() {
			index.get()
			close(made)
		}()
	}
	// With now, a page to render is left for later unless now picks it, or
	// it is the first of its kind and the layouts are new: a layout that
	// fails for every page of its kind still fails the build.
	var left []bool
	if opts.Now != nil {
		left = make([]bool, len(pages))
		kinds := map[string]bool{}
		for i, p := range pages {
			if keep(i) {
				continue
			}
			if opts.Now(p.URL) || opts.NewLayouts && !kinds[p.Kind] {
				kinds[p.Kind] = true
				continue
			}
			left[i] = true
		}
	}
	errs := make([]error, len(pages))
	used := make([][]string, len(pages)) // the assets each page links
	var keys [][]model.Key               // the keys each page read
	if opts.Deps != nil {
		keys = make([][]model.Key, len(pages))
	}
	partials := &partialCache{}
	var rendered, done atomic.Int64
	var failed atomic.Bool
	par.Do(len(pages), func(i int) {
		p := pages[i]
		name := names[i]
		if opts.Progress != nil {
			defer func() { opts.Progress(int(done.Add(1)), len(pages)) }()
		}
		if keep(i) {
			used[i] = prev.assets[name]
			if !opts.kept {
				errs[i] = emit(name, prev.Files[name], true)
			}
			return
		}
		if failed.Load() || left != nil && left[i] {
			return // a write failed: stop; or the page is left for later
		}
		rendered.Add(1)
		if opts.SamePages {
			p.fill()
			p.Charts, p.used, p.history, p.trend = nil, nil, nil, nil
		}
		buf := buffers.Get().(*bytes.Buffer)
		buf.Reset()
		p.rec = newRecorder(p, keys != nil)
		p.clear = opts.Clear
		errs[i] = renderOne(th, p, partials, buf)
		if keys != nil {
			keys[i] = p.rec.keys
		}
		p.rec = nil
		used[i] = p.used
		if errs[i] == nil {
			if err := emit(name, buf.Bytes(), false); err != nil {
				errs[i] = err
				failed.Store(true)
			}
		}
		buffers.Put(buf)
	})
	if err := renderErrors(errs, names); err != nil {
		return nil, err
	}

	<-made
	out := &Output{Pages: len(pages), Rendered: int(rendered.Load()), index: index, lazy: lazy, pages: pages, names: names}
	if stale := leftPages(left, names); stale != nil {
		out.later = &later{latest: opts.Latest, theme: th, partials: partials, stale: stale, clear: opts.Clear}
	}
	rest := map[string][]byte{}
	// The sitemap and the feed: prev's when nothing they read changed,
	// else made now, or with lazyLists when first asked for. The feed's
	// entries are taken now: the model may be changed in place before it
	// is made.
	if lazy {
		out.lists = map[string]*listFile{}
	}
	lists := []struct {
		name string
		make func() func() []byte
	}{
		{"sitemap.xml", func() func() []byte { return func() []byte { return sitemapOf(s, pages) } }},
		{"articles/index.xml", func() func() []byte { return feedOf(s).xml }},
		{"robots.txt", func() func() []byte { return func() []byte { return robotsOf(s) } }},
	}
	for _, list := range lists {
		name := list.name
		if name == "sitemap.xml" && s.Config.BaseURL == "" {
			continue // a sitemap lists absolute addresses, which need it
		}
		if _, own := th.static[name]; own && name == "robots.txt" {
			continue // the site's own
		}
		kept := opts.keeps(name)
		if !kept && opts.Deps != nil {
			recorded[name] = listKeys(s)
		}
		switch {
		case kept && prev.lists[name] != nil && lazy:
			out.lists[name] = prev.lists[name]
		case kept && prev.lists[name] != nil:
			rest[name] = prev.lists[name].get()
		case kept:
			rest[name] = prev.Files[name]
		case lazy:
			out.lists[name] = &listFile{make: list.make()}
		default:
			rest[name] = list.make()()
		}
	}
	if err := staticCollisions(th.static, names, rest, s.Config.BaseURL != ""); err != nil {
		return nil, err
	}
	maps.Copy(rest, th.static)
	// Files that pages link by content hash are written under that name
	// too, so hosts may cache them for ever.
	out.assets = make(map[string][]string, len(pages))
	linked := map[string]bool{}
	for i := range pages {
		if left != nil && left[i] {
			continue
		}
		out.assets[names[i]] = used[i]
		for _, name := range used[i] {
			linked[name] = true
		}
	}
	for name := range linked {
		rest[th.assets[name]] = th.static[name]
	}
	if !lazy {
		maps.Copy(rest, index.files)
	}
	others := slices.Collect(maps.Keys(rest))
	errs = make([]error, len(others))
	par.Do(len(others), func(i int) {
		errs[i] = emit(others[i], rest[others[i]], true)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if d := opts.Deps; d != nil {
		for i, k := range keys {
			switch {
			case k != nil:
				d.set(names[i], k)
			case left != nil && left[i]:
				d.drop(names[i])
			}
		}
		for name, k := range recorded {
			d.set(name, k)
		}
	}
	return out, nil
}

// searchDeps names the order of the search index's documents among the
// outputs whose keys are recorded, and searchDocDeps+URL the document of
// the page at URL.
const (
	searchDeps    = "search/"
	searchDocDeps = "search/#"
)

// searchIndexOf returns the search index of s: prev's documents where they
// read no key that changed, the others made again, their keys recorded.
// When every document is as it was, it is prev's index.
func searchIndexOf(s *model.Site, opts *Opts, recorded map[string][]model.Key) *searchIndex {
	prev := opts.Prev
	var dirty map[string]bool // the URLs of documents to make again
	if prev != nil && opts.Dirty != nil && opts.Deps != nil {
		for name := range opts.Dirty {
			if u, ok := strings.CutPrefix(name, searchDocDeps); ok {
				if dirty == nil {
					dirty = map[string]bool{}
				}
				dirty[u] = true
			}
		}
		if opts.keeps(searchDeps) {
			// The documents are in the order of prev's: only those that
			// read a changed key are made again, in their place.
			if len(dirty) == 0 {
				return prev.index
			}
			docs := slices.Clone(prev.index.docs)
			at := prev.index.byURL()
			for u := range dirty {
				kind, id, ok := model.ThingAt(u)
				if i, found := at[u]; ok && found {
					r := &recorder{on: true}
					docs[i] = searchDoc(s, kind, id, r)
					recorded[searchDocDeps+u] = r.keys
				}
			}
			if slices.Equal(prev.index.docs, docs) {
				return prev.index
			}
			return &searchIndex{docs: docs, urls: at}
		}
	}
	if opts.Deps != nil {
		recorded[searchDeps] = listOrder()
	}
	var old map[string]int // prev's documents by URL, when they may be kept
	if prev != nil && opts.Dirty != nil && opts.Deps != nil {
		old = prev.index.byURL()
	}
	docs := searchDocs(s, func(url string) (search.Doc, bool) {
		if j, ok := old[url]; ok && !dirty[url] {
			return prev.index.docs[j], true
		}
		return search.Doc{}, false
	}, func(url string) *recorder {
		if opts.Deps == nil {
			return nil
		}
		return &recorder{on: true}
	}, func(url string, r *recorder) {
		if r != nil {
			recorded[searchDocDeps+url] = r.keys
		}
	})
	if prev != nil && slices.Equal(prev.index.docs, docs) {
		return prev.index
	}
	return &searchIndex{docs: docs}
}

// ListParts are the parts of the site that say which pages there are, in
// what order.
var ListParts = []model.Part{model.PCategories, model.PCompetencies, model.PRoles, model.PTeams, model.PPeople, model.PCycles, model.PArticles}

// listOrder are the keys of listParts, and the settings, which say whether
// there are pages of people.
func listOrder() []model.Key {
	keys := make([]model.Key, len(ListParts), len(ListParts)+1)
	for i, part := range ListParts {
		keys[i] = model.Key{Kind: model.KSite, Part: part}
	}
	return append(keys, model.Key{Kind: model.KSite, Part: model.PConfig})
}

// listKeys are the keys the sitemap and the feed read: the settings, every
// list of pages, and each article (whose date both show).
func listKeys(s *model.Site) []model.Key {
	keys := listOrder()
	keys = slices.Grow(keys, len(s.Articles))
	for _, a := range s.Articles {
		keys = append(keys, model.Key{Kind: model.KArticle, Part: model.POwn, ID: a.ID})
	}
	return keys
}

// searchFile matches the names of the search index's files.
var searchFile = regexp.MustCompile(`^search/(?:index|[td]-[0-9a-f]{10})\.json$`)

// staticCollisions refuses a static file at the path of a file the build
// makes, which would replace it: a page, the sitemap, the feed or the
// search index.
func staticCollisions(static map[string][]byte, pages []string, lists map[string][]byte, sitemap bool) error {
	var diags content.Diagnostics
	var made map[string]bool
	for name := range static {
		generated := searchFile.MatchString(name) || sitemap && name == "sitemap.xml" || name == "articles/index.xml"
		if !generated && strings.HasSuffix(name, ".html") {
			if made == nil {
				made = make(map[string]bool, len(pages))
				for _, p := range pages {
					made[p] = true
				}
			}
			generated = made[name]
		}
		if _, ok := lists[name]; ok || generated {
			diags = append(diags, content.Diagnostic{Path: "static/" + name, Msg: "the build makes a file at " + name + ", which this one would replace; move or rename it"})
		}
	}
	if len(diags) == 0 {
		return nil
	}
	diags.Sort()
	return diags
}

// leftPages maps the file of each page left for later to its index.
func leftPages(left []bool, names []string) map[string]int {
	var stale map[string]int
	for i, l := range left {
		if l {
			if stale == nil {
				stale = map[string]int{}
			}
			stale[names[i]] = i
		}
	}
	return stale
}

// renderOne renders page p into buf with the layouts of th; partials are
// those of its render pass.
func renderOne(th *Theme, p *Page, partials *partialCache, buf *bytes.Buffer) error {
	if p.rec != nil {
		p.recordRoot()
	}
	p.addCharts()
	p.partials = partials
	err := renderPage(th.tmpls[p.Kind], p, buf)
	p.Charts, p.partials, p.history, p.trend, p.insights = nil, nil, nil, nil, nil // its options are in the page now
	if err == nil && p.sealFor != nil {
		err = p.seal(buf)
	}
	return err
}

// renderErrors reports the errors of rendering the pages in files, errs[i]
// that of files[i]: nil when there are none, the write error if one is, and
// otherwise Diagnostics in which a broken layout, which fails every page of
// its kind, is reported once, with the first page and how many more it
// broke.
func renderErrors(errs []error, files []string) error {
	var render content.Diagnostics
	seen := map[string]int{}
	more := map[string]int{}
	for i, err := range errs {
		if err == nil {
			continue
		}
		var write *output.WriteError
		if errors.As(err, &write) {
			return err
		}
		d := templateError(err, func(name string) string { return "layouts/" + name })
		key := d.String()
		if _, dup := seen[key]; dup {
			more[key]++
			continue
		}
		seen[key] = len(render)
		d.Msg = fmt.Sprintf("rendering %s: %s", files[i], d.Msg)
		render = append(render, d)
	}
	for key, n := range more {
		render[seen[key]].Msg += fmt.Sprintf(" (and %d more %s)", n, map[bool]string{true: "page", false: "pages"}[n == 1])
	}
	if len(render) == 0 {
		return nil
	}
	render.Sort()
	return render
}

// buffers hold pages while they are rendered: a large site's team pages
// are over 100 KB, and growing a new buffer for each costs more than
// rendering some pages.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// feedID is an Atom id for the page at u of a site with no baseURL: a
// urn:uuid made from the site's title and u, the same on every build.
func feedID(title, u string) string {
	h := sha256.Sum256([]byte(title + "\x00" + u))
	h[6] = h[6]&0x0f | 0x50 // a name-based UUID
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// sitemap lists every page but the 404 page, with the date of articles.
// It is written by hand rather than with encoding/xml, which took longer
// than the rest of a preview rebuild on a site of 12,000 pages.
func sitemapOf(s *model.Site, pages []*Page) []byte {
	var b bytes.Buffer
	b.Grow(len(pages) * 96)
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, p := range pages {
		if p.Kind == "404" || p.sealFor != nil {
			continue
		}
		b.WriteString("\n  <url>\n    <loc>")
		if xmlPlain(p.Permalink) {
			b.WriteString(p.Permalink) // as EscapeText would write it
		} else {
			xml.EscapeText(&b, []byte(p.Permalink))
		}
		b.WriteString("</loc>")
		if p.article != nil && !p.article.Date.IsZero() {
			b.WriteString("\n    <lastmod>")
			b.WriteString(p.article.Date.Format("2006-01-02"))
			b.WriteString("</lastmod>")
		}
		b.WriteString("\n  </url>")
	}
	b.WriteString("\n</urlset>\n")
	return b.Bytes()
}

// robotsOf is the site's robots.txt: it turns search engines away unless
// [privacy] index lets them in, and then points them at the sitemap.
// Crawlers read it only at the root of a host; under a sub-path the pages'
// robots meta tag says the same.
func robotsOf(s *model.Site) []byte {
	if !s.Config.Privacy.Index {
		return []byte("User-agent: *\nDisallow: /\n")
	}
	b := []byte("User-agent: *\nAllow: /\n")
	if s.Config.BaseURL != "" {
		b = append(b, "Sitemap: "+s.Config.BaseURL+"sitemap.xml\n"...)
	}
	return b
}

// xmlPlain tells whether xml.EscapeText would write s as it is.
func xmlPlain(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r < 0x20, r == '&', r == '<', r == '>', r == '\'', r == '"', r >= 0xFFFE && r <= 0xFFFF:
			return false
		}
		i += size
	}
	return true
}

// atomFeed is an Atom feed of the articles, newest first.
type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	NS      string      `xml:"xmlns,attr"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	Title   string      `xml:"title"`
	Links   []atomLink  `xml:"link"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  string      `xml:"author>name"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	Link    atomLink `xml:"link"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary,omitempty"`
}

// feedOf returns the feed of the site's articles as they are now.
func feedOf(s *model.Site) *atomFeed {
	const stamp = "2006-01-02T15:04:05Z07:00"
	// With a baseURL, links and ids are absolute addresses. Without one,
	// links are relative to the feed, which readers resolve against the
	// address they fetched it from, and ids, which must be absolute, are
	// names made from the site's title and the page.
	href, id := func(u string) string { return permalink(s, u) }, func(u string) string { return permalink(s, u) }
	if s.Config.BaseURL == "" {
		href = func(u string) string { return markdown.RelURL("articles/", u) }
		id = func(u string) string { return feedID(s.Config.Title, u) }
	}
	f := &atomFeed{
		NS:      "http://www.w3.org/2005/Atom",
		Lang:    s.Config.Language,
		Title:   s.Config.Title + ": learning articles",
		Links:   []atomLink{{Href: href("articles/") + "index.xml", Rel: "self"}, {Href: href("articles/")}},
		ID:      id("articles/"),
		Author:  s.Config.Title,
		Entries: make([]atomEntry, 0, len(s.Articles)),
	}
	for _, a := range s.Articles {
		if f.Updated == "" && !a.Date.IsZero() {
			f.Updated = a.Date.UTC().Format(stamp)
		}
		u := model.ArticleURL(a.ID)
		e := atomEntry{Title: a.Title, Link: atomLink{Href: href(u)}, ID: id(u), Summary: a.Summary}
		if !a.Date.IsZero() {
			e.Updated = a.Date.UTC().Format(stamp)
		} else {
			e.Updated = "1970-01-01T00:00:00Z"
		}
		f.Entries = append(f.Entries, e)
	}
	if f.Updated == "" {
		f.Updated = "1970-01-01T00:00:00Z"
	}
	return f
}

// xml is the feed's file. Its values are strings, which marshal without
// fail.
func (f *atomFeed) xml() []byte {
	b, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("atom feed: %v", err))
	}
	return append([]byte(xml.Header), append(b, '\n')...)
}

// Write writes the output to dest. It writes into a new folder beside dest
// and swaps it in only when every file is written, so a failed or killed
// build leaves the previous output as it was. Folders left beside dest by a
// killed build are removed first.
func (o *Output) Write(dest string) error {
	w, err := output.NewFolder(dest)
	if err != nil {
		return err
	}
	defer w.Abort()
	files, err := o.all()
	if err != nil {
		return err
	}
	paths := slices.Sorted(maps.Keys(files))
	errs := make([]error, len(paths))
	par.Do(len(paths), func(i int) {
		errs[i] = w.Write(paths[i], files[paths[i]], true)
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return w.Commit()
}

// Fingerprints returns the name by content hash of each static file, by its
// path under static/. The map is the theme's own: do not change it.
func (th *Theme) Fingerprints() map[string]string { return th.assets }

// Assets returns the static files that the page written to the file name
// links by their names by content hash.
func (o *Output) Assets(name string) []string { return o.assets[name] }

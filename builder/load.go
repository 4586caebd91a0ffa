package builder

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"

	"portal/builder/content"
	"portal/builder/markdown"
	"portal/builder/model"
	"portal/builder/seal"
	"portal/builder/search"
	"portal/internal/par"
)

// Options changes how a site is loaded.
type Options struct {
	Drafts  bool   // include articles marked draft
	BaseURL string // overrides site.toml's baseURL when not empty
	// Secret is the site secret, which a site published private needs:
	// its keys and the names of its private pages come from it.
	Secret *seal.Secret
	// Clear has a Builder write the private pages in the clear, marked as
	// private, instead of sealed: the preview shows them so to the author.
	Clear bool
}

// Load reads the site in fsys (site.toml at its root, content/ below it),
// validates it and resolves every reference. When the site has errors, Load
// returns them all as a Diagnostics, sorted; the site it returns then is
// incomplete. A site without errors has its warnings in Site.Warnings.
func Load(fsys fs.FS, opts Options) (*model.Site, error) {
	l, err := loadSite(fsys, opts, nil, nil, nil)
	return l.site, err
}

// loadSite is load, returning the loader, which a Builder keeps to apply
// small edits to the model in place. prev, when not nil, is the model of
// the last good build, whose people's standings and teams' matrices the
// load takes where what they are worked out from is the same.
func loadSite(fsys fs.FS, opts Options, c *cache, changed map[string]bool, prev *model.Site) (*loader, error) {
	l := &loader{fsys: fsys, opts: opts, cache: c, changed: changed, prev: prev, site: &model.Site{
		CompetencyByID: map[string]*model.Competency{},
		RoleByID:       map[string]*model.Role{},
		TeamByID:       map[string]*model.Team{},
		PersonByID:     map[string]*model.Person{},
		ArticleByID:    map[string]*model.Article{},
		URLBySource:    map[string]string{},
	}}
	l.loadConfig()
	if len(l.r.List.Errors()) == 0 {
		l.loadContent()
	}
	diags := l.r.List
	diags.Sort()
	// Warnings describe a whole site; while it has errors, many would only
	// echo them (an article that failed to load teaches nothing), so they
	// wait until the errors are fixed.
	if errs := diags.Errors(); len(errs) > 0 {
		return l, errs
	}
	l.site.Warnings = diags
	return l, nil
}

type loader struct {
	fsys   fs.FS
	opts   Options
	site   *model.Site
	r      content.Report
	levels map[int]bool
	md     goldmark.Markdown
	bodies []*markdown.Body
	// owners maps each body to what receives its HTML.
	owners []*template.HTML
	drafts []string        // source paths of the drafts left out
	broken map[string]bool // kind/id of files that failed to decode

	ids     []string       // the competency ids, sorted
	idIndex map[string]int // competency id -> place among the sorted ids

	failed []string // their paths

	entries map[string]*entry          // the files this load read, by path
	targets map[string]markdown.Target // what markdown links can point at, by source
	cache   *cache                     // from the last build, or nil
	changed map[string]bool            // files changed since it; nil when unknown
	prev    *model.Site                // the last good build's model, or nil
	deriver *model.Deriver             // of the model; working out standings again takes it
	ladder  []nextRole                 // the roles that name a next role
}

const configFile = content.ConfigFile

func (l *loader) loadConfig() {
	data, err := fs.ReadFile(l.fsys, configFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.r.Errorf(configFile, content.Pos{}, "not found: a site needs a site.toml at its root")
		} else {
			l.r.Errorf(configFile, content.Pos{}, "%v", err)
		}
		return
	}
	meta, loc, d := content.DecodeTOML(configFile, data, 1, "")
	if d != nil {
		l.r.List = append(l.r.List, *d)
		return
	}
	f := content.NewFields(configFile, meta, loc, &l.r)
	c := &l.site.Config
	c.Title = f.Str("title", true)
	c.Description = f.Str("description", false)
	c.BaseURL = f.Str("baseURL", false)
	c.Theme = cmp.Or(f.Str("theme", false), "default")
	c.Language = cmp.Or(f.Str("language", false), "en")
	if markup := f.Table("markup"); markup != nil {
		mf := content.NewFields(configFile, markup, prefixLocator{loc, "markup"}, &l.r)
		c.UnsafeHTML = mf.Bool("unsafe")
		mf.Done()
	}
	c.Privacy = model.Privacy{Publish: model.PublishPrivate, MinGroup: model.DefaultMinGroup}
	publishAt, explicit := content.Pos{Line: 1, Col: 1}, false
	if privacy := f.Table("privacy"); privacy != nil {
		at := prefixLocator{loc, "privacy"}
		pf := content.NewFields(configFile, privacy, at, &l.r)
		c.Privacy.Index = pf.Bool("index")
		switch publish := pf.Str("publish", false); publish {
		case "":
		case model.PublishPrivate, model.PublishAggregate, model.PublishOpen:
			c.Privacy.Publish = publish
			publishAt, explicit = at.Value("publish"), true
		default:
			publishAt = at.Value("publish")
			l.r.Errorf(configFile, publishAt, `publish must be "private", "aggregate" or "open", not %q%s`, publish, content.Suggest(publish, []string{model.PublishPrivate, model.PublishAggregate, model.PublishOpen}))
		}
		if n, ok := pf.Int("min_group"); ok {
			if n < 1 || n > 1000 {
				l.r.Errorf(configFile, at.Value("min_group"), "min_group must be from 1 to 1000, not %d", n)
			} else {
				c.Privacy.MinGroup = n
			}
		}
		pf.Done()
	}
	c.StaleAfter = model.DefaultStaleAfter
	if insights := f.Table("insights"); insights != nil {
		at := prefixLocator{loc, "insights"}
		inf := content.NewFields(configFile, insights, at, &l.r)
		if text := inf.Str("stale_after", false); text != "" {
			if p, err := model.ParsePeriod(text); err != nil {
				l.r.Errorf(configFile, at.Value("stale_after"), "stale_after: %v", err)
			} else {
				c.StaleAfter = p
			}
		}
		inf.Done()
	}
	if c.Privacy.Private() {
		if l.opts.Secret == nil {
			what := `publish = "private"`
			if !explicit {
				what = "the site is published private, the default, which"
			}
			l.r.Errorf(configFile, publishAt, `%s needs the site secret: portal build finds or makes one; or set [privacy] publish = "aggregate" or "open"`, what)
		} else {
			l.site.Keys = seal.NewKeys(*l.opts.Secret)
		}
	}
	if l.opts.BaseURL != "" {
		c.BaseURL = l.opts.BaseURL
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		at := loc.Value("baseURL")
		if l.opts.BaseURL != "" {
			at = content.Pos{}
		}
		if problem := baseURLProblem(u, err, c.BaseURL); problem != "" {
			l.r.Errorf(configFile, at, "baseURL %q %s", c.BaseURL, problem)
		} else if !strings.HasSuffix(c.BaseURL, "/") {
			c.BaseURL += "/"
		}
	}
	l.loadScale(f, loc)
	f.Done()
	if c.Theme != "default" {
		if info, err := fs.Stat(l.fsys, path.Join("themes", c.Theme)); err != nil || !info.IsDir() {
			l.r.Errorf(configFile, loc.Value("theme"), "theme %s not found: there is no themes/%s folder", c.Theme, c.Theme)
		}
	}
	l.md = markdown.New(c.UnsafeHTML)
}

// baseURL says what is wrong with a baseURL, or "": pages link to it, the
// sitemap and feed start every address with it, and the preview serves
// under its path.
func baseURLProblem(u *url.URL, err error, raw string) string {
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return "must be an absolute http or https URL such as https://intranet.example.com/skills/"
	case u.User != nil:
		return "must not hold a user name or password: every page would publish them"
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(raw, "#"):
		return "must not have a query (?) or a fragment (#): page addresses are added to its end"
	case strings.ContainsAny(raw, " \t\n\r"):
		return "must not hold spaces; write them as %20"
	case slices.Contains(strings.Split(u.Path, "/"), "..") || slices.Contains(strings.Split(u.Path, "/"), "."):
		return "must not hold . or .. in its path"
	}
	return ""
}

// The range of scale levels: scales run from 0 or 1 to 4, 5 or 7, and
// percentages to 100; the pages index arrays by level.
const (
	minLevel = -100
	maxLevel = 100
)

// missingScale says what a scale is, with an example to copy.
const missingScale = `missing the proficiency scale: the levels every rating and target is written in, lowest first, each a [[scale]] table with a level and a name, such as
    [[scale]]
    level = 0
    name = "Not yet"
    [[scale]]
    level = 1
    name = "Aware"`

func (l *loader) loadScale(f *content.Fields, loc content.Locator) {
	v, ok := f.Get("scale", false)
	if !ok {
		l.r.Errorf(configFile, content.Pos{Line: 1, Col: 1}, "%s", missingScale)
		return
	}
	list, isList := v.([]map[string]any)
	if !isList {
		if anyList, ok := v.([]any); ok {
			for _, item := range anyList {
				if m, ok := item.(map[string]any); ok {
					list = append(list, m)
				}
			}
			isList = len(list) == len(anyList)
		}
	}
	if !isList || len(list) == 0 {
		l.r.Errorf(configFile, loc.Key("scale"), "scale must be a list of [[scale]] tables, lowest level first")
		return
	}
	l.levels = map[int]bool{}
	for i, m := range list {
		entry := prefixLocator{loc, "scale[" + strconv.Itoa(i) + "]"}
		lf := content.NewFields(configFile, m, entry, &l.r)
		n, ok := lf.Int("level")
		switch v, present := m["level"]; {
		case !present:
			l.r.Errorf(configFile, entry.Key(), "every [[scale]] entry needs a level number")
		case ok:
			if _, whole := v.(int64); !whole {
				// A level is written one way: 2, not 2.0.
				l.r.Errorf(configFile, entry.Value("level"), "level must be a whole number such as 2, not %v", v)
				ok = false
			}
		}
		name := lf.Str("name", true)
		summary := lf.Str("summary", false)
		lf.Done()
		if !ok {
			continue
		}
		if n < minLevel || n > maxLevel {
			l.r.Errorf(configFile, entry.Value("level"), "scale level %d is out of range: levels run from %d to %d", n, minLevel, maxLevel)
			continue
		}
		if l.levels[n] {
			l.r.Errorf(configFile, entry.Value("level"), "scale level %d is defined twice", n)
			continue
		}
		l.levels[n] = true
		l.site.Scale = append(l.site.Scale, model.Level{Level: n, Name: name, Summary: summary})
	}
	slices.SortFunc(l.site.Scale, func(a, b model.Level) int { return cmp.Compare(a.Level, b.Level) })
}

// prefixLocator locates keys of a nested table by the path of the table.
type prefixLocator struct {
	loc    content.Locator
	prefix string
}

func (p prefixLocator) Key(path ...string) content.Pos {
	return p.loc.Key(append([]string{p.prefix}, path...)...)
}
func (p prefixLocator) Value(path ...string) content.Pos {
	return p.loc.Value(append([]string{p.prefix}, path...)...)
}
func (p prefixLocator) Item(s string, path ...string) content.Pos {
	return p.loc.Item(s, append([]string{p.prefix}, path...)...)
}

// entry is one content file on its way into the site.
type entry struct {
	path     string
	kind     string
	id       string
	category string
	data     []byte
	r        content.Report
	doc      *content.Document // front matter or TOML, and body
	fields   *fileFields       // a person's or an article's, once read
}

// fileFields are the fields of a person's or an article's file as read,
// with what reading them reported: what does not depend on other files.
type fileFields struct {
	name, team, role, title string // a person's (and an article's title)
	summary                 string
	date                    time.Time
	ids                     []string // the competencies an article teaches
	level                   int
	hasLevel, draft         bool
	diags                   content.Diagnostics
}

func (l *loader) collect() []*entry {
	if entries, ok := l.cache.walk(l.fsys, l.changed); ok {
		l.r.List = append(l.r.List, l.cache.walkDiags...)
		return entries
	}
	files, diags := content.Walk(l.fsys)
	l.r.List = append(l.r.List, diags...)
	entries := make([]*entry, len(files))
	for i, f := range files {
		entries[i] = &entry{path: f.Path, kind: f.Kind, id: f.ID, category: f.Category}
	}
	if l.cache != nil {
		l.cache.walks++
	}
	l.cache.keepWalk(entries, diags)
	return entries
}

// decode reads and decodes one file; it runs in parallel with the others.
// A panic in a decoder on some input becomes an error about that file, so
// that a bad file cannot stop a build or the preview server.
func (e *entry) decode(fsys fs.FS) {
	data, err := fs.ReadFile(fsys, e.path)
	if err != nil {
		e.r.Errorf(e.path, content.Pos{}, "cannot read: %v", content.Cause(err))
		return
	}
	e.decodeData(data)
}

// decodeData decodes the bytes of the file, which the entry keeps.
func (e *entry) decodeData(data []byte) {
	defer func() {
		if r := recover(); r != nil {
			e.doc = nil
			e.r.Errorf(e.path, content.Pos{}, "cannot read this file (please report it): %v", r)
		}
	}()
	if !utf8.Valid(data) {
		line, col := invalidUTF8(data)
		e.r.Errorf(e.path, content.Pos{Line: line, Col: col}, "not valid UTF-8 text; save the file as UTF-8")
		return
	}
	if len(data) > maxMarkdown && strings.HasSuffix(e.path, ".md") {
		e.r.Errorf(e.path, content.Pos{}, "larger than %d MB: a page this long is most likely a mistake; split it into several", maxMarkdown>>20)
		return
	}
	e.data = data
	if strings.HasSuffix(e.path, ".toml") {
		data = trimBOM(data)
		flat := ""
		if e.kind == content.KindCycle {
			flat = "ratings"
		}
		meta, loc, d := content.DecodeTOML(e.path, data, 1, flat)
		if d != nil {
			e.r.List = append(e.r.List, *d)
			return
		}
		e.doc = &content.Document{Meta: meta, Loc: loc}
		return
	}
	doc, d := content.ParseDocument(e.path, data)
	if d != nil {
		e.r.List = append(e.r.List, *d)
		return
	}
	e.doc = doc
}

// maxMarkdown caps a markdown file. Data files (an assessment cycle of a
// large organisation runs to tens of megabytes) have no cap.
const maxMarkdown = 4 << 20

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf {
		return b[3:]
	}
	return b
}

func invalidUTF8(b []byte) (line, col int) {
	line, col = 1, 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		b = b[size:]
	}
	return line, col
}

func (l *loader) loadContent() {
	entries := l.collect()
	par.Do(len(entries), func(i int) {
		if cached := l.cache.entry(entries[i].path, l.changed); cached != nil {
			entries[i] = cached
			return
		}
		entries[i].decode(l.fsys)
	})
	l.cache.keepEntries(entries)
	l.entries = make(map[string]*entry, len(entries))
	for _, e := range entries {
		l.entries[e.path] = e
	}
	byKind := map[string][]*entry{}
	l.broken = map[string]bool{}
	for _, e := range entries {
		l.r.List = append(l.r.List, e.r.List...)
		if e.doc != nil {
			byKind[e.kind] = append(byKind[e.kind], e)
		} else {
			// Its own error is reported; references to it are not errors too.
			l.broken[e.kind+"/"+e.id] = true
			l.failed = append(l.failed, e.path)
		}
	}
	for _, e := range byKind[content.KindHome] {
		l.loadHome(e)
	}
	categories := map[string]*model.Category{}
	for _, e := range byKind[content.KindCategory] {
		categories[e.id] = l.loadCategory(e)
	}
	for _, e := range byKind[content.KindCompetency] {
		cat := categories[e.category]
		if cat == nil {
			cat = &model.Category{ID: e.category, Title: titleFromID(e.category), Source: path.Join("content/competencies", e.category)}
			categories[e.category] = cat
		}
		l.loadCompetency(e, cat)
	}
	for _, id := range content.SortedKeys(categories) {
		l.site.Categories = append(l.site.Categories, categories[id])
	}
	for _, e := range byKind[content.KindRole] {
		l.loadRole(e)
	}
	l.linkLadders()
	for _, e := range byKind[content.KindTeam] {
		l.loadTeam(e)
	}
	for _, e := range byKind[content.KindPerson] {
		l.loadPerson(e)
	}
	l.ids = content.SortedKeys(l.site.CompetencyByID)
	l.idIndex = make(map[string]int, len(l.ids))
	for i, id := range l.ids {
		l.idIndex[id] = i
	}
	// Cycles are the biggest files of a large site, and each is checked on
	// its own: in parallel, each with a copy of the loader that reports into
	// a list of its own (the copies only read the loader's maps).
	ids := l.idSignature()
	cycles := byKind[content.KindCycle]
	loaded := make([]*model.Cycle, len(cycles))
	reports := make([]content.Diagnostics, len(cycles))
	fresh := make([]bool, len(cycles))
	par.Do(len(cycles), func(i int) {
		if c, diags, ok := l.cache.cycle(cycles[i], ids, l.site.PersonByID); ok {
			loaded[i], reports[i] = c, diags
			return
		}
		e := cycles[i]
		if e.doc.Meta == nil { // dropped after an earlier check: decode again
			e.doc.Meta, _, _ = content.DecodeTOML(e.path, trimBOM(e.data), 1, "ratings")
		}
		lc := *l
		lc.r = content.Report{}
		loaded[i], reports[i], fresh[i] = lc.loadCycle(e), lc.r.List, true
		// A checked cycle keeps what it needs; its decoded tables are a
		// large part of a big site's heap, which the rest of the build (and
		// the preview's garbage collector, again and again) would carry.
		e.doc.Meta = nil
	})
	for i, e := range cycles {
		if fresh[i] {
			l.cache.keepCycle(e, ids, loaded[i], reports[i])
		}
		l.site.Cycles = append(l.site.Cycles, loaded[i])
		l.r.List = append(l.r.List, reports[i]...)
	}
	articles := byKind[content.KindArticle]
	par.Do(len(articles), func(i int) { articles[i].doc.Words() })
	for _, e := range articles {
		l.loadArticle(e)
	}
	l.renderBodies()
	links := make([]model.Links, len(l.bodies))
	for i, b := range l.bodies {
		links[i] = model.Links{Source: b.Source, Targets: b.Links}
	}
	var related *model.Related
	if l.cache != nil {
		related = &l.cache.related
	}
	d, diags := model.Derive(l.site, model.Input{Links: links, Prev: l.prev, Related: related, DatePos: func(source string) content.Pos {
		if e := l.entries[source]; e != nil && e.doc != nil {
			return e.doc.Loc.Value("date")
		}
		return content.Pos{Line: 1, Col: 1}
	}})
	l.deriver = d
	l.r.List = append(l.r.List, diags...)
}

func titleFromID(id string) string {
	s := strings.ReplaceAll(id, "-", " ")
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// addBody queues a markdown body to be parsed, linked and rendered into dst.
func (l *loader) addBody(e *entry, pageURL string, dst *template.HTML) {
	if content.HeadingsOnly(e.doc.Body) {
		l.r.Warnf(e.path, content.Pos{Line: e.doc.BodyLine, Col: 1}, "the headings have nothing under them yet: write the text, or remove them")
	}
	l.bodies = append(l.bodies, &markdown.Body{Source: e.path, PageURL: pageURL, Src: e.doc.Body, Line: e.doc.BodyLine})
	l.owners = append(l.owners, dst)
}

func (l *loader) loadHome(e *entry) {
	f := content.NewFields(e.path, e.doc.Meta, e.doc.Loc, &l.r)
	h := &model.Home{Title: f.Str("title", false)}
	f.Done()
	l.site.Home = h
	l.site.URLBySource[e.path] = ""
	l.addBody(e, "", &h.Body)
}

func (l *loader) loadCategory(e *entry) *model.Category {
	f := content.NewFields(e.path, e.doc.Meta, e.doc.Loc, &l.r)
	c := &model.Category{ID: e.id, Source: e.path}
	c.Title = f.Str("title", true)
	c.Summary = f.Str("summary", false)
	c.Order, _ = f.Int("order")
	f.Done()
	l.site.URLBySource[e.path] = model.CategoryURL(c.ID)
	l.addBody(e, "competencies/", &c.Body)
	return c
}

func (l *loader) loadCompetency(e *entry, cat *model.Category) {
	c := l.readCompetency(e, cat)
	if prev, dup := l.site.CompetencyByID[c.ID]; dup {
		l.r.Errorf(e.path, content.Pos{Line: 1, Col: 1}, "duplicate competency id %q: %s has it too; competency ids are unique across categories", c.ID, prev.Source)
		return
	}
	l.site.CompetencyByID[c.ID] = c
	cat.Competencies = append(cat.Competencies, c)
	l.site.URLBySource[e.path] = model.CompetencyURL(c.ID)
	l.addBody(e, model.CompetencyURL(c.ID), &c.Body)
}

// readCompetency reads a competency's title, summary, order and level
// descriptors from its file, reporting what is wrong with them.
func (l *loader) readCompetency(e *entry, cat *model.Category) *model.Competency {
	f := content.NewFields(e.path, e.doc.Meta, e.doc.Loc, &l.r)
	c := &model.Competency{ID: e.id, Category: cat, Source: e.path}
	c.Title = f.Str("title", true)
	c.Summary = f.Str("summary", false)
	c.Order, _ = f.Int("order")
	levels := f.Table("levels")
	f.Done()
	for _, key := range content.SortedKeys(levels) {
		at := func() content.Pos { return e.doc.Loc.Key("levels", key) }
		n, err := strconv.Atoi(key)
		if err != nil || strconv.Itoa(n) != key {
			// "01" and "+1" would name level 1 a second way.
			l.r.Errorf(e.path, at(), "levels keys are scale level numbers, not %q", key)
			continue
		}
		if !l.levels[n] {
			l.r.Errorf(e.path, at(), "level %d is not on the scale %s", n, l.scaleRange())
			continue
		}
		text, ok := levels[key].(string)
		if !ok {
			l.r.Errorf(e.path, e.doc.Loc.Value("levels", key), "the descriptor for level %d must be a string, not %s", n, content.TypeName(levels[key]))
			continue
		}
		if content.IsTemplateText(text) {
			l.r.Warnf(e.path, e.doc.Loc.Value("levels", key), "the descriptor for level %d is still the template's text: write what someone at that level does", n)
		}
		c.Descriptors = append(c.Descriptors, model.Descriptor{Level: l.level(n), Text: text})
	}
	slices.SortFunc(c.Descriptors, func(a, b model.Descriptor) int { return cmp.Compare(a.Level.Level, b.Level.Level) })
	return c
}

func (l *loader) level(n int) model.Level {
	for _, lv := range l.site.Scale {
		if lv.Level == n {
			return lv
		}
	}
	return model.Level{Level: n}
}

func (l *loader) scaleRange() string {
	levels := make([]string, len(l.site.Scale))
	for i, lv := range l.site.Scale {
		levels[i] = strconv.Itoa(lv.Level)
	}
	return "(" + strings.Join(levels, ", ") + ")"
}

// checkLevel reports a level that is not on the scale.
func (l *loader) checkLevel(path string, at func() content.Pos, v any, what func() string) (int, bool) {
	n, ok := v.(int64)
	if !ok {
		l.r.Errorf(path, at(), "%s must be a whole number on the scale %s, not %s", what(), l.scaleRange(), content.TypeName(v))
		return 0, false
	}
	if !l.levels[int(n)] {
		l.r.Errorf(path, at(), "%s: level %d is not on the scale %s", what(), n, l.scaleRange())
		return 0, false
	}
	return int(n), true
}

func (l *loader) loadRole(e *entry) {
	r, next := l.readRole(e)
	if next != "" {
		l.ladder = append(l.ladder, nextRole{e, r, next})
	}
	l.site.RoleByID[r.ID] = r
	l.site.URLBySource[e.path] = model.RoleURL(r.ID)
	l.addBody(e, model.RoleURL(r.ID), &r.Body)
}

// readRole reads a role's title, summary, track and targets (in id
// order) from its file, reporting what is wrong with them, and the id of
// its next role as written.
func (l *loader) readRole(e *entry) (r *model.Role, next string) {
	f := content.NewFields(e.path, e.doc.Meta, e.doc.Loc, &l.r)
	r = &model.Role{ID: e.id, Source: e.path}
	r.Title = f.Str("title", true)
	r.Summary = f.Str("summary", false)
	r.Track = f.Str("track", false)
	next = f.Str("next", false)
	targets := f.Table("targets")
	f.Done()
	for _, cid := range content.SortedKeys(targets) {
		c := l.competency(e, cid, func() content.Pos { return e.doc.Loc.Key("targets", cid) })
		n, ok := l.checkLevel(e.path, func() content.Pos { return e.doc.Loc.Value("targets", cid) }, targets[cid], func() string { return "target for " + cid })
		if c != nil && ok {
			r.Targets = append(r.Targets, model.Target{Competency: c, Level: n})
			if c.Descriptor(n) == "" && n > l.site.Scale[0].Level {
				l.r.Warnf(e.path, e.doc.Loc.Value("targets", cid), "target %d for %s has no descriptor: %s says nothing for level %d", n, cid, c.Source, n)
			}
		}
	}
	return r, next
}

// nextRole is a role's next = "id", to resolve once every role is loaded.
type nextRole struct {
	e    *entry
	role *model.Role
	id   string
}

// linkLadders resolves each role's next role, reporting an unknown id, a
// role that names itself and a ladder that comes back to where it
// started, and lists each role's previous roles.
func (l *loader) linkLadders() {
	slices.SortFunc(l.ladder, func(a, b nextRole) int { return strings.Compare(a.role.ID, b.role.ID) })
	for _, n := range l.ladder {
		at := func() content.Pos { return n.e.doc.Loc.Value("next") }
		next := l.site.RoleByID[n.id]
		switch {
		case next == nil && l.broken[content.KindRole+"/"+n.id]:
		case next == nil:
			l.r.Errorf(n.e.path, at(), "next: unknown role %q%s", n.id, content.SuggestID(n.id, content.SortedKeys(l.site.RoleByID), "role", "roles"))
		case next == n.role:
			l.r.Errorf(n.e.path, at(), "next: a role cannot be its own next role; name the role above %s, or leave next out", n.id)
		default:
			n.role.Next = next
		}
	}
	for _, n := range l.ladder {
		// Walk up from each role: a ladder that comes back to it is a loop.
		seen := []string{n.role.ID}
		for r := n.role.Next; r != nil; r = r.Next {
			seen = append(seen, r.ID)
			if r == n.role {
				l.r.Errorf(n.e.path, n.e.doc.Loc.Value("next"), "next: the roles form a loop (%s); a career ladder must end at a role with no next", strings.Join(seen, " → "))
				break
			}
			if len(seen) > len(l.site.RoleByID) {
				break // a loop further up, reported from a role in it
			}
		}
	}
	for _, n := range l.ladder {
		if n.role.Next != nil {
			n.role.Next.Previous = append(n.role.Next.Previous, n.role)
		}
	}
	for _, r := range l.site.RoleByID {
		slices.SortFunc(r.Previous, model.ByTitle)
	}
}

// competency resolves a competency id written in e at p. Positions are found
// by scanning the file, so they are computed only for an error.
func (l *loader) competency(e *entry, id string, p func() content.Pos) *model.Competency {
	if c := l.site.CompetencyByID[id]; c != nil {
		return c
	}
	if !l.broken[content.KindCompetency+"/"+id] {
		l.r.Errorf(e.path, p(), "unknown competency %q%s", id, content.SuggestID(id, content.SortedKeys(l.site.CompetencyByID), "competency", "competencies"))
	}
	return nil
}

func (l *loader) loadTeam(e *entry) {
	f := content.NewFields(e.path, e.doc.Meta, e.doc.Loc, &l.r)
	t := &model.Team{ID: e.id, Source: e.path}
	t.Name = f.Str("name", true)
	t.Description = f.Str("description", false)
	f.Done()
	l.site.TeamByID[t.ID] = t
	l.site.URLBySource[e.path] = model.TeamURL(t.ID)
}

func (l *loader) loadPerson(e *entry) {
	// A file read by an earlier load keeps its fields: a large site has
	// 10,000 people, and an edit loads them all again.
	if e.fields == nil {
		var r content.Report
		f := content.NewFields(e.path, e.doc.Meta, e.doc.Loc, &r)
		e.fields = &fileFields{
			name:  f.Str("name", true),
			team:  f.Str("team", true),
			role:  f.Str("role", true),
			title: f.Str("title", false),
		}
		f.Done()
		e.fields.diags = r.List
	}
	l.r.List = append(l.r.List, e.fields.diags...)
	p := &model.Person{ID: e.id, Source: e.path, Name: e.fields.name, JobTitle: e.fields.title}
	teamID, roleID := e.fields.team, e.fields.role
	if strings.TrimSpace(teamID) != "" {
		if p.Team = l.site.TeamByID[teamID]; p.Team == nil && !l.broken[content.KindTeam+"/"+teamID] {
			l.r.Errorf(e.path, e.doc.Loc.Value("team"), "unknown team %q%s", teamID, content.SuggestID(teamID, content.SortedKeys(l.site.TeamByID), "team", "teams"))
		}
	}
	if strings.TrimSpace(roleID) != "" {
		if p.Role = l.site.RoleByID[roleID]; p.Role == nil && !l.broken[content.KindRole+"/"+roleID] {
			l.r.Errorf(e.path, e.doc.Loc.Value("role"), "unknown role %q%s", roleID, content.SuggestID(roleID, content.SortedKeys(l.site.RoleByID), "role", "roles"))
		}
	}
	l.site.PersonByID[p.ID] = p
	l.site.URLBySource[e.path] = l.site.PersonURL(p.ID)
}

// Kinds of assessment cycle.
var cycleKinds = []string{"manager", "self", "peer"}

func (l *loader) loadCycle(e *entry) *model.Cycle {
	f := content.NewFields(e.path, e.doc.Meta, e.doc.Loc, &l.r)
	c := &model.Cycle{ID: e.id, Source: e.path, ByPerson: map[string][]model.IndexedRating{}, IDs: l.ids}
	c.Title = cmp.Or(f.Str("title", false), e.id)
	c.Date = f.Date("date", true)
	c.Kind = cmp.Or(f.Str("kind", false), "manager")
	ratings := f.Table("ratings")
	f.Done()
	c.Named = len(ratings)
	if !slices.Contains(cycleKinds, c.Kind) {
		l.r.Errorf(e.path, e.doc.Loc.Value("kind"), "kind must be manager, self or peer, not %q%s", c.Kind, content.Suggest(c.Kind, cycleKinds))
	}
	// Map order is fine here: diagnostics are sorted before they are shown,
	// and sorting half a million ratings costs more than the rest of them.
	for pid, personRatings := range ratings {
		if ranked, ok := l.personRatings(e, pid, personRatings, c.Kind == "peer"); ok {
			c.ByPerson[pid] = ranked
		}
	}
	return c
}

// personRatings checks the ratings of one person in a cycle (the table
// ratings.<pid>, as decoded) and returns those that are valid. ok is false
// when the person is unknown or the value is not a table. In a peer cycle
// a rating may be a list of levels, one per peer, each a rating of its own.
func (l *loader) personRatings(e *entry, pid string, table any, peer bool) (ranked []model.IndexedRating, ok bool) {
	loc := e.doc.Loc
	if l.site.PersonByID[pid] == nil {
		if !l.broken[content.KindPerson+"/"+pid] {
			l.r.Errorf(e.path, loc.Key("ratings", pid), "unknown person %q%s", pid, content.SuggestID(pid, content.SortedKeys(l.site.PersonByID), "person", "people"))
		}
		return nil, false
	}
	var levels *content.FlatTable
	switch t := table.(type) {
	case *content.FlatTable: // from the fast decoder
		levels = t
	case map[string]any: // from the full one
		levels = &content.FlatTable{Keys: content.SortedKeys(t)}
		for _, cid := range levels.Keys {
			levels.Values = append(levels.Values, t[cid])
		}
	default:
		l.r.Errorf(e.path, loc.Value("ratings", pid), "ratings.%s must be a table of competency = level", pid)
		return nil, false
	}
	ranked = make([]model.IndexedRating, 0, len(levels.Keys))
	for i, cid := range levels.Keys {
		v := levels.Values[i]
		// Most of a large site's lines are here: take valid ratings
		// without making the closures that place an error.
		if n, ok := v.(int64); ok && l.levels[int(n)] && n == int64(int(n)) {
			if i, ok := l.idIndex[cid]; ok {
				ranked = append(ranked, model.IndexedRating{Competency: i, Level: int(n)})
				continue
			}
		}
		comp := l.competency(e, cid, func() content.Pos { return loc.Key("ratings", pid, cid) })
		at := func() content.Pos { return loc.Value("ratings", pid, cid) }
		what := func() string { return "rating of " + pid + " in " + cid }
		list, isList := v.([]any)
		switch {
		case isList && !peer:
			l.r.Errorf(e.path, at(), "%s is a list: a list of levels, one per peer, is for a cycle of kind = \"peer\"; give one level", what())
		case isList && len(list) == 0:
			l.r.Errorf(e.path, at(), "%s is an empty list: give one level per peer, or leave the line out", what())
		case isList:
			for _, item := range list {
				n, ok := l.checkLevel(e.path, at, item, what)
				if comp != nil && ok {
					ranked = append(ranked, model.IndexedRating{Competency: l.idIndex[cid], Level: n})
				}
			}
		default:
			n, ok := l.checkLevel(e.path, at, v, what)
			if comp != nil && ok {
				ranked = append(ranked, model.IndexedRating{Competency: l.idIndex[cid], Level: n})
			}
		}
	}
	return ranked, true
}

// idSignature sums up what a cycle is checked against, besides the people:
// the competencies, the files that did not load and the scale. A cycle file
// that did not change is checked again only when one of them did, or when
// one of the people it rates is not a person any more, or was not one (see
// cache.cycle): a person added or removed elsewhere changes none of its
// ratings.
func (l *loader) idSignature() string {
	if l.cache == nil {
		return ""
	}
	h := sha256.New()
	for _, m := range []map[string]bool{keySet(l.site.CompetencyByID), l.broken} {
		for _, k := range content.SortedKeys(m) {
			h.Write([]byte(k))
			h.Write([]byte{0})
		}
		h.Write([]byte{1})
	}
	for _, lv := range l.site.Scale {
		fmt.Fprintf(h, "%d,", lv.Level)
	}
	return string(h.Sum(nil))
}

func keySet[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

func (l *loader) loadArticle(e *entry) {
	if e.fields == nil {
		var r content.Report
		f := content.NewFields(e.path, e.doc.Meta, e.doc.Loc, &r)
		ff := &fileFields{title: f.Str("title", true), date: f.Date("date", false), summary: f.Str("summary", false), ids: f.Strings("competencies", true)}
		ff.level, ff.hasLevel = f.Int("level")
		ff.draft = f.Bool("draft")
		f.Done()
		if list, isList := e.doc.Meta["competencies"].([]any); isList && len(list) == 0 {
			r.Errorf(e.path, e.doc.Loc.Value("competencies"), "competencies is empty: name at least one competency the article teaches")
		}
		ff.diags = r.List
		e.fields = ff
	}
	ff := e.fields
	l.r.List = append(l.r.List, ff.diags...)
	a := &model.Article{ID: e.id, Source: e.path, Title: ff.title, Date: ff.date, Summary: ff.summary, Draft: ff.draft}
	if ff.hasLevel {
		if l.levels[ff.level] {
			a.Level = ff.level
		} else {
			l.r.Errorf(e.path, e.doc.Loc.Value("level"), "level %d is not on the scale %s", ff.level, l.scaleRange())
		}
	}
	ids := ff.ids
	for _, id := range ids {
		if c := l.competency(e, id, func() content.Pos { return e.doc.Loc.Item(id, "competencies") }); c != nil && !slices.Contains(a.Competencies, c) {
			a.Competencies = append(a.Competencies, c)
		}
	}
	a.Words = e.doc.Words()
	if a.Draft && !l.opts.Drafts {
		l.drafts = append(l.drafts, e.path)
		return
	}
	l.site.ArticleByID[a.ID] = a
	l.site.URLBySource[e.path] = model.ArticleURL(a.ID)
	l.addBody(e, model.ArticleURL(a.ID), &a.Body)
}

// renderBodies parses every markdown body, checks and rewrites its links
// against the whole site, and renders it to HTML.
func (l *loader) renderBodies() {
	if c := l.cache; c != nil && c.unsafeHTML != l.site.Config.UnsafeHTML {
		// Rendered with the other markup setting: none holds.
		c.bodies, c.unsafeHTML = map[string]*renderedBody{}, l.site.Config.UnsafeHTML
	}
	// Bodies of files read again are parsed; the others keep the heading ids
	// of their last parse, which is all linking needs.
	reused := make([]*renderedBody, len(l.bodies))
	for i, b := range l.bodies {
		reused[i] = l.cache.body(b)
	}
	par.Do(len(l.bodies), func(i int) {
		if reused[i] == nil {
			markdown.Parse(l.md, l.bodies[i])
		} else {
			l.bodies[i].IDs = reused[i].ids
		}
	})
	targets := make(map[string]markdown.Target, len(l.site.URLBySource)+len(l.drafts))
	l.targets = targets
	for src, u := range l.site.URLBySource {
		targets[src] = markdown.Target{URL: u}
	}
	for _, b := range l.bodies {
		t := targets[b.Source]
		if !strings.Contains(t.URL, "#") {
			t.IDs = b.IDs
		}
		targets[b.Source] = t
	}
	for _, src := range l.drafts {
		targets[src] = markdown.Target{Draft: true}
	}
	for _, src := range l.failed {
		targets[src] = markdown.Target{Failed: true}
	}
	// A change to what links can point at (a file added or removed, a
	// heading renamed) may change any body: those whose links find
	// something else now are rendered again.
	if l.cache != nil && !sameTargets(targets, l.cache.targets) {
		l.cache.targets = targets
		par.Do(len(reused), func(i int) {
			if r := reused[i]; r != nil && !r.stillLinks(targets) {
				reused[i] = nil
				markdown.Parse(l.md, l.bodies[i])
			}
		})
	}
	reports := make([]content.Report, len(l.bodies))
	texts := make([]string, len(l.bodies))
	par.Do(len(l.bodies), func(i int) {
		b := l.bodies[i]
		if r := reused[i]; r != nil {
			b.Links, b.Tried = r.links, r.tried
			reports[i] = content.Report{List: r.diags}
			*l.owners[i] = r.html
			texts[i] = r.text
			return
		}
		markdown.RewriteLinks(b, targets, &reports[i])
		html, err := markdown.Render(l.md, b)
		if err != nil {
			reports[i].Errorf(b.Source, content.Pos{Line: b.Line, Col: 1}, "rendering markdown: %v", err)
		}
		// The syntax tree is done with: a Builder keeps its bodies, and
		// the trees of a large site's articles are a large part of the heap
		// its garbage collector would scan after every edit.
		b.Doc = nil
		*l.owners[i] = html
		texts[i] = search.PlainText(string(html), search.TextCap)
	})
	l.site.TextBySource = make(map[string]string, len(l.bodies))
	for i, r := range reports {
		l.r.List = append(l.r.List, r.List...)
		l.site.TextBySource[l.bodies[i].Source] = texts[i]
		if reused[i] == nil { // a body reused is in the cache as it is
			l.cache.keepBody(l.bodies[i], targets, *l.owners[i], texts[i], r.List)
		}
	}
}

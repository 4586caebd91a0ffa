package builder

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"portal/builder/content"
	"portal/builder/markdown"
	"portal/builder/model"
	"portal/builder/render"
	"portal/builder/search"
	"portal/internal/par"
)

// Builder builds the same site again and again, as the preview does. It keeps
// the files it decoded, the markdown it rendered, the theme and the pages of
// its last good build, so that after a change it reads only the changed
// files and renders only the pages whose output depends on them, following
// the dependency rule in the package doc.
type Builder struct {
	fsys  fs.FS
	opts  Options
	cache *cache
	theme *render.Theme
	site  *model.Site // last good build
	// latest holds its output, the keys each of its files read, and the
	// lock that guards site.
	latest *render.Latest
	// loader made site; nil when the model was changed in a way that needs
	// a full load before the next edit in place.
	loader  *loader
	inPlace int    // edits applied in place, for tests
	scratch []byte // see updateCycle
	// pending are the files changed since the last good build; nil when
	// anything may have changed.
	pending map[string]bool
	// prints are those of the last good build's model: an edit renders
	// again the outputs that read a key whose print changed.
	prints *model.Prints

	// Now, when set, picks the pages a build renders at once, by URL
	// (relative to the site root, "" for the home page): say those open in
	// a browser. A build after a change of the layouts or the settings (and
	// the first) also renders the first page of each kind, so that a layout
	// broken for every page of a kind still fails it. The other pages it
	// would render are left to render when Output.Read first asks for one,
	// or Output.Finish for all. An edit that changes every page then costs
	// what loading the site costs, not what rendering 12,000 pages does.
	Now func(url string) bool

	// LazyLists leaves the search index, the sitemap and the feed out of
	// the Files of an output and makes each on the first call of
	// Output.File for one of its files. The preview sets it: most edits are
	// never searched for, nor are the sitemap and the feed read, and making
	// them for a large site takes longer than the rest of a rebuild.
	LazyLists bool
}

// NewBuilder returns a Builder for the site in fsys.
func NewBuilder(fsys fs.FS, opts Options) *Builder {
	return &Builder{fsys: fsys, opts: opts, cache: newCache(), latest: &render.Latest{Deps: render.NewDeps()}}
}

// Build builds the site. changed lists the files, relative to the site with
// slashes, that changed since the last call; nil means any may have (after
// lost file events, say), and reads everything again.
func (b *Builder) Build(changed []string) (*model.Site, *Output, error) {
	b.latest.Waiting.Store(true)
	b.latest.Mu.Lock()
	b.latest.Waiting.Store(false)
	defer b.latest.Mu.Unlock()
	if changed != nil && b.site != nil {
		changed = b.passing(changed)
		// Nothing changed, and nothing waits from a failed build (a nil
		// pending means anything may have changed).
		if len(changed) == 0 && b.pending != nil && len(b.pending) == 0 {
			return b.site, b.latest.Out, nil
		}
	}
	if changed == nil || b.site == nil {
		b.pending = nil
	} else if b.pending != nil {
		for _, p := range changed {
			b.pending[p] = true
		}
	}
	set := b.pending
	// The settings decide how everything is rendered, and the theme: after
	// a change of either, every page renders again. The content files need
	// not be read again, nor the markdown rendered unless the markup
	// settings changed (see renderBodies); what depends on the scale checks
	// it.
	content, settings, themeFiles := changedKinds(set)
	themeChanged := set == nil || b.theme == nil || settings || themeFiles
	// The model of the last good build is whole, unless it was changed in
	// place by an edit that then failed to render.
	intact := b.loader != nil && b.loader.site == b.site
	if !themeChanged && len(set) == 1 {
		for p := range set {
			// An edit of one file that the model can take in place: what
			// changed is found as after a load, by the prints of the
			// model's parts.
			if b.updatePerson(p) || b.updateCycle(p) || b.updateTeam(p) || b.updateRole(p) ||
				b.updateCompetency(p) || b.updateArticle(p) || b.updateBody(p) {
				return b.renderInPlace(false)
			}
		}
	}
	if set != nil && b.theme != nil && intact && themeFiles && !content && !settings {
		// Layouts or static files alone: the model is as it was, and every
		// page is rendered again with the new theme.
		th, err := render.LoadTheme(b.fsys, b.site)
		if err != nil {
			return b.site, nil, err
		}
		b.theme = th
		return b.renderInPlace(true)
	}
	// The last good model lends the load what still holds of it.
	var prev *model.Site
	if intact {
		prev = b.site
	}
	l, err := loadSite(b.fsys, b.opts, b.cache, set, prev)
	s := l.site
	if err != nil {
		return s, nil, err // pending keeps the changes for the next try
	}
	// The theme is read again unless only site.toml changed, naming the
	// same theme: its files are as they were. A page that the settings
	// break then reports its error when it is rendered, at once or later.
	// The levels' stylesheet is made from the scale: a new scale reads the
	// theme again.
	newTheme := themeChanged && !(set != nil && b.theme != nil && b.site != nil && s.Config.Theme == b.site.Config.Theme && !themeFiles && slices.Equal(s.Scale, b.site.Scale))
	if newTheme {
		th, err := render.LoadTheme(b.fsys, s)
		if err != nil {
			return s, nil, err
		}
		b.theme = th
	}
	// Every page renders again after a change of the settings or the
	// theme, or when any file may have changed; otherwise those that read
	// a part of the model whose print changed.
	prints := model.Fingerprints(s, b.prints)
	opts := b.renderOpts()
	opts.NewLayouts = newTheme
	if set != nil && !themeChanged && b.prints != nil {
		opts.Dirty = b.latest.Deps.Dirty(model.Changed(b.prints, prints))
	}
	out, err := render.Site(s, b.theme, opts)
	if err != nil {
		return s, nil, err
	}
	b.site, b.latest.Out, b.loader, b.pending, b.prints = s, out, l, map[string]bool{}, prints
	return s, out, nil
}

// changedKinds tells what the changed files are: content files, the
// settings (site.toml), and the theme's files (layouts, static files).
func changedKinds(set map[string]bool) (content, settings, theme bool) {
	for p := range set {
		switch {
		case strings.HasPrefix(p, "content/"):
			content = true
		case p == configFile:
			settings = true
		default:
			theme = true
		}
	}
	return content, settings, theme
}

func classifyID(p string) string {
	_, id := content.Classify(p)
	return id
}

// passing drops from changed the content files that came and went since
// the last build, such as the temporary file an editor or sed writes
// before renaming it over the real one: they were never part of the site.
// A folder that went, with files of the site in it, stays.
func (b *Builder) passing(changed []string) []string {
	known := map[string]bool{}
	for _, d := range b.cache.walkDiags {
		known[d.Path] = true
	}
	kept := changed[:0:0]
	for _, p := range changed {
		if strings.HasPrefix(p, "content/") && b.cache.entries[p] == nil && !known[p] {
			if _, err := fs.Stat(b.fsys, p); errors.Is(err, fs.ErrNotExist) && !b.cache.holds(p) {
				continue
			}
		}
		kept = append(kept, p)
	}
	return kept
}

// keepEntry makes e the entry of file, for the model and the cache, after
// an edit applied in place. The file is listed again: a failed build since
// the last good one may have found it gone (the edit in place then brings
// it back as it was).
func (b *Builder) keepEntry(file string, e *entry) {
	b.loader.entries[file] = e
	b.cache.entries[file] = e
	b.cache.list(e)
}

// renderOpts are the options of every render of the Builder: the output
// before, and the keys its outputs read.
func (b *Builder) renderOpts() render.Opts {
	return render.Opts{Prev: b.latest.Out, Deps: b.latest.Deps, LazyLists: b.LazyLists, Now: b.Now, Latest: b.latest, Clear: b.opts.Clear}
}

// renderInPlace renders the pages of a model changed in place: with
// newLayouts every page, as the theme changed; otherwise those that read a
// part whose print changed. The pages are those of the last build unless
// a list of them changed.
func (b *Builder) renderInPlace(newLayouts bool) (*model.Site, *Output, error) {
	prints := model.Fingerprints(b.site, b.prints)
	changed := model.Changed(b.prints, prints)
	opts := b.renderOpts()
	opts.NewLayouts = newLayouts
	opts.SamePages = !newLayouts && !slices.ContainsFunc(render.ListParts, func(part model.Part) bool {
		return changed[model.Key{Kind: model.KSite, Part: part}]
	})
	if !newLayouts {
		opts.Dirty = b.latest.Deps.Dirty(changed)
	}
	out, err := render.Site(b.site, b.theme, opts)
	if err != nil {
		// The model changed in place: load it whole next time.
		b.pending, b.loader = nil, nil
		return b.site, nil, err
	}
	b.latest.Out, b.pending, b.prints = out, map[string]bool{}, prints
	b.inPlace++
	return b.site, out, nil
}

// updateBody applies an edit of the text alone of a markdown file (an
// article's, a competency's, a role's, a category's or the home page's; its
// front matter as it was) to the model in place: the text is rendered
// again, as long as its headings and links are those of before. ok is
// false, with nothing changed, for anything else, and when the old or the
// new text has a problem to report.
func (b *Builder) updateBody(file string) (ok bool) {
	l := b.loader
	if l == nil || b.site != l.site || l.targets == nil {
		return false
	}
	// Compare with what the model was made from, not with the cache: a
	// failed build since may have read the file in another state.
	kind, id := content.Classify(file)
	cached := l.entries[file]
	if cached == nil || cached.doc == nil || reported(l.site, file) {
		return false
	}
	i := slices.IndexFunc(l.bodies, func(b *markdown.Body) bool { return b.Source == file })
	if i < 0 {
		return false
	}
	e, ok := b.decodeAgain(cached)
	if !ok || !reflect.DeepEqual(e.doc.Meta, cached.doc.Meta) {
		return false
	}
	old := l.bodies[i]
	nb := &markdown.Body{Source: old.Source, PageURL: old.PageURL, Src: e.doc.Body, Line: e.doc.BodyLine}
	markdown.Parse(l.md, nb)
	if !maps.Equal(nb.IDs, old.IDs) {
		return false // links elsewhere may point at a heading
	}
	var r content.Report
	markdown.RewriteLinks(nb, l.targets, &r)
	if len(r.List) > 0 || !slices.Equal(nb.Links, old.Links) {
		return false // related articles and warnings follow links
	}
	html, err := markdown.Render(l.md, nb)
	if err != nil {
		return false
	}
	nb.Doc = nil // as renderBodies leaves it
	text := search.PlainText(string(html), search.TextCap)
	*l.owners[i] = html
	if a := l.site.ArticleByID[id]; kind == content.KindArticle && a != nil {
		a.Words = e.doc.Words() // its reading time
	}
	l.site.TextBySource[file] = text
	l.bodies[i] = nb
	b.cache.keepBody(nb, l.targets, html, text, nil)
	b.keepEntry(file, e)
	return true
}

// updatePerson applies an edit of one person's file to the model of the
// last build in place, where a full load would make every person's
// standings and every team's averages again: it changes the person, works
// out their standings, and the members and averages of their old and new
// team and the people of their old and new role. ok is false, with
// nothing changed, for anything else: a file that is new, gone or not a
// person's, a problem to report, or pending changes from a failed build.
func (b *Builder) updatePerson(file string) (ok bool) {
	l := b.loader
	if l == nil || b.site != l.site {
		return false
	}
	kind, id := content.Classify(file)
	s := l.site
	p := s.PersonByID[id]
	cached := l.entries[file]
	if kind != content.KindPerson || p == nil || cached == nil {
		return false
	}
	e, ok := b.decodeAgain(cached)
	if !ok {
		return false
	}
	var r content.Report
	f := content.NewFields(e.path, e.doc.Meta, e.doc.Loc, &r)
	name := f.Str("name", true)
	team := s.TeamByID[f.Str("team", true)]
	role := s.RoleByID[f.Str("role", true)]
	title := f.Str("title", false)
	f.Done()
	if len(r.List) > 0 || team == nil || role == nil {
		return false
	}

	oldTeam, oldRole := p.Team, p.Role
	renamed := p.Name != name
	p.Name, p.JobTitle, p.Team, p.Role = name, title, team, role
	if renamed {
		slices.SortFunc(s.People, model.ByName) // as derive orders them
	}
	p.ClearStandings()
	l.deriver.Standings(model.NewWorker(s), p) // its counts are dropped: the ratings are as they were
	for _, t := range []*model.Team{oldTeam, team} {
		if t == nil {
			continue
		}
		t.Members = t.Members[:0]
		for _, q := range s.People {
			if q.Team == t {
				t.Members = append(t.Members, q)
			}
		}
		model.TeamMatrix(t, len(s.Competencies), model.ChooseArticles)
	}
	for _, r := range []*model.Role{oldRole, role} {
		if r == nil {
			continue
		}
		r.People = r.People[:0]
		for _, q := range s.People {
			if q.Role == r {
				r.People = append(r.People, q)
			}
		}
	}
	b.keepEntry(file, e)
	return true
}

// updateCycle applies an edit of a cycle's ratings alone (its title, date
// and kind as they were) to the model of the last build in place, where a
// full load would work out every person's standings again: it checks the
// cycle, then works out again the standings of the people whose ratings
// changed, the distributions of the competencies they stand in, and the
// averages and gaps of their teams. ok is false, with nothing changed, for anything else: a cycle that is new,
// gone, renamed or moved to another date or kind, a problem to report,
// someone rated for the first time or no longer rated at all (which changes
// the warnings), or pending changes from a failed build.
func (b *Builder) updateCycle(file string) (ok bool) {
	l := b.loader
	if l == nil || b.site != l.site {
		return false
	}
	s := l.site
	kind, _ := content.Classify(file)
	cached := l.entries[file]
	old := cycleFrom(s, file)
	if kind != content.KindCycle || old == nil || cached == nil || reported(s, file) {
		return false
	}
	checked, isChecked := b.cache.cycles[cached]
	if !isChecked || checked.cycle != old {
		return false
	}
	// The file is read into a buffer kept for the purpose: a cycle of a
	// large site is megabytes, and fresh memory costs more than reading.
	data, err := readInto(b.scratch[:0], b.fsys, file)
	b.scratch = data
	if err != nil || !utf8.Valid(data) {
		return false
	}
	e := &entry{path: cached.path, kind: cached.kind, id: cached.id, category: cached.category}
	patched := false
	lc := *l
	lc.r = content.Report{}
	// next holds the new ratings of the people that may have changed.
	var next map[string][]model.IndexedRating
	// Only a file the fast decoder read may be patched: the full decoder
	// also takes dotted keys, which can add to a person's table from outside
	// its section.
	fast := cached.doc != nil && content.IsFast(cached.doc.Loc)
	if pid, table, ok := content.PatchCycle(cached.data, data); ok && fast {
		// One person's ratings at most: check them alone.
		patched = true
		e.doc = &content.Document{Loc: content.FastLocator(trimBOM(data))}
		next = map[string][]model.IndexedRating{}
		if pid != "" {
			ranked, ok := lc.personRatings(e, pid, table, old.Kind == "peer")
			if !ok {
				return false
			}
			next[pid] = ranked
		}
	} else {
		// Decoded whole from the bytes read, which the entry keeps.
		e.decodeData(bytes.Clone(data))
		if e.doc == nil || len(e.r.List) > 0 {
			return false
		}
		c := lc.loadCycle(e)
		e.doc.Meta = nil // as loadContent does: the cycle keeps what it needs
		if c.Title != old.Title || !c.Date.Equal(old.Date) || c.Kind != old.Kind {
			return false
		}
		next = c.ByPerson
		for pid := range old.ByPerson {
			if _, ok := next[pid]; !ok {
				next[pid] = nil
			}
		}
	}
	if len(lc.r.List) > 0 {
		return false
	}

	// A person with an empty table is in byPerson, as a full load has them;
	// nil in next means no table.
	var changed []string
	for pid, ratings := range next {
		was := old.ByPerson[pid]
		if !slices.Equal(was, ratings) || (was == nil) != (ratings == nil) {
			changed = append(changed, pid)
		}
	}
	slices.Sort(changed)
	for _, pid := range changed {
		rated := len(next[pid]) > 0
		for _, other := range s.Cycles {
			rated = rated || other != old && len(other.ByPerson[pid]) > 0
		}
		if rated != s.PersonByID[pid].Assessed {
			return false
		}
	}

	// From here on the model changes. The cycle keeps its place (and the
	// standings of people not in changed keep pointing at it).
	if patched {
		// The entry keeps the new bytes, in the old entry's array when
		// they fit: nothing else holds it.
		if len(data) == len(cached.data) {
			copy(cached.data, data)
			e.data = cached.data
		} else {
			e.data = bytes.Clone(data)
		}
		// The rest of the file is as the fast decoder read it, and the
		// edited table decoded with it too.
		e.doc.Loc = content.FastLocator(trimBOM(e.data))
	}
	for _, pid := range changed {
		if next[pid] != nil {
			old.ByPerson[pid] = next[pid]
		} else {
			delete(old.ByPerson, pid)
		}
	}
	w := model.NewWorker(s)
	var teams []*model.Team
	// A competency's page shows how many people are at each level: it
	// changes when that count does.
	counts := map[*model.Competency][]int{}
	for _, pid := range changed {
		p := s.PersonByID[pid]
		for _, st := range p.Standings {
			if st.HasCurrent {
				c := st.Competency
				if counts[c] == nil {
					counts[c] = append([]int{c.Rated}, c.Distribution...)
				}
				c.Rated--
				c.Distribution[l.deriver.LevelIndex(st.Current)]--
			}
		}
		p.ClearStandings()
		l.deriver.Standings(w, p)
		for _, st := range p.Standings {
			if c := st.Competency; st.HasCurrent && counts[c] == nil {
				counts[c] = append([]int{c.Rated}, c.Distribution...)
			}
		}
		if p.Team != nil && !slices.Contains(teams, p.Team) {
			teams = append(teams, p.Team)
		}
	}
	w.AddCounts(s)
	for _, t := range teams {
		model.TeamMatrix(t, len(s.Competencies), model.ChooseArticles)
	}
	b.keepEntry(file, e)
	old.Named = len(old.ByPerson) // the file has no problem: it rates only people
	delete(b.cache.cycles, cached)
	b.cache.keepCycle(e, checked.ids, old, nil)
	return true
}

// updateTeam applies an edit of a team's file, its name or description, to
// the model of the last build in place, with the teams sorted again by
// name. ok is false, with nothing changed, for anything else: a file
// that is new, gone or not a team's, a problem to report, or pending changes
// from a failed build.
func (b *Builder) updateTeam(file string) (ok bool) {
	l := b.loader
	if l == nil || b.site != l.site {
		return false
	}
	kind, id := content.Classify(file)
	s := l.site
	t := s.TeamByID[id]
	cached := l.entries[file]
	if kind != content.KindTeam || t == nil || cached == nil || reported(s, file) {
		return false
	}
	e, ok := b.decodeAgain(cached)
	if !ok {
		return false
	}
	var r content.Report
	f := content.NewFields(e.path, e.doc.Meta, e.doc.Loc, &r)
	name := f.Str("name", true)
	description := f.Str("description", false)
	f.Done()
	if len(r.List) > 0 {
		return false
	}
	renamed := name != t.Name
	t.Name, t.Description = name, description
	if renamed {
		model.SortTeams(s)
	}
	b.keepEntry(file, e)
	return true
}

// updateRole applies an edit of a role's targets, title or summary (its
// text as it was) to the model of the last build in place, where a full
// load would work out every person's standings again: it works out again
// the standings of the role's people, the matrices, averages and gaps of
// their teams, and the roles listed by the competencies whose target
// changed. ok is false, with nothing
// changed, for anything else: a role that is new, gone or retitled so
// that it sorts elsewhere among the roles, new text, a problem to report,
// a competency that gets its first target or loses its last (which
// changes the warnings), or pending changes from a failed build.
func (b *Builder) updateRole(file string) (ok bool) {
	e, id, ok := b.frontMatterEdit(file, content.KindRole, "targets", "title", "summary")
	if !ok || b.site.RoleByID[id] == nil {
		return false
	}
	l, s, r := b.loader, b.site, b.site.RoleByID[id]
	lc := *l
	lc.r = content.Report{}
	next, _ := lc.readRole(e)
	if len(lc.r.List) > 0 {
		return false
	}
	// Roles are listed by title, then id: the order must hold.
	if next.Title != r.Title {
		i := slices.Index(s.Roles, r)
		before := func(a, b *model.Role, at, bt string) bool {
			return cmp.Or(strings.Compare(at, bt), strings.Compare(a.ID, b.ID)) < 0
		}
		if i > 0 && !before(s.Roles[i-1], r, s.Roles[i-1].Title, next.Title) ||
			i+1 < len(s.Roles) && !before(r, s.Roles[i+1], next.Title, s.Roles[i+1].Title) {
			return false
		}
	}
	slices.SortFunc(next.Targets, func(a, b model.Target) int { return cmp.Compare(a.Competency.Rank, b.Competency.Rank) })
	before := map[*model.Competency]int{}
	for _, t := range r.Targets {
		before[t.Competency] = t.Level
	}
	after := map[*model.Competency]int{}
	for _, t := range next.Targets {
		after[t.Competency] = t.Level
	}
	var changed []*model.Competency
	for _, c := range s.Competencies {
		was, had := before[c]
		is, has := after[c]
		if had != has || was != is {
			changed = append(changed, c)
		}
		if had != has && len(c.Roles) == 1 && had {
			return false // its last target: "no role sets a target" is new
		}
		if had != has && len(c.Roles) == 0 {
			return false // its first: that warning goes
		}
	}
	b.keepEntry(file, e)
	r.Title, r.Summary = next.Title, next.Summary
	if r.Next != nil {
		// Previous roles are listed by title, as the load lists them.
		slices.SortFunc(r.Next.Previous, model.ByTitle)
	}
	if len(changed) == 0 {
		return true // a comment, or the same targets in another order
	}

	r.Targets = next.Targets
	r.ByRank = make([]*model.Target, len(s.Competencies))
	for i := range r.Targets {
		r.ByRank[r.Targets[i].Competency.Rank] = &r.Targets[i]
	}
	for _, c := range changed {
		model.ListRoles(s, c)
	}
	w := model.NewWorker(s)
	var teams []*model.Team
	for _, p := range r.People {
		p.ClearStandings()
		l.deriver.Standings(w, p) // its counts are dropped: the ratings are as they were
		if p.Team != nil && !slices.Contains(teams, p.Team) {
			teams = append(teams, p.Team)
		}
	}
	choose := model.SharedChoices()
	par.Do(len(teams), func(i int) {
		model.TeamMatrix(teams[i], len(s.Competencies), choose)
	})
	return true
}

// updateCompetency applies an edit of a competency's level descriptors,
// title or summary (its order and text as they were) to the model in
// place, where a full load would derive the whole model again. ok is
// false, with nothing changed, for anything else: a competency
// that is new, gone, moved, or retitled so that it sorts elsewhere among
// its category's, a problem to report, or a level that gets its first text
// or loses it (which changes the warnings of the roles targeting it).
func (b *Builder) updateCompetency(file string) (ok bool) {
	e, id, ok := b.frontMatterEdit(file, content.KindCompetency, "levels", "title", "summary")
	if !ok || b.site.CompetencyByID[id] == nil || b.site.CompetencyByID[id].Source != file {
		return false
	}
	l, s, c := b.loader, b.site, b.site.CompetencyByID[id]
	lc := *l
	lc.r = content.Report{}
	next := lc.readCompetency(e, c.Category)
	if len(lc.r.List) > 0 {
		return false
	}
	changed := map[int]bool{} // levels whose text changed
	for _, lv := range s.Scale {
		was, is := c.Descriptor(lv.Level), next.Descriptor(lv.Level)
		if (was == "") != (is == "") {
			return false
		}
		if was != is {
			changed[lv.Level] = true
		}
	}
	// The framework's order, by which so much is indexed, must hold.
	if list := c.Category.Competencies; next.Title != c.Title {
		i := slices.Index(list, c)
		if i > 0 && model.ByOrder(list[i-1].Order, c.Order, list[i-1].Title, next.Title) >= 0 ||
			i+1 < len(list) && model.ByOrder(c.Order, list[i+1].Order, next.Title, list[i+1].Title) >= 0 {
			return false
		}
	}
	b.keepEntry(file, e)
	c.Title, c.Summary = next.Title, next.Summary
	if len(changed) > 0 {
		c.Descriptors = next.Descriptors
	}
	return true
}

// updateArticle applies an edit of an article's title or summary alone (its
// other keys and its text as they were) to the model in place, where a full
// load would derive the whole model again. The title must compare with
// every other article's as the old one did, so that every list sorted by
// title keeps its order. A title or a summary may show on any page, and in
// the feed and the article's search document. ok is false, with nothing
// changed, for anything else.
func (b *Builder) updateArticle(file string) (ok bool) {
	e, id, ok := b.frontMatterEdit(file, content.KindArticle, "title", "summary")
	if !ok || b.site.ArticleByID[id] == nil {
		return false
	}
	s, a := b.site, b.site.ArticleByID[id]
	var r content.Report
	f := content.NewFields(e.path, e.doc.Meta, e.doc.Loc, &r)
	title, summary := f.Str("title", true), f.Str("summary", false)
	if len(r.List) > 0 {
		return false
	}
	for _, other := range s.Articles {
		if other != a && strings.Compare(other.Title, a.Title) != strings.Compare(other.Title, title) {
			return false
		}
	}
	b.keepEntry(file, e)
	a.Title, a.Summary = title, summary
	return true
}

// frontMatterEdit decodes again file, of the given kind, for an edit in
// place that changes no more than the front matter keys named: e is its new
// entry, and id the id of its thing. ok is false when the model cannot be
// edited in place, the file is of another kind, was not read by the last
// build, or had or has a problem to report, or when its text or another key
// changed.
func (b *Builder) frontMatterEdit(file, kind string, keys ...string) (e *entry, id string, ok bool) {
	l := b.loader
	if l == nil || b.site != l.site {
		return nil, "", false
	}
	k, id := content.Classify(file)
	cached := l.entries[file]
	if k != kind || cached == nil || cached.doc == nil || reported(l.site, file) {
		return nil, "", false
	}
	e, ok = b.decodeAgain(cached)
	if !ok || !bytes.Equal(e.doc.Body, cached.doc.Body) || !sameExcept(e.doc.Meta, cached.doc.Meta, keys...) {
		return nil, "", false
	}
	return e, id, true
}

func sameExcept(a, b map[string]any, keys ...string) bool {
	a, b = maps.Clone(a), maps.Clone(b)
	for _, key := range keys {
		delete(a, key)
		delete(b, key)
	}
	return reflect.DeepEqual(a, b)
}

// decodeAgain decodes the file of an entry of the last build as it is now.
// ok is false when it does not decode without a problem.
func (b *Builder) decodeAgain(cached *entry) (e *entry, ok bool) {
	e = &entry{path: cached.path, kind: cached.kind, id: cached.id, category: cached.category}
	e.decode(b.fsys)
	return e, e.doc != nil && len(e.r.List) == 0
}

// reported tells whether the last build warned about file.
func reported(s *model.Site, file string) bool {
	return slices.ContainsFunc(s.Warnings, func(d content.Diagnostic) bool { return d.Path == file })
}

// readInto reads the file name of fsys into buf, growing it as needed.
func readInto(buf []byte, fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && int64(cap(buf)) < info.Size()+1 {
		buf = make([]byte, 0, info.Size()+512)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

func cycleFrom(s *model.Site, source string) *model.Cycle {
	for _, c := range s.Cycles {
		if c.Source == source {
			return c
		}
	}
	return nil
}

package builder

import (
	"cmp"
	"errors"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"portal/builder/content"
	"portal/builder/markdown"
	"portal/builder/model"
)

// cache is what one build keeps for the next: the decoded content files and
// the rendered markdown. All its methods accept a nil cache, which keeps
// nothing.
type cache struct {
	entries map[string]*entry        // by path
	bodies  map[string]*renderedBody // by source path
	// unsafeHTML is the markup setting the bodies were rendered with.
	unsafeHTML bool
	targets    map[string]markdown.Target // what links could point at in the last build
	cycles     map[*entry]cachedCycle     // checked cycles, by their decoded file

	// The content files the last build listed, with what listing them
	// reported (see walk).
	walked    []*entry
	walkDiags content.Diagnostics
	walks     int // the walks made, for tests

	// Related articles as the last build chose them.
	related model.Related
}

// cachedCycle is an assessment cycle as the last build checked it.
type cachedCycle struct {
	ids   string // the idSignature it was checked against
	cycle *model.Cycle
	diags content.Diagnostics
}

// cycle returns the cycle of e from the last build when its file is the
// same decoded file, it was checked against the same ids, and every person
// it rates was a person then and still is one among people.
func (c *cache) cycle(e *entry, ids string, people map[string]*model.Person) (*model.Cycle, content.Diagnostics, bool) {
	if c == nil {
		return nil, nil, false
	}
	cc, ok := c.cycles[e]
	if !ok || cc.ids != ids || len(cc.cycle.ByPerson) != cc.cycle.Named {
		return nil, nil, false
	}
	for pid := range cc.cycle.ByPerson {
		if people[pid] == nil {
			return nil, nil, false
		}
	}
	return cc.cycle, cc.diags, true
}

func (c *cache) keepCycle(e *entry, ids string, cycle *model.Cycle, diags content.Diagnostics) {
	if c == nil {
		return
	}
	c.cycles[e] = cachedCycle{ids: ids, cycle: cycle, diags: slices.Clone(diags)}
}

// renderedBody is a markdown body as the last build rendered it.
type renderedBody struct {
	src     []byte // the body's bytes, as a slice of the decoded file
	pageURL string
	ids     map[string]bool
	links   []string
	tried   []string // where its links were looked up
	found   []lookup // what they found there, one for each
	html    template.HTML
	text    string // plain text of html, for the search index
	diags   content.Diagnostics
}

// stillLinks reports whether the links of r find what they found when it
// was rendered, so that its rendering holds though other link targets came,
// went or changed. A body with an error is rendered again: the message may
// suggest another target.
func (r *renderedBody) stillLinks(targets map[string]markdown.Target) bool {
	for _, d := range r.diags {
		if d.Severity == content.Error {
			return false
		}
	}
	for i, src := range r.tried {
		t, ok := targets[src]
		if ok != r.found[i].ok || ok && !sameTarget(t, r.found[i].target) {
			return false
		}
	}
	return true
}

// lookup is what a link found at the path it tried: a target, or none.
type lookup struct {
	target markdown.Target
	ok     bool
}

// lookups returns what targets holds at the paths tried.
func lookups(tried []string, targets map[string]markdown.Target) []lookup {
	found := make([]lookup, len(tried))
	for i, src := range tried {
		found[i].target, found[i].ok = targets[src]
	}
	return found
}

func sameTarget(a, b markdown.Target) bool {
	return a.URL == b.URL && a.Draft == b.Draft && a.Failed == b.Failed && maps.Equal(a.IDs, b.IDs)
}

// sameTargets reports whether links would find the same in a as in b.
func sameTargets(a, b map[string]markdown.Target) bool {
	if len(a) != len(b) {
		return false
	}
	for src, t := range a {
		if u, ok := b[src]; !ok || !sameTarget(t, u) {
			return false
		}
	}
	return true
}

func newCache() *cache {
	return &cache{entries: map[string]*entry{}, bodies: map[string]*renderedBody{}, cycles: map[*entry]cachedCycle{}}
}

// entry returns the decoded file at path from the last build, unless it
// changed or may have.
func (c *cache) entry(path string, changed map[string]bool) *entry {
	if c == nil || changed == nil || changed[path] {
		return nil
	}
	return c.entries[path]
}

// keepEntries replaces the cached files by those of this build, so that
// removed files leave the cache.
func (c *cache) keepEntries(entries []*entry) {
	if c == nil {
		return
	}
	c.entries = make(map[string]*entry, len(entries))
	for _, e := range entries {
		c.entries[e.path] = e
	}
	for e := range c.cycles {
		if c.entries[e.path] != e {
			delete(c.cycles, e)
		}
	}
}

// body returns the last rendering of b when b's source is the very same
// decoded bytes and b goes on the same page.
func (c *cache) body(b *markdown.Body) *renderedBody {
	if c == nil {
		return nil
	}
	r := c.bodies[b.Source]
	if r == nil || r.pageURL != b.PageURL || len(r.src) != len(b.Src) || (len(b.Src) > 0 && &r.src[0] != &b.Src[0]) {
		return nil
	}
	return r
}

func (c *cache) keepBody(b *markdown.Body, targets map[string]markdown.Target, html template.HTML, text string, diags content.Diagnostics) {
	if c == nil {
		return
	}
	c.bodies[b.Source] = &renderedBody{src: b.Src, pageURL: b.PageURL, ids: b.IDs, links: b.Links, tried: b.Tried, found: lookups(b.Tried, targets), html: html, text: text, diags: diags}
}

// walk returns the content files of the last build again, as new entries,
// with the changed files that came or went added or dropped: an edit then
// needs no walk of a content folder of thousands of files. ok is false
// when the listing may differ in another way: a folder came or went, a file
// is not a plain file, or a file changed that the last listing had
// something to say about (or this one would).
func (c *cache) walk(fsys fs.FS, changed map[string]bool) (entries []*entry, ok bool) {
	if c == nil || changed == nil || c.walked == nil {
		return nil, false
	}
	said := map[string]bool{}
	for _, d := range c.walkDiags {
		said[d.Path] = true
	}
	known := make(map[string]bool, len(changed))
	for _, e := range c.walked {
		if changed[e.path] {
			known[e.path] = true
		}
	}
	var gone map[string]bool
	var came []*entry
	for p := range changed {
		if p == "content" {
			return nil, false
		}
		if !strings.HasPrefix(p, "content/") || content.IgnoredPath(strings.TrimPrefix(p, "content/")) {
			continue
		}
		if said[p] || said[path.Dir(p)] {
			return nil, false
		}
		info, err := fs.Stat(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist) && known[p]:
			if gone == nil {
				gone = map[string]bool{}
			}
			gone[p] = true
		case errors.Is(err, fs.ErrNotExist):
			// Never listed: a file that came and went, or a folder that
			// went, whose files the last listing has.
			if c.holds(p) {
				return nil, false
			}
		case err != nil || !info.Mode().IsRegular():
			return nil, false
		case !known[p]:
			f, problem := content.Place(p)
			if problem != nil {
				return nil, false
			}
			came = append(came, &entry{path: f.Path, kind: f.Kind, id: f.ID, category: f.Category})
		}
	}
	// The listing changes for the next edit too.
	if gone != nil {
		c.walked = slices.DeleteFunc(c.walked, func(e *entry) bool { return gone[e.path] })
	}
	for _, e := range came {
		c.list(e)
	}
	entries = make([]*entry, len(c.walked))
	for i, e := range c.walked {
		entries[i] = &entry{path: e.path, kind: e.kind, id: e.id, category: e.category}
	}
	return entries, true
}

// list adds the file of e to the listing of content files, where a walk
// would list it, unless it is there.
func (c *cache) list(e *entry) {
	if c.walked == nil {
		return
	}
	i, found := slices.BinarySearchFunc(c.walked, e.path, func(w *entry, p string) int { return walkOrder(w.path, p) })
	if !found {
		c.walked = slices.Insert(c.walked, i, &entry{path: e.path, kind: e.kind, id: e.id, category: e.category})
	}
}

// holds reports whether the last listing has files in the folder dir.
func (c *cache) holds(dir string) bool {
	prefix := dir + "/"
	for _, e := range c.walked {
		if strings.HasPrefix(e.path, prefix) {
			return true
		}
	}
	return false
}

// walkOrder compares paths as fs.WalkDir orders them: by their first
// element, then the next, each by name.
func walkOrder(a, b string) int {
	for {
		ai, bi := strings.IndexByte(a, '/'), strings.IndexByte(b, '/')
		ae, be := a, b
		if ai >= 0 {
			ae = a[:ai]
		}
		if bi >= 0 {
			be = b[:bi]
		}
		if c := strings.Compare(ae, be); c != 0 || ai < 0 || bi < 0 {
			if c == 0 {
				return cmp.Compare(ai, bi) // a file before what is below it: never both
			}
			return c
		}
		a, b = a[ai+1:], b[bi+1:]
	}
}

// keepWalk keeps the listing of this build's content files.
func (c *cache) keepWalk(entries []*entry, diags content.Diagnostics) {
	if c == nil {
		return
	}
	c.walked = make([]*entry, len(entries))
	for i, e := range entries {
		c.walked[i] = &entry{path: e.path, kind: e.kind, id: e.id, category: e.category}
	}
	c.walkDiags = slices.Clone(diags)
}

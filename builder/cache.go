package builder

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// cache is what one build keeps for the next: the decoded content files and
// the rendered markdown. All its methods accept a nil cache, which keeps
// nothing.
type cache struct {
	entries map[string]*entry        // by path
	bodies  map[string]*renderedBody // by source path
	links   string                   // signature of the link targets of the last build
	cycles  map[*entry]cachedCycle   // checked cycles, by their decoded file

	// The content files the last build listed, with what listing them
	// reported (see walk).
	walked    []*entry
	walkDiags Diagnostics
	walks     int // the walks made, for tests

	// Related articles as the last build chose them, by article id, and
	// the signature of what they were chosen from.
	relatedFrom string
	related     map[string][]string
}

// cachedCycle is an assessment cycle as the last build checked it.
type cachedCycle struct {
	ids   string // the idSignature it was checked against
	cycle *Cycle
	diags Diagnostics
}

// cycle returns the cycle of e from the last build when its file is the
// same decoded file, it was checked against the same ids, and every person
// it rates was a person then and still is one among people.
func (c *cache) cycle(e *entry, ids string, people map[string]*Person) (*Cycle, Diagnostics, bool) {
	if c == nil {
		return nil, nil, false
	}
	cc, ok := c.cycles[e]
	if !ok || cc.ids != ids || len(cc.cycle.byPerson) != cc.cycle.named {
		return nil, nil, false
	}
	for pid := range cc.cycle.byPerson {
		if people[pid] == nil {
			return nil, nil, false
		}
	}
	return cc.cycle, cc.diags, true
}

func (c *cache) keepCycle(e *entry, ids string, cycle *Cycle, diags Diagnostics) {
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
	deps    string   // what they found there (linkDeps)
	html    template.HTML
	text    string // plain text of html, for the search index
	diags   Diagnostics
}

// stillLinks reports whether the links of r find what they found when it
// was rendered, so that its rendering holds though other link targets came,
// went or changed. A body with an error is rendered again: the message may
// suggest another target.
func (r *renderedBody) stillLinks(targets map[string]linkTarget) bool {
	for _, d := range r.diags {
		if d.Severity == Error {
			return false
		}
	}
	return linkDeps(r.tried, targets) == r.deps
}

// linkDeps sums up what targets holds at the paths tried: all a body's
// links depend on.
func linkDeps(tried []string, targets map[string]linkTarget) string {
	var b strings.Builder
	for _, src := range tried {
		t, found := targets[src]
		b.WriteString(src)
		if !found {
			b.WriteString("\x00-")
			continue
		}
		b.WriteString("\x00" + t.url + "\x00" + strings.Join(sortedKeys(t.ids), "\x01"))
		if t.draft {
			b.WriteByte(1)
		}
		if t.failed {
			b.WriteByte(2)
		}
		b.WriteByte(0)
	}
	return b.String()
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
func (c *cache) body(b *body) *renderedBody {
	if c == nil {
		return nil
	}
	r := c.bodies[b.source]
	if r == nil || r.pageURL != b.pageURL || len(r.src) != len(b.src) || (len(b.src) > 0 && &r.src[0] != &b.src[0]) {
		return nil
	}
	return r
}

func (c *cache) keepBody(b *body, targets map[string]linkTarget, html template.HTML, text string, diags Diagnostics) {
	if c == nil {
		return
	}
	c.bodies[b.source] = &renderedBody{src: b.src, pageURL: b.pageURL, ids: b.ids, links: b.links, tried: b.tried, deps: linkDeps(b.tried, targets), html: html, text: text, diags: diags}
}

// linkSignature sums up everything a link can be checked against: every
// content file, its page URL and its heading ids.
func linkSignature(targets map[string]linkTarget) string {
	h := sha256.New()
	for _, src := range sortedKeys(targets) {
		t := targets[src]
		ids := sortedKeys(t.ids)
		h.Write([]byte(src + "\x00" + t.url + "\x00" + strings.Join(ids, "\x01")))
		if t.draft {
			h.Write([]byte{1})
		}
		if t.failed {
			// A file that did not load is no page: links to it render
			// differently from links to a page with no headings.
			h.Write([]byte{2})
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
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
		if !strings.HasPrefix(p, "content/") || ignoredPath(p) {
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
			e, problem := placeFile(p)
			if problem != nil {
				return nil, false
			}
			came = append(came, e)
		}
	}
	entries = make([]*entry, 0, len(c.walked)+len(came))
	for _, e := range c.walked {
		if !gone[e.path] {
			entries = append(entries, &entry{path: e.path, kind: e.kind, id: e.id, category: e.category})
		}
	}
	if len(came) > 0 {
		// In the order of a walk: folder by folder, by name.
		entries = append(entries, came...)
		slices.SortFunc(entries, func(a, b *entry) int { return walkOrder(a.path, b.path) })
		// The listing changed: keep it for the next edit.
		c.keepWalk(entries, c.walkDiags)
	} else if gone != nil {
		c.keepWalk(entries, c.walkDiags)
	}
	return entries, true
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

// ignoredPath reports a path under content/ that a walk skips: it or a
// folder it is in has an ignored name.
func ignoredPath(p string) bool {
	for _, part := range strings.Split(strings.TrimPrefix(p, "content/"), "/") {
		if ignored(part) {
			return true
		}
	}
	return false
}

// keepWalk keeps the listing of this build's content files.
func (c *cache) keepWalk(entries []*entry, diags Diagnostics) {
	if c == nil {
		return
	}
	c.walked = make([]*entry, len(entries))
	for i, e := range entries {
		c.walked[i] = &entry{path: e.path, kind: e.kind, id: e.id, category: e.category}
	}
	c.walkDiags = slices.Clone(diags)
}

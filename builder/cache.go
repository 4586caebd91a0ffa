package builder

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"strings"
)

// cache is what one build keeps for the next: the decoded content files and
// the rendered markdown. All its methods accept a nil cache, which keeps
// nothing.
type cache struct {
	entries map[string]*entry        // by path
	bodies  map[string]*renderedBody // by source path
	links   string                   // signature of the link targets of the last build
}

// renderedBody is a markdown body as the last build rendered it.
type renderedBody struct {
	src     []byte // the body's bytes, as a slice of the decoded file
	pageURL string
	ids     map[string]bool
	links   []string
	html    template.HTML
	diags   Diagnostics
}

func newCache() *cache {
	return &cache{entries: map[string]*entry{}, bodies: map[string]*renderedBody{}}
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

func (c *cache) keepBody(b *body, html template.HTML, diags Diagnostics) {
	if c == nil {
		return
	}
	c.bodies[b.source] = &renderedBody{src: b.src, pageURL: b.pageURL, ids: b.ids, links: b.links, html: html, diags: diags}
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
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Package markdown turns the markdown bodies of content files into HTML in
// two passes over the whole site: Parse first, so that every heading id is
// known, then RewriteLinks, which checks each link to a content file (and
// its heading) and points it at the file's page, relative to the page the
// body appears on, then Render. Markdown is GitHub-flavoured; raw HTML
// passes through only when the site's markup setting allows it.
package markdown

import (
	"bytes"
	"html/template"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"portal/builder/content"
)

// New is the site's markdown converter; unsafe passes raw HTML through.
func New(unsafe bool) goldmark.Markdown {
	rendererOpts := []goldmark.Option{}
	if unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)...)
}

// Body is the markdown of one content file on its way to HTML: parsed first,
// so that every heading id in the site is known before links are checked,
// then rendered.
type Body struct {
	Source  string // content file, relative to the site
	PageURL string // URL of the page the body appears on
	Src     []byte
	Line    int // line of src's first byte in the file
	Doc     ast.Node
	IDs     map[string]bool
	Links   []string // source paths of the content files it links to
	Tried   []string // source paths its links were looked up at, found or not
}

// Parse parses the body and collects its heading ids.
func Parse(md goldmark.Markdown, b *Body) {
	used := make(map[string]int, len(PageIDs))
	for _, id := range PageIDs {
		used[id] = 1
	}
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{used: used}))
	b.Doc = md.Parser().Parse(text.NewReader(b.Src), parser.WithContext(ctx))
	b.IDs = map[string]bool{}
	ast.Walk(b.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if id, ok := h.AttributeString("id"); ok {
				if s, ok := id.([]byte); ok {
					b.IDs[string(s)] = true
				}
			}
		}
		return ast.WalkContinue, nil
	})
}

// Target is what a link to a content file resolves to.
type Target struct {
	URL    string          // page URL
	IDs    map[string]bool // heading ids on it, nil when unknown
	Draft  bool            // an article left out of this build
	Failed bool            // a file that did not load; its error says why
}

// rewriteLinks turns links to content files into links to their pages,
// relative to the page the body appears on, and reports broken ones.
func RewriteLinks(b *Body, targets map[string]Target, r *content.Report) {
	ast.Walk(b.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		link, ok := n.(*ast.Link)
		if !ok {
			return ast.WalkContinue, nil
		}
		dest := string(link.Destination)
		if dest == "" || IsExternal(dest) || strings.HasPrefix(dest, "/") {
			return ast.WalkContinue, nil
		}
		file, frag, _ := strings.Cut(dest, "#")
		file, query, hasQuery := strings.Cut(file, "?")
		// Links are URLs: %20 is a space, %23 a "#" in a file name.
		if unescaped, err := url.PathUnescape(file); err == nil {
			file = unescaped
		} else {
			r.Errorf(b.Source, b.pos(link), "broken link %q: %v", dest, err)
			return ast.WalkContinue, nil
		}
		if unescaped, err := url.PathUnescape(frag); err == nil {
			frag = unescaped
		}
		if file == "" {
			if frag == "" {
				return ast.WalkContinue, nil // a query alone, such as ?page=2
			}
			if !b.IDs[frag] {
				r.Errorf(b.Source, b.pos(link), "broken link %q: no heading with id %q on this page%s", dest, frag, content.Suggest(frag, content.SortedKeys(b.IDs)))
			}
			return ast.WalkContinue, nil
		}
		target := path.Join(path.Dir(b.Source), file)
		switch {
		case target == ".." || strings.HasPrefix(target, "../"):
			r.Errorf(b.Source, b.pos(link), "broken link %q: it points outside the site folder", dest)
			return ast.WalkContinue, nil
		case !strings.HasPrefix(target, "content/"):
			r.Errorf(b.Source, b.pos(link), "broken link %q: %s is not in content/, so it has no page", dest, target)
			return ast.WalkContinue, nil
		}
		b.Tried = append(b.Tried, target)
		t, found := targets[target]
		if !found {
			// A link to a content file, however its name is spelled, must
			// find it; other files (images, say) are left to the host.
			if ext := strings.ToLower(path.Ext(target)); strings.HasPrefix(ext, ".md") || strings.HasPrefix(ext, ".toml") {
				r.Errorf(b.Source, b.pos(link), "broken link %q: %s does not exist%s", dest, target, suggestPath(target, targets))
			}
			return ast.WalkContinue, nil
		}
		if t.Failed {
			return ast.WalkContinue, nil
		}
		if t.Draft {
			r.Warnf(b.Source, b.pos(link), "link %q goes to a draft article; it is shown as plain text until the article is published", dest)
			unlink(link)
			return ast.WalkSkipChildren, nil
		}
		if frag != "" && t.IDs != nil && !t.IDs[frag] {
			r.Errorf(b.Source, b.pos(link), "broken link %q: no heading with id %q in %s%s", dest, frag, target, content.Suggest(frag, content.SortedKeys(t.IDs)))
		}
		b.Links = append(b.Links, target)
		u := RelURL(b.PageURL, t.URL)
		if hasQuery {
			u += "?" + query
		}
		if frag != "" {
			u += "#" + frag
		}
		link.Destination = []byte(u)
		return ast.WalkContinue, nil
	})
}

// unlink replaces a link by its text.
func unlink(link *ast.Link) {
	parent := link.Parent()
	for c := link.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, link, c)
		c = next
	}
	parent.RemoveChild(parent, link)
}

func suggestPath(target string, targets map[string]Target) string {
	paths := make([]string, 0, len(targets))
	for p := range targets {
		if path.Dir(p) == path.Dir(target) {
			paths = append(paths, p)
		}
	}
	best := content.Suggest(path.Base(target), baseNames(paths))
	return best
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = path.Base(p)
	}
	return out
}

// IsExternal reports a link to another site or scheme, which is left as
// it is.
func IsExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	i := strings.IndexAny(dest, ":/?#")
	return i > 0 && dest[i] == ':'
}

// pos finds where a link starts in the file: its text begins one byte after
// the "[".
func (b *Body) pos(n ast.Node) content.Pos {
	off := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start - 1
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				off = p.Lines().At(0).Start
				break
			}
		}
	}
	off = max(off, 0)
	before := b.Src[:min(off, len(b.Src))]
	return content.Pos{
		Line: b.Line + bytes.Count(before, []byte("\n")),
		Col:  off - (bytes.LastIndexByte(before, '\n') + 1) + 1,
	}
}

// Render renders a parsed body, its links rewritten, to HTML.
func Render(md goldmark.Markdown, b *Body) (template.HTML, error) {
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, b.Src, b.Doc); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// headingIDs makes heading ids from heading text: lower case, letters and
// digits of any script kept, spaces and hyphens joined into single hyphens.
// goldmark's own drops non-ASCII letters.
// PageIDs are the ids of the elements the default theme's layouts put
// around a body: a heading is never given one of them ("Levels" becomes
// levels-1), so that no label or link of the page finds the wrong element.
var PageIDs = []string{"average", "gaps", "learn", "levels", "main", "matrix", "members", "people", "profile", "related", "roles", "rubric", "scale", "search-q", "search-results", "search-status", "targets"}

// Headings of the same text get base, base-1, base-2 and so on; next keeps
// the number each base is up to, so that a body with thousands of them
// takes no more than one try for each.
type headingIDs struct {
	used map[string]int
	next map[string]int
}

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	n := max(h.next[base], 1)
	for h.used[id] > 0 {
		id = base + "-" + strconv.Itoa(n)
		n++
	}
	if h.next == nil {
		h.next = map[string]int{}
	}
	h.next[base] = n
	h.used[id]++
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)]++ }

// Slug is the id of a heading with text s.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '_':
			dash = true
		}
	}
	return b.String()
}

// RelURL is the link from the page at URL from to the page at URL to, both
// relative to the site root ("" is the home page, "people/ana/" a person).
// Links are always relative so the site works under any host and sub-path.
func RelURL(from, to string) string {
	u := strings.Repeat("../", strings.Count(from, "/")) + to
	if u == "" {
		return "./"
	}
	return u
}

package render

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"portal/builder/model"
	"portal/builder/seal"
)

// A site published private seals each page that shows individuals: the
// page's title and the content of its <main> element are encrypted (see
// package seal) and the page keeps the rest, which says nothing of anyone:
// the header, the footer, and a note that the script js/private.js
// replaces with the content once it has decrypted it with the key in the
// link's fragment.

// personAudiences are who may read a person's pages: the person, their
// team's manager, and L&D.
func personAudiences(p *model.Person) []seal.Audience {
	if p.Team == nil {
		return []seal.Audience{seal.Person(p.ID), seal.LnD()}
	}
	return []seal.Audience{seal.Person(p.ID), seal.Team(p.Team.ID), seal.LnD()}
}

// teamURL is the address of a team's page as this page links it: its
// private page, which names the members, from a private page that a
// team's manager or L&D read, and its public page from any other.
func (p *Page) teamURL(id string) string {
	if p.sealFor != nil && !p.readByPerson() {
		if u := p.site.TeamMembersURL(id); u != "" {
			return u
		}
	}
	return model.TeamURL(id)
}

// readByPerson tells whether one of the page's readers is a person alone.
func (p *Page) readByPerson() bool {
	for _, a := range p.sealFor {
		if a.Kind == seal.KindPerson {
			return true
		}
	}
	return false
}

// seal replaces the page's HTML in buf, rendered in the clear, with its
// sealed form; with p.clear, it only marks the page as private.
func (p *Page) seal(buf *bytes.Buffer) error {
	page := buf.Bytes()
	title := bytes.Index(page, []byte("<title>"))
	titleEnd := bytes.Index(page, []byte("</title>"))
	head := bytes.Index(page, []byte("</head>"))
	main := bytes.Index(page, []byte("<main"))
	mainEnd := bytes.LastIndex(page, []byte("</main>"))
	var open int
	if main >= 0 {
		open = bytes.IndexByte(page[main:], '>')
	}
	if title < 0 || titleEnd < title || head < titleEnd || main < head || open < 0 || mainEnd < main+open {
		return fmt.Errorf("layout %s: a page published private needs a <title> in its <head>, and a <main> element after it, whose content is what the page seals", p.Kind)
	}
	inner := main + open + 1
	if p.person != nil {
		p.rec.add(model.KPerson, model.POwn, p.person.ID) // the team, whose manager reads it
	}
	if p.clear {
		var b bytes.Buffer
		b.Grow(len(page) + 300)
		b.Write(page[:inner])
		b.WriteString("\n<p class=\"private-mark\">Published encrypted: only ")
		b.WriteString(escapeText(readers(p.sealFor)))
		b.WriteString(" can open this page, with the link <code>portal links</code> gives them. Readers without one find nothing here.</p>")
		b.Write(page[inner:])
		buf.Reset()
		buf.Write(b.Bytes())
		return nil
	}
	// Every sealed page loads the same scripts, and its body and header
	// say nothing of its kind: the shell of a person's page without
	// charts, say, would tell that they have not been assessed.
	var scripts []string
	if !bytes.Contains(page[titleEnd:head], []byte("js/portal.")) {
		scripts = append(scripts, "vendor/echarts/echarts.min.js", "js/portal.js")
	}
	if !bytes.Contains(page[titleEnd:head], []byte("js/export.")) {
		scripts = append(scripts, "js/export.js")
	}
	scripts = append(scripts, "js/private.js")
	for i, s := range scripts {
		var err error
		if scripts[i], err = p.Asset(s); err != nil {
			return err
		}
	}
	// What is sealed is the page's title, a NUL (which no page holds: it
	// is escaped), and the content of its <main>.
	plain := make([]byte, 0, titleEnd-title+mainEnd-inner)
	plain = append(plain, html.UnescapeString(string(page[title+len("<title>"):titleEnd]))...)
	plain = append(plain, 0)
	plain = append(plain, page[inner:mainEnd]...)
	box := p.site.Keys.Seal(p.URL, plain, p.sealFor)
	var b bytes.Buffer
	b.Grow(head + len(box) + len(page) - mainEnd + 1024)
	b.Write(page[:title+len("<title>")])
	b.WriteString("Private page")
	if t := p.site.Config.Title; t != "" {
		b.WriteString(" · ")
		b.WriteString(escapeText(t))
	}
	b.Write(page[titleEnd:head])
	for _, s := range scripts {
		b.WriteString(`<script defer src="`)
		b.WriteString(escapeText(s))
		b.WriteString("\"></script>\n")
	}
	body := string(page[head:inner])
	body = strings.Replace(body, `<body class="kind-`+p.Kind+`"`, `<body class="kind-private"`, 1)
	body = strings.ReplaceAll(body, ` aria-current="page"`, "")
	b.WriteString(body)
	b.WriteString(`
<div class="wrap sealed" id="sealed-note" role="status">
<h1>Private page</h1>
<p>Opening this page…</p>
<noscript><p>This page is private: it opens with JavaScript, which is off in this browser.</p></noscript>
</div>
<script type="application/json" id="sealed-page" data-url="`)
	b.WriteString(escapeText(p.URL))
	b.WriteString(`">`)
	b.Write(box)
	b.WriteString("</script>\n")
	b.Write(page[mainEnd:])
	buf.Reset()
	buf.Write(b.Bytes())
	return nil
}

// readers names the audiences of a private page for its author.
func readers(to []seal.Audience) string {
	var names []string
	for _, a := range to {
		switch a.Kind {
		case seal.KindPerson:
			names = append(names, "this person")
		case seal.KindTeam:
			names = append(names, "the team's manager")
		case seal.KindLnD:
			names = append(names, "L&D")
		}
	}
	switch len(names) {
	case 0:
		return "nobody"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

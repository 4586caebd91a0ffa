package builder

import (
	"encoding/json"
	"html"
	"strings"
	"unicode/utf8"
)

// searchDoc is one entry of the search index the theme's search box loads:
// every competency, role, team, person and article, with the text to search.
type searchDoc struct {
	ID      int    `json:"id"`
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Summary string `json:"summary,omitempty"`
	Text    string `json:"text,omitempty"`
	URL     string `json:"url"` // relative to the site root
}

// searchText caps the body text indexed per page: the start of a page says
// what it is about, and the index stays small enough to load on a phone.
const searchText = 1200

// searchIndex is search.json: the documents of the search box, in a fixed
// order so that the file is the same on every build.
func (s *Site) searchIndex() ([]byte, error) {
	var docs []searchDoc
	add := func(kind, title, summary, source, url string) {
		docs = append(docs, searchDoc{ID: len(docs), Kind: kind, Title: title, Summary: summary, Text: s.texts[source], URL: url})
	}
	for _, c := range s.Competencies {
		add("Competency", c.Title, c.Summary, c.Source, "competencies/"+c.ID+"/")
	}
	for _, r := range s.Roles {
		add("Role", r.Title, r.Summary, r.Source, "roles/"+r.ID+"/")
	}
	for _, t := range s.Teams {
		add("Team", t.Name, t.Description, "", "teams/"+t.ID+"/")
	}
	for _, p := range s.People {
		var parts []string
		for _, part := range []string{p.JobTitle, nameOf(p.Team), titleOf(p.Role)} {
			if part != "" {
				parts = append(parts, part)
			}
		}
		add("Person", p.Name, strings.Join(parts, " · "), "", "people/"+p.ID+"/")
	}
	for _, a := range s.Articles {
		add("Article", a.Title, a.Summary, a.Source, "articles/"+a.ID+"/")
	}
	return json.Marshal(docs)
}

func nameOf(t *Team) string {
	if t == nil {
		return ""
	}
	return t.Name
}

func titleOf(r *Role) string {
	if r == nil {
		return ""
	}
	return r.Title
}

// plainText is the text of rendered HTML, with tags dropped, entities
// decoded and white space collapsed, cut at about max bytes on a word.
func plainText(h string, max int) string {
	var b strings.Builder
	inTag := false
	space := false
	for _, r := range h {
		switch {
		case r == '<':
			inTag = true
			space = true
		case r == '>' && inTag:
			inTag = false
		case inTag:
		case r == ' ' || r == '\n' || r == '\t' || r == '\r':
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
		if b.Len() >= max*2 {
			break
		}
	}
	text := html.UnescapeString(b.String())
	if len(text) <= max {
		return text
	}
	cut := strings.LastIndexByte(text[:max], ' ')
	if cut < 0 {
		cut = max
		for !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return text[:cut]
}

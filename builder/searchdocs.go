package builder

import (
	"portal/builder/model"
	"portal/builder/search"
)

// searchDocs lists the documents in a fixed order.
func searchDocs(s *model.Site) []search.Doc {
	docs := make([]search.Doc, 0, len(s.Competencies)+len(s.Roles)+len(s.Teams)+len(s.People)+len(s.Articles))
	add := func(kind int, title, summary, source, url string) {
		docs = append(docs, search.Doc{Kind: kind, Title: title, Summary: summary, Text: s.TextBySource[source], URL: url})
	}
	for _, c := range s.Competencies {
		add(0, c.Title, c.Summary, c.Source, model.CompetencyURL(c.ID))
	}
	for _, r := range s.Roles {
		add(1, r.Title, r.Summary, r.Source, model.RoleURL(r.ID))
	}
	for _, t := range s.Teams {
		add(2, t.Name, t.Description, "", model.TeamURL(t.ID))
	}
	for _, p := range s.People {
		docs = append(docs, personDoc(p))
	}
	for _, a := range s.Articles {
		add(4, a.Title, a.Summary, a.Source, model.ArticleURL(a.ID))
	}
	return docs
}

// personDoc is a person's document: their name, with job title, team and
// role as its summary.
func personDoc(p *model.Person) search.Doc {
	summary := p.JobTitle
	for _, part := range [...]string{nameOf(p.Team), titleOf(p.Role)} {
		if part != "" && summary != "" {
			summary += " · " + part
		} else if part != "" {
			summary = part
		}
	}
	return search.Doc{Kind: 3, Title: p.Name, Summary: summary, URL: model.PersonURL(p.ID)}
}

func nameOf(t *model.Team) string {
	if t == nil {
		return ""
	}
	return t.Name
}

func titleOf(r *model.Role) string {
	if r == nil {
		return ""
	}
	return r.Title
}

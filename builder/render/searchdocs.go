package render

import (
	"portal/builder/model"
	"portal/builder/search"
)

// searchDocs lists the documents in a fixed order: competencies, roles,
// teams, people (unless the site is public), articles, each in the order of
// its list. A document that
// kept gives is taken as it is; the others are made, recording their keys
// into the recorder rec gives, which done is then handed.
func searchDocs(s *model.Site, kept func(url string) (search.Doc, bool), rec func(url string) *recorder, done func(url string, r *recorder)) []search.Doc {
	docs := make([]search.Doc, 0, len(s.Competencies)+len(s.Roles)+len(s.Teams)+len(s.People)+len(s.Articles))
	add := func(kind model.Kind, id, url string) {
		if kept != nil {
			if d, ok := kept(url); ok {
				docs = append(docs, d)
				return
			}
		}
		var r *recorder
		if rec != nil {
			r = rec(url)
		}
		docs = append(docs, searchDoc(s, kind, id, r))
		if done != nil {
			done(url, r)
		}
	}
	for _, c := range s.Competencies {
		add(model.KCompetency, c.ID, model.CompetencyURL(c.ID))
	}
	for _, x := range s.Roles {
		add(model.KRole, x.ID, model.RoleURL(x.ID))
	}
	for _, t := range s.Teams {
		add(model.KTeam, t.ID, model.TeamURL(t.ID))
	}
	if !s.Config.Privacy.Public() { // a public site has no pages of people
		for _, p := range s.People {
			add(model.KPerson, p.ID, model.PersonURL(p.ID))
		}
	}
	for _, a := range s.Articles {
		add(model.KArticle, a.ID, model.ArticleURL(a.ID))
	}
	return docs
}

// searchDoc makes the document of a thing of the model, recording into r
// the keys it reads.
func searchDoc(s *model.Site, kind model.Kind, id string, r *recorder) search.Doc {
	text := func(source string) string { return s.TextBySource[source] }
	switch kind {
	case model.KCompetency:
		c := s.CompetencyByID[id]
		r.add(model.KCompetency, model.POwn, c.ID)
		r.add(model.KCompetency, model.PBody, c.ID)
		return search.Doc{Kind: 0, Title: c.Title, Summary: c.Summary, Text: text(c.Source), URL: model.CompetencyURL(c.ID)}
	case model.KRole:
		x := s.RoleByID[id]
		r.add(model.KRole, model.POwn, x.ID)
		r.add(model.KRole, model.PBody, x.ID)
		return search.Doc{Kind: 1, Title: x.Title, Summary: x.Summary, Text: text(x.Source), URL: model.RoleURL(x.ID)}
	case model.KTeam:
		t := s.TeamByID[id]
		r.add(model.KTeam, model.POwn, t.ID)
		return search.Doc{Kind: 2, Title: t.Name, Summary: t.Description, URL: model.TeamURL(t.ID)}
	case model.KPerson:
		p := s.PersonByID[id]
		r.add(model.KPerson, model.POwn, p.ID)
		if p.Team != nil {
			r.add(model.KTeam, model.PName, p.Team.ID)
		}
		if p.Role != nil {
			r.add(model.KRole, model.PName, p.Role.ID)
		}
		return personDoc(p)
	default:
		a := s.ArticleByID[id]
		r.add(model.KArticle, model.POwn, a.ID)
		r.add(model.KArticle, model.PBody, a.ID)
		return search.Doc{Kind: 4, Title: a.Title, Summary: a.Summary, Text: text(a.Source), URL: model.ArticleURL(a.ID)}
	}
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

// SearchDocs returns the documents of the search index of s, one for each
// competency, role, team, person and article, in the order of the index.
func SearchDocs(s *model.Site) []search.Doc { return searchDocs(s, nil, nil, nil) }

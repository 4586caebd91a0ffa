package builder

import (
	"portal/builder/model"
	"portal/builder/search"
)

// searchDocs lists the documents in a fixed order: competencies, roles,
// teams, people, articles, each in the order of its list. A document that
// kept gives is taken as it is; the others are made, recording their keys
// into the recorder rec gives, which done is then handed.
func searchDocs(s *model.Site, kept func(url string) (search.Doc, bool), rec func(url string) *recorder, done func(url string, r *recorder)) []search.Doc {
	docs := make([]search.Doc, 0, len(s.Competencies)+len(s.Roles)+len(s.Teams)+len(s.People)+len(s.Articles))
	add := func(url string, make func(r *recorder) search.Doc) {
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
		docs = append(docs, make(r))
		if done != nil {
			done(url, r)
		}
	}
	text := func(source string) string { return s.TextBySource[source] }
	for _, c := range s.Competencies {
		add(model.CompetencyURL(c.ID), func(r *recorder) search.Doc {
			r.add(model.KCompetency, model.POwn, c.ID)
			r.add(model.KCompetency, model.PBody, c.ID)
			return search.Doc{Kind: 0, Title: c.Title, Summary: c.Summary, Text: text(c.Source), URL: model.CompetencyURL(c.ID)}
		})
	}
	for _, x := range s.Roles {
		add(model.RoleURL(x.ID), func(r *recorder) search.Doc {
			r.add(model.KRole, model.POwn, x.ID)
			r.add(model.KRole, model.PBody, x.ID)
			return search.Doc{Kind: 1, Title: x.Title, Summary: x.Summary, Text: text(x.Source), URL: model.RoleURL(x.ID)}
		})
	}
	for _, t := range s.Teams {
		add(model.TeamURL(t.ID), func(r *recorder) search.Doc {
			r.add(model.KTeam, model.POwn, t.ID)
			return search.Doc{Kind: 2, Title: t.Name, Summary: t.Description, URL: model.TeamURL(t.ID)}
		})
	}
	for _, p := range s.People {
		add(model.PersonURL(p.ID), func(r *recorder) search.Doc {
			r.add(model.KPerson, model.POwn, p.ID)
			if p.Team != nil {
				r.add(model.KTeam, model.PName, p.Team.ID)
			}
			if p.Role != nil {
				r.add(model.KRole, model.PName, p.Role.ID)
			}
			return personDoc(p)
		})
	}
	for _, a := range s.Articles {
		add(model.ArticleURL(a.ID), func(r *recorder) search.Doc {
			r.add(model.KArticle, model.POwn, a.ID)
			r.add(model.KArticle, model.PBody, a.ID)
			return search.Doc{Kind: 4, Title: a.Title, Summary: a.Summary, Text: text(a.Source), URL: model.ArticleURL(a.ID)}
		})
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

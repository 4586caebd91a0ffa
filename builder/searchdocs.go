package builder

import (
	"portal/builder/model"
	"portal/builder/search"
)

// searchDocs lists the documents in a fixed order: competencies, roles,
// teams, people, articles, each in the order of its list. With rec, the keys
// that the order reads are recorded into list, and those of document i into
// rec(i).
func searchDocs(s *model.Site, list *recorder, rec func(i int) *recorder) []search.Doc {
	for _, part := range [...]model.Part{model.PCompetencies, model.PRoles, model.PTeams, model.PPeople, model.PArticles} {
		list.add(model.KSite, part, "")
	}
	docs := make([]search.Doc, len(s.Competencies)+len(s.Roles)+len(s.Teams)+len(s.People)+len(s.Articles))
	for i := range docs {
		var r *recorder
		if rec != nil {
			r = rec(i)
		}
		docs[i] = searchDoc(s, i, r)
	}
	return docs
}

// searchDoc makes document i of the list searchDocs makes, recording into r
// the keys it reads.
func searchDoc(s *model.Site, i int, r *recorder) search.Doc {
	doc := func(kind int, title, summary, source, url string) search.Doc {
		return search.Doc{Kind: kind, Title: title, Summary: summary, Text: s.TextBySource[source], URL: url}
	}
	if i < len(s.Competencies) {
		c := s.Competencies[i]
		r.add(model.KCompetency, model.POwn, c.ID)
		r.add(model.KCompetency, model.PBody, c.ID)
		return doc(0, c.Title, c.Summary, c.Source, model.CompetencyURL(c.ID))
	}
	i -= len(s.Competencies)
	if i < len(s.Roles) {
		x := s.Roles[i]
		r.add(model.KRole, model.POwn, x.ID)
		r.add(model.KRole, model.PBody, x.ID)
		return doc(1, x.Title, x.Summary, x.Source, model.RoleURL(x.ID))
	}
	i -= len(s.Roles)
	if i < len(s.Teams) {
		t := s.Teams[i]
		r.add(model.KTeam, model.POwn, t.ID)
		return doc(2, t.Name, t.Description, "", model.TeamURL(t.ID))
	}
	i -= len(s.Teams)
	if i < len(s.People) {
		p := s.People[i]
		r.add(model.KPerson, model.POwn, p.ID)
		if p.Team != nil {
			r.add(model.KTeam, model.PName, p.Team.ID)
		}
		if p.Role != nil {
			r.add(model.KRole, model.PName, p.Role.ID)
		}
		return personDoc(p)
	}
	a := s.Articles[i-len(s.People)]
	r.add(model.KArticle, model.POwn, a.ID)
	r.add(model.KArticle, model.PBody, a.ID)
	return doc(4, a.Title, a.Summary, a.Source, model.ArticleURL(a.ID))
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

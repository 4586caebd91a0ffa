package builder

import (
	"portal/builder/model"
	"portal/builder/search"
)

// searchDocs lists the documents in a fixed order, recording into r the
// keys they read.
func searchDocs(s *model.Site, r *recorder) []search.Doc {
	docs := make([]search.Doc, 0, len(s.Competencies)+len(s.Roles)+len(s.Teams)+len(s.People)+len(s.Articles))
	add := func(kind int, title, summary, source, url string) {
		docs = append(docs, search.Doc{Kind: kind, Title: title, Summary: summary, Text: s.TextBySource[source], URL: url})
	}
	for _, part := range [...]model.Part{model.PCompetencies, model.PRoles, model.PTeams, model.PPeople, model.PArticles} {
		r.add(model.KSite, part, "")
	}
	for _, c := range s.Competencies {
		r.add(model.KCompetency, model.POwn, c.ID)
		r.add(model.KCompetency, model.PBody, c.ID)
		add(0, c.Title, c.Summary, c.Source, model.CompetencyURL(c.ID))
	}
	for _, x := range s.Roles {
		r.add(model.KRole, model.POwn, x.ID)
		r.add(model.KRole, model.PBody, x.ID)
		add(1, x.Title, x.Summary, x.Source, model.RoleURL(x.ID))
	}
	for _, t := range s.Teams {
		r.add(model.KTeam, model.POwn, t.ID)
		add(2, t.Name, t.Description, "", model.TeamURL(t.ID))
	}
	for _, p := range s.People {
		r.add(model.KPerson, model.POwn, p.ID)
		docs = append(docs, personDoc(p))
	}
	for _, a := range s.Articles {
		r.add(model.KArticle, model.POwn, a.ID)
		r.add(model.KArticle, model.PBody, a.ID)
		add(4, a.Title, a.Summary, a.Source, model.ArticleURL(a.ID))
	}
	return docs
}

// personDoc is a person's document: their name, with job title, team and
// role as its summary. A person's own keys cover the ids of their team and
// role; the team's name and the role's title are recorded by the team's and
// the role's own documents, which every index has.
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

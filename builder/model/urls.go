package model

import (
	"strconv"
	"strings"

	"portal/builder/seal"
)

// The address of each page, relative to the site root: the one place that
// says it. A page's file is its address with index.html added.
const (
	HomeURL      = ""
	FrameworkURL = "competencies/"
	RolesURL     = "roles/"
	TeamsURL     = "teams/"
	PeopleURL    = "people/"
	ArticlesURL  = "articles/"
	InsightsURL  = "insights/"
	NotFoundURL  = "404.html"
)

// CompetencyURL is the address of a competency's page.
func CompetencyURL(id string) string { return "competencies/" + id + "/" }

// CategoryURL is the address of a category: its part of the framework page.
func CategoryURL(id string) string { return FrameworkURL + "#" + id }

// CategoryPageURL is the address of a category's own page, which sets its
// competencies' levels side by side, where the theme has one.
func CategoryPageURL(id string) string { return "categories/" + id + "/" }

// RoleURL is the address of a role's page.
func RoleURL(id string) string { return "roles/" + id + "/" }

// TeamURL is the address of a team's page.
func TeamURL(id string) string { return "teams/" + id + "/" }

// PersonURL is the address of a person's page.
func PersonURL(id string) string { return "people/" + id + "/" }

// ArticleURL is the address of an article's page.
func ArticleURL(id string) string { return "articles/" + id + "/" }

// PeoplePageURL is the address of the n-th page of the people list,
// counting from 1.
func PeoplePageURL(n int) string {
	if n == 1 {
		return PeopleURL
	}
	return "people/page/" + strconv.Itoa(n) + "/"
}

// PrivateURL is the address of a private page: its opaque name under
// private/.
func PrivateURL(name string) string { return "private/" + name + "/" }

// PersonURL is the address of a person's page on this site: an opaque one
// when it is published private.
func (s *Site) PersonURL(id string) string {
	if s.Keys != nil {
		return PrivateURL(s.Keys.Path(seal.KindPerson, id))
	}
	return PersonURL(id)
}

// TeamMembersURL is the address of the private page of a team, which names
// its members with their levels, on a site published private; "" on any
// other, where the team's one page is at TeamURL.
func (s *Site) TeamMembersURL(id string) string {
	if s.Keys == nil {
		return ""
	}
	return PrivateURL(s.Keys.Path(seal.KindTeam, id))
}

// PeoplePageURL is the address of the n-th page of the people list on
// this site: an opaque one when it is published private, for only the
// L&D team reads it.
func (s *Site) PeoplePageURL(n int) string {
	if s.Keys != nil {
		return PrivateURL(s.Keys.Path(seal.KindPeople, strconv.Itoa(n)))
	}
	return PeoplePageURL(n)
}

// InsightsURL is the address of the insights page that names people, on
// a site published private: the copy sealed for L&D. "" on any other,
// where the one insights page is at InsightsURL.
func (s *Site) InsightsURL() string {
	if s.Keys == nil {
		return ""
	}
	return PrivateURL(s.Keys.Path(seal.KindInsights, ""))
}

// ThingAt returns the kind and id of the thing whose page is at url, as the
// functions above make it, or false for a page of no one thing.
func ThingAt(url string) (Kind, string, bool) {
	kind, rest, ok := strings.Cut(url, "/")
	id, tail, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || tail != "" || id == "" {
		return 0, "", false
	}
	switch kind {
	case "competencies":
		return KCompetency, id, true
	case "roles":
		return KRole, id, true
	case "teams":
		return KTeam, id, true
	case "people":
		return KPerson, id, id != "page"
	case "articles":
		return KArticle, id, true
	}
	return 0, "", false
}

package model

import (
	"maps"
	"slices"
	"testing"
)

// site is a small model: two competencies, a role, a team, two people.
func site() *Site {
	s := &Site{Scale: []Level{{0, "None", ""}, {1, "Some", ""}, {2, "Much", ""}}}
	cat := &Category{ID: "core", Title: "Core"}
	a := &Competency{ID: "a", Title: "A", Category: cat, Rank: 0}
	b := &Competency{ID: "b", Title: "B", Category: cat, Rank: 1}
	cat.Competencies = []*Competency{a, b}
	r := &Role{ID: "lead", Title: "Lead", Targets: []Target{{a, 2}}}
	t := &Team{ID: "ops", Name: "Ops"}
	ann := &Person{ID: "ann", Name: "Ann", Team: t, Role: r, Standings: []Standing{{Competency: a, Current: 1, Target: 2, Short: 1, HasCurrent: true, HasTarget: true}}}
	bo := &Person{ID: "bo", Name: "Bo", Team: t, Role: r}
	t.Members = []*Person{ann, bo}
	r.People = []*Person{ann, bo}
	s.Categories, s.Competencies, s.Roles, s.Teams, s.People = []*Category{cat}, []*Competency{a, b}, []*Role{r}, []*Team{t}, []*Person{ann, bo}
	return s
}

func keys(m map[Key]bool) []Key {
	return slices.SortedFunc(maps.Keys(m), func(x, y Key) int {
		if x.Kind != y.Kind {
			return int(x.Kind) - int(y.Kind)
		}
		if x.Part != y.Part {
			return int(x.Part) - int(y.Part)
		}
		return map[bool]int{true: -1, false: 1}[x.ID < y.ID]
	})
}

// TestChanged checks that each kind of edit changes the keys of the parts
// it changes and no others.
func TestChanged(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(s *Site)
		want []Key
	}{
		{"nothing", func(s *Site) {}, nil},
		{"a person's job title", func(s *Site) { s.People[0].JobTitle = "Boss" }, []Key{{KPerson, POwn, "ann"}}},
		{"a person's name", func(s *Site) { s.People[1].Name = "Bob" }, []Key{{KPerson, POwn, "bo"}, {KPerson, PName, "bo"}}},
		{"a level, in new standings", func(s *Site) {
			p := s.People[0]
			p.Standings = slices.Clone(p.Standings)
			p.Standings[0].Current = 2
		}, []Key{{KPerson, PStandings, "ann"}}},
		{"a team's matrix, made again", func(s *Site) {
			t := s.Teams[0]
			t.Competencies = []*Competency{s.Competencies[0]}
			t.Summary = []TeamStanding{{Competency: s.Competencies[0], Average: 1, Rated: 1}}
		}, []Key{{KTeam, PMatrix, "ops"}}},
		{"a team's description", func(s *Site) { s.Teams[0].Description = "Runs things" }, []Key{{KTeam, POwn, "ops"}}},
		{"a role's title", func(s *Site) { s.Roles[0].Title = "Leader" }, []Key{{KRole, POwn, "lead"}, {KRole, PName, "lead"}}},
		{"a descriptor", func(s *Site) { s.Competencies[1].Descriptors = []Descriptor{{s.Scale[1], "Does it"}} }, []Key{{KCompetency, PText, "b"}}},
		{"the order of people", func(s *Site) { s.People[0], s.People[1] = s.People[1], s.People[0] }, []Key{{KSite, PPeople, ""}}},
		{"a person gone", func(s *Site) { s.People = s.People[:1] }, []Key{
			{KSite, PPeople, ""}, {KSite, PPeople, CountID}, {KPerson, POwn, "bo"}, {KPerson, PStandings, "bo"}, {KPerson, PName, "bo"},
		}},
	} {
		s := site()
		before := Fingerprints(s, nil)
		c.edit(s)
		got := Changed(before, Fingerprints(s, before))
		want := map[Key]bool{}
		for _, k := range c.want {
			want[k] = true
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: changed %v, want %v", c.name, keys(got), c.want)
		}
	}
}

// TestPrintsOfSameModel checks that the prints of one model, worked out
// twice, and of two models built alike, are the same.
func TestPrintsOfSameModel(t *testing.T) {
	a, b := site(), site()
	pa := Fingerprints(a, nil)
	if ch := Changed(pa, Fingerprints(a, pa)); len(ch) > 0 {
		t.Errorf("the same model changed %v", keys(ch))
	}
	if ch := Changed(pa, Fingerprints(b, nil)); len(ch) > 0 {
		t.Errorf("a model built alike changed %v", keys(ch))
	}
}

// TestThingAt checks that the address of each page of one thing reads back
// as that thing, and that no other page does.
func TestThingAt(t *testing.T) {
	for url, want := range map[string]Kind{
		CompetencyURL("a-b"): KCompetency, RoleURL("lead"): KRole, TeamURL("ops"): KTeam,
		PersonURL("ann"): KPerson, ArticleURL("x"): KArticle,
	} {
		if kind, id, ok := ThingAt(url); !ok || kind != want || url != map[Kind]func(string) string{
			KCompetency: CompetencyURL, KRole: RoleURL, KTeam: TeamURL, KPerson: PersonURL, KArticle: ArticleURL,
		}[kind](id) {
			t.Errorf("ThingAt(%q) = %v, %q, %v", url, kind, id, ok)
		}
	}
	for _, url := range []string{HomeURL, FrameworkURL, PeopleURL, PeoplePageURL(2), ArticlesURL, NotFoundURL, "people/ann/x/"} {
		if _, _, ok := ThingAt(url); ok {
			t.Errorf("ThingAt(%q) names a thing", url)
		}
	}
}

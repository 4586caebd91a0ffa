package model

import (
	"cmp"
	"slices"
)

// A preview build after an edit loads the whole model again when the edit
// cannot be applied in place: a file added or removed, an article's date
// changed. Most of what derive works out then is as it was: the standings
// of 10,000 people, who were rated in the same cycles against the same
// targets, and the matrices of their teams. Those are taken from the last
// good build's model, with their pointers moved to the new model's
// competencies and their articles chosen again (articles may have changed).

// prior is the last good build's model, as far as derive may take from it.
// A nil prior takes nothing.
type prior struct {
	site  *Site
	roles map[string]bool // ids of the roles whose targets are as they were
	// rank maps the rank of each competency in the last build to its rank
	// now; moved is true when one changed.
	rank  []int
	moved bool
}

// prior returns what derive may take from the last good build: nothing
// unless the scale, the competencies (perhaps in another order) and the
// cycles (the very same checked cycles, which edits in place change
// together with the standings of the people they rate) are as they were.
func newPrior(old, s *Site) *prior {
	if old == nil || !slices.Equal(old.Scale, s.Scale) || !slices.Equal(old.Cycles, s.Cycles) || len(old.Competencies) != len(s.Competencies) {
		return nil
	}
	pr := &prior{site: old, roles: map[string]bool{}, rank: make([]int, len(old.Competencies))}
	for i, c := range old.Competencies {
		now := s.CompetencyByID[c.ID]
		if now == nil {
			return nil
		}
		pr.rank[i] = now.Rank
		pr.moved = pr.moved || now.Rank != i
	}
	for _, r := range s.Roles {
		if o := old.RoleByID[r.ID]; o != nil && sameRoleTargets(o.Targets, r.Targets) {
			pr.roles[r.ID] = true
		}
	}
	return pr
}

// sameRoleTargets reports whether two roles target the same levels of the same
// competencies, in whatever order.
func sameRoleTargets(a, b []Target) bool {
	if len(a) != len(b) {
		return false
	}
	levels := make(map[string]int, len(a))
	for _, t := range a {
		levels[t.Competency.ID] = t.Level
	}
	for _, t := range b {
		if n, ok := levels[t.Competency.ID]; !ok || n != t.Level {
			return false
		}
	}
	return true
}

// person returns p as the last build had them when their standings hold as
// they are: they had the same role, whose targets are as they were, and
// (with the same cycles) the same ratings. It returns nil otherwise.
func (pr *prior) person(p *Person) *Person {
	if pr == nil {
		return nil
	}
	o := pr.site.PersonByID[p.ID]
	if o == nil || p.Role == nil || o.Role == nil || o.Role.ID != p.Role.ID || !pr.roles[p.Role.ID] {
		return nil
	}
	return o
}

// team returns t as the last build had it when its matrix holds as it is:
// the same members, in the same order, each with their standings taken,
// and the columns in the same order.
func (pr *prior) team(t *Team) *Team {
	if pr == nil || pr.moved {
		return nil
	}
	o := pr.site.TeamByID[t.ID]
	if o == nil || len(o.Members) != len(t.Members) {
		return nil
	}
	for i, p := range t.Members {
		if o.Members[i].ID != p.ID || pr.person(p) == nil {
			return nil
		}
	}
	return o
}

// keepStandings gives p the standings and gaps of old, the same person in
// the last build, as standings would work them out again, and counts them
// in w.
func (d *Deriver) keepStandings(w *Worker, pr *prior, p, old *Person) {
	comps, lo := d.site.Competencies, d.scaleMin
	p.Standings = slices.Clone(old.Standings)
	for i := range p.Standings {
		st := &p.Standings[i]
		rank := pr.rank[st.Competency.Rank]
		st.Competency = comps[rank]
		if st.HasCurrent {
			w.rated[rank]++
			w.dist[rank][d.scaleIndex[st.Current-lo]]++
		}
	}
	p.Gaps = slices.Clone(old.Gaps)
	for i := range p.Gaps {
		g := &p.Gaps[i]
		g.Competency = comps[pr.rank[g.Competency.Rank]]
		g.Articles = w.articlesFor(g.Competency, g.Current, g.Target)
	}
	if pr.moved {
		// In the new framework order; gaps largest first, then in that
		// order, as standings sorts them.
		slices.SortFunc(p.Standings, func(a, b Standing) int { return cmp.Compare(a.Competency.Rank, b.Competency.Rank) })
		slices.SortFunc(p.Gaps, func(a, b Gap) int {
			return cmp.Or(cmp.Compare(b.Size, a.Size), cmp.Compare(a.Competency.Rank, b.Competency.Rank))
		})
	}
	p.NotRated, p.Assessed, p.LastAssessed = old.NotRated, old.Assessed, old.LastAssessed
	p.LastManager, p.LastSelf, p.LastPeer, p.Cycles = old.LastManager, old.LastSelf, old.LastPeer, old.Cycles
}

// keepMatrix gives t the columns, averages and gaps of old, the same team
// in the last build, as teamMatrix would work them out again.
func keepMatrix(t, old *Team, comps []*Competency, choose func(c *Competency, current, target int) []*Article) {
	t.Competencies = make([]*Competency, len(old.Competencies))
	column := make(map[int]int, len(old.Competencies)) // rank -> column
	for j, c := range old.Competencies {
		t.Competencies[j] = comps[c.Rank]
		column[c.Rank] = j
	}
	t.Summary = slices.Clone(old.Summary)
	for j := range t.Summary {
		t.Summary[j].Competency = t.Competencies[j]
	}
	t.Gaps = slices.Clone(old.Gaps)
	for i := range t.Gaps {
		g := &t.Gaps[i]
		g.Competency = comps[g.Competency.Rank]
		avg := t.Summary[column[g.Competency.Rank]]
		g.Articles = choose(g.Competency, int(avg.Average), int(avg.Target+0.5))
	}
}

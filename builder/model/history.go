package model

import (
	"cmp"
	"slices"
)

// Timeline is the cycles a person's history follows: the manager reviews
// that rated them, oldest first, or every cycle that did when no manager
// review has. Self and peer ratings are not mixed into a manager's line.
func (p *Person) Timeline() []*Cycle {
	var out []*Cycle
	for _, c := range p.Cycles {
		if c.Kind == "manager" {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return p.Cycles
	}
	return out
}

// LevelsIn is st's level in each cycle of timeline, nil where that cycle
// did not rate it.
func (st *Standing) LevelsIn(timeline []*Cycle) []*int {
	out := make([]*int, len(timeline))
	st.LevelsInto(timeline, out)
	return out
}

// LevelsInto writes st's level in each cycle of timeline into out, as
// long as timeline, leaving nil where that cycle did not rate it.
func (st *Standing) LevelsInto(timeline []*Cycle, out []*int) {
	j := 0
	for i := range st.History {
		pt := &st.History[i]
		for j < len(timeline) && timeline[j].Date.Before(pt.Cycle.Date) {
			j++
		}
		for k := j; k < len(timeline) && timeline[k].Date.Equal(pt.Cycle.Date); k++ {
			if timeline[k] == pt.Cycle {
				out[k] = &pt.Level
			}
		}
	}
}

// Progress is how many of a person's role targets were met after one
// cycle of their timeline: each with the latest level up to that cycle.
type Progress struct {
	Cycle *Cycle
	// Met targets have a level at or above them, Rated targets have a
	// level; Targets are the role's, as it is now.
	Met, Rated, Targets int
}

// Share is the percentage of the targets met, rounded down, or 0.
func (pr Progress) Share() int {
	if pr.Targets == 0 {
		return 0
	}
	return 100 * pr.Met / pr.Targets
}

// ProgressOver is the person's progress after each cycle of timeline
// against the targets of their role now; nil without a role or targets.
func (p *Person) ProgressOver(timeline []*Cycle) []Progress {
	if p.Role == nil || len(p.Role.Targets) == 0 {
		return nil
	}
	out := make([]Progress, len(timeline))
	for i, c := range timeline {
		out[i] = Progress{Cycle: c, Targets: len(p.Role.Targets)}
	}
	for i := range p.Standings {
		st := &p.Standings[i]
		if !st.HasTarget {
			continue
		}
		var last *int
		for k, l := range st.LevelsIn(timeline) {
			if l != nil {
				last = l
			}
			if last != nil {
				out[k].Rated++
				if *last >= st.Target {
					out[k].Met++
				}
			}
		}
	}
	return out
}

// TeamTimeline is the manager reviews that rated any member of t, oldest
// first.
func TeamTimeline(t *Team) []*Cycle {
	var out []*Cycle
	for _, m := range t.Members {
		for _, c := range m.Cycles {
			if c.Kind == "manager" && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b *Cycle) int { return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID)) })
	return out
}

// TeamProgress is t's progress after each cycle of timeline: its members'
// targets met, each with the latest level up to then, added up.
func TeamProgress(t *Team, timeline []*Cycle) []Progress {
	out := make([]Progress, len(timeline))
	for i, c := range timeline {
		out[i].Cycle = c
	}
	for _, m := range t.Members {
		for i, pr := range m.ProgressOver(timeline) {
			out[i].Met += pr.Met
			out[i].Rated += pr.Rated
			out[i].Targets += pr.Targets
		}
	}
	return out
}

// MemberLevel is a member's current level in a competency and their
// role's target in it.
type MemberLevel struct {
	Person          *Person
	Current, Target int
}

// Split sorts t's members rated in c against a target into those below it,
// in member order, and those at or above it, who could help them, highest
// level first.
func (t *Team) Split(c *Competency) (below, atOrAbove []MemberLevel) {
	for _, m := range t.Members {
		st := m.Standing(c.ID)
		if st == nil || !st.HasCurrent || !st.HasTarget {
			continue
		}
		if st.Current < st.Target {
			below = append(below, MemberLevel{m, st.Current, st.Target})
		} else {
			atOrAbove = append(atOrAbove, MemberLevel{m, st.Current, st.Target})
		}
	}
	slices.SortStableFunc(atOrAbove, func(a, b MemberLevel) int { return cmp.Compare(b.Current, a.Current) })
	return below, atOrAbove
}

package model

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

// Changed tells whether st's level differs between two cycles of timeline.
func (st *Standing) Changed(timeline []*Cycle) bool {
	var first *int
	for _, l := range st.LevelsIn(timeline) {
		switch {
		case l == nil:
		case first == nil:
			first = l
		case *l != *first:
			return true
		}
	}
	return false
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

package model

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Period is a length of time as a person gives it in site.toml: "12
// months", "1 year", "90 days". It is counted back on the calendar, so
// that "1 month" before 31 March is 28 or 29 February's end of day, as
// time.AddDate normalises it.
type Period struct {
	Years, Months, Days int
}

// ParsePeriod reads "N unit" (day, week, month or year, singular or
// plural) with N from 1 to 100 of years, or as many of the smaller units.
func ParsePeriod(s string) (Period, error) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return Period{}, fmt.Errorf("%q is not a period: write a number and a unit, such as \"12 months\" or \"90 days\"", s)
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 1 {
		return Period{}, fmt.Errorf("%q is not a period: %q is not a whole number of 1 or more", s, f[0])
	}
	unit := strings.TrimSuffix(strings.ToLower(f[1]), "s")
	var p Period
	switch unit {
	case "day":
		p.Days = n
	case "week":
		p.Days = 7 * n
	case "month":
		p.Months = n
	case "year":
		p.Years = n
	default:
		return Period{}, fmt.Errorf("%q is not a period: the unit is days, weeks, months or years, not %q", s, f[1])
	}
	if p.Years*366+p.Months*31+p.Days > 100*366 {
		return Period{}, fmt.Errorf("%q is longer than 100 years", s)
	}
	return p, nil
}

// Before is the date p before t.
func (p Period) Before(t time.Time) time.Time { return t.AddDate(-p.Years, -p.Months, -p.Days) }

// String says the period as site.toml would, "12 months".
func (p Period) String() string {
	n, unit := p.Days, "day"
	switch {
	case p.Years > 0:
		n, unit = p.Years, "year"
	case p.Months > 0:
		n, unit = p.Months, "month"
	case p.Days%7 == 0 && p.Days > 0:
		n, unit = p.Days/7, "week"
	}
	if n != 1 {
		unit += "s"
	}
	return strconv.Itoa(n) + " " + unit
}

// DefaultStaleAfter is [insights] stale_after when it is not set.
var DefaultStaleAfter = Period{Months: 12}

// The insights of an organisation: where its people stand against their
// roles' targets across teams, what training would close the gaps, how
// current its assessments are, and how managers' ratings compare with
// people's own. Each is worked out from the people's standings, so a page
// that shows them reads the standings' keys.

// OrgGap is the organisation's shortfall in one competency.
type OrgGap struct {
	Competency *Competency
	Targeted   int // people whose role sets a target in it
	Rated      int // of them, those with a current level
	Below      int // of them, those below the target
	Total      int // their shortfalls added up, in levels
}

// OrgGaps are the competencies some role targets, the largest total
// shortfall first, then the most people below, then framework order.
func OrgGaps(s *Site) []OrgGap {
	by := make([]OrgGap, len(s.Competencies))
	for _, p := range s.People {
		for i := range p.Standings {
			st := &p.Standings[i]
			if !st.HasTarget {
				continue
			}
			g := &by[st.Competency.Rank]
			g.Competency = st.Competency
			g.Targeted++
			if st.HasCurrent {
				g.Rated++
				if st.Current < st.Target {
					g.Below++
					g.Total += st.Target - st.Current
				}
			}
		}
	}
	return sortedWhere(by, func(g OrgGap) bool { return g.Competency != nil }, func(a, b OrgGap) int {
		return cmp.Or(cmp.Compare(b.Total, a.Total), cmp.Compare(b.Below, a.Below))
	})
}

// sortedWhere returns the elements of list that keep takes, in a new slice
// sorted stably by by.
func sortedWhere[T any](list []T, keep func(T) bool, by func(a, b T) int) []T {
	var out []T
	for _, x := range list {
		if keep(x) {
			out = append(out, x)
		}
	}
	slices.SortStableFunc(out, by)
	return out
}

// Coverage is how a team covers the competencies its members' roles
// target: in how many nobody, one member or several stand at or above
// their target.
type Coverage struct {
	Team     *Team
	Assessed int // members with a current level in anything
	Targeted int // competencies some member's role targets
	// Nobody are the targeted competencies where no member is rated at or
	// above their target; Alone those where one member is, with them.
	Nobody  []*Competency
	Alone   []Alone
	Several int
}

// Alone is a competency in which one member alone meets their target:
// a single point of failure.
type Alone struct {
	Competency *Competency
	MemberLevel
}

// TeamCoverage is the coverage of each team, in the order of teams.
func TeamCoverage(s *Site) []Coverage {
	out := make([]Coverage, len(s.Teams))
	for i, t := range s.Teams {
		cv := Coverage{Team: t}
		for _, m := range t.Members {
			if m.Assessed {
				cv.Assessed++
			}
		}
		for _, ts := range t.Summary {
			if ts.Targeted == 0 {
				continue
			}
			cv.Targeted++
			switch ts.Met {
			case 0:
				cv.Nobody = append(cv.Nobody, ts.Competency)
			case 1:
				for _, m := range t.Members {
					if st := m.StandingAt(ts.Competency.Rank); st != nil && st.HasCurrent && st.HasTarget && st.Current >= st.Target {
						cv.Alone = append(cv.Alone, Alone{ts.Competency, MemberLevel{m, st.Current, st.Target}})
						break
					}
				}
			default:
				cv.Several++
			}
		}
		out[i] = cv
	}
	return out
}

// Need is one step of a competency that people need to take: to reach
// Level, which is above their current level and at most their target.
type Need struct {
	Competency *Competency
	Level      int
	People     int
	// Articles are those written to reach this level; General those
	// written for the competency at no level in particular.
	Articles, General int
}

// TrainingNeeds are the steps people need, the most people first, then
// framework order and level.
func TrainingNeeds(s *Site) []Need {
	type step struct {
		rank, level int
	}
	count := map[step]int{}
	for _, p := range s.People {
		for i := range p.Standings {
			st := &p.Standings[i]
			if !st.HasCurrent || !st.HasTarget {
				continue
			}
			for l := st.Current + 1; l <= st.Target; l++ {
				count[step{st.Competency.Rank, l}]++
			}
		}
	}
	out := make([]Need, 0, len(count))
	for k, n := range count {
		c := s.Competencies[k.rank]
		nd := Need{Competency: c, Level: k.level, People: n}
		for _, a := range c.Articles {
			switch a.Level {
			case k.level:
				nd.Articles++
			case 0:
				nd.General++
			}
		}
		out = append(out, nd)
	}
	slices.SortFunc(out, func(a, b Need) int {
		return cmp.Or(cmp.Compare(b.People, a.People), cmp.Compare(a.Competency.Rank, b.Competency.Rank), cmp.Compare(a.Level, b.Level))
	})
	return out
}

// ArticleUse is how many people's gaps an article serves: gaps in one of
// its competencies that its level lies within (above the current level,
// at most the target), or any gap in them for an article of no level.
type ArticleUse struct {
	Article *Article
	People  int // people with such a gap
	Gaps    int // such gaps
}

// ArticleUses are the articles that serve a gap, the most people first,
// then the most gaps, then the order of articles.
func ArticleUses(s *Site) []ArticleUse {
	place := make(map[*Article]int, len(s.Articles))
	for i, a := range s.Articles {
		place[a] = i
	}
	uses := make([]ArticleUse, len(s.Articles))
	last := make([]*Person, len(s.Articles))
	for _, p := range s.People {
		for _, g := range p.Gaps {
			for _, a := range g.Competency.Articles {
				i, ok := place[a]
				if !ok || a.Level != 0 && (a.Level <= g.Current || a.Level > g.Target) {
					continue
				}
				u := &uses[i]
				u.Article = a
				u.Gaps++
				if last[i] != p {
					last[i] = p
					u.People++
				}
			}
		}
	}
	return sortedWhere(uses, func(u ArticleUse) bool { return u.Article != nil }, func(a, b ArticleUse) int {
		return cmp.Or(cmp.Compare(b.People, a.People), cmp.Compare(b.Gaps, a.Gaps))
	})
}

// Uncovered is a competency with levels that no article is written to
// reach.
type Uncovered struct {
	Competency *Competency
	Levels     []int // above the lowest of the scale, lowest first
	// People need one of Levels (it is above their current level and at
	// most their target).
	People int
	// None says it has no article at all, not even one of no level.
	None bool
}

// UncoveredLevels are the competencies with a level above the scale's
// lowest that no article is written for: the most people in need first,
// then framework order.
func UncoveredLevels(s *Site) []Uncovered {
	if len(s.Scale) < 2 {
		return nil
	}
	var out []Uncovered
	index := map[*Competency]int{}
	for _, c := range s.Competencies {
		u := Uncovered{Competency: c, None: len(c.Articles) == 0}
		for _, lv := range s.Scale[1:] {
			if !slices.ContainsFunc(c.Articles, func(a *Article) bool { return a.Level == lv.Level }) {
				u.Levels = append(u.Levels, lv.Level)
			}
		}
		if len(u.Levels) > 0 {
			index[c] = len(out)
			out = append(out, u)
		}
	}
	for _, p := range s.People {
		for _, g := range p.Gaps {
			i, ok := index[g.Competency]
			if !ok {
				continue
			}
			for _, l := range out[i].Levels {
				if l > g.Current && l <= g.Target {
					out[i].People++
					break
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Uncovered) int { return cmp.Compare(b.People, a.People) })
	return out
}

// Health is how current the organisation's assessments are.
type Health struct {
	// Latest is the newest cycle; the period of stale_after counts back
	// from its date, so that a build gives the same pages on any day.
	Latest *Cycle
	Since  time.Time // Latest's date less stale_after
	// Stale are the people last rated before Since, longest ago first;
	// Never those rated in no cycle, by name.
	Stale []*Person
	Never []*Person
	// Cycles are the completion of each cycle, oldest first.
	Cycles []Completion
}

// Completion is how much of the organisation one cycle rated.
type Completion struct {
	Cycle  *Cycle
	People int // people it rated
	// Targets are the role targets of those people, and Rated those it
	// gave a level.
	Targets, Rated int
}

// AssessmentHealth works out who has not been rated within stale of the
// newest cycle, and how complete each cycle is.
func AssessmentHealth(s *Site, stale Period) Health {
	var h Health
	if n := len(s.Cycles); n > 0 {
		h.Latest = s.Cycles[n-1]
		h.Since = stale.Before(h.Latest.Date)
	}
	place := make(map[*Cycle]int, len(s.Cycles))
	h.Cycles = make([]Completion, len(s.Cycles))
	for i, c := range s.Cycles {
		place[c] = i
		h.Cycles[i].Cycle = c
	}
	for _, p := range s.People {
		switch {
		case p.LastAssessed == nil:
			h.Never = append(h.Never, p)
		case p.LastAssessed.Date.Before(h.Since):
			h.Stale = append(h.Stale, p)
		}
		for _, c := range p.Cycles {
			h.Cycles[place[c]].People++
			if p.Role != nil {
				h.Cycles[place[c]].Targets += len(p.Role.Targets)
			}
		}
		for i := range p.Standings {
			st := &p.Standings[i]
			if !st.HasTarget {
				continue
			}
			for _, pt := range st.History {
				h.Cycles[place[pt.Cycle]].Rated++
			}
		}
	}
	slices.SortStableFunc(h.Stale, func(a, b *Person) int { return a.LastAssessed.Date.Compare(b.LastAssessed.Date) })
	return h
}

// Calibration compares managers' current levels with people's own latest
// ratings of themselves, over the standings that have both.
type Calibration struct {
	Team       *Team       // nil for one competency across the organisation
	Competency *Competency // nil for a team
	People     int         // people with both in at least one competency
	Pairs      int         // standings with both
	Sum        int         // manager's level less the person's own, added up
	Apart      int         // the differences without their sign, added up
	// Differ, of a team, are its competencies where the two differ, the
	// furthest apart on average first.
	Differ []Calibration
}

// Mean is the mean of the manager's level less the person's own: below 0
// where managers rate lower than people rate themselves.
func (c Calibration) Mean() float64 {
	if c.Pairs == 0 {
		return 0
	}
	return float64(c.Sum) / float64(c.Pairs)
}

// MeanApart is the mean difference without its sign.
func (c Calibration) MeanApart() float64 {
	if c.Pairs == 0 {
		return 0
	}
	return float64(c.Apart) / float64(c.Pairs)
}

func furthestApart(a, b Calibration) int {
	// Compared exactly, as fractions: Apart/Pairs.
	return cmp.Or(cmp.Compare(b.Apart*a.Pairs, a.Apart*b.Pairs), cmp.Compare(b.Pairs, a.Pairs), cmp.Compare(a.Competency.Rank, b.Competency.Rank))
}

// Calibrations works out each team's calibration, in the order of teams
// (those with no standing rated both ways included, with no pairs), and
// each competency's across the organisation, furthest apart first.
func Calibrations(s *Site) (teams, competencies []Calibration) {
	all := make([]Calibration, len(s.Competencies))
	teams = make([]Calibration, len(s.Teams))
	for i, t := range s.Teams {
		tc := Calibration{Team: t}
		mine := map[*Competency]*Calibration{}
		for _, m := range t.Members {
			pairs := tc.Pairs
			tally(m, func(st *Standing, d int) {
				tc.Pairs++
				tc.Sum += d
				tc.Apart += abs(d)
				c := mine[st.Competency]
				if c == nil {
					c = &Calibration{Competency: st.Competency}
					mine[st.Competency] = c
				}
				c.Pairs++
				c.People++
				c.Sum += d
				c.Apart += abs(d)
			})
			if tc.Pairs > pairs {
				tc.People++
			}
		}
		for _, c := range mine {
			if c.Apart > 0 {
				tc.Differ = append(tc.Differ, *c)
			}
		}
		slices.SortFunc(tc.Differ, furthestApart)
		teams[i] = tc
	}
	for _, p := range s.People {
		tally(p, func(st *Standing, d int) {
			c := &all[st.Competency.Rank]
			c.Competency = st.Competency
			c.Pairs++
			c.People++
			c.Sum += d
			c.Apart += abs(d)
		})
	}
	return teams, sortedWhere(all, func(c Calibration) bool { return c.Competency != nil }, furthestApart)
}

// tally calls f with each of p's standings that a manager and p both
// rated, and the manager's level less p's own.
func tally(p *Person, f func(st *Standing, d int)) {
	for i := range p.Standings {
		st := &p.Standings[i]
		if st.Manager() && st.HasSelf {
			f(st, st.Current-st.Self)
		}
	}
}

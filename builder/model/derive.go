package model

import (
	"cmp"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"portal/builder/content"
	"portal/internal/par"
)

// ByOrder sorts by an explicit order (1, 2, ...) first, then by title; an
// order of 0 means "not set" and sorts after the ordered ones.
func ByOrder(ao, bo int, at, bt string) int {
	if (ao == 0) != (bo == 0) {
		if ao == 0 {
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(ao, bo), strings.Compare(at, bt))
}

// ByName orders people by name, then id.
func ByName(a, b *Person) int {
	return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
}

// ByTitle orders roles by title, then id.
func ByTitle(a, b *Role) int {
	return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.ID, b.ID))
}

// Input is what Derive takes besides the site.
type Input struct {
	// Links lists the content files each markdown body links to, body by
	// body in a fixed order: related articles and the warning about
	// articles nothing links to count them.
	Links []Links
	// Prev is the last good build's model, or nil. Where what a person's
	// standings or a team's matrix are worked out from is as it was, they
	// are taken from it.
	Prev *Site
	// Related, when not nil, is the choice of related articles of an
	// earlier build, used again while what they are chosen from is the
	// same, and kept up to date.
	Related *Related
	// DatePos locates the date in a cycle's file, for an error.
	DatePos func(source string) content.Pos
}

// Links are the content files one markdown body links to.
type Links struct {
	Source  string
	Targets []string
}

// Related is a choice of related articles, and what it was made from.
type Related struct {
	from string
	ids  map[string][]string
}

// Deriver holds what working out one person's standings or one team's
// matrix again takes: an edit applied in place calls it for the people and
// teams it changed, as Derive does for all.
type Deriver struct {
	site *Site
	// By the place of a competency's id among the sorted ids (as Cycle
	// ratings index them): its rank.
	rankOf []int
	// By scale level, less scaleMin: its index in Site.Scale and its name.
	scaleMin   int
	scaleIndex []int
	names      []string
	onScale    []bool
	// Kept counts the people whose standings were taken from Input.Prev.
	Kept int64
}

// Derive works out everything the pages show that is not written in a
// file: orderings, who is in which team and role, current and previous
// levels, gaps, distributions and related articles. It reports two cycles
// of the same kind and date as an error, and the holes of a portal as
// warnings.
func Derive(s *Site, in Input) (*Deriver, content.Diagnostics) {
	d := &Deriver{site: s}
	var r content.Report
	slices.SortFunc(s.Categories, func(a, b *Category) int { return ByOrder(a.Order, b.Order, a.Title, b.Title) })
	for _, cat := range s.Categories {
		slices.SortFunc(cat.Competencies, func(a, b *Competency) int { return ByOrder(a.Order, b.Order, a.Title, b.Title) })
		for i, c := range cat.Competencies {
			if i > 0 {
				c.Previous = cat.Competencies[i-1]
				cat.Competencies[i-1].Next = c
			}
			c.Rank = len(s.Competencies)
			s.Competencies = append(s.Competencies, c)
			c.Distribution = make([]int, len(s.Scale))
		}
	}
	framework := func(a, b *Competency) int { return cmp.Compare(a.Rank, b.Rank) }
	titles := make(map[string]int, len(s.Competencies))
	for _, c := range s.Competencies {
		titles[c.Title]++
	}
	for _, c := range s.Competencies {
		c.Shared = titles[c.Title] > 1
	}

	for _, id := range content.SortedKeys(s.RoleByID) {
		s.Roles = append(s.Roles, s.RoleByID[id])
	}
	slices.SortStableFunc(s.Roles, func(a, b *Role) int { return strings.Compare(a.Title, b.Title) })
	for _, r := range s.Roles {
		slices.SortFunc(r.Targets, func(a, b Target) int { return framework(a.Competency, b.Competency) })
	}
	for _, c := range s.Competencies {
		ListRoles(s, c)
	}
	SortTeams(s)
	s.People = slices.AppendSeq(make([]*Person, 0, len(s.PersonByID)), maps.Values(s.PersonByID))
	slices.SortFunc(s.People, ByName)
	for _, p := range s.People {
		if p.Team != nil {
			p.Team.Members = append(p.Team.Members, p)
		}
		if p.Role != nil {
			p.Role.People = append(p.Role.People, p)
		}
	}

	sortCycles(s, in.DatePos, &r)
	sortArticles(s, framework, in.Links, in.Related)
	// Levels by number, in slices: a large site looks them up millions of
	// times.
	lo, hi := s.Scale[0].Level, s.Scale[0].Level
	for _, lv := range s.Scale {
		lo, hi = min(lo, lv.Level), max(hi, lv.Level)
	}
	d.scaleMin = lo
	d.scaleIndex = make([]int, hi-lo+1)
	d.names = make([]string, hi-lo+1)
	d.onScale = make([]bool, hi-lo+1)
	for i, lv := range s.Scale {
		d.scaleIndex[lv.Level-lo] = i
		d.names[lv.Level-lo] = lv.Name
		d.onScale[lv.Level-lo] = true
	}
	d.rankOf = make([]int, len(s.Competencies))
	for i, id := range content.SortedKeys(s.CompetencyByID) {
		d.rankOf[i] = s.CompetencyByID[id].Rank
	}
	for _, r := range s.Roles {
		r.ByRank = make([]*Target, len(s.Competencies))
		for i := range r.Targets {
			r.ByRank[r.Targets[i].Competency.Rank] = &r.Targets[i]
		}
	}
	// People are independent of one another: work them out in parallel,
	// each worker with its own scratch space and counts, added up after.
	workers := make([]*Worker, runtime.GOMAXPROCS(0))
	for i := range workers {
		workers[i] = NewWorker(s)
	}
	prior := newPrior(in.Prev, s)
	chunk := (len(s.People) + len(workers) - 1) / max(len(workers), 1)
	par.Do(len(workers), func(i int) {
		for _, p := range s.People[min(i*chunk, len(s.People)):min((i+1)*chunk, len(s.People))] {
			if old := prior.person(p); old != nil {
				d.keepStandings(workers[i], prior, p, old)
				atomic.AddInt64(&d.Kept, 1)
			} else {
				d.Standings(workers[i], p)
			}
		}
	})
	for _, w := range workers {
		w.AddCounts(s)
	}
	choose := SharedChoices()
	par.Do(len(s.Teams), func(i int) {
		if old := prior.team(s.Teams[i]); old != nil {
			keepMatrix(s.Teams[i], old, s.Competencies, choose)
		} else {
			TeamMatrix(s.Teams[i], len(s.Competencies), choose)
		}
	})
	warnings(s, in.Links, &r)
	return d, r.List
}

// AddCounts adds the people w counted at each level of each competency to
// the competencies' counts.
func (w *Worker) AddCounts(s *Site) {
	for rank, c := range s.Competencies {
		c.Rated += w.rated[rank]
		for k, n := range w.dist[rank] {
			c.Distribution[k] += n
		}
	}
}

// LevelIndex is the index of a level in Site.Scale.
func (d *Deriver) LevelIndex(level int) int { return d.scaleIndex[level-d.scaleMin] }

// warnings reports what does not stop a build but leaves a hole in the
// portal: competencies nobody can learn from or nobody needs, people never
// assessed, articles no other page links to, roles without targets.
func warnings(s *Site, links []Links, r *content.Report) {
	for _, c := range s.Competencies {
		if len(c.Articles) == 0 {
			r.Warnf(c.Source, content.Pos{}, "no article teaches %s yet", c.ID)
		}
		if len(c.Roles) == 0 {
			r.Warnf(c.Source, content.Pos{}, "no role sets a target for %s", c.ID)
		}
	}
	for _, role := range s.Roles {
		if len(role.Targets) == 0 {
			r.Warnf(role.Source, content.Pos{}, "the role sets no targets: add a [targets] table of competency = level, or its people have nothing to be measured against")
		}
	}
	for _, p := range s.People {
		if !p.Assessed {
			r.Warnf(p.Source, content.Pos{}, "%s is not rated in any assessment cycle", p.ID)
		}
	}
	linked := map[string]bool{}
	for _, b := range links {
		for _, target := range b.Targets {
			if target != b.Source {
				linked[target] = true
			}
		}
	}
	for _, a := range s.Articles {
		if !linked[a.Source] {
			r.Warnf(a.Source, content.Pos{}, "no other page links to this article; link it from a related article or a competency")
		}
	}
}

func sortCycles(s *Site, datePos func(string) content.Pos, r *content.Report) {
	slices.SortFunc(s.Cycles, func(a, b *Cycle) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.ID, b.ID))
	})
	for i := 1; i < len(s.Cycles); i++ {
		a, b := s.Cycles[i-1], s.Cycles[i]
		if !a.Date.IsZero() && a.Date.Equal(b.Date) && a.Kind == b.Kind {
			at := content.Pos{Line: 1, Col: 1}
			if datePos != nil {
				at = datePos(b.Source)
			}
			r.Errorf(b.Source, at, "two %s cycles on %s: %s has the same kind and date; give each review round its own date", b.Kind, b.Date.Format("2006-01-02"), a.Source)
		}
	}
}

func sortArticles(s *Site, framework func(a, b *Competency) int, links []Links, memo *Related) {
	bySource := map[string]*Article{}
	for _, id := range content.SortedKeys(s.ArticleByID) {
		a := s.ArticleByID[id]
		s.Articles = append(s.Articles, a)
		bySource[a.Source] = a
	}
	slices.SortStableFunc(s.Articles, func(a, b *Article) int {
		return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Title, b.Title))
	})
	for _, a := range s.Articles {
		for _, c := range a.Competencies {
			c.Articles = append(c.Articles, a)
		}
	}
	// Related articles: linked either way, or teaching the same competency;
	// the more in common, the earlier. A preview rebuild whose articles,
	// dates, competencies and links are as before takes the last choice.
	from := relatedSignature(s.Articles, links)
	if memo != nil && memo.ids != nil && memo.from == from {
		for _, a := range s.Articles {
			for _, id := range memo.ids[a.ID] {
				a.Related = append(a.Related, s.ArticleByID[id])
			}
		}
		return
	}
	if memo != nil {
		defer func() {
			memo.from, memo.ids = from, map[string][]string{}
			for _, a := range s.Articles {
				ids := make([]string, len(a.Related))
				for i, r := range a.Related {
					ids[i] = r.ID
				}
				memo.ids[a.ID] = ids
			}
		}()
	}
	// An article's score with another: 2 for each link between them, either
	// way, and 1 for each competency both teach. Each article counts its
	// candidates in an array indexed by article, which, unlike a map of
	// pairs, stays cheap when a competency has hundreds of articles.
	for i, a := range s.Articles {
		a.Place = i
	}
	linked := make([][]int32, len(s.Articles))
	for _, b := range links {
		from := bySource[b.Source]
		for _, target := range b.Targets {
			if to := bySource[target]; from != nil && to != nil && from != to {
				i, j := from.Place, to.Place
				linked[i] = append(linked[i], int32(j))
				linked[j] = append(linked[j], int32(i))
			}
		}
	}
	type candidate struct {
		article *Article
		score   int32
	}
	better := func(x, y candidate) bool {
		return cmp.Or(cmp.Compare(y.score, x.score), y.article.Date.Compare(x.article.Date), strings.Compare(x.article.ID, y.article.ID)) < 0
	}
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(s.Articles) + workers - 1) / max(workers, 1)
	par.Do(workers, func(w int) {
		score := make([]int32, len(s.Articles))
		var touched []int32
		for i := min(w*chunk, len(s.Articles)); i < min((w+1)*chunk, len(s.Articles)); i++ {
			a := s.Articles[i]
			touched = touched[:0]
			bump := func(j int32, n int32) {
				if score[j] == 0 {
					touched = append(touched, j)
				}
				score[j] += n
			}
			for _, j := range linked[i] {
				bump(j, 2)
			}
			for _, c := range a.Competencies {
				for _, b := range c.Articles {
					if b != a {
						bump(int32(b.Place), 1)
					}
				}
			}
			// The best five, in order.
			var best [5]candidate
			n := 0
			for _, j := range touched {
				c := candidate{s.Articles[j], score[j]}
				score[j] = 0
				if n == len(best) && !better(c, best[n-1]) {
					continue
				}
				k := min(n, len(best)-1)
				for k > 0 && better(c, best[k-1]) {
					best[k] = best[k-1]
					k--
				}
				best[k] = c
				n = min(n+1, len(best))
			}
			for _, c := range best[:n] {
				a.Related = append(a.Related, c.article)
			}
		}
	})
}

// relatedSignature sums up what related articles are chosen from: each
// article's id, source, date and competencies, in order, and the links of
// every markdown body.
func relatedSignature(articles []*Article, bodies []Links) string {
	var b strings.Builder
	for _, a := range articles {
		b.WriteString(a.ID)
		b.WriteByte(0)
		b.WriteString(a.Source)
		b.WriteByte(0)
		b.WriteString(a.Date.Format(time.RFC3339))
		for _, c := range a.Competencies {
			b.WriteByte(0)
			b.WriteString(c.ID)
		}
		b.WriteByte('\n')
	}
	for _, body := range bodies {
		if len(body.Targets) == 0 {
			continue
		}
		b.WriteString(body.Source)
		for _, link := range body.Targets {
			b.WriteByte(0)
			b.WriteString(link)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Standings works out a person's standing in every competency: the
// current level and the one before it, the latest self rating and the
// peers' average (see [Standing]), and the gaps. It runs once per person,
// so it works on slices indexed by the competency's place in the framework
// rather than on maps, and reuses them from one person to the next.
func (d *Deriver) Standings(w *Worker, p *Person) {
	s := d.site
	history := w.history // oldest first, by competency rank
	for _, c := range s.Cycles {
		list := c.ByPerson[p.ID]
		if len(list) == 0 {
			continue
		}
		for _, rr := range list {
			r := d.rankOf[rr.Competency]
			history[r] = append(history[r], rating{c, rr.Level})
		}
		p.Assessed = true
		p.Cycles = append(p.Cycles, c)
		p.LastAssessed = c // cycles run oldest first
		switch c.Kind {
		case "manager":
			p.LastManager = c
		case "self":
			p.LastSelf = c
		case "peer":
			p.LastPeer = c
		}
	}
	var targets []*Target
	if p.Role != nil {
		targets = p.Role.ByRank
	}
	names, lo := d.names, d.scaleMin
	// Count first, so that the standings take one allocation of their size.
	n, ratings := 0, 0
	for rank := range s.Competencies {
		if len(history[rank]) > 0 || targets != nil && targets[rank] != nil {
			n++
			ratings += len(history[rank])
		}
	}
	p.Standings = make([]Standing, 0, n)
	// Each standing's history is a part of one array, which has room for
	// a point per rating, more than there are cycles.
	points := make([]Point, 0, ratings)
	for rank, c := range s.Competencies {
		h := history[rank]
		var target *Target
		if targets != nil {
			target = targets[rank]
		}
		if len(h) == 0 && target == nil {
			continue
		}
		history[rank] = h[:0]
		st := Standing{Competency: c}
		if target != nil {
			st.Target, st.HasTarget = target.Level, true
		}
		d.views(&st, h)
		start := len(points)
		for i := 0; i < len(h); {
			j := i + 1
			for j < len(h) && h[j].cycle == h[i].cycle {
				j++
			}
			points = append(points, Point{h[i].cycle, d.level(h[i:j])})
			i = j
		}
		st.History = points[start:len(points):len(points)]
		if st.HasCurrent {
			w.rated[rank]++
			w.dist[rank][d.scaleIndex[st.Current-lo]]++
			if st.HasTarget {
				st.Short = max(st.Target-st.Current, 0)
			}
		} else if st.HasTarget {
			p.NotRated++
		}
		p.Standings = append(p.Standings, st)
		if st.Short > 0 {
			p.Gaps = append(p.Gaps, Gap{
				Competency:  c,
				Current:     st.Current,
				Rated:       true,
				Target:      st.Target,
				Size:        st.Short,
				Articles:    w.articlesFor(c, st.Current, st.Target),
				TargetName:  names[st.Target-lo],
				CurrentName: names[st.Current-lo],
			})
		}
	}
	slices.SortStableFunc(p.Gaps, func(a, b Gap) int { return cmp.Compare(b.Size, a.Size) })
}

// views fills in st's levels from h, the person's ratings in its
// competency, oldest first, those of one cycle together (a peer cycle may
// hold several). Within each kind the latest cycle counts; the current
// level is the latest manager's, or where there is none the latest of any
// kind, and the previous level the one before it of the same kind.
func (d *Deriver) views(st *Standing, h []rating) {
	// The latest two cycles of each kind, and the latest of all, as index
	// ranges of h: from, to.
	type group struct{ from, to int }
	var latest [3][2]group
	var last group
	kind := func(c *Cycle) int {
		switch c.Kind {
		case "self":
			return 1
		case "peer":
			return 2
		}
		return 0
	}
	seen := [3]int{}
	for to := len(h); to > 0; {
		from := to - 1
		for from > 0 && h[from-1].cycle == h[to-1].cycle {
			from--
		}
		g := group{from, to}
		if to == len(h) {
			last = g
		}
		if k := kind(h[from].cycle); seen[k] < 2 {
			latest[k][seen[k]] = g
			seen[k]++
		}
		to = from
	}
	if len(h) == 0 {
		return
	}
	cur, k := last, kind(h[last.from].cycle)
	if seen[0] > 0 {
		cur, k = latest[0][0], 0
	}
	st.Current, st.HasCurrent, st.CurrentFrom = d.level(h[cur.from:cur.to]), true, h[cur.from].cycle
	if seen[k] > 1 {
		prev := latest[k][1]
		st.Previous, st.HasPrevious = d.level(h[prev.from:prev.to]), true
	}
	if seen[1] > 0 {
		g := latest[1][0]
		st.Self, st.HasSelf, st.SelfFrom = d.level(h[g.from:g.to]), true, h[g.from].cycle
	}
	if seen[2] > 0 {
		g := latest[2][0]
		st.PeerFrom, st.Peers = h[g.from].cycle, g.to-g.from
		for _, r := range h[g.from:g.to] {
			st.PeerTotal += r.level
		}
	}
}

// level is the level of one cycle's ratings: the rating, or the mean of
// several (a peer cycle's) rounded to the nearest level of the scale, the
// lower one on a tie.
func (d *Deriver) level(rs []rating) int {
	if len(rs) == 1 {
		return rs[0].level
	}
	sum := 0
	for _, r := range rs {
		sum += r.level
	}
	best := rs[0].level
	for i := range d.names {
		l := d.scaleMin + i
		if !d.onScale[i] {
			continue
		}
		// |l - sum/n| compared without division.
		if dl, db := abs(l*len(rs)-sum), abs(best*len(rs)-sum); dl < db || dl == db && l < best {
			best = l
		}
	}
	return best
}

// NewWorker makes the scratch space of one goroutine working out standings.
func NewWorker(s *Site) *Worker {
	w := &Worker{
		history: make([][]rating, len(s.Competencies)),
		chosen:  map[articleChoice][]*Article{},
		rated:   make([]int, len(s.Competencies)),
		dist:    make([][]int, len(s.Competencies)),
	}
	for j := range w.dist {
		w.dist[j] = make([]int, len(s.Scale))
	}
	return w
}

// rating is one level a person got in one cycle.
type rating struct {
	cycle *Cycle
	level int
}

// GapArticles is how many articles a gap lists; the competency's page lists
// them all.
const GapArticles = 3

// articlesFor picks a competency's articles for someone at level current
// aiming for target, as ChooseArticles does. Thousands of people share a
// few such choices, so each is made once.
func (w *Worker) articlesFor(c *Competency, current, target int) []*Article {
	key := articleChoice{c, current, target}
	if list, ok := w.chosen[key]; ok {
		return list
	}
	list := ChooseArticles(c, current, target)
	w.chosen[key] = list
	return list
}

// ListRoles lists the roles that target c, as Competency.Roles has them: in
// the order of the site's roles, highest target first.
func ListRoles(s *Site, c *Competency) {
	c.Roles = c.Roles[:0]
	for _, r := range s.Roles {
		if t := r.TargetFor(c.ID); t != nil {
			c.Roles = append(c.Roles, RoleTarget{Role: r, Level: t.Level})
		}
	}
	slices.SortStableFunc(c.Roles, func(a, b RoleTarget) int { return cmp.Compare(b.Level, a.Level) })
}

// SortTeams puts the site's teams in their order: by name, ties by id.
func SortTeams(s *Site) {
	s.Teams = s.Teams[:0]
	for _, id := range content.SortedKeys(s.TeamByID) {
		s.Teams = append(s.Teams, s.TeamByID[id])
	}
	slices.SortStableFunc(s.Teams, func(a, b *Team) int { return strings.Compare(a.Name, b.Name) })
}

// Worker is what one goroutine working out standings keeps to
// itself: scratch space, the articles it chose, and counts by competency
// rank (people rated, people at each level) to add up after.
type Worker struct {
	history [][]rating
	chosen  map[articleChoice][]*Article
	rated   []int
	dist    [][]int
}

type articleChoice struct {
	competency      *Competency
	current, target int
}

// ChooseArticles picks a competency's articles for someone at level
// current aiming for target: those written to reach a level above current
// and at most target, the nearest step first, then those written for no
// level in particular; at most GapArticles. An article for a level already
// held, or beyond the target, is not offered.
func ChooseArticles(c *Competency, current, target int) []*Article {
	var out []*Article
	for _, a := range c.Articles {
		if a.Level > current && a.Level <= target {
			out = append(out, a)
		}
	}
	// Newest first within a level, as c.Articles are.
	slices.SortStableFunc(out, func(a, b *Article) int { return cmp.Compare(a.Level, b.Level) })
	for _, a := range c.Articles {
		if len(out) >= GapArticles {
			break
		}
		if a.Level == 0 {
			out = append(out, a)
		}
	}
	return out[:min(len(out), GapArticles)]
}

// TeamGaps is how many of its biggest gaps a team page lists.
const TeamGaps = 10

// SharedChoices returns ChooseArticles, remembering its answers: teams
// share article choices as people do, and may ask from several goroutines.
func SharedChoices() func(c *Competency, current, target int) []*Article {
	var chosen sync.Map // articleChoice -> []*Article
	return func(c *Competency, current, target int) []*Article {
		key := articleChoice{c, current, target}
		if list, ok := chosen.Load(key); ok {
			return list.([]*Article)
		}
		list := ChooseArticles(c, current, target)
		chosen.Store(key, list)
		return list
	}
}

// TeamMatrix works out a team's columns, averages and gaps; [Team.Matrix]
// makes the cells of its matrix when asked.
func TeamMatrix(t *Team, competencies int, choose func(c *Competency, current, target int) []*Article) {
	// Made from scratch, also when the team's members or their standings
	// changed in place.
	t.Competencies, t.Summary, t.Gaps = nil, nil, nil
	// By competency rank: the column of each in the matrix, plus one (zero
	// while it has none), and the team's gap in it.
	column := make([]int, competencies)
	gaps := make([]TeamGap, competencies)
	for _, p := range t.Members {
		for _, st := range p.Standings {
			if r := st.Competency.Rank; column[r] == 0 {
				column[r] = -1
				t.Competencies = append(t.Competencies, st.Competency)
			}
		}
		for _, g := range p.Gaps {
			tg := &gaps[g.Competency.Rank]
			tg.Competency = g.Competency
			tg.Total += g.Size
			tg.People++
		}
	}
	slices.SortFunc(t.Competencies, func(a, b *Competency) int { return cmp.Compare(a.Rank, b.Rank) })
	t.Summary = make([]TeamStanding, len(t.Competencies))
	for j, c := range t.Competencies {
		column[c.Rank] = j + 1
		t.Summary[j].Competency = c
	}
	sums := make([]int, len(t.Competencies))
	targets := make([]int, len(t.Competencies))
	for _, p := range t.Members {
		for _, st := range p.Standings {
			j := column[st.Competency.Rank] - 1
			if st.HasCurrent {
				sums[j] += st.Current
				t.Summary[j].Rated++
			}
			if st.HasTarget {
				targets[j] += st.Target
				t.Summary[j].Targeted++
				if st.HasCurrent && st.Current >= st.Target {
					t.Summary[j].Met++
				}
			}
		}
	}
	for j, c := range t.Competencies {
		ts := &t.Summary[j]
		if ts.Rated > 0 {
			ts.Average = float64(sums[j]) / float64(ts.Rated)
		}
		if ts.Targeted > 0 {
			ts.Target = float64(targets[j]) / float64(ts.Targeted)
		}
		if g := gaps[c.Rank]; g.People > 0 {
			ts.Short = g.Total
			t.Gaps = append(t.Gaps, g)
		}
	}
	slices.SortStableFunc(t.Gaps, func(a, b TeamGap) int {
		return cmp.Or(cmp.Compare(b.Total, a.Total), cmp.Compare(b.People, a.People))
	})
	t.Gaps = t.Gaps[:min(len(t.Gaps), TeamGaps)]
	for i := range t.Gaps {
		g := &t.Gaps[i]
		avg := t.Summary[column[g.Competency.Rank]-1]
		g.Articles = choose(g.Competency, int(avg.Average), int(avg.Target+0.5))
	}
}

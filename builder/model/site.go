// Package model is what a portal is, as data: the framework, the roles, the
// organisation and its assessments, the articles, every reference between
// them resolved, and what is worked out from them (standings, gaps, team
// matrices, distributions, related articles). It holds no rendered pages,
// caches or parser state; the stages after it read it, and only the load
// writes it.
package model

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"portal/builder/content"
	"portal/builder/seal"
)

// Site is the loaded, validated content of a portal: the framework, the roles,
// the organisation and its assessments, the articles, with every reference
// between them resolved.
type Site struct {
	Config       Config
	Scale        []Level
	Home         *Home
	Categories   []*Category         // by order, then title
	Competencies []*Competency       // framework order: category, then order, then title
	Roles        []*Role             // by title
	Teams        []*Team             // by name
	People       []*Person           // by name
	Cycles       []*Cycle            // by date, oldest first
	Articles     []*Article          // newest first
	Warnings     content.Diagnostics // problems that do not stop a build

	CompetencyByID map[string]*Competency
	RoleByID       map[string]*Role
	TeamByID       map[string]*Team
	PersonByID     map[string]*Person
	ArticleByID    map[string]*Article
	URLBySource    map[string]string // source path -> page URL, for links
	TextBySource   map[string]string // plain text of each markdown body, by source, for search

	// Keys are those of the private pages, from the site secret, on a site
	// published private; nil on any other.
	Keys *seal.Keys
}

// Config is the site's settings from site.toml.
type Config struct {
	Title       string
	Description string
	BaseURL     string // absolute URL ending in "/", or ""
	Theme       string
	Language    string
	UnsafeHTML  bool // [markup] unsafe = true passes raw HTML in markdown through
	Privacy     Privacy
	// StaleAfter is [insights] stale_after: an assessment older than this
	// before the newest cycle is out of date.
	StaleAfter Period
}

// Privacy is the [privacy] table of site.toml: what the build lets out.
type Privacy struct {
	// Index lets search engines index the site. Without it every page
	// asks them not to, and robots.txt turns them away.
	Index bool
	// Publish says what leaves the build of each person's levels:
	// PublishOpen, every page as it is; PublishAggregate, no page that
	// shows an individual, and counts, averages and distributions only
	// over MinGroup people or more.
	Publish string
	// MinGroup is the fewest people a public page shows a count, an
	// average or a distribution over.
	MinGroup int
}

// The values of [privacy] publish.
const (
	PublishPrivate   = "private"
	PublishAggregate = "aggregate"
	PublishOpen      = "open"
)

// DefaultMinGroup is [privacy] min_group when it is not set.
const DefaultMinGroup = 5

// Public tells whether the pages are for anyone who can reach the host, so
// that no page names a person with a level, and small groups are hidden.
// A site published private has pages that are not, which it encrypts.
func (p Privacy) Public() bool { return p.Publish != PublishOpen }

// Private tells whether the pages of individuals are published encrypted.
func (p Privacy) Private() bool { return p.Publish == PublishPrivate }

// Hidden tells whether a count, average or distribution over n people is
// left out of the pages: on public pages, over fewer than MinGroup. Nobody
// (n = 0) is shown: it tells nothing of anyone.
func (p Privacy) Hidden(n int) bool { return p.Public() && n > 0 && n < p.MinGroup }

// Level is one step of the proficiency scale.
type Level struct {
	Level   int
	Name    string
	Summary string
}

// Home is the optional text of the home page, from content/_index.md.
type Home struct {
	Title string
	Body  template.HTML
}

// Category groups competencies in the framework.
type Category struct {
	ID           string
	Title        string
	Summary      string
	Order        int
	Body         template.HTML
	Competencies []*Competency
	Source       string
}

// Descriptor says what one scale level looks like for a competency.
type Descriptor struct {
	Level Level
	Text  string
}

// RoleTarget is the level a role expects in a competency.
type RoleTarget struct {
	Role  *Role
	Level int
}

// Competency is one skill of the framework with its level rubric.
type Competency struct {
	ID          string
	Title       string
	Summary     string
	Order       int
	Category    *Category
	Descriptors []Descriptor // one per scale level that has a text, lowest first
	Body        template.HTML
	Source      string

	Articles     []*Article   // the articles that teach it, newest first
	Previous     *Competency  // the one before it in its category, or nil
	Next         *Competency  // the one after it in its category, or nil
	Roles        []RoleTarget // roles that need it, highest target first
	Rated        int          // people with a current level in it
	Distribution []int        // people at each scale level, indexed like Site.Scale

	Rank int // place in Site.Competencies
	// Shared tells whether another competency has the same title (as
	// Communication may be in several tracks): pages name its category
	// beside it.
	Shared bool
}

// Label is the competency's title, and where another has the same title,
// its category's in brackets.
func (c *Competency) Label() string {
	if c.Shared && c.Category != nil {
		return c.Title + " (" + c.Category.Title + ")"
	}
	return c.Title
}

// Descriptor returns the text for a level, or "".
func (c *Competency) Descriptor(level int) string {
	for _, d := range c.Descriptors {
		if d.Level.Level == level {
			return d.Text
		}
	}
	return ""
}

// Target is a role's expected level in one competency.
type Target struct {
	Competency *Competency
	Level      int
}

// Role is a role profile with its target levels.
type Role struct {
	ID      string
	Title   string
	Summary string
	Track   string   // the career track it is on, for grouping; "" for none
	Targets []Target // framework order
	Body    template.HTML
	Source  string
	People  []*Person

	Next     *Role   // the role above it on its career ladder, or nil
	Previous []*Role // the roles whose next role it is, by title

	ByRank []*Target // by competency rank, nil where none
}

// Team is a group of people with its skills matrix.
type Team struct {
	ID          string
	Name        string
	Description string
	Source      string
	Members     []*Person // by name

	// Competencies are the columns of the skills matrix: every competency
	// a member's role targets or a member is rated in, framework order.
	Competencies []*Competency
	Summary      []TeamStanding // one per column
	Gaps         []TeamGap      // the biggest, biggest first; at most TeamGaps
}

// Cell is one member's standing in one column of a team's skills matrix.
// Its Standing is the zero value where the member has none.
type Cell struct {
	Standing
	Rated bool // has a current level
	Below bool // under the role's target
}

// TeamStanding is the team's average current level in a competency against
// the average target of the members whose role sets one.
type TeamStanding struct {
	Competency *Competency
	Average    float64 // over rated members
	Rated      int
	Target     float64 // over members with a target
	Targeted   int
	// Met counts the members at or above their role's target: 1 is a
	// single point of failure, 0 nobody, where some role sets a target.
	Met int
	// Short is the levels the members below their target are short in
	// all.
	Short int
}

// TeamGap sums the members' gaps in one competency.
type TeamGap struct {
	Competency *Competency
	Total      int // sum of member gaps, in levels
	People     int // members below target
	Articles   []*Article
}

// Person is someone assessed in the portal.
type Person struct {
	ID       string
	Name     string
	JobTitle string
	Team     *Team
	Role     *Role
	Source   string

	// Standings has an entry for every competency the person's role targets
	// or the person has been rated in, framework order.
	Standings []Standing
	// Gaps are the competencies rated below the role's target, largest
	// first. A targeted competency not rated yet is no gap: NotRated
	// counts them.
	Gaps     []Gap
	NotRated int  // competencies the role targets that have no current level
	Assessed bool // rated in at least one cycle
	// LastAssessed is the latest cycle that rated the person, or nil.
	LastAssessed *Cycle
	// The latest cycle of each kind that rated the person, or nil.
	LastManager, LastSelf, LastPeer *Cycle
	// Cycles are the cycles that rated the person, oldest first.
	Cycles []*Cycle
}

// LastOf is the latest cycle of a kind that rated p, or nil.
func (p *Person) LastOf(kind string) *Cycle {
	switch kind {
	case "manager":
		return p.LastManager
	case "self":
		return p.LastSelf
	case "peer":
		return p.LastPeer
	}
	return nil
}

// ClearStandings forgets what was worked out for p from the cycles and
// their role, before it is worked out again.
func (p *Person) ClearStandings() {
	p.Standings, p.Gaps, p.NotRated, p.Assessed = nil, nil, 0, false
	p.LastAssessed, p.LastManager, p.LastSelf, p.LastPeer, p.Cycles = nil, nil, nil, nil, nil
}

// Differences are the standings where the manager's current level and the
// person's own latest rating differ by a level or more, the largest
// difference first: what is worth talking about.
func (p *Person) Differences() []Standing {
	var out []Standing
	for _, st := range p.Standings {
		if st.Manager() && st.HasSelf && st.Self != st.Current {
			out = append(out, st)
		}
	}
	slices.SortStableFunc(out, func(a, b Standing) int {
		return cmp.Compare(abs(b.Self-b.Current), abs(a.Self-a.Current))
	})
	return out
}

func abs(n int) int { return max(n, -n) }

// Standing returns the person's standing in a competency, or nil.
func (p *Person) Standing(competencyID string) *Standing {
	for i := range p.Standings {
		if p.Standings[i].Competency.ID == competencyID {
			return &p.Standings[i]
		}
	}
	return nil
}

// StandingAt returns p's standing in the competency of framework rank
// rank, or nil: the standings are in framework order.
func (p *Person) StandingAt(rank int) *Standing {
	lo, hi := 0, len(p.Standings)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if p.Standings[m].Competency.Rank < rank {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(p.Standings) && p.Standings[lo].Competency.Rank == rank {
		return &p.Standings[lo]
	}
	return nil
}

// Standing is where a person is in one competency, in each view: the
// current level (the manager's, or where no manager rated it the latest
// of any kind), the person's own and their peers'. A large site has a
// third of a million: its fields are ordered to pack them tightly.
type Standing struct {
	Competency  *Competency
	CurrentFrom *Cycle // the cycle the current level comes from
	SelfFrom    *Cycle // the latest self-assessment that rated it, or nil
	PeerFrom    *Cycle // the latest peer cycle that rated it, or nil
	Current     int
	// Previous is the level before the current one, in the cycle before
	// CurrentFrom of the same kind.
	Previous int
	Target   int
	// Short is how many levels the current level is below the target, or
	// 0; 0 also when it has no current level.
	Short int
	Self  int
	// PeerTotal is the sum of the levels the peers gave in PeerFrom, and
	// Peers how many gave one.
	PeerTotal   int
	Peers       int
	HasCurrent  bool
	HasPrevious bool
	HasTarget   bool
	HasSelf     bool
	// History is the level in each cycle that rated the competency,
	// oldest first: a peer cycle's is its rounded mean.
	History []Point
}

// Point is the level a person had in one cycle.
type Point struct {
	Cycle *Cycle
	Level int
}

// Manager tells whether the current level is a manager's rating.
func (st Standing) Manager() bool {
	return st.HasCurrent && st.CurrentFrom != nil && st.CurrentFrom.Kind == "manager"
}

// Peer is the average of the peers' levels, or 0 with no peer rating.
func (st Standing) Peer() float64 {
	if st.Peers == 0 {
		return 0
	}
	return float64(st.PeerTotal) / float64(st.Peers)
}

// Change is the current level less the previous one, or 0.
func (st Standing) Change() int {
	if !st.HasCurrent || !st.HasPrevious {
		return 0
	}
	return st.Current - st.Previous
}

// Gap is a shortfall against the role's target.
type Gap struct {
	Competency *Competency
	Current    int
	Rated      bool // always: a competency not rated is no gap
	Target     int
	Size       int // levels below the target
	Articles   []*Article

	CurrentName, TargetName string // level names
}

// Cycle is one assessment round.
type Cycle struct {
	ID     string
	Title  string
	Date   time.Time
	Kind   string // manager, self or peer
	Source string

	ByPerson map[string][]IndexedRating // person id -> ratings, in the order of the file
	IDs      []string                   // the competency ids the ratings index, sorted
	Named    int                        // the people the file rates, known or not
}

// Ratings returns the cycle's ratings: person id -> competency id -> level.
// It makes the maps on each call.
func (c *Cycle) Ratings() map[string]map[string]int {
	out := make(map[string]map[string]int, len(c.ByPerson))
	for pid, list := range c.ByPerson {
		m := make(map[string]int, len(list))
		for _, r := range list {
			m[c.IDs[r.Competency]] = r.Level
		}
		out[pid] = m
	}
	return out
}

// indexedRating is a rating whose competency is given by its place among the
// competency ids in sorted order. Unlike a pointer or the framework order,
// that place holds across builds while the set of ids is the same, so a
// cycle checked once can be kept.
type IndexedRating struct {
	Competency int
	Level      int
}

// Article is a learning article.
type Article struct {
	ID           string
	Title        string
	Date         time.Time
	Summary      string
	Competencies []*Competency
	Level        int // the level it helps reach; 0 when not set
	Draft        bool
	Body         template.HTML
	Words        int
	Source       string
	Related      []*Article // sharing a competency or linked either way

	Place int // in Site.Articles
}

// Step is how one competency's target changes from a role to the next.
type Step struct {
	Competency *Competency
	From, To   int
	// HasFrom is false for a competency the first role does not target,
	// HasTo for one the next role does not.
	HasFrom, HasTo bool
}

// Steps lists the competencies whose target differs between two roles, in
// framework order: raised, lowered, new in the second or dropped by it.
func Steps(from, to *Role) []Step {
	var out []Step
	i, j := 0, 0
	for i < len(from.Targets) || j < len(to.Targets) {
		var a, b *Target
		if i < len(from.Targets) {
			a = &from.Targets[i]
		}
		if j < len(to.Targets) {
			b = &to.Targets[j]
		}
		switch {
		case b == nil || a != nil && a.Competency.Rank < b.Competency.Rank:
			out = append(out, Step{Competency: a.Competency, From: a.Level, HasFrom: true})
			i++
		case a == nil || b.Competency.Rank < a.Competency.Rank:
			out = append(out, Step{Competency: b.Competency, To: b.Level, HasTo: true})
			j++
		default:
			if a.Level != b.Level {
				out = append(out, Step{Competency: a.Competency, From: a.Level, To: b.Level, HasFrom: true, HasTo: true})
			}
			i, j = i+1, j+1
		}
	}
	return out
}

// Readiness is how far a person is from the targets of a role, as a rule
// the next one of theirs.
type Readiness struct {
	Role     *Role
	Met      int   // targets the current level reaches
	NotRated int   // targets with no current level
	Missing  []Gap // the targets not reached, largest first, with articles
}

// ReadinessFor works out how far p is from the targets of role. The gaps'
// articles are chosen by choose, as those of p's own gaps are.
func ReadinessFor(p *Person, role *Role, scale []Level, choose func(c *Competency, current, target int) []*Article) Readiness {
	name := func(level int) string { return levelName(scale, level) }
	rd := Readiness{Role: role}
	for _, t := range role.Targets {
		st := p.Standing(t.Competency.ID)
		switch {
		case st == nil || !st.HasCurrent:
			rd.NotRated++
		case st.Current >= t.Level:
			rd.Met++
		default:
			rd.Missing = append(rd.Missing, Gap{
				Competency:  t.Competency,
				Current:     st.Current,
				Rated:       true,
				Target:      t.Level,
				Size:        t.Level - st.Current,
				Articles:    choose(t.Competency, st.Current, t.Level),
				CurrentName: name(st.Current),
				TargetName:  name(t.Level),
			})
		}
	}
	slices.SortStableFunc(rd.Missing, func(a, b Gap) int { return cmp.Compare(b.Size, a.Size) })
	return rd
}

// Track is a career track and its roles.
type Track struct {
	Name  string
	Roles []*Role
}

// Tracks groups roles by track, tracks by name and the roles on no track
// last; within a track, a role comes after the roles below it on its
// ladder, and otherwise in the order of roles.
func Tracks(roles []*Role) []Track {
	depth := map[*Role]int{}
	var below func(r *Role, seen int) int
	below = func(r *Role, seen int) int {
		if d, ok := depth[r]; ok {
			return d
		}
		d := 0
		if seen <= len(roles) { // a loop is an error of the load; stop in one anyway
			for _, p := range r.Previous {
				d = max(d, below(p, seen+1)+1)
			}
		}
		depth[r] = d
		return d
	}
	byName := map[string][]*Role{}
	for _, r := range roles {
		below(r, 0)
		byName[r.Track] = append(byName[r.Track], r)
	}
	var out []Track
	for name, list := range byName {
		slices.SortStableFunc(list, func(a, b *Role) int { return cmp.Compare(depth[a], depth[b]) })
		out = append(out, Track{Name: name, Roles: list})
	}
	slices.SortFunc(out, func(a, b Track) int {
		if (a.Name == "") != (b.Name == "") {
			return cmp.Compare(b.Name, a.Name) // "" last
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// TargetFor returns the role's target in a competency, or nil.
func (r *Role) TargetFor(competencyID string) *Target {
	for i := range r.Targets {
		if r.Targets[i].Competency.ID == competencyID {
			return &r.Targets[i]
		}
	}
	return nil
}

// LevelName returns the name of a level of the scale, or its number.
func (s *Site) LevelName(level int) string { return levelName(s.Scale, level) }

func levelName(scale []Level, level int) string {
	for _, l := range scale {
		if l.Level == level {
			return l.Name
		}
	}
	return strconv.Itoa(level)
}

// MaxLevel is the top level of the scale.
func (s *Site) MaxLevel() int {
	if len(s.Scale) == 0 {
		return 0
	}
	return s.Scale[len(s.Scale)-1].Level
}

// LatestArticles returns up to n of the newest articles.
func (s *Site) LatestArticles(n int) []*Article { return s.Articles[:min(n, len(s.Articles))] }

// Assessed returns the people rated in at least one cycle.
func (s *Site) Assessed() int {
	n := 0
	for _, p := range s.People {
		if p.Assessed {
			n++
		}
	}
	return n
}

// Columns returns the column of each competency in the team's matrix, by
// the competency's rank in the framework of n competencies; -1 for those
// not in it.
func (t *Team) Columns(n int) []int {
	col := make([]int, n)
	for i := range col {
		col[i] = -1
	}
	for j, c := range t.Competencies {
		col[c.Rank] = j
	}
	return col
}

// Matrix is the team's skills matrix: one row per member, one cell per
// column of Competencies, made on each call. The default theme's table
// (.MatrixRows) and heatmap read the members' standings directly: a large
// site's matrices hold hundreds of thousands of cells.
func (t *Team) Matrix() [][]Cell {
	column := make(map[*Competency]int, len(t.Competencies))
	for j, c := range t.Competencies {
		column[c] = j
	}
	matrix := make([][]Cell, len(t.Members))
	for i, p := range t.Members {
		row := make([]Cell, len(t.Competencies))
		for _, st := range p.Standings {
			if j, ok := column[st.Competency]; ok {
				row[j] = Cell{Standing: st, Rated: st.HasCurrent, Below: st.HasTarget && st.Current < st.Target}
			}
		}
		matrix[i] = row
	}
	return matrix
}

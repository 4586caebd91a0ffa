package model

import (
	"encoding/binary"
	"hash/maphash"
	"maps"
	"math"
	"slices"
	"unsafe"

	"portal/internal/par"
)

// A Key names one part of the model that an output can show: a person's own
// fields, a person's standings, a team's members, the list of roles, the
// scale. A page, a search document or a list records the keys it read as it
// is made; an edit yields the keys whose part changed ([Changed]); the pages
// to make again are those that read one of them.
//
// The parts are cut where edits and pages part ways: a person's name shows
// on many pages, their standings on a few; a competency's body on its own
// page only, its title wherever it is rated.
type Key struct {
	Kind Kind
	Part Part
	ID   string // of the person, team, role, ...; "" for the site's parts
}

// Kind is the kind of thing a key is part of.
type Kind uint8

const (
	KSite Kind = iota
	KCategory
	KCompetency
	KRole
	KTeam
	KPerson
	KCycle
	KArticle
)

// Part is a part of a thing. POwn is what its file says of it (names,
// titles, summaries, order, references by id); the others are longer
// texts, or what derive works out from everything.
type Part uint8

const (
	POwn Part = iota
	PBody

	// Of the site.
	PConfig
	PScale
	PHome
	PAssessed   // how many people are assessed
	PCategories // each list: the ids in order
	PCompetencies
	PRoles
	PTeams
	PPeople
	PCycles
	PArticles

	// Of a category: its competencies.
	PMembers
	// Of a competency: its descriptors.
	PText
	// Of a competency: its articles, the roles that target it, the one
	// before and after it.
	PLinks
	// Of a competency: how many people stand at each level.
	PStats
	// Of a role: its targets.
	PTargets
	// Of a role: its people. Of a team: its members (Members).
	PRolePeople
	// Of a team: the columns, averages and gaps of its matrix.
	PMatrix
	// Of a person: standings, gaps, whether and when assessed.
	PStandings
	// Of a person, a team or a role: the name or title alone, which
	// links, lists and charts show where the other own fields are not.
	PName
	// Of an article: the related ones.
	PRelated
	// Of a cycle: its ratings as the file gives them. They have no print:
	// hashing every rating on each edit would cost more than the pages
	// that read them directly (the default theme reads standings). An
	// output that reads them is made again after every edit.
	PRatings
)

// CountID is the ID of the key of a list's length, with the list's part:
// Key{KSite, PPeople, CountID} is how many people there are.
const CountID = "#"

// Prints are the fingerprints of every part of a model: the site's by key,
// and each kind's in a table in the order of its list, so that two builds
// of the same things compare row by row, with no map to fill.
type Prints struct {
	site   map[Key]uint64
	tables [numKinds]table
	// texts are the hashes of the long strings (bodies) by where they
	// are in memory: a body an edit did not render again is the very same
	// string, and is not hashed again. Each entry holds its string, which
	// so stays where it is.
	texts map[*byte]text
	// standings are the prints of each person's standings with the
	// slices they were worked out from: derive makes new slices for new
	// standings and never changes them, so the same slices have the same
	// print. Each entry holds its slices, which so stay where they are.
	standings map[*Person]standingsPrint
	// matrices are the prints of each team's matrix, likewise: TeamMatrix
	// makes new slices.
	matrices map[*Team]matrixPrint
}

type matrixPrint struct {
	columns []*Competency
	summary []TeamStanding
	gaps    []TeamGap
	print   uint64
}

type standingsPrint struct {
	standings []Standing
	gaps      []Gap
	assessed  bool
	last      *Cycle
	print     uint64
}

type text struct {
	s    string
	hash uint64
}

const numKinds = int(KArticle) + 1

// table holds the prints of the things of one kind: for row i, the thing
// ids[i], the print of parts[j] is at prints[i*len(parts)+j].
type table struct {
	ids    []string
	parts  []Part
	prints []uint64
}

func newTable(n int, parts ...Part) table {
	return table{ids: make([]string, 0, n), parts: parts, prints: make([]uint64, 0, n*len(parts))}
}

var seed = maphash.MakeSeed()

// hasher writes the values of a part into a hash.
type hasher struct {
	h   maphash.Hash
	buf [8]byte
}

func (h *hasher) str(s string) {
	h.int(len(s))
	h.h.WriteString(s)
}

func (h *hasher) int(n int) {
	binary.LittleEndian.PutUint64(h.buf[:], uint64(n))
	h.h.Write(h.buf[:])
}

func (h *hasher) bool(b bool) { h.int(b2i(b)) }

func (h *hasher) float(f float64) { h.int(int(math.Float64bits(f))) }

func (h *hasher) sum() uint64 {
	s := h.h.Sum64()
	h.h.Reset()
	return s
}

// id writes the id of a thing, or "" for none.
func (h *hasher) id(v interface{ key() string }) { h.str(v.key()) }

func (c *Competency) key() string {
	if c == nil {
		return ""
	}
	return c.ID
}

func (c *Category) key() string {
	if c == nil {
		return ""
	}
	return c.ID
}

func (r *Role) key() string {
	if r == nil {
		return ""
	}
	return r.ID
}

func (t *Team) key() string {
	if t == nil {
		return ""
	}
	return t.ID
}

func (p *Person) key() string {
	if p == nil {
		return ""
	}
	return p.ID
}

func (c *Cycle) key() string {
	if c == nil {
		return ""
	}
	return c.ID
}

func (a *Article) key() string {
	if a == nil {
		return ""
	}
	return a.ID
}

// ids writes the ids of a list of things, each ended by a zero byte, which
// no id holds.
func ids[T interface{ key() string }](h *hasher, list []T) {
	h.int(len(list))
	for _, v := range list {
		h.h.WriteString(v.key())
		h.h.WriteByte(0)
	}
}

// Fingerprints works out the prints of every part of s. The prints of an
// earlier model, when given, lend it the hashes of its bodies.
func Fingerprints(s *Site, prev *Prints) *Prints {
	p := &Prints{site: make(map[Key]uint64, 24), texts: map[*byte]text{}, matrices: make(map[*Team]matrixPrint, len(s.Teams))}
	var h hasher
	h.h.SetSeed(seed)
	// long writes a body as its hash.
	long := func(body string) {
		ptr := unsafe.StringData(body)
		t, ok := p.texts[ptr]
		if !ok && prev != nil {
			t, ok = prev.texts[ptr]
		}
		if !ok || len(t.s) != len(body) {
			t = text{body, maphash.String(seed, body)}
		}
		p.texts[ptr] = t
		h.int(int(t.hash))
	}
	site := func(part Part, write func()) {
		write()
		p.site[Key{KSite, part, ""}] = h.sum()
	}
	site(PConfig, func() {
		c := s.Config
		for _, v := range [...]string{c.Title, c.Description, c.BaseURL, c.Theme, c.Language, c.Privacy.Publish} {
			h.str(v)
		}
		h.bool(c.UnsafeHTML)
		h.bool(c.Privacy.Index)
		h.int(c.Privacy.MinGroup)
		h.int(c.StaleAfter.Years)
		h.int(c.StaleAfter.Months)
		h.int(c.StaleAfter.Days)
	})
	site(PScale, func() {
		for _, l := range s.Scale {
			h.int(l.Level)
			h.str(l.Name)
			h.str(l.Summary)
		}
	})
	site(PHome, func() {
		if s.Home != nil {
			h.str(s.Home.Title)
			long(string(s.Home.Body))
		}
	})
	site(PAssessed, func() { h.int(s.Assessed()) })
	site(PCategories, func() { ids(&h, s.Categories) })
	site(PCompetencies, func() { ids(&h, s.Competencies) })
	site(PRoles, func() { ids(&h, s.Roles) })
	site(PTeams, func() { ids(&h, s.Teams) })
	site(PPeople, func() { ids(&h, s.People) })
	site(PCycles, func() { ids(&h, s.Cycles) })
	site(PArticles, func() { ids(&h, s.Articles) })
	for part, n := range map[Part]int{PCategories: len(s.Categories), PCompetencies: len(s.Competencies), PRoles: len(s.Roles), PTeams: len(s.Teams), PPeople: len(s.People), PCycles: len(s.Cycles), PArticles: len(s.Articles)} {
		p.site[Key{KSite, part, CountID}] = uint64(n)
	}
	// row adds a row to t: the thing's id, then one write per part.
	row := func(t *table, id string, writes ...func()) {
		t.ids = append(t.ids, id)
		for _, write := range writes {
			write()
			t.prints = append(t.prints, h.sum())
		}
	}

	t := newTable(len(s.Categories), POwn, PBody, PMembers)
	for _, c := range s.Categories {
		row(&t, c.ID, func() {
			h.str(c.Title)
			h.str(c.Summary)
			h.int(c.Order)
		}, func() { long(string(c.Body)) }, func() { ids(&h, c.Competencies) })
	}
	p.tables[KCategory] = t

	t = newTable(len(s.Competencies), POwn, PText, PBody, PLinks, PStats)
	for _, c := range s.Competencies {
		row(&t, c.ID, func() {
			h.str(c.Title)
			h.str(c.Summary)
			h.int(c.Order)
			h.id(c.Category)
			h.int(c.Rank)
			h.int(b2i(c.Shared))
		}, func() {
			for _, d := range c.Descriptors {
				h.int(d.Level.Level)
				h.str(d.Level.Name)
				h.str(d.Text)
			}
		}, func() { long(string(c.Body)) }, func() {
			ids(&h, c.Articles)
			h.id(c.Previous)
			h.id(c.Next)
			for _, rt := range c.Roles {
				h.str(rt.Role.ID)
				h.int(rt.Level)
			}
		}, func() {
			h.int(c.Rated)
			for _, n := range c.Distribution {
				h.int(n)
			}
		})
	}
	p.tables[KCompetency] = t

	t = newTable(len(s.Roles), POwn, PName, PBody, PTargets, PRolePeople)
	for _, r := range s.Roles {
		row(&t, r.ID, func() {
			h.str(r.Title)
			h.str(r.Summary)
			h.str(r.Track)
			h.id(r.Next)
			ids(&h, r.Previous)
		}, func() { h.str(r.Title) }, func() { long(string(r.Body)) }, func() {
			for _, t := range r.Targets {
				h.str(t.Competency.ID)
				h.int(t.Level)
			}
		}, func() { ids(&h, r.People) })
	}
	p.tables[KRole] = t

	t = newTable(len(s.Teams), POwn, PName, PMembers, PMatrix)
	for _, x := range s.Teams {
		row(&t, x.ID, func() {
			h.str(x.Name)
			h.str(x.Description)
		}, func() { h.str(x.Name) }, func() { ids(&h, x.Members) }, func() {
			m, ok := prev.matrix(x)
			if !ok {
				var mh hasher
				mh.h.SetSeed(seed)
				ids(&mh, x.Competencies)
				for _, st := range x.Summary {
					mh.str(st.Competency.ID)
					mh.float(st.Average)
					mh.int(st.Rated)
					mh.float(st.Target)
					mh.int(st.Targeted)
					mh.int(st.Met)
					mh.int(st.Short)
				}
				for _, g := range x.Gaps {
					mh.str(g.Competency.ID)
					mh.int(g.Total)
					mh.int(g.People)
					ids(&mh, g.Articles)
				}
				m = matrixPrint{x.Competencies, x.Summary, x.Gaps, mh.sum()}
			}
			p.matrices[x] = m
			h.int(int(m.print))
		})
	}
	p.tables[KTeam] = t

	t = newTable(len(s.Cycles), POwn)
	for _, c := range s.Cycles {
		row(&t, c.ID, func() {
			h.str(c.Title)
			h.int(int(c.Date.Unix()))
			h.str(c.Kind)
		})
	}
	p.tables[KCycle] = t

	t = newTable(len(s.Articles), POwn, PBody, PRelated)
	for _, a := range s.Articles {
		row(&t, a.ID, func() {
			h.str(a.Title)
			h.int(int(a.Date.Unix()))
			h.str(a.Summary)
			ids(&h, a.Competencies)
			h.int(a.Level)
			h.bool(a.Draft)
		}, func() {
			long(string(a.Body))
			h.int(a.Words)
		}, func() { ids(&h, a.Related) })
	}
	p.tables[KArticle] = t

	p.tables[KPerson], p.standings = peoplePrints(s, prev)
	return p
}

// peoplePrints works out the prints of people, the most numerous, on both
// cores. Each part is written as words into a buffer hashed at once;
// strings, and the ids of other things, as their hashes.
func peoplePrints(s *Site, prev *Prints) (table, map[*Person]standingsPrint) {
	comps := make([]uint64, len(s.Competencies))
	for i, c := range s.Competencies {
		comps[i] = maphash.String(seed, c.ID)
	}
	articles := hashes(s.Articles)
	teams, roles := hashes(s.Teams), hashes(s.Roles)
	// A site has a few cycles: a look along them beats a map.
	cycles := make([]uint64, len(s.Cycles))
	for i, c := range s.Cycles {
		cycles[i] = maphash.String(seed, c.ID)
	}
	cycle := func(c *Cycle) uint64 {
		for i, x := range s.Cycles {
			if x == c {
				return cycles[i]
			}
		}
		return 0
	}
	t := table{ids: make([]string, len(s.People)), parts: []Part{POwn, PName, PStandings}, prints: make([]uint64, 3*len(s.People))}
	var kept [2]map[*Person]standingsPrint
	par.Do(2, func(half int) {
		lo, hi := half*len(s.People)/2, (half+1)*len(s.People)/2
		mine := make(map[*Person]standingsPrint, hi-lo)
		kept[half] = mine
		var words []uint64
		sum := func() uint64 {
			return maphash.Bytes(seed, unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(words))), 8*len(words)))
		}
		for i := lo; i < hi; i++ {
			p := s.People[i]
			t.ids[i] = p.ID
			name := maphash.String(seed, p.Name)
			words = append(words[:0], name, maphash.String(seed, p.JobTitle), teams[p.Team], roles[p.Role])
			t.prints[3*i] = sum()
			t.prints[3*i+1] = name
			if prev != nil {
				if c, ok := prev.standings[p]; ok && unsafe.SliceData(c.standings) == unsafe.SliceData(p.Standings) && len(c.standings) == len(p.Standings) &&
					unsafe.SliceData(c.gaps) == unsafe.SliceData(p.Gaps) && len(c.gaps) == len(p.Gaps) && c.assessed == p.Assessed && c.last == p.LastAssessed {
					t.prints[3*i+2] = c.print
					mine[p] = c
					continue
				}
			}
			words = append(words[:0], uint64(b2i(p.Assessed)), cycle(p.LastAssessed), cycle(p.LastManager), cycle(p.LastSelf), cycle(p.LastPeer), uint64(p.NotRated))
			for _, st := range p.Standings {
				words = append(words, comps[st.Competency.Rank], cycle(st.CurrentFrom), uint64(st.Current), uint64(st.Previous), uint64(st.Target), uint64(st.Short),
					uint64(b2i(st.HasCurrent)|b2i(st.HasPrevious)<<1|b2i(st.HasTarget)<<2|b2i(st.HasSelf)<<3),
					cycle(st.SelfFrom), uint64(st.Self), cycle(st.PeerFrom), uint64(st.PeerTotal), uint64(st.Peers), uint64(len(st.History)))
				for _, pt := range st.History {
					words = append(words, cycle(pt.Cycle), uint64(pt.Level))
				}
			}
			for _, g := range p.Gaps {
				// The names of the levels follow from the levels and the
				// scale, which has a key of its own.
				words = append(words, comps[g.Competency.Rank], uint64(g.Current), uint64(b2i(g.Rated)), uint64(g.Target), uint64(g.Size), uint64(len(g.Articles)))
				for _, a := range g.Articles {
					words = append(words, articles[a])
				}
			}
			t.prints[3*i+2] = sum()
			mine[p] = standingsPrint{p.Standings, p.Gaps, p.Assessed, p.LastAssessed, t.prints[3*i+2]}
		}
	})
	maps.Copy(kept[0], kept[1])
	return t, kept[0]
}

// matrix returns the print of t's matrix in p when it was worked out from
// the very slices t has now.
func (p *Prints) matrix(t *Team) (matrixPrint, bool) {
	if p == nil {
		return matrixPrint{}, false
	}
	m, ok := p.matrices[t]
	return m, ok && sameSlice(m.columns, t.Competencies) && sameSlice(m.summary, t.Summary) && sameSlice(m.gaps, t.Gaps)
}

// sameSlice tells whether a and b are the same slice of the same array.
func sameSlice[T any](a, b []T) bool {
	return unsafe.SliceData(a) == unsafe.SliceData(b) && len(a) == len(b)
}

// hashes are the hashes of the ids of a list of things, by thing.
func hashes[T interface {
	comparable
	key() string
}](list []T) map[T]uint64 {
	m := make(map[T]uint64, len(list))
	for _, x := range list {
		m[x] = maphash.String(seed, x.key())
	}
	return m
}

// Volatile tells whether k has no print, and so counts as changed by every
// edit.
func (k Key) Volatile() bool { return k.Part == PRatings }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Changed returns the keys whose prints differ between old and cur, or that
// only one of them has. Keys with no print, such as a cycle's PRatings,
// are not among them: see [Key.Volatile].
func Changed(old, cur *Prints) map[Key]bool {
	changed := map[Key]bool{}
	for k, v := range cur.site {
		if o, ok := old.site[k]; !ok || o != v {
			changed[k] = true
		}
	}
	for k := range old.site {
		if _, ok := cur.site[k]; !ok {
			changed[k] = true
		}
	}
	for kind := range cur.tables {
		o, c := &old.tables[kind], &cur.tables[kind]
		n := len(c.parts)
		if slices.Equal(o.ids, c.ids) {
			// The same things in the same order, as after most edits.
			for i, v := range c.prints {
				if o.prints[i] != v {
					changed[Key{Kind(kind), c.parts[i%n], c.ids[i/n]}] = true
				}
			}
			continue
		}
		rows := make(map[string]int, len(o.ids))
		for i, id := range o.ids {
			rows[id] = i
		}
		for i, id := range c.ids {
			j, ok := rows[id]
			delete(rows, id)
			for part := range n {
				if !ok || o.prints[j*n+part] != c.prints[i*n+part] {
					changed[Key{Kind(kind), c.parts[part], id}] = true
				}
			}
		}
		for id := range rows {
			for _, part := range o.parts {
				changed[Key{Kind(kind), part, id}] = true
			}
		}
	}
	return changed
}

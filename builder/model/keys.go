package model

import (
	"encoding/binary"
	"hash/maphash"
	"math"

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

// Prints are the fingerprints of every part of a model, by key.
type Prints map[Key]uint64

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

func (h *hasher) bool(b bool) {
	if b {
		h.h.WriteByte(1)
	} else {
		h.h.WriteByte(0)
	}
}

func (h *hasher) float(f float64) { h.int(int(math.Float64bits(f))) }

func (h *hasher) sum() uint64 {
	s := h.h.Sum64()
	h.h.Reset()
	return s
}

func (h *hasher) id(v interface{ key() string }) {
	if v == nil {
		h.str("\x00")
		return
	}
	h.str(v.key())
}

func (c *Competency) key() string {
	if c == nil {
		return "\x00"
	}
	return c.ID
}
func (c *Category) key() string {
	if c == nil {
		return "\x00"
	}
	return c.ID
}
func (r *Role) key() string {
	if r == nil {
		return "\x00"
	}
	return r.ID
}
func (t *Team) key() string {
	if t == nil {
		return "\x00"
	}
	return t.ID
}
func (p *Person) key() string {
	if p == nil {
		return "\x00"
	}
	return p.ID
}
func (c *Cycle) key() string {
	if c == nil {
		return "\x00"
	}
	return c.ID
}
func (a *Article) key() string {
	if a == nil {
		return "\x00"
	}
	return a.ID
}

func ids[T interface{ key() string }](h *hasher, list []T) {
	h.int(len(list))
	for _, v := range list {
		h.str(v.key())
	}
}

// Fingerprints works out the prints of every part of s. People, the most
// numerous, are hashed on both cores.
func Fingerprints(s *Site) Prints {
	n := 16 + 2*len(s.Categories) + 5*len(s.Competencies) + 4*len(s.Roles) + 3*len(s.Teams) + 2*len(s.People) + len(s.Cycles) + 3*len(s.Articles)
	p := make(Prints, n)
	var h hasher
	h.h.SetSeed(seed)
	site := func(part Part, write func()) {
		write()
		p[Key{KSite, part, ""}] = h.sum()
	}
	site(PConfig, func() {
		c := s.Config
		for _, v := range [...]string{c.Title, c.Description, c.BaseURL, c.Theme, c.Language} {
			h.str(v)
		}
		h.bool(c.UnsafeHTML)
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
			h.str(string(s.Home.Body))
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
		p[Key{KSite, part, CountID}] = uint64(n)
	}
	put := func(kind Kind, part Part, id string) { p[Key{kind, part, id}] = h.sum() }

	for _, c := range s.Categories {
		h.str(c.Title)
		h.str(c.Summary)
		h.int(c.Order)
		put(KCategory, POwn, c.ID)
		h.str(string(c.Body))
		put(KCategory, PBody, c.ID)
		ids(&h, c.Competencies)
		put(KCategory, PMembers, c.ID)
	}
	for _, c := range s.Competencies {
		h.str(c.Title)
		h.str(c.Summary)
		h.int(c.Order)
		h.id(c.Category)
		h.int(c.Rank)
		put(KCompetency, POwn, c.ID)
		for _, d := range c.Descriptors {
			h.int(d.Level.Level)
			h.str(d.Level.Name)
			h.str(d.Text)
		}
		put(KCompetency, PText, c.ID)
		h.str(string(c.Body))
		put(KCompetency, PBody, c.ID)
		ids(&h, c.Articles)
		h.id(c.Previous)
		h.id(c.Next)
		for _, rt := range c.Roles {
			h.str(rt.Role.ID)
			h.int(rt.Level)
		}
		put(KCompetency, PLinks, c.ID)
		h.int(c.Rated)
		for _, n := range c.Distribution {
			h.int(n)
		}
		put(KCompetency, PStats, c.ID)
	}
	for _, r := range s.Roles {
		h.str(r.Title)
		h.str(r.Summary)
		put(KRole, POwn, r.ID)
		h.str(string(r.Body))
		put(KRole, PBody, r.ID)
		for _, t := range r.Targets {
			h.str(t.Competency.ID)
			h.int(t.Level)
		}
		put(KRole, PTargets, r.ID)
		ids(&h, r.People)
		put(KRole, PRolePeople, r.ID)
	}
	for _, t := range s.Teams {
		h.str(t.Name)
		h.str(t.Description)
		put(KTeam, POwn, t.ID)
		ids(&h, t.Members)
		put(KTeam, PMembers, t.ID)
		ids(&h, t.Competencies)
		for _, st := range t.Summary {
			h.str(st.Competency.ID)
			h.float(st.Average)
			h.int(st.Rated)
			h.float(st.Target)
			h.int(st.Targeted)
		}
		for _, g := range t.Gaps {
			h.str(g.Competency.ID)
			h.int(g.Total)
			h.int(g.People)
			ids(&h, g.Articles)
		}
		put(KTeam, PMatrix, t.ID)
	}
	for _, c := range s.Cycles {
		h.str(c.Title)
		h.int(int(c.Date.Unix()))
		h.str(c.Kind)
		put(KCycle, POwn, c.ID)
	}
	for _, a := range s.Articles {
		h.str(a.Title)
		h.int(int(a.Date.Unix()))
		h.str(a.Summary)
		ids(&h, a.Competencies)
		h.int(a.Level)
		h.bool(a.Draft)
		put(KArticle, POwn, a.ID)
		h.str(string(a.Body))
		h.int(a.Words)
		put(KArticle, PBody, a.ID)
		ids(&h, a.Related)
		put(KArticle, PRelated, a.ID)
	}
	// People, in two halves, each into a map of its own.
	var halves [2]Prints
	par.Do(2, func(half int) {
		people := s.People[half*len(s.People)/2 : (half+1)*len(s.People)/2]
		m := make(Prints, 2*len(people))
		var h hasher
		h.h.SetSeed(seed)
		var levels []int
		for _, p := range people {
			h.str(p.Name)
			h.str(p.JobTitle)
			h.id(p.Team)
			h.id(p.Role)
			m[Key{KPerson, POwn, p.ID}] = h.sum()
			h.bool(p.Assessed)
			h.id(p.LastAssessed)
			levels = levels[:0]
			for _, st := range p.Standings {
				h.str(st.Competency.ID)
				h.id(st.CurrentFrom)
				levels = append(levels, st.Current, st.Previous, st.Target, st.Short, b2i(st.HasCurrent)|b2i(st.HasPrevious)<<1|b2i(st.HasTarget)<<2)
			}
			for _, g := range p.Gaps {
				h.str(g.Competency.ID)
				levels = append(levels, g.Current, b2i(g.Rated), g.Target, g.Size)
				h.str(g.CurrentName)
				h.str(g.TargetName)
				ids(&h, g.Articles)
			}
			for _, n := range levels {
				h.int(n)
			}
			m[Key{KPerson, PStandings, p.ID}] = h.sum()
		}
		halves[half] = m
	})
	for _, m := range halves {
		for k, v := range m {
			p[k] = v
		}
	}
	return p
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
// only one of them has. Keys with no print, such as a cycle's PRatings, count
// as changed: see [Key.Volatile].
func Changed(old, cur Prints) map[Key]bool {
	changed := map[Key]bool{}
	for k, v := range cur {
		if o, ok := old[k]; !ok || o != v {
			changed[k] = true
		}
	}
	for k := range old {
		if _, ok := cur[k]; !ok {
			changed[k] = true
		}
	}
	return changed
}

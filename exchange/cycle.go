package exchange

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"portal/builder/content"
	"portal/builder/model"
)

// Cycle is an assessment cycle's file as this package writes it: its
// title, date and kind, and each person's ratings.
type Cycle struct {
	ID, Title string
	Date      time.Time
	Kind      string
	People    map[string][]Rating // by person id
}

// Rating is a person's rating in one competency: one level, or in a peer
// cycle one from each peer, in the order given.
type Rating struct {
	Competency *model.Competency
	Levels     []int
}

// Path is the cycle's file in a site.
func (c *Cycle) Path() string { return "content/assessments/" + c.ID + ".toml" }

// Format writes the cycle's file as a person would: the title, date and
// kind, then a table per person in order of id, each competency a line in
// the framework's order; a peer cycle's ratings are lists.
func (c *Cycle) Format() []byte {
	var b strings.Builder
	b.WriteString("title = ")
	b.WriteString(tomlString(c.Title))
	b.WriteString("\ndate = ")
	b.WriteString(c.Date.Format(time.DateOnly))
	b.WriteString("\nkind = ")
	b.WriteString(tomlString(c.Kind))
	b.WriteString("\n")
	for _, id := range content.SortedKeys(c.People) {
		ratings := slices.Clone(c.People[id])
		slices.SortStableFunc(ratings, func(a, b Rating) int { return cmp.Compare(a.Competency.Rank, b.Competency.Rank) })
		b.WriteString("\n[ratings.")
		b.WriteString(id)
		b.WriteString("]\n")
		for _, r := range ratings {
			b.WriteString(r.Competency.ID)
			b.WriteString(" = ")
			if c.Kind == "peer" {
				b.WriteString("[")
				for i, l := range r.Levels {
					if i > 0 {
						b.WriteString(", ")
					}
					b.WriteString(strconv.Itoa(l))
				}
				b.WriteString("]")
			} else {
				b.WriteString(strconv.Itoa(r.Levels[0]))
			}
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

// FromModel is a cycle of a loaded site as this package writes it.
func FromModel(s *model.Site, c *model.Cycle) *Cycle {
	out := &Cycle{ID: c.ID, Title: c.Title, Date: c.Date, Kind: c.Kind, People: map[string][]Rating{}}
	for pid, list := range c.ByPerson {
		var ratings []Rating
		for _, r := range list {
			comp := s.CompetencyByID[c.IDs[r.Competency]]
			if comp == nil {
				continue
			}
			if i := slices.IndexFunc(ratings, func(x Rating) bool { return x.Competency == comp }); i >= 0 {
				ratings[i].Levels = append(ratings[i].Levels, r.Level)
				continue
			}
			ratings = append(ratings, Rating{Competency: comp, Levels: []int{r.Level}})
		}
		out.People[pid] = ratings
	}
	return out
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00`)
			b.WriteString(strconv.FormatInt(int64(r)>>4, 16))
			b.WriteString(strconv.FormatInt(int64(r)&15, 16))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

package builder

import (
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Builder builds the same site again and again, as the preview does. It keeps
// the files it decoded, the markdown it rendered, the theme and the pages of
// its last good build, so that after a change it reads only the changed
// files and renders only the pages whose output depends on them, following
// the dependency rule in the package doc.
type Builder struct {
	fsys  fs.FS
	opts  Options
	cache *cache
	theme *theme
	site  *Site   // last good build
	out   *Output // its output
	// pending are the files changed since the last good build; nil when
	// anything may have changed.
	pending map[string]bool

	// LazySearch leaves the search index out of the Files of an output and
	// makes it on the first call of Output.File for one of its files. The
	// preview sets it: most edits are never searched for, and making the
	// index of a large site takes longer than the rest of a rebuild.
	LazySearch bool
}

// NewBuilder returns a Builder for the site in fsys.
func NewBuilder(fsys fs.FS, opts Options) *Builder {
	return &Builder{fsys: fsys, opts: opts, cache: newCache()}
}

// Build builds the site. changed lists the files, relative to the site with
// slashes, that changed since the last call; nil means any may have (after
// lost file events, say), and reads everything again.
func (b *Builder) Build(changed []string) (*Site, *Output, error) {
	if changed == nil || b.site == nil {
		b.pending = nil
	} else if b.pending != nil {
		for _, p := range changed {
			b.pending[p] = true
		}
	}
	set := b.pending
	themeChanged := set == nil || b.theme == nil
	for p := range set {
		if !strings.HasPrefix(p, "content/") {
			themeChanged = true
			if p == configFile {
				// The settings decide how everything is read and rendered.
				set = nil
				b.cache = newCache()
				break
			}
		}
	}
	s, err := load(b.fsys, b.opts, b.cache, set)
	if err != nil {
		return s, nil, err // pending keeps the changes for the next try
	}
	if themeChanged {
		th, err := loadTheme(b.fsys, s)
		if err != nil {
			return s, nil, err
		}
		b.theme = th
	}
	var only func(string) bool
	if set != nil && !themeChanged && !s.linksChanged {
		if urls, all := affected(b.site, s, set); !all {
			only = func(u string) bool {
				// Every page of the people list changes with its first.
				if strings.HasPrefix(u, "people/page/") && u != "people/page/" && urls["people/"] {
					return true
				}
				return urls[u]
			}
		}
	}
	out, err := renderSite(s, b.theme, only, b.out, b.LazySearch)
	if err != nil {
		return s, nil, err
	}
	b.site, b.out, b.pending = s, out, map[string]bool{}
	return s, out, nil
}

// classify tells the kind and id of a content file from its path.
func classify(p string) (kind, id string) {
	rel, ok := strings.CutPrefix(p, "content/")
	if !ok {
		return "", ""
	}
	parts := strings.Split(rel, "/")
	name := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	switch {
	case rel == "_index.md":
		return kindHome, ""
	case parts[0] == "competencies" && len(parts) == 3 && parts[2] == "_index.md":
		return kindCategory, parts[1]
	case parts[0] == "competencies":
		return kindCompetency, name
	case len(parts) == 2:
		if f, ok := folders[parts[0]]; ok {
			return f.kind, name
		}
	}
	return "", ""
}

// affected returns the URLs of the pages that a change of the files in
// changed can alter, given the site before and after it, or all when it can
// alter any page. It follows the rule in the doc of Builder.
func affected(old, cur *Site, changed map[string]bool) (urls map[string]bool, all bool) {
	if !sameKeys(old.competencies, cur.competencies) || !sameKeys(old.roles, cur.roles) ||
		!sameKeys(old.teams, cur.teams) || !sameKeys(old.people, cur.people) ||
		!sameKeys(old.articles, cur.articles) || len(old.Cycles) != len(cur.Cycles) {
		return nil, true
	}
	urls = map[string]bool{}
	add := func(u string) { urls[u] = true }
	// person adds the pages showing a person; with ratings, also those of
	// the competencies they stand in, whose distributions count ratings.
	person := func(s *Site, id string, ratings bool) {
		p := s.people[id]
		if p == nil {
			return
		}
		add("people/" + id + "/")
		if p.Team != nil {
			add("teams/" + p.Team.ID + "/")
		}
		if p.Role != nil {
			add("roles/" + p.Role.ID + "/")
		}
		if ratings {
			for _, st := range p.Standings {
				add("competencies/" + st.Competency.ID + "/")
			}
		}
	}
	for p := range changed {
		kind, id := classify(p)
		switch kind {
		case kindHome:
			add("")
		case kindPerson:
			add("people/")
			add("teams/")
			add("roles/")
			// A person's file holds no ratings: with the same people, every
			// distribution stays as it was.
			person(old, id, false)
			person(cur, id, false)
		case kindCycle:
			add("people/")
			add("teams/")
			add("roles/")
			for _, s := range []*Site{old, cur} {
				for _, c := range s.Cycles {
					if c.Source == p {
						for pid := range c.Ratings {
							person(old, pid, true)
							person(cur, pid, true)
						}
					}
				}
			}
		case kindTeam:
			add("teams/")
			add("people/")
			for _, s := range []*Site{old, cur} {
				add("teams/" + id + "/")
				for _, m := range s.teams[id].Members {
					add("people/" + m.ID + "/")
					if m.Role != nil {
						add("roles/" + m.Role.ID + "/")
					}
				}
			}
		case kindRole:
			add("roles/")
			add("people/")
			add("teams/")
			add("competencies/")
			for _, s := range []*Site{old, cur} {
				r := s.roles[id]
				add("roles/" + id + "/")
				for _, t := range r.Targets {
					add("competencies/" + t.Competency.ID + "/")
				}
				for _, p := range r.People {
					add("people/" + p.ID + "/")
					if p.Team != nil {
						add("teams/" + p.Team.ID + "/")
					}
				}
			}
		case kindArticle:
			add("")
			add("articles/")
			for _, s := range []*Site{old, cur} {
				a := s.articles[id]
				if a == nil {
					continue // a draft left out of the build
				}
				add("articles/" + id + "/")
				taught := map[*Competency]bool{}
				for _, c := range a.Competencies {
					add("competencies/" + c.ID + "/")
					taught[c] = true
				}
				for _, p := range s.People {
					for _, g := range p.Gaps {
						if taught[g.Competency] {
							person(s, p.ID, false)
							break
						}
					}
				}
				for _, other := range s.Articles {
					if slices.Contains(other.Related, a) {
						add("articles/" + other.ID + "/")
					}
				}
			}
		default:
			return nil, true
		}
	}
	return urls, false
}

func sameKeys[V any](a, b map[string]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

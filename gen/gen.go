// Package gen writes large, realistic portal sites for benchmarks.
//
// [Generate] writes a complete site of a given size: site.toml with a
// five-level scale, categories and competencies with their level rubrics,
// roles with target levels, teams, people, manager and self assessment
// cycles, and learning articles with headings, lists, a table, a code block
// and links between pages. The text is pseudo-prose made from a vocabulary
// of management words, so that word counts and markdown structure are those
// of real content while the meaning is not.
//
// The same preset and seed write byte-identical files. Files are streamed to
// disk one at a time, and the assessment cycles are written person by person,
// so the huge preset does not need the whole site in memory.
package gen

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Preset is the size and shape of a generated site.
type Preset struct {
	People, Competencies, Categories, Teams, Roles, Articles, ManagerCycles, SelfCycles, PeerCycles int

	// Wide shapes the site like the frameworks of organisations with many
	// professions (see wide.go): Categories tracks of their own
	// competencies, several named alike, a scale from 0 to 7, a ladder of
	// four roles per track (Roles is then 4 per track), and teams that mix
	// tracks.
	Wide bool
	// Unassessed leaves every Unassessed-th person out of every cycle; 0
	// rates everyone.
	Unassessed int

	// RatedMin and RatedMax bound the number of competencies each person is
	// rated on in every cycle.
	RatedMin, RatedMax int

	// ArticleWordsMin and ArticleWordsMax bound the words of an article's
	// body, counted as the builder counts them: runs of non-space.
	ArticleWordsMin, ArticleWordsMax int

	// Publish is [privacy] publish of the site; "" is "open": its people
	// are made up.
	Publish string
}

var presets = []struct {
	name string
	p    Preset
}{
	{"small", Preset{
		People: 200, Competencies: 30, Categories: 4, Teams: 20, Roles: 8, Articles: 100,
		ManagerCycles: 2, SelfCycles: 1, RatedMin: 10, RatedMax: 20,
		ArticleWordsMin: 300, ArticleWordsMax: 800,
	}},
	{"large", Preset{
		People: 10_000, Competencies: 80, Categories: 8, Teams: 500, Roles: 40, Articles: 2_000,
		ManagerCycles: 4, SelfCycles: 1, RatedMin: 25, RatedMax: 40,
		ArticleWordsMin: 600, ArticleWordsMax: 1_500,
	}},
	{"wide", Preset{
		People: 130, Competencies: 70, Categories: 14, Teams: 6, Roles: 56, Articles: 160,
		ManagerCycles: 4, SelfCycles: 2, PeerCycles: 1, RatedMin: 9, RatedMax: 16,
		ArticleWordsMin: 300, ArticleWordsMax: 700, Wide: true, Unassessed: 26,
	}},
	{"huge", Preset{
		People: 100_000, Competencies: 80, Categories: 8, Teams: 500, Roles: 40, Articles: 2_000,
		ManagerCycles: 4, SelfCycles: 1, RatedMin: 25, RatedMax: 40,
		ArticleWordsMin: 600, ArticleWordsMax: 1_500,
	}},
}

// Named returns the preset called name: small, large, wide or huge.
func Named(name string) (Preset, bool) {
	for _, p := range presets {
		if p.name == name {
			return p.p, true
		}
	}
	return Preset{}, false
}

// Names lists the names of the presets, smallest first.
func Names() []string {
	names := make([]string, len(presets))
	for i, p := range presets {
		names[i] = p.name
	}
	return names
}

// overshoot is how far past its target word count a body can run: its last
// sentence is finished, not cut.
const overshoot = 40

func (p Preset) check() error {
	var errs []error
	if p.Categories < 1 || p.Competencies < p.Categories {
		errs = append(errs, fmt.Errorf("need at least one category and a competency for each, not %d in %d", p.Competencies, p.Categories))
	}
	if p.Wide && (p.Categories > len(wideTracks) || p.Competencies != 5*p.Categories || p.Roles != 4*p.Categories) {
		errs = append(errs, fmt.Errorf("a wide site has up to %d tracks, 5 competencies and 4 roles to each, not %d competencies and %d roles in %d", len(wideTracks), p.Competencies, p.Roles, p.Categories))
	}
	if p.Teams < 1 || p.Roles < 1 || p.People < 0 || p.Articles < 0 || p.ManagerCycles < 0 || p.SelfCycles < 0 || p.PeerCycles < 0 || p.Unassessed < 0 {
		errs = append(errs, errors.New("need at least one team and one role, and no negative counts"))
	}
	if p.RatedMin < 0 || p.RatedMin > p.RatedMax || p.RatedMax > p.Competencies {
		errs = append(errs, fmt.Errorf("rated range %d-%d must lie within 0-%d competencies", p.RatedMin, p.RatedMax, p.Competencies))
	}
	if p.Articles > 0 && (p.ArticleWordsMin < 200 || p.ArticleWordsMax < p.ArticleWordsMin+overshoot) {
		errs = append(errs, fmt.Errorf("article words %d-%d: need at least 200, and a range of at least %d", p.ArticleWordsMin, p.ArticleWordsMax, overshoot))
	}
	return errors.Join(errs...)
}

// Generate writes a site of the preset's size into dir, which must be empty
// or not exist. The site loads with no errors and no warnings: every
// competency is taught by an article and targeted by a role, every person is
// rated, and every article is linked from another. The same preset and seed
// write the same bytes.
func Generate(dir string, p Preset, seed int64) error {
	if err := p.check(); err != nil {
		return fmt.Errorf("preset: %w", err)
	}
	if err := emptyDir(dir); err != nil {
		return err
	}
	g := &generator{
		root: dir,
		p:    p,
		r:    rand.New(rand.NewPCG(uint64(seed), uint64(seed))),
		w:    bufio.NewWriterSize(nil, 64<<10),
	}
	for _, sub := range []string{"content/competencies", "content/roles", "content/teams", "content/people", "content/assessments", "content/articles"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	for _, step := range []func() error{g.config, g.home, g.framework, g.roleProfiles, g.teamFiles, g.articleFiles, g.peopleAndCycles} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// emptyDir makes sure dir is an empty folder, creating it if need be, so
// that a generated site never mixes with other files.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: generate into a new or empty folder", dir)
	}
	return nil
}

type generator struct {
	root string
	p    Preset
	r    *rand.Rand
	w    *bufio.Writer // reused for every file but the cycles

	buf   []byte // the file being written
	side  []byte // the fixed blocks of a body, made before its paragraphs
	parts []part

	topic              string // $C in templates
	linkText, linkPath string // $L and $U

	categories   []*category
	competencies []*competency // framework order
	roles        []*role
	teams        []*team
	articles     []*article
	cycles       []*cycle
}

type category struct {
	id, title, summary string
}

type competency struct {
	id, title, lower, summary string
	category                  *category
	order                     int
}

type role struct {
	id, title, summary string
	track, next        string // for a wide site; "" otherwise
	rank               int
	targets            []int // competency indices, framework order
	levels             []int // target level by competency index; 0 when not targeted
	others             []int // competency indices not targeted
}

type team struct {
	id, name string
}

type article struct {
	id, title, summary string
	date               time.Time
	competencies       []int
	level              int
	yaml               bool
	next               int // the article it links to round the circle
}

type cycle struct {
	id, title, kind string
	date            time.Time
}

// The last manager cycle is in the second half of this year; earlier ones
// go back half a year each, and self cycles follow it.
const lastYear = 2025

// articlesFrom is the earliest article date.
var articlesFrom = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

// writeFile writes g.buf to the file at rel, below the site.
func (g *generator) writeFile(rel string) error {
	f, err := os.Create(filepath.Join(g.root, rel))
	if err != nil {
		return err
	}
	g.w.Reset(f)
	_, err = g.w.Write(g.buf)
	if err == nil {
		err = g.w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

var scale = []struct{ name, summary string }{
	{"Not yet", "Has not had the chance to use this skill yet."},
	{"Aware", "Knows what the skill is, why it matters and when it is needed."},
	{"Practising", "Uses the skill in familiar situations, with some guidance."},
	{"Skilled", "Applies the skill reliably and on their own, including in hard cases."},
	{"Role model", "Teaches the skill to others and sets the standard beyond their own team."},
}

// maxLevel is the top of the scale; descriptors and targets run 1..maxLevel.
const maxLevel = 4

// top is the top of the site's scale.
func (g *generator) top() int {
	if g.p.Wide {
		return len(wideScale) - 1
	}
	return maxLevel
}

func (g *generator) config() error {
	p := g.p
	b := g.buf[:0]
	b = append(b, "title = \"Meridian Growth Portal\"\n"...)
	b = append(b, "baseURL = \"https://intranet.example.com/growth/\"\n"...)
	b = append(b, "theme = \"default\"\nlanguage = \"en-GB\"\n"...)
	b = fmt.Appendf(b, "description = \"A generated portal: %d people in %d teams, %d competencies, %d roles and %d articles.\"\n",
		p.People, p.Teams, p.Competencies, p.Roles, p.Articles)
	levels := scale
	if p.Wide {
		levels = wideScale
	}
	for i, l := range levels {
		b = fmt.Appendf(b, "\n[[scale]]\nlevel = %d\nname = %s\nsummary = %s\n", i, quote(l.name), quote(l.summary))
	}
	publish := p.Publish
	if publish == "" {
		publish = "open"
		b = append(b, "\n# The people are made up: every page is published open.\n"...)
	}
	b = fmt.Appendf(b, "\n[privacy]\npublish = %s\n", quote(publish))
	g.buf = b
	return g.writeFile("site.toml")
}

func (g *generator) home() error {
	g.buf = append(g.buf[:0], "+++\ntitle = \"Grow as a manager and a leader\"\n+++\n"...)
	g.topic = "people development"
	g.writeBody(100+g.r.IntN(60), g.para(), g.para())
	return g.writeFile("content/_index.md")
}

func (g *generator) framework() error {
	p := g.p
	if p.Wide {
		g.wideFramework()
	}
	for i := range p.Categories {
		if p.Wide {
			break
		}
		src := framework[i%len(framework)]
		c := &category{id: src.id, title: src.title, summary: src.summary}
		if n := i / len(framework); n > 0 {
			c.id += "-" + strconv.Itoa(n+1)
			c.title += " " + strconv.Itoa(n+1)
		}
		g.categories = append(g.categories, c)
	}
	for ci, c := range g.categories {
		if p.Wide {
			break
		}
		// Competencies are shared out as evenly as the count allows.
		n := p.Competencies / p.Categories
		if ci < p.Competencies%p.Categories {
			n++
		}
		src := framework[ci%len(framework)].competencies
		for j := range n {
			s := src[j%len(src)]
			k := &competency{title: s.title, summary: s.summary, category: c, order: j + 1}
			if r := j / len(src); r > 0 {
				k.title += " " + strconv.Itoa(r+1)
			}
			k.id = slug(k.title)
			if ci >= len(framework) {
				k.id += "-" + strconv.Itoa(ci/len(framework)+1)
			}
			k.lower = strings.ToLower(k.title)
			g.competencies = append(g.competencies, k)
		}
	}
	for i, c := range g.categories {
		if err := os.MkdirAll(filepath.Join(g.root, "content/competencies", c.id), 0o755); err != nil {
			return err
		}
		b := append(g.buf[:0], "+++\n"...)
		b = fmt.Appendf(b, "title = %s\nsummary = %s\norder = %d\n+++\n", quote(c.title), quote(c.summary), i+1)
		g.buf = b
		g.topic = strings.ToLower(c.title)
		g.writeBody(80+g.r.IntN(60), g.para(), g.para())
		if err := g.writeFile("content/competencies/" + c.id + "/_index.md"); err != nil {
			return err
		}
	}
	for _, k := range g.competencies {
		if err := g.competencyFile(k); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) competencyFile(k *competency) error {
	b := append(g.buf[:0], "+++\n"...)
	b = fmt.Appendf(b, "title = %s\nsummary = %s\norder = %d\n[levels]\n", quote(k.title), quote(k.summary), k.order)
	for level := 1; level <= g.top(); level++ {
		text := wideDescriptors[level-1]
		if !g.p.Wide {
			text = g.pick(descriptorTemplates[level-1])
		}
		b = fmt.Appendf(b, "%d = %s\n", level, quote(fmt.Sprintf(text, k.lower)))
	}
	b = append(b, "+++\n"...)
	g.buf = b
	g.topic = k.lower
	g.side = g.side[:0]
	g.writeBody(150+g.r.IntN(110),
		g.heading("What it is"), g.para(),
		g.heading("Why it matters"), g.para(),
		g.heading("What good looks like"), g.list(false, true, 3+g.r.IntN(3), bulletTemplates),
		g.heading("Watch out for"), g.list(false, false, 2+g.r.IntN(3), watchTemplates),
	)
	return g.writeFile("content/competencies/" + k.category.id + "/" + k.id + ".md")
}

func (g *generator) roleProfiles() error {
	p := g.p
	n := len(g.competencies)
	combos := g.r.Perm(len(roleSeniorities) * len(roleJobs))
	seen := map[string]int{}
	var deck []int
	if p.Wide {
		g.wideRoles()
	}
	for i := range p.Roles {
		if p.Wide {
			break
		}
		c := combos[i%len(combos)]
		rank, job := c%len(roleSeniorities), roleJobs[c/len(roleSeniorities)]
		r := &role{rank: rank, levels: make([]int, n)}
		r.title = strings.TrimSpace(roleSeniorities[rank] + " " + job)
		if rep := i / len(combos); rep > 0 {
			r.title += " " + strconv.Itoa(rep+1)
		}
		r.id = unique(seen, slug(r.title))
		r.summary = fmt.Sprintf(roleSummaries[rank], strings.ToLower(job))
		// Targets are dealt from shuffled decks of the framework, so that
		// every competency is some role's target once there are enough
		// targets to go round. A card the role already holds is skipped:
		// that competency is covered anyway.
		for count := min(n, 10+g.r.IntN(11)); count > 0; {
			if len(deck) == 0 {
				deck = g.r.Perm(n)
			}
			ci := deck[0]
			deck = deck[1:]
			if r.levels[ci] > 0 {
				continue
			}
			// Higher ranks expect more: rank 0 aims at 1-2, rank 4 at 3-4.
			level := 1 + (rank+1)/2 + g.r.IntN(3) - 1
			r.levels[ci] = max(1, min(maxLevel, level))
			count--
		}
		for ci := range n {
			if r.levels[ci] > 0 {
				r.targets = append(r.targets, ci)
			} else {
				r.others = append(r.others, ci)
			}
		}
		g.roles = append(g.roles, r)
	}
	for _, r := range g.roles {
		b := append(g.buf[:0], "+++\n"...)
		b = fmt.Appendf(b, "title = %s\nsummary = %s\n", quote(r.title), quote(r.summary))
		if r.track != "" {
			b = fmt.Appendf(b, "track = %s\n", quote(r.track))
		}
		if r.next != "" {
			b = fmt.Appendf(b, "next = %q\n", r.next)
		}
		b = append(b, "\n[targets]\n"...)
		for _, ci := range r.targets {
			b = fmt.Appendf(b, "%s = %d\n", g.competencies[ci].id, r.levels[ci])
		}
		b = append(b, "+++\n"...)
		g.buf = b
		g.topic = g.competencies[r.targets[0]].lower
		g.side = g.side[:0]
		g.writeBody(120+g.r.IntN(80),
			g.heading("What the role is for"), g.para(),
			g.heading("What success looks like"), g.list(false, true, 3+g.r.IntN(2), bulletTemplates),
			g.heading("How it grows"), g.para(),
		)
		if err := g.writeFile("content/roles/" + r.id + ".md"); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) teamFiles() error {
	combos := g.r.Perm(len(teamPlaces) * len(teamFunctions))
	seen := map[string]int{}
	for i := range g.p.Teams {
		c := combos[i%len(combos)]
		place, fn := teamPlaces[c%len(teamPlaces)], teamFunctions[c/len(teamPlaces)]
		t := &team{name: place + " " + fn}
		if rep := i / len(combos); rep > 0 {
			t.name += " " + strconv.Itoa(rep+1)
		}
		t.id = unique(seen, slug(t.name))
		g.teams = append(g.teams, t)
		desc := fmt.Sprintf(g.pick(teamDescriptions), strings.ToLower(fn), place)
		g.buf = fmt.Appendf(g.buf[:0], "name = %s\ndescription = %s\n", quote(t.name), quote(desc))
		if err := g.writeFile("content/teams/" + t.id + ".toml"); err != nil {
			return err
		}
	}
	return nil
}

// cycleDates lays out the cycles: manager cycles twice a year ending in the
// second half of lastYear, then the self cycles every six or seven weeks.
func (g *generator) cycleDates() {
	last := lastYear*2 + 1 // half-years since year 0
	var date time.Time
	for i := range g.p.ManagerCycles {
		h := last - (g.p.ManagerCycles - 1 - i)
		year, half := h/2, h%2+1
		date = time.Date(year, 6, 30, 0, 0, 0, 0, time.UTC)
		if half == 2 {
			date = time.Date(year, 12, 15, 0, 0, 0, 0, time.UTC)
		}
		g.cycles = append(g.cycles, &cycle{
			id:    fmt.Sprintf("%d-h%d", year, half),
			title: fmt.Sprintf("%d H%d review", year, half),
			kind:  "manager",
			date:  date,
		})
	}
	if date.IsZero() {
		date = time.Date(lastYear, 12, 15, 0, 0, 0, 0, time.UTC)
	}
	for range g.p.SelfCycles {
		date = date.AddDate(0, 0, 47)
		g.cycles = append(g.cycles, &cycle{
			id:    date.Format("2006-01") + "-self",
			title: date.Format("January 2006") + " self-assessment",
			kind:  "self",
			date:  date,
		})
	}
	for range g.p.PeerCycles {
		date = date.AddDate(0, 0, 47)
		g.cycles = append(g.cycles, &cycle{
			id:    date.Format("2006-01") + "-peer",
			title: date.Format("January 2006") + " peer review",
			kind:  "peer",
			date:  date,
		})
	}
}

func (g *generator) articleFiles() error {
	g.cycleDates()
	end := time.Date(lastYear, 12, 31, 0, 0, 0, 0, time.UTC)
	if len(g.cycles) > 0 {
		end = g.cycles[len(g.cycles)-1].date
	}
	days := int(end.Sub(articlesFrom).Hours()/24) + 1
	n := len(g.competencies)
	// Main competencies go round a shuffled framework, so that every
	// competency has an article before any has two.
	order := g.r.Perm(n)
	seen := map[string]int{}
	for i := range g.p.Articles {
		a := &article{competencies: []int{order[i%n]}}
		g.topic = g.competencies[a.competencies[0]].lower
		var title string
		for try := 0; ; try++ {
			title = capitalize(string(g.fill(nil, g.pick(articleTitles))))
			if seen[slug(title)] == 0 || try == 5 {
				break
			}
		}
		a.title = title
		a.id = unique(seen, slug(title))
		a.summary = capitalize(string(g.fill(nil, g.pick(articleSummaries))))
		a.date = articlesFrom.AddDate(0, 0, g.r.IntN(days))
		for range g.r.IntN(3) {
			if c := g.r.IntN(n); !slices.Contains(a.competencies, c) {
				a.competencies = append(a.competencies, c)
			}
		}
		if g.r.IntN(10) < 7 {
			a.level = 1 + g.r.IntN(g.top())
		}
		a.yaml = g.r.IntN(8) == 0
		g.articles = append(g.articles, a)
	}
	circle := g.r.Perm(len(g.articles))
	for i, at := range circle {
		g.articles[at].next = circle[(i+1)%len(circle)]
	}
	for i, a := range g.articles {
		g.articleFrontMatter(a)
		g.articleBody(i, a)
		if err := g.writeFile("content/articles/" + a.id + ".md"); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) articleFrontMatter(a *article) {
	b := g.buf[:0]
	ids := make([]string, len(a.competencies))
	for i, c := range a.competencies {
		ids[i] = quote(g.competencies[c].id)
	}
	if a.yaml {
		b = fmt.Appendf(b, "---\ntitle: %s\ndate: %s\nsummary: %s\ncompetencies: [%s]\n",
			quote(a.title), a.date.Format(time.DateOnly), quote(a.summary), strings.Join(ids, ", "))
		if a.level > 0 {
			b = fmt.Appendf(b, "level: %d\n", a.level)
		}
		g.buf = append(b, "---\n"...)
		return
	}
	b = fmt.Appendf(b, "+++\ntitle = %s\ndate = %s\nsummary = %s\ncompetencies = [%s]\n",
		quote(a.title), a.date.Format(time.DateOnly), quote(a.summary), strings.Join(ids, ", "))
	if a.level > 0 {
		b = fmt.Appendf(b, "level = %d\n", a.level)
	}
	g.buf = append(b, "+++\n"...)
}

// articleBody writes an introduction and sections under ## headings, with a
// bullet list, a numbered list, a table and a code block among them, and one
// to three links to competencies and other articles.
func (g *generator) articleBody(self int, a *article) {
	p := g.p
	target := p.ArticleWordsMin + g.r.IntN(max(1, p.ArticleWordsMax-p.ArticleWordsMin-overshoot+1))
	g.topic = g.competencies[a.competencies[0]].lower
	g.side = g.side[:0]

	sections := max(3, min(len(articleHeadings), 4+(target-300)/250))
	heads := g.r.Perm(len(articleHeadings))[:sections]
	blocks := []part{
		g.list(false, true, 3+g.r.IntN(3), bulletTemplates),
		g.list(true, true, 3+g.r.IntN(3), bulletTemplates),
		g.table(),
		g.code(),
	}
	headings := make([]part, sections)
	fixed := 0
	for i, h := range heads {
		headings[i] = g.heading(articleHeadings[h])
		fixed += headings[i].words
	}
	for _, b := range blocks {
		fixed += b.words
	}
	// One paragraph for about every 70 words left, at least one per section
	// and one for the introduction.
	paras := make([]int, sections+1)
	for i := range paras {
		paras[i] = 1
	}
	for range (target-fixed)/70 - len(paras) {
		paras[g.r.IntN(len(paras))]++
	}
	blockAt := g.r.Perm(sections)

	parts := g.parts[:0]
	for range paras[0] {
		parts = append(parts, g.para())
	}
	for s := range sections {
		parts = append(parts, headings[s], g.para())
		for bi, at := range blockAt[:min(len(blocks), sections)] {
			if at == s {
				parts = append(parts, blocks[bi])
			}
		}
		// With fewer sections than blocks, the last section takes the rest.
		if s == sections-1 {
			for bi := sections; bi < len(blocks); bi++ {
				parts = append(parts, blocks[bi])
			}
		}
		for range paras[s+1] - 1 {
			parts = append(parts, g.para())
		}
	}

	var slots []int
	for i, pt := range parts {
		if !pt.fixed {
			slots = append(slots, i)
		}
	}
	// The first link goes to the next article round a circle of them all,
	// so that every article has another page linking to it.
	var linked []string
	for i := range 1 + g.r.IntN(3) {
		l := g.link(self, a)
		if i == 0 && a.next != self {
			o := g.articles[a.next]
			l = link{tmpl: g.pick(articleLinks), text: o.title, path: o.id + ".md"}
		}
		if slices.Contains(linked, l.path) {
			continue // a second link to the same page reads as a slip
		}
		linked = append(linked, l.path)
		at := &parts[slots[g.r.IntN(len(slots))]]
		at.links = append(at.links, l)
	}
	g.parts = parts
	g.writeBody(target, parts...)
}

// link chooses a page for an article to link to: one of the competencies it
// teaches, or another article.
func (g *generator) link(self int, a *article) link {
	if len(g.articles) < 2 || g.r.IntN(2) == 0 {
		c := g.competencies[a.competencies[g.r.IntN(len(a.competencies))]]
		return link{tmpl: g.pick(competencyLinks), text: c.title, path: "../competencies/" + c.category.id + "/" + c.id + ".md"}
	}
	other := g.r.IntN(len(g.articles) - 1)
	if other >= self {
		other++
	}
	o := g.articles[other]
	return link{tmpl: g.pick(articleLinks), text: o.title, path: o.id + ".md"}
}

// peopleAndCycles writes each person's file and, in the same pass, their
// ratings into every cycle file, so that nobody's ratings are held longer
// than it takes to write them.
func (g *generator) peopleAndCycles() error {
	p := g.p
	files := make([]*os.File, len(g.cycles))
	writers := make([]*bufio.Writer, len(g.cycles))
	defer func() {
		for _, f := range files {
			if f != nil {
				f.Close()
			}
		}
	}()
	for i, c := range g.cycles {
		f, err := os.Create(filepath.Join(g.root, "content/assessments", c.id+".toml"))
		if err != nil {
			return err
		}
		files[i] = f
		writers[i] = bufio.NewWriterSize(f, 256<<10)
		fmt.Fprintf(writers[i], "title = %s\ndate = %s\nkind = %q\n", quote(c.title), c.date.Format(time.DateOnly), c.kind)
	}

	var weights []int // cumulative, by role
	total := 0
	for _, r := range g.roles {
		total += roleWeights[r.rank]
		weights = append(weights, total)
	}
	managers := p.ManagerCycles
	seen := make(map[string]int, p.People)
	var chosen, others, levels []int
	var table []byte
	for i := range p.People {
		first, last := g.pick(firstNames), g.pick(lastNames)
		name := first + " " + last
		id := unique(seen, slug(name))
		w := g.r.IntN(total)
		r := g.roles[slices.IndexFunc(weights, func(c int) bool { return c > w })]
		t := g.teams[g.r.IntN(len(g.teams))]
		if p.Wide {
			t = g.teams[i%len(g.teams)] // teams of even size, each of every track
		}
		g.buf = fmt.Appendf(g.buf[:0], "name = %s\nteam = %q\nrole = %q\ntitle = %s\n", quote(name), t.id, r.id, quote(r.title+", "+t.name))
		if err := g.writeFile("content/people/" + id + ".toml"); err != nil {
			return err
		}

		// The rated competencies: the role's targets first, then others.
		k := p.RatedMin + g.r.IntN(p.RatedMax-p.RatedMin+1)
		chosen = append(chosen[:0], r.targets...)
		g.r.Shuffle(len(chosen), func(i, j int) { chosen[i], chosen[j] = chosen[j], chosen[i] })
		if k > len(chosen) {
			others = append(others[:0], r.others...)
			g.r.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
			chosen = append(chosen, others[:k-len(chosen)]...)
		}
		chosen = chosen[:k]
		slices.Sort(chosen)

		// Levels start near the target and mostly rise from one manager
		// cycle to the next; self ratings run a little above the latest
		// manager rating.
		levels = slices.Grow(levels[:0], k*len(g.cycles))[:k*len(g.cycles)]
		for j, ci := range chosen {
			target := r.levels[ci]
			if target == 0 {
				target = 1 + (r.rank+1)/2
			}
			level := target + startOffsets[g.r.IntN(len(startOffsets))]
			for m := range g.cycles {
				if m < managers {
					if m > 0 {
						// Three in ten rise a level; a few slip back.
						switch x := g.r.IntN(100); {
						case x < 30:
							level++
						case x < 34:
							level--
						}
					}
					level = max(0, min(g.top(), level))
					levels[j*len(g.cycles)+m] = level
					continue
				}
				levels[j*len(g.cycles)+m] = max(0, min(g.top(), level+selfOffsets[g.r.IntN(len(selfOffsets))]))
			}
		}
		for m, c := range g.cycles {
			if p.Unassessed > 0 && i%p.Unassessed == p.Unassessed-1 {
				break
			}
			// A quarter of people skip each self-assessment and peer review.
			if m >= managers && g.r.IntN(4) == 0 {
				continue
			}
			table = append(append(append(table[:0], "\n[ratings."...), id...), "]\n"...)
			for j, ci := range chosen {
				table = append(table, g.competencies[ci].id...)
				table = append(table, " = "...)
				if c.kind == "peer" {
					// Two to four peers, each within a level of the
					// latest manager level.
					table = append(table, '[')
					for n := range 2 + g.r.IntN(3) {
						if n > 0 {
							table = append(table, ", "...)
						}
						level := levels[j*len(g.cycles)+m] + g.r.IntN(3) - 1
						table = strconv.AppendInt(table, int64(max(0, min(g.top(), level))), 10)
					}
					table = append(table, ']')
				} else {
					table = strconv.AppendInt(table, int64(levels[j*len(g.cycles)+m]), 10)
				}
				table = append(table, '\n')
			}
			if _, err := writers[m].Write(table); err != nil {
				return err
			}
		}
	}
	for i, w := range writers {
		if err := w.Flush(); err != nil {
			return err
		}
		err := files[i].Close()
		files[i] = nil
		if err != nil {
			return err
		}
	}
	return nil
}

// startOffsets place a first rating against the target, drawn with equal
// chance: mostly at the target or one below it, sometimes above or two below.
var startOffsets = [...]int{-2, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1}

// selfOffsets place a self rating against the latest manager rating: people
// rate themselves a little higher more often than lower.
var selfOffsets = [...]int{-1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1}

// unique returns base, or base-2, base-3 and so on when base is taken.
func unique(seen map[string]int, base string) string {
	n := seen[base]
	seen[base] = n + 1
	if n == 0 {
		return base
	}
	for ; ; n++ {
		id := base + "-" + strconv.Itoa(n+1)
		if seen[id] == 0 {
			seen[id] = 1
			return id
		}
	}
}

// slug makes an id from a name: lower case ASCII letters and digits, with
// hyphens between words.
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'':
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
		case fold[r] != "":
		default:
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		if f := fold[r]; f != "" {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// quote writes s as a string that TOML and YAML read alike.
func quote(s string) string {
	if !strings.ContainsAny(s, "\"\\") {
		return `"` + s + `"`
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func capitalize(s string) string {
	if s != "" && 'a' <= s[0] && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

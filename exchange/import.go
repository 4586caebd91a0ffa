package exchange

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"portal/builder/content"
	"portal/builder/model"
)

// Options say what Import cannot tell from the sheet.
type Options struct {
	// PersonColumn is the header of the column that names people, where
	// no header says so.
	PersonColumn string
	// The cycle the ratings fill, where the sheet has no column for it:
	// its id, title, date (YYYY-MM-DD) and kind. An existing cycle gives
	// what is not set.
	Cycle, Title, Date, Kind string
	// Create makes the people and teams the sheet names that the site
	// lacks; without it they are errors.
	Create bool
	// Force replaces existing cycle files: the ratings of the people the
	// sheet names, keeping the others'.
	Force bool
}

// Plan is what an import writes, worked out in full before anything is.
type Plan struct {
	Shape   string // "wide" (a row per person) or "long" (a row per rating)
	Files   []File // by path
	People  int    // people rated
	Ratings int    // levels, a peer's each
	Notes   []string
}

// File is a file an import writes, by its path in the site.
type File struct {
	Path     string
	Data     []byte
	Replaces bool // an existing file
}

// Problems are every problem of a sheet, each with its file and cell.
type Problems []string

func (p Problems) Error() string { return strings.Join(p, "\n") }

// Import reads a sheet of ratings, a skills matrix (wide: a row per
// person, a column per competency) or a list (long: a row per rating),
// into the cycle files of site s, and the people and teams it names that
// s lacks with Options.Create. It returns every problem at once, as
// Problems, and then plans nothing.
func Import(s *model.Site, g *Grid, o Options) (*Plan, error) {
	im := newImporter(s, g, o)
	header := im.headerRow()
	if header < 0 {
		return nil, Problems{g.File + ": the sheet is empty"}
	}
	plan := &Plan{Shape: "wide"}
	if im.isLong(header) {
		plan.Shape = "long"
		im.long(header)
	} else {
		im.wide()
	}
	if len(im.problems) > 0 {
		return nil, im.problems
	}
	im.plan(plan)
	if len(im.problems) > 0 {
		return nil, im.problems
	}
	return plan, nil
}

type importer struct {
	s        *model.Site
	g        *Grid
	o        Options
	problems Problems
	notes    []string

	competencies map[string][]*model.Competency // by normalised id, title or label
	people       map[string][]*model.Person     // by normalised name
	levels       map[string]int                 // by normalised name
	onScale      map[int]bool

	cycles  map[string]*pending   // by id
	rated   map[ratedKey]int      // the row of each rating, for duplicates
	created map[string]*newPerson // by normalised name
	teams   map[string]string     // new teams: id -> name
	asked   bool                  // which cycle, for a sheet that does not say
}

// pending is a cycle being filled, and what the sheet says of it.
type pending struct {
	c                 *Cycle
	title, date, kind string
	at                string    // where the sheet named the cycle
	where             [3]string // where its title, date and kind came from
	people            map[string]bool
}

type ratedKey struct {
	cycle, person string
	competency    *model.Competency
}

// newPerson is someone --create adds.
type newPerson struct {
	id, name, team, role, title string
}

func newImporter(s *model.Site, g *Grid, o Options) *importer {
	im := &importer{
		s: s, g: g, o: o,
		competencies: map[string][]*model.Competency{},
		people:       map[string][]*model.Person{},
		levels:       map[string]int{},
		onScale:      map[int]bool{},
		cycles:       map[string]*pending{},
		rated:        map[ratedKey]int{},
		created:      map[string]*newPerson{},
		teams:        map[string]string{},
	}
	for _, c := range s.Competencies {
		keys := []string{c.ID, c.Title, c.Label()}
		if c.Category != nil {
			keys = append(keys, c.Category.Title+" "+c.Title, c.Title+" "+c.Category.Title, c.Category.Title+": "+c.Title)
		}
		for _, k := range keys {
			k = normal(k)
			if !slices.Contains(im.competencies[k], c) {
				im.competencies[k] = append(im.competencies[k], c)
			}
		}
	}
	for _, p := range s.People {
		k := normal(p.Name)
		im.people[k] = append(im.people[k], p)
	}
	for _, l := range s.Scale {
		im.levels[normal(l.Name)] = l.Level
		im.onScale[l.Level] = true
	}
	return im
}

// normal is s as headers and names are matched: letters and digits alone,
// in lower case, so that "Visionary thinking", "visionary-thinking" and
// "VISIONARY THINKING " are one.
func normal(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (im *importer) errorf(r, c int, format string, args ...any) {
	im.problems = append(im.problems, im.g.Ref(r, c)+": "+fmt.Sprintf(format, args...))
}

// The headers of the columns that are not competencies, by what they hold.
var (
	personHeaders = []string{"person", "personid", "id", "employeeid", "name", "fullname", "employee", "employeename"}
	nameHeaders   = []string{"name", "fullname", "personname", "employeename"}
	teamHeaders   = []string{"team", "teamid"}
	roleHeaders   = []string{"role", "roleid"}
	titleHeaders  = []string{"jobtitle", "title"}
	targetRows    = []string{"target", "targets", "roletarget", "roletargets", "expected"}
)

// headerRow is the first row with a cell, or -1.
func (im *importer) headerRow() int {
	for r, row := range im.g.Rows {
		for _, cell := range row {
			if strings.TrimSpace(cell) != "" {
				return r
			}
		}
	}
	return -1
}

// isLong tells whether the row of headers at r is the long shape's: a
// column of competencies and one of levels.
func (im *importer) isLong(r int) bool {
	return im.column(r, "competency", "competencyid", "skill") >= 0 && im.column(r, "level", "rating", "score") >= 0
}

// column is the first column of row r headed by one of names, or -1.
func (im *importer) column(r int, names ...string) int {
	for _, name := range names {
		for c, cell := range im.g.Rows[r] {
			if normal(cell) == name {
				return c
			}
		}
	}
	return -1
}

// personColumn is the column of row r that names people: the one
// --person-column names, or the first a person's header heads.
func (im *importer) personColumn(r int) int {
	if im.o.PersonColumn != "" {
		c := im.column(r, normal(im.o.PersonColumn))
		if c < 0 {
			im.problems = append(im.problems, fmt.Sprintf("%s: no column is headed %q (--person-column)", im.g.RowRef(r), im.o.PersonColumn))
		}
		return c
	}
	c := im.column(r, personHeaders...)
	if c < 0 {
		im.problems = append(im.problems, fmt.Sprintf("%s: no column is headed person, id or name; say which one names people with --person-column", im.g.RowRef(r)))
	}
	return c
}

// competency is the competency a header or cell names, or nil with a
// problem reported at row r, column c.
func (im *importer) competency(r, c int, v string) *model.Competency {
	list := im.competencies[normal(v)]
	switch len(list) {
	case 1:
		return list[0]
	case 0:
		im.errorf(r, c, "unknown competency %q%s", strings.TrimSpace(v), im.suggestCompetency(v))
	default:
		var labels []string
		for _, x := range list {
			labels = append(labels, x.ID)
		}
		im.errorf(r, c, "%q is the title of %d competencies (%s): name one by its id, or its category and title", strings.TrimSpace(v), len(list), strings.Join(labels, ", "))
	}
	return nil
}

func (im *importer) suggestCompetency(v string) string {
	var known []string
	for _, c := range im.s.Competencies {
		known = append(known, c.Label(), c.ID)
	}
	return suggest(v, known)
}

// suggest is content.Suggest for names a person typed: without regard to
// case, naming the known one as it is written.
func suggest(v string, known []string) string {
	lower := make([]string, len(known))
	for i, k := range known {
		lower[i] = strings.ToLower(k)
	}
	s := content.Suggest(strings.ToLower(strings.TrimSpace(v)), lower)
	if s == "" {
		return ""
	}
	for i, k := range lower {
		if strings.Contains(s, strconv.Quote(k)) {
			return strings.Replace(s, strconv.Quote(k), strconv.Quote(known[i]), 1)
		}
	}
	return s
}

// level reads a cell's level: a number on the scale (a whole number stored
// as text or as 3.0 too), or a level's name. ok is false for an empty cell
// and, with a problem reported, for anything else that is not a level.
func (im *importer) level(r, c int) (level int, ok bool) {
	v := strings.TrimSpace(im.g.Cell(r, c))
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		if f, ferr := strconv.ParseFloat(v, 64); ferr == nil && f == float64(int(f)) {
			n, err = int(f), nil
		}
	}
	if err == nil {
		if !im.onScale[n] {
			lo, hi := im.s.Scale[0].Level, im.s.Scale[len(im.s.Scale)-1].Level
			im.errorf(r, c, "level %d is not on the scale (%d to %d)", n, lo, hi)
			return 0, false
		}
		return n, true
	}
	if l, found := im.levels[normal(v)]; found {
		return l, true
	}
	var names []string
	for _, l := range im.s.Scale {
		names = append(names, l.Name)
	}
	im.errorf(r, c, "unknown level %q%s", v, suggest(v, names))
	return 0, false
}

// person is the person a cell names, by id or by name; with --create, a
// new person is made from the row's name, team, role and title. ok is
// false with a problem reported.
func (im *importer) person(r, c int, cols rowColumns) (id string, ok bool) {
	v := strings.TrimSpace(im.g.Cell(r, c))
	if p := im.s.PersonByID[v]; p != nil {
		return p.ID, true
	}
	// A name before an id in another case: "Sam" is the person named so
	// rather than the one whose id is sam.
	switch list := im.people[normal(v)]; len(list) {
	case 1:
		return list[0].ID, true
	case 0:
		if p := im.s.PersonByID[strings.ToLower(v)]; p != nil {
			return p.ID, true
		}
	default:
		var ids []string
		for _, p := range list {
			ids = append(ids, p.ID)
		}
		im.errorf(r, c, "%q is the name of %d people (%s): name one by their id", v, len(list), strings.Join(ids, ", "))
		return "", false
	}
	if !im.o.Create {
		var known []string
		for _, p := range im.s.People {
			known = append(known, p.Name)
		}
		im.errorf(r, c, "unknown person %q%s; --create adds the people and teams the sheet names that the portal lacks", v, suggest(v, known))
		return "", false
	}
	return im.create(r, c, v, cols)
}

// checkTeam notes where the team column of row r names another team than
// the person pid's file: the import leaves people's files as they are.
func (im *importer) checkTeam(r, c int, pid string) {
	p := im.s.PersonByID[pid]
	team := strings.TrimSpace(im.g.Cell(r, c))
	if p == nil || team == "" || p.Team != nil && im.teamNamed(team) == p.Team {
		return
	}
	in := "no team"
	if p.Team != nil {
		in = p.Team.Name
	}
	im.notes = append(im.notes, fmt.Sprintf("%s: the sheet puts %s in %q, their file in %s; the import leaves their file as it is", im.g.Ref(r, c), p.Name, team, in))
}

// rowColumns are the columns of a sheet besides the ratings: -1 where it
// has none.
type rowColumns struct {
	name, team, role, title int
}

// create plans a new person named v, from the row's team, role and job
// title.
func (im *importer) create(r, c int, v string, cols rowColumns) (string, bool) {
	if np := im.created[normal(v)]; np != nil {
		return np.id, true
	}
	if cols.team < 0 || cols.role < 0 {
		im.errorf(r, c, "%q is not in the portal: to add them, --create needs a team and a role column", v)
		return "", false
	}
	name := v
	if cols.name >= 0 && strings.TrimSpace(im.g.Cell(r, cols.name)) != "" {
		name = strings.TrimSpace(im.g.Cell(r, cols.name))
	}
	np := &newPerson{name: name, title: strings.TrimSpace(im.g.Cell(r, cols.title))}
	team := strings.TrimSpace(im.g.Cell(r, cols.team))
	switch t := im.teamNamed(team); {
	case team == "":
		im.errorf(r, cols.team, "no team for %s, whom --create adds", name)
		return "", false
	case t != nil:
		np.team = t.ID
	default:
		// A team made for an earlier row of the same name is that team.
		for id, made := range im.teams {
			if made == team {
				np.team = id
			}
		}
		if np.team == "" {
			np.team = im.newID(team, func(id string) bool { return im.s.TeamByID[id] != nil || im.teams[id] != "" })
			im.teams[np.team] = team
		}
	}
	role := strings.TrimSpace(im.g.Cell(r, cols.role))
	rl := im.roleNamed(role)
	if rl == nil {
		var known []string
		for _, x := range im.s.Roles {
			known = append(known, x.Title)
		}
		im.errorf(r, cols.role, "unknown role %q%s: --create adds people and teams, not roles", role, suggest(role, known))
		return "", false
	}
	np.role = rl.ID
	taken := func(id string) bool {
		if im.s.PersonByID[id] != nil {
			return true
		}
		for _, other := range im.created {
			if other.id == id {
				return true
			}
		}
		return false
	}
	// A sheet with a column of names beside the person column names
	// people by id there: a new person takes that id, so that importing
	// the sheet again finds them.
	if cols.name >= 0 && validID.MatchString(v) && !taken(v) {
		np.id = v
	} else {
		np.id = im.newID(name, taken)
	}
	im.created[normal(v)] = np
	return np.id, true
}

func (im *importer) teamNamed(v string) *model.Team {
	if t := im.s.TeamByID[v]; t != nil {
		return t
	}
	for _, t := range im.s.Teams {
		if normal(t.Name) == normal(v) || normal(t.ID) == normal(v) {
			return t
		}
	}
	return nil
}

func (im *importer) roleNamed(v string) *model.Role {
	if x := im.s.RoleByID[v]; x != nil {
		return x
	}
	for _, x := range im.s.Roles {
		if normal(x.Title) == normal(v) || normal(x.ID) == normal(v) {
			return x
		}
	}
	return nil
}

var nonID = regexp.MustCompile(`[^a-z0-9]+`)

// newID is an id made from a name, with a number after it where taken
// says it is taken.
func (im *importer) newID(name string, taken func(string) bool) string {
	base := strings.Trim(nonID.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if base == "" {
		base = "new"
	}
	id := base
	for n := 2; taken(id); n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}

// wide reads a skills matrix: a header row with a column naming people,
// optional team, role and job title columns, and a column per competency;
// then a row per person. A row of role targets is recognised and left out.
func (im *importer) wide() {
	g := im.g
	// The header row is the one of the first ten with the most
	// competencies: a row of category bands may come above it.
	header, most := -1, 0
	for r := 0; r < len(g.Rows) && r < 10; r++ {
		n := 0
		for _, cell := range g.Rows[r] {
			if len(im.competencies[normal(cell)]) > 0 {
				n++
			}
		}
		if n > most {
			header, most = r, n
		}
	}
	if header < 0 {
		im.problems = append(im.problems, g.File+": no column of the first ten rows is headed by a competency of the framework, and none by competency and level (a list of ratings)")
		return
	}
	person := im.personColumn(header)
	if person < 0 {
		return
	}
	cols := rowColumns{name: -1, team: im.column(header, teamHeaders...), role: im.column(header, roleHeaders...), title: im.column(header, titleHeaders...)}
	for _, n := range nameHeaders {
		if c := im.column(header, n); c >= 0 && c != person {
			cols.name = c
			break
		}
	}
	comps := map[int]*model.Competency{}
	first := -1
	seen := map[*model.Competency]int{}
	for c, cell := range g.Rows[header] {
		if c == person || c == cols.name || c == cols.team || c == cols.role || c == cols.title || strings.TrimSpace(cell) == "" {
			continue
		}
		// Before the first competency, a column that is not one and is
		// not close to one holds something else, such as an email.
		if len(im.competencies[normal(cell)]) == 0 && first < 0 && im.suggestCompetency(cell) == "" {
			im.notes = append(im.notes, fmt.Sprintf("column %q (%s) is not a competency: not imported", strings.TrimSpace(cell), g.Ref(header, c)))
			continue
		}
		comp := im.competency(header, c, cell)
		if comp == nil {
			continue
		}
		if first < 0 {
			first = c
		}
		if other, ok := seen[comp]; ok {
			im.errorf(header, c, "a second column for %s (the first is %s)", comp.Label(), g.Ref(header, other))
			continue
		}
		seen[comp] = c
		comps[c] = comp
	}
	cycle := im.cycleFor(header, -1, "")
	rows := map[string]int{}
	for r := header + 1; r < len(g.Rows); r++ {
		who := strings.TrimSpace(g.Cell(r, person))
		if slices.Contains(targetRows, normal(who)) {
			im.notes = append(im.notes, fmt.Sprintf("%s holds role targets: targets live in the role files, so it is not imported", g.RowRef(r)))
			continue
		}
		levels := false
		for c := range comps {
			levels = levels || strings.TrimSpace(g.Cell(r, c)) != ""
		}
		if who == "" {
			if levels {
				im.errorf(r, person, "no person on a row with ratings")
			}
			continue
		}
		pid, ok := im.person(r, person, cols)
		if !ok {
			continue
		}
		im.checkTeam(r, cols.team, pid)
		if other, dup := rows[pid]; dup {
			im.errorf(r, person, "%s is on two rows (the first is %s)", who, g.RowRef(other))
			continue
		}
		rows[pid] = r
		for _, c := range slices.Sorted(maps.Keys(comps)) {
			if l, ok := im.level(r, c); ok && cycle != nil {
				im.add(cycle, pid, comps[c], l, r)
			}
		}
	}
}

// long reads a list of ratings: a header row with columns of people,
// competencies and levels, and optionally of cycles, their titles, dates
// and kinds; then a row per rating (per peer in a peer cycle).
func (im *importer) long(header int) {
	g := im.g
	person := im.personColumn(header)
	comp := im.column(header, "competency", "competencyid", "skill")
	lvl := im.column(header, "level", "rating", "score")
	cycleCol := im.column(header, "cycle", "cycleid", "review", "reviewid")
	titleCol := im.column(header, "cycletitle", "reviewtitle")
	dateCol := im.column(header, "date", "cycledate", "reviewdate")
	kindCol := im.column(header, "kind", "type", "cyclekind")
	if person < 0 {
		return
	}
	cols := rowColumns{name: -1, team: im.column(header, teamHeaders...), role: im.column(header, roleHeaders...), title: im.column(header, "jobtitle")}
	for _, n := range nameHeaders {
		if c := im.column(header, n); c >= 0 && c != person {
			cols.name = c
			break
		}
	}
	for r := header + 1; r < len(g.Rows); r++ {
		if strings.TrimSpace(strings.Join(g.Rows[r], "")) == "" {
			continue
		}
		cycle := im.cycleFor(r, cycleCol, g.Cell(r, cycleCol), titleCol, dateCol, kindCol)
		if strings.TrimSpace(g.Cell(r, person)) == "" {
			im.errorf(r, person, "no person on a row with a rating")
			continue
		}
		pid, ok := im.person(r, person, cols)
		c := im.competency(r, comp, g.Cell(r, comp))
		l, hasLevel := im.level(r, lvl)
		if !hasLevel && strings.TrimSpace(g.Cell(r, lvl)) == "" {
			im.errorf(r, lvl, "no level")
		}
		if ok && c != nil && hasLevel && cycle != nil {
			im.add(cycle, pid, c, l, r)
		}
	}
}

// cycleFor is the cycle that row r fills: the one its cycle column names
// (at column c, value v), or --cycle; nil with a problem reported. The
// row's title, date and kind columns (extra, in that order), where the
// sheet has them, must agree with the cycle's other rows.
func (im *importer) cycleFor(r, c int, v string, extra ...int) *pending {
	id := strings.TrimSpace(v)
	at := im.g.Ref(r, max(c, 0))
	if id == "" {
		id = im.o.Cycle
		at = "--cycle"
	}
	if id == "" {
		if c >= 0 {
			im.errorf(r, c, "no cycle: fill the cycle column, or give --cycle ID")
		} else if !im.asked {
			im.asked = true
			im.problems = append(im.problems, im.g.File+": which cycle do these ratings fill? Give --cycle ID (and for a new cycle --date YYYY-MM-DD)")
		}
		return nil
	}
	if !validID.MatchString(id) {
		im.problems = append(im.problems, fmt.Sprintf("%s: cycle id %q must be lower-case letters, digits and hyphens, starting with a letter or digit", at, id))
		return nil
	}
	p := im.cycles[id]
	if p == nil {
		p = &pending{c: &Cycle{ID: id, People: map[string][]Rating{}}, at: at, people: map[string]bool{}}
		im.cycles[id] = p
	}
	given := []string{im.o.Title, im.o.Date, im.o.Kind}
	fields := []*string{&p.title, &p.date, &p.kind}
	names := []string{"title", "date", "kind"}
	for i, f := range fields {
		value, where := given[i], "--"+names[i]
		if i < len(extra) && extra[i] >= 0 {
			if cell := strings.TrimSpace(im.g.Cell(r, extra[i])); cell != "" {
				value, where = cell, im.g.Ref(r, extra[i])
			}
		}
		switch {
		case value == "":
		case *f == "":
			*f, p.where[i] = value, where
		case *f != value:
			im.problems = append(im.problems, fmt.Sprintf("%s: cycle %s's %s is %q here and %q on an earlier row", where, id, names[i], value, *f))
		}
	}
	return p
}

var validID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// date reads a cycle's date: YYYY-MM-DD, or the serial number a workbook
// keeps a date cell as.
func date(v string) (time.Time, bool) {
	if d, err := time.Parse(time.DateOnly, v); err == nil {
		return d, true
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 1 && f == float64(int(f)) {
		if d, err := excelize.ExcelDateToTime(f, false); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

// add adds a level for a person in a competency to a cycle; in a cycle
// other than a peer review, a second level for the same is a problem.
func (im *importer) add(p *pending, pid string, c *model.Competency, level, r int) {
	k := ratedKey{p.c.ID, pid, c}
	ratings := p.c.People[pid]
	i := slices.IndexFunc(ratings, func(x Rating) bool { return x.Competency == c })
	if i >= 0 && im.kindOf(p) != "peer" {
		im.problems = append(im.problems, fmt.Sprintf("%s: %s is rated twice in %s in cycle %s (the first is on row %d); only a peer review gives several levels", im.g.RowRef(r), pid, c.ID, p.c.ID, im.rated[k]+1))
		return
	}
	if i >= 0 {
		ratings[i].Levels = append(ratings[i].Levels, level)
	} else {
		p.c.People[pid] = append(ratings, Rating{Competency: c, Levels: []int{level}})
		im.rated[k] = r
	}
	p.people[pid] = true
}

// kindOf is the kind a pending cycle will have.
func (im *importer) kindOf(p *pending) string {
	if p.kind != "" {
		return p.kind
	}
	if old := im.existing(p.c.ID); old != nil {
		return old.Kind
	}
	return "manager"
}

func (im *importer) existing(id string) *model.Cycle {
	for _, c := range im.s.Cycles {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// plan settles each cycle's title, date and kind, merges it with the
// cycle of the same id the site has (with --force), and lays out the
// files.
func (im *importer) plan(plan *Plan) {
	people := map[string]bool{}
	for _, id := range content.SortedKeys(im.cycles) {
		p := im.cycles[id]
		c := p.c
		if len(p.people) == 0 {
			continue // the sheet gives it no rating
		}
		ratings := 0
		for _, list := range c.People {
			for _, r := range list {
				ratings += len(r.Levels)
			}
		}
		old := im.existing(id)
		c.Title, c.Kind = p.title, im.kindOf(p)
		if old != nil {
			if !im.o.Force {
				im.problems = append(im.problems, fmt.Sprintf("%s: %s exists; --force replaces the ratings the sheet gives in it, and keeps all others", p.at, c.Path()))
				continue
			}
			if p.kind != "" && p.kind != old.Kind {
				im.problems = append(im.problems, fmt.Sprintf("%s: cycle %s is of kind %s, not %s", p.where[2], id, old.Kind, p.kind))
				continue
			}
			// Rating by rating: a sheet of some competencies leaves a
			// person's others as they were.
			merged := FromModel(im.s, old)
			for pid, ratings := range c.People {
				for _, r := range ratings {
					list := merged.People[pid]
					if i := slices.IndexFunc(list, func(x Rating) bool { return x.Competency == r.Competency }); i >= 0 {
						list[i] = r
					} else {
						merged.People[pid] = append(list, r)
					}
				}
			}
			c.People = merged.People
			if c.Title == "" {
				c.Title = old.Title
			}
			c.Date = old.Date
		} else if c.Title == "" {
			c.Title = id
		}
		if p.date != "" {
			d, ok := date(p.date)
			if !ok {
				im.problems = append(im.problems, fmt.Sprintf("%s: cycle %s's date %q is not a date as YYYY-MM-DD", p.where[1], id, p.date))
				continue
			}
			c.Date = d
		}
		if c.Date.IsZero() {
			im.problems = append(im.problems, fmt.Sprintf("%s: cycle %s is new: give its date with --date YYYY-MM-DD or a date column", p.at, id))
			continue
		}
		if !slices.Contains([]string{"manager", "self", "peer"}, c.Kind) {
			im.problems = append(im.problems, fmt.Sprintf("%s: cycle %s's kind must be manager, self or peer, not %q%s", p.where[2], id, c.Kind, content.Suggest(c.Kind, []string{"manager", "self", "peer"})))
			continue
		}
		for pid := range p.people {
			people[pid] = true
		}
		plan.Ratings += ratings
		plan.Files = append(plan.Files, File{Path: c.Path(), Data: c.Format(), Replaces: old != nil})
	}
	plan.People = len(people)
	if plan.Ratings == 0 && len(im.problems) == 0 {
		im.problems = append(im.problems, im.g.File+": the sheet gives no rating: nothing to import")
	}
	for _, np := range im.created {
		var b strings.Builder
		b.WriteString("name = " + tomlString(np.name) + "\n")
		b.WriteString("team = " + tomlString(np.team) + "\n")
		b.WriteString("role = " + tomlString(np.role) + "\n")
		if np.title != "" {
			b.WriteString("title = " + tomlString(np.title) + "\n")
		}
		plan.Files = append(plan.Files, File{Path: "content/people/" + np.id + ".toml", Data: []byte(b.String())})
	}
	for id, name := range im.teams {
		plan.Files = append(plan.Files, File{Path: "content/teams/" + id + ".toml", Data: []byte("name = " + tomlString(name) + "\n")})
	}
	slices.SortFunc(plan.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	plan.Notes = im.notes
}

package render

import (
	"fmt"
	"html/template"

	"portal/builder/model"
)

// A layout sees the model through views: each thing of the model as it is
// (its fields read through the embedded pointer), except that every step to
// another thing, and every part of a thing that is not its own (a person's
// standings, a competency's body), goes through a method that records the
// key of what it reads. A rebuild makes again the pages that read a key an
// edit changed (see [model.Key]); with views, a layout of any shape records
// what it shows, and a new kind of page needs no rebuild code of its own.

// recorder collects the keys one output reads. A nil recorder records
// nothing: a build that will not be rebuilt has no use for them.
type recorder struct {
	keys []model.Key
	on   bool // record the keys read
	// public says that the page is for anyone who can reach the host: the
	// views then hold no person, no member and no rating.
	public bool
	scale  []model.Level
}

// The things whose views name people embed them under names a layout cannot
// reach (.Team.teamData is no field to it): their fields read as the
// view's own, and a public page's views leave out the people, where a
// layout that stepped to the model behind the view (.Team.Team.Members)
// would find them.
type (
	teamData  = model.Team
	roleData  = model.Role
	cycleData = model.Cycle
)

// newRecorder returns the recorder of page p being rendered, recording the
// keys it reads when on. A page is public on a site published aggregate or
// private, unless it is sealed.
func newRecorder(p *Page, on bool) *recorder {
	s := p.site
	return &recorder{on: on, public: s.Config.Privacy.Public() && p.sealFor == nil, scale: s.Scale}
}

func (r *recorder) add(kind model.Kind, part model.Part, id string) {
	if r != nil && r.on {
		r.keys = append(r.keys, model.Key{Kind: kind, Part: part, ID: id})
	}
}

// hidesPeople tells whether the views hold no individual; with no recorder,
// they hold none.
func (r *recorder) hidesPeople() bool { return r == nil || r.public }

// SiteView is the site as a layout sees it, as .Site.
type SiteView struct {
	s *model.Site
	r *recorder
}

func (v SiteView) Config() model.Config {
	v.r.add(model.KSite, model.PConfig, "")
	return v.s.Config
}

func (v SiteView) Scale() []model.Level {
	v.r.add(model.KSite, model.PScale, "")
	return v.s.Scale
}

// Home is the text of the home page, or nil.
func (v SiteView) Home() *model.Home {
	v.r.add(model.KSite, model.PHome, "")
	return v.s.Home
}

func (v SiteView) Categories() []CategoryView {
	v.r.add(model.KSite, model.PCategories, "")
	return viewAll(v.s.Categories, v.r.category)
}

func (v SiteView) Competencies() []CompetencyView {
	v.r.add(model.KSite, model.PCompetencies, "")
	return viewAll(v.s.Competencies, v.r.competency)
}

// RolesTargeting are the roles that set a target in one of the
// competencies of category c, in the site's order of roles.
func (v SiteView) RolesTargeting(c CategoryView) []RoleView {
	v.r.add(model.KSite, model.PRoles, "")
	v.r.add(model.KCategory, model.PMembers, c.ID)
	var out []RoleView
	for _, role := range v.s.Roles {
		v.r.add(model.KRole, model.PTargets, role.ID)
		for _, t := range role.Targets {
			if t.Competency.Category == c.Category {
				out = append(out, v.r.role(role))
				break
			}
		}
	}
	return out
}

// LevelsIn are the levels of the scale that one of the competencies of
// category c describes, lowest first: the columns of its levels side by
// side.
func (v SiteView) LevelsIn(c CategoryView) []model.Level {
	v.r.add(model.KCategory, model.PMembers, c.ID)
	v.r.add(model.KSite, model.PScale, "")
	var out []model.Level
	for _, l := range v.s.Scale {
		for _, x := range c.Category.Competencies {
			v.r.add(model.KCompetency, model.PText, x.ID)
			if x.Descriptor(l.Level) != "" {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

func (v SiteView) Roles() []RoleView {
	v.r.add(model.KSite, model.PRoles, "")
	return viewAll(v.s.Roles, v.r.role)
}

// TrackView is a career track and its roles.
type TrackView struct {
	Name  string // "" for the roles on no track
	Roles []RoleView
}

// Tracks are the roles grouped by track, tracks by name and the roles on
// no track last; within a track, from the foot of its ladders up, then by
// title.
func (v SiteView) Tracks() []TrackView {
	v.r.add(model.KSite, model.PRoles, "")
	var out []TrackView
	for _, t := range model.Tracks(v.s.Roles) {
		for _, r := range t.Roles {
			v.r.add(model.KRole, model.POwn, r.ID)
		}
		out = append(out, TrackView{Name: t.Name, Roles: viewAll(t.Roles, v.r.role)})
	}
	return out
}

func (v SiteView) Teams() []TeamView {
	v.r.add(model.KSite, model.PTeams, "")
	return viewAll(v.s.Teams, v.r.team)
}

// People are everyone, by name; none on public pages.
func (v SiteView) People() []PersonView {
	v.r.add(model.KSite, model.PPeople, "")
	if v.r.hidesPeople() {
		return nil
	}
	return viewAll(v.s.People, v.r.person)
}

// ShowsPeople tells whether the site has pages of individuals: the people
// list, the person pages, and the members and skills matrix of each team.
// With [privacy] publish = "aggregate" it has none.
func (v SiteView) ShowsPeople() bool {
	v.r.add(model.KSite, model.PConfig, "")
	return !v.r.hidesPeople()
}

// ListsPeople tells whether the site has a people list that anyone may
// open, and so a link to it in every page: on a site published open. On a
// site published private the list is a private page for L&D.
func (v SiteView) ListsPeople() bool {
	v.r.add(model.KSite, model.PConfig, "")
	return v.s.Config.Privacy.Publish == model.PublishOpen
}

// Hidden tells whether a count, average or distribution over n people is
// left out of the page: on a public page, over fewer than MinGroup people
// ([privacy] min_group).
func (v SiteView) Hidden(n int) bool {
	v.r.add(model.KSite, model.PConfig, "")
	return v.r.hidesPeople() && v.s.Config.Privacy.Hidden(n)
}

// MinGroup is the fewest people a public page shows a number over.
func (v SiteView) MinGroup() int {
	v.r.add(model.KSite, model.PConfig, "")
	return v.s.Config.Privacy.MinGroup
}

func (v SiteView) Cycles() []CycleView {
	v.r.add(model.KSite, model.PCycles, "")
	return viewAll(v.s.Cycles, v.r.cycle)
}

func (v SiteView) Articles() []ArticleView {
	v.r.add(model.KSite, model.PArticles, "")
	return viewAll(v.s.Articles, v.r.article)
}

// LatestArticles returns up to n of the newest articles.
func (v SiteView) LatestArticles(n int) []ArticleView {
	v.r.add(model.KSite, model.PArticles, "")
	return viewAll(v.s.LatestArticles(n), v.r.article)
}

// LevelName returns the name of a level of the scale, or its number.
func (v SiteView) LevelName(level int) string {
	v.r.add(model.KSite, model.PScale, "")
	return v.s.LevelName(level)
}

// MaxLevel is the top level of the scale.
func (v SiteView) MaxLevel() int {
	v.r.add(model.KSite, model.PScale, "")
	return v.s.MaxLevel()
}

// Assessed returns how many people were rated in at least one cycle.
func (v SiteView) Assessed() int {
	v.r.add(model.KSite, model.PAssessed, "")
	return v.s.Assessed()
}

// Count returns how many there are of a list of the site: "categories",
// "competencies", "roles", "teams", "people", "cycles" or "articles". A
// page that shows only the number reads only that, where len of the list
// would read every one of them.
func (v SiteView) Count(list string) (int, error) {
	part, n := model.PPeople, 0
	switch list {
	case "categories":
		part, n = model.PCategories, len(v.s.Categories)
	case "competencies":
		part, n = model.PCompetencies, len(v.s.Competencies)
	case "roles":
		part, n = model.PRoles, len(v.s.Roles)
	case "teams":
		part, n = model.PTeams, len(v.s.Teams)
	case "people":
		part, n = model.PPeople, len(v.s.People)
	case "cycles":
		part, n = model.PCycles, len(v.s.Cycles)
	case "articles":
		part, n = model.PArticles, len(v.s.Articles)
	default:
		return 0, fmt.Errorf("Count: no list %q; the lists are categories, competencies, roles, teams, people, cycles and articles", list)
	}
	v.r.add(model.KSite, part, model.CountID)
	return n, nil
}

func viewAll[T any, V any](list []T, view func(T) V) []V {
	out := make([]V, len(list))
	for i, x := range list {
		out[i] = view(x)
	}
	return out
}

// viewOf is a view of x, or nil when x is nil.
func viewOf[T comparable, V any](x T, view func(T) V) *V {
	var zero T
	if x == zero {
		return nil
	}
	v := view(x)
	return &v
}

// CategoryView is a category of the framework.
type CategoryView struct {
	*model.Category
	r *recorder
}

func (r *recorder) category(c *model.Category) CategoryView {
	r.add(model.KCategory, model.POwn, c.ID)
	return CategoryView{c, r}
}

func (v CategoryView) Competencies() []CompetencyView {
	v.r.add(model.KCategory, model.PMembers, v.ID)
	return viewAll(v.Category.Competencies, v.r.competency)
}

func (v CategoryView) Body() template.HTML {
	v.r.add(model.KCategory, model.PBody, v.ID)
	return v.Category.Body
}

// CompetencyView is a competency.
type CompetencyView struct {
	*model.Competency
	r *recorder
}

func (r *recorder) competency(c *model.Competency) CompetencyView {
	r.add(model.KCompetency, model.POwn, c.ID)
	return CompetencyView{c, r}
}

func (v CompetencyView) Category() *CategoryView {
	return viewOf(v.Competency.Category, v.r.category)
}

func (v CompetencyView) Descriptors() []model.Descriptor {
	v.r.add(model.KCompetency, model.PText, v.ID)
	return v.Competency.Descriptors
}

// Descriptor returns the text for a level, or "".
func (v CompetencyView) Descriptor(level int) string {
	v.r.add(model.KCompetency, model.PText, v.ID)
	return v.Competency.Descriptor(level)
}

func (v CompetencyView) Body() template.HTML {
	v.r.add(model.KCompetency, model.PBody, v.ID)
	return v.Competency.Body
}

func (v CompetencyView) Articles() []ArticleView {
	v.r.add(model.KCompetency, model.PLinks, v.ID)
	return viewAll(v.Competency.Articles, v.r.article)
}

func (v CompetencyView) Previous() *CompetencyView {
	v.r.add(model.KCompetency, model.PLinks, v.ID)
	return viewOf(v.Competency.Previous, v.r.competency)
}

func (v CompetencyView) Next() *CompetencyView {
	v.r.add(model.KCompetency, model.PLinks, v.ID)
	return viewOf(v.Competency.Next, v.r.competency)
}

// RoleTargetView is a role that targets a competency, and its level.
type RoleTargetView struct {
	Role  RoleView
	Level int
}

func (v CompetencyView) Roles() []RoleTargetView {
	v.r.add(model.KCompetency, model.PLinks, v.ID)
	return viewAll(v.Competency.Roles, func(rt model.RoleTarget) RoleTargetView {
		return RoleTargetView{Role: v.r.role(rt.Role), Level: rt.Level}
	})
}

func (v CompetencyView) Rated() int {
	v.r.add(model.KCompetency, model.PStats, v.ID)
	return v.Competency.Rated
}

func (v CompetencyView) Distribution() []int {
	v.r.add(model.KCompetency, model.PStats, v.ID)
	return v.Competency.Distribution
}

// RoleView is a role profile.
type RoleView struct {
	*roleData
	r *recorder
}

// A view records the name of its thing as it is made, since most pages
// that reach a person, a team or a role show that alone; the other own
// fields record the rest when read.
func (r *recorder) role(x *model.Role) RoleView {
	r.add(model.KRole, model.PName, x.ID)
	return RoleView{x, r}
}

func (v RoleView) Summary() string {
	v.r.add(model.KRole, model.POwn, v.ID)
	return v.roleData.Summary
}

// TargetView is a role's expected level in a competency.
type TargetView struct {
	Competency CompetencyView
	Level      int
}

func (v RoleView) target(t *model.Target) TargetView {
	return TargetView{Competency: v.r.competency(t.Competency), Level: t.Level}
}

func (v RoleView) Targets() []TargetView {
	v.r.add(model.KRole, model.PTargets, v.ID)
	out := make([]TargetView, len(v.roleData.Targets))
	for i := range v.roleData.Targets {
		out[i] = v.target(&v.roleData.Targets[i])
	}
	return out
}

// TargetFor returns the role's target in a competency, or nil.
func (v RoleView) TargetFor(competencyID string) *TargetView {
	v.r.add(model.KRole, model.PTargets, v.ID)
	return viewOf(v.roleData.TargetFor(competencyID), v.target)
}

// ByRank is the role's targets by competency rank, nil where none.
func (v RoleView) ByRank() []*TargetView {
	v.r.add(model.KRole, model.PTargets, v.ID)
	return viewAll(v.roleData.ByRank, func(t *model.Target) *TargetView { return viewOf(t, v.target) })
}

// Track is the career track the role is on, or "".
func (v RoleView) Track() string {
	v.r.add(model.KRole, model.POwn, v.ID)
	return v.roleData.Track
}

// Next is the role above this one on its career ladder, or nil.
func (v RoleView) Next() *RoleView {
	v.r.add(model.KRole, model.POwn, v.ID)
	return viewOf(v.roleData.Next, v.r.role)
}

// Previous are the roles whose next role this is, by title.
func (v RoleView) Previous() []RoleView {
	v.r.add(model.KRole, model.POwn, v.ID)
	return viewAll(v.roleData.Previous, v.r.role)
}

// StepView is how one competency's target changes from a role to another.
type StepView struct {
	model.Step
	r *recorder
}

func (v StepView) Competency() CompetencyView { return v.r.competency(v.Step.Competency) }

// StepsTo lists the competencies whose target differs between this role
// and another, in framework order.
func (v RoleView) StepsTo(to RoleView) []StepView {
	v.r.add(model.KRole, model.PTargets, v.ID)
	v.r.add(model.KRole, model.PTargets, to.ID)
	return viewAll(model.Steps(v.roleData, to.roleData), func(st model.Step) StepView { return StepView{st, v.r} })
}

// People are those who hold the role; none on public pages.
func (v RoleView) People() []PersonView {
	v.r.add(model.KRole, model.PRolePeople, v.ID)
	if v.r.hidesPeople() {
		return nil
	}
	return viewAll(v.roleData.People, v.r.person)
}

// Headcount is how many people hold the role.
func (v RoleView) Headcount() int {
	v.r.add(model.KRole, model.PRolePeople, v.ID)
	return len(v.roleData.People)
}

func (v RoleView) Body() template.HTML {
	v.r.add(model.KRole, model.PBody, v.ID)
	return v.roleData.Body
}

// TeamView is a team with its skills matrix.
type TeamView struct {
	*teamData
	r *recorder
}

func (r *recorder) team(t *model.Team) TeamView {
	r.add(model.KTeam, model.PName, t.ID)
	return TeamView{t, r}
}

func (v TeamView) Description() string {
	v.r.add(model.KTeam, model.POwn, v.ID)
	return v.teamData.Description
}

// Members are the team's people, by name; none on public pages.
func (v TeamView) Members() []PersonView {
	v.r.add(model.KTeam, model.PMembers, v.ID)
	if v.r.hidesPeople() {
		return nil
	}
	return viewAll(v.teamData.Members, v.r.person)
}

// Size is how many members the team has.
func (v TeamView) Size() int {
	v.r.add(model.KTeam, model.PMembers, v.ID)
	return len(v.teamData.Members)
}

// LevelsView is how many of a team's members stand at each level of the
// scale in one competency.
type LevelsView struct {
	Competency CompetencyView
	Rated      int   // members with a current level
	Counts     []int // by level, in the order of the scale
}

// Levels returns, for each column of the skills matrix, how many members
// stand at each level: the team's skills without its people.
func (v TeamView) Levels() []LevelsView {
	v.r.add(model.KTeam, model.PMatrix, v.ID)
	v.r.add(model.KTeam, model.PMembers, v.ID)
	v.r.add(model.KSite, model.PScale, "")
	for _, m := range v.teamData.Members {
		v.r.add(model.KPerson, model.PStandings, m.ID)
	}
	if v.r == nil {
		return nil
	}
	scale := v.r.scale
	at := make(map[int]int, len(scale))
	for i, l := range scale {
		at[l.Level] = i
	}
	rows := v.teamData.Matrix()
	out := make([]LevelsView, len(v.teamData.Competencies))
	for j, c := range v.teamData.Competencies {
		lv := LevelsView{Competency: v.r.competency(c), Counts: make([]int, len(scale))}
		for _, row := range rows {
			if i, ok := at[row[j].Current]; ok && row[j].Rated {
				lv.Counts[i]++
				lv.Rated++
			}
		}
		out[j] = lv
	}
	return out
}

// Competencies are the columns of the skills matrix.
func (v TeamView) Competencies() []CompetencyView {
	v.r.add(model.KTeam, model.PMatrix, v.ID)
	return viewAll(v.teamData.Competencies, v.r.competency)
}

// TeamStandingView is the team's average in a competency.
type TeamStandingView struct {
	model.TeamStanding
	r *recorder
}

func (v TeamStandingView) Competency() CompetencyView {
	return v.r.competency(v.TeamStanding.Competency)
}

func (v TeamView) Summary() []TeamStandingView {
	v.r.add(model.KTeam, model.PMatrix, v.ID)
	return viewAll(v.teamData.Summary, func(st model.TeamStanding) TeamStandingView { return TeamStandingView{st, v.r} })
}

// TeamGapView is the members' gaps in one competency, summed.
type TeamGapView struct {
	model.TeamGap
	team *model.Team
	r    *recorder
}

// MemberLevelView is a member's level in a competency against their target.
type MemberLevelView struct {
	Person          PersonView
	Current, Target int
}

// split is Team.Split of the gap's competency, as views, recording what it
// reads; nil on public pages.
func (v TeamGapView) split(below bool) []MemberLevelView {
	if v.r.hidesPeople() {
		return nil
	}
	for _, m := range v.team.Members {
		v.r.add(model.KPerson, model.PStandings, m.ID)
	}
	b, a := v.team.Split(v.TeamGap.Competency)
	if !below {
		b = a
	}
	return viewAll(b, func(m model.MemberLevel) MemberLevelView {
		return MemberLevelView{v.r.person(m.Person), m.Current, m.Target}
	})
}

// Below are the members below their target in the gap's competency.
func (v TeamGapView) Below() []MemberLevelView { return v.split(true) }

// CouldHelp are the members at or above their target in the gap's
// competency, highest level first.
func (v TeamGapView) CouldHelp() []MemberLevelView { return v.split(false) }

func (v TeamGapView) Competency() CompetencyView { return v.r.competency(v.TeamGap.Competency) }

func (v TeamGapView) Articles() []ArticleView { return viewAll(v.TeamGap.Articles, v.r.article) }

func (v TeamView) Gaps() []TeamGapView {
	v.r.add(model.KTeam, model.PMatrix, v.ID)
	return viewAll(v.teamData.Gaps, func(g model.TeamGap) TeamGapView { return TeamGapView{g, v.teamData, v.r} })
}

// Columns returns the column of each competency in the team's matrix, by
// rank; -1 for those not in it.
func (v TeamView) Columns(n int) []int {
	v.r.add(model.KTeam, model.PMatrix, v.ID)
	return v.teamData.Columns(n)
}

// CellView is one member's standing in one column of the matrix.
type CellView struct {
	StandingView
	Rated bool
	Below bool
}

// Matrix is the team's skills matrix: one row per member, one cell per
// column of Competencies.
func (v TeamView) Matrix() [][]CellView {
	v.r.add(model.KTeam, model.PMatrix, v.ID)
	if v.r.hidesPeople() {
		return nil
	}
	v.r.add(model.KTeam, model.PMembers, v.ID)
	for _, m := range v.teamData.Members {
		v.r.add(model.KPerson, model.PStandings, m.ID)
	}
	return viewAll(v.teamData.Matrix(), func(row []model.Cell) []CellView {
		return viewAll(row, func(c model.Cell) CellView {
			return CellView{StandingView: StandingView{c.Standing, v.r}, Rated: c.Rated, Below: c.Below}
		})
	})
}

// PersonView is a person.
type PersonView struct {
	*model.Person
	r *recorder
}

func (r *recorder) person(p *model.Person) PersonView {
	r.add(model.KPerson, model.PName, p.ID)
	return PersonView{p, r}
}

func (v PersonView) JobTitle() string {
	v.r.add(model.KPerson, model.POwn, v.ID)
	return v.Person.JobTitle
}

func (v PersonView) Team() *TeamView {
	v.r.add(model.KPerson, model.POwn, v.ID)
	return viewOf(v.Person.Team, v.r.team)
}

func (v PersonView) Role() *RoleView {
	v.r.add(model.KPerson, model.POwn, v.ID)
	return viewOf(v.Person.Role, v.r.role)
}

// StandingView is where a person is in one competency.
type StandingView struct {
	model.Standing
	r *recorder
}

func (v StandingView) Competency() CompetencyView { return v.r.competency(v.Standing.Competency) }

func (v StandingView) CurrentFrom() *CycleView { return viewOf(v.Standing.CurrentFrom, v.r.cycle) }

func (v StandingView) SelfFrom() *CycleView { return viewOf(v.Standing.SelfFrom, v.r.cycle) }

func (v StandingView) PeerFrom() *CycleView { return viewOf(v.Standing.PeerFrom, v.r.cycle) }

func (v PersonView) Standings() []StandingView {
	v.r.add(model.KPerson, model.PStandings, v.ID)
	return viewAll(v.Person.Standings, func(st model.Standing) StandingView { return StandingView{st, v.r} })
}

// Standing returns the person's standing in a competency, or nil.
func (v PersonView) Standing(competencyID string) *StandingView {
	v.r.add(model.KPerson, model.PStandings, v.ID)
	return viewOf(v.Person.Standing(competencyID), func(st *model.Standing) StandingView { return StandingView{*st, v.r} })
}

// GapView is a shortfall against the role's target.
type GapView struct {
	model.Gap
	r *recorder
}

func (v GapView) Competency() CompetencyView { return v.r.competency(v.Gap.Competency) }

func (v GapView) Articles() []ArticleView { return viewAll(v.Gap.Articles, v.r.article) }

func (v PersonView) Gaps() []GapView {
	v.r.add(model.KPerson, model.PStandings, v.ID)
	v.r.add(model.KSite, model.PScale, "") // the names of the levels
	return viewAll(v.Person.Gaps, func(g model.Gap) GapView { return GapView{g, v.r} })
}

func (v PersonView) Assessed() bool {
	v.r.add(model.KPerson, model.PStandings, v.ID)
	return v.Person.Assessed
}

func (v PersonView) LastAssessed() *CycleView {
	v.r.add(model.KPerson, model.PStandings, v.ID)
	return viewOf(v.Person.LastAssessed, v.r.cycle)
}

// LastManager is the latest manager review that rated the person, or nil.
func (v PersonView) LastManager() *CycleView { return v.LastOf("manager") }

// LastSelf is the latest self-assessment of the person, or nil.
func (v PersonView) LastSelf() *CycleView { return v.LastOf("self") }

// LastPeer is the latest peer cycle that rated the person, or nil.
func (v PersonView) LastPeer() *CycleView { return v.LastOf("peer") }

// LastOf is the latest cycle of a kind (manager, self or peer) that rated
// the person, or nil.
func (v PersonView) LastOf(kind string) *CycleView {
	v.r.add(model.KPerson, model.PStandings, v.ID)
	return viewOf(v.Person.LastOf(kind), v.r.cycle)
}

// ReadinessView is how far a person is from the targets of their next
// role.
type ReadinessView struct {
	Role     RoleView
	Met      int
	NotRated int
	Targets  int
	Missing  []GapView
}

// Readiness is how far the person is from the targets of their role's
// next role, or nil when it has none.
func (v PersonView) Readiness() *ReadinessView {
	v.r.add(model.KPerson, model.POwn, v.ID)
	role := v.Person.Role
	if role == nil {
		return nil
	}
	v.r.add(model.KRole, model.POwn, role.ID)
	next := role.Next
	if next == nil {
		return nil
	}
	v.r.add(model.KPerson, model.PStandings, v.ID)
	v.r.add(model.KRole, model.PTargets, next.ID)
	v.r.add(model.KSite, model.PScale, "")
	for _, t := range next.Targets {
		v.r.add(model.KCompetency, model.PLinks, t.Competency.ID) // the articles chosen from
	}
	rd := model.ReadinessFor(v.Person, next, v.r.scale, model.ChooseArticles)
	return &ReadinessView{
		Role:     v.r.role(next),
		Met:      rd.Met,
		NotRated: rd.NotRated,
		Targets:  len(next.Targets),
		Missing:  viewAll(rd.Missing, func(g model.Gap) GapView { return GapView{g, v.r} }),
	}
}

// Timeline is how many cycles the person's history follows (see
// model.Person.Timeline).
func (v PersonView) Timeline() int {
	v.r.add(model.KPerson, model.PStandings, v.ID)
	return len(v.Person.Timeline())
}

// NotRated is how many competencies the person's role targets have no
// current level.
func (v PersonView) NotRated() int {
	v.r.add(model.KPerson, model.PStandings, v.ID)
	return v.Person.NotRated
}

// Differences are the standings where the person's own rating and the
// manager's differ by a level or more, the largest difference first.
func (v PersonView) Differences() []StandingView {
	v.r.add(model.KPerson, model.PStandings, v.ID)
	return viewAll(v.Person.Differences(), func(st model.Standing) StandingView { return StandingView{st, v.r} })
}

// CycleView is an assessment cycle.
type CycleView struct {
	*cycleData
	r *recorder
}

func (r *recorder) cycle(c *model.Cycle) CycleView {
	r.add(model.KCycle, model.POwn, c.ID)
	return CycleView{c, r}
}

func (v CycleView) ByPerson() map[string][]model.IndexedRating {
	v.r.add(model.KCycle, model.PRatings, v.ID)
	if v.r.hidesPeople() {
		return nil
	}
	return v.cycleData.ByPerson
}

func (v CycleView) IDs() []string {
	v.r.add(model.KCycle, model.PRatings, v.ID)
	if v.r.hidesPeople() {
		return nil
	}
	return v.cycleData.IDs
}

func (v CycleView) Named() int {
	v.r.add(model.KCycle, model.PRatings, v.ID)
	if v.r.hidesPeople() {
		return 0
	}
	return v.cycleData.Named
}

// Ratings returns the cycle's ratings: person id -> competency id -> level.
func (v CycleView) Ratings() map[string]map[string]int {
	v.r.add(model.KCycle, model.PRatings, v.ID)
	if v.r.hidesPeople() {
		return nil
	}
	return v.cycleData.Ratings()
}

// ArticleView is a learning article.
type ArticleView struct {
	*model.Article
	r *recorder
}

func (r *recorder) article(a *model.Article) ArticleView {
	r.add(model.KArticle, model.POwn, a.ID)
	return ArticleView{a, r}
}

func (v ArticleView) Competencies() []CompetencyView {
	return viewAll(v.Article.Competencies, v.r.competency)
}

func (v ArticleView) Body() template.HTML {
	v.r.add(model.KArticle, model.PBody, v.ID)
	return v.Article.Body
}

func (v ArticleView) Words() int {
	v.r.add(model.KArticle, model.PBody, v.ID)
	return v.Article.Words
}

func (v ArticleView) Related() []ArticleView {
	v.r.add(model.KArticle, model.PRelated, v.ID)
	return viewAll(v.Article.Related, v.r.article)
}

// What a page shows, as views.

// Site is the whole site.
func (p *Page) Site() SiteView { return SiteView{p.site, p.rec} }

// Category is the category of a category page, or nil.
func (p *Page) Category() *CategoryView { return viewOf(p.category, p.rec.category) }

// Competency is the competency of a competency page, or nil.
func (p *Page) Competency() *CompetencyView { return viewOf(p.competency, p.rec.competency) }

// Role is the role of a role page, or nil.
func (p *Page) Role() *RoleView { return viewOf(p.role, p.rec.role) }

// Team is the team of a team page, or nil.
func (p *Page) Team() *TeamView { return viewOf(p.team, p.rec.team) }

// Person is the person of a person page, or nil.
func (p *Page) Person() *PersonView { return viewOf(p.person, p.rec.person) }

// Article is the article of an article page, or nil.
func (p *Page) Article() *ArticleView { return viewOf(p.article, p.rec.article) }

// People is the share of the people list on a page of it, in name order.
func (p *Page) People() []PersonView { return viewAll(p.people, p.rec.person) }

// recordRoot records what a page reads besides its layout: the settings
// (its permalink), the thing it shows (its title and description), and on a
// page of the people list, the list and the names that bound each page of
// it, which its pager shows.
func (p *Page) recordRoot() {
	r := p.rec
	r.add(model.KSite, model.PConfig, "")
	switch {
	case p.category != nil:
		r.add(model.KCategory, model.POwn, p.category.ID)
	case p.competency != nil:
		r.add(model.KCompetency, model.POwn, p.competency.ID)
	case p.role != nil:
		r.add(model.KRole, model.POwn, p.role.ID)
	case p.team != nil:
		r.add(model.KTeam, model.POwn, p.team.ID)
	case p.person != nil:
		r.add(model.KPerson, model.POwn, p.person.ID)
	case p.article != nil:
		r.add(model.KArticle, model.POwn, p.article.ID)
	case p.Kind == "people":
		r.add(model.KSite, model.PPeople, "")
		all := p.site.People
		for i := 0; i < len(all); i += PeoplePerPage {
			r.add(model.KPerson, model.PName, all[i].ID)
			r.add(model.KPerson, model.PName, all[min(i+PeoplePerPage, len(all))-1].ID)
		}
	}
}

// unview returns the thing of the model a view shows, or v itself.
func unview(v any) any {
	switch x := v.(type) {
	case CompetencyView:
		return x.Competency
	case *CompetencyView:
		return x.Competency
	case CategoryView:
		return x.Category
	case *CategoryView:
		return x.Category
	case RoleView:
		return x.roleData
	case *RoleView:
		return x.roleData
	case TeamView:
		return x.teamData
	case *TeamView:
		return x.teamData
	case PersonView:
		return x.Person
	case *PersonView:
		return x.Person
	case ArticleView:
		return x.Article
	case *ArticleView:
		return x.Article
	case CycleView:
		return x.cycleData
	case *CycleView:
		return x.cycleData
	}
	return v
}

package gen

import (
	"fmt"
	"strings"
)

// The wide shape: a framework laid out as organisations with many
// professions lay theirs out. Each track (a category) holds its own
// competencies, and several tracks name one alike (Communication, Impact,
// Leadership), each with an id of its own; some names are long. The scale
// runs from 0 to 7, each track has a ladder of four roles, and teams mix
// people of every track.

// wideScale is the scale of a wide site, 0 to 7.
var wideScale = []struct{ name, summary string }{
	{"Not yet", "Has not had the chance to use this skill yet."},
	{"Aware", "Knows what the skill is and when it is needed."},
	{"Beginner", "Has used the skill a few times, with close help."},
	{"Developing", "Uses the skill on routine work, with some help."},
	{"Practising", "Uses the skill on their own in familiar situations."},
	{"Skilled", "Applies the skill reliably, including in hard cases."},
	{"Expert", "Is sought out for the skill across their area."},
	{"Role model", "Sets the standard for the skill across the organisation."},
}

// wideDescriptors describe each level from 1 to 7; %s is the competency,
// in lower case.
var wideDescriptors = [7]string{
	"Can say what %s involves and why it matters here.",
	"Practises %s on small tasks while someone experienced checks the result.",
	"Handles routine %s with occasional help, and asks before going beyond it.",
	"Does %s well on their own for the usual work of the team.",
	"Gets %s right in unfamiliar or high-stakes situations, and helps others do so.",
	"Shapes how %s is done across several teams, and coaches others in it.",
	"Sets the organisation's standard for %s and is known for it beyond it.",
}

// wideTrack is a track of the wide framework: its category, the job its
// ladder of roles is named after, and its competencies' names.
type wideTrack struct {
	id, title, job string
	competencies   []string
}

var wideTracks = []wideTrack{
	{"engineering", "Engineering", "Engineer", []string{"Communication", "Impact", "Technical Architecture and System Design at Scale", "Code Quality", "Incident Response"}},
	{"design", "Design", "Designer", []string{"Communication", "Impact", "Interaction Design", "User Research Synthesis and Insight Generation", "Visual Craft"}},
	{"product", "Product management", "Product Manager", []string{"Communication", "Impact", "Leadership", "Product Discovery", "Roadmapping and Prioritisation Across Competing Stakeholder Needs"}},
	{"data", "Data science", "Data Scientist", []string{"Communication", "Impact", "Statistical Modelling", "Experiment Design", "Data Storytelling"}},
	{"quality", "Quality engineering", "Quality Engineer", []string{"Communication", "Test Strategy", "Automation", "Release Confidence", "Exploratory Testing"}},
	{"security", "Security", "Security Engineer", []string{"Impact", "Leadership", "Threat Modelling", "Security Incident Handling and Forensic Investigation", "Secure Development"}},
	{"infrastructure", "Infrastructure", "Infrastructure Engineer", []string{"Impact", "Reliability Engineering", "Capacity and Cost Management", "Automation", "Observability"}},
	{"support", "Customer support", "Support Specialist", []string{"Communication", "Leadership", "Case Handling", "Knowledge Base Stewardship", "Customer Empathy"}},
	{"sales", "Sales", "Account Executive", []string{"Communication", "Impact", "Pipeline Management", "Negotiation", "Account Planning and Long-Term Relationship Development"}},
	{"marketing", "Marketing", "Marketer", []string{"Communication", "Campaign Planning", "Brand Stewardship", "Market Analysis", "Content Strategy"}},
	{"finance", "Finance", "Finance Analyst", []string{"Impact", "Leadership", "Financial Reporting", "Forecasting", "Commercial Partnering"}},
	{"people", "People and talent", "People Partner", []string{"Communication", "Leadership", "Hiring", "Employee Relations", "Learning Design"}},
	{"operations", "Operations", "Operations Manager", []string{"Impact", "Leadership", "Process Design", "Supplier Management", "Health, Safety and Environmental Compliance Management"}},
	{"research", "Research", "Researcher", []string{"Communication", "Leadership", "Research Methods", "Synthesis", "Knowledge Sharing"}},
}

// wideSummaries are the summaries of the names several tracks share; %s
// is the track, in lower case.
var wideSummaries = map[string]string{
	"Communication": "Shares ideas, progress and decisions so that people in %s and beyond can act on them.",
	"Impact":        "Chooses the %s work that moves the organisation's goals, and sees it through to results.",
	"Leadership":    "Grows the people and the practice of %s, with or without a title.",
	"Automation":    "Replaces repeated manual steps in %s with tools that others can trust.",
}

// wideRanks name the four steps of a track's ladder, lowest first, with
// the level its targets centre on.
var wideRanks = []struct {
	prefix string
	level  int
}{{"Associate ", 2}, {"", 3}, {"Senior ", 5}, {"Lead ", 6}}

// wideFramework makes the tracks as categories and their competencies;
// a name found in several tracks gets the track's id before its own.
func (g *generator) wideFramework() {
	tracks := wideTracks[:min(g.p.Categories, len(wideTracks))]
	count := map[string]int{}
	for _, t := range tracks {
		for _, name := range t.competencies {
			count[name]++
		}
	}
	for _, t := range tracks {
		c := &category{id: t.id, title: t.title, summary: fmt.Sprintf("What %s work asks for, from a first role to leading the practice.", strings.ToLower(t.title))}
		g.categories = append(g.categories, c)
		for j, name := range t.competencies[:min(len(t.competencies), g.p.Competencies/len(tracks))] {
			k := &competency{title: name, category: c, order: j + 1, id: slug(name)}
			if count[name] > 1 {
				k.id = t.id + "-" + k.id
			}
			k.lower = strings.ToLower(name)
			if s, ok := wideSummaries[name]; ok {
				k.summary = fmt.Sprintf(s, strings.ToLower(t.title))
			} else {
				k.summary = fmt.Sprintf("The skill of %s, as %s work needs it.", k.lower, strings.ToLower(t.title))
			}
			g.competencies = append(g.competencies, k)
		}
	}
}

// wideRoles makes each track's ladder of four roles: each targets the
// track's competencies around its rank's level, and two competencies of
// other tracks a little lower.
func (g *generator) wideRoles() {
	n := len(g.competencies)
	for ti, c := range g.categories {
		t := wideTracks[ti]
		var own []int
		for ci, k := range g.competencies {
			if k.category == c {
				own = append(own, ci)
			}
		}
		var ladder []*role
		for rank, step := range wideRanks {
			r := &role{rank: rank, levels: make([]int, n), track: t.title}
			r.title = step.prefix + t.job
			r.id = slug(r.title)
			r.summary = fmt.Sprintf("A %s on the %s track: %s.", strings.ToLower(strings.TrimSpace(step.prefix+"role")), strings.ToLower(t.title), wideRoleScope[rank])
			for _, ci := range own {
				r.levels[ci] = max(1, min(g.top(), step.level+g.r.IntN(3)-1))
			}
			for range 2 {
				if ci := g.r.IntN(n); r.levels[ci] == 0 {
					r.levels[ci] = max(1, step.level-1-g.r.IntN(2))
				}
			}
			for ci := range n {
				if r.levels[ci] > 0 {
					r.targets = append(r.targets, ci)
				} else {
					r.others = append(r.others, ci)
				}
			}
			ladder = append(ladder, r)
		}
		for i := range len(ladder) - 1 {
			ladder[i].next = ladder[i+1].id
		}
		g.roles = append(g.roles, ladder...)
	}
}

var wideRoleScope = []string{
	"learns the craft on well-defined work, with a more experienced colleague close by",
	"owns pieces of work from start to finish and asks for help when it is needed",
	"takes on the hardest work of the team and grows the people around them",
	"shapes how the whole practice works and represents it across the organisation",
}

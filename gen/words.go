package gen

// The vocabulary of generated sites. Every list is in a fixed order, so that
// a seed picks the same words on every run.

// frameworkCategory is a category of the framework with the competencies it
// can hold, in the order they are taken.
type frameworkCategory struct {
	id, title, summary string
	competencies       []frameworkCompetency
}

type frameworkCompetency struct {
	title, summary string
}

// framework is the largest framework a preset can ask for without numbered
// repeats: eight categories of twelve competencies.
var framework = []frameworkCategory{
	{"leadership", "Leading people and direction", "Setting a direction, bringing people along with it and growing the people who will carry it forward.", []frameworkCompetency{
		{"Visionary Thinking", "Sees where the team should be in two years and helps others see it too."},
		{"Change Leadership", "Takes a team through a significant change so that the new way of working sticks."},
		{"Inspiring Others", "Gives people a reason to care about the work beyond the next deadline."},
		{"Coaching and Mentoring", "Helps others find their own answers and grow into larger responsibilities."},
		{"Influencing Without Authority", "Wins support from people who do not report to them."},
		{"Strategic Thinking", "Connects today's choices to where the organisation is heading."},
		{"Building High-Performing Teams", "Assembles and shapes a team whose members make each other better."},
		{"Developing Talent", "Spots potential early and gives people the stretch they need to grow."},
		{"Leading Through Ambiguity", "Keeps a team moving when the facts are incomplete and the plan is uncertain."},
		{"Empowering Others", "Hands over real ownership and then stays out of the way."},
		{"Role Modelling", "Behaves the way they ask others to behave, especially under pressure."},
		{"Succession Planning", "Makes sure someone is ready to step into every critical role."},
	}},
	{"management", "Managing work and resources", "Planning, organising and checking the work so that today's commitments are met reliably.", []frameworkCompetency{
		{"Planning and Prioritisation", "Decides what matters most and arranges the work so it gets done first."},
		{"Delegation", "Hands work to the right person with the context and authority to finish it."},
		{"Performance Monitoring", "Tracks whether the work is on course and acts early when it is not."},
		{"Resource Allocation", "Puts people, time and money where they make the biggest difference."},
		{"Budgeting and Financial Planning", "Builds a realistic budget and keeps spending in line with the plan."},
		{"Process Improvement", "Finds the waste in how work gets done and removes it for good."},
		{"Risk Management", "Sees what could go wrong and prepares a sensible response in advance."},
		{"Project Delivery", "Takes a piece of work from idea to done, on time and within scope."},
		{"Capacity Planning", "Knows how much the team can take on and says so before it is overloaded."},
		{"Vendor Management", "Gets good value and honest service from suppliers and partners."},
		{"Scheduling", "Arranges shifts, rotas and timelines that survive contact with reality."},
		{"Quality Assurance", "Builds checks into the work so that mistakes are caught before customers see them."},
	}},
	{"relationships", "Relationships and communication", "How a manager connects with other people: explaining, listening, settling disagreements and earning trust.", []frameworkCompetency{
		{"Clear Communication", "Says what needs saying in a way the listener can understand and act on."},
		{"Giving Feedback", "Tells people how their work is landing, specifically and in good time."},
		{"Active Listening", "Listens to understand rather than to reply, and checks what was meant."},
		{"Conflict Resolution", "Settles disagreements before they harden into lasting rifts."},
		{"Stakeholder Management", "Keeps the people with a stake in the work informed and on side."},
		{"Building Trust", "Earns the confidence of colleagues through consistency and candour."},
		{"Negotiation", "Reaches agreements that both sides can live with and keep."},
		{"Presenting", "Explains ideas to a room or a screen so that people remember them."},
		{"Written Communication", "Writes short, clear messages and documents that people actually read."},
		{"Facilitation", "Runs meetings and workshops that reach a decision in the time available."},
		{"Networking", "Builds relationships across the organisation before they are needed."},
		{"Cross-Team Collaboration", "Works across team boundaries so that shared goals are met."},
	}},
	{"personal-effectiveness", "Personal effectiveness", "How a manager runs themselves: deciding well, staying steady under pressure and knowing their own habits.", []frameworkCompetency{
		{"Decision Making", "Makes timely decisions with incomplete information and owns the result."},
		{"Resilience", "Recovers from setbacks and keeps a steady head during hard weeks."},
		{"Self-Awareness", "Knows their own strengths, habits and blind spots, and acts on them."},
		{"Time Management", "Spends time on what matters and protects it from what does not."},
		{"Adaptability", "Adjusts plans and habits quickly when circumstances change."},
		{"Learning Agility", "Picks up new skills fast and applies lessons from one setting to another."},
		{"Accountability", "Owns commitments and outcomes, including the ones that went badly."},
		{"Critical Thinking", "Questions assumptions and weighs evidence before reaching a view."},
		{"Emotional Regulation", "Notices strong feelings and chooses a response rather than reacting."},
		{"Focus and Attention", "Gives full attention to the task or person in front of them."},
		{"Integrity", "Does what they said they would, and says so when they cannot."},
		{"Personal Organisation", "Keeps track of commitments so that nothing important slips."},
	}},
	{"people-management", "Growing and caring for people", "Hiring, developing and looking after the people in a team, from their first day to their next role.", []frameworkCompetency{
		{"Hiring and Interviewing", "Finds and selects people who will do well in the team and the role."},
		{"Onboarding", "Helps new starters become productive and feel welcome in their first months."},
		{"One-to-Ones", "Holds regular one-to-one conversations that people find useful."},
		{"Career Conversations", "Talks with people about where they want to go and how to get there."},
		{"Performance Reviews", "Runs fair, evidence-based reviews that hold no surprises."},
		{"Recognition", "Notices good work and thanks people for it in a way that means something."},
		{"Wellbeing Support", "Spots when someone is struggling and helps them get support."},
		{"Inclusive Management", "Makes sure every voice in the team is heard and every person has a fair chance."},
		{"Handling Underperformance", "Addresses performance problems early, clearly and humanely."},
		{"Setting Expectations", "Makes sure each person knows what good looks like in their role."},
		{"Motivation", "Understands what drives each person and shapes the work around it."},
		{"Retention", "Keeps good people by giving them reasons to stay."},
	}},
	{"business-acumen", "Business and customer sense", "Understanding how the organisation makes and spends money, and what its customers need from it.", []frameworkCompetency{
		{"Commercial Awareness", "Understands how the business earns money and what threatens it."},
		{"Customer Focus", "Keeps the customer's needs at the centre of decisions about the work."},
		{"Data Literacy", "Reads, questions and uses data to make better decisions."},
		{"Financial Literacy", "Reads a profit and loss statement and knows what moves the numbers."},
		{"Market Awareness", "Knows what competitors and customers are doing and why it matters."},
		{"Product Thinking", "Treats the team's output as a product with users, value and trade-offs."},
		{"Metrics and Measurement", "Chooses a few measures that show whether the work is succeeding."},
		{"Operational Excellence", "Runs day-to-day operations that are dependable, safe and efficient."},
		{"Cost Awareness", "Knows what the work costs and looks for ways to spend less on it."},
		{"Business Case Writing", "Makes the case for an investment in terms that decision makers accept."},
		{"Forecasting", "Predicts demand, cost or delivery dates well enough to plan around."},
		{"Pricing Awareness", "Understands how prices are set and how they affect customers and margins."},
	}},
	{"change-and-innovation", "Change and innovation", "Trying new things, learning from what happens and spreading what works.", []frameworkCompetency{
		{"Experimentation", "Tests ideas cheaply and quickly before committing to them."},
		{"Continuous Improvement", "Makes small improvements to the work every week, not just once a year."},
		{"Creative Problem Solving", "Finds new approaches when the usual ones do not fit the problem."},
		{"Digital Fluency", "Uses digital tools confidently and helps others adopt them."},
		{"Managing Transitions", "Helps people through the personal side of change, from ending to new beginning."},
		{"Innovation Management", "Turns promising ideas into working practice and retires the ones that fail."},
		{"Design Thinking", "Starts from the needs of the people affected and prototypes before building."},
		{"Curiosity", "Asks why things are done the way they are and follows the answers."},
		{"Learning from Failure", "Treats mistakes as information and makes it safe to talk about them."},
		{"Scaling What Works", "Takes a local success and spreads it without losing what made it work."},
		{"Sustainability Awareness", "Weighs the environmental and social effects of the team's choices."},
		{"Technology Adoption", "Introduces new tools in a way that people actually start to use them."},
	}},
	{"governance", "Ethics, risk and governance", "Doing the right thing, keeping within the rules and protecting people, data and the organisation.", []frameworkCompetency{
		{"Ethical Judgement", "Recognises ethical questions and handles them openly and fairly."},
		{"Compliance", "Knows which rules apply to the work and makes sure they are followed."},
		{"Data Protection", "Handles personal data lawfully and keeps it safe."},
		{"Health and Safety", "Keeps people safe at work and acts on hazards straight away."},
		{"Policy Writing", "Writes policies that are short, clear and possible to follow."},
		{"Audit Readiness", "Keeps records so that any check of the work can be answered quickly."},
		{"Information Security Awareness", "Recognises security risks and builds safe habits into the team."},
		{"Fairness in Decisions", "Makes decisions about people that are consistent and can be explained."},
		{"Escalation", "Raises problems to the right level at the right time, with the facts."},
		{"Documentation", "Keeps the team's knowledge written down where others can find it."},
		{"Contract Awareness", "Understands what contracts commit the organisation to and what they do not."},
		{"Crisis Management", "Takes charge calmly when something serious goes wrong."},
	}},
}

// descriptorTemplates are the level descriptors, one list per level of
// the rubric; %s is the competency's title in lower case.
var descriptorTemplates = [4][]string{
	{
		"Knows what %s involves and why it matters in their own work.",
		"Can describe good %s and recognises it when they see it.",
		"Understands the basics of %s and asks for help when a situation calls for it.",
		"Is aware of %s and notices when its absence causes problems.",
	},
	{
		"Practises %s in familiar situations, with some guidance from others.",
		"Applies %s to their own work reliably when the situation is routine.",
		"Uses %s day to day and learns from the cases that go less well.",
		"Handles everyday %s without prompting and checks their approach with a mentor.",
	},
	{
		"Applies %s independently, including in difficult or unfamiliar cases.",
		"Is relied on by the team for %s and adapts the approach to each situation.",
		"Handles hard cases of %s on their own and helps colleagues with theirs.",
		"Shows skilled %s under pressure and explains the reasoning to others.",
	},
	{
		"Teaches %s to others and sets the standard beyond their own team.",
		"Shapes how the organisation approaches %s and coaches other managers in it.",
		"Is a recognised role model for %s across several teams.",
		"Improves the organisation's practice of %s and mentors people who lead it.",
	},
}

// teamPlaces and teamFunctions combine into team names.
var teamPlaces = []string{
	"North", "South", "East", "West", "Central", "Harbour", "Riverside", "Highland",
	"Coastal", "Metro", "Lakeside", "Valley", "Northgate", "Southbank", "Eastfield", "Westbrook",
	"Bridgeport", "Hillcrest", "Oakwood", "Stonebridge", "Ashford", "Kingsway", "Meadow", "Seaview",
	"Ironworks", "Foundry", "Beacon", "Summit", "Compass", "Atlas", "Orbit", "Granite",
}

var teamFunctions = []string{
	"Platform", "Payments", "Fleet Planning", "Customer Care", "Warehouse Operations", "Data Engineering",
	"Finance", "Procurement", "Field Service", "Logistics", "Sales", "Marketing",
	"Supply Chain", "Quality", "Facilities", "Security", "Mobile Apps", "Web",
	"Analytics", "Billing", "Claims", "Onboarding", "Recruitment", "Training",
	"Legal", "Partnerships", "Infrastructure", "Support", "Dispatch", "Returns",
	"Pricing", "Research",
}

// teamDescriptions describe a team; the first %s is its function in lower
// case, the second its place.
var teamDescriptions = []string{
	"Runs %s for the %s region.",
	"Looks after %s across the %s sites, seven days a week.",
	"Keeps %s working for customers served from %s.",
	"Owns %s for %s, from planning to day-to-day delivery.",
	"Handles %s for %s and the partners who depend on it.",
}

// roleSeniorities and roleJobs combine into role titles; a seniority's
// index is the role's rank.
var roleSeniorities = []string{"Associate", "", "Senior", "Lead", "Principal"}

// roleWeights makes junior roles more common than senior ones.
var roleWeights = []int{3, 5, 4, 2, 1}

var roleJobs = []string{
	"Analyst", "Engineer", "Designer", "Consultant", "Planner",
	"Product Manager", "Project Manager", "Programme Manager", "Operations Manager", "Account Manager",
	"Data Scientist", "Researcher", "Buyer", "Coordinator", "Recruiter",
	"People Partner", "Finance Partner", "Service Manager", "Quality Manager", "Delivery Manager",
}

// roleSummaries are by rank; %s is the job in lower case.
var roleSummaries = []string{
	"An early-career %s who learns the craft with close support.",
	"A %s who delivers their own work reliably and supports others.",
	"An experienced %s who takes on the hardest work and guides others.",
	"A %s who leads a small group and sets how the work is done.",
	"A senior %s whose decisions shape the work of several teams.",
}

// firstNames and lastNames are combined into people's names.
var firstNames = []string{
	"Alice", "Ben", "Charlotte", "Daniel", "Emily", "Frank", "Grace", "Harry", "Isla", "Jack",
	"Kate", "Liam", "Molly", "Noah", "Olivia", "Paul", "Rachel", "Sam", "Thomas", "Victoria",
	"William", "Zoë", "Ana", "Bruno", "Carla", "Diego", "Elena", "Fernando", "Gabriela", "Hugo",
	"Inês", "Javier", "Lucía", "Mateo", "Nuria", "Pablo", "Rafael", "Sofia", "Tiago", "Valentina",
	"José", "Marta", "Amélie", "Bastien", "Camille", "Étienne", "Léa", "Mathieu", "Chloé", "Julien",
	"Manon", "Anna", "Björn", "Claudia", "Dieter", "Freya", "Greta", "Jonas", "Katrin", "Lars",
	"Maja", "Nils", "Søren", "Ingrid", "Astrid", "Erik", "Alessandro", "Chiara", "Francesca", "Giulia",
	"Lorenzo", "Matteo", "Paolo", "Serena", "Agnieszka", "Bartosz", "Katarzyna", "Łukasz", "Marek", "Natalia",
	"Piotr", "Zofia", "Ivana", "Dmitri", "Olga", "Milan", "Adaeze", "Chinedu", "Ngozi", "Tunde",
	"Amara", "Kwame", "Ama", "Kofi", "Zanele", "Thabo", "Wanjiru", "Jabari", "Fatou", "Ifeoma",
	"Sipho", "Abena", "Aarav", "Ananya", "Arjun", "Deepa", "Kavya", "Priya", "Rohan", "Sanjay",
	"Vikram", "Meera", "Neha", "Rahul", "Ishaan", "Lakshmi", "Wei", "Mei", "Jun", "Lin",
	"Hao", "Xiu", "Yan", "Jing", "Haruto", "Yuki", "Sakura", "Kenji", "Aiko", "Takumi",
	"Emi", "Ren", "Minjun", "Seoyeon", "Jiho", "Hana", "Dohyun", "Jisoo", "Omar", "Layla",
	"Karim", "Yasmin", "Tariq", "Nadia", "Samir", "Leila", "Hassan", "Amira", "Dariush", "Shirin",
	"Emre", "Elif", "Mehmet", "Zeynep", "Ayşe", "Minh", "Linh", "Thao", "Bao", "Dewi",
	"Putri", "Andika", "Maricel", "Jomar", "Camila", "Santiago", "Ximena", "Joaquín", "Renata", "Emiliano",
	"Noa", "Eitan", "Tamar", "Yael", "Aoife", "Ciarán", "Siobhan", "Niamh", "Rhys", "Eilidh",
	"Callum", "Seren", "Kai", "Aroha", "Tane", "Mele", "Nalani", "Ivan", "Anya", "Mikhail",
}

var lastNames = []string{
	"Adams", "Baker", "Clarke", "Davies", "Evans", "Fisher", "Green", "Hughes", "Jones", "King",
	"Lewis", "Morgan", "Norris", "Owen", "Parker", "Reed", "Shaw", "Taylor", "Turner", "Walker",
	"Wright", "Young", "Bennett", "Carter", "Foster", "O'Brien", "Murphy", "Walsh", "Byrne", "Kennedy",
	"MacLeod", "Fraser", "Campbell", "Doyle", "Lima", "Silva", "Santos", "Costa", "Pereira", "Oliveira",
	"Ferreira", "Almeida", "García", "Martínez", "López", "Hernández", "Romero", "Navarro", "Torres", "Castillo",
	"Morales", "Vargas", "Ortega", "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard",
	"Fontaine", "Müller", "Schmidt", "Fischer", "Weber", "Becker", "Hoffmann", "de Vries", "Jansen", "Bakker",
	"Visser", "Andersson", "Johansson", "Lindqvist", "Nielsen", "Hansen", "Berg", "Larsen", "Virtanen", "Korhonen",
	"Rossi", "Russo", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Conti", "Esposito",
	"Kowalski", "Nowak", "Wiśniewski", "Novák", "Horvat", "Petrov", "Popescu", "Kovač", "Dvořák", "Sokolov",
	"Okafor", "Adeyemi", "Mensah", "Okonkwo", "Nwosu", "Boateng", "Mwangi", "Kamau", "Ndlovu", "Dlamini",
	"Diallo", "Traoré", "Achebe", "Banda", "Osei", "Abiodun", "Chukwu", "Otieno", "Asante", "Nkosi",
	"Patel", "Sharma", "Gupta", "Iyer", "Reddy", "Nair", "Kapoor", "Singh", "Menon", "Rao",
	"Chatterjee", "Desai", "Joshi", "Pillai", "Bhat", "Chen", "Wang", "Li", "Zhang", "Liu",
	"Huang", "Zhao", "Wu", "Zhou", "Xu", "Lin", "Sato", "Suzuki", "Takahashi", "Tanaka",
	"Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Kim", "Park", "Lee", "Choi", "Jung", "Kang",
	"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Haddad", "Khalil", "Mansour", "Nasser",
	"Saleh", "Aziz", "Farouk", "Yilmaz", "Demir", "Kaya", "Şahin", "Öztürk", "Hosseini", "Rahimi",
	"Karimi", "Reyes", "Cruz", "Bautista", "Wijaya", "Santoso", "Halim", "Cohen", "Levi", "Mizrahi",
	"Friedman", "Ngata", "Parata", "Tupou", "Fifita", "Gómez", "Rojas", "Mendoza", "Aguilar", "Fuentes",
}

// fold spells the letters of names that are not ASCII in ASCII, for ids.
var fold = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'æ': "ae",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ı': "i",
	'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'œ': "oe",
	'ú': "u", 'ù': "u", 'û': "u", 'ü': "u",
	'ç': "c", 'č': "c", 'ć': "c", 'ñ': "n", 'ń': "n", 'ł': "l", 'ß': "ss",
	'ş': "s", 'ś': "s", 'š': "s", 'ğ': "g", 'ř': "r", 'ž': "z", 'ź': "z", 'ż': "z", 'ý': "y",
}

// The words of the prose. A sentence template names its slots with a
// dollar and one letter:
//
//	$S a subject in the singular     $P a subject in the plural
//	$V a verb after a singular       $B a verb in its base form
//	$G a verb ending in -ing         $O an object
//	$A how or where                  $T when
//	$E a clause: something happens   $X a clause: what goes wrong
//	$C the topic of the text         $J an adjective
var (
	singulars = []string{
		"a good manager", "the team lead", "a new manager", "every team", "the whole team",
		"a skilled leader", "the project sponsor", "a busy department", "each person", "a strong team",
		"the organisation", "a careful reviewer", "your manager", "a trusted colleague", "the hiring manager",
		"an experienced lead", "the operations manager", "a growing team", "the programme board", "a thoughtful coach",
	}
	plurals = []string{
		"good managers", "most teams", "experienced leads", "new managers", "people",
		"strong teams", "stakeholders", "senior leaders", "colleagues", "the best coaches",
		"many organisations", "teams under pressure", "new starters", "project sponsors", "first-time leads",
	}
	// verbs are written base|singular|gerund.
	verbs = []string{
		"review|reviews|reviewing", "plan|plans|planning", "share|shares|sharing", "agree|agrees|agreeing",
		"track|tracks|tracking", "explain|explains|explaining", "protect|protects|protecting", "clarify|clarifies|clarifying",
		"question|questions|questioning", "revisit|revisits|revisiting", "write down|writes down|writing down", "simplify|simplifies|simplifying",
		"prioritise|prioritises|prioritising", "measure|measures|measuring", "delegate|delegates|delegating", "check|checks|checking",
		"test|tests|testing", "celebrate|celebrates|celebrating", "discuss|discusses|discussing", "document|documents|documenting",
		"improve|improves|improving", "challenge|challenges|challenging", "support|supports|supporting", "schedule|schedules|scheduling",
		"adjust|adjusts|adjusting", "compare|compares|comparing", "summarise|summarises|summarising", "align|aligns|aligning",
		"negotiate|negotiates|negotiating", "map|maps|mapping", "prepare|prepares|preparing", "rehearse|rehearses|rehearsing",
		"balance|balances|balancing", "shape|shapes|shaping", "set|sets|setting", "build|builds|building",
		"adapt|adapts|adapting", "reward|rewards|rewarding", "notice|notices|noticing", "capture|captures|capturing",
		"trim|trims|trimming", "escalate|escalates|escalating", "reframe|reframes|reframing", "confirm|confirms|confirming",
		"revise|revises|revising", "forecast|forecasts|forecasting", "name|names|naming", "follow up on|follows up on|following up on",
	}
	objects = []string{
		"the weekly plan", "clear goals", "the team's priorities", "a short list of risks", "honest feedback",
		"the budget", "the next milestone", "open questions", "the decision log", "the handover notes",
		"small experiments", "the agreed standards", "a realistic timeline", "the customer's view", "the main trade-offs",
		"their own assumptions", "the quarterly targets", "a shared definition of done", "the escalation path", "the lessons learned",
		"one clear outcome", "the working agreements", "the capacity of the team", "each person's strengths", "the critical dependencies",
		"the success measures", "a simple checklist", "the roadmap", "the reasons behind a change", "the cost of delay",
		"the first draft", "the follow-up actions", "the meeting notes", "the open risks", "a fair workload",
		"the next conversation", "the team's habits", "the evidence", "the early warning signs", "the improvement backlog",
	}
	adverbs = []string{
		"early", "regularly", "in writing", "out loud", "every week", "without fuss", "in plain language",
		"on a single page", "before it is urgent", "with the whole team", "in the next one-to-one", "as a habit",
		"calmly", "openly", "carefully", "consistently", "in small steps", "face to face",
	}
	times = []string{
		"at the start of each quarter", "every Monday", "before the next review", "after each release",
		"in the first ninety days", "during the planning session", "at the end of every sprint", "once a month",
		"within a day or two", "before the budget round", "after every incident", "each Friday afternoon",
	}
	events = []string{
		"a deadline moves", "priorities collide", "a key person leaves", "the plan changes", "feedback is hard to hear",
		"two teams disagree", "the budget is cut", "a project slips", "customers complain", "a new hire joins",
		"the numbers look wrong", "pressure builds", "nobody owns a decision", "the scope grows quietly", "a supplier lets the team down",
	}
	outcomes = []string{
		"the work drifts", "people stop speaking up", "the same problems return", "trust wears thin", "good people leave",
		"small issues grow into crises", "effort goes to the wrong work", "meetings multiply", "decisions get made twice",
		"nobody knows what done looks like", "the team burns out", "customers notice first",
	}
	adjectives = []string{
		"clear", "simple", "honest", "practical", "steady", "visible", "realistic", "shared",
		"small", "regular", "specific", "fair", "useful", "careful", "deliberate", "consistent",
	}
)

// sentenceTemplates make the prose of every body.
var sentenceTemplates = []string{
	"$S $V $O $A.",
	"$P $B $O $T.",
	"When $E, $S $V $O before doing anything else.",
	"Without $C, $X.",
	"The aim of $C is to $B $O, not to $B $O.",
	"In practice, $C means $G $O $T.",
	"$P who $B $O $A tend to $B $O as well.",
	"It helps to $B $O $T, especially when $E.",
	"If $E, $X unless someone $V $O.",
	"A $J approach to $C starts with $G $O.",
	"Start by $G $O, then $B $O $T.",
	"Most of the value comes from $G $O $A.",
	"$P often $B $O too late, and $X.",
	"Ask yourself whether $S $V $O $A.",
	"One $J habit is to $B $O $T.",
	"Good $C looks $J from the outside: $S $V $O and $V $O.",
	"Over time, $G $O $A builds trust.",
	"Nobody gets this right at once, so $B $O and review it $T.",
	"The $J version is short: $B $O, $B $O, and $B $O.",
	"Treat $O as $J input, not as a verdict.",
	"This matters most when $E.",
	"$S does not need to $B $O alone.",
	"Keep $O $J and $B it $T.",
	"$P rarely regret $G $O $A.",
	"The hardest part of $C is $G $O when $E.",
	"Expect some resistance the first time you $B $O.",
}

// bulletTemplates are shorter, for lists.
var bulletTemplates = []string{
	"$B $O $T.",
	"$B $O $A.",
	"Ask who will $B $O.",
	"Check that $S $V $O.",
	"Agree how to $B $O when $E.",
	"$B $O before $E.",
	"Note what happens when $E.",
	"Keep $O $J.",
}

// watchTemplates name the anti-patterns of a competency.
var watchTemplates = []string{
	"Letting $O slip when $E.",
	"$G $O only once a year.",
	"Assuming $S $V $O without checking.",
	"Treating $O as someone else's job.",
	"Waiting until $E before $G $O.",
}

// leadIns are bold openings for a paragraph.
var leadIns = []string{"**Tip:**", "**In short:**", "**Watch for this:**", "**A rule of thumb:**", "**Try this:**"}

// articleHeadings are the section headings of articles.
var articleHeadings = []string{
	"Why it matters", "Where to start", "A simple routine", "Common mistakes", "What good looks like",
	"Questions to ask", "Working with your team", "When things go wrong", "Measuring progress", "A worked example",
	"Next steps", "Making it stick", "Before you begin", "Signs it is working", "Getting support",
}

// articleTitles make article titles; $C is the main competency in lower
// case, $N a small number in words.
var articleTitles = []string{
	"A practical guide to $C",
	"$C for new managers",
	"Getting started with $C",
	"$N habits that improve $C",
	"What good $C looks like",
	"Common mistakes in $C",
	"$C when $E",
	"How to $B $O",
	"$N questions about $C",
	"$C in a growing team",
	"Lessons from $G $O",
	"Making $C part of the week",
	"$C under pressure",
	"Why $C matters more than you think",
}

// articleSummaries make the summaries in articles' front matter.
var articleSummaries = []string{
	"A $J routine for $G $O.",
	"How $P $B $O $T, with examples.",
	"What to do when $E, and how to $B $O.",
	"A short guide to $G $O $A.",
	"Why $X, and a $J way to prevent it.",
}

// numbers fill $N in titles.
var numbers = []string{"Three", "Four", "Five", "Six", "Seven"}

// competencyLinks and articleLinks are sentences with a link; $L is the
// text of the link and $U its target.
var competencyLinks = []string{
	"The [$L]($U) rubric describes each level in detail.",
	"See [$L]($U) for what each level looks like.",
	"If this is a gap for you, start with the [$L]($U) rubric.",
}

var articleLinks = []string{
	"For a related routine, read [$L]($U).",
	"[$L]($U) picks up where this leaves off.",
	"See also [$L]($U).",
	"The article [$L]($U) covers the next step.",
}

// articleTables are the tables of articles: a header and the template of
// each column's cells.
var articleTables = []struct {
	header []string
	cells  []string
}{
	{[]string{"Step", "Who", "When"}, []string{"$B $O", "$S", "$T"}},
	{[]string{"Signal", "What it may mean", "What to try"}, []string{"$E", "$X", "$B $O"}},
	{[]string{"Habit", "How often", "Why"}, []string{"$G $O", "$T", "Otherwise $X"}},
}

// Package builder loads a people-development portal from its files, checks
// it, resolves it into one model and renders it as a static site.
//
// It is the public face of the stages below it, each a package that imports
// only earlier ones:
//
//	content   where each kind of file lives, what is ignored, the walk, front
//	          matter, TOML, positions and diagnostics
//	markdown  bodies parsed, their links checked and rewritten, rendered
//	model     the site's types and the address of each page; deriving
//	          standings, gaps, matrices, orderings and related articles
//	search    the search index and the script that reads it
//	output    the output folder: the swap, the destination checks
//
// builder itself loads (content into model), renders pages with the
// layouts, and rebuilds after edits (the [Builder]).
//
// # Loading
//
// [Load] reads a site from an [io/fs.FS]: site.toml at its root and the
// content below content/:
//
//	site.toml                                  title, baseURL, theme, language, description, [markup], [privacy], [[scale]]
//	content/_index.md                          home page text (optional)
//	content/competencies/<category>/_index.md  a category: title, summary, order; body
//	content/competencies/<category>/<id>.md    a competency: title, summary, order, [levels]; body
//	content/roles/<id>.md                      a role: title, summary, [targets]; body
//	content/teams/<id>.toml                    a team: name, description
//	content/people/<id>.toml                   a person: name, team, role, title
//	content/assessments/<id>.toml              a cycle: title, date, kind, [ratings.<person>]
//	content/articles/<id>.md                   an article: title, date, summary, competencies, level, draft; body
//
// Markdown files carry front matter in TOML between "+++" lines or in YAML
// between "---" lines. Files are read and decoded in parallel; ids are then
// registered and every reference resolved. Markdown bodies are parsed in
// parallel, so that every heading id of the site is known, then their links
// to content files are checked and rewritten to page URLs, then they are
// rendered.
//
// # Validation
//
// Every problem is collected, none stops the others from being found: unknown
// ids of competencies, roles, teams and people (with "did you mean" for an id
// within two edits of a known one), levels not on the scale, duplicate
// competency ids, malformed TOML, YAML and front matter, unknown and missing
// keys, ids that break the id rule, cycles of an unknown kind or sharing kind
// and date, articles that teach no competency, and links to content files or
// headings that do not exist. Each is a [Diagnostic] with the file relative to
// the site and, where the input has one, a line and column. A file that does
// not decode reports its own error; references to it are not reported again.
//
// # The model
//
// A person's current level in a competency is their latest manager rating by
// cycle date, or, where no manager rated it, their latest rating of any kind;
// the previous level is the rating before the current one in a cycle of the
// same kind. A gap is the role's target minus the current level where that is
// above zero (a targeted competency never rated counts from the bottom of
// the scale, so a target at the bottom is no gap); gaps are
// ordered by size, and each lists the competency's articles, those written
// for a level between the current one and the target first. A team's gaps
// sum its members' gaps per competency. Related articles share a competency
// or link to each other.
//
// # Rendering
//
// [Render] renders every page from the model in parallel with html/template
// layouts, and copies static files. Layouts and static files are looked up
// first in the site's layouts/ and static/, then in the site's
// themes/<theme>/, then, for theme "default", in the embedded default theme:
// a site overrides the theme file by file.
//
// Layouts are baseof.html (the page skeleton, which calls the templates
// "head", "header", "main" and "footer"), partials/*.html, and one layout
// per kind of page that defines "main": home, framework, competency, roles,
// role, teams, team, people, person, articles, article and 404, and, where
// the theme has them, category (a category's levels side by side, .Category,
// with .Site.LevelsIn for the levels its competencies describe) and insights
// (.Insights, the organisation's figures; without the layout the site has
// no such page). The data of a layout is a [*Page]. Its methods make every link relative to the page,
// so the output works under any host and sub-path:
//
//	.Rel "people/"        link to a URL relative to the site root
//	.Link .Person         link to the page of a competency, category, role, team, person or article
//	.Asset "css/x.css"    link to a static file under a name holding its content hash, css/x.1a2b3c4d.css
//	.Chart "main"         the page's chart (nil when it has none), for the "chart" partial
//	.Badge 3              a level of the scale as a coloured badge with its name
//	.CellBadge .          a skills-matrix cell's level as a badge, marked when below target
//	.StandingRows         the rows of a person's standings table, made in Go
//	.MatrixColumns        the competency cells of the head of a team's skills matrix table, made in Go
//	.MatrixRows           the rows of a team's skills matrix table, made in Go
//	.SummaryRows          the rows of a team's table of averages, made in Go
//	.PeopleRows           the rows of a page of the people list, made in Go
//	.GapItems             the items of a person's list of gaps, made in Go
//	.RolePeopleItems      the items of a role's list of people, made in Go
//	.TeamGapItems         the items of a team's list of gaps, made in Go
//	.MemberItems          the items of a team's list of members, made in Go
//	.ArticleListItems     the items of the list of articles, made in Go
//	.InsightGapRows       the insights' rows of gaps per competency, made in Go; likewise
//	                      .CoverageRows, .NeedRows, .ArticleUseRows, .UncoveredRows,
//	                      .StaleItems, .CompletionRows, .CalibrationRows and .DifferRows
//	.PrivateInsights      on a page sealed for L&D, the link to their copy of the insights
//
// .Site is the whole site: its lists (.Site.People, .Site.Roles, ...),
// .Site.Config, .Site.Scale, .Site.LevelName, .Site.LatestArticles and
// .Site.Count "people", the length of a list (cheaper to rebuild than len
// of the list, which reads every member). .Team.Size and .Role.Headcount
// count a team's members and a role's people.
//
// With [privacy] publish = "aggregate" or "private", a page is public
// unless it is one of a private site's private pages: then the views hold
// no individual (.Site.People, .Team.Members, .Team.Matrix, .Role.People,
// .People and a cycle's ratings are empty, and so are the fragments that
// show people). .Site.ShowsPeople is false on a public page, and the model
// behind a view is out of reach (.Team.Team is no field). A site published
// aggregate has no people list and no person page. A site published
// private has them, a second page per team with its members, and a copy of
// the insights that names people for L&D, as private pages: rendered with every view, then sealed (package seal), at
// private/<name>/ under a name only the site secret ties to the person or
// team. A private page needs a <title> and a <main> element: what they hold
// is encrypted, and the rest of the page (header, footer) is published as
// it is. .Site.ListsPeople tells whether a public people list exists, to
// link (published open). .Team.Levels gives, for each column of
// the team's matrix, how many members stand at each level of the scale.
// .Site.Hidden N tells that a number over N people must not be shown (N is
// under [privacy] min_group, .Site.MinGroup, on a public page); the default
// theme says "fewer than 5" in its place. A layout reads the model through
// views: things have their fields, and steps to other things are methods
// of the same names (.Person.Team.Name), which record what the page reads
// for the rebuild.
//
// The fragments exist for speed: a person page has dozens of standings and
// gaps and a team page hundreds of matrix cells, and html/template spends
// about a microsecond on each action (docs/performance.md has the figures).
// A theme that wants other markup ranges over .Person.Standings,
// .Person.Gaps, .Team.Competencies, .Team.Matrix, .Team.Summary, .Team.Gaps,
// .Team.Members, .Role.People, .People and .Site.Articles itself, with
// .Badge LEVEL for a level's badge and .CellBadge CELL for a matrix cell's;
// TestFragmentsMatchLayouts writes the default theme's fragments that way
// and checks that they make the same pages.
//
// The 404 page links from the path of baseURL instead, since hosts serve it at
// any depth. Template functions: add, sub, decimal, diff, date, isodate,
// plural, readingTime, and partialCached:
//
//	{{partialCached "header" . .Kind (.Rel "")}}
//
// renders the template "header" with the page as {{template "header" .}}
// would, but once per build for each distinct list of keys after the page;
// the other pages with the same keys get the same HTML. The keys must name
// all the output depends on besides the site: here the kind of page, which
// marks the current section, and .Rel "", the page's depth, on which its
// links depend. The default theme's baseof.html caches its header and
// footer this way. Static files the partial links with .Asset count
// for every page that shows it, and an error in it is reported at its own
// line. A partial whose file comes from another layer than baseof.html is
// rendered on every call, as {{template}} would: a site that overrides
// partials/header.html alone may show something of the page in it, which
// the theme's keys do not name.
//
// Charts are built by package charts from the model and written into the page
// as JSON in <script type="application/json" data-chart="ID">, escaped by
// html/template; the theme's js/portal.js draws them. Chart ids derive from
// page ids: chart-person-<id>-radar, chart-role-<id>-radar,
// chart-team-<id>-matrix, chart-competency-<id>-levels.
//
// The people list is split into pages of [PeoplePerPage] (people/,
// people/page/2/, ...); the layout "people" gets this page's share as
// .People and links the others through .Pager.
//
// Besides the pages, a build writes articles/index.xml (an Atom feed), the
// search index under search/ and, when the site has a baseURL, sitemap.xml:
// a sitemap lists absolute addresses. Without a baseURL the feed links
// relative to itself and its ids are urn:uuid names made from the site's
// title and each page. It writes robots.txt too, unless the site has its
// own in static/: with [privacy] index = true it lets crawlers in and names
// the sitemap; otherwise it turns them away, and the default theme's pages
// carry a robots noindex tag. The same input gives byte-identical output. [WriteSite] and
// [Output.Write] write into a new folder beside the destination and swap it
// in only when everything is written; WriteSite writes each page as soon as
// it is rendered, so a build never holds the whole site in memory.
//
// # Incremental builds
//
// A [Builder] keeps what its last good build read and made. Told which files
// changed, it decodes only those, renders again only the markdown whose file
// changed, and parses the layouts again only when a layout, static file,
// theme or site.toml changed. What to make again follows one rule: each
// page, search document, sitemap and feed records the keys of the model it
// read as it is made (a person's name, a team's members, a competency's
// descriptors, the list of roles; see [model.Key]); layouts read the model
// through views that record each step. An edit yields the keys whose print
// changed ([model.Fingerprints]), and the outputs that read one of them are
// made again; the others keep their bytes. Small edits of one file (a
// person, a team, a cycle's ratings, a role's targets, a competency's
// descriptors, the text of a markdown file) are applied to the model in
// place, calling the same derive functions of package model; other edits
// load the model again, taking from the last good model what still holds.
// Changes made while the site does not build are kept and applied by the
// next good build; files that came and went between two builds, such as an
// editor's temporary file, are no change.
//
// With [Builder.Now] set, as the preview sets it, a build renders at once
// only the pages Now picks (those open in a browser); the others it would
// render are rendered when [Output.Read] first asks for them, or by
// [Output.Finish].
//
// Whatever the path, an incremental build's output equals a full build's,
// byte for byte: the tests make edits of every kind, and random sequences of
// them, and compare each output with a full build. docs/design.md has the
// rule in full.
package builder

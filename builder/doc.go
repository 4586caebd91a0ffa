// Package builder loads a people-development portal from its files, checks
// it, resolves it into one model and renders it as a static site.
//
// # Loading
//
// [Load] reads a site from an [io/fs.FS]: site.toml at its root and the
// content below content/:
//
//	site.toml                                  title, baseURL, theme, language, description, [markup], [[scale]]
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
// role, teams, team, people, person, articles, article and 404. The data of
// a layout is a [*Page]. Its methods make every link relative to the page,
// so the output works under any host and sub-path:
//
//	.Rel "people/"        link to a URL relative to the site root
//	.Link .Person         link to the page of a competency, category, role, team, person or article
//	.Asset "css/x.css"    link to a static file under a name holding its content hash, css/x.1a2b3c4d.css
//	.Chart "main"         the page's chart (nil when it has none), for the "chart" partial
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
//
// The fragments exist for speed: a person page has dozens of standings and
// gaps and a team page hundreds of matrix cells, and html/template spends
// about a microsecond on each action, most of a page's time. On a person of
// the large preset (BenchmarkRenderPerson), the gaps in the layout and the
// radar's options from go-echarts took about 250 µs a page; .GapItems and
// package charts' own writer brought it to about 130 µs. A team page of
// the large preset (BenchmarkRenderTeam) spent 800 µs on the links of its
// matrix head, gaps and members in the layout; with .MatrixColumns,
// .TeamGapItems and .MemberItems it takes 300 µs. The list of the large
// preset's 2,000 articles took 70 ms in the layout, 17 ms with
// .ArticleListItems. A theme that wants other markup ranges over
// .Person.Standings, .Person.Gaps, .Team.Competencies, .Team.Matrix,
// .Team.Summary, .Team.Gaps, .Team.Members, .Role.People, .People and
// .Site.Articles itself; TestFragmentsMatchLayouts writes the default theme's
// fragments that way and checks that they make the same pages.
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
// footer this way, a quarter of a person page's time (BenchmarkRenderPerson:
// 123 µs to 95-104 µs). Static files the partial links with .Asset count
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
// Besides the pages, a build writes sitemap.xml, articles/index.xml (an
// Atom feed) with absolute URLs from baseURL, and the search index under
// search/. The same input gives byte-identical output. [WriteSite] and
// [Output.Write] write into a new folder beside the destination and swap it
// in only when everything is written; WriteSite writes each page as soon as
// it is rendered, so a build never holds the whole site in memory.
//
// # Incremental builds
//
// A [Builder] keeps what its last good build read and made. Told which files
// changed, it decodes only those, renders again only the markdown whose file
// changed, parses the layouts again only when a layout, static file, theme or
// site.toml changed, and renders only the pages that depend on the change;
// the other pages keep their bytes. The dependency rule, from a changed file
// to the pages rendered again:
//
//   - site.toml, layouts/, static/, themes/, a category, a competency, or a
//     file added or removed (which changes lists, counts and links): every
//     page;
//   - a heading added, removed or renamed in any markdown: every page, since
//     links to it may break or mend. Markdown is rendered again only where
//     a link finds something else than before (another page, other
//     headings, a draft), or where it had an error;
//   - content/_index.md: the home page;
//   - a person: their page, their old and new team and role pages, and the
//     people, teams and roles lists (not the competency pages: their
//     distributions count ratings, which live in cycles, and a person added
//     or removed touches everything anyway);
//   - an assessment cycle: for every person whose ratings in it changed (or
//     everyone in it, when its title, date or kind changed), what a person's
//     file touches, and the competency pages of everything they stand in;
//   - a team: its page, its members' pages and their role pages, the teams and
//     people lists;
//   - a role: its page, the roles, people and teams lists, the framework page
//     (targets at a glance), the competency pages of its targets and the pages
//     of its people and their teams, before and after;
//   - an article: its page, the articles list, the home page (latest
//     articles), the pages of the competencies it teaches, of the articles
//     that list it as related, and of the people and teams whose gaps list
//     other articles (ids, titles or levels) than before.
//
// "The people list" is every page of it: a change can move people from one
// page to another. Changes made while the site does not build are kept and
// applied by the next good build.
//
// Most edits in a preview are to one file of a person, a team, a cycle or a
// role, to a competency's descriptors, title or summary, to an article's
// title or summary, or to the text of a markdown file. The Builder applies
// those to its model in place, instead of loading the site again and
// working out every person's standings, when the file reads without a
// problem:
//
//   - a person's file changes the person, their standings, and the members
//     and averages of their old and new team and role;
//   - the text alone of a markdown file (front matter, headings and links as
//     before) of an article, a competency, a role, a category or the home
//     page changes the one page that shows it;
//   - a team's file changes the team's name and description: for a new name,
//     the pages that show it (its members' and their roles' pages and the
//     pages of the people list that show them) and the order of teams;
//   - a cycle's ratings alone (its title, date and kind as before) change
//     the standings of the people whose ratings changed, their teams'
//     averages, and the distributions of the competencies they stand in;
//     only the competency pages whose counts changed render again. When the
//     edit stays within the ratings of one person (the file is compared
//     with the one last read), only that table is decoded and checked. An
//     edit that makes someone rated for the first time, or no longer rated,
//     changes the warnings and goes through a load;
//   - a role's targets (its text as before) change the standings of its
//     people, their teams' matrices, averages and gaps, and the roles listed
//     by the competencies whose target changed; the pages are those the
//     dependency rule names, but only the competency pages whose target
//     changed. A competency that gets its first target or loses its last
//     changes the warnings, and goes through a load;
//   - a competency's level descriptors (its order and text as before)
//     change its page, the pages of the roles targeting it, and the pages
//     of the people with a gap whose target level's text changed. A level
//     that gets its first text or loses it changes the warnings of the
//     roles targeting it, and goes through a load;
//   - a new title or summary of a role, a competency or an article may show
//     on any page: every page renders again, and the search documents that
//     show it are patched. The role, the competency or the article must keep
//     its place: a title that sorts it elsewhere among the roles, among its
//     category's competencies or among the articles goes through a load;
//   - layouts and static files alone leave the model as it is: the theme is
//     read again and every page renders again with it.
//
// The other edits load the model again: a file added or removed, an
// article's date or competencies, a competency's order or category. Such a
// load takes from the last good model what still holds. When the scale, the
// set of competencies (in whatever order) and the very same checked cycles
// are as they were, a person whose role has the same targets keeps their
// standings and gaps, moved to the new model's competencies, in the new
// order, with their gaps' articles chosen again; a team whose members are
// the same and kept theirs keeps its matrix's columns, averages and gaps.
// The listing of content files is updated from the files that came or went,
// without a walk of the folders, unless a folder came or went or the
// listing has something to say about one of them. A person's or an
// article's file keeps the fields read from it, and the markdown is checked
// against what its links found when it was rendered. An edit of site.toml
// loads the model again from the files as they were decoded, keeps the
// rendered markdown unless the markup setting changed, and keeps the theme
// when it names the same one (its pages then render only when asked for,
// like any other, and report there what the new settings break).
//
// With [Builder.Now] set, as the preview sets it, a build renders at once
// only the pages Now picks (those open in a browser), and after a change of
// the layouts the first page of each kind; the others it would render are
// rendered when [Output.Read] first asks for them, or by [Output.Finish].
// They are rendered from the Builder's model under its lock, and a build
// that starts takes them over: a page left by one edit and not rendered
// before the next is rendered by the next. An edit that renders every page
// then costs what loading the site costs, or less when it is applied in
// place.
//
// Files that came and went between two builds, such as an editor's
// temporary file, are no change.
//
// A test makes edits of every kind, checks which were applied in place, and
// compares each incremental output with a full build, byte for byte.
package builder

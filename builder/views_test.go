package builder

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"portal/builder/model"
)

// oddLayouts are layouts of a site's own that show the model in ways the
// default theme does not: each step they take to another thing must be
// recorded, so that an edit renders them again.
var oddLayouts = map[string]string{
	// A person with their teammates, the teammates' roles and gaps, the
	// articles of their gaps and the cycle each level comes from.
	"layouts/person.html": `{{define "main"}}{{$p := .Person}}<h1>{{$p.Name}}</h1>
{{with $p.Team}}<ul>{{range .Members}}<li>{{.Name}} {{.JobTitle}} {{with .Role}}{{.Title}} {{len .Targets}}{{end}} {{len .Gaps}}</li>{{end}}</ul>{{end}}
{{range $p.Standings}}<p>{{.Competency.Title}} {{.Competency.Category.Title}} {{.Current}} {{with .CurrentFrom}}{{.Title}} {{.Kind}}{{end}}</p>{{end}}
{{range $p.Gaps}}<p>{{.Competency.Descriptor .Target}} {{.TargetName}}{{range .Articles}} {{.Title}} {{.Words}}{{end}}</p>{{end}}{{end}}`,
	// A team's matrix from the cells, and its members' last cycles.
	"layouts/team.html": `{{define "main"}}<h1>{{.Team.Name}}</h1>{{$c := .Team.Competencies}}
{{range .Team.Matrix}}<tr>{{range .}}<td>{{if .Rated}}{{.Current}} {{.Competency.Title}}{{end}}{{if .Below}}!{{end}}</td>{{end}}</tr>{{end}}
{{range .Team.Members}}<p>{{.Name}}{{with .LastAssessed}} {{.Title}}{{end}}</p>{{end}}{{end}}`,
	// A competency with every cycle's ratings of it, its neighbours, the
	// roles that target it and their people.
	"layouts/competency.html": `{{define "main"}}{{$c := .Competency}}<h1>{{$c.Title}}</h1>{{$c.Body}}
{{range .Site.Cycles}}<p>{{.Title}}:{{$r := .Ratings}}{{range $pid, $l := $r}}{{with index $l $c.ID}} {{$pid}}={{.}}{{end}}{{end}}</p>{{end}}
{{with $c.Previous}}{{.Title}}{{end}} {{with $c.Next}}{{.Title}}{{end}} {{$c.Rated}}
{{range $c.Roles}}<p>{{.Role.Title}} {{.Level}}{{range .Role.People}} {{.Name}}{{end}}</p>{{end}}{{end}}`,
	// The home page lists every person with their team's name, and the
	// related articles of the newest.
	"layouts/home.html": `{{define "main"}}<h1>{{.Site.Config.Title}}</h1>{{with .Site.Home}}{{.Body}}{{end}}
{{range .Site.People}}<p>{{.Name}} {{with .Team}}{{.Name}} {{.Description}}{{end}} {{.Assessed}}</p>{{end}}
{{range .Site.LatestArticles 2}}<h2>{{.Title}}</h2>{{range .Related}}{{.Title}} {{.Summary}}{{end}}{{end}}
{{range .Site.Categories}}<h3>{{.Title}}</h3>{{range .Competencies}} {{.Title}}{{end}}{{end}}{{end}}`,
}

// writeOddLayouts puts oddLayouts into the site in dir.
func writeOddLayouts(t *testing.T, dir string) {
	t.Helper()
	for name, text := range oddLayouts {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLayoutsOfAnyShapeRebuild gives the fixture layouts of its own that
// reach the model by paths the default theme does not take, makes every
// edit of TestIncrementalMatchesFull, and compares each rebuild with a full
// build: the rebuild needs no code for a new kind of page, since the pages
// record what they read.
func TestLayoutsOfAnyShapeRebuild(t *testing.T) {
	dir := fixtureDir(t)
	writeOddLayouts(t, dir)
	fsys := os.DirFS(dir)
	b := NewBuilder(fsys, Options{Secret: &testSecret})
	_, out, err := b.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.Files["index.html"], []byte("Amara Okafor Customer Operations")) {
		t.Fatalf("the site's own home layout is not used:\n%.600s", out.Files["index.html"])
	}
	partial := 0
	for _, e := range fixtureEdits {
		edit(t, dir, e.file, e.pattern, e.repl)
		_, inc, err := b.Build([]string{e.file})
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		matchesFull(t, e.name, inc, fsys)
		if inc.Rendered < inc.Pages {
			partial++
		}
	}
	// The pages still render only what an edit touches, most of the time.
	if partial < len(fixtureEdits)/2 {
		t.Errorf("only %d of %d edits rendered fewer pages than all", partial, len(fixtureEdits))
	}
}

// TestCountReadsOnlyTheCount checks that .Site.Count records the length of
// a list, not its members: renaming someone leaves a page that shows only
// how many people there are as it was, where len .Site.People would not.
func TestCountReadsOnlyTheCount(t *testing.T) {
	dir := fixtureDir(t)
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	home := `{{define "main"}}<p>{{.Site.Count "people"}} people</p>{{end}}`
	articles := `{{define "main"}}<p>{{len .Site.People}} people</p>{{end}}`
	for name, text := range map[string]string{"home.html": home, "articles.html": articles} {
		if err := os.WriteFile(filepath.Join(dir, "layouts", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := NewBuilder(os.DirFS(dir), Options{Secret: &testSecret})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	// What a rename changes.
	dirty := b.latest.Deps.Dirty(map[model.Key]bool{
		{Kind: model.KPerson, Part: model.POwn, ID: "diego-hernandez"}:  true,
		{Kind: model.KPerson, Part: model.PName, ID: "diego-hernandez"}: true,
	})
	if dirty["index.html"] {
		t.Error("renaming someone would render again the page that counts people")
	}
	if !dirty["articles/index.html"] {
		t.Error("renaming someone would leave the page that ranges over people as it was")
	}
	edit(t, dir, "content/people/diego-hernandez.toml", `name = ".*"`, `name = "Diego H."`)
	_, out, err := b.Build([]string{"content/people/diego-hernandez.toml"})
	if err != nil {
		t.Fatal(err)
	}
	_, full, err := Build(os.DirFS(dir), Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "articles/index.html"} {
		if got, _ := out.File(p); !bytes.Equal(got, full.Files[p]) {
			t.Errorf("%s differs from a full build's", p)
		}
	}
}

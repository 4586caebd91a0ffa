package builder

import (
	"bytes"
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"portal/themes"
)

// asLayout is each fragment of the default theme written out as template
// actions that range over the model, by the layout that includes it.
var asLayout = map[string]map[string]string{
	"person.html": {
		"{{.StandingRows}}": `{{range $p.Standings}}
<tr><th scope="row"><a href="{{$.Link .Competency}}">{{.Competency.Title}}</a>{{if .Competency.Shared}} <span class="muted">· {{.Competency.Category.Title}}</span>{{end}}</th>
<td>{{if .HasCurrent}}{{$.Number .Current}}<span class="lvl-name"> {{$.Site.LevelName .Current}}</span>{{if ne .CurrentFrom.Kind "manager"}} <span class="tag">{{.CurrentFrom.Kind}}</span>{{end}}{{if ne .CurrentFrom.ID ($p.LastOf .CurrentFrom.Kind).ID}} <span class="tag" title="{{.CurrentFrom.Title}}">{{.CurrentFrom.Date.Format "Jan 2006"}}</span>{{end}}{{else}}<span class="muted">not rated</span>{{end}}</td>
<td>{{if .HasSelf}}{{$.Number .Self}}{{if ne .SelfFrom.ID $p.LastSelf.ID}} <span class="tag" title="{{.SelfFrom.Title}}">{{.SelfFrom.Date.Format "Jan 2006"}}</span>{{end}}{{else}}<span class="muted">–</span>{{end}}</td>
<td>{{if .Peers}}{{decimal .Peer}} <span class="muted">({{.Peers}})</span>{{if ne .PeerFrom.ID $p.LastPeer.ID}} <span class="tag" title="{{.PeerFrom.Title}}">{{.PeerFrom.Date.Format "Jan 2006"}}</span>{{end}}{{else}}<span class="muted">–</span>{{end}}</td>
<td>{{if .HasTarget}}{{$.Number .Target}}<span class="lvl-name"> {{$.Site.LevelName .Target}}</span>{{else}}<span class="muted">–</span>{{end}}</td>
<td>{{if not (and .HasCurrent .HasPrevious)}}<span class="muted">–</span>{{else if gt .Change 0}}<span class="up">▲ from {{.Previous}}</span>{{else if lt .Change 0}}<span class="down">▼ from {{.Previous}}</span>{{else}}<span class="muted">same</span>{{end}}</td>
<td class="num">{{if not .HasTarget}}{{else if not .HasCurrent}}<span class="muted">not rated</span>{{else if gt .Short 0}}<strong>{{.Short}}</strong>{{else}}<span class="ok">met</span>{{end}}</td></tr>{{end}}
`,
		"{{.DifferenceItems}}": `
      {{- range $p.Differences}}
      <li><a href="{{$.Link .Competency}}">{{.Competency.Title}}</a>: self {{$.Badge .Self}}, manager {{$.Badge .Current}}</li>
      {{- end}}`,
		"{{.NotRatedItems}}": `
      {{- range $p.Standings}}{{if and .HasTarget (not .HasCurrent)}}
      <li><a href="{{$.Link .Competency}}">{{.Competency.Title}}</a>: the role expects {{$.Badge .Target}}</li>
      {{- end}}{{end}}`,
		"{{.GapItems}}": `
      {{- range $g := $p.Gaps}}
      <li>
        <h3><a href="{{$.Link .Competency}}">{{.Competency.Title}}</a> <span class="gap-size">{{plural .Size "level" "levels"}}</span></h3>
        <p>Now {{.CurrentName}} ({{.Current}}); the role expects {{.TargetName}} ({{.Target}}).</p>
        {{with $g.Competency.Descriptor $g.Target}}<p class="descriptor"><span class="muted">What {{$g.TargetName}} looks like:</span> {{.}}</p>{{end}}
        {{if .Articles}}
        <ul class="article-links">{{range .Articles}}<li><a href="{{$.Link .}}">{{.Title}}</a>{{if .Draft}} <span class="tag draft">Draft</span>{{end}}{{if .Level}} <span class="tag">to reach {{$.Site.LevelName .Level}}</span>{{end}}</li>{{end}}</ul>
        {{else if .Competency.Articles}}<p class="muted">No article is written for these levels yet.</p>{{else}}<p class="muted">No article teaches this competency yet.</p>{{end}}
      </li>
      {{- end}}`,
	},
	"articles.html": {
		"{{.ArticleListItems}}": `
    {{- range .Site.Articles}}
    <li>
      <h2><a href="{{$.Link .}}">{{.Title}}</a></h2>
      <p class="meta">{{if not .Date.IsZero}}<time datetime="{{isodate .Date}}">{{date .Date}}</time> · {{end}}{{if .Level}}to reach {{$.Site.LevelName .Level}} · {{end}}{{if .Draft}}<span class="tag draft">Draft</span> · {{end}}{{range $i, $c := .Competencies}}{{if $i}}, {{end}}<a href="{{$.Link $c}}">{{$c.Title}}</a>{{end}}</p>
      {{with .Summary}}<p>{{.}}</p>{{end}}
    </li>
    {{- end}}`,
	},
	"role.html": {
		"{{.RolePeopleItems}}": `
      {{- range $r.People}}
      <li><a href="{{$.Link .}}">{{.Name}}</a>{{with .Team}} · <a href="{{$.Link .}}">{{.Name}}</a>{{end}}{{if .Gaps}} · <span class="muted">{{plural (len .Gaps) "gap" "gaps"}}</span>{{end}}</li>
      {{- end}}`,
	},
	"team.html": {
		"{{.MatrixColumns}}": `{{range $i, $s := $t.Summary}}<th scope="col" data-i="{{$i}}" data-short="{{$s.Short}}"><a href="{{$.Link $s.Competency}}">{{$s.Competency.Title}}</a></th>{{end}}`,
		"{{.TeamGapItems}}": `
      {{- range $t.Gaps}}
      <li>
        <h3><a href="{{$.Link .Competency}}">{{.Competency.Title}}</a></h3>
        <p>{{plural .People "member is" "members are"}} below target, {{plural .Total "level" "levels"}} short in all.</p>
        {{if $.Site.ShowsPeople}}<p><span class="muted">Below:</span> {{range $i, $m := .Below}}{{if $i}}, {{end}}<a href="{{$.Link $m.Person}}">{{$m.Person.Name}}</a> ({{$m.Current}}, target {{$m.Target}}){{end}}</p>
        {{with .CouldHelp}}<p><span class="muted">Could help (at or above their target):</span> {{range $i, $m := .}}{{if $i}}, {{end}}<a href="{{$.Link $m.Person}}">{{$m.Person.Name}}</a> ({{$m.Current}}){{end}}</p>{{else}}<p class="muted">Nobody in the team is at or above their target here to help.</p>{{end}}
        {{end}}{{if .Articles}}
        <p class="muted">To read:</p>
        <ul class="article-links">{{range .Articles}}<li><a href="{{$.Link .}}">{{.Title}}</a>{{if .Draft}} <span class="tag draft">Draft</span>{{end}}</li>{{end}}</ul>
        {{else if .Competency.Articles}}<p class="muted">No article is written for these levels yet.</p>{{else}}<p class="muted">No article teaches this competency yet.</p>{{end}}
      </li>
      {{- end}}`,
		"{{.MemberItems}}": `
      {{- range $t.Members}}
      <li><a href="{{$.Link .}}">{{.Name}}</a>{{with .JobTitle}} · {{.}}{{end}}{{with .Role}} · <a href="{{$.Link .}}">{{.Title}}</a>{{end}}</li>
      {{- end}}`,
	},
}

// TestFragmentsMatchLayouts checks that the fragments the default theme
// uses make the bytes their layout equivalents make: a site whose person,
// role and team layouts are the theme's with each fragment replaced by the
// actions in asLayout must build the same pages, on the golden site and the
// demo.
func TestFragmentsMatchLayouts(t *testing.T) {
	overrides := map[string][]byte{}
	for name, fragments := range asLayout {
		data, err := fs.ReadFile(themes.Default, "layouts/"+name)
		if err != nil {
			t.Fatal(err)
		}
		layout := string(data)
		for fragment, actions := range fragments {
			if !strings.Contains(layout, fragment) {
				t.Fatalf("layouts/%s does not use %s", name, fragment)
			}
			layout = strings.ReplaceAll(layout, fragment, actions)
		}
		overrides["layouts/"+name] = []byte(layout)
	}
	golden := txtarFS(t, "testdata/golden/site.txt")
	demoFS := fixtureFS(t)
	for _, site := range []struct {
		name string
		fsys fstest.MapFS
	}{{"golden", golden}, {"demo", demoFS}} {
		// An article whose every field needs escaping, a draft, built
		// with drafts as the preview builds.
		site.fsys["content/articles/odd-characters.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"<b>Odd</b> & 'quoted' + \\\"more\\\"\"\nsummary = \"a < b & c + 'd'\"\ndate = 2025-03-04\nlevel = 1\ndraft = true\ncompetencies = [\"" + firstCompetency(t, site.fsys) + "\"]\n+++\nText.\n")}
		want := build(t, site.fsys, Options{Drafts: true})
		with := fstest.MapFS{}
		for name, f := range site.fsys {
			with[name] = f
		}
		for name, data := range overrides {
			with[name] = &fstest.MapFile{Data: data}
		}
		got := build(t, with, Options{Drafts: true})
		if !bytes.Contains(want.Files["articles/index.html"], []byte(`<span class="tag draft">Draft</span>`)) {
			t.Errorf("%s: the articles list does not mark the draft", site.name)
		}
		compared := map[string]int{}
		for _, p := range want.Paths() {
			kind, _, _ := strings.Cut(p, "/")
			if p != "articles/index.html" && (!strings.HasSuffix(p, "/index.html") || kind != "people" && kind != "roles" && kind != "teams" || strings.Count(p, "/") != 2) {
				continue
			}
			compared[kind]++
			if !bytes.Equal(got.Files[p], want.Files[p]) {
				t.Errorf("%s: %s differs from its layout without fragments:\n%s", site.name, p, firstDiff(string(want.Files[p]), string(got.Files[p])))
			}
		}
		if compared["people"] < 2 || compared["roles"] < 1 || compared["teams"] < 1 || compared["articles"] != 1 {
			t.Errorf("%s: compared too few pages: %v", site.name, compared)
		}
	}
}

// firstCompetency is the id of a competency of the site in fsys.
func firstCompetency(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	for name := range fsys {
		if dir, file := path.Split(name); strings.HasPrefix(dir, "content/competencies/") && strings.HasSuffix(file, ".md") && file != "_index.md" {
			return strings.TrimSuffix(file, ".md")
		}
	}
	t.Fatal("no competency")
	return ""
}

// TestDraftsMarked builds the demo with a draft article as the preview
// does: the article's page says it is a draft and every list of articles
// marks it; a build without drafts has no trace of it.
func TestDraftsMarked(t *testing.T) {
	fsys := fixtureFS(t)
	comp := firstCompetency(t, fsys)
	fsys["content/articles/work-in-progress.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Work in progress\"\ndate = 2099-01-01\ncompetencies = [\"" + comp + "\"]\ndraft = true\n+++\nSoon.\n")}
	const tag = `<a href="../../articles/work-in-progress/">Work in progress</a> <span class="tag draft">Draft</span>`
	out := build(t, fsys, Options{Drafts: true})
	page := string(out.Files["articles/work-in-progress/index.html"])
	if !strings.Contains(page, `<p class="draft-mark" role="note"><strong>Draft.</strong>`) {
		t.Errorf("the draft's page does not say it is a draft:\n%s", page)
	}
	if !strings.Contains(string(out.Files["competencies/"+comp+"/index.html"]), tag) {
		t.Errorf("the competency page does not mark the draft")
	}
	if !strings.Contains(string(out.Files["index.html"]), `<a href="articles/work-in-progress/">Work in progress</a> <span class="tag draft">Draft</span>`) {
		t.Errorf("the home page's latest articles do not mark the draft")
	}
	published := build(t, fsys, Options{})
	for name, data := range published.Files {
		if bytes.Contains(data, []byte("work-in-progress")) || bytes.Contains(data, []byte(`class="tag draft"`)) || bytes.Contains(data, []byte(`class="draft-mark"`)) {
			t.Errorf("%s mentions the draft in a build without drafts", name)
		}
	}
}

package builder

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"

	"portal/builder/seal"
	"portal/internal/sitetest"
	"portal/themes"
)

var update = flag.Bool("update", false, "rewrite golden files")

func txtarFS(t testing.TB, file string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

func build(t *testing.T, fsys fs.FS, opts Options) *Output {
	t.Helper()
	_, out, err := Build(fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGolden renders a small site and compares every page, the sitemap and
// the feed with testdata/golden/want.txt.
func TestGolden(t *testing.T) {
	out := build(t, txtarFS(t, "testdata/golden/site.txt"), Options{})
	var got txtar.Archive
	got.Comment = []byte("The rendered pages of site.txt; regenerate with go test ./builder -run Golden -update.\n")
	for _, p := range out.Paths() {
		if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".xml") {
			got.Files = append(got.Files, txtar.File{Name: p, Data: out.Files[p]})
		}
	}
	const wantFile = "testdata/golden/want.txt"
	if *update {
		if err := os.WriteFile(wantFile, txtar.Format(&got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := txtar.ParseFile(wantFile)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	wantFiles := map[string][]byte{}
	for _, f := range want.Files {
		wantFiles[f.Name] = f.Data
	}
	for _, f := range got.Files {
		w, ok := wantFiles[f.Name]
		if !ok {
			t.Errorf("%s: not in %s", f.Name, wantFile)
			continue
		}
		delete(wantFiles, f.Name)
		if !bytes.Equal(w, f.Data) {
			t.Errorf("%s differs from %s:\n%s", f.Name, wantFile, firstDiff(string(w), string(f.Data)))
		}
	}
	for name := range wantFiles {
		t.Errorf("%s: in %s but not rendered", name, wantFile)
	}
}

// firstDiff shows the first line where want and got differ, with context.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d\n-want: %s\n+got:  %s", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}

// TestDemoDeterministic builds the demo portal, published private, twice,
// to disk: once in memory and then written (as the preview does), once
// streamed to the folder as it renders (as portal build does). Both have
// the same files with the same bytes, sealed pages included.
func TestDemoDeterministic(t *testing.T) {
	dirs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")}
	opts := Options{Secret: &testSecret}
	if err := build(t, os.DirFS(".."), opts).Write(dirs[0]); err != nil {
		t.Fatal(err)
	}
	site, err := Load(os.DirFS(".."), opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := WriteSite(os.DirFS(".."), site, dirs[1], nil); err != nil {
		t.Fatal(err)
	}
	a, b := sitetest.ReadTree(t, dirs[0]), sitetest.ReadTree(t, dirs[1])
	if len(a) < 50 {
		t.Fatalf("only %d files built", len(a))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between two builds:\n%s", p, firstDiff(string(data), string(b[p])))
		}
	}
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
}

// TestLinksResolve builds the demo under a baseURL with a sub-path,
// published open and private, and follows every link and asset reference
// of every page to a file of the output, and every #fragment to an element
// id on its page. The private pages are read as the browser shows them,
// opened with the L&D key.
func TestLinksResolve(t *testing.T) {
	for _, mode := range []string{"open", "private"} {
		t.Run(mode, func(t *testing.T) { linksResolve(t, mode) })
	}
}

func linksResolve(t *testing.T, mode string) {
	const base = "https://example.com/sub/path/"
	var fsys fs.FS = os.DirFS("..")
	if mode == "open" {
		fsys = publishedOpen(t, fsys)
	}
	out := build(t, fsys, Options{BaseURL: base, Secret: &testSecret})
	baseURL, _ := url.Parse(base)
	ids := map[string]map[string]bool{}
	refs := map[string][]string{}
	sealed := 0
	for _, p := range out.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		page := out.Files[p]
		if strings.HasPrefix(p, "private/") {
			page = unseal(t, p, page, seal.LnD())
			sealed++
		}
		ids[p], refs[p] = scan(t, p, page)
	}
	if want := map[string]int{"open": 0, "private": 1 + 3 + 14}[mode]; sealed < want {
		t.Errorf("%d private pages, want %d or more", sealed, want)
	}
	checked := 0
	for _, page := range out.Paths() {
		pageURL := baseURL.ResolveReference(&url.URL{Path: strings.TrimSuffix(page, "index.html")})
		for _, ref := range refs[page] {
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad URL %q", page, ref)
				continue
			}
			abs := pageURL.ResolveReference(u)
			if abs.Host != baseURL.Host || !strings.HasPrefix(abs.Path, baseURL.Path) {
				if u.Scheme == "" {
					t.Errorf("%s: %q leaves the site: %s", page, ref, abs)
				}
				continue
			}
			target := strings.TrimPrefix(abs.Path, baseURL.Path)
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			checked++
			if _, ok := out.Files[target]; !ok {
				t.Errorf("%s: %q points to %s, which was not built", page, ref, target)
				continue
			}
			if abs.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][abs.Fragment] {
				t.Errorf("%s: %q: no element with id %q in %s", page, ref, abs.Fragment, target)
			}
		}
	}
	if checked < 500 {
		t.Errorf("only %d links checked", checked)
	}
	for _, f := range []string{"sitemap.xml", "articles/index.xml"} {
		if !bytes.Contains(out.Files[f], []byte("<loc>"+base)) && !bytes.Contains(out.Files[f], []byte(`href="`+base)) {
			t.Errorf("%s has no absolute URL under %s", f, base)
		}
	}
}

// scan returns the element ids of a page and every URL it references.
func scan(t *testing.T, name string, page []byte) (map[string]bool, []string) {
	t.Helper()
	ids := map[string]bool{}
	var refs []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ids, refs
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			for _, a := range tok.Attr {
				switch {
				case a.Key == "id":
					ids[a.Val] = true
				case a.Key == "href" && tok.Data != "link" || a.Key == "src":
					refs = append(refs, a.Val)
				case a.Key == "href" && tok.Data == "link":
					refs = append(refs, a.Val)
				}
			}
		}
	}
}

const payload = `</script><script>alert(1)</script>`
const attrPayload = `"><img src=x onerror=alert(1)>`

// xssSite is a site whose every user-supplied string tries to inject markup.
func xssSite() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	return fstest.MapFS{
		"site.toml": file("title = " + q("Portal "+payload) + "\ndescription = " + q(attrPayload) + "\n" +
			"[[scale]]\nlevel = 0\nname = " + q("Zero "+payload) + "\n[[scale]]\nlevel = 1\nname = " + q(attrPayload) + "\n[[scale]]\nlevel = 2\nname = \"Two 'q' \\\"qq\\\"\"\n" + openTail),
		"content/competencies/c/_index.md": file("+++\ntitle = " + q("Cat "+attrPayload) + "\n+++\n"),
		"content/competencies/c/a.md":      file("+++\ntitle = " + q("A "+payload) + "\nsummary = " + q(attrPayload) + "\n[levels]\n1 = " + q(payload) + "\n+++\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n"),
		"content/competencies/c/b.md":      file("+++\ntitle = " + q("B "+attrPayload) + "\n+++\n"),
		"content/competencies/c/d.md":      file("+++\ntitle = \"D 'single' \\\"double\\\"\"\n+++\n<img src=x onerror=alert(1)>\n"),
		"content/roles/r.md":               file("+++\ntitle = " + q("Role "+payload) + "\nsummary = " + q(attrPayload) + "\n[targets]\na = 2\nb = 1\nd = 2\n+++\n"),
		"content/teams/t.toml":             file("name = " + q("Team "+attrPayload) + "\ndescription = " + q(payload) + "\n"),
		"content/people/p.toml":            file("name = " + q(payload) + "\nteam = \"t\"\nrole = \"r\"\ntitle = " + q(attrPayload) + "\n"),
		"content/people/o.toml":            file("name = " + q("O'Neil \"Quote\" "+attrPayload) + "\nteam = \"t\"\nrole = \"r\"\n"),
		"content/assessments/x.toml":       file("title = " + q(payload) + "\ndate = 2025-01-01\n[ratings.p]\na = 1\nb = 0\n[ratings.o]\nd = 2\n"),
		"content/articles/x.md":            file("+++\ntitle = " + q(payload) + "\nsummary = " + q(attrPayload) + "\ncompetencies = [\"a\"]\n+++\n<iframe src=\"x\"></iframe>\n"),
	}
}

// sitePath resolves a link on the page at file to a file of the output of a
// site without baseURL, dropping any query.
func sitePath(file, ref string) string {
	ref, _, _ = strings.Cut(ref, "?")
	if strings.HasPrefix(ref, "/") {
		return strings.TrimPrefix(ref, "/")
	}
	return path.Join(path.Dir(file), ref)
}

// TestNoInjection builds a site whose names, titles and summaries carry
// script and attribute injections, parses every page, and finds no script but
// the site's own files and JSON data, no event handler attribute, no injected
// element and no javascript: URL, while the text itself is shown.
func TestNoInjection(t *testing.T) {
	out := build(t, xssSite(), Options{})
	sawPayloadInJSON := false
	for _, p := range out.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		z := html.NewTokenizer(bytes.NewReader(out.Files[p]))
		inJSON := false
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			tok := z.Token()
			switch tt {
			case html.StartTagToken, html.SelfClosingTagToken:
				attrs := map[string]string{}
				for _, a := range tok.Attr {
					attrs[a.Key] = a.Val
					if strings.HasPrefix(a.Key, "on") {
						t.Errorf("%s: <%s> has event handler %s=%q", p, tok.Data, a.Key, a.Val)
					}
					if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
						t.Errorf("%s: <%s %s=%q>", p, tok.Data, a.Key, a.Val)
					}
				}
				switch tok.Data {
				case "img", "iframe", "object", "embed":
					t.Errorf("%s: injected <%s>", p, tok.Data)
				case "script":
					switch {
					case attrs["type"] == "application/json":
						inJSON = true
					case attrs["src"] != "" && out.Files[sitePath(p, attrs["src"])] != nil:
					default:
						t.Errorf("%s: unexpected script %v", p, tok.Attr)
					}
				}
			case html.TextToken:
				if inJSON {
					var v any
					if err := json.Unmarshal([]byte(tok.Data), &v); err != nil {
						t.Errorf("%s: chart data is not JSON: %v", p, err)
					}
					if strings.Contains(fmt.Sprint(v), payload) {
						sawPayloadInJSON = true
					}
				}
			case html.EndTagToken:
				inJSON = false
			}
		}
	}
	if !sawPayloadInJSON {
		t.Errorf("no chart carries the person's name: the test did not exercise chart data")
	}
	person := string(out.Files["people/p/index.html"])
	if !strings.Contains(person, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the person's name is not shown as text")
	}
}

// TestThemeOverride checks that a site's layouts/ and static/ replace the
// theme's files one by one, and leave the others in place.
func TestThemeOverride(t *testing.T) {
	fsys := txtarFS(t, "testdata/golden/site.txt")
	fsys["layouts/person.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p class="mine">{{.Person.Name}} of {{.Person.Team.Name}}</p>{{end}}`)}
	fsys["static/css/portal.css"] = &fstest.MapFile{Data: []byte("body { color: rebeccapurple }\n")}
	fsys["static/extra.txt"] = &fstest.MapFile{Data: []byte("extra\n")}
	out := build(t, fsys, Options{})
	if got := string(out.Files["people/ana/index.html"]); !strings.Contains(got, `<p class="mine">Ana Lima of Ops</p>`) || !strings.Contains(got, `class="site-header"`) {
		t.Errorf("person page does not use the site's layout inside the theme's baseof:\n%s", got)
	}
	if got := string(out.Files["teams/ops/index.html"]); !strings.Contains(got, "Skills matrix") {
		t.Errorf("team page lost the theme's layout")
	}
	if got := string(out.Files["css/portal.css"]); got != "body { color: rebeccapurple }\n" {
		t.Errorf("css/portal.css = %q, want the site's own", got)
	}
	if _, ok := out.Files["js/portal.js"]; !ok {
		t.Errorf("theme's js/portal.js missing")
	}
	if string(out.Files["extra.txt"]) != "extra\n" {
		t.Errorf("site's static/extra.txt not copied")
	}
}

// TestTemplateErrors checks that a broken layout is reported at its file and
// line, whether it fails to parse or to execute.
func TestTemplateErrors(t *testing.T) {
	fsys := txtarFS(t, "testdata/golden/site.txt")
	fsys["layouts/team.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<p>{{.Team.Name</p>\n{{end}}\n")}
	fsys["layouts/role.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n\n<p>{{.Role.Nope}}</p>\n{{end}}\n")}
	_, _, err := Build(fsys, Options{})
	if err == nil {
		t.Fatal("no error for a broken layout")
	}
	if got := err.Error(); !strings.Contains(got, "layouts/team.html:2:") {
		t.Errorf("parse error not located in layouts/team.html:2: %s", got)
	}
	delete(fsys, "layouts/team.html")
	_, _, err = Build(fsys, Options{})
	if err == nil || !strings.Contains(err.Error(), "layouts/role.html:3:") || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("execution error not located in layouts/role.html:3: %v", err)
	}
}

// TestAssetsFingerprinted checks that pages link the theme's assets under
// names holding a hash of their content, that those files are built with the
// same bytes as the plain ones, and that changing an asset changes its name.
func TestAssetsFingerprinted(t *testing.T) {
	linked := regexp.MustCompile(`(?:href|src)="(?:\.\./)*((?:css|js|vendor)/[^"?]+)"`)
	names := func(out *Output) map[string]string {
		t.Helper()
		found := map[string]string{}
		for _, m := range linked.FindAllStringSubmatch(string(out.Files["people/ana/index.html"]), -1) {
			plain := regexp.MustCompile(`\.[0-9a-f]{8}(\.[a-z]+)$`).ReplaceAllString(m[1], "$1")
			if plain == m[1] {
				t.Errorf("%s is linked without a content hash in its name", m[1])
				continue
			}
			data, ok := out.Files[m[1]]
			if !ok {
				t.Errorf("%s is linked but not built", m[1])
			} else if !bytes.Equal(data, out.Files[plain]) {
				t.Errorf("%s differs from %s", m[1], plain)
			}
			found[plain] = m[1]
		}
		return found
	}
	fsys := txtarFS(t, "testdata/golden/site.txt")
	before := names(build(t, fsys, Options{}))
	for _, want := range []string{"css/portal.css", "js/portal.js", "js/search.js", "vendor/echarts/echarts.min.js"} {
		if before[want] == "" {
			t.Errorf("the person page does not link %s", want)
		}
	}
	css, err := fs.ReadFile(themes.Default, "static/css/portal.css")
	if err != nil {
		t.Fatal(err)
	}
	fsys["static/css/portal.css"] = &fstest.MapFile{Data: append(css, "\n.extra { color: red; }\n"...)}
	out := build(t, fsys, Options{})
	after := names(out)
	if after["css/portal.css"] == before["css/portal.css"] {
		t.Errorf("changing the stylesheet kept its name %s", after["css/portal.css"])
	}
	if _, stale := out.Files[before["css/portal.css"]]; stale {
		t.Errorf("the old stylesheet %s is still built", before["css/portal.css"])
	}
	if after["js/portal.js"] != before["js/portal.js"] {
		t.Errorf("an unchanged script changed its name: %s, then %s", before["js/portal.js"], after["js/portal.js"])
	}
}

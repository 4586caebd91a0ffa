package builder

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// withSettings returns the fixture with text put into site.toml before its
// scale, and the files in extra added.
func withSettings(t *testing.T, text string, extra map[string]string) fstest.MapFS {
	fsys := fixtureFS(t)
	toml := string(fsys["site.toml"].Data)
	i := strings.Index(toml, "[[scale]]")
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(toml[:i] + text + "\n" + toml[i:])}
	for name, data := range extra {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

const noindex = `<meta name="robots" content="noindex">`

// TestRobotsByDefault checks that, unless the settings let them in, every
// page asks search engines not to index it and robots.txt turns them away.
func TestRobotsByDefault(t *testing.T) {
	out := build(t, fixtureFS(t), Options{})
	pages := 0
	for name, data := range out.Files {
		if !strings.HasSuffix(name, ".html") || strings.Contains(name, "vendor/") {
			continue
		}
		pages++
		head, _, _ := bytes.Cut(data, []byte("</head>"))
		if !bytes.Contains(head, []byte(noindex)) {
			t.Errorf("%s: no robots noindex in its head", name)
		}
	}
	if pages != out.Pages {
		t.Errorf("checked %d pages of %d", pages, out.Pages)
	}
	if got := string(out.Files["robots.txt"]); got != "User-agent: *\nDisallow: /\n" {
		t.Errorf("robots.txt = %q", got)
	}
}

// TestRobotsIndex checks that [privacy] index = true lets search engines
// in, and points them at the sitemap.
func TestRobotsIndex(t *testing.T) {
	out := build(t, withSettings(t, "[privacy]\nindex = true\n", nil), Options{})
	for name, data := range out.Files {
		if strings.HasSuffix(name, ".html") && bytes.Contains(data, []byte(noindex)) {
			t.Errorf("%s asks not to be indexed", name)
		}
	}
	want := "User-agent: *\nAllow: /\nSitemap: https://intranet.harbourline.example/growth/sitemap.xml\n"
	if got := string(out.Files["robots.txt"]); got != want {
		t.Errorf("robots.txt = %q, want %q", got, want)
	}
}

// TestRobotsOfTheSite checks that a site's own static/robots.txt is
// published as it is.
func TestRobotsOfTheSite(t *testing.T) {
	own := "User-agent: Intranet-Crawler\nAllow: /\n"
	out := build(t, withSettings(t, "", map[string]string{"static/robots.txt": own}), Options{})
	if got := string(out.Files["robots.txt"]); got != own {
		t.Errorf("robots.txt = %q, want the site's own", got)
	}
}

// TestPrivacyKeys checks that a key the [privacy] table does not know is
// reported where it is, with the keys it knows.
func TestPrivacyKeys(t *testing.T) {
	_, _, err := Build(withSettings(t, "[privacy]\nindx = true\n", nil), Options{})
	if err == nil || !strings.Contains(err.Error(), `site.toml:8:1: unknown key "indx" (did you mean "index"?)`) {
		t.Errorf("error = %v", err)
	}
	_, _, err = Build(withSettings(t, "[privacy]\nindex = \"yes\"\n", nil), Options{})
	if err == nil || !strings.Contains(err.Error(), "site.toml:8:9: index must be true or false") {
		t.Errorf("a string for index: error = %v", err)
	}
}

// TestRobotsRebuild turns indexing on and off in site.toml under a Builder:
// each rebuild equals a full build.
func TestRobotsRebuild(t *testing.T) {
	dir := fixtureDir(t)
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"[privacy]\nindex = true\n", "[privacy]\nindex = false\n"} {
		p := filepath.Join(dir, "site.toml")
		data, _ := os.ReadFile(p)
		toml := string(data)
		if i := strings.Index(toml, "[privacy]"); i >= 0 {
			toml = toml[:i] + toml[strings.Index(toml, "[[scale]]"):]
		}
		i := strings.Index(toml, "[[scale]]")
		if err := os.WriteFile(p, []byte(toml[:i]+text+"\n"+toml[i:]), 0o644); err != nil {
			t.Fatal(err)
		}
		_, inc, err := b.Build([]string{"site.toml"})
		if err != nil {
			t.Fatal(err)
		}
		matchesFull(t, text, inc, os.DirFS(dir))
	}
}

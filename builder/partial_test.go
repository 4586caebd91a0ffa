package builder

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPartialCachedInBuild checks partialCached in a site's layouts: the
// static files a cached partial links are counted for every page that shows
// it, and an error inside the partial is reported at the partial's line.
func TestPartialCachedInBuild(t *testing.T) {
	fsys := txtarFS(t, "testdata/golden/site.txt")
	fsys["static/extra.txt"] = &fstest.MapFile{Data: []byte("extra\n")}
	// The site's own skeleton (the theme's), so that its footer is cached.
	baseof, err := os.ReadFile("../themes/default/layouts/baseof.html")
	if err != nil {
		t.Fatal(err)
	}
	fsys["layouts/baseof.html"] = &fstest.MapFile{Data: baseof}
	fsys["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte(`{{define "footer"}}<footer><a href="{{.Asset "extra.txt"}}">extra</a> {{.Site.Config.Title}}</footer>{{end}}`)}
	_, out, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(baseof), `partialCached "footer"`) {
		t.Fatal("the theme's baseof.html does not cache its footer: this test no longer tests the cache")
	}
	fingerprinted := ""
	for _, p := range out.Paths() {
		if strings.HasPrefix(p, "extra.") && p != "extra.txt" {
			fingerprinted = p
		}
	}
	if fingerprinted == "" {
		t.Fatalf("extra.txt not written under a fingerprinted name: %v", out.Paths())
	}
	pages := 0
	for _, p := range out.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		if !strings.Contains(string(out.Files[p]), fingerprinted+`">extra</a>`) {
			t.Errorf("%s does not show the cached footer:\n%s", p, out.Files[p][max(0, len(out.Files[p])-300):])
		}
		if !slices.Contains(out.Assets(p), "extra.txt") {
			t.Errorf("%s: the asset of its cached footer is not counted: %v", p, out.Assets(p))
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages", pages)
	}

	// A site's header under the theme's skeleton is rendered for each
	// page: it may show the page's own title.
	delete(fsys, "layouts/baseof.html")
	fsys["layouts/partials/header.html"] = &fstest.MapFile{Data: []byte(`{{define "header"}}<header class="mine">{{.Title}}</header>{{end}}`)}
	_, out, err = Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"people/ana/index.html", "people/ben/index.html"} {
		page := string(out.Files[p])
		title := page[strings.Index(page, "<title>")+7 : strings.Index(page, " · ")]
		if !strings.Contains(page, `<header class="mine">`+title+`</header>`) {
			t.Errorf("%s: the site's own header does not show the page's title %q", p, title)
		}
	}

	fsys["layouts/baseof.html"] = &fstest.MapFile{Data: baseof}
	fsys["layouts/partials/header.html"] = &fstest.MapFile{Data: []byte("{{define \"header\"}}\n<header>\n{{.Nope}}</header>{{end}}\n")}
	_, _, err = Build(fsys, Options{})
	if err == nil || !strings.Contains(err.Error(), "layouts/partials/header.html:3:") || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("error in a cached partial not located at layouts/partials/header.html:3: %v", err)
	}
}

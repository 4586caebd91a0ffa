package builder

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"portal/internal/sitetest"
)

// TestFragmentsMatchLayouts checks that the fragments the default theme
// uses make the bytes its layouts made before them: testdata/layouts holds
// the person, role and team layouts with each fragment written out as
// template actions, ranging over the model, and a site using them must
// build the same pages as the default theme, on the golden site and the
// demo.
func TestFragmentsMatchLayouts(t *testing.T) {
	overrides := map[string][]byte{}
	for _, name := range []string{"person.html", "role.html", "team.html"} {
		data, err := os.ReadFile(filepath.Join("testdata", "layouts", name))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("Items}}")) || bytes.Contains(data, []byte("Columns}}")) || bytes.Contains(data, []byte("StandingRows}}")) {
			t.Fatalf("testdata/layouts/%s uses a fragment", name)
		}
		overrides["layouts/"+name] = data
	}
	golden := txtarFS(t, "testdata/golden/site.txt")
	demo := t.TempDir()
	sitetest.Copy(t, "..", demo)
	demoFS := fstest.MapFS{}
	for name, data := range sitetest.ReadTree(t, demo) {
		demoFS[name] = &fstest.MapFile{Data: data}
	}
	for _, site := range []struct {
		name string
		fsys fstest.MapFS
	}{{"golden", golden}, {"demo", demoFS}} {
		want := build(t, site.fsys, Options{})
		with := fstest.MapFS{}
		for name, f := range site.fsys {
			with[name] = f
		}
		for name, data := range overrides {
			with[name] = &fstest.MapFile{Data: data}
		}
		got := build(t, with, Options{})
		compared := map[string]int{}
		for _, p := range want.Paths() {
			kind, _, _ := strings.Cut(p, "/")
			if !strings.HasSuffix(p, "/index.html") || kind != "people" && kind != "roles" && kind != "teams" || strings.Count(p, "/") != 2 {
				continue
			}
			compared[kind]++
			if !bytes.Equal(got.Files[p], want.Files[p]) {
				t.Errorf("%s: %s differs from its layout without fragments:\n%s", site.name, p, firstDiff(string(want.Files[p]), string(got.Files[p])))
			}
		}
		if compared["people"] < 2 || compared["roles"] < 1 || compared["teams"] < 1 {
			t.Errorf("%s: compared too few pages: %v", site.name, compared)
		}
	}
}

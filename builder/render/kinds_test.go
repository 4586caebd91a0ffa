package render_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"portal/builder"
	"portal/builder/render"
)

// TestRenderKinds times the rendering of each kind of page of the site in
// PORTAL_PROFILE_SITE, to find where the time goes. It is skipped unless
// that variable is set.
func TestRenderKinds(t *testing.T) {
	dir := os.Getenv("PORTAL_PROFILE_SITE")
	if dir == "" {
		t.Skip("set PORTAL_PROFILE_SITE to a site folder")
	}
	fsys := os.DirFS(dir)
	s, err := builder.Load(fsys, builder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	th, err := render.LoadTheme(fsys, s)
	if err != nil {
		t.Fatal(err)
	}
	partials := render.NewPartialCache()
	byKind := map[string]time.Duration{}
	count := map[string]int{}
	size := map[string]int{}
	for _, p := range render.PagesOf(s, th) {
		if count[p.Kind] >= 200 {
			continue
		}
		t0 := time.Now()
		var buf bytes.Buffer
		if err := p.RenderWith(th, partials, &buf); err != nil {
			t.Fatal(err)
		}
		byKind[p.Kind] += time.Since(t0)
		count[p.Kind]++
		size[p.Kind] += buf.Len()
	}
	for k, d := range byKind {
		t.Logf("%-10s %4d pages  %8.2f ms/page  %7d B/page", k, count[k], float64(d.Microseconds())/1000/float64(count[k]), size[k]/count[k])
	}
}

// BenchmarkRenderPerson renders one person page of the site in
// PORTAL_PROFILE_SITE (default: the demo).
func BenchmarkRenderPerson(b *testing.B) {
	dir := os.Getenv("PORTAL_PROFILE_SITE")
	if dir == "" {
		dir = "../.."
	}
	benchmarkKind(b, dir, "person")
}

// BenchmarkRenderTeam renders one team page.
func BenchmarkRenderTeam(b *testing.B) {
	dir := os.Getenv("PORTAL_PROFILE_SITE")
	if dir == "" {
		dir = "../.."
	}
	benchmarkKind(b, dir, "team")
}

func benchmarkKind(b *testing.B, dir, kind string) {
	fsys := os.DirFS(dir)
	s, err := builder.Load(fsys, builder.Options{})
	if err != nil {
		b.Fatal(err)
	}
	th, err := render.LoadTheme(fsys, s)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range render.PagesOf(s, th) {
		if p.Kind != kind {
			continue
		}
		var buf bytes.Buffer
		partials := render.NewPartialCache() // as in a build, where other pages filled it
		b.ResetTimer()
		for b.Loop() {
			buf.Reset()
			if err := p.RenderWith(th, partials, &buf); err != nil {
				b.Fatal(err)
			}
		}
		return
	}
}

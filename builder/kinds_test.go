package builder

import (
	"bytes"
	"os"
	"testing"
	"time"
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
	s, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	th, err := loadTheme(fsys, s)
	if err != nil {
		t.Fatal(err)
	}
	partials := &partialCache{}
	byKind := map[string]time.Duration{}
	count := map[string]int{}
	size := map[string]int{}
	for _, p := range pagesOf(s, th) {
		if count[p.Kind] >= 200 {
			continue
		}
		t0 := time.Now()
		p.addCharts()
		p.partials = partials
		var buf bytes.Buffer
		if err := renderPage(th.tmpls[p.Kind], p, &buf); err != nil {
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
		dir = ".."
	}
	benchmarkKind(b, dir, "person")
}

// BenchmarkRenderTeam renders one team page.
func BenchmarkRenderTeam(b *testing.B) {
	dir := os.Getenv("PORTAL_PROFILE_SITE")
	if dir == "" {
		dir = ".."
	}
	benchmarkKind(b, dir, "team")
}

func benchmarkKind(b *testing.B, dir, kind string) {
	fsys := os.DirFS(dir)
	s, err := Load(fsys, Options{})
	if err != nil {
		b.Fatal(err)
	}
	th, err := loadTheme(fsys, s)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range pagesOf(s, th) {
		if p.Kind != kind {
			continue
		}
		var buf bytes.Buffer
		p.partials = &partialCache{} // as in a build, where other pages filled it
		b.ResetTimer()
		for b.Loop() {
			p.Charts = nil
			p.addCharts()
			buf.Reset()
			if err := renderPage(th.tmpls[p.Kind], p, &buf); err != nil {
				b.Fatal(err)
			}
		}
		return
	}
}

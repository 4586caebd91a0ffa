package gen_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"portal/builder"
	"portal/gen"
)

// Run: go test ./gen -run '^$' -bench . -benchmem
// The large site is generated once, outside the timed loop.

func large(b *testing.B) gen.Preset {
	b.Helper()
	if testing.Short() {
		b.Skip("generates the large preset: 10,000 people, about 100 MB")
	}
	p, ok := gen.Named("large")
	if !ok {
		b.Fatal(`no preset "large"`)
	}
	return p
}

func BenchmarkLoadLarge(b *testing.B) {
	p := large(b)
	dir := filepath.Join(b.TempDir(), "site")
	if err := gen.Generate(dir, p, 1); err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	for b.Loop() {
		site, err := builder.Load(fsys, builder.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(site.Warnings) > 0 {
			b.Fatalf("%d warnings, the first: %v", len(site.Warnings), site.Warnings[0])
		}
	}
}

func BenchmarkGenerateLarge(b *testing.B) {
	p := large(b)
	root := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		dir := filepath.Join(root, strconv.Itoa(i))
		if err := gen.Generate(dir, p, 1); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(dir)
		b.StartTimer()
	}
}

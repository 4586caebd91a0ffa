package builder

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"portal/builder/content"
	"portal/internal/sitetest"
)

// The demo portal, as a baseline. Run: go test ./builder -run ^$ -bench . -benchmem

func BenchmarkLoadDemo(b *testing.B) {
	fsys := os.DirFS("..")
	for b.Loop() {
		if _, err := Load(fsys, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderDemo(b *testing.B) {
	fsys := os.DirFS("..")
	s, err := Load(fsys, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Render(fsys, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteDemo(b *testing.B) {
	_, out, err := Build(os.DirFS(".."), Options{})
	if err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if err := out.Write(dest); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuild times incremental builds after one-file edits, without the
// preview's file events and debounce: the site in PORTAL_BENCH_SITE (default:
// the demo) is copied, built once, and then PORTAL_BENCH_FILE (default: the
// first person's file) is edited before each build: a competency's first
// level descriptor changed, or else its first whole number (a rating, a
// target) set to 0 or 1 in turn, or else its name changed, or else a
// comment added.
//
//	PORTAL_BENCH_SITE=DIR PORTAL_BENCH_FILE=content/teams/x.toml go test ./builder -run '^$' -bench Rebuild -cpuprofile cpu.out
func BenchmarkRebuild(b *testing.B) {
	src := cmp.Or(os.Getenv("PORTAL_BENCH_SITE"), "..")
	dir := b.TempDir()
	sitetest.Copy(b, src, dir)
	file := os.Getenv("PORTAL_BENCH_FILE")
	if file == "" {
		people, _ := filepath.Glob(filepath.Join(dir, "content/people/*.toml"))
		slices.Sort(people)
		file, _ = filepath.Rel(dir, people[0])
		file = filepath.ToSlash(file)
	}
	original, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		b.Fatal(err)
	}
	builder := NewBuilder(content.DirFS(dir), Options{})
	builder.LazyLists = true
	if _, _, err := builder.Build(nil); err != nil {
		b.Fatal(err)
	}
	rating := regexp.MustCompile(`(?m)^([a-z0-9-]+ = )\d+$`)
	descriptor := regexp.MustCompile(`(?m)^\d+ = "`)
	name := regexp.MustCompile(`(?m)^name = "(.*)"`)
	i := 0
	for b.Loop() {
		i++
		var edited []byte
		if loc := descriptor.FindIndex(original); loc != nil && strings.HasPrefix(file, "content/competencies/") {
			edited = slices.Concat(original[:loc[1]], []byte(fmt.Sprintf("(edit %d) ", i)), original[loc[1]:])
		} else if loc := rating.FindSubmatchIndex(original); loc != nil {
			edited = slices.Concat(original[:loc[3]], []byte(fmt.Sprint(i%2)), original[loc[1]:])
		} else if loc := name.FindSubmatchIndex(original); loc != nil {
			edited = slices.Concat(original[:loc[3]], []byte(fmt.Sprintf(" (edit %d)", i)), original[loc[3]:])
		} else {
			edited = append(slices.Clone(original), fmt.Sprintf("\n# edit %d\n", i)...)
		}
		if err := os.WriteFile(filepath.Join(dir, file), edited, 0o644); err != nil {
			b.Fatal(err)
		}
		if _, _, err := builder.Build([]string{file}); err != nil {
			b.Fatal(err)
		}
	}
}

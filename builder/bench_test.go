package builder

import (
	"os"
	"path/filepath"
	"testing"
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

package gen

import (
	"os"
	"testing"
	"time"
)

func TestScratch(t *testing.T) {
	name := os.Getenv("GEN_PRESET")
	if name == "" {
		t.Skip()
	}
	p, _ := Named(name)
	dir := os.Getenv("GEN_DIR")
	os.RemoveAll(dir)
	start := time.Now()
	if err := Generate(dir, p, 1); err != nil {
		t.Fatal(err)
	}
	t.Log(time.Since(start))
}

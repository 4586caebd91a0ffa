package content

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLocatorIndex checks that positions found through the index are those
// a scan of the file from the top finds, on random files of tables, arrays
// of tables, dotted and quoted keys and inline tables, for paths that are
// there and paths that are not.
func TestLocatorIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	lines := []string{"a = 1", "b = \"x\"", "c.d = 2", "\"e.f\" = 3", "g = { h = 1, i = 2 }", "[t]", "[t.u]", "[[s]]", "[[s.v]]", "[r.a]", "# note", "", "  a = 4", "b=5", "x = [1, 2]"}
	names := []string{"a", "b", "c", "d", "e.f", "g", "h", "i", "t", "u", "s", "s[0]", "s[1]", "v", "r", "x", "zz"}
	for range 3000 {
		var src strings.Builder
		for range 1 + rng.IntN(12) {
			src.WriteString(lines[rng.IntN(len(lines))])
			src.WriteByte('\n')
		}
		data := []byte(src.String())
		loc := newTOMLLocator(data, 1, false)
		for range 20 {
			path := make([]string, 1+rng.IntN(3))
			for i := range path {
				path[i] = names[rng.IntN(len(names))]
			}
			k1, v1, ok1 := loc.find(path)
			k2, v2, ok2 := loc.scan(path)
			if k1 != k2 || v1 != v2 || ok1 != ok2 {
				t.Fatalf("path %q in\n%s\nindex: %d %d %v, scan: %d %d %v", path, data, k1, v1, ok1, k2, v2, ok2)
			}
		}
	}
}

// TestManyErrorPositions locates every table of a cycle of 20,000 people,
// as the errors of a cycle whose people are all unknown do: each in
// constant time, not by a scan of the file.
func TestManyErrorPositions(t *testing.T) {
	var src strings.Builder
	src.WriteString("title = \"x\"\n")
	const n = 20000
	for i := range n {
		src.WriteString("[ratings.p")
		src.WriteString(strings.Repeat("x", i%7))
		src.WriteString(string(rune('a' + i%26)))
		src.WriteString("]\nvision = 1\ncoaching = 2\n")
	}
	loc := newTOMLLocator([]byte(src.String()), 1, true)
	if p := loc.Key("ratings", "pa"); p.Line != 2 || p.Col != 1 {
		t.Errorf("ratings.pa at %v, want 2:1", p)
	}
	// Each is answered by the index, made once, not by a scan of the file:
	// 20,000 scans of it would read 1.2 billion lines.
	for i := range n {
		if _, _, ok := loc.lookup([]string{"ratings", "p" + strings.Repeat("x", i%7) + string(rune('a'+i%26)), "coaching"}); !ok {
			t.Fatalf("person %d: not in the index", i)
		}
	}
}

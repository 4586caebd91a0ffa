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
	lines := []string{"a = 1", "b = \"x\"", "c.d = 2", "\"e.f\" = 3", "g = { h = 1, i = 2 }", "[t]", "[t.u]", "[[s]]", "[[s.v]]", "[r.a]", "# note", "", "  a = 4", "b=5", "x = [1, 2]", "g = { s = 1 }", "s.g.h = 1", "v = { h = 2 }"}
	names := []string{"a", "b", "c", "d", "e.f", "g", "h", "i", "t", "u", "s", "s[0]", "s[1]", "v", "v[0]", "r", "x", "zz"}
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

// TestLocatorIndexHostile checks lines the index could make too much of: a
// key of twenty quoted parts with brackets (whose variants would double
// with each), and an array's table with an inline table, looked for by its
// bare name.
func TestLocatorIndexHostile(t *testing.T) {
	loc := newTOMLLocator([]byte(strings.Repeat(`"[".`, 25)+`"[" = 1`+"\n"), 1, false)
	loc.Key("nothing") // builds the index: the key's 2^26 variants would not fit
	src := []byte("[[scale]]\nname = { en = \"x\" }\n[[scale]]\nname.en = \"y\"\n")
	loc = newTOMLLocator(src, 1, false)
	k1, v1, ok1 := loc.find([]string{"scale", "name", "en"})
	k2, v2, ok2 := loc.scan([]string{"scale", "name", "en"})
	if k1 != k2 || v1 != v2 || ok1 != ok2 {
		t.Errorf("index %d %d %v, scan %d %d %v", k1, v1, ok1, k2, v2, ok2)
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

// TestTOMLProblem checks the scan for nesting and odd numbers on what a
// scan of TOML trips over: strings that hold brackets or numbers, a
// backslash at the very end, a multi-line string closed with extra quotes,
// numbers inside arrays and inline tables, dates and keys that look like
// numbers.
func TestTOMLProblem(t *testing.T) {
	deep := strings.Repeat("[", 101) + strings.Repeat("]", 101)
	cases := []struct {
		src  string
		want string // "" for no problem
	}{
		{"a = \"\\", ""},
		{"a = '''x''''\nb = 1\n", ""},
		{"a = [\"\"\"x\"\"\"\", " + deep + "]\n", "nested more than 100 deep"},
		{"a = \"" + deep + "\"\n", ""},
		{"a = '''\n" + deep + "\n'''\n", ""},
		{"# " + deep + "\n", ""},
		{"x = " + deep + "\n", "nested more than 100 deep"},
		{"alice = { coaching = 0x3 }\n", "not 0x3"},
		{"levels = [1, 0b10]\n", "not 0b10"},
		{"size = 1_000\n", "not 1_000"},
		{"y = \"0x10\"\nz = '''\n0x10\n'''\n", ""},
		{"0x1 = \"a key\"\nd = 1979-05-27T07:32:00Z\nt = 07:32:00\nf = -1.5e3\nn = -12\n", ""},
		{"[ratings.p-0x1]\nvision = 2\n", ""},
	}
	for _, c := range cases {
		off, msg := tomlProblem([]byte(c.src))
		if c.want == "" && off >= 0 || c.want != "" && !strings.Contains(msg, c.want) {
			t.Errorf("%q: %d %q, want %q", c.src, off, msg, c.want)
		}
	}
}

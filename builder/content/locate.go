package content

import (
	"bytes"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// tomlLocator finds keys in TOML source by scanning its lines for table
// headers and "key =" lines. BurntSushi/toml does not expose key positions,
// and errors are rare, so the scan runs only when a message needs a position.
type tomlLocator struct {
	src       []byte
	firstLine int
	fast      bool // decoded by decodeSimpleTOML, which refuses dotted keys
	idx       *tomlIndex
}

// tomlIndex is where find looks first: every key path a line of the file
// answers, with the line's offsets, made in one pass when the first position
// is asked for. A file with thousands of errors (a cycle rating people who
// are not in the site) then finds each in constant time, rather than
// scanning the file once for each.
type tomlIndex struct {
	once sync.Once
	// first maps a path, its elements joined by "\x00", to the first line
	// that answers it.
	first map[string]tomlHit
	// inline lists the key lines whose value is an inline table, by their
	// full path: a path deeper than the key may be inside them.
	inline map[string][]tomlHit
	// partial is set when the file has a line the index cannot answer for
	// as the scan does: every lookup is then left to the scan.
	partial bool
}

type tomlHit struct {
	keyOff, valOff int
	exact          bool // the line's own key, not a table or key below it
}

func newTOMLLocator(src []byte, firstLine int, fast bool) tomlLocator {
	return tomlLocator{src: src, firstLine: firstLine, fast: fast, idx: &tomlIndex{}}
}

// build fills the index with what find would return for each path it can
// find, in one pass over the file: a line answers every path that is a
// prefix of its own (an array's "scale[2]" answering "scale" too), and the
// first such line is the answer.
func (x *tomlIndex) build(src []byte) {
	x.first = map[string]tomlHit{}
	x.inline = map[string][]tomlHit{}
	add := func(full []string, arrays []int, h tomlHit) {
		for _, key := range prefixes(full, arrays) {
			k := key.path
			if _, seen := x.first[k]; !seen {
				hit := h
				hit.exact = h.exact && key.whole
				if !hit.exact {
					hit.valOff = hit.keyOff
				}
				x.first[k] = hit
			}
		}
	}
	for ln := range tomlLines(src) {
		for i, el := range ln.path {
			if strings.Contains(el, "[") && !slices.Contains(ln.arrays, i) {
				// A quoted key with a bracket, which the scan matches as it
				// would an array's table: left to the scan.
				x.partial = true
				return
			}
		}
		if ln.header {
			add(ln.path, ln.arrays, tomlHit{keyOff: ln.start, valOff: ln.start})
			continue
		}
		add(ln.path, ln.arrays, tomlHit{keyOff: ln.start, valOff: ln.val, exact: true})
		if ln.val < ln.end && src[ln.val] == '{' {
			for _, key := range prefixes(ln.path, ln.arrays) {
				if key.whole {
					x.inline[key.path] = append(x.inline[key.path], tomlHit{keyOff: ln.start, valOff: ln.val})
				}
			}
		}
	}
}

// tomlLine is a table header or a key line of a TOML file: the full path
// it names (an array's table as "scale[n]", counting from 0), the offsets
// of its first character, of its value (a key's) and of its end.
type tomlLine struct {
	path            []string
	arrays          []int // the elements of path named "name[n]" as an array's tables
	header          bool
	start, val, end int
}

// tomlLines yields the table headers and key lines of src in order.
func tomlLines(src []byte) iter.Seq[tomlLine] {
	return func(yield func(tomlLine) bool) {
		var table []string
		var tableArrays []int
		arrays := map[string]int{}
		for off := 0; off < len(src); {
			end := bytes.IndexByte(src[off:], '\n')
			if end < 0 {
				end = len(src) - off
			}
			line := src[off : off+end]
			indent := len(line) - len(bytes.TrimLeft(line, " \t"))
			text := strings.TrimSpace(string(line))
			start := off + indent
			switch {
			case text == "" || text[0] == '#':
			case text[0] == '[':
				array := strings.HasPrefix(text, "[[")
				header := strings.TrimLeft(text, "[")
				if i := strings.Index(header, "]"); i >= 0 {
					header = header[:i]
				}
				table, tableArrays = splitKey(header), nil
				if array {
					name := strings.Join(table, ".")
					table[len(table)-1] += "[" + strconv.Itoa(arrays[name]) + "]"
					arrays[name]++
					tableArrays = []int{len(table) - 1}
				}
				if !yield(tomlLine{path: table, arrays: tableArrays, header: true, start: start, val: start, end: off + end}) {
					return
				}
			default:
				eq := keyEnd(text)
				if eq < 0 {
					break
				}
				full := append(slices.Clone(table), splitKey(text[:eq])...)
				rest := line[indent+eq+1:]
				val := start + eq + 1 + (len(rest) - len(bytes.TrimLeft(rest, " \t")))
				if !yield(tomlLine{path: full, arrays: tableArrays, start: start, val: val, end: off + end}) {
					return
				}
			}
			off += end + 1
		}
	}
}

// indexKey is one path a line answers, and whether it is the line's whole
// path.
type indexKey struct {
	path  string
	whole bool
}

// prefixes lists the paths that full answers under keyPrefix's rule: each
// prefix of it, with each element that names an array's table, at the
// indexes in arrays ("scale[2]"), also as the bare name ("scale").
func prefixes(full []string, arrays []int) []indexKey {
	out := []indexKey{{"", len(full) == 0}}
	cur := []string{""}
	for i, el := range full {
		var next []string
		for _, c := range cur {
			sep := "\x00"
			if i == 0 {
				sep = ""
			}
			next = append(next, c+sep+el)
			if j := strings.IndexByte(el, '['); j >= 0 && slices.Contains(arrays, i) {
				next = append(next, c+sep+el[:j])
			}
		}
		cur = next
		for _, c := range cur {
			out = append(out, indexKey{c, i == len(full)-1})
		}
	}
	return out
}

// lookup returns what find returns for path when a line answers it.
func (l tomlLocator) lookup(path []string) (keyOff, valOff int, ok bool) {
	if l.idx == nil {
		return 0, 0, false
	}
	l.idx.once.Do(func() { l.idx.build(l.src) })
	if l.idx.partial {
		return 0, 0, false
	}
	// A key whose value is an inline table may answer with a key written
	// inside it: that is left to scan, which knows which line comes first.
	for n := 1; n < len(path); n++ {
		if len(l.idx.inline[strings.Join(path[:n], "\x00")]) > 0 {
			return 0, 0, false
		}
	}
	hit, found := l.idx.first[strings.Join(path, "\x00")]
	if !found {
		return 0, 0, false
	}
	return hit.keyOff, hit.valOff, true
}

// fastLocator locates keys in a TOML file read by decodeSimpleTOML, which
// a patch of it may be applied to (see patchFlatTable).
func FastLocator(src []byte) Locator { return newTOMLLocator(src, 1, true) }

// isFast reports whether loc locates keys in a TOML file that
// decodeSimpleTOML read: such a file has no dotted keys, so a table's keys
// are all in its section.
func IsFast(loc Locator) bool {
	t, ok := loc.(tomlLocator)
	return ok && t.fast
}

// find returns the byte offsets of the key at path and of its value. When the
// key is absent it returns the offset of the longest enclosing table or key
// written in the file, and ok false. The n-th table of an array of tables
// ([[scale]]) is the path element "scale[n]", counting from 0; a dotted key
// deeper than path, or a table below it, locates path at its line; keys
// inside inline tables ({ a = 1 }) are found on their line.
func (l tomlLocator) find(path []string) (keyOff, valOff int, ok bool) {
	if k, v, ok := l.lookup(path); ok {
		return k, v, true
	}
	return l.scan(path)
}

// scan is find by reading the file from the top: for a path no line
// answers, it finds the closest enclosing table or key.
func (l tomlLocator) scan(path []string) (keyOff, valOff int, ok bool) {
	keyOff, valOff = -1, -1
	bestLen := 0
	for ln := range tomlLines(l.src) {
		n := keyPrefix(ln.path, path)
		switch {
		case ln.header && n == len(path):
			return ln.start, ln.start, true
		case ln.header:
			if n == len(ln.path) && n > bestLen {
				bestLen, keyOff, valOff = n, ln.start, ln.start
			}
		case n == len(path) && n == len(ln.path):
			return ln.start, ln.val, true
		case n == len(path):
			return ln.start, ln.start, true // a dotted key below path
		case n == len(ln.path) && n > bestLen:
			bestLen, keyOff, valOff = n, ln.start, ln.val
			if k, v, found := inlineKey(l.src[ln.val:ln.end], path[n:]); found {
				return ln.val + k, ln.val + v, true
			}
		}
	}
	return keyOff, valOff, false
}

// inlineKey finds the keys of path one inside the other in an inline table
// written on one line, returning the offsets of the last key and its value.
func inlineKey(src []byte, path []string) (keyOff, valOff int, ok bool) {
	if len(path) == 0 || len(src) == 0 || src[0] != '{' {
		return 0, 0, false
	}
	at := 0
	for _, k := range path {
		re := regexp.MustCompile(`[{,]\s*"?` + regexp.QuoteMeta(k) + `"?\s*=\s*`)
		m := re.FindIndex(src[at:])
		if m == nil {
			return 0, 0, false
		}
		keyOff = at + m[0] + 1 + len(src[at+m[0]+1:]) - len(bytes.TrimLeft(src[at+m[0]+1:], " \t"))
		valOff = at + m[1]
		at = valOff
	}
	return keyOff, valOff, true
}

// keyPrefix counts the leading elements of a that match b, where "scale"
// in b matches any table "scale[n]" of an array in a.
func keyPrefix(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && (a[n] == b[n] || (strings.HasPrefix(a[n], b[n]+"[") && !strings.Contains(b[n], "["))) {
		n++
	}
	return n
}

func (l tomlLocator) pos(off int) Pos {
	if off < 0 || l.src == nil {
		return Pos{l.firstLine, 1}
	}
	before := l.src[:off]
	line := bytes.Count(before, []byte("\n"))
	col := off - (bytes.LastIndexByte(before, '\n') + 1)
	return Pos{l.firstLine + line, col + 1}
}

func (l tomlLocator) Key(path ...string) Pos {
	k, _, _ := l.find(path)
	return l.pos(k)
}

func (l tomlLocator) Value(path ...string) Pos {
	_, v, _ := l.find(path)
	return l.pos(v)
}

// item finds the string s written in the value of the key at path, such as
// one id in a list of ids.
func (l tomlLocator) Item(s string, path ...string) Pos {
	_, v, ok := l.find(path)
	if !ok {
		return l.pos(v)
	}
	rest := l.src[v:]
	for _, quoted := range []string{strconv.Quote(s), "'" + s + "'"} {
		if i := bytes.Index(rest, []byte(quoted)); i >= 0 {
			return l.pos(v + i)
		}
	}
	return l.pos(v)
}

func (l yamlLocator) Item(s string, path ...string) Pos {
	_, v := l.find(path)
	if v != nil && v.Kind == yaml.SequenceNode {
		for _, c := range v.Content {
			if c.Value == s {
				return l.pos(c)
			}
		}
	}
	return l.pos(v)
}

// keyEnd returns the index of the "=" that ends the key of a TOML key/value
// line, skipping quoted key parts, or -1.
func keyEnd(s string) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '=':
			return i
		}
	}
	return -1
}

// splitKey splits a dotted TOML key into its parts, unquoting quoted parts.
func splitKey(s string) []string {
	var parts []string
	var cur strings.Builder
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

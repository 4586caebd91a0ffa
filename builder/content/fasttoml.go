package content

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// localDate is the time zone the full decoder gives TOML local dates, so that
// both decoders give the same values.
var localDate = sync.OnceValue(func() *time.Location {
	var m map[string]any
	if _, err := toml.Decode("d = 2000-01-01", &m); err == nil {
		if t, ok := m["d"].(time.Time); ok {
			return t.Location()
		}
	}
	return time.Local
})

// decodeSimpleTOML decodes the plain TOML that data files are made of,
// much faster than a full TOML decoder: an assessment cycle of a large
// organisation has hundreds of thousands of lines. It understands comments,
// [table.headers] of bare keys, and bare-key = value lines where the value is
// a basic string, an integer, a boolean or a date. On anything else, and on
// anything TOML forbids (a key or table defined twice), it returns ok false,
// and the full decoder, which reports errors precisely, takes over. When ok
// is true the result is what the full decoder gives, except for flat tables.
//
// When flat is not empty, the tables under it ([flat.name], as the ratings of
// a cycle are) are decoded as *flatTable rather than as maps: a cycle of a
// large organisation has tens of thousands of them, and making a map for each
// was a third of the time it took to load. A table under them ([flat.a.b])
// is left to the full decoder.
func DecodeSimpleTOML(src []byte, flat string) (result map[string]any, ok bool) {
	if !utf8.Valid(src) {
		return nil, false
	}
	// TOML allows no control characters but tab and line ends, anywhere.
	for i, c := range src {
		if c < 0x20 && c != '\t' && c != '\n' && (c != '\r' || i+1 >= len(src) || src[i+1] != '\n') || c == 0x7f {
			return nil, false
		}
	}
	root := map[string]any{}
	table := root
	var ft *FlatTable // the flat table being filled, if any
	var flatKeys []string
	var flatValues []any
	seen := map[string]bool{} // the keys of ft
	headers := map[string]bool{}
	// Keys repeat from table to table (the competencies of a cycle), so
	// each is made into a string once.
	keys := map[string]string{}
	// Tables after a header are sized like the one before: the people of a
	// cycle have about as many ratings each, and a map that grows from empty
	// to forty keys is made three times over.
	hint := 0
	for len(src) > 0 {
		var line []byte
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			line, src = src, nil
		}
		line = bytes.TrimRight(line, "\r")
		line = trimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			if len(line) < 3 || line[1] == '[' {
				return nil, false
			}
			end := bytes.IndexByte(line, ']')
			if end < 0 || !onlyComment(line[end+1:]) {
				return nil, false
			}
			var parts []string
			for _, part := range bytes.Split(line[1:end], []byte(".")) {
				part = trimSpace(part)
				if !bareKey(part) {
					return nil, false
				}
				parts = append(parts, string(part))
			}
			name := strings.Join(parts, ".")
			if headers[name] {
				return nil, false
			}
			headers[name] = true
			hint = max(hint, len(table))
			if ft != nil {
				ft.Keys, ft.Values = flatKeys[ft.start:len(flatKeys):len(flatKeys)], flatValues[ft.start:len(flatValues):len(flatValues)]
				ft = nil
			}
			if flat != "" && len(parts) == 2 && parts[0] == flat {
				parent, isMap := root[flat].(map[string]any)
				if root[flat] == nil {
					parent, isMap = map[string]any{}, true
					root[flat] = parent
				}
				if !isMap || parent[parts[1]] != nil {
					return nil, false
				}
				if flatKeys == nil {
					// One line, one key at most: the arrays are made once.
					n := bytes.Count(src, []byte("\n")) + 1
					flatKeys, flatValues = make([]string, 0, n), make([]any, 0, n)
				}
				ft = &FlatTable{start: len(flatKeys)}
				parent[parts[1]] = ft
				clear(seen)
				continue
			}
			t := root
			for i, key := range parts {
				switch next := t[key].(type) {
				case nil:
					m := map[string]any{}
					if i == len(parts)-1 {
						m = make(map[string]any, hint)
					}
					t[key] = m
					t = m
				case map[string]any:
					t = next
				default:
					return nil, false
				}
			}
			// A header may not reopen a table that already holds keys of its own
			// from another header; keep it simple and refuse non-empty ones.
			if len(t) > 0 {
				return nil, false
			}
			table = t
			continue
		}
		eq := bytes.IndexByte(line, '=')
		if eq <= 0 {
			return nil, false
		}
		key := trimSpace(line[:eq])
		if !bareKey(key) {
			return nil, false
		}
		name, known := keys[string(key)]
		if !known {
			name = string(key)
			keys[name] = name
		}
		v, rest, ok := simpleValue(trimSpace(line[eq+1:]))
		if !ok || !onlyComment(rest) {
			return nil, false
		}
		if ft != nil {
			if seen[name] {
				return nil, false
			}
			seen[name] = true
			flatKeys = append(flatKeys, name)
			flatValues = append(flatValues, v)
			continue
		}
		if _, dup := table[name]; dup {
			return nil, false
		}
		table[name] = v
	}
	if ft != nil {
		ft.Keys, ft.Values = flatKeys[ft.start:len(flatKeys):len(flatKeys)], flatValues[ft.start:len(flatValues):len(flatValues)]
	}
	return root, true
}

// flatTable is a table of keys and values in the order of the file, as
// decodeSimpleTOML gives the tables under its flat name. The Keys and Values
// of all the flat tables of a file share two arrays.
type FlatTable struct {
	Keys   []string
	Values []any
	start  int
}

// asMap is the table as the full decoder gives it.
func (t *FlatTable) AsMap() map[string]any {
	m := make(map[string]any, len(t.Keys))
	for i, k := range t.Keys {
		m[k] = t.Values[i]
	}
	return m
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

func onlyComment(b []byte) bool {
	b = trimSpace(b)
	return len(b) == 0 || b[0] == '#'
}

func bareKey(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// simpleValue reads one value at the start of b and returns what follows it.
func simpleValue(b []byte) (v any, rest []byte, ok bool) {
	if len(b) == 0 {
		return nil, nil, false
	}
	switch c := b[0]; {
	case c == '"':
		if len(b) >= 3 && b[1] == '"' && b[2] == '"' {
			return nil, nil, false // multi-line string
		}
		s, n, ok := basicString(b)
		return s, b[n:], ok
	case c == 't' && bytes.HasPrefix(b, []byte("true")):
		return true, b[4:], true
	case c == 'f' && bytes.HasPrefix(b, []byte("false")):
		return false, b[5:], true
	case c >= '0' && c <= '9' || c == '-' || c == '+':
		end := 0
		for end < len(b) && b[end] != ' ' && b[end] != '\t' && b[end] != '#' {
			end++
		}
		tok := b[:end]
		if len(tok) == 10 && tok[4] == '-' && tok[7] == '-' {
			d, err := time.ParseInLocation("2006-01-02", string(tok), localDate())
			if err != nil {
				return nil, nil, false
			}
			return d, b[end:], true
		}
		if !plainInteger(tok) {
			return nil, nil, false
		}
		if len(tok) == 1 {
			return int64(tok[0] - '0'), b[end:], true // a level, mostly
		}
		n, err := strconv.ParseInt(string(tok), 10, 64)
		if err != nil {
			return nil, nil, false
		}
		return n, b[end:], true
	}
	return nil, nil, false
}

// plainInteger accepts decimal integers as TOML writes them, without
// underscores, leading zeros or other bases, which the full decoder handles.
func plainInteger(b []byte) bool {
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		b = b[1:]
	}
	if len(b) == 0 || (b[0] == '0' && len(b) > 1) {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// basicString reads a double-quoted string with the common escapes, returning
// it and the bytes it took.
func basicString(b []byte) (string, int, bool) {
	var out []byte
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			if out == nil {
				return string(b[1:i]), i + 1, true
			}
			return string(out), i + 1, true
		case c == '\\':
			if out == nil {
				out = append([]byte{}, b[1:i]...)
			}
			i++
			if i >= len(b) {
				return "", 0, false
			}
			switch b[i] {
			case '"', '\\':
				out = append(out, b[i])
			case 'n':
				out = append(out, '\n')
			case 't':
				out = append(out, '\t')
			case 'r':
				out = append(out, '\r')
			default:
				return "", 0, false
			}
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", 0, false
		default:
			if out != nil {
				out = append(out, c)
			}
		}
	}
	return "", 0, false
}

// patchFlatTable finds what an edit changed in a TOML file whose tables under
// flat were decoded flat, when the edit stays within the key lines of one of
// those tables: then only that table needs decoding again. It compares the
// old and new bytes, widens the difference to whole lines, and returns the
// name of the table ([flat.name]) with the table decoded again from the new
// bytes; name is "" when the bytes are the same. ok is false when the edit
// touches a header line or the lines before the first header, when the
// lines it touches are not in a [flat.name] table, or when the table is not
// simple TOML: then the whole file must be decoded.
//
// The rest of the file is as it was, and was valid: TOML defines a table's
// keys in its section alone once it has a header, so the edited section is
// valid if it is valid on its own.
func PatchFlatTable(old, cur []byte, flat string) (name string, table *FlatTable, ok bool) {
	if bytes.Equal(old, cur) {
		return "", nil, true
	}
	// Whole blocks first: bytes.Equal is much faster than a loop.
	const block = 4096
	n := min(len(old), len(cur))
	prefix := 0
	for prefix+block <= n && bytes.Equal(old[prefix:prefix+block], cur[prefix:prefix+block]) {
		prefix += block
	}
	for prefix < n && old[prefix] == cur[prefix] {
		prefix++
	}
	suffix := 0
	for suffix+block <= n-prefix && bytes.Equal(old[len(old)-suffix-block:len(old)-suffix], cur[len(cur)-suffix-block:len(cur)-suffix]) {
		suffix += block
	}
	for suffix < n-prefix && old[len(old)-1-suffix] == cur[len(cur)-1-suffix] {
		suffix++
	}
	// Widen to whole lines: back to the start of the first changed line, and
	// on to the end of the last one, in both.
	start := bytes.LastIndexByte(cur[:prefix], '\n') + 1
	if i := bytes.IndexByte(cur[len(cur)-suffix:], '\n'); suffix > 0 && (len(cur)-suffix == 0 || cur[len(cur)-suffix-1] != '\n') {
		if i < 0 {
			suffix = 0
		} else {
			suffix -= i + 1
		}
	}
	for _, changed := range [][]byte{old[start : len(old)-suffix], cur[start : len(cur)-suffix]} {
		for _, line := range bytes.Split(changed, []byte("\n")) {
			if line = trimSpace(line); len(line) > 0 && line[0] == '[' {
				return "", nil, false
			}
		}
	}
	// The section holding the change: from the header before it to the
	// header after it.
	from := lastHeader(cur[:start])
	if from < 0 {
		return "", nil, false
	}
	to := len(cur) - suffix
	if next := nextHeader(cur[to:]); next >= 0 {
		to += next
	} else {
		to = len(cur)
	}
	decoded, ok := DecodeSimpleTOML(cur[from:to], flat)
	if !ok || len(decoded) != 1 {
		return "", nil, false
	}
	parent, _ := decoded[flat].(map[string]any)
	if len(parent) != 1 {
		return "", nil, false
	}
	for name, t := range parent {
		table, ok = t.(*FlatTable)
		return name, table, ok
	}
	return "", nil, false
}

// lastHeader returns the offset of the last line of b that starts a table
// ("[", after spaces), or -1.
func lastHeader(b []byte) int {
	for end := len(b); end > 0; {
		i := bytes.LastIndexByte(b[:end-1], '\n') + 1
		if line := trimSpace(b[i:end]); len(line) > 0 && line[0] == '[' {
			return i
		}
		end = i
	}
	return -1
}

// nextHeader returns the offset of the first line of b that starts a table,
// or -1. b starts at the start of a line.
func nextHeader(b []byte) int {
	for i := 0; i < len(b); {
		end := bytes.IndexByte(b[i:], '\n')
		if end < 0 {
			end = len(b)
		} else {
			end += i
		}
		if line := trimSpace(b[i:end]); len(line) > 0 && line[0] == '[' {
			return i
		}
		i = end + 1
	}
	return -1
}

// patchCycle is patchFlatTable for the ratings of a cycle. Files with
// multi-line strings are left to a full decode: a line in one may look like
// a header.
func PatchCycle(old, cur []byte) (pid string, table *FlatTable, ok bool) {
	for _, b := range [][]byte{old, cur} {
		if bytes.Contains(b, []byte(`"""`)) || bytes.Contains(b, []byte("'''")) {
			return "", nil, false
		}
	}
	return PatchFlatTable(old, cur, "ratings")
}

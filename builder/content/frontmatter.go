package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// document is a content file split into its metadata and its markdown body.
type Document struct {
	Meta     map[string]any
	Loc      Locator
	Body     []byte
	BodyLine int // line of the body's first byte in the file

	wordCount sync.Once
	nwords    int
}

// words counts the words of the body, once: a document is kept from build
// to build while its file does not change.
func (d *Document) Words() int {
	d.wordCount.Do(func() { d.nwords = CountWords(d.Body) })
	return d.nwords
}

// countWords counts what strings.Fields would return, without making it.
func CountWords(b []byte) int {
	n := 0
	inWord := false
	for i := 0; i < len(b); {
		var space bool
		if c := b[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRune(b[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// locator finds where a key of a metadata block is written, so that an error
// about its value can point at it.
type Locator interface {
	// key returns the position of the key at path, or of the closest
	// enclosing table that exists.
	Key(path ...string) Pos
	// value returns the position of the value of the key at path.
	Value(path ...string) Pos
	// item returns the position of the string s written in the value of
	// the key at path, such as one id in a list.
	Item(s string, path ...string) Pos
}

// splitFrontMatter cuts a markdown file into front matter and body. TOML
// front matter sits between "+++" lines, YAML between "---" lines. A file
// with neither has no front matter. It returns the format ("toml", "yaml" or
// ""), the front matter, the body and the 1-based line of each.
func SplitFrontMatter(src []byte) (format string, fm []byte, fmLine int, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	switch string(bytes.TrimRight(first, " \t\r")) {
	case "+++":
		format = "toml"
	case "---":
		format = "yaml"
	default:
		return "", nil, 0, src, 1, nil
	}
	delim := string(bytes.TrimRight(first, " \t\r"))
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		next := off + end + 1
		if end < 0 {
			end = len(rest) - off
			next = len(rest) + 1
		}
		if string(bytes.TrimRight(rest[off:off+end], " \t\r")) == delim {
			body = rest[min(next, len(rest)):]
			return format, rest[:off], 2, body, line + 1, nil
		}
		off = next
		line++
	}
	return format, nil, 0, nil, 0, fmt.Errorf("front matter opened with %q on line 1 is never closed", delim)
}

// parseDocument splits and decodes a markdown content file. A decoding error
// comes back as a Diagnostic positioned in the file.
func ParseDocument(path string, src []byte) (*Document, *Diagnostic) {
	format, fm, fmLine, body, bodyLine, err := SplitFrontMatter(src)
	if err != nil {
		return nil, &Diagnostic{Path: path, Line: 1, Col: 1, Msg: err.Error()}
	}
	doc := &Document{Body: body, BodyLine: bodyLine, Meta: map[string]any{}}
	switch format {
	case "toml":
		meta, loc, d := DecodeTOML(path, fm, fmLine, "")
		if d != nil {
			return nil, d
		}
		doc.Meta, doc.Loc = meta, loc
	case "yaml":
		meta, loc, d := decodeYAML(path, fm, fmLine)
		if d != nil {
			return nil, d
		}
		doc.Meta, doc.Loc = meta, loc
	default:
		doc.Loc = tomlLocator{firstLine: 1}
	}
	return doc, nil
}

// decodeTOML decodes a TOML block that starts on line firstLine of path. The
// tables under flat, if it is not empty, may come as *flatTable (see
// decodeSimpleTOML).
func DecodeTOML(path string, src []byte, firstLine int, flat string) (map[string]any, Locator, *Diagnostic) {
	if meta, ok := DecodeSimpleTOML(src, flat); ok {
		return meta, newTOMLLocator(src, firstLine, true), nil
	}
	if off, msg := tomlProblem(src); off >= 0 {
		before := src[:off]
		line := bytes.Count(before, []byte("\n"))
		col := off - (bytes.LastIndexByte(before, '\n') + 1) + 1
		return nil, nil, &Diagnostic{Path: path, Line: firstLine + line, Col: col, Msg: msg}
	}
	meta := map[string]any{}
	if _, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&meta); err != nil {
		d := &Diagnostic{Path: path, Line: firstLine, Col: 1, Msg: "invalid TOML: " + err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			// The decoder can say line 0 for an error at the very end.
			line := max(pe.Position.Line, 1)
			d.Line = firstLine + line - 1
			d.Col = max(pe.Position.Col, 1)
			// Some errors found at the start of a line carry the column of
			// the end of the line before.
			if lines := bytes.Split(src, []byte("\n")); line-1 < len(lines) && d.Col > len(bytes.TrimRight(lines[line-1], "\r"))+1 {
				d.Col = 1
			}
			d.Msg = "invalid TOML: " + pe.Message
		}
		return nil, nil, d
	}
	return meta, newTOMLLocator(src, firstLine, false), nil
}

// MaxDepth is how deep arrays and tables may nest in TOML and YAML: no
// honest content file comes near it, and a decoder that follows a hostile
// file deeper runs out of stack.
const MaxDepth = 100

// tomlProblem finds, in one pass over the TOML in src that skips strings
// and comments, arrays or inline tables nested more than MaxDepth deep, or
// a whole number written in hexadecimal, octal or binary or with
// underscores, which the full decoder takes and which would let a level be
// written several ways. It returns the offset and the message, or -1.
func tomlProblem(src []byte) (int, string) {
	depth := 0
	inValue := false // after a key's "=", or inside brackets
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case c == '\n':
			inValue = depth > 0
		case c == '=':
			inValue = true
		case c == '"' || c == '\'':
			delim := []byte{c}
			if i+2 < len(src) && src[i+1] == c && src[i+2] == c {
				delim = []byte{c, c, c}
			}
			i += len(delim)
			for i < len(src) && !bytes.HasPrefix(src[i:], delim) {
				if c == '"' && src[i] == '\\' {
					i++
					if i >= len(src) {
						break
					}
				}
				if len(delim) == 1 && src[i] == '\n' {
					break // an unclosed string ends with its line
				}
				i++
			}
			i += len(delim) - 1
			// A multi-line string may end with one or two quotes of its
			// own before its closing three.
			for n := 0; len(delim) == 3 && n < 2 && i+1 < len(src) && src[i+1] == c; n++ {
				i++
			}
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				return i, fmt.Sprintf("invalid TOML: arrays and inline tables nested more than %d deep", MaxDepth)
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		case inValue && (c >= '0' && c <= '9' || c == '+' || c == '-') && (i == 0 || !isTOMLWord(src[i-1])):
			if m := oddNumber.Find(src[i:]); m != nil && (i+len(m) == len(src) || !isTOMLWord(src[i+len(m)])) {
				return i, fmt.Sprintf("write whole numbers in plain digits, not %s", m)
			}
			for i+1 < len(src) && isTOMLWord(src[i+1]) {
				i++
			}
		}
	}
	return -1, ""
}

// oddNumber matches a whole number in hexadecimal, octal or binary, or
// with underscores, at the start of a value.
var oddNumber = regexp.MustCompile(`^[+-]?(?:0[xob][0-9A-Fa-f_]+|[0-9]+(?:_[0-9]+)+)`)

// isTOMLWord reports the bytes a bare key, a number or a date is made of.
func isTOMLWord(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-' || c == '+' || c == '.' || c == ':'
}

// decodeYAML decodes a YAML block that starts on line firstLine of path. Keys
// must be strings; dates become time.Time as they do in TOML.
func decodeYAML(path string, src []byte, firstLine int) (map[string]any, Locator, *Diagnostic) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, nil, yamlError(path, src, firstLine, err)
	}
	loc := yamlLocator{root: &root, firstLine: firstLine}
	if len(root.Content) == 0 {
		return map[string]any{}, loc, nil
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, nil, &Diagnostic{Path: path, Line: firstLine + top.Line - 1, Col: top.Column, Msg: "front matter must be a map of keys to values"}
	}
	v, d := yamlValue(path, top, firstLine, 0)
	if d != nil {
		return nil, nil, d
	}
	return v.(map[string]any), loc, nil
}

// yamlError turns a YAML syntax error into a Diagnostic at its line and,
// where it can be found, its column, with a hint for the usual mistakes.
func yamlError(path string, src []byte, firstLine int, err error) *Diagnostic {
	d := &Diagnostic{Path: path, Line: firstLine, Col: 1, Msg: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		d.Msg = "invalid YAML: " + strings.Join(te.Errors, "; ")
		return d
	}
	// The library leaves out the line when it is the first.
	n, msg := 1, strings.TrimPrefix(err.Error(), "yaml: ")
	counted := false
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		num, tail, _ := strings.Cut(rest, ": ")
		if line, convErr := strconv.Atoi(num); convErr == nil {
			n, msg, counted = line, tail, true
		}
	}
	lines := strings.Split(string(src), "\n")
	text := func(n int) string {
		if n >= 1 && n <= len(lines) {
			return lines[n-1]
		}
		return ""
	}
	col := 1
	switch {
	case strings.HasPrefix(msg, "did not find expected ',' or"):
		// The library counts this line from 0 when it is that of the
		// bracket left open, and otherwise gives a later line: point at
		// the nearest open bracket at or above it.
		if counted {
			n++
		}
		for l := min(n, len(lines)); l >= 1; l-- {
			if i := strings.LastIndexAny(text(l), "[{"); i >= 0 {
				n, col = l, i+1
				break
			}
		}
	case msg == "mapping values are not allowed in this context":
		if i := strings.Index(text(n), ": "); i >= 0 {
			if j := strings.Index(text(n)[i+2:], ": "); j >= 0 {
				col = i + 2 + j + 1
			}
		}
		msg += `; a value that holds ": " must be in quotes`
	case msg == "found character that cannot start any token" && strings.HasPrefix(text(n), "\t"):
		msg = "a tab cannot indent YAML; indent with spaces"
	}
	d.Line, d.Col, d.Msg = firstLine+n-1, col, "invalid YAML: "+msg
	return d
}

func yamlValue(path string, n *yaml.Node, firstLine, depth int) (any, *Diagnostic) {
	at := func(msg string) *Diagnostic {
		return &Diagnostic{Path: path, Line: firstLine + n.Line - 1, Col: n.Column, Msg: msg}
	}
	if depth > MaxDepth {
		return nil, at(fmt.Sprintf("invalid YAML: lists and maps nested more than %d deep", MaxDepth))
	}
	switch n.Kind {
	case yaml.AliasNode:
		// A few lines of aliases of aliases expand to gigabytes: front
		// matter has no use for them.
		return nil, at("invalid YAML: aliases (*" + n.Value + ") are not allowed in front matter; write the value out")
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		lines := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &Diagnostic{Path: path, Line: firstLine + k.Line - 1, Col: k.Column, Msg: "invalid YAML: keys must be plain words"}
			}
			if first, dup := lines[k.Value]; dup {
				return nil, &Diagnostic{Path: path, Line: firstLine + k.Line - 1, Col: k.Column, Msg: fmt.Sprintf("invalid YAML: mapping key %q already defined at line %d", k.Value, firstLine+first-1)}
			}
			lines[k.Value] = k.Line
			val, d := yamlValue(path, v, firstLine, depth+1)
			if d != nil {
				return nil, d
			}
			m[k.Value] = val
		}
		return m, nil
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			val, d := yamlValue(path, c, firstLine, depth+1)
			if d != nil {
				return nil, d
			}
			list = append(list, val)
		}
		return list, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int":
			var i int64
			if err := n.Decode(&i); err != nil {
				return nil, at("invalid YAML: " + err.Error())
			}
			return i, nil
		case "!!float":
			var f float64
			if err := n.Decode(&f); err != nil {
				return nil, at("invalid YAML: " + err.Error())
			}
			return f, nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, at("invalid YAML: " + err.Error())
			}
			return b, nil
		case "!!timestamp":
			var t time.Time
			if err := n.Decode(&t); err != nil {
				return nil, at("invalid YAML: " + err.Error())
			}
			return t, nil
		case "!!null":
			return nil, nil
		default:
			return n.Value, nil
		}
	}
	return nil, at("invalid YAML: unsupported value")
}

// yamlLocator finds keys in a decoded YAML node tree.
type yamlLocator struct {
	root      *yaml.Node
	firstLine int
}

func (l yamlLocator) find(path []string) (key, val *yaml.Node) {
	if len(l.root.Content) == 0 {
		return nil, nil
	}
	n := l.root.Content[0]
	for _, p := range path {
		if n.Kind != yaml.MappingNode {
			return key, val
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == p {
				key, val = n.Content[i], n.Content[i+1]
				n, found = val, true
				break
			}
		}
		if !found {
			return key, val
		}
	}
	return key, val
}

func (l yamlLocator) pos(n *yaml.Node) Pos {
	if n == nil {
		return Pos{l.firstLine, 1}
	}
	return Pos{l.firstLine + n.Line - 1, n.Column}
}

func (l yamlLocator) Key(path ...string) Pos {
	k, _ := l.find(path)
	return l.pos(k)
}

func (l yamlLocator) Value(path ...string) Pos {
	_, v := l.find(path)
	return l.pos(v)
}

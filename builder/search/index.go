// Package search makes the site's search index and holds the script that
// reads it in the browser, static/js/search.js, which the default theme
// serves as js/search.js (see [Static]). The search box reads an index the
// build makes, split so that a query
// downloads only the parts it needs (the way Pagefind splits its index):
//
//	search/index.json      the manifest: the sorted terms with the number of
//	                       documents holding each, which shard holds the
//	                       postings of which terms, and the document chunks
//	search/t-<hash>.json   postings of a run of terms: for each term, the
//	                       documents holding it with a precomputed score
//	search/d-<hash>.json   kind, title, summary and URL of a run of documents
//
// The browser loads the manifest on first focus, finds the terms a query
// matches in it (exactly, by prefix, or within one or two typos), fetches
// only the shards holding those terms and then only the document chunks of
// the first results. Shards and chunks are named by their content, so a
// host may cache them for ever. Scores are BM25 over title, summary and
// text with the weights of fieldWeights, computed here so that the browser
// only adds them up.
package search

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"html"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

//go:embed static
var static embed.FS

// Static holds the script that reads the index, at static/js/search.js: the
// default theme's layer below its own files.
var Static fs.FS = static

// TextCap caps the body text indexed per page, at about 2,500 words:
// whole articles are found by any of their words, and a pasted book does
// not swell the index.
const TextCap = 16000

// ShardBytes is the size a shard of postings grows to before the next one
// starts (tests make it small); chunkSize is the number of documents per chunk. A query
// fetches a few shards and at most ten chunks, each a few kilobytes gzipped.
var (
	ShardBytes = 24 << 10
	chunkSize  = 50
)

// fieldWeights are the fields of a document and the weight of a match in
// each: a title match counts most.
var fieldWeights = [...]float64{3, 1.5, 1}

// Doc is one document of the index: every competency, role, team,
// person and article.
type Doc struct {
	Kind    int
	Title   string
	Summary string
	Text    string
	URL     string // relative to the site root
}

// Kinds names the kinds of document, by Doc.Kind.
var Kinds = []string{"Competency", "Role", "Team", "Person", "Article"}

// Manifest is search/index.json.
type Manifest struct {
	Version int      `json:"version"`
	Kinds   []string `json:"kinds"`
	Docs    int      `json:"docs"`
	Terms   []string `json:"terms"`
	DF      []int    `json:"df"`
	Shards  []int    `json:"shards"` // index of the first term of each shard
	Files   []string `json:"files"`  // file of each shard
	Chunk   int      `json:"chunk"`
	Chunks  []string `json:"chunks"` // file of each chunk of documents
}

// Files makes the search index of docs: the manifest and its shards
// and chunks, by path in the output.
func Files(docs []Doc) map[string][]byte {
	// Count each term in each field of each document.
	type count struct {
		doc int
		tf  [len(fieldWeights)]int
	}
	ids := map[string]int{}
	var terms []string
	var postings [][]count
	lengths := make([][len(fieldWeights)]int, len(docs))
	var total [len(fieldWeights)]float64
	local := map[string]int{} // term to its index in counts
	var counts []count
	var in []int // term id of each of counts
	var buf []byte
	for i, d := range docs {
		clear(local)
		counts, in = counts[:0], in[:0]
		for f, text := range [...]string{d.Title, d.Summary, d.Text} {
			buf = eachTerm(text, buf, func(term []byte) {
				lengths[i][f]++
				k, ok := local[string(term)]
				if !ok {
					id, ok := ids[string(term)]
					if !ok {
						id = len(terms)
						terms = append(terms, string(term))
						ids[terms[id]] = id
						postings = append(postings, nil)
					}
					k = len(counts)
					local[terms[id]] = k
					counts = append(counts, count{doc: i})
					in = append(in, id)
				}
				counts[k].tf[f]++
			})
			total[f] += float64(lengths[i][f])
		}
		for k, c := range counts {
			postings[in[k]] = append(postings[in[k]], c)
		}
	}
	var avg [len(fieldWeights)]float64
	for f := range avg {
		avg[f] = max(total[f]/float64(max(len(docs), 1)), 1)
	}
	SortUTF16(terms)

	// BM25 per field, weighted and summed, as an integer.
	const k1, b = 1.2, 0.7
	m := Manifest{Version: 1, Kinds: Kinds, Docs: len(docs), Terms: terms, DF: make([]int, len(terms)), Chunk: chunkSize}
	files := map[string][]byte{}
	add := func(prefix string, data []byte) string {
		sum := sha256.Sum256(data)
		name := prefix + hex.EncodeToString(sum[:5]) + ".json"
		files["search/"+name] = data
		return name
	}
	var shard bytes.Buffer
	flush := func() {
		if shard.Len() == 0 {
			return
		}
		shard.WriteByte(']')
		m.Files = append(m.Files, add("t-", bytes.Clone(shard.Bytes())))
		shard.Reset()
	}
	for i, term := range terms {
		list := postings[ids[term]]
		m.DF[i] = len(list)
		idf := math.Log(1 + (float64(len(docs))-float64(len(list))+0.5)/(float64(len(list))+0.5))
		if shard.Len() >= ShardBytes {
			flush()
		}
		if shard.Len() == 0 {
			m.Shards = append(m.Shards, i)
			shard.WriteByte('[')
		} else {
			shard.WriteByte(',')
		}
		shard.WriteByte('[')
		last := 0
		for j, c := range list {
			score := 0.0
			for f, tf := range c.tf {
				if tf == 0 {
					continue
				}
				norm := 1 - b + b*float64(lengths[c.doc][f])/avg[f]
				score += fieldWeights[f] * idf * float64(tf) * (k1 + 1) / (float64(tf) + k1*norm)
			}
			if j > 0 {
				shard.WriteByte(',')
			}
			shard.WriteString(strconv.Itoa(c.doc - last))
			shard.WriteByte(',')
			shard.WriteString(strconv.Itoa(max(int(math.Round(score*10)), 1)))
			last = c.doc
		}
		shard.WriteByte(']')
	}
	flush()

	for start := 0; start < len(docs); start += chunkSize {
		var chunk [][]any
		for _, d := range docs[start:min(start+chunkSize, len(docs))] {
			chunk = append(chunk, []any{d.Kind, d.Title, clip(d.Summary, 200), d.URL})
		}
		data, _ := json.Marshal(chunk)
		m.Chunks = append(m.Chunks, add("d-", data))
	}
	data, _ := json.Marshal(m)
	files["search/index.json"] = data
	return files
}

// Terms splits text into lower-case words of letters, marks and
// digits, the way the theme's search.js splits a query.
func Terms(text string) []string {
	var terms []string
	eachTerm(text, nil, func(term []byte) { terms = append(terms, string(term)) })
	return terms
}

// eachTerm calls fn with each word of Terms in turn, lower-cased into
// buf, which it returns for reuse.
func eachTerm(text string, buf []byte, fn func(term []byte)) []byte {
	buf = buf[:0]
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				buf = append(buf, c)
				continue
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(text[i:])
			i += n
			if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
				continue
			}
		}
		if len(buf) > 0 {
			fn(buf)
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		fn(buf)
	}
	return buf
}

// SortUTF16 sorts terms in the order of JavaScript's string comparison,
// which compares UTF-16 code units, so that the browser can binary-search
// the list.
func SortUTF16(terms []string) {
	keys := make(map[string][]uint16, len(terms))
	for _, t := range terms {
		keys[t] = utf16.Encode([]rune(t))
	}
	sort.Slice(terms, func(i, j int) bool {
		a, b := keys[terms[i]], keys[terms[j]]
		for k := 0; k < len(a) && k < len(b); k++ {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return len(a) < len(b)
	})
}

// Clip cuts s at about max bytes on a word, with an ellipsis.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	return cutWord(s, max) + "…"
}

// CutWord cuts s at its last space within max bytes, or at max when it has
// none, on a rune boundary.
func cutWord(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < 0 {
		cut = max
		for !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut]
}

// PlainText is the text of rendered HTML, with tags dropped, entities
// decoded and white space collapsed, cut at about max bytes on a word. It
// goes through runs of text rather than rune by rune: tags and white space
// are ASCII, which no byte of a longer UTF-8 sequence is.
func PlainText(h string, max int) string {
	var b strings.Builder
	b.Grow(min(len(h), max*2+utf8.UTFMax)) // the text is shorter than its HTML
	inTag := false
	space := false
	for i := 0; i < len(h) && b.Len() < max*2; i++ {
		switch c := h[i]; {
		case c == '<':
			inTag = true
			space = true
		case c == '>' && inTag:
			inTag = false
		case inTag:
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			space = true
		default:
			j := i + 1
			for j < len(h) && h[j] != '<' && h[j] != ' ' && h[j] != '\n' && h[j] != '\t' && h[j] != '\r' {
				j++
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			// Stop where a rune reaches max*2 bytes.
			if need := max*2 - b.Len(); j-i > need {
				// At least one rune, even after the space that reached it.
				j = i + 1
				if need > 1 {
					j = i + need
				}
				for j < len(h) && !utf8.RuneStart(h[j]) {
					j++
				}
			}
			b.WriteString(h[i:j])
			i = j - 1
		}
	}
	return cutWord(html.UnescapeString(b.String()), max)
}

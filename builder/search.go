package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The search box reads an index the build makes, split so that a query
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
// text with the weights of searchFields, computed here so that the browser
// only adds them up.

// searchText caps the body text indexed per page, at about 2,500 words:
// whole articles are found by any of their words, and a pasted book does
// not swell the index.
const searchText = 16000

// searchShardBytes is the size a shard of postings grows to before the next
// one starts; searchChunk is the number of documents per chunk. A query
// fetches a few shards and at most ten chunks, each a few kilobytes gzipped.
var (
	searchShardBytes = 24 << 10
	searchChunk      = 50
)

// searchFields are the fields of a document and the weight of a match in
// each: a title match counts most.
var searchFields = [...]float64{3, 1.5, 1}

// searchDoc is one document of the index: every competency, role, team,
// person and article.
type searchDoc struct {
	kind    int
	title   string
	summary string
	text    string
	url     string // relative to the site root
}

var searchKinds = []string{"Competency", "Role", "Team", "Person", "Article"}

// searchDocs lists the documents in a fixed order.
func (s *Site) searchDocs() []searchDoc {
	docs := make([]searchDoc, 0, len(s.Competencies)+len(s.Roles)+len(s.Teams)+len(s.People)+len(s.Articles))
	add := func(kind int, title, summary, source, url string) {
		docs = append(docs, searchDoc{kind: kind, title: title, summary: summary, text: s.texts[source], url: url})
	}
	for _, c := range s.Competencies {
		add(0, c.Title, c.Summary, c.Source, "competencies/"+c.ID+"/")
	}
	for _, r := range s.Roles {
		add(1, r.Title, r.Summary, r.Source, "roles/"+r.ID+"/")
	}
	for _, t := range s.Teams {
		add(2, t.Name, t.Description, "", "teams/"+t.ID+"/")
	}
	for _, p := range s.People {
		docs = append(docs, personDoc(p))
	}
	for _, a := range s.Articles {
		add(4, a.Title, a.Summary, a.Source, "articles/"+a.ID+"/")
	}
	return docs
}

// personDoc is a person's document: their name, with job title, team and
// role as its summary.
func personDoc(p *Person) searchDoc {
	summary := p.JobTitle
	for _, part := range [...]string{nameOf(p.Team), titleOf(p.Role)} {
		if part != "" && summary != "" {
			summary += " · " + part
		} else if part != "" {
			summary = part
		}
	}
	return searchDoc{kind: 3, title: p.Name, summary: summary, url: "people/" + p.ID + "/"}
}

func nameOf(t *Team) string {
	if t == nil {
		return ""
	}
	return t.Name
}

func titleOf(r *Role) string {
	if r == nil {
		return ""
	}
	return r.Title
}

// searchManifest is search/index.json.
type searchManifest struct {
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

// searchFiles makes the search index of docs: the manifest and its shards
// and chunks, by path in the output.
func searchFiles(docs []searchDoc) map[string][]byte {
	// Count each term in each field of each document.
	type count struct {
		doc int
		tf  [len(searchFields)]int
	}
	ids := map[string]int{}
	var terms []string
	var postings [][]count
	lengths := make([][len(searchFields)]int, len(docs))
	var total [len(searchFields)]float64
	local := map[string]int{} // term to its index in counts
	var counts []count
	var in []int // term id of each of counts
	var buf []byte
	for i, d := range docs {
		clear(local)
		counts, in = counts[:0], in[:0]
		for f, text := range [...]string{d.title, d.summary, d.text} {
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
	var avg [len(searchFields)]float64
	for f := range avg {
		avg[f] = max(total[f]/float64(max(len(docs), 1)), 1)
	}
	sortUTF16(terms)

	// BM25 per field, weighted and summed, as an integer.
	const k1, b = 1.2, 0.7
	m := searchManifest{Version: 1, Kinds: searchKinds, Docs: len(docs), Terms: terms, DF: make([]int, len(terms)), Chunk: searchChunk}
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
		if shard.Len() >= searchShardBytes {
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
				score += searchFields[f] * idf * float64(tf) * (k1 + 1) / (float64(tf) + k1*norm)
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

	for start := 0; start < len(docs); start += searchChunk {
		var chunk [][]any
		for _, d := range docs[start:min(start+searchChunk, len(docs))] {
			chunk = append(chunk, []any{d.kind, d.title, clip(d.summary, 200), d.url})
		}
		data, _ := json.Marshal(chunk)
		m.Chunks = append(m.Chunks, add("d-", data))
	}
	data, _ := json.Marshal(m)
	files["search/index.json"] = data
	return files
}

// searchTerms splits text into lower-case words of letters, marks and
// digits, the way the theme's search.js splits a query.
func searchTerms(text string) []string {
	var terms []string
	eachTerm(text, nil, func(term []byte) { terms = append(terms, string(term)) })
	return terms
}

// eachTerm calls fn with each word of searchTerms in turn, lower-cased into
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

// sortUTF16 sorts terms in the order of JavaScript's string comparison,
// which compares UTF-16 code units, so that the browser can binary-search
// the list.
func sortUTF16(terms []string) {
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

// clip cuts s at about max bytes on a word, with an ellipsis.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	return cutWord(s, max) + "…"
}

// cutWord cuts s at its last space within max bytes, or at max when it has
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

// plainText is the text of rendered HTML, with tags dropped, entities
// decoded and white space collapsed, cut at about max bytes on a word. It
// goes through runs of text rather than rune by rune: tags and white space
// are ASCII, which no byte of a longer UTF-8 sequence is.
func plainText(h string, max int) string {
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

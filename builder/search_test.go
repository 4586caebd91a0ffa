package builder

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"portal/builder/render"
	"portal/builder/search"
)

// searchReader reads the search index of a build the way search.js does.
type searchReader struct {
	t     testing.TB
	out   *Output
	m     search.Manifest
	shard map[int][][]int
}

func readSearch(t testing.TB, out *Output) *searchReader {
	t.Helper()
	r := &searchReader{t: t, out: out, shard: map[int][][]int{}}
	r.decode("search/index.json", &r.m)
	return r
}

func (r *searchReader) decode(name string, v any) {
	r.t.Helper()
	data, ok := r.out.Files[name]
	if !ok {
		r.t.Fatalf("%s is not in the output", name)
	}
	if err := json.Unmarshal(data, v); err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
}

// postings returns the documents holding term, with their scores.
func (r *searchReader) postings(term string) map[int]int {
	i, found := slices.BinarySearch(r.m.Terms, term)
	if !found {
		return nil
	}
	s := 0
	for s+1 < len(r.m.Shards) && r.m.Shards[s+1] <= i {
		s++
	}
	if _, ok := r.shard[s]; !ok {
		var lists [][]int
		r.decode("search/"+r.m.Files[s], &lists)
		r.shard[s] = lists
	}
	list := r.shard[s][i-r.m.Shards[s]]
	docs := map[int]int{}
	doc := 0
	for k := 0; k < len(list); k += 2 {
		doc += list[k]
		docs[doc] = list[k+1]
	}
	return docs
}

// doc returns kind, title and URL of document i.
func (r *searchReader) doc(i int) (kind, title, url string) {
	var chunk [][]any
	r.decode("search/"+r.m.Chunks[i/r.m.Chunk], &chunk)
	d := chunk[i%r.m.Chunk]
	return r.m.Kinds[int(d[0].(float64))], d[1].(string), d[3].(string)
}

// TestSearchIndex checks the index of the demo, split into small shards: the
// shards hold every term once and in order, every page can be found by
// each word of its title, every document links to a built page, and a title
// word scores higher than the same word deep in a body.
func TestSearchIndex(t *testing.T) {
	defer func(n int) { search.ShardBytes = n }(search.ShardBytes)
	search.ShardBytes = 2 << 10
	out := build(t, fixtureFS(t), Options{})
	r := readSearch(t, out)

	if len(r.m.Files) < 10 || len(r.m.Shards) != len(r.m.Files) || r.m.Shards[0] != 0 {
		t.Fatalf("%d shards starting at %v: want at least 10, the first at term 0", len(r.m.Files), r.m.Shards[:min(1, len(r.m.Shards))])
	}
	sorted := slices.Clone(r.m.Terms)
	search.SortUTF16(sorted)
	if !slices.Equal(sorted, r.m.Terms) || len(slices.Compact(sorted)) != len(r.m.Terms) {
		t.Error("terms are not sorted and unique")
	}
	for s, name := range r.m.Files {
		end := len(r.m.Terms)
		if s+1 < len(r.m.Shards) {
			end = r.m.Shards[s+1]
		}
		var lists [][]int
		r.decode("search/"+name, &lists)
		if len(lists) != end-r.m.Shards[s] {
			t.Errorf("shard %s holds %d terms, want %d", name, len(lists), end-r.m.Shards[s])
		}
		for k, list := range lists {
			if df := r.m.DF[r.m.Shards[s]+k]; len(list) != 2*df {
				t.Errorf("term %q: %d postings, manifest says %d", r.m.Terms[r.m.Shards[s]+k], len(list)/2, df)
			}
		}
	}

	site, err := Load(fixtureFS(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := render.SearchDocs(site)
	if r.m.Docs != len(docs) || len(docs) != len(site.Competencies)+len(site.Roles)+len(site.Teams)+len(site.People)+len(site.Articles) {
		t.Fatalf("index has %d documents for %d pages", r.m.Docs, len(docs))
	}
	for i := range docs {
		kind, title, url := r.doc(i)
		if _, ok := out.Files[url+"index.html"]; !ok {
			t.Errorf("document %d (%s %q) links to %s, which is not built", i, kind, title, url)
		}
		for _, word := range search.Terms(title) {
			if _, ok := r.postings(word)[i]; !ok {
				t.Errorf("%s %q is not found by %q", kind, title, word)
			}
		}
	}
	// Whole articles are indexed: the last word of each finds it too.
	for k, a := range site.Articles {
		i := len(docs) - len(site.Articles) + k
		words := search.Terms(search.PlainText(string(a.Body), 1<<20))
		if _, ok := r.postings(words[len(words)-1])[i]; !ok {
			t.Errorf("article %q is not found by its last word, %q", a.Title, words[len(words)-1])
		}
	}

	// "budget" is in the title of one article and in the text of others.
	var inTitle, inText int
	for doc, score := range r.postings("budget") {
		_, title, _ := r.doc(doc)
		if strings.Contains(strings.ToLower(title), "budget") {
			inTitle = max(inTitle, score)
		} else {
			inText = max(inText, score)
		}
	}
	if inTitle == 0 || inText == 0 || inTitle <= inText {
		t.Errorf("budget: best score in a title %d, in a text %d; want both, the title higher", inTitle, inText)
	}
}

// BenchmarkSearchIndex times making the search index of the site in
// PORTAL_BENCH_SITE (default: the demo).
//
//	PORTAL_BENCH_SITE=/tmp/large go test ./builder -run '^$' -bench SearchIndex
func BenchmarkSearchIndex(b *testing.B) {
	src := os.Getenv("PORTAL_BENCH_SITE")
	if src == "" {
		src = ".."
	}
	site, err := Load(os.DirFS(src), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		search.Files(render.SearchDocs(site))
	}
}

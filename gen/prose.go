package gen

import (
	"strconv"
	"strings"
)

// part is one block of a markdown body. Fixed parts (headings, lists,
// tables, code) are made first, into g.side, so that their words are known;
// paragraphs are then written to fill the rest of the body's word count.
type part struct {
	fixed      bool
	start, end int // the text of a fixed part in g.side
	words      int
	links      []link // sentences with a link, woven into a paragraph
}

// link is a sentence that links to another content file.
type link struct {
	tmpl, text, path string
}

// verb holds the forms of a verb in the order verbs writes them.
type verb struct{ base, singular, gerund string }

var verbForms = func() []verb {
	out := make([]verb, len(verbs))
	for i, v := range verbs {
		f := strings.Split(v, "|")
		out[i] = verb{f[0], f[1], f[2]}
	}
	return out
}()

// fill appends tmpl to b with each $ slot replaced by a random choice.
func (g *generator) fill(b []byte, tmpl string) []byte {
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		if c != '$' || i+1 == len(tmpl) {
			b = append(b, c)
			continue
		}
		i++
		switch tmpl[i] {
		case 'S':
			b = append(b, g.pick(singulars)...)
		case 'P':
			b = append(b, g.pick(plurals)...)
		case 'V':
			b = append(b, verbForms[g.r.IntN(len(verbForms))].singular...)
		case 'B':
			b = append(b, verbForms[g.r.IntN(len(verbForms))].base...)
		case 'G':
			b = append(b, verbForms[g.r.IntN(len(verbForms))].gerund...)
		case 'O':
			b = append(b, g.pick(objects)...)
		case 'A':
			b = append(b, g.pick(adverbs)...)
		case 'T':
			b = append(b, g.pick(times)...)
		case 'E':
			b = append(b, g.pick(events)...)
		case 'X':
			b = append(b, g.pick(outcomes)...)
		case 'C':
			b = append(b, g.topic...)
		case 'J':
			b = append(b, g.pick(adjectives)...)
		case 'N':
			b = append(b, g.pick(numbers)...)
		case 'L':
			b = append(b, g.linkText...)
		case 'U':
			b = append(b, g.linkPath...)
		default:
			b = append(b, '$', tmpl[i])
		}
	}
	return b
}

// sentence appends tmpl filled in, starting with a capital.
func (g *generator) sentence(b []byte, tmpl string) []byte {
	start := len(b)
	b = g.fill(b, tmpl)
	if start < len(b) && 'a' <= b[start] && b[start] <= 'z' {
		b[start] -= 'a' - 'A'
	}
	return b
}

// countWords counts runs of non-space, as the builder counts an article's
// words.
func countWords(b []byte) int {
	n := 0
	in := false
	for _, c := range b {
		space := c == ' ' || c == '\n' || c == '\t' || c == '\r'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

func (g *generator) para() part { return part{} }

// fixedPart records the text appended to g.side since start as a part.
func (g *generator) fixedPart(start int) part {
	return part{fixed: true, start: start, end: len(g.side), words: countWords(g.side[start:])}
}

func (g *generator) heading(text string) part {
	start := len(g.side)
	g.side = append(append(g.side, "## "...), text...)
	return g.fixedPart(start)
}

// list makes a bullet or numbered list of n items from templates; with
// bold, the first item and about a third of the others open with a bold
// phrase.
func (g *generator) list(numbered, bold bool, n int, templates []string) part {
	start := len(g.side)
	for i := range n {
		if i > 0 {
			g.side = append(g.side, '\n')
		}
		if numbered {
			g.side = append(strconv.AppendInt(g.side, int64(i+1), 10), ". "...)
		} else {
			g.side = append(g.side, "- "...)
		}
		if bold && (i == 0 || g.r.IntN(3) == 0) {
			g.side = append(g.sentence(append(g.side, "**"...), "$B $O"), "**: "...)
		}
		g.side = g.sentence(g.side, g.pick(templates))
	}
	return g.fixedPart(start)
}

// table makes a GFM table of three columns.
func (g *generator) table() part {
	start := len(g.side)
	t := articleTables[g.r.IntN(len(articleTables))]
	g.side = append(g.side, '|')
	for _, h := range t.header {
		g.side = append(append(append(g.side, ' '), h...), " |"...)
	}
	g.side = append(g.side, '\n', '|')
	for range t.header {
		g.side = append(g.side, " --- |"...)
	}
	for range 3 + g.r.IntN(3) {
		g.side = append(g.side, '\n', '|')
		for _, cell := range t.cells {
			g.side = append(g.sentence(append(g.side, ' '), cell), " |"...)
		}
	}
	return g.fixedPart(start)
}

// code makes a fenced code block: a meeting agenda or a routine as YAML.
func (g *generator) code() part {
	start := len(g.side)
	steps := 3 + g.r.IntN(3)
	if g.r.IntN(2) == 0 {
		g.side = g.sentence(append(g.side, "```text\n"...), "$G $O")
		var agenda []byte
		sum := 0
		for range steps {
			m := [...]int{5, 10, 15}[g.r.IntN(3)]
			sum += m
			agenda = append(agenda, '\n')
			if m < 10 {
				agenda = append(agenda, ' ')
			}
			agenda = g.fill(append(strconv.AppendInt(agenda, int64(m), 10), " min  "...), "$O")
		}
		g.side = append(strconv.AppendInt(append(g.side, ", "...), int64(sum), 10), " minutes"...)
		g.side = append(append(g.side, agenda...), "\n```"...)
		return g.fixedPart(start)
	}
	g.side = g.fill(append(g.side, "```yaml\nroutine: "...), "$G $O")
	g.side = g.fill(append(g.side, "\nwhen: "...), "$T")
	g.side = g.fill(append(g.side, "\nowner: "...), "$S")
	g.side = append(g.side, "\nsteps:"...)
	for range steps {
		g.side = g.fill(append(g.side, "\n  - "...), "$B $O")
	}
	g.side = append(g.side, "\n```"...)
	return g.fixedPart(start)
}

// writeBody appends the parts to g.buf as a markdown body of about target
// words: each paragraph takes an even share of what the fixed parts leave,
// so that an early paragraph running long shortens the later ones, and the
// body ends at most one sentence past target.
func (g *generator) writeBody(target int, parts ...part) {
	fixed, paras := 0, 0
	for _, pt := range parts {
		if pt.fixed {
			fixed += pt.words
		} else {
			paras++
		}
	}
	words := 0
	for _, pt := range parts {
		if pt.fixed {
			g.buf = append(append(g.buf, g.side[pt.start:pt.end]...), "\n\n"...)
			words += pt.words
			fixed -= pt.words
			continue
		}
		words += g.paragraph((target-words-fixed)/paras, pt.links)
		paras--
	}
	g.buf = g.buf[:len(g.buf)-1]
}

// paragraph appends sentences until they reach budget words, with the
// link sentences after the first one, and returns the words written.
func (g *generator) paragraph(budget int, links []link) int {
	start := len(g.buf)
	words := 0
	if g.r.IntN(6) == 0 {
		g.buf = append(g.buf, g.pick(leadIns)...)
		words = countWords(g.buf[start:])
	}
	for i := 0; i == 0 || words < budget || len(links) > 0; i++ {
		mark := len(g.buf)
		if mark > start {
			g.buf = append(g.buf, ' ')
		}
		if i > 0 && len(links) > 0 {
			g.linkText, g.linkPath = links[0].text, links[0].path
			g.buf = g.sentence(g.buf, links[0].tmpl)
			links = links[1:]
		} else {
			g.buf = g.sentence(g.buf, g.pick(sentenceTemplates))
		}
		words += countWords(g.buf[mark:])
	}
	g.buf = append(g.buf, "\n\n"...)
	return words
}

// Package charts builds the options of the portal's charts: the radar or
// dot plot of a person or role, a person's levels over time, the skills
// matrix of a team and the level distribution of a competency.
//
// It takes plain data (labels, levels, series) and returns ECharts options as
// a JSON string. The JSON is meant to be written into a page through html/template
// inside a <script type="application/json"> element and drawn by one static
// script; go-echarts' own rendered script is never used, because it does not
// escape user strings. The options hold no JavaScript functions, only
// ECharts' string formatters, so the pages also work under a strict
// Content-Security-Policy.
//
// The options are the ones go-echarts makes from its option types (opts) and
// encoding/json, byte for byte: TestSameAsGoEcharts builds both from the same
// data and compares them. The charts drawn once per person are written
// directly because a large site has one per person: go-echarts builds a map of its option structs, which
// encoding/json then walks by reflection, about 50 µs for a radar of 32 axes;
// writing the same bytes takes about 3 µs.
//
// Strings are escaped as encoding/json escapes them: besides quotes,
// backslashes and control characters, <, > and & become \u003c, \u003e and
// \u0026, and U+2028 and U+2029 are escaped too. No string can close the
// script element the JSON sits in.
package charts

import (
	"slices"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// Palette holds colours that stay distinct in the common forms of colour
// blindness (Okabe and Ito): blue for the current level, orange for the target,
// grey for the previous assessment.
var Palette = []string{"#0072B2", "#E69F00", "#7f7f7f", "#009E73", "#CC79A7"}

// Series is one set of values of a radar, a dot plot or a line chart: a
// value for every axis, row or point, or nil where there is none.
type Series struct {
	Name   string
	Values []*int
	Dashed bool // on a radar, drawn as a dashed line without fill, as targets are
	Tick   bool // on a dot plot, drawn as a tick, as targets are
	Hidden bool // on a line chart, left out until picked in the legend
}

// Range is the value axis of a line chart: its name and its bounds.
type Range struct {
	Name     string
	Min, Max int
}

// Scale is the proficiency scale the charts plot against.
type Scale struct {
	Min, Max int
	Names    []string // level names, lowest first
}

// Axis is one axis of a chart: its name, and the colour its name is drawn
// in, or "" for the theme's.
type Axis struct {
	Name, Colour string
}

// Radar plots series against axes on the scale. The axes run clockwise
// from the top in the order given, as a table beside it reads down. The
// first series is drawn on top of the others and listed first in the
// legend. A radar needs at least three axes to be a shape, and reads best
// with 5 to 16; callers use a dot plot otherwise.
func Radar(title string, axes []Axis, scale Scale, series []Series) string {
	w := newWriter(256 + 48*len(axes)*(1+len(series)))
	w.headColours(drawOrder(len(series)))
	w.raw(`"legend":{"show":`)
	w.bool(len(series) > 1)
	w.raw(`,"bottom":"0","data":[`)
	for i, s := range series {
		w.comma(i)
		w.str(s.Name)
	}
	w.raw(`]},"radar":{`)
	if len(axes) > 0 {
		w.raw(`"indicator":[`)
		for i := range axes {
			a := axes[clockwise(i, len(axes))]
			w.comma(i)
			w.raw(`{`)
			w.nonEmpty("name", a.Name)
			w.nonZero("max", scale.Max)
			w.nonZero("min", scale.Min)
			w.nonEmpty("color", a.Colour)
			w.raw(`}`)
		}
		w.raw(`]`)
	}
	w.key("shape")
	w.raw(`"polygon"`)
	w.nonZero("splitNumber", scale.Max-scale.Min)
	w.raw(`,"center":["50%","47%"],"splitArea":{"show":false},"radius":"58%"},"series":[`)
	for i := range series {
		s := series[len(series)-1-i]
		w.comma(i)
		w.raw(`{`)
		w.nonEmpty("name", s.Name)
		w.key("type")
		w.raw(`"radar","data":[{`)
		w.nonEmpty("name", s.Name)
		w.key("value")
		w.raw(`[`)
		for j := range s.Values {
			w.comma(j)
			w.level(s.Values[clockwise(j, len(s.Values))])
		}
		if s.Dashed {
			w.raw(`]}],"lineStyle":{"width":2,"type":"dashed"}}`)
		} else {
			w.raw(`]}],"lineStyle":{"width":2},"areaStyle":{"opacity":0.15}}`)
		}
	}
	w.raw(`],`)
	w.tail(title, "item")
	w.raw(`}`)
	return w.string()
}

// clockwise is the place in the order given of the i-th of n radar axes.
// ECharts lays a radar's axes out anticlockwise from the top, so the first
// stays on top and the others come in reverse.
func clockwise(i, n int) int {
	if i == 0 {
		return 0
	}
	return n - i
}

// drawOrder is the palette for n series drawn last first: each series keeps
// the colour of its place in the order given (Current blue, target orange,
// previous grey) while the first is drawn last, on top.
func drawOrder(n int) []string {
	n = min(n, len(Palette))
	out := make([]string, 0, len(Palette))
	for i := n - 1; i >= 0; i-- {
		out = append(out, Palette[i])
	}
	return append(out, Palette[n:]...)
}

// DotPlot plots series against the scale, one row per axis, top to bottom
// in the order given: a dot for each value, or for a series marked Tick (a
// target) a tick. The first series is drawn on top, filled, and listed
// first in the legend; the others are hollow. Unlike a radar it reads at any number of rows, if the chart grows
// with them (see RowHeight); the level axis is at the top, beside the
// legend, where the first rows are.
func DotPlot(title string, rows []Axis, scale Scale, series []Series) string {
	w := newWriter(512 + 64*len(rows)*(1+len(series)))
	w.headColours(drawOrder(len(series)))
	w.raw(`"grid":[{"left":"8","top":"56","right":"24","bottom":"8","containLabel":true}],"legend":{"show":`)
	w.bool(len(series) > 1)
	w.raw(`,"top":"0","data":`)
	names := make([]string, len(series))
	for i, s := range series {
		names[i] = s.Name
	}
	w.strs(names)
	w.raw(`},"series":[`)
	for i := range series {
		k := len(series) - 1 - i
		s := series[k]
		w.comma(i)
		w.raw(`{`)
		w.nonEmpty("name", s.Name)
		w.key("type")
		w.raw(`"scatter"`)
		symbol, size := dotSymbol(k, s)
		w.raw(`,"symbol":`)
		w.str(symbol)
		w.raw(`,"symbolSize":`)
		if len(size) == 1 {
			w.int(size[0])
		} else {
			w.raw(`[`)
			w.int(size[0])
			w.raw(`,`)
			w.int(size[1])
			w.raw(`]`)
		}
		w.raw(`,"data":`)
		n := 0
		for j, v := range s.Values {
			if v == nil || j >= len(rows) {
				continue
			}
			if n == 0 {
				w.raw(`[`)
			}
			w.comma(n)
			n++
			w.raw(`{`)
			w.nonEmpty("name", rows[j].Name)
			w.key("value")
			w.raw(`[`)
			w.int(*v)
			w.raw(`,`)
			w.int(j)
			w.raw(`]}`)
		}
		if n == 0 {
			w.raw(`null}`)
		} else {
			w.raw(`]}`)
		}
	}
	w.raw(`],`)
	w.tail(title, "item")
	w.b = w.b[:len(w.b)-1]
	w.raw(`,"formatter":"{b}: {a} {@[0]}"},"xAxis":[{"position":"top","type":"value","min":`)
	w.int(scale.Min)
	w.raw(`,"max":`)
	w.int(scale.Max)
	w.raw(`,"minInterval":1,"maxInterval":1,"splitLine":{"show":true}}],"yAxis":[{"type":"category","inverse":true,"data":[`)
	for i, r := range rows {
		w.comma(i)
		w.raw(`{"value":`)
		w.str(r.Name)
		if r.Colour != "" {
			w.raw(`,"textStyle":{"color":`)
			w.str(r.Colour)
			w.raw(`}`)
		}
		w.raw(`}`)
	}
	w.raw(`],"splitLine":{"show":true},"axisLabel":{"interval":"0","showMinLabel":null,"showMaxLabel":null}}]}`)
	return w.string()
}

// RowHeight is the height in pixels a dot plot gives each row, enough for
// a label of two lines; DotPlotHeight the whole chart's.
const RowHeight = 30

// DotPlotHeight is the height in pixels of a dot plot of n rows: the rows,
// the legend and the level axis above them.
func DotPlotHeight(n int) int { return 72 + RowHeight*n }

// dotSymbol is the mark of the k-th series of a dot plot and its size.
func dotSymbol(k int, s Series) (string, []int) {
	switch {
	case s.Tick:
		return "rect", []int{3, 20}
	case k == 0:
		return "circle", []int{13}
	}
	return "emptyCircle", []int{11}
}

// rowLabel is a row's name on a dot plot's axis, in its colour if it has one.
type rowLabel struct {
	Value     string     `json:"value"`
	TextStyle *rowColour `json:"textStyle,omitempty"`
}

type rowColour struct {
	Color string `json:"color"`
}

// Lines plots series over the points of xs, one line each, drawn in
// colours; a line bridges a point it has no value at. A hidden series is
// listed in the legend but drawn only once picked there.
func Lines(title string, xs []string, y Range, colours []string, series []Series) string {
	w := newWriter(512 + 16*len(xs)*(1+len(series)) + 48*len(series))
	w.headColours(colours)
	w.raw(`"grid":[{"left":"8","top":"32","right":"24","bottom":"48","containLabel":true}],"legend":{"type":"scroll","show":`)
	w.bool(len(series) > 1)
	w.raw(`,"bottom":"0","data":`)
	names := make([]string, len(series))
	var hidden []string
	for i, s := range series {
		names[i] = s.Name
		if s.Hidden {
			hidden = append(hidden, s.Name)
		}
	}
	w.strs(names)
	if len(hidden) > 0 {
		// As encoding/json writes a map: each key once, sorted.
		slices.Sort(hidden)
		hidden = slices.Compact(hidden)
		w.raw(`,"selected":{`)
		for i, name := range hidden {
			w.comma(i)
			w.str(name)
			w.raw(`:false`)
		}
		w.raw(`}`)
	}
	w.raw(`},"series":[`)
	for i, s := range series {
		w.comma(i)
		w.raw(`{`)
		w.nonEmpty("name", s.Name)
		w.key("type")
		w.raw(`"line","connectNulls":true,"symbolSize":8,"data":`)
		if len(s.Values) == 0 {
			w.raw(`[],"animation":false}`)
			continue
		}
		w.raw(`[`)
		for j, v := range s.Values {
			w.comma(j)
			w.raw(`{"value":`)
			w.level(v)
			w.raw(`}`)
		}
		w.raw(`],"animation":false}`)
	}
	w.raw(`],`)
	w.tail(title, "axis")
	w.raw(`,"xAxis":[{"type":"category","data":`)
	w.strs(xs)
	w.raw(`,"axisLabel":{"interval":"0","showMinLabel":null,"showMaxLabel":null,"hideOverlap":true}}],"yAxis":[{`)
	w.nonEmpty("name", y.Name)
	w.key("type")
	w.raw(`"value","min":`)
	w.int(y.Min)
	w.raw(`,"max":`)
	w.int(y.Max)
	w.raw(`,"minInterval":1}]}`)
	return w.string()
}

// Distribution plots how many people are at each level of the scale.
func Distribution(title string, levels []string, counts []int) string {
	w := newWriter(512 + 24*len(levels))
	w.head()
	w.raw(`"grid":[{"left":"8","top":"32","right":"8","bottom":"8","containLabel":true}],"legend":{"show":false},"series":[{`)
	w.nonEmpty("name", title)
	w.key("type")
	w.raw(`"bar","data":[`)
	for i, n := range counts {
		w.comma(i)
		w.raw(`{"value":`)
		w.int(n)
		w.raw(`}`)
	}
	w.raw(`],"label":{"show":true,"position":"top"}}],`)
	w.tail(title, "axis")
	w.raw(`,"xAxis":[{"type":"category","data":`)
	w.strs(levels)
	w.raw(`,"axisLabel":{"interval":"0","showMinLabel":null,"showMaxLabel":null}}],"yAxis":[{"name":"people","type":"value","minInterval":1}]}`)
	return w.string()
}

// writer appends JSON to a buffer. Keys come in the order go-echarts gives
// them: the top-level ones sorted, as encoding/json sorts a map's keys, and
// those inside in the order of the fields of go-echarts' option types.
type writer struct{ b []byte }

func newWriter(size int) *writer { return &writer{b: make([]byte, 0, size)} }

// string returns what was written, without a copy: the writer is not used
// after it, as with strings.Builder.
func (w *writer) string() string { return unsafe.String(unsafe.SliceData(w.b), len(w.b)) }

func (w *writer) raw(s string) { w.b = append(w.b, s...) }

func (w *writer) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

func (w *writer) bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

// key starts a member of the object being written.
func (w *writer) key(k string) {
	if w.b[len(w.b)-1] != '{' {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':')
}

// nonZero writes key and n unless n is 0, as omitempty leaves it out.
func (w *writer) nonZero(key string, n int) {
	if n != 0 {
		w.key(key)
		w.int(n)
	}
}

// nonEmpty writes key and s unless s is empty, as omitempty leaves it out.
func (w *writer) nonEmpty(key, s string) {
	if s != "" {
		w.key(key)
		w.str(s)
	}
}

func (w *writer) comma(i int) {
	if i > 0 {
		w.b = append(w.b, ',')
	}
}

// level writes a level, or ECharts' "-" for none.
func (w *writer) level(v *int) {
	if v == nil {
		w.raw(`"-"`)
	} else {
		w.int(*v)
	}
}

// head writes the options every chart starts with.
func (w *writer) head() { w.headColours(Palette) }

// headColours writes the options every chart starts with, with the series'
// colours in the order they are drawn.
func (w *writer) headColours(colours []string) {
	w.raw(`{"animation":false,"aria":{"enabled":true},"color":`)
	w.strs(colours)
	w.raw(`,`)
}

// tail writes the title (hidden: the page has its own heading), the empty
// toolbox and the tooltip.
func (w *writer) tail(title, trigger string) {
	w.raw(`"title":{"show":false`)
	w.nonEmpty("text", title)
	w.raw(`},"toolbox":{},"tooltip":{"show":true,"trigger":`)
	w.str(trigger)
	w.raw(`}`)
}

func (w *writer) strs(list []string) {
	if list == nil {
		w.raw(`null`)
		return
	}
	w.b = append(w.b, '[')
	for i, s := range list {
		w.comma(i)
		w.str(s)
	}
	w.b = append(w.b, ']')
}

const hex = "0123456789abcdef"

// str writes s as a JSON string, escaped as encoding/json escapes it.
func (w *writer) str(s string) {
	b := append(w.b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	w.b = append(b, '"')
}

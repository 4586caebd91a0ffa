package charts

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

var scale = Scale{Min: 0, Max: 4, Names: []string{"Not yet", "Aware", "Practising", "Skilled", "Role model"}}

func level(n int) *int { return &n }

func decode(t *testing.T, raw []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("options are not JSON: %v\n%s", err, raw)
	}
	return m
}

// TestRadar checks that each series is its own radar series (so the legend
// can toggle it), that axes run from the scale's bottom to its top, and that a
// missing value is ECharts' "-" rather than a zero. ECharts lays axes out
// anticlockwise and draws later series over earlier ones: the options put
// the axes in the order that reads clockwise from the top, and Current last,
// on top, in its own colour (blue), while the legend keeps the order given.
func TestRadar(t *testing.T) {
	raw := Radar("Ana", []Axis{{"Vision", "#0066aa"}, {"Coaching", ""}, {"Feedback", "#a3400b"}, {"Planning", ""}}, scale, []Series{
		{Name: "Current", Values: []*int{level(2), nil, level(1), level(0)}},
		{Name: "Role target", Values: []*int{level(3), level(3), level(2), level(4)}, Dashed: true},
	})
	m := decode(t, []byte(raw))
	series := m["series"].([]any)
	if len(series) != 2 {
		t.Fatalf("%d series, want 2", len(series))
	}
	target, cur := series[0].(map[string]any), series[1].(map[string]any)
	if cur["name"] != "Current" || target["name"] != "Role target" {
		t.Fatalf("series drawn in the order %v, %v; want Current last, on top", target["name"], cur["name"])
	}
	values := cur["data"].([]any)[0].(map[string]any)["value"].([]any)
	if got, _ := json.Marshal(values); string(got) != `[2,0,1,"-"]` {
		t.Errorf("current values = %s, want [2,0,1,\"-\"] (Vision, Planning, Feedback, Coaching)", got)
	}
	if target["lineStyle"].(map[string]any)["type"] != "dashed" {
		t.Errorf("target series is not dashed: %v", target)
	}
	if colours := m["color"].([]any); colours[1] != Palette[0] || colours[0] != Palette[1] {
		t.Errorf("colours %v: Current must keep %s and the target %s", colours, Palette[0], Palette[1])
	}
	radar := m["radar"].(map[string]any)
	var names []string
	for _, i := range radar["indicator"].([]any) {
		ind := i.(map[string]any)
		names = append(names, ind["name"].(string))
		if ind["max"] != 4.0 {
			t.Errorf("indicator %v: max is not the scale's top", ind)
		}
		if c, want := ind["color"], map[string]any{"Vision": "#0066aa", "Feedback": "#a3400b"}[ind["name"].(string)]; want != nil && c != want || want == nil && c != nil {
			t.Errorf("indicator %v: colour %v, want %v", ind["name"], c, want)
		}
	}
	if got := strings.Join(names, ", "); got != "Vision, Planning, Feedback, Coaching" {
		t.Errorf("indicators %s; want Vision, Planning, Feedback, Coaching (clockwise from the top as ECharts draws them)", got)
	}
	if radar["radius"] == nil {
		t.Errorf("radar has no radius: %v", radar)
	}
	legend := m["legend"].(map[string]any)["data"].([]any)
	if len(legend) != 2 || legend[0] != "Current" || legend[1] != "Role target" {
		t.Errorf("legend = %v", legend)
	}
}

// TestDotPlot checks the rows top to bottom in the order given with their
// colours, a dot per value and none for a missing one, the target as a tick,
// and Current drawn last, filled and blue.
func TestDotPlot(t *testing.T) {
	raw := DotPlot("Ana", []Axis{{"Vision", "#0066aa"}, {"Coaching", ""}, {"Feedback", ""}}, scale, []Series{
		{Name: "Current", Values: []*int{level(2), nil, level(1)}},
		{Name: "Role target", Values: []*int{level(3), level(3), nil}, Dashed: true, Tick: true},
		{Name: "Previous", Values: []*int{level(1), nil, nil}, Dashed: true},
	})
	m := decode(t, []byte(raw))
	y := m["yAxis"].([]any)[0].(map[string]any)
	if y["inverse"] != true {
		t.Errorf("rows run bottom to top: %v", y)
	}
	if got, _ := json.Marshal(y["data"]); string(got) != `[{"textStyle":{"color":"#0066aa"},"value":"Vision"},{"value":"Coaching"},{"value":"Feedback"}]` {
		t.Errorf("rows = %s", got)
	}
	series := m["series"].([]any)
	var order []string
	points := map[string]string{}
	for _, s := range series {
		s := s.(map[string]any)
		order = append(order, s["name"].(string)+" "+s["symbol"].(string))
		b, _ := json.Marshal(s["data"])
		points[s["name"].(string)] = string(b)
	}
	if got := strings.Join(order, ", "); got != "Previous emptyCircle, Role target rect, Current circle" {
		t.Errorf("series drawn as %s; want Current last, filled, the target a tick", got)
	}
	if got := points["Current"]; got != `[{"name":"Vision","value":[2,0]},{"name":"Feedback","value":[1,2]}]` {
		t.Errorf("current points = %s", got)
	}
	if got := points["Role target"]; got != `[{"name":"Vision","value":[3,0]},{"name":"Coaching","value":[3,1]}]` {
		t.Errorf("target points = %s", got)
	}
	if colours := m["color"].([]any); colours[2] != Palette[0] || colours[1] != Palette[1] || colours[0] != Palette[2] {
		t.Errorf("colours %v: Current, target and previous must keep %v", colours, Palette[:3])
	}
	x := m["xAxis"].([]any)[0].(map[string]any)
	if x["min"] != 0.0 || x["max"] != 4.0 || x["minInterval"] != 1.0 {
		t.Errorf("level axis = %v, want the scale 0 to 4 in steps of 1", x)
	}
}

// TestDistribution checks one bar per level with its count.
func TestDistribution(t *testing.T) {
	raw := Distribution("Vision", scale.Names, []int{0, 3, 5, 1, 0})
	m := decode(t, []byte(raw))
	xs := m["xAxis"].([]any)[0].(map[string]any)["data"].([]any)
	data := m["series"].([]any)[0].(map[string]any)["data"].([]any)
	if len(xs) != 5 || xs[4] != "Role model" || len(data) != 5 || data[2].(map[string]any)["value"] != 5.0 {
		t.Errorf("x = %v, data = %v", xs, data)
	}
}

// TestEscaping checks that strings that close a script element come out of
// the options escaped, so the JSON can sit inside <script> safely even before
// html/template escapes it again.
func TestEscaping(t *testing.T) {
	name := `</script><script>alert(1)</script>`
	raw := DotPlot(name, []Axis{{Name: name}}, scale, []Series{{Name: name, Values: []*int{level(1)}}})
	if strings.Contains(raw, "</script") || strings.Contains(raw, "<") {
		t.Errorf("raw markup in options: %s", raw)
	}
	m := decode(t, []byte(raw))
	if m["yAxis"].([]any)[0].(map[string]any)["data"].([]any)[0].(map[string]any)["value"] != name {
		t.Errorf("the name did not survive the round trip")
	}
}

// TestSameAsGoEcharts builds each chart from the same random data with the
// writers of this package and with go-echarts' option types (reference_test.go)
// and compares the bytes. The data has strings with markup, quotes, control
// characters, line separators, invalid UTF-8 and non-Latin scripts, missing
// levels, and scales starting at 0 and at 1.
func TestSameAsGoEcharts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"Ana", "Coaching", "</script>", `"quoted"`, `back\slash`, "a & b", "<b>", "tab\there", "line\nbreak",
		"\u2028", "\u2029", "\x00\x1f\x7f", "\xff\xfe", "Zoë Ångström", "李小龙", "🙂", "", " "}
	str := func() string {
		var b strings.Builder
		for range rng.IntN(4) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	strs := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = str()
		}
		return out
	}
	levels := func(n int, sc Scale) []*int {
		out := make([]*int, n)
		for i := range out {
			if rng.IntN(5) > 0 {
				out[i] = level(sc.Min + rng.IntN(sc.Max-sc.Min+1))
			}
		}
		return out
	}
	same := func(what string, got []byte, want []byte, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Fatalf("%s differs from go-echarts':\n got: %s\nwant: %s", what, got, want)
		}
	}
	for i := range 300 {
		sc := Scale{Min: i % 2, Max: 3 + rng.IntN(4)}
		sc.Names = strs(sc.Max - sc.Min + 1)
		axes := make([]Axis, rng.IntN(40))
		for j := range axes {
			axes[j].Name = str()
			if rng.IntN(2) == 0 {
				axes[j].Colour = CategoryColours[rng.IntN(len(CategoryColours))]
			}
		}
		var series []Series
		for range 1 + rng.IntN(3) {
			series = append(series, Series{Name: str(), Values: levels(len(axes), sc), Dashed: rng.IntN(2) == 0, Tick: rng.IntN(2) == 0})
		}
		title := str()
		want, err := refRadar("id", title, axes, sc, series)
		same("radar", []byte(Radar(title, axes, sc, series)), want, err)
		names := strs(rng.IntN(6))
		for j := range series {
			series[j].Hidden = rng.IntN(2) == 0
			series[j].Values = levels(len(names), sc)
		}
		y := Range{Name: str(), Min: sc.Min, Max: sc.Max}
		want, err = refLines("id", title, names, y, CategoryColours, series)
		same("lines", []byte(Lines(title, names, y, CategoryColours, series)), want, err)
		want, err = refDotPlot("id", title, axes, sc, series)
		same("dot plot", []byte(DotPlot(title, axes, sc, series)), want, err)

		counts := make([]int, len(sc.Names))
		for j := range counts {
			counts[j] = rng.IntN(3) * rng.IntN(200)
		}
		want, err = refDistribution("id", title, sc.Names, counts)
		same("distribution", []byte(Distribution(title, sc.Names, counts)), want, err)
	}
}

// BenchmarkRadar times the options of a person's radar: 32 axes, 3 series.
func BenchmarkRadar(b *testing.B) {
	axes := make([]Axis, 32)
	values := make([]*int, len(axes))
	for i := range axes {
		axes[i] = Axis{"Influencing Without Authority", CategoryColours[i/8]}
		values[i] = level(i % 5)
	}
	series := []Series{{Name: "Current", Values: values}, {Name: "Role target", Values: values, Dashed: true}, {Name: "Previous", Values: values, Dashed: true}}
	b.Run("writer", func(b *testing.B) {
		for b.Loop() {
			Radar("Someone: current levels against role targets", axes, scale, series)
		}
	})
	b.Run("go-echarts", func(b *testing.B) {
		for b.Loop() {
			refRadar("id", "Someone: current levels against role targets", axes, scale, series)
		}
	})
}

package charts

import (
	"encoding/json"
	"strings"
	"testing"
)

var scale = Scale{Min: 0, Max: 4, Names: []string{"Not yet", "Aware", "Practising", "Skilled", "Role model"}}

func level(n int) *int { return &n }

func decode(t *testing.T, raw json.RawMessage) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("options are not JSON: %v\n%s", err, raw)
	}
	return m
}

// TestRadar checks that each series is its own radar series (so the legend
// can toggle it), that axes run from the scale's bottom to its top, and that a
// missing value is ECharts' "-" rather than a zero.
func TestRadar(t *testing.T) {
	raw, err := Radar("r", "Ana", []string{"Vision", "Coaching", "Feedback"}, scale, []Series{
		{Name: "Current", Values: []*int{level(2), nil, level(1)}},
		{Name: "Role target", Values: []*int{level(3), level(3), level(2)}, Dashed: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, raw)
	series := m["series"].([]any)
	if len(series) != 2 {
		t.Fatalf("%d series, want 2", len(series))
	}
	cur := series[0].(map[string]any)
	values := cur["data"].([]any)[0].(map[string]any)["value"].([]any)
	if values[0] != 2.0 || values[1] != "-" || values[2] != 1.0 {
		t.Errorf("current values = %v, want [2 - 1]", values)
	}
	if series[1].(map[string]any)["lineStyle"].(map[string]any)["type"] != "dashed" {
		t.Errorf("target series is not dashed: %v", series[1])
	}
	radar := m["radar"].(map[string]any)
	ind := radar["indicator"].([]any)
	if len(ind) != 3 || ind[0].(map[string]any)["max"] != 4.0 || ind[1].(map[string]any)["name"] != "Coaching" {
		t.Errorf("indicators = %v", ind)
	}
	if radar["radius"] == nil {
		t.Errorf("radar has no radius: %v", radar)
	}
	legend := m["legend"].(map[string]any)["data"].([]any)
	if len(legend) != 2 || legend[1] != "Role target" {
		t.Errorf("legend = %v", legend)
	}
}

// TestHeatmap checks the cell layout: the first row is drawn at the top, a
// missing level is "-", and the colour scale spans the whole scale.
func TestHeatmap(t *testing.T) {
	raw, err := Heatmap("h", "Ops", []string{"Ana", "Ben"}, []string{"Vision", "Coaching"},
		[][]*int{{level(1), nil}, {level(0), level(4)}}, scale)
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, raw)
	ys := m["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	if ys[0] != "Ben" || ys[1] != "Ana" {
		t.Errorf("y axis = %v, want Ben at the bottom and Ana on top", ys)
	}
	data := m["series"].([]any)[0].(map[string]any)["data"].([]any)
	var cells []string
	for _, d := range data {
		v := d.(map[string]any)["value"].([]any)
		b, _ := json.Marshal(v)
		cells = append(cells, string(b))
	}
	if got, want := strings.Join(cells, " "), `[0,1,1] [1,1,"-"] [0,0,0] [1,0,4]`; got != want {
		t.Errorf("cells = %s, want %s", got, want)
	}
	vm := m["visualMap"].([]any)[0].(map[string]any)
	if vm["type"] != "continuous" || vm["max"] != 4.0 || len(vm["inRange"].(map[string]any)["color"].([]any)) != len(Sequential) {
		t.Errorf("visualMap = %v", vm)
	}
}

// TestDistribution checks one bar per level with its count.
func TestDistribution(t *testing.T) {
	raw, err := Distribution("d", "Vision", scale.Names, []int{0, 3, 5, 1, 0})
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, raw)
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
	raw, err := Heatmap("h", name, []string{name}, []string{"A"}, [][]*int{{level(1)}}, scale)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "</script") || strings.Contains(string(raw), "<") {
		t.Errorf("raw markup in options: %s", raw)
	}
	m := decode(t, raw)
	if m["yAxis"].([]any)[0].(map[string]any)["data"].([]any)[0] != name {
		t.Errorf("the name did not survive the round trip")
	}
}

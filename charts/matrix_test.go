package charts

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestMatrix checks the skills matrix's layout: the first row on top, every
// row and column named, a cell for each text with its status as the
// value the colours follow (a heatmap's third, by index), none for an empty cell, and the escaping of
// names that could close the script element.
func TestMatrix(t *testing.T) {
	raw := Matrix("Ops", []string{"Ana", "</script>", "At or above target"}, []Axis{{"Vision", "#0066aa"}, {"Coaching", ""}},
		[][]Cell{{{"3", Below}, {}}, {{"4", Above}, {"2", AtTarget}}, {{"0", Nobody}, {"1", OnlyOne}}})
	if strings.Contains(raw, "</script") {
		t.Fatalf("raw markup in the options: %s", raw)
	}
	m := decode(t, []byte(raw))
	y := m["yAxis"].([]any)[0].(map[string]any)
	if y["inverse"] != true || len(y["data"].([]any)) != 3 || y["data"].([]any)[1] != "</script>" {
		t.Errorf("y axis = %v", y)
	}
	var cells []string
	for _, d := range m["series"].([]any)[0].(map[string]any)["data"].([]any) {
		b, _ := json.Marshal(d.(map[string]any)["value"])
		cells = append(cells, string(b))
	}
	if got, want := strings.Join(cells, " "), `[0,0,0,"3"] [0,1,2,"4"] [1,1,1,"2"] [0,2,4,"0"] [1,2,5,"1"]`; got != want {
		t.Errorf("cells = %s, want %s", got, want)
	}
	vm := m["visualMap"].([]any)[0].(map[string]any)
	if vm["type"] != "piecewise" || vm["dimension"] != 2.0 || len(vm["pieces"].([]any)) != len(StatusColours) {
		t.Errorf("visualMap = %v", vm)
	}
	if p := vm["pieces"].([]any)[0].(map[string]any); p["value"] != 0.0 {
		t.Errorf("the first piece takes %v, want the value 0 alone", p)
	}
	if p := vm["pieces"].([]any)[5].(map[string]any); p["value"] != 5.0 || p["color"] != StatusColours[OnlyOne] {
		t.Errorf("piece of a single point of failure = %v", p)
	}
	for i, c := range StatusColours {
		if r := Contrast(c, "#111111"); r < 4.5 {
			t.Errorf("%s (%s): cell text at %.2f:1", StatusNames[i], c, r)
		}
	}
}

package charts

import (
	"encoding/json"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Status is what a cell of a skills matrix says of a member against their
// role's target, or what the coverage row says of a competency; it picks
// the cell's colour.
type Status int

const (
	Below    Status = iota // under the member's target
	AtTarget               // at it
	Above                  // above it
	NoTarget               // rated, with no target in the member's role
	Nobody                 // coverage: nobody at or above target
	OnlyOne                // coverage: one person, a single point of failure
	Several                // coverage: two or more
)

// StatusColours are the colours of the statuses, pale enough for black
// text at 4.5:1 or more, orange against blue for colour-blind eyes.
var StatusColours = []string{"#f4a259", "#a6cee3", "#6fa8dc", "#e2e2e2", "#f29e9e", "#ffd27f", "#c7e6c1"}

// CellText is the colour of the text in a skills matrix's cells.
const CellText = "#111111"

// StatusNames say what each status means, for the key.
var StatusNames = []string{"below target", "at target", "above target", "no target", "nobody at target", "one person at target", "two or more at target"}

// Cell is one cell of a skills matrix: the text it shows (a level, a count)
// and its status. A cell with no text is left out, uncoloured.
type Cell struct {
	Text   string
	Status Status
}

// MatrixHeight is the height in pixels of a skills matrix of n rows:
// room for the competencies' names above, and a row each.
func MatrixHeight(n int) int { return 150 + 30*n }

// MatrixWidth is the width in pixels below which a skills matrix of n
// columns scrolls sideways rather than squeezing its cells.
func MatrixWidth(n int) int { return 180 + 30*n }

// Matrix plots a skills matrix: a row per label in rows, top to bottom, a
// column per axis in columns, with the competencies' names above it; each
// cell holds its text and the colour of its status. It is drawn once per
// team, so it is built from go-echarts' option types.
func Matrix(title string, rows []string, columns []Axis, cells [][]Cell) string {
	h := charts.NewHeatMap()
	xs := make([]rowLabel, len(columns))
	for i, c := range columns {
		xs[i] = rowLabel{Value: c.Name}
		if c.Colour != "" {
			xs[i].TextStyle = &rowColour{Color: c.Colour}
		}
	}
	pieces := make([]piece, len(StatusColours))
	for k, c := range StatusColours {
		pieces[k] = piece{Value: k, Color: c}
	}
	h.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "matrix"}),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: title}),
		charts.WithColorsOpts(opts.Colors(Palette)),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "8", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{
			Type: "category", Position: "top", Data: xs,
			AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 90, Width: 120, Overflow: "truncate"},
			SplitArea: &opts.SplitArea{Show: opts.Bool(false)},
		}),
		charts.WithYAxisOpts(opts.YAxis{
			Type: "category", Inverse: opts.Bool(true), Data: rows,
			AxisLabel: &opts.AxisLabel{Interval: "0"},
		}),
		charts.WithVisualMapOpts(opts.VisualMap{
			Type: "piecewise", Show: opts.Bool(false), Calculable: opts.Bool(false),
		}),
	)
	var data []opts.HeatMapData
	for r, row := range cells {
		for c, cell := range row {
			if cell.Text != "" {
				data = append(data, opts.HeatMapData{Value: [4]any{c, r, int(cell.Status), cell.Text}})
			}
		}
	}
	h.AddSeries(title, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{@[3]}", Color: CellText}))
	h.Validate()
	m := h.JSON()
	// ECharts colours a cell by its last value unless told which:
	// go-echarts writes the dimension as a string, which ECharts takes
	// for a name, so it is set here as the number it is. go-echarts'
	// pieces leave out a bound of 0, which makes the first piece take
	// every value; these name the one value each takes.
	m["visualMap"] = []statusMap{{VisualMap: m["visualMap"].([]opts.VisualMap)[0], Dimension: 2, Pieces: pieces}}
	b, err := json.Marshal(m)
	if err != nil {
		// The options are plain data: marshalling them cannot fail.
		panic("charts: the options of a skills matrix: " + err.Error())
	}
	return string(b)
}

// statusMap is go-echarts' visual map, whose colours follow the value of a
// cell at Dimension: its status.
type statusMap struct {
	opts.VisualMap
	Dimension int     `json:"dimension"`
	Pieces    []piece `json:"pieces"`
}

// piece gives the cells of one status their colour.
type piece struct {
	Value int    `json:"value"`
	Color string `json:"color"`
}

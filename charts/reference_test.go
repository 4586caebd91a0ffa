package charts

// The options as go-echarts makes them from its option types, with
// encoding/json. The writers in charts.go must give the same bytes; see
// TestSameAsGoEcharts.

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// radarComponent adds the radius, which go-echarts' type lacks, so that long
// axis names fit beside the radar.
type radarComponent struct {
	opts.RadarComponent
	Radius string `json:"radius,omitempty"`
}

func marshal(c interface {
	Validate()
	JSON() map[string]any
}, edit func(map[string]any)) (json.RawMessage, error) {
	c.Validate()
	m := c.JSON()
	if edit != nil {
		edit(m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("chart options: %w", err)
	}
	return b, nil
}

func base(id, title string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: title}),
		charts.WithColorsOpts(opts.Colors(Palette)),
	}
}

// refRadar plots series against axes on the scale. A radar needs at least three
// axes to be a shape; callers fall back to the table with fewer.
func refRadar(id, title string, axes []string, scale Scale, series []Series) (json.RawMessage, error) {
	r := charts.NewRadar()
	var radar opts.RadarComponent
	indicators := make([]*opts.Indicator, len(axes))
	for i, a := range axes {
		indicators[i] = &opts.Indicator{Name: a, Max: float32(scale.Max), Min: float32(scale.Min)}
	}
	r.SetGlobalOptions(append(base(id, title),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(series) > 1), Bottom: "0"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
	)...)
	radar = opts.RadarComponent{
		Indicator:   indicators,
		Shape:       "polygon",
		SplitNumber: scale.Max - scale.Min,
		Center:      []string{"50%", "47%"},
		SplitArea:   &opts.SplitArea{Show: opts.Bool(false)},
	}
	for _, s := range series {
		values := make([]any, len(s.Values))
		for i, v := range s.Values {
			if v == nil {
				values[i] = "-"
			} else {
				values[i] = *v
			}
		}
		opt := []charts.SeriesOpts{charts.WithLineStyleOpts(opts.LineStyle{Width: 2})}
		if s.Dashed {
			opt = []charts.SeriesOpts{charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Type: "dashed"})}
		} else {
			opt = append(opt, charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.15)}))
		}
		r.AddSeries(s.Name, []opts.RadarData{{Name: s.Name, Value: values}}, opt...)
	}
	return marshal(r, func(m map[string]any) {
		m["radar"] = radarComponent{RadarComponent: radar, Radius: "58%"}
	})
}

// refHeatmap plots a matrix of levels: one row per label in rows, one column per
// label in columns; cells[row][col] is nil where there is no level.
func refHeatmap(id, title string, rows, columns []string, cells [][]*int, scale Scale) (json.RawMessage, error) {
	h := charts.NewHeatMap()
	// ECharts draws the first category at the bottom of the y axis; reverse
	// the rows so the matrix reads top to bottom like its table.
	ys := make([]string, len(rows))
	for i, r := range rows {
		ys[len(rows)-1-i] = r
	}
	h.SetGlobalOptions(append(base(id, title),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "8", Bottom: "60", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{
			Type:      "category",
			Data:      columns,
			AxisLabel: &opts.AxisLabel{Rotate: 40, Interval: "0"},
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)},
		}),
		charts.WithYAxisOpts(opts.YAxis{
			Type:      "category",
			Data:      ys,
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)},
		}),
		charts.WithVisualMapOpts(opts.VisualMap{
			Type:       "continuous",
			Min:        float32(scale.Min),
			Max:        float32(scale.Max),
			Calculable: opts.Bool(false),
			Orient:     "horizontal",
			Left:       "center",
			Bottom:     "0",
			Text:       []string{scale.Names[len(scale.Names)-1], scale.Names[0]},
			InRange:    &opts.VisualMapInRange{Color: Sequential},
		}),
	)...)
	var data []opts.HeatMapData
	for r, row := range cells {
		y := len(rows) - 1 - r
		for c, v := range row {
			var value any = "-"
			if v != nil {
				value = *v
			}
			data = append(data, opts.HeatMapData{Value: [3]any{c, y, value}})
		}
	}
	h.AddSeries(title, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true)}))
	return marshal(h, nil)
}

// refDistribution plots how many people are at each level of the scale.
func refDistribution(id, title string, levels []string, counts []int) (json.RawMessage, error) {
	b := charts.NewBar()
	b.SetGlobalOptions(append(base(id, title),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "32", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1, Name: "people"}),
	)...)
	b.SetXAxis(levels)
	data := make([]opts.BarData, len(counts))
	for i, n := range counts {
		data[i] = opts.BarData{Value: n}
	}
	b.AddSeries(title, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	return marshal(b, nil)
}

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
func refRadar(id, title string, axes []Axis, scale Scale, series []Series) (json.RawMessage, error) {
	r := charts.NewRadar()
	var radar opts.RadarComponent
	// ECharts lays the axes out anticlockwise: the first stays on top, the
	// others are given in reverse to run clockwise.
	order := make([]int, len(axes))
	for i := range order {
		order[i] = (len(axes) - i) % len(axes)
	}
	indicators := make([]*opts.Indicator, len(axes))
	for i, k := range order {
		a := axes[k]
		indicators[i] = &opts.Indicator{Name: a.Name, Max: float32(scale.Max), Min: float32(scale.Min), Color: a.Colour}
	}
	r.SetGlobalOptions(append(base(id, title),
		charts.WithColorsOpts(opts.Colors(drawOrder(len(series)))),
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
	// The first series is drawn last, on top.
	for k := len(series) - 1; k >= 0; k-- {
		s := series[k]
		values := make([]any, len(s.Values))
		for i := range s.Values {
			v := s.Values[(len(s.Values)-i)%len(s.Values)]
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
		// The legend lists the series in the order given.
		legend := m["legend"].(opts.Legend)
		legend.Data = names(series)
		m["legend"] = legend
	})
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

func names(series []Series) []string {
	out := make([]string, len(series))
	for i, s := range series {
		out[i] = s.Name
	}
	return out
}

// refDotPlot plots series against the scale, one row per axis: see DotPlot.
func refDotPlot(id, title string, rows []Axis, scale Scale, series []Series) (json.RawMessage, error) {
	sc := charts.NewScatter()
	labels := make([]rowLabel, len(rows))
	for i, r := range rows {
		labels[i] = rowLabel{Value: r.Name}
		if r.Colour != "" {
			labels[i].TextStyle = &rowColour{Color: r.Colour}
		}
	}
	sc.SetGlobalOptions(append(base(id, title),
		charts.WithColorsOpts(opts.Colors(drawOrder(len(series)))),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(series) > 1), Top: "0"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}: {a} {@[0]}"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "56", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{
			Type: "value", Position: "top", Min: scale.Min, Max: scale.Max, MinInterval: 1, MaxInterval: 1,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true)},
		}),
		charts.WithYAxisOpts(opts.YAxis{
			Type: "category", Inverse: opts.Bool(true), Data: labels,
			AxisLabel: &opts.AxisLabel{Interval: "0"},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true)},
		}),
	)...)
	for i := len(series) - 1; i >= 0; i-- {
		s := series[i]
		var data []opts.ScatterData
		for j, v := range s.Values {
			if v != nil && j < len(rows) {
				data = append(data, opts.ScatterData{Name: rows[j].Name, Value: []int{*v, j}})
			}
		}
		symbol, size := dotSymbol(i, s)
		var symbolSize any = size
		if len(size) == 1 {
			symbolSize = size[0]
		}
		sc.AddSeries(s.Name, data, charts.WithScatterChartOpts(opts.ScatterChart{Symbol: symbol, SymbolSize: symbolSize}))
	}
	return marshal(sc, func(m map[string]any) {
		legend := m["legend"].(opts.Legend)
		legend.Data = names(series)
		m["legend"] = legend
	})
}

// refLines plots series over the points of xs: see Lines.
func refLines(id, title string, xs []string, y Range, colours []string, series []Series) (json.RawMessage, error) {
	l := charts.NewLine()
	hidden := map[string]bool{}
	for _, s := range series {
		if s.Hidden {
			hidden[s.Name] = false
		}
	}
	if len(hidden) == 0 {
		hidden = nil
	}
	l.SetGlobalOptions(append(base(id, title),
		charts.WithColorsOpts(opts.Colors(colours)),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(series) > 1), Type: "scroll", Bottom: "0", Selected: hidden}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "32", Bottom: "48", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", HideOverlap: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: y.Name, Min: y.Min, Max: y.Max, MinInterval: 1}),
	)...)
	l.SetXAxis(xs)
	for _, s := range series {
		data := make([]opts.LineData, len(s.Values))
		for i, v := range s.Values {
			if v == nil {
				data[i] = opts.LineData{Value: "-"}
			} else {
				data[i] = opts.LineData{Value: *v}
			}
		}
		l.AddSeries(s.Name, data, charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(true), SymbolSize: 8}))
	}
	return marshal(l, func(m map[string]any) {
		legend := m["legend"].(opts.Legend)
		legend.Data = names(series)
		m["legend"] = legend
	})
}

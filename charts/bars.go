package charts

import (
	"encoding/json"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// BarSeries is one series of a bar chart: a value per row.
type BarSeries struct {
	Name   string
	Colour string
	Values []float64
}

// BarsHeight is the height in pixels of a bar chart of n rows and series
// series: room for the axis, the legend where there are several series,
// and a row each.
func BarsHeight(n, series int) int {
	if series > 1 {
		return 104 + RowHeight*n
	}
	return 80 + RowHeight*n
}

// Bars plots a value per row as a horizontal bar, a row per label in
// rows, top to bottom, measured on an axis named unit. Several series
// stack when stacked and stand side by side when not. Values are written
// to two decimals, and each bar is labelled with its value when there is
// one series. An organisation has one chart of each: it is built from
// go-echarts' option types.
func Bars(title string, rows []Axis, unit string, series []BarSeries, stacked bool) string {
	b := charts.NewBar()
	bottom := "8"
	if len(series) > 1 {
		bottom = "32" // the legend's room
	}
	ys := make([]rowLabel, len(rows))
	for i, r := range rows {
		ys[i] = rowLabel{Value: r.Name}
		if r.Colour != "" {
			ys[i].TextStyle = &rowColour{Color: r.Colour}
		}
	}
	names := make([]string, len(series))
	for i, s := range series {
		names[i] = s.Name
	}
	b.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: title}),
		charts.WithColorsOpts(opts.Colors(Palette)),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(series) > 1), Bottom: "0", Data: names}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "40", Top: "36", Bottom: bottom, ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: unit, NameLocation: "middle", NameGap: 24, Position: "top", MinInterval: minInterval(series)}),
		charts.WithYAxisOpts(opts.YAxis{
			Type: "category", Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Interval: "0", Width: 240, Overflow: "truncate"},
		}),
	)
	b.SetXAxis(ys).XYReversal()
	for _, s := range series {
		data := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.BarData{Value: math.Round(v*100) / 100}
		}
		var so []charts.SeriesOpts
		if s.Colour != "" {
			so = append(so, charts.WithItemStyleOpts(opts.ItemStyle{Color: s.Colour}))
		}
		if stacked {
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "all"}))
		}
		if len(series) == 1 {
			so = append(so, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
		}
		b.AddSeries(s.Name, data, so...)
	}
	b.Validate()
	out, err := json.Marshal(b.JSON())
	if err != nil {
		// The options are plain data: marshalling them cannot fail.
		panic("charts: the options of a bar chart: " + err.Error())
	}
	return string(out)
}

// minInterval is 1 where every value is whole, so that an axis of counts
// has no half steps; 0 (unset) otherwise.
func minInterval(series []BarSeries) float64 {
	for _, s := range series {
		for _, v := range s.Values {
			if v != math.Trunc(v) {
				return 0
			}
		}
	}
	return 1
}

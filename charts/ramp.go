package charts

import (
	"fmt"
	"math"
)

// viridis are nine evenly spaced stops of the viridis ramp, from which a
// scale of any length takes its colours.
var viridis = [9][3]float64{
	{0x44, 0x01, 0x54}, {0x47, 0x2d, 0x7b}, {0x3b, 0x52, 0x8b}, {0x2c, 0x72, 0x8e}, {0x21, 0x91, 0x8c},
	{0x28, 0xae, 0x80}, {0x5e, 0xc9, 0x62}, {0xad, 0xdc, 0x30}, {0xfd, 0xe7, 0x25},
}

// Ramp returns n colours evenly spaced along the viridis ramp, darkest
// first, as #rrggbb: the colours of a scale of n levels, for badges and
// heatmaps alike. Viridis reads in colour-blind vision and in greyscale
// print, and runs from dark to light, so each step differs in lightness.
// With 5 it gives the five colours the heatmaps had before (see TestRamp).
func Ramp(n int) []string {
	out := make([]string, n)
	for i := range n {
		t := 0.0
		if n > 1 {
			t = float64(i) / float64(n-1)
		}
		x := t * float64(len(viridis)-1)
		k := min(int(x), len(viridis)-2)
		f := x - float64(k)
		var c [3]int
		for j := range c {
			c[j] = int(math.Round(viridis[k][j] + (viridis[k+1][j]-viridis[k][j])*f))
		}
		out[i] = fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
	}
	return out
}

// TextOn returns the colour of text on a background of colour bg (as
// #rrggbb): black or white, whichever contrasts more. One of the two always
// reaches 4.5:1, the WCAG AA level for normal text.
func TextOn(bg string) string {
	if Contrast(bg, "#000000") >= Contrast(bg, "#ffffff") {
		return "#000000"
	}
	return "#ffffff"
}

// Contrast is the WCAG contrast ratio of two colours given as #rrggbb.
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is the WCAG relative luminance of a colour given as #rrggbb.
func luminance(hex string) float64 {
	var r, g, b int
	fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
	lin := func(c int) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// CategoryColours are the colours of the names of competencies on a chart,
// one per category in turn, in light mode: eight hues far apart, each at
// 4.5:1 or more on white. CategoryColoursDark are the same hues for dark
// mode, at 4.5:1 or more on the dark page.
var (
	CategoryColours     = []string{"#0066aa", "#a3400b", "#00745a", "#8a3d86", "#6b5a00", "#b0126b", "#4b5bb8", "#555f6d"}
	CategoryColoursDark = []string{"#7fbfff", "#ff9e6b", "#5ed3a8", "#e19ee0", "#e3cf5b", "#ff8fc0", "#a9b4ff", "#c3cad6"}
)

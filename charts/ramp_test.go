package charts

import (
	"slices"
	"testing"
)

// TestRamp checks the colours of scales of 2 to 10 levels: darkest first
// and lighter at every step, each badge's text at 4.5:1 or more, and a
// ramp of 5 the heatmap ramp the charts used before.
func TestRamp(t *testing.T) {
	for n := 2; n <= 10; n++ {
		ramp := Ramp(n)
		if len(ramp) != n || ramp[0] != "#440154" || ramp[n-1] != "#fde725" {
			t.Errorf("Ramp(%d) = %v, want %d colours from #440154 to #fde725", n, ramp, n)
		}
		for i, c := range ramp {
			if r := Contrast(c, TextOn(c)); r < 4.5 {
				t.Errorf("Ramp(%d)[%d] = %s: text %s at %.2f:1, under 4.5:1", n, i, c, TextOn(c), r)
			}
			if i > 0 && luminance(c) <= luminance(ramp[i-1]) {
				t.Errorf("Ramp(%d)[%d] = %s is no lighter than the level below, %s", n, i, c, ramp[i-1])
			}
		}
	}
	// The five-colour viridis ramp the team heatmap used before the ramp.
	sequential := []string{"#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"}
	if got := Ramp(5); !slices.Equal(got, sequential) {
		t.Errorf("Ramp(5) = %v, want %v", got, sequential)
	}
	if got := Contrast("#ffffff", "#000000"); got < 20.99 || got > 21.01 {
		t.Errorf("contrast of white on black = %.2f, want 21", got)
	}
}

// TestCategoryColours checks that the names of competencies, drawn in
// their category's colour, read at 4.5:1 or more on the light page and its
// soft panels, and on the dark page and its panels.
func TestCategoryColours(t *testing.T) {
	if len(CategoryColours) != len(CategoryColoursDark) {
		t.Fatalf("%d light colours, %d dark", len(CategoryColours), len(CategoryColoursDark))
	}
	for i := range CategoryColours {
		for _, bg := range []string{"#ffffff", "#f5f7fa"} {
			if c := Contrast(CategoryColours[i], bg); c < 4.5 {
				t.Errorf("%s on %s: %.2f:1", CategoryColours[i], bg, c)
			}
		}
		for _, bg := range []string{"#12161d", "#1b212b"} {
			if c := Contrast(CategoryColoursDark[i], bg); c < 4.5 {
				t.Errorf("%s on %s: %.2f:1", CategoryColoursDark[i], bg, c)
			}
		}
	}
}

package builder

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"portal/builder/seal"
	"portal/charts"
	"portal/internal/browsertest"
)

// exported makes an export of the open page in the browser, as its button
// would, and returns the file's name and bytes.
func exported(t *testing.T, b *browsertest.Browser, id, format string, sheet int) (string, []byte) {
	t.Helper()
	js := `(async () => {
		const f = await window.portalExport(` + "`" + id + "`" + `, '` + format + `', ` + string(rune('0'+sheet)) + `);
		const bytes = new Uint8Array(await f.blob.arrayBuffer());
		let s = '';
		for (const x of bytes) s += String.fromCharCode(x);
		return {name: f.name, data: btoa(s)};
	})()`
	got, err := chromedp.Run(b.Context(), chromedp.Evaluate[struct{ Name, Data string }](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	data, err := base64.StdEncoding.DecodeString(got.Data)
	if err != nil {
		t.Fatal(err)
	}
	return got.Name, data
}

// TestBrowserExports makes the downloads of a team page of the wide preset,
// published open, and of the insights in the browser, and reads them back:
// the workbook opens in excelize with every sheet, the levels as numbers
// coloured as on the page and the header frozen; each CSV matches its sheet.
func TestBrowserExports(t *testing.T) {
	out := build(t, os.DirFS(wideSite(t)), Options{})
	srv := serveOutput(t, out)
	b := browsertest.New(t)
	b.Open(t, srv.URL+"/teams/beacon-billing/", true)
	visible, err := chromedp.Run(b.Context(), chromedp.Evaluate[bool](`!document.querySelector('[data-export]').hidden`))
	if err != nil || !visible {
		t.Fatalf("the download buttons are hidden (%v)", err)
	}
	name, data := exported(t, b, "export-team-beacon-billing", "xlsx", 0)
	if name != "beacon-billing-skills-matrix.xlsx" {
		t.Errorf("workbook named %s", name)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Levels", "Targets", "Shortfall", "List"}) {
		t.Errorf("sheets %v", got)
	}
	rows, err := f.GetRows("Levels")
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["teams/beacon-billing/index.html"])
	members := strings.Count(page, `<tr data-i="`)
	if len(rows) != members+1 || rows[0][0] != "Member" || rows[0][1] != "Role" || len(rows[0]) != 2+70 {
		t.Errorf("Levels: %d rows for %d members, header %q…", len(rows), members, rows[0][:3])
	}
	// Size 70 person's row: a level in every column, each coloured as the
	// page colours it.
	ramp := charts.Ramp(8)
	fills := fillColours(t, data)
	found := false
	for r, row := range rows {
		if len(row) == 0 || row[0] != "Size 70 person" {
			continue
		}
		found = true
		for c := 2; c < len(row); c++ {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if row[c] == "" {
				continue
			}
			style, _ := f.GetCellStyle("Levels", cell)
			level := int(row[c][0] - '0')
			if got, want := fills[style], "FF"+strings.ToUpper(ramp[level][1:]); got != want {
				t.Errorf("%s, level %d, is filled %s, want %s", cell, level, got, want)
				break
			}
		}
	}
	if !found {
		t.Error("no row for Size 70 person")
	}
	panes, err := f.GetPanes("Levels")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 2 {
		t.Errorf("Levels' panes: %+v (%v)", panes, err)
	}
	list, _ := f.GetRows("List")
	csvName, csvData := exported(t, b, "export-team-beacon-billing", "csv", 3)
	if csvName != "beacon-billing-skills-matrix-list.csv" || !bytes.HasPrefix(csvData, []byte("\ufeffMember,Role,Competency,Level,Target,Shortfall\r\n")) {
		t.Errorf("%s starts %q", csvName, csvData[:min(60, len(csvData))])
	}
	if n := bytes.Count(csvData, []byte("\r\n")); n != len(list) {
		t.Errorf("the list has %d lines as CSV and %d rows in the workbook", n, len(list))
	}

	b.Open(t, srv.URL+"/insights/", true)
	_, data = exported(t, b, "export-insights", "xlsx", 0)
	f, err = excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the insights' workbook does not open: %v", err)
	}
	gaps, _ := f.GetRows("Gaps")
	if len(gaps) < 2 || gaps[0][0] != "Competency" {
		t.Errorf("Gaps: %q", gaps)
	}
	insights := string(out.Files["insights/index.html"])
	if want := strings.Count(insights[strings.Index(insights, `id="gaps"`):strings.Index(insights, `id="coverage"`)], `<tr><th scope="row">`); len(gaps)-1 != want {
		t.Errorf("Gaps has %d rows, the page's table %d", len(gaps)-1, want)
	}
}

// fillColours reads a workbook's styles and returns the colour each cell
// style fills with (as ARGB), by style index: excelize reports fill colours
// only in a workbook with a theme.
func fillColours(t *testing.T, data []byte) map[int]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var sheet struct {
		Fills []struct {
			Fg struct {
				RGB string `xml:"rgb,attr"`
			} `xml:"patternFill>fgColor"`
		} `xml:"fills>fill"`
		Xfs []struct {
			Fill int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/styles.xml" {
			continue
		}
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.NewDecoder(r).Decode(&sheet); err != nil {
			t.Fatal(err)
		}
		r.Close()
	}
	out := map[int]string{}
	for i, xf := range sheet.Xfs {
		if xf.Fill < len(sheet.Fills) {
			out[i] = sheet.Fills[xf.Fill].Fg.RGB
		}
	}
	return out
}

// TestBrowserPrivateExport checks that a private team page's export is
// made from the page once it is opened: the data is sealed with it.
func TestBrowserPrivateExport(t *testing.T) {
	site, out, err := Build(publishedAs(t, "private", ""), Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range out.Files {
		if strings.Contains(string(data), `"sheets":`) && !strings.HasPrefix(name, "insights/") && !strings.HasPrefix(name, "teams/") {
			t.Errorf("%s holds an export in the clear", name)
		}
	}
	u := site.TeamMembersURL("customer-operations")
	page := out.Files[u+"index.html"]
	if bytes.Contains(page, []byte("Amara")) || bytes.Contains(page, []byte(`"sheets":`)) {
		t.Fatalf("the team's private page holds its export in the clear")
	}
	open := string(unseal(t, u+"index.html", page, seal.Team("customer-operations")))
	if !strings.Contains(open, `id="export-team-customer-operations"`) || !strings.Contains(open, "Amara Okafor") {
		t.Errorf("the opened page has no export of its matrix")
	}
	public := string(out.Files["teams/customer-operations/index.html"])
	if !strings.Contains(public, `id="export-team-customer-operations"`) || strings.Contains(public, "Amara") || !strings.Contains(public, `"name":"Levels in the team"`) {
		t.Errorf("the public team page does not offer its counts alone")
	}
	srv := serveOutput(t, out)
	b := browsertest.New(t)
	b.Open(t, srv.URL+"/"+u+"#k="+seal.NewKeys(testSecret).Fragment(seal.Team("customer-operations")), true)
	_, data := exported(t, b, "export-team-customer-operations", "csv", 0)
	if !bytes.Contains(data, []byte("Amara Okafor")) {
		t.Errorf("the export made in the opened page lacks its members: %.200s", data)
	}
}

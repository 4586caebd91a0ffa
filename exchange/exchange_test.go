package exchange

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"

	"portal/builder"
	"portal/builder/model"
	"portal/builder/seal"
	"portal/gen"
)

// site is a small portal to import into: a 0-3 scale (Not yet, Basic,
// Good, Expert), Planning, Talking and Coding in Work and an Impact in both
// Work and Craft, a team and two people, and a manager review (m1) that
// rated both.
func site(t *testing.T, extra map[string]string) *model.Site {
	t.Helper()
	files := map[string]string{
		"site.toml": "title = \"T\"\n[privacy]\npublish = \"open\"\n" +
			"[[scale]]\nlevel = 0\nname = \"Not yet\"\n[[scale]]\nlevel = 1\nname = \"Basic\"\n[[scale]]\nlevel = 2\nname = \"Good\"\n[[scale]]\nlevel = 3\nname = \"Expert\"\n",
		"content/competencies/work/_index.md":  "+++\ntitle = \"Work\"\norder = 1\n+++\n",
		"content/competencies/work/plan.md":    "+++\ntitle = \"Planning\"\norder = 1\n+++\n",
		"content/competencies/work/talk.md":    "+++\ntitle = \"Talking\"\norder = 2\n+++\n",
		"content/competencies/work/code.md":    "+++\ntitle = \"Coding\"\norder = 3\n+++\n",
		"content/competencies/work/impact.md":  "+++\ntitle = \"Impact\"\norder = 4\n+++\n",
		"content/competencies/craft/_index.md": "+++\ntitle = \"Craft\"\norder = 2\n+++\n",
		"content/competencies/craft/reach.md":  "+++\ntitle = \"Impact\"\norder = 1\n+++\n",
		"content/roles/dev.md":                 "+++\ntitle = \"Developer\"\n[targets]\nplan = 2\ncode = 3\n+++\n",
		"content/teams/alpha.toml":             "name = \"Alpha\"\n",
		"content/people/ann.toml":              "name = \"Ann Ash\"\nteam = \"alpha\"\nrole = \"dev\"\n",
		"content/people/bob.toml":              "name = \"Bob Birch\"\nteam = \"alpha\"\nrole = \"dev\"\n",
		"content/assessments/m1.toml":          "title = \"M1\"\ndate = 2026-01-15\nkind = \"manager\"\n\n[ratings.ann]\nplan = 1\ntalk = 2\n\n[ratings.bob]\ncode = 2\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	s, err := builder.Load(fsys, builder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// plan imports a grid into the site and fails on problems.
func plan(t *testing.T, s *model.Site, g *Grid, o Options) *Plan {
	t.Helper()
	p, err := Import(s, g, o)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return p
}

// file returns the data the plan writes at path.
func file(t *testing.T, p *Plan, path string) string {
	t.Helper()
	for _, f := range p.Files {
		if f.Path == path {
			return string(f.Data)
		}
	}
	t.Fatalf("the plan writes no %s; it writes %v", path, paths(p))
	return ""
}

func paths(p *Plan) []string {
	var out []string
	for _, f := range p.Files {
		out = append(out, f.Path)
	}
	return out
}

// TestImportWideCSV reads a matrix as a spreadsheet program in a European
// locale saves it: a byte order mark, semicolons, names and titles in any
// case, a level by name, numbers with spaces and as 3.0, an empty cell
// and a row of targets.
func TestImportWideCSV(t *testing.T) {
	s := site(t, nil)
	g, err := ReadCSV("matrix.csv", []byte("\ufeffName;Team;PLANNING;talking;Coding\r\nAnn Ash;alpha;2;Good;\r\nbob;Beta; 3 ;1;3.0\r\nTargets;;2;;3\r\n;;;;\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := plan(t, s, g, Options{Cycle: "m2", Date: "2026-06-30"})
	want := "title = \"m2\"\ndate = 2026-06-30\nkind = \"manager\"\n\n[ratings.ann]\nplan = 2\ntalk = 2\n\n[ratings.bob]\nplan = 3\ntalk = 1\ncode = 3\n"
	if got := file(t, p, "content/assessments/m2.toml"); got != want {
		t.Errorf("m2.toml:\n%s\nwant:\n%s", got, want)
	}
	if p.Shape != "wide" || p.People != 2 || p.Ratings != 5 || len(p.Files) != 1 || p.Files[0].Replaces {
		t.Errorf("plan: %s, %d people, %d ratings, files %v", p.Shape, p.People, p.Ratings, paths(p))
	}
	if !slices.Equal(p.Notes, []string{
		`matrix.csv:3:2: the sheet puts Bob Birch in "Beta", their file in Alpha; the import leaves their file as it is`,
		"matrix.csv:4 holds role targets: targets live in the role files, so it is not imported",
	}) {
		t.Errorf("notes: %q", p.Notes)
	}
}

// TestImportProblems checks that every problem of a sheet is reported at
// once, each at its cell, with a suggestion where one is close.
func TestImportProblems(t *testing.T) {
	s := site(t, nil)
	g, err := ReadCSV("ratings.csv", []byte("person,Planing,Talking,Impact,Coding\nAnn Asj,2,1,1,\nBob Birch,,Expret,,9\nbob,1,,,\n,,2,,\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Import(s, g, Options{Cycle: "m2", Date: "2026-06-30"})
	problems, ok := err.(Problems)
	if !ok {
		t.Fatalf("err = %v, want Problems", err)
	}
	want := Problems{
		`ratings.csv:1:2: unknown competency "Planing" (did you mean "Planning"?)`,
		`ratings.csv:1:4: "Impact" is the title of 2 competencies (impact, reach): name one by its id, or its category and title`,
		`ratings.csv:2:1: unknown person "Ann Asj" (did you mean "Ann Ash"?); --create adds the people and teams the sheet names that the portal lacks`,
		`ratings.csv:3:3: unknown level "Expret" (did you mean "Expert"?)`,
		`ratings.csv:3:5: level 9 is not on the scale (0 to 3)`,
		`ratings.csv:4:1: bob is on two rows (the first is ratings.csv:3)`,
		`ratings.csv:5:1: no person on a row with ratings`,
	}
	if !slices.Equal(problems, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
}

// TestImportXLSX reads a workbook made as people make them: a category
// band merged over two columns above the headers, the person header merged
// over both header rows, a competency named by category and title, levels
// stored as text, and a formula whose cached value is a level.
func TestImportXLSX(t *testing.T) {
	s := site(t, nil)
	f := excelize.NewFile()
	sh := "Sheet1"
	for cell, v := range map[string]string{"A1": "Person", "B1": "Work", "D1": "Craft", "B2": "Planning", "C2": "Impact (Work)", "D2": "Craft: Impact", "A3": "Ann Ash", "A4": "Bob Birch"} {
		f.SetCellStr(sh, cell, v)
	}
	f.MergeCell(sh, "A1", "A2")
	f.MergeCell(sh, "B1", "C1")
	f.SetCellStr(sh, "B3", "2") // a number stored as text
	f.SetCellValue(sh, "C3", 3)
	f.SetCellValue(sh, "D4", 1)
	f.SetCellFormula(sh, "D4", "0+1") // the cached value, 1, is what shows
	f.SetCellStr(sh, "B4", "Expret")
	dir := t.TempDir()
	path := filepath.Join(dir, "matrix.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	g, err := Read(path, "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Import(s, g, Options{Cycle: "m2", Date: "2026-06-30"})
	if want := `matrix.xlsx:Sheet1!B4: unknown level "Expret" (did you mean "Expert"?)`; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
	f.SetCellStr(sh, "B4", "Basic")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if g, err = Read(path, ""); err != nil {
		t.Fatal(err)
	}
	p := plan(t, s, g, Options{Cycle: "m2", Date: "2026-06-30", Kind: "self"})
	want := "title = \"m2\"\ndate = 2026-06-30\nkind = \"self\"\n\n[ratings.ann]\nplan = 2\nimpact = 3\n\n[ratings.bob]\nplan = 1\nreach = 1\n"
	if got := file(t, p, "content/assessments/m2.toml"); got != want {
		t.Errorf("m2.toml:\n%s\nwant:\n%s", got, want)
	}
	if _, err := Read(path, "Other"); err == nil || err.Error() != `matrix.xlsx: no sheet "Other"; it has "Sheet1"` {
		t.Errorf("a sheet that is not there: %v", err)
	}
}

// TestImportLong reads a list of ratings over several cycles, a peer
// review's levels in rows of their own, and reports a cycle whose rows
// disagree.
func TestImportLong(t *testing.T) {
	s := site(t, nil)
	data := "cycle,date,kind,person,competency,level\n" +
		"p1,2026-05-01,peer,ann,plan,2\n" +
		"p1,2026-05-01,peer,ann,plan,3\n" +
		"p1,2026-05-01,peer,bob,Talking,Good\n" +
		"s1,2026-04-01,self,bob,code,3\n"
	g, err := ReadCSV("ratings.csv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	p := plan(t, s, g, Options{})
	if got, want := file(t, p, "content/assessments/p1.toml"), "title = \"p1\"\ndate = 2026-05-01\nkind = \"peer\"\n\n[ratings.ann]\nplan = [2, 3]\n\n[ratings.bob]\ntalk = [2]\n"; got != want {
		t.Errorf("p1.toml:\n%s\nwant:\n%s", got, want)
	}
	if got, want := file(t, p, "content/assessments/s1.toml"), "title = \"s1\"\ndate = 2026-04-01\nkind = \"self\"\n\n[ratings.bob]\ncode = 3\n"; got != want {
		t.Errorf("s1.toml:\n%s\nwant:\n%s", got, want)
	}
	if p.Shape != "long" || p.Ratings != 4 || p.People != 2 {
		t.Errorf("plan: %s, %d ratings, %d people", p.Shape, p.Ratings, p.People)
	}
	g, _ = ReadCSV("ratings.csv", []byte(data+"s1,2026-04-02,self,ann,code,1\ns1,2026-04-01,self,bob,code,2\n"))
	_, err = Import(s, g, Options{})
	want := Problems{
		`ratings.csv:6:2: cycle s1's date is "2026-04-02" here and "2026-04-01" on an earlier row`,
		`ratings.csv:7: bob is rated twice in code in cycle s1 (the first is on row 5); only a peer review gives several levels`,
	}
	if problems, _ := err.(Problems); !slices.Equal(problems, want) {
		t.Errorf("problems:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

// TestImportExisting checks that an existing cycle is kept without --force
// and, with it, keeps every rating the sheet does not give: other people's,
// and a person's other competencies.
func TestImportExisting(t *testing.T) {
	s := site(t, nil)
	g, _ := ReadCSV("m.csv", []byte("name,Planning\nAnn Ash,3\n"))
	_, err := Import(s, g, Options{Cycle: "m1"})
	if want := "--cycle: content/assessments/m1.toml exists; --force replaces the ratings the sheet gives in it, and keeps all others"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	p := plan(t, s, g, Options{Cycle: "m1", Force: true})
	want := "title = \"M1\"\ndate = 2026-01-15\nkind = \"manager\"\n\n[ratings.ann]\nplan = 3\ntalk = 2\n\n[ratings.bob]\ncode = 2\n"
	if got := file(t, p, "content/assessments/m1.toml"); got != want || !p.Files[0].Replaces {
		t.Errorf("m1.toml:\n%s\nwant:\n%s", got, want)
	}
	_, err = Import(s, g, Options{Cycle: "m1", Force: true, Kind: "self"})
	if want := "--kind: cycle m1 is of kind manager, not self"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	_, err = Import(s, g, Options{Cycle: "m9"})
	if want := "--cycle: cycle m9 is new: give its date with --date YYYY-MM-DD or a date column"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

// TestImportCreate checks that --create adds the people and teams a sheet
// names that the site lacks, and refuses a role it lacks.
func TestImportCreate(t *testing.T) {
	s := site(t, nil)
	g, _ := ReadCSV("m.csv", []byte("name,team,role,job title,Planning\nCy Dale,Beta Squad,Developer,Engineer,2\nAnn Ash,alpha,dev,,1\nDee Elm,alpha,Tester,,1\n"))
	_, err := Import(s, g, Options{Cycle: "m2", Date: "2026-06-30", Create: true})
	if want := `m.csv:4:3: unknown role "Tester": --create adds people and teams, not roles`; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
	g.Rows = g.Rows[:3]
	p := plan(t, s, g, Options{Cycle: "m2", Date: "2026-06-30", Create: true})
	if got, want := strings.Join(paths(p), " "), "content/assessments/m2.toml content/people/cy-dale.toml content/teams/beta-squad.toml"; got != want {
		t.Errorf("files %s, want %s", got, want)
	}
	if got, want := file(t, p, "content/people/cy-dale.toml"), "name = \"Cy Dale\"\nteam = \"beta-squad\"\nrole = \"dev\"\ntitle = \"Engineer\"\n"; got != want {
		t.Errorf("cy-dale.toml = %q, want %q", got, want)
	}
	if got, want := file(t, p, "content/teams/beta-squad.toml"), "name = \"Beta Squad\"\n"; got != want {
		t.Errorf("beta-squad.toml = %q", got)
	}
	if got := file(t, p, "content/assessments/m2.toml"); !strings.Contains(got, "[ratings.cy-dale]\nplan = 2\n") {
		t.Errorf("m2.toml:\n%s", got)
	}
}

// roundTrip exports the ratings of the site in dir, imports them into a
// copy without its cycle files, and returns the cycle files written, by
// name, and those of the site.
func roundTrip(t *testing.T, dir, ext string) (got, want map[string][]byte) {
	t.Helper()
	secret := seal.NewSecret()
	s, err := builder.Load(builder.DirFS(dir), builder.Options{Secret: &secret})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Ratings(s).Write(&buf, "ratings"+ext); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ratings"+ext)
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	want = map[string][]byte{}
	for _, c := range s.Cycles {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(c.Source)))
		if err != nil {
			t.Fatal(err)
		}
		want[c.ID] = data
	}
	// The same site without its cycles.
	s.Cycles = nil
	g, err := Read(path, "")
	if err != nil {
		t.Fatal(err)
	}
	p := plan(t, s, g, Options{})
	got = map[string][]byte{}
	for _, f := range p.Files {
		got[strings.TrimSuffix(filepath.Base(f.Path), ".toml")] = f.Data
	}
	return got, want
}

// TestRoundTripDemo checks that the demo's ratings exported, as CSV and as
// a workbook, and imported into the demo without its cycles give back its
// cycle files byte for byte.
func TestRoundTripDemo(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		got, want := roundTrip(t, "..", ext)
		if len(got) != len(want) || len(want) < 4 {
			t.Errorf("%s: %d cycles back of %d", ext, len(got), len(want))
		}
		for id, data := range want {
			if !bytes.Equal(got[id], data) {
				t.Errorf("%s: cycle %s comes back as:\n%s\nwant:\n%s", ext, id, got[id], data)
			}
		}
	}
}

// TestRoundTripSmall checks the round trip on the small generated preset,
// whose cycle files list people in the order they were made: the cycles
// come back with the same ratings, each person's in the order given, in
// the form Format writes.
func TestRoundTripSmall(t *testing.T) {
	dir := t.TempDir()
	preset, _ := gen.Named("small")
	if err := gen.Generate(dir, preset, 1); err != nil {
		t.Fatal(err)
	}
	got, _ := roundTrip(t, dir, ".csv")
	secret := seal.NewSecret()
	s, err := builder.Load(builder.DirFS(dir), builder.Options{Secret: &secret})
	if err != nil {
		t.Fatal(err)
	}
	ratings := 0
	for _, c := range s.Cycles {
		want := FromModel(s, c).Format()
		if !bytes.Equal(got[c.ID], want) {
			t.Errorf("cycle %s comes back as:\n%.600s\nwant:\n%.600s", c.ID, got[c.ID], want)
		}
		for _, list := range c.ByPerson {
			ratings += len(list)
		}
	}
	if len(got) != len(s.Cycles) || ratings < 1000 {
		t.Errorf("%d cycles back of %d, %d ratings", len(got), len(s.Cycles), ratings)
	}
}

// TestExamples checks that examples/ratings.csv and examples/matrix.xlsx
// are the demo's ratings as portal export writes them now.
func TestExamples(t *testing.T) {
	secret := seal.NewSecret()
	s, err := builder.Load(builder.DirFS(".."), builder.Options{Secret: &secret})
	if err != nil {
		t.Fatal(err)
	}
	var csv bytes.Buffer
	if err := Ratings(s).WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile("../examples/ratings.csv"); err != nil || !bytes.Equal(data, csv.Bytes()) {
		t.Errorf("examples/ratings.csv is not the demo's export (%v): run portal export ratings -o examples/ratings.csv", err)
	}
	// A workbook holds the time it was made: its cells are compared.
	g, err := Read("../examples/matrix.xlsx", "")
	if err != nil {
		t.Fatal(err)
	}
	m := Matrix(s)
	want := [][]string{m.Header}
	for _, row := range m.Rows {
		var cells []string
		for _, v := range row {
			cells = append(cells, v.String())
		}
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1] // as a sheet reads back
		}
		want = append(want, cells)
	}
	if len(g.Rows) != len(want) {
		t.Fatalf("examples/matrix.xlsx has %d rows, the export %d: run portal export matrix -o examples/matrix.xlsx", len(g.Rows), len(want))
	}
	for i := range want {
		if !slices.Equal(g.Rows[i], want[i]) {
			t.Errorf("examples/matrix.xlsx row %d = %q, the export's %q: run portal export matrix -o examples/matrix.xlsx", i+1, g.Rows[i], want[i])
		}
	}
}

// TestImportEdges checks the cases a sheet as people keep it brings: CSV
// lines apart from rows (a blank line, a quoted field of two lines), a name
// that is also another person's id in other case, a date cell of a
// workbook, a date that is not one, and a sheet that gives no rating.
func TestImportEdges(t *testing.T) {
	s := site(t, map[string]string{
		"content/people/sam.toml":     "name = \"Sam Jones\"\nteam = \"alpha\"\nrole = \"dev\"\n",
		"content/people/sam-lee.toml": "name = \"Sam\"\nteam = \"alpha\"\nrole = \"dev\"\n",
	})
	g, _ := ReadCSV("r.csv", []byte("person,\"Plan\nning\"\n\nann,2\n\nbob,9\n"))
	_, err := Import(s, g, Options{Cycle: "m2", Date: "2026-06-30"})
	if want := "r.csv:6:2: level 9 is not on the scale (0 to 3)"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	g, _ = ReadCSV("r.csv", []byte("person,Planning\nSAM,2\n"))
	if p := plan(t, s, g, Options{Cycle: "m2", Date: "2026-06-30"}); !strings.Contains(file(t, p, "content/assessments/m2.toml"), "[ratings.sam-lee]") {
		t.Errorf("SAM is not Sam (sam-lee)")
	}
	g, _ = ReadCSV("r.csv", []byte("cycle,date,person,competency,level\nq1,01/05/2026,ann,plan,2\n"))
	_, err = Import(s, g, Options{})
	if want := `r.csv:2:2: cycle q1's date "01/05/2026" is not a date as YYYY-MM-DD`; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	g, _ = ReadCSV("r.csv", []byte("person,Planning\nann,\n"))
	_, err = Import(s, g, Options{Cycle: "m2", Date: "2026-06-30"})
	if want := "r.csv: the sheet gives no rating: nothing to import"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	// A date cell of a workbook, as spreadsheet programs keep it.
	f := excelize.NewFile()
	for cell, v := range map[string]any{"A1": "cycle", "B1": "date", "C1": "person", "D1": "competency", "E1": "level", "A2": "q1", "C2": "ann", "D2": "plan", "E2": 2} {
		f.SetCellValue("Sheet1", cell, v)
	}
	f.SetCellValue("Sheet1", "B2", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if g, err = Read(path, ""); err != nil {
		t.Fatal(err)
	}
	if got := file(t, plan(t, s, g, Options{}), "content/assessments/q1.toml"); !strings.HasPrefix(got, "title = \"q1\"\ndate = 2026-03-01\n") {
		t.Errorf("q1.toml:\n%s", got)
	}
}

// TestImportCreateIDs checks that --create gives a new person the id of
// the person column where a name column is beside it, and keeps teams whose
// names differ only in punctuation apart.
func TestImportCreateIDs(t *testing.T) {
	s := site(t, nil)
	g, _ := ReadCSV("m.csv", []byte("person,name,team,role,Planning\njdoe,John Doe,C#,dev,2\nkim,Kim Lo,C,dev,1\nlee,Lee Ma,C#,dev,1\n"))
	p := plan(t, s, g, Options{Cycle: "m2", Date: "2026-06-30", Create: true})
	if got, want := strings.Join(paths(p), " "), "content/assessments/m2.toml content/people/jdoe.toml content/people/kim.toml content/people/lee.toml content/teams/c-2.toml content/teams/c.toml"; got != want {
		t.Errorf("files %s, want %s", got, want)
	}
	if got := file(t, p, "content/teams/c.toml") + file(t, p, "content/teams/c-2.toml"); got != "name = \"C#\"\nname = \"C\"\n" {
		t.Errorf("teams: %q", got)
	}
	if got := file(t, p, "content/people/lee.toml"); !strings.Contains(got, "team = \"c\"\n") {
		t.Errorf("lee.toml = %q, want C#'s team, c", got)
	}
}

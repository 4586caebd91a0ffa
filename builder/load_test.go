package builder

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/rogpeppe/go-internal/txtar"

	"portal/builder/content"
)

// fixture reads testdata/load/NAME.txt: the files of testdata/load/base.txt,
// overlaid with the fixture's own, and the expected diagnostics from its
// "errors" file.
func fixture(t *testing.T, file string) (fstest.MapFS, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	var want []string
	for _, name := range []string{"testdata/load/base.txt", file} {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if f.Name == "errors" {
				want = nonEmptyLines(string(f.Data))
				continue
			}
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys, want
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestLoadFixtures loads every fixture site and compares the diagnostics,
// file, line, column and message, with the ones the fixture expects.
func TestLoadFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/load/*.txt")
	for _, file := range files {
		if filepath.Base(file) == "base.txt" {
			continue
		}
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			fsys, want := fixture(t, file)
			site, err := Load(fsys, Options{})
			var got []string
			if err != nil {
				for _, d := range err.(content.Diagnostics) {
					got = append(got, d.String())
				}
			} else {
				for _, d := range site.Warnings {
					got = append(got, d.String())
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("diagnostics differ\n got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
			}
			wantErr := false
			for _, w := range want {
				wantErr = wantErr || !strings.Contains(w, ": warning: ")
			}
			if wantErr != (err != nil) {
				t.Errorf("Load returned error %v; want an error: %v", err != nil, wantErr)
			}
		})
	}
}

// TestLoadModel checks what the base fixture resolves to: levels, targets,
// gaps, articles per competency and the rewritten link.
func TestLoadModel(t *testing.T) {
	fsys, _ := fixture(t, "testdata/load/valid.txt")
	fsys["content/assessments/2024.toml"] = &fstest.MapFile{Data: []byte("date = 2024-06-30\n[ratings.ana]\nvision = 0\ncoaching = 1\n")}
	fsys["content/assessments/2025-self.toml"] = &fstest.MapFile{Data: []byte("date = 2025-09-30\nkind = \"self\"\n[ratings.ana]\nvision = 3\ncoaching = 2\n")}
	s, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ana := s.PersonByID["ana"]
	if ana.Team.ID != "ops" || ana.Role.ID != "lead" {
		t.Fatalf("ana: team %v role %v", ana.Team, ana.Role)
	}
	vision := ana.Standing("vision")
	// The manager rating of 2025 wins over the later self rating.
	if !vision.HasCurrent || vision.Current != 1 || vision.CurrentFrom.ID != "2025" {
		t.Errorf("vision current = %d from %v, want 1 from 2025", vision.Current, vision.CurrentFrom)
	}
	if !vision.HasPrevious || vision.Previous != 0 {
		t.Errorf("vision previous = %d (%v), want 0", vision.Previous, vision.HasPrevious)
	}
	coaching := ana.Standing("coaching")
	// 2025 has no manager rating of coaching: the 2024 one stands, not the self one.
	if coaching.Current != 1 || coaching.CurrentFrom.ID != "2024" || coaching.HasPrevious {
		t.Errorf("coaching = %+v, want current 1 from 2024 and no previous", coaching)
	}
	if len(ana.Gaps) != 2 || ana.Gaps[0].Competency.ID != "coaching" || ana.Gaps[0].Size != 2 || ana.Gaps[1].Size != 1 {
		t.Errorf("gaps = %+v, want coaching 2 then vision 1", ana.Gaps)
	}
	if got := s.CompetencyByID["vision"].Articles; len(got) != 1 || got[0].ID != "plan" {
		t.Errorf("vision articles = %v", got)
	}
	if got := s.CompetencyByID["vision"].Distribution; got[1] != 1 {
		t.Errorf("vision distribution = %v, want one person at level 1", got)
	}
	if Body := string(s.ArticleByID["plan"].Body); !strings.Contains(Body, `href="../../competencies/coaching/"`) {
		t.Errorf("article link not rewritten to the page URL: %s", Body)
	}
	if d := s.CompetencyByID["vision"].Descriptor(2); d != "Explains the plan." {
		t.Errorf("descriptor 2 = %q", d)
	}
	team := s.TeamByID["ops"]
	if len(team.Gaps) != 2 || team.Gaps[0].Competency.ID != "coaching" || team.Gaps[0].Total != 2 {
		t.Errorf("team gaps = %+v", team.Gaps)
	}
}

// TestLoadDemo loads the demo portal at the root of the repository, which must
// have no errors and no warnings.
func TestLoadDemo(t *testing.T) {
	s, err := Load(os.DirFS(".."), Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) > 0 {
		t.Errorf("warnings:\n%v", s.Warnings)
	}
	if len(s.Categories) < 3 || len(s.Competencies) < 15 || len(s.Roles) < 4 || len(s.Teams) < 3 || len(s.People) < 12 || len(s.Cycles) < 3 || len(s.Articles) < 10 {
		t.Errorf("demo too small: %d categories, %d competencies, %d roles, %d teams, %d people, %d cycles, %d articles",
			len(s.Categories), len(s.Competencies), len(s.Roles), len(s.Teams), len(s.People), len(s.Cycles), len(s.Articles))
	}
	for _, c := range s.Competencies {
		if len(c.Descriptors) < len(s.Scale)-1 {
			t.Errorf("%s: %d descriptors for a %d-level scale", c.ID, len(c.Descriptors), len(s.Scale))
		}
	}
	for _, a := range s.Articles {
		if a.Words < 300 {
			t.Errorf("%s: %d words", a.ID, a.Words)
		}
	}
}

// TestScaleFromOne loads a site whose scale starts at 1 and runs 1, 3, 5,
// with targets nobody has been rated in: badges, names, distributions and
// gaps come out right, and what is not rated is no gap.
func TestScaleFromOne(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"site.toml":                           file("title = \"Odd scale\"\n[[scale]]\nlevel = 1\nname = \"Starting\"\n[[scale]]\nlevel = 3\nname = \"Solid\"\n[[scale]]\nlevel = 5\nname = \"Leading\"\n"),
		"content/competencies/c/_index.md":    file("+++\ntitle = \"Core\"\n+++\n"),
		"content/competencies/c/vision.md":    file("+++\ntitle = \"Vision\"\n[levels]\n1 = \"a\"\n3 = \"b\"\n5 = \"c\"\n+++\n"),
		"content/competencies/c/coaching.md":  file("+++\ntitle = \"Coaching\"\n[levels]\n1 = \"a\"\n3 = \"b\"\n5 = \"c\"\n+++\n"),
		"content/competencies/c/listening.md": file("+++\ntitle = \"Listening\"\n[levels]\n1 = \"a\"\n3 = \"b\"\n5 = \"c\"\n+++\n"),
		"content/roles/lead.md":               file("+++\ntitle = \"Lead\"\n[targets]\nvision = 5\ncoaching = 3\nlistening = 1\n+++\n"),
		"content/teams/ops.toml":              file("name = \"Ops\"\n"),
		"content/people/ana.toml":             file("name = \"Ana\"\nteam = \"ops\"\nrole = \"lead\"\n"),
		"content/assessments/2024.toml":       file("date = 2024-06-30\n[ratings.ana]\nvision = 3\n"),
	}
	s, err := Load(fsys, Options{Secret: &testSecret})
	if err != nil {
		t.Fatal(err)
	}
	ana := s.PersonByID["ana"]
	vision := ana.Standing("vision")
	if vision.Current != 3 || vision.Target != 5 {
		t.Errorf("vision: current %d against %d; want 3 (Solid) against 5 (Leading)", vision.Current, vision.Target)
	}
	if c := s.CompetencyByID["vision"]; c.Distribution[1] != 1 || c.Rated != 1 {
		t.Errorf("vision distribution %v, %d rated; want one person at Solid", c.Distribution, c.Rated)
	}
	// A competency never rated is no gap, whatever the scale: coaching and
	// listening are counted as not rated, and vision alone is a gap.
	if len(ana.Gaps) != 1 || ana.NotRated != 2 {
		t.Fatalf("gaps %+v, %d not rated; want vision alone, and 2 not rated", ana.Gaps, ana.NotRated)
	}
	for _, id := range []string{"listening", "coaching"} {
		if st := ana.Standing(id); st.HasCurrent || !st.HasTarget || st.Short != 0 {
			t.Errorf("%s: %+v, want a target that is not counted short", id, st)
		}
	}
	if g := ana.Gaps[0]; !g.Rated || g.CurrentName != "Solid" || g.TargetName != "Leading" || g.Size != 2 {
		t.Errorf("vision gap %+v", g)
	}
}

// TestCountWords checks the word count of articles against strings.Fields on
// random text made of words, ASCII and Unicode spaces, and invalid UTF-8.
func TestCountWords(t *testing.T) {
	pieces := []string{"word", "mot", "語", " ", "\t", "\n", "\r\n", "\v\f", "\u00a0", "\u0085", "\u2028", "\u3000", "\xff", "\xe2\x80", "-", "é"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := content.CountWords([]byte(s)), len(strings.Fields(s)); got != want {
			t.Fatalf("countWords(%q) = %d, strings.Fields finds %d", s, got, want)
		}
	}
}

// TestCycleRatings checks that each demo cycle, read with the flat tables of
// the fast decoder, holds the ratings the full TOML decoder finds in its file.
func TestCycleRatings(t *testing.T) {
	dir := fixtureDir(t)
	s, err := Load(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Cycles) == 0 {
		t.Fatal("the demo has no cycles")
	}
	for _, c := range s.Cycles {
		var file struct{ Ratings map[string]map[string]int }
		if _, err := toml.DecodeFile(filepath.Join(dir, c.Source), &file); err != nil {
			t.Fatal(err)
		}
		if got := c.Ratings(); !reflect.DeepEqual(got, file.Ratings) {
			t.Errorf("%s: ratings = %v, want %v", c.Source, got, file.Ratings)
		}
	}
}

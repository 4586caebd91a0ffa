package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestPlace checks the one table of where each kind of file lives, and what
// the build says of a file elsewhere.
func TestPlace(t *testing.T) {
	good := []struct{ path, kind, id, category string }{
		{"content/_index.md", KindHome, "", ""},
		{"content/competencies/lead/_index.md", KindCategory, "lead", "lead"},
		{"content/competencies/lead/vision.md", KindCompetency, "vision", "lead"},
		{"content/roles/team-lead.md", KindRole, "team-lead", ""},
		{"content/teams/ops.toml", KindTeam, "ops", ""},
		{"content/people/ana.toml", KindPerson, "ana", ""},
		{"content/assessments/2026-h1.toml", KindCycle, "2026-h1", ""},
		{"content/articles/plan.md", KindArticle, "plan", ""},
	}
	for _, c := range good {
		f, problem := Place(c.path)
		if problem != nil || f != (File{c.path, c.kind, c.id, c.category}) {
			t.Errorf("Place(%s) = %+v, %+v", c.path, f, problem)
		}
		if kind, id := Classify(c.path); kind != c.kind || id != c.id {
			t.Errorf("Classify(%s) = %s, %s", c.path, kind, id)
		}
	}
	bad := []struct {
		path, at, msg string
		warning       bool
	}{
		{"content/people/ana.md", "content/people/ana.md", "files in content/people are .toml files, not .md", false},
		{"content/people/Ana.toml", "content/people/Ana.toml", `file name "Ana" is not a valid id`, false},
		{"content/competencies/Lead/x.md", "content/competencies/Lead", `category folder "Lead" is not a valid id`, false},
		{"content/competencies/x.md", "content/competencies/x.md", "competencies go one folder deep", false},
		{"content/competencies/main/x.md", "content/competencies/main", `category folder "main": the framework page`, false},
		{"content/notes.txt", "content/notes.txt", "ignored: not a place for content", true},
		{"content/people/old/ana.toml", "content/people/old/ana.toml", "ignored: not a place for content", true},
	}
	for _, c := range bad {
		_, problem := Place(c.path)
		if problem == nil || problem.Path != c.at || problem.Warning != c.warning || !strings.Contains(problem.Msg, c.msg) {
			t.Errorf("Place(%s) = %+v, want %q at %s", c.path, problem, c.msg, c.at)
		}
		if kind, _ := Classify(c.path); kind != "" {
			t.Errorf("Classify(%s) = %s, want none", c.path, kind)
		}
	}
}

// TestIgnored checks that the files editors and systems leave beside
// content are skipped by the walk, as the preview skips their events.
func TestIgnored(t *testing.T) {
	for _, name := range []string{".ana.toml.swp", "ana.swp", "ana.swx", "ana.toml~", "#ana.toml#", ".#ana.toml", "4913", "ana.toml.tmp", ".git", ".DS_Store"} {
		if !Ignored(name) {
			t.Errorf("Ignored(%q) = false", name)
		}
	}
	for _, name := range []string{"ana.toml", "_index.md", "4914", "tmp.toml"} {
		if Ignored(name) {
			t.Errorf("Ignored(%q) = true", name)
		}
	}
	fsys := fstest.MapFS{
		"content/people/ana.toml":         {},
		"content/people/ana.toml.tmp":     {},
		"content/people/.ana.toml.swp":    {},
		"content/.git/config":             {},
		"content/competencies/.x/y.md":    {},
		"content/competencies/lead/a.md":  {},
		"content/competencies/lead/4913":  {},
		"content/people/Bad.toml":         {},
		"content/competencies/Bad/one.md": {},
		"content/competencies/Bad/two.md": {},
		"content/stray.txt":               {},
	}
	files, diags := Walk(fsys)
	var got []string
	for _, f := range files {
		got = append(got, f.Path)
	}
	if len(got) != 2 || got[0] != "content/competencies/lead/a.md" || got[1] != "content/people/ana.toml" {
		t.Errorf("Walk listed %v", got)
	}
	diags.Sort()
	want := []string{
		`content/competencies/Bad: category folder "Bad" is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit`,
		`content/people/Bad.toml: file name "Bad" is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit`,
		`content/stray.txt: warning: ignored: not a place for content (see the content layout in the README)`,
	}
	if len(diags) != len(want) {
		t.Fatalf("Walk reported %v", diags)
	}
	for i, d := range diags {
		if d.String() != want[i] {
			t.Errorf("diagnostic %d: %s, want %s", i, d, want[i])
		}
	}
}

// TestControlCharactersQuoted checks that a file name with control
// characters is printed quoted, with them escaped, not raw.
func TestControlCharactersQuoted(t *testing.T) {
	d := Diagnostic{Path: "content/people/a\x1b[31mb.toml", Line: 1, Col: 1, Msg: "x"}
	if got, want := d.String(), `"content/people/a\x1b[31mb.toml":1:1: x`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"

	"portal/builder"
	"portal/builder/content"
	"portal/builder/seal"
)

// scaffolds are the files `portal new` writes, by kind. %[1]s is the id,
// %[2]s a title made from it, %[3]s the date (today unless --date); for a
// person, %[4]s and %[5]s are the lines of their team and role; for a
// cycle, %[4]s is its kind and %[5]s the commented ratings to fill in; for
// a competency, %[4]s are the lines of its levels; for an article, %[4]s
// is a comment naming the competencies there are.
var scaffolds = map[string]struct{ path, text string }{
	"competency": {"content/competencies/%s.md", `+++
title = "%[2]s"
summary = "One sentence: what someone with this skill does."
order = 0
[levels]
%[4]s+++
## What it is

## Why it matters

## What good looks like

## Watch out for
`},
	"role": {"content/roles/%s.md", `+++
title = "%[2]s"
summary = "One sentence: what the role is for."
[targets]
# competency-id = target level
+++
## What the role is for

## What success looks like
`},
	"team": {"content/teams/%s.toml", `name = "%[2]s"
description = "One sentence: what the team does."
`},
	"person": {"content/people/%s.toml", `name = "%[2]s"
%[4]s
%[5]s
title = "Job title as shown"
`},
	"article": {"content/articles/%s.md", `+++
title = "%[2]s"
date = %[3]s
summary = "One or two sentences: what the reader will be able to do."
competencies = ["competency-id"]%[4]s
draft = true
+++
`},
	"cycle": {"content/assessments/%s.toml", `title = "%[2]s"
date = %[3]s
kind = "%[4]s"          # manager, self or peer
%[5]s`},
}

var newID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// reference is the line of a new person's file that names their team or
// role (key): the id given, which must exist; without one, the only one
// there is, or a placeholder with a comment listing those there are.
func reference(site, key, many, dir, ext, given string) (string, error) {
	entries, _ := os.ReadDir(filepath.Join(site, filepath.FromSlash(dir)))
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ext); ok && e.Type().IsRegular() && newID.MatchString(id) {
			ids = append(ids, id)
		}
	}
	switch {
	case given != "" && slices.Contains(ids, given):
		return fmt.Sprintf("%s = %q", key, given), nil
	case given != "":
		return "", fmt.Errorf("unknown %s %q%s", key, given, content.SuggestID(given, ids, key, many))
	case len(ids) == 1:
		return fmt.Sprintf("%s = %q", key, ids[0]), nil
	case len(ids) == 0:
		return fmt.Sprintf("%s = \"%s-id\"          # no %s yet: portal new %s ID", key, key, many, key), nil
	}
	return fmt.Sprintf("%s = \"%s-id\"          # one of: %s", key, key, strings.Join(ids, ", ")), nil
}

// titleOf makes a title from an id: a person's or a team's name has each
// word capitalised ("Ann Smith"), anything else its first ("Team lead").
func titleOf(kind, id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		if w != "" && (i == 0 || kind == "person" || kind == "team") {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// slug makes an id from a title: letters and digits in lower case, accents
// dropped from common Latin letters, anything else a single hyphen.
func slug(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(title) {
		s, ok := unaccented[r]
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			s, ok = string(r), true
		}
		if ok {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString(s)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	return b.String()
}

// tomlEscaper escapes a title for a TOML string between double quotes.
var tomlEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// unaccented are the letters of Western European names without their
// accents.
var unaccented = map[rune]string{}

func init() {
	for plain, accented := range map[string]string{
		"a": "àáâãäåā", "c": "çćč", "e": "èéêëēęě", "i": "ìíîïī", "n": "ñńň", "o": "òóôõöøō",
		"u": "ùúûüūů", "y": "ýÿ", "s": "śšș", "z": "źżž", "l": "ł", "r": "ř", "t": "ț", "d": "ď", "g": "ğ",
		"ss": "ß", "ae": "æ", "oe": "œ",
	} {
		for _, r := range accented {
			unaccented[r] = plain
		}
	}
}

func runNew(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fset := flags("new", stderr)
	src := fset.String("s", "", "the site folder `DIR` (default: the one holding the current folder)")
	nameFlag := fset.String("name", "", "the `TITLE` or name to write, when NAME is an id")
	teamFlag := fset.String("team", "", "a person's team: its `ID`")
	roleFlag := fset.String("role", "", "a person's role: its `ID`")
	kindFlag := fset.String("kind", "", "a cycle's kind, `manager|self|peer` (default: self or peer when NAME says so, otherwise manager)")
	dateFlag := fset.String("date", "", "a cycle's or an article's date, `YYYY-MM-DD` (default: today)")
	fset.Usage = usage(fset, "new")
	pos, err := parseMixed(fset, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"want a kind and a name, such as: portal new person ana-lima"}
	}
	kind, name := pos[0], pos[1]
	sc, ok := scaffolds[kind]
	if !ok {
		return usageError{fmt.Sprintf("unknown kind %q: use competency, role, person, team, article or cycle", kind)}
	}
	id, title := name, ""
	if kind == "competency" {
		cat, cid, found := strings.Cut(name, "/")
		if !found || !newID.MatchString(cat) {
			return usageError{"a competency's name is category/id, such as leadership/visionary-thinking"}
		}
		id = cid
	}
	if !newID.MatchString(id) {
		// A title, such as "How to coach": its id is made from it, and it
		// stays the title.
		title, id = strings.TrimSpace(id), slug(id)
		if !newID.MatchString(id) || strings.ContainsFunc(title, unicode.IsControl) {
			return usageError{fmt.Sprintf("%q is not a valid id and makes none: use lower-case letters, digits and hyphens", name)}
		}
		if kind == "competency" {
			name = name[:strings.Index(name, "/")+1] + id
		} else {
			name = id
		}
	}
	site, err := findSite(*src)
	if err != nil {
		return err
	}
	date := time.Now().Format("2006-01-02")
	if *dateFlag != "" {
		if kind != "cycle" && kind != "article" {
			return usageError{"--date is for a cycle or an article"}
		}
		if _, err := time.Parse("2006-01-02", *dateFlag); err != nil {
			return usageError{fmt.Sprintf("--date %q is not a date written YYYY-MM-DD", *dateFlag)}
		}
		date = *dateFlag
	}
	cycleKind := *kindFlag
	switch {
	case cycleKind != "" && kind != "cycle":
		return usageError{"--kind is for a cycle"}
	case cycleKind != "" && !slices.Contains(cycleKinds, cycleKind):
		return usageError{fmt.Sprintf("--kind must be manager, self or peer, not %q%s", cycleKind, content.Suggest(cycleKind, cycleKinds))}
	case cycleKind == "":
		cycleKind = "manager"
		for _, w := range strings.Split(id, "-") {
			if w == "self" || w == "peer" {
				cycleKind = w
			}
		}
	}
	rel := fmt.Sprintf(sc.path, name)
	file := filepath.Join(site, filepath.FromSlash(rel))
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("%s already exists; portal new never overwrites", rel)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	if *nameFlag != "" {
		title = *nameFlag
	}
	if strings.ContainsFunc(title, unicode.IsControl) {
		return usageError{"a title may not hold control characters"}
	}
	if title == "" {
		title = titleOf(kind, id)
	}
	var team, role string
	if kind == "person" {
		var err error
		if team, err = reference(site, "team", "teams", "content/teams", ".toml", *teamFlag); err != nil {
			return err
		}
		if role, err = reference(site, "role", "roles", "content/roles", ".md", *roleFlag); err != nil {
			return err
		}
	} else if *teamFlag != "" || *roleFlag != "" {
		return usageError{"--team and --role are for a person"}
	}
	values := []any{id, tomlEscaper.Replace(title), date}
	switch kind {
	case "competency":
		values = append(values, levelLines(site))
	case "article":
		values = append(values, competencyHint(site))
	case "person":
		values = append(values, team, role)
	case "cycle":
		ratings, err := ratingsToFill(site, cycleKind)
		if err != nil {
			fmt.Fprintf(stderr, "portal new: %v\n", err)
		}
		values = append(values, cycleKind, ratings)
	}
	if err := writeNew(file, fmt.Sprintf(sc.text, values...)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s\n", rel)
	return nil
}

var cycleKinds = []string{"manager", "self", "peer"}

// findSite is the folder holding site.toml: dir or the nearest folder
// above it, dir being the current folder unless given.
func findSite(dir string) (string, error) {
	start := dir
	if start == "" {
		start = "."
	}
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for at := abs; ; {
		if _, err := os.Stat(filepath.Join(at, "site.toml")); err == nil {
			if dir == "" {
				// Relative to the current folder, as the user sees it.
				if rel, err := filepath.Rel(abs, at); err == nil {
					return rel, nil
				}
			}
			if at == abs {
				return start, nil
			}
			return at, nil
		}
		up := filepath.Dir(at)
		if up == at {
			break
		}
		at = up
	}
	where := "the current folder"
	if dir != "" {
		where = dir
	}
	return "", fmt.Errorf("no site.toml in %s or any folder above it: portal new adds to a site; start one with portal init", where)
}

// ratingsToFill are the commented ratings of a new cycle: a table for each
// person, team by team, with a line for each competency their role targets,
// to fill in and uncomment. With a site that does not load, it is an
// example and the error says why.
func ratingsToFill(site, kind string) (string, error) {
	example := "\n# [ratings.person-id]\n# competency-id = level\n"
	// Names and ids are all a new cycle needs: any secret will do.
	throwaway := seal.NewSecret()
	s, err := builder.Load(builder.DirFS(site), builder.Options{Secret: &throwaway})
	if err != nil || s == nil {
		return example, fmt.Errorf("the site has errors (portal check lists them), so the new cycle lists nobody to rate")
	}
	if len(s.People) == 0 {
		return example, nil
	}
	var b strings.Builder
	levels := make([]string, len(s.Scale))
	for i, l := range s.Scale {
		levels[i] = fmt.Sprintf("%d %s", l.Level, l.Name)
	}
	who := map[string]string{"manager": "as their manager sees them", "self": "as they see themselves", "peer": "as a peer sees them"}[kind]
	fmt.Fprintf(&b, "\n# Each person's levels, %s: competency = level, one of\n# %s.\n", who, wrap(strings.Join(levels, ", "), 76, "# "))
	b.WriteString("# Remove the # before each line you rate, and write its level; a\n# competency left commented out is not rated in this cycle.\n")
	for _, t := range s.Teams {
		for _, p := range t.Members {
			role := "no role"
			if p.Role != nil {
				role = p.Role.Title
			}
			fmt.Fprintf(&b, "\n# %s, %s, %s\n[ratings.%s]\n", p.Name, role, t.Name, p.ID)
			if p.Role == nil {
				continue
			}
			for _, tg := range p.Role.Targets {
				fmt.Fprintf(&b, "# %-30s # target %d\n", tg.Competency.ID+" =", tg.Level)
			}
		}
	}
	return b.String(), nil
}

// levelLines are a new competency's descriptors to write: one for each
// level of the site's scale above the lowest, or 1 to 4 where the scale
// cannot be read.
func levelLines(site string) string {
	var config struct {
		Scale []struct {
			Level int
			Name  string
		}
	}
	_, err := toml.DecodeFile(filepath.Join(site, "site.toml"), &config)
	var b strings.Builder
	if err != nil || len(config.Scale) < 2 {
		for n := 1; n <= 4; n++ {
			fmt.Fprintf(&b, "%d = \"%s\"\n", n, content.LevelTemplate("level "+strconv.Itoa(n)))
		}
		return b.String()
	}
	for _, l := range config.Scale[1:] {
		fmt.Fprintf(&b, "%d = \"%s\"\n", l.Level, tomlEscaper.Replace(content.LevelTemplate(l.Name)))
	}
	return b.String()
}

// competencyHint is a comment for a new article's competencies: the ids
// there are, when there are few enough to list.
func competencyHint(site string) string {
	files, _ := filepath.Glob(filepath.Join(site, "content", "competencies", "*", "*.md"))
	var ids []string
	for _, f := range files {
		if id := strings.TrimSuffix(filepath.Base(f), ".md"); newID.MatchString(id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	switch {
	case len(ids) == 0:
		return "   # no competencies yet: portal new competency CATEGORY/ID"
	case len(ids) <= 8:
		return "   # one or more of: " + strings.Join(ids, ", ")
	}
	return fmt.Sprintf("   # one or more of the %d competency ids (file names in content/competencies)", len(ids))
}

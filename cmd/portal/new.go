package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"portal/builder/content"
)

// scaffolds are the files `portal new` writes, by kind. %[1]s is the id,
// %[2]s a title made from it, %[3]s today's date; for a person, %[4]s and
// %[5]s are the lines of their team and role.
var scaffolds = map[string]struct{ path, text string }{
	"competency": {"content/competencies/%s.md", `+++
title = "%[2]s"
summary = "One sentence: what someone with this skill does."
order = 0
[levels]
1 = "What it looks like when someone is aware of it."
2 = "What it looks like when they practise it with some guidance."
3 = "What it looks like when they apply it reliably on their own."
4 = "What it looks like when they teach it and set the standard."
+++
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
competencies = ["competency-id"]
draft = true
+++
`},
	"cycle": {"content/assessments/%s.toml", `title = "%[2]s"
date = %[3]s
kind = "manager"          # manager, self or peer

# [ratings.person-id]
# competency-id = level
`},
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
	src := fset.String("s", ".", "the site `folder`")
	nameFlag := fset.String("name", "", "the `title` or name to write, when NAME is an id")
	teamFlag := fset.String("team", "", "a person's team `id`")
	roleFlag := fset.String("role", "", "a person's role `id`")
	fset.Usage = func() {
		fmt.Fprintln(fset.Output(), "usage: portal new competency|role|person|team|article|cycle NAME [-s DIR] [--name TITLE] [--team ID] [--role ID]\n\nWrites a new content file from a template. NAME is an id (ann-smith) or a title (\"How to coach\"), from which the id is made; a competency's NAME is category/id or category/title. A person gets the team and role given, or the only one there is, or a placeholder listing those there are. Flags:")
		fset.PrintDefaults()
	}
	// Flags may come before or after the kind and name.
	var pos []string
	for len(args) > 0 {
		if err := fset.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usageError{err.Error()}
		}
		args = fset.Args()
		if len(args) > 0 {
			pos = append(pos, args[0])
			args = args[1:]
		}
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
	rel := fmt.Sprintf(sc.path, name)
	file := filepath.Join(*src, filepath.FromSlash(rel))
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
		if team, err = reference(*src, "team", "teams", "content/teams", ".toml", *teamFlag); err != nil {
			return err
		}
		if role, err = reference(*src, "role", "roles", "content/roles", ".md", *roleFlag); err != nil {
			return err
		}
	} else if *teamFlag != "" || *roleFlag != "" {
		return usageError{"--team and --role are for a person"}
	}
	values := []any{id, tomlEscaper.Replace(title), time.Now().Format("2006-01-02")}
	if kind == "person" {
		values = append(values, team, role)
	}
	text := fmt.Sprintf(sc.text, values...)
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(f, text); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s\n", rel)
	return nil
}

package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// skeleton is the site portal init writes. A path element starting "dot-"
// is written with a dot instead ("dot-gitignore" is ".gitignore"), so that
// the skeleton's own .gitignore and CI files do not act on this repository.
// In the text, {{.Title}}, {{.TitleTOML}}, {{.Date}} (today) and
// {{.SelfDate}} (two weeks before) are replaced.
//
//go:embed all:skeleton
var skeleton embed.FS

func runInit(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fset := flags("init", stderr)
	titleFlag := fset.String("title", "", "the site's `TITLE` (default: made from the folder's name)")
	fset.Usage = usage(fset, "init")
	pos, err := parseMixed(fset, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageError{fmt.Sprintf("unexpected argument %q", pos[1])}
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	title := *titleFlag
	if title == "" {
		title = titleOf("team", slug(filepath.Base(abs)))
		if title == "" {
			title = "Growth Portal"
		}
	}
	if strings.ContainsFunc(title, unicode.IsControl) {
		return usageError{"a title may not hold control characters"}
	}
	if err := emptyFolder(dir); err != nil {
		return err
	}
	replace := strings.NewReplacer(
		"{{.Title}}", title,
		"{{.TitleTOML}}", tomlEscaper.Replace(title),
		"{{.Date}}", time.Now().Format("2006-01-02"),
		// People rate themselves before their manager's review.
		"{{.SelfDate}}", time.Now().AddDate(0, 0, -14).Format("2006-01-02"),
	)
	var written []string
	err = fs.WalkDir(skeleton, "skeleton", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text, err := skeleton.ReadFile(name)
		if err != nil {
			return err
		}
		rel := undot(strings.TrimPrefix(name, "skeleton/"))
		file := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := writeNew(file, replace.Replace(string(text))); err != nil {
			return err
		}
		written = append(written, rel)
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Made a new portal in %s: %d files.\n\nNext:\n", dir, len(written))
	if dir != "." {
		fmt.Fprintf(stdout, "  cd %s\n", shellQuote(dir))
	}
	fmt.Fprintln(stdout, "  portal serve                 # preview it; pages reload as you edit")
	fmt.Fprintln(stdout, `  portal new person ann-smith --name "Ann Smith" --team support --role team-member`)
	if dir == "." {
		fmt.Fprintln(stdout, "  portal check --strict        # every problem, with file and line")
	}
	fmt.Fprintln(stdout, "\nTo publish, push the folder to GitHub or GitLab: the comments at the top of\n.github/workflows/portal.yml and .gitlab-ci.yml say what to set up first.")
	return nil
}

// emptyFolder makes dir if it does not exist, and refuses one that holds
// anything but a .git folder.
func emptyFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return err
	}
	var names []string
	for _, e := range entries {
		if e.Name() != ".git" {
			names = append(names, e.Name())
		}
	}
	if len(names) > 0 {
		more := ""
		if len(names) > 3 {
			names, more = names[:3], ", ..."
		}
		return fmt.Errorf("%s is not empty (it holds %s%s): portal init starts a site in a new or empty folder, and never overwrites", dir, strings.Join(names, ", "), more)
	}
	return nil
}

// undot turns each "dot-" at the start of a path element into a dot.
func undot(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		if rest, ok := strings.CutPrefix(p, "dot-"); ok {
			parts[i] = "." + rest
		}
	}
	return path.Join(parts...)
}

// writeNew writes a file that must not exist yet.
func writeNew(file, text string) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(f, text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// shellQuote quotes a folder name for a shell where it needs it.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

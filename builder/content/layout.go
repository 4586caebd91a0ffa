package content

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// ConfigFile is the site's settings, at the root of the site folder.
const ConfigFile = "site.toml"

// The kinds of content file, by where they live.
const (
	KindHome       = "home"
	KindCategory   = "category"
	KindCompetency = "competency"
	KindRole       = "role"
	KindTeam       = "team"
	KindPerson     = "person"
	KindCycle      = "cycle"
	KindArticle    = "article"
)

// folders maps the folders of content/ that hold one kind of file each to
// that kind and its extension. Competencies and categories live one level
// deeper, in content/competencies/<category>/; the home page's text is
// content/_index.md.
var folders = map[string]struct{ kind, ext string }{
	"roles":       {KindRole, ".md"},
	"teams":       {KindTeam, ".toml"},
	"people":      {KindPerson, ".toml"},
	"assessments": {KindCycle, ".toml"},
	"articles":    {KindArticle, ".md"},
}

// File is the place of a content file: its path below the site folder, the
// kind of file its place makes it, its id (the file name without its
// extension; a category's is its folder's; the home page has none), and
// for a competency or a category the id of its category.
type File struct {
	Path, Kind, ID, Category string
}

// Misplaced says why a file under content/ is not part of the site.
type Misplaced struct {
	Path    string // the file's, or its folder's when the folder is the problem
	Msg     string
	Warning bool // the file is left out, and the site builds
}

// Ignored reports the names of files that editors, version control and the
// operating system leave beside content: hidden files, swap, backup, lock
// and temporary files, and vim's 4913 probe. Every stage skips them alike:
// the walk of content/, the rebuild and the preview's watcher.
func Ignored(name string) bool {
	switch {
	case name == "4913",
		strings.HasPrefix(name, "."),
		strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"),
		strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"):
		return true
	}
	return false
}

// IgnoredPath reports a slash-separated path that a walk skips: it or a
// folder it is in has an ignored name.
func IgnoredPath(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if Ignored(part) {
			return true
		}
	}
	return false
}

// frameworkIDs are the ids of the elements of the default theme's framework
// page besides its categories'.
var frameworkIDs = []string{"main", "scale", "targets", "search-q", "search-results", "search-status"}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// CheckID returns what is wrong with id, or "" when it is a valid id.
func CheckID(id string) string {
	if idPattern.MatchString(id) {
		return ""
	}
	return fmt.Sprintf("%q is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit", id)
}

// Place returns the place of the file at p, a path under content/ with no
// ignored part; or what is wrong with its place or name.
func Place(p string) (File, *Misplaced) {
	name := path.Base(p)
	rel := strings.TrimPrefix(p, "content/")
	parts := strings.Split(rel, "/")
	ext := path.Ext(name)
	f := File{Path: p, ID: strings.TrimSuffix(name, ext)}
	switch {
	case rel == "_index.md":
		f.Kind, f.ID = KindHome, ""
	case parts[0] == "competencies" && len(parts) == 3:
		f.Category = parts[1]
		f.Kind = KindCompetency
		if name == "_index.md" {
			f.Kind, f.ID = KindCategory, parts[1]
		}
		if msg := CheckID(f.Category); msg != "" {
			return File{}, &Misplaced{Path: path.Dir(p), Msg: "category folder " + msg}
		}
		if slices.Contains(frameworkIDs, f.Category) {
			return File{}, &Misplaced{Path: path.Dir(p), Msg: fmt.Sprintf("category folder %q: the framework page, where each category is an element with its id, has an element %q of its own; rename the folder", f.Category, f.Category)}
		}
		if ext != ".md" {
			return File{}, &Misplaced{Path: p, Msg: fmt.Sprintf("a competency is a .md file, not %s", cmp.Or(ext, "a file without extension"))}
		}
	case parts[0] == "competencies":
		return File{}, &Misplaced{Path: p, Msg: "competencies go one folder deep, in their category: content/competencies/<category>/<id>.md"}
	default:
		fo, ok := folders[parts[0]]
		if !ok || len(parts) != 2 {
			return File{}, &Misplaced{Path: p, Msg: "ignored: not a place for content (see the content layout in the README)", Warning: true}
		}
		if ext != fo.ext {
			return File{}, &Misplaced{Path: p, Msg: fmt.Sprintf("files in content/%s are %s files, not %s", parts[0], fo.ext, cmp.Or(ext, "files without extension"))}
		}
		f.Kind = fo.kind
	}
	if f.Kind != KindHome && f.Kind != KindCategory {
		if msg := CheckID(f.ID); msg != "" {
			return File{}, &Misplaced{Path: p, Msg: "file name " + msg}
		}
	}
	return f, nil
}

// Classify returns the kind and id of the content file at p, which need
// not exist any more, or "" when p is no content file of a site.
func Classify(p string) (kind, id string) {
	if !strings.HasPrefix(p, "content/") || IgnoredPath(p) {
		return "", ""
	}
	f, problem := Place(p)
	if problem != nil {
		return "", ""
	}
	return f.Kind, f.ID
}

// NotAFile says why the entry d at p, in the folder dir of fsys (or "."
// for all of it), is not
// read as a file of the site, or "" when it is. Only regular files are
// read: a named pipe would hang the build and a device never end. A
// symbolic link is followed only to a regular file within dir, so that a
// site cannot publish files from elsewhere on the machine; the rule is the
// same for content/, layouts/ and static/.
func NotAFile(fsys fs.FS, p string, d fs.DirEntry, dir string) string {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		target, err := followLink(fsys, p)
		if err != nil {
			return err.Error()
		}
		if dir != "." && target != dir && !strings.HasPrefix(target, dir+"/") {
			return "a link to " + target + ", outside " + dir + "/; links are followed only within the folder they are in"
		}
		info, err := fs.Stat(fsys, target)
		if err != nil {
			return "cannot read: " + Cause(err).Error()
		}
		if info.IsDir() {
			return "a link to a folder; links to folders are not followed"
		}
		mode = info.Mode().Type()
	}
	if mode.IsRegular() {
		return ""
	}
	return "not a regular file (a named pipe, a device or a socket); only plain files are read"
}

// followLink follows the symbolic link at p in fsys, and the links it leads
// to, and returns the path of what it leads to. It reads each link part by
// part, as the system does: a part that is itself a link (a linked folder)
// is refused, and ".." goes up from the parts before it. A link that leads
// out of fsys, or round in a loop, is an error.
func followLink(fsys fs.FS, p string) (string, error) {
	outside := func(target string) error {
		return fmt.Errorf("a link to %s, outside the site folder; links are followed only within the folder they are in", target)
	}
	for range 40 {
		target, err := fs.ReadLink(fsys, p)
		if err != nil {
			return "", fmt.Errorf("cannot read the link: %v", Cause(err))
		}
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) || len(target) > 1 && target[1] == ':' {
			return "", outside(target)
		}
		var cur []string
		if dir := path.Dir(p); dir != "." {
			cur = strings.Split(dir, "/")
		}
		parts := strings.Split(target, "/")
		for i, part := range parts {
			switch part {
			case "", ".":
				continue
			case "..":
				if len(cur) == 0 {
					return "", outside(target)
				}
				cur = cur[:len(cur)-1]
				continue
			}
			cur = append(cur, part)
			if i == len(parts)-1 {
				break
			}
			if info, err := fs.Lstat(fsys, strings.Join(cur, "/")); err == nil && info.Mode()&fs.ModeSymlink != 0 {
				return "", fmt.Errorf("a link to %s, through the linked folder %s; links to folders are not followed", target, strings.Join(cur, "/"))
			}
		}
		next := strings.Join(cur, "/")
		if next == "" {
			return "", fmt.Errorf("a link to %s, a folder; links to folders are not followed", target)
		}
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", fmt.Errorf("a link to %s, which cannot be read: %v", next, Cause(err))
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return next, nil
		}
		p = next
	}
	return "", fmt.Errorf("a link in a loop of links")
}

// CheckFile says why the file at name in fsys may not be read as a file of
// the site (see NotAFile, with the whole of fsys as the folder), or nil. A
// folder passes, unless it is a link.
func CheckFile(fsys fs.FS, name string) error {
	info, err := fs.Lstat(fsys, name)
	if err != nil {
		if errors.Is(err, errors.ErrUnsupported) {
			return nil
		}
		return err
	}
	if info.IsDir() {
		return nil
	}
	if msg := NotAFile(fsys, name, fs.FileInfoToDirEntry(info), "."); msg != "" {
		return &fs.PathError{Op: "open", Path: name, Err: errors.New(msg)}
	}
	return nil
}

// Walk lists the content files of the site in fsys with their places, in
// the order of fs.WalkDir, and reports what is wrong with the others: a
// bad category folder once, not for each of its files.
func Walk(fsys fs.FS) ([]File, Diagnostics) {
	var files []File
	var r Report
	badFolders := map[string]bool{}
	if info, err := fs.Lstat(fsys, "content"); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		r.Errorf("content", Pos{}, "a link to a folder; links to folders are not followed")
		return nil, r.List
	}
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			r.Errorf(p, Pos{}, "cannot read: %v", Cause(err))
			return nil
		}
		if p != "content" && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if msg := NotAFile(fsys, p, d, "content"); msg != "" {
			r.Errorf(p, Pos{}, "%s", msg)
			return nil
		}
		f, problem := Place(p)
		switch {
		case problem == nil:
			files = append(files, f)
		case problem.Warning:
			r.Warnf(problem.Path, Pos{}, "%s", problem.Msg)
		case !badFolders[problem.Path]:
			badFolders[problem.Path] = true
			r.Errorf(problem.Path, Pos{}, "%s", problem.Msg)
		}
		return nil
	})
	if err != nil {
		r.Errorf("content", Pos{}, "%v", err)
	}
	return files, r.List
}

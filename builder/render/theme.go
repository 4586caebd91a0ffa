package render

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"portal/builder/content"
)

// layers is a stack of file systems searched top first: the site's own
// layouts/ and static/, then the site's copy of its theme, then the embedded
// default theme. A file in a higher layer hides the same path below it.
type layers []fs.FS

// sub returns each layer's dir folder, skipping layers that lack it.
func (ls layers) sub(dir string) layers {
	var out layers
	for _, l := range ls {
		if info, err := fs.Stat(l, dir); err == nil && info.IsDir() {
			s, err := fs.Sub(l, dir)
			if err == nil {
				out = append(out, s)
			}
		}
	}
	return out
}

// Open opens name from the highest layer that has it.
func (ls layers) Open(name string) (fs.File, error) {
	for _, l := range ls {
		// Checked before it is opened: opening a named pipe waits for a
		// writer.
		if err := content.CheckFile(l, name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		f, err := l.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// files lists every regular file in all layers, each path once, sorted.
func (ls layers) files() ([]string, error) {
	seen := map[string]bool{}
	for _, l := range ls {
		err := fs.WalkDir(l, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != "." && content.Ignored(path.Base(p)) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if msg := content.NotAFile(l, p, d, "."); msg != "" {
				return fmt.Errorf("%s: %s", p, msg)
			}
			seen[p] = true
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	list := make([]string, 0, len(seen))
	for p := range seen {
		list = append(list, p)
	}
	slices.Sort(list)
	return list, nil
}

// siteLayers stacks the site's overrides over its theme, over base. The
// theme is the site's themes/<name>/ folder when it has one, else the
// embedded default, builtin. The base layers hold what every theme may
// use without a copy of its own, such as the script that reads the search
// index the build writes for every site. origin names each layer for
// error messages.
func siteLayers(site fs.FS, theme string, builtin fs.FS, base ...fs.FS) (ls layers, origin []string, err error) {
	// A linked folder would publish whatever it points to.
	for _, dir := range []string{"layouts", "static", "themes", path.Join("themes", theme)} {
		if info, err := fs.Lstat(site, dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			return nil, nil, errors.New(dir + " is a link to a folder; links to folders are not followed")
		}
	}
	ls = append(ls, site)
	origin = append(origin, "")
	themeDir := path.Join("themes", theme)
	if info, statErr := fs.Stat(site, themeDir); statErr == nil && info.IsDir() {
		sub, _ := fs.Sub(site, themeDir)
		ls = append(ls, sub)
		origin = append(origin, themeDir+"/")
	} else if theme == "default" {
		ls = append(ls, builtin)
		origin = append(origin, "(built-in theme)/")
	} else {
		return nil, nil, errors.New("theme " + theme + " not found: there is no themes/" + theme + " folder")
	}
	for _, b := range base {
		ls = append(ls, b)
		origin = append(origin, "(built in)/")
	}
	return ls, origin, nil
}

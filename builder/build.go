package builder

import (
	"io/fs"

	"portal/builder/model"
	"portal/builder/output"
	"portal/builder/render"
)

// Output is a built site in memory: every file by its path in the output.
type Output = render.Output

// Build loads the site in fsys and renders it.
func Build(fsys fs.FS, opts Options) (*model.Site, *Output, error) {
	s, err := Load(fsys, opts)
	if err != nil {
		return s, nil, err
	}
	out, err := Render(fsys, s)
	return s, out, err
}

// Render renders every page of a loaded site with the layouts of its theme,
// and copies the theme's and the site's static files, into memory.
func Render(fsys fs.FS, s *model.Site) (*Output, error) {
	th, err := render.LoadTheme(fsys, s)
	if err != nil {
		return nil, err
	}
	return render.Site(s, th, render.Opts{})
}

// WriteSite renders a loaded site as Render does, straight into the folder
// dest, as Output.Write would leave it: each page is written as soon as it
// is rendered, so the site is never held in memory whole, and writing
// overlaps rendering. It returns the number of pages and of files.
// progress, when not nil, is told the number of pages written of the total
// after each, from many goroutines at once.
func WriteSite(fsys fs.FS, s *model.Site, dest string, progress func(done, total int)) (pages, files int, err error) {
	th, err := render.LoadTheme(fsys, s)
	if err != nil {
		return 0, 0, err
	}
	w, err := output.NewFolder(dest)
	if err != nil {
		return 0, 0, err
	}
	defer w.Abort()
	out, err := render.SiteTo(s, th, render.Opts{Progress: progress}, w.Write)
	if err != nil {
		return 0, 0, err
	}
	if err := w.Commit(); err != nil {
		return 0, 0, err
	}
	return out.Pages, w.Files(), nil
}

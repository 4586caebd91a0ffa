package content

import (
	"io/fs"
	"os"
	"path/filepath"
)

// DirFS is os.DirFS(dir) for a site folder, reading whole files with fewer
// system calls (see readFile). portal reads every content file of a site
// whole, tens of thousands on a large one.
func DirFS(dir string) fs.FS { return dirFS{root: dir, fsys: os.DirFS(dir)} }

type dirFS struct {
	root string
	fsys fs.FS // os.DirFS(root), for all but ReadFile
}

func (d dirFS) Open(name string) (fs.File, error)          { return d.fsys.Open(name) }
func (d dirFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(d.fsys, name) }
func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.fsys, name) }
func (d dirFS) Sub(dir string) (fs.FS, error)              { return fs.Sub(d.fsys, dir) }

// ReadFile reads the named file, reporting errors with name as os.DirFS
// does.
func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) || !localPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	data, err := readFile(filepath.Join(d.root, filepath.FromSlash(name)))
	if e, ok := err.(*fs.PathError); ok {
		e.Path = name
	}
	return data, err
}

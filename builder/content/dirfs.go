package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// MaxFileSize caps every file a build reads: an assessment cycle of 10,000
// people is about 5 MB, and one of a hundred times as many would still fit.
const MaxFileSize = 512 << 20

// Errors of reading a file that is not a plain file of a sensible size.
var (
	ErrNotRegular = errors.New("not a regular file (a named pipe, a device or a socket); only plain files are read")
	ErrTooLarge   = fmt.Errorf("larger than %d MB", MaxFileSize>>20)
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
func (d dirFS) ReadLink(name string) (string, error)       { return fs.ReadLink(d.fsys, name) }
func (d dirFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(d.fsys, name) }

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

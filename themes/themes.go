// Package themes holds the portal's default theme, embedded in the binary so
// that a site needs no theme of its own. A theme is a folder with layouts/
// (html/template files) and static/ (files copied to the output as they are).
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var files embed.FS

// Default is the default theme: layouts/ and static/ at its root.
var Default fs.FS

func init() {
	var err error
	if Default, err = fs.Sub(files, "default"); err != nil {
		panic(err)
	}
}

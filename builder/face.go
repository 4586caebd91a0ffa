package builder

import (
	"io/fs"

	"portal/builder/content"
	"portal/builder/model"
	"portal/builder/output"
)

// Site is the loaded, validated content of a portal; see [model.Site].
type Site = model.Site

// Diagnostic is one problem found in a site, located in the file that has
// it; see [content.Diagnostic].
type Diagnostic = content.Diagnostic

// Diagnostics is every problem found in a site; it is an error when it holds
// an error.
type Diagnostics = content.Diagnostics

// Severity tells an error, which stops a build, from a warning.
type Severity = content.Severity

// The severities of a Diagnostic.
const (
	Error   = content.Error
	Warning = content.Warning
)

// DirFS is the file system of a site folder, for [Load] and [Builder].
func DirFS(dir string) fs.FS { return content.DirFS(dir) }

// CheckDestination refuses an output folder that a build must not replace;
// see [output.CheckDestination].
func CheckDestination(site, dest string, force bool) error {
	return output.CheckDestination(site, dest, force)
}

// Stopped says which site an output folder holds after [StopOutput].
type Stopped = output.Stopped

// StopOutput stops the builds of this process that write into dest, for a
// command the user interrupted; see [output.Stop].
func StopOutput(dest string) Stopped { return output.Stop(dest) }

// Published returns [privacy] publish of the site in fsys as a build reads
// it, "private" when site.toml does not set it, so that a command knows
// whether to find the site secret before it loads the site. It returns ""
// when site.toml cannot be read; Load then says why.
func Published(fsys fs.FS) string {
	data, err := fs.ReadFile(fsys, content.ConfigFile)
	if err != nil {
		return ""
	}
	meta, _, d := content.DecodeTOML(content.ConfigFile, trimBOM(data), 1, "")
	if d != nil {
		return ""
	}
	privacy, _ := meta["privacy"].(map[string]any)
	switch publish, _ := privacy["publish"].(string); publish {
	case "":
		return model.PublishPrivate
	default:
		return publish
	}
}

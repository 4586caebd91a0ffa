// Package render turns a loaded site into its output: a page for each
// thing of the model and each list, rendered with the layouts of the site's
// theme; the static files, also under names by content hash; the search
// index, the sitemap, the feed and robots.txt.
//
// Layouts read the model through views (views.go) that record the keys of
// the model each page reads; the fragments (fragments.go) and the charts
// record theirs in Go. Deps inverts those records into key -> outputs, so
// that a build after an edit renders again only the outputs that read a
// key that changed (Opts.Prev, Opts.Deps, Opts.Dirty) and keeps the bytes
// of the others. A build may also leave pages to render when they are first
// asked for (Opts.Now, Output.Read, Output.Finish).
//
// The layouts' functions and the data they see are the manual of the
// layouts, in the doc of package builder.
package render

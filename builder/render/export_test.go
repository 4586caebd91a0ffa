package render

import "bytes"

// What the tests of package render_test, which load sites with package
// builder, reach inside.

var PagesOf = pagesOf

func NewPartialCache() *partialCache { return &partialCache{} }

// RenderWith renders the page as a build does, with the partials of a pass.
func (p *Page) RenderWith(th *Theme, partials *partialCache, buf *bytes.Buffer) error {
	p.Charts = nil
	p.rec = newRecorder(p, false)
	p.addCharts()
	p.partials = partials
	p.rec = newRecorder(p, false)
	return renderPage(th.tmpls[p.Kind], p, buf)
}

package render

import (
	"bytes"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"portal/internal/par"
)

// Latest is the last output of a series of builds of one site, with the lock
// that guards the model it was made from and the keys its outputs read.
// Pages a build left for later are rendered from that model, and only while
// their output is the latest: once another build has run, they are its to
// render.
type Latest struct {
	// Mu is held for writing while a build changes the model, and for
	// reading while pages left for later are rendered from it.
	Mu sync.RWMutex
	// Waiting is set while a build waits for Mu: Output.Finish then
	// stops, so that an edit does not wait for the pages of the last.
	Waiting atomic.Bool
	// Out is the output of the last good build.
	Out *Output
	// Deps are the keys of the model each output of Out read.
	Deps *Deps
}

// later holds the pages a build with Opts.Now left to render when
// they are first asked for: by Output.Read one at a time, or all at once by
// Output.Finish. They are rendered from the model of Latest, under its
// lock, and only while the output is the latest: once another build
// has run, they are that build's to render.
type later struct {
	latest   *Latest
	theme    *Theme
	partials *partialCache // of the build that left them
	clear    bool          // Opts.Clear of the build

	mu    sync.Mutex     // guards the output's Files and assets, and stale
	stale map[string]int // file of each page left, to its index in pages
}

// Read returns the file at path name. A page the build left for later is
// rendered first; if that fails, the error is the Diagnostics a full build
// would report. A missing file is fs.ErrNotExist.
func (o *Output) Read(name string) ([]byte, error) {
	data, ok, _, stale := o.made(name)
	if ok {
		return data, nil
	}
	if !stale {
		// A static file by its hashed name, which only the pages that
		// link it add to Files: one of them may be left for later.
		if l := o.later; l != nil {
			if data, ok := l.hashed(name); ok {
				return data, nil
			}
		}
		return nil, fs.ErrNotExist
	}
	l := o.later
	l.latest.Mu.RLock()
	defer l.latest.Mu.RUnlock()
	if cur := l.latest.Out; cur != o && cur != nil {
		// Another build has run since: its output is the site now.
		return cur.readLocked(name)
	}
	return o.readLocked(name)
}

// File returns the file at path name as Read does, with false for a file
// that is missing or a page that fails to render.
func (o *Output) File(name string) ([]byte, bool) {
	data, err := o.Read(name)
	return data, err == nil
}

// Has reports whether the output has a file at path name, rendered or not.
func (o *Output) Has(name string) bool {
	_, ok, _, stale := o.made(name)
	if !ok && !stale && o.later != nil {
		_, ok = o.later.hashed(name)
	}
	return ok || stale
}

// Left is the number of pages left to render.
func (o *Output) Left() int {
	l := o.later
	if l == nil {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.stale)
}

// hashed returns the static file whose hashed name is name.
func (l *later) hashed(name string) ([]byte, bool) {
	for file, h := range l.theme.assets {
		if h == name {
			return l.theme.static[file], true
		}
	}
	return nil, false
}

// readLocked is Read with Latest.Mu held for reading.
func (o *Output) readLocked(name string) ([]byte, error) {
	data, err := o.renderLocked(name)
	if err != nil && err != fs.ErrNotExist {
		return nil, renderErrors([]error{err}, []string{name})
	}
	return data, err
}

// made returns the file at path name when it is made (ok), or else the
// index of its page when the build left it for later (stale).
func (o *Output) made(name string) (data []byte, ok bool, page int, stale bool) {
	l := o.later
	if l == nil || o.lazy && strings.HasPrefix(name, "search/") {
		data, ok = o.file(name)
		return data, ok, 0, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	data, ok = o.file(name)
	page, stale = l.stale[name]
	return data, ok, page, stale
}

// renderLocked is readLocked with the error of the page's layout as it is.
func (o *Output) renderLocked(name string) ([]byte, error) {
	data, ok, i, stale := o.made(name)
	if ok {
		return data, nil
	}
	if !stale {
		return nil, fs.ErrNotExist
	}
	l := o.later
	// A copy: the page may be rendered by two calls at once. Its title
	// is filled again, for the model may have been changed in place since
	// the page was listed.
	page := *o.pages[i]
	p := &page
	p.fill()
	p.Charts, p.used, p.history, p.trend = nil, nil, nil, nil
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	var deps *Deps
	if l.latest != nil {
		deps = l.latest.Deps
	}
	p.rec = newRecorder(p, deps != nil)
	p.clear = l.clear
	if err := renderOne(l.theme, p, l.partials, buf); err != nil {
		return nil, err
	}
	data = bytes.Clone(buf.Bytes())
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, still := l.stale[name]; !still {
		return o.Files[name], nil // rendered meanwhile by another call
	}
	delete(l.stale, name)
	if deps != nil {
		deps.set(name, p.rec.keys)
	}
	o.Files[name] = data
	o.assets[name] = p.used
	for _, a := range p.used {
		o.Files[l.theme.assets[a]] = l.theme.static[a]
	}
	return data, nil
}

// Finish renders every page the build left for later and returns what a
// full build would report of those that fail. It stops early, with nil,
// once another build starts, or if one has run since this
// output's: the pages left are then that build's to render.
func (o *Output) Finish() error {
	l := o.later
	if l == nil {
		return nil
	}
	l.latest.Mu.RLock()
	defer l.latest.Mu.RUnlock()
	if l.latest.Out != o {
		return nil
	}
	l.mu.Lock()
	names := slices.Sorted(maps.Keys(l.stale))
	l.mu.Unlock()
	// One core is left to serve: pages rendered in the background must
	// not hold up the page a browser asks for.
	errs := make([]error, len(names))
	par.On(max(runtime.GOMAXPROCS(0)-1, 1), len(names), func(i int) {
		if l.latest.Waiting.Load() {
			return
		}
		_, errs[i] = o.renderLocked(names[i])
		runtime.Gosched()
	})
	return renderErrors(errs, names)
}

// Package preview serves a site while it is being edited: it builds the site
// into memory, serves it over HTTP exactly as `portal build` writes it (plus a
// small live-reload script), watches the site's files and rebuilds when they
// change, and tells open pages to reload once the new pages are ready.
//
// # Serving
//
// The site is served under the path of its baseURL, so the bytes and URLs are
// those of `portal build`: with baseURL https://intranet.example.com/skills/
// the preview is at http://127.0.0.1:1313/skills/. A folder URL serves its
// index.html; anything else gets the 404 page with status 404. Paths are
// looked up in the built output, so no request can reach another file. A
// redirect's Location is always a cleaned, escaped path on the same host.
//
// # Who is answered
//
// The preview holds the people data of the site, so it answers only requests
// addressed to it: a Host header of localhost, 127.0.0.1, [::1] or the host
// it was asked to listen on (portal serve --bind), with the port it listens
// on. Any other Host gets 403 Forbidden: a page of another site whose name
// its owner points at 127.0.0.1 (DNS rebinding) cannot read the preview. A
// preview listening on an address that is not loopback, such as 0.0.0.0, is
// on the network by choice and answers every Host.
//
// # Live reload
//
// Every HTML page gets one script, served from <base>__portal/reload.js, that
// listens to <base>__portal/events (server-sent events). Each message holds the
// current build version and the current errors. A page reloads when the
// version differs from the one it was served with; since a version is
// published only after its pages are swapped in, the browser never reloads
// into a half-built site. When the last build failed, the page shows its
// errors in an overlay, path:line:col: message, over the last good page, which
// stays served; the next good build clears it. The script's tag names the
// base as an escaped URL path, so that no baseURL can end its attributes,
// and the overlay shows the errors as text.
//
// # Watching
//
// Every folder of content/, layouts/, static/ and themes/ is watched, and
// site.toml; folders created later are added and the files already in them
// counted as changed. Editor temp and backup files and hidden files are
// ignored, as are chmod-only events. Events within Debounce of each other
// make one rebuild of the files they name, once none of them is still
// growing. A removed folder or lost events (inotify overflow) rebuild
// everything; with --poll the tree is scanned instead and the files whose
// size or time changed are rebuilt.
//
// # Rebuilding
//
// Rebuilds are incremental (builder.Builder): a change re-reads only the
// changed files and re-renders only the pages that depend on them, by the
// dependency rule in the doc of package builder: an assessment file touches
// its people, their teams and roles and the competencies' distributions; a
// theme change touches everything.
//
// # Open pages first
//
// Each page's events stream names the page (reload.js sends its path). A
// build renders at once only the pages open in a browser, and after a change
// of the layouts one page of each kind, so that a broken layout still fails
// it; then it tells the pages to reload. The other pages it would render are
// rendered in the background after, on every core but one, so that serving
// is not held up, and stop as soon as the next build starts; a page asked
// for before its turn is rendered then. An edit that changes every page of a
// site of 12,000 (a competency retitled) reaches the browser as fast as one
// that changes a few. A page that fails to render in the background puts its
// errors in the overlay, as a failed build does, and is served as a page
// listing them with status 500.
package preview

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"portal/builder"
)

//go:embed reload.js
var reloadJS []byte

// Server is the preview of one site.
type Server struct {
	dir     string
	log     io.Writer
	builder *builder.Builder

	mu      sync.RWMutex
	out     *builder.Output // last good build; nil before the first
	version int             // bumped with every good build
	errors  []string        // problems of the last build, empty when it was good
	base    string          // path the site is served under, "/" or "/skills/"
	addr    net.Addr        // where the server listens, once SetAddr is called
	bind    string          // the host it was asked to listen on (--bind)

	clientsMu sync.Mutex
	clients   map[chan struct{}]struct{}
	open      map[string]int // pages open in a browser, by URL in the site, with how many

	builds atomic.Int64    // builds run, good or not
	behind atomic.Int32    // renderings in the background under way (see finish)
	ready  chan struct{}   // closed once the watcher watches every folder
	dirs   map[string]bool // folders watched
	// Built, when set, is called after each build with the build's version
	// and errors; tests use it to wait for a build.
	Built func(version int, errors []string)
}

// New makes the preview of the site in dir and builds it once. A site with
// errors still gives a server: it shows the errors until they are fixed.
func New(dir string, opts builder.Options, log io.Writer) *Server {
	s := &Server{dir: dir, log: log, builder: builder.NewBuilder(builder.DirFS(dir), opts), base: "/", clients: map[chan struct{}]struct{}{}, open: map[string]int{}, ready: make(chan struct{}), dirs: map[string]bool{}}
	// The search index is made when the search box first asks for it,
	// not on every edit.
	s.builder.LazyLists = true
	// The pages open in a browser are rendered before a build is
	// published; the others in the background after, or when first asked
	// for.
	s.builder.Now = s.isOpen
	s.Rebuild(nil)
	return s
}

// Base is the path the site is served under.
func (s *Server) Base() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.base
}

// SetAddr tells the server the address it listens on, as its listener
// gives it, and the host it was asked to listen on (portal serve --bind):
// from then on it answers requests whose Host is a loopback name or bind,
// with addr's port, or every request when addr is Exposed. Before, it
// answers requests whose Host is a loopback name with the port the
// connection came in on.
func (s *Server) SetAddr(addr net.Addr, bind string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addr, s.bind = addr, bind
}

// Exposed reports whether a listener at addr can be reached from other
// machines: whether its IP is not a loopback one (0.0.0.0 and [::] are
// not).
func Exposed(addr net.Addr) bool {
	ap, err := netip.ParseAddrPort(addr.String())
	return err != nil || !ap.Addr().IsLoopback()
}

// loopbackNames are the hosts a browser on this machine reaches the preview
// at, whatever it listens on.
var loopbackNames = []string{"localhost", "127.0.0.1", "::1"}

// addressed reports whether r is addressed to the server (see "Who is
// answered" in the package doc); when not, want lists the hosts it answers
// at, with their port.
func (s *Server) addressed(r *http.Request) (ok bool, want []string) {
	s.mu.RLock()
	addr, bind := s.addr, s.bind
	s.mu.RUnlock()
	if addr == nil {
		addr, _ = r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	}
	if addr == nil {
		return false, nil
	}
	if Exposed(addr) {
		return true, nil
	}
	_, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return false, nil
	}
	names := loopbackNames
	if bind = strings.TrimSuffix(strings.TrimPrefix(bind, "["), "]"); bind != "" && !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, bind) }) {
		names = append(slices.Clip(names), bind)
	}
	host, hostPort, err := net.SplitHostPort(r.Host)
	if err != nil {
		// No port: the default one of http.
		host, hostPort = strings.TrimSuffix(strings.TrimPrefix(r.Host, "["), "]"), "80"
	}
	for _, n := range names {
		if strings.EqualFold(host, n) && hostPort == port {
			return true, nil
		}
		want = append(want, net.JoinHostPort(n, port))
	}
	return false, want
}

// Ready is closed once Watch has started watching: changes after that are
// seen.
func (s *Server) Ready() <-chan struct{} { return s.ready }

// Builds is the number of builds run so far.
func (s *Server) Builds() int64 { return s.builds.Load() }

// State is what the events stream tells pages.
type State struct {
	Version int      `json:"version"`
	Errors  []string `json:"errors"`
}

// State returns the current build version and errors.
func (s *Server) State() State {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return State{Version: s.version, Errors: append([]string{}, s.errors...)}
}

// Rebuild builds the site after a change of the files in changed (relative to
// the site, with slashes; nil when anything may have changed) and, when the
// build is good, swaps it in. Either way it then tells every open page.
func (s *Server) Rebuild(changed []string) {
	start := time.Now()
	site, out, err := s.builder.Build(changed)
	s.builds.Add(1)
	var problems []string
	if err != nil {
		problems = describe(err)
	}
	s.mu.Lock()
	if err == nil {
		s.out = out
		s.version++
		s.errors = nil
		s.base = basePath(site.Config.BaseURL)
	} else {
		s.errors = problems
	}
	version, built := s.version, s.out != nil
	s.mu.Unlock()

	if err == nil {
		took := time.Since(start).Milliseconds()
		if left := out.Left(); left > 0 {
			fmt.Fprintf(s.log, "Built %d pages (%d rendered, %d more in the background) in %d ms\n", out.Pages, out.Rendered, left, took)
		} else {
			fmt.Fprintf(s.log, "Built %d pages (%d rendered) in %d ms\n", out.Pages, out.Rendered, took)
		}
	} else {
		for _, p := range problems {
			fmt.Fprintln(s.log, p)
		}
		if built {
			fmt.Fprintf(s.log, "%d %s; still serving the last good build\n", len(problems), plural(len(problems), "error", "errors"))
		} else {
			fmt.Fprintf(s.log, "%d %s; the site has not built yet, and its pages show them\n", len(problems), plural(len(problems), "error", "errors"))
		}
	}
	s.notify()
	if s.Built != nil {
		s.Built(version, problems)
	}
	if err == nil && out.Left() > 0 {
		s.behind.Add(1)
		go func() {
			defer s.behind.Add(-1)
			s.finish(out, version)
		}()
	}
}

// finish renders the pages the build of version left for later, so that
// they are ready when asked for, and reports those that fail as a failed
// build would. It gives up when another build starts. Having rendered them
// all, it collects the garbage while the files are quiet, so that the
// collection does not fall in the next edit's build: on the large preset,
// that brings the 90th percentile of an edit that loads the model from
// 108-142 ms to 99-118 ms.
func (s *Server) finish(out *builder.Output, version int) {
	err := out.Finish()
	if err == nil {
		if out.Left() == 0 {
			runtime.GC()
		}
		return
	}
	problems := describe(err)
	s.mu.Lock()
	current := s.version == version && s.errors == nil
	if current {
		s.errors = problems
	}
	s.mu.Unlock()
	if !current {
		return
	}
	for _, p := range problems {
		fmt.Fprintln(s.log, p)
	}
	s.notify()
}

// describe lists the problems of a failed build or page, one per line.
func describe(err error) []string {
	var diags builder.Diagnostics
	if asDiagnostics(err, &diags) {
		var problems []string
		for _, d := range diags.Errors() {
			problems = append(problems, d.String())
		}
		return problems
	}
	return []string{err.Error()}
}

func asDiagnostics(err error, diags *builder.Diagnostics) bool {
	d, ok := err.(builder.Diagnostics)
	if ok {
		*diags = d
	}
	return ok
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// basePath is the path part of a baseURL, cleaned, "/" when there is none.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil {
		return "/"
	}
	p := path.Clean("/" + u.Path)
	if p != "/" {
		p += "/"
	}
	return p
}

// redirect sends the browser to the path p on this host. The Location is p
// cleaned and escaped: never "//host/..." nor "/\host/...", which browsers
// take for another host, and no byte of p can end the header or the page's
// link.
func redirect(w http.ResponseWriter, r *http.Request, p string, code int) {
	clean := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	http.Redirect(w, r, (&url.URL{Path: clean}).EscapedPath(), code)
}

// notify wakes every events stream; each sends the current state. A stream
// that is still busy with the last wake-up gets this one merged into it.
func (s *Server) notify() {
	s.clientsMu.Lock()
	defer s.clientsMu.Unlock()
	for c := range s.clients {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if ok, want := s.addressed(r); !ok {
		msg := "This preview answers only requests addressed to it."
		if n := len(want); n > 1 {
			msg = fmt.Sprintf("This preview answers only at %s or %s, not at %q.", strings.Join(want[:n-1], ", "), want[n-1], r.Host)
		}
		http.Error(w, msg, http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.mu.RLock()
	out, version, base, problems := s.out, s.version, s.base, s.errors
	s.mu.RUnlock()

	p := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
		p += "/"
	}
	if !strings.HasPrefix(p, base) && p+"/" != base {
		if p == "/" || p == "/index.html" {
			redirect(w, r, base, http.StatusFound)
			return
		}
		s.notFound(w, r, out, version, base)
		return
	}
	name := strings.TrimPrefix(p, strings.TrimSuffix(base, "/"))
	name = strings.TrimPrefix(name, "/")
	switch name {
	case "__portal/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(reloadJS)
		return
	case "__portal/events":
		s.events(w, r)
		return
	}
	if out == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write(inject(notBuilt(problems), version, base))
		return
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	body, err := out.Read(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if out.Has(name + "/index.html") {
			redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r, out, version, base)
	case err != nil:
		// A page left for later that does not render: its errors, in
		// the overlay too once the background render reaches them.
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><title>Page does not render</title><body><p>This page does not render:</p><pre>")
		for _, p := range describe(err) {
			b.WriteString(html.EscapeString(p) + "\n")
		}
		b.WriteString("</pre></body>")
		s.write(w, r, name, []byte(b.String()), http.StatusInternalServerError, version, base)
	default:
		s.write(w, r, name, body, http.StatusOK, version, base)
	}
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, out *builder.Output, version int, base string) {
	var body []byte
	if out != nil {
		body, _ = out.Read("404.html")
	}
	if body == nil {
		body = []byte("<!DOCTYPE html><title>Not found</title><body><p>Not found.</p></body>")
	}
	s.write(w, r, "404.html", body, http.StatusNotFound, version, base)
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, name string, body []byte, status, version int, base string) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(body)
	}
	if strings.HasSuffix(name, ".html") {
		body = inject(body, version, base)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

// reloadTag is the live-reload script a page gets. Base is the path the
// site is served under, escaped as a URL path; the template escapes it again
// for the attributes, so that a baseURL cannot end them.
var reloadTag = template.Must(template.New("reload").Parse(`<script src="{{.Base}}__portal/reload.js" data-version="{{.Version}}" data-base="{{.Base}}"></script>`))

// inject adds the live-reload script to a page, before </body>.
func inject(page []byte, version int, base string) []byte {
	var b bytes.Buffer
	if err := reloadTag.Execute(&b, struct {
		Base    string
		Version int
	}{(&url.URL{Path: base}).EscapedPath(), version}); err != nil {
		panic(err) // a string and an int always execute
	}
	tag := b.Bytes()
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte{}, page...), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// openPage is the URL in the site (as Builder.Now takes it) of the page a
// browser shows at path p, as reload.js tells it; ok is false for a path
// outside the site.
func (s *Server) openPage(p string) (u string, ok bool) {
	if p == "" {
		return "", false
	}
	clean := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	u, ok = strings.CutPrefix(clean, s.Base())
	return strings.TrimSuffix(u, "index.html"), ok
}

// isOpen reports whether the page at URL u in the site is open in a
// browser.
func (s *Server) isOpen(u string) bool {
	s.clientsMu.Lock()
	defer s.clientsMu.Unlock()
	return s.open[u] > 0
}

// events streams the build state to a page: once at once, then after every
// build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	wake := make(chan struct{}, 1)
	page, open := s.openPage(r.URL.Query().Get("page"))
	s.clientsMu.Lock()
	s.clients[wake] = struct{}{}
	if open {
		s.open[page]++
	}
	s.clientsMu.Unlock()
	defer func() {
		s.clientsMu.Lock()
		delete(s.clients, wake)
		if open {
			if s.open[page]--; s.open[page] == 0 {
				delete(s.open, page)
			}
		}
		s.clientsMu.Unlock()
	}()
	send := func() bool {
		data, _ := json.Marshal(s.State())
		if _, err := fmt.Fprintf(w, "data: %s\n\n", data); err != nil {
			return false
		}
		flusher.Flush()
		return true
	}
	if !send() {
		return
	}
	keepalive := time.NewTicker(20 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-wake:
			if !send() {
				return
			}
		case <-keepalive.C:
			if _, err := io.WriteString(w, ": keepalive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// notBuilt is the page served before the site has built once: the errors
// that stop it, or, while the first build runs, a word that it does.
func notBuilt(problems []string) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>The site does not build</title><body style="font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem">`)
	if len(problems) == 0 {
		b.WriteString("<p>The site is building; this page reloads when it is done.</p>")
	} else {
		fmt.Fprintf(&b, "<h1>The site does not build yet</h1><p>%d %s to fix; this page follows each save.</p><ul id=\"portal-not-built\">", len(problems), plural(len(problems), "error", "errors"))
		for _, p := range problems {
			b.WriteString("<li><code>")
			b.WriteString(html.EscapeString(p))
			b.WriteString("</code></li>")
		}
		b.WriteString("</ul>")
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}

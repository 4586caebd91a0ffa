// Package browsertest drives headless Chromium for the browser tests of the
// portal: it starts the browser, records console errors, exceptions, dialogs
// and requests, and keeps a screenshot and the HTML of a page that fails.
package browsertest

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium finds a Chromium to drive. Without one the browser tests skip,
// saying why, except under CI, where a missing browser is a failure.
func chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium on PATH; .ci/run installs Debian's chromium")
	}
	t.Skip("no Chromium on PATH (apt-get install chromium); skipping the browser test")
	return ""
}

// Browser is a headless Chromium tab that records what a person would not
// want to see: console errors, exceptions, dialogs and requests that leave
// the site.
type Browser struct {
	t        testing.TB
	ctx      context.Context
	cancel   func()
	settings []Setting // applied to the tab, in order, and to a tab that replaces it
	mu       sync.Mutex
	problems []string
	requests []string
}

// The browser the tests of one package share: starting Chromium costs about
// two seconds, and each start is one more chance for the host to refuse it.
// Each test gets a tab of its own, so no state passes from one test to the
// next (every test serves its site on a port of its own, hence an origin of
// its own).
var shared struct {
	mu     sync.Mutex
	ctx    context.Context // the browser's first tab; new tabs are made from it
	cancel func()
	dir    string
	output *tail // what Chromium prints, for a test that finds it stuck
}

// Main runs the tests of a package that uses the browser, then stops the
// browser and removes its profile. Call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	shared.mu.Lock()
	if shared.cancel != nil {
		shared.cancel()
		os.RemoveAll(shared.dir)
	}
	shared.mu.Unlock()
	os.Exit(code)
}

// browser returns the shared browser, starting it on first use, or again if
// it has gone away.
func browser(t testing.TB) context.Context {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.ctx != nil && shared.ctx.Err() == nil {
		return shared.ctx
	}
	if shared.cancel != nil {
		t.Log("the shared Chromium has gone away; starting another")
		shared.cancel()
		os.RemoveAll(shared.dir)
	}
	exe := chromium(t)
	dir, err := os.MkdirTemp("", "portal-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	output := &tail{max: 8 << 10}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(dir),
		chromedp.CombinedOutput(output),
		// Containers often mount a /dev/shm of 64 MB, too small for
		// Chromium's shared memory: it crashes on start or on a large page.
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		// A tab of a test that has not closed yet must not slow the
		// timers and frames of the tab in front.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(dir)
		t.Fatalf("starting %s: %v\n%s", exe, err, output)
	}
	shared.ctx, shared.dir, shared.output = ctx, dir, output
	shared.cancel = func() { cancelCtx(); cancelAlloc() }
	return ctx
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (w *tail) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	if len(w.buf) > w.max {
		w.buf = append(w.buf[:0], w.buf[len(w.buf)-w.max:]...)
	}
	return len(p), nil
}

// String returns the lines kept, less the complaints of a container with no
// D-Bus, which Chromium prints all the time and which never matter here.
func (w *tail) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var keep []string
	for line := range strings.Lines(string(w.buf)) {
		if !strings.Contains(line, ":ERROR:dbus/") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "")
}

// New opens a tab of the package's shared headless Chromium for one test;
// the tab closes when the test ends. The package's TestMain must call Main.
func New(t testing.TB) *Browser {
	t.Helper()
	b := &Browser{t: t}
	if err := b.openTab(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.cancel() })
	return b
}

// openTab opens a tab, listens to it and applies the settings made so far.
func (b *Browser) openTab() error {
	ctx, cancelTab := chromedp.NewContext(browser(b.t))
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	b.ctx, b.cancel = ctx, func() { cancelTimeout(); cancelTab() }
	if err := chromedp.Do(ctx); err != nil {
		return fmt.Errorf("opening a tab: %w", err)
	}
	if err := chromedp.Listen(ctx, b.record); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, log.Enable, struct{}{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	for _, s := range b.settings {
		if err := s(ctx); err != nil {
			return err
		}
	}
	return nil
}

// A Setting changes what the tab emulates: its viewport, colour scheme or
// media.
type Setting func(ctx context.Context) error

// Viewport emulates a window of width by height CSS pixels.
func Viewport(width, height int64) Setting {
	return func(ctx context.Context) error { return chromedp.Do(ctx, chromedp.EmulateViewport(width, height)) }
}

// ColourScheme emulates the system's light or dark colour scheme.
func ColourScheme(scheme string) Setting {
	return func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	}
}

// Print emulates the print media type.
func Print() Setting {
	return func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}
}

// Set applies a setting to the tab and keeps it for a tab that replaces
// this one.
func (b *Browser) Set(t testing.TB, s Setting) {
	t.Helper()
	b.settings = append(b.settings, s)
	if err := s(b.ctx); err != nil {
		t.Fatal(err)
	}
}

func (b *Browser) record(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			b.problems = append(b.problems, "console error: "+strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		b.problems = append(b.problems, fmt.Sprintf("exception: %s %s", ev.ExceptionDetails.Text, ev.ExceptionDetails.URL))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			b.problems = append(b.problems, "log error: "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	case *page.EventJavascriptDialogOpening:
		b.problems = append(b.problems, "dialog opened: "+ev.Message)
		go chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	}
}

// DrawnJS is true once every chart container holds an ECharts instance that
// has drawn SVG shapes or a canvas.
const DrawnJS = `(() => {
  const els = Array.from(document.querySelectorAll('.chart'));
  return els.length > 0 && els.every(el =>
    window.echarts && echarts.getInstanceByDom(el) &&
    el.querySelector('svg path, canvas') !== null);
})()`

// How long a page may take to load. The pages of the tests load in well
// under a second; a renderer that has not answered in this time is stuck.
const loadTimeout = 30 * time.Second

// Open loads a page and waits for its charts. On failure it keeps a
// screenshot and the page's HTML and names them.
//
// A tab whose renderer stops answering while a page loads (Chromium has been
// seen to, once in many runs, on a loaded machine) is replaced by a new tab
// with the same settings, which loads the page again, once; the test log
// says so, with what Chromium printed. Whatever the page then does is
// checked as before: a page that hangs the renderer by itself hangs it again.
func (b *Browser) Open(t testing.TB, url string, charts bool) {
	t.Helper()
	err := b.load(url)
	if errors.Is(err, errStuck) {
		t.Logf("%s: %v; Chromium printed:\n%s", url, err, shared.output)
		old := b.cancel
		go old() // closing a stuck tab may wait on it
		if err = b.openTab(); err == nil {
			err = b.load(url)
		}
	}
	if err == nil && charts {
		_, err = chromedp.Run(b.ctx, chromedp.Poll[bool](DrawnJS, chromedp.WithPollingTimeout(20*time.Second)))
	}
	if err != nil {
		t.Errorf("%s: %v (evidence: %s)", url, err, b.Evidence(t))
	}
}

var errStuck = errors.New("the tab did not finish loading the page")

// load navigates to url and waits for the page's load event.
func (b *Browser) load(url string) error {
	ctx, cancel := context.WithTimeout(b.ctx, loadTimeout)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Navigate(url))
	if err != nil && ctx.Err() != nil && b.ctx.Err() == nil {
		return fmt.Errorf("%w in %s: %v", errStuck, loadTimeout, err)
	}
	return err
}

func (b *Browser) Evidence(t testing.TB) string {
	dir, err := os.MkdirTemp("", "portal-browser-")
	if err != nil {
		return err.Error()
	}
	// A stuck tab answers nothing: each step gets a bound.
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90)); err == nil {
		os.WriteFile(filepath.Join(dir, "page.jpg"), shot, 0o644)
	}
	if html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`)); err == nil {
		os.WriteFile(filepath.Join(dir, "page.html"), []byte(html), 0o644)
	}
	return dir
}

// Check fails the test with every problem recorded and every request that
// went anywhere but the site's server.
func (b *Browser) Check(t testing.TB, site string) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Error(p)
	}
	for _, r := range b.requests {
		if !strings.HasPrefix(r, site+"/") {
			t.Errorf("request leaves the site: %s", r)
		}
	}
	if len(b.requests) == 0 {
		t.Error("no request recorded: the network listener did not work")
	}
}

// Context is the browser tab's context, for chromedp calls of a test's own.
func (b *Browser) Context() context.Context { return b.ctx }

//go:embed axe/axe.min.js
var axeJS string

// Violation is one accessibility rule a page breaks, as axe-core reports it.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// Axe runs axe-core on the open page and returns the violations of impact
// serious or critical.
func (b *Browser) Axe(t testing.TB) []Violation {
	t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[any](axeJS+";1")); err != nil {
		t.Fatalf("loading axe-core: %v", err)
	}
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	var all []Violation
	if err := json.Unmarshal([]byte(raw), &all); err != nil {
		t.Fatalf("axe-core result: %v", err)
	}
	var bad []Violation
	for _, v := range all {
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, v)
		}
	}
	return bad
}

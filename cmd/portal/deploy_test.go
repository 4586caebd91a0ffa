package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"portal/builder"
	"portal/builder/seal"
	"portal/internal/sitetest"
)

// nginxPath finds nginx. Without it the test skips, saying why, except under
// CI, where it is a failure.
func nginxPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"nginx", "/usr/sbin/nginx"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no nginx; .ci/run installs Debian's nginx-light")
	}
	t.Skip("no nginx (apt-get install nginx-light); skipping the test of docs/deploy/nginx.conf")
	return ""
}

// freePort is a loopback port free when asked.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// documented reads a configuration of docs/deploy, which docs/deploy.md
// must show as it is.
func documented(t *testing.T, name string) string {
	t.Helper()
	conf, err := os.ReadFile("../../docs/deploy/" + name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/deploy.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, conf) {
		t.Fatalf("docs/deploy.md does not show docs/deploy/%s as it is", name)
	}
	return string(conf)
}

// demoUnder builds the demo for http://127.0.0.1:port/growth/ into
// root/growth, readable by nginx's workers, and returns its files.
func demoUnder(t *testing.T, root string, port int) map[string][]byte {
	t.Helper()
	// nginx's workers run as another user when the test runs as root.
	for _, dir := range []string{filepath.Dir(root), root} {
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	secret := seal.NewSecret()
	site, err := builder.Load(builder.DirFS("../.."), builder.Options{BaseURL: fmt.Sprintf("http://127.0.0.1:%d/growth/", port), Secret: &secret})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := builder.WriteSite(builder.DirFS("../.."), site, filepath.Join(root, "growth"), nil); err != nil {
		t.Fatal(err)
	}
	if err := filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		mode := os.FileMode(0o644)
		if fi.IsDir() {
			mode = 0o755
		}
		return os.Chmod(p, mode)
	}); err != nil {
		t.Fatal(err)
	}
	return sitetest.ReadTree(t, filepath.Join(root, "growth"))
}

// startNginx runs nginx with a documented server block, changed by the
// replacements (each must be found), until the test ends; it returns when
// nginx listens on port.
func startNginx(t *testing.T, server string, port int, replace map[string]string) {
	t.Helper()
	nginx := nginxPath(t)
	for old, new := range replace {
		if !strings.Contains(server, old) {
			t.Fatalf("the configuration lacks %q", old)
		}
		server = strings.ReplaceAll(server, old, new)
	}
	state := t.TempDir()
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;"
	}
	mime := "types { text/html html; text/css css; application/javascript js; application/json json; image/svg+xml svg; application/xml xml; text/plain txt; }"
	if _, err := os.Stat("/etc/nginx/mime.types"); err == nil {
		mime = "include /etc/nginx/mime.types;"
	}
	main := fmt.Sprintf(`%s
daemon off;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log;
events { worker_connections 64; }
http {
    %[3]s
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path %[2]s/body;
    proxy_temp_path %[2]s/proxy;
    fastcgi_temp_path %[2]s/fastcgi;
    uwsgi_temp_path %[2]s/uwsgi;
    scgi_temp_path %[2]s/scgi;
    %[4]s
}
`, user, state, mime, server)
	if err := os.WriteFile(filepath.Join(state, "nginx.conf"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nginx, "-p", state, "-c", filepath.Join(state, "nginx.conf"))
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		<-exited
	})
	// nginx says nothing when it is ready: wait until it listens, or exits.
	for {
		conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			conn.Close()
			return
		}
		select {
		case <-exited:
			errs, _ := os.ReadFile(filepath.Join(state, "error.log"))
			t.Fatalf("nginx stopped: %s%s", log.String(), errs)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// getter fetches paths from a loopback port, following no redirect.
func getter(t *testing.T, port int) func(path string, header ...string) (*http.Response, []byte) {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return func(path string, header ...string) (*http.Response, []byte) {
		t.Helper()
		req, err := http.NewRequest("GET", fmt.Sprintf("http://127.0.0.1:%d%s", port, path), nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body
	}
}

// onLoopback are the replacements that run a documented server block on a
// loopback port, without TLS, with root.
func onLoopback(port int, root string) map[string]string {
	return map[string]string{
		"listen 443 ssl;":      fmt.Sprintf("listen 127.0.0.1:%d;", port),
		"root /srv/www;":       "root " + root + ";",
		"ssl_certificate ":     "# ssl_certificate ",
		"ssl_certificate_key ": "# ssl_certificate_key ",
	}
}

// TestNginxServesSite serves the demo, built for a sub-path, from a real
// nginx with the configuration of docs/deploy/nginx.conf (on a loopback
// port, without TLS): every page and asset answers with its bytes, folders
// without a slash redirect, anything else gets the site's 404 page, and
// hashed assets may be cached for ever while pages may not.
func TestNginxServesSite(t *testing.T) {
	conf := documented(t, "nginx.conf")
	nginxPath(t)
	port, root := freePort(t), t.TempDir()
	files := demoUnder(t, root, port)
	startNginx(t, conf, port, onLoopback(port, root))
	get := getter(t, port)

	hashed := regexp.MustCompile(`[.-][0-9a-f]{8,}\.(css|js|svg|json)$`)
	types := map[string]string{".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".json": "application/json", ".svg": "image/svg+xml", ".xml": "xml"}
	for name, want := range files {
		path := "/growth/" + strings.TrimSuffix(name, "index.html")
		resp, body := get(path)
		if resp.StatusCode != http.StatusOK || !bytes.Equal(body, want) {
			t.Errorf("GET %s: %d, %d bytes; want 200 and the %d bytes of %s", path, resp.StatusCode, len(body), len(want), name)
			continue
		}
		if ct, ok := types[filepath.Ext(name)]; ok && !strings.Contains(resp.Header.Get("Content-Type"), ct) {
			t.Errorf("GET %s: Content-Type %q, want %s", path, resp.Header.Get("Content-Type"), ct)
		}
		cache := resp.Header.Get("Cache-Control")
		if hashed.MatchString(name) != strings.Contains(cache, "immutable") {
			t.Errorf("GET %s: Cache-Control %q", path, cache)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no X-Content-Type-Options", path)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	for _, path := range []string{"/growth/teams", "/growth/competencies/delegation"} {
		resp, _ := get(path)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != path+"/" {
			t.Errorf("GET %s: %d to %q, want a redirect to %s/", path, resp.StatusCode, resp.Header.Get("Location"), path)
		}
	}
	for _, path := range []string{"/growth/no-such-page/", "/growth/people/nobody/", "/growth/css/missing.css"} {
		resp, body := get(path)
		if resp.StatusCode != http.StatusNotFound || !bytes.Equal(body, files["404.html"]) {
			t.Errorf("GET %s: %d, want 404 with the site's 404 page", path, resp.StatusCode)
		}
	}
}

// TestNginxSignIn serves the demo with docs/deploy/nginx-sign-in.conf, with
// a stand-in for oauth2-proxy that knows one signed-in cookie: without it
// every page answers the sign-in page, with it the site's pages, marked
// for no shared cache.
func TestNginxSignIn(t *testing.T) {
	conf := documented(t, "nginx-sign-in.conf")
	nginxPath(t)
	const signIn = "Sign in with your organisation's account"
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/oauth2/auth":
			if c, err := r.Cookie("_oauth2_proxy"); err == nil && c.Value == "signed-in" {
				w.WriteHeader(http.StatusAccepted)
				return
			}
			w.WriteHeader(http.StatusUnauthorized)
		case "/oauth2/sign_in":
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, signIn)
		default:
			http.NotFound(w, r)
		}
	}))
	defer proxy.Close()
	port, root := freePort(t), t.TempDir()
	files := demoUnder(t, root, port)
	replace := onLoopback(port, root)
	replace["http://127.0.0.1:4180"] = proxy.URL
	startNginx(t, conf, port, replace)
	get := getter(t, port)

	for _, name := range []string{"index.html", "teams/index.html", "css/portal.css"} {
		path := "/growth/" + strings.TrimSuffix(name, "index.html")
		resp, body := get(path)
		if resp.StatusCode != http.StatusForbidden || string(body) != signIn {
			t.Errorf("GET %s signed out: %d %q, want the sign-in page", path, resp.StatusCode, body)
		}
		resp, body = get(path, "Cookie", "_oauth2_proxy=signed-in")
		if resp.StatusCode != http.StatusOK || !bytes.Equal(body, files[name]) {
			t.Errorf("GET %s signed in: %d, %d bytes, want the page", path, resp.StatusCode, len(body))
		}
		if cache := resp.Header.Get("Cache-Control"); !strings.Contains(cache, "private") {
			t.Errorf("GET %s signed in: Cache-Control %q, want private", path, cache)
		}
	}
	resp, body := get("/growth/no-such-page/", "Cookie", "_oauth2_proxy=signed-in")
	if resp.StatusCode != http.StatusNotFound || !bytes.Equal(body, files["404.html"]) {
		t.Errorf("GET a missing page signed in: %d, want the site's 404 page", resp.StatusCode)
	}
}

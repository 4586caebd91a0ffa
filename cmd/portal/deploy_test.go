package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
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

// TestNginxServesSite serves the demo, built for a sub-path, from a real
// nginx with the configuration of docs/deploy/nginx.conf (on a loopback
// port, without TLS): every page and asset answers with its bytes, folders
// without a slash redirect, anything else gets the site's 404 page, and
// hashed assets may be cached for ever while pages may not.
func TestNginxServesSite(t *testing.T) {
	nginx := nginxPath(t)
	conf, err := os.ReadFile("../../docs/deploy/nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/deploy.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, conf) {
		t.Fatal("docs/deploy.md does not show docs/deploy/nginx.conf as it is")
	}

	port := freePort(t)
	root := t.TempDir()
	// nginx's workers run as another user when the test runs as root.
	for _, dir := range []string{filepath.Dir(root), root} {
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	base := fmt.Sprintf("http://127.0.0.1:%d/growth/", port)
	secret := seal.NewSecret()
	site, err := builder.Load(builder.DirFS("../.."), builder.Options{BaseURL: base, Secret: &secret})
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

	// The server block as documented, on loopback without TLS.
	server := string(conf)
	for old, new := range map[string]string{
		"listen 443 ssl;":      fmt.Sprintf("listen 127.0.0.1:%d;", port),
		"root /srv/www;":       "root " + root + ";",
		"ssl_certificate ":     "# ssl_certificate ",
		"ssl_certificate_key ": "# ssl_certificate_key ",
	} {
		if !strings.Contains(server, old) {
			t.Fatalf("nginx.conf lacks %q", old)
		}
		server = strings.Replace(server, old, new, 1)
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
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (*http.Response, []byte) {
		t.Helper()
		resp, err := client.Get(fmt.Sprintf("http://127.0.0.1:%d%s", port, path))
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
	// Wait for nginx to listen: it says nothing when it is ready.
	for i := 0; ; i++ {
		conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			conn.Close()
			break
		}
		if cmd.ProcessState != nil || i == 600 {
			errs, _ := os.ReadFile(filepath.Join(state, "error.log"))
			t.Fatalf("nginx does not listen: %v\n%s%s", err, log.String(), errs)
		}
		time.Sleep(50 * time.Millisecond)
	}

	files := sitetest.ReadTree(t, filepath.Join(root, "growth"))
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

package preview

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"portal/builder"
)

// startSiteWithBase is startSite with another baseURL in site.toml.
func startSiteWithBase(t *testing.T, baseURL string) *site {
	t.Helper()
	dir := t.TempDir()
	a, err := txtar.ParseFile("testdata/site.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		data := string(f.Data)
		if f.Name == "site.toml" {
			data = regexp.MustCompile(`(?m)^baseURL = .*$`).ReplaceAllLiteralString(data, "baseURL = '"+baseURL+"'")
		}
		writeFile(t, filepath.Join(dir, f.Name), data)
	}
	return start(t, dir, 0)
}

// rawGet sends target as the request line's target, byte for byte, with the
// Host header host, as a browser or an attacker's script may; a Go client
// would clean the target first.
func rawGet(t *testing.T, s *site, target, host string) (*http.Response, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", s.http.Listener.Addr().String(), 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// An events stream answered by mistake would never end.
	conn.SetDeadline(time.Now().Add(60 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s (Host %s): %v", target, host, err)
	}
	if resp.Header.Get("Content-Type") == "text/event-stream" {
		// Closing the body would read the stream to its end, which
		// never comes: closing the connection ends it.
		return resp, ""
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s (Host %s): reading the body: %v", target, host, err)
	}
	return resp, string(body)
}

// TestReloadTagEscapesBase serves a site whose baseURL's path closes the
// script tag and opens an svg with an onload handler. The build escapes
// it; the reload script the preview adds to each page must too, and still
// name the URLs the site is served at.
func TestReloadTagEscapesBase(t *testing.T) {
	const hostile = `"></script><svg/onload=alert(1)>`
	s := startSiteWithBase(t, "https://example.org/"+hostile+"/")
	if s.srv.Base() != "/"+hostile+"/" {
		t.Fatalf("base %q", s.srv.Base())
	}
	_, out, err := builder.Build(os.DirFS(s.dir), builder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["people/ana/index.html"])
	resp, body := rawGet(t, s, (&url.URL{Path: s.srv.Base() + "people/ana/"}).EscapedPath(), s.http.Listener.Addr().String())
	if resp.StatusCode != 200 {
		t.Fatalf("status %d:\n%s", resp.StatusCode, body)
	}
	// What the preview added: the served page is the built page with the
	// tag before its last </body>.
	i := strings.LastIndex(page, "</body>")
	if i < 0 || len(body) <= len(page) || body[:i] != page[:i] || body[len(body)-(len(page)-i):] != page[i:] {
		t.Fatalf("served page is not the built page with a tag before </body>:\n%s", body)
	}
	tag := body[i : len(body)-(len(page)-i)]
	t.Logf("injected: %s", tag)
	if strings.Contains(tag, "<svg") {
		t.Errorf("the injected snippet holds <svg from the baseURL: %s", tag)
	}
	m := regexp.MustCompile(`^<script src="([^"]*)" data-version="1" data-base="([^"]*)"></script>$`).FindStringSubmatch(tag)
	if m == nil {
		t.Fatalf("the injected snippet is not one script element with its three attributes: %s", tag)
	}
	for _, v := range m[1:] {
		if strings.ContainsAny(v, `<>"`) {
			t.Errorf("the attribute value %s holds the baseURL's markup unescaped", v)
		}
	}

	// The escaped URLs still lead to the script and the events.
	attrs := map[string]string{"src": html.UnescapeString(m[1]), "data-base": html.UnescapeString(m[2])}
	if resp, js := rawGet(t, s, attrs["src"], s.http.Listener.Addr().String()); resp.StatusCode != 200 || !strings.Contains(js, "EventSource") {
		t.Errorf("GET src %q: status %d", attrs["src"], resp.StatusCode)
	}
	if resp, _ := rawGet(t, s, attrs["data-base"]+"__portal/events", s.http.Listener.Addr().String()); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Errorf("GET data-base %q + __portal/events: status %d, %s", attrs["data-base"], resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// onHost reports whether a Location header keeps the browser on the host it
// asked: no Location, or a path that does not start with "//" or "/\",
// which browsers take for another host.
func onHost(loc string) bool {
	return loc == "" || strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "//") && !strings.HasPrefix(loc, `/\`)
}

// TestRedirectsStayOnHost asks for paths that, taken as they are, name
// another host, and for a site whose baseURL's path does: no redirect
// leaves the host.
func TestRedirectsStayOnHost(t *testing.T) {
	s := startSite(t, 0)
	host := s.http.Listener.Addr().String()
	for _, target := range []string{
		"//evil.example%2F..%2Fskills%2Fpeople%2Fana",
		"//evil.example%2F..%2Fskills%2Fpeople",
		"/%2Fevil.example%2F..%2Fskills%2Fpeople%2Fana",
		`/\evil.example%2F..%2Fskills%2Fpeople%2Fana`,
		"/%5Cevil.example%2F..%2Fskills%2Fpeople%2Fana",
		"//evil.example%2F..%2F",
		"///evil.example/..%2F",
		"/skills/people/ana",
	} {
		resp, _ := rawGet(t, s, target, host)
		loc := resp.Header.Get("Location")
		if !onHost(loc) {
			t.Errorf("GET %s: %d to %q, off this host", target, resp.StatusCode, loc)
		}
		if resp.StatusCode/100 == 3 {
			u, err := url.Parse(loc)
			if err != nil || u.Host != "" || u.Scheme != "" {
				t.Errorf("GET %s: Location %q names a host", target, loc)
			}
		}
	}
	// The ordinary redirects still work.
	for target, want := range map[string]string{"/skills/people/ana": "/skills/people/ana/", "/": "/skills/", "/index.html": "/skills/"} {
		if resp, _ := rawGet(t, s, target, host); resp.Header.Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want %q", target, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}

	for _, baseURL := range []string{"https://example.org//evil.example/", `https://example.org/\evil.example/`} {
		s := startSiteWithBase(t, baseURL)
		resp, _ := rawGet(t, s, "/", s.http.Listener.Addr().String())
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || !onHost(loc) {
			t.Errorf("baseURL %s: GET / is %d to %q, want a redirect on this host", baseURL, resp.StatusCode, loc)
		}
	}
}

// TestAnswersOnlyItsHost sends requests with the Host headers of the
// preview and of others, as a page of another site whose name resolves to
// 127.0.0.1 sends them (DNS rebinding): only the preview's own are answered.
func TestAnswersOnlyItsHost(t *testing.T) {
	s := startSite(t, 0)
	addr := s.http.Listener.Addr().(*net.TCPAddr)
	port := fmt.Sprint(addr.Port)
	other := fmt.Sprint(addr.Port + 1)
	check := func(t *testing.T, answered, refused []string) {
		t.Helper()
		for _, host := range answered {
			for _, page := range []string{"people/ana/", "__portal/reload.js"} {
				if resp, body := rawGet(t, s, "/skills/"+page, host); resp.StatusCode != 200 {
					t.Errorf("Host %s, GET %s: status %d, want 200:\n%.300s", host, page, resp.StatusCode, body)
				}
			}
		}
		for _, host := range refused {
			for _, page := range []string{"people/ana/", "__portal/reload.js", "__portal/events", "", "../etc/passwd"} {
				resp, body := rawGet(t, s, "/skills/"+page, host)
				if resp.StatusCode != http.StatusForbidden || strings.Contains(body, "Ana") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
					t.Errorf("Host %s, GET %s: status %d, %s, want 403 and no page:\n%.300s", host, page, resp.StatusCode, resp.Header.Get("Content-Type"), body)
				}
			}
		}
		if len(refused) > 0 {
			_, body := rawGet(t, s, "/skills/people/ana/", refused[0])
			t.Logf("refused: %s", body)
		}
	}
	loopback := []string{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LocalHost:" + port}
	foreign := []string{"evil.example:" + port, "evil.example", "localhost.evil.example:" + port, "127.0.0.1.evil.example:" + port, "localhost:" + other, "127.0.0.1:" + other, "localhost", ""}

	t.Run("before SetAddr", func(t *testing.T) {
		check(t, loopback, foreign)
	})
	t.Run("bind 127.0.0.1", func(t *testing.T) {
		s.srv.SetAddr(addr, "127.0.0.1")
		check(t, loopback, append(foreign, "portal.test:"+port))
	})
	t.Run("bind a host name", func(t *testing.T) {
		s.srv.SetAddr(addr, "portal.test")
		check(t, append(loopback, "portal.test:"+port), append(foreign, "portal.test:"+other))
	})
	t.Run("bind 0.0.0.0", func(t *testing.T) {
		// The listener says where the server is; this one is on
		// loopback, as every server in tests, but tells the server
		// it is on every address.
		s.srv.SetAddr(&net.TCPAddr{IP: net.IPv4zero, Port: addr.Port}, "0.0.0.0")
		check(t, append(loopback, "evil.example:"+port, "192.0.2.7:"+port), nil)
	})
}

// TestExposed tells listeners on loopback from those on the network.
func TestExposed(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:1313": false, "127.0.0.2:1313": false, "[::1]:1313": false,
		"0.0.0.0:1313": true, "[::]:1313": true, "192.0.2.7:1313": true, "[2001:db8::1]:1313": true,
	} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := Exposed(a); got != want {
			t.Errorf("Exposed(%s) = %v, want %v", addr, got, want)
		}
	}
}

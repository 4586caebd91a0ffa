package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// serveSite is a small site to serve.
const serveSite = `
-- site.toml --
title = "Serve portal"
baseURL = "https://example.org/skills/"
[[scale]]
level = 0
name = "None"
[[scale]]
level = 1
name = "Some"
[privacy]
publish = "open"
-- content/competencies/c/_index.md --
+++
title = "Core"
+++
-- content/competencies/c/one.md --
+++
title = "One"
+++
-- content/roles/r.md --
+++
title = "Role"
[targets]
one = 1
+++
-- content/teams/t.toml --
name = "Team"
-- content/people/ana.toml --
name = "Ana Served"
team = "t"
role = "r"
`

// syncBuffer is a bytes.Buffer that portal serve may write to while a test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// serve runs portal serve with args on a copy of serveSite until the test
// ends. It returns the port it serves at, once it says it serves, and what
// it writes on standard error.
func serve(t *testing.T, args ...string) (port string, stderr *syncBuffer) {
	t.Helper()
	port, _, stderr = serveSiteOf(t, serveSite, args...)
	return port, stderr
}

// serveSiteOf runs portal serve with args on a copy of the site in the
// txtar archive site, as serve does, and returns its standard output too.
func serveSiteOf(t *testing.T, site string, args ...string) (port string, stdout, stderr *syncBuffer) {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(site)).Files {
		name := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, append([]string{"-s", dir}, args...), stdout, stderr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("portal serve: %v", err)
			}
		case <-time.After(2 * time.Minute):
			t.Errorf("portal serve did not stop within 2 minutes of being asked")
		}
	})
	serving := regexp.MustCompile(`Serving .* at http://(\S+?)/`)
	// The first build may take long on a busy machine.
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if m := serving.FindStringSubmatch(stdout.String()); m != nil {
			_, port, err := net.SplitHostPort(m[1])
			if err != nil {
				t.Fatal(err)
			}
			return port, stdout, stderr
		}
		select {
		case err := <-done:
			t.Fatalf("portal serve stopped before serving: %v\nstdout:\n%s\nstderr:\n%s", err, stdout, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("portal serve does not say it serves within 2 minutes\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
		}
	}
}

// get asks the server on 127.0.0.1:port for a page of the site, with the
// Host header host.
func get(t *testing.T, port, host string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", "http://"+net.JoinHostPort("127.0.0.1", port)+"/skills/people/ana/", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	client := &http.Client{Timeout: time.Minute}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// TestServeLoopback serves on loopback, as by default: no warning, and
// requests for another host are refused.
func TestServeLoopback(t *testing.T) {
	port, stderr := serve(t, "--bind", "127.0.0.1", "--port", "0")
	for _, host := range []string{"localhost:" + port, "127.0.0.1:" + port} {
		if status, body := get(t, port, host); status != 200 || !strings.Contains(body, "Ana Served") {
			t.Errorf("Host %s: status %d, want the page", host, status)
		}
	}
	if status, body := get(t, port, "evil.example:"+port); status != http.StatusForbidden || strings.Contains(body, "Ana Served") {
		t.Errorf("Host evil.example:%s: status %d, want 403 and no page:\n%.300s", port, status, body)
	} else {
		t.Logf("refused: %s", body)
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("a warning on loopback:\n%s", stderr)
	}
}

// reportedAs is a listener that gives another address than its own.
type reportedAs struct {
	net.Listener
	addr net.Addr
}

func (l reportedAs) Addr() net.Addr { return l.addr }

// TestServeExposed serves with --bind 0.0.0.0: a warning that the people
// data can be read on the network, naming the address, and every Host is
// answered. The test's server listens on loopback all the same, and only
// says it listens on 0.0.0.0.
func TestServeExposed(t *testing.T) {
	defer func(l func(string, string) (net.Listener, error)) { listen = l }(listen)
	listen = func(network, address string) (net.Listener, error) {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return nil, err
		}
		ln, err := net.Listen(network, "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		return reportedAs{ln, &net.TCPAddr{IP: net.ParseIP(host), Port: ln.Addr().(*net.TCPAddr).Port}}, nil
	}
	port, stderr := serve(t, "--bind", "0.0.0.0", "--port", "0")
	warning := regexp.MustCompile(`warning: listening on 0\.0\.0\.0:` + port + ` \(--bind 0\.0\.0\.0\).*people data`)
	if !warning.MatchString(stderr.String()) {
		t.Errorf("no warning naming the address and the people data; stderr:\n%s", stderr)
	} else {
		t.Logf("stderr: %s", stderr)
	}
	for _, host := range []string{"localhost:" + port, "evil.example:" + port, "192.0.2.7:" + port} {
		if status, body := get(t, port, host); status != 200 || !strings.Contains(body, "Ana Served") {
			t.Errorf("Host %s: status %d, want the page", host, status)
		}
	}
}

// TestServePrivate serves a site published private: the author reads its
// private pages in the clear, marked, from the address serve gives; with
// --published they are sealed, as portal build writes them.
func TestServePrivate(t *testing.T) {
	t.Setenv("PORTAL_SECRET", strings.Repeat("ab", 32))
	site := strings.Replace(serveSite, "[privacy]\npublish = \"open\"\n", "", 1)
	for _, published := range []bool{false, true} {
		args := []string{"--port", "0"}
		if published {
			args = append(args, "--published")
		}
		port, stdout, _ := serveSiteOf(t, site, args...)
		m := regexp.MustCompile(`Private pages .* start at the people list: http://\S+?(/skills/private/[0-9a-f]{32}/)\n`).FindStringSubmatch(stdout.String())
		if m == nil {
			t.Fatalf("published %v: no address of the private pages in:\n%s", published, stdout)
		}
		for _, u := range []string{m[1], "/skills/people/"} {
			resp, err := http.Get("http://127.0.0.1:" + port + u)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			switch {
			case u == "/skills/people/":
				if resp.StatusCode != http.StatusNotFound {
					t.Errorf("published %v: %s: status %d, want 404: the people list is private", published, u, resp.StatusCode)
				}
			case resp.StatusCode != 200:
				t.Errorf("published %v: %s: status %d", published, u, resp.StatusCode)
			case !published && (!strings.Contains(string(body), "Ana Served") || !strings.Contains(string(body), "Published encrypted: only L&amp;D can open this page")):
				t.Errorf("the author's view of the people list is not in the clear, marked:\n%s", body)
			case published && (strings.Contains(string(body), "Ana Served") || !strings.Contains(string(body), `id="sealed-page"`)):
				t.Errorf("--published serves the people list in the clear:\n%s", body)
			}
		}
	}
}

package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"portal/builder"
)

// TestFiles checks that the preview serves a built site as a static host
// would: folder URLs serve index.html, other paths the 404 page with status
// 404, and no path escapes the site.
func TestFiles(t *testing.T) {
	out := &builder.Output{Files: map[string][]byte{
		"index.html":            []byte("home"),
		"people/ana/index.html": []byte("ana"),
		"404.html":              []byte("not found"),
		"css/portal.css":        []byte("body{}"),
	}}
	srv := httptest.NewServer(files(out))
	defer srv.Close()
	for _, c := range []struct {
		path, body string
		status     int
	}{
		{"/", "home", 200},
		{"/people/ana/", "ana", 200},
		{"/people/ana", "ana", 200}, // redirected to the folder URL
		{"/css/portal.css", "body{}", 200},
		{"/people/bob/", "not found", 404},
		{"/../../etc/passwd", "not found", 404},
		{"/%2e%2e/%2e%2e/etc/passwd", "not found", 404},
	} {
		resp, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || string(body) != c.body {
			t.Errorf("GET %s = %d %q, want %d %q", c.path, resp.StatusCode, body, c.status, c.body)
		}
	}
}

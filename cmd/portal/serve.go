package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"portal/builder"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("serve", stderr)
	src := fs.String("s", ".", "the site `folder`, holding site.toml and content/")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; loopback keeps the preview on this machine")
	port := fs.Int("port", 1313, "the `port` to listen on (0 picks a free one)")
	drafts := fs.Bool("drafts", true, "include articles marked draft")
	if err := parse(fs, args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String() + "/"
	site, out, err := builder.Build(os.DirFS(*src), builder.Options{Drafts: *drafts, BaseURL: base})
	if err := report(stderr, site, err); err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{Handler: files(out), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "Serving %d pages at %s (Ctrl-C to stop)\n", out.Pages, base)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		fmt.Fprintln(stdout, "Stopped.")
		return nil
	}
}

// files serves a built site from memory, as a static host would: a folder
// URL serves its index.html, anything else the 404 page.
func files(out *builder.Output) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") || name == "" {
			name = path.Join(name, "index.html")
		}
		body, ok := out.Files[name]
		status := http.StatusOK
		if !ok {
			if _, isDir := out.Files[path.Join(name, "index.html")]; isDir {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			name, body, status = "404.html", out.Files["404.html"], http.StatusNotFound
		}
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = http.DetectContentType(body)
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-cache")
		w.WriteHeader(status)
		if r.Method == http.MethodGet {
			w.Write(body)
		}
	})
}

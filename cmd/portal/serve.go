package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"portal/builder"
	"portal/builder/model"
	"portal/builder/seal"
	"portal/preview"
)

// listen is net.Listen; tests have it listen on loopback whatever they ask
// for.
var listen = net.Listen

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("serve", stderr)
	src := fs.String("s", ".", "the site folder `DIR`, holding site.toml and content/")
	bind := fs.String("bind", "127.0.0.1", "the `ADDRESS` to listen on; loopback keeps the preview and its people data on this machine")
	port := fs.Int("port", 1313, "listen on port `N` (0 picks a free one)")
	poll := fs.Duration("poll", 0, "scan the files every `DURATION` (such as 500ms) instead of waiting for file events, for file systems that send none")
	drafts := fs.Bool("drafts", true, "include articles marked draft")
	published := fs.Bool("published", false, "serve the private pages sealed, exactly as portal build writes them, rather than in the clear for the author")
	secretFile := secretFileFlag(fs)
	fs.Usage = usage(fs, "serve")
	if err := parse(fs, args); err != nil {
		return err
	}
	ln, err := listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		return err
	}
	if preview.Exposed(ln.Addr()) {
		fmt.Fprintf(stderr, "portal serve: warning: listening on %s (--bind %s), not on loopback: anyone on the network who can reach this address can read the people data of the site, and requests for any host name are answered\n", ln.Addr(), *bind)
	}
	opts := builder.Options{Drafts: *drafts, Clear: !*published}
	sec, err := secretFor(*src, *secretFile, true)
	if err != nil && underCI() && *secretFile == "" && !*published {
		// Under CI a preview shows the pages in the clear; only their
		// names would differ from the published ones.
		throwaway := seal.NewSecret()
		sec, err = &secret{Secret: throwaway, from: "a throwaway secret"}, nil
	}
	if err != nil {
		ln.Close()
		return err
	}
	tellSecret(stderr, "serve", sec)
	if sec != nil {
		opts.Secret = &sec.Secret
	}
	p := preview.New(*src, opts, stderr)
	p.SetAddr(ln.Addr(), *bind)
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "Serving %s at http://%s%s (Ctrl-C to stop)\n", *src, ln.Addr(), p.Base())
	if sec != nil {
		// No public page links the private ones: say where they start.
		lnd := model.PrivateURL(seal.NewKeys(sec.Secret).Path(seal.KindPeople, "1"))
		how := "in the clear, marked; --published seals them"
		if *published {
			how = "sealed, as published; open them with the links of portal links"
		}
		fmt.Fprintf(stdout, "Private pages (%s) start at the people list: http://%s%s%s\n", how, ln.Addr(), p.Base(), lnd)
	}

	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	watched := make(chan error, 1)
	go func() { watched <- p.Watch(watchCtx, *poll) }()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case err := <-watched:
		if err != nil {
			srv.Close()
			return fmt.Errorf("watching files: %w", err)
		}
	case <-ctx.Done():
	}
	stopWatch()
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	// Open event streams never end by themselves: close what is left.
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	srv.Close()
	fmt.Fprintln(stdout, "Stopped.")
	return nil
}

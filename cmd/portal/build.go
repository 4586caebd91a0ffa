package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"portal/builder"
	"portal/builder/model"
	"portal/builder/seal"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("build", stderr)
	src := fs.String("s", ".", "the site folder `DIR`, holding site.toml and content/")
	dest := fs.String("d", "", "the output folder `DIR` (default: public/ in the site folder)")
	baseURL := fs.String("baseURL", "", "the `URL` the site is published at, overriding site.toml")
	drafts := fs.Bool("drafts", false, "include articles marked draft")
	force := fs.Bool("force", false, "replace a non-empty output folder that portal did not make")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE`, for go tool pprof")
	secretFile := secretFileFlag(fs)
	memprofile := fs.String("memprofile", "", "write a profile of the memory the build allocated to `FILE`, for go tool pprof")
	fs.Usage = usage(fs, "build")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dest == "" {
		*dest = filepath.Join(*src, "public")
	}
	if err := builder.CheckDestination(*src, *dest, *force); err != nil {
		return err
	}
	sec, err := secretFor(*src, *secretFile, true, *dest)
	if err != nil {
		return err
	}
	tellSecret(stderr, "build", sec)
	opts := builder.Options{Drafts: *drafts, BaseURL: *baseURL}
	if sec != nil {
		opts.Secret = &sec.Secret
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *memprofile != "" {
		runtime.MemProfileRate = 64 << 10 // a sample every 64 KiB: enough, and cheap
		defer func() {
			if f, err := os.Create(*memprofile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	// A build writes into a folder of its own and swaps it in at the end, so
	// stopping it at any point leaves the previous output or the new one,
	// whole: on Ctrl-C, stop at once and say which.
	done := make(chan error, 1)
	go func() {
		done <- build(*src, *dest, opts, stdout, stderr)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		fmt.Fprint(stderr, interrupted(*dest, builder.StopOutput(*dest)))
		return errReported
	}
}

// interrupted is what an interrupted build says about dest, once s tells
// whether the new build was swapped in before the interrupt.
func interrupted(dest string, s builder.Stopped) string {
	if !s.Swapped {
		return fmt.Sprintf("portal build: interrupted; %s is as it was\n", dest)
	}
	msg := fmt.Sprintf("portal build: interrupted after the new site was in place; %s holds the new build\n", dest)
	for _, old := range s.Leftovers {
		msg += fmt.Sprintf("portal build: the previous build was being removed from %s; the next build removes what is left\n", old)
	}
	return msg
}

func build(src, dest string, opts builder.Options, stdout, stderr io.Writer) error {
	start := time.Now()
	fsys := builder.DirFS(src)
	site, err := builder.Load(fsys, opts)
	if err := report(stderr, site, err); err != nil {
		return err
	}
	loaded := time.Now()
	shown := showProgress(stderr, terminal(stderr), time.Second-time.Since(start), 100*time.Millisecond)
	pages, files, err := builder.WriteSite(fsys, site, dest, shown.set)
	shown.end()
	var diags builder.Diagnostics
	if errors.As(err, &diags) {
		return report(stderr, nil, err)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", dest, err)
	}
	end := time.Now()
	fmt.Fprintf(stdout, "Built %d pages, %d files in %d ms into %s (load %d ms, render and write %d ms)\n",
		pages, files, end.Sub(start).Milliseconds(), dest, loaded.Sub(start).Milliseconds(), end.Sub(loaded).Milliseconds())
	fmt.Fprintln(stdout, published(site.Config.Privacy))
	return nil
}

// published says what a build let out of each person's levels.
func published(p model.Privacy) string {
	switch p.Publish {
	case model.PublishOpen:
		return `Published open: every person's page and levels can be read by anyone who can reach the host. Put it behind your organisation's sign-in, or set [privacy] publish = "private" in site.toml.`
	case model.PublishPrivate:
		return fmt.Sprintf(`Published private: the pages of people and teams are encrypted, under names that say nothing of whom they show; the links of portal links open them. Public pages name nobody, and no number covers fewer than %d people ([privacy] min_group).`, p.MinGroup)
	}
	return fmt.Sprintf(`Published aggregate: no page shows an individual, and no number covers fewer than %d people ([privacy] min_group).`, p.MinGroup)
}

// report prints a build's warnings and errors to stderr, one per line. It
// returns errReported when the site has errors.
func report(stderr io.Writer, site *builder.Site, err error) error {
	var diags builder.Diagnostics
	if !errors.As(err, &diags) && err != nil {
		return err
	}
	if err == nil && site != nil {
		diags = site.Warnings
	}
	for _, d := range diags {
		fmt.Fprintln(stderr, d)
	}
	if n := len(diags.Errors()); n > 0 {
		fmt.Fprintf(stderr, "%d %s\n", n, plural(n, "error", "errors"))
		return errReported
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// checkSite loads and renders a site for check; tests replace it.
var checkSite = builder.Build

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("check", stderr)
	src := fs.String("s", ".", "the site folder `DIR`, holding site.toml and content/")
	strict := fs.Bool("strict", false, "fail on warnings too")
	fs.Usage = usage(fs, "check")
	if err := parse(fs, args); err != nil {
		return err
	}
	// A check writes nothing: on Ctrl-C, stop at once.
	type result struct {
		site *builder.Site
		err  error
	}
	done := make(chan result, 1)
	go func() {
		// A check writes nothing: any secret will do to seal the pages.
		throwaway := seal.NewSecret()
		site, _, err := checkSite(builder.DirFS(*src), builder.Options{Drafts: true, Secret: &throwaway})
		done <- result{site, err}
	}()
	var site *builder.Site
	var err error
	select {
	case r := <-done:
		site, err = r.site, r.err
	case <-ctx.Done():
		fmt.Fprintln(stderr, "portal check: interrupted")
		return errReported
	}
	var diags builder.Diagnostics
	if !errors.As(err, &diags) && err != nil {
		return err
	}
	if err == nil {
		diags = site.Warnings
	}
	for _, d := range diags {
		fmt.Fprintln(stdout, d)
	}
	errs, warns := len(diags.Errors()), len(diags.Warnings())
	fmt.Fprintf(stdout, "%d %s, %d %s\n", errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"))
	if errs > 0 || (*strict && warns > 0) {
		return errReported
	}
	return nil
}

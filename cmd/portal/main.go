// Command portal builds people-development portals: a competency framework,
// role profiles, teams, people, assessments and learning articles kept as
// files, turned into a static site.
//
// Usage:
//
//	portal build [-s DIR] [-d DIR] [--baseURL URL] [--drafts] [--secret-file FILE]
//	portal serve [-s DIR] [--bind 127.0.0.1] [--port 1313] [--published]
//	portal check [-s DIR] [--strict]
//	portal new competency|role|person|team|article|cycle NAME [-s DIR]
//	portal links [-s DIR] [-o FILE] [--baseURL URL]
//	portal secret
//	portal gen [-preset small|large|huge] [-seed N] [-o DIR] [-publish open]
//	portal version
//	portal help [verb]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at link time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK      = 0
	exitContent = 1 // the site has errors, or the build failed
	exitUsage   = 2
)

type verb struct {
	name    string
	summary string
	usage   string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var verbs []verb

func init() {
	verbs = []verb{
		{"build", "build the site into a folder", "portal build [-s DIR] [-d DIR] [--baseURL URL] [--drafts] [--secret-file FILE]", runBuild},
		{"serve", "preview the site on a local web server", "portal serve [-s DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--published]", runServe},
		{"check", "validate the site and print every problem", "portal check [-s DIR] [--strict]", runCheck},
		{"new", "write a new content file from a template", "portal new competency|role|person|team|article|cycle NAME [-s DIR]", runNew},
		{"links", "write the links that open the private pages", "portal links [-s DIR] [-o FILE] [--baseURL URL]", runLinks},
		{"secret", "print a new site secret", "portal secret", runSecret},
		{"gen", "generate a large site for benchmarks", "portal gen [-preset small|large|huge] [-seed N] [-o DIR] [-publish open]", runGen},
		{"version", "print the version", "portal version", runVersion},
		{"help", "explain a verb", "portal help [verb]", runHelp},
	}
}

// usageError is a mistake on the command line; it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errReported means the problems were already printed.
var errReported = errors.New("failed")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printHelp(stderr)
		return exitUsage
	}
	for _, v := range verbs {
		if v.name == args[0] {
			err := v.run(ctx, args[1:], stdout, stderr)
			var ue usageError
			switch {
			case err == nil:
				return exitOK
			case errors.Is(err, flag.ErrHelp):
				return exitOK
			case errors.As(err, &ue):
				fmt.Fprintf(stderr, "portal %s: %s\nusage: %s\n", v.name, ue.msg, v.usage)
				return exitUsage
			case errors.Is(err, errReported):
				return exitContent
			default:
				fmt.Fprintf(stderr, "portal %s: %v\n", v.name, err)
				return exitContent
			}
		}
	}
	fmt.Fprintf(stderr, "portal: unknown verb %q\n\n", args[0])
	printHelp(stderr)
	return exitUsage
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "portal builds a people-development portal from a folder of content.")
	fmt.Fprintln(w, "\nUsage:")
	for _, v := range verbs {
		fmt.Fprintf(w, "  %-60s %s\n", v.usage, v.summary)
	}
	fmt.Fprintln(w, "\nRun 'portal help VERB' for the flags of a verb.")
}

// flags makes a verb's flag set; parse errors become usage errors.
func flags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("portal "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) error {
	if err := parse(flags("version", stderr), args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "portal", version)
	return nil
}

func runHelp(_ context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		printHelp(stdout)
		return nil
	}
	for _, v := range verbs {
		if v.name == args[0] {
			if v.name == "help" || v.name == "version" {
				fmt.Fprintf(stdout, "usage: %s\n\n%s.\n", v.usage, v.summary)
				return nil
			}
			return v.run(context.Background(), []string{"-h"}, stdout, stdout)
		}
	}
	return usageError{fmt.Sprintf("unknown verb %q", args[0])}
}

// Command portal builds people-development portals: a competency framework,
// role profiles, teams, people, assessments and learning articles kept as
// files, turned into a static site.
//
// Run "portal help" for the verbs and "portal help VERB" for one verb's
// usage, flags and an example; the verbs and their help are in verbs.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
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
	usage   string // every flag, so that the line alone is a reminder
	about   string // one paragraph
	example string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var verbs []verb

func init() {
	verbs = []verb{
		{"init", "start a new site in an empty folder",
			"portal init [DIR] [--title TITLE]",
			"Starts a new site in DIR (default: the current folder), which must be new or empty (a .git folder is fine): site.toml with a commented scale, a category with two competencies, two roles, a team, three people, a manager review and a self-assessment, two articles, a .gitignore, and CI files that check the site and publish it to GitHub Pages or GitLab Pages. The site passes portal check --strict and builds as it is; then make it your own.",
			`portal init acme-growth --title "Acme Growth Portal"`, runInit},
		{"build", "build the site into a folder",
			"portal build [-s DIR] [-d DIR] [--baseURL URL] [--drafts] [--force] [--secret-file FILE] [--cpuprofile FILE] [--memprofile FILE]",
			"Builds the site into a folder that any static web host can serve (DIR/public unless -d says otherwise), after the same checks as portal check; a site with errors is not built, and the folder keeps its last build. A site published private (the default) needs its secret: the first build on a computer makes one and says where it keeps it, and a build under CI needs one given as PORTAL_SECRET.",
			"portal build -d /srv/www/growth --baseURL https://intranet.example.com/growth/", runBuild},
		{"serve", "preview the site on a local web server",
			"portal serve [-s DIR] [--bind ADDRESS] [--port N] [--poll DURATION] [--drafts=false] [--published] [--secret-file FILE]",
			"Builds the site into memory, serves it, and rebuilds it and reloads the browser on every change; a broken edit shows its errors over the page. Drafts are included and marked. The private pages of a site published private are served in the clear, marked, for the author to read without keys; --published serves them sealed, as portal build writes them.",
			"portal serve --port 8080", runServe},
		{"check", "validate the site and print every problem",
			"portal check [-s DIR] [--strict]",
			"Reads the whole site and prints every problem, one per line as file:line:column: message, then a count. Warnings point at holes that do not stop a build: a competency nobody teaches or needs, a role without targets, a person never assessed, text left from a template. Exits 1 on errors, and with --strict on warnings too.",
			"portal check --strict", runCheck},
		{"new", "write a new content file from a template",
			"portal new competency|role|person|team|article|cycle NAME [-s DIR] [--name TITLE] [--team ID] [--role ID] [--kind manager|self|peer] [--date YYYY-MM-DD]",
			"Writes a new content file into the site that holds the current folder (or -s DIR), and never overwrites. NAME is an id (ann-smith gives Ann Smith) or a title (\"How to coach\" gives how-to-coach), and a competency's NAME is category/id. A person gets the team and role given, checked, or the only one there is. A cycle lists every person with their role's competencies, to fill in.",
			`portal new person ann-smith --name "Ann Smith" --team support --role team-member`, runNew},
		{"import", "read a skills matrix or a list of ratings from a spreadsheet",
			"portal import FILE [-s DIR] [--sheet NAME] [--person-column HEADER] [--cycle ID] [--title TITLE] [--date YYYY-MM-DD] [--kind manager|self|peer] [--create] [--force] [--dry-run]",
			"Reads ratings from a .csv or .xlsx file into the site's cycle files. A skills matrix has a row per person and a column per competency (headed by its id or title); a list has a row per rating, with person, competency and level columns and optionally cycle, date and kind. Levels are numbers or the scale's names. Every problem is reported with its cell, and then nothing is written. A cycle file that exists is changed only with --force, which replaces the ratings the sheet gives and keeps every other; people and teams the site lacks are added only with --create.",
			`portal import matrix.xlsx --cycle 2027-h1 --date 2027-06-30`, runImport},
		{"export", "write the ratings as a spreadsheet",
			"portal export ratings|matrix [-o FILE] [-s DIR]",
			"Writes every cycle's ratings (ratings: a row per rating, as portal import reads them) or each person's current levels (matrix: a row per person, a column per competency) as a .csv or .xlsx file, or as CSV on standard output without -o. The file names people with their levels: keep it out of the published folders, where the export refuses to write it.",
			"portal export ratings -o ~/ratings.xlsx", runExport},
		{"links", "write the links that open the private pages",
			"portal links [-s DIR] [-o FILE] [--baseURL URL] [--secret-file FILE]",
			"Writes the links that open the private pages of a site published private, as CSV (kind, id, name, team, url): one per person, one per team (its page opens its members' pages) and one for L&D (the people list, which opens every private page). The key is in the part of each link after #, which browsers never send to the host. Hand each link only to the people it is for.",
			"portal links -o ~/growth-links.csv --baseURL https://intranet.example.com/growth/", runLinks},
		{"secret", "print a new site secret",
			"portal secret",
			"Prints a new site secret: 32 random bytes as 64 hexadecimal characters. A site published private needs the same secret for every build: give it to portal as PORTAL_SECRET or in a file (--secret-file) kept outside the site folder, and to CI as a secret variable.",
			"portal secret > ~/growth.secret", runSecret},
		{"gen", "generate a large site for benchmarks",
			"portal gen [--preset small|large|huge] [--seed N] [-o DIR] [--publish private|aggregate|open]",
			"Writes a large, realistic site of generated content, for benchmarks and for trying pages at sizes real organisations have. Its made-up people are published open unless --publish says otherwise.",
			"portal gen --preset large -o /tmp/large", runGen},
		{"version", "print the version", "portal version", "Prints the version of portal, as set when it was built (dev for a build from source without one).", "portal version", runVersion},
		{"help", "explain a verb", "portal help [VERB]", "Lists the verbs, or explains one: its usage, what it does, its flags and an example.", "portal help serve", runHelp},
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
	fmt.Fprintln(w, "\nusage: portal VERB [ARGUMENTS] [FLAGS]\n\nVerbs:")
	for _, v := range verbs {
		fmt.Fprintf(w, "  %-8s %s\n", v.name, v.summary)
	}
	fmt.Fprintln(w, "\nRun 'portal help VERB' for a verb's usage, flags and an example. To start a\nsite of your own: portal init my-portal")
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
	fs := flags("version", stderr)
	fs.Usage = usage(fs, "version")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "portal", version)
	return nil
}

func runHelp(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("help", stderr)
	fs.Usage = usage(fs, "help")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		printHelp(stdout)
		return nil
	case 1:
	default:
		return usageError{fmt.Sprintf("unexpected argument %q", pos[1])}
	}
	for _, v := range verbs {
		if v.name == pos[0] {
			return v.run(context.Background(), []string{"-h"}, stdout, stdout)
		}
	}
	return usageError{fmt.Sprintf("unknown verb %q", pos[0])}
}

// usage prints a verb's help, the same shape for every verb: the usage
// line, a paragraph, the flags and an example.
func usage(fs *flag.FlagSet, name string) func() {
	return func() {
		i := slices.IndexFunc(verbs, func(v verb) bool { return v.name == name })
		v := verbs[i]
		w := fs.Output()
		fmt.Fprintf(w, "usage: %s\n\n%s\n", v.usage, wrap(v.about, 78, ""))
		var lines [][2]string
		fs.VisitAll(func(f *flag.Flag) {
			arg, text := flag.UnquoteUsage(f)
			dashes := "--"
			if len(f.Name) == 1 {
				dashes = "-"
			}
			left := dashes + f.Name
			if arg != "" {
				left += " " + arg
			}
			if d := f.DefValue; d != "" && d != "0" && d != "0s" && d != "false" && !strings.Contains(text, "(default") {
				if _, isString := f.Value.(flag.Getter).Get().(string); isString {
					d = strconv.Quote(d)
				}
				text += " (default " + d + ")"
			}
			lines = append(lines, [2]string{left, text})
		})
		// In the order of the usage line.
		at := func(l [2]string) int { return strings.Index(v.usage, "["+strings.Fields(l[0])[0]) }
		slices.SortStableFunc(lines, func(a, b [2]string) int { return at(a) - at(b) })
		if len(lines) > 0 {
			fmt.Fprintln(w, "\nFlags:")
			for _, l := range lines {
				if len(l[0]) <= 20 {
					fmt.Fprintf(w, "  %-20s %s\n", l[0], wrap(l[1], 78, strings.Repeat(" ", 23)))
				} else {
					fmt.Fprintf(w, "  %s\n%s%s\n", l[0], strings.Repeat(" ", 23), wrap(l[1], 78, strings.Repeat(" ", 23)))
				}
			}
		}
		fmt.Fprintf(w, "\nExample:\n  %s\n", v.example)
	}
}

// wrap breaks text into lines of at most width characters, where it can;
// every line but the first starts with indent, which counts towards the
// width, and the first is taken to start at the same column.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	col := len(indent)
	for i, word := range strings.Fields(text) {
		switch {
		case i == 0:
		case col+1+len(word) > width:
			b.WriteString("\n" + indent)
			col = len(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}

// parseMixed parses flags that may come before, between or after the
// positional arguments, which it returns.
func parseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

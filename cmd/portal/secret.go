package main

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"portal/builder"
	"portal/builder/model"
	"portal/builder/seal"
)

// A site published private needs its secret on every build: the names and
// keys of its private pages come from it, and a new one breaks every link
// handed out. It comes from --secret-file, else PORTAL_SECRET, else the
// file this computer keeps for the site's folder, made on the first build.
// A build under CI makes none: it would publish pages no link opens.

// secretEnv is the environment variable that holds the site secret.
const secretEnv = "PORTAL_SECRET"

func runSecret(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("secret", stderr)
	fs.Usage = usage(fs, "secret")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, seal.NewSecret())
	return nil
}

// secret is a site secret and where it came from.
type secret struct {
	seal.Secret
	from string // "PORTAL_SECRET", or a file's path
	made bool   // made by this run, in the file from
}

// underCI tells whether the command runs in a CI job, as most CI services
// say with CI=true, and others with a variable of their own.
func underCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	if v != "" && v != "false" && v != "0" {
		return true
	}
	for _, name := range []string{"GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "JENKINS_URL", "BUILDKITE", "CODEBUILD_BUILD_ID", "TEAMCITY_VERSION", "CIRCLECI", "BITBUCKET_BUILD_NUMBER"} {
		if os.Getenv(name) != "" {
			return true
		}
	}
	return false
}

// findSecret finds the secret of the site in src, as the comment at the
// top of this file says; it makes one only when mayMake is set and the
// command is not under CI. The secret file may not be inside src or any
// of the folders out: a secret published with the site, or committed with
// it, opens every page.
func findSecret(src, file string, mayMake bool, out ...string) (*secret, error) {
	if file != "" {
		abs, err := filepath.Abs(file)
		if err != nil {
			return nil, err
		}
		for _, dir := range append([]string{src}, out...) {
			if within(abs, dir) {
				return nil, fmt.Errorf("--secret-file %s is inside %s: keep the secret outside the site folder and the output, where it would be committed or published with the pages it opens", file, dir)
			}
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("--secret-file: %w", err)
		}
		s, err := seal.ParseSecret(string(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		return &secret{Secret: s, from: file}, nil
	}
	if text := os.Getenv(secretEnv); text != "" {
		s, err := seal.ParseSecret(text)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", secretEnv, err)
		}
		return &secret{Secret: s, from: secretEnv}, nil
	}
	kept, err := keptSecretFile(src)
	if err != nil {
		return nil, fmt.Errorf("the site is published private and has no secret: set %s to one from portal secret, or pass --secret-file FILE (%v)", secretEnv, err)
	}
	data, err := os.ReadFile(kept)
	switch {
	case err == nil:
		s, err := seal.ParseSecret(string(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", kept, err)
		}
		return &secret{Secret: s, from: kept}, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	case underCI():
		return nil, fmt.Errorf("the site is published private and no secret is set (CI=true). A new secret here would give every private page a new address and key, and no link handed out would open them. Set %s, as a secret variable of the CI job, to the site's secret: the content of %s on the computer that made the links, or a new one from portal secret. Or set [privacy] publish = \"aggregate\" in site.toml", secretEnv, kept)
	case !mayMake:
		return nil, fmt.Errorf("the site is published private and has no secret yet: portal build makes one, or set %s", secretEnv)
	}
	s := seal.NewSecret()
	if err := os.MkdirAll(filepath.Dir(kept), 0o700); err != nil {
		return nil, err
	}
	// Written whole to a file of its own, synced, then linked to its name,
	// which fails if the name is taken: two builds at once keep one
	// secret, and a build stopped half-way leaves none rather than half.
	f, err := os.CreateTemp(filepath.Dir(kept), ".new-*.secret")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := fmt.Fprintln(f, s); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	if err := os.Link(f.Name(), kept); errors.Is(err, fs.ErrExist) {
		return findSecret(src, "", false, out...)
	} else if err != nil {
		return nil, err
	}
	return &secret{Secret: s, from: kept, made: true}, nil
}

// keptSecretFile is the file this computer keeps the secret of the site in
// src in: under the user's configuration folder, named after the site
// folder's absolute path.
func keptSecretFile(src string) (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	sum := sha256.Sum256([]byte(abs))
	name := strings.Trim(unsafeName.ReplaceAllString(filepath.Base(abs), "-"), "-")
	return filepath.Join(dir, "portal", "secrets", name+"-"+hex.EncodeToString(sum[:6])+".secret"), nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// within tells whether path is dir or inside it, symbolic links resolved
// where they can be.
func within(path, dir string) bool {
	real := func(p string) string {
		p, _ = filepath.Abs(p)
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return r
		}
		if r, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
			return filepath.Join(r, filepath.Base(p))
		}
		return p
	}
	rel, err := filepath.Rel(real(dir), real(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// secretFor finds the secret a command needs to load the site in src: none
// unless the site is published private.
func secretFor(src, file string, mayMake bool, out ...string) (*secret, error) {
	if builder.Published(builder.DirFS(src)) != model.PublishPrivate {
		return nil, nil
	}
	return findSecret(src, file, mayMake, out...)
}

// secretFileFlag adds --secret-file to the flags of a verb that reads the
// site secret.
func secretFileFlag(fs *flag.FlagSet) *string {
	return fs.String("secret-file", "", "read the site secret from `FILE`, outside the site folder and the output (default: PORTAL_SECRET, or the one this computer keeps for the site)")
}

// tellSecret says where a secret came from when it is news: when the run
// made it.
func tellSecret(w io.Writer, verb string, s *secret) {
	if s != nil && s.made {
		fmt.Fprintf(w, "portal %s: made the site secret, in %s. The addresses and keys of the private pages come from it: keep it, back it up, and give the same one to every other build of the site (%s or --secret-file), or the links handed out stop working.\n", verb, s.from, secretEnv)
	}
}

func runLinks(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("links", stderr)
	src := fs.String("s", ".", "the site folder `DIR`, holding site.toml and content/")
	out := fs.String("o", "", "write the links to `FILE` instead of standard output; it must be outside the site folder")
	baseURL := fs.String("baseURL", "", "the `URL` the site is published at, overriding site.toml")
	secretFile := secretFileFlag(fs)
	fs.Usage = usage(fs, "links")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out != "" && (within(*out, *src) || within(*out, filepath.Join(*src, "public"))) {
		return fmt.Errorf("-o %s is inside the site folder %s: the links hold every key, and would be committed or published with the site; write them elsewhere", *out, *src)
	}
	if p := builder.Published(builder.DirFS(*src)); p != model.PublishPrivate && p != "" {
		return fmt.Errorf("the site is published %s ([privacy] publish in site.toml): it has no private pages, and so no links", p)
	}
	sec, err := findSecret(*src, *secretFile, true, filepath.Join(*src, "public"))
	if err != nil {
		return err
	}
	tellSecret(stderr, "links", sec)
	site, err := builder.Load(builder.DirFS(*src), builder.Options{BaseURL: *baseURL, Secret: &sec.Secret})
	if err := report(stderr, site, err); err != nil {
		return err
	}
	if site.Config.BaseURL == "" {
		return errors.New("a link needs the address the site is published at: set baseURL in site.toml, or pass --baseURL")
	}
	w := stdout
	var f *os.File
	if *out != "" {
		f, err = os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := f.Chmod(0o600); err != nil { // a file that was there keeps its mode
			return err
		}
		w = f
	}
	c := csv.NewWriter(w)
	link := func(u string, a seal.Audience) string {
		return site.Config.BaseURL + u + "#k=" + site.Keys.Fragment(a)
	}
	c.Write([]string{"kind", "id", "name", "team", "url"})
	c.Write([]string{"lnd", "", "L&D: every private page", "", link(site.PeoplePageURL(1), seal.LnD())})
	for _, t := range site.Teams {
		c.Write([]string{"team", t.ID, cell(t.Name), t.ID, link(site.TeamMembersURL(t.ID), seal.Team(t.ID))})
	}
	for _, p := range site.People {
		team := ""
		if p.Team != nil {
			team = p.Team.ID
		}
		c.Write([]string{"person", p.ID, cell(p.Name), team, link(site.PersonURL(p.ID), seal.Person(p.ID))})
	}
	c.Flush()
	if err := c.Error(); err != nil {
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "Wrote %d links to %s: %d people, %d teams and L&D. Each holds a key: send each only to whom it is for.\n", 1+len(site.Teams)+len(site.People), *out, len(site.People), len(site.Teams))
	}
	return nil
}

// cell is a name as a CSV cell that a spreadsheet shows as text: one that
// starts like a formula gets a leading apostrophe, which spreadsheets hide.
func cell(name string) string {
	if name != "" && strings.ContainsRune("=+-@\t\r", rune(name[0])) {
		return "'" + name
	}
	return name
}

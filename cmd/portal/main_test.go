package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/builder"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	// A site published private keeps a secret in the user's configuration
	// folder: the tests' go to a folder of their own, unless a script
	// names one.
	if os.Getenv("XDG_CONFIG_HOME") == "" {
		config, err := os.MkdirTemp("", "portal-config-")
		if err != nil {
			panic(err)
		}
		os.Setenv("XDG_CONFIG_HOME", config)
		defer os.RemoveAll(config)
	}
	testscript.Main(m, map[string]func(){
		"portal": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command end to end on the sites in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"copydemo": copyDemo,
	}})
}

// copyDemo copies the demo site at the root of the repository (its
// site.toml and content/) into the folder args[0] of the script; with a
// second argument "open", the copy is published open.
func copyDemo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: copydemo DIR [open]")
	}
	dest := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(dest, 0o755))
	root := filepath.Join("..", "..")
	for _, name := range []string{"site.toml", "content"} {
		err := filepath.WalkDir(filepath.Join(root, name), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dest, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if rel == "site.toml" && len(args) > 1 && args[1] == "open" {
				data = append(data, "\n[privacy]\npublish = \"open\"\n"...)
			}
			return os.WriteFile(filepath.Join(dest, rel), data, 0o644)
		})
		ts.Check(err)
	}
}

// TestCheckInterrupted stops a check that is still loading: it returns at
// once with its message, as build does, rather than when the load ends.
func TestCheckInterrupted(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	checkSite = func(fsys fs.FS, opts builder.Options) (*builder.Site, *builder.Output, error) {
		<-release
		return nil, nil, errors.New("released")
	}
	defer func() { checkSite = builder.Build }()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"check", "-s", t.TempDir()}, &stdout, &stderr); code != exitContent {
		t.Errorf("exit %d, want %d", code, exitContent)
	}
	if !strings.Contains(stderr.String(), "portal check: interrupted") {
		t.Errorf("stderr %q", stderr.String())
	}
}

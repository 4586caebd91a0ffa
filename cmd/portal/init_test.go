package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// initSite runs portal init into a new folder and returns it.
func initSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if code := run(context.Background(), []string{"init", dir}, io.Discard, io.Discard); code != exitOK {
		t.Fatalf("portal init exited %d", code)
	}
	return dir
}

// readYAML parses a YAML file of the new site.
func readYAML(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s is not valid YAML: %v", file, err)
	}
}

// TestInitGitHubWorkflow checks the GitHub Actions workflow portal init
// writes: valid YAML, with portal check as a gate before the build, and
// the steps that publish to Pages from the default branch only.
func TestInitGitHubWorkflow(t *testing.T) {
	type step struct {
		Name string            `yaml:"name"`
		ID   string            `yaml:"id"`
		If   string            `yaml:"if"`
		Uses string            `yaml:"uses"`
		Run  string            `yaml:"run"`
		Env  map[string]string `yaml:"env"`
		With map[string]string `yaml:"with"`
	}
	type job struct {
		RunsOn      string            `yaml:"runs-on"`
		Needs       string            `yaml:"needs"`
		If          string            `yaml:"if"`
		Permissions map[string]string `yaml:"permissions"`
		Steps       []step            `yaml:"steps"`
	}
	var wf struct {
		Name string         `yaml:"name"`
		On   map[string]any `yaml:"on"`
		Jobs map[string]job `yaml:"jobs"`
	}
	readYAML(t, filepath.Join(initSite(t), ".github/workflows/portal.yml"), &wf)

	for _, event := range []string{"push", "pull_request"} {
		if _, ok := wf.On[event]; !ok {
			t.Errorf("the workflow does not run on %s", event)
		}
	}
	build, ok := wf.Jobs["build"]
	if !ok || build.RunsOn == "" {
		t.Fatalf("no build job with runs-on: %+v", wf.Jobs)
	}
	at := func(match func(step) bool) int { return slices.IndexFunc(build.Steps, match) }
	checkout := at(func(s step) bool { return strings.HasPrefix(s.Uses, "actions/checkout@") })
	install := at(func(s step) bool {
		return strings.Contains(s.Run, "go build -o") && strings.Contains(s.Run, "./cmd/portal")
	})
	check := at(func(s step) bool { return strings.TrimSpace(s.Run) == "portal check" && s.If == "" })
	pages := at(func(s step) bool { return strings.HasPrefix(s.Uses, "actions/configure-pages@") })
	buildStep := at(func(s step) bool { return strings.HasPrefix(s.Run, "portal build ") })
	upload := at(func(s step) bool { return strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") })
	order := []int{checkout, install, check, pages, buildStep, upload}
	if slices.Contains(order, -1) || !slices.IsSorted(order) {
		t.Fatalf("want checkout, install, check, configure-pages, build, upload in that order; at %v", order)
	}
	b := build.Steps[buildStep]
	if b.Env["PORTAL_SECRET"] != "${{ secrets.PORTAL_SECRET }}" {
		t.Errorf("the build does not take PORTAL_SECRET from the secrets: %v", b.Env)
	}
	if !strings.Contains(b.Run, "--baseURL \"${{ steps."+build.Steps[pages].ID+".outputs.base_url }}/\"") {
		t.Errorf("the build does not take its baseURL from configure-pages: %q", b.Run)
	}
	if build.Steps[upload].With["path"] != "public" {
		t.Errorf("the upload does not take public/: %v", build.Steps[upload].With)
	}
	for _, i := range []int{pages, buildStep, upload} {
		if build.Steps[i].If == "" {
			t.Errorf("step %q runs on pull requests too", build.Steps[i].Name)
		}
	}

	deploy, ok := wf.Jobs["deploy"]
	if !ok || deploy.Needs != "build" || !strings.Contains(deploy.If, "default_branch") {
		t.Fatalf("no deploy job after build on the default branch: %+v", deploy)
	}
	if deploy.Permissions["pages"] != "write" || deploy.Permissions["id-token"] != "write" {
		t.Errorf("deploy lacks the permissions Pages needs: %v", deploy.Permissions)
	}
	if len(deploy.Steps) != 1 || !strings.HasPrefix(deploy.Steps[0].Uses, "actions/deploy-pages@") {
		t.Errorf("deploy does not publish with deploy-pages: %+v", deploy.Steps)
	}
}

// TestInitGitLabCI checks the GitLab CI file portal init writes: valid
// YAML, a check job in a stage before the pages job, which publishes
// public/ from the default branch.
func TestInitGitLabCI(t *testing.T) {
	type job struct {
		Stage     string              `yaml:"stage"`
		Script    []string            `yaml:"script"`
		Artifacts map[string][]string `yaml:"artifacts"`
		Rules     []map[string]string `yaml:"rules"`
	}
	var ci struct {
		Default struct {
			Image        string   `yaml:"image"`
			BeforeScript []string `yaml:"before_script"`
		} `yaml:"default"`
		Stages []string `yaml:"stages"`
		Check  job      `yaml:"check"`
		Pages  job      `yaml:"pages"`
	}
	readYAML(t, filepath.Join(initSite(t), ".gitlab-ci.yml"), &ci)

	if !strings.HasPrefix(ci.Default.Image, "golang:") || !slices.ContainsFunc(ci.Default.BeforeScript, func(s string) bool { return strings.Contains(s, "./cmd/portal") }) {
		t.Errorf("the jobs do not install portal: %+v", ci.Default)
	}
	check, pages := slices.Index(ci.Stages, ci.Check.Stage), slices.Index(ci.Stages, ci.Pages.Stage)
	if check < 0 || pages < 0 || check >= pages {
		t.Errorf("stages %v: check in %q must come before pages in %q", ci.Stages, ci.Check.Stage, ci.Pages.Stage)
	}
	if !slices.Equal(ci.Check.Script, []string{"portal check"}) {
		t.Errorf("check runs %v", ci.Check.Script)
	}
	if len(ci.Pages.Script) != 1 || ci.Pages.Script[0] != `portal build --baseURL "$CI_PAGES_URL/"` {
		t.Errorf("pages runs %v", ci.Pages.Script)
	}
	if !slices.Equal(ci.Pages.Artifacts["paths"], []string{"public"}) {
		t.Errorf("pages publishes %v", ci.Pages.Artifacts)
	}
	if len(ci.Pages.Rules) != 1 || ci.Pages.Rules[0]["if"] != "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" {
		t.Errorf("pages runs on %v", ci.Pages.Rules)
	}
}

package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestHelpShape runs portal help for every verb: each has the same shape,
// a usage line naming every flag, a paragraph, the flags and an example of
// the verb, and portal VERB -h prints the same.
func TestHelpShape(t *testing.T) {
	flagLine := regexp.MustCompile(`^  (--?[a-zA-Z-]+)`)
	for _, v := range verbs {
		t.Run(v.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(context.Background(), []string{"help", v.name}, &out, &errOut); code != exitOK {
				t.Fatalf("portal help %s exited %d: %s", v.name, code, errOut.String())
			}
			help := out.String()
			if strings.Contains(help, "Usage of") {
				t.Errorf("Go's own usage text:\n%s", help)
			}
			sections := strings.Split(strings.TrimSuffix(help, "\n"), "\n\n")
			if len(sections) < 3 {
				t.Fatalf("want usage, paragraph, [flags,] example; got:\n%s", help)
			}
			usageLine := sections[0]
			if usageLine != "usage: "+v.usage || strings.Contains(usageLine, "\n") {
				t.Errorf("usage line %q, want %q", usageLine, "usage: "+v.usage)
			}
			if about := sections[1]; len(about) < 40 || strings.HasPrefix(about, "Flags:") {
				t.Errorf("no paragraph: %q", about)
			}
			for _, line := range strings.Split(sections[1], "\n") {
				if len(line) > 78 {
					t.Errorf("paragraph line over 78 characters: %q", line)
				}
			}
			example := sections[len(sections)-1]
			if !strings.HasPrefix(example, "Example:\n  portal "+v.name) {
				t.Errorf("no example of portal %s: %q", v.name, example)
			}
			var flagged []string
			if len(sections) == 4 {
				flags := strings.Split(sections[2], "\n")
				if flags[0] != "Flags:" {
					t.Fatalf("third section is not the flags: %q", sections[2])
				}
				for _, line := range flags[1:] {
					if m := flagLine.FindStringSubmatch(line); m != nil {
						flagged = append(flagged, m[1])
					}
				}
			} else if len(sections) != 3 {
				t.Fatalf("%d sections:\n%s", len(sections), help)
			}
			for _, f := range flagged {
				if !strings.Contains(usageLine, "["+f+" ") && !strings.Contains(usageLine, "["+f+"]") && !strings.Contains(usageLine, "["+f+"=") {
					t.Errorf("the usage line leaves out %s: %s", f, usageLine)
				}
			}
			if n := strings.Count(usageLine, "[-"); n != len(flagged) {
				t.Errorf("the usage line names %d flags, the help lists %d: %v", n, len(flagged), flagged)
			}

			var direct, directErr bytes.Buffer
			if code := run(context.Background(), []string{v.name, "-h"}, &direct, &directErr); code != exitOK && v.name != "help" {
				t.Errorf("portal %s -h exited %d", v.name, code)
			}
			if v.name != "help" && directErr.String() != help {
				t.Errorf("portal %s -h prints otherwise than portal help %s:\n%s", v.name, v.name, directErr.String())
			}
		})
	}
}

package content

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// fields reads the typed values of one metadata block, reporting wrong types,
// missing required keys and keys it does not know, each at its position.
type Fields struct {
	path  string
	meta  map[string]any
	loc   Locator
	r     *Report
	known []string
}

func NewFields(path string, meta map[string]any, loc Locator, r *Report) *Fields {
	return &Fields{path: path, meta: meta, loc: loc, r: r}
}

func TypeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "a whole number"
	case float64:
		return "a decimal number"
	case bool:
		return "true or false"
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case nil:
		return "empty"
	}
	return fmt.Sprintf("%T", v)
}

func (f *Fields) Get(key string, required bool) (any, bool) {
	f.known = append(f.known, key)
	v, ok := f.meta[key]
	if !ok && required {
		f.r.Errorf(f.path, Pos{f.loc.Key().Line, 1}, "missing required key %q", key)
	}
	return v, ok
}

func (f *Fields) wrongType(key, want string, v any) {
	f.r.Errorf(f.path, f.loc.Value(key), "%s must be %s, not %s", key, want, TypeName(v))
}

func (f *Fields) Str(key string, required bool) string {
	v, ok := f.Get(key, required)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		f.wrongType(key, "a string", v)
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		f.r.Errorf(f.path, f.loc.Value(key), "%s must not be empty", key)
	}
	if IsTemplateText(s) {
		f.r.Warnf(f.path, f.loc.Value(key), "%s is still the template's text: write the real one", key)
	}
	return s
}

// templateText are the sentences portal new writes for the author to
// replace; check warns where one is left.
var templateText = []string{
	"One sentence: what someone with this skill does.",
	"One sentence: what the role is for.",
	"One sentence: what the team does.",
	"Job title as shown",
	"One or two sentences: what the reader will be able to do.",
}

// IsTemplateText says whether s is a sentence of portal new's templates,
// left for the author to replace.
func IsTemplateText(s string) bool {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "What someone at "); ok && strings.HasSuffix(rest, levelTemplateEnd) {
		return true
	}
	return len(s) < 80 && slices.Contains(templateText, s)
}

const levelTemplateEnd = " does that someone at the level below does not."

// LevelTemplate is the descriptor portal new writes for a scale level
// named name, for the author to replace.
func LevelTemplate(name string) string { return "What someone at " + name + levelTemplateEnd }

// HeadingsOnly says whether a markdown body is headings with nothing under
// any of them, as portal new's templates leave it.
func HeadingsOnly(body []byte) bool {
	headings := 0
	for line := range strings.Lines(string(body)) {
		switch t := strings.TrimSpace(line); {
		case t == "":
		case strings.HasPrefix(t, "#"):
			headings++
		default:
			return false
		}
	}
	return headings > 0
}

func (f *Fields) Bool(key string) bool {
	v, ok := f.Get(key, false)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		f.wrongType(key, "true or false", v)
	}
	return b
}

// integer reads a whole number; ok is false when it is absent or wrong.
func (f *Fields) Int(key string) (n int, ok bool) {
	v, present := f.Get(key, false)
	if !present {
		return 0, false
	}
	return f.toInt(key, v, f.loc.Value(key))
}

func (f *Fields) toInt(name string, v any, at Pos) (int, bool) {
	switch n := v.(type) {
	case int64:
		if int64(int(n)) == n {
			return int(n), true
		}
		f.r.Errorf(f.path, at, "%s is too large", name)
		return 0, false
	case float64:
		// 2.0 is a whole number; 1e300 and inf are none an int holds.
		if n == math.Trunc(n) && math.Abs(n) <= 1<<53 {
			return int(n), true
		}
	}
	f.r.Errorf(f.path, at, "%s must be a whole number, not %s", name, TypeName(v))
	return 0, false
}

func (f *Fields) Date(key string, required bool) time.Time {
	v, ok := f.Get(key, required)
	if !ok {
		return time.Time{}
	}
	switch t := v.(type) {
	case time.Time:
		if t.Year() == 0 && t.Month() == time.January && t.Day() == 1 {
			// TOML's local time (10:00:00) has no date.
			f.r.Errorf(f.path, f.loc.Value(key), "%s must be a date such as 2025-06-30, not a time of day", key)
			return time.Time{}
		}
		return t
	case string:
		for _, layout := range []string{"2006-01-02", time.RFC3339} {
			if d, err := time.Parse(layout, t); err == nil {
				return d
			}
		}
		f.r.Errorf(f.path, f.loc.Value(key), "%s must be a date such as 2025-06-30, not %q", key, t)
		return time.Time{}
	}
	f.wrongType(key, "a date", v)
	return time.Time{}
}

// strings reads a list of strings, returning each with its position.
func (f *Fields) Strings(key string, required bool) []string {
	v, ok := f.Get(key, required)
	if !ok {
		return nil
	}
	list, isList := v.([]any)
	if !isList {
		f.wrongType(key, "a list of strings", v)
		return nil
	}
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, isStr := item.(string)
		if !isStr {
			f.r.Errorf(f.path, f.loc.Value(key), "%s must be a list of strings, but holds %s", key, TypeName(item))
			continue
		}
		out = append(out, s)
	}
	return out
}

// table reads a table; its keys are left for the caller to check.
func (f *Fields) Table(key string) map[string]any {
	v, ok := f.Get(key, false)
	if !ok {
		return nil
	}
	t, isTable := v.(map[string]any)
	if !isTable {
		f.wrongType(key, "a table", v)
		return nil
	}
	return t
}

// done reports every key that was not read, with a suggestion for typos.
func (f *Fields) Done() {
	keys := make([]string, 0, len(f.meta))
	for k := range f.meta {
		if !slices.Contains(f.known, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		f.r.Errorf(f.path, f.loc.Key(k), "unknown key %q%s", k, Suggest(k, f.known))
	}
}

// sortedKeys returns the keys of m in order, for deterministic iteration.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

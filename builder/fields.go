package builder

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// fields reads the typed values of one metadata block, reporting wrong types,
// missing required keys and keys it does not know, each at its position.
type fields struct {
	path  string
	meta  map[string]any
	loc   locator
	r     *report
	known []string
}

func newFields(path string, meta map[string]any, loc locator, r *report) *fields {
	return &fields{path: path, meta: meta, loc: loc, r: r}
}

func typeName(v any) string {
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

func (f *fields) get(key string, required bool) (any, bool) {
	f.known = append(f.known, key)
	v, ok := f.meta[key]
	if !ok && required {
		f.r.errorf(f.path, Pos{f.loc.key().Line, 1}, "missing required key %q", key)
	}
	return v, ok
}

func (f *fields) wrongType(key, want string, v any) {
	f.r.errorf(f.path, f.loc.value(key), "%s must be %s, not %s", key, want, typeName(v))
}

func (f *fields) str(key string, required bool) string {
	v, ok := f.get(key, required)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		f.wrongType(key, "a string", v)
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		f.r.errorf(f.path, f.loc.value(key), "%s must not be empty", key)
	}
	return s
}

func (f *fields) boolean(key string) bool {
	v, ok := f.get(key, false)
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
func (f *fields) integer(key string) (n int, ok bool) {
	v, present := f.get(key, false)
	if !present {
		return 0, false
	}
	return f.toInt(key, v, f.loc.value(key))
}

func (f *fields) toInt(name string, v any, at Pos) (int, bool) {
	switch n := v.(type) {
	case int64:
		return int(n), true
	case float64:
		if n == math.Trunc(n) {
			return int(n), true
		}
	}
	f.r.errorf(f.path, at, "%s must be a whole number, not %s", name, typeName(v))
	return 0, false
}

func (f *fields) date(key string, required bool) time.Time {
	v, ok := f.get(key, required)
	if !ok {
		return time.Time{}
	}
	switch t := v.(type) {
	case time.Time:
		return t
	case string:
		for _, layout := range []string{"2006-01-02", time.RFC3339} {
			if d, err := time.Parse(layout, t); err == nil {
				return d
			}
		}
		f.r.errorf(f.path, f.loc.value(key), "%s must be a date such as 2025-06-30, not %q", key, t)
		return time.Time{}
	}
	f.wrongType(key, "a date", v)
	return time.Time{}
}

// strings reads a list of strings, returning each with its position.
func (f *fields) strings(key string, required bool) []string {
	v, ok := f.get(key, required)
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
			f.r.errorf(f.path, f.loc.value(key), "%s must be a list of strings, but holds %s", key, typeName(item))
			continue
		}
		out = append(out, s)
	}
	return out
}

// table reads a table; its keys are left for the caller to check.
func (f *fields) table(key string) map[string]any {
	v, ok := f.get(key, false)
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
func (f *fields) done() {
	keys := make([]string, 0, len(f.meta))
	for k := range f.meta {
		if !slices.Contains(f.known, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		f.r.errorf(f.path, f.loc.key(k), "unknown key %q%s", k, suggest(k, f.known))
	}
}

// sortedKeys returns the keys of m in order, for deterministic iteration.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

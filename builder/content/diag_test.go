package content

import "testing"

// TestSuggestID checks what an unknown id's message adds: a close match,
// else the few known ids, else nothing; and says when there are none.
func TestSuggestID(t *testing.T) {
	many := []string{"a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8", "i9"}
	for _, c := range []struct {
		id    string
		known []string
		want  string
	}{
		{"opps", []string{"ops", "sales"}, ` (did you mean "ops"?)`},
		{"finance", []string{"ops", "sales"}, `; the teams are "ops" and "sales"`},
		{"finance", []string{"ops", "sales", "support"}, `; the teams are "ops", "sales" and "support"`},
		{"finance", []string{"ops"}, `; the only team is "ops"`},
		{"finance", nil, `; there are no teams yet`},
		{"finance", many[:8], `; the teams are "a1", "b2", "c3", "d4", "e5", "f6", "g7" and "h8"`},
		{"finance", many, ``},
	} {
		if got := SuggestID(c.id, c.known, "team", "teams"); got != c.want {
			t.Errorf("SuggestID(%q, %q) = %q, want %q", c.id, c.known, got, c.want)
		}
	}
}

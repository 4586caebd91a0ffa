package seal

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

var secret = Secret{9, 8, 7, 6, 5, 4, 3, 2, 1}

// TestSealOpens seals a page for two audiences: each opens it, any other
// key, a page at another address and any changed byte do not.
func TestSealOpens(t *testing.T) {
	k := NewKeys(secret)
	plain := []byte(`{"title":"Ana","main":"<p>levels</p>"}`)
	box := k.Seal("private/x/", plain, []Audience{Person("ana"), LnD()})
	for _, a := range []Audience{Person("ana"), LnD()} {
		got, err := Open("private/x/", box, k.Key(a))
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("%v: %q, %v", a, got, err)
		}
	}
	for _, a := range []Audience{Person("ben"), Team("ana"), Team("ops")} {
		if _, err := Open("private/x/", box, k.Key(a)); err == nil {
			t.Errorf("opens for %v", a)
		}
	}
	if _, err := Open("private/y/", box, k.Key(LnD())); err == nil {
		t.Error("opens at another address")
	}
	if _, err := Open("private/x/", box, NewKeys(Secret{1}).Key(LnD())); err == nil {
		t.Error("opens with the L&D key of another secret")
	}
	var s Sealed
	if err := json.Unmarshal(box, &s); err != nil {
		t.Fatal(err)
	}
	s.Data[len(s.Data)/2] ^= 1
	changed, _ := json.Marshal(s)
	if _, err := Open("private/x/", changed, k.Key(LnD())); err == nil {
		t.Error("opens with a byte changed")
	}
}

// TestSealDeterministic checks that the same page seals to the same bytes,
// and that pages that differ, or are at other addresses, have other
// content keys and nonces.
func TestSealDeterministic(t *testing.T) {
	k := NewKeys(secret)
	to := []Audience{Person("ana")}
	a := k.Seal("private/x/", []byte("one"), to)
	if !bytes.Equal(a, NewKeys(secret).Seal("private/x/", []byte("one"), to)) {
		t.Error("the same page sealed twice differs")
	}
	ivs := map[string]bool{}
	for _, c := range []struct{ url, text string }{{"private/x/", "one"}, {"private/x/", "two"}, {"private/y/", "one"}} {
		var s Sealed
		json.Unmarshal(k.Seal(c.url, []byte(c.text), to), &s)
		if ivs[string(s.IV)] || ivs[string(s.Wraps[0].IV)] {
			t.Errorf("%v: a nonce used before", c)
		}
		ivs[string(s.IV)], ivs[string(s.Wraps[0].IV)] = true, true
	}
}

// TestPaths checks that opaque names depend on the kind, the id and the
// secret, and say nothing of the id.
func TestPaths(t *testing.T) {
	k := NewKeys(secret)
	seen := map[string]bool{}
	for _, p := range []string{k.Path(KindPerson, "ana"), k.Path(KindTeam, "ana"), k.Path(KindPerson, "anb"), NewKeys(Secret{1}).Path(KindPerson, "ana")} {
		if seen[p] || len(p) != 32 || strings.Contains(p, "ana") {
			t.Errorf("path %q", p)
		}
		seen[p] = true
	}
}

// TestParseSecret reads what String writes and refuses the rest.
func TestParseSecret(t *testing.T) {
	s := NewSecret()
	if got, err := ParseSecret(" " + s.String() + "\n"); err != nil || got != s {
		t.Errorf("round trip: %v", err)
	}
	for _, bad := range []string{"", "abc", strings.Repeat("g", 64), strings.Repeat("0", 64), s.String() + "00"} {
		if _, err := ParseSecret(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if NewSecret() == NewSecret() {
		t.Error("two new secrets are the same")
	}
}

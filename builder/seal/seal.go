// Package seal encrypts the pages of a site published private, so that a
// static host holds them only in a form it cannot read, and names them by
// paths that say nothing of whom they show.
//
// Everything comes from one site secret of 32 random bytes, with HKDF and
// HMAC-SHA256 from the standard library: the opaque path of each private
// page, the key of each audience (a person, a team, the L&D team), and,
// for each page, a content key and nonce drawn from the page's own bytes.
// A page is encrypted once with AES-256-GCM under its content key, and that
// key is wrapped, again with AES-GCM, under the key of each audience that
// may read it. The same secret and page give the same bytes, and two
// different pages never share a content key, so no nonce is used twice
// under one key. docs/privacy.md sets out the design.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// Size is the length of a site secret and of every key, in bytes.
const Size = 32

// Secret is a site's secret: every key and opaque path of its private
// pages comes from it.
type Secret [Size]byte

// NewSecret returns a new secret from the system's random source.
func NewSecret() Secret {
	var s Secret
	rand.Read(s[:]) // never fails: it crashes the program first
	return s
}

// String writes the secret as portal secret prints it: 64 hexadecimal
// characters.
func (s Secret) String() string { return hex.EncodeToString(s[:]) }

// ParseSecret reads a secret as String writes it; spaces and line breaks
// around it are ignored.
func ParseSecret(text string) (Secret, error) {
	var s Secret
	text = strings.TrimSpace(text)
	if len(text) != 2*Size {
		return s, fmt.Errorf("a site secret is %d hexadecimal characters, as portal secret prints one; this one has %d", 2*Size, len(text))
	}
	if _, err := hex.Decode(s[:], []byte(text)); err != nil {
		return s, fmt.Errorf("a site secret is %d hexadecimal characters (0-9, a-f), as portal secret prints one: %v", 2*Size, err)
	}
	if s == (Secret{}) {
		return s, fmt.Errorf("a site secret of zeros is no secret; make one with portal secret")
	}
	return s, nil
}

// The kinds of audience, and of private page.
const (
	KindPerson   = "person"   // a person reads their own pages
	KindTeam     = "team"     // a team's manager reads the team's pages
	KindLnD      = "lnd"      // the L&D team reads every private page
	KindPeople   = "people"   // a page of the people list (a path only)
	KindInsights = "insights" // the insights page that names people (a path only)
)

// Audience is who may read a private page: a person or a team by id, or
// the L&D team (ID "").
type Audience struct {
	Kind string
	ID   string
}

// Person, Team and LnD are the audiences of a person, a team and the L&D
// team.
func Person(id string) Audience { return Audience{KindPerson, id} }
func Team(id string) Audience   { return Audience{KindTeam, id} }
func LnD() Audience             { return Audience{KindLnD, ""} }

// Keys are the keys of one site, derived from its secret.
type Keys struct {
	secret  Secret
	path    []byte // HMAC key of the opaque paths
	content []byte // HMAC key of the content keys and nonces
}

// NewKeys derives the keys of a site from its secret.
func NewKeys(s Secret) *Keys {
	return &Keys{secret: s, path: derive(s, "path"), content: derive(s, "content")}
}

// derive is the key of a purpose, from the secret by HKDF-SHA256.
func derive(s Secret, purpose string) []byte {
	k, err := hkdf.Key(sha256.New, s[:], nil, "portal v1 "+purpose, Size)
	if err != nil {
		panic(err) // only for a length HKDF cannot give
	}
	return k
}

// mac is HMAC-SHA256 under key of fields, each written with its length so
// that no two lists of fields are written the same.
func mac(key []byte, fields ...[]byte) []byte {
	m := hmac.New(sha256.New, key)
	var n [4]byte
	for _, f := range fields {
		binary.BigEndian.PutUint32(n[:], uint32(len(f)))
		m.Write(n[:])
		m.Write(f)
	}
	return m.Sum(nil)
}

// Path is the opaque name of the private page of a thing of kind with id:
// 32 hexadecimal characters that only the secret links to the id.
func (k *Keys) Path(kind, id string) string {
	return hex.EncodeToString(mac(k.path, []byte(kind), []byte(id))[:16])
}

// Key is the key of an audience: who holds it reads the pages sealed for
// that audience.
func (k *Keys) Key(a Audience) []byte {
	return derive(k.secret, "audience\x00"+a.Kind+"\x00"+a.ID)
}

// Fragment is the key of an audience as a link carries it, after "#k=":
// unpadded base64url.
func (k *Keys) Fragment(a Audience) string {
	return base64.RawURLEncoding.EncodeToString(k.Key(a))
}

// Sealed is a page as the browser finds it: its content encrypted under a
// content key, and that key wrapped under the key of each audience. Byte
// slices are written in base64.
type Sealed struct {
	V     int       `json:"v"`
	IV    []byte    `json:"iv"`
	Data  []byte    `json:"ct"`
	Wraps []Wrapped `json:"keys"`
}

// Wrapped is the content key of a page encrypted under an audience's key.
type Wrapped struct {
	IV  []byte `json:"iv"`
	Key []byte `json:"w"`
}

// The additional data of each encryption binds it to the page's address:
// a sealed page copied to another path does not open there.
func pageData(url string) []byte { return []byte("portal v1 page\x00" + url) }
func wrapData(url string) []byte { return []byte("portal v1 key\x00" + url) }

// Seal encrypts plaintext, the content of the page at url (relative to the
// site root, as "private/3f9a.../"), for the audiences to, and returns it
// as JSON. The content key and nonce are HMACs of the page's address and
// content under a key from the secret: the same page seals to the same
// bytes, and pages that differ in a byte have keys that differ.
func (k *Keys) Seal(url string, plaintext []byte, to []Audience) []byte {
	sum := sha256.Sum256(plaintext)
	ck := mac(k.content, []byte("key"), []byte(url), sum[:])
	iv := mac(k.content, []byte("nonce"), []byte(url), sum[:])[:12]
	data := gcm(ck).Seal(nil, iv, plaintext, pageData(url))
	// JSON as encoding/json writes Sealed, by hand: pages are large, and
	// base64 is all there is to write.
	b64 := base64.StdEncoding
	out := make([]byte, 0, b64.EncodedLen(len(data))+len(to)*110+64)
	out = append(out, `{"v":1,"iv":"`...)
	out = b64.AppendEncode(out, iv)
	out = append(out, `","ct":"`...)
	out = b64.AppendEncode(out, data)
	out = append(out, `","keys":[`...)
	for i, a := range to {
		ak := k.Key(a)
		wiv := mac(k.content, []byte("wrap"), []byte(a.Kind), []byte(a.ID), []byte(url), ck)[:12]
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"iv":"`...)
		out = b64.AppendEncode(out, wiv)
		out = append(out, `","w":"`...)
		out = b64.AppendEncode(out, gcm(ak).Seal(nil, wiv, ck, wrapData(url)))
		out = append(out, `"}`...)
	}
	return append(out, "]}"...)
}

// Open is what the browser does: it decrypts a page sealed by Seal for the
// page at url with the key of one of its audiences. It is for tests and
// for checking a build.
func Open(url string, sealed []byte, key []byte) ([]byte, error) {
	var s Sealed
	if err := json.Unmarshal(sealed, &s); err != nil {
		return nil, err
	}
	if s.V != 1 {
		return nil, fmt.Errorf("sealed page of version %d", s.V)
	}
	if len(key) != Size {
		return nil, fmt.Errorf("a key is %d bytes, not %d", Size, len(key))
	}
	for _, w := range s.Wraps {
		ck, err := gcm(key).Open(nil, w.IV, w.Key, wrapData(url))
		if err != nil {
			continue
		}
		return gcm(ck).Open(nil, s.IV, s.Data, pageData(url))
	}
	return nil, fmt.Errorf("the key opens none of the page's %d wrapped keys", len(s.Wraps))
}

// gcm is AES-256-GCM under key.
func gcm(key []byte) cipher.AEAD {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err) // keys here are always 32 bytes
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return aead
}

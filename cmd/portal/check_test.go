package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestCheckCorpus runs `portal check` on the broken sites in testdata/check,
// one per file, and compares what it prints with the file's want.
func TestCheckCorpus(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/check",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"crlf":  cmdCRLF,
			"bom":   cmdBOM,
			"bytes": cmdBytes,
		},
	})
}

// cmdCRLF rewrites each file with CRLF line endings:
//
//	crlf FILE...
func cmdCRLF(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: crlf FILE...")
	}
	for _, name := range args {
		data := []byte(ts.ReadFile(name))
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
		ts.Check(os.WriteFile(ts.MkAbs(name), data, 0o666))
	}
}

// cmdBOM puts a UTF-8 byte order mark at the start of each file, as some
// Windows editors save them:
//
//	bom FILE...
func cmdBOM(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: bom FILE...")
	}
	for _, name := range args {
		data := append([]byte("\xef\xbb\xbf"), ts.ReadFile(name)...)
		ts.Check(os.WriteFile(ts.MkAbs(name), data, 0o666))
	}
}

// cmdBytes writes a file from text with Go string escapes such as \n and
// \xff (a double quote stands for itself), for content a txtar file cannot
// hold, such as bytes that are not UTF-8:
//
//	bytes FILE 'name = "Ana\xff"\n'
func cmdBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bytes FILE ESCAPED-TEXT")
	}
	s, err := strconv.Unquote(`"` + strings.ReplaceAll(args[1], `"`, `\x22`) + `"`)
	ts.Check(err)
	name := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(name), 0o777))
	ts.Check(os.WriteFile(name, []byte(s), 0o666))
}

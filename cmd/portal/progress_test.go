package main

import (
	"bytes"
	"os"
	"sync"
	"testing"
	"time"
)

// TestProgressLine shows the progress of a build on one line, rewritten in
// place and cleared at the end; pages done out of order never move it back.
func TestProgressLine(t *testing.T) {
	var out bytes.Buffer
	p := &progress{w: &out, stop: make(chan struct{})}
	start, tick := make(chan time.Time), make(chan time.Time)
	p.stopped.Add(1)
	go func() {
		defer p.stopped.Done()
		p.show(start, tick)
	}()
	p.set(2, 10)
	p.set(1, 10) // a page that finished earlier, reported later
	var wg sync.WaitGroup
	for _, n := range []int{3, 5, 4} {
		wg.Add(1)
		go func() { defer wg.Done(); p.set(n, 10) }()
	}
	wg.Wait()
	// Each send waits for the line before it to be written.
	start <- time.Time{}
	tick <- time.Time{}
	p.end()
	if want := "\rWriting pages: 5 of 10\rWriting pages: 5 of 10\r\x1b[K"; out.String() != want {
		t.Errorf("wrote %q, want %q", out.String(), want)
	}
}

// TestProgressNotOnTerminal shows nothing where the output is not a
// terminal, such as a pipe or a log file.
func TestProgressNotOnTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	var buf bytes.Buffer
	if terminal(w) || terminal(&buf) {
		t.Fatal("a pipe or a buffer is taken for a terminal")
	}
	p := showProgress(&buf, false, 0, time.Millisecond)
	p.set(1, 2)
	p.end()
	if buf.Len() != 0 {
		t.Errorf("wrote %q", buf.String())
	}
}

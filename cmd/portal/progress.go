package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// progress shows on one line of a terminal how many pages a build has
// written, once the build has taken longer than a second. On anything but
// a terminal it shows nothing.
type progress struct {
	w           io.Writer
	done, total atomic.Int64
	stop        chan struct{}
	stopped     sync.WaitGroup
}

// terminal says whether w is a terminal (a character device).
func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// showProgress starts showing progress on w after delay, every tick, if
// w is a terminal; the returned progress's set is WriteSite's callback.
func showProgress(w io.Writer, onTerminal bool, delay, tick time.Duration) *progress {
	p := &progress{w: w, stop: make(chan struct{})}
	if onTerminal {
		t := time.NewTicker(tick)
		p.stopped.Add(1)
		go func() {
			defer p.stopped.Done()
			defer t.Stop()
			p.show(time.After(delay), t.C)
		}()
	}
	return p
}

// show writes the progress line when start fires and at every tick after,
// until stopped; then it clears the line.
func (p *progress) show(start, tick <-chan time.Time) {
	select {
	case <-start:
	case <-p.stop:
		return
	}
	for {
		if total := p.total.Load(); total > 0 {
			fmt.Fprintf(p.w, "\rWriting pages: %d of %d", p.done.Load(), total)
		}
		select {
		case <-tick:
		case <-p.stop:
			// Leave the line as it was found.
			fmt.Fprint(p.w, "\r\x1b[K")
			return
		}
	}
}

func (p *progress) set(done, total int) {
	p.total.Store(int64(total))
	for {
		old := p.done.Load()
		if int64(done) <= old || p.done.CompareAndSwap(old, int64(done)) {
			return
		}
	}
}

// end stops showing progress and clears its line.
func (p *progress) end() {
	close(p.stop)
	p.stopped.Wait()
}

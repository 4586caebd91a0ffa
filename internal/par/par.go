// Package par runs the iterations of a loop on every core: the stages of a
// build work on thousands of independent files, people and pages.
package par

import (
	"runtime"
	"sync"
)

// Do calls fn for 0..n-1 on every core.
func Do(n int, fn func(i int)) {
	On(runtime.GOMAXPROCS(0), n, fn)
}

// On is Do on at most workers goroutines.
func On(workers, n int, fn func(i int)) {
	workers = min(workers, n)
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				j := i
				i++
				next.Unlock()
				if j >= n {
					return
				}
				fn(j)
			}
		}()
	}
	wg.Wait()
}

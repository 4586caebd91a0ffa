package render

import (
	"sync"

	"portal/builder/model"
)

// Deps are the keys of the model each output of a series of builds read
// when it was last made (a page by its file, a list by its name), inverted:
// for each key, the outputs that read it. After an edit, the outputs to make again
// are those that read a key the edit changed; the others are as a full
// build would make them, since nothing they read changed.
//
// Each output has an id, and a generation that grows each time it is made:
// an output made again adds its keys under its new generation and leaves
// those of the last to be skipped, and compacted away once they are many.
type Deps struct {
	mu       sync.Mutex
	ids      map[string]int32
	names    []string
	gen      []uint32
	count    []int32 // the keys of each output's current generation
	by       map[model.Key][]ref
	volatile map[model.Key]bool // keys without a print, read by some output
	live     int
	stale    int
}

type ref struct {
	id  int32
	gen uint32
}

func NewDeps() *Deps {
	return &Deps{ids: map[string]int32{}, by: map[model.Key][]ref{}, volatile: map[model.Key]bool{}}
}

// set records the keys that the output name read as it was made, in place
// of those it read before. keys may repeat.
func (d *Deps) set(name string, keys []model.Key) {
	d.mu.Lock()
	defer d.mu.Unlock()
	id, ok := d.ids[name]
	if !ok {
		id = int32(len(d.names))
		d.ids[name] = id
		d.names = append(d.names, name)
		d.gen = append(d.gen, 0)
		d.count = append(d.count, 0)
	}
	d.gen[id]++
	d.stale += int(d.count[id])
	d.live -= int(d.count[id])
	r := ref{id, d.gen[id]}
	n := 0
	for _, k := range keys {
		list := d.by[k]
		// The output's keys so far are at the ends of their lists: a key
		// it read twice is found there.
		if len(list) > 0 && list[len(list)-1] == r {
			continue
		}
		d.by[k] = append(list, r)
		if k.Volatile() {
			d.volatile[k] = true
		}
		n++
	}
	d.count[id] = int32(n)
	d.live += n
	if d.stale > d.live+1<<16 {
		d.compact()
	}
}

// drop forgets the keys of the output name, which a build no longer makes,
// or left to make later.
func (d *Deps) drop(name string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if id, ok := d.ids[name]; ok {
		d.gen[id]++
		d.stale += int(d.count[id])
		d.live -= int(d.count[id])
		d.count[id] = 0
	}
}

// has tells whether the keys of the output name are known.
func (d *Deps) has(name string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	id, ok := d.ids[name]
	return ok && d.count[id] > 0
}

// known tells, for each of names, whether its keys are known.
func (d *Deps) known(names []string) []bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]bool, len(names))
	for i, name := range names {
		id, ok := d.ids[name]
		out[i] = ok && d.count[id] > 0
	}
	return out
}

// compact removes the keys of past generations.
func (d *Deps) compact() {
	for k, list := range d.by {
		kept := list[:0]
		for _, r := range list {
			if d.gen[r.id] == r.gen {
				kept = append(kept, r)
			}
		}
		if len(kept) == 0 {
			delete(d.by, k)
			delete(d.volatile, k)
		} else {
			d.by[k] = kept
		}
	}
	d.stale = 0
}

// Dirty returns the outputs that read one of the changed keys, or a key
// with no print.
func (d *Deps) Dirty(changed map[model.Key]bool) map[string]bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := map[string]bool{}
	add := func(k model.Key) {
		for _, r := range d.by[k] {
			if d.gen[r.id] == r.gen {
				out[d.names[r.id]] = true
			}
		}
	}
	for k := range changed {
		add(k)
	}
	for k := range d.volatile {
		if !changed[k] {
			add(k)
		}
	}
	return out
}

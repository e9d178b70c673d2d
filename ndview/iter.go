package ndview

import "iter"

// runLayout splits v into an inner run of bytes — the trailing dimensions
// that lie back to back, merged — and the outer dimensions [0, k) to walk.
func (v *View) runLayout() (run, k int) {
	s, st := v.dims()
	run, k = v.item, len(s)
	for k > 0 && (s[k-1] == 1 || st[k-1] == run) {
		run *= s[k-1]
		k--
	}
	return run, k
}

// runs calls yield with the byte offset and length of each maximal
// contiguous run of v's elements, in C order, until yield returns false.
func (v *View) runs(yield func(off, n int) bool) {
	if v.f == nil || v.isEmpty() {
		return
	}
	s, st := v.dims()
	run, k := v.runLayout()
	var idx [MaxDims]int
	off := v.off
	for {
		if !yield(off, run) {
			return
		}
		d := k - 1
		for ; d >= 0; d-- {
			idx[d]++
			off += st[d]
			if idx[d] < s[d] {
				break
			}
			off -= s[d] * st[d]
			idx[d] = 0
		}
		if d < 0 {
			return
		}
	}
}

// Runs returns an iterator over the view's contiguous byte runs in C
// order, each as long as the layout allows: the trailing dimensions that
// lie back to back are merged into one run. Each is a sub-slice of the
// buffer (not a copy, capped at its end) holding one or more whole
// elements back to back, and together they hold every element once, in
// order. A C-contiguous view is one run; a view with a negative or zero
// innermost stride yields one element per run. Fast copies and gathered
// writes are built on it. Ranged over directly, it allocates nothing.
// The runs are writable even when the view is read-only: the flag guards
// the view's own write paths, not memory handed out.
func (v View) Runs() iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		v.runs(func(off, n int) bool {
			return yield(v.buf[off : off+n : off+n])
		})
	}
}

// offsets iterates over the byte offsets of the elements in C order.
func (v *View) offsets() iter.Seq[int] {
	return func(yield func(int) bool) {
		v.runs(func(off, n int) bool {
			for end := off + n; off < end; off += v.item {
				if !yield(off) {
					return false
				}
			}
			return true
		})
	}
}

// Items returns an iterator over the elements' bytes in C order, each a
// sub-slice of the buffer capped at the element's end, writable even when
// the view is read-only. Ranged over directly, it allocates nothing.
func (v View) Items() iter.Seq[[]byte] {
	// A one-line closure, so that Items inlines into a range loop and the
	// closure (holding a copy of v) stays on the caller's stack.
	return func(yield func([]byte) bool) { v.items(yield) }
}

func (v *View) items(yield func([]byte) bool) {
	for off := range v.offsets() {
		if !yield(v.buf[off : off+v.item : off+v.item]) {
			return
		}
	}
}

// All returns an iterator over the elements in C order with their
// indices. The index slice is reused between elements; copy it to keep
// it. It allocates once per iteration, not per element. The element
// bytes are the buffer's own, writable even when the view is read-only.
func (v View) All() iter.Seq2[[]int, []byte] {
	return func(yield func([]int, []byte) bool) {
		if v.f == nil || v.isEmpty() {
			return
		}
		s, st := v.dims()
		idx := make([]int, len(s))
		off := v.off
		for {
			if !yield(idx, v.buf[off:off+v.item:off+v.item]) {
				return
			}
			d := len(s) - 1
			for ; d >= 0; d-- {
				idx[d]++
				off += st[d]
				if idx[d] < s[d] {
					break
				}
				off -= s[d] * st[d]
				idx[d] = 0
			}
			if d < 0 {
				return
			}
		}
	}
}

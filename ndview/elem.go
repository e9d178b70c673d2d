package ndview

import (
	"fmt"
	"strconv"
)

// offsetOf returns the byte offset of the element at idx, panicking like
// a slice index when idx does not address an element. The zero View has
// no element at all, not even the one of a 0-dimensional view.
func (v *View) offsetOf(idx []int) int {
	if v.f == nil {
		panic("ndview: index into the zero View, which has no elements")
	}
	s, st := v.dims()
	if len(idx) != len(s) {
		panicDims(len(idx), len(s))
	}
	off := v.off
	for k, i := range idx {
		if uint(i) >= uint(s[k]) {
			panic(indexPanic(k, i, s[k]))
		}
		off += i * st[k]
	}
	return off
}

func panicDims(got, want int) {
	panic("ndview: " + strconv.Itoa(got) + " indices for a view of dimension " + strconv.Itoa(want))
}

func indexPanic(axis, i, n int) string {
	return "ndview: index " + strconv.Itoa(i) + " out of range [0:" + strconv.Itoa(n) + "] in dimension " + strconv.Itoa(axis)
}

// Item returns the bytes of the element at idx: a sub-slice of the
// buffer, not a copy, capped so that appending cannot spill into the
// next element. It panics if idx does not address an element, as a
// slice index does (any index into the zero View). It does not allocate.
// The bytes are writable even when the view is read-only: the flag
// guards the view's own write paths, not memory handed out.
func (v View) Item(idx ...int) []byte {
	o := v.offsetOf(idx)
	return v.buf[o : o+v.item : o+v.item]
}

// Value returns the element at idx as struct.unpack would give it: the
// single value when the format has one (int64, uint64, float64,
// complex128, bool or []byte, see format.Format.Unpack), otherwise a
// []any of the values. []byte values alias the buffer. It panics if idx
// does not address an element (any index into the zero View); formats
// without a Go value (O, g, ...) give an error matching
// format.ErrUnsupported. It allocates the result.
func (v View) Value(idx ...int) (any, error) {
	o := v.offsetOf(idx)
	return v.valueAt(o)
}

func (v *View) valueAt(o int) (any, error) {
	vals, err := v.f.Unpack(v.buf[o : o+v.item])
	if err != nil {
		return nil, err
	}
	if len(vals) == 1 {
		return vals[0], nil
	}
	return vals, nil
}

// SetValue packs x into the element at idx with the format's rules (see
// format.Format.Pack): one value, or a []any holding one per value of the
// format. A read-only view gives ErrReadOnly; a value that does not fit
// gives the format package's error, and the element is left unchanged.
// It panics if idx does not address an element (any index into the zero
// View). It allocates nothing for items of up to 64 bytes, beyond what
// boxing x in an interface costs the caller.
func (v View) SetValue(x any, idx ...int) error {
	o := v.offsetOf(idx)
	if v.ro {
		return ErrReadOnly
	}
	return v.setAt(o, x)
}

func (v *View) setAt(o int, x any) error {
	var tmp [64]byte
	item, err := v.pack(tmp[:0], x)
	if err != nil {
		return err
	}
	copy(v.buf[o:o+v.item], item)
	return nil
}

// pack packs x — one value, or a []any of one per value of the format —
// into an item, in buf when it has the capacity (so items up to its size
// need no allocation), as SetValue and Fill take it.
func (v *View) pack(buf []byte, x any) ([]byte, error) {
	var item []byte
	if v.item <= cap(buf) {
		item = buf[:v.item]
	} else {
		item = make([]byte, v.item)
	}
	var err error
	if vals, ok := x.([]any); ok && v.f.NumValues() != 1 {
		err = v.f.PackInto(item, vals...)
	} else {
		err = v.f.PackInto(item, x)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrType, err)
	}
	return item, nil
}

// MaxList is the most elements (or, for an empty view, inner lists) that
// ToList builds: a broadcast view can name far more elements than its
// buffer holds, and listing them would exhaust memory.
const MaxList = 1 << 26

// ToList returns the elements as nested []any, one level per dimension,
// each element as Value gives it; a 0-dimensional view gives its single
// element; the zero View gives an empty list. A view with more than
// MaxList elements gives ErrShape. It allocates the whole result.
func (v View) ToList() (any, error) {
	if v.f == nil {
		return []any{}, nil
	}
	s, st := v.dims()
	cells := 1 // lists and elements to build: the extents' products up to the first zero
	for _, e := range s {
		if e == 0 {
			break
		}
		var ok bool
		if cells, ok = mul(cells, e); !ok || cells > MaxList {
			return nil, fmt.Errorf("%w: shape %v has more than MaxList (%d) elements to list", ErrShape, dup(s), MaxList)
		}
	}
	var rec func(d, off int) (any, error)
	rec = func(d, off int) (any, error) {
		if d == len(s) {
			return v.valueAt(off)
		}
		out := make([]any, s[d])
		for i := range out {
			x, err := rec(d+1, off+i*st[d])
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	}
	return rec(0, v.off)
}

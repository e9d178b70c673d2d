package ndview

import (
	"bytes"
	"math"

	"github.com/ndview/ndview/format"
)

// Equal reports whether a and b are equal as memoryview's == decides:
// the same shape (compared up to the first zero extent, as CPython does,
// so two empty views of shapes (0, 3) and (0, 4) are equal), and every pair of elements equal by value whatever the
// two formats — 1 (int) equals 1.0 (float) and true, -0.0 equals 0.0, NaN
// equals nothing (not even itself), bytes equal only bytes. Records
// compare value by value. Formats without Go values (O, g, ...) make
// views unequal, as CPython's comparison falls back to identity. Views of
// single-value formats compare without allocating.
func Equal(a, b View) bool {
	if a.f == nil || b.f == nil {
		return a.f == nil && b.f == nil
	}
	as, _ := a.dims()
	bs, _ := b.dims()
	if !equivShape(as, bs) || opaque(a.f) || opaque(b.f) {
		return false
	}
	fa, okA := a.f.Scalar()
	fb, okB := b.f.Scalar()
	if okA && okB && hasValue(fa.Kind) && hasValue(fb.Kind) {
		wb := offsetWalker{v: &b}
		wb.reset()
		for oa := range a.offsets() {
			ob, _ := wb.next()
			if !scalarOf(&fa, a.buf[oa:oa+a.item]).equal(scalarOf(&fb, b.buf[ob:ob+b.item])) {
				return false
			}
		}
		return true
	}
	wb := offsetWalker{v: &b}
	wb.reset()
	for oa := range a.offsets() {
		ob, _ := wb.next()
		x, err := a.f.Unpack(a.buf[oa : oa+a.item])
		if err != nil {
			return false
		}
		y, err := b.f.Unpack(b.buf[ob : ob+b.item])
		if err != nil {
			return false
		}
		if !valuesEqual(x, y) {
			return false
		}
	}
	return true
}

// offsetWalker yields a view's element offsets in C order, one at a time.
type offsetWalker struct {
	v    *View
	idx  [MaxDims]int
	off  int
	done bool
}

func (w *offsetWalker) reset() {
	w.off = w.v.off
	w.done = w.v.f == nil || w.v.isEmpty()
}

func (w *offsetWalker) next() (int, bool) {
	if w.done {
		return 0, false
	}
	off := w.off
	s, st := w.v.dims()
	d := len(s) - 1
	for ; d >= 0; d-- {
		w.idx[d]++
		w.off += st[d]
		if w.idx[d] < s[d] {
			break
		}
		w.off -= s[d] * st[d]
		w.idx[d] = 0
	}
	if d < 0 {
		w.done = true
	}
	return off, true
}

// equivShape is CPython's equiv_shape: the same number of dimensions and
// the same extents up to the first zero.
func equivShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
		if a[i] == 0 {
			break
		}
	}
	return true
}

// opaque reports whether f has a field without a Go value (O, g, ...),
// which CPython's struct cannot unpack: memoryview then compares unequal,
// even when there are no elements to compare.
func opaque(f *format.Format) bool {
	for _, fl := range f.Fields() {
		if fl.Kind == format.Opaque || fl.Kind == format.Record && opaque(fl.Record) {
			return true
		}
	}
	return false
}

func hasValue(k format.Kind) bool {
	switch k {
	case format.Invalid, format.Pad, format.Record, format.Opaque:
		return false
	}
	return true
}

// scalar is one element's value in a form that compares across formats.
type scalar struct {
	kind   uint8 // sInt, sUint, sFloat, sComplex, sBytes
	i      int64
	u      uint64
	re, im float64
	b      []byte
}

const (
	sInt = iota
	sUint
	sFloat
	sComplex
	sBytes
)

func scalarOf(fl *format.Field, rec []byte) scalar {
	switch fl.Kind {
	case format.Bool:
		if fl.Bool(rec, 0) {
			return scalar{kind: sInt, i: 1}
		}
		return scalar{kind: sInt}
	case format.Int8, format.Int16, format.Int32, format.Int64:
		return scalar{kind: sInt, i: fl.Int(rec, 0)}
	case format.Uint8, format.Uint16, format.Uint32, format.Uint64:
		return scalar{kind: sUint, u: fl.Uint(rec, 0)}
	case format.Float16, format.Float32, format.Float64:
		return scalar{kind: sFloat, re: fl.Float(rec, 0)}
	case format.Complex64, format.Complex128:
		c := fl.Complex(rec, 0)
		return scalar{kind: sComplex, re: real(c), im: imag(c)}
	}
	return scalar{kind: sBytes, b: fl.Bytes(rec, 0)}
}

func (x scalar) equal(y scalar) bool {
	if x.kind > y.kind {
		x, y = y, x
	}
	switch x.kind {
	case sInt:
		switch y.kind {
		case sInt:
			return x.i == y.i
		case sUint:
			return x.i >= 0 && uint64(x.i) == y.u
		case sFloat:
			return intEqFloat(x.i, y.re)
		case sComplex:
			return y.im == 0 && intEqFloat(x.i, y.re)
		}
	case sUint:
		switch y.kind {
		case sUint:
			return x.u == y.u
		case sFloat:
			return uintEqFloat(x.u, y.re)
		case sComplex:
			return y.im == 0 && uintEqFloat(x.u, y.re)
		}
	case sFloat:
		switch y.kind {
		case sFloat:
			return x.re == y.re
		case sComplex:
			return y.im == 0 && x.re == y.re
		}
	case sComplex:
		if y.kind == sComplex {
			return x.re == y.re && x.im == y.im
		}
	case sBytes:
		return y.kind == sBytes && bytes.Equal(x.b, y.b)
	}
	return false
}

// intEqFloat compares exactly, as Python compares an int with a float.
func intEqFloat(i int64, f float64) bool {
	if f != math.Trunc(f) || f < -(1<<63) || f >= 1<<63 { // NaN and infinities fail too
		return false
	}
	return int64(f) == i
}

func uintEqFloat(u uint64, f float64) bool {
	if f != math.Trunc(f) || f < 0 || f >= 1<<64 {
		return false
	}
	return uint64(f) == u
}

func scalarOfValue(x any) (scalar, bool) {
	switch x := x.(type) {
	case bool:
		if x {
			return scalar{kind: sInt, i: 1}, true
		}
		return scalar{kind: sInt}, true
	case int64:
		return scalar{kind: sInt, i: x}, true
	case uint64:
		return scalar{kind: sUint, u: x}, true
	case float64:
		return scalar{kind: sFloat, re: x}, true
	case complex128:
		return scalar{kind: sComplex, re: real(x), im: imag(x)}, true
	case []byte:
		return scalar{kind: sBytes, b: x}, true
	}
	return scalar{}, false
}

// valuesEqual compares unpacked values (nested []any included) with
// Python's rules.
func valuesEqual(x, y any) bool {
	xl, xok := x.([]any)
	yl, yok := y.([]any)
	if xok || yok {
		if !xok || !yok || len(xl) != len(yl) {
			return false
		}
		for i := range xl {
			if !valuesEqual(xl[i], yl[i]) {
				return false
			}
		}
		return true
	}
	sx, ok1 := scalarOfValue(x)
	sy, ok2 := scalarOfValue(y)
	return ok1 && ok2 && sx.equal(sy)
}

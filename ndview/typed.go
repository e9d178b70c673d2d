package ndview

import (
	"fmt"
	"iter"
	"reflect"
	"unsafe"

	"github.com/ndview/ndview/format"
)

// Elem is the set of Go types that typed access reads and writes: every
// integer width, float32, float64, complex64, complex128 and bool, and
// types defined on them.
type Elem interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~int |
		~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uint | ~uintptr |
		~float32 | ~float64 | ~complex64 | ~complex128 | ~bool
}

// Array is a View whose elements are read and written as Go values of type
// T. As checks once that T matches the format and works out the byte
// order and alignment; At and Set then cost an index computation and one
// load or store (a byte-by-byte one for non-native order or unaligned
// memory). The zero Array has no elements.
type Array[T Elem] struct {
	v      View
	direct bool // native order and every element aligned for T: plain loads
	swap   bool // non-native order: reverse each unit of swapUnit bytes
	unit   int
	isBool bool
}

// As returns typed access to v's elements. The format must be a single
// value of T's kind in either byte order: int8 for b, uint8 for B and c,
// int16 for h, int32 for i, int64 (or int) for q, l and n, uint64 (or uint,
// uintptr) for Q, L, N and P, float32 for f, float64 for d, complex64 for
// Zf, complex128 for Zd, bool for ?. Anything else gives ErrType. It does
// not copy or allocate.
func As[T Elem](v View) (Array[T], error) {
	var zero T
	if v.f == nil {
		return Array[T]{}, fmt.Errorf("%w: view has no format", ErrType)
	}
	fl, ok := v.f.Scalar()
	if !ok || !kindMatches(reflect.TypeFor[T]().Kind(), fl.Kind) || int(unsafe.Sizeof(zero)) != v.item {
		return Array[T]{}, fmt.Errorf("%w: %s elements cannot be read as %v", ErrType, quoteFormat(v.f), reflect.TypeFor[T]())
	}
	a := Array[T]{v: v, unit: v.item, isBool: fl.Kind == format.Bool}
	if fl.Kind == format.Complex64 || fl.Kind == format.Complex128 {
		a.unit = v.item / 2
	}
	a.swap = v.item > 1 && fl.Order != format.NativeOrder()
	a.direct = !a.swap && !a.isBool && v.aligned(int(unsafe.Alignof(zero)))
	return a, nil
}

// MustAs is As for views known to match T; it panics on a mismatch.
func MustAs[T Elem](v View) Array[T] {
	a, err := As[T](v)
	if err != nil {
		panic(err)
	}
	return a
}

func quoteFormat(f *format.Format) string { return fmt.Sprintf("%q", f.String()) }

func kindMatches(k reflect.Kind, fk format.Kind) bool {
	switch k {
	case reflect.Int8:
		return fk == format.Int8
	case reflect.Uint8:
		return fk == format.Uint8 || fk == format.Char
	case reflect.Int16:
		return fk == format.Int16
	case reflect.Uint16:
		return fk == format.Uint16
	case reflect.Int32:
		return fk == format.Int32
	case reflect.Uint32:
		return fk == format.Uint32
	case reflect.Int64, reflect.Int:
		return fk == format.Int64
	case reflect.Uint64, reflect.Uint, reflect.Uintptr:
		return fk == format.Uint64
	case reflect.Float32:
		return fk == format.Float32
	case reflect.Float64:
		return fk == format.Float64
	case reflect.Complex64:
		return fk == format.Complex64
	case reflect.Complex128:
		return fk == format.Complex128
	case reflect.Bool:
		return fk == format.Bool
	}
	return false
}

// aligned reports whether every element's address is a multiple of align.
func (v *View) aligned(align int) bool {
	if v.isEmpty() {
		return true
	}
	if addr(v.buf, v.off)%uintptr(align) != 0 {
		return false
	}
	s, st := v.dims()
	for i, e := range s {
		if e > 1 && st[i]%align != 0 {
			return false
		}
	}
	return true
}

// View returns the underlying view.
func (a Array[T]) View() View { return a.v }

// Direct reports whether elements are read and written in place with
// plain loads and stores (native byte order, aligned memory), so Chunks
// yields slices of the view's own memory.
func (a Array[T]) Direct() bool { return a.direct }

// At returns the element at idx. It panics if idx does not address an
// element, as a slice index does. It does not allocate.
func (a *Array[T]) At(idx ...int) T {
	o := a.v.offsetOf(idx)
	if a.direct {
		return load[T](a.v.buf, o)
	}
	return a.get(o)
}

// Set stores x into the element at idx. It panics if idx does not address
// an element, or if the view is read-only (check View().ReadOnly() first):
// writing through a read-only view is a program error, as writing to a
// string's bytes would be.
func (a *Array[T]) Set(x T, idx ...int) {
	o := a.v.offsetOf(idx)
	if a.v.ro {
		panic(ErrReadOnly)
	}
	if a.direct {
		store(a.v.buf, o, x)
		return
	}
	a.put(o, x)
}

// get assembles the T at byte offset o when plain loads cannot be used.
func (a *Array[T]) get(o int) T {
	var x T
	p := bytesOf(&x)
	src := a.v.buf[o : o+len(p)]
	switch {
	case a.isBool:
		if src[0] != 0 {
			p[0] = 1 // a Go bool must hold 0 or 1; ? reads any non-zero byte as true
		}
	case a.swap:
		for u := 0; u < len(p); u += a.unit {
			for i := range a.unit {
				p[u+i] = src[u+a.unit-1-i]
			}
		}
	default:
		copy(p, src)
	}
	return x
}

func (a *Array[T]) put(o int, x T) {
	p := bytesOf(&x)
	dst := a.v.buf[o : o+len(p)]
	if a.swap {
		for u := 0; u < len(p); u += a.unit {
			for i := range a.unit {
				dst[u+i] = p[u+a.unit-1-i]
			}
		}
		return
	}
	copy(dst, p)
}

// At returns the element of v at idx as a T. It checks the type on every
// call; in loops, call As once and use Array.At. It panics if T does not
// match the format (see As) or idx does not address an element.
func At[T Elem](v View, idx ...int) T {
	a := MustAs[T](v)
	return a.At(idx...)
}

// Set stores x into the element of v at idx; it is At's writing twin and
// also panics on a read-only view.
func Set[T Elem](v View, x T, idx ...int) {
	a := MustAs[T](v)
	a.Set(x, idx...)
}

// All returns an iterator over the elements in C order. It allocates
// nothing per element.
func (a Array[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for run := range a.Chunks() {
			for _, x := range run {
				if !yield(x) {
					return
				}
			}
		}
	}
}

// Chunks returns an iterator over the elements in C order, as slices of
// consecutive elements: the view's maximal contiguous runs. When Direct,
// each slice is the view's own memory (writes through it change the view;
// do not write through a read-only view's chunks). Otherwise each is a
// decoded copy in a scratch buffer that the next chunk reuses, at most
// 512 elements long. Summing a C-contiguous view this way runs at the
// speed of a loop over a []T.
func (a Array[T]) Chunks() iter.Seq[[]T] {
	return func(yield func([]T) bool) {
		if a.v.f == nil {
			return
		}
		if a.direct {
			a.v.runs(func(off, n int) bool {
				return yield(sliceOf[T](a.v.buf, off, n/a.v.item))
			})
			return
		}
		var scratch [512]T
		n := 0
		for off := range a.v.offsets() {
			scratch[n] = a.get(off)
			n++
			if n == len(scratch) {
				if !yield(scratch[:n]) {
					return
				}
				n = 0
			}
		}
		if n > 0 {
			yield(scratch[:n])
		}
	}
}

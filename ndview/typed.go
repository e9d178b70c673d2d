package ndview

import (
	"fmt"
	"iter"
	"reflect"
	"strconv"
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
	v   View
	buf []byte
	// base is &buf[off], element [0, ..., 0] (for a view with elements):
	// direct loads add the strides to it without a second bounds check,
	// since the indices are checked against the shape and the layout was
	// checked against the buffer when the view was built.
	base unsafe.Pointer
	off  int
	// dims is a private copy of the shape and strides, so that At's loop
	// reads one plain slice whatever the number of dimensions.
	dims []dim
	// lim0, lim1, s0 and s1 repeat a 2-D array's dimensions for At2 and
	// Set2; lim0 and lim1 are nil for other arrays, so those panic. lim
	// and s0 do the same for a 1-D array's At1 and Set1; lim is nil for
	// other arrays.
	lim, lim0, lim1 []struct{}
	s0, s1          int
	// perm[k] is the offset of the buffer byte that becomes byte k of a T
	// when plain loads cannot be used: reversed within each number for
	// non-native order, the identity for unaligned memory. nil when direct.
	perm []int
	// top caps each byte read through perm: 1 for bool, whose Go value
	// must be 0 or 1 while ? reads any non-zero byte as true; 255 otherwise.
	top    byte
	direct bool // native order and every element aligned for T: plain loads
}

// dim is one dimension for At: lim has the extent as its length and
// occupies no memory, so indexing it is the bounds check, with the
// runtime's own panic message.
type dim struct {
	lim    []struct{}
	stride int
}

// As returns typed access to v's elements. The format must be a single
// value of T's kind in either byte order: int8 for b, uint8 for B and c,
// int16 for h, int32 for i, int64 (or int) for q, l and n, uint64 (or uint,
// uintptr) for Q, L, N and P, float32 for f, float64 for d, complex64 for
// Zf, complex128 for Zd, bool for ?. Anything else gives ErrType. It
// copies no element; it allocates one small slice, a copy of the shape
// and strides.
func As[T Elem](v View) (Array[T], error) {
	var zero T
	if v.f == nil {
		return Array[T]{}, fmt.Errorf("%w: view has no format", ErrType)
	}
	fl, ok := v.f.Scalar()
	if !ok || !kindMatches(reflect.TypeFor[T]().Kind(), fl.Kind) || int(unsafe.Sizeof(zero)) != v.item {
		return Array[T]{}, fmt.Errorf("%w: %s elements cannot be read as %v", ErrType, quoteFormat(v.f), reflect.TypeFor[T]())
	}
	s, st := v.dims()
	a := Array[T]{v: v, buf: v.buf, off: v.off, dims: make([]dim, len(s)), top: 255}
	if !v.isEmpty() {
		// Only a view with elements has an element [0, ..., 0]; for an empty
		// one &buf[off] may be one past the end, which Go forbids.
		a.base = unsafe.Pointer(&v.buf[v.off])
	}
	for i := range s {
		a.dims[i] = dim{make([]struct{}, s[i]), st[i]}
	}
	switch len(s) {
	case 1:
		a.lim, a.s0 = a.dims[0].lim, st[0]
	case 2:
		a.lim0, a.lim1, a.s0, a.s1 = a.dims[0].lim, a.dims[1].lim, st[0], st[1]
	}
	unit := v.item
	if fl.Kind == format.Complex64 || fl.Kind == format.Complex128 {
		unit = v.item / 2 // each part is a number of its own
	}
	swap := v.item > 1 && fl.Order != format.NativeOrder()
	if fl.Kind == format.Bool {
		a.top = 1
	}
	a.direct = !swap && a.top != 1 && v.aligned(int(unsafe.Alignof(zero)))
	if !a.direct {
		a.perm = make([]int, v.item)
		for k := range a.perm {
			a.perm[k] = k
			if swap {
				u := k - k%unit
				a.perm[k] = u + unit - 1 - (k - u)
			}
		}
	}
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
// element, as a slice index does. It does not allocate, and it is small
// enough for the compiler to inline into the caller's loop: an index
// computation and one load (a byte-by-byte one for non-native order,
// unaligned memory or bool).
func (a *Array[T]) At(idx ...int) T {
	// Too many indices fail this slice expression (cap(a.dims) is the
	// number of dimensions), too few fail idx[k] below: the runtime's own
	// bounds panics, which cost less than a call and keep At inlinable.
	_ = a.dims[:len(idx)]
	o := 0 // relative to element [0, ..., 0]
	for k, d := range a.dims {
		_ = d.lim[idx[k]]
		o += idx[k] * d.stride
	}
	if a.direct {
		return *(*T)(unsafe.Add(a.base, o)) // aligned, native, inside buf: checked by As
	}
	var x T                           // only this path takes x's address, so the direct load stays in a register
	for k := range unsafe.Sizeof(x) { // the zero Array has no perm: At panics
		*(*byte)(unsafe.Add(unsafe.Pointer(&x), k)) = min(a.buf[a.off+o+a.perm[k]], a.top)
	}
	return x
}

// At1 is At for a 1-D array: the element at i. It is smaller than At,
// so the loop it inlines into runs at nearly the speed of a loop over a
// []T. It panics if the array is not 1-D or i is out of range.
func (a *Array[T]) At1(i int) T {
	_ = a.lim[i]
	o := i * a.s0
	if a.direct {
		return *(*T)(unsafe.Add(a.base, o)) // aligned, native, inside buf: checked by As
	}
	var x T
	for k, q := range a.perm {
		*(*byte)(unsafe.Add(unsafe.Pointer(&x), k)) = min(a.buf[a.off+o+q], a.top)
	}
	return x
}

// Set1 is Set for a 1-D array.
func (a *Array[T]) Set1(x T, i int) {
	_ = a.lim[i]
	if a.v.ro {
		panic(ErrReadOnly)
	}
	o := i * a.s0
	if a.direct {
		*(*T)(unsafe.Add(a.base, o)) = x
		return
	}
	for k, q := range a.perm {
		a.buf[a.off+o+q] = *(*byte)(unsafe.Add(unsafe.Pointer(&x), k))
	}
}

// At2 is At for a 2-D array: the element at row i, column j. It is
// smaller than At, so the loop it inlines into runs at nearly the speed
// of a loop over a []T. It panics if the array is not 2-D or (i, j) is out
// of range.
func (a *Array[T]) At2(i, j int) T {
	_ = a.lim0[i]
	_ = a.lim1[j]
	o := i*a.s0 + j*a.s1
	if a.direct {
		return *(*T)(unsafe.Add(a.base, o)) // aligned, native, inside buf: checked by As
	}
	var x T
	for k, q := range a.perm {
		*(*byte)(unsafe.Add(unsafe.Pointer(&x), k)) = min(a.buf[a.off+o+q], a.top)
	}
	return x
}

// Set2 is Set for a 2-D array.
func (a *Array[T]) Set2(x T, i, j int) {
	_ = a.lim0[i]
	_ = a.lim1[j]
	if a.v.ro {
		panic(ErrReadOnly)
	}
	o := i*a.s0 + j*a.s1
	if a.direct {
		*(*T)(unsafe.Add(a.base, o)) = x
		return
	}
	for k, q := range a.perm {
		a.buf[a.off+o+q] = *(*byte)(unsafe.Add(unsafe.Pointer(&x), k))
	}
}

// Set stores x into the element at idx. It panics if idx does not address
// an element, or if the view is read-only (check View().ReadOnly() first):
// writing through a read-only view is a program error, as writing to a
// string's bytes would be. It does not allocate.
func (a *Array[T]) Set(x T, idx ...int) {
	if len(idx) != len(a.dims) || a.v.ro {
		a.badSet(len(idx))
	}
	o := 0 // relative to element [0, ..., 0]
	for k, d := range a.dims {
		_ = d.lim[idx[k]]
		o += idx[k] * d.stride
	}
	if a.direct {
		*(*T)(unsafe.Add(a.base, o)) = x
		return
	}
	for k := range unsafe.Sizeof(x) { // the zero Array has no perm: Set panics
		a.buf[a.off+o+a.perm[k]] = *(*byte)(unsafe.Add(unsafe.Pointer(&x), k))
	}
}

func (a *Array[T]) badSet(n int) {
	if a.v.ro {
		panic(ErrReadOnly)
	}
	panic(dimsError(n))
}

// get reads the element at byte offset o as At does.
func (a *Array[T]) get(o int) (x T) {
	if a.direct {
		return *(*T)(unsafe.Pointer(&a.buf[o]))
	}
	for k, q := range a.perm {
		*(*byte)(unsafe.Add(unsafe.Pointer(&x), k)) = min(a.buf[o+q], a.top)
	}
	return x
}

// dimsError is the panic of At and Set for the wrong number of indices:
// a conversion, not a call or a composite value, so that At stays under
// the compiler's inlining budget.
type dimsError int

// Error says how many indices were given.
func (e dimsError) Error() string {
	return "ndview: wrong number of indices (" + strconv.Itoa(int(e)) + ") for the view's dimensions"
}

// At returns the element of v at idx as a T. It checks the type, and
// allocates As's copy of the shape, on every call; in loops, call As once
// and use Array.At. It panics if T does not match the format (see As) or
// idx does not address an element.
func At[T Elem](v View, idx ...int) T {
	a := MustAs[T](v)
	return a.At(idx...)
}

// Set stores x into the element of v at idx; it is At's writing twin,
// with the same per-call cost, and also panics on a read-only view.
func Set[T Elem](v View, x T, idx ...int) {
	a := MustAs[T](v)
	a.Set(x, idx...)
}

// All returns an iterator over the elements in C order. Ranged over
// directly, it allocates nothing for a Direct array, and one scratch
// buffer per loop otherwise (see Chunks).
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
// speed of a loop over a []T. Ranged over directly, it allocates nothing
// for a Direct array, and only that scratch buffer, once per loop,
// otherwise.
func (a Array[T]) Chunks() iter.Seq[[]T] {
	// A one-line closure, so that Chunks inlines into a range loop and the
	// closure (holding a copy of a) stays on the caller's stack.
	return func(yield func([]T) bool) { a.chunks(yield) }
}

func (a *Array[T]) chunks(yield func([]T) bool) {
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

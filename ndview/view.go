package ndview

import (
	"fmt"

	"github.com/ndview/ndview/format"
)

// MaxDims is the largest number of dimensions a View may have, CPython's
// PyBUF_MAX_NDIM.
const MaxDims = 64

// inlineDims is how many dimensions a View holds without a heap
// allocation. Views of more dimensions keep their shape and strides in one
// slice that is never shared between two views, so every operation stays
// a pure function of its input.
const inlineDims = 4

// View is a typed, strided, N-dimensional window on a []byte: the backing
// buffer, a parsed format, the itemsize, the shape, the byte strides
// (negative and zero allowed) and the byte offset of element [0, ..., 0].
//
// A View is a small value: copying it copies the description, never the
// elements, and every operation (Index, Transpose, Reshape, ...) returns a
// new View over the same bytes. Construction validates the layout once —
// every byte any element addresses lies inside the buffer — so element
// access afterwards needs only the bounds check of the index.
// Operations on views of up to four dimensions allocate nothing; views of
// more dimensions allocate one small slice per operation.
//
// The zero View has no format and no elements; build views with New,
// NewFortran, Make or FromLayout.
type View struct {
	buf  []byte
	f    *format.Format
	item int
	off  int
	ndim int32
	ro   bool
	shp  [inlineDims]int
	str  [inlineDims]int
	// ext is the first of 2*ndim ints when ndim > inlineDims: the shape,
	// then the strides. A pointer rather than a slice keeps View at 128
	// bytes, which every operation copies.
	ext *int
}

// Layout describes a view of a buffer in the terms of PEP 3118 and
// memoryview: what FromLayout checks and builds from, and what
// View.Layout reports.
type Layout struct {
	// Format is the parsed element format (format.Parse or
	// format.MustParse).
	Format *format.Format
	// ItemSize is the size of one element in bytes: 0 means the format's
	// size; otherwise it must equal it (use Format.Padded for an exporter's
	// larger itemsize).
	ItemSize int
	// Shape is the extent of each dimension; nil or empty is a
	// 0-dimensional view of one element.
	Shape []int
	// Strides is the byte step of each dimension, negative and zero
	// allowed; nil means C-contiguous.
	Strides []int
	// Offset is the byte position of element [0, ..., 0] in the buffer.
	Offset int
	// ReadOnly marks the view read-only.
	ReadOnly bool
}

// New returns a writable C-contiguous view of buf with the given format
// string and shape, starting at buf[0]. buf may be longer than the view
// needs. It copies nothing; parsing a format string seen before is a
// cached lookup.
func New(buf []byte, fmtstr string, shape ...int) (View, error) {
	f, err := format.Parse(fmtstr)
	if err != nil {
		return View{}, err
	}
	return contiguous(buf, f, shape, false)
}

// NewFortran is New with Fortran (column-major) order: the first index
// varies fastest.
func NewFortran(buf []byte, fmtstr string, shape ...int) (View, error) {
	f, err := format.Parse(fmtstr)
	if err != nil {
		return View{}, err
	}
	return contiguous(buf, f, shape, true)
}

// Make returns a writable C-contiguous view of a new zeroed buffer of
// exactly the size the format and shape need. It allocates that buffer:
// a program that takes the format or shape from untrusted input should
// bound the size first (format.Parse, then Size times the extents), as
// Go cannot recover from an allocation the machine cannot satisfy.
func Make(fmtstr string, shape ...int) (View, error) {
	f, err := format.Parse(fmtstr)
	if err != nil {
		return View{}, err
	}
	n, err := byteCount(f.Size(), shape)
	if err != nil {
		return View{}, err
	}
	return contiguous(make([]byte, n), f, shape, false)
}

// MakeOf is Make with a parsed format.
func MakeOf(f *format.Format, shape ...int) (View, error) {
	if f == nil {
		return View{}, fmt.Errorf("%w: nil format", ErrLayout)
	}
	n, err := byteCount(f.Size(), shape)
	if err != nil {
		return View{}, err
	}
	return contiguous(make([]byte, n), f, shape, false)
}

// FromLayout returns a view of buf described by l, after checking that it
// is one: ItemSize equal to the format's size, at most MaxDims dimensions,
// no negative extent, as many strides as dimensions, no overflow, and
// every byte that any element addresses inside buf (a view with no
// elements needs only 0 <= Offset <= len(buf)). Errors match ErrLayout.
// It copies nothing; the shape and strides are copied into the view.
func FromLayout(buf []byte, l Layout) (View, error) {
	return fromParts(buf, l.Format, l.ItemSize, l.Shape, l.Strides, l.Offset, l.ReadOnly, false)
}

// FromStrides is FromLayout with the layout's parts as arguments, for a
// writable view with itemsize f.Size(): shape, byte strides (nil means
// C-contiguous) and the offset of element [0, ..., 0]. It checks the
// layout as FromLayout does. The difference is cost: the compiler treats
// a Layout as one value, so the Shape and Strides slices passed in one
// follow its Format pointer into the view and escape to the heap, while
// FromStrides leaves them on the caller's stack. Building a view of up to
// four dimensions from local arrays with it allocates nothing.
func FromStrides(buf []byte, f *format.Format, shape, strides []int, offset int) (View, error) {
	return fromParts(buf, f, 0, shape, strides, offset, false, false)
}

func contiguous(buf []byte, f *format.Format, shape []int, fortran bool) (View, error) {
	return fromParts(buf, f, 0, shape, nil, 0, false, fortran)
}

// fromParts builds and checks every view: with strides nil, contiguous in
// C order (or Fortran order, when fortran is set). It is one function, not
// layers, because each layer returning a 128-byte View costs a copy.
func fromParts(buf []byte, f *format.Format, item int, shape, strides []int, off int, ro, fortran bool) (View, error) {
	if f == nil {
		return View{}, fmt.Errorf("%w: nil format", ErrLayout)
	}
	if item == 0 {
		item = f.Size()
	}
	if item != f.Size() {
		return View{}, fmt.Errorf("%w: itemsize %d differs from the size %d of format %q", ErrLayout, item, f.Size(), f.String())
	}
	if len(shape) > MaxDims {
		return View{}, fmt.Errorf("%w: %d dimensions (at most %d)", ErrLayout, len(shape), MaxDims)
	}
	if strides != nil && len(strides) != len(shape) {
		return View{}, fmt.Errorf("%w: %d strides for %d dimensions", ErrLayout, len(strides), len(shape))
	}
	// Field by field: a composite literal is built in a temporary with
	// 8-byte stores and copied with 16-byte loads, which stall on store
	// forwarding; that copy was most of the cost of building a view.
	var v View
	v.buf, v.f, v.item, v.off, v.ro = buf, f, item, off, ro
	s, st := v.alloc(len(shape))
	copy(s, shape)
	if strides == nil {
		if _, err := byteCount(item, shape); err != nil {
			return View{}, err
		}
		fillStrides(st, s, item, fortran)
	} else {
		copy(st, strides)
	}
	if err := check(len(buf), item, s, st, off); err != nil {
		return View{}, err
	}
	return v, nil
}

// fillStrides writes the contiguous strides of shape in C or Fortran
// order. The caller has checked that the byte count does not overflow.
func fillStrides(st, shape []int, item int, fortran bool) {
	acc := item
	if fortran {
		for i := range shape {
			st[i] = acc
			acc *= max(shape[i], 1)
		}
		return
	}
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = acc
		acc *= max(shape[i], 1)
	}
}

// byteCount is itemsize times the product of the extents, checked for
// negative extents and overflow. Zero extents are skipped in the overflow
// check, as NumPy does, so (0, huge) is an empty shape, not an error.
func byteCount(item int, shape []int) (int, error) {
	if len(shape) > MaxDims {
		return 0, fmt.Errorf("%w: %d dimensions (at most %d)", ErrLayout, len(shape), MaxDims)
	}
	if item <= 0 {
		return 0, fmt.Errorf("%w: itemsize %d (must be positive)", ErrLayout, item)
	}
	n, empty := item, false
	for i, e := range shape {
		if e < 0 {
			return 0, fmt.Errorf("%w: negative extent %d in dimension %d", ErrLayout, e, i)
		}
		if e == 0 {
			empty = true
			continue
		}
		var ok bool
		if n, ok = mul(n, e); !ok {
			return 0, fmt.Errorf("%w: shape %v overflows", ErrLayout, dup(shape))
		}
	}
	if empty {
		return 0, nil
	}
	return n, nil
}

// check validates a layout against a buffer of n bytes.
func check(n, item int, shape, strides []int, off int) error {
	total, err := byteCount(item, shape)
	if err != nil {
		return err
	}
	if total == 0 {
		if off < 0 || off > n {
			return fmt.Errorf("%w: offset %d outside the buffer of %d bytes", ErrLayout, off, n)
		}
		return nil
	}
	lo, hi := off, off
	for i, e := range shape {
		span, ok := mul(e-1, strides[i])
		if !ok {
			return fmt.Errorf("%w: stride %d of dimension %d overflows", ErrLayout, strides[i], i)
		}
		if span < 0 {
			lo, ok = add(lo, span)
		} else {
			hi, ok = add(hi, span)
		}
		if !ok {
			return fmt.Errorf("%w: strides %v overflow", ErrLayout, dup(strides))
		}
	}
	end, ok := add(hi, item)
	if !ok {
		return fmt.Errorf("%w: the layout's last byte overflows an int", ErrLayout)
	}
	if lo < 0 || end > n {
		return fmt.Errorf("%w: elements address bytes [%d, %d) outside the buffer of %d bytes", ErrLayout, lo, end, n)
	}
	return nil
}

// mul returns a*b and whether it did not overflow.
func mul(a, b int) (int, bool) {
	if uint64(a)+1<<31 < 1<<32 && uint64(b)+1<<31 < 1<<32 {
		return a * b, true // both fit in an int32: no overflow, no division
	}
	if a == 0 || b == 0 {
		return 0, true
	}
	c := a * b
	if c/b != a || (a == -1 && b == minInt) || (b == -1 && a == minInt) {
		return c, false
	}
	return c, true
}

// add returns a+b and whether it did not overflow.
func add(a, b int) (int, bool) {
	c := a + b
	return c, (c > a) == (b > 0)
}

const (
	maxInt = int(^uint(0) >> 1)
	minInt = -maxInt - 1
)

// dims returns the view's shape and strides. The slices alias v; callers
// must not change them unless v is a fresh copy they own (see alloc).
func (v *View) dims() (shape, strides []int) {
	n := int(v.ndim)
	if n <= inlineDims {
		return v.shp[:n:n], v.str[:n:n]
	}
	ext := extDims(v.ext, n)
	return ext[:n:n], ext[n : 2*n : 2*n]
}

// alloc gives v room for n dimensions that v alone owns and returns it.
func (v *View) alloc(n int) (shape, strides []int) {
	v.ndim = int32(n)
	if n <= inlineDims {
		v.ext = nil
		return v.shp[:n:n], v.str[:n:n]
	}
	ext := make([]int, 2*n)
	v.ext = &ext[0]
	return ext[:n:n], ext[n : 2*n : 2*n]
}

// ItemFormat returns the parsed element format (memoryview.format). The
// method is not called Format because that name belongs to fmt.Formatter.
func (v View) ItemFormat() *format.Format { return v.f }

// ItemSize returns the size of one element in bytes.
func (v View) ItemSize() int { return v.item }

// NDim returns the number of dimensions.
func (v View) NDim() int { return int(v.ndim) }

// Shape returns a new slice holding the extent of each dimension.
// It allocates; Dim reads one extent without allocating.
func (v View) Shape() []int {
	s, _ := v.dims()
	return append(make([]int, 0, len(s)), s...)
}

// Strides returns a new slice holding the byte stride of each dimension.
// It allocates; Stride reads one stride without allocating.
func (v View) Strides() []int {
	_, st := v.dims()
	return append(make([]int, 0, len(st)), st...)
}

// Dim returns the extent of dimension i; negative i counts from the end.
// It panics if i is out of range.
func (v View) Dim(i int) int {
	s, _ := v.dims()
	if i < 0 {
		i += len(s)
	}
	return s[i]
}

// Stride returns the byte stride of dimension i; negative i counts from
// the end. It panics if i is out of range.
func (v View) Stride(i int) int {
	_, st := v.dims()
	if i < 0 {
		i += len(st)
	}
	return st[i]
}

// Offset returns the byte position of element [0, ..., 0] in the buffer.
// For a view with no elements it is only a position inside the buffer.
func (v View) Offset() int { return v.off }

// Buffer returns the whole backing buffer, which the view keeps alive.
// Writing to it bypasses the read-only flag.
func (v View) Buffer() []byte { return v.buf }

// Len returns the number of elements, the product of the shape (NumPy's
// size; 1 for a 0-dimensional view).
func (v View) Len() int {
	if v.f == nil {
		return 0
	}
	s, _ := v.dims()
	n := 1
	for _, e := range s {
		n *= e
	}
	return n
}

// NBytes returns the number of bytes the elements occupy when
// contiguous: Len times ItemSize.
func (v View) NBytes() int { return v.Len() * v.item }

// ReadOnly reports whether writes through the view are refused.
func (v View) ReadOnly() bool { return v.ro }

// AsReadOnly returns the view marked read-only. A read-only view cannot be
// made writable again.
func (v View) AsReadOnly() View {
	v.ro = true
	return v
}

// Layout returns the view's description; FromLayout(v.Buffer(), l)
// rebuilds the view. It allocates the shape and strides slices.
func (v View) Layout() Layout {
	return Layout{Format: v.f, ItemSize: v.item, Shape: v.Shape(), Strides: v.Strides(), Offset: v.off, ReadOnly: v.ro}
}

// IsCContiguous reports whether the elements lie back to back in C (row-
// major) order starting at the offset. Dimensions of extent 1 are
// ignored and a view without elements is contiguous, as in NumPy and
// memoryview.
func (v View) IsCContiguous() bool {
	s, st := v.dims()
	return isContig(s, st, v.item, false)
}

// IsFContiguous reports whether the elements lie back to back in Fortran
// (column-major) order; see IsCContiguous.
func (v View) IsFContiguous() bool {
	s, st := v.dims()
	return isContig(s, st, v.item, true)
}

// IsContiguous reports whether the view is C- or Fortran-contiguous.
func (v View) IsContiguous() bool { return v.IsCContiguous() || v.IsFContiguous() }

func isContig(s, st []int, item int, fortran bool) bool {
	for _, e := range s {
		if e == 0 {
			return true
		}
	}
	want := item
	for k := range s {
		i := len(s) - 1 - k
		if fortran {
			i = k
		}
		if s[i] == 1 {
			continue
		}
		if st[i] != want {
			return false
		}
		want *= s[i]
	}
	return true
}

// Bytes returns the view's bytes when it is C-contiguous — the same
// memory, not a copy — and false otherwise. The result is capped at the
// view's end, so appending to it cannot overwrite the buffer. The bytes
// are writable even when the view is read-only: the flag guards the
// view's own write paths, not memory handed out.
func (v View) Bytes() ([]byte, bool) {
	// Through the pointer, not v.IsCContiguous() and v.NBytes(): each
	// call on the value would copy the 128-byte View again.
	return v.bytes()
}

func (v *View) bytes() ([]byte, bool) {
	if v.f == nil {
		return nil, false
	}
	s, st := v.dims()
	if !isContig(s, st, v.item, false) {
		return nil, false
	}
	n := v.item
	for _, e := range s {
		n *= e // the layout was checked: no overflow
	}
	return v.buf[v.off : v.off+n : v.off+n], true
}

// dup copies a shape or strides slice for an error message, so that
// formatting it does not make the view it belongs to escape to the heap.
func dup(s []int) []int { return append([]int(nil), s...) }

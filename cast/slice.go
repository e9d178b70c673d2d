package cast

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// Number is the set of Go types that typed slices hold: every integer
// width, float32, float64, complex64 and complex128, and types defined on
// them. bool is left out on purpose: a Go bool must be 0 or 1, while a ?
// byte can be anything, and checking would cost a pass over the data.
type Number interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~int |
		~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uint | ~uintptr |
		~float32 | ~float64 | ~complex64 | ~complex128
}

// Slice returns v's elements as a []T over the same memory, without
// copying or allocating: writes through the slice change v's buffer. v
// must be writable (ErrReadOnly otherwise; see ReadOnlySlice), and its
// format a single value of T's kind and size in native byte order
// (ErrType and ErrByteOrder otherwise):
//
//	int8: b              uint8: B or c
//	int16: h             uint16: H
//	int32: i, <l or >l   uint32: I, <L or >L
//	int64, int: q, n, l  uint64, uint, uintptr: Q, N, P, L
//	float32: f           float64: d
//	complex64: Zf        complex128: Zd
//
// v must be C- or Fortran-contiguous (ErrNotContiguous; the slice holds
// the elements in memory order, which is C order for a C-contiguous view)
// and its first element aligned for T (ErrAlign). A view without
// elements gives a nil slice. The checks cost the same whatever v's size.
func Slice[T Number](v ndview.View) ([]T, error) {
	if v.ReadOnly() {
		return nil, fmt.Errorf("%w: Slice gives write access; use ReadOnlySlice to read a read-only view", ErrReadOnly)
	}
	return slice[T](v)
}

// ReadOnlySlice is Slice for reading: it accepts read-only views too, and
// the caller promises not to write through the result. Go has no
// read-only slices; writing anyway changes memory the view's owner did
// not expect to change, and faults on a read-only memory map.
func ReadOnlySlice[T Number](v ndview.View) ([]T, error) {
	return slice[T](v)
}

func slice[T Number](v ndview.View) ([]T, error) {
	var zero T
	size := int(unsafe.Sizeof(zero))
	f := v.ItemFormat()
	if f == nil {
		return nil, fmt.Errorf("%w: the view has no format", ErrType)
	}
	kind, order, ok := f.ScalarKind()
	if !ok || f.Size() != size || !kindMatches(reflect.TypeFor[T]().Kind(), kind) {
		return nil, fmt.Errorf("%w: %q items are not %v values", ErrType, f.String(), reflect.TypeFor[T]())
	}
	if size > 1 && order != format.NativeOrder() {
		return nil, fmt.Errorf("%w: %q is %s-endian, this machine %s-endian", ErrByteOrder, f.String(), order, format.NativeOrder())
	}
	if !v.IsCContiguous() && !v.IsFContiguous() {
		return nil, fmt.Errorf("%w: a []%v needs a C- or Fortran-contiguous view; this one has shape %v and strides %v",
			ErrNotContiguous, reflect.TypeFor[T](), v.Shape(), v.Strides())
	}
	n := v.Len()
	if n == 0 {
		return nil, nil
	}
	buf, off := v.Buffer(), v.Offset()
	if !aligned(buf, off, unsafe.Alignof(zero)) {
		return nil, alignErr[T](buf, off)
	}
	return sliceAt[T](buf, off, n), nil
}

func alignErr[T Number](b []byte, off int) error {
	var zero T
	return fmt.Errorf("%w: the first element is at address %#x, not a multiple of %d (the alignment of %v)",
		ErrAlign, address(b, off), unsafe.Alignof(zero), reflect.TypeFor[T]())
}

// kindMatches reports whether a Go value of kind k holds an element of
// format kind fk (sizes are checked separately), as ndview.As decides.
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
		return fk == format.Int64 || fk == format.Int32
	case reflect.Uint64, reflect.Uint, reflect.Uintptr:
		return fk == format.Uint64 || fk == format.Uint32
	case reflect.Float32:
		return fk == format.Float32
	case reflect.Float64:
		return fk == format.Float64
	case reflect.Complex64:
		return fk == format.Complex64
	case reflect.Complex128:
		return fk == format.Complex128
	}
	return false
}

// FormatOf returns the native format string of T's values: "b", "B", "h",
// "H", "i", "I", "q", "Q", "n" (int), "N" (uint, uintptr), "f", "d", "Zf"
// or "Zd". It allocates nothing.
func FormatOf[T Number]() string {
	switch reflect.TypeFor[T]().Kind() {
	case reflect.Int8:
		return "b"
	case reflect.Uint8:
		return "B"
	case reflect.Int16:
		return "h"
	case reflect.Uint16:
		return "H"
	case reflect.Int32:
		return "i"
	case reflect.Uint32:
		return "I"
	case reflect.Int64:
		return "q"
	case reflect.Uint64:
		return "Q"
	case reflect.Int:
		return "n"
	case reflect.Uint, reflect.Uintptr:
		return "N"
	case reflect.Float32:
		return "f"
	case reflect.Float64:
		return "d"
	case reflect.Complex64:
		return "Zf"
	}
	return "Zd"
}

// ViewOf returns a writable C-contiguous view over s's memory, of format
// FormatOf[T]() and the given shape (one extent may be -1; no shape is
// one dimension of len(s)). The shape's element count must be len(s):
// ErrCount otherwise, or ErrSize when no -1 makes it fit; a negative
// extent, two -1s or more than ndview.MaxDims dimensions are ErrShape.
// It copies nothing; it allocates nothing for up to 4 dimensions. The
// view keeps s's backing array alive.
func ViewOf[T Number](s []T, shape ...int) (ndview.View, error) {
	f := format.MustParse(FormatOf[T]())
	b := BytesOf(s)
	var buf [inline]int
	sh := shape
	if len(shape) == 0 {
		buf[0] = len(s)
		sh = buf[:1]
	} else if len(shape) > ndview.MaxDims {
		return ndview.View{}, fmt.Errorf("%w: %d dimensions (at most %d)", ErrShape, len(shape), ndview.MaxDims)
	} else {
		var err error
		if sh, err = fitShape(buf[:0], shape, len(b), f.Size(), f); err != nil {
			return ndview.View{}, err
		}
	}
	return ndview.FromStrides(b, f, sh, nil, 0)
}

// BytesOf returns the memory of s as a []byte of len(s)*sizeof(T) bytes,
// in native byte order, without copying or allocating. Writes through
// either slice show in the other; the result keeps s's backing array
// alive. A nil s gives a nil slice.
func BytesOf[T Number](s []T) []byte {
	if s == nil {
		return nil
	}
	return bytesOf(s)
}

// SliceOf returns b's memory as a []T in native byte order, without
// copying or allocating: the converse of BytesOf. len(b) must be a
// multiple of T's size (ErrSize) and b's first byte aligned for T
// (ErrAlign): make([]byte, n) for small n can be 1-byte aligned, so check
// the error. An empty b gives a nil slice.
func SliceOf[T Number](b []byte) ([]T, error) {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if len(b)%size != 0 {
		return nil, fmt.Errorf("%w: %d bytes are not a whole number of %d-byte %v values", ErrSize, len(b), size, reflect.TypeFor[T]())
	}
	if len(b) == 0 {
		return nil, nil
	}
	if !aligned(b, 0, unsafe.Alignof(zero)) {
		return nil, alignErr[T](b, 0)
	}
	return sliceAt[T](b, 0, len(b)/size), nil
}

package cast_test

import (
	"errors"
	"fmt"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/ndview"
)

// A 2x3 little-endian float64 view read as its 48 bytes, then as three
// complex numbers: no byte moves.
func ExampleTo() {
	v, _ := ndview.Make("<d", 2, 3)
	_ = v.SetValue(1.5, 0, 0)
	b, err := cast.To(v, "B")
	fmt.Println(b.Shape(), err)
	z, err := cast.To(v, "<Zd", 3)
	fmt.Println(z.Shape(), z, err)

	// A strided view has no single run of bytes to reinterpret.
	_, err = cast.To(v.T(), "B")
	fmt.Println(errors.Is(err, cast.ErrNotContiguous))
	// Output:
	// [48] <nil>
	// [3] [1.5+0.j 0. +0.j 0. +0.j] <nil>
	// true
}

// Casting back with the original format gives back the original view.
func ExampleToFormat() {
	v, _ := ndview.Make(">i", 4, 2)
	b, _ := cast.To(v, "B", 4, 8)
	back, err := cast.ToFormat(b, v.ItemFormat(), v.Shape()...)
	fmt.Println(back.Shape(), back.Strides(), err)
	// Output: [4 2] [8 4] <nil>
}

// LastAxis is NumPy's view(dtype): every other row of a complex matrix,
// as (re, im) pairs of float64.
func ExampleLastAxis() {
	z, _ := ndview.Make("Zd", 4, 2)
	_ = z.SetValue(complex(1, -1), 2, 1)
	rows, _ := z.IndexString("::2")
	pairs, err := cast.LastAxis(rows, "d")
	fmt.Println(pairs.Shape(), pairs.Strides(), err)
	fmt.Println(pairs)
	// Output:
	// [2 4] [64 8] <nil>
	// [[ 0.  0.  0.  0.]
	//  [ 0.  0.  1. -1.]]
}

func ExampleSlice() {
	v, _ := ndview.Make("d", 2, 3) // a fresh buffer is aligned
	xs, err := cast.Slice[float64](v)
	fmt.Println(len(xs), err)
	xs[4] = 7 // writes the view's memory
	fmt.Println(v.Value(1, 1))

	// The other byte order, or memory the type cannot be read from, is
	// refused with the reason.
	w, _ := ndview.Make(">d", 3)
	_, err = cast.Slice[float64](w)
	fmt.Println(errors.Is(err, cast.ErrByteOrder))
	_, err = cast.Slice[int64](v)
	fmt.Println(errors.Is(err, cast.ErrType))
	// Output:
	// 6 <nil>
	// 7 <nil>
	// true
	// true
}

func ExampleReadOnlySlice() {
	v, _ := ndview.Make("i", 3)
	ro := v.AsReadOnly()
	_, err := cast.Slice[int32](ro)
	fmt.Println(errors.Is(err, cast.ErrReadOnly))
	xs, err := cast.ReadOnlySlice[int32](ro) // for reading only
	fmt.Println(xs, err)
	// Output:
	// true
	// [0 0 0] <nil>
}

func ExampleViewOf() {
	xs := []float32{1, 2, 3, 4, 5, 6}
	v, err := cast.ViewOf(xs, 2, -1)
	fmt.Println(v.ItemFormat(), v.Shape(), err)
	fmt.Println(v.T())
	// Output:
	// f [2 3] <nil>
	// [[1. 4.]
	//  [2. 5.]
	//  [3. 6.]]
}

func ExampleBytesOf() {
	xs := []uint16{0x0102, 0x0304}
	b := cast.BytesOf(xs)
	fmt.Println(len(b))
	b[0] = 0xff // the same memory
	fmt.Println(xs[0] == 0x01ff || xs[0] == 0xff02)
	// Output:
	// 4
	// true
}

func ExampleSliceOf() {
	backing := make([]uint64, 4) // 8-aligned memory
	b := cast.BytesOf(backing)
	xs, err := cast.SliceOf[float64](b)
	fmt.Println(len(xs), err)
	_, err = cast.SliceOf[float64](b[1:25]) // one byte in: misaligned
	fmt.Println(errors.Is(err, cast.ErrAlign))
	_, err = cast.SliceOf[float64](b[:12])
	fmt.Println(errors.Is(err, cast.ErrSize))
	// Output:
	// 4 <nil>
	// true
	// true
}

func ExampleFormatOf() {
	fmt.Println(cast.FormatOf[int16](), cast.FormatOf[uint](), cast.FormatOf[complex64]())
	// Output: h N Zf
}

// Big-endian int16 samples from a file or a socket, converted to native
// float64 for arithmetic; and back, where a value out of range stops the
// conversion and names its index.
func ExampleConvert() {
	raw := []byte{0x00, 0x01, 0xff, 0xfe, 0x03, 0xe8}
	src, _ := ndview.New(raw, ">h", 3)
	dst, _ := ndview.Make("d", 3)
	err := cast.Convert(dst, src)
	fmt.Println(dst, err)

	_ = dst.SetValue(40000.0, 2)
	err = cast.Convert(src, dst)
	var re *cast.RangeError
	fmt.Println(errors.Is(err, cast.ErrRange), errors.As(err, &re) && re.Index[0] == 2)
	fmt.Println(err)
	// Output:
	// [   1.   -2. 1000.] <nil>
	// true true
	// cast: element [2] = 40000 ("d") does not fit ">h"
}

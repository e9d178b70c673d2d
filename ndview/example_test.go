package ndview_test

import (
	"errors"
	"fmt"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// Build a view over bytes that already exist: twelve little-endian
// int16 values as a 3x4 matrix. Nothing is copied.
func ExampleNew() {
	buf := []byte{
		0, 0, 1, 0, 2, 0, 3, 0,
		4, 0, 5, 0, 6, 0, 7, 0,
		8, 0, 9, 0, 10, 0, 11, 0,
	}
	v, err := ndview.New(buf, "<h", 3, 4)
	if err != nil {
		panic(err)
	}
	fmt.Println(v.Shape(), v.Strides(), v.IsCContiguous())
	x, _ := v.Value(2, 1)
	fmt.Println(x)
	// Output:
	// [3 4] [8 2] true
	// 9
}

// Layouts that reach outside the buffer are refused up front.
func ExampleFromLayout() {
	buf := make([]byte, 16)
	_, err := ndview.FromLayout(buf, ndview.Layout{
		Format:  format.MustParse("<i"),
		Shape:   []int{3},
		Strides: []int{8},
	})
	fmt.Println(errors.Is(err, ndview.ErrLayout))
	// Output:
	// true
}

// Index with NumPy's semantics, in Go or in NumPy's spelling.
func ExampleView_Index() {
	v, _ := ndview.Make("<i", 4, 6)
	a := ndview.MustAs[int32](v)
	for i := range 4 {
		for j := range 6 {
			a.Set2(int32(10*i+j), i, j)
		}
	}
	w, _ := v.Index(ndview.Slice(ndview.None, ndview.None, 2), ndview.Slice(1, 5, 1)) // v[::2, 1:5]
	s, _ := v.IndexString("::2, 1:5")
	fmt.Println(w.Shape(), w.Strides(), ndview.Equal(w, s))
	l, _ := w.ToList()
	fmt.Println(l)
	last, _ := v.IndexString("-1, ::-2")
	l, _ = last.ToList()
	fmt.Println(l)
	// Output:
	// [2 4] [48 4] true
	// [[1 2 3 4] [21 22 23 24]]
	// [35 33 31]
}

// Reshape never copies: it fails with ErrNeedsCopy where NumPy would copy.
func ExampleView_Reshape() {
	v, _ := ndview.Make("<d", 2, 3)
	r, err := v.Reshape(3, -1)
	fmt.Println(r.Shape(), err)
	_, err = v.T().Reshape(-1)
	fmt.Println(errors.Is(err, ndview.ErrNeedsCopy))
	flat, _ := v.T().Clone().Reshape(-1)
	fmt.Println(flat.Shape())
	// Output:
	// [3 2] <nil>
	// true
	// [6]
}

// CopyTo copies between any two layouts of the same shape and format;
// here a transpose into a fresh contiguous matrix.
func ExampleView_CopyTo() {
	v, _ := ndview.Make("<h", 2, 3)
	a := ndview.MustAs[int16](v)
	for i := range 2 {
		for j := range 3 {
			a.Set2(int16(3*i+j), i, j)
		}
	}
	dst, _ := ndview.Make("<h", 3, 2)
	if err := v.T().CopyTo(dst); err != nil {
		panic(err)
	}
	l, _ := dst.ToList()
	fmt.Println(l)
	// Output:
	// [[0 3] [1 4] [2 5]]
}

// Typed access checks the format once and then reads in place, in the
// view's byte order.
func ExampleAs() {
	buf := []byte{0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0} // 1.0, 2.0 big-endian
	v, _ := ndview.New(buf, ">d", 2)
	a, err := ndview.As[float64](v)
	if err != nil {
		panic(err)
	}
	sum := 0.0
	for x := range a.All() {
		sum += x
	}
	fmt.Println(a.At(1), sum)
	_, err = ndview.As[int64](v)
	fmt.Println(errors.Is(err, ndview.ErrType))
	// Output:
	// 2 3
	// true
}

// Runs yields the maximal contiguous byte runs: one per row of a
// column slice of a matrix.
func ExampleView_Runs() {
	v, _ := ndview.Make("B", 3, 4)
	w, _ := v.IndexString(":, 1:3")
	n := 0
	for run := range w.Runs() {
		n++
		fmt.Print(len(run), " ")
	}
	fmt.Println(n)
	// Output:
	// 2 2 2 3
}

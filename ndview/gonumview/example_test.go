package gonumview_test

import (
	"encoding/binary"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/ndview/gonumview"
)

// A view's memory multiplied by gonum, in place: no copy on the way in,
// and the product written into a third view's memory.
func ExampleDense() {
	buf := make([]byte, 2*3*8)
	v, _ := ndview.New(buf, "d", 2, 3)
	for i := range 2 {
		for j := range 3 {
			_ = v.SetValue(float64(i*3+j), i, j)
		}
	}
	a, err := gonumview.Dense(v)
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := ndview.Make("d", 2, 2)
	c, _ := gonumview.Dense(out)
	c.Mul(a, a.T()) // gonum writes into out's memory
	fmt.Println(out)

	// A view gonum cannot take as a Dense says why.
	_, err = gonumview.Dense(v.T())
	fmt.Println(err)
	// Output:
	// [[ 5. 14.]
	//  [14. 50.]]
	// gonumview: strides gonum cannot express: Dense needs each row contiguous (column stride 8 bytes); this view has strides [8 24]
}

// A gonum matrix's memory as a view, reshaped and sliced without copying.
func ExampleFromDense() {
	m := mat.NewDense(2, 6, []float64{
		0, 1, 2, 3, 4, 5,
		6, 7, 8, 9, 10, 11,
	})
	v, err := gonumview.FromDense(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := v.Reshape(3, 4)
	fmt.Println(r, err)
	m.Set(0, 0, 100) // the view sees gonum's writes
	fmt.Println(r.Value(0, 0))

	// A sub-matrix keeps its place in its parent's memory.
	sub := m.Slice(0, 2, 1, 3).(*mat.Dense)
	s, _ := gonumview.FromDense(sub)
	fmt.Println(s, s.Strides())
	// Output:
	// [[ 0.  1.  2.  3.]
	//  [ 4.  5.  6.  7.]
	//  [ 8.  9. 10. 11.]] <nil>
	// 100 <nil>
	// [[1. 2.]
	//  [7. 8.]] [48 8]
}

// A matrix stored big-endian, as a file or a network peer writes it, used
// by gonum without converting it first: Matrix reads it in place through
// a MatrixView. CopyDense converts it when a *mat.Dense is needed.
func ExampleMatrix() {
	file := make([]byte, 0, 4*4)
	for _, x := range []float32{4, 1, 2, 3} {
		file = binary.BigEndian.AppendUint32(file, math.Float32bits(x))
	}
	v, _ := ndview.New(file, ">f", 2, 2)
	a, err := gonumview.Matrix(v)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%T det=%.0f\n", a, mat.Det(a))

	var x mat.VecDense
	b := mat.NewVecDense(2, []float64{6, 8})
	if err := x.SolveVec(a, b); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = %.2f\n", mat.Formatted(x.T()))

	d, err := gonumview.CopyDense(v)
	fmt.Println(mat.Formatted(d), err)
	// Output:
	// *gonumview.MatrixView det=10
	// x = [1.00  2.00]
	// ⎡4  1⎤
	// ⎣2  3⎦ <nil>
}

package gonumview_test

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"testing"
	"unsafe"

	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/cblas128"
	"gonum.org/v1/gonum/mat"

	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/ndview/gonumview"
)

// gvCheckLayout fails unless v is a writable view of format f with the
// given shape and strides whose first element is at p.
func gvCheckLayout(t testing.TB, v ndview.View, f string, shape, strides []int, p uintptr) {
	t.Helper()
	if v.ReadOnly() {
		t.Fatal("the view is read-only")
	}
	if got := v.ItemFormat().String(); got != f {
		t.Fatalf("format %q; want %q", got, f)
	}
	if !slices.Equal(v.Shape(), shape) || !slices.Equal(v.Strides(), strides) {
		t.Fatalf("shape %v, strides %v; want %v, %v", v.Shape(), v.Strides(), shape, strides)
	}
	if v.Len() > 0 && gvFirst(v) != p {
		t.Fatalf("the first element is at %#x; gonum's is at %#x", gvFirst(v), p)
	}
}

func TestFromDenseShares(t *testing.T) {
	parent := mat.NewDense(5, 6, nil)
	for i := range 5 {
		for j := range 6 {
			parent.Set(i, j, float64(10*i+j))
		}
	}
	cases := []struct {
		name       string
		m          *mat.Dense
		r0, c0     int // place of m in parent
		shape      []int
		rowStrideB int
	}{
		{"whole", parent, 0, 0, []int{5, 6}, 48},
		{"sub-matrix", parent.Slice(1, 4, 2, 5).(*mat.Dense), 1, 2, []int{3, 3}, 48},
		{"one row", parent.Slice(3, 4, 1, 6).(*mat.Dense), 3, 1, []int{1, 5}, 40},
		{"one column", parent.Slice(0, 5, 4, 5).(*mat.Dense), 0, 4, []int{5, 1}, 48},
		{"sub-matrix of a sub-matrix", parent.Slice(1, 5, 1, 6).(*mat.Dense).Slice(1, 3, 2, 4).(*mat.Dense), 2, 3, []int{2, 2}, 48},
		{"last element", parent.Slice(4, 5, 5, 6).(*mat.Dense), 4, 5, []int{1, 1}, 8},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := gonumview.FromDense(tc.m)
			if err != nil {
				t.Fatal(err)
			}
			gvCheckLayout(t, v, "d", tc.shape, []int{tc.rowStrideB, 8}, uintptr(unsafe.Pointer(&tc.m.RawMatrix().Data[0])))
			r, c := tc.m.Dims()
			pbytes := unsafe.Slice((*byte)(unsafe.Pointer(&parent.RawMatrix().Data[0])), 5*6*8)
			before := bytes.Clone(pbytes)
			for i := range r {
				for j := range c {
					if got := gvVal(t, v, i, j); got != parent.At(tc.r0+i, tc.c0+j) {
						t.Fatalf("Value(%d, %d) = %v; parent holds %v", i, j, got, parent.At(tc.r0+i, tc.c0+j))
					}
					x := float64(-i*c-j) - 0.5
					gvSet(t, v, x, i, j)
					if got := tc.m.At(i, j); got != x {
						t.Fatalf("after SetValue(%v, %d, %d) At = %v", x, i, j, got)
					}
					if got := parent.At(tc.r0+i, tc.c0+j); got != x {
						t.Fatalf("after SetValue(%v, %d, %d) the parent holds %v", x, i, j, got)
					}
					y := float64(i*c+j) + 1000
					tc.m.Set(i, j, y)
					if got := gvVal(t, v, i, j); got != y {
						t.Fatalf("after Set(%d, %d, %v) Value = %v", i, j, y, got)
					}
				}
			}
			// Only the sub-matrix's elements changed in the parent.
			for k := range 5 * 6 {
				i, j := k/6, k%6
				in := i >= tc.r0 && i < tc.r0+r && j >= tc.c0 && j < tc.c0+c
				changed := !bytes.Equal(pbytes[8*k:8*k+8], before[8*k:8*k+8])
				if changed && !in {
					t.Fatalf("parent element (%d, %d), outside the sub-matrix, changed", i, j)
				}
				parent.Set(i, j, float64(10*i+j))
			}
			// And back: Dense over the view is the same gonum matrix.
			d, err := gonumview.Dense(v)
			if err != nil {
				t.Fatal(err)
			}
			got, want := d.RawMatrix(), tc.m.RawMatrix()
			if got.Rows != want.Rows || got.Cols != want.Cols || (got.Rows > 1 && got.Stride != want.Stride) ||
				&got.Data[0] != &want.Data[0] {
				t.Fatalf("Dense(FromDense(m)) is %+v; m is %+v", got, want)
			}
		})
	}
}

func TestFromGeneralShares(t *testing.T) {
	data := make([]float64, 3*7)
	g := blas64.General{Rows: 3, Cols: 4, Stride: 7, Data: data}
	v, err := gonumview.FromGeneral(g)
	if err != nil {
		t.Fatal(err)
	}
	gvCheckLayout(t, v, "d", []int{3, 4}, []int{56, 8}, uintptr(unsafe.Pointer(&data[0])))
	for i := range 3 {
		for j := range 4 {
			data[i*7+j] = float64(i) - float64(j)/8
			if got := gvVal(t, v, i, j); got != data[i*7+j] {
				t.Fatalf("Value(%d, %d) = %v; Data holds %v", i, j, got, data[i*7+j])
			}
			gvSet(t, v, float64(i*j)+0.5, i, j)
			if data[i*7+j] != float64(i*j)+0.5 {
				t.Fatalf("after SetValue(%d, %d) Data holds %v", i, j, data[i*7+j])
			}
		}
	}
	for i := range 3 {
		for j := 4; j < 7; j++ {
			if data[i*7+j] != 0 {
				t.Fatalf("Data[%d], between rows, became %v", i*7+j, data[i*7+j])
			}
		}
	}
}

func TestFromCDenseShares(t *testing.T) {
	parent := mat.NewCDense(4, 5, nil)
	cases := []struct {
		name   string
		m      *mat.CDense
		r0, c0 int
		shape  []int
	}{
		{"whole", parent, 0, 0, []int{4, 5}},
		{"sub-matrix", parent.Slice(1, 3, 2, 5).(*mat.CDense), 1, 2, []int{2, 3}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := gonumview.FromCDense(tc.m)
			if err != nil {
				t.Fatal(err)
			}
			gvCheckLayout(t, v, "Zd", tc.shape, []int{5 * 16, 16}, uintptr(unsafe.Pointer(&tc.m.RawCMatrix().Data[0])))
			r, c := tc.m.Dims()
			for i := range r {
				for j := range c {
					x := complex(float64(i), float64(-j)-0.5)
					tc.m.Set(i, j, x)
					if got, err := v.Value(i, j); err != nil || got != x {
						t.Fatalf("after Set(%d, %d, %v) Value = %v (%v)", i, j, x, got, err)
					}
					y := complex(float64(j)+0.25, float64(i))
					gvSet(t, v, y, i, j)
					if got := parent.At(tc.r0+i, tc.c0+j); got != y {
						t.Fatalf("after SetValue(%v, %d, %d) the parent holds %v", y, i, j, got)
					}
				}
			}
			if _, err := gonumview.CDense(v); err != nil {
				t.Fatalf("CDense(FromCDense(m)): %v", err)
			}
		})
	}
	t.Run("FromCGeneral", func(t *testing.T) {
		data := make([]complex128, 8)
		v, err := gonumview.FromCGeneral(cblas128.General{Rows: 2, Cols: 3, Stride: 5, Data: data})
		if err != nil {
			t.Fatal(err)
		}
		gvCheckLayout(t, v, "Zd", []int{2, 3}, []int{80, 16}, uintptr(unsafe.Pointer(&data[0])))
		data[5+2] = 3 - 4i
		if got, _ := v.Value(1, 2); got != 3-4i {
			t.Fatalf("Value(1, 2) = %v", got)
		}
		gvSet(t, v, complex(1, 1), 1, 0)
		if data[5] != 1+1i {
			t.Fatalf("Data[5] = %v", data[5])
		}
	})
}

func TestFromGeneral32Shares(t *testing.T) {
	data := make([]float32, 2*6+3)
	g := blas32.General{Rows: 3, Cols: 3, Stride: 6, Data: data}
	v, err := gonumview.FromGeneral32(g)
	if err != nil {
		t.Fatal(err)
	}
	gvCheckLayout(t, v, "f", []int{3, 3}, []int{24, 4}, uintptr(unsafe.Pointer(&data[0])))
	for i := range 3 {
		for j := range 3 {
			data[i*6+j] = float32(i*3+j) + 0.5
			if got := gvVal(t, v, i, j); got != float64(data[i*6+j]) {
				t.Fatalf("Value(%d, %d) = %v; Data holds %v", i, j, got, data[i*6+j])
			}
			gvSet(t, v, float64(-i-j), i, j)
			if data[i*6+j] != float32(-i-j) {
				t.Fatalf("after SetValue(%d, %d) Data holds %v", i, j, data[i*6+j])
			}
		}
	}
	g2, err := gonumview.General32(v)
	if err != nil {
		t.Fatal(err)
	}
	if g2.Rows != 3 || g2.Cols != 3 || g2.Stride != 6 || &g2.Data[0] != &data[0] {
		t.Fatalf("General32(FromGeneral32(g)) = %+v", g2)
	}
}

func TestFromVecShares(t *testing.T) {
	m := mat.NewDense(4, 3, nil)
	long := mat.NewVecDense(8, nil)
	cases := []struct {
		name   string
		x      *mat.VecDense
		inc    int
		parent []float64 // the memory x lies in
		start  int       // x's first element in parent
	}{
		{"whole", long, 1, long.RawVector().Data, 0},
		{"slice of a vector", long.SliceVec(2, 6).(*mat.VecDense), 1, long.RawVector().Data, 2},
		{"column of a matrix", m.ColView(1).(*mat.VecDense), 3, m.RawMatrix().Data, 1},
		{"row of a matrix", m.RowView(2).(*mat.VecDense), 1, m.RawMatrix().Data, 6},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := gonumview.FromVecDense(tc.x)
			if err != nil {
				t.Fatal(err)
			}
			n := tc.x.Len()
			gvCheckLayout(t, v, "d", []int{n}, []int{tc.inc * 8}, uintptr(unsafe.Pointer(&tc.parent[tc.start])))
			for i := range n {
				tc.x.SetVec(i, float64(i)+0.5)
				if got := gvVal(t, v, i); got != float64(i)+0.5 {
					t.Fatalf("after SetVec(%d) Value = %v", i, got)
				}
				gvSet(t, v, float64(-i)-1, i)
				if got := tc.parent[tc.start+i*tc.inc]; got != float64(-i)-1 {
					t.Fatalf("after SetValue(%d) the parent holds %v", i, got)
				}
				if got := tc.x.AtVec(i); got != float64(-i)-1 {
					t.Fatalf("after SetValue(%d) AtVec = %v", i, got)
				}
			}
			y, err := gonumview.VecDense(v)
			if err != nil {
				t.Fatal(err)
			}
			if got := y.RawVector(); got.N != n || (n > 1 && got.Inc != tc.inc) || &got.Data[0] != &tc.parent[tc.start] {
				t.Fatalf("VecDense(FromVecDense(x)) = N %d Inc %d", got.N, got.Inc)
			}
		})
	}
	t.Run("FromVec", func(t *testing.T) {
		data := make([]float64, 9)
		v, err := gonumview.FromVec(blas64.Vector{N: 3, Inc: 4, Data: data})
		if err != nil {
			t.Fatal(err)
		}
		gvCheckLayout(t, v, "d", []int{3}, []int{32}, uintptr(unsafe.Pointer(&data[0])))
		data[8] = 2.5
		if gvVal(t, v, 2) != 2.5 {
			t.Fatalf("Value(2) = %v", gvVal(t, v, 2))
		}
		gvSet(t, v, -1.0, 1)
		if data[4] != -1 || data[3] != 0 || data[5] != 0 {
			t.Fatalf("Data = %v", data)
		}
	})
	t.Run("FromVec32", func(t *testing.T) {
		data := make([]float32, 7)
		v, err := gonumview.FromVec32(blas32.Vector{N: 4, Inc: 2, Data: data})
		if err != nil {
			t.Fatal(err)
		}
		gvCheckLayout(t, v, "f", []int{4}, []int{8}, uintptr(unsafe.Pointer(&data[0])))
		data[6] = 1.25
		if gvVal(t, v, 3) != 1.25 {
			t.Fatalf("Value(3) = %v", gvVal(t, v, 3))
		}
		gvSet(t, v, 7.0, 1)
		if data[2] != 7 || data[1] != 0 || data[3] != 0 {
			t.Fatalf("Data = %v", data)
		}
		x, err := gonumview.Vec32(v)
		if err != nil || x.N != 4 || x.Inc != 2 || &x.Data[0] != &data[0] {
			t.Fatalf("Vec32(FromVec32(x)) = N %d Inc %d (%v)", x.N, x.Inc, err)
		}
	})
}

// errGvEither is a want for cases where an empty view and ErrInvalid are
// both right: a huge empty matrix.
var errGvEither = errors.New("an empty view or ErrInvalid")

// gvCheckFrom checks the result of a From* function against want, and an
// empty result for an empty matrix.
func gvCheckFrom(t *testing.T, v ndview.View, err, want error, shape []int) {
	t.Helper()
	if want == errGvEither {
		if err != nil {
			gvCheckErr(t, err, gonumview.ErrInvalid)
			return
		}
		want = nil
	}
	gvCheckErr(t, err, want)
	if want != nil {
		if v.NDim() != 0 || v.Buffer() != nil {
			t.Fatalf("a view of shape %v came with the error", v.Shape())
		}
		return
	}
	if !slices.Equal(v.Shape(), shape) {
		t.Fatalf("shape %v; want %v", v.Shape(), shape)
	}
	if v.ReadOnly() {
		t.Fatal("the view is read-only")
	}
}

func TestFromGeneralValidation(t *testing.T) {
	const big = 1 << 62
	cases := []struct {
		name              string
		rows, cols, strid int
		n                 int // len(Data)
		want              error
	}{
		{"exact fit", 3, 4, 5, 14, nil},
		{"Data one short", 3, 4, 5, 13, gonumview.ErrInvalid},
		{"Data longer", 3, 4, 5, 20, nil},
		{"Stride == Cols", 3, 4, 4, 12, nil},
		{"Stride == Cols, Data one short", 3, 4, 4, 11, gonumview.ErrInvalid},
		{"negative rows", -1, 2, 2, 4, gonumview.ErrInvalid},
		{"negative columns", 2, -1, 2, 4, gonumview.ErrInvalid},
		{"negative rows, no columns", -3, 0, 0, 0, gonumview.ErrInvalid},
		{"Stride < Cols", 2, 3, 2, 6, gonumview.ErrInvalid},
		{"Stride < Cols, one row", 1, 3, 2, 3, gonumview.ErrInvalid},
		{"negative Stride", 2, 2, -2, 4, gonumview.ErrInvalid},
		{"zero Stride", 2, 2, 0, 4, gonumview.ErrInvalid},
		{"one row, Stride == Cols", 1, 3, 3, 3, nil},
		{"one row, Stride 100", 1, 3, 100, 3, nil},
		{"one row, huge Stride", 1, 3, math.MaxInt, 3, nil},
		{"one row, Data one short", 1, 3, 100, 2, gonumview.ErrInvalid},
		{"one column", 4, 1, 3, 10, nil},
		{"one column, Data one short", 4, 1, 3, 9, gonumview.ErrInvalid},
		{"1<<62 rows", big, 2, 2, 4, gonumview.ErrInvalid},
		{"MaxInt rows", math.MaxInt, 1, 1, 4, gonumview.ErrInvalid},
		{"1<<62 columns", 1, big, big, 4, gonumview.ErrInvalid},
		{"1<<62 Stride", 2, 2, big, 4, gonumview.ErrInvalid},
		{"rows times Stride overflows", big, 4, big, 16, gonumview.ErrInvalid},
		{"rows times Stride wraps to a fit", 1<<33 + 1, 1, 1 << 31, 4, gonumview.ErrInvalid},
		{"MaxInt Stride", 2, 1, math.MaxInt, 8, gonumview.ErrInvalid},
		{"no rows", 0, 4, 4, 0, nil},
		{"no columns", 3, 0, 0, 0, nil},
		{"no rows or columns", 0, 0, 0, 0, nil},
		{"no rows, any Stride", 0, 4, 1, 0, nil},
		{"no rows, 1<<62 columns", 0, big, big, 0, errGvEither},
		{"1<<62 rows, no columns", big, 0, 0, 0, errGvEither},
	}
	makers := []struct {
		name string
		from func(r, c, s, n int) (ndview.View, error)
	}{
		{"FromGeneral", func(r, c, s, n int) (ndview.View, error) {
			return gonumview.FromGeneral(blas64.General{Rows: r, Cols: c, Stride: s, Data: make([]float64, n)})
		}},
		{"FromDense", func(r, c, s, n int) (ndview.View, error) {
			var m mat.Dense
			m.SetRawMatrix(blas64.General{Rows: r, Cols: c, Stride: s, Data: make([]float64, n)})
			return gonumview.FromDense(&m)
		}},
		{"FromCGeneral", func(r, c, s, n int) (ndview.View, error) {
			return gonumview.FromCGeneral(cblas128.General{Rows: r, Cols: c, Stride: s, Data: make([]complex128, n)})
		}},
		{"FromCDense", func(r, c, s, n int) (ndview.View, error) {
			var m mat.CDense
			m.SetRawCMatrix(cblas128.General{Rows: r, Cols: c, Stride: s, Data: make([]complex128, n)})
			return gonumview.FromCDense(&m)
		}},
		{"FromGeneral32", func(r, c, s, n int) (ndview.View, error) {
			return gonumview.FromGeneral32(blas32.General{Rows: r, Cols: c, Stride: s, Data: make([]float32, n)})
		}},
	}
	for _, mk := range makers {
		t.Run(mk.name, func(t *testing.T) {
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					v, err := mk.from(tc.rows, tc.cols, tc.strid, tc.n)
					gvCheckFrom(t, v, err, tc.want, []int{tc.rows, tc.cols})
					if err != nil || v.Len() == 0 {
						return
					}
					// Every element is readable and writable, the last
					// one included.
					r, c := tc.rows-1, tc.cols-1
					want := "d"
					if mk.name == "FromCGeneral" || mk.name == "FromCDense" {
						gvSet(t, v, complex(2, 3), r, c)
						want = "Zd"
					} else {
						gvSet(t, v, 2.0, r, c)
						if gvVal(t, v, r, c) != 2 {
							t.Fatalf("Value(%d, %d) = %v", r, c, gvVal(t, v, r, c))
						}
					}
					if mk.name == "FromGeneral32" {
						want = "f"
					}
					if v.ItemFormat().String() != want {
						t.Fatalf("format %q; want %q", v.ItemFormat(), want)
					}
				})
			}
		})
	}
	t.Run("nil", func(t *testing.T) {
		_, err := gonumview.FromDense(nil)
		gvCheckErr(t, err, gonumview.ErrInvalid)
		_, err = gonumview.FromCDense(nil)
		gvCheckErr(t, err, gonumview.ErrInvalid)
	})
	t.Run("empty matrix reads", func(t *testing.T) {
		v, err := gonumview.FromGeneral(blas64.General{Rows: 0, Cols: 3})
		if err != nil {
			t.Fatal(err)
		}
		if v.Len() != 0 || v.NDim() != 2 {
			t.Fatalf("shape %v", v.Shape())
		}
		m, err := gonumview.Matrix(v)
		if err != nil {
			t.Fatal(err)
		}
		if r, c := m.Dims(); r != 0 || c != 3 {
			t.Fatalf("Matrix of the empty view has Dims %d, %d", r, c)
		}
	})
	t.Run("one row with a huge Stride is one row", func(t *testing.T) {
		data := []float64{1, 2, 3}
		v, err := gonumview.FromGeneral(blas64.General{Rows: 1, Cols: 3, Stride: math.MaxInt, Data: data})
		if err != nil {
			t.Fatal(err)
		}
		for j := range 3 {
			if gvVal(t, v, 0, j) != data[j] {
				t.Fatalf("Value(0, %d) = %v", j, gvVal(t, v, 0, j))
			}
		}
		d, err := gonumview.Dense(v)
		if err != nil {
			t.Fatal(err)
		}
		if raw := d.RawMatrix(); raw.Rows != 1 || raw.Cols != 3 || &raw.Data[0] != &data[0] {
			t.Fatalf("Dense of it is %+v", raw)
		}
	})
}

func TestFromVecValidation(t *testing.T) {
	const big = 1 << 62
	cases := []struct {
		name   string
		n, inc int
		length int
		want   error
	}{
		{"exact fit", 4, 3, 10, nil},
		{"Data one short", 4, 3, 9, gonumview.ErrInvalid},
		{"Data longer", 4, 3, 30, nil},
		{"Inc 1", 5, 1, 5, nil},
		{"Inc 1, Data one short", 5, 1, 4, gonumview.ErrInvalid},
		{"negative N", -1, 1, 4, gonumview.ErrInvalid},
		{"zero Inc", 3, 0, 4, gonumview.ErrInvalid},
		{"negative Inc", 3, -1, 4, gonumview.ErrInvalid},
		{"zero Inc, one element", 1, 0, 4, gonumview.ErrInvalid},
		{"negative Inc, one element", 1, -2, 4, gonumview.ErrInvalid},
		{"one element, no Data", 1, 1, 0, gonumview.ErrInvalid},
		{"one element, Inc 1000", 1, 1000, 1, nil},
		{"1<<62 elements", big, 1, 4, gonumview.ErrInvalid},
		{"MaxInt elements", math.MaxInt, 1, 4, gonumview.ErrInvalid},
		{"1<<62 Inc", 2, big, 4, gonumview.ErrInvalid},
		{"N times Inc overflows", big, big, 4, gonumview.ErrInvalid},
		{"N times Inc wraps to a fit", 1<<33 + 1, 1 << 31, 4, gonumview.ErrInvalid},
		{"MaxInt Inc", 2, math.MaxInt, 4, gonumview.ErrInvalid},
		{"empty", 0, 1, 0, nil},
		{"empty, zero Inc", 0, 0, 0, nil},
		{"empty, negative Inc", 0, -3, 0, nil},
	}
	makers := []struct {
		name string
		f    string
		from func(n, inc, length int) (ndview.View, error)
	}{
		{"FromVec", "d", func(n, inc, length int) (ndview.View, error) {
			return gonumview.FromVec(blas64.Vector{N: n, Inc: inc, Data: make([]float64, length)})
		}},
		{"FromVecDense", "d", func(n, inc, length int) (ndview.View, error) {
			var x mat.VecDense
			x.SetRawVector(blas64.Vector{N: n, Inc: inc, Data: make([]float64, length)})
			return gonumview.FromVecDense(&x)
		}},
		{"FromVec32", "f", func(n, inc, length int) (ndview.View, error) {
			return gonumview.FromVec32(blas32.Vector{N: n, Inc: inc, Data: make([]float32, length)})
		}},
	}
	for _, mk := range makers {
		t.Run(mk.name, func(t *testing.T) {
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					v, err := mk.from(tc.n, tc.inc, tc.length)
					gvCheckFrom(t, v, err, tc.want, []int{tc.n})
					if err != nil || v.Len() == 0 {
						return
					}
					if v.ItemFormat().String() != mk.f {
						t.Fatalf("format %q; want %q", v.ItemFormat(), mk.f)
					}
					gvSet(t, v, 3.0, tc.n-1)
					if gvVal(t, v, tc.n-1) != 3 {
						t.Fatalf("Value(%d) = %v", tc.n-1, gvVal(t, v, tc.n-1))
					}
				})
			}
		})
	}
	t.Run("nil", func(t *testing.T) {
		_, err := gonumview.FromVecDense(nil)
		gvCheckErr(t, err, gonumview.ErrInvalid)
	})
	t.Run("one element with a huge Inc", func(t *testing.T) {
		for _, inc := range []int{1 << 60, 1 << 61, math.MaxInt} {
			data := []float64{4.5}
			v, err := gonumview.FromVec(blas64.Vector{N: 1, Inc: inc, Data: data})
			if err != nil {
				t.Fatalf("Inc %d: %v", inc, err)
			}
			if v.Len() != 1 || gvVal(t, v, 0) != 4.5 {
				t.Fatalf("Inc %d: shape %v, Value(0) = %v", inc, v.Shape(), gvVal(t, v, 0))
			}
			x, err := gonumview.VecDense(v)
			if err != nil {
				t.Fatalf("Inc %d: VecDense: %v", inc, err)
			}
			if x.Len() != 1 || x.AtVec(0) != 4.5 || &x.RawVector().Data[0] != &data[0] {
				t.Fatalf("Inc %d: VecDense of it reads %v", inc, x.AtVec(0))
			}
		}
	})
}

// TestFromZeroValues: gonum's zero values (Rows, Cols, Stride, N and Inc
// all 0, Data nil) are empty matrices and vectors, not invalid ones.
func TestFromZeroValues(t *testing.T) {
	cases := []struct {
		name  string
		from  func() (ndview.View, error)
		shape []int
	}{
		{"Dense", func() (ndview.View, error) { return gonumview.FromDense(&mat.Dense{}) }, []int{0, 0}},
		{"CDense", func() (ndview.View, error) { return gonumview.FromCDense(&mat.CDense{}) }, []int{0, 0}},
		{"VecDense", func() (ndview.View, error) { return gonumview.FromVecDense(&mat.VecDense{}) }, []int{0}},
		{"blas64.General", func() (ndview.View, error) { return gonumview.FromGeneral(blas64.General{}) }, []int{0, 0}},
		{"cblas128.General", func() (ndview.View, error) { return gonumview.FromCGeneral(cblas128.General{}) }, []int{0, 0}},
		{"blas32.General", func() (ndview.View, error) { return gonumview.FromGeneral32(blas32.General{}) }, []int{0, 0}},
		{"blas64.Vector", func() (ndview.View, error) { return gonumview.FromVec(blas64.Vector{}) }, []int{0}},
		{"blas32.Vector", func() (ndview.View, error) { return gonumview.FromVec32(blas32.Vector{}) }, []int{0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := tc.from()
			gvCheckFrom(t, v, err, nil, tc.shape)
			if v.Len() != 0 {
				t.Fatalf("Len = %d", v.Len())
			}
		})
	}
}

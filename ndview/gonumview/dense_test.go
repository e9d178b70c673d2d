package gonumview_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"testing"
	"unsafe"

	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/ndview/gonumview"
)

// Helpers shared by the test files of this package. Their names start
// with gv so as not to meet those of the other test files.

// gvNative and gvForeign are the byte-order prefixes of this machine's
// order and of the other one.
func gvNative() string {
	if format.NativeOrder() == format.LittleEndian {
		return "<"
	}
	return ">"
}

func gvForeign() string {
	if format.NativeOrder() == format.LittleEndian {
		return ">"
	}
	return "<"
}

// gvSentinels are the package's sentinels, for checking that an error
// names exactly one rule.
var gvSentinels = []struct {
	name string
	err  error
}{
	{"ErrStride", gonumview.ErrStride},
	{"ErrInvalid", gonumview.ErrInvalid},
	{"ErrType", gonumview.ErrType},
	{"ErrByteOrder", gonumview.ErrByteOrder},
	{"ErrAlign", gonumview.ErrAlign},
	{"ErrShape", gonumview.ErrShape},
	{"ErrReadOnly", gonumview.ErrReadOnly},
}

// gvCheckErr fails unless err matches want (nil: no error) and no other
// sentinel of the package.
func gvCheckErr(t testing.TB, err, want error) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("no error; want one matching %v", want)
	}
	if !errors.Is(err, want) {
		t.Fatalf("error %q does not match %v", err, want)
	}
	for _, s := range gvSentinels {
		if s.err != want && errors.Is(err, s.err) {
			t.Fatalf("error %q matches %s as well as %v", err, s.name, want)
		}
	}
}

// gvAligned returns n bytes whose first byte is 8-byte aligned.
func gvAligned(n int) []byte {
	return cast.BytesOf(make([]uint64, (n+7)/8))[:n]
}

func gvMake(t testing.TB, f string, shape ...int) ndview.View {
	t.Helper()
	v, err := ndview.Make(f, shape...)
	if err != nil {
		t.Fatalf("Make(%q, %v): %v", f, shape, err)
	}
	return v
}

func gvIdx(t testing.TB, v ndview.View, s string) ndview.View {
	t.Helper()
	w, err := v.IndexString(s)
	if err != nil {
		t.Fatalf("IndexString(%q) of %v: %v", s, v.Shape(), err)
	}
	return w
}

func gvFlip(t testing.TB, v ndview.View, axis int) ndview.View {
	t.Helper()
	w, err := v.Flip(axis)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func gvBroadcast(t testing.TB, v ndview.View, shape ...int) ndview.View {
	t.Helper()
	w, err := v.BroadcastTo(shape...)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// gvStrided is FromStrides over buf with a format string.
func gvStrided(t testing.TB, buf []byte, f string, shape, strides []int, off int) ndview.View {
	t.Helper()
	ff, err := format.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ndview.FromStrides(buf, ff, shape, strides, off)
	if err != nil {
		t.Fatalf("FromStrides(%q, %v, %v, %d) over %d bytes: %v", f, shape, strides, off, len(buf), err)
	}
	return v
}

// gvF64 converts what View.Value returns for a real number to a float64.
func gvF64(t testing.TB, x any) float64 {
	t.Helper()
	switch x := x.(type) {
	case int64:
		return float64(x)
	case uint64:
		return float64(x)
	case float64:
		return x
	case bool:
		if x {
			return 1
		}
		return 0
	case complex128:
		if imag(x) != 0 {
			t.Fatalf("complex value %v has an imaginary part", x)
		}
		return real(x)
	}
	t.Fatalf("value %v of type %T is not a number", x, x)
	return 0
}

// gvVal returns v's element at idx as a float64.
func gvVal(t testing.TB, v ndview.View, idx ...int) float64 {
	t.Helper()
	x, err := v.Value(idx...)
	if err != nil {
		t.Fatalf("Value(%v): %v", idx, err)
	}
	return gvF64(t, x)
}

// gvSet sets v's element at idx.
func gvSet(t testing.TB, v ndview.View, x any, idx ...int) {
	t.Helper()
	if err := v.SetValue(x, idx...); err != nil {
		t.Fatalf("SetValue(%v, %v): %v", x, idx, err)
	}
}

// gvSetNum sets v's element at idx to x, as a value of the Go type its
// format packs (x must fit).
func gvSetNum(t testing.TB, v ndview.View, x float64, idx ...int) {
	t.Helper()
	k, _, _ := v.ItemFormat().ScalarKind()
	switch {
	case k == format.Bool:
		gvSet(t, v, x != 0, idx...)
	case k.IsInteger() && k.IsSigned():
		gvSet(t, v, int64(x), idx...)
	case k.IsInteger():
		gvSet(t, v, uint64(x), idx...)
	default:
		gvSet(t, v, x, idx...)
	}
}

// gvSame is == for float64, with NaN equal to NaN.
func gvSame(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b))
}

// gvRows returns m's elements through At.
func gvRows(m mat.Matrix) [][]float64 {
	r, c := m.Dims()
	out := make([][]float64, r)
	for i := range r {
		out[i] = make([]float64, c)
		for j := range c {
			out[i][j] = m.At(i, j)
		}
	}
	return out
}

// gvViewRows returns a 2-D view's elements as float64s.
func gvViewRows(t testing.TB, v ndview.View) [][]float64 {
	t.Helper()
	out := make([][]float64, v.Dim(0))
	for i := range out {
		out[i] = make([]float64, v.Dim(1))
		for j := range out[i] {
			out[i][j] = gvVal(t, v, i, j)
		}
	}
	return out
}

// gvPanic returns what f panics with (nil if it returns).
func gvPanic(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

// gvAddr is the address of b[i].
func gvAddr(b []byte, i int) uintptr { return uintptr(unsafe.Pointer(&b[i])) }

// gvFirst is the address of v's first element.
func gvFirst(v ndview.View) uintptr { return gvAddr(v.Buffer(), v.Offset()) }

// gvInside reports whether p lies in b's memory.
func gvInside(p uintptr, b []byte) bool {
	if len(b) == 0 {
		return false
	}
	lo := gvAddr(b, 0)
	return p >= lo && p < lo+uintptr(len(b))
}

// gvElemBytes marks the buffer bytes v's elements occupy.
func gvElemBytes(v ndview.View) []bool {
	mark := make([]bool, len(v.Buffer()))
	idx := make([]int, v.NDim())
	var walk func(d, off int)
	walk = func(d, off int) {
		if d == len(idx) {
			for k := range v.ItemSize() {
				mark[off+k] = true
			}
			return
		}
		for i := range v.Dim(d) {
			walk(d+1, off+i*v.Stride(d))
		}
	}
	if v.Len() > 0 {
		walk(0, v.Offset())
	}
	return mark
}

// gvOnlyElements fails if a byte of v's buffer outside its elements
// differs from before.
func gvOnlyElements(t testing.TB, before []byte, v ndview.View) {
	t.Helper()
	mark := gvElemBytes(v)
	for i, b := range v.Buffer() {
		if b != before[i] && !mark[i] {
			t.Fatalf("byte %d, outside the view's elements, changed from %#x to %#x", i, before[i], b)
		}
	}
}

// gvNoise fills b with a fixed non-zero pattern, so that writes show.
func gvNoise(b []byte) {
	for i := range b {
		b[i] = byte(i*7 + 3)
	}
}

// gvDenseCases are writable float64 views that Dense takes, with the row
// stride (in elements) the *mat.Dense must have.
func gvDenseCases() []struct {
	name   string
	view   func(t *testing.T) ndview.View
	stride int
} {
	return []struct {
		name   string
		view   func(t *testing.T) ndview.View
		stride int
	}{
		{"contiguous 3x4", func(t *testing.T) ndview.View { return gvMake(t, "d", 3, 4) }, 4},
		{"native prefix", func(t *testing.T) ndview.View { return gvMake(t, gvNative()+"d", 2, 3) }, 3},
		{"= prefix", func(t *testing.T) ndview.View { return gvMake(t, "=d", 3, 2) }, 2},
		{"@ prefix", func(t *testing.T) ndview.View { return gvMake(t, "@d", 2, 2) }, 2},
		{"1x1", func(t *testing.T) ndview.View { return gvMake(t, "d", 1, 1) }, 1},
		{"rows ::3, cols 2:7", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "d", 10, 9), "::3, 2:7") }, 27},
		{"sub-block 1:4, 2:5", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "d", 5, 6), "1:4, 2:5") }, 6},
		{"one column of every other row", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "d", 6, 5), "::2, 1:2") }, 10},
		{"one column, zero column stride", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(48), "d", []int{3, 1}, []int{16, 0}, 8)
		}, 2},
		{"one column, backwards column stride", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(48), "d", []int{2, 1}, []int{24, -8}, 8)
		}, 3},
		{"one row flipped", func(t *testing.T) ndview.View { return gvFlip(t, gvMake(t, "d", 1, 4), 0) }, 4},
		{"one row, zero row stride", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(24), "d", []int{1, 3}, []int{0, 8}, 0)
		}, 3},
		{"one row, odd row stride", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(40), "d", []int{1, 3}, []int{13, 8}, 8)
		}, 3},
		{"offset 8 of an aligned buffer", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(64), "d", []int{2, 3}, []int{24, 8}, 8)
		}, 3},
		{"row stride 5 elements for 2 columns", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(120), "d", []int{3, 2}, []int{40, 8}, 0)
		}, 5},
		{"transposed twice", func(t *testing.T) ndview.View { return gvMake(t, "d", 3, 4).T().T() }, 4},
		{"transpose of a Fortran view", func(t *testing.T) ndview.View {
			v, err := ndview.NewFortran(gvAligned(96), "d", 4, 3)
			if err != nil {
				t.Fatal(err)
			}
			return v.T()
		}, 4},
		{"over gonum memory", func(t *testing.T) ndview.View {
			v, err := gonumview.FromDense(mat.NewDense(3, 4, nil).Slice(1, 3, 1, 3).(*mat.Dense))
			if err != nil {
				t.Fatal(err)
			}
			return v
		}, 4},
	}
}

func TestDenseSharesMemory(t *testing.T) {
	for _, tc := range gvDenseCases() {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.view(t)
			gvNoise(v.Buffer())
			d, err := gonumview.Dense(v)
			if err != nil {
				t.Fatal(err)
			}
			r, c := d.Dims()
			if r != v.Dim(0) || c != v.Dim(1) {
				t.Fatalf("Dims = %d, %d; view shape %v", r, c, v.Shape())
			}
			raw := d.RawMatrix()
			if raw.Rows != r || raw.Cols != c || raw.Stride != tc.stride {
				t.Fatalf("RawMatrix is %dx%d with Stride %d; want %dx%d with Stride %d", raw.Rows, raw.Cols, raw.Stride, r, c, tc.stride)
			}
			if len(raw.Data) < (r-1)*raw.Stride+c {
				t.Fatalf("len(Data) = %d; a %dx%d matrix with Stride %d needs %d", len(raw.Data), r, c, raw.Stride, (r-1)*raw.Stride+c)
			}
			if p := uintptr(unsafe.Pointer(&raw.Data[0])); p != gvFirst(v) {
				t.Fatalf("Data starts at %#x; the view's first element is at %#x", p, gvFirst(v))
			}
			for i := range r {
				for j := range c {
					if got, want := d.At(i, j), gvVal(t, v, i, j); !gvSame(got, want) {
						t.Fatalf("At(%d, %d) = %v; view holds %v", i, j, got, want)
					}
				}
			}
			// gonum writes, the view reads.
			before := bytes.Clone(v.Buffer())
			for i := range r {
				for j := range c {
					x := float64(100*i+j) + 0.5
					d.Set(i, j, x)
					if got := gvVal(t, v, i, j); got != x {
						t.Fatalf("after Set(%d, %d, %v) the view holds %v", i, j, x, got)
					}
				}
			}
			gvOnlyElements(t, before, v)
			// The view writes, gonum reads.
			for i := range r {
				for j := range c {
					y := -float64(i*c+j) - 0.25
					gvSet(t, v, y, i, j)
					if got := d.At(i, j); got != y {
						t.Fatalf("after SetValue(%v, %d, %d) At = %v", y, i, j, got)
					}
				}
			}
		})
	}
}

func TestCDenseSharesMemory(t *testing.T) {
	cases := []struct {
		name   string
		view   func(t *testing.T) ndview.View
		stride int
	}{
		{"contiguous 2x3", func(t *testing.T) ndview.View { return gvMake(t, "Zd", 2, 3) }, 3},
		{"native prefix", func(t *testing.T) ndview.View { return gvMake(t, gvNative()+"Zd", 3, 2) }, 2},
		{"rows ::2, cols 1:3", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "Zd", 5, 4), "::2, 1:3") }, 8},
		{"offset 8 of an aligned buffer", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(80), "Zd", []int{2, 2}, []int{32, 16}, 8)
		}, 2},
		{"one column", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "Zd", 3, 3), ":, 2:3") }, 3},
		{"one row flipped", func(t *testing.T) ndview.View { return gvFlip(t, gvMake(t, "Zd", 1, 3), 0) }, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.view(t)
			gvNoise(v.Buffer())
			m, err := gonumview.CDense(v)
			if err != nil {
				t.Fatal(err)
			}
			r, c := m.Dims()
			if r != v.Dim(0) || c != v.Dim(1) {
				t.Fatalf("Dims = %d, %d; view shape %v", r, c, v.Shape())
			}
			raw := m.RawCMatrix()
			if raw.Stride != tc.stride {
				t.Fatalf("Stride = %d; want %d", raw.Stride, tc.stride)
			}
			if p := uintptr(unsafe.Pointer(&raw.Data[0])); p != gvFirst(v) {
				t.Fatalf("Data starts at %#x; the view's first element is at %#x", p, gvFirst(v))
			}
			before := bytes.Clone(v.Buffer())
			for i := range r {
				for j := range c {
					x := complex(float64(i)+0.5, float64(j)-2)
					m.Set(i, j, x)
					got, err := v.Value(i, j)
					if err != nil || got != x {
						t.Fatalf("after Set(%d, %d, %v) the view holds %v (%v)", i, j, x, got, err)
					}
				}
			}
			gvOnlyElements(t, before, v)
			for i := range r {
				for j := range c {
					y := complex(-float64(j), float64(i*c+j)+0.75)
					gvSet(t, v, y, i, j)
					if got := m.At(i, j); got != y {
						t.Fatalf("after SetValue(%v, %d, %d) At = %v", y, i, j, got)
					}
				}
			}
		})
	}
}

func TestGeneral32SharesMemory(t *testing.T) {
	cases := []struct {
		name   string
		view   func(t *testing.T) ndview.View
		stride int
	}{
		{"contiguous 3x4", func(t *testing.T) ndview.View { return gvMake(t, "f", 3, 4) }, 4},
		{"native prefix", func(t *testing.T) ndview.View { return gvMake(t, gvNative()+"f", 2, 5) }, 5},
		{"rows ::2, cols 1:4", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "f", 5, 6), "::2, 1:4") }, 12},
		{"offset 4 of an aligned buffer", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(24), "f", []int{2, 2}, []int{8, 4}, 4)
		}, 2},
		{"offset 12 of an aligned buffer", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(40), "f", []int{3, 2}, []int{8, 4}, 12)
		}, 2},
		{"row stride 5 elements for 2 columns", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(60), "f", []int{3, 2}, []int{20, 4}, 0)
		}, 5},
		{"one row flipped", func(t *testing.T) ndview.View { return gvFlip(t, gvMake(t, "f", 1, 3), 0) }, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.view(t)
			gvNoise(v.Buffer())
			g, err := gonumview.General32(v)
			if err != nil {
				t.Fatal(err)
			}
			r, c := v.Dim(0), v.Dim(1)
			if g.Rows != r || g.Cols != c || g.Stride != tc.stride {
				t.Fatalf("General32 is %dx%d with Stride %d; want %dx%d with Stride %d", g.Rows, g.Cols, g.Stride, r, c, tc.stride)
			}
			if len(g.Data) < (r-1)*g.Stride+c {
				t.Fatalf("len(Data) = %d; need %d", len(g.Data), (r-1)*g.Stride+c)
			}
			if p := uintptr(unsafe.Pointer(&g.Data[0])); p != gvFirst(v) {
				t.Fatalf("Data starts at %#x; the view's first element is at %#x", p, gvFirst(v))
			}
			before := bytes.Clone(v.Buffer())
			for i := range r {
				for j := range c {
					x := float32(10*i+j) + 0.5
					g.Data[i*g.Stride+j] = x
					if got := gvVal(t, v, i, j); got != float64(x) {
						t.Fatalf("after Data[%d] = %v the view holds %v at (%d, %d)", i*g.Stride+j, x, got, i, j)
					}
				}
			}
			gvOnlyElements(t, before, v)
			for i := range r {
				for j := range c {
					y := -float32(i*c+j) - 0.25
					gvSet(t, v, float64(y), i, j)
					if got := g.Data[i*g.Stride+j]; got != y {
						t.Fatalf("after SetValue(%v, %d, %d) Data holds %v", y, i, j, got)
					}
				}
			}
		})
	}
}

func TestVecDenseSharesMemory(t *testing.T) {
	cases := []struct {
		name string
		view func(t *testing.T) ndview.View
		inc  int
	}{
		{"contiguous", func(t *testing.T) ndview.View { return gvMake(t, "d", 5) }, 1},
		{"native prefix", func(t *testing.T) ndview.View { return gvMake(t, gvNative()+"d", 4) }, 1},
		{"every third", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "d", 10), "::3") }, 3},
		{"a column of a matrix", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "d", 4, 3), ":, 1") }, 3},
		{"one element, negative stride", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "d", 5), "3:2:-1") }, 1},
		{"one element, zero stride", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(16), "d", []int{1}, []int{0}, 8)
		}, 1},
		{"offset 8 of an aligned buffer", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(64), "d", []int{3}, []int{16}, 8)
		}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.view(t)
			gvNoise(v.Buffer())
			x, err := gonumview.VecDense(v)
			if err != nil {
				t.Fatal(err)
			}
			n := v.Dim(0)
			raw := x.RawVector()
			if x.Len() != n || raw.N != n || raw.Inc != tc.inc {
				t.Fatalf("VecDense has Len %d, N %d, Inc %d; want %d, %d, %d", x.Len(), raw.N, raw.Inc, n, n, tc.inc)
			}
			if p := uintptr(unsafe.Pointer(&raw.Data[0])); p != gvFirst(v) {
				t.Fatalf("Data starts at %#x; the view's first element is at %#x", p, gvFirst(v))
			}
			before := bytes.Clone(v.Buffer())
			for i := range n {
				y := float64(i) + 0.5
				x.SetVec(i, y)
				if got := gvVal(t, v, i); got != y {
					t.Fatalf("after SetVec(%d, %v) the view holds %v", i, y, got)
				}
			}
			gvOnlyElements(t, before, v)
			for i := range n {
				y := -float64(i) - 0.25
				gvSet(t, v, y, i)
				if got := x.AtVec(i); got != y {
					t.Fatalf("after SetValue(%v, %d) AtVec = %v", y, i, got)
				}
			}
		})
	}
}

func TestVec32SharesMemory(t *testing.T) {
	cases := []struct {
		name string
		view func(t *testing.T) ndview.View
		inc  int
	}{
		{"contiguous", func(t *testing.T) ndview.View { return gvMake(t, "f", 5) }, 1},
		{"every other", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "f", 9), "1::2") }, 2},
		{"a column of a matrix", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "f", 3, 5), ":, 4") }, 5},
		{"offset 4 of an aligned buffer", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(32), "f", []int{3}, []int{8}, 4)
		}, 2},
		{"one element, negative stride", func(t *testing.T) ndview.View { return gvFlip(t, gvMake(t, "f", 1), 0) }, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.view(t)
			gvNoise(v.Buffer())
			x, err := gonumview.Vec32(v)
			if err != nil {
				t.Fatal(err)
			}
			n := v.Dim(0)
			if x.N != n || x.Inc != tc.inc {
				t.Fatalf("Vec32 has N %d, Inc %d; want %d, %d", x.N, x.Inc, n, tc.inc)
			}
			if p := uintptr(unsafe.Pointer(&x.Data[0])); p != gvFirst(v) {
				t.Fatalf("Data starts at %#x; the view's first element is at %#x", p, gvFirst(v))
			}
			before := bytes.Clone(v.Buffer())
			for i := range n {
				y := float32(i) + 0.5
				x.Data[i*x.Inc] = y
				if got := gvVal(t, v, i); got != float64(y) {
					t.Fatalf("after Data[%d] = %v the view holds %v", i*x.Inc, y, got)
				}
			}
			gvOnlyElements(t, before, v)
			for i := range n {
				y := -float32(i) - 0.25
				gvSet(t, v, float64(y), i)
				if got := x.Data[i*x.Inc]; got != y {
					t.Fatalf("after SetValue(%v, %d) Data holds %v", y, i, got)
				}
			}
		})
	}
}

// gvAdapter calls one of the zero-copy constructors and reports its error,
// checking that a refusal returns the zero result.
type gvAdapter struct {
	name   string
	format string // the format it takes
	size   int    // its item size
	align  int    // the alignment it needs
	twoD   bool
	call   func(ndview.View) (ok bool, err error) // ok: a non-zero result
}

var gvAdapters = []gvAdapter{
	{"Dense", "d", 8, 8, true, func(v ndview.View) (bool, error) { m, err := gonumview.Dense(v); return m != nil, err }},
	{"CDense", "Zd", 16, 8, true, func(v ndview.View) (bool, error) { m, err := gonumview.CDense(v); return m != nil, err }},
	{"General32", "f", 4, 4, true, func(v ndview.View) (bool, error) {
		g, err := gonumview.General32(v)
		return g.Data != nil || g.Rows != 0 || g.Cols != 0 || g.Stride != 0, err
	}},
	{"VecDense", "d", 8, 8, false, func(v ndview.View) (bool, error) { x, err := gonumview.VecDense(v); return x != nil, err }},
	{"Vec32", "f", 4, 4, false, func(v ndview.View) (bool, error) {
		x, err := gonumview.Vec32(v)
		return x.Data != nil || x.N != 0 || x.Inc != 0, err
	}},
}

type gvRefusal struct {
	name string
	view func(t *testing.T) ndview.View
	want error
}

// gvRefusals lists views that a breaks, with the rule each breaks, and
// views next to them that it takes.
func gvRefusals(a gvAdapter) []gvRefusal {
	f, s := a.format, a.size
	var wrong []string
	switch a.format {
	case "d":
		wrong = []string{"f", "e", "i", "q", "Q", "?", "B", "Zd", "Zf", "2d", "T{d:x:}", "T{d:x:i:y:}", "8s"}
	case "f":
		wrong = []string{"d", "e", "i", "I", "?", "Zf", "2f", "T{f:x:}", "4s"}
	case "Zd":
		wrong = []string{"Zf", "d", "2d", "T{d:re:d:im:}", "16s"}
	}
	var cs []gvRefusal
	add := func(name string, want error, view func(t *testing.T) ndview.View) {
		cs = append(cs, gvRefusal{name, view, want})
	}
	if a.twoD {
		add("writable C-contiguous", nil, func(t *testing.T) ndview.View { return gvMake(t, f, 2, 3) })
		add("read-only", gonumview.ErrReadOnly, func(t *testing.T) ndview.View { return gvMake(t, f, 2, 3).AsReadOnly() })
		add("broadcast", gonumview.ErrReadOnly, func(t *testing.T) ndview.View { return gvBroadcast(t, gvMake(t, f, 3), 2, 3) })
		add("1-D", gonumview.ErrShape, func(t *testing.T) ndview.View { return gvMake(t, f, 3) })
		add("3-D", gonumview.ErrShape, func(t *testing.T) ndview.View { return gvMake(t, f, 2, 2, 2) })
		add("0-D", gonumview.ErrShape, func(t *testing.T) ndview.View { return gvMake(t, f) })
		add("zero View", gonumview.ErrShape, func(t *testing.T) ndview.View { return ndview.View{} })
		add("no rows", gonumview.ErrShape, func(t *testing.T) ndview.View { return gvMake(t, f, 0, 3) })
		add("no columns", gonumview.ErrShape, func(t *testing.T) ndview.View { return gvMake(t, f, 3, 0) })
		for _, w := range wrong {
			add("format "+w, gonumview.ErrType, func(t *testing.T) ndview.View { return gvMake(t, w, 2, 3) })
		}
		add("foreign byte order", gonumview.ErrByteOrder, func(t *testing.T) ndview.View { return gvMake(t, gvForeign()+f, 2, 3) })
		if format.NativeOrder() == format.LittleEndian {
			add("network byte order", gonumview.ErrByteOrder, func(t *testing.T) ndview.View { return gvMake(t, "!"+f, 2, 3) })
		}
		add("transposed", gonumview.ErrStride, func(t *testing.T) ndview.View { return gvMake(t, f, 3, 4).T() })
		add("Fortran order", gonumview.ErrStride, func(t *testing.T) ndview.View {
			v, err := ndview.NewFortran(gvAligned(12*s), f, 3, 4)
			if err != nil {
				t.Fatal(err)
			}
			return v
		})
		add("every other column", gonumview.ErrStride, func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, f, 3, 4), ":, ::2") })
		add("columns reversed", gonumview.ErrStride, func(t *testing.T) ndview.View { return gvFlip(t, gvMake(t, f, 3, 4), 1) })
		add("rows reversed", gonumview.ErrStride, func(t *testing.T) ndview.View { return gvFlip(t, gvMake(t, f, 3, 4), 0) })
		add("rows ::-2", gonumview.ErrStride, func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, f, 5, 2), "::-2") })
		add("column stride twice the item, one row", gonumview.ErrStride, func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(6*s), f, []int{1, 3}, []int{0, 2 * s}, 0)
		})
		add("row stride 1.5 items", gonumview.ErrStride, func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(4*s), f, []int{2, 1}, []int{s + s/2, s}, 0)
		})
		add("row stride 1.5 items, two columns", gonumview.ErrStride, func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(8*s), f, []int{2, 2}, []int{2*s + s/2, s}, 0)
		})
		add("overlapping rows", gonumview.ErrStride, func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(5*s), f, []int{3, 3}, []int{s, s}, 0)
		})
		add("row stride shorter than a row", gonumview.ErrStride, func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(4*s), f, []int{2, 3}, []int{s, s}, 0)
		})
		add("zero row stride", gonumview.ErrStride, func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(2*s), f, []int{3, 2}, []int{0, s}, 0)
		})
		add("row stride of exactly a row", nil, func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(6*s), f, []int{2, 3}, []int{3 * s, s}, 0)
		})
		for off := 1; off < 16; off++ {
			var want error
			if off%a.align != 0 {
				want = gonumview.ErrAlign
			}
			add(fmt.Sprintf("offset %d", off), want, func(t *testing.T) ndview.View {
				return gvStrided(t, gvAligned(16+4*s), f, []int{2, 2}, []int{2 * s, s}, off)
			})
		}
	} else {
		add("writable contiguous", nil, func(t *testing.T) ndview.View { return gvMake(t, f, 3) })
		add("read-only", gonumview.ErrReadOnly, func(t *testing.T) ndview.View { return gvMake(t, f, 3).AsReadOnly() })
		add("broadcast", gonumview.ErrReadOnly, func(t *testing.T) ndview.View { return gvBroadcast(t, gvMake(t, f, 1), 4) })
		add("2-D", gonumview.ErrShape, func(t *testing.T) ndview.View { return gvMake(t, f, 2, 2) })
		add("0-D", gonumview.ErrShape, func(t *testing.T) ndview.View { return gvMake(t, f) })
		add("zero View", gonumview.ErrShape, func(t *testing.T) ndview.View { return ndview.View{} })
		add("empty", gonumview.ErrShape, func(t *testing.T) ndview.View { return gvMake(t, f, 0) })
		for _, w := range wrong {
			add("format "+w, gonumview.ErrType, func(t *testing.T) ndview.View { return gvMake(t, w, 3) })
		}
		add("foreign byte order", gonumview.ErrByteOrder, func(t *testing.T) ndview.View { return gvMake(t, gvForeign()+f, 3) })
		add("reversed", gonumview.ErrStride, func(t *testing.T) ndview.View { return gvFlip(t, gvMake(t, f, 4), 0) })
		add("::-2", gonumview.ErrStride, func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, f, 5), "::-2") })
		add("zero stride", gonumview.ErrStride, func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(s), f, []int{3}, []int{0}, 0)
		})
		add("stride 1.5 items", gonumview.ErrStride, func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(3*s), f, []int{2}, []int{s + s/2}, 0)
		})
		add("stride half an item", gonumview.ErrStride, func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(3*s), f, []int{3}, []int{s / 2}, 0)
		})
		add("row of a transposed matrix", gonumview.ErrStride, func(t *testing.T) ndview.View {
			return gvIdx(t, gvFlip(t, gvMake(t, f, 3, 3), 1), "1")
		})
		for off := 1; off < 16; off++ {
			var want error
			if off%a.align != 0 {
				want = gonumview.ErrAlign
			}
			add(fmt.Sprintf("offset %d", off), want, func(t *testing.T) ndview.View {
				return gvStrided(t, gvAligned(16+3*s), f, []int{3}, []int{s}, off)
			})
		}
	}
	return cs
}

func TestZeroCopyRefusals(t *testing.T) {
	for _, a := range gvAdapters {
		t.Run(a.name, func(t *testing.T) {
			for _, tc := range gvRefusals(a) {
				t.Run(tc.name, func(t *testing.T) {
					v := tc.view(t)
					ok, err := a.call(v)
					gvCheckErr(t, err, tc.want)
					if tc.want != nil && ok {
						t.Errorf("%s returned a non-zero result with its error", a.name)
					}
					if tc.want == nil && !ok {
						t.Errorf("%s returned a zero result without an error", a.name)
					}
				})
			}
		})
	}
}

func TestCopyDense(t *testing.T) {
	src := mat.NewDense(3, 4, []float64{
		0, 1, 2, 3,
		4, 5, 6, 7,
		8, 9, 10, 11,
	})
	var formats []string
	for _, c := range []string{"b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "f", "d", "Zf", "Zd"} {
		formats = append(formats, c, gvNative()+c, gvForeign()+c)
	}
	formats = append(formats, "n", "N", "@n", "?")
	layouts := []struct {
		name string
		make func(t *testing.T, f string) ndview.View // a writable 3x4 view
		ro   bool                                     // read-only afterwards
	}{
		{"contiguous", func(t *testing.T, f string) ndview.View { return gvMake(t, f, 3, 4) }, false},
		{"transposed", func(t *testing.T, f string) ndview.View { return gvMake(t, f, 4, 3).T() }, false},
		{"flipped", func(t *testing.T, f string) ndview.View { return gvFlip(t, gvFlip(t, gvMake(t, f, 3, 4), 0), 1) }, false},
		{"step-sliced", func(t *testing.T, f string) ndview.View { return gvIdx(t, gvMake(t, f, 7, 9), "::-3, 1::2") }, false},
		{"misaligned", func(t *testing.T, f string) ndview.View {
			s := format.MustParse(f).Size()
			return gvStrided(t, gvAligned(12*s+3), f, []int{3, 4}, []int{4 * s, s}, 3)
		}, false},
		{"read-only", func(t *testing.T, f string) ndview.View { return gvMake(t, f, 3, 4) }, true},
	}
	for _, f := range formats {
		for _, l := range layouts {
			t.Run(f+"/"+l.name, func(t *testing.T) {
				v := l.make(t, f)
				if f == "?" {
					if err := v.Fill(true); err != nil {
						t.Fatal(err)
					}
					gvSet(t, v, false, 0, 0)
					gvSet(t, v, false, 2, 1)
				} else if err := cast.Convert(v, must(gonumview.FromDense(src))); err != nil {
					t.Fatal(err)
				}
				if l.ro {
					v = v.AsReadOnly()
				}
				want := gvViewRows(t, v)
				if f != "?" && (want[2][3] != 11 || want[1][2] != 6) {
					t.Fatalf("the view was not filled: %v", want)
				}
				m, err := gonumview.CopyDense(v)
				if err != nil {
					t.Fatal(err)
				}
				if got := gvRows(m); !gvEqualRows(got, want) {
					t.Fatalf("CopyDense = %v; want %v", got, want)
				}
				raw := m.RawMatrix()
				if gvInside(uintptr(unsafe.Pointer(&raw.Data[0])), v.Buffer()) {
					t.Fatal("the copy lies in the view's buffer")
				}
				m.Set(1, 1, 42)
				if got := gvVal(t, v, 1, 1); got != want[1][1] {
					t.Fatalf("a write to the copy changed the view: %v", got)
				}
			})
		}
	}

	t.Run("broadcast", func(t *testing.T) {
		row := gvMake(t, ">h", 4)
		for j := range 4 {
			gvSet(t, row, int64(j*j-3), j)
		}
		v := gvBroadcast(t, row, 3, 4)
		m, err := gonumview.CopyDense(v)
		if err != nil {
			t.Fatal(err)
		}
		want := [][]float64{{-3, -2, 1, 6}, {-3, -2, 1, 6}, {-3, -2, 1, 6}}
		if got := gvRows(m); !gvEqualRows(got, want) {
			t.Fatalf("CopyDense = %v; want %v", got, want)
		}
		m.Set(0, 0, 7) // only the copy changes
		if got := gvVal(t, row, 0); got != -3 || m.At(1, 0) != -3 {
			t.Fatalf("a write to the copy reached the view (%v) or another row (%v)", got, m.At(1, 0))
		}
	})

	t.Run("a write to the view leaves the copy", func(t *testing.T) {
		v := gvMake(t, "d", 2, 2)
		m, err := gonumview.CopyDense(v)
		if err != nil {
			t.Fatal(err)
		}
		gvSet(t, v, 5.0, 1, 0)
		if m.At(1, 0) != 0 {
			t.Fatalf("the copy holds %v", m.At(1, 0))
		}
	})

	t.Run("large integers round as float64 does", func(t *testing.T) {
		v := gvMake(t, "Q", 1, 2)
		gvSet(t, v, uint64(1<<63+1), 0, 0)
		gvSet(t, v, uint64(math.MaxUint64), 0, 1)
		m, err := gonumview.CopyDense(v)
		if err != nil {
			t.Fatal(err)
		}
		if m.At(0, 0) != float64(uint64(1<<63+1)) || m.At(0, 1) != float64(uint64(math.MaxUint64)) {
			t.Fatalf("CopyDense = %v", gvRows(m))
		}
	})

	errCases := []struct {
		name string
		view func(t *testing.T) ndview.View
		want error
	}{
		{"complex with an imaginary part", func(t *testing.T) ndview.View {
			v := gvMake(t, "Zd", 2, 2)
			gvSet(t, v, complex(1, 0), 0, 0)
			gvSet(t, v, complex(1, 1e-300), 1, 1)
			return v
		}, cast.ErrRange},
		{"Zf with an imaginary part", func(t *testing.T) ndview.View {
			v := gvMake(t, ">Zf", 2, 2)
			gvSet(t, v, complex(0, -1), 0, 1)
			return v
		}, cast.ErrRange},
		{"1-D", func(t *testing.T) ndview.View { return gvMake(t, "d", 4) }, gonumview.ErrShape},
		{"3-D", func(t *testing.T) ndview.View { return gvMake(t, "d", 1, 2, 2) }, gonumview.ErrShape},
		{"0-D", func(t *testing.T) ndview.View { return gvMake(t, "d") }, gonumview.ErrShape},
		{"zero View", func(t *testing.T) ndview.View { return ndview.View{} }, gonumview.ErrShape},
		{"no rows", func(t *testing.T) ndview.View { return gvMake(t, "d", 0, 4) }, gonumview.ErrShape},
		{"no columns", func(t *testing.T) ndview.View { return gvMake(t, "i", 4, 0) }, gonumview.ErrShape},
		{"bytes", func(t *testing.T) ndview.View { return gvMake(t, "8s", 2, 2) }, gonumview.ErrType},
		{"record", func(t *testing.T) ndview.View { return gvMake(t, "T{d:x:i:y:}", 2, 2) }, gonumview.ErrType},
		{"two values", func(t *testing.T) ndview.View { return gvMake(t, "2d", 2, 2) }, gonumview.ErrType},
	}
	for _, tc := range errCases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := gonumview.CopyDense(tc.view(t))
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v; want %v", err, tc.want)
			}
			if m != nil {
				t.Fatal("a matrix came with the error")
			}
		})
	}
}

func TestCopyVecDense(t *testing.T) {
	var formats []string
	for _, c := range []string{"b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "f", "d", "Zf", "Zd"} {
		formats = append(formats, c, gvForeign()+c)
	}
	layouts := []struct {
		name string
		make func(t *testing.T, f string) ndview.View // a writable view of 5
	}{
		{"contiguous", func(t *testing.T, f string) ndview.View { return gvMake(t, f, 5) }},
		{"reversed", func(t *testing.T, f string) ndview.View { return gvFlip(t, gvMake(t, f, 5), 0) }},
		{"every third", func(t *testing.T, f string) ndview.View { return gvIdx(t, gvMake(t, f, 15), "1::3") }},
		{"column of a Fortran view", func(t *testing.T, f string) ndview.View {
			s := format.MustParse(f).Size()
			v, err := ndview.NewFortran(gvAligned(10*s), f, 5, 2)
			if err != nil {
				t.Fatal(err)
			}
			return gvIdx(t, v, ":, 1")
		}},
		{"misaligned", func(t *testing.T, f string) ndview.View {
			s := format.MustParse(f).Size()
			return gvStrided(t, gvAligned(5*s+5), f, []int{5}, []int{s}, 5)
		}},
	}
	src := mat.NewVecDense(5, []float64{3, -1, 4, 1, -5})
	for _, f := range formats {
		for _, l := range layouts {
			for _, ro := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/readonly=%v", f, l.name, ro), func(t *testing.T) {
					v := l.make(t, f)
					s := src
					if k, _, _ := v.ItemFormat().ScalarKind(); k.IsInteger() && !k.IsSigned() {
						s = mat.NewVecDense(5, []float64{3, 1, 4, 1, 5})
					}
					if err := cast.Convert(v, must(gonumview.FromVecDense(s))); err != nil {
						t.Fatal(err)
					}
					if ro {
						v = v.AsReadOnly()
					}
					x, err := gonumview.CopyVecDense(v)
					if err != nil {
						t.Fatal(err)
					}
					if x.Len() != 5 {
						t.Fatalf("Len = %d", x.Len())
					}
					for i := range 5 {
						if x.AtVec(i) != s.AtVec(i) || x.AtVec(i) != gvVal(t, v, i) {
							t.Fatalf("AtVec(%d) = %v; want %v", i, x.AtVec(i), s.AtVec(i))
						}
					}
					if gvInside(uintptr(unsafe.Pointer(&x.RawVector().Data[0])), v.Buffer()) {
						t.Fatal("the copy lies in the view's buffer")
					}
					x.SetVec(2, 99)
					if gvVal(t, v, 2) != 4 {
						t.Fatal("a write to the copy reached the view")
					}
				})
			}
		}
	}
	t.Run("bool", func(t *testing.T) {
		v := gvMake(t, "?", 3)
		v.Buffer()[1] = 7 // any non-zero byte is true
		x, err := gonumview.CopyVecDense(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := []float64{x.AtVec(0), x.AtVec(1), x.AtVec(2)}; got[0] != 0 || got[1] != 1 || got[2] != 0 {
			t.Fatalf("CopyVecDense = %v", got)
		}
	})
	t.Run("broadcast", func(t *testing.T) {
		one := gvMake(t, "b", 1)
		gvSet(t, one, int64(-7), 0)
		x, err := gonumview.CopyVecDense(gvBroadcast(t, one, 4))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 4 {
			if x.AtVec(i) != -7 {
				t.Fatalf("AtVec(%d) = %v", i, x.AtVec(i))
			}
		}
	})
	errCases := []struct {
		name string
		view func(t *testing.T) ndview.View
		want error
	}{
		{"complex with an imaginary part", func(t *testing.T) ndview.View {
			v := gvMake(t, "Zd", 3)
			gvSet(t, v, complex(2, 3), 2)
			return v
		}, cast.ErrRange},
		{"2-D", func(t *testing.T) ndview.View { return gvMake(t, "d", 4, 1) }, gonumview.ErrShape},
		{"0-D", func(t *testing.T) ndview.View { return gvMake(t, "d") }, gonumview.ErrShape},
		{"zero View", func(t *testing.T) ndview.View { return ndview.View{} }, gonumview.ErrShape},
		{"empty", func(t *testing.T) ndview.View { return gvMake(t, "d", 0) }, gonumview.ErrShape},
		{"bytes", func(t *testing.T) ndview.View { return gvMake(t, "3s", 2) }, gonumview.ErrType},
		{"record", func(t *testing.T) ndview.View { return gvMake(t, "T{d:x:i:y:}", 2) }, gonumview.ErrType},
	}
	for _, tc := range errCases {
		t.Run(tc.name, func(t *testing.T) {
			x, err := gonumview.CopyVecDense(tc.view(t))
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v; want %v", err, tc.want)
			}
			if x != nil {
				t.Fatal("a vector came with the error")
			}
		})
	}
}

// gvEqualRows compares two matrices' elements exactly, NaN equal to NaN.
func gvEqualRows(a, b [][]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if !gvSame(a[i][j], b[i][j]) {
				return false
			}
		}
	}
	return true
}

func TestAllocs(t *testing.T) {
	d := gvIdx(t, gvMake(t, "d", 40, 30), "::2, 3:20")
	z := gvMake(t, "Zd", 20, 20)
	f := gvIdx(t, gvMake(t, "f", 30, 30), "1::3, :")
	dv := gvIdx(t, gvMake(t, "d", 100), "::4")
	fv := gvMake(t, "f", 50)
	dense := mat.NewDense(10, 10, nil).Slice(2, 8, 1, 9).(*mat.Dense)
	cdense := mat.NewCDense(4, 5, nil)
	vec := mat.NewDense(6, 6, nil).ColView(2).(*mat.VecDense)
	g64 := dense.RawMatrix()
	g128 := cdense.RawCMatrix()
	g32 := blas32.General{Rows: 3, Cols: 4, Stride: 5, Data: make([]float32, 15)}
	v64 := blas64.Vector{N: 4, Inc: 3, Data: make([]float64, 10)}
	v32 := blas32.Vector{N: 4, Inc: 2, Data: make([]float32, 7)}
	mv, err := gonumview.NewMatrixView(gvMake(t, ">i", 5, 5))
	if err != nil {
		t.Fatal(err)
	}
	vv, err := gonumview.NewVectorView(gvMake(t, ">h", 5))
	if err != nil {
		t.Fatal(err)
	}
	var sink float64
	cases := []struct {
		name string
		want float64
		f    func() error
	}{
		{"Dense", 1, func() error { _, err := gonumview.Dense(d); return err }},
		{"CDense", 1, func() error { _, err := gonumview.CDense(z); return err }},
		{"VecDense", 1, func() error { _, err := gonumview.VecDense(dv); return err }},
		{"General32", 0, func() error { _, err := gonumview.General32(f); return err }},
		{"Vec32", 0, func() error { _, err := gonumview.Vec32(fv); return err }},
		{"FromDense", 0, func() error { _, err := gonumview.FromDense(dense); return err }},
		{"FromGeneral", 0, func() error { _, err := gonumview.FromGeneral(g64); return err }},
		{"FromCDense", 0, func() error { _, err := gonumview.FromCDense(cdense); return err }},
		{"FromCGeneral", 0, func() error { _, err := gonumview.FromCGeneral(g128); return err }},
		{"FromGeneral32", 0, func() error { _, err := gonumview.FromGeneral32(g32); return err }},
		{"FromVecDense", 0, func() error { _, err := gonumview.FromVecDense(vec); return err }},
		{"FromVec", 0, func() error { _, err := gonumview.FromVec(v64); return err }},
		{"FromVec32", 0, func() error { _, err := gonumview.FromVec32(v32); return err }},
		{"MatrixView.At", 0, func() error { sink += mv.At(3, 4); return nil }},
		{"VectorView.AtVec", 0, func() error { sink += vv.AtVec(4); return nil }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.f(); err != nil {
				t.Fatal(err)
			}
			if got := testing.AllocsPerRun(100, func() { _ = tc.f() }); got != tc.want {
				t.Fatalf("%v allocations; want %v", got, tc.want)
			}
		})
	}
	_ = sink
}

package fuzz

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"
	"testing"
	"unsafe"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/ndview/gonumview"
)

// gonumFormats: float64 in both orders (the zero-copy rules), the other
// sizes gonum's adapters read, and formats no adapter takes.
var gonumFormats = []string{"d", "d", "d", "<d", ">d", "f", ">f", "<e", "b", "B", "<h", ">H", "i", ">q", "Q", "?", "Zd", "3s", "T{d:a:}"}

// decodeGonumView decodes a 1-D or 2-D view over an 8-aligned buffer at
// any offset, read-only or not.
func decodeGonumView(s *src) (ndview.View, bool) {
	f := format.MustParse(gonumFormats[s.n(len(gonumFormats))])
	item := f.Size()
	nd := 1 + s.n(2)
	shape, strides := make([]int, nd), make([]int, nd)
	for i := range nd {
		shape[i] = s.n(7)
		strides[i] = s.stride(item)
		if s.n(3) == 0 { // often C-contiguous-like rows, so Dense succeeds
			strides[i] = item
			if i == 0 && nd == 2 {
				strides[0] = item * (shape[1] + s.n(3))
			}
		}
	}
	lo, hi, empty, ok := span(shape, strides, item)
	if !ok || lo < -maxBuf || hi > maxBuf {
		return ndview.View{}, false
	}
	off := -lo + s.n(16)
	if empty {
		off = s.n(16)
	}
	backing := make([]uint64, (off+hi+s.n(9)+7)/8+1) // 8-aligned memory
	buf := cast.BytesOf(backing)
	fillBytes(buf, s.u8())
	v, err := ndview.FromStrides(buf, f, shape, strides, off)
	if err != nil {
		return ndview.View{}, false
	}
	if s.n(4) == 0 {
		v = v.AsReadOnly()
	}
	return v, true
}

// FuzzGonum checks the gonum adapter: Dense and VecDense succeed exactly
// when a model of gonum's rules says so (and otherwise fail with the
// sentinel of the first rule broken), share memory both ways, and round
// trip through FromDense/FromVecDense; Matrix, Vector and the adapters
// read every element as the view's value; CopyDense copies it; and
// FromGeneral/FromVec accept exactly the raw values that describe memory.
func FuzzGonum(f *testing.F) {
	for _, seed := range [][]byte{
		{0, 1, 3, 0, 3, 0, 0, 1}, {1, 0, 2, 0x3, 4, 0x1, 0, 5}, {4, 1, 2, 0x1f, 3, 1, 2, 9},
		{0, 1, 5, 0xe3, 5, 0xe1, 1, 0}, {15, 1, 4, 0, 4, 0, 0}, {16, 0, 6, 1, 0},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &src{data}
		checkRawGonum(t, s)
		v, ok := decodeGonumView(s)
		if !ok {
			return
		}
		if v.NDim() == 2 {
			checkDenseRule(t, v)
		} else {
			checkVecRule(t, v)
		}
		checkAdapters(t, v)
	})
}

// denseWant is the model of Dense's rules, in the order Dense checks
// them: the sentinel expected, or nil.
func denseWant(v ndview.View, vector bool) error {
	nd := 2
	if vector {
		nd = 1
	}
	switch {
	case v.ReadOnly():
		return gonumview.ErrReadOnly
	case v.NDim() != nd:
		return gonumview.ErrShape
	case v.Len() == 0:
		return gonumview.ErrShape
	}
	fl, isScalar := v.ItemFormat().Scalar()
	switch {
	case !isScalar || fl.Kind != format.Float64:
		return gonumview.ErrType
	case fl.Order != format.NativeOrder():
		return gonumview.ErrByteOrder
	}
	if vector {
		if v.Dim(0) > 1 && (v.Stride(0) <= 0 || v.Stride(0)%8 != 0) {
			return gonumview.ErrStride
		}
	} else {
		r, c := v.Dim(0), v.Dim(1)
		if c > 1 && v.Stride(1) != 8 {
			return gonumview.ErrStride
		}
		if rs := v.Stride(0); r > 1 && (rs <= 0 || rs%8 != 0 || rs < 8*c) {
			return gonumview.ErrStride
		}
	}
	if uintptr(unsafe.Pointer(&v.Buffer()[v.Offset()]))%8 != 0 {
		return gonumview.ErrAlign
	}
	return nil
}

func checkDenseRule(t *testing.T, v ndview.View) {
	want := denseWant(v, false)
	d, err := gonumview.Dense(v)
	if want != nil {
		if err == nil || !errors.Is(err, want) {
			t.Fatalf("Dense(%s) = %v, want an error matching %v", describe(v), err, want)
		}
		return
	}
	if err != nil {
		t.Fatalf("Dense(%s): %v", describe(v), err)
	}
	r, c := d.Dims()
	if r != v.Dim(0) || c != v.Dim(1) {
		t.Fatalf("Dense(%s) has dims %d, %d", describe(v), r, c)
	}
	for i := range r {
		for j := range c {
			checkSame(t, "Dense", d.At(i, j), v, i, j)
		}
	}
	// Sharing both ways, on the last element.
	old := d.At(r-1, c-1)
	d.Set(r-1, c-1, 12345.5)
	if x, _ := v.Value(r-1, c-1); x != 12345.5 {
		t.Fatalf("Dense(%s).Set not seen by the view: %v", describe(v), x)
	}
	if err := v.SetValue(-7.25, r-1, c-1); err != nil || d.At(r-1, c-1) != -7.25 {
		t.Fatalf("view's SetValue not seen by Dense(%s): %v", describe(v), err)
	}
	d.Set(r-1, c-1, old)
	// Back to a view: the same elements at the same addresses.
	w, err := gonumview.FromDense(d)
	if err != nil {
		t.Fatalf("FromDense(Dense(%s)): %v", describe(v), err)
	}
	for i := range r {
		for j := range c {
			if &w.Item(i, j)[0] != &v.Item(i, j)[0] {
				t.Fatalf("FromDense(Dense(%s)) element %d,%d is elsewhere", describe(v), i, j)
			}
		}
	}
}

func checkVecRule(t *testing.T, v ndview.View) {
	want := denseWant(v, true)
	x, err := gonumview.VecDense(v)
	if want != nil {
		if err == nil || !errors.Is(err, want) {
			t.Fatalf("VecDense(%s) = %v, want an error matching %v", describe(v), err, want)
		}
		return
	}
	if err != nil {
		t.Fatalf("VecDense(%s): %v", describe(v), err)
	}
	n := x.Len()
	if n != v.Dim(0) {
		t.Fatalf("VecDense(%s) has length %d", describe(v), n)
	}
	for i := range n {
		checkSame(t, "VecDense", x.AtVec(i), v, i)
	}
	x.SetVec(n-1, 0.5)
	if y, _ := v.Value(n - 1); y != 0.5 {
		t.Fatalf("VecDense(%s).SetVec not seen by the view: %v", describe(v), y)
	}
	w, err := gonumview.FromVecDense(x)
	if err != nil {
		t.Fatalf("FromVecDense(VecDense(%s)): %v", describe(v), err)
	}
	for i := range n {
		if &w.Item(i)[0] != &v.Item(i)[0] {
			t.Fatalf("FromVecDense(VecDense(%s)) element %d is elsewhere", describe(v), i)
		}
	}
}

// checkAdapters reads every element through Matrix (or Vector), the
// adapter and CopyDense (or CopyVecDense).
func checkAdapters(t *testing.T, v ndview.View) {
	fl, isScalar := v.ItemFormat().Scalar()
	real := isScalar && (fl.Kind.IsInteger() || fl.Kind.IsFloat() || fl.Kind == format.Bool)
	var m mat.Matrix
	var err error
	if v.NDim() == 2 {
		m, err = gonumview.Matrix(v)
	} else {
		m, err = gonumview.Vector(v)
	}
	if !real {
		if !errors.Is(err, gonumview.ErrType) {
			t.Fatalf("Matrix/Vector(%s) = %v, want ErrType", describe(v), err)
		}
		return
	}
	if err != nil {
		t.Fatalf("Matrix/Vector(%s): %v", describe(v), err)
	}
	r, c := m.Dims()
	for i := range r {
		for j := range c {
			if v.NDim() == 2 {
				checkSame(t, fmt.Sprintf("Matrix (%T)", m), m.At(i, j), v, i, j)
			} else {
				checkSame(t, fmt.Sprintf("Vector (%T)", m), m.At(i, j), v, i)
			}
		}
	}
	if v.Len() == 0 {
		return
	}
	if v.NDim() == 2 {
		d, err := gonumview.CopyDense(v)
		if err != nil {
			t.Fatalf("CopyDense(%s): %v", describe(v), err)
		}
		for i := range r {
			for j := range c {
				checkSame(t, "CopyDense", d.At(i, j), v, i, j)
			}
		}
		return
	}
	x, err := gonumview.CopyVecDense(v)
	if err != nil {
		t.Fatalf("CopyVecDense(%s): %v", describe(v), err)
	}
	for i := range r {
		checkSame(t, "CopyVecDense", x.AtVec(i), v, i)
	}
}

// checkSame compares a float64 read through gonum with the view's value.
func checkSame(t *testing.T, what string, got float64, v ndview.View, idx ...int) {
	t.Helper()
	x, err := v.Value(idx...)
	if err != nil {
		t.Fatalf("%s: Value(%v): %v", describe(v), idx, err)
	}
	var want float64
	switch x := x.(type) {
	case float64:
		want = x
	case bool, int64, uint64:
		want, _ = asFloat(x) // rounded to the nearest float64, as gonum reads it
	default:
		t.Fatalf("%s: Value(%v) = %T", describe(v), idx, x)
	}
	if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
		t.Fatalf("%s of %s at %v = %v, the view has %v", what, describe(v), idx, got, want)
	}
}

// checkRawGonum feeds FromGeneral and FromVec raw fields, and checks
// they accept exactly those that describe memory, with element (i, j) at
// Data[i*Stride+j].
func checkRawGonum(t *testing.T, s *src) {
	rows, cols, stride, n := s.small(), s.small(), s.small(), s.n(40)
	data := make([]float64, n)
	for i := range data {
		data[i] = float64(i)
	}
	g := blas64.General{Rows: rows, Cols: cols, Stride: stride, Data: data}
	v, err := gonumview.FromGeneral(g)
	valid := rows >= 0 && cols >= 0 && !tooBig([]int{rows, cols}, 8)
	if valid && rows > 0 && cols > 0 {
		st := stride
		if rows == 1 {
			st = cols
		}
		last := new(big.Int).Mul(big.NewInt(int64(rows-1)), big.NewInt(int64(st)))
		last.Add(last, big.NewInt(int64(cols)))
		valid = stride >= cols && last.Cmp(big.NewInt(int64(n))) <= 0
	}
	if valid != (err == nil) {
		t.Fatalf("FromGeneral(%d, %d, stride %d, %d elements) = %v, want valid=%v", rows, cols, stride, n, err, valid)
	}
	if err != nil {
		if !errors.Is(err, gonumview.ErrInvalid) {
			t.Fatalf("FromGeneral error %v does not match ErrInvalid", err)
		}
	} else if rows > 0 && cols > 0 {
		for i := range rows {
			for j := range cols {
				got := math.Float64frombits(binary.NativeEndian.Uint64(v.Item(i, j)))
				if got != float64(i*stride+j) {
					t.Fatalf("FromGeneral(%d, %d, stride %d): element %d,%d = %v", rows, cols, stride, i, j, got)
				}
			}
		}
	}
	inc := s.small()
	xv, err := gonumview.FromVec(blas64.Vector{N: rows, Inc: inc, Data: data})
	valid = rows == 0
	if rows > 0 && inc > 0 {
		last := new(big.Int).Mul(big.NewInt(int64(rows-1)), big.NewInt(int64(inc)))
		valid = last.Cmp(big.NewInt(int64(n))) < 0
	}
	if valid != (err == nil) {
		t.Fatalf("FromVec(%d, inc %d, %d elements) = %v, want valid=%v", rows, inc, n, err, valid)
	}
	if err == nil {
		for i := range rows {
			if got := math.Float64frombits(binary.NativeEndian.Uint64(xv.Item(i))); got != float64(i*inc) {
				t.Fatalf("FromVec(%d, inc %d): element %d = %v", rows, inc, i, got)
			}
		}
	}
}

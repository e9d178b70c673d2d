package gonumview_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"gonum.org/v1/gonum/mat"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/ndview/gonumview"
)

// gvCodes are the real-number format codes the adapters read.
const gvCodes = "bBhHiIlLqQnNefd?"

// gvRandFormat returns a random real-number format with a random byte
// order prefix (n and N take native ones only, as in struct).
func gvRandFormat(rng *rand.Rand) string {
	c := gvCodes[rng.IntN(len(gvCodes))]
	prefixes := []string{"", "@", "=", "<", ">", "!"}
	if c == 'n' || c == 'N' {
		prefixes = []string{"", "@"}
	}
	return prefixes[rng.IntN(len(prefixes))] + string(c)
}

// gvRandStride returns a random byte stride for a dimension, given the
// item size and the natural (C-contiguous) stride.
func gvRandStride(rng *rand.Rand, size, natural int) int {
	switch rng.IntN(8) {
	case 0, 1:
		return natural
	case 2:
		return -natural
	case 3:
		return 0
	case 4:
		return size * (rng.IntN(17) - 8)
	case 5:
		return natural + size*rng.IntN(4)
	default:
		return rng.IntN(8*size+1) - 4*size
	}
}

// gvRandLayout returns a random view of ndim dimensions over random
// bytes, with a description. The view's extents are at most 6.
func gvRandLayout(t testing.TB, rng *rand.Rand, ndim int) (ndview.View, string) {
	t.Helper()
	fs := gvRandFormat(rng)
	// A quarter of the layouts start as gonum would lay them out, so that
	// the zero-copy paths are taken often.
	friendly := rng.IntN(4) == 0
	if friendly {
		fs = []string{"d", "=d", "@d", gvNative() + "d", "f", gvNative() + "f"}[rng.IntN(6)]
	}
	f := format.MustParse(fs)
	size := f.Size()
	shape := make([]int, ndim)
	for i := range shape {
		shape[i] = 1 + rng.IntN(6)
		if rng.IntN(12) == 0 {
			shape[i] = 0
		}
	}
	// Start from a base shape that later transformations turn into shape.
	var desc strings.Builder
	bcast := ndim == 2 && rng.IntN(8) == 0 || ndim == 1 && rng.IntN(10) == 0
	base := slices.Clone(shape)
	if bcast {
		if ndim == 2 && rng.IntN(2) == 0 {
			base = []int{shape[1]} // rows repeat
		} else {
			base[len(base)-1] = 1 // the last axis repeats
			if ndim == 2 && rng.IntN(2) == 0 {
				base[0] = 1 // one element repeats everywhere
			}
		}
	}
	strides := make([]int, len(base))
	natural := size
	for i := len(base) - 1; i >= 0; i-- {
		switch {
		case !friendly:
			strides[i] = gvRandStride(rng, size, natural)
		case i == len(base)-1:
			strides[i] = size
		default:
			strides[i] = natural + size*rng.IntN(3)
		}
		natural *= max(base[i], 1)
	}
	lo, hi, n := 0, 0, 1
	for i, d := range base {
		n *= d
		if d > 0 {
			if s := (d - 1) * strides[i]; s < 0 {
				lo += s
			} else {
				hi += s
			}
		}
	}
	var buf []byte
	off := 0
	if n == 0 {
		buf = gvAligned(rng.IntN(16))
		off = rng.IntN(len(buf) + 1)
	} else {
		pad := rng.IntN(16)
		if friendly || rng.IntN(2) == 0 {
			pad &^= 7 // aligned more often
		}
		off = -lo + pad
		buf = gvAligned(off + hi + size + rng.IntN(16))
	}
	for i := range buf {
		buf[i] = byte(rng.Uint32())
	}
	v, err := ndview.FromStrides(buf, f, base, strides, off)
	if err != nil {
		t.Fatalf("FromStrides(%q, %v, %v, %d) over %d bytes: %v", fs, base, strides, off, len(buf), err)
	}
	fmt.Fprintf(&desc, "%q shape %v strides %v offset %d of %d bytes", fs, base, strides, off, len(buf))
	if bcast {
		if v, err = v.BroadcastTo(shape...); err != nil {
			t.Fatalf("%s: BroadcastTo(%v): %v", desc.String(), shape, err)
		}
		fmt.Fprintf(&desc, ", broadcast to %v", shape)
	}
	if friendly && ndim == 2 && rng.IntN(3) == 0 {
		v = v.T() // column-major
		desc.WriteString(", T")
	}
	// A few NumPy-style transformations.
	for range rng.IntN(3) {
		switch rng.IntN(4) {
		case 0:
			v = v.T()
			desc.WriteString(", T")
		case 1:
			ax := rng.IntN(ndim)
			if v, err = v.Flip(ax); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&desc, ", Flip(%d)", ax)
		case 2:
			steps := []string{"::2", "::-1", "1::2", "::-2", "1:"}
			parts := make([]string, ndim)
			for i := range parts {
				parts[i] = ":"
			}
			parts[rng.IntN(ndim)] = steps[rng.IntN(len(steps))]
			s := strings.Join(parts, ", ")
			if v, err = v.IndexString(s); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&desc, ", [%s]", s)
		case 3:
			v = v.AsReadOnly()
			desc.WriteString(", read-only")
		}
	}
	fmt.Fprintf(&desc, " = shape %v strides %v offset %d", v.Shape(), v.Strides(), v.Offset())
	return v, desc.String()
}

// gvBreaks lists the sentinels of the rules of a zero-copy constructor
// for items of kind k, size and alignment align that v breaks,
// worked out independently of the package.
func gvBreaks(v ndview.View, ndim int, k format.Kind, size, align int) []error {
	var errs []error
	if v.ReadOnly() {
		errs = append(errs, gonumview.ErrReadOnly)
	}
	if v.NDim() != ndim || v.Len() == 0 {
		return append(errs, gonumview.ErrShape)
	}
	fk, order, ok := v.ItemFormat().ScalarKind()
	if !ok || fk != k {
		errs = append(errs, gonumview.ErrType)
	} else if order != format.NativeOrder() {
		errs = append(errs, gonumview.ErrByteOrder)
	}
	if ndim == 2 {
		r, c := v.Dim(0), v.Dim(1)
		rs, cs := v.Stride(0), v.Stride(1)
		if c > 1 && cs != size || r > 1 && (rs <= 0 || rs%size != 0 || rs < c*size) {
			errs = append(errs, gonumview.ErrStride)
		}
	} else if s := v.Stride(0); v.Dim(0) > 1 && (s <= 0 || s%size != 0) {
		errs = append(errs, gonumview.ErrStride)
	}
	if gvFirst(v)%uintptr(align) != 0 {
		errs = append(errs, gonumview.ErrAlign)
	}
	return errs
}

// gvCheckBreaks fails unless err is nil when want is empty, and matches
// one of want otherwise.
func gvCheckBreaks(t testing.TB, desc, name string, err error, want []error) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("%s: %s: %v; want no error", desc, name, err)
		}
		return
	}
	if err == nil {
		t.Fatalf("%s: %s: no error; want one matching %v", desc, name, want)
	}
	for _, w := range want {
		if errors.Is(err, w) {
			return
		}
	}
	t.Fatalf("%s: %s: %v; want one matching %v", desc, name, err, want)
}

// gvCheckPanic fails unless f panics with want.
func gvCheckPanic(t testing.TB, desc, call string, want error, f func()) {
	t.Helper()
	if got := gvPanic(f); got != want {
		t.Fatalf("%s: %s panicked with %v; want %v", desc, call, got, want)
	}
}

func TestGeneratedMatrixLayouts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var dense, transposed, adapted int
	for k := range 2500 {
		v, desc := gvRandLayout(t, rng, 2)
		desc = fmt.Sprintf("layout %d: %s", k, desc)
		r, c := v.Dim(0), v.Dim(1)
		want := gvViewRows(t, v)

		mv, err := gonumview.NewMatrixView(v)
		if err != nil {
			t.Fatalf("%s: NewMatrixView: %v", desc, err)
		}
		if gr, gc := mv.Dims(); gr != r || gc != c {
			t.Fatalf("%s: Dims = %d, %d", desc, gr, gc)
		}
		if got := gvRows(mv); !gvEqualRows(got, want) {
			t.Fatalf("%s: MatrixView reads %v; the view holds %v", desc, got, want)
		}
		w := mv.View()
		if !slices.Equal(w.Shape(), v.Shape()) || !slices.Equal(w.Strides(), v.Strides()) || w.Offset() != v.Offset() ||
			unsafe.SliceData(w.Buffer()) != unsafe.SliceData(v.Buffer()) || w.ItemFormat() != v.ItemFormat() {
			t.Fatalf("%s: View() is another view", desc)
		}
		tr, ok := mv.T().(mat.Transpose)
		if !ok || tr.Matrix != mat.Matrix(mv) {
			t.Fatalf("%s: T() is a %T", desc, mv.T())
		}
		if tr_, tc_ := tr.Dims(); tr_ != c || tc_ != r {
			t.Fatalf("%s: T().Dims() = %d, %d", desc, tr_, tc_)
		}
		for i := range r {
			for j := range c {
				if !gvSame(tr.At(j, i), want[i][j]) {
					t.Fatalf("%s: T().At(%d, %d) = %v; want %v", desc, j, i, tr.At(j, i), want[i][j])
				}
			}
		}
		gvCheckPanic(t, desc, "At(-1, 0)", mat.ErrRowAccess, func() { mv.At(-1, 0) })
		gvCheckPanic(t, desc, "At(r, 0)", mat.ErrRowAccess, func() { mv.At(r, 0) })
		if r > 0 {
			gvCheckPanic(t, desc, "At(0, -1)", mat.ErrColAccess, func() { mv.At(0, -1) })
			gvCheckPanic(t, desc, "At(0, c)", mat.ErrColAccess, func() { mv.At(0, c) })
			gvCheckPanic(t, desc, "At(r-1, c)", mat.ErrColAccess, func() { mv.At(r-1, c) })
		}
		if c > 0 {
			gvCheckPanic(t, desc, "At(r, c-1)", mat.ErrRowAccess, func() { mv.At(r, c-1) })
		}

		// The zero-copy constructors, against rules worked out here.
		f64Breaks := gvBreaks(v, 2, format.Float64, 8, 8)
		d, err := gonumview.Dense(v)
		gvCheckBreaks(t, desc, "Dense", err, f64Breaks)
		tBreaks := gvBreaks(v.T(), 2, format.Float64, 8, 8)
		_, g32err := gonumview.General32(v)
		gvCheckBreaks(t, desc, "General32", g32err, gvBreaks(v, 2, format.Float32, 4, 4))

		// Matrix picks the Dense, its transpose, or the adapter.
		m, err := gonumview.Matrix(v)
		if err != nil {
			t.Fatalf("%s: Matrix: %v", desc, err)
		}
		switch {
		case len(f64Breaks) == 0:
			dense++
			md, ok := m.(*mat.Dense)
			if !ok || md.RawMatrix().Stride != d.RawMatrix().Stride || &md.RawMatrix().Data[0] != &d.RawMatrix().Data[0] {
				t.Fatalf("%s: Matrix gave a %T; want the Dense that Dense gives", desc, m)
			}
		case len(tBreaks) == 0:
			transposed++
			mt, ok := m.(mat.Transpose)
			if !ok {
				t.Fatalf("%s: Matrix gave a %T; want a mat.Transpose", desc, m)
			}
			if md, ok := mt.Matrix.(*mat.Dense); !ok || uintptr(unsafe.Pointer(&md.RawMatrix().Data[0])) != gvFirst(v) {
				t.Fatalf("%s: Matrix gave a mat.Transpose of a %T not over the view", desc, mt.Matrix)
			}
		default:
			adapted++
			if _, ok := m.(*gonumview.MatrixView); !ok {
				t.Fatalf("%s: Matrix gave a %T; want a *MatrixView", desc, m)
			}
		}
		if got := gvRows(m); !gvEqualRows(got, want) {
			t.Fatalf("%s: Matrix reads %v; the view holds %v", desc, got, want)
		}

		// The copy.
		cp, err := gonumview.CopyDense(v)
		if r == 0 || c == 0 {
			if !errors.Is(err, gonumview.ErrShape) {
				t.Fatalf("%s: CopyDense of an empty view: %v", desc, err)
			}
		} else {
			if err != nil {
				t.Fatalf("%s: CopyDense: %v", desc, err)
			}
			if got := gvRows(cp); !gvEqualRows(got, want) {
				t.Fatalf("%s: CopyDense = %v; the view holds %v", desc, got, want)
			}
		}

		// Last, since it writes: the Dense shares the view's memory.
		if d != nil {
			for i := range r {
				for j := range c {
					if !gvSame(d.At(i, j), want[i][j]) {
						t.Fatalf("%s: Dense At(%d, %d) = %v; want %v", desc, i, j, d.At(i, j), want[i][j])
					}
					x := float64(i*c+j) + 0.5
					d.Set(i, j, x)
					if got := gvVal(t, v, i, j); got != x {
						t.Fatalf("%s: after Dense Set(%d, %d, %v) the view holds %v", desc, i, j, x, got)
					}
					if got := mv.At(i, j); got != x {
						t.Fatalf("%s: after Dense Set(%d, %d, %v) MatrixView reads %v", desc, i, j, x, got)
					}
				}
			}
		}
	}
	// The generator must reach every branch often enough to mean something.
	t.Logf("%d Dense, %d transposed, %d adapted layouts", dense, transposed, adapted)
	if dense < 50 || transposed < 20 || adapted < 500 {
		t.Fatalf("generated %d Dense, %d transposed and %d adapted layouts; too few of some", dense, transposed, adapted)
	}
}

func TestGeneratedVectorLayouts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var dense, adapted int
	for k := range 2500 {
		v, desc := gvRandLayout(t, rng, 1)
		desc = fmt.Sprintf("layout %d: %s", k, desc)
		n := v.Dim(0)
		want := make([]float64, n)
		for i := range n {
			want[i] = gvVal(t, v, i)
		}
		x, err := gonumview.NewVectorView(v)
		if err != nil {
			t.Fatalf("%s: NewVectorView: %v", desc, err)
		}
		if r, c := x.Dims(); r != n || c != 1 || x.Len() != n {
			t.Fatalf("%s: Dims = %d, %d, Len = %d", desc, r, c, x.Len())
		}
		w := x.View()
		if !slices.Equal(w.Shape(), v.Shape()) || !slices.Equal(w.Strides(), v.Strides()) || w.Offset() != v.Offset() {
			t.Fatalf("%s: View() is another view", desc)
		}
		tr, ok := x.T().(mat.TransposeVec)
		if !ok || tr.Vector != mat.Vector(x) {
			t.Fatalf("%s: T() is a %T", desc, x.T())
		}
		if r, c := tr.Dims(); r != 1 || c != n {
			t.Fatalf("%s: T().Dims() = %d, %d", desc, r, c)
		}
		for i := range n {
			if !gvSame(x.AtVec(i), want[i]) || !gvSame(x.At(i, 0), want[i]) || !gvSame(tr.At(0, i), want[i]) {
				t.Fatalf("%s: AtVec(%d) = %v, At(%d, 0) = %v, T().At(0, %d) = %v; want %v",
					desc, i, x.AtVec(i), i, x.At(i, 0), i, tr.At(0, i), want[i])
			}
		}
		gvCheckPanic(t, desc, "AtVec(-1)", mat.ErrVectorAccess, func() { x.AtVec(-1) })
		gvCheckPanic(t, desc, "AtVec(n)", mat.ErrVectorAccess, func() { x.AtVec(n) })
		gvCheckPanic(t, desc, "At(n, 0)", mat.ErrRowAccess, func() { x.At(n, 0) })
		gvCheckPanic(t, desc, "At(-1, 0)", mat.ErrRowAccess, func() { x.At(-1, 0) })
		if n > 0 {
			gvCheckPanic(t, desc, "At(0, 1)", mat.ErrColAccess, func() { x.At(0, 1) })
			gvCheckPanic(t, desc, "At(0, -1)", mat.ErrColAccess, func() { x.At(0, -1) })
		}

		breaks := gvBreaks(v, 1, format.Float64, 8, 8)
		vd, err := gonumview.VecDense(v)
		gvCheckBreaks(t, desc, "VecDense", err, breaks)
		_, err = gonumview.Vec32(v)
		gvCheckBreaks(t, desc, "Vec32", err, gvBreaks(v, 1, format.Float32, 4, 4))

		y, err := gonumview.Vector(v)
		if err != nil {
			t.Fatalf("%s: Vector: %v", desc, err)
		}
		if len(breaks) == 0 {
			dense++
			yd, ok := y.(*mat.VecDense)
			if !ok || &yd.RawVector().Data[0] != &vd.RawVector().Data[0] {
				t.Fatalf("%s: Vector gave a %T; want the VecDense that VecDense gives", desc, y)
			}
		} else {
			adapted++
			if _, ok := y.(*gonumview.VectorView); !ok {
				t.Fatalf("%s: Vector gave a %T; want a *VectorView", desc, y)
			}
		}
		for i := range n {
			if !gvSame(y.AtVec(i), want[i]) {
				t.Fatalf("%s: Vector AtVec(%d) = %v; want %v", desc, i, y.AtVec(i), want[i])
			}
		}

		cp, err := gonumview.CopyVecDense(v)
		if n == 0 {
			if !errors.Is(err, gonumview.ErrShape) {
				t.Fatalf("%s: CopyVecDense of an empty view: %v", desc, err)
			}
		} else {
			if err != nil {
				t.Fatalf("%s: CopyVecDense: %v", desc, err)
			}
			for i := range n {
				if !gvSame(cp.AtVec(i), want[i]) {
					t.Fatalf("%s: CopyVecDense AtVec(%d) = %v; want %v", desc, i, cp.AtVec(i), want[i])
				}
			}
		}

		if vd != nil {
			for i := range n {
				if !gvSame(vd.AtVec(i), want[i]) {
					t.Fatalf("%s: VecDense AtVec(%d) = %v; want %v", desc, i, vd.AtVec(i), want[i])
				}
				vd.SetVec(i, float64(i)-0.5)
				if got := gvVal(t, v, i); got != float64(i)-0.5 {
					t.Fatalf("%s: after SetVec(%d) the view holds %v", desc, i, got)
				}
			}
		}
	}
	t.Logf("%d VecDense, %d adapted layouts", dense, adapted)
	if dense < 50 || adapted < 500 {
		t.Fatalf("generated %d VecDense and %d adapted layouts; too few of some", dense, adapted)
	}
}

// TestAdapterValues checks conversions that random bytes reach rarely:
// the extremes of every integer width, half precision, and bools that
// are neither 0 nor 1, in both byte orders.
func TestAdapterValues(t *testing.T) {
	cases := []struct {
		f    string
		vals []any
		want []float64
	}{
		{"b", []any{int64(-128), int64(127), int64(-1)}, []float64{-128, 127, -1}},
		{"B", []any{uint64(0), uint64(255), uint64(128)}, []float64{0, 255, 128}},
		{"h", []any{int64(-32768), int64(32767), int64(-2)}, []float64{-32768, 32767, -2}},
		{"H", []any{uint64(65535), uint64(256), uint64(1)}, []float64{65535, 256, 1}},
		{"i", []any{int64(-1 << 31), int64(1<<31 - 1), int64(-3)}, []float64{-1 << 31, 1<<31 - 1, -3}},
		{"I", []any{uint64(1<<32 - 1), uint64(1 << 31), uint64(5)}, []float64{1<<32 - 1, 1 << 31, 5}},
		{"q", []any{int64(-1 << 63), int64(1<<63 - 1), int64(-1)}, []float64{-1 << 63, 1<<63 - 1, -1}},
		{"Q", []any{uint64(1<<64 - 1), uint64(1<<53 + 1), uint64(7)}, []float64{1<<64 - 1, 1<<53 + 1, 7}},
		{"e", []any{65504.0, -6.103515625e-05, 5.960464477539063e-08}, []float64{65504, -6.103515625e-05, 5.960464477539063e-08}},
		{"f", []any{3.4028234663852886e+38, -1.401298464324817e-45, 0.1}, []float64{3.4028234663852886e+38, -1.401298464324817e-45, float64(float32(0.1))}},
		{"d", []any{math.Copysign(0, -1), 1e308, 5e-324}, []float64{math.Copysign(0, -1), 1e308, 5e-324}},
	}
	for _, tc := range cases {
		for _, prefix := range []string{"<", ">", ""} {
			f := prefix + tc.f
			t.Run(f, func(t *testing.T) {
				v := gvMake(t, f, 3)
				for i, x := range tc.vals {
					gvSet(t, v, x, i)
				}
				x, err := gonumview.NewVectorView(v)
				if err != nil {
					t.Fatal(err)
				}
				m, err := gonumview.NewMatrixView(gvBroadcast(t, v, 2, 3))
				if err != nil {
					t.Fatal(err)
				}
				for i, want := range tc.want {
					if x.AtVec(i) != want || m.At(1, i) != want {
						t.Fatalf("element %d reads %v and %v; want %v", i, x.AtVec(i), m.At(1, i), want)
					}
				}
			})
		}
	}
	t.Run("bool bytes", func(t *testing.T) {
		v := gvMake(t, "?", 4)
		copy(v.Buffer(), []byte{0, 1, 2, 0xff})
		x, err := gonumview.NewVectorView(v)
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []float64{0, 1, 1, 1} {
			if x.AtVec(i) != want {
				t.Fatalf("byte %#x reads %v; want %v", v.Buffer()[i], x.AtVec(i), want)
			}
		}
	})
}

func TestMatrixDispatch(t *testing.T) {
	fortran := func(t *testing.T, f string, r, c int) ndview.View {
		v, err := ndview.NewFortran(gvAligned(r*c*format.MustParse(f).Size()), f, r, c)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name string
		view func(t *testing.T) ndview.View
		want string // "dense", "transpose" or "view"
	}{
		{"C-contiguous float64", func(t *testing.T) ndview.View { return gvMake(t, "d", 3, 4) }, "dense"},
		{"step-sliced rows", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "d", 10, 9), "::3, 2:7") }, "dense"},
		{"Fortran float64", func(t *testing.T) ndview.View { return fortran(t, "d", 3, 4) }, "transpose"},
		{"transposed C view", func(t *testing.T) ndview.View { return gvMake(t, "d", 4, 3).T() }, "transpose"},
		{"transposed step-sliced view", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "d", 6, 7), "::2, 1:5").T() }, "transpose"},
		{"read-only float64", func(t *testing.T) ndview.View { return gvMake(t, "d", 3, 4).AsReadOnly() }, "view"},
		{"read-only Fortran", func(t *testing.T) ndview.View { return fortran(t, "d", 3, 4).AsReadOnly() }, "view"},
		{"broadcast float64", func(t *testing.T) ndview.View { return gvBroadcast(t, gvMake(t, "d", 4), 3, 4) }, "view"},
		{"foreign float64", func(t *testing.T) ndview.View { return gvMake(t, gvForeign()+"d", 3, 4) }, "view"},
		{"foreign Fortran", func(t *testing.T) ndview.View { return fortran(t, gvForeign()+"d", 3, 4) }, "view"},
		{"float32", func(t *testing.T) ndview.View { return gvMake(t, "f", 3, 4) }, "view"},
		{"int32", func(t *testing.T) ndview.View { return gvMake(t, "i", 3, 4) }, "view"},
		{"bool", func(t *testing.T) ndview.View { return gvMake(t, "?", 3, 4) }, "view"},
		{"rows reversed", func(t *testing.T) ndview.View { return gvFlip(t, gvMake(t, "d", 3, 4), 0) }, "view"},
		{"every other column", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "d", 3, 8), ":, ::2") }, "view"},
		{"misaligned", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(100), "d", []int{3, 4}, []int{32, 8}, 4)
		}, "view"},
		{"misaligned Fortran", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(100), "d", []int{3, 4}, []int{8, 24}, 1)
		}, "view"},
		{"no rows", func(t *testing.T) ndview.View { return gvMake(t, "d", 0, 4) }, "view"},
		{"no columns", func(t *testing.T) ndview.View { return gvMake(t, "d", 4, 0) }, "view"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.view(t)
			if v.Len() > 0 && !v.ReadOnly() {
				for i := range v.Dim(0) {
					for j := range v.Dim(1) {
						gvSetNum(t, v, float64(10*i+j), i, j)
					}
				}
			}
			m, err := gonumview.Matrix(v)
			if err != nil {
				t.Fatal(err)
			}
			var got string
			switch m := m.(type) {
			case *mat.Dense:
				got = "dense"
				if uintptr(unsafe.Pointer(&m.RawMatrix().Data[0])) != gvFirst(v) {
					t.Fatal("the Dense is not over the view's memory")
				}
			case mat.Transpose:
				got = "transpose"
				d, ok := m.Matrix.(*mat.Dense)
				if !ok {
					t.Fatalf("a mat.Transpose of a %T", m.Matrix)
				}
				if uintptr(unsafe.Pointer(&d.RawMatrix().Data[0])) != gvFirst(v) {
					t.Fatal("the transposed Dense is not over the view's memory")
				}
				d.Set(0, 1, -1) // element (1, 0) of the view
				if gvVal(t, v, 1, 0) != -1 {
					t.Fatal("a write through the transposed Dense did not reach the view")
				}
			case *gonumview.MatrixView:
				got = "view"
			default:
				t.Fatalf("Matrix gave a %T", m)
			}
			if got != tc.want {
				t.Fatalf("Matrix gave a %T; want %s", m, tc.want)
			}
			if r, c := m.Dims(); r != v.Dim(0) || c != v.Dim(1) {
				t.Fatalf("Dims = %d, %d; shape %v", r, c, v.Shape())
			}
			if want := gvViewRows(t, v); !gvEqualRows(gvRows(m), want) {
				t.Fatalf("Matrix reads %v; the view holds %v", gvRows(m), want)
			}
		})
	}

	errCases := []struct {
		name string
		view func(t *testing.T) ndview.View
		want error
	}{
		{"1-D", func(t *testing.T) ndview.View { return gvMake(t, "d", 3) }, gonumview.ErrShape},
		{"3-D", func(t *testing.T) ndview.View { return gvMake(t, "d", 2, 2, 2) }, gonumview.ErrShape},
		{"0-D", func(t *testing.T) ndview.View { return gvMake(t, "d") }, gonumview.ErrShape},
		{"zero View", func(t *testing.T) ndview.View { return ndview.View{} }, gonumview.ErrShape},
		{"complex", func(t *testing.T) ndview.View { return gvMake(t, "Zd", 2, 2) }, gonumview.ErrType},
		{"complex64", func(t *testing.T) ndview.View { return gvMake(t, "Zf", 2, 2) }, gonumview.ErrType},
		{"bytes", func(t *testing.T) ndview.View { return gvMake(t, "4s", 2, 2) }, gonumview.ErrType},
		{"char", func(t *testing.T) ndview.View { return gvMake(t, "c", 2, 2) }, gonumview.ErrType},
		{"two values", func(t *testing.T) ndview.View { return gvMake(t, "2d", 2, 2) }, gonumview.ErrType},
		{"record", func(t *testing.T) ndview.View { return gvMake(t, "T{d:x:i:y:}", 2, 2) }, gonumview.ErrType},
		{"one-field record", func(t *testing.T) ndview.View { return gvMake(t, "T{d:x:}", 2, 2) }, gonumview.ErrType},
		{"pointer-sized opaque", func(t *testing.T) ndview.View { return gvMake(t, "O", 2, 2) }, gonumview.ErrType},
	}
	for _, tc := range errCases {
		t.Run(tc.name, func(t *testing.T) {
			mv, err := gonumview.NewMatrixView(tc.view(t))
			gvCheckErr(t, err, tc.want)
			if mv != nil {
				t.Fatal("a MatrixView came with the error")
			}
			_, err = gonumview.Matrix(tc.view(t))
			gvCheckErr(t, err, tc.want)
		})
	}
}

func TestVectorDispatch(t *testing.T) {
	cases := []struct {
		name  string
		view  func(t *testing.T) ndview.View
		dense bool
	}{
		{"contiguous float64", func(t *testing.T) ndview.View { return gvMake(t, "d", 5) }, true},
		{"every third", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "d", 13), "::3") }, true},
		{"column of a matrix", func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "d", 4, 3), ":, 2") }, true},
		{"reversed", func(t *testing.T) ndview.View { return gvFlip(t, gvMake(t, "d", 5), 0) }, false},
		{"read-only", func(t *testing.T) ndview.View { return gvMake(t, "d", 5).AsReadOnly() }, false},
		{"broadcast", func(t *testing.T) ndview.View { return gvBroadcast(t, gvMake(t, "d", 1), 5) }, false},
		{"foreign", func(t *testing.T) ndview.View { return gvMake(t, gvForeign()+"d", 5) }, false},
		{"int16", func(t *testing.T) ndview.View { return gvMake(t, "h", 5) }, false},
		{"float32", func(t *testing.T) ndview.View { return gvMake(t, "f", 5) }, false},
		{"misaligned", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(48), "d", []int{5}, []int{8}, 2)
		}, false},
		{"stride 1.5 items", func(t *testing.T) ndview.View {
			return gvStrided(t, gvAligned(48), "d", []int{3}, []int{12}, 0)
		}, false},
		{"empty", func(t *testing.T) ndview.View { return gvMake(t, "d", 0) }, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.view(t)
			if !v.ReadOnly() {
				for i := range v.Dim(0) {
					gvSetNum(t, v, float64(3*i-4), i)
				}
			}
			x, err := gonumview.Vector(v)
			if err != nil {
				t.Fatal(err)
			}
			switch x := x.(type) {
			case *mat.VecDense:
				if !tc.dense {
					t.Fatal("Vector gave a *mat.VecDense; want a *VectorView")
				}
				if uintptr(unsafe.Pointer(&x.RawVector().Data[0])) != gvFirst(v) {
					t.Fatal("the VecDense is not over the view's memory")
				}
			case *gonumview.VectorView:
				if tc.dense {
					t.Fatal("Vector gave a *VectorView; want a *mat.VecDense")
				}
			default:
				t.Fatalf("Vector gave a %T", x)
			}
			if x.Len() != v.Dim(0) {
				t.Fatalf("Len = %d", x.Len())
			}
			for i := range v.Dim(0) {
				if x.AtVec(i) != gvVal(t, v, i) {
					t.Fatalf("AtVec(%d) = %v; the view holds %v", i, x.AtVec(i), gvVal(t, v, i))
				}
			}
		})
	}
	errCases := []struct {
		name string
		view func(t *testing.T) ndview.View
		want error
	}{
		{"2-D", func(t *testing.T) ndview.View { return gvMake(t, "d", 3, 1) }, gonumview.ErrShape},
		{"0-D", func(t *testing.T) ndview.View { return gvMake(t, "d") }, gonumview.ErrShape},
		{"zero View", func(t *testing.T) ndview.View { return ndview.View{} }, gonumview.ErrShape},
		{"complex", func(t *testing.T) ndview.View { return gvMake(t, "Zd", 3) }, gonumview.ErrType},
		{"bytes", func(t *testing.T) ndview.View { return gvMake(t, "2s", 3) }, gonumview.ErrType},
		{"record", func(t *testing.T) ndview.View { return gvMake(t, "T{h:a:h:b:}", 3) }, gonumview.ErrType},
	}
	for _, tc := range errCases {
		t.Run(tc.name, func(t *testing.T) {
			vv, err := gonumview.NewVectorView(tc.view(t))
			gvCheckErr(t, err, tc.want)
			if vv != nil {
				t.Fatal("a VectorView came with the error")
			}
			_, err = gonumview.Vector(tc.view(t))
			gvCheckErr(t, err, tc.want)
		})
	}
}

// TestErrorGivesNilInterface: with an error, Matrix and Vector return a
// nil interface, as Go functions do, not an interface holding a nil
// pointer (which is != nil, and whose Dims panics).
func TestErrorGivesNilInterface(t *testing.T) {
	t.Run("Matrix", func(t *testing.T) {
		for _, v := range []ndview.View{gvMake(t, "d", 3), gvMake(t, "Zd", 2, 2), {}} {
			m, err := gonumview.Matrix(v)
			if err == nil {
				t.Fatalf("Matrix of shape %v, format %v: no error", v.Shape(), v.ItemFormat())
			}
			if m != nil {
				t.Errorf("Matrix of shape %v, format %v returned %#v (a %T) with its error %q; want a nil mat.Matrix",
					v.Shape(), v.ItemFormat(), m, m, err)
			}
		}
	})
	t.Run("Vector", func(t *testing.T) {
		for _, v := range []ndview.View{gvMake(t, "d", 3, 1), gvMake(t, "Zd", 2), {}} {
			x, err := gonumview.Vector(v)
			if err == nil {
				t.Fatalf("Vector of shape %v, format %v: no error", v.Shape(), v.ItemFormat())
			}
			if x != nil {
				t.Errorf("Vector of shape %v, format %v returned %#v (a %T) with its error %q; want a nil mat.Vector",
					v.Shape(), v.ItemFormat(), x, x, err)
			}
		}
	})
}

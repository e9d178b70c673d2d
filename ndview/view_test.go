package ndview_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// ---------------------------------------------------------------------------
// Helpers shared by the test files of this package. They are prefixed with
// nv so that they do not collide with helpers of other test files.

// nvMust returns v, or panics (failing the test with a stack trace) on
// err; it is for steps that the test does not expect to fail.
func nvMust(v ndview.View, err error) ndview.View {
	if err != nil {
		panic("unexpected error: " + err.Error())
	}
	return v
}

// nvSeq returns the bytes 0, 1, ..., n-1 (mod 256).
func nvSeq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// nvArange returns a C-contiguous view of a fresh buffer whose elements
// hold 0, 1, 2, ... in C order.
func nvArange(t testing.TB, fmtstr string, shape ...int) ndview.View {
	t.Helper()
	v := nvMust(ndview.Make(fmtstr, shape...))
	i := 0
	for idx := range v.All() {
		if err := v.SetValue(i, idx...); err != nil {
			t.Fatalf("SetValue(%d, %v): %v", i, idx, err)
		}
		i++
	}
	return v
}

// nvLayout builds a view with FromLayout or stops the test.
func nvLayout(t testing.TB, buf []byte, fmtstr string, shape, strides []int, off int) ndview.View {
	t.Helper()
	return nvMust(ndview.FromLayout(buf, ndview.Layout{Format: format.MustParse(fmtstr), Shape: shape, Strides: strides, Offset: off}))
}

// nvList returns v.ToList() or stops the test.
func nvList(t testing.TB, v ndview.View) any {
	t.Helper()
	l, err := v.ToList()
	if err != nil {
		t.Fatalf("ToList: %v", err)
	}
	return l
}

// nvInts converts a nested ToList result of integer elements into nested
// []any of int, so that expectations can be written with int literals.
func nvInts(x any) any {
	switch x := x.(type) {
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = nvInts(x[i])
		}
		return out
	case int64:
		return int(x)
	case uint64:
		return int(x)
	case bool:
		if x {
			return 1
		}
		return 0
	}
	return x
}

// nvL is a shorthand for building nested expectations.
func nvL(xs ...any) []any {
	if xs == nil {
		return []any{}
	}
	return xs
}

// nvRefOffsets computes the byte offset of every element of v in C order
// from the view's reported shape, strides and offset, by the definition
// (offset + sum of index*stride), independently of the package's walkers.
func nvRefOffsets(v ndview.View) []int {
	shape, strides := v.Shape(), v.Strides()
	n := 1
	for _, e := range shape {
		n *= e
	}
	if v.ItemFormat() == nil || n == 0 {
		return nil
	}
	out := make([]int, 0, n)
	idx := make([]int, len(shape))
	for range n {
		off := v.Offset()
		for d, i := range idx {
			off += i * strides[d]
		}
		out = append(out, off)
		for d := len(idx) - 1; d >= 0; d-- {
			idx[d]++
			if idx[d] < shape[d] {
				break
			}
			idx[d] = 0
		}
	}
	return out
}

// nvRefBytes is the elements' bytes in C order, computed from nvRefOffsets.
func nvRefBytes(v ndview.View) []byte {
	out := []byte{}
	for _, o := range nvRefOffsets(v) {
		out = append(out, v.Buffer()[o:o+v.ItemSize()]...)
	}
	return out
}

// nvShapeStrides is a view's shape, strides and offset for cmp.Diff.
type nvShapeStrides struct {
	Shape, Strides []int
	Offset         int
}

func nvGeom(v ndview.View) nvShapeStrides {
	return nvShapeStrides{v.Shape(), v.Strides(), v.Offset()}
}

// nvPanics reports whether f panics, and the panic value.
func nvPanics(f func()) (panicked bool, val any) {
	defer func() {
		if r := recover(); r != nil {
			panicked, val = true, r
		}
	}()
	f()
	return false, nil
}

// nvWantPanic fails the test unless f panics.
func nvWantPanic(t testing.TB, what string, f func()) any {
	t.Helper()
	p, val := nvPanics(f)
	if !p {
		t.Errorf("%s: did not panic", what)
	}
	return val
}

// nvSameMemory reports whether a and b start at the same address.
func nvSameMemory(a, b []byte) bool {
	return unsafe.SliceData(a) == unsafe.SliceData(b)
}

// nvOffsetIn is the position of s's first byte inside buf.
func nvOffsetIn(buf, s []byte) int {
	return int(uintptr(unsafe.Pointer(unsafe.SliceData(s))) - uintptr(unsafe.Pointer(unsafe.SliceData(buf))))
}

// nvRand returns a deterministic random source.
func nvRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15)) }

// nvRandLayout returns a random valid layout (up to maxDims dimensions,
// extents up to maxExt, sometimes zero) over a random buffer just large
// enough plus some slack: C-contiguous, a permutation of C-contiguous
// strides with some negated, or any multiples of the itemsize from -6 to
// 6 (zero and overlapping included), at a random offset.
func nvRandLayout(r *rand.Rand, fmtstr string, maxDims, maxExt int) ([]byte, ndview.Layout) {
	f := format.MustParse(fmtstr)
	item := f.Size()
	nd := r.IntN(maxDims + 1)
	shape := make([]int, nd)
	for i := range shape {
		shape[i] = r.IntN(maxExt + 1)
		if r.IntN(4) != 0 && shape[i] == 0 { // empty views are rarer
			shape[i] = 1 + r.IntN(maxExt)
		}
	}
	strides := make([]int, nd)
	switch r.IntN(4) {
	case 0: // C-contiguous
		acc := item
		for i := nd - 1; i >= 0; i-- {
			strides[i] = acc
			acc *= max(shape[i], 1)
		}
	case 1: // a permutation of C-contiguous strides, possibly flipped
		acc := item
		perm := r.Perm(nd)
		for _, i := range perm {
			strides[i] = acc
			acc *= max(shape[i], 1)
		}
		for i := range strides {
			if r.IntN(3) == 0 {
				strides[i] = -strides[i]
			}
		}
	default:
		for i := range strides {
			strides[i] = item * (r.IntN(13) - 6)
		}
	}
	lo, hi, empty := 0, 0, false
	for i, e := range shape {
		if e == 0 {
			empty = true
			continue
		}
		if d := (e - 1) * strides[i]; d < 0 {
			lo += d
		} else {
			hi += d
		}
	}
	slack := r.IntN(3) * item
	off := -lo + r.IntN(2)*item
	n := off + hi + item + slack
	if empty {
		off = r.IntN(8)
		n = off + r.IntN(8)
	}
	buf := make([]byte, n)
	for i := range buf {
		buf[i] = byte(r.Uint32())
	}
	return buf, ndview.Layout{Format: f, Shape: shape, Strides: strides, Offset: off}
}

// ---------------------------------------------------------------------------

func TestNewAttributes(t *testing.T) {
	buf := nvSeq(100)
	tests := []struct {
		name     string
		fortran  bool
		fmt      string
		shape    []int
		strides  []int
		len      int
		c, f     bool
		itemsize int
	}{
		{"0-d", false, "<d", nil, []int{}, 1, true, true, 8},
		{"1-d", false, "<i", []int{5}, []int{4}, 5, true, true, 4},
		{"2-d C", false, "<h", []int{3, 4}, []int{8, 2}, 12, true, false, 2},
		{"2-d F", true, "<h", []int{3, 4}, []int{2, 6}, 12, false, true, 2},
		{"3-d C", false, "B", []int{2, 3, 4}, []int{12, 4, 1}, 24, true, false, 1},
		{"3-d F", true, "B", []int{2, 3, 4}, []int{1, 2, 6}, 24, false, true, 1},
		{"zero extent C", false, "<i", []int{3, 0, 2}, []int{8, 8, 4}, 0, true, true, 4},
		{"zero extent F", true, "<i", []int{3, 0, 2}, []int{4, 12, 12}, 0, true, true, 4},
		{"unit extents", false, "<q", []int{1, 3, 1}, []int{24, 8, 8}, 3, true, true, 8},
		{"record", false, "<id", []int{2}, []int{12}, 2, true, true, 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mk := ndview.New
			if tc.fortran {
				mk = ndview.NewFortran
			}
			v := nvMust(mk(buf, tc.fmt, tc.shape...))
			if diff := cmp.Diff(nvShapeStrides{append([]int{}, tc.shape...), tc.strides, 0}, nvGeom(v)); diff != "" {
				t.Errorf("geometry (-want +got):\n%s", diff)
			}
			if v.NDim() != len(tc.shape) || v.Len() != tc.len || v.ItemSize() != tc.itemsize || v.NBytes() != tc.len*tc.itemsize {
				t.Errorf("NDim %d Len %d ItemSize %d NBytes %d", v.NDim(), v.Len(), v.ItemSize(), v.NBytes())
			}
			if v.IsCContiguous() != tc.c || v.IsFContiguous() != tc.f || v.IsContiguous() != (tc.c || tc.f) {
				t.Errorf("C %v F %v any %v, want %v %v", v.IsCContiguous(), v.IsFContiguous(), v.IsContiguous(), tc.c, tc.f)
			}
			if v.ItemFormat().String() != tc.fmt {
				t.Errorf("Format %q, want %q", v.ItemFormat().String(), tc.fmt)
			}
			if v.ReadOnly() {
				t.Error("New gave a read-only view")
			}
			if !nvSameMemory(v.Buffer(), buf) || len(v.Buffer()) != len(buf) {
				t.Error("Buffer is not the buffer given")
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		n     int
		fmt   string
		shape []int
		want  error
	}{
		{"too small", 11, "<i", []int{3}, ndview.ErrLayout},
		{"too small 2-d", 23, "B", []int{2, 3, 4}, ndview.ErrLayout},
		{"negative extent", 100, "B", []int{-1}, ndview.ErrLayout},
		{"overflow", 100, "<d", []int{1 << 40, 1 << 40}, ndview.ErrLayout},
		{"65 dims", 100, "B", make([]int, 65), ndview.ErrLayout},
		{"bad format", 100, "i{", []int{1}, format.ErrSyntax},
		{"bad format char", 100, "y", []int{1}, format.ErrSyntax},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, mk := range []func([]byte, string, ...int) (ndview.View, error){ndview.New, ndview.NewFortran} {
				if _, err := mk(make([]byte, tc.n), tc.fmt, tc.shape...); !errors.Is(err, tc.want) {
					t.Errorf("error %v, want %v", err, tc.want)
				}
			}
		})
	}
	// A buffer longer than needed is fine, and so is an empty view of an
	// empty buffer.
	if _, err := ndview.New(make([]byte, 13), "<i", 3); err != nil {
		t.Error(err)
	}
	if _, err := ndview.New(nil, "<i", 0, 5); err != nil {
		t.Error(err)
	}
	// A 0-d view needs one item.
	if _, err := ndview.New(make([]byte, 7), "<d"); !errors.Is(err, ndview.ErrLayout) {
		t.Errorf("0-d view of 7 bytes as d: %v", err)
	}
}

func TestMake(t *testing.T) {
	v := nvMust(ndview.Make("<i", 3, 4))
	if len(v.Buffer()) != 48 || v.NBytes() != 48 || !v.IsCContiguous() || v.ReadOnly() {
		t.Errorf("Make: buffer %d, nbytes %d", len(v.Buffer()), v.NBytes())
	}
	for _, b := range v.Buffer() {
		if b != 0 {
			t.Fatal("Make buffer not zeroed")
		}
	}
	if v := nvMust(ndview.Make("<d")); len(v.Buffer()) != 8 || v.NDim() != 0 {
		t.Errorf("0-d Make: %d bytes, ndim %d", len(v.Buffer()), v.NDim())
	}
	if v := nvMust(ndview.Make("<d", 4, 0)); len(v.Buffer()) != 0 || v.Len() != 0 {
		t.Errorf("empty Make: %d bytes", len(v.Buffer()))
	}
	// (0, huge) is an empty shape, not an overflow, as in NumPy, as long
	// as itemsize times the non-zero extents fits an int (NumPy: "array is
	// too big" for np.empty((0, 2**62), 'f8')).
	if v, err := ndview.Make("<d", 0, 1<<59); err != nil || v.Len() != 0 {
		t.Errorf("Make(0, 1<<59) = %v, %v", v.Shape(), err)
	}
	if _, err := ndview.Make("<d", 0, 1<<62); !errors.Is(err, ndview.ErrLayout) {
		t.Errorf("Make(0, 1<<62) of d: %v, want ErrLayout", err)
	}
	m := nvMust(ndview.MakeOf(format.MustParse(">h"), 2))
	if m.ItemFormat().String() != ">h" || len(m.Buffer()) != 4 {
		t.Errorf("MakeOf: %q %d", m.ItemFormat().String(), len(m.Buffer()))
	}
	for _, tc := range []struct {
		name string
		f    func() error
		want error
	}{
		{"Make bad format", func() error { _, err := ndview.Make("Q{", 1); return err }, format.ErrSyntax},
		{"Make negative", func() error { _, err := ndview.Make("B", 2, -2); return err }, ndview.ErrLayout},
		{"Make overflow", func() error { _, err := ndview.Make("<d", math.MaxInt/4, 2); return err }, ndview.ErrLayout},
		{"Make overflow product", func() error { _, err := ndview.Make("B", 1<<32, 1<<32); return err }, ndview.ErrLayout},
		{"Make 65 dims", func() error { _, err := ndview.Make("B", make([]int, 65)...); return err }, ndview.ErrLayout},
		{"MakeOf nil", func() error { _, err := ndview.MakeOf(nil, 1); return err }, ndview.ErrLayout},
		{"MakeOf negative", func() error { _, err := ndview.MakeOf(format.MustParse("B"), -1); return err }, ndview.ErrLayout},
	} {
		if err := tc.f(); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestFromLayoutValidation(t *testing.T) {
	d := format.MustParse("<d")
	b := format.MustParse("B")
	many := func(n, e int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = e
		}
		return s
	}
	tests := []struct {
		name string
		n    int
		l    ndview.Layout
		ok   bool
	}{
		{"nil format", 8, ndview.Layout{Shape: []int{1}}, false},
		{"itemsize 0 means format's", 16, ndview.Layout{Format: d, Shape: []int{2}}, true},
		{"itemsize equal", 16, ndview.Layout{Format: d, ItemSize: 8, Shape: []int{2}}, true},
		{"itemsize larger", 32, ndview.Layout{Format: d, ItemSize: 16, Shape: []int{2}}, false},
		{"itemsize smaller", 32, ndview.Layout{Format: d, ItemSize: 4, Shape: []int{2}}, false},
		{"itemsize negative", 32, ndview.Layout{Format: d, ItemSize: -8, Shape: []int{2}}, false},
		{"exact fit", 24, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{8}}, true},
		{"one byte short", 23, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{8}}, false},
		{"offset pushes out", 24, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{8}, Offset: 1}, false},
		{"odd offset fits", 25, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{8}, Offset: 1}, true},
		{"odd stride", 8 + 2*9, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{9}}, true},
		{"overlapping stride", 10, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{1}}, true},
		{"negative stride at 0", 24, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{-8}}, false},
		{"negative stride at end", 24, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{-8}, Offset: 16}, true},
		{"negative stride one short", 24, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{-8}, Offset: 15}, false},
		{"mixed strides", 12, ndview.Layout{Format: b, Shape: []int{2, 3}, Strides: []int{-3, -2}, Offset: 7}, true},
		{"mixed strides low", 12, ndview.Layout{Format: b, Shape: []int{2, 3}, Strides: []int{-3, -2}, Offset: 5}, false},
		{"zero strides", 1, ndview.Layout{Format: b, Shape: []int{4, 4}, Strides: []int{0, 0}}, true},
		{"zero strides at end", 4, ndview.Layout{Format: b, Shape: []int{4, 4}, Strides: []int{0, 0}, Offset: 4}, false},
		{"negative offset", 24, ndview.Layout{Format: d, Shape: []int{1}, Strides: []int{8}, Offset: -1}, false},
		{"negative offset contiguous", 24, ndview.Layout{Format: d, Shape: []int{1}, Offset: -8}, false},
		{"strides count", 24, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{8, 8}}, false},
		{"strides empty for 1-d", 24, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{}}, false},
		{"negative extent", 24, ndview.Layout{Format: d, Shape: []int{-1}, Strides: []int{8}}, false},
		{"negative extent in empty", 24, ndview.Layout{Format: d, Shape: []int{0, -1}, Strides: []int{8, 8}}, false},
		{"empty at end", 24, ndview.Layout{Format: d, Shape: []int{0}, Strides: []int{8}, Offset: 24}, true},
		{"empty past end", 24, ndview.Layout{Format: d, Shape: []int{0}, Strides: []int{8}, Offset: 25}, false},
		{"empty negative offset", 24, ndview.Layout{Format: d, Shape: []int{0}, Strides: []int{8}, Offset: -1}, false},
		{"empty wild strides", 24, ndview.Layout{Format: d, Shape: []int{5, 0, 100}, Strides: []int{math.MaxInt, 1000, math.MinInt}, Offset: 3}, true},
		{"empty of empty buffer", 0, ndview.Layout{Format: d, Shape: []int{0}}, true},
		{"empty huge extents", 0, ndview.Layout{Format: b, Shape: []int{0, math.MaxInt}, Strides: []int{8, 8}}, true},
		{"empty huge extents overflow", 0, ndview.Layout{Format: d, Shape: []int{0, math.MaxInt}, Strides: []int{8, 8}}, false},
		{"0-d", 8, ndview.Layout{Format: d}, true},
		{"0-d at end", 16, ndview.Layout{Format: d, Offset: 8}, true},
		{"0-d past end", 16, ndview.Layout{Format: d, Offset: 9}, false},
		{"0-d empty strides", 8, ndview.Layout{Format: d, Shape: []int{}, Strides: []int{}}, true},
		{"contiguous at offset", 40, ndview.Layout{Format: d, Shape: []int{2, 2}, Offset: 8}, true},
		{"contiguous at offset short", 39, ndview.Layout{Format: d, Shape: []int{2, 2}, Offset: 8}, false},
		{"huge extents overflow", 1 << 10, ndview.Layout{Format: d, Shape: []int{1 << 62, 1 << 62}, Strides: []int{0, 0}}, false},
		{"huge extent zero stride", 8, ndview.Layout{Format: b, Shape: []int{1 << 62}, Strides: []int{0}}, true},
		{"huge stride", 1 << 10, ndview.Layout{Format: b, Shape: []int{2}, Strides: []int{math.MaxInt}}, false},
		{"huge negative stride", 1 << 10, ndview.Layout{Format: b, Shape: []int{2}, Strides: []int{math.MinInt}, Offset: 5}, false},
		{"min stride extent 1", 1, ndview.Layout{Format: b, Shape: []int{1}, Strides: []int{math.MinInt}}, true},
		{"stride times extent overflows", 1 << 10, ndview.Layout{Format: b, Shape: []int{3, 3}, Strides: []int{math.MaxInt / 2, -(math.MaxInt / 2)}, Offset: 100}, false},
		{"spans sum overflows", 1 << 10, ndview.Layout{Format: b, Shape: []int{2, 2}, Strides: []int{math.MaxInt / 2, math.MaxInt / 2}}, false},
		{"offset overflow", 1 << 10, ndview.Layout{Format: d, Shape: []int{1}, Strides: []int{8}, Offset: math.MaxInt - 3}, false},
		{"64 dims", 1, ndview.Layout{Format: b, Shape: many(64, 1), Strides: many(64, 0)}, true},
		{"64 dims contiguous", 1, ndview.Layout{Format: b, Shape: many(64, 1)}, true},
		{"65 dims", 1, ndview.Layout{Format: b, Shape: many(65, 1), Strides: many(65, 0)}, false},
		{"65 dims contiguous", 1, ndview.Layout{Format: b, Shape: many(65, 1)}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := ndview.FromLayout(make([]byte, tc.n), tc.l)
			if tc.ok {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if v.NDim() != len(tc.l.Shape) || v.Offset() != tc.l.Offset {
					t.Errorf("ndim %d offset %d", v.NDim(), v.Offset())
				}
				if tc.l.Strides != nil {
					if diff := cmp.Diff(tc.l.Strides, v.Strides()); diff != "" {
						t.Errorf("strides (-want +got):\n%s", diff)
					}
				}
				return
			}
			if !errors.Is(err, ndview.ErrLayout) {
				t.Fatalf("error %v, want ErrLayout", err)
			}
		})
	}
}

// Every valid layout reaches only bytes inside the buffer: reading every
// element through Item, a random stress test of construction checks.
func TestFromLayoutRandomInBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := r.IntN(40)
		nd := r.IntN(4)
		shape := make([]int, nd)
		strides := make([]int, nd)
		for i := range shape {
			shape[i] = r.IntN(4)
			strides[i] = r.IntN(21) - 10
		}
		off := r.IntN(44) - 2
		l := ndview.Layout{Format: format.MustParse("<h"), Shape: shape, Strides: strides, Offset: off}
		buf := make([]byte, n)
		v, err := ndview.FromLayout(buf, l)
		// FromStrides is the same function with the parts as arguments.
		w, err2 := ndview.FromStrides(buf, l.Format, shape, strides, off)
		if (err == nil) != (err2 == nil) || (err == nil && !cmp.Equal(v.Layout(), w.Layout(), cmp.Comparer(func(a, b *format.Format) bool { return a == b }))) {
			t.Fatalf("n=%d %+v: FromLayout gave %v, FromStrides %v", n, l, err, err2)
		}
		// The rule, computed directly.
		empty := false
		lo, hi := off, off+2
		for i, e := range shape {
			if e == 0 {
				empty = true
			}
			if e > 0 {
				s := (e - 1) * strides[i]
				if s < 0 {
					lo += s
				} else {
					hi += s
				}
			}
		}
		want := lo >= 0 && hi <= n
		if empty {
			want = off >= 0 && off <= n
		}
		if want != (err == nil) {
			t.Fatalf("n=%d %+v: err %v, want ok=%v", n, l, err, want)
		}
		if err != nil {
			if !errors.Is(err, ndview.ErrLayout) {
				t.Fatalf("error %v does not match ErrLayout", err)
			}
			continue
		}
		for idx := range v.All() {
			_ = v.Item(idx...) // would panic if out of the buffer
		}
	}
}

// FromStrides leaves shape and strides arrays on the caller's stack:
// building a view of up to four dimensions allocates nothing.
func TestFromStridesAllocatesNothing(t *testing.T) {
	buf := make([]byte, 64)
	f := format.MustParse("<i")
	allocs := testing.AllocsPerRun(100, func() {
		shape := [3]int{2, 2, 2}
		strides := [3]int{-16, 4, 8}
		v, err := ndview.FromStrides(buf, f, shape[:], strides[:], 16)
		if err != nil || v.Len() != 8 {
			t.Fatalf("FromStrides: %v", err)
		}
		c, err := ndview.FromStrides(buf, f, shape[:], nil, 4)
		if err != nil || !c.IsCContiguous() || c.Offset() != 4 {
			t.Fatalf("FromStrides C-contiguous: %v", err)
		}
	})
	if allocs != 0 {
		t.Errorf("FromStrides allocates %v times per call pair, want 0", allocs)
	}
}

func TestFromLayoutCopiesAndLayoutRoundTrip(t *testing.T) {
	for _, nd := range []int{2, 4, 5, 7} {
		shape := make([]int, nd)
		strides := make([]int, nd)
		for i := range shape {
			shape[i] = 2
			strides[i] = 1 << (nd - 1 - i)
		}
		wantShape, wantStrides := append([]int{}, shape...), append([]int{}, strides...)
		buf := nvSeq(1 << nd)
		v := nvLayout(t, buf, "B", shape, strides, 0)
		shape[0], strides[0] = 99, 99 // the view keeps its own copy
		if diff := cmp.Diff(nvShapeStrides{wantShape, wantStrides, 0}, nvGeom(v)); diff != "" {
			t.Errorf("%d-d view changed with its input (-want +got):\n%s", nd, diff)
		}
		s := v.Shape()
		s[0] = 42
		st := v.Strides()
		st[0] = 42
		l := v.Layout()
		l.Shape[1], l.Strides[1] = 42, 42
		if diff := cmp.Diff(nvShapeStrides{wantShape, wantStrides, 0}, nvGeom(v)); diff != "" {
			t.Errorf("%d-d view changed through Shape/Strides/Layout results (-want +got):\n%s", nd, diff)
		}
		l = v.AsReadOnly().Layout()
		w := nvMust(ndview.FromLayout(v.Buffer(), l))
		if diff := cmp.Diff(nvGeom(v), nvGeom(w)); diff != "" || !w.ReadOnly() || w.ItemSize() != 1 || w.ItemFormat() != v.ItemFormat() {
			t.Errorf("Layout round trip differs (-v +w):\n%s", diff)
		}
		if !ndview.Equal(v, w) {
			t.Error("round-tripped view has different elements")
		}
	}
}

func TestDimStride(t *testing.T) {
	v := nvMust(ndview.New(nvSeq(200), "<h", 2, 3, 4))
	for i, want := range [][2]int{{2, 24}, {3, 8}, {4, 2}} {
		if v.Dim(i) != want[0] || v.Stride(i) != want[1] || v.Dim(i-3) != want[0] || v.Stride(i-3) != want[1] {
			t.Errorf("axis %d: Dim %d/%d Stride %d/%d, want %v", i, v.Dim(i), v.Dim(i-3), v.Stride(i), v.Stride(i-3), want)
		}
	}
	for _, i := range []int{3, -4, 100} {
		nvWantPanic(t, "Dim out of range", func() { v.Dim(i) })
		nvWantPanic(t, "Stride out of range", func() { v.Stride(i) })
	}
}

func TestContiguity(t *testing.T) {
	// The observed cases of the reference (§5.4), one-byte items.
	tests := []struct {
		shape, strides []int
		off            int
		c, f           bool
	}{
		{[]int{3, 4}, []int{4, 1}, 0, true, false},
		{[]int{3, 4}, []int{1, 3}, 0, false, true},
		{[]int{1, 12}, []int{99, 1}, 0, true, true},
		{[]int{12, 1}, []int{1, -5}, 0, true, true},
		{[]int{1, 12, 1}, []int{12, 1, 1}, 0, true, true},
		{[]int{3, 0}, []int{5, 7}, 0, true, true},
		{[]int{1}, []int{-1}, 0, true, true},
		{[]int{1}, []int{0}, 0, true, true},
		{[]int{12}, []int{-1}, 11, false, false},
		{[]int{6}, []int{2}, 0, false, false},
		{[]int{4}, []int{0}, 0, false, false},
		{[]int{2, 2}, []int{4, 1}, 0, false, false},
		{[]int{2, 3}, []int{3, 1}, 0, true, false},
		{[]int{3, 2}, []int{1, 3}, 0, false, true},
		{[]int{}, []int{}, 5, true, true},
		{[]int{0}, []int{3}, 0, true, true},
		{[]int{2, 1, 3}, []int{3, -100, 1}, 0, true, false},
	}
	for _, tc := range tests {
		v := nvLayout(t, nvSeq(12), "B", tc.shape, tc.strides, tc.off)
		if v.IsCContiguous() != tc.c || v.IsFContiguous() != tc.f || v.IsContiguous() != (tc.c || tc.f) {
			t.Errorf("shape %v strides %v: C %v F %v any %v, want C %v F %v", tc.shape, tc.strides, v.IsCContiguous(), v.IsFContiguous(), v.IsContiguous(), tc.c, tc.f)
		}
	}
	// With a larger itemsize, the strides must be multiples of it.
	v := nvLayout(t, make([]byte, 64), "<i", []int{2, 3}, []int{12, 4}, 0)
	if !v.IsCContiguous() || v.IsFContiguous() {
		t.Error("(2,3) i strides (12,4) should be C-contiguous only")
	}
	v = nvLayout(t, make([]byte, 64), "<i", []int{2, 3}, []int{6, 2}, 0)
	if v.IsCContiguous() || v.IsFContiguous() {
		t.Error("(2,3) i strides (6,2) overlap: not contiguous")
	}
}

func TestBytes(t *testing.T) {
	buf := nvSeq(64)
	v := nvMust(ndview.New(buf, "<h", 3, 4))
	b, ok := v.Bytes()
	if !ok || len(b) != 24 || cap(b) != 24 || !nvSameMemory(b, buf) {
		t.Fatalf("Bytes of a C view: ok %v len %d cap %d", ok, len(b), cap(b))
	}
	b[0] = 0xAA
	if buf[0] != 0xAA {
		t.Error("Bytes is not the view's memory")
	}
	row := nvMust(v.IndexString("1"))
	b, ok = row.Bytes()
	if !ok || nvOffsetIn(buf, b) != 8 || len(b) != 8 || cap(b) != 8 {
		t.Errorf("Bytes of row 1: ok %v at %d len %d cap %d", ok, nvOffsetIn(buf, b), len(b), cap(b))
	}
	for _, s := range []string{":, ::2", "::-1", ":, 1:3"} {
		if _, ok := nvMust(v.IndexString(s)).Bytes(); ok {
			t.Errorf("Bytes of [%s] should be false", s)
		}
	}
	if _, ok := v.T().Bytes(); ok {
		t.Error("Bytes of an F-contiguous 2-d view should be false")
	}
	e := nvMust(v.IndexString("2:2"))
	if b, ok := e.Bytes(); !ok || len(b) != 0 {
		t.Errorf("Bytes of an empty view: %v %v", b, ok)
	}
	if _, ok := (ndview.View{}).Bytes(); ok {
		t.Error("Bytes of the zero View should be false")
	}
	// One row of a view with a strided leading axis is C-contiguous.
	s := nvMust(v.IndexString("::2, :"))
	if _, ok := s.Bytes(); ok {
		t.Error("rows 0 and 2 are not contiguous")
	}
	if _, ok := nvMust(s.IndexString("1:2")).Bytes(); !ok {
		t.Error("a single row of a strided view is contiguous")
	}
}

func TestZeroView(t *testing.T) {
	var z ndview.View
	if z.Len() != 0 || z.NDim() != 0 || z.NBytes() != 0 || z.ItemFormat() != nil || z.Buffer() != nil || z.ReadOnly() {
		t.Errorf("zero View: len %d ndim %d nbytes %d", z.Len(), z.NDim(), z.NBytes())
	}
	if c := z.Clone(); c.ItemFormat() != nil || c.Len() != 0 {
		t.Error("Clone of the zero View has a format")
	}
	if b := z.ToBytes(ndview.COrder); len(b) != 0 {
		t.Errorf("ToBytes of the zero View: %v", b)
	}
	if !ndview.Equal(z, z) {
		t.Error("zero Views should be equal")
	}
	v := nvMust(ndview.Make("B", 0))
	if ndview.Equal(z, v) || ndview.Equal(v, z) {
		t.Error("the zero View should differ from a view with a format")
	}
	if _, err := ndview.As[uint8](z); !errors.Is(err, ndview.ErrType) {
		t.Errorf("As on the zero View: %v", err)
	}
	if err := z.Fill(1); !errors.Is(err, ndview.ErrType) {
		t.Errorf("Fill on the zero View: %v", err)
	}
	if err := z.CopyTo(v); !errors.Is(err, ndview.ErrType) {
		t.Errorf("CopyTo from the zero View: %v", err)
	}
	if err := v.CopyTo(z); !errors.Is(err, ndview.ErrType) {
		t.Errorf("CopyTo into the zero View: %v", err)
	}
	for range z.Runs() {
		t.Error("the zero View has runs")
	}
	for range z.Items() {
		t.Error("the zero View has items")
	}
	for range z.All() {
		t.Error("the zero View has elements")
	}
	if _, err := z.Reshape(1); !errors.Is(err, ndview.ErrShape) {
		t.Errorf("Reshape of the zero View: %v", err)
	}
	// The zero View has no element to address, not even a 0-d view's one:
	// element access panics as an index out of range does.
	for name, f := range map[string]func(){
		"Item":     func() { z.Item() },
		"Value":    func() { _, _ = z.Value() },
		"SetValue": func() { _ = z.SetValue(1.0) },
	} {
		if ok, val := nvPanics(f); !ok || !strings.Contains(fmt.Sprint(val), "zero View") {
			t.Errorf("%s on the zero View: panicked %v with %v", name, ok, val)
		}
	}
}

func TestAsReadOnly(t *testing.T) {
	v := nvArange(t, "<i", 4)
	r := v.AsReadOnly()
	if v.ReadOnly() || !r.ReadOnly() || !r.Layout().ReadOnly {
		t.Fatal("AsReadOnly flags")
	}
	if err := r.SetValue(7, 1); !errors.Is(err, ndview.ErrReadOnly) {
		t.Errorf("SetValue on read-only: %v", err)
	}
	if err := v.SetValue(7, 1); err != nil {
		t.Errorf("SetValue on the original: %v", err)
	}
	if x, _ := r.Value(1); x != int64(7) {
		t.Errorf("read-only view reads %v, want 7 (shared memory)", x)
	}
	// Every operation keeps the flag.
	ops := map[string]func(ndview.View) (ndview.View, error){
		"Index":      func(v ndview.View) (ndview.View, error) { return v.IndexString("::-1") },
		"T":          func(v ndview.View) (ndview.View, error) { return v.T(), nil },
		"Transpose":  func(v ndview.View) (ndview.View, error) { return v.Transpose(0) },
		"Flip":       func(v ndview.View) (ndview.View, error) { return v.Flip(0) },
		"ExpandDims": func(v ndview.View) (ndview.View, error) { return v.ExpandDims(0) },
		"Squeeze":    func(v ndview.View) (ndview.View, error) { return v.Squeeze() },
		"Reshape":    func(v ndview.View) (ndview.View, error) { return v.Reshape(2, 2) },
		"Diagonal": func(v ndview.View) (ndview.View, error) {
			w, err := v.Reshape(2, 2)
			if err != nil {
				return w, err
			}
			return w.Diagonal(0, 0, 1)
		},
	}
	for name, op := range ops {
		w := nvMust(op(r))
		if !w.ReadOnly() {
			t.Errorf("%s lost the read-only flag", name)
		}
		if w2 := nvMust(op(v)); w2.ReadOnly() {
			t.Errorf("%s made a writable view read-only", name)
		}
	}
	if c := r.Clone(); c.ReadOnly() {
		t.Error("Clone of a read-only view should be writable")
	}
}

// Views of more than four dimensions keep their shape and strides on the
// heap; no operation may change its input or share that memory with its
// result.
func TestHighDimOperationsDoNotMutate(t *testing.T) {
	v := nvArange(t, "<h", 2, 1, 3, 1, 2, 2)
	w := nvMust(v.Flip(2)) // non-trivial strides and offset
	want := nvGeom(w)
	wantList := nvList(t, w)
	check := func(name string) {
		t.Helper()
		if diff := cmp.Diff(want, nvGeom(w)); diff != "" {
			t.Fatalf("%s changed its input (-want +got):\n%s", name, diff)
		}
	}
	var results []ndview.View
	var geoms []nvShapeStrides
	keep := func(x ndview.View, err error) {
		t.Helper()
		x = nvMust(x, err)
		results = append(results, x)
		geoms = append(geoms, nvGeom(x))
	}
	keep(w.Index(ndview.Int(1)))
	check("Index int")
	keep(w.Index(ndview.Slice(ndview.None, ndview.None, -1), ndview.NewAxis, ndview.Ellipsis, ndview.Slice(1, ndview.None, 1)))
	check("Index slices")
	keep(w.IndexString("..., None, ::2"))
	check("IndexString")
	keep(w.T(), nil)
	check("T")
	keep(w.Transpose(5, 4, 3, 2, 1, 0))
	check("Transpose")
	keep(w.Transpose(1, 0, 3, 2, 5, 4))
	check("Transpose pairs")
	keep(w.SwapAxes(0, 5))
	check("SwapAxes")
	keep(w.Flip(0))
	check("Flip")
	keep(w.Flip(-1))
	check("Flip -1")
	keep(w.Squeeze())
	check("Squeeze")
	keep(w.Squeeze(1))
	check("Squeeze 1")
	keep(w.ExpandDims(3))
	check("ExpandDims")
	keep(w.BroadcastTo(3, 2, 1, 3, 1, 2, 2))
	check("BroadcastTo")
	keep(w.BroadcastTo(2, 4, 3, 5, 2, 2))
	check("BroadcastTo stretch")
	keep(w.Diagonal(0, 0, 2))
	check("Diagonal")
	keep(w.Diagonal(-1, 4, 5))
	check("Diagonal 4 5")
	keep(w.Reshape(2, 3, 4))
	check("Reshape")
	keep(w.Reshape(2, 3, 2, 1, 2, 1))
	check("Reshape same count")
	if _, err := w.Reshape(4, 3, 2); !errors.Is(err, ndview.ErrNeedsCopy) {
		t.Errorf("Reshape(4,3,2) of the flipped view: %v, want ErrNeedsCopy", err)
	}
	check("Reshape needing a copy")
	if _, err := w.Ravel(); !errors.Is(err, ndview.ErrNeedsCopy) {
		t.Errorf("Ravel of the flipped view: %v, want ErrNeedsCopy", err)
	}
	check("Ravel")
	keep(w.Clone().Ravel())
	keep(w.Reshape(2, 1, 3, 1, 2, 2)) // the same shape
	check("Reshape same shape")
	keep(w.AsReadOnly(), nil)
	check("AsReadOnly")
	_ = w.Clone()
	check("Clone")
	_ = w.ToBytes(ndview.FOrder)
	check("ToBytes F")
	if diff := cmp.Diff(wantList, nvList(t, w)); diff != "" {
		t.Errorf("elements changed (-want +got):\n%s", diff)
	}
	// The results are independent of each other, too.
	for i, x := range results {
		if diff := cmp.Diff(geoms[i], nvGeom(x)); diff != "" {
			t.Errorf("result %d changed after later operations (-want +got):\n%s", i, diff)
		}
	}
	// Chains of operations on a >4-d view, each step from a copy of the
	// value: the earlier view must survive.
	a := nvMust(w.Flip(0))
	ga := nvGeom(a)
	b := nvMust(a.SwapAxes(0, 1))
	c := nvMust(a.Transpose(5, 0, 1, 2, 3, 4))
	if diff := cmp.Diff(ga, nvGeom(a)); diff != "" {
		t.Errorf("chained operations changed their input (-want +got):\n%s", diff)
	}
	if b.Dim(0) != 1 || c.Dim(0) != 2 || c.Stride(0) != a.Stride(5) {
		t.Errorf("chained results wrong: %v %v", nvGeom(b), nvGeom(c))
	}
}

func TestMaxDims(t *testing.T) {
	ones := func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = 1
		}
		return s
	}
	v := nvMust(ndview.New(nvSeq(8), "B", ones(64)...))
	if v.NDim() != ndview.MaxDims || ndview.MaxDims != 64 {
		t.Fatalf("NDim %d", v.NDim())
	}
	if _, err := ndview.New(nvSeq(8), "B", ones(65)...); !errors.Is(err, ndview.ErrLayout) {
		t.Errorf("New with 65 dims: %v", err)
	}
	if _, err := v.ExpandDims(0); err == nil {
		t.Error("ExpandDims of a 64-d view should fail")
	}
	if _, err := v.Index(ndview.NewAxis); !errors.Is(err, ndview.ErrIndex) {
		t.Errorf("NewAxis on a 64-d view: %v", err)
	}
	if _, err := v.Index(ndview.Int(0), ndview.NewAxis, ndview.NewAxis); !errors.Is(err, ndview.ErrIndex) {
		t.Errorf("two NewAxis and one Int on a 64-d view: %v", err)
	}
	if w, err := v.Index(ndview.Int(0), ndview.NewAxis); err != nil || w.NDim() != 64 {
		t.Errorf("Int then NewAxis on a 64-d view: %v", err)
	}
	if _, err := v.Reshape(ones(65)...); !errors.Is(err, ndview.ErrShape) {
		t.Errorf("Reshape to 65 dims: %v", err)
	}
	if _, err := v.BroadcastTo(ones(65)...); !errors.Is(err, ndview.ErrShape) {
		t.Errorf("BroadcastTo 65 dims: %v", err)
	}
	w := nvMust(nvMust(ndview.New(nvSeq(8), "B", 8)).Reshape(append(ones(63), 8)...))
	if w.NDim() != 64 || w.Dim(63) != 8 || w.Stride(63) != 1 {
		t.Errorf("Reshape to 64 dims: %v", nvGeom(w))
	}
	idx := make([]ndview.Index, 64)
	for i := range idx {
		idx[i] = ndview.Int(0)
	}
	x := nvMust(v.Index(idx...))
	if x.NDim() != 0 || x.Item()[0] != 0 {
		t.Errorf("64 ints: ndim %d", x.NDim())
	}
	if got := nvMust(v.Squeeze()); got.NDim() != 0 {
		t.Errorf("Squeeze of 64 ones: ndim %d", got.NDim())
	}
	if got := v.T(); got.NDim() != 64 {
		t.Errorf("T of 64-d: ndim %d", got.NDim())
	}
}

func TestItemValueSetValue(t *testing.T) {
	buf := nvSeq(32)
	v := nvMust(ndview.New(buf, "<h", 2, 4))
	it := v.Item(1, 2)
	if len(it) != 2 || cap(it) != 2 || nvOffsetIn(buf, it) != 12 {
		t.Errorf("Item(1,2): len %d cap %d at %d", len(it), cap(it), nvOffsetIn(buf, it))
	}
	it[0] = 0xFF
	if buf[12] != 0xFF {
		t.Error("Item is not the buffer's memory")
	}
	_ = append(it, 0x77)
	if buf[14] != 14 {
		t.Error("appending to Item spilled into the next element")
	}
	for _, tc := range []struct {
		fmt   string
		bytes []byte
		want  any
	}{
		{"b", []byte{0xFF}, int64(-1)},
		{"B", []byte{0xFF}, uint64(255)},
		{"?", []byte{2}, true},
		{"?", []byte{0}, false},
		{"c", []byte{'z'}, []byte("z")},
		{"<h", []byte{1, 0x80}, int64(-32767)},
		{">H", []byte{1, 2}, uint64(258)},
		{"!i", []byte{0, 0, 1, 0}, int64(256)},
		{"<q", []byte{0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, int64(-2)},
		{">Q", []byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, uint64(math.MaxUint64)},
		{"<e", []byte{0x00, 0x3C}, 1.0},
		{">f", []byte{0x3F, 0xC0, 0, 0}, 1.5},
		{"<d", []byte{0, 0, 0, 0, 0, 0, 0xF8, 0x3F}, 1.5},
		{"<Zf", []byte{0, 0, 0x80, 0x3F, 0, 0, 0, 0x40}, complex(1, 2)},
		{"3s", []byte("abc"), []byte("abc")},
		{"<hh", []byte{1, 0, 2, 0}, []any{int64(1), int64(2)}},
		{"T{<h:a:B:b:}", []byte{3, 0, 4}, []any{int64(3), uint64(4)}},
	} {
		b := append([]byte{}, tc.bytes...)
		v := nvMust(ndview.New(b, tc.fmt))
		got, err := v.Value()
		if err != nil {
			t.Errorf("%s: Value: %v", tc.fmt, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: Value (-want +got):\n%s", tc.fmt, diff)
		}
		// Writing the value back leaves the bytes as they were, except for
		// ?, which stores 1 for true.
		if err := v.SetValue(got); err != nil {
			t.Errorf("%s: SetValue(%v): %v", tc.fmt, got, err)
		}
		want := tc.bytes
		if tc.fmt == "?" && tc.bytes[0] != 0 {
			want = []byte{1}
		}
		if diff := cmp.Diff(want, b); diff != "" {
			t.Errorf("%s: bytes after SetValue (-want +got):\n%s", tc.fmt, diff)
		}
	}
	// []byte values alias the buffer.
	s := nvMust(ndview.New([]byte("xyz"), "3s"))
	x, _ := s.Value()
	if !nvSameMemory(x.([]byte), s.Buffer()) {
		t.Error("Value of an s element should alias the buffer")
	}
	// Errors.
	i8 := nvMust(ndview.Make("b", 2))
	if err := i8.SetValue(200, 0); !errors.Is(err, ndview.ErrType) || !errors.Is(err, format.ErrRange) {
		t.Errorf("SetValue(200) into b: %v", err)
	}
	if err := i8.SetValue("x", 0); !errors.Is(err, ndview.ErrType) || !errors.Is(err, format.ErrType) {
		t.Errorf("SetValue(string) into b: %v", err)
	}
	if err := i8.SetValue(-5, 1); err != nil {
		t.Error(err)
	}
	if x, _ := i8.Value(1); x != int64(-5) {
		t.Errorf("Value after SetValue(-5): %v", x)
	}
	if b := i8.Buffer(); b[0] != 0 {
		t.Error("failed SetValue changed the element")
	}
	rec := nvMust(ndview.Make("<iB", 2))
	if err := rec.SetValue([]any{7, 8}, 1); err != nil {
		t.Fatal(err)
	}
	if x, _ := rec.Value(1); !cmp.Equal(x, []any{int64(7), uint64(8)}) {
		t.Errorf("record value %v", x)
	}
	if err := rec.SetValue([]any{7}, 0); !errors.Is(err, ndview.ErrType) || !errors.Is(err, format.ErrCount) {
		t.Errorf("record SetValue with one value: %v", err)
	}
	if err := rec.SetValue(1, 0); !errors.Is(err, ndview.ErrType) {
		t.Errorf("record SetValue with a scalar: %v", err)
	}
	if err := rec.AsReadOnly().SetValue([]any{1, 2}, 0); !errors.Is(err, ndview.ErrReadOnly) {
		t.Errorf("SetValue on read-only: %v", err)
	}
	op := nvMust(ndview.Make("O", 2))
	if _, err := op.Value(0); !errors.Is(err, format.ErrUnsupported) {
		t.Errorf("Value of an O element: %v", err)
	}
	if _, err := op.ToList(); !errors.Is(err, format.ErrUnsupported) {
		t.Errorf("ToList of O elements: %v", err)
	}
	// SetValue packs into a stack buffer: a value already boxed costs nothing.
	d, x, y := nvMust(ndview.Make("<d", 4)), any(1.5), any([]any{int64(1), int64(2)})
	if n := testing.AllocsPerRun(50, func() { _ = d.SetValue(x, 2) }); n != 0 {
		t.Errorf("SetValue of a float64 allocates %v times", n)
	}
	if n := testing.AllocsPerRun(50, func() { _ = rec.SetValue(y, 0) }); n != 0 {
		t.Errorf("SetValue of a record allocates %v times", n)
	}
}

func TestIndexPanics(t *testing.T) {
	v := nvArange(t, "<i", 2, 3)
	a := ndview.MustAs[int32](v)
	bad := [][]int{{2, 0}, {0, 3}, {-1, 0}, {0, -1}, {0}, {0, 0, 0}, {}, {math.MinInt, 0}}
	for _, idx := range bad {
		nvWantPanic(t, "Item", func() { v.Item(idx...) })
		nvWantPanic(t, "Value", func() { _, _ = v.Value(idx...) })
		nvWantPanic(t, "SetValue", func() { _ = v.SetValue(1, idx...) })
		nvWantPanic(t, "SetValue read-only", func() { _ = v.AsReadOnly().SetValue(1, idx...) })
		nvWantPanic(t, "At", func() { ndview.At[int32](v, idx...) })
		nvWantPanic(t, "Set", func() { ndview.Set[int32](v, 1, idx...) })
		nvWantPanic(t, "Array.At", func() { a.At(idx...) })
		nvWantPanic(t, "Array.Set", func() { a.Set(1, idx...) })
	}
	// An empty view has no element to address.
	e := nvMust(v.IndexString(":0"))
	nvWantPanic(t, "Item of empty", func() { e.Item(0, 0) })
	// The 0-d view is addressed with no indices.
	z := nvMust(v.IndexString("1, 2"))
	if x, _ := z.Value(); x != int64(5) {
		t.Errorf("0-d Value %v", x)
	}
	nvWantPanic(t, "0-d Item(0)", func() { z.Item(0) })
	// None of the panics wrote anything.
	if diff := cmp.Diff(nvL(nvL(0, 1, 2), nvL(3, 4, 5)), nvInts(nvList(t, v))); diff != "" {
		t.Errorf("elements changed (-want +got):\n%s", diff)
	}
}

func TestToList(t *testing.T) {
	v := nvArange(t, "<i", 2, 3)
	if diff := cmp.Diff(nvL(nvL(0, 1, 2), nvL(3, 4, 5)), nvInts(nvList(t, v))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(nvL(nvL(0, 3), nvL(1, 4), nvL(2, 5)), nvInts(nvList(t, v.T()))); diff != "" {
		t.Errorf("T (-want +got):\n%s", diff)
	}
	z := nvMust(v.IndexString("1, 1"))
	if got := nvList(t, z); got != int64(4) {
		t.Errorf("0-d ToList %v (%T), want bare 4", got, got)
	}
	e := nvMust(v.IndexString(":, :0"))
	if diff := cmp.Diff(nvL(nvL(), nvL()), nvList(t, e)); diff != "" {
		t.Errorf("(2,0) (-want +got):\n%s", diff)
	}
	e = nvMust(v.IndexString(":0"))
	if diff := cmp.Diff(nvL(), nvList(t, e)); diff != "" {
		t.Errorf("(0,3) (-want +got):\n%s", diff)
	}
	rec := nvMust(ndview.New([]byte{1, 2, 3, 4}, "BB", 2))
	if diff := cmp.Diff(nvL(nvL(uint64(1), uint64(2)), nvL(uint64(3), uint64(4))), nvList(t, rec)); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
}

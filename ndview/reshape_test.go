package ndview_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/ndview"
)

// The reference's table of NumPy 1.24 reshapes (§6.2): which ones are
// views, with their strides, and which ones copy.
func TestReshapeNumPyTable(t *testing.T) {
	A := nvArange(t, "<i", 2, 3, 4) // (48, 16, 4)
	idx := func(v ndview.View, s string) ndview.View { return nvMust(v.IndexString(s)) }
	r24 := idx(nvArange(t, "<i", 24), "::3")
	bc := nvMust(nvArange(t, "<q", 3).BroadcastTo(4, 3))
	z := idx(nvMust(ndview.Make("<d", 3, 4)), ":, :0")
	F := nvMust(ndview.NewFortran(A.Clone().Buffer(), "<i", 2, 3, 4))
	tests := []struct {
		name    string
		src     ndview.View
		shape   []int
		strides []int // nil: needs a copy
	}{
		{"A", A, []int{6, 4}, []int{16, 4}},
		{"A", A, []int{2, 12}, []int{48, 4}},
		{"A", A, []int{24}, []int{4}},
		{"A", A, []int{4, 3, 2}, []int{24, 8, 4}},
		{"A", A, []int{-1, 4}, []int{16, 4}},
		{"A[:,:,::2]", idx(A, ":, :, ::2"), []int{6, 2}, []int{16, 8}},
		{"A[:,:,::2]", idx(A, ":, :, ::2"), []int{2, 6}, []int{48, 8}},
		{"A[:,:,::2]", idx(A, ":, :, ::2"), []int{12}, []int{8}},
		{"A[:,::2,:]", idx(A, ":, ::2, :"), []int{2, 8}, nil},
		{"A[:,::2,:]", idx(A, ":, ::2, :"), []int{4, 4}, nil},
		{"A[:,::2,:]", idx(A, ":, ::2, :"), []int{2, 2, 2, 2}, []int{48, 32, 8, 4}},
		{"A[::-1]", idx(A, "::-1"), []int{2, 12}, []int{-48, 4}},
		{"A[::-1]", idx(A, "::-1"), []int{6, 4}, nil},
		{"A[::-1]", idx(A, "::-1"), []int{24}, nil},
		{"A[:,:,::-1]", idx(A, ":, :, ::-1"), []int{6, 4}, []int{16, -4}},
		{"A.T", A.T(), []int{4, 6}, nil},
		{"A.T", A.T(), []int{24}, nil},
		{"A[:,1:2,:]", idx(A, ":, 1:2, :"), []int{2, 4}, []int{48, 4}},
		{"A[:,1:2,:]", idx(A, ":, 1:2, :"), []int{2, 1, 1, 4}, []int{48, 16, 16, 4}},
		{"A[:,1:2,:]", idx(A, ":, 1:2, :"), []int{8}, nil},
		{"A[:,:,1:3]", idx(A, ":, :, 1:3"), []int{6, 2}, []int{16, 4}},
		{"A[:,:,1:3]", idx(A, ":, :, 1:3"), []int{2, 6}, nil},
		{"arange(24)[::3]", r24, []int{2, 4}, []int{48, 12}},
		{"arange(24)[::3]", r24, []int{2, 2, 2}, []int{48, 24, 12}},
		{"arange(24)[::3]", r24, []int{8, 1}, []int{12, 12}},
		{"arange(24)[::3]", r24, []int{1, 8, 1}, []int{96, 12, 12}},
		{"broadcast", bc, []int{12}, nil},
		{"broadcast", bc, []int{2, 2, 3}, []int{0, 0, 8}},
		{"zeros[:, :0]", z, []int{0, 3}, []int{24, 8}},
		{"zeros[:, :0]", z, []int{-1}, []int{8}},
		{"asfortranarray(A)", F, []int{6, 4}, nil},
		{"asfortranarray(A)", F, []int{2, 3, 4}, []int{4, 8, 24}},
	}
	for _, tc := range tests {
		w, err := tc.src.Reshape(tc.shape...)
		if tc.strides == nil {
			if !errors.Is(err, ndview.ErrNeedsCopy) {
				t.Errorf("%s %v -> %v: %v (%v), want ErrNeedsCopy", tc.name, tc.src.Shape(), tc.shape, err, nvGeom(w))
			}
			if errors.Is(err, ndview.ErrShape) {
				t.Errorf("%s -> %v: a copy-needed error should not match ErrShape", tc.name, tc.shape)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s -> %v: %v", tc.name, tc.shape, err)
			continue
		}
		if diff := cmp.Diff(tc.strides, w.Strides()); diff != "" {
			t.Errorf("%s -> %v strides (-numpy +got):\n%s", tc.name, tc.shape, diff)
		}
		if w.Offset() != tc.src.Offset() || w.ReadOnly() != tc.src.ReadOnly() {
			t.Errorf("%s -> %v: offset %d read-only %v", tc.name, tc.shape, w.Offset(), w.ReadOnly())
		}
		if diff := cmp.Diff(nvRefBytes(tc.src), w.ToBytes(ndview.COrder)); diff != "" {
			t.Errorf("%s -> %v: elements in C order changed:\n%s", tc.name, tc.shape, diff)
		}
	}
}

func TestReshapeUnknownAndErrors(t *testing.T) {
	v := nvArange(t, "<h", 4, 6)
	for _, tc := range []struct {
		shape []int
		want  []int
	}{
		{[]int{-1}, []int{24}},
		{[]int{-1, 2}, []int{12, 2}},
		{[]int{2, -1, 3}, []int{2, 4, 3}},
		{[]int{1, -1, 1}, []int{1, 24, 1}},
		{[]int{24, 1, -1}, []int{24, 1, 1}},
		{[]int{4, 6}, []int{4, 6}},
	} {
		w := nvMust(v.Reshape(tc.shape...))
		if diff := cmp.Diff(tc.want, w.Shape()); diff != "" {
			t.Errorf("Reshape%v (-want +got):\n%s", tc.shape, diff)
		}
		if !w.IsCContiguous() {
			t.Errorf("Reshape%v of a C view is not C-contiguous: %v", tc.shape, w.Strides())
		}
	}
	for _, shape := range [][]int{
		{-1, -1},
		{-2, 12},
		{5, 5},
		{25},
		{0},
		{-1, 5},
		{0, -1},
		{-1, 0},
		{math.MaxInt, 2},
		{1 << 40, 1 << 40, 0},
		{math.MinInt},
		{},
		make([]int, 65),
	} {
		w, err := v.Reshape(shape...)
		if !errors.Is(err, ndview.ErrShape) {
			t.Errorf("Reshape%v: %v (%v), want ErrShape", shape, err, w.Shape())
		}
		if w.ItemFormat() != nil || w.NDim() != 0 || w.Buffer() != nil {
			t.Errorf("Reshape%v: error with a non-zero view %v", shape, nvGeom(w))
		}
	}
	// A 0-size view reshapes to any 0-size shape, but not with (0, -1).
	e := nvMust(ndview.Make("<h", 0, 3))
	for _, shape := range [][]int{{0}, {3, 0, 5}, {-1}, {0, 0}, {-1, 7}} {
		if w, err := e.Reshape(shape...); err != nil || w.Len() != 0 {
			t.Errorf("Reshape%v of (0,3): %v", shape, err)
		}
	}
	for _, shape := range [][]int{{0, -1}, {-1, 7, 0}} {
		if _, err := e.Reshape(shape...); !errors.Is(err, ndview.ErrShape) {
			t.Errorf("Reshape%v of an empty view: %v", shape, err)
		}
	}
	if _, err := e.Reshape(1); !errors.Is(err, ndview.ErrShape) {
		t.Errorf("Reshape(1) of an empty view: %v", err)
	}
	// Empty views with any strides reshape, with contiguous strides.
	we := nvLayout(t, make([]byte, 8), "<h", []int{3, 0}, []int{-6, 100}, 4)
	w := nvMust(we.Reshape(0, 2))
	if diff := cmp.Diff(nvShapeStrides{[]int{0, 2}, []int{4, 2}, 4}, nvGeom(w)); diff != "" {
		t.Errorf("reshape of an odd empty view:\n%s", diff)
	}
}

func TestReshapeZeroDim(t *testing.T) {
	v := nvArange(t, "<d", 1)
	z := nvMust(v.Reshape())
	if z.NDim() != 0 || z.Len() != 1 {
		t.Fatalf("Reshape() of one element: %v", nvGeom(z))
	}
	w := nvMust(z.Reshape(1, 1, 1))
	if diff := cmp.Diff([]int{1, 1, 1}, w.Shape()); diff != "" {
		t.Errorf("0-d to (1,1,1):\n%s", diff)
	}
	if r := nvMust(z.Ravel()); !cmp.Equal(r.Shape(), []int{1}) {
		t.Errorf("Ravel of 0-d: %v", r.Shape())
	}
	// A single element with a strange stride is contiguous anyway.
	s := nvMust(nvArange(t, "<d", 5).IndexString("3:4"))
	if r := nvMust(s.Reshape()); r.Offset() != 24 || r.NDim() != 0 {
		t.Errorf("0-d reshape of one strided element: %v", nvGeom(r))
	}
	if _, err := nvArange(t, "<d", 2).Reshape(); !errors.Is(err, ndview.ErrShape) {
		t.Errorf("Reshape() of two elements: %v", err)
	}
}

func TestRavel(t *testing.T) {
	v := nvArange(t, "<i", 3, 4)
	r := nvMust(v.Ravel())
	if diff := cmp.Diff(nvShapeStrides{[]int{12}, []int{4}, 0}, nvGeom(r)); diff != "" {
		t.Errorf("Ravel of C (-want +got):\n%s", diff)
	}
	for _, s := range []string{":, 1:", "::2, ::-1", ":, :3"} {
		w := nvMust(v.IndexString(s))
		if _, err := w.Ravel(); !errors.Is(err, ndview.ErrNeedsCopy) {
			t.Errorf("Ravel of [%s]: %v, want ErrNeedsCopy", s, err)
		}
		// Clone first, as the error says.
		c := nvMust(w.Clone().Ravel())
		if diff := cmp.Diff(w.ToBytes(ndview.COrder), c.ToBytes(ndview.COrder)); diff != "" {
			t.Errorf("Clone().Ravel() of [%s]:\n%s", s, diff)
		}
	}
	// Strided views whose dimensions merge ravel without a copy.
	for _, tc := range []struct {
		s      string
		stride int
		off    int
	}{{":, ::2", 8, 0}, {"::-1, ::-1", -4, 44}, {"1:2, ::-1", -4, 28}} {
		w := nvMust(v.IndexString(tc.s))
		if _, err := w.Ravel(); errors.Is(err, ndview.ErrNeedsCopy) {
			t.Errorf("Ravel of [%s]: %v", tc.s, err)
			continue
		}
		r := nvMust(w.Ravel())
		if diff := cmp.Diff(nvShapeStrides{[]int{w.Len()}, []int{tc.stride}, tc.off}, nvGeom(r)); diff != "" {
			t.Errorf("Ravel of [%s] (-want +got):\n%s", tc.s, diff)
		}
	}
	if _, err := v.T().Ravel(); !errors.Is(err, ndview.ErrNeedsCopy) {
		t.Errorf("Ravel of an F view: %v", err)
	}
	// Rows of a strided leading axis ravel.
	w := nvMust(v.IndexString("::2"))
	if _, err := w.Ravel(); !errors.Is(err, ndview.ErrNeedsCopy) {
		t.Errorf("Ravel of rows 0 and 2: %v", err)
	}
	f := nvMust(v.IndexString("::-1, :"))
	if _, err := f.Ravel(); !errors.Is(err, ndview.ErrNeedsCopy) {
		t.Errorf("Ravel of reversed rows: %v", err)
	}
	col := nvMust(v.IndexString(":, 1"))
	if r := nvMust(col.Ravel()); r.Stride(0) != 16 || r.Offset() != 4 {
		t.Errorf("Ravel of a column: %v", nvGeom(r))
	}
}

// Same shape returns the view with its strides, whatever they are, as
// NumPy does.
func TestReshapeSameShapeKeepsStrides(t *testing.T) {
	v := nvMust(nvArange(t, "<i", 3, 4).IndexString("::-1, ::2"))
	w := nvMust(v.Reshape(3, 2))
	if diff := cmp.Diff(nvGeom(v), nvGeom(w)); diff != "" {
		t.Errorf("same shape:\n%s", diff)
	}
	w = nvMust(v.Reshape(-1, 2))
	if diff := cmp.Diff(nvGeom(v), nvGeom(w)); diff != "" {
		t.Errorf("same shape with -1:\n%s", diff)
	}
}

// A random property test: whenever Reshape succeeds its result holds the
// source's elements in C order, and Reshape of a C-contiguous view always
// succeeds with C strides.
func TestReshapeRandomProperty(t *testing.T) {
	r := nvRand(7)
	shapes := [][]int{{24}, {2, 12}, {4, 6}, {2, 3, 4}, {4, 3, 2}, {2, 2, 2, 3}, {1, 24, 1}, {3, 8}, {6, 1, 4}}
	for range 500 {
		base := nvArange(t, "<h", 2, 3, 4)
		src := base
		for range r.IntN(4) {
			switch r.IntN(4) {
			case 0:
				src = src.T()
			case 1:
				src = nvMust(src.Flip(r.IntN(src.NDim())))
			case 2:
				p := r.Perm(src.NDim())
				src = nvMust(src.Transpose(p...))
			case 3:
				if w, err := src.Reshape(shapes[r.IntN(len(shapes))]...); err == nil {
					src = w
				}
			}
		}
		shape := shapes[r.IntN(len(shapes))]
		w, err := src.Reshape(shape...)
		if src.IsCContiguous() && err != nil {
			t.Fatalf("Reshape%v of C-contiguous %v failed: %v", shape, nvGeom(src), err)
		}
		if err != nil {
			if !errors.Is(err, ndview.ErrNeedsCopy) {
				t.Fatalf("Reshape%v of %v: %v", shape, nvGeom(src), err)
			}
			continue
		}
		if diff := cmp.Diff(nvRefBytes(src), nvRefBytes(w)); diff != "" {
			t.Fatalf("Reshape%v of %v = %v changed the C-order elements:\n%s", shape, nvGeom(src), nvGeom(w), diff)
		}
	}
}

// A regression test for a bug this suite found: Reshape's fast path for
// C-contiguous views (reshapeContiguous) multiplied the new extents without
// an overflow check. These four extents multiply to 2^64 + 2604432, which
// wraps to the view's 2604432 elements, so Reshape accepted them and
// returned a view addressing bytes far outside its buffer (strides up to
// 3e14), through which typed At read wild memory. The general path refuses
// the same shape with ErrShape ("overflows"), as the five-dimensional form
// shows.
func TestReshapeContiguousOverflow(t *testing.T) {
	const n = 2604432
	shape := []int{61592, 61754, 61759, 78529}
	v := nvMust(ndview.Make("B", n))
	if _, err := v.Reshape(append(shape, 1)...); !errors.Is(err, ndview.ErrShape) {
		t.Errorf("Reshape%v: %v, want ErrShape", append(shape, 1), err)
	}
	w, err := v.Reshape(shape...)
	if !errors.Is(err, ndview.ErrShape) {
		t.Errorf("Reshape%v of %d elements: err %v, want ErrShape; got shape %v strides %v", shape, n, err, w.Shape(), w.Strides())
	}
	if err == nil {
		if _, lerr := ndview.FromLayout(w.Buffer(), w.Layout()); lerr == nil {
			t.Error("the result is a valid layout?")
		} else {
			t.Errorf("the result is not a valid layout of its buffer: %v", lerr)
		}
	}
	// The same with -1 goes through the checked path.
	if _, err := v.Reshape(shape[0], shape[1], shape[2], -1); !errors.Is(err, ndview.ErrShape) {
		t.Errorf("Reshape with -1: %v, want ErrShape", err)
	}
}

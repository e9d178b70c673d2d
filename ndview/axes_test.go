package ndview_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/ndview"
)

func TestTranspose(t *testing.T) {
	a := nvArange(t, "<i", 2, 3, 4) // strides (48, 16, 4), NumPy's A
	for _, tc := range []struct {
		name    string
		got     func() (ndview.View, error)
		shape   []int
		strides []int
	}{
		{"T", func() (ndview.View, error) { return a.T(), nil }, []int{4, 3, 2}, []int{4, 16, 48}},
		{"Transpose()", func() (ndview.View, error) { return a.Transpose() }, []int{4, 3, 2}, []int{4, 16, 48}},
		{"Transpose(1,0,2)", func() (ndview.View, error) { return a.Transpose(1, 0, 2) }, []int{3, 2, 4}, []int{16, 48, 4}},
		{"Transpose(-1,0,-2)", func() (ndview.View, error) { return a.Transpose(-1, 0, -2) }, []int{4, 2, 3}, []int{4, 48, 16}},
		{"Transpose(0,1,2)", func() (ndview.View, error) { return a.Transpose(0, 1, 2) }, []int{2, 3, 4}, []int{48, 16, 4}},
		{"SwapAxes(0,2)", func() (ndview.View, error) { return a.SwapAxes(0, 2) }, []int{4, 3, 2}, []int{4, 16, 48}},
		{"SwapAxes(-1,1)", func() (ndview.View, error) { return a.SwapAxes(-1, 1) }, []int{2, 4, 3}, []int{48, 4, 16}},
		{"SwapAxes(1,1)", func() (ndview.View, error) { return a.SwapAxes(1, 1) }, []int{2, 3, 4}, []int{48, 16, 4}},
	} {
		w := nvMust(tc.got())
		if diff := cmp.Diff(nvShapeStrides{tc.shape, tc.strides, 0}, nvGeom(w)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
		if diff := cmp.Diff(nvRefBytes(w), w.ToBytes(ndview.COrder)); diff != "" {
			t.Errorf("%s: elements differ from the reference:\n%s", tc.name, diff)
		}
	}
	at := a.T()
	if !at.IsFContiguous() || at.IsCContiguous() {
		t.Error("A.T should be F-contiguous only")
	}
	// Element (i,j,k) of A is element (k,j,i) of A.T.
	for idx := range a.All() {
		x, _ := a.Value(idx...)
		y, _ := at.Value(idx[2], idx[1], idx[0])
		if x != y {
			t.Fatalf("A%v = %v, A.T reversed = %v", idx, x, y)
		}
	}
	// T of 0-d and 1-d views changes nothing.
	for _, v := range []ndview.View{nvArange(t, "<i", 5), nvMust(a.IndexString("1, 2, 3"))} {
		if diff := cmp.Diff(nvGeom(v), nvGeom(v.T())); diff != "" {
			t.Errorf("T of a %d-d view:\n%s", v.NDim(), diff)
		}
		if diff := cmp.Diff(nvGeom(v), nvGeom(nvMust(v.Transpose()))); diff != "" {
			t.Errorf("Transpose() of a %d-d view:\n%s", v.NDim(), diff)
		}
	}
	for name, axes := range map[string][]int{
		"too few":      {0, 1},
		"too many":     {0, 1, 2, 3},
		"repeated":     {0, 1, 1},
		"repeated neg": {0, 2, -1},
		"out of range": {0, 1, 3},
		"below range":  {0, 1, -4},
		"huge":         {0, 1, math.MaxInt},
		"min":          {math.MinInt, 1, 2},
	} {
		if _, err := a.Transpose(axes...); !errors.Is(err, ndview.ErrAxis) {
			t.Errorf("Transpose %s %v: %v, want ErrAxis", name, axes, err)
		}
	}
	for _, ab := range [][2]int{{0, 3}, {-4, 0}, {1, math.MaxInt}, {math.MinInt, 0}} {
		if _, err := a.SwapAxes(ab[0], ab[1]); !errors.Is(err, ndview.ErrAxis) {
			t.Errorf("SwapAxes%v: %v, want ErrAxis", ab, err)
		}
	}
	z := nvMust(a.IndexString("0, 0, 0"))
	if _, err := z.SwapAxes(0, 0); !errors.Is(err, ndview.ErrAxis) {
		t.Errorf("SwapAxes on 0-d: %v", err)
	}
	if _, err := z.Transpose(0); !errors.Is(err, ndview.ErrAxis) {
		t.Errorf("Transpose(0) on 0-d: %v", err)
	}
	if diff := cmp.Diff(nvShapeStrides{[]int{2, 3, 4}, []int{48, 16, 4}, 0}, nvGeom(a)); diff != "" {
		t.Errorf("input changed:\n%s", diff)
	}
}

func TestFlip(t *testing.T) {
	m := nvMust(ndview.New(nvSeq(12), "B", 3, 4))
	f0 := nvMust(m.Flip(0))
	if diff := cmp.Diff(nvShapeStrides{[]int{3, 4}, []int{-4, 1}, 8}, nvGeom(f0)); diff != "" {
		t.Errorf("Flip(0) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(nvL(nvL(8, 9, 10, 11), nvL(4, 5, 6, 7), nvL(0, 1, 2, 3)), nvInts(nvList(t, f0))); diff != "" {
		t.Errorf("Flip(0) elements:\n%s", diff)
	}
	f1 := nvMust(m.Flip(-1))
	if diff := cmp.Diff(nvShapeStrides{[]int{3, 4}, []int{4, -1}, 3}, nvGeom(f1)); diff != "" {
		t.Errorf("Flip(-1) (-want +got):\n%s", diff)
	}
	both := nvMust(f0.Flip(1))
	want := nvMust(m.IndexString("::-1, ::-1"))
	if diff := cmp.Diff(nvGeom(want), nvGeom(both)); diff != "" {
		t.Errorf("Flip(0).Flip(1) differs from [::-1, ::-1]:\n%s", diff)
	}
	back := nvMust(f0.Flip(0))
	if diff := cmp.Diff(nvGeom(m), nvGeom(back)); diff != "" {
		t.Errorf("Flip twice is not the identity:\n%s", diff)
	}
	// Flip of a strided view.
	s := nvMust(m.IndexString("::2, 1::2")) // [[1,3],[9,11]]
	if diff := cmp.Diff(nvL(nvL(3, 1), nvL(11, 9)), nvInts(nvList(t, nvMust(s.Flip(1))))); diff != "" {
		t.Errorf("Flip of a strided view:\n%s", diff)
	}
	// An empty view flips without moving out of the buffer.
	e := nvMust(m.IndexString("3:"))
	fe := nvMust(e.Flip(1))
	if fe.Len() != 0 || fe.Offset() < 0 || fe.Offset() > 12 {
		t.Errorf("Flip of an empty view: %v", nvGeom(fe))
	}
	if _, err := ndview.FromLayout(fe.Buffer(), fe.Layout()); err != nil {
		t.Errorf("Flip of an empty view is not a valid layout: %v", err)
	}
	// Extent 1: the element is the same.
	one := nvMust(m.IndexString("1:2"))
	if diff := cmp.Diff(nvList(t, one), nvList(t, nvMust(one.Flip(0)))); diff != "" {
		t.Errorf("Flip of extent 1:\n%s", diff)
	}
	for _, ax := range []int{2, -3, math.MaxInt, math.MinInt} {
		if _, err := m.Flip(ax); !errors.Is(err, ndview.ErrAxis) {
			t.Errorf("Flip(%d): %v", ax, err)
		}
	}
	if _, err := nvMust(m.IndexString("0, 0")).Flip(0); !errors.Is(err, ndview.ErrAxis) {
		t.Errorf("Flip on 0-d: %v", err)
	}
}

func TestSqueeze(t *testing.T) {
	v := nvArange(t, "<h", 1, 3, 1, 2, 1) // strides (12, 4, 4, 2, 2)
	for _, tc := range []struct {
		axes    []int
		shape   []int
		strides []int
	}{
		{nil, []int{3, 2}, []int{4, 2}},
		{[]int{0}, []int{3, 1, 2, 1}, []int{4, 4, 2, 2}},
		{[]int{-1}, []int{1, 3, 1, 2}, []int{12, 4, 4, 2}},
		{[]int{2, 0}, []int{3, 2, 1}, []int{4, 2, 2}},
		{[]int{0, 2, 4}, []int{3, 2}, []int{4, 2}},
		{[]int{4, -5, -3}, []int{3, 2}, []int{4, 2}},
	} {
		w := nvMust(v.Squeeze(tc.axes...))
		if diff := cmp.Diff(nvShapeStrides{tc.shape, tc.strides, 0}, nvGeom(w)); diff != "" {
			t.Errorf("Squeeze%v (-want +got):\n%s", tc.axes, diff)
		}
		if diff := cmp.Diff(v.ToBytes(ndview.COrder), w.ToBytes(ndview.COrder)); diff != "" {
			t.Errorf("Squeeze%v changed the elements:\n%s", tc.axes, diff)
		}
	}
	for _, axes := range [][]int{{1}, {3}, {0, 1}, {-2}} {
		if _, err := v.Squeeze(axes...); !errors.Is(err, ndview.ErrShape) {
			t.Errorf("Squeeze%v of a non-1 extent: %v, want ErrShape", axes, err)
		}
	}
	for _, axes := range [][]int{{5}, {-6}, {0, 0}, {0, -5}, {math.MaxInt}} {
		if _, err := v.Squeeze(axes...); !errors.Is(err, ndview.ErrAxis) {
			t.Errorf("Squeeze%v: %v, want ErrAxis", axes, err)
		}
	}
	one := nvArange(t, "<h", 1, 1)
	z := nvMust(one.Squeeze())
	if z.NDim() != 0 || z.Len() != 1 {
		t.Errorf("Squeeze of (1,1): %v", nvGeom(z))
	}
	if zz := nvMust(z.Squeeze()); zz.NDim() != 0 {
		t.Errorf("Squeeze of 0-d: %v", nvGeom(zz))
	}
	if _, err := z.Squeeze(0); !errors.Is(err, ndview.ErrAxis) {
		t.Errorf("Squeeze(0) of 0-d: %v", err)
	}
	// A view without extent-1 dimensions, and an empty one.
	e := nvMust(ndview.Make("<h", 0, 1, 3))
	if w := nvMust(e.Squeeze()); !cmp.Equal(w.Shape(), []int{0, 3}) {
		t.Errorf("Squeeze of (0,1,3): %v", w.Shape())
	}
	if _, err := e.Squeeze(0); !errors.Is(err, ndview.ErrShape) {
		t.Errorf("Squeeze(0) of extent 0: %v", err)
	}
}

func TestExpandDims(t *testing.T) {
	v := nvArange(t, "<h", 2, 3) // strides (6, 2)
	for _, tc := range []struct {
		axis  int
		shape []int
	}{
		{0, []int{1, 2, 3}}, {1, []int{2, 1, 3}}, {2, []int{2, 3, 1}},
		{-1, []int{2, 3, 1}}, {-2, []int{2, 1, 3}}, {-3, []int{1, 2, 3}},
	} {
		w := nvMust(v.ExpandDims(tc.axis))
		if diff := cmp.Diff(tc.shape, w.Shape()); diff != "" {
			t.Errorf("ExpandDims(%d) (-want +got):\n%s", tc.axis, diff)
		}
		for i, e := range w.Shape() {
			if e != 1 {
				want := v.Stride(0)
				if e == 3 {
					want = v.Stride(1)
				}
				if w.Stride(i) != want {
					t.Errorf("ExpandDims(%d): stride %d of axis %d", tc.axis, w.Stride(i), i)
				}
			}
		}
		if diff := cmp.Diff(v.ToBytes(ndview.COrder), w.ToBytes(ndview.COrder)); diff != "" {
			t.Errorf("ExpandDims(%d) changed the elements", tc.axis)
		}
		if !w.IsCContiguous() || w.Offset() != 0 {
			t.Errorf("ExpandDims(%d) of a C view should stay C-contiguous", tc.axis)
		}
	}
	for _, ax := range []int{3, -4, math.MaxInt, math.MinInt} {
		if _, err := v.ExpandDims(ax); !errors.Is(err, ndview.ErrAxis) {
			t.Errorf("ExpandDims(%d): %v", ax, err)
		}
	}
	z := nvMust(v.IndexString("1, 2"))
	for _, ax := range []int{0, -1} {
		w := nvMust(z.ExpandDims(ax))
		if !cmp.Equal(w.Shape(), []int{1}) || nvInts(nvList(t, w)).([]any)[0] != 5 {
			t.Errorf("ExpandDims(%d) of 0-d: %v", ax, nvGeom(w))
		}
	}
	if _, err := z.ExpandDims(1); !errors.Is(err, ndview.ErrAxis) {
		t.Errorf("ExpandDims(1) of 0-d: %v", err)
	}
}

func TestBroadcastTo(t *testing.T) {
	v := nvArange(t, "<d", 3) // strides (8)
	for _, tc := range []struct {
		src     ndview.View
		shape   []int
		strides []int
		list    any
	}{
		{v, []int{4, 3}, []int{0, 8}, nil},
		{v, []int{3}, []int{8}, nvL(0.0, 1.0, 2.0)},
		{v, []int{2, 1, 3}, []int{0, 0, 8}, nvL(nvL(nvL(0.0, 1.0, 2.0)), nvL(nvL(0.0, 1.0, 2.0)))},
		{v, []int{0, 3}, nil, nvL()},
		{nvMust(v.Reshape(3, 1)), []int{3, 2}, []int{8, 0}, nvL(nvL(0.0, 0.0), nvL(1.0, 1.0), nvL(2.0, 2.0))},
		{nvMust(v.Reshape(3, 1)), []int{2, 3, 0}, nil, nvL(nvL(nvL(), nvL(), nvL()), nvL(nvL(), nvL(), nvL()))},
		{nvMust(v.IndexString("1")), []int{2, 2}, []int{0, 0}, nvL(nvL(1.0, 1.0), nvL(1.0, 1.0))},
		{nvMust(v.IndexString("1")), []int{}, []int{}, 1.0},
		{nvMust(v.IndexString("::-1")), []int{2, 3}, []int{0, -8}, nvL(nvL(2.0, 1.0, 0.0), nvL(2.0, 1.0, 0.0))},
		{nvMust(v.IndexString(":1")), []int{5}, []int{0}, nvL(0.0, 0.0, 0.0, 0.0, 0.0)},
		{nvMust(v.IndexString(":0")), []int{4, 0}, nil, nvL(nvL(), nvL(), nvL(), nvL())},
	} {
		w := nvMust(tc.src.BroadcastTo(tc.shape...))
		if diff := cmp.Diff(tc.shape, w.Shape()); diff != "" {
			t.Errorf("BroadcastTo%v shape:\n%s", tc.shape, diff)
		}
		if tc.strides != nil {
			if diff := cmp.Diff(tc.strides, w.Strides()); diff != "" {
				t.Errorf("BroadcastTo%v strides:\n%s", tc.shape, diff)
			}
		}
		if tc.list != nil {
			if diff := cmp.Diff(tc.list, nvList(t, w)); diff != "" {
				t.Errorf("BroadcastTo%v elements:\n%s", tc.shape, diff)
			}
		}
		if !w.ReadOnly() {
			t.Errorf("BroadcastTo%v is writable", tc.shape)
		}
		if tc.src.ReadOnly() {
			t.Errorf("BroadcastTo made its input read-only")
		}
		if _, err := ndview.FromLayout(w.Buffer(), w.Layout()); err != nil {
			t.Errorf("BroadcastTo%v: not a valid layout: %v", tc.shape, err)
		}
	}
	for _, tc := range []struct {
		src   ndview.View
		shape []int
	}{
		{v, []int{4}},
		{v, []int{3, 4}},
		{v, []int{}},
		{v, []int{-1, 3}},
		{v, []int{1 << 62, 1 << 62, 3}},
		{v, make([]int, 65)},
		{nvMust(v.IndexString(":0")), []int{1}},
		{nvMust(v.IndexString(":0")), []int{2}},
		{nvMust(v.Reshape(3, 1)), []int{3}},
		{nvMust(v.Reshape(3, 1)), []int{2, 2}},
	} {
		if w, err := tc.src.BroadcastTo(tc.shape...); !errors.Is(err, ndview.ErrShape) {
			t.Errorf("BroadcastTo %v -> %v: %v (shape %v), want ErrShape", tc.src.Shape(), tc.shape, err, w.Shape())
		}
	}
}

// Writes through a broadcast view are refused, however they are made, and
// the original stays writable.
func TestBroadcastWriteRefused(t *testing.T) {
	v := nvArange(t, "<d", 3)
	w := nvMust(v.BroadcastTo(2, 3))
	before := append([]byte{}, v.Buffer()...)
	if err := w.SetValue(9.0, 1, 1); !errors.Is(err, ndview.ErrReadOnly) {
		t.Errorf("SetValue: %v", err)
	}
	if err := w.Fill(9.0); !errors.Is(err, ndview.ErrReadOnly) {
		t.Errorf("Fill: %v", err)
	}
	src := nvMust(ndview.Make("<d", 2, 3))
	if err := src.CopyTo(w); !errors.Is(err, ndview.ErrReadOnly) {
		t.Errorf("CopyTo into a broadcast view: %v", err)
	}
	a := ndview.MustAs[float64](w)
	if x := a.At(1, 2); x != 2 {
		t.Errorf("read through broadcast: %v", x)
	}
	if val := nvWantPanic(t, "Array.Set", func() { a.Set(9, 1, 1) }); val != nil {
		if err, ok := val.(error); !ok || !errors.Is(err, ndview.ErrReadOnly) {
			t.Errorf("Array.Set panicked with %v, want ErrReadOnly", val)
		}
	}
	nvWantPanic(t, "Set[T]", func() { ndview.Set(w, 9.0, 0, 0) })
	// Operations on the broadcast view keep it read-only.
	for name, x := range map[string]ndview.View{
		"Index":     nvMust(w.IndexString("::-1")),
		"T":         w.T(),
		"Reshape":   nvMust(w.Reshape(2, 1, 3)),
		"Broadcast": nvMust(w.BroadcastTo(4, 2, 3)),
	} {
		if err := x.Fill(1.0); !errors.Is(err, ndview.ErrReadOnly) {
			t.Errorf("Fill through %s of a broadcast view: %v", name, err)
		}
	}
	if diff := cmp.Diff(before, v.Buffer()); diff != "" {
		t.Errorf("the buffer changed:\n%s", diff)
	}
	// Reading and copying out are fine.
	if err := w.CopyTo(src); err != nil {
		t.Errorf("CopyTo out of a broadcast view: %v", err)
	}
	if diff := cmp.Diff(nvL(nvL(0.0, 1.0, 2.0), nvL(0.0, 1.0, 2.0)), nvList(t, src)); diff != "" {
		t.Errorf("copied out:\n%s", diff)
	}
	if err := v.Fill(5.0); err != nil {
		t.Errorf("the original is no longer writable: %v", err)
	}
	if diff := cmp.Diff(nvL(nvL(5.0, 5.0, 5.0), nvL(5.0, 5.0, 5.0)), nvList(t, w)); diff != "" {
		t.Errorf("the broadcast view does not share memory:\n%s", diff)
	}
}

func TestDiagonal(t *testing.T) {
	m := nvArange(t, "<i", 3, 4) // strides (16, 4)
	for _, tc := range []struct {
		off, a1, a2 int
		list        []any
		stride      int
		offset      int // -1: not checked (empty)
	}{
		{0, 0, 1, nvL(0, 5, 10), 20, 0},
		{1, 0, 1, nvL(1, 6, 11), 20, 4},
		{2, 0, 1, nvL(2, 7), 20, 8},
		{3, 0, 1, nvL(3), 20, 12},
		{4, 0, 1, nvL(), 20, -1},
		{math.MaxInt, 0, 1, nvL(), 20, -1},
		{-1, 0, 1, nvL(4, 9), 20, 16},
		{-2, 0, 1, nvL(8), 20, 32},
		{-3, 0, 1, nvL(), 20, -1},
		{math.MinInt, 0, 1, nvL(), 20, -1},
		{0, 1, 0, nvL(0, 5, 10), 20, 0},
		{1, 1, 0, nvL(4, 9), 20, 16},
		{-1, 1, 0, nvL(1, 6, 11), 20, 4},
		{0, -2, -1, nvL(0, 5, 10), 20, 0},
	} {
		d, err := m.Diagonal(tc.off, tc.a1, tc.a2)
		if err != nil {
			t.Errorf("Diagonal(%d,%d,%d): %v", tc.off, tc.a1, tc.a2, err)
			continue
		}
		if diff := cmp.Diff(tc.list, nvInts(nvList(t, d))); diff != "" {
			t.Errorf("Diagonal(%d,%d,%d) (-want +got):\n%s", tc.off, tc.a1, tc.a2, diff)
		}
		if d.Dim(0) > 1 && d.Stride(0) != tc.stride {
			t.Errorf("Diagonal(%d,%d,%d): stride %d, want %d", tc.off, tc.a1, tc.a2, d.Stride(0), tc.stride)
		}
		if tc.offset >= 0 && d.Offset() != tc.offset {
			t.Errorf("Diagonal(%d,%d,%d): offset %d, want %d", tc.off, tc.a1, tc.a2, d.Offset(), tc.offset)
		}
		if _, err := ndview.FromLayout(d.Buffer(), d.Layout()); err != nil {
			t.Errorf("Diagonal(%d,%d,%d): invalid layout: %v", tc.off, tc.a1, tc.a2, err)
		}
	}
	// 3-d: the diagonal dimension is appended after the remaining ones.
	a := nvArange(t, "<i", 2, 3, 4) // strides (48, 16, 4)
	d := nvMust(a.Diagonal(1, 0, 2))
	if diff := cmp.Diff(nvShapeStrides{[]int{3, 2}, []int{16, 52}, 4}, nvGeom(d)); diff != "" {
		t.Errorf("3-d Diagonal(1,0,2) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(nvL(nvL(1, 14), nvL(5, 18), nvL(9, 22)), nvInts(nvList(t, d))); diff != "" {
		t.Errorf("3-d Diagonal(1,0,2) elements:\n%s", diff)
	}
	d = nvMust(a.Diagonal(0, 2, 1))
	if diff := cmp.Diff(nvL(nvL(0, 5, 10), nvL(12, 17, 22)), nvInts(nvList(t, d))); diff != "" {
		t.Errorf("3-d Diagonal(0,2,1) elements:\n%s", diff)
	}
	// The diagonal is a view: writes go to the original.
	md := nvMust(m.Diagonal(0, 0, 1))
	if err := md.Fill(-1); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(nvL(nvL(-1, 1, 2, 3), nvL(4, -1, 6, 7), nvL(8, 9, -1, 11)), nvInts(nvList(t, m))); diff != "" {
		t.Errorf("writing the diagonal:\n%s", diff)
	}
	for _, ax := range [][2]int{{0, 0}, {1, -1}, {0, 2}, {-3, 1}, {math.MaxInt, 0}} {
		if _, err := m.Diagonal(0, ax[0], ax[1]); !errors.Is(err, ndview.ErrAxis) {
			t.Errorf("Diagonal axes %v: %v, want ErrAxis", ax, err)
		}
	}
	if _, err := nvArange(t, "<i", 3).Diagonal(0, 0, 1); !errors.Is(err, ndview.ErrAxis) {
		t.Errorf("Diagonal of 1-d: %v", err)
	}
	if _, err := nvArange(t, "<i", 3).Diagonal(0, 0, -1); !errors.Is(err, ndview.ErrAxis) {
		t.Errorf("Diagonal(0,0,-1) of 1-d: %v", err)
	}
	// An empty dimension gives an empty diagonal.
	e := nvMust(ndview.Make("<i", 0, 4))
	if d := nvMust(e.Diagonal(0, 0, 1)); d.Len() != 0 || d.NDim() != 1 {
		t.Errorf("Diagonal of (0,4): %v", nvGeom(d))
	}
	// A broadcast view's diagonal stays read-only.
	b := nvMust(nvArange(t, "<i", 3).BroadcastTo(3, 3))
	bd := nvMust(b.Diagonal(0, 0, 1))
	if !bd.ReadOnly() || !cmp.Equal(nvInts(nvList(t, bd)), nvL(0, 1, 2)) {
		t.Errorf("Diagonal of a broadcast view: ro %v %v", bd.ReadOnly(), nvList(t, bd))
	}
}

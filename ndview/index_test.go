package ndview_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/ndview"
)

// The reference's observed memoryview slices of 12 bytes 0..11 (§4.6).
func TestIndex1D(t *testing.T) {
	buf := nvSeq(12)
	m := nvMust(ndview.New(buf, "B", 12))
	tests := []struct {
		idx     string
		list    []any
		strides []int
		off     int
	}{
		{"::-3", nvL(11, 8, 5, 2), []int{-3}, 11},
		{"-1:-13:-5", nvL(11, 6, 1), []int{-5}, 11},
		{"10:100", nvL(10, 11), []int{1}, 10},
		{"5:2", nvL(), []int{1}, -1},
		{"1:1:2", nvL(), []int{2}, -1},
		{"::13", nvL(0), []int{13}, 0},
		{":", nvL(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), []int{1}, 0},
		{"::", nvL(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), []int{1}, 0},
		{"::-1", nvL(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0), []int{-1}, 11},
		{"-3:", nvL(9, 10, 11), []int{1}, 9},
		{":-9", nvL(0, 1, 2), []int{1}, 0},
		{"-100:3", nvL(0, 1, 2), []int{1}, 0},
		{"100:-100:-4", nvL(11, 7, 3), []int{-4}, 11},
		{"2:-100:-1", nvL(2, 1, 0), []int{-1}, 2},
		{"-100:100:5", nvL(0, 5, 10), []int{5}, 0},
		{"3:8:2", nvL(3, 5, 7), []int{2}, 3},
		{"3:9:2", nvL(3, 5, 7), []int{2}, 3},
		{"8:3:-2", nvL(8, 6, 4), []int{-2}, 8},
		{"None:None:None", nvL(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), []int{1}, 0},
		{"None:4", nvL(0, 1, 2, 3), []int{1}, 0},
		{"12:", nvL(), []int{1}, -1},
		{":0:-1", nvL(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1), []int{-1}, 11},
		{"0:0:-1", nvL(), []int{-1}, -1},
		{"-1:-2:-1", nvL(11), []int{-1}, 11},
	}
	for _, tc := range tests {
		w, err := m.IndexString(tc.idx)
		if err != nil {
			t.Errorf("[%s]: %v", tc.idx, err)
			continue
		}
		if diff := cmp.Diff(tc.list, nvInts(nvList(t, w))); diff != "" {
			t.Errorf("[%s] elements (-want +got):\n%s", tc.idx, diff)
		}
		if diff := cmp.Diff(tc.strides, w.Strides()); diff != "" && w.Dim(0) > 1 {
			t.Errorf("[%s] strides (-want +got):\n%s", tc.idx, diff)
		}
		if tc.off >= 0 && w.Offset() != tc.off {
			t.Errorf("[%s] offset %d, want %d", tc.idx, w.Offset(), tc.off)
		}
		if w.Offset() < 0 || w.Offset() > len(buf) {
			t.Errorf("[%s] offset %d outside the buffer", tc.idx, w.Offset())
		}
		// The parsed and built forms agree.
		idx, err := ndview.ParseIndex(tc.idx)
		if err != nil {
			t.Fatal(err)
		}
		w2 := nvMust(m.Index(idx...))
		if diff := cmp.Diff(nvGeom(w), nvGeom(w2)); diff != "" {
			t.Errorf("[%s] Index(ParseIndex) differs from IndexString:\n%s", tc.idx, diff)
		}
	}
}

// Python's slice arithmetic check values of the reference.
func TestSliceArithmetic(t *testing.T) {
	v := nvArange(t, "<q", 5)
	for _, tc := range []struct {
		x    ndview.Index
		want []any
	}{
		{ndview.Slice(10, -10, -2), nvL(4, 2, 0)},
		{ndview.Slice(-2, ndview.None, -2), nvL(3, 1)},
		{ndview.Slice(ndview.None, ndview.None, ndview.None), nvL(0, 1, 2, 3, 4)},
		{ndview.Slice(1, 4, ndview.None), nvL(1, 2, 3)},
		{ndview.Slice(ndview.None, ndview.None, math.MaxInt), nvL(0)},
		{ndview.Slice(ndview.None, ndview.None, math.MinInt+1), nvL(4)},
		{ndview.Slice(math.MinInt+1, math.MaxInt, 1), nvL(0, 1, 2, 3, 4)},
		{ndview.Slice(math.MaxInt, math.MinInt+1, -1), nvL(4, 3, 2, 1, 0)},
		{ndview.Slice(math.MaxInt, ndview.None, -3), nvL(4, 1)},
		{ndview.Slice(-5, -4, 1), nvL(0)},
		{ndview.Slice(-6, -5, 1), nvL()},
		{ndview.Slice(4, 5, 1), nvL(4)},
		{ndview.Slice(5, 4, -1), nvL()},
		{ndview.All, nvL(0, 1, 2, 3, 4)},
	} {
		w, err := v.Index(tc.x)
		if err != nil {
			t.Errorf("[%v]: %v", tc.x, err)
			continue
		}
		if diff := cmp.Diff(tc.want, nvInts(nvList(t, w))); diff != "" {
			t.Errorf("[%v] (-want +got):\n%s", tc.x, diff)
		}
	}
}

// The reference's observed _testbuffer slices of a (3,4) B view of 0..11
// (§5.8), and NumPy's integer indexing, ellipsis and new axes.
func TestIndexND(t *testing.T) {
	m := nvMust(ndview.New(nvSeq(12), "B", 3, 4))
	tests := []struct {
		idx     string
		shape   []int
		strides []int // nil: not checked
		off     int   // -1: not checked
		list    any
	}{
		{"::2, 1::2", []int{2, 2}, []int{8, 2}, 1, nvL(nvL(1, 3), nvL(9, 11))},
		{"::-1, ::-1", []int{3, 4}, []int{-4, -1}, 11, nvL(nvL(11, 10, 9, 8), nvL(7, 6, 5, 4), nvL(3, 2, 1, 0))},
		{"0:3, 4:0:-2", []int{3, 2}, []int{4, -2}, 3, nvL(nvL(3, 1), nvL(7, 5), nvL(11, 9))},
		{":, 2:2", []int{3, 0}, nil, -1, nvL(nvL(), nvL(), nvL())},
		{"5:9", []int{0, 4}, nil, -1, nvL()},
		{"1", []int{4}, []int{1}, 4, nvL(4, 5, 6, 7)},
		{"-1", []int{4}, []int{1}, 8, nvL(8, 9, 10, 11)},
		{":, 1", []int{3}, []int{4}, 1, nvL(1, 5, 9)},
		{":, -1", []int{3}, []int{4}, 3, nvL(3, 7, 11)},
		{"1, 2", []int{}, []int{}, 6, 6},
		{"-3, -4", []int{}, []int{}, 0, 0},
		{"..., 1", []int{3}, []int{4}, 1, nvL(1, 5, 9)},
		{"1, ...", []int{4}, []int{1}, 4, nvL(4, 5, 6, 7)},
		{"...", []int{3, 4}, []int{4, 1}, 0, nil},
		{"1, ..., 2", []int{}, []int{}, 6, 6},
		{"1, 2, ...", []int{}, []int{}, 6, 6},
		{"..., 1, 2", []int{}, []int{}, 6, 6},
		{"None", []int{1, 3, 4}, []int{0, 4, 1}, 0, nil},
		{":, None", []int{3, 1, 4}, []int{4, 0, 1}, 0, nil},
		{"..., None", []int{3, 4, 1}, []int{4, 1, 0}, 0, nil},
		{"None, ..., None", []int{1, 3, 4, 1}, []int{0, 4, 1, 0}, 0, nil},
		{"newaxis, 1, np.newaxis", []int{1, 1, 4}, []int{0, 0, 1}, 4, nvL(nvL(nvL(4, 5, 6, 7)))},
		{"1, None, ::-2", []int{1, 2}, []int{0, -2}, 7, nvL(nvL(7, 5))},
		{"", []int{3, 4}, []int{4, 1}, 0, nil},
		{"()", []int{3, 4}, []int{4, 1}, 0, nil},
		{"1:2", []int{1, 4}, nil, 4, nvL(nvL(4, 5, 6, 7))},
		{"::2", []int{2, 4}, []int{8, 1}, 0, nvL(nvL(0, 1, 2, 3), nvL(8, 9, 10, 11))},
		{"::-2, -1", []int{2}, []int{-8}, 11, nvL(11, 3)},
		{"1,", []int{4}, []int{1}, 4, nil},
	}
	for _, tc := range tests {
		w, err := m.IndexString(tc.idx)
		if err != nil {
			t.Errorf("[%s]: %v", tc.idx, err)
			continue
		}
		if diff := cmp.Diff(tc.shape, w.Shape()); diff != "" {
			t.Errorf("[%s] shape (-want +got):\n%s", tc.idx, diff)
		}
		if tc.strides != nil {
			if diff := cmp.Diff(tc.strides, w.Strides()); diff != "" {
				t.Errorf("[%s] strides (-want +got):\n%s", tc.idx, diff)
			}
		}
		if tc.off >= 0 && w.Offset() != tc.off {
			t.Errorf("[%s] offset %d, want %d", tc.idx, w.Offset(), tc.off)
		}
		if tc.list != nil {
			if diff := cmp.Diff(tc.list, nvInts(nvList(t, w))); diff != "" {
				t.Errorf("[%s] elements (-want +got):\n%s", tc.idx, diff)
			}
		}
		if diff := cmp.Diff(nvRefBytes(w), w.ToBytes(ndview.COrder)); diff != "" {
			t.Errorf("[%s] ToBytes differs from the element-by-element reference:\n%s", tc.idx, diff)
		}
	}
	// The input is unchanged.
	if diff := cmp.Diff(nvShapeStrides{[]int{3, 4}, []int{4, 1}, 0}, nvGeom(m)); diff != "" {
		t.Errorf("input changed:\n%s", diff)
	}
}

func TestIndex3DEllipsis(t *testing.T) {
	a := nvArange(t, "<h", 2, 3, 4) // strides (24, 8, 2)
	for _, tc := range []struct {
		idx     []ndview.Index
		shape   []int
		strides []int
		off     int
	}{
		{[]ndview.Index{ndview.Ellipsis, ndview.Int(1)}, []int{2, 3}, []int{24, 8}, 2},
		{[]ndview.Index{ndview.Int(1), ndview.Ellipsis}, []int{3, 4}, []int{8, 2}, 24},
		{[]ndview.Index{ndview.Int(1), ndview.Ellipsis, ndview.Int(-1)}, []int{3}, []int{8}, 30},
		{[]ndview.Index{ndview.Ellipsis, ndview.Slice(ndview.None, ndview.None, -1), ndview.Int(0)}, []int{2, 3}, []int{24, -8}, 16},
		{[]ndview.Index{ndview.Int(0), ndview.Int(1), ndview.Int(2), ndview.Ellipsis}, []int{}, []int{}, 12},
		{[]ndview.Index{ndview.Ellipsis, ndview.Int(0), ndview.Int(1), ndview.Int(2)}, []int{}, []int{}, 12},
		{[]ndview.Index{ndview.NewAxis, ndview.Ellipsis, ndview.NewAxis, ndview.Int(2)}, []int{1, 2, 3, 1}, []int{0, 24, 8, 0}, 4},
		{[]ndview.Index{ndview.Slice(1, ndview.None, 1)}, []int{1, 3, 4}, []int{24, 8, 2}, 24},
		{[]ndview.Index{ndview.All, ndview.All, ndview.All}, []int{2, 3, 4}, []int{24, 8, 2}, 0},
		{[]ndview.Index{ndview.Ellipsis}, []int{2, 3, 4}, []int{24, 8, 2}, 0},
		{nil, []int{2, 3, 4}, []int{24, 8, 2}, 0},
	} {
		w, err := a.Index(tc.idx...)
		if err != nil {
			t.Errorf("%v: %v", tc.idx, err)
			continue
		}
		if diff := cmp.Diff(nvShapeStrides{tc.shape, tc.strides, tc.off}, nvGeom(w)); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tc.idx, diff)
		}
	}
	// On a 0-d view, an ellipsis and new axes are the only valid items.
	z := nvMust(a.IndexString("1, 2, 3"))
	if x, _ := z.Value(); x != int64(23) {
		t.Fatalf("a[1,2,3] = %v", x)
	}
	if w := nvMust(z.Index(ndview.Ellipsis)); w.NDim() != 0 || w.Offset() != z.Offset() {
		t.Errorf("0-d[...]: %v", nvGeom(w))
	}
	if w := nvMust(z.Index(ndview.NewAxis, ndview.Ellipsis, ndview.NewAxis)); w.NDim() != 2 || w.Len() != 1 {
		t.Errorf("0-d[None, ..., None]: %v", nvGeom(w))
	} else if x, _ := w.Value(0, 0); x != int64(23) {
		t.Errorf("0-d[None, ..., None][0,0] = %v", x)
	}
	if _, err := z.Index(ndview.Int(0)); !errors.Is(err, ndview.ErrIndex) {
		t.Errorf("0-d[0]: %v", err)
	}
	if _, err := z.Index(ndview.All); !errors.Is(err, ndview.ErrIndex) {
		t.Errorf("0-d[:]: %v", err)
	}
}

func TestIndexErrors(t *testing.T) {
	a := nvArange(t, "<h", 2, 3, 4)
	var zero ndview.Index
	for name, idx := range map[string][]ndview.Index{
		"int past end":         {ndview.Int(2)},
		"int before start":     {ndview.Int(-3)},
		"int past end axis 2":  {ndview.All, ndview.All, ndview.Int(4)},
		"int before axis 2":    {ndview.Ellipsis, ndview.Int(-5)},
		"int min":              {ndview.Int(math.MinInt)},
		"int max":              {ndview.Int(math.MaxInt)},
		"too many":             {ndview.Int(0), ndview.Int(0), ndview.Int(0), ndview.Int(0)},
		"too many slices":      {ndview.All, ndview.All, ndview.All, ndview.All},
		"too many with others": {ndview.NewAxis, ndview.All, ndview.All, ndview.All, ndview.Ellipsis, ndview.All},
		"zero step":            {ndview.Slice(0, 2, 0)},
		"zero step later":      {ndview.All, ndview.Slice(ndview.None, ndview.None, 0)},
		"two ellipses":         {ndview.Ellipsis, ndview.Int(0), ndview.Ellipsis},
		"two adjacent":         {ndview.Ellipsis, ndview.Ellipsis},
		"zero Index":           {zero},
		"zero Index later":     {ndview.Int(0), zero},
	} {
		w, err := a.Index(idx...)
		if !errors.Is(err, ndview.ErrIndex) {
			t.Errorf("%s: error %v (view %v), want ErrIndex", name, err, nvGeom(w))
		}
		// With an error comes the zero View, not a half-indexed one.
		if w.ItemFormat() != nil || w.NDim() != 0 || w.Buffer() != nil || w.Offset() != 0 {
			t.Errorf("%s: error with a non-zero view %v", name, nvGeom(w))
		}
	}
	// An integer index into an empty dimension is out of range.
	e := nvMust(a.IndexString(":, :0"))
	if _, err := e.Index(ndview.All, ndview.Int(0)); !errors.Is(err, ndview.ErrIndex) {
		t.Errorf("int into extent 0: %v", err)
	}
	if _, err := e.Index(ndview.All, ndview.Int(-1)); !errors.Is(err, ndview.ErrIndex) {
		t.Errorf("int -1 into extent 0: %v", err)
	}
	for _, s := range []string{"2", "..., ...", "0, 0, 0, 0", "::0", "x", "1,,2"} {
		if _, err := a.IndexString(s); !errors.Is(err, ndview.ErrIndex) {
			t.Errorf("IndexString(%q): %v", s, err)
		}
	}
}

// Slicing an empty view, or to an empty result, keeps the offset inside
// the buffer, however far the bounds point.
func TestIndexEmptyOffset(t *testing.T) {
	buf := nvSeq(24)
	v := nvMust(ndview.New(buf, "<i", 2, 3))
	for _, s := range []string{"2:", "5:9", ":, 3:", "::-1, 3:5", "1:, 2:1", "1, 3:"} {
		w := nvMust(v.IndexString(s))
		if w.Len() != 0 || w.Offset() < 0 || w.Offset() > len(buf) {
			t.Errorf("[%s]: len %d offset %d", s, w.Len(), w.Offset())
		}
		// It is still a valid layout of the buffer.
		if _, err := ndview.FromLayout(buf, w.Layout()); err != nil {
			t.Errorf("[%s]: layout not valid: %v", s, err)
		}
	}
	e := nvLayout(t, buf, "<i", []int{0, 3}, []int{4, 8}, 24)
	for _, s := range []string{":, 2", ":, -1", "::-1", "..., ::-1, None"} {
		w := nvMust(e.IndexString(s))
		if w.Offset() != 24 {
			t.Errorf("empty[%s]: offset %d", s, w.Offset())
		}
	}
}

// A huge step on a stride that would overflow when multiplied selects one
// element, and the view stays valid.
func TestIndexStepOverflow(t *testing.T) {
	v := nvArange(t, "<q", 3)
	for _, step := range []int{math.MaxInt, math.MaxInt / 4, math.MinInt + 1, -(math.MaxInt / 4)} {
		w := nvMust(v.Index(ndview.Slice(ndview.None, ndview.None, step)))
		if w.Len() != 1 {
			t.Fatalf("step %d: len %d", step, w.Len())
		}
		want := int64(0)
		if step < 0 {
			want = 2
		}
		if x, _ := w.Value(0); x != want {
			t.Errorf("step %d: element %v, want %v", step, x, want)
		}
		if _, err := ndview.FromLayout(w.Buffer(), w.Layout()); err != nil {
			t.Errorf("step %d: layout %v not valid: %v", step, nvGeom(w), err)
		}
		// Operations on the result work.
		if r := nvMust(w.Reshape(1, 1)); r.Len() != 1 {
			t.Errorf("step %d: reshape", step)
		}
		if f := nvMust(w.Flip(0)); f.Offset() != w.Offset() {
			t.Errorf("step %d: flip moved the offset", step)
		}
	}
}

func TestParseIndex(t *testing.T) {
	I, S := ndview.Int, ndview.Slice
	N := ndview.None
	tests := []struct {
		s    string
		want []ndview.Index
	}{
		{"", nil},
		{"   ", nil},
		{"()", nil},
		{"3", []ndview.Index{I(3)}},
		{"-3", []ndview.Index{I(-3)}},
		{"+3", []ndview.Index{I(3)}},
		{" 1 , 2 ", []ndview.Index{I(1), I(2)}},
		{"1,", []ndview.Index{I(1)}},
		{"1, 2 ,", []ndview.Index{I(1), I(2)}},
		{":", []ndview.Index{ndview.All}},
		{"::", []ndview.Index{ndview.All}},
		{": :", []ndview.Index{ndview.All}},
		{"1:", []ndview.Index{S(1, N, 1)}},
		{":5", []ndview.Index{S(N, 5, 1)}},
		{"1:5", []ndview.Index{S(1, 5, 1)}},
		{"1:5:2", []ndview.Index{S(1, 5, 2)}},
		{" 1 : 5 : 2 ", []ndview.Index{S(1, 5, 2)}},
		{"::-1", []ndview.Index{S(N, N, -1)}},
		{"-1::-2", []ndview.Index{S(-1, N, -2)}},
		{"::1", []ndview.Index{ndview.All}},
		{"None:None:None", []ndview.Index{ndview.All}},
		{"None:3:None", []ndview.Index{S(N, 3, 1)}},
		{"...", []ndview.Index{ndview.Ellipsis}},
		{"None", []ndview.Index{ndview.NewAxis}},
		{"newaxis", []ndview.Index{ndview.NewAxis}},
		{"np.newaxis", []ndview.Index{ndview.NewAxis}},
		{"..., None, 0, ::2", []ndview.Index{ndview.Ellipsis, ndview.NewAxis, I(0), S(N, N, 2)}},
		{"..., ...", []ndview.Index{ndview.Ellipsis, ndview.Ellipsis}}, // parses; Index refuses it
		{"9223372036854775807", []ndview.Index{I(math.MaxInt)}},
		{"-9223372036854775808:", []ndview.Index{S(math.MinInt+1, N, 1)}},
		{"1,2,3,4,5,6,7,8,9,10", []ndview.Index{I(1), I(2), I(3), I(4), I(5), I(6), I(7), I(8), I(9), I(10)}},
	}
	for _, tc := range tests {
		got, err := ndview.ParseIndex(tc.s)
		if err != nil {
			t.Errorf("ParseIndex(%q): %v", tc.s, err)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("ParseIndex(%q) = %v, want %v", tc.s, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("ParseIndex(%q)[%d] = %v, want %v", tc.s, i, got[i], tc.want[i])
			}
		}
	}
	for _, s := range []string{",", ",1", "1,,", "1,,2", " , ", "a", "1.5", "1e3", "1:2:3:4", ":::", "::0", "1:x", "x:1", "1:2:y",
		"[1]", "(1, 2)", "1 2", "....", "..", "none", "NONE", "Ellipsis", "99999999999999999999", "0x10", "1_000", "- 1", "1;2"} {
		if got, err := ndview.ParseIndex(s); !errors.Is(err, ndview.ErrIndex) {
			t.Errorf("ParseIndex(%q) = %v, %v; want ErrIndex", s, got, err)
		}
	}
}

func TestIndexString(t *testing.T) {
	v := nvArange(t, "<i", 4, 5, 6)
	for _, s := range []string{"::2, 1:3", "..., None", "-1, ::-1, 2", "1,2,3", "None, None, None, None, None, None, None, None, None, 0", ":, :, :, None, None, None, None, None, None, None"} {
		idx, err := ndview.ParseIndex(s)
		if err != nil {
			t.Fatalf("ParseIndex(%q): %v", s, err)
		}
		a := nvMust(v.Index(idx...))
		b := nvMust(v.IndexString(s))
		if diff := cmp.Diff(nvGeom(a), nvGeom(b)); diff != "" {
			t.Errorf("%q: Index and IndexString differ:\n%s", s, diff)
		}
	}
	w := nvMust(v.IndexString("None, None, None, None, None, None, None, None, None, 0"))
	if w.NDim() != 11 {
		t.Errorf("9 new axes and an int on 3-d: ndim %d", w.NDim())
	}
	// IndexString of a parsed expression is the same view used again.
	idx, _ := ndview.ParseIndex("1:3, ::-1")
	first := nvGeom(nvMust(v.Index(idx...)))
	second := nvGeom(nvMust(v.Index(idx...)))
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("reusing a parsed index:\n%s", diff)
	}
	// Up to eight items, with bounds, steps, spaces and None, and a result
	// of up to four dimensions: no allocation.
	for _, s := range []string{"::2, 1:300", " 1 : 3 : 2 , None:-1, -2", "..., None", "None:None:-1, 0:4:None"} {
		if n := testing.AllocsPerRun(50, func() { _, _ = v.IndexString(s) }); n != 0 {
			t.Errorf("IndexString(%q) allocates %v times", s, n)
		}
	}
}

func TestIndexStringRoundTrip(t *testing.T) {
	N := ndview.None
	for _, tc := range []struct {
		x    ndview.Index
		want string
	}{
		{ndview.Int(3), "3"},
		{ndview.Int(-1), "-1"},
		{ndview.Slice(1, 5, 2), "1:5:2"},
		{ndview.Slice(1, 5, 1), "1:5"},
		{ndview.Slice(1, 5, N), "1:5"},
		{ndview.Slice(N, N, -1), "::-1"},
		{ndview.Slice(N, N, 1), ":"},
		{ndview.Slice(-3, N, 1), "-3:"},
		{ndview.Slice(N, 5, 1), ":5"},
		{ndview.Slice(N, -5, -2), ":-5:-2"},
		{ndview.Slice(0, 0, 1), "0:0"},
		{ndview.Slice(math.MaxInt, math.MinInt+1, -7), "9223372036854775807:-9223372036854775807:-7"},
		{ndview.All, ":"},
		{ndview.Ellipsis, "..."},
		{ndview.NewAxis, "None"},
	} {
		if got := tc.x.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
		back, err := ndview.ParseIndex(tc.x.String())
		if err != nil || len(back) != 1 || back[0] != tc.x {
			t.Errorf("ParseIndex(%q) = %v, %v; want [%v]", tc.x.String(), back, err, tc.x)
		}
	}
}

func TestIndexStringInvalid(t *testing.T) {
	for _, tc := range []struct {
		x    ndview.Index
		want string
	}{
		{ndview.Slice(1, 5, 0), "1:5:0"},
		{ndview.Index{}, "<invalid index>"},
		{ndview.Slice(ndview.None, ndview.None, -1), "::-1"},
	} {
		if got := tc.x.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

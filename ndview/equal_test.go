package ndview_test

import (
	"math"
	"testing"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// nvVals returns a 1-d view of format f holding vals, packed with the
// format's own rules.
func nvVals(t testing.TB, f string, vals ...any) ndview.View {
	t.Helper()
	v := nvMust(ndview.Make(f, len(vals)))
	for i, x := range vals {
		if err := v.SetValue(x, i); err != nil {
			t.Fatalf("%s: SetValue(%v): %v", f, x, err)
		}
	}
	return v
}

// Every numeric format holding 0 and 1 equals every other, in every byte
// order: memoryview compares values, not bytes.
func TestEqualAcrossFormats(t *testing.T) {
	formats := []string{"b", "B", "<h", ">H", "<i", "!I", "<q", ">Q", "<f", ">d", "<e", ">e", "?", "<Zf", ">Zd", "n", "N", "P"}
	for _, fa := range formats {
		for _, fb := range formats {
			a := nvVals(t, fa, 0, 1, 1)
			b := nvVals(t, fb, 0, 1, 1)
			if !ndview.Equal(a, b) {
				t.Errorf("%s [0 1 1] != %s [0 1 1]", fa, fb)
			}
			// Change one element: unequal.
			b2 := nvVals(t, fb, 0, 1, 0)
			if ndview.Equal(a, b2) || ndview.Equal(b2, a) {
				t.Errorf("%s [0 1 1] == %s [0 1 0]", fa, fb)
			}
		}
	}
	// Values other than 0 and 1, without bools.
	for _, fa := range formats {
		if fa == "?" {
			continue
		}
		for _, fb := range formats {
			if fb == "?" {
				continue
			}
			if !ndview.Equal(nvVals(t, fa, 2, 100, 0), nvVals(t, fb, 2, 100, 0)) {
				t.Errorf("%s [2 100 0] != %s", fa, fb)
			}
		}
	}
}

func TestEqualValues(t *testing.T) {
	nan := math.NaN()
	negz := math.Copysign(0, -1)
	for _, tc := range []struct {
		name   string
		a, b   ndview.View
		equal  bool
		reflex bool // whether Equal(a, a) holds
	}{
		{"-0.0 == 0.0", nvVals(t, "<d", negz), nvVals(t, "<d", 0.0), true, true},
		{"-0.0 == int 0", nvVals(t, "<d", negz), nvVals(t, "<i", 0), true, true},
		{"-0.0 e == 0 f", nvVals(t, "<e", negz), nvVals(t, "<f", 0.0), true, true},
		{"NaN != NaN", nvVals(t, "<d", nan), nvVals(t, "<d", nan), false, false},
		{"NaN f != NaN d", nvVals(t, "<f", nan), nvVals(t, "<d", nan), false, false},
		{"NaN e", nvVals(t, "<e", nan), nvVals(t, "<e", 1.0), false, false},
		{"NaN complex", nvVals(t, "<Zd", complex(nan, 0)), nvVals(t, "<Zd", complex(nan, 0)), false, false},
		{"NaN imaginary", nvVals(t, "<Zd", complex(1, nan)), nvVals(t, "<d", 1.0), false, false},
		{"inf == inf", nvVals(t, "<d", math.Inf(1)), nvVals(t, "<f", math.Inf(1)), true, true},
		{"inf != -inf", nvVals(t, "<d", math.Inf(1)), nvVals(t, "<d", math.Inf(-1)), false, true},
		{"inf != max int", nvVals(t, "<d", math.Inf(1)), nvVals(t, "<q", int64(math.MaxInt64)), false, true},
		{"1.5 != 1", nvVals(t, "<d", 1.5), nvVals(t, "<i", 1), false, true},
		{"2^53 d vs 2^53+1 q", nvVals(t, "<d", float64(1<<53)), nvVals(t, "<q", int64(1<<53+1)), false, true},
		{"2^53 d vs 2^53 q", nvVals(t, "<d", float64(1<<53)), nvVals(t, "<q", int64(1<<53)), true, true},
		{"2^63 d vs max q", nvVals(t, "<d", float64(1<<63)), nvVals(t, "<q", int64(math.MaxInt64)), false, true},
		{"2^63 d vs 2^63 Q", nvVals(t, "<d", float64(1<<63)), nvVals(t, "<Q", uint64(1<<63)), true, true},
		{"2^64 d vs max Q", nvVals(t, "<d", float64(1<<64)), nvVals(t, "<Q", uint64(math.MaxUint64)), false, true},
		{"-2^63 d vs min q", nvVals(t, "<d", -float64(1<<63)), nvVals(t, "<q", int64(math.MinInt64)), true, true},
		{"-1 d vs Q max", nvVals(t, "<d", -1.0), nvVals(t, "<Q", uint64(math.MaxUint64)), false, true},
		{"b -1 vs B 255", nvMust(ndview.New([]byte{0xFF}, "b", 1)), nvMust(ndview.New([]byte{0xFF}, "B", 1)), false, true},
		{"q -1 vs Q max", nvVals(t, "<q", -1), nvVals(t, "<Q", uint64(math.MaxUint64)), false, true},
		{"q max vs Q", nvVals(t, "<q", int64(math.MaxInt64)), nvVals(t, "<Q", uint64(math.MaxInt64)), true, true},
		{"<i vs >h", nvVals(t, "<i", 1, -2, 300), nvVals(t, ">h", 1, -2, 300), true, true},
		{"I vs d", nvVals(t, "<I", 1, 2), nvVals(t, "<d", 1.0, 2.0), true, true},
		{"e 1/3 vs d 1/3", nvVals(t, "<e", 1.0/3), nvVals(t, "<d", 1.0/3), false, true},
		{"f 0.1 vs d 0.1", nvVals(t, "<f", 0.1), nvVals(t, "<d", 0.1), false, true},
		{"f 0.5 vs d 0.5", nvVals(t, "<f", 0.5), nvVals(t, "<d", 0.5), true, true},
		{"complex 1+0j vs int 1", nvVals(t, "<Zd", complex(1, 0)), nvVals(t, "<i", 1), true, true},
		{"complex 1+1j vs int 1", nvVals(t, "<Zd", complex(1, 1)), nvVals(t, "<i", 1), false, true},
		{"complex 1+1j vs bool", nvVals(t, "<Zf", complex(1, 1)), nvVals(t, "?", true), false, true},
		{"Zf vs Zd", nvVals(t, "<Zf", complex(1.5, -2)), nvVals(t, ">Zd", complex(1.5, -2)), true, true},
		{"Zd vs d", nvVals(t, ">Zd", complex(2.5, 0)), nvVals(t, "<d", 2.5), true, true},
		{"bool true vs 1.0", nvVals(t, "?", true), nvVals(t, "<d", 1.0), true, true},
		{"bool true vs 2", nvVals(t, "?", true), nvVals(t, "<i", 2), false, true},
		{"bool false vs -0.0", nvVals(t, "?", false), nvVals(t, "<d", negz), true, true},
		{"? raw bytes 1,2 vs 1,1", nvMust(ndview.New([]byte{1, 2}, "?", 2)), nvMust(ndview.New([]byte{1, 1}, "?", 2)), true, true},
		{"c vs B", nvMust(ndview.New([]byte("a"), "c", 1)), nvMust(ndview.New([]byte("a"), "B", 1)), false, true},
		{"c vs b", nvMust(ndview.New([]byte("a"), "c", 1)), nvMust(ndview.New([]byte("a"), "b", 1)), false, true},
		{"c vs c", nvMust(ndview.New([]byte("ab"), "c", 2)), nvMust(ndview.New([]byte("ab"), "c", 2)), true, true},
		{"c vs c differ", nvMust(ndview.New([]byte("ab"), "c", 2)), nvMust(ndview.New([]byte("ax"), "c", 2)), false, true},
		{"c vs 1s", nvMust(ndview.New([]byte("ab"), "c", 2)), nvMust(ndview.New([]byte("ab"), "1s", 2)), true, true},
		{"3s vs 3s", nvMust(ndview.New([]byte("abcdef"), "3s", 2)), nvMust(ndview.New([]byte("abcdef"), "3s", 2)), true, true},
		{"3s vs 3s differ", nvMust(ndview.New([]byte("abcdef"), "3s", 2)), nvMust(ndview.New([]byte("abcdeF"), "3s", 2)), false, true},
		{"3s vs 2s", nvMust(ndview.New([]byte("ab\x00ab\x00"), "3s", 2)), nvMust(ndview.New([]byte("abab"), "2s", 2)), false, true},
		{"s vs B", nvMust(ndview.New([]byte{1}, "1s", 1)), nvMust(ndview.New([]byte{1}, "B", 1)), false, true},
		{"ii vs iq", nvVals(t, "<ii", []any{1, 2}), nvVals(t, "<iq", []any{1, 2}), true, true},
		{"ii vs ii differ", nvVals(t, "<ii", []any{1, 2}), nvVals(t, "<ii", []any{1, 3}), false, true},
		{"ii vs 2i", nvVals(t, "<ii", []any{1, 2}), nvVals(t, "<2i", []any{1, 2}), true, true},
		{"ii vs iii", nvVals(t, "<ii", []any{1, 2}), nvVals(t, "<iii", []any{1, 2, 0}), false, true},
		{"id vs qf", nvVals(t, "<id", []any{1, 2.5}), nvVals(t, ">qf", []any{1, 2.5}), true, true},
		{"record vs record", nvVals(t, "T{<i:a:d:b:}", []any{3, 0.5}), nvVals(t, "T{>q:x:f:y:}", []any{3, 0.5}), true, true},
		{"record differ", nvVals(t, "T{<i:a:d:b:}", []any{3, 0.5}), nvVals(t, "T{<i:a:d:b:}", []any{3, 0.25}), false, true},
		{"record NaN", nvVals(t, "T{<i:a:d:b:}", []any{3, nan}), nvVals(t, "T{<i:a:d:b:}", []any{3, nan}), false, false},
		{"record vs scalar", nvVals(t, "T{<i:a:}", []any{3}), nvVals(t, "<i", 3), false, true},
		{"sub-array", nvVals(t, "(2)<h", []any{1, 2}), nvVals(t, "(2)<i", []any{1, 2}), true, true},
		{"sub-array differ", nvVals(t, "(2)<h", []any{1, 2}), nvVals(t, "(2)<h", []any{2, 1}), false, true},
		{"record with bytes", nvVals(t, "<i3s", []any{1, []byte("ab")}), nvVals(t, "<q3s", []any{1, []byte("ab")}), true, true},
		{"record bytes vs int", nvVals(t, "<ic", []any{1, []byte("a")}), nvVals(t, "<iB", []any{1, 97}), false, true},
	} {
		if got := ndview.Equal(tc.a, tc.b); got != tc.equal {
			t.Errorf("%s: Equal = %v, want %v", tc.name, got, tc.equal)
		}
		if got := ndview.Equal(tc.b, tc.a); got != tc.equal {
			t.Errorf("%s: Equal (swapped) = %v, want %v", tc.name, got, tc.equal)
		}
		if got := ndview.Equal(tc.a, tc.a); got != tc.reflex {
			t.Errorf("%s: Equal(a, a) = %v, want %v", tc.name, got, tc.reflex)
		}
	}
}

func TestEqualShapesAndLayouts(t *testing.T) {
	c := nvArange(t, "<i", 2, 3)
	f := nvMust(ndview.Make("<h", 3, 2)).T() // F-contiguous, same shape
	for idx := range f.All() {
		x, _ := c.Value(idx...)
		if err := f.SetValue(x, idx...); err != nil {
			t.Fatal(err)
		}
	}
	if !ndview.Equal(c, f) {
		t.Error("C and F views with the same elements differ")
	}
	if ndview.Equal(c, c.T()) {
		t.Error("(2,3) equals (3,2)")
	}
	flat := nvArange(t, "<i", 6)
	if ndview.Equal(c, flat) {
		t.Error("(2,3) equals (6,) with the same bytes")
	}
	if ndview.Equal(nvArange(t, "<i", 1, 3), nvArange(t, "<i", 3)) {
		t.Error("(1,3) equals (3,)")
	}
	rev := nvMust(nvMust(nvArange(t, "<i", 2, 3).Flip(0)).Flip(1))
	back := nvMust(nvMust(rev.Flip(1)).Flip(0))
	if !ndview.Equal(c, back) || ndview.Equal(c, rev) {
		t.Error("flips compare by layout instead of elements")
	}
	// Zero strides compare like repeated items.
	b := nvMust(nvArange(t, "<d", 3).BroadcastTo(2, 3))
	m := nvVals(t, "<q", 0, 1, 2, 0, 1, 2)
	if !ndview.Equal(b, nvMust(m.Reshape(2, 3))) {
		t.Error("broadcast view differs from its materialization")
	}
	// Empty views of any format with equal shapes are equal
	// (memoryview(b'') == memoryview(array('d'))).
	if !ndview.Equal(nvMust(ndview.Make("B", 0)), nvMust(ndview.Make("<d", 0))) {
		t.Error("empty views differ")
	}
	if !ndview.Equal(nvMust(ndview.Make("c", 0, 2)), nvMust(ndview.Make("<Zd", 0, 2))) {
		t.Error("empty (0,2) views differ")
	}
	// 0-d.
	z5 := nvMust(nvVals(t, "<d", 5.0).IndexString("0"))
	if z5.NDim() != 0 || !ndview.Equal(z5, nvMust(nvVals(t, "<q", 4, 5).IndexString("1"))) {
		t.Error("0-d views differ")
	}
	if ndview.Equal(z5, nvVals(t, "<d", 5.0)) {
		t.Error("a 0-d view equals a (1,) view")
	}
}

// Formats without a Go value compare unequal, even to themselves, as
// CPython's struct fallback does.
func TestEqualOpaque(t *testing.T) {
	for _, f := range []string{"O", "g", "Zg"} {
		v := nvMust(ndview.Make(f, 2))
		if ndview.Equal(v, v) {
			t.Errorf("%s view equals itself", f)
		}
	}
	rec := nvMust(ndview.Make("T{<i:a:O:b:}", 2))
	if ndview.Equal(rec, rec) {
		t.Error("record with an O field equals itself")
	}
	if ndview.Equal(nvMust(ndview.Make("O", 1)), nvMust(ndview.Make("<q", 1))) {
		t.Error("O equals q")
	}
}

// A regression test for a bug this suite found: Equal's doc says formats
// without Go values make views unequal, and CPython agrees for empty views
// too (m = memoryview(np.zeros(0, 'O')); m == m is False), but Equal
// returned true for empty views of such formats, since its element loop
// never ran.
func TestEqualEmptyOpaque(t *testing.T) {
	e := nvMust(ndview.Make("O", 0))
	if ndview.Equal(e, e) {
		t.Error("Equal(empty O view, itself) = true; want false (formats without Go values make views unequal)")
	}
	g := nvMust(ndview.Make("g", 2, 0))
	if ndview.Equal(g, nvMust(ndview.Make("<d", 2, 0))) {
		t.Error("Equal(empty g view, empty d view) = true; want false")
	}
}

// Scalar formats compare without allocating, as the doc promises.
func TestEqualAllocs(t *testing.T) {
	a := nvArange(t, "<d", 3, 40)
	c := nvArange(t, ">i", 3, 40)
	if !ndview.Equal(a, c) {
		t.Fatal("arange d != arange i")
	}
	if n := testing.AllocsPerRun(50, func() { ndview.Equal(a, c) }); n != 0 {
		t.Errorf("Equal of scalar formats allocates %v times", n)
	}
	if format.NativeOrder() == format.LittleEndian {
		if n := testing.AllocsPerRun(50, func() { ndview.Equal(a, a.T().T()) }); n != 0 {
			t.Errorf("Equal of a view with itself allocates %v times", n)
		}
	}
}

// CPython's equiv_shape stops at the first zero extent: two empty views
// whose shapes differ only after it are equal; before it they are not.
func TestEqualEmptyShapes(t *testing.T) {
	for _, tc := range []struct {
		a, b []int
		want bool
	}{
		{[]int{0, 3}, []int{0, 4}, true},
		{[]int{2, 0, 3}, []int{2, 0, 5}, true},
		{[]int{2, 0}, []int{3, 0}, false},
		{[]int{0}, []int{0, 1}, false},
	} {
		a := nvMust(ndview.Make("<i", tc.a...))
		b := nvMust(ndview.Make("<d", tc.b...))
		if got := ndview.Equal(a, b); got != tc.want {
			t.Errorf("Equal(shape %v, shape %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

package cast_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// ---- helpers shared by the test files ----

// newRand returns a deterministic generator.
func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// alignedBytes returns n bytes whose first byte is 8-aligned (the largest
// alignment of a Go number type), so that b[off:] is misaligned by
// exactly off%8 for every Go type.
func alignedBytes(t testing.TB, n int) []byte {
	t.Helper()
	w := make([]uint64, n/8+1)
	b := cast.BytesOf(w)[:n]
	if addr(b)%8 != 0 {
		t.Fatalf("BytesOf([]uint64) gave a []byte at %#x, not 8-aligned", addr(b))
	}
	return b
}

// randomBytes fills b with random bytes.
func randomBytes(r *rand.Rand, b []byte) {
	for i := range b {
		b[i] = byte(r.Uint32())
	}
}

// addr returns the address of b's first byte (of its backing array when
// b is empty).
func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

// sameBuffer reports whether a and b are the same memory.
func sameBuffer(a, b []byte) bool { return len(a) == len(b) && addr(a) == addr(b) }

// must returns v, panicking on a setup error.
func must(v ndview.View, err error) ndview.View {
	if err != nil {
		panic(err)
	}
	return v
}

// fromLayout builds a view and fails the test when the layout is invalid.
func fromLayout(t testing.TB, buf []byte, fmtstr string, shape, strides []int, off int) ndview.View {
	t.Helper()
	v, err := ndview.FromLayout(buf, ndview.Layout{Format: format.MustParse(fmtstr), Shape: shape, Strides: strides, Offset: off})
	if err != nil {
		t.Fatalf("FromLayout(%q, shape %v, strides %v, offset %d): %v", fmtstr, shape, strides, off, err)
	}
	return v
}

// geom describes a view's layout for messages.
func geom(v ndview.View) string {
	f := "<nil>"
	if v.ItemFormat() != nil {
		f = fmt.Sprintf("%q", v.ItemFormat().String())
	}
	return fmt.Sprintf("format %s shape %v strides %v offset %d readonly %v", f, v.Shape(), v.Strides(), v.Offset(), v.ReadOnly())
}

// layoutDiff compares two views as layouts of one buffer: the same
// buffer, format pointer, shape, read-only flag, and for views with
// elements the same offset and the same strides in dimensions of extent
// more than one (exact strides everywhere when exact is set). It returns
// "" when they agree.
func layoutDiff(got, want ndview.View, exact bool) string {
	switch {
	case !sameBuffer(got.Buffer(), want.Buffer()):
		return "a different buffer"
	case got.ItemFormat() != want.ItemFormat():
		return fmt.Sprintf("format %p %q, want %p %q", got.ItemFormat(), got.ItemFormat(), want.ItemFormat(), want.ItemFormat())
	case !slices.Equal(got.Shape(), want.Shape()):
		return fmt.Sprintf("shape %v, want %v", got.Shape(), want.Shape())
	case got.ReadOnly() != want.ReadOnly():
		return fmt.Sprintf("read-only %v, want %v", got.ReadOnly(), want.ReadOnly())
	}
	if want.Len() == 0 && !exact {
		return ""
	}
	if got.Offset() != want.Offset() {
		return fmt.Sprintf("offset %d, want %d", got.Offset(), want.Offset())
	}
	for i := range want.NDim() {
		if (exact || want.Dim(i) > 1) && got.Stride(i) != want.Stride(i) {
			return fmt.Sprintf("strides %v, want %v (shape %v)", got.Strides(), want.Strides(), want.Shape())
		}
	}
	return ""
}

// cStrides returns the C-contiguous strides of shape.
func cStrides(item int, shape []int) []int {
	st := make([]int, len(shape))
	acc := item
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = acc
		acc *= max(shape[i], 1)
	}
	return st
}

// nativePrefix and foreignPrefix are the byte-order prefixes of this
// machine's order and of the other one.
func nativePrefix() string {
	if format.NativeOrder() == format.LittleEndian {
		return "<"
	}
	return ">"
}

func foreignPrefix() string {
	if format.NativeOrder() == format.LittleEndian {
		return ">"
	}
	return "<"
}

// ---- To / ToFormat ----

// castFormats are the formats of the To matrix: bytes, every width, both
// byte orders, floats, complexes, and multi-value items (records,
// repeats, sub-arrays, strings). castBytes is a multiple of every size.
var castFormats = []string{
	"B", "b", "c", "?", "<h", ">H", "=h", "i", ">i", "<l", "q", ">Q", "n", "P",
	"e", ">e", "<f", ">f", "d", ">d", "Zf", ">Zd", "3s", "T{<i:a:>h:b:}", "2i", "5B", "(2,2)<h", "12s",
}

const castBytes = 240

// smallestDivisor returns the smallest divisor of n greater than 1 (n
// itself when prime).
func smallestDivisor(n int) int {
	for d := 2; d < n; d++ {
		if n%d == 0 {
			return d
		}
	}
	return n
}

// checkTo checks w = To(src, f, shape...): same bytes read as f items in
// a C-contiguous layout of wantShape, starting at src's offset, keeping
// the read-only flag; and that casting back gives src's layout.
func checkTo(t *testing.T, src, w ndview.View, f *format.Format, wantShape []int) {
	t.Helper()
	if w.ItemFormat() != f {
		t.Fatalf("format %p %q, want the parsed %p %q", w.ItemFormat(), w.ItemFormat(), f, f)
	}
	if !slices.Equal(w.Shape(), wantShape) {
		t.Fatalf("shape %v, want %v", w.Shape(), wantShape)
	}
	if !w.IsCContiguous() {
		t.Fatalf("result is not C-contiguous: %s", geom(w))
	}
	want := cStrides(f.Size(), wantShape)
	for i, e := range wantShape {
		if e > 1 && w.Stride(i) != want[i] {
			t.Fatalf("strides %v, want %v", w.Strides(), want)
		}
	}
	if w.Offset() != src.Offset() {
		t.Fatalf("offset %d, want the source's %d", w.Offset(), src.Offset())
	}
	if !sameBuffer(w.Buffer(), src.Buffer()) {
		t.Fatal("the result does not share the source's buffer")
	}
	if w.ReadOnly() != src.ReadOnly() {
		t.Fatalf("read-only %v, source %v", w.ReadOnly(), src.ReadOnly())
	}
	sb, ok := src.Bytes()
	if !ok {
		t.Fatal("source is not C-contiguous")
	}
	wb, ok := w.Bytes()
	if !ok || len(wb) != len(sb) || (len(sb) > 0 && addr(wb) != addr(sb)) {
		t.Fatalf("result bytes [%#x, +%d), source [%#x, +%d)", addr(wb), len(wb), addr(sb), len(sb))
	}
	// Every element sits where C order puts it in the source's bytes.
	k := 0
	for idx, item := range w.All() {
		if addr(item) != addr(sb)+uintptr(k*f.Size()) {
			t.Fatalf("element %v at byte %d of the source, want %d", idx, addr(item)-addr(sb), k*f.Size())
		}
		k++
	}
	if k != len(sb)/f.Size() {
		t.Fatalf("%d elements, want %d", k, len(sb)/f.Size())
	}
	// A write through the result shows in the source.
	if !w.ReadOnly() && len(sb) > 0 {
		last := w.Len() - 1
		idx := make([]int, w.NDim())
		for i := w.NDim() - 1; i >= 0; i-- {
			idx[i] = last % w.Dim(i)
			last /= w.Dim(i)
		}
		item := w.Item(idx...)
		item[len(item)-1] ^= 0x5a
		if sb[len(sb)-1] != item[len(item)-1] {
			t.Fatal("a write through the result does not show in the source")
		}
		item[len(item)-1] ^= 0x5a
	}
	// Back to the source's format and shape: the source's layout.
	back, err := cast.ToFormat(w, src.ItemFormat(), src.Shape()...)
	if err == nil && src.NDim() == 0 {
		back, err = back.Reshape()
	}
	if err != nil {
		t.Fatalf("casting back to %q %v: %v", src.ItemFormat(), src.Shape(), err)
	}
	if d := layoutDiff(back, src, false); d != "" {
		t.Fatalf("round trip: %s\n  got  %s\n  want %s", d, geom(back), geom(src))
	}
}

func TestToMatrix(t *testing.T) {
	r := newRand(1)
	for i, from := range castFormats {
		ff := format.MustParse(from)
		n := castBytes / ff.Size()
		buf := alignedBytes(t, castBytes+16)
		randomBytes(r, buf)
		off := i % 16
		d := smallestDivisor(n)
		sources := map[string]ndview.View{
			fmt.Sprintf("1d@%d", off):    fromLayout(t, buf, from, []int{n}, nil, off),
			"2d":                         fromLayout(t, buf, from, []int{n / d, d}, nil, 0),
			"3d-ro":                      fromLayout(t, buf, from, []int{1, d, n / d}, nil, 16-off).AsReadOnly(),
			fmt.Sprintf("2d-ro@%d", off): fromLayout(t, buf, from, []int{d, n / d}, nil, off).AsReadOnly(),
		}
		for sname, src := range sources {
			for _, to := range castFormats {
				tf := format.MustParse(to)
				m := castBytes / tf.Size()
				e := smallestDivisor(m)
				shapes := [][]int{nil, {-1}, {m}, {e, -1}, {-1, e}, {m / e, e}, {1, m, 1}, {m / e, 1, -1}}
				for _, shape := range shapes {
					want := shape
					switch {
					case shape == nil:
						want = []int{m}
					case slices.Contains(shape, -1):
						want = slices.Clone(shape)
						p := 1
						for _, x := range shape {
							if x != -1 {
								p *= x
							}
						}
						want[slices.Index(shape, -1)] = m / p
					}
					t.Run(fmt.Sprintf("%s %s->%s %v", from, sname, to, shape), func(t *testing.T) {
						w, err := cast.To(src, to, shape...)
						if err != nil {
							t.Fatalf("To(%s, %q, %v): %v", geom(src), to, shape, err)
						}
						checkTo(t, src, w, tf, want)
						w2, err := cast.ToFormat(src, tf, shape...)
						if err != nil {
							t.Fatalf("ToFormat: %v", err)
						}
						if d := layoutDiff(w2, w, true); d != "" {
							t.Fatalf("ToFormat and To differ: %s", d)
						}
					})
				}
			}
		}
	}
}

// TestToValues checks the reinterpretation at the level of values, both
// ways: writes through the cast view show in the source and back.
func TestToValues(t *testing.T) {
	v := must(ndview.Make("<i", 2, 2))
	for k, x := range []int64{1, 2, 3, -4} {
		if err := v.SetValue(x, k/2, k%2); err != nil {
			t.Fatal(err)
		}
	}
	w := must(cast.To(v, ">H", 2, 4))
	for _, c := range []struct {
		idx  []int
		want uint64
	}{{[]int{0, 0}, 0x0100}, {[]int{0, 1}, 0}, {[]int{0, 2}, 0x0200}, {[]int{1, 2}, 0xfcff}, {[]int{1, 3}, 0xffff}} {
		got, err := w.Value(c.idx...)
		if err != nil || got != c.want {
			t.Errorf("w.Value%v = %v, %v; want %#x", c.idx, got, err, c.want)
		}
	}
	if err := w.SetValue(uint64(0xabcd), 1, 1); err != nil {
		t.Fatal(err)
	}
	// The bytes of v[1,0] are now 03 00 ab cd: little-endian 0xcdab0003.
	if got, _ := v.Value(1, 0); got != int64(int32(-0x3254fffd)) {
		t.Errorf("after w.SetValue(0xabcd, 1, 1): v.Value(1, 0) = %v, want %d", got, int64(int32(-0x3254fffd)))
	}
	if err := v.SetValue(int64(-1), 0, 1); err != nil {
		t.Fatal(err)
	}
	for _, j := range []int{2, 3} {
		if got, _ := w.Value(0, j); got != uint64(0xffff) {
			t.Errorf("after v.SetValue(-1, 0, 1): w.Value(0, %d) = %v, want 0xffff", j, got)
		}
	}
	// Two non-byte formats, N-D to N-D, both orders: (2,2) "<i" as (4) "<e".
	e := must(cast.To(v, "<e", 4, 2))
	raw := v.ToBytes(ndview.COrder)
	for k := range 8 {
		want := format.Float16frombits(uint16(raw[2*k]) | uint16(raw[2*k+1])<<8)
		got, err := e.Value(k/2, k%2)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("e.Value(%d, %d) = %v, %v; want %v", k/2, k%2, got, err, want)
		}
	}
}

func TestToOffsets(t *testing.T) {
	buf := alignedBytes(t, 64)
	randomBytes(newRand(2), buf)
	for off := range 16 {
		t.Run(fmt.Sprint(off), func(t *testing.T) {
			v := fromLayout(t, buf, "<i", []int{3, 4}, nil, off)
			for _, c := range []struct {
				to    string
				shape []int
				want  []int
			}{{"B", nil, []int{48}}, {">d", []int{2, -1}, []int{2, 3}}, {"Zd", nil, []int{3}}, {"<h", []int{2, 2, 6}, []int{2, 2, 6}}} {
				w, err := cast.To(v, c.to, c.shape...)
				if err != nil {
					t.Fatalf("To(%q, %v): %v", c.to, c.shape, err)
				}
				checkTo(t, v, w, format.MustParse(c.to), c.want)
			}
		})
	}
	// An offset from indexing is kept too.
	v := must(ndview.Make("<i", 10))
	s := must(v.IndexString("3:7"))
	w := must(cast.To(s, "B"))
	if w.Offset() != 12 || w.Dim(0) != 16 {
		t.Errorf("To(v[3:7], B): %s, want offset 12 and 16 bytes", geom(w))
	}
}

func TestToZeroDim(t *testing.T) {
	v := must(ndview.Make("<d"))
	if v.NDim() != 0 {
		t.Fatalf("Make with no shape: %s", geom(v))
	}
	if err := v.SetValue(1.5, nil...); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		to          string
		shape, want []int
	}{
		{"B", nil, []int{8}},
		{"<d", nil, []int{1}},
		{">q", []int{1, 1}, []int{1, 1}},
		{"Zf", nil, []int{1}},
		{"<h", []int{2, -1}, []int{2, 2}},
	}
	for _, c := range cases {
		t.Run(c.to, func(t *testing.T) {
			w, err := cast.To(v, c.to, c.shape...)
			if err != nil {
				t.Fatal(err)
			}
			checkTo(t, v, w, format.MustParse(c.to), c.want)
		})
	}
	w := must(cast.To(v, "<d"))
	z := must(w.Reshape())
	if got, _ := z.Value(); got != 1.5 {
		t.Errorf("0-d round trip: value %v, want 1.5", got)
	}
	// A 0-d source from a record.
	r := must(ndview.Make("T{<i:a:>h:b:}"))
	w = must(cast.To(r, "B"))
	checkTo(t, r, w, format.MustParse("B"), []int{6})
}

func TestToEmpty(t *testing.T) {
	buf := alignedBytes(t, 40)
	sources := map[string]ndview.View{
		"(0) at end":       fromLayout(t, buf, "<d", []int{0}, nil, 40),
		"(0) misaligned":   fromLayout(t, buf, "<d", []int{0}, nil, 13),
		"(3,0)":            fromLayout(t, buf, ">i", []int{3, 0}, nil, 7),
		"(0,4) strided":    fromLayout(t, buf, "<h", []int{0, 4}, []int{-6, 10}, 40),
		"(5,0) read-only":  fromLayout(t, buf, "B", []int{5, 0}, nil, 0).AsReadOnly(),
		"from IndexString": must(must(ndview.Make("<i", 10)).IndexString("5:5")),
	}
	for name, v := range sources {
		t.Run(name, func(t *testing.T) {
			for _, c := range []struct {
				to          string
				shape, want []int
			}{
				{"B", nil, []int{0}},
				{"<d", []int{-1}, []int{0}},
				{"Zd", []int{0, 5}, []int{0, 5}},
				{"e", []int{7, 0, 3}, []int{7, 0, 3}},
				{"3s", []int{1 << 20, 1 << 40, 0}, []int{1 << 20, 1 << 40, 0}},
			} {
				w, err := cast.To(v, c.to, c.shape...)
				if err != nil {
					t.Fatalf("To(%q, %v): %v", c.to, c.shape, err)
				}
				if !slices.Equal(w.Shape(), c.want) || w.Offset() != v.Offset() || w.Len() != 0 ||
					w.ReadOnly() != v.ReadOnly() || !sameBuffer(w.Buffer(), v.Buffer()) || w.ItemFormat() != format.MustParse(c.to) {
					t.Errorf("To(%q, %v) = %s, want shape %v offset %d read-only %v over the same buffer",
						c.to, c.shape, geom(w), c.want, v.Offset(), v.ReadOnly())
				}
			}
			// Nothing divides a -1 next to a 0, and no format of size 0 holds bytes.
			if _, err := cast.To(v, "<d", 0, -1); !errors.Is(err, cast.ErrSize) {
				t.Errorf("To(%q, 0, -1): %v, want ErrSize", "<d", err)
			}
			if _, err := cast.To(v, "0i"); !errors.Is(err, cast.ErrSize) {
				t.Errorf("To(%q): %v, want ErrSize", "0i", err)
			}
			if _, err := cast.To(v, "B", 1); !errors.Is(err, cast.ErrCount) {
				t.Errorf("To(B, 1) of an empty view: %v, want ErrCount", err)
			}
		})
	}
}

// TestToEmptyHugeShape casts an empty view to shapes whose extents other
// than 0 have more bytes than an int counts: ErrCount, as NumPy refuses
// them (and ndview's layout check), even with a zero extent. Just below
// the limit they are fine.
func TestToEmptyHugeShape(t *testing.T) {
	v := must(ndview.Make("<d", 0))
	for _, c := range []struct {
		to    string
		shape []int
		ok    bool
	}{
		{"B", []int{1 << 62, 1 << 62, 0}, false},
		{"3s", []int{1 << 62, 1 << 62, 0}, false},
		{"3s", []int{1 << 31, 1 << 31, 0}, false},
		{"3s", []int{0, 1 << 61, 1 << 1, -1}, false}, // -1 next to a 0: ErrSize or ErrCount
		{"B", []int{1 << 31, 0, 1 << 31}, true},
		{"3s", []int{1 << 30, 1 << 31, 0}, true},
		{"T{<d:a:<d:b:}", []int{0, 1 << 58}, true},
		{"T{<d:a:<d:b:}", []int{0, 1 << 59}, false},
	} {
		w, err := cast.To(v, c.to, c.shape...)
		switch {
		case c.ok && (err != nil || !slices.Equal(w.Shape(), c.shape) || w.Len() != 0):
			t.Errorf("To(%q, %v) of an empty view: %s, %v; want that shape", c.to, c.shape, geom(w), err)
		case !c.ok && slices.Contains(c.shape, -1) && !errors.Is(err, cast.ErrCount) && !errors.Is(err, cast.ErrSize):
			t.Errorf("To(%q, %v) of an empty view: %v; want ErrCount or ErrSize", c.to, c.shape, err)
		case !c.ok && !slices.Contains(c.shape, -1) && !errors.Is(err, cast.ErrCount):
			t.Errorf("To(%q, %v) of an empty view: %s, %v; want ErrCount", c.to, c.shape, geom(w), err)
		}
	}
}

func TestToReadOnly(t *testing.T) {
	v := must(ndview.Make("<i", 4, 3))
	ro := v.AsReadOnly()
	w := must(cast.To(ro, ">h", 2, -1))
	if !w.ReadOnly() {
		t.Fatal("To of a read-only view is writable")
	}
	if err := w.SetValue(1, 0, 0); !errors.Is(err, ndview.ErrReadOnly) {
		t.Errorf("SetValue through the cast of a read-only view: %v, want ErrReadOnly", err)
	}
	back := must(cast.To(w, "<i", 4, 3))
	if !back.ReadOnly() {
		t.Error("casting back made the view writable")
	}
	if w := must(cast.To(v, "B")); w.ReadOnly() {
		t.Error("To of a writable view is read-only")
	}
}

func TestToErrors(t *testing.T) {
	c := must(ndview.Make("<i", 4, 6)) // 96 bytes
	tr := c.T()
	step := must(c.IndexString(":, ::2"))
	rev := must(c.IndexString("::-1"))
	fort := must(ndview.NewFortran(make([]byte, 96), "<i", 4, 6))
	bytes7 := must(ndview.Make("B", 7))
	cases := []struct {
		name  string
		v     ndview.View
		to    string
		shape []int
		want  error
	}{
		{"transposed", tr, "B", nil, cast.ErrNotContiguous},
		{"transposed with shape", tr, "<i", []int{24}, cast.ErrNotContiguous},
		{"step-sliced", step, "B", nil, cast.ErrNotContiguous},
		{"reversed", rev, "<i", []int{4, 6}, cast.ErrNotContiguous},
		{"Fortran", fort, "B", nil, cast.ErrNotContiguous},
		{"7 bytes as 2-byte items", bytes7, "<h", nil, cast.ErrSize},
		{"7 bytes as 2-byte items with -1", bytes7, "<h", []int{-1}, cast.ErrSize},
		{"7 bytes as 2-byte items with a shape", bytes7, "<h", []int{3}, cast.ErrSize},
		{"96 bytes as 5-byte records", c, "T{<i:a:B:b:}", nil, cast.ErrSize},
		{"96 bytes as 7s", c, "7s", []int{-1, 2}, cast.ErrSize},
		{"-1 does not divide", c, "B", []int{5, -1}, cast.ErrSize},
		{"zero-size format 0i", c, "0i", nil, cast.ErrSize},
		{"zero-size format 0s", c, "0s", []int{1}, cast.ErrSize},
		{"zero-size format 0x", c, "0x", nil, cast.ErrSize},
		{"x0 does not parse", c, "x0", nil, format.ErrSyntax},
		{"empty format", c, "", nil, cast.ErrSize},
		{"count too small", c, "B", []int{95}, cast.ErrCount},
		{"count too large", c, "B", []int{97}, cast.ErrCount},
		{"N-D count mismatch", c, "<i", []int{6, 5}, cast.ErrCount},
		{"shape overflows", c, "B", []int{1 << 62, 1 << 62}, cast.ErrCount},
		{"shape overflows with -1", c, "B", []int{1 << 62, -1, 1 << 62}, cast.ErrCount},
		{"shape overflows an int", c, "B", []int{1<<63 - 1, 2}, cast.ErrCount},
		{"zero extent", c, "B", []int{0, 96}, cast.ErrCount},
		{"negative extent", c, "B", []int{-2, -48}, cast.ErrShape},
		{"negative extent after -1", c, "B", []int{-1, -3}, cast.ErrShape},
		{"two -1", c, "B", []int{-1, 2, -1}, cast.ErrShape},
		{"65 dimensions", c, "<i", append([]int{24}, make64ones(64)...), cast.ErrShape},
		{"65 dimensions of an empty view", must(c.IndexString("0:0")), "<i", append([]int{0}, make64ones(64)...), cast.ErrShape},
		{"bad format", c, "Zq", nil, format.ErrSyntax},
		{"unterminated record", c, "T{i", nil, format.ErrSyntax},
		{"count without code", c, "4", nil, format.ErrSyntax},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, err := cast.To(c.v, c.to, c.shape...)
			if !errors.Is(err, c.want) {
				t.Fatalf("To(%s, %q, %v) = %s, %v; want an error matching %v", geom(c.v), c.to, c.shape, geom(w), err, c.want)
			}
			if f, perr := format.Parse(c.to); perr == nil {
				if _, err := cast.ToFormat(c.v, f, c.shape...); !errors.Is(err, c.want) {
					t.Errorf("ToFormat: %v, want an error matching %v", err, c.want)
				}
			}
		})
	}
	if _, err := cast.ToFormat(c, nil); !errors.Is(err, cast.ErrType) {
		t.Errorf("ToFormat with a nil format: %v, want ErrType", err)
	}
	// A view with an extent of 1 in a strided dimension is still
	// C-contiguous: the stride does not matter there.
	one := must(c.IndexString("2:3, :"))
	if w, err := cast.To(one.T(), "B"); err != nil || w.Dim(0) != 24 {
		t.Errorf("To of a (6,1) transposed view: %s, %v; want 24 bytes", geom(w), err)
	}
}

func make64ones(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = 1
	}
	return s
}

// TestToMaxDims: ndview.MaxDims dimensions are fine.
func TestToMaxDims(t *testing.T) {
	v := must(ndview.Make("<i", 6))
	shape := append(make64ones(ndview.MaxDims-1), 24)
	w, err := cast.To(v, "B", shape...)
	if err != nil {
		t.Fatal(err)
	}
	checkTo(t, v, w, format.MustParse("B"), shape)
	shape[0] = -1
	if w, err = cast.To(v, "B", shape...); err != nil || w.NDim() != ndview.MaxDims {
		t.Errorf("To(B, -1, 1, ..., 24): %s, %v", geom(w), err)
	}
}

// ---- LastAxis ----

func checkLastAxis(t *testing.T, v ndview.View, to string, wantShape, wantStrides []int) ndview.View {
	t.Helper()
	u, err := cast.LastAxis(v, to)
	if err != nil {
		t.Fatalf("LastAxis(%s, %q): %v", geom(v), to, err)
	}
	f := format.MustParse(to)
	if u.ItemFormat() != f || !slices.Equal(u.Shape(), wantShape) || !slices.Equal(u.Strides(), wantStrides) ||
		u.Offset() != v.Offset() || u.ReadOnly() != v.ReadOnly() || !sameBuffer(u.Buffer(), v.Buffer()) {
		t.Fatalf("LastAxis(%s, %q) = %s; want shape %v strides %v offset %d read-only %v over the same buffer",
			geom(v), to, geom(u), wantShape, wantStrides, v.Offset(), v.ReadOnly())
	}
	// Each new element lies inside the old element row where it should.
	if u.Len() > 0 && u.NDim() > 0 {
		base := addr(v.Buffer()) + uintptr(v.Offset())
		for idx, item := range u.All() {
			want := base
			for i, x := range idx {
				want += uintptr(x * u.Stride(i))
			}
			if addr(item) != want {
				t.Fatalf("element %v at %#x, want %#x", idx, addr(item), want)
			}
		}
	}
	// And back: exactly v's layout.
	back, err := cast.LastAxisFormat(u, v.ItemFormat())
	if err != nil {
		t.Fatalf("LastAxis back to %q: %v", v.ItemFormat(), err)
	}
	// Exactly, unless the last axis has at most one element and a stride
	// other than the itemsize, which no cast can remember.
	// (An empty view's strides are free too.)
	exact := v.Len() > 0 && (v.NDim() == 0 || v.Dim(-1) > 1 || v.Stride(-1) == v.ItemSize())
	if d := layoutDiff(back, v, exact); d != "" {
		t.Fatalf("round trip: %s\n  got  %s\n  want %s", d, geom(back), geom(v))
	}
	return u
}

func TestLastAxis(t *testing.T) {
	t.Run("Zd to d doubles the last extent", func(t *testing.T) {
		x := must(ndview.Make("Zd", 6, 4))
		for k := range 24 {
			if err := x.SetValue(complex(float64(k), -float64(k)/2), k/4, k%4); err != nil {
				t.Fatal(err)
			}
		}
		v := must(x.IndexString("::2, :"))
		u := checkLastAxis(t, v, "d", []int{3, 8}, []int{128, 8})
		for i := range 3 {
			for j := range 4 {
				z, _ := v.Value(i, j)
				re, _ := u.Value(i, 2*j)
				im, _ := u.Value(i, 2*j+1)
				if complex(re.(float64), im.(float64)) != z {
					t.Errorf("u[%d, %d:%d] = (%v, %v), want %v", i, 2*j, 2*j+2, re, im, z)
				}
			}
		}
		// A write through the pairs shows in the complex view.
		if err := u.SetValue(-7.0, 2, 4); err != nil {
			t.Fatal(err)
		}
		if z, _ := v.Value(2, 2); z != complex(-7, -9) { // v[2, 2] was x[4, 2] = 18-9i
			t.Errorf("after u.SetValue(-7, 2, 4): v[2, 2] = %v, want (-7-9i)", z)
		}
		checkLastAxis(t, must(ndview.Make("Zd", 5)), ">d", []int{10}, []int{8})
		checkLastAxis(t, v, "B", []int{3, 64}, []int{128, 1})
	})
	t.Run("negative outer stride", func(t *testing.T) {
		v := must(must(ndview.Make("<i", 5, 6)).IndexString("::-2, 1:5"))
		if v.Offset() != 100 || !slices.Equal(v.Strides(), []int{-48, 4}) {
			t.Fatalf("setup: %s", geom(v))
		}
		checkLastAxis(t, v, "B", []int{3, 16}, []int{-48, 1})
		checkLastAxis(t, v, ">h", []int{3, 8}, []int{-48, 2})
		checkLastAxis(t, v, "<q", []int{3, 2}, []int{-48, 8})
		checkLastAxis(t, v, "T{<i:a:B:b:>h:c:B:d:}", []int{3, 2}, []int{-48, 8})
		checkLastAxis(t, v.AsReadOnly(), "Zd", []int{3, 1}, []int{-48, 16})
	})
	t.Run("3-D strided", func(t *testing.T) {
		v := must(must(ndview.Make("<h", 4, 5, 6)).IndexString("1:, ::-2, :"))
		checkLastAxis(t, v, "<i", []int{3, 3, 3}, []int{60, -24, 4})
		checkLastAxis(t, v, "3s", []int{3, 3, 4}, []int{60, -24, 3})
		checkLastAxis(t, v, "12s", []int{3, 3, 1}, []int{60, -24, 12})
	})
	t.Run("last axis of extent 1 with an odd stride", func(t *testing.T) {
		buf := alignedBytes(t, 64)
		v := fromLayout(t, buf, "<i", []int{3, 1}, []int{13, 7}, 5)
		checkLastAxis(t, v, "<h", []int{3, 2}, []int{13, 2})
		checkLastAxis(t, v, "B", []int{3, 4}, []int{13, 1})
		checkLastAxis(t, v, "T{>h:a:B:b:B:c:}", []int{3, 1}, []int{13, 7}) // same size: strides kept
		if _, err := cast.LastAxis(v, "<d"); !errors.Is(err, cast.ErrSize) {
			t.Errorf("4 bytes as <d: %v, want ErrSize", err)
		}
	})
	t.Run("extent 0", func(t *testing.T) {
		checkLastAxis(t, must(ndview.Make("<d", 3, 0)), "B", []int{3, 0}, []int{8, 1})
		checkLastAxis(t, must(ndview.Make("<d", 3, 0)), "Zd", []int{3, 0}, []int{8, 16})
		buf := alignedBytes(t, 16)
		v := fromLayout(t, buf, "<i", []int{2, 0}, []int{-4, 3}, 9)
		checkLastAxis(t, v, "<h", []int{2, 0}, []int{-4, 2})
		// An empty view has no bytes to be strided: as in NumPy, a strided
		// last axis is no obstacle.
		e := must(must(ndview.Make("<i", 0, 6)).IndexString(":, ::2"))
		checkLastAxis(t, e, "B", []int{0, 12}, []int{e.Stride(0), 1})
		checkLastAxis(t, e, ">h", []int{0, 6}, []int{e.Stride(0), 2})
		if _, err := cast.LastAxis(e, "<d"); !errors.Is(err, cast.ErrSize) {
			t.Errorf("12 bytes of an empty view as <d: %v, want ErrSize", err)
		}
	})
	t.Run("same size keeps any strides", func(t *testing.T) {
		v := must(must(ndview.Make("<i", 4, 6)).IndexString("::-1, ::2"))
		v = v.T() // shape (3, 4), strides (8, -24)
		for _, to := range []string{">f", "<I", "4s", "2h", "T{<h:a:>h:b:}", "(2,2)B", "i"} {
			checkLastAxis(t, v, to, []int{3, 4}, []int{8, -24})
		}
		b := must(must(ndview.Make("<i", 3)).BroadcastTo(4, 3))
		checkLastAxis(t, b, ">i", []int{4, 3}, []int{0, 4})
		z := must(ndview.Make("<d"))
		checkLastAxis(t, z, ">q", []int{}, []int{})
		checkLastAxis(t, z.AsReadOnly(), "Zf", []int{}, []int{})
	})
	t.Run("errors", func(t *testing.T) {
		c := must(ndview.Make("<i", 4, 6))
		cases := []struct {
			name string
			v    ndview.View
			to   string
			want error
		}{
			{"strided last axis", must(c.IndexString(":, ::2")), "B", cast.ErrNotContiguous},
			{"reversed last axis", must(c.IndexString(":, ::-1")), "<h", cast.ErrNotContiguous},
			{"transposed", c.T(), "<q", cast.ErrNotContiguous},
			{"broadcast last axis", must(must(ndview.Make("<i", 1)).BroadcastTo(3, 4)), "B", cast.ErrNotContiguous},
			{"0-d to another size", must(ndview.Make("<d")), "B", cast.ErrSize},
			{"0-d to a larger size", must(ndview.Make("<d")), "Zd", cast.ErrSize},
			{"bytes do not divide", must(ndview.Make("B", 2, 6)), "<i", cast.ErrSize},
			{"24 bytes as 16-byte items", c, "Zd", cast.ErrSize},
			{"zero-size format", c, "0i", cast.ErrSize},
			{"zero-size format 0x", c, "0x", cast.ErrSize},
			{"zero-size format on a 0-d view", must(ndview.Make("<d")), "0s", cast.ErrSize},
			{"empty format", c, "", cast.ErrSize},
			{"bad format", c, "Zq", format.ErrSyntax},
			{"bad format 2", c, "i{", format.ErrSyntax},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				u, err := cast.LastAxis(c.v, c.to)
				if !errors.Is(err, c.want) {
					t.Fatalf("LastAxis(%s, %q) = %s, %v; want an error matching %v", geom(c.v), c.to, geom(u), err, c.want)
				}
			})
		}
		if _, err := cast.LastAxisFormat(c, nil); !errors.Is(err, cast.ErrType) {
			t.Errorf("LastAxisFormat with a nil format: %v, want ErrType", err)
		}
	})
	t.Run("many dimensions", func(t *testing.T) {
		shape := []int{2, 1, 2, 1, 2, 1, 2, 1, 2, 3}
		v := must(ndview.Make("Zf", shape...))
		v = must(v.IndexString("::-1, ..., ::1"))
		want := slices.Clone(shape)
		want[9] = 6
		st := v.Strides()
		st[9] = 4
		checkLastAxis(t, v, "<f", want, st)
	})
}

// TestLastAxisRoundTrip casts random strided views with a contiguous
// last axis to every format whose size divides the last axis's bytes and
// back, which must give exactly the same layout.
func TestLastAxisRoundTrip(t *testing.T) {
	r := newRand(3)
	formats := []string{"B", "<h", ">i", "<d", "Zd", ">Zf", "3s", "e", "T{<i:a:>h:b:}", "(2,3)B", "?"}
	for trial := range 60 {
		from := formats[r.IntN(len(formats))]
		f := format.MustParse(from)
		nd := 1 + r.IntN(4)
		shape := make([]int, nd)
		for i := range shape {
			shape[i] = 1 + r.IntN(4)
		}
		shape[nd-1] = []int{1, 2, 3, 4, 6, 12}[r.IntN(6)]
		// Outer strides: a permutation of padded blocks, some reversed.
		strides := make([]int, nd)
		strides[nd-1] = f.Size()
		acc := f.Size() * shape[nd-1] * (1 + r.IntN(2))
		off := r.IntN(16)
		for i := nd - 2; i >= 0; i-- {
			strides[i] = acc
			if r.IntN(3) == 0 {
				strides[i] = -acc
				off += acc * (shape[i] - 1)
			}
			acc *= shape[i] * (1 + r.IntN(2))
		}
		buf := alignedBytes(t, off+acc+16)
		v := fromLayout(t, buf, from, shape, strides, off)
		if r.IntN(2) == 0 {
			v = v.AsReadOnly()
		}
		nb := shape[nd-1] * f.Size()
		for _, to := range formats {
			g := format.MustParse(to)
			t.Run(fmt.Sprintf("%d %s->%s", trial, from, to), func(t *testing.T) {
				if nb%g.Size() != 0 {
					if _, err := cast.LastAxis(v, to); !errors.Is(err, cast.ErrSize) {
						t.Fatalf("LastAxis(%s, %q): %v, want ErrSize", geom(v), to, err)
					}
					return
				}
				want := slices.Clone(shape)
				want[nd-1] = nb / g.Size()
				wst := slices.Clone(strides)
				wst[nd-1] = g.Size()
				checkLastAxis(t, v, to, want, wst)
			})
		}
	}
}

// ---- allocations ----

var sinkCastView ndview.View

func TestToAllocs(t *testing.T) {
	v := must(ndview.Make("<d", 2, 3, 4, 2))
	shapes := [][]int{{384}, {2, 192}, {2, 3, 64}, {2, 3, 4, 16}, {2, 3, 4, 2, 8}, {2, 3, 4, 2, 2, 4}, {2, 3, 4, 1, 2, 2, 4}, {2, 3, 4, 1, 2, 2, 2, 2}}
	for _, shape := range shapes {
		t.Run(fmt.Sprintf("dims=%d", len(shape)), func(t *testing.T) {
			if _, err := cast.To(v, "B", shape...); err != nil {
				t.Fatal(err)
			}
			to := testing.AllocsPerRun(100, func() {
				w, err := cast.To(v, "B", shape...)
				if err != nil {
					panic(err)
				}
				sinkCastView = w
			})
			u := must(cast.To(v, "B", shape...))
			last := testing.AllocsPerRun(100, func() {
				w, err := cast.LastAxis(u, "<h")
				if err != nil {
					panic(err)
				}
				sinkCastView = w
			})
			// Nothing up to 4 dimensions, as documented (a View holds four
			// inline); beyond, the View's one slice.
			want := 0.0
			if len(shape) > 4 {
				want = 1
			}
			if to > want || last > want {
				t.Errorf("%d dimensions: To allocates %v times, LastAxis %v times; want at most %v", len(shape), to, last, want)
			}
		})
	}
	t.Run("literal shape with -1", func(t *testing.T) {
		got := testing.AllocsPerRun(100, func() {
			w, err := cast.To(v, ">i", 4, -1, 3)
			if err != nil {
				panic(err)
			}
			sinkCastView = w
		})
		if got != 0 {
			t.Errorf("To(v, >i, 4, -1, 3) allocates %v times", got)
		}
	})
	t.Run("no shape", func(t *testing.T) {
		got := testing.AllocsPerRun(100, func() {
			w, err := cast.To(v, "Zd")
			if err != nil {
				panic(err)
			}
			sinkCastView = w
		})
		if got != 0 {
			t.Errorf("To(v, Zd) allocates %v times", got)
		}
	})
}

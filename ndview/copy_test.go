package ndview_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// nvCopyLayouts returns views of shape (2,3,4) (or its permutation) in
// many layouts, each over its own buffer of sentinel bytes 0xEE: C, F,
// every axis order, reversed axes, a step, an offset, odd offsets and
// strides that break alignment.
func nvCopyLayouts(t testing.TB, fmtstr string) map[string]ndview.View {
	t.Helper()
	item := format.MustParse(fmtstr).Size()
	fresh := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = 0xEE
		}
		return b
	}
	n := 24 * item
	out := map[string]ndview.View{}
	out["C"] = nvMust(ndview.New(fresh(n), fmtstr, 2, 3, 4))
	out["F"] = nvMust(ndview.NewFortran(fresh(n), fmtstr, 2, 3, 4))
	for _, p := range [][]int{{0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}} {
		// A C-contiguous view of the permuted shape, transposed back.
		shape := []int{2, 3, 4}
		ps := []int{shape[p[0]], shape[p[1]], shape[p[2]]}
		base := nvMust(ndview.New(fresh(n), fmtstr, ps...))
		inv := make([]int, 3)
		for i, a := range p {
			inv[a] = i
		}
		out[fmt.Sprint("perm", p)] = nvMust(base.Transpose(inv...))
	}
	big := nvMust(ndview.New(fresh(4*n+3*item), fmtstr, 4, 3, 8))
	out["step"] = nvMust(big.IndexString("::2, :, 1::2"))
	out["reversed"] = nvMust(nvMust(ndview.New(fresh(n), fmtstr, 2, 3, 4)).IndexString("::-1, :, ::-1"))
	out["all reversed"] = nvMust(nvMust(ndview.New(fresh(n), fmtstr, 2, 3, 4)).IndexString("::-1, ::-1, ::-1"))
	out["offset"] = nvLayout(t, fresh(n+5*item), fmtstr, []int{2, 3, 4}, nil, 5*item)
	out["odd offset"] = nvLayout(t, fresh(n+3), fmtstr, []int{2, 3, 4}, nil, 3)
	out["odd strides"] = nvLayout(t, fresh(2*3*4*(item+1)+1), fmtstr, []int{2, 3, 4}, []int{12 * (item + 1), 4 * (item + 1), item + 1}, 1)
	out["mixed"] = nvLayout(t, fresh(4*n), fmtstr, []int{2, 3, 4}, []int{item, -8 * item, 2 * item}, 16*item+item)
	return out
}

// nvFillDistinct writes distinct values into every element of v, through
// its bytes, so any mix-up shows.
func nvFillDistinct(v ndview.View, seed byte) {
	k := seed
	for _, o := range nvRefOffsets(v) {
		for j := range v.ItemSize() {
			v.Buffer()[o+j] = k
			k = k*31 + 7
		}
		k++
	}
}

// nvCopyRef computes CopyTo's expected result for src and dst (which may
// share memory) on a copy of dst's buffer: the source elements are read
// into a temporary first, then written element by element.
func nvCopyRef(src, dst ndview.View) []byte {
	tmp := nvRefBytes(src)
	out := append([]byte{}, dst.Buffer()...)
	item := dst.ItemSize()
	for i, o := range nvRefOffsets(dst) {
		copy(out[o:o+item], tmp[i*item:(i+1)*item])
	}
	return out
}

func TestCopyToAllLayouts(t *testing.T) {
	for _, f := range []string{"B", "<h", "<i", "<d", "<Zd", "3s"} {
		srcs, dsts := nvCopyLayouts(t, f), nvCopyLayouts(t, f)
		for _, src := range srcs {
			nvFillDistinct(src, 1)
		}
		for sn, src := range srcs {
			for dn, dst := range dsts {
				for i := range dst.Buffer() {
					dst.Buffer()[i] = 0xEE
				}
				srcBefore := append([]byte{}, src.Buffer()...)
				want := nvCopyRef(src, dst)
				if err := src.CopyTo(dst); err != nil {
					t.Errorf("%s: %s -> %s: %v", f, sn, dn, err)
					continue
				}
				if diff := nvDiffBytes(want, dst.Buffer()); diff != "" {
					t.Errorf("%s: %s -> %s: destination buffer (-want +got):\n%s", f, sn, dn, diff)
				}
				if diff := nvDiffBytes(srcBefore, src.Buffer()); diff != "" {
					t.Errorf("%s: %s -> %s: the source changed", f, sn, dn)
				}
				if diff := nvDiffBytes(src.ToBytes(ndview.COrder), dst.ToBytes(ndview.COrder)); diff != "" {
					t.Errorf("%s: %s -> %s: elements differ after the copy", f, sn, dn)
				}
			}
		}
	}
}

// Copies between overlapping views of one buffer give what a copy through
// a temporary gives.
func TestCopyToOverlapping(t *testing.T) {
	type pair struct {
		name     string
		src, dst func(buf []byte) ndview.View
		n        int
	}
	lay := func(f string, shape, strides []int, off int) func([]byte) ndview.View {
		return func(buf []byte) ndview.View {
			return nvMust(ndview.FromLayout(buf, ndview.Layout{Format: format.MustParse(f), Shape: shape, Strides: strides, Offset: off}))
		}
	}
	idx := func(f string, shape []int, s string) func([]byte) ndview.View {
		return func(buf []byte) ndview.View { return nvMust(nvMust(ndview.New(buf, f, shape...)).IndexString(s)) }
	}
	tr := func(g func([]byte) ndview.View) func([]byte) ndview.View {
		return func(buf []byte) ndview.View { return g(buf).T() }
	}
	pairs := []pair{
		{"shift forward 1-d", lay("<i", []int{9}, nil, 0), lay("<i", []int{9}, nil, 4), 40},
		{"shift back 1-d", lay("<i", []int{9}, nil, 4), lay("<i", []int{9}, nil, 0), 40},
		{"shift forward 2-d", lay("<h", []int{3, 5}, nil, 0), lay("<h", []int{3, 5}, nil, 2), 32},
		{"shift back 2-d", lay("<h", []int{3, 5}, nil, 2), lay("<h", []int{3, 5}, nil, 0), 32},
		{"shift by a row", lay("<h", []int{3, 5}, nil, 0), lay("<h", []int{3, 5}, nil, 10), 40},
		{"shift odd bytes", lay("<d", []int{4}, nil, 0), lay("<d", []int{4}, nil, 3), 40},
		{"reversed in place", lay("<i", []int{10}, nil, 0), idx("<i", []int{10}, "::-1"), 40},
		{"reversed odd", lay("<i", []int{9}, nil, 0), idx("<i", []int{9}, "::-1"), 36},
		{"reversed shifted", lay("<i", []int{9}, nil, 0), lay("<i", []int{9}, []int{-4}, 36), 40},
		{"rows reversed", idx("<q", []int{4, 3}, ":"), idx("<q", []int{4, 3}, "::-1"), 96},
		{"transposed 3x3", lay("<i", []int{3, 3}, nil, 0), tr(lay("<i", []int{3, 3}, nil, 0)), 36},
		{"transposed 20x20", lay("<i", []int{20, 20}, nil, 0), tr(lay("<i", []int{20, 20}, nil, 0)), 1600},
		{"transposed 40x40 d", lay("<d", []int{40, 40}, nil, 0), tr(lay("<d", []int{40, 40}, nil, 0)), 12800},
		{"transposed 33x33 B", lay("B", []int{33, 33}, nil, 0), tr(lay("B", []int{33, 33}, nil, 0)), 33 * 33},
		{"transposed shifted", lay("<h", []int{17, 17}, nil, 0), tr(lay("<h", []int{17, 17}, nil, 2)), 17*17*2 + 2},
		{"interleaved", idx("<h", []int{20}, "::2"), idx("<h", []int{20}, "1::2"), 40},
		{"dense onto strided", lay("<h", []int{10}, nil, 0), idx("<h", []int{20}, "::2"), 40},
		{"strided onto dense", idx("<h", []int{20}, "::2"), lay("<h", []int{10}, nil, 0), 40},
		{"strided onto dense shifted", idx("<h", []int{20}, "::2"), lay("<h", []int{10}, nil, 2), 40},
		{"broadcast source", lay("<i", []int{4, 5}, []int{0, 4}, 0), lay("<i", []int{4, 5}, nil, 0), 80},
		{"broadcast source shifted", lay("<i", []int{4, 5}, []int{0, 4}, 4), lay("<i", []int{4, 5}, nil, 0), 80},
		{"same view", lay("<i", []int{3, 4}, nil, 0), lay("<i", []int{3, 4}, nil, 0), 48},
		{"same memory other strides", lay("<i", []int{4, 4}, nil, 0), tr(lay("<i", []int{4, 4}, nil, 0)), 64},
		{"3-d permuted in place", lay("<h", []int{3, 18, 18}, nil, 0), func(buf []byte) ndview.View {
			return nvMust(nvMust(ndview.New(buf, "<h", 3, 18, 18)).Transpose(0, 2, 1))
		}, 3 * 18 * 18 * 2},
		{"overlapping source rows", lay("B", []int{4, 6}, []int{3, 1}, 0), lay("B", []int{4, 6}, nil, 2), 26},
	}
	for _, p := range pairs {
		buf := nvSeq(p.n)
		for i := range buf {
			buf[i] = byte(i*7 + 3)
		}
		src, dst := p.src(buf), p.dst(buf)
		want := nvCopyRef(src, dst)
		if err := src.CopyTo(dst); err != nil {
			t.Errorf("%s: %v", p.name, err)
			continue
		}
		if diff := nvDiffBytes(want, buf); diff != "" {
			t.Errorf("%s: buffer after the copy (-want +got):\n%s", p.name, diff)
		}
	}
}

// Large non-overlapping transposed copies, which are tiled, with sizes
// that are not multiples of the tile.
func TestCopyToTransposedLarge(t *testing.T) {
	for _, f := range []string{"B", "<h", "<i", "<d", "<Zd", "5s"} {
		for _, sh := range [][]int{{40, 33}, {16, 16}, {65, 17}, {3, 37, 45}, {2, 20, 3, 19}} {
			src := nvMust(ndview.Make(f, sh...))
			nvFillDistinct(src, 5)
			nd := len(sh)
			perm := make([]int, nd)
			for i := range perm {
				perm[i] = i
			}
			perm[nd-1], perm[nd-2] = perm[nd-2], perm[nd-1]
			tshape := make([]int, nd)
			for i, a := range perm {
				tshape[i] = sh[a]
			}
			// dst is C-contiguous with the transposed shape; copy src's
			// transpose into it.
			dst := nvMust(ndview.Make(f, tshape...))
			st := nvMust(src.Transpose(perm...))
			want := nvCopyRef(st, dst)
			if err := st.CopyTo(dst); err != nil {
				t.Fatal(err)
			}
			if diff := nvDiffBytes(want, dst.Buffer()); diff != "" {
				t.Errorf("%s %v transposed into C: differs", f, sh)
			}
			// And the other way: a C source into a transposed destination.
			dst2 := nvMust(ndview.Make(f, sh...))
			dt := nvMust(dst2.Transpose(perm...))
			want = nvCopyRef(dst, dt)
			if err := dst.CopyTo(dt); err != nil {
				t.Fatal(err)
			}
			if diff := nvDiffBytes(want, dst2.Buffer()); diff != "" {
				t.Errorf("%s %v C into transposed: differs", f, sh)
			}
			if diff := nvDiffBytes(src.Buffer(), dst2.Buffer()); diff != "" {
				t.Errorf("%s %v: a transpose there and back is not the identity", f, sh)
			}
		}
	}
}

// Random layouts, random pairs, some sharing a buffer.
func TestCopyToRandom(t *testing.T) {
	r := nvRand(11)
	for it := range 3000 {
		f := []string{"B", "<h", "<i", "<d"}[r.IntN(4)]
		buf, l := nvRandLayout(r, f, 4, 4)
		src := nvMust(ndview.FromLayout(buf, l))
		var dst ndview.View
		switch r.IntN(3) {
		case 0: // fresh C
			dst = nvMust(ndview.Make(f, l.Shape...))
		case 1: // another random layout of the same shape in the same buffer, if one fits
			ok := false
			for range 20 {
				item := l.Format.Size()
				strides := make([]int, len(l.Shape))
				for i := range strides {
					strides[i] = item * (r.IntN(9) - 4)
				}
				off := r.IntN(len(buf) + 1)
				if d, err := ndview.FromLayout(buf, ndview.Layout{Format: l.Format, Shape: l.Shape, Strides: strides, Offset: off}); err == nil {
					if nvHasDup(d) { // a destination with repeated elements has no defined result
						continue
					}
					dst, ok = d, true
					break
				}
			}
			if !ok {
				dst = nvMust(ndview.Make(f, l.Shape...))
			}
		case 2: // the source reversed along an axis, in place
			if src.NDim() == 0 || nvHasDup(src) {
				dst = nvMust(ndview.Make(f, l.Shape...))
			} else {
				dst = nvMust(src.Flip(r.IntN(src.NDim())))
			}
		}
		want := nvCopyRef(src, dst)
		if err := src.CopyTo(dst); err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		if diff := nvDiffBytes(want, dst.Buffer()); diff != "" {
			t.Fatalf("case %d: %v -> %v: (-want +got):\n%s", it, nvGeom(src), nvGeom(dst), diff)
		}
	}
}

// nvDiffBytes is cmp.Diff for byte slices, with a fast path for equal
// ones (cmp walks large slices slowly); nil and empty are equal.
func nvDiffBytes(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	return cmp.Diff(want, got)
}

// nvHasDup reports whether two elements of v share a byte.
func nvHasDup(v ndview.View) bool {
	seen := map[int]bool{}
	for _, o := range nvRefOffsets(v) {
		for j := range v.ItemSize() {
			if seen[o+j] {
				return true
			}
			seen[o+j] = true
		}
	}
	return false
}

func TestCopyToErrors(t *testing.T) {
	a := nvArange(t, "<i", 2, 3)
	for name, tc := range map[string]struct {
		dst  ndview.View
		want error
	}{
		"shape":           {nvMust(ndview.Make("<i", 3, 2)), ndview.ErrShape},
		"ndim":            {nvMust(ndview.Make("<i", 6)), ndview.ErrShape},
		"ndim 1s":         {nvMust(ndview.Make("<i", 1, 2, 3)), ndview.ErrShape},
		"byte order":      {nvMust(ndview.Make(">i", 2, 3)), ndview.ErrType},
		"signedness":      {nvMust(ndview.Make("<I", 2, 3)), ndview.ErrType},
		"float same size": {nvMust(ndview.Make("<f", 2, 3)), ndview.ErrType},
		"itemsize":        {nvMust(ndview.Make("<q", 2, 3)), ndview.ErrType},
		"read-only":       {nvMust(ndview.Make("<i", 2, 3)).AsReadOnly(), ndview.ErrReadOnly},
		"zero":            {ndview.View{}, ndview.ErrType},
	} {
		before := append([]byte{}, tc.dst.Buffer()...)
		if err := a.CopyTo(tc.dst); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
		if !bytes.Equal(before, tc.dst.Buffer()) {
			t.Errorf("%s: a failed copy wrote", name)
		}
	}
	// Formats whose bytes mean the same are compatible: equal formats, and
	// single values of the same kind, size and order that differ only in
	// declared alignment ("<i" and "i" on a little-endian machine).
	for _, f := range []string{"<1i", "=i", "i", "@i"} {
		if format.NativeOrder() != format.LittleEndian {
			break
		}
		d := nvMust(ndview.Make(f, 2, 3))
		if err := a.CopyTo(d); err != nil {
			t.Errorf("<i into %s: %v", f, err)
		} else if !ndview.Equal(a, d) {
			t.Errorf("<i into %s: not equal", f)
		}
	}
	for _, f := range []string{">i", "<I", "<f", "<q"} {
		if err := a.CopyTo(nvMust(ndview.Make(f, 2, 3))); !errors.Is(err, ndview.ErrType) {
			t.Errorf("<i into %s: %v, want ErrType", f, err)
		}
	}
	// Empty copies are fine; the shapes must still match exactly.
	e := nvMust(a.IndexString(":0"))
	if err := e.CopyTo(nvMust(ndview.Make("<i", 0, 3))); err != nil {
		t.Errorf("empty copy: %v", err)
	}
	if err := e.CopyTo(nvMust(ndview.Make("<i", 0, 4))); !errors.Is(err, ndview.ErrShape) {
		t.Errorf("empty copy into (0,4): %v", err)
	}
	// 0-d.
	z := nvMust(a.IndexString("1, 2"))
	d := nvMust(ndview.Make("<i"))
	if err := z.CopyTo(d); err != nil || ndview.At[int32](d) != 5 {
		t.Errorf("0-d copy: %v %v", err, ndview.At[int32](d))
	}
}

func TestFill(t *testing.T) {
	buf := make([]byte, 48)
	for i := range buf {
		buf[i] = 0xEE
	}
	v := nvMust(ndview.New(buf, "<i", 3, 4))
	s := nvMust(v.IndexString("::2, 1::2")) // elements (0,1) (0,3) (2,1) (2,3)
	if err := s.Fill(-2); err != nil {
		t.Fatal(err)
	}
	for idx := range v.All() {
		want := uint32(0xEEEEEEEE)
		if idx[0]%2 == 0 && idx[1]%2 == 1 {
			want = 0xFFFFFFFE
		}
		if got := uint32(ndview.At[int32](v, idx...)); got != want {
			t.Errorf("element %v = %#x, want %#x", idx, got, want)
		}
	}
	if err := v.Fill(7); err != nil {
		t.Fatal(err)
	}
	for x := range ndview.MustAs[int32](v).All() {
		if x != 7 {
			t.Fatalf("after Fill(7): %d", x)
		}
	}
	if err := v.Fill(int64(1) << 40); !errors.Is(err, ndview.ErrType) || !errors.Is(err, format.ErrRange) {
		t.Errorf("Fill out of range: %v", err)
	}
	if err := v.Fill("x"); !errors.Is(err, ndview.ErrType) {
		t.Errorf("Fill with a string: %v", err)
	}
	if err := v.Fill([]any{1, 2}); !errors.Is(err, ndview.ErrType) {
		t.Errorf("Fill with two values: %v", err)
	}
	for x := range ndview.MustAs[int32](v).All() {
		if x != 7 {
			t.Fatalf("a failed Fill wrote: %d", x)
		}
	}
	if err := v.AsReadOnly().Fill(1); !errors.Is(err, ndview.ErrReadOnly) {
		t.Errorf("Fill on read-only: %v", err)
	}
	// Floats, bools, records, big items, 0-d, empty, zero strides.
	d := nvMust(ndview.Make(">d", 5))
	if err := d.Fill(2.5); err != nil || ndview.At[float64](d, 4) != 2.5 {
		t.Errorf(">d Fill: %v", err)
	}
	b := nvMust(ndview.Make("?", 3))
	if err := b.Fill(true); err != nil || !cmp.Equal(b.Buffer(), []byte{1, 1, 1}) {
		t.Errorf("? Fill: %v %v", err, b.Buffer())
	}
	r := nvMust(ndview.Make("<hB", 3))
	if err := r.Fill([]any{-1, 9}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]byte{0xFF, 0xFF, 9, 0xFF, 0xFF, 9, 0xFF, 0xFF, 9}, r.Buffer()); diff != "" {
		t.Errorf("record Fill:\n%s", diff)
	}
	big := nvMust(ndview.Make("100s", 4))
	if err := big.Fill([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		x, _ := big.Value(i)
		want := append([]byte("hello"), make([]byte, 95)...)
		if !cmp.Equal(x, want) {
			t.Errorf("100s Fill element %d = %q", i, x)
		}
	}
	z := nvMust(ndview.Make("<q"))
	if err := z.Fill(-9); err != nil || ndview.At[int64](z) != -9 {
		t.Errorf("0-d Fill: %v", err)
	}
	if err := nvMust(ndview.Make("<q", 0)).Fill(1); err != nil {
		t.Errorf("empty Fill: %v", err)
	}
	zs := nvLayout(t, make([]byte, 8), "<i", []int{3, 2}, []int{0, 4}, 0)
	if err := zs.Fill(3); err != nil || !cmp.Equal(zs.Buffer(), []byte{3, 0, 0, 0, 3, 0, 0, 0}) {
		t.Errorf("zero-stride Fill: %v %v", err, zs.Buffer())
	}
	// A long run fills every byte (the doubling copy).
	long := nvMust(ndview.Make("<h", 1000))
	if err := long.Fill(0x0102); err != nil {
		t.Fatal(err)
	}
	for i, c := range long.Buffer() {
		if c != byte(2-i%2) {
			t.Fatalf("byte %d = %d", i, c)
		}
	}
}

func TestToBytesOrders(t *testing.T) {
	// The reference's memoryview observations (§4.9): an F-contiguous 3x4
	// B view with tolist [[0,3,6,9],[1,4,7,10],[2,5,8,11]].
	f := nvMust(ndview.NewFortran(nvSeq(12), "B", 3, 4))
	if diff := cmp.Diff(nvL(nvL(0, 3, 6, 9), nvL(1, 4, 7, 10), nvL(2, 5, 8, 11)), nvInts(nvList(t, f))); diff != "" {
		t.Fatalf("F view:\n%s", diff)
	}
	for _, tc := range []struct {
		v     ndview.View
		order ndview.Order
		want  []byte
	}{
		{f, ndview.COrder, []byte{0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11}},
		{f, ndview.FOrder, nvSeq(12)},
		{f, ndview.AnyOrder, nvSeq(12)},
	} {
		if diff := cmp.Diff(tc.want, tc.v.ToBytes(tc.order)); diff != "" {
			t.Errorf("F view ToBytes(%c):\n%s", tc.order, diff)
		}
	}
	c := nvMust(ndview.New(nvSeq(12), "B", 3, 4))
	s := nvMust(c.IndexString("::2"))
	for _, tc := range []struct {
		order ndview.Order
		want  []byte
	}{
		{ndview.COrder, []byte{0, 1, 2, 3, 8, 9, 10, 11}},
		{ndview.AnyOrder, []byte{0, 1, 2, 3, 8, 9, 10, 11}},
		{ndview.FOrder, []byte{0, 8, 1, 9, 2, 10, 3, 11}},
	} {
		if diff := cmp.Diff(tc.want, s.ToBytes(tc.order)); diff != "" {
			t.Errorf("m2[::2] ToBytes(%c):\n%s", tc.order, diff)
		}
	}
	// A C view: A is C.
	if diff := cmp.Diff(nvSeq(12), c.ToBytes(ndview.AnyOrder)); diff != "" {
		t.Errorf("C view ToBytes(A):\n%s", diff)
	}
	// Multi-byte items keep their bytes together.
	h := nvMust(ndview.New(nvSeq(12), "<h", 2, 3))
	if diff := cmp.Diff([]byte{0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11}, h.ToBytes(ndview.FOrder)); diff != "" {
		t.Errorf("h ToBytes(F):\n%s", diff)
	}
	// Empty and 0-d.
	if b := nvMust(c.IndexString(":0")).ToBytes(ndview.COrder); b == nil || len(b) != 0 {
		t.Errorf("empty ToBytes = %#v", b)
	}
	if diff := cmp.Diff([]byte{6}, nvMust(c.IndexString("1, 2")).ToBytes(ndview.FOrder)); diff != "" {
		t.Errorf("0-d ToBytes:\n%s", diff)
	}
	// Random layouts against the element-by-element reference, in C and
	// F order.
	r := nvRand(3)
	for range 500 {
		buf, l := nvRandLayout(r, []string{"B", "<h", "<d", "<iB"}[r.IntN(4)], 5, 4)
		v := nvMust(ndview.FromLayout(buf, l))
		if diff := nvDiffBytes(nvRefBytes(v), v.ToBytes(ndview.COrder)); diff != "" {
			t.Fatalf("%v ToBytes(C):\n%s", nvGeom(v), diff)
		}
		if diff := nvDiffBytes(nvRefBytes(v.T()), v.ToBytes(ndview.FOrder)); diff != "" {
			t.Fatalf("%v ToBytes(F):\n%s", nvGeom(v), diff)
		}
		want := nvRefBytes(v)
		if v.IsFContiguous() && !v.IsCContiguous() {
			want = nvRefBytes(v.T())
		}
		if diff := nvDiffBytes(want, v.ToBytes(ndview.AnyOrder)); diff != "" {
			t.Fatalf("%v ToBytes(A):\n%s", nvGeom(v), diff)
		}
	}
}

func TestAppendBytes(t *testing.T) {
	v := nvMust(nvMust(ndview.New(nvSeq(12), "B", 3, 4)).IndexString(":, 1::2"))
	dst := make([]byte, 2, 64)
	dst[0], dst[1] = 0xAA, 0xBB
	got := v.AppendBytes(dst, ndview.COrder)
	if diff := cmp.Diff([]byte{0xAA, 0xBB, 1, 3, 5, 7, 9, 11}, got); diff != "" {
		t.Errorf("AppendBytes:\n%s", diff)
	}
	if &got[0] != &dst[0] {
		t.Error("AppendBytes reallocated although dst had room")
	}
	got = v.AppendBytes(got, ndview.FOrder)
	if diff := cmp.Diff([]byte{0xAA, 0xBB, 1, 3, 5, 7, 9, 11, 1, 5, 9, 3, 7, 11}, got); diff != "" {
		t.Errorf("AppendBytes F:\n%s", diff)
	}
	if got := v.AppendBytes(nil, ndview.COrder); len(got) != 6 {
		t.Errorf("AppendBytes to nil: %v", got)
	}
	if n := testing.AllocsPerRun(100, func() { _ = v.AppendBytes(dst[:0], ndview.COrder) }); n != 0 {
		t.Errorf("AppendBytes with capacity allocates %v times", n)
	}
	for _, o := range []ndview.Order{'c', 'f', 'X', 0} {
		nvWantPanic(t, fmt.Sprintf("AppendBytes order %q", rune(o)), func() { v.AppendBytes(nil, o) })
		nvWantPanic(t, fmt.Sprintf("ToBytes order %q", rune(o)), func() { v.ToBytes(o) })
	}
}

func TestClone(t *testing.T) {
	v := nvArange(t, "<i", 3, 4)
	s := nvMust(v.IndexString("::-1, 1::2")).AsReadOnly()
	c := s.Clone()
	if diff := cmp.Diff(nvShapeStrides{[]int{3, 2}, []int{8, 4}, 0}, nvGeom(c)); diff != "" {
		t.Errorf("Clone geometry:\n%s", diff)
	}
	if len(c.Buffer()) != c.NBytes() || c.ReadOnly() || !c.IsCContiguous() || c.ItemFormat() != s.ItemFormat() {
		t.Errorf("Clone: buffer %d, ro %v", len(c.Buffer()), c.ReadOnly())
	}
	if !ndview.Equal(s, c) {
		t.Error("Clone differs")
	}
	// Independence both ways.
	if err := c.SetValue(100, 0, 0); err != nil {
		t.Fatal(err)
	}
	if x, _ := s.Value(0, 0); x != int64(9) {
		t.Errorf("writing the clone changed the original: %v", x)
	}
	if err := v.SetValue(200, 2, 3); err != nil {
		t.Fatal(err)
	}
	if x, _ := c.Value(0, 1); x != int64(11) {
		t.Errorf("writing the original changed the clone: %v", x)
	}
	// A broadcast view materializes.
	b := nvMust(nvArange(t, "<h", 3).BroadcastTo(4, 3))
	bc := b.Clone()
	if len(bc.Buffer()) != 24 || bc.ReadOnly() || !ndview.Equal(b, bc) {
		t.Errorf("Clone of a broadcast view: %d bytes", len(bc.Buffer()))
	}
	// 0-d, empty, >4-d.
	z := nvMust(v.IndexString("1, 1")).Clone()
	if z.NDim() != 0 || len(z.Buffer()) != 4 || ndview.At[int32](z) != 5 {
		t.Errorf("0-d Clone: %v", nvGeom(z))
	}
	e := nvMust(v.IndexString(":0")).Clone()
	if e.Len() != 0 || len(e.Buffer()) != 0 || !cmp.Equal(e.Shape(), []int{0, 4}) {
		t.Errorf("empty Clone: %v", nvGeom(e))
	}
	h := nvMust(nvArange(t, "B", 2, 1, 2, 1, 2, 2).Flip(4))
	hc := h.Clone()
	if !ndview.Equal(h, hc) || !hc.IsCContiguous() || hc.NDim() != 6 {
		t.Errorf("6-d Clone: %v", nvGeom(hc))
	}
}

// A regression test for a bug this suite found: AppendBytes grew dst with
// append(dst, make([]byte, n)...), which zeroes the new bytes before the
// elements are copied. When dst's spare capacity is the view's own buffer
// (v.AppendBytes(v.Buffer()[:0], order), the in-place compaction idiom that
// append(b[:0], ...) supports), the elements were zeroed before they were
// read. Go's append copies overlapping memory correctly; so must
// AppendBytes.
func TestAppendBytesAliasing(t *testing.T) {
	buf := make([]byte, 8, 64)
	copy(buf, []byte{1, 2, 3, 4, 5, 6, 7, 8})
	v := nvMust(ndview.New(buf, "B", 8))
	if got := v.AppendBytes(buf[:0], ndview.COrder); !bytes.Equal(got, []byte{1, 2, 3, 4, 5, 6, 7, 8}) {
		t.Errorf("AppendBytes(own buffer[:0]) = %v, want [1 2 3 4 5 6 7 8]", got)
	}
	// Compacting every other element to the front of the same buffer.
	buf = []byte{1, 0, 2, 0, 3, 0, 4, 0}
	s := nvMust(nvMust(ndview.New(buf, "B", 8)).IndexString("::2"))
	if got := s.AppendBytes(buf[:0], ndview.COrder); !bytes.Equal(got, []byte{1, 2, 3, 4}) {
		t.Errorf("compacting [::2] in place = %v, want [1 2 3 4]", got)
	}
}

func TestSpan(t *testing.T) {
	m := nvMust(ndview.New(nvSeq(64), "<h", 3, 4)) // strides (8, 2)
	for _, tc := range []struct {
		name   string
		v      ndview.View
		lo, hi int
	}{
		{"C", m, 0, 24},
		{"row 1", nvMust(m.IndexString("1")), 8, 16},
		{"reversed", nvMust(m.IndexString("::-1, ::-1")), 0, 24},
		{"columns 1:3", nvMust(m.IndexString(":, 1:3")), 2, 22},
		{"every other", nvMust(m.IndexString("::2, ::3")), 0, 24},
		{"0-d", nvMust(m.IndexString("2, 3")), 22, 24},
		{"T", m.T(), 0, 24},
		{"broadcast", nvMust(nvMust(m.IndexString("1")).BroadcastTo(5, 4)), 8, 16},
		{"empty", nvMust(m.IndexString("1:1")), 0, 0},
		{"empty at end", nvLayout(t, nvSeq(10), "<h", []int{0}, []int{2}, 10), 10, 10},
		{"odd", nvLayout(t, nvSeq(64), "<d", []int{2, 2}, []int{-9, 20}, 9), 0, 37},
	} {
		lo, hi := tc.v.Span()
		if lo != tc.lo || hi != tc.hi {
			t.Errorf("%s: Span = [%d, %d), want [%d, %d)", tc.name, lo, hi, tc.lo, tc.hi)
		}
		// Every element lies inside the span.
		for _, o := range nvRefOffsets(tc.v) {
			if o < lo || o+tc.v.ItemSize() > hi {
				t.Errorf("%s: element at %d outside the span", tc.name, o)
			}
		}
	}
}

// A transposed copy wider than blockMinLines takes the tiled path; it must
// give the same bytes as the plain one, for several item sizes and with
// an extra outer dimension around the tiles.
func TestCopyToBlockedTranspose(t *testing.T) {
	for _, f := range []string{"B", "<h", "<d"} {
		for _, shape := range [][]int{{5000, 37}, {2, 4500, 19}} {
			src := nvMust(ndview.Make(f, shape...))
			buf := src.Buffer()
			for i := range buf {
				buf[i] = byte(i*7 + i/251)
			}
			var tv ndview.View
			if len(shape) == 2 {
				tv = src.T() // (37, 5000), the source runs along axis 0
			} else {
				tv = nvMust(src.Transpose(0, 2, 1)) // (2, 19, 4500)
			}
			dst := nvMust(ndview.Make(f, tv.Shape()...))
			if err := tv.CopyTo(dst); err != nil {
				t.Fatal(err)
			}
			if want := tv.ToBytes(ndview.COrder); !bytes.Equal(want, dst.Buffer()) {
				t.Errorf("%s %v: tiled transpose differs (-want +got):\n%.400s", f, shape, cmp.Diff(want, dst.Buffer()))
			}
			// And by value, element by element, against Value.
			for _, idx := range [][]int{{0, 0}, {36, 4999}, {17, 2345}} {
				if len(shape) == 3 {
					idx = append([]int{1}, idx[0]%19, idx[1]%4500)
				}
				a, _ := tv.Value(idx...)
				b, _ := dst.Value(idx...)
				if !cmp.Equal(a, b) {
					t.Errorf("%s %v at %v: %v, want %v", f, shape, idx, b, a)
				}
			}
		}
	}
}

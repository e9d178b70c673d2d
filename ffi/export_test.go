//go:build cgo

package ffi_test

import (
	"errors"
	"runtime"
	"slices"
	"testing"
	"unsafe"

	"github.com/ndview/ndview/ffi"
	"github.com/ndview/ndview/ffi/internal/croutine"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// A derivation makes a view of a base view (a slice, a flip, ...); the
// tests apply it twice, to the base handed to C and to a Go copy that
// gives the expected bytes.
type derivation func(ndview.View) (ndview.View, error)

func idx(s string) derivation {
	return func(v ndview.View) (ndview.View, error) { return v.IndexString(s) }
}
func flip(axis int) derivation {
	return func(v ndview.View) (ndview.View, error) { return v.Flip(axis) }
}
func bcast(shape ...int) derivation {
	return func(v ndview.View) (ndview.View, error) { return v.BroadcastTo(shape...) }
}

var (
	same     derivation = func(v ndview.View) (ndview.View, error) { return v, nil }
	trans    derivation = func(v ndview.View) (ndview.View, error) { return v.T(), nil }
	readOnly derivation = func(v ndview.View) (ndview.View, error) { return v.AsReadOnly(), nil }
)

func chain(ds ...derivation) derivation {
	return func(v ndview.View) (ndview.View, error) {
		var err error
		for _, d := range ds {
			if v, err = d(v); err != nil {
				return v, err
			}
		}
		return v, nil
	}
}

type layoutCase struct {
	name   string
	format string // "d" or "<d" (native)
	shape  []int  // of the base
	derive derivation
}

func layoutCases() []layoutCase {
	cases := []layoutCase{
		{"contiguous", "d", []int{3, 4}, same},
		{"contiguous <d", "<d", []int{3, 4}, same},
		{"contiguous offset rows", "d", []int{4, 3}, idx("1:3")},
		{"strided ::2, 1::3", "d", []int{4, 6}, idx("::2, 1::3")},
		{"strided <d ::2, 1::3", "<d", []int{4, 6}, idx("::2, 1::3")},
		{"flip 0", "d", []int{4, 6}, flip(0)},
		{"flip 1", "d", []int{4, 6}, flip(1)},
		{"1-D ::-1", "d", []int{7}, idx("::-1")},
		{"1-D ::-3", "<d", []int{8}, idx("::-3")},
		{"::-1, ::-2", "d", []int{4, 6}, idx("::-1, ::-2")},
		{"transposed", "d", []int{3, 4}, trans},
		{"transposed strided", "d", []int{5, 6}, chain(idx("1::2, ::-2"), trans)},
		{"3-D transposed", "<d", []int{2, 3, 4}, trans},
		{"broadcast row", "d", []int{3}, bcast(4, 3)},
		{"broadcast 0-d", "d", nil, bcast(2, 3)},
		{"broadcast column", "d", []int{3, 1}, bcast(2, 3, 4)},
		{"read-only", "d", []int{2, 5}, readOnly},
		{"read-only flipped", "<d", []int{2, 5}, chain(flip(1), readOnly)},
		{"0-d", "d", nil, same},
		{"0-d from index", "d", []int{3, 4}, idx("1, 2")},
		{"0-d from negative index", "d", []int{3, 4}, idx("-1, -1")},
		{"empty 1-D", "d", []int{5}, idx("2:2")},
		{"empty 2-D", "d", []int{3, 4}, idx(":, 3:1")},
		{"empty made", "d", []int{3, 0}, same},
		{"extent 1 strided", "d", []int{6}, idx("2::7")},
	}
	shapes := [][]int{{5}, {2, 3}, {2, 3, 2}, {2, 1, 3, 2}, {2, 2, 1, 3, 2}, {2, 1, 2, 3, 1, 2}}
	for _, s := range shapes {
		nd := len(s)
		cases = append(cases,
			layoutCase{"nd=" + string(rune('0'+nd)) + " contiguous", "d", s, same},
			layoutCase{"nd=" + string(rune('0'+nd)) + " flipped", "<d", s, flip(nd - 1)},
			layoutCase{"nd=" + string(rune('0'+nd)) + " transposed", "d", s, trans},
		)
	}
	return cases
}

// checkDesc compares the descriptor of an exported view with the view.
func checkDesc(t *testing.T, b *ffi.Buffer, v ndview.View) {
	t.Helper()
	d := descOf(t, b)
	if got, want := uintptr(d.buf), firstAddr(v); got != want {
		t.Errorf("buf = %#x, want %#x (&v.Item(0, ...)[0], 0 if empty)", got, want)
	}
	if got, want := d.len, int64(v.NBytes()); got != want {
		t.Errorf("len = %d, want NBytes %d", got, want)
	}
	if got, want := d.itemsize, int64(v.ItemSize()); got != want {
		t.Errorf("itemsize = %d, want %d", got, want)
	}
	if got, want := d.readonly != 0, v.ReadOnly(); got != want {
		t.Errorf("readonly = %d, want %v", d.readonly, want)
	}
	if got, want := int(d.ndim), v.NDim(); got != want {
		t.Fatalf("ndim = %d, want %d", got, want)
	}
	if got, want := d.formatString(), v.ItemFormat().String(); got != want {
		t.Errorf("format = %q, want %q", got, want)
	}
	if got, want := toInts(d.shapeSlice()), v.Shape(); !slices.Equal(got, want) {
		t.Errorf("shape = %v, want %v", got, want)
	}
	if got, want := toInts(d.stridesSlice()), v.Strides(); !slices.Equal(got, want) {
		t.Errorf("strides = %v, want %v", got, want)
	}
	if got, want := croutine.IsCContiguous(b.Ptr()), v.IsCContiguous(); got != want {
		t.Errorf("C ndview_is_c_contiguous = %v, Go IsCContiguous = %v", got, want)
	}
	for _, ix := range indices(v.Shape()) {
		if got, want := croutine.Address(b.Ptr(), i64(ix)...), elemAddr(v, ix...); got != want {
			t.Errorf("C address of %v = %#x, Go &Item = %#x", ix, got, want)
		}
	}
}

// memKind says where the base view's memory lives.
type memKind struct {
	name string
	make func(t *testing.T, f string, shape ...int) ndview.View
}

var memKinds = []memKind{
	{"go", func(t *testing.T, f string, shape ...int) ndview.View { return mustMake(t, f, shape...) }},
	{"c", func(t *testing.T, f string, shape ...int) ndview.View {
		m, err := ffi.Alloc(f, shape...)
		if err != nil {
			t.Fatalf("Alloc(%q, %v): %v", f, shape, err)
		}
		t.Cleanup(m.Free)
		v, err := m.View()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}},
}

// mustExport exports v and registers its release.
func mustExport(t *testing.T, v ndview.View) *ffi.Buffer {
	t.Helper()
	b, err := ffi.Export(v)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	t.Cleanup(b.Release)
	return b
}

// TestExportSameMemory exports views of every layout, in Go and in C
// memory, and checks that C sees the view's own memory: the descriptor,
// element addresses, a sum, and writes (which must change exactly the
// view's elements, and be refused for read-only views).
func TestExportSameMemory(t *testing.T) {
	checkNoLeaks(t)
	for _, mk := range memKinds {
		for _, c := range layoutCases() {
			subtest(t, mk.name+"/"+c.name, func(t *testing.T) {
				base := mk.make(t, c.format, c.shape...)
				fillSeq(t, base)
				v, err := c.derive(base)
				if err != nil {
					t.Fatalf("derive: %v", err)
				}
				// The expectation: a Go copy of the base, same derivation.
				wantBase := base.Clone()
				want, err := c.derive(wantBase)
				if err != nil {
					t.Fatal(err)
				}

				o := ffi.Outstanding() // 1 for C memory
				b := mustExport(t, v)
				outstandingIs(t, o+1, "after one Export")
				checkDesc(t, b, v)

				sum, err := croutine.Sum(b.Ptr())
				if err != nil {
					t.Fatalf("C Sum refused the view: %v", err)
				}
				if g := goSum(t, v); sum != g {
					t.Errorf("C Sum = %v, Go sum = %v", sum, g)
				}

				writes := []struct {
					name string
					c    func() error
					goOp func(x float64) float64
				}{
					{"Scale(3)", func() error { return croutine.Scale(b.Ptr(), 3) }, func(x float64) float64 { return 3 * x }},
					{"Fill(-1.5)", func() error { return croutine.Fill(b.Ptr(), -1.5) }, func(float64) float64 { return -1.5 }},
				}
				for _, w := range writes {
					err := w.c()
					if v.ReadOnly() {
						if err == nil {
							t.Errorf("C %s of a read-only view succeeded", w.name)
						}
					} else {
						if err != nil {
							t.Fatalf("C %s refused a writable view: %v", w.name, err)
						}
						for _, ix := range indices(want.Shape()) {
							if err := want.SetValue(w.goOp(float(t, want, ix...)), ix...); err != nil {
								t.Fatal(err)
							}
						}
					}
					got, exp := floats(base.Buffer()), floats(wantBase.Buffer())
					if !slices.Equal(got, exp) {
						t.Errorf("after C %s the base buffer is\n%v\nwant\n%v", w.name, got, exp)
					}
				}

				b.Release()
				if p := b.Ptr(); p != nil {
					t.Errorf("Ptr() = %p after Release, want nil", p)
				}
				b.Release() // idempotent
				outstandingIs(t, o, "after Release")
			})
		}
	}
}

// TestExportFormats checks the descriptor (not the elements) for formats
// other than float64, which the C routines refuse to sum.
func TestExportFormats(t *testing.T) {
	checkNoLeaks(t)
	padded, err := format.MustParse("T{>d:a:@i:b:}").Padded(16)
	if err != nil {
		t.Fatal(err)
	}
	paddedView, err := ndview.FromLayout(make([]byte, 48), ndview.Layout{Format: padded, ItemSize: 16, Shape: []int{3}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		view   func(t *testing.T) ndview.View
		itemsz int
	}{
		{"b", func(t *testing.T) ndview.View { return mustMake(t, "b", 2, 3) }, 1},
		{"B flipped", func(t *testing.T) ndview.View { v, _ := mustMake(t, "B", 2, 3).Flip(1); return v }, 1},
		{"?", func(t *testing.T) ndview.View { return mustMake(t, "?", 4) }, 1},
		{"h transposed", func(t *testing.T) ndview.View { return mustMake(t, "h", 2, 3).T() }, 2},
		{">i", func(t *testing.T) ndview.View { return mustMake(t, ">i", 3) }, 4},
		{"q strided", func(t *testing.T) ndview.View { v, _ := mustMake(t, "q", 4, 6).IndexString("::2, 1::3"); return v }, 8},
		{"Q 0-d", func(t *testing.T) ndview.View { return mustMake(t, "Q") }, 8},
		{"e", func(t *testing.T) ndview.View { return mustMake(t, "e", 5) }, 2},
		{"f read-only", func(t *testing.T) ndview.View { return mustMake(t, "f", 5).AsReadOnly() }, 4},
		{">d", func(t *testing.T) ndview.View { return mustMake(t, ">d", 2, 2) }, 8},
		{"Zf", func(t *testing.T) ndview.View { return mustMake(t, "Zf", 3) }, 8},
		{"Zd broadcast", func(t *testing.T) ndview.View { v, _ := mustMake(t, "Zd", 3).BroadcastTo(2, 3); return v }, 16},
		{"3s", func(t *testing.T) ndview.View { return mustMake(t, "3s", 4) }, 3},
		{"record", func(t *testing.T) ndview.View { return mustMake(t, "T{<i:x:<d:y:}", 2) }, 12},
		{"padded record", func(t *testing.T) ndview.View { return paddedView }, 16},
		{"empty i", func(t *testing.T) ndview.View { return mustMake(t, "i", 0, 4) }, 4},
	}
	for _, c := range cases {
		subtest(t, c.name, func(t *testing.T) {
			v := c.view(t)
			if v.ItemFormat() == nil {
				t.Fatal("the case's view is the zero View")
			}
			if v.ItemSize() != c.itemsz {
				t.Fatalf("ItemSize() = %d, want %d", v.ItemSize(), c.itemsz)
			}
			b := mustExport(t, v)
			checkDesc(t, b, v)
			if _, err := croutine.Sum(b.Ptr()); err == nil {
				t.Errorf("C Sum accepted format %q as float64", descOf(t, b).formatString())
			}
			b.Release()
		})
	}
}

func TestExportZeroView(t *testing.T) {
	checkNoLeaks(t)
	b, err := ffi.Export(ndview.View{})
	if !errors.Is(err, ffi.ErrLayout) {
		t.Errorf("Export(View{}) error = %v, want ErrLayout", err)
	}
	if b != nil {
		t.Errorf("Export(View{}) = %v, want nil", b)
		b.Release()
	}
}

// TestReleaseConcurrent releases each Buffer from 16 goroutines at once
// (run under -race), many times over: it must be released exactly once.
func TestReleaseConcurrent(t *testing.T) {
	checkNoLeaks(t)
	for _, mk := range memKinds {
		subtest(t, mk.name, func(t *testing.T) {
			v := mk.make(t, "d", 4, 4)
			w, err := v.IndexString("::-1, 1::2")
			if err != nil {
				t.Fatal(err)
			}
			o := ffi.Outstanding()
			for round := range 100 {
				b := mustExport(t, w)
				outstandingIs(t, o+1, "after Export")
				concurrently(16, b.Release)
				if p := b.Ptr(); p != nil {
					t.Fatalf("round %d: Ptr() = %p after Release, want nil", round, p)
				}
				if n := ffi.Outstanding(); n != o {
					t.Fatalf("round %d: Outstanding() = %d after 16 concurrent Releases, want %d", round, n, o)
				}
			}
		})
	}
}

func TestNilBuffer(t *testing.T) {
	checkNoLeaks(t)
	var b *ffi.Buffer
	if p := b.Ptr(); p != nil {
		t.Errorf("nil Buffer Ptr() = %p", p)
	}
	b.Release() // must not panic
}

// TestExportManyLive keeps several exports of one buffer alive at once:
// the count follows them, and each descriptor stays right until released.
func TestExportManyLive(t *testing.T) {
	checkNoLeaks(t)
	base := mustMake(t, "d", 4, 6)
	fillSeq(t, base)
	views := []derivation{same, idx("::2, 1::3"), flip(0), trans, bcast(2, 4, 6)}
	var bufs []*ffi.Buffer
	for i, d := range views {
		v, err := d(base)
		if err != nil {
			t.Fatal(err)
		}
		bufs = append(bufs, mustExport(t, v))
		if got := ffi.Outstanding(); got != i+1 {
			t.Errorf("Outstanding() = %d with %d live exports", got, i+1)
		}
	}
	for i, b := range bufs {
		v, _ := views[i](base)
		s, err := croutine.Sum(b.Ptr())
		if err != nil || s != goSum(t, v) {
			t.Errorf("export %d: C Sum = %v, %v; want %v", i, s, err, goSum(t, v))
		}
		b.Release()
		if got := ffi.Outstanding(); got != len(bufs)-i-1 {
			t.Errorf("Outstanding() = %d after %d Releases", got, i+1)
		}
	}
}

// TestData checks the one-call path: the address of the first element of
// a C-contiguous view and its byte count, read by a C function.
func TestData(t *testing.T) {
	checkNoLeaks(t)
	cases := []struct {
		name   string
		shape  []int
		derive derivation
	}{
		{"1-D", []int{5}, same},
		{"2-D", []int{3, 4}, same},
		{"6-D", []int{2, 1, 2, 3, 1, 2}, same},
		{"0-d", nil, same},
		{"0-d from index", []int{3, 4}, idx("2, 1")},
		{"1-D offset", []int{6}, idx("2:")},
		{"rows offset", []int{4, 3}, idx("1:3")},
		{"one row", []int{4, 3}, idx("2:3, :")},
		{"extent 1 with a long stride", []int{6}, idx("4::5")},
		{"read-only", []int{2, 3}, readOnly},
	}
	for _, mk := range memKinds {
		for _, c := range cases {
			subtest(t, mk.name+"/"+c.name, func(t *testing.T) {
				base := mk.make(t, "d", c.shape...)
				fillSeq(t, base)
				v, err := c.derive(base)
				if err != nil {
					t.Fatal(err)
				}
				if !v.IsCContiguous() {
					t.Fatalf("case view is not C-contiguous: shape %v strides %v", v.Shape(), v.Strides())
				}
				p, n, err := ffi.Data(v)
				if err != nil {
					t.Fatalf("Data: %v", err)
				}
				if got, want := uintptr(p), uintptr(unsafe.Pointer(&v.Buffer()[v.Offset()])); got != want {
					t.Errorf("Data pointer = %#x, want &buf[off] = %#x", got, want)
				}
				if got, want := uintptr(p), firstAddr(v); got != want {
					t.Errorf("Data pointer = %#x, want &Item(0...)[0] = %#x", got, want)
				}
				if n != v.NBytes() {
					t.Errorf("Data n = %d, want NBytes %d", n, v.NBytes())
				}
				first := float(t, v, make([]int, v.NDim())...)
				if got := croutine.First(p, n/8); got != first {
					t.Errorf("C First(p, %d) = %v, want %v", n/8, got, first)
				}
			})
		}
	}

	nonContiguous := []struct {
		name   string
		shape  []int
		derive derivation
	}{
		{"strided", []int{4, 6}, idx("::2, 1::3")},
		{"1-D step 2", []int{6}, idx("::2")},
		{"flipped", []int{4, 6}, flip(0)},
		{"1-D reversed", []int{5}, idx("::-1")},
		{"transposed", []int{3, 4}, trans},
		{"broadcast", []int{3}, bcast(2, 3)},
		{"broadcast 1-D", nil, bcast(4)},
	}
	for _, c := range nonContiguous {
		subtest(t, "not contiguous/"+c.name, func(t *testing.T) {
			base := mustMake(t, "d", c.shape...)
			v, err := c.derive(base)
			if err != nil {
				t.Fatal(err)
			}
			p, n, err := ffi.Data(v)
			if !errors.Is(err, ffi.ErrNotContiguous) {
				t.Errorf("Data error = %v, want ErrNotContiguous", err)
			}
			if p != nil || n != 0 {
				t.Errorf("Data = %p, %d with an error, want nil, 0", p, n)
			}
		})
	}

	empty := []struct {
		name   string
		shape  []int
		derive derivation
	}{
		{"made 0", []int{0}, same},
		{"made 3x0", []int{3, 0}, same},
		{"sliced at an offset", []int{5}, idx("3:3")},
		{"sliced 2-D", []int{3, 4}, idx("1:1, ::-1")},
	}
	for _, c := range empty {
		subtest(t, "empty/"+c.name, func(t *testing.T) {
			base := mustMake(t, "d", c.shape...)
			v, err := c.derive(base)
			if err != nil {
				t.Fatal(err)
			}
			p, n, err := ffi.Data(v)
			if err != nil || p != nil || n != 0 {
				t.Errorf("Data(empty) = %p, %d, %v; want nil, 0, nil", p, n, err)
			}
		})
	}
}

// churn runs the collector and fills fresh memory of the size of a
// dropped buffer with junk, so that freed memory would be reused.
func churn(size int) [][]byte {
	var keep [][]byte
	for range 3 {
		runtime.GC()
		for range 64 {
			b := make([]byte, size)
			for i := range b {
				b[i] = 0x7f
			}
			keep = append(keep, b)
		}
	}
	return keep
}

// TestExportOutlivesView: C may use an export after Go has dropped every
// reference to the view: the Buffer keeps the memory alive (and pinned)
// until Release.
func TestExportOutlivesView(t *testing.T) {
	checkNoLeaks(t)
	dropped := func() (*ffi.Buffer, float64) {
		v := mustMake(t, "d", 16, 16)
		fillSeq(t, v)
		w, err := v.IndexString("::-1, 1::2")
		if err != nil {
			t.Fatal(err)
		}
		return mustExport(t, w), goSum(t, w)
	}
	b, want := dropped()
	keep := churn(16 * 16 * 8)
	sum, err := croutine.Sum(b.Ptr())
	if err != nil || sum != want {
		t.Errorf("C Sum after the view was dropped and memory churned = %v, %v; want %v", sum, err, want)
	}
	if err := croutine.Fill(b.Ptr(), 1); err != nil {
		t.Error(err)
	}
	runtime.KeepAlive(keep)
	b.Release()
}

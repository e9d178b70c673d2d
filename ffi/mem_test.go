//go:build cgo

package ffi_test

import (
	"errors"
	"slices"
	"sync/atomic"
	"testing"
	"unsafe"

	"github.com/ndview/ndview/ffi"
	"github.com/ndview/ndview/ffi/internal/croutine"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// cStrides returns C-contiguous byte strides.
func cStrides(item int, shape []int) []int {
	st := make([]int, len(shape))
	acc := item
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = acc
		acc *= max(shape[i], 1)
	}
	return st
}

func TestAlloc(t *testing.T) {
	checkNoLeaks(t)
	cases := []struct {
		format string
		shape  []int
		item   int
		value  any // written to every element, then read back
	}{
		{"d", []int{3, 4}, 8, 2.5},
		{"<d", []int{5}, 8, -1.0},
		{"<i", []int{2, 3, 2}, 4, int64(-7)},
		{"B", nil, 1, uint64(200)},
		{"?", []int{4}, 1, true},
		{"e", []int{3}, 2, 0.5},
		{"Zd", []int{2, 2}, 16, complex(1, -2)},
		{"T{<i:x:<d:y:}", []int{3}, 12, []any{int64(4), 0.25}},
		{"3s", []int{2}, 3, []byte("abc")},
		{"d", []int{2, 1, 2, 1, 2, 1}, 8, 9.0},
		{"d", []int{0}, 8, nil},
		{"d", []int{3, 0, 2}, 8, nil},
	}
	for _, c := range cases {
		subtest(t, c.format+"/"+shapeName(c.shape), func(t *testing.T) {
			m, err := ffi.Alloc(c.format, c.shape...)
			if err != nil {
				t.Fatalf("Alloc: %v", err)
			}
			t.Cleanup(m.Free)
			if n := ffi.Outstanding(); n != 1 {
				t.Errorf("Outstanding() = %d after Alloc, want 1", n)
			}
			v, err := m.View()
			if err != nil {
				t.Fatalf("View: %v", err)
			}
			if got := v.ItemFormat().String(); got != c.format {
				t.Errorf("format %q, want %q", got, c.format)
			}
			if v.ItemSize() != c.item {
				t.Errorf("ItemSize %d, want %d", v.ItemSize(), c.item)
			}
			if got := v.Shape(); !slices.Equal(got, c.shape) && !(len(got) == 0 && len(c.shape) == 0) {
				t.Errorf("shape %v, want %v", got, c.shape)
			}
			if got, want := v.Strides(), cStrides(c.item, c.shape); !slices.Equal(got, want) {
				t.Errorf("strides %v, want %v", got, want)
			}
			if v.ReadOnly() {
				t.Error("Alloc gave a read-only view")
			}
			if v.Offset() != 0 || len(v.Buffer()) != v.NBytes() {
				t.Errorf("offset %d, buffer %d bytes; want 0 and NBytes %d", v.Offset(), len(v.Buffer()), v.NBytes())
			}
			for i, x := range v.Buffer() {
				if x != 0 {
					t.Fatalf("byte %d of a fresh Alloc is %d, want 0", i, x)
				}
			}
			if c.value == nil {
				if v.Len() != 0 {
					t.Fatalf("case without a value has %d elements", v.Len())
				}
				return
			}
			if err := v.Fill(c.value); err != nil {
				t.Fatalf("Fill(%v): %v", c.value, err)
			}
			for _, ix := range indices(v.Shape()) {
				got, err := v.Value(ix...)
				if err != nil {
					t.Fatal(err)
				}
				w, _ := ndview.Make(c.format) // the value as the format packs it
				if err := w.SetValue(c.value); err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(v.Item(ix...), w.Item()) {
					t.Fatalf("element %v = %v after Fill(%v)", ix, got, c.value)
				}
			}
			m.Free()
			if _, err := m.View(); !errors.Is(err, ffi.ErrReleased) {
				t.Errorf("View after Free: %v, want ErrReleased", err)
			}
			m.Free() // idempotent
			if n := ffi.Outstanding(); n != 0 {
				t.Errorf("Outstanding() = %d after Free, want 0", n)
			}
		})
	}
}

func shapeName(shape []int) string {
	s := "("
	for i, e := range shape {
		if i > 0 {
			s += ","
		}
		s += itoa(e)
	}
	return s + ")"
}

func itoa(x int) string {
	if x < 0 {
		return "-" + itoa(-x)
	}
	if x < 10 {
		return string(rune('0' + x))
	}
	return itoa(x/10) + string(rune('0'+x%10))
}

// TestAllocWrittenByC: writes that C makes through an export of an Alloc
// view (and of views of it) are what Go reads.
func TestAllocWrittenByC(t *testing.T) {
	checkNoLeaks(t)
	m, err := ffi.Alloc("d", 3, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Free)
	v, err := m.View()
	if err != nil {
		t.Fatal(err)
	}
	b := mustExport(t, v)
	if err := croutine.Fill(b.Ptr(), 7); err != nil {
		t.Fatal(err)
	}
	for _, ix := range indices(v.Shape()) {
		if x := float(t, v, ix...); x != 7 {
			t.Fatalf("element %v = %v after C Fill(7)", ix, x)
		}
	}
	b.Release()

	col, err := v.IndexString("::-1, 2")
	if err != nil {
		t.Fatal(err)
	}
	b = mustExport(t, col)
	if err := croutine.Scale(b.Ptr(), 2); err != nil {
		t.Fatal(err)
	}
	b.Release()
	for _, ix := range indices(v.Shape()) {
		want := 7.0
		if ix[1] == 2 {
			want = 14
		}
		if x := float(t, v, ix...); x != want {
			t.Errorf("element %v = %v, want %v", ix, x, want)
		}
	}
	m.Free()
}

func TestAllocErrors(t *testing.T) {
	checkNoLeaks(t)
	huge := 1 << 62
	dims65 := make([]int, 65)
	for i := range dims65 {
		dims65[i] = 1
	}
	cases := []struct {
		name   string
		format string
		shape  []int
		want   []error // any of
	}{
		{"bad format", "T{<d", []int{3}, []error{format.ErrSyntax}},
		{"bad code", "d!", []int{3}, []error{format.ErrSyntax}},
		{"empty format", "", []int{3}, []error{format.ErrSyntax, format.ErrSize, ffi.ErrLayout}},
		{"negative extent", "d", []int{3, -1}, []error{ffi.ErrLayout}},
		{"negative extent with a zero", "d", []int{0, -2}, []error{ffi.ErrLayout}},
		{"extent overflows", "d", []int{huge}, []error{ffi.ErrLayout}},
		{"product overflows", "d", []int{1 << 32, 1 << 32}, []error{ffi.ErrLayout}},
		{"bytes beyond an int", "Zd", []int{1 << 31, 1 << 29}, []error{ffi.ErrLayout}},
		{"65 dimensions", "d", dims65, []error{ffi.ErrLayout}},
	}
	for _, c := range cases {
		subtest(t, c.name, func(t *testing.T) {
			m, err := ffi.Alloc(c.format, c.shape...)
			if m != nil {
				t.Errorf("Alloc(%q, %v) returned a Memory with error %v", c.format, c.shape, err)
				m.Free()
			}
			ok := false
			for _, w := range c.want {
				ok = ok || errors.Is(err, w)
			}
			if !ok {
				t.Errorf("Alloc(%q, %v) error = %v, want one of %v", c.format, c.shape, err, c.want)
			}
		})
	}
}

func TestAllocFreeConcurrent(t *testing.T) {
	checkNoLeaks(t)
	m, err := ffi.Alloc("d", 8)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Free)
	concurrently(16, m.Free)
	if n := ffi.Outstanding(); n != 0 {
		t.Errorf("Outstanding() = %d after 16 concurrent Frees, want 0", n)
	}
	if _, err := m.View(); !errors.Is(err, ffi.ErrReleased) {
		t.Errorf("View after Free: %v, want ErrReleased", err)
	}
}

// cBytes is n bytes of C memory from croutine.Malloc, as a slice.
func cBytes(p unsafe.Pointer, n int) []byte { return unsafe.Slice((*byte)(p), n) }

// TestWrap wraps C memory from croutine.Malloc in several layouts, checks
// that the view addresses it, exports it back to C, and that Free gives it
// back with the release callback exactly once.
func TestWrap(t *testing.T) {
	checkNoLeaks(t)
	d := format.MustParse("d")
	cases := []struct {
		name string
		n    int // bytes to malloc: 12 float64s unless said
		l    ndview.Layout
	}{
		{"contiguous", 96, ndview.Layout{Format: d, Shape: []int{3, 4}}},
		{"contiguous <d", 96, ndview.Layout{Format: format.MustParse("<d"), Shape: []int{12}}},
		{"strided", 96, ndview.Layout{Format: d, Shape: []int{2, 2}, Strides: []int{48, 16}, Offset: 8}},
		{"negative", 96, ndview.Layout{Format: d, Shape: []int{3, 4}, Strides: []int{-32, 8}, Offset: 64}},
		{"negative both", 96, ndview.Layout{Format: d, Shape: []int{3, 2}, Strides: []int{-32, -16}, Offset: 88}},
		{"fortran", 96, ndview.Layout{Format: d, Shape: []int{3, 4}, Strides: []int{8, 24}}},
		{"zero stride", 96, ndview.Layout{Format: d, Shape: []int{3, 4}, Strides: []int{0, 8}, Offset: 32}},
		{"read-only", 96, ndview.Layout{Format: d, Shape: []int{4, 3}, ReadOnly: true}},
		{"read-only negative", 96, ndview.Layout{Format: d, Shape: []int{6}, Strides: []int{-16}, Offset: 88, ReadOnly: true}},
		{"0-d", 96, ndview.Layout{Format: d, Offset: 40}},
		{"exact fit", 24, ndview.Layout{Format: d, Shape: []int{3}}},
		{"empty", 96, ndview.Layout{Format: d, Shape: []int{0, 4}, Offset: 96}},
	}
	for _, c := range cases {
		subtest(t, c.name, func(t *testing.T) {
			p := croutine.Malloc(c.n)
			raw := cBytes(p, c.n)
			for i := range c.n / 8 {
				*(*float64)(unsafe.Pointer(&raw[8*i])) = float64(i + 1)
			}
			frees := croutine.Frees()
			released := 0
			m, err := ffi.Wrap(p, c.n, c.l, func() { released++; croutine.Free(p) })
			if err != nil {
				croutine.Free(p)
				t.Fatalf("Wrap: %v", err)
			}
			t.Cleanup(m.Free)
			v, err := m.View()
			if err != nil {
				t.Fatal(err)
			}
			if v.ReadOnly() != c.l.ReadOnly {
				t.Errorf("ReadOnly() = %v, want %v", v.ReadOnly(), c.l.ReadOnly)
			}
			if &v.Buffer()[0] != &raw[0] || len(v.Buffer()) != c.n {
				t.Errorf("view buffer is not the C memory")
			}
			wantStrides := c.l.Strides
			if wantStrides == nil {
				wantStrides = cStrides(8, c.l.Shape)
			}
			for _, ix := range indices(v.Shape()) {
				off := c.l.Offset
				for i, x := range ix {
					off += x * wantStrides[i]
				}
				if got, want := elemAddr(v, ix...), uintptr(unsafe.Add(p, off)); got != want {
					t.Errorf("&Item%v = %#x, want p+%d = %#x", ix, got, off, want)
				}
				if got, want := float(t, v, ix...), float64(off/8+1); got != want {
					t.Errorf("Value%v = %v, want %v", ix, got, want)
				}
			}

			// Back to C: same addresses, same sum, writes land in raw.
			b := mustExport(t, v)
			checkDesc(t, b, v)
			sum, err := croutine.Sum(b.Ptr())
			if err != nil || sum != goSum(t, v) {
				t.Errorf("C Sum = %v, %v; Go sum %v", sum, err, goSum(t, v))
			}
			before := slices.Clone(raw)
			err = croutine.Fill(b.Ptr(), -2)
			switch {
			case c.l.ReadOnly && err == nil:
				t.Error("C Fill of a read-only wrapped view succeeded")
			case c.l.ReadOnly && !slices.Equal(before, raw):
				t.Error("a refused C Fill changed the memory")
			case !c.l.ReadOnly && err != nil:
				t.Errorf("C Fill refused a writable wrapped view: %v", err)
			case !c.l.ReadOnly:
				touched := map[int]bool{}
				for _, ix := range indices(v.Shape()) {
					off := c.l.Offset
					for i, x := range ix {
						off += x * wantStrides[i]
					}
					touched[off/8] = true
				}
				for i := range c.n / 8 {
					want := float64(i + 1)
					if touched[i] {
						want = -2
					}
					if got := *(*float64)(unsafe.Pointer(&raw[8*i])); got != want {
						t.Errorf("C memory float %d = %v after C Fill, want %v", i, got, want)
					}
				}
			}
			b.Release()

			if released != 0 || croutine.Frees() != frees {
				t.Fatalf("release ran before Free")
			}
			m.Free()
			m.Free()
			if released != 1 {
				t.Errorf("release ran %d times, want 1", released)
			}
			if got := croutine.Frees() - frees; got != 1 {
				t.Errorf("croutine.Frees() delta = %d, want 1", got)
			}
			if _, err := m.View(); !errors.Is(err, ffi.ErrReleased) {
				t.Errorf("View after Free: %v, want ErrReleased", err)
			}
		})
	}
}

func TestWrapFreeConcurrent(t *testing.T) {
	checkNoLeaks(t)
	p := croutine.Malloc(64)
	frees := croutine.Frees()
	var calls atomic.Int64
	m, err := ffi.Wrap(p, 64, ndview.Layout{Format: format.MustParse("d"), Shape: []int{8}}, func() {
		calls.Add(1)
		croutine.Free(p)
	})
	if err != nil {
		croutine.Free(p)
		t.Fatal(err)
	}
	t.Cleanup(m.Free)
	concurrently(16, m.Free)
	if got := calls.Load(); got != 1 {
		t.Errorf("release ran %d times after 16 concurrent Frees, want 1", got)
	}
	if got := croutine.Frees() - frees; got != 1 {
		t.Errorf("croutine.Frees() delta = %d, want 1", got)
	}
	if n := ffi.Outstanding(); n != 0 {
		t.Errorf("Outstanding() = %d, want 0", n)
	}
}

// TestWrapRefusals: layouts that reach outside the n bytes (and bad
// pointers or lengths) are ErrLayout, and the release callback is not
// called: the caller keeps the memory.
func TestWrapRefusals(t *testing.T) {
	checkNoLeaks(t)
	d := format.MustParse("d")
	cases := []struct {
		name string
		n    int
		nilP bool
		l    ndview.Layout
	}{
		{"one byte short", 95, false, ndview.Layout{Format: d, Shape: []int{3, 4}}},
		{"offset pushes past the end", 96, false, ndview.Layout{Format: d, Shape: []int{12}, Offset: 8}},
		{"negative stride without offset", 96, false, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{-8}}},
		{"stride too long", 96, false, ndview.Layout{Format: d, Shape: []int{3, 2}, Strides: []int{48, 8}}},
		{"offset beyond", 96, false, ndview.Layout{Format: d, Offset: 96}},
		{"negative offset", 96, false, ndview.Layout{Format: d, Shape: []int{2}, Offset: -8}},
		{"negative extent", 96, false, ndview.Layout{Format: d, Shape: []int{-1}}},
		{"stride count", 96, false, ndview.Layout{Format: d, Shape: []int{3}, Strides: []int{8, 8}}},
		{"itemsize", 96, false, ndview.Layout{Format: d, ItemSize: 4, Shape: []int{3}}},
		{"0-d in no bytes", 0, false, ndview.Layout{Format: d}},
		{"negative length", -8, false, ndview.Layout{Format: d, Shape: []int{0}}},
		{"nil pointer with bytes", 96, true, ndview.Layout{Format: d, Shape: []int{3}}},
		{"nil pointer with bytes, empty layout", 96, true, ndview.Layout{Format: d, Shape: []int{0}}},
		{"nil format", 96, false, ndview.Layout{Shape: []int{3}}},
	}
	for _, c := range cases {
		subtest(t, c.name, func(t *testing.T) {
			p := croutine.Malloc(96)
			defer croutine.Free(p)
			wp := p
			if c.nilP {
				wp = nil
			}
			frees := croutine.Frees()
			released := 0
			m, err := ffi.Wrap(wp, c.n, c.l, func() { released++ })
			if m != nil {
				m.Free()
				t.Fatalf("Wrap succeeded: %v", m)
			}
			if !errors.Is(err, ffi.ErrLayout) {
				t.Errorf("Wrap error = %v, want ErrLayout", err)
			}
			if released != 0 || croutine.Frees() != frees {
				t.Errorf("release called by a refused Wrap")
			}
		})
	}
}

func TestWrapEmpty(t *testing.T) {
	checkNoLeaks(t)
	cases := []struct {
		name string
		p    unsafe.Pointer
	}{
		{"nil pointer, no bytes", nil},
		{"C pointer, no bytes", croutine.Malloc(0)},
	}
	for _, c := range cases {
		subtest(t, c.name, func(t *testing.T) {
			called := 0
			m, err := ffi.Wrap(c.p, 0, ndview.Layout{Format: format.MustParse("d"), Shape: []int{3, 0}}, func() {
				called++
				if c.p != nil {
					croutine.Free(c.p)
				}
			})
			if err != nil {
				if c.p != nil {
					croutine.Free(c.p)
				}
				t.Fatalf("Wrap of an empty layout: %v", err)
			}
			t.Cleanup(m.Free)
			v, err := m.View()
			if err != nil || v.Len() != 0 || !slices.Equal(v.Shape(), []int{3, 0}) {
				t.Errorf("View = %v shape %v, %v; want an empty (3, 0) view", v, v.Shape(), err)
			}
			b := mustExport(t, v)
			if got := descOf(t, b).buf; got != nil {
				t.Errorf("descriptor buf = %p for an empty view, want NULL", got)
			}
			if s, err := croutine.Sum(b.Ptr()); s != 0 || err != nil {
				t.Errorf("C Sum = %v, %v; want 0", s, err)
			}
			b.Release()
			m.Free()
			m.Free()
			if called != 1 {
				t.Errorf("release called %d times, want 1", called)
			}
		})
	}

	subtest(t, "nil release", func(t *testing.T) {
		p := croutine.Malloc(16)
		defer croutine.Free(p)
		m, err := ffi.Wrap(p, 16, ndview.Layout{Format: format.MustParse("d"), Shape: []int{2}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		m.Free()
		m.Free()
	})
}

//go:build cgo

package ffi_test

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"unsafe"

	"github.com/ndview/ndview/ffi"
	"github.com/ndview/ndview/ndview"
)

// The rule of this package's tests: every test counts outstanding exports
// and requires zero after it. checkNoLeaks, called at the top of every
// test and subtest, fails the test if ffi.Outstanding() is not zero once
// its cleanups (which release what the test made) have run; TestMain
// checks again after the whole run, examples and benchmarks included.
func TestMain(m *testing.M) {
	code := m.Run()
	if n := ffi.Outstanding(); n != 0 {
		fmt.Fprintf(os.Stderr, "ffi tests: %d exports or allocations outstanding after the run\n", n)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// checkNoLeaks registers a check that ffi.Outstanding() is zero when t
// ends. Call it first, so that its cleanup runs after the cleanups that
// release what t made.
func checkNoLeaks(t testing.TB) {
	t.Helper()
	if n := ffi.Outstanding(); n != 0 {
		t.Errorf("ffi.Outstanding() = %d at the start of %s (leaked by an earlier test)", n, t.Name())
	}
	t.Cleanup(func() {
		if n := ffi.Outstanding(); n != 0 {
			t.Errorf("ffi.Outstanding() = %d after %s, want 0", n, t.Name())
		}
	})
}

// subtest is t.Run with checkNoLeaks at the top of the subtest.
func subtest(t *testing.T, name string, f func(t *testing.T)) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		checkNoLeaks(t)
		f(t)
	})
}

// cBuffer mirrors ndview_buffer (ffi/ndview.h) with the exact C layout on
// a 64-bit machine: 3 x 8 bytes, 2 x 4 bytes, 3 pointers = 56 bytes.
type cBuffer struct {
	buf      unsafe.Pointer
	len      int64
	itemsize int64
	readonly int32
	ndim     int32
	format   *byte
	shape    *int64
	strides  *int64
}

func descOf(t testing.TB, b *ffi.Buffer) *cBuffer {
	t.Helper()
	p := b.Ptr()
	if p == nil {
		t.Fatal("Buffer.Ptr() = nil for a live Buffer")
	}
	return (*cBuffer)(p)
}

func (c *cBuffer) shapeSlice() []int64   { return int64s(c.shape, int(c.ndim)) }
func (c *cBuffer) stridesSlice() []int64 { return int64s(c.strides, int(c.ndim)) }

func (c *cBuffer) formatString() string {
	if c.format == nil {
		return "<NULL>"
	}
	return cString(c.format)
}

func cString(p *byte) string {
	n := 0
	for *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	return string(unsafe.Slice(p, n))
}

func int64s(p *int64, n int) []int64 {
	if n <= 0 {
		return []int64{}
	}
	if p == nil {
		return nil
	}
	return slices.Clone(unsafe.Slice(p, n))
}

// Helpers over views.

func mustMake(t testing.TB, f string, shape ...int) ndview.View {
	t.Helper()
	v, err := ndview.Make(f, shape...)
	if err != nil {
		t.Fatalf("Make(%q, %v): %v", f, shape, err)
	}
	return v
}

// fillSeq sets the elements of a float64 view to 1, 2, 3, ... in C order.
func fillSeq(t testing.TB, v ndview.View) {
	t.Helper()
	for k, idx := range indices(v.Shape()) {
		if err := v.SetValue(float64(k+1), idx...); err != nil {
			t.Fatalf("SetValue at %v: %v", idx, err)
		}
	}
}

// indices lists every index of shape in C order: one empty index for a
// 0-d shape, none for an empty one.
func indices(shape []int) [][]int {
	n := 1
	for _, e := range shape {
		n *= e
	}
	out := make([][]int, 0, n)
	idx := make([]int, len(shape))
	for range n {
		out = append(out, slices.Clone(idx))
		for d := len(shape) - 1; d >= 0; d-- {
			idx[d]++
			if idx[d] < shape[d] {
				break
			}
			idx[d] = 0
		}
	}
	return out
}

func i64(idx []int) []int64 {
	out := make([]int64, len(idx))
	for i, x := range idx {
		out[i] = int64(x)
	}
	return out
}

func toInts(s []int64) []int {
	out := make([]int, len(s))
	for i, x := range s {
		out[i] = int(x)
	}
	return out
}

// elemAddr is the address of the element of v at idx.
func elemAddr(v ndview.View, idx ...int) uintptr {
	return uintptr(unsafe.Pointer(&v.Item(idx...)[0]))
}

// firstAddr is the address of element [0, ..., 0], 0 for an empty view.
func firstAddr(v ndview.View) uintptr {
	if v.Len() == 0 {
		return 0
	}
	return elemAddr(v, make([]int, v.NDim())...)
}

func float(t testing.TB, v ndview.View, idx ...int) float64 {
	t.Helper()
	x, err := v.Value(idx...)
	if err != nil {
		t.Fatalf("Value%v: %v", idx, err)
	}
	f, ok := x.(float64)
	if !ok {
		t.Fatalf("Value%v = %T, want float64", idx, x)
	}
	return f
}

func goSum(t testing.TB, v ndview.View) float64 {
	t.Helper()
	s := 0.0
	for _, idx := range indices(v.Shape()) {
		s += float(t, v, idx...)
	}
	return s
}

// floats reads a whole buffer of float64s (native order).
func floats(b []byte) []float64 {
	out := make([]float64, len(b)/8)
	for i := range out {
		out[i] = *(*float64)(unsafe.Pointer(&b[8*i]))
	}
	return out
}

// concurrently runs f in n goroutines released at once, and waits.
func concurrently(n int, f func()) {
	start := make(chan struct{})
	done := make(chan struct{})
	for range n {
		go func() {
			defer func() { done <- struct{}{} }()
			<-start
			f()
		}()
	}
	close(start)
	for range n {
		<-done
	}
}

func TestMirrorLayouts(t *testing.T) {
	checkNoLeaks(t)
	sizes := []struct {
		name      string
		got, want uintptr
	}{
		{"ndview_buffer", unsafe.Sizeof(cBuffer{}), 56},
		{"ndview_buffer.readonly", unsafe.Offsetof(cBuffer{}.readonly), 24},
		{"ndview_buffer.format", unsafe.Offsetof(cBuffer{}.format), 32},
		{"DLTensor", unsafe.Sizeof(dlTensor{}), 48},
		{"DLTensor.ndim", unsafe.Offsetof(dlTensor{}.ndim), 16},
		{"DLTensor.dtype", unsafe.Offsetof(dlTensor{}.dtype), 20},
		{"DLTensor.byte_offset", unsafe.Offsetof(dlTensor{}.byteOffset), 40},
		{"DLManagedTensorVersioned", unsafe.Sizeof(dlManagedVersioned{}), 80},
		{"DLManagedTensorVersioned.flags", unsafe.Offsetof(dlManagedVersioned{}.flags), 24},
		{"DLManagedTensorVersioned.dl_tensor", unsafe.Offsetof(dlManagedVersioned{}.tensor), 32},
		{"DLManagedTensor", unsafe.Sizeof(dlManagedLegacy{}), 64},
	}
	for _, s := range sizes {
		if s.got != s.want {
			t.Errorf("mirror of %s: %d bytes, want %d", s.name, s.got, s.want)
		}
	}

	// Witness of the C side: ffi_c.c allocates the shape right after the
	// descriptor, so the distance between them is sizeof(ndview_buffer)
	// as C computes it.
	v := mustMake(t, "d", 2, 3)
	b, err := ffi.Export(v)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	d := descOf(t, b)
	if got := uintptr(unsafe.Pointer(d.shape)) - uintptr(b.Ptr()); got != unsafe.Sizeof(cBuffer{}) {
		t.Errorf("shape lies %d bytes after the descriptor, want sizeof(ndview_buffer) = %d", got, unsafe.Sizeof(cBuffer{}))
	}
}

// outstandingIs checks that ffi.Outstanding() is want.
func outstandingIs(t testing.TB, want int, when string) {
	t.Helper()
	if n := ffi.Outstanding(); n != want {
		t.Errorf("Outstanding() = %d %s, want %d", n, when, want)
	}
}

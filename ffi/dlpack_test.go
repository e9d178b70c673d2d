//go:build cgo

package ffi_test

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"testing"
	"unsafe"

	"github.com/ndview/ndview/ffi"
	"github.com/ndview/ndview/ffi/internal/croutine"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// Go mirrors of the DLPack structs (ffi/dlpack.h), exact C layout.
type dlPackVersion struct{ major, minor uint32 }

type dlDevice struct{ deviceType, deviceID int32 }

type dlDataType struct {
	code, bits uint8
	lanes      uint16
}

type dlTensor struct {
	data       unsafe.Pointer
	device     dlDevice
	ndim       int32
	dtype      dlDataType
	shape      *int64
	strides    *int64
	byteOffset uint64
}

type dlManagedVersioned struct {
	version    dlPackVersion
	managerCtx unsafe.Pointer
	deleter    uintptr // a C function pointer
	flags      uint64
	tensor     dlTensor
}

type dlManagedLegacy struct {
	tensor     dlTensor
	managerCtx unsafe.Pointer
	deleter    uintptr
}

const (
	dlFlagReadOnly = 1 << 0
	dlFlagIsCopied = 1 << 1

	dlInt, dlUint, dlFloat, dlOpaque, dlBfloat, dlComplex, dlBool = 0, 1, 2, 3, 4, 5, 6
	dlCPU                                                         = 1
)

func (t *dlTensor) shapeSlice() []int64   { return int64s(t.shape, int(t.ndim)) }
func (t *dlTensor) stridesSlice() []int64 { return int64s(t.strides, int(t.ndim)) }

// checkTensor compares an exported DLTensor with the view.
func checkTensor(t *testing.T, dt *dlTensor, v ndview.View, want dlDataType) {
	t.Helper()
	if dt.device != (dlDevice{dlCPU, 0}) {
		t.Errorf("device = %+v, want CPU(1)/0", dt.device)
	}
	if dt.dtype != want {
		t.Errorf("dtype = %+v, want %+v", dt.dtype, want)
	}
	if got, want := uintptr(dt.data), firstAddr(v); got != want {
		t.Errorf("data = %#x, want &first element %#x", got, want)
	}
	if dt.byteOffset != 0 {
		t.Errorf("byte_offset = %d, want 0", dt.byteOffset)
	}
	if int(dt.ndim) != v.NDim() {
		t.Fatalf("ndim = %d, want %d", dt.ndim, v.NDim())
	}
	if dt.ndim > 0 && (dt.shape == nil || dt.strides == nil) {
		t.Fatalf("shape %p, strides %p: want both set", dt.shape, dt.strides)
	}
	if got := toInts(dt.shapeSlice()); !slices.Equal(got, v.Shape()) {
		t.Errorf("shape = %v, want %v", got, v.Shape())
	}
	wantStrides := v.Strides()
	for i := range wantStrides {
		wantStrides[i] /= v.ItemSize()
	}
	if got := toInts(dt.stridesSlice()); !slices.Equal(got, wantStrides) {
		t.Errorf("strides = %v elements, want %v", got, wantStrides)
	}
}

func checkVersioned(t *testing.T, p unsafe.Pointer, v ndview.View, want dlDataType) {
	t.Helper()
	m := (*dlManagedVersioned)(p)
	if m.version != (dlPackVersion{1, 1}) {
		t.Errorf("version = %d.%d, want 1.1", m.version.major, m.version.minor)
	}
	if m.deleter == 0 {
		t.Error("deleter is NULL")
	}
	wantFlags := uint64(0)
	if v.ReadOnly() {
		wantFlags = dlFlagReadOnly
	}
	if m.flags != wantFlags {
		t.Errorf("flags = %#x, want %#x", m.flags, wantFlags)
	}
	checkTensor(t, &m.tensor, v, want)
}

func TestExportDLPackFormats(t *testing.T) {
	checkNoLeaks(t)
	cases := []struct {
		format   string
		want     dlDataType
		imported string // the format ImportDLPack gives back
	}{
		{"?", dlDataType{dlBool, 8, 1}, "?"},
		{"b", dlDataType{dlInt, 8, 1}, "b"},
		{"h", dlDataType{dlInt, 16, 1}, "h"},
		{"i", dlDataType{dlInt, 32, 1}, "i"},
		{"q", dlDataType{dlInt, 64, 1}, "q"},
		{"B", dlDataType{dlUint, 8, 1}, "B"},
		{"H", dlDataType{dlUint, 16, 1}, "H"},
		{"I", dlDataType{dlUint, 32, 1}, "I"},
		{"Q", dlDataType{dlUint, 64, 1}, "Q"},
		{"e", dlDataType{dlFloat, 16, 1}, "e"},
		{"f", dlDataType{dlFloat, 32, 1}, "f"},
		{"d", dlDataType{dlFloat, 64, 1}, "d"},
		{"Zf", dlDataType{dlComplex, 64, 1}, "Zf"},
		{"Zd", dlDataType{dlComplex, 128, 1}, "Zd"},
		// Native order spelled out, and sizes standard in both spellings.
		{"<d", dlDataType{dlFloat, 64, 1}, "d"},
		{"=h", dlDataType{dlInt, 16, 1}, "h"},
		{"@I", dlDataType{dlUint, 32, 1}, "I"},
		{"<e", dlDataType{dlFloat, 16, 1}, "e"},
		{"=l", dlDataType{dlInt, 32, 1}, "i"},
		{"l", dlDataType{dlInt, 64, 1}, "q"},
		{"n", dlDataType{dlInt, 64, 1}, "q"},
		{"N", dlDataType{dlUint, 64, 1}, "Q"},
		{">b", dlDataType{dlInt, 8, 1}, "b"}, // one byte has no order
		{"<?", dlDataType{dlBool, 8, 1}, "?"},
	}
	for _, c := range cases {
		for _, layout := range []struct {
			name   string
			derive derivation
		}{{"contiguous", same}, {"flipped", chain(flip(0), idx(":, ::2"))}, {"read-only", readOnly}} {
			subtest(t, c.format+"/"+layout.name, func(t *testing.T) {
				v, err := layout.derive(mustMake(t, c.format, 3, 4))
				if err != nil {
					t.Fatal(err)
				}
				p, err := ffi.ExportDLPack(v)
				if err != nil {
					t.Fatalf("ExportDLPack(%q): %v", c.format, err)
				}
				outstandingIs(t, 1, "after ExportDLPack")
				checkVersioned(t, p, v, c.want)

				// Back through ImportDLPack: the same memory, the
				// canonical format; Free runs our deleter.
				m, err := ffi.ImportDLPack(p)
				if err != nil {
					ffi.ReleaseDLPack(p)
					t.Fatalf("ImportDLPack of our %q export: %v", c.format, err)
				}
				t.Cleanup(m.Free)
				w, err := m.View()
				if err != nil {
					t.Fatal(err)
				}
				if got := w.ItemFormat().String(); got != c.imported {
					t.Errorf("imported format %q, want %q", got, c.imported)
				}
				if w.ItemSize() != v.ItemSize() || w.ReadOnly() != v.ReadOnly() ||
					!slices.Equal(w.Shape(), v.Shape()) || !slices.Equal(w.Strides(), v.Strides()) {
					t.Errorf("imported itemsize %d read-only %v shape %v strides %v; exported %d %v %v %v",
						w.ItemSize(), w.ReadOnly(), w.Shape(), w.Strides(), v.ItemSize(), v.ReadOnly(), v.Shape(), v.Strides())
				}
				for _, ix := range indices(v.Shape()) {
					if got, want := elemAddr(w, ix...), elemAddr(v, ix...); got != want {
						t.Errorf("imported &Item%v = %#x, exported %#x", ix, got, want)
					}
				}
				if !ndview.Equal(v, w) {
					t.Errorf("imported view %v != exported %v", w, v)
				}
				outstandingIs(t, 2, "with the export and its import live")
				m.Free()
				outstandingIs(t, 0, "after Free of the import")
			})
		}
	}
}

// dlLayouts are the float64 layouts exported to the C consumer.
func dlLayouts() []layoutCase {
	return []layoutCase{
		{"contiguous", "d", []int{3, 4}, same},
		{"offset rows", "d", []int{4, 3}, idx("1:3")},
		{"strided", "d", []int{4, 6}, idx("::2, 1::3")},
		{"flip 0", "d", []int{4, 6}, flip(0)},
		{"flip 1", "<d", []int{4, 6}, flip(1)},
		{"::-1", "d", []int{7}, idx("::-1")},
		{"::-1, ::-2", "d", []int{4, 6}, idx("::-1, ::-2")},
		{"transposed", "d", []int{3, 4}, trans},
		{"broadcast", "d", []int{3}, bcast(2, 4, 3)},
		{"read-only", "d", []int{2, 3}, readOnly},
		{"0-d", "d", nil, same},
		{"0-d from index", "d", []int{3, 4}, idx("2, 1")},
		{"empty", "d", []int{3, 4}, idx("1:1")},
		{"empty made", "d", []int{0, 5}, same},
		{"6-D", "d", []int{2, 1, 2, 3, 1, 2}, chain(flip(3), trans)},
	}
}

// TestExportDLPackConsumedByC exports float64 views of every layout, in Go
// and in C memory, checks the tensor's fields and lets the C consumer sum
// it and call its deleter; then the same with ReleaseDLPack for a tensor
// nobody consumes, and with the legacy struct.
func TestExportDLPackConsumedByC(t *testing.T) {
	checkNoLeaks(t)
	want := dlDataType{dlFloat, 64, 1}
	for _, mk := range memKinds {
		for _, c := range dlLayouts() {
			subtest(t, mk.name+"/"+c.name, func(t *testing.T) {
				base := mk.make(t, c.format, c.shape...)
				fillSeq(t, base)
				v, err := c.derive(base)
				if err != nil {
					t.Fatal(err)
				}
				goS := goSum(t, v)

				o := ffi.Outstanding() // 1 for C memory
				p, err := ffi.ExportDLPack(v)
				if err != nil {
					t.Fatalf("ExportDLPack: %v", err)
				}
				checkVersioned(t, p, v, want)
				outstandingIs(t, o+1, "before the consumer")
				sum, flags, err := croutine.ConsumeDLPack(p)
				if err != nil {
					ffi.ReleaseDLPack(p)
					t.Fatalf("C consumer refused the tensor: %v", err)
				}
				if sum != goS {
					t.Errorf("C sum = %v, Go sum = %v", sum, goS)
				}
				if got := flags&dlFlagReadOnly != 0; got != v.ReadOnly() {
					t.Errorf("consumer saw flags %#x for a view with ReadOnly() = %v", flags, v.ReadOnly())
				}
				outstandingIs(t, o, "after the consumer's deleter")

				// Unconsumed: ReleaseDLPack runs the deleter.
				p, err = ffi.ExportDLPack(v)
				if err != nil {
					t.Fatal(err)
				}
				ffi.ReleaseDLPack(p)
				outstandingIs(t, o, "after ReleaseDLPack")

				// Legacy, for writable views.
				lp, err := ffi.ExportDLPackLegacy(v)
				if v.ReadOnly() {
					if !errors.Is(err, ffi.ErrDLPack) || lp != nil {
						t.Errorf("ExportDLPackLegacy(read-only) = %p, %v; want nil, ErrDLPack", lp, err)
						ffi.ReleaseDLPackLegacy(lp)
					}
					return
				}
				if err != nil {
					t.Fatalf("ExportDLPackLegacy: %v", err)
				}
				checkTensor(t, &(*dlManagedLegacy)(lp).tensor, v, want)
				if (*dlManagedLegacy)(lp).deleter == 0 {
					t.Error("legacy deleter is NULL")
				}
				lsum, err := croutine.ConsumeDLPackLegacy(lp)
				if err != nil {
					ffi.ReleaseDLPackLegacy(lp)
					t.Fatalf("C legacy consumer refused the tensor: %v", err)
				}
				if lsum != goS {
					t.Errorf("C legacy sum = %v, Go sum = %v", lsum, goS)
				}
				lp, err = ffi.ExportDLPackLegacy(v)
				if err != nil {
					t.Fatal(err)
				}
				ffi.ReleaseDLPackLegacy(lp)
			})
		}
	}
}

func TestExportDLPackRefusals(t *testing.T) {
	checkNoLeaks(t)
	stride12, err := ndview.FromStrides(make([]byte, 32), format.MustParse("d"), []int{3}, []int{12}, 0)
	if err != nil {
		t.Fatal(err)
	}
	stride4 := func(t *testing.T) ndview.View { // 8-byte items 4 bytes apart, read-only
		v, err := ndview.FromLayout(make([]byte, 24), ndview.Layout{Format: format.MustParse("q"), Shape: []int{3}, Strides: []int{4}, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name string
		view func(t *testing.T) ndview.View
	}{
		{">d", func(t *testing.T) ndview.View { return mustMake(t, ">d", 3) }},
		{"!i", func(t *testing.T) ndview.View { return mustMake(t, "!i", 3) }},
		{">Zd", func(t *testing.T) ndview.View { return mustMake(t, ">Zd", 2) }},
		{">e", func(t *testing.T) ndview.View { return mustMake(t, ">e", 2) }},
		{"record", func(t *testing.T) ndview.View { return mustMake(t, "T{<d:x:}", 3) }},
		{"record of two", func(t *testing.T) ndview.View { return mustMake(t, "T{<d:x:<i:y:}", 3) }},
		{"3s", func(t *testing.T) ndview.View { return mustMake(t, "3s", 3) }},
		{"two values", func(t *testing.T) ndview.View { return mustMake(t, "dd", 3) }},
		{"char", func(t *testing.T) ndview.View { return mustMake(t, "c", 3) }},
		{"stride 12 over d", func(t *testing.T) ndview.View { return stride12 }},
		{"stride 4 over q", stride4},
		{"zero View", func(t *testing.T) ndview.View { return ndview.View{} }},
	}
	for _, c := range cases {
		subtest(t, c.name, func(t *testing.T) {
			v := c.view(t)
			for _, e := range []struct {
				name   string
				export func(ndview.View) (unsafe.Pointer, error)
				rel    func(unsafe.Pointer)
			}{{"versioned", ffi.ExportDLPack, ffi.ReleaseDLPack}, {"legacy", ffi.ExportDLPackLegacy, ffi.ReleaseDLPackLegacy}} {
				p, err := e.export(v)
				if !errors.Is(err, ffi.ErrDLPack) {
					t.Errorf("%s export error = %v, want ErrDLPack", e.name, err)
				}
				if p != nil {
					t.Errorf("%s export returned a tensor with error %v", e.name, err)
					e.rel(p)
				}
				if n := ffi.Outstanding(); n != 0 {
					t.Errorf("Outstanding() = %d after a refused %s export", n, e.name)
				}
			}
		})
	}

	subtest(t, "legacy read-only", func(t *testing.T) {
		for _, v := range []ndview.View{
			mustMake(t, "d", 3).AsReadOnly(),
			func() ndview.View { v, _ := mustMake(t, "d", 3).BroadcastTo(2, 3); return v }(),
		} {
			p, err := ffi.ExportDLPackLegacy(v)
			if !errors.Is(err, ffi.ErrDLPack) || p != nil {
				t.Errorf("ExportDLPackLegacy(read-only %v) = %p, %v; want nil, ErrDLPack", v.Shape(), p, err)
				ffi.ReleaseDLPackLegacy(p)
			}
		}
	})

	subtest(t, "nil release", func(t *testing.T) {
		ffi.ReleaseDLPack(nil)
		ffi.ReleaseDLPackLegacy(nil)
	})
}

// TestDLPackRoundTrip exports Go views and imports them back: the same
// memory, the read-only flag both ways, and Free running our deleter once.
func TestDLPackRoundTrip(t *testing.T) {
	checkNoLeaks(t)
	for _, mk := range memKinds {
		for _, c := range dlLayouts() {
			for _, legacy := range []bool{false, true} {
				name := mk.name + "/" + c.name
				if legacy {
					name += "/legacy"
				}
				subtest(t, name, func(t *testing.T) {
					base := mk.make(t, c.format, c.shape...)
					fillSeq(t, base)
					v, err := c.derive(base)
					if err != nil {
						t.Fatal(err)
					}
					if legacy && v.ReadOnly() {
						return // refused; see TestExportDLPackRefusals
					}
					doExport, doImport := ffi.ExportDLPack, ffi.ImportDLPack
					if legacy {
						doExport, doImport = ffi.ExportDLPackLegacy, ffi.ImportDLPackLegacy
					}
					o := ffi.Outstanding() // 1 for C memory
					p, err := doExport(v)
					if err != nil {
						t.Fatalf("export: %v", err)
					}
					m, err := doImport(p)
					if err != nil {
						if legacy {
							ffi.ReleaseDLPackLegacy(p)
						} else {
							ffi.ReleaseDLPack(p)
						}
						t.Fatalf("import of our own export: %v", err)
					}
					t.Cleanup(m.Free)
					outstandingIs(t, o+2, "with an export and its import live")
					w, err := m.View()
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(w.Shape(), v.Shape()) || !slices.Equal(w.Strides(), v.Strides()) {
						t.Errorf("imported shape %v strides %v, want %v %v", w.Shape(), w.Strides(), v.Shape(), v.Strides())
					}
					if w.ItemFormat().String() != "d" {
						t.Errorf("imported format %q, want \"d\"", w.ItemFormat().String())
					}
					if w.ReadOnly() != v.ReadOnly() {
						t.Errorf("imported ReadOnly() = %v, exported view's = %v", w.ReadOnly(), v.ReadOnly())
					}
					for _, ix := range indices(v.Shape()) {
						if got, want := elemAddr(w, ix...), elemAddr(v, ix...); got != want {
							t.Errorf("imported &Item%v = %#x, exported view's = %#x", ix, got, want)
						}
					}
					if !v.ReadOnly() && v.Len() > 0 {
						// Writes through the import land in the original.
						if err := w.Fill(-4.0); err != nil {
							t.Fatal(err)
						}
						for _, ix := range indices(v.Shape()) {
							if x := float(t, v, ix...); x != -4 {
								t.Errorf("original %v = %v after Fill of the import", ix, x)
							}
						}
					}
					m.Free()
					m.Free()
					outstandingIs(t, o, "after Free of the import (did our deleter run?)")
				})
			}
		}
	}
}

// TestImportDLPackFromC imports tensors a C producer made.
func TestImportDLPackFromC(t *testing.T) {
	checkNoLeaks(t)
	cases := []struct {
		rows, cols  int
		columnMajor bool
		nullStrides bool
		flags       uint64
	}{
		{3, 4, false, false, 0},
		{3, 4, true, false, 0},
		{3, 4, false, true, 0},
		{3, 4, false, false, dlFlagReadOnly},
		{3, 4, true, false, dlFlagReadOnly},
		{3, 4, false, false, dlFlagIsCopied},
		{3, 4, false, false, dlFlagReadOnly | dlFlagIsCopied},
		{1, 5, false, true, 0},
		{5, 1, true, false, 0},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%dx%d colmajor=%v nullstrides=%v flags=%d", c.rows, c.cols, c.columnMajor, c.nullStrides, c.flags)
		subtest(t, name, func(t *testing.T) {
			p := croutine.MakeDLPack(c.rows, c.cols, c.columnMajor, c.nullStrides, c.flags)
			if p == nil {
				t.Fatal("MakeDLPack returned NULL")
			}
			mt := (*dlManagedVersioned)(p)
			if got := uintptr(unsafe.Pointer(mt.tensor.shape)) - uintptr(p); got != unsafe.Sizeof(dlManagedVersioned{}) {
				t.Errorf("C puts the dims %d bytes after the tensor; the mirror is %d bytes", got, unsafe.Sizeof(dlManagedVersioned{}))
			}
			dels := croutine.Deletions()
			m, err := ffi.ImportDLPack(p)
			if err != nil {
				ffi.ReleaseDLPack(p)
				t.Fatalf("ImportDLPack: %v", err)
			}
			t.Cleanup(m.Free)
			v, err := m.View()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(v.Shape(), []int{c.rows, c.cols}) {
				t.Errorf("shape %v, want [%d %d]", v.Shape(), c.rows, c.cols)
			}
			wantStrides := []int{8 * c.cols, 8}
			if c.columnMajor {
				wantStrides = []int{8, 8 * c.rows}
			}
			if !slices.Equal(v.Strides(), wantStrides) {
				t.Errorf("strides %v, want %v", v.Strides(), wantStrides)
			}
			if got, want := v.ReadOnly(), c.flags&dlFlagReadOnly != 0; got != want {
				t.Errorf("ReadOnly() = %v with flags %#x", got, c.flags)
			}
			if got, want := firstAddr(v), uintptr(mt.tensor.data); got != want {
				t.Errorf("&Item(0, 0) = %#x, tensor data = %#x", got, want)
			}
			for _, ix := range indices(v.Shape()) {
				if got, want := float(t, v, ix...), float64(ix[0]*c.cols+ix[1]); got != want {
					t.Errorf("Value%v = %v, want %v", ix, got, want)
				}
			}
			// C-produced memory, exported back to C: the same addresses.
			b := mustExport(t, v)
			checkDesc(t, b, v)
			b.Release()

			if !v.ReadOnly() {
				if err := v.SetValue(-1.0, c.rows-1, c.cols-1); err != nil {
					t.Fatal(err)
				}
				last := c.rows*c.cols - 1 // the last element is last in either order
				if got := unsafe.Slice((*float64)(mt.tensor.data), c.rows*c.cols)[last]; got != -1 {
					t.Errorf("C memory holds %v after SetValue(-1), want -1", got)
				}
			} else if err := v.SetValue(-1.0, 0, 0); !errors.Is(err, ndview.ErrReadOnly) {
				t.Errorf("SetValue on a read-only import: %v, want ErrReadOnly", err)
			}

			if d := croutine.Deletions() - dels; d != 0 {
				t.Errorf("deleter ran %d times before Free", d)
			}
			m.Free()
			m.Free()
			if d := croutine.Deletions() - dels; d != 1 {
				t.Errorf("deleter ran %d times after Free, Free, want 1", d)
			}
			if _, err := m.View(); !errors.Is(err, ffi.ErrReleased) {
				t.Errorf("View after Free: %v, want ErrReleased", err)
			}
		})
	}

	subtest(t, "concurrent Free", func(t *testing.T) {
		p := croutine.MakeDLPack(2, 3, false, false, 0)
		dels := croutine.Deletions()
		m, err := ffi.ImportDLPack(p)
		if err != nil {
			ffi.ReleaseDLPack(p)
			t.Fatal(err)
		}
		t.Cleanup(m.Free)
		concurrently(16, m.Free)
		if d := croutine.Deletions() - dels; d != 1 {
			t.Errorf("deleter ran %d times after 16 concurrent Frees, want 1", d)
		}
	})

	for _, colMajor := range []bool{false, true} {
		subtest(t, fmt.Sprintf("legacy colmajor=%v", colMajor), func(t *testing.T) {
			p := croutine.MakeDLPackLegacy(3, 2, colMajor)
			if got := uintptr(unsafe.Pointer((*dlManagedLegacy)(p).tensor.shape)) - uintptr(p); got != unsafe.Sizeof(dlManagedLegacy{}) {
				t.Errorf("C puts the dims %d bytes after the legacy tensor; the mirror is %d bytes", got, unsafe.Sizeof(dlManagedLegacy{}))
			}
			dels := croutine.Deletions()
			m, err := ffi.ImportDLPackLegacy(p)
			if err != nil {
				ffi.ReleaseDLPackLegacy(p)
				t.Fatal(err)
			}
			t.Cleanup(m.Free)
			v, err := m.View()
			if err != nil {
				t.Fatal(err)
			}
			if v.ReadOnly() {
				t.Error("legacy import is read-only, want writable")
			}
			for _, ix := range indices(v.Shape()) {
				if got, want := float(t, v, ix...), float64(ix[0]*2+ix[1]); got != want {
					t.Errorf("Value%v = %v, want %v", ix, got, want)
				}
			}
			if err := v.SetValue(9.0, 1, 1); err != nil {
				t.Errorf("SetValue on a legacy import: %v", err)
			}
			m.Free()
			m.Free()
			if d := croutine.Deletions() - dels; d != 1 {
				t.Errorf("legacy deleter ran %d times, want 1", d)
			}
		})
	}
}

// TestImportDLPackEmpty: tensors with a zero extent import as empty views,
// NULL data included, and Free still deletes them.
func TestImportDLPackEmpty(t *testing.T) {
	checkNoLeaks(t)
	cases := []struct {
		rows, cols  int
		nullStrides bool
		nullData    bool
	}{
		{0, 3, false, false},
		{3, 0, false, false},
		{0, 3, true, false},
		{0, 0, true, false},
		{0, 3, false, true},
		{3, 0, true, true},
	}
	for _, c := range cases {
		subtest(t, fmt.Sprintf("%dx%d nullstrides=%v nulldata=%v", c.rows, c.cols, c.nullStrides, c.nullData), func(t *testing.T) {
			p := croutine.MakeDLPack(c.rows, c.cols, false, c.nullStrides, 0)
			if c.nullData {
				(*dlManagedVersioned)(p).tensor.data = nil
			}
			dels := croutine.Deletions()
			m, err := ffi.ImportDLPack(p)
			if err != nil {
				ffi.ReleaseDLPack(p)
				t.Fatalf("ImportDLPack of an empty tensor: %v", err)
			}
			t.Cleanup(m.Free)
			v, err := m.View()
			if err != nil {
				t.Fatal(err)
			}
			if v.Len() != 0 || !slices.Equal(v.Shape(), []int{c.rows, c.cols}) {
				t.Errorf("view shape %v, Len %d; want [%d %d], 0", v.Shape(), v.Len(), c.rows, c.cols)
			}
			m.Free()
			if d := croutine.Deletions() - dels; d != 1 {
				t.Errorf("deleter ran %d times, want 1", d)
			}
		})
	}
}

// TestImportDLPackByteOffset: data plus byte_offset addresses element 0.
func TestImportDLPackByteOffset(t *testing.T) {
	checkNoLeaks(t)
	p := croutine.MakeDLPack(2, 3, false, false, 0)
	mt := (*dlManagedVersioned)(p)
	data := mt.tensor.data
	mt.tensor.data = unsafe.Add(data, -24)
	mt.tensor.byteOffset = 24
	m, err := ffi.ImportDLPack(p)
	if err != nil {
		mt.tensor.data, mt.tensor.byteOffset = data, 0
		ffi.ReleaseDLPack(p)
		t.Fatal(err)
	}
	t.Cleanup(m.Free)
	v, err := m.View()
	if err != nil {
		t.Fatal(err)
	}
	if got := firstAddr(v); got != uintptr(data) {
		t.Errorf("&Item(0, 0) = %#x, want data + byte_offset = %#x", got, uintptr(data))
	}
	for _, ix := range indices(v.Shape()) {
		if got, want := float(t, v, ix...), float64(ix[0]*3+ix[1]); got != want {
			t.Errorf("Value%v = %v, want %v", ix, got, want)
		}
	}
}

// TestImportDLPackRefusals: tensors ImportDLPack cannot take are refused
// with ErrDLPack and left to the caller, undeleted.
func TestImportDLPackRefusals(t *testing.T) {
	checkNoLeaks(t)
	cases := []struct {
		name   string
		mutate func(m *dlManagedVersioned)
	}{
		{"major version 2", func(m *dlManagedVersioned) { m.version.major = 2 }},
		{"major version 0", func(m *dlManagedVersioned) { m.version = dlPackVersion{0, 8} }},
		{"device CUDA", func(m *dlManagedVersioned) { m.tensor.device.deviceType = 2 }},
		{"device CUDA host", func(m *dlManagedVersioned) { m.tensor.device.deviceType = 3 }},
		{"lanes 2", func(m *dlManagedVersioned) { m.tensor.dtype.lanes = 2 }},
		{"lanes 0", func(m *dlManagedVersioned) { m.tensor.dtype.lanes = 0 }},
		{"bfloat16", func(m *dlManagedVersioned) { m.tensor.dtype = dlDataType{dlBfloat, 16, 1} }},
		{"opaque handle", func(m *dlManagedVersioned) { m.tensor.dtype = dlDataType{dlOpaque, 64, 1} }},
		{"float8", func(m *dlManagedVersioned) { m.tensor.dtype.bits = 8 }},
		{"float128", func(m *dlManagedVersioned) { m.tensor.dtype.bits = 128 }},
		{"int128", func(m *dlManagedVersioned) { m.tensor.dtype = dlDataType{dlInt, 128, 1} }},
		{"uint4", func(m *dlManagedVersioned) { m.tensor.dtype = dlDataType{dlUint, 4, 1} }},
		{"bool16", func(m *dlManagedVersioned) { m.tensor.dtype = dlDataType{dlBool, 16, 1} }},
		{"complex32", func(m *dlManagedVersioned) { m.tensor.dtype = dlDataType{dlComplex, 32, 1} }},
		{"unknown code", func(m *dlManagedVersioned) { m.tensor.dtype.code = 9 }},
		{"negative extent", func(m *dlManagedVersioned) { unsafe.Slice(m.tensor.shape, 2)[0] = -1 }},
		{"negative inner extent", func(m *dlManagedVersioned) { unsafe.Slice(m.tensor.shape, 2)[1] = -3 }},
		{"NULL data with elements", func(m *dlManagedVersioned) { m.tensor.data = nil }},
		{"NULL shape", func(m *dlManagedVersioned) { m.tensor.shape = nil }},
		{"ndim 65", func(m *dlManagedVersioned) { m.tensor.ndim = 65 }},
		{"ndim -1", func(m *dlManagedVersioned) { m.tensor.ndim = -1 }},
		{"stride overflows", func(m *dlManagedVersioned) { unsafe.Slice(m.tensor.strides, 2)[0] = 1 << 62 }},
		{"span overflows", func(m *dlManagedVersioned) {
			unsafe.Slice(m.tensor.shape, 2)[0] = 1 << 40
			unsafe.Slice(m.tensor.strides, 2)[0] = 1 << 40
		}},
		{"element count overflows", func(m *dlManagedVersioned) {
			copy(unsafe.Slice(m.tensor.shape, 2), []int64{1 << 40, 1 << 40})
			copy(unsafe.Slice(m.tensor.strides, 2), []int64{0, 0})
		}},
		// Row-major strides implied by NULL that do not fit an int64.
		{"NULL strides, implied stride overflows", func(m *dlManagedVersioned) {
			unsafe.Slice(m.tensor.shape, 2)[1] = 1 << 62
			m.tensor.strides = nil
		}},
		// Bytes that fit an int64 but not the address space: 2^62 bytes
		// below data, and from byte_offset 2^63-1 on for 2^63-16 bytes.
		// (Found by FuzzDLPack: unsafe.Slice panicked on them.)
		{"bytes below address 0", func(m *dlManagedVersioned) { unsafe.Slice(m.tensor.strides, 2)[0] = -(1 << 59) }},
		{"bytes past the top of the address space", func(m *dlManagedVersioned) {
			copy(unsafe.Slice(m.tensor.strides, 2), []int64{1<<59 - 1, 1<<58 - 1})
			m.tensor.byteOffset = 1<<63 - 1
		}},
	}
	for _, c := range cases {
		subtest(t, c.name, func(t *testing.T) {
			p := croutine.MakeDLPack(2, 3, false, false, 0)
			mt := (*dlManagedVersioned)(p)
			saved := *mt
			shape := slices.Clone(unsafe.Slice(mt.tensor.shape, 2))
			strides := slices.Clone(unsafe.Slice(mt.tensor.strides, 2))
			c.mutate(mt)
			dels := croutine.Deletions()

			m, err := importNoPanic(t, p)
			if m != nil {
				t.Errorf("ImportDLPack accepted the tensor (view %v)", m)
				m.Free() // runs the deleter
			} else {
				if !errors.Is(err, ffi.ErrDLPack) {
					t.Errorf("ImportDLPack error = %v, want ErrDLPack", err)
				}
				if d := croutine.Deletions() - dels; d != 0 {
					t.Errorf("a refused import ran the deleter %d times", d)
				}
				if n := ffi.Outstanding(); n != 0 {
					t.Errorf("Outstanding() = %d after a refused import", n)
				}
				// Restore and release it ourselves: the caller's duty.
				*mt = saved
				copy(unsafe.Slice(mt.tensor.shape, 2), shape)
				copy(unsafe.Slice(mt.tensor.strides, 2), strides)
				ffi.ReleaseDLPack(p)
			}
			if d := croutine.Deletions() - dels; d != 1 {
				t.Errorf("deleter ran %d times in all, want 1", d)
			}
		})
	}

	subtest(t, "nil", func(t *testing.T) {
		if m, err := ffi.ImportDLPack(nil); m != nil || !errors.Is(err, ffi.ErrDLPack) {
			t.Errorf("ImportDLPack(nil) = %v, %v; want nil, ErrDLPack", m, err)
		}
		if m, err := ffi.ImportDLPackLegacy(nil); m != nil || !errors.Is(err, ffi.ErrDLPack) {
			t.Errorf("ImportDLPackLegacy(nil) = %v, %v; want nil, ErrDLPack", m, err)
		}
	})

	subtest(t, "legacy device", func(t *testing.T) {
		p := croutine.MakeDLPackLegacy(2, 2, false)
		lt := (*dlManagedLegacy)(p)
		lt.tensor.device.deviceType = 2
		dels := croutine.Deletions()
		m, err := ffi.ImportDLPackLegacy(p)
		if m != nil || !errors.Is(err, ffi.ErrDLPack) {
			t.Errorf("ImportDLPackLegacy(CUDA) = %v, %v; want nil, ErrDLPack", m, err)
		}
		if m != nil {
			m.Free()
		} else {
			if d := croutine.Deletions() - dels; d != 0 {
				t.Errorf("a refused legacy import ran the deleter %d times", d)
			}
			lt.tensor.device.deviceType = dlCPU
			ffi.ReleaseDLPackLegacy(p)
		}
		if d := croutine.Deletions() - dels; d != 1 {
			t.Errorf("deleter ran %d times in all, want 1", d)
		}
	})
}

// importNoPanic is ImportDLPack with a panic turned into a test failure,
// so that one bad input does not end the whole run.
func importNoPanic(t *testing.T, p unsafe.Pointer) (m *ffi.Memory, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("ImportDLPack panicked: %v", r)
			m, err = nil, fmt.Errorf("%w: panic: %v", ffi.ErrDLPack, r)
		}
	}()
	return ffi.ImportDLPack(p)
}

// TestExportDLPackOutlivesView: a consumer may use a tensor after Go has
// dropped the view; the memory stays alive and pinned until the deleter.
func TestExportDLPackOutlivesView(t *testing.T) {
	checkNoLeaks(t)
	dropped := func() (unsafe.Pointer, float64) {
		v := mustMake(t, "d", 16, 16)
		fillSeq(t, v)
		w, err := v.IndexString("1::2, ::-1")
		if err != nil {
			t.Fatal(err)
		}
		p, err := ffi.ExportDLPack(w)
		if err != nil {
			t.Fatal(err)
		}
		return p, goSum(t, w)
	}
	p, want := dropped()
	keep := churn(16 * 16 * 8)
	sum, _, err := croutine.ConsumeDLPack(p)
	if err != nil {
		ffi.ReleaseDLPack(p)
		t.Fatal(err)
	}
	if sum != want {
		t.Errorf("C sum after the view was dropped and memory churned = %v, want %v", sum, want)
	}
	runtime.KeepAlive(keep)
}

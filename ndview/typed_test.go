package ndview_test

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// nvAlignedBuf returns a buffer of n bytes whose first byte is 16-byte
// aligned, so that tests do not depend on what make returns.
func nvAlignedBuf(n int) []byte {
	b := make([]byte, n+16)
	skip := (16 - int(uintptr(unsafe.Pointer(&b[0]))%16)) % 16
	return b[skip : skip+n : skip+n]
}

// nvOrderOf gives the binary.ByteOrder a format prefix stands for.
func nvOrderOf(prefix string) binary.AppendByteOrder {
	switch prefix {
	case ">", "!":
		return binary.BigEndian
	case "<":
		return binary.LittleEndian
	}
	if format.NativeOrder() == format.BigEndian {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// typedCase checks typed access for one T and one format: values written
// with Array.Set read back with At, Value (the format package's decoding)
// and the bytes encode returns, and values written with SetValue read back
// with At.
func typedCase[T ndview.Elem](t *testing.T, fmtstr string, vals []T, encode func(T) []byte, toValue func(T) any) {
	t.Helper()
	f := format.MustParse(fmtstr)
	item := f.Size()
	for _, off := range []int{0, 1} { // aligned and not
		buf := nvAlignedBuf(off + item*len(vals))
		v := nvMust(ndview.FromLayout(buf, ndview.Layout{Format: f, Shape: []int{len(vals)}, Offset: off}))
		a, err := ndview.As[T](v)
		if err != nil {
			t.Errorf("%s: As: %v", fmtstr, err)
			return
		}
		var zero T
		fl := f.Field(0)
		wantDirect := fl.Kind != format.Bool && fl.Order.Native() && uintptr(off)%unsafe.Alignof(zero) == 0
		if a.Direct() != wantDirect {
			t.Errorf("%s offset %d as %T: Direct %v, want %v", fmtstr, off, zero, a.Direct(), wantDirect)
		}
		for i, x := range vals {
			a.Set(x, i)
		}
		for i, x := range vals {
			if got := a.At(i); got != x {
				t.Errorf("%s offset %d: At(%d) = %v, want %v", fmtstr, off, i, got, x)
			}
			if got := ndview.At[T](v, i); got != x {
				t.Errorf("%s offset %d: At[T](%d) = %v, want %v", fmtstr, off, i, got, x)
			}
			if diff := cmp.Diff(encode(x), v.Item(i)); diff != "" {
				t.Errorf("%s offset %d: bytes of element %d (-want +got):\n%s", fmtstr, off, i, diff)
			}
			if got, err := v.Value(i); err != nil || !cmp.Equal(got, toValue(x)) {
				t.Errorf("%s offset %d: Value(%d) = %v (%T), %v; want %v", fmtstr, off, i, got, got, err, toValue(x))
			}
		}
		if got := slices.Collect(a.All()); !cmp.Equal(got, vals) {
			t.Errorf("%s offset %d: All = %v, want %v", fmtstr, off, got, vals)
		}
		var chunked []T
		for c := range a.Chunks() {
			chunked = append(chunked, c...)
		}
		if !cmp.Equal(chunked, vals) {
			t.Errorf("%s offset %d: Chunks = %v, want %v", fmtstr, off, chunked, vals)
		}
		// Through SetValue (the format's packing) and back through At.
		clear(buf)
		for i, x := range vals {
			if err := v.SetValue(toValue(x), i); err != nil {
				t.Errorf("%s: SetValue(%v): %v", fmtstr, toValue(x), err)
			}
		}
		for i, x := range vals {
			if got := a.At(i); got != x {
				t.Errorf("%s offset %d after SetValue: At(%d) = %v, want %v", fmtstr, off, i, got, x)
			}
		}
		// Set[T] stores too.
		ndview.Set(v, vals[0], len(vals)-1)
		if got := a.At(len(vals) - 1); got != vals[0] {
			t.Errorf("%s: Set[T] then At = %v, want %v", fmtstr, got, vals[0])
		}
		// Reversed and strided views read the same elements.
		rv := nvMust(v.Flip(0))
		ra := ndview.MustAs[T](rv)
		if got := slices.Collect(ra.All()); len(got) != len(vals) || got[len(got)-1] != vals[0] {
			t.Errorf("%s: reversed All = %v", fmtstr, got)
		}
	}
}

func TestTypedAllElemTypes(t *testing.T) {
	if format.NativeOrder() != format.LittleEndian {
		t.Skip("the expectations are written for a little-endian machine")
	}
	for _, p := range []string{"", "@", "=", "<", ">", "!"} {
		o := nvOrderOf(p)
		t.Run("prefix"+p, func(t *testing.T) {
			typedCase(t, p+"b", []int8{0, 1, -1, math.MinInt8, math.MaxInt8},
				func(x int8) []byte { return []byte{byte(x)} }, func(x int8) any { return int64(x) })
			typedCase(t, p+"B", []uint8{0, 1, 255, 128},
				func(x uint8) []byte { return []byte{x} }, func(x uint8) any { return uint64(x) })
			typedCase(t, p+"c", []uint8{'a', 0, 255},
				func(x uint8) []byte { return []byte{x} }, func(x uint8) any { return []byte{x} })
			typedCase(t, p+"h", []int16{0, 1, -2, math.MinInt16, math.MaxInt16, 0x0102},
				func(x int16) []byte { return o.AppendUint16(nil, uint16(x)) }, func(x int16) any { return int64(x) })
			typedCase(t, p+"H", []uint16{0, 1, math.MaxUint16, 0x0102},
				func(x uint16) []byte { return o.AppendUint16(nil, x) }, func(x uint16) any { return uint64(x) })
			typedCase(t, p+"i", []int32{0, -1, math.MinInt32, math.MaxInt32, 0x01020304},
				func(x int32) []byte { return o.AppendUint32(nil, uint32(x)) }, func(x int32) any { return int64(x) })
			typedCase(t, p+"I", []uint32{0, math.MaxUint32, 0x01020304},
				func(x uint32) []byte { return o.AppendUint32(nil, x) }, func(x uint32) any { return uint64(x) })
			typedCase(t, p+"q", []int64{0, -1, math.MinInt64, math.MaxInt64, 0x0102030405060708},
				func(x int64) []byte { return o.AppendUint64(nil, uint64(x)) }, func(x int64) any { return x })
			typedCase(t, p+"q", []int{0, -1, math.MinInt64, math.MaxInt64},
				func(x int) []byte { return o.AppendUint64(nil, uint64(x)) }, func(x int) any { return int64(x) })
			typedCase(t, p+"Q", []uint64{0, math.MaxUint64, 0x0102030405060708},
				func(x uint64) []byte { return o.AppendUint64(nil, x) }, func(x uint64) any { return x })
			typedCase(t, p+"Q", []uint{0, math.MaxUint64, 7},
				func(x uint) []byte { return o.AppendUint64(nil, uint64(x)) }, func(x uint) any { return uint64(x) })
			typedCase(t, p+"f", []float32{0, 1.5, -2.25, float32(math.Inf(1)), math.MaxFloat32, math.SmallestNonzeroFloat32},
				func(x float32) []byte { return o.AppendUint32(nil, math.Float32bits(x)) }, func(x float32) any { return float64(x) })
			typedCase(t, p+"d", []float64{0, 1.5, -2.25, math.Inf(-1), math.MaxFloat64, math.SmallestNonzeroFloat64, math.Pi},
				func(x float64) []byte { return o.AppendUint64(nil, math.Float64bits(x)) }, func(x float64) any { return x })
			typedCase(t, p+"?", []bool{false, true, true, false},
				func(x bool) []byte {
					if x {
						return []byte{1}
					}
					return []byte{0}
				}, func(x bool) any { return x })
			{ // Zf and Zd: PEP 3118 complex, with any byte order
				typedCase(t, p+"Zf", []complex64{0, complex(1.5, -2), complex(float32(math.Inf(1)), 3)},
					func(x complex64) []byte {
						return o.AppendUint32(o.AppendUint32(nil, math.Float32bits(real(x))), math.Float32bits(imag(x)))
					}, func(x complex64) any { return complex128(x) })
				typedCase(t, p+"Zd", []complex128{0, complex(1.5, -2), complex(math.Pi, math.E)},
					func(x complex128) []byte {
						return o.AppendUint64(o.AppendUint64(nil, math.Float64bits(real(x))), math.Float64bits(imag(x)))
					}, func(x complex128) any { return x })
			}
		})
	}
	// The native-only codes.
	le := binary.LittleEndian
	typedCase(t, "l", []int64{-5, math.MaxInt64}, func(x int64) []byte { return le.AppendUint64(nil, uint64(x)) }, func(x int64) any { return x })
	typedCase(t, "n", []int{-5, math.MinInt64}, func(x int) []byte { return le.AppendUint64(nil, uint64(x)) }, func(x int) any { return int64(x) })
	typedCase(t, "L", []uint64{5, math.MaxUint64}, func(x uint64) []byte { return le.AppendUint64(nil, x) }, func(x uint64) any { return x })
	typedCase(t, "N", []uint{5, math.MaxUint64}, func(x uint) []byte { return le.AppendUint64(nil, uint64(x)) }, func(x uint) any { return uint64(x) })
	typedCase(t, "P", []uintptr{0, 0xdeadbeef, math.MaxUint64}, func(x uintptr) []byte { return le.AppendUint64(nil, uint64(x)) }, func(x uintptr) any { return uint64(x) })
	typedCase(t, "<l", []int32{-5, math.MaxInt32}, func(x int32) []byte { return le.AppendUint32(nil, uint32(x)) }, func(x int32) any { return int64(x) })
	typedCase(t, ">L", []uint32{5, math.MaxUint32}, func(x uint32) []byte { return binary.BigEndian.AppendUint32(nil, x) }, func(x uint32) any { return uint64(x) })
}

// Non-native byte order, checked against encoding/binary directly.
func TestTypedByteOrder(t *testing.T) {
	buf := make([]byte, 16)
	v := nvMust(ndview.New(buf, ">d", 2))
	a := ndview.MustAs[float64](v)
	if a.Direct() {
		t.Error(">d should not be Direct")
	}
	a.Set(1.5, 1)
	if got := binary.BigEndian.Uint64(buf[8:]); got != math.Float64bits(1.5) {
		t.Errorf(">d bytes %x", buf[8:])
	}
	binary.BigEndian.PutUint64(buf, math.Float64bits(-0.25))
	if a.At(0) != -0.25 {
		t.Errorf(">d At(0) = %v", a.At(0))
	}
	w := nvMust(ndview.New(make([]byte, 8), "!i", 2))
	wi := ndview.MustAs[int32](w)
	wi.Set(0x01020304, 0)
	wi.Set(-2, 1)
	if diff := cmp.Diff([]byte{1, 2, 3, 4, 0xFF, 0xFF, 0xFF, 0xFE}, w.Buffer()); diff != "" {
		t.Errorf("!i bytes:\n%s", diff)
	}
	z := nvMust(ndview.New(make([]byte, 16), ">Zd"))
	za := ndview.MustAs[complex128](z)
	za.Set(complex(1, -2))
	want := binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, math.Float64bits(1)), math.Float64bits(-2))
	if diff := cmp.Diff(want, z.Buffer()); diff != "" {
		t.Errorf(">Zd bytes:\n%s", diff)
	}
	if za.At() != complex(1, -2) {
		t.Errorf(">Zd At = %v", za.At())
	}
	// NaN payloads and -0.0 survive a non-native round trip.
	nan := math.Float64frombits(0x7FF0_0000_0000_0123)
	a.Set(nan, 0)
	a.Set(math.Copysign(0, -1), 1)
	if math.Float64bits(a.At(0)) != 0x7FF0_0000_0000_0123 || math.Float64bits(a.At(1)) != 1<<63 {
		t.Errorf("NaN payload or -0 lost: %x %x", math.Float64bits(a.At(0)), math.Float64bits(a.At(1)))
	}
}

// A view at an odd offset, and one with a stride that is not a multiple
// of the alignment.
func TestTypedUnaligned(t *testing.T) {
	buf := nvAlignedBuf(1 + 8*4)
	v := nvMust(ndview.FromLayout(buf, ndview.Layout{Format: format.MustParse("<d"), Shape: []int{4}, Offset: 1}))
	a := ndview.MustAs[float64](v)
	if a.Direct() {
		t.Error("a view at an odd offset should not be Direct")
	}
	for i := range 4 {
		a.Set(float64(i)+0.5, i)
	}
	for i := range 4 {
		if got := math.Float64frombits(binary.LittleEndian.Uint64(buf[1+8*i:])); got != float64(i)+0.5 {
			t.Errorf("element %d stored as %v", i, got)
		}
	}
	if buf[0] != 0 {
		t.Error("the byte before the view was written")
	}
	var chunks [][]float64
	for c := range a.Chunks() {
		chunks = append(chunks, slices.Clone(c))
	}
	if diff := cmp.Diff([][]float64{{0.5, 1.5, 2.5, 3.5}}, chunks); diff != "" {
		t.Errorf("decoded chunks:\n%s", diff)
	}
	// Aligned start, odd stride.
	s := nvLayout(t, nvAlignedBuf(8+9*2), "<d", []int{3}, []int{9}, 0)
	sa := ndview.MustAs[float64](s)
	if sa.Direct() {
		t.Error("a stride of 9 bytes should not be Direct")
	}
	sa.Set(7.25, 2)
	if got := math.Float64frombits(binary.LittleEndian.Uint64(s.Buffer()[18:])); got != 7.25 {
		t.Errorf("stride 9 element 2 stored as %v", got)
	}
	// Aligned start and stride: Direct.
	d := nvLayout(t, nvAlignedBuf(64), "<d", []int{4}, []int{16}, 8)
	if !ndview.MustAs[float64](d).Direct() {
		t.Error("an aligned strided view should be Direct")
	}
	// Extent-1 dimensions with odd strides do not matter.
	o := nvLayout(t, nvAlignedBuf(64), "<d", []int{1, 2}, []int{3, 8}, 0)
	if !ndview.MustAs[float64](o).Direct() {
		t.Error("an odd stride of an extent-1 dimension should not prevent Direct")
	}
	// An odd offset is fine for one-byte types.
	b := nvLayout(t, nvAlignedBuf(8), "b", []int{3}, []int{2}, 1)
	if !ndview.MustAs[int8](b).Direct() {
		t.Error("int8 at an odd offset should be Direct")
	}
}

// ? reads any non-zero byte as true, and Go bools made from such bytes
// behave as true.
func TestTypedBoolBytes(t *testing.T) {
	buf := []byte{0, 1, 2, 255, 0x80, 0}
	v := nvMust(ndview.New(buf, "?", 6))
	a := ndview.MustAs[bool](v)
	want := []bool{false, true, true, true, true, false}
	for i, w := range want {
		got := a.At(i)
		if got != w {
			t.Errorf("At(%d) = %v, want %v", i, got, w)
		}
		if nvBoolByte(got) > 1 {
			t.Errorf("At(%d) holds byte %d, not a Go bool", i, nvBoolByte(got))
		}
		if x, _ := v.Value(i); x != w {
			t.Errorf("Value(%d) = %v", i, x)
		}
	}
	if got := slices.Collect(a.All()); !cmp.Equal(got, want) {
		t.Errorf("All = %v", got)
	}
	var chunked []bool
	for c := range a.Chunks() {
		for _, x := range c {
			if nvBoolByte(x) > 1 {
				t.Errorf("a chunk holds byte %d, not a Go bool", nvBoolByte(x))
			}
			chunked = append(chunked, x)
		}
	}
	if !cmp.Equal(chunked, want) {
		t.Errorf("Chunks = %v", chunked)
	}
	a.Set(true, 5)
	a.Set(false, 3)
	if diff := cmp.Diff([]byte{0, 1, 2, 0, 0x80, 1}, buf); diff != "" {
		t.Errorf("bytes after Set:\n%s", diff)
	}
	if !ndview.Equal(v, nvMust(ndview.New([]byte{0, 1, 1, 0, 1, 1}, "?", 6))) {
		t.Error("? views with the same truth values should be equal")
	}
}

// nvBoolByte is the byte a Go bool holds: 0 or 1 for a valid bool.
func nvBoolByte(b bool) byte { return *(*byte)(unsafe.Pointer(&b)) }

type (
	nvCelsius float64
	nvFlag    bool
	nvID      int32
	nvCount   uint
	nvPhase   complex64
)

func TestTypedNamedTypes(t *testing.T) {
	v := nvArange(t, "<d", 3)
	c := ndview.MustAs[nvCelsius](v)
	c.Set(nvCelsius(36.6), 1)
	if got := ndview.At[float64](v, 1); got != 36.6 {
		t.Errorf("nvCelsius stored %v", got)
	}
	if got := ndview.At[nvCelsius](v, 2); got != 2 {
		t.Errorf("At[nvCelsius] = %v", got)
	}
	f := ndview.MustAs[nvFlag](nvMust(ndview.New([]byte{0, 7}, "?", 2)))
	if f.At(0) || !f.At(1) {
		t.Errorf("nvFlag: %v %v", f.At(0), f.At(1))
	}
	id := ndview.MustAs[nvID](nvMust(ndview.New([]byte{1, 0, 0, 0}, ">i")))
	if id.At() != nvID(0x01000000) {
		t.Errorf("nvID %x", id.At())
	}
	n := ndview.MustAs[nvCount](nvArange(t, "Q", 2))
	if n.At(1) != 1 {
		t.Errorf("nvCount %v", n.At(1))
	}
	p := ndview.MustAs[nvPhase](nvMust(ndview.Make("Zf", 1)))
	p.Set(nvPhase(complex(1, 2)), 0)
	if p.At(0) != nvPhase(complex(1, 2)) {
		t.Errorf("nvPhase %v", p.At(0))
	}
	if _, err := ndview.As[nvCelsius](nvArange(t, "<f", 1)); !errors.Is(err, ndview.ErrType) {
		t.Errorf("As[nvCelsius] on f: %v", err)
	}
}

func TestTypedMismatch(t *testing.T) {
	mk := func(f string) ndview.View { return nvMust(ndview.Make(f, 2)) }
	check := func(name string, err error) {
		t.Helper()
		if !errors.Is(err, ndview.ErrType) {
			t.Errorf("%s: %v, want ErrType", name, err)
		}
	}
	_, err := ndview.As[float32](mk("d"))
	check("float32 on d", err)
	_, err = ndview.As[float64](mk("f"))
	check("float64 on f", err)
	_, err = ndview.As[float64](mk("q"))
	check("float64 on q", err)
	_, err = ndview.As[int64](mk("d"))
	check("int64 on d", err)
	_, err = ndview.As[int](mk("<i"))
	check("int on i", err)
	_, err = ndview.As[int32](mk("<I"))
	check("int32 on I", err)
	_, err = ndview.As[uint32](mk("<i"))
	check("uint32 on i", err)
	_, err = ndview.As[int8](mk("B"))
	check("int8 on B", err)
	_, err = ndview.As[uint8](mk("b"))
	check("uint8 on b", err)
	_, err = ndview.As[uint8](mk("?"))
	check("uint8 on ?", err)
	_, err = ndview.As[bool](mk("B"))
	check("bool on B", err)
	_, err = ndview.As[int64](mk("<l"))
	check("int64 on <l (4 bytes)", err)
	_, err = ndview.As[float64](mk("dd"))
	check("float64 on dd", err)
	_, err = ndview.As[float64](mk("2d"))
	check("float64 on 2d", err)
	_, err = ndview.As[float64](mk("T{d:x:}"))
	check("float64 on a record", err)
	_, err = ndview.As[float64](mk("(2)d"))
	check("float64 on a sub-array", err)
	_, err = ndview.As[float64](mk("e"))
	check("float64 on e", err)
	_, err = ndview.As[uint8](mk("1s"))
	check("uint8 on 1s", err)
	_, err = ndview.As[uint8](mk("x"))
	check("uint8 on x", err)
	_, err = ndview.As[complex128](mk("Zf"))
	check("complex128 on Zf", err)
	_, err = ndview.As[complex64](mk("d"))
	check("complex64 on d", err)
	_, err = ndview.As[int64](mk("O"))
	check("int64 on O", err)
	_, err = ndview.As[float64](ndview.View{})
	check("zero View", err)
	nvWantPanic(t, "MustAs mismatch", func() { ndview.MustAs[float32](mk("d")) })
	nvWantPanic(t, "At mismatch", func() { ndview.At[float32](mk("d"), 0) })
	nvWantPanic(t, "Set mismatch", func() { ndview.Set[float32](mk("d"), 1, 0) })
}

func TestTypedReadOnlyPanics(t *testing.T) {
	v := nvArange(t, "<i", 3)
	r := v.AsReadOnly()
	a := ndview.MustAs[int32](r)
	if a.At(2) != 2 {
		t.Errorf("reading a read-only view: %v", a.At(2))
	}
	val := nvWantPanic(t, "Array.Set", func() { a.Set(9, 0) })
	if err, ok := val.(error); !ok || !errors.Is(err, ndview.ErrReadOnly) {
		t.Errorf("Array.Set on read-only panicked with %v, want ErrReadOnly", val)
	}
	nvWantPanic(t, "Set[T]", func() { ndview.Set[int32](r, 9, 0) })
	if ndview.At[int32](v, 0) != 0 {
		t.Error("a refused Set wrote the element")
	}
	if !a.View().ReadOnly() || a.View().Len() != 3 {
		t.Error("Array.View lost the view")
	}
}

func TestTypedZeroAndEmpty(t *testing.T) {
	var z ndview.Array[float64]
	if z.Direct() {
		t.Error("zero Array is Direct")
	}
	for range z.Chunks() {
		t.Error("zero Array has chunks")
	}
	for range z.All() {
		t.Error("zero Array has elements")
	}
	if z.View().ItemFormat() != nil {
		t.Error("zero Array has a format")
	}
	e := ndview.MustAs[float64](nvMust(ndview.Make("d", 0, 3)))
	for range e.Chunks() {
		t.Error("empty Array has chunks")
	}
	// 0-d.
	d := ndview.MustAs[float64](nvMust(ndview.New(binary.LittleEndian.AppendUint64(nil, math.Float64bits(2.5)), "<d")))
	if d.At() != 2.5 || slices.Collect(d.All())[0] != 2.5 {
		t.Errorf("0-d At %v", d.At())
	}
}

func TestChunksDirect(t *testing.T) {
	buf := nvAlignedBuf(8 * 12)
	v := nvMust(ndview.New(buf, "d", 3, 4))
	a := ndview.MustAs[float64](v)
	if !a.Direct() {
		t.Fatal("native aligned d should be Direct")
	}
	var n int
	for c := range a.Chunks() {
		n++
		if len(c) != 12 || unsafe.Pointer(&c[0]) != unsafe.Pointer(&buf[0]) {
			t.Errorf("C-contiguous chunk: len %d", len(c))
		}
		c[5] = 42 // the view's own memory
	}
	if n != 1 || a.At(1, 1) != 42 {
		t.Errorf("chunks %d, element %v", n, a.At(1, 1))
	}
	// Rows of a column slice: one chunk per row, each aliasing its row.
	s := ndview.MustAs[float64](nvMust(v.IndexString(":, 1:3")))
	var offs []int
	for c := range s.Chunks() {
		if len(c) != 2 {
			t.Errorf("row chunk of %d", len(c))
		}
		offs = append(offs, int(uintptr(unsafe.Pointer(&c[0]))-uintptr(unsafe.Pointer(&buf[0]))))
	}
	if diff := cmp.Diff([]int{8, 40, 72}, offs); diff != "" {
		t.Errorf("row chunk offsets:\n%s", diff)
	}
	// Every other column: single-element chunks.
	e := ndview.MustAs[float64](nvMust(v.IndexString(":, ::2")))
	n = 0
	for c := range e.Chunks() {
		n++
		if len(c) != 1 {
			t.Errorf("strided chunk of %d", len(c))
		}
	}
	if n != 6 {
		t.Errorf("%d strided chunks, want 6", n)
	}
	// Early stop.
	n = 0
	for range e.Chunks() {
		n++
		break
	}
	if n != 1 {
		t.Errorf("break after %d chunks", n)
	}
}

func TestChunksDecoded(t *testing.T) {
	const n = 1300
	v := nvMust(ndview.Make(">q", n))
	a := ndview.MustAs[int64](v)
	for i := range n {
		a.Set(int64(i*3), i)
	}
	var lens []int
	var all []int64
	for c := range a.Chunks() {
		lens = append(lens, len(c))
		all = append(all, c...)
		for i := range c {
			c[i] = -1 // a scratch copy: the view must not change
		}
	}
	if diff := cmp.Diff([]int{512, 512, 276}, lens); diff != "" {
		t.Errorf("decoded chunk lengths:\n%s", diff)
	}
	for i, x := range all {
		if x != int64(i*3) {
			t.Fatalf("decoded element %d = %d", i, x)
		}
	}
	if a.At(5) != 15 {
		t.Error("writing into a decoded chunk changed the view")
	}
	// Early stop in the middle and at the tail.
	cnt := 0
	for range a.Chunks() {
		cnt++
		if cnt == 2 {
			break
		}
	}
	if cnt != 2 {
		t.Errorf("break after %d", cnt)
	}
	sum := int64(0)
	for x := range a.All() {
		if x > 30 {
			break
		}
		sum += x
	}
	if sum != 0+3+6+9+12+15+18+21+24+27+30 {
		t.Errorf("All with break summed %d", sum)
	}
	// A decoded, transposed 2-d view walks in C order.
	m := nvMust(ndview.New(nvSeq(24), ">h", 3, 4)).T()
	ma := ndview.MustAs[int16](m)
	var got []int16
	for c := range ma.Chunks() {
		got = append(got, c...)
	}
	var want []int16
	for j := range 4 {
		for i := range 3 {
			k := 2 * (4*i + j)
			want = append(want, int16(k)<<8|int16(k+1))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("transposed decoded chunks:\n%s", diff)
	}
}

// A regression test for a bug this suite found: As computed the address of
// element [0, ..., 0] (Array.base) even for a view without elements, whose
// offset may be len(buf): a pointer just past the end of the buffer's
// allocation, which the unsafe rules forbid. Under go test -race (which
// turns on checkptr) the process died with "fatal error: checkptr: pointer
// arithmetic result points to invalid allocation"; without checkptr the
// garbage collector may trip over the stray pointer. The check runs in a
// child process, since the failure is fatal, not a panic, and it can only
// fail under -race.
func TestAsEmptyViewAtBufferEnd(t *testing.T) {
	if os.Getenv("NDVIEW_TEST_CHILD") == "as-empty-at-end" {
		for _, n := range []int{8, 16, 24, 32, 48, 64, 80, 96, 4096} {
			buf := make([]byte, n)
			v := nvMust(ndview.FromLayout(buf, ndview.Layout{Format: format.MustParse("<d"), Shape: []int{0, 3}, Offset: n}))
			a, err := ndview.As[float64](v)
			if err != nil {
				t.Fatal(err)
			}
			for range a.All() {
				t.Fatal("an empty view has elements")
			}
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestAsEmptyViewAtBufferEnd$", "-test.count=1")
	cmd.Env = append(os.Environ(), "NDVIEW_TEST_CHILD=as-empty-at-end")
	if out, err := cmd.CombinedOutput(); err != nil {
		first, _, _ := strings.Cut(string(out), "\n")
		t.Errorf("As on an empty view whose offset is len(buf) crashed the process: %v\n%s", err, first)
	}
}

// A regression test for a bug this suite found: the zero Array "has no
// elements", and At and Set panic when idx does not address an element;
// but At() and Set() with no indices on the zero Array (what a program gets
// when it ignores As's error) returned the zero value and did nothing.
func TestZeroArrayPanics(t *testing.T) {
	var z ndview.Array[float64]
	if p, _ := nvPanics(func() { z.At() }); !p {
		t.Error("At() on the zero Array returned instead of panicking")
	}
	if p, _ := nvPanics(func() { z.Set(1) }); !p {
		t.Error("Set(1) on the zero Array returned instead of panicking")
	}
	a, err := ndview.As[float64](nvMust(ndview.Make("<f", 2)))
	if err == nil {
		t.Fatal("As[float64] on f succeeded")
	}
	if p, _ := nvPanics(func() { a.At() }); !p {
		t.Error("At() on the Array of a failed As returned instead of panicking")
	}
	// With indices, the zero Array panics as it should.
	nvWantPanic(t, "At(0) on the zero Array", func() { z.At(0) })
}

func TestTypedAt1Set1(t *testing.T) {
	for _, f := range []string{"<i", ">i"} {
		v := nvMust(nvArange(t, f, 12).IndexString("::-3")) // [11, 8, 5, 2]
		a := ndview.MustAs[int32](v)
		for i := range 4 {
			if a.At1(i) != a.At(i) || a.At1(i) != int32(11-3*i) {
				t.Errorf("%s: At1(%d) = %d, At = %d", f, i, a.At1(i), a.At(i))
			}
		}
		a.Set1(-7, 3)
		if x, _ := v.Value(3); x != int64(-7) {
			t.Errorf("%s: Set1 stored %v", f, x)
		}
		for _, i := range []int{4, -1, math.MinInt} {
			nvWantPanic(t, "At1 out of range", func() { a.At1(i) })
			nvWantPanic(t, "Set1 out of range", func() { a.Set1(0, i) })
		}
		r := ndview.MustAs[int32](v.AsReadOnly())
		val := nvWantPanic(t, "Set1 read-only", func() { r.Set1(1, 0) })
		if err, ok := val.(error); !ok || !errors.Is(err, ndview.ErrReadOnly) {
			t.Errorf("Set1 on read-only panicked with %v", val)
		}
		if x, _ := v.Value(0); x != int64(11) {
			t.Errorf("a refused Set1 wrote: %v", x)
		}
	}
	// Not 1-d: At1 and Set1 panic, and so does the zero Array.
	for _, shape := range [][]int{{2, 3}, {1, 2, 3}, {}} {
		a := ndview.MustAs[int32](nvMust(ndview.Make("<i", shape...)))
		nvWantPanic(t, "At1 on a non-1-d array", func() { a.At1(0) })
		nvWantPanic(t, "Set1 on a non-1-d array", func() { a.Set1(1, 0) })
	}
	var z ndview.Array[int32]
	nvWantPanic(t, "At1 on the zero Array", func() { z.At1(0) })
	// Bool through At1 normalizes bytes other than 0 and 1.
	b := ndview.MustAs[bool](nvMust(ndview.New([]byte{0, 5, 255, 1}, "?", 4)))
	if b.At1(0) || !b.At1(1) || !b.At1(2) || !b.At1(3) || nvBoolByte(b.At1(1)) != 1 {
		t.Error("At1 of ? bytes")
	}
}

func TestTypedAt2Set2(t *testing.T) {
	for _, f := range []string{"<i", ">i"} {
		v := nvMust(nvArange(t, f, 3, 4).IndexString("::-1, 1::2")) // [[9,11],[5,7],[1,3]]
		a := ndview.MustAs[int32](v)
		for i := range 3 {
			for j := range 2 {
				if a.At2(i, j) != a.At(i, j) || a.At2(i, j) != int32(4*(2-i)+2*j+1) {
					t.Errorf("%s: At2(%d,%d) = %d, At = %d", f, i, j, a.At2(i, j), a.At(i, j))
				}
			}
		}
		a.Set2(-7, 2, 1)
		if x, _ := v.Value(2, 1); x != int64(-7) {
			t.Errorf("%s: Set2 stored %v", f, x)
		}
		for _, ij := range [][2]int{{3, 0}, {0, 2}, {-1, 0}, {0, -1}} {
			nvWantPanic(t, "At2 out of range", func() { a.At2(ij[0], ij[1]) })
			nvWantPanic(t, "Set2 out of range", func() { a.Set2(0, ij[0], ij[1]) })
		}
		r := ndview.MustAs[int32](v.AsReadOnly())
		val := nvWantPanic(t, "Set2 read-only", func() { r.Set2(1, 0, 0) })
		if err, ok := val.(error); !ok || !errors.Is(err, ndview.ErrReadOnly) {
			t.Errorf("Set2 on read-only panicked with %v", val)
		}
		if x, _ := v.Value(0, 0); x != int64(9) {
			t.Errorf("a refused Set2 wrote: %v", x)
		}
	}
	// Not 2-d: At2 and Set2 panic.
	for _, shape := range [][]int{{6}, {1, 2, 3}, {}} {
		a := ndview.MustAs[int32](nvMust(ndview.Make("<i", shape...)))
		nvWantPanic(t, "At2 on a non-2-d array", func() { a.At2(0, 0) })
		nvWantPanic(t, "Set2 on a non-2-d array", func() { a.Set2(1, 0, 0) })
	}
	// Bool through At2 normalizes bytes other than 0 and 1.
	b := ndview.MustAs[bool](nvMust(ndview.New([]byte{0, 5, 255, 1}, "?", 2, 2)))
	if b.At2(0, 0) || !b.At2(0, 1) || !b.At2(1, 0) || !b.At2(1, 1) || nvBoolByte(b.At2(1, 0)) != 1 {
		t.Error("At2 of ? bytes")
	}
}

// typedRandom checks, for every element of v, that Array.At agrees with
// Value (the format package's decoding), and that Array.Set followed by
// Value gives back what was stored.
func typedRandom[T ndview.Elem](t *testing.T, v ndview.View, conv func(any) T, same func(a, b T) bool) {
	t.Helper()
	a, err := ndview.As[T](v)
	if err != nil {
		t.Fatalf("%q: %v", v.ItemFormat().String(), err)
	}
	var all []T
	for x := range a.All() {
		all = append(all, x)
	}
	i := 0
	for idx := range v.All() {
		x, err := v.Value(idx...)
		if err != nil {
			t.Fatal(err)
		}
		want := conv(x)
		if got := a.At(idx...); !same(got, want) {
			t.Fatalf("%q %v at %v: At = %v, Value = %v", v.ItemFormat().String(), nvGeom(v), idx, got, want)
		}
		if !same(all[i], want) {
			t.Fatalf("%q %v at %v: All = %v, Value = %v", v.ItemFormat().String(), nvGeom(v), idx, all[i], want)
		}
		if len(idx) == 1 && !same(a.At1(idx[0]), want) {
			t.Fatalf("%q %v at %v: At1 = %v, Value = %v", v.ItemFormat().String(), nvGeom(v), idx, a.At1(idx[0]), want)
		}
		if len(idx) == 2 && !same(a.At2(idx[0], idx[1]), want) {
			t.Fatalf("%q %v at %v: At2 = %v, Value = %v", v.ItemFormat().String(), nvGeom(v), idx, a.At2(idx[0], idx[1]), want)
		}
		i++
	}
	if i != len(all) {
		t.Fatalf("All yields %d of %d", len(all), i)
	}
	// Write through Set at the last index and read back; views with
	// repeated elements are fine for a single write.
	if v.Len() > 0 {
		var last []int
		for idx := range v.All() {
			last = slices.Clone(idx)
		}
		x := a.At(last...)
		a.Set(x, last...)
		y, _ := v.Value(last...)
		if !same(conv(y), x) {
			t.Fatalf("%q: Set(%v) then Value = %v", v.ItemFormat().String(), x, y)
		}
	}
}

func TestTypedRandomLayouts(t *testing.T) {
	r := nvRand(99)
	fbits := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) || a != a && b != b }
	for range 1500 {
		p := []string{"", "<", ">", "=", "!"}[r.IntN(5)]
		code := []string{"b", "B", "h", "H", "i", "I", "q", "Q", "f", "d", "?", "Zf", "Zd"}[r.IntN(13)]
		buf, l := nvRandLayout(r, p+code, 6, 3)
		if r.IntN(3) == 0 { // an odd offset
			nb := make([]byte, len(buf)+1)
			copy(nb[1:], buf)
			buf, l.Offset = nb, l.Offset+1
		}
		v := nvMust(ndview.FromLayout(buf, l))
		switch code {
		case "b":
			typedRandom(t, v, func(x any) int8 { return int8(x.(int64)) }, func(a, b int8) bool { return a == b })
		case "B":
			typedRandom(t, v, func(x any) uint8 { return uint8(x.(uint64)) }, func(a, b uint8) bool { return a == b })
		case "h":
			typedRandom(t, v, func(x any) int16 { return int16(x.(int64)) }, func(a, b int16) bool { return a == b })
		case "H":
			typedRandom(t, v, func(x any) uint16 { return uint16(x.(uint64)) }, func(a, b uint16) bool { return a == b })
		case "i":
			typedRandom(t, v, func(x any) int32 { return int32(x.(int64)) }, func(a, b int32) bool { return a == b })
		case "I":
			typedRandom(t, v, func(x any) uint32 { return uint32(x.(uint64)) }, func(a, b uint32) bool { return a == b })
		case "q":
			typedRandom(t, v, func(x any) int64 { return x.(int64) }, func(a, b int64) bool { return a == b })
		case "Q":
			typedRandom(t, v, func(x any) uint64 { return x.(uint64) }, func(a, b uint64) bool { return a == b })
		case "f":
			typedRandom(t, v, func(x any) float32 { return float32(x.(float64)) }, func(a, b float32) bool {
				return math.Float32bits(a) == math.Float32bits(b) || a != a && b != b
			})
		case "d":
			typedRandom(t, v, func(x any) float64 { return x.(float64) }, fbits)
		case "?":
			typedRandom(t, v, func(x any) bool { return x.(bool) }, func(a, b bool) bool { return a == b })
		case "Zf":
			typedRandom(t, v, func(x any) complex64 { return complex64(x.(complex128)) }, func(a, b complex64) bool {
				return fbits(float64(real(a)), float64(real(b))) && fbits(float64(imag(a)), float64(imag(b)))
			})
		case "Zd":
			typedRandom(t, v, func(x any) complex128 { return x.(complex128) }, func(a, b complex128) bool {
				return fbits(real(a), real(b)) && fbits(imag(a), imag(b))
			})
		}
	}
}

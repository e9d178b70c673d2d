//go:build cgo

package fuzz

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/ndview/ndview/ffi"
	"github.com/ndview/ndview/fuzz/internal/dlfuzz"
	"github.com/ndview/ndview/ndview"
)

// FuzzDLPack drives ffi's DLPack import with tensors whose every field
// comes from the fuzzer, built in C memory by package dlfuzz, and the
// export/import round trip with views from the fuzzer.
//
// What the import can check, and so what is tested: ImportDLPack takes a
// pointer and nothing else, so it cannot know how long the producer's
// shape and strides arrays are (DLPack makes ndim the truth: dlfuzz
// always allocates ndim entries) nor how much memory is behind the data
// pointer (DLPack makes the producer vouch for every byte the layout
// describes). Everything else is a field it must check and never trust:
// the version, device, lanes, data type, ndim's range, NULL shape, NULL
// data under elements, negative extents, and all the arithmetic from the
// extents, strides and byte_offset to the range of addresses, which must
// neither overflow nor leave the address space. A model computed here
// from DLPack's rules and ffi's documentation, with exact arithmetic,
// decides each input:
//
//   - a tensor the model refuses gives an error matching ffi.ErrDLPack,
//     never a panic, leaves Outstanding as it was and the deleter
//     unrun (the caller keeps the tensor: ffi.ReleaseDLPack then runs it
//     once);
//   - a tensor the model accepts, whose bytes the fuzzer placed inside
//     the C buffer, gives a view with the data type's native format,
//     the shape, the strides in bytes (elements times the itemsize, or
//     row-major for NULL strides), read-only exactly when the versioned
//     tensor's flag says so, whose buffer is within the bytes the tensor
//     describes and whose every element is at the address computed here
//     from data + byte_offset + index·strides; Free runs the deleter
//     exactly once, on that tensor, and Outstanding returns;
//   - an accepted tensor whose bytes lie outside the buffer is a
//     producer's lie that no consumer can detect: it is not imported
//     (the view would be of memory that is not there);
//   - and in every case the import writes nothing to the tensor.
//
// The round trip: a view from the fuzzer (FromLayout over Go or C
// memory) is exported with ExportDLPack or ExportDLPackLegacy exactly
// when the model says so (a native single-value format, whole-element
// strides, and for the legacy struct a writable view); the tensor has
// the view's fields, and importing it gives a view of the same format,
// layout, read-only flag and element addresses. Outstanding counts the
// export and the import, and returns to where it was after Free.
func FuzzDLPack(f *testing.F) {
	for _, seed := range dlpackSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &src{data}
		if s.n(2) == 0 {
			checkDLImport(t, s)
		} else {
			checkDLRoundTrip(t, s)
		}
	})
}

// dlType is a DLPack data type's code and bits.
type dlType struct{ code, bits uint8 }

// dlTypes are the data types ffi's documentation says ImportDLPack
// takes (one lane of bool, int, uint, float of 16, 32 or 64 bits, complex
// of 64 or 128), each with the native format of the view it gives.
var dlTypes = []struct {
	t      dlType
	format string
}{
	{dlType{6, 8}, "?"},
	{dlType{0, 8}, "b"}, {dlType{0, 16}, "h"}, {dlType{0, 32}, "i"}, {dlType{0, 64}, "q"},
	{dlType{1, 8}, "B"}, {dlType{1, 16}, "H"}, {dlType{1, 32}, "I"}, {dlType{1, 64}, "Q"},
	{dlType{2, 16}, "e"}, {dlType{2, 32}, "f"}, {dlType{2, 64}, "d"},
	{dlType{5, 64}, "Zf"}, {dlType{5, 128}, "Zd"},
}

// dlOtherTypes are data types it refuses: bfloat16, opaque handles,
// sizes without a format, unknown codes.
var dlOtherTypes = [16]dlType{
	{4, 16}, {3, 64}, {2, 8}, {2, 128}, {0, 128}, {1, 4}, {6, 16}, {6, 1},
	{5, 32}, {5, 0}, {9, 32}, {0, 0}, {7, 64}, {0, 24}, {2, 255}, {255, 8},
}

// dlTypeFormat returns the native format of a supported data type.
func dlTypeFormat(t dlType) (string, bool) {
	for _, x := range dlTypes {
		if x.t == t {
			return x.format, true
		}
	}
	return "", false
}

// dlInput is a decoded import input: the tensor's fields, the length of
// its C buffer, where in the buffer the data pointer points (-1: NULL),
// and the seed of the buffer's contents.
type dlInput struct {
	f     dlfuzz.Fields
	n, at int
	seed  byte
}

// decodeDLTensor decodes an import input; dlSeed.bytes writes one.
func decodeDLTensor(s *src) dlInput {
	var in dlInput
	f := &in.f
	f.Legacy = s.n(4) == 0
	if b := s.u8(); b >= 0xf8 {
		f.Major, f.Minor = [8]uint32{0, 2, 3, math.MaxUint32, 1 << 31, 0, 2, 1 << 16}[b&7], uint32(b)
	} else {
		f.Major, f.Minor = 1, uint32(b&3)
	}
	b := s.u8()
	f.Flags = uint64(b & 3) // read-only, is-copied
	if b >= 0x80 {
		f.Flags |= uint64(b)<<56 | 4 // reserved bits, which a consumer ignores
	}
	if f.Legacy {
		f.Major, f.Minor, f.Flags = 0, 0, 0 // the legacy struct has none
	}
	switch b := s.u8(); {
	case b >= 0xf8:
		f.DeviceType = [8]int32{0, 2, 3, 4, 7, 13, -1, math.MinInt32}[b&7]
	case b >= 0xf0:
		f.DeviceType, f.DeviceID = 1, [8]int32{-1, math.MaxInt32, math.MinInt32, 7, 1 << 16, 2, 3, 255}[b&7]
	default:
		f.DeviceType, f.DeviceID = 1, int32(b&1)
	}
	if b := s.u8(); b >= 0xe0 {
		f.Code, f.Bits = dlOtherTypes[b&15].code, dlOtherTypes[b&15].bits
	} else {
		x := dlTypes[int(b)%len(dlTypes)].t
		f.Code, f.Bits = x.code, x.bits
	}
	f.Lanes = 1
	if b := s.u8(); b >= 0xf8 {
		f.Lanes = [8]uint16{0, 2, 3, 4, 16, math.MaxUint16, 1 << 15, 256}[b&7]
	}
	switch b := s.u8(); b {
	case 0xff:
		f.NDim = ndview.MaxDims + 1
	case 0xfe:
		f.NDim = ndview.MaxDims
	case 0xfd:
		f.NDim = -1
	case 0xfc:
		f.NDim = math.MinInt32
	case 0xfb:
		f.NDim = math.MaxInt32
	case 0xfa:
		f.NDim = dlfuzz.MaxArray
	default:
		f.NDim = int32(b % 8)
	}
	// The arrays have as many entries as ndim says (DLPack trusts it),
	// up to dlfuzz.MaxArray; past the eighth, extents are 1.
	k := min(max(int(f.NDim), 0), dlfuzz.MaxArray)
	dims := make([]int, k) // the extents, for contiguous strides
	for i := range dims {
		dims[i] = 1
	}
	if s.n(16) != 0 {
		f.Shape = make([]int64, k)
		for i := range f.Shape {
			f.Shape[i] = 1
			if i < 8 {
				f.Shape[i] = int64(s.extent())
			}
			dims[i] = int(f.Shape[i])
		}
	}
	switch s.n(4) {
	case 0: // NULL strides: row-major
	case 1:
		f.Strides = toInt64s(cStrides(dims, 1))
	case 2:
		f.Strides = toInt64s(fStrides(dims, 1))
	default:
		f.Strides = make([]int64, k)
		for i := range min(k, 8) {
			f.Strides[i] = int64(s.stride(1)) // in elements: -16..15, raw steps -12..11, extremes
		}
	}

	// Where the bytes go. Fitted, the described bytes lie in the buffer,
	// with slack around them, and element 0's position is split between
	// the data pointer and byte_offset; raw, the buffer, the data
	// pointer and byte_offset are the input's.
	l := dlModel(*f)
	nullData := s.n(16) == 0
	fit := s.n(4) != 0
	switch {
	case fit && l.refused == "" && l.empty:
		in.n = s.n(64)
		in.at = s.n(in.n + 1)
		f.ByteOffset = uint64(int64(s.small()))
	case fit && l.refused == "" && new(big.Int).Sub(l.hi, l.lo).Cmp(big.NewInt(maxBuf)) <= 0:
		lo, span := int(l.lo.Int64()), int(new(big.Int).Sub(l.hi, l.lo).Int64())
		slack := s.n(16)
		in.n = span + slack
		p0 := -lo + s.n(slack+1) // element 0
		switch s.n(4) {
		case 0:
			in.at = p0
		case 1:
			in.at = 0
		case 2:
			in.at = s.u16() % (p0 + 1)
		default:
			in.at = p0 &^ 63 // an aligned data pointer, as DLPack asks
		}
		f.ByteOffset = uint64(p0 - in.at)
	default:
		in.n = s.u16() % (maxBuf + 1)
		in.at = s.u16() % (in.n + 1)
		if b := s.u8(); b >= 0xf8 {
			f.ByteOffset = [8]uint64{math.MaxUint64, 1 << 63, math.MaxInt64, 1 << 62, 1 << 32, 1<<64 - 8, 1<<64 - 1<<40, 1<<63 + 1}[b&7]
		} else {
			f.ByteOffset = uint64(b)<<4 | uint64(s.u8()&15)
		}
	}
	if nullData {
		in.at = -1
	}
	in.seed = s.u8()
	return in
}

func toInt64s(a []int) []int64 {
	out := make([]int64, len(a))
	for i, x := range a {
		out[i] = int64(x)
	}
	return out
}

// dlLayout is the model of what a tensor's fields describe, from
// DLPack's rules and ffi's documentation, in exact arithmetic.
type dlLayout struct {
	refused        string // why ImportDLPack must refuse the fields, or ""
	tooBig         bool   // itemsize times the non-zero extents overflows an int
	format         string
	item           int
	shape, strides []int // strides in bytes
	empty          bool
	lo, hi         *big.Int // the bytes the elements span, from element 0 (non-empty)
}

var maxIntBig = big.NewInt(math.MaxInt)

// dlModel models the fields alone, before any address: what is refused
// whatever the memory.
func dlModel(f dlfuzz.Fields) dlLayout {
	var l dlLayout
	format, ok := dlTypeFormat(dlType{f.Code, f.Bits})
	nd := int(f.NDim)
	switch {
	case !f.Legacy && f.Major != 1:
		l.refused = fmt.Sprintf("major version %d", f.Major)
	case f.DeviceType != 1:
		l.refused = fmt.Sprintf("device type %d", f.DeviceType)
	case f.Lanes != 1:
		l.refused = fmt.Sprintf("%d lanes", f.Lanes)
	case !ok:
		l.refused = fmt.Sprintf("data type %d/%d", f.Code, f.Bits)
	case nd < 0 || nd > ndview.MaxDims:
		l.refused = fmt.Sprintf("ndim %d", nd)
	case nd > 0 && f.Shape == nil:
		l.refused = "NULL shape"
	}
	if l.refused != "" {
		return l
	}
	l.format, l.item = format, int(f.Bits/8)
	l.shape, l.strides = make([]int, nd), make([]int, nd)
	for i := range nd {
		if f.Shape[i] < 0 {
			l.refused = fmt.Sprintf("negative extent %d", f.Shape[i])
			return l
		}
		l.shape[i] = int(f.Shape[i])
	}
	acc := big.NewInt(int64(l.item))
	for i := nd - 1; i >= 0; i-- {
		st := new(big.Int).Set(acc) // NULL strides: row-major
		if f.Strides != nil {
			st.Mul(big.NewInt(f.Strides[i]), big.NewInt(int64(l.item)))
		}
		if !st.IsInt64() {
			l.refused = fmt.Sprintf("byte stride %v overflows", st)
			return l
		}
		l.strides[i] = int(st.Int64())
		acc.Mul(acc, big.NewInt(int64(max(l.shape[i], 1))))
	}
	l.tooBig = tooBig(l.shape, l.item)
	l.empty = slices.Contains(l.shape, 0)
	if l.empty {
		if l.tooBig {
			l.refused = "the extents overflow"
		}
		return l
	}
	l.lo, l.hi = new(big.Int), big.NewInt(int64(l.item))
	for i, e := range l.shape {
		d := new(big.Int).Mul(big.NewInt(int64(e-1)), big.NewInt(int64(l.strides[i])))
		if d.Sign() < 0 {
			l.lo.Add(l.lo, d)
		} else {
			l.hi.Add(l.hi, d)
		}
	}
	return l
}

// addressSpace is 2^(bits of a pointer): no byte is at or above it.
var addressSpace = new(big.Int).Lsh(big.NewInt(1), 8*uint(unsafe.Sizeof(uintptr(0))))

// place models a non-empty tensor with valid fields at its data pointer
// and byte_offset: refused with the reason when the bytes cannot be
// counted in an int or fall outside the address space (below address 1
// or past the top: such a range is no memory, and a Go slice cannot
// hold it). touches is true when all of that is fine and the import may
// form a pointer into the memory; addr is element 0's address.
func (l dlLayout) place(data uintptr, byteOffset uint64) (refused string, touches bool, addr *big.Int) {
	if data == 0 {
		return "NULL data with elements", false, nil
	}
	span := new(big.Int).Sub(l.hi, l.lo)
	if span.Cmp(maxIntBig) > 0 {
		return fmt.Sprintf("a span of %v bytes", span), false, nil
	}
	if start := new(big.Int).Add(new(big.Int).SetUint64(byteOffset), l.lo); !start.IsInt64() {
		return fmt.Sprintf("byte_offset %d plus %v", byteOffset, l.lo), false, nil
	}
	addr = new(big.Int).Add(new(big.Int).SetUint64(uint64(data)), new(big.Int).SetUint64(byteOffset))
	first, end := new(big.Int).Add(addr, l.lo), new(big.Int).Add(addr, l.hi)
	if first.Sign() <= 0 || end.Cmp(addressSpace) > 0 {
		return fmt.Sprintf("bytes [%#x, %#x) outside the address space", first, end), false, nil
	}
	if l.tooBig {
		return "the extents overflow", true, addr
	}
	return "", true, addr
}

// inside reports whether the bytes around element 0 at addr lie in the n
// bytes at base.
func (l dlLayout) inside(addr *big.Int, base uintptr, n int) bool {
	b := new(big.Int).SetUint64(uint64(base))
	first, end := new(big.Int).Add(addr, l.lo), new(big.Int).Add(addr, l.hi)
	return first.Cmp(b) >= 0 && end.Cmp(b.Add(b, big.NewInt(int64(n)))) <= 0
}

func describeDL(f dlfuzz.Fields, at, n int) string {
	data := fmt.Sprintf("buffer+%d", at)
	if at < 0 {
		data = "NULL"
	}
	kind := fmt.Sprintf("versioned %d.%d flags %#x", f.Major, f.Minor, f.Flags)
	if f.Legacy {
		kind = "legacy"
	}
	return fmt.Sprintf("%s device %d/%d dtype %d/%d×%d ndim %d shape %v strides %v data %s of %d bytes byte_offset %#x",
		kind, f.DeviceType, f.DeviceID, f.Code, f.Bits, f.Lanes, f.NDim, f.Shape, f.Strides, data, n, f.ByteOffset)
}

// checkDLImport imports a tensor from the fuzzer's fields; see
// FuzzDLPack.
func checkDLImport(t *testing.T, s *src) {
	in := decodeDLTensor(s)
	tn := dlfuzz.New(in.f, in.n, in.at)
	t.Cleanup(tn.Free) // after the imported Memory's cleanup
	buf := tn.Buffer()
	fillBytes(buf, in.seed)
	f, data, base := tn.Fields(), tn.Data(), tn.Addr()
	what := describeDL(f, in.at, in.n)
	release := func() {
		if f.Legacy {
			ffi.ReleaseDLPackLegacy(tn.Ptr())
		} else {
			ffi.ReleaseDLPack(tn.Ptr())
		}
	}

	l := dlModel(f)
	refused, touches, addr := l.refused, false, (*big.Int)(nil)
	if refused == "" && !l.empty {
		refused, touches, addr = l.place(data, f.ByteOffset)
	}
	if touches && !l.inside(addr, base, in.n) {
		// Valid fields describing memory that is not there: DLPack's
		// consumer must believe the producer, so it is not imported.
		release()
		checkDeleted(t, tn, "ReleaseDLPack")
		return
	}

	o := ffi.Outstanding()
	m, err := importDL(t, tn.Ptr(), f.Legacy, what)
	if got := tn.Fields(); !reflect.DeepEqual(got, f) || tn.Data() != data {
		t.Errorf("the import changed the tensor's fields to %s\nwas %s", describeDL(got, int(tn.Data()-base), in.n), what)
	}
	if refused != "" {
		if m != nil {
			t.Errorf("import of %s succeeded; want ErrDLPack for %s", what, refused)
			m.Free()
			checkDeleted(t, tn, "Free")
			return
		}
		if !errors.Is(err, ffi.ErrDLPack) {
			t.Errorf("import of %s (%s): error %v does not match ErrDLPack", what, refused, err)
		}
		if d := tn.Deletions(); d != 0 {
			t.Errorf("a refused import of %s ran the deleter %d times; the caller keeps the tensor", what, d)
		}
		if n := ffi.Outstanding(); n != o {
			t.Errorf("Outstanding() = %d after a refused import, was %d", n, o)
		}
		release() // the caller's duty
		checkDeleted(t, tn, "ReleaseDLPack after a refused import")
		return
	}
	if err != nil {
		release()
		t.Fatalf("import of %s: %v", what, err)
	}
	t.Cleanup(m.Free)
	if n := ffi.Outstanding(); n != o+1 {
		t.Errorf("Outstanding() = %d with an import live, was %d", n, o)
	}
	v, err := m.View()
	if err != nil {
		t.Fatalf("View of a live import: %v", err)
	}
	ro := !f.Legacy && f.Flags&1 != 0
	if v.ItemFormat().String() != l.format || v.ItemSize() != l.item || !slices.Equal(v.Shape(), l.shape) ||
		!slices.Equal(v.Strides(), l.strides) || v.ReadOnly() != ro {
		t.Fatalf("import of %s = %s; want format %q shape %v strides %v read-only %v",
			what, describe(v), l.format, l.shape, l.strides, ro)
	}
	if l.empty {
		if v.Len() != 0 {
			t.Errorf("import of the empty %s has %d elements", what, v.Len())
		}
	} else {
		checkDLElements(t, v, l, int(new(big.Int).Sub(addr, new(big.Int).SetUint64(uint64(base))).Int64()), buf, what)
	}
	if d := tn.Deletions(); d != 0 {
		t.Errorf("the deleter ran %d times before Free", d)
	}
	m.Free()
	checkDeleted(t, tn, "Free")
	if n := ffi.Outstanding(); n != o {
		t.Errorf("Outstanding() = %d after Free, was %d", n, o)
	}
	if _, err := m.View(); !errors.Is(err, ffi.ErrReleased) {
		t.Errorf("View after Free: %v, want ErrReleased", err)
	}
	m.Free()
	if d := tn.Deletions(); d != 1 {
		t.Errorf("the deleter ran %d times after Free, Free", d)
	}
}

// checkDLElements checks an imported non-empty view against the model:
// element 0 is at buf[off0], each element at the address computed from
// the strides, the view's buffer within the bytes the tensor describes.
func checkDLElements(t *testing.T, v ndview.View, l dlLayout, off0 int, buf []byte, what string) {
	t.Helper()
	base := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
	vb := v.Buffer()
	first, end := off0+int(l.lo.Int64()), off0+int(l.hi.Int64())
	if vs := int(uintptr(unsafe.Pointer(unsafe.SliceData(vb))) - base); len(vb) == 0 || vs < first || vs+len(vb) > end {
		t.Fatalf("import of %s: the view's buffer is %d bytes at buffer+%d, outside the tensor's bytes [%d, %d)",
			what, len(vb), vs, first, end)
	}
	for _, idx := range dlIndices(l.shape) {
		o := off0
		for i, k := range idx {
			o += k * l.strides[i]
		}
		got := v.Item(idx...)
		if a := int(uintptr(unsafe.Pointer(&got[0])) - base); a != o {
			t.Fatalf("import of %s: element %v at buffer+%d, want buffer+%d", what, idx, a, o)
		}
	}
	if offs := offsets(off0, l.shape, l.strides, false); offs != nil {
		if got, want := v.ToBytes(ndview.COrder), gather(buf, offs, l.item); !bytes.Equal(got, want) {
			t.Fatalf("import of %s: ToBytes = %x, the buffer holds %x", what, got, want)
		}
	}
	// Read-only is enforced; a writable view takes a write.
	zero := make([]int, len(l.shape))
	x, err := v.Value(zero...)
	if err != nil {
		t.Fatalf("import of %s: Value: %v", what, err)
	}
	err = v.SetValue(x, zero...)
	if v.ReadOnly() != errors.Is(err, ndview.ErrReadOnly) || !v.ReadOnly() && err != nil {
		t.Fatalf("import of %s (read-only %v): SetValue: %v", what, v.ReadOnly(), err)
	}
}

// dlIndices returns every index of shape when there are at most maxElems,
// otherwise the first, the last, and the last along each axis.
func dlIndices(shape []int) [][]int {
	if n := elems(shape); n >= 0 {
		out := make([][]int, n)
		for k := range n {
			out[k] = unravel(k, shape)
		}
		return out
	}
	zero, last := make([]int, len(shape)), make([]int, len(shape))
	out := [][]int{zero, last}
	for i, e := range shape {
		last[i] = e - 1
		x := make([]int, len(shape))
		x[i] = e - 1
		out = append(out, x)
	}
	return out
}

// importDL imports p, a panic failing the test with the input.
func importDL(t *testing.T, p unsafe.Pointer, legacy bool, what string) (m *ffi.Memory, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("import of %s panicked: %v", what, r)
		}
	}()
	if legacy {
		return ffi.ImportDLPackLegacy(p)
	}
	return ffi.ImportDLPack(p)
}

// checkDeleted checks that the deleter has run exactly once, on the
// tensor.
func checkDeleted(t *testing.T, tn *dlfuzz.Tensor, after string) {
	t.Helper()
	if d := tn.Deletions(); d != 1 {
		t.Errorf("the deleter ran %d times after %s, want once", d, after)
	} else if tn.DeletedSelf() != tn.Ptr() {
		t.Errorf("the deleter ran on %p after %s, want the tensor %p", tn.DeletedSelf(), after, tn.Ptr())
	}
}

// dlExportFormats are the formats the round trip builds views of, with
// the data type ExportDLPack gives them: order 0 for any machine, '<' or
// '>' for machines of that byte order only, 'x' for none.
var dlExportFormats = []struct {
	format string
	order  byte
	t      dlType
}{
	{"?", 0, dlType{6, 8}}, {"b", 0, dlType{0, 8}}, {"h", 0, dlType{0, 16}}, {"i", 0, dlType{0, 32}},
	{"q", 0, dlType{0, 64}}, {"B", 0, dlType{1, 8}}, {"H", 0, dlType{1, 16}}, {"I", 0, dlType{1, 32}},
	{"Q", 0, dlType{1, 64}}, {"e", 0, dlType{2, 16}}, {"f", 0, dlType{2, 32}}, {"d", 0, dlType{2, 64}},
	{"Zf", 0, dlType{5, 64}}, {"Zd", 0, dlType{5, 128}},
	{"=h", 0, dlType{0, 16}}, {"@I", 0, dlType{1, 32}}, {"=l", 0, dlType{0, 32}}, {"l", 0, dlType{0, 64}},
	{"n", 0, dlType{0, 64}}, {"N", 0, dlType{1, 64}}, {">b", 0, dlType{0, 8}}, {"<?", 0, dlType{6, 8}},
	{"<d", '<', dlType{2, 64}}, {"<e", '<', dlType{2, 16}}, {"<Zf", '<', dlType{5, 64}},
	{">d", '>', dlType{2, 64}}, {"!i", '>', dlType{0, 32}}, {">Zd", '>', dlType{5, 128}},
	{"T{<d:x:}", 'x', dlType{}}, {"3s", 'x', dlType{}}, {"c", 'x', dlType{}}, {"dd", 'x', dlType{}},
	{"2h", 'x', dlType{}},
}

var dlExportFormatStrings = func() []string {
	var out []string
	for _, e := range dlExportFormats {
		out = append(out, e.format)
	}
	return out
}()

// nativeOrder is '<' or '>'.
var nativeOrder = map[bool]byte{true: '<', false: '>'}[binary.NativeEndian.Uint16([]byte{1, 0}) == 1]

// checkDLRoundTrip exports a view from the fuzzer and imports it back;
// see FuzzDLPack.
func checkDLRoundTrip(t *testing.T, s *src) {
	c := decodeLayoutOf(s, true, dlExportFormatStrings)
	inC, legacy, drop := s.n(2) == 0, s.n(4) == 0, s.n(8) == 0
	if c.l.Format == nil {
		return
	}
	buf := c.buf
	if inC {
		cb := dlfuzz.Malloc(len(buf))
		t.Cleanup(func() { dlfuzz.FreeBytes(cb) }) // after the Memory's cleanup
		copy(cb, buf)
		buf = cb
	}
	v, err := ndview.FromLayout(buf, c.l)
	if err != nil {
		return // FuzzView's business
	}
	e := dlExportFormats[slices.Index(dlExportFormatStrings, c.fmtstr)]
	item := v.ItemSize()
	ok := e.order == 0 || e.order == nativeOrder
	for i := range v.NDim() {
		ok = ok && v.Stride(i)%item == 0
	}
	ok = ok && !(legacy && v.ReadOnly())
	export, imp, release := ffi.ExportDLPack, ffi.ImportDLPack, ffi.ReleaseDLPack
	if legacy {
		export, imp, release = ffi.ExportDLPackLegacy, ffi.ImportDLPackLegacy, ffi.ReleaseDLPackLegacy
	}
	what := fmt.Sprintf("%s (legacy %v, C memory %v)", describe(v), legacy, inC)

	o := ffi.Outstanding()
	p, err := export(v)
	if !ok {
		if p != nil {
			release(p)
			t.Fatalf("export of %s: a tensor, want ErrDLPack", what)
		}
		if !errors.Is(err, ffi.ErrDLPack) {
			t.Fatalf("export of %s: %v, want ErrDLPack", what, err)
		}
		if n := ffi.Outstanding(); n != o {
			t.Fatalf("Outstanding() = %d after a refused export, was %d", n, o)
		}
		return
	}
	if err != nil {
		t.Fatalf("export of %s: %v", what, err)
	}

	// The tensor's fields are the view's.
	got, data, deleter := dlfuzz.Read(p, legacy)
	want := dlfuzz.Fields{Legacy: legacy, DeviceType: 1, Code: e.t.code, Bits: e.t.bits, Lanes: 1, NDim: int32(v.NDim())}
	if !legacy {
		want.Major, want.Minor = 1, 1
		if v.ReadOnly() {
			want.Flags = 1
		}
	}
	shape, strides := toInt64s(v.Shape()), toInt64s(v.Strides())
	for i := range strides {
		strides[i] /= int64(item)
	}
	gotShape, gotStrides := got.Shape, got.Strides
	got.Shape, got.Strides = nil, nil
	if !reflect.DeepEqual(got, want) || !slices.Equal(gotShape, shape) || !slices.Equal(gotStrides, strides) || !deleter {
		t.Errorf("export of %s: %+v shape %v strides %v deleter %v; want %+v shape %v strides %v",
			what, got, gotShape, gotStrides, deleter, want, shape, strides)
	}
	if v.Len() > 0 {
		if a := uintptr(unsafe.Pointer(&v.Item(make([]int, v.NDim())...)[0])); data != a {
			t.Errorf("export of %s: data %#x, want element 0 at %#x", what, data, a)
		}
	}
	if n := ffi.Outstanding(); n != o+1 {
		t.Errorf("Outstanding() = %d with an export live, was %d", n, o)
	}
	if drop {
		release(p)
		if n := ffi.Outstanding(); n != o {
			t.Errorf("Outstanding() = %d after the release of an export, was %d", n, o)
		}
		return
	}

	m, err := imp(p)
	if err != nil {
		release(p)
		t.Fatalf("import of the export of %s: %v", what, err)
	}
	t.Cleanup(m.Free)
	w, err := m.View()
	if err != nil {
		t.Fatal(err)
	}
	format, _ := dlTypeFormat(e.t)
	if w.ItemFormat().String() != format || w.ItemSize() != item || !slices.Equal(w.Shape(), v.Shape()) ||
		!slices.Equal(w.Strides(), v.Strides()) || w.ReadOnly() != v.ReadOnly() {
		t.Fatalf("import of the export of %s = %s, want format %q", what, describe(w), format)
	}
	for _, idx := range dlIndices(v.Shape()) {
		if a, b := &w.Item(idx...)[0], &v.Item(idx...)[0]; a != b {
			t.Fatalf("import of the export of %s: element %v at %p, the view's at %p", what, idx, a, b)
		}
	}
	if elems(v.Shape()) >= 0 && !bytes.Equal(w.ToBytes(ndview.COrder), v.ToBytes(ndview.COrder)) {
		t.Fatalf("import of the export of %s: other bytes", what)
	}
	if n := ffi.Outstanding(); n != o+2 {
		t.Errorf("Outstanding() = %d with an export and its import live, was %d", n, o)
	}
	m.Free()
	m.Free()
	if n := ffi.Outstanding(); n != o {
		t.Errorf("Outstanding() = %d after Free of the import, was %d (did the deleter run?)", n, o)
	}
}

// dlSeed is an import input for FuzzDLPack, field by field as
// decodeDLTensor reads them.
type dlSeed struct {
	legacy    bool
	version   byte // below 0xf8: 1.(b&3); 0xf8 and above: another major version
	flags     byte // bit 0 read-only, bit 1 is-copied; 0x80 and above: reserved bits too
	device    byte // below 0xf0: CPU, id b&1; 0xf0-0xf7: CPU with an odd id; 0xf8 and above: other devices
	dtype     string
	other     byte // with dtype "": the data type dlOtherTypes[other]
	lanes     byte // below 0xf8: 1
	ndim      byte // 0-7, or 0xfa-0xff for 70, MaxInt32, MinInt32, -1, 64, 65
	nullShape bool
	extents   []byte // for src.extent (ext, x1e62, ...)
	strides   byte   // 0 NULL, 1 C order, 2 Fortran order, 3 raw
	raw       []byte // with strides 3: for src.stride with itemsize 1 (items, extremes)
	nullData  bool
	place     []byte // fitPlace, emptyPlace or rawPlace
	fill      byte
}

func (d dlSeed) bytes() []byte {
	b := []byte{0, 1}
	if d.legacy {
		b[1] = 0
	}
	dt := 0xe0 + d.other
	for i, x := range dlTypes {
		if x.format == d.dtype {
			dt = byte(i)
		}
	}
	// The decoder reads an extent and a raw stride for each of the first
	// eight dimensions: pad (with 1s) or cut to that.
	k := map[byte]int{0xff: ndview.MaxDims + 1, 0xfe: ndview.MaxDims, 0xfd: 0, 0xfc: 0, 0xfb: 8, 0xfa: 8}[d.ndim]
	if d.ndim < 0xfa {
		k = int(d.ndim % 8)
	}
	k = min(k, 8)
	pad := func(a []byte) []byte {
		a = slices.Clone(a[:min(len(a), k)])
		for len(a) < k {
			a = append(a, 1)
		}
		return a
	}
	b = append(b, d.version, d.flags, d.device, dt, d.lanes, d.ndim, 1)
	if d.nullShape {
		b[len(b)-1] = 0
	} else {
		b = append(b, pad(d.extents)...)
	}
	b = append(b, d.strides)
	if d.strides == 3 {
		b = append(b, pad(d.raw)...)
	}
	if d.nullData {
		b = append(b, 0)
	} else {
		b = append(b, 1)
	}
	b = append(b, d.place...)
	return append(b, d.fill)
}

// fitPlace puts the described bytes into the buffer with slack bytes to
// spare, pos of them before, element 0's position in the data pointer
// (split 0), in byte_offset (1), or 64-byte aligned data and the rest in
// byte_offset (3).
func fitPlace(slack, pos, split byte) []byte { return []byte{1, slack, pos, split} }

// emptyPlace places an empty tensor: an n-byte buffer, data at at,
// byte_offset small(bo).
func emptyPlace(n, at byte, bo int) []byte { return []byte{1, n, at, small(bo)} }

// rawPlace is an n-byte buffer, data at at, and byte_offset bo (below
// 0xf8: bo<<4, else an extreme: 0xf8 2^64-1, 0xf9 2^63, 0xfa 2^63-1,
// 0xfb 2^62, 0xfc 2^32, 0xfd 2^64-8, 0xfe 2^64-2^40, 0xff 2^63+1).
func rawPlace(n, at uint16, bo byte) []byte {
	b := []byte{0, byte(n >> 8), byte(n), byte(at >> 8), byte(at), bo}
	if bo < 0xf8 {
		b = append(b, 0) // the low nibble
	}
	return b
}

// dlpackSeeds are FuzzDLPack's seeds: imports of valid tensors of every
// data type and layout, and of each kind of refusal; round trips of
// views of every exportable format and of refused ones.
func dlpackSeeds() [][]byte {
	ok := func(dtype string, ext []byte, strides byte, raw ...byte) dlSeed {
		return dlSeed{version: 1, dtype: dtype, ndim: byte(len(ext)), extents: ext, strides: strides, raw: raw, place: fitPlace(0, 0, 0), fill: 7}
	}
	with := func(d dlSeed, change func(*dlSeed)) dlSeed { change(&d); return d }
	seeds := []dlSeed{
		// C order, Fortran order, NULL strides, negative strides.
		ok("d", []byte{2, 3}, 1),
		with(ok("i", []byte{3, 4}, 2), func(d *dlSeed) { d.place = fitPlace(3, 1, 1) }),
		with(ok("H", []byte{2, 3}, 0), func(d *dlSeed) { d.place = fitPlace(5, 5, 3) }),
		ok("f", []byte{3, 4}, 3, items(-4, -1)...),
		ok("q", []byte{3, 4}, 3, items(1, -3)...),
		// zero strides (a broadcast), an unaligned data pointer, read-only.
		ok("Zd", []byte{3, 2}, 3, items(0, 1)...),
		with(ok("d", []byte{2, 3}, 1), func(d *dlSeed) { d.place = append(fitPlace(7, 3, 2), 0, 3) }),
		with(ok("h", []byte{4, 2}, 1), func(d *dlSeed) { d.flags = 1 }),
		with(ok("h", []byte{4, 2}, 1), func(d *dlSeed) { d.flags = 0x83 }),
		with(ok("h", []byte{4, 2}, 1), func(d *dlSeed) { d.legacy = true }),
		with(ok("B", []byte{5}, 1), func(d *dlSeed) { d.device = 0xf1 }), // CPU id MaxInt32: ignored
		// 0-d, and 0-d with a non-NULL shape and strides.
		with(ok("d", nil, 0), func(d *dlSeed) { d.nullShape = true }),
		ok("e", nil, 1),
		// empty: NULL data, any byte_offset.
		with(ok("d", []byte{0, 3}, 0), func(d *dlSeed) { d.nullData, d.place = true, emptyPlace(0, 0, -3) }),
		with(ok("i", []byte{3, 0}, 3, xNegOne, xMinInt), func(d *dlSeed) { d.place = emptyPlace(9, 3, 10) }),
		// 64 dimensions; huge extents over zero strides.
		with(ok("b", nil, 1), func(d *dlSeed) { d.ndim, d.extents = 0xfe, []byte{2, 3, 1, 2, 1, 1, 1, 2} }),
		ok("b", []byte{x1e31, x1e31}, 3, items(0, 0)...),
		// a stride of 2^62 elements of a 1-element dimension.
		ok("B", []byte{1, 3}, 3, x1e32, 1),

		// Refusals: version, device, lanes, data types, ndim, NULL shape.
		with(ok("d", []byte{2, 3}, 1), func(d *dlSeed) { d.version = 0xf9 }), // 2.x
		with(ok("d", []byte{2, 3}, 1), func(d *dlSeed) { d.version = 0xf8 }), // 0.x
		with(ok("d", []byte{2, 3}, 1), func(d *dlSeed) { d.device = 0xf9 }),  // CUDA
		with(ok("d", []byte{2, 3}, 1), func(d *dlSeed) { d.device = 0xfa }),  // CUDA host
		with(ok("d", []byte{2, 3}, 1), func(d *dlSeed) { d.lanes = 0xf9 }),   // 2 lanes
		with(ok("d", []byte{2, 3}, 1), func(d *dlSeed) { d.lanes = 0xf8 }),   // 0 lanes
		with(ok("", []byte{2, 3}, 1), func(d *dlSeed) { d.other = 0 }),       // bfloat16
		with(ok("", []byte{2, 3}, 1), func(d *dlSeed) { d.other = 1 }),       // opaque handle
		with(ok("", []byte{2, 3}, 1), func(d *dlSeed) { d.other = 4 }),       // int128
		with(ok("d", []byte{1}, 1), func(d *dlSeed) { d.ndim = 0xff }),       // 65
		with(ok("d", []byte{1}, 1), func(d *dlSeed) { d.ndim = 0xfd }),       // -1
		with(ok("d", []byte{1}, 1), func(d *dlSeed) { d.ndim = 0xfb }),       // MaxInt32
		with(ok("d", []byte{2, 3}, 1), func(d *dlSeed) { d.nullShape = true }),
		// negative extents; strides and implied strides that overflow.
		ok("d", []byte{2, xNegOne}, 0),
		ok("d", []byte{xMinInt, 3}, 1),
		ok("d", []byte{3, 2}, 3, xMaxInt, 1),
		ok("d", []byte{2, x1e62}, 0),
		// a span or element count too large for an int.
		ok("b", []byte{3, 3}, 3, x1e62, x1e62),
		ok("d", []byte{x1e62, x1e62}, 3, items(0, 0)...),
		// NULL data under elements, 0-d too.
		with(ok("d", []byte{2, 3}, 1), func(d *dlSeed) { d.nullData = true }),
		with(ok("d", nil, 0), func(d *dlSeed) { d.nullData = true }),
		// Bytes below address 0 (element 1 is 2^62 bytes before element
		// 0) and past the top of the address space (byte_offset 2^63-1,
		// then 2^63-8 more).
		with(ok("b", []byte{2}, 3, x1e62), func(d *dlSeed) { d.place = rawPlace(16, 0, 0) }),
		with(ok("b", []byte{2}, 3, xTooMany), func(d *dlSeed) { d.place = rawPlace(16, 0, 0xfa) }),
		// byte_offset past int64.
		with(ok("b", []byte{2}, 1), func(d *dlSeed) { d.place = rawPlace(16, 0, 0xf9) }),
	}
	for _, x := range dlTypes {
		seeds = append(seeds,
			ok(x.format, []byte{5}, 1),
			with(ok(x.format, []byte{2, 3}, 2), func(d *dlSeed) { d.legacy, d.place = true, append(fitPlace(9, 1, 2), 0, 1) }),
		)
	}
	var out [][]byte
	for _, d := range seeds {
		out = append(out, d.bytes())
	}

	// Round trips: lay's bytes over dlExportFormats, then Go (1) or C (0)
	// memory, versioned (1) or legacy (0), imported (1) or dropped (0).
	rt := func(format string, extents, strides []byte, ro bool, mem, legacy, drop byte) []byte {
		b := append([]byte{1}, layOf(dlExportFormatStrings, format, extents, strides, ro, fitted...)...)
		return append(b, mem, legacy, drop)
	}
	for _, e := range dlExportFormats {
		out = append(out, rt(e.format, []byte{3, 2}, nil, false, 1, 1, 1))
	}
	out = append(out,
		rt("d", []byte{3, 4}, nil, false, 0, 1, 1),
		rt("d", []byte{3, 4}, nil, false, 0, 0, 1),
		rt("i", []byte{4, 6}, items(-6, -1), false, 1, 1, 1),
		rt("f", []byte{4, 3}, items(1, 4), false, 0, 0, 1),
		rt("h", []byte{2, 3}, items(0, 1), false, 1, 1, 1),
		rt("q", []byte{2, 3}, nil, true, 1, 1, 1),
		rt("q", []byte{2, 3}, nil, true, 1, 0, 1), // legacy read-only: refused
		rt("Zd", nil, nil, false, 0, 1, 1),
		rt("Zf", []byte{0, 5}, nil, false, 1, 1, 1),
		rt("d", []byte{3}, []byte{raw(4)}, false, 1, 1, 1), // half-element strides: refused
		rt("B", []byte{ext(40), ext(30)}, nil, false, 0, 1, 1),
		rt("d", []byte{2, 2}, nil, false, 1, 1, 0),
	)
	return out
}

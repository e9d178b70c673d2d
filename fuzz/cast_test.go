package fuzz

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// castFormats are the formats FuzzCast casts from and to: every scalar size and
// byte order, records, sub-arrays, padding, formats without bytes, an
// opaque code, and format strings that do not parse (or overflow).
var castFormats = []string{
	"B", "b", "c", "?", "<h", ">H", "h", "i", "@i", "<i", ">i", "<l", "l", "=q", "<q", ">Q", "q", "n", "N", "P",
	"e", "<e", "f", ">f", "d", "<d", ">d", "=d", "Zf", "<Zf", "Zd", ">Zd", "3s", "5p", "16s", "2h",
	"4B", "2d", "(2,3)h", "<hd", "@hd", "T{<i:a:>d:b:}", "T{h:x:(2)B:y:}", "T{b:a:xxxH:b:}",
	"4x", "x", "O", "", "0s", "T{}", "(100000)0s",
	"T{", "&i", "X{}", "(2,i", "<n", "i?garbage", "99999999999999999999s", "9223372036854775807s2d",
}

// FuzzCast: To (and ToFormat) and LastAxis (and LastAxisFormat) of any
// view — a layout decoded from the input, or the zero View when the
// layout is invalid — to any format, with any shape (none, with a -1,
// with several, with negative, huge or too many extents), never panic
// and succeed exactly when an independent model says they must: To when
// the view is C-contiguous and its bytes divide into the shape's items
// (of at most MaxDims dimensions), LastAxis when the item sizes are
// equal or the last axis is contiguous (of extent 1, or the view empty)
// and its bytes divide, the result's layout being valid either way (as
// layoutValid decides). A result is exactly the model's layout over the
// same buffer: same first byte, same read-only flag, every element
// inside the buffer (Span), the same bytes in C order, and casting back
// to the original format (and shape) gives back the original layout
// (strides where the extent is more than 1, the offset when there are
// elements). Errors match the sentinels of the conditions that fail (a
// nil format is ErrType). Slice and ReadOnlySlice (for every Go number
// type), SliceOf, ViewOf and BytesOf over the view and the result
// succeed exactly when the format, byte order, contiguity, alignment and
// read-only flag allow, and give the view's own memory.
func FuzzCast(f *testing.F) {
	addConformanceSeedsFuzzCast(f)
	for _, seed := range castSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &src{data}
		c := decodeLayoutOf(s, s.n(2) == 0, castFormats)
		fs := decodeCastFormat(s, c)
		op := s.u8()
		lastAxis := op&1 != 0
		var shape []int
		if !lastAxis {
			shape = decodeCastShape(s)
		}
		deep := op&2 != 0 // checkView on small results
		v, err := ndview.FromLayout(c.buf, c.l)
		if err != nil {
			v = ndview.View{}
		}
		checkCastSlices(t, v)

		if _, err := cast.ToFormat(v, nil, shape...); !errors.Is(err, cast.ErrType) {
			t.Fatalf("ToFormat(%s, nil): %v, want ErrType", describe(v), err)
		}
		if _, err := cast.LastAxisFormat(v, nil); !errors.Is(err, cast.ErrType) {
			t.Fatalf("LastAxisFormat(%s, nil): %v, want ErrType", describe(v), err)
		}

		pf, perr := format.Parse(fs)
		for _, parsed := range []bool{false, true} {
			if parsed && perr != nil {
				continue
			}
			var w ndview.View
			var err error
			var what string
			switch {
			case lastAxis && parsed:
				w, err = cast.LastAxisFormat(v, pf)
				what = fmt.Sprintf("LastAxisFormat(%s, %q)", describe(v), fs)
			case lastAxis:
				w, err = cast.LastAxis(v, fs)
				what = fmt.Sprintf("LastAxis(%s, %q)", describe(v), fs)
			case parsed:
				w, err = cast.ToFormat(v, pf, shape...)
				what = fmt.Sprintf("ToFormat(%s, %q, %v)", describe(v), fs, shape)
			default:
				w, err = cast.To(v, fs, shape...)
				what = fmt.Sprintf("To(%s, %q, %v)", describe(v), fs, shape)
			}
			if perr != nil {
				if err == nil || !isFormatErr(err) {
					t.Fatalf("%s: %v, want the format error %v", what, err, perr)
				}
				continue
			}
			var want ndview.Layout
			var errs []error
			if lastAxis {
				want, errs = wantLastAxis(v, pf)
			} else {
				want, errs = wantTo(v, pf, shape)
			}
			if err != nil {
				if len(errs) == 0 {
					t.Fatalf("%s: %v, want %s", what, err, describeLayout(want, len(v.Buffer())))
				}
				if !matchesAny(err, errs) {
					t.Fatalf("%s: error %v matches none of %v", what, err, errs)
				}
				continue
			}
			if len(errs) > 0 {
				t.Fatalf("%s = %s, want an error matching one of %v", what, describe(w), errs)
			}
			checkCastResult(t, what, v, w, want, parsed)
			if deep && w.Len() <= 64 {
				checkView(t, w)
			}
			checkCastSlices(t, w)
			checkCastBack(t, what, v, w, lastAxis)
		}
	})
}

// decodeCastFormat picks a format string: one of castFormats, the view's
// own, or up to 15 raw bytes from the input.
func decodeCastFormat(s *src, c layoutCase) string {
	k := s.n(len(castFormats) + 2)
	switch {
	case k < len(castFormats):
		return castFormats[k]
	case k == len(castFormats):
		return c.fmtstr
	}
	b := make([]byte, s.n(16))
	for i := range b {
		b[i] = s.u8()
	}
	return string(b)
}

// decodeCastShape decodes To's shape: none; one to four extents, one of
// them -1; up to five extents (src.extent, so -1, negative and huge
// ones too); nine to twelve of them (beyond the eight kept on the
// stack); or MaxDims+1 extents of 1.
func decodeCastShape(s *src) []int {
	switch s.n(4) {
	case 0:
		return nil
	case 1:
		nd := s.n(4) + 1
		sh := make([]int, nd)
		at := s.n(nd)
		for i := range sh {
			if i == at {
				sh[i] = -1
			} else {
				sh[i] = s.extent()
			}
		}
		return sh
	}
	var sh []int
	switch b := s.u8(); b {
	case 0xff:
		sh = make([]int, ndview.MaxDims+1)
		for i := range sh {
			sh[i] = 1
		}
		sh[s.n(len(sh))] = -1
	case 0xfe:
		sh = make([]int, 9+s.n(4))
		for i := range sh {
			sh[i] = s.extent()
		}
	default:
		sh = make([]int, b%6)
		for i := range sh {
			sh[i] = s.extent()
		}
	}
	return sh
}

// isFormatErr reports whether err is one of the format package's parse
// errors.
func isFormatErr(err error) bool {
	return errors.Is(err, format.ErrSyntax) || errors.Is(err, format.ErrUnsupported) || errors.Is(err, format.ErrTooLarge)
}

func matchesAny(err error, errs []error) bool {
	for _, e := range errs {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// wantTo is the model of To(v, f, shape): the layout of the result, or
// the sentinels of every condition that fails (any of which To may
// report).
func wantTo(v ndview.View, f *format.Format, shape []int) (ndview.Layout, []error) {
	var errs []error
	size := f.Size()
	if !v.IsCContiguous() {
		errs = append(errs, cast.ErrNotContiguous)
	}
	if size == 0 {
		return ndview.Layout{}, append(errs, cast.ErrSize)
	}
	n := v.NBytes()
	var out []int
	if len(shape) == 0 {
		if n%size != 0 {
			return ndview.Layout{}, append(errs, cast.ErrSize)
		}
		out = []int{n / size}
	} else {
		if len(shape) > ndview.MaxDims {
			return ndview.Layout{}, append(errs, cast.ErrShape)
		}
		unknown := -1
		for i, e := range shape {
			switch {
			case e == -1 && unknown < 0:
				unknown = i
			case e < 0:
				return ndview.Layout{}, append(errs, cast.ErrShape)
			}
		}
		// Like NumPy, a shape whose bytes an int cannot count is refused
		// even when an extent is 0: the product of the others decides.
		known, nonzero := big.NewInt(1), big.NewInt(int64(size))
		for _, e := range shape {
			if e != -1 {
				known.Mul(known, big.NewInt(int64(e)))
			}
			if e > 0 {
				nonzero.Mul(nonzero, big.NewInt(int64(e)))
			}
		}
		if !nonzero.IsInt64() {
			return ndview.Layout{}, append(errs, cast.ErrCount)
		}
		if n%size != 0 {
			return ndview.Layout{}, append(errs, cast.ErrSize)
		}
		items, k := int64(n/size), known.Int64()
		out = slices.Clone(shape)
		switch {
		case unknown < 0 && k != items:
			return ndview.Layout{}, append(errs, cast.ErrCount)
		case unknown >= 0 && (k == 0 || items%k != 0):
			return ndview.Layout{}, append(errs, cast.ErrSize)
		case unknown >= 0:
			out[unknown] = int(items / k)
		}
	}
	want := ndview.Layout{Format: f, ItemSize: size, Shape: out, Strides: cStrides(out, size), Offset: v.Offset(), ReadOnly: v.ReadOnly()}
	if !layoutValid(layoutCase{buf: v.Buffer(), l: want}) {
		errs = append(errs, ndview.ErrLayout)
	}
	return want, errs
}

// wantLastAxis is the model of LastAxis(v, f).
func wantLastAxis(v ndview.View, f *format.Format) (ndview.Layout, []error) {
	size, item, nd := f.Size(), v.ItemSize(), v.NDim()
	if size == 0 {
		return ndview.Layout{}, []error{cast.ErrSize}
	}
	shape, strides := slices.Clone(v.Shape()), slices.Clone(v.Strides())
	if size != item {
		if nd == 0 {
			return ndview.Layout{}, []error{cast.ErrSize}
		}
		last := nd - 1
		if shape[last] > 1 && strides[last] != item && v.Len() > 0 {
			return ndview.Layout{}, []error{cast.ErrNotContiguous}
		}
		nb := shape[last] * item
		if nb%size != 0 {
			return ndview.Layout{}, []error{cast.ErrSize}
		}
		shape[last], strides[last] = nb/size, size
	}
	want := ndview.Layout{Format: f, ItemSize: size, Shape: shape, Strides: strides, Offset: v.Offset(), ReadOnly: v.ReadOnly()}
	if !layoutValid(layoutCase{buf: v.Buffer(), l: want}) {
		return want, []error{ndview.ErrLayout}
	}
	return want, nil
}

// checkCastResult checks a successful cast w of v against the model's
// layout: the same buffer, the layout (the very format when parsed), the
// elements inside the buffer over the same bytes, and those bytes.
func checkCastResult(t *testing.T, what string, v, w ndview.View, want ndview.Layout, parsed bool) {
	t.Helper()
	got := w.Layout()
	if got.Format == nil || got.Format.String() != want.Format.String() || parsed && got.Format != want.Format ||
		got.ItemSize != want.ItemSize || !slices.Equal(got.Shape, want.Shape) || !slices.Equal(got.Strides, want.Strides) ||
		got.Offset != want.Offset || got.ReadOnly != want.ReadOnly {
		t.Fatalf("%s = %s, want %s", what, describe(w), describeLayout(want, len(v.Buffer())))
	}
	vb, wb := v.Buffer(), w.Buffer()
	if len(vb) != len(wb) || cap(vb) != cap(wb) || len(vb) > 0 && &vb[0] != &wb[0] {
		t.Fatalf("%s: the result is over another buffer", what)
	}
	if w.NBytes() != v.NBytes() {
		t.Fatalf("%s: %d bytes, the view has %d", what, w.NBytes(), v.NBytes())
	}
	lo, hi := w.Span()
	if w.Len() == 0 {
		if v.Len() != 0 || lo != w.Offset() || hi != w.Offset() || lo < 0 || lo > len(wb) {
			t.Fatalf("%s: an empty result (of a view of %d elements) spans [%d, %d)", what, v.Len(), lo, hi)
		}
		return
	}
	if vlo, vhi := v.Span(); lo < 0 || hi > len(wb) || lo >= hi || lo != vlo || hi != vhi {
		t.Fatalf("%s: the result spans [%d, %d) of %d bytes, the view [%d, %d)", what, lo, hi, len(wb), vlo, vhi)
	}
	if n := elems(v.Shape()); n >= 0 && n*v.ItemSize() <= 1<<16 {
		if vc, wc := v.ToBytes(ndview.COrder), w.ToBytes(ndview.COrder); !bytes.Equal(vc, wc) {
			t.Fatalf("%s: bytes in C order\n got %x\nwant %x", what, wc, vc)
		}
	}
}

// checkCastBack casts w back to v's format (and, for To, v's shape) and
// checks that this gives v's layout: the same format, shape, read-only
// flag, and, when there are elements, offset and strides wherever the
// extent is more than 1. A 0-dimensional v comes back as one element,
// which Reshape() turns back into v.
func checkCastBack(t *testing.T, what string, v, w ndview.View, lastAxis bool) {
	t.Helper()
	vf := v.ItemFormat()
	if vf == nil { // the zero View
		return
	}
	var back ndview.View
	var err error
	if lastAxis {
		back, err = cast.LastAxisFormat(w, vf)
	} else {
		back, err = cast.ToFormat(w, vf, v.Shape()...)
		if err == nil && v.NDim() == 0 {
			if !slices.Equal(back.Shape(), []int{1}) {
				t.Fatalf("%s cast back to %q with no shape = %s, want one element", what, vf.String(), describe(back))
			}
			back, err = back.Reshape()
		}
	}
	if err != nil {
		t.Fatalf("%s: casting back to %q: %v", what, vf.String(), err)
	}
	ok := back.ItemFormat() == vf && slices.Equal(back.Shape(), v.Shape()) && back.ReadOnly() == v.ReadOnly() &&
		back.ItemSize() == v.ItemSize() && back.NDim() == v.NDim()
	if ok && v.Len() > 0 {
		ok = back.Offset() == v.Offset()
		for i := range v.NDim() {
			ok = ok && (v.Dim(i) <= 1 || back.Stride(i) == v.Stride(i))
		}
	}
	if !ok {
		t.Fatalf("%s = %s, cast back to %q = %s", what, describe(w), vf.String(), describe(back))
	}
}

// checkCastSlices runs checkCastSlice for every Go number type.
func checkCastSlices(t *testing.T, v ndview.View) {
	t.Helper()
	checkCastSlice[int8](t, v)
	checkCastSlice[uint8](t, v)
	checkCastSlice[int16](t, v)
	checkCastSlice[uint16](t, v)
	checkCastSlice[int32](t, v)
	checkCastSlice[uint32](t, v)
	checkCastSlice[int64](t, v)
	checkCastSlice[int](t, v)
	checkCastSlice[uint64](t, v)
	checkCastSlice[uint](t, v)
	checkCastSlice[uintptr](t, v)
	checkCastSlice[float32](t, v)
	checkCastSlice[float64](t, v)
	checkCastSlice[complex64](t, v)
	checkCastSlice[complex128](t, v)
	checkCastSlice[myInt16](t, v)
	checkCastSlice[myFloat](t, v)
}

// addr is the address of b[i], for alignment tests.
func addr(b []byte, i int) uintptr {
	return uintptr(unsafe.Pointer(unsafe.SliceData(b))) + uintptr(i)
}

// checkCastSlice checks Slice[T] and ReadOnlySlice[T] of v against a
// model: they fail exactly when the format is not a single T value
// (typeMatches, as As decides), not in native order, the view neither C-
// nor Fortran-contiguous, element 0 misaligned for T, or (Slice) the
// view read-only, with one of the sentinels of the failing conditions;
// otherwise they return Len() values over the view's own memory (nil
// for no elements), its bytes in memory order, which SliceOf, BytesOf
// and ViewOf see too. SliceOf over the bytes the view spans is checked
// the same way.
func checkCastSlice[T cast.Number](t *testing.T, v ndview.View) {
	t.Helper()
	var zero T
	rt := reflect.TypeFor[T]()
	size, align := int(unsafe.Sizeof(zero)), unsafe.Alignof(zero)
	buf, off := v.Buffer(), v.Offset()
	var errs []error
	var fl format.Field
	scalar := false
	if f := v.ItemFormat(); f != nil {
		fl, scalar = f.Scalar()
	}
	switch {
	case !scalar || !typeMatches(rt, fl):
		errs = append(errs, cast.ErrType)
	case size > 1 && fl.Order != format.NativeOrder():
		errs = append(errs, cast.ErrByteOrder)
	}
	isC, isF := v.IsCContiguous(), v.IsFContiguous()
	if !isC && !isF {
		errs = append(errs, cast.ErrNotContiguous)
	}
	n := v.Len()
	if n > 0 && addr(buf, off)%align != 0 {
		errs = append(errs, cast.ErrAlign)
	}
	for _, ro := range []bool{false, true} {
		var sl []T
		var err error
		want := errs
		if ro {
			sl, err = cast.ReadOnlySlice[T](v)
		} else {
			sl, err = cast.Slice[T](v)
			if v.ReadOnly() {
				want = append(slices.Clone(errs), cast.ErrReadOnly)
			}
		}
		what := fmt.Sprintf("Slice[%v](%s) (read-only %v)", rt, describe(v), ro)
		if err != nil {
			if len(want) == 0 || !matchesAny(err, want) {
				t.Fatalf("%s: %v, want one of %v", what, err, want)
			}
			continue
		}
		if len(want) > 0 {
			t.Fatalf("%s succeeds, want one of %v", what, want)
		}
		if len(sl) != n || n == 0 && sl != nil {
			t.Fatalf("%s: %d values (nil %v), want %d", what, len(sl), sl == nil, n)
		}
		if n == 0 {
			continue
		}
		b := cast.BytesOf(sl)
		if len(b) != v.NBytes() || &b[0] != &buf[off] {
			t.Fatalf("%s: not the view's memory", what)
		}
		order := ndview.COrder
		if !isC {
			order = ndview.FOrder
		}
		if !bytes.Equal(b, v.ToBytes(order)) {
			t.Fatalf("%s: bytes %x, the view's %x", what, b, v.ToBytes(order))
		}
		if s2, err := cast.SliceOf[T](b); err != nil || len(s2) != n || &s2[0] != &sl[0] {
			t.Fatalf("%s: SliceOf(BytesOf(s)) = %d values, %v", what, len(s2), err)
		}
		if isC {
			w, err := cast.ViewOf(sl, v.Shape()...)
			wantShape := v.Shape()
			if v.NDim() == 0 {
				wantShape = []int{1}
			}
			if err != nil || w.ItemFormat().String() != cast.FormatOf[T]() || !slices.Equal(w.Shape(), wantShape) ||
				!w.IsCContiguous() || w.ReadOnly() || !bytes.Equal(w.ToBytes(ndview.COrder), b) {
				t.Fatalf("%s: ViewOf(s, %v) = %s, %v", what, v.Shape(), describe(w), err)
			}
		}
	}

	// SliceOf over the bytes the view spans, at whatever alignment.
	lo, hi := v.Span()
	if lo < 0 || hi > len(buf) || lo > hi {
		t.Fatalf("Span() = %d, %d of %s", lo, hi, describe(v))
	}
	b := buf[lo:hi]
	sl, err := cast.SliceOf[T](b)
	switch {
	case len(b)%size != 0:
		if !errors.Is(err, cast.ErrSize) {
			t.Fatalf("SliceOf[%v] of %d bytes: %v, want ErrSize", rt, len(b), err)
		}
	case len(b) == 0:
		if err != nil || sl != nil {
			t.Fatalf("SliceOf[%v] of no bytes: %v, %v", rt, sl, err)
		}
	case addr(b, 0)%align != 0:
		if !errors.Is(err, cast.ErrAlign) {
			t.Fatalf("SliceOf[%v] at address %#x: %v, want ErrAlign", rt, addr(b, 0), err)
		}
	default:
		if err != nil || len(sl) != len(b)/size || &cast.BytesOf(sl)[0] != &b[0] || len(cast.BytesOf(sl)) != len(b) {
			t.Fatalf("SliceOf[%v] of %d bytes: %d values, %v", rt, len(b), len(sl), err)
		}
	}
}

// convertCodes are the codes Convert converts between; n, N and P exist
// only in native sizes.
var convertCodes = []string{"b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "P", "e", "f", "d", "Zf", "Zd", "?"}

// convertFormats are convertCodes with every byte-order prefix.
var convertFormats = func() []string {
	var out []string
	for _, p := range []string{"", "@", "=", "<", ">", "!"} {
		for _, c := range convertCodes {
			if p != "" && p != "@" && (c == "n" || c == "N" || c == "P") {
				continue
			}
			out = append(out, p+c)
		}
	}
	return out
}()

// nonNumeric are formats Convert refuses with ErrType.
var nonNumeric = []string{"c", "3s", "2h", "(2)i", "T{<i:a:}", "<hd", "x", "O", "5p"}

// floatSpecials and intSpecials are values FuzzConvert writes into source
// elements: the edges of every destination's range, values just inside
// and outside them, ones that round, NaN and the infinities. intSpecials
// go into unsigned fields as uint64(x), so -1 is the largest uint64.
var floatSpecials = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 0.9999, -0.9999, 1.5, -1.5, 127.5, 128, -128.5, -128.99, -129,
	255.9, 256, 32767.9, 32768, -32768.9, -32769, 65535.9, 65536, 65504, 65519.99, 65520, -65520,
	2147483647.9, 2147483648, -2147483648.9, -2147483649, 4294967295.9, 4294967296,
	9007199254740993, 9223372036854774784, 9223372036854775808, -9223372036854775808, -9223372036854777856,
	18446744073709549568, 18446744073709551616, math.MaxFloat32, 3.4028235677973366e38, 3.402823669209385e38,
	1e39, math.MaxFloat64, -math.MaxFloat64, 5e-324, 1e-40, 6e-8, 3e-8, 1e300,
	math.NaN(), -math.NaN(), math.Inf(1), math.Inf(-1),
}

var intSpecials = []int64{
	0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769, 65504, 65519, 65520, 65535, 65536,
	16777217, 2147483647, 2147483648, -2147483648, -2147483649, 4294967295, 4294967296, 1<<53 + 1,
	math.MaxInt64, math.MinInt64, math.MaxInt64 - 511, -1024, -2048,
}

// setSpecial writes the special value k stands for (0 leaves the
// element alone) into the element b of field fl; a complex takes its
// imaginary part from the next input byte. Values the field cannot hold
// are not written.
func setSpecial(s *src, fl *format.Field, b []byte, k byte) {
	if k == 0 {
		return
	}
	switch {
	case fl.Kind == format.Bool:
		b[0] = k
	case fl.Kind.IsSigned():
		_ = fl.SetInt(b, 0, intSpecials[int(k)%len(intSpecials)])
	case fl.Kind.IsInteger():
		_ = fl.SetUint(b, 0, uint64(intSpecials[int(k)%len(intSpecials)]))
	case fl.Kind.IsFloat():
		_ = fl.SetFloat(b, 0, floatSpecials[int(k)%len(floatSpecials)])
	case fl.Kind.IsComplex():
		im := 0.0
		if j := s.u8(); j >= 0x80 {
			im = floatSpecials[int(j)%len(floatSpecials)]
		}
		_ = fl.SetComplex(b, 0, complex(floatSpecials[int(k)%len(floatSpecials)], im))
	}
}

// setSmall writes x (x/4 into a float or complex, x's bits into an
// unsigned field) into the element b of field fl.
func setSmall(fl *format.Field, b []byte, x int8) {
	switch {
	case fl.Kind == format.Bool:
		b[0] = byte(x)
	case fl.Kind.IsSigned():
		_ = fl.SetInt(b, 0, int64(x))
	case fl.Kind.IsInteger():
		_ = fl.SetUint(b, 0, uint64(uint8(x)))
	case fl.Kind.IsFloat():
		_ = fl.SetFloat(b, 0, float64(x)/4)
	case fl.Kind.IsComplex():
		_ = fl.SetComplex(b, 0, complex(float64(x)/4, 0))
	}
}

// maxConvert bounds the elements FuzzConvert converts.
const maxConvert = 2000

// FuzzConvert: Convert between two views of the same shape, of any two
// numeric formats (or not: ErrType) in any byte order, with any strides
// (the source's zero, negative and unaligned ones included), at any
// alignment, over two arrays or one (overlapping, or the very same
// elements), never panics and does exactly what converting each element
// on its own does — View.Value of a copy of the source taken before the
// call, converted by Convert's rules, stored with the format package's
// Field setters (struct's range rules) — in C order: up to the first
// value that does not fit, which is a *RangeError giving its index,
// value and formats, with every element before it written and nothing
// else changed. No byte outside the destination's elements ever changes;
// where destination elements share bytes only that is checked. A
// read-only destination or another shape gives ErrReadOnly or ErrShape
// and changes nothing.
func FuzzConvert(f *testing.F) {
	for _, seed := range convertSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &src{data}
		sfs, dfs := decodeConvertFormat(s), decodeConvertFormat(s)
		sf, df := format.MustParse(sfs), format.MustParse(dfs)
		ssize, dsize := sf.Size(), df.Size()
		shape := make([]int, s.n(5))
		for i := range shape {
			shape[i] = s.extent()
		}
		n := elems(shape)
		if n < 0 || n > maxConvert || slices.ContainsFunc(shape, func(e int) bool { return e < 0 }) ||
			tooBig(shape, max(ssize, dsize)) {
			return
		}
		dshape := shape
		if s.n(16) == 0 { // another shape
			dshape = slices.Clone(shape)
			if len(shape) > 0 && s.n(2) == 0 {
				dshape[s.n(len(shape))]++
			} else {
				dshape = append(dshape, 1)
			}
		}
		mode := s.n(8) // 0: two arrays; 1: dst over src's elements; else one array
		sst, slo, shi, ok := copyView(s, shape, ssize)
		if !ok {
			return
		}
		var dst []int
		var dlo, dhi int
		if mode == 1 && slices.Equal(shape, dshape) {
			dst = sst
			dlo, dhi, _, ok = span(shape, dst, dsize)
		} else {
			dst, dlo, dhi, ok = copyView(s, dshape, dsize)
		}
		if !ok || dhi-dlo > maxBuf {
			return
		}
		soff, doff := -slo+s.n(16), -dlo+s.n(16)
		sbase, dbase := s.n(16), s.n(16)
		if mode == 1 {
			// Element 0 of each at the same address.
			soff = max(soff, doff)
			doff, dbase = soff, sbase
		}
		size := max(sbase+soff+shi, dbase+doff+dhi) + s.n(4)
		mem := make([]byte, size)
		other := mem
		if mode == 0 {
			other = make([]byte, size)
		}
		sbuf, dbuf := mem[sbase:size:size], other[dbase:size:size]
		sl := ndview.Layout{Format: sf, Shape: shape, Strides: sst, Offset: soff, ReadOnly: s.n(2) == 0}
		dl := ndview.Layout{Format: df, Shape: dshape, Strides: dst, Offset: doff, ReadOnly: s.n(16) == 0}
		srcOffs := offsets(soff, shape, sst, false)
		dstOffs := offsets(doff, dshape, dst, false)

		// The contents: a pseudo-random pattern or a pattern from the
		// input, then (fill 2 and 3) special values from the input written
		// into the source's elements, over small values (fill 3).
		switch fill := s.n(4); fill {
		case 1:
			pat := make([]byte, s.n(32)+1)
			for i := range pat {
				pat[i] = s.u8()
			}
			for i := range mem {
				mem[i] = pat[i%len(pat)]
			}
			if mode == 0 {
				fillBytes(other, s.u8())
			}
		default:
			seed := s.u8()
			fillBytes(mem, seed)
			if mode == 0 {
				fillBytes(other, s.u8()^0x5a)
			}
			sfl, ok := sf.Scalar()
			if !ok || fill < 2 {
				break
			}
			if fill == 3 { // small values, which every format holds, mostly
				small := make([]byte, len(srcOffs))
				fillBytes(small, seed^0xa5)
				for i, o := range srcOffs {
					setSmall(&sfl, sbuf[o:o+ssize], int8(small[i]))
				}
			}
			for _, o := range srcOffs {
				setSpecial(s, &sfl, sbuf[o:o+ssize], s.u8())
			}
		}

		sv, err := ndview.FromLayout(sbuf, sl)
		if err != nil {
			t.Fatalf("source layout %s: %v", describeLayout(sl, len(sbuf)), err)
		}
		dv, err := ndview.FromLayout(dbuf, dl)
		if err != nil {
			if !slices.Equal(shape, dshape) {
				return // another shape, too large
			}
			t.Fatalf("destination layout %s: %v", describeLayout(dl, len(dbuf)), err)
		}
		what := fmt.Sprintf("Convert(%s (buffer at %d), %s (buffer at %d%s))", describe(dv), dbase, describe(sv), sbase,
			map[int]string{0: " of another array", 1: ", over the destination"}[mode])
		snap, err := ndview.FromLayout(bytes.Clone(sbuf), sl)
		if err != nil {
			t.Fatal(err)
		}
		beforeMem, beforeOther := bytes.Clone(mem), bytes.Clone(other)

		err = cast.Convert(dv, sv)

		var errs []error
		if dl.ReadOnly {
			errs = append(errs, cast.ErrReadOnly)
		}
		if !slices.Equal(shape, dshape) {
			errs = append(errs, cast.ErrShape)
		}
		dfl, dok := df.Scalar()
		sfl, sok := sf.Scalar()
		if !dok || !(dfl.Kind.IsNumeric() || dfl.Kind == format.Bool) || !sok || !(sfl.Kind.IsNumeric() || sfl.Kind == format.Bool) {
			errs = append(errs, cast.ErrType)
		}
		if len(errs) > 0 {
			if err == nil || !matchesAny(err, errs) {
				t.Fatalf("%s: %v, want one of %v", what, err, errs)
			}
			if !bytes.Equal(mem, beforeMem) || !bytes.Equal(other, beforeOther) {
				t.Fatalf("%s: failed with %v but changed memory", what, err)
			}
			return
		}

		// The reference, element by element from the copy, in C order.
		want := bytes.Clone(beforeOther)
		wbuf := want[dbase:size:size]
		bad := -1
		var badValue any
		elem := make([]byte, dsize)
		for k := range n {
			idx := unravel(k, shape)
			x, err := snap.Value(idx...)
			if err != nil {
				t.Fatalf("%s: Value(%v) of the source: %v", what, idx, err)
			}
			clear(elem)
			if !refConvert(x, &dfl, elem) {
				bad, badValue = k, x
				break
			}
			copy(wbuf[dstOffs[k]:], elem)
		}
		if bad < 0 {
			if err != nil {
				t.Fatalf("%s: %v, want success", what, err)
			}
		} else {
			idx := unravel(bad, shape)
			var re *cast.RangeError
			switch {
			case !errors.As(err, &re) || !errors.Is(err, cast.ErrRange) || !errors.Is(err, format.ErrRange):
				t.Fatalf("%s: %v, want a *RangeError at %v (value %v)", what, err, idx, badValue)
			case !slices.Equal(re.Index, idx) || !sameValue(re.Value, badValue) || re.From != sfs || re.To != dfs:
				t.Fatalf("%s: %v (index %v, value %v, %q to %q), want index %v value %v", what, err, re.Index, re.Value, re.From, re.To, idx, badValue)
			}
		}
		if disjoint(dstOffs, dsize) {
			if !bytes.Equal(other, want) {
				t.Fatalf("%s: error %v (first failing element %d)\n got %x\nwant %x\nsrc  %x", what, err, bad, other, want, beforeMem)
			}
		} else if in := footprint(len(dbuf), dstOffs, dsize); !sameOutside(dbuf, wbuf, in) || !bytes.Equal(other[:dbase], want[:dbase]) {
			t.Fatalf("%s: bytes outside the destination's elements changed:\n got %x\nwant %x", what, other, want)
		}
		if mode == 0 && !bytes.Equal(mem, beforeMem) {
			t.Fatalf("%s: the source's array changed", what)
		}
	})
}

func decodeConvertFormat(s *src) string {
	k := s.n(len(convertFormats) + 1)
	if k < len(convertFormats) {
		return convertFormats[k]
	}
	return nonNumeric[s.n(len(nonNumeric))]
}

// refConvert converts x, a value as View.Value unpacks a numeric or ?
// element, into out as an element of field fl, by Convert's rules; it
// reports false for a value fl cannot hold.
func refConvert(x any, fl *format.Field, out []byte) bool {
	switch k := fl.Kind; {
	case k == format.Bool:
		fl.SetBool(out, 0, nonZero(x))
		return true
	case k.IsInteger():
		switch x := x.(type) {
		case int64:
			return fl.SetInt(out, 0, x) == nil
		case uint64:
			return fl.SetUint(out, 0, x) == nil
		case bool:
			if x {
				return fl.SetInt(out, 0, 1) == nil
			}
			return fl.SetInt(out, 0, 0) == nil
		case float64:
			return floatToInt(fl, out, x)
		case complex128:
			return imag(x) == 0 && floatToInt(fl, out, real(x))
		}
	case k.IsFloat():
		r, ok := realOf(x)
		return ok && fl.SetFloat(out, 0, r) == nil
	case k.IsComplex():
		if c, ok := x.(complex128); ok {
			return fl.SetComplex(out, 0, c) == nil
		}
		r, _ := realOf(x)
		return fl.SetComplex(out, 0, complex(r, 0)) == nil
	}
	panic(fmt.Sprintf("refConvert: %v into %s", x, fl.Kind))
}

// nonZero is a value's truth for ?: NaN is true, -0 false.
func nonZero(x any) bool {
	switch x := x.(type) {
	case int64:
		return x != 0
	case uint64:
		return x != 0
	case bool:
		return x
	case float64:
		return x != 0
	case complex128:
		return real(x) != 0 || imag(x) != 0
	}
	panic(fmt.Sprintf("nonZero: %T", x))
}

// realOf is a value as a float64, as Python's float() gives it; a complex
// with a non-zero (or NaN) imaginary part has none.
func realOf(x any) (float64, bool) {
	switch x := x.(type) {
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	case float64:
		return x, true
	case complex128:
		return real(x), imag(x) == 0
	}
	panic(fmt.Sprintf("realOf: %T", x))
}

// floatToInt truncates x toward zero into an integer field; NaN, the
// infinities and values out of range do not fit.
func floatToInt(fl *format.Field, out []byte, x float64) bool {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return false
	}
	t, bits := math.Trunc(x), 8*fl.Size
	if fl.Code == "P" {
		// struct's P takes -2**63 to 2**64-1, negatives wrapping.
		if t < 0 {
			return t >= -(1<<63) && fl.SetInt(out, 0, int64(t)) == nil
		}
		return t < 1<<64 && fl.SetUint(out, 0, uint64(t)) == nil
	}
	if fl.Kind.IsSigned() {
		lim := math.Ldexp(1, bits-1)
		return t >= -lim && t < lim && fl.SetInt(out, 0, int64(t)) == nil
	}
	return t >= 0 && t < math.Ldexp(1, bits) && fl.SetUint(out, 0, uint64(t)) == nil
}

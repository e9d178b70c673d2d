package fuzz

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// The view targets decode their []byte input as a stream of small
// decisions (src): which format, how many dimensions, each extent and
// stride, the offset and the buffer length. Bytes at 0xf8 and above pick
// extreme values (math.MaxInt, math.MinInt, 1<<32, ...), so that overflow
// checks are exercised without the fuzzer having to find 64-bit constants.
// Every view a target builds is checked with checkView against
// invariants computed independently from its Layout.

// maxElems bounds the elements a target enumerates (and so its time per
// input): views with more are checked for their layout only.
const maxElems = 4096

// maxBuf bounds the buffers the targets build.
const maxBuf = 4096

// src reads fuzz input one decision at a time; past its end it reads zeros.
type src struct{ b []byte }

func (s *src) u8() byte {
	if len(s.b) == 0 {
		return 0
	}
	c := s.b[0]
	s.b = s.b[1:]
	return c
}

// n returns a number in [0, k).
func (s *src) n(k int) int { return int(s.u8()) % k }

func (s *src) u16() int { return int(s.u8())<<8 | int(s.u8()) }

// extremes are the values an input byte >= 0xf8 stands for.
var extremes = [8]int{math.MaxInt, math.MinInt, math.MaxInt/2 + 1, math.MinInt / 2, 1 << 32, -(1 << 32), math.MaxInt - 7, math.MinInt + 1}

// extent: 0-7 for bytes below 0xc0, 0-55 for 0xc0-0xf7, else a huge or
// negative value.
func (s *src) extent() int {
	switch b := s.u8(); {
	case b >= 0xf8:
		return [8]int{math.MaxInt, 1 << 31, 1 << 32, 1 << 62, -1, math.MinInt, maxElems + 1, math.MaxInt / 3}[b&7]
	case b >= 0xc0:
		return int(b - 0xc0)
	default:
		return int(b % 8)
	}
}

// stride: the low five bits of a byte below 0xe0 are a signed multiple of
// the itemsize (0x01 is one item, 0x1f minus one); 0xe0-0xf7 are raw byte
// steps -12..11, unaligned ones included; 0xf8 and above are extremes.
func (s *src) stride(item int) int {
	switch b := s.u8(); {
	case b >= 0xf8:
		return extremes[b&7]
	case b >= 0xe0:
		return int(b) - 0xe0 - 12
	default:
		return item * (int(int8(b<<3)) >> 3)
	}
}

// small: -10..10 for most bytes, else an extreme (math.MinInt is
// ndview.None).
func (s *src) small() int {
	b := s.u8()
	if b >= 0xf8 {
		return extremes[b&7]
	}
	return int(b%21) - 10
}

// viewFormats are the formats the view targets build views of: every
// size from 1 to 16, both byte orders, native alignment, records,
// sub-arrays, padding, an opaque code, and an empty format.
var viewFormats = []string{
	"B", "b", "c", "?", "<h", ">H", "@i", ">i", "<l", "@l", "=q", ">Q", "@n", "P", "<e", "<f", ">d",
	"<Zf", ">Zd", "3s", "5p", "<hd", "@hd", "T{<i:a:>d:b:}", "T{h:x:(2)B:y:}", "2h", "(2,3)h", "O",
	"4x", "T{b:a:xxxH:b:}", "=d", "Zd", "",
}

// badFormats do not parse: New must give a format error, not ErrLayout.
var badFormats = []string{"T{", "&i", "X{}", "(2,i", "<n"}

// layoutCase is a decoded layout with the buffer it is over.
type layoutCase struct {
	fmtstr string
	buf    []byte
	l      ndview.Layout
	cstr   bool // l.Strides was nil: C-contiguous strides
}

// decodeLayout decodes a layout. With fit set the buffer and offset are
// chosen to hold the elements where possible (the layout may still be
// invalid); otherwise the input decides between a raw length and offset,
// a fit, and a fit one byte too short at either end.
func decodeLayout(s *src, fit bool) layoutCase {
	return decodeLayoutOf(s, fit, viewFormats)
}

// decodeLayoutOf is decodeLayout with formats to choose from; one more
// choice, and formats that do not parse, give a nil Format.
func decodeLayoutOf(s *src, fit bool, formats []string) layoutCase {
	var c layoutCase
	k := s.n(len(formats) + 1)
	if k < len(formats) {
		c.fmtstr = formats[k]
		c.l.Format, _ = format.Parse(c.fmtstr)
	}
	size := 1
	if c.l.Format != nil {
		size = c.l.Format.Size()
	}
	switch s.n(8) {
	case 0:
		c.l.ItemSize = size
	case 1:
		c.l.ItemSize = size + s.small()
	}
	item := max(size, 1)
	var ndim int
	switch b := s.u8(); b {
	case 0xff:
		ndim = ndview.MaxDims + 1
	case 0xfe:
		ndim = ndview.MaxDims
	default:
		ndim = int(b % 8)
	}
	c.l.Shape = make([]int, ndim)
	for i := range c.l.Shape {
		if ndim > 8 {
			c.l.Shape[i] = 1
			continue
		}
		c.l.Shape[i] = s.extent()
	}
	switch s.n(4) {
	case 0:
		c.cstr = true
		c.l.Strides = cStrides(c.l.Shape, item)
	case 1:
		c.l.Strides = cStrides(c.l.Shape, item)
	case 2:
		c.l.Strides = fStrides(c.l.Shape, item)
	default:
		c.l.Strides = make([]int, ndim)
		for i := range c.l.Strides {
			c.l.Strides[i] = s.stride(item)
		}
	}
	if s.n(8) == 0 && ndim <= 8 {
		c.l.Strides = c.l.Strides[:len(c.l.Strides)/2] // too few strides
		c.cstr = false
	}
	c.l.ReadOnly = s.n(4) == 0

	mode := 1
	if !fit {
		mode = s.n(4)
	}
	n := 0
	lo, hi, empty, ok := span(c.l.Shape, c.l.Strides, item)
	switch {
	case mode == 0 || !ok:
		n = s.u16() % (maxBuf + 1)
		if b := s.u8(); b >= 0xf8 {
			c.l.Offset = extremes[b&7]
		} else {
			c.l.Offset = int(b)<<4 | int(s.u8()&15)
		}
	case empty:
		n = s.n(64)
		c.l.Offset = s.n(n + 1)
		switch mode {
		case 2:
			c.l.Offset = n + 1
		case 3:
			c.l.Offset = -1
		}
	default:
		c.l.Offset = -lo + s.n(4)
		n = c.l.Offset + hi + s.n(4)
		switch mode {
		case 2:
			n = c.l.Offset + hi - 1
		case 3:
			c.l.Offset = -lo - 1
		}
	}
	if n < 0 || n > maxBuf {
		n = s.u16() % (maxBuf + 1)
	}
	shift := s.n(8) // the buffer starts anywhere: aligned or not
	c.buf = make([]byte, shift+n+s.n(8))[shift : shift+n : shift+n]
	fillBytes(c.buf, s.u8())
	if c.cstr {
		c.l.Strides = nil
	}
	return c
}

// fillBytes fills b with a pseudo-random pattern, so that elements read
// from the wrong place show.
func fillBytes(b []byte, seed byte) {
	x := uint32(seed)*0x9e3779b9 | 1
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x >> 24)
	}
}

// cStrides and fStrides are the contiguous strides of shape (wrapping on
// overflow; such shapes are invalid anyway).
func cStrides(shape []int, item int) []int {
	st := make([]int, len(shape))
	acc := item
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = acc
		acc *= max(shape[i], 1)
	}
	return st
}

func fStrides(shape []int, item int) []int {
	st := make([]int, len(shape))
	acc := item
	for i := range shape {
		st[i] = acc
		acc *= max(shape[i], 1)
	}
	return st
}

// span returns the bytes [lo, hi) the elements of a layout at offset 0
// address, computed exactly; ok is false when they do not fit in an int
// or the layout is malformed, empty is true when there are no elements.
func span(shape, strides []int, item int) (lo, hi int, empty, ok bool) {
	if len(strides) != len(shape) {
		return 0, 0, false, false
	}
	for _, e := range shape {
		if e < 0 {
			return 0, 0, false, false
		}
		if e == 0 {
			empty = true
		}
	}
	if empty {
		return 0, 0, true, true
	}
	l, h := new(big.Int), big.NewInt(int64(item))
	for i, e := range shape {
		d := new(big.Int).Mul(big.NewInt(int64(e-1)), big.NewInt(int64(strides[i])))
		if d.Sign() < 0 {
			l.Add(l, d)
		} else {
			h.Add(h, d)
		}
	}
	if !l.IsInt64() || !h.IsInt64() {
		return 0, 0, false, false
	}
	return int(l.Int64()), int(h.Int64()), false, true
}

// tooBig reports whether item times the product of the non-zero extents
// overflows an int: such a shape is refused even when it has no elements,
// as NumPy refuses it.
func tooBig(shape []int, item int) bool {
	p := big.NewInt(int64(item))
	for _, e := range shape {
		if e != 0 {
			p.Mul(p, big.NewInt(int64(e)))
		}
	}
	return !p.IsInt64()
}

// layoutValid decides independently whether FromLayout must accept c.
func layoutValid(c layoutCase) bool {
	l := c.l
	if l.Format == nil || l.Format.Size() <= 0 {
		return false
	}
	if l.ItemSize != 0 && l.ItemSize != l.Format.Size() {
		return false
	}
	item := l.Format.Size()
	if len(l.Shape) > ndview.MaxDims {
		return false
	}
	strides := l.Strides
	if strides == nil {
		strides = cStrides(l.Shape, item)
	}
	for _, e := range l.Shape {
		if e < 0 {
			return false
		}
	}
	if tooBig(l.Shape, item) {
		return false
	}
	lo, hi, empty, ok := span(l.Shape, strides, item)
	if !ok {
		return false
	}
	if empty {
		return l.Offset >= 0 && l.Offset <= len(c.buf)
	}
	a, b := new(big.Int).Add(big.NewInt(int64(l.Offset)), big.NewInt(int64(lo))), new(big.Int).Add(big.NewInt(int64(l.Offset)), big.NewInt(int64(hi)))
	return a.Sign() >= 0 && b.Cmp(big.NewInt(int64(len(c.buf)))) <= 0
}

// describe is a view's layout, for failure messages.
func describe(v ndview.View) string {
	f := v.Layout().Format
	if f == nil {
		return "zero View"
	}
	return fmt.Sprintf("format %q item %d shape %v strides %v offset %d buffer %d read-only %v",
		f.String(), v.ItemSize(), v.Shape(), v.Strides(), v.Offset(), len(v.Buffer()), v.ReadOnly())
}

func describeLayout(l ndview.Layout, n int) string {
	fs := "<nil>"
	if l.Format != nil {
		fs = fmt.Sprintf("%q", l.Format.String())
	}
	return fmt.Sprintf("format %s itemsize %d shape %v strides %v offset %d buffer %d read-only %v",
		fs, l.ItemSize, l.Shape, l.Strides, l.Offset, n, l.ReadOnly)
}

// elems returns the number of elements of shape, or -1 when it exceeds
// maxElems.
func elems(shape []int) int {
	n := 1
	for _, e := range shape {
		if e == 0 {
			return 0
		}
	}
	for _, e := range shape {
		if e > maxElems || n*e > maxElems {
			return -1
		}
		n *= e
	}
	return n
}

// offsets enumerates the byte offsets of the elements of a layout in C
// order (F order with fortran set), straight from its description.
func offsets(off int, shape, strides []int, fortran bool) []int {
	n := elems(shape)
	if n <= 0 {
		return nil
	}
	out := make([]int, 0, n)
	idx := make([]int, len(shape))
	for range n {
		o := off
		for i, k := range idx {
			o += k * strides[i]
		}
		out = append(out, o)
		if fortran {
			for d := 0; d < len(idx); d++ {
				if idx[d]++; idx[d] < shape[d] {
					break
				}
				idx[d] = 0
			}
		} else {
			for d := len(idx) - 1; d >= 0; d-- {
				if idx[d]++; idx[d] < shape[d] {
					break
				}
				idx[d] = 0
			}
		}
	}
	return out
}

// unravel returns the C-order multi-index of flat position k.
func unravel(k int, shape []int) []int {
	idx := make([]int, len(shape))
	for d := len(shape) - 1; d >= 0; d-- {
		idx[d] = k % shape[d]
		k /= shape[d]
	}
	return idx
}

// gather concatenates the elements at offs.
func gather(buf []byte, offs []int, item int) []byte {
	out := make([]byte, 0, len(offs)*item)
	for _, o := range offs {
		out = append(out, buf[o:o+item]...)
	}
	return out
}

func sameLayout(a, b ndview.Layout) bool {
	return a.Format == b.Format && a.ItemSize == b.ItemSize && slices.Equal(a.Shape, b.Shape) &&
		slices.Equal(a.Strides, b.Strides) && a.Offset == b.Offset && a.ReadOnly == b.ReadOnly
}

// hasField reports whether f (records included) has a field of a kind
// that keep says yes to.
func hasField(f *format.Format, keep func(format.Kind) bool) bool {
	for _, fl := range f.Fields() {
		if keep(fl.Kind) || fl.Record != nil && hasField(fl.Record, keep) {
			return true
		}
	}
	return false
}

func isOpaque(k format.Kind) bool { return k == format.Opaque }

// hasNaN reports whether an unpacked value holds a NaN.
func hasNaN(x any) bool {
	switch x := x.(type) {
	case float64:
		return x != x
	case complex128:
		return real(x) != real(x) || imag(x) != imag(x)
	case []any:
		return slices.ContainsFunc(x, hasNaN)
	}
	return false
}

// sameValue compares unpacked values as sameValues does (NaN equal to
// NaN, in complex parts too), without go-cmp's cost per call.
func sameValue(x, y any) bool {
	switch x := x.(type) {
	case []any:
		y, ok := y.([]any)
		return ok && len(x) == len(y) && !slices.ContainsFunc(seq(len(x)), func(i int) bool { return !sameValue(x[i], y[i]) })
	case []byte:
		y, ok := y.([]byte)
		return ok && bytes.Equal(x, y)
	case float64:
		y, ok := y.(float64)
		return ok && (x == y || x != x && y != y)
	case complex128:
		y, ok := y.(complex128)
		return ok && sameValue(real(x), real(y)) && sameValue(imag(x), imag(y))
	}
	return x == y
}

// packValue packs x as View.SetValue and View.Fill do.
func packValue(f *format.Format, x any) ([]byte, error) {
	if vals, ok := x.([]any); ok && f.NumValues() != 1 {
		return f.Pack(vals...)
	}
	return f.Pack(x)
}

// checkEqualAcross compares a view of a numeric or bool format with views
// of other formats holding its values converted, as Python compares them:
// exactly, across int, float and complex (bool as 0 or 1), NaN equal to
// nothing. Integers go to float64 (equal where the conversion is exact)
// and to the 8-byte integer of the other signedness (equal where the
// value is not negative), floats to complex128 and to float64.
func checkEqualAcross(t *testing.T, v ndview.View, n int) {
	t.Helper()
	fl, ok := v.Layout().Format.Scalar()
	if !ok || !fl.Kind.IsNumeric() && fl.Kind != format.Bool {
		return
	}
	shape := v.Shape()
	vals := make([]any, n)
	for i := range n {
		vals[i], _ = v.Value(unravel(i, shape)...)
	}
	// cross builds a view of format fs holding conv of each value, and
	// checks Equal against eq of each value; conv reports false to skip.
	cross := func(fs string, conv func(x any) (any, bool), eq func(x any) bool) {
		w, err := ndview.Make(fs, shape...)
		if err != nil {
			t.Fatalf("Make(%q, %v): %v", fs, shape, err)
		}
		want := true
		for i, x := range vals {
			y, ok := conv(x)
			if !ok {
				return
			}
			if err := w.SetValue(y, unravel(i, shape)...); err != nil {
				t.Fatalf("SetValue(%v) into %q: %v", y, fs, err)
			}
			want = want && eq(x)
		}
		if got := ndview.Equal(v, w); got != want || ndview.Equal(w, v) != want {
			t.Fatalf("Equal with the values as %q = %v, want %v: %s\n%v", fs, got, want, describe(v), vals)
		}
	}
	switch x := vals[0].(type) {
	case int64, uint64, bool:
		cross("<d", func(x any) (any, bool) { f, _ := asFloat(x); return f, true }, func(x any) bool {
			_, exact := asFloat(x)
			return exact
		})
		if _, isBool := x.(bool); isBool {
			return
		}
		cross("<Q", func(x any) (any, bool) {
			if i, ok := x.(int64); ok {
				return uint64(i), true
			}
			return x, true
		}, func(x any) bool { i, ok := x.(int64); return !ok || i >= 0 })
		cross("<q", func(x any) (any, bool) {
			if u, ok := x.(uint64); ok {
				return int64(u), u <= math.MaxInt64
			}
			return x, true
		}, func(any) bool { return true })
	case float64:
		cross("<Zd", func(x any) (any, bool) { return complex(x.(float64), 0), true }, func(x any) bool { return !hasNaN(x) })
		cross("<d", func(x any) (any, bool) { return x, true }, func(x any) bool { return !hasNaN(x) })
	case complex128:
		cross("<Zd", func(x any) (any, bool) { return x, true }, func(x any) bool { return !hasNaN(x) })
	}
}

// asFloat converts an int64, uint64 or bool value to float64 and reports
// whether the conversion is exact.
func asFloat(x any) (float64, bool) {
	switch x := x.(type) {
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	case int64:
		f := float64(x)
		return f, new(big.Float).SetFloat64(f).Cmp(new(big.Float).SetInt64(x)) == 0
	case uint64:
		f := float64(x)
		return f, new(big.Float).SetFloat64(f).Cmp(new(big.Float).SetUint64(x)) == 0
	}
	panic("asFloat: not an integer")
}

// listShape reports whether x is nested []any of the given shape, down
// to its first zero extent.
func listShape(x any, shape []int) bool {
	if len(shape) == 0 {
		return true
	}
	l, ok := x.([]any)
	if !ok || len(l) != shape[0] {
		return false
	}
	for _, y := range l {
		if !listShape(y, shape[1:]) {
			return false
		}
	}
	return true
}

// checkView checks the invariants every valid view has and returns its
// element offsets in C order (nil when it has more than maxElems):
//   - FromLayout(v.Buffer(), v.Layout()) rebuilds it;
//   - Len, NBytes, NDim, Dim and Stride agree with the layout, and
//     Len*ItemSize does not overflow;
//   - every element's bytes lie inside the buffer;
//   - Items, All and Runs yield exactly the elements, in C order, as
//     sub-slices of the buffer capped at their end; a C-contiguous view is
//     one run;
//   - ToBytes in C, F and A order and AppendBytes give the elements' bytes
//     in that order, ToBytes(F) == T().ToBytes(C);
//   - IsCContiguous and IsFContiguous hold exactly when the elements lie
//     back to back in that order, and Bytes returns the view's memory then;
//   - Clone is a compact, writable, C-contiguous copy, Equal to the view
//     when no element is NaN;
//   - ToList agrees with Value;
//   - String and GoString do not panic, and String is "[]" without
//     elements;
//   - a read-only view refuses SetValue, Fill and CopyTo with ErrReadOnly
//     and its buffer does not change.
func checkView(t *testing.T, v ndview.View) []int {
	t.Helper()
	l := v.Layout()
	buf := v.Buffer()
	if l.Format == nil {
		t.Fatalf("a view without a format: %s", describe(v))
	}
	w, err := ndview.FromLayout(buf, l)
	if err != nil {
		t.Fatalf("FromLayout(v.Buffer(), v.Layout()) fails: %v\nview: %s", err, describe(v))
	}
	if !sameLayout(w.Layout(), l) {
		t.Fatalf("FromLayout(v.Buffer(), v.Layout()) = %s, want %s", describe(w), describe(v))
	}
	item := l.Format.Size()
	if l.ItemSize != item || v.ItemSize() != item {
		t.Fatalf("itemsize %d / %d for format %q of size %d", l.ItemSize, v.ItemSize(), l.Format.String(), item)
	}
	if v.NDim() != len(l.Shape) || len(l.Strides) != len(l.Shape) || v.Offset() != l.Offset || v.ReadOnly() != l.ReadOnly {
		t.Fatalf("NDim %d, Offset %d, ReadOnly %v disagree with Layout: %s", v.NDim(), v.Offset(), v.ReadOnly(), describe(v))
	}
	for i := range l.Shape {
		if v.Dim(i) != l.Shape[i] || v.Stride(i) != l.Strides[i] || v.Dim(i-len(l.Shape)) != l.Shape[i] || v.Stride(i-len(l.Shape)) != l.Strides[i] {
			t.Fatalf("Dim/Stride(%d) = %d/%d, layout %s", i, v.Dim(i), v.Stride(i), describe(v))
		}
	}
	if tooBig(l.Shape, item) {
		t.Fatalf("valid view whose size overflows: %s", describe(v))
	}
	n := 1
	for _, e := range l.Shape {
		n *= e
	}
	if v.Len() != n || v.NBytes() != n*item {
		t.Fatalf("Len %d NBytes %d, want %d and %d: %s", v.Len(), v.NBytes(), n, n*item, describe(v))
	}
	if n == 0 {
		if l.Offset < 0 || l.Offset > len(buf) {
			t.Fatalf("empty view at offset %d outside its buffer: %s", l.Offset, describe(v))
		}
	} else {
		lo, hi, _, ok := span(l.Shape, l.Strides, item)
		if !ok || l.Offset+lo < 0 || l.Offset+hi > len(buf) {
			t.Fatalf("view addresses bytes outside its buffer: %s", describe(v))
		}
	}
	lo, hi := v.Span()
	if n == 0 && (lo != l.Offset || hi != l.Offset) {
		t.Fatalf("Span() = %d, %d of a view without elements: %s", lo, hi, describe(v))
	}
	if n > 0 {
		rlo, rhi, _, _ := span(l.Shape, l.Strides, item)
		if lo != l.Offset+rlo || hi != l.Offset+rhi {
			t.Fatalf("Span() = %d, %d, want %d, %d: %s", lo, hi, l.Offset+rlo, l.Offset+rhi, describe(v))
		}
	}

	// Printing reads only the elements it shows: views of more than 1000
	// elements are summarised to 6 positions in each dimension, whatever
	// their size. Printing an element costs (dragon4 for floats), so only
	// views that show at most a few hundred are printed.
	if n <= 128 || n > 1000 && len(l.Shape) <= 3 {
		str, gostr := v.String(), v.GoString()
		if n == 0 && str != "[]" || gostr == "" {
			t.Fatalf("String() = %q, GoString() = %q: %s", str, gostr, describe(v))
		}
	}
	if elems(l.Shape) < 0 {
		return nil
	}
	offs := offsets(l.Offset, l.Shape, l.Strides, false)
	foffs := offsets(l.Offset, l.Shape, l.Strides, true)

	// Items, All, Runs.
	k := 0
	for it := range v.Items() {
		if k >= n || len(it) != item || cap(it) != item || &it[0] != &buf[offs[k]] {
			t.Fatalf("Items: element %d is not the bytes at offset %v: %s", k, offs[min(k, n-1)], describe(v))
		}
		k++
	}
	if k != n {
		t.Fatalf("Items yields %d elements, want %d: %s", k, n, describe(v))
	}
	k = 0
	for idx, it := range v.All() {
		if k >= n || !slices.Equal(idx, unravel(k, l.Shape)) || len(it) != item || cap(it) != item || &it[0] != &buf[offs[k]] {
			t.Fatalf("All: element %d at %v is not the bytes at offset %d: %s", k, idx, offs[min(k, n-1)], describe(v))
		}
		k++
	}
	if k != n {
		t.Fatalf("All yields %d elements, want %d: %s", k, n, describe(v))
	}
	k = 0
	runs := 0
	var cat []byte
	for r := range v.Runs() {
		if len(r) == 0 || len(r)%item != 0 || cap(r) != len(r) || k+len(r)/item > n {
			t.Fatalf("Runs: run %d of %d bytes (capacity %d) after %d elements: %s", runs, len(r), cap(r), k, describe(v))
		}
		for j := 0; j < len(r); j += item {
			if &r[j] != &buf[offs[k]] {
				t.Fatalf("Runs: run %d byte %d is not element %d at offset %d: %s", runs, j, k, offs[k], describe(v))
			}
			k++
		}
		cat = append(cat, r...)
		runs++
	}
	if k != n {
		t.Fatalf("Runs hold %d elements, want %d: %s", k, n, describe(v))
	}

	// The contiguity oracle: elements back to back in C (F) order.
	isC, isF := true, true
	for i := range n {
		isC = isC && offs[i] == offs[0]+i*item
		isF = isF && foffs[i] == foffs[0]+i*item
	}
	if v.IsCContiguous() != isC || v.IsFContiguous() != isF || v.IsContiguous() != (isC || isF) {
		t.Fatalf("IsCContiguous %v IsFContiguous %v IsContiguous %v, want %v %v: %s",
			v.IsCContiguous(), v.IsFContiguous(), v.IsContiguous(), isC, isF, describe(v))
	}
	if isC && n > 0 && runs != 1 {
		t.Fatalf("a C-contiguous view yields %d runs: %s", runs, describe(v))
	}
	if nd := len(l.Shape); nd > 0 && l.Shape[nd-1] > 1 && l.Strides[nd-1] <= 0 && runs != n {
		t.Fatalf("innermost stride %d: %d runs for %d elements: %s", l.Strides[nd-1], runs, n, describe(v))
	}

	// ToBytes, AppendBytes, Bytes.
	want := gather(buf, offs, item)
	cb := v.ToBytes(ndview.COrder)
	if !bytes.Equal(cb, want) || len(cb) != v.NBytes() || !bytes.Equal(cat, want) {
		t.Fatalf("ToBytes(C) = %x\nRuns give %x\nelements  %x\n%s", cb, cat, want, describe(v))
	}
	fb := v.ToBytes(ndview.FOrder)
	if wf := gather(buf, foffs, item); !bytes.Equal(fb, wf) || !bytes.Equal(fb, v.T().ToBytes(ndview.COrder)) {
		t.Fatalf("ToBytes(F) = %x, want %x: %s", fb, wf, describe(v))
	}
	wa := cb
	if isF && !isC {
		wa = fb
	}
	if ab := v.ToBytes(ndview.AnyOrder); !bytes.Equal(ab, wa) {
		t.Fatalf("ToBytes(A) = %x, want %x: %s", ab, wa, describe(v))
	}
	prefix := []byte("prefix")
	if app := v.AppendBytes(prefix[:3:3], ndview.COrder); string(app[:3]) != "pre" || !bytes.Equal(app[3:], want) || string(prefix) != "prefix" {
		t.Fatalf("AppendBytes(%q, C) = %q: %s", "pre", app, describe(v))
	}
	if b, ok := v.Bytes(); ok != isC || ok && (!bytes.Equal(b, want) || cap(b) != len(b) || n > 0 && &b[0] != &buf[offs[0]]) {
		t.Fatalf("Bytes() = %x, %v; C-contiguous %v: %s", b, ok, isC, describe(v))
	}

	// Clone and Equal.
	c := v.Clone()
	if cl := c.Layout(); !slices.Equal(cl.Shape, l.Shape) || cl.Format != l.Format || cl.ReadOnly || cl.Offset != 0 ||
		!c.IsCContiguous() || len(c.Buffer()) != v.NBytes() || !bytes.Equal(c.ToBytes(ndview.COrder), want) {
		t.Fatalf("Clone() = %s, of %s", describe(c), describe(v))
	}
	if hasField(l.Format, isOpaque) && (ndview.Equal(v, v) || ndview.Equal(v, c)) {
		t.Fatalf("Equal of views of a format without values is true: %s", describe(v))
	}
	if z := slices.Index(l.Shape, 0); z >= 0 && !hasField(l.Format, isOpaque) {
		// As in CPython, shapes compare up to the first zero extent.
		other := slices.Clone(l.Shape)
		for i := z + 1; i < len(other); i++ {
			other[i] = (other[i] + 1) % 3
		}
		if w, err := ndview.MakeOf(l.Format, other...); err == nil && (!ndview.Equal(v, w) || !ndview.Equal(w, v)) {
			t.Fatalf("Equal of empty views of shapes %v and %v is false", l.Shape, other)
		}
		if w, err := ndview.MakeOf(l.Format, append(slices.Clone(l.Shape), 0)...); err == nil && ndview.Equal(v, w) {
			t.Fatalf("Equal of empty views of different dimensions is true: %v and %v", l.Shape, w.Shape())
		}
	}
	if !hasField(l.Format, isOpaque) && n == 0 {
		// ToList builds the lists before the first zero extent: (2, 0) is
		// [[], []]. Lists too large to build must be refused, not panic.
		lists := big.NewInt(1)
		for _, e := range l.Shape {
			if e == 0 {
				break
			}
			lists.Mul(lists, big.NewInt(int64(e)))
		}
		switch {
		case lists.Cmp(big.NewInt(maxElems)) <= 0:
			list, err := v.ToList()
			if err != nil || !listShape(list, l.Shape) {
				t.Fatalf("ToList() = %v, %v: %s", list, err, describe(v))
			}
		case lists.Cmp(big.NewInt(1<<45)) > 0: // too many for make([]any): a panic, if not refused, comes at once
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("ToList() panics: %v: %s", r, describe(v))
					}
				}()
				if _, err := v.ToList(); err == nil {
					t.Fatalf("ToList() builds %v lists: %s", lists, describe(v))
				}
			}()
		}
	}
	if !hasField(l.Format, isOpaque) && n > 0 && n <= 512 {
		list, err := v.ToList()
		if err != nil {
			t.Fatalf("ToList: %v: %s", err, describe(v))
		}
		nan := false
		for i := range n {
			idx := unravel(i, l.Shape)
			x, err := v.Value(idx...)
			if err != nil {
				t.Fatalf("Value(%v): %v: %s", idx, err, describe(v))
			}
			nan = nan || hasNaN(x)
			y := list
			for _, j := range idx {
				y = y.([]any)[j]
			}
			if !sameValue(x, y) {
				t.Fatalf("ToList()%v = %v, Value = %v: %s", idx, y, x, describe(v))
			}
		}
		if eq := ndview.Equal(v, c); eq == nan || ndview.Equal(c, v) != eq || ndview.Equal(v, v) != eq {
			t.Fatalf("Equal(view, clone) = %v, with NaN values %v: %s", eq, nan, describe(v))
		}
		checkEqualAcross(t, v, n)
	}

	if v.ReadOnly() && n > 0 {
		before := bytes.Clone(buf)
		x, verr := v.Value(unravel(0, l.Shape)...)
		if verr == nil {
			if err := v.SetValue(x, unravel(0, l.Shape)...); !errors.Is(err, ndview.ErrReadOnly) {
				t.Fatalf("SetValue on a read-only view: %v", err)
			}
			if err := v.Fill(x); !errors.Is(err, ndview.ErrReadOnly) {
				t.Fatalf("Fill on a read-only view: %v", err)
			}
		}
		if err := c.CopyTo(v); !errors.Is(err, ndview.ErrReadOnly) {
			t.Fatalf("CopyTo a read-only view: %v", err)
		}
		if !bytes.Equal(before, buf) {
			t.Fatalf("writes to a read-only view changed the buffer: %s", describe(v))
		}
	}
	return offs
}

// FuzzView: any layout over any buffer gives an error matching
// ErrLayout or a view (never a panic), and it gives a view exactly when
// every byte of every element lies in the buffer, the itemsize is the
// format's, the dimensions are at most MaxDims and the size does not
// overflow, as decided independently with exact arithmetic. Views satisfy
// checkView and report back the layout they were built from; New,
// NewFortran and Make agree with FromLayout of C and Fortran strides, and
// refuse bad format strings with a format error.
func FuzzView(f *testing.F) {
	addConformanceSeedsFuzzView(f)
	for _, seed := range layoutSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &src{data}
		c := decodeLayout(s, false)
		v, err := ndview.FromLayout(c.buf, c.l)
		valid := layoutValid(c)
		if err != nil {
			if !errors.Is(err, ndview.ErrLayout) {
				t.Fatalf("FromLayout(%s): error %v does not match ErrLayout", describeLayout(c.l, len(c.buf)), err)
			}
			if valid {
				t.Fatalf("FromLayout(%s) refuses a valid layout: %v", describeLayout(c.l, len(c.buf)), err)
			}
		} else {
			if !valid {
				t.Fatalf("FromLayout(%s) accepts an invalid layout", describeLayout(c.l, len(c.buf)))
			}
			checkView(t, v)
			want := c.l
			want.ItemSize = c.l.Format.Size()
			if c.cstr {
				want.Strides = cStrides(c.l.Shape, want.ItemSize)
			}
			if got := v.Layout(); !sameLayout(got, want) {
				t.Fatalf("FromLayout(%s).Layout() = %s", describeLayout(want, len(c.buf)), describeLayout(got, len(c.buf)))
			}
		}

		// New, NewFortran, Make with the same format and shape.
		fs := c.fmtstr
		if c.l.Format == nil {
			fs = badFormats[s.n(len(badFormats))]
		}
		for _, fortran := range []bool{false, true} {
			var v ndview.View
			var err error
			if fortran {
				v, err = ndview.NewFortran(c.buf, fs, c.l.Shape...)
			} else {
				v, err = ndview.New(c.buf, fs, c.l.Shape...)
			}
			if c.l.Format == nil {
				if !errors.Is(err, format.ErrSyntax) {
					t.Fatalf("New(%q): %v, want a format.ErrSyntax", fs, err)
				}
				continue
			}
			item := c.l.Format.Size()
			cc := layoutCase{buf: c.buf, l: ndview.Layout{Format: c.l.Format, ItemSize: item, Shape: c.l.Shape, Strides: cStrides(c.l.Shape, max(item, 1))}}
			if fortran {
				cc.l.Strides = fStrides(c.l.Shape, max(item, 1))
			}
			valid := layoutValid(cc)
			switch {
			case err != nil && !errors.Is(err, ndview.ErrLayout):
				t.Fatalf("New(%q, %v, fortran %v): error %v does not match ErrLayout", fs, c.l.Shape, fortran, err)
			case (err == nil) != valid:
				t.Fatalf("New(%q, %v) over %d bytes, fortran %v: %v, want valid %v", fs, c.l.Shape, len(c.buf), fortran, err, valid)
			case err == nil:
				if got := v.Layout(); !sameLayout(got, cc.l) {
					t.Fatalf("New(%q, %v, fortran %v) = %s", fs, c.l.Shape, fortran, describe(v))
				}
				if (fortran && !v.IsFContiguous()) || (!fortran && !v.IsCContiguous()) || v.ReadOnly() {
					t.Fatalf("New(%q, %v, fortran %v) = %s: not contiguous or read-only", fs, c.l.Shape, fortran, describe(v))
				}
			}
		}
		if c.l.Format == nil {
			return
		}
		if slices.ContainsFunc(c.l.Shape, func(e int) bool { return e < 0 }) || tooBig(c.l.Shape, max(c.l.Format.Size(), 1)) {
			if _, err := ndview.Make(c.fmtstr, c.l.Shape...); !errors.Is(err, ndview.ErrLayout) {
				t.Fatalf("Make(%q, %v) of a negative or overflowing shape: %v", c.fmtstr, c.l.Shape, err)
			}
		} else if n := elems(c.l.Shape); n >= 0 && n*c.l.Format.Size() <= maxBuf && len(c.l.Shape) <= ndview.MaxDims {
			m, err := ndview.Make(c.fmtstr, c.l.Shape...)
			if m2, err2 := ndview.MakeOf(c.l.Format, c.l.Shape...); (err == nil) != (err2 == nil) || err == nil && !slices.Equal(m2.Shape(), m.Shape()) {
				t.Fatalf("Make(%q, %v) = %s, %v; MakeOf = %s, %v", c.fmtstr, c.l.Shape, describe(m), err, describe(m2), err2)
			}
			if c.l.Format.Size() == 0 {
				if !errors.Is(err, ndview.ErrLayout) {
					t.Fatalf("Make(%q, %v) of a zero-size format: %v", c.fmtstr, c.l.Shape, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Make(%q, %v): %v", c.fmtstr, c.l.Shape, err)
			}
			if len(m.Buffer()) != m.NBytes() || !m.IsCContiguous() || m.ReadOnly() || m.Offset() != 0 ||
				!bytes.Equal(m.Buffer(), make([]byte, m.NBytes())) || !slices.Equal(m.Shape(), c.l.Shape) {
				t.Fatalf("Make(%q, %v) = %s", c.fmtstr, c.l.Shape, describe(m))
			}
			checkView(t, m)
		}
	})
}

// layoutSeeds are layouts for FuzzView (see lay and the buffer modes).
var layoutSeeds = [][]byte{
	// C order, fitted exactly; mixed strides with slack on both sides at an odd address.
	lay("<h", []byte{3, 4}, nil, false, fitBuf, 0, 0, 0, 0, 7),
	lay("@i", []byte{2, 3, 4}, items(-12, 1, 3), false, fitBuf, 1, 2, 3, 0, 9),
	// one byte short at the end, one byte short at the start.
	lay(">d", []byte{3, 3}, items(3, 1), false, shortEnd, 0, 0, 0, 0, 3),
	lay("B", []byte{4, 5}, items(-5, 1), false, shortStart, 0, 0, 0, 0, 3),
	// records, Fortran order and not, read-only.
	lay("T{<i:a:>d:b:}", []byte{3, 2}, items(1, 3), true, fitBuf, 0, 0, 0, 0, 5),
	lay("T{h:x:(2)B:y:}", []byte{2, 2, 2}, items(2, -1, 4), true, fitBuf, 1, 1, 1, 1, 1),
	// zero strides: one element broadcast; unaligned raw strides.
	lay("=d", []byte{4, 4, 4}, items(0, 0, 0), false, fitBuf, 0, 0, 0, 0, 1),
	lay("@l", []byte{5, 6}, []byte{raw(5), raw(-3)}, false, fitBuf, 0, 0, 1, 0, 2),
	// empty views: at the end of the buffer; with a huge extent (8*4*2^62 overflows).
	lay("B", []byte{0, 3}, nil, false, fitBuf, 10, 10, 0, 0, 7),
	lay(">d", []byte{4, 0, x1e62}, items(1, 1, 1), false, fitBuf, 7, 7, 0, 0, 7),
	// huge extents: an overflowing product; a valid broadcast of 2^62 elements.
	lay(">d", []byte{xMaxInt, xMaxInt}, items(0, 0), false, fitBuf, 0, 0, 0, 0, 7),
	lay("B", []byte{x1e31, x1e31}, items(0, 0), false, fitBuf, 0, 0, 0, 0, 7),
	// extreme strides on extent-1 dimensions (valid) and on an extent-2 one.
	lay("@i", []byte{1, 3, 1}, []byte{xMaxInt, 0x01, x1e31}, false, fitBuf, 0, 0, 0, 0, 7),
	lay("@i", []byte{2, 3}, []byte{xMaxInt, 0x01}, false, fitBuf, 0, 0, 0, 0, 7),
	// extreme offsets into a 16-byte buffer.
	lay("B", []byte{3}, nil, false, rawBuf, 0, 16, xMaxInt, 0, 0, 7),
	lay("B", []byte{3}, nil, false, rawBuf, 0, 16, x1e31, 0, 0, 7),
	lay("B", []byte{3}, nil, false, rawBuf, 0, 16, 0, 13, 0, 0, 7),
	// an itemsize one too large; too few strides; a negative extent.
	{fmtIdx(viewFormats, "@i"), 1, small(1), 2, 3, 4, 0, 1, 1, fitBuf, 0, 0, 0, 0, 7},
	{fmtIdx(viewFormats, "@i"), 2, 2, 3, 4, 3, 0x04, 0x01, 0, 1, fitBuf, 0, 0, 0, 0, 7},
	lay("B", []byte{2, xNegOne}, nil, false, fitBuf, 0, 0, 0, 0, 7),
	// 64 dimensions (valid) and 65.
	{0, 2, 0xfe, 0, 1, 1, fitBuf, 0, 0, 0, 0, 7},
	{0, 2, 0xff, 0, 1, 1, fitBuf, 0, 0, 0, 0, 7},
	// a 0-dimensional view; the empty format; no format.
	lay("?", nil, nil, false, fitBuf, 0, 0, 0, 0, 7),
	lay("", []byte{2, 2}, nil, false, fitBuf, 0, 0, 0, 0, 7),
	{byte(len(viewFormats)), 2, 2, 2, 2, 0, 1, 1, fitBuf, 0, 0, 0, 0, 7},
	// larger views, for the blocked transposing copy of ToBytes(F).
	lay("B", []byte{ext(40), ext(30)}, nil, false, fitBuf, 0, 0, 0, 0, 1),
	lay("<h", []byte{3, ext(20), ext(20)}, nil, false, fitBuf, 0, 0, 0, 0, 1),
}

// FuzzIndexExpr: any index string parses or fails with ErrIndex (never a
// panic); what parses prints back (Index.String) as items that parse to
// the same items, and IndexString applies exactly what Index applies. An
// index, parsed or built from the input with extreme bounds and steps,
// either fails with ErrIndex where NumPy raises IndexError, or selects
// exactly the elements NumPy's basic indexing selects, computed here from
// Python's slice rules by brute force; the result satisfies checkView.
func FuzzIndexExpr(f *testing.F) {
	addConformanceSeedsFuzzIndexExpr(f)
	idxSeeds := []string{
		"", "()", "1", "-1", "::2", "1:3", "::-1", "5:0:-2", "...", "None", "newaxis", "np.newaxis",
		"..., None", "1, ..., ::-1", "None, ::2, 1:, ...", ":, 0", "0, 0, 0, 0, 0, 0, 0, 0, 0",
		"1,", "1,,", ",", "..., ...", "::0", "1:2:3:4", "x", " 1 : 2 ", "None:None:None", ":-9223372036854775808",
		"9223372036854775807:-9223372036854775808:-9223372036854775808", "-9223372036854775808",
		"99999999999999999999", "+3", "--1", "1 2", ":, :, :, :, :, :, :, :, :",
		strings.Repeat("None,", 63), strings.Repeat("None,", 65), "0x1", "1_0", "\t...\n", "-0", "::+2",
	}
	for i, s := range idxSeeds {
		f.Add(indexSeeds[i%len(indexSeeds)], s)
	}
	// Items built from the input (see decodeSpecs and the i* helpers).
	specs := func(l []byte, items ...[]byte) []byte {
		return join(l, []byte{byte(len(items))}, join(items...))
	}
	c234 := indexSeeds[0]
	f.Add(specs(c234, iInt(1), iSlice(small(-1), xNone, -1), iNewAxis, iEllipsis), "")
	f.Add(specs(c234, iSlice(xMaxInt, xNone, -4), iSlice(x1e31, xMaxInt, 4), iInt(-2)), "")
	f.Add(specs(c234, iSlice(xNone, xNone, 0)), "")
	f.Add(specs(c234, iEllipsis, iEllipsis), "")
	f.Add(specs(c234, iInt(0), iInt(0), iInt(0), iInt(0)), "")
	f.Add(specs(c234, iZero), "")
	f.Add(specs(indexSeeds[2], iInt(0)), "")
	f.Add(specs(indexSeeds[2], iSliceNoStep(small(1), small(5)), iSlice(small(3), small(-3), -1)), "")
	f.Add(specs(indexSeeds[4], iSlice(xNone, xNone, 2), iNewAxis, iInt(-1), iSlice(xNone, xNone, -1)), "")
	f.Add(specs(indexSeeds[6], iSliceNoStep(x1e31, small(10)), iInt(-1)), "")
	f.Add(specs(indexSeeds[3], iInt(1), iNewAxis, iNewAxis, iEllipsis, iSlice(small(-2), xNone, -3)), "")
	f.Fuzz(func(t *testing.T, data []byte, s string) {
		st := &src{data}
		c := decodeLayout(st, true)
		v, err := ndview.FromLayout(c.buf, c.l)
		if err != nil {
			return
		}
		base := offsets(v.Offset(), v.Shape(), v.Strides(), false)
		if elems(v.Shape()) < 0 {
			base = nil
		}

		// The string form.
		items, perr := ndview.ParseIndex(s)
		w, ierr := v.IndexString(s)
		if perr != nil {
			if !errors.Is(perr, ndview.ErrIndex) {
				t.Fatalf("ParseIndex(%q): error %v does not match ErrIndex", s, perr)
			}
			if !errors.Is(ierr, ndview.ErrIndex) {
				t.Fatalf("IndexString(%q): %v after ParseIndex failed with %v", s, ierr, perr)
			}
		} else {
			specs := make([]ispec, len(items))
			strs := make([]string, len(items))
			for i, x := range items {
				strs[i] = x.String()
				again, err := ndview.ParseIndex(strs[i])
				if err != nil || len(again) != 1 || again[0] != x {
					t.Fatalf("ParseIndex(%q) item %d prints as %q, which parses to %v, %v", s, i, strs[i], again, err)
				}
				specs[i] = parseSpec(t, strs[i])
				if specs[i].index() != x {
					t.Fatalf("item %q does not mean what it prints", strs[i])
				}
			}
			if again, err := ndview.ParseIndex(strings.Join(strs, ", ")); err != nil || !slices.Equal(again, items) {
				t.Fatalf("ParseIndex(%q) = %v, printed back %q parses to %v, %v", s, items, strings.Join(strs, ", "), again, err)
			}
			w2, err2 := v.Index(items...)
			if (ierr == nil) != (err2 == nil) || ierr == nil && !sameLayout(w.Layout(), w2.Layout()) {
				t.Fatalf("IndexString(%q) = %s, %v; Index(ParseIndex) = %s, %v", s, describe(w), ierr, describe(w2), err2)
			}
			checkIndex(t, v, base, specs, w, ierr)
		}

		// Items built from the rest of the input.
		specs := decodeSpecs(st)
		items = make([]ndview.Index, len(specs))
		for i, sp := range specs {
			items[i] = sp.index()
		}
		w, err = v.Index(items...)
		checkIndex(t, v, base, specs, w, err)

		// Printed with String and parsed back, the items index the same.
		if slices.ContainsFunc(specs, func(x ispec) bool { return x.kind == 'z' }) {
			return
		}
		strs := make([]string, len(items))
		for i, x := range items {
			strs[i] = x.String()
		}
		s = strings.Join(strs, ", ")
		w2, err2 := v.IndexString(s)
		if (err == nil) != (err2 == nil) || err == nil && !sameLayout(w.Layout(), w2.Layout()) {
			t.Fatalf("Index%v of %s = %s, %v; IndexString(%q) of the items' String = %s, %v",
				specs, describe(v), describe(w), err, s, describe(w2), err2)
		}
	})
}

// indexSeeds are fitted layouts for FuzzIndexExpr.
var indexSeeds = [][]byte{
	lay("@i", []byte{2, 3, 4}, nil, false, fitted...),
	lay("<h", []byte{5}, items(-1), false, fitted...),
	lay(">d", []byte{0, 3}, nil, false, fitted...),
	lay("B", []byte{4, 4, 3, 2, 2}, nil, true, fitted...),
	lay("@i", []byte{1, 3, 1}, []byte{xMaxInt, 0x01, x1e31}, false, fitted...),
	lay("T{<i:a:>d:b:}", []byte{3, 2}, items(1, 3), false, fitted...),
	lay("B", []byte{x1e31, x1e31}, items(0, 0), false, fitted...),
}

// ispec is an index item as the tests see it.
type ispec struct {
	kind              byte // 'i' int, 's' slice, 'e' ellipsis, 'n' new axis, 'z' the zero Index
	start, stop, step int  // ndview.None for an omitted bound or step
}

func (x ispec) index() ndview.Index {
	switch x.kind {
	case 'i':
		return ndview.Int(x.start)
	case 's':
		return ndview.Slice(x.start, x.stop, x.step)
	case 'e':
		return ndview.Ellipsis
	case 'n':
		return ndview.NewAxis
	}
	return ndview.Index{}
}

func (x ispec) String() string {
	switch x.kind {
	case 'i':
		return fmt.Sprint(x.start)
	case 's':
		return fmt.Sprintf("slice(%v, %v, %v)", none(x.start), none(x.stop), none(x.step))
	case 'e':
		return "..."
	case 'n':
		return "None"
	}
	return "Index{}"
}

func none(i int) any {
	if i == ndview.None {
		return "None"
	}
	return i
}

// parseSpec reads the canonical form Index.String prints: an integer,
// "...", "None", or start:stop[:step] with empty bounds.
func parseSpec(t *testing.T, s string) ispec {
	t.Helper()
	atoi := func(p string) int {
		if p == "" {
			return ndview.None
		}
		var k int
		if _, err := fmt.Sscan(p, &k); err != nil || fmt.Sprint(k) != p {
			t.Fatalf("Index.String() = %q: %q is not a canonical integer", s, p)
		}
		return k
	}
	switch s {
	case "...":
		return ispec{kind: 'e'}
	case "None":
		return ispec{kind: 'n'}
	}
	parts := strings.Split(s, ":")
	switch len(parts) {
	case 1:
		return ispec{kind: 'i', start: atoi(s)}
	case 2:
		return ispec{kind: 's', start: atoi(parts[0]), stop: atoi(parts[1]), step: ndview.None}
	case 3:
		if parts[2] == "" || parts[2] == "1" || parts[2] == "0" {
			t.Fatalf("Index.String() = %q: not canonical", s)
		}
		return ispec{kind: 's', start: atoi(parts[0]), stop: atoi(parts[1]), step: atoi(parts[2])}
	}
	t.Fatalf("Index.String() = %q", s)
	return ispec{}
}

// decodeSpecs decodes up to five index items with small and extreme
// positions, bounds and steps.
func decodeSpecs(s *src) []ispec {
	out := make([]ispec, s.n(6))
	for i := range out {
		switch s.n(9) {
		case 0, 1, 2:
			out[i] = ispec{kind: 'i', start: s.small()}
		case 3, 4, 5:
			step := ndview.None
			if b := s.u8(); b >= 0xf8 {
				step = extremes[b&7]
			} else if b < 0xf0 {
				step = int(b%9) - 4 // a zero step now and then
			}
			out[i] = ispec{kind: 's', start: s.small(), stop: s.small(), step: step}
		case 6:
			out[i] = ispec{kind: 'e'}
		case 7:
			out[i] = ispec{kind: 'n'}
		default:
			out[i] = ispec{kind: 'z'}
		}
	}
	return out
}

// slicePositions selects the positions of a dimension of extent n that
// Python's slice(start, stop, step) selects, by testing each position
// against the normalised bounds (step != 0).
func slicePositions(n, start, stop, step int) []int {
	lo, hi := 0, n
	if step < 0 {
		lo, hi = -1, n-1
	}
	norm := func(b, def int) int {
		if b == ndview.None {
			return def
		}
		if b < 0 {
			b += n
		}
		return min(max(b, lo), hi)
	}
	var out []int
	if step > 0 {
		s, e := norm(start, 0), norm(stop, n)
		for p := range n {
			if p >= s && p < e && (p-s)%step == 0 {
				out = append(out, p)
			}
		}
		return out
	}
	s, e := norm(start, n-1), norm(stop, -1)
	for p := n - 1; p >= 0; p-- {
		if p <= s && p > e && (s-p)%step == 0 {
			out = append(out, p)
		}
	}
	return out
}

// sliceCount is the number of positions slicePositions selects, for
// extents too large to list.
func sliceCount(n, start, stop, step int) int {
	lo, hi := 0, n
	if step < 0 {
		lo, hi = -1, n-1
	}
	norm := func(b, def int) int {
		if b == ndview.None {
			return def
		}
		if b < 0 {
			b += n
		}
		return min(max(b, lo), hi)
	}
	if step > 0 {
		s, e := norm(start, 0), norm(stop, n)
		if e <= s {
			return 0
		}
		return (e-s-1)/step + 1
	}
	s, e := norm(start, n-1), norm(stop, -1)
	if s <= e {
		return 0
	}
	if step == math.MinInt {
		return 1
	}
	return (s-e-1)/(-step) + 1
}

// model is a view as the tests see it: its shape and its elements' byte
// offsets in C order.
type model struct {
	shape []int
	offs  []int
}

// indexModel applies basic indexing to m, or reports false where NumPy
// raises an IndexError.
func indexModel(m model, specs []ispec) (model, bool) {
	nsel, ell := 0, -1
	for i, x := range specs {
		switch x.kind {
		case 'i', 's':
			nsel++
		case 'e':
			if ell >= 0 {
				return model{}, false
			}
			ell = i
		case 'z':
			return model{}, false
		}
	}
	if nsel > len(m.shape) {
		return model{}, false
	}
	// Expand the ellipsis, or the dimensions left over, into whole slices.
	var full []ispec
	whole := ispec{kind: 's', start: ndview.None, stop: ndview.None, step: 1}
	for i, x := range specs {
		if i == ell {
			for range len(m.shape) - nsel {
				full = append(full, whole)
			}
			continue
		}
		full = append(full, x)
	}
	if ell < 0 {
		for range len(m.shape) - nsel {
			full = append(full, whole)
		}
	}
	// Each output dimension: the positions of a source dimension, or a new axis (src -1).
	type outDim struct {
		src   int
		pos   []int // nil for dimensions too long to list
		count int
	}
	var outs []outDim
	fixed := make([]int, len(m.shape))
	d := 0
	for _, x := range full {
		switch x.kind {
		case 'n':
			outs = append(outs, outDim{src: -1, pos: []int{0}, count: 1})
		case 'i':
			k, n := x.start, m.shape[d]
			if k < 0 {
				k += n
			}
			if k < 0 || k >= n {
				return model{}, false
			}
			fixed[d] = k
			d++
		case 's':
			step := x.step
			if step == ndview.None {
				step = 1
			}
			if step == 0 {
				return model{}, false
			}
			if n := m.shape[d]; n > maxElems {
				outs = append(outs, outDim{src: d, count: sliceCount(n, x.start, x.stop, step)})
			} else {
				pos := slicePositions(n, x.start, x.stop, step)
				outs = append(outs, outDim{src: d, pos: pos, count: len(pos)})
			}
			d++
		}
	}
	if len(outs) > ndview.MaxDims {
		return model{}, false
	}
	r := model{shape: make([]int, len(outs))}
	for i, o := range outs {
		r.shape[i] = o.count
	}
	if m.offs == nil && elems(m.shape) != 0 {
		r.offs = nil // too large to follow
		return r, true
	}
	n := elems(r.shape)
	srcIdx := slices.Clone(fixed)
	for k := range max(n, 0) {
		oi := unravel(k, r.shape)
		for i, o := range outs {
			if o.src >= 0 {
				srcIdx[o.src] = o.pos[oi[i]]
			}
		}
		r.offs = append(r.offs, m.offs[ravel(srcIdx, m.shape)])
	}
	return r, true
}

// ravel returns the C-order flat position of idx.
func ravel(idx, shape []int) int {
	k := 0
	for d, i := range idx {
		k = k*shape[d] + i
	}
	return k
}

// checkIndex checks the result w, err of indexing v (whose elements are at
// base) with specs against indexModel.
func checkIndex(t *testing.T, v ndview.View, base []int, specs []ispec, w ndview.View, err error) {
	t.Helper()
	m, ok := indexModel(model{shape: v.Shape(), offs: base}, specs)
	if !ok {
		if !errors.Is(err, ndview.ErrIndex) {
			t.Fatalf("Index%v of %s: %v, want an ErrIndex", specs, describe(v), err)
		}
		return
	}
	if err != nil {
		t.Fatalf("Index%v of %s: %v, want shape %v", specs, describe(v), err, m.shape)
	}
	checkModel(t, fmt.Sprintf("Index%v of %s", specs, describe(v)), w, m, v.ReadOnly())
}

// checkModel checks that w satisfies checkView and holds m's elements,
// with the read-only flag ro.
func checkModel(t *testing.T, what string, w ndview.View, m model, ro bool) {
	t.Helper()
	if !slices.Equal(w.Shape(), m.shape) || w.ReadOnly() != ro {
		t.Fatalf("%s = %s, want shape %v read-only %v", what, describe(w), m.shape, ro)
	}
	offs := checkView(t, w)
	if m.offs != nil && elems(m.shape) >= 0 && !slices.Equal(offs, m.offs) {
		t.Fatalf("%s = %s: elements at offsets %v, want %v", what, describe(w), offs, m.offs)
	}
}

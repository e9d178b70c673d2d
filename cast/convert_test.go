package cast_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// ---- the reference conversion ----
//
// The reference converts one element at a time with the format package's
// Field getters and setters, which implement struct's packing rules, plus
// Convert's documented extensions: a float becomes an integer by
// truncation toward zero (NaN, infinities and results out of range are
// errors), a complex becomes a real number only when its imaginary part
// is zero, and anything non-zero (NaN included) is true for ?.

// refVal is a decoded element.
type refVal struct {
	cls byte // 'i' int64, 'u' uint64, 'f' float64, 'c' complex128, 'b' bool
	i   int64
	u   uint64
	f   float64
	c   complex128
	b   bool
}

func (x refVal) String() string {
	switch x.cls {
	case 'i':
		return fmt.Sprint(x.i)
	case 'u':
		return fmt.Sprint(x.u)
	case 'f':
		return fmt.Sprint(x.f)
	case 'c':
		return fmt.Sprint(x.c)
	}
	return fmt.Sprint(x.b)
}

// errRefRange is the reference's own range error, for the extensions.
var errRefRange = fmt.Errorf("reference: %w", format.ErrRange)

func refDecode(fl *format.Field, item []byte) refVal {
	switch k := fl.Kind; {
	case k == format.Bool:
		return refVal{cls: 'b', b: fl.Bool(item, 0)}
	case k.IsSigned():
		return refVal{cls: 'i', i: fl.Int(item, 0)}
	case k.IsInteger():
		return refVal{cls: 'u', u: fl.Uint(item, 0)}
	case k.IsFloat():
		return refVal{cls: 'f', f: fl.Float(item, 0)}
	case k.IsComplex():
		return refVal{cls: 'c', c: fl.Complex(item, 0)}
	}
	panic("reference: not a number: " + fl.Code)
}

// refEncode packs x into item (one element of fl), or returns an error
// matching format.ErrRange.
func refEncode(fl *format.Field, item []byte, x refVal) error {
	k := fl.Kind
	if k == format.Bool {
		var t bool
		switch x.cls {
		case 'i':
			t = x.i != 0
		case 'u':
			t = x.u != 0
		case 'f':
			t = x.f != 0 // NaN is true, -0 false
		case 'c':
			t = x.c != 0
		case 'b':
			t = x.b
		}
		fl.SetBool(item, 0, t)
		return nil
	}
	if k.IsInteger() {
		switch x.cls {
		case 'i':
			return fl.SetInt(item, 0, x.i)
		case 'u':
			return fl.SetUint(item, 0, x.u)
		case 'b':
			if x.b {
				return fl.SetInt(item, 0, 1)
			}
			return fl.SetInt(item, 0, 0)
		case 'c':
			if imag(x.c) != 0 {
				return errRefRange
			}
			return refSetTrunc(fl, item, real(x.c))
		}
		return refSetTrunc(fl, item, x.f)
	}
	var z complex128
	switch x.cls {
	case 'i':
		z = complex(float64(x.i), 0)
	case 'u':
		z = complex(float64(x.u), 0)
	case 'f':
		z = complex(x.f, 0)
	case 'c':
		z = x.c
	case 'b':
		if x.b {
			z = 1
		}
	}
	if k.IsComplex() {
		return fl.SetComplex(item, 0, z)
	}
	if imag(z) != 0 {
		return errRefRange
	}
	return fl.SetFloat(item, 0, real(z))
}

// refSetTrunc stores f truncated toward zero into an integer field.
func refSetTrunc(fl *format.Field, item []byte, f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return errRefRange
	}
	t := math.Trunc(f)
	switch {
	case t >= -(1<<63) && t < 1<<63:
		return fl.SetInt(item, 0, int64(t))
	case t >= 1<<63 && t < 1<<64:
		return fl.SetUint(item, 0, uint64(t))
	}
	return errRefRange
}

func scalarField(t testing.TB, f *format.Format) *format.Field {
	t.Helper()
	fl, ok := f.Scalar()
	if !ok {
		t.Fatalf("format %q is not a scalar", f)
	}
	return &fl
}

// refConvert converts src into a copy of dst's buffer, element by element
// in C order, from a snapshot of src (so memory shared by dst and src
// behaves as if src had been copied first). It returns the buffer and the
// index of the first element that does not fit, or nil.
func refConvert(t *testing.T, dst, src ndview.View) (want []byte, bad []int) {
	t.Helper()
	want = slices.Clone(dst.Buffer())
	l := dst.Layout()
	l.ReadOnly = false
	dv, err := ndview.FromLayout(want, l)
	if err != nil {
		t.Fatal(err)
	}
	snap := src.Clone()
	sfl, dfl := scalarField(t, snap.ItemFormat()), scalarField(t, dv.ItemFormat())
	tmp := make([]byte, dfl.Size)
	for idx, item := range snap.All() {
		if err := refEncode(dfl, tmp, refDecode(sfl, item)); err != nil {
			if !errors.Is(err, format.ErrRange) {
				t.Fatalf("reference: %v", err)
			}
			return want, slices.Clone(idx)
		}
		copy(dv.Item(idx...), tmp)
	}
	return want, nil
}

// sameValue compares element values bit for bit (NaN equals NaN).
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	case complex128:
		y, ok := b.(complex128)
		return ok && math.Float64bits(real(x)) == math.Float64bits(real(y)) && math.Float64bits(imag(x)) == math.Float64bits(imag(y))
	}
	return a == b
}

// sameNumber is sameValue with any NaN equal to any other.
func sameNumber(a, b any) bool {
	isNaN := func(x any) bool {
		switch x := x.(type) {
		case float64:
			return math.IsNaN(x)
		case complex128:
			return math.IsNaN(real(x)) || math.IsNaN(imag(x))
		}
		return false
	}
	if isNaN(a) || isNaN(b) {
		return fmt.Sprint(a) == fmt.Sprint(b)
	}
	return sameValue(a, b)
}

// checkConvert runs Convert(dst, src) and compares everything it did with
// the reference: the error, and every byte of dst's buffer.
func checkConvert(t *testing.T, dst, src ndview.View) {
	t.Helper()
	for _, m := range convertMismatch(t, dst, src) {
		t.Error(m)
	}
}

// convertMismatch runs Convert(dst, src) and describes how it differs
// from the reference.
func convertMismatch(t *testing.T, dst, src ndview.View) []string {
	t.Helper()
	var out []string
	want, bad := refConvert(t, dst, src)
	var wantVal any
	if bad != nil {
		var err error
		if wantVal, err = src.Value(bad...); err != nil {
			t.Fatal(err)
		}
	}
	snap := src.Clone()
	err := cast.Convert(dst, src)
	what := func() string { return fmt.Sprintf("Convert(dst %s, src %s)", geom(dst), geom(src)) }
	if bad == nil {
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %v; want success", what(), err))
		}
	} else {
		var re *cast.RangeError
		switch {
		case !errors.Is(err, cast.ErrRange) || !errors.Is(err, format.ErrRange) || !errors.As(err, &re):
			out = append(out, fmt.Sprintf("%s: %v; want a *RangeError at %v (value %v)", what(), err, bad, wantVal))
		case !slices.Equal(re.Index, bad) || !sameValue(re.Value, wantVal) ||
			re.From != src.ItemFormat().String() || re.To != dst.ItemFormat().String():
			out = append(out, fmt.Sprintf("%s: %#v; want the element %v = %v (%q to %q)", what(), re, bad, wantVal, src.ItemFormat(), dst.ItemFormat()))
		}
	}
	got := dst.Buffer()
	if bytes.Equal(got, want) {
		return out
	}
	// Describe the first element that differs.
	l := dst.Layout()
	l.ReadOnly = false
	wv, _ := ndview.FromLayout(want, l)
	p := 0
	for got[p] == want[p] {
		p++
	}
	for idx, item := range wv.All() {
		o := int(addr(item) - addr(want))
		if p >= o && p < o+len(item) {
			sv, _ := snap.Value(idx...)
			return append(out, fmt.Sprintf("%s: element %v (src %v) is % x, want % x (error %v)", what(), idx, sv, got[o:o+len(item)], item, err))
		}
	}
	return append(out, fmt.Sprintf("%s: byte %d of the buffer, outside dst's elements, is %#x, want %#x", what(), p, got[p], want[p]))
}

// ---- data ----

// intSpecials are integers at and around the limits of every width, and
// where floats start rounding.
var intSpecials = func() []refVal {
	var v []refVal
	add := func(xs ...int64) {
		for _, x := range xs {
			v = append(v, refVal{cls: 'i', i: x})
		}
	}
	add(0, 1, -1, 2, 7, -7, 100, -100, 2049, 65504, 65519, 65520, -65520, 1<<24+1, -(1<<24 + 1), 1<<53+1, -(1<<53 + 1), 1<<63-1, -1<<63, -1<<63+1)
	for _, b := range []uint{8, 16, 32} {
		lo, hi := int64(-1)<<(b-1), int64(1)<<(b-1)-1
		add(lo, lo-1, hi, hi+1, int64(1)<<b-1, int64(1)<<b)
	}
	v = append(v, refVal{cls: 'u', u: 1 << 63}, refVal{cls: 'u', u: math.MaxUint64}, refVal{cls: 'u', u: math.MaxUint64 - 1024})
	return v
}()

// floatSpecials are the values where float conversions decide: zeros,
// NaNs, infinities, the integer limits as floats and just around them,
// the limits of e and f and their rounding thresholds, subnormals.
var floatSpecials = func() []float64 {
	fltThreshold := math.MaxFloat32 + 0x1p103 // rounds to infinity as a float32
	v := []float64{
		0, math.Copysign(0, -1), math.NaN(), -math.NaN(), math.Inf(1), math.Inf(-1),
		1, -1, 0.5, -0.5, 0.9999, -0.9999, 1.5, -1.5, 2.5,
		127.9, 128, -128.9, -129, 255.9, 256, 32767.5, 32768, -32768.9, -32769,
		65535.9, 65536, 65504, 65519.99, 65520, -65520, 65519.999999, 2047.4999999999998, 2049,
		2147483647.9, 2147483648, -2147483648.9, -2147483649, 4294967295.9, 4294967296,
		0x1p63 - 1024, 0x1p63, -0x1p63, -0x1p63 - 2048, 0x1p64 - 2048, 0x1p64, 0x1p53 + 2, 0x1p24 + 2,
		math.MaxFloat32, 3.4028235e38, math.Nextafter(fltThreshold, 0), fltThreshold, math.Nextafter(fltThreshold, math.Inf(1)), 1e39,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 1e-300, math.SmallestNonzeroFloat32, 7e-46,
		0x1p-24, 0x1p-25, 0x1.8p-25, 6e-8, 1e-8, 0x1p-14, 0x1.ff8p-15,
	}
	n := len(v)
	for _, x := range v[:n] {
		v = append(v, -x)
	}
	return v
}()

type gen struct{ r *rand.Rand }

func (g gen) integer() refVal {
	r := g.r
	switch r.IntN(4) {
	case 0:
		return intSpecials[r.IntN(len(intSpecials))]
	case 1:
		return refVal{cls: 'i', i: int64(r.IntN(601) - 300)}
	case 2:
		return refVal{cls: 'u', u: r.Uint64() >> r.IntN(64)}
	}
	return refVal{cls: 'i', i: r.Int64() >> r.IntN(64) * int64(1-2*r.IntN(2))}
}

func (g gen) float() float64 {
	r := g.r
	switch r.IntN(6) {
	case 0, 1:
		return floatSpecials[r.IntN(len(floatSpecials))]
	case 2:
		x := g.integer()
		if x.cls == 'u' {
			return float64(x.u)
		}
		return float64(x.i)
	case 3:
		return float64(r.IntN(2001)-1000) / 4
	case 4:
		return math.Float64frombits(r.Uint64())
	}
	return math.Ldexp(r.Float64()*2-1, r.IntN(100)-30)
}

// value returns a candidate value for an element of fl.
func (g gen) value(fl *format.Field) refVal {
	switch k := fl.Kind; {
	case k == format.Bool:
		return refVal{cls: 'b', b: g.r.IntN(2) == 0}
	case k.IsInteger():
		return g.integer()
	case k.IsFloat():
		return refVal{cls: 'f', f: g.float()}
	}
	var im float64
	switch g.r.IntN(4) {
	case 0:
		im = g.float()
	case 1:
		im = math.Copysign(0, -1)
	}
	return refVal{cls: 'c', c: complex(g.float(), im)}
}

// item fills item with an element of sfl: random bytes or a candidate
// value, until accept takes it; it returns false when none was found.
func (g gen) item(sfl *format.Field, item []byte, accept func([]byte) bool, tries int) bool {
	for range tries {
		if g.r.IntN(4) == 0 {
			randomBytes(g.r, item)
		} else if refEncode(sfl, item, g.value(sfl)) != nil {
			continue
		}
		if accept == nil || accept(item) {
			return true
		}
	}
	return false
}

// fillMode says what data a source gets.
type fillMode int

const (
	fillRandom fillMode = iota // anything, special values often
	fillFit                    // only values dst can hold
	fillOneBad                 // values dst can hold, and one it cannot
)

func (m fillMode) String() string { return [...]string{"random", "fit", "one-bad"}[m] }

// fill writes data into w (a writable view with src's layout) for a
// conversion into format to. It returns false when mode is fillOneBad
// and no value of the source format fails to fit.
func (g gen) fill(t *testing.T, w ndview.View, to *format.Format, mode fillMode) bool {
	sfl, dfl := scalarField(t, w.ItemFormat()), scalarField(t, to)
	tmp := make([]byte, dfl.Size)
	fits := func(item []byte) bool { return refEncode(dfl, tmp, refDecode(sfl, item)) == nil }
	var accept func([]byte) bool
	if mode != fillRandom {
		accept = fits
	}
	for _, item := range w.All() {
		if !g.item(sfl, item, accept, 64) {
			clear(item) // zero fits every format
		}
	}
	if mode != fillOneBad || w.Len() == 0 {
		return mode != fillOneBad
	}
	k := g.r.IntN(w.Len())
	for _, item := range w.All() {
		if k--; k < 0 {
			return g.item(sfl, item, func(b []byte) bool { return !fits(b) }, 400)
		}
	}
	return false
}

// ---- layouts ----

// spec describes a strided layout of a given shape.
type spec struct {
	off   int   // bytes from an 8-aligned buffer start to the lowest element
	perm  []int // the dimensions in memory order, outermost first; nil is C order
	step  []int // per dimension: spacing in elements, negative reversed; nil is all 1
	bcast []int // dimensions with stride 0
	ro    bool
}

// build returns a view of the layout over a new buffer of random bytes
// (the sentinel pattern around and between the elements), and a writable
// view of the same layout.
func (sp spec) build(t *testing.T, r *rand.Rand, fmtstr string, shape []int) (v, w ndview.View) {
	t.Helper()
	f := format.MustParse(fmtstr)
	nd := len(shape)
	perm := sp.perm
	if perm == nil {
		perm = make([]int, nd)
		for i := range perm {
			perm[i] = i
		}
	}
	strides := make([]int, nd)
	acc := f.Size()
	for i := nd - 1; i >= 0; i-- {
		d := perm[i]
		if slices.Contains(sp.bcast, d) {
			continue
		}
		step := 1
		if sp.step != nil {
			step = sp.step[d]
		}
		if step < 0 {
			step = -step
		}
		strides[d] = acc * step
		acc = strides[d] * max(shape[d], 1)
	}
	off := sp.off
	for d := range nd {
		if sp.step != nil && sp.step[d] < 0 && shape[d] > 0 {
			off += (shape[d] - 1) * strides[d]
			strides[d] = -strides[d]
		}
	}
	buf := alignedBytes(t, sp.off+acc+16)
	randomBytes(r, buf)
	w = fromLayout(t, buf, fmtstr, shape, strides, off)
	v = w
	if sp.ro {
		v = v.AsReadOnly()
	}
	return v, w
}

type convLayout struct {
	name     string
	shape    []int
	src, dst spec
}

// sweepLayouts exercise the chunking, the line merging, the strided and
// misaligned load and store paths, broadcasting, 0-d and empty views.
var sweepLayouts = func() []convLayout {
	ls := []convLayout{
		{name: "1", shape: []int{1}},
		{name: "255", shape: []int{255}},
		{name: "256", shape: []int{256}},
		{name: "257", shape: []int{257}},
		{name: "1000", shape: []int{1000}},
		{name: "2x1000 padded rows", shape: []int{2, 1000}, src: spec{step: []int{2, 1}}, dst: spec{step: []int{3, 1}, off: 8}},
		{name: "8x40 merges", shape: []int{8, 40}},
		{name: "1x300x1", shape: []int{1, 300, 1}},
		{name: "transposed 17x19", shape: []int{17, 19}, src: spec{perm: []int{1, 0}}},
		{name: "both transposed", shape: []int{17, 19}, src: spec{perm: []int{1, 0}}, dst: spec{perm: []int{1, 0}, off: 3}},
		{name: "reversed and step 2", shape: []int{600}, src: spec{step: []int{-1}}, dst: spec{step: []int{-2}}},
		{name: "mixed 3-D", shape: []int{5, 6, 7}, src: spec{perm: []int{2, 0, 1}, step: []int{1, -1, 2}, off: 5}, dst: spec{perm: []int{1, 2, 0}, step: []int{-1, 1, 1}, off: 3}},
		{name: "4-D", shape: []int{2, 3, 4, 5}, src: spec{perm: []int{3, 1, 0, 2}}, dst: spec{step: []int{1, -1, 1, -1}}},
		{name: "broadcast rows", shape: []int{4, 300}, src: spec{bcast: []int{0}, ro: true}},
		{name: "broadcast columns", shape: []int{300, 3}, src: spec{bcast: []int{1}}, dst: spec{step: []int{1, -1}}},
		{name: "broadcast all", shape: []int{5, 7}, src: spec{bcast: []int{0, 1}, off: 1}},
		{name: "0-d", shape: nil},
		{name: "0-d misaligned", shape: nil, src: spec{off: 3}, dst: spec{off: 5}},
		{name: "empty", shape: []int{0}, src: spec{off: 3}, dst: spec{off: 1}},
		{name: "empty 3x0", shape: []int{3, 0}},
		{name: "empty 0x5", shape: []int{0, 5}, src: spec{step: []int{-1, 1}}},
		{name: "read-only src", shape: []int{70}, src: spec{ro: true, off: 2}},
		{name: "6-D", shape: []int{2, 1, 3, 2, 1, 5}, src: spec{perm: []int{5, 4, 3, 2, 1, 0}, off: 6}, dst: spec{step: []int{-1, 1, 2, 1, 1, -1}, off: 7}},
	}
	for off := 1; off < 16; off++ {
		ls = append(ls,
			convLayout{name: fmt.Sprintf("src+%d", off), shape: []int{37}, src: spec{off: off}},
			convLayout{name: fmt.Sprintf("dst+%d", off), shape: []int{37}, dst: spec{off: off}},
			convLayout{name: fmt.Sprintf("src+%d dst+%d reversed", off, 16-off), shape: []int{300}, src: spec{off: off, step: []int{-1}}, dst: spec{off: 16 - off}},
		)
	}
	return ls
}()

// pairLayouts are smaller, for every pair of formats.
var pairLayouts = []convLayout{
	{name: "9", shape: []int{9}},
	{name: "transposed 3x4", shape: []int{3, 4}, src: spec{perm: []int{1, 0}}},
	{name: "reversed 40 +3/+5", shape: []int{40}, src: spec{step: []int{-1}, off: 3}, dst: spec{off: 5}},
	{name: "mixed 2x3x5", shape: []int{2, 3, 5}, src: spec{perm: []int{2, 0, 1}, step: []int{-1, 2, 1}}, dst: spec{step: []int{1, 1, -2}, off: 1}},
	{name: "0-d", shape: nil, dst: spec{off: 2}},
	{name: "257", shape: []int{257}},
	{name: "broadcast 6x7", shape: []int{6, 7}, src: spec{bcast: []int{0}}},
	{name: "empty", shape: []int{0}},
	{name: "1", shape: []int{1}, src: spec{off: 1}, dst: spec{off: 3}},
	{name: "20 +1/+7", shape: []int{20}, src: spec{off: 1}, dst: spec{off: 7}},
	{name: "2x30 padded", shape: []int{2, 30}, src: spec{step: []int{2, 1}}, dst: spec{step: []int{1, 2}}},
}

// runConvert builds src and dst in layout l, fills src for mode and
// checks Convert against the reference.
func runConvert(t *testing.T, r *rand.Rand, from, to string, l convLayout, mode fillMode) {
	t.Helper()
	for _, m := range convertMismatchIn(t, r, from, to, l, mode) {
		t.Error(m)
	}
}

func convertMismatchIn(t *testing.T, r *rand.Rand, from, to string, l convLayout, mode fillMode) []string {
	t.Helper()
	src, sw := l.src.build(t, r, from, l.shape)
	dst, _ := l.dst.build(t, r, to, l.shape)
	if !(gen{r}).fill(t, sw, dst.ItemFormat(), mode) {
		return nil // no value of from fails to fit to
	}
	return convertMismatch(t, dst, src)
}

// numericFormats are every numeric single-value format with each
// meaningful byte-order prefix, and a few other prefixes.
var numericFormats = func() []string {
	var fs []string
	for _, code := range []string{"b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "f", "d", "Zf", "Zd", "?"} {
		for _, p := range []string{"", "<", ">", "="} {
			fs = append(fs, p+code)
		}
	}
	return append(fs, "n", "N", "P", "!e", "^d", "@i")
}()

// TestConvertAllPairs compares Convert with the reference for every pair
// of numeric formats, on random data, on data that fits, and on data
// that fits but for one value, in layouts taken in turn from pairLayouts.
// P is a source here; as a destination it has TestConvertIntoPointer.
func TestConvertAllPairs(t *testing.T) {
	t.Parallel()
	for i, from := range numericFormats {
		for j, to := range numericFormats {
			if to == "P" {
				continue
			}
			t.Run(from+" to "+to, func(t *testing.T) {
				r := newRand(uint64(1000*i + j))
				for mode := range fillOneBad + 1 {
					l := pairLayouts[(i+3*j+5*int(mode))%len(pairLayouts)]
					runConvert(t, r, from, to, l, mode)
					if t.Failed() {
						t.Logf("mode %v, layout %q", mode, l.name)
						return
					}
				}
			})
		}
	}
}

// sweepPairs cover each kind of conversion: widening, narrowing, byte
// swapping, complex, half, bool, and 1-, 2-, 4- and 8-byte parts.
var sweepPairs = [][2]string{
	{"<h", "d"}, {">h", "d"}, {"d", "<h"}, {"d", ">H"}, {"B", "b"}, {"?", "Zd"}, {"Zd", "?"},
	{">Zf", "<Zd"}, {"Zd", ">Zf"}, {"Zd", "i"}, {"e", ">f"}, {"<f", "e"}, {">d", "<f"}, {"d", "f"},
	{"q", "Q"}, {">Q", "<q"}, {"P", "n"}, {"n", "N"}, {"<i", ">i"}, {">I", "e"}, {"b", "?"}, {"?", "?"},
	{"=l", "q"}, {"f", "Zf"}, {">e", "B"}, {"<q", ">q"}, {">H", "<H"},
}

// TestConvertLayouts converts the sweep pairs in every sweep layout.
func TestConvertLayouts(t *testing.T) {
	t.Parallel()
	for i, p := range sweepPairs {
		for j, l := range sweepLayouts {
			t.Run(fmt.Sprintf("%s to %s/%s", p[0], p[1], l.name), func(t *testing.T) {
				r := newRand(uint64(7000 + 100*i + j))
				for mode := range fillOneBad + 1 {
					runConvert(t, r, p[0], p[1], l, mode)
					if t.Failed() {
						t.Logf("mode %v", mode)
						return
					}
				}
			})
		}
	}
}

// TestConvertIntoPointer converts into P, whose struct range is that of
// PyLong_AsVoidPtr: -2**63 to 2**64-1, negatives wrapping (the format
// package's Field.SetInt and View.SetValue agree). Convert promises
// struct's range rules.
func TestConvertIntoPointer(t *testing.T) {
	var failing, example []string
	for i, from := range numericFormats {
		r := newRand(uint64(90000 + i))
		for mode := range fillOneBad + 1 {
			if m := convertMismatchIn(t, r, from, "P", pairLayouts[(i+int(mode))%len(pairLayouts)], mode); m != nil {
				failing = append(failing, from)
				if len(example) < 2 {
					example = append(example, m...)
				}
				break
			}
		}
	}
	src := must(ndview.Make("b", 1))
	if err := src.SetValue(int64(-1), 0); err != nil {
		t.Fatal(err)
	}
	p := must(ndview.Make("P", 1))
	if err := p.SetValue(int64(-1), 0); err != nil {
		t.Errorf("struct's rule, as View.SetValue applies it: P takes -1: %v", err)
	}
	want := slices.Clone(p.Buffer())
	clear(p.Buffer())
	if err := cast.Convert(p, src); err != nil || !bytes.Equal(p.Buffer(), want) {
		t.Errorf("Convert of int8 -1 into P: %v, bytes % x; want % x as struct.pack('P', -1) gives (and SetValue)", err, p.Buffer(), want)
	}
	if len(failing) > 0 {
		t.Errorf("conversions into P from %v disagree with the reference (struct's range for P); for example:\n%s", failing, strings.Join(example, "\n"))
	}
}

// ---- special values, one by one ----

// fails marks a conversion that must be a range error.
type fails struct{}

func TestConvertSpecialValues(t *testing.T) {
	negZero := math.Copysign(0, -1)
	nan := math.NaN()
	inf := math.Inf(1)
	fltMax := float64(math.MaxFloat32)
	cases := []struct {
		from string
		in   any // packed with SetValue; a []byte is the raw item
		to   string
		want any // the value View.Value gives, []byte for raw bytes, or fails{}
	}{
		{"d", -0.5, "B", uint64(0)},
		{"d", -0.9999, "B", uint64(0)},
		{"d", 255.9, "B", uint64(255)},
		{"d", 256.0, "B", fails{}},
		{"d", -1.0, "B", fails{}},
		{"d", nan, "B", fails{}},
		{"d", inf, "q", fails{}},
		{"d", -inf, "b", fails{}},
		{"d", 127.5, "b", int64(127)},
		{"d", 128.0, "b", fails{}},
		{"d", -128.9, "b", int64(-128)},
		{"d", -129.0, "b", fails{}},
		{"d", 0x1p63, "q", fails{}},
		{"d", -0x1p63, "q", int64(math.MinInt64)},
		{"d", 0x1p63 - 1024, ">q", int64(1<<63 - 1024)},
		{"d", -0x1p63 - 2048, "<q", fails{}},
		{"d", 0x1p63, "Q", uint64(1 << 63)},
		{"d", 0x1p64 - 2048, "Q", uint64(1<<64 - 2048)},
		{"d", 0x1p64, "Q", fails{}},
		{"d", 0x1p64, "<Q", fails{}},
		{"d", negZero, "q", int64(0)},
		{"d", 4294967295.9, "<I", uint64(math.MaxUint32)},
		{"d", 4294967296.0, "<I", fails{}},
		{"d", 4294967296.0, "L", uint64(4294967296)},
		{"d", 4294967296.0, "<L", fails{}},
		{">f", -128.99, "b", int64(-128)},
		{"e", 65504.0, "h", fails{}},
		{"e", -2048.0, "h", int64(-2048)},
		{"d", 65504.0, "e", 65504.0},
		{"d", 65519.99, "e", 65504.0},
		{"d", 65520.0, "e", fails{}},
		{"d", -65520.0, ">e", fails{}},
		{"d", -inf, "e", -inf},
		{"d", nan, "<e", nan},
		{"d", 0x1p-24, "e", 0x1p-24},
		{"d", 0x1p-25, "e", 0.0},
		{"d", 0x1.8p-25, "e", 0x1p-24},
		{"d", negZero, "e", negZero},
		{"d", fltMax, "<f", fltMax},
		{"d", 3.4028235e38, "<f", fltMax},
		{"d", 3.4028236e38, "f", inf},
		{"d", 3.4028236e38, "<f", fails{}},
		{"d", 3.4028236e38, "=f", fails{}},
		{"d", 3.4028236e38, "!f", fails{}},
		{"d", -1e39, ">f", fails{}},
		{"d", -1e39, "f", -inf},
		{"d", inf, "<f", inf},
		{"d", 1e39, "<Zf", fails{}},
		{"d", 1e39, "Zf", complex(inf, 0)},
		{"Zd", complex(0, 1e39), "<Zf", fails{}},
		{"Zd", complex(1e39, 1), "Zf", complex(inf, 1)},
		{"q", int64(1<<53 + 1), "d", float64(1 << 53)},
		{"q", int64(1<<53 + 3), "d", float64(1<<53 + 4)},
		{"q", int64(1<<24 + 1), "f", float64(1 << 24)},
		{"Q", uint64(math.MaxUint64), "d", 0x1p64},
		{"Q", uint64(math.MaxUint64), "<f", 0x1p64},
		{"Q", uint64(math.MaxUint64), "e", fails{}},
		{"i", int64(65519), "e", 65504.0},
		{"i", int64(65520), "e", fails{}},
		{"q", int64(2049), "e", 2048.0},
		{"q", int64(2051), ">e", 2052.0},
		{"h", int64(-1), "B", fails{}},
		{"h", int64(255), "B", uint64(255)},
		{"h", int64(256), "B", fails{}},
		{"Q", uint64(1 << 63), "q", fails{}},
		{"Q", uint64(1<<63 - 1), ">q", int64(1<<63 - 1)},
		{"q", int64(-1), "Q", fails{}},
		{"q", int64(-1), "N", fails{}},
		{"q", int64(math.MinInt64), "b", fails{}},
		{"b", int64(-128), ">q", int64(-128)},
		{">i", int64(-2147483648), "<h", fails{}},
		{">i", int64(-32768), "<h", int64(-32768)},
		{"Zd", complex(1, 0), "d", 1.0},
		{"Zd", complex(1, 1), "d", fails{}},
		{"Zd", complex(1, negZero), "i", int64(1)},
		{"Zd", complex(nan, 0), "d", nan},
		{"Zd", complex(0, nan), "d", fails{}},
		{"Zd", complex(0, nan), "B", fails{}},
		{"Zd", complex(2.5, 0), "B", uint64(2)},
		{"Zd", complex(nan, 0), "B", fails{}},
		{"Zd", complex(0, 1), "?", true},
		{"Zd", complex(0, 0), "?", false},
		{"Zd", complex(negZero, negZero), "?", false},
		{"Zd", complex(nan, 0), "?", true},
		{"Zf", complex(1.5, -2.5), ">Zd", complex(1.5, -2.5)},
		{"d", negZero, "?", false},
		{"d", nan, "?", true},
		{"d", 1e-300, "?", true},
		{"e", 0x1p-24, "?", true},
		{"h", int64(256), "?", true},
		{"B", uint64(0), "?", false},
		{"?", []byte{2}, "B", uint64(1)},
		{"?", []byte{0x80}, "d", 1.0},
		{"?", []byte{0xff}, "?", []byte{1}},
		{"?", []byte{0}, "Zf", complex(0, 0)},
		{"?", true, "Zf", complex(1, 0)},
		{"d", negZero, "d", negZero},
		{"d", negZero, "Zf", complex(negZero, 0)},
		{"f", nan, "d", nan},
		{"<e", []byte{0x00, 0x7c}, "f", inf},
		{"<e", []byte{0x00, 0xfc}, ">d", -inf},
		{"<e", []byte{0x01, 0x7c}, "d", nan},
		{"<e", []byte{0x01, 0x00}, "d", 0x1p-24},
		{"d", 1.5, "Zd", complex(1.5, 0)},
		{"i", int64(-7), "Zd", complex(-7, 0)},
		{"q", int64(1<<53 + 1), "Zd", complex(1<<53, 0)},
		{"<Q", uint64(math.MaxUint64), "P", uint64(math.MaxUint64)},
		{"b", int64(-1), "P", uint64(math.MaxUint64)},
		{"q", int64(math.MinInt64), "P", uint64(1 << 63)},
		{"d", -1.5, "P", uint64(math.MaxUint64)},
		{"d", -0x1p63, "P", uint64(1 << 63)},
		{"d", -0x1p63 - 2048, "P", fails{}},
		{"d", 0x1p64, "P", fails{}},
		{"d", 0x1p64 - 2048, "P", uint64(1<<64 - 2048)},
		{"n", int64(math.MaxInt64), "Q", uint64(math.MaxInt64)},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s %v to %s", c.from, c.in, c.to), func(t *testing.T) {
			// [0, in, 0] into a sentinel-filled dst: a failure must stop at
			// index 1 with index 0 written and index 2 untouched.
			src := must(ndview.Make(c.from, 3))
			if raw, ok := c.in.([]byte); ok {
				copy(src.Item(1), raw)
			} else if err := src.SetValue(c.in, 1); err != nil {
				t.Fatalf("SetValue(%v) into %q: %v", c.in, c.from, err)
			}
			dst := must(ndview.Make(c.to, 3))
			for i := range dst.Buffer() {
				dst.Buffer()[i] = 0xee
			}
			zero := must(ndview.Make(c.to))
			err := cast.Convert(dst, src)
			if _, ok := c.want.(fails); ok {
				var re *cast.RangeError
				if !errors.As(err, &re) || !errors.Is(err, cast.ErrRange) || !slices.Equal(re.Index, []int{1}) {
					t.Fatalf("Convert: %v; want a range error at [1]", err)
				}
				if v, _ := src.Value(1); !sameValue(re.Value, v) || re.From != c.from || re.To != c.to {
					t.Errorf("RangeError %+v; want Value %v From %q To %q", re, v, c.from, c.to)
				}
				if !strings.Contains(err.Error(), "[1]") {
					t.Errorf("the message %q does not give the index", err)
				}
				if !bytes.Equal(dst.Item(0), zero.Buffer()) || !bytes.Equal(dst.Buffer()[dst.ItemSize():], bytes.Repeat([]byte{0xee}, 2*dst.ItemSize())) {
					t.Errorf("dst after the error: % x; want zero, then the sentinel", dst.Buffer())
				}
				return
			}
			if err != nil {
				t.Fatalf("Convert: %v", err)
			}
			if raw, ok := c.want.([]byte); ok {
				if !bytes.Equal(dst.Item(1), raw) {
					t.Errorf("converted to % x, want % x", dst.Item(1), raw)
				}
			} else if got, err := dst.Value(1); err != nil || !sameNumber(got, c.want) {
				t.Errorf("converted to %v (%T, % x), want %v (%T)", got, got, dst.Item(1), c.want, c.want)
			}
			if !bytes.Equal(dst.Item(0), zero.Buffer()) || !bytes.Equal(dst.Item(2), zero.Buffer()) {
				t.Errorf("zeros converted to % x and % x", dst.Item(0), dst.Item(2))
			}
		})
	}
}

// TestConvertRangeErrorDetails checks a range error in a strided 3-D
// conversion by hand: its index in C order, value and formats, and that
// exactly the elements before it were written.
func TestConvertRangeErrorDetails(t *testing.T) {
	base := must(ndview.Make(">h", 6, 5, 4))
	src := must(base.Transpose(2, 1, 0)) // shape (4, 5, 6), not contiguous
	for idx := range src.All() {
		if err := src.SetValue(int64(idx[0]*30+idx[1]*6+idx[2]), idx...); err != nil {
			t.Fatal(err)
		}
	}
	if err := src.SetValue(int64(300), 2, 3, 1); err != nil {
		t.Fatal(err)
	}
	if err := src.SetValue(int64(-5), 3, 0, 0); err != nil { // after it in C order
		t.Fatal(err)
	}
	dst := must(ndview.Make("B", 4, 5, 6))
	for i := range dst.Buffer() {
		dst.Buffer()[i] = 0xee
	}
	err := cast.Convert(dst, src.AsReadOnly())
	var re *cast.RangeError
	if !errors.As(err, &re) {
		t.Fatalf("Convert: %v, want a *RangeError", err)
	}
	if !slices.Equal(re.Index, []int{2, 3, 1}) || re.Value != int64(300) || re.From != ">h" || re.To != "B" {
		t.Errorf("RangeError %+v; want Index [2 3 1], Value 300, From >h, To B", re)
	}
	if !errors.Is(err, cast.ErrRange) || !errors.Is(err, format.ErrRange) {
		t.Errorf("%v does not match ErrRange", err)
	}
	for _, s := range []string{"[2 3 1]", "300", ">h", "B"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q does not mention %q", err, s)
		}
	}
	stop := 2*30 + 3*6 + 1
	k := 0
	for idx, item := range dst.All() {
		want := byte(0xee)
		if k < stop {
			v, _ := src.Value(idx...)
			want = byte(v.(int64))
		}
		if item[0] != want {
			t.Errorf("dst%v = %#x, want %#x", idx, item[0], want)
		}
		k++
	}
}

// ---- views made by ndview's own operations ----

func TestConvertViewOps(t *testing.T) {
	r := newRand(11)
	fill := func(v ndview.View, to string) {
		if !(gen{r}).fill(t, v, format.MustParse(to), fillFit) {
			t.Fatal("fill")
		}
	}
	a := must(ndview.Make("<i", 30, 40))
	fill(a, ">d")
	cases := []struct {
		name     string
		src, dst func() ndview.View
	}{
		{"transposed src", func() ndview.View { return a.T() }, func() ndview.View { return must(ndview.Make(">d", 40, 30)) }},
		{"transposed dst", func() ndview.View { return a }, func() ndview.View { return must(ndview.Make(">d", 40, 30)).T() }},
		{"step-sliced", func() ndview.View { return must(a.IndexString("::-2, 1::3")) },
			func() ndview.View { return must(must(ndview.Make(">d", 15, 26)).IndexString("::-1, ::2")) }},
		{"broadcast", func() ndview.View { return must(must(a.IndexString("4")).BroadcastTo(3, 40)) },
			func() ndview.View { return must(ndview.Make("<f", 3, 40)) }},
		{"broadcast column", func() ndview.View { return must(must(a.IndexString(":, 4:5")).BroadcastTo(30, 7)) },
			func() ndview.View { return must(ndview.Make("<q", 7, 30)).T() }},
		{"reshaped", func() ndview.View { return must(a.Reshape(4, 300)) }, func() ndview.View { return must(ndview.Make("Zf", 4, 300)) }},
		{"0-d from an index", func() ndview.View { return must(a.IndexString("3, 7")) }, func() ndview.View { return must(ndview.Make(">d")) }},
		{"empty from a slice", func() ndview.View { return must(a.IndexString("5:5, ::-1")) }, func() ndview.View { return must(ndview.Make("e", 0, 40)) }},
		{"Fortran dst", func() ndview.View { return a }, func() ndview.View { return must(ndview.NewFortran(make([]byte, 30*40*2), ">e", 30, 40)) }},
		{"diagonal", func() ndview.View { return must(a.Diagonal(3, 0, 1)) }, func() ndview.View { return must(ndview.Make(">q", 30)) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkConvert(t, c.dst(), c.src()) })
	}
}

// ---- overlap ----

// TestConvertOverlap converts between views that share memory: the
// result must be that of converting from a copy of src.
func TestConvertOverlap(t *testing.T) {
	r := newRand(12)
	type pair struct{ dst, src ndview.View }
	filled := func(v ndview.View, to string, mode fillMode) ndview.View {
		(gen{r}).fill(t, v, format.MustParse(to), mode)
		return v
	}
	cases := []struct {
		name string
		make func(buf []byte) pair
	}{
		{"in place int32 to float32", func(buf []byte) pair {
			return pair{must(ndview.New(buf, "<f", 1000)), filled(must(ndview.New(buf, "<i", 1000)), "<f", fillFit)}
		}},
		{"in place byte swap", func(buf []byte) pair {
			return pair{must(ndview.New(buf, ">i", 1000)), filled(must(ndview.New(buf, "<i", 1000)), ">i", fillRandom)}
		}},
		{"in place range error", func(buf []byte) pair {
			return pair{must(ndview.New(buf, "<I", 1000)), filled(must(ndview.New(buf, "<i", 1000)), "<I", fillOneBad)}
		}},
		{"in place transposed", func(buf []byte) pair {
			return pair{must(ndview.New(buf, ">f", 30, 40)).T(), filled(must(ndview.New(buf, "<i", 30, 40)).T(), ">f", fillFit)}
		}},
		{"in place reversed", func(buf []byte) pair {
			return pair{must(must(ndview.New(buf, "d", 500)).IndexString("::-1")), filled(must(must(ndview.New(buf, "<q", 500)).IndexString("::-1")), "d", fillFit)}
		}},
		{"in place complex", func(buf []byte) pair {
			return pair{must(ndview.New(buf, "Zf", 500)), filled(must(ndview.New(buf, ">d", 500)), "Zf", fillFit)}
		}},
		{"reversed onto itself", func(buf []byte) pair {
			return pair{must(must(ndview.New(buf, "<f", 1000)).IndexString("::-1")), filled(must(ndview.New(buf, "<i", 1000)), "<f", fillFit)}
		}},
		{"wider dst ahead", func(buf []byte) pair {
			return pair{fromLayout(t, buf, "<i", []int{900}, nil, 2), filled(fromLayout(t, buf, "<h", []int{900}, nil, 0), "<i", fillRandom)}
		}},
		{"wider dst behind", func(buf []byte) pair {
			return pair{fromLayout(t, buf, ">i", []int{900}, nil, 0), filled(fromLayout(t, buf, "<h", []int{900}, nil, 1000), ">i", fillRandom)}
		}},
		{"narrower dst inside", func(buf []byte) pair {
			return pair{fromLayout(t, buf, "<h", []int{400}, nil, 1), filled(fromLayout(t, buf, ">q", []int{400}, nil, 0), "<h", fillFit)}
		}},
		{"same size shifted by one byte", func(buf []byte) pair {
			return pair{fromLayout(t, buf, ">i", []int{900}, nil, 1), filled(fromLayout(t, buf, "<i", []int{900}, nil, 0), ">i", fillRandom)}
		}},
		{"same size shifted by one element", func(buf []byte) pair {
			return pair{fromLayout(t, buf, "<f", []int{900}, nil, 4), filled(fromLayout(t, buf, "<i", []int{900}, nil, 0), "<f", fillFit)}
		}},
		{"different slices of one array", func(buf []byte) pair {
			return pair{must(ndview.New(buf[1000:3000], "<d", 250)), filled(must(ndview.New(buf[0:2000], ">q", 250)), "<d", fillFit)}
		}},
		{"broadcast src over dst", func(buf []byte) pair {
			return pair{must(ndview.New(buf, "<f", 4, 300)), filled(must(must(ndview.New(buf, "<i", 1, 300)).BroadcastTo(4, 300)), "<f", fillFit)}
		}},
		{"interleaved columns", func(buf []byte) pair {
			base := must(ndview.New(buf, "<i", 300, 2))
			return pair{must(base.IndexString(":, 1")), filled(must(base.IndexString(":, 0")), "<i", fillRandom)}
		}},
		{"zero-stride dst", func(buf []byte) pair {
			return pair{fromLayout(t, buf, "<f", []int{300}, []int{0}, 0), filled(must(ndview.New(buf, "<i", 300)), "<f", fillFit)}
		}},
		// Elements 4 bytes long, 2 bytes apart: each shares bytes with the
		// next, so converting in place, chunk by chunk, reads elements that
		// the previous chunk has already overwritten.
		{"same self-overlapping layout", func(buf []byte) pair {
			return pair{fromLayout(t, buf, "<f", []int{600}, []int{2}, 0), filled(fromLayout(t, buf, "<i", []int{600}, []int{2}, 0), "<f", fillRandom)}
		}},
		{"same layout overlapping by one byte", func(buf []byte) pair {
			return pair{fromLayout(t, buf, "<f", []int{600}, []int{3}, 3), filled(fromLayout(t, buf, "<i", []int{600}, []int{3}, 3), "<f", fillRandom)}
		}},
		{"same 2-D layout, rows overlapping", func(buf []byte) pair {
			return pair{fromLayout(t, buf, "<f", []int{100, 5}, []int{16, 4}, 0), filled(fromLayout(t, buf, "<i", []int{100, 5}, []int{16, 4}, 0), "<f", fillRandom)}
		}},
		{"same 2-D layout, interleaved but disjoint", func(buf []byte) pair {
			return pair{fromLayout(t, buf, "<f", []int{100, 5}, []int{4, 400}, 0), filled(fromLayout(t, buf, "<i", []int{100, 5}, []int{4, 400}, 0), "<f", fillRandom)}
		}},
		{"same layout, reversed and overlapping", func(buf []byte) pair {
			return pair{fromLayout(t, buf, "<d", []int{400}, []int{-6}, 2400), filled(fromLayout(t, buf, "<q", []int{400}, []int{-6}, 2400), "<d", fillFit)}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			buf := alignedBytes(t, 8192)
			randomBytes(r, buf)
			p := c.make(buf)
			checkConvert(t, p.dst, p.src)
		})
	}
}

// ---- errors ----

func TestConvertErrors(t *testing.T) {
	v := func(f string, shape ...int) ndview.View { return must(ndview.Make(f, shape...)) }
	t.Run("shape", func(t *testing.T) {
		for _, c := range []struct{ dst, src ndview.View }{
			{v("d", 3), v("i", 4)},
			{v("d", 2, 3), v("i", 3, 2)},
			{v("d"), v("i", 1)},
			{v("d", 1), v("i")},
			{v("d", 2, 3), v("i", 6)},
			{v("d", 0), v("i", 0, 0)},
			{v("d", 3, 1), v("d", 3)},
		} {
			if err := cast.Convert(c.dst, c.src); !errors.Is(err, cast.ErrShape) || !errors.Is(err, ndview.ErrShape) {
				t.Errorf("Convert(%v <- %v): %v, want ErrShape", c.dst.Shape(), c.src.Shape(), err)
			}
		}
	})
	t.Run("read-only", func(t *testing.T) {
		src := v("<i", 4)
		for _, dst := range []ndview.View{v("d", 4).AsReadOnly(), must(v("d", 1).BroadcastTo(4)), v("d", 4).AsReadOnly()} {
			if err := cast.Convert(dst, src); !errors.Is(err, cast.ErrReadOnly) || !errors.Is(err, ndview.ErrReadOnly) {
				t.Errorf("Convert into %s: %v, want ErrReadOnly", geom(dst), err)
			}
		}
		if err := cast.Convert(v("d", 4), src.AsReadOnly()); err != nil {
			t.Errorf("Convert from a read-only src: %v", err)
		}
	})
	t.Run("type", func(t *testing.T) {
		for _, f := range []string{"s", "3s", "c", "T{i:a:}", "2i", "ix", "x", "O", "Zg", "p", "(2)h", "(1)h", "u", "w", "g", "xi", "5p"} {
			other := v("<d", 3)
			bad := v(f, 3)
			randomBytes(newRand(13), bad.Buffer())
			snap := slices.Clone(other.Buffer())
			if err := cast.Convert(other, bad); !errors.Is(err, cast.ErrType) {
				t.Errorf("Convert from %q: %v, want ErrType", f, err)
			}
			if !bytes.Equal(other.Buffer(), snap) {
				t.Errorf("Convert from %q changed dst", f)
			}
			snap = slices.Clone(bad.Buffer())
			if err := cast.Convert(bad, other); !errors.Is(err, cast.ErrType) {
				t.Errorf("Convert into %q: %v, want ErrType", f, err)
			}
			if !bytes.Equal(bad.Buffer(), snap) {
				t.Errorf("Convert into %q changed dst", f)
			}
		}
		if err := cast.Convert(ndview.View{}, ndview.View{}); !errors.Is(err, cast.ErrType) {
			t.Errorf("Convert of zero Views: %v, want ErrType", err)
		}
		// Checked even when there are no elements.
		if err := cast.Convert(v("d", 0), v("s", 0)); !errors.Is(err, cast.ErrType) {
			t.Errorf("Convert from an empty s view: %v, want ErrType", err)
		}
	})
}

// ---- allocations ----

func TestConvertAllocs(t *testing.T) {
	r := newRand(14)
	cases := []struct {
		name, from, to string
		l              convLayout
	}{
		{"contiguous", ">h", "d", convLayout{shape: []int{1000}}},
		{"narrowing", "d", "<h", convLayout{shape: []int{1000}}},
		{"strided", ">h", "d", convLayout{shape: []int{30, 40}, src: spec{perm: []int{1, 0}, step: []int{-1, 2}}}},
		{"misaligned", "<i", ">f", convLayout{shape: []int{300}, src: spec{off: 1}, dst: spec{off: 3}}},
		{"broadcast", "Zf", "?", convLayout{shape: []int{20, 30}, src: spec{bcast: []int{0}}}},
		{"complex", "<d", ">Zd", convLayout{shape: []int{257}}},
		{"half", "e", "B", convLayout{shape: []int{257}}},
		{"6-D", "i", "q", convLayout{shape: []int{2, 3, 1, 2, 3, 4}, src: spec{perm: []int{5, 4, 3, 2, 1, 0}}}},
		{"0-d", "b", "Q", convLayout{}},
		{"empty", "b", "Q", convLayout{shape: []int{0, 3}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, sw := c.l.src.build(t, r, c.from, c.l.shape)
			dst, _ := c.l.dst.build(t, r, c.to, c.l.shape)
			gen{r}.fill(t, sw, dst.ItemFormat(), fillFit)
			if err := cast.Convert(dst, src); err != nil {
				t.Fatal(err)
			}
			if n := testing.AllocsPerRun(20, func() { sinkErr = cast.Convert(dst, src) }); n != 0 || sinkErr != nil {
				t.Errorf("Convert: %v allocations (error %v), want none", n, sinkErr)
			}
		})
	}
	t.Run("in place", func(t *testing.T) {
		buf := alignedBytes(t, 4000)
		src := must(ndview.New(buf, "<i", 1000))
		dst := must(ndview.New(buf, "<I", 1000))
		if n := testing.AllocsPerRun(20, func() { sinkErr = cast.Convert(dst, src) }); n != 0 || sinkErr != nil {
			t.Errorf("Convert in place: %v allocations (error %v), want none", n, sinkErr)
		}
	})
}

// ---- cross-check with CPython's struct ----

const xcPython = "/usr/bin/python3"

// TestConvertCrossCheckStruct converts special and random values between
// every pair of real formats (struct has no complex codes) one element at
// a time, and compares with CPython (testdata/crosscheck_convert.py, run
// once): struct.unpack, then struct.pack into the destination, a float
// truncated first when the destination is an integer code. struct.pack
// must raise exactly where Convert reports ErrRange, and otherwise give
// the same bytes.
func TestConvertCrossCheckStruct(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	t.Parallel()
	if _, err := os.Stat(xcPython); err != nil {
		t.Skipf("%s is not available: %v", xcPython, err)
	}
	var formats []string
	for _, f := range numericFormats {
		if !strings.Contains(f, "Z") {
			formats = append(formats, f)
		}
	}
	r := newRand(15)
	items := map[string][]string{}
	for _, f := range formats {
		fl := scalarField(t, format.MustParse(f))
		seen := map[string]bool{}
		add := func(b []byte) {
			if h := hex.EncodeToString(b); !seen[h] {
				seen[h] = true
				items[f] = append(items[f], h)
			}
		}
		b := make([]byte, fl.Size)
		for _, x := range intSpecials {
			if refEncode(fl, b, x) == nil {
				add(b)
			}
		}
		for _, x := range floatSpecials {
			if refEncode(fl, b, refVal{cls: 'f', f: x}) == nil {
				add(b)
			}
		}
		for range 20 {
			(gen{r}).item(fl, b, nil, 10)
			add(b)
		}
	}
	req, err := json.Marshal(map[string]any{"formats": formats, "items": items})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(xcPython, filepath.Join("testdata", "crosscheck_convert.py"))
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle failed: %v\n%s", err, stderr.String())
	}
	var resp struct {
		Native  []any                          `json:"native"`
		Results map[string]map[string][]string `json:"results"`
	}
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatalf("oracle output: %v", err)
	}
	if want := []any{float64(8), float64(8), format.NativeOrder().String()}; fmt.Sprint(resp.Native) != fmt.Sprint(want) {
		t.Skipf("Python reports native [sizeof long, sizeof void*, byte order] = %v; the format package models %v", resp.Native, want)
	}
	compared, ranges := 0, 0
	failures := map[string][]string{} // by destination
	for _, from := range formats {
		for _, to := range formats {
			want := resp.Results[from][to]
			if len(want) != len(items[from]) {
				t.Fatalf("%s to %s: the oracle answered %d of %d items", from, to, len(want), len(items[from]))
			}
			// Convert all the items at once; after a range error, go on
			// from the next item.
			n := len(items[from])
			raw, _ := hex.DecodeString(strings.Join(items[from], ""))
			src := must(ndview.New(raw, from, n))
			dst := must(ndview.Make(to, n))
			fail := func(k int, got string) {
				v, _ := src.Value(k)
				failures[to] = append(failures[to], fmt.Sprintf("%q %v (%s) to %q: Convert gives %s; struct gives %s", from, v, items[from][k], to, got, want[k]))
			}
			for k := 0; k < n; {
				s, d := must(src.IndexString(fmt.Sprint(k, ":"))), must(dst.IndexString(fmt.Sprint(k, ":")))
				err := cast.Convert(d, s)
				stop := n
				var re *cast.RangeError
				if errors.As(err, &re) {
					stop = k + re.Index[0]
				} else if err != nil {
					fail(k, err.Error())
					break
				}
				for j := k; j < stop; j++ {
					compared++
					if got := hex.EncodeToString(dst.Item(j)); got != want[j] {
						fail(j, got)
					}
				}
				if stop < n {
					compared++
					ranges++
					if want[stop] != "range" {
						fail(stop, "a range error")
					}
				}
				k = stop + 1
			}
		}
	}
	t.Logf("compared %d conversions with CPython's struct, %d of them range errors", compared, ranges)
	if ranges == 0 || compared-ranges == 0 {
		t.Error("the cases do not cover both outcomes")
	}
	for _, to := range formats {
		if f := failures[to]; len(f) > 0 {
			t.Errorf("%d conversions into %q differ from struct, among them:\n  %s", len(f), to, strings.Join(f[:min(len(f), 3)], "\n  "))
		}
	}
}

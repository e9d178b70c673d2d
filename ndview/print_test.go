package ndview

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/format"
)

// Helpers of this file are prefixed with pt so that they do not collide
// with those of other test files in the package.

// ptNumPy finds a Python with NumPy 1.x: the system's first (a python3
// on PATH may be a version manager's shim without NumPy), or "".
var ptNumPy = sync.OnceValue(func() string {
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", "import numpy; assert numpy.__version__.startswith('1.')").Run() == nil {
			return py
		}
	}
	return ""
})

// ptPython runs testdata/<script> with in as JSON on stdin and decodes
// its JSON output into out. It skips the test when NumPy 1.x is not
// importable.
func ptPython(t *testing.T, script string, in, out any) {
	t.Helper()
	py := ptNumPy()
	if py == "" {
		t.Skip("no python3 with numpy 1.x")
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "testdata/"+script)
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", script, err, stderr.String())
	}
	if err := json.Unmarshal(res, out); err != nil {
		t.Fatalf("%s: %v", script, err)
	}
}

// ptFloat is a float value of a given width as its bits.
type ptFloat struct {
	bits int
	x    uint64
}

func (f ptFloat) value() float64 {
	switch f.bits {
	case 16:
		return ptHalf(uint16(f.x))
	case 32:
		return float64(math.Float32frombits(uint32(f.x)))
	}
	return math.Float64frombits(f.x)
}

// ptHalf converts half-precision bits to a float64.
func ptHalf(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	e := int(h>>10) & 0x1f
	m := float64(h & 0x3ff)
	switch e {
	case 0x1f:
		if m != 0 {
			return math.NaN()
		}
		return math.Inf(int(sign))
	case 0:
		return sign * math.Ldexp(m, -24)
	}
	return sign * math.Ldexp(1024+m, e-25)
}

type ptDragonCase struct {
	Bits      int    `json:"bits"`
	X         uint64 `json:"x"`
	Sci       bool   `json:"sci"`
	Precision int    `json:"precision"`
	MinDigits int    `json:"min_digits"`
	Trim      string `json:"trim"`
	Sign      bool   `json:"sign"`
	PadLeft   int    `json:"pad_left"`
	PadRight  int    `json:"pad_right"`
	ExpDigits int    `json:"exp_digits"`
}

func (c ptDragonCase) opts() floatOpts {
	trims := map[string]trimMode{"k": trimNone, ".": trimZeros, "0": trimLeaveOneZero, "-": trimDptZeros}
	return floatOpts{sci: c.Sci, fracCutoff: !c.Sci, precision: c.Precision, minDigits: c.MinDigits,
		sign: c.Sign, trim: trims[c.Trim], padLeft: c.PadLeft, padRight: c.PadRight, expDigits: c.ExpDigits}
}

// ptRandFloat returns a float of the given width that printing finds
// interesting: random bits, powers of two (whose unequal margins Dragon4
// treats apart), short decimals, integers near the float's precision,
// and values near the thresholds of scientific notation.
func ptRandFloat(r *rand.Rand, width int) uint64 {
	var x float64
	switch r.IntN(8) {
	case 0, 1:
		switch width {
		case 16:
			return uint64(r.Uint32() & 0xffff)
		case 32:
			return uint64(r.Uint32())
		}
		return r.Uint64()
	case 2:
		x = math.Ldexp(1, r.IntN(80)-40)
	case 3:
		x = float64(r.IntN(2000)-1000) / float64([]int{1, 2, 4, 8, 10, 100, 1000, 3}[r.IntN(8)])
	case 4:
		x = float64(r.Int64N(1<<(r.IntN(62)+1))) + []float64{0, 0.5, 0.25, 0.1}[r.IntN(4)]
	case 5:
		x = []float64{1e8, 1e-4, 1e16, 1e-5, 99999999.5, 0.1, 0.3, 2.0 / 3}[r.IntN(8)] * (1 + float64(r.IntN(3)-1)*1e-9)
	case 6:
		x = math.Pow(10, r.Float64()*60-30)
	default:
		x = r.NormFloat64() * math.Pow(10, float64(r.IntN(12)-4))
	}
	if r.IntN(2) == 0 {
		x = -x
	}
	switch width {
	case 16:
		return uint64(ptToHalf(x))
	case 32:
		return uint64(math.Float32bits(float32(x)))
	}
	return math.Float64bits(x)
}

// ptToHalf rounds x to half precision bits (ties to even).
func ptToHalf(x float64) uint16 {
	y := roundHalf(x)
	var sign uint16
	if math.Signbit(y) {
		sign = 0x8000
		y = -y
	}
	switch {
	case math.IsNaN(y):
		return 0x7e00
	case math.IsInf(y, 0):
		return sign | 0x7c00
	case y < math.Ldexp(1, -14):
		return sign | uint16(math.Ldexp(y, 24))
	}
	fr, e := math.Frexp(y)
	return sign | uint16(e+14)<<10 | uint16(math.Ldexp(fr, 11))&0x3ff
}

func ptRandOpts(r *rand.Rand, c ptDragonCase) ptDragonCase {
	c.Sci = r.IntN(2) == 0
	c.Precision = r.IntN(19) - 1
	c.MinDigits = -1
	if r.IntN(2) == 0 {
		if c.Precision > 0 {
			c.MinDigits = r.IntN(c.Precision + 1)
		} else {
			c.MinDigits = r.IntN(10)
		}
	}
	c.Trim = []string{"k", ".", "0", "-"}[r.IntN(4)]
	c.Sign = r.IntN(4) == 0
	c.PadLeft = r.IntN(8) - 1
	c.PadRight = r.IntN(12) - 1
	c.ExpDigits = r.IntN(6) - 1
	return c
}

// TestPrintDragon4NumPy compares the float formatting with NumPy's own
// (format_float_positional and format_float_scientific, which run the
// same Dragon4 as array printing): every half-precision value under the
// options array printing uses, and random float16/32/64 values under
// random options.
func TestPrintDragon4NumPy(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var cases []ptDragonCase
	fixed := []ptDragonCase{
		{Precision: 8, MinDigits: -1, Trim: ".", PadLeft: -1, PadRight: -1, ExpDigits: -1},             // maxprec, first pass
		{Precision: 8, MinDigits: 0, Trim: ".", PadLeft: 4, PadRight: 9, ExpDigits: -1},                // maxprec, elements
		{Sci: true, Precision: 8, MinDigits: -1, Trim: ".", PadLeft: -1, PadRight: -1, ExpDigits: -1},  // scientific, first pass
		{Precision: -1, MinDigits: -1, Trim: "0", PadLeft: -1, PadRight: -1, ExpDigits: -1},            // scalar str
		{Sci: true, Precision: -1, MinDigits: -1, Trim: "-", PadLeft: -1, PadRight: -1, ExpDigits: -1}, // scalar str
	}
	halves := 1 << 16
	if testing.Short() {
		halves = 1 << 12
	}
	for h := range halves {
		x := uint64(h)
		if testing.Short() {
			x = uint64(r.Uint32() & 0xffff)
		}
		if math.IsNaN(ptHalf(uint16(x))) || math.IsInf(ptHalf(uint16(x)), 0) {
			continue
		}
		for _, c := range fixed {
			c.Bits, c.X = 16, x
			cases = append(cases, c)
		}
		p := r.IntN(6) // scientific elements: precision and min_digits equal
		cases = append(cases, ptDragonCase{Bits: 16, X: x, Sci: true, Precision: p, MinDigits: p, Trim: "k",
			PadLeft: 2, PadRight: -1, ExpDigits: 2})
	}
	for _, width := range []int{16, 32, 64} {
		for range 20000 {
			x := ptRandFloat(r, width)
			if v := (ptFloat{width, x}).value(); math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			c := ptRandOpts(r, ptDragonCase{Bits: width, X: x})
			if r.IntN(3) == 0 {
				c = fixed[r.IntN(len(fixed))]
				c.Bits, c.X = width, x
			}
			cases = append(cases, c)
		}
	}
	var want []string
	ptPython(t, "print_dragon4.py", cases, &want)
	bad := 0
	for i, c := range cases {
		got := string(appendDragon4(nil, ptFloat{c.Bits, c.X}.value(), c.Bits, c.opts()))
		if got != want[i] {
			if bad++; bad <= 20 {
				t.Errorf("%+v (%v): got %q, NumPy %q", c, ptFloat{c.Bits, c.X}.value(), got, want[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d differ", bad, len(cases))
	}
}

// TestPrintDigitsFastPath checks that the strconv fast path gives the
// digits of Dragon4 itself.
func TestPrintDigitsFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	slow := 0
	defer func() { t.Logf("%d values left to Dragon4", slow) }()
	for range 200000 {
		width := []int{32, 64}[r.IntN(2)]
		v := ptFloat{width, ptRandFloat(r, width)}.value()
		if math.IsNaN(v) || math.IsInf(v, 0) || v == 0 {
			continue
		}
		total := r.IntN(2) == 0
		cutMax, cutMin := r.IntN(20)-1, r.IntN(20)-1
		gd, ge, ok := fastDigits(nil, math.Abs(v), width, total, cutMax, cutMin)
		if !ok {
			slow++
			continue
		}
		mant, exp, mbit, unequal := decompose(math.Abs(v), width)
		wd, we := dragon4(nil, mant, exp, mbit, unequal, total, cutMax, cutMin)
		if string(gd) != string(wd) || ge != we {
			t.Fatalf("%v (%d bits) total=%v cut %d/%d: fast %s e%d, dragon4 %s e%d", v, width, total, cutMax, cutMin, gd, ge, wd, we)
		}
	}
}

// ptViewCase is a view as print_numpy.py takes it.
type ptViewCase struct {
	Buf      string `json:"buf"`
	Format   string `json:"format"`
	ItemSize int    `json:"itemsize"`
	Shape    []int  `json:"shape"`
	Strides  []int  `json:"strides"`
	Offset   int    `json:"offset"`
}

type ptNumPyOut struct {
	Str   string `json:"str"`
	Repr  string `json:"repr"`
	Error string `json:"error"`
}

func ptCase(v View) ptViewCase {
	return ptViewCase{Buf: hex.EncodeToString(v.Buffer()), Format: v.ItemFormat().String(), ItemSize: v.ItemSize(),
		Shape: v.Shape(), Strides: v.Strides(), Offset: v.Offset()}
}

// ptFiller writes random values of one regime into items.
type ptFiller struct {
	r        *rand.Rand
	floats   int // regime of float values
	smallInt bool
}

func (f *ptFiller) float() float64 {
	r := f.r
	special := func() float64 {
		return []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0}[r.IntN(5)]
	}
	switch f.floats {
	case 0:
		return float64(r.IntN(81)-40) / 4
	case 1:
		return r.NormFloat64() * math.Pow(10, float64(r.IntN(6)-2))
	case 2:
		return math.Copysign(math.Pow(10, r.Float64()*32-12), r.Float64()-0.5)
	case 3:
		return float64(r.Int64N(2e9) - 1e9)
	case 4:
		if r.IntN(5) == 0 {
			return special()
		}
		return r.NormFloat64() * 100
	case 5:
		return special()
	}
	return float64(r.IntN(11)) / 10
}

func (f *ptFiller) fill(fm *format.Format, rec []byte) {
	r := f.r
	for _, fl := range fm.Fields() {
		for j := range fl.Count {
			switch k := fl.Kind; {
			case k == format.Record:
				o := fl.Offset + j*fl.Size
				f.fill(fl.Record, rec[o:o+fl.Size])
			case k == format.Bool:
				fl.SetBool(rec, j, r.IntN(2) == 0)
			case k.IsInteger() && f.smallInt:
				if k.IsSigned() {
					_ = fl.SetInt(rec, j, int64(r.IntN(120)-60))
				} else {
					_ = fl.SetInt(rec, j, int64(r.IntN(120)))
				}
			case k.IsFloat():
				if fl.SetFloat(rec, j, f.float()) != nil {
					_ = fl.SetFloat(rec, j, math.Inf(1))
				}
			case k.IsComplex():
				z := complex(f.float(), f.float())
				if fl.SetComplex(rec, j, z) != nil {
					_ = fl.SetComplex(rec, j, complex(math.Inf(1), 1))
				}
			case k == format.Char || k == format.Bytes || k == format.Void:
				const alpha = "ab'\"\\\x00\n\x7f\xffz~ "
				b := make([]byte, r.IntN(fl.Size+1))
				for i := range b {
					b[i] = alpha[r.IntN(len(alpha))]
				}
				_ = fl.SetBytes(rec, j, b)
			case k == format.Opaque && fl.Code == "w":
				rs := []rune("a\u00e9\u20ac\U0001f600'\"\\\n\x00\u00a0z")
				b := elemBytes(&fl, rec, j)
				for i := 0; i+4 <= len(b); i += 4 {
					c := rs[r.IntN(len(rs))]
					for k := range 4 {
						b[i+k] = byte(c >> (8 * k))
					}
				}
			}
		}
	}
}

var ptFormats = []string{
	"<b", "<B", "<h", ">H", "<i", ">i", "<I", "<q", ">q", "<Q", "?", "<e", ">e", "<f", ">f", "<d", ">d",
	"<Zf", ">Zd", "<Zd", "c", "3s", "<2w", "3h", "(2,2)<f", "(2)?", "T{<i:a:<d:b:}", "T{?:a:3s:b:(2)<h:c:}", "hd",
	"T{<f:x:T{<h:p:?:q:}:r:}", "2T{<i:a:}", "T{<Zd:z:<e:h:}", "T{<d:only:}", "2hd", "T{(2)<f:m:<B:n:}",
}

// ptRandView returns a random view of a random format: up to three
// dimensions, sometimes large enough to be summarised, sometimes a
// stepped or reversed slice of a larger view.
func ptRandView(r *rand.Rand) View {
	fm := format.MustParse(ptFormats[r.IntN(len(ptFormats))])
	var shape []int
	switch r.IntN(10) {
	case 0:
		shape = nil
	case 1:
		shape = []int{r.IntN(1500) + 900}
	case 2:
		shape = []int{r.IntN(40) + 20, r.IntN(40) + 20}
	case 3:
		shape = []int{r.IntN(12) + 5, r.IntN(12) + 5, r.IntN(12) + 5}
	default:
		for range r.IntN(3) + 1 {
			shape = append(shape, r.IntN(7))
		}
	}
	v, err := MakeOf(fm, shape...)
	if err != nil {
		panic(err)
	}
	f := &ptFiller{r: r, floats: r.IntN(7), smallInt: r.IntN(2) == 0}
	b := v.Buffer()
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	for o := 0; o+fm.Size() <= len(b); o += fm.Size() {
		f.fill(fm, b[o:o+fm.Size()])
	}
	if len(shape) > 0 && r.IntN(3) == 0 {
		idx := make([]Index, len(shape))
		for i := range idx {
			idx[i] = Slice(None, None, []int{1, 2, -1, -3}[r.IntN(4)])
		}
		if v, err = v.Index(idx...); err != nil {
			panic(err)
		}
	}
	return v
}

// TestPrintNumPyRandom compares String and GoString with NumPy's str and
// repr of the same arrays, for random views of many formats, shapes,
// strides and values.
func TestPrintNumPyRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(ptSeed, 6))
	n := int(ptN)
	if testing.Short() {
		n = 300
	}
	var views []View
	var cases []ptViewCase
	for range n {
		v := ptRandView(r)
		views = append(views, v)
		cases = append(cases, ptCase(v))
	}
	var want []ptNumPyOut
	ptPython(t, "print_numpy.py", cases, &want)
	bad := 0
	for i, v := range views {
		if want[i].Error != "" {
			t.Errorf("NumPy cannot build %+v: %s", cases[i], want[i].Error)
			continue
		}
		if got := v.String(); got != want[i].Str {
			if bad++; bad <= 10 {
				t.Errorf("format %q shape %v strides %v: String diff (-NumPy +got):\n%s", cases[i].Format, cases[i].Shape, cases[i].Strides, cmp.Diff(want[i].Str, got))
			}
		}
		if got := v.GoString(); got != want[i].Repr {
			if bad++; bad <= 10 {
				t.Errorf("format %q shape %v strides %v: GoString diff (-NumPy +got):\n%s", cases[i].Format, cases[i].Shape, cases[i].Strides, cmp.Diff(want[i].Repr, got))
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d outputs differ", bad, 2*len(views))
	}
}

var ptSeed, ptN uint64 = 5, 1500

// ptView returns a new view of the given format and shape holding vals
// in C order (records as []any).
func ptView(t testing.TB, fmtstr string, shape []int, vals ...any) View {
	t.Helper()
	v, err := Make(fmtstr, shape...)
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) == 0 {
		return v // zeros
	}
	if len(vals) != v.Len() {
		t.Fatalf("%d values for %d elements", len(vals), v.Len())
	}
	k := 0
	for idx := range v.All() {
		if err := v.SetValue(vals[k], idx...); err != nil {
			t.Fatalf("value %d (%v): %v", k, vals[k], err)
		}
		k++
	}
	return v
}

// ptRange returns a view of n elements 0, 1, ... (times scale, for floats)
// reshaped to shape.
func ptRange(t testing.TB, fmtstr string, scale float64, shape ...int) View {
	t.Helper()
	n := 1
	for _, e := range shape {
		n *= e
	}
	vals := make([]any, n)
	for i := range vals {
		if scale == 0 {
			vals[i] = int64(i)
		} else {
			vals[i] = float64(i) * scale
		}
	}
	return ptView(t, fmtstr, shape, vals...)
}

func ptIndex(t testing.TB, v View, s string) View {
	t.Helper()
	w, err := v.IndexString(s)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// ptUnicode returns a view of "<nw" strings.
func ptUnicode(t testing.TB, n int, shape []int, strs ...string) View {
	t.Helper()
	v, err := Make("<"+fmt.Sprint(n)+"w", shape...)
	if err != nil {
		t.Fatal(err)
	}
	b := v.Buffer()
	for i, s := range strs {
		for k, r := range []rune(s) {
			o := i*4*n + 4*k
			b[o], b[o+1], b[o+2], b[o+3] = byte(r), byte(r>>8), byte(r>>16), byte(r>>24)
		}
	}
	return v
}

// ptTableCase is a view to print; ptTableWant holds what NumPy prints.
type ptTableCase struct {
	name  string
	build func(t testing.TB) View
}

func ptB(s string) []byte { return []byte(s) }

var ptTable = []ptTableCase{
	{name: "int8", build: func(t testing.TB) View { return ptView(t, "<b", []int{4}, -128, 127, 0, -1) }},
	{name: "uint8", build: func(t testing.TB) View { return ptView(t, "<B", []int{3}, 0, 255, 7) }},
	{name: "int16 big-endian", build: func(t testing.TB) View { return ptView(t, ">h", []int{3}, -32768, 32767, 5) }},
	{name: "uint16", build: func(t testing.TB) View { return ptView(t, "<H", []int{2}, 65535, 0) }},
	{name: "int32 2x3", build: func(t testing.TB) View { return ptView(t, "<i", []int{2, 3}, 1, 2, 3, 4, 5, 6) }},
	{name: "uint32 big-endian", build: func(t testing.TB) View { return ptView(t, ">I", []int{2}, uint64(math.MaxUint32), 1) }},
	{name: "int64 extremes", build: func(t testing.TB) View {
		return ptView(t, "<q", []int{3}, int64(math.MinInt64), int64(math.MaxInt64), 0)
	}},
	{name: "uint64 extremes", build: func(t testing.TB) View { return ptView(t, "<Q", []int{2}, uint64(math.MaxUint64), 0) }},
	{name: "native long", build: func(t testing.TB) View { return ptView(t, "l", []int{2, 2}, -7, 80, 900, 1) }},
	{name: "float64 halves", build: func(t testing.TB) View { return ptView(t, "<d", []int{3}, 1.5, 2.0, 3.0) }},
	{name: "float64 decimals", build: func(t testing.TB) View { return ptView(t, "<d", []int{4}, 0.1, 0.25, math.Copysign(0, -1), 1e-3) }},
	{name: "float64 specials", build: func(t testing.TB) View {
		return ptView(t, "<d", []int{4}, math.NaN(), math.Inf(1), math.Inf(-1), 1.0)
	}},
	{name: "float64 only specials", build: func(t testing.TB) View { return ptView(t, "<d", []int{2}, math.NaN(), math.Inf(-1)) }},
	{name: "float64 tiny goes scientific", build: func(t testing.TB) View { return ptView(t, "<d", []int{2}, 1e-5, 1.0) }},
	{name: "float64 huge goes scientific", build: func(t testing.TB) View { return ptView(t, "<d", []int{2}, 1e8, 1.0) }},
	{name: "float64 ratio goes scientific", build: func(t testing.TB) View { return ptView(t, "<d", []int{2}, 1001.0, 1.0) }},
	{name: "float64 ratio 1000 stays", build: func(t testing.TB) View { return ptView(t, "<d", []int{2}, 1000.0, 1.0) }},
	{name: "float64 extremes", build: func(t testing.TB) View {
		return ptView(t, "<d", []int{4}, 1e300, -1e-300, 5e-324, math.NaN())
	}},
	{name: "float64 signed zeros", build: func(t testing.TB) View { return ptView(t, "<d", []int{2}, math.Copysign(0, -1), 0.0) }},
	{name: "float64 precision 8", build: func(t testing.TB) View {
		return ptView(t, "<d", []int{3}, math.Pi, 1/3.0, 12345678.123456789)
	}},
	{name: "float32", build: func(t testing.TB) View { return ptView(t, "<f", []int{3}, 0.1, 1/3.0, 16777216.0) }},
	{name: "float32 near 1e-4", build: func(t testing.TB) View { return ptView(t, "<f", []int{2}, 1e-4, 1.0) }},
	{name: "float16", build: func(t testing.TB) View { return ptView(t, "<e", []int{4}, 0.1, 65504.0, -0.0001, 6e-8) }},
	{name: "float16 big-endian", build: func(t testing.TB) View { return ptView(t, ">e", []int{3}, 0.5, -2.0, 1000.0) }},
	{name: "float64 big-endian", build: func(t testing.TB) View { return ptView(t, ">d", []int{2}, 1.25, -2.5) }},
	{name: "bool", build: func(t testing.TB) View { return ptView(t, "?", []int{3}, true, false, true) }},
	{name: "complex128", build: func(t testing.TB) View { return ptView(t, "<Zd", []int{2}, 1+2i, 3-0.5i) }},
	{name: "complex64 specials", build: func(t testing.TB) View {
		return ptView(t, "<Zf", []int{3}, complex(math.NaN(), 1), complex(math.Inf(1), math.Inf(-1)), 0i)
	}},
	{name: "complex scientific", build: func(t testing.TB) View { return ptView(t, ">Zd", []int{2}, 1e10+1i, -1e-10i) }},
	{name: "bytes", build: func(t testing.TB) View { return ptView(t, "3s", []int{3}, ptB("ab"), ptB("c"), ptB("it'")) }},
	{name: "bytes escapes", build: func(t testing.TB) View {
		return ptView(t, "4s", []int{3}, ptB("a\x00b"), ptB("\t\n\xff"), ptB("'\""))
	}},
	{name: "char", build: func(t testing.TB) View { return ptView(t, "c", []int{3}, ptB("a"), ptB("\x00"), ptB("\n")) }},
	{name: "unicode", build: func(t testing.TB) View { return ptUnicode(t, 3, []int{3}, "ab", "\u00e9\u20ac", "") }},
	{name: "record", build: func(t testing.TB) View {
		return ptView(t, "T{<i:a:<d:b:}", []int{2}, []any{1, 2.5}, []any{10, -3.0})
	}},
	{name: "record mixed", build: func(t testing.TB) View {
		return ptView(t, "T{?:f:3s:s:(2)<h:v:}", []int{2}, []any{true, ptB("ab"), []any{3, 4}}, []any{false, ptB(""), []any{-50, 6}})
	}},
	{name: "record one field", build: func(t testing.TB) View { return ptView(t, "T{<d:x:}", []int{2}, []any{1.0}, []any{0.5}) }},
	{name: "record nested", build: func(t testing.TB) View {
		return ptView(t, "T{<h:a:T{<f:b:?:c:}:n:}", []int{2}, []any{1, []any{0.5, true}}, []any{-2, []any{100.0, false}})
	}},
	{name: "record native struct", build: func(t testing.TB) View { return ptView(t, "hd", []int{2}, []any{1, 1e9}, []any{2, 2.0}) }},
	{name: "record repeated field", build: func(t testing.TB) View {
		return ptView(t, "2hd", []int{2}, []any{1, 2, 0.5}, []any{3, 4, 1.0})
	}},
	{name: "sub-array format", build: func(t testing.TB) View { return ptView(t, "3h", []int{2}, []any{1, 2, 3}, []any{4, 5, 6}) }},
	{name: "sub-array format 2-D", build: func(t testing.TB) View {
		return ptView(t, "(2,2)<f", []int{1}, []any{[]any{1.0, 2.0}, []any{3.0, 4.5}})
	}},
	{name: "0-d int", build: func(t testing.TB) View { return ptView(t, "<i", nil, 42) }},
	{name: "0-d float", build: func(t testing.TB) View { return ptView(t, "<d", nil, 0.1) }},
	{name: "0-d float whole", build: func(t testing.TB) View { return ptView(t, "<d", nil, 2.0) }},
	{name: "0-d float huge", build: func(t testing.TB) View { return ptView(t, "<d", nil, 1e16) }},
	{name: "0-d float tiny", build: func(t testing.TB) View { return ptView(t, "<f", nil, 1e-5) }},
	{name: "0-d float16", build: func(t testing.TB) View { return ptView(t, "<e", nil, 0.1) }},
	{name: "0-d complex", build: func(t testing.TB) View { return ptView(t, "<Zd", nil, 1.5+0i) }},
	{name: "0-d complex imaginary", build: func(t testing.TB) View { return ptView(t, "<Zd", nil, 2i) }},
	{name: "0-d bool", build: func(t testing.TB) View { return ptView(t, "?", nil, true) }},
	{name: "0-d bytes", build: func(t testing.TB) View { return ptView(t, "3s", nil, ptB("ab")) }},
	{name: "0-d unicode", build: func(t testing.TB) View { return ptUnicode(t, 2, nil, "hi") }},
	{name: "0-d record", build: func(t testing.TB) View {
		return ptView(t, "T{<i:a:<d:b:?:c:}", nil, []any{1, 0.0, true})
	}},
	{name: "empty", build: func(t testing.TB) View { return ptView(t, "<d", []int{0}) }},
	{name: "empty 2x0", build: func(t testing.TB) View { return ptView(t, "<i", []int{2, 0}) }},
	{name: "empty 0x3", build: func(t testing.TB) View { return ptView(t, "?", []int{0, 3}) }},
	{name: "summarised 1-D", build: func(t testing.TB) View { return ptRange(t, "<q", 0, 2000) }},
	{name: "summarised 2-D", build: func(t testing.TB) View { return ptRange(t, "<d", 1/7.0, 100, 100) }},
	{name: "summarised 3-D", build: func(t testing.TB) View { return ptRange(t, "<i", 0, 12, 12, 12) }},
	{name: "summarised keeps short axes", build: func(t testing.TB) View { return ptRange(t, "<h", 0, 2, 600) }},
	{name: "long row wraps", build: func(t testing.TB) View { return ptRange(t, "<q", 0, 40) }},
	{name: "long float rows wrap", build: func(t testing.TB) View { return ptRange(t, "<d", 1/3.0, 3, 12) }},
	{name: "long bool row wraps", build: func(t testing.TB) View {
		vals := make([]any, 20)
		for i := range vals {
			vals[i] = i%3 == 0
		}
		return ptView(t, "?", []int{20}, vals...)
	}},
	{name: "reversed", build: func(t testing.TB) View {
		return ptIndex(t, ptView(t, "<i", []int{2, 3}, 1, 2, 3, 4, 5, 6), "::-1, ::-1")
	}},
	{name: "stepped", build: func(t testing.TB) View { return ptIndex(t, ptRange(t, "<d", 0.5, 10), "::-3") }},
	{name: "transposed", build: func(t testing.TB) View { return ptRange(t, ">i", 0, 3, 4).T() }},
	{name: "broadcast", build: func(t testing.TB) View {
		v, err := ptView(t, "<f", []int{3}, 1.0, 2.5, -3.0).BroadcastTo(2, 3)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}},
}

// TestPrintTable checks String and GoString against NumPy's str and repr,
// recorded from NumPy 1.24. Run with PRINT_GEN=1 to print the table's
// expectations from the NumPy on this machine instead.
func TestPrintTable(t *testing.T) {
	if os.Getenv("PRINT_GEN") != "" {
		var cases []ptViewCase
		for _, c := range ptTable {
			cases = append(cases, ptCase(c.build(t)))
		}
		var out []ptNumPyOut
		ptPython(t, "print_numpy.py", cases, &out)
		var b strings.Builder
		for i, c := range ptTable {
			fmt.Fprintf(&b, "%q: {%q, %q}, // %s\n", c.name, out[i].Str, out[i].Repr, out[i].Error)
		}
		t.Log("\n" + b.String())
		return
	}
	for _, c := range ptTable {
		want, ok := ptTableWant[c.name]
		if !ok {
			t.Errorf("%s: no recorded NumPy output", c.name)
			continue
		}
		v := c.build(t)
		if got := v.String(); got != want[0] {
			t.Errorf("%s: String diff (-NumPy +got):\n%s", c.name, cmp.Diff(want[0], got))
		}
		if got := v.GoString(); got != want[1] {
			t.Errorf("%s: GoString diff (-NumPy +got):\n%s", c.name, cmp.Diff(want[1], got))
		}
	}
}

// ptTableWant holds NumPy 1.24's str and repr of each ptTable view.
var ptTableWant = map[string][2]string{
	"int8":                          {"[-128  127    0   -1]", "View([-128,  127,    0,   -1], format='<b', shape=(4,))"},
	"uint8":                         {"[  0 255   7]", "View([  0, 255,   7], format='<B', shape=(3,))"},
	"int16 big-endian":              {"[-32768  32767      5]", "View([-32768,  32767,      5], format='>h', shape=(3,))"},
	"uint16":                        {"[65535     0]", "View([65535,     0], format='<H', shape=(2,))"},
	"int32 2x3":                     {"[[1 2 3]\n [4 5 6]]", "View([[1, 2, 3],\n      [4, 5, 6]], format='<i', shape=(2, 3))"},
	"uint32 big-endian":             {"[4294967295          1]", "View([4294967295,          1], format='>I', shape=(2,))"},
	"int64 extremes":                {"[-9223372036854775808  9223372036854775807                    0]", "View([-9223372036854775808,  9223372036854775807,                    0],\n     format='<q', shape=(3,))"},
	"uint64 extremes":               {"[18446744073709551615                    0]", "View([18446744073709551615,                    0], format='<Q', shape=(2,))"},
	"native long":                   {"[[ -7  80]\n [900   1]]", "View([[ -7,  80],\n      [900,   1]], format='l', shape=(2, 2))"},
	"float64 halves":                {"[1.5 2.  3. ]", "View([1.5, 2. , 3. ], format='<d', shape=(3,))"},
	"float64 decimals":              {"[ 0.1    0.25  -0.     0.001]", "View([ 0.1  ,  0.25 , -0.   ,  0.001], format='<d', shape=(4,))"},
	"float64 specials":              {"[ nan  inf -inf   1.]", "View([ nan,  inf, -inf,   1.], format='<d', shape=(4,))"},
	"float64 only specials":         {"[ nan -inf]", "View([ nan, -inf], format='<d', shape=(2,))"},
	"float64 tiny goes scientific":  {"[1.e-05 1.e+00]", "View([1.e-05, 1.e+00], format='<d', shape=(2,))"},
	"float64 huge goes scientific":  {"[1.e+08 1.e+00]", "View([1.e+08, 1.e+00], format='<d', shape=(2,))"},
	"float64 ratio goes scientific": {"[1.001e+03 1.000e+00]", "View([1.001e+03, 1.000e+00], format='<d', shape=(2,))"},
	"float64 ratio 1000 stays":      {"[1000.    1.]", "View([1000.,    1.], format='<d', shape=(2,))"},
	"float64 extremes":              {"[ 1.e+300 -1.e-300  5.e-324      nan]", "View([ 1.e+300, -1.e-300,  5.e-324,      nan], format='<d', shape=(4,))"},
	"float64 signed zeros":          {"[-0.  0.]", "View([-0.,  0.], format='<d', shape=(2,))"},
	"float64 precision 8":           {"[3.14159265e+00 3.33333333e-01 1.23456781e+07]", "View([3.14159265e+00, 3.33333333e-01, 1.23456781e+07],\n     format='<d', shape=(3,))"},
	"float32":                       {"[1.0000000e-01 3.3333334e-01 1.6777216e+07]", "View([1.0000000e-01, 3.3333334e-01, 1.6777216e+07],\n     format='<f', shape=(3,))"},
	"float32 near 1e-4":             {"[1.e-04 1.e+00]", "View([1.e-04, 1.e+00], format='<f', shape=(2,))"},
	"float16":                       {"[ 1.00e-01  6.55e+04 -1.00e-04  5.96e-08]", "View([ 1.00e-01,  6.55e+04, -1.00e-04,  5.96e-08], format='<e', shape=(4,))"},
	"float16 big-endian":            {"[ 5.e-01 -2.e+00  1.e+03]", "View([ 5.e-01, -2.e+00,  1.e+03], format='>e', shape=(3,))"},
	"float64 big-endian":            {"[ 1.25 -2.5 ]", "View([ 1.25, -2.5 ], format='>d', shape=(2,))"},
	"bool":                          {"[ True False  True]", "View([ True, False,  True], format='?', shape=(3,))"},
	"complex128":                    {"[1.+2.j  3.-0.5j]", "View([1.+2.j , 3.-0.5j], format='<Zd', shape=(2,))"},
	"complex64 specials":            {"[nan +1.j inf-infj  0. +0.j]", "View([nan +1.j, inf-infj,  0. +0.j], format='<Zf', shape=(3,))"},
	"complex scientific":            {"[1.e+10+1.e+00j 0.e+00-1.e-10j]", "View([1.e+10+1.e+00j, 0.e+00-1.e-10j], format='>Zd', shape=(2,))"},
	"bytes":                         {"[b'ab' b'c' b\"it'\"]", "View([b'ab', b'c', b\"it'\"], format='3s', shape=(3,))"},
	"bytes escapes":                 {"[b'a\\x00b' b'\\t\\n\\xff' b'\\'\"']", "View([b'a\\x00b', b'\\t\\n\\xff', b'\\'\"'], format='4s', shape=(3,))"},
	"char":                          {"[b'a' b'' b'\\n']", "View([b'a', b'', b'\\n'], format='c', shape=(3,))"},
	"unicode":                       {"['ab' 'é€' '']", "View(['ab', 'é€', ''], format='<3w', shape=(3,))"},
	"record":                        {"[( 1,  2.5) (10, -3. )]", "View([( 1,  2.5), (10, -3. )], format='T{<i:a:<d:b:}', shape=(2,))"},
	"record mixed":                  {"[( True, b'ab', [  3,   4]) (False, b'', [-50,   6])]", "View([( True, b'ab', [  3,   4]), (False, b'', [-50,   6])],\n     format='T{?:f:3s:s:(2)<h:v:}', shape=(2,))"},
	"record one field":              {"[(1. ,) (0.5,)]", "View([(1. ,), (0.5,)], format='T{<d:x:}', shape=(2,))"},
	"record nested":                 {"[( 1, (  0.5,  True)) (-2, (100. , False))]", "View([( 1, (  0.5,  True)), (-2, (100. , False))],\n     format='T{<h:a:T{<f:b:?:c:}:n:}', shape=(2,))"},
	"record native struct":          {"[(1, 1.e+09) (2, 2.e+00)]", "View([(1, 1.e+09), (2, 2.e+00)], format='hd', shape=(2,))"},
	"record repeated field":         {"[([1, 2], 0.5) ([3, 4], 1. )]", "View([([1, 2], 0.5), ([3, 4], 1. )], format='2hd', shape=(2,))"},
	"sub-array format":              {"[[1 2 3]\n [4 5 6]]", "View([[1, 2, 3],\n      [4, 5, 6]], format='3h', shape=(2,))"},
	"sub-array format 2-D":          {"[[[1.  2. ]\n  [3.  4.5]]]", "View([[[1. , 2. ],\n       [3. , 4.5]]], format='(2,2)<f', shape=(1,))"},
	"0-d int":                       {"42", "View(42, format='<i', shape=())"},
	"0-d float":                     {"0.1", "View(0.1, format='<d', shape=())"},
	"0-d float whole":               {"2.0", "View(2., format='<d', shape=())"},
	"0-d float huge":                {"1e+16", "View(1.e+16, format='<d', shape=())"},
	"0-d float tiny":                {"1e-05", "View(1.e-05, format='<f', shape=())"},
	"0-d float16":                   {"0.1", "View(0.1, format='<e', shape=())"},
	"0-d complex":                   {"(1.5+0j)", "View(1.5+0.j, format='<Zd', shape=())"},
	"0-d complex imaginary":         {"2j", "View(0.+2.j, format='<Zd', shape=())"},
	"0-d bool":                      {"True", "View(True, format='?', shape=())"},
	"0-d bytes":                     {"b'ab'", "View(b'ab', format='3s', shape=())"},
	"0-d unicode":                   {"hi", "View('hi', format='<2w', shape=())"},
	"0-d record":                    {"(1, 0., True)", "View((1, 0., True), format='T{<i:a:<d:b:?:c:}', shape=())"},
	"empty":                         {"[]", "View([], format='<d', shape=(0,))"},
	"empty 2x0":                     {"[]", "View([], format='<i', shape=(2, 0))"},
	"empty 0x3":                     {"[]", "View([], format='?', shape=(0, 3))"},
	"summarised 1-D":                {"[   0    1    2 ... 1997 1998 1999]", "View([   0,    1,    2, ..., 1997, 1998, 1999], format='<q', shape=(2000,))"},
	"summarised 2-D":                {"[[0.00000000e+00 1.42857143e-01 2.85714286e-01 ... 1.38571429e+01\n  1.40000000e+01 1.41428571e+01]\n [1.42857143e+01 1.44285714e+01 1.45714286e+01 ... 2.81428571e+01\n  2.82857143e+01 2.84285714e+01]\n [2.85714286e+01 2.87142857e+01 2.88571429e+01 ... 4.24285714e+01\n  4.25714286e+01 4.27142857e+01]\n ...\n [1.38571429e+03 1.38585714e+03 1.38600000e+03 ... 1.39957143e+03\n  1.39971429e+03 1.39985714e+03]\n [1.40000000e+03 1.40014286e+03 1.40028571e+03 ... 1.41385714e+03\n  1.41400000e+03 1.41414286e+03]\n [1.41428571e+03 1.41442857e+03 1.41457143e+03 ... 1.42814286e+03\n  1.42828571e+03 1.42842857e+03]]", "View([[0.00000000e+00, 1.42857143e-01, 2.85714286e-01, ...,\n       1.38571429e+01, 1.40000000e+01, 1.41428571e+01],\n      [1.42857143e+01, 1.44285714e+01, 1.45714286e+01, ...,\n       2.81428571e+01, 2.82857143e+01, 2.84285714e+01],\n      [2.85714286e+01, 2.87142857e+01, 2.88571429e+01, ...,\n       4.24285714e+01, 4.25714286e+01, 4.27142857e+01],\n      ...,\n      [1.38571429e+03, 1.38585714e+03, 1.38600000e+03, ...,\n       1.39957143e+03, 1.39971429e+03, 1.39985714e+03],\n      [1.40000000e+03, 1.40014286e+03, 1.40028571e+03, ...,\n       1.41385714e+03, 1.41400000e+03, 1.41414286e+03],\n      [1.41428571e+03, 1.41442857e+03, 1.41457143e+03, ...,\n       1.42814286e+03, 1.42828571e+03, 1.42842857e+03]],\n     format='<d', shape=(100, 100))"},
	"summarised 3-D":                {"[[[   0    1    2 ...    9   10   11]\n  [  12   13   14 ...   21   22   23]\n  [  24   25   26 ...   33   34   35]\n  ...\n  [ 108  109  110 ...  117  118  119]\n  [ 120  121  122 ...  129  130  131]\n  [ 132  133  134 ...  141  142  143]]\n\n [[ 144  145  146 ...  153  154  155]\n  [ 156  157  158 ...  165  166  167]\n  [ 168  169  170 ...  177  178  179]\n  ...\n  [ 252  253  254 ...  261  262  263]\n  [ 264  265  266 ...  273  274  275]\n  [ 276  277  278 ...  285  286  287]]\n\n [[ 288  289  290 ...  297  298  299]\n  [ 300  301  302 ...  309  310  311]\n  [ 312  313  314 ...  321  322  323]\n  ...\n  [ 396  397  398 ...  405  406  407]\n  [ 408  409  410 ...  417  418  419]\n  [ 420  421  422 ...  429  430  431]]\n\n ...\n\n [[1296 1297 1298 ... 1305 1306 1307]\n  [1308 1309 1310 ... 1317 1318 1319]\n  [1320 1321 1322 ... 1329 1330 1331]\n  ...\n  [1404 1405 1406 ... 1413 1414 1415]\n  [1416 1417 1418 ... 1425 1426 1427]\n  [1428 1429 1430 ... 1437 1438 1439]]\n\n [[1440 1441 1442 ... 1449 1450 1451]\n  [1452 1453 1454 ... 1461 1462 1463]\n  [1464 1465 1466 ... 1473 1474 1475]\n  ...\n  [1548 1549 1550 ... 1557 1558 1559]\n  [1560 1561 1562 ... 1569 1570 1571]\n  [1572 1573 1574 ... 1581 1582 1583]]\n\n [[1584 1585 1586 ... 1593 1594 1595]\n  [1596 1597 1598 ... 1605 1606 1607]\n  [1608 1609 1610 ... 1617 1618 1619]\n  ...\n  [1692 1693 1694 ... 1701 1702 1703]\n  [1704 1705 1706 ... 1713 1714 1715]\n  [1716 1717 1718 ... 1725 1726 1727]]]", "View([[[   0,    1,    2, ...,    9,   10,   11],\n       [  12,   13,   14, ...,   21,   22,   23],\n       [  24,   25,   26, ...,   33,   34,   35],\n       ...,\n       [ 108,  109,  110, ...,  117,  118,  119],\n       [ 120,  121,  122, ...,  129,  130,  131],\n       [ 132,  133,  134, ...,  141,  142,  143]],\n\n      [[ 144,  145,  146, ...,  153,  154,  155],\n       [ 156,  157,  158, ...,  165,  166,  167],\n       [ 168,  169,  170, ...,  177,  178,  179],\n       ...,\n       [ 252,  253,  254, ...,  261,  262,  263],\n       [ 264,  265,  266, ...,  273,  274,  275],\n       [ 276,  277,  278, ...,  285,  286,  287]],\n\n      [[ 288,  289,  290, ...,  297,  298,  299],\n       [ 300,  301,  302, ...,  309,  310,  311],\n       [ 312,  313,  314, ...,  321,  322,  323],\n       ...,\n       [ 396,  397,  398, ...,  405,  406,  407],\n       [ 408,  409,  410, ...,  417,  418,  419],\n       [ 420,  421,  422, ...,  429,  430,  431]],\n\n      ...,\n\n      [[1296, 1297, 1298, ..., 1305, 1306, 1307],\n       [1308, 1309, 1310, ..., 1317, 1318, 1319],\n       [1320, 1321, 1322, ..., 1329, 1330, 1331],\n       ...,\n       [1404, 1405, 1406, ..., 1413, 1414, 1415],\n       [1416, 1417, 1418, ..., 1425, 1426, 1427],\n       [1428, 1429, 1430, ..., 1437, 1438, 1439]],\n\n      [[1440, 1441, 1442, ..., 1449, 1450, 1451],\n       [1452, 1453, 1454, ..., 1461, 1462, 1463],\n       [1464, 1465, 1466, ..., 1473, 1474, 1475],\n       ...,\n       [1548, 1549, 1550, ..., 1557, 1558, 1559],\n       [1560, 1561, 1562, ..., 1569, 1570, 1571],\n       [1572, 1573, 1574, ..., 1581, 1582, 1583]],\n\n      [[1584, 1585, 1586, ..., 1593, 1594, 1595],\n       [1596, 1597, 1598, ..., 1605, 1606, 1607],\n       [1608, 1609, 1610, ..., 1617, 1618, 1619],\n       ...,\n       [1692, 1693, 1694, ..., 1701, 1702, 1703],\n       [1704, 1705, 1706, ..., 1713, 1714, 1715],\n       [1716, 1717, 1718, ..., 1725, 1726, 1727]]],\n     format='<i', shape=(12, 12, 12))"},
	"summarised keeps short axes":   {"[[   0    1    2 ...  597  598  599]\n [ 600  601  602 ... 1197 1198 1199]]", "View([[   0,    1,    2, ...,  597,  598,  599],\n      [ 600,  601,  602, ..., 1197, 1198, 1199]],\n     format='<h', shape=(2, 600))"},
	"long row wraps":                {"[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39]", "View([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,\n      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,\n      34, 35, 36, 37, 38, 39], format='<q', shape=(40,))"},
	"long float rows wrap":          {"[[ 0.          0.33333333  0.66666667  1.          1.33333333  1.66666667\n   2.          2.33333333  2.66666667  3.          3.33333333  3.66666667]\n [ 4.          4.33333333  4.66666667  5.          5.33333333  5.66666667\n   6.          6.33333333  6.66666667  7.          7.33333333  7.66666667]\n [ 8.          8.33333333  8.66666667  9.          9.33333333  9.66666667\n  10.         10.33333333 10.66666667 11.         11.33333333 11.66666667]]", "View([[ 0.        ,  0.33333333,  0.66666667,  1.        ,  1.33333333,\n        1.66666667,  2.        ,  2.33333333,  2.66666667,  3.        ,\n        3.33333333,  3.66666667],\n      [ 4.        ,  4.33333333,  4.66666667,  5.        ,  5.33333333,\n        5.66666667,  6.        ,  6.33333333,  6.66666667,  7.        ,\n        7.33333333,  7.66666667],\n      [ 8.        ,  8.33333333,  8.66666667,  9.        ,  9.33333333,\n        9.66666667, 10.        , 10.33333333, 10.66666667, 11.        ,\n       11.33333333, 11.66666667]], format='<d', shape=(3, 12))"},
	"long bool row wraps":           {"[ True False False  True False False  True False False  True False False\n  True False False  True False False  True False]", "View([ True, False, False,  True, False, False,  True, False, False,\n       True, False, False,  True, False, False,  True, False, False,\n       True, False], format='?', shape=(20,))"},
	"reversed":                      {"[[6 5 4]\n [3 2 1]]", "View([[6, 5, 4],\n      [3, 2, 1]], format='<i', shape=(2, 3))"},
	"stepped":                       {"[4.5 3.  1.5 0. ]", "View([4.5, 3. , 1.5, 0. ], format='<d', shape=(4,))"},
	"transposed":                    {"[[ 0  4  8]\n [ 1  5  9]\n [ 2  6 10]\n [ 3  7 11]]", "View([[ 0,  4,  8],\n      [ 1,  5,  9],\n      [ 2,  6, 10],\n      [ 3,  7, 11]], format='>i', shape=(4, 3))"},
	"broadcast":                     {"[[ 1.   2.5 -3. ]\n [ 1.   2.5 -3. ]]", "View([[ 1. ,  2.5, -3. ],\n      [ 1. ,  2.5, -3. ]], format='<f', shape=(2, 3))"},
}

type ptVerbCase struct {
	name, verb string
	build      func(t testing.TB) View
	want       string
}

func ptInts(t testing.TB) View { return ptView(t, "<i", []int{2, 3}, 1, -20, 300, 4, 5, 6) }
func ptFloats(t testing.TB) View {
	return ptView(t, "<d", []int{3}, 1.5, -2.25, 1e10)
}

// ptVerbCases: Format with each verb; the expectations are fmt's
// formatting of each element, aligned per column.
var ptVerbCases = []ptVerbCase{
	{name: "d", verb: "%d", build: ptInts, want: "[[  1 -20 300]\n [  4   5   6]]"},
	{name: "x", verb: "%x", build: ptInts, want: "[[  1 -14 12c]\n [  4   5   6]]"},
	{name: "X", verb: "%X", build: ptInts, want: "[[  1 -14 12C]\n [  4   5   6]]"},
	{name: "o", verb: "%o", build: ptInts, want: "[[  1 -24 454]\n [  4   5   6]]"},
	{name: "O", verb: "%O", build: ptInts, want: "[[  0o1 -0o24 0o454]\n [  0o4   0o5   0o6]]"},
	{name: "b zero-padded", verb: "%08b", build: ptInts, want: "[[ 00000001  -0010100 100101100]\n [ 00000100  00000101  00000110]]"},
	{name: "width", verb: "%5d", build: ptInts, want: "[[    1   -20   300]\n [    4     5     6]]"},
	{name: "left", verb: "%-5d|", build: ptInts, want: "[[1     -20   300  ]\n [4     5     6    ]]|"},
	{name: "plus", verb: "%+d", build: ptInts, want: "[[  +1  -20 +300]\n [  +4   +5   +6]]"},
	{name: "uint64", verb: "%d", build: func(t testing.TB) View { return ptView(t, ">Q", []int{2}, uint64(math.MaxUint64), 1) }, want: "[18446744073709551615                    1]"},
	{name: "e", verb: "%e", build: ptFloats, want: "[ 1.500000e+00 -2.250000e+00  1.000000e+10]"},
	{name: "f precision", verb: "%.2f", build: ptFloats, want: "[          1.50          -2.25 10000000000.00]"},
	{name: "g", verb: "%g", build: ptFloats, want: "[  1.5 -2.25 1e+10]"},
	{name: "G width precision", verb: "%8.3G", build: ptFloats, want: "[     1.5    -2.25    1E+10]"},
	{name: "f left", verb: "%-9.1f|", build: ptFloats, want: "[1.5           -2.2          10000000000.0]|"},
	{name: "e plus", verb: "%+.1e", build: ptFloats, want: "[+1.5e+00 -2.2e+00 +1.0e+10]"},
	{name: "float32 g", verb: "%g", build: func(t testing.TB) View { return ptView(t, "<f", []int{2}, 0.1, 3.0) }, want: "[0.1   3]"},
	{name: "float16 g", verb: "%g", build: func(t testing.TB) View { return ptView(t, "<e", []int{2}, 0.1, 3.0) }, want: "[0.099975586           3]"},
	{name: "complex f", verb: "%.1f", build: func(t testing.TB) View { return ptView(t, "<Zf", []int{2}, 1+2i, -0.5i) }, want: "[(1.0+2.0i) (0.0-0.5i)]"},
	{name: "complex g", verb: "%g", build: func(t testing.TB) View { return ptView(t, ">Zd", []int{2}, 1+2i, -0.5i) }, want: "[  (1+2i) (0-0.5i)]"},
	{name: "t", verb: "%t", build: func(t testing.TB) View { return ptView(t, "?", []int{2}, true, false) }, want: "[ true false]"},
	{name: "q bytes", verb: "%q", build: func(t testing.TB) View { return ptView(t, "3s", []int{2}, ptB("ab"), ptB("\x01")) }, want: "[  \"ab\" \"\\x01\"]"},
	{name: "x bytes", verb: "%x", build: func(t testing.TB) View { return ptView(t, "3s", []int{2}, ptB("ab"), ptB("\x01")) }, want: "[6162   01]"},
	{name: "X bytes spaced", verb: "% X", build: func(t testing.TB) View { return ptView(t, "3s", []int{2}, ptB("ab"), ptB("\x01")) }, want: "[61 62    01]"},
	{name: "q unicode", verb: "%q", build: func(t testing.TB) View { return ptUnicode(t, 2, []int{2}, "h\u00e9", "") }, want: "[\"hé\"   \"\"]"},
	{name: "record of ints", verb: "%x", build: func(t testing.TB) View {
		return ptView(t, "T{<i:a:<h:b:}", []int{2}, []any{1, -2}, []any{300, 4})
	}, want: "[(  1, -2) (12c,  4)]"},
	{name: "0-d", verb: "%5d", build: func(t testing.TB) View { return ptView(t, "<i", nil, 7) }, want: "    7"},
	{name: "summarised", verb: "%x", build: func(t testing.TB) View { return ptRange(t, "<q", 0, 2000) }, want: "[  0   1   2 ... 7cd 7ce 7cf]"},
	{name: "empty", verb: "%d", build: func(t testing.TB) View { return ptView(t, "<i", []int{0}) }, want: "[]"},
	{name: "v", verb: "%v", build: ptInts, want: "[[  1 -20 300]\n [  4   5   6]]"},
	{name: "s", verb: "%s", build: ptInts, want: "[[  1 -20 300]\n [  4   5   6]]"},
	{name: "s width", verb: "%12s|", build: func(t testing.TB) View { return ptView(t, "<i", []int{2}, 1, 2) }, want: "       [1 2]|"},
	{name: "v left", verb: "%-12v|", build: func(t testing.TB) View { return ptView(t, "<i", []int{2}, 1, 2) }, want: "[1 2]       |"},
	{name: "s precision", verb: "%.3s", build: ptInts, want: "[[ "},
	{name: "plus v", verb: "%+v", build: ptInts, want: "View([[  1, -20, 300],\n      [  4,   5,   6]], format='<i', shape=(2, 3))"},
	{name: "sharp v", verb: "%#v", build: ptInts, want: "View([[  1, -20, 300],\n      [  4,   5,   6]], format='<i', shape=(2, 3))"},
	{name: "bad verb", verb: "%z", build: ptInts, want: "%!z(ndview.View=[[  1 -20 300]\n [  4   5   6]])"},
	{name: "d on floats", verb: "%d", build: ptFloats, want: "%!d(ndview.View=[ 1.50e+00 -2.25e+00  1.00e+10])"},
	{name: "d on bools", verb: "%d", build: func(t testing.TB) View { return ptView(t, "?", []int{2}, true, false) }, want: "%!d(ndview.View=[ True False])"},
	{name: "f on ints", verb: "%f", build: ptInts, want: "%!f(ndview.View=[[  1 -20 300]\n [  4   5   6]])"},
	{name: "d on mixed record", verb: "%d", build: func(t testing.TB) View {
		return ptView(t, "T{<i:a:<d:b:}", []int{2}, []any{1, 2.0}, []any{300, 4.0})
	}, want: "%!d(ndview.View=[(  1, 2.) (300, 4.)])"},
	{name: "d on opaque", verb: "%d", build: func(t testing.TB) View { return ptView(t, "O", []int{1}) }, want: "%!d(ndview.View=[<0000000000000000>])"},
	{name: "zero View d", verb: "%d", build: func(testing.TB) View { return View{} }, want: "%!d(ndview.View=[])"},
	{name: "zero View v", verb: "%v", build: func(testing.TB) View { return View{} }, want: "[]"},
	{name: "zero View plus v", verb: "%+v", build: func(testing.TB) View { return View{} }, want: "View(nil)"},
}

func TestPrintVerbs(t *testing.T) {
	for _, c := range ptVerbCases {
		if got := fmt.Sprintf(c.verb, c.build(t)); got != c.want {
			t.Errorf("%s: Sprintf(%q) diff (-want +got):\n%s", c.name, c.verb, cmp.Diff(c.want, got))
		}
	}
}

// TestPrintSliceOfViews checks that fmt reaches Format through
// containers, as it does for any Formatter.
func TestPrintSliceOfViews(t *testing.T) {
	vs := []View{ptView(t, "<i", []int{2}, 1, 2), ptView(t, "?", nil, true)}
	for _, c := range []struct{ verb, want string }{
		{"%v", "[[1 2] True]"},
		{"%+v", "[View([1, 2], format='<i', shape=(2,)) View(True, format='?', shape=())]"},
	} {
		if got := fmt.Sprintf(c.verb, vs); got != c.want {
			t.Errorf("Sprintf(%q) = %q, want %q", c.verb, got, c.want)
		}
	}
}

// TestPrintThreshold checks that views of up to 1000 elements print
// whole and larger ones are summarised, as NumPy's threshold decides.
func TestPrintThreshold(t *testing.T) {
	for _, c := range []struct {
		shape   []int
		summary bool
	}{
		{[]int{1000}, false}, {[]int{1001}, true}, {[]int{10, 100}, false}, {[]int{7, 143}, true},
		{[]int{2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, true}, // every axis short: all shown, yet "summarised"
	} {
		v, err := Make("<h", c.shape...)
		if err != nil {
			t.Fatal(err)
		}
		s := v.String()
		if got := strings.Contains(s, "..."); got != (c.summary && c.shape[0] > 6) {
			t.Errorf("shape %v: summarised %v, want %v", c.shape, got, c.summary)
		}
		if n := strings.Count(s, "0"); !c.summary && n != v.Len() {
			t.Errorf("shape %v: %d elements printed, want %d", c.shape, n, v.Len())
		}
	}
}

// ptHuge returns a view of n elements that share a few bytes (stride
// 0 in the middle dimensions), so that a huge view costs no memory.
func ptHuge(t testing.TB, fmtstr string, shape ...int) View {
	t.Helper()
	f := format.MustParse(fmtstr)
	buf := make([]byte, shape[len(shape)-1]*f.Size())
	for i := range buf {
		buf[i] = byte(i * 37)
	}
	strides := make([]int, len(shape))
	strides[len(shape)-1] = f.Size()
	v, err := FromLayout(buf, Layout{Format: f, Shape: shape, Strides: strides})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestPrintHugeIsCheap checks that printing a view of 10^8 elements
// reads only the elements it shows: it takes about as long as printing
// a small view (a full read would take a second or more).
func TestPrintHugeIsCheap(t *testing.T) {
	for _, c := range []struct {
		fmtstr string
		shape  []int
	}{
		{"<d", []int{1e8 / 64, 64}},
		{"<f", []int{1e4, 1e2, 100}},
		{"T{<i:a:<d:b:}", []int{1e6, 100, 1}},
	} {
		v := ptHuge(t, c.fmtstr, c.shape...)
		if v.Len() < 1e8 {
			t.Fatalf("Len %d", v.Len())
		}
		per := time.Hour // the fastest of a few runs, to discount a busy machine
		for range 20 {
			start := time.Now()
			_ = v.String()
			per = min(per, time.Since(start))
		}
		t.Logf("%s %v: %v per String", c.fmtstr, c.shape, per)
		if per > 10*time.Millisecond {
			t.Errorf("%s %v: String took %v", c.fmtstr, c.shape, per)
		}
	}
}

// TestPrintNeverPanics prints views of every kind of format, including
// those without Go values and odd layouts, with random bytes, through
// String, GoString and every verb.
func TestPrintNeverPanics(t *testing.T) {
	fmts := []string{
		"O", "g", "Zg", "2O", "T{O:o:<d:x:}", "<3u", ">2w", "5p", "T{3x:v:<b:b:}", "4x", "xxi", "xx3h",
		"i0h", "(1)d", "3?", "T{T{T{<e:a:}:b:}:c:}", "3c", "@iq?", "=Zf", "^hd",
		"0h/4", "T{}/3", "2T{}/2", "<d/16", "T{<i:a:}/8", // format/itemsize: Padded
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%X", "%o", "%b", "%e", "%f", "%g", "%t", "%q", "%c", "%U", "%10.3f", "%-8d"}
	r := rand.New(rand.NewPCG(7, 8))
	for _, fs := range fmts {
		fs, pad, _ := strings.Cut(fs, "/")
		f, err := format.Parse(fs)
		if err != nil {
			t.Logf("%q does not parse: %v", fs, err)
			continue
		}
		if pad != "" {
			n, _ := strconv.Atoi(pad)
			if f, err = f.Padded(n); err != nil {
				t.Fatal(err)
			}
		}
		for _, shape := range [][]int{nil, {0}, {3}, {2, 2}, {1100}} {
			v, err := MakeOf(f, shape...)
			if err != nil {
				t.Logf("%q %v: %v", fs, shape, err)
				continue
			}
			for i := range v.Buffer() {
				v.Buffer()[i] = byte(r.Uint32())
			}
			for _, verb := range verbs {
				_ = fmt.Sprintf(verb, v)
			}
			_ = v.String()
			_ = v.GoString()
		}
	}
	for range 300 {
		v := ptRandView(r)
		for _, verb := range verbs {
			_ = fmt.Sprintf(verb, v)
		}
	}
}

// TestPrintFormatMatchesString checks that %v is String and %+v GoString
// for random views.
func TestPrintFormatMatchesString(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 200 {
		v := ptRandView(r)
		if got, want := fmt.Sprint(v), v.String(); got != want {
			t.Fatalf("%%v %q, String %q", got, want)
		}
		if got, want := fmt.Sprintf("%+v", v), v.GoString(); got != want {
			t.Fatalf("%%+v %q, GoString %q", got, want)
		}
	}
}

func BenchmarkPrintString(b *testing.B) {
	for _, c := range []struct {
		name   string
		fmtstr string
		shape  []int
	}{
		{"float64/1000", "<d", []int{1000}},
		{"float64/10x100", "<d", []int{10, 100}},
		{"int32/1e8", "<i", []int{1e4, 1e4}},
		{"float64/1e8x3D", "<d", []int{1000, 1000, 100}},
	} {
		b.Run(c.name, func(b *testing.B) {
			v := ptHuge(b, c.fmtstr, c.shape...)
			f := &ptFiller{r: rand.New(rand.NewPCG(1, 1)), floats: 1}
			for o := 0; o < len(v.Buffer()); o += v.ItemSize() {
				f.fill(v.ItemFormat(), v.Buffer()[o:o+v.ItemSize()])
			}
			b.ReportAllocs()
			for b.Loop() {
				_ = v.String()
			}
		})
	}
}

package format_test

// Differential tests against the real oracles: CPython's struct module and
// NumPy's PEP 3118 buffer export, run through testdata/crosscheck.py. Each
// test starts one Python process; without a Python 3 interpreter (or, for
// the NumPy test, without NumPy) it is skipped.

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ndview/ndview/format"
)

const (
	xcStructCases = 4000
	xcNumPyDtypes = 1500
	xcNumPySeed   = 3118
	xcMaxFailures = 20
)

// xcPython returns the Python 3 interpreter to use as the oracle, or skips.
func xcPython(t *testing.T) string {
	t.Helper()
	if fi, err := os.Stat("/usr/bin/python3"); err == nil && !fi.IsDir() {
		return "/usr/bin/python3"
	}
	p, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("cross-check skipped: no Python 3 interpreter (neither /usr/bin/python3 nor python3 on PATH)")
	}
	return p
}

// xcRun runs testdata/crosscheck.py once with stdin and decodes its JSON
// answer into v.
func xcRun(t *testing.T, py string, stdin []byte, v any, args ...string) {
	t.Helper()
	cmd := exec.Command(py, append([]string{filepath.Join("testdata", "crosscheck.py")}, args...)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s testdata/crosscheck.py %s: %v\n%s", py, strings.Join(args, " "), err, stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), v); err != nil {
		t.Fatalf("decoding the answer of testdata/crosscheck.py: %v", err)
	}
}

// xcCheckNative skips unless Python's native sizes are the x86-64 Linux
// ones the package implements (8-byte long and pointer) and its byte order
// is the one Go sees.
func xcCheckNative(t *testing.T, python string, native []any) {
	t.Helper()
	want := []any{float64(8), float64(8), format.NativeOrder().String()}
	if fmt.Sprint(native) != fmt.Sprint(want) {
		t.Skipf("cross-check skipped: Python %s reports native [sizeof long, sizeof void*, byte order] = %v, "+
			"the package models %v", python, native, want)
	}
}

// xcFailures collects disagreements and reports the first xcMaxFailures.
type xcFailures struct {
	t *testing.T
	n int
}

func (f *xcFailures) add(format string, args ...any) {
	f.t.Helper()
	f.n++
	if f.n <= xcMaxFailures {
		f.t.Errorf(format, args...)
	}
}

func (f *xcFailures) done(cases int) {
	f.t.Helper()
	if f.n > xcMaxFailures {
		f.t.Errorf("... %d disagreements in all (%d cases); only the first %d are shown", f.n, cases, xcMaxFailures)
	}
}

// ---------------------------------------------------------------- values

// xcVal is a value to pack: it becomes a Go value for Pack and a tagged
// JSON value (["i", "decimal"], ["f", "float64 bits in hex"], ["b", bool],
// ["y", "hex"]) that crosscheck.py turns into the same Python value.
type xcVal struct {
	tag byte // 'i', 'f', 'b' or 'y'
	i   *big.Int
	f   float64
	b   bool
	y   []byte
}

func xcInt(n *big.Int) xcVal  { return xcVal{tag: 'i', i: n} }
func xcInt64(n int64) xcVal   { return xcInt(big.NewInt(n)) }
func xcFloat(f float64) xcVal { return xcVal{tag: 'f', f: f} }
func xcBool(b bool) xcVal     { return xcVal{tag: 'b', b: b} }
func xcBytes(s string) xcVal  { return xcVal{tag: 'y', y: []byte(s)} }
func xcPow2(n uint) *big.Int  { return new(big.Int).Lsh(big.NewInt(1), n) }
func xcAdd(a *big.Int, d int64) *big.Int {
	return new(big.Int).Add(a, big.NewInt(d))
}

// goValue is the Go value Pack gets: int64 or uint64 when the integer fits,
// else *big.Int.
func (v xcVal) goValue() any {
	switch v.tag {
	case 'i':
		switch {
		case v.i.IsInt64():
			return v.i.Int64()
		case v.i.IsUint64():
			return v.i.Uint64()
		}
		return new(big.Int).Set(v.i)
	case 'f':
		return v.f
	case 'b':
		return v.b
	}
	return v.y
}

func (v xcVal) MarshalJSON() ([]byte, error) {
	switch v.tag {
	case 'i':
		return json.Marshal([]any{"i", v.i.String()})
	case 'f':
		return json.Marshal([]any{"f", strconv.FormatUint(math.Float64bits(v.f), 16)})
	case 'b':
		return json.Marshal([]any{"b", v.b})
	}
	return json.Marshal([]any{"y", hex.EncodeToString(v.y)})
}

func (v xcVal) String() string {
	switch v.tag {
	case 'i':
		return v.i.String()
	case 'f':
		return fmt.Sprintf("%v(%#016x)", v.f, math.Float64bits(v.f))
	case 'b':
		return strconv.FormatBool(v.b)
	}
	return fmt.Sprintf("b%q", v.y)
}

// ------------------------------------------------------ struct generator

type xcStructCase struct {
	fmt    string
	values []xcVal
	data   []byte // random bytes, at least as many as the item needs
}

func (c *xcStructCase) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{
		"format": hex.EncodeToString([]byte(c.fmt)),
		"values": c.values,
		"data":   hex.EncodeToString(c.data),
	})
}

func (c *xcStructCase) String() string {
	vs := make([]string, len(c.values))
	for i, v := range c.values {
		vs[i] = v.String()
	}
	return fmt.Sprintf("format %q values [%s]", c.fmt, strings.Join(vs, ", "))
}

type xcGen struct {
	r *rand.Rand
	// valid is set for cases whose values are all meant to pack: with
	// several values a case, picking any of them out of range or of the
	// wrong type would make most packs fail.
	valid bool
}

var (
	xcPrefixes = []string{"", "@", "=", "<", ">", "!"}
	xcSpaces   = []string{" ", "\t", "\n", "\r", "\v", "\f"}
)

const (
	xcCodes    = "xcbB?hHiIlLqQnNefdspP"
	xcStdCodes = "xcbB?hHiIlLqQefdsp" // no n, N, P with standard sizes
)

func (g *xcGen) pick(n int) int          { return g.r.IntN(n) }
func (g *xcGen) chance(p float64) bool   { return g.r.Float64() < p }
func xcOneOf[T any](g *xcGen, xs ...T) T { return xs[g.r.IntN(len(xs))] }

func (g *xcGen) space(sb *strings.Builder) {
	if g.chance(0.2) {
		for range 1 + g.pick(2) {
			sb.WriteString(xcOneOf(g, xcSpaces...))
		}
	}
}

// structCase makes a random struct format with values for it. About one
// case in fifteen is mutated, mostly into an invalid string.
func (g *xcGen) structCase() *xcStructCase {
	for {
		c := g.structCaseOnce()
		if !xcHasZeroP(c.fmt) {
			return c
		}
	}
}

func (g *xcGen) structCaseOnce() *xcStructCase {
	prefix := xcOneOf(g, xcPrefixes...)
	native := prefix == "" || prefix == "@"
	var sb strings.Builder
	sb.WriteString(prefix)
	g.space(&sb)
	c := &xcStructCase{values: []xcVal{}}
	g.valid = g.chance(0.6)
	bound := 0
	for range g.pick(7) {
		codes := xcCodes
		if !native && !g.chance(0.05) {
			codes = xcStdCodes // keep most standard-size formats valid
		}
		code := codes[g.pick(len(codes))]
		count, text := g.count(code)
		sb.WriteString(text)
		sb.WriteByte(code)
		g.space(&sb)
		bound += 8*count + 8
		switch code {
		case 'x':
		case 's', 'p':
			c.values = append(c.values, g.value(native, code, count))
		default:
			for range count {
				c.values = append(c.values, g.value(native, code, 1))
			}
		}
	}
	c.fmt = sb.String()
	if g.chance(1.0 / 15) {
		c.fmt = g.mutate(c.fmt)
	}
	c.data = g.bytes(bound)
	return c
}

// count returns a repeat count (0 to 4) and how it is written.
func (g *xcGen) count(code byte) (int, string) {
	for {
		r := g.r.Float64()
		n, text := 1, ""
		switch {
		case r < 0.45:
		case r < 0.55:
			n, text = 0, "0"
		case r < 0.65:
			n, text = 1, "1"
		default:
			n = 2 + g.pick(3)
			text = strconv.Itoa(n)
		}
		if code == 'p' && n == 0 {
			continue // see xcHasZeroP
		}
		return n, text
	}
}

// xcHasZeroP reports whether s has a "0p" item: CPython 3.11 packs a stray
// 0xff for it and its unpack raises SystemError, so it is no oracle there.
func xcHasZeroP(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j < len(s) && s[j] == 'p' && strings.Trim(s[i:j], "0") == "" {
			return true
		}
		i = j
	}
	return false
}

// mutate damages a format, mostly into one CPython refuses.
func (g *xcGen) mutate(s string) string {
	pos := g.pick(len(s) + 1)
	switch g.pick(8) {
	case 0: // a prefix anywhere
		return s[:pos] + xcOneOf(g, "@", "=", "<", ">", "!") + s[pos:]
	case 1: // a count with no code
		return s + strconv.Itoa(g.pick(20))
	case 2: // a bad character
		return s[:pos] + xcOneOf(g, "T", "Z", "{", "}", "(", ")", ":", "^", "g", "O", "u", "w", "&", "t", "X",
			"a", "#", "$", "%", "\x00", "\xc3\xa9", "\xff") + s[pos:]
	case 3: // whitespace between count and code
		return s + strconv.Itoa(g.pick(10)) + xcOneOf(g, xcSpaces...) + xcOneOf(g, "b", "h", "i", "q")
	case 4: // huge counts: some valid (only sized), some too large
		return s + xcOneOf(g, "9223372036854775807", "9223372036854775808", "18446744073709551616",
			"99999999999999999999999", "4611686018427387904", "2305843009213693952",
			"1152921504606846976", "1152921504606846975") + xcOneOf(g, "x", "s", "q", "b", "p", "d", "h")
	case 5: // counts whose sum overflows
		return xcOneOf(g, xcPrefixes...) + "9223372036854775800x" +
			xcOneOf(g, "8x", "7x", "1q", "2s", "1000000000000000000q")
	case 6: // whitespace before the prefix
		return xcOneOf(g, xcSpaces...) + xcOneOf(g, "@", "=", "<", ">", "!") + s
	}
	// PEP 3118 syntax, which struct refuses
	return s + xcOneOf(g, "T{i}", "Zf", "Zd", "(2)i", "i:a:", "^i", "g", "O", "&i", "X{}", "u", "w")
}

func (g *xcGen) bytes(n int) []byte {
	b := make([]byte, n)
	uniform := g.chance(0.5)
	for i := range b {
		if uniform {
			b[i] = byte(g.r.Uint32())
		} else {
			b[i] = xcOneOf(g, 0, 0, 0xff, 0x7f, 0x80, 0x7c, 0x7e, 0xfc, 0x01, byte(g.r.Uint32()))
		}
	}
	return b
}

// xcIntRange is the range struct accepts for an integer code.
func xcIntRange(native bool, code byte) (lo, hi *big.Int) {
	size := map[byte]uint{'b': 1, 'B': 1, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 4, 'L': 4, 'q': 8, 'Q': 8,
		'n': 8, 'N': 8, 'P': 8}[code]
	if native && (code == 'l' || code == 'L') {
		size = 8
	}
	bits := 8 * size
	switch {
	case code == 'P': // PyLong_AsVoidPtr: negatives wrap
		return new(big.Int).Neg(xcPow2(63)), xcAdd(xcPow2(64), -1)
	case strings.IndexByte("bhilqn", code) >= 0:
		return new(big.Int).Neg(xcPow2(bits - 1)), xcAdd(xcPow2(bits-1), -1)
	}
	return big.NewInt(0), xcAdd(xcPow2(bits), -1)
}

func (g *xcGen) value(native bool, code byte, count int) xcVal {
	r := g.r.Float64()
	switch code {
	case 'e', 'f', 'd':
		switch {
		case g.valid:
			if r < 0.02 {
				return xcBool(g.chance(0.5))
			}
			for {
				x := g.float()
				ax := math.Abs(x)
				tooLarge := code == 'e' && ax >= 65520 || code == 'f' && !native && ax >= 0x1.ffffffp127
				if tooLarge && ax <= math.MaxFloat64 {
					continue // finite but too large for the code: struct.pack refuses it
				}
				return xcFloat(x)
			}
		case r < 0.08: // Python ints, converted with PyLong_AsDouble
			return xcInt(xcOneOf(g, big.NewInt(0), big.NewInt(1), big.NewInt(-1), big.NewInt(65504),
				big.NewInt(65519), big.NewInt(65520), big.NewInt(2049), big.NewInt(16777217),
				xcPow2(53), xcAdd(xcPow2(53), 1), xcPow2(64), xcPow2(128),
				new(big.Int).Sub(xcPow2(128), xcPow2(103)), new(big.Int).Sub(xcPow2(128), xcPow2(104)),
				xcPow2(1023), xcPow2(1024), new(big.Int).Sub(xcPow2(1024), xcPow2(970)),
				xcAdd(new(big.Int).Sub(xcPow2(1024), xcPow2(970)), -1),
				new(big.Int).Sub(xcPow2(1024), xcPow2(971)), new(big.Int).Neg(xcPow2(1024))))
		case r < 0.1:
			return xcOneOf(g, xcBool(true), xcBool(false), xcBytes("a"))
		}
		return xcFloat(g.float())
	case '?':
		return xcOneOf(g, xcBool(true), xcBool(false), xcInt64(0), xcInt64(1), xcInt64(2), xcInt64(-1),
			xcInt(xcPow2(70)), xcFloat(0), xcFloat(math.Copysign(0, -1)), xcFloat(math.NaN()), xcFloat(0.5),
			xcBytes(""), xcBytes("\x00"), xcBytes("ab"))
	case 'c':
		if r < 0.05 && !g.valid {
			return xcOneOf(g, xcBytes(""), xcBytes("ab"), xcInt64(1))
		}
		return xcVal{tag: 'y', y: []byte{byte(g.pick(256))}}
	case 's', 'p':
		if r < 0.03 && !g.valid {
			return xcInt64(7)
		}
		n := xcOneOf(g, 0, 1, count, max(0, count-1), count+1, g.pick(300))
		return xcVal{tag: 'y', y: g.bytes(n)}
	}
	// integer codes
	switch {
	case r < 0.03: // a Python bool is an int
		return xcBool(g.chance(0.5))
	case r < 0.05 && !g.valid: // not an integer: struct.error
		return xcOneOf(g, xcFloat(1), xcFloat(0.5), xcBytes("a"))
	}
	lo, hi := xcIntRange(native, code)
	if g.valid {
		if g.chance(0.5) {
			return xcInt(xcOneOf(g, lo, hi, xcAdd(lo, 1), xcAdd(hi, -1), big.NewInt(0), big.NewInt(1),
				new(big.Int).Quo(new(big.Int).Add(lo, hi), big.NewInt(2))))
		}
		return xcInt(new(big.Int).Add(lo, g.bigBelow(xcAdd(new(big.Int).Sub(hi, lo), 1))))
	}
	r = g.r.Float64()
	switch {
	case r < 0.5:
		return xcInt(xcOneOf(g, lo, hi, xcAdd(lo, -1), xcAdd(hi, 1), xcAdd(lo, 1), xcAdd(hi, -1),
			big.NewInt(0), big.NewInt(-1), big.NewInt(1)))
	case r < 0.75:
		span := xcAdd(new(big.Int).Sub(hi, lo), 1)
		return xcInt(new(big.Int).Add(lo, g.bigBelow(span)))
	case r < 0.88:
		return xcInt(xcOneOf(g, xcAdd(xcPow2(63), -1), xcPow2(63), new(big.Int).Neg(xcPow2(63)),
			xcAdd(new(big.Int).Neg(xcPow2(63)), -1), xcAdd(xcPow2(64), -1), xcPow2(64),
			new(big.Int).Neg(xcPow2(64)), xcPow2(70), new(big.Int).Neg(xcPow2(70)), xcPow2(200),
			new(big.Int).Neg(xcPow2(200)), xcAdd(xcPow2(128), 1)))
	}
	return xcInt(new(big.Int).Sub(g.bigBelow(xcPow2(67)), xcPow2(66)))
}

// bigBelow returns a random integer in [0, n).
func (g *xcGen) bigBelow(n *big.Int) *big.Int {
	b := make([]byte, len(n.Bytes())+8)
	for i := range b {
		b[i] = byte(g.r.Uint32())
	}
	return new(big.Int).Mod(new(big.Int).SetBytes(b), n)
}

// xcEdgeFloats are values at the edges of e, f and d: overflow thresholds,
// rounding ties, subnormals, signed zeros, infinities and NaNs.
var xcEdgeFloats = []float64{
	0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(math.NaN(), -1),
	math.Float64frombits(0x7ff0000000000001), math.Float64frombits(0xfff4000000000123),
	math.Float64frombits(0x7ff8000020000000), math.Float64frombits(0x7ffc0000deadbeef),
	65504, 65519.99, 65519.999999999, 65520, -65520, math.Nextafter(65520, 0), 65535, 65536, 1e5,
	6.1e-5, 6.103515625e-05, 6.097555160522461e-05, 5.960464477539063e-08, 2.9802322387695312e-08,
	math.Nextafter(2.9802322387695312e-08, 1), math.Nextafter(2.9802322387695312e-08, 0),
	8.940696716308594e-08, 1e-8, 1e-40, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
	math.MaxFloat32, -math.MaxFloat32, 3.4028235677973366e+38, math.Nextafter(3.4028235677973366e+38, 0),
	-3.4028235677973366e+38, 3.5e38, -3.5e38, 1e39, math.MaxFloat64, -math.MaxFloat64,
	1.401298464324817e-45, 7.006492321624085e-46, 7.006492321624087e-46, 2.1019476964872256e-45,
	1.1754942106924411e-38, 1.1754943508222875e-38, 1e-45,
	2047.5, 2048.5, 2049, 2051, 2047.4999999999998, 4095, 1.00048828125, 1.000244140625,
	1.0002441406250002, 0.1, 1.0 / 3, 16777217, 1e300, -1e-300,
}

// xcHalf decodes an IEEE half-precision number (not inf or NaN).
func xcHalf(h uint16) float64 {
	e, m := int(h>>10&0x1f), float64(h&0x3ff)
	v := math.Ldexp(m, -24)
	if e != 0 {
		v = math.Ldexp(m+1024, e-25)
	}
	if h&0x8000 != 0 {
		v = -v
	}
	return v
}

func (g *xcGen) float() float64 {
	var x float64
	switch r := g.r.Float64(); {
	case r < 0.35:
		return xcOneOf(g, xcEdgeFloats...)
	case r < 0.55: // halfway between two halves, or an ulp either side
		h := uint16(g.pick(0x7c00))
		b := 65536.0 // where the next half would be
		if h+1 < 0x7c00 {
			b = xcHalf(h + 1)
		}
		x = (xcHalf(h) + b) / 2
	case r < 0.65: // the same for float32
		h := uint32(g.pick(0x7f800000))
		b := 0x1p128
		if h+1 < 0x7f800000 {
			b = float64(math.Float32frombits(h + 1))
		}
		x = (float64(math.Float32frombits(h)) + b) / 2
	case r < 0.8:
		return math.Float64frombits(g.r.Uint64())
	case r < 0.9:
		return g.r.Float64()*140000 - 70000
	default:
		return xcOneOf(g, -1.0, 1.0) * g.r.Float64() * math.Pow(10, float64(g.pick(101)-50))
	}
	switch g.pick(3) {
	case 1:
		x = math.Nextafter(x, math.Inf(1))
	case 2:
		x = math.Nextafter(x, math.Inf(-1))
	}
	if g.chance(0.5) {
		x = -x
	}
	return x
}

// ------------------------------------------------------- value comparison

// xcFloatIs reports whether got is the float Python wrote as want (a
// float.hex string, "inf", "-inf" or "nan"): bit for bit, any NaN for "nan".
func xcFloatIs(got float64, want any) bool {
	s, ok := want.(string)
	if !ok {
		return false
	}
	if s == "nan" {
		return math.IsNaN(got)
	}
	w, err := strconv.ParseFloat(s, 64)
	return err == nil && !math.IsNaN(got) && math.Float64bits(got) == math.Float64bits(w)
}

// xcLeafIs compares one unpacked Go value with Python's encoding of it.
// With strip, trailing zero bytes of byte strings are ignored, as NumPy
// drops them from S values.
func xcLeafIs(got, want any, strip bool) bool {
	switch x := got.(type) {
	case int64:
		return want == strconv.FormatInt(x, 10)
	case uint64:
		return want == strconv.FormatUint(x, 10)
	case bool:
		return want == x
	case float64:
		return xcFloatIs(x, want)
	case complex128:
		w, ok := want.([]any)
		return ok && len(w) == 2 && xcFloatIs(real(x), w[0]) && xcFloatIs(imag(x), w[1])
	case []byte:
		s, ok := want.(string)
		if !ok {
			return false
		}
		w, err := hex.DecodeString(s)
		if err != nil {
			return false
		}
		if strip {
			x, w = bytes.TrimRight(x, "\x00"), bytes.TrimRight(w, "\x00")
		}
		return bytes.Equal(x, w)
	}
	return false
}

func xcShow(v any) string {
	switch x := v.(type) {
	case float64:
		return fmt.Sprintf("%v(%s)", x, strconv.FormatFloat(x, 'x', -1, 64))
	case []byte:
		return hex.EncodeToString(x)
	}
	return fmt.Sprint(v)
}

// ---------------------------------------------------------------- struct

type xcStructAnswer struct {
	Size      *int64          `json:"size"`
	SizeErr   string          `json:"size_err"`
	Pack      *string         `json:"pack"`
	PackErr   string          `json:"pack_err"`
	Unpack    json.RawMessage `json:"unpack"`
	UnpackErr string          `json:"unpack_err"`
}

// TestCrossCheckStruct compares ParseStruct, CalcSize, Parse, Pack and
// Unpack with CPython's struct.calcsize, struct.pack and struct.unpack on
// random formats and values.
func TestCrossCheckStruct(t *testing.T) {
	t.Parallel()
	py := xcPython(t)
	g := &xcGen{r: rand.New(rand.NewPCG(0x5eed, 3118))}
	cases := make([]*xcStructCase, xcStructCases)
	for i := range cases {
		cases[i] = g.structCase()
	}
	in, err := json.Marshal(map[string]any{"cases": cases})
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Python  string           `json:"python"`
		Native  []any            `json:"native"`
		Answers []xcStructAnswer `json:"answers"`
	}
	xcRun(t, py, in, &out, "struct")
	xcCheckNative(t, py, out.Native)
	if len(out.Answers) != len(cases) {
		t.Fatalf("crosscheck.py answered %d cases, want %d", len(out.Answers), len(cases))
	}
	fails := &xcFailures{t: t}
	var invalid, packed, packErrs, unpacked int
	for i, c := range cases {
		a := &out.Answers[i]
		switch {
		case a.SizeErr != "":
			invalid++
		case a.PackErr != "":
			packErrs++
		case a.Pack != nil:
			packed++
		}
		if a.Unpack != nil {
			unpacked++
		}
		xcCheckStructCase(fails, c, a)
	}
	fails.done(len(cases))
	t.Logf("Python %s: %d formats (%d refused by struct), %d packed, %d pack errors, %d unpacked",
		out.Python, len(cases), invalid, packed, packErrs, unpacked)
}

func xcCheckStructCase(fails *xcFailures, c *xcStructCase, a *xcStructAnswer) {
	fails.t.Helper()
	f, err := format.ParseStruct(c.fmt)
	if a.SizeErr != "" {
		switch {
		case err == nil:
			fails.add("ParseStruct(%q) = size %d; struct.calcsize raises %s", c.fmt, f.Size(), a.SizeErr)
		case !errors.Is(err, format.ErrSyntax):
			fails.add("ParseStruct(%q): error %v does not match ErrSyntax (struct: %s)", c.fmt, err, a.SizeErr)
		}
		if n, err := format.CalcSize(c.fmt); err == nil {
			fails.add("CalcSize(%q) = %d; struct.calcsize raises %s", c.fmt, n, a.SizeErr)
		}
		return
	}
	if a.Size == nil {
		fails.add("crosscheck.py gave no size for %q", c.fmt)
		return
	}
	if err != nil {
		fails.add("ParseStruct(%q): %v; struct.calcsize = %d", c.fmt, err, *a.Size)
		return
	}
	if int64(f.Size()) != *a.Size {
		fails.add("ParseStruct(%q).Size() = %d; struct.calcsize = %d", c.fmt, f.Size(), *a.Size)
		return
	}
	if n, err := format.CalcSize(c.fmt); err != nil || int64(n) != *a.Size {
		fails.add("CalcSize(%q) = %d, %v; struct.calcsize = %d", c.fmt, n, err, *a.Size)
	}
	if p, err := format.Parse(c.fmt); err != nil {
		fails.add("Parse(%q): %v; ParseStruct accepts it", c.fmt, err)
	} else if !p.Equal(f) {
		fails.add("Parse(%q) is not Equal to ParseStruct(%q)", c.fmt, c.fmt)
	}

	if a.Pack != nil || a.PackErr != "" {
		vals := make([]any, len(c.values))
		for i, v := range c.values {
			vals[i] = v.goValue()
		}
		got, err := f.Pack(vals...)
		switch {
		case a.PackErr != "":
			if err == nil {
				fails.add("%s: Pack = %x; struct.pack raises %s", c, got, a.PackErr)
			} else if !errors.Is(err, format.ErrRange) && !errors.Is(err, format.ErrType) {
				fails.add("%s: Pack error %v matches neither ErrRange nor ErrType (struct.pack raises %s)",
					c, err, a.PackErr)
			}
		case err != nil:
			fails.add("%s: Pack: %v; struct.pack = %s", c, err, *a.Pack)
		case hex.EncodeToString(got) != *a.Pack:
			fails.add("%s: Pack = %x; struct.pack = %s", c, got, *a.Pack)
		}
	}

	if a.UnpackErr != "" {
		fails.add("format %q: struct.unpack raises %s", c.fmt, a.UnpackErr)
	}
	if a.Unpack == nil {
		return
	}
	var want []any
	if err := json.Unmarshal(a.Unpack, &want); err != nil {
		fails.add("format %q: bad unpack answer: %v", c.fmt, err)
		return
	}
	data := c.data[:f.Size()]
	got, err := f.Unpack(data)
	if err != nil {
		fails.add("format %q: Unpack(%x): %v", c.fmt, data, err)
		return
	}
	if len(got) != len(want) || f.NumValues() != len(want) {
		fails.add("format %q: Unpack(%x) gives %d values (NumValues %d); struct.unpack gives %d",
			c.fmt, data, len(got), f.NumValues(), len(want))
		return
	}
	for i := range got {
		if !xcLeafIs(got[i], want[i], false) {
			fails.add("format %q: Unpack(%x) value %d = %T %s; struct.unpack gives %v",
				c.fmt, data, i, got[i], xcShow(got[i]), want[i])
			return
		}
	}
}

// ----------------------------------------------------------------- NumPy

type xcDtype struct {
	Dtype    string   `json:"dtype"`
	Skip     string   `json:"skip"`
	Format   string   `json:"format"`
	Itemsize int      `json:"itemsize"`
	Names    []string `json:"names"`
	Offsets  []int    `json:"offsets"`
	Data     string   `json:"data"`
	Values   []any    `json:"values"`
}

// TestCrossCheckNumPy parses the format strings NumPy exports for random
// structured dtypes and compares the layout and the unpacked values with
// the dtype's fields and a.tolist().
func TestCrossCheckNumPy(t *testing.T) {
	t.Parallel()
	py := xcPython(t)
	var out struct {
		Skip   string    `json:"skip"`
		Python string    `json:"python"`
		NumPy  string    `json:"numpy"`
		Native []any     `json:"native"`
		Dtypes []xcDtype `json:"dtypes"`
	}
	xcRun(t, py, nil, &out, "numpy", strconv.Itoa(xcNumPySeed), strconv.Itoa(xcNumPyDtypes))
	if out.Skip != "" {
		t.Skipf("cross-check with NumPy skipped (%s): %s", py, out.Skip)
	}
	xcCheckNative(t, py, out.Native)
	if len(out.Dtypes) != xcNumPyDtypes {
		t.Fatalf("crosscheck.py made %d dtypes, want %d", len(out.Dtypes), xcNumPyDtypes)
	}
	fails := &xcFailures{t: t}
	skips := map[string]int{}
	checked, elems := 0, 0
	for i := range out.Dtypes {
		d := &out.Dtypes[i]
		if d.Skip != "" {
			why, _, _ := strings.Cut(d.Skip, ":")
			skips[why]++
			continue
		}
		checked++
		elems += xcCheckDtype(fails, d)
	}
	fails.done(checked)
	t.Logf("Python %s, NumPy %s: %d dtypes checked (%d elements); skipped %v",
		out.Python, out.NumPy, checked, elems, skips)
}

// xcCheckDtype checks one exported dtype and returns the number of
// elements compared.
func xcCheckDtype(fails *xcFailures, d *xcDtype) int {
	fails.t.Helper()
	what := fmt.Sprintf("dtype %s exported as %q (itemsize %d)", d.Dtype, d.Format, d.Itemsize)
	f, err := format.Parse(d.Format)
	if err != nil {
		fails.add("%s: Parse: %v", what, err)
		return 0
	}
	if f.NumFields() != 1 || f.Field(0).Kind != format.Record {
		fails.add("%s: not one T{...} record (%d fields)", what, f.NumFields())
		return 0
	}
	top := f.Field(0)
	var names []string
	var offsets []int
	for i := range top.Record.NumFields() {
		fl := top.Record.Field(i)
		if fl.Kind != format.Pad {
			names = append(names, fl.Name)
			offsets = append(offsets, top.Offset+fl.Offset)
		}
	}
	if fmt.Sprint(names, offsets) != fmt.Sprint(d.Names, d.Offsets) {
		fails.add("%s: fields %v at %v; NumPy has %v at %v", what, names, offsets, d.Names, d.Offsets)
		return 0
	}
	pf, err := f.Padded(d.Itemsize)
	if err != nil {
		fails.add("%s: Padded: %v (Size %d)", what, err, f.Size())
		return 0
	}
	data, err := hex.DecodeString(d.Data)
	if err != nil || d.Itemsize <= 0 || len(data) != d.Itemsize*len(d.Values) {
		fails.add("%s: bad answer from crosscheck.py (%d bytes, %d values)", what, len(data), len(d.Values))
		return 0
	}
	for i, want := range d.Values {
		item := data[i*d.Itemsize : (i+1)*d.Itemsize]
		got, err := pf.Unpack(item)
		if err != nil {
			fails.add("%s: Unpack(%x): %v", what, item, err)
			return i
		}
		if len(got) != 1 {
			fails.add("%s: Unpack(%x) gives %d values, want one record", what, item, len(got))
			return i
		}
		if diff := xcRecordDiff(top.Record, got[0], want, ""); diff != "" {
			fails.add("%s: element %d (%x): %s", what, i, item, diff)
			return i
		}
	}
	return len(d.Values)
}

// xcRecordDiff compares an unpacked record with NumPy's tolist of it
// (one entry per field, padding having none) and describes the first
// difference.
func xcRecordDiff(rec *format.Format, got, want any, path string) string {
	g, ok1 := got.([]any)
	w, ok2 := want.([]any)
	if !ok1 || !ok2 {
		return fmt.Sprintf("%s: Go %T, NumPy %T; want two records", path, got, want)
	}
	j := 0
	for i := range rec.NumFields() {
		fl := rec.Field(i)
		if fl.Kind == format.Pad {
			continue
		}
		for range fl.NumValues {
			if j >= len(g) || j >= len(w) {
				return fmt.Sprintf("%s: Go has %d values, NumPy %d", path, len(g), len(w))
			}
			if diff := xcFieldDiff(&fl, fl.Shape, g[j], w[j], path+"."+fl.Name); diff != "" {
				return diff
			}
			j++
		}
	}
	if j != len(g) || j != len(w) {
		return fmt.Sprintf("%s: %d fields with values, Go has %d values, NumPy %d", path, j, len(g), len(w))
	}
	return ""
}

// xcFieldDiff compares one value of field fl, a nested array of shape.
func xcFieldDiff(fl *format.Field, shape []int, got, want any, path string) string {
	if len(shape) > 0 {
		g, ok1 := got.([]any)
		w, ok2 := want.([]any)
		if !ok1 || !ok2 || len(g) != shape[0] || len(w) != shape[0] {
			return fmt.Sprintf("%s: shape %v: Go %s, NumPy %v", path, shape, xcShow(got), want)
		}
		for k := range g {
			if diff := xcFieldDiff(fl, shape[1:], g[k], w[k], fmt.Sprintf("%s[%d]", path, k)); diff != "" {
				return diff
			}
		}
		return ""
	}
	switch fl.Kind {
	case format.Record:
		return xcRecordDiff(fl.Record, got, want, path)
	case format.Bytes, format.Char, format.Pascal, format.Void:
		// NumPy's S values lose their trailing NULs; V values keep them.
		if !xcLeafIs(got, want, fl.Kind != format.Void) {
			return fmt.Sprintf("%s (%s %q): Go %s, NumPy %v", path, fl.Kind, fl.Code, xcShow(got), want)
		}
		return ""
	}
	if !xcLeafIs(got, want, false) {
		return fmt.Sprintf("%s (%s %q): Go %T %s, NumPy %v", path, fl.Kind, fl.Code, got, xcShow(got), want)
	}
	return ""
}

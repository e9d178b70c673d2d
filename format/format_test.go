package format_test

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/ndview/ndview/format"
)

// Expected bytes in these tests were recorded from CPython 3.11's struct
// module and NumPy 1.24's PEP 3118 parser; the tests never call Python.

// hx decodes a hex string, ignoring spaces.
func hx(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}

func mustParse(t testing.TB, s string) *format.Format {
	t.Helper()
	f, err := format.Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return f
}

func mustStruct(t testing.TB, s string) *format.Format {
	t.Helper()
	f, err := format.ParseStruct(s)
	if err != nil {
		t.Fatalf("ParseStruct(%q): %v", s, err)
	}
	return f
}

// checkErr reports an error unless err matches want (or is nil when want is nil).
func checkErr(t testing.TB, what string, err, want error) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Errorf("%s: unexpected error: %v", what, err)
		}
		return
	}
	if err == nil {
		t.Errorf("%s: got no error, want %v", what, want)
		return
	}
	if !errors.Is(err, want) {
		t.Errorf("%s: error %q does not match %v", what, err, want)
	}
}

func pow2(n uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), n) }

func bigAdd(a *big.Int, d int64) *big.Int { return new(big.Int).Add(a, big.NewInt(d)) }

func negNaN() float64 { return math.Copysign(math.NaN(), -1) }

// packHex packs values with the format s and returns the hex string.
func packHex(s string, values ...any) (string, error) {
	f, err := format.Parse(s)
	if err != nil {
		return "", err
	}
	b, err := f.Pack(values...)
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

type packCase struct {
	format string
	value  any
	want   string // hex; ignored when err is set
	err    error
}

func runPackCases(t *testing.T, cases []packCase) {
	t.Helper()
	for _, c := range cases {
		name := fmt.Sprint(c.value)
		if len(name) > 24 {
			name = name[:24] + "..."
		}
		t.Run(c.format+"/"+name, func(t *testing.T) {
			got, err := packHex(c.format, c.value)
			if c.err != nil {
				checkErr(t, fmt.Sprintf("pack(%q, %T %s)", c.format, c.value, name), err, c.err)
				return
			}
			if err != nil {
				t.Fatalf("pack(%q, %T %s): %v", c.format, c.value, name, err)
			}
			if got != c.want {
				t.Errorf("pack(%q, %T %s) = %s, want %s", c.format, c.value, name, got, c.want)
			}
		})
	}
}

// ---------------------------------------------------------------- floats

func TestHalfPack(t *testing.T) {
	runPackCases(t, []packCase{
		// Rounding straight from float64: through float32 it would be 6800.
		{">e", 0x1ffdffffff * 0x1p-26, "67ff", nil},
		{">e", 1 + 0x1p-11, "3c00", nil},   // tie, to even (down)
		{">e", 1.00146484375, "3c02", nil}, // tie, to even (up)
		{">e", 65504.0, "7bff", nil},
		{">e", 65519.0, "7bff", nil},
		{">e", 65519.99, "7bff", nil},
		{">e", 65520.0, "", format.ErrRange},
		{">e", -65520.0, "", format.ErrRange},
		{">e", math.MaxFloat64, "", format.ErrRange},
		{">e", 0x1p-25, "0000", nil},           // tie with zero: to even
		{">e", 0x1p-25 + 0x1p-35, "0001", nil}, // just above the tie
		{">e", 0x1p-24, "0001", nil},
		{">e", 3 * 0x1p-26, "0001", nil},
		{">e", 0x1p-14 - 0x1p-25, "0400", nil}, // rounds up into the normals
		{">e", 5e-324, "0000", nil},
		{">e", -5e-324, "8000", nil},
		{">e", math.NaN(), "7e00", nil},
		{">e", negNaN(), "fe00", nil},
		{"<e", math.Copysign(0, -1), "0080", nil},
		{"<e", 0.0, "0000", nil},
		{">e", math.Inf(1), "7c00", nil},
		{">e", math.Inf(-1), "fc00", nil},
		{">e", 0.1, "2e66", nil},
		{">e", float32(1.5), "3e00", nil},
		{">e", 2, "4000", nil},
		{">e", 65519, "7bff", nil},
		{">e", 65520, "", format.ErrRange},
		{">e", pow2(1024), "", format.ErrRange},
		{"<e", 1.5, "003e", nil},
	})
}

func TestHalfUnpack(t *testing.T) {
	f := mustParse(t, ">e")
	for _, h := range []string{"7c01", "7fff", "fc01", "7e00", "fe00", "7d00"} {
		v, err := f.Unpack(hx(h))
		if err != nil {
			t.Fatalf("unpack %s: %v", h, err)
		}
		if x, ok := v[0].(float64); !ok || !math.IsNaN(x) {
			t.Errorf("unpack >e %s = %#v, want NaN", h, v[0])
		}
	}
	cases := []struct {
		h    string
		want float64
	}{
		{"7c00", math.Inf(1)},
		{"fc00", math.Inf(-1)},
		{"0001", 0x1p-24},
		{"0400", 0x1p-14},
		{"7bff", 65504},
		{"3555", 0.333251953125},
		{"3c00", 1},
		{"c000", -2},
	}
	for _, c := range cases {
		v, err := f.Unpack(hx(c.h))
		if err != nil {
			t.Fatalf("unpack %s: %v", c.h, err)
		}
		if v[0] != c.want {
			t.Errorf("unpack >e %s = %v, want %v", c.h, v[0], c.want)
		}
	}
	v, _ := f.Unpack(hx("8000"))
	if x := v[0].(float64); x != 0 || !math.Signbit(x) {
		t.Errorf("unpack >e 8000 = %v, want -0", x)
	}
}

// TestHalfRoundTripAll unpacks and repacks every half bit pattern.
func TestHalfRoundTripAll(t *testing.T) {
	for _, pre := range []string{"<", ">"} {
		f := mustParse(t, pre+"e")
		var in, out [2]byte
		for h := 0; h < 1<<16; h++ {
			if pre == "<" {
				binary.LittleEndian.PutUint16(in[:], uint16(h))
			} else {
				binary.BigEndian.PutUint16(in[:], uint16(h))
			}
			var x float64
			if err := f.UnpackTo(in[:], &x); err != nil {
				t.Fatalf("%se unpack %04x: %v", pre, h, err)
			}
			if err := f.PackInto(out[:], x); err != nil {
				t.Fatalf("%se pack %v (from %04x): %v", pre, x, h, err)
			}
			isNaN := h&0x7c00 == 0x7c00 && h&0x3ff != 0
			if isNaN {
				if !math.IsNaN(x) {
					t.Fatalf("%se %04x unpacked to %v, want NaN", pre, h, x)
				}
				want := uint16(h&0x8000 | 0x7e00)
				var got uint16
				if pre == "<" {
					got = binary.LittleEndian.Uint16(out[:])
				} else {
					got = binary.BigEndian.Uint16(out[:])
				}
				if got != want {
					t.Fatalf("%se NaN %04x repacked as %04x, want %04x", pre, h, got, want)
				}
				continue
			}
			if in != out {
				t.Fatalf("%se %04x -> %v -> % x", pre, h, x, out)
			}
		}
	}
}

func TestFloat32(t *testing.T) {
	const fltMax = math.MaxFloat32
	runPackCases(t, []packCase{
		{"<f", 1e300, "", format.ErrRange},
		{">f", -1e300, "", format.ErrRange},
		{"=f", 1e300, "", format.ErrRange},
		{"!f", 1e300, "", format.ErrRange},
		{"<f", fltMax, "ffff7f7f", nil},
		{"<f", fltMax * (1 + 0x1p-25), "ffff7f7f", nil}, // rounds down to FLT_MAX
		{"<f", fltMax * (1 + 0x1p-24), "", format.ErrRange},
		{"<f", -fltMax * (1 + 0x1p-25), "ffff7fff", nil},
		{"f", 1e300, "0000807f", nil}, // native: a C cast, +inf
		{"@f", -1e300, "000080ff", nil},
		{"^f", 1e300, "0000807f", nil},
		{"<f", math.Inf(1), "0000807f", nil},
		{">f", math.Inf(1), "7f800000", nil},
		{"<f", math.NaN(), "0000c07f", nil},
		{"<f", 1e-50, "00000000", nil},
		{"<f", -1e-50, "00000080", nil},
		{"<f", 1e-45, "01000000", nil},
		{"<f", 1.5, "0000c03f", nil},
		{"<f", float32(-2), "000000c0", nil},
		{"<f", 3, "00004040", nil},
		{"<f", "x", "", format.ErrType},
	})
}

func TestFloat64(t *testing.T) {
	runPackCases(t, []packCase{
		{"<d", math.Copysign(0, -1), "0000000000000080", nil},
		{">d", math.Copysign(0, -1), "8000000000000000", nil},
		{"<d", 3, "0000000000000840", nil},
		{"<d", uint64(math.MaxUint64), "000000000000f043", nil},
		{"<d", pow2(1024), "", format.ErrRange},
		{"<d", "1.0", "", format.ErrType},
		{"<d", complex(1, 0), "", format.ErrType},
		{"<d", nil, "", format.ErrType},
	})
	for _, bits := range []uint64{0x7ff8ff0000000001, 0x7ff0000000000001, 0xfff4000000000abc, 0x8000000000000000} {
		for _, pre := range []string{"<", ">", "@"} {
			f := mustParse(t, pre+"d")
			x := math.Float64frombits(bits)
			b, err := f.Pack(x)
			if err != nil {
				t.Fatalf("pack %sd %016x: %v", pre, bits, err)
			}
			var got uint64
			if pre == ">" {
				got = binary.BigEndian.Uint64(b)
			} else {
				got = binary.LittleEndian.Uint64(b)
			}
			if got != bits {
				t.Errorf("pack %sd %016x wrote %016x", pre, bits, got)
			}
			v, err := f.Unpack(b)
			if err != nil {
				t.Fatal(err)
			}
			if u := math.Float64bits(v[0].(float64)); u != bits {
				t.Errorf("unpack %sd %016x gave %016x", pre, bits, u)
			}
			var y float64
			if err := f.UnpackTo(b, &y); err != nil || math.Float64bits(y) != bits {
				t.Errorf("UnpackTo %sd %016x gave %016x, %v", pre, bits, math.Float64bits(y), err)
			}
			fl := f.Field(0)
			if u := math.Float64bits(fl.Float(b, 0)); u != bits {
				t.Errorf("Field.Float %sd %016x gave %016x", pre, bits, u)
			}
		}
	}
}

// ---------------------------------------------------------------- integers

// twos returns the size-byte two's complement encoding of v in the order.
func twos(v *big.Int, size int, big_ bool) []byte {
	m := new(big.Int).Mod(v, pow2(uint(8*size)))
	b := m.FillBytes(make([]byte, size))
	if !big_ {
		for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
			b[i], b[j] = b[j], b[i]
		}
	}
	return b
}

func TestIntegerRanges(t *testing.T) {
	type intCode struct {
		prefix string
		code   string
		size   int
	}
	var codes []intCode
	for _, pre := range []string{"<", ">", "=", "!"} {
		for _, c := range []struct {
			code string
			size int
		}{{"b", 1}, {"B", 1}, {"h", 2}, {"H", 2}, {"i", 4}, {"I", 4}, {"l", 4}, {"L", 4}, {"q", 8}, {"Q", 8}} {
			codes = append(codes, intCode{pre, c.code, c.size})
		}
	}
	for _, pre := range []string{"@", "", "^"} {
		for _, c := range []struct {
			code string
			size int
		}{{"b", 1}, {"B", 1}, {"h", 2}, {"H", 2}, {"i", 4}, {"I", 4}, {"l", 8}, {"L", 8}, {"q", 8}, {"Q", 8}, {"n", 8}, {"N", 8}, {"P", 8}} {
			codes = append(codes, intCode{pre, c.code, c.size})
		}
	}
	for _, c := range codes {
		s := c.prefix + c.code
		t.Run(s, func(t *testing.T) {
			f := mustParse(t, s)
			if f.Size() != c.size {
				t.Fatalf("Size = %d, want %d", f.Size(), c.size)
			}
			bigEnd := c.prefix == ">" || c.prefix == "!"
			signed := c.code[0] >= 'a' && c.code[0] <= 'z'
			bits := uint(8 * c.size)
			var lo, hi *big.Int
			switch {
			case c.code == "P":
				lo, hi = new(big.Int).Neg(pow2(63)), bigAdd(pow2(64), -1)
			case signed:
				lo, hi = new(big.Int).Neg(pow2(bits-1)), bigAdd(pow2(bits-1), -1)
			default:
				lo, hi = big.NewInt(0), bigAdd(pow2(bits), -1)
			}
			for _, v := range []*big.Int{lo, hi} {
				want := twos(v, c.size, bigEnd)
				// As a *big.Int and as the widest Go type that holds it.
				inputs := []any{v}
				if v.IsInt64() {
					inputs = append(inputs, v.Int64())
				} else {
					inputs = append(inputs, v.Uint64())
				}
				for _, in := range inputs {
					got, err := f.Pack(in)
					if err != nil {
						t.Errorf("pack(%q, %T %v): %v", s, in, in, err)
						continue
					}
					if !bytes.Equal(got, want) {
						t.Errorf("pack(%q, %T %v) = % x, want % x", s, in, in, got, want)
					}
				}
				vals, err := f.Unpack(want)
				if err != nil {
					t.Fatalf("unpack: %v", err)
				}
				switch x := vals[0].(type) {
				case int64:
					if !signed || c.code == "P" || x != v.Int64() {
						t.Errorf("unpack(%q, % x) = int64 %d, want %v", s, want, x, v)
					}
				case uint64:
					wantU := new(big.Int).Mod(v, pow2(bits)).Uint64()
					if (signed && c.code != "P") || x != wantU {
						t.Errorf("unpack(%q, % x) = uint64 %d, want %v", s, want, x, wantU)
					}
				default:
					t.Errorf("unpack(%q) gave %T", s, x)
				}
			}
			for _, v := range []*big.Int{bigAdd(lo, -1), bigAdd(hi, 1)} {
				_, err := f.Pack(v)
				checkErr(t, fmt.Sprintf("pack(%q, %v)", s, v), err, format.ErrRange)
				if v.IsInt64() {
					_, err = f.Pack(v.Int64())
					checkErr(t, fmt.Sprintf("pack(%q, int64 %v)", s, v), err, format.ErrRange)
				} else if v.IsUint64() {
					_, err = f.Pack(v.Uint64())
					checkErr(t, fmt.Sprintf("pack(%q, uint64 %v)", s, v), err, format.ErrRange)
				}
			}
		})
	}
}

func TestIntegerGoTypes(t *testing.T) {
	runPackCases(t, []packCase{
		{"<b", int8(-128), "80", nil},
		{"<b", uint8(127), "7f", nil},
		{"<b", uint8(128), "", format.ErrRange},
		{"<h", int16(-2), "feff", nil},
		{"<H", uint16(65535), "ffff", nil},
		{"<i", int32(-1), "ffffffff", nil},
		{"<I", uint32(math.MaxUint32), "ffffffff", nil},
		{"<q", int(-1), "ffffffffffffffff", nil},
		{"<Q", uint(math.MaxUint64), "ffffffffffffffff", nil},
		{"<Q", uintptr(1), "0100000000000000", nil},
		{"<q", uint64(math.MaxUint64), "", format.ErrRange},
		{"<q", uint64(math.MaxInt64), "ffffffffffffff7f", nil},
		{"<B", -1, "", format.ErrRange},
		{"<Q", int64(-1), "", format.ErrRange},
		{"<i", big.NewInt(-5), "fbffffff", nil},
		{"<Q", new(big.Int).Neg(pow2(70)), "", format.ErrRange},
		{"<q", pow2(200), "", format.ErrRange},
		// P wraps negatives as PyLong_AsVoidPtr does.
		{"P", -1, "ffffffffffffffff", nil},
		{"P", int64(math.MinInt64), "0000000000000080", nil},
		{"P", uint64(math.MaxUint64), "ffffffffffffffff", nil},
		{"P", pow2(64), "", format.ErrRange},
		{"P", new(big.Int).Neg(bigAdd(pow2(63), 1)), "", format.ErrRange},
		{"P", uintptr(0x1234), "3412000000000000", nil},
		// Type errors.
		{"i", "1", "", format.ErrType},
		{"i", 1.0, "", format.ErrType},
		{"i", float32(1), "", format.ErrType},
		{"i", nil, "", format.ErrType},
		{"i", (*big.Int)(nil), "", format.ErrType},
		{"i", []byte{1}, "", format.ErrType},
		{"i", complex(1, 0), "", format.ErrType},
		{"Q", struct{}{}, "", format.ErrType},
	})
}

func TestBoolPack(t *testing.T) {
	runPackCases(t, []packCase{
		{"?", false, "00", nil},
		{"?", true, "01", nil},
		{"?", 0, "00", nil},
		{"?", 2, "01", nil},
		{"?", int8(-1), "01", nil},
		{"?", uint64(math.MaxUint64), "01", nil},
		{"?", 0.0, "00", nil},
		{"?", math.Copysign(0, -1), "00", nil},
		{"?", 0.5, "01", nil},
		{"?", float32(0), "00", nil},
		{"?", math.NaN(), "01", nil},
		{"?", complex(0, 0), "00", nil},
		{"?", complex(0, 1), "01", nil},
		{"?", "", "00", nil},
		{"?", "a", "01", nil},
		{"?", []byte{}, "00", nil},
		{"?", []byte{0}, "01", nil},
		{"?", nil, "00", nil},
		{"?", pow2(100), "01", nil},
		{"?", big.NewInt(0), "00", nil},
		{"?", struct{}{}, "", format.ErrType},
	})
}

func TestBoolUnpack(t *testing.T) {
	f := mustParse(t, "5?")
	b := []byte{0, 1, 2, 0x80, 0xff}
	vals, err := f.Unpack(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{false, true, true, true, true}
	if !reflect.DeepEqual(vals, want) {
		t.Errorf("unpack 5? % x = %v, want %v", b, vals, want)
	}
	var p [5]bool
	if err := f.UnpackTo(b, &p[0], &p[1], &p[2], &p[3], &p[4]); err != nil {
		t.Fatal(err)
	}
	if p != [5]bool{false, true, true, true, true} {
		t.Errorf("UnpackTo 5? = %v", p)
	}
	fl := f.Field(0)
	for i := range b {
		if got := fl.Bool(b, i); got != (b[i] != 0) {
			t.Errorf("Field.Bool(%d) = %v", i, got)
		}
	}
}

func TestValueErrorIndex(t *testing.T) {
	f := mustParse(t, "<hhh")
	_, err := f.Pack(1, 2, 40000)
	var ve *format.ValueError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is not a *ValueError", err)
	}
	if ve.Index != 2 || ve.Code != "h" || !errors.Is(err, format.ErrRange) {
		t.Errorf("ValueError = %+v, want index 2, code h, ErrRange", ve)
	}
	if !strings.Contains(err.Error(), "-32768 <= number <= 32767") {
		t.Errorf("message %q lacks the range", err)
	}
}

// ---------------------------------------------------------------- bytes

func TestBytesPack(t *testing.T) {
	a299 := strings.Repeat("a", 299)
	runPackCases(t, []packCase{
		{"3s", []byte("abcdef"), "616263", nil},
		{"3s", "abcdef", "616263", nil},
		{"3s", "a", "610000", nil},
		{"3s", []byte{}, "000000", nil},
		{"3s", []byte(nil), "000000", nil},
		{"0s", "abc", "", nil},
		{"5p", []byte("abc"), "0361626300", nil},
		{"5p", "abcdefg", "0461626364", nil},
		{"5p", "", "0000000000", nil},
		{"1p", "abc", "00", nil},
		{"0p", "abc", "", nil},
		{"300p", a299, "ff" + hex.EncodeToString([]byte(a299)), nil},
		{"300p", a299 + "bc", "ff" + hex.EncodeToString([]byte(a299)), nil},
		{"257p", strings.Repeat("z", 256), "ff" + strings.Repeat("7a", 256), nil},
		{"c", "a", "61", nil},
		{"c", []byte{0xff}, "ff", nil},
		{"c", "ab", "", format.ErrType},
		{"c", "", "", format.ErrType},
		{"c", []byte{}, "", format.ErrType},
		{"c", 97, "", format.ErrType},
		{"3s", 5, "", format.ErrType},
		{"3p", 5, "", format.ErrType},
	})
	got, err := packHex("2c", "a", []byte("b"))
	if err != nil || got != "6162" {
		t.Errorf("pack 2c = %s, %v; want 6162", got, err)
	}
}

func TestBytesUnpack(t *testing.T) {
	cases := []struct {
		format string
		in     string
		want   string
	}{
		{"5p", "ff61626364", "abcd"}, // length clamped to N-1
		{"5p", "0261626364", "ab"},
		{"5p", "0061626364", ""},
		{"1p", "05", ""},
		{"0p", "", ""},
		{"3s", "616263", "abc"},
		{"0s", "", ""},
		{"c", "ff", "\xff"},
	}
	for _, c := range cases {
		f := mustParse(t, c.format)
		vals, err := f.Unpack(hx(c.in))
		if err != nil {
			t.Errorf("unpack %s %s: %v", c.format, c.in, err)
			continue
		}
		b, ok := vals[0].([]byte)
		if !ok || string(b) != c.want {
			t.Errorf("unpack %s %s = %#v, want %q", c.format, c.in, vals[0], c.want)
		}
		var s string
		if err := f.UnpackTo(hx(c.in), &s); err != nil || s != c.want {
			t.Errorf("UnpackTo %s %s *string = %q, %v; want %q", c.format, c.in, s, err, c.want)
		}
	}
}

func TestBytesAliasing(t *testing.T) {
	f := mustParse(t, "c3s5p2s")
	buf := []byte("Xabc\x03defgHI")
	vals, err := f.Unpack(buf)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"X", "abc", "def", "HI"}
	orig := append([]byte(nil), buf...)
	for i, v := range vals {
		b := v.([]byte)
		if string(b) != want[i] {
			t.Errorf("value %d = %q, want %q", i, b, want[i])
		}
		if cap(b) != len(b) {
			t.Errorf("value %d has cap %d, len %d: capacity not clipped", i, cap(b), len(b))
		}
		_ = append(b, '!', '!', '!')
	}
	if !bytes.Equal(buf, orig) {
		t.Errorf("appending to unpacked values changed the input: %q", buf)
	}
	// The values alias the input (no copy).
	vals[1].([]byte)[0] = 'A'
	if buf[1] != 'A' {
		t.Errorf("unpacked 3s does not alias the input")
	}
	// UnpackTo *[]byte aliases too; *string copies.
	var c, s, p, s2 []byte
	if err := f.UnpackTo(buf, &c, &s, &p, &s2); err != nil {
		t.Fatal(err)
	}
	if &s[0] != &buf[1] || cap(s) != 3 || cap(p) != 3 || &p[0] != &buf[5] {
		t.Errorf("UnpackTo *[]byte: not clipped sub-slices of the input")
	}
	var str string
	g := mustParse(t, "3s")
	in := []byte("xyz")
	if err := g.UnpackTo(in, &str); err != nil {
		t.Fatal(err)
	}
	in[0] = 'Q'
	if str != "xyz" {
		t.Errorf("UnpackTo *string did not copy: %q", str)
	}
}

// ---------------------------------------------------------------- grammar

type parseCase struct {
	s      string
	strict bool  // ParseStruct instead of Parse
	size   int   // when err is nil
	err    error // sentinel, nil for success
	pos    int   // SyntaxError.Pos when err is set; -1 not checked
}

func TestGrammar(t *testing.T) {
	S, P := true, false
	cases := []parseCase{
		// Whitespace.
		{"3 h", S, 0, format.ErrSyntax, 1},
		{"3 h", P, 0, format.ErrSyntax, 1},
		{"< h", S, 2, nil, 0},
		{"<h ", S, 2, nil, 0},
		{" <h", S, 0, format.ErrSyntax, 1},
		{"h h", S, 4, nil, 0},
		{"\th\n", S, 2, nil, 0},
		{" ", S, 0, nil, 0},
		// NUL anywhere.
		{"\x00", S, 0, format.ErrSyntax, 0},
		{"h\x00", P, 0, format.ErrSyntax, 1},
		{"hh\x00h", S, 0, format.ErrSyntax, 2},
		{"T{h:a\x00:}", P, 0, format.ErrSyntax, 5},
		// Counts without a code.
		{"3", S, 0, format.ErrSyntax, 1},
		{"h3", S, 0, format.ErrSyntax, 2},
		{"<3", P, 0, format.ErrSyntax, 2},
		// Empty formats.
		{"", S, 0, nil, 0},
		{"", P, 0, nil, 0},
		{"<", S, 0, nil, 0},
		{"<", P, 0, nil, 0},
		{"@", P, 0, nil, 0},
		// Prefixes.
		{"<h>h", S, 0, format.ErrSyntax, 2},
		{"<h>h", P, 4, nil, 0},
		{"h<", P, 0, format.ErrSyntax, 2},
		{"@ci", S, 8, nil, 0},
		{"@ic", S, 5, nil, 0},
		{"<ci", S, 5, nil, 0},
		{"@llh0l", S, 24, nil, 0},
		{"@be", S, 4, nil, 0},
		{"@bd", S, 16, nil, 0},
		{"<lhl", S, 10, nil, 0},
		// Native-only codes.
		{"<n", S, 0, format.ErrSyntax, 1},
		{">N", S, 0, format.ErrSyntax, 1},
		{"=P", S, 0, format.ErrSyntax, 1},
		{"!P", S, 0, format.ErrSyntax, 1},
		{"<P", P, 0, format.ErrSyntax, 1},
		{"@n", S, 8, nil, 0},
		{"nNP", S, 24, nil, 0},
		{"^P", P, 8, nil, 0},
		// '^' only in Parse.
		{"^h", S, 0, format.ErrSyntax, 0},
		{"^h", P, 2, nil, 0},
		{"^ci", P, 5, nil, 0},
		// Overflow.
		{"99999999999999999999h", S, 0, format.ErrTooLarge, 0},
		{"99999999999999999999h", P, 0, format.ErrTooLarge, 0},
		{"h99999999999999999999h", P, 0, format.ErrTooLarge, 1},
		{"9223372036854775808x", S, 0, format.ErrTooLarge, 0},
		{"9223372036854775807x", S, math.MaxInt64, nil, 0},
		{"9223372036854775807s", S, math.MaxInt64, nil, 0},
		{"1152921504606846975q", S, 9223372036854775800, nil, 0},
		{"1152921504606846976q", S, 0, format.ErrTooLarge, 0},
		{"ii1152921504606846975q", S, 0, format.ErrTooLarge, 2},
		{"@9223372036854775807sh", S, 0, format.ErrTooLarge, 21},
		{"(9223372036854775807,2)h", P, 0, format.ErrTooLarge, 0},
		{"(4611686018427387904)h", P, 0, format.ErrTooLarge, 0},
		// PEP 3118 refused by ParseStruct.
		{"T{h}", S, 0, format.ErrSyntax, 0},
		{"Zf", S, 0, format.ErrSyntax, 0},
		{"(2)h", S, 0, format.ErrSyntax, 0},
		{"h:a:", S, 0, format.ErrSyntax, 1},
		{"g", S, 0, format.ErrSyntax, 0},
		{"O", S, 0, format.ErrSyntax, 0},
		{"u", S, 0, format.ErrSyntax, 0},
		{"w", S, 0, format.ErrSyntax, 0},
		// Other syntax errors.
		{"hz", P, 0, format.ErrSyntax, 1},
		{"}", P, 0, format.ErrSyntax, 0},
		{"T{h", P, 0, format.ErrSyntax, 0},
		{"hT{h", P, 0, format.ErrSyntax, 1},
		{"h(2,3", P, 0, format.ErrSyntax, 1},
		{"(0)h", P, 0, format.ErrSyntax, 1},
		{"(2,a)h", P, 0, format.ErrSyntax, 3},
		{"(2,3]h", P, 0, format.ErrSyntax, 4},
		{"h:a", P, 0, format.ErrSyntax, 1},
		{"h::", P, 0, format.ErrSyntax, 1},
		{"hZq", P, 0, format.ErrSyntax, 1},
		{"Z", P, 0, format.ErrSyntax, 0},
		{"X", P, 0, format.ErrSyntax, 0},
		{"h:a:h:a:", P, 0, format.ErrSyntax, 6},
		{"hhT{h:a:h:a:}", P, 0, format.ErrSyntax, 10},
		// Codes with no layout.
		{"t", P, 0, format.ErrUnsupported, 0},
		{"h&", P, 0, format.ErrUnsupported, 1},
		{"X{}", P, 0, format.ErrUnsupported, 0},
		{"T{h:a:3t:b:}", P, 0, format.ErrUnsupported, 7},
	}
	for _, c := range cases {
		name := fmt.Sprintf("Parse(%q)", c.s)
		parse := format.Parse
		if c.strict {
			name = fmt.Sprintf("ParseStruct(%q)", c.s)
			parse = format.ParseStruct
		}
		t.Run(name, func(t *testing.T) {
			f, err := parse(c.s)
			if c.err == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if f.Size() != c.size {
					t.Errorf("Size() = %d, want %d", f.Size(), c.size)
				}
				if f.String() != c.s {
					t.Errorf("String() = %q, want %q", f.String(), c.s)
				}
				if c.strict {
					if n, err := format.CalcSize(c.s); err != nil || n != c.size {
						t.Errorf("CalcSize = %d, %v; want %d", n, err, c.size)
					}
				}
				return
			}
			if f != nil {
				t.Errorf("got a non-nil Format with error %v", err)
			}
			checkErr(t, name, err, c.err)
			if !errors.Is(err, format.ErrSyntax) {
				t.Errorf("error %v does not match ErrSyntax", err)
			}
			var se *format.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			if se.Format != c.s {
				t.Errorf("SyntaxError.Format = %q, want %q", se.Format, c.s)
			}
			if c.pos >= 0 && se.Pos != c.pos {
				t.Errorf("SyntaxError.Pos = %d, want %d (%v)", se.Pos, c.pos, err)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("at position %d", se.Pos)) {
				t.Errorf("message %q lacks the position", err)
			}
			if c.strict {
				if _, err := format.CalcSize(c.s); !errors.Is(err, c.err) {
					t.Errorf("CalcSize error %v, want %v", err, c.err)
				}
			}
		})
	}
}

func TestParseCache(t *testing.T) {
	a := mustParse(t, "<hhq")
	b := mustParse(t, "<hhq")
	if a != b {
		t.Errorf("Parse twice gave different *Format values")
	}
	c := mustStruct(t, "<hhq")
	if c.Size() != a.Size() {
		t.Errorf("ParseStruct size %d, Parse size %d", c.Size(), a.Size())
	}
	if c != mustStruct(t, "<hhq") {
		t.Errorf("ParseStruct twice gave different *Format values")
	}
	if mustParse(t, "<hhq") != format.MustParse("<hhq") {
		t.Errorf("MustParse disagrees with Parse")
	}
	// A format parsed by Parse must not make ParseStruct accept PEP 3118.
	mustParse(t, "T{h:a:}")
	if _, err := format.ParseStruct("T{h:a:}"); err == nil {
		t.Errorf("ParseStruct accepted a format cached by Parse")
	}
	func() {
		defer func() {
			r := recover()
			if r == nil {
				t.Errorf("MustParse(\"hz\") did not panic")
			} else if err, ok := r.(error); !ok || !errors.Is(err, format.ErrSyntax) {
				t.Errorf("MustParse panicked with %v, want a syntax error", r)
			}
		}()
		format.MustParse("hz")
	}()
}

// ---------------------------------------------------------------- PEP 3118

func fieldNames(f *format.Format) []string {
	var names []string
	for i := 0; i < f.NumFields(); i++ {
		names = append(names, f.Field(i).Name)
	}
	return names
}

func TestRecordNames(t *testing.T) {
	cases := []struct {
		s     string
		names []string
	}{
		{"T{i:f1:hh}", []string{"f1", "f0", "f2"}},
		{"T{ih:f0:h}", []string{"f1", "f0", "f2"}},
		{"T{i:f2:hhh}", []string{"f2", "f0", "f1", "f3"}},
		{"T{i:f0:h:f2:bb}", []string{"f0", "f2", "f1", "f3"}},
		{"T{xxi}", []string{"", "", "f0"}},
		{"T{i:x:d:y:}", []string{"x", "y"}},
	}
	for _, c := range cases {
		t.Run(c.s, func(t *testing.T) {
			f := mustParse(t, c.s)
			rec := f.Field(0).Record
			if rec == nil {
				t.Fatalf("field 0 has no Record")
			}
			if got := fieldNames(rec); !reflect.DeepEqual(got, c.names) {
				t.Errorf("names %q, want %q", got, c.names)
			}
			for i, n := range c.names {
				if n == "" {
					continue
				}
				fl, j, ok := rec.FieldByName(n)
				if !ok || j != i || fl.Name != n {
					t.Errorf("FieldByName(%q) = %q, %d, %v; want index %d", n, fl.Name, j, ok, i)
				}
			}
		})
	}
	if f := mustParse(t, "T{xxi}"); f.Field(0).Record.Field(2).Offset != 4 {
		t.Errorf("T{xxi}: i not aligned to 4")
	}
	for _, s := range []string{"T{h:a:h:a:}", "T{i:f1:h:f1:}", "T{b:x:T{h:a:h:a:}:r:}"} {
		_, err := format.Parse(s)
		checkErr(t, fmt.Sprintf("Parse(%q)", s), err, format.ErrSyntax)
	}
	// The same name in different records is fine.
	mustParse(t, "T{h:a:T{h:a:}:b:}")
}

func TestRecordByteOrderPersists(t *testing.T) {
	f := mustParse(t, "T{H:f0:xxxxxxT{>d:a:Q:b:}:inner:}")
	if f.Size() != 24 || f.NumValues() != 1 {
		t.Fatalf("Size %d NumValues %d, want 24 1", f.Size(), f.NumValues())
	}
	rec := f.Field(0).Record
	if rec.Size() != 24 {
		t.Errorf("record Size %d, want 24", rec.Size())
	}
	f0, _, _ := rec.FieldByName("f0")
	if f0.Offset != 0 || f0.Order != format.NativeOrder() || f0.Kind != format.Uint16 {
		t.Errorf("f0 = %+v", f0)
	}
	inner, idx, ok := rec.FieldByName("inner")
	if !ok || inner.Offset != 8 || inner.Size != 16 || inner.Kind != format.Record || inner.Code != "T" {
		t.Fatalf("inner = %+v (index %d, %v), want offset 8 size 16", inner, idx, ok)
	}
	if inner.Record.String() != "T{>d:a:Q:b:}" {
		t.Errorf("inner.Record.String() = %q", inner.Record.String())
	}
	for _, n := range []string{"a", "b"} {
		fl, _, ok := inner.Record.FieldByName(n)
		if !ok || fl.Order != format.BigEndian {
			t.Errorf("inner.%s = %+v, want big-endian", n, fl)
		}
	}
	b, err := f.Pack([]any{uint16(7), []any{1.5, uint64(9)}})
	if err != nil {
		t.Fatal(err)
	}
	want := hx("0700 000000000000 3ff8000000000000 0000000000000009")
	if !bytes.Equal(b, want) {
		t.Errorf("pack = % x, want % x", b, want)
	}
	vals, err := f.Unpack(b)
	if err != nil {
		t.Fatal(err)
	}
	wantVals := []any{[]any{uint64(7), []any{1.5, uint64(9)}}}
	if !reflect.DeepEqual(vals, wantVals) {
		t.Errorf("unpack = %#v, want %#v", vals, wantVals)
	}

	// The '>' lasts past the record's end, as in NumPy.
	g := mustParse(t, "T{H:f0:xxxxxxT{>d:a:Q:b:}:inner:}H")
	if g.Size() != 26 {
		t.Errorf("Size %d, want 26", g.Size())
	}
	if fl := g.Field(1); fl.Order != format.BigEndian || fl.Offset != 24 {
		t.Errorf("trailing H = %+v, want big-endian at 24", fl)
	}
}

func TestSubArrays(t *testing.T) {
	f := mustParse(t, "T{(2,3)<h:a:}")
	a, _, _ := f.Field(0).Record.FieldByName("a")
	if !reflect.DeepEqual(a.Shape, []int{2, 3}) || a.Count != 6 || a.NumValues != 1 {
		t.Errorf("a = %+v, want shape [2 3] count 6", a)
	}
	v := []any{[]any{[]any{1, 2, 3}, []any{4, 5, 6}}} // the record's one field
	b, err := f.Pack(v)
	if err != nil {
		t.Fatal(err)
	}
	if want := hx("010002000300040005000600"); !bytes.Equal(b, want) {
		t.Errorf("pack = % x, want % x", b, want)
	}
	vals, err := f.Unpack(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{[]any{[]any{[]any{int64(1), int64(2), int64(3)}, []any{int64(4), int64(5), int64(6)}}}}
	if !reflect.DeepEqual(vals, want) {
		t.Errorf("unpack = %#v, want %#v", vals, want)
	}

	// Top-level sub-array: one value.
	g := mustParse(t, "(2,3)<h")
	if g.NumValues() != 1 {
		t.Errorf("(2,3)<h NumValues %d, want 1", g.NumValues())
	}
	b2, err := g.Pack([]any{[]any{1, 2, 3}, []any{4, 5, 6}})
	if err != nil || !bytes.Equal(b2, b) {
		t.Errorf("pack (2,3)<h = % x, %v", b2, err)
	}
	var anyv any
	if err := g.UnpackTo(b2, &anyv); err != nil || !reflect.DeepEqual(anyv, want[0].([]any)[0]) {
		t.Errorf("UnpackTo *any = %#v, %v", anyv, err)
	}
	var wrong []any
	checkErr(t, "UnpackTo sub-array into *[]any", g.UnpackTo(b2, &wrong), format.ErrType)
	// Wrong shapes and types.
	for _, bad := range []any{
		[]any{[]any{1, 2, 3}},
		[]any{[]any{1, 2}, []any{4, 5}},
		[]any{[]any{1, 2, 3}, []any{4, 5, 6, 7}},
		[]int{1, 2, 3, 4, 5, 6},
		[]any{1, 2},
		5,
	} {
		_, err := g.Pack(bad)
		checkErr(t, fmt.Sprintf("pack (2,3)<h %v", bad), err, format.ErrType)
	}

	shapes := []struct {
		s     string
		shape []int
		count int
		size  int
		nval  int
	}{
		{"T{(2)3i:a:}", []int{2, 3}, 6, 4, 1},
		{"(2)3i", []int{2, 3}, 6, 4, 1},
		{"T{3h:a:}", []int{3}, 3, 2, 1},
		{"3h", nil, 3, 2, 3},
		{"T{1h:a:}", nil, 1, 2, 1},
		{"T{(1)h:a:}", []int{1}, 1, 2, 1},
		{"T{3s:a:}", nil, 1, 3, 1},
		{"T{(2)3s:a:}", []int{2}, 2, 3, 1},
		{"(2)3s", []int{2}, 2, 3, 1},
		{"3s", nil, 1, 3, 1},
		{"T{(2,2)Zf:z:}", []int{2, 2}, 4, 8, 1},
	}
	for _, c := range shapes {
		f := mustParse(t, c.s)
		fl := f.Field(0)
		if fl.Record != nil {
			fl = fl.Record.Field(0)
		}
		if !reflect.DeepEqual(fl.Shape, c.shape) || fl.Count != c.count || fl.Size != c.size || fl.NumValues != c.nval {
			t.Errorf("%s: shape %v count %d size %d values %d; want %v %d %d %d",
				c.s, fl.Shape, fl.Count, fl.Size, fl.NumValues, c.shape, c.count, c.size, c.nval)
		}
	}

	// Field returns a fresh copy of Shape.
	h := mustParse(t, "(4,5)b")
	sh := h.Field(0).Shape
	sh[0] = 99
	if h.Field(0).Shape[0] != 4 {
		t.Errorf("changing a Field's Shape changed the Format")
	}

	// Strings in a sub-array, and a record holding a sub-array of records.
	s := mustParse(t, "(2)3s")
	b3, err := s.Pack([]any{"ab", "cdef"})
	if err != nil || string(b3) != "ab\x00cde" {
		t.Errorf("pack (2)3s = %q, %v", b3, err)
	}
	r := mustParse(t, "T{2T{<i:y:b:x:}:r:}")
	rf := r.Field(0).Record.Field(0)
	if rf.Size != 5 || !reflect.DeepEqual(rf.Shape, []int{2}) {
		t.Errorf("r = %+v", rf)
	}
}

func TestRepeatedRecords(t *testing.T) {
	f := mustParse(t, "2T{i:y:b:x:}")
	fl := f.Field(0)
	if fl.Size != 8 || fl.Count != 2 || fl.Shape != nil || f.NumValues() != 2 || f.Size() != 16 {
		t.Fatalf("field %+v, format size %d values %d", fl, f.Size(), f.NumValues())
	}
	if fl.Record.Size() != 5 {
		t.Errorf("record size %d, want 5 (no implied trailing padding)", fl.Record.Size())
	}
	b, err := f.Pack([]any{1, 2}, []any{3, 4})
	if err != nil {
		t.Fatal(err)
	}
	var want []byte
	want = binary.NativeEndian.AppendUint32(want, 1)
	want = append(want, 2, 0, 0, 0)
	want = binary.NativeEndian.AppendUint32(want, 3)
	want = append(want, 4, 0, 0, 0)
	if !bytes.Equal(b, want) {
		t.Errorf("pack = % x, want % x", b, want)
	}
	g := mustParse(t, "<2T{i:y:b:x:}")
	if g.Size() != 10 {
		t.Errorf("<2T{i:y:b:x:} size %d, want 10", g.Size())
	}
}

func TestComplex(t *testing.T) {
	runPackCases(t, []packCase{
		{"<Zf", complex(1.5, -2), "0000c03f000000c0", nil},
		{"<Zf", complex64(complex(1.5, -2)), "0000c03f000000c0", nil},
		{">Zd", complex(1, -0.5), "3ff0000000000000bfe0000000000000", nil},
		{"<Zd", 2.0, "0000000000000040" + "0000000000000000", nil},
		{"<Zf", 3, "00004040" + "00000000", nil},
		{"<Zf", complex(1e300, 0), "", format.ErrRange},
		{"<Zf", complex(0, 1e300), "", format.ErrRange},
		{"Zf", complex(1e300, -1e300), "0000807f000080ff", nil},
		{"<Zd", "x", "", format.ErrType},
		{"<Zd", pow2(1024), "", format.ErrRange},
	})
	f := mustParse(t, ">Zd")
	vals, err := f.Unpack(hx("3ff0000000000000bfe0000000000000"))
	if err != nil || vals[0] != complex(1, -0.5) {
		t.Errorf("unpack >Zd = %#v, %v", vals, err)
	}
	for _, c := range []struct {
		s    string
		size int
	}{{"@bZd", 24}, {"@bZf", 12}, {"^bZd", 17}, {"T{b:a:Zd:b:}", 24}} {
		if g := mustParse(t, c.s); g.Size() != c.size {
			t.Errorf("%s size %d, want %d", c.s, g.Size(), c.size)
		}
	}
}

func TestUnalignedField(t *testing.T) {
	cases := []struct {
		s      string
		size   int
		offset int // of the second field
	}{
		{"T{b:a:=h:b:}", 3, 1},
		{"T{b:a:^h:b:}", 3, 1},
		{"T{b:a:h:b:}", 4, 2},
		{"@b=h", 3, 1},
		{"@bh", 4, 2},
	}
	for _, c := range cases {
		f := mustParse(t, c.s)
		flds := f
		if f.Field(0).Record != nil {
			flds = f.Field(0).Record
		}
		if f.Size() != c.size || flds.Field(1).Offset != c.offset {
			t.Errorf("%s: size %d offset %d, want %d %d", c.s, f.Size(), flds.Field(1).Offset, c.size, c.offset)
		}
		if flds.Field(1).Order != format.NativeOrder() {
			t.Errorf("%s: field order %v, want native", c.s, flds.Field(1).Order)
		}
	}
	// '=' has standard sizes, '^' native ones.
	if n := mustParse(t, "=l").Size(); n != 4 {
		t.Errorf("=l size %d, want 4", n)
	}
	if n := mustParse(t, "^l").Size(); n != 8 {
		t.Errorf("^l size %d, want 8", n)
	}
}

func TestPadded(t *testing.T) {
	f := mustParse(t, "T{>d:a:@i:b:}")
	if f.Size() != 12 {
		t.Fatalf("size %d, want 12", f.Size())
	}
	same, err := f.Padded(12)
	if err != nil || same != f {
		t.Errorf("Padded(12) = %p, %v; want f itself (%p)", same, err, f)
	}
	small, err := f.Padded(11)
	if small != nil {
		t.Errorf("Padded(11) returned a Format")
	}
	checkErr(t, "Padded(11)", err, format.ErrSize)
	g, err := f.Padded(16)
	if err != nil {
		t.Fatal(err)
	}
	if g == f || g.Size() != 16 || f.Size() != 12 {
		t.Errorf("Padded(16): size %d (f %d)", g.Size(), f.Size())
	}
	if g.String() != f.String() || g.NumValues() != f.NumValues() || g.NumFields() != f.NumFields() || g.Align() != f.Align() {
		t.Errorf("Padded changed more than the size")
	}
	dst := bytes.Repeat([]byte{0xee}, 20)
	if err := g.PackInto(dst, []any{1.5, 7}); err != nil {
		t.Fatal(err)
	}
	want := append(hx("3ff8000000000000"), binary.NativeEndian.AppendUint32(nil, 7)...)
	want = append(want, 0, 0, 0, 0, 0xee, 0xee, 0xee, 0xee)
	if !bytes.Equal(dst, want) {
		t.Errorf("PackInto padded = % x, want % x", dst, want)
	}
	p, err := g.Pack([]any{1.5, 7})
	if err != nil || len(p) != 16 || !bytes.Equal(p, want[:16]) {
		t.Errorf("Pack padded = % x, %v", p, err)
	}
	junk := append([]byte(nil), p...)
	copy(junk[12:], "JUNK")
	vals, err := g.Unpack(junk)
	if err != nil || !reflect.DeepEqual(vals, []any{[]any{1.5, int64(7)}}) {
		t.Errorf("Unpack padded = %#v, %v", vals, err)
	}
	_, err = g.Unpack(p[:12])
	checkErr(t, "Unpack padded with 12 bytes", err, format.ErrSize)

	// A scalar format with padding after it is no longer "no padding".
	d := mustParse(t, "<d")
	pd, err := d.Padded(16)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := pd.Scalar(); ok {
		t.Errorf("Padded(\"<d\", 16).Scalar() reports a scalar, but the format has 8 bytes of padding")
	}
}

func TestOpaqueCodes(t *testing.T) {
	cases := []struct {
		s    string
		size int
	}{{"O", 8}, {"g", 16}, {"Zg", 32}, {"u", 2}, {"w", 4}, {"3u", 6}, {"<w", 4}, {"T{O:a:}", 8}}
	for _, c := range cases {
		t.Run(c.s, func(t *testing.T) {
			f := mustParse(t, c.s)
			if f.Size() != c.size {
				t.Errorf("size %d, want %d", f.Size(), c.size)
			}
			vals := make([]any, f.NumValues())
			for i := range vals {
				vals[i] = 1
			}
			if f.Field(0).Kind == format.Record {
				vals[0] = []any{1}
			} else if f.Field(0).Kind != format.Opaque {
				t.Errorf("kind %v, want opaque", f.Field(0).Kind)
			}
			_, err := f.Pack(vals...)
			checkErr(t, "Pack", err, format.ErrUnsupported)
			_, err = f.Unpack(make([]byte, c.size))
			checkErr(t, "Unpack", err, format.ErrUnsupported)
			ptrs := make([]any, f.NumValues())
			for i := range ptrs {
				ptrs[i] = new(any)
			}
			checkErr(t, "UnpackTo *any", f.UnpackTo(make([]byte, c.size), ptrs...), format.ErrUnsupported)
			if f.Field(0).Kind == format.Opaque {
				for i := range ptrs {
					ptrs[i] = new(int64)
				}
				checkErr(t, "UnpackTo *int64", f.UnpackTo(make([]byte, c.size), ptrs...), format.ErrUnsupported)
			}
		})
	}
}

func TestZeroSizeBound(t *testing.T) {
	for _, s := range []string{"(100000)0s", "(1000,1000)0p", "(100000)T{}", "T{(100000)0s:a:}", "100000T{}", "(40000)0s(40000)0s"} {
		_, err := format.Parse(s)
		checkErr(t, fmt.Sprintf("Parse(%q)", s), err, format.ErrTooLarge)
		checkErr(t, fmt.Sprintf("Parse(%q)", s), err, format.ErrSyntax)
	}
	f := mustParse(t, "0s0s0s")
	if f.Size() != 0 || f.NumValues() != 3 {
		t.Fatalf("0s0s0s: size %d values %d", f.Size(), f.NumValues())
	}
	vals, err := f.Unpack(nil)
	if err != nil || len(vals) != 3 {
		t.Fatalf("unpack 0s0s0s = %v, %v", vals, err)
	}
	for _, v := range vals {
		if b, ok := v.([]byte); !ok || len(b) != 0 {
			t.Errorf("0s value %#v", v)
		}
	}
	if f := mustStruct(t, "0s0s0s"); f.NumValues() != 3 {
		t.Errorf("ParseStruct 0s0s0s values %d", f.NumValues())
	}
	if f := mustParse(t, "(3)0s"); f.NumValues() != 1 {
		t.Errorf("(3)0s values %d", f.NumValues())
	}
	if f := mustParse(t, "100000x"); f.Size() != 100000 {
		t.Errorf("100000x size %d", f.Size())
	}
}

func TestNestingDepth(t *testing.T) {
	s := strings.Repeat("T{", 70) + "b" + strings.Repeat("}", 70)
	_, err := format.Parse(s)
	checkErr(t, "70 nested records", err, format.ErrSyntax)
	s = strings.Repeat("T{", 10) + "b" + strings.Repeat("}", 10)
	f := mustParse(t, s)
	if f.Size() != 1 {
		t.Errorf("10 nested records: size %d", f.Size())
	}
	b, err := f.Pack([]any{[]any{[]any{[]any{[]any{[]any{[]any{[]any{[]any{[]any{-3}}}}}}}}}})
	if err != nil || !bytes.Equal(b, []byte{0xfd}) {
		t.Errorf("pack nested = % x, %v", b, err)
	}
	// A deep unterminated nest is an error, not a crash.
	_, err = format.Parse(strings.Repeat("T{", 100000))
	checkErr(t, "100000 open records", err, format.ErrSyntax)
}

func TestEmptyRecord(t *testing.T) {
	f := mustParse(t, "T{}")
	if f.Size() != 0 || f.NumValues() != 1 || f.Field(0).Record.NumFields() != 0 {
		t.Fatalf("T{}: size %d values %d", f.Size(), f.NumValues())
	}
	b, err := f.Pack([]any{})
	if err != nil || len(b) != 0 {
		t.Errorf("pack T{} = % x, %v", b, err)
	}
	vals, err := f.Unpack(nil)
	if err != nil || !reflect.DeepEqual(vals, []any{[]any{}}) {
		t.Errorf("unpack T{} = %#v, %v", vals, err)
	}
	_, err = f.Pack([]any{1})
	checkErr(t, "pack T{} with a value", err, format.ErrCount)
	if g := mustParse(t, "hT{}h"); g.Size() != 4 || g.NumValues() != 3 {
		t.Errorf("hT{}h size %d values %d", g.Size(), g.NumValues())
	}
}

func TestRecordPackErrors(t *testing.T) {
	f := mustParse(t, "T{<h:a:<d:b:}")
	_, err := f.Pack([]any{1})
	checkErr(t, "too few record values", err, format.ErrCount)
	_, err = f.Pack([]any{1, 2.0, 3})
	checkErr(t, "too many record values", err, format.ErrCount)
	_, err = f.Pack([]any{"x", 2.0})
	checkErr(t, "string into record h", err, format.ErrType)
	_, err = f.Pack([]any{40000, 2.0})
	checkErr(t, "40000 into record h", err, format.ErrRange)
	_, err = f.Pack(5)
	checkErr(t, "non-slice record value", err, format.ErrType)
	// Padding and gaps inside a record are written as zeros.
	g := mustParse(t, "T{b:a:xi:b:}")
	dst := bytes.Repeat([]byte{0xee}, g.Size())
	if err := g.PackInto(dst, []any{1, 2}); err != nil {
		t.Fatal(err)
	}
	want := append([]byte{1, 0, 0, 0}, binary.NativeEndian.AppendUint32(nil, 2)...)
	if !bytes.Equal(dst, want) {
		t.Errorf("PackInto record = % x, want % x", dst, want)
	}
}

// ---------------------------------------------------------------- API contracts

func TestPackVariantsAgree(t *testing.T) {
	cases := []struct {
		s    string
		vals []any
	}{
		{"<IId", []any{1, 2, 2.5}},
		{"@bq", []any{-1, 1 << 40}},
		{">hq3s?e", []any{-2, int64(1) << 40, "ab", true, 0.1}},
		{"c5p2x?", []any{"z", "hello world", false}},
		{"T{<i:x:>d:y:(2,3)Zf:z:}", []any{[]any{1, 2.0, []any{[]any{1, 2, 3}, []any{4, 5, complex(6, 7)}}}}},
		{"", nil},
		{"5x", nil},
	}
	for _, c := range cases {
		t.Run(c.s, func(t *testing.T) {
			f := mustParse(t, c.s)
			p, err := f.Pack(c.vals...)
			if err != nil {
				t.Fatal(err)
			}
			if len(p) != f.Size() {
				t.Fatalf("Pack gave %d bytes, Size %d", len(p), f.Size())
			}
			prefix := []byte("prefix")
			a, err := f.AppendPack(append([]byte(nil), prefix...), c.vals...)
			if err != nil || !bytes.Equal(a[:len(prefix)], prefix) || !bytes.Equal(a[len(prefix):], p) {
				t.Errorf("AppendPack = % x, %v; want prefix + % x", a, err, p)
			}
			a2, err := f.AppendPack(nil, c.vals...)
			if err != nil || !bytes.Equal(a2, p) {
				t.Errorf("AppendPack(nil) = % x, %v", a2, err)
			}
			dst := bytes.Repeat([]byte{0xcc}, f.Size()+3)
			if err := f.PackInto(dst, c.vals...); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(dst[:f.Size()], p) || !bytes.Equal(dst[f.Size():], []byte{0xcc, 0xcc, 0xcc}) {
				t.Errorf("PackInto = % x, want % x then cc cc cc", dst, p)
			}
			vals, err := f.Unpack(p)
			if err != nil {
				t.Fatal(err)
			}
			if len(vals) != f.NumValues() {
				t.Errorf("Unpack gave %d values, NumValues %d", len(vals), f.NumValues())
			}
			again, err := f.Pack(vals...)
			if err != nil || !bytes.Equal(again, p) {
				t.Errorf("Pack(Unpack(b)) = % x, %v; want % x", again, err, p)
			}
			pre := []any{"keep"}
			app, err := f.AppendUnpack(pre, p)
			if err != nil || len(app) != 1+len(vals) || app[0] != "keep" || !reflect.DeepEqual(app[1:], vals) && len(vals) > 0 {
				t.Errorf("AppendUnpack = %#v, %v", app, err)
			}
		})
	}
}

func TestAppendPackErrorReturnsDst(t *testing.T) {
	f := mustParse(t, "<hh")
	t.Run("spare capacity", func(t *testing.T) {
		dst := make([]byte, 2, 16)
		dst[0], dst[1] = 'a', 'b'
		got, err := f.AppendPack(dst, 1, 40000)
		checkErr(t, "AppendPack", err, format.ErrRange)
		if len(got) != 2 || cap(got) != 16 || &got[0] != &dst[0] || string(got) != "ab" {
			t.Errorf("AppendPack on error returned len %d cap %d %q, want dst unchanged", len(got), cap(got), got)
		}
	})
	t.Run("no capacity", func(t *testing.T) {
		dst := []byte{'a', 'b'}
		dst = dst[:2:2]
		got, err := f.AppendPack(dst, 1)
		checkErr(t, "AppendPack", err, format.ErrCount)
		if len(got) != 2 || string(got) != "ab" {
			t.Fatalf("AppendPack on error returned %q", got)
		}
		if cap(got) != 2 || &got[0] != &dst[0] {
			t.Errorf("AppendPack on error returned a reallocated slice (cap %d), not dst", cap(got))
		}
	})
	t.Run("nil", func(t *testing.T) {
		got, err := f.AppendPack(nil, "x", 1)
		checkErr(t, "AppendPack", err, format.ErrType)
		if got != nil {
			t.Errorf("AppendPack(nil) on error returned %#v (cap %d), want nil", got, cap(got))
		}
	})
}

func TestAppendUnpackErrorReturnsDst(t *testing.T) {
	g := mustParse(t, "hO")
	dst := []any{"keep"}
	dst = dst[:1:1]
	got, err := g.AppendUnpack(dst, make([]byte, g.Size()))
	checkErr(t, "AppendUnpack", err, format.ErrUnsupported)
	if len(got) != 1 || got[0] != "keep" {
		t.Fatalf("AppendUnpack on error returned %#v", got)
	}
	if cap(got) != 1 || &got[0] != &dst[0] {
		t.Errorf("AppendUnpack on error returned a reallocated slice (cap %d), not dst", cap(got))
	}
	got, err = g.AppendUnpack(dst, []byte{1})
	checkErr(t, "AppendUnpack short", err, format.ErrSize)
	if len(got) != 1 || &got[0] != &dst[0] {
		t.Errorf("AppendUnpack size error did not return dst")
	}
}

func TestSizeAndCountErrors(t *testing.T) {
	f := mustParse(t, "<hi")
	checkErr(t, "PackInto short", f.PackInto(make([]byte, 5), 1, 2), format.ErrSize)
	checkErr(t, "PackInto nil", f.PackInto(nil, 1, 2), format.ErrSize)
	checkErr(t, "PackInto few values", f.PackInto(make([]byte, 6), 1), format.ErrCount)
	_, err := f.Pack(1)
	checkErr(t, "Pack few values", err, format.ErrCount)
	_, err = f.Pack(1, 2, 3)
	checkErr(t, "Pack many values", err, format.ErrCount)
	_, err = f.Pack()
	checkErr(t, "Pack no values", err, format.ErrCount)
	_, err = f.AppendPack(nil, 1, 2, 3)
	checkErr(t, "AppendPack many values", err, format.ErrCount)
	_, err = mustParse(t, "x").Pack(1)
	checkErr(t, "Pack pad with a value", err, format.ErrCount)
	for _, n := range []int{0, 5, 7} {
		_, err = f.Unpack(make([]byte, n))
		checkErr(t, fmt.Sprintf("Unpack %d bytes", n), err, format.ErrSize)
		var a, b int
		checkErr(t, fmt.Sprintf("UnpackTo %d bytes", n), f.UnpackTo(make([]byte, n), &a, &b), format.ErrSize)
	}
	var a int
	checkErr(t, "UnpackTo few pointers", f.UnpackTo(make([]byte, 6), &a), format.ErrCount)
	checkErr(t, "UnpackTo many pointers", f.UnpackTo(make([]byte, 6), &a, &a, &a), format.ErrCount)
	var ve *format.ValueError
	if err := f.UnpackTo(make([]byte, 6), &a); !errors.As(err, &ve) || ve.Index != -1 {
		t.Errorf("count error %v: want a *ValueError with Index -1", err)
	}
}

func TestUnpackTo(t *testing.T) {
	type ptrCase struct {
		format string
		in     string // hex
		ptr    any
		want   any // the pointee after the call
		err    error
	}
	cases := []ptrCase{
		{"<h", "feff", new(int), -2, nil},
		{"<h", "feff", new(int8), int8(-2), nil},
		{"<h", "feff", new(int16), int16(-2), nil},
		{"<h", "feff", new(int32), int32(-2), nil},
		{"<h", "feff", new(int64), int64(-2), nil},
		{"<h", "feff", new(uint), nil, format.ErrRange},
		{"<h", "feff", new(uint8), nil, format.ErrRange},
		{"<h", "feff", new(uint16), nil, format.ErrRange},
		{"<h", "feff", new(uint64), nil, format.ErrRange},
		{"<h", "feff", new(uintptr), nil, format.ErrRange},
		{"<h", "feff", new(float64), -2.0, nil},
		{"<h", "feff", new(float32), float32(-2), nil},
		{"<h", "feff", new(any), any(int64(-2)), nil},
		{"<h", "feff", new(bool), nil, format.ErrType},
		{"<h", "feff", new(string), nil, format.ErrType},
		{"<h", "feff", new(complex128), nil, format.ErrType},
		{"<h", "feff", new([]byte), nil, format.ErrType},
		{"<h", "feff", 5, nil, format.ErrType},
		{"<h", "feff", nil, nil, format.ErrType},
		{"<h", "2c01", new(int8), nil, format.ErrRange},
		{"<h", "2c01", new(uint8), nil, format.ErrRange},
		{"<h", "2c01", new(uint16), uint16(300), nil},
		{"<h", "2c01", new(uint), uint(300), nil},
		{"<B", "c8", new(int8), nil, format.ErrRange},
		{"<B", "c8", new(uint8), uint8(200), nil},
		{"<B", "c8", new(int16), int16(200), nil},
		{"<q", "ffffffffffffffff", new(uint8), nil, format.ErrRange},
		{"<q", "0000000000000080", new(int32), nil, format.ErrRange},
		{"<q", "0000000000000080", new(int64), int64(math.MinInt64), nil},
		{"<Q", "ffffffffffffffff", new(int64), nil, format.ErrRange},
		{"<Q", "ffffffffffffffff", new(int), nil, format.ErrRange},
		{"<Q", "ffffffffffffffff", new(uint64), uint64(math.MaxUint64), nil},
		{"<Q", "ffffffffffffffff", new(uintptr), uintptr(math.MaxUint64), nil},
		{"<Q", "ffffffffffffffff", new(float64), float64(math.MaxUint64), nil},
		{"<Q", "ffffffffffffffff", new(any), any(uint64(math.MaxUint64)), nil},
		{"<I", "ffffffff", new(int32), nil, format.ErrRange},
		{"<I", "ffffffff", new(uint32), uint32(math.MaxUint32), nil},
		{"<I", "ffffffff", new(int64), int64(math.MaxUint32), nil},
		{"<i", "00000080", new(int16), nil, format.ErrRange},
		{">i", "80000000", new(int32), int32(math.MinInt32), nil},
		{"P", "ffffffffffffffff", new(any), any(uint64(math.MaxUint64)), nil},
		{"<d", "9a9999999999b93f", new(float64), 0.1, nil},
		{"<d", "9a9999999999b93f", new(float32), float32(0.1), nil},
		{"<d", "9a9999999999b93f", new(any), any(0.1), nil},
		{"<d", "9a9999999999b93f", new(int), nil, format.ErrType},
		{"<d", "9a9999999999b93f", new(complex128), nil, format.ErrType},
		{"<f", "0000c03f", new(float64), 1.5, nil},
		{">e", "3e00", new(float32), float32(1.5), nil},
		{"<Zf", "0000c03f000000c0", new(complex64), complex64(complex(1.5, -2)), nil},
		{"<Zf", "0000c03f000000c0", new(complex128), complex(1.5, -2), nil},
		{"<Zf", "0000c03f000000c0", new(any), any(complex(1.5, -2)), nil},
		{"<Zf", "0000c03f000000c0", new(float64), nil, format.ErrType},
		{"?", "02", new(bool), true, nil},
		{"?", "00", new(bool), false, nil},
		{"?", "02", new(any), any(true), nil},
		{"?", "02", new(int), nil, format.ErrType},
		{"c", "61", new([]byte), []byte("a"), nil},
		{"c", "61", new(string), "a", nil},
		{"c", "61", new(any), any([]byte("a")), nil},
		{"c", "61", new(int), nil, format.ErrType},
		{"3s", "616263", new(string), "abc", nil},
		{"5p", "0361626364", new(string), "abc", nil},
		{"5p", "0361626364", new([]byte), []byte("abc"), nil},
		{"3s", "616263", new(bool), nil, format.ErrType},
		{"T{<h:a:}", "0100", new(any), any([]any{int64(1)}), nil},
		{"T{<h:a:}", "0100", new([]any), nil, format.ErrType},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%s/%T", c.format, c.in, c.ptr), func(t *testing.T) {
			f := mustParse(t, c.format)
			err := f.UnpackTo(hx(c.in), c.ptr)
			if c.err != nil {
				checkErr(t, "UnpackTo", err, c.err)
				return
			}
			if err != nil {
				t.Fatalf("UnpackTo: %v", err)
			}
			got := reflect.ValueOf(c.ptr).Elem().Interface()
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("UnpackTo stored %#v, want %#v", got, c.want)
			}
		})
	}
}

// ---------------------------------------------------------------- fields

func TestFieldIntAccessors(t *testing.T) {
	type intCase struct {
		code     string
		a, b     any // packed values
		ia, ib   int64
		ua, ub   uint64
		fa, fb   float64
		overflow any // a value SetInt/SetUint must refuse (int64 or uint64)
	}
	cases := []intCase{
		{"b", -128, 127, -128, 127, 1<<64 - 128, 127, -128, 127, int64(128)},
		{"B", 0, 255, 0, 255, 0, 255, 0, 255, int64(-1)},
		{"h", -2, 32767, -2, 32767, 1<<64 - 2, 32767, -2, 32767, int64(40000)},
		{"H", 1, 65535, 1, 65535, 1, 65535, 1, 65535, int64(65536)},
		{"i", math.MinInt32, 7, math.MinInt32, 7, 1<<64 - 1<<31, 7, math.MinInt32, 7, int64(1) << 31},
		{"I", 3, uint32(math.MaxUint32), 3, math.MaxUint32, 3, math.MaxUint32, 3, math.MaxUint32, int64(1) << 32},
		{"q", int64(math.MinInt64), -1, math.MinInt64, -1, 1 << 63, math.MaxUint64, -0x1p63, -1, uint64(1) << 63},
		{"Q", 5, uint64(math.MaxUint64), 5, -1, 5, math.MaxUint64, 5, 0x1p64, int64(-1)},
	}
	for _, pre := range []string{"<", ">"} {
		for _, c := range cases {
			s := pre + "2" + c.code
			t.Run(s, func(t *testing.T) {
				f := mustParse(t, s)
				b, err := f.Pack(c.a, c.b)
				if err != nil {
					t.Fatal(err)
				}
				fl := f.Field(0)
				if fl.Count != 2 {
					t.Fatalf("Count %d", fl.Count)
				}
				if got := fl.Int(b, 0); got != c.ia {
					t.Errorf("Int(0) = %d, want %d", got, c.ia)
				}
				if got := fl.Int(b, 1); got != c.ib {
					t.Errorf("Int(1) = %d, want %d", got, c.ib)
				}
				if got := fl.Uint(b, 0); got != c.ua {
					t.Errorf("Uint(0) = %d, want %d", got, c.ua)
				}
				if got := fl.Uint(b, 1); got != c.ub {
					t.Errorf("Uint(1) = %d, want %d", got, c.ub)
				}
				if got := fl.Float(b, 0); got != c.fa {
					t.Errorf("Float(0) = %v, want %v", got, c.fa)
				}
				if got := fl.Float(b, 1); got != c.fb {
					t.Errorf("Float(1) = %v, want %v", got, c.fb)
				}
				if got := fl.Complex(b, 1); got != complex(c.fb, 0) {
					t.Errorf("Complex(1) = %v, want %v", got, c.fb)
				}
				// Setters write what Pack writes.
				out := make([]byte, len(b))
				for i, v := range []struct {
					s int64
					u uint64
				}{{c.ia, c.ua}, {c.ib, c.ub}} {
					var err error
					if fl.Kind.IsSigned() {
						err = fl.SetInt(out, i, v.s)
					} else {
						err = fl.SetUint(out, i, v.u)
					}
					if err != nil {
						t.Errorf("set element %d: %v", i, err)
					}
				}
				if !bytes.Equal(out, b) {
					t.Errorf("setters wrote % x, Pack wrote % x", out, b)
				}
				if !fl.Kind.IsSigned() {
					// SetInt with a non-negative value suits unsigned codes too.
					if err := fl.SetInt(out, 0, 1); err != nil || fl.Uint(out, 0) != 1 {
						t.Errorf("SetInt(1) on unsigned: %v, read %d", err, fl.Uint(out, 0))
					}
				} else if err := fl.SetUint(out, 0, 1); err != nil || fl.Int(out, 0) != 1 {
					t.Errorf("SetUint(1) on signed: %v, read %d", err, fl.Int(out, 0))
				}
				// Out of range: ErrRange, nothing written.
				before := append([]byte(nil), out...)
				switch v := c.overflow.(type) {
				case int64:
					checkErr(t, fmt.Sprintf("SetInt(%d)", v), fl.SetInt(out, 0, v), format.ErrRange)
				case uint64:
					checkErr(t, fmt.Sprintf("SetUint(%d)", v), fl.SetUint(out, 0, v), format.ErrRange)
				}
				if !bytes.Equal(out, before) {
					t.Errorf("a refused set changed the bytes")
				}
				wantOrder := format.LittleEndian
				if pre == ">" && fl.Size > 1 {
					wantOrder = format.BigEndian
				} else if fl.Size == 1 {
					wantOrder = format.NativeOrder()
				}
				if fl.Order != wantOrder {
					t.Errorf("Order %v, want %v", fl.Order, wantOrder)
				}
			})
		}
	}
}

func TestFieldFloatAccessors(t *testing.T) {
	for _, pre := range []string{"<", ">"} {
		for _, code := range []string{"e", "f", "d"} {
			s := pre + "2" + code
			t.Run(s, func(t *testing.T) {
				f := mustParse(t, s)
				b, err := f.Pack(1.5, -0.25)
				if err != nil {
					t.Fatal(err)
				}
				fl := f.Field(0)
				if fl.Float(b, 0) != 1.5 || fl.Float(b, 1) != -0.25 {
					t.Errorf("Float = %v %v", fl.Float(b, 0), fl.Float(b, 1))
				}
				if fl.Complex(b, 1) != complex(-0.25, 0) {
					t.Errorf("Complex(1) = %v", fl.Complex(b, 1))
				}
				out := make([]byte, len(b))
				if err := fl.SetFloat(out, 0, 1.5); err != nil {
					t.Fatal(err)
				}
				if err := fl.SetFloat(out, 1, -0.25); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(out, b) {
					t.Errorf("SetFloat wrote % x, Pack % x", out, b)
				}
				before := append([]byte(nil), out...)
				switch code {
				case "e":
					checkErr(t, "SetFloat(65520)", fl.SetFloat(out, 0, 65520), format.ErrRange)
				case "f":
					checkErr(t, "SetFloat(1e300)", fl.SetFloat(out, 0, 1e300), format.ErrRange)
				}
				if !bytes.Equal(out, before) {
					t.Errorf("a refused SetFloat changed the bytes")
				}
				if err := fl.SetFloat(out, 1, math.Inf(-1)); err != nil || !math.IsInf(fl.Float(out, 1), -1) {
					t.Errorf("SetFloat(-Inf): %v, read back %v", err, fl.Float(out, 1))
				}
			})
		}
	}
	nf := mustParse(t, "f").Field(0)
	b := make([]byte, 4)
	if err := nf.SetFloat(b, 0, 1e300); err != nil || !math.IsInf(nf.Float(b, 0), 1) {
		t.Errorf("native f SetFloat(1e300): %v, %v; want +Inf", err, nf.Float(b, 0))
	}
}

func TestFieldOtherAccessors(t *testing.T) {
	t.Run("complex", func(t *testing.T) {
		for _, s := range []string{"<Zf", ">Zf", "<Zd", ">Zd"} {
			f := mustParse(t, s)
			fl := f.Field(0)
			b := make([]byte, f.Size())
			if err := fl.SetComplex(b, 0, complex(1.5, -2)); err != nil {
				t.Fatal(err)
			}
			p, _ := f.Pack(complex(1.5, -2))
			if !bytes.Equal(b, p) || fl.Complex(b, 0) != complex(1.5, -2) {
				t.Errorf("%s SetComplex wrote % x (Pack % x), read %v", s, b, p, fl.Complex(b, 0))
			}
			if err := fl.SetFloat(b, 0, 3); err != nil || fl.Complex(b, 0) != 3 {
				t.Errorf("%s SetFloat on complex: %v, %v", s, err, fl.Complex(b, 0))
			}
		}
		fl := mustParse(t, "<Zf").Field(0)
		checkErr(t, "SetComplex(1e300i)", fl.SetComplex(make([]byte, 8), 0, complex(0, 1e300)), format.ErrRange)
	})
	t.Run("bool", func(t *testing.T) {
		fl := mustParse(t, "3?").Field(0)
		b := []byte{0, 7, 1}
		if fl.Bool(b, 0) || !fl.Bool(b, 1) || fl.Int(b, 1) != 1 || fl.Uint(b, 0) != 0 {
			t.Errorf("Bool/Int/Uint of ? wrong")
		}
		fl.SetBool(b, 0, true)
		fl.SetBool(b, 2, false)
		if err := fl.SetInt(b, 1, 5); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, []byte{1, 1, 0}) {
			t.Errorf("bool setters wrote % x", b)
		}
		if err := fl.SetUint(b, 1, 0); err != nil || b[1] != 0 {
			t.Errorf("SetUint(0) on ?: %v % x", err, b)
		}
		if err := fl.SetUint(b, 1, math.MaxUint64); err != nil || b[1] != 1 {
			t.Errorf("SetUint(max) on ?: %v % x", err, b)
		}
	})
	t.Run("bytes", func(t *testing.T) {
		f := mustParse(t, "c3s5p")
		b := []byte("x" + "abc" + "\x09defg")
		c, s, p := f.Field(0), f.Field(1), f.Field(2)
		if string(c.Bytes(b, 0)) != "x" || string(s.Bytes(b, 0)) != "abc" || string(p.Bytes(b, 0)) != "defg" {
			t.Errorf("Bytes = %q %q %q", c.Bytes(b, 0), s.Bytes(b, 0), p.Bytes(b, 0))
		}
		if got := s.Bytes(b, 0); cap(got) != 3 || &got[0] != &b[1] {
			t.Errorf("Bytes is not a clipped sub-slice")
		}
		if err := s.SetBytes(b, 0, []byte("zz")); err != nil || string(b[1:4]) != "zz\x00" {
			t.Errorf("SetBytes 3s: %v %q", err, b)
		}
		if err := p.SetBytes(b, 0, []byte("abcdefg")); err != nil || !bytes.Equal(b[4:], hx("0461626364")) {
			t.Errorf("SetBytes 5p: %v % x", err, b[4:])
		}
		checkErr(t, "SetBytes c with 2 bytes", c.SetBytes(b, 0, []byte("ab")), format.ErrType)
		if err := c.SetBytes(b, 0, []byte("Q")); err != nil || b[0] != 'Q' {
			t.Errorf("SetBytes c: %v %q", err, b)
		}
	})
	t.Run("record", func(t *testing.T) {
		f := mustParse(t, "T{<h:a:xx>d:b:(2)<I:c:}")
		rec := f.Field(0).Record
		a, _, _ := rec.FieldByName("a")
		bf, _, _ := rec.FieldByName("b")
		cf, _, _ := rec.FieldByName("c")
		if a.Offset != 0 || bf.Offset != 4 || cf.Offset != 12 || bf.Order != format.BigEndian {
			t.Fatalf("offsets %d %d %d", a.Offset, bf.Offset, cf.Offset)
		}
		item, err := f.Pack([]any{-7, 2.5, []any{10, 20}})
		if err != nil {
			t.Fatal(err)
		}
		if a.Int(item, 0) != -7 || bf.Float(item, 0) != 2.5 || cf.Uint(item, 1) != 20 {
			t.Errorf("record accessors read %d %v %d", a.Int(item, 0), bf.Float(item, 0), cf.Uint(item, 1))
		}
		if err := cf.SetUint(item, 0, 99); err != nil {
			t.Fatal(err)
		}
		vals, _ := f.Unpack(item)
		if !reflect.DeepEqual(vals, []any{[]any{int64(-7), 2.5, []any{uint64(99), uint64(20)}}}) {
			t.Errorf("after SetUint: %#v", vals)
		}
	})
}

func mustPanic(t *testing.T, name string, fn func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", name)
		}
	}()
	fn()
}

func TestFieldPanics(t *testing.T) {
	fld := func(s string) format.Field { return format.MustParse(s).Field(0) }
	b := make([]byte, 64)
	i16, f64, bl, by, cx := fld("<h"), fld("<d"), fld("?"), fld("3s"), fld("<Zd")
	op, rc, pad, two := fld("O"), fld("T{h:a:}"), fld("x"), fld("<2h")
	zero := fld("0h")
	cases := []struct {
		name string
		fn   func()
	}{
		{"Int on d", func() { f64.Int(b, 0) }},
		{"Int on e", func() { f16 := fld("e"); f16.Int(b, 0) }},
		{"Int on 3s", func() { by.Int(b, 0) }},
		{"Int on O", func() { op.Int(b, 0) }},
		{"Int on T", func() { rc.Int(b, 0) }},
		{"Int on x", func() { pad.Int(b, 0) }},
		{"Uint on Zd", func() { cx.Uint(b, 0) }},
		{"Float on ?", func() { bl.Float(b, 0) }},
		{"Float on 3s", func() { by.Float(b, 0) }},
		{"Float on Zd", func() { cx.Float(b, 0) }},
		{"Complex on ?", func() { bl.Complex(b, 0) }},
		{"Complex on 3s", func() { by.Complex(b, 0) }},
		{"Bool on h", func() { i16.Bool(b, 0) }},
		{"Bytes on h", func() { i16.Bytes(b, 0) }},
		{"Bytes on ?", func() { bl.Bytes(b, 0) }},
		{"SetInt on d", func() { _ = f64.SetInt(b, 0, 1) }},
		{"SetUint on 3s", func() { _ = by.SetUint(b, 0, 1) }},
		{"SetFloat on h", func() { _ = i16.SetFloat(b, 0, 1) }},
		{"SetComplex on d", func() { _ = f64.SetComplex(b, 0, 1) }},
		{"SetBool on h", func() { i16.SetBool(b, 0, true) }},
		{"SetBytes on h", func() { _ = i16.SetBytes(b, 0, []byte{1}) }},
		{"Int index 2", func() { two.Int(b, 2) }},
		{"Int index -1", func() { two.Int(b, -1) }},
		{"Uint index 2", func() { two.Uint(b, 2) }},
		{"Float index 2", func() { two.Float(b, 2) }},
		{"Float on d index 1", func() { f64.Float(b, 1) }},
		{"Complex index 1", func() { cx.Complex(b, 1) }},
		{"Bool index 1", func() { bl.Bool(b, 1) }},
		{"Bytes index 1", func() { by.Bytes(b, 1) }},
		{"SetInt index 2", func() { _ = two.SetInt(b, 2, 1) }},
		{"SetFloat index 1", func() { _ = f64.SetFloat(b, 1, 1) }},
		{"SetBool index -1", func() { bl.SetBool(b, -1, true) }},
		{"Int on 0h", func() { zero.Int(b, 0) }},
		{"Int short rec", func() { i16.Int(b[:1], 0) }},
	}
	for _, c := range cases {
		mustPanic(t, c.name, c.fn)
	}
}

func TestFieldByName(t *testing.T) {
	f := mustParse(t, "<h:a:i:b:d")
	fl, i, ok := f.FieldByName("b")
	if !ok || i != 1 || fl.Code != "i" || fl.Offset != 2 {
		t.Errorf("FieldByName(b) = %+v, %d, %v", fl, i, ok)
	}
	for _, n := range []string{"", "c", "f2", "A"} {
		if _, i, ok := f.FieldByName(n); ok || i != -1 {
			t.Errorf("FieldByName(%q) = %d, %v; want -1, false", n, i, ok)
		}
	}
	if f.Field(2).Name != "" {
		t.Errorf("unnamed top-level field got name %q", f.Field(2).Name)
	}
	r := mustParse(t, "T{h:a:i}").Field(0).Record
	if fl, i, ok := r.FieldByName("f0"); !ok || i != 1 || fl.Code != "i" {
		t.Errorf("record FieldByName(f0) = %+v, %d, %v", fl, i, ok)
	}
	if _, i, ok := r.FieldByName("zz"); ok || i != -1 {
		t.Errorf("record FieldByName(zz) = %d, %v", i, ok)
	}
	if _, i, ok := mustParse(t, "hh").FieldByName(""); ok || i != -1 {
		t.Errorf("FieldByName(\"\") on unnamed fields = %d, %v", i, ok)
	}
}

func TestScalar(t *testing.T) {
	cases := []struct {
		s    string
		ok   bool
		kind format.Kind
	}{
		{"<d", true, format.Float64},
		{"@i", true, format.Int32},
		{"Zd", true, format.Complex128},
		{"3s", true, format.Bytes},
		{"?", true, format.Bool},
		{"1h", true, format.Int16},
		{"2h", false, 0},
		{"0h", false, 0},
		{"(1)h", false, 0},
		{"(2)3s", false, 0},
		{"x", false, 0},
		{"xh", false, 0},
		{"hx", false, 0},
		{"hh", false, 0},
		{"T{h}", false, 0},
		{"", false, 0},
		{">q", true, format.Int64},
		{"<e", true, format.Float16},
	}
	for _, c := range cases {
		f := mustParse(t, c.s)
		fl, ok := f.Scalar()
		if ok != c.ok || ok && fl.Kind != c.kind {
			t.Errorf("Scalar(%q) = %v %v, want %v %v", c.s, fl.Kind, ok, c.kind, c.ok)
		}
		// ScalarKind is Scalar without the Field.
		k, o, ok2 := f.ScalarKind()
		if ok2 != ok || k != fl.Kind || o != fl.Order {
			t.Errorf("ScalarKind(%q) = %v %v %v; Scalar gave %v %v %v", c.s, k, o, ok2, fl.Kind, fl.Order, ok)
		}
	}
}

func TestFieldKinds(t *testing.T) {
	cases := []struct {
		s     string
		kind  format.Kind
		code  string
		size  int
		align int // of the whole format
	}{
		{"x", format.Pad, "x", 1, 1},
		{"c", format.Char, "c", 1, 1},
		{"?", format.Bool, "?", 1, 1},
		{"b", format.Int8, "b", 1, 1},
		{"B", format.Uint8, "B", 1, 1},
		{"h", format.Int16, "h", 2, 2},
		{"H", format.Uint16, "H", 2, 2},
		{"i", format.Int32, "i", 4, 4},
		{"I", format.Uint32, "I", 4, 4},
		{"<l", format.Int32, "l", 4, 1},
		{"<L", format.Uint32, "L", 4, 1},
		{"l", format.Int64, "l", 8, 8},
		{"L", format.Uint64, "L", 8, 8},
		{"q", format.Int64, "q", 8, 8},
		{"Q", format.Uint64, "Q", 8, 8},
		{"n", format.Int64, "n", 8, 8},
		{"N", format.Uint64, "N", 8, 8},
		{"P", format.Uint64, "P", 8, 8},
		{"e", format.Float16, "e", 2, 2},
		{"f", format.Float32, "f", 4, 4},
		{"d", format.Float64, "d", 8, 8},
		{"<d", format.Float64, "d", 8, 1},
		{"^d", format.Float64, "d", 8, 1},
		{"Zf", format.Complex64, "Zf", 8, 4},
		{"Zd", format.Complex128, "Zd", 16, 8},
		{"3s", format.Bytes, "s", 3, 1},
		{"3p", format.Pascal, "p", 3, 1},
		{"T{b:a:d:b:}", format.Record, "T", 16, 8},
		{"O", format.Opaque, "O", 8, 8},
		{"g", format.Opaque, "g", 16, 16},
		{"Zg", format.Opaque, "Zg", 32, 16},
		{"u", format.Opaque, "u", 2, 2},
		{"w", format.Opaque, "w", 4, 4},
	}
	for _, c := range cases {
		f := mustParse(t, c.s)
		fl := f.Field(0)
		if fl.Kind != c.kind || fl.Code != c.code || fl.Size != c.size || f.Align() != c.align {
			t.Errorf("%s: kind %v code %q size %d align %d; want %v %q %d %d",
				c.s, fl.Kind, fl.Code, fl.Size, f.Align(), c.kind, c.code, c.size, c.align)
		}
	}
	if a := mustParse(t, "@bhd").Align(); a != 8 {
		t.Errorf("@bhd Align %d", a)
	}
	if n := mustParse(t, "@b2xhd").NumFields(); n != 4 {
		t.Errorf("@b2xhd NumFields %d, want 4", n)
	}
	if o := mustParse(t, ">b").Field(0).Order; o != format.NativeOrder() {
		t.Errorf(">b order %v, want native (one byte)", o)
	}
	if o := mustParse(t, ">3s").Field(0).Order; o != format.NativeOrder() {
		t.Errorf(">3s order %v, want native (one byte)", o)
	}
	if o := mustParse(t, "=h").Field(0).Order; o != format.NativeOrder() {
		t.Errorf("=h order %v, want native", o)
	}
	if o := mustParse(t, "!h").Field(0).Order; o != format.BigEndian {
		t.Errorf("!h order %v, want big", o)
	}
}

func TestKind(t *testing.T) {
	cases := []struct {
		k                                        format.Kind
		name                                     string
		integer, signed, float, complex, numeric bool
	}{
		{format.Invalid, "invalid", false, false, false, false, false},
		{format.Pad, "pad", false, false, false, false, false},
		{format.Char, "char", false, false, false, false, false},
		{format.Bool, "bool", false, false, false, false, false},
		{format.Int8, "int8", true, true, false, false, true},
		{format.Uint8, "uint8", true, false, false, false, true},
		{format.Int16, "int16", true, true, false, false, true},
		{format.Uint16, "uint16", true, false, false, false, true},
		{format.Int32, "int32", true, true, false, false, true},
		{format.Uint32, "uint32", true, false, false, false, true},
		{format.Int64, "int64", true, true, false, false, true},
		{format.Uint64, "uint64", true, false, false, false, true},
		{format.Float16, "float16", false, false, true, false, true},
		{format.Float32, "float32", false, false, true, false, true},
		{format.Float64, "float64", false, false, true, false, true},
		{format.Complex64, "complex64", false, false, false, true, true},
		{format.Complex128, "complex128", false, false, false, true, true},
		{format.Bytes, "bytes", false, false, false, false, false},
		{format.Pascal, "pascal", false, false, false, false, false},
		{format.Record, "record", false, false, false, false, false},
		{format.Opaque, "opaque", false, false, false, false, false},
		{format.Kind(99), "Kind(99)", false, false, false, false, false},
	}
	for _, c := range cases {
		if c.k.String() != c.name || c.k.IsInteger() != c.integer || c.k.IsSigned() != c.signed ||
			c.k.IsFloat() != c.float || c.k.IsComplex() != c.complex || c.k.IsNumeric() != c.numeric {
			t.Errorf("Kind %d: %q int %v signed %v float %v complex %v numeric %v", uint8(c.k), c.k.String(),
				c.k.IsInteger(), c.k.IsSigned(), c.k.IsFloat(), c.k.IsComplex(), c.k.IsNumeric())
		}
	}
}

func TestByteOrder(t *testing.T) {
	if format.LittleEndian.String() != "little" || format.BigEndian.String() != "big" || format.ByteOrder(0).String() != "ByteOrder(0)" {
		t.Errorf("ByteOrder strings: %v %v %v", format.LittleEndian, format.BigEndian, format.ByteOrder(0))
	}
	var probe [2]byte
	binary.NativeEndian.PutUint16(probe[:], 1)
	want := format.BigEndian
	if probe[0] == 1 {
		want = format.LittleEndian
	}
	if format.NativeOrder() != want || !want.Native() {
		t.Errorf("NativeEndian = %v, want %v", format.NativeOrder(), want)
	}
	other := format.LittleEndian + format.BigEndian - want
	if other.Native() {
		t.Errorf("%v.Native() = true", other)
	}
}

func TestErrorsIs(t *testing.T) {
	sentinels := map[string]error{
		"ErrSyntax": format.ErrSyntax, "ErrUnsupported": format.ErrUnsupported, "ErrTooLarge": format.ErrTooLarge,
		"ErrSize": format.ErrSize, "ErrRange": format.ErrRange, "ErrType": format.ErrType, "ErrCount": format.ErrCount,
	}
	get := func(_ any, err error) error { return err }
	var r format.Reader
	cases := []struct {
		name string
		err  error
		want []string
	}{
		{"syntax", get(format.Parse("hz")), []string{"ErrSyntax"}},
		{"unsupported code at parse", get(format.Parse("t")), []string{"ErrSyntax", "ErrUnsupported"}},
		{"too large", get(format.Parse("99999999999999999999h")), []string{"ErrSyntax", "ErrTooLarge"}},
		{"zero-size bound", get(format.Parse("(100000)0s")), []string{"ErrSyntax", "ErrTooLarge"}},
		{"unsupported pack", get(format.MustParse("O").Pack(1)), []string{"ErrUnsupported"}},
		{"unsupported unpack", get(format.MustParse("O").Unpack(make([]byte, 8))), []string{"ErrUnsupported"}},
		{"size unpack", get(format.MustParse("h").Unpack([]byte{1})), []string{"ErrSize"}},
		{"size packinto", format.MustParse("h").PackInto(nil, 1), []string{"ErrSize"}},
		{"size padded", get(format.MustParse("h").Padded(1)), []string{"ErrSize"}},
		{"size reader", get(r.Bytes(-1)), []string{"ErrSize"}},
		{"range pack", get(format.MustParse("b").Pack(200)), []string{"ErrRange"}},
		{"range unpackto", format.MustParse("h").UnpackTo([]byte{0, 1}, new(int8)), []string{"ErrRange"}},
		{"range e", get(format.MustParse("e").Pack(1e6)), []string{"ErrRange"}},
		{"type pack", get(format.MustParse("i").Pack("x")), []string{"ErrType"}},
		{"type unpackto", format.MustParse("i").UnpackTo(make([]byte, 4), new(string)), []string{"ErrType"}},
		{"count pack", get(format.MustParse("hh").Pack(1)), []string{"ErrCount"}},
		{"count unpackto", format.MustParse("hh").UnpackTo(make([]byte, 4), new(int)), []string{"ErrCount"}},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if c.err.Error() == "" {
			t.Errorf("%s: empty message", c.name)
		}
		for name, s := range sentinels {
			want := false
			for _, w := range c.want {
				want = want || w == name
			}
			if got := errors.Is(c.err, s); got != want {
				t.Errorf("%s: errors.Is(%q, %s) = %v, want %v", c.name, c.err, name, got, want)
			}
		}
	}
	ve := &format.ValueError{Index: 3, Code: "h", Msg: "boom", Err: format.ErrRange}
	if ve.Error() != "format: value 3 ('h'): boom" || ve.Unwrap() != format.ErrRange {
		t.Errorf("ValueError.Error() = %q", ve.Error())
	}
	for _, c := range []struct {
		ve   format.ValueError
		want string
	}{
		{format.ValueError{Index: 2, Msg: "m"}, "format: value 2: m"},
		{format.ValueError{Index: -1, Code: "d", Msg: "m"}, "format: 'd': m"},
		{format.ValueError{Index: -1, Msg: "m"}, "format: m"},
	} {
		if got := c.ve.Error(); got != c.want {
			t.Errorf("ValueError.Error() = %q, want %q", got, c.want)
		}
	}
	se := &format.SyntaxError{Format: "hz", Pos: 1, Msg: "bad char in struct format", Err: format.ErrUnsupported}
	if !errors.Is(se, format.ErrSyntax) || !errors.Is(se, format.ErrUnsupported) || errors.Is(se, format.ErrRange) {
		t.Errorf("SyntaxError does not match ErrSyntax and its Err")
	}
	if se.Error() != `format "hz": bad char in struct format at position 1` {
		t.Errorf("SyntaxError.Error() = %q", se.Error())
	}
}

// ---------------------------------------------------------------- allocations

func TestAllocations(t *testing.T) {
	f := mustParse(t, "<IId")
	rec := mustParse(t, "T{<i:x:>d:y:(2,3)Zf:z:}")
	var a, b uint32 = 70000, 1 << 30
	c := 2.5
	buf := make([]byte, 0, 64)
	item := make([]byte, f.Size())
	if _, err := f.AppendPack(buf, a, b, c); err != nil {
		t.Fatal(err)
	}
	var ua, ub uint32
	var ud float64
	fa, fb, fc := f.Field(0), f.Field(2), f.Field(1)
	checks := []struct {
		name string
		fn   func()
	}{
		{"Parse cached", func() { _, _ = format.Parse("<IId") }},
		{"Parse cached record", func() { _, _ = format.Parse("T{<i:x:>d:y:(2,3)Zf:z:}") }},
		{"ParseStruct cached", func() { _, _ = format.ParseStruct("<IId") }},
		{"AppendPack", func() { buf, _ = f.AppendPack(buf[:0], a, b, c) }},
		{"PackInto", func() { _ = f.PackInto(item, a, b, c) }},
		{"UnpackTo", func() { _ = f.UnpackTo(item, &ua, &ub, &ud) }},
		{"Field.Uint", func() { ua = uint32(fa.Uint(item, 0)) }},
		{"Field.Int", func() { ua = uint32(fc.Int(item, 0)) }},
		{"Field.Float", func() { ud = fb.Float(item, 0) }},
		{"Field.SetUint", func() { _ = fa.SetUint(item, 0, 12345678) }},
		{"Field.SetInt", func() { _ = fc.SetInt(item, 0, 1234567) }},
		{"Field.SetFloat", func() { _ = fb.SetFloat(item, 0, 3.25) }},
		{"Format.Field", func() { fa = f.Field(0) }},
		{"Scalar", func() { _, _ = f.Scalar() }},
		{"Record field access", func() { _ = rec.Field(0).Record.NumFields() }},
	}
	for _, ch := range checks {
		if n := testing.AllocsPerRun(200, ch.fn); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", ch.name, n)
		}
	}
	if ua != 12345678 && ua != 1234567 && ua != 70000 {
		t.Logf("ua %d", ua) // keep the results live
	}
}

// ---------------------------------------------------------------- concurrency

func TestConcurrentParse(t *testing.T) {
	var formats []string
	for i := 0; i < 400; i++ {
		switch i % 4 {
		case 0:
			formats = append(formats, fmt.Sprintf("<%dh%di", i%7, i))
		case 1:
			formats = append(formats, fmt.Sprintf("T{b:a:(%d)d:b:}", i+1))
		case 2:
			formats = append(formats, fmt.Sprintf("@b%dsq", i))
		default:
			formats = append(formats, fmt.Sprintf(">%dxZd", i))
		}
	}
	want := make(map[string]int, len(formats))
	for _, s := range formats {
		f, err := format.ParseUncached(s)
		if err != nil {
			t.Fatalf("ParseUncached(%q): %v", s, err)
		}
		want[s] = f.Size()
	}
	shared := mustParse(t, "<hd")
	var wg sync.WaitGroup
	for g := 0; g < 32; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 2*len(formats); k++ {
				s := formats[(g*37+k)%len(formats)]
				f, err := format.Parse(s)
				if err != nil {
					t.Errorf("Parse(%q): %v", s, err)
					return
				}
				if f.Size() != want[s] || f.String() != s {
					t.Errorf("Parse(%q): size %d, string %q; want %d", s, f.Size(), f.String(), want[s])
					return
				}
				if g%4 == 0 {
					// Distinct strings force the cache to be emptied now and then.
					if _, err := format.ParseStruct(fmt.Sprintf("%dx%dh", g, k)); err != nil {
						t.Errorf("ParseStruct: %v", err)
						return
					}
				}
				b, err := shared.Pack(k, float64(g))
				if err != nil {
					t.Errorf("Pack: %v", err)
					return
				}
				var h int16
				var d float64
				if err := shared.UnpackTo(b, &h, &d); err != nil || int(h) != int(int16(k)) || d != float64(g) {
					t.Errorf("UnpackTo = %d %v, %v", h, d, err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

// TestNoPanics feeds random format strings to Parse, Unpack and Pack: none
// may panic, and packing the values unpacked from zero bytes gives the
// zero bytes back.
func TestNoPanics(t *testing.T) {
	const alphabet = "T{}():,0123 <>@=!^xcbB?hHiIlLqQnNefdspPZOgtuw&X"
	seed := uint64(12345)
	next := func(n int) int {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(n))
	}
	parsed := 0
	for iter := 0; iter < 20000; iter++ {
		var sb strings.Builder
		for n := 1 + next(14); n > 0; n-- {
			sb.WriteByte(alphabet[next(len(alphabet))])
		}
		s := sb.String()
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("format %q: panic %v", s, r)
				}
			}()
			_, _ = format.ParseStruct(s)
			f, err := format.Parse(s)
			if err != nil || f.Size() > 1<<16 {
				return
			}
			parsed++
			zero := make([]byte, f.Size())
			vals, err := f.Unpack(zero)
			if err != nil {
				if !errors.Is(err, format.ErrUnsupported) {
					t.Errorf("format %q: Unpack of zeros: %v", s, err)
				}
				return
			}
			b, err := f.Pack(vals...)
			if err != nil || !bytes.Equal(b, zero) {
				t.Errorf("format %q: Pack(Unpack(zeros)) = % x, %v", s, b, err)
			}
			ones := make([]any, f.NumValues())
			for i := range ones {
				ones[i] = 1
			}
			_, _ = f.Pack(ones...)
			_, _ = f.Pack()
			_, _ = f.Unpack(zero[:len(zero)/2])
		}()
	}
	if parsed < 1000 {
		t.Errorf("only %d random formats parsed; the generator is too strict", parsed)
	}
}

// TestVoidFields: a named x is NumPy's void field, raw bytes with a value;
// an unnamed x stays padding.
func TestVoidFields(t *testing.T) {
	f, err := format.Parse("T{<i:a:3x:v:x(2)2x:w:}")
	if err != nil {
		t.Fatal(err)
	}
	rec := f.Field(0).Record
	v, _, ok := rec.FieldByName("v")
	if !ok || v.Kind != format.Void || v.Size != 3 || v.Count != 1 || v.Offset != 4 {
		t.Fatalf("field v = %+v, want a 3-byte void at 4", v)
	}
	w, _, _ := rec.FieldByName("w")
	if w.Kind != format.Void || w.Size != 2 || w.Count != 2 || len(w.Shape) != 1 || w.Offset != 8 {
		t.Fatalf("field w = %+v, want (2) of 2-byte voids at 8", w)
	}
	b, err := f.Pack([]any{int32(1), []byte("xyz"), []any{"ab", []byte{9}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "01000000" + "78797a" + "00" + "6162" + "0900"; fmt.Sprintf("%x", b) != want {
		t.Fatalf("Pack = %x, want %s", b, want)
	}
	vals, err := f.Unpack(b)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%q", vals)
	if want := `[['\x01' "xyz" ["ab" "\t\x00"]]]`; got != want {
		t.Fatalf("Unpack = %s, want %s", got, want)
	}
	if got := string(v.Bytes(b, 0)); got != "xyz" {
		t.Fatalf("Bytes = %q", got)
	}
}

// TestBoolAsInteger: struct packs Python's True and False into integer and
// float codes as 1 and 0.
func TestBoolAsInteger(t *testing.T) {
	for _, c := range []struct {
		format string
		want   string
	}{{"B", "01"}, {"<q", "0100000000000000"}, {"<d", "000000000000f03f"}, {"<e", "003c"}, {"<Zf", "0000803f00000000"}} {
		b, err := format.MustParse(c.format).Pack(true)
		if err != nil || fmt.Sprintf("%x", b) != c.want {
			t.Errorf("Pack(%q, true) = %x, %v; want %s", c.format, b, err, c.want)
		}
	}
}

// TestHalfNaNBits: unpacking a half NaN gives CPython's NaN bits, sign kept.
func TestHalfNaNBits(t *testing.T) {
	for _, c := range []struct {
		in   []byte
		want uint64
	}{{[]byte{0x00, 0x7e}, 0x7ff8000000000000}, {[]byte{0x01, 0x7c}, 0x7ff8000000000000}, {[]byte{0x00, 0xfe}, 0xfff8000000000000}} {
		v, err := format.MustParse("<e").Unpack(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := math.Float64bits(v[0].(float64)); got != c.want {
			t.Errorf("Unpack(<e, %x) bits %#x, want %#x", c.in, got, c.want)
		}
	}
}

// TestPackRefusesBeforeAllocating: a wrong value count or an item beyond
// MaxPackSize is an error, not an allocation.
func TestPackRefusesBeforeAllocating(t *testing.T) {
	for _, s := range []string{"1000000000000000000q", "9223372036854775807x", "(1000000000,1000000000)i"} {
		f, err := format.Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q): %v", s, err)
		}
		if _, err := f.Pack(); err == nil {
			t.Errorf("%q: Pack() succeeded", s)
		}
		if _, err := f.AppendPack(nil); err == nil {
			t.Errorf("%q: AppendPack() succeeded", s)
		}
	}
	f := format.MustParse("3000000000x")
	if _, err := f.Pack(); !errors.Is(err, format.ErrTooLarge) {
		t.Errorf("Pack of a 3 GB item: %v, want ErrTooLarge", err)
	}
	big := make([]byte, 0)
	if _, err := format.MustParse("(1000000000)T{x}").AppendPack(big, 1, 2); !errors.Is(err, format.ErrCount) {
		t.Errorf("AppendPack with the wrong count: %v, want ErrCount", err)
	}
}

// TestExactWidthAccessors: each exact-width accessor reads its own kind in
// either byte order and panics on any other kind or index.
func TestExactWidthAccessors(t *testing.T) {
	f := format.MustParse("<b B h H i I q Q f d >b B h H i I q Q f d")
	vals := []any{-1, 200, -300, 60000, -70000, 4000000000, int64(-5) << 40, uint64(1) << 63, 1.5, -2.25}
	vals = append(vals, vals...)
	rec, err := f.Pack(vals...)
	if err != nil {
		t.Fatal(err)
	}
	for half := 0; half < 2; half++ {
		fl := func(i int) *format.Field { x := f.Field(half*10 + i); return &x }
		got := []any{fl(0).Int8(rec, 0), fl(1).Uint8(rec, 0), fl(2).Int16(rec, 0), fl(3).Uint16(rec, 0),
			fl(4).Int32(rec, 0), fl(5).Uint32(rec, 0), fl(6).Int64(rec, 0), fl(7).Uint64(rec, 0),
			fl(8).Float32(rec, 0), fl(9).Float64(rec, 0)}
		want := []any{int8(-1), uint8(200), int16(-300), uint16(60000), int32(-70000), uint32(4000000000),
			int64(-5) << 40, uint64(1) << 63, float32(1.5), -2.25}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("order %d: got %v, want %v", half, got, want)
		}
	}
	mustPanic := func(name string, fn func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s did not panic", name)
			}
		}()
		fn()
	}
	i32, u32 := f.Field(4), f.Field(5)
	mustPanic("Uint32 on an i field", func() { i32.Uint32(rec, 0) })
	mustPanic("Int32 index 1", func() { i32.Int32(rec, 1) })
	mustPanic("Float64 on an I field", func() { u32.Float64(rec, 0) })
	mustPanic("Int32 on a short record", func() { i32.Int32(rec[:5], 0) })
	if n := testing.AllocsPerRun(100, func() { _ = i32.Int32(rec, 0) + int32(u32.Uint32(rec, 0)) }); n != 0 {
		t.Errorf("exact-width accessors allocate %v times", n)
	}
}

// TestNamedTypes: Pack and UnpackTo take values and pointers of named
// types with a numeric, bool, string or []byte underlying type.
func TestNamedTypes(t *testing.T) {
	type ID int32
	type Price float64
	type Flag bool
	type Tag string
	type Blob []byte
	type C complex128
	f := format.MustParse("<i d ? 3s 2s Zd")
	b, err := f.Pack(ID(-7), Price(2.5), Flag(true), Tag("ab"), Blob("xy"), C(1+2i))
	if err != nil {
		t.Fatal(err)
	}
	var (
		id ID
		pr Price
		fl Flag
		tg Tag
		bl Blob
		c  C
	)
	if err := f.UnpackTo(b, &id, &pr, &fl, &tg, &bl, &c); err != nil {
		t.Fatal(err)
	}
	if id != -7 || pr != 2.5 || !fl || tg != "ab\x00" || string(bl) != "xy" || c != 1+2i {
		t.Errorf("UnpackTo = %v %v %v %q %q %v", id, pr, fl, tg, bl, c)
	}
	type Small int8
	var sm Small
	if err := format.MustParse("<h").UnpackTo([]byte{0x2c, 0x01}, &sm); !errors.Is(err, format.ErrRange) {
		t.Errorf("300 into a named int8: %v, want ErrRange", err)
	}
	type U8 uint8
	var u U8
	if err := format.MustParse("<b").UnpackTo([]byte{0xff}, &u); !errors.Is(err, format.ErrRange) {
		t.Errorf("-1 into a named uint8: %v, want ErrRange", err)
	}
}

// TestUnpackToNilPointer: a nil pointer is ErrType, not a panic.
func TestUnpackToNilPointer(t *testing.T) {
	type ID int32
	cases := []struct {
		s string
		p any
	}{{"<i", (*int32)(nil)}, {"<i", (*float64)(nil)}, {"<d", (*float64)(nil)}, {"?", (*bool)(nil)},
		{"3s", (*[]byte)(nil)}, {"3s", (*string)(nil)}, {"<i", (*any)(nil)}, {"<i", (*ID)(nil)},
		{"Zd", (*complex128)(nil)}, {"<i", nil}}
	for _, c := range cases {
		f := format.MustParse(c.s)
		if err := f.UnpackTo(make([]byte, f.Size()), c.p); !errors.Is(err, format.ErrType) {
			t.Errorf("UnpackTo(%q, %T(nil)): %v, want ErrType", c.s, c.p, err)
		}
	}
}

// TestPutSetters: the exact-width setters write the field's byte order and
// agree with the getters.
func TestPutSetters(t *testing.T) {
	for _, prefix := range []string{"<", ">"} {
		f := format.MustParse(prefix + "bBhHiIqQfd")
		rec := make([]byte, f.Size())
		fl := func(i int) *format.Field { x := f.Field(i); return &x }
		fl(0).PutInt8(rec, 0, -2)
		fl(1).PutUint8(rec, 0, 250)
		fl(2).PutInt16(rec, 0, -300)
		fl(3).PutUint16(rec, 0, 65000)
		fl(4).PutInt32(rec, 0, -1<<31)
		fl(5).PutUint32(rec, 0, 1<<32-1)
		fl(6).PutInt64(rec, 0, -1<<63)
		fl(7).PutUint64(rec, 0, 1<<64-1)
		fl(8).PutFloat32(rec, 0, -0.5)
		fl(9).PutFloat64(rec, 0, math.Inf(-1))
		got, err := f.Unpack(rec)
		if err != nil {
			t.Fatal(err)
		}
		want := []any{int64(-2), uint64(250), int64(-300), uint64(65000), int64(-1 << 31), uint64(1<<32 - 1),
			int64(-1 << 63), uint64(1<<64 - 1), -0.5, math.Inf(-1)}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Unpack after Put = %v, want %v", prefix, got, want)
		}
		mustPanic(t, "PutInt16 on a uint16 field", func() { fl(3).PutInt16(rec, 0, 1) })
		mustPanic(t, "PutFloat64 index 1", func() { fl(9).PutFloat64(rec, 1, 1) })
		f9, f4 := fl(9), fl(4)
		if n := testing.AllocsPerRun(50, func() { f9.PutFloat64(rec, 0, 1); f4.PutInt32(rec, 0, 3) }); n != 0 {
			t.Errorf("Put setters allocate %v times", n)
		}
	}
}

// TestRepeatedRecordPaddingZeroed: packing repeated '@' records writes the
// padding that spaces them as zeros, whatever dst held.
func TestRepeatedRecordPaddingZeroed(t *testing.T) {
	for _, s := range []string{"2T{d:a:i:b:}", "T{(2)T{d:a:i:b:}:r:}"} {
		f := format.MustParse(s)
		var vals []any
		if f.NumValues() == 2 {
			vals = []any{[]any{1.0, 2}, []any{3.0, 4}}
		} else {
			vals = []any{[]any{[]any{[]any{1.0, 2}, []any{3.0, 4}}}}
		}
		dirty := bytes.Repeat([]byte{0xee}, f.Size()+8)
		if err := f.PackInto(dirty, vals...); err != nil {
			t.Fatal(err)
		}
		clean, err := f.Pack(vals...)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(dirty[:f.Size()], clean) || bytes.Contains(clean, []byte{0xee}) {
			t.Errorf("%s: PackInto into dirty memory = %x, Pack = %x", s, dirty[:f.Size()], clean)
		}
		app, err := f.AppendPack(dirty[:0], vals...)
		if err != nil || !bytes.Equal(app, clean) {
			t.Errorf("%s: AppendPack over dirty capacity = %x, %v", s, app, err)
		}
	}
}

// TestUnicodeCounts: NumPy writes a string of n UCS-4 characters as "nw":
// the count is the length of one value, as for s.
func TestUnicodeCounts(t *testing.T) {
	f := format.MustParse("3w")
	if f.Size() != 12 || f.NumValues() != 1 {
		t.Errorf("3w: size %d values %d, want 12 1", f.Size(), f.NumValues())
	}
	if _, ok := f.Scalar(); !ok {
		t.Errorf("3w is not a scalar")
	}
	r := format.MustParse("T{<i:a:(2)5w:s:}").Field(0).Record
	s, _, _ := r.FieldByName("s")
	if s.Size != 20 || s.Count != 2 || s.Offset != 4 || s.Kind != format.Opaque {
		t.Errorf("(2)5w field = %+v", s)
	}
	if _, err := f.Unpack(make([]byte, 12)); !errors.Is(err, format.ErrUnsupported) {
		t.Errorf("Unpack of w: %v, want ErrUnsupported", err)
	}
	if g := format.MustParse("2O"); g.NumValues() != 2 || g.Size() != 16 {
		t.Errorf("2O: values %d size %d, want 2 16 (O repeats)", g.NumValues(), g.Size())
	}
}

// TestFormatEqual: layouts compare equal whatever their spelling.
func TestFormatEqual(t *testing.T) {
	eq := [][2]string{{"<i", "<1i"}, {"T{i:a:}", "T{1i:a:}"}, {"<q", "<Q"[:1] + "q"}, {"(2,3)d", "( 2, 3 )d"}}
	ne := [][2]string{{"<i", ">i"}, {"<i", "<I"}, {"T{i:a:}", "T{i:b:}"}, {"(2)h", "2h"}, {"@ci", "=ci"},
		{"<2h", "<hh"}}
	if format.NativeOrder() == format.LittleEndian {
		eq = append(eq, [2]string{"=q", "<q"})
	}
	for _, p := range eq {
		if !format.MustParse(p[0]).Equal(format.MustParse(p[1])) {
			t.Errorf("%q and %q are not Equal", p[0], p[1])
		}
	}
	for _, p := range ne {
		if format.MustParse(p[0]).Equal(format.MustParse(p[1])) {
			t.Errorf("%q and %q are Equal", p[0], p[1])
		}
	}
	f := format.MustParse("<d")
	g, _ := f.Padded(16)
	if f.Equal(g) {
		t.Errorf("a Padded format equals the original")
	}
}

// TestEqualCodesAndRegimes: Equal tells apart layouts that read alike but
// carry different data (O and w) or pack differently (f with and without
// standard sizes).
func TestEqualCodesAndRegimes(t *testing.T) {
	for _, p := range [][2]string{{"<O", "<2w"}, {"<w", "<2u"}, {"T{<O:a:}", "T{<2w:a:}"}, {"^f", "<f"}, {"^Zf", "<Zf"}} {
		if format.MustParse(p[0]).Equal(format.MustParse(p[1])) {
			t.Errorf("%q and %q are Equal", p[0], p[1])
		}
	}
	if format.NativeOrder() == format.LittleEndian && !format.MustParse("^q").Equal(format.MustParse("<q")) {
		t.Errorf(`"^q" and "<q" are not Equal`)
	}
}

// TestHandBuiltFieldOrder: a Field built by hand with no Order reads and
// writes little-endian everywhere, so what a setter stores reads back.
func TestHandBuiltFieldOrder(t *testing.T) {
	fl := format.Field{Kind: format.Int16, Code: "h", Size: 2, Count: 1}
	rec := make([]byte, 2)
	if err := fl.SetInt(rec, 0, 1); err != nil {
		t.Fatal(err)
	}
	if rec[0] != 1 || fl.Int(rec, 0) != 1 || fl.Int16(rec, 0) != 1 {
		t.Errorf("SetInt(1) stored %x; Int reads %d, Int16 %d", rec, fl.Int(rec, 0), fl.Int16(rec, 0))
	}
	fl.PutInt16(rec, 0, 2)
	if fl.Int(rec, 0) != 2 {
		t.Errorf("PutInt16(2) stored %x; Int reads %d", rec, fl.Int(rec, 0))
	}
}

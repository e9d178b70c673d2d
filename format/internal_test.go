package format

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"strings"
	"testing"
)

// refHalf rounds x to binary16 with big.Float (ties to even), independently
// of float16bits.
func refHalf(x float64) (uint16, bool) {
	var sign uint16
	if math.Signbit(x) {
		sign = 0x8000
	}
	a := math.Abs(x)
	switch {
	case math.IsNaN(x):
		return sign | 0x7e00, true
	case math.IsInf(x, 0):
		return sign | 0x7c00, true
	case a < 0x1p-14:
		// Subnormal range: multiples of 2^-24. The scaling is exact.
		m := new(big.Float).SetFloat64(a * 0x1p24)
		i, _ := m.Int(nil) // truncates
		frac := new(big.Float).Sub(m, new(big.Float).SetInt(i))
		switch c := frac.Cmp(big.NewFloat(0.5)); {
		case c > 0, c == 0 && i.Bit(0) == 1:
			i.Add(i, big.NewInt(1))
		}
		return sign | uint16(i.Uint64()), true // 1024 encodes the smallest normal
	}
	r := new(big.Float).SetPrec(11).SetMode(big.ToNearestEven).SetFloat64(a)
	if r.Cmp(big.NewFloat(65536)) >= 0 {
		return 0, false
	}
	mant := new(big.Float)
	exp := r.MantExp(mant) // r = mant * 2^exp, mant in [0.5, 1)
	m, _ := mant.Float64()
	e := exp - 1 // r in [2^e, 2^(e+1))
	bits := uint16((m*2 - 1) * 1024)
	return sign | uint16(e+15)<<10 | bits, true
}

func TestFloat16bitsSpotValues(t *testing.T) {
	cases := []struct {
		x  float64
		h  uint16
		ok bool
	}{
		{0x1ffdffffff * 0x1p-26, 0x67ff, true},
		{1 + 0x1p-11, 0x3c00, true},
		{1.00146484375, 0x3c02, true},
		{65519, 0x7bff, true},
		{65520, 0, false},
		{-65520, 0, false},
		{0x1p-25, 0x0000, true},
		{0x1p-25 + 0x1p-35, 0x0001, true},
		{0x1p-14 - 0x1p-25, 0x0400, true},
		{math.NaN(), 0x7e00, true},
		{math.Copysign(math.NaN(), -1), 0xfe00, true},
		{math.Copysign(0, -1), 0x8000, true},
		{math.Inf(1), 0x7c00, true},
		{math.Inf(-1), 0xfc00, true},
		{2047.4999999999998, 0x67ff, true},
		{math.SmallestNonzeroFloat64, 0, true},
		{0x1p-60, 0, true},
		{0x1p-80, 0, true},
		{1e300, 0, false},
	}
	for _, c := range cases {
		h, ok := float16bits(c.x)
		if h != c.h || ok != c.ok {
			t.Errorf("float16bits(%v) = %04x, %v; want %04x, %v", c.x, h, ok, c.h, c.ok)
		}
		rh, rok := refHalf(c.x)
		if rh != c.h || rok != c.ok {
			t.Errorf("reference(%v) = %04x, %v; want %04x, %v (the reference is wrong)", c.x, rh, rok, c.h, c.ok)
		}
	}
}

func TestFloat16bitsMatchesBigFloat(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	n := 300000
	if testing.Short() {
		n = 30000
	}
	check := func(x float64) {
		h, ok := float16bits(x)
		rh, rok := refHalf(x)
		if ok != rok || ok && h != rh {
			t.Fatalf("float16bits(%v = %016x) = %04x, %v; big.Float says %04x, %v",
				x, math.Float64bits(x), h, ok, rh, rok)
		}
	}
	for i := 0; i < n; i++ {
		sign := 1.0
		if rng.Intn(2) == 0 {
			sign = -1
		}
		switch i % 4 {
		case 0:
			// Any float64 bits at all.
			check(math.Float64frombits(rng.Uint64()))
		case 1:
			// Uniform over the binades around half's range.
			e := rng.Intn(48) - 30 // 2^-30 .. 2^17
			m := 1 + float64(rng.Uint64()>>12)*0x1p-52
			check(sign * math.Ldexp(m, e))
		default:
			// Near a rounding boundary: the midpoint between two
			// neighbouring halves, exactly or off by a few float64 ulps.
			hb := uint16(rng.Intn(0x7c00))
			lo := float16val(hb)
			var ulp float64
			if hb>>10 == 0 {
				ulp = 0x1p-24
			} else {
				ulp = math.Ldexp(1, int(hb>>10)-25)
			}
			mid := lo + ulp/2
			switch rng.Intn(3) {
			case 0:
				check(sign * mid)
			case 1:
				check(sign * math.Nextafter(mid, math.Inf(1)))
			default:
				check(sign * math.Nextafter(mid, 0))
			}
		}
	}
}

func TestFloat16RoundTripAllInternal(t *testing.T) {
	for i := 0; i < 1<<16; i++ {
		h := uint16(i)
		x := float16val(h)
		if h&0x7c00 == 0x7c00 && h&0x3ff != 0 {
			if !math.IsNaN(x) || math.Signbit(x) != (h&0x8000 != 0) {
				t.Fatalf("float16val(%04x) = %v, want NaN with the sign", h, x)
			}
			if got, ok := float16bits(x); !ok || got != h&0x8000|0x7e00 {
				t.Fatalf("float16bits(float16val(%04x)) = %04x", h, got)
			}
			continue
		}
		got, ok := float16bits(x)
		if !ok || got != h {
			t.Fatalf("float16bits(float16val(%04x) = %v) = %04x, %v", h, x, got, ok)
		}
		if rh, _ := refHalf(x); rh != h {
			t.Fatalf("reference(%v) = %04x, want %04x", x, rh, h)
		}
	}
}

func cacheSize() int {
	n := 0
	cache.Range(func(any, any) bool { n++; return true })
	return n
}

func cached(s string, strict bool) bool {
	_, ok := cache.Load(cacheKey{s, strict})
	return ok
}

func TestCacheBound(t *testing.T) {
	for i := 0; i < 5000; i++ {
		s := fmt.Sprintf("<%dh", i)
		if _, err := Parse(s); err != nil {
			t.Fatal(err)
		}
		if n := cacheSize(); n > cacheEntries {
			t.Fatalf("after %d formats the cache holds %d entries, bound %d", i+1, n, cacheEntries)
		}
	}
	if n := cacheSize(); n == 0 || n > cacheEntries {
		t.Errorf("cache holds %d entries, want 1..%d", n, cacheEntries)
	}
	// The latest format is still cached: parsing it again gives the same value.
	a, _ := Parse("<4999h")
	b, _ := Parse("<4999h")
	if a != b {
		t.Errorf("recently parsed format not cached")
	}
	// ParseStruct entries count against the same bound.
	for i := 0; i < 3000; i++ {
		if _, err := ParseStruct(fmt.Sprintf("%dx", i)); err != nil {
			t.Fatal(err)
		}
	}
	if n := cacheSize(); n > cacheEntries {
		t.Errorf("cache holds %d entries, bound %d", n, cacheEntries)
	}
}

func TestCacheLongStringsNotCached(t *testing.T) {
	long := strings.Repeat("h", cacheMaxLen+1)
	a, err := Parse(long)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Parse(long)
	if a == b {
		t.Errorf("a format longer than cacheMaxLen was cached")
	}
	if cached(long, false) {
		t.Errorf("long format found in the cache")
	}
	short := strings.Repeat("h", cacheMaxLen)
	c, _ := Parse(short)
	d, _ := Parse(short)
	if c != d {
		t.Errorf("a format of exactly cacheMaxLen bytes was not cached")
	}
	// Errors are not cached.
	if _, err := Parse("hz-not-cached"); err == nil {
		t.Fatal("no error")
	}
	if cached("hz-not-cached", false) {
		t.Errorf("a failed parse was cached")
	}
}

func nested(depth int) string {
	return strings.Repeat("T{", depth) + "b" + strings.Repeat("}", depth)
}

func TestDepthLimit(t *testing.T) {
	if _, err := Parse(nested(maxDepth)); err != nil {
		t.Errorf("%d nested records: %v", maxDepth, err)
	}
	_, err := Parse(nested(maxDepth + 1))
	var se *SyntaxError
	if !errors.As(err, &se) || !errors.Is(err, ErrSyntax) {
		t.Fatalf("%d nested records: %v, want a syntax error", maxDepth+1, err)
	}
	if se.Pos != 2*maxDepth {
		t.Errorf("depth error at %d, want %d (the record that is too deep)", se.Pos, 2*maxDepth)
	}
	if _, err := Parse(nested(70)); err == nil {
		t.Errorf("70 nested records parsed")
	}
	// Depth is per chain, not a total: many sibling records are fine.
	if _, err := Parse("T{" + strings.Repeat(nested(maxDepth-1), 3) + "}"); err != nil {
		t.Errorf("sibling records: %v", err)
	}
}

// TestFreeValueLimit: what Unpack builds beyond the values that occupy
// bytes (containers and zero-size values) is at most 4 per byte of the
// item plus maxFreeValues.
func TestFreeValueLimit(t *testing.T) {
	ok := func(s string) {
		t.Helper()
		if _, err := Parse(s); err != nil {
			t.Errorf("%.60s: %v", s, err)
		}
	}
	tooLarge := func(s string) {
		t.Helper()
		if _, err := Parse(s); !errors.Is(err, ErrTooLarge) || !errors.Is(err, ErrSyntax) {
			t.Errorf("%.60s: %v, want ErrTooLarge", s, err)
		}
	}
	// "(n)0s" builds one []any and n empty strings.
	ok(fmt.Sprintf("(%d)0s", maxFreeValues-1))
	tooLarge(fmt.Sprintf("(%d)0s", maxFreeValues))
	half := maxFreeValues / 2
	ok(fmt.Sprintf("(%d)0s(%d)0s", half-1, half-1))
	tooLarge(fmt.Sprintf("(%d)0s(%d)0s", half, half))
	// Each "T{(2)0s:a:}" builds the record, its sub-array and two strings.
	ok(fmt.Sprintf("(%d)T{(2)0s:a:}", maxFreeValues/4-1))
	tooLarge(fmt.Sprintf("(%d)T{(2)0s:a:}", maxFreeValues/4))
	// Extent-1 dimensions cost nothing in bytes but build a []any each.
	ones := strings.TrimSuffix(strings.Repeat("1,", 64), ",")
	tooLarge("(65536)T{(" + ones + ")0s}")
	tooLarge("(70000" + strings.Repeat(",1", 20) + ")B")
	ok("(100000,1,1,1,1,1)B") // a NumPy sub-array with unit dimensions
	// Values that occupy bytes are paid for by the input.
	ok("(100000,1)B")
	ok("(1000,1000)d")
	// Padding of no bytes is stepped over like a value.
	tooLarge("(65535)T{" + strings.Repeat("0x", 10000) + "}")
	ok("T{" + strings.Repeat("0x", 1000) + "i:a:}")
}

func TestShapeDimsLimit(t *testing.T) {
	dims := func(n int) string { return "(" + strings.TrimSuffix(strings.Repeat("1,", n), ",") + ")h" }
	f, err := Parse(dims(maxShapeDims))
	if err != nil {
		t.Fatalf("%d dimensions: %v", maxShapeDims, err)
	}
	if len(f.Field(0).Shape) != maxShapeDims {
		t.Errorf("shape has %d dims", len(f.Field(0).Shape))
	}
	if _, err := Parse(dims(maxShapeDims + 1)); !errors.Is(err, ErrSyntax) {
		t.Errorf("%d dimensions: %v, want a syntax error", maxShapeDims+1, err)
	}
}

// TestFieldStandard: Standard is set exactly for standard-size prefixes.
func TestFieldStandard(t *testing.T) {
	for s, want := range map[string]bool{"<h": true, ">h": true, "!H": true, "=i": true,
		"@i": false, "i": false, "^q": false} {
		f, err := Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.fields[0].Standard; got != want {
			t.Errorf("%s: Standard %v, want %v", s, got, want)
		}
	}
}

// The front table is direct-mapped: distinct strings share slots, and
// Parse and ParseStruct share strings. Every lookup must still give the
// format of its own string and mode.
func TestCacheFrontSlots(t *testing.T) {
	const n = 3 * frontSize
	for round := range 3 {
		for i := range n {
			s := fmt.Sprintf("%dh", i+1) // "1h", "2h", ...: sizes 2, 4, ...
			f, err := Parse(s)
			if err != nil || f.String() != s || f.Size() != 2*(i+1) {
				t.Fatalf("round %d: Parse(%q) = %v (size %d), %v", round, s, f, f.Size(), err)
			}
			g, err := ParseStruct(s)
			if err != nil || g.String() != s || g == f {
				t.Fatalf("round %d: ParseStruct(%q) = %p, Parse gave %p, %v", round, s, g, f, err)
			}
		}
	}
	// A hit in the table gives the same *Format as the map.
	a, _ := Parse("<3i")
	b, _ := Parse("<3i")
	if a != b || !cached("<3i", false) {
		t.Errorf("repeated Parse gave %p then %p", a, b)
	}
}

package format

import "math"

// float16bits rounds x directly to IEEE 754 binary16, ties to even, as
// CPython's PyFloat_Pack2 does. Going through float32 first would round
// twice and give a different answer for some inputs (2047.4999... is one).
// It reports ok=false when x is finite and its magnitude is 65520 or more,
// which rounds beyond the largest half (65504). NaN becomes the quiet NaN
// 0x7e00 with x's sign; infinities and signed zeros are kept.
func float16bits(x float64) (h uint16, ok bool) {
	b := math.Float64bits(x)
	sign := uint16(b>>48) & 0x8000
	exp := int(b>>52) & 0x7ff
	mant := b & (1<<52 - 1)
	switch {
	case exp == 0x7ff && mant != 0:
		return sign | 0x7e00, true
	case exp == 0x7ff:
		return sign | 0x7c00, true
	case exp == 0:
		// Zero or a double subnormal: far below half's smallest subnormal.
		return sign, true
	}
	e := exp - 1023
	if e >= 16 {
		return 0, false
	}
	sig := mant | 1<<52 // value = sig * 2^(e-52)
	var shift int       // bits of sig to drop
	var base uint16     // the exponent field before rounding
	if e >= -14 {
		// Normal half: 10 mantissa bits, exponent field e+15.
		shift = 42
		base = uint16(e+15) << 10
		sig &^= 1 << 52 // the implicit bit lives in the exponent field
	} else {
		// Subnormal half: value = m * 2^-24.
		shift = 28 - e // 52 - (e + 24)
		if shift > 63 {
			return sign, true // below a quarter of the smallest subnormal
		}
	}
	m := sig >> shift
	rem := sig & (1<<shift - 1)
	half := uint64(1) << (shift - 1)
	if rem > half || (rem == half && m&1 == 1) {
		m++
	}
	// A carry out of the mantissa moves into the exponent field, which is
	// the right encoding (1023+1 -> next binade, 1024 subnormal -> min normal).
	h = base + uint16(m)
	if h >= 0x7c00 {
		return 0, false
	}
	return sign | h, true
}

// float16val converts IEEE 754 binary16 bits to a float64, exactly.
func float16val(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp := int(h>>10) & 0x1f
	mant := float64(h & 0x3ff)
	switch exp {
	case 0:
		return sign * math.Ldexp(mant, -24)
	case 0x1f:
		if mant != 0 {
			// CPython's NaN (quiet, no payload), keeping the sign.
			return math.Copysign(math.Float64frombits(0x7ff8000000000000), sign)
		}
		return math.Inf(int(sign))
	}
	return sign * math.Ldexp(1024+mant, exp-25)
}

// Float16bits rounds x to IEEE 754 binary16, the e format, as struct
// packs it: once, straight from float64, ties to even. ok is false when x
// is finite and rounds beyond the largest half (|x| >= 65520), which
// struct refuses; NaN becomes a quiet NaN with x's sign. It allocates
// nothing; Go has no float16 type, so the result is the bits.
func Float16bits(x float64) (h uint16, ok bool) { return float16bits(x) }

// Float16frombits returns the value of the binary16 bits h as a float64,
// exactly (every half is a float64); a NaN comes back as CPython's quiet
// NaN with h's sign.
func Float16frombits(h uint16) float64 { return float16val(h) }

package cast

import (
	"encoding/binary"
	"math"
	"math/bits"

	"github.com/ndview/ndview/format"
)

// load reads len(w) numbers of c.part bytes from b[off], b[off+step], ...
// into w as bits in the machine's order. It reports whether it also
// widened them (see widen), which it does on the fast path: contiguous,
// aligned lines read as typed slices, integers sign-extended and float32
// converted on the way. Anything else goes through encoding/binary with
// a bounds check per number, and is left for widen.
func load(w []uint64, b []byte, off, step int, c *codec) (widened bool) {
	m := len(w)
	if m == 0 {
		return true
	}
	p := c.part
	if step == p && aligned(b, off, uintptr(p)) {
		swap := p > 1 && c.order != format.NativeOrder()
		signed := c.cls == clsInt
		switch p {
		case 1:
			if signed {
				widenFrom(w, sliceAt[int8](b, off, m))
			} else {
				widenFrom(w, sliceAt[uint8](b, off, m))
			}
			return c.kind != format.Bool
		case 2:
			s := sliceAt[uint16](b, off, m)
			switch {
			case swap && signed:
				for j, x := range s {
					w[j] = uint64(int16(bits.ReverseBytes16(x)))
				}
			case swap:
				for j, x := range s {
					w[j] = uint64(bits.ReverseBytes16(x))
				}
			case signed:
				widenFrom(w, sliceAt[int16](b, off, m))
			default:
				widenFrom(w, s)
			}
			return c.kind != format.Float16
		case 4:
			s := sliceAt[uint32](b, off, m)
			switch {
			case c.cls == clsFloat && swap:
				for j, x := range s {
					w[j] = math.Float64bits(float64(math.Float32frombits(bits.ReverseBytes32(x))))
				}
			case c.cls == clsFloat:
				for j, x := range sliceAt[float32](b, off, m) {
					w[j] = math.Float64bits(float64(x))
				}
			case swap && signed:
				for j, x := range s {
					w[j] = uint64(int32(bits.ReverseBytes32(x)))
				}
			case swap:
				for j, x := range s {
					w[j] = uint64(bits.ReverseBytes32(x))
				}
			case signed:
				widenFrom(w, sliceAt[int32](b, off, m))
			default:
				widenFrom(w, s)
			}
			return true
		case 8:
			s := sliceAt[uint64](b, off, m)
			if swap {
				for j, x := range s {
					w[j] = bits.ReverseBytes64(x)
				}
			} else {
				copy(w, s)
			}
			return true
		}
	}
	// Strided or misaligned: one bounds-checked read per number, with the
	// byte order fixed outside the loop so the reads inline.
	big := c.order == format.BigEndian
	switch {
	case p == 1:
		for j := range w {
			w[j] = uint64(b[off+j*step])
		}
	case p == 2 && big:
		for j := range w {
			w[j] = uint64(binary.BigEndian.Uint16(b[off+j*step:]))
		}
	case p == 2:
		for j := range w {
			w[j] = uint64(binary.LittleEndian.Uint16(b[off+j*step:]))
		}
	case p == 4 && big:
		for j := range w {
			w[j] = uint64(binary.BigEndian.Uint32(b[off+j*step:]))
		}
	case p == 4:
		for j := range w {
			w[j] = uint64(binary.LittleEndian.Uint32(b[off+j*step:]))
		}
	case p == 8 && big:
		for j := range w {
			w[j] = binary.BigEndian.Uint64(b[off+j*step:])
		}
	default:
		for j := range w {
			w[j] = binary.LittleEndian.Uint64(b[off+j*step:])
		}
	}
	return false
}

// widenFrom copies s into w, sign-extending signed numbers (a Go
// conversion from a signed integer to uint64 does).
func widenFrom[U int8 | uint8 | int16 | uint16 | int32 | uint32](w []uint64, s []U) {
	w = w[:len(s)]
	for j, x := range s {
		w[j] = uint64(x)
	}
}

// store writes the low c.part bytes of each of w's numbers to b[off],
// b[off+step], ... in c's byte order: load in reverse.
func store(b []byte, off, step int, w []uint64, c *codec) {
	m := len(w)
	if m == 0 {
		return
	}
	p := c.part
	if step == p && aligned(b, off, uintptr(p)) {
		swap := p > 1 && c.order != format.NativeOrder()
		switch p {
		case 1:
			narrowTo(sliceAt[uint8](b, off, m), w)
		case 2:
			s := sliceAt[uint16](b, off, m)
			if swap {
				for j, x := range w {
					s[j] = bits.ReverseBytes16(uint16(x))
				}
			} else {
				narrowTo(s, w)
			}
		case 4:
			s := sliceAt[uint32](b, off, m)
			if swap {
				for j, x := range w {
					s[j] = bits.ReverseBytes32(uint32(x))
				}
			} else {
				narrowTo(s, w)
			}
		case 8:
			s := sliceAt[uint64](b, off, m)
			if swap {
				for j, x := range w {
					s[j] = bits.ReverseBytes64(x)
				}
			} else {
				copy(s, w)
			}
		}
		return
	}
	big := c.order == format.BigEndian
	switch {
	case p == 1:
		for j, x := range w {
			b[off+j*step] = byte(x)
		}
	case p == 2 && big:
		for j, x := range w {
			binary.BigEndian.PutUint16(b[off+j*step:], uint16(x))
		}
	case p == 2:
		for j, x := range w {
			binary.LittleEndian.PutUint16(b[off+j*step:], uint16(x))
		}
	case p == 4 && big:
		for j, x := range w {
			binary.BigEndian.PutUint32(b[off+j*step:], uint32(x))
		}
	case p == 4:
		for j, x := range w {
			binary.LittleEndian.PutUint32(b[off+j*step:], uint32(x))
		}
	case p == 8 && big:
		for j, x := range w {
			binary.BigEndian.PutUint64(b[off+j*step:], x)
		}
	default:
		for j, x := range w {
			binary.LittleEndian.PutUint64(b[off+j*step:], x)
		}
	}
}

func narrowTo[U uint8 | uint16 | uint32](s []U, w []uint64) {
	s = s[:len(w)]
	for j, x := range w {
		s[j] = U(x)
	}
}

// toFloat64Line converts a whole contiguous, aligned line of n real
// numbers described by c, at b[off], into out, a native float64 line,
// in one pass: the commonest conversion, done without the chunk buffer
// (no value can be out of range for d). It reports false, doing nothing,
// for the kinds it leaves to the general path (e and ?).
func toFloat64Line(out []float64, b []byte, off, n int, c *codec) bool {
	swap := c.part > 1 && c.order != format.NativeOrder()
	switch c.kind {
	case format.Int8:
		numsToFloat64(out, sliceAt[int8](b, off, n))
	case format.Uint8:
		numsToFloat64(out, sliceAt[uint8](b, off, n))
	case format.Int16:
		if s := sliceAt[uint16](b, off, n); swap {
			for j, x := range s {
				out[j] = float64(int16(bits.ReverseBytes16(x)))
			}
		} else {
			numsToFloat64(out, sliceAt[int16](b, off, n))
		}
	case format.Uint16:
		if s := sliceAt[uint16](b, off, n); swap {
			for j, x := range s {
				out[j] = float64(bits.ReverseBytes16(x))
			}
		} else {
			numsToFloat64(out, s)
		}
	case format.Int32:
		if s := sliceAt[uint32](b, off, n); swap {
			for j, x := range s {
				out[j] = float64(int32(bits.ReverseBytes32(x)))
			}
		} else {
			numsToFloat64(out, sliceAt[int32](b, off, n))
		}
	case format.Uint32:
		if s := sliceAt[uint32](b, off, n); swap {
			for j, x := range s {
				out[j] = float64(bits.ReverseBytes32(x))
			}
		} else {
			numsToFloat64(out, s)
		}
	case format.Float32:
		if s := sliceAt[uint32](b, off, n); swap {
			for j, x := range s {
				out[j] = float64(math.Float32frombits(bits.ReverseBytes32(x)))
			}
		} else {
			numsToFloat64(out, sliceAt[float32](b, off, n))
		}
	case format.Int64:
		if s := sliceAt[uint64](b, off, n); swap {
			for j, x := range s {
				out[j] = float64(int64(bits.ReverseBytes64(x)))
			}
		} else {
			numsToFloat64(out, sliceAt[int64](b, off, n))
		}
	case format.Uint64:
		if s := sliceAt[uint64](b, off, n); swap {
			for j, x := range s {
				out[j] = float64(bits.ReverseBytes64(x))
			}
		} else {
			numsToFloat64(out, s)
		}
	case format.Float64:
		if s := sliceAt[uint64](b, off, n); swap {
			for j, x := range s {
				out[j] = math.Float64frombits(bits.ReverseBytes64(x))
			}
		} else {
			copy(out, sliceAt[float64](b, off, n))
		}
	default:
		return false
	}
	return true
}

func numsToFloat64[N int8 | uint8 | int16 | uint16 | int32 | uint32 | int64 | uint64 | float32](out []float64, s []N) {
	out = out[:len(s)]
	for j, x := range s {
		out[j] = float64(x)
	}
}

// fromFloat64Line converts a whole contiguous, aligned line of n native
// float64 at b[off] into a contiguous, aligned, native line of dst's
// integers at db[doff], in one pass with the range check of toInt and
// toUint. It returns the position of the first value that does not fit
// (the ones before it are stored), or -1, and ok=false, doing nothing,
// for destinations it leaves to the general path (64-bit unsigned, P).
func fromFloat64Line(db []byte, doff int, b []byte, off, n int, dst *codec) (bad int, ok bool) {
	s := sliceAt[float64](b, off, n)
	switch dst.kind {
	case format.Int8:
		return floatsToInts(sliceAt[int8](db, doff, n), s), true
	case format.Int16:
		return floatsToInts(sliceAt[int16](db, doff, n), s), true
	case format.Int32:
		return floatsToInts(sliceAt[int32](db, doff, n), s), true
	case format.Int64:
		return floatsToInts(sliceAt[int64](db, doff, n), s), true
	case format.Uint8:
		return floatsToInts(sliceAt[uint8](db, doff, n), s), true
	case format.Uint16:
		return floatsToInts(sliceAt[uint16](db, doff, n), s), true
	case format.Uint32:
		return floatsToInts(sliceAt[uint32](db, doff, n), s), true
	}
	return -1, false
}

// floatsToInts truncates each float toward zero into out, stopping at the
// first NaN, infinity or value out of D's range (the test of toInt:
// lo-1 < f < hi+1, with lo itself allowed for int64, where lo-1 rounds
// to lo).
func floatsToInts[D int8 | int16 | int32 | int64 | uint8 | uint16 | uint32](out []D, s []float64) int {
	var lo, hi D
	hi = ^hi
	if hi < 0 { // signed: hi is -1
		bits := 8 * uint(unsafeSizeof(lo))
		lo, hi = D(int64(-1)<<(bits-1)), D(int64(1)<<(bits-1)-1)
	}
	flo := float64(lo)
	lower, fhi := flo-1, float64(hi/2+1)*2 // hi+1 without overflow
	out = out[:len(s)]
	for j, f := range s {
		if !((f > lower || f == flo) && f < fhi) {
			return j
		}
		out[j] = D(int64(f))
	}
	return -1
}

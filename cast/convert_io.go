package cast

import (
	"encoding/binary"
	"math/bits"

	"github.com/ndview/ndview/format"
)

// load reads len(w) numbers of c.part bytes from b[off], b[off+step], ...
// into w as zero-extended bits in the machine's order. Contiguous,
// aligned lines are read as typed slices (the common case, and the fast
// one); anything else goes through encoding/binary with a bounds check
// per number.
func load(w []uint64, b []byte, off, step int, c *codec) {
	m := len(w)
	if m == 0 {
		return
	}
	p := c.part
	if step == p && aligned(b, off, uintptr(p)) {
		swap := p > 1 && c.order != format.NativeOrder()
		switch p {
		case 1:
			widenFrom(w, sliceAt[uint8](b, off, m))
		case 2:
			s := sliceAt[uint16](b, off, m)
			if swap {
				for j, x := range s {
					w[j] = uint64(bits.ReverseBytes16(x))
				}
			} else {
				widenFrom(w, s)
			}
		case 4:
			s := sliceAt[uint32](b, off, m)
			if swap {
				for j, x := range s {
					w[j] = uint64(bits.ReverseBytes32(x))
				}
			} else {
				widenFrom(w, s)
			}
		case 8:
			s := sliceAt[uint64](b, off, m)
			if swap {
				for j, x := range s {
					w[j] = bits.ReverseBytes64(x)
				}
			} else {
				copy(w, s)
			}
		}
		return
	}
	var o binary.ByteOrder = binary.LittleEndian
	if c.order == format.BigEndian {
		o = binary.BigEndian
	}
	switch p {
	case 1:
		for j := range w {
			w[j] = uint64(b[off+j*step])
		}
	case 2:
		for j := range w {
			w[j] = uint64(o.Uint16(b[off+j*step:]))
		}
	case 4:
		for j := range w {
			w[j] = uint64(o.Uint32(b[off+j*step:]))
		}
	case 8:
		for j := range w {
			w[j] = o.Uint64(b[off+j*step:])
		}
	}
}

func widenFrom[U uint8 | uint16 | uint32](w []uint64, s []U) {
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
	var o binary.ByteOrder = binary.LittleEndian
	if c.order == format.BigEndian {
		o = binary.BigEndian
	}
	switch p {
	case 1:
		for j, x := range w {
			b[off+j*step] = byte(x)
		}
	case 2:
		for j, x := range w {
			o.PutUint16(b[off+j*step:], uint16(x))
		}
	case 4:
		for j, x := range w {
			o.PutUint32(b[off+j*step:], uint32(x))
		}
	case 8:
		for j, x := range w {
			o.PutUint64(b[off+j*step:], x)
		}
	}
}

func narrowTo[U uint8 | uint16 | uint32](s []U, w []uint64) {
	s = s[:len(w)]
	for j, x := range w {
		s[j] = U(x)
	}
}

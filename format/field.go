package format

import "strconv"

// Typed access to single elements of a field, for hot loops that should not
// go through boxed values. Each method takes rec, the bytes of one item
// starting at its first byte (a record's bytes, for fields of a record),
// and i, the element's index within the field (0 <= i < Count). Like
// encoding/binary's ByteOrder methods they panic when rec is too short or
// i is out of range, and like reflect.Value's they panic when the field's
// kind cannot give the asked-for type: those are mistakes in the program,
// not in the data. None of them allocates.

func (fl *Field) elem(rec []byte, i int) []byte {
	if uint(i) >= uint(fl.Count) {
		panic("format: element index " + strconv.Itoa(i) + " out of range for field with count " + strconv.Itoa(fl.Count))
	}
	o := fl.Offset + i*fl.Size
	return rec[o : o+fl.Size : o+fl.Size]
}

func (fl *Field) kindPanic(method string) {
	panic("format: Field." + method + " on " + fl.Kind.String() + " field '" + fl.Code + "'")
}

// Int returns element i of an integer or bool field as an int64. Unsigned
// values above math.MaxInt64 wrap, as a Go conversion does.
func (fl *Field) Int(rec []byte, i int) int64 {
	b := fl.elem(rec, i)
	switch {
	case fl.Kind.IsSigned():
		return signExtend(loadUint(b, fl.Size, fl.Order), fl.Size)
	case fl.Kind.IsInteger():
		return int64(loadUint(b, fl.Size, fl.Order))
	case fl.Kind == Bool:
		if b[0] != 0 {
			return 1
		}
		return 0
	}
	fl.kindPanic("Int")
	return 0
}

// Uint returns element i of an integer or bool field as a uint64.
// Negative values wrap, as a Go conversion does.
func (fl *Field) Uint(rec []byte, i int) uint64 {
	return uint64(fl.Int(rec, i))
}

// Float returns element i of a float or integer field as a float64
// (integers rounded to nearest).
func (fl *Field) Float(rec []byte, i int) float64 {
	b := fl.elem(rec, i)
	switch {
	case fl.Kind.IsFloat():
		return decodeFloat(b, fl.Size, fl.Order)
	case fl.Kind.IsInteger():
		return fl.floatAt(b)
	}
	fl.kindPanic("Float")
	return 0
}

// Complex returns element i of a complex, float or integer field as a
// complex128.
func (fl *Field) Complex(rec []byte, i int) complex128 {
	if fl.Kind.IsComplex() {
		b := fl.elem(rec, i)
		h := fl.Size / 2
		return complex(decodeFloat(b, h, fl.Order), decodeFloat(b[h:], h, fl.Order))
	}
	if fl.Kind.IsFloat() || fl.Kind.IsInteger() {
		return complex(fl.Float(rec, i), 0)
	}
	fl.kindPanic("Complex")
	return 0
}

// Bool returns element i of a ? field: true for any non-zero byte.
func (fl *Field) Bool(rec []byte, i int) bool {
	if fl.Kind != Bool {
		fl.kindPanic("Bool")
	}
	return fl.elem(rec, i)[0] != 0
}

// Bytes returns element i of a c, s or p field as a sub-slice of rec (no
// copy; capacity clipped). For p it is the counted string after the
// length byte.
func (fl *Field) Bytes(rec []byte, i int) []byte {
	b := fl.elem(rec, i)
	switch fl.Kind {
	case Char, Bytes:
		return b
	case Pascal:
		return pascal(b, fl.Size)
	}
	fl.kindPanic("Bytes")
	return nil
}

// SetInt stores v into element i of an integer or bool field, with
// struct's range check (ErrRange when v does not fit the code; for ?,
// any non-zero v stores 1).
func (fl *Field) SetInt(rec []byte, i int, v int64) error {
	return fl.setInteger(rec, i, integer{s: v})
}

// SetUint stores v into element i of an integer or bool field, with
// struct's range check.
func (fl *Field) SetUint(rec []byte, i int, v uint64) error {
	return fl.setInteger(rec, i, fromUint(v))
}

func (fl *Field) setInteger(rec []byte, i int, n integer) error {
	b := fl.elem(rec, i)
	switch {
	case fl.Kind.IsInteger():
		u, err := fitInt(fl, n, -1)
		if err != nil {
			return err
		}
		storeUint(b, fl.Size, fl.Order, u)
		return nil
	case fl.Kind == Bool:
		b[0] = 0
		if n.cls != 0 || n.s != 0 {
			b[0] = 1
		}
		return nil
	}
	fl.kindPanic("SetInt")
	return nil
}

// SetFloat stores v into element i of a float field with struct's
// overflow rules (ErrRange for a finite v too large for e, or for f with
// standard sizes), or of a complex field as v+0i.
func (fl *Field) SetFloat(rec []byte, i int, v float64) error {
	if fl.Kind.IsComplex() {
		return fl.SetComplex(rec, i, complex(v, 0))
	}
	if !fl.Kind.IsFloat() {
		fl.kindPanic("SetFloat")
	}
	return encodeFloat(fl.elem(rec, i), fl, fl.Size, v, -1)
}

// SetComplex stores v into element i of a complex field, each part with
// the overflow rules of its float code.
func (fl *Field) SetComplex(rec []byte, i int, v complex128) error {
	if !fl.Kind.IsComplex() {
		fl.kindPanic("SetComplex")
	}
	b := fl.elem(rec, i)
	h := fl.Size / 2
	if err := encodeFloat(b[:h], fl, h, real(v), -1); err != nil {
		return err
	}
	return encodeFloat(b[h:], fl, h, imag(v), -1)
}

// SetBool stores v into element i of a ? field as 0 or 1.
func (fl *Field) SetBool(rec []byte, i int, v bool) {
	if fl.Kind != Bool {
		fl.kindPanic("SetBool")
	}
	b := fl.elem(rec, i)
	b[0] = 0
	if v {
		b[0] = 1
	}
}

// SetBytes stores v into element i of a c, s or p field as Pack does
// (s and p truncate or pad with zero bytes; c needs exactly one byte).
func (fl *Field) SetBytes(rec []byte, i int, v []byte) error {
	switch fl.Kind {
	case Char, Bytes, Pascal:
		return encodeLeaf(fl.elem(rec, i), fl, v, -1)
	}
	fl.kindPanic("SetBytes")
	return nil
}


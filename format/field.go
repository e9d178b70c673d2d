package format

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"
)

// Typed access to single elements of a field, for hot loops that should not
// go through boxed values. Each method takes rec, the bytes of one item
// starting at its first byte (a record's bytes, for fields of a record),
// and i, the element's index within the field (0 <= i < Count). Like
// encoding/binary's ByteOrder methods they panic when rec is too short or
// i is out of range, and like reflect.Value's they panic when the field's
// kind cannot give the asked-for type: those are mistakes in the program,
// not in the data. The getters never allocate; the setters allocate only
// the error they return.

func (fl *Field) indexPanic(i int) {
	panic("format: element index " + strconv.Itoa(i) + " out of range for field with count " + strconv.Itoa(fl.Count))
}

func (fl *Field) elem(rec []byte, i int) []byte {
	if uint(i) >= uint(fl.Count) {
		fl.indexPanic(i)
	}
	o := fl.Offset + i*fl.Size
	// Re-slicing to len first makes a short rec panic: a slice expression
	// alone checks against the capacity.
	return rec[o:len(rec):len(rec)][:fl.Size:fl.Size]
}

func (fl *Field) kindPanic(method string) {
	panic("format: Field." + method + " on " + fl.Kind.String() + " field '" + fl.Code + "'")
}

// Int returns element i of an integer or bool field as an int64. Unsigned
// values above math.MaxInt64 wrap, as a Go conversion does. It reads the
// field's Kind, Size and Order afresh on every call, so a Field changed or
// built by hand reads as it says.
func (fl *Field) Int(rec []byte, i int) int64 { return int64(fl.integer(rec, i, "Int")) }

// Uint returns element i of an integer or bool field as a uint64.
// Negative values wrap, as a Go conversion does.
func (fl *Field) Uint(rec []byte, i int) uint64 { return fl.integer(rec, i, "Uint") }

// integer loads element i of an integer or bool field, sign-extended for
// signed kinds, and panics naming method for other kinds. One jump on the
// kind, then the load: this is the converting accessors' hot path.
func (fl *Field) integer(rec []byte, i int, method string) uint64 {
	if uint(i) >= uint(fl.Count) {
		fl.indexPanic(i)
	}
	o := fl.Offset + i*fl.Size
	be := fl.Order == BigEndian
	switch fl.Kind {
	case Bool:
		if rec[o] != 0 {
			return 1
		}
		return 0
	case Int8:
		return uint64(int8(rec[o]))
	case Uint8:
		return uint64(rec[o])
	case Int16:
		if be {
			return uint64(int16(binary.BigEndian.Uint16(rec[o:])))
		}
		return uint64(int16(binary.LittleEndian.Uint16(rec[o:])))
	case Uint16:
		if be {
			return uint64(binary.BigEndian.Uint16(rec[o:]))
		}
		return uint64(binary.LittleEndian.Uint16(rec[o:]))
	case Int32:
		if be {
			return uint64(int32(binary.BigEndian.Uint32(rec[o:])))
		}
		return uint64(int32(binary.LittleEndian.Uint32(rec[o:])))
	case Uint32:
		if be {
			return uint64(binary.BigEndian.Uint32(rec[o:]))
		}
		return uint64(binary.LittleEndian.Uint32(rec[o:]))
	case Int64, Uint64:
		if be {
			return binary.BigEndian.Uint64(rec[o:])
		}
		return binary.LittleEndian.Uint64(rec[o:])
	}
	fl.kindPanic(method)
	return 0
}

// Float returns element i of a float or integer field as a float64
// (integers rounded to nearest).
func (fl *Field) Float(rec []byte, i int) float64 {
	if uint(i) >= uint(fl.Count) {
		fl.indexPanic(i)
	}
	o := fl.Offset + i*fl.Size
	be := fl.Order == BigEndian
	switch fl.Kind {
	case Float64:
		if be {
			return math.Float64frombits(binary.BigEndian.Uint64(rec[o:]))
		}
		return math.Float64frombits(binary.LittleEndian.Uint64(rec[o:]))
	case Float32:
		if be {
			return float64(math.Float32frombits(binary.BigEndian.Uint32(rec[o:])))
		}
		return float64(math.Float32frombits(binary.LittleEndian.Uint32(rec[o:])))
	case Float16:
		if be {
			return float16val(binary.BigEndian.Uint16(rec[o:]))
		}
		return float16val(binary.LittleEndian.Uint16(rec[o:]))
	case Uint64:
		return float64(fl.integer(rec, i, "Float"))
	case Bool:
		fl.kindPanic("Float")
	}
	return float64(int64(fl.integer(rec, i, "Float")))
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

// Bytes returns element i of a c, s, p or named x field as a sub-slice of rec (no
// copy; capacity clipped). For p it is the counted string after the
// length byte.
func (fl *Field) Bytes(rec []byte, i int) []byte {
	b := fl.elem(rec, i)
	switch fl.Kind {
	case Char, Bytes, Void:
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

// SetBytes stores v into element i of a c, s, p or named x field as Pack
// does (s, p and x truncate or pad with zero bytes; c needs exactly one
// byte).
func (fl *Field) SetBytes(rec []byte, i int, v []byte) error {
	switch fl.Kind {
	case Char, Bytes, Pascal, Void:
		return encodeLeaf(fl.elem(rec, i), fl, v, -1)
	}
	fl.kindPanic("SetBytes")
	return nil
}

// Exact-width accessors. Each reads element i of a field of exactly its
// kind (Uint32 reads an I field, or l/L with standard sizes, ...) in the
// field's byte order, and is small enough for the compiler to inline, so
// a loop over records costs little more than the loads themselves. Like
// the other accessors they panic on a field of another kind and on an
// element index out of range.

// Int8 returns element i of a int8 field as a int8, without conversion.
func (fl *Field) Int8(rec []byte, i int) int8 {
	if fl.Kind != Int8 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	return int8(rec[fl.Offset+i])
}

// Uint8 returns element i of a uint8 field as a uint8, without conversion.
func (fl *Field) Uint8(rec []byte, i int) uint8 {
	if fl.Kind != Uint8 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	return uint8(rec[fl.Offset+i])
}

// Int16 returns element i of a int16 field as a int16, without conversion.
func (fl *Field) Int16(rec []byte, i int) int16 {
	if fl.Kind != Int16 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 2*i
	if fl.Order == BigEndian {
		return int16(binary.BigEndian.Uint16(rec[o:]))
	}
	return int16(binary.LittleEndian.Uint16(rec[o:]))
}

// Uint16 returns element i of a uint16 field as a uint16, without conversion.
func (fl *Field) Uint16(rec []byte, i int) uint16 {
	if fl.Kind != Uint16 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 2*i
	if fl.Order == BigEndian {
		return uint16(binary.BigEndian.Uint16(rec[o:]))
	}
	return uint16(binary.LittleEndian.Uint16(rec[o:]))
}

// Int32 returns element i of a int32 field as a int32, without conversion.
func (fl *Field) Int32(rec []byte, i int) int32 {
	if fl.Kind != Int32 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 4*i
	if fl.Order == BigEndian {
		return int32(binary.BigEndian.Uint32(rec[o:]))
	}
	return int32(binary.LittleEndian.Uint32(rec[o:]))
}

// Uint32 returns element i of a uint32 field as a uint32, without conversion.
func (fl *Field) Uint32(rec []byte, i int) uint32 {
	if fl.Kind != Uint32 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 4*i
	if fl.Order == BigEndian {
		return uint32(binary.BigEndian.Uint32(rec[o:]))
	}
	return uint32(binary.LittleEndian.Uint32(rec[o:]))
}

// Int64 returns element i of a int64 field as a int64, without conversion.
func (fl *Field) Int64(rec []byte, i int) int64 {
	if fl.Kind != Int64 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 8*i
	if fl.Order == BigEndian {
		return int64(binary.BigEndian.Uint64(rec[o:]))
	}
	return int64(binary.LittleEndian.Uint64(rec[o:]))
}

// Uint64 returns element i of a uint64 field as a uint64, without conversion.
func (fl *Field) Uint64(rec []byte, i int) uint64 {
	if fl.Kind != Uint64 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 8*i
	if fl.Order == BigEndian {
		return uint64(binary.BigEndian.Uint64(rec[o:]))
	}
	return uint64(binary.LittleEndian.Uint64(rec[o:]))
}

// Float32 returns element i of a float32 field as a float32, without conversion.
func (fl *Field) Float32(rec []byte, i int) float32 {
	if fl.Kind != Float32 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 4*i
	if fl.Order == BigEndian {
		return math.Float32frombits(binary.BigEndian.Uint32(rec[o:]))
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(rec[o:]))
}

// Float64 returns element i of a float64 field as a float64, without conversion.
func (fl *Field) Float64(rec []byte, i int) float64 {
	if fl.Kind != Float64 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 8*i
	if fl.Order == BigEndian {
		return math.Float64frombits(binary.BigEndian.Uint64(rec[o:]))
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(rec[o:]))
}

// errAccess is the panic value of an exact-width accessor used on a field
// of another kind or with an element index out of range. It is a constant
// value so that the accessors stay small enough to inline.
var errAccess = errors.New("format: exact-width accessor used on a field of another kind, or element index out of range")

// Exact-width setters: each stores v into element i of a field of exactly
// its kind, in the field's byte order, with no range check (the Go type is
// the field's type) and no allocation, and inlines. They panic as the
// exact-width getters do. PutFloat32 stores v as it is, so a NaN keeps its
// payload.

// PutInt8 stores v into element i of a int8 field.
func (fl *Field) PutInt8(rec []byte, i int, v int8) {
	if fl.Kind != Int8 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	rec[fl.Offset+i] = byte(v)
}

// PutUint8 stores v into element i of a uint8 field.
func (fl *Field) PutUint8(rec []byte, i int, v uint8) {
	if fl.Kind != Uint8 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	rec[fl.Offset+i] = byte(v)
}

// PutInt16 stores v into element i of a int16 field.
func (fl *Field) PutInt16(rec []byte, i int, v int16) {
	if fl.Kind != Int16 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 2*i
	if fl.Order == BigEndian {
		binary.BigEndian.PutUint16(rec[o:], uint16(v))
		return
	}
	binary.LittleEndian.PutUint16(rec[o:], uint16(v))
}

// PutUint16 stores v into element i of a uint16 field.
func (fl *Field) PutUint16(rec []byte, i int, v uint16) {
	if fl.Kind != Uint16 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 2*i
	if fl.Order == BigEndian {
		binary.BigEndian.PutUint16(rec[o:], uint16(v))
		return
	}
	binary.LittleEndian.PutUint16(rec[o:], uint16(v))
}

// PutInt32 stores v into element i of a int32 field.
func (fl *Field) PutInt32(rec []byte, i int, v int32) {
	if fl.Kind != Int32 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 4*i
	if fl.Order == BigEndian {
		binary.BigEndian.PutUint32(rec[o:], uint32(v))
		return
	}
	binary.LittleEndian.PutUint32(rec[o:], uint32(v))
}

// PutUint32 stores v into element i of a uint32 field.
func (fl *Field) PutUint32(rec []byte, i int, v uint32) {
	if fl.Kind != Uint32 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 4*i
	if fl.Order == BigEndian {
		binary.BigEndian.PutUint32(rec[o:], uint32(v))
		return
	}
	binary.LittleEndian.PutUint32(rec[o:], uint32(v))
}

// PutInt64 stores v into element i of a int64 field.
func (fl *Field) PutInt64(rec []byte, i int, v int64) {
	if fl.Kind != Int64 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 8*i
	if fl.Order == BigEndian {
		binary.BigEndian.PutUint64(rec[o:], uint64(v))
		return
	}
	binary.LittleEndian.PutUint64(rec[o:], uint64(v))
}

// PutUint64 stores v into element i of a uint64 field.
func (fl *Field) PutUint64(rec []byte, i int, v uint64) {
	if fl.Kind != Uint64 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 8*i
	if fl.Order == BigEndian {
		binary.BigEndian.PutUint64(rec[o:], uint64(v))
		return
	}
	binary.LittleEndian.PutUint64(rec[o:], uint64(v))
}

// PutFloat32 stores v into element i of a float32 field.
func (fl *Field) PutFloat32(rec []byte, i int, v float32) {
	if fl.Kind != Float32 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 4*i
	if fl.Order == BigEndian {
		binary.BigEndian.PutUint32(rec[o:], math.Float32bits(v))
		return
	}
	binary.LittleEndian.PutUint32(rec[o:], math.Float32bits(v))
}

// PutFloat64 stores v into element i of a float64 field.
func (fl *Field) PutFloat64(rec []byte, i int, v float64) {
	if fl.Kind != Float64 || uint(i) >= uint(fl.Count) {
		panic(errAccess)
	}
	o := fl.Offset + 8*i
	if fl.Order == BigEndian {
		binary.BigEndian.PutUint64(rec[o:], math.Float64bits(v))
		return
	}
	binary.LittleEndian.PutUint64(rec[o:], math.Float64bits(v))
}

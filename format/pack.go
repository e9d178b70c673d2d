package format

import (
	"math"
	"reflect"
	"strconv"
)

// Pack returns the bytes of one item holding values, as struct.pack does.
// It allocates the result; AppendPack and PackInto do not allocate.
//
// Values are taken as Go values for each code:
//   - integer codes: any Go integer type or *big.Int, range-checked
//     against the C type (P accepts negatives and wraps them);
//   - e, f, d: float32, float64 or any integer (rounded to nearest); e
//     rounds once, straight from float64, and a finite value of 65520 or
//     more is ErrRange, as is a finite value beyond float32 for f with a
//     standard-size prefix (native f overflows to infinity like a C cast);
//   - Zf, Zd: complex64, complex128 or a real number;
//   - ?: bool, or any number, []byte or string by its truth (non-zero,
//     non-empty);
//   - c: []byte or string of length 1; s and p: []byte or string,
//     truncated or padded with zero bytes to the count (p stores the
//     length, at most 255, in its first byte);
//   - T{...} records: []any with one value per field; sub-arrays and
//     repeated record fields: nested []any in C order.
//
// Padding bytes, alignment gaps included, are written as zeros. Errors
// are *ValueError (ErrRange, ErrType, ErrUnsupported, ErrCount, and
// ErrTooLarge for an item larger than MaxPackSize). Like struct, integer
// and float codes also take a bool as 1 or 0.
func (f *Format) Pack(values ...any) ([]byte, error) {
	if err := f.allocCheck(len(values)); err != nil {
		return nil, err
	}
	out := make([]byte, f.size)
	if err := f.PackInto(out, values...); err != nil {
		return nil, err
	}
	return out, nil
}

// AppendPack appends the bytes of one item holding values to dst and
// returns the extended slice, as Pack does. It allocates only when dst
// lacks capacity. On error it returns dst unchanged.
func (f *Format) AppendPack(dst []byte, values ...any) ([]byte, error) {
	if err := f.allocCheck(len(values)); err != nil {
		return dst, err
	}
	n := len(dst)
	out := grow(dst, f.size)
	if err := f.PackInto(out[n:], values...); err != nil {
		return dst, err
	}
	return out, nil
}

// MaxPackSize is the largest item Pack and AppendPack allocate: a format
// string from an untrusted source can name an item of any size
// ("99999999999x"), and allocating it would exhaust memory. PackInto,
// which writes into memory the caller already has, has no such limit.
const MaxPackSize = 1 << 30

// allocCheck refuses, before any allocation, a wrong number of values and
// an item larger than MaxPackSize.
func (f *Format) allocCheck(n int) error {
	if n != f.nvalues {
		return f.countErr(n)
	}
	if f.size > MaxPackSize {
		return &ValueError{Index: -1, Err: ErrTooLarge,
			Msg: "item of " + strconv.Itoa(f.size) + " bytes is larger than MaxPackSize"}
	}
	return nil
}

func (f *Format) countErr(n int) error {
	return &ValueError{Index: -1, Err: ErrCount,
		Msg: "pack expected " + strconv.Itoa(f.nvalues) + " items for packing (got " + strconv.Itoa(n) + ")"}
}

// grow extends b by n bytes (contents unspecified), reallocating only when
// the capacity is short.
func grow(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b[:len(b)+n]
	}
	nb := make([]byte, len(b)+n, 2*cap(b)+n)
	copy(nb, b)
	return nb
}

// PackInto writes one item holding values into dst[:Size()], as
// struct.pack_into does at offset 0. It does not allocate. dst shorter
// than Size() is ErrSize; a wrong number of values is ErrCount, reported
// before anything is written. On error, dst[:Size()] may have been partly
// written, as with CPython.
func (f *Format) PackInto(dst []byte, values ...any) error {
	if len(dst) < f.size {
		return sizeErr(f.size, len(dst))
	}
	if len(values) != f.nvalues {
		return f.countErr(len(values))
	}
	dst = dst[:f.size]
	j := 0
	prev := 0 // end of the last field written, to zero alignment gaps
	for i := range f.fields {
		fl := &f.fields[i]
		clear(dst[prev:fl.Offset])
		end := fl.Offset + fl.Size*fl.Count
		prev = end
		switch {
		case fl.Kind == Pad:
			clear(dst[fl.Offset:end])
		case fl.Shape != nil:
			if err := packArray(dst[fl.Offset:], fl, fl.Shape, values[j], j); err != nil {
				return err
			}
			j++
		default:
			b := dst[fl.Offset:end]
			for k := 0; k < fl.Count; k++ {
				if err := encodeLeaf(b[k*fl.Size:], fl, values[j], j); err != nil {
					return err
				}
				j++
			}
		}
	}
	clear(dst[prev:])
	return nil
}

// Unpack returns the values of the item in b, as struct.unpack does:
// len(b) must equal Size() (ErrSize otherwise). Integers come back as
// int64 (signed codes) or uint64 (unsigned codes and P), floats as
// float64, complex numbers as complex128, ? as bool, c, s and p as []byte
// sub-slices of b (no copy; capacity clipped, so appending to them never
// writes into b), records and sub-arrays as nested []any. It allocates the
// result slice and boxes each value; UnpackTo allocates nothing.
func (f *Format) Unpack(b []byte) ([]any, error) {
	return f.AppendUnpack(nil, b)
}

// AppendUnpack is Unpack appending the values to dst. On error it returns
// dst unchanged.
func (f *Format) AppendUnpack(dst []any, b []byte) ([]any, error) {
	if len(b) != f.size {
		return dst, sizeErr(f.size, len(b))
	}
	out := dst
	for i := range f.fields {
		fl := &f.fields[i]
		switch {
		case fl.Kind == Pad:
		case fl.Shape != nil:
			v, err := arrayValue(b[fl.Offset:], fl, fl.Shape)
			if err != nil {
				return dst, err
			}
			out = append(out, v)
		default:
			for k := 0; k < fl.Count; k++ {
				v, err := decodeLeaf(b[fl.Offset+k*fl.Size:], fl)
				if err != nil {
					return dst, err
				}
				out = append(out, v)
			}
		}
	}
	return out, nil
}

// UnpackTo stores the values of the item in b through ptrs, one pointer
// per value, like fmt.Sscan. It allocates nothing for numeric, bool and
// []byte pointers; *string copies, *any boxes, and a sub-array builds its
// []any. len(b) must equal
// Size() (ErrSize) and len(ptrs) NumValues() (ErrCount).
//
// Accepted pointers: for integer codes *int, *int8 ... *int64, *uint ...
// *uint64, *uintptr (ErrRange when the value does not fit), *float64 and
// *float32; for float codes *float64 and *float32 (f and d into *float32
// round as a Go conversion does); for complex codes *complex128 and
// *complex64; for ? *bool; for c, s and p *[]byte (a sub-slice of b, no
// copy) and *string (a copy); and for every code *any, which receives what
// Unpack would return. Any other pointer is ErrType.
func (f *Format) UnpackTo(b []byte, ptrs ...any) error {
	if len(b) != f.size {
		return sizeErr(f.size, len(b))
	}
	if len(ptrs) != f.nvalues {
		return &ValueError{Index: -1, Err: ErrCount,
			Msg: "unpack expected " + strconv.Itoa(f.nvalues) + " pointers (got " + strconv.Itoa(len(ptrs)) + ")"}
	}
	j := 0
	for i := range f.fields {
		fl := &f.fields[i]
		switch {
		case fl.Kind == Pad:
		case fl.Shape != nil:
			p, ok := ptrs[j].(*any)
			if !ok {
				return &ValueError{Index: j, Code: fl.Code, Err: ErrType, Msg: "a sub-array unpacks only into *any"}
			}
			v, err := arrayValue(b[fl.Offset:], fl, fl.Shape)
			if err != nil {
				return err
			}
			*p = v
			j++
		default:
			for k := 0; k < fl.Count; k++ {
				if err := storeTo(b[fl.Offset+k*fl.Size:], fl, ptrs[j], j); err != nil {
					return err
				}
				j++
			}
		}
	}
	return nil
}

type integerType interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

// setInt stores an element of an integer field into *p when it fits.
func setInt[T integerType](p *T, b []byte, fl *Field, idx int) error {
	if p == nil {
		return nilErr(fl, idx)
	}
	u := loadUint(b, fl.Size, fl.Order)
	if fl.Kind.IsSigned() {
		s := signExtend(u, fl.Size)
		t := T(s)
		if int64(t) != s || (s < 0) != (t < 0) {
			return rangeErr(fl, idx)
		}
		*p = t
		return nil
	}
	t := T(u)
	if uint64(t) != u || t < 0 {
		return rangeErr(fl, idx)
	}
	*p = t
	return nil
}

// set stores v through p, refusing a nil pointer.
func set[T any](p *T, v T, fl *Field, idx int) error {
	if p == nil {
		return nilErr(fl, idx)
	}
	*p = v
	return nil
}

func rangeErr(fl *Field, idx int) error {
	return &ValueError{Index: idx, Code: fl.Code, Err: ErrRange, Msg: "value does not fit the destination"}
}

func ptrErr(fl *Field, idx int) error {
	return &ValueError{Index: idx, Code: fl.Code, Err: ErrType, Msg: "pointer type does not suit the code"}
}

func nilErr(fl *Field, idx int) error {
	return &ValueError{Index: idx, Code: fl.Code, Err: ErrType, Msg: "nil pointer"}
}

// storeTo stores one element of fl from b through the pointer p: the
// common pointer types by a type switch, pointers to other types with a
// numeric, bool, string or []byte underlying type (type ID int32, say)
// through reflect.
func storeTo(b []byte, fl *Field, p any, idx int) error {
	k := fl.Kind
	if k.IsInteger() {
		switch q := p.(type) {
		case *int:
			return setInt(q, b, fl, idx)
		case *int8:
			return setInt(q, b, fl, idx)
		case *int16:
			return setInt(q, b, fl, idx)
		case *int32:
			return setInt(q, b, fl, idx)
		case *int64:
			return setInt(q, b, fl, idx)
		case *uint:
			return setInt(q, b, fl, idx)
		case *uint8:
			return setInt(q, b, fl, idx)
		case *uint16:
			return setInt(q, b, fl, idx)
		case *uint32:
			return setInt(q, b, fl, idx)
		case *uint64:
			return setInt(q, b, fl, idx)
		case *uintptr:
			return setInt(q, b, fl, idx)
		case *float64:
			return set(q, fl.floatAt(b), fl, idx)
		case *float32:
			return set(q, float32(fl.floatAt(b)), fl, idx)
		}
	}
	if k.IsFloat() {
		switch q := p.(type) {
		case *float64:
			return set(q, decodeFloat(b, fl.Size, fl.Order), fl, idx)
		case *float32:
			return set(q, float32(decodeFloat(b, fl.Size, fl.Order)), fl, idx)
		}
	}
	if k.IsComplex() {
		h := fl.Size / 2
		c := complex(decodeFloat(b, h, fl.Order), decodeFloat(b[h:], h, fl.Order))
		switch q := p.(type) {
		case *complex128:
			return set(q, c, fl, idx)
		case *complex64:
			return set(q, complex64(c), fl, idx)
		}
	}
	switch k {
	case Bool:
		if q, ok := p.(*bool); ok {
			return set(q, b[0] != 0, fl, idx)
		}
	case Char, Bytes, Pascal, Void:
		s := bytesOf(b, fl)
		switch q := p.(type) {
		case *[]byte:
			return set(q, s, fl, idx)
		case *string:
			return set(q, string(s), fl, idx)
		}
	}
	if q, ok := p.(*any); ok {
		if q == nil {
			return nilErr(fl, idx)
		}
		v, err := decodeLeaf(b, fl)
		if err != nil {
			return err
		}
		*q = v
		return nil
	}
	if k == Opaque {
		return unsupported(fl, idx)
	}
	return storeReflect(b, fl, p, idx)
}

// bytesOf returns the bytes value of a c, s, p or named x element.
func bytesOf(b []byte, fl *Field) []byte {
	switch fl.Kind {
	case Char:
		return b[0:1:1]
	case Pascal:
		return pascal(b, fl.Size)
	}
	return b[:fl.Size:fl.Size]
}

// storeReflect is storeTo's slow path for pointers to named types.
func storeReflect(b []byte, fl *Field, p any, idx int) error {
	rv := reflect.ValueOf(p)
	if rv.Kind() != reflect.Pointer {
		return ptrErr(fl, idx)
	}
	if rv.IsNil() {
		return nilErr(fl, idx)
	}
	e := rv.Elem()
	k := fl.Kind
	switch e.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if !k.IsInteger() {
			break
		}
		u := loadUint(b, fl.Size, fl.Order)
		if k.IsSigned() {
			s := signExtend(u, fl.Size)
			if e.OverflowInt(s) {
				return rangeErr(fl, idx)
			}
			e.SetInt(s)
			return nil
		}
		if u > math.MaxInt64 || e.OverflowInt(int64(u)) {
			return rangeErr(fl, idx)
		}
		e.SetInt(int64(u))
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if !k.IsInteger() {
			break
		}
		u := loadUint(b, fl.Size, fl.Order)
		if k.IsSigned() && signExtend(u, fl.Size) < 0 || e.OverflowUint(u) {
			return rangeErr(fl, idx)
		}
		e.SetUint(u)
		return nil
	case reflect.Float32, reflect.Float64:
		switch {
		case k.IsFloat():
			e.SetFloat(decodeFloat(b, fl.Size, fl.Order))
			return nil
		case k.IsInteger():
			e.SetFloat(fl.floatAt(b))
			return nil
		}
	case reflect.Complex64, reflect.Complex128:
		if k.IsComplex() {
			h := fl.Size / 2
			e.SetComplex(complex(decodeFloat(b, h, fl.Order), decodeFloat(b[h:], h, fl.Order)))
			return nil
		}
	case reflect.Bool:
		if k == Bool {
			e.SetBool(b[0] != 0)
			return nil
		}
	case reflect.String:
		if k == Char || k == Bytes || k == Pascal || k == Void {
			e.SetString(string(bytesOf(b, fl)))
			return nil
		}
	case reflect.Slice:
		if e.Type().Elem().Kind() == reflect.Uint8 && (k == Char || k == Bytes || k == Pascal || k == Void) {
			e.SetBytes(bytesOf(b, fl))
			return nil
		}
	}
	return ptrErr(fl, idx)
}

// floatAt reads an integer element as a float64 (rounded to nearest).
func (fl *Field) floatAt(b []byte) float64 {
	u := loadUint(b, fl.Size, fl.Order)
	if fl.Kind.IsSigned() {
		return float64(signExtend(u, fl.Size))
	}
	return float64(u)
}

package format

import (
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"reflect"
	"strconv"
)

// Raw loads and stores of one element in a field's byte order (any order
// but BigEndian is little-endian, as in the Field accessors). b holds at
// least size bytes.

func loadUint(b []byte, size int, o ByteOrder) uint64 {
	switch size {
	case 1:
		return uint64(b[0])
	case 2:
		if o != BigEndian {
			return uint64(binary.LittleEndian.Uint16(b))
		}
		return uint64(binary.BigEndian.Uint16(b))
	case 4:
		if o != BigEndian {
			return uint64(binary.LittleEndian.Uint32(b))
		}
		return uint64(binary.BigEndian.Uint32(b))
	case 8:
		if o != BigEndian {
			return binary.LittleEndian.Uint64(b)
		}
		return binary.BigEndian.Uint64(b)
	}
	panic("format: bad integer size " + strconv.Itoa(size))
}

func storeUint(b []byte, size int, o ByteOrder, v uint64) {
	switch size {
	case 1:
		b[0] = byte(v)
	case 2:
		if o != BigEndian {
			binary.LittleEndian.PutUint16(b, uint16(v))
		} else {
			binary.BigEndian.PutUint16(b, uint16(v))
		}
	case 4:
		if o != BigEndian {
			binary.LittleEndian.PutUint32(b, uint32(v))
		} else {
			binary.BigEndian.PutUint32(b, uint32(v))
		}
	case 8:
		if o != BigEndian {
			binary.LittleEndian.PutUint64(b, v)
		} else {
			binary.BigEndian.PutUint64(b, v)
		}
	default:
		panic("format: bad integer size " + strconv.Itoa(size))
	}
}

// signExtend reads the low size bytes of u as a two's complement number.
func signExtend(u uint64, size int) int64 {
	s := 64 - 8*uint(size)
	return int64(u<<s) >> s
}

// intRange returns the range of an integer field.
func intRange(fl *Field) (min int64, max uint64) {
	bits := 8 * uint(fl.Size)
	if fl.Kind.IsSigned() {
		return -1 << (bits - 1), 1<<(bits-1) - 1
	}
	if bits == 64 {
		return 0, math.MaxUint64
	}
	return 0, 1<<bits - 1
}

// integer is a Go value classified for an integer code: it fits int64
// (s), or only uint64 (u, big=false, neg=false), or neither (big).
type integer struct {
	s   int64
	u   uint64
	cls uint8 // 0: int64, 1: uint64 only, 2: beyond both
	neg bool  // for cls 2: the sign
}

// toInteger classifies v. ok is false when v is not an integer at all.
func toInteger(v any) (n integer, ok bool) {
	switch x := v.(type) {
	case int:
		return integer{s: int64(x)}, true
	case bool:
		// Python's bool is an int: struct packs True as 1 anywhere.
		if x {
			return integer{s: 1}, true
		}
		return integer{}, true
	case int8:
		return integer{s: int64(x)}, true
	case int16:
		return integer{s: int64(x)}, true
	case int32:
		return integer{s: int64(x)}, true
	case int64:
		return integer{s: x}, true
	case uint:
		return fromUint(uint64(x)), true
	case uint8:
		return integer{s: int64(x)}, true
	case uint16:
		return integer{s: int64(x)}, true
	case uint32:
		return integer{s: int64(x)}, true
	case uint64:
		return fromUint(x), true
	case uintptr:
		return fromUint(uint64(x)), true
	case *big.Int:
		if x == nil {
			return integer{}, false
		}
		if x.IsInt64() {
			return integer{s: x.Int64()}, true
		}
		if x.IsUint64() {
			return integer{u: x.Uint64(), cls: 1}, true
		}
		return integer{cls: 2, neg: x.Sign() < 0}, true
	}
	return reflectInteger(v)
}

// reflectInteger classifies values of named integer and bool types (type
// ID int32, say): the slow path of toInteger.
func reflectInteger(v any) (integer, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return integer{s: rv.Int()}, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return fromUint(rv.Uint()), true
	case reflect.Bool:
		if rv.Bool() {
			return integer{s: 1}, true
		}
		return integer{}, true
	}
	return integer{}, false
}

// reflectFloat reads values of named float types.
func reflectFloat(v any) (float64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		return rv.Float(), true
	}
	return 0, false
}

func fromUint(u uint64) integer {
	if u <= math.MaxInt64 {
		return integer{s: int64(u)}
	}
	return integer{u: u, cls: 1}
}

// fitInt checks n against the range of fl's code and returns the bits to
// store. P takes any value from -2**63 to 2**64-1; negatives wrap, as
// CPython's PyLong_AsVoidPtr does.
func fitInt(fl *Field, n integer, idx int) (uint64, error) {
	if fl.Code == "P" {
		switch n.cls {
		case 0:
			return uint64(n.s), nil
		case 1:
			return n.u, nil
		}
		return 0, &ValueError{Index: idx, Code: fl.Code, Msg: "int too large to convert", Err: ErrRange}
	}
	min, max := intRange(fl)
	switch n.cls {
	case 0:
		if n.s >= min && (n.s < 0 || uint64(n.s) <= max) {
			return uint64(n.s), nil
		}
	case 1:
		if n.u <= max {
			return n.u, nil
		}
	}
	return 0, &ValueError{Index: idx, Code: fl.Code, Err: ErrRange,
		Msg: "requires " + strconv.FormatInt(min, 10) + " <= number <= " + strconv.FormatUint(max, 10)}
}

// toFloat converts v for a float code: Go floats, and integers (rounded
// to nearest, as Python's int-to-float conversion is).
func toFloat(v any, fl *Field, idx int) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	}
	n, ok := toInteger(v)
	if !ok {
		if f, ok := reflectFloat(v); ok {
			return f, nil
		}
		return 0, typeErr(v, fl, idx, "float")
	}
	switch n.cls {
	case 0:
		return float64(n.s), nil
	case 1:
		return float64(n.u), nil
	}
	f, _ := new(big.Float).SetInt(v.(*big.Int)).Float64()
	if math.IsInf(f, 0) {
		return 0, &ValueError{Index: idx, Code: fl.Code, Msg: "int too large to convert to float", Err: ErrRange}
	}
	return f, nil
}

func toComplex(v any, fl *Field, idx int) (complex128, error) {
	switch x := v.(type) {
	case complex128:
		return x, nil
	case complex64:
		return complex128(x), nil
	}
	f, err := toFloat(v, fl, idx)
	if errors.Is(err, ErrType) {
		// Not a real number: a named complex type, or a wrong type.
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Complex64 || rv.Kind() == reflect.Complex128 {
			return rv.Complex(), nil
		}
		return 0, typeErr(v, fl, idx, "complex")
	}
	if err != nil {
		return 0, err
	}
	return complex(f, 0), nil
}

// toBytes accepts []byte and string (and named types of them) for c, s,
// p and named x.
func toBytes(v any) ([]byte, string, bool) {
	switch x := v.(type) {
	case []byte:
		return x, "", true
	case string:
		return nil, x, true
	}
	rv := reflect.ValueOf(v)
	switch {
	case rv.Kind() == reflect.String:
		return nil, rv.String(), true
	case rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() == reflect.Uint8:
		return rv.Bytes(), "", true
	}
	return nil, "", false
}

// truth is Python's truth value, for '?'.
func truth(v any, fl *Field, idx int) (bool, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case nil:
		return false, nil
	case float64:
		return x != 0, nil
	case float32:
		return x != 0, nil
	case complex128:
		return x != 0, nil
	case complex64:
		return x != 0, nil
	case []byte:
		return len(x) != 0, nil
	case string:
		return len(x) != 0, nil
	}
	n, ok := toInteger(v)
	if !ok {
		if f, ok := reflectFloat(v); ok {
			return f != 0, nil
		}
		if bs, str, ok := toBytes(v); ok {
			return len(bs)+len(str) != 0, nil
		}
		return false, typeErr(v, fl, idx, "bool")
	}
	return n.cls != 0 || n.s != 0, nil
}

// typeErr reports a Go value whose type cannot go into fl. Only the type's
// name is kept, so that v does not escape and packing stays allocation-free.
func typeErr(v any, fl *Field, idx int, want string) error {
	t := "nil"
	if rt := reflect.TypeOf(v); rt != nil {
		t = rt.String()
	}
	return &ValueError{Index: idx, Code: fl.Code, Err: ErrType,
		Msg: "cannot pack a value of type " + t + " (want " + want + ")"}
}

func unsupported(fl *Field, idx int) error {
	return &ValueError{Index: idx, Code: fl.Code, Err: ErrUnsupported,
		Msg: "code carries no Go value"}
}

// encodeFloat stores f in an element of a float or complex part of
// size bytes, with struct's overflow rules.
func encodeFloat(b []byte, fl *Field, size int, f float64, idx int) error {
	switch size {
	case 2:
		h, ok := float16bits(f)
		if !ok {
			return &ValueError{Index: idx, Code: fl.Code, Msg: "float too large to pack with e format", Err: ErrRange}
		}
		storeUint(b, 2, fl.Order, uint64(h))
	case 4:
		g := float32(f)
		if fl.Standard && math.IsInf(float64(g), 0) && !math.IsInf(f, 0) {
			return &ValueError{Index: idx, Code: fl.Code, Msg: "float too large to pack with f format", Err: ErrRange}
		}
		storeUint(b, 4, fl.Order, uint64(math.Float32bits(g)))
	case 8:
		storeUint(b, 8, fl.Order, math.Float64bits(f))
	}
	return nil
}

func decodeFloat(b []byte, size int, o ByteOrder) float64 {
	switch size {
	case 2:
		return float16val(uint16(loadUint(b, 2, o)))
	case 4:
		return float64(math.Float32frombits(uint32(loadUint(b, 4, o))))
	}
	return math.Float64frombits(loadUint(b, 8, o))
}

// encodeLeaf packs one element of fl from v into b (len(b) >= fl.Size).
func encodeLeaf(b []byte, fl *Field, v any, idx int) error {
	switch k := fl.Kind; {
	case k.IsInteger():
		n, ok := toInteger(v)
		if !ok {
			return typeErr(v, fl, idx, "integer")
		}
		u, err := fitInt(fl, n, idx)
		if err != nil {
			return err
		}
		storeUint(b, fl.Size, fl.Order, u)
	case k.IsFloat():
		f, err := toFloat(v, fl, idx)
		if err != nil {
			return err
		}
		return encodeFloat(b, fl, fl.Size, f, idx)
	case k.IsComplex():
		c, err := toComplex(v, fl, idx)
		if err != nil {
			return err
		}
		h := fl.Size / 2
		if err := encodeFloat(b[:h], fl, h, real(c), idx); err != nil {
			return err
		}
		return encodeFloat(b[h:], fl, h, imag(c), idx)
	case k == Bool:
		t, err := truth(v, fl, idx)
		if err != nil {
			return err
		}
		b[0] = 0
		if t {
			b[0] = 1
		}
	case k == Char:
		bs, s, ok := toBytes(v)
		if !ok || len(bs)+len(s) != 1 {
			return &ValueError{Index: idx, Code: fl.Code, Err: ErrType, Msg: "char format requires a []byte or string of length 1"}
		}
		if bs != nil {
			b[0] = bs[0]
		} else {
			b[0] = s[0]
		}
	case k == Bytes || k == Void:
		bs, s, ok := toBytes(v)
		if !ok {
			return typeErr(v, fl, idx, "[]byte or string")
		}
		n := copy(b[:fl.Size], bs)
		n += copy(b[n:fl.Size], s)
		clear(b[n:fl.Size])
	case k == Pascal:
		bs, s, ok := toBytes(v)
		if !ok {
			return typeErr(v, fl, idx, "[]byte or string")
		}
		if fl.Size == 0 {
			return nil
		}
		n := copy(b[1:fl.Size], bs)
		n += copy(b[1+n:fl.Size], s)
		clear(b[1+n : fl.Size])
		if n > 255 {
			n = 255
		}
		b[0] = byte(n)
	case k == Record:
		vals, ok := v.([]any)
		if !ok {
			return typeErr(v, fl, idx, "[]any with one value per record field")
		}
		// The element may be wider than the record (a repeated record is
		// spaced at its alignment): its padding is written as zeros too.
		clear(b[:fl.Size])
		return packRecord(b, fl.Record, vals, idx)
	default:
		return unsupported(fl, idx)
	}
	return nil
}

func packRecord(b []byte, r *Format, vals []any, idx int) error {
	want := r.nvalues // one value per field that is not padding
	if len(vals) != want {
		return &ValueError{Index: idx, Code: "T", Err: ErrCount,
			Msg: "record has " + strconv.Itoa(want) + " fields, got " + strconv.Itoa(len(vals)) + " values"}
	}
	clear(b[:r.size])
	j := 0
	for i := range r.fields {
		fl := &r.fields[i]
		if fl.Kind == Pad {
			continue
		}
		if err := packField(b[fl.Offset:], fl, vals[j], idx); err != nil {
			return err
		}
		j++
	}
	return nil
}

// packField packs the one value of a record field or sub-array field.
func packField(b []byte, fl *Field, v any, idx int) error {
	if fl.Shape == nil {
		if fl.Count == 1 {
			return encodeLeaf(b, fl, v, idx)
		}
		return packArray(b, fl, []int{fl.Count}, v, idx)
	}
	return packArray(b, fl, fl.Shape, v, idx)
}

// packArray packs a nested []any of the given shape, C order.
func packArray(b []byte, fl *Field, shape []int, v any, idx int) error {
	if len(shape) == 0 {
		return encodeLeaf(b, fl, v, idx)
	}
	vals, ok := v.([]any)
	if !ok || len(vals) != shape[0] {
		return &ValueError{Index: idx, Code: fl.Code, Err: ErrType,
			Msg: "sub-array wants a []any of length " + strconv.Itoa(shape[0])}
	}
	step := fl.Size
	for _, d := range shape[1:] {
		step *= d
	}
	for i, x := range vals {
		if err := packArray(b[i*step:], fl, shape[1:], x, idx); err != nil {
			return err
		}
	}
	return nil
}

// decodeLeaf unpacks one element of fl from b. Byte values (c, s, p)
// alias b.
func decodeLeaf(b []byte, fl *Field) (any, error) {
	switch k := fl.Kind; {
	case k.IsSigned():
		return signExtend(loadUint(b, fl.Size, fl.Order), fl.Size), nil
	case k.IsInteger():
		return loadUint(b, fl.Size, fl.Order), nil
	case k.IsFloat():
		return decodeFloat(b, fl.Size, fl.Order), nil
	case k.IsComplex():
		h := fl.Size / 2
		return complex(decodeFloat(b, h, fl.Order), decodeFloat(b[h:], h, fl.Order)), nil
	case k == Bool:
		return b[0] != 0, nil
	case k == Char || k == Bytes || k == Pascal || k == Void:
		return bytesOf(b, fl), nil
	case k == Record:
		return unpackRecord(b, fl.Record)
	}
	return nil, unsupported(fl, -1)
}

// pascal returns the string of a p element of size n: its first byte is
// the length, clamped to n-1.
func pascal(b []byte, n int) []byte {
	if n == 0 {
		return b[:0:0]
	}
	l := int(b[0])
	if l > n-1 {
		l = n - 1
	}
	return b[1 : 1+l : 1+l]
}

func unpackRecord(b []byte, r *Format) (any, error) {
	out := make([]any, 0, r.nvalues)
	for i := range r.fields {
		fl := &r.fields[i]
		if fl.Kind == Pad {
			continue
		}
		v, err := fieldValue(b[fl.Offset:], fl)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// fieldValue unpacks the one value of a record field or sub-array field.
func fieldValue(b []byte, fl *Field) (any, error) {
	if fl.Shape == nil {
		if fl.Count == 1 {
			return decodeLeaf(b, fl)
		}
		return arrayValue(b, fl, []int{fl.Count})
	}
	return arrayValue(b, fl, fl.Shape)
}

func arrayValue(b []byte, fl *Field, shape []int) (any, error) {
	if len(shape) == 0 {
		return decodeLeaf(b, fl)
	}
	step := fl.Size
	for _, d := range shape[1:] {
		step *= d
	}
	out := make([]any, shape[0])
	for i := range out {
		v, err := arrayValue(b[i*step:], fl, shape[1:])
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

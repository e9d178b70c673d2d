package format

import (
	"encoding/binary"
	"iter"
	"strconv"
)

// Kind says what Go value an item of a field carries.
type Kind uint8

// The kinds. The comment gives the format codes of each and the Go type
// that Unpack produces for it.
const (
	Invalid    Kind = iota
	Pad             // x: padding; no value
	Char            // c: []byte of length 1
	Bool            // ?: bool (any non-zero byte is true)
	Int8            // b: int64
	Uint8           // B: uint64
	Int16           // h: int64
	Uint16          // H: uint64
	Int32           // i, and l in standard sizes: int64
	Uint32          // I, and L in standard sizes: uint64
	Int64           // q, n, and l in native sizes: int64
	Uint64          // Q, N, P, and L in native sizes: uint64
	Float16         // e: float64
	Float32         // f: float64
	Float64         // d: float64
	Complex64       // Zf: complex128
	Complex128      // Zd: complex128
	Bytes           // s: []byte of the field's length
	Pascal          // p: []byte, length taken from the first byte
	Record          // T{...}: []any, one entry per field
	Opaque          // O, g, Zg, u, w: a known size but no Go value (ErrUnsupported on use)
	Void            // x with a :name: (NumPy's void fields): []byte of the field's length
)

var kindNames = [...]string{
	Invalid: "invalid", Pad: "pad", Char: "char", Bool: "bool",
	Int8: "int8", Uint8: "uint8", Int16: "int16", Uint16: "uint16",
	Int32: "int32", Uint32: "uint32", Int64: "int64", Uint64: "uint64",
	Float16: "float16", Float32: "float32", Float64: "float64",
	Complex64: "complex64", Complex128: "complex128",
	Bytes: "bytes", Pascal: "pascal", Record: "record", Opaque: "opaque", Void: "void",
}

// String returns the kind's name, such as "int16" or "record".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// IsInteger reports whether k is one of the integer kinds.
func (k Kind) IsInteger() bool { return k >= Int8 && k <= Uint64 }

// IsSigned reports whether k is a signed integer kind.
func (k Kind) IsSigned() bool {
	return k == Int8 || k == Int16 || k == Int32 || k == Int64
}

// IsFloat reports whether k is one of the real floating-point kinds.
func (k Kind) IsFloat() bool { return k >= Float16 && k <= Float64 }

// IsComplex reports whether k is one of the complex kinds.
func (k Kind) IsComplex() bool { return k == Complex64 || k == Complex128 }

// IsNumeric reports whether k is an integer, float or complex kind.
func (k Kind) IsNumeric() bool { return k >= Int8 && k <= Complex128 }

// ByteOrder is the byte order of a field. Native-order fields carry the
// order of the machine the program runs on (NativeOrder).
type ByteOrder uint8

// The byte orders.
const (
	LittleEndian ByteOrder = 1
	BigEndian    ByteOrder = 2
)

// nativeEndian is the byte order of the machine the program runs on.
var nativeEndian = nativeOrder()

// NativeOrder returns the byte order of the machine the program runs on:
// the order of native-order fields.
func NativeOrder() ByteOrder { return nativeEndian }

func nativeOrder() ByteOrder {
	var b [2]byte
	binary.NativeEndian.PutUint16(b[:], 1)
	if b[0] == 1 {
		return LittleEndian
	}
	return BigEndian
}

// String returns "little" or "big".
func (o ByteOrder) String() string {
	switch o {
	case LittleEndian:
		return "little"
	case BigEndian:
		return "big"
	}
	return "ByteOrder(" + strconv.Itoa(int(o)) + ")"
}

// Native reports whether o is the byte order of this machine.
func (o ByteOrder) Native() bool { return o == nativeEndian }

// Format is a compiled format string: its size, alignment, number of values
// and fields. A Format is immutable and safe for concurrent use; Parse
// returns the same *Format for the same string while it stays cached.
type Format struct {
	str     string
	size    int
	align   int
	nvalues int
	fields  []Field
	names   map[string]int // record field names -> index; nil outside records
}

// Field is one item of a format: a code with its repeat count or sub-array
// shape, where it lies, and how its bytes are read. Fields are returned by
// value; Shape is a fresh copy, so a Field may be kept and changed freely.
type Field struct {
	// Name is the field's name: as written (":name:") or, inside a T{...}
	// record, NumPy's f0, f1, ... for unnamed fields. Empty otherwise.
	Name string
	// Code is the format code as written without count or order: "i",
	// "Zd", "s", "T" for a record, ...
	Code string
	// Kind is the Go value an element carries.
	Kind Kind
	// Order is the byte order of each element (the machine's own for
	// native-order fields and for one-byte kinds).
	Order ByteOrder
	// Offset is the byte offset of the first element from the start of
	// the enclosing item (the record, for fields of a record).
	Offset int
	// Size is the size in bytes of one element: the string length for s,
	// p and named x, the record size for T{...} (rounded up to the record's
	// alignment when a record is repeated in '@' mode, as NumPy spaces it).
	Size int
	// Count is the number of consecutive elements: the repeat count, times
	// the sub-array shape's product. For s, p and named x the count is
	// the byte length and Count is 1 (or the shape's product).
	Count int
	// Shape is nil when the Count elements are Count separate values, as
	// in struct ("3h" packs three values). Otherwise the field is one
	// value, a nested []any of this shape: a PEP 3118 sub-array "(2,3)h",
	// or a repeated field inside a record, where NumPy reads "3h" as a
	// sub-array of shape (3).
	Shape []int
	// Record is the layout of one element of a T{...} field, nil otherwise.
	Record *Format
	// NumValues is how many values the field packs or unpacks: Count when
	// Shape is nil (0 for padding), else 1.
	NumValues int

	// Standard is set for fields parsed with standard sizes (the prefixes
	// = < > !). It matters to packing alone: like struct, a finite value
	// too large for f (or a Zf part) is ErrRange with standard sizes, and
	// becomes infinity with native sizes, as a C cast does.
	Standard bool
}

// String returns the format string exactly as it was given to Parse. For
// a record field's Record it is the "T{...}" text as written, whose byte
// order may come from a prefix before it in the enclosing string
// (">T{i:a:}"), so it need not parse back to the same layout on its own.
func (f *Format) String() string { return f.str }

// Size is the number of bytes one item of the format occupies, as
// struct.calcsize computes it: the end of the last item, with no trailing
// padding (records included), unless Padded set a larger itemsize.
func (f *Format) Size() int { return f.size }

// Equal reports whether f and g lay out, read and write bytes the same
// way: the same size and alignment, and fields of the same kind, byte
// order, offset, element size, count, sub-array shape and name (and, for
// codes without a Go value, the same code; for f and Zf, the same size
// regime, which decides whether packing overflows), records compared
// field by field. The strings may differ: "<i" equals "<1i", and "=q"
// equals "<q" on a little-endian machine. It does not allocate.
func (f *Format) Equal(g *Format) bool {
	if f == g {
		return true
	}
	if f == nil || g == nil || f.size != g.size || f.align != g.align || len(f.fields) != len(g.fields) {
		return false
	}
	for i := range f.fields {
		a, b := &f.fields[i], &g.fields[i]
		if a.Kind != b.Kind || a.Order != b.Order || a.Offset != b.Offset || a.Size != b.Size ||
			a.Kind == Opaque && a.Code != b.Code || // "O" and "2w" are not the same data
			(a.Kind == Float32 || a.Kind == Complex64) && a.Standard != b.Standard || // f packs differently
			a.Count != b.Count || a.Name != b.Name || len(a.Shape) != len(b.Shape) ||
			(a.Shape == nil) != (b.Shape == nil) || !a.Record.Equal(b.Record) {
			return false
		}
		for j := range a.Shape {
			if a.Shape[j] != b.Shape[j] {
				return false
			}
		}
	}
	return true
}

// Padded returns the format laid out in items of itemsize bytes, the
// bytes after the last field being padding. It is for buffers whose
// exporter reports an itemsize larger than the format string expresses:
// NumPy writes an aligned record such as [('a', '>f8'), ('b', 'i4')] as
// "T{>d:a:@i:b:}" (12 bytes by the string) with itemsize 16. Pack writes
// the padding as zeros; Unpack ignores it. String is unchanged. Padded
// returns f itself when itemsize equals Size, and ErrSize when itemsize
// is smaller. It allocates a new Format otherwise.
func (f *Format) Padded(itemsize int) (*Format, error) {
	switch {
	case itemsize == f.size:
		return f, nil
	case itemsize < f.size:
		return nil, &ValueError{Index: -1, Err: ErrSize,
			Msg: "itemsize " + strconv.Itoa(itemsize) + " is smaller than the format's size " + strconv.Itoa(f.size)}
	}
	g := *f
	g.size = itemsize
	return &g, nil
}

// Align is the alignment in bytes the format's native-aligned ('@')
// fields need for the item's start: the least common multiple of their
// alignments, 1 when there are none (standard sizes, '^', or byte-sized
// codes). It is what the format declares, not what Go needs: a []float64
// over "<d" items needs 8-byte alignment although "<d".Align() is 1.
func (f *Format) Align() int { return f.align }

// NumValues is the number of values one item packs or unpacks at the top
// level: struct's count (a record or sub-array counts once).
func (f *Format) NumValues() int { return f.nvalues }

// NumFields is the number of fields, padding included.
func (f *Format) NumFields() int { return len(f.fields) }

// Field returns field i (0 <= i < NumFields). It panics if i is out of
// range. It allocates only when the field has a sub-array shape.
func (f *Format) Field(i int) Field {
	fl := f.fields[i]
	if fl.Shape != nil {
		fl.Shape = append([]int(nil), fl.Shape...)
	}
	return fl
}

// Fields iterates over the fields in order, padding included, yielding
// each index and field as Field(i) does:
//
//	for i, fl := range f.Fields() { ... }
func (f *Format) Fields() iter.Seq2[int, Field] {
	return func(yield func(int, Field) bool) {
		for i := range f.fields {
			if !yield(i, f.Field(i)) {
				return
			}
		}
	}
}

// FieldByName returns the field called name and its index, or false when
// there is none.
func (f *Format) FieldByName(name string) (Field, int, bool) {
	if f.names != nil {
		if i, ok := f.names[name]; ok {
			return f.Field(i), i, true
		}
		return Field{}, -1, false
	}
	for i := range f.fields {
		if f.fields[i].Name == name && name != "" {
			return f.Field(i), i, true
		}
	}
	return Field{}, -1, false
}

// Scalar returns the format's only field when the format is exactly one
// element with a value and no padding (Padded formats are not scalars), such as "<d", "@i", "Zd" or "3s",
// which is the layout every typed element access of a view relies on.
// Records and repeated or sub-array items are not scalars.
func (f *Format) Scalar() (Field, bool) {
	if !f.scalar() {
		return Field{}, false
	}
	return f.fields[0], true
}

// ScalarKind returns the kind and byte order of a scalar format's one
// value (see Scalar), or ok=false. It is Scalar without the copy of the
// Field, for checks made on every call of a small function.
func (f *Format) ScalarKind() (k Kind, o ByteOrder, ok bool) {
	if !f.scalar() {
		return Invalid, 0, false
	}
	fl := &f.fields[0]
	return fl.Kind, fl.Order, true
}

func (f *Format) scalar() bool {
	if len(f.fields) != 1 {
		return false
	}
	fl := &f.fields[0]
	return fl.Count == 1 && fl.Shape == nil && fl.Kind != Pad && fl.Kind != Record && fl.Offset == 0 && fl.Size == f.size
}

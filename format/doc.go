// Package format compiles struct-style format strings — CPython's struct
// grammar and the PEP 3118 extensions NumPy writes — into immutable
// layouts, and packs and unpacks values with CPython's exact rules.
//
// # Formats
//
// Parse compiles a format once; the result says its size, alignment,
// number of values and, for each field, the kind, byte order, offset,
// count, sub-array shape and name. Parsing the same string again is a
// cached lookup that allocates nothing (for strings up to 512 bytes).
//
//	f, err := format.Parse("<IId")      // two uint32 and a float64, little-endian
//	f.Size()                             // 16
//	f, err = format.Parse("T{<i:x:>d:y:(2,3)Zf:z:}") // a NumPy record
//
// The struct grammar is CPython's on x86-64 Linux: the prefixes @ (native
// order, sizes and alignment; the default), = (native order, standard
// sizes), < > and ! (little-, big- and network-endian, standard sizes);
// the codes x c b B ? h H i I l L q Q n N e f d s p P with optional counts;
// native alignment before each item and no padding after the last.
// ParseStruct accepts exactly that grammar, as struct.calcsize does.
//
// Parse also accepts PEP 3118 as NumPy exports it: T{...} records with
// :name: fields (nested), (2,3) sub-array shapes, Zf and Zd complex,
// byte-order characters anywhere (they last until the next one, across
// record boundaries, as in NumPy's parser), ^ (native sizes, no alignment)
// and = marking an unaligned native field. Inside a record a count is a
// sub-array ("3h" is one field holding three values), as in NumPy; at the
// top level it repeats values, as in struct. The codes O, g, Zg, u and w
// parse, so that a view can carry NumPy's object, long double and unicode
// data, but have no Go value: packing or unpacking them is
// ErrUnsupported. The codes t, & and X{} are refused at parse time.
//
// Records never get implied trailing padding: NumPy writes the gaps
// between fields as explicit x bytes, but reports the padding after the
// last field only through the buffer's itemsize. Padded applies such an
// itemsize.
//
// # Values
//
// Pack, AppendPack and PackInto write values; Unpack, AppendUnpack and
// UnpackTo read them. Integer codes are range-checked against their C
// type; ? reads any non-zero byte as true; s and p truncate or pad with
// zeros; e rounds straight from float64 to half precision (ties to even)
// and f and e refuse finite values beyond their range as struct does
// (native f overflows to infinity, like a C cast); NaN payloads and -0.0
// survive d. AppendPack (given capacity), PackInto and UnpackTo (into
// numeric, bool and []byte pointers) allocate nothing. For hot
// loops, the Field accessors read and write one element at a time without
// boxing: the exact-width ones (Int8 ... Uint64, Float32, Float64) inline
// into the loop; Int, Uint, Float, Complex, Bool and Bytes convert from any
// width, and their setters check ranges as Pack does.
//
// # Reading messages
//
// Reader walks a []byte holding a framed binary protocol: fixed-size
// numbers in a chosen byte order, sub-slices taken without copying, and
// whole items of a Format. Short input gives io.EOF or io.ErrUnexpectedEOF.
//
// # Errors
//
// Every error of Parse, Pack, Unpack and their variants matches at least
// one of the sentinels ErrSyntax, ErrUnsupported, ErrTooLarge, ErrSize,
// ErrRange, ErrType or ErrCount with errors.Is; *SyntaxError gives the
// position in the format string. A Reader reports short input with
// io.EOF and io.ErrUnexpectedEOF. No input makes
// Parse, Pack or Unpack panic; calling a Field accessor on a field of the
// wrong kind, or with an element index out of range, does, as indexing a
// slice out of range does.
package format

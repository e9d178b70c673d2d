package format

import (
	"encoding/binary"
	"io"
	"math"
)

// Reader reads a framed binary protocol out of a byte slice without
// copying: fixed-size numbers in the reader's byte order, sub-slices
// (Bytes), and whole items of a Format. It is how a program walks a large
// blob of messages allocating nothing per message.
//
// A read that finds no bytes left returns io.EOF; one that finds some but
// too few returns io.ErrUnexpectedEOF. A failed read consumes nothing, so
// Offset says where it was tried. The zero Reader reads an empty slice in
// little-endian order. The fixed-size reads are small enough to inline.
type Reader struct {
	// The read position is an index, not a re-sliced rest: advancing it
	// stores no pointer, so it costs no GC write barrier.
	buf   []byte
	off   int
	order ByteOrder
}

// NewReader returns a Reader over b that reads numbers in the given byte
// order (BigEndian, or else little-endian). It does not copy b.
func NewReader(b []byte, order ByteOrder) *Reader {
	return &Reader{buf: b, order: order}
}

// Reset makes r read b from its start, keeping the byte order.
func (r *Reader) Reset(b []byte) { r.buf, r.off = b, 0 }

// SetOrder changes the byte order of the numbers read from now on.
func (r *Reader) SetOrder(o ByteOrder) { r.order = o }

// Order returns the byte order numbers are read in.
func (r *Reader) Order() ByteOrder {
	if r.order == 0 {
		return LittleEndian
	}
	return r.order
}

// Len returns the number of unread bytes.
func (r *Reader) Len() int { return len(r.buf) - r.off }

// Offset returns the number of bytes read so far.
func (r *Reader) Offset() int { return r.off }

// Rest returns the unread bytes without consuming them (no copy).
func (r *Reader) Rest() []byte { return r.buf[r.off:] }

// eof returns the error of a read that found too few bytes: io.EOF when
// none were left, io.ErrUnexpectedEOF otherwise. They are the plain
// sentinels, as io.ReadFull returns them, so that the reads stay small
// enough to inline; Offset tells where the read was tried.
func (r *Reader) eof() error {
	if r.off >= len(r.buf) {
		return io.EOF
	}
	return io.ErrUnexpectedEOF
}

// errNegative is returned for a negative length. A value, not a pointer,
// so that no caller can change it.
var errNegative error = negativeLength{}

type negativeLength struct{}

// Error says the length was negative.
func (negativeLength) Error() string { return "format: negative length" }

// Unwrap returns ErrSize.
func (negativeLength) Unwrap() error { return ErrSize }

// next consumes n bytes, or fails when fewer are left or n < 0.
func (r *Reader) next(n int) ([]byte, error) {
	o := r.off
	if uint(n) > uint(len(r.buf)-o) {
		if n < 0 {
			return nil, errNegative
		}
		return nil, r.eof()
	}
	r.off = o + n
	return r.buf[o : o+n : o+n], nil
}

// Bytes returns the next n bytes as a sub-slice of the reader's buffer
// (no copy; capacity clipped so appending to it never overwrites what
// follows). A negative n is ErrSize.
func (r *Reader) Bytes(n int) ([]byte, error) { return r.next(n) }

// Skip consumes n bytes.
func (r *Reader) Skip(n int) error {
	_, err := r.Bytes(n)
	return err
}

// Uint8 reads one byte.
func (r *Reader) Uint8() (uint8, error) {
	o := r.off
	if o >= len(r.buf) {
		return 0, io.EOF
	}
	r.off = o + 1
	return r.buf[o], nil
}

// Int8 reads one byte as a signed integer.
func (r *Reader) Int8() (int8, error) {
	o := r.off
	if o >= len(r.buf) {
		return 0, io.EOF
	}
	r.off = o + 1
	return int8(r.buf[o]), nil
}

// Uint16 reads a 2-byte unsigned integer.
func (r *Reader) Uint16() (uint16, error) {
	o := r.off
	if len(r.buf)-o < 2 {
		return 0, r.eof()
	}
	r.off = o + 2
	if r.order == BigEndian {
		return binary.BigEndian.Uint16(r.buf[o:]), nil
	}
	return binary.LittleEndian.Uint16(r.buf[o:]), nil
}

// Int16 reads a 2-byte signed integer.
func (r *Reader) Int16() (int16, error) {
	v, err := r.Uint16()
	return int16(v), err
}

// Uint32 reads a 4-byte unsigned integer.
func (r *Reader) Uint32() (uint32, error) {
	o := r.off
	if len(r.buf)-o < 4 {
		return 0, r.eof()
	}
	r.off = o + 4
	if r.order == BigEndian {
		return binary.BigEndian.Uint32(r.buf[o:]), nil
	}
	return binary.LittleEndian.Uint32(r.buf[o:]), nil
}

// Int32 reads a 4-byte signed integer.
func (r *Reader) Int32() (int32, error) {
	v, err := r.Uint32()
	return int32(v), err
}

// Uint64 reads an 8-byte unsigned integer.
func (r *Reader) Uint64() (uint64, error) {
	o := r.off
	if len(r.buf)-o < 8 {
		return 0, r.eof()
	}
	r.off = o + 8
	if r.order == BigEndian {
		return binary.BigEndian.Uint64(r.buf[o:]), nil
	}
	return binary.LittleEndian.Uint64(r.buf[o:]), nil
}

// Int64 reads an 8-byte signed integer.
func (r *Reader) Int64() (int64, error) {
	v, err := r.Uint64()
	return int64(v), err
}

// Float16 reads an IEEE 754 half-precision float, widened exactly.
func (r *Reader) Float16() (float64, error) {
	v, err := r.Uint16()
	if err != nil {
		return 0, err
	}
	return float16val(v), nil
}

// Float32 reads an IEEE 754 single-precision float.
func (r *Reader) Float32() (float32, error) {
	v, err := r.Uint32()
	return math.Float32frombits(v), err
}

// Float64 reads an IEEE 754 double-precision float.
func (r *Reader) Float64() (float64, error) {
	v, err := r.Uint64()
	return math.Float64frombits(v), err
}

// Item returns the bytes of the next item of f (f.Size() bytes, no copy),
// for use with f's Field accessors. Item, Unpack and UnpackTo return
// io.EOF at the end of the input, and refuse a format of size zero with
// ErrSize (reading it would make no progress), so that a loop reading
// items always ends.
func (r *Reader) Item(f *Format) ([]byte, error) {
	if err := r.itemCheck(f); err != nil {
		return nil, err
	}
	return r.next(f.size)
}

// errZeroItem is returned for an item of size zero.
var errZeroItem error = zeroItem{}

type zeroItem struct{}

// Error says the item has no bytes.
func (zeroItem) Error() string { return "format: a Reader cannot read items of size zero" }

// Unwrap returns ErrSize.
func (zeroItem) Unwrap() error { return ErrSize }

// itemCheck fails a read of one item of f at the end of the input, when
// too few bytes are left, or when f has size zero.
func (r *Reader) itemCheck(f *Format) error {
	switch {
	case r.off < len(r.buf) && f.size == 0:
		return errZeroItem
	case len(r.buf)-r.off < f.size || r.off >= len(r.buf):
		return r.eof()
	}
	return nil
}

// Unpack reads the next item of f and returns its values as f.Unpack does.
// The byte order comes from f, not from the reader.
func (r *Reader) Unpack(f *Format) ([]any, error) {
	if err := r.itemCheck(f); err != nil {
		return nil, err
	}
	vals, err := f.Unpack(r.buf[r.off : r.off+f.size])
	if err != nil {
		return nil, err
	}
	r.off += f.size
	return vals, nil
}

// UnpackTo reads the next item of f into ptrs as f.UnpackTo does, without
// allocating. On error nothing is consumed.
func (r *Reader) UnpackTo(f *Format, ptrs ...any) error {
	if err := r.itemCheck(f); err != nil {
		return err
	}
	if err := f.UnpackTo(r.buf[r.off:r.off+f.size], ptrs...); err != nil {
		return err
	}
	r.off += f.size
	return nil
}

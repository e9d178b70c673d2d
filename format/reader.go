package format

import (
	"encoding/binary"
	"io"
	"math"
	"strconv"
)

// Reader reads a framed binary protocol out of a byte slice without
// copying: fixed-size numbers in the reader's byte order, sub-slices
// (Bytes), and whole items of a Format. It is how a program walks a large
// blob of messages allocating nothing per message.
//
// A read that finds no bytes left returns an error matching io.EOF; one
// that finds some but too few returns an error matching
// io.ErrUnexpectedEOF. A failed read consumes nothing. The zero Reader
// reads an empty slice in little-endian order.
type Reader struct {
	buf   []byte
	off   int
	order ByteOrder
}

// NewReader returns a Reader over b that reads numbers in the given byte
// order. It does not copy b.
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

// ShortError reports a read past the end of a Reader's bytes. It matches
// io.EOF when no bytes were left and io.ErrUnexpectedEOF otherwise.
type ShortError struct {
	Offset int // where the read started
	Need   int // bytes the read needed
	Have   int // bytes that were left
}

func (e *ShortError) Error() string {
	return "format: need " + strconv.Itoa(e.Need) + " bytes at offset " + strconv.Itoa(e.Offset) +
		", have " + strconv.Itoa(e.Have)
}

// Unwrap returns io.EOF or io.ErrUnexpectedEOF.
func (e *ShortError) Unwrap() error {
	if e.Have == 0 {
		return io.EOF
	}
	return io.ErrUnexpectedEOF
}

func (r *Reader) short(n int) error {
	return &ShortError{Offset: r.off, Need: n, Have: len(r.buf) - r.off}
}

// next consumes n bytes. The caller has checked n >= 0.
func (r *Reader) next(n int) ([]byte, error) {
	if len(r.buf)-r.off < n {
		return nil, r.short(n)
	}
	b := r.buf[r.off : r.off+n : r.off+n]
	r.off += n
	return b, nil
}

// Bytes returns the next n bytes as a sub-slice of the reader's buffer
// (no copy; capacity clipped so appending to it never overwrites what
// follows). A negative n is ErrSize.
func (r *Reader) Bytes(n int) ([]byte, error) {
	if n < 0 {
		return nil, &ValueError{Index: -1, Err: ErrSize, Msg: "negative length " + strconv.Itoa(n)}
	}
	return r.next(n)
}

// Skip consumes n bytes.
func (r *Reader) Skip(n int) error {
	_, err := r.Bytes(n)
	return err
}

// Uint8 reads one byte.
func (r *Reader) Uint8() (uint8, error) {
	if r.off >= len(r.buf) {
		return 0, r.short(1)
	}
	v := r.buf[r.off]
	r.off++
	return v, nil
}

// Int8 reads one byte as a signed integer.
func (r *Reader) Int8() (int8, error) {
	v, err := r.Uint8()
	return int8(v), err
}

// Uint16 reads a 2-byte unsigned integer.
func (r *Reader) Uint16() (uint16, error) {
	if len(r.buf)-r.off < 2 {
		return 0, r.short(2)
	}
	b := r.buf[r.off : r.off+2]
	r.off += 2
	if r.order == BigEndian {
		return binary.BigEndian.Uint16(b), nil
	}
	return binary.LittleEndian.Uint16(b), nil
}

// Int16 reads a 2-byte signed integer.
func (r *Reader) Int16() (int16, error) {
	v, err := r.Uint16()
	return int16(v), err
}

// Uint32 reads a 4-byte unsigned integer.
func (r *Reader) Uint32() (uint32, error) {
	if len(r.buf)-r.off < 4 {
		return 0, r.short(4)
	}
	b := r.buf[r.off : r.off+4]
	r.off += 4
	if r.order == BigEndian {
		return binary.BigEndian.Uint32(b), nil
	}
	return binary.LittleEndian.Uint32(b), nil
}

// Int32 reads a 4-byte signed integer.
func (r *Reader) Int32() (int32, error) {
	v, err := r.Uint32()
	return int32(v), err
}

// Uint64 reads an 8-byte unsigned integer.
func (r *Reader) Uint64() (uint64, error) {
	if len(r.buf)-r.off < 8 {
		return 0, r.short(8)
	}
	b := r.buf[r.off : r.off+8]
	r.off += 8
	if r.order == BigEndian {
		return binary.BigEndian.Uint64(b), nil
	}
	return binary.LittleEndian.Uint64(b), nil
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
// for use with f's Field accessors.
func (r *Reader) Item(f *Format) ([]byte, error) { return r.next(f.size) }

// Unpack reads the next item of f and returns its values as f.Unpack does.
// The byte order comes from f, not from the reader.
func (r *Reader) Unpack(f *Format) ([]any, error) {
	b, err := r.next(f.size)
	if err != nil {
		return nil, err
	}
	return f.Unpack(b)
}

// UnpackTo reads the next item of f into ptrs as f.UnpackTo does, without
// allocating. On error nothing is consumed.
func (r *Reader) UnpackTo(f *Format, ptrs ...any) error {
	if len(r.buf)-r.off < f.size {
		return r.short(f.size)
	}
	if err := f.UnpackTo(r.buf[r.off:r.off+f.size], ptrs...); err != nil {
		return err
	}
	r.off += f.size
	return nil
}

package fuzz

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"

	"github.com/ndview/ndview/format"
)

// FuzzReader: a random sequence of reads over random bytes never panics;
// each read returns exactly the bytes at the reader's offset in the
// reader's order and advances past them, and a failed read (io.EOF when
// nothing is left, io.ErrUnexpectedEOF when too little) consumes nothing.
func FuzzReader(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7}, []byte("\x01\x00\x02\x00\x00\x00hello world"))
	f.Add([]byte{5, 200, 5, 3, 6}, []byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, ops, data []byte) {
		r := format.NewReader(data, format.LittleEndian)
		var order binary.AppendByteOrder = binary.LittleEndian
		for _, op := range ops {
			off := r.Offset()
			left := len(data) - off
			var n int
			var got []byte
			var err error
			switch op % 7 {
			case 0:
				n = 1
				var v uint8
				v, err = r.Uint8()
				got = []byte{v}
			case 1:
				n = 2
				var v uint16
				v, err = r.Uint16()
				got = order.AppendUint16(nil, v)
			case 2:
				n = 4
				var v uint32
				v, err = r.Uint32()
				got = order.AppendUint32(nil, v)
			case 3:
				n = 8
				var v uint64
				v, err = r.Uint64()
				got = order.AppendUint64(nil, v)
			case 4:
				n = int(op>>3) - 4 // -4 .. 27: negative lengths too
				got, err = r.Bytes(n)
				if n < 0 {
					if !errors.Is(err, format.ErrSize) || r.Offset() != off {
						t.Fatalf("Bytes(%d) = %v, offset %d -> %d", n, err, off, r.Offset())
					}
					continue
				}
				if err == nil && cap(got) != n {
					t.Fatalf("Bytes(%d) has capacity %d", n, cap(got))
				}
			case 5:
				if op&8 != 0 {
					r.SetOrder(format.BigEndian)
					order = binary.BigEndian
				} else {
					r.SetOrder(format.LittleEndian)
					order = binary.LittleEndian
				}
				continue
			case 6:
				n = int(op >> 4)
				err = r.Skip(n)
				if err == nil {
					got = data[off : off+n]
				}
			}
			switch {
			case n > left:
				want := io.ErrUnexpectedEOF
				if left == 0 {
					want = io.EOF
				}
				if err != want || r.Offset() != off {
					t.Fatalf("op %d needing %d of %d bytes: %v, offset %d -> %d", op%7, n, left, err, off, r.Offset())
				}
			case err != nil:
				t.Fatalf("op %d needing %d of %d bytes: %v", op%7, n, left, err)
			case r.Offset() != off+n || !bytes.Equal(got, data[off:off+n]):
				t.Fatalf("op %d at %d read %x, offset -> %d; want %x", op%7, off, got, r.Offset(), data[off:off+n])
			}
		}
		if r.Len() != len(data)-r.Offset() || !bytes.Equal(r.Rest(), data[r.Offset():]) {
			t.Fatalf("Len %d, Rest %x at offset %d", r.Len(), r.Rest(), r.Offset())
		}
	})
}

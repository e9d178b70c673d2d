package format_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"testing"

	"github.com/ndview/ndview/format"
)

// readOp is one fixed-size read of a Reader, its value widened for comparison.
type readOp struct {
	name string
	size int
	read func(r *format.Reader) (any, error)
	// want decodes the expected value from size bytes in the order.
	want func(b []byte, o binary.ByteOrder) any
}

var readOps = []readOp{
	{"Uint8", 1,
		func(r *format.Reader) (any, error) { return r.Uint8() },
		func(b []byte, _ binary.ByteOrder) any { return b[0] }},
	{"Int8", 1,
		func(r *format.Reader) (any, error) { return r.Int8() },
		func(b []byte, _ binary.ByteOrder) any { return int8(b[0]) }},
	{"Uint16", 2,
		func(r *format.Reader) (any, error) { return r.Uint16() },
		func(b []byte, o binary.ByteOrder) any { return o.Uint16(b) }},
	{"Int16", 2,
		func(r *format.Reader) (any, error) { return r.Int16() },
		func(b []byte, o binary.ByteOrder) any { return int16(o.Uint16(b)) }},
	{"Uint32", 4,
		func(r *format.Reader) (any, error) { return r.Uint32() },
		func(b []byte, o binary.ByteOrder) any { return o.Uint32(b) }},
	{"Int32", 4,
		func(r *format.Reader) (any, error) { return r.Int32() },
		func(b []byte, o binary.ByteOrder) any { return int32(o.Uint32(b)) }},
	{"Uint64", 8,
		func(r *format.Reader) (any, error) { return r.Uint64() },
		func(b []byte, o binary.ByteOrder) any { return o.Uint64(b) }},
	{"Int64", 8,
		func(r *format.Reader) (any, error) { return r.Int64() },
		func(b []byte, o binary.ByteOrder) any { return int64(o.Uint64(b)) }},
	{"Float16", 2,
		func(r *format.Reader) (any, error) { return r.Float16() },
		nil}, // checked separately: needs a half decoder
	{"Float32", 4,
		func(r *format.Reader) (any, error) { return r.Float32() },
		func(b []byte, o binary.ByteOrder) any { return math.Float32frombits(o.Uint32(b)) }},
	{"Float64", 8,
		func(r *format.Reader) (any, error) { return r.Float64() },
		func(b []byte, o binary.ByteOrder) any { return math.Float64frombits(o.Uint64(b)) }},
}

func stdOrder(o format.ByteOrder) binary.ByteOrder {
	if o == format.BigEndian {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

func TestReaderReads(t *testing.T) {
	data := []byte{0x81, 0xc2, 0x13, 0xf4, 0x35, 0x46, 0x57, 0xe8, 0x79, 0x8a}
	for _, order := range []format.ByteOrder{format.LittleEndian, format.BigEndian} {
		for _, op := range readOps {
			if op.want == nil {
				continue
			}
			t.Run(order.String()+"/"+op.name, func(t *testing.T) {
				r := format.NewReader(data, order)
				if r.Order() != order {
					t.Errorf("Order() = %v, want %v", r.Order(), order)
				}
				if err := r.Skip(1); err != nil {
					t.Fatal(err)
				}
				got, err := op.read(r)
				if err != nil {
					t.Fatalf("%s: %v", op.name, err)
				}
				want := op.want(data[1:1+op.size], stdOrder(order))
				if got != want {
					t.Errorf("%s = %v (%T), want %v", op.name, got, got, want)
				}
				if r.Offset() != 1+op.size || r.Len() != len(data)-1-op.size {
					t.Errorf("after %s: Offset %d Len %d", op.name, r.Offset(), r.Len())
				}
			})
		}
	}
}

func TestReaderFloats(t *testing.T) {
	le := format.NewReader([]byte{0x00, 0x3e, 0x55, 0x35, 0x01, 0x7c, 0x00, 0x80}, format.LittleEndian)
	be := format.NewReader([]byte{0x3e, 0x00, 0x35, 0x55, 0x7c, 0x01, 0x80, 0x00}, format.BigEndian)
	for _, r := range []*format.Reader{le, be} {
		want := []float64{1.5, 0.333251953125}
		for _, w := range want {
			if x, err := r.Float16(); err != nil || x != w {
				t.Errorf("%v Float16 = %v, %v; want %v", r.Order(), x, err, w)
			}
		}
		if x, err := r.Float16(); err != nil || !math.IsNaN(x) {
			t.Errorf("%v Float16 of 7c01 = %v, %v; want NaN", r.Order(), x, err)
		}
		if x, err := r.Float16(); err != nil || x != 0 || !math.Signbit(x) {
			t.Errorf("%v Float16 of 8000 = %v, %v; want -0", r.Order(), x, err)
		}
	}
	nan := math.Float64frombits(0x7ff8ff0000000001)
	b := binary.BigEndian.AppendUint64(nil, math.Float64bits(nan))
	r := format.NewReader(b, format.BigEndian)
	if x, err := r.Float64(); err != nil || math.Float64bits(x) != 0x7ff8ff0000000001 {
		t.Errorf("Float64 NaN payload = %016x, %v", math.Float64bits(x), err)
	}
}

func TestReaderEOF(t *testing.T) {
	for _, op := range readOps {
		t.Run(op.name, func(t *testing.T) {
			for _, order := range []format.ByteOrder{format.LittleEndian, format.BigEndian} {
				r := format.NewReader(nil, order)
				if _, err := op.read(r); err != io.EOF {
					t.Errorf("%s on empty: %v, want io.EOF", op.name, err)
				}
				if op.size > 1 {
					for n := 1; n < op.size; n++ {
						r := format.NewReader(make([]byte, n), order)
						if _, err := op.read(r); err != io.ErrUnexpectedEOF {
							t.Errorf("%s with %d bytes: %v, want io.ErrUnexpectedEOF", op.name, n, err)
						}
						if r.Offset() != 0 || r.Len() != n {
							t.Errorf("%s failed but consumed: Offset %d Len %d", op.name, r.Offset(), r.Len())
						}
					}
				}
				// At a non-zero offset.
				r = format.NewReader(make([]byte, 3+op.size-1), order)
				_ = r.Skip(3)
				_, err := op.read(r)
				want := io.ErrUnexpectedEOF
				if op.size == 1 {
					want = io.EOF // no bytes left at all
				}
				if err != want {
					t.Errorf("%s at offset 3 with %d bytes left: %v, want %v", op.name, op.size-1, err, want)
				}
				if r.Offset() != 3 {
					t.Errorf("%s failed but Offset moved to %d", op.name, r.Offset())
				}
			}
		})
	}
	// A sequence ending exactly, then EOF.
	r := format.NewReader([]byte{1, 2, 3}, format.LittleEndian)
	if v, err := r.Uint16(); err != nil || v != 0x0201 {
		t.Fatalf("Uint16 = %x, %v", v, err)
	}
	if _, err := r.Uint16(); err != io.ErrUnexpectedEOF || r.Offset() != 2 {
		t.Errorf("Uint16 with 1 byte left: %v, Offset %d", err, r.Offset())
	}
	if v, err := r.Uint8(); err != nil || v != 3 {
		t.Errorf("Uint8 = %d, %v", v, err)
	}
	if _, err := r.Uint8(); err != io.EOF {
		t.Errorf("Uint8 at end: %v, want io.EOF", err)
	}
	if _, err := r.Uint64(); err != io.EOF || r.Offset() != 3 {
		t.Errorf("Uint64 at end: %v, Offset %d", err, r.Offset())
	}
}

func TestReaderBytes(t *testing.T) {
	data := []byte("hello, world")
	r := format.NewReader(data, format.BigEndian)
	b, err := r.Bytes(5)
	if err != nil || string(b) != "hello" {
		t.Fatalf("Bytes(5) = %q, %v", b, err)
	}
	if cap(b) != 5 || &b[0] != &data[0] {
		t.Errorf("Bytes(5): cap %d, want a clipped sub-slice of the input", cap(b))
	}
	_ = append(b, "XX"...)
	if string(data) != "hello, world" {
		t.Errorf("appending to Bytes' result overwrote the input: %q", data)
	}
	off := r.Offset()
	_, err = r.Bytes(-1)
	if !errors.Is(err, format.ErrSize) || err == io.EOF || err == io.ErrUnexpectedEOF {
		t.Errorf("Bytes(-1) = %v, want ErrSize", err)
	}
	if r.Offset() != off {
		t.Errorf("Bytes(-1) moved Offset to %d", r.Offset())
	}
	if _, err := r.Bytes(100); err != io.ErrUnexpectedEOF || r.Offset() != off {
		t.Errorf("Bytes(100) = %v, Offset %d", err, r.Offset())
	}
	if e, err := r.Bytes(0); err != nil || len(e) != 0 {
		t.Errorf("Bytes(0) = %q, %v", e, err)
	}
	rest := r.Rest()
	if string(rest) != ", world" || r.Offset() != off {
		t.Errorf("Rest = %q (Offset %d)", rest, r.Offset())
	}
	if &rest[0] != &data[5] {
		t.Errorf("Rest copied the bytes")
	}
	if b, err := r.Bytes(r.Len()); err != nil || string(b) != ", world" {
		t.Errorf("Bytes(Len()) = %q, %v", b, err)
	}
	if b, err := r.Bytes(0); err != nil || len(b) != 0 {
		t.Errorf("Bytes(0) at end = %q, %v", b, err)
	}
	if _, err := r.Bytes(1); err != io.EOF {
		t.Errorf("Bytes(1) at end = %v, want io.EOF", err)
	}
	if _, err := r.Bytes(-1); !errors.Is(err, format.ErrSize) {
		t.Errorf("Bytes(-1) at end = %v, want ErrSize", err)
	}
	if len(r.Rest()) != 0 {
		t.Errorf("Rest at end = %q", r.Rest())
	}
}

func TestReaderSkipResetOrder(t *testing.T) {
	data := []byte{1, 2, 3, 4, 5, 6}
	r := format.NewReader(data, format.BigEndian)
	if err := r.Skip(2); err != nil || r.Offset() != 2 {
		t.Fatalf("Skip(2): %v, Offset %d", err, r.Offset())
	}
	if err := r.Skip(5); err != io.ErrUnexpectedEOF || r.Offset() != 2 {
		t.Errorf("Skip(5): %v, Offset %d", err, r.Offset())
	}
	if err := r.Skip(-1); !errors.Is(err, format.ErrSize) || r.Offset() != 2 {
		t.Errorf("Skip(-1): %v, Offset %d", err, r.Offset())
	}
	if v, _ := r.Uint16(); v != 0x0304 {
		t.Errorf("big-endian Uint16 = %04x", v)
	}
	r.SetOrder(format.LittleEndian)
	if r.Order() != format.LittleEndian {
		t.Errorf("Order after SetOrder = %v", r.Order())
	}
	if v, _ := r.Uint16(); v != 0x0605 {
		t.Errorf("little-endian Uint16 = %04x", v)
	}
	if err := r.Skip(1); err != io.EOF {
		t.Errorf("Skip(1) at end = %v, want io.EOF", err)
	}
	if err := r.Skip(0); err != nil {
		t.Errorf("Skip(0) at end = %v", err)
	}
	r.SetOrder(format.BigEndian)
	r.Reset(data[2:])
	if r.Offset() != 0 || r.Len() != 4 || r.Order() != format.BigEndian {
		t.Errorf("after Reset: Offset %d Len %d Order %v", r.Offset(), r.Len(), r.Order())
	}
	if v, _ := r.Uint32(); v != 0x03040506 {
		t.Errorf("Uint32 after Reset = %08x", v)
	}

	// The zero Reader: empty, little-endian.
	var z format.Reader
	if z.Order() != format.LittleEndian || z.Len() != 0 || z.Offset() != 0 || len(z.Rest()) != 0 {
		t.Errorf("zero Reader: Order %v Len %d Offset %d", z.Order(), z.Len(), z.Offset())
	}
	if _, err := z.Uint8(); err != io.EOF {
		t.Errorf("zero Reader Uint8 = %v, want io.EOF", err)
	}
	if _, err := z.Float64(); err != io.EOF {
		t.Errorf("zero Reader Float64 = %v, want io.EOF", err)
	}
	if b, err := z.Bytes(0); err != nil || len(b) != 0 {
		t.Errorf("zero Reader Bytes(0) = %v, %v", b, err)
	}
	z.Reset([]byte{1, 2})
	if v, err := z.Uint16(); err != nil || v != 0x0201 {
		t.Errorf("zero Reader after Reset: Uint16 = %04x, %v; want little-endian 0201", v, err)
	}
}

func TestReaderFormat(t *testing.T) {
	f := format.MustParse(">hI")
	item, _ := f.Pack(-2, 7)
	data := append(append(append([]byte(nil), item...), item...), 0xaa, 0xbb)
	// The reader's order does not matter for items: f says big-endian.
	r := format.NewReader(data, format.LittleEndian)

	b, err := r.Item(f)
	if err != nil || !bytes.Equal(b, item) || cap(b) != f.Size() || &b[0] != &data[0] {
		t.Errorf("Item = % x (cap %d), %v; want a clipped sub-slice % x", b, cap(b), err, item)
	}
	if fl := f.Field(0); fl.Int(b, 0) != -2 {
		t.Errorf("Field.Int on Item = %d", fl.Int(b, 0))
	}

	vals, err := r.Unpack(f)
	if err != nil || len(vals) != 2 || vals[0] != int64(-2) || vals[1] != uint64(7) {
		t.Errorf("Unpack = %#v, %v", vals, err)
	}
	if r.Offset() != 12 {
		t.Errorf("Offset after two items = %d", r.Offset())
	}

	// Short: ErrUnexpectedEOF, nothing consumed, by every item read.
	var h int16
	var u uint32
	if _, err := r.Item(f); err != io.ErrUnexpectedEOF || r.Offset() != 12 {
		t.Errorf("Item short: %v, Offset %d", err, r.Offset())
	}
	if _, err := r.Unpack(f); err != io.ErrUnexpectedEOF || r.Offset() != 12 {
		t.Errorf("Unpack short: %v, Offset %d", err, r.Offset())
	}
	if err := r.UnpackTo(f, &h, &u); err != io.ErrUnexpectedEOF || r.Offset() != 12 {
		t.Errorf("UnpackTo short: %v, Offset %d", err, r.Offset())
	}
	_ = r.Skip(2)
	if _, err := r.Item(f); err != io.EOF {
		t.Errorf("Item at end: %v, want io.EOF", err)
	}
	if _, err := r.Unpack(f); err != io.EOF {
		t.Errorf("Unpack at end: %v, want io.EOF", err)
	}
	if err := r.UnpackTo(f, &h, &u); err != io.EOF {
		t.Errorf("UnpackTo at end: %v, want io.EOF", err)
	}
	// At the end, even a zero-size item is io.EOF, so item loops end;
	// before the end it reads nothing.
	empty := format.MustParse("")
	if b, err := r.Item(empty); err != io.EOF || b != nil {
		t.Errorf("Item of empty format at end = %v, %v; want io.EOF", b, err)
	}
	if _, err := r.Unpack(empty); err != io.EOF {
		t.Errorf("Unpack of empty format at end: %v, want io.EOF", err)
	}
	// Before the end, a zero-size item is refused: a loop reading it
	// would make no progress.
	r2 := format.NewReader([]byte{1}, format.LittleEndian)
	for _, s := range []string{"", "T{}", "0s"} {
		if b, err := r2.Item(format.MustParse(s)); !errors.Is(err, format.ErrSize) || b != nil || r2.Offset() != 0 {
			t.Errorf("Item(%q) before the end = %v, %v; want ErrSize", s, b, err)
		}
		if _, err := r2.Unpack(format.MustParse(s)); !errors.Is(err, format.ErrSize) {
			t.Errorf("Unpack(%q) before the end: %v; want ErrSize", s, err)
		}
	}

	r.Reset(data)
	if err := r.UnpackTo(f, &h, &u); err != nil || h != -2 || u != 7 || r.Offset() != 6 {
		t.Errorf("UnpackTo = %d %d, %v, Offset %d", h, u, err, r.Offset())
	}
	// A failed UnpackTo consumes nothing.
	var s string
	if err := r.UnpackTo(f, &s, &u); !errors.Is(err, format.ErrType) || r.Offset() != 6 {
		t.Errorf("UnpackTo bad pointer: %v, Offset %d", err, r.Offset())
	}
	if err := r.UnpackTo(f, &h); !errors.Is(err, format.ErrCount) || r.Offset() != 6 {
		t.Errorf("UnpackTo too few pointers: %v, Offset %d", err, r.Offset())
	}
	var i8 int8
	r.Reset([]byte{0x01, 0x2c, 0, 0, 0, 0})
	if err := r.UnpackTo(f, &i8, &u); !errors.Is(err, format.ErrRange) || r.Offset() != 0 {
		t.Errorf("UnpackTo 300 into *int8: %v, Offset %d", err, r.Offset())
	}
}

// TestReaderUnpackFailureConsumesNothing: "A failed read consumes nothing".
func TestReaderUnpackFailureConsumesNothing(t *testing.T) {
	f := format.MustParse("O")
	r := format.NewReader(make([]byte, 16), format.LittleEndian)
	if _, err := r.Unpack(f); !errors.Is(err, format.ErrUnsupported) {
		t.Fatalf("Unpack O = %v, want ErrUnsupported", err)
	}
	if r.Offset() != 0 {
		t.Errorf("a failed Unpack consumed %d bytes", r.Offset())
	}
}

func TestReaderAllocations(t *testing.T) {
	f := format.MustParse("<IId")
	item, _ := f.Pack(1, 2, 3.5)
	data := bytes.Repeat(item, 4)
	var r format.Reader
	var a, b uint32
	var c float64
	var sink uint64
	n := testing.AllocsPerRun(200, func() {
		r.Reset(data)
		u8, _ := r.Uint8()
		i8, _ := r.Int8()
		u16, _ := r.Uint16()
		i16, _ := r.Int16()
		u32, _ := r.Uint32()
		i32, _ := r.Int32()
		u64, _ := r.Uint64()
		i64, _ := r.Int64()
		h, _ := r.Float16()
		f32, _ := r.Float32()
		f64, _ := r.Float64()
		bs, _ := r.Bytes(3)
		_ = r.Skip(1)
		_ = r.UnpackTo(f, &a, &b, &c)
		it, _ := r.Item(f)
		_, _ = r.Uint64()   // EOF or a value
		_ = r.Skip(1 << 20) // error path
		sink += uint64(u8) + uint64(i8) + uint64(u16) + uint64(i16) + uint64(u32) + uint64(i32) +
			u64 + uint64(i64) + uint64(h) + uint64(f32) + uint64(f64) + uint64(len(bs)) + uint64(len(it))
	})
	if n != 0 {
		t.Errorf("Reader reads: %v allocations per run, want 0", n)
	}
	_ = sink
}

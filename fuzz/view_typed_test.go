package fuzz

import (
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"runtime"
	"testing"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// typedFormats are every numeric, bool and char code in every byte order
// (the native-only codes n, N and P fail to parse with the others and are
// skipped), and e, which no Go type reads.
var typedFormats = func() []string {
	var out []string
	for _, p := range []string{"", "@", "=", "<", ">", "!"} {
		for _, c := range []string{"b", "B", "c", "?", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "P", "f", "d", "Zf", "Zd", "e"} {
			out = append(out, p+c)
		}
	}
	return out
}()

type (
	myInt16 int16
	myFloat float64
)

// FuzzTyped: over a view of a numeric format in either byte order, at any
// alignment and with any strides, As succeeds exactly for the Go types of
// the format's kind and size (defined types included) and fails with
// ErrType for the others; At (and At1, At2, and the package-level At) over
// every index equals the value decoded from the element's bytes with
// encoding/binary;
// Direct holds exactly for native order, no bool, and every element
// aligned; All and the concatenated Chunks give the elements in C order,
// Chunks as slices of the view's own memory when Direct. On a writable
// view Set (Set1, Set2, the package-level Set) then At round-trips, and the
// element's bytes are the value's encoding; on a read-only view Set panics
// with ErrReadOnly. An Array of an empty view at the end of its buffer
// survives garbage collection (gcCheckAs).
func FuzzTyped(f *testing.F) {
	for _, seed := range typedSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &src{data}
		c := decodeLayoutOf(s, s.n(2) == 0, typedFormats)
		if c.l.Format == nil {
			return
		}
		v, err := ndview.FromLayout(c.buf, c.l)
		if err != nil {
			return
		}
		fl, ok := c.l.Format.Scalar()
		if !ok {
			t.Fatalf("%q is not a scalar format", c.fmtstr)
		}
		seed := s.u8()
		if v.Len() == 0 && v.Offset() == len(c.buf) {
			gcCheckAs(t, c.l, fl)
		}
		checkAs[int8](t, v, fl)
		checkAs[uint8](t, v, fl)
		checkAs[int16](t, v, fl)
		checkAs[uint16](t, v, fl)
		checkAs[int32](t, v, fl)
		checkAs[uint32](t, v, fl)
		checkAs[int64](t, v, fl)
		checkAs[int](t, v, fl)
		checkAs[uint64](t, v, fl)
		checkAs[uint](t, v, fl)
		checkAs[uintptr](t, v, fl)
		checkAs[float32](t, v, fl)
		checkAs[float64](t, v, fl)
		checkAs[complex64](t, v, fl)
		checkAs[complex128](t, v, fl)
		checkAs[bool](t, v, fl)
		checkAs[myInt16](t, v, fl)
		checkAs[myFloat](t, v, fl)
		switch fl.Kind {
		case format.Int8:
			checkTyped[int8](t, v, fl, seed)
		case format.Uint8, format.Char:
			checkTyped[uint8](t, v, fl, seed)
		case format.Int16:
			checkTyped[int16](t, v, fl, seed)
		case format.Uint16:
			checkTyped[uint16](t, v, fl, seed)
		case format.Int32:
			checkTyped[int32](t, v, fl, seed)
		case format.Uint32:
			checkTyped[uint32](t, v, fl, seed)
		case format.Int64:
			checkTyped[int64](t, v, fl, seed)
			checkTyped[int](t, v, fl, seed)
		case format.Uint64:
			checkTyped[uint64](t, v, fl, seed)
			checkTyped[uint](t, v, fl, seed)
			checkTyped[uintptr](t, v, fl, seed)
		case format.Float32:
			checkTyped[float32](t, v, fl, seed)
		case format.Float64:
			checkTyped[float64](t, v, fl, seed)
		case format.Complex64:
			checkTyped[complex64](t, v, fl, seed)
		case format.Complex128:
			checkTyped[complex128](t, v, fl, seed)
		case format.Bool:
			checkTyped[bool](t, v, fl, seed)
		}
	})
}

// gcCheckAs builds views of layout l (which has no elements) at the end
// of fresh buffers of whole pages and keeps the Arrays As returns for them
// alive across garbage collections. An Array must hold no pointer past the
// end of its buffer: the collector finds such a pointer, when the memory
// after the buffer is not in use, and stops the program with "found bad
// pointer in Go heap". 64 buffers make that all but certain.
func gcCheckAs(t *testing.T, l ndview.Layout, fl format.Field) {
	t.Helper()
	var keep []any
	for i := range 64 {
		buf := make([]byte, 8192*(1+i%4))
		l.Offset = len(buf)
		v, err := ndview.FromLayout(buf, l)
		if err != nil {
			t.Fatalf("an empty view at the end of a buffer: %v", err)
		}
		keep = append(keep, typedArray(v, fl))
		if i%8 == 7 {
			runtime.GC()
			keep = keep[:0]
		}
	}
}

// typedArray returns As[T](v) for the first T that reads fl, boxed.
func typedArray(v ndview.View, fl format.Field) any {
	var a any
	var err error
	switch fl.Kind {
	case format.Int8:
		a, err = ndview.As[int8](v)
	case format.Uint8, format.Char:
		a, err = ndview.As[uint8](v)
	case format.Int16:
		a, err = ndview.As[int16](v)
	case format.Uint16:
		a, err = ndview.As[uint16](v)
	case format.Int32:
		a, err = ndview.As[int32](v)
	case format.Uint32:
		a, err = ndview.As[uint32](v)
	case format.Int64:
		a, err = ndview.As[int64](v)
	case format.Uint64:
		a, err = ndview.As[uint64](v)
	case format.Float32:
		a, err = ndview.As[float32](v)
	case format.Float64:
		a, err = ndview.As[float64](v)
	case format.Complex64:
		a, err = ndview.As[complex64](v)
	case format.Complex128:
		a, err = ndview.As[complex128](v)
	case format.Bool:
		a, err = ndview.As[bool](v)
	}
	if err != nil {
		panic(err)
	}
	return a
}

// typedSeeds are fitted layouts (tlay) and a seed for the values Set
// writes.
var typedSeeds = [][]byte{
	// C order at an odd address; reversed; Fortran order; bools with bytes other than 0 and 1.
	tlay(">d", []byte{3, 4}, nil, false, 0, 0, 3, 0, 9, 1),
	tlay("<i", []byte{7}, items(-1), false, 0, 0, 0, 0, 7, 2),
	tlay("Zf", []byte{4, 5}, items(1, 4), false, 0, 0, 0, 0, 1, 3),
	tlay("?", []byte{7}, nil, false, 0, 0, 0, 0, 3, 4),
	tlay("!Zd", []byte{5}, nil, false, 0, 0, 0, 0, 2, 5),
	// unaligned strides; a broadcast, read-only; an empty view.
	tlay("@q", []byte{3, 3}, []byte{raw(5), raw(-4)}, false, 0, 0, 0, 0, 1, 6),
	tlay("f", []byte{4, 4}, items(0, 1), true, 0, 0, 0, 0, 3, 7),
	tlay("f", []byte{4, 0}, nil, false, 0, 0, 0, 0, 3, 8),
	// native 2-D views, aligned and not; every other order and size.
	tlay("h", []byte{3, 5}, nil, false, 0, 0, 0, 0, 4, 9),
	tlay("@Q", []byte{2, 3}, nil, false, 0, 0, 1, 0, 4, 10),
	tlay("=L", []byte{2, 2, 2}, nil, false, 0, 0, 0, 0, 5, 11),
	tlay("<H", []byte{4}, items(2), false, 0, 0, 0, 0, 6, 12),
	tlay(">b", []byte{5}, nil, false, 0, 0, 0, 0, 7, 13),
	tlay("c", []byte{5}, nil, false, 0, 0, 0, 0, 8, 14),
	tlay("P", []byte{2}, nil, false, 0, 0, 0, 0, 8, 15),
	tlay("@n", []byte{2}, nil, false, 0, 0, 0, 0, 8, 15),
	tlay("!I", []byte{3}, nil, false, 0, 0, 0, 0, 8, 15),
	// e: no Go type reads it.
	tlay("e", []byte{4}, nil, false, 0, 0, 0, 0, 1, 1),
}

// checkAs checks that As[T] succeeds exactly when T matches the format.
func checkAs[T ndview.Elem](t *testing.T, v ndview.View, fl format.Field) {
	t.Helper()
	var zero T
	_, err := ndview.As[T](v)
	if want := typeMatches(reflect.TypeOf(zero), fl); (err == nil) != want || err != nil && !errors.Is(err, ndview.ErrType) {
		t.Fatalf("As[%T] of a %s (%s) view: %v, want success %v", zero, fl.Kind, fl.Code, err, want)
	}
}

func typeMatches(rt reflect.Type, fl format.Field) bool {
	if int(rt.Size()) != fl.Size {
		return false
	}
	switch rt.Kind() {
	case reflect.Int8:
		return fl.Kind == format.Int8
	case reflect.Uint8:
		return fl.Kind == format.Uint8 || fl.Kind == format.Char
	case reflect.Int16:
		return fl.Kind == format.Int16
	case reflect.Uint16:
		return fl.Kind == format.Uint16
	case reflect.Int32:
		return fl.Kind == format.Int32
	case reflect.Uint32:
		return fl.Kind == format.Uint32
	case reflect.Int64, reflect.Int:
		return fl.Kind == format.Int64
	case reflect.Uint64, reflect.Uint, reflect.Uintptr:
		return fl.Kind == format.Uint64
	case reflect.Float32:
		return fl.Kind == format.Float32
	case reflect.Float64:
		return fl.Kind == format.Float64
	case reflect.Complex64:
		return fl.Kind == format.Complex64
	case reflect.Complex128:
		return fl.Kind == format.Complex128
	case reflect.Bool:
		return fl.Kind == format.Bool
	}
	return false
}

func byteOrder(fl format.Field) binary.ByteOrder {
	if fl.Order == format.BigEndian {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// decodeElem reads a T from its bytes in the given order with
// encoding/binary.
func decodeElem[T ndview.Elem](b []byte, o binary.ByteOrder) T {
	var x T
	switch p := any(&x).(type) {
	case *int8:
		*p = int8(b[0])
	case *uint8:
		*p = b[0]
	case *bool:
		*p = b[0] != 0
	case *int16:
		*p = int16(o.Uint16(b))
	case *uint16:
		*p = o.Uint16(b)
	case *int32:
		*p = int32(o.Uint32(b))
	case *uint32:
		*p = o.Uint32(b)
	case *int64:
		*p = int64(o.Uint64(b))
	case *int:
		*p = int(int64(o.Uint64(b)))
	case *uint64:
		*p = o.Uint64(b)
	case *uint:
		*p = uint(o.Uint64(b))
	case *uintptr:
		*p = uintptr(o.Uint64(b))
	case *float32:
		*p = math.Float32frombits(o.Uint32(b))
	case *float64:
		*p = math.Float64frombits(o.Uint64(b))
	case *complex64:
		*p = complex(math.Float32frombits(o.Uint32(b)), math.Float32frombits(o.Uint32(b[4:])))
	case *complex128:
		*p = complex(math.Float64frombits(o.Uint64(b)), math.Float64frombits(o.Uint64(b[8:])))
	default:
		panic("decodeElem: unexpected type")
	}
	return x
}

// encodeElem is decodeElem's inverse: the bytes of x in the given order
// (a bool as 0 or 1). Comparing encodings compares floats bit for bit.
func encodeElem[T ndview.Elem](x T, o binary.AppendByteOrder) []byte {
	switch x := any(x).(type) {
	case int8:
		return []byte{byte(x)}
	case uint8:
		return []byte{x}
	case bool:
		if x {
			return []byte{1}
		}
		return []byte{0}
	case int16:
		return o.AppendUint16(nil, uint16(x))
	case uint16:
		return o.AppendUint16(nil, x)
	case int32:
		return o.AppendUint32(nil, uint32(x))
	case uint32:
		return o.AppendUint32(nil, x)
	case int64:
		return o.AppendUint64(nil, uint64(x))
	case int:
		return o.AppendUint64(nil, uint64(x))
	case uint64:
		return o.AppendUint64(nil, x)
	case uint:
		return o.AppendUint64(nil, uint64(x))
	case uintptr:
		return o.AppendUint64(nil, uint64(x))
	case float32:
		return o.AppendUint32(nil, math.Float32bits(x))
	case float64:
		return o.AppendUint64(nil, math.Float64bits(x))
	case complex64:
		return o.AppendUint32(o.AppendUint32(nil, math.Float32bits(real(x))), math.Float32bits(imag(x)))
	case complex128:
		return o.AppendUint64(o.AppendUint64(nil, math.Float64bits(real(x))), math.Float64bits(imag(x)))
	}
	panic("encodeElem: unexpected type")
}

// checkTyped checks typed access to v as T (see FuzzTyped).
func checkTyped[T ndview.Elem](t *testing.T, v ndview.View, fl format.Field, seed byte) {
	t.Helper()
	a, err := ndview.As[T](v)
	if err != nil {
		t.Fatalf("As[%T]: %v: %s", *new(T), err, describe(v))
	}
	l := v.Layout()
	order := byteOrder(fl)
	aorder := order.(binary.AppendByteOrder)
	buf := v.Buffer()
	item := v.ItemSize()
	n := elems(l.Shape)
	if n < 0 {
		return
	}
	offs := offsets(l.Offset, l.Shape, l.Strides, false)

	// Direct: native order, not bool, every element aligned for T.
	align := uintptr(reflect.TypeFor[T]().Align())
	direct := (item == 1 || fl.Order == format.NativeOrder()) && fl.Kind != format.Bool
	for _, o := range offs {
		direct = direct && uintptr(reflect.ValueOf(&buf[o]).Pointer())%align == 0
	}
	if a.Direct() != direct {
		t.Fatalf("As[%T].Direct() = %v, want %v: %s", *new(T), a.Direct(), direct, describe(v))
	}
	if av := a.View(); !sameLayout(av.Layout(), l) {
		t.Fatalf("As[%T].View() = %s, want %s", *new(T), describe(av), describe(v))
	}

	want := make([][]byte, n) // each element's value, encoded
	for k, o := range offs {
		want[k] = encodeElem(decodeElem[T](buf[o:o+item], order), aorder)
		idx := unravel(k, l.Shape)
		if got := encodeElem(a.At(idx...), aorder); string(got) != string(want[k]) {
			t.Fatalf("As[%T].At(%v) encodes as %x, want %x (bytes %x): %s", *new(T), idx, got, want[k], buf[o:o+item], describe(v))
		}
		if k%17 != 0 && n > 256 {
			continue // At[T] checks the type on every call: a sample will do
		}
		if got := encodeElem(ndview.At[T](v, idx...), aorder); string(got) != string(want[k]) {
			t.Fatalf("At[%T](%v) encodes as %x, want %x: %s", *new(T), idx, got, want[k], describe(v))
		}
	}
	k := 0
	for x := range a.All() {
		if k >= n || string(encodeElem(x, aorder)) != string(want[k]) {
			t.Fatalf("All: element %d wrong or too many: %s", k, describe(v))
		}
		k++
	}
	if k != n {
		t.Fatalf("All yields %d elements, want %d: %s", k, n, describe(v))
	}
	k = 0
	for chunk := range a.Chunks() {
		if len(chunk) == 0 || k+len(chunk) > n || !direct && len(chunk) > 512 {
			t.Fatalf("Chunks: a chunk of %d after %d elements of %d: %s", len(chunk), k, n, describe(v))
		}
		for i := range chunk {
			if string(encodeElem(chunk[i], aorder)) != string(want[k]) {
				t.Fatalf("Chunks: element %d is %v: %s", k, chunk[i], describe(v))
			}
			if direct && reflect.ValueOf(&chunk[i]).Pointer() != reflect.ValueOf(&buf[offs[k]]).Pointer() {
				t.Fatalf("Chunks of a direct array: element %d is not the view's memory: %s", k, describe(v))
			}
			k++
		}
	}
	if k != n {
		t.Fatalf("Chunks hold %d elements, want %d: %s", k, n, describe(v))
	}

	if len(l.Shape) == 1 {
		for k := range n {
			if got := encodeElem(a.At1(k), aorder); string(got) != string(want[k]) {
				t.Fatalf("As[%T].At1(%d) encodes as %x, want %x: %s", *new(T), k, got, want[k], describe(v))
			}
		}
	}
	if len(l.Shape) == 2 {
		for k := range n {
			i, j := k/l.Shape[1], k%l.Shape[1]
			if got := encodeElem(a.At2(i, j), aorder); string(got) != string(want[k]) {
				t.Fatalf("As[%T].At2(%d, %d) encodes as %x, want %x: %s", *new(T), i, j, got, want[k], describe(v))
			}
		}
	}

	// Set: a round trip on a writable view, a panic on a read-only one.
	if n == 0 {
		return
	}
	if v.ReadOnly() {
		defer func() {
			r := recover()
			if err, ok := r.(error); !ok || !errors.Is(err, ndview.ErrReadOnly) {
				t.Fatalf("Set on a read-only view: recovered %v, want ErrReadOnly", r)
			}
		}()
		a.Set(*new(T), unravel(0, l.Shape)...)
		return
	}
	vals := make([]byte, item)
	for k, o := range offs {
		fillBytes(vals, seed+byte(k))
		x := decodeElem[T](vals, order)
		idx := unravel(k, l.Shape)
		switch {
		case len(idx) == 2 && k%3 == 2:
			a.Set2(x, idx[0], idx[1])
		case len(idx) == 1 && k%3 == 2:
			a.Set1(x, idx[0])
		case k%17 == 1:
			ndview.Set(v, x, idx...)
		default:
			a.Set(x, idx...)
		}
		enc := encodeElem(x, aorder)
		if got := encodeElem(a.At(idx...), aorder); string(got) != string(enc) || string(buf[o:o+item]) != string(enc) {
			t.Fatalf("Set(%v, %v) then At = %v, element bytes %x, want %x: %s", x, idx, a.At(idx...), buf[o:o+item], enc, describe(v))
		}
	}
}

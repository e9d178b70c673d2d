package main

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/ndview"
)

// tourPrinter writes the tour's sections and keeps the first error, so the
// tour reads as a script rather than as error handling.
type tourPrinter struct {
	w   io.Writer
	err error
}

// section writes a heading line: the Go expression, then what it shows.
func (t *tourPrinter) section(expr, what string, args ...any) {
	t.printf("\n%s  // %s\n", expr, fmt.Sprintf(what, args...))
}

func (t *tourPrinter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

// check records err, if it is the first.
func (t *tourPrinter) check(err error) {
	if t.err == nil {
		t.err = err
	}
}

// view writes v, or records err from the call that made it.
func (t *tourPrinter) view(v ndview.View, err error) {
	t.check(err)
	if t.err == nil {
		t.err = printView(t.w, v)
	}
}

// tour is what ndview prints without arguments: the library at work on
// views of bytes the program holds, one short section per operation.
func tour(w io.Writer) error {
	buf := make([]byte, 0, 24*4)
	for i := range 24 {
		buf = binary.LittleEndian.AppendUint32(buf, uint32(i))
	}
	var dbuf []byte
	for _, x := range []float64{0, 1, 2.5} {
		dbuf = binary.LittleEndian.AppendUint64(dbuf, math.Float64bits(x))
	}
	t := &tourPrinter{w: w}
	t.printf("ndview tour: views of bytes this program holds; only ToBytes and Convert copy them\n")

	a, err := ndview.New(buf, "<i", 4, 6)
	t.section(`a, err := ndview.New(buf, "<i", 4, 6)`, "96 bytes as a 4x6 int32 matrix, strides %s", tuple(a.Strides()))
	t.view(a, err)

	s, err := a.IndexString("::2, 1::2")
	t.section(`a.IndexString("::2, 1::2")`, "step slice: strides %s, offset %d", tuple(s.Strides()), s.Offset())
	t.view(s, err)

	at := a.T()
	t.section(`a.T()`, "transpose: shape %s, strides %s", tuple(at.Shape()), tuple(at.Strides()))
	t.view(at, nil)

	r, err := a.Reshape(3, 8)
	t.section(`a.Reshape(3, 8)`, "reshape: strides %s, the same bytes", tuple(r.Strides()))
	t.view(r, err)

	_, err = at.Reshape(24)
	t.section(`a.T().Reshape(24)`, "reshape that would need a copy fails:")
	t.printf("%v\nerrors.Is(err, ndview.ErrNeedsCopy) = %t\n", err, errors.Is(err, ndview.ErrNeedsCopy))

	d, err := ndview.New(dbuf, "<d", 3)
	t.check(err)
	t.section(`fmt.Sprintf("%#v", d)`, "repr: the elements with format and shape")
	t.printf("%#v\n", d)

	b, err := d.BroadcastTo(2, 3)
	t.section(`d.BroadcastTo(2, 3)`, "broadcast: strides %s, read-only %t", tuple(b.Strides()), b.ReadOnly())
	t.view(b, err)

	f, err := a.Flip(1)
	t.section(`a.Flip(1)`, "flip: strides %s, offset %d", tuple(f.Strides()), f.Offset())
	t.view(f, err)

	t.section(`ndview.As[int32](a)`, "typed access, byte order handled")
	ia, err := ndview.As[int32](a)
	t.check(err)
	if t.err == nil {
		t.printf("ia.At(2, 3) = %d, ndview.At[float64](d, 2) = %g\n", ia.At(2, 3), ndview.At[float64](d, 2))
	}

	a0, err1 := a.IndexString("0, :2")
	d0, err2 := d.IndexString(":2")
	a3, err3 := a.IndexString("0, :3")
	t.check(errors.Join(err1, err2, err3))
	t.section(`ndview.Equal(a[0, :2], d[:2])`, "equality by value, across formats")
	t.printf("int32 [0 1] == float64 [0 1]: %t; a[0, :3] == d: %t\n", ndview.Equal(a0, d0), ndview.Equal(a3, d))

	c, err := a.IndexString(":2, :3")
	t.section(`a[:2, :3].ToBytes(ndview.FOrder)`, "a copy in Fortran order, one hex word per element")
	t.check(err)
	if t.err == nil {
		t.printf("%s\n", hexWords(c.ToBytes(ndview.FOrder), c.ItemSize()))
	}

	row, err := a.IndexString("1")
	t.check(err)
	rb, err := cast.To(row, "B", 6, 4)
	t.section(`cast.To(a[1], "B", 6, 4)`, "a row's 24 bytes read as uint8, little-endian: no copy")
	t.view(rb, err)

	ev, err := a.IndexString("::2")
	t.check(err)
	h, err := cast.LastAxis(ev, "<h")
	t.section(`cast.LastAxis(a[::2], "<h")`, "each int32 of every other row as two int16: shape %s, strides %s", tuple(h.Shape()), tuple(h.Strides()))
	t.view(h, err)

	dst, err := ndview.Make("d", 2, 3)
	t.check(err)
	t.section(`cast.Convert(dst, a[:2, :3])`, "a copy that converts: int32 into a new float64 view")
	t.check(cast.Convert(dst, c))
	xs, err := cast.Slice[float64](dst)
	t.check(err)
	if t.err == nil {
		t.printf("cast.Slice[float64](dst) = %v\n", xs)
	}
	return t.err
}

// hexWords writes b in hex with a space after every n bytes.
func hexWords(b []byte, n int) string {
	var words []string
	for len(b) > n {
		words = append(words, hex.EncodeToString(b[:n]))
		b = b[n:]
	}
	words = append(words, hex.EncodeToString(b))
	return strings.Join(words, " ")
}

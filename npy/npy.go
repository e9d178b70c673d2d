package npy

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// Header is what a .npy file says about its array.
type Header struct {
	// Major and Minor are the file format version: 1.0, 2.0 or 3.0.
	Major, Minor int
	// Descr is the dtype as the header writes it: a type string such as
	// "<f8", or a structured dtype's field list in Python syntax.
	Descr string
	// Format is the struct / PEP 3118 format of one element.
	Format *format.Format
	// FortranOrder reports that the data is in Fortran (column-major)
	// order.
	FortranOrder bool
	// Shape is the array's shape; empty for a 0-dimensional array.
	Shape []int
	// DataOffset is the byte position of the data in the file: a
	// multiple of 64 in files numpy.save writes.
	DataOffset int
	// DataSize is the number of bytes of data: the element count times
	// the itemsize.
	DataSize int
}

// MaxHeaderSize bounds the header a reader accepts: a hostile file cannot
// make it read or parse more. NumPy itself stops at 10,000 bytes unless
// told otherwise; large structured dtypes can need more.
const MaxHeaderSize = 1 << 20

const magic = "\x93NUMPY"

// ParseHeader reads the header at the start of b (at least the bytes
// up to the data) and returns it. Errors: ErrFormat for a bad magic,
// version, length or dict; ErrDtype for a dtype with no format;
// ErrTooLarge for a shape whose bytes an int cannot count; io.ErrUnexpectedEOF
// when b ends inside the header. It allocates the Header.
func ParseHeader(b []byte) (Header, error) {
	return readHeader(bytes.NewReader(b))
}

func readHeader(r io.Reader) (Header, error) {
	var pre [12]byte
	if _, err := io.ReadFull(r, pre[:8]); err != nil {
		return Header{}, fmt.Errorf("%w: %w (a .npy file starts with a 10-byte preamble)", ErrFormat, eofUnexpected(err))
	}
	if string(pre[:6]) != magic {
		return Header{}, fmt.Errorf("%w: not a .npy file (magic %q)", ErrFormat, pre[:6])
	}
	h := Header{Major: int(pre[6]), Minor: int(pre[7])}
	var n, lenSize int
	switch {
	case h.Major == 1 && h.Minor == 0:
		lenSize = 2
	case (h.Major == 2 || h.Major == 3) && h.Minor == 0:
		lenSize = 4
	default:
		return Header{}, fmt.Errorf("%w: version %d.%d (1.0, 2.0 and 3.0 are known)", ErrFormat, h.Major, h.Minor)
	}
	if _, err := io.ReadFull(r, pre[8:8+lenSize]); err != nil {
		return Header{}, fmt.Errorf("%w: %w in the header length", ErrFormat, eofUnexpected(err))
	}
	if lenSize == 2 {
		n = int(binary.LittleEndian.Uint16(pre[8:]))
	} else {
		u := binary.LittleEndian.Uint32(pre[8:])
		if u > MaxHeaderSize {
			return Header{}, fmt.Errorf("%w: header of %d bytes (at most %d are read)", ErrFormat, u, MaxHeaderSize)
		}
		n = int(u)
	}
	text := make([]byte, n)
	if _, err := io.ReadFull(r, text); err != nil {
		return Header{}, fmt.Errorf("%w: %w in the %d-byte header", ErrFormat, eofUnexpected(err), n)
	}
	h.DataOffset = 8 + lenSize + n
	s := string(text)
	if h.Major < 3 {
		s = latin1(text) // versions 1 and 2 are latin-1, 3 is UTF-8
	} else if !utf8.ValidString(s) {
		return Header{}, fmt.Errorf("%w: version 3 header is not UTF-8", ErrFormat)
	}
	if err := h.parseDict(s); err != nil {
		return Header{}, err
	}
	return h, nil
}

func eofUnexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func latin1(b []byte) string {
	ascii := true
	for _, c := range b {
		ascii = ascii && c < 0x80
	}
	if ascii {
		return string(b)
	}
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// parseDict fills h from the header text.
func (h *Header) parseDict(s string) error {
	v, err := parseLiteral(strings.TrimRight(s, " \n\x00"))
	if err != nil {
		return err
	}
	d, ok := v.(map[string]any)
	if !ok || len(d) != 3 {
		return fmt.Errorf("%w: the header is not a dict of the keys descr, fortran_order and shape", ErrFormat)
	}
	descr, okD := d["descr"]
	fo, okF := d["fortran_order"].(bool)
	shape, okS := d["shape"].(pyTuple)
	if !okD || !okF || !okS {
		return fmt.Errorf("%w: the header needs descr, a bool fortran_order and a tuple shape", ErrFormat)
	}
	fs, err := formatOfDescr(descr)
	if err != nil {
		return err
	}
	if h.Format, err = format.Parse(fs); err != nil {
		return fmt.Errorf("%w: dtype %v as format %q: %v", ErrDtype, descr, fs, err)
	}
	h.Descr = descrText(descr)
	h.FortranOrder = fo
	size := h.Format.Size()
	h.Shape = make([]int, len(shape))
	if len(shape) > ndview.MaxDims {
		return fmt.Errorf("%w: %d dimensions (at most %d)", ErrFormat, len(shape), ndview.MaxDims)
	}
	for i, e := range shape {
		n, ok := e.(int64)
		if !ok || n < 0 {
			return fmt.Errorf("%w: shape %v", ErrFormat, shape)
		}
		h.Shape[i] = int(n)
	}
	// The element count and the bytes of the non-zero extents must fit an
	// int even when an extent is 0, as NumPy and ndview's layouts require.
	count, total, zero := 1, size, false
	for _, e := range h.Shape {
		if e == 0 {
			zero = true
			continue
		}
		hi, lo := bits.Mul(uint(total), uint(e))
		hc, lc := bits.Mul(uint(count), uint(e))
		if hi != 0 || lo > uint(maxInt) || hc != 0 || lc > uint(maxInt) {
			return fmt.Errorf("%w: shape %v of %d-byte elements", ErrTooLarge, h.Shape, size)
		}
		total, count = int(lo), int(lc)
	}
	h.DataSize = total
	if zero {
		h.DataSize = 0
	}
	return nil
}

const maxInt = int(^uint(0) >> 1)

// descrText writes a parsed descr back as Python source, as NumPy does.
func descrText(d any) string {
	switch d := d.(type) {
	case string:
		return d
	case []any:
		parts := make([]string, len(d))
		for i, f := range d {
			parts[i] = pyRepr(f)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return pyRepr(d)
}

func pyRepr(v any) string {
	switch v := v.(type) {
	case string:
		return "'" + v + "'"
	case int64:
		return fmt.Sprint(v)
	case pyTuple:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = pyRepr(x)
		}
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = pyRepr(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case bool:
		if v {
			return "True"
		}
		return "False"
	}
	return "None"
}

// view lays the header's array over data (exactly DataSize bytes).
func (h *Header) view(data []byte) (ndview.View, error) {
	if h.FortranOrder {
		return ndview.NewFortran(data, h.Format.String(), h.Shape...)
	}
	return ndview.FromStrides(data, h.Format, h.Shape, nil, 0)
}

// Load returns the array of a whole .npy file held in b as a view of b's
// own bytes, without copying: a Fortran-ordered file gives an F-strided
// view, a big-endian one a ">" view. Errors: those of ParseHeader, and
// ErrTruncated when b is shorter than the header says. It allocates the
// Header's parts alone.
func Load(b []byte) (ndview.View, Header, error) {
	h, err := ParseHeader(b)
	if err != nil {
		return ndview.View{}, Header{}, err
	}
	if len(b)-h.DataOffset < h.DataSize {
		return ndview.View{}, Header{}, fmt.Errorf("%w: %d bytes of data, the header promises %d", ErrTruncated, len(b)-h.DataOffset, h.DataSize)
	}
	v, err := h.view(b[h.DataOffset : h.DataOffset+h.DataSize])
	return v, h, err
}

// Read reads one .npy file from r into a new buffer and returns it as a
// view. It reads exactly the file's bytes, so arrays written back to back
// in one stream can be read one after another. The buffer grows as data
// arrives (to at most twice what arrives), so a header that promises
// more than r holds costs no more memory than r delivers
// (ErrTruncated).
func Read(r io.Reader) (ndview.View, Header, error) {
	h, err := readHeader(r)
	if err != nil {
		return ndview.View{}, Header{}, err
	}
	buf, err := readData(r, h.DataSize)
	if err != nil {
		return ndview.View{}, Header{}, err
	}
	v, err := h.view(buf)
	return v, h, err
}

// readData reads n bytes, growing its buffer as they arrive.
func readData(r io.Reader, n int) ([]byte, error) {
	buf := make([]byte, 0, min(n, 32<<10))
	for len(buf) < n {
		if len(buf) == cap(buf) {
			buf = append(buf, make([]byte, min(cap(buf), n-cap(buf)))...)[:len(buf)]
		}
		k, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+k]
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, fmt.Errorf("%w: %d bytes of data, the header promises %d", ErrTruncated, len(buf), n)
		}
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}

// ReadFile reads the .npy file at path into memory (see Map to map it
// instead). The file's size is checked against the header before any
// data is read, and the buffer is allocated once, at its final size.
func ReadFile(path string) (ndview.View, Header, error) {
	f, err := os.Open(path)
	if err != nil {
		return ndview.View{}, Header{}, err
	}
	defer f.Close()
	h, err := readHeader(f)
	if err != nil {
		return ndview.View{}, Header{}, err
	}
	st, err := f.Stat()
	if err != nil {
		return ndview.View{}, Header{}, err
	}
	if st.Mode().IsRegular() && st.Size()-int64(h.DataOffset) < int64(h.DataSize) {
		return ndview.View{}, Header{}, fmt.Errorf("%w: %d bytes of data, the header promises %d", ErrTruncated, st.Size()-int64(h.DataOffset), h.DataSize)
	}
	var buf []byte
	if st.Mode().IsRegular() {
		buf = make([]byte, h.DataSize)
		if _, err := io.ReadFull(f, buf); err != nil {
			return ndview.View{}, Header{}, fmt.Errorf("%w: %w", ErrTruncated, err)
		}
	} else if buf, err = readData(f, h.DataSize); err != nil { // a pipe or a device: no size to check
		return ndview.View{}, Header{}, err
	}
	v, err := h.view(buf)
	return v, h, err
}

// Write writes v as a .npy file to w, byte for byte as numpy.save writes
// the same array: version 1.0 (2.0 when the header needs more than 65535
// bytes), the header dict with its spare room for the shape to grow,
// padded so the data starts on a 64-byte boundary, then the elements: in
// Fortran order with fortran_order True when v is Fortran- and not
// C-contiguous, else in C order. v's format must be one value (bool, an
// integer, e, f, d, Zf, Zd, c, s) or one record of such fields
// (ErrDtype otherwise). It copies the elements only when v is not
// contiguous, a run at a time.
func Write(w io.Writer, v ndview.View) error {
	f := v.ItemFormat()
	if f == nil {
		return fmt.Errorf("%w: the zero View has no format", ErrDtype)
	}
	descr, err := descrOf(f)
	if err != nil {
		return err
	}
	fortran := v.IsFContiguous() && !v.IsCContiguous()
	shape := v.Shape()
	hdr := HeaderBytes(descr, fortran, shape)
	if _, err := w.Write(hdr); err != nil {
		return err
	}
	if fortran {
		b, _ := v.T().Bytes() // the memory of an F-contiguous view, in order
		_, err = w.Write(b)
		return err
	}
	if b, ok := v.Bytes(); ok {
		_, err = w.Write(b)
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	for run := range v.Runs() {
		if _, err := bw.Write(run); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// HeaderBytes returns the preamble and header numpy.save writes for an
// array of the given descr (Python source: "'<f8'" or a field list),
// order and shape. It allocates the result.
func HeaderBytes(descr string, fortran bool, shape []int) []byte {
	fo := "False"
	if fortran {
		fo = "True"
	}
	dict := "{'descr': " + descr + ", 'fortran_order': " + fo + ", 'shape': " + pyShape(shape) + ", }"
	// numpy leaves room for the growing axis to reach 21 digits, so that
	// a file can be appended to in place.
	if len(shape) > 0 {
		axis := shape[0]
		if fortran {
			axis = shape[len(shape)-1]
		}
		dict += strings.Repeat(" ", max(0, 21-len(fmt.Sprint(axis))))
	}
	for _, v := range []struct{ major, lenSize int }{{1, 2}, {2, 4}} {
		hlen := len(dict) + 1             // the newline
		pad := 64 - (8+v.lenSize+hlen)%64 // as numpy: 64, not 0, when already aligned
		total := hlen + pad
		if v.lenSize == 2 && total > 0xffff {
			continue
		}
		out := make([]byte, 0, 8+v.lenSize+total)
		out = append(out, magic...)
		out = append(out, byte(v.major), 0)
		if v.lenSize == 2 {
			out = binary.LittleEndian.AppendUint16(out, uint16(total))
		} else {
			out = binary.LittleEndian.AppendUint32(out, uint32(total))
		}
		out = append(out, dict...)
		out = append(out, bytes.Repeat([]byte{' '}, pad)...)
		return append(out, '\n')
	}
	panic("unreachable")
}

// WriteFile writes v to path as a .npy file (see Write).
func WriteFile(path string, v ndview.View) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := Write(f, v); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

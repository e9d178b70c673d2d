package npy_test

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/npy"
)

// dtypeCase is a format a view is built with, the descr npy.Write must
// give it (as ParseHeader reports it: a type string without quotes, or a
// field list), and the format Load gives back.
type dtypeCase struct {
	format, descr, loaded string
}

var dtypeCases = []dtypeCase{
	{"?", "|b1", "<?"},
	{">?", "|b1", "<?"},
	{"b", "|i1", "<b"},
	{"B", "|u1", "<B"},
	{"<h", "<i2", "<h"}, {">h", ">i2", ">h"},
	{"<H", "<u2", "<H"}, {">H", ">u2", ">H"},
	{"<i", "<i4", "<i"}, {">i", ">i4", ">i"},
	{"<I", "<u4", "<I"}, {">I", ">u4", ">I"},
	{"<q", "<i8", "<q"}, {">q", ">i8", ">q"},
	{"<Q", "<u8", "<Q"}, {">Q", ">u8", ">Q"},
	{"i", "<i4", "<i"}, {"l", "<i8", "<q"}, {"=L", "<u4", "<I"},
	{"<e", "<f2", "<e"}, {">e", ">f2", ">e"},
	{"<f", "<f4", "<f"}, {">f", ">f4", ">f"},
	{"<d", "<f8", "<d"}, {">d", ">f8", ">d"}, {"d", "<f8", "<d"},
	{"<Zf", "<c8", "<Zf"}, {">Zf", ">c8", ">Zf"},
	{"<Zd", "<c16", "<Zd"}, {">Zd", ">c16", ">Zd"},
	{"3s", "|S3", "3s"}, {"c", "|S1", "1s"},
	{"T{<i:x:(2,3)>d:y:}", "[('x', '<i4'), ('y', '>f8', (2, 3))]", "T{<i:x:(2,3)>d:y:}"},
	// Native alignment leaves a gap, which NumPy's descr spells ('', '|V4').
	{"T{i:x:d:y:}", "[('x', '<i4'), ('', '|V4'), ('y', '<f8')]", "T{<i:x:4x<d:y:}"},
	{"T{<b:a:3x<i:b:}", "[('a', '|i1'), ('', '|V3'), ('b', '<i4')]", "T{<b:a:3x<i:b:}"},
	{"T{<i:a:4x}", "[('a', '<i4'), ('', '|V4')]", "T{<i:a:4x}"},
	{"T{<H:a:4x>f:b:2x}", "[('a', '<u2'), ('', '|V4'), ('b', '>f4'), ('', '|V2')]", "T{<H:a:4x>f:b:2x}"},
	{"T{<h:a:T{>i:b:(2)3s:c:}:n:?:z:}", "[('a', '<i2'), ('n', [('b', '>i4'), ('c', '|S3', (2,))]), ('z', '|b1')]", "T{<h:a:T{>i:b:(2)3s:c:}:n:<?:z:}"},
	{"T{(2)T{<h:p:B:q:}:r:<Zf:c:}", "[('r', [('p', '<i2'), ('q', '|u1')], (2,)), ('c', '<c8')]", "T{(2)T{<h:p:<B:q:}:r:<Zf:c:}"},
	{"T{<e:h:3c:s:>Q:u:}", "[('h', '<f2'), ('s', '|S1', (3,)), ('u', '>u8')]", "T{<e:h:(3)1s:s:>Q:u:}"},
}

var shapeCases = [][]int{{}, {0}, {3, 0}, {5}, {2, 3}, {2, 3, 4}, {2, 1, 3, 2}}

// makeView builds a view of the format and shape in one of the layouts
// C, F (NewFortran), strided (every other element of the last axis) and
// reversed (the first axis backwards), filled with random bytes: every
// bit pattern, NaNs and odd bools included.
func makeView(t testing.TB, fmtstr string, shape []int, layout string, seed uint64) (ndview.View, bool) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	fill := func(b []byte) []byte {
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return b
	}
	probe, err := ndview.Make(fmtstr)
	if err != nil {
		t.Fatalf("Make(%q): %v", fmtstr, err)
	}
	size, n := probe.ItemSize(), 1
	for _, e := range shape {
		n *= e
	}
	var v ndview.View
	switch layout {
	case "C":
		v, err = ndview.New(fill(make([]byte, n*size)), fmtstr, shape...)
	case "F":
		v, err = ndview.NewFortran(fill(make([]byte, n*size)), fmtstr, shape...)
	case "strided":
		if len(shape) == 0 {
			return v, false
		}
		wide := slices.Clone(shape)
		wide[len(wide)-1] *= 2
		v, err = ndview.New(fill(make([]byte, 2*n*size)), fmtstr, wide...)
		if err == nil {
			v, err = v.IndexString("..., ::2")
		}
	case "reversed":
		if len(shape) == 0 {
			return v, false
		}
		v, err = ndview.New(fill(make([]byte, n*size)), fmtstr, shape...)
		if err == nil {
			v, err = v.IndexString("::-1")
		}
	default:
		t.Fatalf("layout %q", layout)
	}
	if err != nil {
		t.Fatalf("%s view of %q %v: %v", layout, fmtstr, shape, err)
	}
	return v, true
}

// token is the canonical form of an element's value, as
// testdata/crosscheck.py writes NumPy's: "b:1", "i:-3", "f:<hex>",
// "c:<hex>,<hex>", "s:<hex without trailing NULs>", lists for records.
func token(x any) any {
	switch x := x.(type) {
	case bool:
		if x {
			return "b:1"
		}
		return "b:0"
	case int64:
		return "i:" + strconv.FormatInt(x, 10)
	case uint64:
		return "i:" + strconv.FormatUint(x, 10)
	case float64:
		return "f:" + canonFloat(x)
	case complex128:
		return "c:" + canonFloat(real(x)) + "," + canonFloat(imag(x))
	case []byte:
		return "s:" + hex.EncodeToString(bytes.TrimRight(x, "\x00"))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = token(e)
		}
		return out
	}
	return fmt.Sprintf("?%T:%v", x, x)
}

func canonFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	return strconv.FormatFloat(x, 'x', -1, 64)
}

// tokens lists the view's elements in C order as tokens.
func tokens(t testing.TB, v ndview.View) []any {
	t.Helper()
	out := []any{}
	for idx := range v.All() {
		x, err := v.Value(idx...)
		if err != nil {
			t.Fatalf("Value%v: %v", idx, err)
		}
		out = append(out, token(x))
	}
	return out
}

func sameTokens(a, b []any) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

// fortranStrides are the byte strides of a Fortran-ordered array.
func fortranStrides(shape []int, size int) []int {
	s := make([]int, len(shape))
	for i := range shape {
		s[i] = size
		size *= shape[i]
	}
	return s
}

func writeBytes(t testing.TB, v ndview.View) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := npy.Write(&b, v); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes()
}

// TestRoundTrip writes every dtype in every shape and layout, checks the
// file's header and data, and reads it back with Load, Read and ReadFile.
func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	seed := uint64(1)
	for _, dc := range dtypeCases {
		for _, shape := range shapeCases {
			for _, layout := range []string{"C", "F", "strided", "reversed"} {
				seed++
				name := fmt.Sprintf("%s/%v/%s", dc.format, shape, layout)
				t.Run(name, func(t *testing.T) {
					v, ok := makeView(t, dc.format, shape, layout, seed)
					if !ok {
						t.Skip("no such layout of a 0-d view")
					}
					checkRoundTrip(t, v, dc, filepath.Join(dir, fmt.Sprintf("%d.npy", seed)))
				})
			}
		}
	}
}

func checkRoundTrip(t *testing.T, v ndview.View, dc dtypeCase, path string) {
	file := writeBytes(t, v)
	h, err := npy.ParseHeader(file)
	if err != nil {
		t.Fatalf("ParseHeader of what Write wrote: %v\n%q", err, file)
	}
	fortran := v.IsFContiguous() && !v.IsCContiguous()
	switch {
	case h.Major != 1 || h.Minor != 0:
		t.Errorf("version %d.%d, want 1.0", h.Major, h.Minor)
	case h.DataOffset%64 != 0:
		t.Errorf("data at byte %d, not on a 64-byte boundary", h.DataOffset)
	case file[h.DataOffset-1] != '\n':
		t.Errorf("header does not end in a newline: %q", file[:h.DataOffset])
	case h.Descr != dc.descr:
		t.Errorf("descr %q, want %q", h.Descr, dc.descr)
	case h.FortranOrder != fortran:
		t.Errorf("fortran_order %v, want %v (strides %v)", h.FortranOrder, fortran, v.Strides())
	case !slices.Equal(h.Shape, v.Shape()):
		t.Errorf("shape %v, want %v", h.Shape, v.Shape())
	case h.DataSize != v.NBytes() || len(file) != h.DataOffset+h.DataSize:
		t.Errorf("DataSize %d, file %d bytes after %d, want %d", h.DataSize, len(file)-h.DataOffset, h.DataOffset, v.NBytes())
	case h.Format.String() != dc.loaded:
		t.Errorf("header format %q, want %q", h.Format, dc.loaded)
	}
	order := ndview.COrder
	if fortran {
		order = ndview.FOrder
	}
	if data := v.ToBytes(order); !bytes.Equal(file[h.DataOffset:], data) {
		t.Errorf("data\n%x\nwant the view's bytes in %c order\n%x", file[h.DataOffset:], order, data)
	}
	want := tokens(t, v)

	if err := os.WriteFile(path, file, 0o644); err != nil {
		t.Fatal(err)
	}
	lv, lh, lerr := npy.Load(file)
	rv, rh, rerr := npy.Read(bytes.NewReader(file))
	fv, fh, ferr := npy.ReadFile(path)
	for _, c := range []struct {
		how string
		v   ndview.View
		h   npy.Header
		err error
	}{{"Load", lv, lh, lerr}, {"Read", rv, rh, rerr}, {"ReadFile", fv, fh, ferr}} {
		if c.err != nil {
			t.Errorf("%s: %v", c.how, c.err)
			continue
		}
		if c.h.Descr != h.Descr || c.h.DataOffset != h.DataOffset || c.h.FortranOrder != h.FortranOrder {
			t.Errorf("%s: header %+v, ParseHeader gave %+v", c.how, c.h, h)
		}
		w := c.v
		if got := w.ItemFormat().String(); got != dc.loaded {
			t.Errorf("%s: format %q, want %q", c.how, got, dc.loaded)
		}
		if !slices.Equal(w.Shape(), v.Shape()) {
			t.Errorf("%s: shape %v, want %v", c.how, w.Shape(), v.Shape())
		}
		if fortran && !slices.Equal(w.Strides(), fortranStrides(v.Shape(), v.ItemSize())) {
			t.Errorf("%s: a Fortran-ordered file gave strides %v, want %v", c.how, w.Strides(), fortranStrides(v.Shape(), v.ItemSize()))
		}
		if !fortran && !w.IsCContiguous() {
			t.Errorf("%s: a C-ordered file gave strides %v", c.how, w.Strides())
		}
		if !bytes.Equal(w.ToBytes(ndview.COrder), v.ToBytes(ndview.COrder)) {
			t.Errorf("%s: bytes differ", c.how)
		}
		if got := tokens(t, w); !sameTokens(got, want) {
			t.Errorf("%s: values\n%v\nwant\n%v", c.how, got, want)
		}
		if again := writeBytes(t, w); !bytes.Equal(again, file) {
			t.Errorf("%s: writing the loaded view gave another file:\n%q\nwant\n%q", c.how, again, file)
		}
	}
	// Load returns a view of the file's own bytes.
	if lerr == nil && lv.Len() > 0 {
		lo, hi := lv.Span()
		if &lv.Buffer()[lo] != &file[h.DataOffset] || hi-lo != h.DataSize {
			t.Errorf("Load copied the data (span %d..%d)", lo, hi)
		}
	}
}

// TestWriteFortranEdges: NumPy writes fortran_order True only for an
// array that is F- and not C-contiguous; empty arrays and arrays with
// one non-1 extent are C-contiguous too.
func TestWriteFortranEdges(t *testing.T) {
	for _, c := range []struct {
		shape   []int
		fortran bool
	}{
		{[]int{2, 3}, true}, {[]int{2, 3, 4}, true}, {[]int{0, 3}, false}, {[]int{3, 0}, false},
		{[]int{1, 3}, false}, {[]int{3, 1}, false}, {[]int{5}, false}, {[]int{}, false}, {[]int{2, 1, 2}, true},
	} {
		t.Run(fmt.Sprint(c.shape), func(t *testing.T) {
			v, _ := makeView(t, "<i", c.shape, "F", 3)
			h, err := npy.ParseHeader(writeBytes(t, v))
			if err != nil {
				t.Fatal(err)
			}
			if h.FortranOrder != c.fortran {
				t.Errorf("fortran_order %v, want %v", h.FortranOrder, c.fortran)
			}
		})
	}
	// A transposed C array is F-contiguous, and written as such.
	v, _ := makeView(t, "<d", []int{3, 2}, "C", 4)
	file := writeBytes(t, v.T())
	w, h, err := npy.Load(file)
	if err != nil || !h.FortranOrder || !ndview.Equal(w, v.T()) {
		t.Errorf("transpose: fortran_order %v, err %v, equal %v", h.FortranOrder, err, ndview.Equal(w, v.T()))
	}
}

// TestGolden: the files numpy.save wrote (testdata/make_golden.py), and
// the same arrays built here, which Write must give byte for byte.
func TestGolden(t *testing.T) {
	set := func(t *testing.T, v ndview.View, vals ...any) ndview.View {
		i := 0
		for idx := range v.All() {
			if err := v.SetValue(vals[i], idx...); err != nil {
				t.Fatal(err)
			}
			i++
		}
		return v
	}
	mk := func(t *testing.T, fortran bool, f string, shape ...int) ndview.View {
		v, err := ndview.Make(f, shape...)
		if err != nil {
			t.Fatal(err)
		}
		if fortran {
			v, err = ndview.NewFortran(v.Buffer(), f, shape...)
			if err != nil {
				t.Fatal(err)
			}
		}
		return v
	}
	for _, c := range []struct {
		file  string
		build func(t *testing.T) ndview.View
	}{
		{"golden_f8_2x3.npy", func(t *testing.T) ndview.View {
			return set(t, mk(t, false, "<d", 2, 3), 0.0, 1.0, 2.0, 3.0, 4.0, 5.0)
		}},
		{"golden_be_i2_fortran.npy", func(t *testing.T) ndview.View {
			return set(t, mk(t, true, ">h", 2, 3), 0, 1, 2, 3, 4, 5)
		}},
		{"golden_record_aligned.npy", func(t *testing.T) ndview.View {
			return set(t, mk(t, false, "T{b:a:i:b:d:c:}", 2), []any{1, 2, 3.5}, []any{-1, -2, -3.5})
		}},
		{"golden_zero_d.npy", func(t *testing.T) ndview.View { return set(t, mk(t, false, "<d"), 3.5) }},
		{"golden_empty.npy", func(t *testing.T) ndview.View { return mk(t, false, "<f", 0, 3) }},
		{"golden_S5.npy", func(t *testing.T) ndview.View {
			return set(t, mk(t, false, "5s", 2), []byte("ab"), []byte("hello"))
		}},
		{"golden_c16.npy", func(t *testing.T) ndview.View {
			return set(t, mk(t, false, "<Zd", 1, 2), complex(1, 2), complex(math.Copysign(0, -1), -0.5)) // Python's -0.5j
		}},
		{"golden_f2.npy", func(t *testing.T) ndview.View { return set(t, mk(t, false, "<e", 3), 1.5, -2.0, 65504.0) }},
		{"golden_bool_3d.npy", func(t *testing.T) ndview.View {
			return set(t, mk(t, false, "?", 1, 2, 2), true, false, false, true)
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			file, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			want := c.build(t)
			if got := writeBytes(t, want); !bytes.Equal(got, file) {
				t.Errorf("Write gave\n%q\nnumpy.save wrote\n%q", got, file)
			}
			v, h, err := npy.Load(file)
			if err != nil {
				t.Fatal(err)
			}
			if h.DataOffset%64 != 0 || !slices.Equal(v.Shape(), want.Shape()) || !sameTokens(tokens(t, v), tokens(t, want)) {
				t.Errorf("Load gave %v (shape %v, data at %d), want %v", v, v.Shape(), h.DataOffset, want)
			}
			if h.FortranOrder && !slices.Equal(v.Strides(), fortranStrides(v.Shape(), v.ItemSize())) {
				t.Errorf("Fortran file: strides %v", v.Strides())
			}
		})
	}
}

// TestHeaderBytes: the padding and version rules of numpy.save.
func TestHeaderBytes(t *testing.T) {
	for _, c := range []struct {
		descr   string
		fortran bool
		shape   []int
	}{
		{"'<f8'", false, nil}, {"'<f8'", false, []int{3}}, {"'|S5'", true, []int{2, 3}},
		{"'<f8'", false, []int{123456789012345678}}, {"'<f8'", false, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
		{"[('x', '<i4')]", false, []int{0}},
		{"'" + strings.Repeat("x", 43) + "'", false, []int{7}}, // an aligned dict gets 64 spaces more, as in numpy
	} {
		h := npy.HeaderBytes(c.descr, c.fortran, c.shape)
		if len(h)%64 != 0 || h[len(h)-1] != '\n' || string(h[:8]) != "\x93NUMPY\x01\x00" {
			t.Errorf("%v: %d bytes %q", c, len(h), h)
			continue
		}
		if n := int(binary.LittleEndian.Uint16(h[8:])); n != len(h)-10 {
			t.Errorf("%v: header length field %d, want %d", c, n, len(h)-10)
		}
		dict := strings.TrimRight(string(h[10:]), " \n")
		want := fmt.Sprintf("{'descr': %s, 'fortran_order': %s, 'shape': %s, }", c.descr,
			map[bool]string{false: "False", true: "True"}[c.fortran], pyShape(c.shape))
		if dict != want {
			t.Errorf("dict %q, want %q", dict, want)
		}
		// numpy leaves room for the growing axis to reach 21 digits,
		// then pads so that the data is aligned.
		spaces := len(h) - 10 - len(want) - 1
		if len(c.shape) > 0 {
			if grow := 21 - len(strconv.Itoa(c.shape[0])); spaces-grow < 1 || spaces-grow > 64 || (spaces-grow)%64 != (64-(10+len(want)+grow+1)%64)%64 {
				t.Errorf("%v: %d spaces after the dict", c, spaces)
			}
		}
		if spaces == 0 {
			t.Errorf("%v: no spaces (numpy pads 64 rather than 0)", c)
		}
	}
}

func pyShape(s []int) string {
	switch len(s) {
	case 0:
		return "()"
	case 1:
		return fmt.Sprintf("(%d,)", s[0])
	}
	p := make([]string, len(s))
	for i, e := range s {
		p[i] = strconv.Itoa(e)
	}
	return "(" + strings.Join(p, ", ") + ")"
}

// manyFields is a record whose descr needs a header over 65535 bytes.
func manyFields(n int) string {
	var b strings.Builder
	b.WriteString("T{")
	for i := range n {
		fmt.Fprintf(&b, "<B:field%05d:", i)
	}
	b.WriteString("}")
	return b.String()
}

func TestVersion2(t *testing.T) {
	for _, c := range []struct {
		fields int
		major  int
	}{{100, 1}, {2500, 1}, {3500, 2}, {5000, 2}} {
		t.Run(strconv.Itoa(c.fields), func(t *testing.T) {
			v, _ := makeView(t, manyFields(c.fields), []int{3}, "C", 5)
			file := writeBytes(t, v)
			h, err := npy.ParseHeader(file)
			if err != nil {
				t.Fatal(err)
			}
			hdrLen := h.DataOffset - 10
			if h.Major == 2 {
				hdrLen = int(binary.LittleEndian.Uint32(file[8:])) // the length field is 4 bytes
				if hdrLen+12 != h.DataOffset {
					t.Errorf("version 2 length field %d, data at %d", hdrLen, h.DataOffset)
				}
			}
			if h.Major != c.major || h.Minor != 0 || h.DataOffset%64 != 0 {
				t.Errorf("version %d.%d, data at %d; want %d.0, 64-aligned (header %d bytes)", h.Major, h.Minor, h.DataOffset, c.major, hdrLen)
			}
			if (hdrLen > 65535) != (c.major == 2) {
				t.Errorf("a %d-byte header in version %d", hdrLen, h.Major)
			}
			w, _, err := npy.Load(file)
			if err != nil || !bytes.Equal(w.ToBytes(ndview.COrder), v.ToBytes(ndview.COrder)) || w.ItemFormat().String() != manyFields(c.fields) {
				t.Errorf("Load: %v", err)
			}
			if again := writeBytes(t, w); !bytes.Equal(again, file) {
				t.Errorf("writing back changed the file")
			}
		})
	}
}

// rawFile is a preamble of the given version (length field as the
// version has it) and the header text, unpadded.
func rawFile(major byte, header string) []byte {
	b := []byte{0x93, 'N', 'U', 'M', 'P', 'Y', major, 0}
	if major == 1 {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(header)))
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(header)))
	}
	return append(b, header...)
}

func dict(descr, fortran, shape string) string {
	return "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + ", }"
}

func TestParseHeaderErrors(t *testing.T) {
	good := rawFile(1, dict("'<f8'", "False", "(3,)"))
	deep := strings.Repeat("(", 10000) + strings.Repeat(")", 10000)
	for _, c := range []struct {
		name string
		file []byte
		want error
	}{
		{"empty", nil, npy.ErrFormat},
		{"bad magic", append([]byte("\x93NUMPX"), good[6:]...), npy.ErrFormat},
		{"not npy", []byte("PK\x03\x04 a zip file, say"), npy.ErrFormat},
		{"version 4.0", append([]byte("\x93NUMPY\x04\x00"), good[8:]...), npy.ErrFormat},
		{"version 1.1", append([]byte("\x93NUMPY\x01\x01"), good[8:]...), npy.ErrFormat},
		{"version 0.0", append([]byte("\x93NUMPY\x00\x00"), good[8:]...), npy.ErrFormat},
		{"version 2.1", append([]byte("\x93NUMPY\x02\x01"), rawFile(2, dict("'<f8'", "False", "(3,)"))[8:]...), npy.ErrFormat},
		{"v2 length 4 GB", []byte("\x93NUMPY\x02\x00\xff\xff\xff\xff{'descr'"), npy.ErrFormat},
		{"v3 length over MaxHeaderSize", binary.LittleEndian.AppendUint32([]byte("\x93NUMPY\x03\x00"), npy.MaxHeaderSize+1), npy.ErrFormat},
		{"truncated magic", []byte("\x93NUM"), npy.ErrFormat},
		{"truncated version", []byte("\x93NUMPY\x01"), npy.ErrFormat},
		{"truncated length", []byte("\x93NUMPY\x01\x00\x76"), npy.ErrFormat},
		{"truncated v2 length", []byte("\x93NUMPY\x02\x00\x76\x00"), npy.ErrFormat},
		{"truncated header", good[:len(good)-5], npy.ErrFormat},
		{"empty header", rawFile(1, ""), npy.ErrFormat},
		{"not a dict", rawFile(1, "['descr', 'fortran_order', 'shape']"), npy.ErrFormat},
		{"a number", rawFile(1, "5"), npy.ErrFormat},
		{"unterminated dict", rawFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), "), npy.ErrFormat},
		{"trailing text", rawFile(1, dict("'<f8'", "False", "(3,)")+" x"), npy.ErrFormat},
		{"missing shape", rawFile(1, "{'descr': '<f8', 'fortran_order': False}"), npy.ErrFormat},
		{"missing descr", rawFile(1, "{'fortran_order': False, 'shape': (3,)}"), npy.ErrFormat},
		{"extra key", rawFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}"), npy.ErrFormat},
		{"duplicate key", rawFile(1, "{'descr': '<f8', 'fortran_order': False, 'descr': '<f8'}"), npy.ErrFormat},
		{"non-string key", rawFile(1, "{1: '<f8', 'fortran_order': False, 'shape': (3,)}"), npy.ErrFormat},
		{"fortran_order 0", rawFile(1, dict("'<f8'", "0", "(3,)")), npy.ErrFormat},
		{"fortran_order 'False'", rawFile(1, dict("'<f8'", "'False'", "(3,)")), npy.ErrFormat},
		{"fortran_order None", rawFile(1, dict("'<f8'", "None", "(3,)")), npy.ErrFormat},
		{"shape list", rawFile(1, dict("'<f8'", "False", "[3]")), npy.ErrFormat},
		{"shape int", rawFile(1, dict("'<f8'", "False", "3")), npy.ErrFormat},
		{"shape (3) is an int", rawFile(1, dict("'<f8'", "False", "(3)")), npy.ErrFormat},
		{"shape negative", rawFile(1, dict("'<f8'", "False", "(2, -1)")), npy.ErrFormat},
		{"shape string", rawFile(1, dict("'<f8'", "False", "('a',)")), npy.ErrFormat},
		{"shape float", rawFile(1, dict("'<f8'", "False", "(1.5,)")), npy.ErrFormat},
		{"shape bool", rawFile(1, dict("'<f8'", "False", "(True,)")), npy.ErrFormat},
		{"shape None", rawFile(1, dict("'<f8'", "False", "(None,)")), npy.ErrFormat},
		{"shape beyond int64", rawFile(1, dict("'<f8'", "False", "(9223372036854775808,)")), npy.ErrFormat},
		{"65 dimensions", rawFile(1, dict("'<f8'", "False", "("+strings.Repeat("1, ", 65)+")")), npy.ErrFormat},
		{"object", rawFile(1, dict("'|O'", "False", "(3,)")), npy.ErrDtype},
		{"object O8", rawFile(1, dict("'|O8'", "False", "(3,)")), npy.ErrDtype},
		{"datetime", rawFile(1, dict("'<M8'", "False", "(3,)")), npy.ErrDtype},
		{"datetime ns", rawFile(1, dict("'<M8[ns]'", "False", "(3,)")), npy.ErrDtype},
		{"timedelta s", rawFile(1, dict("'<m8[s]'", "False", "(3,)")), npy.ErrDtype},
		{"long double", rawFile(1, dict("'<f16'", "False", "(3,)")), npy.ErrDtype},
		{"complex256", rawFile(1, dict("'<c32'", "False", "(3,)")), npy.ErrDtype},
		{"int3", rawFile(1, dict("'<i3'", "False", "(3,)")), npy.ErrDtype},
		{"unknown kind", rawFile(1, dict("'<x4'", "False", "(3,)")), npy.ErrDtype},
		{"object field", rawFile(1, dict("[('a', '<i4'), ('b', '|O')]", "False", "(3,)")), npy.ErrDtype},
		{"descr garbage", rawFile(1, dict("'abc'", "False", "(3,)")), npy.ErrFormat},
		{"descr empty string", rawFile(1, dict("''", "False", "(3,)")), npy.ErrFormat},
		{"descr no order", rawFile(1, dict("'f8'", "False", "(3,)")), npy.ErrFormat},
		{"descr size", rawFile(1, dict("'<fx'", "False", "(3,)")), npy.ErrFormat},
		{"descr int", rawFile(1, dict("8", "False", "(3,)")), npy.ErrFormat},
		{"descr None", rawFile(1, dict("None", "False", "(3,)")), npy.ErrFormat},
		{"field not a tuple", rawFile(1, dict("['<i4']", "False", "(3,)")), npy.ErrFormat},
		{"field too short", rawFile(1, dict("[('a',)]", "False", "(3,)")), npy.ErrFormat},
		{"field too long", rawFile(1, dict("[('a', '<i4', (2,), 1)]", "False", "(3,)")), npy.ErrFormat},
		{"field name int", rawFile(1, dict("[(1, '<i4')]", "False", "(3,)")), npy.ErrFormat},
		{"field shape string", rawFile(1, dict("[('a', '<i4', 'x')]", "False", "(3,)")), npy.ErrFormat},
		{"field shape negative", rawFile(1, dict("[('a', '<i4', (-2,))]", "False", "(3,)")), npy.ErrFormat},
		{"field name with colon", rawFile(1, dict("[('a:b', '<i4')]", "False", "(3,)")), npy.ErrDtype},
		{"unnamed non-padding field", rawFile(1, dict("[('', '<i4')]", "False", "(3,)")), npy.ErrFormat},
		{"bad escape", rawFile(1, dict("'<f\\x38'", "False", "(3,)")), npy.ErrFormat},
		{"unterminated string", rawFile(1, "{'descr': '<f8"), npy.ErrFormat},
		{"deep tuples", rawFile(1, dict(deep, "False", "(3,)")), npy.ErrFormat},
		{"deep lists", rawFile(1, dict(strings.Repeat("[", 10000)+strings.Repeat("]", 10000), "False", "(3,)")), npy.ErrFormat},
		{"deep shape", rawFile(2, dict("'<f8'", "False", deep)), npy.ErrFormat},
		{"deep unclosed", rawFile(1, strings.Repeat("{", 30000)), npy.ErrFormat},
		{"v3 not UTF-8", rawFile(3, dict("[('\xff', '<i4')]", "False", "(3,)")), npy.ErrFormat},
		{"bytes overflow", rawFile(1, dict("'<f8'", "False", "(1152921504606846976, 8)")), npy.ErrTooLarge},
		{"bytes overflow one axis", rawFile(1, dict("'<c16'", "False", "(1152921504606846976,)")), npy.ErrTooLarge},
		{"bytes overflow u1", rawFile(1, dict("'|u1'", "False", "(9223372036854775807, 2)")), npy.ErrTooLarge},
		{"overflow with a 0 extent", rawFile(1, dict("'<f8'", "False", "(0, 4611686018427387904, 4611686018427387904)")), npy.ErrTooLarge},
		{"overflow before a 0 extent", rawFile(1, dict("'<i2'", "False", "(4611686018427387904, 4611686018427387904, 0)")), npy.ErrTooLarge},
		{"overflow of a record", rawFile(1, dict("[('a', '<f8', (1024,))]", "False", "(1125899906842624, 1024)")), npy.ErrTooLarge},
		// A zero-size item has no bytes to count, but its shape's
		// product still overflows; NumPy says "array is too big".
		{"0-byte items (refused, so no count overflows)", rawFile(1, dict("'|S0'", "False", "(4611686018427387904, 4611686018427387904)")), npy.ErrDtype},
		{"element count overflow", rawFile(1, dict("'|u1'", "False", "(4611686018427387904, 4611686018427387904)")), npy.ErrTooLarge},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, err := npy.ParseHeader(c.file)
			if !errors.Is(err, c.want) {
				t.Fatalf("ParseHeader: %v (header %+v), want an error matching %v", err, h, c.want)
			}
			if !strings.HasPrefix(err.Error(), "npy: ") {
				t.Errorf("error %q does not say where it comes from", err)
			}
			// Load, Read and ReadFile give the same error.
			if _, _, lerr := npy.Load(c.file); !errors.Is(lerr, c.want) {
				t.Errorf("Load: %v, want %v", lerr, c.want)
			}
			if _, _, rerr := npy.Read(bytes.NewReader(c.file)); !errors.Is(rerr, c.want) {
				t.Errorf("Read: %v, want %v", rerr, c.want)
			}
		})
	}
}

// TestParseHeaderTruncatedEOF: ParseHeader's doc promises
// io.ErrUnexpectedEOF when b ends inside the header.
func TestParseHeaderTruncatedEOF(t *testing.T) {
	good := rawFile(1, dict("'<f8'", "False", "(3,)"))
	for _, n := range []int{3, 7, 9, 20, len(good) - 1} {
		_, err := npy.ParseHeader(good[:n])
		if !errors.Is(err, npy.ErrFormat) || !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("ParseHeader of the first %d bytes: %v; want ErrFormat and io.ErrUnexpectedEOF", n, err)
		}
	}
}

// TestHugeHeaderLengthNoAlloc: a length field of 4 GB is refused before
// anything of that size is allocated.
func TestHugeHeaderLengthNoAlloc(t *testing.T) {
	file := []byte("\x93NUMPY\x02\x00\xff\xff\xff\x7f{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }")
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := npy.ParseHeader(file); !errors.Is(err, npy.ErrFormat) {
			t.Fatal(err)
		}
	})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 20 {
		_, _, _ = npy.Read(bytes.NewReader(file))
		_, _, _ = npy.Load(file)
	}
	runtime.ReadMemStats(&after)
	if allocs > 10 || after.TotalAlloc-before.TotalAlloc > 1<<20 {
		t.Errorf("refusing a 2 GB header length cost %v allocations, %d bytes", allocs, after.TotalAlloc-before.TotalAlloc)
	}
}

func TestTruncatedData(t *testing.T) {
	v, _ := makeView(t, "<d", []int{4, 5}, "C", 9)
	file := writeBytes(t, v)
	dir := t.TempDir()
	for _, cut := range []int{1, 8, 159, 160} {
		short := file[:len(file)-cut]
		if _, _, err := npy.Load(short); !errors.Is(err, npy.ErrTruncated) {
			t.Errorf("Load without the last %d bytes: %v, want ErrTruncated", cut, err)
		}
		if _, _, err := npy.Read(bytes.NewReader(short)); !errors.Is(err, npy.ErrTruncated) {
			t.Errorf("Read without the last %d bytes: %v, want ErrTruncated", cut, err)
		}
		path := filepath.Join(dir, "short.npy")
		if err := os.WriteFile(path, short, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := npy.ReadFile(path); !errors.Is(err, npy.ErrTruncated) {
			t.Errorf("ReadFile without the last %d bytes: %v, want ErrTruncated", cut, err)
		}
		// The header alone parses.
		if _, err := npy.ParseHeader(short); err != nil {
			t.Errorf("ParseHeader without the last %d bytes: %v", cut, err)
		}
	}
	// Bytes after the data are ignored, as np.load ignores them.
	w, _, err := npy.Load(append(slices.Clone(file), "trailing"...))
	if err != nil || !bytes.Equal(w.ToBytes(ndview.COrder), v.ToBytes(ndview.COrder)) {
		t.Errorf("Load with trailing bytes: %v", err)
	}
	if _, _, err := npy.ReadFile(filepath.Join(dir, "missing.npy")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile of a missing file: %v", err)
	}
}

// TestReadPromiseNotAllocated: a header promising 1 TB followed by 10
// bytes costs Read what arrived, not what was promised.
func TestReadPromiseNotAllocated(t *testing.T) {
	hdr := npy.HeaderBytes("'<f8'", false, []int{1 << 37})
	if h, err := npy.ParseHeader(hdr); err != nil || h.DataSize != 1<<40 {
		t.Fatalf("ParseHeader: %+v %v", h, err)
	}
	data := []byte("0123456789")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 10 {
		_, _, err := npy.Read(io.MultiReader(bytes.NewReader(hdr), bytes.NewReader(data)))
		if !errors.Is(err, npy.ErrTruncated) {
			t.Fatalf("Read: %v, want ErrTruncated", err)
		}
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("10 Reads of a 1 TB promise with 10 bytes allocated %d bytes", got)
	}
	allocs := testing.AllocsPerRun(10, func() {
		_, _, _ = npy.Read(io.MultiReader(bytes.NewReader(hdr), bytes.NewReader(data)))
	})
	if allocs > 100 {
		t.Errorf("Read allocated %v times", allocs)
	}
	// Load of the same bytes: nothing is allocated for the data either.
	file := append(slices.Clone(hdr), data...)
	if allocs := testing.AllocsPerRun(10, func() { _, _, _ = npy.Load(file) }); allocs > 50 {
		t.Errorf("Load allocated %v times", allocs)
	}
}

type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		return n, e.err
	}
	return n, err
}

func TestReadError(t *testing.T) {
	v, _ := makeView(t, "<i", []int{100}, "C", 10)
	file := writeBytes(t, v)
	boom := errors.New("boom")
	for _, n := range []int{5, 50, len(file) - 1} {
		_, _, err := npy.Read(&errReader{bytes.NewReader(file[:n]), boom})
		if !errors.Is(err, boom) {
			t.Errorf("Read of a reader failing after %d bytes: %v, want boom", n, err)
		}
	}
}

// TestReadConsecutive: np.load on an open file reads one array and
// leaves the file at the next, so that files holding arrays one after
// another (np.save called repeatedly on one file) read back array by
// array. Read does not say it stops at its array's end; this test says
// it should.
func TestReadConsecutive(t *testing.T) {
	v, _ := makeView(t, "<i", []int{100}, "C", 10)
	w, _ := makeView(t, ">d", []int{2, 3}, "F", 11)
	two := append(writeBytes(t, v), writeBytes(t, w)...)
	r := bytes.NewReader(two)
	for i, want := range []ndview.View{v, w} {
		got, _, err := npy.Read(r)
		if err != nil || !bytes.Equal(got.ToBytes(ndview.COrder), want.ToBytes(ndview.COrder)) {
			t.Errorf("array %d of two: %v", i, err)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	for _, f := range []string{"2i", "<ii", "4x", "p", "T{i:a:}2x", "2T{i:a:}", "3w", "O", "g"} {
		v, err := ndview.Make(f, 2)
		if err != nil {
			t.Logf("Make(%q): %v", f, err)
			continue
		}
		var b bytes.Buffer
		if err := npy.Write(&b, v); !errors.Is(err, npy.ErrDtype) {
			t.Errorf("Write of %q: %v, want ErrDtype", f, err)
		}
	}
	if err := npy.Write(io.Discard, ndview.View{}); !errors.Is(err, npy.ErrDtype) {
		t.Errorf("Write of the zero View: %v, want ErrDtype", err)
	}
	v, _ := makeView(t, "<d", []int{2, 3}, "strided", 11)
	boom := errors.New("boom")
	for _, n := range []int{0, 10, 130} {
		if err := npy.Write(&failWriter{n: n, err: boom}, v); !errors.Is(err, boom) {
			t.Errorf("Write to a writer failing after %d bytes: %v", n, err)
		}
	}
	if err := npy.WriteFile(filepath.Join(t.TempDir(), "no", "such", "dir.npy"), v); err == nil {
		t.Errorf("WriteFile into a missing directory succeeded")
	}
}

type failWriter struct {
	n   int
	err error
}

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, w.err
	}
	w.n -= len(p)
	return len(p), nil
}

// TestHeaderText: encodings, quotes and the spellings of old files.
func TestHeaderText(t *testing.T) {
	for _, c := range []struct {
		name         string
		file         []byte
		descr, fmt   string
		shape        []int
		fortranOrder bool
	}{
		{"latin-1 name in v1", rawFile(1, dict("[('caf\xe9', '<i4')]", "False", "(2,)")), "[('café', '<i4')]", "T{<i:café:}", []int{2}, false},
		{"latin-1 name in v2", rawFile(2, dict("[('\xc5ngstr\xf6m', '<f8')]", "False", "(1,)")), "[('Ångström', '<f8')]", "T{<d:Ångström:}", []int{1}, false},
		{"UTF-8 name in v3", rawFile(3, dict("[('名前', '<f8'), ('é', '|u1')]", "False", "(2,)")), "[('名前', '<f8'), ('é', '|u1')]", "T{<d:名前:<B:é:}", []int{2}, false},
		{"v3 ASCII", rawFile(3, dict("'>i2'", "True", "(2, 2)")), ">i2", ">h", []int{2, 2}, true},
		{"double quotes", rawFile(1, `{"descr": "<f4", "fortran_order": False, "shape": (3,)}`), "<f4", "<f", []int{3}, false},
		{"Python 2 longs", rawFile(1, dict("'<i8'", "False", "(2L, 3L)")), "<i8", "<q", []int{2, 3}, false},
		{"no spaces, no trailing comma", rawFile(1, "{'descr':'<u2','fortran_order':True,'shape':(4,)}"), "<u2", "<H", []int{4}, true},
		{"whitespace and NULs after", rawFile(1, dict("'|b1'", "False", "()")+"  \n\x00\x00"), "|b1", "<?", nil, false},
		{"keys in another order", rawFile(1, "{'shape': (1,), 'fortran_order': False, 'descr': '<c8'}"), "<c8", "<Zf", []int{1}, false},
		{"titled field", rawFile(1, dict("[(('a title', 'a'), '<i4')]", "False", "(1,)")), "[(('a title', 'a'), '<i4')]", "T{<i:a:}", []int{1}, false},
		{"field shape as int", rawFile(1, dict("[('a', '<i2', 3)]", "False", "(1,)")), "[('a', '<i2', 3)]", "T{(3)<h:a:}", []int{1}, false},
		{"void field", rawFile(1, dict("[('v', '|V4')]", "False", "(1,)")), "[('v', '|V4')]", "T{4s:v:}", []int{1}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, err := npy.ParseHeader(c.file)
			if err != nil {
				t.Fatal(err)
			}
			if h.Descr != c.descr || h.Format.String() != c.fmt || !slices.Equal(h.Shape, c.shape) && len(h.Shape)+len(c.shape) > 0 || h.FortranOrder != c.fortranOrder {
				t.Errorf("got descr %q format %q shape %v fortran %v\nwant descr %q format %q shape %v fortran %v",
					h.Descr, h.Format, h.Shape, h.FortranOrder, c.descr, c.fmt, c.shape, c.fortranOrder)
			}
			if h.DataOffset != len(c.file) {
				t.Errorf("DataOffset %d, want %d", h.DataOffset, len(c.file))
			}
			file := append(slices.Clone(c.file), make([]byte, h.DataSize)...)
			v, _, err := npy.Load(file)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if v.ItemFormat().String() != c.fmt || v.NBytes() != h.DataSize {
				t.Errorf("Load: format %q, %d bytes", v.ItemFormat(), v.NBytes())
			}
		})
	}
}

// TestUnicodeDtype: '<U3' is three UCS-4 characters, 12 bytes an
// element; a reader must either refuse it (ErrDtype) or size it so.
func TestUnicodeDtype(t *testing.T) {
	for _, c := range []struct {
		descr string
		size  int
	}{{"'<U3'", 12}, {"'<U4'", 16}, {"'>U1'", 4}} {
		h, err := npy.ParseHeader(rawFile(1, dict(c.descr, "False", "(2,)")))
		if errors.Is(err, npy.ErrDtype) {
			continue
		}
		if err != nil || h.Format.Size() != c.size || h.DataSize != 2*c.size {
			t.Errorf("%s: format %v (%d bytes an element), DataSize %d, err %v; want %d bytes an element (or ErrDtype)",
				c.descr, h.Format, sizeOf(h), h.DataSize, err, c.size)
		}
	}
}

func sizeOf(h npy.Header) int {
	if h.Format == nil {
		return 0
	}
	return h.Format.Size()
}

// TestZeroSizeItems: dtypes of no bytes, which no view can hold, are
// refused with an error, never a panic.
func TestZeroSizeItems(t *testing.T) {
	for _, descr := range []string{"'|S0'", "'|V0'", "[]"} {
		for _, shape := range []string{"(3,)", "()", "(0,)", "(4611686018427387904, 2)"} {
			file := rawFile(1, dict(descr, "False", shape))
			_, _, err := npy.Load(file)
			if err == nil {
				continue
			}
			if !errors.Is(err, npy.ErrFormat) && !errors.Is(err, npy.ErrDtype) && !errors.Is(err, npy.ErrTooLarge) && !errors.Is(err, ndview.ErrLayout) {
				t.Errorf("Load of %s %s: %v matches no sentinel", descr, shape, err)
			}
		}
	}
}

// TestReadFileChecksSize: ReadFile's doc says the file's size is
// checked against the header before the data is read, so a file
// shorter than its header promises is refused without reading (or
// allocating) its data.
func TestReadFileChecksSize(t *testing.T) {
	const n = 1 << 21 // 16 MB of float64s promised
	path := filepath.Join(t.TempDir(), "short.npy")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	hdr := npy.HeaderBytes("'<f8'", false, []int{n})
	if _, err := f.Write(hdr); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(int64(len(hdr) + 8*n - 1)); err != nil { // sparse, one byte short
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err = npy.ReadFile(path)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, npy.ErrTruncated) {
		t.Fatalf("ReadFile: %v, want ErrTruncated", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("ReadFile of a file one byte short of 16 MB allocated %d bytes before refusing it", got)
	}
}

// TestWriteViews: views that are neither C- nor F-contiguous are written
// in C order, whatever their strides: broadcasts, axis permutations,
// diagonals, reversals, read-only views.
func TestWriteViews(t *testing.T) {
	base, _ := makeView(t, "<i", []int{3, 4, 5}, "C", 21)
	row, _ := makeView(t, ">d", []int{4}, "C", 22)
	for _, c := range []struct {
		name string
		v    func() (ndview.View, error)
	}{
		{"broadcast", func() (ndview.View, error) { return row.BroadcastTo(3, 4) }},
		{"transpose 1,0,2", func() (ndview.View, error) { return base.Transpose(1, 0, 2) }},
		{"transpose 2,0,1", func() (ndview.View, error) { return base.Transpose(2, 0, 1) }},
		{"diagonal", func() (ndview.View, error) { return base.Diagonal(1, 1, 2) }},
		{"all reversed", func() (ndview.View, error) { return base.IndexString("::-1, ::-1, ::-1") }},
		{"column", func() (ndview.View, error) { return base.IndexString("..., 2") }},
		{"new axes", func() (ndview.View, error) { return base.IndexString("None, 1:, None, ::2") }},
		{"read-only", func() (ndview.View, error) { return base.AsReadOnly(), nil }},
		{"read-only F", func() (ndview.View, error) { return base.T().AsReadOnly(), nil }},
		{"element", func() (ndview.View, error) { return base.IndexString("1, 2, 3") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, err := c.v()
			if err != nil {
				t.Fatal(err)
			}
			file := writeBytes(t, v)
			w, h, err := npy.Load(file)
			if err != nil {
				t.Fatal(err)
			}
			fortran := v.IsFContiguous() && !v.IsCContiguous()
			if h.FortranOrder != fortran || h.DataOffset%64 != 0 || !slices.Equal(w.Shape(), v.Shape()) {
				t.Errorf("header %+v for a view of shape %v strides %v", h, v.Shape(), v.Strides())
			}
			if !bytes.Equal(file[h.DataOffset:], v.ToBytes(memoryOrder(fortran))) || !sameTokens(tokens(t, w), tokens(t, v)) {
				t.Errorf("wrote\n%v\nwant\n%v", w, v)
			}
		})
	}
}

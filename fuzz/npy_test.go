package fuzz

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/npy"
)

// npyErrClass names the sentinel an error of package npy matches: every
// error it returns matches one (ndview's ErrLayout for a layout no view
// can have, such as zero-size items); "" is none.
func npyErrClass(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, npy.ErrTruncated):
		return "truncated"
	case errors.Is(err, npy.ErrTooLarge):
		return "too large"
	case errors.Is(err, npy.ErrDtype):
		return "dtype"
	case errors.Is(err, npy.ErrFormat):
		return "format"
	case errors.Is(err, ndview.ErrLayout):
		return "layout"
	}
	return ""
}

func npyHeadersEqual(a, b npy.Header) bool {
	return a.Major == b.Major && a.Minor == b.Minor && a.Descr == b.Descr && a.FortranOrder == b.FortranOrder &&
		slices.Equal(a.Shape, b.Shape) && a.DataOffset == b.DataOffset && a.DataSize == b.DataSize &&
		(a.Format == nil) == (b.Format == nil) && (a.Format == nil || a.Format.String() == b.Format.String())
}

// npyValues lists a view's values (NaN-safe through fmt), or "" when the
// view has too many elements to list quickly or values without Go form.
func npyValues(v ndview.View) string {
	if v.Len() > 4096 {
		return ""
	}
	var b strings.Builder
	for idx := range v.All() {
		x, err := v.Value(idx...)
		if err != nil {
			return ""
		}
		fmt.Fprint(&b, x, ";")
	}
	return b.String()
}

func npyOrder(fortran bool) ndview.Order {
	if fortran {
		return ndview.FOrder
	}
	return ndview.COrder
}

func npySeed(descr string, fortran bool, shape []int, data []byte) []byte {
	return append(npy.HeaderBytes(descr, fortran, shape), data...)
}

// npyRaw is a preamble of any version with the header text, unpadded.
func npyRaw(major byte, header string) []byte {
	b := []byte{0x93, 'N', 'U', 'M', 'P', 'Y', major, 0}
	if major == 1 {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(header)))
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(header)))
	}
	return append(b, header...)
}

// FuzzNpyHeader: ParseHeader, Load and Read of any bytes never panic and
// agree: the same header, or errors of the same class, each matching
// one of npy's sentinels. A successful Load is a view of the input's own
// bytes, laid out as the header says (F-strided for fortran_order); Read
// gives the same elements; and Write of the view gives a file that loads
// back to the same shape and bytes, and that Write reproduces exactly.
func FuzzNpyHeader(f *testing.F) {
	addConformanceSeedsFuzzNpyHeader(f)
	counting := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*7 + 1)
		}
		return b
	}
	good := npySeed("'<f8'", false, []int{2, 3}, counting(48))
	f.Add(good)
	f.Add(npySeed("'>i2'", true, []int{3, 2}, counting(12)))
	f.Add(npySeed("'|b1'", false, nil, []byte{2}))
	f.Add(npySeed("'<c8'", false, []int{0, 4}, nil))
	f.Add(npySeed("'|S3'", false, []int{2}, []byte("ab\x00xyz")))
	f.Add(npySeed("'<f2'", false, []int{4}, []byte{0, 0x7c, 0, 0xfc, 1, 0x7e, 0, 0x80}))
	f.Add(npySeed("[('x', '<i4'), ('', '|V4'), ('y', '>f8', (2,))]", false, []int{1}, counting(24)))
	f.Add(npySeed("[('a', '<u2'), ('n', [('b', '>i4'), ('c', '|S3', (2,))]), ('z', '|b1')]", true, []int{1, 2}, counting(26)))
	f.Add(npySeed("[(('t', 'a'), '<i4'), ('v', '|V2')]", false, []int{2}, counting(12)))
	f.Add(npyRaw(2, "{'descr': '<u4', 'fortran_order': False, 'shape': (2,), }\n"+string(counting(8))))
	f.Add(append(npyRaw(3, "{'descr': [('名前', '<f8')], 'fortran_order': False, 'shape': (1,), }"), counting(8)...))
	f.Add(append(npyRaw(1, "{'descr': [('caf\xe9', '|u1')], 'fortran_order': True, 'shape': (1L, 2L)}"), 1, 2))
	f.Add(good[:len(good)-1])                               // truncated data
	f.Add(good[:40])                                        // truncated header
	f.Add(append([]byte("\x93NUMPX"), good[6:]...))         // bad magic
	f.Add(append([]byte("\x93NUMPY\x04\x00"), good[8:]...)) // version 4.0
	f.Add([]byte("\x93NUMPY\x02\x00\xff\xff\xff\xff{"))
	f.Add(npyRaw(1, "{'descr': '|O', 'fortran_order': False, 'shape': (3,), }"))
	f.Add(npyRaw(1, "{'descr': '<U2', 'fortran_order': False, 'shape': (1,), }\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add(npyRaw(1, "{'descr': '|S0', 'fortran_order': False, 'shape': (4611686018427387904, 2), }"))
	f.Add(npyRaw(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 4611686018427387904, 4), }"))
	f.Add(npyRaw(1, "{'descr': "+strings.Repeat("[", 40)+"'<f8'"+strings.Repeat("]", 40)+", 'fortran_order': False, 'shape': (), }"))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, herr := npy.ParseHeader(data)
		v, lh, lerr := npy.Load(data)
		rv, rh, rerr := npy.Read(bytes.NewReader(data))
		for _, e := range []struct {
			how string
			err error
		}{{"ParseHeader", herr}, {"Load", lerr}, {"Read", rerr}} {
			if npyErrClass(e.err) == "" {
				t.Fatalf("%s: %v matches none of the sentinels", e.how, e.err)
			}
		}
		if herr != nil {
			if npyErrClass(lerr) != npyErrClass(herr) || npyErrClass(rerr) != npyErrClass(herr) {
				t.Fatalf("ParseHeader: %v\nLoad: %v\nRead: %v", herr, lerr, rerr)
			}
			return
		}
		if h.Major < 1 || h.Major > 3 || h.Minor != 0 || h.DataOffset > len(data) || h.DataOffset < 10 || h.DataSize < 0 || h.Format == nil {
			t.Fatalf("header %+v of a %d-byte input", h, len(data))
		}
		truncated := len(data)-h.DataOffset < h.DataSize
		if npyErrClass(lerr) != npyErrClass(rerr) || truncated != errors.Is(lerr, npy.ErrTruncated) {
			t.Fatalf("header %+v, %d bytes of data\nLoad: %v\nRead: %v", h, len(data)-h.DataOffset, lerr, rerr)
		}
		if lerr != nil {
			return
		}
		if !npyHeadersEqual(lh, h) || !npyHeadersEqual(rh, h) {
			t.Fatalf("headers differ:\nParseHeader %+v\nLoad        %+v\nRead        %+v", h, lh, rh)
		}

		// The view is the input's own bytes, as the header lays them out.
		if !slices.Equal(v.Shape(), h.Shape) && len(h.Shape)+v.NDim() > 0 || v.ItemFormat().String() != h.Format.String() || v.NBytes() != h.DataSize {
			t.Fatalf("view %v %s (%d bytes) for header %+v", v.Shape(), v.ItemFormat(), v.NBytes(), h)
		}
		if v.Len() > 0 {
			lo, hi := v.Span()
			base := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
			at := uintptr(unsafe.Pointer(unsafe.SliceData(v.Buffer())))
			if at+uintptr(lo) != base+uintptr(h.DataOffset) || hi-lo != h.DataSize {
				t.Fatalf("the view's bytes [%d, %d) of its buffer are not data[%d:%d]", lo, hi, h.DataOffset, h.DataOffset+h.DataSize)
			}
			if h.FortranOrder && !v.IsFContiguous() || !h.FortranOrder && !v.IsCContiguous() {
				t.Fatalf("fortran_order %v gave strides %v", h.FortranOrder, v.Strides())
			}
		}
		raw := data[h.DataOffset : h.DataOffset+h.DataSize]
		if !bytes.Equal(v.ToBytes(npyOrder(h.FortranOrder)), raw) || !bytes.Equal(rv.ToBytes(ndview.COrder), v.ToBytes(ndview.COrder)) {
			t.Fatalf("Load and Read disagree, or the view is not the data")
		}
		if !slices.Equal(rv.Shape(), v.Shape()) || !slices.Equal(rv.Strides(), v.Strides()) {
			t.Fatalf("Read gave shape %v strides %v, Load %v %v", rv.Shape(), rv.Strides(), v.Shape(), v.Strides())
		}
		values := npyValues(v)

		// Write, then Load, round-trips; a second Write changes nothing.
		var out bytes.Buffer
		if err := npy.Write(&out, v); err != nil {
			if !errors.Is(err, npy.ErrDtype) {
				t.Fatalf("Write of %s: %v", h.Descr, err)
			}
			return // a dtype npy reads but does not write (unicode, non-ASCII names)
		}
		file := out.Bytes()
		w, wh, err := npy.Load(file)
		if err != nil {
			t.Fatalf("Load of what Write wrote: %v\n%q", err, file[:min(len(file), 300)])
		}
		if wh.DataOffset%64 != 0 || len(file) != wh.DataOffset+wh.DataSize || wh.Major != 1 && wh.DataOffset-12 <= 65535 {
			t.Fatalf("Write: header of version %d.%d, data at %d, %d bytes", wh.Major, wh.Minor, wh.DataOffset, len(file))
		}
		if !slices.Equal(wh.Shape, h.Shape) || wh.FortranOrder != (v.IsFContiguous() && !v.IsCContiguous()) ||
			w.ItemSize() != v.ItemSize() || !bytes.Equal(w.ToBytes(ndview.COrder), v.ToBytes(ndview.COrder)) {
			t.Fatalf("round trip: %+v\nfrom %+v", wh, h)
		}
		if got := npyValues(w); got != values {
			t.Fatalf("round trip changed the values:\n%s\n%s", values, got)
		}
		var again bytes.Buffer
		if err := npy.Write(&again, w); err != nil || !bytes.Equal(again.Bytes(), file) {
			t.Fatalf("Write is not idempotent: %v\n%q\n%q", err, again.Bytes()[:min(again.Len(), 300)], file[:min(len(file), 300)])
		}
		if again, err := npy.ParseHeader(file); err != nil || again.Descr != wh.Descr {
			t.Fatalf("ParseHeader of what Write wrote: %v", err)
		}
	})
}

package fuzz

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ndview/ndview/format"
)

// seedFormats are formats from the conformance suite and the docs.
var seedFormats = []string{
	"", "<", "@ci", "@ic", "<lhl", "@llh0l", "=3p3HB2l?L2B", "@4e2qh2P", ">Be4c", "10p", "0s",
	"!4Qqd1c", "@c5xi", "3h 2i", "T{i:x:xxxxd:y:}", "T{i:x:=d:y:}", "T{<i:x:>d:y:(2,3)Zf:z:}",
	"T{H:f0:xxxxxxT{>d:a:Q:b:}:inner:}", "T{(2)1s:f0:xxxxxxT{>d:a:b:b:}:inner:}",
	"T{e:f0:xx(2)>i:f1:@e:f2:xx(3)>Zf:f3:}", "(2,3)h", "2T{b:a:}", "^ih", "O", "2w", "Zg",
	"T{", "(2,i", "T{}(2)", "X{}", "&i", "99999999999999999999i", "(100000)0s",
}

// FuzzParseFormat: any string gives an error, or a format whose String
// parses back to the same layout, whose fields lie inside its size in
// order, and which packs and unpacks zero values.
func FuzzParseFormat(f *testing.F) {
	addConformanceSeedsFuzzParseFormat(f)
	for _, s := range seedFormats {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		strict, serr := format.ParseStruct(s)
		ft, err := format.Parse(s)
		if err != nil {
			if !errors.Is(err, format.ErrSyntax) {
				t.Fatalf("Parse(%q): error %v does not match ErrSyntax", s, err)
			}
			if serr == nil {
				t.Fatalf("ParseStruct(%q) succeeded but Parse failed: %v", s, err)
			}
			return
		}
		if serr == nil && (strict.Size() != ft.Size() || strict.NumValues() != ft.NumValues()) {
			t.Fatalf("%q: ParseStruct gives size %d values %d, Parse %d %d",
				s, strict.Size(), strict.NumValues(), ft.Size(), ft.NumValues())
		}
		if ft.String() != s {
			t.Fatalf("String() = %q, want %q", ft.String(), s)
		}
		again, err := format.Parse(ft.String())
		if err != nil {
			t.Fatalf("re-parse of %q: %v", s, err)
		}
		if !cmp.Equal(layout(again), layout(ft)) {
			t.Fatalf("re-parse of %q changed the layout:\n%s", s, cmp.Diff(layout(ft), layout(again)))
		}
		checkLayout(t, ft)

		if ft.Size() > 1<<12 {
			return // zero values of a huge item are not worth building
		}
		vals, ok := zeroValues(ft)
		if !ok {
			return
		}
		b, err := ft.Pack(vals...)
		if err != nil {
			if errors.Is(err, format.ErrUnsupported) {
				return
			}
			t.Fatalf("Pack(%q) of zero values: %v", s, err)
		}
		if len(b) != ft.Size() || !bytes.Equal(b, make([]byte, len(b))) {
			t.Fatalf("Pack(%q) of zero values = %x, want %d zero bytes", s, b, ft.Size())
		}
		got, err := ft.Unpack(b)
		if err != nil {
			t.Fatalf("Unpack(%q): %v", s, err)
		}
		if !cmp.Equal(got, vals, sameValues) {
			t.Fatalf("Unpack(Pack(zeros)) for %q:\n%s", s, cmp.Diff(vals, got, sameValues))
		}
	})
}

// sameValues compares unpacked values, NaN equal to NaN (in complex parts
// too) and nil slices equal to empty ones.
var sameValues = cmp.Options{
	cmpopts.EquateNaNs(),
	cmpopts.EquateEmpty(),
	cmp.Comparer(func(a, b complex128) bool {
		eq := func(x, y float64) bool { return x == y || x != x && y != y }
		return eq(real(a), real(b)) && eq(imag(a), imag(b))
	}),
}

// fieldLayout is what a field says of where its bytes are.
type fieldLayout struct {
	Name, Code          string
	Kind                format.Kind
	Order               format.ByteOrder
	Offset, Size, Count int
	Shape               []int
	NumValues           int
	Record              []fieldLayout
}

func layout(f *format.Format) []fieldLayout {
	var out []fieldLayout
	for i := 0; i < f.NumFields(); i++ {
		fl := f.Field(i)
		l := fieldLayout{fl.Name, fl.Code, fl.Kind, fl.Order, fl.Offset, fl.Size, fl.Count, fl.Shape, fl.NumValues, nil}
		if fl.Record != nil {
			l.Record = layout(fl.Record)
		}
		out = append(out, l)
	}
	return out
}

// checkLayout checks that fields follow one another inside the item and
// that the value count adds up.
func checkLayout(t *testing.T, f *format.Format) {
	t.Helper()
	end, values := 0, 0
	for i := 0; i < f.NumFields(); i++ {
		fl := f.Field(i)
		if fl.Offset < end {
			t.Fatalf("%q: field %d at %d overlaps the previous one ending at %d", f, i, fl.Offset, end)
		}
		if fl.Size < 0 || fl.Count < 0 {
			t.Fatalf("%q: field %d has size %d count %d", f, i, fl.Size, fl.Count)
		}
		end = fl.Offset + fl.Size*fl.Count
		values += fl.NumValues
		if fl.Shape != nil {
			p := 1
			for _, d := range fl.Shape {
				p *= d
			}
			if p != fl.Count || fl.NumValues != 1 {
				t.Fatalf("%q: field %d shape %v with count %d values %d", f, i, fl.Shape, fl.Count, fl.NumValues)
			}
		}
		if fl.Kind == format.Record {
			if fl.Record == nil || fl.Record.Size() > fl.Size {
				t.Fatalf("%q: record field %d of size %d holds a record of %v", f, i, fl.Size, fl.Record)
			}
			checkLayout(t, fl.Record)
		}
	}
	if end > f.Size() {
		t.Fatalf("%q: fields end at %d, past the size %d", f, end, f.Size())
	}
	if values != f.NumValues() {
		t.Fatalf("%q: fields hold %d values, NumValues says %d", f, values, f.NumValues())
	}
}

// zeroValues builds the values Unpack gives for an all-zero item. It
// reports false for formats whose values would be too many to build.
func zeroValues(f *format.Format) ([]any, bool) {
	var out []any
	budget := 1 << 12
	for i := 0; i < f.NumFields(); i++ {
		fl := f.Field(i)
		if fl.Kind == format.Pad {
			continue
		}
		if fl.Shape != nil {
			v, ok := zeroArray(fl, fl.Shape, &budget)
			if !ok {
				return nil, false
			}
			out = append(out, v)
			continue
		}
		for k := 0; k < fl.Count; k++ {
			v, ok := zeroLeaf(fl, &budget)
			if !ok {
				return nil, false
			}
			out = append(out, v)
		}
	}
	return out, true
}

func zeroArray(fl format.Field, shape []int, budget *int) (any, bool) {
	if len(shape) == 0 {
		return zeroLeaf(fl, budget)
	}
	out := make([]any, 0, min(shape[0], 64))
	for i := 0; i < shape[0]; i++ {
		v, ok := zeroArray(fl, shape[1:], budget)
		if !ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}

func zeroLeaf(fl format.Field, budget *int) (any, bool) {
	*budget--
	if *budget < 0 {
		return nil, false
	}
	k := fl.Kind
	switch {
	case k.IsSigned():
		return int64(0), true
	case k.IsInteger():
		return uint64(0), true
	case k.IsFloat():
		return 0.0, true
	case k.IsComplex():
		return complex128(0), true
	case k == format.Bool:
		return false, true
	case k == format.Char:
		return []byte{0}, true
	case k == format.Bytes || k == format.Void:
		return make([]byte, fl.Size), true
	case k == format.Pascal:
		return []byte{}, true
	case k == format.Record:
		vals, ok := zeroValues(fl.Record)
		if vals == nil {
			vals = []any{}
		}
		return vals, ok
	}
	return nil, true // Opaque: Pack reports ErrUnsupported
}

// FuzzPackUnpack: unpacking any bytes never panics, and packing what was
// unpacked gives bytes that unpack to the same values. The bytes may
// differ from the input where the format normalises them: padding and
// alignment gaps become zero, ? becomes 0 or 1, p's length byte is
// clamped and the bytes after the string are zeroed, and a NaN of e or f
// may change its payload (e keeps only the sign; f quiets a signalling
// NaN). Packing twice gives the same bytes.
func FuzzPackUnpack(f *testing.F) {
	addConformanceSeedsFuzzPackUnpack(f)
	for _, s := range seedFormats {
		f.Add(s, []byte("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\xff\x7f\x80\x00"))
	}
	f.Add("<e", []byte{0x01, 0x7c})
	f.Add("?", []byte{2})
	f.Add("5p", []byte{9, 'a', 'b', 'c', 'd'})
	f.Fuzz(func(t *testing.T, s string, data []byte) {
		ft, err := format.Parse(s)
		if err != nil {
			return
		}
		if len(data) != ft.Size() {
			if _, err := ft.Unpack(data); !errors.Is(err, format.ErrSize) {
				t.Fatalf("Unpack(%q) of %d bytes (size %d): %v, want ErrSize", s, len(data), ft.Size(), err)
			}
			if len(data) < ft.Size() {
				return
			}
			data = data[:ft.Size()]
		}
		vals, err := ft.Unpack(data)
		if err != nil {
			if errors.Is(err, format.ErrUnsupported) {
				return
			}
			t.Fatalf("Unpack(%q, %x): %v", s, data, err)
		}
		b, err := ft.Pack(vals...)
		if err != nil {
			t.Fatalf("Pack(%q) of unpacked values %v: %v", s, vals, err)
		}
		again, err := ft.Unpack(b)
		if err != nil {
			t.Fatalf("Unpack(%q, %x): %v", s, b, err)
		}
		if !cmp.Equal(again, vals, sameValues) {
			t.Fatalf("%q: values changed by a pack round trip:\n%s", s, cmp.Diff(vals, again, sameValues))
		}
		b2, err := ft.Pack(again...)
		if err != nil || !bytes.Equal(b, b2) {
			t.Fatalf("%q: packing twice gives %x then %x (%v)", s, b, b2, err)
		}
		// Packing over dirty memory writes every byte of the item.
		dirty := bytes.Repeat([]byte{0xa5}, len(b)+3)
		if app, err := ft.AppendPack(dirty[:1], vals...); err != nil || !bytes.Equal(app[1:], b) {
			t.Fatalf("%q: AppendPack over dirty capacity = %x, %v; Pack = %x", s, app, err, b)
		}
		// UnpackTo into *any, and a Reader, give what Unpack gives.
		ptrs := make([]any, len(vals))
		boxes := make([]any, len(vals))
		for i := range ptrs {
			ptrs[i] = &boxes[i]
		}
		if err := ft.UnpackTo(data, ptrs...); err != nil || !cmp.Equal(boxes, vals, sameValues) {
			t.Fatalf("%q: UnpackTo into *any = %v, %v; Unpack = %v", s, boxes, err, vals)
		}
		r := format.NewReader(append(append([]byte{}, data...), 0xff), format.BigEndian)
		got, err := r.Unpack(ft)
		switch {
		case ft.Size() == 0:
			if !errors.Is(err, format.ErrSize) || r.Len() != 1 {
				t.Fatalf("%q: Reader.Unpack of a zero-size item: %v (left %d), want ErrSize", s, err, r.Len())
			}
		case err != nil || !cmp.Equal(got, vals, sameValues) || r.Len() != 1:
			t.Fatalf("%q: Reader.Unpack = %v, %v (left %d); Unpack = %v", s, got, err, r.Len(), vals)
		}
		// Outside NaNs, pad bytes, ? and p, the bytes are the input's.
		if plain(ft) && !bytes.Equal(b, data) {
			t.Fatalf("%q: Pack(Unpack(%x)) = %x", s, data, b)
		}
	})
}

// plain reports whether every byte of f round-trips exactly: no padding,
// no ?, p, e or f (or complex parts), no records, packed back to back.
func plain(f *format.Format) bool {
	end := 0
	for i := 0; i < f.NumFields(); i++ {
		fl := f.Field(i)
		switch fl.Kind {
		case format.Pad, format.Bool, format.Pascal, format.Float16, format.Float32, format.Complex64, format.Record, format.Opaque, format.Void:
			return false
		}
		if fl.Offset != end {
			return false
		}
		end = fl.Offset + fl.Size*fl.Count
	}
	return end == f.Size()
}

package format_test

import (
	"errors"
	"fmt"
	"io"

	"github.com/ndview/ndview/format"
)

func ExampleParse() {
	f, err := format.Parse("T{<i:x:>d:y:(2,3)Zf:z:}")
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := f.Field(0).Record
	for i := 0; i < rec.NumFields(); i++ {
		fl := rec.Field(i)
		fmt.Printf("%s: %s %v at %d, shape %v\n", fl.Name, fl.Kind, fl.Order, fl.Offset, fl.Shape)
	}
	fmt.Println("size", f.Size())
	// Output:
	// x: int32 little at 0, shape []
	// y: float64 big at 4, shape []
	// z: complex64 big at 12, shape [2 3]
	// size 60
}

func ExampleParse_error() {
	_, err := format.Parse("<3")
	fmt.Println(err)
	fmt.Println(errors.Is(err, format.ErrSyntax))
	// Output:
	// format "<3": repeat count given without format specifier at position 2
	// true
}

func ExampleParseStruct() {
	for _, s := range []string{"@ci", "@ic", "<lhl", "@llh0l", "T{i:x:}"} {
		f, err := format.ParseStruct(s)
		if err != nil {
			fmt.Printf("%-8s %v\n", s, errors.Is(err, format.ErrSyntax))
			continue
		}
		fmt.Printf("%-8s %d\n", s, f.Size())
	}
	// Output:
	// @ci      8
	// @ic      5
	// <lhl     10
	// @llh0l   24
	// T{i:x:}  true
}

func ExampleFormat_Pack() {
	f := format.MustParse(">hq3s?e")
	b, err := f.Pack(-2, int64(1)<<40, "ab", true, 0.1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("% x\n", b)

	_, err = f.Pack(40000, 0, "", false, 0)
	fmt.Println(err)
	fmt.Println(errors.Is(err, format.ErrRange))
	// Output:
	// ff fe 00 00 01 00 00 00 00 00 61 62 00 01 2e 66
	// format: value 0 ('h'): requires -32768 <= number <= 32767
	// true
}

func ExampleFormat_Unpack() {
	f := format.MustParse("<hd2s")
	vals, err := f.Unpack([]byte{0xfe, 0xff, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f, 'h', 'i'})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range vals {
		fmt.Printf("%T %v\n", v, v)
	}
	// Output:
	// int64 -2
	// float64 1.5
	// []uint8 [104 105]
}

func ExampleFormat_UnpackTo() {
	f := format.MustParse("<IId")
	b, _ := f.Pack(7, 9, 2.5)
	var a, c uint32
	var d float64
	if err := f.UnpackTo(b, &a, &c, &d); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a, c, d)
	// Output: 7 9 2.5
}

func ExampleFormat_AppendPack() {
	f := format.MustParse("<HH")
	buf := make([]byte, 0, 64) // reused: AppendPack allocates only when it must grow
	for i := 1; i <= 3; i++ {
		buf, _ = f.AppendPack(buf, i, i*i)
	}
	fmt.Printf("% x\n", buf)
	// Output: 01 00 01 00 02 00 04 00 03 00 09 00
}

func ExampleField_Float() {
	f := format.MustParse("T{<I:id:>d:price:}")
	rec := f.Field(0).Record
	id, _, _ := rec.FieldByName("id")
	price, _, _ := rec.FieldByName("price")
	item, _ := f.Pack([]any{42, 9.75})
	fmt.Println(id.Uint(item, 0), price.Float(item, 0))
	// Output: 42 9.75
}

func ExampleReader() {
	// Two messages, each a <II header (type, length) and a payload.
	hdr := format.MustParse("<II")
	var blob []byte
	for i, p := range []string{"hello", "ndview"} {
		blob, _ = hdr.AppendPack(blob, i+1, len(p))
		blob = append(blob, p...)
	}

	r := format.NewReader(blob, format.LittleEndian)
	for r.Len() > 0 {
		typ, err := r.Uint32()
		if err != nil {
			fmt.Println(err)
			return
		}
		n, err := r.Uint32()
		if err != nil {
			fmt.Println(err)
			return
		}
		payload, err := r.Bytes(int(n)) // a sub-slice of blob: no copy
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("type %d: %s\n", typ, payload)
	}
	_, err := r.Uint32()
	fmt.Println(err == io.EOF)
	// Output:
	// type 1: hello
	// type 2: ndview
	// true
}

func ExampleFormat_PackInto() {
	f := format.MustParse(">HI")
	buf := make([]byte, 64) // caller-owned memory: a socket buffer, a mapped file
	if err := f.PackInto(buf[10:], 0xbeef, 7); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("% x\n", buf[10:10+f.Size()])
	// Output: be ef 00 00 00 07
}

func ExampleCalcSize() {
	n, err := format.CalcSize("@llh0l") // the "0l" trick pads to long alignment
	fmt.Println(n, err)
	// Output: 24 <nil>
}

func ExampleFormat_Padded() {
	// NumPy exports the aligned record [('a', '>f8'), ('b', '<i4')] as
	// "T{>d:a:@i:b:}" with an itemsize of 16: the string alone says 12.
	f := format.MustParse("T{>d:a:@i:b:}")
	g, err := f.Padded(16)
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := g.Pack([]any{1.5, 7})
	fmt.Println(f.Size(), g.Size(), len(b))
	// Output: 12 16 16
}

func ExampleFormat_FieldByName() {
	f := format.MustParse("T{<q:id:3s:tag:}")
	rec := f.Field(0).Record // a NumPy record format is one T{...} field
	tag, i, ok := rec.FieldByName("tag")
	fmt.Println(i, ok, tag.Kind, tag.Offset, tag.Size)
	// Output: 1 true bytes 8 3
}

func ExampleFormat_Fields() {
	f := format.MustParse("<h2xd3s")
	for i, fl := range f.Fields() {
		fmt.Println(i, fl.Code, fl.Kind, fl.Offset, fl.Count)
	}
	// Output:
	// 0 h int16 0 1
	// 1 x pad 2 2
	// 2 d float64 4 1
	// 3 s bytes 12 1
}

func ExampleFloat16bits() {
	h, ok := format.Float16bits(0.1)
	fmt.Printf("%#04x %v %v\n", h, ok, format.Float16frombits(h))
	_, ok = format.Float16bits(70000) // beyond the largest half, 65504
	fmt.Println(ok)
	// Output:
	// 0x2e66 true 0.0999755859375
	// false
}

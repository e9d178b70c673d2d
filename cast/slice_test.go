package cast_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

type celsius float64

// sliceSpec describes one Go number type for the typed-slice tests.
type sliceSpec[T cast.Number] struct {
	format  string        // FormatOf[T]()
	ok      []string      // formats Slice accepts
	badType []string      // formats Slice refuses with ErrType
	foreign []string      // formats Slice refuses with ErrByteOrder
	mk      func(k int) T // the k-th test value (distinct, in T's range)
}

// goValue returns x as View.Value gives a value of its kind.
func goValue[T cast.Number](x T) any {
	v := reflect.ValueOf(x)
	switch {
	case v.CanInt():
		return v.Int()
	case v.CanUint():
		return v.Uint()
	case v.CanFloat():
		return v.Float()
	}
	return v.Complex()
}

// setValue stores x (as goValue gives it) into v at idx, as a one-byte
// []byte for a c item.
func setValue(t *testing.T, v ndview.View, x any, idx ...int) {
	t.Helper()
	if fl, ok := v.ItemFormat().Scalar(); ok && fl.Kind == format.Char {
		x = []byte{byte(x.(uint64))}
	}
	if err := v.SetValue(x, idx...); err != nil {
		t.Fatalf("SetValue(%v, %v) over %q: %v", x, idx, v.ItemFormat(), err)
	}
}

// viewValue returns v.Value(idx...), with a c item's []byte as its uint64.
func viewValue(t *testing.T, v ndview.View, idx ...int) any {
	t.Helper()
	x, err := v.Value(idx...)
	if err != nil {
		t.Fatalf("Value%v: %v", idx, err)
	}
	if b, ok := x.([]byte); ok && len(b) == 1 {
		return uint64(b[0])
	}
	return x
}

func is64bit() bool { return unsafe.Sizeof(int(0)) == 8 }

// prefixed returns code with each prefix.
func prefixed(code string, prefixes ...string) []string {
	out := make([]string, len(prefixes))
	for i, p := range prefixes {
		out[i] = p + code
	}
	return out
}

func TestSliceTypes(t *testing.T) {
	nat, fgn := nativePrefix(), foreignPrefix()
	all := []string{"", "@", "=", "<", ">", "!"}
	// Formats of this machine's order, and of the other one, with the
	// prefixes that give standard sizes or the native order.
	std := func(code string) []string { return append([]string{code, "@" + code, "=" + code}, nat+code) }
	big := "!"
	if nat == ">" {
		big = "" // "!" is big-endian: native here
	}
	far := func(code string) []string {
		out := []string{fgn + code}
		if big != "" {
			out = append(out, big+code)
		}
		return out
	}
	t.Run("int8", func(t *testing.T) {
		testSlice(t, sliceSpec[int8]{format: "b", ok: prefixed("b", all...),
			badType: []string{"B", "c", "?", "h", "s", "x", "2b", "T{b:a:}", "(1)b", "bx"},
			mk:      func(k int) int8 { return int8(k*37 - 100) }})
	})
	t.Run("uint8", func(t *testing.T) {
		testSlice(t, sliceSpec[uint8]{format: "B", ok: append(prefixed("B", all...), prefixed("c", all...)...),
			badType: []string{"b", "?", "s", "1s", "H", "e", "2B", "xB"},
			mk:      func(k int) uint8 { return uint8(k*37 + 200) }})
	})
	t.Run("int16", func(t *testing.T) {
		testSlice(t, sliceSpec[int16]{format: "h", ok: std("h"), foreign: far("h"),
			badType: []string{"H", "e", "b", "i", "2b", "T{h:a:}", "hx", "2s", "u"},
			mk:      func(k int) int16 { return int16(k*4099 - 30000) }})
	})
	t.Run("uint16", func(t *testing.T) {
		testSlice(t, sliceSpec[uint16]{format: "H", ok: std("H"), foreign: far("H"),
			badType: []string{"h", "e", "B", "I", "2B"},
			mk:      func(k int) uint16 { return uint16(k*4099 + 1000) }})
	})
	t.Run("int32", func(t *testing.T) {
		testSlice(t, sliceSpec[int32]{format: "i", ok: append(std("i"), "="+"l", nat+"l"), foreign: append(far("i"), fgn+"l"),
			badType: []string{"I", "f", "2h", "q", "l", "e", "w", "4s", "T{i:a:}"},
			mk:      func(k int) int32 { return int32(k*268435399 - 2000000000) }})
	})
	t.Run("uint32", func(t *testing.T) {
		testSlice(t, sliceSpec[uint32]{format: "I", ok: append(std("I"), "=L", nat+"L"), foreign: append(far("I"), fgn+"L"),
			badType: []string{"i", "f", "L", "Q", "H"},
			mk:      func(k int) uint32 { return uint32(k*268435399 + 7) }})
	})
	int64ok := append(std("q"), "l", "@l", "n", "@n")
	int64bad := []string{"Q", "d", "N", "P", nat + "l", "=l", "i", "2i", "Zf", "O", "8s"}
	mk64 := func(k int) int64 { return int64(k)*1152921504606846883 - 9000000000000000000 }
	t.Run("int64", func(t *testing.T) {
		testSlice(t, sliceSpec[int64]{format: "q", ok: int64ok, foreign: far("q"), badType: int64bad, mk: mk64})
	})
	t.Run("int", func(t *testing.T) {
		if !is64bit() {
			t.Skip("the native formats model a 64-bit machine")
		}
		testSlice(t, sliceSpec[int]{format: "n", ok: int64ok, foreign: far("q"), badType: int64bad,
			mk: func(k int) int { return int(mk64(k)) }})
	})
	uint64ok := append(std("Q"), "L", "@L", "N", "@N", "P", "@P")
	uint64bad := []string{"q", "d", "n", nat + "L", "=L", "I", "2I", "Zf"}
	mku64 := func(k int) uint64 { return uint64(k)*2305843009213693951 + 3 }
	t.Run("uint64", func(t *testing.T) {
		testSlice(t, sliceSpec[uint64]{format: "Q", ok: uint64ok, foreign: far("Q"), badType: uint64bad, mk: mku64})
	})
	t.Run("uint", func(t *testing.T) {
		if !is64bit() {
			t.Skip("the native formats model a 64-bit machine")
		}
		testSlice(t, sliceSpec[uint]{format: "N", ok: uint64ok, foreign: far("Q"), badType: uint64bad,
			mk: func(k int) uint { return uint(mku64(k)) }})
	})
	t.Run("uintptr", func(t *testing.T) {
		if !is64bit() {
			t.Skip("the native formats model a 64-bit machine")
		}
		testSlice(t, sliceSpec[uintptr]{format: "N", ok: uint64ok, foreign: far("Q"), badType: uint64bad,
			mk: func(k int) uintptr { return uintptr(mku64(k)) }})
	})
	t.Run("float32", func(t *testing.T) {
		testSlice(t, sliceSpec[float32]{format: "f", ok: std("f"), foreign: far("f"),
			badType: []string{"i", "I", "e", "d", "2e", "Zf"},
			mk:      func(k int) float32 { return float32(k)*1.25e7 - 3.5e-3 }})
	})
	t.Run("float64", func(t *testing.T) {
		testSlice(t, sliceSpec[float64]{format: "d", ok: std("d"), foreign: far("d"),
			badType: []string{"q", "Q", "f", "Zf", "2f", "e"},
			mk:      func(k int) float64 { return float64(k)*1.5e300 - 1e-300 }})
	})
	t.Run("complex64", func(t *testing.T) {
		testSlice(t, sliceSpec[complex64]{format: "Zf", ok: std("Zf"), foreign: far("Zf"),
			badType: []string{"d", "q", "Zd", "2f", "T{f:re:f:im:}"},
			mk:      func(k int) complex64 { return complex(float32(k)*3.25, -float32(k)) }})
	})
	t.Run("complex128", func(t *testing.T) {
		testSlice(t, sliceSpec[complex128]{format: "Zd", ok: std("Zd"), foreign: far("Zd"),
			badType: []string{"2d", "Zf", "T{d:re:d:im:}", "g", "16s"},
			mk:      func(k int) complex128 { return complex(float64(k)*1e100, 1/float64(k+1)) }})
	})
	t.Run("celsius", func(t *testing.T) {
		testSlice(t, sliceSpec[celsius]{format: "d", ok: std("d"), foreign: far("d"),
			badType: []string{"f", "q"},
			mk:      func(k int) celsius { return celsius(float64(k) - 273.15) }})
	})
}

func testSlice[T cast.Number](t *testing.T, spec sliceSpec[T]) {
	var zero T
	size := int(unsafe.Sizeof(zero))
	align := reflect.TypeFor[T]().Align()

	if got := cast.FormatOf[T](); got != spec.format {
		t.Errorf("FormatOf = %q, want %q", got, spec.format)
	}
	if f := format.MustParse(spec.format); f.Size() != size {
		t.Fatalf("FormatOf's %q has size %d; %T has %d", spec.format, f.Size(), zero, size)
	}

	t.Run("ViewOf and Slice", func(t *testing.T) {
		s := make([]T, 13)
		for k := range s {
			s[k] = spec.mk(k)
		}
		v, err := cast.ViewOf(s)
		if err != nil {
			t.Fatal(err)
		}
		if v.ItemFormat() != format.MustParse(spec.format) || !slices.Equal(v.Shape(), []int{13}) || !v.IsCContiguous() ||
			v.ReadOnly() || v.Offset() != 0 || !sameBuffer(v.Buffer(), cast.BytesOf(s)) {
			t.Fatalf("ViewOf: %s, want %q (13) writable over the slice's memory", geom(v), spec.format)
		}
		for k := range s {
			if got := viewValue(t, v, k); got != goValue(s[k]) {
				t.Errorf("ViewOf(s).Value(%d) = %v, want %v", k, got, goValue(s[k]))
			}
		}
		got, err := cast.Slice[T](v)
		if err != nil || len(got) != 13 || &got[0] != &s[0] {
			t.Fatalf("Slice(ViewOf(s)) = len %d, %v; want s itself", len(got), err)
		}
		ro, err := cast.ReadOnlySlice[T](v.AsReadOnly())
		if err != nil || len(ro) != 13 || &ro[0] != &s[0] {
			t.Fatalf("ReadOnlySlice(ViewOf(s)) = len %d, %v; want s itself", len(ro), err)
		}
		if _, err := cast.Slice[T](v.AsReadOnly()); !errors.Is(err, cast.ErrReadOnly) || !errors.Is(err, ndview.ErrReadOnly) {
			t.Errorf("Slice of a read-only view: %v, want ErrReadOnly", err)
		}
		// Writes both ways.
		got[5] = spec.mk(40)
		if x := viewValue(t, v, 5); x != goValue(spec.mk(40)) {
			t.Errorf("after writing through the slice: Value(5) = %v, want %v", x, goValue(spec.mk(40)))
		}
		setValue(t, v, goValue(spec.mk(41)), 12)
		if s[12] != spec.mk(41) {
			t.Errorf("after SetValue(12): s[12] = %v, want %v", s[12], spec.mk(41))
		}
		b := cast.BytesOf(s)
		if len(b) != 13*size || addr(b) != uintptr(unsafe.Pointer(&s[0])) {
			t.Errorf("BytesOf: %d bytes at %#x, want %d at %#x", len(b), addr(b), 13*size, uintptr(unsafe.Pointer(&s[0])))
		}
		back, err := cast.SliceOf[T](b)
		if err != nil || len(back) != 13 || &back[0] != &s[0] {
			t.Errorf("SliceOf(BytesOf(s)) = len %d, %v; want s itself", len(back), err)
		}
		if cast.BytesOf[T](nil) != nil {
			t.Error("BytesOf(nil) is not nil")
		}
		if b := cast.BytesOf(s[:0]); len(b) != 0 {
			t.Errorf("BytesOf(s[:0]) has %d bytes", len(b))
		}
	})

	t.Run("ViewOf shapes", func(t *testing.T) {
		s := make([]T, 12)
		for _, c := range []struct {
			shape, want []int
		}{
			{[]int{12}, []int{12}}, {[]int{3, 4}, []int{3, 4}}, {[]int{-1, 2}, []int{6, 2}}, {[]int{2, -1, 3}, []int{2, 2, 3}},
			{[]int{1, 12, 1}, []int{1, 12, 1}}, {[]int{2, 1, 3, 1, 2, 1, 1, 1}, []int{2, 1, 3, 1, 2, 1, 1, 1}},
		} {
			v, err := cast.ViewOf(s, c.shape...)
			if err != nil || !slices.Equal(v.Shape(), c.want) || !v.IsCContiguous() || !sameBuffer(v.Buffer(), cast.BytesOf(s)) {
				t.Errorf("ViewOf(s, %v) = %s, %v; want shape %v over s", c.shape, geom(v), err, c.want)
			}
		}
		for _, c := range []struct {
			shape []int
			want  error
		}{
			{[]int{5}, cast.ErrCount}, {[]int{3, 5}, cast.ErrCount}, {[]int{13}, cast.ErrCount}, {[]int{0, 12}, cast.ErrCount},
			{[]int{1 << 62, 1 << 62}, cast.ErrCount},
			{[]int{-1, -1}, cast.ErrShape}, {[]int{-3}, cast.ErrShape}, {[]int{4, -2}, cast.ErrShape},
			{[]int{5, -1}, cast.ErrSize}, // 12 elements do not divide by 5
		} {
			if v, err := cast.ViewOf(s, c.shape...); !errors.Is(err, c.want) {
				t.Errorf("ViewOf(s[12], %v) = %s, %v; want an error matching %v", c.shape, geom(v), err, c.want)
			}
		}
		for _, c := range []struct {
			s     []T
			shape []int
			want  []int
		}{{nil, nil, []int{0}}, {s[:0], nil, []int{0}}, {s[:0], []int{0, 7}, []int{0, 7}}, {nil, []int{3, 0}, []int{3, 0}}, {s[:1], []int{}, []int{1}}} {
			v, err := cast.ViewOf(c.s, c.shape...)
			if err != nil || !slices.Equal(v.Shape(), c.want) {
				t.Errorf("ViewOf(len %d, %v) = %s, %v; want shape %v", len(c.s), c.shape, geom(v), err, c.want)
			}
		}
	})

	t.Run("formats", func(t *testing.T) {
		buf := alignedBytes(t, 7*16)
		check := func(fs string, want error) {
			t.Helper()
			f, err := format.Parse(fs)
			if err != nil {
				t.Fatalf("format %q: %v", fs, err)
			}
			n := len(buf) / f.Size()
			v := must(ndview.New(buf[:n*f.Size()], fs, n))
			got, err := cast.Slice[T](v)
			rgot, rerr := cast.ReadOnlySlice[T](v.AsReadOnly())
			if want != nil {
				if !errors.Is(err, want) || !errors.Is(rerr, want) || got != nil || rgot != nil {
					t.Errorf("Slice over %q: %v; ReadOnlySlice: %v; want errors matching %v", fs, err, rerr, want)
				}
				return
			}
			if err != nil || rerr != nil {
				t.Errorf("Slice over %q: %v; ReadOnlySlice: %v", fs, err, rerr)
				return
			}
			if len(got) != n || &got[0] != &rgot[0] || uintptr(unsafe.Pointer(&got[0])) != addr(buf) {
				t.Errorf("Slice over %q: %d values at %p, want %d at %#x", fs, len(got), &got[0], n, addr(buf))
			}
			for k := range n {
				x := spec.mk(k)
				setValue(t, v, goValue(x), k)
				if got[k] != x {
					t.Errorf("over %q: slice[%d] = %v after SetValue(%v)", fs, k, got[k], x)
				}
				got[k] = spec.mk(k + 20)
				if y := viewValue(t, v, k); y != goValue(spec.mk(k+20)) {
					t.Errorf("over %q: Value(%d) = %v after writing %v through the slice", fs, k, y, spec.mk(k+20))
				}
			}
		}
		for _, fs := range spec.ok {
			check(fs, nil)
		}
		for _, fs := range spec.badType {
			check(fs, cast.ErrType)
		}
		for _, fs := range spec.foreign {
			check(fs, cast.ErrByteOrder)
		}
		if size == 1 {
			return
		}
		// Every order prefix of the native format, sorted by what it means.
		for _, p := range []string{"<", ">", "!", "="} {
			fs := p + spec.format
			f, err := format.Parse(fs)
			if err != nil {
				continue // n, N, P have native sizes only
			}
			fl, _ := f.Scalar()
			switch {
			case fl.Size != size:
				check(fs, cast.ErrType)
			case fl.Order != format.NativeOrder():
				check(fs, cast.ErrByteOrder)
			default:
				check(fs, nil)
			}
		}
	})

	t.Run("layouts", func(t *testing.T) {
		buf := alignedBytes(t, 12*size)
		// Not contiguous.
		for _, c := range []struct {
			shape []int
			index string
		}{{[]int{12}, "::2"}, {[]int{12}, "::-1"}, {[]int{3, 4}, ":, 1:3"}, {[]int{3, 4}, "::2, :"}, {[]int{2, 2, 3}, ":, :, ::2"}} {
			v := must(must(ndview.New(buf, spec.format, c.shape...)).IndexString(c.index))
			if _, err := cast.Slice[T](v); !errors.Is(err, cast.ErrNotContiguous) {
				t.Errorf("Slice of %v[%s]: %v, want ErrNotContiguous", c.shape, c.index, err)
			}
			if _, err := cast.ReadOnlySlice[T](v.AsReadOnly()); !errors.Is(err, cast.ErrNotContiguous) {
				t.Errorf("ReadOnlySlice of %v[%s]: %v, want ErrNotContiguous", c.shape, c.index, err)
			}
		}
		// Fortran order and transposed C order: the slice is in memory order.
		fv := must(ndview.NewFortran(buf, spec.format, 3, 4))
		tv := must(ndview.New(buf, spec.format, 4, 3)).T()
		for name, v := range map[string]ndview.View{"Fortran": fv, "transposed": tv} {
			got, err := cast.Slice[T](v)
			if err != nil || len(got) != 12 {
				t.Fatalf("Slice of the %s (3,4) view: len %d, %v", name, len(got), err)
			}
			for i := range 3 {
				for j := range 4 {
					if k := i + 3*j; addr(v.Item(i, j)) != uintptr(unsafe.Pointer(&got[k])) {
						t.Errorf("%s view: element (%d, %d) is not slice[%d]", name, i, j, k)
					}
				}
			}
		}
		// Extent-1 dimensions with any stride, a 0-d view, an offset.
		one := fromLayout(t, buf, spec.format, []int{1, 5, 1}, []int{-7 * size, size, 3}, 2*size)
		if got, err := cast.Slice[T](one); err != nil || len(got) != 5 || uintptr(unsafe.Pointer(&got[0])) != addr(buf)+uintptr(2*size) {
			t.Errorf("Slice of %s: len %d, %v", geom(one), len(got), err)
		}
		zd := fromLayout(t, buf, spec.format, nil, nil, 11*size)
		if got, err := cast.Slice[T](zd); err != nil || len(got) != 1 || uintptr(unsafe.Pointer(&got[0])) != addr(buf)+uintptr(11*size) {
			t.Errorf("Slice of a 0-d view: len %d, %v", len(got), err)
		}
		// Empty views: nil, whatever the offset or strides.
		for _, v := range []ndview.View{
			must(ndview.Make(spec.format, 0)),
			must(ndview.Make(spec.format, 3, 0)),
			fromLayout(t, buf, spec.format, []int{0}, nil, 1),
			fromLayout(t, buf, spec.format, []int{4, 0}, []int{-size, 3}, len(buf)),
		} {
			got, err := cast.Slice[T](v)
			rgot, rerr := cast.ReadOnlySlice[T](v.AsReadOnly())
			if got != nil || err != nil || rgot != nil || rerr != nil {
				t.Errorf("Slice of the empty %s: %v, %v; ReadOnlySlice: %v, %v; want nil, nil", geom(v), got, err, rgot, rerr)
			}
		}
		if _, err := cast.Slice[T](ndview.View{}); !errors.Is(err, cast.ErrType) {
			t.Errorf("Slice of the zero View: %v, want ErrType", err)
		}
	})

	t.Run("alignment", func(t *testing.T) {
		buf := alignedBytes(t, 16+13*16)
		for _, n := range []int{1, 7, 13} {
			for off := range 16 {
				t.Run(fmt.Sprintf("len %d offset %d", n, off), func(t *testing.T) {
					misaligned := off%align != 0
					b := buf[off : off+n*size]
					check := func(what string, got []T, err error) {
						t.Helper()
						if misaligned {
							if !errors.Is(err, cast.ErrAlign) || got != nil {
								t.Errorf("%s at offset %d (alignment %d): %v, want ErrAlign", what, off, align, err)
							}
							return
						}
						if err != nil || len(got) != n || uintptr(unsafe.Pointer(&got[0])) != addr(b) {
							t.Errorf("%s at offset %d: len %d, %v; want %d values over the bytes", what, off, len(got), err, n)
							return
						}
						for k := range got {
							got[k] = spec.mk(k + off)
						}
						for k := range got {
							if y := viewValue(t, must(ndview.New(b, spec.format, n)), k); y != goValue(spec.mk(k+off)) {
								t.Errorf("%s at offset %d: element %d reads back as %v, want %v", what, off, k, y, spec.mk(k+off))
							}
						}
					}
					got, err := cast.SliceOf[T](b)
					check("SliceOf", got, err)
					v := fromLayout(t, buf, spec.format, []int{n}, nil, off)
					got, err = cast.Slice[T](v)
					check("Slice", got, err)
					got, err = cast.ReadOnlySlice[T](v.AsReadOnly())
					check("ReadOnlySlice", got, err)
					got, err = cast.Slice[T](must(ndview.New(b, spec.format, n)))
					check("Slice of New(b[off:])", got, err)
					got, err = cast.Slice[T](must(ndview.NewFortran(buf[off:], spec.format, 1, n)))
					check("Slice of a (1, n) Fortran view", got, err)
				})
			}
		}
		// Lengths that are not whole values, and empty byte slices.
		for _, n := range []int{1, 7, 13} {
			if n%size == 0 {
				continue
			}
			if got, err := cast.SliceOf[T](buf[:n]); !errors.Is(err, cast.ErrSize) || got != nil {
				t.Errorf("SliceOf(%d bytes): %v, want ErrSize", n, err)
			}
			if got, err := cast.SliceOf[T](buf[1 : n+1]); !errors.Is(err, cast.ErrSize) || got != nil {
				t.Errorf("SliceOf(%d misaligned bytes): %v, want ErrSize", n, err)
			}
		}
		for _, b := range [][]byte{nil, buf[:0], buf[3:3]} {
			if got, err := cast.SliceOf[T](b); got != nil || err != nil {
				t.Errorf("SliceOf(empty) = %v, %v; want nil, nil", got, err)
			}
		}
	})

	t.Run("allocs", func(t *testing.T) {
		s := make([]T, 48)
		v := must(cast.ViewOf(s, 4, 12))
		b := cast.BytesOf(s)
		var sink []T
		checks := []struct {
			name string
			f    func()
		}{
			{"Slice", func() { sink, sinkErr = cast.Slice[T](v) }},
			{"ReadOnlySlice", func() { sink, sinkErr = cast.ReadOnlySlice[T](v) }},
			{"SliceOf", func() { sink, sinkErr = cast.SliceOf[T](b) }},
			{"BytesOf", func() { sinkBytes = cast.BytesOf(s) }},
			{"FormatOf", func() { sinkString = cast.FormatOf[T]() }},
			{"ViewOf", func() { sinkCastView, sinkErr = cast.ViewOf(s) }},
			{"ViewOf 2-D", func() { sinkCastView, sinkErr = cast.ViewOf(s, 4, -1) }},
			{"ViewOf 4-D", func() { sinkCastView, sinkErr = cast.ViewOf(s, 2, 2, 3, 4) }},
		}
		for _, c := range checks {
			if n := testing.AllocsPerRun(50, c.f); n != 0 || sinkErr != nil {
				t.Errorf("%s: %v allocations (error %v), want none", c.name, n, sinkErr)
			}
		}
		if len(sink) == 0 {
			t.Error("the slices were empty")
		}
	})
}

// TestViewOfAllocsManyDims: ViewOf allocates nothing up to 4 dimensions,
// as documented (a View holds four inline), and beyond them only the
// View's one slice.
func TestViewOfAllocsManyDims(t *testing.T) {
	s := make([]float64, 48)
	for _, shape := range [][]int{{48}, {2, 24}, {2, 2, 12}, {2, 2, 3, 4}, {2, 2, 3, 2, 2}, {2, 1, 2, 3, 2, 2}, {2, 1, 2, 3, 1, 2, 2}, {2, 1, 2, 3, 1, 2, 1, 2}} {
		n := testing.AllocsPerRun(50, func() { sinkCastView, sinkErr = cast.ViewOf(s, shape...) })
		want := 0.0
		if len(shape) > 4 {
			want = 1
		}
		if n > want || sinkErr != nil {
			t.Errorf("ViewOf(s, %v): %v allocations (error %v); want at most %v", shape, n, sinkErr, want)
		}
	}
}

// TestViewOfTooManyDims: more than ndview.MaxDims dimensions. To refuses
// them with ErrShape; ViewOf's documented errors are cast's (ErrCount,
// and ErrShape for a bad extent as To), not ndview.ErrLayout.
func TestViewOfTooManyDims(t *testing.T) {
	s := make([]float64, 12)
	shape := append([]int{12}, make64ones(ndview.MaxDims)...)
	if v, err := cast.ViewOf(s, shape...); !errors.Is(err, cast.ErrShape) {
		t.Errorf("ViewOf(s, 12, 1 x %d) = %s, %v; want an error matching ErrShape, as To gives", ndview.MaxDims, geom(v), err)
	}
	if v, err := cast.ViewOf(s[:1], shape[1:]...); err != nil || v.NDim() != ndview.MaxDims {
		t.Errorf("ViewOf(s, 1 x %d) = %s, %v; want %d dimensions", ndview.MaxDims, geom(v), err, ndview.MaxDims)
	}
}

var (
	sinkErr    error
	sinkBytes  []byte
	sinkString string
)

// TestSliceErrorMessages checks that each refusal names its condition.
func TestSliceErrorMessages(t *testing.T) {
	buf := alignedBytes(t, 64)
	cases := []struct {
		v    ndview.View
		want string
	}{
		{must(ndview.New(buf, foreignPrefix()+"d", 8)), "endian"},
		{must(ndview.New(buf, "f", 16)), "float64"},
		{must(must(ndview.New(buf, "d", 8)).IndexString("::2")), "contiguous"},
		{fromLayout(t, buf, "d", []int{3}, nil, 4), "align"},
	}
	for _, c := range cases {
		_, err := cast.Slice[float64](c.v)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Slice[float64](%s): %v, want a message naming %q", geom(c.v), err, c.want)
		}
	}
}

package cast

import (
	"fmt"
	"math/bits"
	"slices"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// inline is the number of dimensions whose shape and strides To and
// LastAxis keep on the stack (the View itself allocates beyond four).
const inline = 8

// To reinterprets the bytes of a C-contiguous view as items of format
// fmtstr, as memoryview.cast does: the result has the given shape (one
// extent may be -1, inferred), or one dimension when no shape is given,
// and starts at the same byte. It copies nothing, keeps the read-only
// flag, and allocates nothing for up to 4 dimensions (a format string
// seen before is a cached lookup; a View holds four dimensions inline). For a 0-dimensional result, call
// Reshape() on the 1-element result.
//
// Unlike memoryview.cast, any two formats are allowed (records too), in
// either byte order, and N-D to N-D: every reinterpretation whose bytes
// divide evenly. Errors: ErrNotContiguous when v is not C-contiguous,
// ErrSize when its bytes are not a whole number of new items (or the
// format has no bytes), ErrCount when the shape's element count does not
// match them, ErrShape for a negative extent, two -1s or more than
// ndview.MaxDims dimensions, and the format package's errors for a bad
// format string.
func To(v ndview.View, fmtstr string, shape ...int) (ndview.View, error) {
	f, err := format.Parse(fmtstr)
	if err != nil {
		return ndview.View{}, err
	}
	return ToFormat(v, f, shape...)
}

// ToFormat is To with a parsed format: casting back to v.ItemFormat()
// gives back v's layout.
func ToFormat(v ndview.View, f *format.Format, shape ...int) (ndview.View, error) {
	size, err := itemSize(f)
	if err != nil {
		return ndview.View{}, err
	}
	if !v.IsCContiguous() {
		return ndview.View{}, fmt.Errorf("%w: To needs a C-contiguous view; this one has shape %v and strides %v (LastAxis needs only the last axis contiguous)",
			ErrNotContiguous, v.Shape(), v.Strides())
	}
	n := v.NBytes()
	var buf [inline]int
	s := shape
	if len(shape) == 0 {
		if n%size != 0 {
			return ndview.View{}, fmt.Errorf("%w: %d bytes are not a whole number of %d-byte %q items", ErrSize, n, size, f.String())
		}
		buf[0] = n / size
		s = buf[:1]
	} else if len(shape) > ndview.MaxDims {
		return ndview.View{}, fmt.Errorf("%w: %d dimensions (at most %d)", ErrShape, len(shape), ndview.MaxDims)
	} else if s, err = fitShape(buf[:0], shape, n, size, f); err != nil {
		return ndview.View{}, err
	}
	w, err := ndview.FromStrides(v.Buffer(), f, s, nil, v.Offset())
	if err == nil && v.ReadOnly() {
		w = w.AsReadOnly()
	}
	return w, err
}

// itemSize returns the size of f's items, which must have bytes.
func itemSize(f *format.Format) (int, error) {
	if f == nil {
		return 0, fmt.Errorf("%w: nil format", ErrType)
	}
	if f.Size() == 0 {
		return 0, fmt.Errorf("%w: format %q has no bytes", ErrSize, f.String())
	}
	return f.Size(), nil
}

// fitShape checks that shape describes n bytes of size-byte items,
// filling in a -1. It returns shape itself when there is nothing to fill
// in, and otherwise a copy in buf's array (or a new one when it is too
// small).
func fitShape(buf, shape []int, n, size int, f *format.Format) ([]int, error) {
	// nonzero is the product of the extents other than 0 and -1, times the
	// item size: like NumPy, and like ndview's layout check, a shape whose
	// bytes an int cannot count is refused even when an extent is 0.
	// First the extents themselves, so that a malformed shape is
	// ErrShape whatever its other extents multiply to.
	unknown := -1
	for i, e := range shape {
		switch {
		case e == -1 && unknown < 0:
			unknown = i
		case e == -1:
			return nil, fmt.Errorf("%w: more than one -1 in shape %v", ErrShape, slices.Clone(shape))
		case e < 0:
			return nil, fmt.Errorf("%w: negative extent %d in shape %v", ErrShape, e, slices.Clone(shape))
		}
	}
	known, nonzero := 1, size
	for _, e := range shape {
		switch {
		case e == -1:
		case e == 0:
			known = 0
		default:
			hi, lo := bits.Mul(uint(nonzero), uint(e))
			if hi != 0 || lo > uint(maxInt) {
				return nil, fmt.Errorf("%w: shape %v of %d-byte items has more bytes than an int counts", ErrCount, slices.Clone(shape), size)
			}
			nonzero = int(lo)
			known *= e
		}
	}
	if n%size != 0 {
		return nil, fmt.Errorf("%w: %d bytes are not a whole number of %d-byte %q items", ErrSize, n, size, f.String())
	}
	items := n / size
	if unknown < 0 {
		if known != items {
			return nil, fmt.Errorf("%w: shape %v of %d-byte %q items needs %d bytes; the view has %d",
				ErrCount, slices.Clone(shape), size, f.String(), known*size, n)
		}
		return shape, nil
	}
	if known == 0 || items%known != 0 {
		return nil, fmt.Errorf("%w: %d bytes do not divide into shape %v of %d-byte %q items", ErrSize, n, slices.Clone(shape), size, f.String())
	}
	s := append(buf, shape...)
	s[unknown] = items / known
	return s, nil
}

const maxInt = int(^uint(0) >> 1)

// LastAxis reinterprets the items along v's last axis as items of format
// fmtstr, as NumPy's ndarray.view(dtype) does: the other dimensions keep
// their extents and strides, so v may be strided anywhere but in its last
// axis. When the item sizes are equal the shape and strides stay as they
// are, whatever they are; otherwise the last axis must be contiguous (or
// of extent 1, or the view empty), and its bytes must divide into new
// items, which gives its new extent ("<d" to "B" multiplies it by 8, "Zd"
// to "d" by 2). Casting
// back gives back v's layout. It copies nothing, keeps the read-only
// flag, and allocates nothing for up to 4 dimensions.
//
// Errors: ErrNotContiguous when the last axis is strided and the sizes
// differ, ErrSize when the bytes do not divide (or v is 0-dimensional and
// the sizes differ: there is no axis to change), and the format
// package's errors for a bad format string.
func LastAxis(v ndview.View, fmtstr string) (ndview.View, error) {
	f, err := format.Parse(fmtstr)
	if err != nil {
		return ndview.View{}, err
	}
	return LastAxisFormat(v, f)
}

// LastAxisFormat is LastAxis with a parsed format.
func LastAxisFormat(v ndview.View, f *format.Format) (ndview.View, error) {
	size, err := itemSize(f)
	if err != nil {
		return ndview.View{}, err
	}
	nd, item := v.NDim(), v.ItemSize()
	var sbuf, tbuf [inline]int
	s, t := sbuf[:0], tbuf[:0]
	if nd > inline {
		s, t = make([]int, 0, nd), make([]int, 0, nd)
	}
	for i := range nd {
		s = append(s, v.Dim(i))
		t = append(t, v.Stride(i))
	}
	if size != item {
		if nd == 0 {
			return ndview.View{}, fmt.Errorf("%w: a 0-dimensional view has no axis to hold %d-byte %q items in place of %d-byte ones", ErrSize, size, f.String(), item)
		}
		last := nd - 1
		if s[last] > 1 && t[last] != item && v.Len() > 0 { // an empty view has no bytes to be strided, as in NumPy
			return ndview.View{}, fmt.Errorf("%w: the last axis has stride %d, not the itemsize %d", ErrNotContiguous, t[last], item)
		}
		nb := s[last] * item // within the buffer, so no overflow
		if nb%size != 0 {
			return ndview.View{}, fmt.Errorf("%w: the last axis holds %d bytes, not a whole number of %d-byte %q items", ErrSize, nb, size, f.String())
		}
		s[last], t[last] = nb/size, size
	}
	w, err := ndview.FromStrides(v.Buffer(), f, s, t, v.Offset())
	if err == nil && v.ReadOnly() {
		w = w.AsReadOnly()
	}
	return w, err
}

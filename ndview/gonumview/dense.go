package gonumview

import (
	"fmt"

	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/cblas128"
	"gonum.org/v1/gonum/mat"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// Dense returns a *mat.Dense over v's memory, without copying: a write
// through either is seen by the other. v must be a writable 2-D view of
// native-order float64 ("d", "<d" on a little-endian machine, ...) with
// elements, whose rows are each contiguous (column stride 8), whose row
// stride is a positive multiple of 8 of at least a row, and whose first
// element is 8-byte aligned: the layouts gonum's blas64.General can
// describe. Otherwise the error says which rule failed (ErrReadOnly,
// ErrShape, ErrType, ErrByteOrder, ErrStride, ErrAlign); CopyDense copies
// any numeric view instead, and Matrix reads any layout in place. Dense
// allocates the *mat.Dense header alone, whatever v's size.
func Dense(v ndview.View) (*mat.Dense, error) {
	r, c, stride, b, err := checkGeneral(v, format.Float64, 8, "Dense")
	if err != nil {
		return nil, err
	}
	data, err := cast.SliceOf[float64](b)
	if err != nil {
		return nil, fmt.Errorf("gonumview: Dense: %w", err)
	}
	m := new(mat.Dense)
	m.SetRawMatrix(blas64.General{Rows: r, Cols: c, Stride: stride, Data: data})
	return m, nil
}

// CDense is Dense for native-order complex128 ("Zd"): a *mat.CDense over
// v's memory, under the same rules with 16-byte elements (and 8-byte
// alignment, as for complex128 in Go).
func CDense(v ndview.View) (*mat.CDense, error) {
	r, c, stride, b, err := checkGeneral(v, format.Complex128, 16, "CDense")
	if err != nil {
		return nil, err
	}
	data, err := cast.SliceOf[complex128](b)
	if err != nil {
		return nil, fmt.Errorf("gonumview: CDense: %w", err)
	}
	m := new(mat.CDense)
	m.SetRawCMatrix(cblas128.General{Rows: r, Cols: c, Stride: stride, Data: data})
	return m, nil
}

// General32 is Dense for native-order float32 ("f"), for which gonum has
// no matrix type: the blas32.General that blas32's routines take, over
// v's memory. It allocates nothing.
func General32(v ndview.View) (blas32.General, error) {
	r, c, stride, b, err := checkGeneral(v, format.Float32, 4, "General32")
	if err != nil {
		return blas32.General{}, err
	}
	data, err := cast.SliceOf[float32](b)
	if err != nil {
		return blas32.General{}, fmt.Errorf("gonumview: General32: %w", err)
	}
	return blas32.General{Rows: r, Cols: c, Stride: stride, Data: data}, nil
}

// VecDense returns a *mat.VecDense over the memory of v, a writable 1-D
// view of native-order float64 with elements, a positive stride that is
// a multiple of 8, and an 8-byte aligned first element; otherwise the
// error says which rule failed, as for Dense. It copies nothing and
// allocates the header alone.
func VecDense(v ndview.View) (*mat.VecDense, error) {
	n, inc, b, err := checkVector(v, format.Float64, 8, "VecDense")
	if err != nil {
		return nil, err
	}
	data, err := cast.SliceOf[float64](b)
	if err != nil {
		return nil, fmt.Errorf("gonumview: VecDense: %w", err)
	}
	x := new(mat.VecDense)
	x.SetRawVector(blas64.Vector{N: n, Inc: inc, Data: data})
	return x, nil
}

// Vec32 is VecDense for native-order float32: a blas32.Vector over v's
// memory. It allocates nothing.
func Vec32(v ndview.View) (blas32.Vector, error) {
	n, inc, b, err := checkVector(v, format.Float32, 4, "Vec32")
	if err != nil {
		return blas32.Vector{}, err
	}
	data, err := cast.SliceOf[float32](b)
	if err != nil {
		return blas32.Vector{}, fmt.Errorf("gonumview: Vec32: %w", err)
	}
	return blas32.Vector{N: n, Inc: inc, Data: data}, nil
}

// Matrix returns v as a mat.Matrix without copying, in the fastest form
// its layout allows: a *mat.Dense (Dense's rules), the mat.Transpose of
// one for a column-major (Fortran-ordered) float64 view, or else a
// *MatrixView, which reads any 2-D numeric view in place. Read-only
// views are fine: a mat.Matrix is only read. Errors: ErrShape for a view
// that is not 2-D, ErrType for one that holds no real numbers.
func Matrix(v ndview.View) (mat.Matrix, error) {
	if v.NDim() == 2 {
		if denseOK(v) {
			return Dense(v)
		}
		if t := v.T(); denseOK(t) {
			d, err := Dense(t)
			if err != nil {
				return nil, err
			}
			return d.T(), nil
		}
	}
	m, err := NewMatrixView(v)
	if err != nil {
		return nil, err // a nil interface, not a nil *MatrixView in one
	}
	return m, nil
}

// Vector is Matrix for 1-D views: a *mat.VecDense when VecDense's rules
// allow, else a *VectorView.
func Vector(v ndview.View) (mat.Vector, error) {
	if _, _, _, why := vectorLayout(v, format.Float64, 8); why == ok {
		return VecDense(v)
	}
	x, err := NewVectorView(v)
	if err != nil {
		return nil, err
	}
	return x, nil
}

// CopyDense returns a new *mat.Dense holding v's elements converted to
// float64: the copying path, for any 2-D numeric view that Dense refuses
// (another format or byte order, strides gonum cannot express, a
// read-only or misaligned view). Values convert as cast.Convert converts
// them; a complex value with an imaginary part is an error. It allocates
// the matrix.
func CopyDense(v ndview.View) (*mat.Dense, error) {
	if v.NDim() != 2 || v.Dim(0) == 0 || v.Dim(1) == 0 {
		return nil, fmt.Errorf("%w: CopyDense needs a 2-D view with elements; this one has shape %v", ErrShape, v.Shape())
	}
	m := mat.NewDense(v.Dim(0), v.Dim(1), nil)
	if err := cast.Convert(denseView(m), v); err != nil {
		return nil, fmt.Errorf("gonumview: CopyDense: %w", err)
	}
	return m, nil
}

// CopyVecDense is CopyDense for 1-D views: a new *mat.VecDense.
func CopyVecDense(v ndview.View) (*mat.VecDense, error) {
	if v.NDim() != 1 || v.Dim(0) == 0 {
		return nil, fmt.Errorf("%w: CopyVecDense needs a 1-D view with elements; this one has shape %v", ErrShape, v.Shape())
	}
	x := mat.NewVecDense(v.Dim(0), nil)
	w, err := FromVecDense(x)
	if err == nil {
		err = cast.Convert(w, v)
	}
	if err != nil {
		return nil, fmt.Errorf("gonumview: CopyVecDense: %w", err)
	}
	return x, nil
}

// denseView is the view of a Dense this package made, which is valid.
func denseView(m *mat.Dense) ndview.View {
	w, err := FromDense(m)
	if err != nil {
		panic("gonumview: a new Dense has no view: " + err.Error())
	}
	return w
}

// why is the rule a layout breaks, so that Matrix can test layouts
// without building errors it will not return.
type why uint8

const (
	ok why = iota
	whyReadOnly
	whyDims
	whyEmpty
	whyType
	whyOrder
	whyColStride
	whyRowStride
	whyAlign
)

// generalLayout tests v against the rules of a blas General of items of
// kind k and size bytes, returning its rows, columns, stride in elements
// and the bytes it spans.
func generalLayout(v ndview.View, k format.Kind, size int) (r, c, stride int, b []byte, w why) {
	switch {
	case v.ReadOnly():
		return 0, 0, 0, nil, whyReadOnly
	case v.NDim() != 2:
		return 0, 0, 0, nil, whyDims
	}
	r, c = v.Dim(0), v.Dim(1)
	if r == 0 || c == 0 {
		return 0, 0, 0, nil, whyEmpty
	}
	if w := formatRule(v, k); w != ok {
		return 0, 0, 0, nil, w
	}
	if c > 1 && v.Stride(1) != size {
		return 0, 0, 0, nil, whyColStride
	}
	stride = c
	if r > 1 {
		rs := v.Stride(0)
		if rs <= 0 || rs%size != 0 || rs < c*size {
			return 0, 0, 0, nil, whyRowStride
		}
		stride = rs / size
	}
	off := v.Offset()
	if !aligned(v.Buffer(), off, size) {
		return 0, 0, 0, nil, whyAlign
	}
	return r, c, stride, v.Buffer()[off : off+((r-1)*stride+c)*size], ok
}

// aligned reports whether b[off] is aligned for gonum's element of size
// bytes (complex128 needs 8, as in Go), asking cast.SliceOf, which keeps
// this package free of unsafe. Testing here, not only when the slice is
// made, lets Matrix and Vector fall back to the adapters.
func aligned(b []byte, off, size int) bool {
	var err error
	if size == 4 {
		_, err = cast.SliceOf[float32](b[off : off+4])
	} else {
		_, err = cast.SliceOf[float64](b[off : off+8])
	}
	return err == nil
}

func denseOK(v ndview.View) bool {
	_, _, _, _, w := generalLayout(v, format.Float64, 8)
	return w == ok
}

func checkGeneral(v ndview.View, k format.Kind, size int, name string) (r, c, stride int, b []byte, err error) {
	r, c, stride, b, w := generalLayout(v, k, size)
	if w != ok {
		return 0, 0, 0, nil, layoutErr(v, w, k, size, name)
	}
	return r, c, stride, b, nil
}

// vectorLayout tests v against the rules of a blas Vector.
func vectorLayout(v ndview.View, k format.Kind, size int) (n, inc int, b []byte, w why) {
	switch {
	case v.ReadOnly():
		return 0, 0, nil, whyReadOnly
	case v.NDim() != 1:
		return 0, 0, nil, whyDims
	}
	n = v.Dim(0)
	if n == 0 {
		return 0, 0, nil, whyEmpty
	}
	if w := formatRule(v, k); w != ok {
		return 0, 0, nil, w
	}
	inc = 1
	if n > 1 {
		st := v.Stride(0)
		if st <= 0 || st%size != 0 {
			return 0, 0, nil, whyRowStride
		}
		inc = st / size
	}
	off := v.Offset()
	if !aligned(v.Buffer(), off, size) {
		return 0, 0, nil, whyAlign
	}
	return n, inc, v.Buffer()[off : off+((n-1)*inc+1)*size], ok
}

func checkVector(v ndview.View, k format.Kind, size int, name string) (n, inc int, b []byte, err error) {
	n, inc, b, w := vectorLayout(v, k, size)
	if w != ok {
		return 0, 0, nil, layoutErr(v, w, k, size, name)
	}
	return n, inc, b, nil
}

func formatRule(v ndview.View, k format.Kind) why {
	f := v.ItemFormat()
	if f == nil {
		return whyType
	}
	fk, order, isScalar := f.ScalarKind()
	switch {
	case !isScalar || fk != k:
		return whyType
	case order != format.NativeOrder():
		return whyOrder
	}
	return ok
}

// layoutErr explains why v breaks the rule w of a gonum type named name.
func layoutErr(v ndview.View, w why, k format.Kind, size int, name string) error {
	switch w {
	case whyReadOnly:
		return fmt.Errorf("%w: %s would give write access to a read-only view (Matrix and NewMatrixView only read)", ErrReadOnly, name)
	case whyDims:
		want := 2
		if name == "VecDense" || name == "Vec32" {
			want = 1
		}
		return fmt.Errorf("%w: %s needs a %d-D view; this one has shape %v", ErrShape, name, want, v.Shape())
	case whyEmpty:
		return fmt.Errorf("%w: %s of a view with no elements (shape %v): gonum has no empty matrices", ErrShape, name, v.Shape())
	case whyType:
		f := "none"
		if v.ItemFormat() != nil {
			f = fmt.Sprintf("%q", v.ItemFormat().String())
		}
		return fmt.Errorf("%w: %s holds %s only; the view's format is %s (CopyDense converts)", ErrType, name, k, f)
	case whyOrder:
		return fmt.Errorf("%w: %s needs %s in this machine's byte order (%s-endian); the view's format is %q (CopyDense converts)",
			ErrByteOrder, name, k, format.NativeOrder(), v.ItemFormat().String())
	case whyAlign:
		return fmt.Errorf("%w: %s needs the first element at an address that is a multiple of %d; the view's offset %d puts it elsewhere",
			ErrAlign, name, min(size, 8), v.Offset())
	case whyColStride:
		return fmt.Errorf("%w: %s needs each row contiguous (column stride %d bytes); this view has strides %v", ErrStride, name, size, v.Strides())
	default:
		return fmt.Errorf("%w: %s needs a positive stride that is a multiple of %d bytes (and for a matrix at least a row long); this view has shape %v and strides %v",
			ErrStride, name, size, v.Shape(), v.Strides())
	}
}

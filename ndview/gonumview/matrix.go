package gonumview

import (
	"encoding/binary"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// MatrixView is a mat.Matrix over a 2-D view of real numbers in any
// format, byte order and layout: every integer width, e, f and d, and ?
// (as 0 or 1), with any strides, negative and zero included. At reads one
// element in place and converts it to float64 (integers beyond 2**53
// round); nothing is copied, and read-only views are fine, since a
// mat.Matrix is only read. gonum functions that take a mat.Matrix work
// on it through At; those that take a *mat.Dense need Dense or
// CopyDense.
type MatrixView struct {
	v      ndview.View
	buf    []byte
	off    int // byte offset of element (0, 0)
	r, c   int
	rs, cs int // strides in bytes
	code   code
}

// NewMatrixView returns a MatrixView of v. Errors: ErrShape when v is
// not 2-D, ErrType when its format is not a single real number. It
// copies nothing; it allocates the MatrixView.
func NewMatrixView(v ndview.View) (*MatrixView, error) {
	if v.NDim() != 2 {
		return nil, fmt.Errorf("%w: a MatrixView needs a 2-D view; this one has shape %v", ErrShape, v.Shape())
	}
	k, err := codeOf(v, "MatrixView")
	if err != nil {
		return nil, err
	}
	return &MatrixView{v: v, buf: v.Buffer(), off: v.Offset(), r: v.Dim(0), c: v.Dim(1), rs: v.Stride(0), cs: v.Stride(1), code: k}, nil
}

// Dims returns the numbers of rows and columns.
func (m *MatrixView) Dims() (r, c int) { return m.r, m.c }

// At returns element (i, j) as a float64. Like gonum's matrices, it
// panics with mat.ErrRowAccess or mat.ErrColAccess for an index out of
// range.
func (m *MatrixView) At(i, j int) float64 {
	if uint(i) >= uint(m.r) {
		panic(mat.ErrRowAccess)
	}
	if uint(j) >= uint(m.c) {
		panic(mat.ErrColAccess)
	}
	return decode(m.buf, m.off+i*m.rs+j*m.cs, m.code)
}

// T returns the transpose, as gonum's matrices do: a mat.Transpose of m.
func (m *MatrixView) T() mat.Matrix { return mat.Transpose{Matrix: m} }

// View returns the view m reads.
func (m *MatrixView) View() ndview.View { return m.v }

// VectorView is MatrixView for 1-D views: a mat.Vector (a column) over a
// view of real numbers in any format, byte order and stride.
type VectorView struct {
	v    ndview.View
	buf  []byte
	off  int
	n    int
	s    int
	code code
}

// NewVectorView returns a VectorView of v. Errors: ErrShape when v is
// not 1-D, ErrType when its format is not a single real number. It
// copies nothing; it allocates the VectorView.
func NewVectorView(v ndview.View) (*VectorView, error) {
	if v.NDim() != 1 {
		return nil, fmt.Errorf("%w: a VectorView needs a 1-D view; this one has shape %v", ErrShape, v.Shape())
	}
	k, err := codeOf(v, "VectorView")
	if err != nil {
		return nil, err
	}
	return &VectorView{v: v, buf: v.Buffer(), off: v.Offset(), n: v.Dim(0), s: v.Stride(0), code: k}, nil
}

// Dims returns (Len(), 1): a vector is a column.
func (x *VectorView) Dims() (r, c int) { return x.n, 1 }

// Len returns the number of elements.
func (x *VectorView) Len() int { return x.n }

// AtVec returns element i as a float64; it panics with
// mat.ErrVectorAccess for an index out of range.
func (x *VectorView) AtVec(i int) float64 {
	if uint(i) >= uint(x.n) {
		panic(mat.ErrVectorAccess)
	}
	return decode(x.buf, x.off+i*x.s, x.code)
}

// At returns element (i, 0); j must be 0.
func (x *VectorView) At(i, j int) float64 {
	if uint(i) >= uint(x.n) {
		panic(mat.ErrRowAccess)
	}
	if j != 0 {
		panic(mat.ErrColAccess)
	}
	return decode(x.buf, x.off+i*x.s, x.code)
}

// T returns the transpose, a row: mat.TransposeVec of x.
func (x *VectorView) T() mat.Matrix { return mat.TransposeVec{Vector: x} }

// View returns the view x reads.
func (x *VectorView) View() ndview.View { return x.v }

// code says how decode reads an element: its kind and byte order.
type code uint8

const (
	cInt8 code = iota
	cUint8
	cBool
	cInt16LE
	cInt16BE
	cUint16LE
	cUint16BE
	cInt32LE
	cInt32BE
	cUint32LE
	cUint32BE
	cInt64LE
	cInt64BE
	cUint64LE
	cUint64BE
	cHalfLE
	cHalfBE
	cFloat32LE
	cFloat32BE
	cFloat64LE
	cFloat64BE
)

func codeOf(v ndview.View, name string) (code, error) {
	var k format.Kind
	var o format.ByteOrder
	isScalar := false
	if f := v.ItemFormat(); f != nil {
		k, o, isScalar = f.ScalarKind()
	}
	if !isScalar || !(k.IsInteger() || k.IsFloat() || k == format.Bool) {
		f := "none"
		if v.ItemFormat() != nil {
			f = fmt.Sprintf("%q", v.ItemFormat().String())
		}
		return 0, fmt.Errorf("%w: a %s reads real numbers (integers, e, f, d, ?); the view's format is %s", ErrType, name, f)
	}
	be := code(0)
	if o == format.BigEndian {
		be = 1
	}
	switch k {
	case format.Int8:
		return cInt8, nil
	case format.Uint8:
		return cUint8, nil
	case format.Bool:
		return cBool, nil
	case format.Int16:
		return cInt16LE + be, nil
	case format.Uint16:
		return cUint16LE + be, nil
	case format.Int32:
		return cInt32LE + be, nil
	case format.Uint32:
		return cUint32LE + be, nil
	case format.Int64:
		return cInt64LE + be, nil
	case format.Uint64:
		return cUint64LE + be, nil
	case format.Float16:
		return cHalfLE + be, nil
	case format.Float32:
		return cFloat32LE + be, nil
	}
	return cFloat64LE + be, nil
}

// decode reads the element at b[o:] as a float64. The view was checked
// when it was built, so the element lies in b; the slice expressions
// cost one bounds check each.
func decode(b []byte, o int, c code) float64 {
	le, be := binary.LittleEndian, binary.BigEndian
	switch c {
	case cInt8:
		return float64(int8(b[o]))
	case cUint8:
		return float64(b[o])
	case cBool:
		if b[o] != 0 {
			return 1
		}
		return 0
	case cInt16LE:
		return float64(int16(le.Uint16(b[o:])))
	case cInt16BE:
		return float64(int16(be.Uint16(b[o:])))
	case cUint16LE:
		return float64(le.Uint16(b[o:]))
	case cUint16BE:
		return float64(be.Uint16(b[o:]))
	case cInt32LE:
		return float64(int32(le.Uint32(b[o:])))
	case cInt32BE:
		return float64(int32(be.Uint32(b[o:])))
	case cUint32LE:
		return float64(le.Uint32(b[o:]))
	case cUint32BE:
		return float64(be.Uint32(b[o:]))
	case cInt64LE:
		return float64(int64(le.Uint64(b[o:])))
	case cInt64BE:
		return float64(int64(be.Uint64(b[o:])))
	case cUint64LE:
		return float64(le.Uint64(b[o:]))
	case cUint64BE:
		return float64(be.Uint64(b[o:]))
	case cHalfLE:
		return format.Float16frombits(le.Uint16(b[o:]))
	case cHalfBE:
		return format.Float16frombits(be.Uint16(b[o:]))
	case cFloat32LE:
		return float64(math.Float32frombits(le.Uint32(b[o:])))
	case cFloat32BE:
		return float64(math.Float32frombits(be.Uint32(b[o:])))
	case cFloat64LE:
		return math.Float64frombits(le.Uint64(b[o:]))
	}
	return math.Float64frombits(be.Uint64(b[o:]))
}

// Package gonumview connects ndview's views to gonum, in both directions,
// without copying wherever gonum's types allow it. It is a package of its
// own so that programs that do not use gonum do not link it.
//
// # Views to gonum
//
// gonum takes outside memory in a few layouts only: a blas64.General of
// float64 in machine order, rows contiguous, a row stride of whole
// elements at least a row long, and memory aligned for float64. Dense
// returns a *mat.Dense over a view in that layout, sharing memory both
// ways; CDense, General32, VecDense and Vec32 do the same for complex128,
// float32 and vectors. Each refusal is an error that names the rule the
// view breaks (ErrReadOnly, ErrShape, ErrType, ErrByteOrder, ErrStride,
// ErrAlign), and CopyDense is the copying path for any numeric view.
// gonum's SetRawMatrix and SetRawVector check nothing; this package checks
// everything before calling them.
//
// Every other real-valued view still takes part in gonum code: MatrixView
// and VectorView implement mat.Matrix and mat.Vector over any 2-D or 1-D
// view of integers or floats, in either byte order, with any strides,
// reading each element in place. Matrix and Vector pick the fastest form
// a view allows: a Dense, the mat.Transpose of one for a column-major
// view, or the adapter.
//
//	m, err := gonumview.Dense(v)        // *mat.Dense over v's bytes, or why not
//	a, err := gonumview.Matrix(w)       // any 2-D numeric view as a mat.Matrix
//	d, err := gonumview.CopyDense(w)    // a float64 copy, when a Dense is needed
//
// # gonum to views
//
// FromDense (and FromGeneral, FromCDense, FromVecDense, FromVec,
// FromGeneral32, FromVec32) returns a view over the memory of a gonum
// matrix or vector, honouring its Stride or Inc, so a sub-matrix made by
// Slice stays a window on its parent. The gonum values' fields are
// checked against the length of their Data first (ErrInvalid).
package gonumview

package gonumview

import (
	"fmt"
	"math"
	"math/bits"

	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/cblas128"
	"gonum.org/v1/gonum/mat"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// The native formats of gonum's element types.
var (
	f64  = format.MustParse("d")
	f32  = format.MustParse("f")
	c128 = format.MustParse("Zd")
)

// FromDense returns a writable view over the memory of m (a *mat.Dense,
// or anything with a RawMatrix method), without copying: shape (Rows,
// Cols), format "d", and row stride Stride*8 bytes, so a sub-matrix made
// by Dense.Slice keeps its place in the parent's memory. A write through
// either is seen by the other. The fields are checked first (gonum's
// SetRawMatrix does not check them): ErrInvalid when they describe more
// memory than Data holds. An empty matrix gives an empty view. It
// allocates nothing.
func FromDense(m mat.RawMatrixer) (ndview.View, error) {
	if m == nil {
		return ndview.View{}, fmt.Errorf("%w: nil matrix", ErrInvalid)
	}
	return FromGeneral(m.RawMatrix())
}

// FromGeneral is FromDense for a blas64.General.
func FromGeneral(g blas64.General) (ndview.View, error) {
	stride, err := checkRaw(g.Rows, g.Cols, g.Stride, len(g.Data), 8, "blas64.General")
	if err != nil {
		return ndview.View{}, err
	}
	return rawView(cast.BytesOf(g.Data), f64, g.Rows, g.Cols, stride, 8)
}

// FromCDense is FromDense for complex matrices: a "Zd" view over a
// *mat.CDense (or anything with a RawCMatrix method).
func FromCDense(m mat.RawCMatrixer) (ndview.View, error) {
	if m == nil {
		return ndview.View{}, fmt.Errorf("%w: nil matrix", ErrInvalid)
	}
	return FromCGeneral(m.RawCMatrix())
}

// FromCGeneral is FromCDense for a cblas128.General.
func FromCGeneral(g cblas128.General) (ndview.View, error) {
	stride, err := checkRaw(g.Rows, g.Cols, g.Stride, len(g.Data), 16, "cblas128.General")
	if err != nil {
		return ndview.View{}, err
	}
	return rawView(cast.BytesOf(g.Data), c128, g.Rows, g.Cols, stride, 16)
}

// FromGeneral32 is FromGeneral for float32: an "f" view over a
// blas32.General.
func FromGeneral32(g blas32.General) (ndview.View, error) {
	stride, err := checkRaw(g.Rows, g.Cols, g.Stride, len(g.Data), 4, "blas32.General")
	if err != nil {
		return ndview.View{}, err
	}
	return rawView(cast.BytesOf(g.Data), f32, g.Rows, g.Cols, stride, 4)
}

// FromVecDense returns a writable 1-D view over the memory of x (a
// *mat.VecDense, or anything with a RawVector method), without copying:
// N elements of format "d", Inc*8 bytes apart. The fields are checked
// first: ErrInvalid for a negative N, an Inc that is not positive, or
// Data too short. It allocates nothing.
func FromVecDense(x mat.RawVectorer) (ndview.View, error) {
	if x == nil {
		return ndview.View{}, fmt.Errorf("%w: nil vector", ErrInvalid)
	}
	return FromVec(x.RawVector())
}

// FromVec is FromVecDense for a blas64.Vector.
func FromVec(x blas64.Vector) (ndview.View, error) {
	if err := checkVec(x.N, x.Inc, len(x.Data), "blas64.Vector"); err != nil {
		return ndview.View{}, err
	}
	return vecView(cast.BytesOf(x.Data), f64, x.N, x.Inc, 8)
}

// FromVec32 is FromVec for a blas32.Vector: an "f" view.
func FromVec32(x blas32.Vector) (ndview.View, error) {
	if err := checkVec(x.N, x.Inc, len(x.Data), "blas32.Vector"); err != nil {
		return ndview.View{}, err
	}
	return vecView(cast.BytesOf(x.Data), f32, x.N, x.Inc, 4)
}

// checkRaw checks a General's fields against the length of its Data and
// returns the row stride to use (a one-row matrix's stride does not
// matter, and may be anything at least Cols).
func checkRaw(r, c, stride, n, size int, name string) (int, error) {
	switch {
	case r < 0 || c < 0:
		return 0, fmt.Errorf("%w: %s with %d rows and %d columns", ErrInvalid, name, r, c)
	case r == 0 || c == 0:
		// No element, and the stride is never used; but like a View, an
		// empty matrix must have a size an int can count.
		if max(r, c) > math.MaxInt/size {
			return 0, fmt.Errorf("%w: %s with %d rows and %d columns is too large to count", ErrInvalid, name, r, c)
		}
		return 0, nil
	case stride < c:
		return 0, fmt.Errorf("%w: %s with Stride %d < Cols %d", ErrInvalid, name, stride, c)
	case r == 1:
		stride = c
	}
	// The last element is at (r-1)*stride + c - 1, which must be in Data.
	hi, lo := bits.Mul(uint(r-1), uint(stride))
	if hi != 0 || lo > uint(n) || uint(n)-lo < uint(c) {
		return 0, fmt.Errorf("%w: %s of %dx%d with Stride %d needs more than the %d elements of Data", ErrInvalid, name, r, c, stride, n)
	}
	return stride, nil
}

func checkVec(n, inc, length int, name string) error {
	switch {
	case n < 0:
		return fmt.Errorf("%w: %s with N = %d", ErrInvalid, name, n)
	case n == 0:
		return nil
	case inc <= 0:
		return fmt.Errorf("%w: %s with Inc = %d (gonum's vectors step forward)", ErrInvalid, name, inc)
	}
	hi, lo := bits.Mul(uint(n-1), uint(inc))
	if hi != 0 || lo >= uint(length) {
		return fmt.Errorf("%w: %s of %d elements with Inc %d needs more than the %d elements of Data", ErrInvalid, name, n, inc, length)
	}
	return nil
}

// rawView builds the view of a checked General whose Data's bytes are b.
func rawView(b []byte, f *format.Format, r, c, stride, size int) (ndview.View, error) {
	shape := [2]int{r, c}
	strides := [2]int{stride * size, size}
	return ndview.FromStrides(b, f, shape[:], strides[:], 0)
}

func vecView(b []byte, f *format.Format, n, inc, size int) (ndview.View, error) {
	if n <= 1 {
		inc = 1 // never used, and Inc*size might overflow
	}
	shape := [1]int{n}
	strides := [1]int{inc * size}
	return ndview.FromStrides(b, f, shape[:], strides[:], 0)
}

package cast

import (
	"errors"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// Sentinel errors. Every error this package returns matches one of them
// (or one of the ndview and format sentinels named in the function's
// comment) with errors.Is, and says which condition failed.
var (
	// ErrNotContiguous: the bytes to reinterpret are not back to back:
	// To needs a C-contiguous view, LastAxis a contiguous last axis,
	// Slice a C- or Fortran-contiguous view.
	ErrNotContiguous = errors.New("cast: view is not contiguous")

	// ErrSize: the bytes do not divide into items of the new format (or
	// the new format has no bytes at all).
	ErrSize = errors.New("cast: bytes do not divide into items")

	// ErrCount: a shape whose element count does not match the bytes or
	// the slice it describes.
	ErrCount = errors.New("cast: element count mismatch")

	// ErrType: a format that is not what the operation needs: not a
	// single value of the Go type's kind (Slice), or not numeric (Convert).
	ErrType = errors.New("cast: format does not match")

	// ErrByteOrder: a typed Go slice over values in the other byte order,
	// which would read every value byte-swapped.
	ErrByteOrder = errors.New("cast: not in native byte order")

	// ErrAlign: a typed Go slice whose first element is not aligned for
	// the Go type. make([]byte, n) for small n can be 1-byte aligned, and
	// a view's offset can be anything.
	ErrAlign = errors.New("cast: misaligned for the Go type")

	// ErrRange is format.ErrRange: Convert met a value that the
	// destination format cannot hold. The error is a *RangeError.
	ErrRange = format.ErrRange
)

// ErrReadOnly and ErrShape are ndview's sentinels, repeated here for
// convenience: Slice and Convert refuse to write through a read-only view,
// and Convert needs views of the same shape.
var (
	ErrReadOnly = ndview.ErrReadOnly
	ErrShape    = ndview.ErrShape
)

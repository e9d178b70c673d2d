package gonumview

import (
	"errors"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/ndview"
)

// Sentinel errors. Every error this package returns matches one of them
// with errors.Is and says which rule failed.
var (
	// ErrStride: strides that gonum's zero-copy types cannot express:
	// gonum wants a unit column step, a row step that is a whole number of
	// elements and at least a row long, and a positive vector step.
	ErrStride = errors.New("gonumview: strides gonum cannot express")

	// ErrInvalid: a gonum value whose fields describe no memory: negative
	// dimensions, or, for one with elements, Stride smaller than Cols, Inc
	// not positive, or Data shorter than the elements it is said to hold.
	// (gonum's SetRaw methods do not check; this package does. Empty
	// values, such as gonum's zero Dense, give empty views.)
	ErrInvalid = errors.New("gonumview: invalid gonum matrix or vector")

	// ErrType is cast.ErrType: a format gonum cannot hold without a copy
	// (Dense takes float64 only), or no number at all (the adapters take
	// every integer and float format).
	ErrType = cast.ErrType

	// ErrByteOrder is cast.ErrByteOrder: values in the other byte order.
	ErrByteOrder = cast.ErrByteOrder

	// ErrAlign is cast.ErrAlign: memory not aligned for float64 (or the
	// element type gonum uses).
	ErrAlign = cast.ErrAlign

	// ErrShape is ndview.ErrShape: a view with the wrong number of
	// dimensions, or an empty one (gonum has no empty matrices).
	ErrShape = ndview.ErrShape

	// ErrReadOnly is ndview.ErrReadOnly: gonum's matrices are writable,
	// so a read-only view is not handed out as one (use Matrix or
	// NewMatrixView, which only read).
	ErrReadOnly = ndview.ErrReadOnly
)

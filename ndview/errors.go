package ndview

import "errors"

// Sentinel errors. Every error this package returns matches one of them
// with errors.Is; most wrap it with the details (which dimension, which
// index, what the layout was). Errors from parsing a format string match
// the format package's sentinels (format.ErrSyntax, ...) instead.
var (
	// ErrLayout: a shape, strides, offset and itemsize that do not describe
	// a view inside the buffer: a byte addressed outside it, a negative
	// extent, more than MaxDims dimensions, an itemsize different from the
	// format's size, or arithmetic that overflows an int.
	ErrLayout = errors.New("ndview: invalid layout")

	// ErrIndex: an index expression that does not fit the view: an integer
	// out of range, more indices than dimensions, a zero step, two
	// ellipses, or a string form that does not parse.
	ErrIndex = errors.New("ndview: invalid index")

	// ErrAxis: an axis out of range, or axes that are not a permutation.
	ErrAxis = errors.New("ndview: invalid axis")

	// ErrShape: shapes that do not fit together: a reshape to a different
	// element count, a broadcast to an incompatible shape, a squeeze of an
	// extent other than 1, a copy between views of different shapes.
	ErrShape = errors.New("ndview: shape mismatch")

	// ErrNeedsCopy: a reshape that cannot be expressed as a view of the same
	// memory; NumPy would copy here. Copy first (Clone) to reshape anyway.
	ErrNeedsCopy = errors.New("ndview: reshape needs a copy")

	// ErrReadOnly: a write through a read-only view.
	ErrReadOnly = errors.New("ndview: view is read-only")

	// ErrType: a Go type or value that does not match the view's format:
	// typed access with the wrong element type, a copy between different
	// formats, a value that cannot be packed into the format.
	ErrType = errors.New("ndview: type mismatch")
)

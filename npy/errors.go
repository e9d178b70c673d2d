package npy

import "errors"

// Sentinel errors; every error this package returns matches one of them
// (or an I/O error from the reader, or ndview's ErrLayout) with errors.Is.
var (
	// ErrFormat: bytes that are not a .npy file this package can read: a
	// bad magic string, an unknown version, a header that is too long,
	// not a Python dict literal of the three keys, or inconsistent.
	ErrFormat = errors.New("npy: malformed file")

	// ErrDtype: a dtype with no struct format: object arrays (pickled),
	// long double, datetimes, and the like.
	ErrDtype = errors.New("npy: unsupported dtype")

	// ErrTruncated: a file whose data is shorter than its header promises.
	ErrTruncated = errors.New("npy: data shorter than the header says")

	// ErrTooLarge: a shape whose byte count does not fit an int.
	ErrTooLarge = errors.New("npy: array too large")
)

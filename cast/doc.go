// Package cast changes how a view's bytes are read, never the bytes
// themselves — except Convert, which says so in its name.
//
// # Reinterpreting a view
//
// To is memoryview.cast: the bytes of a C-contiguous view, read as items
// of another format, in a new shape. It goes further than CPython, which
// casts only between a byte format and another, 1-D to N-D or back, and
// to native formats: here any two formats will do, in either byte order,
// N-D to N-D, whenever the bytes divide evenly. LastAxis is NumPy's
// ndarray.view(dtype): it reinterprets the items along the last axis
// alone, so the other axes may be strided. Both copy nothing and keep the
// read-only flag; casting back gives back the original layout.
//
//	b, err := cast.To(v, "B")              // a 1000x1000 "<d" view as 8e6 bytes
//	w, err := cast.To(b, "<d", 1000, 1000) // and back
//	p, err := cast.LastAxis(c, "<d")       // a strided "Zd" view as (re, im) pairs
//
// # Typed Go slices
//
// Slice gives a []float64 (or any Go number type) over a view's memory,
// when the view is contiguous, of the matching format, in native byte
// order, and aligned for the type; each refusal names the condition that
// failed (ErrNotContiguous, ErrType, ErrByteOrder, ErrAlign). Alignment is
// checked, never assumed: make([]byte, n) for small n can be 1-byte
// aligned. ReadOnlySlice does the same for read-only views, trusting the
// caller not to write. The other way, ViewOf makes a view over a []T and
// BytesOf a []byte over it; SliceOf reads a []byte as a []T. None of these
// copies or allocates.
//
// # Converting values
//
// Convert copies elements from one view into another of the same shape,
// converting each value between any two numeric formats (big-endian
// int16 into native float64, say) with struct's range rules: a value the
// destination cannot hold is a *RangeError that gives its index.
//
// # Errors
//
// Errors match this package's sentinels with errors.Is (ErrRange is
// format.ErrRange; ErrReadOnly and ErrShape are ndview's), or the format
// package's for a format string that does not parse.
package cast

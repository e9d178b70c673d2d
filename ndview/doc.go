// Package ndview provides View: a typed, strided, N-dimensional window on
// memory that already exists — a []byte from a socket or a file, a
// memory-mapped region, a matrix another library owns — with NumPy's
// indexing, transposes and reshapes that never copy, and memoryview's
// rules for what a layout may be and what its elements are.
//
// # Layouts
//
// A View is a backing []byte, a parsed format (see package format), the
// itemsize, a shape, byte strides (negative and zero allowed) and the
// byte offset of element [0, ..., 0]. Every constructor checks the layout
// once: each byte any element addresses lies in the buffer, the itemsize
// is the format's size, extents are not negative, there are at most
// MaxDims dimensions and no arithmetic overflows. Errors match ErrLayout.
// A View is then safe to index without further checks on the buffer.
//
//	v, err := ndview.New(buf, "<d", 1000, 1000)   // C order over existing bytes
//	v, err := ndview.FromLayout(buf, ndview.Layout{Format: f, Shape: s, Strides: st, Offset: off})
//	v, err := ndview.Make("<i", 3, 4)             // zeroed, in a new buffer
//
// # Views of views
//
// Index (and IndexString, in NumPy's spelling), T, Transpose, SwapAxes,
// Flip, Squeeze, ExpandDims, BroadcastTo, Diagonal and Reshape return new
// Views of the same bytes. None copies an element, and for views of up to
// four dimensions none allocates: a View is a small value holding its
// shape and strides inline. Reshape succeeds exactly where NumPy would
// return a view and otherwise fails with ErrNeedsCopy; Clone first to
// reshape anyway.
//
//	w, err := v.IndexString("::2, 1:300")      // v[::2, 1:300]
//	r, err := w.T().Reshape(-1)                // ErrNeedsCopy: not contiguous
//
// # Elements
//
// Value and SetValue read and write an element as struct does, whatever
// the format (records give []any). For numbers in hot loops, As returns an
// Array[T] after checking once that T matches the format; its At, At1,
// At2, Set, Set1 and Set2 are small enough to inline and handle
// non-native byte order and unaligned memory. Runs iterates over the maximal contiguous
// byte runs, Items over elements' bytes, and Array.Chunks over typed
// slices of the view's own memory, which a loop sums at the speed of a
// plain []float64.
//
// # Copies and comparison
//
// CopyTo copies between views of equal shape and format with any strides,
// overlapping or not, using the built-in copy for contiguous runs and a
// cache-blocked loop for transposes. ToBytes and AppendBytes lay elements
// out in C, Fortran or memoryview's "A" order; Clone makes a compact copy;
// Fill sets every element. Equal compares as memoryview's == does: by
// value across formats, NaN equal to nothing.
//
// # Read-only views and panics
//
// A read-only view (AsReadOnly, or a broadcast, whose zero strides would
// make one write land in many elements) refuses every write: SetValue,
// Fill and CopyTo return ErrReadOnly and Array.Set panics. Bad layouts,
// index expressions, axes and shapes are errors; an element index out of
// range passed to At, Item or Value panics, as a Go slice index does.
package ndview

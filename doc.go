// Package ndview is the front page of the ndview module: typed, strided,
// N-dimensional views over memory that already exists — a []byte from a
// socket, a memory-mapped file, a gonum matrix, memory that C owns — in the
// spirit of Python's buffer protocol (PEP 3118), memoryview and struct.
//
// The module's packages, and the path data takes through them:
//
//   - format: struct and PEP 3118 format strings. Parse compiles a format
//     such as "<IId" or "T{<i:x:>d:y:}" once into an immutable layout
//     (size, alignment, fields with kind, byte order, offset, count,
//     sub-array shape and name) that packs and unpacks values with
//     CPython's exact rules, and whose field accessors read single values
//     without allocating. Its Reader walks framed binary messages in a
//     []byte without copying. Bytes arrive here first: a format says what
//     they mean.
//
//   - ndview: the View, a buffer with a format, itemsize, shape, byte
//     strides and offset, validated once against the buffer. Indexing and
//     step-slicing (NumPy's basic indexing, in Go or as a string),
//     transpose, flip, squeeze, broadcast, diagonal and a reshape that
//     never copies all return new Views of the same bytes; typed access,
//     contiguous runs, copies between any layouts, memoryview equality and
//     NumPy-style printing work on them. This is the type the other
//     packages pass around.
//
//   - cast: reinterpretation without copying. To is memoryview.cast going
//     further (any two formats, N-D to N-D, either byte order), LastAxis is
//     NumPy's view(dtype) for strided views, Slice gives a []float64 (or any
//     Go number type) over a view once contiguity, format, byte order and
//     alignment are checked, ViewOf and BytesOf go the other way, and
//     Convert copies with value conversion under struct's range rules.
//
//   - ndview/gonumview: views as gonum matrices and vectors, and gonum's
//     memory as views, without copying where gonum's types allow (a
//     *mat.Dense over a view of float64 rows, or an error naming the rule
//     a view breaks), a mat.Matrix that reads any numeric view in place,
//     and a copying path. It is a package of its own so that gonum is
//     linked only by programs that use it.
//
//   - ffi: the cgo bridge. Data hands a contiguous view to C for one
//     call; Export pins any view and describes it in C memory (the
//     ndview_buffer of ffi/ndview.h) until Release; Alloc and Wrap make C
//     memory into views; ExportDLPack and ImportDLPack speak DLPack.
//     Without cgo the module still builds.
//
//   - npy: NumPy .npy files as views: Map maps a file (read-only,
//     read-write or copy-on-write) without reading its data, Load and
//     Read read one, and Write writes what numpy.save writes, byte for
//     byte.
//
//   - cmd/ndview: a command that prints raw binary files as typed arrays
//     (memory-mapped, reading only what it shows) and describes formats
//     and layouts.
//
// The import graph points one way: format imports nothing of this
// module, ndview imports format, and everything else builds on both.
//
// This package itself holds no code; its tests run the conformance suite
// (testdata/conformance) recorded from CPython and NumPy against the
// packages.
package ndview

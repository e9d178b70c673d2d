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
// Packages still to come, in the order data meets them: ndview (the View:
// a buffer with a format, shape, byte strides and offset; indexing,
// step-slicing, transpose and reshape without copying), cast
// (reinterpreting a view's bytes as another format or as a typed Go slice),
// ndview/gonumview (views as gonum matrices and back), ffi (handing views
// to C through cgo, and DLPack), npy (NumPy .npy files as views) and the
// ndview command. The import graph points one way: format imports nothing
// of this module; everything else builds on it.
//
// This package itself holds no code; its tests run the conformance suite
// (testdata/conformance) recorded from CPython and NumPy against the
// packages.
package ndview

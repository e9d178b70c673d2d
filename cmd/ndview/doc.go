// Command ndview inspects raw binary data as typed, strided, N-dimensional
// arrays, and demonstrates the ndview library.
//
// Usage:
//
//	ndview                       a short tour of the library on built-in data
//	ndview show -f FORMAT -shape EXTENTS [-strides BYTES] [-offset N] [-order C|F] [-q] FILE [INDEX]
//	ndview info [-f FORMAT] [-shape EXTENTS] [-strides BYTES] [-offset N] [-order C|F] [FILE]
//	ndview help [COMMAND]
//
// With no arguments, ndview runs a tour: it builds small views over bytes
// held in the program and prints a step slice, a transpose, a reshape, a
// reshape that would need a copy, a broadcast, a flip, typed access, an
// equality check, a copy in Fortran order, and the cast package's
// reinterpretations and conversion. It is what
// "go run ./cmd/ndview" shows.
//
// Show prints FILE as an array. FORMAT is a struct / PEP 3118 format string
// ("<d" is a little-endian float64, ">i" a big-endian int32,
// "T{<i:id:<d:price:}" a record); -shape lists the extents ("3,4"), one of
// which may be -1, meaning as many as the file holds after -offset. Without
// -strides the layout is contiguous in -order (C, the default, or F); with
// -strides (in bytes, negative allowed) every extent must be given. INDEX
// is a NumPy index expression such as "::2, 1:3, ..., None"; quote it. Show
// first prints a header line naming the file, index, format, shape,
// strides and offset of what follows (-q omits it). The file is
// memory-mapped read-only, so only the pages holding the printed elements
// are read: a row of a file of many gigabytes prints at once.
//
// Info describes a format (size, alignment, values and a table of fields)
// and, given -shape, the view that the layout makes of FILE, or of a
// buffer exactly large enough when there is no FILE: dimensions, shape,
// strides, offset, itemsize, elements, bytes, contiguity, read-only and
// the span of bytes its elements address. Given FILE and -f without
// -shape, it says how many items the file holds.
//
// FILE "-" is standard input. Flags come before FILE, as Go's flag package
// expects, so that an INDEX such as "-1" after FILE is not read as a flag.
//
// Every error — a bad flag, format, shape or index, a missing file, a
// layout reaching outside the file — prints one line starting "ndview: " to
// standard error, and ndview exits with status 2.
//
// Examples:
//
//	ndview show -f '<d' -shape 1000,1000 matrix.bin '::100, -1'
//	ndview show -f '<i' -shape -1,6 -offset 16 records.bin
//	ndview show -f '>H' -shape 4,4 -order F image.raw 'None, ::-1'
//	ndview info -f 'T{<i:id:<d:price:(2)<f:xy:}'
//	ndview info -f '<d' -shape 3,4 -strides 8,24
package main

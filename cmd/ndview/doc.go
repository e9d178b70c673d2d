// Command ndview inspects raw binary data and .npy files as typed,
// strided, N-dimensional arrays, converts them, and demonstrates the
// ndview library.
//
// Usage:
//
//	ndview                       a short tour of the library on built-in data
//	ndview show [-q] FILE.npy [INDEX]
//	ndview show -f FORMAT -shape EXTENTS [-strides BYTES] [-offset N] [-order C|F] [-q] FILE [INDEX]
//	ndview info FILE.npy
//	ndview info [-f FORMAT] [-shape EXTENTS] [-strides BYTES] [-offset N] [-order C|F] [FILE]
//	ndview cast [-f FORMAT] [-shape EXTENTS] [-o OUT] [-raw]
//	            [-in-f FORMAT -in-shape EXTENTS [-in-strides BYTES] [-in-offset N] [-in-order C|F]] FILE [INDEX]
//	ndview convert -to FORMAT [-o OUT] [-raw]
//	            [-f FORMAT -shape EXTENTS [-strides BYTES] [-offset N] [-order C|F]] FILE [INDEX]
//	ndview help [COMMAND]
//
// With no arguments, ndview runs a tour: it builds small views over bytes
// held in the program and prints a step slice, a transpose, a reshape, a
// reshape that would need a copy, a broadcast, a flip, typed access, an
// equality check, a copy in Fortran order, and the cast package's
// reinterpretations and conversion. It is what
// "go run ./cmd/ndview" shows.
//
// # Files
//
// FILE is memory-mapped read-only, so only the pages holding the elements
// a command uses are read: a row of a file of many gigabytes prints at
// once, and "-" reads standard input. FILE is either a .npy file or raw
// bytes:
//
//   - A .npy file, recognised by its magic string "\x93NUMPY", needs no
//     layout flags: its header gives the format (from the dtype, records
//     included), the shape, and C or Fortran order. Only the header is
//     parsed when it is opened, so a 10 GB .npy file opens instantly.
//     Versions 1.0, 2.0 and 3.0 are read; a header ndview cannot read (a
//     bad version, a truncated file, an object dtype) is an error.
//   - Raw bytes need the layout flags: FORMAT is a struct / PEP 3118
//     format string ("<d" is a little-endian float64, ">i" a big-endian
//     int32, "T{<i:id:<d:price:}" a record); -shape lists the extents
//     ("3,4"), one of which may be -1, meaning as many as the file holds
//     after -offset. Without -strides the layout is contiguous in -order
//     (C, the default, or F); with -strides (in bytes, negative allowed)
//     every extent must be given.
//
// Layout flags always read FILE as raw bytes. Given with a .npy file they
// would read its header as data, so ndview refuses them unless -offset is
// among them: "-offset 128" reads the data of a .npy file whose data
// starts at byte 128 (info prints where) as raw bytes, and "-offset 0"
// reads the whole file, header included. This is the way to read a .npy
// file with a damaged header.
//
// INDEX is a NumPy index expression such as "::2, 1:3, ..., None"; quote
// it. Offsets printed by show and info count from the start of FILE, the
// .npy header included.
//
// # Commands
//
// Show prints FILE's array, or the part INDEX selects, as NumPy prints it,
// summarised when large. It first prints a header line naming the file,
// index, format, shape, strides and offset of what follows (-q omits it).
//
// Info describes a .npy file: its size, version, descr, order (C or F,
// the header's fortran_order), shape, data offset, data size and any
// bytes after the data; then the element format and the view (below).
// Given -f instead, it describes a format (size, alignment, values and a
// table of fields) and, given -shape, the view that the layout makes of
// a raw FILE, or of a buffer exactly large enough when there is no FILE:
// dimensions, shape, strides, offset, itemsize, elements, bytes,
// contiguity, read-only and the span of bytes its elements address.
// Given FILE and -f without -shape, it says how many items the file
// holds.
//
// Cast reinterprets the bytes of FILE's array (or of the part INDEX
// selects) as items of -f FORMAT (default: the array's own), converting
// no value. Without -shape it works as NumPy's ndarray.view(dtype)
// (cast.LastAxis): the contiguous axis — the last, or the first of a
// Fortran-order array — is rescaled ("<d" to "B" multiplies it by 8) and
// the other axes may be strided. With -shape (one extent may be -1; "()"
// is 0-dimensional) the bytes as a whole take the new shape, as
// memoryview.cast (cast.To); the array must be C- or Fortran-contiguous,
// and a Fortran-order array gives a Fortran-order result, its bytes in
// the same order. For a raw FILE, the layout flags are spelled -in-f,
// -in-shape, -in-strides, -in-offset and -in-order, since -f and -shape
// describe the result; "ndview cast -in-f '<d' -in-shape -1,4 -o a.npy
// a.bin" wraps raw data in a .npy header.
//
// Convert converts the values of FILE's array (or of the part INDEX
// selects) into the numeric format -to FORMAT: another type, another byte
// order ("<d" to ">d" swaps the bytes), or both, with cast.Convert's
// rules. A value the new format cannot hold (300 as "b", 1e6 as "e", a
// complex with a non-zero imaginary part as "d") is an error naming its
// index in the array converted, e.g. "data.npy[::2]: element [1, 3] =
// 300 ("<i") does not fit "b"". It converts about a megabyte at a time,
// so memory does not grow with FILE; an error after the first megabyte
// has been written to standard output leaves that output incomplete
// (with -o, the file is removed).
//
// Cast and convert write a .npy file, byte for byte as npy.Write (and
// numpy.save) writes the result, or with -raw the elements' bytes alone,
// in the order the .npy file would hold them: Fortran order when the
// result is Fortran- and not C-contiguous, else C order. They write to
// -o OUT (created or truncated; removed again if the command fails; it
// must not be FILE itself), or to standard output when -o is absent or
// "-". They refuse to write to standard output when it is a terminal.
//
// Flags come before FILE, as Go's flag package expects, so that an INDEX
// such as "-1" after FILE is not read as a flag.
//
// # Errors
//
// Every error — a bad flag, format, shape or index, a missing or
// malformed file, a layout reaching outside the file, a value out of
// range — prints one line starting "ndview: " to standard error, and
// ndview exits with status 2.
//
// # Examples
//
//	ndview info data.npy
//	ndview show data.npy '::100, -1'
//	ndview show -f '<d' -shape 1000,1000 matrix.bin '::100, -1'
//	ndview show -f '<i' -shape -1,6 -offset 16 records.bin
//	ndview show -f '>H' -shape 4,4 -order F image.raw 'None, ::-1'
//	ndview info -f 'T{<i:id:<d:price:(2)<f:xy:}'
//	ndview info -f '<d' -shape 3,4 -strides 8,24
//	ndview cast -f B -o bytes.npy data.npy
//	ndview cast -f '<Zd' -shape -1 -raw -o pairs.bin data.npy
//	ndview convert -to '>f' -o big.npy data.npy '::2'
//	ndview convert -to '<i' -raw -o ints.bin data.npy
package main

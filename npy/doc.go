// Package npy reads and writes NumPy's .npy files, and maps them as
// views without copying.
//
// A .npy file is a short header — a Python dict giving the dtype, the
// order and the shape — then the elements. Map maps a file and returns
// its array as a view of the mapping: nothing is read but the header, so
// a file of many gigabytes opens at once and pages come in as elements
// are touched (modes ReadOnly, ReadWrite and CopyOnWrite are NumPy's
// "r", "r+" and "c"; a read-only view refuses writes with an error).
// Load does the same over bytes already in memory, and Read and ReadFile
// read a file into a new buffer. Fortran-ordered files come back as
// F-strided views and big-endian files as ">" views: no conversion pass.
//
// Every dtype with a struct format is read: bool, integers of every
// width, float16/32/64, complex64/128, fixed bytes (S), and structured
// dtypes as T{...} records (with sub-arrays and nested records). Object
// arrays, long doubles and datetimes are refused with ErrDtype. Headers
// of versions 1.0, 2.0 and 3.0 are read; a header is at most
// MaxHeaderSize bytes, its shape's byte count must fit an int
// (ErrTooLarge), and data shorter than the header promises is
// ErrTruncated, never a short view. Read grows its buffer as data
// arrives, so a hostile header cannot make it allocate what the file
// does not hold.
//
// Write writes a view as numpy.save writes the same array, byte for byte:
// version 1.0 (2.0 when the header needs it), the header padded so that
// the data starts on a 64-byte boundary, Fortran order for a view that is
// Fortran- and not C-contiguous.
//
//	m, err := npy.Map("big.npy", npy.ReadOnly) // a 10 GB file, instantly
//	v, err := m.View()
//	defer m.Close()
package npy

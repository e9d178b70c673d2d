// Package ffi is the cgo bridge: it hands views to C without copying and
// without breaking cgo's pointer rules, turns C memory into views, and
// speaks DLPack, the ABI through which NumPy, PyTorch, JAX and CuPy share
// N-D arrays.
//
// # Views to C
//
// For one call, Data gives the address and byte length of a C-contiguous
// view: cgo lets C read and write Go memory for the duration of a call
// as long as it holds no Go pointers, which a view's bytes never do.
//
//	p, n, err := ffi.Data(v)
//	C.process((*C.double)(p), C.size_t(n/8))
//
// For any layout, or when C keeps the view beyond the call, Export pins
// the view's memory (runtime.Pinner) and builds a descriptor in C memory:
// the ndview_buffer of ffi/ndview.h, in the spirit of Py_buffer, with
// the element address, byte length, read-only flag, format string,
// shape and byte strides, and inline helpers (ndview_elem,
// ndview_is_c_contiguous). C code includes the header; the Go side
// passes Buffer.Ptr and calls Release, which unpins and frees exactly
// once, from any goroutine.
//
//	b, err := ffi.Export(v)
//	defer b.Release()
//	C.solve((*C.ndview_buffer)(b.Ptr()))
//
// # C memory as views
//
// Alloc returns a zeroed view in C memory (calloc), which the Go
// collector never moves or frees and C may keep; Wrap makes a view of
// memory a C library handed over, with an owner callback. Memory.Free
// gives it back once; View fails with ErrReleased afterwards.
//
// # DLPack
//
// ExportDLPack makes a DLManagedTensorVersioned (DLPack 1.1, ffi/dlpack.h)
// of a view, pinned until the consumer calls its deleter; ImportDLPack
// takes one from a producer as a view, and Free calls its deleter, once.
// The read-only flag is honoured both ways; bool, integers, floats
// (float16 included) and complex map to DLPack's types; strides are in
// elements, and views whose byte strides are not whole elements are
// refused. The legacy DLManagedTensor is supported too.
//
// Outstanding counts what is exported or allocated and not yet given
// back, so a program (or a test) can check that it cleaned up.
//
// Without cgo (CGO_ENABLED=0) the package still builds: Data and the
// handle types work, and everything that needs C returns ErrNoCgo.
package ffi

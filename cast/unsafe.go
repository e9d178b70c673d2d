package cast

// This file holds every use of package unsafe in cast. The callers
// establish what each function needs: the bytes lie inside the buffer
// (views are validated when they are built), and for typed slices, T's
// alignment (checked with aligned) and native byte order.

import "unsafe"

// address returns the address of b[i] as an integer, for alignment and
// overlap tests only; it is never turned back into a pointer.
func address(b []byte, i int) uintptr {
	return uintptr(unsafe.Pointer(unsafe.SliceData(b))) + uintptr(i)
}

// aligned reports whether b[i] lies at a multiple of a.
func aligned(b []byte, i int, a uintptr) bool {
	return address(b, i)%a == 0
}

// sliceAt returns the n values of type T that start at b[off] and lie
// within b, which holds them in native byte order, aligned for T. n > 0.
func sliceAt[T any](b []byte, off, n int) []T {
	var zero T
	_ = b[off+n*int(unsafe.Sizeof(zero))-1] // the last byte is in b
	return unsafe.Slice((*T)(unsafe.Pointer(&b[off])), n)
}

// bytesOf returns the memory of s as bytes. s is not nil.
func bytesOf[T any](s []T) []byte {
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(zero)))
}

// unsafeSizeof returns the size of x's type.
func unsafeSizeof[T any](x T) uintptr { return unsafe.Sizeof(x) }

//go:build cgo

package ffi

/*
#include <stdlib.h>
*/
import "C"

import (
	"fmt"
	"math/bits"
	"unsafe"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// Alloc returns a zeroed, writable, C-contiguous view of the given format
// and shape in C memory (calloc): memory the Go collector never moves or
// frees, which C may keep and use for as long as it likes. Free releases
// it. Errors: the format's, ErrLayout for a shape that is negative or
// too large, and an error when C is out of memory.
func Alloc(fmtstr string, shape ...int) (*Memory, error) {
	f, err := format.Parse(fmtstr)
	if err != nil {
		return nil, err
	}
	n := f.Size()
	for _, e := range shape {
		hi, lo := bits.Mul(uint(n), uint(max(e, 0)))
		if e < 0 || hi != 0 || lo > uint(int(^uint(0)>>1)) {
			return nil, fmt.Errorf("%w: Alloc of shape %v: a negative extent or more bytes than an int counts", ErrLayout, shape)
		}
		n = int(lo)
	}
	p := C.calloc(C.size_t(max(n, 1)), 1)
	if p == nil {
		return nil, fmt.Errorf("ffi: Alloc: calloc of %d bytes failed", n)
	}
	v, err := ndview.FromStrides(unsafe.Slice((*byte)(p), n), f, shape, nil, 0)
	if err != nil {
		C.free(p)
		return nil, err
	}
	return newMemory(v, func() { C.free(p) }), nil
}

// Wrap returns a view of n bytes of memory at p that a C library handed
// over, laid out as l describes (format, shape, byte strides, the offset
// of element [0, ..., 0] from p, read-only), after checking that every
// element lies within the n bytes (ErrLayout otherwise). release, if not
// nil, is called once by Free: the owner's way to take the memory back.
// The memory must stay valid until Free.
func Wrap(p unsafe.Pointer, n int, l ndview.Layout, release func()) (*Memory, error) {
	if n < 0 || (p == nil && n > 0) {
		return nil, fmt.Errorf("%w: Wrap of %d bytes at %p", ErrLayout, n, p)
	}
	var b []byte
	if n > 0 {
		b = unsafe.Slice((*byte)(p), n)
	}
	v, err := ndview.FromLayout(b, l)
	if err != nil {
		return nil, err
	}
	return newMemory(v, release), nil
}

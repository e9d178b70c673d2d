//go:build cgo

package ffi

/*
#include <stdlib.h>
#include "ffi_c.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"

	"github.com/ndview/ndview/ndview"
)

func cFree(p unsafe.Pointer) { C.free(p) }

// Export hands v to C code that may keep it beyond one call: it pins the
// view's memory (runtime.Pinner; C memory needs no pin) and builds an
// ndview_buffer descriptor (ffi/ndview.h) in C memory, with the address
// of element [0, ..., 0], the byte length, the read-only flag, the format
// string, the shape and the byte strides. Ptr gives the descriptor to C;
// Release unpins and frees it, exactly once. Any layout exports: strided,
// negative, zero strides, empty. It copies no element; it allocates the
// Buffer in Go (one allocation, measured; runtime.Pinner may add one)
// and the descriptor in C.
func Export(v ndview.View) (*Buffer, error) {
	f := v.ItemFormat()
	if f == nil {
		return nil, fmt.Errorf("%w: the zero View has no format", ErrLayout)
	}
	fs := f.String()
	if containsNUL(fs) {
		return nil, fmt.Errorf("%w: a format with a NUL byte cannot be a C string", ErrLayout)
	}
	nd := v.NDim()
	d := C.ndv_buffer_new(C.int32_t(nd), C.size_t(len(fs)))
	if d == nil {
		return nil, errors.New("ffi: Export: out of C memory")
	}
	b := &Buffer{desc: unsafe.Pointer(d)}
	if v.Len() > 0 {
		p := &v.Buffer()[v.Offset()]
		b.pin.Pin(p) // before the pointer is stored in C memory
		d.buf = unsafe.Pointer(p)
	}
	d.len = C.int64_t(v.NBytes())
	d.itemsize = C.int64_t(v.ItemSize())
	if v.ReadOnly() {
		d.readonly = 1
	}
	if nd > 0 {
		shape := unsafe.Slice((*int64)(unsafe.Pointer(d.shape)), nd)
		strides := unsafe.Slice((*int64)(unsafe.Pointer(d.strides)), nd)
		for i := range nd {
			shape[i], strides[i] = int64(v.Dim(i)), int64(v.Stride(i))
		}
	}
	copy(unsafe.Slice((*byte)(unsafe.Pointer(d.format)), len(fs)), fs) // calloc wrote the NUL
	outstanding.Add(1)
	return b, nil
}

func containsNUL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return true
		}
	}
	return false
}

package ffi

import (
	"fmt"
	"unsafe"

	"github.com/ndview/ndview/ndview"
)

// Data returns the address of the first element of a C-contiguous view
// and the number of bytes of its elements: the direct path for the
// common case of a contiguous view handed to C for the duration of one
// call, which costs nothing beyond the call.
//
//	p, n, err := ffi.Data(v)
//	C.process((*C.double)(p), C.size_t(n/8)) // valid during the call only
//
// cgo lets C use Go memory during a call as long as the memory holds no
// Go pointers, which a view's bytes never do; C must not keep p after the
// call returns (Export is for that). A view without elements gives a nil
// pointer and 0. Errors: ErrNotContiguous.
func Data(v ndview.View) (unsafe.Pointer, int, error) {
	b, ok := v.Bytes()
	if !ok {
		return nil, 0, notContiguous(&v)
	}
	if len(b) == 0 {
		return nil, 0, nil
	}
	return unsafe.Pointer(&b[0]), len(b), nil
}

func notContiguous(v *ndview.View) error {
	return fmt.Errorf("%w: Data needs a C-contiguous view; this one has shape %v and strides %v (use Export)", ErrNotContiguous, v.Shape(), v.Strides())
}

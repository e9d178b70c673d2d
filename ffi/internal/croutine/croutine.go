//go:build cgo

// Package croutine holds real C routines that read and write views
// exported by package ffi (through ffi/ndview.h) and DLPack tensors, with
// Go wrappers, for ffi's tests and examples: Go test files cannot use cgo
// themselves.
package croutine

/*
#cgo CFLAGS: -I${SRCDIR}/../.. -O2
#include "routines.h"
*/
import "C"

import (
	"errors"
	"unsafe"
)

var errRefused = errors.New("croutine: the C routine refused the view")

func desc(p unsafe.Pointer) *C.ndview_buffer { return (*C.ndview_buffer)(p) }

// Sum returns the sum of a float64 view described by desc
// (*ndview_buffer), computed in C by walking its strides.
func Sum(d unsafe.Pointer) (float64, error) {
	var out C.double
	if C.ndvr_sum(desc(d), &out) != 0 {
		return 0, errRefused
	}
	return float64(out), nil
}

// Scale multiplies every element of a writable float64 view by k, in C.
func Scale(d unsafe.Pointer, k float64) error {
	if C.ndvr_scale(desc(d), C.double(k)) != 0 {
		return errRefused
	}
	return nil
}

// Fill sets every element of a writable float64 view to x, in C.
func Fill(d unsafe.Pointer, x float64) error {
	if C.ndvr_fill(desc(d), C.double(x)) != 0 {
		return errRefused
	}
	return nil
}

// Address returns the address C computes for the element at index, with
// ndview_elem from ndview.h.
func Address(d unsafe.Pointer, index ...int64) uintptr {
	var idx [64]C.int64_t
	for i, x := range index {
		idx[i] = C.int64_t(x)
	}
	return uintptr(C.ndvr_address(desc(d), &idx[0]))
}

// IsCContiguous is ndview_is_c_contiguous, from ndview.h.
func IsCContiguous(d unsafe.Pointer) bool { return C.ndvr_is_c_contiguous(desc(d)) != 0 }

// First is a trivial C function over a float64 array, for measuring the
// cost of a call: it returns p[0] (0 when n is 0).
func First(p unsafe.Pointer, n int) float64 {
	return float64(C.ndvr_first((*C.double)(p), C.size_t(n)))
}

// ConsumeDLPack sums a float64 DLManagedTensorVersioned in C and calls
// its deleter, as a DLPack consumer does; it returns the tensor's flags.
func ConsumeDLPack(t unsafe.Pointer) (sum float64, flags uint64, err error) {
	var out C.double
	var fl C.uint64_t
	if C.ndvr_dl_consume((*C.DLManagedTensorVersioned)(t), &out, &fl) != 0 {
		return 0, 0, errRefused
	}
	return float64(out), uint64(fl), nil
}

// ConsumeDLPackLegacy is ConsumeDLPack for a DLManagedTensor.
func ConsumeDLPackLegacy(t unsafe.Pointer) (float64, error) {
	var out C.double
	if C.ndvr_dl_consume_legacy((*C.DLManagedTensor)(t), &out) != 0 {
		return 0, errRefused
	}
	return float64(out), nil
}

// MakeDLPack makes a rows x cols float64 DLManagedTensorVersioned in C
// memory holding i*cols + j at (i, j), row- or column-major, with NULL
// strides if asked (row-major only), and the given flags. Its deleter
// counts itself in Deletions.
func MakeDLPack(rows, cols int, columnMajor, nullStrides bool, flags uint64) unsafe.Pointer {
	return unsafe.Pointer(C.ndvr_dl_make(C.int64_t(rows), C.int64_t(cols), cbool(columnMajor), cbool(nullStrides), C.uint64_t(flags)))
}

// MakeDLPackLegacy is MakeDLPack for a DLManagedTensor.
func MakeDLPackLegacy(rows, cols int, columnMajor bool) unsafe.Pointer {
	return unsafe.Pointer(C.ndvr_dl_make_legacy(C.int64_t(rows), C.int64_t(cols), cbool(columnMajor)))
}

// Deletions returns how many times the deleters of MakeDLPack's tensors
// have run.
func Deletions() int { return int(C.ndvr_dl_deletions()) }

// Malloc returns n zeroed bytes of C memory, freed by Free.
func Malloc(n int) unsafe.Pointer { return C.ndvr_malloc(C.size_t(n)) }

// Free frees memory from Malloc and counts it in Frees.
func Free(p unsafe.Pointer) { C.ndvr_free(p) }

// Frees returns how many times Free has run.
func Frees() int { return int(C.ndvr_frees()) }

func cbool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

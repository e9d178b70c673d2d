//go:build cgo

package dlfuzz

/*
#cgo CFLAGS: -I${SRCDIR}/../../../ffi
#include <stdlib.h>
#include "dlpack.h"

// The record of a tensor's deleter calls: manager_ctx points at it.
typedef struct {
	int64_t calls;
	void *self; // the argument of the last call
} dlf_record;

static void dlf_delete_versioned(DLManagedTensorVersioned *self) {
	dlf_record *r = self->manager_ctx;
	__atomic_fetch_add(&r->calls, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&r->self, (void *)self, __ATOMIC_SEQ_CST);
}

static void dlf_delete_legacy(DLManagedTensor *self) {
	dlf_record *r = self->manager_ctx;
	__atomic_fetch_add(&r->calls, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&r->self, (void *)self, __ATOMIC_SEQ_CST);
}

// The managed tensors are made in C so that their deleters are C
// function pointers; Go fills in the rest.
static DLManagedTensorVersioned *dlf_new_versioned(dlf_record *r) {
	DLManagedTensorVersioned *t = calloc(1, sizeof *t);
	if (t != NULL) {
		t->manager_ctx = r;
		t->deleter = dlf_delete_versioned;
	}
	return t;
}

static DLManagedTensor *dlf_new_legacy(dlf_record *r) {
	DLManagedTensor *t = calloc(1, sizeof *t);
	if (t != NULL) {
		t->manager_ctx = r;
		t->deleter = dlf_delete_legacy;
	}
	return t;
}

static int64_t dlf_calls(dlf_record *r) { return __atomic_load_n(&r->calls, __ATOMIC_SEQ_CST); }
static void *dlf_self(dlf_record *r) { return __atomic_load_n(&r->self, __ATOMIC_SEQ_CST); }
*/
import "C"

import (
	"unsafe"
)

// MaxArray bounds the shape and strides arrays New allocates for a large
// ndim: a consumer that reads more than 64 entries (DLPack's and
// ndview's limit) is wrong anyway, and the few spare entries make a read
// of 65 or 70 entries land in real memory rather than crash the test.
const MaxArray = 70

// Fields are the fields of a DLPack tensor as a producer sets them.
type Fields struct {
	// Legacy selects a DLManagedTensor, which has no version and no
	// flags, instead of a DLManagedTensorVersioned.
	Legacy bool
	// Major and Minor are the version; Flags the flags word
	// (bit 0 read-only, bit 1 is-copied, the rest reserved).
	Major, Minor uint32
	Flags        uint64
	// DeviceType and DeviceID are the device (1 is the CPU).
	DeviceType, DeviceID int32
	// Code, Bits and Lanes are the data type.
	Code, Bits uint8
	Lanes      uint16
	// NDim is the ndim field, independent of the arrays' lengths.
	NDim int32
	// Shape and Strides are the arrays' entries (strides in elements);
	// nil means a NULL pointer. New pads a non-nil array with zeros to
	// min(max(NDim, 0), MaxArray) entries.
	Shape, Strides []int64
	// ByteOffset is byte_offset.
	ByteOffset uint64
}

// Tensor is a tensor made by New: the managed struct, its shape and
// strides arrays, its data buffer and its deleter's record, each in C
// memory.
type Tensor struct {
	legacy           bool
	p                unsafe.Pointer // *C.DLManagedTensorVersioned or *C.DLManagedTensor
	rec              *C.dlf_record
	shape, strides   *C.int64_t
	nshape, nstrides int
	buf              unsafe.Pointer
	n                int
}

// New makes a tensor with fields f over a new C buffer of n zeroed bytes
// (n >= 0): its data pointer is the buffer's address plus at, for at in
// [0, n], or NULL for a negative at. It panics if C is out of memory or
// at > n, both failures of the test rather than findings.
func New(f Fields, n, at int) *Tensor {
	if n < 0 || at > n {
		panic("dlfuzz.New: the data pointer must point into the buffer")
	}
	t := &Tensor{legacy: f.Legacy, n: n}
	t.rec = (*C.dlf_record)(mustCalloc(int(unsafe.Sizeof(C.dlf_record{}))))
	t.buf = mustCalloc(n)
	minLen := min(max(int(f.NDim), 0), MaxArray)
	t.shape, t.nshape = int64s(f.Shape, minLen)
	t.strides, t.nstrides = int64s(f.Strides, minLen)

	var dl *C.DLTensor
	if f.Legacy {
		m := C.dlf_new_legacy(t.rec)
		if m == nil {
			panic("dlfuzz.New: out of C memory")
		}
		t.p, dl = unsafe.Pointer(m), &m.dl_tensor
	} else {
		m := C.dlf_new_versioned(t.rec)
		if m == nil {
			panic("dlfuzz.New: out of C memory")
		}
		m.version.major, m.version.minor = C.uint32_t(f.Major), C.uint32_t(f.Minor)
		m.flags = C.uint64_t(f.Flags)
		t.p, dl = unsafe.Pointer(m), &m.dl_tensor
	}
	if at >= 0 {
		dl.data = unsafe.Add(t.buf, at)
	}
	dl.device.device_type = C.DLDeviceType(f.DeviceType)
	dl.device.device_id = C.int32_t(f.DeviceID)
	dl.ndim = C.int32_t(f.NDim)
	dl.dtype.code, dl.dtype.bits, dl.dtype.lanes = C.uint8_t(f.Code), C.uint8_t(f.Bits), C.uint16_t(f.Lanes)
	dl.shape, dl.strides = t.shape, t.strides
	dl.byte_offset = C.uint64_t(f.ByteOffset)
	return t
}

// mustCalloc returns n zeroed bytes of C memory (at least one byte, so
// that the address is never NULL).
func mustCalloc(n int) unsafe.Pointer {
	p := C.calloc(C.size_t(max(n, 1)), 1)
	if p == nil {
		panic("dlfuzz: out of C memory")
	}
	return p
}

// int64s copies a into a new C array of at least minLen entries (zeros
// past len(a)); nil stays NULL.
func int64s(a []int64, minLen int) (*C.int64_t, int) {
	if a == nil {
		return nil, 0
	}
	n := max(len(a), minLen)
	p := (*C.int64_t)(mustCalloc(n * 8))
	copy(unsafe.Slice((*int64)(unsafe.Pointer(p)), n), a)
	return p, n
}

// Ptr returns the tensor: a *DLManagedTensorVersioned, or a
// *DLManagedTensor for Fields.Legacy.
func (t *Tensor) Ptr() unsafe.Pointer { return t.p }

// Buffer returns the data buffer, C memory that Go code may read and
// write until Free.
func (t *Tensor) Buffer() []byte { return unsafe.Slice((*byte)(t.buf), t.n) }

// Addr returns the address of the data buffer.
func (t *Tensor) Addr() uintptr { return uintptr(t.buf) }

// Fields reads the tensor's fields back, the arrays at the lengths New
// gave them, so that a test can use what a consumer may read and check
// that the consumer changed nothing.
func (t *Tensor) Fields() Fields {
	var f Fields
	var dl *C.DLTensor
	if t.legacy {
		m := (*C.DLManagedTensor)(t.p)
		f.Legacy, dl = true, &m.dl_tensor
	} else {
		m := (*C.DLManagedTensorVersioned)(t.p)
		f.Major, f.Minor, f.Flags = uint32(m.version.major), uint32(m.version.minor), uint64(m.flags)
		dl = &m.dl_tensor
	}
	f.DeviceType, f.DeviceID = int32(dl.device.device_type), int32(dl.device.device_id)
	f.Code, f.Bits, f.Lanes = uint8(dl.dtype.code), uint8(dl.dtype.bits), uint16(dl.dtype.lanes)
	f.NDim, f.ByteOffset = int32(dl.ndim), uint64(dl.byte_offset)
	f.Shape = readInt64s(dl.shape, t.nshape)
	f.Strides = readInt64s(dl.strides, t.nstrides)
	return f
}

// Data returns the tensor's data pointer as it is now.
func (t *Tensor) Data() uintptr {
	if t.legacy {
		return uintptr((*C.DLManagedTensor)(t.p).dl_tensor.data)
	}
	return uintptr((*C.DLManagedTensorVersioned)(t.p).dl_tensor.data)
}

// Deletions returns how many times the tensor's deleter has run.
func (t *Tensor) Deletions() int { return int(C.dlf_calls(t.rec)) }

// DeletedSelf returns the argument of the deleter's last call (nil
// before the first), which must be Ptr.
func (t *Tensor) DeletedSelf() unsafe.Pointer { return C.dlf_self(t.rec) }

// Free frees the tensor's C memory. Call it once, after the deleter has
// run or when nobody will run it; the tensor and its buffer are gone
// afterwards.
func (t *Tensor) Free() {
	C.free(t.p)
	C.free(unsafe.Pointer(t.shape))
	C.free(unsafe.Pointer(t.strides))
	C.free(t.buf)
	C.free(unsafe.Pointer(t.rec))
}

// Read returns the fields of a tensor someone else made (ffi's exports):
// the arrays of ndim entries when 0 <= ndim <= 64 and the pointers are
// not NULL, nil otherwise; the data pointer; and whether a deleter is
// set.
func Read(p unsafe.Pointer, legacy bool) (f Fields, data uintptr, deleter bool) {
	var dl *C.DLTensor
	if legacy {
		m := (*C.DLManagedTensor)(p)
		f.Legacy, dl, deleter = true, &m.dl_tensor, m.deleter != nil
	} else {
		m := (*C.DLManagedTensorVersioned)(p)
		f.Major, f.Minor, f.Flags = uint32(m.version.major), uint32(m.version.minor), uint64(m.flags)
		dl, deleter = &m.dl_tensor, m.deleter != nil
	}
	f.DeviceType, f.DeviceID = int32(dl.device.device_type), int32(dl.device.device_id)
	f.Code, f.Bits, f.Lanes = uint8(dl.dtype.code), uint8(dl.dtype.bits), uint16(dl.dtype.lanes)
	f.NDim, f.ByteOffset = int32(dl.ndim), uint64(dl.byte_offset)
	if n := int(dl.ndim); n >= 0 && n <= 64 {
		f.Shape = readInt64s(dl.shape, n)
		f.Strides = readInt64s(dl.strides, n)
	}
	return f, uintptr(dl.data), deleter
}

// readInt64s copies n entries of a C array; NULL gives nil.
func readInt64s(p *C.int64_t, n int) []int64 {
	if p == nil {
		return nil
	}
	out := make([]int64, n)
	copy(out, unsafe.Slice((*int64)(unsafe.Pointer(p)), n))
	return out
}

// Malloc returns n zeroed bytes of C memory as a slice, for views over C
// memory; FreeBytes frees it.
func Malloc(n int) []byte { return unsafe.Slice((*byte)(mustCalloc(n)), n) }

// FreeBytes frees memory from Malloc.
func FreeBytes(b []byte) { C.free(unsafe.Pointer(unsafe.SliceData(b))) }

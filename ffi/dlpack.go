//go:build cgo

package ffi

/*
#include "ffi_c.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"runtime/cgo"
	"unsafe"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// dlState is the Go side of an exported DLPack tensor: the pin on the
// view's memory, until the consumer calls the deleter.
type dlState struct {
	pin runtime.Pinner
}

//export ndviewDLRelease
func ndviewDLRelease(h C.uintptr_t) {
	handle := cgo.Handle(h)
	handle.Value().(*dlState).pin.Unpin()
	handle.Delete()
	outstanding.Add(-1)
}

// ExportDLPack exports v as a DLPack tensor (*DLManagedTensorVersioned,
// DLPack 1.1) for a consumer such as NumPy's or PyTorch's from_dlpack:
// CPU device, data at element [0, ..., 0] with byte_offset 0, strides in
// elements, the read-only flag set for a read-only view. The view's
// memory stays pinned until the consumer calls the tensor's deleter,
// which it must do exactly once (ReleaseDLPack does it for a tensor that
// never reached a consumer). v's format must be one value of bool, an
// integer, a float (e, f, d) or a complex type in native byte order, and
// its byte strides whole elements; otherwise ErrDLPack says which.
func ExportDLPack(v ndview.View) (unsafe.Pointer, error) {
	return exportDL(v, true)
}

// ExportDLPackLegacy is ExportDLPack for consumers of the older
// DLManagedTensor, which has no version and no flags: a read-only view is
// refused (ErrDLPack), since the consumer could not know.
func ExportDLPackLegacy(v ndview.View) (unsafe.Pointer, error) {
	if v.ReadOnly() {
		return nil, fmt.Errorf("%w: a legacy DLManagedTensor has no read-only flag; use ExportDLPack", ErrDLPack)
	}
	return exportDL(v, false)
}

func exportDL(v ndview.View, versioned bool) (unsafe.Pointer, error) {
	dt, err := dlType(v.ItemFormat())
	if err != nil {
		return nil, err
	}
	nd, item := v.NDim(), v.ItemSize()
	for i := range nd {
		if v.Stride(i)%item != 0 {
			return nil, fmt.Errorf("%w: stride %d bytes of dimension %d is not a whole number of %d-byte elements", ErrDLPack, v.Stride(i), i, item)
		}
	}
	st := &dlState{}
	h := cgo.NewHandle(st)
	var t *C.DLTensor
	var mt unsafe.Pointer
	if versioned {
		m := C.ndv_dl_new_versioned(C.int32_t(nd), C.uintptr_t(h))
		if m != nil {
			t, mt = &m.dl_tensor, unsafe.Pointer(m)
			if v.ReadOnly() {
				m.flags |= C.NDVIEW_DLPACK_FLAG_READ_ONLY
			}
		}
	} else {
		m := C.ndv_dl_new_legacy(C.int32_t(nd), C.uintptr_t(h))
		if m != nil {
			t, mt = &m.dl_tensor, unsafe.Pointer(m)
		}
	}
	if t == nil {
		h.Delete()
		return nil, errors.New("ffi: ExportDLPack: out of C memory")
	}
	t.dtype = dt
	if v.Len() > 0 {
		p := &v.Buffer()[v.Offset()]
		st.pin.Pin(p)
		t.data = unsafe.Pointer(p)
	}
	if nd > 0 {
		shape := unsafe.Slice((*int64)(unsafe.Pointer(t.shape)), nd)
		strides := unsafe.Slice((*int64)(unsafe.Pointer(t.strides)), nd)
		for i := range nd {
			shape[i], strides[i] = int64(v.Dim(i)), int64(v.Stride(i)/item)
		}
	}
	outstanding.Add(1)
	return mt, nil
}

// ReleaseDLPack calls the deleter of a DLManagedTensorVersioned that will
// not reach a consumer (one from ExportDLPack, say). ReleaseDLPackLegacy
// does the same for a DLManagedTensor.
func ReleaseDLPack(p unsafe.Pointer) {
	if p != nil {
		C.ndv_dl_call_versioned((*C.DLManagedTensorVersioned)(p))
	}
}

// ReleaseDLPackLegacy is ReleaseDLPack for a DLManagedTensor.
func ReleaseDLPackLegacy(p unsafe.Pointer) {
	if p != nil {
		C.ndv_dl_call_legacy((*C.DLManagedTensor)(p))
	}
}

// ImportDLPack takes a DLPack tensor (*DLManagedTensorVersioned, major
// version 1) from a producer and returns its memory as a view, without
// copying: read-only when the tensor's read-only flag is set. Free calls
// the tensor's deleter, exactly once. The tensor must be on the CPU, of
// one lane of bool, int, uint, float (16, 32, 64 bits) or complex (64,
// 128 bits), with non-negative extents, and its bytes must fit an int
// and the address space; NULL strides mean row-major. Otherwise
// ErrDLPack says what is wrong, and the caller keeps the tensor (and
// the duty to call its deleter).
func ImportDLPack(p unsafe.Pointer) (*Memory, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: nil tensor", ErrDLPack)
	}
	m := (*C.DLManagedTensorVersioned)(p)
	if m.version.major != C.NDVIEW_DLPACK_MAJOR_VERSION {
		return nil, fmt.Errorf("%w: DLPack major version %d.%d (this package reads 1.x)", ErrDLPack, m.version.major, m.version.minor)
	}
	v, err := tensorView(&m.dl_tensor, m.flags&C.NDVIEW_DLPACK_FLAG_READ_ONLY != 0)
	if err != nil {
		return nil, err
	}
	return newMemory(v, func() { C.ndv_dl_call_versioned(m) }), nil
}

// ImportDLPackLegacy is ImportDLPack for the older DLManagedTensor, which
// has no read-only flag: the view is writable.
func ImportDLPackLegacy(p unsafe.Pointer) (*Memory, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: nil tensor", ErrDLPack)
	}
	m := (*C.DLManagedTensor)(p)
	v, err := tensorView(&m.dl_tensor, false)
	if err != nil {
		return nil, err
	}
	return newMemory(v, func() { C.ndv_dl_call_legacy(m) }), nil
}

// dlCodes maps format kinds to DLPack type codes and bits.
var dlCodes = map[format.Kind]C.DLDataType{
	format.Bool:       {code: C.NDVIEW_DL_BOOL, bits: 8, lanes: 1},
	format.Int8:       {code: C.NDVIEW_DL_INT, bits: 8, lanes: 1},
	format.Int16:      {code: C.NDVIEW_DL_INT, bits: 16, lanes: 1},
	format.Int32:      {code: C.NDVIEW_DL_INT, bits: 32, lanes: 1},
	format.Int64:      {code: C.NDVIEW_DL_INT, bits: 64, lanes: 1},
	format.Uint8:      {code: C.NDVIEW_DL_UINT, bits: 8, lanes: 1},
	format.Uint16:     {code: C.NDVIEW_DL_UINT, bits: 16, lanes: 1},
	format.Uint32:     {code: C.NDVIEW_DL_UINT, bits: 32, lanes: 1},
	format.Uint64:     {code: C.NDVIEW_DL_UINT, bits: 64, lanes: 1},
	format.Float16:    {code: C.NDVIEW_DL_FLOAT, bits: 16, lanes: 1},
	format.Float32:    {code: C.NDVIEW_DL_FLOAT, bits: 32, lanes: 1},
	format.Float64:    {code: C.NDVIEW_DL_FLOAT, bits: 64, lanes: 1},
	format.Complex64:  {code: C.NDVIEW_DL_COMPLEX, bits: 64, lanes: 1},
	format.Complex128: {code: C.NDVIEW_DL_COMPLEX, bits: 128, lanes: 1},
}

// dlFormats is the inverse of dlCodes: the native format of each type.
var dlFormats = map[[2]int]string{
	{C.NDVIEW_DL_BOOL, 8}: "?",
	{C.NDVIEW_DL_INT, 8}:  "b", {C.NDVIEW_DL_INT, 16}: "h", {C.NDVIEW_DL_INT, 32}: "i", {C.NDVIEW_DL_INT, 64}: "q",
	{C.NDVIEW_DL_UINT, 8}: "B", {C.NDVIEW_DL_UINT, 16}: "H", {C.NDVIEW_DL_UINT, 32}: "I", {C.NDVIEW_DL_UINT, 64}: "Q",
	{C.NDVIEW_DL_FLOAT, 16}: "e", {C.NDVIEW_DL_FLOAT, 32}: "f", {C.NDVIEW_DL_FLOAT, 64}: "d",
	{C.NDVIEW_DL_COMPLEX, 64}: "Zf", {C.NDVIEW_DL_COMPLEX, 128}: "Zd",
}

func dlType(f *format.Format) (C.DLDataType, error) {
	if f == nil {
		return C.DLDataType{}, fmt.Errorf("%w: the zero View has no format", ErrDLPack)
	}
	k, o, ok := f.ScalarKind()
	dt, known := dlCodes[k]
	switch {
	case !ok || !known:
		return C.DLDataType{}, fmt.Errorf("%w: format %q is not one bool, integer, float or complex value", ErrDLPack, f.String())
	case f.Size() > 1 && o != format.NativeOrder():
		return C.DLDataType{}, fmt.Errorf("%w: format %q is not in this machine's byte order, which DLPack assumes", ErrDLPack, f.String())
	}
	return dt, nil
}

// tensorView checks a DLTensor and returns a view of its memory.
func tensorView(t *C.DLTensor, readOnly bool) (ndview.View, error) {
	if t.device.device_type != C.NDVIEW_DL_CPU {
		return ndview.View{}, fmt.Errorf("%w: device type %d (only the CPU, 1, is readable here)", ErrDLPack, t.device.device_type)
	}
	if t.dtype.lanes != 1 {
		return ndview.View{}, fmt.Errorf("%w: %d lanes (only 1 is supported)", ErrDLPack, t.dtype.lanes)
	}
	fs, ok := dlFormats[[2]int{int(t.dtype.code), int(t.dtype.bits)}]
	if !ok {
		return ndview.View{}, fmt.Errorf("%w: data type code %d with %d bits", ErrDLPack, t.dtype.code, t.dtype.bits)
	}
	f := format.MustParse(fs)
	item := f.Size()
	nd := int(t.ndim)
	if nd < 0 || nd > ndview.MaxDims {
		return ndview.View{}, fmt.Errorf("%w: %d dimensions", ErrDLPack, nd)
	}
	var shape, strides []int
	if nd > 0 {
		if t.shape == nil {
			return ndview.View{}, fmt.Errorf("%w: NULL shape", ErrDLPack)
		}
		shape, strides = make([]int, nd), make([]int, nd)
		cs := unsafe.Slice((*int64)(unsafe.Pointer(t.shape)), nd)
		var cst []int64
		if t.strides != nil {
			cst = unsafe.Slice((*int64)(unsafe.Pointer(t.strides)), nd)
		}
		acc := big.NewInt(int64(item))
		for i := nd - 1; i >= 0; i-- {
			if cs[i] < 0 {
				return ndview.View{}, fmt.Errorf("%w: negative extent %d", ErrDLPack, cs[i])
			}
			shape[i] = int(cs[i])
			s := new(big.Int).Set(acc) // row-major, when strides is NULL
			if cst != nil {
				s.Mul(big.NewInt(cst[i]), big.NewInt(int64(item)))
			}
			if !s.IsInt64() {
				return ndview.View{}, fmt.Errorf("%w: the byte stride %v of dimension %d overflows", ErrDLPack, s, i)
			}
			strides[i] = int(s.Int64())
			acc.Mul(acc, big.NewInt(max(cs[i], 1)))
		}
	}
	empty := false
	for _, e := range shape {
		empty = empty || e == 0
	}
	if empty {
		v, err := ndview.FromStrides(nil, f, shape, strides, 0)
		if err != nil {
			return ndview.View{}, fmt.Errorf("%w: %v", ErrDLPack, err)
		}
		return readOnlyIf(v, readOnly), nil
	}
	if t.data == nil {
		return ndview.View{}, fmt.Errorf("%w: NULL data with elements", ErrDLPack)
	}
	// The bytes the elements span, relative to element 0, exactly.
	lo, hi := new(big.Int), big.NewInt(int64(item))
	for i, e := range shape {
		d := new(big.Int).Mul(big.NewInt(int64(e-1)), big.NewInt(int64(strides[i])))
		if d.Sign() < 0 {
			lo.Add(lo, d)
		} else {
			hi.Add(hi, d)
		}
	}
	span := new(big.Int).Sub(hi, lo)
	start := new(big.Int).Add(big.NewInt(0).SetUint64(uint64(t.byte_offset)), lo)
	if !span.IsInt64() || span.Int64() > int64(^uint(0)>>1) || !start.IsInt64() {
		return ndview.View{}, fmt.Errorf("%w: the tensor spans more bytes than an int counts", ErrDLPack)
	}
	// The bytes must lie in the address space, above NULL and not past
	// the top: no memory is anywhere else, and unsafe.Slice panics on
	// such a range (negative strides can put it below data, byte_offset
	// far above).
	first := new(big.Int).Add(new(big.Int).SetUint64(uint64(uintptr(t.data))), start)
	if end := new(big.Int).Add(first, span); first.Sign() <= 0 || end.Cmp(addressSpace) > 0 {
		return ndview.View{}, fmt.Errorf("%w: the tensor's bytes [%#x, %#x) are outside the address space", ErrDLPack, first, end)
	}
	base := unsafe.Add(t.data, int(start.Int64()))
	b := unsafe.Slice((*byte)(base), int(span.Int64()))
	v, err := ndview.FromStrides(b, f, shape, strides, int(-lo.Int64()))
	if err != nil {
		return ndview.View{}, fmt.Errorf("%w: %v", ErrDLPack, err)
	}
	return readOnlyIf(v, readOnly), nil
}

// addressSpace is 2^(bits of a pointer): every address is below it.
var addressSpace = new(big.Int).Lsh(big.NewInt(1), 8*uint(unsafe.Sizeof(uintptr(0))))

func readOnlyIf(v ndview.View, ro bool) ndview.View {
	if ro {
		return v.AsReadOnly()
	}
	return v
}

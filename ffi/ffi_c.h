// Declarations of ffi_c.c, for the Go files' preambles (a file with
// //export may only declare) and for ffi_c.c itself.
#ifndef NDVIEW_FFI_C_H
#define NDVIEW_FFI_C_H

#include <stddef.h>
#include <stdint.h>
#include "ndview.h"
#include "dlpack.h"

ndview_buffer *ndv_buffer_new(int32_t ndim, size_t fmtlen);
DLManagedTensorVersioned *ndv_dl_new_versioned(int32_t ndim, uintptr_t handle);
DLManagedTensor *ndv_dl_new_legacy(int32_t ndim, uintptr_t handle);
void ndv_dl_call_versioned(DLManagedTensorVersioned *t);
void ndv_dl_call_legacy(DLManagedTensor *t);

// Exported from Go (dlpack.go): releases an exported tensor's Go state.
extern void ndviewDLRelease(uintptr_t handle);

#endif

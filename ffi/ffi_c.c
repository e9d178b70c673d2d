// C helpers of package ffi: allocation of descriptors and DLPack tensors
// in C memory, and the deleters DLPack consumers call.

#include <stdlib.h>
#include "ndview.h"
#include "dlpack.h"
#include "ffi_c.h"

ndview_buffer *ndv_buffer_new(int32_t ndim, size_t fmtlen) {
	size_t size = sizeof(ndview_buffer) + 2 * (size_t)ndim * sizeof(int64_t) + fmtlen + 1;
	ndview_buffer *b = calloc(1, size);
	if (b == NULL) {
		return NULL;
	}
	int64_t *dims = (int64_t *)(b + 1);
	b->ndim = ndim;
	b->shape = dims;
	b->strides = dims + ndim;
	b->format = (const char *)(dims + 2 * ndim);
	return b;
}

// A DLPack tensor exported from Go: the managed tensor, the cgo.Handle of
// its Go state, and its shape and strides, in one C allocation.
typedef struct {
	DLManagedTensorVersioned t;
	uintptr_t handle;
	int64_t dims[];
} ndv_dl_versioned;

typedef struct {
	DLManagedTensor t;
	uintptr_t handle;
	int64_t dims[];
} ndv_dl_legacy;

static void ndv_dl_delete_versioned(DLManagedTensorVersioned *self) {
	ndv_dl_versioned *x = (ndv_dl_versioned *)self;
	ndviewDLRelease(x->handle);
	free(x);
}

static void ndv_dl_delete_legacy(DLManagedTensor *self) {
	ndv_dl_legacy *x = (ndv_dl_legacy *)self;
	ndviewDLRelease(x->handle);
	free(x);
}

DLManagedTensorVersioned *ndv_dl_new_versioned(int32_t ndim, uintptr_t handle) {
	ndv_dl_versioned *x = calloc(1, sizeof(ndv_dl_versioned) + 2 * (size_t)ndim * sizeof(int64_t));
	if (x == NULL) {
		return NULL;
	}
	x->t.version.major = NDVIEW_DLPACK_MAJOR_VERSION;
	x->t.version.minor = NDVIEW_DLPACK_MINOR_VERSION;
	x->t.manager_ctx = x;
	x->t.deleter = ndv_dl_delete_versioned;
	x->t.dl_tensor.device.device_type = NDVIEW_DL_CPU;
	x->t.dl_tensor.ndim = ndim;
	x->t.dl_tensor.shape = x->dims;
	x->t.dl_tensor.strides = x->dims + ndim;
	x->handle = handle;
	return &x->t;
}

DLManagedTensor *ndv_dl_new_legacy(int32_t ndim, uintptr_t handle) {
	ndv_dl_legacy *x = calloc(1, sizeof(ndv_dl_legacy) + 2 * (size_t)ndim * sizeof(int64_t));
	if (x == NULL) {
		return NULL;
	}
	x->t.manager_ctx = x;
	x->t.deleter = ndv_dl_delete_legacy;
	x->t.dl_tensor.device.device_type = NDVIEW_DL_CPU;
	x->t.dl_tensor.ndim = ndim;
	x->t.dl_tensor.shape = x->dims;
	x->t.dl_tensor.strides = x->dims + ndim;
	x->handle = handle;
	return &x->t;
}

void ndv_dl_call_versioned(DLManagedTensorVersioned *t) {
	if (t->deleter != NULL) {
		t->deleter(t);
	}
}

void ndv_dl_call_legacy(DLManagedTensor *t) {
	if (t->deleter != NULL) {
		t->deleter(t);
	}
}

/*
 * dlpack.h: the DLPack ABI (https://dmlc.github.io/dlpack/latest/),
 * version 1.1, written for this package from the specification: the
 * structs through which NumPy, PyTorch, JAX and CuPy share N-D arrays.
 * Only what ffi uses is declared; the layouts are the specification's.
 */
#ifndef NDVIEW_DLPACK_H
#define NDVIEW_DLPACK_H

#include <stdint.h>

#define NDVIEW_DLPACK_MAJOR_VERSION 1
#define NDVIEW_DLPACK_MINOR_VERSION 1

/* flags of DLManagedTensorVersioned */
#define NDVIEW_DLPACK_FLAG_READ_ONLY (UINT64_C(1) << 0)
#define NDVIEW_DLPACK_FLAG_IS_COPIED (UINT64_C(1) << 1)

typedef struct {
	uint32_t major;
	uint32_t minor;
} DLPackVersion;

/* DLDeviceType: kDLCPU = 1 is the only device ffi handles. */
typedef int32_t DLDeviceType;
#define NDVIEW_DL_CPU 1

typedef struct {
	DLDeviceType device_type;
	int32_t device_id;
} DLDevice;

/* DLDataTypeCode values. */
#define NDVIEW_DL_INT 0
#define NDVIEW_DL_UINT 1
#define NDVIEW_DL_FLOAT 2
#define NDVIEW_DL_OPAQUE_HANDLE 3
#define NDVIEW_DL_BFLOAT 4
#define NDVIEW_DL_COMPLEX 5
#define NDVIEW_DL_BOOL 6

typedef struct {
	uint8_t code;
	uint8_t bits;
	uint16_t lanes;
} DLDataType;

typedef struct {
	void *data;
	DLDevice device;
	int32_t ndim;
	DLDataType dtype;
	int64_t *shape;
	int64_t *strides; /* in elements; NULL means compact row-major */
	uint64_t byte_offset;
} DLTensor;

typedef struct DLManagedTensor {
	DLTensor dl_tensor;
	void *manager_ctx;
	void (*deleter)(struct DLManagedTensor *self);
} DLManagedTensor;

typedef struct DLManagedTensorVersioned {
	DLPackVersion version;
	void *manager_ctx;
	void (*deleter)(struct DLManagedTensorVersioned *self);
	uint64_t flags;
	DLTensor dl_tensor;
} DLManagedTensorVersioned;

#endif /* NDVIEW_DLPACK_H */

// Real C routines over ndview_buffer descriptors and DLPack tensors, for
// ffi's tests and examples: what a C library would do with a view.

#include <stdlib.h>
#include <string.h>
#include "ndview.h"
#include "dlpack.h"
#include "routines.h"

// for_each calls f on the address of every element of a float64 view,
// in C order, walking the strides with an odometer.
static void for_each(const ndview_buffer *b, void (*f)(double *, void *), void *arg) {
	int64_t n = ndview_count(b);
	if (n == 0) {
		return;
	}
	int64_t idx[64] = {0};
	char *p = (char *)b->buf;
	for (int64_t k = 0; k < n; k++) {
		f((double *)p, arg);
		for (int32_t d = b->ndim - 1; d >= 0; d--) {
			idx[d]++;
			p += b->strides[d];
			if (idx[d] < b->shape[d]) {
				break;
			}
			p -= b->strides[d] * b->shape[d];
			idx[d] = 0;
		}
	}
}

static void add(double *x, void *acc) { *(double *)acc += *x; }
static void mul(double *x, void *k) { *x *= *(double *)k; }
static void set(double *x, void *v) { *x = *(double *)v; }

static int is_float64(const ndview_buffer *b) {
	return b->itemsize == 8 && (strcmp(b->format, "d") == 0 || strcmp(b->format, "@d") == 0 ||
	                            strcmp(b->format, "=d") == 0 || strcmp(b->format, "<d") == 0);
}

int ndvr_sum(const ndview_buffer *b, double *out) {
	if (!is_float64(b)) {
		return -1;
	}
	double acc = 0;
	for_each(b, add, &acc);
	*out = acc;
	return 0;
}

int ndvr_scale(const ndview_buffer *b, double k) {
	if (!is_float64(b) || b->readonly) {
		return -1;
	}
	for_each(b, mul, &k);
	return 0;
}

int ndvr_fill(const ndview_buffer *b, double v) {
	if (!is_float64(b) || b->readonly) {
		return -1;
	}
	for_each(b, set, &v);
	return 0;
}

uintptr_t ndvr_address(const ndview_buffer *b, const int64_t *index) {
	return (uintptr_t)ndview_elem(b, index);
}

int ndvr_is_c_contiguous(const ndview_buffer *b) { return ndview_is_c_contiguous(b); }

double ndvr_first(const double *p, size_t n) { return n ? p[0] : 0; }

// DLPack consumer: sums a float64 tensor, then deletes it as a consumer
// must. Returns -1 (and deletes nothing) for a tensor it cannot read.
static int dl_sum(const DLTensor *t, double *out) {
	if (t->device.device_type != NDVIEW_DL_CPU || t->dtype.code != NDVIEW_DL_FLOAT || t->dtype.bits != 64 ||
	    t->dtype.lanes != 1) {
		return -1;
	}
	ndview_buffer b;
	int64_t strides[64];
	int64_t count = 1;
	for (int32_t i = t->ndim - 1; i >= 0; i--) {
		strides[i] = (t->strides ? t->strides[i] : count) * 8;
		count *= t->shape[i];
	}
	b.buf = (char *)t->data + t->byte_offset;
	b.itemsize = 8;
	b.ndim = t->ndim;
	b.shape = t->shape;
	b.strides = strides;
	b.format = "d";
	b.readonly = 1;
	b.len = count * 8;
	return ndvr_sum(&b, out);
}

int ndvr_dl_consume(DLManagedTensorVersioned *t, double *out, uint64_t *flags) {
	if (t->version.major != NDVIEW_DLPACK_MAJOR_VERSION || dl_sum(&t->dl_tensor, out) != 0) {
		return -1;
	}
	*flags = t->flags;
	t->deleter(t);
	return 0;
}

int ndvr_dl_consume_legacy(DLManagedTensor *t, double *out) {
	if (dl_sum(&t->dl_tensor, out) != 0) {
		return -1;
	}
	t->deleter(t);
	return 0;
}

// DLPack producer: a rows x cols float64 tensor in C memory holding
// i*cols + j, row-major or (transposed) column-major, with strides NULL
// (row-major only) or explicit.
static int64_t deletions;

typedef struct {
	DLManagedTensorVersioned t;
	int64_t dims[4];
	double data[];
} made_versioned;

typedef struct {
	DLManagedTensor t;
	int64_t dims[4];
	double data[];
} made_legacy;

static void delete_versioned(DLManagedTensorVersioned *self) {
	__atomic_fetch_add(&deletions, 1, __ATOMIC_SEQ_CST);
	free(self->manager_ctx);
}

static void delete_legacy(DLManagedTensor *self) {
	__atomic_fetch_add(&deletions, 1, __ATOMIC_SEQ_CST);
	free(self->manager_ctx);
}

static void fill_tensor(DLTensor *t, int64_t *dims, double *data, int64_t rows, int64_t cols, int column_major,
                        int null_strides) {
	t->data = data;
	t->device.device_type = NDVIEW_DL_CPU;
	t->ndim = 2;
	t->dtype.code = NDVIEW_DL_FLOAT;
	t->dtype.bits = 64;
	t->dtype.lanes = 1;
	dims[0] = rows;
	dims[1] = cols;
	dims[2] = column_major ? 1 : cols;
	dims[3] = column_major ? rows : 1;
	t->shape = dims;
	t->strides = null_strides ? NULL : dims + 2;
	for (int64_t i = 0; i < rows; i++) {
		for (int64_t j = 0; j < cols; j++) {
			data[i * dims[2] + j * dims[3]] = (double)(i * cols + j);
		}
	}
}

DLManagedTensorVersioned *ndvr_dl_make(int64_t rows, int64_t cols, int column_major, int null_strides, uint64_t flags) {
	made_versioned *m = calloc(1, sizeof(made_versioned) + (size_t)(rows * cols) * sizeof(double));
	if (m == NULL) {
		return NULL;
	}
	m->t.version.major = NDVIEW_DLPACK_MAJOR_VERSION;
	m->t.version.minor = NDVIEW_DLPACK_MINOR_VERSION;
	m->t.manager_ctx = m;
	m->t.deleter = delete_versioned;
	m->t.flags = flags;
	fill_tensor(&m->t.dl_tensor, m->dims, m->data, rows, cols, column_major, null_strides);
	return &m->t;
}

DLManagedTensor *ndvr_dl_make_legacy(int64_t rows, int64_t cols, int column_major) {
	made_legacy *m = calloc(1, sizeof(made_legacy) + (size_t)(rows * cols) * sizeof(double));
	if (m == NULL) {
		return NULL;
	}
	m->t.manager_ctx = m;
	m->t.deleter = delete_legacy;
	fill_tensor(&m->t.dl_tensor, m->dims, m->data, rows, cols, column_major, 0);
	return &m->t;
}

int64_t ndvr_dl_deletions(void) { return __atomic_load_n(&deletions, __ATOMIC_SEQ_CST); }

// C-owned memory for Wrap, with a count of frees.
static int64_t frees;

void *ndvr_malloc(size_t n) { return calloc(n ? n : 1, 1); }

void ndvr_free(void *p) {
	__atomic_fetch_add(&frees, 1, __ATOMIC_SEQ_CST);
	free(p);
}

int64_t ndvr_frees(void) { return __atomic_load_n(&frees, __ATOMIC_SEQ_CST); }

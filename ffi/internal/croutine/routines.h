#ifndef NDVIEW_CROUTINE_H
#define NDVIEW_CROUTINE_H

#include <stddef.h>
#include <stdint.h>
#include "ndview.h"
#include "dlpack.h"

int ndvr_sum(const ndview_buffer *b, double *out);
int ndvr_scale(const ndview_buffer *b, double k);
int ndvr_fill(const ndview_buffer *b, double v);
uintptr_t ndvr_address(const ndview_buffer *b, const int64_t *index);
int ndvr_is_c_contiguous(const ndview_buffer *b);
double ndvr_first(const double *p, size_t n);
int ndvr_dl_consume(DLManagedTensorVersioned *t, double *out, uint64_t *flags);
int ndvr_dl_consume_legacy(DLManagedTensor *t, double *out);
DLManagedTensorVersioned *ndvr_dl_make(int64_t rows, int64_t cols, int column_major, int null_strides, uint64_t flags);
DLManagedTensor *ndvr_dl_make_legacy(int64_t rows, int64_t cols, int column_major);
int64_t ndvr_dl_deletions(void);
void *ndvr_malloc(size_t n);
void ndvr_free(void *p);
int64_t ndvr_frees(void);

#endif

/*
 * ndview.h: the descriptor through which C code reads a view exported by
 * the Go package github.com/ndview/ndview/ffi (ffi.Export), in the spirit
 * of Python's Py_buffer. Include it; nothing else is needed.
 *
 * The descriptor and its shape, strides and format live in C memory
 * allocated by ffi.Export; the elements live wherever the view's buffer
 * is (Go memory, pinned until Release, or C memory). C may keep the
 * pointer until the Go side calls Release on the handle, and not after.
 */
#ifndef NDVIEW_H
#define NDVIEW_H

#include <stddef.h>
#include <stdint.h>

typedef struct ndview_buffer {
	/* Address of element [0, ..., 0]; NULL when the view has no elements. */
	void *buf;
	/* Bytes of the elements: itemsize times the number of elements
	 * (Py_buffer.len), not the span they occupy. */
	int64_t len;
	/* Bytes per element. */
	int64_t itemsize;
	/* Non-zero when the view must not be written. */
	int32_t readonly;
	/* Number of dimensions, 0 to 64; shape and strides have ndim entries. */
	int32_t ndim;
	/* The element format, NUL-terminated: struct / PEP 3118 ("<d", "B",
	 * "T{<i:x:}"). */
	const char *format;
	/* Extent of each dimension. */
	const int64_t *shape;
	/* Byte step of each dimension; negative and zero are allowed. */
	const int64_t *strides;
} ndview_buffer;

/* ndview_elem returns the address of the element at index[0..ndim-1]
 * (each index in range; not checked). */
static inline void *ndview_elem(const ndview_buffer *b, const int64_t *index) {
	char *p = (char *)b->buf;
	for (int32_t i = 0; i < b->ndim; i++) {
		p += index[i] * b->strides[i];
	}
	return p;
}

/* ndview_count returns the number of elements. */
static inline int64_t ndview_count(const ndview_buffer *b) {
	int64_t n = 1;
	for (int32_t i = 0; i < b->ndim; i++) {
		n *= b->shape[i];
	}
	return n;
}

/* ndview_is_c_contiguous reports whether the elements lie back to back in
 * C order from buf (extent-1 dimensions ignored; an empty view is
 * contiguous), so that buf and len describe them all. */
static inline int ndview_is_c_contiguous(const ndview_buffer *b) {
	int64_t want = b->itemsize;
	for (int32_t i = b->ndim - 1; i >= 0; i--) {
		if (b->shape[i] == 0) {
			return 1;
		}
	}
	for (int32_t i = b->ndim - 1; i >= 0; i--) {
		if (b->shape[i] != 1 && b->strides[i] != want) {
			return 0;
		}
		want *= b->shape[i];
	}
	return 1;
}

#endif /* NDVIEW_H */

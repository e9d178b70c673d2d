//go:build linux

package ndview_test

import "syscall"

// benchBytes returns n zeroed bytes for the benchmark matrices: a fresh
// anonymous mapping with transparent huge pages requested, as NumPy
// requests them for its large arrays (numpy.core.multiarray.
// _set_madvise_hugepage), so that comparisons with NumPy's copyto run on
// the same kind of memory. Whether the kernel grants huge pages depends on
// the machine (the CI machine granted none). A plain make is the fallback.
func benchBytes(n int) []byte {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]byte, n)
	}
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE) // advice only, so its error does not matter
	return b
}

//go:build linux

package ndview_test

import "syscall"

// benchBytes returns n zeroed bytes for the benchmark matrices. On Linux
// they are mapped with transparent huge pages requested, as NumPy does for
// its large arrays (numpy.core.multiarray._set_madvise_hugepage), so that
// the comparisons with NumPy's copyto run on the same kind of memory:
// strided copies of 4 KiB-paged memory spend much of their time in TLB
// misses, which huge pages avoid. A plain make is the fallback.
func benchBytes(n int) []byte {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]byte, n)
	}
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE) // advice only, so its error does not matter
	return b
}

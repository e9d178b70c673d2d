//go:build unix

package main

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// mapFile maps the first size bytes of f read-only. The kernel reads a page
// when it is first touched, so a view that selects one row of a huge file
// reads about one page. Writes to the memory fault, which is why every view
// of a file is read-only.
func mapFile(f *os.File, size int) ([]byte, func() error, error) {
	b, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if errors.Is(err, syscall.ENODEV) { // a file system that cannot map files
		b := make([]byte, size)
		if _, err := io.ReadFull(f, b); err != nil {
			return nil, nil, err
		}
		return b, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return b, func() error { return syscall.Munmap(b) }, nil
}

// mapZeros returns size zero bytes that cost no memory until read: info
// without a FILE describes a layout over "a buffer exactly large enough",
// which may be far larger than memory, and only its length is ever used.
func mapZeros(size int) ([]byte, func() error, error) {
	if size == 0 {
		return []byte{}, nil, nil
	}
	b, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil, nil, err
	}
	return b, func() error { return syscall.Munmap(b) }, nil
}

//go:build !unix

package main

import (
	"fmt"
	"io"
	"os"
)

// mapFile reads the first size bytes of f: this system has no syscall.Mmap,
// so the whole file is read, however little of it is shown.
func mapFile(f *os.File, size int) ([]byte, func() error, error) {
	b := make([]byte, size)
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, nil, err
	}
	return b, nil, nil
}

// maxZeros bounds the buffer info allocates for a layout without a FILE;
// beyond it the description would cost real memory.
const maxZeros = 1 << 30

// mapZeros returns size zero bytes, allocated.
func mapZeros(size int) ([]byte, func() error, error) {
	if size > maxZeros {
		return nil, nil, fmt.Errorf("the layout needs %d bytes; without a FILE, info assumes at most %d on this system", size, maxZeros)
	}
	return make([]byte, size), nil, nil
}

//go:build unix

package npy

import (
	"fmt"
	"os"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/ndview/ndview/ndview"
)

// Mapped is a .npy file mapped into memory, and its view. Close unmaps
// it; the view must not be used afterwards.
type Mapped struct {
	mu     sync.Mutex
	data   []byte // the whole mapping
	v      ndview.View
	header Header
}

// Map maps the .npy file at path and returns its array as a view of the
// mapping: no byte is read but the header's, so opening costs the same
// for a megabyte as for a terabyte, and pages are read as elements are
// touched. Fortran-ordered files give F-strided views, big-endian files
// ">" views. Errors: those of ParseHeader, ErrTruncated for a file
// shorter than its header says, and the system's.
func Map(path string, mode Mode) (*Mapped, error) {
	flag := os.O_RDONLY
	if mode == ReadWrite {
		flag = os.O_RDWR
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	if size < 10 {
		return nil, fmt.Errorf("%w: %s has %d bytes, fewer than a .npy preamble", ErrFormat, path, size)
	}
	if size > int64(maxInt) {
		return nil, fmt.Errorf("%w: %s has %d bytes", ErrTooLarge, path, size)
	}
	prot, flags := unix.PROT_READ, unix.MAP_SHARED
	switch mode {
	case ReadWrite:
		prot |= unix.PROT_WRITE
	case CopyOnWrite:
		prot, flags = unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE
	}
	data, err := unix.Mmap(int(f.Fd()), 0, int(size), prot, flags)
	if err != nil {
		return nil, fmt.Errorf("npy: mmap %s: %w", path, err)
	}
	v, h, err := Load(data)
	if err != nil {
		_ = unix.Munmap(data)
		return nil, err
	}
	if mode == ReadOnly {
		v = v.AsReadOnly()
	}
	return &Mapped{data: data, v: v, header: h}, nil
}

// Close unmaps the file; later calls do nothing. Views of the mapping
// must not be used afterwards (they would fault).
func (m *Mapped) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.data == nil {
		return nil
	}
	err := unix.Munmap(m.data)
	m.data, m.v = nil, ndview.View{}
	return err
}

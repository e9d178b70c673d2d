//go:build !unix

package npy

import (
	"os"
	"sync"

	"github.com/ndview/ndview/ndview"
)

// Mapped is a .npy file and its view. On systems without mmap the file
// is read into memory: ReadWrite writes it back on Close.
type Mapped struct {
	mu     sync.Mutex
	path   string
	mode   Mode
	data   []byte
	v      ndview.View
	header Header
}

// Map reads the .npy file at path (this system has no mmap).
func Map(path string, mode Mode) (*Mapped, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	v, h, err := Load(data)
	if err != nil {
		return nil, err
	}
	if mode == ReadOnly {
		v = v.AsReadOnly()
	}
	return &Mapped{path: path, mode: mode, data: data, v: v, header: h}, nil
}

// Close releases the memory, writing it back for ReadWrite.
func (m *Mapped) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.data == nil {
		return nil
	}
	var err error
	if m.mode == ReadWrite {
		err = os.WriteFile(m.path, m.data, 0o644)
	}
	m.data, m.v = nil, ndview.View{}
	return err
}

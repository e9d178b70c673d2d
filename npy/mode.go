package npy

import (
	"fmt"

	"github.com/ndview/ndview/ndview"
)

// Mode is how Map maps a file, as NumPy's mmap_mode. It is declared once
// here for every system; mmap.go and mmap_other.go implement Map.
type Mode int

// The modes.
const (
	// ReadOnly ("r"): a read-only view; writes through it are errors
	// (ErrReadOnly), never faults.
	ReadOnly Mode = iota
	// ReadWrite ("r+"): writes go to the file.
	ReadWrite
	// CopyOnWrite ("c"): writes stay in this process's memory.
	CopyOnWrite
)

// View returns the mapped array, or an error after Close. (Mapped itself
// is declared per system, in mmap.go and mmap_other.go.)
func (m *Mapped) View() (ndview.View, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.data == nil {
		return ndview.View{}, fmt.Errorf("npy: the mapping is closed")
	}
	return m.v, nil
}

// Header returns the file's header.
func (m *Mapped) Header() Header { return m.header }

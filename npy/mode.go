package npy

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

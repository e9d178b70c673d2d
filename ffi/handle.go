package ffi

import (
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/ndview/ndview/ndview"
)

// outstanding counts what this package has handed out and not yet taken
// back: Buffers not released, Memory not freed, DLPack tensors whose
// deleter has not run.
var outstanding atomic.Int64

// Outstanding returns the number of exports and C allocations that are
// still live: Buffers not released, Memory not freed, and DLPack tensors
// exported and not yet deleted by their consumer. A program (or a test)
// that expects to have cleaned up can check that it is zero.
func Outstanding() int { return int(outstanding.Load()) }

// Buffer is a view exported for C: a pinned view and an ndview_buffer
// descriptor (ffi/ndview.h) in C memory. C may use the descriptor and the
// elements until Release.
type Buffer struct {
	desc unsafe.Pointer // *C.ndview_buffer, in C memory
	pin  runtime.Pinner
	done atomic.Bool
}

// Ptr returns the C address of the descriptor, a *ndview_buffer for C
// code that includes ffi/ndview.h (convert it in your own cgo file:
// (*C.ndview_buffer)(b.Ptr())). It returns nil once the Buffer is
// released, or for a nil Buffer.
func (b *Buffer) Ptr() unsafe.Pointer {
	if b == nil || b.done.Load() {
		return nil
	}
	return b.desc
}

// Release unpins the view's memory and frees the descriptor. It runs
// once: later calls, from any goroutine, do nothing. C must not use the
// descriptor or the elements afterwards. A Buffer dropped without
// Release keeps its memory pinned, and Go's runtime.Pinner reports that
// as a fatal leak when the Buffer is collected.
func (b *Buffer) Release() {
	if b == nil || !b.done.CompareAndSwap(false, true) {
		return
	}
	b.pin.Unpin()
	cFree(b.desc)
	outstanding.Add(-1)
}

// Memory is a view of memory that Go's collector does not manage: C
// memory from Alloc, memory a C library handed over through Wrap, or a
// DLPack tensor from ImportDLPack. Free gives it back, once.
type Memory struct {
	mu   sync.Mutex
	v    ndview.View
	free func()
	done bool
}

// View returns the view of the memory, or ErrReleased after Free. Views
// obtained before Free must not be used after it: the memory is gone.
func (m *Memory) View() (ndview.View, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.done {
		return ndview.View{}, ErrReleased
	}
	return m.v, nil
}

// Free releases the memory (free for Alloc, the owner's callback for
// Wrap, the deleter for ImportDLPack). It runs once: later calls, from
// any goroutine, do nothing.
func (m *Memory) Free() {
	m.mu.Lock()
	if m.done {
		m.mu.Unlock()
		return
	}
	m.done = true
	free := m.free
	m.v, m.free = ndview.View{}, nil
	m.mu.Unlock()
	if free != nil {
		free()
	}
	outstanding.Add(-1)
}

func newMemory(v ndview.View, free func()) *Memory {
	outstanding.Add(1)
	return &Memory{v: v, free: free}
}

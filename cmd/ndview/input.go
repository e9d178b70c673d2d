package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// stdin is what FILE "-" reads; tests replace it.
var stdin io.Reader = os.Stdin

// input is the bytes of a FILE argument and how to let go of them.
type input struct {
	name string
	data []byte
	// release unmaps a mapped file; nil when data is ordinary memory.
	release func() error
}

// Close releases the file's memory. The data must not be used afterwards:
// an unmapped page faults.
func (in *input) Close() error {
	if in.release == nil {
		return nil
	}
	r := in.release
	in.release, in.data = nil, nil
	return r()
}

// openInput returns the contents of the named file: memory-mapped
// read-only where the system allows it, so that only the pages a view
// touches are ever read, and read into memory otherwise (standard input,
// pipes, devices, empty files, systems without mmap).
func openInput(name string) (*input, error) {
	if name == "-" {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %v", err)
		}
		return &input{name: "-", data: b}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err // *PathError: "open NAME: no such file or directory"
	}
	defer f.Close() // a mapping outlives the descriptor
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a directory", name)
	}
	// A pipe or device has no size to map, and an empty file cannot be
	// mapped at all (mmap of length 0 fails); some empty-looking files,
	// such as those under /proc, have content when read.
	if !st.Mode().IsRegular() || st.Size() == 0 {
		b, err := io.ReadAll(f)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %v", name, err)
		}
		return &input{name: name, data: b}, nil
	}
	if st.Size() > int64(maxInt) {
		return nil, fmt.Errorf("%s is %d bytes, too large to address on this system", name, st.Size())
	}
	data, release, err := mapFile(f, int(st.Size()))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", name, err)
	}
	return &input{name: name, data: data, release: release}, nil
}

// errFault is the error for a memory fault while reading a mapped file:
// the file shrank after it was mapped, or its storage failed.
var errFault = errors.New("memory fault reading the file (was it truncated while ndview read it?)")

// guardFaults runs fn and turns a memory fault inside it into errFault.
// Without this a file truncated by another process while mapped kills the
// program with SIGBUS; debug.SetPanicOnFault makes it a panic this
// goroutine can recover. Other panics are bugs and propagate.
func guardFaults(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(interface{ Addr() uintptr }); ok {
				err = errFault
				return
			}
			panic(r)
		}
	}()
	return fn()
}

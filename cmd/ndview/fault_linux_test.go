package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestGuardFaults truncates a file while it is mapped: reading the page
// that is gone raises SIGBUS, which guardFaults must turn into errFault
// instead of letting it kill the program.
func TestGuardFaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shrinks.bin")
	if err := os.WriteFile(path, make([]byte, 3*os.Getpagesize()), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := openInput(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if in.release == nil {
		t.Skip("the file was read, not mapped")
	}
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	var sink byte
	err = guardFaults(func() error {
		sink = in.data[2*os.Getpagesize()]
		return nil
	})
	if !errors.Is(err, errFault) {
		t.Errorf("guardFaults = %v (read %d), want errFault", err, sink)
	}
	// Other panics are bugs and must not be swallowed.
	defer func() {
		if r := recover(); r != "bug" {
			t.Errorf("recovered %v, want the panic \"bug\"", r)
		}
	}()
	_ = guardFaults(func() error { panic("bug") })
}

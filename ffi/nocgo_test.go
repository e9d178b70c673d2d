//go:build !cgo

package ffi_test

import (
	"errors"
	"testing"

	"github.com/ndview/ndview/ffi"
	"github.com/ndview/ndview/ndview"
)

// Without cgo, everything that needs C says so, and Data still works.
func TestWithoutCgo(t *testing.T) {
	v, err := ndview.Make("d", 4)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ffi.Export(v); !errors.Is(err, ffi.ErrNoCgo) {
		t.Errorf("Export: %v, want ErrNoCgo", err)
	}
	if _, err := ffi.Alloc("d", 2); !errors.Is(err, ffi.ErrNoCgo) {
		t.Errorf("Alloc: %v, want ErrNoCgo", err)
	}
	if _, err := ffi.Wrap(nil, 0, ndview.Layout{}, nil); !errors.Is(err, ffi.ErrNoCgo) {
		t.Errorf("Wrap: %v, want ErrNoCgo", err)
	}
	if _, err := ffi.ExportDLPack(v); !errors.Is(err, ffi.ErrNoCgo) {
		t.Errorf("ExportDLPack: %v, want ErrNoCgo", err)
	}
	if _, err := ffi.ExportDLPackLegacy(v); !errors.Is(err, ffi.ErrNoCgo) {
		t.Errorf("ExportDLPackLegacy: %v, want ErrNoCgo", err)
	}
	if _, err := ffi.ImportDLPack(nil); !errors.Is(err, ffi.ErrNoCgo) {
		t.Errorf("ImportDLPack: %v, want ErrNoCgo", err)
	}
	if _, err := ffi.ImportDLPackLegacy(nil); !errors.Is(err, ffi.ErrNoCgo) {
		t.Errorf("ImportDLPackLegacy: %v, want ErrNoCgo", err)
	}
	p, n, err := ffi.Data(v)
	if err != nil || n != 32 || p == nil {
		t.Errorf("Data: %v, %d, %v", p, n, err)
	}
	if ffi.Outstanding() != 0 {
		t.Errorf("Outstanding() = %d", ffi.Outstanding())
	}
}

//go:build cgo

package ffi_test

import (
	"testing"
	"unsafe"

	"github.com/ndview/ndview/ffi"
	"github.com/ndview/ndview/ffi/internal/croutine"
	"github.com/ndview/ndview/ndview"
)

var benchSink float64

// BenchmarkCallView hands a 1000-element contiguous view to a trivial C
// function through Data; BenchmarkCallBare calls the same function with
// a raw pointer and length.
func BenchmarkCallView(b *testing.B) {
	v, err := ndview.Make("d", 1000)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p, n, err := ffi.Data(v)
		if err != nil {
			b.Fatal(err)
		}
		benchSink += croutine.First(p, n/8)
	}
}

func BenchmarkCallBare(b *testing.B) {
	xs := make([]float64, 1000)
	b.ReportAllocs()
	for b.Loop() {
		benchSink += croutine.First(unsafe.Pointer(&xs[0]), len(xs))
	}
}

// BenchmarkExport exports a 3-D strided view (pin, descriptor in C
// memory) and releases it.
func BenchmarkExport(b *testing.B) {
	v, err := ndview.Make("d", 10, 20, 30)
	if err != nil {
		b.Fatal(err)
	}
	if v, err = v.IndexString("::2, ::-1, 1::3"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		h, err := ffi.Export(v)
		if err != nil {
			b.Fatal(err)
		}
		h.Release()
	}
}

// BenchmarkExportDLPack exports the same view as a DLPack tensor and
// releases it.
func BenchmarkExportDLPack(b *testing.B) {
	v, err := ndview.Make("d", 10, 20, 30)
	if err != nil {
		b.Fatal(err)
	}
	if v, err = v.IndexString("::2, ::-1, 1::3"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p, err := ffi.ExportDLPack(v)
		if err != nil {
			b.Fatal(err)
		}
		ffi.ReleaseDLPack(p)
	}
}

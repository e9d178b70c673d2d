//go:build cgo

package ffi_test

import (
	"fmt"

	"github.com/ndview/ndview/ffi"
	"github.com/ndview/ndview/ffi/internal/croutine"
	"github.com/ndview/ndview/ndview"
)

// Calling C on a strided view. The C side (ffi/internal/croutine)
// walks the descriptor of ffi/ndview.h:
//
//	int ndvr_scale(const ndview_buffer *b, double k) {
//	    ... for each index: *(double *)ndview_elem(b, idx) *= k;
//	}
//
// and its Go wrapper passes b.Ptr() as a *C.ndview_buffer.
func ExampleExport() {
	v, _ := ndview.Make("d", 3, 4)
	for i := range 3 {
		for j := range 4 {
			_ = v.SetValue(float64(i*4+j), i, j)
		}
	}
	w, _ := v.IndexString("::-2, 1::2") // rows 2 and 0, columns 1 and 3
	b, err := ffi.Export(w)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer b.Release()
	sum, _ := croutine.Sum(b.Ptr())
	_ = croutine.Scale(b.Ptr(), 10) // C writes Go memory, pinned
	fmt.Println(sum)
	fmt.Println(v)
	// Output:
	// 24
	// [[  0.  10.   2.  30.]
	//  [  4.   5.   6.   7.]
	//  [  8.  90.  10. 110.]]
}

// The direct path: a contiguous view for the duration of one call.
func ExampleData() {
	v, _ := ndview.Make("d", 1000)
	_ = v.SetValue(2.5, 0)
	p, n, err := ffi.Data(v)
	fmt.Println(n, err, croutine.First(p, n/8))
	// Output: 8000 <nil> 2.5
}

// A view in C memory, filled from Go and read by C; Free gives the memory
// back, and the handle refuses to be used again.
func ExampleAlloc() {
	m, err := ffi.Alloc("d", 2, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := m.View()
	for j := range 3 {
		_ = v.SetValue(float64(j+1), 1, j)
	}
	b, _ := ffi.Export(v)
	sum, _ := croutine.Sum(b.Ptr())
	b.Release()
	fmt.Println(v.ItemFormat(), v.Shape(), sum)
	m.Free()
	_, err = m.View()
	fmt.Println(err, ffi.Outstanding())
	// Output:
	// d [2 3] 6
	// ffi: handle already released 0
}

// A DLPack round trip: a view exported to a C consumer, which sums it and
// calls the deleter; and a tensor a C producer made, imported as a
// read-only view.
func ExampleExportDLPack() {
	v, _ := ndview.Make("d", 2, 3)
	for j := range 3 {
		_ = v.SetValue(float64(j), 0, j)
	}
	t, err := ffi.ExportDLPack(v.T()) // strides in elements: (1, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	sum, _, _ := croutine.ConsumeDLPack(t) // sums, then calls the deleter
	fmt.Println(sum, ffi.Outstanding())

	const readOnly = 1
	c := croutine.MakeDLPack(2, 2, true, false, readOnly) // column-major, in C memory
	m, err := ffi.ImportDLPack(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	w, _ := m.View()
	fmt.Println(w, w.Strides(), w.ReadOnly())
	m.Free() // calls the producer's deleter, once
	// Output:
	// 3 0
	// [[0. 1.]
	//  [2. 3.]] [8 16] true
}

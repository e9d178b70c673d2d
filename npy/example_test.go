package npy_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/npy"
)

// Writing a view as numpy.save would, and mapping the file back: the
// array comes back as a view of the mapping, read-only, without a copy.
func ExampleMap() {
	dir, _ := os.MkdirTemp("", "npy")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "a.npy")

	v, _ := ndview.Make(">i", 2, 3) // big-endian stays big-endian
	for i := range 2 {
		for j := range 3 {
			_ = v.SetValue(i*10+j, i, j)
		}
	}
	if err := npy.WriteFile(path, v); err != nil {
		fmt.Println(err)
		return
	}
	m, err := npy.Map(path, npy.ReadOnly)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer m.Close()
	w, _ := m.View()
	h := m.Header()
	fmt.Println(h.Descr, h.Shape, h.DataOffset, w.ItemFormat(), w.ReadOnly())
	fmt.Println(w)
	fmt.Println(w.SetValue(1, 0, 0))
	// Output:
	// >i4 [2 3] 128 >i true
	// [[ 0  1  2]
	//  [10 11 12]]
	// ndview: view is read-only
}

// The bytes numpy.save writes for a Fortran-ordered array, read without
// a conversion pass: the view is F-strided over the data.
func ExampleLoad() {
	v, _ := ndview.NewFortran(make([]byte, 6*8), "<d", 2, 3)
	for j := range 3 {
		_ = v.SetValue(float64(j), 1, j)
	}
	var file bytes.Buffer
	_ = npy.Write(&file, v)
	fmt.Printf("%q\n", file.Bytes()[:68])

	w, h, err := npy.Load(file.Bytes())
	fmt.Println(h.FortranOrder, w.Strides(), err)
	fmt.Println(w)
	// Output:
	// "\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }"
	// true [8 16] <nil>
	// [[0. 0. 0.]
	//  [0. 1. 2.]]
}

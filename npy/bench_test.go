package npy_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/ndview/ndview/npy"
)

// sparseFile makes a .npy file of n float64s whose data is a hole: the
// header is written and the file truncated up to its full size, so a
// gigabyte costs no disk.
func sparseFile(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "sparse.npy")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	hdr := npy.HeaderBytes("'<f8'", false, []int{n})
	if _, err := f.Write(hdr); err != nil {
		b.Fatal(err)
	}
	if err := f.Truncate(int64(len(hdr) + 8*n)); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkMapOpen: mapping reads the header alone, so a 1 GB file
// opens as fast as a 1 MB one (the two should be within 2x).
func BenchmarkMapOpen(b *testing.B) {
	for _, c := range []struct {
		name string
		n    int
	}{{"1MB", 1 << 17}, {"1GB", 1 << 27}} {
		b.Run(c.name, func(b *testing.B) {
			path := sparseFile(b, c.n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				m, err := npy.Map(path, npy.ReadOnly)
				if err != nil {
					b.Fatal(err)
				}
				v, err := m.View()
				if err != nil || v.Len() != c.n {
					b.Fatalf("%v, %d elements", err, v.Len())
				}
				if err := m.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReadFile1MB(b *testing.B) {
	path := sparseFile(b, 1<<17)
	b.ReportAllocs()
	b.SetBytes(8 << 17)
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := npy.ReadFile(path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrite1MB(b *testing.B) {
	for _, layout := range []string{"C", "F", "strided"} {
		b.Run(layout, func(b *testing.B) {
			v, _ := makeView(b, "<d", []int{256, 512}, layout, 1)
			b.ReportAllocs()
			b.SetBytes(int64(v.NBytes()))
			b.ResetTimer()
			for b.Loop() {
				if err := npy.Write(io.Discard, v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLoad1MB(b *testing.B) {
	v, _ := makeView(b, "<d", []int{256, 512}, "C", 1)
	var file bytes.Buffer
	if err := npy.Write(&file, v); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w, _, err := npy.Load(file.Bytes())
		if err != nil || w.Len() != v.Len() {
			b.Fatal(err)
		}
	}
}

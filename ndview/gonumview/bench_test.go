package gonumview_test

import (
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/ndview/gonumview"
)

var (
	sinkDense *mat.Dense
	sinkSum   float64
)

func benchDense(b *testing.B, n int) {
	v, err := ndview.Make("d", n, n)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		m, err := gonumview.Dense(v)
		if err != nil {
			b.Fatal(err)
		}
		sinkDense = m
	}
}

// BenchmarkDense makes a *mat.Dense over a 1000x1000 view.
func BenchmarkDense(b *testing.B) { benchDense(b, 1000) }

// BenchmarkDenseSmall is BenchmarkDense for a 10x10 view: the same bytes
// allocated and, within 1.5x, the same time.
func BenchmarkDenseSmall(b *testing.B) { benchDense(b, 10) }

// filled returns an n x n view of format f with element (i, j) = i - j/3.
func filled(b *testing.B, f string, n int) ndview.View {
	v, err := ndview.Make(f, n, n)
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		for j := range n {
			if err := v.SetValue(float64(i%17)-float64(j%5)/4, i, j); err != nil {
				b.Fatal(err)
			}
		}
	}
	return v
}

// BenchmarkMul multiplies two 300x300 views through Dense (gonum's own
// Mul on memory it did not allocate); BenchmarkMulNative is the same on
// Denses gonum allocated.
func BenchmarkMul(b *testing.B) {
	x, err := gonumview.Dense(filled(b, "d", 300))
	if err != nil {
		b.Fatal(err)
	}
	y, err := gonumview.Dense(filled(b, "d", 300).T().T())
	if err != nil {
		b.Fatal(err)
	}
	out, err := gonumview.Dense(filled(b, "d", 300))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out.Mul(x, y)
	}
}

func BenchmarkMulNative(b *testing.B) {
	x := mat.DenseCopyOf(must(gonumview.Dense(filled(b, "d", 300))))
	y := mat.DenseCopyOf(must(gonumview.Dense(filled(b, "d", 300))))
	out := mat.NewDense(300, 300, nil)
	b.ReportAllocs()
	for b.Loop() {
		out.Mul(x, y)
	}
}

// BenchmarkMatrixAt sums a strided big-endian float32 view of 1000x1000
// (every other column of a 1000x2000 array) through MatrixView.At.
func BenchmarkMatrixAt(b *testing.B) {
	v := filled(b, ">f", 1000)
	w, err := ndview.Make(">f", 1000, 2000)
	if err != nil {
		b.Fatal(err)
	}
	s, err := w.IndexString(":, ::2")
	if err != nil {
		b.Fatal(err)
	}
	if err := v.CopyTo(s); err != nil {
		b.Fatal(err)
	}
	m, err := gonumview.NewMatrixView(s)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sum := 0.0
		r, c := m.Dims()
		for i := range r {
			for j := range c {
				sum += m.At(i, j)
			}
		}
		sinkSum = sum
	}
}

// BenchmarkDenseAt is BenchmarkMatrixAt over a gonum Dense of 1000x1000
// float64 through Dense.At.
func BenchmarkDenseAt(b *testing.B) {
	d := mat.DenseCopyOf(must(gonumview.Dense(filled(b, "d", 1000))))
	b.ReportAllocs()
	for b.Loop() {
		sum := 0.0
		r, c := d.Dims()
		for i := range r {
			for j := range c {
				sum += d.At(i, j)
			}
		}
		sinkSum = sum
	}
}

func must[T any](x T, err error) T {
	if err != nil {
		panic(err)
	}
	return x
}

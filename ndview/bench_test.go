package ndview_test

import (
	"encoding/binary"
	"math"
	"runtime"
	"sync"
	"testing"
	"unsafe"

	"gonum.org/v1/gonum/mat"

	"github.com/ndview/ndview/ndview"
)

// The benchmarks of issue [view]: a 1000x1000 "<d" view, over a
// 2000x2000 buffer where a source region is needed. gonum is the baseline
// (it lives in this test file only; package ndview does not import it).

const (
	benchN   = 1000
	benchBig = 2000
)

var (
	sinkView  ndview.View
	sinkFloat float64
	sinkDense mat.Matrix
)

// benchData returns a 2000x2000 float64 matrix as bytes and as gonum's
// Dense over the same values. It is built once: the testing package calls
// a benchmark several times while it sizes b.N, and rebuilding 64 MB each
// time would leave the garbage collector working through the timed loops
// on a small machine.
func benchData(b *testing.B) (buf []byte, big ndview.View, dense *mat.Dense) {
	b.Helper()
	benchOnce.Do(func() {
		// gonum's matrix is the same memory as the view (as the gonum
		// adapter will make it), so both sides of a comparison read the
		// same bytes from the same pages.
		benchBuf = benchBytes(8 * benchBig * benchBig)
		data := unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(benchBuf))), benchBig*benchBig)
		for i := range data {
			binary.LittleEndian.PutUint64(benchBuf[8*i:], math.Float64bits(float64(i%1000)*0.5))
		}
		benchDense = mat.NewDense(benchBig, benchBig, data)
	})
	big, err := ndview.New(benchBuf, "<d", benchBig, benchBig)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	return benchBuf, big, benchDense
}

var (
	benchOnce  sync.Once
	benchBuf   []byte
	benchDense *mat.Dense
)

// region is the 1000x1000 top-left corner of the 2000x2000 view.
func region(b *testing.B, big ndview.View) ndview.View {
	r, err := big.Index(ndview.Slice(0, benchN, 1), ndview.Slice(0, benchN, 1))
	if err != nil {
		b.Fatal(err)
	}
	return r
}

func BenchmarkSlice2D(b *testing.B) {
	_, big, _ := benchData(b)
	v := region(b, big)
	idx := []ndview.Index{ndview.Slice(ndview.None, ndview.None, 2), ndview.Slice(1, 300, 1)}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		w, err := v.Index(idx...)
		if err != nil {
			b.Fatal(err)
		}
		sinkView = w
	}
}

func BenchmarkSlice2DString(b *testing.B) {
	_, big, _ := benchData(b)
	v := region(b, big)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		w, err := v.IndexString("::2, 1:300")
		if err != nil {
			b.Fatal(err)
		}
		sinkView = w
	}
}

func BenchmarkGonumSlice2D(b *testing.B) {
	_, _, dense := benchData(b)
	m := dense.Slice(0, benchN, 0, benchN).(*mat.Dense)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		sinkDense = m.Slice(0, 1000, 1, 300)
	}
}

func BenchmarkTranspose(b *testing.B) {
	_, big, _ := benchData(b)
	v := region(b, big)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		sinkView = v.T()
	}
}

func BenchmarkReshape(b *testing.B) {
	buf, _, _ := benchData(b)
	v, err := ndview.New(buf, "<d", benchN, benchN)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		w, err := v.Reshape(100, 10000)
		if err != nil {
			b.Fatal(err)
		}
		sinkView = w
	}
}

// contiguous1000 is a C-contiguous 1000x1000 view of the first 8 MB, and
// the same values as a []float64.
func contiguous1000(b *testing.B) (ndview.View, []float64) {
	buf, _, dense := benchData(b)
	v, err := ndview.New(buf, "<d", benchN, benchN)
	if err != nil {
		b.Fatal(err)
	}
	return v, dense.RawMatrix().Data[:benchN*benchN]
}

func BenchmarkSumRaw(b *testing.B) {
	_, raw := contiguous1000(b)
	b.SetBytes(8e6)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s := 0.0
		for _, x := range raw {
			s += x
		}
		sinkFloat = s
	}
}

// sumArray is the typed 1000x1000 array the Sum benchmarks add up,
// reshaped when a shape is given, with the timer started on 8 MB.
func sumArray(b *testing.B, shape ...int) ndview.Array[float64] {
	v, _ := contiguous1000(b)
	if len(shape) > 0 {
		var err error
		if v, err = v.Reshape(shape...); err != nil {
			b.Fatal(err)
		}
	}
	a, err := ndview.As[float64](v)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(8e6)
	b.ReportAllocs()
	b.ResetTimer()
	return a
}

func BenchmarkSumAt(b *testing.B) {
	a := sumArray(b)
	for range b.N {
		s := 0.0
		for i := range benchN {
			for j := range benchN {
				s += a.At2(i, j)
			}
		}
		sinkFloat = s
	}
}

// BenchmarkSumAt1 is BenchmarkSumAt over the same elements as a 1-D view,
// through At1.
func BenchmarkSumAt1(b *testing.B) {
	a := sumArray(b, -1)
	for range b.N {
		s := 0.0
		for i := range benchN * benchN {
			s += a.At1(i)
		}
		sinkFloat = s
	}
}

// BenchmarkSumAtN is BenchmarkSumAt through the N-dimensional At.
func BenchmarkSumAtN(b *testing.B) {
	a := sumArray(b)
	for range b.N {
		s := 0.0
		for i := range benchN {
			for j := range benchN {
				s += a.At(i, j)
			}
		}
		sinkFloat = s
	}
}

func BenchmarkSumRuns(b *testing.B) {
	a := sumArray(b)
	for range b.N {
		s := 0.0
		for run := range a.Chunks() {
			t := 0.0 // a per-run sum stays in a register; s, captured by the loop body, lives in memory
			for _, x := range run {
				t += x
			}
			s += t
		}
		sinkFloat = s
	}
}

func BenchmarkCopyMemmove(b *testing.B) {
	buf, _, _ := benchData(b)
	dst := make([]byte, 8*benchN*benchN)
	b.SetBytes(8e6)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		copy(dst, buf[:len(dst)])
	}
}

func BenchmarkCopyTo(b *testing.B) {
	buf, big, _ := benchData(b)
	contig, err := ndview.New(buf, "<d", benchN, benchN)
	if err != nil {
		b.Fatal(err)
	}
	step2, err := big.IndexString("::2, ::2")
	if err != nil {
		b.Fatal(err)
	}
	srcs := []struct {
		name string
		v    ndview.View
	}{
		{"contig", contig},
		{"inner_rows", region(b, big)},
		{"step2", step2},
		{"transposed", region(b, big).T()},
	}
	dst, err := ndview.New(benchBytes(8*benchN*benchN), "<d", benchN, benchN)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range srcs {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(8e6)
			b.ReportAllocs()
			for range b.N {
				if err := s.v.CopyTo(dst); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkGonumCopy(b *testing.B) {
	_, _, dense := benchData(b)
	raw := benchBytes(8 * benchN * benchN)
	dst := mat.NewDense(benchN, benchN, unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(raw))), benchN*benchN))
	srcs := []struct {
		name string
		m    mat.Matrix
	}{
		{"inner_rows", dense.Slice(0, benchN, 0, benchN)},
		{"transposed", dense.Slice(0, benchN, 0, benchN).T()},
	}
	for _, s := range srcs {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(8e6)
			b.ReportAllocs()
			for range b.N {
				dst.Copy(s.m)
			}
		})
	}
}

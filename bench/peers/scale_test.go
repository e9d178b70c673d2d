package peers

import (
	"fmt"
	"math"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gorgonia.org/tensor"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/ndview"
)

// The scaling series: how the cost changes with the size of a view (from
// inside L1 to far outside the last-level cache) and with its number of
// dimensions, so that the report shows the shape of the cost and not one
// point.

// ScaleSizes are the view sizes in bytes, 1 KB to 256 MB (factors of 16,
// then 4): from inside L1 to far beyond the last-level cache.
var ScaleSizes = []int{1 << 10, 1 << 14, 1 << 18, 1 << 22, 1 << 26, 1 << 28}

// sizeName is a size as the benchmark names spell it (1KB, 16KB, ...).
func sizeName(s int) string {
	switch {
	case s >= 1<<20:
		return fmt.Sprintf("%dMB", s>>20)
	default:
		return fmt.Sprintf("%dKB", s>>10)
	}
}

// BenchmarkScaleAccess: the sum of a 1-D float64 view of each size
// through ndview's At and through its contiguous runs, against a range
// loop over the []float64.
func BenchmarkScaleAccess(b *testing.B) {
	for _, size := range ScaleSizes {
		data := make([]float64, size/8)
		for i := range data {
			data[i] = float64(i % 1000)
		}
		v, err := ndview.New(cast.BytesOf(data), "<d", len(data))
		if err != nil {
			b.Fatal(err)
		}
		a, err := ndview.As[float64](v)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.Run("ndview/"+sizeName(size), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for range b.N {
				s := 0.0
				for i := range len(data) {
					s += a.At(i)
				}
				sinkFloat = s
			}
		})
		b.Run("ndview_runs/"+sizeName(size), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for range b.N {
				s := 0.0
				for run := range a.Chunks() {
					t := 0.0
					for _, x := range run {
						t += x
					}
					s += t
				}
				sinkFloat = s
			}
		})
		b.Run("raw/"+sizeName(size), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for range b.N {
				s := 0.0
				for _, x := range data {
					s += x
				}
				sinkFloat = s
			}
		})
	}
}

// BenchmarkScaleCopy: copying a square float64 matrix of each size into
// a contiguous one: memmove of the bytes (the limit), ndview's CopyTo of
// the contiguous matrix and of its transpose, and gonum's Copy of the
// transpose.
func BenchmarkScaleCopy(b *testing.B) {
	for _, size := range ScaleSizes {
		side := int(math.Sqrt(float64(size / 8)))
		nb := 8 * side * side
		src := make([]float64, side*side)
		for i := range src {
			src[i] = float64(i)
		}
		dst := make([]float64, side*side)
		sv, err := ndview.New(cast.BytesOf(src), "<d", side, side)
		if err != nil {
			b.Fatal(err)
		}
		dv, err := ndview.New(cast.BytesOf(dst), "<d", side, side)
		if err != nil {
			b.Fatal(err)
		}
		st := sv.T()
		sd, dd := mat.NewDense(side, side, src), mat.NewDense(side, side, dst)
		runtime.GC()
		run := func(name string, f func()) {
			b.Run(name+"/"+sizeName(size), func(b *testing.B) {
				b.SetBytes(int64(nb))
				b.ReportAllocs()
				for range b.N {
					f()
				}
			})
		}
		run("memmove", func() { copy(dst, src) })
		run("ndview", func() {
			if err := sv.CopyTo(dv); err != nil {
				b.Fatal(err)
			}
		})
		run("ndview_T", func() {
			if err := st.CopyTo(dv); err != nil {
				b.Fatal(err)
			}
		})
		run("gonum_T", func() { dd.Copy(sd.T()) })
	}
}

// ScaleDims are the numbers of dimensions of the slicing series.
const ScaleDims = 8

// BenchmarkScaleSliceNDim: [::2, ::2, ...] of an array of extent 4 in
// each of nd dimensions, nd from 1 to 8. ndview keeps four dimensions
// inline; past four, a view allocates its shape.
func BenchmarkScaleSliceNDim(b *testing.B) {
	for nd := 1; nd <= ScaleDims; nd++ {
		shape := make([]int, nd)
		idx := make([]ndview.Index, nd)
		gs := make([]tensor.Slice, nd)
		total := 1
		for i := range shape {
			shape[i] = 4
			idx[i] = ndview.Slice(ndview.None, ndview.None, 2)
			gs[i] = tensor.S(0, 4, 2)
			total *= 4
		}
		data := make([]float64, total)
		v, err := ndview.New(cast.BytesOf(data), "<d", shape...)
		if err != nil {
			b.Fatal(err)
		}
		g := tensor.New(tensor.WithShape(shape...), tensor.WithBacking(data))
		b.Run(fmt.Sprintf("ndview/nd=%d", nd), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				w, err := v.Index(idx...)
				if err != nil {
					b.Fatal(err)
				}
				sinkView = w
			}
		})
		b.Run(fmt.Sprintf("gorgonia/nd=%d", nd), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				w, err := g.Slice(gs...)
				if err != nil {
					b.Fatal(err)
				}
				sinkAny = w
			}
		})
	}
}

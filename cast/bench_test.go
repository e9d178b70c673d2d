package cast_test

import (
	"testing"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/ndview"
)

// sink keeps results alive so the compiler cannot drop the work.
var (
	sinkView  ndview.View
	sinkFloat []float64
)

func benchCast(b *testing.B, n int) {
	v, err := ndview.Make("<d", n, n)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		u, err := cast.To(v, "B")
		if err != nil {
			b.Fatal(err)
		}
		w, err := cast.To(u, "<d", n, n)
		if err != nil {
			b.Fatal(err)
		}
		sinkView = w
	}
}

// BenchmarkCast casts a 1000x1000 "<d" view to bytes and back.
func BenchmarkCast(b *testing.B) { benchCast(b, 1000) }

// BenchmarkCastSmall is BenchmarkCast on a 10x10 view: the cost must not
// depend on the size.
func BenchmarkCastSmall(b *testing.B) { benchCast(b, 10) }

// BenchmarkLastAxis reinterprets a strided "Zd" view as (re, im) pairs
// of "d" and back.
func BenchmarkLastAxis(b *testing.B) {
	v, err := ndview.Make("Zd", 1000, 1000)
	if err != nil {
		b.Fatal(err)
	}
	if v, err = v.IndexString("::2, ::-1"); err != nil {
		b.Fatal(err)
	}
	if v, err = v.IndexString(":, ::-1"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		u, err := cast.LastAxis(v, "d")
		if err != nil {
			b.Fatal(err)
		}
		if sinkView, err = cast.LastAxis(u, "Zd"); err != nil {
			b.Fatal(err)
		}
	}
}

func benchTypedSlice(b *testing.B, n int) {
	v, err := ndview.Make("d", n, n)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := cast.Slice[float64](v)
		if err != nil {
			b.Fatal(err)
		}
		sinkFloat = s
	}
}

// BenchmarkTypedSlice takes a []float64 over a 1000x1000 "d" view.
func BenchmarkTypedSlice(b *testing.B) { benchTypedSlice(b, 1000) }

// BenchmarkTypedSliceSmall is BenchmarkTypedSlice on a 10x10 view.
func BenchmarkTypedSliceSmall(b *testing.B) { benchTypedSlice(b, 10) }

func benchConvert(b *testing.B, from, to string, n int, index string) {
	src, err := ndview.Make(from, n)
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		if err := src.SetValue(i%30000-15000, i); err != nil {
			b.Fatal(err)
		}
	}
	dst, err := ndview.Make(to, n)
	if err != nil {
		b.Fatal(err)
	}
	if index != "" {
		if src, err = src.IndexString(index); err != nil {
			b.Fatal(err)
		}
		if dst, err = dst.IndexString(index); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.SetBytes(int64(src.Len() * (src.ItemSize() + dst.ItemSize())))
	for b.Loop() {
		if err := cast.Convert(dst, src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(src.Len())*float64(b.N)/b.Elapsed().Seconds()/1e9, "Gelem/s")
}

// BenchmarkConvert converts 1e6 big-endian int16 to native float64.
func BenchmarkConvert(b *testing.B) { benchConvert(b, ">h", "d", 1_000_000, "") }

// BenchmarkConvertNarrow converts 1e6 native float64 to little-endian
// int16, with the range check on every value.
func BenchmarkConvertNarrow(b *testing.B) { benchConvert(b, "d", "<h", 1_000_000, "") }

// BenchmarkConvertStrided is BenchmarkConvert over every other element,
// backwards.
func BenchmarkConvertStrided(b *testing.B) { benchConvert(b, ">h", "d", 2_000_000, "::-2") }

package peers

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gorgonia.org/tensor"

	"github.com/ndview/ndview/ndview"
)

// The operations, each with one sub-benchmark per implementation. The
// implementations of an operation are written as functions (sum*, copy*,
// records*, messages*) that TestPeersAgree also runs and compares; the
// header-only operations (slicing, transposing, reshaping) are written
// inline, since a function call would be a visible part of their cost,
// and TestPeersAgree repeats them.

// BenchmarkSlice2D: [::2, 1:300] of the 1000x1000 corner of a 2000x2000
// matrix. gonum slices have no step: its bar is [0:1000, 1:300].
func BenchmarkSlice2D(b *testing.B) {
	d := setup(b)
	b.Run("ndview", func(b *testing.B) {
		v := d.region()
		idx := []ndview.Index{ndview.Slice(ndview.None, ndview.None, 2), ndview.Slice(1, 300, 1)}
		b.ReportAllocs()
		for range b.N {
			w, err := v.Index(idx...)
			if err != nil {
				b.Fatal(err)
			}
			sinkView = w
		}
	})
	b.Run("gonum", func(b *testing.B) {
		m := d.dense.Slice(0, n, 0, n).(*mat.Dense)
		b.ReportAllocs()
		for range b.N {
			sinkMatrix = m.Slice(0, n, 1, 300)
		}
	})
	b.Run("gorgonia", func(b *testing.B) {
		// The same 500x299 view, sliced from the 2000x2000 tensor
		// directly: gorgonia cannot step through a view of a view.
		s0, s1 := tensor.S(0, n, 2), tensor.S(1, 300)
		b.ReportAllocs()
		for range b.N {
			v, err := d.gt.Slice(s0, s1)
			if err != nil {
				b.Fatal(err)
			}
			sinkAny = v
		}
	})
}

// BenchmarkTranspose: the transpose of the 1000x1000 corner, as a view.
func BenchmarkTranspose(b *testing.B) {
	d := setup(b)
	b.Run("ndview", func(b *testing.B) {
		v := d.region()
		b.ReportAllocs()
		for range b.N {
			sinkView = v.T()
		}
	})
	b.Run("gonum", func(b *testing.B) {
		m := d.dense.Slice(0, n, 0, n)
		b.ReportAllocs()
		for range b.N {
			sinkMatrix = m.T()
		}
	})
	b.Run("gorgonia", func(b *testing.B) {
		// T transposes in place; a user who keeps the original takes a
		// shallow clone first.
		g := d.gregion()
		b.ReportAllocs()
		for range b.N {
			c := g.ShallowClone()
			if err := c.T(); err != nil {
				b.Fatal(err)
			}
			sinkAny = c
		}
	})
}

// BenchmarkReshape: a C-contiguous 1000x1000 matrix as 100x10000, without
// copying.
func BenchmarkReshape(b *testing.B) {
	d := setup(b)
	b.Run("ndview", func(b *testing.B) {
		v := d.flat
		b.ReportAllocs()
		for range b.N {
			w, err := v.Reshape(100, 10000)
			if err != nil {
				b.Fatal(err)
			}
			sinkView = w
		}
	})
	b.Run("gonum", func(b *testing.B) {
		// gonum has no reshape: a new Dense over the same data is how it
		// is done.
		raw := d.data[:n*n]
		b.ReportAllocs()
		for range b.N {
			sinkMatrix = mat.NewDense(100, 10000, raw)
		}
	})
	b.Run("gorgonia", func(b *testing.B) {
		g := tensor.New(tensor.WithShape(n, n), tensor.WithBacking(d.data[:n*n]))
		b.ReportAllocs()
		for range b.N {
			c := g.ShallowClone()
			if err := c.Reshape(100, 10000); err != nil {
				b.Fatal(err)
			}
			sinkAny = c
		}
	})
}

// Sums of the 1000x1000 contiguous matrix, element by element by index.

func sumNdview(d *shared) float64 {
	a := d.flatA
	s := 0.0
	for i := range n {
		for j := range n {
			s += a.At2(i, j)
		}
	}
	return s
}

func sumGonum(d *shared) float64 {
	m := d.dense.Slice(0, n, 0, n).(*mat.Dense)
	s := 0.0
	for i := range n {
		for j := range n {
			s += m.At(i, j)
		}
	}
	return s
}

func sumGorgonia(d *shared) float64 {
	g := tensor.New(tensor.WithShape(n, n), tensor.WithBacking(d.data[:n*n]))
	s := 0.0
	for i := range n {
		for j := range n {
			x, err := g.At(i, j)
			if err != nil {
				panic(err)
			}
			s += x.(float64)
		}
	}
	return s
}

// sumBinary decodes each element from the bytes with encoding/binary, as
// a program does without a view package.
func sumBinary(d *shared) float64 {
	buf := d.buf[:8*n*n]
	s := 0.0
	for i := range n {
		for j := range n {
			s += math.Float64frombits(binary.LittleEndian.Uint64(buf[8*(i*n+j):]))
		}
	}
	return s
}

func sumRaw(d *shared) float64 {
	raw := d.data[:n*n]
	s := 0.0
	for i := range n {
		row := raw[i*n : i*n+n]
		for j := range n {
			s += row[j]
		}
	}
	return s
}

// sumRuns sums through the view's contiguous runs.
func sumRuns(d *shared) float64 {
	s := 0.0
	for run := range d.flatA.Chunks() {
		t := 0.0
		for _, x := range run {
			t += x
		}
		s += t
	}
	return s
}

func sumGonumSum(d *shared) float64 { return mat.Sum(d.dense.Slice(0, n, 0, n)) }

func sumRange(d *shared) float64 {
	s := 0.0
	for _, x := range d.data[:n*n] {
		s += x
	}
	return s
}

func benchSums(b *testing.B, impls []impl[float64]) {
	d := setup(b)
	for _, im := range impls {
		b.Run(im.name, func(b *testing.B) {
			b.SetBytes(8 * n * n)
			b.ReportAllocs()
			for range b.N {
				sinkFloat = im.f(d)
			}
		})
	}
}

// impl is one implementation of an operation.
type impl[T any] struct {
	name string
	f    func(*shared) T
}

var sumAtImpls = []impl[float64]{
	{"ndview", sumNdview}, {"gonum", sumGonum}, {"gorgonia", sumGorgonia}, {"binary", sumBinary}, {"raw", sumRaw},
}

var sumRunsImpls = []impl[float64]{{"ndview", sumRuns}, {"gonum", sumGonumSum}, {"raw", sumRange}}

// BenchmarkSumAt: the sum of a 1000x1000 matrix through element access by
// index (At), the way generic numeric code reads a matrix.
func BenchmarkSumAt(b *testing.B) { benchSums(b, sumAtImpls) }

// BenchmarkSumRuns: the same sum the fastest way each offers: ndview's
// contiguous runs, gonum's mat.Sum, a range loop.
func BenchmarkSumRuns(b *testing.B) { benchSums(b, sumRunsImpls) }

// The copies of the four layouts into a contiguous 1000x1000 destination.
type layout int

const (
	contig     layout = iota // the first 8 MB, C-contiguous
	innerRows                // the 1000x1000 corner: rows of 8000 bytes, 16000 apart
	step2                    // [::2, ::2] of the 2000x2000 matrix
	transposed               // the corner, transposed
)

func (d *shared) srcView(l layout) ndview.View {
	switch l {
	case contig:
		return d.flat
	case innerRows:
		return d.region()
	case step2:
		v, err := d.view.IndexString("::2, ::2")
		if err != nil {
			panic(err)
		}
		return v
	}
	return d.region().T()
}

func (d *shared) srcDense(l layout) mat.Matrix {
	switch l {
	case contig:
		return mat.NewDense(n, n, d.data[:n*n])
	case innerRows:
		return d.dense.Slice(0, n, 0, n)
	case step2:
		return nil // gonum has no strided slice
	}
	return d.dense.Slice(0, n, 0, n).T()
}

func (d *shared) srcTensor(l layout) *tensor.Dense {
	switch l {
	case contig:
		return tensor.New(tensor.WithShape(n, n), tensor.WithBacking(d.data[:n*n]))
	case innerRows:
		return d.gregion()
	case step2:
		v, err := d.gt.Slice(tensor.S(0, big, 2), tensor.S(0, big, 2))
		if err != nil {
			panic(err)
		}
		return v.(*tensor.Dense)
	}
	g := d.gregion()
	if err := g.T(); err != nil {
		panic(err)
	}
	return g
}

// copyImpls returns the copies of layout l that exist; each copies into
// d.dst and returns nothing.
func copyImpls(d *shared, l layout) []impl[struct{}] {
	v := d.srcView(l)
	im := []impl[struct{}]{{"ndview", func(d *shared) struct{} {
		if err := v.CopyTo(d.dstV); err != nil {
			panic(err)
		}
		return struct{}{}
	}}}
	if m := d.srcDense(l); m != nil {
		im = append(im, impl[struct{}]{"gonum", func(d *shared) struct{} { d.dstD.Copy(m); return struct{}{} }})
	}
	g := d.srcTensor(l)
	im = append(im, impl[struct{}]{"gorgonia", func(d *shared) struct{} {
		if err := tensor.Copy(d.dstT, g); err != nil {
			panic(err)
		}
		return struct{}{}
	}})
	if l == contig {
		im = append(im, impl[struct{}]{"memmove", func(d *shared) struct{} { copy(d.dst, d.data[:n*n]); return struct{}{} }})
	}
	return im
}

func benchCopy(b *testing.B, l layout) {
	d := setup(b)
	for _, im := range copyImpls(d, l) {
		b.Run(im.name, func(b *testing.B) {
			b.SetBytes(8 * n * n)
			b.ReportAllocs()
			for range b.N {
				im.f(d)
			}
		})
	}
}

func BenchmarkCopyContig(b *testing.B)     { benchCopy(b, contig) }
func BenchmarkCopyInnerRows(b *testing.B)  { benchCopy(b, innerRows) }
func BenchmarkCopyStep2(b *testing.B)      { benchCopy(b, step2) }
func BenchmarkCopyTransposed(b *testing.B) { benchCopy(b, transposed) }

// Decoding 100,000 <IId records (16 bytes each) into Go structs.

func recordsNdview(d *shared, out []rec) {
	fa, fb, fc := d.recF.Field(0), d.recF.Field(1), d.recF.Field(2)
	size := d.recF.Size()
	for i := range out {
		r := d.recs[i*size : (i+1)*size]
		out[i] = rec{fa.Uint32(r, 0), fb.Uint32(r, 0), fc.Float64(r, 0)}
	}
}

func recordsBinary(d *shared, out []rec) {
	if err := binary.Read(bytes.NewReader(d.recs), binary.LittleEndian, out); err != nil {
		panic(err)
	}
}

func recordsRaw(d *shared, out []rec) {
	le := binary.LittleEndian
	for i := range out {
		r := d.recs[i*16 : i*16+16]
		out[i] = rec{le.Uint32(r), le.Uint32(r[4:]), math.Float64frombits(le.Uint64(r[8:]))}
	}
}

var recordImpls = []struct {
	name string
	f    func(*shared, []rec)
}{{"ndview", recordsNdview}, {"binary", recordsBinary}, {"raw", recordsRaw}}

// BenchmarkRecords: decoding 100,000 <IId records into structs.
func BenchmarkRecords(b *testing.B) {
	d := setup(b)
	out := make([]rec, nRecords)
	for _, im := range recordImpls {
		b.Run(im.name, func(b *testing.B) {
			b.SetBytes(int64(len(d.recs)))
			b.ReportAllocs()
			for range b.N {
				im.f(d, out)
			}
		})
	}
}

// Walking 100,000 framed messages: an 8-byte <II header (type, length)
// and the payload. Each returns the number of messages and the sum of
// the types and lengths.

func messagesNdview(d *shared) (int, uint64) {
	r := d.reader
	r.Reset(d.msgs)
	count, sum := 0, uint64(0)
	for r.Len() > 0 {
		typ, err := r.Uint32()
		if err != nil {
			panic(err)
		}
		length, err := r.Uint32()
		if err != nil {
			panic(err)
		}
		p, err := r.Bytes(int(length))
		if err != nil {
			panic(err)
		}
		sum += uint64(typ) + uint64(len(p))
		count++
	}
	return count, sum
}

// messagesBinary reads each header with binary.Read from a bytes.Reader
// and the payload into a reused buffer: encoding/binary's way, which has
// no zero-copy payload.
func messagesBinary(d *shared) (int, uint64) {
	r := bytes.NewReader(d.msgs)
	var h struct{ Type, Len uint32 }
	buf := d.payload
	count, sum := 0, uint64(0)
	for r.Len() > 0 {
		if err := binary.Read(r, binary.LittleEndian, &h); err != nil {
			panic(err)
		}
		if int(h.Len) > len(buf) {
			panic(errors.New("payload too long"))
		}
		if _, err := io.ReadFull(r, buf[:h.Len]); err != nil {
			panic(err)
		}
		sum += uint64(h.Type) + uint64(h.Len)
		count++
	}
	return count, sum
}

// messagesRaw is the hand-written parser with every bound checked.
func messagesRaw(d *shared) (int, uint64) {
	b := d.msgs
	count, sum := 0, uint64(0)
	for len(b) > 0 {
		if len(b) < 8 {
			panic(errors.New("short header"))
		}
		typ, length := binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])
		b = b[8:]
		if uint64(length) > uint64(len(b)) {
			panic(errors.New("short payload"))
		}
		p := b[:length]
		b = b[length:]
		sum += uint64(typ) + uint64(len(p))
		count++
	}
	return count, sum
}

type msgImpl struct {
	name string
	f    func(*shared) (int, uint64)
}

var messageImpls = []msgImpl{{"ndview", messagesNdview}, {"binary", messagesBinary}, {"raw", messagesRaw}}

// BenchmarkMessages: walking 100,000 framed messages of 1 KB.
func BenchmarkMessages(b *testing.B) {
	d := setup(b)
	for _, im := range messageImpls {
		b.Run(im.name, func(b *testing.B) {
			b.SetBytes(int64(len(d.msgs)))
			b.ReportAllocs()
			for range b.N {
				c, _ := im.f(d)
				sinkInt = c
			}
		})
	}
}

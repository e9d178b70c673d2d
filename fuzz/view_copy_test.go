package fuzz

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// copyFormats are pairs of a format and another of the same size that is
// not Equal to it, covering the element sizes CopyTo copies specially (1,
// 2, 4, 8) and others.
var copyFormats = [][2]string{
	{"B", "b"}, {"<h", ">h"}, {"<i", "<f"}, {"<d", "<q"}, {"3s", "3p"}, {"<Zd", "<dd"},
	{"T{<i:a:>d:b:}", "T{<i:a:<d:b:}"}, {"5p", "5s"}, {"<Zf", "<ff"}, {"?", "c"},
}

// copyView decodes the strides and offset of one side of a copy of the
// given shape: C, Fortran, a permutation of C, C with gaps, or strides
// from the input (zero, negative and unaligned ones included). It returns
// the strides, the bytes [lo, hi) the elements address relative to
// element 0, and whether it is valid.
func copyView(s *src, shape []int, item int) (strides []int, lo, hi int, ok bool) {
	switch s.n(6) {
	case 0:
		strides = cStrides(shape, item)
	case 1:
		strides = fStrides(shape, item)
	case 2: // C strides of the shape permuted: a transposed contiguous layout
		perm := seq(len(shape))
		for i := len(perm) - 1; i > 0; i-- {
			j := s.n(i + 1)
			perm[i], perm[j] = perm[j], perm[i]
		}
		ps := make([]int, len(shape))
		for i, p := range perm {
			ps[i] = shape[p]
		}
		cs := cStrides(ps, item)
		strides = make([]int, len(shape))
		for i, p := range perm {
			strides[p] = cs[i]
		}
	case 3: // C order with a gap after each element
		strides = cStrides(shape, item+s.n(4))
	default:
		strides = make([]int, len(shape))
		for i := range strides {
			strides[i] = s.stride(item)
		}
	}
	lo, hi, _, ok = span(shape, strides, item)
	return strides, lo, hi, ok && lo >= -maxBuf && hi <= maxBuf && hi-lo <= maxBuf
}

// FuzzCopyTo: CopyTo between two views of the same shape and format over
// the same memory — the same buffer, sub-slices of one array starting at
// different bytes, or two arrays — with any strides on either side,
// overlapping or not, gives exactly what copying through a temporary
// gives: the source's elements, read before anything is written, stored
// element by element in C order into the destination. Where two
// destination elements share bytes (zero or small strides), the order of
// writes is not specified, and only the bytes outside the destination's
// elements are checked to be unchanged. A read-only destination, another
// shape or an unequal format give ErrReadOnly, ErrShape or ErrType and
// change nothing.
func FuzzCopyTo(f *testing.F) {
	addConformanceSeedsFuzzCopyTo(f)
	for _, seed := range copySeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &src{data}
		pair := copyFormats[s.n(len(copyFormats))]
		ft := format.MustParse(pair[0])
		item := ft.Size()
		shape := make([]int, s.n(5))
		for i := range shape {
			shape[i] = s.extent()
		}
		if n := elems(shape); n < 0 || n*item > maxBuf || tooBig(shape, item) || slices.ContainsFunc(shape, func(e int) bool { return e < 0 }) {
			return
		}
		sst, slo, shi, ok1 := copyView(s, shape, item)
		dst, dlo, dhi, ok2 := copyView(s, shape, item)
		if !ok1 || !ok2 {
			return
		}
		// Element 0 of each side: at least -lo into its buffer, plus a shift.
		soff, doff := -slo+s.n(32), -dlo+s.n(32)
		sbase, dbase := s.n(16), s.n(16) // where each side's buffer starts in the array
		size := max(sbase+soff+shi, dbase+doff+dhi) + s.n(4)
		mem := make([]byte, size)
		fillBytes(mem, s.u8())
		other := mem
		mode := s.n(16)
		if mode == 0 { // two arrays
			other = make([]byte, size)
			fillBytes(other, s.u8()^0x5a)
		}
		sbuf, dbuf := mem[sbase:size:size], other[dbase:size:size]
		sv, err := ndview.FromLayout(sbuf, ndview.Layout{Format: ft, Shape: shape, Strides: sst, Offset: soff, ReadOnly: s.n(2) == 0})
		if err != nil {
			t.Fatalf("source layout: %v", err)
		}
		dl := ndview.Layout{Format: ft, Shape: shape, Strides: dst, Offset: doff}
		var wantErr error
		switch mode {
		case 1:
			dl.ReadOnly, wantErr = true, ndview.ErrReadOnly
		case 2:
			dl.Format, wantErr = format.MustParse(pair[1]), ndview.ErrType
		case 3:
			if len(shape) == 0 {
				return
			}
			i := s.n(len(shape))
			dl.Shape = slices.Clone(shape)
			dl.Shape[i]++
			dl.Strides, _, _, _ = copyView(s, dl.Shape, item)
			wantErr = ndview.ErrShape
		}
		dv, err := ndview.FromLayout(dbuf, dl)
		if err != nil {
			if mode == 3 {
				return // a changed shape that does not fit
			}
			t.Fatalf("destination layout: %v", err)
		}
		what := fmt.Sprintf("CopyTo from %s (buffer at %d) to %s (buffer at %d%s)", describe(sv), sbase, describe(dv), dbase,
			map[bool]string{true: " of another array"}[mode == 0])

		srcOffs := offsets(soff, shape, sst, false)
		dstOffs := offsets(doff, dl.Shape, dl.Strides, false)
		elemsIn := gather(sbuf, srcOffs, item)
		beforeMem, beforeOther := bytes.Clone(mem), bytes.Clone(other)
		err = sv.CopyTo(dv)
		if wantErr != nil {
			if !errors.Is(err, wantErr) {
				t.Fatalf("%s: %v, want %v", what, err, wantErr)
			}
			if !bytes.Equal(mem, beforeMem) || !bytes.Equal(other, beforeOther) {
				t.Fatalf("%s: failed with %v but changed memory", what, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		want := bytes.Clone(beforeOther)
		wbuf := want[dbase:size:size]
		for k, o := range dstOffs {
			copy(wbuf[o:o+item], elemsIn[k*item:])
		}
		if disjoint(dstOffs, item) {
			if !bytes.Equal(other, want) {
				t.Fatalf("%s:\n got %x\nwant %x", what, other, want)
			}
		} else if in := footprint(len(dbuf), dstOffs, item); !sameOutside(dbuf, wbuf, in) || !bytes.Equal(other[:dbase], want[:dbase]) {
			t.Fatalf("%s: bytes outside the destination's elements changed:\n got %x\nwant %x", what, other, want)
		}
		if mode == 0 && !bytes.Equal(mem, beforeMem) {
			t.Fatalf("%s: the source's array changed", what)
		}
	})
}

// copySeeds: format pair, ndim, extents, then each side's stride mode (0
// C, 1 F, 2 permuted, 3 gaps, 4-5 given) and strides, the two shifts, the
// two buffer starts, slack, fill, mode (0 two arrays, 1 read-only, 2
// other format, 3 other shape) and the source's read-only flag.
var copySeeds = [][]byte{
	// (3, 4) int16, C to F in the same buffer, overlapping.
	{1, 2, 3, 4, 0, 1, 0, 0, 0, 0, 0, 7, 5},
	// (20, 20) bytes transposed: the blocked copy, overlapping and not.
	{0, 2, 0xd4, 0xd4, 0, 1, 0, 3, 0, 0, 0, 1, 9},
	{0, 2, 0xd4, 0xd4, 0, 1, 0, 3, 0, 0, 0, 1, 0},
	{0, 3, 2, 0xd2, 0xd1, 2, 1, 0, 0, 0, 3, 0, 0, 0, 1, 4},
	// the same layout shifted by one element, forwards and backwards.
	{3, 1, 7, 0, 0, 0, 8, 0, 0, 0, 3, 4},
	{3, 1, 7, 0, 0, 8, 0, 0, 0, 0, 3, 4},
	// reversed source over its own destination.
	{2, 1, 6, 4, 0x1f, 0, 0, 0, 0, 0, 0, 2, 4},
	// sub-slices of one array starting at different bytes.
	{1, 2, 3, 3, 0, 0, 0, 0, 5, 0, 0, 2, 8},
	// zero strides in the source (a broadcast), and in the destination.
	{4, 2, 3, 3, 4, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 6},
	{1, 2, 3, 3, 0, 4, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 6},
	// records, unaligned strides, errors.
	{6, 2, 2, 3, 4, 0xe3, 0xe9, 4, 0x01, 0x1e, 0, 0, 0, 0, 0, 0},
	{0, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	{2, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 2},
	{2, 2, 5, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3, 1},
	// 0-dimensional and empty.
	{5, 0, 0, 0, 0, 0, 0, 0, 0, 9},
	{5, 2, 0, 4, 0, 1, 0, 0, 0, 0, 0, 9},
}

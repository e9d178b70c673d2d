package ndview

import (
	"fmt"
	"slices"

	"github.com/ndview/ndview/format"
)

// Order is the order in which ToBytes and AppendBytes lay out elements.
type Order byte

// The orders of memoryview.tobytes.
const (
	COrder   Order = 'C' // row-major: the last index varies fastest
	FOrder   Order = 'F' // column-major: the first index varies fastest
	AnyOrder Order = 'A' // Fortran order for a view that is F- but not C-contiguous, else C
)

// Span returns the range of buffer bytes [lo, hi) that the view's
// elements occupy: a program that maps or reads a large file needs only
// those. For a view without elements lo == hi == Offset. It does not
// allocate.
func (v View) Span() (lo, hi int) { return v.span() }

func (v *View) span() (lo, hi int) {
	if v.isEmpty() {
		return v.off, v.off
	}
	s, st := v.dims()
	lo, hi = v.off, v.off+v.item
	for i, e := range s {
		if d := (e - 1) * st[i]; d < 0 {
			lo += d
		} else {
			hi += d
		}
	}
	return lo, hi
}

// CopyTo copies v's elements into dst, which must have the same shape and
// a format whose bytes mean the same (format.Format.Equal, or the same
// single value in the same byte order, as "<i" and "i" on a
// little-endian machine); any strides on either side are
// fine, and so is memory shared between v and dst: the result is as if v
// had been copied to a temporary first (which is what happens when the
// two overlap and are not the same contiguous layout). Contiguous inner
// runs are copied with the built-in copy, and a copy whose source and
// destination run along different axes (a transpose) is blocked into
// tiles that fit the cache. Errors match ErrShape, ErrType or
// ErrReadOnly. It allocates only for overlapping views.
func (v View) CopyTo(dst View) error {
	if v.f == nil || dst.f == nil {
		return fmt.Errorf("%w: view has no format", ErrType)
	}
	if dst.ro {
		return ErrReadOnly
	}
	s, st := v.dims()
	ds, dst2 := dst.dims()
	if !equalInts(s, ds) {
		return fmt.Errorf("%w: cannot copy shape %v into shape %v", ErrShape, dup(s), dup(ds))
	}
	if v.item != dst.item || !sameBytes(v.f, dst.f) {
		return fmt.Errorf("%w: cannot copy format %q into format %q", ErrType, v.f.String(), dst.f.String())
	}
	if v.isEmpty() {
		return nil
	}
	slo, shi := v.span()
	dlo, dhi := dst.span()
	if overlaps(v.buf, slo, shi, dst.buf, dlo, dhi) {
		if addr(v.buf, v.off) == addr(dst.buf, dst.off) && equalInts(st, dst2) {
			return nil // the same elements
		}
		if !(v.IsCContiguous() && dst.IsCContiguous()) {
			v = v.Clone() // through a temporary, so no element is read after it is overwritten
			s, st = v.dims()
		}
	}
	copyStrided(dst.buf, dst.off, dst2, v.buf, v.off, st, s, v.item)
	return nil
}

// sameBytes reports whether elements of f and g may be copied byte for
// byte: equal formats, or single values of the same kind, size and byte
// order whose formats differ only in declared alignment ("<i" and "i" on
// a little-endian machine).
func sameBytes(f, g *format.Format) bool {
	if f.Equal(g) {
		return true
	}
	a, okA := f.Scalar()
	b, okB := g.Scalar()
	return okA && okB && a.Kind == b.Kind && a.Size == b.Size && a.Order == b.Order && a.Kind != format.Opaque
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// copyStrided copies the elements of shape from src (at soff with
// strides ss) to dst (at doff with strides ds). Both layouts are valid
// views with elements.
func copyStrided(dst []byte, doff int, ds []int, src []byte, soff int, ss []int, shape []int, item int) {
	// Drop extent-1 dimensions and merge dimensions that are contiguous in
	// both layouts, so the loops run over as few, as long, runs as possible.
	var n, a, b [MaxDims]int
	k := 0
	for i, e := range shape {
		if e == 1 {
			continue
		}
		if k > 0 && a[k-1] == ds[i]*e && b[k-1] == ss[i]*e {
			n[k-1] *= e
			a[k-1], b[k-1] = ds[i], ss[i]
			continue
		}
		n[k], a[k], b[k] = e, ds[i], ss[i]
		k++
	}
	run := item
	if k > 0 && a[k-1] == item && b[k-1] == item {
		run = item * n[k-1]
		k--
	}
	if run > item || k == 0 {
		copyRuns(dst, doff, a[:k], src, soff, b[:k], n[:k], run)
		return
	}
	// Element by element. When the destination runs along the last axis and
	// the source along another (a transpose), each destination row reads
	// one source cache line per element, and the next row reads the same
	// lines again: that is fast while those lines stay in the L2 cache, and
	// tiling only adds overhead (measured: 1000x1000 float64 copies 30%
	// slower when tiled). For wider views the lines would not stay cached,
	// so the copy is tiled to keep them there.
	if k >= 2 && a[k-1] == item && n[k-1] > blockMinLines {
		for j := k - 2; j >= 0; j-- {
			if b[j] == item {
				copyBlocked(dst, doff, a[:k], src, soff, b[:k], n[:k], item, j)
				return
			}
		}
	}
	copyElems(dst, doff, a[:k], src, soff, b[:k], n[:k], item)
}

// next moves the odometer idx over extents n one position on in C order,
// stepping the two byte offsets by their strides ds and ss, and reports
// false when it has wrapped around (every position done).
func next(idx, n, ds, ss []int, doff, soff *int) bool {
	for d := len(n) - 1; d >= 0; d-- {
		idx[d]++
		*doff += ds[d]
		*soff += ss[d]
		if idx[d] < n[d] {
			return true
		}
		*doff -= n[d] * ds[d]
		*soff -= n[d] * ss[d]
		idx[d] = 0
	}
	return false
}

// copyRuns copies runs of run bytes at every position of the outer
// dimensions n.
func copyRuns(dst []byte, doff int, ds []int, src []byte, soff int, ss []int, n []int, run int) {
	var idx [MaxDims]int
	for {
		copy(dst[doff:doff+run], src[soff:soff+run])
		if !next(idx[:len(n)], n, ds, ss, &doff, &soff) {
			return
		}
	}
}

// copyElems copies element by element: the innermost dimension in a tight
// loop, four lines of the next dimension at once (four streams of loads in
// flight: for a strided source from memory, two lines at a time measured
// 1.3-1.5x faster than one, and four 1.2-1.4x faster than two), the other
// dimensions with an odometer.
func copyElems(dst []byte, doff int, ds []int, src []byte, soff int, ss []int, n []int, item int) {
	k := len(n)
	inner, dIn, sIn := n[k-1], ds[k-1], ss[k-1]
	if k == 1 {
		copyLine(dst, doff, dIn, src, soff, sIn, inner, item)
		return
	}
	rows, dRow, sRow := n[k-2], ds[k-2], ss[k-2]
	var idx [MaxDims]int
	for {
		r := 0
		for ; r+4 <= rows; r += 4 {
			copyLines(4, dst, doff+r*dRow, dRow, dIn, src, soff+r*sRow, sRow, sIn, inner, item)
		}
		if r+2 <= rows {
			copyLines(2, dst, doff+r*dRow, dRow, dIn, src, soff+r*sRow, sRow, sIn, inner, item)
			r += 2
		}
		if r < rows {
			copyLine(dst, doff+r*dRow, dIn, src, soff+r*sRow, sIn, inner, item)
		}
		if !next(idx[:k-2], n[:k-2], ds, ss, &doff, &soff) {
			return
		}
	}
}

// copyLines is copyLine for k (2 or 4) lines of the same steps at once,
// starting at d0+r*dr and s0+r*sr for r < k. The caller guarantees that
// source and destination do not overlap (CopyTo copies overlapping views
// through a temporary), so the order of the element copies does not
// matter.
func copyLines(k int, dst []byte, d0, dr, ds int, src []byte, s0, sr, ss int, n, item int) {
	if n <= 0 {
		return
	}
	for r := range k {
		d, s := d0+r*dr, s0+r*sr
		dl, sl := d+(n-1)*ds, s+(n-1)*ss
		if min(d, dl) < 0 || max(d, dl)+item > len(dst) || min(s, sl) < 0 || max(s, sl)+item > len(src) {
			panic("ndview: internal error: copy outside a view's buffer")
		}
	}
	switch item {
	case 8:
		linesOf[[8]byte](k, dst, d0, dr, ds, src, s0, sr, ss, n)
	case 4:
		linesOf[[4]byte](k, dst, d0, dr, ds, src, s0, sr, ss, n)
	case 2:
		linesOf[[2]byte](k, dst, d0, dr, ds, src, s0, sr, ss, n)
	case 1:
		linesOf[[1]byte](k, dst, d0, dr, ds, src, s0, sr, ss, n)
	case 16:
		linesOf[[16]byte](k, dst, d0, dr, ds, src, s0, sr, ss, n)
	default:
		for r := range k {
			copyLine(dst, d0+r*dr, ds, src, s0+r*sr, ss, n, item)
		}
	}
}

// linesOf copies k (2 or 4) checked lines of elements of type E.
func linesOf[E [1]byte | [2]byte | [4]byte | [8]byte | [16]byte](k int, dst []byte, d0, dr, ds int, src []byte, s0, sr, ss int, n int) {
	if k == 4 {
		lineCopy4[E](dst, d0, dr, ds, src, s0, sr, ss, n)
		return
	}
	lineCopy2[E](dst, d0, dr, ds, src, s0, sr, ss, n)
}

// blockMinLines is the width of a transposed copy above which it is
// tiled: that many 64-byte source lines (256 KiB) no longer sit safely in
// a typical L2 cache.
const blockMinLines = 4096

// copyBlocked copies with axes j and k-1 tiled: the destination is
// contiguous along k-1 and the source along j, so a tile of both is read
// and written from cache. The other dimensions are walked around it.
func copyBlocked(dst []byte, doff int, ds []int, src []byte, soff int, ss []int, n []int, item, j int) {
	const tileJ, tileK = 64, blockMinLines / 2
	k := len(n)
	var on, ods, oss [MaxDims]int // the outer dimensions, without j and k-1
	m := 0
	for i := 0; i < k-1; i++ {
		if i != j {
			on[m], ods[m], oss[m] = n[i], ds[i], ss[i]
			m++
		}
	}
	nj, nk := n[j], n[k-1]
	var idx [MaxDims]int
	for {
		for j0 := 0; j0 < nj; j0 += tileJ {
			j1 := min(j0+tileJ, nj)
			for k0 := 0; k0 < nk; k0 += tileK {
				k1 := min(k0+tileK, nk)
				for jj := j0; jj < j1; jj++ {
					copyLine(dst, doff+jj*ds[j]+k0*ds[k-1], ds[k-1], src, soff+jj*ss[j]+k0*ss[k-1], ss[k-1], k1-k0, item)
				}
			}
		}
		if !next(idx[:m], on[:m], ods[:m], oss[:m], &doff, &soff) {
			return
		}
	}
}

// copyLine copies n elements of item bytes with byte steps ds and ss.
// The layouts were validated when the views were built; the first and
// last elements are checked again here, once per line, before the
// unchecked loop of lineCopy.
func copyLine(dst []byte, doff, ds int, src []byte, soff, ss int, n, item int) {
	if n <= 0 {
		return
	}
	dl, sl := doff+(n-1)*ds, soff+(n-1)*ss
	if min(doff, dl) < 0 || max(doff, dl)+item > len(dst) || min(soff, sl) < 0 || max(soff, sl)+item > len(src) {
		panic("ndview: internal error: copy outside a view's buffer")
	}
	switch item {
	case 8:
		lineCopy[[8]byte](dst, doff, ds, src, soff, ss, n)
	case 4:
		lineCopy[[4]byte](dst, doff, ds, src, soff, ss, n)
	case 2:
		lineCopy[[2]byte](dst, doff, ds, src, soff, ss, n)
	case 1:
		lineCopy[[1]byte](dst, doff, ds, src, soff, ss, n)
	case 16:
		lineCopy[[16]byte](dst, doff, ds, src, soff, ss, n)
	default:
		for range n {
			copy(dst[doff:doff+item], src[soff:soff+item])
			doff += ds
			soff += ss
		}
	}
}

// Fill packs x (as SetValue does) into every element. A read-only view
// gives ErrReadOnly; a value the format cannot hold gives ErrType and
// leaves the view unchanged. It allocates nothing for items up to 64 bytes.
func (v View) Fill(x any) error {
	if v.f == nil {
		return fmt.Errorf("%w: view has no format", ErrType)
	}
	if v.ro {
		return ErrReadOnly
	}
	var tmp [64]byte
	item, err := v.pack(tmp[:0], x)
	if err != nil {
		return err
	}
	v.runs(func(off, n int) bool {
		r := v.buf[off : off+n]
		copy(r, item)
		for i := v.item; i < n; i *= 2 {
			copy(r[i:], r[:i])
		}
		return true
	})
	return nil
}

// ToBytes returns a new slice holding the elements' bytes in the given
// order, as memoryview.tobytes. It allocates the result, NBytes bytes,
// which for a broadcast view can be far more than the buffer: like make,
// it panics if that size cannot be allocated.
func (v View) ToBytes(order Order) []byte {
	return v.AppendBytes(make([]byte, 0, v.NBytes()), order)
}

// AppendBytes appends the elements' bytes in the given order to dst and
// returns the extended slice; it allocates only if dst lacks capacity.
// It panics if order is not COrder, FOrder or AnyOrder.
func (v View) AppendBytes(dst []byte, order Order) []byte {
	switch order {
	case COrder:
	case FOrder:
		v = v.T()
	case AnyOrder:
		if v.IsFContiguous() && !v.IsCContiguous() {
			v = v.T()
		}
	default:
		panic(fmt.Sprintf("ndview: unknown order %q", rune(order)))
	}
	n := v.NBytes()
	if v.f == nil || n == 0 {
		return dst
	}
	start := len(dst)
	dst = slices.Grow(dst, n)[:start+n]
	if lo, hi := v.span(); overlaps(dst, start, start+n, v.buf, lo, hi) {
		// dst's spare capacity is v's own memory (compacting a view into its
		// buffer): gather through a copy, so no element is overwritten
		// before it is read.
		copy(dst[start:], v.Clone().buf)
		return dst
	}
	s, st := v.dims()
	var cs [MaxDims]int
	fillStrides(cs[:len(s)], s, v.item, false)
	copyStrided(dst, start, cs[:len(s)], v.buf, v.off, st, s, v.item)
	return dst
}

// Clone returns a compact, writable, C-contiguous copy of v in a new
// buffer of exactly NBytes bytes, with the same format and shape. Use it to
// reshape what Reshape refuses, or to stop a small view from keeping a
// large buffer alive. It allocates the buffer, and like ToBytes panics
// if NBytes cannot be allocated (a broadcast view can be huge).
func (v View) Clone() View {
	if v.f == nil {
		return View{}
	}
	s, _ := v.dims()
	w := View{buf: v.ToBytes(COrder), f: v.f, item: v.item}
	ws, wst := w.alloc(len(s))
	copy(ws, s)
	fillStrides(wst, ws, w.item, false)
	return w
}

package ndview

// This file holds every use of package unsafe in ndview. Each function is
// small and its callers establish the condition it needs: the bytes lie
// inside the buffer (views are validated at construction), and for direct
// loads and []T slices, native byte order and T's alignment (checked once,
// in As).

import "unsafe"

// addr returns the address of b[i] as an integer, for alignment and
// overlap tests only; it is never turned back into a pointer.
func addr(b []byte, i int) uintptr {
	return uintptr(unsafe.Pointer(unsafe.SliceData(b))) + uintptr(i)
}

// sliceOf returns b[o:o+n*sizeof(T)] as a []T under the conditions of
// load. n > 0.
func sliceOf[T Elem](b []byte, o, n int) []T {
	return unsafe.Slice((*T)(unsafe.Pointer(&b[o])), n)
}

// overlaps reports whether the byte ranges a[alo:ahi] and b[blo:bhi]
// share memory.
func overlaps(a []byte, alo, ahi int, b []byte, blo, bhi int) bool {
	if alo >= ahi || blo >= bhi {
		return false
	}
	return addr(a, alo) < addr(b, bhi) && addr(b, blo) < addr(a, ahi)
}

// extDims returns the 2*n ints a View of n > inlineDims dimensions keeps
// at p (allocated together by View.alloc).
func extDims(p *int, n int) []int {
	return unsafe.Slice(p, 2*n)
}

// lineCopy copies n elements of type E (a byte array: no alignment
// needed) from src[soff], src[soff+ss], ... to dst[doff], dst[doff+ds],
// ... without a bounds check per element: copyLine has checked the first
// and the last, and the addresses between lie between them.
func lineCopy[E [1]byte | [2]byte | [4]byte | [8]byte | [16]byte](dst []byte, doff, ds int, src []byte, soff, ss int, n int) {
	d := unsafe.Pointer(&dst[doff])
	s := unsafe.Pointer(&src[soff])
	// Four at a time, so more loads are in flight; no pointer is ever
	// formed past the last element (Go forbids pointers out of an object).
	i := 0
	for ; i+4 <= n; i += 4 {
		dp, sp := unsafe.Add(d, i*ds), unsafe.Add(s, i*ss)
		*(*E)(dp) = *(*E)(sp)
		*(*E)(unsafe.Add(dp, ds)) = *(*E)(unsafe.Add(sp, ss))
		*(*E)(unsafe.Add(dp, 2*ds)) = *(*E)(unsafe.Add(sp, 2*ss))
		*(*E)(unsafe.Add(dp, 3*ds)) = *(*E)(unsafe.Add(sp, 3*ss))
	}
	for ; i < n; i++ {
		*(*E)(unsafe.Add(d, i*ds)) = *(*E)(unsafe.Add(s, i*ss))
	}

}

// lineCopy2 is lineCopy for two lines with the same steps, interleaved so
// that two streams of loads are in flight. copyLines has checked the
// first and last elements of both; their starts are d0, d0+dr and s0,
// s0+sr.
func lineCopy2[E [1]byte | [2]byte | [4]byte | [8]byte | [16]byte](dst []byte, d0, dr, ds int, src []byte, s0, sr, ss int, n int) {
	p0, p1 := unsafe.Pointer(&dst[d0]), unsafe.Pointer(&dst[d0+dr])
	q0, q1 := unsafe.Pointer(&src[s0]), unsafe.Pointer(&src[s0+sr])
	for i := range n {
		*(*E)(unsafe.Add(p0, i*ds)) = *(*E)(unsafe.Add(q0, i*ss))
		*(*E)(unsafe.Add(p1, i*ds)) = *(*E)(unsafe.Add(q1, i*ss))
	}
}

// lineCopy4 is lineCopy for four lines with the same steps, interleaved:
// four streams of loads in flight. copyLines has checked the first and
// last elements of all four; the lines' starts are d0+r*dr and s0+r*sr.
func lineCopy4[E [1]byte | [2]byte | [4]byte | [8]byte | [16]byte](dst []byte, d0, dr, ds int, src []byte, s0, sr, ss int, n int) {
	p0, p1 := unsafe.Pointer(&dst[d0]), unsafe.Pointer(&dst[d0+dr])
	p2, p3 := unsafe.Pointer(&dst[d0+2*dr]), unsafe.Pointer(&dst[d0+3*dr])
	q0, q1 := unsafe.Pointer(&src[s0]), unsafe.Pointer(&src[s0+sr])
	q2, q3 := unsafe.Pointer(&src[s0+2*sr]), unsafe.Pointer(&src[s0+3*sr])
	for i := range n {
		do, so := i*ds, i*ss
		*(*E)(unsafe.Add(p0, do)) = *(*E)(unsafe.Add(q0, so))
		*(*E)(unsafe.Add(p1, do)) = *(*E)(unsafe.Add(q1, so))
		*(*E)(unsafe.Add(p2, do)) = *(*E)(unsafe.Add(q2, so))
		*(*E)(unsafe.Add(p3, do)) = *(*E)(unsafe.Add(q3, so))
	}
}

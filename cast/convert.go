package cast

import (
	"fmt"
	"math"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// Convert copies src's elements into dst, converting each value from
// src's format to dst's: any two single-value numeric formats (the
// integer codes, P, e, f, d, Zf, Zd and ?), in either byte order, with any
// strides on either side (zero strides in src broadcast). The views must
// have the same shape (ErrShape), dst must be writable (ErrReadOnly), and
// other formats give ErrType.
//
// Values convert as struct would pack them into dst's format, with
// struct's range rules: an integer outside the destination's range is an
// error, and so is a finite float beyond e's range (65520 or more), or
// beyond f's with a standard-size prefix (native f overflows to infinity,
// as a C cast does). Integers become floats through float64, as in
// Python. Beyond struct, which packs no float into an integer code: a
// float converts to an integer by truncation toward zero, and NaN, an
// infinity or a truncated value out of range is an error; a complex
// converts to a real number only when its imaginary part is zero; any
// non-zero value (NaN included) becomes true for ?. A value that does
// not fit stops the conversion with a *RangeError (errors.Is ErrRange)
// that gives its index: the elements before it in C order have been
// written, and the rest of dst is unchanged.
//
// Convert works through a few hundred elements at a time in a buffer on
// the stack and allocates nothing, unless src and dst share memory in
// different layouts, when it converts from a copy of src (src.Clone).
func Convert(dst, src ndview.View) error {
	if dst.ReadOnly() {
		return fmt.Errorf("%w: Convert writes into dst", ErrReadOnly)
	}
	nd := src.NDim()
	same := dst.NDim() == nd
	for i := 0; same && i < nd; i++ {
		same = dst.Dim(i) == src.Dim(i)
	}
	if !same {
		return fmt.Errorf("%w: cannot convert shape %v into shape %v", ErrShape, src.Shape(), dst.Shape())
	}
	dc, err := codecOf(dst, "dst")
	if err != nil {
		return err
	}
	sc, err := codecOf(src, "src")
	if err != nil {
		return err
	}
	if src.Len() == 0 {
		return nil
	}
	if shared(dst, src) && !sameLayout(dst, src) {
		src = src.Clone()
	}
	var l lines
	l.init(dst, src)
	return l.run(dst, src, &dc, &sc)
}

// codec describes how a numeric element is read or written: one number
// of part bytes, or for complex two of them, real part first.
type codec struct {
	kind  format.Kind
	part  int
	order format.ByteOrder
	std   bool // standard sizes: a finite value too large for f is an error
	wrap  bool // P: takes negative integers too, wrapping them, as struct does
	cls   class
	code  string
}

// class is how a number travels between load and store: as the bits of
// an int64, a uint64 or a float64.
type class uint8

const (
	clsInt class = iota
	clsUint
	clsFloat
)

func codecOf(v ndview.View, name string) (codec, error) {
	f := v.ItemFormat()
	if f == nil {
		return codec{}, fmt.Errorf("%w: %s has no format", ErrType, name)
	}
	fl, ok := f.Scalar()
	if !ok || !(fl.Kind.IsNumeric() || fl.Kind == format.Bool) {
		return codec{}, fmt.Errorf("%w: %s format %q is not a single number", ErrType, name, f.String())
	}
	c := codec{kind: fl.Kind, part: fl.Size, order: fl.Order, std: fl.Standard, wrap: fl.Code == "P", code: fl.Code}
	switch {
	case fl.Kind.IsComplex():
		c.part /= 2
		c.cls = clsFloat
	case fl.Kind.IsFloat():
		c.cls = clsFloat
	case fl.Kind.IsSigned():
		c.cls = clsInt
	default: // unsigned integers and ?
		c.cls = clsUint
	}
	return c, nil
}

// shared reports whether the bytes of a and b overlap in memory.
func shared(a, b ndview.View) bool {
	alo, ahi := a.Span()
	blo, bhi := b.Span()
	if alo >= ahi || blo >= bhi {
		return false
	}
	return address(a.Buffer(), alo) < address(b.Buffer(), bhi) && address(b.Buffer(), blo) < address(a.Buffer(), ahi)
}

// sameLayout reports whether each element of a lies exactly where the
// same element of b does, and no two elements share bytes: then
// converting in place is safe, since each chunk is read before it is
// written, and nothing written is read again.
func sameLayout(a, b ndview.View) bool {
	if a.ItemSize() != b.ItemSize() || address(a.Buffer(), a.Offset()) != address(b.Buffer(), b.Offset()) {
		return false
	}
	for i := range a.NDim() {
		if a.Dim(i) > 1 && a.Stride(i) != b.Stride(i) {
			return false
		}
	}
	return disjoint(a)
}

// disjoint reports whether no two elements of v share a byte, by a
// sufficient test: with the dimensions of extent > 1 taken by increasing
// |stride|, each stride steps over everything the smaller ones span.
// (Layouts it cannot prove disjoint are converted from a copy.)
func disjoint(v ndview.View) bool {
	var n, s [ndview.MaxDims]int
	k := 0
	for i := range v.NDim() {
		if e := v.Dim(i); e > 1 {
			st := v.Stride(i)
			if st < 0 {
				st = -st
			}
			j := k // insertion sort by stride
			for ; j > 0 && s[j-1] > st; j-- {
				n[j], s[j] = n[j-1], s[j-1]
			}
			n[j], s[j] = e, st
			k++
		}
	}
	span := v.ItemSize() // bytes covered by the dimensions so far
	for i := range k {
		if s[i] < span {
			return false
		}
		span = s[i]*(n[i]-1) + span
	}
	return true
}

// chunk is how many elements travel together through load, widen,
// narrow and store: enough to amortise the per-chunk switches, few
// enough to stay in L1 (two arrays of 2 KiB).
const chunk = 256

// lines is the pair of layouts reduced to the fewest dimensions: extent-1
// dimensions dropped, and neighbours merged where both sides step
// evenly across them. The last dimension is the line each chunk loop
// walks; the others are walked in C order, like the elements.
type lines struct {
	nd     int
	n      [ndview.MaxDims]int
	ds, ss [ndview.MaxDims]int
}

func (l *lines) init(dst, src ndview.View) {
	for i := range src.NDim() {
		e := src.Dim(i)
		if e == 1 {
			continue
		}
		d, s := dst.Stride(i), src.Stride(i)
		if k := l.nd - 1; k >= 0 && l.ds[k] == d*e && l.ss[k] == s*e {
			l.n[k] *= e
			l.ds[k], l.ss[k] = d, s
			continue
		}
		l.n[l.nd], l.ds[l.nd], l.ss[l.nd] = e, d, s
		l.nd++
	}
	if l.nd == 0 { // one element
		l.n[0], l.nd = 1, 1
	}
}

// run converts every element, line by line.
func (l *lines) run(dst, src ndview.View, dc, sc *codec) error {
	db, sb := dst.Buffer(), src.Buffer()
	doff, soff := dst.Offset(), src.Offset()
	last := l.nd - 1
	inner, dstep, sstep := l.n[last], l.ds[last], l.ss[last]
	var idx [ndview.MaxDims]int
	for line := 0; ; line++ {
		if bad := convertLine(db, doff, dstep, sb, soff, sstep, inner, dc, sc); bad >= 0 {
			return rangeError(dst, src, line*inner+bad)
		}
		// Next line: an odometer over the outer dimensions.
		k := last - 1
		for ; k >= 0; k-- {
			idx[k]++
			doff += l.ds[k]
			soff += l.ss[k]
			if idx[k] < l.n[k] {
				break
			}
			doff -= l.ds[k] * l.n[k]
			soff -= l.ss[k] * l.n[k]
			idx[k] = 0
		}
		if k < 0 {
			return nil
		}
	}
}

// convertLine converts n elements of a line, chunk by chunk. It returns
// the position of the first value that does not fit, or -1; the
// elements before that one have been stored.
func convertLine(db []byte, doff, dstep int, sb []byte, soff, sstep, n int, dc, sc *codec) int {
	var re, im [chunk]uint64
	cplxS, cplxD := sc.kind.IsComplex(), dc.kind.IsComplex()
	// A contiguous, aligned, native line of 8-byte real numbers is written
	// in place of the last pass: narrow stores straight into it.
	direct := !cplxD && dc.part == 8 && dstep == 8 && dc.order == format.NativeOrder() && aligned(db, doff, 8)
	if direct && dc.kind == format.Float64 && !cplxS && sstep == sc.part && aligned(sb, soff, uintptr(sc.part)) &&
		toFloat64Line(sliceAt[float64](db, doff, n), sb, soff, n, sc) {
		return -1
	}
	if sc.kind == format.Float64 && sstep == 8 && sc.order == format.NativeOrder() && aligned(sb, soff, 8) &&
		dc.kind.IsInteger() && dstep == dc.part && (dc.part == 1 || dc.order == format.NativeOrder()) && aligned(db, doff, uintptr(dc.part)) {
		if bad, ok := fromFloat64Line(db, doff, sb, soff, n, dc); ok {
			return bad
		}
	}
	for start := 0; start < n; start += chunk {
		m := min(chunk, n-start)
		r, i := re[:m], im[:m]
		so, do := soff+start*sstep, doff+start*dstep
		if !load(r, sb, so, sstep, sc) {
			widen(r, sc.kind)
		}
		bad := -1
		switch {
		case cplxS:
			if !load(i, sb, so+sc.part, sstep, sc) {
				widen(i, sc.kind)
			}
			switch {
			case dc.kind == format.Bool:
				for j := range r {
					if math.Float64frombits(r[j]) != 0 || math.Float64frombits(i[j]) != 0 {
						r[j] = 1
					} else {
						r[j] = 0
					}
				}
			case !cplxD:
				bad = realOnly(r, i)
			}
		case cplxD:
			clear(i)
		}
		out := r
		if direct {
			out = sliceAt[uint64](db, do, m)
		}
		if dc.kind != format.Bool || !cplxS {
			if bad >= 0 {
				r = r[:bad] // the real parts after the first complex value refused don't matter
			}
			if b := narrow(out, r, sc.cls, dc); b >= 0 {
				bad = b
			}
		} else if direct {
			copy(out, r)
		}
		if cplxD {
			if b := narrow(i, i, sc.cls, dc); b >= 0 && (bad < 0 || b < bad) {
				bad = b
			}
		}
		if bad >= 0 {
			out, i = out[:bad], i[:bad]
		}
		if !direct {
			store(db, do, dstep, out, dc)
		}
		if cplxD {
			store(db, do+dc.part, dstep, i, dc)
		}
		if bad >= 0 {
			return start + bad
		}
	}
	return -1
}

// realOnly checks that every imaginary part is zero, for a complex value
// going into a real format; it returns the first that is not, or -1.
func realOnly(r, i []uint64) int {
	for j := range i {
		if math.Float64frombits(i[j]) != 0 {
			return j
		}
	}
	return -1
}

// widen turns the bits of each loaded number into its class: sign
// extension for signed integers, 0 or 1 for ?, float64 bits for floats.
func widen(w []uint64, k format.Kind) {
	switch k {
	case format.Int8:
		for j, x := range w {
			w[j] = uint64(int8(x))
		}
	case format.Int16:
		for j, x := range w {
			w[j] = uint64(int16(x))
		}
	case format.Int32:
		for j, x := range w {
			w[j] = uint64(int32(x))
		}
	case format.Bool:
		for j, x := range w {
			if x != 0 {
				w[j] = 1
			}
		}
	case format.Float16:
		for j, x := range w {
			w[j] = math.Float64bits(format.Float16frombits(uint16(x)))
		}
	case format.Float32, format.Complex64:
		for j, x := range w {
			w[j] = math.Float64bits(float64(math.Float32frombits(uint32(x))))
		}
	}
}

// narrow turns the numbers of class c in w into the bits of dst's numbers
// (one part of a complex) in out, which is w itself or a line of dst and
// at least as long. It returns the position of the first number that
// does not fit, or -1; the numbers before it are done.
func narrow(out, w []uint64, c class, dst *codec) int {
	out = out[:len(w)]
	switch dst.kind {
	case format.Bool:
		return toBool(out, w, c)
	case format.Float16:
		return toHalf(out, w, c)
	case format.Float32, format.Complex64:
		return toFloat32(out, w, c, dst.std)
	case format.Float64, format.Complex128:
		toFloat64(out, w, c)
		return -1
	}
	if dst.wrap {
		return toPointer(out, w, c)
	}
	bitsN := 8 * uint(dst.part)
	if dst.cls == clsInt {
		return toInt(out, w, c, -1<<(bitsN-1), 1<<(bitsN-1)-1)
	}
	return toUint(out, w, c, math.MaxUint64>>(64-bitsN))
}

func toBool(out, w []uint64, c class) int {
	for j, x := range w {
		nz := x != 0
		if c == clsFloat {
			nz = math.Float64frombits(x) != 0 // -0 is false, NaN true
		}
		out[j] = 0
		if nz {
			out[j] = 1
		}
	}
	return -1
}

// toInt converts to a signed integer in [lo, hi].
func toInt(out, w []uint64, c class, lo, hi int64) int {
	switch c {
	case clsInt:
		for j, x := range w {
			if v := int64(x); v < lo || v > hi {
				return j
			}
			out[j] = x
		}
	case clsUint:
		for j, x := range w {
			if x > uint64(hi) {
				return j
			}
			out[j] = x
		}
	case clsFloat:
		// Truncation lands in [lo, hi] exactly when lo-1 < f < hi+1. lo and
		// hi+1 are powers of two, exact as floats; lo-1 is exact too but
		// for int64, where it rounds to lo, hence the f == lo.
		flo, fhi := float64(lo), -float64(lo)
		lower := flo - 1
		for j, x := range w {
			f := math.Float64frombits(x)
			if !((f > lower || f == flo) && f < fhi) { // NaN fails
				return j
			}
			out[j] = uint64(int64(f))
		}
	}
	return -1
}

// toUint converts to an unsigned integer in [0, hi].
func toUint(out, w []uint64, c class, hi uint64) int {
	switch c {
	case clsInt:
		for j, x := range w {
			if int64(x) < 0 || x > hi {
				return j
			}
			out[j] = x
		}
	case clsUint:
		for j, x := range w {
			if x > hi {
				return j
			}
			out[j] = x
		}
	case clsFloat:
		fhi := float64(hi/2+1) * 2 // hi+1, a power of two, without overflow
		for j, x := range w {
			f := math.Float64frombits(x)
			if !(f > -1 && f < fhi) { // truncation in [0, hi]; NaN fails
				return j
			}
			out[j] = uint64(f)
		}
	}
	return -1
}

// toPointer converts to P, which struct fills as PyLong_AsVoidPtr does:
// any integer from -2**63 to 2**64-1, negatives wrapping.
func toPointer(out, w []uint64, c class) int {
	if c != clsFloat {
		copy(out, w)
		return -1
	}
	for j, x := range w {
		f := math.Float64frombits(x)
		switch {
		case f >= -(1<<63) && f < 0:
			out[j] = uint64(int64(f))
		case f >= 0 && f < 1<<64:
			out[j] = uint64(f)
		default: // NaN too
			return j
		}
	}
	return -1
}

// float64Of returns a number of class c as a float64, rounded to nearest
// as Python's float(int) does.
func float64Of(x uint64, c class) float64 {
	switch c {
	case clsInt:
		return float64(int64(x))
	case clsUint:
		return float64(x)
	}
	return math.Float64frombits(x)
}

func toFloat64(out, w []uint64, c class) {
	switch c {
	case clsInt:
		for j, x := range w {
			out[j] = math.Float64bits(float64(int64(x)))
		}
	case clsUint:
		for j, x := range w {
			out[j] = math.Float64bits(float64(x))
		}
	default:
		copy(out, w)
	}
}

// toFloat32 rounds through float64, as struct packs an int into f.
func toFloat32(out, w []uint64, c class, std bool) int {
	for j, x := range w {
		f := float64Of(x, c)
		g := float32(f)
		if std && math.IsInf(float64(g), 0) && !math.IsInf(f, 0) {
			return j
		}
		out[j] = uint64(math.Float32bits(g))
	}
	return -1
}

func toHalf(out, w []uint64, c class) int {
	for j, x := range w {
		h, ok := format.Float16bits(float64Of(x, c))
		if !ok {
			return j
		}
		out[j] = uint64(h)
	}
	return -1
}

// RangeError is the error Convert returns for a value that the
// destination format cannot hold. It matches ErrRange.
type RangeError struct {
	Index []int  // the element's index in the views' shape
	Value any    // the value as src's format unpacks it
	From  string // src's format
	To    string // dst's format
}

// Error describes the element, its value and the two formats.
func (e *RangeError) Error() string {
	return fmt.Sprintf("cast: element %v = %v (%q) does not fit %q", e.Index, e.Value, e.From, e.To)
}

// Unwrap returns ErrRange.
func (e *RangeError) Unwrap() error { return ErrRange }

// rangeError builds the error for the element at position flat in C
// order.
func rangeError(dst, src ndview.View, flat int) error {
	idx := make([]int, src.NDim())
	for k := len(idx) - 1; k >= 0; k-- {
		e := src.Dim(k)
		idx[k] = flat % e
		flat /= e
	}
	val, err := src.Value(idx...)
	if err != nil {
		val = err
	}
	return &RangeError{Index: idx, Value: val, From: src.ItemFormat().String(), To: dst.ItemFormat().String()}
}

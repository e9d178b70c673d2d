package ndview

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// None stands for an omitted slice bound in Slice, as Python's None does:
// Slice(None, None, -1) is [::-1].
const None = minInt

type indexKind uint8

const (
	kindInvalid indexKind = iota // the zero Index, refused by View.Index
	kindSlice
	kindInt
	kindEllipsis
	kindNewAxis
)

// Index is one item of a basic index expression: an integer, a slice, an
// ellipsis or a new axis. Build it with Int, Slice, All, Ellipsis and
// NewAxis, or parse the string form with ParseIndex. The zero Index is
// not a valid item.
type Index struct {
	kind              indexKind
	start, stop, step int // start, stop None when omitted; start is Int's position
}

var (
	// All selects a whole dimension, like ":".
	All = Index{kind: kindSlice, start: None, stop: None, step: 1}
	// Ellipsis stands for as many full slices as the view needs, like "...".
	Ellipsis = Index{kind: kindEllipsis}
	// NewAxis inserts a dimension of extent 1, like NumPy's None.
	NewAxis = Index{kind: kindNewAxis}
)

// Int selects position i of a dimension and drops the dimension; negative
// i counts from the end.
func Int(i int) Index { return Index{kind: kindInt, start: i} }

// Slice selects start:stop:step of a dimension with Python's rules:
// negative bounds count from the end, bounds are clamped, a negative step
// walks backwards, and None omits a bound (or, as step, means 1). A zero
// step is an error when the index is applied.
func Slice(start, stop, step int) Index {
	if step == None {
		step = 1
	}
	return Index{kind: kindSlice, start: start, stop: stop, step: step}
}

// String returns the item in NumPy's spelling: "3", "1:5:2", "::-1",
// "...", "None".
func (x Index) String() string {
	switch x.kind {
	case kindInt:
		return strconv.Itoa(x.start)
	case kindEllipsis:
		return "..."
	case kindNewAxis:
		return "None"
	case kindInvalid:
		return "<invalid index>"
	}
	var b strings.Builder
	if x.start != None {
		b.WriteString(strconv.Itoa(x.start))
	}
	b.WriteByte(':')
	if x.stop != None {
		b.WriteString(strconv.Itoa(x.stop))
	}
	if x.step != 1 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(x.step))
	}
	return b.String()
}

// Index applies a basic index expression with NumPy's semantics and
// returns the selected view of the same memory: integers drop their
// dimension, slices keep it (with any step, negative included), an
// Ellipsis stands for the full slices not written, NewAxis inserts a
// dimension of extent 1, and dimensions left over are taken whole. Errors
// (an integer out of range, more indices than dimensions, a zero step,
// two ellipses) match ErrIndex. It copies no element and, for results of
// at most four dimensions, allocates nothing.
func (v View) Index(idx ...Index) (View, error) {
	// A small wrapper, so that it inlines and the caller's copy of v is
	// changed in place: a View is 128 bytes, and copies are most of what
	// slicing costs.
	err := v.indexInPlace(idx) // the zero View on error
	return v, err
}

// indexInPlace applies idx to v. The common case — integers and forward
// slices only, no more of them than v's (inline) dimensions — is done
// here, in place: each output dimension comes from an input dimension at
// the same or a later position, so nothing is overwritten before it is
// read. Everything else goes to indexSlow, whose larger frame the common
// case does not pay for.
func (v *View) indexInPlace(idx []Index) error {
	nd := int(v.ndim)
	if len(idx) > nd || nd > inlineDims {
		return v.indexSlow(idx)
	}
	for i := range idx {
		if x := &idx[i]; x.kind != kindInt && (x.kind != kindSlice || x.step <= 0) {
			return v.indexSlow(idx)
		}
	}
	off, o, empty := v.off, 0, false
	for d := range idx {
		x := &idx[d]
		n, st := v.shp[d], v.str[d]
		if x.kind == kindInt {
			k := x.start
			if k < 0 {
				k += n
			}
			if uint(k) >= uint(n) {
				*v = View{}
				return indexRangeError(x.start, d, n)
			}
			off += k * st
			continue
		}
		start, stop, step := clampBound(x.start, n, 0, 0, n), clampBound(x.stop, n, n, 0, n), x.step
		n = 0
		if start < stop {
			n = quo(stop-start-1, step) + 1
			off += start * st
		}
		if step != 1 {
			if s2, ok := mul(st, step); ok {
				st = s2
			} // else n <= 1, where any stride will do
		}
		empty = empty || n == 0
		v.shp[o], v.str[o] = n, st
		o++
	}
	for d := len(idx); d < nd; d++ {
		empty = empty || v.shp[d] == 0
		v.shp[o], v.str[o] = v.shp[d], v.str[d]
		o++
	}
	for d := o; d < nd; d++ {
		v.shp[d], v.str[d] = 0, 0 // keep unused slots zero, so equal views compare equal
	}
	if !empty {
		v.off = off
	}
	v.ndim = int32(o)
	return nil
}

// indexSlow is indexInPlace for everything but the common case. It is
// kept out of line: inlined, its View copies would enlarge the fast
// path's frame.
//
//go:noinline
func (v *View) indexSlow(idx []Index) error {
	w, err := v.index(idx)
	*v = w // index returns the zero View with an error
	return err
}

func indexRangeError(k, axis, n int) error {
	return fmt.Errorf("%w: index %d is out of bounds for axis %d with size %d", ErrIndex, k, axis, n)
}

// index is Index in general: ellipses, new axes, more than four
// dimensions. It is a function of its own so that the fast path's frame
// stays small.
func (v View) index(idx []Index) (View, error) {
	src, srcStr := v.dims()
	nsel, nnew, ell := 0, 0, -1
	for i := range idx {
		switch idx[i].kind {
		case kindInt, kindSlice:
			nsel++
		case kindEllipsis:
			if ell >= 0 {
				return View{}, errTwoEllipses
			}
			ell = i
		case kindNewAxis:
			nnew++
		default:
			return View{}, errBadItem
		}
	}
	if nsel > len(src) {
		return View{}, fmt.Errorf("%w: too many indices: view is %d-dimensional, but %d were indexed", ErrIndex, len(src), nsel)
	}
	nout := len(src) - nsel + nnew
	for i := range idx {
		if idx[i].kind == kindSlice {
			nout++
		}
	}
	if nout > MaxDims {
		return View{}, fmt.Errorf("%w: result would have %d dimensions (at most %d)", ErrIndex, nout, MaxDims)
	}
	w := v
	dst, dstStr := w.alloc(nout)
	off := v.off
	empty := false
	d, o := 0, 0 // next source and destination dimension
	for i := range idx {
		x := &idx[i]
		switch x.kind {
		case kindNewAxis:
			dst[o], dstStr[o] = 1, 0
			o++
		case kindEllipsis:
			for range len(src) - nsel {
				dst[o], dstStr[o] = src[d], srcStr[d]
				d++
				o++
			}
		case kindInt:
			n, k := src[d], x.start
			if k < 0 {
				k += n
			}
			if k < 0 || k >= n {
				return View{}, indexRangeError(x.start, d, n)
			}
			off += k * srcStr[d]
			d++
		case kindSlice:
			start, n, step, err := x.adjust(src[d])
			if err != nil {
				return View{}, err
			}
			if n > 0 {
				off += start * srcStr[d]
			} else {
				empty = true
			}
			st, ok := mul(srcStr[d], step)
			if !ok { // only possible when n <= 1, where any stride will do
				st = srcStr[d]
			}
			dst[o], dstStr[o] = n, st
			d++
			o++
		}
	}
	for ; d < len(src); d, o = d+1, o+1 {
		dst[o], dstStr[o] = src[d], srcStr[d]
		if src[d] == 0 {
			empty = true
		}
	}
	if empty || v.isEmpty() {
		off = v.off // an empty view keeps a position inside the buffer
	}
	w.off = off
	return w, nil
}

var (
	errTwoEllipses = fmt.Errorf("%w: an index can only have a single ellipsis", ErrIndex)
	errBadItem     = fmt.Errorf("%w: the zero Index is not an index item", ErrIndex)
	errZeroStep    = fmt.Errorf("%w: slice step cannot be zero", ErrIndex)
)

func (v *View) isEmpty() bool {
	s, _ := v.dims()
	for _, e := range s {
		if e == 0 {
			return true
		}
	}
	return false
}

// adjust applies Python's slice rules to a dimension of extent n and
// returns the first position, the number of positions and the step.
func (x Index) adjust(n int) (start, count, step int, err error) {
	step = x.step
	if step == 0 {
		return 0, 0, 0, errZeroStep
	}
	if step < -maxInt {
		step = -maxInt
	}
	if step > 0 {
		start, stop := clampBound(x.start, n, 0, 0, n), clampBound(x.stop, n, n, 0, n)
		if start < stop {
			count = quo(stop-start-1, step) + 1
		}
		return start, count, step, nil
	}
	start, stop := clampBound(x.start, n, n-1, -1, n-1), clampBound(x.stop, n, -1, -1, n-1)
	if stop < start {
		count = quo(start-stop-1, -step) + 1
	}
	return start, count, step, nil
}

// quo is a/b for a >= 0, b > 0: a shift for powers of two, else a
// division in 32 bits when both fit, several times faster than a 64-bit
// one on common CPUs (slicing is otherwise a handful of adds).
func quo(a, b int) int {
	switch {
	case b&(b-1) == 0: // 1, 2, 4, ...: a shift
		return a >> bits.TrailingZeros(uint(b))
	case uint64(a) < 1<<32 && uint64(b) < 1<<32:
		return int(uint32(a) / uint32(b))
	}
	return a / b
}

// clampBound resolves a slice bound b against extent n as Python does:
// none when omitted, negative counting from the end, and clamped to lo
// below and hi above.
func clampBound(b, n, none, lo, hi int) int {
	switch {
	case b == None:
		return none
	case b < 0:
		if b += n; b < 0 {
			return lo
		}
	case b >= n:
		return hi
	}
	return b
}

// IndexString applies an index written as NumPy spells it inside [ ]:
// "::2, 1:3, ..., None". It is ParseIndex followed by Index, without
// allocating for expressions of up to eight items.
func (v View) IndexString(s string) (View, error) {
	var buf [8]Index
	idx, err := appendIndex(buf[:0], s)
	if err != nil {
		return View{}, err
	}
	return v.Index(idx...)
}

// ParseIndex parses an index expression as NumPy spells it inside [ ]:
// comma-separated integers, slices start:stop:step (any part may be
// empty or None), "..." and "None" or "newaxis" for a new axis. Spaces
// are ignored and one trailing comma is allowed. Parse once and pass the
// result to Index as often as needed. Errors match ErrIndex. It
// allocates the result slice (IndexString parses into a stack buffer
// instead).
func ParseIndex(s string) ([]Index, error) {
	return appendIndex(nil, s)
}

func appendIndex(dst []Index, s string) ([]Index, error) {
	t := strings.TrimSpace(s)
	if t == "" || t == "()" {
		return dst, nil
	}
	parts := 0
	for pos := 0; pos <= len(t); {
		end := strings.IndexByte(t[pos:], ',')
		if end < 0 {
			end = len(t)
		} else {
			end += pos
		}
		item := strings.TrimSpace(t[pos:end])
		if item == "" {
			if end == len(t) && parts > 0 && pos > 0 { // one trailing comma
				break
			}
			return nil, fmt.Errorf("%w: empty item at position %d in %q", ErrIndex, pos, s)
		}
		x, err := parseItem(item)
		if err != nil {
			return nil, fmt.Errorf("%w: %q in %q: %s", ErrIndex, item, s, err)
		}
		dst = append(dst, x)
		parts++
		pos = end + 1
	}
	return dst, nil
}

func parseItem(s string) (Index, error) {
	switch s {
	case "...":
		return Ellipsis, nil
	case "None", "newaxis", "np.newaxis":
		return NewAxis, nil
	case ":", "::":
		return All, nil
	}
	if !strings.Contains(s, ":") {
		k, err := strconv.Atoi(s)
		if err != nil {
			return Index{}, fmt.Errorf("not an integer, slice, ... or None")
		}
		return Int(k), nil
	}
	var b [3]int
	fields := 0
	for rest := s; ; fields++ { // no strings.Split: IndexString allocates nothing
		part, tail, more := strings.Cut(rest, ":")
		if fields == 3 {
			return Index{}, fmt.Errorf("a slice has at most three parts")
		}
		part = strings.TrimSpace(part)
		if part == "" || part == "None" {
			b[fields] = None
		} else {
			k, err := strconv.Atoi(part)
			if err != nil {
				return Index{}, fmt.Errorf("slice bound %q is not an integer", part)
			}
			if k == None { // math.MinInt is our None; clamp it to a bound with the same effect
				k++
			}
			b[fields] = k
		}
		if !more {
			fields++
			break
		}
		rest = tail
	}
	if fields == 2 {
		b[2] = None
	}
	if b[2] == 0 {
		return Index{}, fmt.Errorf("slice step cannot be zero")
	}
	return Slice(b[0], b[1], b[2]), nil
}

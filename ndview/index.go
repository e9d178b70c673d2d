package ndview

import (
	"fmt"
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
	}
	var b strings.Builder
	if x.start != None {
		b.WriteString(strconv.Itoa(x.start))
	}
	b.WriteByte(':')
	if x.stop != None {
		b.WriteString(strconv.Itoa(x.stop))
	}
	if x.step != 1 && x.step != 0 {
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
	src, srcStr := v.dims()
	nsel, ell := 0, -1
	nnew := 0
	for i, x := range idx {
		switch x.kind {
		case kindInt, kindSlice:
			nsel++
		case kindEllipsis:
			if ell >= 0 {
				return View{}, fmt.Errorf("%w: an index can only have a single ellipsis", ErrIndex)
			}
			ell = i
		case kindNewAxis:
			nnew++
		default:
			return View{}, fmt.Errorf("%w: unknown index item", ErrIndex)
		}
	}
	if nsel > len(src) {
		return View{}, fmt.Errorf("%w: too many indices: view is %d-dimensional, but %d were indexed", ErrIndex, len(src), nsel)
	}
	nout := len(src) - nsel + nnew
	for _, x := range idx {
		if x.kind == kindSlice {
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
	fill := len(src) - nsel
	take := func(x Index) error {
		switch x.kind {
		case kindNewAxis:
			dst[o], dstStr[o] = 1, 0
			o++
		case kindInt:
			n, k := src[d], x.start
			if k < 0 {
				k += n
			}
			if k < 0 || k >= n {
				return fmt.Errorf("%w: index %d is out of bounds for axis %d with size %d", ErrIndex, x.start, d, n)
			}
			off += k * srcStr[d]
			d++
		case kindSlice:
			start, n, step, err := x.adjust(src[d])
			if err != nil {
				return err
			}
			if n > 0 {
				off += start * srcStr[d]
			} else {
				empty = true
			}
			s, ok := mul(srcStr[d], step)
			if !ok { // only possible when n <= 1, where any stride will do
				s = srcStr[d]
			}
			dst[o], dstStr[o] = n, s
			d++
			o++
		}
		return nil
	}
	for i, x := range idx {
		if i == ell {
			for range fill {
				dst[o], dstStr[o] = src[d], srcStr[d]
				d++
				o++
			}
			continue
		}
		if err := take(x); err != nil {
			return View{}, err
		}
	}
	for d < len(src) {
		dst[o], dstStr[o] = src[d], srcStr[d]
		if src[d] == 0 {
			empty = true
		}
		d++
		o++
	}
	if empty || v.isEmpty() {
		off = v.off // an empty view keeps a position inside the buffer
	}
	w.off = off
	return w, nil
}

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
		return 0, 0, 0, fmt.Errorf("%w: slice step cannot be zero", ErrIndex)
	}
	if step < -maxInt {
		step = -maxInt
	}
	bound := func(b, none int) int {
		if b == None {
			return none
		}
		if b < 0 {
			b += n
			if b < 0 {
				if step < 0 {
					return -1
				}
				return 0
			}
		} else if b >= n {
			if step < 0 {
				return n - 1
			}
			return n
		}
		return b
	}
	if step > 0 {
		start, stop := bound(x.start, 0), bound(x.stop, n)
		if start < stop {
			count = (stop-start-1)/step + 1
		}
		return start, count, step, nil
	}
	start, stop := bound(x.start, n-1), bound(x.stop, -1)
	if stop < start {
		count = (start-stop-1)/(-step) + 1
	}
	return start, count, step, nil
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
// result to Index as often as needed. Errors match ErrIndex.
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
	for i, part := range strings.SplitN(s, ":", 4) {
		if i == 3 {
			return Index{}, fmt.Errorf("a slice has at most three parts")
		}
		fields++
		part = strings.TrimSpace(part)
		if part == "" || part == "None" {
			b[i] = None
			continue
		}
		k, err := strconv.Atoi(part)
		if err != nil {
			return Index{}, fmt.Errorf("slice bound %q is not an integer", part)
		}
		if k == None { // math.MinInt is our None; clamp it to a bound with the same effect
			k++
		}
		b[i] = k
	}
	if fields == 2 {
		b[2] = None
	}
	if b[2] == 0 {
		return Index{}, fmt.Errorf("slice step cannot be zero")
	}
	return Slice(b[0], b[1], b[2]), nil
}

package ndview

import "fmt"

// normAxis maps a possibly negative axis into [0, n).
func normAxis(axis, n int) (int, error) {
	a := axis
	if a < 0 {
		a += n
	}
	if a < 0 || a >= n {
		return 0, fmt.Errorf("%w: axis %d is out of bounds for a view of dimension %d", ErrAxis, axis, n)
	}
	return a, nil
}

// T returns the view with its dimensions reversed, the transpose of a
// matrix. It copies no element.
func (v View) T() View {
	v.reverse() // in place on the receiver's copy; T inlines
	return v
}

func (v *View) reverse() {
	src, srcStr := v.dims()
	if v.ndim > inlineDims { // the dimensions live in ext, which other views may share
		w := *v
		dst, dstStr := w.alloc(len(src))
		for i := range src {
			dst[i], dstStr[i] = src[len(src)-1-i], srcStr[len(src)-1-i]
		}
		*v = w
		return
	}
	for i, j := 0, len(src)-1; i < j; i, j = i+1, j-1 {
		src[i], src[j] = src[j], src[i]
		srcStr[i], srcStr[j] = srcStr[j], srcStr[i]
	}
}

// Transpose returns the view with its dimensions permuted: dimension i of
// the result is dimension axes[i] of v (negative axes count from the
// end). With no axes it reverses them, as T does. Axes that are not a
// permutation give ErrAxis. It copies no element.
func (v View) Transpose(axes ...int) (View, error) {
	if len(axes) == 0 {
		return v.T(), nil
	}
	src, srcStr := v.dims()
	if len(axes) != len(src) {
		return View{}, fmt.Errorf("%w: %d axes for a view of dimension %d", ErrAxis, len(axes), len(src))
	}
	var seen [MaxDims]bool
	w := v
	dst, dstStr := w.alloc(len(src))
	for i, a := range axes {
		a, err := normAxis(a, len(src))
		if err != nil {
			return View{}, err
		}
		if seen[a] {
			return View{}, fmt.Errorf("%w: repeated axis %d in transpose", ErrAxis, a)
		}
		seen[a] = true
		dst[i], dstStr[i] = src[a], srcStr[a]
	}
	return w, nil
}

// SwapAxes returns the view with dimensions a and b exchanged (negative
// axes count from the end). It copies no element.
func (v View) SwapAxes(a, b int) (View, error) {
	src, srcStr := v.dims()
	a, err := normAxis(a, len(src))
	if err != nil {
		return View{}, err
	}
	if b, err = normAxis(b, len(src)); err != nil {
		return View{}, err
	}
	w := v
	dst, dstStr := w.alloc(len(src))
	copy(dst, src)
	copy(dstStr, srcStr)
	dst[a], dst[b] = dst[b], dst[a]
	dstStr[a], dstStr[b] = dstStr[b], dstStr[a]
	return w, nil
}

// Flip returns the view with dimension axis reversed (negative axes count
// from the end), as numpy.flip: the offset moves to the last position and
// the stride changes sign. It copies no element.
func (v View) Flip(axis int) (View, error) {
	src, srcStr := v.dims()
	a, err := normAxis(axis, len(src))
	if err != nil {
		return View{}, err
	}
	w := v
	dst, dstStr := w.alloc(len(src))
	copy(dst, src)
	copy(dstStr, srcStr)
	if !v.isEmpty() {
		w.off += (src[a] - 1) * srcStr[a]
		dstStr[a] = -srcStr[a]
	}
	return w, nil
}

// Squeeze returns the view without the dimensions listed in axes, or
// without every dimension of extent 1 when axes is empty. Naming a
// dimension whose extent is not 1, or one twice, gives an error. It
// copies no element.
func (v View) Squeeze(axes ...int) (View, error) {
	src, srcStr := v.dims()
	var drop [MaxDims]bool
	n := 0
	if len(axes) == 0 {
		for i, e := range src {
			if e == 1 {
				drop[i] = true
				n++
			}
		}
	}
	for _, ax := range axes {
		a, err := normAxis(ax, len(src))
		if err != nil {
			return View{}, err
		}
		if drop[a] {
			return View{}, fmt.Errorf("%w: repeated axis %d in squeeze", ErrAxis, a)
		}
		if src[a] != 1 {
			return View{}, fmt.Errorf("%w: cannot select an axis to squeeze out which has size not equal to one (axis %d has extent %d)", ErrShape, a, src[a])
		}
		drop[a] = true
		n++
	}
	w := v
	dst, dstStr := w.alloc(len(src) - n)
	o := 0
	for i := range src {
		if !drop[i] {
			dst[o], dstStr[o] = src[i], srcStr[i]
			o++
		}
	}
	return w, nil
}

// ExpandDims returns the view with a new dimension of extent 1 inserted
// at position axis of the result (negative counts from the end, so -1
// appends one). It copies no element.
func (v View) ExpandDims(axis int) (View, error) {
	src, srcStr := v.dims()
	if len(src) >= MaxDims {
		return View{}, fmt.Errorf("%w: a view has at most %d dimensions", ErrAxis, MaxDims)
	}
	a, err := normAxis(axis, len(src)+1)
	if err != nil {
		return View{}, err
	}
	w := v
	dst, dstStr := w.alloc(len(src) + 1)
	copy(dst, src[:a])
	copy(dstStr, srcStr[:a])
	dst[a], dstStr[a] = 1, 0
	copy(dst[a+1:], src[a:])
	copy(dstStr[a+1:], srcStr[a:])
	return w, nil
}

// BroadcastTo returns a read-only view of the given shape, as
// numpy.broadcast_to: new leading dimensions and dimensions of extent 1
// repeat with stride 0. Shapes that cannot be broadcast give ErrShape.
// It copies no element.
func (v View) BroadcastTo(shape ...int) (View, error) {
	src, srcStr := v.dims()
	if len(shape) > MaxDims {
		return View{}, fmt.Errorf("%w: %d dimensions (at most %d)", ErrShape, len(shape), MaxDims)
	}
	if len(shape) < len(src) {
		return View{}, fmt.Errorf("%w: cannot broadcast a view of dimension %d to %d dimensions", ErrShape, len(src), len(shape))
	}
	if _, err := byteCount(v.item, shape); err != nil {
		return View{}, fmt.Errorf("%w: %w", ErrShape, err)
	}
	lead := len(shape) - len(src)
	w := v
	w.ro = true
	dst, dstStr := w.alloc(len(shape))
	for i, e := range shape {
		dst[i] = e
		if i < lead {
			dstStr[i] = 0
			continue
		}
		j := i - lead
		switch {
		case src[j] == e:
			dstStr[i] = srcStr[j]
		case src[j] == 1:
			dstStr[i] = 0
		default:
			return View{}, fmt.Errorf("%w: cannot broadcast shape %v to %v", ErrShape, dup(src), dup(shape))
		}
	}
	if w.isEmpty() && !v.isEmpty() {
		w.off = v.off
	}
	return w, nil
}

// Diagonal returns the diagonal of dimensions axis1 and axis2, as
// numpy.diagonal: both dimensions are removed and one is appended whose
// positions are [i, i+offset] (offset > 0 above the main diagonal,
// offset < 0 below). Unlike NumPy's, the result is writable when v is. It
// copies no element.
func (v View) Diagonal(offset, axis1, axis2 int) (View, error) {
	src, srcStr := v.dims()
	a, err := normAxis(axis1, len(src))
	if err != nil {
		return View{}, err
	}
	b, err := normAxis(axis2, len(src))
	if err != nil {
		return View{}, err
	}
	if a == b {
		return View{}, fmt.Errorf("%w: axis1 and axis2 cannot be the same", ErrAxis)
	}
	na, nb := src[a], src[b]
	off := v.off
	var n int
	if offset >= 0 {
		n = min(na, nb-min(offset, nb))
		if n > 0 {
			off += offset * srcStr[b]
		}
	} else {
		k := min(-offset, na)
		if offset == minInt {
			k = na
		}
		n = min(na-k, nb)
		if n > 0 {
			off += k * srcStr[a]
		}
	}
	w := v
	dst, dstStr := w.alloc(len(src) - 1)
	o := 0
	for i := range src {
		if i != a && i != b {
			dst[o], dstStr[o] = src[i], srcStr[i]
			o++
		}
	}
	dst[o], dstStr[o] = n, srcStr[a]+srcStr[b]
	if !w.isEmpty() {
		w.off = off
	}
	return w, nil
}

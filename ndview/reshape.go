package ndview

import "fmt"

// Reshape returns a view of the same elements in C order with a new
// shape, one extent of which may be -1 (inferred). It never copies: it
// succeeds exactly where NumPy's reshape returns a view, and otherwise
// returns an error matching ErrNeedsCopy (Clone first to reshape
// anyway). A shape with a different element count gives ErrShape. For
// results of at most four dimensions it allocates nothing.
func (v View) Reshape(shape ...int) (View, error) {
	// A small wrapper that inlines, as Index is, with one return.
	err := v.reshapeInPlace(shape) // the zero View on error
	return v, err
}

func (v *View) reshapeInPlace(shape []int) error {
	if len(shape) <= inlineDims && v.ndim <= inlineDims && v.f != nil && v.reshapeContiguous(shape) {
		return nil
	}
	return v.reshapeSlow(shape)
}

// reshapeSlow is reshapeInPlace for everything but a contiguous view,
// out of line for the same reason as indexSlow.
//
//go:noinline
func (v *View) reshapeSlow(shape []int) error {
	w, err := v.reshape(shape)
	*v = w // reshape returns the zero View with an error
	return err
}

// reshape is Reshape in general, in a function of its own so that the
// fast path's frame stays small.
func (v View) reshape(shape []int) (View, error) {
	if len(shape) > MaxDims {
		return View{}, fmt.Errorf("%w: %d dimensions (at most %d)", ErrShape, len(shape), MaxDims)
	}
	src, srcStr := v.dims()
	w := v
	dst, dstStr := w.alloc(len(shape))
	copy(dst, shape)
	if err := fixUnknown(dst, v.Len()); err != nil {
		return View{}, err
	}
	if _, err := byteCount(v.item, dst); err != nil { // (0, 1<<62): empty, but too big, as NumPy says
		return View{}, fmt.Errorf("%w: %w", ErrShape, err)
	}
	if len(dst) == len(src) {
		same := true
		for i := range dst {
			same = same && dst[i] == src[i]
		}
		if same {
			copy(dstStr, srcStr)
			return w, nil
		}
	}
	if isContig(src, srcStr, v.item, false) {
		fillStrides(dstStr, dst, v.item, false)
		return w, nil
	}
	if !nocopyReshape(src, srcStr, dst, dstStr, v.item) {
		return View{}, fmt.Errorf("%w: cannot reshape a view of shape %v and strides %v to %v", ErrNeedsCopy, dup(src), dup(srcStr), dup(dst))
	}
	return w, nil
}

// reshapeContiguous is Reshape for a C-contiguous view with elements and
// a shape of known extents, in place. It reports false, having changed
// nothing, for anything else, which the general path handles.
func (v *View) reshapeContiguous(shape []int) bool {
	want := v.item
	n := 1
	for i := v.ndim - 1; i >= 0; i-- {
		e := v.shp[i]
		if e == 0 {
			return false
		}
		if e != 1 && v.str[i] != want {
			return false
		}
		want *= e
		n *= e
	}
	m, unknown := 1, -1
	for i, e := range shape {
		if e == -1 && unknown < 0 {
			unknown = i
			continue
		}
		if e <= 0 {
			return false
		}
		var ok bool
		if m, ok = mul(m, e); !ok || m > n {
			return false
		}
	}
	fill := 1
	if unknown >= 0 {
		fill = quo(n, m)
		if fill*m != n {
			return false
		}
	} else if m != n {
		return false
	}
	v.ndim = int32(len(shape))
	acc := v.item
	for i := len(shape) - 1; i >= 0; i-- {
		e := shape[i]
		if i == unknown {
			e = fill
		}
		v.shp[i], v.str[i] = e, acc
		acc *= e
	}
	for i := len(shape); i < inlineDims; i++ {
		v.shp[i], v.str[i] = 0, 0
	}
	return true
}

// Ravel returns the view as one dimension in C order, without copying:
// Reshape(-1).
func (v View) Ravel() (View, error) { return v.Reshape(-1) }

// fixUnknown replaces one -1 in shape by the extent that makes the
// element count n, as NumPy's _fix_unknown_dimension.
func fixUnknown(shape []int, n int) error {
	known, unknown := 1, -1
	for i, e := range shape {
		switch {
		case e == -1:
			if unknown >= 0 {
				return fmt.Errorf("%w: can only specify one unknown dimension", ErrShape)
			}
			unknown = i
		case e < 0:
			return fmt.Errorf("%w: negative dimension %d in reshape", ErrShape, e)
		default:
			var ok bool
			if known, ok = mul(known, e); !ok {
				return fmt.Errorf("%w: shape %v overflows", ErrShape, dup(shape))
			}
		}
	}
	if unknown >= 0 {
		if known == 0 || n%known != 0 {
			return fmt.Errorf("%w: cannot reshape %d elements into shape %v", ErrShape, n, dup(shape))
		}
		shape[unknown] = n / known
		return nil
	}
	if known != n {
		return fmt.Errorf("%w: cannot reshape %d elements into shape %v", ErrShape, n, dup(shape))
	}
	return nil
}

// nocopyReshape is NumPy's _attempt_nocopy_reshape for C order: it
// groups old and new dimensions into runs of equal element count and
// succeeds when each group of old dimensions is contiguous in itself,
// writing the new strides. The view has elements (an empty view is
// contiguous and never gets here).
func nocopyReshape(oldShape, oldStrides, newShape, newStrides []int, item int) bool {
	var od, os [MaxDims]int
	n := 0
	for i, e := range oldShape { // extent-1 dimensions have no effect
		if e != 1 {
			od[n], os[n] = e, oldStrides[i]
			n++
		}
	}
	oi, oj, ni, nj := 0, 1, 0, 1
	for ni < len(newShape) && oi < n {
		np, op := newShape[ni], od[oi]
		for np != op {
			if np < op {
				np *= newShape[nj] // trailing 1s are set below
				nj++
			} else {
				op *= od[oj]
				oj++
			}
		}
		for k := oi; k < oj-1; k++ {
			if os[k] != od[k+1]*os[k+1] {
				return false
			}
		}
		newStrides[nj-1] = os[oj-1]
		for k := nj - 1; k > ni; k-- {
			newStrides[k-1] = newStrides[k] * newShape[k]
		}
		ni = nj
		nj++
		oi = oj
		oj++
	}
	last := item
	if ni >= 1 {
		last = newStrides[ni-1]
	}
	for k := ni; k < len(newShape); k++ {
		newStrides[k] = last
	}
	return true
}

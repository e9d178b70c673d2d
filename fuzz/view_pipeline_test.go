package fuzz

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// FuzzOps: a valid view goes through a program of up to 16
// operations decoded from the input — Index (or IndexString), T,
// Transpose, SwapAxes, Flip, Squeeze, ExpandDims, BroadcastTo, Diagonal,
// Reshape, Ravel, AsReadOnly, Clone, writes (Fill, SetValue, CopyTo), and
// cast.To and cast.LastAxis to any format of viewFormats — with valid and
// invalid arguments, extreme ones included. No operation
// panics; each fails with its documented sentinel exactly where NumPy
// raises, or gives a view that satisfies checkView and holds exactly the
// elements (as byte offsets into the buffer, in C order) that a model of
// the operation, computed here element by element, says it holds.
// Reshape keeps the elements in C order and refuses (ErrNeedsCopy) only
// when no strides give its shape over the same elements; a cast succeeds
// exactly when the elements' offsets are contiguous (in the last axis,
// for LastAxis) and the bytes divide, and its elements are the same bytes
// cut anew. Views are
// read-only after AsReadOnly and BroadcastTo and stay so through every
// later operation but Clone; writes through them fail with ErrReadOnly
// and change nothing. Writes through a writable view change its elements
// and nothing else.
func FuzzOps(f *testing.F) {
	addConformanceSeedsFuzzOps(f)
	for _, seed := range pipelineSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &src{data}
		c := decodeLayout(s, true)
		v, err := ndview.FromLayout(c.buf, c.l)
		if err != nil || elems(c.l.Shape) < 0 {
			return
		}
		m := model{shape: v.Shape(), offs: offsets(v.Offset(), v.Shape(), v.Strides(), false)}
		ro := v.ReadOnly()
		checkModel(t, "FromLayout", v, m, ro)
		var trace []string // the operations so far, for failure messages
		for step := 0; step < 16 && len(s.b) > 0; step++ {
			op := s.n(15)
			var w ndview.View
			var err error
			var want model
			ok := true
			var sentinels []error // what err may match when ok is false
			adopt := true         // continue with w
			nd := len(m.shape)
			switch op {
			case 0: // Index, or IndexString of the same items
				specs := decodeSpecs(s)
				items := make([]ndview.Index, len(specs))
				strs := make([]string, len(specs))
				viaString := s.n(2) == 0
				for i, sp := range specs {
					items[i] = sp.index()
					strs[i] = items[i].String()
					viaString = viaString && sp.kind != 'z' // the zero Index has no string form
				}
				if viaString {
					trace = append(trace, fmt.Sprintf("IndexString(%q)", strings.Join(strs, ",")))
					w, err = v.IndexString(strings.Join(strs, ","))
				} else {
					trace = append(trace, fmt.Sprintf("Index%v", specs))
					w, err = v.Index(items...)
				}
				want, ok = indexModel(m, specs)
				sentinels = []error{ndview.ErrIndex}
			case 1:
				trace = append(trace, "T()")
				w = v.T()
				want = remap(m, reversed(m.shape), func(out, src []int) {
					for i := range out {
						src[len(out)-1-i] = out[i]
					}
				})
			case 2:
				axes := decodePerm(s, nd)
				trace = append(trace, fmt.Sprintf("Transpose%v", axes))
				w, err = v.Transpose(axes...)
				sentinels = []error{ndview.ErrAxis}
				perm, valid := normPerm(axes, nd)
				if !valid {
					ok = false
					break
				}
				shape := make([]int, nd)
				for i, a := range perm {
					shape[i] = m.shape[a]
				}
				want = remap(m, shape, func(out, src []int) {
					for i, a := range perm {
						src[a] = out[i]
					}
				})
			case 3:
				a, b := s.n(2*nd+3)-nd-1, s.n(2*nd+3)-nd-1
				trace = append(trace, fmt.Sprintf("SwapAxes(%d, %d)", a, b))
				w, err = v.SwapAxes(a, b)
				sentinels = []error{ndview.ErrAxis}
				na, okA := normAxis(a, nd)
				nb, okB := normAxis(b, nd)
				if ok = okA && okB; !ok {
					break
				}
				shape := slices.Clone(m.shape)
				shape[na], shape[nb] = shape[nb], shape[na]
				want = remap(m, shape, func(out, src []int) {
					copy(src, out)
					src[na], src[nb] = out[nb], out[na]
				})
			case 4:
				a := s.n(2*nd+3) - nd - 1
				trace = append(trace, fmt.Sprintf("Flip(%d)", a))
				w, err = v.Flip(a)
				sentinels = []error{ndview.ErrAxis}
				na, valid := normAxis(a, nd)
				if ok = valid; !ok {
					break
				}
				want = remap(m, m.shape, func(out, src []int) {
					copy(src, out)
					src[na] = m.shape[na] - 1 - out[na]
				})
			case 5:
				var axes []int
				for range s.n(3) {
					axes = append(axes, s.n(2*nd+3)-nd-1)
				}
				trace = append(trace, fmt.Sprintf("Squeeze%v", axes))
				w, err = v.Squeeze(axes...)
				sentinels = []error{ndview.ErrAxis, ndview.ErrShape}
				drop := make([]bool, nd)
				if len(axes) == 0 {
					for i, e := range m.shape {
						drop[i] = e == 1
					}
				}
				for _, a := range axes {
					na, valid := normAxis(a, nd)
					if !valid || drop[na] || m.shape[na] != 1 {
						ok = false
						break
					}
					drop[na] = true
				}
				if !ok {
					break
				}
				var shape []int
				for i, e := range m.shape {
					if !drop[i] {
						shape = append(shape, e)
					}
				}
				want = remap(m, shape, func(out, src []int) {
					j := 0
					for i := range src {
						if drop[i] {
							src[i] = 0
						} else {
							src[i] = out[j]
							j++
						}
					}
				})
			case 6:
				a := s.n(2*nd+5) - nd - 2
				trace = append(trace, fmt.Sprintf("ExpandDims(%d)", a))
				w, err = v.ExpandDims(a)
				sentinels = []error{ndview.ErrAxis}
				na, valid := normAxis(a, nd+1)
				if ok = valid && nd < ndview.MaxDims; !ok {
					break
				}
				shape := slices.Insert(slices.Clone(m.shape), na, 1)
				want = remap(m, shape, func(out, src []int) {
					copy(src, out[:na])
					copy(src[na:], out[na+1:])
				})
			case 7:
				shape := decodeBroadcast(s, m.shape)
				trace = append(trace, fmt.Sprintf("BroadcastTo%v", shape))
				w, err = v.BroadcastTo(shape...)
				sentinels = []error{ndview.ErrShape}
				lead := len(shape) - nd
				ok = len(shape) <= ndview.MaxDims && lead >= 0 && !tooBig(shape, v.ItemSize()) &&
					!slices.ContainsFunc(shape, func(e int) bool { return e < 0 })
				for j := 0; ok && j < nd; j++ {
					ok = m.shape[j] == shape[lead+j] || m.shape[j] == 1
				}
				if !ok {
					break
				}
				if elems(shape) < 0 {
					// Too many elements to follow: check the view, then go on without it.
					if err != nil || !slices.Equal(w.Shape(), shape) || !w.ReadOnly() {
						t.Fatalf("%s: %s, %v", strings.Join(trace, "."), describe(w), err)
					}
					checkView(t, w)
					adopt = false
					break
				}
				want = remap(m, shape, func(out, src []int) {
					for j := range src {
						if m.shape[j] != 1 {
							src[j] = out[lead+j]
						}
					}
				})
				ro = true
			case 8:
				off := s.small()
				a, b := s.n(2*nd+3)-nd-1, s.n(2*nd+3)-nd-1
				trace = append(trace, fmt.Sprintf("Diagonal(%d, %d, %d)", off, a, b))
				w, err = v.Diagonal(off, a, b)
				sentinels = []error{ndview.ErrAxis}
				na, okA := normAxis(a, nd)
				nb, okB := normAxis(b, nd)
				if ok = okA && okB && na != nb; !ok {
					break
				}
				var n, ka, kb int // the diagonal's length and where it starts on axes a and b
				if off >= 0 {
					n, kb = max(0, min(m.shape[na], m.shape[nb]-off)), off
				} else {
					n = max(0, min(m.shape[na]+off, m.shape[nb]))
					if n > 0 {
						ka = -off
					}
				}
				var shape, rest []int
				for i, e := range m.shape {
					if i != na && i != nb {
						shape = append(shape, e)
						rest = append(rest, i)
					}
				}
				shape = append(shape, n)
				want = remap(m, shape, func(out, src []int) {
					for j, i := range rest {
						src[i] = out[j]
					}
					k := out[len(out)-1]
					src[na], src[nb] = ka+k, kb+k
				})
			case 9, 10:
				var req []int
				if op == 10 {
					trace = append(trace, "Ravel()")
					w, err = v.Ravel()
					req = []int{-1}
				} else {
					req = decodeReshape(s, v.Len())
					trace = append(trace, fmt.Sprintf("Reshape%v", req))
					w, err = v.Reshape(req...)
				}
				shape, valid := reshapeShape(req, v.Len(), v.ItemSize())
				sentinels = []error{ndview.ErrShape}
				if ok = valid; !ok {
					break
				}
				want = model{shape: shape, offs: m.offs}
				if errors.Is(err, ndview.ErrNeedsCopy) {
					// A view of more than maxElems elements (after a
					// broadcast or a cast to smaller items) has no offsets
					// in the model: there is nothing to decide from.
					if (m.offs != nil || v.Len() == 0) && affine(shape, m.offs) {
						t.Fatalf("%s: %v, but strides exist that give shape %v over the same elements (%v)",
							strings.Join(trace, "."), err, shape, m.offs)
					}
					adopt = false
					err = nil
				}
			case 11:
				trace = append(trace, "AsReadOnly()")
				w = v.AsReadOnly()
				want, ro = m, true
			case 12:
				trace = append(trace, "writes")
				checkWrites(t, strings.Join(trace, "."), v, m, s)
				continue
			case 14:
				lastAxis := s.n(2) == 1
				fs := v.ItemFormat().String()
				if k := s.n(len(viewFormats) + 1); k < len(viewFormats) {
					fs = viewFormats[k]
				}
				f := format.MustParse(fs)
				var shape []int
				var errs []error
				var lay ndview.Layout
				if lastAxis {
					trace = append(trace, fmt.Sprintf("LastAxis(%q)", fs))
					w, err = cast.LastAxis(v, fs)
					lay, errs = wantLastAxis(v, f)
				} else {
					shape = decodeCastShape(s)
					trace = append(trace, fmt.Sprintf("To(%q, %v)", fs, shape))
					w, err = cast.To(v, fs, shape...)
					lay, errs = wantTo(v, f, shape)
				}
				want, ok = castModel(t, strings.Join(trace, "."), m, v.ItemSize(), f.Size(), lastAxis, lay, errs)
				sentinels = errs
			case 13:
				trace = append(trace, "Clone()")
				w = v.Clone()
				want = model{shape: m.shape}
				for i := range max(elems(m.shape), 0) {
					want.offs = append(want.offs, i*v.ItemSize())
				}
				ro = false
			}
			what := strings.Join(trace, ".")
			if !ok {
				if !slices.ContainsFunc(sentinels, func(e error) bool { return errors.Is(err, e) }) {
					t.Fatalf("%s of %s: %v, want an error matching %v", what, describe(v), err, sentinels)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s of %s: %v, want shape %v", what, describe(v), err, want.shape)
			}
			if !adopt {
				continue
			}
			checkModel(t, what, w, want, ro)
			v, m = w, want
		}
	})
}

// pipelineSeeds are fitted layouts (lay) followed by programs (op*).
var pipelineSeeds = [][]byte{
	// (2, 3, 4) transposed: Ravel needs a copy; a clone reshapes, then diagonals and writes.
	join(lay("@i", []byte{2, 3, 4}, nil, false, fitted...),
		opTranspose([]int{1, 0}, []bool{false, true, false}), opRavel(), opReshape(4, xNegOne),
		opClone(), opReshape(ext(4), ext(6)), opDiagonal(1, 0, 1, 2), opWrites(0, 1), opDiagonal(-1, 1, 0, 2)),
	// a broadcast is read-only, and so is everything after it; Ravel of it needs a copy.
	join(lay("<h", []byte{3, 1}, nil, false, fitted...),
		opBroadcastTo([]byte{2}, nil, []byte{5}), opWritesRO(3), opIndex(false, iInt(1), iSlice(xNone, xNone, -1)),
		opWritesRO(0), opRavel(), opT(), opReshape(5, 3), opSwapAxes(0, -1, 2), opWritesRO(1)),
	// writes through a strided writable view, flipped.
	join(lay(">d", []byte{3, 3}, items(-2, 3), false, fitted...),
		opWrites(4, 2), opFlip(0, 2), opWrites(8, 0), opFlip(-1, 2), opT(), opWrites(1, 7)),
	// extreme strides on extent-1 dimensions: diagonals, slices with huge steps, reshapes.
	join(lay("@i", []byte{1, 3, 1}, []byte{xMaxInt, 0x01, x1e31}, false, fitted...),
		opDiagonal(0, 0, 2, 3), opIndex(true, iSlice(xMaxInt, xNone, -4), iSlice(small(1), xMaxInt, 3)),
		opReshape(1, 2, 1), opExpandDims(1, 3), opRavel()),
	join(lay("@i", []byte{1, 3, 1}, []byte{xMaxInt, 0x01, x1e31}, false, fitted...),
		opIndex(false, iSlice(xNone, xNone, 4), iEllipsis, iSlice(xNone, xNone, 3)), opSwapAxes(0, 2, 3), opT(),
		opDiagonal(-1, 0, 1, 3), opReshape(3)),
	// dimensions added and squeezed away; bad axes.
	join(lay("B", []byte{5}, nil, false, fitted...),
		opExpandDims(0, 1), opExpandDims(-1, 2), opExpandDims(1, 3), opSqueeze(4, 0, -1), opSqueeze(2, 1),
		opSqueeze(2, 0), opSqueeze(2), opSwapAxes(3, 0, 1), opFlip(-2, 1), opExpandDims(3, 1), opDiagonal(0, 0, 0, 1)),
	// five dimensions (beyond the inline four): transposes, a reshape that needs a copy.
	join(lay("B", []byte{2, 1, 3, 1, 2}, nil, false, fitted...),
		opT(), opTranspose([]int{2, 1, 0, 0}, []bool{true, false, false, true, false}), opSwapAxes(0, 4, 5),
		opReshape(3, 4), opReshape(ext(12)), opIndex(false, iNewAxis, iNewAxis, iNewAxis, iNewAxis, iEllipsis), opRavel()),
	// an index string with new axes and an ellipsis, a negative diagonal, read-only writes.
	join(lay("T{<i:a:>d:b:}", []byte{3, 4}, items(1, 3), false, fitted...),
		opIndex(true, iNewAxis, iEllipsis, iSlice(small(-1), xNone, -2)), opDiagonal(-1, 2, 1, 3),
		opAsReadOnly(), opIndex(true, iSlice(xNone, xNone, -1)), opWritesRO(0), opClone(), opWrites(1, 0)),
	// broadcasts that do not fit, and one too large to follow.
	join(lay("<f", []byte{2, 1}, nil, false, fitted...),
		opBroadcastTo(nil, []byte{3}, nil), opBroadcastTo([]byte{x1e31}, nil, []byte{2}),
		opBroadcastTo([]byte{xNegOne}, nil, nil), opBroadcastTo([]byte{ext(40), ext(40)}, nil, []byte{4}), opRavel()),
	// reshapes of an empty view, and to bad shapes.
	join(lay("B", []byte{0, 3}, nil, false, fitted...),
		opReshape(3, 0, 5), opReshape(xNegOne, 0), opReshape(xNegOne, xNegOne), opReshape(0, 2, xNegOne, 2),
		opReshape(xMinInt, 0), opIndex(false, iInt(0))),
	join(lay("<h", []byte{4, 6}, nil, false, fitted...),
		opIndex(false, iSlice(xNone, xNone, 2), iSlice(small(1), xNone, 2)), opReshape(2, 3, 2), opReshape(4, 3),
		opReshape(ext(12)), opReshape(5, 5), opT(), opReshape(3, 4)),
	// casts: to bytes and back, N-D to N-D with a -1, of a strided view
	// (refused), LastAxis of a strided view, to the empty format (refused).
	join(lay("<h", []byte{4, 6}, nil, false, fitted...),
		opCastTo("B"), opCastTo("<f", 3, xNegOne), opWrites(2, 5), opCastTo(">d", 2, 2, 0),
		opCastTo(">d", 6), opIndex(false, iSlice(xNone, xNone, 2)), opCastTo("B"), opLastAxisTo("<h"),
		opLastAxisTo("3s"), opT(), opLastAxisTo("B"), opCastOwn(), opCastTo("")),
	join(lay("@i", []byte{3, 4}, items(8, 1), true, 0, 0, 2, 0, 7),
		opLastAxisTo("<hd"), opLastAxisTo("B"), opLastAxisTo("2h"), opCastTo("B", 3, 16), opClone(),
		opCastTo("T{<i:a:>d:b:}", 2, xNegOne), opCastTo("(2,3)h", 2), opLastAxisTo("<Zf"), opReshape(ext(12))),
	join(lay("B", []byte{0, 3}, nil, false, fitted...),
		opCastTo("@l", 0, xNegOne), opCastTo("5p", 2, 0, xMaxInt), opLastAxisTo("<e"), opCastOwn()),
}

// castModel is the model of cast.To (or cast.LastAxis) of a view whose
// elements of item bytes are m, to a format of size bytes: the elements
// of the result, worked out from m's byte offsets alone. The contiguity a
// cast needs is decided from the offsets too, and must agree with the
// layout model (lay, errs) that wantTo and wantLastAxis derive from the
// view's strides; the result's shape is lay's. It reports false when the
// cast must fail.
func castModel(t *testing.T, what string, m model, item, size int, lastAxis bool, lay ndview.Layout, errs []error) (model, bool) {
	t.Helper()
	n := elems(m.shape)
	if n < 0 || (m.offs == nil && n > 0) {
		// Too many elements to enumerate: the layout model alone decides.
		return model{shape: lay.Shape}, len(errs) == 0
	}
	notContig := slices.ContainsFunc(errs, func(e error) bool { return errors.Is(e, cast.ErrNotContiguous) })
	// runs reports whether the elements at offs[k*run:(k+1)*run] lie
	// item bytes apart, for every k: C-contiguous when run is n.
	runs := func(run int) bool {
		for k, o := range m.offs {
			if base := m.offs[k-k%run]; o != base+(k%run)*item {
				return false
			}
		}
		return true
	}
	var offs []int
	if lastAxis {
		if size == item {
			return m, len(errs) == 0
		}
		nd := len(m.shape)
		if nd == 0 || size == 0 {
			return model{}, false
		}
		last := m.shape[nd-1]
		if contig := n == 0 || runs(last); contig == notContig {
			t.Fatalf("%s: elements at %v (item %d), last axis contiguous %v; the layout model's errors %v", what, m.offs, item, contig, errs)
		}
		if len(errs) > 0 {
			return model{}, false
		}
		if elems(lay.Shape) < 0 {
			return model{shape: lay.Shape}, true
		}
		for r := 0; r < n; r += last {
			for j := range lay.Shape[nd-1] {
				offs = append(offs, m.offs[r]+j*size)
			}
		}
		return model{shape: lay.Shape, offs: offs}, true
	}
	if contig := n == 0 || runs(n); contig == notContig {
		t.Fatalf("%s: elements at %v (item %d), C-contiguous %v; the layout model's errors %v", what, m.offs, item, contig, errs)
	}
	if len(errs) > 0 {
		return model{}, false
	}
	if n*item != elems(lay.Shape)*size && elems(lay.Shape) >= 0 {
		t.Fatalf("%s: %d elements of %d bytes cast to shape %v of %d-byte elements", what, n, item, lay.Shape, size)
	}
	for j := range max(elems(lay.Shape), 0) {
		offs = append(offs, m.offs[0]+j*size)
	}
	return model{shape: lay.Shape, offs: offs}, true
}

// remap builds the model of a view of shape whose element at out is the
// element of m at the index at writes into src.
func remap(m model, shape []int, at func(out, src []int)) model {
	r := model{shape: shape}
	n := elems(shape)
	if m.offs == nil || n < 0 {
		return r
	}
	src := make([]int, len(m.shape))
	for k := range n {
		at(unravel(k, shape), src)
		r.offs = append(r.offs, m.offs[ravel(src, m.shape)])
	}
	return r
}

func reversed(s []int) []int {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

func normAxis(a, n int) (int, bool) {
	if a < 0 {
		a += n
	}
	return a, a >= 0 && a < n
}

// decodePerm decodes the axes of a Transpose: none (reverse), a
// permutation with some axes negative, or, now and then, one that is not.
func decodePerm(s *src, nd int) []int {
	mode := s.n(8)
	if mode == 0 {
		return nil
	}
	perm := make([]int, nd)
	for i := range perm {
		perm[i] = i
	}
	for i := nd - 1; i > 0; i-- {
		j := s.n(i + 1)
		perm[i], perm[j] = perm[j], perm[i]
	}
	for i := range perm {
		if s.n(4) == 0 {
			perm[i] -= nd
		}
	}
	switch {
	case mode == 6 && nd > 0:
		perm[s.n(nd)] = perm[s.n(nd)]
	case mode == 7:
		if nd > 0 && s.n(2) == 0 {
			perm = perm[:nd-1]
		} else {
			perm = append(perm, s.n(2*nd+3)-nd-1)
		}
	}
	return perm
}

// normPerm normalises the axes of a Transpose and reports whether they
// are a permutation of nd axes (no axes: the reversal).
func normPerm(axes []int, nd int) ([]int, bool) {
	if len(axes) == 0 {
		return reversed(seq(nd)), true
	}
	if len(axes) != nd {
		return nil, false
	}
	seen := make([]bool, nd)
	perm := make([]int, nd)
	for i, a := range axes {
		na, ok := normAxis(a, nd)
		if !ok || seen[na] {
			return nil, false
		}
		seen[na] = true
		perm[i] = na
	}
	return perm, true
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// decodeBroadcast decodes a target shape for BroadcastTo: new leading
// dimensions, extent-1 dimensions stretched, and now and then a
// dimension that does not fit or is huge.
func decodeBroadcast(s *src, shape []int) []int {
	var out []int
	for range s.n(3) {
		out = append(out, s.extent())
	}
	for _, e := range shape {
		switch b := s.n(8); {
		case e == 1 && b < 4, b == 7:
			out = append(out, s.extent())
		default:
			out = append(out, e)
		}
	}
	if s.n(16) == 0 && len(out) > 0 {
		out = out[1:]
	}
	return out
}

// decodeReshape decodes a shape for Reshape of a view of n elements:
// mostly a factorisation of n with extent-1 dimensions and perhaps one
// -1, sometimes an arbitrary shape or one with a huge extent.
func decodeReshape(s *src, n int) []int {
	mode := s.n(8)
	if mode == 0 {
		out := make([]int, s.n(5))
		for i := range out {
			out[i] = s.extent()
		}
		return out
	}
	var out []int
	rem := n
	for range s.n(5) {
		if rem == 0 {
			out = append(out, s.n(4))
			continue
		}
		var divs []int
		for d := 1; d <= rem; d++ {
			if rem%d == 0 {
				divs = append(divs, d)
			}
		}
		d := divs[s.n(len(divs))]
		out = append(out, d)
		rem /= d
	}
	out = slices.Insert(out, s.n(len(out)+1), rem)
	switch mode {
	case 1, 2:
		out[s.n(len(out))] = -1
	case 3:
		out[s.n(len(out))]++
	case 4:
		out = slices.Insert(out, s.n(len(out)+1), s.extent())
	}
	return out
}

// reshapeShape works out the shape Reshape(req...) gives a view of n
// elements of item bytes, with exact arithmetic, or reports false where
// NumPy raises: more than MaxDims dimensions, two -1s, a negative extent,
// a different element count, or a size that overflows.
func reshapeShape(req []int, n, item int) ([]int, bool) {
	if len(req) > ndview.MaxDims {
		return nil, false
	}
	unknown := -1
	p := big.NewInt(1)
	for i, e := range req {
		switch {
		case e == -1 && unknown < 0:
			unknown = i
		case e < 0:
			return nil, false
		default:
			p.Mul(p, big.NewInt(int64(e)))
		}
	}
	shape := slices.Clone(req)
	bn := big.NewInt(int64(n))
	if unknown >= 0 {
		if p.Sign() == 0 || new(big.Int).Rem(bn, p).Sign() != 0 {
			return nil, false
		}
		shape[unknown] = int(new(big.Int).Quo(bn, p).Int64())
	} else if p.Cmp(bn) != 0 {
		return nil, false
	}
	if tooBig(shape, item) {
		return nil, false
	}
	return shape, true
}

// affine reports whether some strides lay out the elements at offs (C
// order) in the given shape: a view of them exists without a copy.
func affine(shape, offs []int) bool {
	if len(offs) == 0 {
		return true
	}
	st := make([]int, len(shape))
	for d, e := range shape {
		if e > 1 {
			idx := make([]int, len(shape))
			idx[d] = 1
			st[d] = offs[ravel(idx, shape)] - offs[0]
		}
	}
	for k, o := range offs {
		want := offs[0]
		for d, i := range unravel(k, shape) {
			want += i * st[d]
		}
		if want != o {
			return false
		}
	}
	return true
}

// disjoint reports whether elements of item bytes at offs share no byte.
func disjoint(offs []int, item int) bool {
	s := slices.Clone(offs)
	slices.Sort(s)
	for i := 1; i < len(s); i++ {
		if s[i]-s[i-1] < item {
			return false
		}
	}
	return true
}

// footprint marks the buffer bytes that the elements at offs occupy.
func footprint(n int, offs []int, item int) []bool {
	in := make([]bool, n)
	for _, o := range offs {
		for i := o; i < o+item; i++ {
			in[i] = true
		}
	}
	return in
}

// sameOutside reports whether a and b agree on every byte outside in.
func sameOutside(a, b []byte, in []bool) bool {
	for i := range a {
		if !in[i] && a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkWrites writes through v (whose elements are m) and checks the
// outcome: a read-only view refuses Fill, SetValue and CopyTo with
// ErrReadOnly and its buffer does not change; a writable one takes the
// values, every element reading back what was written when no two
// elements share a byte, and no byte outside its elements changes.
func checkWrites(t *testing.T, what string, v ndview.View, m model, s *src) {
	t.Helper()
	f := v.Layout().Format
	n, item := v.Len(), v.ItemSize()
	if m.offs == nil && n > 0 {
		return
	}
	buf := v.Buffer()
	before := bytes.Clone(buf)
	snap := v.Clone()
	var x any
	if n > 0 && !hasField(f, isOpaque) {
		var err error
		if x, err = v.Value(unravel(s.n(n), m.shape)...); err != nil {
			t.Fatalf("%s: Value: %v", what, err)
		}
	}
	if v.ReadOnly() {
		if err := v.Fill(x); !errors.Is(err, ndview.ErrReadOnly) {
			t.Fatalf("%s: Fill on a read-only view: %v", what, err)
		}
		if n > 0 {
			if err := v.SetValue(x, unravel(0, m.shape)...); !errors.Is(err, ndview.ErrReadOnly) {
				t.Fatalf("%s: SetValue on a read-only view: %v", what, err)
			}
		}
		if err := snap.CopyTo(v); !errors.Is(err, ndview.ErrReadOnly) {
			t.Fatalf("%s: CopyTo a read-only view: %v", what, err)
		}
		if !bytes.Equal(before, buf) {
			t.Fatalf("%s: writes to a read-only view changed its buffer", what)
		}
		return
	}
	if x == nil {
		return
	}
	in := footprint(len(buf), m.offs, item)
	dis := disjoint(m.offs, item)
	packed, err := packValue(f, x)
	if err != nil {
		t.Fatalf("%s: packing the value %v read from the view: %v", what, x, err)
	}
	if err := v.Fill(x); err != nil {
		t.Fatalf("%s: Fill(%v): %v", what, x, err)
	}
	if dis {
		for k, o := range m.offs {
			if !bytes.Equal(buf[o:o+item], packed) {
				t.Fatalf("%s: after Fill(%v) element %d is %x, want %x", what, x, k, buf[o:o+item], packed)
			}
		}
	}
	// Put back one element with SetValue, then all of them with CopyTo.
	k := s.n(n)
	y, err := snap.Value(unravel(k, m.shape)...)
	if err != nil {
		t.Fatalf("%s: Value of the clone: %v", what, err)
	}
	if err := v.SetValue(y, unravel(k, m.shape)...); err != nil {
		t.Fatalf("%s: SetValue(%v): %v", what, y, err)
	}
	py, _ := packValue(f, y)
	if o := m.offs[k]; dis && !bytes.Equal(buf[o:o+item], py) {
		t.Fatalf("%s: after SetValue(%v) element %d is %x, want %x", what, y, k, buf[o:o+item], py)
	}
	if err := snap.CopyTo(v); err != nil {
		t.Fatalf("%s: CopyTo from a clone: %v", what, err)
	}
	if dis && !bytes.Equal(before, buf) {
		t.Fatalf("%s: CopyTo from a clone does not restore the view: %x, want %x", what, buf, before)
	}
	if !sameOutside(before, buf, in) {
		t.Fatalf("%s: writes changed bytes outside the view's elements", what)
	}
}

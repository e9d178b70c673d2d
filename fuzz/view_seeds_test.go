package fuzz

import "slices"

// Seed inputs for the view targets are written with these helpers, which
// encode what the decoders (src, decodeLayout, decodeSpecs and the
// operations of FuzzOps) read, so that a seed says what it builds.

// fmtIdx is the index of s in formats.
func fmtIdx(formats []string, s string) byte {
	i := slices.Index(formats, s)
	if i < 0 {
		panic("fmtIdx: no format " + s)
	}
	return byte(i)
}

// ext encodes an extent for src.extent: 0-55 as themselves, or xHuge etc.
func ext(e int) byte {
	if e < 8 {
		return byte(e)
	}
	if e < 56 {
		return byte(0xc0 + e)
	}
	panic("ext: use an extreme")
}

// Extreme extents (src.extent) and strides, offsets and positions
// (extremes).
const (
	xMaxInt   = 0xf8 // math.MaxInt
	x1e31     = 0xf9 // extent 1<<31; as a stride or position, math.MinInt
	x1e32     = 0xfa // extent 1<<32; otherwise math.MaxInt/2+1
	x1e62     = 0xfb // extent 1<<62; otherwise math.MinInt/2
	xNegOne   = 0xfc // extent -1; otherwise 1<<32
	xMinInt   = 0xfd // extent math.MinInt; otherwise -(1<<32)
	xTooMany  = 0xfe // extent maxElems+1; otherwise math.MaxInt-7
	xThirdMax = 0xff // extent math.MaxInt/3; otherwise math.MinInt+1
	xNone     = 0xf9 // math.MinInt, ndview.None, as a position or bound
)

// items encodes strides in units of the itemsize for src.stride (-16..15).
func items(k ...int) []byte {
	b := make([]byte, len(k))
	for i, x := range k {
		b[i] = byte(x) & 0x1f
	}
	return b
}

// raw encodes a stride of r bytes (-12..11) for src.stride.
func raw(r int) byte { return byte(0xe0 + r + 12) }

// small encodes a position for src.small (-10..10).
func small(x int) byte { return byte(x + 10) }

// lay encodes a layout for decodeLayout: the format, the extents (ext),
// the strides (nil: C order, as a nil Layout.Strides), read-only, then
// the bytes that place it in a buffer. Fitted (FuzzIndexExpr, FuzzOps,
// FuzzTyped's first byte even), place is the slack before and after the
// elements, the buffer's shift in its array, the spare capacity and a
// fill seed; for FuzzView a buffer mode comes first (fitMode and so on,
// or rawBuf).
func lay(format string, extents []byte, strides []byte, ro bool, place ...byte) []byte {
	return layOf(viewFormats, format, extents, strides, ro, place...)
}

// tlay is lay for FuzzTyped: fitted, with a format from typedFormats.
func tlay(format string, extents []byte, strides []byte, ro bool, place ...byte) []byte {
	return append([]byte{0}, layOf(typedFormats, format, extents, strides, ro, place...)...)
}

func layOf(formats []string, format string, extents []byte, strides []byte, ro bool, place ...byte) []byte {
	b := []byte{fmtIdx(formats, format), 2, byte(len(extents))}
	b = append(b, extents...)
	if strides == nil {
		b = append(b, 0)
	} else {
		b = append(b, 3)
		b = append(b, strides...)
	}
	b = append(b, 1) // as many strides as dimensions
	if ro {
		b = append(b, 0)
	} else {
		b = append(b, 1)
	}
	return append(b, place...)
}

// fitted is the placement of a layout with no slack, shift 0 and fill 7.
var fitted = []byte{0, 0, 0, 0, 7}

// Buffer modes for FuzzView.
const (
	rawBuf     = 0 // then a 2-byte length and an offset byte (with a low nibble byte)
	fitBuf     = 1
	shortEnd   = 2 // the buffer one byte too short
	shortStart = 3 // the offset one byte too small
)

// Pipeline operations (FuzzOps) with their arguments. nd is the
// number of dimensions of the view the operation applies to.
func opIndex(viaString bool, specs ...[]byte) []byte {
	b := []byte{0, byte(len(specs))}
	for _, s := range specs {
		b = append(b, s...)
	}
	if viaString {
		return append(b, 0)
	}
	return append(b, 1)
}

// Index items for decodeSpecs.
func iInt(k int) []byte { return []byte{0, small(k)} }

// iSlice encodes start:stop:step; a step of 0 is a zero step, and
// xNone (as a byte) stands for None in start and stop.
func iSlice(start, stop byte, step int) []byte { return []byte{3, byte(step + 4), start, stop} }
func iSliceNoStep(start, stop byte) []byte     { return []byte{3, 0xf0, start, stop} }

var (
	iEllipsis = []byte{6}
	iNewAxis  = []byte{7}
	iZero     = []byte{8}
)

func opT() []byte { return []byte{1} }

// opTranspose: the permutation as Fisher-Yates choices (for i = nd-1 down
// to 1, swap i with j), then which axes to write as negative.
func opTranspose(swaps []int, negative []bool) []byte {
	b := []byte{2, 1}
	for _, j := range swaps {
		b = append(b, byte(j))
	}
	for _, neg := range negative {
		if neg {
			b = append(b, 0)
		} else {
			b = append(b, 1)
		}
	}
	return b
}

func axis(a, nd int) byte { return byte(a + nd + 1) }

func opSwapAxes(a, b, nd int) []byte { return []byte{3, axis(a, nd), axis(b, nd)} }
func opFlip(a, nd int) []byte        { return []byte{4, axis(a, nd)} }
func opSqueeze(nd int, axes ...int) []byte {
	b := []byte{5, byte(len(axes))}
	for _, a := range axes {
		b = append(b, axis(a, nd))
	}
	return b
}
func opExpandDims(a, nd int) []byte { return []byte{6, byte(a + nd + 2)} }

// opBroadcastTo: new leading extents, then for each dimension 0 to keep
// it (stretching extent 1 to the next byte's extent when stretch says).
func opBroadcastTo(lead []byte, stretch ...[]byte) []byte {
	b := []byte{7, byte(len(lead))}
	b = append(b, lead...)
	for _, s := range stretch {
		if s == nil {
			b = append(b, 4) // keep
		} else {
			b = append(b, 7)
			b = append(b, s...)
		}
	}
	return append(b, 1) // do not drop a dimension
}

func opDiagonal(offset, a, b, nd int) []byte {
	return []byte{8, small(offset), axis(a, nd), axis(b, nd)}
}

// opReshape: extents as src.extent bytes (xNegOne for -1).
func opReshape(extents ...byte) []byte {
	return append([]byte{9, 0, byte(len(extents))}, extents...)
}

func opRavel() []byte      { return []byte{10} }
func opAsReadOnly() []byte { return []byte{11} }

// opWrites: Fill with the value of element fill, then SetValue at
// element set (C-order positions modulo the element count).
func opWrites(fill, set byte) []byte { return []byte{12, fill, set} }

// opWritesRO: writes through a read-only view, which read one element.
func opWritesRO(elem byte) []byte { return []byte{12, elem} }
func opClone() []byte             { return []byte{13} }

func join(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// opCastTo: cast.To to format (of viewFormats; "" is the empty format,
// not the view's own) and the extents (src.extent bytes; nil: one
// dimension, decodeCastShape's first choice).
func opCastTo(format string, extents ...byte) []byte {
	b := []byte{14, 0, fmtIdx(viewFormats, format)}
	if extents == nil {
		return append(b, 0)
	}
	return append(append(b, 2, byte(len(extents))), extents...)
}

// opLastAxisTo: cast.LastAxis to format (of viewFormats).
func opLastAxisTo(format string) []byte { return []byte{14, 1, fmtIdx(viewFormats, format)} }

// opCastOwn: cast.To the view's own format, one dimension.
func opCastOwn() []byte { return []byte{14, 0, byte(len(viewFormats)), 0} }

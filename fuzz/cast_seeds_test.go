package fuzz

import (
	"math"
	"slices"
)

// Seed inputs for FuzzCast and FuzzConvert, written with helpers that
// encode what the targets decode.

// FuzzCast: a fitted layout (fit, as lay with fitted placement), the
// format, the operation, and for To the shape.

// fit is a layout for FuzzCast (of a format from castFormats), placed
// with no slack (see lay).
func fit(format string, extents []byte, strides []byte, ro bool) []byte {
	return append([]byte{0}, layOf(castFormats, format, extents, strides, ro, fitted...)...)
}

// castOps: To or LastAxis, and whether small results go through
// checkView.
const (
	opTo       = 0
	opLastAxis = 1
	opDeep     = 2
)

// castTo encodes To(layout, format, shape) (shape from castNoShape,
// castShapeFill or castShape); castOwn and castRaw stand for the view's
// own format and a raw format string.
func castTo(layout []byte, format string, op byte, shape []byte) []byte {
	return join(layout, []byte{fmtIdx(castFormats, format), op}, shape)
}

func castLast(layout []byte, format string, op byte) []byte {
	return join(layout, []byte{fmtIdx(castFormats, format), op | opLastAxis})
}

func castOwn(layout []byte, op byte, shape []byte) []byte {
	return join(layout, []byte{byte(len(castFormats)), op}, shape)
}

func castRaw(layout []byte, format string, op byte, shape []byte) []byte {
	return join(layout, []byte{byte(len(castFormats) + 1), byte(len(format))}, []byte(format), []byte{op}, shape)
}

var castNoShape = []byte{0}

// castShapeFill: the extents with a -1 inserted at position at.
func castShapeFill(at int, extents ...byte) []byte {
	return append([]byte{1, byte(len(extents)), byte(at)}, extents...)
}

// castShape: up to five extents (ext, or the extremes: xNegOne is -1).
func castShape(extents ...byte) []byte {
	return append([]byte{2, byte(len(extents))}, extents...)
}

// castManyDims: 9 to 12 extents; castTooManyDims: MaxDims+1 extents of
// 1, one of them -1.
func castManyDims(extents ...byte) []byte {
	return append([]byte{2, 0xfe, byte(len(extents) - 9)}, extents...)
}

var castTooManyDims = []byte{2, 0xff, 3}

var castSeeds = [][]byte{
	// A (3, 4) <d view as bytes, and bytes as (3, -1) <d; as (12, 8) bytes, as (-1, 4) records.
	castTo(fit("<d", []byte{3, 4}, nil, false), "B", opTo|opDeep, castNoShape),
	castTo(fit("B", []byte{ext(24)}, nil, false), "<d", opTo|opDeep, castShapeFill(1, 3)),
	castTo(fit("<d", []byte{3, 4}, nil, true), "B", opTo, castShape(ext(12), ext(8))),
	castTo(fit("<d", []byte{3, 4}, nil, false), "T{<i:a:>d:b:}", opTo|opDeep, castShapeFill(0, 2)),
	// Native views as their Go types: at an odd address, and not.
	castTo(append([]byte{0}, layOf(castFormats, "@i", []byte{4, 2}, nil, false, 0, 0, 1, 0, 3)...), "i", opTo, castNoShape),
	castTo(fit("d", []byte{2, 3}, nil, false), "Zd", opTo|opDeep, castShape(3)),
	castTo(fit("B", []byte{ext(16)}, nil, false), "n", opTo|opDeep, castShape(2)),
	// Not C-contiguous: To refuses; LastAxis reads the contiguous last axis.
	castTo(fit("<d", []byte{3, 4}, items(1, 3), false), "B", opTo, castNoShape),
	castLast(fit("Zd", []byte{4, 3}, items(6, 1), false), "<d", opDeep),
	castLast(fit("<d", []byte{4, 6}, items(6, 1), true), "Zd", opDeep),
	castLast(fit("<i", []byte{3, 4}, items(1, 3), false), "B", 0),
	castLast(fit("<i", []byte{3, 4}, items(1, 3), false), ">f", opDeep),
	castLast(fit("=q", []byte{4, 4}, items(0, 0), false), "2h", opDeep),
	castLast(fit("<h", []byte{3, 1}, []byte{raw(3), xMaxInt}, false), "B", opDeep),
	castLast(fit("<h", []byte{3, 5}, nil, false), "<i", 0),
	castLast(fit("<d", nil, nil, false), "B", 0),
	castLast(fit("B", []byte{3, 0}, items(5, 9), false), "<d", opDeep),
	// Shapes: two -1s, a negative extent, an overflowing product, one
	// brought back by a zero, too many dimensions, many dimensions.
	castTo(fit("B", []byte{ext(12)}, nil, false), "B", opTo, castShape(xNegOne, xNegOne)),
	castTo(fit("B", []byte{ext(12)}, nil, false), "B", opTo, castShape(xMinInt, 3)),
	castTo(fit("B", []byte{ext(12)}, nil, false), "B", opTo, castShape(xMaxInt, xMaxInt)),
	castTo(fit("B", []byte{ext(12)}, nil, false), "h", opTo, castShape(xMaxInt, xMaxInt, 0)),
	castTo(fit("B", []byte{0}, nil, false), "<d", opTo, castShape(xMaxInt, 0, x1e62)),
	castTo(fit("B", []byte{0, 3}, nil, false), "<d", opTo, castShapeFill(1, 0)),
	castTo(fit("B", []byte{ext(12)}, nil, false), "B", opTo, castTooManyDims),
	castTo(fit("B", []byte{ext(12)}, nil, false), "B", opTo, castManyDims(1, 2, 1, 3, 1, 2, 1, 1, 1, 1)),
	// 0-dimensional views: To gives one element, LastAxis keeps the size or refuses.
	castTo(fit("<d", nil, nil, false), "<q", opTo|opDeep, castNoShape),
	castTo(fit("<d", nil, nil, false), "B", opTo, castShape(2, 2, 2)),
	castLast(fit("<d", nil, nil, true), "=q", opDeep),
	// Formats without bytes, and format strings that do not parse.
	castTo(fit("B", []byte{4}, nil, false), "", opTo, castNoShape),
	castLast(fit("B", []byte{4}, nil, false), "0s", 0),
	castTo(fit("B", []byte{4}, nil, false), "T{", opTo, castNoShape),
	castTo(fit("B", []byte{4}, nil, false), "99999999999999999999s", opTo, castNoShape),
	castRaw(fit("<h", []byte{2, 3}, nil, false), "3h", opTo|opDeep, castNoShape),
	castRaw(fit("<h", []byte{2, 3}, nil, false), "T{h:a:", opLastAxis, nil),
	// The view's own format and shape; an invalid layout (the zero View).
	castOwn(fit("T{h:x:(2)B:y:}", []byte{2, 3}, nil, false), opTo|opDeep, castShape(3, 2)),
	castOwn(fit("T{b:a:xxxH:b:}", []byte{2, 3}, items(-3, 1), false), opLastAxis|opDeep, nil),
	castTo(append([]byte{1}, layOf(castFormats, "B", []byte{5}, nil, false, shortEnd, 0, 0, 0, 0, 3)...), "B", opTo, castNoShape),
}

// FuzzConvert: the two formats (convFmt), the extents, then (rest) the
// other shape (0: another shape), the memory mode (0 two arrays, 1 the
// destination over the source's elements, else one array), each side's
// strides as copyView reads them (0 C, 1 F, 2 permuted, 3 gaps, 4
// given), the shifts of element 0, the buffers' starts and the slack, the
// read-only flags (source: 0 is read-only; destination: 0 is), the fill
// (0 a pattern, 1 a pattern from the input, 2 a pattern and special
// values, fsp and isp, in the source's elements; 3 the same over small
// values), its seeds and values.
func convIn(srcFmt, dstFmt string, extents []byte, rest ...byte) []byte {
	return join(convFmt(srcFmt), convFmt(dstFmt), []byte{byte(len(extents))}, extents, rest)
}

func convFmt(s string) []byte {
	if i := slices.Index(convertFormats, s); i >= 0 {
		return []byte{byte(i)}
	}
	return []byte{byte(len(convertFormats)), byte(slices.Index(nonNumeric, s))}
}

// fsp and isp encode a special value (setSpecial) of floatSpecials and
// intSpecials; im encodes a complex's imaginary part.
func fsp(x float64) byte {
	for i, y := range floatSpecials {
		if x == y && math.Signbit(x) == math.Signbit(y) || x != x && y != y {
			return byte(i + len(floatSpecials))
		}
	}
	panic("fsp: no special value")
}

func isp(x int64) byte {
	if i := slices.Index(intSpecials, x); i >= 0 {
		return byte(i + len(intSpecials))
	}
	panic("isp: no special value")
}

func im(x float64) byte {
	k := int(fsp(x)) % len(floatSpecials)
	return byte(0x80 + (k-0x80%len(floatSpecials)+len(floatSpecials))%len(floatSpecials))
}

// Common tails: same shape, two arrays, C order on both sides, no shifts,
// both writable, special values follow.
var (
	cTwoArrays = []byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 7, 8}
)

var convertSeeds = [][]byte{
	// Floats into int8: truncation, then a value out of range (a RangeError).
	convIn("<d", "b", []byte{2, 4}, join(cTwoArrays, []byte{fsp(1.5), fsp(-0.9999), fsp(127.5), fsp(-128.99), fsp(-0.5), fsp(128), fsp(1), fsp(1)})...),
	// NaN and infinities into an integer; into ?.
	convIn(">f", "<q", []byte{3}, join(cTwoArrays, []byte{fsp(1), fsp(math.NaN()), fsp(1)})...),
	convIn("d", "?", []byte{5}, join(cTwoArrays, []byte{fsp(0), fsp(math.Copysign(0, -1)), fsp(math.NaN()), fsp(math.Inf(-1)), fsp(5e-324)})...),
	// e's range; standard f's range; native f overflows to infinity.
	convIn("<d", ">e", []byte{4}, join(cTwoArrays, []byte{fsp(65504), fsp(65519.99), fsp(6e-8), fsp(65520)})...),
	convIn("<d", "<f", []byte{3}, join(cTwoArrays, []byte{fsp(math.MaxFloat32), fsp(3.4028235677973366e38), fsp(1e39)})...),
	convIn("<d", "f", []byte{3}, join(cTwoArrays, []byte{fsp(math.MaxFloat32), fsp(1e39), fsp(math.Inf(-1))})...),
	// Integers: ranges across signedness and sizes, into floats through float64.
	convIn("<q", "<H", []byte{4}, join(cTwoArrays, []byte{isp(65535), isp(0), isp(-1), isp(1)})...),
	convIn(">Q", "q", []byte{3}, join(cTwoArrays, []byte{isp(math.MaxInt64), isp(-1), isp(1)})...),
	convIn("<q", "e", []byte{3}, join(cTwoArrays, []byte{isp(65519), isp(65504), isp(65520)})...),
	convIn("n", ">f", []byte{3}, join(cTwoArrays, []byte{isp(16777217), isp(math.MaxInt64 - 511), isp(math.MinInt64)})...),
	convIn("P", "N", []byte{2}, cTwoArrays...),
	// Complex: a real part alone, an imaginary part that does not fit a real.
	convIn("<Zd", ">d", []byte{3}, join(cTwoArrays, []byte{fsp(1), im(0), fsp(1.5), im(0), fsp(-0.5), im(1)})...),
	convIn(">Zf", "Zd", []byte{2, 2}, cTwoArrays...),
	convIn("d", "<Zf", []byte{3}, join(cTwoArrays, []byte{fsp(1), fsp(math.MaxFloat32), fsp(1e39)})...),
	convIn("Zd", "?", []byte{3}, join(cTwoArrays, []byte{fsp(0), im(math.Copysign(0, -1)), fsp(0), im(math.NaN()), fsp(0), im(0)})...),
	convIn("?", "Zd", []byte{4}, join(cTwoArrays, []byte{1, 2, 0, 0xff})...),
	// One array: the destination over the source's elements (converted in
	// place, same size), over them with another size, and overlapping.
	convIn("<i", "<f", []byte{ext(20)}, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 3),
	convIn("<d", "<b", []byte{ext(10)}, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 3),
	convIn("<h", ">H", []byte{ext(20)}, 1, 2, 4, 0x1f, 0, 4, 0, 0, 0, 0, 1, 1, 1, 0, 5),
	convIn("B", "<q", []byte{4, 4}, 1, 2, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 2),
	// Zero strides in the source (a broadcast), unaligned strides, a
	// transposed source, gaps.
	convIn(">q", "Zd", []byte{3, 4}, 1, 0, 4, 0, 0x01, 0, 0, 0, 0, 0, 0, 1, 1, 2, 7, 8, isp(math.MaxInt64)),
	convIn("<d", "i", []byte{3, 3}, 1, 0, 4, raw(5), raw(-7), 3, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 2),
	convIn("=H", "d", []byte{ext(20), ext(20)}, 1, 2, 2, 0, 3, 2, 0, 0, 0, 0, 0, 1, 1, 0, 9),
	convIn("<f", "e", []byte{ext(40), ext(25)}, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 4, 5),
	// Small values, converted in place and not, with a value that does not fit in the middle.
	convIn("<d", "<h", []byte{ext(30), ext(20)}, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3, 7, 8, 0, 0, 0, 0, fsp(-128.5), 0, 0, fsp(32768)),
	convIn("<f", "<i", []byte{ext(40), ext(25)}, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 3, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, fsp(math.Inf(1))),
	convIn(">i", "b", []byte{ext(30), ext(30)}, 1, 2, 2, 0, 0, 0, 4, 0, 0, 0, 1, 1, 3, 5, 0, 0, isp(127), isp(128)),
	// Errors: a read-only destination, another shape, formats that are not numbers.
	convIn("<d", "<d", []byte{3}, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2),
	convIn("<d", "<i", []byte{3, 2}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1),
	convIn("c", "<i", []byte{3}, cTwoArrays...),
	convIn("<i", "3s", []byte{3}, cTwoArrays...),
	// 0-dimensional and empty views.
	convIn("<d", "B", nil, join(cTwoArrays, []byte{fsp(255.9)})...),
	convIn("<d", "B", []byte{0, 3}, cTwoArrays...),
	convIn("<f", "c", []byte{0}, cTwoArrays...),
}

package ndview

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ndview/ndview/format"
)

// Printing follows numpy/core/arrayprint.py (NumPy 1.24) with the default
// print options, so that a View prints exactly as NumPy prints the array
// np.asarray(memoryview) would give: the same column widths, float digits,
// line wrapping and summarisation. The element formats follow NumPy's
// reading of the PEP 3118 format: a format of one repeated or sub-array
// field ("3h", "(2,3)d") is a sub-array dtype, whose dimensions NumPy
// appends to the array's shape; several fields are a structured dtype,
// printed as tuples.

// NumPy's default print options.
const (
	printThreshold = 1000 // arrays of more elements are summarised
	printEdgeItems = 3    // elements kept at each end of a summarised dimension
	printLineWidth = 75   // the width lines are wrapped to
	printPrecision = 8    // most fraction digits of a float ('maxprec' mode)
)

// String returns the elements as NumPy's str() prints the same array:
// "[[1 2 3]\n [4 5 6]]", floats in NumPy's shortest-unique style with a
// common width per column ("[1.5 2.  3. ]"), lines wrapped at 75
// characters, and views of more than 1000 elements summarised to their
// first and last 3 items in each dimension around "...". A 0-dimensional
// view prints its element as NumPy prints the scalar ("1.5", "(1+2j)"),
// a view without elements prints "[]", and the zero View prints "[]".
//
// It reads only the elements it shows, so printing a view of 10^8
// elements costs about as much as printing one of 1000, and allocates
// the string and a little scratch space.
func (v View) String() string {
	if v.ItemFormat() == nil {
		return "[]"
	}
	p := newPrinter(v, nil)
	if p == nil {
		return "[]"
	}
	return string(p.appendStr(nil))
}

// GoString returns a representation modelled on NumPy's repr, which fmt
// prints for %#v: ", " between elements, "View(" for "array(", and the
// format and shape in place of the dtype:
//
//	View([[1, 2, 3],
//	      [4, 5, 6]], format='<i', shape=(2, 3))
//
// The zero View gives "View(nil)". Like String it reads only the
// elements it shows; it allocates the string.
func (v View) GoString() string { return string(v.appendRepr(nil)) }

// Format implements fmt.Formatter. %v and %s print String (honouring a
// width, precision and the '-' flag as they apply to a string); %+v and
// %#v print GoString. The other verbs format every element with that
// verb, flags, width and precision, as fmt would format the element's Go
// value, pad the elements of each column (each field, for records) to a
// common width, and lay them out as String does: %d, %o, %O, %b, %x and %X
// for integer formats, %e, %E, %f, %F, %g and %G for float and complex
// formats, %t for bools, %q, %x and %X for byte strings (c, s, p and named
// x) and %q for unicode strings (w, u). A verb that does not fit every
// value of the format prints as fmt reports a bad verb:
// %!z(ndview.View=[1 2 3]).
//
// Like String it reads only the elements it shows, and it allocates the
// text it writes.
func (v View) Format(s fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		if verb == 'v' && (s.Flag('+') || s.Flag('#')) {
			_, _ = s.Write(v.appendRepr(nil))
			return
		}
		if _, ok := s.Width(); !ok {
			if _, ok := s.Precision(); !ok {
				_, _ = io.WriteString(s, v.String())
				return
			}
		}
		_, _ = fmt.Fprintf(s, fmt.FormatString(s, 's'), v.String())
		return
	}
	if v.ItemFormat() != nil {
		pv := &printVerb{verb: verb, spec: fmt.FormatString(s, verb), left: s.Flag('-')}
		if p := newPrinter(v, pv); p != nil {
			_, _ = s.Write(p.appendArray(nil, " ", "", printLineWidth))
			return
		}
	}
	_, _ = fmt.Fprintf(s, "%%!%c(ndview.View=%s)", verb, v.String())
}

// appendRepr appends NumPy's repr of the array, with "View(" for
// "array(" and the format and shape in place of the dtype.
func (v View) appendRepr(dst []byte) []byte {
	if v.ItemFormat() == nil {
		return append(dst, "View(nil)"...)
	}
	const prefix = "View("
	start := len(dst)
	dst = append(dst, prefix...)
	p := newPrinter(v, nil)
	if p == nil || p.size == 0 {
		dst = append(dst, "[]"...)
	} else {
		// NumPy narrows the lines by the suffix "," that follows the
		// elements.
		dst = p.appendArray(dst, ", ", prefix, printLineWidth-1)
	}
	dst = append(dst, ',')
	var tail []byte
	tail = append(tail, "format="...)
	tail = appendPyStr(tail, v.ItemFormat().String())
	tail = append(tail, ", shape=("...)
	for i := range v.NDim() {
		if i > 0 {
			tail = append(tail, ", "...)
		}
		tail = strconv.AppendInt(tail, int64(v.Dim(i)), 10)
	}
	if v.NDim() == 1 {
		tail = append(tail, ',')
	}
	tail = append(tail, "))"...)
	// Like NumPy's dtype=, the tail moves to a line of its own when it
	// would make the last line longer than the line width.
	last := dst[start:]
	for i := len(last) - 1; i >= 0; i-- {
		if last[i] == '\n' {
			last = last[i+1:]
			break
		}
	}
	if utf8.RuneCount(last)+len(tail)+1 > printLineWidth {
		dst = append(dst, '\n')
		for range len(prefix) {
			dst = append(dst, ' ')
		}
	} else {
		dst = append(dst, ' ')
	}
	return append(dst, tail...)
}

// printer prints one view. The array it prints is NumPy's: the view's
// dimensions followed by those of a sub-array format ("3h" adds one of
// extent 3).
type printer struct {
	v       View
	nOuter  int   // dimensions of the view; dims[nOuter:] are the sub-array's
	dims    []int // the printed array's shape
	inner   []int // element strides of the sub-array dimensions
	size    int   // the printed array's element count
	root    printNode
	verb    *printVerb
	summary bool  // size > printThreshold: print edge items only
	idx     []int // the current position in dims
	word    []byte
	line    []byte
}

// newPrinter builds the printer of v, or returns nil when pv is a verb
// that does not fit v's format.
func newPrinter(v View, pv *printVerb) *printer {
	p := &printer{v: v, verb: pv}
	p.nOuter = v.NDim()
	for i := range p.nOuter {
		p.dims = append(p.dims, v.Dim(i))
	}
	f := v.ItemFormat()
	var top *format.Field // the single value field, when there is one
	nvalue := 0
	for i := 0; i < f.NumFields(); i++ {
		if fl := f.Field(i); fl.Kind != format.Pad {
			nvalue++
			if top == nil {
				top = &fl
			}
		}
	}
	zeroD := false
	switch {
	case nvalue == 1 && f.NumFields() == 1 && (top.Shape != nil || top.Count != 1):
		// A sub-array dtype: its dimensions extend the array's.
		sub := top.Shape
		if sub == nil {
			sub = []int{top.Count}
		}
		p.dims = append(p.dims, sub...)
		p.inner = make([]int, len(sub))
		st := 1
		for i := len(sub) - 1; i >= 0; i-- {
			p.inner[i] = st
			st *= sub[i]
		}
		p.root = p.elemNode(*top, false)
	case nvalue == 1 && top.Shape == nil && top.Count == 1:
		// One value, perhaps with padding around it: print the value, as
		// View.Value gives it.
		zeroD = len(p.dims) == 0
		p.root = p.elemNode(*top, zeroD)
	default:
		zeroD = len(p.dims) == 0
		p.root = &printRecord{kids: p.fieldNodes(f, zeroD)}
	}
	if p.root == nil || !p.root.ok() {
		return nil
	}
	p.size = 1
	for _, e := range p.dims {
		p.size *= e
	}
	p.summary = p.size > printThreshold
	p.idx = make([]int, len(p.dims))
	return p
}

// fieldNodes returns the nodes of f's value fields: NumPy's structured
// dtype of f.
func (p *printer) fieldNodes(f *format.Format, zeroD bool) []printNode {
	var kids []printNode
	for i := 0; i < f.NumFields(); i++ {
		fl := f.Field(i)
		if fl.Kind == format.Pad {
			continue
		}
		if fl.Shape != nil || fl.Count != 1 {
			shape := fl.Shape
			if shape == nil {
				shape = []int{fl.Count}
			}
			kids = append(kids, &printSubArray{shape: shape, count: fl.Count, elem: p.elemNode(fl, false)})
			continue
		}
		kids = append(kids, p.elemNode(fl, zeroD))
	}
	return kids
}

// elemNode returns the node printing one element of fl. zeroD says the
// column it starts is 0-dimensional, which only changes how bools pad.
func (p *printer) elemNode(fl format.Field, zeroD bool) printNode {
	if fl.Kind == format.Record && fl.Record != nil {
		return &printRecord{fl: &fl, kids: p.fieldNodes(fl.Record, zeroD)}
	}
	return &printLeaf{fl: fl, col: newPrintColumn(&fl, zeroD, p.verb)}
}

// appendStr appends NumPy's str() of the array.
func (p *printer) appendStr(dst []byte) []byte {
	if len(p.dims) == 0 {
		rec := p.v.Item()
		if l, ok := p.root.(*printLeaf); ok {
			return appendScalarStr(dst, &l.fl, rec)
		}
		p.root.observe(rec, 0)
		p.root.finish()
		return p.root.appendTo(dst, rec, 0)
	}
	return p.appendArray(dst, " ", "", printLineWidth)
}

// appendArray appends the elements as numpy.array2string lays them out,
// for a caller that has written prefix before them.
func (p *printer) appendArray(dst []byte, sep, prefix string, width int) []byte {
	if p.size == 0 {
		return append(dst, "[]"...)
	}
	p.observe(0)
	p.root.finish()
	if len(p.dims) == 0 {
		rec, j := p.elem()
		return p.root.appendTo(dst, rec, j)
	}
	hang := 1 + utf8.RuneCountInString(prefix)
	return p.appendAxis(dst, 0, hang, width, sep)
}

// elem returns the item holding the element at p.idx and the element's
// index within the item's sub-array.
func (p *printer) elem() (rec []byte, j int) {
	rec = p.v.Item(p.idx[:p.nOuter]...)
	for k, st := range p.inner {
		j += p.idx[p.nOuter+k] * st
	}
	return rec, j
}

// observe feeds the elements that will be shown, from dimension axis on,
// to the columns, which size themselves on them as NumPy's formatters do
// on the summarised data.
func (p *printer) observe(axis int) {
	if axis == len(p.dims) {
		rec, j := p.elem()
		p.root.observe(rec, j)
		return
	}
	n := p.dims[axis]
	for i := 0; i < n; i++ {
		if p.summary && n > 2*printEdgeItems && i == printEdgeItems {
			i = n - printEdgeItems
		}
		p.idx[axis] = i
		p.observe(axis + 1)
	}
	p.idx[axis] = 0
}

// appendAxis is the recurser of numpy's _formatArray: it appends the
// sub-array at p.idx[:axis] in brackets. hang is the length of the
// hanging indent (spaces) and width the line width left at this depth.
func (p *printer) appendAxis(dst []byte, axis, hang, width int, sep string) []byte {
	n := p.dims[axis]
	lead, trail := n, 0
	summary := p.summary && n > 2*printEdgeItems
	if summary {
		lead, trail = printEdgeItems, printEdgeItems
	}
	dst = append(dst, '[')
	if axis == len(p.dims)-1 {
		// The last axis: words on lines that wrap. elemWidth leaves room
		// for the separator or bracket that follows a word.
		elemWidth := width - 1
		p.line = appendSpaces(p.line[:0], hang)
		lineLen := hang
		first := true
		flush := func() {
			end := len(p.line)
			for end > hang && p.line[end-1] == ' ' {
				end--
			}
			if first {
				dst = append(dst, p.line[hang:end]...)
				first = false
			} else {
				dst = append(dst, p.line[:end]...)
			}
			dst = append(dst, '\n')
			p.line = appendSpaces(p.line[:0], hang)
			lineLen = hang
		}
		extend := func(word []byte) {
			wl := utf8.RuneCount(word)
			if lineLen+wl > elemWidth && lineLen > hang {
				flush()
			}
			p.line = append(p.line, word...)
			lineLen += wl
		}
		for k := 0; k < lead+trail; k++ {
			i := k
			if k >= lead {
				i = n - (lead + trail - k)
			}
			if summary && k == lead {
				extend([]byte("..."))
				p.line = append(p.line, sep...)
				lineLen += len(sep)
			}
			p.idx[axis] = i
			rec, j := p.elem()
			p.word = p.root.appendTo(p.word[:0], rec, j)
			extend(p.word)
			if k < lead+trail-1 {
				p.line = append(p.line, sep...)
				lineLen += len(sep)
			}
		}
		if first {
			dst = append(dst, p.line[hang:]...)
		} else {
			dst = append(dst, p.line...)
		}
	} else {
		// Other axes: rows separated by as many newlines as there are
		// axes left, less one.
		sepTrim := sep
		for len(sepTrim) > 0 && sepTrim[len(sepTrim)-1] == ' ' {
			sepTrim = sepTrim[:len(sepTrim)-1]
		}
		lineSep := func() {
			dst = append(dst, sepTrim...)
			for range len(p.dims) - axis - 1 {
				dst = append(dst, '\n')
			}
		}
		for k := 0; k < lead+trail; k++ {
			i := k
			if k >= lead {
				i = n - (lead + trail - k)
			}
			if k > 0 {
				dst = appendSpaces(dst, hang)
			}
			if summary && k == lead {
				dst = append(dst, "..."...)
				lineSep()
				dst = appendSpaces(dst, hang)
			}
			p.idx[axis] = i
			dst = p.appendAxis(dst, axis+1, hang+1, width-1, sep)
			if k < lead+trail-1 {
				lineSep()
			}
		}
	}
	p.idx[axis] = 0
	return append(dst, ']')
}

func appendSpaces(dst []byte, n int) []byte {
	for range n {
		dst = append(dst, ' ')
	}
	return dst
}

// A printNode prints one element of a field: a value, a record or a
// sub-array. rec holds the bytes of the enclosing item or record and j
// is the element's index within the field. Every element is observed
// before finish, and finish comes before the first appendTo.
type printNode interface {
	observe(rec []byte, j int)
	finish()
	appendTo(dst, rec []byte, j int) []byte
	ok() bool // false if a verb does not fit some value
}

// printLeaf prints the values of one field through a column formatter.
type printLeaf struct {
	fl  format.Field
	col printColumn
}

func (l *printLeaf) observe(rec []byte, j int) { l.col.observe(&l.fl, rec, j) }
func (l *printLeaf) finish()                   { l.col.finish() }
func (l *printLeaf) appendTo(dst, rec []byte, j int) []byte {
	return l.col.appendTo(dst, &l.fl, rec, j)
}
func (l *printLeaf) ok() bool { return l.col != nil }

// printRecord prints a record as NumPy prints a structured element:
// "(1, 2.5)", or "(1,)" for one field. fl is the record field, nil for
// the item itself.
type printRecord struct {
	fl   *format.Field
	kids []printNode
}

// sub returns the bytes of element j of the record field.
func (r *printRecord) sub(rec []byte, j int) []byte {
	if r.fl == nil {
		return rec
	}
	o := r.fl.Offset + j*r.fl.Size
	if o < 0 || o > len(rec) || r.fl.Size > len(rec)-o {
		return nil
	}
	return rec[o : o+r.fl.Size : o+r.fl.Size]
}

func (r *printRecord) observe(rec []byte, j int) {
	s := r.sub(rec, j)
	for _, k := range r.kids {
		k.observe(s, 0)
	}
}

func (r *printRecord) finish() {
	for _, k := range r.kids {
		k.finish()
	}
}

func (r *printRecord) appendTo(dst, rec []byte, j int) []byte {
	s := r.sub(rec, j)
	dst = append(dst, '(')
	for i, k := range r.kids {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = k.appendTo(dst, s, 0)
	}
	if len(r.kids) == 1 {
		dst = append(dst, ',')
	}
	return append(dst, ')')
}

func (r *printRecord) ok() bool {
	for _, k := range r.kids {
		if !k.ok() {
			return false
		}
	}
	return true
}

// printSubArray prints a repeated or sub-array field of a record as
// NumPy's SubArrayFormat does: nested lists, "[1, 2, 3]", without
// wrapping. Its elements share one column.
type printSubArray struct {
	shape []int
	count int
	elem  printNode
}

func (a *printSubArray) observe(rec []byte, _ int) {
	for k := range a.count {
		a.elem.observe(rec, k)
	}
}

func (a *printSubArray) finish() { a.elem.finish() }

func (a *printSubArray) appendTo(dst, rec []byte, _ int) []byte {
	k := 0
	return a.appendDim(dst, rec, 0, &k)
}

func (a *printSubArray) appendDim(dst, rec []byte, d int, k *int) []byte {
	dst = append(dst, '[')
	for i := range a.shape[d] {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if d == len(a.shape)-1 {
			dst = a.elem.appendTo(dst, rec, *k)
			*k++
		} else {
			dst = a.appendDim(dst, rec, d+1, k)
		}
	}
	return append(dst, ']')
}

func (a *printSubArray) ok() bool { return a.elem.ok() }

// A printColumn formats the values of one field across the printed
// elements, as one of NumPy's per-dtype formatters does: it sees every
// value shown first, then formats each to the column's common layout.
type printColumn interface {
	observe(fl *format.Field, rec []byte, j int)
	finish()
	appendTo(dst []byte, fl *format.Field, rec []byte, j int) []byte
}

// newPrintColumn returns the column for fl's values: NumPy's formatter,
// or with pv the verb's, or nil when the verb does not fit the field.
func newPrintColumn(fl *format.Field, zeroD bool, pv *printVerb) printColumn {
	if pv != nil {
		if !pv.fits(fl) {
			return nil
		}
		return &verbColumn{pv: pv}
	}
	switch k := fl.Kind; {
	case k == format.Bool:
		return boolColumn{zeroD: zeroD}
	case k.IsInteger():
		return &intColumn{}
	case k.IsFloat():
		return &floatColumn{bits: floatBits(k)}
	case k.IsComplex():
		return &complexColumn{bits: floatBits(k)}
	case k == format.Char || k == format.Bytes || k == format.Pascal || k == format.Void:
		return bytesColumn{}
	case k == format.Opaque && (fl.Code == "w" || fl.Code == "u"):
		return strColumn{}
	}
	return hexColumn{}
}

// floatBits is the width of a float kind, or of each part of a complex
// one.
func floatBits(k format.Kind) int {
	switch k {
	case format.Float16:
		return 16
	case format.Float32, format.Complex64:
		return 32
	}
	return 64
}

// elemBytes returns the bytes of element j of fl in rec, or nil if they
// are not there (they always are for a view's items).
func elemBytes(fl *format.Field, rec []byte, j int) []byte {
	o := fl.Offset + j*fl.Size
	if fl.Size < 0 || o < 0 || o > len(rec) || fl.Size > len(rec)-o {
		return nil
	}
	return rec[o : o+fl.Size : o+fl.Size]
}

// boolColumn is NumPy's BoolFormat: " True" pads to the width of "False"
// except in a 0-dimensional array.
type boolColumn struct{ zeroD bool }

func (boolColumn) observe(*format.Field, []byte, int) {}
func (boolColumn) finish()                            {}
func (c boolColumn) appendTo(dst []byte, fl *format.Field, rec []byte, j int) []byte {
	if fl.Bool(rec, j) {
		if c.zeroD {
			return append(dst, "True"...)
		}
		return append(dst, " True"...)
	}
	return append(dst, "False"...)
}

// intColumn is NumPy's IntegerFormat: decimal, right-aligned to the
// widest value.
type intColumn struct{ width int }

func appendInt(dst []byte, fl *format.Field, rec []byte, j int) []byte {
	if fl.Kind.IsSigned() {
		return strconv.AppendInt(dst, fl.Int(rec, j), 10)
	}
	return strconv.AppendUint(dst, fl.Uint(rec, j), 10)
}

func (c *intColumn) observe(fl *format.Field, rec []byte, j int) {
	var tmp [24]byte
	c.width = max(c.width, len(appendInt(tmp[:0], fl, rec, j)))
}
func (c *intColumn) finish() {}
func (c *intColumn) appendTo(dst []byte, fl *format.Field, rec []byte, j int) []byte {
	var tmp [24]byte
	s := appendInt(tmp[:0], fl, rec, j)
	dst = appendSpaces(dst, c.width-len(s))
	return append(dst, s...)
}

// floatColumn is NumPy's FloatingFormat over the column's values.
type floatColumn struct {
	bits int
	vals []float64
	ff   floatFormat
}

func (c *floatColumn) observe(fl *format.Field, rec []byte, j int) {
	c.vals = append(c.vals, fl.Float(rec, j))
}
func (c *floatColumn) finish() {
	c.ff = newFloatFormat(c.vals, c.bits, false)
	c.vals = nil
}
func (c *floatColumn) appendTo(dst []byte, fl *format.Field, rec []byte, j int) []byte {
	return c.ff.appendTo(dst, fl.Float(rec, j))
}

// complexColumn is NumPy's ComplexFloatingFormat: the real parts and the
// imaginary parts are two float columns, the second always signed.
type complexColumn struct {
	bits   int
	re, im []float64
	rf, jf floatFormat
}

func (c *complexColumn) observe(fl *format.Field, rec []byte, j int) {
	z := fl.Complex(rec, j)
	c.re = append(c.re, real(z))
	c.im = append(c.im, imag(z))
}
func (c *complexColumn) finish() {
	c.rf = newFloatFormat(c.re, c.bits, false)
	c.jf = newFloatFormat(c.im, c.bits, true)
	c.re, c.im = nil, nil
}
func (c *complexColumn) appendTo(dst []byte, fl *format.Field, rec []byte, j int) []byte {
	z := fl.Complex(rec, j)
	dst = c.rf.appendTo(dst, real(z))
	start := len(dst)
	dst = c.jf.appendTo(dst, imag(z))
	// The 'j' goes before the imaginary part's right padding.
	end := len(dst)
	for end > start && dst[end-1] == ' ' {
		end--
	}
	pad := len(dst) - end
	dst = append(dst[:end], 'j')
	return appendSpaces(dst, pad)
}

// bytesColumn prints byte strings as Python bytes literals, NumPy's
// repr of its S and V scalars. NumPy's S (c and s) drops trailing NUL
// bytes.
type bytesColumn struct{}

func (bytesColumn) observe(*format.Field, []byte, int) {}
func (bytesColumn) finish()                            {}
func (bytesColumn) appendTo(dst []byte, fl *format.Field, rec []byte, j int) []byte {
	return appendPyBytes(dst, fieldBytes(fl, rec, j))
}

// fieldBytes returns a byte string element as NumPy holds it.
func fieldBytes(fl *format.Field, rec []byte, j int) []byte {
	b := fl.Bytes(rec, j)
	if fl.Kind == format.Char || fl.Kind == format.Bytes {
		for len(b) > 0 && b[len(b)-1] == 0 {
			b = b[:len(b)-1]
		}
	}
	return b
}

// strColumn prints unicode strings (w: UCS-4, u: UCS-2) as Python str
// literals, NumPy's repr of its U scalars.
type strColumn struct{}

func (strColumn) observe(*format.Field, []byte, int) {}
func (strColumn) finish()                            {}
func (strColumn) appendTo(dst []byte, fl *format.Field, rec []byte, j int) []byte {
	return appendPyStr(dst, fieldString(fl, rec, j))
}

// fieldString decodes a w or u element, without NumPy's trailing NULs.
// Code units that are not valid code points decode to U+FFFD.
func fieldString(fl *format.Field, rec []byte, j int) string {
	b := elemBytes(fl, rec, j)
	unit := 4
	if fl.Code == "u" {
		unit = 2
	}
	rs := make([]rune, 0, len(b)/unit)
	for i := 0; i+unit <= len(b); i += unit {
		var r uint32
		for k := range unit {
			c := uint32(b[i+k])
			if fl.Order == format.BigEndian {
				r = r<<8 | c
			} else {
				r |= c << (8 * k)
			}
		}
		if r > unicode.MaxRune {
			r = unicode.ReplacementChar
		}
		rs = append(rs, rune(r))
	}
	for len(rs) > 0 && rs[len(rs)-1] == 0 {
		rs = rs[:len(rs)-1]
	}
	return string(rs)
}

// hexColumn prints values the format cannot read (O, g, Zg) as their
// bytes in hexadecimal, in memory order, between angle brackets.
type hexColumn struct{}

func (hexColumn) observe(*format.Field, []byte, int) {}
func (hexColumn) finish()                            {}
func (hexColumn) appendTo(dst []byte, fl *format.Field, rec []byte, j int) []byte {
	const digits = "0123456789abcdef"
	dst = append(dst, '<')
	for _, c := range elemBytes(fl, rec, j) {
		dst = append(dst, digits[c>>4], digits[c&15])
	}
	return append(dst, '>')
}

// printVerb is a fmt verb applied to every value.
type printVerb struct {
	verb rune
	spec string // the directive, flags and all: "%+8.3f"
	left bool   // the '-' flag: pad columns on the right
}

// fits reports whether the verb formats fl's values.
func (pv *printVerb) fits(fl *format.Field) bool {
	k := fl.Kind
	switch pv.verb {
	case 'd', 'o', 'O', 'b':
		return k.IsInteger()
	case 'x', 'X':
		return k.IsInteger() || k == format.Char || k == format.Bytes || k == format.Pascal || k == format.Void
	case 'e', 'E', 'f', 'F', 'g', 'G':
		return k.IsFloat() || k.IsComplex()
	case 't':
		return k == format.Bool
	case 'q':
		return k == format.Char || k == format.Bytes || k == format.Pascal || k == format.Void ||
			k == format.Opaque && (fl.Code == "w" || fl.Code == "u")
	}
	return false
}

// verbColumn formats values with a fmt verb, padded to the column's
// widest.
type verbColumn struct {
	pv    *printVerb
	width int
}

func (c *verbColumn) format(dst []byte, fl *format.Field, rec []byte, j int) []byte {
	var x any
	switch k := fl.Kind; {
	case k == format.Bool:
		x = fl.Bool(rec, j)
	case k.IsSigned():
		x = fl.Int(rec, j)
	case k.IsInteger():
		x = fl.Uint(rec, j)
	case k == format.Float64:
		x = fl.Float(rec, j)
	case k.IsFloat():
		x = float32(fl.Float(rec, j))
	case k == format.Complex64:
		x = complex64(fl.Complex(rec, j))
	case k.IsComplex():
		x = fl.Complex(rec, j)
	case k == format.Opaque:
		x = fieldString(fl, rec, j)
	default:
		x = fieldBytes(fl, rec, j)
	}
	return fmt.Appendf(dst, c.pv.spec, x)
}

func (c *verbColumn) observe(fl *format.Field, rec []byte, j int) {
	var tmp [64]byte
	c.width = max(c.width, utf8.RuneCount(c.format(tmp[:0], fl, rec, j)))
}
func (c *verbColumn) finish() {}
func (c *verbColumn) appendTo(dst []byte, fl *format.Field, rec []byte, j int) []byte {
	start := len(dst)
	dst = c.format(dst, fl, rec, j)
	pad := c.width - utf8.RuneCount(dst[start:])
	if pad <= 0 {
		return dst
	}
	if c.pv.left {
		return appendSpaces(dst, pad)
	}
	dst = appendSpaces(dst, pad)
	copy(dst[start+pad:], dst[start:len(dst)-pad])
	for i := start; i < start+pad; i++ {
		dst[i] = ' '
	}
	return dst
}

// appendScalarStr appends NumPy's str() of the scalar element of a
// 0-dimensional array: Python's str of the value, except that bytes are
// shown as a literal.
func appendScalarStr(dst []byte, fl *format.Field, rec []byte) []byte {
	switch k := fl.Kind; {
	case k == format.Bool:
		if fl.Bool(rec, 0) {
			return append(dst, "True"...)
		}
		return append(dst, "False"...)
	case k.IsInteger():
		return appendInt(dst, fl, rec, 0)
	case k.IsFloat():
		return appendScalarFloat(dst, fl.Float(rec, 0), floatBits(k), false, trimLeaveOneZero, trimDptZeros)
	case k.IsComplex():
		return appendScalarComplex(dst, fl.Complex(rec, 0), floatBits(k))
	case k == format.Opaque && (fl.Code == "w" || fl.Code == "u"):
		return append(dst, fieldString(fl, rec, 0)...)
	}
	return newPrintColumn(fl, true, nil).appendTo(dst, fl, rec, 0)
}

// appendScalarFloat is the str of a NumPy float scalar: positional for
// magnitudes in [1e-4, 1e16) and zero, scientific otherwise, with the
// shortest digits that identify the value.
func appendScalarFloat(dst []byte, x float64, bits int, sign bool, trimPos, trimSci trimMode) []byte {
	a := math.Abs(x)
	o := floatOpts{precision: -1, minDigits: -1, sign: sign, padLeft: -1, padRight: -1, expDigits: -1}
	if a == 0 || (a < 1e16 && a >= 1e-4) {
		o.trim = trimPos
	} else {
		o.sci, o.trim = true, trimSci
	}
	return appendDragon4(dst, x, bits, o)
}

// appendScalarComplex is the str of a NumPy complex scalar, as Python
// prints a complex: "(1+2j)", or "2j" when the real part is +0.
func appendScalarComplex(dst []byte, z complex128, bits int) []byte {
	re, im := real(z), imag(z)
	if re == 0 && !math.Signbit(re) {
		dst = appendScalarFloat(dst, im, bits, false, trimDptZeros, trimDptZeros)
		return append(dst, 'j')
	}
	dst = append(dst, '(')
	switch {
	case math.IsNaN(re):
		dst = append(dst, "nan"...)
	case math.IsInf(re, 1):
		dst = append(dst, "inf"...)
	case math.IsInf(re, -1):
		dst = append(dst, "-inf"...)
	default:
		dst = appendScalarFloat(dst, re, bits, false, trimDptZeros, trimDptZeros)
	}
	switch {
	case math.IsNaN(im):
		dst = append(dst, "+nan"...)
	case math.IsInf(im, 1):
		dst = append(dst, "+inf"...)
	case math.IsInf(im, -1):
		dst = append(dst, "-inf"...)
	default:
		dst = appendScalarFloat(dst, im, bits, true, trimDptZeros, trimDptZeros)
	}
	return append(dst, "j)"...)
}

// floatFormat is NumPy's FloatingFormat with the default options
// (floatmode 'maxprec', precision 8, no suppression): one layout for a
// column of values, chosen from all of them.
type floatFormat struct {
	bits      int
	sign      bool // print '+' on non-negative values (imaginary parts)
	sci       bool
	precision int
	minDigits int
	trim      trimMode
	padLeft   int
	padRight  int
	expSize   int
}

// newFloatFormat is FloatingFormat.fillFormat: scientific notation when
// the largest finite non-zero magnitude is 1e8 or more, the smallest is
// below 1e-4, or their ratio exceeds 1000; then the widths that make every
// value line up on its decimal point.
func newFloatFormat(vals []float64, bits int, sign bool) floatFormat {
	f := floatFormat{bits: bits, sign: sign, precision: printPrecision, expSize: -1}
	var maxv, minv float64
	nfinite, nonzero, neginf := 0, false, sign
	for _, x := range vals {
		if math.IsInf(x, 0) || math.IsNaN(x) {
			if math.IsInf(x, -1) {
				neginf = true
			}
			continue
		}
		nfinite++
		if x == 0 {
			continue
		}
		a := math.Abs(x)
		if !nonzero {
			maxv, minv, nonzero = a, a, true
		} else {
			maxv, minv = max(maxv, a), min(minv, a)
		}
	}
	if nonzero {
		f.sci = maxv >= 1e8 || minv < 1e-4 || floatRatio(maxv, minv, bits) > 1000
	}
	switch {
	case nfinite == 0:
		f.trim, f.minDigits = trimZeros, -1
	case f.sci:
		o := floatOpts{sci: true, precision: printPrecision, minDigits: -1, sign: sign, trim: trimZeros,
			padLeft: -1, padRight: -1, expDigits: -1}
		var buf []byte
		intLen, fracLen, expLen := 0, 0, 0
		for _, x := range vals {
			if math.IsInf(x, 0) || math.IsNaN(x) {
				continue
			}
			buf = appendDragon4(buf[:0], x, bits, o)
			e := indexByte(buf, 'e')
			dot := indexByte(buf[:e], '.')
			intLen = max(intLen, dot)
			fracLen = max(fracLen, e-dot-1)
			expLen = max(expLen, len(buf)-e-1)
		}
		f.expSize = expLen - 1
		f.trim = trimNone
		f.precision, f.minDigits = fracLen, fracLen
		f.padLeft = intLen
		f.padRight = f.expSize + 2 + f.precision
	default:
		o := floatOpts{fracCutoff: true, precision: printPrecision, minDigits: -1, sign: sign, trim: trimZeros,
			padLeft: -1, padRight: -1, expDigits: -1}
		var buf []byte
		for _, x := range vals {
			if math.IsInf(x, 0) || math.IsNaN(x) {
				continue
			}
			buf = appendDragon4(buf[:0], x, bits, o)
			dot := indexByte(buf, '.')
			f.padLeft = max(f.padLeft, dot)
			f.padRight = max(f.padRight, len(buf)-dot-1)
		}
		f.trim, f.minDigits = trimZeros, 0
	}
	if nfinite != len(vals) {
		inflen := 3
		if neginf {
			inflen++
		}
		off := f.padRight + 1
		f.padLeft = max(f.padLeft, 3-off, inflen-off)
	}
	return f
}

// floatRatio is max/min computed as NumPy computes it, in the values'
// own precision (half precision divides in float32 and rounds).
func floatRatio(maxv, minv float64, bits int) float64 {
	switch bits {
	case 16:
		return roundHalf(float64(float32(maxv) / float32(minv)))
	case 32:
		return float64(float32(maxv) / float32(minv))
	}
	return maxv / minv
}

// roundHalf rounds x to the nearest IEEE half-precision value, ties to
// even, overflowing to infinity.
func roundHalf(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 {
		return x
	}
	_, e := math.Frexp(math.Abs(x)) // |x| in [2^(e-1), 2^e)
	q := max(e-1, -14) - 10         // the spacing of halves around x
	r := math.RoundToEven(math.Ldexp(x, -q))
	y := math.Ldexp(r, q)
	if math.Abs(y) > 65504 {
		return math.Copysign(math.Inf(1), x)
	}
	return y
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return len(b)
}

// appendTo is FloatingFormat.__call__.
func (f *floatFormat) appendTo(dst []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		var s string
		switch {
		case math.IsNaN(x) && f.sign:
			s = "+nan"
		case math.IsNaN(x):
			s = "nan"
		case x < 0:
			s = "-inf"
		case f.sign:
			s = "+inf"
		default:
			s = "inf"
		}
		dst = appendSpaces(dst, f.padLeft+f.padRight+1-len(s))
		return append(dst, s...)
	}
	if f.sci {
		return appendDragon4(dst, x, f.bits, floatOpts{sci: true, precision: f.precision, minDigits: f.minDigits,
			sign: f.sign, trim: f.trim, padLeft: f.padLeft, padRight: -1, expDigits: f.expSize})
	}
	return appendDragon4(dst, x, f.bits, floatOpts{fracCutoff: true, precision: f.precision, minDigits: f.minDigits,
		sign: f.sign, trim: f.trim, padLeft: f.padLeft, padRight: f.padRight, expDigits: -1})
}

// trimMode is Dragon4's treatment of trailing zeros and decimal point.
type trimMode uint8

const (
	trimNone         trimMode = iota // 'k': keep trailing zeros and the point
	trimZeros                        // '.': drop trailing zeros, keep the point
	trimLeaveOneZero                 // '0': drop trailing zeros but one: "1.0"
	trimDptZeros                     // '-': drop trailing zeros and the point
)

// floatOpts are the arguments of NumPy's dragon4_positional and
// dragon4_scientific (always in 'unique' digit mode); -1 means None.
type floatOpts struct {
	sci        bool
	fracCutoff bool // positional: precision and minDigits count fraction digits
	precision  int
	minDigits  int
	sign       bool
	trim       trimMode
	padLeft    int
	padRight   int
	expDigits  int
}

// appendDragon4 formats x, a value of the given float width, as NumPy's
// FormatPositional and FormatScientific do (numpy/core/src/multiarray/
// dragon4.c).
func appendDragon4(dst []byte, x float64, bits int, o floatOpts) []byte {
	neg := math.Signbit(x)
	var signch byte
	if neg {
		signch = '-'
	} else if o.sign {
		signch = '+'
	}
	if math.IsInf(x, 0) {
		if signch != 0 {
			dst = append(dst, signch)
		}
		return append(dst, "inf"...)
	}
	if math.IsNaN(x) {
		return append(dst, "nan"...)
	}
	start := len(dst)
	hasSign := 0
	if signch != 0 {
		hasSign = 1
	}
	if o.sci {
		for i := 1 + hasSign; i < o.padLeft; i++ {
			dst = append(dst, ' ')
		}
		if signch != 0 {
			dst = append(dst, signch)
		}
		cutMax, cutMin := -1, -1
		if o.precision >= 0 {
			cutMax = o.precision + 1
		}
		if o.minDigits >= 0 {
			cutMin = o.minDigits + 1
		}
		var dbuf [48]byte
		digits, pexp := floatDigits(dbuf[:0], x, bits, true, cutMax, cutMin)
		dst = append(dst, digits[0])
		nf := len(digits) - 1
		if nf > 0 {
			dst = append(dst, '.')
			dst = append(dst, digits[1:]...)
		}
		if o.trim != trimDptZeros && nf == 0 {
			dst = append(dst, '.')
		}
		add := max(o.minDigits, 0)
		if o.trim == trimLeaveOneZero {
			if nf == 0 {
				dst = append(dst, '0')
				nf++
			}
		} else if o.trim == trimNone {
			for ; nf < add; nf++ {
				dst = append(dst, '0')
			}
		}
		if o.trim != trimNone && nf > 0 {
			for dst[len(dst)-1] == '0' {
				dst = dst[:len(dst)-1]
				nf--
			}
			if o.trim == trimLeaveOneZero && dst[len(dst)-1] == '.' {
				dst = append(dst, '0')
			}
		}
		ed := o.expDigits
		if ed > 5 {
			ed = 5
		} else if ed < 0 {
			ed = 2
		}
		dst = append(dst, 'e')
		if pexp >= 0 {
			dst = append(dst, '+')
		} else {
			dst = append(dst, '-')
			pexp = -pexp
		}
		// At least ed digits: none at all for a zero exponent and ed 0.
		var ds [5]byte
		for i := range ds {
			ds[i] = byte('0' + pexp%10)
			pexp /= 10
		}
		n := 5
		for n > ed && ds[n-1] == '0' {
			n--
		}
		for i := n - 1; i >= 0; i-- {
			dst = append(dst, ds[i])
		}
		return dst
	}

	if signch != 0 {
		dst = append(dst, signch)
	}
	var dbuf [48]byte
	digits, pexp := floatDigits(dbuf[:0], x, bits, !o.fracCutoff, o.precision, o.minDigits)
	numWhole, nf := 0, 0
	if pexp >= 0 {
		numWhole = pexp + 1
		if len(digits) <= numWhole {
			dst = append(dst, digits...)
			for i := len(digits); i < numWhole; i++ {
				dst = append(dst, '0')
			}
		} else {
			dst = append(dst, digits[:numWhole]...)
			dst = append(dst, '.')
			dst = append(dst, digits[numWhole:]...)
			nf = len(digits) - numWhole
		}
	} else {
		dst = append(dst, '0', '.')
		zeros := -(pexp + 1)
		for range zeros {
			dst = append(dst, '0')
		}
		dst = append(dst, digits...)
		nf = len(digits) + zeros
		numWhole = 1
	}
	if o.trim != trimDptZeros && nf == 0 {
		dst = append(dst, '.')
	}
	desired := max(o.minDigits, 0)
	if !o.fracCutoff {
		desired = o.minDigits - numWhole
	}
	if o.trim == trimLeaveOneZero {
		if nf == 0 {
			dst = append(dst, '0')
			nf++
		}
	} else if o.trim == trimNone {
		for ; nf < desired; nf++ {
			dst = append(dst, '0')
		}
	}
	if o.trim != trimNone && nf > 0 {
		for dst[len(dst)-1] == '0' {
			dst = dst[:len(dst)-1]
			nf--
		}
		if dst[len(dst)-1] == '.' {
			switch o.trim {
			case trimLeaveOneZero:
				dst = append(dst, '0')
				nf++
			case trimDptZeros:
				dst = dst[:len(dst)-1]
			}
		}
	}
	if o.padRight >= nf {
		if o.trim == trimDptZeros && nf == 0 {
			dst = append(dst, ' ')
		}
		dst = appendSpaces(dst, o.padRight-nf)
	}
	if shift := o.padLeft - (numWhole + hasSign); shift > 0 {
		n := len(dst)
		dst = appendSpaces(dst, shift)
		copy(dst[start+shift:], dst[start:n])
		for i := start; i < start+shift; i++ {
			dst[i] = ' '
		}
	}
	return dst
}

// floatDigits appends to dst the decimal digits of |x| (x finite, a
// value of the given float width) that Dragon4 prints in unique mode, and
// returns them with the decimal exponent of the first digit. cutMax and
// cutMin (-1 for none) bound the digits printed, counted from the first
// digit when total, else as digits after the decimal point.
//
// Most values take the fast path, fastDigits; the rest run Dragon4 itself
// on big integers.
func floatDigits(dst []byte, x float64, bits int, total bool, cutMax, cutMin int) ([]byte, int) {
	a := math.Abs(x)
	if a == 0 {
		return append(dst, '0'), 0
	}
	if bits != 16 {
		if d, e, ok := fastDigits(dst, a, bits, total, cutMax, cutMin); ok {
			return d, e
		}
	}
	mant, exp, mbit, unequal := decompose(a, bits)
	return dragon4(dst, mant, exp, mbit, unequal, total, cutMax, cutMin)
}

// fastDigits is floatDigits through strconv, for float32 and float64:
// strconv's shortest digits are Dragon4's, and so are its correctly
// rounded ones, up to the details handled here. It reports false when
// it cannot tell Dragon4's answer.
func fastDigits(dst []byte, a float64, bits int, total bool, cutMax, cutMin int) ([]byte, int, bool) {
	var tmp [32]byte
	n0 := len(dst)
	dst, pexp := appendE(dst, strconv.AppendFloat(tmp[:0], a, 'e', -1, bits))
	n := len(dst) - n0
	limited, most, need := cutMax >= 0, 0, 0
	if limited {
		most = cutMax
		if !total {
			most = pexp + 1 + cutMax
		}
	}
	if cutMin >= 0 {
		need = cutMin
		if !total {
			need = pexp + 1 + cutMin
		}
	}
	if limited && need > most {
		need = most
	}
	switch {
	case limited && n > most:
		// Cut off: the value correctly rounded (ties to even).
		if most < 1 {
			return dst, 0, false
		}
		return roundedDigits(dst[:n0], a, bits, most)
	case n < need && a == math.Trunc(a) && pexp < 20:
		// More digits than the shortest: Dragon4 goes on printing the
		// exact value, and an integer's remainder is 0 from the units on,
		// so it rounds down to the integer's digits and zeros.
		if pexp+1 > need {
			return dst, 0, false
		}
		dst = strconv.AppendFloat(dst[:n0], a, 'f', 0, 64)
		for len(dst)-n0 < need {
			dst = append(dst, '0')
		}
		return dst, pexp, true
	case n < need:
		// Dragon4 rounds the extra digits by its margins, which is
		// rounding to nearest when half a unit in the last place of the
		// float is well below half a unit of the last digit.
		_, exp, _, _ := decompose(a, bits)
		if math.Ldexp(4, exp) >= math.Pow10(pexp+1-need) {
			return dst, 0, false
		}
		return roundedDigits(dst[:n0], a, bits, need)
	}
	// The shortest digits stand, unless they break a tie: strconv rounds
	// an exact tie between two shortest candidates up, Dragon4 to even. In
	// a tie the value is the digits and a 5.
	next := strconv.AppendFloat(tmp[:0], a, 'e', n, bits)
	if next[indexByte(next, 'e')-1] == '5' {
		return dst, 0, false
	}
	return dst, pexp, true
}

// roundedDigits appends the digits of a correctly rounded to k digits,
// as Dragon4 writes them: a carry drops the zeros it leaves ("9.96" to 2
// digits is "1" e1), but zeros rounded down to stay ("2.04" is "20").
func roundedDigits(dst []byte, a float64, bits, k int) ([]byte, int, bool) {
	var tmp [40]byte
	n0 := len(dst)
	dst, pexp := appendE(dst, strconv.AppendFloat(tmp[:0], a, 'e', k-1, bits))
	if dst[len(dst)-1] != '0' {
		return dst, pexp, true
	}
	// Rounded up or down? Three more digits tell, unless they are zeros,
	// which a carry into the first k digits would also leave.
	var more [40]byte
	m, pexp2 := appendE(more[:0], strconv.AppendFloat(tmp[:0], a, 'e', k+2, bits))
	if m[k] == '0' && m[k+1] == '0' && m[k+2] == '0' {
		return dst, 0, false
	}
	if pexp2 != pexp || string(m[:k]) != string(dst[n0:]) {
		for len(dst) > n0+1 && dst[len(dst)-1] == '0' {
			dst = dst[:len(dst)-1]
		}
	}
	return dst, pexp, true
}

// appendE appends the digits of strconv's "d.ddde±xx" to dst and returns
// the exponent.
func appendE(dst, s []byte) ([]byte, int) {
	e := indexByte(s, 'e')
	for _, c := range s[:e] {
		if c != '.' {
			dst = append(dst, c)
		}
	}
	n := 0
	for _, c := range s[e+2:] {
		n = 10*n + int(c-'0')
	}
	if s[e+1] == '-' {
		n = -n
	}
	return dst, n
}

// decompose splits a > 0, a value of the given float width, into
// Dragon4's inputs: a = mant * 2^exp, the index of mant's top bit, and
// whether the gap to the next value below is half the gap above (a
// power of two above the smallest normal).
func decompose(a float64, width int) (mant uint64, exp, mbit int, unequal bool) {
	p, emin := 52, -1022
	switch width {
	case 16:
		p, emin = 10, -14
	case 32:
		p, emin = 23, -126
	}
	fr, e := math.Frexp(a) // a = fr * 2^e, fr in [0.5, 1)
	if e-1 >= emin {
		mant = uint64(math.Ldexp(fr, p+1))
		return mant, e - (p + 1), p, mant == 1<<p && e-1 != emin
	}
	exp = emin - p
	mant = uint64(math.Ldexp(a, -exp))
	return mant, exp, bits.Len64(mant) - 1, false
}

// dragon4 is NumPy's Dragon4 in 'unique' digit mode: the shortest digits
// that identify mant*2^exp among values of its width, or, when cutMin
// asks for more, further digits of the exact value; at most cutMax
// digits, correctly rounded. It is the Steele & White / Burger & Dybvig
// algorithm on big integers, kept step for step as NumPy has it so that
// its rounding of the extra digits matches.
func dragon4(dst []byte, mant uint64, exp, mbit int, unequal, total bool, cutMax, cutMin int) ([]byte, int) {
	if mant == 0 {
		return append(dst, '0'), 0
	}
	z := dragonPool.Get().(*dragonScratch)
	defer dragonPool.Put(z)
	isEven := mant%2 == 0
	value, scale, low, high := &z.value, &z.scale, &z.low, &z.high
	value.SetUint64(mant)
	unequalShift := uint(0) // high = low << unequalShift
	if unequal {
		unequalShift = 1
		if exp > 0 {
			value.Lsh(value, uint(exp+2))
			scale.SetInt64(4)
			low.Lsh(bigOne, uint(exp))
		} else {
			value.Lsh(value, 2)
			scale.Lsh(bigOne, uint(-exp+2))
			low.SetInt64(1)
		}
	} else {
		if exp > 0 {
			value.Lsh(value, uint(exp+1))
			scale.SetInt64(2)
			low.Lsh(bigOne, uint(exp))
		} else {
			value.Lsh(value, 1)
			scale.Lsh(bigOne, uint(-exp+1))
			low.SetInt64(1)
		}
	}
	digitExp := int(math.Ceil(float64(mbit+exp)*0.30102999566398119521373889472449 - 0.69))
	if cutMax >= 0 && !total && digitExp <= -cutMax {
		digitExp = -cutMax + 1
	}
	if digitExp > 0 {
		scale.Mul(scale, bigPow10(&z.pow, digitExp))
	} else if digitExp < 0 {
		p := bigPow10(&z.pow, -digitExp)
		value.Mul(value, p)
		low.Mul(low, p)
	}
	if value.Cmp(scale) >= 0 {
		digitExp++
	} else {
		value.Mul(value, bigTen)
		low.Mul(low, bigTen)
	}
	high.Lsh(low, unequalShift)
	const bufferSize = 16384 // NumPy's scratch buffer bounds the digits
	cutMaxExp := digitExp - bufferSize
	if cutMax >= 0 {
		want := -cutMax
		if total {
			want = digitExp - cutMax
		}
		cutMaxExp = max(cutMaxExp, want)
	}
	cutMinExp := digitExp
	if cutMin >= 0 {
		want := -cutMin
		if total {
			want = digitExp - cutMin
		}
		cutMinExp = min(cutMinExp, want)
	}
	pexp := digitExp - 1
	n0 := len(dst)
	digits := dst
	var isLow, isHigh bool
	var digit int64
	q, r, hv := &z.q, &z.r, &z.hv
	for {
		digitExp--
		q.QuoRem(value, scale, r)
		value.Set(r)
		digit = q.Int64()
		hv.Add(value, high)
		c := value.Cmp(low)
		isLow = c < 0 || isEven && c == 0
		c = hv.Cmp(scale)
		isHigh = c > 0 || isEven && c == 0
		if (isLow || isHigh) && digitExp <= cutMinExp || digitExp == cutMaxExp {
			break
		}
		digits = append(digits, byte('0'+digit))
		value.Mul(value, bigTen)
		low.Mul(low, bigTen)
		high.Lsh(low, unequalShift)
	}
	roundDown := isLow
	if isLow == isHigh {
		c := hv.Lsh(value, 1).Cmp(scale)
		roundDown = c < 0
		if c == 0 {
			roundDown = digit&1 == 0
		}
	}
	if roundDown {
		return append(digits, byte('0'+digit)), pexp
	}
	if digit < 9 {
		return append(digits, byte('0'+digit+1)), pexp
	}
	for {
		if len(digits) == n0 {
			return append(digits, '1'), pexp + 1
		}
		d := digits[len(digits)-1]
		digits = digits[:len(digits)-1]
		if d != '9' {
			return append(digits, d+1), pexp
		}
	}
}

// dragonScratch holds dragon4's big integers between calls.
type dragonScratch struct {
	value, scale, low, high, q, r, hv, pow big.Int
}

var (
	dragonPool = sync.Pool{New: func() any { return new(dragonScratch) }}
	bigOne     = big.NewInt(1)
	bigTen     = big.NewInt(10)
	// bigPowers caches 10^n for the exponents of float64 values.
	bigPowers = sync.OnceValue(func() []*big.Int {
		p := make([]*big.Int, 350)
		p[0] = big.NewInt(1)
		for i := 1; i < len(p); i++ {
			p[i] = new(big.Int).Mul(p[i-1], bigTen)
		}
		return p
	})
)

// bigPow10 returns 10^n, from the cache or computed into z. The result
// must not be changed.
func bigPow10(z *big.Int, n int) *big.Int {
	if p := bigPowers(); n < len(p) {
		return p[n]
	}
	return z.Exp(bigTen, big.NewInt(int64(n)), nil)
}

// appendPyBytes appends b as Python's repr writes a bytes object.
func appendPyBytes(dst, b []byte) []byte {
	const hex = "0123456789abcdef"
	quote := byte('\'')
	if indexByte(b, '\'') < len(b) && indexByte(b, '"') == len(b) {
		quote = '"'
	}
	dst = append(dst, 'b', quote)
	for _, c := range b {
		switch {
		case c == quote || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c < ' ' || c >= 0x7f:
			dst = append(dst, '\\', 'x', hex[c>>4], hex[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, quote)
}

// appendPyStr appends s as Python's repr writes a str.
func appendPyStr(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	quote := byte('\'')
	if indexByte([]byte(s), '\'') < len(s) && indexByte([]byte(s), '"') == len(s) {
		quote = '"'
	}
	dst = append(dst, quote)
	for _, r := range s {
		switch {
		case r == rune(quote) || r == '\\':
			dst = append(dst, '\\', byte(r))
		case r == '\t':
			dst = append(dst, '\\', 't')
		case r == '\n':
			dst = append(dst, '\\', 'n')
		case r == '\r':
			dst = append(dst, '\\', 'r')
		case r < ' ' || r == 0x7f:
			dst = append(dst, '\\', 'x', hex[r>>4], hex[r&15])
		case r < utf8.RuneSelf || r != ' ' && unicode.IsPrint(r):
			dst = utf8.AppendRune(dst, r)
		case r < 0x100:
			dst = append(dst, '\\', 'x', hex[r>>4], hex[r&15])
		case r < 0x10000:
			dst = append(dst, '\\', 'u')
			for sh := 12; sh >= 0; sh -= 4 {
				dst = append(dst, hex[r>>sh&15])
			}
		default:
			dst = append(dst, '\\', 'U')
			for sh := 28; sh >= 0; sh -= 4 {
				dst = append(dst, hex[r>>sh&15])
			}
		}
	}
	return append(dst, quote)
}

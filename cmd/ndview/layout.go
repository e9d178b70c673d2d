package main

import (
	"errors"
	"flag"
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// intList is a flag holding a list of integers, written "3,4" or, as
// Python prints a tuple, "(3, 4)", "(3,)" and "()" (zero dimensions).
type intList struct {
	vals []int
	set  bool
}

// String returns the list as flag.Value prints it.
func (l *intList) String() string {
	if l == nil || !l.set {
		return ""
	}
	return joinInts(l.vals, ",")
}

// Set parses the flag's value. Parentheses or brackets around the list are
// optional; so is one trailing comma.
func (l *intList) Set(s string) error {
	t := strings.TrimSpace(s)
	if len(t) >= 2 && (t[0] == '(' && t[len(t)-1] == ')' || t[0] == '[' && t[len(t)-1] == ']') {
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	vals := []int{}
	if t != "" {
		parts := strings.Split(t, ",")
		if len(parts) > 1 && strings.TrimSpace(parts[len(parts)-1]) == "" {
			parts = parts[:len(parts)-1]
		}
		for _, p := range parts {
			p = strings.TrimSpace(p)
			n, err := strconv.Atoi(p)
			if err != nil {
				if p == "" {
					return errors.New("empty item in list")
				}
				return fmt.Errorf("%q is not an integer", p)
			}
			vals = append(vals, n)
		}
	}
	if len(vals) > ndview.MaxDims {
		return fmt.Errorf("%d dimensions (at most %d)", len(vals), ndview.MaxDims)
	}
	l.vals, l.set = vals, true
	return nil
}

// orderFlag is -order: C (row-major) or F (column-major).
type orderFlag struct {
	order ndview.Order
	set   bool
}

// String returns the order as flag.Value prints it.
func (o *orderFlag) String() string {
	if o == nil || o.order == 0 {
		return "C"
	}
	return string(rune(o.order))
}

// Set parses C or F, as flag.Value requires.
func (o *orderFlag) Set(s string) error {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "C":
		o.order = ndview.COrder
	case "F":
		o.order = ndview.FOrder
	default:
		return errors.New("want C or F")
	}
	o.set = true
	return nil
}

// layoutFlags are the flags that describe a view of a raw file, shared by
// show, info and convert, and by cast with the prefix "in-" (-in-f,
// -in-shape, ...), whose -f and -shape describe its result.
type layoutFlags struct {
	prefix    string // before each flag's name
	format    string
	shape     intList
	strides   intList
	offset    int
	offsetSet bool // -offset was given, even as 0: see noteGiven
	order     orderFlag
}

func (l *layoutFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&l.format, l.prefix+"f", "", "element `FORMAT` of a raw FILE, struct / PEP 3118 style: \"<d\", \">i\", \"T{<i:id:<d:x:}\"")
	fs.Var(&l.shape, l.prefix+"shape", "`EXTENTS` of the dimensions, \"3,4\"; one may be -1: as many as the file holds")
	fs.Var(&l.strides, l.prefix+"strides", "`BYTES` each dimension steps, \"32,8\", negative allowed (default: contiguous in "+l.name("order")+")")
	fs.IntVar(&l.offset, l.prefix+"offset", 0, "byte position `N` of element [0, ..., 0] in the file (needed to read a .npy file as raw bytes)")
	fs.Var(&l.order, l.prefix+"order", "`C` (row-major) or F (column-major) contiguous layout when "+l.name("strides")+" is not given")
}

// name returns the command-line spelling of one of the flags: "-shape",
// or "-in-shape" for cast.
func (l *layoutFlags) name(s string) string { return "-" + l.prefix + s }

// noteGiven records which flags fs parsed that have no unset value of
// their own: -offset 0 is a choice (read a .npy file raw) that the
// default 0 is not.
func (l *layoutFlags) noteGiven(fs *flag.FlagSet) {
	fs.Visit(func(f *flag.Flag) {
		if f.Name == l.prefix+"offset" {
			l.offsetSet = true
		}
	})
}

// given reports whether any layout flag was given: then FILE is raw
// bytes that the flags describe, and otherwise a .npy file.
func (l *layoutFlags) given() bool {
	return l.format != "" || l.shape.set || l.strides.set || l.order.set || l.offsetSet
}

// parseFormat parses -f, which the caller has checked is present.
func (l *layoutFlags) parseFormat() (*format.Format, error) {
	f, err := format.Parse(l.format)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", l.name("f"), err)
	}
	return f, nil
}

// check reports flag combinations that cannot describe a layout, before
// any file is opened.
func (l *layoutFlags) check() error {
	if l.strides.set && !l.shape.set {
		return fmt.Errorf("%s needs %s", l.name("strides"), l.name("shape"))
	}
	if l.order.set && !l.shape.set {
		return fmt.Errorf("%s needs %s", l.name("order"), l.name("shape"))
	}
	if l.order.set && l.strides.set {
		return fmt.Errorf("%s and %s both given: %[2]s sets the layout", l.name("order"), l.name("strides"))
	}
	if l.strides.set && len(l.strides.vals) != len(l.shape.vals) {
		return fmt.Errorf("%s has %d values for %d dimensions", l.name("strides"), len(l.strides.vals), len(l.shape.vals))
	}
	unknown := 0
	for _, e := range l.shape.vals {
		switch {
		case e == -1:
			unknown++
		case e < 0:
			return fmt.Errorf("%s %s: negative extent %d", l.name("shape"), l.shape.String(), e)
		}
	}
	if unknown > 1 {
		return fmt.Errorf("%s %s: only one extent may be -1", l.name("shape"), l.shape.String())
	}
	if unknown == 1 && l.strides.set {
		return fmt.Errorf("%s %s: -1 needs a contiguous layout; with %s give every extent", l.name("shape"), l.shape.String(), l.name("strides"))
	}
	if l.offset < 0 {
		return fmt.Errorf("%s %d is negative", l.name("offset"), l.offset)
	}
	return nil
}

// resolveShape returns the shape with a -1 replaced by as many as n bytes
// hold after the offset; n < 0 means there is no file to measure.
func (l *layoutFlags) resolveShape(item, n int) ([]int, error) {
	shape := append([]int(nil), l.shape.vals...)
	unknown, per := -1, item
	for i, e := range shape {
		if e == -1 {
			unknown = i
			continue
		}
		var ok bool
		if per, ok = mulInt(per, e); !ok {
			return nil, fmt.Errorf("%s %s overflows", l.name("shape"), l.shape.String())
		}
	}
	if unknown < 0 {
		return shape, nil
	}
	switch {
	case n < 0:
		return nil, fmt.Errorf("%s %s: -1 needs a FILE to measure", l.name("shape"), l.shape.String())
	case per == 0:
		return nil, fmt.Errorf("%s %s: -1 is ambiguous when another extent is 0", l.name("shape"), l.shape.String())
	case l.offset > n:
		return nil, fmt.Errorf("%s %d is beyond the end of the file (%d bytes)", l.name("offset"), l.offset, n)
	}
	shape[unknown] = (n - l.offset) / per
	return shape, nil
}

// view builds the read-only view the flags describe over buf. The format
// has a positive size and check has passed.
func (l *layoutFlags) view(buf []byte, f *format.Format, shape []int) (ndview.View, error) {
	lay := ndview.Layout{Format: f, Shape: shape, Offset: l.offset, ReadOnly: true}
	switch {
	case l.strides.set:
		lay.Strides = l.strides.vals
	case l.order.order == ndview.FOrder:
		st, ok := fortranStrides(f.Size(), shape)
		if !ok {
			return ndview.View{}, fmt.Errorf("%s %s overflows", l.name("shape"), joinInts(shape, ","))
		}
		lay.Strides = st
	}
	v, err := ndview.FromLayout(buf, lay)
	if err != nil {
		return ndview.View{}, err
	}
	return v, nil
}

// fortranStrides returns the column-major strides of shape; FromLayout
// computes C strides itself but has no Fortran option.
func fortranStrides(item int, shape []int) ([]int, bool) {
	st := make([]int, len(shape))
	acc := item
	for i, e := range shape {
		st[i] = acc
		var ok bool
		if acc, ok = mulInt(acc, max(e, 1)); !ok {
			return nil, false
		}
	}
	return st, true
}

// mulInt returns a*b for non-negative a and b, and whether it fits an int.
func mulInt(a, b int) (int, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	return int(lo), hi == 0 && lo <= uint64(maxInt)
}

const maxInt = int(^uint(0) >> 1)

// span returns the bytes [lo, hi) that v's elements address, and false for
// a view without elements. FromLayout has checked that it does not
// overflow.
func span(v ndview.View) (lo, hi int, ok bool) {
	if v.Len() == 0 {
		return 0, 0, false
	}
	lo, hi = v.Offset(), v.Offset()+v.ItemSize()
	for i := range v.NDim() {
		if d := (v.Dim(i) - 1) * v.Stride(i); d < 0 {
			lo += d
		} else {
			hi += d
		}
	}
	return lo, hi, true
}

// tuple writes ints as Python prints a tuple: "(3, 4)", "(3,)", "()".
func tuple(xs []int) string {
	if len(xs) == 1 {
		return "(" + strconv.Itoa(xs[0]) + ",)"
	}
	return "(" + joinInts(xs, ", ") + ")"
}

func joinInts(xs []int, sep string) string {
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(strconv.Itoa(x))
	}
	return b.String()
}

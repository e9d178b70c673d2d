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

// layoutFlags are the flags that describe a view of a file, shared by show
// and info.
type layoutFlags struct {
	format  string
	shape   intList
	strides intList
	offset  int
	order   orderFlag
}

func (l *layoutFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&l.format, "f", "", "element `FORMAT`, struct / PEP 3118 style: \"<d\", \">i\", \"T{<i:id:<d:x:}\"")
	fs.Var(&l.shape, "shape", "`EXTENTS` of the dimensions, \"3,4\"; one may be -1: as many as the file holds")
	fs.Var(&l.strides, "strides", "`BYTES` each dimension steps, \"32,8\", negative allowed (default: contiguous in -order)")
	fs.IntVar(&l.offset, "offset", 0, "byte position `N` of element [0, ..., 0] in the file")
	fs.Var(&l.order, "order", "`C` (row-major) or F (column-major) contiguous layout when -strides is not given")
}

// parseFormat parses -f, which the caller has checked is present.
func (l *layoutFlags) parseFormat() (*format.Format, error) {
	f, err := format.Parse(l.format)
	if err != nil {
		return nil, fmt.Errorf("-f: %w", err)
	}
	return f, nil
}

// check reports flag combinations that cannot describe a layout, before
// any file is opened.
func (l *layoutFlags) check() error {
	if l.strides.set && !l.shape.set {
		return errors.New("-strides needs -shape")
	}
	if l.order.set && !l.shape.set {
		return errors.New("-order needs -shape")
	}
	if l.order.set && l.strides.set {
		return errors.New("-order and -strides both given: -strides sets the layout")
	}
	if l.strides.set && len(l.strides.vals) != len(l.shape.vals) {
		return fmt.Errorf("-strides has %d values for %d dimensions", len(l.strides.vals), len(l.shape.vals))
	}
	unknown := 0
	for _, e := range l.shape.vals {
		switch {
		case e == -1:
			unknown++
		case e < 0:
			return fmt.Errorf("-shape %s: negative extent %d", l.shape.String(), e)
		}
	}
	if unknown > 1 {
		return fmt.Errorf("-shape %s: only one extent may be -1", l.shape.String())
	}
	if unknown == 1 && l.strides.set {
		return fmt.Errorf("-shape %s: -1 needs a contiguous layout; with -strides give every extent", l.shape.String())
	}
	if l.offset < 0 {
		return fmt.Errorf("-offset %d is negative", l.offset)
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
			return nil, fmt.Errorf("-shape %s overflows", l.shape.String())
		}
	}
	if unknown < 0 {
		return shape, nil
	}
	switch {
	case n < 0:
		return nil, fmt.Errorf("-shape %s: -1 needs a FILE to measure", l.shape.String())
	case per == 0:
		return nil, fmt.Errorf("-shape %s: -1 is ambiguous when another extent is 0", l.shape.String())
	case l.offset > n:
		return nil, fmt.Errorf("-offset %d is beyond the end of the file (%d bytes)", l.offset, n)
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
			return ndview.View{}, fmt.Errorf("-shape %s overflows", joinInts(shape, ","))
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

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/npy"
)

func newConvertFlags() commandFlags {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	o := new(outputFlags)
	fs.StringVar(&o.format, "to", "", "`FORMAT` of the converted values, a number: \"<d\", \">i\", \"<Zf\", \"?\" (FILE's code with the other byte order swaps bytes)")
	o.register(fs)
	l := new(layoutFlags)
	l.register(fs)
	return commandFlags{
		fs: fs,
		synopsis: "ndview convert -to FORMAT [-o OUT] [-raw]\n" +
			"                   [-f FORMAT -shape EXTENTS [-strides BYTES] [-offset N] [-order C|F]] FILE [INDEX]",
		about: `Convert converts the values of FILE's array (or of the part INDEX selects)
into another numeric FORMAT or byte order and writes them as a .npy file
or, with -raw, as their bytes alone: in Fortran order when the array is
Fortran- and not C-contiguous (as a Fortran-order .npy file), else in C
order. A value the new format cannot hold (300 as "b", 1e6 as "e", 2.5j
as "d") is an error that names its index. It converts a megabyte at a
time, however large FILE is. FILE is a .npy file, or raw bytes that -f
and -shape describe.`,
		layout: l,
		out:    o,
	}
}

// runConvert is "ndview convert": FILE's values in another format.
func runConvert(args []string, w io.Writer) error {
	c := newConvertFlags()
	rest, err := parse(w, c, args)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	o := c.out
	if o.format == "" {
		return errors.New("-to FORMAT is required (see 'ndview help convert')")
	}
	to, err := format.Parse(o.format)
	if err != nil {
		return fmt.Errorf("-to: %w", err)
	}
	if !isNumber(to) {
		return fmt.Errorf("-to %q is not a single number: convert converts numbers (cast reinterprets bytes)", to.String())
	}
	var hdrDescr string
	if !o.raw {
		if hdrDescr, err = npyDescr(to); err != nil {
			return fmt.Errorf("-to %q: %v; -raw writes the values without a header", to.String(), err)
		}
	}
	index := indexArg(rest)
	a, err := openArray(c.layout, rest, "convert")
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.selectIndex(index); err != nil {
		return err
	}
	name := source(a.in.name, index)
	if f := a.v.ItemFormat(); !isNumber(f) {
		return fmt.Errorf("%s: format %q is not a single number: convert converts numbers (cast reinterprets bytes)", name, f.String())
	}
	fortran := fortranLayout(a.v)
	var hdr []byte
	if !o.raw {
		hdr = npy.HeaderBytes(hdrDescr, fortran, a.v.Shape())
	}
	return writeOutput(o.path, w, a.in, func(w io.Writer) error {
		return convertTo(w, hdr, a.v, to, fortran, name)
	})
}

// isNumber reports whether f is one value that cast.Convert converts: an
// integer, float, complex or bool.
func isNumber(f *format.Format) bool {
	fl, ok := f.Scalar()
	return ok && (fl.Kind.IsNumeric() || fl.Kind == format.Bool)
}

// convertTo writes hdr and then src's values converted into format to, in
// Fortran order if fortran, else in C order: what npy.Write writes for
// the converted array (hdr is nil for -raw). hdr is written with the
// first converted bytes, so that a value out of range in the first chunk
// (in a small array, any value) leaves nothing written.
func convertTo(w io.Writer, hdr []byte, src ndview.View, to *format.Format, fortran bool, name string) error {
	pending := hdr
	flush := func() error {
		if pending == nil {
			return nil
		}
		_, err := w.Write(pending)
		pending = nil
		return err
	}
	walk := src
	if fortran {
		walk = src.T() // C order of the transpose is Fortran order of src
	}
	err := convertChunks(walk, to, func(b []byte) error {
		if err := flush(); err != nil {
			return err
		}
		_, err := w.Write(b)
		return err
	})
	var re *cast.RangeError
	if errors.As(err, &re) {
		idx := re.Index
		if fortran {
			idx = slices.Clone(idx)
			slices.Reverse(idx)
		}
		return fmt.Errorf("%s: element %s = %v (%q) does not fit %q", name, indexString(idx), re.Value, re.From, re.To)
	}
	if err != nil {
		return err
	}
	return flush()
}

// indexString writes an element's index as NumPy indexes it: "[2, 3]",
// or "[()]" for the element of a 0-dimensional array.
func indexString(idx []int) string {
	if len(idx) == 0 {
		return "[()]"
	}
	return "[" + joinInts(idx, ", ") + "]"
}

// chunkBytes bounds the converted bytes convert holds at a time; tests
// lower it to make small arrays span many chunks.
var chunkBytes = 1 << 20

// convertChunks converts src's values into format to, in C order, a chunk
// of at most chunkBytes (or one element) at a time, and calls emit with
// each chunk's bytes; the buffer is reused. A chunk is a run of
// sub-arrays along the first axis or, when one of those is too large, a
// run of the next axis's within one of them, and so on. A value out of
// range is a *cast.RangeError whose Index is its index in src.
func convertChunks(src ndview.View, to *format.Format, emit func([]byte) error) error {
	n := src.Len()
	if n == 0 {
		return nil
	}
	item := to.Size()
	limit := max(1, chunkBytes/item) // elements per chunk
	buf := make([]byte, min(limit, n)*item)

	// one converts sub, which is src[prefix..., start:...]; start is 0
	// when sub is not a slice of an axis.
	one := func(sub ndview.View, prefix []int, start int) error {
		b := buf[:sub.Len()*item]
		dst, err := ndview.FromStrides(b, to, sub.Shape(), nil, 0)
		if err != nil {
			return err
		}
		if err := cast.Convert(dst, sub); err != nil {
			var re *cast.RangeError
			if errors.As(err, &re) {
				e := *re
				e.Index = append(slices.Clone(prefix), re.Index...)
				if len(re.Index) > 0 {
					e.Index[len(prefix)] += start
				}
				return &e
			}
			return err
		}
		return emit(b)
	}
	var walk func(v ndview.View, prefix []int) error
	walk = func(v ndview.View, prefix []int) error {
		n := v.Len()
		if n == 0 {
			return nil
		}
		if n <= limit || v.NDim() == 0 {
			return one(v, prefix, 0)
		}
		d0 := v.Dim(0)
		if row := n / d0; row <= limit {
			step := limit / row
			for i := 0; i < d0; i += step {
				sub, err := v.Index(ndview.Slice(i, min(i+step, d0), 1))
				if err != nil {
					return err
				}
				if err := one(sub, prefix, i); err != nil {
					return err
				}
			}
			return nil
		}
		for i := range d0 {
			sub, err := v.Index(ndview.Int(i))
			if err != nil {
				return err
			}
			if err := walk(sub, append(prefix[:len(prefix):len(prefix)], i)); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(src, nil)
}

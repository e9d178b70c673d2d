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

func newCastFlags() commandFlags {
	fs := flag.NewFlagSet("cast", flag.ContinueOnError)
	o := new(outputFlags)
	fs.StringVar(&o.format, "f", "", "`FORMAT` to read the bytes as (default: FILE's own)")
	fs.Var(&o.shape, "shape", "`EXTENTS` of the result, \"3,4\", one may be -1 (default: FILE's shape, the contiguous axis rescaled)")
	o.register(fs)
	l := &layoutFlags{prefix: "in-"}
	l.register(fs)
	return commandFlags{
		fs: fs,
		synopsis: "ndview cast [-f FORMAT] [-shape EXTENTS] [-o OUT] [-raw]\n" +
			"                   [-in-f FORMAT -in-shape EXTENTS [-in-strides BYTES] [-in-offset N] [-in-order C|F]] FILE [INDEX]",
		about: `Cast reads the bytes of FILE's array (or of the part INDEX selects) as
items of another FORMAT, converting no value, and writes the result as a
.npy file or, with -raw, as its bytes alone. Without -shape the
contiguous axis (the last; the first of a Fortran-order array) is
rescaled, as NumPy's ndarray.view(dtype): "<d" to "B" multiplies it by 8.
With -shape the array's bytes as a whole take the new shape, as
memoryview.cast, which needs a contiguous array; a Fortran-order array
stays in Fortran order. FILE is a .npy file, or raw bytes the -in-
layout flags describe (as -f, -shape, ... of show).`,
		layout: l,
		out:    o,
	}
}

// runCast is "ndview cast": FILE's bytes as another format.
func runCast(args []string, w io.Writer) error {
	c := newCastFlags()
	rest, err := parse(w, c, args)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	o := c.out
	var f *format.Format
	if o.format != "" {
		if f, err = format.Parse(o.format); err != nil {
			return fmt.Errorf("-f: %w", err)
		}
	}
	index := indexArg(rest)
	a, err := openArray(c.layout, rest, "cast")
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.selectIndex(index); err != nil {
		return err
	}
	if f == nil {
		f = a.v.ItemFormat()
	}
	r, err := castView(a.v, f, o.shape)
	if err != nil {
		return fmt.Errorf("%s: %s", source(a.in.name, index), castMessage(a.v, err))
	}
	if !o.raw {
		// Refuse a format .npy cannot describe before creating OUT.
		if _, err := npyDescr(f); err != nil {
			return fmt.Errorf("-f %q: %v; -raw writes the bytes without a header", f.String(), err)
		}
	}
	return writeOutput(o.path, w, a.in, func(w io.Writer) error {
		if o.raw {
			return writeData(w, r)
		}
		return npy.Write(w, r)
	})
}

// castView reinterprets v's bytes as items of f: without a shape along
// the contiguous axis, with one as a whole (see newCastFlags). A
// Fortran-order view is cast through its transpose, which is
// C-contiguous, so that it stays in Fortran order.
func castView(v ndview.View, f *format.Format, shape intList) (ndview.View, error) {
	fortran := fortranLayout(v)
	if fortran {
		v = v.T()
	}
	var r ndview.View
	var err error
	switch {
	case !shape.set:
		r, err = cast.LastAxisFormat(v, f)
	case len(shape.vals) == 0:
		// To has no 0-dimensional result; reshape its one item.
		if r, err = cast.ToFormat(v, f, 1); err == nil {
			r, err = r.Reshape()
		}
	default:
		s := shape.vals
		if fortran {
			s = slices.Clone(s)
			slices.Reverse(s)
		}
		r, err = cast.ToFormat(v, f, s...)
	}
	if err != nil {
		return ndview.View{}, err
	}
	if fortran {
		r = r.T()
	}
	return r, nil
}

// castMessage explains an error of castView on v in the command's terms:
// cast's own messages name its functions.
func castMessage(v ndview.View, err error) string {
	if errors.Is(err, cast.ErrNotContiguous) {
		return fmt.Sprintf("shape %s strides %s is not contiguous enough to cast: -shape needs a C- or Fortran-contiguous array, and without -shape the last axis must be contiguous (or keep the item size)",
			tuple(v.Shape()), tuple(v.Strides()))
	}
	return describe(err)
}

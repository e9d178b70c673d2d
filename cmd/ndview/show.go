package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ndview/ndview/ndview"
)

func newShowFlags() commandFlags {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	l := new(layoutFlags)
	l.register(fs)
	q := fs.Bool("q", false, "print only the array, without the header line")
	return commandFlags{
		fs:       fs,
		synopsis: "ndview show [-f FORMAT -shape EXTENTS [-strides BYTES] [-offset N] [-order C|F]] [-q] FILE [INDEX]",
		about: `Show prints FILE's array, or the part INDEX selects, as NumPy prints it
(summarised when large), after a header line naming the format, shape,
strides and offset in the file (-q omits it). A .npy file needs no flags:
its header gives the layout. A raw FILE needs -f and -shape. Only the
pages holding the printed elements are read.`,
		layout: l,
		quiet:  q,
	}
}

// runShow is "ndview show": FILE as an array, optionally indexed.
func runShow(args []string, w io.Writer) error {
	c := newShowFlags()
	rest, err := parse(w, c, args)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	index := indexArg(rest)
	a, err := openArray(c.layout, rest, "show")
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.selectIndex(index); err != nil {
		return err
	}
	v := a.v
	// Printing is when the mapped pages are read.
	return guardFaults(func() error {
		if !*c.quiet {
			if _, err := fmt.Fprintln(w, header(a.in.name, index, v.ItemFormat().String(), v)); err != nil {
				return err
			}
		}
		return printView(w, v)
	})
}

// header is show's first line: where the array comes from and its layout,
// "data.bin[::2]: "<d" shape (2, 4) strides (64, 8) offset 0".
func header(name, index, format string, v ndview.View) string {
	var b strings.Builder
	b.WriteString(source(name, index))
	fmt.Fprintf(&b, ": %q shape %s strides %s offset %d", format, tuple(v.Shape()), tuple(v.Strides()), v.Offset())
	return b.String()
}

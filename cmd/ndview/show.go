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
		synopsis: "ndview show -f FORMAT -shape EXTENTS [-strides BYTES] [-offset N] [-order C|F] [-q] FILE [INDEX]",
		layout:   l,
		quiet:    q,
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
	l := c.layout
	switch {
	case l.format == "":
		return errors.New("-f FORMAT is required (see 'ndview help show')")
	case !l.shape.set:
		return errors.New("-shape is required (see 'ndview help show')")
	case len(rest) == 0:
		return errors.New("FILE is required (see 'ndview help show')")
	}
	if err := l.check(); err != nil {
		return err
	}
	f, err := l.parseFormat()
	if err != nil {
		return err
	}
	if f.Size() == 0 {
		return fmt.Errorf("-f: format %q has size 0: its items hold no bytes to show", l.format)
	}
	// An unquoted index arrives in pieces ("::2," "1:3"); NumPy's syntax
	// ignores spaces, so joining them back loses nothing.
	index := strings.TrimSpace(strings.Join(rest[1:], " "))

	in, err := openInput(rest[0])
	if err != nil {
		return err
	}
	defer in.Close()
	shape, err := l.resolveShape(f.Size(), len(in.data))
	if err != nil {
		return fmt.Errorf("%s: %v", in.name, err)
	}
	v, err := l.view(in.data, f, shape)
	if err != nil {
		return fmt.Errorf("%s: %s", in.name, describe(err))
	}
	if index != "" {
		if v, err = v.IndexString(index); err != nil {
			return fmt.Errorf("%s: %s", in.name, describe(err))
		}
	}
	// Printing is when the mapped pages are read.
	return guardFaults(func() error {
		if !*c.quiet {
			if _, err := fmt.Fprintln(w, header(in.name, index, f.String(), v)); err != nil {
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
	b.WriteString(name)
	if index != "" {
		b.WriteString("[" + index + "]")
	}
	fmt.Fprintf(&b, ": %q shape %s strides %s offset %d", format, tuple(v.Shape()), tuple(v.Strides()), v.Offset())
	return b.String()
}

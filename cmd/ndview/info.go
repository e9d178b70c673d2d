package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

func newInfoFlags() commandFlags {
	fs := flag.NewFlagSet("info", flag.ContinueOnError)
	l := new(layoutFlags)
	l.register(fs)
	return commandFlags{
		fs:       fs,
		synopsis: "ndview info [-f FORMAT] [-shape EXTENTS] [-strides BYTES] [-offset N] [-order C|F] [FILE]",
		about: `Info describes a .npy FILE (its header: version, descr, order, shape, data
offset and size; the element format; and the view: strides, contiguity,
bytes), or a FORMAT, and the view -shape makes of a raw FILE (or, without
FILE, of a buffer just large enough). A .npy file opens without reading
its data.`,
		layout: l,
	}
}

// runInfo is "ndview info": a .npy file's header, format and view; or a
// format's layout, and the attributes of the view a shape makes of a raw
// FILE (or of a buffer just large enough).
func runInfo(args []string, w io.Writer) error {
	c := newInfoFlags()
	rest, err := parse(w, c, args)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	l := c.layout
	switch {
	case len(rest) > 1:
		return fmt.Errorf("info takes at most one FILE, got %d arguments", len(rest))
	case l.format == "" && len(rest) == 0:
		return errors.New("info needs -f FORMAT, a FILE, or both (see 'ndview help info')")
	case l.format == "" && l.shape.set:
		return errors.New("-shape needs -f FORMAT")
	}
	if err := l.check(); err != nil {
		return err
	}
	var f *format.Format
	if l.format != "" {
		if f, err = l.parseFormat(); err != nil {
			return err
		}
	}
	var in *input
	if len(rest) == 1 {
		if in, err = openInput(rest[0]); err != nil {
			return err
		}
		defer in.Close()
		if isNpy(in.data) {
			if l.given() && !l.offsetSet {
				return npyWithFlags(l, in)
			}
			if !l.given() {
				a, err := npyArray(in)
				if err != nil {
					return err
				}
				writeNpy(w, a)
				return nil
			}
		}
	}
	// Check the layout before printing anything, so that an error is the
	// only output.
	var v ndview.View
	if l.shape.set {
		if v, err = infoView(l, f, in); err != nil {
			return err
		}
	}

	if f != nil {
		writeFormat(w, f)
	}
	if in != nil && !l.shape.set {
		writeFile(w, in, l.offset, f)
	}
	if l.shape.set {
		of := fmt.Sprintf("a buffer of exactly %d bytes", len(v.Buffer()))
		if in != nil {
			of = in.name
		}
		writeView(w, v, of)
	}
	return nil
}

// writeNpy writes what info says of a .npy file: its header and where
// the data lies, its element format, and the view of it.
func writeNpy(w io.Writer, a *array) {
	h := a.hdr
	order, fo := "C", "False"
	if h.FortranOrder {
		order, fo = "F", "True"
	}
	descr := h.Descr
	if !strings.HasPrefix(descr, "[") {
		descr = "'" + descr + "'" // as the header writes a type string
	}
	kv := []string{
		"size", fmt.Sprintf("%d bytes", len(a.in.data)),
		"version", fmt.Sprintf("%d.%d", h.Major, h.Minor),
		"descr", descr,
		"order", fmt.Sprintf("%s (fortran_order %s)", order, fo),
		"shape", tuple(h.Shape),
		"data offset", strconv.Itoa(h.DataOffset),
		"data size", fmt.Sprintf("%d bytes", h.DataSize),
	}
	if extra := len(a.in.data) - h.DataOffset - h.DataSize; extra > 0 {
		kv = append(kv, "trailing", fmt.Sprintf("%d bytes after the data", extra))
	}
	block(w, ".npy file "+a.in.name, kv...)
	writeFormat(w, h.Format)
	writeView(w, a.v, a.in.name)
}

// infoView builds the view the layout flags describe, over the file or,
// without one, over a buffer exactly as large as the layout needs.
func infoView(l *layoutFlags, f *format.Format, in *input) (ndview.View, error) {
	if f.Size() == 0 {
		return ndview.View{}, fmt.Errorf("-f: format %q has size 0: a view needs items of at least one byte", l.format)
	}
	if in != nil {
		shape, err := l.resolveShape(f.Size(), len(in.data))
		if err != nil {
			return ndview.View{}, fmt.Errorf("%s: %v", in.name, err)
		}
		v, err := l.view(in.data, f, shape)
		if err != nil {
			return ndview.View{}, fmt.Errorf("%s: %s", in.name, describe(err))
		}
		return v, nil
	}
	shape, err := l.resolveShape(f.Size(), -1)
	if err != nil {
		return ndview.View{}, err
	}
	n, err := needed(l, f, shape)
	if err != nil {
		return ndview.View{}, err
	}
	buf, release, err := mapZeros(n)
	if err != nil {
		return ndview.View{}, fmt.Errorf("cannot set aside %d bytes for the layout: %v", n, err)
	}
	if release != nil {
		// Only the view's attributes are used, never its bytes, so the
		// mapping can go as soon as the view has been checked.
		defer release()
	}
	v, err := l.view(buf, f, shape)
	if err != nil {
		return ndview.View{}, errors.New(describe(err))
	}
	return v, nil
}

// needed returns the smallest buffer the layout fits: the end of the last
// byte its elements address, or the offset when it has none.
func needed(l *layoutFlags, f *format.Format, shape []int) (int, error) {
	item := f.Size()
	if !l.strides.set {
		n, ok := item, true
		for _, e := range shape {
			if n, ok = mulInt(n, e); !ok {
				return 0, fmt.Errorf("-shape %s overflows", joinInts(shape, ","))
			}
		}
		if n, ok = addInt(n, l.offset); !ok {
			return 0, fmt.Errorf("-offset %d overflows", l.offset)
		}
		return n, nil
	}
	lo, hi := l.offset, l.offset
	for i, e := range shape {
		if e == 0 {
			return l.offset, nil
		}
		s := l.strides.vals[i]
		d, ok := mulInt(e-1, abs(s))
		if !ok {
			return 0, fmt.Errorf("-strides %s overflow", l.strides.String())
		}
		if s < 0 {
			lo, ok = addInt(lo, -d)
		} else {
			hi, ok = addInt(hi, d)
		}
		if !ok {
			return 0, fmt.Errorf("-strides %s overflow", l.strides.String())
		}
	}
	if lo < 0 {
		return 0, fmt.Errorf("layout reaches byte %d, before the buffer: negative strides need -offset %d or more", lo, l.offset-lo)
	}
	end, ok := addInt(hi, item)
	if !ok {
		return 0, fmt.Errorf("-strides %s overflow", l.strides.String())
	}
	return end, nil
}

func addInt(a, b int) (int, bool) {
	c := a + b
	return c, (c >= a) == (b >= 0)
}

func abs(x int) int {
	if x < 0 {
		return -x // -minInt stays negative, which mulInt reports as overflow
	}
	return x
}

// block writes a heading and indented, aligned "key  value" lines.
func block(w io.Writer, heading string, kv ...string) {
	fmt.Fprintln(w, heading)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i := 0; i+1 < len(kv); i += 2 {
		fmt.Fprintf(tw, "  %s\t%s\n", kv[i], kv[i+1])
	}
	tw.Flush()
}

// writeFormat writes a format's size, alignment, value count and fields.
func writeFormat(w io.Writer, f *format.Format) {
	block(w, fmt.Sprintf("format %q", f.String()),
		"size", fmt.Sprintf("%d bytes", f.Size()),
		"alignment", strconv.Itoa(f.Align()),
		"values", strconv.Itoa(f.NumValues()),
		"fields", strconv.Itoa(f.NumFields()))
	if f.NumFields() == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\tname\tcode\tkind\torder\toffset\tsize\tcount\tshape")
	writeFields(tw, f, "", "", 0)
	tw.Flush()
}

// writeFields writes one row per field, recursing into records: a nested
// field's number and name are dotted paths and its offset counts from the
// start of the outer item (for the first element of a repeated record).
func writeFields(w io.Writer, f *format.Format, num, name string, base int) {
	for i, fl := range f.Fields() {
		n, nm := num+strconv.Itoa(i), name+fl.Name
		if fl.Name == "" {
			nm = "-"
		}
		shape := "-"
		if fl.Shape != nil {
			shape = tuple(fl.Shape)
		}
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n",
			n, nm, fl.Code, fl.Kind, orderOf(fl), base+fl.Offset, fl.Size, fl.Count, shape)
		if fl.Record != nil {
			prefix := ""
			if fl.Name != "" {
				prefix = nm + "."
			}
			writeFields(w, fl.Record, n+".", prefix, base+fl.Offset)
		}
	}
}

// writeFile writes what FILE holds in items of f from the offset, or only
// its size without a format.
func writeFile(w io.Writer, in *input, off int, f *format.Format) {
	kv := []string{"size", fmt.Sprintf("%d bytes", len(in.data))}
	switch {
	case f == nil || f.Size() == 0:
	case off > len(in.data):
		kv = append(kv, "items", fmt.Sprintf("none: -offset %d is beyond the end", off))
	default:
		n := len(in.data) - off
		kv = append(kv, "items", fmt.Sprintf("%d from offset %d (-shape -1), %d bytes left over", n/f.Size(), off, n%f.Size()))
	}
	block(w, "file "+in.name, kv...)
}

// writeView writes a view's attributes; of names the buffer.
func writeView(w io.Writer, v ndview.View, of string) {
	bytes := fmt.Sprintf("none (no elements) of %d", len(v.Buffer()))
	if lo, hi, ok := span(v); ok {
		bytes = fmt.Sprintf("[%d, %d) of %d", lo, hi, len(v.Buffer()))
	}
	block(w, "view of "+of,
		"ndim", strconv.Itoa(v.NDim()),
		"shape", tuple(v.Shape()),
		"strides", tuple(v.Strides()),
		"offset", strconv.Itoa(v.Offset()),
		"itemsize", strconv.Itoa(v.ItemSize()),
		"elements", strconv.Itoa(v.Len()),
		"nbytes", strconv.Itoa(v.NBytes()),
		"C-contiguous", strconv.FormatBool(v.IsCContiguous()),
		"F-contiguous", strconv.FormatBool(v.IsFContiguous()),
		"read-only", strconv.FormatBool(v.ReadOnly()),
		"bytes", bytes)
}

// orderOf is a field's byte order, or "-" where bytes have no order: single
// bytes, byte strings, padding, and records (whose fields have their own).
func orderOf(fl format.Field) string {
	switch fl.Kind {
	case format.Pad, format.Char, format.Bool, format.Int8, format.Uint8,
		format.Bytes, format.Pascal, format.Void, format.Record:
		return "-"
	}
	return fl.Order.String()
}

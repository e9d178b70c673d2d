package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/npy"
)

// npyMagic starts every .npy file.
const npyMagic = "\x93NUMPY"

// isNpy reports whether data starts as a .npy file does. A file that
// does and has a damaged header is an error, not raw bytes; the layout
// flags with -offset read it raw.
func isNpy(data []byte) bool { return bytes.HasPrefix(data, []byte(npyMagic)) }

// array is the array a command reads from FILE, and where from.
type array struct {
	in *input
	v  ndview.View // read-only, over the whole file: offsets count from its first byte
	// hdr is the .npy header, nil for a raw file the layout flags describe.
	hdr *npy.Header
}

// Close releases the file; the view must not be used afterwards.
func (a *array) Close() error { return a.in.Close() }

// npyArray returns the array of the .npy file in in. npy.Load reads the
// header alone and lays a view over the bytes that follow, so a mapped
// file of any size opens at once; the view is then rebuilt over the
// whole file, so that its offset is a position in the file, as for a raw
// file, and made read-only (the mapping is).
func npyArray(in *input) (*array, error) {
	v, h, err := npy.Load(in.data)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", in.name, describe(err)) // npy's errors, or ndview's for an impossible layout
	}
	v, err = ndview.FromLayout(in.data, ndview.Layout{
		Format:   h.Format,
		Shape:    v.Shape(),
		Strides:  v.Strides(),
		Offset:   h.DataOffset + v.Offset(),
		ReadOnly: true,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %s", in.name, describe(err))
	}
	return &array{in: in, v: v, hdr: &h}, nil
}

// npyWithFlags is the error for layout flags given with a .npy FILE but
// no -offset: the flags would read the header as data.
func npyWithFlags(l *layoutFlags, in *input) error {
	at := ""
	if h, err := npy.ParseHeader(in.data); err == nil {
		at = fmt.Sprintf(" (its data starts at byte %d)", h.DataOffset)
	}
	return fmt.Errorf("%s is a .npy file%s: drop the layout flags to use its header, or give %s to read its bytes raw",
		in.name, at, l.name("offset"))
}

// openArray opens the array of a command's FILE (rest[0]): a .npy file,
// laid out as its header says, when no layout flag is given; else raw
// bytes that the layout flags describe, which then need a format and a
// shape. A .npy file with layout flags is an error unless -offset is
// among them (see npyWithFlags). cmd names the command for the hints.
func openArray(l *layoutFlags, rest []string, cmd string) (*array, error) {
	raw := l.given()
	if raw {
		switch {
		case l.format == "":
			return nil, fmt.Errorf("%s FORMAT is required for a raw FILE (see 'ndview help %s')", l.name("f"), cmd)
		case !l.shape.set:
			return nil, fmt.Errorf("%s is required for a raw FILE (see 'ndview help %s')", l.name("shape"), cmd)
		}
	}
	if len(rest) == 0 {
		return nil, fmt.Errorf("FILE is required (see 'ndview help %s')", cmd)
	}
	var f *format.Format
	if raw {
		if err := l.check(); err != nil {
			return nil, err
		}
		var err error
		if f, err = l.parseFormat(); err != nil {
			return nil, err
		}
		if f.Size() == 0 {
			return nil, fmt.Errorf("%s: format %q has size 0: its items hold no bytes", l.name("f"), l.format)
		}
	}
	in, err := openInput(rest[0])
	if err != nil {
		return nil, err
	}
	a, err := layArray(l, f, in, cmd)
	if err != nil {
		in.Close()
		return nil, err
	}
	return a, nil
}

// layArray is openArray once FILE is open.
func layArray(l *layoutFlags, f *format.Format, in *input, cmd string) (*array, error) {
	if f == nil {
		if !isNpy(in.data) {
			return nil, fmt.Errorf("%s is not a .npy file: give its layout with %s FORMAT and %s EXTENTS (see 'ndview help %s')",
				in.name, l.name("f"), l.name("shape"), cmd)
		}
		return npyArray(in)
	}
	if isNpy(in.data) && !l.offsetSet {
		return nil, npyWithFlags(l, in)
	}
	shape, err := l.resolveShape(f.Size(), len(in.data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", in.name, err)
	}
	v, err := l.view(in.data, f, shape)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", in.name, describe(err))
	}
	return &array{in: in, v: v}, nil
}

// indexArg joins the arguments after FILE into one index. An unquoted
// index arrives in pieces ("::2," "1:3"); NumPy's syntax ignores spaces,
// so joining them back loses nothing.
func indexArg(rest []string) string {
	if len(rest) < 2 {
		return ""
	}
	return strings.TrimSpace(strings.Join(rest[1:], " "))
}

// selectIndex applies a non-empty index to the array's view.
func (a *array) selectIndex(index string) error {
	if index == "" {
		return nil
	}
	v, err := a.v.IndexString(index)
	if err != nil {
		return fmt.Errorf("%s: %s", a.in.name, describe(err))
	}
	a.v = v
	return nil
}

// source names what a command read: "data.npy", or "data.npy[::2]".
func source(name, index string) string {
	if index == "" {
		return name
	}
	return name + "[" + index + "]"
}

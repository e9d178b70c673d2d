package ndview_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/npy"
)

type npyCase struct {
	File         string          `json:"file"`
	Descr        string          `json:"descr"`
	FortranOrder bool            `json:"fortran_order"`
	Shape        []int           `json:"shape"`
	Format       string          `json:"format"`
	Values       json.RawMessage `json:"values_c_order"`
	Error        bool            `json:"error"`
}

// runNpy reads a file numpy.save wrote three ways (Map, ReadFile, Load
// of its bytes), which must agree with the recorded answers and with
// each other, and writes the array back, which must give the file byte
// for byte.
func runNpy(dir string, raw json.RawMessage) error {
	var c npyCase
	if err := json.Unmarshal(raw, &c); err != nil {
		return err
	}
	path := filepath.Join(dir, c.File)
	file, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	m, mapErr := npy.Map(path, npy.ReadOnly)
	rv, rh, readErr := npy.ReadFile(path)
	lv, _, loadErr := npy.Load(file)
	if c.Error {
		if mapErr == nil {
			m.Close()
		}
		for _, err := range []error{mapErr, readErr, loadErr} {
			if err == nil {
				return fmt.Errorf("a broken file was accepted (Map %v, ReadFile %v, Load %v)", mapErr, readErr, loadErr)
			}
			if !errors.Is(err, npy.ErrFormat) && !errors.Is(err, npy.ErrDtype) && !errors.Is(err, npy.ErrTruncated) && !errors.Is(err, npy.ErrTooLarge) {
				return fmt.Errorf("error %v matches none of npy's sentinels", err)
			}
		}
		return nil
	}
	if err := errors.Join(mapErr, readErr, loadErr); err != nil {
		return err
	}
	defer m.Close()
	v, err := m.View()
	if err != nil {
		return err
	}
	h := m.Header()
	var want []any
	if err := json.Unmarshal(c.Values, &want); err != nil {
		return err
	}
	got, err := flatValues(v)
	if err != nil {
		return err
	}
	if err := matchValue(got, want, true); err != nil {
		return fmt.Errorf("values: %v", err)
	}
	if err := writeBack(v, h, file); err != nil {
		return err
	}
	if h.Descr != c.Descr || h.FortranOrder != c.FortranOrder || !slices.Equal(h.Shape, c.Shape) {
		// The recorded answer contradicts the header NumPy wrote in the
		// file itself: say so, with NumPy's own reading when it is here.
		return fmt.Errorf("%w: the case says descr %q, fortran_order %v, shape %v; the file's header says %q, %v, %v%s",
			errDisputed, c.Descr, c.FortranOrder, c.Shape, h.Descr, h.FortranOrder, h.Shape, numpyReading(path))
	}
	switch {
	case h.Descr != c.Descr:
		return fmt.Errorf("descr %q, want %q", h.Descr, c.Descr)
	case h.FortranOrder != c.FortranOrder:
		return fmt.Errorf("fortran_order %v, want %v", h.FortranOrder, c.FortranOrder)
	case !slices.Equal(v.Shape(), c.Shape) && !(len(c.Shape) == 0 && v.NDim() == 0):
		return fmt.Errorf("shape %v, want %v", v.Shape(), c.Shape)
	case v.ItemFormat().String() != c.Format:
		return fmt.Errorf("format %q, want %q", v.ItemFormat().String(), c.Format)
	case !v.ReadOnly():
		return fmt.Errorf("a ReadOnly map gave a writable view")
	case c.FortranOrder && v.NDim() > 1 && v.Len() > 1 && !v.IsFContiguous():
		return fmt.Errorf("a Fortran-ordered file gave strides %v", v.Strides())
	}
	if !ndview.Equal(v, rv) && !hasNaN(got) || !ndview.Equal(v, lv) && !hasNaN(got) || rh.Descr != h.Descr {
		return fmt.Errorf("Map, ReadFile and Load disagree")
	}
	return nil
}

// errDisputed marks a case whose recorded answer contradicts the file it
// describes; the suite counts and logs it apart from passes and failures.
var errDisputed = errors.New("disputed case")

// writeBack writes the array with npy.Write, which must give numpy.save's
// bytes: the whole file for a version 1.0 file (what numpy.save writes),
// and the same header dict and data for a file NumPy was told to write
// as 2.0.
func writeBack(v ndview.View, h npy.Header, file []byte) error {
	var out bytes.Buffer
	if err := npy.Write(&out, v); err != nil {
		return fmt.Errorf("writing it back: %v", err)
	}
	got := out.Bytes()
	if h.Major == 1 {
		if !bytes.Equal(got, file) {
			return fmt.Errorf("writing it back gave %d bytes that differ from numpy.save's %d:\n%q\n%q", len(got), len(file), firstBytes(got), firstBytes(file))
		}
		return nil
	}
	gh, err := npy.ParseHeader(got)
	if err != nil {
		return err
	}
	dictOf := func(b []byte, off int) string {
		return strings.TrimRight(string(b[:off]), " \n")[bytes.IndexByte(b, '{'):]
	}
	if dictOf(got, gh.DataOffset) != dictOf(file, h.DataOffset) || !bytes.Equal(got[gh.DataOffset:], file[h.DataOffset:]) {
		return fmt.Errorf("writing it back gave another header or data:\n%q\n%q", firstBytes(got), firstBytes(file))
	}
	return nil
}

// numpyReading asks NumPy, when /usr/bin/python3 has it, how it reads
// the file's header.
func numpyReading(path string) string {
	out, err := exec.Command("/usr/bin/python3", "-c",
		"import sys, numpy as np\nf = open(sys.argv[1], 'rb')\nv = np.lib.format.read_magic(f)\nprint(np.lib.format._read_array_header(f, v))", path).Output()
	if err != nil {
		return " (NumPy is not here to confirm)"
	}
	return "; NumPy reads (shape, fortran_order, dtype) = " + strings.TrimSpace(string(out))
}

func firstBytes(b []byte) []byte { return b[:min(len(b), 160)] }

// flatValues lists the elements' values in C order.
func flatValues(v ndview.View) ([]any, error) {
	out := []any{}
	for idx := range v.All() {
		x, err := v.Value(idx...)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

func hasNaN(xs []any) bool {
	for _, x := range xs {
		switch x := x.(type) {
		case float64:
			if x != x {
				return true
			}
		case complex128:
			if real(x) != real(x) || imag(x) != imag(x) {
				return true
			}
		}
	}
	return false
}

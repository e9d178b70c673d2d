package npy_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/npy"
)

const python = "/usr/bin/python3"

// needNumPy skips the test when /usr/bin/python3 or its NumPy is missing.
func needNumPy(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(python); err != nil {
		t.Skipf("%s is not here: %v", python, err)
	}
	if out, err := exec.Command(python, "-c", "import numpy").CombinedOutput(); err != nil {
		t.Skipf("%s has no numpy: %v %s", python, err, out)
	}
}

// numpyReading is how testdata/crosscheck.py reports NumPy's reading of
// a file.
type numpyReading struct {
	Descr            string `json:"descr"`
	Str              string `json:"str"`
	Shape            []int  `json:"shape"`
	Fortran          bool   `json:"fortran"`
	Major            int    `json:"major"`
	Values           []any  `json:"values"`
	Bytes            string `json:"bytes"`
	ResavedIdentical bool   `json:"resaved_identical"`
}

func runOracle(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(python, append([]string{filepath.Join("testdata", "crosscheck.py")}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("crosscheck.py %s: %v\n%s", args[0], err, stderr.Bytes())
	}
	return out
}

// canonTokens turns NumPy's float.hex spellings into token's.
func canonTokens(t *testing.T, x any) any {
	switch x := x.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = canonTokens(t, e)
		}
		return out
	case string:
		parse := func(s string) string {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("NumPy's float %q: %v", s, err)
			}
			return canonFloat(f)
		}
		switch {
		case strings.HasPrefix(x, "f:"):
			return "f:" + parse(x[2:])
		case strings.HasPrefix(x, "c:"):
			re, im, _ := strings.Cut(x[2:], ",")
			return "c:" + parse(re) + "," + parse(im)
		}
		return x
	}
	return x
}

// TestCrossCheckWrite: files npy.WriteFile writes, as NumPy reads them:
// the same dtype, shape, order and values, and numpy.save of what NumPy
// loaded gives the file back byte for byte.
func TestCrossCheckWrite(t *testing.T) {
	needNumPy(t)
	dir := t.TempDir()
	type written struct {
		name string
		v    ndview.View
		h    npy.Header
	}
	var files []written
	var paths []string
	seed := uint64(1000)
	cases := append(slices.Clone(dtypeCases), dtypeCase{manyFields(4000), "", manyFields(4000)})
	for _, dc := range cases {
		for _, shape := range [][]int{{}, {0}, {2, 0}, {3}, {2, 3}, {2, 3, 4}, {2, 1, 3, 2}} {
			for _, layout := range []string{"C", "F", "strided"} {
				if len(dc.format) > 1000 && (len(shape) != 1 || layout != "C") {
					continue // one file of the big record is enough
				}
				seed++
				v, ok := makeView(t, dc.format, shape, layout, seed)
				if !ok {
					continue
				}
				path := filepath.Join(dir, fmt.Sprintf("w%04d.npy", len(files)))
				if err := npy.WriteFile(path, v); err != nil {
					t.Fatalf("WriteFile %q %v %s: %v", dc.format, shape, layout, err)
				}
				file, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				h, err := npy.ParseHeader(file)
				if err != nil {
					t.Fatal(err)
				}
				files = append(files, written{fmt.Sprintf("%s/%v/%s", dc.format, shape, layout), v, h})
				paths = append(paths, path)
			}
		}
	}
	var readings map[string]numpyReading
	if err := json.Unmarshal(runOracle(t, append([]string{"load"}, paths...)...), &readings); err != nil {
		t.Fatal(err)
	}
	for i, w := range files {
		name := w.name
		if len(name) > 60 {
			name = name[:60] + "..."
		}
		t.Run(name, func(t *testing.T) {
			r, ok := readings[paths[i]]
			if !ok {
				t.Fatalf("NumPy did not read %s", paths[i])
			}
			want := tokens(t, w.v)
			switch {
			case !r.ResavedIdentical:
				t.Errorf("numpy.save of the array NumPy loaded is not the file npy wrote (descr %s, shape %v)", r.Descr, r.Shape)
			case r.Descr != w.h.Descr:
				t.Errorf("NumPy's descr %s, npy wrote %s", r.Descr, w.h.Descr)
			case !slices.Equal(r.Shape, w.v.Shape()) && len(r.Shape)+w.v.NDim() > 0:
				t.Errorf("NumPy's shape %v, want %v", r.Shape, w.v.Shape())
			case r.Fortran != w.h.FortranOrder:
				t.Errorf("NumPy's array is Fortran-ordered: %v, the header says %v", r.Fortran, w.h.FortranOrder)
			case r.Major != w.h.Major:
				t.Errorf("version %d, npy says %d", r.Major, w.h.Major)
			case r.Bytes != hex.EncodeToString(w.v.ToBytes(memoryOrder(r.Fortran))):
				t.Errorf("NumPy's bytes in memory order\n%s\nwant\n%x", r.Bytes, w.v.ToBytes(memoryOrder(r.Fortran)))
			}
			if got := canonTokens(t, r.Values).([]any); !sameTokens(got, want) {
				t.Errorf("NumPy's values\n%v\nwant\n%v", got, want)
			}
		})
	}
}

type savedCase struct {
	File      string       `json:"file"`
	Format    string       `json:"format"`
	Writeback string       `json:"writeback"`
	Reading   numpyReading `json:"reading"`
}

// TestCrossCheckRead: files numpy.save writes, as npy reads them
// (ReadFile, Map, Load): the same values, Fortran files as F-strided
// views, big-endian ones as ">" views; and npy.Write of the view gives
// numpy.save's bytes.
func TestCrossCheckRead(t *testing.T) {
	needNumPy(t)
	dir := t.TempDir()
	var cases []savedCase
	if err := json.Unmarshal(runOracle(t, "save", dir), &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.File, func(t *testing.T) {
			r := c.Reading
			path := filepath.Join(dir, c.File)
			file, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fv, fh, err := npy.ReadFile(path)
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			lv, lh, err := npy.Load(file)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			m, err := npy.Map(path, npy.ReadOnly)
			if err != nil {
				t.Fatalf("Map: %v", err)
			}
			defer m.Close()
			mv, err := m.View()
			if err != nil {
				t.Fatal(err)
			}
			mh := m.Header()
			want := canonTokens(t, r.Values).([]any)
			for _, g := range []struct {
				how string
				v   ndview.View
				h   npy.Header
			}{{"ReadFile", fv, fh}, {"Load", lv, lh}, {"Map", mv, mh}} {
				v, h := g.v, g.h
				switch {
				case h.Descr != r.Descr:
					t.Errorf("%s: descr %q, NumPy's %q", g.how, h.Descr, r.Descr)
				case h.Major != r.Major:
					t.Errorf("%s: version %d, the file's %d", g.how, h.Major, r.Major)
				case v.ItemFormat().String() != c.Format:
					t.Errorf("%s: format %q, want %q", g.how, v.ItemFormat(), c.Format)
				case !slices.Equal(v.Shape(), r.Shape) && len(r.Shape)+v.NDim() > 0:
					t.Errorf("%s: shape %v, want %v", g.how, v.Shape(), r.Shape)
				case h.FortranOrder != r.Fortran:
					t.Errorf("%s: fortran_order %v, NumPy's array Fortran-ordered: %v", g.how, h.FortranOrder, r.Fortran)
				case r.Fortran && !slices.Equal(v.Strides(), fortranStrides(v.Shape(), v.ItemSize())):
					t.Errorf("%s: a Fortran-ordered file gave strides %v", g.how, v.Strides())
				case !r.Fortran && !v.IsCContiguous():
					t.Errorf("%s: strides %v", g.how, v.Strides())
				case hex.EncodeToString(v.ToBytes(memoryOrder(r.Fortran))) != r.Bytes:
					t.Errorf("%s: bytes differ from NumPy's", g.how)
				case h.DataOffset != len(file)-len(r.Bytes)/2 || h.DataOffset%64 != 0:
					t.Errorf("%s: data at %d in a %d-byte file", g.how, h.DataOffset, len(file))
				}
				if strings.HasPrefix(r.Str, ">") && !strings.HasPrefix(v.ItemFormat().String(), ">") {
					t.Errorf("%s: a big-endian file gave a %q view", g.how, v.ItemFormat())
				}
				if got := tokens(t, v); !sameTokens(got, want) {
					t.Errorf("%s: values\n%v\nNumPy's\n%v", g.how, got, want)
				}
			}
			if !mv.ReadOnly() {
				t.Errorf("a ReadOnly mapping gave a writable view")
			}

			var out bytes.Buffer
			err = npy.Write(&out, fv)
			switch c.Writeback {
			case "exact":
				if err != nil {
					t.Fatalf("Write: %v", err)
				}
				if !bytes.Equal(out.Bytes(), file) {
					t.Errorf("Write gave\n%q\nnumpy.save wrote\n%q", firstBytes(out.Bytes()), firstBytes(file))
				}
			case "dict":
				// NumPy was told to write a later version than it needed:
				// the same dict and data in a 1.0 file.
				if err != nil {
					t.Fatalf("Write: %v", err)
				}
				gh, err := npy.ParseHeader(out.Bytes())
				if err != nil {
					t.Fatal(err)
				}
				dictOf := func(b []byte, off int) string {
					return strings.TrimRight(string(b[bytes.IndexByte(b, '{'):off]), " \n")
				}
				if gh.Major != 1 || dictOf(out.Bytes(), gh.DataOffset) != dictOf(file, fh.DataOffset) || !bytes.Equal(out.Bytes()[gh.DataOffset:], file[fh.DataOffset:]) {
					t.Errorf("Write gave\n%q\nthe file is\n%q", firstBytes(out.Bytes()), firstBytes(file))
				}
			case "may-refuse":
				// Non-ASCII field names: npy may refuse to write them.
				switch {
				case errors.Is(err, npy.ErrDtype):
					t.Logf("Write refuses %s: %v", r.Descr, err)
				case err != nil:
					t.Errorf("Write: %v", err)
				case !bytes.Equal(out.Bytes(), file):
					t.Errorf("Write gave\n%q\nnumpy.save wrote\n%q", firstBytes(out.Bytes()), firstBytes(file))
				}
			default:
				t.Fatalf("writeback %q", c.Writeback)
			}
		})
	}
}

func memoryOrder(fortran bool) ndview.Order {
	if fortran {
		return ndview.FOrder
	}
	return ndview.COrder
}

func firstBytes(b []byte) []byte { return b[:min(len(b), 200)] }

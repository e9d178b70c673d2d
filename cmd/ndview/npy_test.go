package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/npy"
)

// mustView returns v, and panics on err: a test's own views are right.
func mustView(v ndview.View, err error) ndview.View {
	if err != nil {
		panic(err)
	}
	return v
}

// saveNpy writes v with npy.WriteFile into a new test directory.
func saveNpy(t *testing.T, name string, v ndview.View) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := npy.WriteFile(path, v); err != nil {
		t.Fatal(err)
	}
	return path
}

// float64s is n little-endian float64 values i*1.5.
func float64s(n int) []byte {
	var b []byte
	for i := range n {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(float64(i)*1.5))
	}
	return b
}

// int32s is the given values, as int32 in the byte order bo.
func int32s(bo binary.AppendByteOrder, xs ...int32) []byte {
	var b []byte
	for _, x := range xs {
		b = bo.AppendUint32(b, uint32(x))
	}
	return b
}

func seq(n int) []int32 {
	xs := make([]int32, n)
	for i := range xs {
		xs[i] = int32(i)
	}
	return xs
}

// npyCases are .npy files of several kinds, as views to write.
func npyCases(t *testing.T) []struct {
	name string
	v    ndview.View
} {
	var rec []byte
	for i := range 3 {
		rec = binary.LittleEndian.AppendUint32(rec, uint32(10+i))
		rec = binary.LittleEndian.AppendUint64(rec, math.Float64bits(float64(i)+0.5))
		rec = binary.LittleEndian.AppendUint64(rec, math.Float64bits(-float64(i)))
	}
	return []struct {
		name string
		v    ndview.View
	}{
		{"c.npy", mustView(ndview.New(float64s(12), "<d", 3, 4))},
		{"fortran.npy", mustView(ndview.NewFortran(int32s(binary.LittleEndian, seq(12)...), "<i", 3, 4))},
		{"big.npy", mustView(ndview.New(int32s(binary.BigEndian, 1, -2, 300, 4, 5, 6), ">i", 2, 3))},
		{"zerod.npy", mustView(ndview.New(float64s(2)[8:], "<d"))},
		{"empty.npy", mustView(ndview.New(nil, "<d", 0, 3))},
		{"record.npy", mustView(ndview.New(rec, "T{<i:id:(2)<d:x:}", 3))},
		{"bytes.npy", mustView(ndview.New([]byte("abcdef"), "3s", 2))},
		{"bool3d.npy", mustView(ndview.New([]byte{1, 0, 0, 1, 1, 1, 0, 0}, "?", 2, 2, 2))},
	}
}

// fileView returns v laid over the whole file at path, as show prints it:
// offsets count from the start of the file.
func fileView(t *testing.T, path string) (ndview.View, npy.Header) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v, h, err := npy.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	return mustView(ndview.FromLayout(data, ndview.Layout{
		Format: h.Format, Shape: v.Shape(), Strides: v.Strides(), Offset: h.DataOffset + v.Offset(), ReadOnly: true,
	})), h
}

func TestNpyShow(t *testing.T) {
	for _, tc := range npyCases(t) {
		path := saveNpy(t, tc.name, tc.v)
		want, h := fileView(t, path)
		if !ndview.Equal(want, tc.v) {
			t.Fatalf("%s: the file does not hold the view written", tc.name)
		}
		for _, index := range []string{"", "...", "::-1", "0", "None, ..., ::2"} {
			w := want
			if index != "" {
				var err error
				if w, err = want.IndexString(index); err != nil {
					continue // "0" of a 0-d array
				}
			}
			args := []string{"show", path}
			if index != "" {
				args = append(args, index)
			}
			out, errOut, code := runCmd(t, args...)
			if code != 0 || errOut != "" {
				t.Errorf("run(%q) = %d, stderr %q", args, code, errOut)
				continue
			}
			hdr := fmt.Sprintf("%s: %q shape %s strides %s offset %d", source(path, index), h.Format.String(),
				tuple(w.Shape()), tuple(w.Strides()), w.Offset())
			if diff := cmp.Diff(hdr+"\n"+fmt.Sprint(w)+"\n", out); diff != "" {
				t.Errorf("run(%q) (-want +got):\n%s", args, diff)
			}
		}
	}
}

// TestNpyShowValues checks printed values against NumPy's printing of
// the same arrays, independently of the view's printer.
func TestNpyShowValues(t *testing.T) {
	for _, tc := range []struct {
		v     ndview.View
		index string
		want  string
	}{
		{mustView(ndview.NewFortran(int32s(binary.LittleEndian, seq(12)...), "<i", 3, 4)), "",
			"[[ 0  3  6  9]\n [ 1  4  7 10]\n [ 2  5  8 11]]\n"},
		{mustView(ndview.NewFortran(int32s(binary.LittleEndian, seq(12)...), "<i", 3, 4)), "::2, 1",
			"[3 5]\n"},
		{mustView(ndview.New(int32s(binary.BigEndian, 1, -2, 300, 4, 5, 6), ">i", 2, 3)), "",
			"[[  1  -2 300]\n [  4   5   6]]\n"},
		{mustView(ndview.New(float64s(12), "<d", 3, 4)), ":, -1", "[ 4.5 10.5 16.5]\n"},
		{mustView(ndview.New(float64s(2)[8:], "<d")), "", "1.5\n"},
		{mustView(ndview.New(nil, "<d", 0, 3)), "", "[]\n"},
	} {
		path := saveNpy(t, "a.npy", tc.v)
		args := []string{"show", "-q", path}
		if tc.index != "" {
			args = append(args, tc.index)
		}
		out, errOut, code := runCmd(t, args...)
		if code != 0 {
			t.Errorf("run(%q) = %d: %s", args, code, errOut)
			continue
		}
		if diff := cmp.Diff(tc.want, out); diff != "" {
			t.Errorf("run(%q) (-want +got):\n%s", args, diff)
		}
	}
}

func TestNpyInfo(t *testing.T) {
	v := mustView(ndview.New(float64s(12), "<d", 3, 4))
	path := saveNpy(t, "c.npy", v)
	out, errOut, code := runCmd(t, "info", path)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := `.npy file ` + path + `
  size         224 bytes
  version      1.0
  descr        '<f8'
  order        C (fortran_order False)
  shape        (3, 4)
  data offset  128
  data size    96 bytes
format "<d"
  size       8 bytes
  alignment  1
  values     1
  fields     1
  #  name  code  kind     order   offset  size  count  shape
  0  -     d     float64  little  0       8     1      -
view of ` + path + `
  ndim          2
  shape         (3, 4)
  strides       (32, 8)
  offset        128
  itemsize      8
  elements      12
  nbytes        96
  C-contiguous  true
  F-contiguous  false
  read-only     true
  bytes         [128, 224) of 224
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	// The other kinds: the lines that differ.
	lines := map[string][]string{
		"fortran.npy": {"descr '<i4'", "order F (fortran_order True)", "shape (3, 4)", "data size 48 bytes",
			"strides (4, 12)", "C-contiguous false", "F-contiguous true"},
		"big.npy":    {"descr '>i4'", "shape (2, 3)", `format ">i"`, "0 - i int32 big 0 4 1 -"},
		"zerod.npy":  {"shape ()", "data size 8 bytes", "ndim 0", "strides ()", "bytes [128, 136) of 136"},
		"empty.npy":  {"shape (0, 3)", "data size 0 bytes", "elements 0", "bytes none (no elements) of 128"},
		"record.npy": {"descr [('id', '<i4'), ('x', '<f8', (2,))]", `format "T{<i:id:(2)<d:x:}"`, "0.1 x d float64 little 4 8 2 (2,)", "itemsize 20"},
		"bytes.npy":  {"descr '|S3'", "shape (2,)"},
		"bool3d.npy": {"descr '|b1'", "shape (2, 2, 2)", "strides (4, 2, 1)"},
	}
	for _, tc := range npyCases(t) {
		want, ok := lines[tc.name]
		if !ok {
			continue
		}
		path := saveNpy(t, tc.name, tc.v)
		out, errOut, code := runCmd(t, "info", path)
		if code != 0 {
			t.Errorf("info %s: exit %d: %s", tc.name, code, errOut)
			continue
		}
		var got []string
		for _, line := range strings.Split(out, "\n") {
			got = append(got, strings.Join(strings.Fields(line), " "))
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("info %s: no line %q in\n%s", tc.name, w, out)
			}
		}
	}
}

// TestNpyTrailingAndRaw: bytes after the data are reported, and the
// layout flags with -offset read a .npy file as raw bytes.
func TestNpyTrailingAndRaw(t *testing.T) {
	var b bytes.Buffer
	if err := npy.Write(&b, mustView(ndview.New(float64s(4), "<d", 4))); err != nil {
		t.Fatal(err)
	}
	b.WriteString("tail")
	path := writeTemp(t, "t.npy", b.Bytes())
	out, _, code := runCmd(t, "info", path)
	if code != 0 || !strings.Contains(out, "  trailing     4 bytes after the data\n") {
		t.Errorf("exit %d, output\n%s", code, out)
	}
	out, errOut, code := runCmd(t, "show", "-q", "-f", "<d", "-shape", "4", "-offset", "128", path)
	if code != 0 || out != "[0.  1.5 3.  4.5]\n" {
		t.Errorf("raw show: exit %d, stderr %q, output %q", code, errOut, out)
	}
	out, errOut, code = runCmd(t, "show", "-q", "-f", "6s", "-shape", "()", "-offset", "0", path)
	if code != 0 || out != "b'\\x93NUMPY'\n" {
		t.Errorf("raw show of the magic: exit %d, stderr %q, output %q", code, errOut, out)
	}
	out, errOut, code = runCmd(t, "info", "-f", "<d", "-offset", "128", path)
	if code != 0 || !strings.Contains(out, "items  4 from offset 128 (-shape -1), 4 bytes left over") {
		t.Errorf("raw info: exit %d, stderr %q, output\n%s", code, errOut, out)
	}
}

func TestNpyStdin(t *testing.T) {
	var b bytes.Buffer
	v := mustView(ndview.NewFortran(int32s(binary.LittleEndian, seq(6)...), "<i", 2, 3))
	if err := npy.Write(&b, v); err != nil {
		t.Fatal(err)
	}
	old := stdin
	defer func() { stdin = old }()
	stdin = bytes.NewReader(b.Bytes())
	out, errOut, code := runCmd(t, "show", "-", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := "-[1]: \"<i\" shape (3,) strides (8,) offset 132\n[1 3 5]\n"; out != want {
		t.Errorf("output %q, want %q", out, want)
	}
}

// TestNpyLargeSparseFile opens a 1 GiB .npy file that is all hole but
// its header and one row: info, show, cast and convert of that row must
// read a page or two, not the file (as TestShowLargeSparseFile for raw
// files).
func TestNpyLargeSparseFile(t *testing.T) {
	if testing.Short() {
		t.Skip("creates a 1 GiB sparse file")
	}
	const cols, row = 1024, 70000
	const rows = (1 << 30) / (cols * 8)
	hdr := npy.HeaderBytes("'<f8'", false, []int{rows, cols})
	path := filepath.Join(t.TempDir(), "big.npy")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(int64(len(hdr)) + rows*cols*8); err != nil {
		f.Close()
		t.Skipf("cannot make a sparse file here: %v", err)
	}
	var rowBytes []byte
	for i := range cols {
		rowBytes = binary.LittleEndian.AppendUint64(rowBytes, math.Float64bits(float64(i)+0.25))
	}
	if _, err := f.WriteAt(hdr, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(rowBytes, int64(len(hdr))+row*cols*8); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	want := mustView(ndview.New(rowBytes, "<d", cols))

	rss := maxRSS()
	start := time.Now()
	out, errOut, code := runCmd(t, "info", path)
	if code != 0 {
		t.Fatalf("info: exit %d: %s", code, errOut)
	}
	for _, w := range []string{"shape        (131072, 1024)", fmt.Sprintf("data size    %d bytes", 1<<30), "data offset  128"} {
		if !strings.Contains(out, w) {
			t.Errorf("info lacks %q:\n%s", w, out)
		}
	}

	out, errOut, code = runCmd(t, "show", path, fmt.Sprint(row))
	if code != 0 {
		t.Fatalf("show: exit %d: %s", code, errOut)
	}
	header := fmt.Sprintf(`%s[%d]: "<d" shape (1024,) strides (8,) offset %d`, path, row, len(hdr)+row*cols*8)
	if diff := cmp.Diff(header+"\n"+fmt.Sprint(want)+"\n", out); diff != "" {
		t.Errorf("show (-want +got):\n%s", diff)
	}

	outPath := filepath.Join(t.TempDir(), "row.npy")
	if _, errOut, code = runCmd(t, "convert", "-to", ">f", "-o", outPath, path, fmt.Sprint(row)); code != 0 {
		t.Fatalf("convert: exit %d: %s", code, errOut)
	}
	got, _, err := npy.ReadFile(outPath)
	if err != nil || !ndview.Equal(got, want) || got.ItemFormat().String() != ">f" {
		t.Errorf("convert: read back %v (%v), want %v as \">f\"", got, err, want)
	}
	if _, errOut, code = runCmd(t, "cast", "-f", "B", "-raw", "-o", outPath, path, fmt.Sprint(row)); code != 0 {
		t.Fatalf("cast: exit %d: %s", code, errOut)
	}
	if b, err := os.ReadFile(outPath); err != nil || !bytes.Equal(b, rowBytes) {
		t.Errorf("cast -raw of the row: %d bytes (%v), want the row's %d", len(b), err, len(rowBytes))
	}
	t.Logf("info, show, convert and cast of one row of a 1 GiB .npy file in %v", time.Since(start))
	if rss >= 0 {
		if grew := maxRSS() - rss; grew > 128<<20 {
			t.Errorf("peak memory grew by %d MiB: the file was read, not mapped", grew>>20)
		}
	}
}

// readNpyBytes parses a .npy file held in b.
func readNpyBytes(t *testing.T, b []byte) (ndview.View, npy.Header) {
	t.Helper()
	v, h, err := npy.Read(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("reading the output back: %v", err)
	}
	return v, h
}

func TestCast(t *testing.T) {
	dir := t.TempDir()
	c := mustView(ndview.New(float64s(12), "<d", 3, 4))
	cPath := saveNpy(t, "c.npy", c)
	cData, _ := c.Bytes()

	// To bytes along the last axis, to stdout; and back with -shape.
	out, errOut, code := runCmd(t, "cast", "-f", "B", cPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, h := readNpyBytes(t, []byte(out))
	if got, _ := b.Bytes(); !bytes.Equal(got, cData) || !slices.Equal(h.Shape, []int{3, 32}) || h.Descr != "|u1" {
		t.Errorf("cast -f B: shape %v descr %q", h.Shape, h.Descr)
	}
	bPath := filepath.Join(dir, "b.npy")
	if err := os.WriteFile(bPath, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	back := filepath.Join(dir, "back.npy")
	if _, errOut, code := runCmd(t, "cast", "-f", "<d", "-shape", "-1,4", "-o", back, bPath); code != 0 {
		t.Fatalf("cast back: exit %d: %s", code, errOut)
	}
	want, err := os.ReadFile(cPath)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(back); err != nil || !bytes.Equal(got, want) {
		t.Errorf("cast to B and back is not the file written: %v", err)
	}

	// -raw: the bytes alone, of the part an index selects.
	out, errOut, code = runCmd(t, "cast", "-raw", "-f", "<i", cPath, "1:")
	if code != 0 || out != string(cData[32:]) {
		t.Errorf("cast -raw 1: exit %d, stderr %q, %d bytes, want %d", code, errOut, len(out), len(cData)-32)
	}
	// A strided selection casts along its contiguous last axis.
	out, errOut, code = runCmd(t, "cast", "-f", "<f", cPath, "::2")
	if code != 0 {
		t.Fatalf("strided cast: exit %d: %s", code, errOut)
	}
	s, h := readNpyBytes(t, []byte(out))
	sel := mustView(c.IndexString("::2"))
	if wantS := mustView(cast.LastAxis(sel, "<f")); !ndview.Equal(s, wantS) || !slices.Equal(h.Shape, []int{2, 8}) {
		t.Errorf("strided cast: %v shape %v, want %v", s, h.Shape, wantS)
	}

	// Fortran order: the first axis is the contiguous one, and the result
	// keeps the order and the bytes.
	f := mustView(ndview.NewFortran(int32s(binary.LittleEndian, seq(12)...), "<i", 3, 4))
	fPath := saveNpy(t, "f.npy", f)
	fData, _ := f.T().Bytes()
	for _, tc := range []struct {
		args  []string
		shape []int
	}{
		{[]string{"-f", "<h"}, []int{6, 4}},
		{[]string{"-f", "<h", "-shape", "2,3,4"}, []int{2, 3, 4}},
		{[]string{"-f", "B", "-shape", "-1"}, []int{48}},
		{[]string{"-f", "<i"}, []int{3, 4}},
	} {
		args := append(append([]string{"cast"}, tc.args...), fPath)
		out, errOut, code := runCmd(t, args...)
		if code != 0 {
			t.Errorf("run(%q): exit %d: %s", args, code, errOut)
			continue
		}
		v, h := readNpyBytes(t, []byte(out))
		if !slices.Equal(h.Shape, tc.shape) || (len(tc.shape) > 1) != h.FortranOrder {
			t.Errorf("run(%q): shape %v fortran %t, want %v", args, h.Shape, h.FortranOrder, tc.shape)
		}
		if got := v.ToBytes(ndview.AnyOrder); !bytes.Equal(got, fData) {
			t.Errorf("run(%q): the bytes changed", args)
		}
		raw, _, _ := runCmd(t, append([]string{"cast", "-raw"}, args[1:]...)...)
		if raw != string(fData) {
			t.Errorf("run(%q) -raw: the bytes changed", args)
		}
	}

	// 0-d: -shape "()".
	out, errOut, code = runCmd(t, "cast", "-f", "<q", "-shape", "()", cPath, "0, 1")
	if code != 0 {
		t.Fatalf("0-d cast: exit %d: %s", code, errOut)
	}
	z, h := readNpyBytes(t, []byte(out))
	if len(h.Shape) != 0 || ndview.At[int64](z) != int64(math.Float64bits(1.5)) {
		t.Errorf("0-d cast: %v shape %v", z, h.Shape)
	}

	// A raw file, wrapped in a .npy header by a cast to its own format.
	rawPath := writeTemp(t, "m.bin", float64s(12))
	out, errOut, code = runCmd(t, "cast", "-in-f", "<d", "-in-shape", "-1,4", rawPath)
	if code != 0 {
		t.Fatalf("raw cast: exit %d: %s", code, errOut)
	}
	var w bytes.Buffer
	if err := npy.Write(&w, c); err != nil {
		t.Fatal(err)
	}
	if out != w.String() {
		t.Errorf("cast of a raw file to its own format is not npy.Write's file")
	}
	// Records cast to their bytes and back.
	recs := npyCases(t)[5].v
	rPath := saveNpy(t, "r.npy", recs)
	out, _, code = runCmd(t, "cast", "-f", "20s", rPath)
	if code != 0 {
		t.Fatalf("record cast: exit %d", code)
	}
	rb, h := readNpyBytes(t, []byte(out))
	if h.Descr != "|S20" || !bytes.Equal(rb.ToBytes(ndview.COrder), recs.ToBytes(ndview.COrder)) {
		t.Errorf("record cast: descr %q", h.Descr)
	}
}

// converted returns what convert should write: src converted into a new
// view of format to, in Fortran layout if fortran, as npy.Write writes it.
func converted(t *testing.T, src ndview.View, to string, fortran bool) []byte {
	t.Helper()
	dst := mustView(ndview.Make(to, src.Shape()...))
	if fortran {
		buf, _ := dst.Bytes()
		dst = mustView(ndview.NewFortran(buf, to, src.Shape()...))
	}
	if err := cast.Convert(dst, src); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := npy.Write(&b, dst); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestConvert(t *testing.T) {
	c := mustView(ndview.New(float64s(12), "<d", 3, 4))
	f := mustView(ndview.NewFortran(int32s(binary.LittleEndian, seq(12)...), "<i", 3, 4))
	big := mustView(ndview.New(int32s(binary.BigEndian, 1, -2, 300, 4, 5, 6), ">i", 2, 3))
	zerod := mustView(ndview.New(float64s(2)[8:], "<d"))
	empty := mustView(ndview.New(nil, "<d", 0, 3))
	for _, tc := range []struct {
		v       ndview.View
		to      string
		index   string
		fortran bool
	}{
		{c, ">d", "", false},
		{c, "<f", "", false},
		{c, "<q", "::2, 1:", false}, // truncation toward zero
		{c, "<Zd", "", false},
		{f, "<d", "", true},
		{f, ">h", "", true},
		{f, "<d", "::-1", false},
		{f, "<d", "1:, 1:", false},
		{big, "<i", "", false},
		{big, "<e", "", false},
		{big, "?", "", false},
		{zerod, ">f", "", false},
		{empty, "<i", "", false},
	} {
		path := saveNpy(t, "in.npy", tc.v)
		src := tc.v
		args := []string{"convert", "-to", tc.to, path}
		if tc.index != "" {
			src = mustView(src.IndexString(tc.index))
			args = append(args, tc.index)
		}
		out, errOut, code := runCmd(t, args...)
		if code != 0 {
			t.Errorf("run(%q): exit %d: %s", args, code, errOut)
			continue
		}
		want := converted(t, src, tc.to, tc.fortran)
		if !bytes.Equal([]byte(out), want) {
			t.Errorf("run(%q): output differs from npy.Write of the converted array", args)
		}
		_, h := readNpyBytes(t, []byte(out))
		if h.FortranOrder != tc.fortran {
			t.Errorf("run(%q): fortran_order %t", args, h.FortranOrder)
		}
		raw, _, code := runCmd(t, append([]string{"convert", "-raw"}, args[1:]...)...)
		if code != 0 || raw != string(want[h.DataOffset:]) {
			t.Errorf("run(%q) -raw: not the data of the .npy output", args)
		}
	}

	// A round trip through the other byte order gives back the file.
	dir := t.TempDir()
	path := saveNpy(t, "c.npy", c)
	swapped, again := filepath.Join(dir, "swapped.npy"), filepath.Join(dir, "again.npy")
	if _, errOut, code := runCmd(t, "convert", "-to", ">d", "-o", swapped, path); code != 0 {
		t.Fatal(errOut)
	}
	if _, errOut, code := runCmd(t, "convert", "-to", "<d", "-o", again, swapped); code != 0 {
		t.Fatal(errOut)
	}
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Errorf("<d to >d and back is not the file written")
	}
	sw, h, err := npy.ReadFile(swapped)
	if err != nil || h.Descr != ">f8" || !ndview.Equal(sw, c) {
		t.Errorf("swapped: descr %q, %v (%v)", h.Descr, sw, err)
	}

	// A raw file, with the usual layout flags.
	rawPath := writeTemp(t, "m.bin", int32s(binary.LittleEndian, seq(8)...))
	out, errOut, code := runCmd(t, "convert", "-to", "B", "-raw", "-f", "<i", "-shape", "2,4", "-order", "F", rawPath, "1")
	if code != 0 || out != "\x01\x03\x05\x07" {
		t.Errorf("raw convert: exit %d, stderr %q, output %q", code, errOut, out)
	}
}

// TestConvertChunks makes arrays span many chunks, along the first axis,
// within one sub-array, and one element at a time, and checks the output
// and the index a range error names.
func TestConvertChunks(t *testing.T) {
	old := chunkBytes
	defer func() { chunkBytes = old }()
	var xs []int32
	for i := range 3 * 5 * 7 {
		xs = append(xs, int32(i*3-150))
	}
	c := mustView(ndview.New(int32s(binary.LittleEndian, xs...), "<i", 3, 5, 7))
	f := mustView(ndview.NewFortran(int32s(binary.LittleEndian, xs...), "<i", 3, 5, 7))
	for _, chunk := range []int{1, 3, 8, 16, 70, 100, 1 << 20} {
		chunkBytes = chunk
		for _, tc := range []struct {
			v       ndview.View
			index   string
			fortran bool
		}{
			{c, "", false}, {f, "", true}, {c, "::-1, 1:, ::2", false}, {f, "1", false}, {f, "..., 1:", true}, {c, "..., 3", false},
		} {
			path := saveNpy(t, "in.npy", tc.v)
			src := tc.v
			args := []string{"convert", "-to", ">h", path}
			if tc.index != "" {
				src = mustView(src.IndexString(tc.index))
				args = append(args, tc.index)
			}
			out, errOut, code := runCmd(t, args...)
			if code != 0 {
				t.Errorf("chunk %d, run(%q): exit %d: %s", chunk, args, code, errOut)
				continue
			}
			if !bytes.Equal([]byte(out), converted(t, src, ">h", tc.fortran)) {
				t.Errorf("chunk %d, run(%q): output differs from npy.Write of the converted array", chunk, args)
			}

			// Converting into int8 fails at the first value outside
			// [-128, 127] in the order written.
			order := ndview.COrder
			if tc.fortran {
				order = ndview.FOrder
			}
			var first []int
			for idx, item := range src.All() {
				x := int32(binary.LittleEndian.Uint32(item))
				if x < -128 || x > 127 {
					if first == nil || order == ndview.FOrder && lessF(idx, first) {
						first = slices.Clone(idx)
					}
					if order == ndview.COrder {
						break
					}
				}
			}
			args[2] = "b"
			out, errOut, code = runCmd(t, args...)
			wantMsg := fmt.Sprintf(": element %s = %d (\"<i\") does not fit \"b\"", indexString(first), ndview.At[int32](src, first...))
			if code != exitError || !strings.Contains(errOut, wantMsg) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("chunk %d, run(%q): exit %d, stderr %q, want %q", chunk, args, code, errOut, wantMsg)
			}
			if chunk >= 1<<20 && out != "" {
				t.Errorf("run(%q): a range error in the first chunk printed %d bytes", args, len(out))
			}
		}
	}
}

// lessF reports whether index a comes before b in Fortran order.
func lessF(a, b []int) bool {
	for i := len(a) - 1; i >= 0; i-- {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func TestConvertRangeError(t *testing.T) {
	big := mustView(ndview.New(int32s(binary.BigEndian, 1, -2, 300, 4, 5, 6), ">i", 2, 3))
	path := saveNpy(t, "big.npy", big)
	outPath := filepath.Join(t.TempDir(), "out.npy")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-to", "b", path}, `big.npy: element [0, 2] = 300 (">i") does not fit "b"`},
		{[]string{"-to", "B", path, "::-1, ::-1"}, `big.npy[::-1, ::-1]: element [1, 0] = 300 (">i") does not fit "B"`},
		{[]string{"-to", "B", "-raw", path, "0, 1"}, `big.npy[0, 1]: element [()] = -2 (">i") does not fit "B"`},
		{[]string{"-to", "B", "-o", outPath, path}, `element [0, 1] = -2 (">i") does not fit "B"`},
	} {
		args := append([]string{"convert"}, tc.args...)
		out, errOut, code := runCmd(t, args...)
		if code != exitError || out != "" || !strings.HasPrefix(errOut, "ndview: ") ||
			strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, tc.want) {
			t.Errorf("run(%q): exit %d, stdout %q, stderr %q, want %q", args, code, out, errOut, tc.want)
		}
	}
	if _, err := os.Stat(outPath); !os.IsNotExist(err) {
		t.Errorf("a failed convert left %s behind (%v)", outPath, err)
	}
	// Floats: out of range for e, and a complex with an imaginary part.
	z := mustView(ndview.New(binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil,
		math.Float64bits(1)), math.Float64bits(2)), "<Zd", 1))
	_, errOut, code := runCmd(t, "convert", "-to", "<d", saveNpy(t, "z.npy", z))
	if code != exitError || !strings.Contains(errOut, `element [0] = (1+2i) ("<Zd") does not fit "<d"`) {
		t.Errorf("complex to real: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runCmd(t, "convert", "-to", "<e", saveNpy(t, "d.npy", mustView(ndview.New(
		binary.LittleEndian.AppendUint64(float64s(1), math.Float64bits(1e6)), "<d", 2))))
	if code != exitError || !strings.Contains(errOut, `element [1] = 1e+06 ("<d") does not fit "<e"`) {
		t.Errorf("float64 to half: exit %d, stderr %q", code, errOut)
	}
}

func TestCastConvertOutput(t *testing.T) {
	c := mustView(ndview.New(float64s(12), "<d", 3, 4))
	path := saveNpy(t, "c.npy", c)
	old := stdoutIsTerminal
	defer func() { stdoutIsTerminal = old }()
	stdoutIsTerminal = true
	for _, args := range [][]string{
		{"cast", "-f", "B", path},
		{"convert", "-to", "<f", "-o", "-", path},
	} {
		out, errOut, code := runCmd(t, args...)
		if code != exitError || out != "" || !strings.Contains(errOut, "refusing to write binary data to a terminal") {
			t.Errorf("run(%q) to a terminal: exit %d, stdout %d bytes, stderr %q", args, code, len(out), errOut)
		}
	}
	// -o still works, and overwrites.
	outPath := filepath.Join(t.TempDir(), "out.npy")
	if err := os.WriteFile(outPath, bytes.Repeat([]byte("x"), 10000), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runCmd(t, "convert", "-to", "<f", "-o", outPath, path); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	v, _, err := npy.ReadFile(outPath)
	if err != nil || !ndview.Equal(v, c) {
		t.Errorf("read back %v (%v)", v, err)
	}
	if st, _ := os.Stat(outPath); st.Size() != 128+48 {
		t.Errorf("the output file has %d bytes: not truncated", st.Size())
	}
	if isTerminal(mustOpen(t, os.DevNull)) || isTerminal(mustOpen(t, path)) {
		t.Errorf("isTerminal(%s or a regular file) = true", os.DevNull)
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestNpyHelp(t *testing.T) {
	checkHelp(t, []helpCase{
		{[]string{"help"}, []string{"ndview show [-q] FILE.npy", "ndview info FILE.npy", "ndview cast [-f FORMAT]", "ndview convert -to FORMAT"}},
		{[]string{"help", "cast"}, []string{"usage: ndview cast", "-in-shape EXTENTS", "-in-f FORMAT", "-o OUT", "-raw", "ndarray.view"}},
		{[]string{"help", "convert"}, []string{"usage: ndview convert", "-to FORMAT", "-shape EXTENTS", "-o OUT", "-raw"}},
		{[]string{"cast", "-h"}, []string{"usage: ndview cast"}},
		{[]string{"convert", "--help"}, []string{"usage: ndview convert"}},
		{[]string{"help", "show"}, []string{"A .npy file needs no flags"}},
	})
}

// TestNpyErrors: bad .npy files and bad uses of the new commands print
// one line, nothing to stdout, and exit with 2.
func TestNpyErrors(t *testing.T) {
	dir := t.TempDir()
	c := mustView(ndview.New(float64s(12), "<d", 3, 4))
	good := saveNpy(t, "c.npy", c)
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	file := func(name string, b []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	npyFile := func(name, descr string, fortran bool, shape []int, data []byte) string {
		return file(name, append(npy.HeaderBytes(descr, fortran, shape), data...))
	}
	truncated := file("truncated.npy", goodBytes[:len(goodBytes)-1])
	headerOnly := file("header.npy", goodBytes[:20])
	magicOnly := file("magic.npy", []byte(npyMagic))
	badMagic := file("badmagic.npy", append([]byte("\x93NUMPX"), goodBytes[6:]...))
	badVersion := file("version.npy", append([]byte("\x93NUMPY\x09\x00"), goodBytes[8:]...))
	object := npyFile("object.npy", "'|O'", false, []int{2}, make([]byte, 16))
	object8 := npyFile("object8.npy", "'<O8'", false, []int{2}, make([]byte, 16))
	datetime := npyFile("datetime.npy", "'<M8[ns]'", false, []int{2}, make([]byte, 16))
	badDict := file("dict.npy", append([]byte("\x93NUMPY\x01\x00\x08\x00"), "{'a': 1}"...))
	newline := file("new\nline.npy", goodBytes[:30])
	raw := file("raw.bin", float64s(4))
	out := filepath.Join(dir, "out.npy")

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"show", truncated}, "truncated.npy: npy: data shorter than the header says: 95 bytes of data, the header promises 96"},
		{[]string{"info", truncated}, "data shorter than the header says"},
		{[]string{"show", headerOnly}, "header.npy: npy: malformed file"},
		{[]string{"show", magicOnly}, "malformed file"},
		{[]string{"show", badMagic}, "badmagic.npy is not a .npy file: give its layout with -f FORMAT and -shape EXTENTS"},
		{[]string{"cast", "-f", "B", badMagic}, "is not a .npy file: give its layout with -in-f FORMAT and -in-shape EXTENTS"},
		{[]string{"show", badVersion}, "version 9.0"},
		{[]string{"info", object}, "object.npy: npy:"},
		{[]string{"show", object8}, "unsupported dtype"},
		{[]string{"convert", "-to", "<d", datetime}, "datetime.npy: npy: "},
		{[]string{"show", badDict}, "malformed file"},
		{[]string{"show", newline}, "new line.npy"},
		{[]string{"show", raw}, "raw.bin is not a .npy file"},
		{[]string{"show"}, "FILE is required"},
		{[]string{"show", good, "5"}, "index 5 is out of bounds for axis 0 with size 3"},
		{[]string{"show", "-f", "<d", "-shape", "3", good}, "c.npy is a .npy file (its data starts at byte 128): drop the layout flags to use its header, or give -offset"},
		{[]string{"show", "-order", "F", good}, "-f FORMAT is required for a raw FILE"},
		{[]string{"info", "-f", "<d", good}, "is a .npy file"},
		{[]string{"info", "-f", "<d", "-shape", "3", good}, "is a .npy file"},
		{[]string{"cast", "-in-f", "<d", "-in-shape", "3", good}, "give -in-offset to read its bytes raw"},
		{[]string{"cast", "-in-shape", "3", good}, "-in-f FORMAT is required for a raw FILE (see 'ndview help cast')"},
		{[]string{"cast", "-in-f", "<d", "-in-shape", "3,-2", raw}, "-in-shape 3,-2: negative extent -2"},
		{[]string{"cast", "-in-f", "<d", "-in-shape", "3", "-in-order", "F", "-in-strides", "8", raw}, "-in-order and -in-strides both given: -in-strides sets the layout"},
		{[]string{"cast", "-f", "<z", good}, `-f: format "<z"`},
		{[]string{"cast", "-f", "<f", good, "0, 0"}, "c.npy[0, 0]: cast: bytes do not divide into items"},
		{[]string{"cast", "-f", "<f", good, ":, ::2"}, "c.npy[:, ::2]: shape (3, 2) strides (32, 16) is not contiguous enough to cast"},
		{[]string{"cast", "-f", "<f", "-shape", "6,4", good, "::2"}, "is not contiguous enough to cast"},
		{[]string{"cast", "-f", "<d", "-shape", "5", good}, "element count mismatch"},
		{[]string{"cast", "-f", "<d", "-shape", "-1,-1", good}, "more than one -1"},
		{[]string{"cast", "-f", "2d", good}, `-f "2d": npy: unsupported dtype`},
		{[]string{"cast", "-f", "<d", "-o", good, good}, "is FILE itself"},
		{[]string{"cast", "-f", "<d", "-o", filepath.Join(dir, "no", "such"), good}, "no such file or directory"},
		{[]string{"cast", good, "-o", out}, "flag -o after FILE"},
		{[]string{"convert", good}, "-to FORMAT is required"},
		{[]string{"convert", "-to", "<z", good}, `-to: format "<z"`},
		{[]string{"convert", "-to", "3s", good}, `-to "3s" is not a single number`},
		{[]string{"convert", "-to", "T{<d:x:}", good}, "is not a single number"},
		{[]string{"convert", "-to", "<d", npyFile("rec.npy", "[('a', '<i4')]", false, []int{1}, make([]byte, 4))}, `rec.npy: format "T{<i:a:}" is not a single number`},
		{[]string{"convert", "-to", "<d", "-f", "<d", good}, "-shape is required for a raw FILE"},
		{[]string{"convert", "-to", "<d", "-o", good, good}, "is FILE itself"},
		{[]string{"convert", "-to", "<d", good, "::0"}, "step cannot be zero"},
		{[]string{"help", "cast", "x"}, "help takes one command"},
	} {
		stdout, errOut, code := runCmd(t, tc.args...)
		if code != exitError {
			t.Errorf("run(%q) = %d, want %d", tc.args, code, exitError)
		}
		if stdout != "" {
			t.Errorf("run(%q) printed %q to stdout", tc.args, stdout)
		}
		if !strings.HasPrefix(errOut, "ndview: ") || !strings.HasSuffix(errOut, "\n") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("run(%q): stderr %q is not one line starting \"ndview: \"", tc.args, errOut)
		}
		if !strings.Contains(errOut, tc.want) {
			t.Errorf("run(%q): stderr %q lacks %q", tc.args, errOut, tc.want)
		}
	}
	if b, err := os.ReadFile(good); err != nil || !bytes.Equal(b, goodBytes) {
		t.Errorf("a refused -o FILE changed FILE (%v)", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed command left %s (%v)", out, err)
	}
}

// FuzzNpyFile runs every command that reads a .npy file over arbitrary
// bytes: whatever the header says, the command must not panic, and must
// either succeed quietly on stderr or fail with one "ndview: " line.
func FuzzNpyFile(f *testing.F) {
	for _, tc := range npyCases(&testing.T{}) {
		var b bytes.Buffer
		if err := npy.Write(&b, tc.v); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes(), "::-1")
	}
	f.Add(append(npy.HeaderBytes("'<f8'", true, []int{2, 3}), float64s(6)...), "1")
	f.Add(append(npy.HeaderBytes("[('a', '>i2'), ('', '|V2'), ('b', '<c8', (2, 1))]", false, []int{1}), make([]byte, 20)...), "")
	f.Add(npy.HeaderBytes("'|S0'", false, []int{3}), "")
	f.Add([]byte("\x93NUMPY\x03\x00\x10\x00\x00\x00{'descr': '<i4'}"), "0")
	dir := f.TempDir()
	path, out := filepath.Join(dir, "f.npy"), filepath.Join(dir, "out")
	f.Fuzz(func(t *testing.T, data []byte, index string) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"info", path},
			{"show", path, index},
			{"cast", "-f", "B", "-o", out, path, index},
			{"cast", "-f", "<h", "-shape", "-1", "-raw", "-o", out, path},
			{"convert", "-to", ">d", "-o", out, path, index},
			{"convert", "-to", "b", "-raw", "-o", out, path},
		} {
			var stdout, errOut bytes.Buffer
			switch code := run(args, &stdout, &errOut); code {
			case 0:
				if errOut.Len() != 0 {
					t.Errorf("run(%q) succeeded with stderr %q", args, errOut.String())
				}
			case exitError:
				e := errOut.String()
				if !strings.HasPrefix(e, "ndview: ") || strings.Count(e, "\n") != 1 || !strings.HasSuffix(e, "\n") {
					t.Errorf("run(%q): stderr %q is not one line", args, e)
				}
			default:
				t.Errorf("run(%q) = %d", args, code)
			}
		}
	})
}

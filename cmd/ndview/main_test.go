package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// runCmd runs the command in-process and returns its output and status.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

// writeTemp writes data to a new file in a test directory.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sample is 30 little-endian float64 values i*1.5 followed by 3 stray
// bytes, so that "as many as the file holds" must round down.
func sample() []byte {
	var b []byte
	for i := range 30 {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(float64(i)*1.5))
	}
	return append(b, 'x', 'y', 'z')
}

func TestTour(t *testing.T) {
	for _, args := range [][]string{nil, {"tour"}} {
		start := time.Now()
		out, errOut, code := runCmd(t, args...)
		if code != 0 || errOut != "" {
			t.Fatalf("run(%q) = %d, stderr %q", args, code, errOut)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("tour took %v; it should be instant", d)
		}
		for _, h := range []string{
			`ndview.New(buf, "<i", 4, 6)`,
			`a.IndexString("::2, 1::2")  // step slice: strides (48, 8), offset 4`,
			`a.T()  // transpose: shape (6, 4), strides (4, 24)`,
			`a.Reshape(3, 8)  // reshape: strides (32, 4)`,
			`a.T().Reshape(24)  // reshape that would need a copy fails:`,
			`ndview: reshape needs a copy`,
			`errors.Is(err, ndview.ErrNeedsCopy) = true`,
			`fmt.Sprintf("%#v", d)  // repr`,
			`d.BroadcastTo(2, 3)  // broadcast`,
			`strides (0, 8), read-only true`,
			`a.Flip(1)  // flip: strides (24, -4), offset 20`,
			`ndview.As[int32](a)  // typed access`,
			`ia.At(2, 3) = 15, ndview.At[float64](d, 2) = 2.5`,
			`ndview.Equal(a[0, :2], d[:2])`,
			`int32 [0 1] == float64 [0 1]: true; a[0, :3] == d: false`,
			`a[:2, :3].ToBytes(ndview.FOrder)`,
			"00000000 06000000 01000000 07000000 02000000 08000000\n",
			`cast.To(a[1], "B", 6, 4)  // a row's 24 bytes`,
			"[[ 6  0  0  0]\n [ 7  0  0  0]\n",
			`cast.LastAxis(a[::2], "<h")  // each int32 of every other row as two int16: shape (2, 12), strides (48, 2)`,
			"[12  0 13  0 14  0 15  0 16  0 17  0]]",
			`cast.Convert(dst, a[:2, :3])`,
			"cast.Slice[float64](dst) = [0 1 2 6 7 8]\n",
		} {
			if !strings.Contains(out, h) {
				t.Errorf("run(%q): output lacks %q:\n%s", args, h, out)
			}
		}
		if n := strings.Count(out, "\n"); n < 25 || n > 90 {
			t.Errorf("tour prints %d lines; it should be a short demonstration", n)
		}
	}
}

func TestHelp(t *testing.T) {
	checkHelp(t, []helpCase{
		{[]string{"help"}, []string{"Usage:", "ndview show -f FORMAT", "ndview info", "Examples:"}},
		{[]string{"-h"}, []string{"Usage:"}},
		{[]string{"--help"}, []string{"Usage:"}},
		{[]string{"help", "show"}, []string{"usage: ndview show", "-shape EXTENTS", "-strides BYTES", "-offset N", "-order C", "-q"}},
		{[]string{"show", "-h"}, []string{"usage: ndview show", "-shape EXTENTS"}},
		{[]string{"info", "-help"}, []string{"usage: ndview info", "-f FORMAT"}},
		{[]string{"help", "tour"}, []string{"usage: ndview [tour]"}},
	})
}

func TestShow(t *testing.T) {
	data := sample()
	path := writeTemp(t, "data.bin", data)
	d := format.MustParse("<d")
	view := func(v ndview.View, err error) ndview.View {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	layout := func(l ndview.Layout) ndview.View {
		t.Helper()
		return view(ndview.FromLayout(data, l))
	}
	m34 := view(ndview.New(data, "<d", 3, 4))

	for _, tc := range []struct {
		name   string
		args   []string // flags; FILE and INDEX follow
		index  []string
		header string // without the file name
		want   ndview.View
	}{
		{"C order", []string{"-f", "<d", "-shape", "3,4"}, nil,
			`: "<d" shape (3, 4) strides (32, 8) offset 0`, m34},
		{"tuple shape", []string{"-f", "<d", "-shape", "(3, 4)"}, nil,
			`: "<d" shape (3, 4) strides (32, 8) offset 0`, m34},
		{"F order", []string{"-f", "<d", "-shape", "3,4", "-order", "F"}, nil,
			`: "<d" shape (3, 4) strides (8, 24) offset 0`, view(ndview.NewFortran(data, "<d", 3, 4))},
		{"strides and offset", []string{"-f", "<d", "-shape", "2,2", "-strides", "16,-8", "-offset", "8"}, nil,
			`: "<d" shape (2, 2) strides (16, -8) offset 8`,
			layout(ndview.Layout{Format: d, Shape: []int{2, 2}, Strides: []int{16, -8}, Offset: 8})},
		{"zero stride", []string{"-f", "<d", "-shape", "3,2", "-strides", "0,8"}, nil,
			`: "<d" shape (3, 2) strides (0, 8) offset 0`,
			layout(ndview.Layout{Format: d, Shape: []int{3, 2}, Strides: []int{0, 8}})},
		{"-1 alone", []string{"-f", "<d", "-shape", "-1"}, nil,
			`: "<d" shape (30,) strides (8,) offset 0`, view(ndview.New(data, "<d", 30))},
		{"-1 first, offset", []string{"-f", "<d", "-shape", "-1,5", "-offset", "16"}, nil,
			`: "<d" shape (5, 5) strides (40, 8) offset 16`,
			layout(ndview.Layout{Format: d, Shape: []int{5, 5}, Offset: 16})},
		{"-1 last, F order", []string{"-f", "<d", "-shape", "4,-1", "-order", "f"}, nil,
			`: "<d" shape (4, 7) strides (8, 32) offset 0`, view(ndview.NewFortran(data, "<d", 4, 7))},
		{"-1 bytes", []string{"-f", "B", "-shape", "-1"}, nil,
			`: "B" shape (243,) strides (1,) offset 0`, view(ndview.New(data, "B", 243))},
		{"index", []string{"-f", "<d", "-shape", "3,4"}, []string{"1, ::-1"},
			`[1, ::-1]: "<d" shape (4,) strides (-8,) offset 56`, view(m34.IndexString("1, ::-1"))},
		{"negative index", []string{"-f", "<d", "-shape", "3,4"}, []string{"-1"},
			`[-1]: "<d" shape (4,) strides (8,) offset 64`, view(m34.IndexString("-1"))},
		{"unquoted index", []string{"-f", "<d", "-shape", "3,4"}, []string{"::2,", "1:3"},
			`[::2, 1:3]: "<d" shape (2, 2) strides (64, 8) offset 8`, view(m34.IndexString("::2, 1:3"))},
		{"ellipsis and new axis", []string{"-f", "<d", "-shape", "3,4"}, []string{"..., None"},
			`[..., None]: "<d" shape (3, 4, 1) strides (32, 8, 0) offset 0`, view(m34.IndexString("..., None"))},
		{"big-endian int", []string{"-f", ">i", "-shape", "6,10"}, []string{"::2, 1:3"},
			`[::2, 1:3]: ">i" shape (3, 2) strides (80, 4) offset 4`,
			view(view(ndview.New(data, ">i", 6, 10)).IndexString("::2, 1:3"))},
		{"int16 F order offset", []string{"-f", "<h", "-shape", "5,7", "-order", "F", "-offset", "3"}, []string{"::-2"},
			`[::-2]: "<h" shape (3, 7) strides (-4, 10) offset 11`,
			view(layout(ndview.Layout{Format: format.MustParse("<h"), Shape: []int{5, 7}, Strides: []int{2, 10}, Offset: 3}).IndexString("::-2"))},
		{"record", []string{"-f", "T{<i:a:<i:b:}", "-shape", "-1"}, []string{"2:5"},
			`[2:5]: "T{<i:a:<i:b:}" shape (3,) strides (8,) offset 16`,
			view(view(ndview.New(data, "T{<i:a:<i:b:}", 30)).IndexString("2:5"))},
		{"zero dimensions", []string{"-f", "<d", "-shape", "()", "-offset", "24"}, nil,
			`: "<d" shape () strides () offset 24`, layout(ndview.Layout{Format: d, Offset: 24})},
		{"empty", []string{"-f", "<d", "-shape", "0,4"}, nil,
			`: "<d" shape (0, 4) strides (32, 8) offset 0`, view(ndview.New(data, "<d", 0, 4))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append(append([]string{"show"}, tc.args...), path), tc.index...)
			out, errOut, code := runCmd(t, args...)
			if code != 0 || errOut != "" {
				t.Fatalf("run(%q) = %d, stderr %q", args, code, errOut)
			}
			want := path + tc.header + "\n" + fmt.Sprint(tc.want) + "\n"
			if diff := cmp.Diff(want, out); diff != "" {
				t.Errorf("run(%q) (-want +got):\n%s", args, diff)
			}
			// -q prints the array alone.
			args = append([]string{"show", "-q"}, args[1:]...)
			out, _, _ = runCmd(t, args...)
			if diff := cmp.Diff(fmt.Sprint(tc.want)+"\n", out); diff != "" {
				t.Errorf("run(%q) (-want +got):\n%s", args, diff)
			}
		})
	}
}

// TestShowValues checks elements against values written into the file,
// independently of how views print.
func TestShowValues(t *testing.T) {
	path := writeTemp(t, "data.bin", sample())
	out, errOut, code := runCmd(t, "show", "-q", "-f", "<d", "-shape", "-1,4", path, "1:3, ::3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want, err := ndview.New(binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(
		binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil,
			math.Float64bits(6)), math.Float64bits(10.5)), math.Float64bits(12)), math.Float64bits(16.5)), "<d", 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fmt.Sprint(want)+"\n", out); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// As NumPy prints np.array([[6, 10.5], [12, 16.5]]).
	if diff := cmp.Diff("[[ 6.  10.5]\n [12.  16.5]]\n", out); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestShowEmptyFile(t *testing.T) {
	path := writeTemp(t, "empty.bin", nil)
	out, errOut, code := runCmd(t, "show", "-f", "<d", "-shape", "-1", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, path+`: "<d" shape (0,) strides (8,) offset 0`+"\n") {
		t.Errorf("output %q", out)
	}
	_, errOut, code = runCmd(t, "show", "-f", "<d", "-shape", "1", path)
	if code != exitError || !strings.Contains(errOut, "outside the buffer of 0 bytes") {
		t.Errorf("one element of an empty file: exit %d, stderr %q", code, errOut)
	}
}

func TestShowStdin(t *testing.T) {
	old := stdin
	defer func() { stdin = old }()
	stdin = bytes.NewReader(sample())
	out, errOut, code := runCmd(t, "show", "-f", "<d", "-shape", "-1", "-", "-1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := `-[-1]: "<d" shape () strides () offset 232`; !strings.HasPrefix(out, want+"\n") {
		t.Errorf("output %q, want it to start with %q", out, want)
	}
}

// TestShowLargeSparseFile shows one row of a 1 GiB file that is all hole
// but that row. Reading the whole file would take a gigabyte of memory and
// time; mapping it touches a page or two.
func TestShowLargeSparseFile(t *testing.T) {
	if testing.Short() {
		t.Skip("creates a 1 GiB sparse file")
	}
	const size, cols, row = 1 << 30, 1024, 70000
	path := filepath.Join(t.TempDir(), "big.bin")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		f.Close()
		t.Skipf("cannot make a sparse file here: %v", err)
	}
	var rowBytes []byte
	for i := range cols {
		rowBytes = binary.LittleEndian.AppendUint64(rowBytes, math.Float64bits(float64(i)+0.25))
	}
	if _, err := f.WriteAt(rowBytes, row*cols*8); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	rss := maxRSS()
	start := time.Now()
	out, errOut, code := runCmd(t, "show", "-f", "<d", "-shape", "-1,1024", path, fmt.Sprint(row))
	elapsed := time.Since(start)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	t.Logf("showed one row of a 1 GiB file in %v", elapsed)
	want, err := ndview.New(rowBytes, "<d", cols)
	if err != nil {
		t.Fatal(err)
	}
	header := fmt.Sprintf(`%s[%d]: "<d" shape (1024,) strides (8,) offset %d`, path, row, row*cols*8)
	if diff := cmp.Diff(header+"\n"+fmt.Sprint(want)+"\n", out); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if rss >= 0 {
		if grew := maxRSS() - rss; grew > 128<<20 {
			t.Errorf("peak memory grew by %d MiB showing one row: the file was read, not mapped", grew>>20)
		}
	}
}

// TestErrors runs inputs that must fail: each prints exactly one line to
// stderr, starting "ndview: ", nothing to stdout, and exits with 2.
func TestErrors(t *testing.T) {
	dir := t.TempDir()
	path := writeTemp(t, "data.bin", sample())
	show := func(args ...string) []string { return append([]string{"show"}, args...) }
	for _, tc := range []struct {
		args []string
		want string // a part of the message
	}{
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"-v"}, "flag -v given before a command"},
		{[]string{"tour", "x"}, "tour takes no arguments"},
		{[]string{"help", "nope"}, `unknown command "nope"`},
		{[]string{"help", "show", "info"}, "help takes one command"},
		{show("-x"), "flag provided but not defined: -x"},
		{show("-shape", "3", path), "-f FORMAT is required"},
		{show("-f", "<d", path), "-shape is required"},
		{show("-f", "<d", "-shape", "3"), "FILE is required"},
		{show("-f", "<z", "-shape", "3", path), `-f: format "<z": bad char`},
		{show("-f", "T{i", "-shape", "3", path), "unterminated"},
		{show("-f", "0i", "-shape", "3", path), "has size 0"},
		{show("-f", "<d", "-shape", "3,x", path), `invalid value "3,x" for flag -shape: "x" is not an integer`},
		{show("-f", "<d", "-shape", "3,,4", path), "empty item"},
		{show("-f", "<d", "-shape", strings.Repeat("1,", 65), path), "65 dimensions"},
		{show("-f", "<d", "-shape", "-1,-1", path), "only one extent may be -1"},
		{show("-f", "<d", "-shape", "3,-2", path), "negative extent -2"},
		{show("-f", "<d", "-shape", "-1,0", path), "-1 is ambiguous"},
		{show("-f", "<d", "-shape", "-1", "-strides", "8", path), "-1 needs a contiguous layout"},
		{show("-f", "<d", "-shape", "3,4", "-strides", "8", path), "-strides has 1 values for 2 dimensions"},
		{show("-f", "<d", "-shape", "3", "-strides", "x", path), "invalid value"},
		{show("-f", "<d", "-shape", "3", "-order", "X", path), "want C or F"},
		{show("-f", "<d", "-shape", "3", "-order", "F", "-strides", "8", path), "-order and -strides"},
		{show("-f", "<d", "-shape", "3", "-offset", "-8", path), "-offset -8 is negative"},
		{show("-f", "<d", "-shape", "3", "-offset", "x", path), "invalid value"},
		{show("-f", "<d", "-shape", "-1", "-offset", "1000", path), "beyond the end of the file (243 bytes)"},
		{show("-f", "<d", "-shape", "5,7", path), "invalid layout: elements address bytes [0, 280) outside the buffer of 243 bytes"},
		{show("-f", "<d", "-shape", "3", "-offset", "240", path), "outside the buffer"},
		{show("-f", "<d", "-shape", "2", "-strides", "-8", path), "outside the buffer"},
		{show("-f", "<d", "-shape", "4611686018427387904,4", path), "overflows"},
		{show("-f", "<d", "-shape", "2", "-strides", "9223372036854775807", path), "overflows"},
		{show("-f", "<d", "-shape", "-1,4611686018427387904", path), "overflows"},
		{show("-f", "<d", "-shape", "3,4", path, "abc"), `invalid index: "abc"`},
		{show("-f", "<d", "-shape", "3,4", path, "3"), "index 3 is out of bounds for axis 0 with size 3"},
		{show("-f", "<d", "-shape", "3,4", path, "1,2,3"), "too many indices"},
		{show("-f", "<d", "-shape", "3,4", path, "::0"), "step cannot be zero"},
		{show("-f", "<d", "-shape", "3,4", path, "..., ..."), "single ellipsis"},
		{show("-f", "<d", "-shape", "3,4", path, "-shape", "3"), "flag -shape after FILE"},
		{show("-f", "<d", "-shape", "3", filepath.Join(dir, "missing")), "no such file"},
		{show("-f", "<d", "-shape", "3", dir), "is a directory"},
		{show("-f", "<d", "-shape", "3", filepath.Join(dir, "new\nline")), "new line"},
		{[]string{"info"}, "info needs -f FORMAT, a FILE, or both"},
		{[]string{"info", path, path}, "at most one FILE"},
		{[]string{"info", "-shape", "3", path}, "-shape needs -f"},
		{[]string{"info", "-f", "<d", "-strides", "8"}, "-strides needs -shape"},
		{[]string{"info", "-f", "<d", "-order", "F"}, "-order needs -shape"},
		{[]string{"info", "-f", "<z"}, "bad char"},
		{[]string{"info", "-f", "<d", "-shape", "-1"}, "-1 needs a FILE"},
		{[]string{"info", "-f", "<d", "-shape", "3,4", "-strides", "8,-24"}, "before the buffer: negative strides need -offset 72 or more"},
		{[]string{"info", "-f", "<d", "-shape", "4611686018427387904,4"}, "overflows"},
		{[]string{"info", "-f", "<d", "-shape", "3", "-strides", "-4611686018427387904"}, "overflow"},
		{[]string{"info", "-f", "0i", "-shape", "3"}, "has size 0"},
		{[]string{"info", "-f", "<d", "-shape", "40", path}, "outside the buffer of 243 bytes"},
		{[]string{"info", filepath.Join(dir, "missing")}, "no such file"},
	} {
		out, errOut, code := runCmd(t, tc.args...)
		if code != exitError {
			t.Errorf("run(%q) = %d, want %d", tc.args, code, exitError)
		}
		if out != "" {
			t.Errorf("run(%q) printed %q to stdout", tc.args, out)
		}
		if !strings.HasPrefix(errOut, "ndview: ") || !strings.HasSuffix(errOut, "\n") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("run(%q): stderr %q is not one line starting \"ndview: \"", tc.args, errOut)
		}
		if strings.HasPrefix(errOut, "ndview: ndview: ") {
			t.Errorf("run(%q): stderr %q repeats the prefix", tc.args, errOut)
		}
		if !strings.Contains(errOut, tc.want) {
			t.Errorf("run(%q): stderr %q lacks %q", tc.args, errOut, tc.want)
		}
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	path := writeTemp(t, "secret.bin", sample())
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCmd(t, "show", "-f", "<d", "-shape", "3", path)
	if code != exitError || !strings.Contains(errOut, "permission denied") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestInfo(t *testing.T) {
	path := writeTemp(t, "data.bin", sample())
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"format", []string{"-f", "<d"}, `format "<d"
  size       8 bytes
  alignment  1
  values     1
  fields     1
  #  name  code  kind     order   offset  size  count  shape
  0  -     d     float64  little  0       8     1      -
`},
		{"record", []string{"-f", "T{>i:id:(2)<d:xy:T{<h:a:}:r:}3s"}, `format "T{>i:id:(2)<d:xy:T{<h:a:}:r:}3s"
  size       25 bytes
  alignment  1
  values     2
  fields     2
  #      name  code  kind     order   offset  size  count  shape
  0      -     T     record   -       0       22    1      -
  0.0    id    i     int32    big     0       4     1      -
  0.1    xy    d     float64  little  4       8     2      (2,)
  0.2    r     T     record   -       20      2     1      -
  0.2.0  r.a   h     int16    little  20      2     1      -
  1      -     s     bytes    -       22      3     1      -
`},
		{"native", []string{"-f", "@bxi"}, `format "@bxi"
  size       8 bytes
  alignment  4
  values     2
  fields     3
  #  name  code  kind   order   offset  size  count  shape
  0  -     b     int8   -       0       1     1      -
  1  -     x     pad    -       1       1     1      -
  2  -     i     int32  little  4       4     1      -
`},
		{"strided view without a file", []string{"-f", "<d", "-shape", "3,4", "-strides", "8,24"}, `format "<d"
  size       8 bytes
  alignment  1
  values     1
  fields     1
  #  name  code  kind     order   offset  size  count  shape
  0  -     d     float64  little  0       8     1      -
view of a buffer of exactly 96 bytes
  ndim          2
  shape         (3, 4)
  strides       (8, 24)
  offset        0
  itemsize      8
  elements      12
  nbytes        96
  C-contiguous  false
  F-contiguous  true
  read-only     true
  bytes         [0, 96) of 96
`},
		{"file", []string{path}, "file " + path + `
  size  243 bytes
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"info"}, tc.args...)
			out, errOut, code := runCmd(t, args...)
			if code != 0 || errOut != "" {
				t.Fatalf("run(%q) = %d, stderr %q", args, code, errOut)
			}
			if diff := cmp.Diff(tc.want, out); diff != "" {
				t.Errorf("run(%q) (-want +got):\n%s", args, diff)
			}
		})
	}
}

// TestInfoView checks the view block's attributes for several layouts.
func TestInfoView(t *testing.T) {
	path := writeTemp(t, "data.bin", sample())
	for _, tc := range []struct {
		args []string
		want []string // lines of the view block
	}{
		{[]string{"-f", "<d", "-shape", "-1,4", path}, []string{
			"view of " + path, "ndim 2", "shape (7, 4)", "strides (32, 8)", "offset 0", "itemsize 8",
			"elements 28", "nbytes 224", "C-contiguous true", "F-contiguous false", "read-only true",
			"bytes [0, 224) of 243"}},
		{[]string{"-f", "<i", "-shape", "2,3", "-strides", "-12,4", "-offset", "12"}, []string{
			"view of a buffer of exactly 24 bytes", "ndim 2", "shape (2, 3)", "strides (-12, 4)", "offset 12",
			"itemsize 4", "elements 6", "nbytes 24", "C-contiguous false", "F-contiguous false",
			"read-only true", "bytes [0, 24) of 24"}},
		{[]string{"-f", "<d", "-shape", "0,5", "-offset", "16", path}, []string{
			"view of " + path, "ndim 2", "shape (0, 5)", "strides (40, 8)", "offset 16", "itemsize 8",
			"elements 0", "nbytes 0", "C-contiguous true", "F-contiguous true", "read-only true",
			"bytes none (no elements) of 243"}},
		{[]string{"-f", "<h", "-shape", "()", "-offset", "6"}, []string{
			"view of a buffer of exactly 8 bytes", "ndim 0", "shape ()", "strides ()", "offset 6",
			"itemsize 2", "elements 1", "nbytes 2", "C-contiguous true", "F-contiguous true",
			"read-only true", "bytes [6, 8) of 8"}},
		{[]string{"-f", "<d", "-shape", "1000000,1000000"}, []string{
			"view of a buffer of exactly 8000000000000 bytes", "ndim 2", "shape (1000000, 1000000)",
			"strides (8000000, 8)", "offset 0", "itemsize 8", "elements 1000000000000",
			"nbytes 8000000000000", "C-contiguous true", "F-contiguous false", "read-only true",
			"bytes [0, 8000000000000) of 8000000000000"}},
	} {
		args := append([]string{"info"}, tc.args...)
		out, errOut, code := runCmd(t, args...)
		if code != 0 {
			t.Errorf("run(%q) = %d, stderr %q", args, code, errOut)
			continue
		}
		_, block, ok := strings.Cut(out, "view of ")
		if !ok {
			t.Errorf("run(%q): no view block in\n%s", args, out)
			continue
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSpace("view of "+block), "\n") {
			got = append(got, strings.Join(strings.Fields(line), " "))
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("run(%q) (-want +got):\n%s", args, diff)
		}
	}
}

func TestInfoFileItems(t *testing.T) {
	path := writeTemp(t, "data.bin", sample())
	out, _, code := runCmd(t, "info", "-f", "<d", "-offset", "16", path)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if want := "  items  28 from offset 16 (-shape -1), 3 bytes left over\n"; !strings.HasSuffix(out, want) {
		t.Errorf("output\n%s\nlacks %q", out, want)
	}
}

func TestIntList(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		err  bool
	}{
		{"3,4", []int{3, 4}, false},
		{" 3 , 4 ", []int{3, 4}, false},
		{"(3, 4)", []int{3, 4}, false},
		{"[3,4]", []int{3, 4}, false},
		{"(3,)", []int{3}, false},
		{"-1", []int{-1}, false},
		{"()", []int{}, false},
		{"", []int{}, false},
		{"3,,4", nil, true},
		{",", nil, true},
		{"(3", nil, true},
		{"3x4", nil, true},
		{"99999999999999999999", nil, true},
	} {
		var l intList
		err := l.Set(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("Set(%q) error %v, want error %t", tc.in, err, tc.err)
			continue
		}
		if err == nil {
			if diff := cmp.Diff(tc.want, l.vals); diff != "" {
				t.Errorf("Set(%q) (-want +got):\n%s", tc.in, diff)
			}
		}
	}
}

// FuzzRun feeds arbitrary layouts and indices to show and info over a
// small file: whatever the input, the command must not panic, and must
// either succeed quietly on stderr or fail with one "ndview: " line.
func FuzzRun(f *testing.F) {
	f.Add("<d", "3,4", "", 0, "::2, 1:3")
	f.Add("<d", "-1", "", 8, "-1")
	f.Add(">i", "2,3", "-12,4", 12, "..., None")
	f.Add("T{<i:a:<h:b:}", "-1,2", "", 3, "::-1")
	f.Add("B", "4611686018427387904,4", "1,-1", 0, "0")
	f.Add("3x", "()", "()", 243, "")
	path := filepath.Join(f.TempDir(), "data.bin")
	if err := os.WriteFile(path, sample(), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, fmtstr, shape, strides string, offset int, index string) {
		base := []string{"-f", fmtstr, "-shape", shape, "-offset", fmt.Sprint(offset)}
		if strides != "" {
			base = append(base, "-strides", strides)
		}
		for _, args := range [][]string{
			append(append(append([]string{"show"}, base...), path), index),
			append(append([]string{"info"}, base...), path),
			append([]string{"info"}, base...),
		} {
			var out, errOut bytes.Buffer
			switch code := run(args, &out, &errOut); code {
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

// helpCase is a command line that must succeed silently on stderr and
// print every one of want.
type helpCase struct {
	args []string
	want []string
}

func checkHelp(t *testing.T, cases []helpCase) {
	t.Helper()
	for _, tc := range cases {
		out, errOut, code := runCmd(t, tc.args...)
		if code != 0 || errOut != "" {
			t.Errorf("run(%q) = %d, stderr %q", tc.args, code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("run(%q): output lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
}

package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const goOutput = `goos: linux
goarch: amd64
pkg: github.com/ndview/ndview/bench/peers
cpu: AMD EPYC
BenchmarkSlice2D/ndview-2         	44052134	        27.1 ns/op	       0 B/op	       0 allocs/op
BenchmarkSlice2D/ndview-2         	44052134	        29.0 ns/op	       0 B/op	       0 allocs/op
BenchmarkSlice2D/ndview-2         	44052134	        25.0 ns/op	       0 B/op	       0 allocs/op
BenchmarkSlice2D/gonum-2          	16000000	        73.0 ns/op	      64 B/op	       1 allocs/op
BenchmarkSlice2D/gonum-2          	16000000	        70.0 ns/op	      64 B/op	       1 allocs/op
BenchmarkSlice2D/gonum-2          	16000000	        80.0 ns/op	      64 B/op	       1 allocs/op
BenchmarkSumAt/ndview-2           	     100	   1200000 ns/op	6666.67 MB/s	       0 B/op	       0 allocs/op
BenchmarkSumAt/raw-2              	     100	   1000000 ns/op	8000.00 MB/s	       0 B/op	       0 allocs/op
BenchmarkScaleAccess/ndview/1KB-2 	 1000000	      1024 ns/op	1000.00 MB/s
BenchmarkScaleAccess/ndview/256MB-2	       1	 268435456 ns/op	1000.00 MB/s
PASS
ok  	github.com/ndview/ndview/bench/peers	12.3s
`

func parsed(t *testing.T) Results {
	t.Helper()
	r := Results{}
	if err := ParseGo(r, strings.NewReader(goOutput)); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestParseGo(t *testing.T) {
	r := parsed(t)
	if got := len(r); got != 6 {
		t.Fatalf("%d benchmarks, want 6: %v", got, r)
	}
	if diff := cmp.Diff([]float64{27.1, 29, 25}, r["Slice2D/ndview"].NsPerOp); diff != "" {
		t.Errorf("Slice2D/ndview runs:\n%s", diff)
	}
	if s := r["Slice2D/gonum"]; !s.HasMem || s.Allocs != 1 || s.Bytes != 64 {
		t.Errorf("Slice2D/gonum memory: %+v", s)
	}
	if s := r["ScaleAccess/ndview/1KB"]; s == nil || s.HasMem || s.NsPerOp[0] != 1024 {
		t.Errorf("a line without -benchmem columns: %+v", s)
	}
	if r["ScaleAccess/ndview/256MB"] == nil {
		t.Errorf("a name without a space before the count is lost")
	}
	if err := ParseGo(Results{}, strings.NewReader("BenchmarkX-2  10  abc ns/op\n")); err == nil {
		t.Errorf("an unreadable result line was accepted")
	}
}

func TestStats(t *testing.T) {
	for _, c := range []struct {
		x    []float64
		want float64
	}{{[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}, {nil, 0}} {
		if got := median(c.x); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	r := parsed(t)
	q := RatioOf(r["Slice2D/ndview"], r["Slice2D/gonum"])
	want := Ratio{Mid: 73 / 27.1, Lo: 70 / 29.0, Hi: 80 / 25.0}
	if !cmp.Equal(q, want, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-12 })) {
		t.Errorf("RatioOf = %+v, want %+v", q, want)
	}
	for _, c := range []struct {
		mid  float64
		want string
	}{{2.694, "ndview 2.69× faster"}, {1.04, "even"}, {0.96, "even"}, {0.5, "**ndview 2.00× slower**"}, {123.4, "ndview 123× faster"}} {
		if got := (Ratio{Mid: c.mid}).Verdict(); got != c.want {
			t.Errorf("Verdict(%v) = %q, want %q", c.mid, got, c.want)
		}
	}
	for ns, want := range map[float64]string{27.1: "27.1 ns", 1200000: "1.20 ms", 2.5e9: "2.50 s", 4500: "4.50 µs"} {
		if got := Duration(ns); got != want {
			t.Errorf("Duration(%v) = %q, want %q", ns, got, want)
		}
	}
}

func TestRows(t *testing.T) {
	r := parsed(t)
	rows := Rows(r)
	var got []string
	for _, row := range rows {
		got = append(got, row.Op.Name+"/"+row.Peer)
	}
	// Peers not measured (gorgonia, NumPy) are left out, not shown as zero.
	if diff := cmp.Diff([]string{"Slice2D/gonum", "SumAt/raw"}, got); diff != "" {
		t.Fatalf("rows:\n%s", diff)
	}
	md := Markdown(rows)
	if !strings.Contains(md, "**ndview 1.20× slower**") || !strings.Contains(md, "ndview 2.69× faster") {
		t.Errorf("the table does not say who is faster:\n%s", md)
	}
	if !strings.Contains(md, "27.1 ns (25.0 ns–29.0 ns)") {
		t.Errorf("the table does not show the spread of the runs:\n%s", md)
	}
	if txt := Text(rows); !strings.Contains(txt, "ndview 1.20× slower") || strings.Contains(txt, "**") {
		t.Errorf("terminal table:\n%s", txt)
	}
}

func TestScale(t *testing.T) {
	r := parsed(t)
	xs, names := scaleSizes()
	if len(xs) != 6 || names[0] != "1KB" || names[5] != "256MB" || xs[5] != 1<<28 {
		t.Fatalf("scale sizes %v %v", xs, names)
	}
	s := Scale(r, "ScaleAccess", []string{"ndview", "raw"}, names, xs, gbps)
	if len(s) != 1 || s[0].Impl != "ndview" {
		t.Fatalf("series %+v", s)
	}
	// 1 KB in 1024 ns and 256 MB in 2^28 ns are both 1 byte/ns = 1 GB/s;
	// the sizes without a measurement are left out.
	if diff := cmp.Diff([]float64{1, 1}, s[0].Y); diff != "" || !cmp.Equal(s[0].X, []float64{1024, 1 << 28}) {
		t.Errorf("series %+v\n%s", s[0], diff)
	}
	md := ScaleMarkdown(s, names, xs, "GB/s")
	if !strings.Contains(md, "| 1KB | 1.00 (1.00–1.00) |") || !strings.Contains(md, "| 16KB |  |") {
		t.Errorf("scale table:\n%s", md)
	}
}

func TestParsePython(t *testing.T) {
	r := Results{}
	p, err := ParsePython(r, []byte(`{"python": "3.11.2", "numpy": "1.24.2", "results": {"Slice2D/numpy": [500, 510, 490]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Python != "3.11.2" || p.NumPy == nil || *p.NumPy != "1.24.2" || r["Slice2D/numpy"].Median() != 500 {
		t.Errorf("ParsePython = %+v, %v", p, r["Slice2D/numpy"])
	}
	if _, err := ParsePython(Results{}, []byte(`{"results": {"X/numpy": []}}`)); err == nil {
		t.Errorf("a peer with no timings was accepted")
	}
	if _, err := ParsePython(Results{}, []byte(`Traceback`)); err == nil {
		t.Errorf("output that is not JSON was accepted")
	}
}

// TestChart draws the chart and checks that it is well-formed SVG that
// names every row.
func TestChart(t *testing.T) {
	r := parsed(t)
	rows := Rows(r)
	xs, names := scaleSizes()
	access := Scale(r, "ScaleAccess", []string{"ndview"}, names, xs, gbps)
	var buf bytes.Buffer
	if err := Chart(&buf, rows, access, nil, nil, xs); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
		}
	}
	for _, want := range []string{"Slice2D · gonum mat", "SumAt · plain Go loop", "ndview is faster", "256 MB"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the chart has no text %q", want)
		}
	}
}

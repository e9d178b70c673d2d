package main

import (
	"fmt"
	"strings"
)

// Op is one operation of the report, with the implementations that are
// measured for it (the first is always ndview).
type Op struct {
	Name  string // the benchmark's name: Slice2D, CopyStep2, ...
	What  string // what it does, for the table
	Peers []string
	Bytes float64 // bytes the operation touches, for GB/s; 0: a header-only operation
}

// Ops are the rows of the comparison, in the order the report shows them.
var Ops = []Op{
	{"Slice2D", "slice `[::2, 1:300]` of a 1000×1000 float64 view", []string{"gonum", "gorgonia", "numpy"}, 0},
	{"Transpose", "transpose a 1000×1000 view", []string{"gonum", "gorgonia", "numpy"}, 0},
	{"Reshape", "reshape 1000×1000 to 100×10000, no copy", []string{"gonum", "gorgonia", "numpy", "memoryview"}, 0},
	{"SumAt", "sum 10⁶ float64 element by element, by index", []string{"gonum", "gorgonia", "binary", "raw", "numpy", "memoryview"}, 8e6},
	{"SumRuns", "sum 10⁶ float64, the fastest way each offers", []string{"gonum", "raw", "numpy", "memoryview"}, 8e6},
	{"CopyContig", "copy a contiguous 1000×1000 float64 (8 MB)", []string{"gonum", "gorgonia", "memmove", "numpy", "memoryview"}, 8e6},
	{"CopyInnerRows", "copy 1000×1000 out of 2000×2000 (strided rows)", []string{"gonum", "gorgonia", "numpy"}, 8e6},
	{"CopyStep2", "copy `[::2, ::2]` of 2000×2000", []string{"gorgonia", "numpy"}, 8e6},
	{"CopyTransposed", "copy a transposed 1000×1000", []string{"gonum", "gorgonia", "numpy"}, 8e6},
	{"Records", "decode 100,000 `<IId` records into structs", []string{"binary", "raw", "numpy", "struct"}, 1.6e6},
	{"Messages", "walk 100,000 framed messages (8-byte header, 1 KB payload)", []string{"binary", "raw", "struct"}, 102.4e6 + 0.8e6},
}

// Names are the implementations as a reader knows them.
var Names = map[string]string{
	"ndview":      "ndview",
	"gonum":       "gonum mat",
	"gorgonia":    "gorgonia tensor",
	"binary":      "encoding/binary",
	"raw":         "plain Go loop",
	"memmove":     "copy()",
	"numpy":       "NumPy",
	"memoryview":  "CPython memoryview",
	"struct":      "CPython struct",
	"ndview_T":    "ndview, transposed",
	"ndview_runs": "ndview, by runs",
	"gonum_T":     "gonum, transposed",
	"numpy_T":     "NumPy, transposed",
}

// Row is one peer of one operation, compared with ndview.
type Row struct {
	Op       Op
	Peer     string
	ND, Samp *Sample
	Ratio    Ratio
}

// Rows pairs every measured peer with ndview; operations or peers that
// were not measured (no NumPy, a filtered run) are left out.
func Rows(r Results) []Row {
	var rows []Row
	for _, op := range Ops {
		nd := r[op.Name+"/ndview"]
		if nd == nil {
			continue
		}
		for _, p := range op.Peers {
			s := r[op.Name+"/"+p]
			if s == nil {
				continue
			}
			rows = append(rows, Row{Op: op, Peer: p, ND: nd, Samp: s, Ratio: RatioOf(nd, s)})
		}
	}
	return rows
}

// spread formats a sample as median and range.
func spread(s *Sample) string {
	if len(s.NsPerOp) < 2 {
		return Duration(s.Median())
	}
	return fmt.Sprintf("%s (%s–%s)", Duration(s.Median()), Duration(s.Min()), Duration(s.Max()))
}

func allocs(s *Sample) string {
	if !s.HasMem {
		return ""
	}
	return fmt.Sprintf("%.0f", s.Allocs)
}

// Markdown writes the comparison table: one line per operation and peer.
func Markdown(rows []Row) string {
	var b strings.Builder
	b.WriteString("| operation | ndview | allocs | peer | peer's time | allocs | peer ÷ ndview (range) | verdict |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	last := ""
	for _, row := range rows {
		op, nd := "", ""
		if row.Op.Name != last {
			op, nd = row.Op.What, spread(row.ND)
			last = row.Op.Name
		}
		ndAllocs := ""
		if nd != "" {
			ndAllocs = allocs(row.ND)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s (%s–%s) | %s |\n",
			op, nd, ndAllocs, Names[row.Peer], spread(row.Samp), allocs(row.Samp),
			sig(row.Ratio.Mid), sig(row.Ratio.Lo), sig(row.Ratio.Hi), row.Ratio.Verdict())
	}
	return b.String()
}

// Text writes the comparison for a terminal.
func Text(rows []Row) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-15s %-20s %12s %12s %8s  %s\n", "operation", "peer", "ndview", "peer", "ratio", "verdict")
	for _, row := range rows {
		fmt.Fprintf(&b, "%-15s %-20s %12s %12s %8s  %s\n", row.Op.Name, Names[row.Peer],
			Duration(row.ND.Median()), Duration(row.Samp.Median()), sig(row.Ratio.Mid),
			strings.Trim(row.Ratio.Verdict(), "*"))
	}
	return b.String()
}

// Series is one line of a scaling chart: an implementation's medians
// (and ranges) at each point.
type Series struct {
	Impl      string
	X         []float64
	Y, Lo, Hi []float64
}

// Scale collects the scaling series of one benchmark family (ScaleAccess,
// ScaleCopy, ScaleSliceNDim) for the given parameters; y converts ns/op
// at a parameter into the plotted unit (GB/s, ns).
func Scale(r Results, family string, impls []string, params []string, xs []float64, y func(x, ns float64) float64) []Series {
	var out []Series
	for _, im := range impls {
		s := Series{Impl: im}
		for i, p := range params {
			smp := r[family+"/"+im+"/"+p]
			if smp == nil {
				continue
			}
			a, b, c := y(xs[i], smp.Median()), y(xs[i], smp.Min()), y(xs[i], smp.Max())
			s.X = append(s.X, xs[i])
			s.Y = append(s.Y, a)
			s.Lo, s.Hi = append(s.Lo, min(b, c)), append(s.Hi, max(b, c))
		}
		if len(s.X) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// ScaleMarkdown writes a scaling family as a table: one row per
// parameter, one column per implementation.
func ScaleMarkdown(series []Series, params []string, xs []float64, unit string) string {
	var b strings.Builder
	b.WriteString("| |")
	for _, s := range series {
		fmt.Fprintf(&b, " %s (%s) |", Names[s.Impl], unit)
	}
	b.WriteString("\n| --- |")
	for range series {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for i, p := range params {
		fmt.Fprintf(&b, "| %s |", p)
		for _, s := range series {
			cell := ""
			for k, x := range s.X {
				if x == xs[i] {
					cell = fmt.Sprintf("%s (%s–%s)", sig(s.Y[k]), sig(s.Lo[k]), sig(s.Hi[k]))
				}
			}
			fmt.Fprintf(&b, " %s |", cell)
		}
		b.WriteString("\n")
	}
	return b.String()
}

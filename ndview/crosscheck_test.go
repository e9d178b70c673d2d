package ndview_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// A differential test against NumPy: random layouts and random sequences
// of view operations, applied by ndview and by NumPy 1.24
// (testdata/crosscheck_view.py, run once with every case in one JSON
// batch), must agree on errors, shapes, strides, offsets, contiguity,
// read-only flags, bytes and element values.

const xcPython = "/usr/bin/python3"

type xcLayout struct {
	Format  string `json:"format"`
	Buf     string `json:"buf"`
	Shape   []int  `json:"shape"`
	Strides []int  `json:"strides"`
	Offset  int    `json:"offset"`
}

type xcItem struct {
	K     string `json:"k"`
	V     int    `json:"v"`
	Start *int   `json:"start,omitempty"`
	Stop  *int   `json:"stop,omitempty"`
	Step  *int   `json:"step,omitempty"`
}

type xcOp struct {
	Op     string   `json:"op"`
	Items  []xcItem `json:"items,omitempty"`
	Axes   []int    `json:"axes,omitempty"`
	A      int      `json:"a"`
	B      int      `json:"b"`
	Offset int      `json:"offset"`
	Shape  []int    `json:"shape,omitempty"`
}

type xcCase struct {
	ID     int      `json:"id"`
	Layout xcLayout `json:"layout"`
	Ops    []xcOp   `json:"ops"`
}

type xcStep struct {
	Error    string   `json:"error,omitempty"`
	Detail   string   `json:"detail,omitempty"`
	Shape    []int    `json:"shape"`
	Strides  []int    `json:"strides"`
	Offset   int      `json:"offset"`
	C        bool     `json:"c"`
	F        bool     `json:"f"`
	ReadOnly bool     `json:"readonly"`
	Bytes    string   `json:"bytes"`
	Values   []string `json:"values"`
}

type xcResult struct {
	ID    int      `json:"id"`
	Crash string   `json:"crash"`
	Steps []xcStep `json:"steps"`
}

// xcCategory maps an ndview error to the oracle's category.
func xcCategory(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ndview.ErrNeedsCopy):
		return "copy"
	case errors.Is(err, ndview.ErrIndex):
		return "index"
	case errors.Is(err, ndview.ErrAxis):
		return "axis"
	case errors.Is(err, ndview.ErrShape):
		return "shape"
	case errors.Is(err, ndview.ErrLayout):
		return "layout"
	}
	return "other: " + err.Error()
}

// xcValueToken renders an element as the oracle does.
func xcValueToken(x any) string {
	switch x := x.(type) {
	case bool:
		if x {
			return "b:1"
		}
		return "b:0"
	case int64:
		return fmt.Sprintf("i:%d", x)
	case uint64:
		return fmt.Sprintf("i:%d", x)
	case float64:
		if math.IsNaN(x) {
			return "nan"
		}
		return fmt.Sprintf("f:%d", math.Float64bits(x))
	}
	return fmt.Sprintf("?%T", x)
}

// xcDescribe is the step NumPy would report for v.
func xcDescribe(t *testing.T, v ndview.View) xcStep {
	t.Helper()
	s := xcStep{
		Shape: v.Shape(), Strides: v.Strides(), Offset: v.Offset(),
		C: v.IsCContiguous(), F: v.IsFContiguous(), ReadOnly: v.ReadOnly(),
		Bytes: hex.EncodeToString(v.ToBytes(ndview.COrder)), Values: []string{},
	}
	for idx := range v.All() {
		x, err := v.Value(idx...)
		if err != nil {
			t.Fatalf("Value%v: %v", idx, err)
		}
		s.Values = append(s.Values, xcValueToken(x))
	}
	return s
}

// xcGen builds random cases; each op is chosen from the Go view's current
// state, and Go's results are recorded as the case is built.
type xcGen struct {
	r *rand.Rand
}

var xcCodes = []string{"b", "B", "h", "H", "i", "I", "q", "Q", "f", "d", "e", "?"}
var xcPrefixes = []string{"", "@", "=", "<", ">", "!"}

func (g *xcGen) layout() xcLayout {
	r := g.r
	f := xcPrefixes[r.IntN(len(xcPrefixes))] + xcCodes[r.IntN(len(xcCodes))]
	item := format.MustParse(f).Size()
	nd := r.IntN(6)
	shape := make([]int, nd)
	strides := make([]int, nd)
	for i := range shape {
		shape[i] = 1 + r.IntN(4)
		if r.IntN(30) == 0 {
			shape[i] = 0
		}
	}
	switch r.IntN(3) {
	case 0: // C-contiguous, sometimes then permuted
		acc := item
		for i := nd - 1; i >= 0; i-- {
			strides[i] = acc
			acc *= max(shape[i], 1)
		}
		if r.IntN(2) == 0 {
			p := r.Perm(nd)
			s2 := make([]int, nd)
			for i, j := range p {
				s2[i] = strides[j]
			}
			strides = s2
		}
	default:
		for i := range strides {
			switch r.IntN(6) {
			case 0:
				strides[i] = 0
			case 1:
				strides[i] = r.IntN(2*item+1) - item // any byte stride, possibly unaligned
			default:
				strides[i] = item * (r.IntN(9) - 4)
			}
		}
	}
	lo, hi, empty := 0, 0, false
	for i, e := range shape {
		if e == 0 {
			empty = true
			continue
		}
		if d := (e - 1) * strides[i]; d < 0 {
			lo += d
		} else {
			hi += d
		}
	}
	off := -lo + r.IntN(2*item+1)
	n := off + hi + item + r.IntN(2*item+1)
	if empty {
		n = 1 + r.IntN(16)
		off = r.IntN(n + 1)
	}
	if r.IntN(10) == 0 { // an invalid layout: one byte out at either end
		if empty {
			off = n + 1 + r.IntN(3)
		} else if r.IntN(2) == 0 {
			off--
		} else {
			n = off + hi + item - 1
		}
		if n < 1 {
			n = 1
		}
	}
	buf := make([]byte, n)
	for i := range buf {
		buf[i] = byte(r.Uint32())
	}
	if r.IntN(4) == 0 { // small values, so that integer and bool views hold interesting data
		for i := range buf {
			buf[i] = byte(r.IntN(3))
		}
	}
	return xcLayout{Format: f, Buf: hex.EncodeToString(buf), Shape: shape, Strides: strides, Offset: off}
}

func (g *xcGen) intp(lo, hi int) *int {
	x := lo + g.r.IntN(hi-lo+1)
	return &x
}

func (g *xcGen) op(v ndview.View) xcOp {
	r := g.r
	nd := v.NDim()
	shape := v.Shape()
	axis := func() int { // mostly valid, negative or not; sometimes one out of range at either end
		if nd > 0 && r.IntN(8) != 0 {
			return r.IntN(2*nd) - nd
		}
		return r.IntN(2*nd+2) - nd - 1
	}
	grow := nd < 8
	for {
		switch r.IntN(11) {
		case 0, 1, 2: // index
			n := r.IntN(nd + 2)
			items := make([]xcItem, 0, n)
			d := 0
			for range n {
				ext := 3
				if d < nd {
					ext = shape[d]
				}
				switch k := r.IntN(20); {
				case k < 9:
					it := xcItem{K: "slice"}
					wide := 0
					if r.IntN(4) == 0 {
						wide = 2 // bounds beyond the extent, clamped
					}
					if r.IntN(3) != 0 {
						it.Start = g.intp(-ext-wide, ext+wide)
					}
					if r.IntN(3) != 0 {
						it.Stop = g.intp(-ext-wide, ext+wide)
					}
					if r.IntN(2) == 0 {
						steps := []int{1, -1, 2, -2, 3, -3, 1, -1}
						s := steps[r.IntN(len(steps))]
						if r.IntN(40) == 0 {
							s = 0
						}
						it.Step = &s
					}
					if it.Start != nil && it.Stop != nil && r.IntN(3) != 0 {
						// Mostly in the order of the step, so that fewer
						// slices are empty.
						lo, hi := *it.Start, *it.Stop
						if lo < 0 {
							lo += ext
						}
						if hi < 0 {
							hi += ext
						}
						down := it.Step != nil && *it.Step < 0
						if (lo > hi) != down {
							it.Start, it.Stop = it.Stop, it.Start
						}
					}
					items = append(items, it)
					d++
				case k < 15:
					k := r.IntN(2*ext+1) - ext
					if r.IntN(10) == 0 {
						k = ext + r.IntN(2)
					}
					items = append(items, xcItem{K: "int", V: k})
					d++
				case k < 17:
					items = append(items, xcItem{K: "ellipsis"})
				default:
					if !grow {
						continue
					}
					items = append(items, xcItem{K: "newaxis"})
				}
			}
			return xcOp{Op: "index", Items: items}
		case 3:
			if r.IntN(5) == 0 {
				axes := make([]int, r.IntN(nd+2))
				for i := range axes {
					axes[i] = axis()
				}
				return xcOp{Op: "transpose", Axes: axes}
			}
			p := r.Perm(nd)
			for i := range p {
				if r.IntN(3) == 0 {
					p[i] -= nd
				}
			}
			return xcOp{Op: "transpose", Axes: p}
		case 4:
			return xcOp{Op: "swapaxes", A: axis(), B: axis()}
		case 5:
			return xcOp{Op: "flip", A: axis()}
		case 6:
			var axes []int
			if r.IntN(2) == 0 {
				for range 1 + r.IntN(2) {
					a := axis()
					for i, e := range shape {
						if e == 1 && r.IntN(2) == 0 {
							a = i
						}
					}
					axes = append(axes, a)
				}
			}
			return xcOp{Op: "squeeze", Axes: axes}
		case 7:
			if !grow {
				continue
			}
			return xcOp{Op: "expand_dims", A: r.IntN(nd+4) - (nd+4)/2}
		case 8:
			if !grow {
				continue
			}
			var out []int
			for range r.IntN(3) {
				out = append(out, r.IntN(4))
			}
			for _, e := range shape {
				if e == 1 {
					e = r.IntN(4)
				}
				out = append(out, e)
			}
			if r.IntN(7) == 0 && len(out) > 0 {
				out[r.IntN(len(out))] = r.IntN(5) - 1
			}
			if r.IntN(12) == 0 && len(out) > 0 {
				out = out[1:]
			}
			return xcOp{Op: "broadcast_to", Shape: out}
		case 9:
			return xcOp{Op: "diagonal", Offset: r.IntN(9) - 4, A: axis(), B: axis()}
		case 10:
			n := v.Len()
			var out []int
			rest := n
			for range r.IntN(5) {
				divs := []int{1}
				for k := 2; k <= rest && k <= 6; k++ {
					if rest%k == 0 {
						divs = append(divs, k)
					}
				}
				if rest == 0 {
					divs = append(divs, 0, 2, 3)
				}
				k := divs[r.IntN(len(divs))]
				out = append(out, k)
				if k != 0 {
					rest /= k
				}
			}
			if rest != 1 || r.IntN(2) == 0 {
				out = append(out, rest)
			}
			if len(out) > 0 && r.IntN(3) == 0 {
				out[r.IntN(len(out))] = -1
			}
			if r.IntN(10) == 0 && len(out) > 0 {
				out[r.IntN(len(out))]++
			}
			if len(out) > 10 {
				continue
			}
			return xcOp{Op: "reshape", Shape: out}
		}
	}
}

func (it xcItem) index() ndview.Index {
	switch it.K {
	case "int":
		return ndview.Int(it.V)
	case "ellipsis":
		return ndview.Ellipsis
	case "newaxis":
		return ndview.NewAxis
	}
	b := func(p *int) int {
		if p == nil {
			return ndview.None
		}
		return *p
	}
	return ndview.Slice(b(it.Start), b(it.Stop), b(it.Step))
}

func (it xcItem) String() string {
	switch it.K {
	case "int":
		return fmt.Sprint(it.V)
	case "ellipsis":
		return "..."
	case "newaxis":
		return "None"
	}
	b := func(p *int) string {
		if p == nil {
			return ""
		}
		return fmt.Sprint(*p)
	}
	s := b(it.Start) + ":" + b(it.Stop)
	if it.Step != nil {
		s += ":" + b(it.Step)
	}
	return s
}

func xcApply(v ndview.View, op xcOp) (ndview.View, error) {
	switch op.Op {
	case "index":
		idx := make([]ndview.Index, len(op.Items))
		strs := make([]string, len(op.Items))
		for i, it := range op.Items {
			idx[i] = it.index()
			strs[i] = it.String()
		}
		w, err := v.Index(idx...)
		// The string form must give the same view.
		w2, err2 := v.IndexString(strings.Join(strs, ", "))
		if (err == nil) != (err2 == nil) || err == nil && !cmp.Equal(nvGeom(w), nvGeom(w2)) {
			return w, fmt.Errorf("Index and IndexString(%q) disagree: %v / %v", strings.Join(strs, ", "), err, err2)
		}
		return w, err
	case "transpose":
		return v.Transpose(op.Axes...)
	case "swapaxes":
		return v.SwapAxes(op.A, op.B)
	case "flip":
		return v.Flip(op.A)
	case "squeeze":
		return v.Squeeze(op.Axes...)
	case "expand_dims":
		return v.ExpandDims(op.A)
	case "broadcast_to":
		return v.BroadcastTo(op.Shape...)
	case "diagonal":
		return v.Diagonal(op.Offset, op.A, op.B)
	case "reshape":
		return v.Reshape(op.Shape...)
	}
	return v, fmt.Errorf("unknown op %q", op.Op)
}

// xcPythonAvailable reports whether the oracle can run.
func xcPythonAvailable() error {
	if _, err := os.Stat(xcPython); err != nil {
		return err
	}
	return exec.Command(xcPython, "-c", "import numpy").Run()
}

func TestCrossCheckNumPy(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	if err := xcPythonAvailable(); err != nil {
		t.Skipf("%s with numpy is not available: %v", xcPython, err)
	}
	// NDVIEW_XC_SEED and NDVIEW_XC_CASES explore other cases.
	ncases, seed := 3000, uint64(20240601)
	if s := os.Getenv("NDVIEW_XC_CASES"); s != "" {
		if _, err := fmt.Sscan(s, &ncases); err != nil {
			t.Fatalf("NDVIEW_XC_CASES=%q: %v", s, err)
		}
	}
	if s := os.Getenv("NDVIEW_XC_SEED"); s != "" {
		if _, err := fmt.Sscan(s, &seed); err != nil {
			t.Fatalf("NDVIEW_XC_SEED=%q: %v", s, err)
		}
	}
	g := &xcGen{r: nvRand(seed)}
	cases := make([]xcCase, 0, ncases)
	goSteps := make([][]xcStep, 0, ncases)
	for id := range ncases {
		c := xcCase{ID: id, Layout: g.layout()}
		buf, _ := hex.DecodeString(c.Layout.Buf)
		v, err := ndview.FromLayout(buf, ndview.Layout{Format: format.MustParse(c.Layout.Format), Shape: c.Layout.Shape, Strides: c.Layout.Strides, Offset: c.Layout.Offset})
		var steps []xcStep
		if err != nil {
			steps = append(steps, xcStep{Error: xcCategory(err), Detail: err.Error()})
		} else {
			steps = append(steps, xcDescribe(t, v))
			for range 1 + g.r.IntN(5) {
				op := g.op(v)
				c.Ops = append(c.Ops, op)
				w, err := xcApply(v, op)
				if err != nil {
					steps = append(steps, xcStep{Error: xcCategory(err), Detail: err.Error()})
					break
				}
				if _, lerr := ndview.FromLayout(w.Buffer(), w.Layout()); lerr != nil {
					t.Errorf("case %d: %s gave an invalid layout %v: %v", id, op.Op, nvGeom(w), lerr)
				}
				steps = append(steps, xcDescribe(t, w))
				v = w
			}
		}
		cases = append(cases, c)
		goSteps = append(goSteps, steps)
	}
	req, err := json.Marshal(map[string]any{"cases": cases})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cmd := exec.Command(xcPython, filepath.Join("testdata", "crosscheck_view.py"))
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle failed: %v\n%s", err, stderr.String())
	}
	var resp struct {
		NumPy   string     `json:"numpy"`
		Results []xcResult `json:"results"`
	}
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatalf("oracle output: %v", err)
	}
	t.Logf("NumPy %s answered %d cases in %v", resp.NumPy, len(resp.Results), time.Since(start).Round(time.Millisecond))
	if len(resp.Results) != len(cases) {
		t.Fatalf("oracle answered %d of %d cases", len(resp.Results), len(cases))
	}
	failures := 0
	stats := map[string]int{}
	for i, res := range resp.Results {
		c := cases[i]
		msg := ""
		if res.Crash != "" {
			msg = "oracle crashed: " + res.Crash
		} else {
			msg = xcCompare(c.Ops, goSteps[i], res.Steps, stats)
		}
		if msg != "" {
			failures++
			if failures <= 15 {
				js, _ := json.Marshal(c)
				t.Errorf("case %d: %s\n  case: %s", c.ID, msg, js)
			}
		}
	}
	if failures > 15 {
		t.Errorf("%d failing cases in all", failures)
	}
	t.Logf("compared: %v", stats)
	if stats["step"] < ncases || stats["error:copy"] == 0 || stats["error:index"] == 0 || stats["error:layout"] == 0 {
		t.Errorf("the cases do not cover enough: %v", stats)
	}
}

// xcCompare compares Go's steps with NumPy's and describes the first
// difference.
func xcCompare(ops []xcOp, got, want []xcStep, stats map[string]int) string {
	for k := range max(len(got), len(want)) {
		if k >= len(got) || k >= len(want) {
			return fmt.Sprintf("step %d: Go has %d steps, NumPy %d", k, len(got), len(want))
		}
		g, w := got[k], want[k]
		stats["step"]++
		if g.Error != "" || w.Error != "" {
			if k > 0 && ops[k-1].Op == "squeeze" && g.Error != "" && w.Error != "" && g.Error != w.Error {
				// A squeeze naming an axis out of range (or twice) and an
				// extent other than 1: NumPy checks every axis first,
				// ndview reports the first bad axis it meets. Both refuse.
				stats["error:squeeze precedence"]++
				continue
			}
			if g.Error != w.Error {
				return fmt.Sprintf("step %d: Go error %q (%s), NumPy error %q (%s)", k, g.Error, g.Detail, w.Error, w.Detail)
			}
			stats["error:"+g.Error]++
			continue
		}
		if !cmp.Equal(g.Shape, w.Shape) {
			return fmt.Sprintf("step %d: shape %v, NumPy %v", k, g.Shape, w.Shape)
		}
		n := 1
		for _, e := range g.Shape {
			n *= e
		}
		if n > 0 {
			for i, e := range g.Shape {
				if e > 1 && g.Strides[i] != w.Strides[i] {
					return fmt.Sprintf("step %d: strides %v, NumPy %v (shape %v)", k, g.Strides, w.Strides, g.Shape)
				}
			}
			if g.Offset != w.Offset {
				return fmt.Sprintf("step %d: offset %d, NumPy %d", k, g.Offset, w.Offset)
			}
		} else {
			stats["empty"]++
		}
		if g.C != w.C || g.F != w.F {
			return fmt.Sprintf("step %d: C %v F %v, NumPy C %v F %v (shape %v strides %v)", k, g.C, g.F, w.C, w.F, g.Shape, g.Strides)
		}
		if g.ReadOnly != w.ReadOnly {
			return fmt.Sprintf("step %d: read-only %v, NumPy %v", k, g.ReadOnly, w.ReadOnly)
		}
		if g.Bytes != w.Bytes {
			return fmt.Sprintf("step %d: bytes %s, NumPy %s", k, g.Bytes, w.Bytes)
		}
		if diff := cmp.Diff(w.Values, g.Values); diff != "" {
			return fmt.Sprintf("step %d: values (-numpy +go):\n%s", k, diff)
		}
	}
	return ""
}

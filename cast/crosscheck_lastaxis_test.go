package cast_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"testing"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// A differential test of LastAxis against NumPy's ndarray.view(dtype)
// (testdata/lastaxis_numpy.py, one batch): random strided layouts of
// every size of item, cast to every size, must agree on success or the
// kind of error, and on shape, strides, offset and bytes.

const laPython = "/usr/bin/python3"

var laFormats = []string{"b", "B", "<h", ">H", "i", ">I", "<q", "Q", "<e", ">f", "d", "?", "Zf", ">Zd"}

type laCase struct {
	Format  string `json:"format"`
	Buf     string `json:"buf"`
	Shape   []int  `json:"shape"`
	Strides []int  `json:"strides"`
	Offset  int    `json:"offset"`
	To      string `json:"to"`
}

type laResult struct {
	Error   string `json:"error"`
	Detail  string `json:"detail"`
	Shape   []int  `json:"shape"`
	Strides []int  `json:"strides"`
	Offset  int    `json:"offset"`
	Bytes   string `json:"bytes"`
}

// laLayout returns a random valid layout: mostly contiguous last axes, so
// that most casts succeed, with strided, reversed and empty dimensions.
func laLayout(r *rand.Rand, buf []byte) (laCase, ndview.View) {
	for {
		c := laCase{Format: laFormats[r.IntN(len(laFormats))], Buf: hex.EncodeToString(buf)}
		f := format.MustParse(c.Format)
		item := f.Size()
		nd := r.IntN(4)
		c.Shape, c.Strides = make([]int, nd), make([]int, nd)
		acc := item
		for i := nd - 1; i >= 0; i-- {
			c.Shape[i] = r.IntN(5)
			if r.IntN(8) == 0 {
				c.Shape[i] = 1
			}
			switch {
			case i == nd-1 && r.IntN(4) != 0:
				c.Strides[i] = item // contiguous last axis
			case r.IntN(3) == 0:
				c.Strides[i] = -acc * (1 + r.IntN(2))
			default:
				c.Strides[i] = acc * (1 + r.IntN(2))
			}
			acc *= max(c.Shape[i], 1) * 2
		}
		c.Offset = r.IntN(len(buf))
		v, err := ndview.FromStrides(buf, f, c.Shape, c.Strides, c.Offset)
		if err != nil {
			continue
		}
		c.To = laFormats[r.IntN(len(laFormats))]
		return c, v
	}
}

func TestLastAxisAgainstNumPy(t *testing.T) {
	if _, err := os.Stat(laPython); err != nil {
		t.Skipf("no %s: %v", laPython, err)
	}
	if err := exec.Command(laPython, "-c", "import numpy").Run(); err != nil {
		t.Skip("no NumPy for /usr/bin/python3 (apt-get install python3-numpy)")
	}
	r := rand.New(rand.NewPCG(7, 11))
	buf := make([]byte, 256)
	for i := range buf {
		buf[i] = byte(r.Uint32())
	}
	const n = 3000
	cases := make([]laCase, n)
	views := make([]ndview.View, n)
	for i := range cases {
		cases[i], views[i] = laLayout(r, buf)
	}
	in, err := json.Marshal(map[string]any{"cases": cases})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(laPython, "testdata/lastaxis_numpy.py")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("lastaxis_numpy.py: %v\n%s", err, stderr.Bytes())
	}
	var res struct{ Results []laResult }
	if err := json.Unmarshal(out, &res); err != nil || len(res.Results) != n {
		t.Fatalf("oracle output: %v, %d results", err, len(res.Results))
	}
	kinds := map[string]int{}
	for i, want := range res.Results {
		c := cases[i]
		if want.Error == "layout" {
			kinds["numpy refused the layout"]++
			continue
		}
		got, err := cast.LastAxis(views[i], c.To)
		if want.Error != "" {
			kinds["error "+want.Error]++
			sentinel := cast.ErrSize
			if want.Error == "contiguous" {
				sentinel = cast.ErrNotContiguous
			}
			if !errors.Is(err, sentinel) {
				t.Errorf("case %+v: NumPy refused (%s), LastAxis gave %v, want %v", c, want.Detail, err, sentinel)
			}
			continue
		}
		kinds["ok"]++
		if err != nil {
			t.Errorf("case %+v: NumPy gave shape %v strides %v, LastAxis failed: %v", c, want.Shape, want.Strides, err)
			continue
		}
		if !slices.Equal(got.Shape(), want.Shape) {
			t.Errorf("case %+v: shape %v, NumPy %v", c, got.Shape(), want.Shape)
			continue
		}
		if got.Len() == 0 {
			continue // strides and offset of an empty view are arbitrary
		}
		for k := range got.NDim() {
			if got.Dim(k) > 1 && got.Stride(k) != want.Strides[k] {
				t.Errorf("case %+v: strides %v, NumPy %v", c, got.Strides(), want.Strides)
				break
			}
		}
		if got.Offset() != want.Offset {
			t.Errorf("case %+v: offset %d, NumPy %d", c, got.Offset(), want.Offset)
		}
		if b := hex.EncodeToString(got.ToBytes(ndview.COrder)); b != want.Bytes {
			t.Errorf("case %+v: bytes %s, NumPy %s", c, b, want.Bytes)
		}
	}
	t.Logf("outcomes: %v", kinds)
	if kinds["ok"] < n/4 || kinds["error contiguous"] == 0 || kinds["error size"] == 0 {
		t.Errorf("the random cases miss an outcome: %v", kinds)
	}
}

package peers

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/mat"
	"gorgonia.org/tensor"

	"github.com/ndview/ndview/ndview"
)

// TestPeersAgree checks that every implementation of an operation in the
// benchmarks computes the same result as ndview: a bar is worth nothing
// if the code behind it does something else.
func TestPeersAgree(t *testing.T) {
	d := setup(t)

	t.Run("Slice2D", func(t *testing.T) {
		w, err := d.region().IndexString("::2, 1:300")
		if err != nil {
			t.Fatal(err)
		}
		g, err := d.gt.Slice(tensor.S(0, n, 2), tensor.S(1, 300))
		if err != nil {
			t.Fatal(err)
		}
		checkTensor(t, w, g.(*tensor.Dense))
		m := d.dense.Slice(0, n, 0, n).(*mat.Dense).Slice(0, n, 1, 300)
		if r, c := m.Dims(); r != n || c != 299 || m.At(3, 4) != d.data[3*big+5] {
			t.Fatalf("gonum's slice is %dx%d with [3,4] = %v", r, c, m.At(3, 4))
		}
	})
	t.Run("Transpose", func(t *testing.T) {
		w := d.region().T()
		g := d.gregion().ShallowClone()
		if err := g.T(); err != nil {
			t.Fatal(err)
		}
		checkTensor(t, w, g)
		checkMatrix(t, w, d.dense.Slice(0, n, 0, n).T())
	})
	t.Run("Reshape", func(t *testing.T) {
		w, err := d.flat.Reshape(100, 10000)
		if err != nil {
			t.Fatal(err)
		}
		g := tensor.New(tensor.WithShape(n, n), tensor.WithBacking(d.data[:n*n])).ShallowClone()
		if err := g.Reshape(100, 10000); err != nil {
			t.Fatal(err)
		}
		checkTensor(t, w, g)
		checkMatrix(t, w, mat.NewDense(100, 10000, d.data[:n*n]))
	})
	t.Run("Sums", func(t *testing.T) {
		want := sumRange(d)
		for _, im := range slices.Concat(sumAtImpls, sumRunsImpls) {
			if got := im.f(d); got != want {
				t.Errorf("%s: sum %v, want %v", im.name, got, want)
			}
		}
	})
	t.Run("Copies", func(t *testing.T) {
		for l := contig; l <= transposed; l++ {
			want := d.srcView(l).Clone()
			for _, im := range copyImpls(d, l) {
				clear(d.dst)
				im.f(d)
				if !ndview.Equal(d.dstV, want) {
					t.Errorf("layout %d, %s: the destination differs from the source", l, im.name)
				}
			}
		}
	})
	t.Run("Records", func(t *testing.T) {
		want := make([]rec, nRecords)
		recordsRaw(d, want)
		if want[nRecords-1] != (rec{nRecords - 1, 2 * (nRecords - 1), float64(nRecords-1) / 3}) {
			t.Fatalf("the last record is %v", want[nRecords-1])
		}
		for _, im := range recordImpls {
			got := make([]rec, nRecords)
			im.f(d, got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: records differ:\n%s", im.name, diff)
			}
		}
	})
	t.Run("Messages", func(t *testing.T) {
		want := uint64(0)
		for i := range nRecords {
			want += uint64(i%7) + payload
		}
		for _, im := range messageImpls {
			if c, s := im.f(d); c != nRecords || s != want {
				t.Errorf("%s: %d messages, sum %d; want %d, %d", im.name, c, s, nRecords, want)
			}
		}
	})
}

// checkTensor checks that a gorgonia tensor has the view's shape and
// elements.
func checkTensor(t *testing.T, v ndview.View, g *tensor.Dense) {
	t.Helper()
	if !slices.Equal(v.Shape(), []int(g.Shape())) {
		t.Fatalf("shape %v, gorgonia %v", v.Shape(), g.Shape())
	}
	a, err := ndview.As[float64](v)
	if err != nil {
		t.Fatal(err)
	}
	for _, ij := range [][2]int{{0, 0}, {1, 2}, {v.Dim(0) - 1, v.Dim(1) - 1}, {v.Dim(0) / 2, v.Dim(1) / 3}} {
		x, err := g.At(ij[0], ij[1])
		if err != nil {
			t.Fatal(err)
		}
		if y := a.At(ij[0], ij[1]); x.(float64) != y {
			t.Fatalf("element %v: gorgonia %v, ndview %v", ij, x, y)
		}
	}
}

// checkMatrix checks that a gonum matrix has the view's shape and
// elements.
func checkMatrix(t *testing.T, v ndview.View, m mat.Matrix) {
	t.Helper()
	r, c := m.Dims()
	if !slices.Equal(v.Shape(), []int{r, c}) {
		t.Fatalf("shape %v, gonum %dx%d", v.Shape(), r, c)
	}
	a, err := ndview.As[float64](v)
	if err != nil {
		t.Fatal(err)
	}
	for _, ij := range [][2]int{{0, 0}, {1, 2}, {r - 1, c - 1}, {r / 2, c / 3}} {
		if x, y := m.At(ij[0], ij[1]), a.At(ij[0], ij[1]); x != y {
			t.Fatalf("element %v: gonum %v, ndview %v", ij, x, y)
		}
	}
}

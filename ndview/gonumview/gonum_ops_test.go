package gonumview_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/mat"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/ndview/gonumview"
)

// gvApprox compares gonum's results on adapted views with its results on
// copies: the same algorithm on the same numbers, so anything beyond
// rounding is a difference in what was read.
var gvApprox = cmpopts.EquateApprox(1e-12, 1e-12)

// gvOperand makes an r x c view of some format and layout; Matrix (or
// Vector) of it must give the kind named.
type gvOperand struct {
	name string
	kind string // "dense", "transpose" or "view"
	view func(t *testing.T, r, c int) ndview.View
	ro   bool // made read-only once filled
}

var gvOperands = []gvOperand{
	{"Dense/C order", "dense", func(t *testing.T, r, c int) ndview.View { return gvMake(t, "d", r, c) }, false},
	{"Dense/rows ::3 of a wider view", "dense", func(t *testing.T, r, c int) ndview.View {
		return gvIdx(t, gvMake(t, "d", 3*r, c+4), "::3, 2:-2")
	}, false},
	{"Dense/gonum sub-matrix", "dense", func(t *testing.T, r, c int) ndview.View {
		return must(gonumview.FromDense(mat.NewDense(r+1, c+2, nil).Slice(1, r+1, 2, c+2).(*mat.Dense)))
	}, false},
	{"Transpose/Fortran order", "transpose", func(t *testing.T, r, c int) ndview.View {
		return must(ndview.NewFortran(gvAligned(8*r*c), "d", r, c))
	}, false},
	{"Transpose/transposed step-sliced view", "transpose", func(t *testing.T, r, c int) ndview.View {
		return gvIdx(t, gvMake(t, "d", 2*c, r+2), "::2, 1:-1").T()
	}, false},
	{"MatrixView/foreign float64", "view", func(t *testing.T, r, c int) ndview.View { return gvMake(t, gvForeign()+"d", r, c) }, false},
	{"MatrixView/float32 every other column", "view", func(t *testing.T, r, c int) ndview.View {
		return gvIdx(t, gvMake(t, "f", r, 2*c), ":, ::2")
	}, false},
	{"MatrixView/big-endian int16 rows reversed", "view", func(t *testing.T, r, c int) ndview.View {
		return gvFlip(t, gvMake(t, ">h", r, c), 0)
	}, false},
	{"MatrixView/int8 transposed", "view", func(t *testing.T, r, c int) ndview.View { return gvMake(t, "b", c, r).T() }, false},
	{"MatrixView/int64 columns reversed", "view", func(t *testing.T, r, c int) ndview.View {
		return gvFlip(t, gvMake(t, "<q", r, c), 1)
	}, false},
	{"MatrixView/half", "view", func(t *testing.T, r, c int) ndview.View { return gvMake(t, "e", r, c) }, false},
	{"MatrixView/read-only float64", "view", func(t *testing.T, r, c int) ndview.View { return gvMake(t, "d", r, c) }, true},
	{"MatrixView/misaligned float64", "view", func(t *testing.T, r, c int) ndview.View {
		return gvStrided(t, gvAligned(8*r*c+4), "d", []int{r, c}, []int{8 * c, 8}, 4)
	}, false},
}

// gvAdapt returns src's values in a view made by op, as Matrix gives it.
func gvAdapt(t *testing.T, op gvOperand, src *mat.Dense) mat.Matrix {
	t.Helper()
	r, c := src.Dims()
	v := op.view(t, r, c)
	if err := cast.Convert(v, must(gonumview.FromDense(src))); err != nil {
		t.Fatalf("%s: filling the view: %v", op.name, err)
	}
	if op.ro {
		v = v.AsReadOnly()
	}
	m, err := gonumview.Matrix(v)
	if err != nil {
		t.Fatalf("%s: Matrix: %v", op.name, err)
	}
	var kind string
	switch m.(type) {
	case *mat.Dense:
		kind = "dense"
	case mat.Transpose:
		kind = "transpose"
	case *gonumview.MatrixView:
		kind = "view"
	}
	if kind != op.kind {
		t.Fatalf("%s: Matrix gave a %T; want %s", op.name, m, op.kind)
	}
	if !cmp.Equal(gvRows(m), gvRows(src)) {
		t.Fatalf("%s: the view holds %v; want %v", op.name, gvRows(m), gvRows(src))
	}
	return m
}

// gvInts returns an r x c matrix of integers in [-k, k], which every
// operand's format holds exactly.
func gvInts(rng *rand.Rand, r, c, k int) *mat.Dense {
	m := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			m.Set(i, j, float64(rng.IntN(2*k+1)-k))
		}
	}
	return m
}

// gvDominant returns an n x n strictly diagonally dominant integer
// matrix: well conditioned, and held exactly by every operand's format.
func gvDominant(rng *rand.Rand, n int) *mat.Dense {
	m := gvInts(rng, n, n, 3)
	for i := range n {
		d := float64(3*n + 1 + rng.IntN(4))
		if rng.IntN(2) == 0 {
			d = -d
		}
		m.Set(i, i, d)
	}
	return m
}

// gvOut returns a zeroed r x c Dense over every other row of a view one
// column wider, and the whole view, to check that gonum wrote only
// inside the Dense.
func gvOut(t *testing.T, r, c int) (*mat.Dense, ndview.View, ndview.View) {
	t.Helper()
	whole := gvMake(t, "d", 2*r, c+1)
	v := gvIdx(t, whole, "::2, 1:")
	d, err := gonumview.Dense(v)
	if err != nil {
		t.Fatal(err)
	}
	if d.RawMatrix().Stride != 2*(c+1) {
		t.Fatalf("output Stride %d", d.RawMatrix().Stride)
	}
	return d, v, whole
}

// gvCheckOut checks that the output view holds want and that the rest of
// whole is still zero.
func gvCheckOut(t *testing.T, what string, v, whole ndview.View, want mat.Matrix) {
	t.Helper()
	if got := gvViewRows(t, v); !cmp.Equal(got, gvRows(want), gvApprox) {
		t.Fatalf("%s: the output view holds %v; want %v", what, got, gvRows(want))
	}
	for i := range whole.Dim(0) {
		for j := range whole.Dim(1) {
			if (i%2 == 1 || j == 0) && gvVal(t, whole, i, j) != 0 {
				t.Fatalf("%s: gonum wrote outside the output: element (%d, %d) of the whole view is %v", what, i, j, gvVal(t, whole, i, j))
			}
		}
	}
}

func TestMul(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, opA := range gvOperands {
		for _, opB := range gvOperands {
			t.Run(opA.name+"*"+opB.name, func(t *testing.T) {
				srcA, srcB := gvInts(rng, 4, 5, 9), gvInts(rng, 5, 3, 9)
				a, b := gvAdapt(t, opA, srcA), gvAdapt(t, opB, srcB)
				got, v, whole := gvOut(t, 4, 3)
				got.Mul(a, b)
				var want mat.Dense
				want.Mul(mat.DenseCopyOf(a), mat.DenseCopyOf(b))
				if !cmp.Equal(gvRows(got), gvRows(&want), gvApprox) {
					t.Fatalf("Mul = %v; on copies %v", gvRows(got), gvRows(&want))
				}
				var exact mat.Dense
				exact.Mul(srcA, srcB)
				if !cmp.Equal(gvRows(got), gvRows(&exact), gvApprox) {
					t.Fatalf("Mul = %v; of the sources %v", gvRows(got), gvRows(&exact))
				}
				gvCheckOut(t, "Mul", v, whole, &want)

				// The transposes of adapted matrices multiply too.
				var gotT, wantT mat.Dense
				gotT.Mul(b.T(), a.T())
				wantT.Mul(mat.DenseCopyOf(b).T(), mat.DenseCopyOf(a).T())
				if !cmp.Equal(gvRows(&gotT), gvRows(&wantT), gvApprox) {
					t.Fatalf("Bᵀ Aᵀ = %v; on copies %v", gvRows(&gotT), gvRows(&wantT))
				}
			})
		}
	}
}

func TestSolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n = 5
	for _, opA := range gvOperands {
		for _, opB := range gvOperands {
			t.Run(opA.name+"\\"+opB.name, func(t *testing.T) {
				a, b := gvAdapt(t, opA, gvDominant(rng, n)), gvAdapt(t, opB, gvInts(rng, n, 2, 9))
				got, v, whole := gvOut(t, n, 2)
				if err := got.Solve(a, b); err != nil {
					t.Fatal(err)
				}
				var want mat.Dense
				if err := want.Solve(mat.DenseCopyOf(a), mat.DenseCopyOf(b)); err != nil {
					t.Fatal(err)
				}
				if !cmp.Equal(gvRows(got), gvRows(&want), gvApprox) {
					t.Fatalf("Solve = %v; on copies %v", gvRows(got), gvRows(&want))
				}
				gvCheckOut(t, "Solve", v, whole, &want)
				// And it is a solution: A X = B.
				var ax mat.Dense
				ax.Mul(a, got)
				if !cmp.Equal(gvRows(&ax), gvRows(b), cmpopts.EquateApprox(0, 1e-9)) {
					t.Fatalf("A X = %v; B = %v", gvRows(&ax), gvRows(b))
				}
			})
		}
	}
}

func TestSVD(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, op := range gvOperands {
		for _, shape := range [][2]int{{6, 4}, {3, 5}} {
			t.Run(fmt.Sprintf("%s/%dx%d", op.name, shape[0], shape[1]), func(t *testing.T) {
				a := gvAdapt(t, op, gvInts(rng, shape[0], shape[1], 9))
				var got, want mat.SVD
				if !got.Factorize(a, mat.SVDThin) {
					t.Fatal("Factorize of the adapted matrix failed")
				}
				if !want.Factorize(mat.DenseCopyOf(a), mat.SVDThin) {
					t.Fatal("Factorize of the copy failed")
				}
				if g, w := got.Values(nil), want.Values(nil); !cmp.Equal(g, w, gvApprox) {
					t.Fatalf("singular values %v; on the copy %v", g, w)
				}
				var gu, wu, gv, wv mat.Dense
				got.UTo(&gu)
				want.UTo(&wu)
				got.VTo(&gv)
				want.VTo(&wv)
				if !cmp.Equal(gvRows(&gu), gvRows(&wu), gvApprox) || !cmp.Equal(gvRows(&gv), gvRows(&wv), gvApprox) {
					t.Fatalf("U, V = %v, %v; on the copy %v, %v", gvRows(&gu), gvRows(&gv), gvRows(&wu), gvRows(&wv))
				}
				// U Σ Vᵀ gives A back.
				var us, usv mat.Dense
				us.Mul(&gu, mat.NewDiagDense(len(got.Values(nil)), got.Values(nil)))
				usv.Mul(&us, gv.T())
				if !cmp.Equal(gvRows(&usv), gvRows(a), cmpopts.EquateApprox(0, 1e-9)) {
					t.Fatalf("U Σ Vᵀ = %v; A = %v", gvRows(&usv), gvRows(a))
				}
			})
		}
	}
}

func TestInverseDetNorm(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const n = 4
	for _, op := range gvOperands {
		t.Run(op.name, func(t *testing.T) {
			a := gvAdapt(t, op, gvDominant(rng, n))
			c := mat.DenseCopyOf(a)
			got, v, whole := gvOut(t, n, n)
			if err := got.Inverse(a); err != nil {
				t.Fatal(err)
			}
			var want mat.Dense
			if err := want.Inverse(c); err != nil {
				t.Fatal(err)
			}
			if !cmp.Equal(gvRows(got), gvRows(&want), gvApprox) {
				t.Fatalf("Inverse = %v; on the copy %v", gvRows(got), gvRows(&want))
			}
			gvCheckOut(t, "Inverse", v, whole, &want)
			scalars := map[string][2]float64{
				"Det":          {mat.Det(a), mat.Det(c)},
				"Trace":        {mat.Trace(a), mat.Trace(c)},
				"Norm 1":       {mat.Norm(a, 1), mat.Norm(c, 1)},
				"Norm 2":       {mat.Norm(a, 2), mat.Norm(c, 2)},
				"Norm Inf":     {mat.Norm(a, math.Inf(1)), mat.Norm(c, math.Inf(1))},
				"Sum":          {mat.Sum(a), mat.Sum(c)},
				"Max":          {mat.Max(a), mat.Max(c)},
				"Min":          {mat.Min(a), mat.Min(c)},
				"Cond 2":       {mat.Cond(a, 2), mat.Cond(c, 2)},
				"Det of Aᵀ":    {mat.Det(a.T()), mat.Det(c)},
				"Norm 1 of Aᵀ": {mat.Norm(a.T(), 1), mat.Norm(c, math.Inf(1))},
			}
			for name, p := range scalars {
				if !cmp.Equal(p[0], p[1], gvApprox) {
					t.Errorf("%s = %v; on the copy %v", name, p[0], p[1])
				}
			}
			var sum, wantSum mat.Dense
			sum.Add(a, a.T())
			wantSum.Add(c, c.T())
			if !cmp.Equal(gvRows(&sum), gvRows(&wantSum)) {
				t.Fatalf("A + Aᵀ = %v; on the copy %v", gvRows(&sum), gvRows(&wantSum))
			}
		})
	}
}

// gvVecOperands make 1-D views of n elements.
var gvVecOperands = []struct {
	name  string
	dense bool // Vector gives a *mat.VecDense
	view  func(t *testing.T, n int) ndview.View
	ro    bool
}{
	{"VecDense/contiguous", true, func(t *testing.T, n int) ndview.View { return gvMake(t, "d", n) }, false},
	{"VecDense/every other", true, func(t *testing.T, n int) ndview.View { return gvIdx(t, gvMake(t, "d", 2*n), "1::2") }, false},
	{"VecDense/column of a matrix", true, func(t *testing.T, n int) ndview.View { return gvIdx(t, gvMake(t, "d", n, 3), ":, 2") }, false},
	{"VectorView/reversed", false, func(t *testing.T, n int) ndview.View { return gvFlip(t, gvMake(t, "d", n), 0) }, false},
	{"VectorView/foreign int32", false, func(t *testing.T, n int) ndview.View { return gvMake(t, gvForeign()+"i", n) }, false},
	{"VectorView/read-only half", false, func(t *testing.T, n int) ndview.View { return gvMake(t, "e", n) }, true},
	{"VectorView/misaligned float64", false, func(t *testing.T, n int) ndview.View {
		return gvStrided(t, gvAligned(8*n+3), "d", []int{n}, []int{8}, 3)
	}, false},
}

func TestMulVecAndDot(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	const r, c = 4, 6
	for _, opA := range gvOperands {
		for _, opX := range gvVecOperands {
			t.Run(opA.name+"*"+opX.name, func(t *testing.T) {
				a := gvAdapt(t, opA, gvInts(rng, r, c, 9))
				src := gvInts(rng, c, 1, 9).ColView(0)
				v := opX.view(t, c)
				if err := cast.Convert(v, must(gonumview.FromVecDense(src.(*mat.VecDense)))); err != nil {
					t.Fatal(err)
				}
				if opX.ro {
					v = v.AsReadOnly()
				}
				x, err := gonumview.Vector(v)
				if err != nil {
					t.Fatal(err)
				}
				if _, isDense := x.(*mat.VecDense); isDense != opX.dense {
					t.Fatalf("Vector gave a %T", x)
				}
				whole := gvMake(t, "d", 2*r)
				out := gvIdx(t, whole, "::2")
				y, err := gonumview.VecDense(out)
				if err != nil {
					t.Fatal(err)
				}
				y.MulVec(a, x)
				var want mat.VecDense
				want.MulVec(mat.DenseCopyOf(a), mat.VecDenseCopyOf(x))
				if !cmp.Equal(gvVecSlice(y), gvVecSlice(&want), gvApprox) {
					t.Fatalf("MulVec = %v; on copies %v", gvVecSlice(y), gvVecSlice(&want))
				}
				for i := range 2 * r {
					w := 0.0
					if i%2 == 0 {
						w = want.AtVec(i / 2)
					}
					if got := gvVal(t, whole, i); !cmp.Equal(got, w, gvApprox) {
						t.Fatalf("element %d of the output's buffer view is %v; want %v", i, got, w)
					}
				}
				if got, want := mat.Dot(x, x), mat.Dot(src, src); !cmp.Equal(got, want, gvApprox) {
					t.Fatalf("Dot = %v; on the source %v", got, want)
				}
			})
		}
	}
}

func gvVecSlice(x mat.Vector) []float64 {
	out := make([]float64, x.Len())
	for i := range out {
		out[i] = x.AtVec(i)
	}
	return out
}

// gvFill32 fills a writable float32 view with quarters, exact in float32.
func gvFill32(t *testing.T, rng *rand.Rand, v ndview.View) {
	t.Helper()
	for i := range v.Dim(0) {
		for j := range v.Dim(1) {
			gvSet(t, v, float64(rng.IntN(33)-16)/4, i, j)
		}
	}
}

func TestGemm32(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	cases := []struct {
		name   string
		tA, tB blas.Transpose
		a, b   func(t *testing.T) ndview.View // as stored: op(a) is 4x5, op(b) 5x3
	}{
		{"NoTrans NoTrans", blas.NoTrans, blas.NoTrans,
			func(t *testing.T) ndview.View { return gvMake(t, "f", 4, 5) },
			func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "f", 10, 6), "::2, 2:5") }},
		{"Trans NoTrans", blas.Trans, blas.NoTrans,
			func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "f", 5, 9), ":, 3:7") },
			func(t *testing.T) ndview.View { return gvMake(t, "f", 5, 3) }},
		{"NoTrans Trans", blas.NoTrans, blas.Trans,
			func(t *testing.T) ndview.View {
				return gvStrided(t, gvAligned(4*4*6+4), "f", []int{4, 5}, []int{24, 4}, 4)
			},
			func(t *testing.T) ndview.View { return gvIdx(t, gvMake(t, "f", 6, 5), "::2") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			av, bv := tc.a(t), tc.b(t)
			gvFill32(t, rng, av)
			gvFill32(t, rng, bv)
			a, err := gonumview.General32(av)
			if err != nil {
				t.Fatal(err)
			}
			b, err := gonumview.General32(bv)
			if err != nil {
				t.Fatal(err)
			}
			whole := gvMake(t, "f", 8, 4)
			cv := gvIdx(t, whole, "1::2, 1:")
			c, err := gonumview.General32(cv)
			if err != nil {
				t.Fatal(err)
			}
			blas32.Gemm(tc.tA, tc.tB, 1, a, b, 0, c)

			ad, bd := must(gonumview.CopyDense(av)), must(gonumview.CopyDense(bv))
			var opA, opB mat.Matrix = ad, bd
			if tc.tA == blas.Trans {
				opA = ad.T()
			}
			if tc.tB == blas.Trans {
				opB = bd.T()
			}
			var want mat.Dense
			want.Mul(opA, opB)
			if got := gvViewRows(t, cv); !cmp.Equal(got, gvRows(&want), gvApprox) {
				t.Fatalf("Gemm wrote %v; want %v", got, gvRows(&want))
			}
			for i := range 8 {
				for j := range 4 {
					if (i%2 == 0 || j == 0) && gvVal(t, whole, i, j) != 0 {
						t.Fatalf("Gemm wrote outside C: element (%d, %d) is %v", i, j, gvVal(t, whole, i, j))
					}
				}
			}
		})
	}
}

func TestBlas32Vectors(t *testing.T) {
	xv := gvIdx(t, gvMake(t, "f", 10), "::2")
	whole := gvMake(t, "f", 15)
	yv := gvIdx(t, whole, "1::3")
	for i := range 5 {
		gvSet(t, xv, float64(i)+0.5, i)
		gvSet(t, yv, float64(-i), i)
	}
	x, err := gonumview.Vec32(xv)
	if err != nil {
		t.Fatal(err)
	}
	y, err := gonumview.Vec32(yv)
	if err != nil {
		t.Fatal(err)
	}
	if got := blas32.Dot(x, y); got != -(0*0.5 + 1*1.5 + 2*2.5 + 3*3.5 + 4*4.5) {
		t.Fatalf("Dot = %v", got)
	}
	blas32.Axpy(2, x, y) // y += 2x
	for i := range 15 {
		want := 0.0
		if i%3 == 1 {
			k := float64(i / 3)
			want = -k + 2*(k+0.5)
		}
		if got := gvVal(t, whole, i); got != want {
			t.Fatalf("after Axpy element %d of y's buffer is %v; want %v", i, got, want)
		}
	}
	blas32.Scal(-1, x)
	for i := range 5 {
		if got := gvVal(t, xv, i); got != -(float64(i) + 0.5) {
			t.Fatalf("after Scal x[%d] = %v", i, got)
		}
	}
}

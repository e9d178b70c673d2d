package peers

import (
	"encoding/binary"
	"runtime"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gorgonia.org/tensor"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// The data of the operation benchmarks, the same as ndview's own
// benchmarks and the Python peers' (../python/peers.py): a 2000x2000
// float64 matrix whose element k is (k%1000)*0.5, of which the 1000x1000
// top-left corner is the view that is sliced, transposed and copied.
const (
	n   = 1000
	big = 2000
)

// shared is the one copy of the matrix that every implementation reads:
// gonum, gorgonia and ndview all wrap the same []float64, so every bar of
// the report reads the same bytes from the same pages.
type shared struct {
	data    []float64      // 2000x2000
	buf     []byte         // data's bytes
	view    ndview.View    // 2000x2000 "<d" over buf
	dense   *mat.Dense     // 2000x2000 over data
	gt      *tensor.Dense  // 2000x2000 over data
	dst     []float64      // a contiguous 1000x1000 destination
	dstV    ndview.View    // over dst
	dstD    *mat.Dense     // over dst
	dstT    *tensor.Dense  // over dst
	recs    []byte         // nRecords <IId records
	msgs    []byte         // nRecords framed messages
	recF    *format.Format // <IId
	reader  *format.Reader // reused by the ndview message parser
	payload []byte         // the binary parser's payload buffer
	flat    ndview.View    // the first 1000x1000 elements, C-contiguous
	flatA   ndview.Array[float64]
}

var (
	once sync.Once
	data shared
)

const (
	nRecords = 100_000
	payload  = 1024
)

// setup builds the shared data once: rebuilding 32 MB each time the
// testing package sizes b.N would leave the garbage collector working
// through the timed loops.
func setup(tb testing.TB) *shared {
	tb.Helper()
	once.Do(func() {
		d := &data
		d.data = make([]float64, big*big)
		for k := range d.data {
			d.data[k] = float64(k%1000) * 0.5
		}
		d.buf = cast.BytesOf(d.data)
		var err error
		if d.view, err = ndview.New(d.buf, "<d", big, big); err != nil {
			panic(err)
		}
		d.dense = mat.NewDense(big, big, d.data)
		d.gt = tensor.New(tensor.WithShape(big, big), tensor.WithBacking(d.data))
		d.dst = make([]float64, n*n)
		if d.dstV, err = ndview.New(cast.BytesOf(d.dst), "<d", n, n); err != nil {
			panic(err)
		}
		d.dstD = mat.NewDense(n, n, d.dst)
		d.dstT = tensor.New(tensor.WithShape(n, n), tensor.WithBacking(d.dst))
		if d.flat, err = ndview.New(d.buf[:8*n*n], "<d", n, n); err != nil {
			panic(err)
		}
		if d.flatA, err = ndview.As[float64](d.flat); err != nil {
			panic(err)
		}

		d.recF = format.MustParse("<IId")
		d.recs = make([]byte, 0, nRecords*d.recF.Size())
		for i := range nRecords {
			if d.recs, err = d.recF.AppendPack(d.recs, uint32(i), uint32(2*i), float64(i)/3); err != nil {
				panic(err)
			}
		}
		d.reader = format.NewReader(nil, format.LittleEndian)
		d.payload = make([]byte, payload)
		d.msgs = make([]byte, 0, nRecords*(8+payload))
		body := make([]byte, payload)
		for i := range nRecords {
			d.msgs = binary.LittleEndian.AppendUint32(d.msgs, uint32(i%7))
			d.msgs = binary.LittleEndian.AppendUint32(d.msgs, payload)
			d.msgs = append(d.msgs, body...)
		}
	})
	runtime.GC()
	return &data
}

// region is the 1000x1000 top-left corner of the big view.
func (d *shared) region() ndview.View {
	r, err := d.view.Index(ndview.Slice(0, n, 1), ndview.Slice(0, n, 1))
	if err != nil {
		panic(err)
	}
	return r
}

// gregion is region as a gorgonia view.
func (d *shared) gregion() *tensor.Dense {
	v, err := d.gt.Slice(tensor.S(0, n), tensor.S(0, n))
	if err != nil {
		panic(err)
	}
	return v.(*tensor.Dense)
}

// rec is one <IId record decoded.
type rec struct {
	A, B uint32
	C    float64
}

// Sinks keep results alive, so that the compiler cannot drop the work.
var (
	sinkView   ndview.View
	sinkFloat  float64
	sinkMatrix mat.Matrix
	sinkAny    any
	sinkInt    int
)

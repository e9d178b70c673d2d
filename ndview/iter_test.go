package ndview_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/ndview"
)

// nvRun is a run as (offset in the buffer, length).
type nvRun struct{ Off, Len int }

func nvRuns(t testing.TB, v ndview.View) []nvRun {
	t.Helper()
	var out []nvRun
	for r := range v.Runs() {
		if cap(r) != len(r) {
			t.Errorf("run of %d bytes has capacity %d", len(r), cap(r))
		}
		if len(r) == 0 || len(r)%v.ItemSize() != 0 {
			t.Errorf("run of %d bytes for itemsize %d", len(r), v.ItemSize())
		}
		out = append(out, nvRun{nvOffsetIn(v.Buffer(), r), len(r)})
	}
	return out
}

func TestRunsExact(t *testing.T) {
	m := nvMust(ndview.New(nvSeq(64), "B", 3, 4))     // strides (4, 1)
	h := nvMust(ndview.New(nvSeq(64), "<h", 2, 3, 4)) // strides (24, 8, 2)
	idx := func(v ndview.View, s string) ndview.View { return nvMust(v.IndexString(s)) }
	for _, tc := range []struct {
		name string
		v    ndview.View
		want []nvRun
	}{
		{"C", m, []nvRun{{0, 12}}},
		{"C 3-d", h, []nvRun{{0, 48}}},
		{"row", idx(m, "1"), []nvRun{{4, 4}}},
		{"rows 1:", idx(m, "1:"), []nvRun{{4, 8}}},
		{"F", m.T(), []nvRun{{0, 1}, {4, 1}, {8, 1}, {1, 1}, {5, 1}, {9, 1}, {2, 1}, {6, 1}, {10, 1}, {3, 1}, {7, 1}, {11, 1}}},
		{"column block", idx(m, ":, :2"), []nvRun{{0, 2}, {4, 2}, {8, 2}}},
		{"column block 1:3", idx(m, ":, 1:3"), []nvRun{{1, 2}, {5, 2}, {9, 2}}},
		{"every other column", idx(m, ":, ::2"), []nvRun{{0, 1}, {2, 1}, {4, 1}, {6, 1}, {8, 1}, {10, 1}}},
		{"rows reversed", idx(m, "::-1"), []nvRun{{8, 4}, {4, 4}, {0, 4}}},
		{"columns reversed", idx(m, "1, ::-1"), []nvRun{{7, 1}, {6, 1}, {5, 1}, {4, 1}}},
		{"every other row", idx(m, "::2"), []nvRun{{0, 4}, {8, 4}}},
		{"3-d inner block", idx(h, ":, 1:, :"), []nvRun{{8, 16}, {32, 16}}},
		{"3-d middle slice", idx(h, ":, ::2, :"), []nvRun{{0, 8}, {16, 8}, {24, 8}, {40, 8}}},
		{"3-d inner step", idx(h, "1, 2, ::3"), []nvRun{{40, 2}, {46, 2}}},
		{"new axes", idx(m, "None, :, None, :"), []nvRun{{0, 12}}},
		{"extent-1 odd stride", nvLayout(t, nvSeq(64), "B", []int{2, 1, 3}, []int{3, 50, 1}, 0), []nvRun{{0, 6}}},
		{"broadcast rows", nvMust(idx(m, "0").BroadcastTo(2, 4)), []nvRun{{0, 4}, {0, 4}}},
		{"zero inner stride", nvLayout(t, nvSeq(8), "<h", []int{2, 3}, []int{2, 0}, 0), []nvRun{{0, 2}, {0, 2}, {0, 2}, {2, 2}, {2, 2}, {2, 2}}},
		{"0-d", idx(m, "2, 1"), []nvRun{{9, 1}}},
		{"empty", idx(m, ":, 4:"), nil},
		{"empty leading", idx(m, "3:"), nil},
		{"offset", nvLayout(t, nvSeq(64), "<h", []int{2, 2}, nil, 5), []nvRun{{5, 8}}},
	} {
		got := nvRuns(t, tc.v)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: runs (-want +got):\n%s", tc.name, diff)
		}
		var cat []byte
		for r := range tc.v.Runs() {
			cat = append(cat, r...)
		}
		if diff := cmp.Diff(tc.v.ToBytes(ndview.COrder), cat, cmp.Comparer(bytes.Equal)); diff != "" {
			t.Errorf("%s: concatenated runs differ from ToBytes(C):\n%s", tc.name, diff)
		}
	}
	// A run is the buffer's memory: writing through it writes the view.
	v := nvMust(ndview.New(nvSeq(12), "B", 3, 4))
	for r := range nvMust(v.IndexString(":, 1:3")).Runs() {
		r[0] = 0xFF
	}
	if x, _ := v.Value(2, 1); x != uint64(0xFF) {
		t.Errorf("write through a run: %v", x)
	}
	// Stopping early.
	n := 0
	for range m.T().Runs() {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("break after %d runs", n)
	}
	// The zero View has no runs.
	if got := nvRuns(t, ndview.View{}); got != nil {
		t.Errorf("zero View runs: %v", got)
	}
}

// For random layouts, the runs together are ToBytes(C) and no two
// consecutive runs could have been merged by the layout's own structure:
// each run is as long as the trailing dimensions that lie back to back.
func TestRunsRandom(t *testing.T) {
	r := nvRand(5)
	for range 2000 {
		buf, l := nvRandLayout(r, []string{"B", "<h", "<i", "<d", "3s"}[r.IntN(5)], 5, 4)
		v := nvMust(ndview.FromLayout(buf, l))
		var cat []byte
		runs := 0
		total := 0
		for run := range v.Runs() {
			cat = append(cat, run...)
			runs++
			total += len(run)
		}
		if !bytes.Equal(cat, nvRefBytes(v)) {
			t.Fatalf("%v: concatenated runs differ from the elements", nvGeom(v))
		}
		if total != v.NBytes() {
			t.Fatalf("%v: runs hold %d bytes, want %d", nvGeom(v), total, v.NBytes())
		}
		// The expected run length: the trailing back-to-back dimensions.
		want := v.ItemSize()
		shape, strides := v.Shape(), v.Strides()
		for k := len(shape) - 1; k >= 0; k-- {
			if shape[k] == 1 {
				continue
			}
			if strides[k] != want {
				break
			}
			want *= shape[k]
		}
		if v.Len() > 0 && runs != v.NBytes()/want {
			t.Fatalf("%v: %d runs, want %d of %d bytes", nvGeom(v), runs, v.NBytes()/want, want)
		}
		if v.IsCContiguous() && v.Len() > 0 && runs != 1 {
			t.Fatalf("%v: C-contiguous view in %d runs", nvGeom(v), runs)
		}
	}
}

func TestItems(t *testing.T) {
	v := nvMust(nvMust(ndview.New(nvSeq(24), "<h", 3, 4)).IndexString("::-1, 1::2"))
	var got [][]byte
	for it := range v.Items() {
		if len(it) != 2 || cap(it) != 2 {
			t.Errorf("item len %d cap %d", len(it), cap(it))
		}
		got = append(got, it)
	}
	want := [][]byte{{18, 19}, {22, 23}, {10, 11}, {14, 15}, {2, 3}, {6, 7}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	got[0][0] = 0xAA
	if v.Buffer()[18] != 0xAA {
		t.Error("items are not the buffer's memory")
	}
	n := 0
	for range v.Items() {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("break after %d items", n)
	}
	for range nvMust(v.IndexString(":0")).Items() {
		t.Error("empty view has items")
	}
	z := 0
	for it := range nvMust(v.IndexString("0, 0")).Items() {
		z++
		if !cmp.Equal(it, []byte{0xAA, 19}) {
			t.Errorf("0-d item %v", it)
		}
	}
	if z != 1 {
		t.Errorf("0-d view has %d items", z)
	}
	// Broadcast: repeated items.
	b := nvMust(nvMust(ndview.New(nvSeq(4), "<h", 2)).BroadcastTo(3, 2))
	var bs []byte
	for it := range b.Items() {
		bs = append(bs, it...)
	}
	if diff := cmp.Diff([]byte{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, bs); diff != "" {
		t.Errorf("broadcast items:\n%s", diff)
	}
}

func TestAllIndices(t *testing.T) {
	v := nvArange(t, "<i", 2, 3).T() // (3,2)
	var idxs [][]int
	var vals []int32
	for idx, b := range v.All() {
		idxs = append(idxs, slices.Clone(idx))
		if len(b) != 4 || cap(b) != 4 {
			t.Errorf("element bytes len %d cap %d", len(b), cap(b))
		}
		vals = append(vals, int32(b[0]))
		if !bytes.Equal(b, v.Item(idx...)) {
			t.Errorf("All's bytes at %v differ from Item", idx)
		}
	}
	if diff := cmp.Diff([][]int{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {2, 1}}, idxs); diff != "" {
		t.Errorf("indices (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int32{0, 3, 1, 4, 2, 5}, vals); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	// 0-d: one element with an empty index.
	n := 0
	for idx, b := range nvMust(v.IndexString("2, 1")).All() {
		n++
		if len(idx) != 0 || b[0] != 5 {
			t.Errorf("0-d All: %v %v", idx, b)
		}
	}
	if n != 1 {
		t.Errorf("0-d All yields %d", n)
	}
	for range nvMust(v.IndexString("3:")).All() {
		t.Error("empty view yields elements")
	}
	n = 0
	for range v.All() {
		n++
		if n == 4 {
			break
		}
	}
	if n != 4 {
		t.Errorf("break after %d", n)
	}
	// A 6-d view walks every index once, in C order.
	h := nvMust(nvArange(t, "B", 2, 1, 2, 3, 1, 2).Flip(3))
	var prev []int
	count := 0
	for idx, b := range h.All() {
		if prev != nil && slices.Compare(prev, idx) >= 0 {
			t.Fatalf("indices not increasing: %v then %v", prev, idx)
		}
		if !bytes.Equal(b, h.Item(idx...)) {
			t.Fatalf("6-d All bytes at %v", idx)
		}
		prev = slices.Clone(idx)
		count++
	}
	if count != h.Len() {
		t.Errorf("6-d All yields %d of %d", count, h.Len())
	}
}

// The iterators allocate nothing when ranged over directly (each returns
// a small closure that inlines into the range loop and so stays on the
// caller's stack), except View.All, which may allocate its index slice,
// and the Chunks of a non-direct Array, which allocates its scratch.
func TestIteratorAllocs(t *testing.T) {
	v := nvMust(nvArange(t, "<d", 30, 40).IndexString("::2, ::-3"))
	a := ndview.MustAs[float64](v)
	c := ndview.MustAs[float64](nvArange(t, "<d", 30, 40)) // Direct: Chunks yields the view's memory
	s := ndview.MustAs[float64](nvArange(t, ">d", 30, 40)) // swapped: Chunks decodes into scratch
	per := func(name string, want float64, f func()) {
		t.Helper()
		if n := testing.AllocsPerRun(20, f); n > want {
			t.Errorf("%s allocates %v times per iteration over %d elements, want at most %v", name, n, v.Len(), want)
		}
	}
	per("Runs", 0, func() {
		for range v.Runs() {
		}
	})
	per("Items", 0, func() {
		for range v.Items() {
		}
	})
	per("All", 1, func() {
		for range v.All() {
		}
	})
	for _, x := range []struct {
		name   string
		a      ndview.Array[float64]
		allocs float64
	}{{"strided", a, 0}, {"direct", c, 0}, {"swapped", s, 1}} {
		per("Array.All "+x.name, x.allocs, func() {
			for range x.a.All() {
			}
		})
		per("Array.Chunks "+x.name, x.allocs, func() {
			for range x.a.Chunks() {
			}
		})
	}
}

package ndview_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
)

// A View is a value, and its stream methods have value receivers.
var (
	_ io.WriterTo   = ndview.View{}
	_ io.ReaderFrom = ndview.View{}
)

// stStreamFormats are the formats the stream tests run over: every
// itemsize from 1 to 16 bytes that the layouts care about.
var stStreamFormats = []string{"B", "<h", "<i", "<d", "<Zd", "3s"}

// stFillRandom fills buf with bytes from a generator seeded with seed.
func stFillRandom(buf []byte, seed uint64) {
	var key [32]byte
	key[0], key[1] = byte(seed), byte(seed>>8)
	rand.NewChaCha8(key).Read(buf)
}

// stViews returns views in every layout class WriteTo and ReadFrom treat
// differently, each over its own buffer of random bytes: C-contiguous
// (one Write), runs of 16 KiB and more (uncopied on every writer and
// reader), runs of 512 B to 16 KiB (uncopied with writev on sockets, in
// more than one batch, else gathered), shorter runs (gathered), broadcast,
// overlapping, 0-d, empty and more than four dimensions. The sizes keep
// the byte counts about the same for every itemsize.
func stViews(t testing.TB, fmtstr string) map[string]ndview.View {
	t.Helper()
	item := format.MustParse(fmtstr).Size()
	seed := uint64(item)
	fresh := func(shape ...int) ndview.View {
		v := nvMust(ndview.Make(fmtstr, shape...))
		seed++
		stFillRandom(v.Buffer(), seed)
		return v
	}
	idx := func(v ndview.View, s string) ndview.View { return nvMust(v.IndexString(s)) }
	out := nvCopyLayouts(t, fmtstr)
	for _, v := range out {
		seed++
		stFillRandom(v.Buffer(), seed)
	}
	// Rows of rl elements (runs of at least 520 bytes) with gaps.
	rl := (520 + item - 1) / item
	rows := fresh(60, rl+6)
	out["rows with gaps"] = idx(rows, fmt.Sprintf(":, 3:%d", 3+rl))
	out["rows reversed"] = idx(rows, fmt.Sprintf("::-1, 3:%d", 3+rl))
	out["rows stepped"] = idx(rows, fmt.Sprintf("::3, :%d", rl))
	out["rows flipped"] = nvMust(idx(rows, fmt.Sprintf(":, 3:%d", 3+rl)).Flip(0))
	out["rows of a 3-d view"] = idx(fresh(7, 30, rl+16), fmt.Sprintf("::2, 1:, 8:%d", 8+rl))
	sl := (64 + item - 1) / item // runs of 64 to 511 bytes
	out["short rows"] = idx(fresh(300, sl+3), fmt.Sprintf("::-1, 2:%d", 2+sl))
	ll := (16400 + item - 1) / item // runs of at least 16 KiB
	out["long rows"] = idx(fresh(4, ll+9), fmt.Sprintf(":, 4:%d", 4+ll))
	out["long rows reversed"] = idx(fresh(2, 2, ll+1), ":, ::-1, 1:")
	for name, v := range stBigViews(fmtstr) {
		out[name] = v
	}
	// Short runs: gathered, in more than one buffer for the long ones.
	out["column"] = idx(rows, ":, 5")
	out["long column"] = idx(fresh(70000/item+1, 2), ":, 1")
	out["every other column"] = idx(rows, ":, ::2")
	out["transposed"] = fresh(300/item+1, 257).T()
	out["transposed 3-d"] = nvMust(fresh(40, 30, 20).Transpose(2, 0, 1))
	// Blocks of more than 64 KiB under leading dimensions (2 of them).
	out["stack of transposes"] = nvMust(fresh(2, 2, 100, 700/item+1).Transpose(0, 1, 3, 2))
	out["last axis flipped"] = nvMust(fresh(50, 30).Flip(1))
	out["negative strides"] = idx(fresh(20, 9, 11), "::-2, ::-1, ::-3")
	out["five dims"] = idx(fresh(3, 4, 2, 5, 6), "..., ::-1, 1:")
	out["six dims transposed"] = fresh(2, 3, 2, 3, 2, 5).T()
	// Broadcasts are read-only; their zero strides repeat elements.
	out["ro: broadcast row"] = nvMust(fresh(100).BroadcastTo(40, 100))
	out["ro: broadcast column"] = nvMust(fresh(30, 1).BroadcastTo(30, 45))
	out["ro: broadcast scalar"] = nvMust(fresh().BroadcastTo(5, 7))
	out["ro: read-only rows"] = idx(rows, "1::2, 2:66").AsReadOnly()
	out["0-d"] = fresh()
	out["0-d inside"] = idx(fresh(4, 5), "2, 3")
	out["empty"] = fresh(0, 5)
	out["empty strided"] = idx(rows, "5:5, ::2")
	out["one element"] = idx(rows, "7:8, 9:10")
	// A writable view whose elements overlap: zero and short strides.
	over := fresh(64)
	out["overlapping zero stride"] = nvLayout(t, over.Buffer(), fmtstr, []int{3, 4}, []int{item, 0}, 0)
	out["overlapping rows"] = nvLayout(t, over.Buffer(), fmtstr, []int{5, 40}, []int{3 * item, item}, item)
	return out
}

var (
	stBigMu    sync.Mutex
	stBigCache = map[string]map[string]ndview.View{}
)

// stBigViews returns the large views of stViews, whose names start with
// "big:", built once per format and shared: tests must not write to them
// (and the read tests leave them out). "big: many rows" has runs of 520
// bytes or more, 1100 of them, more than one batch of 1024; "big: huge
// runs", for "B" only, has 4 runs of 1.5 MiB, so that its first batch
// ends on its size (4 MiB), after 3 runs.
func stBigViews(fmtstr string) map[string]ndview.View {
	stBigMu.Lock()
	defer stBigMu.Unlock()
	if m, ok := stBigCache[fmtstr]; ok {
		return m
	}
	item := format.MustParse(fmtstr).Size()
	rl := (520 + item - 1) / item
	rows := nvMust(ndview.Make(fmtstr, 1100, rl+6))
	stFillRandom(rows.Buffer(), 3)
	m := map[string]ndview.View{
		"big: many rows":          nvMust(rows.IndexString(fmt.Sprintf(":, 3:%d", 3+rl))),
		"big: many rows reversed": nvMust(rows.IndexString(fmt.Sprintf("::-1, 3:%d", 3+rl))),
	}
	if fmtstr == "B" {
		huge := nvMust(ndview.Make(fmtstr, 4, 3<<19+2))
		stFillRandom(huge.Buffer(), 4)
		m["big: huge runs"] = nvMust(huge.IndexString(":, 1:-1"))
	}
	stBigCache[fmtstr] = m
	return m
}

// stSortedNames returns the keys of m in order, for reproducible runs.
func stSortedNames(m map[string]ndview.View) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// stRandomViews returns random valid layouts, zero, negative and
// overlapping strides included.
func stRandomViews(fmtstr string, n int) []ndview.View {
	r := nvRand(uint64(len(fmtstr)) * 977)
	out := make([]ndview.View, 0, n)
	for range n {
		buf, l := nvRandLayout(r, fmtstr, 5, 7)
		stFillRandom(buf, r.Uint64())
		out = append(out, nvMust(ndview.FromLayout(buf, l)))
	}
	return out
}

// stTCPPair returns the two ends of a TCP connection on the loopback
// interface, closed when the test ends.
func stTCPPair(t testing.TB) (client, server *net.TCPConn) {
	t.Helper()
	c, s := stConnPair(t, "tcp")
	return c.(*net.TCPConn), s.(*net.TCPConn)
}

// stStreamConn is what the tests need of a stream socket.
type stStreamConn interface {
	net.Conn
	CloseWrite() error
}

// stConnPair returns the two ends of a stream connection on the loopback
// interface ("tcp") or a socket file ("unix"), closed when the test ends.
// It skips the test if the network is not available.
func stConnPair(t testing.TB, network string) (client, server stStreamConn) {
	t.Helper()
	addr := "127.0.0.1:0"
	if network == "unix" {
		addr = t.TempDir() + "/s"
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		t.Skipf("no %s sockets: %v", network, err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			c = nil
		}
		accepted <- c
	}()
	c, err := net.Dial(network, ln.Addr().String())
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	s := <-accepted
	if s == nil {
		c.Close()
		t.Fatal("accept failed")
	}
	t.Cleanup(func() {
		c.Close()
		s.Close()
	})
	return c.(stStreamConn), s.(stStreamConn)
}

// stTimeout bounds every network test so that a bug hangs no test.
const stTimeout = 20 * time.Second

// stCheckWrite writes v with WriteTo into a bytes.Buffer and compares
// the result with ToBytes(COrder).
func stCheckWrite(t *testing.T, name string, v ndview.View) {
	t.Helper()
	want := v.ToBytes(ndview.COrder)
	var got bytes.Buffer
	n, err := v.WriteTo(&got)
	if err != nil || n != int64(len(want)) {
		t.Errorf("%s: WriteTo = %d, %v; want %d, nil", name, n, err, len(want))
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("%s: WriteTo wrote %d bytes that differ from ToBytes(COrder) (%d bytes)%s", name, got.Len(), len(want), stFirstDiff(got.Bytes(), want))
	}
}

func TestWriteToLayouts(t *testing.T) {
	for _, f := range stStreamFormats {
		views := stViews(t, f)
		for _, name := range stSortedNames(views) {
			stCheckWrite(t, f+": "+name, views[name])
		}
		for i, v := range stRandomViews(f, 300) {
			stCheckWrite(t, fmt.Sprintf("%s: random %d %v %v", f, i, v.Shape(), v.Strides()), v)
		}
	}
	var zero ndview.View
	if n, err := zero.WriteTo(&bytes.Buffer{}); n != 0 || err != nil {
		t.Errorf("zero View: WriteTo = %d, %v; want 0, nil", n, err)
	}
}

// TestWriteToFile writes every view, one after another, into a file and
// reads the file back.
func TestWriteToFile(t *testing.T) {
	for _, f := range stStreamFormats {
		file, err := os.CreateTemp(t.TempDir(), "ndview-*.bin")
		if err != nil {
			t.Fatal(err)
		}
		views := stViews(t, f)
		var want []byte
		for _, name := range stSortedNames(views) {
			v := views[name]
			n, err := v.WriteTo(file)
			if err != nil || n != int64(v.NBytes()) {
				t.Errorf("%s: %s: WriteTo(file) = %d, %v; want %d, nil", f, name, n, err, v.NBytes())
			}
			want = v.AppendBytes(want, ndview.COrder)
		}
		if err := file.Close(); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(file.Name())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the file holds %d bytes that differ from the views' ToBytes (%d bytes)%s", f, len(got), len(want), stFirstDiff(got, want))
		}
	}
}

// TestWriteToTCP writes every view, one after another, into a loopback
// TCP connection and a Unix socket (where long runs go out with writev),
// and compares what the other end receives view by view.
func TestWriteToTCP(t *testing.T) {
	for _, network := range []string{"tcp", "unix"} {
		for _, f := range stStreamFormats {
			stWriteConn(t, network, f)
		}
	}
}

func stWriteConn(t *testing.T, network, f string) {
	client, server := stConnPair(t, network)
	deadline := time.Now().Add(stTimeout)
	client.SetDeadline(deadline)
	server.SetDeadline(deadline)
	views := stViews(t, f)
	names := stSortedNames(views)
	type result struct {
		n   int64
		err error
	}
	results := make(chan []result, 1)
	go func() {
		var rs []result
		for _, name := range names {
			n, err := views[name].WriteTo(client)
			rs = append(rs, result{n, err})
		}
		client.CloseWrite()
		results <- rs
	}()
	got, err := io.ReadAll(server)
	if err != nil {
		t.Fatalf("%s: %s: reading the connection: %v", network, f, err)
	}
	rs := <-results
	for i, name := range names {
		v := views[name]
		want := v.ToBytes(ndview.COrder)
		if rs[i].err != nil || rs[i].n != int64(len(want)) {
			t.Errorf("%s: %s: %s: WriteTo(conn) = %d, %v; want %d, nil", network, f, name, rs[i].n, rs[i].err, len(want))
		}
		if len(got) < len(want) || !bytes.Equal(got[:len(want)], want) {
			t.Fatalf("%s: %s: %s: the connection received different bytes%s", network, f, name, stFirstDiff(got[:min(len(got), len(want))], want))
		}
		got = got[len(want):]
	}
	if len(got) != 0 {
		t.Errorf("%s: %s: %d bytes too many received", network, f, len(got))
	}
}

// TestWriteToConnDeadline stops each write strategy in the middle with a
// write deadline, while the other end is not reading: WriteTo must report
// the error and exactly the bytes the connection took, which the other end
// then receives.
func TestWriteToConnDeadline(t *testing.T) {
	// 4 MB views; the socket buffers are made small enough to fill first.
	buf := make([]byte, 8<<20)
	stFillRandom(buf, 5)
	rows := nvMust(ndview.New(buf, "B", 512, 16384))
	floats := nvMust(ndview.New(buf, "<d", 1024, 1024))
	views := map[string]ndview.View{
		"contiguous": nvMust(ndview.New(buf[:4<<20], "B", 4<<20)),
		"runs":       nvMust(rows.IndexString(":, :8192")),
		"gathered":   nvMust(floats.IndexString(":, ::2")),
	}
	wants := map[string][]byte{}
	for name, v := range views {
		wants[name] = v.ToBytes(ndview.COrder)
	}
	for _, network := range []string{"tcp", "unix"} {
		for _, name := range stSortedNames(views) {
			v, want := views[name], wants[name]
			client, server := stConnPair(t, network)
			if c, ok := client.(*net.TCPConn); ok {
				c.SetWriteBuffer(64 << 10)
				server.(*net.TCPConn).SetReadBuffer(64 << 10)
			}
			server.SetDeadline(time.Now().Add(stTimeout))
			client.SetWriteDeadline(time.Now().Add(50 * time.Millisecond))
			n, err := v.WriteTo(client)
			if !errors.Is(err, os.ErrDeadlineExceeded) || n <= 0 || n >= int64(v.NBytes()) {
				t.Errorf("%s: %s: WriteTo past the deadline = %d, %v; want 0 < n < %d, os.ErrDeadlineExceeded", network, name, n, err, v.NBytes())
				continue
			}
			client.CloseWrite()
			got, err := io.ReadAll(server)
			if err != nil {
				t.Fatalf("%s: %s: reading: %v", network, name, err)
			}
			if len(got) != int(n) || !bytes.Equal(got, want[:n]) {
				t.Errorf("%s: %s: WriteTo reported %d bytes, the other end received %d bytes (equal to the view's first bytes: %v)",
					network, name, n, len(got), bytes.Equal(got, want[:min(len(got), len(want))]))
			}
		}
	}
}

// stCounter records the length of every Write it receives.
type stCounter struct{ writes []int }

func (c *stCounter) Write(p []byte) (int, error) {
	c.writes = append(c.writes, len(p))
	return len(p), nil
}

// TestWriteToWriteCalls checks how many Writes each strategy makes on a
// writer that is not a socket: one for a contiguous view, one per run for
// runs of 16 KiB and more (net.Buffers writes the runs of a batch one by
// one there), and for shorter runs a number bounded by the bytes, not the
// runs.
func TestWriteToWriteCalls(t *testing.T) {
	for _, f := range stStreamFormats {
		item := format.MustParse(f).Size()
		views := stViews(t, f)
		big := nvMust(ndview.Make(f, 1<<20/item))
		views["1 MiB contiguous"] = big
		views["ro: 1 MiB contiguous"] = big.AsReadOnly()
		for _, name := range stSortedNames(views) {
			v := views[name]
			var c stCounter
			if _, err := v.WriteTo(&c); err != nil {
				t.Fatalf("%s: %s: %v", f, name, err)
			}
			var runs []int
			for r := range v.Runs() {
				runs = append(runs, len(r))
			}
			sum := 0
			for _, w := range c.writes {
				sum += w
			}
			if sum != v.NBytes() {
				t.Errorf("%s: %s: %d bytes written, want %d", f, name, sum, v.NBytes())
			}
			switch {
			case v.NBytes() == 0:
				if len(c.writes) != 0 {
					t.Errorf("%s: %s: %d writes for a view without elements, want 0", f, name, len(c.writes))
				}
			case v.IsCContiguous():
				if len(c.writes) != 1 {
					t.Errorf("%s: %s: %d writes for a contiguous view, want 1", f, name, len(c.writes))
				}
			case runs[0] >= 16384:
				if fmt.Sprint(c.writes) != fmt.Sprint(runs) {
					t.Errorf("%s: %s: writes %v, want one per run %v", f, name, stShort(c.writes), stShort(runs))
				}
			default:
				// Gathered: writes of at most 64 KiB, each but the last
				// more than 64 KiB less one row of the innermost
				// dimensions that fit in 64 KiB.
				row := v.ItemSize()
				for d := v.NDim() - 1; d >= 0 && row*v.Dim(d) <= 65536; d-- {
					row *= v.Dim(d)
				}
				full := (v.NBytes() + 65535) / 65536
				if len(c.writes) < full || len(c.writes) > 2*full {
					t.Errorf("%s: %s: %d writes for %d bytes in %d runs, want %d to %d", f, name, len(c.writes), v.NBytes(), len(runs), full, 2*full)
				}
				for i, w := range c.writes {
					if w > 65536 || (i < len(c.writes)-1 && w <= 65536-row) {
						t.Errorf("%s: %s: write %d of %d bytes (rows of %d)", f, name, i, w, row)
						break
					}
				}
			}
		}
	}
}

// stShort abbreviates a long list for an error message.
// stFirstDiff describes where got and want, too long to diff whole, first
// differ: the offset and a go-cmp diff of up to 16 bytes from there.
func stFirstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	if i == len(got) && i == len(want) {
		return ""
	}
	return fmt.Sprintf("; first difference at byte %d (-want +got):\n%s", i, cmp.Diff(want[i:min(i+16, len(want))], got[i:min(i+16, len(got))]))
}

func stShort(xs []int) string {
	if len(xs) > 8 {
		return fmt.Sprintf("%v ... (%d)", xs[:8], len(xs))
	}
	return fmt.Sprint(xs)
}

// stFailWriter accepts limit bytes, then fails: the Write that crosses
// the limit writes the part before it and returns errStFail.
type stFailWriter struct {
	buf   bytes.Buffer
	limit int
}

var errStFail = errors.New("stFailWriter: full")

func (w *stFailWriter) Write(p []byte) (int, error) {
	room := w.limit - w.buf.Len()
	if len(p) > room {
		w.buf.Write(p[:room])
		return room, errStFail
	}
	return w.buf.Write(p)
}

// stShortWriter writes all but the last byte of the Write numbered at,
// and reports no error, breaking io.Writer's contract.
type stShortWriter struct {
	at, calls int
	invalid   bool // report one byte more than given instead
}

func (w *stShortWriter) Write(p []byte) (int, error) {
	w.calls++
	if w.calls == w.at {
		if w.invalid {
			return len(p) + 1, nil
		}
		return len(p) - 1, nil
	}
	return len(p), nil
}

func TestWriteToErrors(t *testing.T) {
	for _, f := range stStreamFormats {
		views := stViews(t, f)
		for _, name := range stSortedNames(views) {
			v := views[name]
			want := v.ToBytes(ndview.COrder)
			if len(want) == 0 {
				continue
			}
			for _, k := range []int{0, 1, len(want) / 3, len(want) - 1} {
				if k >= len(want) {
					continue
				}
				w := &stFailWriter{limit: k}
				n, err := v.WriteTo(w)
				if n != int64(k) || !errors.Is(err, errStFail) {
					t.Errorf("%s: %s: WriteTo failing after %d bytes = %d, %v; want %d, %v", f, name, k, n, err, k, errStFail)
				}
				if !bytes.Equal(w.buf.Bytes(), want[:k]) {
					t.Errorf("%s: %s: failing after %d bytes: wrong bytes before the failure", f, name, k)
				}
			}
			for _, at := range []int{1, 2} {
				w := &stShortWriter{at: at}
				n, err := v.WriteTo(w)
				if w.calls >= at && (!errors.Is(err, io.ErrShortWrite) || n >= int64(len(want))) {
					t.Errorf("%s: %s: short Write %d: WriteTo = %d, %v; want fewer than %d bytes and io.ErrShortWrite", f, name, at, n, err, len(want))
				}
				w = &stShortWriter{at: at, invalid: true}
				n, err = v.WriteTo(w)
				if w.calls >= at && (err == nil || n > int64(len(want))) {
					t.Errorf("%s: %s: Write claiming too much: WriteTo = %d, %v; want an error", f, name, n, err)
				}
			}
		}
	}
}

// stReadRef is what the read tests know about a writable view: its
// buffer before the read, its elements' offsets in C order (from the
// definition, not the package's walkers) and whether two elements share a
// byte.
type stReadRef struct {
	orig    []byte
	offs    []int
	overlap bool
}

func stRefOf(v ndview.View) stReadRef {
	ref := stReadRef{orig: append([]byte(nil), v.Buffer()...), offs: nvRefOffsets(v)}
	used := make([]bool, len(ref.orig))
	for _, o := range ref.offs {
		for j := o; j < o+v.ItemSize(); j++ {
			ref.overlap = ref.overlap || used[j]
			used[j] = true
		}
	}
	return ref
}

// expect returns the buffer after the view's elements are assigned the
// first k bytes of data one by one in C order, byte by byte: the whole
// view for k = NBytes, its first k bytes for a read that ended early.
func (ref stReadRef) expect(item int, data []byte, k int) []byte {
	out := append([]byte(nil), ref.orig...)
	for i, o := range ref.offs {
		if i*item >= k {
			break
		}
		copy(out[o:o+item], data[i*item:min(k, (i+1)*item)])
	}
	return out
}

// stExpectCopy returns v's buffer, as ref.orig, after contiguous data is
// copied into it with CopyTo: the other reference, for views whose
// elements do not overlap.
func stExpectCopy(t *testing.T, v ndview.View, ref stReadRef, data []byte) []byte {
	t.Helper()
	buf := append([]byte(nil), ref.orig...)
	dst := nvMust(ndview.FromLayout(buf, v.Layout()))
	src := nvMust(ndview.FromLayout(data, ndview.Layout{Format: v.ItemFormat(), Shape: v.Shape()}))
	if err := src.CopyTo(dst); err != nil {
		t.Fatalf("CopyTo: %v", err)
	}
	return buf
}

// stWant returns the buffer that reading data into v must leave, checked
// against CopyTo where elements do not overlap.
func stWant(t *testing.T, name string, v ndview.View, ref stReadRef, data []byte) []byte {
	t.Helper()
	want := ref.expect(v.ItemSize(), data, len(data))
	if !ref.overlap && !bytes.Equal(stExpectCopy(t, v, ref, data), want) {
		t.Fatalf("%s: the test's references disagree", name)
	}
	return want
}

// stReadCase fills v, reset to ref.orig, from r and compares the result
// with want.
func stReadCase(t *testing.T, name string, v ndview.View, ref stReadRef, want []byte, r io.Reader) {
	t.Helper()
	copy(v.Buffer(), ref.orig)
	n, err := v.ReadFrom(r)
	if err != nil || n != int64(v.NBytes()) {
		t.Errorf("%s: ReadFrom = %d, %v; want %d, nil", name, n, err, v.NBytes())
	}
	if !bytes.Equal(v.Buffer(), want) {
		t.Errorf("%s: ReadFrom left a buffer that differs from assigning the bytes in C order", name)
	}
}

// stWritable returns the writable views of stViews, each over a private
// copy of its buffer.
func stWritable(t *testing.T, f string) map[string]ndview.View {
	out := map[string]ndview.View{}
	for name, v := range stViews(t, f) {
		if v.ReadOnly() || strings.HasPrefix(name, "big:") { // shared, and too large for the references
			continue
		}
		buf := append([]byte(nil), v.Buffer()...)
		out[name] = nvMust(ndview.FromLayout(buf, v.Layout()))
	}
	return out
}

func TestReadFromLayouts(t *testing.T) {
	for _, f := range stStreamFormats {
		views := stWritable(t, f)
		for i, v := range stRandomViews(f, 150) {
			views[fmt.Sprintf("random %d %v %v", i, v.Shape(), v.Strides())] = v
		}
		for _, name := range stSortedNames(views) {
			v := views[name]
			ref := stRefOf(v)
			data := make([]byte, v.NBytes()+5)
			stFillRandom(data, uint64(len(name)))
			want := stWant(t, f+": "+name, v, ref, data[:v.NBytes()])
			for _, rd := range []struct {
				name string
				wrap func(io.Reader) io.Reader
			}{
				{"bytes.Reader", func(r io.Reader) io.Reader { return r }},
				{"OneByteReader", iotest.OneByteReader},
				{"HalfReader", iotest.HalfReader},
				{"DataErrReader", iotest.DataErrReader},
			} {
				if rd.name == "OneByteReader" && v.NBytes() > 20000 {
					continue // slow under -race, and the smaller views show the same
				}
				br := bytes.NewReader(data)
				stReadCase(t, f+": "+name+": "+rd.name, v, ref, want, rd.wrap(br))
				if rd.name != "DataErrReader" && br.Len() != 5 {
					t.Errorf("%s: %s: %s: %d bytes left in the reader, want 5", f, name, rd.name, br.Len())
				}
			}
		}
	}
	var zero ndview.View
	if n, err := zero.ReadFrom(bytes.NewReader([]byte{1})); n != 0 || err != nil {
		t.Errorf("zero View: ReadFrom = %d, %v; want 0, nil", n, err)
	}
}

// stReadAll returns the writable views in order and the data to fill
// them with, one after another, and the buffers each must end with.
func stReadAll(t *testing.T, f string) (names []string, views map[string]ndview.View, data []byte, refs map[string]stReadRef, wants map[string][]byte) {
	views = stWritable(t, f)
	names = stSortedNames(views)
	refs, wants = map[string]stReadRef{}, map[string][]byte{}
	for _, name := range names {
		v := views[name]
		chunk := make([]byte, v.NBytes())
		stFillRandom(chunk, uint64(len(data))+7)
		data = append(data, chunk...)
		refs[name] = stRefOf(v)
		wants[name] = stWant(t, f+": "+name, v, refs[name], chunk)
	}
	return names, views, data, refs, wants
}

// TestReadFromFile fills every view, one after another, from one file.
func TestReadFromFile(t *testing.T) {
	for _, f := range stStreamFormats {
		names, views, data, refs, wants := stReadAll(t, f)
		path := t.TempDir() + "/data.bin"
		if err := os.WriteFile(path, append(data, "END"...), 0o600); err != nil {
			t.Fatal(err)
		}
		file, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer file.Close()
		pos := int64(0)
		for _, name := range names {
			v := views[name]
			stReadCase(t, f+": "+name+": file", v, refs[name], wants[name], file)
			pos += int64(v.NBytes())
			if at, err := file.Seek(0, io.SeekCurrent); err != nil || at != pos {
				t.Fatalf("%s: %s: file offset %d, %v after ReadFrom; want %d", f, name, at, err, pos)
			}
		}
		if rest, err := io.ReadAll(file); err != nil || string(rest) != "END" {
			t.Errorf("%s: after the views the file holds %q, %v; want \"END\"", f, rest, err)
		}
	}
}

// TestReadFromTCP fills every view, one after another, from a loopback
// TCP connection.
func TestReadFromTCP(t *testing.T) {
	for _, f := range stStreamFormats {
		client, server := stTCPPair(t)
		deadline := time.Now().Add(stTimeout)
		client.SetDeadline(deadline)
		server.SetDeadline(deadline)
		names, views, data, refs, wants := stReadAll(t, f)
		sent := make(chan error, 1)
		go func() {
			_, err := server.Write(append(data, "END"...))
			server.CloseWrite()
			sent <- err
		}()
		for _, name := range names {
			stReadCase(t, f+": "+name+": TCP", views[name], refs[name], wants[name], client)
		}
		if rest, err := io.ReadAll(client); err != nil || string(rest) != "END" {
			t.Errorf("%s: after the views the connection holds %q, %v; want \"END\"", f, rest, err)
		}
		if err := <-sent; err != nil {
			t.Errorf("%s: server: %v", f, err)
		}
	}
}

// stShortViews are views of each ReadFrom strategy: contiguous, long
// runs read in place, shorter runs scattered from a scratch buffer (over
// more than one for the long ones), 0-d, and overlapping views filled run
// by run.
func stShortViews(t *testing.T, f string) map[string]ndview.View {
	all := stWritable(t, f)
	out := map[string]ndview.View{}
	for _, name := range []string{"C", "long rows", "long rows reversed", "rows with gaps", "short rows", "column", "long column", "transposed", "stack of transposes", "five dims", "0-d", "overlapping rows", "overlapping zero stride"} {
		out[name] = all[name]
	}
	for i, v := range stRandomViews(f, 40) {
		out[fmt.Sprintf("random %d %v %v", i, v.Shape(), v.Strides())] = v
	}
	return out
}

// TestReadFromShort reads from readers that end, or fail, early: the
// bytes read fill the view's first bytes in C order, nothing else changes,
// and the count and error are io.ReadFull's.
func TestReadFromShort(t *testing.T) {
	errBoom := errors.New("boom")
	for _, f := range stStreamFormats {
		item := format.MustParse(f).Size()
		views := stShortViews(t, f)
		for _, name := range stSortedNames(views) {
			v := views[name]
			nb := v.NBytes()
			ref := stRefOf(v)
			data := make([]byte, nb)
			stFillRandom(data, 99)
			for _, k := range []int{0, 1, item + 1, nb / 2, nb - item, nb - 1} {
				if k < 0 || k >= nb {
					continue
				}
				want := ref.expect(item, data, k)
				for _, one := range []bool{false, true} {
					if one && k > 20000 {
						continue // slow under -race, and smaller k show the same
					}
					copy(v.Buffer(), ref.orig)
					var r io.Reader = bytes.NewReader(data[:k])
					if one {
						r = iotest.OneByteReader(r)
					}
					n, err := v.ReadFrom(r)
					wantErr := io.ErrUnexpectedEOF
					if k == 0 {
						wantErr = io.EOF
					}
					if n != int64(k) || err != wantErr {
						t.Errorf("%s: %s: ReadFrom of %d of %d bytes = %d, %v; want %d, %v", f, name, k, nb, n, err, k, wantErr)
					}
					if !bytes.Equal(v.Buffer(), want) {
						t.Errorf("%s: %s: ReadFrom of %d of %d bytes: the first %d bytes in C order are not what was read, or more changed", f, name, k, nb, k)
					}
				}
				// An error of the reader after k bytes comes back as it is.
				copy(v.Buffer(), ref.orig)
				n, err := v.ReadFrom(io.MultiReader(bytes.NewReader(data[:k]), iotest.ErrReader(errBoom)))
				if n != int64(k) || err != errBoom {
					t.Errorf("%s: %s: ReadFrom failing after %d bytes = %d, %v; want %d, %v", f, name, k, n, err, k, errBoom)
				}
				if !bytes.Equal(v.Buffer(), want) {
					t.Errorf("%s: %s: ReadFrom failing after %d bytes: wrong partial fill", f, name, k)
				}
			}
		}
	}
}

func TestReadFromReadOnly(t *testing.T) {
	for _, f := range stStreamFormats {
		views := stViews(t, f)
		for _, name := range stSortedNames(views) {
			v := views[name].AsReadOnly()
			orig := append([]byte(nil), v.Buffer()...)
			r := bytes.NewReader(make([]byte, v.NBytes()+1))
			n, err := v.ReadFrom(r)
			if n != 0 || !errors.Is(err, ndview.ErrReadOnly) {
				t.Errorf("%s: %s: read-only ReadFrom = %d, %v; want 0, ErrReadOnly", f, name, n, err)
			}
			if r.Len() != v.NBytes()+1 || !bytes.Equal(orig, v.Buffer()) {
				t.Errorf("%s: %s: read-only ReadFrom read or wrote something", f, name)
			}
		}
	}
}

// TestStreamAllocs: a contiguous WriteTo and ReadFrom allocate nothing,
// and neither do the batched and gathered strategies once their pooled
// buffers exist.
func TestStreamAllocs(t *testing.T) {
	rows := nvMust(ndview.Make("<d", 300, 100))
	for name, v := range map[string]ndview.View{
		"contiguous":  rows,
		"0-d":         nvMust(rows.IndexString("3, 4")),
		"long runs":   nvMust(rows.IndexString(":, 10:90")),
		"short runs":  nvMust(rows.IndexString(":, ::3")),
		"transposed":  rows.T(),
		"broadcast":   nvMust(nvMust(rows.IndexString("0")).BroadcastTo(200, 100)),
		"read-only C": rows.AsReadOnly(),
	} {
		v.WriteTo(io.Discard) // fill the pools
		if n := testing.AllocsPerRun(10, func() {
			if _, err := v.WriteTo(io.Discard); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: WriteTo(io.Discard) allocates %v times, want 0", name, n)
		}
		if v.ReadOnly() {
			continue
		}
		data := make([]byte, v.NBytes())
		r := bytes.NewReader(data)
		v.ReadFrom(r)
		if n := testing.AllocsPerRun(10, func() {
			r.Reset(data)
			if _, err := v.ReadFrom(r); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: ReadFrom(bytes.Reader) allocates %v times, want 0", name, n)
		}
	}
}

// TestStreamRoundTrip sends random views over TCP with WriteTo and
// receives them into views of other random layouts of the same shape with
// ReadFrom.
func TestStreamRoundTrip(t *testing.T) {
	client, server := stTCPPair(t)
	deadline := time.Now().Add(stTimeout)
	client.SetDeadline(deadline)
	server.SetDeadline(deadline)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 200 {
		f := stStreamFormats[r.IntN(len(stStreamFormats))]
		buf, l := nvRandLayout(r, f, 4, 6)
		stFillRandom(buf, r.Uint64())
		src := nvMust(ndview.FromLayout(buf, l))
		// A destination of the same shape without overlaps: a permuted,
		// flipped, spaced C layout.
		dst := nvMust(ndview.Make(f, src.Shape()...))
		if src.NDim() > 0 {
			big := nvMust(ndview.Make(f, append([]int{2}, src.Shape()...)...))
			dst = nvMust(big.IndexString("1, ..., ::-1"))
		}
		errc := make(chan error, 1)
		go func() {
			_, err := src.WriteTo(client)
			errc <- err
		}()
		if n, err := dst.ReadFrom(server); err != nil || n != int64(src.NBytes()) {
			t.Fatalf("case %d: ReadFrom = %d, %v; want %d", i, n, err, src.NBytes())
		}
		if err := <-errc; err != nil {
			t.Fatalf("case %d: WriteTo: %v", i, err)
		}
		if !bytes.Equal(src.ToBytes(ndview.COrder), dst.ToBytes(ndview.COrder)) {
			t.Fatalf("case %d: %v %v: received view differs", i, l.Shape, l.Strides)
		}
	}
}

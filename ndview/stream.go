package ndview

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
)

// Stream I/O: View.WriteTo sends a view's elements to an io.Writer and
// View.ReadFrom fills a view from an io.Reader, both in C order, straight
// from or into the view's own memory wherever the runs are long enough for
// that to pay, through a small pooled buffer where they are not.
//
// The strategy depends on the length of the view's maximal contiguous runs
// (Runs), which in a view are all the same, and on the cost of a call:
//
//   - A C-contiguous view: one Write, or one io.ReadFull, of its memory.
//   - Writing to a *net.TCPConn or *net.UnixConn, runs of at least
//     minVecRun bytes: the runs themselves, uncopied, in batches of at most
//     batchRuns runs and about batchBytes bytes through net.Buffers, which
//     sends each batch with writev. Over loopback TCP, for runs of 1 KiB
//     and more this matched or beat gathering the runs, and 4 KiB runs
//     kept pace with a contiguous write; for runs of 256 bytes it reached
//     half the throughput of gathering (measured: 64 MB as runs of 256 B,
//     1000 MB/s with writev, 2000 MB/s gathered; at 512 B they tie).
//   - Any other writer or reader, runs of at least minCallRun bytes: one
//     Write (net.Buffers' fallback) or io.ReadFull per run, uncopied.
//     Shorter runs would cost a system call each on a file or socket, more
//     than copying them (measured: 64 MB as runs of 4 KiB, written to a
//     file 1700 MB/s run by run and 3850 MB/s gathered; read from loopback
//     TCP 1600 MB/s run by run and 3100 MB/s scattered; at 16 KiB they tie).
//   - Shorter runs (a column, a transpose, a reversed last axis, short
//     rows): blocks of elements are copied with the package's strided copy
//     into (or out of) a pooled buffer of gatherBytes, which is written
//     each time it is full (or filled with io.ReadFull, never past the
//     view's bytes).

const (
	// minVecRun is the shortest run written uncopied to a writer that
	// net.Buffers sends with writev.
	minVecRun = 512
	// minCallRun is the shortest run written or read uncopied, one call a
	// run, with any other writer or reader.
	minCallRun = 16 << 10
	// gatherBytes is the size of the copy buffer for shorter runs.
	gatherBytes = 64 << 10
	// batchRuns is the most runs handed to net.Buffers at once: Linux's
	// IOV_MAX, the most one writev takes.
	batchRuns = 1024
	// batchBytes ends a batch early once it holds this many bytes.
	batchBytes = 4 << 20
)

// errInvalidWrite is what io.Copy reports for a Write that claims to have
// written a negative count, or more than it was given.
var errInvalidWrite = errors.New("ndview: invalid write result")

// runBatch is the reusable [][]byte of a batched write; pooled, so a
// strided WriteTo allocates nothing in the steady state.
type runBatch struct {
	bufs net.Buffers
	vec  [batchRuns][]byte
}

var (
	batchPool  = sync.Pool{New: func() any { return new(runBatch) }}
	gatherPool = sync.Pool{New: func() any { return new([gatherBytes]byte) }}
)

// WriteTo writes the view's elements to w in C order, exactly the bytes
// ToBytes(COrder) would return, and returns the number of bytes written
// and the first error. It implements io.WriterTo.
//
// A C-contiguous view is written with a single w.Write of its own memory:
// no copy, no allocation. Otherwise the view's maximal contiguous runs
// (see Runs) are written without a copy through net.Buffers, in batches of
// at most 1024 runs and about 4 MiB, when they are long enough for that to
// pay: at least 512 bytes when w is a *net.TCPConn or *net.UnixConn, which
// net.Buffers sends with writev (one system call per batch), and at least
// 16 KiB for any other writer, which receives one Write per run. Shorter
// runs (a column, a transpose, a reversed last axis, short rows) cost less
// to copy than to write one by one: WriteTo copies blocks of elements with
// the package's strided copy into a 64 KiB buffer and writes the buffer
// each time it is full, so w receives Writes of at most 64 KiB, nearly
// full. The batch and the buffer come from pools: in the steady state
// WriteTo allocates nothing. Broadcast (zero-stride) views write their
// repeated elements as often as they repeat; a view without elements
// writes nothing and returns 0, nil. Only the byte stream is part of the
// contract, not the Write boundaries (a datagram socket would see them).
//
// A writer that reports fewer bytes than it was given without an error
// gives io.ErrShortWrite, as io.Copy reports it. The view's memory must
// not change while WriteTo runs.
func (v View) WriteTo(w io.Writer) (n int64, err error) {
	if v.f == nil || v.isEmpty() {
		return 0, nil
	}
	if b, ok := v.bytes(); ok {
		return writeAll(w, b)
	}
	minRun := minCallRun
	switch w.(type) {
	case *net.TCPConn, *net.UnixConn:
		minRun = minVecRun
	}
	if run, _ := v.runLayout(); run < minRun {
		return v.writeGathered(w)
	}
	return v.writeRuns(w)
}

// writeAll writes b with one Write and checks the result as io.Copy does.
func writeAll(w io.Writer, b []byte) (int64, error) {
	nw, err := w.Write(b)
	if nw < 0 || nw > len(b) {
		nw = 0
		if err == nil {
			err = errInvalidWrite
		}
	}
	if err == nil && nw < len(b) {
		err = io.ErrShortWrite
	}
	return int64(nw), err
}

// writeRuns writes v's runs, uncopied, in batches through net.Buffers.
func (v *View) writeRuns(w io.Writer) (n int64, err error) {
	b := batchPool.Get().(*runBatch)
	m, size, used := 0, 0, 0
	flush := func() bool {
		b.bufs = b.vec[:m:m]
		nw, werr := b.bufs.WriteTo(w)
		switch {
		case nw < 0 || nw > int64(size):
			nw = 0
			if werr == nil {
				werr = errInvalidWrite
			}
		case werr == nil && nw < int64(size):
			// net.Buffers does not check for short writes; io.Copy would.
			werr = io.ErrShortWrite
		}
		n += nw
		err = werr
		used = max(used, m)
		m, size = 0, 0
		return err == nil
	}
	v.runs(func(off, l int) bool {
		b.vec[m] = v.buf[off : off+l : off+l]
		m++
		size += l
		if m == batchRuns || size >= batchBytes {
			return flush()
		}
		return true
	})
	if err == nil && m > 0 {
		flush()
	}
	// Drop the references to v's memory before the batch goes back to the
	// pool (net.Buffers clears the runs it wrote, but not after an error).
	clear(b.vec[:used])
	b.bufs = nil
	batchPool.Put(b)
	return n, err
}

// blockWalk walks a view in blocks for the gathering and scattering
// strategies: the blocks are v[i0, ..., i(p-1), :, ..., :] for every
// index of the leading dimensions [0, p), in C order, where p is the
// first dimension whose subarrays v[i0, ..., ip] (rows, of row bytes
// each) fit in the copy buffer — 0 when all of v does, the last dimension
// when only single elements do. A block's rows are copied with
// copyStrided, as many at once as the buffer has room for.
type blockWalk struct {
	s, st   [MaxDims]int // v's shape and strides (copies: b does not point into v)
	p, m    int          // the block's first dimension and number of dimensions
	row     int          // bytes of one row (one index of dimension p)
	off     int          // offset of the current block
	shape   [MaxDims]int
	strides [MaxDims]int // the block's strides in v
	cs      [MaxDims]int // the block's strides in the copy buffer (C order)
	idx     [MaxDims]int // the index of the current block in dimensions [0, p)
}

// init prepares b to walk v, which has elements and at least one
// dimension, in rows of at most limit bytes (or one element).
func (b *blockWalk) init(v *View, limit int) {
	s, st := v.dims()
	nd := len(s)
	copy(b.s[:], s)
	copy(b.st[:], st)
	j, blk := nd, v.item // dimensions [j, nd) fit in limit together
	for j > 0 && blk*b.s[j-1] <= limit {
		blk *= b.s[j-1] // at most v's byte count: no overflow
		j--
	}
	b.p = max(j-1, 0)
	b.m = nd - b.p
	copy(b.shape[:b.m], b.s[b.p:])
	copy(b.strides[:b.m], b.st[b.p:])
	fillStrides(b.cs[:b.m], b.shape[:b.m], v.item, false)
	b.row = v.item
	for _, e := range b.s[b.p+1 : nd] {
		b.row *= e
	}
	b.off = v.off
}

// next moves to the next block and reports false after the last.
func (b *blockWalk) next() bool {
	for d := b.p - 1; d >= 0; d-- {
		b.idx[d]++
		b.off += b.st[d]
		if b.idx[d] < b.s[d] {
			return true
		}
		b.off -= b.s[d] * b.st[d]
		b.idx[d] = 0
	}
	return false
}

// writeGathered copies v's elements, in C order, into a pooled buffer
// with the package's strided copy (a block of rows at a time, see
// blockWalk), and writes the buffer each time it is full.
func (v *View) writeGathered(w io.Writer) (n int64, err error) {
	var b blockWalk
	b.init(v, gatherBytes)
	pb := gatherPool.Get().(*[gatherBytes]byte)
	buf := pb[:]
	fill := 0
blocks:
	for {
		off := b.off
		for rows := b.s[b.p]; rows > 0; {
			k := min(rows, (len(buf)-fill)/b.row)
			if k == 0 {
				nw, werr := writeAll(w, buf[:fill])
				n += nw
				fill = 0
				if werr != nil {
					err = werr
					break blocks
				}
				continue
			}
			b.shape[0] = k
			copyStrided(buf, fill, b.cs[:b.m], v.buf, off, b.strides[:b.m], b.shape[:b.m], v.item)
			fill += k * b.row
			off += k * b.strides[0]
			rows -= k
		}
		if !b.next() {
			break
		}
	}
	if err == nil && fill > 0 {
		var nw int64
		nw, err = writeAll(w, buf[:fill])
		n += nw
	}
	gatherPool.Put(pb)
	return n, err
}

// ReadFrom fills the view's elements in C order with the next NBytes()
// bytes of r — exactly that many, never more, so r is left positioned just
// after them — and returns the number of bytes read. It implements
// io.ReaderFrom, with the read-full semantics of io.ReadFull rather than
// reading to EOF: if r ends early the error is io.EOF when nothing was
// read and io.ErrUnexpectedEOF otherwise, and the n bytes that were read
// fill the view's first n bytes in C order (the last element touched may
// be partly written). Any other error of r is returned as it is, with the
// count. A read-only view returns an error matching ErrReadOnly and reads
// nothing; a view without elements reads nothing and returns 0, nil.
//
// A C-contiguous view is filled with one io.ReadFull into its memory.
// Otherwise, when the view's maximal contiguous runs (see Runs) are at
// least 16 KiB long, each is filled by an io.ReadFull straight into the
// view's memory, without an intermediate copy. Shorter runs would cost a
// Read call (on a file or socket, a system call) per run, more than a
// copy: ReadFrom then reads up to 64 KiB at a time into a scratch buffer
// (never past the view's bytes) and copies each piece into the view's
// elements with the package's strided copy. The scratch buffer comes from
// a pool: in the steady state ReadFrom allocates nothing.
//
// Elements that share memory — a writable view with zero or overlapping
// strides, which FromLayout accepts — are not refused: the bytes are
// stored in C order, so where elements overlap the one read last wins, as
// if the elements had been assigned one by one, and all NBytes bytes are
// consumed from r. (Such views are filled run by run rather than with the
// strided copy, to keep that order.) r must not read from the view's own
// memory.
func (v View) ReadFrom(r io.Reader) (n int64, err error) {
	if v.ro {
		return 0, fmt.Errorf("%w: cannot read into it", ErrReadOnly)
	}
	if v.f == nil || v.isEmpty() {
		return 0, nil
	}
	if b, ok := v.bytes(); ok {
		nr, err := io.ReadFull(r, b)
		return int64(nr), err
	}
	if run, _ := v.runLayout(); run < minCallRun {
		n, err = v.readScattered(r)
	} else {
		n, err = v.readRuns(r)
	}
	if err == io.EOF && n > 0 {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// readRuns fills v's runs one by one, each with an io.ReadFull into v's
// memory.
func (v *View) readRuns(r io.Reader) (n int64, err error) {
	v.runs(func(off, l int) bool {
		nr, rerr := io.ReadFull(r, v.buf[off:off+l:off+l])
		n += int64(nr)
		err = rerr
		return rerr == nil
	})
	return n, err
}

// readScattered reads v's bytes into a pooled scratch buffer, up to its
// size at a time and never past v's bytes, and copies them into v: a block
// of rows at a time with the strided copy (see blockWalk) when v's
// elements certainly do not overlap, else run by run in C order, so that
// among overlapping elements the last one read wins.
func (v *View) readScattered(r io.Reader) (n int64, err error) {
	pb := gatherPool.Get().(*[gatherBytes]byte)
	if v.overlapFree() {
		n, err = v.readBlocks(r, pb[:])
	} else {
		n, err = v.readRunByRun(r, pb[:])
	}
	gatherPool.Put(pb)
	return n, err
}

// readBlocks fills v, whose elements do not overlap, by reading as many
// whole rows of a block as buf holds and scattering them with the strided
// copy.
func (v *View) readBlocks(r io.Reader, buf []byte) (n int64, err error) {
	var b blockWalk
	b.init(v, len(buf))
	for {
		off := b.off
		for rows := b.s[b.p]; rows > 0; {
			k := min(rows, len(buf)/b.row)
			nr, rerr := io.ReadFull(r, buf[:k*b.row])
			n += int64(nr)
			if q := nr / b.row; q > 0 {
				b.shape[0] = q
				copyStrided(v.buf, off, b.strides[:b.m], buf, 0, b.cs[:b.m], b.shape[:b.m], v.item)
			}
			if rerr != nil {
				// The bytes of a row read in part go in byte by byte.
				q := nr / b.row
				rest := buf[q*b.row : nr]
				row := View{buf: v.buf, f: v.f, item: v.item, off: off + q*b.strides[0]}
				rs, rst := row.alloc(b.m - 1)
				copy(rs, b.shape[1:b.m])
				copy(rst, b.strides[1:b.m])
				row.runs(func(o, l int) bool {
					c := copy(row.buf[o:o+l], rest)
					rest = rest[c:]
					return len(rest) > 0
				})
				return n, rerr
			}
			off += k * b.strides[0]
			rows -= k
		}
		if !b.next() {
			return n, nil
		}
	}
}

// readRunByRun fills v by reading up to len(buf) bytes at a time and
// copying them into v's runs one by one, in C order.
func (v *View) readRunByRun(r io.Reader, buf []byte) (n int64, err error) {
	left := v.NBytes() // bytes of v not yet read from r
	pos, have := 0, 0  // buf[pos:have] is read and not yet stored
	v.runs(func(off, l int) bool {
		dst := v.buf[off : off+l : off+l]
		for {
			c := copy(dst, buf[pos:have])
			pos += c
			n += int64(c)
			dst = dst[c:]
			if len(dst) == 0 {
				return true
			}
			if err != nil {
				return false
			}
			nr, rerr := io.ReadFull(r, buf[:min(len(buf), left)])
			left -= nr
			pos, have, err = 0, nr, rerr
		}
	})
	return n, err
}

// overlapFree reports whether v's elements certainly occupy distinct
// bytes: taken by increasing absolute stride, every dimension of extent
// above 1 steps over at least the whole span of those before it. It is a
// sufficient test; a layout that interleaves elements without sharing
// bytes fails it too, and only takes the slower path for it.
func (v *View) overlapFree() bool {
	s, st := v.dims()
	var a, e [MaxDims]int
	k := 0
	for i, x := range s {
		if x > 1 {
			d := st[i]
			if d < 0 {
				d = -d
			}
			// Insertion sort by stride.
			j := k
			for ; j > 0 && a[j-1] > d; j-- {
				a[j], e[j] = a[j-1], e[j-1]
			}
			a[j], e[j] = d, x
			k++
		}
	}
	span := v.item
	for i := range k {
		if a[i] < span {
			return false
		}
		span += a[i] * (e[i] - 1) // inside the validated layout: no overflow
	}
	return true
}

package ndview_test

import (
	"io"
	"net"
	"runtime"
	"sync"
	"testing"

	"github.com/ndview/ndview/ndview"
)

// The benchmarks of issue [stream]: 64 MB written to (or read from) a
// loopback TCP connection, contiguous and as rows of 4 KB runs with 512-byte
// gaps between them. The strided write should reach at least 0.8x the
// contiguous one's throughput (MB/s).

const (
	stBenchRows = 16384
	stBenchRun  = 4096 // bytes of a row in the view
	stBenchGap  = 512  // bytes between rows in the buffer
)

var (
	stBenchOnce sync.Once
	stBenchBuf  []byte // stBenchRows rows of stBenchRun+stBenchGap bytes
)

// stBenchData returns the (16384, 4608) "B" buffer, built and filled once
// (every page touched, so no view reads the shared zero page).
func stBenchData(b *testing.B) ndview.View {
	b.Helper()
	stBenchOnce.Do(func() {
		stBenchBuf = benchBytes(stBenchRows * (stBenchRun + stBenchGap))
		stFillRandom(stBenchBuf, 1)
	})
	runtime.GC()
	return nvMust(ndview.New(stBenchBuf, "B", stBenchRows, stBenchRun+stBenchGap))
}

// stBenchContig is a contiguous 64 MB view: the first 64 MB of the buffer.
func stBenchContig(b *testing.B) ndview.View {
	stBenchData(b)
	return nvMust(ndview.New(stBenchBuf[:stBenchRows*stBenchRun], "B", stBenchRows, stBenchRun))
}

// stBenchStrided is the 64 MB view of 16384 rows of 4 KB runs with gaps.
func stBenchStrided(b *testing.B) ndview.View {
	return nvMust(stBenchData(b).IndexString(":, :4096"))
}

// stDiscardConn returns the writing end of a loopback TCP connection
// whose other end a goroutine drains with io.Copy(io.Discard, conn).
func stDiscardConn(b *testing.B) *net.TCPConn {
	client, server := stTCPPair(b)
	done := make(chan struct{})
	go func() {
		io.Copy(io.Discard, server)
		close(done)
	}()
	b.Cleanup(func() {
		client.Close()
		<-done
	})
	return client
}

// stSourceConn returns the reading end of a loopback TCP connection whose
// other end a goroutine fills with bytes until it is closed.
func stSourceConn(b *testing.B) *net.TCPConn {
	client, server := stTCPPair(b)
	src := make([]byte, 1<<20)
	stFillRandom(src, 2)
	done := make(chan struct{})
	go func() {
		for {
			if _, err := server.Write(src); err != nil {
				break
			}
		}
		close(done)
	}()
	b.Cleanup(func() {
		client.Close()
		server.Close()
		<-done
	})
	return client
}

func benchWriteTo(b *testing.B, v ndview.View) {
	conn := stDiscardConn(b)
	b.SetBytes(int64(v.NBytes()))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if n, err := v.WriteTo(conn); err != nil || n != int64(v.NBytes()) {
			b.Fatalf("WriteTo = %d, %v", n, err)
		}
	}
}

func benchReadFrom(b *testing.B, v ndview.View) {
	conn := stSourceConn(b)
	b.SetBytes(int64(v.NBytes()))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if n, err := v.ReadFrom(conn); err != nil || n != int64(v.NBytes()) {
			b.Fatalf("ReadFrom = %d, %v", n, err)
		}
	}
}

// BenchmarkWriteToContig: 64 MB contiguous, one Write.
func BenchmarkWriteToContig(b *testing.B) { benchWriteTo(b, stBenchContig(b)) }

// BenchmarkWriteToStrided: the same 64 MB as 16384 runs of 4 KB with gaps,
// written uncopied with writev in batches of 1024 runs (4 MB).
func BenchmarkWriteToStrided(b *testing.B) { benchWriteTo(b, stBenchStrided(b)) }

// BenchmarkWriteToColumns: every other float64 of the buffer, 37.7 MB in
// runs of 8 bytes, gathered into 64 KiB writes.
func BenchmarkWriteToColumns(b *testing.B) {
	stBenchData(b)
	v := nvMust(ndview.New(stBenchBuf, "<d", stBenchRows, (stBenchRun+stBenchGap)/8))
	benchWriteTo(b, nvMust(v.IndexString(":, ::2")))
}

// BenchmarkReadFromContig: 64 MB into a contiguous view, one io.ReadFull.
func BenchmarkReadFromContig(b *testing.B) { benchReadFrom(b, stBenchContig(b)) }

// BenchmarkReadFromStrided: 64 MB into the rows of 4 KB, read 64 KiB at a
// time into a scratch buffer and copied into the rows (runs shorter than
// 16 KiB).
func BenchmarkReadFromStrided(b *testing.B) { benchReadFrom(b, stBenchStrided(b)) }

// BenchmarkReadFromColumns: 37.7 MB into every other float64, read 64 KiB
// at a time into a scratch buffer and scattered.
func BenchmarkReadFromColumns(b *testing.B) {
	stBenchData(b)
	v := nvMust(ndview.New(stBenchBuf, "<d", stBenchRows, (stBenchRun+stBenchGap)/8))
	benchReadFrom(b, nvMust(v.IndexString(":, ::2")))
}

package format_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"runtime"
	"testing"

	"github.com/ndview/ndview/format"
)

const nRecords = 100_000

// runSetupGC collects the garbage of a benchmark's setup (the test data of
// this and earlier benchmarks is megabytes), so that a collection does not
// run concurrently with the timed loop.
func runSetupGC() { runtime.GC() }

type rec struct {
	A, B uint32
	C    float64
}

// recordData returns nRecords records of <IId, 16 bytes each.
func recordData() []byte {
	f := format.MustParse("<IId")
	data := make([]byte, 0, nRecords*f.Size())
	for i := 0; i < nRecords; i++ {
		var err error
		data, err = f.AppendPack(data, uint32(i), uint32(2*i), float64(i)/3)
		if err != nil {
			panic(err)
		}
	}
	return data
}

// BenchmarkUnpackRecords unpacks 100,000 <IId records into caller-owned
// structs through the exact-width field accessors, which inline: no
// boxing, no allocation.
func BenchmarkUnpackRecords(b *testing.B) {
	data := recordData()
	f := format.MustParse("<IId")
	fa, fb, fc := f.Field(0), f.Field(1), f.Field(2)
	out := make([]rec, nRecords)
	size := f.Size()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	runSetupGC()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := range out {
			r := data[i*size : (i+1)*size]
			out[i] = rec{fa.Uint32(r, 0), fb.Uint32(r, 0), fc.Float64(r, 0)}
		}
	}
	if out[nRecords-1].B != 2*(nRecords-1) {
		b.Fatal("wrong value")
	}
}

// BenchmarkUnpackRecordsConverting is the same work through the
// converting accessors (Uint, Float), which take any width and do not
// inline.
func BenchmarkUnpackRecordsConverting(b *testing.B) {
	data := recordData()
	f := format.MustParse("<IId")
	fa, fb, fc := f.Field(0), f.Field(1), f.Field(2)
	out := make([]rec, nRecords)
	size := f.Size()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	runSetupGC()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := range out {
			r := data[i*size : (i+1)*size]
			out[i] = rec{uint32(fa.Uint(r, 0)), uint32(fb.Uint(r, 0)), fc.Float(r, 0)}
		}
	}
	if out[nRecords-1].B != 2*(nRecords-1) {
		b.Fatal("wrong value")
	}
}

// BenchmarkUnpackToRecords is the same work through UnpackTo and pointers,
// the generic form that needs no knowledge of the fields.
func BenchmarkUnpackToRecords(b *testing.B) {
	data := recordData()
	f := format.MustParse("<IId")
	out := make([]rec, nRecords)
	size := f.Size()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	runSetupGC()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := range out {
			o := &out[i]
			if err := f.UnpackTo(data[i*size:(i+1)*size], &o.A, &o.B, &o.C); err != nil {
				b.Fatal(err)
			}
		}
	}
	if out[nRecords-1].B != 2*(nRecords-1) {
		b.Fatal("wrong value")
	}
}

// BenchmarkBinaryReadRecords decodes the same bytes with encoding/binary.Read.
func BenchmarkBinaryReadRecords(b *testing.B) {
	data := recordData()
	out := make([]rec, nRecords)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	runSetupGC()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		if err := binary.Read(bytes.NewReader(data), binary.LittleEndian, out); err != nil {
			b.Fatal(err)
		}
	}
	if out[nRecords-1].B != 2*(nRecords-1) {
		b.Fatal("wrong value")
	}
}

// BenchmarkReaderMessages walks 100,000 framed messages: an 8-byte <II
// header (type, length) and a 1024-byte payload taken without copying.
func BenchmarkReaderMessages(b *testing.B) {
	const payload = 1024
	hdr := format.MustParse("<II")
	data := make([]byte, 0, nRecords*(8+payload))
	body := make([]byte, payload)
	for i := 0; i < nRecords; i++ {
		data, _ = hdr.AppendPack(data, uint32(i%7), uint32(payload))
		data = append(data, body...)
	}
	r := format.NewReader(nil, format.LittleEndian)
	b.ReportAllocs()
	runSetupGC()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		r.Reset(data)
		count, err := walkMessages(r)
		if err != nil || count != nRecords {
			b.Fatalf("read %d messages: %v", count, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/nRecords, "ns/msg")
}

// walkMessages is the parser a program would write: it reads each header,
// takes the payload without copying and returns on the first error.
func walkMessages(r *format.Reader) (count int, err error) {
	var sum uint64
	for r.Len() > 0 {
		typ, err := r.Uint32()
		if err != nil {
			return count, err
		}
		length, err := r.Uint32()
		if err != nil {
			return count, err
		}
		payload, err := r.Bytes(int(length))
		if err != nil {
			return count, err
		}
		sum += uint64(typ) + uint64(len(payload))
		count++
	}
	if sum == 0 {
		return count, errors.New("read nothing")
	}
	return count, nil
}

// BenchmarkParseCached parses a format that is already cached.
func BenchmarkParseCached(b *testing.B) {
	const s = "T{<i:x:>d:y:(2,3)Zf:z:}"
	if _, err := format.Parse(s); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	runSetupGC()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		if _, err := format.Parse(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseCachedParallel is BenchmarkParseCached from every core at
// once: the lookup takes no lock, so it scales.
func BenchmarkParseCachedParallel(b *testing.B) {
	const s = "T{<i:x:>d:y:(2,3)Zf:z:}"
	if _, err := format.Parse(s); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := format.Parse(s); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkParseUncached compiles a format from scratch each time.
func BenchmarkParseUncached(b *testing.B) {
	b.ReportAllocs()
	for n := 0; n < b.N; n++ {
		if _, err := format.ParseUncached("T{<i:x:>d:y:(2,3)Zf:z:}"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendPack packs one <IId record into a reused buffer.
func BenchmarkAppendPack(b *testing.B) {
	f := format.MustParse("<IId")
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for n := 0; n < b.N; n++ {
		var err error
		if buf, err = f.AppendPack(buf[:0], uint32(n), uint32(7), 1.5); err != nil {
			b.Fatal(err)
		}
	}
}

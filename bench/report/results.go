package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Sample is what one benchmark measured over several runs.
type Sample struct {
	NsPerOp []float64 // one figure per run
	Allocs  float64   // allocations per op (Go benchmarks; the last run's)
	Bytes   float64   // bytes allocated per op
	HasMem  bool      // Allocs and Bytes were reported
}

// Median returns the median of the runs' ns/op.
func (s Sample) Median() float64 { return median(s.NsPerOp) }

// Min returns the fastest run's ns/op.
func (s Sample) Min() float64 { return slices.Min(s.NsPerOp) }

// Max returns the slowest run's ns/op.
func (s Sample) Max() float64 { return slices.Max(s.NsPerOp) }

func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Results maps a benchmark name ("Op/impl" or "Op/impl/param") to its
// sample.
type Results map[string]*Sample

// benchLine matches a line of go test -bench output:
// BenchmarkOp/impl-2   1234   5678 ns/op   [12.3 MB/s]   [16 B/op   1 allocs/op]
var benchLine = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([0-9.e+]+) ns/op(?:\s+[0-9.e+]+ MB/s)?(?:\s+([0-9.e+]+) B/op\s+([0-9.e+]+) allocs/op)?`)

// ParseGo adds the benchmarks in go test -bench output to r. Lines that
// are not benchmark results are ignored; a result line that does not
// parse is an error, so that a change of format is not silently lost.
func ParseGo(r Results, out io.Reader) error {
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "Benchmark") || !strings.Contains(line, " ns/op") {
			continue
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			return fmt.Errorf("unreadable benchmark line %q", line)
		}
		ns, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			return fmt.Errorf("benchmark line %q: %v", line, err)
		}
		s := r.sample(m[1])
		s.NsPerOp = append(s.NsPerOp, ns)
		if m[3] != "" {
			s.Bytes, _ = strconv.ParseFloat(m[3], 64)
			s.Allocs, _ = strconv.ParseFloat(m[4], 64)
			s.HasMem = true
		}
	}
	return sc.Err()
}

func (r Results) sample(name string) *Sample {
	s := r[name]
	if s == nil {
		s = &Sample{}
		r[name] = s
	}
	return s
}

// PythonOut is what ../python/peers.py prints.
type PythonOut struct {
	Python  string               `json:"python"`
	NumPy   *string              `json:"numpy"`
	Results map[string][]float64 `json:"results"`
}

// ParsePython adds the Python peers' timings to r.
func ParsePython(r Results, out []byte) (PythonOut, error) {
	var p PythonOut
	if err := json.Unmarshal(out, &p); err != nil {
		return p, fmt.Errorf("reading the Python peers' output: %v", err)
	}
	for name, ns := range p.Results {
		if len(ns) == 0 {
			return p, fmt.Errorf("python peer %s: no timings", name)
		}
		r.sample(name).NsPerOp = append(r.sample(name).NsPerOp, ns...)
	}
	return p, nil
}

// Ratio is how many times longer a peer takes than ndview, with the
// spread of the runs: Lo pairs the peer's fastest run with ndview's
// slowest, Hi the other way round.
type Ratio struct{ Mid, Lo, Hi float64 }

// RatioOf compares a peer's sample with ndview's.
func RatioOf(nd, peer *Sample) Ratio {
	return Ratio{
		Mid: peer.Median() / nd.Median(),
		Lo:  peer.Min() / nd.Max(),
		Hi:  peer.Max() / nd.Min(),
	}
}

// Verdict says in words who is faster: ratios within 5% of 1 are even.
func (q Ratio) Verdict() string {
	switch {
	case q.Mid >= 1.05:
		return fmt.Sprintf("ndview %s× faster", sig(q.Mid))
	case q.Mid <= 1/1.05:
		return fmt.Sprintf("**ndview %s× slower**", sig(1/q.Mid))
	}
	return "even"
}

// sig formats x with about three significant digits.
func sig(x float64) string {
	switch {
	case x >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case x >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

// Duration formats nanoseconds with a unit a reader takes in at a glance.
func Duration(ns float64) string {
	switch {
	case ns >= 1e9:
		return sig(ns/1e9) + " s"
	case ns >= 1e6:
		return sig(ns/1e6) + " ms"
	case ns >= 1e3:
		return sig(ns/1e3) + " µs"
	}
	return sig(ns) + " ns"
}

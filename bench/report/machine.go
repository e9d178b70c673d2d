package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Machine describes where the report was measured: CPU, cores, memory,
// kernel, Go and the peers' versions.
func Machine(py PythonOut) string {
	var b strings.Builder
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "- %s: %s\n", k, v)
		}
	}
	line("date", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	line("CPU", procField("/proc/cpuinfo", "model name"))
	line("logical CPUs", fmt.Sprint(runtime.NumCPU()))
	line("memory", procField("/proc/meminfo", "MemTotal"))
	if k, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		line("kernel", runtime.GOOS+" "+strings.TrimSpace(string(k)))
	}
	line("Go", runtime.Version()+" "+runtime.GOARCH)
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}} {{.Version}}", "gonum.org/v1/gonum", "gorgonia.org/tensor").Output(); err == nil {
		line("Go peers", strings.Join(strings.Split(strings.TrimSpace(string(out)), "\n"), ", "))
	}
	if py.Python != "" {
		v := "CPython " + py.Python
		if py.NumPy != nil {
			v += ", NumPy " + *py.NumPy
		}
		line("Python peers", v)
	}
	return b.String()
}

// procField returns the value of the first "key : value" line of a /proc
// file, or "" where there is none (not Linux).
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Report writes docs/bench.md.
func Report(rows []Row, access, copies, slicing []Series, sizeNames []string, sizes []float64,
	dimNames []string, dims []float64, machine string, count int, benchtime string, took time.Duration) string {
	var b strings.Builder
	b.WriteString("# ndview against its peers\n\n")
	b.WriteString("Written by `make bench` (`cd bench && go run ./report`); do not edit by hand.\n\n")
	b.WriteString("![ratios and scaling](bench.svg)\n\n")
	fmt.Fprintf(&b, "Every figure is the median of %d runs (Go: `go test -bench -count %d -benchtime %s`; "+
		"Python: %d repeats of about %s each, timed in a child process in the same run), with the range of the runs "+
		"in brackets. The ratio is the peer's median time over ndview's: above 1 ndview is faster, below 1 it is "+
		"slower, and the table says so in bold. Nothing measured is left out. The whole run took %s.\n\n",
		count, count, benchtime, count, benchtime, took.Round(time.Second))
	b.WriteString("## Machine\n\n")
	b.WriteString(machine)
	b.WriteString("\n## Operations\n\n")
	b.WriteString("Every implementation reads the same memory (gonum, gorgonia and ndview wrap one `[]float64`; " +
		"Python builds equal data), and `TestPeersAgree` in `bench/peers` checks that each computes the same " +
		"result as ndview.\n\n")
	b.WriteString(Markdown(rows))
	b.WriteString(notes)
	b.WriteString("\n## Scaling\n\n### Sum by element, GB/s, as the view grows\n\n")
	b.WriteString("ndview's `At` on a 1-D view, and its contiguous runs (`Chunks`), against a range loop over the " +
		"`[]float64` (NumPy: `sum`, vectorised). " +
		"Past the last-level cache both are bound by memory.\n\n")
	b.WriteString(ScaleMarkdown(access, sizeNames, sizes, "GB/s"))
	b.WriteString("\n### Copy into a contiguous square matrix, GB/s, as it grows\n\n")
	b.WriteString(ScaleMarkdown(copies, sizeNames, sizes, "GB/s"))
	b.WriteString("\n### Slicing `[::2]` in every dimension, ns, as the number of dimensions grows\n\n")
	b.WriteString("A View holds four dimensions inline; from five on, slicing allocates the shape and strides once.\n\n")
	b.WriteString(ScaleMarkdown(slicing, dimNames, dims, "ns"))
	return b.String()
}

const notes = `
Notes on the peers:

- gonum's ` + "`Slice`" + ` has no step: its Slice2D bar is ` + "`[0:1000, 1:300]`" + `, and it has no
  CopyStep2. gonum has no reshape either: its bar is ` + "`mat.NewDense`" + ` over the same data.
- gorgonia ` + "`tensor`" + ` transposes and reshapes in place, so its bars include the ` + "`ShallowClone`" + ` a
  program needs to keep the original. It only starts on current Go with
  ` + "`ASSUME_NO_MOVING_GC_UNSAFE_RISK_IT_WITH=go1.26`" + ` (its dependency
  ` + "`go4.org/unsafe/assume-no-moving-gc`" + ` panics otherwise); the report sets it for the benchmarks.
- ` + "`encoding/binary`" + ` decodes records with ` + "`binary.Read`" + ` into a slice of structs and messages
  with ` + "`binary.Read`" + ` of each header from a ` + "`bytes.Reader`" + ` (it has no zero-copy payload); in
  SumAt it is ` + "`binary.LittleEndian.Uint64`" + ` per element. The plain Go loop is the hand-written
  code with every bound checked: the limit a library can approach.
- CPython's memoryview cannot slice or transpose more than one dimension; its Reshape bar is
  ` + "`cast('B').cast('d', shape)`" + `, its copy is ` + "`tobytes()`" + ` (which allocates), its SumRuns is
  ` + "`sum()`" + `. NumPy's SumAt indexes ` + "`a[i, j]`" + ` from Python; its SumRuns is ` + "`a.sum()`" + `; its
  copies are ` + "`np.copyto`" + `; its Records is ` + "`np.frombuffer(...).copy()`" + ` with a record dtype.
  Python peers pay the interpreter per call: header-only operations cost a few hundred ns there.
`

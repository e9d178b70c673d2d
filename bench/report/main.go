package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

func main() {
	count := flag.Int("count", 5, "runs of each benchmark")
	benchtime := flag.String("benchtime", "300ms", "go test -benchtime for each run")
	out := flag.String("out", "../docs", "folder for bench.md and bench.svg")
	python := flag.String("python", "/usr/bin/python3", "a Python 3 with NumPy, or \"\" to leave the Python peers out")
	bench := flag.String("bench", ".", "go test -bench pattern: which Go benchmarks to run")
	flag.Parse()
	if err := run(*count, *benchtime, *out, *python, *bench); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// gorgoniaEnv lets gorgonia's dependency go4.org/unsafe/assume-no-moving-gc
// start on this Go release: it panics at init on a release it has not
// been told about.
func gorgoniaEnv() string {
	v := runtime.Version() // go1.26.8
	if i := strings.LastIndexByte(v, '.'); strings.Count(v, ".") == 2 {
		v = v[:i]
	}
	return "ASSUME_NO_MOVING_GC_UNSAFE_RISK_IT_WITH=" + v
}

func run(count int, benchtime, outDir, python, bench string) error {
	if _, err := os.Stat("peers"); err != nil {
		return errors.New("run from the bench module: cd bench && go run ./report")
	}
	start := time.Now()
	res := Results{}

	fmt.Fprintf(os.Stderr, "report: Go benchmarks, %d runs of %s each (a few minutes)\n", count, benchtime)
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", bench, "-benchmem",
		"-count", fmt.Sprint(count), "-benchtime", benchtime, "-timeout", "60m", "./peers")
	cmd.Env = append(os.Environ(), gorgoniaEnv())
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		os.Stderr.Write(stdout.Bytes())
		return fmt.Errorf("go test -bench: %v", err)
	}
	if err := ParseGo(res, &stdout); err != nil {
		return err
	}

	var py PythonOut
	if python != "" {
		if err := exec.Command(python, "-c", "import numpy").Run(); err != nil {
			fmt.Fprintf(os.Stderr, "report: %s has no NumPy (apt-get install python3-numpy); the Python peers are left out\n", python)
		} else {
			fmt.Fprintln(os.Stderr, "report: Python peers")
			// Each repeat takes about as long as a Go run; a count
			// (-benchtime 1x, a smoke test) asks for a token time.
			target := 0.01
			if d, err := time.ParseDuration(benchtime); err == nil {
				target = d.Seconds()
			}
			cmd := exec.Command(python, filepath.Join("python", "peers.py"), fmt.Sprint(count), fmt.Sprint(target))
			cmd.Stderr = os.Stderr
			b, err := cmd.Output()
			if err != nil {
				return fmt.Errorf("python peers: %v", err)
			}
			if py, err = ParsePython(res, b); err != nil {
				return err
			}
		}
	}

	rows := Rows(res)
	if len(rows) == 0 {
		return errors.New("no benchmark compared ndview with a peer")
	}
	sizes, sizeNames := scaleSizes()
	access := Scale(res, "ScaleAccess", []string{"ndview", "ndview_runs", "raw", "numpy"}, sizeNames, sizes, gbps)
	copies := Scale(res, "ScaleCopy", []string{"memmove", "ndview", "ndview_T", "gonum_T", "numpy_T"}, sizeNames, sizes, gbps)
	dims, dimNames := ndims()
	slicing := Scale(res, "ScaleSliceNDim", []string{"ndview", "gorgonia", "numpy"}, dimNames, dims, func(_, ns float64) float64 { return ns })

	fmt.Print(Text(rows))
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	var svg bytes.Buffer
	if err := Chart(&svg, rows, access, copies, slicing, sizes); err != nil {
		return fmt.Errorf("drawing the chart: %v", err)
	}
	if err := os.WriteFile(filepath.Join(outDir, "bench.svg"), svg.Bytes(), 0o644); err != nil {
		return err
	}
	md := Report(rows, access, copies, slicing, sizeNames, sizes, dimNames, dims, Machine(py), count, benchtime, time.Since(start))
	if err := os.WriteFile(filepath.Join(outDir, "bench.md"), []byte(md), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "report: wrote %s and %s in %s\n", filepath.Join(outDir, "bench.md"),
		filepath.Join(outDir, "bench.svg"), time.Since(start).Round(time.Second))
	return nil
}

// gbps converts ns per op over x bytes to GB/s.
func gbps(x, ns float64) float64 { return x / ns }

// scaleSizes are the sizes of the scaling series (peers.ScaleSizes) and
// their names in the benchmarks.
func scaleSizes() ([]float64, []string) {
	var xs []float64
	var names []string
	for _, e := range []int{10, 14, 18, 22, 26, 28} {
		xs = append(xs, math.Ldexp(1, e))
		if e >= 20 {
			names = append(names, fmt.Sprintf("%dMB", 1<<(e-20)))
		} else {
			names = append(names, fmt.Sprintf("%dKB", 1<<(e-10)))
		}
	}
	return xs, names
}

func ndims() ([]float64, []string) {
	var xs []float64
	var names []string
	for nd := 1; nd <= 8; nd++ {
		xs = append(xs, float64(nd))
		names = append(names, fmt.Sprintf("nd=%d", nd))
	}
	return xs, names
}

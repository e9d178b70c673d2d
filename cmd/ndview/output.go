package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ndview/ndview/format"
	"github.com/ndview/ndview/ndview"
	"github.com/ndview/ndview/npy"
)

// stdoutIsTerminal reports that the process's standard output is a
// terminal, where cast and convert refuse to write binary data. main sets
// it; run's callers in tests leave it false, or set it to test the refusal.
var stdoutIsTerminal bool

// isTerminal reports whether f is a terminal: a character device, other
// than the null device, which scripts write to on purpose.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return false
	}
	return true
}

// outputFlags are the flags of cast and convert that say what to write
// and where.
type outputFlags struct {
	format string  // -f (cast) or -to (convert): the result's format
	shape  intList // -shape (cast only)
	path   string  // -o
	raw    bool    // -raw
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.path, "o", "", "write to the file `OUT` instead of standard output (\"-\"), which must not be a terminal")
	fs.BoolVar(&o.raw, "raw", false, "write the elements' bytes alone, without a .npy header (in the order a .npy file would hold them)")
}

// writeOutput calls write with where -o says: standard output for "" or
// "-", or the file OUT, created (or truncated), and removed again if
// write fails, so that a failed command leaves no half-written file. in
// is the input, which OUT must not be: truncating a mapped file would
// pull the data from under the reader.
func writeOutput(path string, stdout io.Writer, in *input, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		if stdoutIsTerminal {
			return errors.New("refusing to write binary data to a terminal: give -o OUT or redirect standard output")
		}
		return guardFaults(func() error { return write(stdout) })
	}
	if in.name != "-" {
		if ist, err := os.Stat(in.name); err == nil {
			if ost, err := os.Stat(path); err == nil && os.SameFile(ist, ost) {
				return fmt.Errorf("-o %s is FILE itself: write to another file", path)
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err // *PathError: "open OUT: permission denied"
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = guardFaults(func() error { return write(bw) })
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if st, serr := os.Stat(path); serr == nil && st.Mode().IsRegular() {
			os.Remove(path)
		}
		return err // a write error is a *PathError naming OUT
	}
	return nil
}

// writeData writes v's elements as the data of a .npy file holds them,
// which is what -raw writes: in Fortran order when v is F- and not
// C-contiguous, else in C order. A contiguous view (every view of a whole
// .npy file) is written straight from its memory, one write; others a run
// at a time.
func writeData(w io.Writer, v ndview.View) error {
	if fortranLayout(v) {
		v = v.T()
	}
	if b, ok := v.Bytes(); ok {
		_, err := w.Write(b)
		return err
	}
	for run := range v.Runs() {
		if _, err := w.Write(run); err != nil {
			return err
		}
	}
	return nil
}

// fortranLayout reports whether v is written in Fortran order, as
// npy.Write decides.
func fortranLayout(v ndview.View) bool { return v.IsFContiguous() && !v.IsCContiguous() }

// npyDescr returns the descr that npy.Write writes for items of f, as
// Python source ("'<f8'", or a list of fields), or npy's ErrDtype for a
// format with no NumPy dtype. It asks npy.Write itself, for an empty
// array, so that the two cannot disagree.
func npyDescr(f *format.Format) (string, error) {
	v, err := ndview.MakeOf(f, 0)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := npy.Write(&b, v); err != nil {
		return "", err
	}
	h, err := npy.ParseHeader(b.Bytes())
	if err != nil {
		return "", err
	}
	if strings.HasPrefix(h.Descr, "[") {
		return h.Descr, nil
	}
	return "'" + h.Descr + "'", nil // Header.Descr gives a type string unquoted
}

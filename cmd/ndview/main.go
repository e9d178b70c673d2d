package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// exitError is the status of every failure, bad usage and bad input
// alike: a script needs to know that nothing useful was printed, not why.
const exitError = 2

func main() {
	// Buffered, because a large array is printed in many small writes.
	out := bufio.NewWriter(os.Stdout)
	stdoutIsTerminal = isTerminal(os.Stdout)
	code := run(os.Args[1:], out, os.Stderr)
	if err := out.Flush(); err != nil && code == 0 {
		fmt.Fprintln(os.Stderr, "ndview: "+oneLine(err.Error()))
		code = exitError
	}
	os.Exit(code)
}

// run is the whole command, apart from the process: it parses args (without
// the program name), writes results to stdout and at most one error line to
// stderr, and returns the exit status. Tests call it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) == 0:
		err = tour(stdout)
	case args[0] == "help" || isHelpFlag(args[0]):
		err = help(stdout, args[1:])
	case args[0] == "show":
		err = runShow(args[1:], stdout)
	case args[0] == "info":
		err = runInfo(args[1:], stdout)
	case args[0] == "cast":
		err = runCast(args[1:], stdout)
	case args[0] == "convert":
		err = runConvert(args[1:], stdout)
	case args[0] == "tour":
		if len(args) > 1 {
			err = fmt.Errorf("tour takes no arguments, got %q", args[1])
		} else {
			err = tour(stdout)
		}
	case strings.HasPrefix(args[0], "-"):
		err = fmt.Errorf("flag %s given before a command (run 'ndview help')", args[0])
	default:
		err = fmt.Errorf("unknown command %q (run 'ndview help')", args[0])
	}
	if err != nil {
		fmt.Fprintln(stderr, "ndview: "+oneLine(err.Error()))
		return exitError
	}
	return 0
}

// isHelpFlag reports whether s asks for help the way flag packages accept.
func isHelpFlag(s string) bool {
	switch s {
	case "-h", "-help", "--help", "--h":
		return true
	}
	return false
}

// usage is the text of "ndview help".
const usage = `ndview inspects raw binary data and .npy files as typed N-dimensional arrays.

Usage:
  ndview                    a short tour of the library on built-in data
  ndview show [-q] FILE.npy [INDEX]
  ndview show -f FORMAT -shape EXTENTS [-strides BYTES] [-offset N] [-order C|F] [-q] FILE [INDEX]
  ndview info FILE.npy
  ndview info [-f FORMAT] [-shape EXTENTS] [-strides BYTES] [-offset N] [-order C|F] [FILE]
  ndview cast [-f FORMAT] [-shape EXTENTS] [-o OUT] [-raw] [-in-f FORMAT -in-shape EXTENTS ...] FILE [INDEX]
  ndview convert -to FORMAT [-o OUT] [-raw] [-f FORMAT -shape EXTENTS ...] FILE [INDEX]
  ndview help [COMMAND]

show     print the array, NumPy-like, summarised when large
info     describe a .npy file's header and layout, a FORMAT, or a raw layout
cast     read the bytes as another FORMAT (no value changes); write .npy or -raw
convert  convert the values into another FORMAT or byte order; write .npy or -raw

FORMAT   a struct / PEP 3118 format: "<d" little-endian float64, ">i" big-endian
         int32, "<Zf" complex64, "T{<i:id:<d:price:}" a record
EXTENTS  the shape, "3,4"; one extent may be -1: as many as FILE holds after -offset
BYTES    the strides, "32,8", negative allowed; default: contiguous in -order
INDEX    a NumPy index, quoted: "::2, 1:3, ..., None"
FILE     a file (memory-mapped: only what is used is read), or - for stdin; a .npy
         file (found by its magic) needs no layout flags: its header has the layout.
         Layout flags read FILE as raw bytes; for a .npy file they need -offset.
OUT      cast and convert write a .npy file (-raw: the bytes alone) to -o OUT or
         to standard output, but never to a terminal

Flags go before FILE. Errors print one line to stderr and exit with status 2.

Examples:
  ndview info data.npy
  ndview show data.npy '::100, -1'
  ndview show -f '<d' -shape 1000,1000 matrix.bin '::100, -1'
  ndview show -f '<i' -shape -1,6 -offset 16 records.bin
  ndview info -f 'T{<i:id:<d:price:(2)<f:xy:}'
  ndview info -f '<d' -shape 3,4 -strides 8,24
  ndview cast -f B -o bytes.npy data.npy
  ndview cast -f '<d' -in-f '<d' -in-shape -1,4 -o matrix.npy matrix.bin
  ndview convert -to '>f' -o big.npy data.npy '::2'
  ndview convert -to '<i' -raw -o ints.bin data.npy
`

// help prints the usage, or one command's usage and flags.
func help(w io.Writer, args []string) error {
	if len(args) == 0 {
		_, err := io.WriteString(w, usage)
		return err
	}
	if len(args) > 1 {
		return fmt.Errorf("help takes one command, got %d arguments", len(args))
	}
	switch args[0] {
	case "show":
		return commandHelp(w, newShowFlags())
	case "info":
		return commandHelp(w, newInfoFlags())
	case "cast":
		return commandHelp(w, newCastFlags())
	case "convert":
		return commandHelp(w, newConvertFlags())
	case "tour":
		_, err := io.WriteString(w, "usage: ndview [tour]\n\nA short tour of the library on built-in data.\n")
		return err
	}
	return fmt.Errorf("unknown command %q (run 'ndview help')", args[0])
}

// commandFlags is a command's flag set with its synopsis and description.
type commandFlags struct {
	fs       *flag.FlagSet
	synopsis string
	about    string
	layout   *layoutFlags
	quiet    *bool        // show only
	out      *outputFlags // cast and convert
}

// commandHelp prints a command's synopsis, description and flags.
func commandHelp(w io.Writer, c commandFlags) error {
	if _, err := fmt.Fprintf(w, "usage: %s\n\n%s\n\nFlags:\n", c.synopsis, c.about); err != nil {
		return err
	}
	c.fs.SetOutput(w)
	c.fs.PrintDefaults()
	return nil
}

// errHelp reports that a command printed its help for -h: success, with
// nothing more to do.
var errHelp = errors.New("help printed")

// parse parses a command's flags. The flag package's own messages are
// discarded so that an error is reported once, on one line, by run; -h
// prints the command's help to w instead.
func parse(w io.Writer, c commandFlags, args []string) ([]string, error) {
	c.fs.SetOutput(io.Discard)
	if err := c.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			if err := commandHelp(w, c); err != nil {
				return nil, err
			}
			return nil, errHelp
		}
		return nil, err
	}
	if c.layout != nil {
		c.layout.noteGiven(c.fs)
	}
	rest := c.fs.Args()
	// The flag package stops at the first argument that is not a flag, so
	// "show FILE -shape 3" would silently make "-shape" the index. Name the
	// mistake instead; "-1" and other indices stay allowed.
	for _, a := range rest {
		if name, ok := flagName(a); ok && c.fs.Lookup(name) != nil {
			return nil, fmt.Errorf("flag %s after FILE: flags go before FILE", a)
		}
	}
	return rest, nil
}

// flagName returns the flag name that argument a spells, if it looks like
// a flag ("-x", "--x", "-x=v").
func flagName(a string) (string, bool) {
	if !strings.HasPrefix(a, "-") || a == "-" {
		return "", false
	}
	name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	name, _, _ = strings.Cut(name, "=")
	return name, name != ""
}

// oneLine makes an error message fit the one line that run promises:
// library messages may quote user input holding newlines.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// describe returns an error's message without the "ndview: " that the
// library's sentinel errors start with, since run adds its own prefix.
func describe(err error) string {
	return strings.TrimPrefix(err.Error(), "ndview: ")
}

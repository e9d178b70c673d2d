package format

import (
	"errors"
	"strconv"
)

// Sentinel errors. Every error returned by Parse, Pack, Unpack, their
// variants and the Field setters matches at least one of them with
// errors.Is (a *SyntaxError matches ErrSyntax and possibly ErrTooLarge or
// ErrUnsupported); the concrete types (*SyntaxError, *ValueError) carry
// the details. A Reader reports short input with io.EOF and
// io.ErrUnexpectedEOF, as io.ReadFull does.
var (
	// ErrSyntax: the format string is malformed (a bad character, a count
	// with no code after it, an unterminated record or sub-array shape, ...).
	ErrSyntax = errors.New("format: syntax error")

	// ErrUnsupported: the format names something this package cannot do:
	// a code that cannot carry a Go value (O, g, Zg, u, w) used to pack or
	// unpack, or, at parse time (as a *SyntaxError, so matching ErrSyntax
	// too), a PEP 3118 code with no byte layout (t, &, X{}).
	ErrUnsupported = errors.New("format: unsupported")

	// ErrTooLarge: the layout's size, a repeat count or a sub-array shape
	// overflows, or a format would produce an unbounded number of zero-size
	// values. CPython says "total struct size too long".
	ErrTooLarge = errors.New("format: struct size too long")

	// ErrSize: a byte slice does not have the length the format needs.
	ErrSize = errors.New("format: wrong buffer size")

	// ErrRange: a value does not fit the code it is packed into (an integer
	// outside the C type's range, a finite float too large for e or f), or
	// an unpacked value does not fit the Go variable it is stored into.
	ErrRange = errors.New("format: value out of range")

	// ErrType: a Go value (or pointer) of a type that cannot be used with
	// the code, such as a string packed into i.
	ErrType = errors.New("format: wrong value type")

	// ErrCount: the number of values (or pointers) passed differs from the
	// number the format packs or unpacks.
	ErrCount = errors.New("format: wrong number of values")
)

// SyntaxError describes a format string that could not be parsed.
// It matches ErrSyntax with errors.Is, and also ErrTooLarge or
// ErrUnsupported when that is the cause.
type SyntaxError struct {
	Format string // the format string as given
	Pos    int    // byte offset in Format where the problem was found
	Msg    string // what is wrong, in CPython's words where it has them
	Err    error  // ErrSyntax, ErrTooLarge or ErrUnsupported
}

// Error returns the message with the quoted format and the position.
func (e *SyntaxError) Error() string {
	return "format " + strconv.Quote(e.Format) + ": " + e.Msg + " at position " + strconv.Itoa(e.Pos)
}

// Unwrap returns the specific sentinel (ErrSyntax, ErrTooLarge or ErrUnsupported).
func (e *SyntaxError) Unwrap() error { return e.Err }

// Is reports whether target is ErrSyntax: every SyntaxError is a syntax error,
// whatever its more specific cause.
func (e *SyntaxError) Is(target error) bool { return target == ErrSyntax }

// ValueError describes a value that could not be packed or unpacked.
// It matches ErrRange, ErrType, ErrUnsupported or ErrCount with errors.Is.
type ValueError struct {
	Index int    // index of the value in the argument list (or -1)
	Code  string // the format code involved, such as "h" or "Zd"
	Msg   string // what is wrong
	Err   error  // the sentinel
}

// Error returns the message with the value's index and code.
func (e *ValueError) Error() string {
	s := "format: "
	switch {
	case e.Index >= 0 && e.Code != "":
		s += "value " + strconv.Itoa(e.Index) + " ('" + e.Code + "'): "
	case e.Index >= 0:
		s += "value " + strconv.Itoa(e.Index) + ": "
	case e.Code != "":
		s += "'" + e.Code + "': "
	}
	return s + e.Msg
}

// Unwrap returns the sentinel.
func (e *ValueError) Unwrap() error { return e.Err }

func syntaxErr(s string, pos int, msg string) error {
	return &SyntaxError{Format: s, Pos: pos, Msg: msg, Err: ErrSyntax}
}

func sizeErr(need, have int) error {
	return &sizeError{need: need, have: have}
}

// sizeError is returned when a buffer's length does not match the format.
type sizeError struct{ need, have int }

// Error says how many bytes were needed and how many there were.
func (e *sizeError) Error() string {
	return "format: need a buffer of " + strconv.Itoa(e.need) + " bytes, have " + strconv.Itoa(e.have)
}

// Unwrap returns ErrSize.
func (e *sizeError) Unwrap() error { return ErrSize }

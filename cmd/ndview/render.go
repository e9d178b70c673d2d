package main

import (
	"fmt"
	"io"

	"github.com/ndview/ndview/ndview"
)

// printView writes v as NumPy's str() prints an array, and a newline. The
// View's printing reads only the elements it shows (a large view is
// summarised), so printing a view of a mapped file reads only their pages.
func printView(w io.Writer, v ndview.View) error {
	_, err := fmt.Fprintln(w, v)
	return err
}

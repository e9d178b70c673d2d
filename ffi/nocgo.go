//go:build !cgo

package ffi

// Without cgo nothing can be handed to C: these are the cgo functions'
// stand-ins, so that a module built with CGO_ENABLED=0 still builds.
// Each returns ErrNoCgo. Data, Outstanding and the handle types work.

import (
	"unsafe"

	"github.com/ndview/ndview/ndview"
)

func cFree(unsafe.Pointer) {}

// Export needs cgo; built without it, it returns ErrNoCgo.
func Export(ndview.View) (*Buffer, error) { return nil, ErrNoCgo }

// Alloc needs cgo; built without it, it returns ErrNoCgo.
func Alloc(string, ...int) (*Memory, error) { return nil, ErrNoCgo }

// Wrap needs cgo; built without it, it returns ErrNoCgo.
func Wrap(unsafe.Pointer, int, ndview.Layout, func()) (*Memory, error) { return nil, ErrNoCgo }

// ExportDLPack needs cgo; built without it, it returns ErrNoCgo.
func ExportDLPack(ndview.View) (unsafe.Pointer, error) { return nil, ErrNoCgo }

// ExportDLPackLegacy needs cgo; built without it, it returns ErrNoCgo.
func ExportDLPackLegacy(ndview.View) (unsafe.Pointer, error) { return nil, ErrNoCgo }

// ImportDLPack needs cgo; built without it, it returns ErrNoCgo.
func ImportDLPack(unsafe.Pointer) (*Memory, error) { return nil, ErrNoCgo }

// ImportDLPackLegacy needs cgo; built without it, it returns ErrNoCgo.
func ImportDLPackLegacy(unsafe.Pointer) (*Memory, error) { return nil, ErrNoCgo }

// ReleaseDLPack needs cgo; built without it, it does nothing.
func ReleaseDLPack(unsafe.Pointer) {}

// ReleaseDLPackLegacy needs cgo; built without it, it does nothing.
func ReleaseDLPackLegacy(unsafe.Pointer) {}

package ffi

import (
	"errors"

	"github.com/ndview/ndview/cast"
	"github.com/ndview/ndview/ndview"
)

// Sentinel errors; every error this package returns matches one with
// errors.Is and says what failed.
var (
	// ErrReleased: a handle used after Release or Free.
	ErrReleased = errors.New("ffi: handle already released")

	// ErrNoCgo: the program was built without cgo (CGO_ENABLED=0), so
	// nothing can be handed to C.
	ErrNoCgo = errors.New("ffi: built without cgo")

	// ErrDLPack: a DLPack tensor this package cannot take or make: another
	// device, major version, lane count, or data type; strides that are
	// not whole elements; NULL data with elements.
	ErrDLPack = errors.New("ffi: unsupported DLPack tensor")

	// ErrNotContiguous is cast.ErrNotContiguous: Data needs a
	// C-contiguous view.
	ErrNotContiguous = cast.ErrNotContiguous

	// ErrLayout is ndview.ErrLayout: C memory described by a pointer, a
	// length and a layout that addresses bytes outside it.
	ErrLayout = ndview.ErrLayout
)

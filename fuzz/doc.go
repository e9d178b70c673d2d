// Package fuzz holds the module's go test -fuzz targets. It has no API of
// its own: its tests drive every parser and every operation of the other
// packages with arbitrary input and check them against invariants, so that
// no input makes them panic, hang, allocate without bound or read outside
// a buffer.
//
// The targets:
//
//   - FuzzParseFormat, FuzzPackUnpack, FuzzReader: format strings, packing
//     and unpacking, the zero-copy Reader (format_test.go, reader_test.go).
//   - FuzzView: FromLayout, New, NewFortran, Make and MakeOf over any
//     shape, strides, offset and buffer; a layout is accepted exactly when
//     every byte it addresses is in the buffer (decided independently, with
//     exact arithmetic), and every view passes the view invariants (Items,
//     All, Runs, ToBytes, contiguity, Bytes, Span, Clone, Equal, ToList,
//     Value, printing, read-only writes, and FromLayout(v.Layout())).
//   - FuzzIndexExpr: ParseIndex, Index.String, IndexString and Index against a
//     brute-force model of NumPy's basic indexing.
//   - FuzzOps: programs of Index, T, Transpose, SwapAxes, Flip,
//     Squeeze, ExpandDims, BroadcastTo, Diagonal, Reshape, Ravel,
//     AsReadOnly, Clone, Fill, SetValue, CopyTo, cast.To and
//     cast.LastAxis, each checked after every step against a model that
//     holds every element's byte address, computed by brute force; Reshape
//     refuses exactly when no strides give the same addresses, and a cast
//     succeeds exactly when the addresses are contiguous and the bytes
//     divide (view_pipeline_test.go).
//   - FuzzCopyTo: CopyTo between overlapping views of one memory against a
//     copy through a temporary (view_copy_test.go).
//   - FuzzTyped: As, At, At1, At2, Set, Set1, Set2, All, Chunks and Direct
//     over every numeric format, byte order and alignment, against
//     encoding/binary (view_typed_test.go).
//   - FuzzCast: cast.To, ToFormat, LastAxis and LastAxisFormat of any view
//     to any format and shape, against a model of when they succeed and
//     the layout they give (the same buffer and bytes; casting back gives
//     the layout back), and Slice, ReadOnlySlice, SliceOf, ViewOf and
//     BytesOf for every Go number type (cast_test.go).
//   - FuzzConvert: cast.Convert between any two numeric formats, byte
//     orders, strides and alignments, over one memory or two, against an
//     element-by-element reference with struct's range rules; a
//     *RangeError names the first element that does not fit, and nothing
//     outside the destination's elements changes (cast_test.go).
//   - FuzzGonum: gonumview's Dense and VecDense succeed exactly when a
//     model of gonum's layout rules says so (else the sentinel of the
//     first rule broken), share memory both ways and round-trip through
//     FromDense and FromVecDense; Matrix, Vector, the adapters and
//     CopyDense read every element as the view does; FromGeneral and
//     FromVec accept exactly the raw fields that describe memory
//     (gonum_test.go).
//   - FuzzNpyHeader: npy's ParseHeader, Load and Read of any bytes agree (the
//     same header, or errors of the same sentinel); a loaded view is the
//     input's own data bytes in the header's order, and Write of it loads
//     back to the same shape, bytes and values and writes back unchanged
//     (npy_test.go).
//   - FuzzDLPack: ffi.ImportDLPack and ImportDLPackLegacy of tensors whose
//     every field is the input's, built in C memory (internal/dlfuzz):
//     a tensor is refused with ErrDLPack, its deleter left to the caller,
//     exactly when a model of DLPack's rules says so (version, device,
//     lanes, data type, ndim, NULL shape or data, negative extents,
//     overflow, bytes outside the address space); otherwise its view has
//     the model's format, shape, strides and read-only flag, every element
//     at the address computed from the fields, and Free runs the deleter
//     once. ExportDLPack of any view round-trips through the import to the
//     same layout and addresses; Outstanding returns to where it was
//     (dlpack_test.go; cgo builds only).
//
// The view targets decode their input as a stream of small decisions
// (view_test.go); view_seeds_test.go has helpers that write seed inputs
// readably. Every target is also seeded from the conformance suite
// (../testdata/conformance): formats, packed bytes, layouts, index
// expressions, pipelines and .npy files, encoded as the inputs that
// decode to exactly those cases (conformance_seeds_test.go, whose
// TestConformanceSeeds checks every encoding).
//
// Run one target for as long as you like (the CI runs each for 10
// seconds):
//
//	go test -run '^$' -fuzz '^FuzzParseFormat$' -fuzztime 10m ./fuzz
//
// Inputs that fail are saved under testdata/fuzz/<target>/ and replayed by
// every later go test run; keep them as regression tests.
package fuzz

// Package fuzz holds the module's go test -fuzz targets. It has no API of
// its own: its tests drive every parser and every operation of the other
// packages with arbitrary input and check them against invariants, so that
// no input makes them panic, hang, allocate without bound or read outside
// a buffer.
//
// Run one target for as long as you like (the CI runs each for 10s):
//
//	go test -run '^$' -fuzz '^FuzzParseFormat$' -fuzztime 10m ./fuzz
//
// Inputs that fail are saved under testdata/fuzz/<target>/ and replayed by
// every later go test run; keep them as regression tests.
package fuzz

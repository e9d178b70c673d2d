//go:build !linux

package ndview_test

// benchBytes returns n zeroed bytes for the benchmark matrices.
func benchBytes(n int) []byte { return make([]byte, n) }

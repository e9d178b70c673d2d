// Package dlfuzz builds DLPack tensors in C memory from arbitrary field
// values, for FuzzDLPack in package fuzz: Go test files cannot use cgo,
// and a tensor a producer hands to ffi.ImportDLPack lives in C memory.
//
// Every field is the caller's to choose, lies included: the version, the
// flags, the device, the data type, ndim (negative, or larger than the
// shape array), NULL shape, strides or data, extreme extents, strides and
// byte_offset. Only what DLPack makes the producer's duty and a consumer
// cannot check is kept true: the shape and strides arrays always hold at
// least ndim entries (up to MaxArray), and the data pointer, when not
// NULL, points into (or just past) a real C buffer. Whether the bytes
// the fields describe lie in that buffer is the caller's to work out.
//
// A tensor's deleter does not free anything: it counts its calls and
// records the pointer it was called with, so that a test can check that
// a consumer calls it exactly once, on the right tensor. Tensor.Free
// frees the C memory afterwards.
package dlfuzz

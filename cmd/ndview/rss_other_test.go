//go:build !linux

package main

// maxRSS returns -1: the peak-memory check of the large-file test runs on
// Linux only, where the unit of Rusage.Maxrss is known.
func maxRSS() int64 { return -1 }

package main

import "syscall"

// maxRSS returns the process's peak resident memory in bytes.
func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return ru.Maxrss << 10 // Linux reports kilobytes
}

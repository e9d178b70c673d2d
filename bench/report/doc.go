// Command report measures ndview against its peers and writes the
// benchmark report: a table on standard output, docs/bench.md (the
// tables, the spread of the runs and the machine) and docs/bench.svg (a
// chart of the ratios and of the scaling series).
//
// Run it from the bench module (make bench does):
//
//	cd bench && go run ./report
//
// It runs the Go benchmarks of ./peers in a child go test (-count runs
// each, with ASSUME_NO_MOVING_GC_UNSAFE_RISK_IT_WITH set, which gorgonia
// needs to start on current Go) and, when the Python given by -python has
// NumPy, the Python peers of python/peers.py in another child, on the
// same data in the same run. Every figure is a median of the runs, shown
// with their range; nothing is dropped, and rows where ndview is slower
// say so.
package main

// Package peers holds the benchmarks of the ndview benchmark report: each
// operation measured with ndview and with what a Go programmer would use
// instead — gonum's mat.Dense, gorgonia's tensor.Dense, encoding/binary,
// and a plain loop or copy as the physical limit — on the same data in
// the same process. The package has no API; its tests are the
// benchmarks, and TestPeersAgree checks that every implementation of an
// operation computes the same result, so that no bar in the report is
// fast because it is wrong.
//
// Benchmark names are Op/impl, or Op/impl/param for the scaling series;
// the report command (../report) runs them with several -count and reads
// their output. gorgonia's tensor imports go4.org/unsafe/assume-no-moving-gc,
// which refuses to start on a Go release it has not been told about: run
// these benchmarks with ASSUME_NO_MOVING_GC_UNSAFE_RISK_IT_WITH=go1.26 (the
// report sets it for its child process).
package peers

# make bench: measure ndview against its peers (gonum, gorgonia, encoding/binary,
# CPython and NumPy) and write docs/bench.md and docs/bench.svg. It takes a few
# minutes; run it on an otherwise idle machine. The benchmarks live in their own
# module (bench/go.mod), so the peers never become dependencies of the library.
.PHONY: bench
bench:
	cd bench && go run ./report

#!/usr/bin/env python3
"""The Python peers of the ndview benchmark report.

Times CPython's memoryview and struct, and NumPy, on the operations of
../peers (the same data: a 2000x2000 float64 matrix whose element k is
(k % 1000) * 0.5, 100,000 <IId records, 100,000 framed 1 KB messages) and
prints one JSON object: {"python": version, "numpy": version,
"results": {"Op/impl": [ns per op, one per repeat], ...}}.

Each timing is a median-friendly set of repeats: the loop count is chosen
so that one repeat takes about the given target time, as timeit's
autorange does, and each repeat reports nanoseconds per operation.
"""

import json
import struct
import sys
import time

REPEATS = 5
TARGET = 0.2  # seconds per repeat

N, BIG = 1000, 2000
N_RECORDS, PAYLOAD = 100_000, 1024


def timed(fn, repeats, target):
    """ns per call of fn, one figure per repeat."""
    loops = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(loops):
            fn()
        dt = time.perf_counter() - t0
        if dt >= target / 5 or loops >= 1 << 30:
            break
        loops *= 10 if dt < target / 50 else 2
    loops = max(1, int(loops * target / max(dt, 1e-9)))
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(loops):
            fn()
        out.append((time.perf_counter() - t0) / loops * 1e9)
    return out


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else REPEATS
    target = float(sys.argv[2]) if len(sys.argv) > 2 else TARGET
    res = {}

    def bench(name, fn):
        res[name] = timed(fn, repeats, target)

    try:
        import numpy as np
    except ImportError:
        np = None

    # memoryview and struct: everything CPython has without NumPy.
    flat = struct.pack("<%dd" % (N * N), *[(k % 1000) * 0.5 for k in range(N * N)])
    mv = memoryview(flat).cast("d", (N, N))
    bench("Reshape/memoryview", lambda: mv.cast("B").cast("d", (100, 10000)))

    def sum_at_mv():
        s = 0.0
        for i in range(N):
            for j in range(N):
                s += mv[i, j]
        return s

    bench("SumAt/memoryview", sum_at_mv)
    mv1 = memoryview(flat).cast("d")
    bench("SumRuns/memoryview", lambda: sum(mv1))
    bench("CopyContig/memoryview", lambda: mv.tobytes())

    rec = struct.Struct("<IId")
    recs = b"".join(rec.pack(i, 2 * i, i / 3) for i in range(N_RECORDS))
    bench("Records/struct", lambda: list(rec.iter_unpack(recs)))

    hdr = struct.Struct("<II")
    msgs = b"".join(hdr.pack(i % 7, PAYLOAD) + bytes(PAYLOAD) for i in range(N_RECORDS))
    mm = memoryview(msgs)

    def walk():
        off, count, total, end = 0, 0, 0, len(mm)
        unpack = hdr.unpack_from
        while off < end:
            typ, length = unpack(mm, off)
            off += 8
            p = mm[off:off + length]
            off += length
            total += typ + len(p)
            count += 1
        return count, total

    bench("Messages/struct", walk)

    if np is not None:
        a = (np.arange(BIG * BIG, dtype="<f8") % 1000) * 0.5
        a = a.reshape(BIG, BIG)
        region = a[:N, :N]
        bench("Slice2D/numpy", lambda: region[::2, 1:300])
        bench("Transpose/numpy", lambda: region.T)
        contig = np.ascontiguousarray(a.reshape(-1)[: N * N]).reshape(N, N)
        bench("Reshape/numpy", lambda: contig.reshape(100, 10000))

        def sum_at_np():
            s = 0.0
            for i in range(N):
                for j in range(N):
                    s += contig[i, j]
            return s

        bench("SumAt/numpy", sum_at_np)
        bench("SumRuns/numpy", lambda: contig.sum())
        dst = np.empty((N, N), dtype="<f8")
        for name, src in (("CopyContig", contig), ("CopyInnerRows", region),
                          ("CopyStep2", a[::2, ::2]), ("CopyTransposed", region.T)):
            bench(name + "/numpy", lambda src=src: np.copyto(dst, src))
        dt = np.dtype([("a", "<u4"), ("b", "<u4"), ("c", "<f8")])
        bench("Records/numpy", lambda: np.frombuffer(recs, dtype=dt).copy())

        for size in (1 << 10, 1 << 14, 1 << 18, 1 << 22, 1 << 26, 1 << 28):
            name = "%dMB" % (size >> 20) if size >= 1 << 20 else "%dKB" % (size >> 10)
            v = np.arange(size // 8, dtype="<f8") % 1000
            bench("ScaleAccess/numpy/" + name, lambda v=v: v.sum())
            side = int((size // 8) ** 0.5)
            s = np.arange(side * side, dtype="<f8").reshape(side, side)
            d = np.empty_like(s)
            bench("ScaleCopy/numpy_T/" + name, lambda s=s, d=d: np.copyto(d, s.T))
            del v, s, d
        for nd in range(1, 9):
            t = np.zeros((4,) * nd)
            idx = (slice(None, None, 2),) * nd
            bench("ScaleSliceNDim/numpy/nd=%d" % nd, lambda t=t, idx=idx: t[idx])

    json.dump({
        "python": sys.version.split()[0],
        "numpy": np.__version__ if np is not None else None,
        "results": res,
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()

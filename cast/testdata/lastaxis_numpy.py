#!/usr/bin/python3
"""NumPy oracle for cast's crosscheck_lastaxis_test.go.

Reads {"cases": [...]} from stdin: each case a layout (format, buffer hex,
shape, strides, offset) and a new format. Writes {"results": [...]}: for
each case, what ndarray.view(new dtype) gives in NumPy — an error category
("contiguous" or "size") or the result's shape, strides, byte offset into
the buffer and bytes in C order.
"""

import json
import sys

import numpy as np

CODES = {
    "b": "i1", "B": "u1", "h": "i2", "H": "u2", "i": "i4", "I": "u4",
    "q": "i8", "Q": "u8", "e": "f2", "f": "f4", "d": "f8", "?": "b1",
    "Zf": "c8", "Zd": "c16",
}


def dtype_of(fmt):
    order = {"<": "<", ">": ">"}.get(fmt[0], "=")
    code = fmt[1:] if fmt[0] in "<>" else fmt
    return np.dtype(order + CODES[code])


def run(case):
    buf = bytearray.fromhex(case["buf"])
    try:
        a = np.ndarray(tuple(case["shape"]), dtype_of(case["format"]), buffer=buf,
                       offset=case["offset"], strides=tuple(case["strides"]))
    except (ValueError, TypeError) as e:
        return {"error": "layout", "detail": str(e)}
    try:
        b = a.view(dtype_of(case["to"]))
    except ValueError as e:
        msg = str(e)
        if "contiguous" in msg:
            return {"error": "contiguous", "detail": msg}
        return {"error": "size", "detail": msg}
    base = np.frombuffer(buf, np.uint8).__array_interface__["data"][0]
    return {
        "shape": list(b.shape),
        "strides": list(b.strides),
        "offset": b.__array_interface__["data"][0] - base,
        "bytes": b.tobytes(order="C").hex(),
    }


def main():
    cases = json.load(sys.stdin)["cases"]
    json.dump({"results": [run(c) for c in cases]}, sys.stdout)


main()

#!/usr/bin/env python3
"""Oracle for cast's TestConvertCrossCheckStruct.

Reads {"formats": [...], "items": {format: [hex, ...]}} on stdin: struct
format strings (real numbers and ?, no complex: struct has none) and, for
each, items in that format. For every source format, item and destination
format it unpacks the item with struct and packs the value into the
destination as cast.Convert documents: struct.pack's rules, plus a float
going into an integer code truncated toward zero first (NaN and
infinities do not fit). Writes
{"native": [calcsize("l"), calcsize("P"), sys.byteorder],
 "results": {src: {dst: [hex or "range", ...]}}}.
"""

import json
import math
import struct
import sys

INT_CODES = set("bBhHiIlLqQnNP")


def pyformat(f):
    # '^' (PEP 3118: native order and sizes, no alignment) is '@' for one item.
    return "@" + f[1:] if f.startswith("^") else f


def convert(src, dst, raw):
    (v,) = struct.unpack(pyformat(src), raw)
    if dst.lstrip("@=<>!^") in INT_CODES and isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            return "range"
        v = math.trunc(v)
    try:
        return struct.pack(pyformat(dst), v).hex()
    except (struct.error, OverflowError):
        return "range"


def main():
    req = json.load(sys.stdin)
    formats = req["formats"]
    results = {}
    for src in formats:
        raws = [bytes.fromhex(h) for h in req["items"][src]]
        results[src] = {dst: [convert(src, dst, raw) for raw in raws] for dst in formats}
    json.dump({"native": [struct.calcsize("l"), struct.calcsize("P"), sys.byteorder],
               "results": results}, sys.stdout)


if __name__ == "__main__":
    main()

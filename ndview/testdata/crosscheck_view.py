#!/usr/bin/python3
"""NumPy oracle for ndview's crosscheck_test.go.

Reads one JSON object {"cases": [...]} from stdin and writes one JSON object
{"results": [...]} to stdout. Each case is a layout (format, buffer hex,
shape, strides, offset) and a sequence of view operations; the result
records, for the layout and after each operation, either an error category
or the view's geometry, flags, bytes and values, as NumPy 1.24 sees them.

Error categories, matched against ndview's sentinels by the Go side:
  layout  np.ndarray refused the layout (ErrLayout)
  index   basic indexing failed (ErrIndex)
  axis    an axis out of range, repeated, or not a permutation (ErrAxis)
  shape   shapes that do not fit (ErrShape)
  copy    reshape would copy (ErrNeedsCopy)
"""

import json
import math
import struct
import sys

import numpy as np

CODES = {
    "b": "i1", "B": "u1", "h": "i2", "H": "u2", "i": "i4", "I": "u4",
    "q": "i8", "Q": "u8", "e": "f2", "f": "f4", "d": "f8", "?": "b1",
}


def dtype_of(fmt):
    prefix, code = fmt[:-1], fmt[-1]
    order = {"<": "<", ">": ">", "!": ">"}.get(prefix, "=")
    return np.dtype(order + CODES[code])


def value_token(x):
    """Go's side builds the same tokens from View.Value."""
    if isinstance(x, bool):
        return "b:1" if x else "b:0"
    if isinstance(x, int):
        return "i:%d" % x
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        return "f:%d" % struct.unpack("<Q", struct.pack("<d", x))[0]
    raise TypeError("unexpected element %r" % (x,))


def describe(a, base):
    return {
        "shape": list(a.shape),
        "strides": list(a.strides),
        "offset": a.__array_interface__["data"][0] - base,
        "c": bool(a.flags.c_contiguous),
        "f": bool(a.flags.f_contiguous),
        "readonly": not a.flags.writeable,
        "bytes": a.tobytes(order="C").hex(),
        "values": [value_token(x) for x in a.ravel(order="C").tolist()],
    }


def index_item(it):
    k = it["k"]
    if k == "int":
        return it["v"]
    if k == "slice":
        return slice(it.get("start"), it.get("stop"), it.get("step"))
    if k == "ellipsis":
        return Ellipsis
    if k == "newaxis":
        return None
    raise ValueError("bad item kind %r" % k)


class OpError(Exception):
    def __init__(self, category, detail):
        super().__init__(detail)
        self.category = category


def apply(a, op, buf, base):
    k = op["op"]
    try:
        if k == "index":
            items = [index_item(it) for it in op.get("items") or []]
            if not any(x is Ellipsis for x in items):
                items.append(Ellipsis)  # so that a full integer index gives a 0-d view, not a scalar
            return a[tuple(items)]
        if k == "transpose":
            axes = op.get("axes") or []
            return a.transpose(*axes) if axes else a.transpose()
        if k == "swapaxes":
            return np.swapaxes(a, op["a"], op["b"])
        if k == "flip":
            return np.flip(a, op["a"])
        if k == "squeeze":
            axes = op.get("axes") or []
            return np.squeeze(a, axis=tuple(axes)) if axes else np.squeeze(a)
        if k == "expand_dims":
            return np.expand_dims(a, op["a"])
        if k == "broadcast_to":
            return np.broadcast_to(a, tuple(op.get("shape") or []))
        if k == "diagonal":
            d = a.diagonal(op["offset"], op["a"], op["b"])
            if a.flags.writeable:
                # NumPy makes diagonals read-only; ndview keeps the flag.
                # Rebuild the same view, writable, over the buffer.
                off = d.__array_interface__["data"][0] - base
                if d.size == 0:
                    off = 0  # NumPy may leave an empty diagonal outside the buffer
                d = np.ndarray(d.shape, d.dtype, buffer=buf, offset=off, strides=d.strides)
            return d
        if k == "reshape":
            b = a.view()
            b.shape = tuple(op.get("shape") or [])
            return b
    except np.AxisError as e:
        raise OpError("axis", str(e))
    except AttributeError as e:
        if k == "reshape":
            raise OpError("copy", str(e))
        raise
    except (IndexError, ValueError, TypeError) as e:
        msg = str(e)
        if k == "index":
            raise OpError("index", msg)
        if k in ("transpose", "swapaxes", "flip", "expand_dims", "diagonal"):
            raise OpError("axis", msg)
        if k == "squeeze":
            raise OpError("axis" if ("repeated" in msg or "duplicate" in msg) else "shape", msg)
        if k in ("broadcast_to", "reshape"):
            raise OpError("shape", msg)
        raise
    raise ValueError("bad op %r" % k)


def run(case):
    lay = case["layout"]
    buf = bytearray(bytes.fromhex(lay["buf"]))
    base = np.frombuffer(buf, dtype=np.uint8).__array_interface__["data"][0]
    try:
        a = np.ndarray(tuple(lay["shape"]), dtype_of(lay["format"]), buffer=buf,
                       offset=lay["offset"], strides=tuple(lay["strides"]))
    except (ValueError, TypeError) as e:
        return {"id": case["id"], "steps": [{"error": "layout", "detail": str(e)}]}
    steps = [describe(a, base)]
    for op in case.get("ops") or []:
        try:
            a = apply(a, op, buf, base)
        except OpError as e:
            steps.append({"error": e.category, "detail": str(e)})
            break
        steps.append(describe(a, base))
    return {"id": case["id"], "steps": steps}


def main():
    req = json.load(sys.stdin)
    out = []
    for case in req["cases"]:
        try:
            out.append(run(case))
        except Exception as e:  # report, do not hide, an oracle failure
            out.append({"id": case["id"], "crash": "%s: %s" % (type(e).__name__, e)})
    json.dump({"numpy": np.__version__, "results": out}, sys.stdout)


if __name__ == "__main__":
    main()

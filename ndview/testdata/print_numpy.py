"""Print views as NumPy 1.24 prints the same arrays, for ndview's print tests.

Reads a JSON list of cases from stdin, each
    {"buf": hex bytes, "format": PEP 3118 format, "itemsize": n,
     "shape": [...], "strides": [...], "offset": n}
and writes a JSON list of {"str": str(a), "repr": ...} where a is the
NumPy array over the same bytes and repr is NumPy's repr laid out with
"View(" for "array(" and "format='...', shape=(...))" for the dtype, as
View.GoString does. A case NumPy cannot build gives {"error": message}.
"""
import json
import sys

import numpy as np
from numpy.core._internal import _dtype_from_pep3118


def build(case):
    buf = bytearray(bytes.fromhex(case["buf"]))
    dt = _dtype_from_pep3118(case["format"])
    item = case["itemsize"]
    if dt.itemsize != item:
        raise ValueError("numpy itemsize %d, view itemsize %d" % (dt.itemsize, item))
    raw = np.ndarray(tuple(case["shape"]), dtype=np.dtype((np.void, item)),
                     buffer=buf, offset=case["offset"], strides=tuple(case["strides"]))
    return raw.view(dt)


def view_repr(a, fmt, shape):
    # numpy's _array_repr_implementation, with View's prefix and tail.
    prefix = "View("
    width = np.get_printoptions()["linewidth"]
    if a.size > 0 or a.shape == ():
        body = np.array2string(a, width, separator=", ", prefix=prefix, suffix=",")
    else:
        body = "[]"
    arr = prefix + body + ","
    shp = "(" + ", ".join(str(e) for e in shape) + ("," if len(shape) == 1 else "") + ")"
    tail = "format=%r, shape=%s)" % (fmt, shp)
    last = len(arr) - (arr.rfind("\n") + 1)
    spacer = " "
    if last + len(tail) + 1 > width:
        spacer = "\n" + " " * len(prefix)
    return arr + spacer + tail


def main():
    out = []
    for case in json.load(sys.stdin):
        try:
            a = build(case)
            out.append({"str": str(a), "repr": view_repr(a, case["format"], case["shape"])})
        except Exception as e:  # reported to the test, which skips the case
            out.append({"error": "%s: %s" % (type(e).__name__, e)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

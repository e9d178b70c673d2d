"""Format floats with NumPy 1.24's Dragon4, for ndview's print tests.

Reads a JSON list of cases from stdin, each
    {"bits": 16|32|64, "x": the value's bits as an integer, "sci": bool,
     "precision": n, "min_digits": n, "trim": "k"|"."|"0"|"-",
     "sign": bool, "pad_left": n, "pad_right": n, "exp_digits": n}
(-1 meaning None) and writes the JSON list of strings that
numpy.format_float_scientific or numpy.format_float_positional (with
fractional=True) returns.
"""
import json
import sys

import numpy as np

TYPES = {16: (np.float16, np.uint16), 32: (np.float32, np.uint32), 64: (np.float64, np.uint64)}


def opt(n):
    return None if n < 0 else n


def main():
    out = []
    for c in json.load(sys.stdin):
        ft, ut = TYPES[c["bits"]]
        x = np.array([c["x"]], dtype=ut).view(ft)[0]
        if c["sci"]:
            s = np.format_float_scientific(x, precision=opt(c["precision"]), unique=True, trim=c["trim"],
                                           sign=c["sign"], pad_left=opt(c["pad_left"]),
                                           exp_digits=opt(c["exp_digits"]), min_digits=opt(c["min_digits"]))
        else:
            s = np.format_float_positional(x, precision=opt(c["precision"]), unique=True, fractional=True,
                                           trim=c["trim"], sign=c["sign"], pad_left=opt(c["pad_left"]),
                                           pad_right=opt(c["pad_right"]), min_digits=opt(c["min_digits"]))
        out.append(s)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

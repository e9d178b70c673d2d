#!/usr/bin/python3
"""NumPy oracle for npy's crosscheck_test.go.

  crosscheck.py load FILE...   np.load each file and print one JSON object
                               {file: reading}: how NumPy reads it.
  crosscheck.py save DIR       np.save the arrays below into DIR and print
                               a JSON list of {file, ..., reading}.

A reading is the dtype (descr as the header writes it, dtype.str), shape,
fortran order, the file's version, the elements in C order as tokens, the
elements' bytes in memory order (hex), and whether numpy.save of the loaded
array gives the file back byte for byte. Tokens (the Go side builds the
same from View.Value): "b:1"/"b:0", "i:<decimal>", "f:<float.hex>",
"c:<re.hex>,<im.hex>", "s:<hex, trailing NULs stripped>" (NumPy strips
them from S values), and lists for records and sub-arrays.
"""

import io
import json
import sys
import warnings

import numpy as np


def token(x):
    if isinstance(x, bool):
        return "b:1" if x else "b:0"
    if isinstance(x, int):
        return "i:%d" % x
    if isinstance(x, float):
        return "f:" + x.hex()
    if isinstance(x, complex):
        return "c:%s,%s" % (x.real.hex(), x.imag.hex())
    if isinstance(x, bytes):
        return "s:" + x.rstrip(b"\0").hex()
    if isinstance(x, (tuple, list)):
        return [token(e) for e in x]
    if isinstance(x, np.ndarray):  # a sub-array field of a record
        return token(x.tolist())
    if isinstance(x, np.generic):
        return token(x.item())
    raise TypeError("unexpected element %r" % (x,))


def reading(path):
    with open(path, "rb") as f:
        raw = f.read()
    a = np.load(path, max_header_size=1 << 20)
    d = np.lib.format.dtype_to_descr(a.dtype)
    fortran = bool(a.flags.f_contiguous and not a.flags.c_contiguous)
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        np.save(out, a)
    return {
        "descr": d if isinstance(d, str) else repr(d),
        "str": a.dtype.str,
        "shape": list(a.shape),
        "fortran": fortran,
        "major": raw[6],
        "values": [token(x) for x in a.reshape(-1).tolist()],
        # The bytes in memory order (C, or F for a Fortran-ordered array):
        # a copy into C order would zero the padding of records.
        "bytes": (a.T if fortran else a).tobytes().hex(),
        "resaved_identical": out.getvalue() == raw,
    }


def rand(rng, dtype, shape):
    dtype = np.dtype(dtype)
    n = int(np.prod(shape, dtype=np.int64))
    return np.frombuffer(rng.bytes(n * dtype.itemsize), dtype).reshape(shape).copy()


def cases(rng):
    """(name, array, Go format, how the Go writer must give it back)."""
    out = []
    for code, fmt in [
        ("?", "<?"), ("i1", "<b"), ("u1", "<B"),
        ("<i2", "<h"), (">i2", ">h"), ("<u2", "<H"), (">u2", ">H"),
        ("<i4", "<i"), (">i4", ">i"), ("<u4", "<I"), (">u4", ">I"),
        ("<i8", "<q"), (">i8", ">q"), ("<u8", "<Q"), (">u8", ">Q"),
        ("<f2", "<e"), (">f2", ">e"), ("<f4", "<f"), (">f4", ">f"),
        ("<f8", "<d"), (">f8", ">d"),
        ("<c8", "<Zf"), (">c8", ">Zf"), ("<c16", "<Zd"), (">c16", ">Zd"),
    ]:
        name = code.replace("<", "le_").replace(">", "be_").replace("?", "bool")
        out.append((name, rand(rng, code, (2, 3)), fmt, "exact"))
    specials = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-310, 65504.0, -1.5, 2.0**-24]
    for code, fmt in [("<f2", "<e"), (">f4", ">f"), ("<f8", "<d")]:
        out.append(("special" + code[1:], np.array(specials, code), fmt, "exact"))
    out.append(("special_c16", np.array([complex(np.nan, -0.0), complex(np.inf, 1)], ">c16"), ">Zd", "exact"))
    out.append(("ints_extreme", np.array([-2**63, 2**63 - 1, 0, -1], "<i8"), "<q", "exact"))
    out.append(("uints_extreme", np.array([2**64 - 1, 0, 1], ">u8"), ">Q", "exact"))
    out.append(("bools", np.array([True, False, True]), "<?", "exact"))
    out.append(("S5", np.array([b"ab", b"", b"hello", b"a\0b"], "S5"), "5s", "exact"))
    out.append(("S1", np.array([[b"x", b""], [b"\xff", b"q"]], "S1"), "1s", "exact"))

    rec = np.dtype([("x", "<i4"), ("y", ">f8", (2, 3))])
    out.append(("record", rand(rng, rec, (3,)), "T{<i:x:(2,3)>d:y:}", "exact"))
    aligned = np.dtype([("a", "i1"), ("b", "<i4"), ("c", "<f8")], align=True)
    out.append(("record_aligned", rand(rng, aligned, (2, 2)), "T{<b:a:3x<i:b:<d:c:}", "exact"))
    nested = np.dtype([("a", "<u2"), ("n", [("b", ">i4"), ("c", "S3", (2,))]), ("z", "?")])
    out.append(("record_nested", rand(rng, nested, (2,)), "T{<H:a:T{>i:b:(2)3s:c:}:n:<?:z:}", "exact"))
    trailing = np.dtype({"names": ["a"], "formats": ["<i4"], "offsets": [0], "itemsize": 8})
    out.append(("record_trailing_pad", rand(rng, trailing, (3,)), "T{<i:a:4x}", "exact"))
    gap = np.dtype({"names": ["a", "b"], "formats": ["<u2", ">f4"], "offsets": [0, 6], "itemsize": 12})
    out.append(("record_gaps", rand(rng, gap, (2,)), "T{<H:a:4x>f:b:2x}", "exact"))
    subrec = np.dtype([("r", [("p", "<i2"), ("q", "u1")], (2,)), ("c", "<c8")])
    out.append(("record_subarray_of_records", rand(rng, subrec, (2,)), "T{(2)T{<h:p:<B:q:}:r:<Zf:c:}", "exact"))

    out.append(("fortran_f8_3d", np.asfortranarray(rand(rng, "<f8", (2, 3, 4))), "<d", "exact"))
    out.append(("fortran_be_i2", np.asfortranarray(rand(rng, ">i2", (3, 2))), ">h", "exact"))
    out.append(("fortran_record", np.asfortranarray(rand(rng, rec, (2, 3))), "T{<i:x:(2,3)>d:y:}", "exact"))
    out.append(("fortran_empty", np.asfortranarray(np.zeros((3, 0), "<f4")), "<f", "exact"))
    out.append(("fortran_row", np.asfortranarray(rand(rng, "<i4", (1, 5))), "<i", "exact"))
    out.append(("zero_d", np.array(3.5), "<d", "exact"))
    out.append(("zero_d_record", rand(rng, rec, ()), "T{<i:x:(2,3)>d:y:}", "exact"))
    out.append(("empty_1d", np.zeros((0,), ">i4"), ">i", "exact"))
    out.append(("empty_2d", np.zeros((0, 3), "S5"), "5s", "exact"))
    out.append(("four_d", rand(rng, "<u2", (2, 1, 3, 2)), "<H", "exact"))

    many = np.dtype([("f%d" % i, "u1") for i in range(4000)])
    out.append(("v2_many_fields", rand(rng, many, (2,)), "T{" + "".join("<B:f%d:" % i for i in range(4000)) + "}", "exact"))
    # Non-ASCII field names: latin-1 goes in a version 1.0 header, others
    # in 3.0 (UTF-8); npy reads both and may refuse to write them.
    out.append(("latin1_name", rand(rng, np.dtype([("caf\xe9", "<i4")]), (2,)), "T{<i:caf\xe9:}", "may-refuse"))
    out.append(("utf8_name_v3", rand(rng, np.dtype([("\u540d\u524d", "<f8")]), (2,)), "T{<d:\u540d\u524d:}", "may-refuse"))
    return out


def save(d):
    rng = np.random.default_rng(20240601)
    res = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # version 2.0 and 3.0 warn
        for name, a, fmt, writeback in cases(rng):
            path = "%s/%s.npy" % (d, name)
            np.save(path, a)
            res.append({"file": name + ".npy", "format": fmt, "writeback": writeback})
        # The same array in headers of versions NumPy only writes when told.
        a = rand(rng, "<f8", (2, 3))
        for v in [(2, 0), (3, 0)]:
            name = "forced_v%d.npy" % v[0]
            with open("%s/%s" % (d, name), "wb") as f:
                np.lib.format.write_array(f, a, version=v)
            res.append({"file": name, "format": "<d", "writeback": "dict"})
    for r in res:
        r["reading"] = reading("%s/%s" % (d, r["file"]))
    return res


def main():
    if sys.argv[1] == "load":
        json.dump({p: reading(p) for p in sys.argv[2:]}, sys.stdout)
    elif sys.argv[1] == "save":
        json.dump(save(sys.argv[2]), sys.stdout)
    else:
        sys.exit("usage: crosscheck.py load FILE... | save DIR")


if __name__ == "__main__":
    main()

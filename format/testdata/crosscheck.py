# The Python side of crosscheck_test.go: CPython's struct module and NumPy's
# buffer export are the oracles the Go package is compared with.
#
#   python3 crosscheck.py struct        < cases.json   > answers.json
#   python3 crosscheck.py numpy SEED N                 > dtypes.json
#
# Values are encoded as in testdata/conformance/SCHEMA.md: integers as
# decimal strings, floats as float.hex strings or "nan"/"inf"/"-inf",
# bytes as lowercase hex, bools as JSON booleans, complex as [re, im],
# records and sub-arrays as arrays.
import json
import math
import random
import struct
import sys


def enc(x):
    if isinstance(x, bool):
        return x
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return x.hex()
    if isinstance(x, complex):
        return [enc(x.real), enc(x.imag)]
    if isinstance(x, (bytes, bytearray)):
        return bytes(x).hex()
    if isinstance(x, (tuple, list)):
        return [enc(v) for v in x]
    if hasattr(x, "dtype") and hasattr(x, "tolist"):
        # NumPy's tolist leaves a sub-array of V elements as an ndarray;
        # its own tolist gives the bytes.
        return enc(x.tolist())
    raise TypeError("cannot encode %r (%s)" % (x, type(x).__name__))


def native():
    """The platform facts the Go package assumes (x86-64 Linux): 8-byte
    long and pointer; and the machine's byte order."""
    return [struct.calcsize("l"), struct.calcsize("P"), sys.byteorder]


def errmsg(e):
    return "%s: %s" % (type(e).__name__, e)


# ---------------------------------------------------------------- struct

def dec(v):
    """A Go-generated value: ["i", "decimal"], ["f", "float64 bits in hex"],
    ["b", bool] or ["y", "hex bytes"]."""
    tag, x = v
    if tag == "i":
        return int(x)
    if tag == "f":
        return struct.unpack("<d", int(x, 16).to_bytes(8, "little"))[0]
    if tag == "b":
        return bool(x)
    if tag == "y":
        return bytes.fromhex(x)
    raise ValueError("bad value tag %r" % tag)


# Items larger than this are only sized, never packed (a valid format such
# as "9223372036854775807x" names more memory than exists).
MAX_PACK = 4096


def run_struct(doc):
    out = []
    for c in doc["cases"]:
        fmt = bytes.fromhex(c["format"])
        r = {}
        out.append(r)
        try:
            size = struct.calcsize(fmt)
        except Exception as e:
            r["size_err"] = errmsg(e)
            continue
        r["size"] = size
        if size > MAX_PACK:
            continue
        try:
            r["pack"] = struct.pack(fmt, *[dec(v) for v in c["values"]]).hex()
        except Exception as e:
            r["pack_err"] = errmsg(e)
        data = bytes.fromhex(c["data"])
        if len(data) < size:
            r["unpack_err"] = "test bug: %d random bytes for an item of %d" % (len(data), size)
            continue
        try:
            r["unpack"] = enc(list(struct.unpack(fmt, data[:size])))
        except Exception as e:
            r["unpack_err"] = errmsg(e)
    return {"python": sys.version.split()[0], "native": native(), "answers": out}


# ----------------------------------------------------------------- numpy

def run_numpy(seed, n):
    try:
        import numpy as np
    except Exception as e:
        return {"skip": "cannot import numpy: " + errmsg(e)}

    R = random.Random(seed)
    numeric = ["b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "f", "d", "F", "D"]
    other = ["?"] + ["S%d" % k for k in range(1, 6)] + ["V%d" % k for k in range(1, 5)]

    def scalar():
        t = R.choice(numeric + other)
        if t in other or t in ("b", "B"):
            return np.dtype(t)
        return np.dtype(R.choice("<>=") + t)

    def struct_dtype(depth):
        k = R.randint(1, 4)
        names, formats = [], []
        for i in range(k):
            if depth < 2 and R.random() < 0.2:
                d = struct_dtype(depth + 1)
            else:
                d = scalar()
            if R.random() < 0.2:
                d = np.dtype((d, tuple(R.randint(1, 3) for _ in range(R.randint(1, 2)))))
            names.append(R.choice(["a", "b", "xy", "val", "f0", "f1", "f%d" % i, "n%d_%d" % (depth, i)]))
            formats.append(d)
        for i in range(k):  # unique names
            if names[i] in names[:i]:
                names[i] = "u%d_%d" % (depth, i)
        mode = R.random()
        if mode < 0.35:
            return np.dtype(list(zip(names, formats)), align=True)
        if mode < 0.7:
            return np.dtype(list(zip(names, formats)), align=False)
        offsets, o = [], 0
        for d in formats:  # explicit offsets with gaps
            o += R.choice([0, 0, 1, 2, 3, 4, 8])
            offsets.append(o)
            o += d.itemsize
        if R.random() < 0.05 and k > 1:  # fields may overlap: NumPy refuses to export
            offsets[-1] = max(0, offsets[-1] - 1)
        return np.dtype({"names": names, "formats": formats, "offsets": offsets,
                         "itemsize": o + R.choice([0, 0, 1, 3, 8])})

    def leaves(dt, off):
        """The scalar fields inside dt at off: (absolute offset, dtype); a
        sub-array counts by its first element."""
        if dt.subdtype is not None:
            yield from leaves(dt.subdtype[0], off)
        elif dt.names is not None:
            for m in dt.names:
                yield from leaves(dt.fields[m][0], off + dt.fields[m][1])
        else:
            yield off, dt

    def lossy(dt, off, top, count, itemsize):
        """The classes of dtype whose layout NumPy's own format string cannot
        describe:
          - a sub-array of a structured dtype: the element stride is lost;
          - a nested structured field whose itemsize exceeds its fields'
            extent: the trailing padding is lost;
          - a nested structured field at an offset that is not a multiple of
            the alignment of a native field inside it that NumPy writes with
            '@' (it does so when the field is aligned in the whole item and
            the item stride is a multiple of its alignment, or there is one
            item), while '@' aligns relative to the start of the nested
            T{...} (NumPy's own _dtype_from_pep3118 misreads these too).
            This test is conservative: where no '@' context carries the
            nested record's alignment to the record around it, such a
            dtype may still read back correctly (rare)."""
        if dt.subdtype is not None:
            base = dt.subdtype[0]
            if base.names is not None:
                return "sub-array of a structured dtype"
            return lossy(base, off, False, count, itemsize)
        if dt.names is None:
            return None
        if not top:
            extent = max((dt.fields[m][1] + dt.fields[m][0].itemsize for m in dt.names), default=0)
            if dt.itemsize > extent:
                return "nested structured field with trailing padding"
            for o, leaf in leaves(dt, off):
                a = leaf.alignment
                if (leaf.isnative and a > 1 and o % a == 0 and off % a != 0
                        and (count == 1 or itemsize % a == 0)):
                    return "nested structured field misaligned for an '@' field inside it"
        for m in dt.names:
            why = lossy(dt.fields[m][0], off + dt.fields[m][1], False, count, itemsize)
            if why:
                return why
        return None

    def data(size):
        if R.random() < 0.5:
            return bytes(R.getrandbits(8) for _ in range(size))
        return bytes(R.choice([0, 0, 0xff, 0x7f, 0x80, 0x7c, 0x7e, 0xfc, 0x01, R.getrandbits(8)])
                     for _ in range(size))

    out = []
    for _ in range(n):
        dt = struct_dtype(0)
        r = {"dtype": str(dt)}
        out.append(r)
        count = R.randint(1, 3)
        why = lossy(dt, 0, True, count, dt.itemsize)
        if why:
            r["skip"] = why
            continue
        buf = data(dt.itemsize * count)
        a = np.frombuffer(buf, dtype=dt)  # a bytes object's data is 16-byte aligned
        try:
            m = memoryview(a)
        except Exception as e:
            r["skip"] = "NumPy refuses the export: " + errmsg(e)
            continue
        r["format"] = m.format
        r["itemsize"] = m.itemsize
        r["names"] = list(dt.names)
        r["offsets"] = [dt.fields[k][1] for k in dt.names]
        r["data"] = buf.hex()
        r["values"] = enc(a.tolist())
    return {"python": sys.version.split()[0], "native": native(), "numpy": np.__version__, "dtypes": out}


def main():
    if sys.argv[1] == "struct":
        res = run_struct(json.load(sys.stdin))
    elif sys.argv[1] == "numpy":
        res = run_numpy(int(sys.argv[2]), int(sys.argv[3]))
    else:
        raise SystemExit("usage: crosscheck.py struct|numpy ...")
    json.dump(res, sys.stdout)


main()

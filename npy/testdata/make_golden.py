#!/usr/bin/python3
"""Writes the golden_*.npy files with numpy.save (NumPy 1.24); npy_test.go
builds the same arrays in Go and expects npy.Write to give these bytes."""

import numpy as np

np.save("golden_f8_2x3.npy", np.arange(6, dtype="<f8").reshape(2, 3))
np.save("golden_be_i2_fortran.npy", np.asfortranarray(np.arange(6, dtype=">i2").reshape(2, 3)))
rec = np.zeros(2, np.dtype([("a", "i1"), ("b", "<i4"), ("c", "<f8")], align=True))
rec["a"], rec["b"], rec["c"] = [1, -1], [2, -2], [3.5, -3.5]
np.save("golden_record_aligned.npy", rec)
np.save("golden_zero_d.npy", np.array(3.5))
np.save("golden_empty.npy", np.zeros((0, 3), "<f4"))
np.save("golden_S5.npy", np.array([b"ab", b"hello"], "S5"))
np.save("golden_c16.npy", np.array([[1 + 2j, -0.5j]], "<c16"))
np.save("golden_f2.npy", np.array([1.5, -2, 65504], "<f2"))
np.save("golden_bool_3d.npy", np.array([[[True, False], [False, True]]]))

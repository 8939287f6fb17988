#!/usr/bin/python3
"""Writes .npy files with NumPy itself for the NpyReader tests (run by NumpyFiles.cs into a temporary folder).

usage: make_npy.py OUT_DIR

For every readable case NAME it writes NAME.npy and NAME.expected: the values the reader must return, as raw
little-endian bytes in C order (activations: float32 of a.reshape(M, -1); labels: int32 of the flattened array;
inputs_*: the images in M×C×H×W order, in the array's own dtype).
Cases named bad_* are files the reader must reject; they have no .expected.

Needs Debian's python3-numpy. Exit code 3 when it is missing.
"""
import os
import sys

try:
    import numpy as np
except ImportError as e:
    print(f"missing python module ({e}); install python3-numpy, e.g. apt-get install python3-numpy")
    sys.exit(3)

out = sys.argv[1]
rng = np.random.default_rng(20240531)


def save(name, array, version=None, allow_pickle=False):
    with open(os.path.join(out, name + ".npy"), "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=allow_pickle)


def activations(name, array, version=None):
    save(name, array, version)
    expected = np.ascontiguousarray(array.reshape(array.shape[0], -1), dtype="<f4")
    with open(os.path.join(out, name + ".expected"), "wb") as f:
        f.write(expected.tobytes(order="C"))


def labels(name, array, version=None):
    save(name, array, version)
    with open(os.path.join(out, name + ".expected"), "wb") as f:
        f.write(array.reshape(-1).astype("<i4").tobytes())


# float32 with the awkward corners: signed zero, the smallest subnormal, the largest finite value.
f32 = rng.standard_normal((6, 5)).astype(np.float32)
f32.flat[:4] = [-0.0, np.float32(1e-45), np.finfo(np.float32).max, -np.finfo(np.float32).tiny]
activations("f4_v1", f32)
activations("f4_v2", f32, version=(2, 0))
activations("f4_v3", f32, version=(3, 0))

# float64 that must round to nearest even: ties at 1 + 2^-24 (down to 1) and 1 + 3·2^-24 (up), a float32 subnormal.
f64 = rng.standard_normal((4, 6))
f64.flat[:5] = [1 + 2.0**-24, 1 + 3 * 2.0**-24, 1 / 3, 1e-40, -0.1]
activations("f8", f64)
activations("f2", rng.standard_normal((3, 4)).astype(np.float16))

activations("fortran_2d", np.asfortranarray(rng.standard_normal((5, 7)).astype(np.float32)))
activations("c_4d", rng.standard_normal((3, 2, 4, 5)).astype(np.float32))
activations("fortran_4d", np.asfortranarray(rng.standard_normal((3, 2, 4, 5)).astype(np.float32)))
activations("fortran_3d_f8", np.asfortranarray(rng.standard_normal((4, 3, 2))), version=(2, 0))

labels("labels_i4", np.array([0, 1, 2, 65535, 7, 3], dtype="<i4"))
labels("labels_i8", np.array([9, 0, 65535, 1], dtype="<i8"))
labels("labels_u1", np.array([0, 255, 3, 1, 2], dtype=np.uint8))
labels("labels_i1", np.array([0, 127, 5], dtype=np.int8))
labels("labels_i2", np.array([0, 32767, 5], dtype="<i2"))
labels("labels_u2", np.array([0, 65535, 5], dtype="<u2"))
labels("labels_u4", np.array([4, 65535, 0], dtype="<u4"))
labels("labels_u8", np.array([4, 65535, 0], dtype="<u8"))
labels("labels_column", np.array([[3], [1], [4], [1], [5]], dtype="<i8"))
labels("labels_v3", np.array([2, 7, 1, 8], dtype="<i4"), version=(3, 0))

# A small matched set for the command: two taps of 6 inputs and their labels.
activations("tap_fc1", rng.standard_normal((6, 4)).astype(np.float32))
activations("tap_fc2", rng.standard_normal((6, 3)).astype(np.float32))
labels("tap_labels", np.array([0, 1, 2, 0, 1, 2], dtype=np.int64))
labels("five_labels", np.array([0, 1, 2, 0, 1], dtype=np.int64))

def inputs(name, array, nchw):
    save(name, array)
    with open(os.path.join(out, name + ".expected"), "wb") as f:
        f.write(np.ascontiguousarray(nchw).tobytes(order="C"))


# The same images channels-first and channels-last, as uint8 and float32, and in Fortran order.
u1 = rng.integers(0, 256, (5, 3, 4, 6), dtype=np.uint8)
inputs("inputs_u1_nchw", u1, u1)
inputs("inputs_u1_nhwc", np.ascontiguousarray(u1.transpose(0, 2, 3, 1)), u1)
f4_images = rng.standard_normal((4, 2, 3, 5)).astype(np.float32)
inputs("inputs_f4_nchw", f4_images, f4_images)
inputs("inputs_f4_nhwc", np.ascontiguousarray(f4_images.transpose(0, 2, 3, 1)), f4_images)
inputs("inputs_f4_nhwc_fortran", np.asfortranarray(f4_images.transpose(0, 2, 3, 1)), f4_images)
flat = rng.integers(0, 256, (6, 10), dtype=np.uint8)
inputs("inputs_u1_flat", flat, flat)
planes = rng.standard_normal((3, 4, 5)).astype(np.float32)
inputs("inputs_f4_hw", planes, planes)
labels("inputs_labels3", np.array([1, 0, 1], dtype=np.int64))
labels("inputs_labels4", np.array([2, 0, 5, 2], dtype=np.int32))
labels("inputs_labels5", np.array([0, 1, 1, 0, 1], dtype=np.uint8))
labels("inputs_labels6", np.array([0, 3, 1, 2, 0, 1], dtype=np.int16))
save("bad_inputs_f8", np.zeros((3, 4), dtype="<f8"))
save("bad_inputs_i4", np.zeros((3, 4), dtype="<i4"))
save("bad_inputs_vector", np.zeros(5, dtype="<f4"))
save("bad_inputs_rank5", np.zeros((2, 1, 2, 2, 2), dtype=np.uint8))
save("bad_inputs_empty", np.zeros((0, 4), dtype=np.uint8))
save("bad_inputs_nan", np.array([[0, 1, 2], [3, np.nan, 5], [6, 7, 8]], dtype="<f4"))
save("bad_labels_300", np.array([0, 300, 1], dtype="<i4"))

save("bad_big_endian", np.arange(6, dtype=">f4").reshape(3, 2))
save("bad_complex", np.zeros((3, 2), dtype=np.complex64))
save("bad_object", np.array([1, "a", None], dtype=object), allow_pickle=True)
save("bad_structured", np.zeros(3, dtype=[("a", "<f4"), ("b", "<i4")]))
save("bad_bool", np.zeros((3, 2), dtype=bool))
save("bad_int_activations", np.zeros((3, 2), dtype="<i4"))
save("bad_vector_activations", np.zeros(5, dtype="<f4"))
save("bad_inf", np.array([[0, 1], [np.inf, 2]], dtype="<f4"))
save("bad_f8_overflow", np.array([[0, 1], [2, 1e300]], dtype="<f8"))
save("bad_float_labels", np.zeros(3, dtype="<f4"))
save("bad_negative_label", np.array([0, 1, -1, 2], dtype="<i4"))
save("bad_large_label", np.array([0, 65536, 1], dtype="<i8"))
save("bad_matrix_labels", np.zeros((3, 2), dtype="<i4"))
np.savez(os.path.join(out, "bad_archive"), a=np.zeros(3))
print("ok")

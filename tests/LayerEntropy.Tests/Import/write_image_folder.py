#!/usr/bin/python3
"""Writes images of a uint8 .npy (N×H×W×1 or N×H×W) with PIL in several file formats, one subfolder per label, and
the pixels PIL reads back from each file (converted to L) as an NPY pair in the folder's reading order.

Usage: /usr/bin/python3 write_image_folder.py INPUTS.npy LABELS.npy FOLDER COUNT FORMATS X.npy Y.npy
FORMATS is a comma-separated list of file name endings (png, BMP, tif, webp, gif, jpg, ...) used in turn: image i is
FOLDER/<label>/<i, 5 digits>.<ending>; webp is written lossless. X.npy holds the pixels as M×1×H×W uint8 in the order
of the classes' names and then the files' names (ordinal), Y.npy the labels as int64.
Exits with 3 without numpy or PIL.
"""
import os
import sys

try:
    import numpy as np
    from PIL import Image
except ImportError as e:
    print(f"cannot import {e.name}: install Debian's python3-numpy and python3-pil", file=sys.stderr)
    sys.exit(3)


def main():
    inputs, labels, folder, count, formats, x_out, y_out = sys.argv[1:8]
    x, y = np.load(inputs), np.load(labels)
    endings = formats.split(",")
    for i in range(int(count)):
        image = Image.fromarray(x[i].reshape(x.shape[1], x.shape[2]), mode="L")
        target = os.path.join(folder, str(int(y[i])))
        os.makedirs(target, exist_ok=True)
        ending = endings[i % len(endings)]
        options = {"lossless": True} if ending.lower() == "webp" else {}
        image.save(os.path.join(target, f"{i:05d}.{ending}"), **options)
    pixels, names = [], []
    classes = sorted(d for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d)))
    for label, cls in enumerate(classes):
        for name in sorted(os.listdir(os.path.join(folder, cls))):
            with Image.open(os.path.join(folder, cls, name)) as im:
                pixels.append(np.asarray(im.convert("L"), dtype=np.uint8))
            names.append(label)
    np.save(x_out, np.stack(pixels)[:, None, :, :])
    np.save(y_out, np.array(names, dtype=np.int64))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Writes images of a uint8 .npy (N×H×W×1 or N×H×W) as PNG files with PIL, one subfolder per label.

Usage: /usr/bin/python3 write_png_folder.py INPUTS.npy LABELS.npy FOLDER COUNT
Files are FOLDER/<label>/<index, 5 digits>.png, for the first COUNT images. Exits with 3 without numpy or PIL.
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
    inputs, labels, folder, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    x, y = np.load(inputs), np.load(labels)
    for i in range(count):
        image = x[i].reshape(x.shape[1], x.shape[2])
        target = os.path.join(folder, str(int(y[i])))
        os.makedirs(target, exist_ok=True)
        Image.fromarray(image, mode="L").save(os.path.join(target, f"{i:05d}.png"))


if __name__ == "__main__":
    main()

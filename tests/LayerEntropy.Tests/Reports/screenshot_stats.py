"""Prints a PNG's size and luminance statistics as PIL and numpy see them, to check the test-side decoder.

Usage: screenshot_stats.py FILE.png  ->  "WIDTH HEIGHT MEAN VARIANCE NON_BACKGROUND_FRACTION"
Exits with 3 when PIL or numpy is missing.
"""
import sys

try:
    import numpy as np
    from PIL import Image
except ImportError as e:
    print(f"missing Python module: {e.name}")
    sys.exit(3)

image = Image.open(sys.argv[1])
image.load()
rgba = np.asarray(image.convert("RGBA"), dtype=np.float64)
alpha = rgba[..., 3] / 255.0
luminance = alpha * (0.299 * rgba[..., 0] + 0.587 * rgba[..., 1] + 0.114 * rgba[..., 2]) + (1 - alpha) * 255
packed = np.asarray(image.convert("RGBA"), dtype=np.uint8).reshape(-1, 4).view(np.uint32).ravel()
_, counts = np.unique(packed, return_counts=True)
print(image.width, image.height, repr(float(luminance.mean())), repr(float(luminance.var())),
      repr(1 - counts.max() / packed.size))

#!/usr/bin/python3
"""Reads PNG files with Debian's PIL, the independent reader for the report PNGs RgbaImage.ToPng writes (run by
PngEncoderTests.cs).

usage: check_png.py FILE...

For each file it prints one line: NAME WIDTH HEIGHT MODE SHA256, where SHA256 is the hex digest of the pixels
converted to RGBA, row by row, 4 bytes each. verify() checks every chunk's CRC first.

Needs Debian's python3-pil. Exit code 3 when it is missing.
"""
import hashlib
import os
import sys

try:
    from PIL import Image
except ImportError as e:
    print(f"missing python module ({e}); install python3-pil, e.g. apt-get install python3-pil")
    sys.exit(3)

for path in sys.argv[1:]:
    with Image.open(path) as im:
        im.verify()
    with Image.open(path) as im:
        im.load()
        rgba = im.convert("RGBA").tobytes()
        print(os.path.basename(path), im.width, im.height, im.mode, hashlib.sha256(rgba).hexdigest())

#!/usr/bin/python3
"""Writes the top-left WIDTH×HEIGHT pixels of an image as a PNG with PIL.

Usage: /usr/bin/python3 crop_png.py SOURCE TARGET WIDTH HEIGHT. Exits with 3 without PIL.
"""
import sys

try:
    from PIL import Image
except ImportError as e:
    print(f"cannot import {e.name}: install Debian's python3-pil", file=sys.stderr)
    sys.exit(3)

source, target, width, height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with Image.open(source) as image:
    image.crop((0, 0, width, height)).save(target, format="PNG")

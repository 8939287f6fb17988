#!/usr/bin/python3
"""Writes DejaVuSans.glyphs, the glyph atlas that RasterCanvas draws text with (GlyphFont.cs reads it).

usage: /usr/bin/python3 src/LayerEntropy/Reports/Font/make_font.py [OUT_FILE]

Regenerate after changing the character set or the reference size below, then commit the new file. It needs
Debian's python3-pil (PIL with FreeType) and fonts-dejavu-core (DejaVuSans.ttf and DejaVuSans-Bold.ttf under
/usr/share/fonts/truetype/dejavu); exit code 3 when either is missing. The output depends only on the fonts and
on PIL's rasteriser, so rerunning with the same packages gives the same bytes.

The glyphs are DejaVu Sans, redistributed under the Bitstream Vera and Arev font licenses (LICENSE-DejaVu.txt
next to this script).

Format: a zlib stream (RFC 1950) of little-endian fields:
  "LEGF"                  magic
  u8  version             1
  u8  pixels per em       the size the bitmaps were rasterised at
  u16 units per em        of the font's design grid; advances are in these units
  u16 ascender            font units above the baseline (hhea)
  u16 descender           font units below the baseline, positive (hhea)
  u8  face count          2: regular, then bold
  per face: u16 glyph count, then per glyph:
    u32 code point
    u16 advance           font units
    i8  left              pixels from the pen position to the bitmap's first column
    i8  top               pixels from the baseline to the bitmap's first row (negative: above the baseline)
    u8  width, u8 height  of the bitmap (0 × 0 for blank glyphs such as the space)
    width × height bytes  8-bit coverage, row by row from the top
"""
import os
import struct
import sys
import zlib

try:
    from PIL import Image, ImageFont
except ImportError as e:
    print(f"missing python module ({e}); install python3-pil, e.g. apt-get install python3-pil")
    sys.exit(3)

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FACES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]
PIXELS_PER_EM = 32
# Printable ASCII plus the symbols that chart labels use.
CHARACTERS = [chr(c) for c in range(32, 127)] + list("ρδτ≤≥×–—·²₂ℓ→±…μσΣ")


def units_per_em(path):
    """unitsPerEm from the font's 'head' table (PIL does not expose it)."""
    with open(path, "rb") as f:
        data = f.read()
    (tables,) = struct.unpack_from(">H", data, 4)
    for i in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"head":
            return struct.unpack_from(">H", data, offset + 18)[0]
    raise ValueError(f"{path} has no head table")


def coverage(font, ch):
    """The glyph's bitmap cropped to its ink, with the offset of its top-left pixel from the pen on the baseline."""
    mask, (dx, dy) = font.getmask2(ch, mode="L", anchor="ls")
    if mask.size[0] == 0 or mask.size[1] == 0:
        return 0, 0, 0, 0, b""
    image = Image.frombytes("L", mask.size, bytes(mask))
    box = image.getbbox()
    if box is None:
        return 0, 0, 0, 0, b""
    x0, y0, x1, y1 = box
    return dx + x0, dy + y0, x1 - x0, y1 - y0, image.crop(box).tobytes()


def face(path, units):
    design = ImageFont.truetype(path, units, layout_engine=ImageFont.Layout.BASIC)
    raster = ImageFont.truetype(path, PIXELS_PER_EM, layout_engine=ImageFont.Layout.BASIC)
    missing = raster.getmask2("\uffff", mode="L")[0]
    out = bytearray(struct.pack("<H", len(CHARACTERS)))
    for ch in CHARACTERS:
        if ch != " " and bytes(raster.getmask2(ch, mode="L")[0]) == bytes(missing):
            raise ValueError(f"{os.path.basename(path)} has no glyph for U+{ord(ch):04X}")
        advance = design.getlength(ch)
        if advance != int(advance):
            raise ValueError(f"advance of U+{ord(ch):04X} is not a whole number of font units: {advance}")
        left, top, width, height, bitmap = coverage(raster, ch)
        out += struct.pack("<IHbbBB", ord(ch), int(advance), left, top, width, height) + bitmap
    return bytes(out)


def main():
    out_file = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "DejaVuSans.glyphs")
    paths = [os.path.join(FONT_DIR, f) for f in FACES]
    for p in paths:
        if not os.path.exists(p):
            print(f"{p} not found; install fonts-dejavu-core")
            sys.exit(3)
    units = units_per_em(paths[0])
    ascender, descender = ImageFont.truetype(paths[0], units).getmetrics()
    payload = b"LEGF" + struct.pack("<BBHHHB", 1, PIXELS_PER_EM, units, ascender, descender, len(paths))
    payload += b"".join(face(p, units) for p in paths)
    with open(out_file, "wb") as f:
        f.write(zlib.compress(payload, 9))
    print(f"{out_file}: {len(CHARACTERS)} glyphs per face, {len(payload)} bytes, {os.path.getsize(out_file)} compressed")


if __name__ == "__main__":
    main()

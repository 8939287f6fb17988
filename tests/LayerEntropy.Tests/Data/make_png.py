#!/usr/bin/python3
"""Writes PNG files and image folders for the PNG tests of ImageFile and the ImageFolder tests (run by PngFiles.cs into a
temporary folder).

usage: make_png.py OUT_DIR

For every readable case NAME it writes NAME.png and NAME.expected: the pixels Pillow reads back from the file,
as uint8 channel planes one after another (CHW; RGBA loses its alpha, palette images become RGB, 1-, 2- and 4-bit
grayscale is scaled to 0..255, 16-bit grayscale is clipped to 0..255 as Pillow's convert("L") does, gray with alpha
loses its alpha), and a line "NAME C H W FILTERS" in cases.txt, FILTERS being the row filter types
the file uses. Most files are written by Pillow itself (modes L, 1, I;16, LA, RGB, RGBA, P, with optimize and
compression levels). Files named hm_* are written by this script's own encoder, to use one chosen row filter everywhere,
several IDAT chunks or low bit depths; Pillow must read each back to the intended pixels. Cases named bad_* are
files the reader must reject; they have no .expected.

Folders folder_* hold one subfolder per class; folder_NAME.expected holds the pixels of all images in reading
order (classes, then files, in ordinal order; only *.png) and folder_NAME.labels one label byte per image.

Needs Debian's python3-numpy and python3-pil. Exit code 3 when one is missing.
"""
import os
import struct
import sys
import zlib

try:
    import numpy as np
    from PIL import Image
except ImportError as e:
    print(f"missing python module ({e}); install python3-numpy and python3-pil, e.g. apt-get install python3-numpy python3-pil")
    sys.exit(3)

out = sys.argv[1]
rng = np.random.default_rng(20240607)
cases = []


def pil_pixels(path):
    """What Pillow reads from the file, as CHW uint8."""
    with Image.open(path) as im:
        im = im.convert("L" if im.mode in ("L", "1", "I", "I;16", "LA") else "RGB")
        a = np.asarray(im, dtype=np.uint8)
    return a[None] if a.ndim == 2 else a.transpose(2, 0, 1)


def row_filters(path):
    """The filter type byte of every row (non-interlaced files only)."""
    data, idat, at, header = open(path, "rb").read(), b"", 8, None
    while at < len(data):
        n = struct.unpack(">I", data[at:at + 4])[0]
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + n]
        at += 12 + n
        if kind == b"IHDR":
            header = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
    width, height, depth, colour = header
    samples = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    stride = (width * samples * depth + 7) // 8 + 1
    raw = zlib.decompress(idat)
    return sorted({raw[y * stride] for y in range(height)})


def record(name, path, intended=None):
    pixels = pil_pixels(path)
    if intended is not None:
        assert np.array_equal(pixels, intended), f"Pillow reads {name} differently from what was written"
    with open(os.path.join(out, name + ".expected"), "wb") as f:
        f.write(pixels.tobytes())
    c, h, w = pixels.shape
    cases.append(f"{name} {c} {h} {w} {','.join(map(str, row_filters(path)))}")


def pil(name, image, **options):
    path = os.path.join(out, name + ".png")
    image.save(path, **options)
    record(name, path)


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def filtered(row, previous, bpp, kind):
    """Row filtered with type kind (types past 4 leave the bytes as they are)."""
    result = bytearray(len(row))
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = previous[i]
        c = previous[i - bpp] if i >= bpp else 0
        if kind == 1:
            p = a
        elif kind == 2:
            p = b
        elif kind == 3:
            p = (a + b) // 2
        elif kind == 4:
            q = a + b - c
            pa, pb, pc = abs(q - a), abs(q - b), abs(q - c)
            p = a if pa <= pb and pa <= pc else b if pb <= pc else c
        else:
            p = 0
        result[i] = (x - p) & 0xFF
    return bytes(result)


def handmade(name, width, height, depth, colour, rows, filters=(0,), plte=None, interlace=0, idat_parts=1,
             with_ihdr=True, extra=(), height_field=None):
    """A PNG from packed rows (bytes, no filter byte), row y filtered with filters[y % len(filters)]."""
    samples = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    bpp = max(1, samples * depth // 8)
    raw, previous = b"", bytes(len(rows[0]))
    for y, row in enumerate(rows):
        kind = filters[y % len(filters)]
        raw += bytes([kind]) + filtered(row, previous, bpp, kind)
        previous = row
    compressed = zlib.compress(raw, 9)
    ihdr = struct.pack(">IIBBBBB", width, height if height_field is None else height_field, depth, colour, 0, 0, interlace)
    parts = [compressed[i * len(compressed) // idat_parts:(i + 1) * len(compressed) // idat_parts] for i in range(idat_parts)]
    data = b"\x89PNG\r\n\x1a\n" + (chunk(b"IHDR", ihdr) if with_ihdr else b"")
    data += b"".join(chunk(k, v) for k, v in extra)
    if plte is not None:
        data += chunk(b"PLTE", plte)
    data += b"".join(chunk(b"IDAT", p) for p in parts) + chunk(b"IEND", b"")
    path = os.path.join(out, name + ".png")
    with open(path, "wb") as f:
        f.write(data)
    return path


def packed(values, depth):
    """One row of samples packed at depth bits, leftmost in the high bits."""
    bits = "".join(format(int(v), f"0{depth}b") for v in values)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))


# A smooth ramp with noise: Pillow's adaptive filtering picks different filters on different rows.
ramp = (np.add.outer(np.arange(20) * 7, np.arange(23) * 5) % 256).astype(np.uint8)
noisy = np.clip(ramp.astype(int) + rng.integers(-6, 7, ramp.shape), 0, 255).astype(np.uint8)
rgb = np.stack([noisy, (ramp * 3) % 256, rng.integers(0, 256, ramp.shape)], -1).astype(np.uint8)
rgba = np.concatenate([rgb, rng.integers(0, 256, ramp.shape + (1,))], -1).astype(np.uint8)

pil("pil_L", Image.fromarray(noisy, "L"))
pil("pil_L_optimize", Image.fromarray(noisy, "L"), optimize=True)
pil("pil_L_stored", Image.fromarray(noisy, "L"), compress_level=0)
pil("pil_1", Image.fromarray(noisy, "L").convert("1"))
pil("pil_RGB", Image.fromarray(rgb, "RGB"))
pil("pil_RGB_optimize", Image.fromarray(rgb, "RGB"), optimize=True)
pil("pil_RGB_level1", Image.fromarray(rgb, "RGB"), compress_level=1)
pil("pil_RGBA", Image.fromarray(rgba, "RGBA"))
pil("pil_RGBA_optimize", Image.fromarray(rgba, "RGBA"), optimize=True)
pil("pil_P256", Image.fromarray(rgb, "RGB").quantize(256))
pil("pil_P16", Image.fromarray(rgb, "RGB").quantize(16))
pil("pil_P4", Image.fromarray(rgb, "RGB").quantize(4))
pil("pil_P2", Image.fromarray(rgb, "RGB").quantize(2))
pil("pil_P_transparent", Image.fromarray(rgb, "RGB").quantize(8), transparency=3)
pil("pil_I16", Image.fromarray((noisy.astype(np.uint16) * 3 + np.arange(23, dtype=np.uint16) * 7), "I;16"))
pil("pil_LA", Image.fromarray(rgba[..., :2], "LA"))
pil("pil_single_pixel", Image.fromarray(np.array([[200]], dtype=np.uint8), "L"))

# One filter type on every row (and Pillow must agree), split over three IDAT chunks.
small = rng.integers(0, 256, (7, 9, 3), dtype=np.uint8)
for kind in range(5):
    path = handmade(f"hm_RGB_filter{kind}", 9, 7, 8, 2, [r.tobytes() for r in small], [kind], idat_parts=3)
    record(f"hm_RGB_filter{kind}", path, small.transpose(2, 0, 1))
rgba_small = rng.integers(0, 256, (6, 5, 4), dtype=np.uint8)
path = handmade("hm_RGBA_mixed", 5, 6, 8, 6, [r.tobytes() for r in rgba_small], [4, 3, 1, 2, 0])
record("hm_RGBA_mixed", path, rgba_small[..., :3].transpose(2, 0, 1))
gray_small = rng.integers(0, 256, (5, 13), dtype=np.uint8)
path = handmade("hm_L_mixed", 13, 5, 8, 0, [r.tobytes() for r in gray_small], [3, 4, 1, 2, 0])
record("hm_L_mixed", path, gray_small[None])
for depth in (1, 2, 4):
    levels = rng.integers(0, 2 ** depth, (6, 11))
    path = handmade(f"hm_gray{depth}", 11, 6, depth, 0, [packed(r, depth) for r in levels], [0, 1, 2, 3, 4])
    record(f"hm_gray{depth}", path, (levels * (255 // (2 ** depth - 1))).astype(np.uint8)[None])
palette = rng.integers(0, 256, (5, 3), dtype=np.uint8)
indices = rng.integers(0, 5, (4, 7))
path = handmade("hm_palette_ancillary", 7, 4, 8, 3, [bytes(r.astype(np.uint8)) for r in indices], [2, 4],
                plte=palette.tobytes(), extra=[(b"gAMA", struct.pack(">I", 45455)), (b"tEXt", b"Comment\x00made by hand")])
record("hm_palette_ancillary", path, palette[indices].transpose(2, 0, 1))

# Files the reader must refuse: row data that does not fit the header, missing critical chunks.
handmade("bad_interlaced", 9, 7, 8, 2, [r.tobytes() for r in small], interlace=1)
handmade("bad_rgb16", 3, 7, 16, 2, [r.tobytes() for r in small])
handmade("bad_no_ihdr", 9, 7, 8, 2, [r.tobytes() for r in small], with_ihdr=False)
handmade("bad_no_plte", 7, 4, 8, 3, [bytes(r.astype(np.uint8)) for r in indices])
handmade("bad_filter", 9, 7, 8, 2, [r.tobytes() for r in small], [0, 0, 7])

# Image folders: one subfolder per class; other files and hidden folders are there to be ignored.
def folder(name, classes, labelled=True):
    """classes: {class name: {file name: PIL image or None for a non-image file}}; names starting with '.' are no class."""
    root = os.path.join(out, "folder_" + name)
    pixels, labels = [], []
    hidden = [c for c in classes if c.startswith(".")]
    for label, cls in enumerate(sorted(c for c in classes if c not in hidden) + hidden):
        os.makedirs(os.path.join(root, cls), exist_ok=True)
        for file in sorted(classes[cls]):
            path = os.path.join(root, cls, file)
            if classes[cls][file] is None:
                with open(path, "w") as f:
                    f.write("not an image\n")
                continue
            classes[cls][file].save(path, format="PNG")
            if file.lower().endswith((".png", ".jpg")) and cls not in hidden:
                pixels.append(pil_pixels(path))
                labels.append(label)
    if labelled:
        with open(os.path.join(root + ".expected"), "wb") as f:
            f.write(b"".join(p.tobytes() for p in pixels))
        with open(os.path.join(root + ".labels"), "wb") as f:
            f.write(bytes(labels))


def gray(h=6, w=5):
    return Image.fromarray(rng.integers(0, 256, (h, w), dtype=np.uint8), "L")


def colour(mode):
    return Image.fromarray(rng.integers(0, 256, (6, 5, 3), dtype=np.uint8), "RGB").convert(mode)


folder("gray", {"dog": {"b.png": gray(), "a.png": gray(), "notes.txt": None},
                "cat": {"c10.png": gray(), "c9.png": gray(), "Z.PNG": gray(), "thumb.jpg": gray()},
                ".hidden": {"x.png": gray()}})
folder("rgb", {"red": {"1.png": colour("RGB"), "2.png": colour("RGBA")},
               "blue": {"1.png": colour("P"), "2.png": colour("RGB"), "3.png": colour("RGB")}})
folder("size_mismatch", {"a": {"1.png": gray(8, 8)}, "b": {"1.png": gray(8, 8), "2.png": gray(7, 8)}}, labelled=False)
folder("channel_mismatch", {"a": {"1.png": gray()}, "b": {"1.png": colour("RGB")}}, labelled=False)
folder("empty_class", {"a": {"1.png": gray()}, "b": {"readme.txt": None}}, labelled=False)
os.makedirs(os.path.join(out, "folder_no_classes"))
with open(os.path.join(out, "folder_no_classes", "1.png"), "wb") as f:
    gray().save(f, format="PNG")

with open(os.path.join(out, "cases.txt"), "w") as f:
    f.write("\n".join(cases) + "\n")
print("ok")

#!/usr/bin/python3
"""Writes image files in every format ImageFile reads, and what Pillow and torchvision make of them, for the
ImageFile tests (run by ImageFiles.cs into a temporary folder).

usage: make_images.py OUT_DIR

Pillow writes each FILE (JPEG, PNG in modes L, 1, RGB, RGBA, P, P with transparency, LA and 16-bit gray, BMP,
GIF, TIFF, WebP lossless and lossy). Each case is a line "NAME FILE COLOR RESIZE CROP TOLERANCE C H W" in
cases.txt, and NAME.expected holds the pixels as uint8 channel planes one after another (CHW): the file opened by
Pillow, converted with convert(COLOR) (COLOR "stored" means "L" for Pillow's gray modes and "RGB" for the rest),
then put through torchvision.transforms.Resize(RESIZE) and CenterCrop(CROP) ("-" where there is none), then
numpy.asarray. TOLERANCE is the largest difference per value the test accepts: 0 where another decoder must agree
exactly, more for lossy formats, whose decoders may round differently.

Files named bad_* are files the reader must refuse with a one-line error.

Needs Debian's python3-numpy, python3-pil and python3-torchvision. Exit code 3 when one is missing.
"""
import os
import sys

try:
    import numpy as np
    from PIL import Image
    from torchvision import transforms
except ImportError as e:
    print(f"missing python module ({e}); install python3-numpy, python3-pil and python3-torchvision")
    sys.exit(3)

out = sys.argv[1]
rng = np.random.default_rng(20261206)
cases = []

GRAY_MODES = ("1", "L", "LA", "I", "I;16")


def smooth(h, w, channels):
    """A photo-like picture: gradients, a disc and some noise (JPEG keeps such content close)."""
    y, x = np.mgrid[0:h, 0:w]
    planes = []
    for c in range(channels):
        v = 128 + 90 * np.sin(x / (3.0 + c) + y / 5.0) * np.cos(y / (4.0 + c))
        v += np.where((x - w / 2) ** 2 + (y - h / 2) ** 2 < (min(h, w) / 3) ** 2, 40 * (c - 1), 0)
        v += rng.normal(0, 6, (h, w))
        planes.append(np.clip(v, 0, 255))
    a = np.stack(planes, -1).round().astype(np.uint8)
    return a[..., 0] if channels == 1 else a


def save(file, image, **options):
    path = os.path.join(out, file)
    image.save(path, **options)
    return file


def case(name, file, color="stored", resize=None, crop=None, tolerance=0):
    with Image.open(os.path.join(out, file)) as im:
        im.load()
        mode = color if color != "stored" else ("L" if im.mode in GRAY_MODES else "RGB")
        img = im.convert(mode)
    if resize is not None:
        img = transforms.Resize(resize)(img)
    if crop is not None:
        img = transforms.CenterCrop(crop)(img)
    a = np.asarray(img, dtype=np.uint8)
    a = a[None] if a.ndim == 2 else a.transpose(2, 0, 1)
    with open(os.path.join(out, name + ".expected"), "wb") as f:
        f.write(np.ascontiguousarray(a).tobytes())
    c, h, w = a.shape
    cases.append(f"{name} {file} {color} {resize or '-'} {crop or '-'} {tolerance} {c} {h} {w}")


rgb = smooth(45, 61, 3)
gray = smooth(37, 23, 1)
alpha = rng.integers(0, 256, rgb.shape[:2], dtype=np.uint8)
rgb_image = Image.fromarray(rgb, "RGB")
gray_image = Image.fromarray(gray, "L")

# Decoding alone, and PIL's conversions.
files = {
    "png_rgb": save("rgb.png", rgb_image),
    "png_l": save("l.png", gray_image),
    "png_1": save("one.png", gray_image.convert("1")),
    "png_rgba": save("rgba.png", Image.fromarray(np.dstack([rgb, alpha]), "RGBA")),
    "png_la": save("la.png", Image.fromarray(np.dstack([rgb[..., 0], alpha]), "LA")),
    "png_p": save("p.png", rgb_image.quantize(200)),
    "png_p_trns": save("p_trns.png", rgb_image.quantize(16), transparency=2),
    # 16-bit gray: small and large values, as Pillow clips them to 0..255 when converting.
    "png_i16": save("i16.png", Image.fromarray((gray.astype(np.uint16) * 3 + np.arange(23, dtype=np.uint16) * 2500), "I;16")),
    "bmp_rgb": save("rgb.bmp", rgb_image),
    "bmp_l": save("l.bmp", gray_image),
    "gif_p": save("p.gif", rgb_image.quantize(64)),
    "tif_rgb": save("rgb.tif", rgb_image),
    "tif_l": save("l.tif", gray_image),
    "tif_rgba": save("rgba.tif", Image.fromarray(np.dstack([rgb, alpha]), "RGBA")),
    "tif_lzw": save("lzw.tif", rgb_image, compression="tiff_lzw"),
    "webp_lossless": save("lossless.webp", rgb_image, lossless=True),
    "webp_lossless_rgba": save("lossless_rgba.webp", Image.fromarray(np.dstack([rgb, alpha]), "RGBA"), lossless=True),
}
for name, file in files.items():
    # Pillow opens a BMP with a gray palette as L; ImageFile keeps BMP and GIF files as RGB unless asked for gray.
    if name != "bmp_l":
        case(name, file)
    case(name + "_to_rgb", file, "RGB")
    case(name + "_to_l", file, "L")

# JPEG decoders may round the inverse DCT differently: 2 levels. Where the color planes are stored at half
# resolution (4:2:0, Pillow's default), libjpeg interpolates them back and ImageSharp repeats each sample, which
# moves values near color edges much further: those cases carry the bound measured for this picture.
SUBSAMPLED = 40
lossy = {
    "jpeg_444": (save("q95_444.jpg", rgb_image, quality=95, subsampling=0), 2),
    "jpeg_l": (save("l.jpg", gray_image, quality=90), 2),
    "jpeg_420": (save("q90.jpg", rgb_image, quality=90), SUBSAMPLED),
    "jpeg_progressive_420": (save("progressive.jpg", rgb_image, quality=85, progressive=True), SUBSAMPLED),
}
for name, (file, tolerance) in lossy.items():
    case(name, file, tolerance=tolerance)
    case(name + "_to_l", file, "L", tolerance=tolerance)
    case(name + "_resize", file, "stored", 17, tolerance=tolerance)

# torchvision's Resize (shorter side to N, bilinear with antialias) and CenterCrop (zero padding where too small).
for name, file in (("rgb", files["png_rgb"]), ("l", files["png_l"])):
    for n in (5, 9, 16, 23, 30, 37, 45, 50, 101):
        case(f"resize{n}_{name}", file, resize=n)
    for n in (1, 10, 20, 23, 40, 44, 50, 70):
        case(f"crop{n}_{name}", file, crop=n)
    case(f"resize17_crop15_{name}", file, resize=17, crop=15)
    case(f"resize64_crop56_{name}", file, resize=64, crop=56)
    case(f"resize8_crop11_{name}", file, resize=8, crop=11)
case("resize13_to_l", files["png_rgb"], "L", 13)
case("resize19_crop14_p_to_rgb", files["png_p"], "RGB", 19, 14)
case("resize11_la", files["png_la"], "stored", 11)
case("resize7_i16", files["png_i16"], "stored", 7)
case("resize29_crop27_rgba", files["webp_lossless_rgba"], "RGB", 29, 27)
# A long thin image: torchvision truncates the longer side.
case("resize3_thin", save("thin.png", Image.fromarray(smooth(7, 200, 3), "RGB")), resize=3)
case("resize20_thin", "thin.png", resize=20)

# Files to refuse.
with open(os.path.join(out, "q90.jpg"), "rb") as f:
    jpeg = f.read()
with open(os.path.join(out, "rgb.png"), "rb") as f:
    png = f.read()
for file, data in (("bad_truncated.jpg", jpeg[:len(jpeg) // 3]), ("bad_truncated.png", png[:len(png) // 2]),
                   ("bad_text.jpg", b"this is not a picture\n"), ("bad_empty.png", b""),
                   ("bad_header_only.png", png[:40])):
    with open(os.path.join(out, file), "wb") as f:
        f.write(data)

with open(os.path.join(out, "cases.txt"), "w") as f:
    f.write("\n".join(cases) + "\n")
print("ok")

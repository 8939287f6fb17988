#!/usr/bin/python3
"""A folder of JPEG images and a ResNet-18 for the image-folder benchmarks (docs/PERFORMANCE.md, "Image folders").

Usage (Debian's python3 with torch, torchvision, numpy and PIL; LAYERENTROPY_DATA names the MNIST IDX files):
  image_folder.py write FOLDER COUNT    the first COUNT MNIST training images, upscaled to 96×96 (bilinear) and
                                        converted to RGB, as FOLDER/<label>/<index>.jpg (JPEG quality 90)
  image_folder.py export MODEL.onnx     torchvision's resnet18 with random weights (seed 0), 10 classes, input
                                        N×3×96×96 with a dynamic batch axis
  image_folder.py load FOLDER [--resize 112 --crop 96] [--workers 2] [--batch 256]
                                        torchvision's ImageFolder (PIL) through a DataLoader: decode, Resize,
                                        CenterCrop, ToTensor, Normalize(ImageNet); prints a JSON object with
                                        the images and the seconds of one pass
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def write(folder, count):
    import numpy as np
    from PIL import Image
    from mnist_idx import read_idx
    root = os.environ.get("LAYERENTROPY_DATA") or sys.exit("set LAYERENTROPY_DATA to the folder with mnist/")
    x = read_idx(os.path.join(root, "mnist", "train-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(root, "mnist", "train-labels-idx1-ubyte.gz"))
    for i in range(count):
        target = os.path.join(folder, str(int(y[i])))
        os.makedirs(target, exist_ok=True)
        image = Image.fromarray(np.ascontiguousarray(x[i]), mode="L").resize((96, 96), Image.BILINEAR).convert("RGB")
        image.save(os.path.join(target, f"{i:05d}.jpg"), quality=90)
    print(f"{count} JPEGs in {folder}")


def export(path):
    import torch
    import torchvision
    torch.manual_seed(0)
    model = torchvision.models.resnet18(num_classes=10).eval()
    torch.onnx.export(model, torch.zeros(1, 3, 96, 96), path, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)
    print(f"resnet18 (random weights, 10 classes, 3×96×96) written to {path}")


def load(folder, resize, crop, workers, batch):
    import torch
    from torchvision import datasets, transforms
    steps = []
    if resize:
        steps.append(transforms.Resize(resize))
    if crop:
        steps.append(transforms.CenterCrop(crop))
    steps += [transforms.ToTensor(), transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])]
    data = datasets.ImageFolder(folder, transform=transforms.Compose(steps))
    loader = torch.utils.data.DataLoader(data, batch_size=batch, num_workers=workers, shuffle=False)
    start = time.perf_counter()
    n = 0
    for images, _ in loader:
        n += images.shape[0]
    seconds = time.perf_counter() - start
    print(json.dumps({"images": n, "shape": list(images.shape[1:]), "seconds": seconds, "workers": workers, "batch": batch}))


def main():
    args = sys.argv[1:]
    if len(args) >= 3 and args[0] == "write":
        write(args[1], int(args[2]))
    elif len(args) == 2 and args[0] == "export":
        export(args[1])
    elif len(args) >= 2 and args[0] == "load":
        def option(name, default):
            return int(args[args.index(name) + 1]) if name in args else default
        load(args[1], option("--resize", 0), option("--crop", 0), option("--workers", 2), option("--batch", 256))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()

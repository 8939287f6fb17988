#!/usr/bin/env python3
"""Models and inputs of the ONNX Runtime comparison (bench/LayerEntropy.Bench `onnx`), and PyTorch's side of it.

Usage:
  /usr/bin/python3 bench/onnx_models.py make DATA_DIR OUT
      writes, with random weights (torch.manual_seed(0), never downloaded ones):
        OUT/resnet18-64.onnx     torchvision resnet18 (10 classes) for 3x64x64 inputs, opset 13, dynamic batch
        OUT/vgg11-224.onnx       torchvision vgg11 (10 classes) for 3x224x224 inputs, opset 13, dynamic batch
        OUT/images64.npy         the first 1,000 MNIST test images, bilinear to 64x64, gray repeated to 3 channels, uint8
        OUT/images224.npy        the first 200 of them at 224x224, likewise
        OUT/images64.labels.npy, OUT/images224.labels.npy   their labels (int64)
        OUT/mnist-test.npy       the 10,000 MNIST test images as stored (uint8 10000x28x28), and mnist-test.labels.npy
      (kept when already there)
  /usr/bin/python3 bench/onnx_models.py time MODEL.onnx INPUTS.npy [--threads 2] [--repeats 3] [--batch 100]
      PyTorch's bare forward pass over INPUTS (uint8, scaled by 1/255) through the same network: the MLP rebuilt from
      the ONNX file's Flatten/Gemm/Relu nodes with its weights, or for resnet18-64.onnx torchvision's resnet18 drawn
      from the same seed (the same layers; the export folds its batch normalisations into the convolutions, which
      PyTorch computes apart). Prints one JSON object with the seconds of each repeat.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torchvision

from mnist_idx import read_idx
from torch_forward import build


def mnist_test(data_dir):
    folder = os.path.join(data_dir, "mnist")
    return tuple(read_idx(os.path.join(folder, f"t10k-{kind}-idx{n}-ubyte.gz")) for kind, n in (("images", 3), ("labels", 1)))


def images(x, size):
    t = torch.from_numpy(x.astype(np.float32))[:, None]
    t = torch.nn.functional.interpolate(t, size=(size, size), mode="bilinear", align_corners=False)
    return t.clamp(0, 255).round().to(torch.uint8).repeat(1, 3, 1, 1).numpy()


def export(model, size, path):
    if os.path.exists(path):
        return
    torch.onnx.export(model.eval(), torch.randn(2, 3, size, size), path + ".tmp", opset_version=13, input_names=["x"],
                      output_names=["y"], dynamic_axes={"x": {0: "N"}, "y": {0: "N"}})
    os.replace(path + ".tmp", path)


def make(data_dir, out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    export(torchvision.models.resnet18(weights=None, num_classes=10), 64, os.path.join(out, "resnet18-64.onnx"))
    torch.manual_seed(0)
    export(torchvision.models.vgg11(weights=None, num_classes=10), 224, os.path.join(out, "vgg11-224.onnx"))
    x, y = mnist_test(data_dir)
    if not os.path.exists(os.path.join(out, "mnist-test.npy")):
        np.save(os.path.join(out, "mnist-test.labels.npy"), y.astype(np.int64))
        np.save(os.path.join(out, "mnist-test.npy"), x)
    for name, count, size in (("images64", 1000, 64), ("images224", 200, 224)):
        if not os.path.exists(os.path.join(out, f"{name}.npy")):
            np.save(os.path.join(out, f"{name}.labels.npy"), y[:count].astype(np.int64))
            np.save(os.path.join(out, f"{name}.npy"), images(x[:count], size))


def rebuild(path):
    """The MLP of the ONNX file (torch_forward.build), or for resnet18-64.onnx torchvision's resnet18 from its seed."""
    if os.path.basename(path).startswith("resnet18"):
        torch.manual_seed(0)
        return torchvision.models.resnet18(weights=None, num_classes=10).eval()
    return build(path)


def time_forward(model_path, inputs_path, threads, repeats, batch):
    torch.set_num_threads(threads)
    model = rebuild(model_path)
    x = torch.from_numpy(np.load(inputs_path))
    if x.dim() == 3:
        x = x[:, None]

    def run():
        start = time.perf_counter()
        with torch.no_grad():
            for i in range(0, len(x), batch):
                model(x[i:i + batch].float().div_(255.0))
        return time.perf_counter() - start

    run()  # warm-up
    seconds = [run() for _ in range(repeats)]
    print(json.dumps({"torch": torch.__version__, "threads": threads, "images": len(x), "batch": batch, "forward_seconds": seconds}))


def main():
    args = sys.argv[1:]
    if len(args) >= 3 and args[0] == "make":
        make(args[1], args[2])
    elif len(args) >= 3 and args[0] == "time":
        def option(name, default):
            return int(args[args.index(name) + 1]) if name in args else default
        time_forward(args[1], args[2], option("--threads", 2), option("--repeats", 3), option("--batch", 100))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""PyTorch side of the training comparison: one epoch of a model (an MLP or LeNet-5) on the 60,000 MNIST training images.

Same recipe as `layerentropy train`: pixels scaled to [0, 1], shuffled batches, softmax cross-entropy,
Adam (lr 1e-3). Prints one JSON object with the seconds of each timed epoch.
Usage: /usr/bin/python3 bench/torch_mlp_epoch.py DATA_DIR [--model lenet|mlp:W1,W2,...] [--widths 512,256,128,64,32]
       --threads 2 --repeats 3
(--widths W is short for --model mlp:W.) The models match `layerentropy train --model ...`: ReLU hidden layers; lenet is
conv6@5x5 pad 2, 2x2 max pool, conv16@5x5, 2x2 max pool, fc120, fc84, classifier.
"""
import argparse
import json
import os
import time

import numpy as np
import torch

from mnist_idx import read_idx


def build(spec):
    """The torch model for `spec` and its fully connected hidden widths."""
    if spec == "lenet":
        widths = [120, 84]
        layers = [torch.nn.Conv2d(1, 6, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                  torch.nn.Conv2d(6, 16, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten()]
        prev = 16 * 5 * 5
    elif spec.startswith("mlp:"):
        widths = [int(w) for w in spec[4:].split(",") if w]
        layers, prev = [torch.nn.Flatten()], 784
    else:
        raise SystemExit(f"--model must be lenet or mlp:W1,W2,..., got {spec!r}")
    for w in widths:
        layers += [torch.nn.Linear(prev, w), torch.nn.ReLU()]
        prev = w
    layers.append(torch.nn.Linear(prev, 10))
    return torch.nn.Sequential(*layers), widths


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("--model", default=None, help="lenet or mlp:W1,W2,... (default: mlp: with --widths)")
    ap.add_argument("--widths", default="512,256,128,64,32")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    x = read_idx(os.path.join(args.data_dir, "mnist", "train-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(args.data_dir, "mnist", "train-labels-idx1-ubyte.gz"))
    images = torch.from_numpy(x.copy())  # uint8; scaled per batch as our loader does
    labels = torch.from_numpy(y.astype(np.int64))

    spec = (args.model or "mlp:" + args.widths).strip().lower()
    model, widths = build(spec)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    seconds = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        order = torch.randperm(len(labels))
        for i in range(0, len(labels), args.batch):
            idx = order[i:i + args.batch]
            xb = images[idx].float().div_(255.0).unsqueeze(1)
            opt.zero_grad()
            loss = loss_fn(model(xb), labels[idx])
            loss.backward()
            opt.step()
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"torch": torch.__version__, "threads": args.threads, "model": spec, "widths": widths,
                      "epoch_seconds": seconds}))


if __name__ == "__main__":
    main()

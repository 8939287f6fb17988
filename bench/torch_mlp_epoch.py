#!/usr/bin/env python3
"""PyTorch side of the training comparison: one epoch of an MLP on the 60,000 MNIST training images.

Same recipe as `layerentropy train`: pixels scaled to [0, 1], shuffled batches, softmax cross-entropy,
Adam (lr 1e-3). Prints one JSON object with the seconds of each timed epoch.
Usage: /usr/bin/python3 bench/torch_mlp_epoch.py DATA_DIR --widths 512,256,128,64,32 --threads 2 --repeats 3
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
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

    widths = [int(w) for w in args.widths.split(",") if w]
    layers, prev = [torch.nn.Flatten()], 784
    for w in widths:
        layers += [torch.nn.Linear(prev, w), torch.nn.ReLU()]
        prev = w
    layers.append(torch.nn.Linear(prev, 10))
    model = torch.nn.Sequential(*layers)
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
    print(json.dumps({"torch": torch.__version__, "threads": args.threads, "widths": widths, "epoch_seconds": seconds}))


if __name__ == "__main__":
    main()

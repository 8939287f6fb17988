#!/usr/bin/env python3
"""PyTorch side of the forward and analysis comparison: the MLP of an ONNX file run over MNIST's 70,000 images.

The model is rebuilt in torch from the ONNX file's Gemm/Relu nodes with its weights (python3-onnx reads them), so
both sides compute the same network. Two timings per repeat, taking turns:
  forward  -- a bare forward pass (pixels scaled to [0, 1] per batch, as our loader does);
  hooks    -- the same pass with forward hooks on every hidden ReLU that count, per class and unit, the inputs
              that fire it (activation > 0): the least an analysis must do beside the forward pass.
Prints one JSON object with the seconds of each run.
Usage: /usr/bin/python3 bench/torch_forward.py DATA_DIR MODEL.onnx [--threads 2] [--repeats 3] [--batch 500] [--images 70000]
"""
import argparse
import json
import os
import time

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from mnist_idx import read_idx


def build(path):
    """torch.nn.Sequential of the ONNX graph's Flatten, Gemm (transB = 1) and Relu nodes, in order."""
    graph = onnx.load(path).graph
    weights = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    layers = []
    for node in graph.node:
        if node.op_type == "Flatten":
            layers.append(torch.nn.Flatten())
        elif node.op_type == "Gemm":
            w, b = weights[node.input[1]], weights[node.input[2]]
            linear = torch.nn.Linear(w.shape[1], w.shape[0])
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(w.copy()))
                linear.bias.copy_(torch.from_numpy(b.copy()))
            layers.append(linear)
        elif node.op_type == "Relu":
            layers.append(torch.nn.ReLU())
        else:
            raise SystemExit(f"{path}: node {node.name} ({node.op_type}) is not part of the MLP this comparison rebuilds")
    return torch.nn.Sequential(*layers).eval()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("model")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--images", type=int, default=70000)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    mnist = os.path.join(args.data_dir, "mnist")
    x = np.concatenate([read_idx(os.path.join(mnist, f"{s}-images-idx3-ubyte.gz")) for s in ("train", "t10k")])[:args.images]
    y = np.concatenate([read_idx(os.path.join(mnist, f"{s}-labels-idx1-ubyte.gz")) for s in ("train", "t10k")])[:args.images]
    images = torch.from_numpy(x.copy())
    labels = torch.from_numpy(y.astype(np.int64))
    model = build(args.model)
    relus = [m for m in model if isinstance(m, torch.nn.ReLU)]

    def run(hooks):
        counts = {}
        current = {}

        def hook(module, _inputs, output):
            # Per-class counts as one small product: one-hot labels (classes x batch) times the firing matrix.
            fired = (output > 0).float()
            total = counts.setdefault(module, torch.zeros(10, output.shape[1]))
            total.addmm_(current["onehot"].t(), fired)

        handles = [m.register_forward_hook(hook) for m in relus] if hooks else []
        start = time.perf_counter()
        with torch.no_grad():
            for i in range(0, len(labels), args.batch):
                current["onehot"] = torch.nn.functional.one_hot(labels[i:i + args.batch], 10).float()
                model(images[i:i + args.batch].float().div_(255.0).unsqueeze(1))
        seconds = time.perf_counter() - start
        for h in handles:
            h.remove()
        if hooks and sum(int(c.sum()) for c in counts.values()) == 0:
            raise SystemExit("no unit fired: the hooks saw nothing")
        return seconds

    run(False)  # warm-up
    forward, hooked = [], []
    for _ in range(args.repeats):
        forward.append(run(False))
        hooked.append(run(True))
    print(json.dumps({"torch": torch.__version__, "threads": args.threads, "images": len(labels),
                      "forward_seconds": forward, "hooks_seconds": hooked}))


if __name__ == "__main__":
    main()

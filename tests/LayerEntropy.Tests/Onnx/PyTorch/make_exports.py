#!/usr/bin/python3
"""Writes the PyTorch-exported ONNX files that OnnxPyTorchExportTests reads, with PyTorch's own outputs.

Regenerate (needs Debian's python3-torch; the files are committed, so the tests do not need PyTorch):
    cd tests/LayerEntropy.Tests/Onnx/PyTorch && /usr/bin/python3 make_exports.py

Writes, for each model NAME: NAME.onnx (torch.onnx.export, opset 13, dynamic batch axis) and NAME.out.f32,
PyTorch's output for input.f32 (little-endian float32, batch-major [4, 1, 10, 10]).
"""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvNet(nn.Module):
    """Two conv blocks and an FC head; `flatten` picks how the conv output is flattened."""

    def __init__(self, flatten):
        super().__init__()
        self.flatten = flatten
        self.conv1 = nn.Conv2d(1, 3, 3, padding=1)
        self.conv2 = nn.Conv2d(3, 4, 3)
        self.fc = nn.Linear(36, 8)
        self.drop = nn.Dropout(0.3)
        self.out = nn.Linear(8, 4)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = torch.tanh(self.conv2(x))
        # x.view(x.size(0), -1) exports as Shape, Gather, Unsqueeze, Concat and Reshape; torch.flatten as Flatten.
        x = x.view(x.size(0), -1) if self.flatten == "view" else torch.flatten(x, 1)
        x = self.drop(F.leaky_relu(self.fc(x), 0.2))
        return self.out(x)


def main():
    torch.manual_seed(0)
    models = {
        "view": ConvNet("view"),
        "flatten": ConvNet("flatten"),
        "mlp": nn.Sequential(nn.Flatten(), nn.Linear(100, 16), nn.Sigmoid(), nn.Linear(16, 4)),
    }
    x = torch.randn(4, 1, 10, 10)
    x.numpy().astype("<f4").tofile("input.f32")
    for name, model in models.items():
        model.eval()
        torch.onnx.export(model, x, f"{name}.onnx", input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "N"}, "y": {0: "N"}}, opset_version=13)
        with torch.no_grad():
            model(x).numpy().astype("<f4").tofile(f"{name}.out.f32")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes training_golden.json: the loss sequence of a tiny MLP trained by PyTorch.

The weights and data come from closed-form formulas that the C# test repeats, so both sides start from
the same numbers. Regenerate with Debian's PyTorch:  /usr/bin/python3 make_training_golden.py
"""
import json
import math

import torch

torch.set_num_threads(1)
SIZES = [6, 5, 4, 3]  # 6 inputs, hidden 5 (ReLU) and 4 (Tanh), 3 classes
BATCH = 8


def value(i, salt):
    # The C# side computes exactly this in double precision and rounds to float32.
    return 0.5 * math.sin(0.37 * i + salt)


def build():
    layers = []
    for li in range(3):
        fc = torch.nn.Linear(SIZES[li], SIZES[li + 1])
        with torch.no_grad():
            w = [value(i, 1.0 + li) for i in range(SIZES[li] * SIZES[li + 1])]
            b = [value(i, 11.0 + li) for i in range(SIZES[li + 1])]
            fc.weight.copy_(torch.tensor(w, dtype=torch.float32).reshape(SIZES[li + 1], SIZES[li]))
            fc.bias.copy_(torch.tensor(b, dtype=torch.float32))
        layers.append(fc)
        if li == 0:
            layers.append(torch.nn.ReLU())
        elif li == 1:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


def run(make_optimizer, steps=12):
    model = build()
    opt = make_optimizer(model.parameters())
    x = torch.tensor([2.0 * value(i, 21.0) for i in range(BATCH * SIZES[0])], dtype=torch.float32).reshape(BATCH, SIZES[0])
    y = torch.tensor([(3 * i + 1) % SIZES[-1] for i in range(BATCH)])
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        losses.append(loss.item())
        loss.backward()
        opt.step()
    return losses


golden = {
    "adam": run(lambda p: torch.optim.Adam(p, lr=0.05, weight_decay=1e-3)),
    "sgd": run(lambda p: torch.optim.SGD(p, lr=0.2, momentum=0.9, weight_decay=1e-3)),
}
with open("training_golden.json", "w") as f:
    json.dump(golden, f, indent=1)

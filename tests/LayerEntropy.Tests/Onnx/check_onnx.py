#!/usr/bin/python3
"""Checks an ONNX file written by LayerEntropy with ONNX's own tools (run by OnnxExportTests).

usage: check_onnx.py MODEL.onnx [INPUT.f32 REFERENCE.f64]

- onnx.checker.check_model(full_check=True) and strict, type-checked shape inference must pass;
- the graph input must be named 'input' with a dynamic (named) first axis;
- prints 'init NAME SHA256' for every initializer: the SHA-256 of its values as little-endian float32 bytes;
- with INPUT (raw little-endian float32, batch-major), computes the forward pass in float64 numpy straight from
  the graph's nodes and initializers and writes the output to REFERENCE (raw little-endian float64).

Needs Debian's python3-onnx (and numpy). Exit code 3 when they are missing, 1 when a check fails.
"""
import hashlib
import sys

try:
    import numpy as np
    import onnx
    from onnx import numpy_helper
except ImportError as e:
    print(f"missing python module ({e}); install python3-onnx and python3-numpy, e.g. apt-get install python3-onnx")
    sys.exit(3)


def fail(message):
    print(f"check failed: {message}")
    sys.exit(1)


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def windows(x, k, stride):
    """(n, c, oh, ow, k, k) views of the k×k windows of x taken every `stride` pixels."""
    return np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(2, 3))[:, :, ::stride, ::stride]


def forward(graph, x):
    values = {graph.input[0].name: x}
    params = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in graph.initializer}
    for node in graph.node:
        a, op, v = attrs(node), node.op_type, values[node.input[0]]
        if op == "Gemm":
            w, b = params[node.input[1]], params[node.input[2]]
            y = v @ (w.T if a.get("transB", 0) else w) + b
        elif op == "Conv":
            w, b = params[node.input[1]], params[node.input[2]]
            p = a["pads"][0]
            padded = np.pad(v, ((0, 0), (0, 0), (p, p), (p, p)))
            y = np.einsum("nchwij,ocij->nohw", windows(padded, w.shape[2], a["strides"][0]), w) + b[None, :, None, None]
        elif op == "MaxPool":
            y = windows(v, a["kernel_shape"][0], a["strides"][0]).max(axis=(4, 5))
        elif op == "Relu":
            y = np.maximum(v, 0)
        elif op == "LeakyRelu":
            y = np.where(v > 0, v, np.float64(np.float32(a["alpha"])) * v)
        elif op == "Sigmoid":
            y = 1 / (1 + np.exp(-v))
        elif op == "Tanh":
            y = np.tanh(v)
        elif op == "Flatten":
            y = v.reshape(v.shape[0], -1)
        elif op == "Dropout":
            y = v
        else:
            fail(f"no numpy reference for operator {op}")
        values[node.output[0]] = y
    return values[graph.output[0].name]


def main(argv):
    if len(argv) not in (2, 4):
        print(__doc__)
        return 2
    model = onnx.load(argv[1])
    try:
        onnx.checker.check_model(model, full_check=True)
        onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    except Exception as e:  # the checker raises several exception types
        fail(f"{type(e).__name__}: {e}")
    graph = model.graph
    if len(graph.input) != 1 or graph.input[0].name != "input":
        fail(f"graph inputs are {[i.name for i in graph.input]}, expected ['input']")
    batch = graph.input[0].type.tensor_type.shape.dim[0]
    if batch.WhichOneof("value") != "dim_param":
        fail("the first input axis is not dynamic")
    for t in graph.initializer:
        values = numpy_helper.to_array(t).astype("<f4").tobytes()
        print(f"init {t.name} {hashlib.sha256(values).hexdigest()}")
    if len(argv) == 4:
        sample = [d.dim_value for d in graph.input[0].type.tensor_type.shape.dim[1:]]
        x = np.fromfile(argv[2], dtype="<f4").astype(np.float64).reshape([-1] + sample)
        forward(graph, x).astype("<f8").tofile(argv[3])
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/python3
"""Writes hand-built ONNX graphs in the forms exporters emit, with inputs and the outputs NumPy computes for them
(run by OnnxOperatorImportTests and OnnxRefusedGraphTests).

usage: make_import_cases.py OUTDIR

For each case OUTDIR/CASE/ holds model.onnx, input.npy (float32) and expected.npy (float32, computed in float64 with
NumPy straight from the weights, not by any ONNX runtime). OUTDIR/bad/ holds graphs the importer must refuse.
Prints 'case NAME' for each case.

Needs Debian's python3-onnx (and numpy). Exit code 3 when they are missing.
"""
import os
import sys

try:
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
except ImportError as e:
    print(f"missing python module ({e}); install python3-onnx and python3-numpy, e.g. apt-get install python3-onnx")
    sys.exit(3)

OUT = sys.argv[1]
rng = np.random.default_rng(7)
BATCH = 3


def rand(*shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def init(name, array):
    """An initializer in raw_data (numpy_helper's form)."""
    return numpy_helper.from_array(np.asarray(array), name)


def typed(name, array):
    """An initializer in the typed fields (float_data, int64_data), not raw_data."""
    a = np.asarray(array)
    kind = {np.dtype(np.float32): TensorProto.FLOAT, np.dtype(np.int64): TensorProto.INT64, np.dtype(np.int32): TensorProto.INT32}[a.dtype]
    return helper.make_tensor(name, kind, a.shape, a.flatten().tolist(), raw=False)


def model(nodes, inits, sample_shape, opset=13, extra_inputs=(), ir_version=7):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", *sample_shape])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
    graph = helper.make_graph(nodes, "case", [x, *extra_inputs], [y], initializer=inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = ir_version
    return m


def save(name, m, x, expected):
    folder = os.path.join(OUT, name)
    os.makedirs(folder, exist_ok=True)
    onnx.save(m, os.path.join(folder, "model.onnx"))
    np.save(os.path.join(folder, "input.npy"), x.astype(np.float32))
    np.save(os.path.join(folder, "expected.npy"), np.asarray(expected, dtype=np.float64).astype(np.float32))
    print(f"case {name}")


def node(op, inputs, output, name=None, **attrs):
    return helper.make_node(op, inputs, [output], name=name or output, **attrs)


# NumPy references, float64.
def relu(v): return np.maximum(v, 0)
def sigmoid(v): return 1 / (1 + np.exp(-v))
def softmax(v, axis=-1):
    e = np.exp(v - v.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
def log_softmax(v, axis=-1):
    s = v - v.max(axis=axis, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=axis, keepdims=True))


def conv(x, w, b, strides=(1, 1), pads=(0, 0, 0, 0), dilations=(1, 1)):
    """ONNX Conv: pads are top, left, bottom, right."""
    x = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    o, c, kh, kw = w.shape
    eh, ew = (kh - 1) * dilations[0] + 1, (kw - 1) * dilations[1] + 1
    oh, ow = (x.shape[2] - eh) // strides[0] + 1, (x.shape[3] - ew) // strides[1] + 1
    y = np.zeros((x.shape[0], o, oh, ow))
    for i in range(oh):
        for j in range(ow):
            patch = x[:, :, i * strides[0]:i * strides[0] + eh:dilations[0], j * strides[1]:j * strides[1] + ew:dilations[1]]
            y[:, :, i, j] = np.einsum("nckl,ockl->no", patch, w.astype(np.float64))
    return y + b.reshape(1, -1, 1, 1)


def pool(x, k, strides, pads, mode, count_include_pad=False):
    fill = -np.inf if mode == "max" else 0.0
    xp = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])), constant_values=fill)
    inside = np.pad(np.ones(x.shape[2:]), ((pads[0], pads[2]), (pads[1], pads[3])))
    oh, ow = (xp.shape[2] - k[0]) // strides[0] + 1, (xp.shape[3] - k[1]) // strides[1] + 1
    y = np.zeros((x.shape[0], x.shape[1], oh, ow))
    for i in range(oh):
        for j in range(ow):
            win = xp[:, :, i * strides[0]:i * strides[0] + k[0], j * strides[1]:j * strides[1] + k[1]]
            if mode == "max":
                y[:, :, i, j] = win.max(axis=(2, 3))
            else:
                count = k[0] * k[1] if count_include_pad else inside[i * strides[0]:i * strides[0] + k[0], j * strides[1]:j * strides[1] + k[1]].sum()
                y[:, :, i, j] = win.sum(axis=(2, 3)) / count
    return y


def batchnorm(x, scale, bias, mean, var, eps):
    shape = (1, -1) + (1,) * (x.ndim - 2)
    return (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps) * scale.reshape(shape) + bias.reshape(shape)


def bn_params(c):
    return rand(c), rand(c), rand(c), (rng.random(c) + 0.5).astype(np.float32)


def gemm_forms():
    x = rand(BATCH, 6)
    w1, c1 = rand(5, 6), rand(5)
    w2, c2 = rand(5, 4), rand(1, 4)
    w3, c3 = rand(4, 3), rand()
    nodes = [node("Gemm", ["x", "w1", "c1"], "g1", transB=1, alpha=0.5, beta=2.0), node("Relu", ["g1"], "r1"),
             node("Gemm", ["r1", "w2", "c2"], "g2", transB=0, alpha=1.5), node("Transpose", ["g2"], "t2", perm=[1, 0]),
             node("Gemm", ["t2", "w3", "c3"], "y", transA=1, beta=0.25)]
    h = relu(0.5 * x @ w1.T + 2 * c1)
    h = 1.5 * h @ w2 + c2
    save("gemm_forms", model(nodes, [init("w1", w1), init("c1", c1), init("w2", w2), init("c2", c2), init("w3", w3), init("c3", np.float32(c3))], [6]),
         x, h @ w3 + 0.25 * c3)


def matmul_forms():
    x = rand(BATCH, 6)
    w1, w2, b2 = rand(6, 5), rand(5, 3), rand(3)
    nodes = [node("MatMul", ["x", "w1"], "m1"), node("Tanh", ["m1"], "t1"), node("MatMul", ["t1", "w2"], "m2"),
             node("Add", ["b2", "m2"], "a2", name="bias2"), node("LogSoftmax", ["a2"], "y", axis=-1)]
    save("matmul_forms", model(nodes, [init("w1", w1), init("w2", w2), init("b2", b2)], [6]), x, log_softmax(np.tanh(x @ w1) @ w2 + b2))


def arithmetic():
    x = rand(BATCH, 3, 4, 4)
    mean, std, shift, c, w, b = rand(3, 1, 1), (rng.random((1, 3, 1, 1)) + 0.5).astype(np.float32), rand(4), rand(4, 4), rand(5, 48), rand(5)
    nodes = [node("Sub", ["x", "mean"], "s1"), node("Div", ["s1", "std"], "d1"), node("Mul", ["d1", "two"], "m1"),
             node("Add", ["m1", "shift"], "a1"), node("Sub", ["c", "a1"], "s2"), node("Sigmoid", ["s2"], "g"),
             node("Div", ["one", "g"], "d2"), node("Flatten", ["d2"], "f"), node("Gemm", ["f", "w", "b"], "l", transB=1),
             node("Softmax", ["l"], "y")]
    inits = [init("mean", mean), init("std", std), init("two", np.float32(2)), init("shift", shift), init("c", c),
             init("one", np.array([1], np.float32)), init("w", w), init("b", b)]
    h = c - (((x - mean) / std) * 2 + shift)
    h = (1 / sigmoid(h)).reshape(BATCH, -1)
    save("arithmetic", model(nodes, inits, [3, 4, 4], opset=11), x, softmax(h @ w.T + b))


def batchnorm_forms():
    x = rand(BATCH, 2, 5, 5)
    cw, cb = rand(3, 2, 3, 3), rand(3)
    s1, b1, m1, v1 = bn_params(3)
    w1, fb1 = rand(4, 3), rand(4)
    s2, b2, m2, v2 = bn_params(4)
    w2, fb2 = rand(3, 4), rand(3)
    nodes = [node("Conv", ["x", "cw", "cb"], "c1", pads=[1, 1, 1, 1]),
             node("BatchNormalization", ["c1", "s1", "b1", "m1", "v1"], "bn1", epsilon=1e-3), node("Relu", ["bn1"], "r1"),
             node("GlobalAveragePool", ["r1"], "gap"), node("Flatten", ["gap"], "f"), node("Gemm", ["f", "w1", "fb1"], "fc1", transB=1),
             node("BatchNormalization", ["fc1", "s2", "b2", "m2", "v2"], "bn2"), node("Relu", ["bn2"], "fc1_relu"),
             node("Gemm", ["fc1_relu", "w2", "fb2"], "y", transB=1)]
    inits = [init(n, a) for n, a in [("cw", cw), ("cb", cb), ("s1", s1), ("b1", b1), ("m1", m1), ("v1", v1), ("w1", w1), ("fb1", fb1),
                                     ("s2", s2), ("b2", b2), ("m2", m2), ("v2", v2), ("w2", w2), ("fb2", fb2)]]
    h = relu(batchnorm(conv(x, cw, cb, pads=(1, 1, 1, 1)), s1, b1, m1, v1, 1e-3)).mean(axis=(2, 3))
    h = relu(batchnorm(h @ w1.T + fb1, s2, b2, m2, v2, 1e-5))
    save("batchnorm_forms", model(nodes, inits, [2, 5, 5]), x, h @ w2.T + fb2)


def average_pool(include):
    x = rand(BATCH, 2, 7, 7)
    pads = [1, 0, 0, 1] if not include else [1, 1, 1, 1]
    p = pool(x, (3, 3), (2, 2), pads, "avg", include)
    w, b = rand(3, p[0].size), rand(3)
    nodes = [node("AveragePool", ["x"], "p", kernel_shape=[3, 3], strides=[2, 2], pads=pads, count_include_pad=int(include)),
             node("Flatten", ["p"], "f"), node("Gemm", ["f", "w", "b"], "y", transB=1)]
    save(f"average_pool_include_{int(include)}", model(nodes, [init("w", w), init("b", b)], [2, 7, 7]), x, p.reshape(BATCH, -1) @ w.T + b)


def conv_general():
    x = rand(BATCH, 2, 9, 8)
    cw, cb = rand(3, 2, 3, 2), rand(3)
    h = conv(x, cw, cb, strides=(2, 2), pads=(1, 0, 2, 1), dilations=(2, 1))
    h = np.where(h > 0, h, 0.2 * h)
    h = pool(h, (2, 2), (1, 1), (0, 0, 1, 1), "max")
    w, b = rand(4, h[0].size), rand(4)
    nodes = [node("Conv", ["x", "cw", "cb"], "c", kernel_shape=[3, 2], strides=[2, 2], pads=[1, 0, 2, 1], dilations=[2, 1]),
             node("LeakyRelu", ["c"], "lr", alpha=0.2), node("MaxPool", ["lr"], "mp", kernel_shape=[2, 2], strides=[1, 1], pads=[0, 0, 1, 1]),
             node("Flatten", ["mp"], "f"), node("Gemm", ["f", "w", "b"], "y", transB=1)]
    save("conv_general", model(nodes, [init("cw", cw), init("cb", cb), init("w", w), init("b", b)], [2, 9, 8]), x, h.reshape(BATCH, -1) @ w.T + b)


def conv_same():
    x = rand(BATCH, 2, 7, 7)
    w1, b1, w2, b2 = rand(3, 2, 3, 3), rand(3), rand(2, 3, 2, 2), rand(2)
    h = relu(conv(x, w1, b1, strides=(2, 2), pads=(1, 1, 1, 1)))  # SAME_UPPER: 7 → 4, total padding 2
    h = relu(conv(h, w2, b2, pads=(1, 1, 0, 0)))  # SAME_LOWER, k2 s1: total 1, at the start
    w, b = rand(3, h[0].size), rand(3)
    nodes = [node("Conv", ["x", "w1", "b1"], "c1", auto_pad="SAME_UPPER", strides=[2, 2]), node("Relu", ["c1"], "r1"),
             node("Conv", ["r1", "w2", "b2"], "c2", auto_pad="SAME_LOWER"), node("Relu", ["c2"], "r2"),
             node("Flatten", ["r2"], "f"), node("Gemm", ["f", "w", "b"], "y", transB=1)]
    save("conv_same", model(nodes, [init(n, a) for n, a in [("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2), ("w", w), ("b", b)]], [2, 7, 7]),
         x, h.reshape(BATCH, -1) @ w.T + b)


def conv_fc():
    x = rand(BATCH, 3, 4, 4)
    w1, b1, w2, b2, w3, b3 = rand(8, 3, 4, 4), rand(8), rand(5, 8, 1, 1), rand(5), rand(3, 5), rand(3)
    h = relu(conv(x, w1, b1))
    h = relu(conv(h, w2, b2)).reshape(BATCH, -1)
    nodes = [node("Conv", ["x", "w1", "b1"], "c1", name="fc6"), node("Relu", ["c1"], "fc6_relu"),
             node("Conv", ["fc6_relu", "w2", "b2"], "c2", name="fc7"), node("Relu", ["c2"], "fc7_relu"),
             node("Flatten", ["fc7_relu"], "f"), node("Gemm", ["f", "w3", "b3"], "logits", transB=1), node("Softmax", ["logits"], "y")]
    save("conv_fc", model(nodes, [init(n, a) for n, a in [("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2), ("w3", w3), ("b3", b3)]], [3, 4, 4]),
         x, softmax(h @ w3.T + b3))


def clip(opset):
    x = rand(BATCH, 5, scale=4)
    w, b = rand(6, 5, scale=3), rand(6)
    w2, b2 = rand(2, 6), rand(2)
    if opset < 11:
        clips = [node("Clip", ["g"], "c", min=0.0, max=6.0), node("Clip", ["c"], "c2", min=-1.0, max=2.5)]
        inits = []
    else:
        clips = [node("Clip", ["g", "lo", ""], "c"), node("Clip", ["c", "lo2", "hi2"], "c2")]
        inits = [init("lo", np.float32(0)), init("lo2", np.float32(-1)), init("hi2", np.float32(2.5))]
    nodes = [node("Gemm", ["x", "w", "b"], "g", transB=1), *clips, node("Gemm", ["c2", "w2", "b2"], "y", transB=1)]
    h = np.clip(x @ w.T + b, 0, 6 if opset < 11 else np.inf)
    save(f"clip_opset{opset}", model(nodes, [init("w", w), init("b", b), init("w2", w2), init("b2", b2), *inits], [5], opset=opset),
         x, np.clip(h, -1, 2.5) @ w2.T + b2)


def squeeze_unsqueeze(opset):
    x = rand(BATCH, 4)
    w, b = rand(3, 4), rand(3)
    if opset < 13:
        nodes = [node("Unsqueeze", ["x"], "u1", axes=[2]), node("Unsqueeze", ["u1"], "u2", axes=[1]),
                 node("Squeeze", ["u2"], "s1", axes=[-1]), node("Squeeze", ["s1"], "s2", axes=[1])]
        inits = []
    else:
        nodes = [node("Unsqueeze", ["x", "a2"], "u1"), node("Unsqueeze", ["u1", "a1"], "u2"),
                 node("Squeeze", ["u2", "am1"], "s1"), node("Squeeze", ["s1", "a1"], "s2")]
        inits = [init("a2", np.array([2], np.int64)), init("a1", np.array([1], np.int64)), init("am1", np.array([-1], np.int64))]
    nodes += [node("Gemm", ["s2", "w", "b"], "y", transB=1)]
    save(f"squeeze_unsqueeze_opset{opset}", model(nodes, [init("w", w), init("b", b), *inits], [4], opset=opset), x, x @ w.T + b)


def nhwc_pair():
    """The same network as tf2onnx writes it (NHWC input, transposes around the conv) and as PyTorch does (NCHW)."""
    cw, cb = rand(4, 2, 3, 3), rand(4)
    w1, b1, w2, b2 = rand(64, 10), rand(10), rand(10, 3), rand(3)
    x = rand(BATCH, 2, 6, 6)
    conv_out = relu(conv(x, cw, cb))  # N,4,4,4
    # tf2onnx flattens in H, W, C order: the same weights, rows permuted.
    w1_hwc = w1.reshape(4, 4, 4, 10).transpose(1, 2, 0, 3).reshape(64, 10)
    h = relu(conv_out.reshape(BATCH, -1) @ w1 + b1)
    expected = softmax(h @ w2 + b2)
    head = [node("MatMul", ["flat", "w1"], "m1", name="dense"), node("Add", ["m1", "b1"], "a1", name="dense/BiasAdd"),
            node("Relu", ["a1"], "dense_relu", name="dense_relu"), node("MatMul", ["dense_relu", "w2"], "m2", name="logits"),
            node("Add", ["m2", "b2"], "a2", name="logits/BiasAdd"), node("Softmax", ["a2"], "y", name="probs")]
    nchw = [node("Conv", ["x", "cw", "cb"], "c", name="conv"), node("Relu", ["c"], "r", name="conv_relu"), node("Flatten", ["r"], "flat", name="flatten")]
    save("nchw_twin", model(nchw + head, [init(n, a) for n, a in [("cw", cw), ("cb", cb), ("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2)]], [2, 6, 6]), x, expected)
    nhwc = [node("Transpose", ["x"], "t", name="to_nchw", perm=[0, 3, 1, 2]), node("Conv", ["t", "cw", "cb"], "c", name="conv"),
            node("Relu", ["c"], "r", name="conv_relu"), node("Transpose", ["r"], "rt", name="to_nhwc", perm=[0, 2, 3, 1]),
            node("Reshape", ["rt", "shape"], "flat", name="flatten")]
    inits = [init(n, a) for n, a in [("cw", cw), ("cb", cb), ("w1", w1_hwc), ("b1", b1), ("w2", w2), ("b2", b2), ("shape", np.array([-1, 64], np.int64))]]
    save("nhwc_twin", model(nhwc + head, inits, [6, 6, 2]), x.transpose(0, 2, 3, 1), expected)


def folded_reshape():
    """x.view(x.size(0), -1) as PyTorch writes it, plus a Cast of a constant, a Constant node, and a Flatten of a
    constant with a negative axis (counted from the input's rank: −2 of [3, 2, 8] gives [3, 16])."""
    x = rand(BATCH, 2, 3, 3)
    cw, cb, w, b = rand(4, 2, 2, 2), rand(4), rand(3, 16), rand(3)
    nodes = [node("Conv", ["x", "cw", "cb"], "c"), node("Relu", ["c"], "r"), node("Shape", ["r"], "shape"),
             helper.make_node("Constant", [], ["zero"], name="zero", value=helper.make_tensor("zero", TensorProto.INT64, [], [0])),
             node("Gather", ["shape", "zero"], "batch", axis=0), node("Unsqueeze", ["batch", "axes"], "batch1"),
             node("Cast", ["minus_one32"], "minus_one", to=TensorProto.INT64), node("Concat", ["batch1", "minus_one"], "target", axis=0),
             node("Reshape", ["r", "target"], "flat"), node("Flatten", ["w3d"], "w", axis=-2), node("Gemm", ["flat", "w", "b"], "y", transB=1)]
    inits = [init("cw", cw), init("cb", cb), init("w3d", w.reshape(3, 2, 8)), init("b", b), init("axes", np.array([0], np.int64)), init("minus_one32", np.array([-1], np.int32))]
    save("folded_reshape", model(nodes, inits, [2, 3, 3]), x, relu(conv(x, cw, cb)).reshape(BATCH, -1) @ w.T + b)


def reshape_transpose():
    x = rand(BATCH, 12)
    w1, b1, w2, b2 = rand(6, 12), rand(6), rand(2, 6), rand(2)
    nodes = [node("Reshape", ["x", "s1"], "r1"), node("Transpose", ["r1"], "t1", perm=[0, 2, 1]), node("Reshape", ["t1", "s2"], "r2"),
             node("Gemm", ["r2", "w1", "b1"], "g1", transB=1), node("Reshape", ["g1", "s3"], "r3"), node("Softmax", ["r3"], "sm"),
             node("Flatten", ["sm"], "f"), node("Gemm", ["f", "w2", "b2"], "y", transB=1)]
    inits = [init("s1", np.array([0, 3, 4], np.int64)), init("s2", np.array([-1, 12], np.int64)), init("s3", np.array([0, -1, 2], np.int64)),
             init("w1", w1), init("b1", b1), init("w2", w2), init("b2", b2)]
    h = x.reshape(BATCH, 3, 4).transpose(0, 2, 1).reshape(BATCH, 12) @ w1.T + b1
    save("reshape_transpose", model(nodes, inits, [12]), x, softmax(h.reshape(BATCH, 3, 2)).reshape(BATCH, -1) @ w2.T + b2)


def initializer_forms():
    """Weights in float_data, a shape in int64_data, a weight also listed as a graph input (IR version 3), Dropout with a
    ratio input, Identity and a Cast to FLOAT of the chain value."""
    x = rand(BATCH, 2, 2)
    w1, b1, w2, b2 = rand(4, 3), rand(3), rand(3, 2), rand(2)
    nodes = [node("Reshape", ["x", "shape"], "f"), node("MatMul", ["f", "w1"], "m1"), node("Add", ["m1", "b1"], "a1"),
             node("Dropout", ["a1", "ratio"], "d1"), node("Identity", ["d1"], "i1"), node("Cast", ["i1"], "k1", to=TensorProto.FLOAT),
             node("Gemm", ["k1", "w2", "b2"], "y")]
    inits = [typed("w1", w1), init("b1", b1), typed("w2", w2), typed("b2", b2), typed("shape", np.array([-1, 4], np.int64)), init("ratio", np.float32(0.3))]
    listed = [helper.make_tensor_value_info("w2", TensorProto.FLOAT, [3, 2])]
    save("initializer_forms", model(nodes, inits, [2, 2], opset=12, extra_inputs=listed, ir_version=3), x, (x.reshape(BATCH, 4) @ w1 + b1) @ w2 + b2)


def torch_export(opset):
    """A small classifier exported by PyTorch itself (BatchNorm, average pooling with its Pad, dilated conv, ReLU6,
    x.view(x.size(0), -1), BatchNorm1d, Dropout, LogSoftmax), its expected output computed by PyTorch."""
    try:
        import torch
        from torch import nn
    except ImportError as e:
        print(f"missing python module ({e}); install python3-torch")
        sys.exit(3)
    torch.manual_seed(opset)

    class Features(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1, self.bn = nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4)
            self.pool, self.conv2 = nn.AvgPool2d(2, padding=1, count_include_pad=False), nn.Conv2d(4, 6, 3, stride=2, padding=(1, 0), dilation=2)

        def forward(self, x):
            x = nn.functional.relu6(self.conv2(self.pool(torch.relu(self.bn(self.conv1(x))))))
            return x.view(x.size(0), -1)

    net = nn.Sequential(Features(), nn.Linear(36, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.3), nn.Linear(16, 10), nn.LogSoftmax(1))
    for bn in (net[0].bn, net[2]):
        bn.running_mean.uniform_(-1, 1)
        bn.running_var.uniform_(0.5, 2)
    net.eval()
    x = torch.randn(BATCH, 1, 12, 12)
    folder = os.path.join(OUT, f"torch_opset{opset}")
    os.makedirs(folder, exist_ok=True)
    torch.onnx.export(net, x, os.path.join(folder, "model.onnx"), opset_version=opset, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "N"}, "y": {0: "N"}}, training=torch.onnx.TrainingMode.EVAL, do_constant_folding=False)
    np.save(os.path.join(folder, "input.npy"), x.numpy())
    with torch.no_grad():
        np.save(os.path.join(folder, "expected.npy"), net(x).numpy())
    print(f"case torch_opset{opset}")


def bad_cases():
    folder = os.path.join(OUT, "bad")
    os.makedirs(folder, exist_ok=True)
    w = init("W", rand(4, 4))
    unsupported = [node("Resize", ["x", "", "scales"], "up", name="up1"), node("LRN", ["up"], "l1", name="lrn1", size=3),
                   node("Relu", ["l1"], "r"), node("LRN", ["r"], "l2", name="lrn2", size=3), node("Flatten", ["l2"], "y")]
    onnx.save(model(unsupported, [init("scales", np.array([1, 1, 2, 2], np.float32))], [1, 2, 2]), os.path.join(folder, "unsupported.onnx"))
    m = model([node("Gemm", ["x", "W"], "y", transB=1)], [w], [4])
    onnx.save(m, os.path.join(folder, "external.onnx"), save_as_external_data=True, all_tensors_to_one_file=True, location="external.bin", size_threshold=0)
    branch = [node("Relu", ["x"], "a"), node("Sigmoid", ["a"], "b"), node("Add", ["a", "b"], "y", name="join")]
    onnx.save(model(branch, [], [4]), os.path.join(folder, "branch.onnx"))
    fused = helper.make_node("FusedGemm", ["x", "W"], ["y"], name="fused", domain="com.microsoft")
    m = model([fused], [w], [4])
    m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(m, os.path.join(folder, "domain.onnx"))


gemm_forms()
matmul_forms()
arithmetic()
batchnorm_forms()
average_pool(True)
average_pool(False)
conv_general()
conv_same()
conv_fc()
clip(10)
clip(13)
squeeze_unsqueeze(11)
squeeze_unsqueeze(13)
nhwc_pair()
folded_reshape()
reshape_transpose()
initializer_forms()
torch_export(11)
torch_export(17)
bad_cases()

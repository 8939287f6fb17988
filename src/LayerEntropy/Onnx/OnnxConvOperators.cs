using LayerEntropy.Nn;

namespace LayerEntropy.Onnx;

/// <summary>
/// Conv and the pooling operators. The forms our own files hold (square kernel, equal strides, the same padding on
/// every side, no dilation) become <see cref="Conv2d"/> and <see cref="MaxPool2d"/> as always; other forms become
/// <see cref="PaddedConv2d"/> and <see cref="Pool2d"/>; a Conv whose kernel covers its whole unpadded input is a
/// fully connected layer and becomes a <see cref="Linear"/>.
/// </summary>
internal static class OnnxConvOperators
{
    public static Layer Conv(OnnxNode node, int[] shape)
    {
        node.Allow("kernel_shape", "strides", "pads", "dilations", "group", "auto_pad");
        if (node.Int("group", 1) != 1) throw node.Fail($"group = {node.Int("group", 1)} is not supported (only 1)");
        if (node.HasInput(1) && !node.IsConstant(1)) throw node.Fail("the weight must be a constant");
        var w = node.Dims(1, 4);
        int outChannels = w[0], inChannels = w[1], kh = w[2], kw = w[3];
        if (!node.Ints("kernel_shape", kh, kw).SequenceEqual([(long)kh, kw]))
            throw node.Fail($"kernel_shape [{string.Join(",", node.Ints("kernel_shape"))}] does not match the weight's shape [{string.Join(",", w)}]");
        if (shape.Length != 3 || shape[0] != inChannels)
            throw node.Fail($"takes {inChannels}×H×W inputs, but the chain gives [{string.Join(",", shape)}]");
        int[] strides = Pair(node, "strides"), dilations = Pair(node, "dilations");
        int eh = (kh - 1) * dilations[0] + 1, ew = (kw - 1) * dilations[1] + 1;
        int[] pads = Pads(node, shape, [eh, ew], strides);
        float[] weight = node.Floats(1), bias = new float[outChannels];
        if (node.HasInput(2))
        {
            float[] b = node.Floats(2);
            if (b.Length != outChannels) throw node.Fail($"bias '{node.Proto.Input[2]}' has {b.Length} values, expected {outChannels}");
            bias = b;
        }
        if (eh == shape[1] && ew == shape[2] && pads.All(p => p == 0) && dilations.All(d => d == 1))
        {
            // One output position that sees every input value: a fully connected layer on the C·H·W flatten.
            var fc = new Linear(inChannels * kh * kw, outChannels) { UnitShape = [outChannels, 1, 1] };
            weight.CopyTo(fc.Weight.Value.Data);
            bias.CopyTo(fc.Bias.Value.Data);
            return fc;
        }
        if (kh == kw && strides[0] == strides[1] && pads.All(p => p == pads[0]) && dilations.All(d => d == 1))
        {
            var conv = new Conv2d(inChannels, outChannels, kh, strides[0], pads[0]);
            weight.CopyTo(conv.Weight.Value.Data);
            bias.CopyTo(conv.Bias.Value.Data);
            return conv;
        }
        return new PaddedConv2d(inChannels, outChannels, [eh, ew], strides, pads, new Tensors.Tensor(weight, w),
            Dilate(weight, outChannels * inChannels, kh, kw, dilations), bias);
    }

    public static Layer MaxPool(OnnxNode node, int[] shape)
    {
        node.Allow("kernel_shape", "strides", "pads", "dilations", "ceil_mode", "storage_order", "auto_pad");
        if (node.Proto.Output.Skip(1).Any(o => o.Length > 0)) throw node.Fail("the Indices output is not supported");
        if (Pair(node, "dilations").Any(d => d != 1)) throw node.Fail($"dilations [{string.Join(",", node.Ints("dilations"))}] are not supported (only 1)");
        var (kernel, strides, pads, ceil) = Window(node, shape);
        if (kernel[0] == kernel[1] && strides[0] == strides[1] && pads.All(p => p == 0) && !ceil) return new MaxPool2d(kernel[0], strides[0]);
        return new Pool2d(true, kernel, strides, pads, ceil);
    }

    public static Pool2d AveragePool(OnnxNode node, int[] shape)
    {
        node.Allow("kernel_shape", "strides", "pads", "dilations", "ceil_mode", "count_include_pad", "auto_pad");
        if (Pair(node, "dilations").Any(d => d != 1)) throw node.Fail($"dilations [{string.Join(",", node.Ints("dilations"))}] are not supported (only 1)");
        var (kernel, strides, pads, ceil) = Window(node, shape);
        return new Pool2d(false, kernel, strides, pads, ceil, node.Int("count_include_pad", 0) != 0);
    }

    public static Pool2d GlobalPool(OnnxNode node, int[] shape)
    {
        node.Allow();
        if (shape.Length != 3) throw node.Fail($"takes C×H×W inputs, but the chain gives [{string.Join(",", shape)}]");
        return new Pool2d(node.OpType == "GlobalMaxPool", null, [1, 1], [0, 0, 0, 0]);
    }

    /// <summary>
    /// Pad in constant mode with value 0 on the two spatial axes (PyTorch writes one before some pooling layers):
    /// pads from an attribute before opset 11, from a constant input from it. Zero pads give no layer.
    /// </summary>
    public static ZeroPad2d? Pad(OnnxNode node, int[] shape, int opset)
    {
        node.Allow("mode", "pads", "value");
        if (node.Text("mode", "constant") != "constant") throw node.Fail($"mode '{node.Text("mode", "constant")}' is not supported (only constant)");
        long[] pads = opset < 11 ? node.Ints("pads") : node.Longs(1);
        float value = opset < 11 ? node.Float("value", 0f) : node.HasInput(2) ? node.Floats(2).Single() : 0f;
        if (node.HasInput(3)) throw node.Fail("the axes input is not supported");
        if (pads.All(p => p == 0)) return null;
        if (value != 0 || shape.Length != 3 || pads.Length != 8 || pads.Any(p => p < 0 || p > int.MaxValue) || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0)
            throw node.Fail($"pads [{string.Join(",", pads)}] with value {value} are not supported (only zeros around the planes of N×C×H×W)");
        return new ZeroPad2d([(int)pads[2], (int)pads[3], (int)pads[6], (int)pads[7]]);
    }

    private static (int[] Kernel, int[] Strides, int[] Pads, bool Ceil) Window(OnnxNode node, int[] shape)
    {
        long[] k = node.Ints("kernel_shape");
        if (k.Length != 2 || k.Any(v => v <= 0 || v > int.MaxValue)) throw node.Fail($"kernel_shape [{string.Join(",", k)}] is not supported (two positive sizes)");
        if (shape.Length != 3) throw node.Fail($"takes C×H×W inputs, but the chain gives [{string.Join(",", shape)}]");
        int[] kernel = [(int)k[0], (int)k[1]], strides = Pair(node, "strides");
        long ceil = node.Int("ceil_mode", 0);
        if (ceil is not (0 or 1)) throw node.Fail($"ceil_mode = {ceil} is not supported");
        return (kernel, strides, Pads(node, shape, kernel, strides), ceil == 1);
    }

    /// <summary>A two-value attribute of positive values, [1, 1] when absent.</summary>
    private static int[] Pair(OnnxNode node, string name)
    {
        long[] v = node.Ints(name, 1, 1);
        if (v.Length != 2 || v.Any(x => x <= 0 || x > int.MaxValue)) throw node.Fail($"{name} [{string.Join(",", v)}] are not supported (two positive values)");
        return [(int)v[0], (int)v[1]];
    }

    /// <summary>Top, left, bottom, right: from pads, or from auto_pad (SAME_UPPER puts the odd one at the end, SAME_LOWER at the start).</summary>
    private static int[] Pads(OnnxNode node, int[] shape, int[] kernel, int[] strides)
    {
        string autoPad = node.Text("auto_pad", "NOTSET");
        long[] pads = node.Ints("pads", 0, 0, 0, 0);
        if (pads.Length != 4 || pads.Any(p => p < 0 || p > int.MaxValue)) throw node.Fail($"pads [{string.Join(",", pads)}] are not supported (four non-negative values)");
        switch (autoPad)
        {
            case "NOTSET" or "":
                return [.. pads.Select(p => (int)p)];
            case "VALID":
                return [0, 0, 0, 0];
            case "SAME_UPPER" or "SAME_LOWER":
                var result = new int[4];
                for (int a = 0; a < 2; a++)
                {
                    int size = shape[a + 1], output = (size + strides[a] - 1) / strides[a];
                    int total = Math.Max(0, (output - 1) * strides[a] + kernel[a] - size);
                    int small = total / 2, large = total - small;
                    (result[a], result[a + 2]) = autoPad == "SAME_UPPER" ? (small, large) : (large, small);
                }
                return result;
            default:
                throw node.Fail($"auto_pad = {autoPad} is not supported");
        }
    }

    /// <summary>Each kh×kw kernel spread to its dilated size, zeros between the taps (the weights are read once, with the model).</summary>
    private static float[] Dilate(float[] weight, int kernels, int kh, int kw, int[] dilations)
    {
        if (dilations.All(d => d == 1)) return weight;
        int eh = (kh - 1) * dilations[0] + 1, ew = (kw - 1) * dilations[1] + 1;
        var result = new float[kernels * eh * ew];
        for (int k = 0; k < kernels; k++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++)
                    result[(k * eh + i * dilations[0]) * ew + j * dilations[1]] = weight[(k * kh + i) * kw + j];
        return result;
    }
}

using LayerEntropy.Nn;

namespace LayerEntropy.Onnx;

/// <summary>
/// Maps one ONNX operator to one layer, given the per-sample shape of its input. Only attribute values that
/// the layer computes exactly are accepted; anything else is refused with the node and the value named.
/// </summary>
internal static class OnnxOperators
{
    /// <summary>Gemm: Y = A·B + C with B stored out×in (transB = 1, ours and PyTorch's) or in×out (transB = 0).</summary>
    public static Linear Gemm(OnnxNode node, int[] shape)
    {
        node.Allow("alpha", "beta", "transA", "transB");
        float alpha = node.Float("alpha", 1f), beta = node.Float("beta", 1f);
        if (alpha != 1f || beta != 1f) throw node.Fail($"alpha = {alpha} and beta = {beta} are not supported (both must be 1)");
        if (node.Int("transA", 0) != 0) throw node.Fail("transA = 1 is not supported");
        long transB = node.Int("transB", 0);
        if (transB is not (0 or 1)) throw node.Fail($"transB = {transB} is not supported");
        return MakeLinear(node, shape, transB == 1, node.HasInput(2) ? node : null, 2);
    }

    /// <summary>MatMul with an in×out weight, optionally followed by the Add of a bias (how TensorFlow and Keras export dense layers).</summary>
    public static Linear MatMul(OnnxNode node, int[] shape, OnnxNode? add)
    {
        node.Allow();
        add?.Allow();
        int biasInput = add is null ? 0 : add.Proto.Input[0] == node.Output ? 1 : 0;
        return MakeLinear(node, shape, false, add, biasInput);
    }

    public static Conv2d Conv(OnnxNode node, int[] shape)
    {
        node.Allow("kernel_shape", "strides", "pads", "dilations", "group", "auto_pad");
        if (node.Int("group", 1) != 1) throw node.Fail($"group = {node.Int("group", 1)} is not supported (only 1)");
        var w = node.Dims(1, 4);
        int kernel = Square(node, "kernel", [w[2], w[3]]);
        if (!node.Ints("kernel_shape", w[2], w[3]).SequenceEqual([w[2], w[3]])) throw node.Fail("kernel_shape does not match the weight's shape");
        int stride = Square(node, "strides", node.Ints("strides", 1, 1));
        int padding = Padding(node, node.Ints("pads", 0, 0, 0, 0));
        RequireOnes(node, "dilations", node.Ints("dilations", 1, 1));
        if (shape.Length != 3 || shape[0] != w[1])
            throw node.Fail($"takes {w[1]}×H×W inputs, but the chain gives [{string.Join(",", shape)}]");
        var conv = new Conv2d(w[1], w[0], kernel, stride, padding);
        node.Floats(1).CopyTo(conv.Weight.Value.Data);
        if (node.HasInput(2)) CopyBias(node, node, 2, conv.Bias.Value.Data);
        return conv;
    }

    public static MaxPool2d MaxPool(OnnxNode node)
    {
        node.Allow("kernel_shape", "strides", "pads", "dilations", "ceil_mode", "storage_order", "auto_pad");
        int kernel = Square(node, "kernel_shape", node.Ints("kernel_shape"));
        int stride = Square(node, "strides", node.Ints("strides", 1, 1));
        if (Padding(node, node.Ints("pads", 0, 0, 0, 0)) != 0) throw node.Fail("padded max pooling is not supported");
        RequireOnes(node, "dilations", node.Ints("dilations", 1, 1));
        if (node.Int("ceil_mode", 0) != 0) throw node.Fail("ceil_mode = 1 is not supported");
        return new MaxPool2d(kernel, stride);
    }

    public static Flatten Flatten(OnnxNode node, int[] shape)
    {
        node.Allow("axis");
        long axis = node.Int("axis", 1);
        if (axis != 1 && axis != -shape.Length) throw node.Fail($"axis = {axis} is not supported (only 1, which keeps the batch axis)");
        return new Flatten();
    }

    /// <summary>
    /// Reshape to [N, −1], [0, −1], [batch, −1] (computed by <see cref="OnnxShapeOps"/>) or [−1, features]: the flatten
    /// that exporters write after conv blocks.
    /// </summary>
    public static Flatten Reshape(OnnxNode node, int[] shape)
    {
        node.Allow("allowzero");
        long[] to = node.Longs(1);
        long features = shape.Aggregate(1L, (n, d) => n * d);
        bool zero = to.Length > 0 && to[0] == 0;
        if (to.Length > 0 && to[0] == OnnxShapeOps.Batch) to[0] = 0;
        bool flat = to.Length == 2 && (to[0] >= 0 ? to[1] == -1 || to[1] == features : to[0] == -1 && to[1] == features);
        if (!flat || (zero && node.Int("allowzero", 0) != 0))
            throw node.Fail($"reshape to [{string.Join(",", to)}] is not supported (only a flatten to [N,-1] or [-1,{features}])");
        return new Flatten();
    }

    public static Dropout Dropout(OnnxNode node)
    {
        // Opsets before 12 give the ratio as an attribute, later ones as an optional input.
        node.Allow("ratio", "seed", "is_test");
        float ratio = node.Float("ratio", 0.5f);
        if (node.HasInput(1))
        {
            float[] r = node.Floats(1);
            if (r.Length != 1) throw node.Fail("the ratio input must be a single value");
            ratio = r[0];
        }
        if (node.HasInput(2)) node.Tensor(2);
        if (!(ratio >= 0 && ratio < 1)) throw node.Fail($"ratio {ratio} is outside [0, 1)");
        return new Dropout(ratio);
    }

    public static LeakyReLU LeakyRelu(OnnxNode node)
    {
        node.Allow("alpha");
        return new LeakyReLU(node.Float("alpha", 0.01f));
    }

    private static Linear MakeLinear(OnnxNode node, int[] shape, bool outByIn, OnnxNode? biasNode, int biasInput)
    {
        if (shape.Length != 1) throw node.Fail($"needs a flat input per sample, but the chain gives [{string.Join(",", shape)}]; a Flatten must come first");
        var w = node.Dims(1, 2);
        int inFeatures = outByIn ? w[1] : w[0], outFeatures = outByIn ? w[0] : w[1];
        if (inFeatures != shape[0]) throw node.Fail($"weight shape [{w[0]},{w[1]}] takes {inFeatures} features, but the chain gives {shape[0]}");
        var fc = new Linear(inFeatures, outFeatures);
        float[] values = node.Floats(1);
        var weight = fc.Weight.Value.Data;
        if (outByIn) values.CopyTo(weight);
        else
            for (int i = 0; i < inFeatures; i++)
                for (int o = 0; o < outFeatures; o++) weight[o * inFeatures + i] = values[i * outFeatures + o];
        if (biasNode is not null) CopyBias(node, biasNode, biasInput, fc.Bias.Value.Data);
        return fc;
    }

    private static void CopyBias(OnnxNode node, OnnxNode biasNode, int index, float[] bias)
    {
        float[] values = biasNode.Floats(index);
        if (values.Length != bias.Length) throw node.Fail($"bias '{biasNode.Proto.Input[index]}' has {values.Length} values, expected {bias.Length}");
        values.CopyTo(bias);
    }

    private static int Square(OnnxNode node, string what, long[] pair)
    {
        if (pair.Length != 2 || pair[0] != pair[1] || pair[0] <= 0 || pair[0] > int.MaxValue)
            throw node.Fail($"{what} [{string.Join(",", pair)}] is not supported (only two equal positive values: square kernels, equal strides)");
        return (int)pair[0];
    }

    private static int Padding(OnnxNode node, long[] pads)
    {
        string autoPad = node.Text("auto_pad", "NOTSET");
        if (autoPad is not ("NOTSET" or "VALID" or "")) throw node.Fail($"auto_pad = {autoPad} is not supported (give explicit pads)");
        if (pads.Length != 4 || pads.Any(p => p != pads[0]) || pads[0] < 0 || pads[0] > int.MaxValue || (autoPad == "VALID" && pads[0] != 0))
            throw node.Fail($"pads [{string.Join(",", pads)}] are not supported (only the same padding on every side)");
        return (int)pads[0];
    }

    private static void RequireOnes(OnnxNode node, string what, long[] values)
    {
        if (values.Any(v => v != 1)) throw node.Fail($"{what} [{string.Join(",", values)}] are not supported (only 1)");
    }
}

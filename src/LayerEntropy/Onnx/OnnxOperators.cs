using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Onnx;

/// <summary>
/// Maps one ONNX operator to one layer, given the per-sample shape of its input. Only attribute values that
/// the layer computes exactly are accepted; anything else is refused with the node and the value named.
/// Convolutions and pooling are in <see cref="OnnxConvOperators"/>, reshapes in <see cref="OnnxShapeLayers"/>.
/// </summary>
internal static class OnnxOperators
{
    /// <summary>
    /// Gemm: Y = alpha·A'·B' + beta·C with A the chain value and B, C constant: B stored out×in (transB = 1, ours and
    /// PyTorch's) or in×out (transB = 0); C a bias row or a single value. transA = 1 is taken only when the chain value
    /// was transposed just before (<paramref name="transposedInput"/>), the two transposes cancelling.
    /// </summary>
    public static Linear Gemm(OnnxNode node, int[] shape, bool transposedInput)
    {
        node.Allow("alpha", "beta", "transA", "transB", "broadcast");
        RequireChainFirst(node);
        float alpha = node.Float("alpha", 1f), beta = node.Float("beta", 1f);
        long transA = node.Int("transA", 0), transB = node.Int("transB", 0);
        if (transA is not (0 or 1) || transB is not (0 or 1)) throw node.Fail($"transA = {transA}, transB = {transB} are not supported (0 or 1)");
        if (transA == 1 && !transposedInput)
            throw node.Fail("transA = 1 would take the batch axis as the features; it is supported only right after a Transpose with perm [1,0]");
        var fc = MakeLinear(node, shape, transB == 1, alpha);
        if (node.HasInput(2))
        {
            float[] bias = Bias(node, node, 2, fc.OutFeatures) ?? throw node.Fail($"C of shape [{string.Join(",", node.Tensor(2).Dims)}] is not a bias of {fc.OutFeatures} values or one value");
            for (int o = 0; o < bias.Length; o++) fc.Bias.Value[o] = beta * bias[o];
        }
        return fc;
    }

    /// <summary>MatMul with a constant in×out weight, optionally followed by the Add of a bias (how TensorFlow and Keras export dense layers).</summary>
    public static Linear MatMul(OnnxNode node, int[] shape, OnnxNode? add)
    {
        node.Allow();
        add?.Allow();
        RequireChainFirst(node);
        var fc = MakeLinear(node, shape, false, 1f);
        if (add is not null)
        {
            int index = add.Proto.Input[0] == node.Output ? 1 : 0;
            (Bias(node, add, index, fc.OutFeatures) ?? throw node.Fail("the Add after it is not a bias")).CopyTo(fc.Bias.Value.Data);
        }
        return fc;
    }

    /// <summary>
    /// The values of constant input <paramref name="index"/> of <paramref name="owner"/> as a bias of
    /// <paramref name="features"/> values, when its shape broadcasts to one row ([M], [1,M], [1] or a scalar); else null.
    /// </summary>
    public static float[]? Bias(OnnxNode node, OnnxNode owner, int index, int features)
    {
        if (!owner.HasInput(index) || !OnnxTensors.IsFloat(owner.Tensor(index))) return null;
        var dims = OnnxTensors.Shape(owner.Tensor(index));
        if (dims is null || dims.Length > 2) return null;
        try { return Broadcasting.Expand(owner.Floats(index), dims, [1, features]); }
        catch (ArgumentException e) { throw node.Fail(e.Message); }
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

    /// <summary>Clip: the bounds are attributes before opset 11 and optional constant inputs from it.</summary>
    public static Clip Clip(OnnxNode node, int opset)
    {
        node.Allow("min", "max");
        float Bound(int index, string name, float fallback)
        {
            if (opset < 11) return node.Float(name, fallback);
            if (!node.HasInput(index)) return fallback;
            float[] v = node.Floats(index);
            return v.Length == 1 ? v[0] : throw node.Fail($"{name} must be a single value");
        }
        float min = Bound(1, "min", float.NegativeInfinity), max = Bound(2, "max", float.PositiveInfinity);
        if (!(min <= max)) throw node.Fail($"min {min} is above max {max}");
        return new Clip(min, max);
    }

    /// <summary>Softmax or LogSoftmax: over the last axis from opset 13; before it over everything from the axis on (default 1).</summary>
    public static Softmax Softmax(OnnxNode node, int[] shape, int opset)
    {
        node.Allow("axis");
        int rank = shape.Length + 1, axis = OnnxFolding.Axis(node, node.Int("axis", opset < 13 ? 1 : -1), rank);
        if (axis == 0) throw node.Fail("axis 0 is the batch axis");
        if (opset >= 13 && axis != rank - 1) throw node.Fail($"axis {node.Int("axis", -1)} is not the last axis (only the feature axis is supported)");
        return new Softmax(node.OpType == "LogSoftmax", axis - 1);
    }

    /// <summary>BatchNormalization in inference: the per-channel affine map of scale, B, mean, var and epsilon.</summary>
    public static BatchNorm BatchNormalization(OnnxNode node, int[] shape)
    {
        node.Allow("epsilon", "momentum", "spatial", "training_mode", "is_test", "consumed_inputs");
        if (node.Int("spatial", 1) != 1) throw node.Fail("spatial = 0 is not supported");
        if (node.Int("training_mode", 0) != 0 || node.Proto.Output.Skip(1).Any(o => o.Length > 0))
            throw node.Fail("training mode (running statistics as outputs) is not supported; export the model in eval mode");
        double epsilon = node.Float("epsilon", 1e-5f);
        float[] gamma = node.Floats(1), beta = node.Floats(2), mean = node.Floats(3), variance = node.Floats(4);
        int channels = gamma.Length;
        if (shape.Length < 1 || shape[0] != channels || new[] { beta, mean, variance }.Any(v => v.Length != channels))
            throw node.Fail($"has {channels} channels of statistics, but the chain gives [{string.Join(",", shape)}]");
        var scale = new float[channels];
        var shift = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double s = gamma[c] / Math.Sqrt(variance[c] + epsilon);
            scale[c] = (float)s;
            shift[c] = (float)(beta[c] - mean[c] * s);
        }
        return new BatchNorm(scale, shift);
    }

    /// <summary>Add, Sub, Mul or Div of the chain value and a constant that broadcasts to its per-sample shape.</summary>
    public static ConstantArithmetic Arithmetic(OnnxNode node, int[] shape, int chainInput)
    {
        node.Allow();
        int constant = 1 - chainInput;
        var t = node.Tensor(constant);
        if (!OnnxTensors.IsFloat(t)) throw node.Fail($"constant '{t.Name}' is not floating-point");
        var dims = OnnxTensors.Shape(t) ?? throw node.Fail($"constant '{t.Name}' has a bad shape");
        var values = Broadcasting.Expand(node.Floats(constant), dims, [1, .. shape]);
        if (values is null)
            throw node.Fail($"constant '{t.Name}' of shape [{string.Join(",", dims)}] does not broadcast to the chain's [N,{string.Join(",", shape)}] per sample");
        char op = node.OpType switch { "Add" => '+', "Sub" => '-', "Mul" => '*', _ => '/' };
        return new ConstantArithmetic(op, values, shape, constantFirst: chainInput == 1);
    }

    private static void RequireChainFirst(OnnxNode node)
    {
        if (node.HasInput(1) && !node.IsConstant(1)) throw node.Fail("the chain value must be the first operand, the weight a constant");
    }

    /// <summary>A Linear from constant input 1 scaled by <paramref name="alpha"/>, out×in when <paramref name="outByIn"/>, else in×out.</summary>
    private static Linear MakeLinear(OnnxNode node, int[] shape, bool outByIn, float alpha)
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
        if (alpha != 1f)
            for (int i = 0; i < weight.Length; i++) weight[i] *= alpha;
        return fc;
    }
}

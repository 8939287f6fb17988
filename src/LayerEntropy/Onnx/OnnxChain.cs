using LayerEntropy.Nn;
using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Onnx;

/// <summary>
/// Reads back the files <see cref="OnnxWriter"/> writes: a single chain from the graph input to the one output, one
/// node per layer (Gemm, Conv, MaxPool, Relu, LeakyRelu, Sigmoid, Tanh, Flatten, Dropout), weights in initializers.
/// Anything else in a file that says layerentropy wrote it is refused: other graphs run on ONNX Runtime.
/// </summary>
internal sealed class OnnxChain(string path, ModelProto model)
{
    private readonly GraphProto graph = model.Graph;
    private readonly Dictionary<string, TensorProto> tensors = model.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
    private readonly HashSet<string> computed = [.. model.Graph.Node.SelectMany(n => n.Output)];

    public Sequential Build()
    {
        foreach (var t in graph.Initializer) OnnxTensors.RequireInline(t, path);
        var (current, inputShape) = Input();
        var shape = inputShape;
        var layers = new List<Layer>();
        foreach (var proto in graph.Node)
        {
            var node = new OnnxNode(proto, path, tensors, computed);
            if (proto.Input.Count == 0 || proto.Input[0] != current)
                throw node.Fail($"does not read '{current}', the value before it; a file written by layerentropy is a single chain");
            var layer = Layer(node, shape);
            layer.Name = node.Name;
            try { shape = layer.OutputShape(shape); }
            catch (ArgumentException e) { throw node.Fail(e.Message); }
            layers.Add(layer);
            current = node.Output;
        }
        if (graph.Output.Count != 1 || graph.Output[0].Name != current)
            throw LayerEntropyException.ForFile(path, $"the graph outputs ({string.Join(", ", graph.Output.Select(v => v.Name))}) are not the single end of the chain ('{current}')");
        if (layers.Count == 0) throw LayerEntropyException.ForFile(path, "the graph has no layers");
        try { return new Sequential(inputShape, layers); }
        catch (ArgumentException e) { throw LayerEntropyException.ForFile(path, e.Message, e); }
    }

    private static Layer Layer(OnnxNode node, int[] shape)
    {
        try
        {
            switch (node.OpType)
            {
                case "Gemm":
                    node.Allow("alpha", "beta", "transB");
                    if (node.Float("alpha", 1) != 1 || node.Float("beta", 1) != 1 || node.Int("transB", 0) != 1)
                        throw node.Fail("layerentropy writes Gemm with alpha 1, beta 1 and transB 1");
                    // The weights are read (their dims checked against the data the file holds) before the layer allocates from the dims.
                    var w = node.Dims(1, 2);
                    float[] weight = node.Floats(1), bias = Values(node, 2, w[0]);
                    var fc = new Linear(w[1], w[0]);
                    weight.CopyTo(fc.Weight.Value.Data);
                    bias.CopyTo(fc.Bias.Value.Data);
                    return fc;
                case "Conv":
                    node.Allow("kernel_shape", "strides", "pads", "dilations", "group");
                    var k = node.Dims(1, 4);
                    long[] pads = node.Ints("pads", 0, 0, 0, 0), strides = node.Ints("strides", 1, 1);
                    if (k[2] != k[3] || pads.Distinct().Count() != 1 || strides[0] != strides[1] || node.Ints("dilations", 1, 1).Any(d => d != 1) || node.Int("group", 1) != 1)
                        throw node.Fail("layerentropy writes square kernels with one stride and one padding, dilation 1 and group 1");
                    float[] kernels = node.Floats(1), biases = Values(node, 2, k[0]);
                    var conv = new Conv2d(k[1], k[0], k[2], (int)strides[0], (int)pads[0]);
                    kernels.CopyTo(conv.Weight.Value.Data);
                    biases.CopyTo(conv.Bias.Value.Data);
                    return conv;
                case "MaxPool":
                    node.Allow("kernel_shape", "strides");
                    long[] kernel = node.Ints("kernel_shape"), stride = node.Ints("strides", kernel);
                    if (kernel.Length != 2 || kernel[0] != kernel[1] || stride.Length != 2 || stride[0] != stride[1])
                        throw node.Fail("layerentropy writes square pooling windows with one stride");
                    return new MaxPool2d((int)kernel[0], (int)stride[0]);
                case "Relu" or "Sigmoid" or "Tanh":
                    node.Allow();
                    return node.OpType switch { "Relu" => new ReLU(), "Sigmoid" => new Sigmoid(), _ => new Tanh() };
                case "LeakyRelu":
                    node.Allow("alpha");
                    return new LeakyReLU(node.Float("alpha", 0.01f));
                case "Flatten":
                    node.Allow("axis");
                    if (node.Int("axis", 1) != 1) throw node.Fail("layerentropy writes Flatten with axis 1");
                    return new Flatten();
                case "Dropout":
                    node.Allow();
                    float[] ratio = node.Floats(1);
                    if (ratio.Length != 1 || !(ratio[0] >= 0 && ratio[0] < 1)) throw node.Fail("the ratio must be one value in [0, 1)");
                    return new Dropout(ratio[0]);
                default:
                    throw node.Fail("layerentropy train writes no such node; was the file changed after training?");
            }
        }
        catch (ArgumentException e)
        {
            throw node.Fail(e.Message);
        }
    }

    /// <summary>Constant input <paramref name="index"/> as <paramref name="count"/> values.</summary>
    private static float[] Values(OnnxNode node, int index, int count)
    {
        float[] values = node.Floats(index);
        return values.Length == count ? values : throw node.Fail($"'{node.Proto.Input[index]}' has {values.Length} values, expected {count}");
    }

    /// <summary>The graph input and its per-sample shape.</summary>
    private (string Name, int[] Shape) Input()
    {
        var inputs = graph.Input.Where(v => !tensors.ContainsKey(v.Name)).ToList();
        if (inputs.Count != 1) throw LayerEntropyException.ForFile(path, $"the graph has {inputs.Count} inputs; layerentropy writes one");
        var dims = inputs[0].Type?.TensorType?.Shape?.Dim;
        if (dims is null || dims.Count < 2 || dims.Skip(1).Any(d => d.ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue || d.DimValue <= 0 || d.DimValue > int.MaxValue))
            throw LayerEntropyException.ForFile(path, $"input '{inputs[0].Name}' needs a fixed shape after its batch axis");
        return (inputs[0].Name, [.. dims.Skip(1).Select(d => (int)d.DimValue)]);
    }
}

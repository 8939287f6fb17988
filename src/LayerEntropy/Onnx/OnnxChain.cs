using LayerEntropy.Nn;
using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Onnx;

/// <summary>
/// Rebuilds a <see cref="Sequential"/> from a graph that is a single chain: starting at the one graph input,
/// each node (in file order, which ONNX requires to be topological) reads the value the previous one wrote,
/// plus initializers or Constant outputs, and the last value is the one graph output.
/// </summary>
internal sealed class OnnxChain(string path, GraphProto graph)
{
    public static readonly IReadOnlyList<string> SupportedOperators =
        ["Conv", "MaxPool", "Gemm", "MatMul", "Add (after MatMul)", "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Flatten", "Reshape", "Dropout", "Identity",
         "Constant", "Shape, Gather, Unsqueeze, Concat (computing a Reshape target)"];

    private readonly Dictionary<string, TensorProto> tensors = Tensors(graph);
    private readonly HashSet<string> computed = [.. graph.Node.SelectMany(n => n.Output)];
    private readonly List<Layer> layers = [];

    public Sequential Build()
    {
        var (current, inputShape) = Input();
        var shape = inputShape;
        for (int i = 0; i < graph.Node.Count; i++)
        {
            var node = new OnnxNode(graph.Node[i], path, tensors, computed);
            if (node.Proto.Domain is not ("" or "ai.onnx")) throw Unsupported(node);
            if (node.OpType == "Constant")
            {
                AddConstant(node);
                continue;
            }
            if (OnnxShapeOps.Handles(node.OpType))
            {
                if (node.OpType != "Shape" && node.Proto.Input.Contains(current)) throw node.Fail("is supported only in shape computations (e.g. x.view(x.size(0), -1))");
                tensors[node.Output] = OnnxShapeOps.Evaluate(node, current, shape);
                continue;
            }
            if (node.Proto.Input.Count == 0 || node.Proto.Input[0] != current)
                throw node.Fail($"reads '{node.Proto.Input.FirstOrDefault()}' where the chain has '{current}'; the graph is not a single chain");
            if (node.Output.Length == 0) throw node.Fail("has no output");
            OnnxNode? add = node.OpType == "MatMul" && i + 1 < graph.Node.Count && graph.Node[i + 1].OpType == "Add" && graph.Node[i + 1].Input.Contains(node.Output)
                ? new OnnxNode(graph.Node[++i], path, tensors, computed) : null;
            string output = (add ?? node).Output;
            var layer = Convert(node, shape, add);
            if (layer is not null)
            {
                layer.Name = node.Proto.Name.Length > 0 ? node.Proto.Name : output;
                try { shape = layer.OutputShape(shape); }
                catch (ArgumentException e) { throw node.Fail(e.Message); }
                layers.Add(layer);
            }
            current = output;
        }
        CheckOutput(current);
        if (layers.Count == 0) throw LayerEntropyException.ForFile(path, "the graph has no layers");
        try { return new Sequential(inputShape, layers); }
        catch (ArgumentException e) { throw LayerEntropyException.ForFile(path, e.Message, e); }
    }

    private Layer? Convert(OnnxNode node, int[] shape, OnnxNode? add)
    {
        try
        {
            return node.OpType switch
            {
                "Gemm" => OnnxOperators.Gemm(node, shape),
                "MatMul" => OnnxOperators.MatMul(node, shape, add),
                "Conv" => OnnxOperators.Conv(node, shape),
                "MaxPool" => OnnxOperators.MaxPool(node),
                "Relu" => Plain(node, new ReLU()),
                "LeakyRelu" => OnnxOperators.LeakyRelu(node),
                "Sigmoid" => Plain(node, new Sigmoid()),
                "Tanh" => Plain(node, new Tanh()),
                "Flatten" => OnnxOperators.Flatten(node, shape),
                "Reshape" => OnnxOperators.Reshape(node, shape),
                "Dropout" => OnnxOperators.Dropout(node),
                "Identity" => null,
                "Add" => throw node.Fail("Add is supported only as the bias of a MatMul"),
                _ => throw Unsupported(node),
            };
        }
        catch (ArgumentException e)
        {
            throw node.Fail(e.Message);
        }
    }

    private static Layer Plain(OnnxNode node, Layer layer)
    {
        node.Allow();
        return layer;
    }

    private LayerEntropyException Unsupported(OnnxNode node)
    {
        string op = node.Proto.Domain is "" or "ai.onnx" ? node.OpType : $"{node.Proto.Domain}.{node.OpType}";
        return LayerEntropyException.ForFile(path, $"operator '{op}' (node '{node.Name}') is not supported; supported: {string.Join(", ", SupportedOperators)}");
    }

    private void AddConstant(OnnxNode node)
    {
        node.Allow("value");
        var value = node.TensorAttribute("value") ?? throw node.Fail("has no 'value' tensor");
        tensors[node.Output] = value;
    }

    /// <summary>The graph input that is not an initializer (before IR version 4, initializers were listed as inputs too) and its per-sample shape.</summary>
    private (string Name, int[] Shape) Input()
    {
        var inputs = graph.Input.Where(v => !tensors.ContainsKey(v.Name)).ToList();
        if (inputs.Count != 1)
            throw LayerEntropyException.ForFile(path, $"the graph has {inputs.Count} inputs ({string.Join(", ", inputs.Select(v => v.Name))}); only single-input models are supported");
        var input = inputs[0];
        var type = input.Type?.TensorType ?? throw LayerEntropyException.ForFile(path, $"input '{input.Name}' is not a tensor");
        if (type.ElemType != (int)TensorProto.Types.DataType.Float)
            throw LayerEntropyException.ForFile(path, $"input '{input.Name}' has element type {(TensorProto.Types.DataType)type.ElemType}, only FLOAT is supported");
        var dims = type.Shape?.Dim;
        if (dims is null || dims.Count < 2)
            throw LayerEntropyException.ForFile(path, $"input '{input.Name}' needs a shape [batch, ...] with at least 2 axes");
        var shape = new int[dims.Count - 1];
        for (int i = 1; i < dims.Count; i++)
        {
            var d = dims[i];
            if (d.ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue || d.DimValue <= 0 || d.DimValue > int.MaxValue)
                throw LayerEntropyException.ForFile(path, $"input '{input.Name}' axis {i} is '{(d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? d.DimParam : d.DimValue)}'; only the batch axis may vary");
            shape[i - 1] = (int)d.DimValue;
        }
        return (input.Name, shape);
    }

    private void CheckOutput(string last)
    {
        if (graph.Output.Count != 1 || graph.Output[0].Name != last)
            throw LayerEntropyException.ForFile(path, $"the graph outputs ({string.Join(", ", graph.Output.Select(v => v.Name))}) are not the single end of the chain ('{last}')");
    }

    private static Dictionary<string, TensorProto> Tensors(GraphProto graph)
    {
        var map = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var t in graph.Initializer) map[t.Name] = t;
        return map;
    }
}

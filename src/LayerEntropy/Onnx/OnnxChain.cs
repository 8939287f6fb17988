using LayerEntropy.Nn;
using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Onnx;

/// <summary>
/// Rebuilds a <see cref="Sequential"/> from a graph that is a single chain of computed values: starting at the one graph
/// input, each node (in file order, which ONNX requires to be topological) reads the value the previous computing node
/// wrote, plus constants, and the last value is the one graph output. A node whose inputs are all known when the model
/// is read (initializers, Constant outputs, values folded before, the shape of a computed value) is evaluated then
/// (<see cref="OnnxFolding"/>) and makes no layer.
/// </summary>
internal sealed class OnnxChain(string path, ModelProto model)
{
    private readonly GraphProto graph = model.Graph;
    private readonly int opset = (int)(model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 13);
    private readonly Dictionary<string, TensorProto> tensors = Tensors(model.Graph);
    private readonly HashSet<string> computed = [.. model.Graph.Node.SelectMany(n => n.Output)];
    private readonly Dictionary<string, int[]> shapes = new(StringComparer.Ordinal);
    private readonly List<Layer> layers = [];
    private readonly List<OnnxGraphNode> nodes = [];
    private long inputBatch;

    public (Sequential Model, IReadOnlyList<OnnxGraphNode> Graph) Build()
    {
        OnnxOperatorSet.Check(path, graph);
        foreach (var t in graph.Initializer) OnnxTensors.RequireInline(t, path);
        var (current, inputShape) = Input();
        var shape = shapes[current] = inputShape;
        bool transposed = false;
        for (int i = 0; i < graph.Node.Count; i++)
        {
            var node = Node(i);
            if (node.OpType == "Constant")
            {
                AddConstant(node);
                continue;
            }
            var inputs = ComputedInputs(node);
            if (inputs.Count == 0 || node.OpType == "Shape")
            {
                var value = OnnxFolding.Evaluate(node, shapes, opset);
                tensors[node.Output] = value.ToProto(node.Output);
                nodes.Add(new(node.Name, node.OpType, null, value.Dims, null));
                continue;
            }
            if (inputs.Count > 1)
                throw node.Fail($"has two computed inputs ('{string.Join("', '", inputs)}'): the graph branches, and only a single chain is supported");
            if (inputs[0] != current)
                throw node.Fail($"reads '{inputs[0]}' where the chain has '{current}'; the graph is not a single chain");
            if (node.Output.Length == 0) throw node.Fail("has no output");
            if (transposed && node.OpType != "Gemm") throw node.Fail("follows a Transpose that moved the batch axis; only a Gemm with transA = 1 may");
            if (node.OpType == "Transpose" && BeforeGemmTransA(node, i, shape))
            {
                // Transpose [1,0] then Gemm with transA = 1: the two transposes cancel.
                transposed = true;
                current = node.Output;
                shapes[current] = shape;
                nodes.Add(new(node.Name, node.OpType, null, null, null));
                continue;
            }
            OnnxNode? add = node.OpType == "MatMul" ? BiasAdd(node, i) : null;
            if (add is not null) i++;
            var layer = Convert(node, shape, add, transposed, node.Proto.Input.IndexOf(current));
            transposed = false;
            if (layer is not null)
            {
                layer.Name = node.Proto.Name.Length > 0 ? node.Proto.Name : (add ?? node).Output;
                try { shape = layer.OutputShape(shape); }
                catch (ArgumentException e) { throw node.Fail(e.Message); }
                layers.Add(layer);
            }
            current = (add ?? node).Output;
            shapes[current] = shape;
            nodes.Add(new(node.Name, node.OpType, shape, null, layer?.Name));
            if (add is not null) nodes.Add(new(add.Name, add.OpType, shape, null, layer?.Name));
        }
        CheckOutput(current);
        if (layers.Count == 0) throw LayerEntropyException.ForFile(path, "the graph has no layers");
        try { return (new Sequential(inputShape, layers), nodes); }
        catch (ArgumentException e) { throw LayerEntropyException.ForFile(path, e.Message, e); }
    }

    private OnnxNode Node(int index) => new(graph.Node[index], path, tensors, computed);

    private Layer? Convert(OnnxNode node, int[] shape, OnnxNode? add, bool transposed, int chainInput)
    {
        try
        {
            return node.OpType switch
            {
                "Gemm" => OnnxOperators.Gemm(node, shape, transposed),
                "MatMul" => OnnxOperators.MatMul(node, shape, add),
                "Add" or "Sub" or "Mul" or "Div" => OnnxOperators.Arithmetic(node, shape, chainInput),
                "Conv" => OnnxConvOperators.Conv(node, shape),
                "MaxPool" => OnnxConvOperators.MaxPool(node, shape),
                "AveragePool" => OnnxConvOperators.AveragePool(node, shape),
                "GlobalAveragePool" or "GlobalMaxPool" => OnnxConvOperators.GlobalPool(node, shape),
                "Pad" => OnnxConvOperators.Pad(node, shape, opset),
                "BatchNormalization" => OnnxOperators.BatchNormalization(node, shape),
                "Relu" => Plain(node, new ReLU()),
                "LeakyRelu" => OnnxOperators.LeakyRelu(node),
                "Sigmoid" => Plain(node, new Sigmoid()),
                "Tanh" => Plain(node, new Tanh()),
                "Clip" => OnnxOperators.Clip(node, opset),
                "Softmax" or "LogSoftmax" => OnnxOperators.Softmax(node, shape, opset),
                "Flatten" => OnnxShapeLayers.Flatten(node, shape),
                "Reshape" => OnnxShapeLayers.Reshape(node, shape, inputBatch),
                "Squeeze" => OnnxShapeLayers.Squeeze(node, shape),
                "Unsqueeze" => OnnxShapeLayers.Unsqueeze(node, shape),
                "Transpose" => OnnxShapeLayers.Transpose(node, shape),
                "Dropout" => OnnxOperators.Dropout(node),
                "Identity" => null,
                "Cast" => node.Int("to", 0) == (int)TensorProto.Types.DataType.Float ? null : throw node.Fail("casts the chain value to another type than FLOAT"),
                _ => throw node.Fail($"is supported only on constants and shapes (e.g. computing a Reshape target), not on the chain value"),
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

    /// <summary>The inputs of <paramref name="node"/> that are computed values (not constants), each known by now.</summary>
    private List<string> ComputedInputs(OnnxNode node)
    {
        var inputs = new List<string>();
        foreach (string name in node.Proto.Input)
        {
            if (name.Length == 0 || tensors.ContainsKey(name)) continue;
            if (!shapes.ContainsKey(name))
            {
                if (computed.Contains(name)) throw node.Fail($"reads '{name}', which no node before it computes on the chain; the graph is not a single chain");
                throw node.Fail($"missing initializer '{name}'");
            }
            if (!inputs.Contains(name)) inputs.Add(name);
        }
        return inputs;
    }

    /// <summary>The Add right after a MatMul that adds a bias row to its output, merged into the same Linear layer.</summary>
    private OnnxNode? BiasAdd(OnnxNode matMul, int index)
    {
        if (index + 1 >= graph.Node.Count || graph.Node[index + 1].OpType != "Add" || !graph.Node[index + 1].Input.Contains(matMul.Output)) return null;
        var add = Node(index + 1);
        int bias = add.Proto.Input.Count == 2 ? 1 - add.Proto.Input.IndexOf(matMul.Output) : -1;
        if (bias < 0 || !add.IsConstant(bias) || !matMul.IsConstant(1)) return null;
        var w = OnnxTensors.Shape(matMul.Tensor(1));
        return w is { Length: 2 } && OnnxOperators.Bias(matMul, add, bias, w[1]) is not null ? add : null;
    }

    /// <summary>Whether <paramref name="node"/> is a Transpose [1,0] of a [N, K] value read by the next node, a Gemm with transA = 1.</summary>
    private bool BeforeGemmTransA(OnnxNode node, int index, int[] shape)
    {
        if (shape.Length != 1 || !node.Ints("perm", 1, 0).SequenceEqual([1L, 0]) || index + 1 >= graph.Node.Count) return false;
        var next = graph.Node[index + 1];
        return next.OpType == "Gemm" && next.Input.Count > 0 && next.Input[0] == node.Output && Node(index + 1).Int("transA", 0) == 1;
    }

    private void AddConstant(OnnxNode node)
    {
        node.Allow("value");
        var value = node.TensorAttribute("value") ?? throw node.Fail("has no 'value' tensor (only 'value' is supported)");
        OnnxTensors.RequireInline(value, path);
        tensors[node.Output] = value;
        nodes.Add(new(node.Name, node.OpType, null, [.. value.Dims], null));
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
        inputBatch = dims[0].ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? dims[0].DimValue : 0;
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

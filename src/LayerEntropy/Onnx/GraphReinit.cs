using Google.Protobuf;
using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Onnx;

/// <summary>
/// The reinit control of an imported graph: the same graph with the weights of every Conv, Gemm and MatMul (and their
/// biases) drawn afresh as PyTorch draws a new layer's, U(−b, b) with b = 1/√fan_in, and every BatchNormalization
/// reset to the identity a new one starts as (scale 1, shift 0, mean 0, variance 1). Everything else (other
/// constants, LayerNorm, recurrent weights) is kept. Draws follow the graph's order from the seed.
/// </summary>
internal static class GraphReinit
{
    /// <summary>The redrawn model's bytes, and how many layers were redrawn and reset.</summary>
    public static (byte[] Bytes, int Redrawn, int Reset) Redraw(string path, int seed, IReadOnlyDictionary<string, string> metadata)
    {
        var proto = OnnxReader.Parse(path);
        var graph = OnnxGraph.From(path, proto);
        var initializers = proto.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var nodes = proto.Graph.Node;
        var random = new Random(seed);
        int redrawn = 0, reset = 0;
        foreach (var node in graph.Nodes)
        {
            var target = nodes[node.Index];
            if (node.Domain.Length > 0) continue;
            if (node.OpType is "Conv" or "Gemm" or "MatMul" && Weight(graph, initializers, node, 1) is { } w && FanIn(node, w) is long fanIn and > 0)
            {
                double bound = 1 / Math.Sqrt(fanIn);
                Replace(proto, target, 1, w, $"{node.Label}.reinit.weight", () => (float)((random.NextDouble() * 2 - 1) * bound));
                string? bias = node.OpType is "Conv" or "Gemm" ? node.InputAt(2) : null;
                if (node.OpType == "MatMul" && graph.ConsumersOf(node.Output) is [{ OpType: "Add" } add] && add.Inputs.Count == 2)
                {
                    int at = add.Inputs[0] == node.Output ? 1 : 0;
                    if (Weight(graph, initializers, add, at) is { } b)
                        Replace(proto, nodes[add.Index], at, b, $"{node.Label}.reinit.bias", () => (float)((random.NextDouble() * 2 - 1) * bound));
                }
                else if (bias is { Length: > 0 } && Weight(graph, initializers, node, 2) is { } b)
                    Replace(proto, target, 2, b, $"{node.Label}.reinit.bias", () => (float)((random.NextDouble() * 2 - 1) * bound));
                redrawn++;
            }
            else if (node.OpType == "BatchNormalization")
            {
                float[] identity = [1f, 0f, 0f, 1f];
                bool any = false;
                for (int i = 1; i <= 4; i++)
                    if (Weight(graph, initializers, node, i) is { } t)
                    {
                        float v = identity[i - 1];
                        Replace(proto, target, i, t, $"{node.Label}.reinit.{i}", () => v);
                        any = true;
                    }
                if (any) reset++;
            }
        }
        // Initializers no node reads any more (the replaced ones) would only make the file bigger.
        var read = proto.Graph.Node.SelectMany(n => n.Input).Concat(proto.Graph.Output.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var unused in proto.Graph.Initializer.Where(t => !read.Contains(t.Name)).ToList()) proto.Graph.Initializer.Remove(unused);
        foreach (var input in proto.Graph.Input.Where(v => initializers.ContainsKey(v.Name) && !read.Contains(v.Name)).ToList()) proto.Graph.Input.Remove(input);
        proto.MetadataProps.Clear();
        foreach (var (key, value) in metadata) proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return (proto.ToByteArray(), redrawn, reset);
    }

    /// <summary>The FLOAT initializer input <paramref name="index"/> of the node is (directly or through Identity nodes); null otherwise.</summary>
    private static TensorProto? Weight(OnnxGraph graph, Dictionary<string, TensorProto> initializers, GraphNode node, int index)
    {
        string input = node.InputAt(index);
        return input.Length > 0 && graph.BaseInitializer(input) is { } name && initializers.TryGetValue(name, out var t)
            && t.DataType == (int)TensorProto.Types.DataType.Float && t.DataLocation != TensorProto.Types.DataLocation.External ? t : null;
    }

    /// <summary>Inputs per output unit, as PyTorch counts them for its default initialisation.</summary>
    private static long? FanIn(GraphNode node, TensorProto w) => node.OpType switch
    {
        "Conv" when w.Dims.Count >= 3 => w.Dims.Skip(1).Aggregate(1L, (a, d) => a * d),
        "Gemm" when w.Dims.Count == 2 => node.Int("transB", 0) != 0 ? w.Dims[1] : w.Dims[0],
        "MatMul" when w.Dims.Count >= 2 => w.Dims[^2],
        _ => null,
    };

    /// <summary>Points input <paramref name="index"/> of <paramref name="node"/> at a new initializer of <paramref name="old"/>'s shape filled by <paramref name="draw"/>.</summary>
    private static void Replace(ModelProto proto, NodeProto node, int index, TensorProto old, string name, Func<float> draw)
    {
        long count = old.Dims.Aggregate(1L, (a, d) => a * d);
        var values = new float[count];
        for (long i = 0; i < count; i++) values[i] = draw();
        string unique = name;
        for (int k = 2; proto.Graph.Initializer.Any(t => t.Name == unique); k++) unique = $"{name}{k}";
        proto.Graph.Initializer.Add(OnnxTensors.FromFloats(unique, [.. old.Dims.Select(d => (int)d)], values));
        node.Input[index] = unique;
    }
}

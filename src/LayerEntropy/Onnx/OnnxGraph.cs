using Google.Protobuf;
using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Onnx;

/// <summary>
/// The structure of an ONNX graph, read without keeping its weights: the nodes in topological order, which values are
/// constant (initializers and what is computed from them alone) and which depend on the input, the dims of every
/// initializer, the one graph input and the outputs. What the taps, the FC layers and the reinit control are found
/// from; ONNX Runtime runs the graph itself.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly Dictionary<string, GraphNode> producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<GraphNode>> consumers = new(StringComparer.Ordinal);
    private readonly HashSet<string> constants = new(StringComparer.Ordinal);

    private OnnxGraph(string path, ModelProto proto)
    {
        Path = path;
        var graph = proto.Graph;
        Opset = proto.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;
        Producer = proto.ProducerName;
        Metadata = proto.MetadataProps.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        foreach (var t in graph.Initializer)
        {
            Initializers[t.Name] = [.. t.Dims];
            constants.Add(t.Name);
            CheckExternal(t);
        }
        var inputs = graph.Input.Where(v => !Initializers.ContainsKey(v.Name)).ToList();
        if (inputs.Count != 1)
            throw LayerEntropyException.ForFile(path, inputs.Count == 0
                ? "the graph has no input that is not an initializer; a classifier takes one input"
                : $"the graph has {inputs.Count} inputs ({string.Join(", ", inputs.Select(v => $"'{v.Name}'"))}); only models with one input (the images or sequences) can be analysed");
        Input = GraphInput.Read(path, inputs[0]);
        Outputs = [.. graph.Output.Select(o => o.Name)];
        if (Outputs.Count == 0) throw LayerEntropyException.ForFile(path, "the graph has no output");
        Nodes = Sort(graph.Node.Select((n, i) => GraphNode.Read(n, i)).ToList());
        foreach (var node in Nodes)
        {
            foreach (var output in node.Outputs.Where(o => o.Length > 0)) producers[output] = node;
            foreach (var input in node.Inputs.Where(i => i.Length > 0).Distinct())
            {
                if (!consumers.TryGetValue(input, out var list)) consumers[input] = list = [];
                list.Add(node);
            }
            if (node.OpType == "Constant") constants.UnionWith(node.Outputs);
            else if (node.Inputs.Count(i => i.Length > 0) > 0 && node.Inputs.Where(i => i.Length > 0).All(constants.Contains) && node.OpType is not ("RandomNormalLike" or "RandomUniformLike" or "Multinomial"))
                constants.UnionWith(node.Outputs.Where(o => o.Length > 0));
            foreach (var t in node.ConstantTensors) CheckExternal(t);
        }
    }

    public string Path { get; }
    public long Opset { get; }
    public string Producer { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The nodes in an order where every value is produced before it is read.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>Dims of every initializer, by name.</summary>
    public Dictionary<string, long[]> Initializers { get; } = new(StringComparer.Ordinal);

    public GraphInput Input { get; }

    /// <summary>The graph's outputs; the first is taken as the model's prediction.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Reads the graph of the ONNX file at <paramref name="path"/>; the weights are dropped once it is read.</summary>
    /// <exception cref="LayerEntropyException">The file is missing, is not an ONNX model, or its structure cannot be analysed.</exception>
    public static OnnxGraph Read(string path) => new(path, OnnxReader.Parse(path, weightless: true));

    /// <summary>The graph of a parsed file.</summary>
    public static OnnxGraph From(string path, ModelProto proto) => new(path, proto);

    public GraphNode? ProducerOf(string value) => producers.GetValueOrDefault(value);

    public IReadOnlyList<GraphNode> ConsumersOf(string value) => consumers.TryGetValue(value, out var list) ? list : [];

    /// <summary>Whether <paramref name="value"/> is known without the input: an initializer, or computed from constants alone.</summary>
    public bool IsConstant(string value) => constants.Contains(value);

    /// <summary>
    /// The dims of a constant that is an initializer, or one reached from it through Identity nodes (exporters share
    /// weights that way); null for any other value.
    /// </summary>
    public long[]? ConstantDims(string value) => BaseInitializer(value) is { } name ? Initializers[name] : null;

    /// <summary>The initializer <paramref name="value"/> is, or is an Identity copy of; null when it is neither.</summary>
    public string? BaseInitializer(string value)
    {
        for (int hops = 0; hops < 16; hops++)
        {
            if (Initializers.ContainsKey(value)) return value;
            if (ProducerOf(value) is not { OpType: "Identity" } identity || identity.Inputs.Count == 0) return null;
            value = identity.Inputs[0];
        }
        return null;
    }

    /// <summary>Values that depend on the graph input: the ones that can be tapped, in topological order.</summary>
    public IEnumerable<string> ComputedValues() =>
        Nodes.Where(n => !n.Outputs.All(o => o.Length == 0 || IsConstant(o))).SelectMany(n => n.Outputs).Where(o => o.Length > 0 && !IsConstant(o));

    /// <summary>A Kahn sort that keeps file order wherever the file is already topological (as ONNX requires).</summary>
    private List<GraphNode> Sort(List<GraphNode> nodes)
    {
        var produced = nodes.SelectMany(n => n.Outputs).Where(o => o.Length > 0).ToHashSet(StringComparer.Ordinal);
        var available = new HashSet<string>(Initializers.Keys, StringComparer.Ordinal) { Input.Name };
        var sorted = new List<GraphNode>(nodes.Count);
        var pending = new List<GraphNode>(nodes);
        while (pending.Count > 0)
        {
            int before = pending.Count;
            for (int i = 0; i < pending.Count; i++)
            {
                var node = pending[i];
                if (!node.Inputs.All(v => v.Length == 0 || available.Contains(v) || !produced.Contains(v))) continue;
                foreach (var missing in node.Inputs.Where(v => v.Length > 0 && !available.Contains(v) && !produced.Contains(v)))
                    throw LayerEntropyException.ForFile(Path, $"node '{node.Label}' ({node.OpType}) reads '{missing}', which is neither an initializer, the input nor any node's output");
                sorted.Add(node);
                available.UnionWith(node.Outputs);
                pending.RemoveAt(i--);
            }
            if (pending.Count == before)
                throw LayerEntropyException.ForFile(Path, $"the graph has a cycle through node '{pending[0].Label}' ({pending[0].OpType})");
        }
        return sorted;
    }

    /// <summary>Weights in an external data file are read by ONNX Runtime from the model's folder, and only from there.</summary>
    private void CheckExternal(TensorProto t)
    {
        if (t.DataLocation != TensorProto.Types.DataLocation.External) return;
        string? location = t.ExternalData.FirstOrDefault(e => e.Key == "location")?.Value;
        if (string.IsNullOrEmpty(location))
            throw LayerEntropyException.ForFile(Path, $"tensor '{t.Name}' is stored externally but names no file (no 'location')");
        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, location));
        if (System.IO.Path.IsPathRooted(location) || !full.StartsWith(folder + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw LayerEntropyException.ForFile(Path, $"tensor '{t.Name}' is stored in '{location}', outside the model's folder; external data files must lie in the folder of the model (or below it)");
        if (!File.Exists(full))
            throw LayerEntropyException.ForFile(Path, $"tensor '{t.Name}' is stored in '{location}', which does not exist beside the model");
        // Weights read as references into the model file itself (WeightReferences) are the file's own.
        if (full != System.IO.Path.GetFullPath(Path)) HasExternalData = true;
    }

    /// <summary>Whether some weights live in external data files other than the model file (beside it, checked).</summary>
    public bool HasExternalData { get; private set; }

    /// <summary>
    /// The model for ONNX Runtime: the file's encoding with <paramref name="outputs"/> added to the graph's outputs,
    /// its large weights left in the file as references (<see cref="WeightReferences"/>); whether it refers to
    /// external data, which ONNX Runtime then reads from the model's folder.
    /// </summary>
    public (byte[] Bytes, bool External) BytesWithOutputs(IEnumerable<string> outputs)
    {
        try
        {
            if (WeightReferences.Encode(Path) is { } referenced) return (BytesWithOutputsOf(referenced, outputs), true);
            return (BytesWithOutputsOf(File.ReadAllBytes(Path), outputs), HasExternalData);
        }
        catch (InvalidDataException e)
        {
            throw LayerEntropyException.ForFile(Path, $"not a well-formed ONNX file: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LayerEntropyException.ForFile(Path, $"cannot read the file: {e.Message}", e);
        }
    }

    /// <summary>
    /// <paramref name="model"/> (this graph's encoding, or one with other weights) with those of
    /// <paramref name="outputs"/> that are not outputs already added to the graph's outputs.
    /// </summary>
    /// <remarks>
    /// A protobuf message parsed from two concatenated encodings is the merge of both, and repeated fields append; so
    /// appending a ModelProto that holds only a graph with only these outputs adds them to the file's graph without
    /// decoding or re-encoding its weights.
    /// </remarks>
    public byte[] BytesWithOutputsOf(byte[] model, IEnumerable<string> outputs)
    {
        byte[] tail = OutputsTail(outputs);
        if (tail.Length == 0) return model;
        var bytes = new byte[model.LongLength + tail.Length];
        model.CopyTo(bytes, 0);
        tail.CopyTo(bytes, model.LongLength);
        return bytes;
    }

    /// <summary>The encoding of a ModelProto whose graph holds only <paramref name="outputs"/> (less those it has), or nothing.</summary>
    private byte[] OutputsTail(IEnumerable<string> outputs)
    {
        var extra = new ModelProto { Graph = new GraphProto() };
        foreach (var name in outputs.Where(o => !Outputs.Contains(o)).Distinct()) extra.Graph.Output.Add(new ValueInfoProto { Name = name });
        return extra.Graph.Output.Count == 0 ? [] : extra.ToByteArray();
    }
}

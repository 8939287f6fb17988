namespace LayerEntropy.Onnx;

/// <summary>
/// The layers of an imported graph that an analysis taps. Fully connected layers are Gemm nodes, MatMul nodes with a
/// constant weight matrix (also on [batch, tokens, features] inputs; their bias Add is part of them) and Conv nodes
/// whose kernel covers their whole unpadded input; each is tapped at its activation (<see cref="GraphActivations"/>).
/// An FC layer with no other FC layer after it is a classifier and is left out. A graph with no hidden FC layer that
/// has an activation (a ResNet, a MobileNet, a DenseNet) is tapped at its block outputs: the activations that every
/// path from the input to the output passes through, up to the last layer with weights.
/// </summary>
internal sealed class GraphLayers
{
    private readonly OnnxGraph graph;
    private readonly IReadOnlyDictionary<string, ValueShape> shapes;
    private readonly GraphActivations activations;
    private readonly Dictionary<string, int> order = new(StringComparer.Ordinal);

    /// <param name="shapes">Every tappable value's shape (<see cref="RuntimeProbe"/>).</param>
    /// <param name="inputShape">The input's dims after the batch axis, as fed.</param>
    public GraphLayers(OnnxGraph graph, IReadOnlyDictionary<string, ValueShape> shapes, int[] inputShape)
    {
        this.graph = graph;
        this.shapes = shapes;
        activations = new GraphActivations(graph);
        foreach (var node in graph.Nodes)
            foreach (var output in node.Outputs.Where(o => o.Length > 0)) order.TryAdd(output, node.Index);
        var fc = graph.Nodes.Select(n => Linear(n, inputShape)).Where(f => f is not null).Select(f => f!.Value).ToList();
        var fcNodes = fc.Select(f => f.Node).ToHashSet();
        var downstream = FcDownstream(fcNodes);
        FullyConnected = [.. fc.Select(f =>
        {
            var act = activations.After(f.Linear);
            return new FcLayer(f.Node, f.Linear, act?.Value, act?.Kind, f.Inputs, f.Units, Classifier: !downstream.Contains(f.Node));
        })];
        Names = ModuleNames.Display([.. shapes.Keys.Select(v => (Value: v, Node: graph.ProducerOf(v))).Where(p => p.Node is not null)
            .OrderBy(p => order.GetValueOrDefault(p.Value)).Select(p => (p.Value, p.Node!))]);
        Activations = [.. activations.All.Where(a => shapes.ContainsKey(a.Key)).Select(a => Point(a.Key, a.Value))];
        BlockOutputs = [.. Dominators().Where(n => activations.All.ContainsKey(n.Output) && shapes.ContainsKey(n.Output)).Select(n => Point(n.Output, activations.All[n.Output]))];
    }

    public IReadOnlyList<FcLayer> FullyConnected { get; }

    /// <summary>Every activation output that can be tapped, in graph order (--taps all).</summary>
    public IReadOnlyList<TapPoint> Activations { get; }

    /// <summary>The activations every path from input to output passes through, up to the last layer with weights.</summary>
    public IReadOnlyList<TapPoint> BlockOutputs { get; }

    /// <summary>The display name of every tappable value (value name → name).</summary>
    public IReadOnlyDictionary<string, string> Names { get; }

    /// <summary>
    /// The default taps: every hidden FC layer at its activation (at its linear output with
    /// <paramref name="preActivation"/>); without any hidden FC layer that has an activation, the hidden FC layers'
    /// outputs; without any hidden FC layer, the block outputs.
    /// </summary>
    public (IReadOnlyList<TapPoint> Taps, string Rule) Default(bool preActivation)
    {
        var hidden = FullyConnected.Where(f => !f.Classifier).ToList();
        var activated = hidden.Where(f => f.Activation is not null && shapes.ContainsKey(f.Activation) && shapes.ContainsKey(f.Linear)).ToList();
        if (activated.Count > 0)
            return ([.. activated.Select(f => preActivation ? Point(f.Linear, f.Node.OpType) : Point(f.Activation!, f.ActivationKind!))],
                preActivation ? "hidden FC layers before their activation" : "hidden FC layers after their activation");
        var linear = hidden.Where(f => shapes.ContainsKey(f.Linear)).ToList();
        if (linear.Count > 0) return ([.. linear.Select(f => Point(f.Linear, f.Node.OpType))], "hidden FC layers (no activation follows them)");
        var blocks = preActivation
            ? BlockOutputs.Select(b => graph.ProducerOf(b.Value)!.InputAt(0)).Where(shapes.ContainsKey).Select(v => Point(v, graph.ProducerOf(v)?.OpType ?? "value")).ToList()
            : [.. BlockOutputs];
        return (blocks, preActivation ? "block outputs before their activation (the model has no hidden FC layer)" : "block outputs (the model has no hidden FC layer)");
    }

    /// <summary>
    /// The taps <paramref name="spec"/> names: "fc" (<see cref="Default"/>), "all" (every activation) or a comma-separated
    /// list of value names, node names or display names, in graph order.
    /// </summary>
    /// <exception cref="LayerEntropyException">A name is not a tappable value, or nothing is left to tap.</exception>
    public IReadOnlyList<TapPoint> Resolve(string spec, bool preActivation)
    {
        string trimmed = spec.Trim();
        IReadOnlyList<TapPoint> taps = trimmed.ToLowerInvariant() switch
        {
            "" or "fc" => Default(preActivation).Taps,
            "all" => Activations,
            _ => [.. trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Named)],
        };
        taps = [.. taps.DistinctBy(t => t.Value).OrderBy(t => order.GetValueOrDefault(t.Value))];
        if (taps.Count == 0)
            throw LayerEntropyException.ForSetting($"{graph.Path}: the model has no taps for '{spec}'; name the values to tap with {new SettingName("AnalyzeSettings", "Taps")} (layerentropy inspect lists them)");
        return taps;
    }

    private TapPoint Named(string name)
    {
        string? value = shapes.ContainsKey(name) ? name
            : Names.FirstOrDefault(n => n.Value == name).Key
            ?? graph.Nodes.FirstOrDefault(n => n.Name == name || n.Name.TrimStart('/') == name)?.Output;
        if (value is null || !shapes.ContainsKey(value))
        {
            string why = value is null ? "no value, node or layer has that name" : "its value does not hold each input's numbers apart (or is not FLOAT)";
            string some = string.Join(", ", Activations.Take(8).Select(a => a.Name));
            throw LayerEntropyException.ForFile(graph.Path, $"cannot tap '{name}': {why}; `layerentropy inspect` lists every tappable value{(some.Length > 0 ? $" (activations: {some}{(Activations.Count > 8 ? ", …" : "")})" : "")}");
        }
        return Point(value, activations.All.GetValueOrDefault(value) ?? graph.ProducerOf(value)?.OpType ?? "value");
    }

    private TapPoint Point(string value, string kind) => new(value, Names.GetValueOrDefault(value) ?? value, kind, shapes[value]);

    /// <summary>The node as an FC layer (its linear output, input features and units), or null when it is not one.</summary>
    private (GraphNode Node, string Linear, long Inputs, long Units)? Linear(GraphNode node, int[] inputShape)
    {
        if (node.Domain.Length > 0 || node.Inputs.Count < 2 || graph.IsConstant(node.InputAt(0)) || !graph.IsConstant(node.InputAt(1))) return null;
        var w = graph.ConstantDims(node.InputAt(1));
        switch (node.OpType)
        {
            case "Gemm" when w is { Length: 2 }:
                bool transB = node.Int("transB", 0) != 0;
                return (node, node.Output, transB ? w[1] : w[0], transB ? w[0] : w[1]);
            // A MatMul acts as a layer on one input's features or tokens × features, not on maps (a resize as matrices).
            case "MatMul" when w is { Length: 2 } && InputRank(node) is null or 1 or 2:
                // The bias of torch's Linear on [batch, tokens, features]: an Add of a constant row right after.
                var add = graph.ConsumersOf(node.Output) is [{ OpType: "Add" } a] && a.Inputs.Count == 2
                    && graph.IsConstant(a.Inputs[0] == node.Output ? a.Inputs[1] : a.Inputs[0]) ? a : null;
                return (node, add?.Output ?? node.Output, w[0], w[1]);
            case "Conv" when w is { Length: 4 }:
                int[]? x = node.InputAt(0) == graph.Input.Name ? inputShape : shapes.GetValueOrDefault(node.InputAt(0))?.SampleDims;
                bool unpadded = (node.Ints("pads") ?? []).All(p => p == 0) && node.Text("auto_pad", "NOTSET") is "NOTSET" or "VALID"
                    && (node.Ints("dilations") ?? []).All(d => d == 1);
                return x is [_, int h, int wd] && h == w[2] && wd == w[3] && unpadded ? (node, node.Output, w[1] * w[2] * w[3] * node.Int("group", 1), w[0]) : null;
            default:
                return null;
        }
    }

    /// <summary>How many axes one input has in the node's first input; null when unknown.</summary>
    private int? InputRank(GraphNode node) =>
        node.InputAt(0) == graph.Input.Name ? graph.Input.Dims.Count : shapes.GetValueOrDefault(node.InputAt(0))?.SampleDims.Length;

    /// <summary>The FC nodes that have another FC node somewhere after them.</summary>
    private HashSet<GraphNode> FcDownstream(HashSet<GraphNode> fc)
    {
        var reaches = new HashSet<GraphNode>();
        foreach (var node in graph.Nodes.Reverse())
            if (node.Outputs.SelectMany(graph.ConsumersOf).Any(c => fc.Contains(c) || reaches.Contains(c))) reaches.Add(node);
        return [.. fc.Where(reaches.Contains)];
    }

    /// <summary>
    /// The nodes every path from the input to the first output passes through (its dominators, by the intersection
    /// walk of Cooper, Harvey and Kennedy over a topological order), before the last node with a constant weight.
    /// </summary>
    private IEnumerable<GraphNode> Dominators()
    {
        var computed = graph.Nodes.Where(n => n.Inputs.Any(i => i.Length > 0 && !graph.IsConstant(i))).ToList();
        var position = computed.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        var idom = new int[computed.Count];
        for (int i = 0; i < computed.Count; i++)
        {
            int? dom = null;
            foreach (var input in computed[i].Inputs.Where(v => v.Length > 0 && !graph.IsConstant(v)).Distinct())
            {
                int p = input == graph.Input.Name ? -1 : graph.ProducerOf(input) is { } producer && position.TryGetValue(producer, out int k) ? k : -1;
                dom = dom is int d ? Intersect(d, p, idom) : p;
            }
            idom[i] = dom ?? -1;
        }
        if (graph.ProducerOf(graph.Outputs[0]) is not { } sink || !position.TryGetValue(sink, out int at)) yield break;
        int lastWeighted = computed.FindLastIndex(n => n.OpType is "Conv" or "ConvTranspose" or "Gemm" or "MatMul" && n.Inputs.Skip(1).Any(graph.IsConstant));
        var chain = new List<GraphNode>();
        for (int i = at; i >= 0; i = idom[i]) chain.Add(computed[i]);
        foreach (var node in Enumerable.Reverse(chain))
            if (position[node] < lastWeighted) yield return node;
    }

    private static int Intersect(int a, int b, int[] idom)
    {
        while (a != b)
        {
            while (a > b) a = idom[a];
            while (b > a) b = idom[b];
        }
        return a;
    }
}

/// <summary>A fully connected layer of an imported graph: its node, linear output, activation (if any) and size.</summary>
internal sealed record FcLayer(GraphNode Node, string Linear, string? Activation, string? ActivationKind, long Inputs, long Units, bool Classifier);

/// <summary>A value to tap: its name in the graph, its display name, what computes it ("Relu", "Gelu", "Gemm", …) and its shape.</summary>
internal sealed record TapPoint(string Value, string Name, string Kind, ValueShape Shape);

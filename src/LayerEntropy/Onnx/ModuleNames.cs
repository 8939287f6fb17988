namespace LayerEntropy.Onnx;

/// <summary>
/// Readable names for a graph's values. torch.onnx names each node after the module that made it, one path segment
/// per level, each segment repeating its parent's name where the parent is a container
/// (<c>/layer1/layer1.0/relu_1/Relu</c>, <c>/features/features.1/conv/conv.0/conv.0.2/Clip</c>); the module path is
/// rebuilt from the segments (<c>layer1.0.relu_1</c>, <c>features.1.conv.0.2</c>), which is what a PyTorch user
/// calls the layer (a module's second call gets "_1", as the exporter names it).
/// Nodes named otherwise keep their name; unnamed ones their output's.
/// </summary>
internal static class ModuleNames
{
    /// <summary>The module path of a node named <c>/s1/…/sk/Op</c>, or null when the name has no such scope.</summary>
    public static string? ModulePath(string nodeName)
    {
        if (!nodeName.StartsWith('/')) return null;
        string[] parts = nodeName.Split('/');
        // "/s1/s2/Op" splits into "", s1, s2, Op: the scope is everything between the leading "" and the op.
        if (parts.Length < 3 || parts[1..^1].Any(p => p.Length == 0)) return null;
        string path = parts[1], previous = parts[1];
        foreach (string segment in parts[2..^1])
        {
            // "conv.0" under "conv" adds ".0"; "relu" under "layer1.0" is a child: ".relu".
            path += segment.StartsWith(previous + ".", StringComparison.Ordinal) ? segment[previous.Length..] : $".{segment}";
            previous = segment;
        }
        return path;
    }

    /// <summary>
    /// A unique display name for each of <paramref name="values"/> (value name → producing node, in graph order): the
    /// module path where the node has one, else the node's name (a leading "/" dropped), else the value's. Where values
    /// share a module path, the module's output (the last of them, as the module returns it) keeps the path and the
    /// others add their node's last segment (<c>encoder.layers.0.activation/Erf</c>); any clash left gets a number.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Display(IReadOnlyList<(string Value, GraphNode Node)> values)
    {
        static string Plain((string Value, GraphNode Node) v) =>
            ModulePath(v.Node.Name) ?? (v.Node.Name.Length > 0 ? v.Node.Name.TrimStart('/') : v.Value);
        var names = values.Select(Plain).ToArray();
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < values.Count; i++) last[names[i]] = i;
        for (int i = 0; i < values.Count; i++)
        {
            if (last[names[i]] == i) continue;
            var node = values[i].Node;
            string segment = node.Name.Length > 0 ? node.Name[(node.Name.LastIndexOf('/') + 1)..] : values[i].Value;
            if (node.Outputs.Count > 1) segment += $":{node.Outputs.ToList().IndexOf(values[i].Value)}";
            names[i] = $"{names[i]}/{segment}";
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < values.Count; i++)
        {
            string name = names[i];
            int n = seen[name] = seen.GetValueOrDefault(name) + 1;
            result[values[i].Value] = n == 1 ? name : $"{name}#{n}";
        }
        return result;
    }
}

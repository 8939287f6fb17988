using System.Text;
using System.Text.Json.Nodes;

namespace LayerEntropy.Mutation;

/// <summary>Mutations of a JSON document: a value replaced (numbers at the edges, NaN, null, wrong types), a member or element removed, an array emptied or reordered; or damaged bytes.</summary>
internal static class JsonMutator
{
    private static readonly Func<JsonNode?>[] Values =
    [
        () => JsonValue.Create(-1), () => JsonValue.Create(0), () => JsonValue.Create(1e308), () => JsonValue.Create(-1e308), () => JsonValue.Create(1e15),
        () => JsonValue.Create(2147483648L), () => JsonValue.Create(-5), () => JsonValue.Create("NaN"), () => null, () => JsonValue.Create("x"),
        () => JsonValue.Create(true), () => new JsonArray(), () => new JsonObject(), () => JsonValue.Create(0.5), () => JsonValue.Create(new string('x', 300)),
    ];

    public static (byte[], string) Mutate(byte[] file, Random random)
    {
        if (random.Next(3) == 0) return ByteMutator.Mutate(file, random, file.Length);
        var root = JsonNode.Parse(file)!;
        var nodes = new List<(JsonNode? Parent, string? Key, int Index, string Path)>();
        Walk(root, "$", nodes);
        var (parent, key, index, path) = nodes[random.Next(nodes.Count)];
        string what;
        switch (random.Next(5))
        {
            case 0 or 1:
            {
                var value = Values[random.Next(Values.Length)]();
                Replace(parent!, key, index, value);
                what = $"{path} = {value?.ToJsonString() ?? "null"}";
                break;
            }
            case 2 when parent is JsonObject o:
                o.Remove(key!);
                what = $"{path} removed";
                break;
            case 2 when parent is JsonArray a:
                a.RemoveAt(index);
                what = $"{path} removed";
                break;
            default:
            {
                JsonNode? node = parent is JsonObject po ? po[key!] : parent is JsonArray pa ? pa[index] : null;
                if (node is JsonArray array && array.Count > 1)
                {
                    if (random.Next(2) == 0) array.Clear();
                    else
                    {
                        var first = array[0]!.DeepClone();
                        array.Add(first);
                    }
                    what = $"{path} emptied or grown";
                }
                else
                {
                    Replace(parent!, key, index, JsonValue.Create(double.MaxValue));
                    what = $"{path} = max double";
                }
                break;
            }
        }
        return (Encoding.UTF8.GetBytes(root.ToJsonString()), what);
    }

    private static void Replace(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject o) o[key!] = value;
        else parent.AsArray()[index] = value;
    }

    private static void Walk(JsonNode? node, string path, List<(JsonNode?, string?, int, string)> nodes)
    {
        if (node is JsonObject o)
            foreach (var (k, v) in o.ToArray())
            {
                nodes.Add((o, k, -1, $"{path}.{k}"));
                Walk(v, $"{path}.{k}", nodes);
            }
        else if (node is JsonArray a)
            for (int i = 0; i < a.Count; i++)
            {
                nodes.Add((a, null, i, $"{path}[{i}]"));
                Walk(a[i], $"{path}[{i}]", nodes);
            }
    }
}

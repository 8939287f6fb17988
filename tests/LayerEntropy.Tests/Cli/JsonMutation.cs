using System.Text.Json.Nodes;

namespace LayerEntropy.Tests.Cli;

/// <summary>
/// Spoils a JSON file one place at a time, as a damaged disk, a bad copy or a careless edit would: a member removed, a
/// value made null, another type, negative, huge or not an integer, an array shortened or lengthened, base64 data cut
/// short or with one character changed. Seeded, so a failing case can be replayed.
/// </summary>
internal static class JsonMutation
{
    private static readonly Func<JsonNode?>[] Values =
    [
        () => null, () => "x", () => -1, () => -5, () => 0, () => 1.5, () => 1e300, () => 1_000_000_000_000_000L, () => 2147483648L,
        () => 100000, () => true, () => new JsonArray(), () => new JsonObject(),
    ];

    /// <summary>The text of <paramref name="json"/> with one place spoiled, and what was done there.</summary>
    public static (string Text, string What) Apply(string json, int seed)
    {
        var random = new Random(seed);
        var root = JsonNode.Parse(json)!;
        var places = new List<JsonNode>();
        Collect(root, places);
        // Each kind of place (its path with the indices left out) as likely as any other, so that the long lists of
        // numbers do not crowd out the fields.
        var kinds = places.GroupBy(p => System.Text.RegularExpressions.Regex.Replace(p.GetPath(), @"\[\d+\]", "[]")).ToArray();
        var kind = kinds[random.Next(kinds.Length)].ToArray();
        var node = kind[random.Next(kind.Length)];
        string at = node.GetPath();
        var parent = node.Parent!;
        int op = random.Next(4);
        if (node is JsonArray array && array.Count > 0 && op == 0)
        {
            if (random.Next(2) == 0) { array.RemoveAt(array.Count - 1); return (root.ToJsonString(), $"{at}: last entry removed"); }
            array.Add(array[^1]?.DeepClone());
            return (root.ToJsonString(), $"{at}: last entry repeated");
        }
        if (node is JsonValue v && v.TryGetValue(out string? text) && text.Length >= 8 && text.Length % 4 == 0 && op <= 1)
        {
            string spoiled = op == 0 ? text[..^4] : Change(text, random);
            Replace(parent, node, spoiled);
            return (root.ToJsonString(), $"{at}: base64 {(op == 0 ? "cut short" : "changed")}");
        }
        if (parent is JsonObject obj && op == 3)
        {
            obj.Remove(obj.First(p => ReferenceEquals(p.Value, node)).Key);
            return (root.ToJsonString(), $"{at}: removed");
        }
        var value = Values[random.Next(Values.Length)]();
        string shown = value?.ToJsonString() ?? "null";
        Replace(parent, node, value);
        return (root.ToJsonString(), $"{at}: set to {shown}");
    }

    private static void Collect(JsonNode node, List<JsonNode> places)
    {
        if (node.Parent is not null) places.Add(node);
        if (node is JsonObject o) foreach (var p in o) { if (p.Value is { } child) Collect(child, places); }
        else if (node is JsonArray a) foreach (var child in a) { if (child is not null) Collect(child, places); }
    }

    private static void Replace(JsonNode parent, JsonNode node, JsonNode? value)
    {
        if (parent is JsonObject o) o[o.First(p => ReferenceEquals(p.Value, node)).Key] = value;
        else if (parent is JsonArray a) a[a.IndexOf(node)] = value;
    }

    /// <summary>One base64 character changed for another: some value in the data changes.</summary>
    private static string Change(string text, Random random)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int i = random.Next(text.Length - 4);
        var chars = text.ToCharArray();
        chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }
}

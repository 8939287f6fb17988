namespace LayerEntropy.Mutation;

/// <summary>
/// NumPy .npy files made from the real MNIST test images: activations (float32 and float64) and int64 labels read
/// by entropy, uint8 inputs and uint8 labels read by analyze --data. Mutations rewrite the header (shape, dtype,
/// order, keys, nesting, version, length field) with data that fits the new header or does not, or damage the bytes.
/// </summary>
internal sealed class NpyFormat : IMutationFormat
{
    private const int Inputs = 200;

    private static readonly string[] Shapes =
    [
        "()", "(0,)", "(200,)", "(200, 0)", "(0, 32)", "(-1, 32)", "(200, -32)", "(200, 32, 1, 1)", "(4294967296, 32)", "(9223372036854775807, 2)",
        "(9223372036854775807, 9223372036854775807)", "(100, 64)", "(6400,)", "(200, 3.5)", "('a', 32)", "(200, 32", "[200, 32]", "((200,), 32)",
        "(200, 32,,)", "(200, 1e3)", "(200, True)", "(0x10, 2)", "(200, 32, 0)", "(1, 1)", "(200, 1)", "(65536, 1)", "(200, 784)", "(200, 28, 28)",
        "(200, 1, 28, 28)", "(200, 28, 28, 1)", "(200, 3, 28, 28)", "(2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)",
        "(200, 99999999999999999999999)", "None", "200", "{}", "(200, 32)", "(32, 200)",
    ];

    private static readonly string[] Descrs =
    [
        "'<f4'", "'<f8'", "'<f2'", "'>f4'", "'>f8'", "'|u1'", "'|i1'", "'<i2'", "'<u2'", "'<i4'", "'<u4'", "'<i8'", "'<u8'", "'>i8'", "'|b1'", "'<c8'",
        "'|O'", "'<U3'", "'|S4'", "'<V4'", "[('a', '<f4')]", "'f4'", "'float32'", "''", "None", "'<f16'", "'<f3'", "'<f0'", "'<i0'", "'<M8[ns]'",
    ];

    private static readonly string[] Orders = ["False", "True", "0", "1", "'yes'", "None"];

    private readonly List<NpyTarget> files = [];

    public string Name => "npy";

    public IReadOnlyList<MutationCase> Prepare(Workspace work)
    {
        string folder = work.Folder("npy");
        var (images, labels) = RealMnist.TestImages(work.DataRoot, Inputs);
        // Activations: a band of each image's pixels, as a tap of 32 units (float32) and of 2×4 units (float64).
        float[] tap1 = images.SelectMany(im => im.Skip(13 * 28 + 8).Take(32).Select(p => p / 255f)).ToArray();
        double[] tap2 = images.SelectMany(im => Enumerable.Range(0, 8).Select(k => im[10 * 28 + 10 + 28 * (k / 4) + k % 4] / 255.0)).ToArray();
        string entropyOut = Path.Combine(work.Root, "out/npy-entropy"), analyzeOut = Path.Combine(work.Root, "out/npy-analyze");
        string P(string name) => Path.Combine(folder, name);
        string[] entropy = ["entropy", P("tap1.npy"), P("tap2.npy"), "--labels", P("labels.npy"), "-o", entropyOut, "--bootstrap", "0", "--samples", "0", "-q"];
        string[] analyze = ["analyze", work.Model, "--data", P("inputs.npy"), "--labels", P("input-labels.npy"), "-o", analyzeOut, .. Workspace.SmallAnalysis];
        files.Add(new(P("tap1.npy"), "'<f4'", [Inputs, 32], Bytes(tap1), entropy, entropyOut));
        files.Add(new(P("tap2.npy"), "'<f8'", [Inputs, 2, 4], Bytes(tap2), entropy, entropyOut));
        files.Add(new(P("labels.npy"), "'<i8'", [Inputs], Bytes(labels.Select(l => (long)l).ToArray()), entropy, entropyOut));
        files.Add(new(P("inputs.npy"), "'|u1'", [Inputs, 28, 28], images.SelectMany(i => i).ToArray(), analyze, analyzeOut));
        files.Add(new(P("input-labels.npy"), "'|u1'", [Inputs, 1], labels, analyze, analyzeOut));
        foreach (var f in files) File.WriteAllBytes(f.Path, Clean(f));
        return [new(files[0].Path, Clean(files[0]), "clean", entropy, entropyOut), new(files[3].Path, Clean(files[3]), "clean", analyze, analyzeOut)];
    }

    public MutationCase Draw(Random random)
    {
        var f = files[random.Next(files.Count)];
        byte[] clean = Clean(f);
        var (bytes, what) = random.Next(20) switch
        {
            < 11 => EditHeader(f, random),
            11 => Nested(f, random),
            _ => ByteMutator.Mutate(clean, random, clean.Length - f.Data.Length),
        };
        return new(f.Path, bytes, $"{Path.GetFileName(f.Path)}: {what}", f.Args, f.Output);
    }

    private static byte[] Clean(NpyTarget f) =>
        [.. NpyFile.Header(NpyFile.Dict(f.Descr, "False", NpyFile.Shape(f.Shape))), .. f.Data];

    private static (byte[], string) EditHeader(NpyTarget f, Random random)
    {
        string descr = f.Descr, order = "False", shape = NpyFile.Shape(f.Shape);
        switch (random.Next(4))
        {
            case 0: descr = Descrs[random.Next(Descrs.Length)]; break;
            case 1: shape = Shapes[random.Next(Shapes.Length)]; break;
            case 2: order = Orders[random.Next(Orders.Length)]; break;
            default:
                descr = Descrs[random.Next(Descrs.Length)];
                shape = Shapes[random.Next(Shapes.Length)];
                order = Orders[random.Next(3)];
                break;
        }
        string dict = random.Next(12) switch
        {
            0 => $"{{'descr': {descr}, 'shape': {shape}, }}",
            1 => $"{{'descr': {descr}, 'fortran_order': {order}, 'shape': {shape}, 'extra': 1}}",
            2 => $"{{'descr': {descr}, 'descr': {descr}, 'fortran_order': {order}, 'shape': {shape}}}",
            3 => $"{{\"descr\": {descr}, \"fortran_order\": {order}, \"shape\": {shape}}}",
            4 => $"[{descr}, {order}, {shape}]",
            _ => NpyFile.Dict(descr, order, shape),
        };
        // The data: as it was, or exactly what the new header promises (random bytes) where that is small.
        byte[] data = f.Data;
        string fit = "old data";
        long? elements = Elements(shape), size = ItemSize(descr);
        if (random.Next(2) == 0 && elements is long e && size is long s && e * s <= 4 << 20 && e * s >= 0)
        {
            data = new byte[e * s];
            if (random.Next(2) == 0) random.NextBytes(data);
            else for (int i = 0; i < data.Length; i++) data[i] = f.Data[i % f.Data.Length];
            fit = $"{data.Length} data bytes to fit";
        }
        int major = random.Next(10) switch { 0 => 2, 1 => 3, 2 => 0, 3 => 4, _ => -1 };
        long? lengthField = random.Next(8) == 0 ? (long)ByteMutator.InterestingValue(random, 118) : null;
        byte[] header = NpyFile.Header(dict, major == 0 ? 1 : major == 4 ? 1 : major, lengthField);
        if (major is 0 or 4) header[6] = (byte)major;
        return ([.. header, .. data], $"header {dict} (format {header[6]}.0{(lengthField is long l ? $", length field {l}" : "")}), {fit}");
    }

    /// <summary>A shape nested many levels deep, as a header of a few kilobytes to hundreds of kilobytes can hold.</summary>
    private static (byte[], string) Nested(NpyTarget f, Random random)
    {
        int depth = random.Next(4) switch { 0 => 100, 1 => 3000, 2 => 40_000, _ => 200_000 };
        string open = random.Next(2) == 0 ? "(" : "[";
        string shape = string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(open == "(" ? ")" : "]", depth));
        string dict = random.Next(2) == 0 ? NpyFile.Dict(f.Descr, "False", shape) : $"{{'descr': {shape}, 'fortran_order': False, 'shape': (200, 32)}}";
        return ([.. NpyFile.Header(dict), .. f.Data], $"header with {depth} nested {open}");
    }

    /// <summary>One of the clean files: its dtype and shape as the header gives them, its data, and the command that reads it.</summary>
    private sealed record NpyTarget(string Path, string Descr, long[] Shape, byte[] Data, string[] Args, string Output);

    private static long? Elements(string shape)
    {
        if (!shape.StartsWith('(') || !shape.EndsWith(')')) return null;
        long n = 1;
        foreach (string part in shape[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, out long d) || d < 0) return null;
            try { n = checked(n * d); } catch (OverflowException) { return null; }
        }
        return n;
    }

    private static long? ItemSize(string descr)
    {
        string digits = new(descr.SkipWhile(c => !char.IsDigit(c)).TakeWhile(char.IsDigit).ToArray());
        return long.TryParse(digits, out long s) && s is > 0 and <= 16 ? s : null;
    }

    private static byte[] Bytes<T>(T[] values) where T : struct => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}

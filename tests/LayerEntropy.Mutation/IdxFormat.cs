using System.Buffers.Binary;

namespace LayerEntropy.Mutation;

/// <summary>MNIST's IDX files (the real test split), raw and gzip-compressed, read by analyze --dataset mnist.</summary>
internal sealed class IdxFormat : IMutationFormat
{
    private static readonly uint[] Magics = [0x801, 0x803, 0x802, 0x804, 0x800, 0x903, 0xB03, 0xD03, 0xE03, 0x1F8B0803, 0x08030000];

    private readonly List<(string Path, byte[] Bytes, int Header, bool Raw)> files = [];
    private string[] rawArgs = [], gzipArgs = [];
    private string rawOut = "", gzipOut = "";

    public string Name => "idx";

    public IReadOnlyList<MutationCase> Prepare(Workspace work)
    {
        string raw = work.Folder("idx/raw/mnist"), gzip = work.Folder("idx/gz/mnist");
        foreach (var (name, header) in new[] { ("t10k-images-idx3-ubyte", 16), ("t10k-labels-idx1-ubyte", 8) })
        {
            files.Add((Path.Combine(raw, name), RealMnist.Decompressed(work.DataRoot, name), header, true));
            files.Add((Path.Combine(gzip, name + ".gz"), RealMnist.Compressed(work.DataRoot, name), 10, false));
        }
        foreach (var f in files) File.WriteAllBytes(f.Path, f.Bytes);
        rawOut = Path.Combine(work.Root, "out/idx-raw");
        gzipOut = Path.Combine(work.Root, "out/idx-gz");
        rawArgs = ["analyze", work.Model, "--dataset", "mnist", "--data-dir", Path.GetDirectoryName(raw)!, "-o", rawOut, .. Workspace.SmallAnalysis];
        gzipArgs = ["analyze", work.Model, "--dataset", "mnist", "--data-dir", Path.GetDirectoryName(gzip)!, "-o", gzipOut, .. Workspace.SmallAnalysis];
        return [new(files[0].Path, files[0].Bytes, "clean", rawArgs, rawOut), new(files[1].Path, files[1].Bytes, "clean", gzipArgs, gzipOut)];
    }

    public MutationCase Draw(Random random)
    {
        // Raw files take most cases: only there do header edits reach the reader (a compressed file's edits break its checksum first).
        var f = files[random.Next(4) switch { 0 or 1 => 0, 2 => 2, _ => random.Next(2) * 2 + 1 }];
        var (bytes, what) = f.Raw && random.Next(10) < 6 ? EditHeader(f.Bytes, f.Header, random) : ByteMutator.Mutate(f.Bytes, random, f.Header);
        return new(f.Path, bytes, $"{Path.GetFileName(f.Path)}: {what}", f.Raw ? rawArgs : gzipArgs, f.Raw ? rawOut : gzipOut);
    }

    private static (byte[], string) EditHeader(byte[] original, int header, Random random)
    {
        byte[] b = (byte[])original.Clone();
        int fields = header / 4;
        switch (random.Next(5))
        {
            case 0:
            {
                uint magic = Magics[random.Next(Magics.Length)];
                BinaryPrimitives.WriteUInt32BigEndian(b, magic);
                return (b, $"magic 0x{magic:X8}");
            }
            case 1 when header == 16:
            {
                // A header that describes the same number of bytes differently: it still passes the length check.
                var (count, rows, cols) = random.Next(4) switch
                {
                    0 => (20000u, 14u, 28u),
                    1 => (5000u, 56u, 28u),
                    2 => (10000u, 784u, 1u),
                    _ => (1u, 10000u * 28, 28u),
                };
                WriteDims(b, count, rows, cols);
                return (b, $"dims {count}x{rows}x{cols}");
            }
            case 2 when header == 8:
            {
                int at = 8 + random.Next(original.Length - 8);
                byte label = (byte)(random.Next(2) == 0 ? 10 + random.Next(246) : random.Next(256));
                b[at] = label;
                return (b, $"label {at - 8} set to {label}");
            }
            default:
            {
                int field = 1 + random.Next(fields - 1);
                uint value = ByteMutator.InterestingValue(random, BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(4 * field)));
                BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4 * field), value);
                return (b, $"header field {field} set to {value}");
            }
        }
    }

    private static void WriteDims(byte[] b, uint count, uint rows, uint cols)
    {
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), count);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), rows);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(12), cols);
    }
}

using LayerEntropy.Nn;
using LayerEntropy.Onnx;

namespace LayerEntropy.Mutation;

/// <summary>
/// CIFAR-10's binary test batch (records of 1 label byte and 3072 pixel bytes) read by analyze --dataset cifar10.
/// No real copy is at hand, so the batch is drawn: 10,000 records of seeded noise, labels 0-9 in turn, at the
/// published file's exact size (the catalog checks it). The model is an untrained MLP over 3×32×32 inputs.
/// </summary>
internal sealed class CifarFormat : IMutationFormat
{
    private const int Record = 3073;

    private string path = "", output = "";
    private byte[] clean = [];
    private string[] args = [];

    public string Name => "cifar10";

    public IReadOnlyList<MutationCase> Prepare(Workspace work)
    {
        string root = work.Folder("cifar");
        string folder = work.Folder("cifar/cifar-10-batches-bin");
        path = Path.Combine(folder, "test_batch.bin");
        clean = new byte[10_000 * Record];
        new Random(10).NextBytes(clean);
        for (int i = 0; i < 10_000; i++) clean[i * Record] = (byte)(i % 10);
        File.WriteAllBytes(path, clean);
        string model = Path.Combine(root, "cifar-mlp.onnx");
        OnnxModelFile.Save(ModelSpec.Build("mlp:16", [3, 32, 32], 10), model);
        output = Path.Combine(work.Root, "out/cifar10");
        args = ["analyze", model, "--dataset", "cifar10", "--data-dir", root, "-o", output, .. Workspace.SmallAnalysis];
        return [new(path, clean, "clean", args, output)];
    }

    public MutationCase Draw(Random random)
    {
        byte[] b = (byte[])clean.Clone();
        string what;
        switch (random.Next(10))
        {
            case 0 or 1 or 2:
            {
                int record = random.Next(2) == 0 ? random.Next(20) : random.Next(10_000);
                byte label = (byte)(10 + random.Next(246));
                b[record * Record] = label;
                what = $"label of record {record} set to {label}";
                break;
            }
            case 3:
            {
                // Records shifted by a few bytes at the same length: labels read from pixel bytes.
                int at = random.Next(clean.Length), n = 1 + random.Next(8);
                b = [.. clean.AsSpan(0, at), .. clean.AsSpan(Math.Min(at + n, clean.Length)), .. new byte[Math.Min(n, clean.Length - at)]];
                what = $"{n} bytes removed at {at}, zeros appended";
                break;
            }
            case 4 or 5:
            {
                int n = 1 + random.Next(16);
                for (int i = 0; i < n; i++) b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
                what = $"{n} bit flips";
                break;
            }
            default:
                (b, what) = ByteMutator.Mutate(clean, random, 2 * Record);
                break;
        }
        return new(path, b, what, args, output);
    }
}

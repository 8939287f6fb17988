namespace LayerEntropy.Mutation;

/// <summary>
/// A folder of real MNIST test digits, one subfolder per class and two images in each, read by analyze --data FOLDER;
/// each case damages one image file.
/// </summary>
internal abstract class ImageFolderFormat : IMutationFormat
{
    private readonly List<(string Path, byte[] Bytes)> images = [];
    private string[] args = [];
    private string output = "";

    public abstract string Name { get; }

    protected abstract string Extension { get; }

    /// <summary>A 28×28 gray image in this format.</summary>
    protected abstract byte[] Encode(byte[] pixels);

    /// <summary>A structure-aware edit of the file (header fields, segments, chunks).</summary>
    protected abstract (byte[], string) Edit(byte[] file, Random random);

    public IReadOnlyList<MutationCase> Prepare(Workspace work)
    {
        string folder = work.Folder(Name + "/data");
        var (digits, labels) = RealMnist.TestImages(work.DataRoot, 100);
        for (int c = 0; c < 10; c++)
            foreach (int i in Enumerable.Range(0, 100).Where(i => labels[i] == c).Take(2))
            {
                string path = Path.Combine(work.Folder($"{Name}/data/{c}"), $"{i:D3}{Extension}");
                byte[] bytes = Encode(digits[i]);
                File.WriteAllBytes(path, bytes);
                images.Add((path, bytes));
            }
        output = Path.Combine(work.Root, "out/" + Name);
        args = ["analyze", work.Model, "--data", folder, "-o", output, .. Workspace.SmallAnalysis];
        return [new(images[0].Path, images[0].Bytes, "clean", args, output)];
    }

    public MutationCase Draw(Random random)
    {
        var (path, bytes) = images[random.Next(images.Count)];
        var (mutated, what) = random.Next(2) == 0 ? Edit(bytes, random) : ByteMutator.Mutate(bytes, random, 64);
        return new(path, mutated, $"{Path.GetFileName(path)}: {what}", args, output);
    }
}

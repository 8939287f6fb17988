using System.IO.Compression;

namespace LayerEntropy.Mutation;

/// <summary>The real MNIST files under a data root, decompressed.</summary>
internal static class RealMnist
{
    public static byte[] Decompressed(string dataRoot, string name)
    {
        using var file = File.OpenRead(Path.Combine(dataRoot, "mnist", name + ".gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    public static byte[] Compressed(string dataRoot, string name) => File.ReadAllBytes(Path.Combine(dataRoot, "mnist", name + ".gz"));

    /// <summary>The first <paramref name="count"/> test images (28×28 bytes each) and their labels.</summary>
    public static (byte[][] Images, byte[] Labels) TestImages(string dataRoot, int count)
    {
        byte[] images = Decompressed(dataRoot, "t10k-images-idx3-ubyte");
        byte[] labels = Decompressed(dataRoot, "t10k-labels-idx1-ubyte");
        return (Enumerable.Range(0, count).Select(i => images.AsSpan(16 + 784 * i, 784).ToArray()).ToArray(), labels.AsSpan(8, count).ToArray());
    }
}

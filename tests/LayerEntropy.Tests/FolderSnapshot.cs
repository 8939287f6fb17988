namespace LayerEntropy.Tests;

/// <summary>Every file under a folder with its bytes, to check later that a failed run left them exactly as they were.</summary>
internal sealed class FolderSnapshot
{
    private readonly string folder;
    private readonly Dictionary<string, byte[]> files;

    public FolderSnapshot(string folder)
    {
        this.folder = folder;
        files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
    }

    /// <summary>The same files, no more and no fewer, each with the same bytes.</summary>
    public void AssertUnchanged()
    {
        var now = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), now.Order(StringComparer.Ordinal));
        foreach (var f in now) Assert.Equal(files[f], File.ReadAllBytes(f));
    }
}

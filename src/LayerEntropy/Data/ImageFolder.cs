namespace LayerEntropy.Data;

/// <summary>
/// Reads a folder of PNG images with one subfolder per class, the layout of torchvision's ImageFolder:
/// <c>folder/cat/001.png</c>, <c>folder/dog/001.png</c>. Classes are the subfolder names in ordinal order (labels
/// 0..C−1) and each class's images its <c>*.png</c> files in ordinal order of their names; other files, and
/// subfolders whose name starts with a dot, are ignored. Every image must have the size and channels of the first.
/// </summary>
internal static class ImageFolder
{
    private const int MaxClasses = 256;

    /// <summary>The images under <paramref name="folder"/>, named after it, as a <see cref="DatasetSplit.Given"/> dataset.</summary>
    public static Dataset Read(string folder)
    {
        if (!Directory.Exists(folder))
            throw LayerEntropyException.ForFile(folder, File.Exists(folder) ? "not a folder; give a folder with one subfolder of PNG images per class" : "folder not found");
        string[] classFolders = Directory.GetDirectories(folder)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Order(StringComparer.Ordinal).ToArray();
        if (classFolders.Length == 0)
            throw LayerEntropyException.ForFile(folder, "no class subfolders; put each class's PNG images in a subfolder named after the class");
        if (classFolders.Length > MaxClasses)
            throw LayerEntropyException.ForFile(folder, $"{classFolders.Length} class subfolders; at most {MaxClasses} classes are supported");

        var files = new List<(string Path, byte Label)>();
        for (int c = 0; c < classFolders.Length; c++)
        {
            string[] images = Directory.GetFiles(classFolders[c])
                .Where(f => Path.GetExtension(f).Equals(".png", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToArray();
            if (images.Length == 0) throw LayerEntropyException.ForFile(classFolders[c], "class folder holds no .png images");
            files.AddRange(images.Select(f => (f, (byte)c)));
        }

        var (width, height, channels, first) = ImageFile.Read(files[0].Path, ImageTransform.None);
        int length = channels * height * width;
        if ((long)length * files.Count > Array.MaxLength)
            throw LayerEntropyException.ForFile(folder, $"{files.Count} images of {channels}x{height}x{width} are more than one array can hold");
        var pixels = new byte[(long)length * files.Count];
        first.CopyTo(pixels, 0);
        for (int i = 1; i < files.Count; i++)
        {
            var (w, h, c, image) = ImageFile.Read(files[i].Path, ImageTransform.None);
            if (w != width || h != height || c != channels)
                throw LayerEntropyException.ForFile(files[i].Path, $"image is {Shape(c, h, w)} but {files[0].Path} is {Shape(channels, height, width)}; " +
                    "every image must have the same size and channels");
            image.CopyTo(pixels, (long)i * length);
        }

        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        return new Dataset(name, DatasetSplit.Given, channels, height, width,
            classFolders.Select(d => Path.GetFileName(d)).ToArray(), pixels, files.Select(f => f.Label).ToArray());
    }

    private static string Shape(int channels, int height, int width) =>
        $"{width}x{height} with {channels} channel{(channels == 1 ? "" : "s")}";
}

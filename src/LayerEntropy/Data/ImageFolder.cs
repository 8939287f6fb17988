using System.Globalization;

namespace LayerEntropy.Data;

/// <summary>
/// Opens a folder of image files as a streamed <see cref="Dataset"/> (nothing is decoded but the first image, for the
/// shape). Two layouts:
/// <list type="bullet">
/// <item>one subfolder per class, as torchvision's ImageFolder: <c>folder/cat/001.jpg</c>, <c>folder/dog/001.png</c>.
/// Classes are the subfolder names in ordinal order (labels 0..C−1), each class's images its image files
/// (<see cref="Extensions"/>, any case) in ordinal order of their names. Other files are ignored and counted; names
/// starting with a dot are ignored.</item>
/// <item>a labels file (<see cref="ReadList"/>): CSV lines <c>path,label</c>.</item>
/// </list>
/// A symbolic link (class folder or file) whose target lies outside the folder is refused, or skipped with skip-bad.
/// </summary>
internal static class ImageFolder
{
    private const int MaxClasses = 256;

    /// <summary>The file name endings read as images, compared without regard to case.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp"];

    /// <summary>A folder opened: the streamed dataset and notes on what was left out, for the manifest.</summary>
    public sealed record Opened(Dataset Data, IReadOnlyList<string> Notes);

    /// <summary>The images under <paramref name="folder"/>, as they are, read into memory.</summary>
    public static Dataset Read(string folder) => Open(folder, ImageTransform.None, skipBad: false).Data.Load();

    /// <summary>The class subfolders' images under <paramref name="folder"/>, named after it, as a streamed <see cref="DatasetSplit.Given"/> dataset.</summary>
    public static Opened Open(string folder, ImageTransform transform, bool skipBad)
    {
        CheckFolder(folder);
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var notes = new List<string>();
        var outside = new List<string>();
        var classFolders = new List<string>();
        foreach (string d in Directory.GetDirectories(folder).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal))
            if (Inside(d, root, skipBad)) classFolders.Add(d);
            else outside.Add(d);
        if (classFolders.Count == 0)
            throw LayerEntropyException.ForFile(folder, "no class subfolders; put each class's images in a subfolder named after the class");
        if (classFolders.Count > MaxClasses)
            throw LayerEntropyException.ForFile(folder, $"{classFolders.Count} class subfolders; at most {MaxClasses} classes are supported");

        var files = new List<string>();
        var labels = new List<byte>();
        var ignored = new List<string>();
        for (int c = 0; c < classFolders.Count; c++)
        {
            int before = files.Count;
            foreach (string f in Directory.GetFiles(classFolders[c]).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                if (!IsImage(f)) ignored.Add(f);
                else if (!Inside(f, root, skipBad)) outside.Add(f);
                else
                {
                    files.Add(f);
                    labels.Add((byte)c);
                }
            }
            if (files.Count == before)
                throw LayerEntropyException.ForFile(classFolders[c], $"class folder holds no images ({string.Join(" ", Extensions)}); remove it or put its images in it");
        }
        if (ignored.Count > 0)
            notes.Add($"{ignored.Count} file{(ignored.Count == 1 ? " that is not an image was" : "s that are not images were")} ignored (by their name's ending), e.g. {ignored[0]}");
        if (OutsideNote(outside) is { } note) notes.Add(note);

        var source = ImageSource.Open(files, transform, skipBad, folder);
        return new Opened(Dataset.Streamed(NameOf(folder), DatasetSplit.Given, [.. classFolders.Select(d => Path.GetFileName(d))], source, [.. labels]), notes);
    }

    /// <summary>
    /// The images a labels file lists, as a streamed dataset named after <paramref name="folder"/>. Each line is
    /// <c>path,label</c> (split at its last comma); blank lines are skipped and a first line <c>path,label</c> is a header.
    /// A path is taken relative to the labels file's folder, else to <paramref name="folder"/>. Labels are either all
    /// integers 0..255 (classes 0..max, named by their number) or class names (classes the distinct names in ordinal
    /// order, as subfolders would give).
    /// </summary>
    public static Opened ReadList(string folder, string csv, ImageTransform transform, bool skipBad)
    {
        CheckFolder(folder);
        if (Directory.Exists(csv)) throw LayerEntropyException.ForSetting($"{csv}: not a file; {new SettingName("AnalyzeSettings", "Labels")} with a folder takes a CSV file of path,label lines");
        if (!File.Exists(csv)) throw LayerEntropyException.ForFile(csv, "file not found");
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        string csvFolder = Path.GetDirectoryName(Path.GetFullPath(csv))!;
        string[] lines = FileErrors.Guard(csv, () => File.ReadAllLines(csv));
        var entries = new List<(string File, string Label)>();
        var outside = new List<string>();
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0) continue;
            int comma = line.LastIndexOf(',');
            string where = $"{csv} line {n + 1}";
            if (comma < 0) throw LayerEntropyException.ForFile(where, "not a path,label line");
            string path = line[..comma].Trim(), label = line[(comma + 1)..].Trim();
            if (entries.Count == 0 && outside.Count == 0 && path.Equals("path", StringComparison.OrdinalIgnoreCase) && label.Equals("label", StringComparison.OrdinalIgnoreCase)) continue;
            if (path.Length == 0 || label.Length == 0) throw LayerEntropyException.ForFile(where, "a path and a label are both needed");
            string file = Path.Combine(csvFolder, path);
            if (!File.Exists(file)) file = Path.Combine(root, path);
            if (!File.Exists(file)) throw LayerEntropyException.ForFile(where, $"{path} not found (beside the labels file or in {folder})");
            if (Inside(file, root, skipBad)) entries.Add((file, label));
            else outside.Add(file);
        }
        if (entries.Count == 0) throw LayerEntropyException.ForFile(csv, "lists no images; write one path,label line per image");

        bool numbers = entries.All(e => int.TryParse(e.Label, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        string[] classNames;
        byte[] labels;
        if (numbers)
        {
            int[] values = [.. entries.Select(e => int.Parse(e.Label, NumberStyles.None, CultureInfo.InvariantCulture))];
            if (values.Max() >= MaxClasses) throw LayerEntropyException.ForFile(csv, $"label {values.Max()}; labels must lie in 0..{MaxClasses - 1}");
            classNames = [.. Enumerable.Range(0, values.Max() + 1).Select(c => c.ToString(CultureInfo.InvariantCulture))];
            labels = [.. values.Select(v => (byte)v)];
        }
        else
        {
            classNames = [.. entries.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal)];
            if (classNames.Length > MaxClasses) throw LayerEntropyException.ForFile(csv, $"{classNames.Length} class names; at most {MaxClasses} classes are supported");
            var index = classNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (byte)p.i, StringComparer.Ordinal);
            labels = [.. entries.Select(e => index[e.Label])];
        }
        var notes = new List<string>();
        if (OutsideNote(outside) is { } note) notes.Add(note);
        var source = ImageSource.Open([.. entries.Select(e => e.File)], transform, skipBad, folder);
        return new Opened(Dataset.Streamed(NameOf(folder), DatasetSplit.Given, classNames, source, labels), notes);
    }

    /// <summary>Whether <paramref name="path"/>'s name ends in one of <see cref="Extensions"/>.</summary>
    public static bool IsImage(string path)
    {
        string extension = Path.GetExtension(path);
        return Extensions.Any(e => e.Equals(extension, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The manifest's note on the links to outside the folder that were skipped; null when none was.</summary>
    private static string? OutsideNote(List<string> outside) => outside.Count == 0 ? null
        : $"{outside.Count} symbolic link{(outside.Count == 1 ? "" : "s")} to outside the folder skipped (--skip-bad), e.g. {outside[0]}";

    private static void CheckFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw LayerEntropyException.ForFile(folder, File.Exists(folder) ? "not a folder; give a folder with one subfolder of images per class" : "folder not found");
    }

    /// <summary>
    /// True for a path that is no symbolic link or whose final target lies inside <paramref name="root"/>; false for a
    /// link to outside with <paramref name="skipBad"/>, which refuses it otherwise.
    /// </summary>
    private static bool Inside(string path, string root, bool skipBad)
    {
        FileSystemInfo info = Directory.Exists(path) && !File.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (info.LinkTarget is null) return true;
        string? target = FileErrors.Guard(path, () => info.ResolveLinkTarget(returnFinalTarget: true)?.FullName);
        if (target is not null && Path.GetFullPath(target).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return true;
        if (skipBad) return false;
        throw LayerEntropyException.ForSetting(
            $"{path}: a symbolic link to {target ?? "nothing"}, outside {root}; only files inside the {new SettingName("AnalyzeSettings", "Data")} folder are read ({new SettingName("AnalyzeSettings", "SkipBad")} skips such links)");
    }

    private static string NameOf(string folder) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
}

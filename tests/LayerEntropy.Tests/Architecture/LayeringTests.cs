using System.Text.RegularExpressions;

namespace LayerEntropy.Tests.Architecture;

/// <summary>
/// The folders of the library in the order data flows through them: a folder uses only those before it, never one
/// after it (and no folder of its own rank but itself), so each can be read, tested and changed without the later ones.
/// The command line comes after them all.
/// </summary>
public partial class LayeringTests
{
    /// <summary>Each folder (namespace) of src/LayerEntropy with its rank; a file may use the namespaces of lower rank.</summary>
    internal static readonly IReadOnlyDictionary<string, int> Ranks = new Dictionary<string, int>
    {
        ["IO"] = 0, ["Tensors"] = 0,
        ["Nn"] = 1,
        ["Onnx"] = 2, ["Data"] = 2,
        ["Training"] = 3,
        ["Analysis"] = 4,
        ["Reports"] = 5,
        ["Experiments"] = 6,
        ["Cli"] = 7,
    };

    [GeneratedRegex(@"\bLayerEntropy\.(\w+)")]
    private static partial Regex NamespaceUse();

    /// <summary>Every use of a later (or a sibling) folder in <paramref name="files"/>: "FILE uses LayerEntropy.X".</summary>
    internal static IEnumerable<string> BackImports(IEnumerable<(string Folder, string Path, string Text)> files) =>
        from f in files
        let own = Ranks[f.Folder]
        from Match m in NamespaceUse().Matches(f.Text)
        let used = m.Groups[1].Value
        where used != f.Folder && Ranks.TryGetValue(used, out int rank) && rank >= own
        select $"{f.Path} uses LayerEntropy.{used} ({f.Folder} may use only {string.Join(", ", Ranks.Where(r => r.Value < own).Select(r => r.Key))})";

    private static IEnumerable<(string Folder, string Path, string Text)> SourceFiles()
    {
        string src = Path.Combine(ArchitectureTests.RepositoryRoot, "src");
        string library = Path.Combine(src, "LayerEntropy");
        foreach (string folder in Directory.EnumerateDirectories(library).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
            foreach (string file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
                yield return (Path.GetFileName(folder), Path.GetRelativePath(src, file), File.ReadAllText(file));
        foreach (string file in Directory.EnumerateFiles(Path.Combine(src, "LayerEntropy.Cli"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
            yield return ("Cli", Path.GetRelativePath(src, file), File.ReadAllText(file));
    }

    [Fact]
    public void EveryFolderOfTheLibraryHasARank()
    {
        string library = Path.Combine(ArchitectureTests.RepositoryRoot, "src", "LayerEntropy");
        var folders = Directory.EnumerateDirectories(library).Select(Path.GetFileName).Where(d => d is not ("bin" or "obj")).Order();
        Assert.Equal(Ranks.Keys.Where(k => k != "Cli").Order(), folders);
    }

    [Fact]
    public void NoFolderUsesALaterOne()
    {
        var offenders = BackImports(SourceFiles()).ToArray();
        Assert.True(offenders.Length == 0, "back imports:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void ABackImportIsFound()
    {
        // The check itself, on a file as a change might write it: a data reader reaching for the reports.
        var file = ("Data", "LayerEntropy/Data/Reader.cs", "using LayerEntropy.Tensors;\nusing LayerEntropy.Reports;\nnamespace LayerEntropy.Data;");
        Assert.Equal(["LayerEntropy/Data/Reader.cs uses LayerEntropy.Reports (Data may use only IO, Tensors, Nn)"], BackImports([file]));
    }
}

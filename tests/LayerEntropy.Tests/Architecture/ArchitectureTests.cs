using System.Reflection;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Architecture;

/// <summary>The house rules that code review would otherwise have to remember.</summary>
public class ArchitectureTests
{
    /// <summary>The folder of LayerEntropy.slnx, found above the test binaries.</summary>
    internal static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "LayerEntropy.slnx"))) return dir.FullName;
            throw new InvalidOperationException("cannot find the repository root (LayerEntropy.slnx) above the test binaries");
        }
    }

    private static string SourceRoot => Path.Combine(RepositoryRoot, "src");

    /// <summary>The C# files of a project under src/ (its bin and obj left out).</summary>
    internal static IEnumerable<string> SourceFiles(string project) =>
        Directory.EnumerateFiles(Path.Combine(SourceRoot, project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    [Fact]
    public void TheLibraryNeverWritesToTheConsole()
    {
        var offenders = SourceFiles("LayerEntropy").Where(f => File.ReadAllText(f).Contains("Console.", StringComparison.Ordinal)).ToArray();
        Assert.True(offenders.Length == 0, "library code must report through return values, exceptions or IProgress: " + string.Join(", ", offenders));
    }

    [Fact]
    public void ReportsDrawFromResultsNeverFromModels()
    {
        // Rendering takes result records: it must not reach for the engine, the model files or the datasets.
        var offenders = SourceFiles(Path.Combine("LayerEntropy", "Reports"))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("LayerEntropy.Nn", StringComparison.Ordinal) || text.Contains("LayerEntropy.Onnx", StringComparison.Ordinal)
                || text.Contains("LayerEntropy.Data", StringComparison.Ordinal) || text.Contains("LayerEntropy.Tensors", StringComparison.Ordinal)))
            .ToArray();
        Assert.True(offenders.Length == 0, "Reports may use only the analysis result records: " + string.Join(", ", offenders));
        Assert.NotEmpty(SourceFiles(Path.Combine("LayerEntropy", "Reports")));
    }

    [Fact]
    public void KernelsStayInternal()
    {
        var publicTensorTypes = typeof(Tensor).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(Tensor).Namespace).Select(t => t.Name).Order();
        Assert.Equal(["Compute", "Tensor"], publicTensorTypes);
    }

    [Fact]
    public void NoSourceFileIsPast400Lines()
    {
        var longFiles = SourceFiles("LayerEntropy").Concat(SourceFiles("LayerEntropy.Cli"))
            .Select(f => (File: f, Lines: File.ReadLines(f).Count())).Where(x => x.Lines > 400).ToArray();
        Assert.True(longFiles.Length == 0, string.Join(", ", longFiles.Select(x => $"{x.File} ({x.Lines} lines)")));
    }

    [Fact]
    public void OnlyTheDomainIsPublic()
    {
        // Generated protobuf types and readers are implementation details of the ONNX format.
        var leaked = typeof(Tensor).Assembly.GetExportedTypes()
            .Where(t => t.Namespace is "LayerEntropy.Onnx" && t.Name is not ("OnnxModelFile" or "OnnxModel" or "TrainingStateFile" or "TrainingStateHeader"))
            .Select(t => t.FullName).ToArray();
        Assert.Empty(leaked);
    }
}

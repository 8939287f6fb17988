using LayerEntropy.Onnx;

namespace LayerEntropy.Tests.Onnx;

/// <summary>Graphs the importer cannot take, written by make_import_cases.py, are refused with one line naming the file and every problem.</summary>
public class OnnxRefusedGraphTests(ImportCases cases) : IClassFixture<ImportCases>
{
    [Theory]
    [InlineData("unsupported", "operators not supported: Resize (node 'up1'), LRN (node 'lrn1', 'lrn2'); supported: Conv, MaxPool, AveragePool")]
    [InlineData("domain", "operators not supported: com.microsoft.FusedGemm (node 'fused'); supported: ")]
    [InlineData("external", "tensor 'W' is stored in an external data file; save the model with its weights inside (e.g. onnx.save(model, path, save_as_external_data=False))")]
    [InlineData("branch", "node 'join' (Add): has two computed inputs ('a', 'b'): the graph branches, and only a single chain is supported")]
    public void Graph_is_refused_naming_the_file_and_the_problem(string name, string problem)
    {
        string path = cases.Bad(name);
        var e = Assert.Throws<LayerEntropyException>(() => OnnxModelFile.Load(path));
        Assert.Equal($"{path}: {problem}", e.Message[..Math.Min(e.Message.Length, path.Length + 2 + problem.Length)]);
        Assert.DoesNotContain('\n', e.Message);
    }
}

using Google.Protobuf;
using LayerEntropy.Onnx;
using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Tests.Onnx;

/// <summary>Every bad file is refused with one line that names the file and the problem.</summary>
public class OnnxBadInputTests
{
    [Fact]
    public void Text_file_is_not_an_ONNX_model()
    {
        using var folder = new TempDir();
        string path = folder.File("notes.onnx");
        File.WriteAllText(path, "this is a text file, not a model\nsecond line\n");
        AssertRefused(path, "not an ONNX model");
    }

    [Fact]
    public void Random_bytes_are_not_an_ONNX_model()
    {
        using var folder = new TempDir();
        string path = folder.File("noise.onnx");
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        AssertRefused(path, "not an ONNX model");
    }

    [Fact]
    public void Empty_file_is_not_an_ONNX_model()
    {
        using var folder = new TempDir();
        string path = folder.File("empty.onnx");
        File.WriteAllBytes(path, []);
        AssertRefused(path, "not an ONNX model: the file is empty");
    }

    [Fact]
    public void Missing_path_is_reported()
    {
        using var folder = new TempDir();
        AssertRefused(folder.File("nowhere.onnx"), "file not found");
    }

    [Theory]
    [InlineData("unknown operator", "operator 'Foo' (node 'fc1_act') is not supported; supported: Conv, MaxPool, Gemm")]
    [InlineData("missing initializer", "node 'fc1' (Gemm): missing initializer 'fc1.weight'")]
    [InlineData("conv group", "node 'conv1' (Conv): group = 2 is not supported")]
    [InlineData("gemm alpha", "node 'logits' (Gemm): alpha = 2 and beta = 1 are not supported")]
    [InlineData("asymmetric pads", "node 'conv1' (Conv): pads [2,2,1,1] are not supported")]
    [InlineData("dilations", "node 'conv2' (Conv): dilations [2,2] are not supported")]
    [InlineData("non-square kernel", "node 'conv1' (Conv): kernel [25,1] is not supported")]
    [InlineData("branch", "node 'fc2' (Gemm): reads 'flatten' where the chain has 'fc1_act'; the graph is not a single chain")]
    public void Unsupported_content_is_refused_naming_the_node_and_the_problem(string change, string problem)
    {
        using var folder = new TempDir();
        string path = folder.File("lenet.onnx");
        OnnxModelFile.Save(OnnxTestModels.Build("lenet"), path);
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var graph = proto.Graph;
        NodeProto Node(string name) => graph.Node.Single(n => n.Name == name);
        AttributeProto Attribute(string node, string name) => Node(node).Attribute.Single(a => a.Name == name);
        switch (change)
        {
            case "unknown operator": Node("fc1_act").OpType = "Foo"; break;
            case "missing initializer": graph.Initializer.Remove(graph.Initializer.Single(t => t.Name == "fc1.weight")); break;
            case "conv group": Attribute("conv1", "group").I = 2; break;
            case "gemm alpha": Attribute("logits", "alpha").F = 2; break;
            case "asymmetric pads": Attribute("conv1", "pads").Ints[2] = 1; Attribute("conv1", "pads").Ints[3] = 1; break;
            case "dilations": Attribute("conv2", "dilations").Ints[0] = 2; Attribute("conv2", "dilations").Ints[1] = 2; break;
            case "non-square kernel":
                var w = graph.Initializer.Single(t => t.Name == "conv1.weight");
                w.Dims[2] = 25;
                w.Dims[3] = 1;
                break;
            case "branch": Node("fc2").Input[0] = "flatten"; break;
        }
        File.WriteAllBytes(path, proto.ToByteArray());

        AssertRefused(path, problem);
    }

    private static void AssertRefused(string path, string problem)
    {
        var e = Assert.Throws<LayerEntropyException>(() => OnnxModelFile.Load(path));
        Assert.StartsWith($"{path}: ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}

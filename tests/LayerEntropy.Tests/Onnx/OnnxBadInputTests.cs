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
    [InlineData("unknown operator", "node 'fc1_act' (Foo): layerentropy train writes no such node")]
    [InlineData("missing initializer", "node 'fc1' (Gemm): missing initializer 'fc1.weight'")]
    [InlineData("conv group", "node 'conv1' (Conv): layerentropy writes square kernels with one stride and one padding, dilation 1 and group 1")]
    [InlineData("gemm transA", "node 'logits' (Gemm): attribute 'transA' is not supported")]
    [InlineData("pool dilations", "node 'pool1' (MaxPool): attribute 'dilations' is not supported")]
    [InlineData("flatten axis 0", "node 'flatten' (Flatten): layerentropy writes Flatten with axis 1")]
    [InlineData("kernel_shape", "node 'conv1' (Conv): layerentropy writes square kernels")]
    [InlineData("branch", "node 'fc2' (Gemm): does not read 'fc1_act', the value before it; a file written by layerentropy is a single chain")]
    [InlineData("other producer", "was not written by layerentropy train, so the training engine cannot load it")]
    [InlineData("operator with a line break", @"node 'fc1_act' (Relu\nx\x00): layerentropy train writes no such node")]
    [InlineData("node name with a line break", @"node 'fc1\r\nact\u2028' (Foo): layerentropy train writes no such node")]
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
            case "gemm transA": Node("logits").Attribute.Add(new AttributeProto { Name = "transA", Type = AttributeProto.Types.AttributeType.Int, I = 1 }); break;
            case "pool dilations":
                var dilations = new AttributeProto { Name = "dilations", Type = AttributeProto.Types.AttributeType.Ints };
                dilations.Ints.Add([2, 2]);
                Node("pool1").Attribute.Add(dilations);
                break;
            case "flatten axis 0": Attribute("flatten", "axis").I = 0; break;
            case "kernel_shape":
                var w = graph.Initializer.Single(t => t.Name == "conv1.weight");
                w.Dims[2] = 25;
                w.Dims[3] = 1;
                break;
            case "branch": Node("fc2").Input[0] = "flatten"; break;
            case "other producer": proto.ProducerName = "pytorch"; break;
            case "operator with a line break": Node("fc1_act").OpType = "Relu\nx\0"; break;
            case "node name with a line break":
                var renamed = Node("fc1_act");
                (renamed.Name, renamed.OpType) = ("fc1\r\nact\u2028", "Foo");
                break;
        }
        File.WriteAllBytes(path, proto.ToByteArray());

        AssertRefused(path, problem);
    }

    [Theory]
    [InlineData("fc1.weight")]
    [InlineData("conv1.weight")]
    public void Weight_dims_past_the_data_are_refused_before_anything_is_allocated_from_them(string weight)
    {
        using var folder = new TempDir();
        string path = folder.File("lenet.onnx");
        OnnxModelFile.Save(OnnxTestModels.Build("lenet"), path);
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        proto.Graph.Initializer.Single(t => t.Name == weight).Dims[0] = 1 << 20;
        File.WriteAllBytes(path, proto.ToByteArray());

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(path, $"tensor '{weight}' has ");
        AssertRefused(path, "bytes of raw data, its dims need");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 64 << 20, $"{allocated} bytes allocated for a file of {new FileInfo(path).Length} bytes");
    }

    private static void AssertRefused(string path, string problem)
    {
        var e = Assert.Throws<LayerEntropyException>(() => OnnxModelFile.Load(path));
        Assert.StartsWith($"{path}: ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        Assert.DoesNotContain('\0', e.Message);
        Assert.DoesNotContain('\u2028', e.Message);
    }
}

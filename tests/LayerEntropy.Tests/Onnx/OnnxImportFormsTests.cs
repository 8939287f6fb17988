using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using static LayerEntropy.Tests.Onnx.OnnxGraphBuilder;
using static LayerEntropy.Tests.Onnx.OnnxTestModels;

namespace LayerEntropy.Tests.Onnx;

/// <summary>Files in the forms other exporters write (PyTorch, TensorFlow, Keras) load to the same layers as ours.</summary>
public class OnnxImportFormsTests
{
    [Fact]
    public void MatMul_then_Add_loads_as_Linear_with_the_weight_transposed()
    {
        using var folder = new TempDir();
        string path = folder.File("matmul.onnx");
        float[] w1 = Values(6 * 5, 1), b1 = Values(5, 2), w2 = Values(5 * 3, 3), b2 = Values(3, 4);
        new OnnxGraphBuilder("x", 6)
            .Floats("W1", w1, 6, 5).Floats("B1", b1, 5).Floats("W2", w2, 5, 3).Floats("B2", b2, 3)
            .Node("MatMul", "dense/MatMul", ["x", "W1"], "mm1").Node("Add", "dense/BiasAdd", ["mm1", "B1"], "h1")
            .Node("Relu", "dense/Relu", ["h1"], "a1")
            .Node("MatMul", "out/MatMul", ["a1", "W2"], "mm2").Node("Add", "", ["B2", "mm2"], "y")
            .Save(path, "y");

        var loaded = OnnxModelFile.Load(path).Model;

        Assert.Equal(["dense/MatMul Linear 6->5", "dense/Relu ReLU", "out/MatMul Linear 5->3"], loaded.Layers.Select(Describe));
        var expected = new Sequential([6], [Linear(w1, b1, 6, 5, transposed: true), new ReLU(), Linear(w2, b2, 5, 3, transposed: true)]);
        var x = new LayerEntropy.Tensors.Tensor(Values(4 * 6, 5), 4, 6);
        Assert.Equal(Bits(Run(expected, x).Data), Bits(Run(loaded, x).Data));
    }

    [Fact]
    public void Gemm_with_transB_0_after_conv_and_reshape_loads_with_names_from_outputs_when_nodes_are_unnamed()
    {
        using var folder = new TempDir();
        string path = folder.File("gemm.onnx");
        float[] cw = Values(3 * 2 * 3 * 3, 1), cb = Values(3, 2), fw = Values(48 * 4, 3), fb = Values(4, 4);
        new OnnxGraphBuilder("images", 2, 4, 4)
            .Floats("cw", cw, 3, 2, 3, 3).Floats("cb", cb, 3).Floats("fw", fw, 48, 4).Floats("fb", fb, 4)
            .Initializer(Longs("flat_shape", 0, -1))
            .Node("Conv", "", ["images", "cw", "cb"], "conv_out", Attr("kernel_shape", 3, 3), Attr("pads", 1, 1, 1, 1), Attr("strides", 1, 1))
            .Node("Tanh", "", ["conv_out"], "tanh_out")
            .Node("Reshape", "", ["tanh_out", "flat_shape"], "flat")
            .Node("Identity", "", ["flat"], "flat_copy")
            .Node("Gemm", "", ["flat_copy", "fw", "fb"], "logits", Attr("transB", 0L), Attr("alpha", 1f))
            .Save(path, "logits");

        var loaded = OnnxModelFile.Load(path).Model;

        Assert.Equal(["conv_out Conv2d 2->3 k3 s1 p1", "tanh_out Tanh", "flat Flatten", "logits Linear 48->4"], loaded.Layers.Select(Describe));
        var conv = new Conv2d(2, 3, 3, 1, 1);
        cw.CopyTo(conv.Weight.Value.Data);
        cb.CopyTo(conv.Bias.Value.Data);
        var expected = new Sequential([2, 4, 4], [conv, new Tanh(), new Flatten(), Linear(fw, fb, 48, 4, transposed: true)]);
        var x = new LayerEntropy.Tensors.Tensor(Values(3 * 32, 5), 3, 2, 4, 4);
        Assert.Equal(Bits(Run(expected, x).Data), Bits(Run(loaded, x).Data));
    }

    [Fact]
    public void Reshape_shape_from_a_Constant_node_and_an_opset_10_Dropout_ratio_attribute_load()
    {
        using var folder = new TempDir();
        string path = folder.File("constant.onnx");
        new OnnxGraphBuilder("x", 2, 3)
            .Floats("w", Values(6 * 2, 1), 2, 6).Floats("b", Values(2, 2), 2)
            .Node("Constant", "shape_const", [], "shape", Attr("value", Longs("", -1, 6)))
            .Node("Reshape", "flatten", ["x", "shape"], "flat")
            .Node("Dropout", "drop", ["flat"], "dropped", Attr("ratio", 0.25f))
            .Node("Gemm", "fc", ["dropped", "w", "b"], "y", Attr("transB", 1L))
            .Save(path, "y", opset: 10);

        var loaded = OnnxModelFile.Load(path).Model;

        Assert.Equal(["flatten Flatten", $"drop Dropout {BitConverter.SingleToInt32Bits(0.25f)}", "fc Linear 6->2"], loaded.Layers.Select(Describe));
    }

    /// <summary>A Linear from ONNX-layout values: in×out when <paramref name="transposed"/> (MatMul, Gemm transB = 0).</summary>
    private static Linear Linear(float[] w, float[] b, int inFeatures, int outFeatures, bool transposed)
    {
        var fc = new Linear(inFeatures, outFeatures);
        for (int o = 0; o < outFeatures; o++)
            for (int i = 0; i < inFeatures; i++)
                fc.Weight.Value[o * inFeatures + i] = transposed ? w[i * outFeatures + o] : w[o * inFeatures + i];
        b.CopyTo(fc.Bias.Value.Data);
        return fc;
    }

    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextSingle() * 2 - 1)];
    }
}

using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using LayerEntropy.Tensors;
using static LayerEntropy.Tests.Onnx.OnnxTestModels;

namespace LayerEntropy.Tests.Onnx;

/// <summary>
/// Graphs in the forms PyTorch, tf2onnx and Keras exports take, built with the onnx package: each operator form loads,
/// and the loaded model's output matches NumPy's within 1e-4 + 1e-4·|expected|.
/// </summary>
public class OnnxOperatorImportTests(ImportCases cases) : IClassFixture<ImportCases>
{
    [Fact]
    public void The_script_writes_every_case()
    {
        Assert.Equal(ImportCases.All, cases.Written);
    }

    [Theory]
    [MemberData(nameof(ImportCases.Names), MemberType = typeof(ImportCases))]
    public void Imported_graph_computes_what_NumPy_computes(string name)
    {
        var model = OnnxModelFile.Load(cases.Model(name)).Model;
        var actual = Run(model, cases.Input(name));
        var expected = cases.Expected(name);

        Assert.Equal(expected.Shape, actual.Shape);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-4 + 1e-4 * Math.Abs(expected[i]), $"{name}: value {i} is {actual[i]}, NumPy gives {expected[i]}");
    }

    [Fact]
    public void Conv_whose_kernel_covers_its_input_is_a_fully_connected_layer_tapped_after_its_activation()
    {
        var model = OnnxModelFile.Load(cases.Model("conv_fc")).Model;

        Assert.Equal(["fc6 Linear 48->8", "fc6_relu ReLU", "fc7 Linear 8->5", "fc7_relu ReLU", "f Flatten", "logits Linear 5->3", "y Softmax"],
            model.Layers.Select(Describe));
        Assert.Equal([8, 1, 1], model.LayerOutputShapes()[0]);
        Assert.Equal(["fc6_relu", "fc7_relu"], model.DefaultTaps());
    }

    [Fact]
    public void BatchNorm_between_a_hidden_Linear_and_its_ReLU_taps_the_ReLU()
    {
        var model = OnnxModelFile.Load(cases.Model("batchnorm_forms")).Model;

        Assert.Equal(["c1 Conv2d 2->3 k3 s1 p1", "bn1 BatchNorm", "r1 ReLU", "gap GlobalAveragePool", "f Flatten", "fc1 Linear 3->4", "bn2 BatchNorm",
            "fc1_relu ReLU", "y Linear 4->3"], model.Layers.Select(Describe));
        Assert.Equal(["fc1_relu"], model.DefaultTaps());
    }

    [Fact]
    public void Gemm_forms_and_a_MatMul_without_bias_load_as_Linear_layers()
    {
        var gemm = OnnxModelFile.Load(cases.Model("gemm_forms")).Model;
        var matmul = OnnxModelFile.Load(cases.Model("matmul_forms")).Model;

        Assert.Equal(["g1 Linear 6->5", "r1 ReLU", "g2 Linear 5->4", "y Linear 4->3"], gemm.Layers.Select(Describe));
        Assert.Equal(["r1", "g2"], gemm.DefaultTaps());
        Assert.Equal(["m1 Linear 6->5", "t1 Tanh", "m2 Linear 5->3", "y LogSoftmax"], matmul.Layers.Select(Describe));
        Assert.Equal(["t1"], matmul.DefaultTaps());
    }

    [Fact]
    public void NHWC_graph_taps_the_same_units_with_the_same_values_as_its_NCHW_twin()
    {
        var nchw = OnnxModelFile.Load(cases.Model("nchw_twin")).Model;
        var nhwc = OnnxModelFile.Load(cases.Model("nhwc_twin")).Model;

        Assert.Equal(["dense_relu"], nchw.DefaultTaps());
        Assert.Equal(nchw.DefaultTaps(), nhwc.DefaultTaps());
        Assert.Equal(["to_nchw Transpose", "conv Conv2d 2->4 k3 s1 p0", "conv_relu ReLU", "to_nhwc Transpose", "flatten Flatten", "dense Linear 64->10",
            "dense_relu ReLU", "logits Linear 10->3", "probs Softmax"], nhwc.Layers.Select(Describe));
        var a = Tapped(nchw, cases.Input("nchw_twin"), "dense_relu");
        var b = Tapped(nhwc, cases.Input("nhwc_twin"), "dense_relu");
        Assert.Equal(a.Shape, b.Shape);
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1e-4 + 1e-4 * Math.Abs(a[i]), $"unit value {i}: {a[i]} against {b[i]}");
    }

    [Fact]
    public void Layers_only_imported_models_hold_refuse_training_with_a_one_line_error()
    {
        var model = OnnxModelFile.Load(cases.Model("arithmetic")).Model;
        var x = cases.Input("arithmetic");
        var y = model.Forward(x, training: true);

        var e = Assert.Throws<LayerEntropyException>(() => model.Backward(new Tensor(y.Shape)));
        Assert.Equal("layer 'y' (Softmax) comes from an imported ONNX model and runs forward only; it cannot be trained", e.Message);
    }

    private static Tensor Tapped(Sequential model, Tensor x, string tap)
    {
        Tensor? value = null;
        model.Forward(x, false, (layer, output) => { if (layer.Name == tap) value = output.Clone(); });
        return value ?? throw new InvalidOperationException($"no layer '{tap}'");
    }
}

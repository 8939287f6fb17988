using System.Runtime.InteropServices;
using LayerEntropy.Onnx;
using LayerEntropy.Tensors;
using static LayerEntropy.Tests.Onnx.OnnxTestModels;

namespace LayerEntropy.Tests.Onnx;

/// <summary>Files exported by torch.onnx.export (PyTorch/make_exports.py) load and compute what PyTorch computed.</summary>
public class OnnxPyTorchExportTests
{
    // PyTorch sums in another order than our GEMM, so outputs agree to float32 rounding, not bitwise.
    private const double Atol = 1e-5, Rtol = 1e-5;

    // The LeakyReLU slope is given by its float bits: 1045220557 is 0.2f.
    [Theory]
    [InlineData("view", "/conv1/Conv Conv2d 1->3 k3 s1 p1|/Relu ReLU|/MaxPool MaxPool2d k2 s2|/conv2/Conv Conv2d 3->4 k3 s1 p0|/Tanh Tanh|/Reshape Flatten|/fc/Gemm Linear 36->8|/LeakyRelu LeakyReLU 1045220557|/out/Gemm Linear 8->4")]
    [InlineData("flatten", "/conv1/Conv Conv2d 1->3 k3 s1 p1|/Relu ReLU|/MaxPool MaxPool2d k2 s2|/conv2/Conv Conv2d 3->4 k3 s1 p0|/Tanh Tanh|/Flatten Flatten|/fc/Gemm Linear 36->8|/LeakyRelu LeakyReLU 1045220557|/out/Gemm Linear 8->4")]
    [InlineData("mlp", "/0/Flatten Flatten|/1/Gemm Linear 100->16|/2/Sigmoid Sigmoid|/3/Gemm Linear 16->4")]
    public void PyTorch_export_loads_to_the_expected_layers_and_outputs(string name, string layers)
    {
        var model = OnnxModelFile.Load(File($"{name}.onnx")).Model;

        Assert.Equal(layers.Split('|'), model.Layers.Select(Describe));
        var x = new Tensor(Floats("input.f32"), [4, 1, 10, 10]);
        float[] ours = Run(model, x).Data, torch = Floats($"{name}.out.f32");
        Assert.Equal(torch.Length, ours.Length);
        for (int i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - torch[i]) <= Atol + Rtol * Math.Abs(torch[i]), $"output {i}: ours {ours[i]:R}, PyTorch {torch[i]:R}");
    }

    private static string File(string name) => Path.Combine(AppContext.BaseDirectory, "Onnx", "PyTorch", name);

    private static float[] Floats(string name) => MemoryMarshal.Cast<byte, float>(System.IO.File.ReadAllBytes(File(name))).ToArray();
}

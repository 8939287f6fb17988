using System.Runtime.InteropServices;
using System.Security.Cryptography;
using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Onnx;

/// <summary>The models the ONNX tests save and load, with seeded inputs and bit-level comparisons.</summary>
internal static class OnnxTestModels
{
    public static readonly TheoryData<string> Names = ["mlp", "lenet", "cnn-dropout", "leaky", "sigmoid", "tanh", "flat"];

    public static Sequential Build(string name)
    {
        var model = name switch
        {
            "mlp" => ModelSpec.Build("mlp:64,32", [1, 28, 28], 10, seed: 1),
            "lenet" => ModelSpec.Build("lenet", [1, 28, 28], 10, seed: 2),
            "cnn-dropout" => ModelSpec.Build("cnn:c8,p,c16k5p0,p|fc32,d0.5,fc16", [3, 32, 32], 10, seed: 3),
            "leaky" => ModelSpec.Build("cnn:c4,p|fc16", [1, 12, 12], 5, ActivationKind.LeakyReLU, seed: 4),
            "sigmoid" => ModelSpec.Build("mlp:32,16", [1, 8, 8], 4, ActivationKind.Sigmoid, seed: 5),
            "tanh" => ModelSpec.Build("cnn:c4s2|fc8", [2, 9, 9], 3, ActivationKind.Tanh, seed: 6),
            "flat" => ModelSpec.Build("mlp:64,32", [784], 10, seed: 7),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        // Initialisation leaves biases at zero; random ones make the bias checks able to fail.
        var random = new Random(100);
        foreach (var p in model.Parameters.Where(p => p.Name == "bias"))
            for (int i = 0; i < p.Value.Length; i++) p.Value[i] = random.NextSingle() - 0.5f;
        return model;
    }

    public static Tensor RandomInput(Sequential model, int batch, int seed)
    {
        var x = new Tensor([batch, .. model.InputShape]);
        var random = new Random(seed);
        for (int i = 0; i < x.Length; i++) x[i] = random.NextSingle() * 2 - 1;
        return x;
    }

    /// <summary>The model's inference output, copied out of the layer's reusable buffer.</summary>
    public static Tensor Run(Sequential model, Tensor x) => model.Forward(x, false).Clone();

    public static int[] Bits(float[] values) => MemoryMarshal.Cast<float, int>(values).ToArray();

    public static byte[] Bytes(float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static string Sha256(float[] values) => Convert.ToHexStringLower(SHA256.HashData(Bytes(values)));

    /// <summary>A layer's kind, name and hyper-parameters as text, so two models can be compared layer by layer.</summary>
    public static string Describe(Layer layer) => layer switch
    {
        Linear f => $"{f.Name} Linear {f.InFeatures}->{f.OutFeatures}",
        Conv2d c => $"{c.Name} Conv2d {c.InChannels}->{c.OutChannels} k{c.KernelSize} s{c.Stride} p{c.Padding}",
        MaxPool2d p => $"{p.Name} MaxPool2d k{p.Kernel} s{p.Stride}",
        LeakyReLU r => $"{r.Name} LeakyReLU {BitConverter.SingleToInt32Bits(r.Slope)}",
        Dropout d => $"{d.Name} Dropout {BitConverter.SingleToInt32Bits(d.Probability)}",
        _ => $"{layer.Name} {layer.Kind}",
    };
}

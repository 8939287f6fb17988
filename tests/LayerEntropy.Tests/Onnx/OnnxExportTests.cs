using LayerEntropy.Nn;
using LayerEntropy.Onnx;
using static LayerEntropy.Tests.Onnx.OnnxTestModels;

namespace LayerEntropy.Tests.Onnx;

/// <summary>Our ONNX files as ONNX's own checker, shape inference and a numpy forward pass see them.</summary>
public class OnnxExportTests
{
    // The numpy reference runs in float64 from the same float32 weights, so the gap is our float32 rounding.
    private const double Atol = 1e-5, Rtol = 1e-5;

    [Theory]
    [MemberData(nameof(Models))]
    public void Checker_accepts_the_file_and_initializers_equal_the_parameters_bitwise(string name)
    {
        using var folder = new TempDir();
        var model = Build(name);
        string path = folder.File("model.onnx");
        OnnxModelFile.Save(model, path);

        var hashes = PythonOnnx.Check(path);

        var expected = new Dictionary<string, string>();
        foreach (var layer in model.Layers)
        {
            foreach (var p in layer.Parameters) expected[$"{layer.Name}.{p.Name}"] = Sha256(p.Value.Data);
            if (layer is Dropout drop) expected[$"{layer.Name}.ratio"] = Sha256([drop.Probability]);
        }
        Assert.Equal(expected.OrderBy(e => e.Key), hashes.OrderBy(e => e.Key));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Numpy_forward_pass_from_the_file_matches_our_output(string name)
    {
        using var folder = new TempDir();
        var model = Build(name);
        string path = folder.File("model.onnx"), input = folder.File("input.f32"), reference = folder.File("reference.f64");
        OnnxModelFile.Save(model, path);
        var x = RandomInput(model, batch: 5, seed: 11);
        File.WriteAllBytes(input, Bytes(x.Data));

        PythonOnnx.Check(path, input, reference);

        var ours = Run(model, x).Data;
        double[] expected = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(reference)).ToArray();
        Assert.Equal(ours.Length, expected.Length);
        for (int i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - expected[i]) <= Atol + Rtol * Math.Abs(expected[i]), $"output {i}: ours {ours[i]:R}, numpy {expected[i]:R}");
    }

    public static TheoryData<string> Models => Names;
}

using System.Runtime.InteropServices;
using LayerEntropy.Data;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Onnx;

/// <summary>
/// The graphs make_import_cases.py builds node by node with the onnx package, each with an input and the output NumPy
/// computes for it; written once per test class into a temporary folder.
/// </summary>
public sealed class ImportCases : IDisposable
{
    private const string Install = "install python3, python3-numpy, python3-onnx and python3-torch (e.g. apt-get install python3-onnx python3-torch)";

    /// <summary>Every case the script writes; the tests check that it wrote exactly these.</summary>
    public static readonly string[] All =
    [
        "gemm_forms", "matmul_forms", "arithmetic", "batchnorm_forms", "average_pool_include_1", "average_pool_include_0", "conv_general",
        "conv_same", "conv_fc", "clip_opset10", "clip_opset13", "squeeze_unsqueeze_opset11", "squeeze_unsqueeze_opset13", "nchw_twin",
        "nhwc_twin", "folded_reshape", "reshape_transpose", "initializer_forms", "torch_opset11", "torch_opset17",
    ];

    public static TheoryData<string> Names => [.. All];

    private readonly TempDir folder = new();

    public ImportCases()
    {
        string output = DebianPython.Run(Path.Combine("Onnx", "make_import_cases.py"), [folder.Path], Install);
        Written = [.. output.Split('\n').Where(l => l.StartsWith("case ", StringComparison.Ordinal)).Select(l => l[5..].Trim())];
    }

    /// <summary>The cases the script reported, in order.</summary>
    public IReadOnlyList<string> Written { get; }

    public string Model(string name) => folder.File(name, "model.onnx");

    public string Bad(string name) => folder.File("bad", $"{name}.onnx");

    public Tensor Input(string name) => ReadNpy(folder.File(name, "input.npy"));

    public Tensor Expected(string name) => ReadNpy(folder.File(name, "expected.npy"));

    /// <summary>A little-endian float32 C-order .npy file as a tensor.</summary>
    private static Tensor ReadNpy(string path)
    {
        using var stream = File.OpenRead(path);
        var header = NpyHeader.Read(stream, path);
        Assert.True(header.Dtype is { Kind: 'f', Size: 4 } && !header.FortranOrder, $"{path}: expected '<f4' in C order, got {header.Dtype}");
        stream.Position = header.DataOffset;
        var values = new float[header.Elements];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return new Tensor(values, [.. header.Shape.Select(d => (int)d)]);
    }

    public void Dispose() => folder.Dispose();
}

using Google.Protobuf;
using LayerEntropy.IO;
using LayerEntropy.Nn;

namespace LayerEntropy.Onnx;

/// <summary>
/// Saves and loads models as ONNX files, the one model format of the project: what training writes,
/// analysis reads, and Netron, ONNX Runtime or PyTorch can open too.
/// </summary>
public static class OnnxModelFile
{
    /// <summary>
    /// Writes <paramref name="model"/> as an ONNX model (opset 13, IR version 7). Layer names become node names
    /// and the names of their output values; parameters become initializers "&lt;layer&gt;.weight" and
    /// "&lt;layer&gt;.bias"; <paramref name="metadata"/> goes to metadata_props. The file is replaced atomically,
    /// so an interrupted save leaves any earlier file at <paramref name="path"/> intact.
    /// </summary>
    /// <exception cref="ArgumentException">A layer has no ONNX mapping, or two values would share a name.</exception>
    /// <exception cref="LayerEntropyException">The file cannot be written.</exception>
    public static void Save(Sequential model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var proto = OnnxWriter.Build(model, metadata);
        AtomicFile.Write(path, proto.WriteTo, "the model");
    }

    /// <summary>
    /// Reads a model <see cref="Save"/> wrote (`layerentropy train`, the controls, the experiments) back into layers of
    /// the training engine, named after their nodes. Models exported by other tools are not loaded here: the analysis
    /// runs them on ONNX Runtime.
    /// </summary>
    /// <exception cref="LayerEntropyException">The file is missing, is not an ONNX model, or was not written by layerentropy; the message names the file and the problem.</exception>
    public static OnnxModel Load(string path) => OnnxReader.Read(path);
}

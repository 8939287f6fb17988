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
    /// Reads an ONNX file whose graph is a single chain of supported operators: those <see cref="Save"/> writes, and
    /// the classifier graphs of PyTorch, tf2onnx and Keras exports (<see cref="SupportedOperators"/>). Constant
    /// subgraphs, such as the shape computations of a flatten, are evaluated when the file is read. Layers are named
    /// after their nodes (or their outputs when unnamed); layers that only imported models hold run forward only.
    /// </summary>
    /// <exception cref="LayerEntropyException">The file is missing, is not an ONNX model, or holds something unsupported; the message names the file and the problem.</exception>
    public static OnnxModel Load(string path) => OnnxReader.Read(path);

    /// <summary>The operators <see cref="Load"/> accepts.</summary>
    public static IReadOnlyList<string> SupportedOperators => OnnxOperatorSet.Described;
}

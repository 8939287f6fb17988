using Google.Protobuf;
using LayerEntropy.Onnx.Proto;

namespace LayerEntropy.Onnx;

/// <summary>Reads an ONNX file into an <see cref="OnnxModel"/>; every problem with the file is a <see cref="LayerEntropyException"/> naming it.</summary>
internal static class OnnxReader
{
    public static OnnxModel Read(string path)
    {
        var (ours, _) = ReadAny(path);
        return ours ?? throw LayerEntropyException.ForFile(path,
            "was not written by layerentropy train, so the training engine cannot load it; `layerentropy analyze` and `inspect` run it on ONNX Runtime");
    }

    /// <summary>
    /// Reads a model file either way it can be run: a model `layerentropy train` wrote (its producer) as layers of our
    /// engine, any other as a graph for ONNX Runtime, read without its large weights (ONNX Runtime reads those).
    /// </summary>
    public static (OnnxModel? Ours, OnnxGraph? Imported) ReadAny(string path)
    {
        var proto = Parse(path, weightless: true);
        if (proto.ProducerName != OnnxWriter.Producer) return (null, OnnxGraph.From(path, proto));
        if (proto.Graph.Initializer.Any(t => t.DataLocation == TensorProto.Types.DataLocation.External)) proto = Parse(path);
        return (new OnnxModel(new OnnxChain(path, proto).Build(), MetadataOf(proto)), null);
    }

    /// <summary>Only the file's metadata_props: what a caller that needs no layers (the recorded accuracy, say) reads.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) => MetadataOf(Parse(path, weightless: true));

    private static Dictionary<string, string> MetadataOf(ModelProto proto)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in proto.MetadataProps) metadata[entry.Key] = entry.Value;
        return metadata;
    }

    /// <summary>The file's ModelProto, checked to be one; every problem is a one-line error naming the file.</summary>
    /// <param name="weightless">Leave large weights out (<see cref="WeightReferences"/>): the graph's structure without its weights' memory.</param>
    internal static ModelProto Parse(string path, bool weightless = false)
    {
        if (Directory.Exists(path)) throw LayerEntropyException.ForFile(path, "is a folder, not an ONNX model file");
        if (!File.Exists(path)) throw LayerEntropyException.ForFile(path, "file not found");
        ModelProto proto;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length == 0) throw LayerEntropyException.ForFile(path, "not an ONNX model: the file is empty");
            byte[]? referenced = null;
            if (weightless)
            {
                // A file that is not well-formed protobuf is left to the parser, which says so.
                try { referenced = WeightReferences.Encode(path); }
                catch (InvalidDataException) { }
            }
            proto = referenced is null ? ModelProto.Parser.ParseFrom(stream) : ModelProto.Parser.ParseFrom(referenced);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw LayerEntropyException.ForFile(path, $"not an ONNX model: the file is not a protobuf ModelProto ({e.Message})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LayerEntropyException.ForFile(path, $"cannot read the file: {e.Message}", e);
        }
        // Protobuf has no magic number: other bytes can happen to parse as a message of unknown fields, so a
        // real model is recognised by what it must hold.
        if (proto.IrVersion <= 0 || proto.Graph is null || proto.Graph.Node.Count == 0)
            throw LayerEntropyException.ForFile(path, "not an ONNX model: no IR version or no graph with nodes");
        return proto;
    }
}

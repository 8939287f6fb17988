using Google.Protobuf;
using LayerEntropy.Onnx.Proto;
using static LayerEntropy.Onnx.Proto.AttributeProto.Types;

namespace LayerEntropy.Tests.Onnx;

/// <summary>Writes small hand-made ONNX files in the forms other exporters use, to test the reader on them.</summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto graph = new() { Name = "test" };

    /// <param name="input">Name of the graph input.</param>
    /// <param name="sampleShape">Its shape after the batch axis, which is left dynamic as "N".</param>
    public OnnxGraphBuilder(string input, params long[] sampleShape) => Input(input, sampleShape);

    /// <summary>A graph input with a dynamic batch axis "N" and <paramref name="sampleShape"/> after it (0: a free dim named "d{k}").</summary>
    public OnnxGraphBuilder Input(string name, params long[] sampleShape)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        for (int k = 0; k < sampleShape.Length; k++)
            shape.Dim.Add(sampleShape[k] > 0 ? new TensorShapeProto.Types.Dimension { DimValue = sampleShape[k] } : new TensorShapeProto.Types.Dimension { DimParam = $"d{k + 1}" });
        graph.Input.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } });
        return this;
    }

    /// <summary>A float32 initializer whose values live in the file <paramref name="location"/> (relative to the model).</summary>
    public OnnxGraphBuilder External(string name, string location, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        t.Dims.Add(dims);
        t.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        graph.Initializer.Add(t);
        return this;
    }

    public ModelProto Model { get; } = new() { IrVersion = 7 };

    /// <summary>A float32 initializer stored in float_data (the other form beside raw_data).</summary>
    public OnnxGraphBuilder Floats(string name, float[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.Add(dims);
        t.FloatData.Add(values);
        graph.Initializer.Add(t);
        return this;
    }

    /// <summary>A float32 initializer stored in raw_data (as torch.onnx writes every weight).</summary>
    public OnnxGraphBuilder Raw(string name, float[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())) };
        t.Dims.Add(dims);
        graph.Initializer.Add(t);
        return this;
    }

    public static TensorProto Longs(string name, params long[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(values.Length);
        t.Int64Data.Add(values);
        return t;
    }

    public OnnxGraphBuilder Initializer(TensorProto t)
    {
        graph.Initializer.Add(t);
        return this;
    }

    public OnnxGraphBuilder Node(string op, string name, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(output);
        node.Attribute.Add(attributes);
        graph.Node.Add(node);
        return this;
    }

    public static AttributeProto Attr(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };

    public static AttributeProto Attr(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };

    public static AttributeProto Attr(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Ints };
        a.Ints.Add(values);
        return a;
    }

    public static AttributeProto Attr(string name, TensorProto value) => new() { Name = name, Type = AttributeType.Tensor, T = value };

    public void Save(string path, string output, long opset = 13)
    {
        graph.Output.Add(new ValueInfoProto { Name = output });
        Model.Graph = graph;
        Model.OpsetImport.Add(new OperatorSetIdProto { Version = opset });
        using var stream = File.Create(path);
        Model.WriteTo(stream);
    }
}

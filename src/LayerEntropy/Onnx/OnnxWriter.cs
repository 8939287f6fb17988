using LayerEntropy.Nn;
using LayerEntropy.Onnx.Proto;
using static LayerEntropy.Onnx.Proto.AttributeProto.Types;

namespace LayerEntropy.Onnx;

/// <summary>
/// Turns a <see cref="Sequential"/> into an ONNX model (opset 13): graph input "input" of shape [batch, ...],
/// one node per layer named after it and writing a value of the same name (so every layer output is a
/// tappable value), initializers "&lt;layer&gt;.weight" and "&lt;layer&gt;.bias", and value_info for every
/// intermediate value so viewers and shape checkers see the shapes without running inference.
/// </summary>
internal static class OnnxWriter
{
    public const long IrVersion = 7;
    public const long Opset = 13;
    public const string InputName = "input";
    public const string BatchDim = "batch";

    /// <summary>The producer_name of the files we write: what tells our models from imported ones.</summary>
    public const string Producer = "layerentropy";

    public static ModelProto Build(Sequential model, IReadOnlyDictionary<string, string>? metadata)
    {
        var graph = new GraphProto { Name = "layerentropy" };
        graph.Input.Add(ValueInfo(InputName, model.InputShape));
        var names = new HashSet<string>(StringComparer.Ordinal) { InputName };
        string previous = InputName;
        var shapes = model.LayerOutputShapes();
        for (int i = 0; i < model.Layers.Count; i++)
        {
            var layer = model.Layers[i];
            var node = Node(layer, previous, graph);
            foreach (string value in node.Output.Concat(node.Input.Skip(1)))
                if (!names.Add(value)) throw new ArgumentException($"ONNX export: the value name '{value}' is used twice (rename layer '{layer.Name}')");
            graph.Node.Add(node);
            var info = ValueInfo(layer.Name, shapes[i]);
            if (i < model.Layers.Count - 1) graph.ValueInfo.Add(info);
            else graph.Output.Add(info);
            previous = layer.Name;
        }

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = Producer,
            ProducerVersion = typeof(OnnxWriter).Assembly.GetName().Version?.ToString(3) ?? "",
            Graph = graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return proto;
    }

    private static NodeProto Node(Layer layer, string input, GraphProto graph)
    {
        var node = new NodeProto { Name = layer.Name };
        node.Input.Add(input);
        node.Output.Add(layer.Name);
        switch (layer)
        {
            case Linear fc:
                node.OpType = "Gemm";
                AddParameters(node, graph, layer);
                node.Attribute.Add([Float("alpha", 1f), Float("beta", 1f), Int("transB", 1)]);
                break;
            case Conv2d conv:
                node.OpType = "Conv";
                AddParameters(node, graph, layer);
                node.Attribute.Add([Ints("kernel_shape", conv.KernelSize, conv.KernelSize), Ints("strides", conv.Stride, conv.Stride),
                    Ints("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding), Ints("dilations", 1, 1), Int("group", 1)]);
                break;
            case MaxPool2d pool:
                node.OpType = "MaxPool";
                node.Attribute.Add([Ints("kernel_shape", pool.Kernel, pool.Kernel), Ints("strides", pool.Stride, pool.Stride)]);
                break;
            case ReLU: node.OpType = "Relu"; break;
            case LeakyReLU leaky:
                node.OpType = "LeakyRelu";
                node.Attribute.Add(Float("alpha", leaky.Slope));
                break;
            case Sigmoid: node.OpType = "Sigmoid"; break;
            case Tanh: node.OpType = "Tanh"; break;
            case Flatten:
                node.OpType = "Flatten";
                node.Attribute.Add(Int("axis", 1));
                break;
            case Dropout drop:
                // Opset 12 moved the ratio from an attribute to an optional input; inference ignores it either way.
                node.OpType = "Dropout";
                string ratio = $"{layer.Name}.ratio";
                graph.Initializer.Add(OnnxTensors.FromFloats(ratio, [], [drop.Probability]));
                node.Input.Add(ratio);
                break;
            default:
                throw new ArgumentException($"ONNX export: layer '{layer.Name}' of kind {layer.Kind} has no ONNX mapping");
        }
        return node;
    }

    private static void AddParameters(NodeProto node, GraphProto graph, Layer layer)
    {
        foreach (var p in layer.Parameters)
        {
            string name = $"{layer.Name}.{p.Name}";
            graph.Initializer.Add(OnnxTensors.FromFloats(name, p.Value.Shape, p.Value.Data));
            node.Input.Add(name);
        }
    }

    private static ValueInfoProto ValueInfo(string name, int[] sampleShape)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDim });
        foreach (int d in sampleShape) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    private static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };

    private static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Ints };
        a.Ints.Add(values);
        return a;
    }
}

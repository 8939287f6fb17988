using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>A chain of layers applied in order; the network shape that training, ONNX files and taps share.</summary>
public sealed class Sequential : Layer
{
    private readonly Layer[] layers;
    private readonly int firstWithParameters;

    /// <param name="inputShape">Per-sample input shape, e.g. [1, 28, 28].</param>
    public Sequential(int[] inputShape, IEnumerable<Layer> layers)
    {
        InputShape = (int[])inputShape.Clone();
        this.layers = layers.ToArray();
        var shape = InputShape;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < this.layers.Length; i++)
        {
            var layer = this.layers[i];
            if (string.IsNullOrEmpty(layer.Name)) layer.Name = $"{layer.Kind.ToLowerInvariant()}{i}";
            Require(names.Add(layer.Name), $"layer name '{layer.Name}' is used twice");
            shape = layer.OutputShape(shape);
        }
        OutputShapePerSample = shape;
        firstWithParameters = Array.FindIndex(this.layers, l => l.Parameters.Count > 0);
    }

    public override string Kind => "Sequential";
    public int[] InputShape { get; }
    public int[] OutputShapePerSample { get; }
    public IReadOnlyList<Layer> Layers => layers;
    public override IReadOnlyList<Parameter> Parameters => [.. layers.SelectMany(l => l.Parameters)];

    public override int[] OutputShape(int[] inputShape)
    {
        Require(inputShape.AsSpan().SequenceEqual(InputShape), $"model takes [{string.Join(",", InputShape)}], got [{string.Join(",", inputShape)}]");
        return OutputShapePerSample;
    }

    /// <summary>Per-sample output shape of every layer, in order.</summary>
    public IReadOnlyList<int[]> LayerOutputShapes()
    {
        var shapes = new List<int[]>();
        var shape = InputShape;
        foreach (var layer in layers) shapes.Add(shape = layer.OutputShape(shape));
        return shapes;
    }

    public override Tensor Forward(Tensor x, bool training) => Forward(x, training, null);

    /// <summary>Runs the batch forward, handing each layer's output to <paramref name="sink"/> as it is made.</summary>
    public Tensor Forward(Tensor x, bool training, Action<Layer, Tensor>? sink) => Forward(x, training, sink, null);

    /// <summary>
    /// Runs the batch forward, handing to <paramref name="sink"/> the output of every layer that
    /// <paramref name="observed"/> names (every layer when it is null). In inference, a Linear layer followed by a
    /// ReLU, when its own output is not observed, runs fused with it (the same bits, one pass over the output fewer);
    /// only the ReLU's output reaches the sink then.
    /// </summary>
    internal Tensor Forward(Tensor x, bool training, Action<Layer, Tensor>? sink, Func<Layer, bool>? observed)
    {
        Require(x.Rank == InputShape.Length + 1 && x.Shape.AsSpan(1).SequenceEqual(InputShape),
            $"model takes batches of [{string.Join(",", InputShape)}], got {x}");
        bool fuse = !training && (sink is null || observed is not null);
        for (int i = 0; i < layers.Length; i++)
        {
            var layer = layers[i];
            if (fuse && layer is Linear linear && i + 1 < layers.Length && layers[i + 1] is ReLU relu && observed?.Invoke(linear) != true)
            {
                x = linear.ForwardRelu(x);
                if (observed?.Invoke(relu) != false) sink?.Invoke(relu, x);
                i++;
                continue;
            }
            x = layer.Forward(x, training);
            if (observed?.Invoke(layer) != false) sink?.Invoke(layer, x);
        }
        return x;
    }

    public override Tensor Backward(Tensor dy, bool needInputGradient = true)
    {
        for (int i = layers.Length - 1; i >= 0; i--)
        {
            bool needed = needInputGradient || i > firstWithParameters;
            if (!needed && i <= firstWithParameters && layers[i].Parameters.Count == 0) break;
            dy = layers[i].Backward(dy, needed);
        }
        return dy;
    }

    /// <summary>
    /// The paper's taps: the output of every hidden fully connected layer after its activation (the classifier, the
    /// last Linear layer, is not hidden). The activation is the first <see cref="Activation"/> after the Linear layer,
    /// looking past layers that keep each unit apart (Dropout, Flatten). A hidden Linear layer with no activation
    /// before the next other layer is tapped directly.
    /// </summary>
    public IReadOnlyList<string> DefaultTaps()
    {
        int last = Array.FindLastIndex(layers, l => l is Linear);
        var taps = new List<string>();
        for (int i = 0; i < last; i++)
        {
            if (layers[i] is not Linear) continue;
            int next = i + 1;
            while (next < layers.Length && KeepsUnitsApart(layers[next])) next++;
            taps.Add(next < layers.Length && layers[next] is Activation ? layers[next].Name : layers[i].Name);
        }
        return taps;
    }

    /// <summary>Layers that map each unit of a hidden layer on its own (or only move it), looked past to find its activation.</summary>
    private static bool KeepsUnitsApart(Layer layer) => layer is Dropout or Flatten;

    /// <summary>Total number of trainable values.</summary>
    public long ParameterCount => layers.Sum(l => l.Parameters.Sum(p => (long)p.Value.Length));
}

using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>Weight initialisation schemes. Biases start at zero, except under <see cref="Uniform"/>.</summary>
public enum InitScheme
{
    /// <summary>
    /// W and b ~ U(−b, b), b = 1/√fan_in: the default of PyTorch's Linear and Conv2d layers (LeCun's scale), so
    /// recipes tuned there carry over unchanged.
    /// </summary>
    Uniform,

    /// <summary>He et al. (2015): W ~ U(−b, b), b = √(6 / fan_in); keeps ReLU activations' variance through depth.</summary>
    Kaiming,

    /// <summary>Glorot and Bengio (2010): W ~ U(−b, b), b = √(6 / (fan_in + fan_out)); suited to sigmoid and tanh.</summary>
    Xavier,
}

/// <summary>
/// Fills a model's parameters from a seed, so the same seed gives the same network. The draws run through the layers
/// in order, so a model read back from its ONNX file is redrawn exactly as <see cref="ModelSpec.Build"/> drew it.
/// </summary>
public static class Init
{
    public static void Apply(Sequential model, InitScheme scheme, int seed)
    {
        var random = new Random(seed);
        foreach (var layer in model.Layers)
        {
            switch (layer)
            {
                case Linear fc:
                    Fill(fc.Weight.Value, fc.Bias.Value, scheme, fc.InFeatures, fc.OutFeatures, random);
                    break;
                case Conv2d conv:
                    int k = conv.KernelSize * conv.KernelSize;
                    Fill(conv.Weight.Value, conv.Bias.Value, scheme, conv.InChannels * k, conv.OutChannels * k, random);
                    break;
                case Dropout drop:
                    drop.Reseed(random.Next());
                    break;
            }
        }
    }

    private static void Fill(Tensor w, Tensor b, InitScheme scheme, int fanIn, int fanOut, Random random)
    {
        double bound = scheme switch
        {
            InitScheme.Kaiming => Math.Sqrt(6.0 / fanIn),
            InitScheme.Xavier => Math.Sqrt(6.0 / (fanIn + fanOut)),
            _ => 1.0 / Math.Sqrt(fanIn),
        };
        for (int i = 0; i < w.Length; i++) w[i] = (float)((random.NextDouble() * 2 - 1) * bound);
        for (int i = 0; i < b.Length; i++) b[i] = scheme == InitScheme.Uniform ? (float)((random.NextDouble() * 2 - 1) * bound) : 0f;
    }
}

using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>Adam (Kingma and Ba, 2015) with bias correction and L2 weight decay (torch.optim.Adam).</summary>
public sealed class Adam(IReadOnlyList<Parameter> parameters, float learningRate = 1e-3f, float beta1 = 0.9f,
    float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0) : Optimizer(parameters, learningRate, weightDecay)
{
    private readonly float[][] moments = [.. parameters.SelectMany(p => new[] { new float[p.Value.Length], new float[p.Value.Length] })];

    public float Beta1 { get; } = beta1;
    public float Beta2 { get; } = beta2;
    public float Epsilon { get; } = epsilon;
    public override string Kind => "adam";

    /// <summary>First and second moments, interleaved per parameter.</summary>
    public override IReadOnlyList<float[]> State => moments;

    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["lr"] = LearningRate, ["beta1"] = Beta1, ["beta2"] = Beta2, ["eps"] = Epsilon, ["weight_decay"] = WeightDecay,
    };

    private protected override void Update(int i, Parameter p)
    {
        float c1 = 1f - (float)Math.Pow(Beta1, Steps), c2 = 1f - (float)Math.Pow(Beta2, Steps);
        OptimizerKernels.Adam(p.Value.Data, p.Grad.Data, moments[2 * i], moments[2 * i + 1], LearningRate, Beta1, Beta2, Epsilon, WeightDecay, c1, c2);
    }
}

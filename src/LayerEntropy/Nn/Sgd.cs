using LayerEntropy.Tensors;

namespace LayerEntropy.Nn;

/// <summary>Stochastic gradient descent with momentum and L2 weight decay (torch.optim.SGD, no dampening).</summary>
public sealed class Sgd(IReadOnlyList<Parameter> parameters, float learningRate, float momentum = 0.9f, float weightDecay = 0)
    : Optimizer(parameters, learningRate, weightDecay)
{
    private readonly float[][] velocity = [.. parameters.Select(p => new float[p.Value.Length])];

    public float Momentum { get; } = momentum;
    public override string Kind => "sgd";
    public override IReadOnlyList<float[]> State => velocity;
    public override IReadOnlyDictionary<string, double> Settings =>
        new Dictionary<string, double> { ["lr"] = LearningRate, ["momentum"] = Momentum, ["weight_decay"] = WeightDecay };

    private protected override void Update(int i, Parameter p) =>
        OptimizerKernels.Sgd(p.Value.Data, p.Grad.Data, velocity[i], LearningRate, Momentum, WeightDecay);
}

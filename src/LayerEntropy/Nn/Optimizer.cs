namespace LayerEntropy.Nn;

/// <summary>Updates parameters from their gradients. Its state can be saved and restored to resume a run exactly.</summary>
public abstract class Optimizer(IReadOnlyList<Parameter> parameters, float learningRate, float weightDecay)
{
    public IReadOnlyList<Parameter> ParameterList { get; } = parameters;
    public float LearningRate { get; set; } = learningRate;
    public float WeightDecay { get; } = weightDecay;

    /// <summary>Number of steps taken so far.</summary>
    public long Steps { get; set; }

    /// <summary>"sgd" or "adam".</summary>
    public abstract string Kind { get; }

    /// <summary>The per-parameter state buffers, in a fixed order (what a resume file holds).</summary>
    public abstract IReadOnlyList<float[]> State { get; }

    /// <summary>The scalar hyper-parameters, by name (saved for resuming and reporting).</summary>
    public abstract IReadOnlyDictionary<string, double> Settings { get; }

    public void Step()
    {
        Steps++;
        for (int i = 0; i < ParameterList.Count; i++) Update(i, ParameterList[i]);
    }

    private protected abstract void Update(int index, Parameter p);
}

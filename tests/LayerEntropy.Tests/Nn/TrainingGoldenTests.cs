using System.Text.Json;
using LayerEntropy.Nn;
using LayerEntropy.Tensors;

namespace LayerEntropy.Tests.Nn;

/// <summary>A fixed tiny MLP trained by our engine reproduces PyTorch's loss sequence (Golden/make_training_golden.py).</summary>
public class TrainingGoldenTests
{
    private const double LossTolerance = 2e-5;
    private static readonly int[] Sizes = [6, 5, 4, 3];
    private const int Batch = 8;

    private static float Value(int i, double salt) => (float)(0.5 * Math.Sin(0.37 * i + salt));

    private static Sequential Build()
    {
        var fcs = Enumerable.Range(0, 3).Select(li =>
        {
            var fc = new Linear(Sizes[li], Sizes[li + 1]);
            for (int i = 0; i < fc.Weight.Value.Length; i++) fc.Weight.Value[i] = Value(i, 1.0 + li);
            for (int i = 0; i < fc.Bias.Value.Length; i++) fc.Bias.Value[i] = Value(i, 11.0 + li);
            return fc;
        }).ToArray();
        return new Sequential([Sizes[0]], [fcs[0], new ReLU(), fcs[1], new Tanh(), fcs[2]]);
    }

    private static double[] Run(Func<IReadOnlyList<Parameter>, Optimizer> make, int steps)
    {
        var model = Build();
        var optimizer = make(model.Parameters);
        var x = new Tensor(Batch, Sizes[0]);
        for (int i = 0; i < x.Length; i++) x[i] = (float)(2.0 * 0.5 * Math.Sin(0.37 * i + 21.0));
        int[] y = [.. Enumerable.Range(0, Batch).Select(i => (3 * i + 1) % Sizes[^1])];
        var loss = new SoftmaxCrossEntropy();
        var losses = new double[steps];
        for (int s = 0; s < steps; s++)
        {
            losses[s] = loss.Forward(model.Forward(x, training: true), y, withGradient: true, out _);
            model.Backward(loss.Gradient, needInputGradient: false);
            optimizer.Step();
        }
        return losses;
    }

    private static double[] Golden(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Nn", "Golden", "training_golden.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];
    }

    [Fact]
    public void AdamMatchesPyTorch()
    {
        var expected = Golden("adam");
        var actual = Run(p => new Adam(p, 0.05f, weightDecay: 1e-3f), expected.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= LossTolerance, $"step {i}: {actual[i]} vs PyTorch {expected[i]}");
    }

    [Fact]
    public void SgdWithMomentumMatchesPyTorch()
    {
        var expected = Golden("sgd");
        var actual = Run(p => new Sgd(p, 0.2f, momentum: 0.9f, weightDecay: 1e-3f), expected.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= LossTolerance, $"step {i}: {actual[i]} vs PyTorch {expected[i]}");
    }
}
